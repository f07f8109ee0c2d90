//! `vanban init`: a commented starter of a kind (or a batch template with
//! its data file), never over an existing file.

use std::path::Path;

use vanban::Error;

pub fn run(loai: &str, output: Option<&Path>) -> Result<(), Error> {
    let starter = vanban::starter::starter(loai, output)?;
    vanban::starter::write(&starter)?;
    let names: Vec<String> = starter
        .files
        .iter()
        .map(|(p, _)| p.display().to_string())
        .collect();
    say!("Đã tạo {}.", names.join(", "))?;
    let first = &names[0];
    if starter.files.len() > 1 && names[1].ends_with(".csv") {
        say!(
            "Sửa văn bản mẫu và số liệu rồi chạy: vanban batch {first} --data {} -o ket-qua",
            names[1]
        )?;
    } else {
        say!("Sửa nội dung rồi chạy: vanban render {first}")?;
    }
    Ok(())
}
