//! `vanban tasks`: the task list, for Excel (CSV) or a script (JSON).

use std::path::Path;

use vanban::Error;

use crate::args::{Flags, ListFormat, XuatDanhSach};

pub fn run(input: &Path, xuat: &XuatDanhSach, flags: &Flags) -> Result<(), Error> {
    let document = crate::load(input, flags)?;
    let read: Vec<&Path> = document.tep_vao().collect();
    let bytes = match xuat.format {
        ListFormat::Csv => vanban::export::csv(&document)?,
        ListFormat::Json => vanban::export::json(&document)?,
    };
    if let Some(path) = xuat.ghi(&bytes, &read)? {
        warn!(
            "Đã ghi {} nhiệm vụ vào {}.",
            document.nhiem_vu.len(),
            path.display()
        );
    }
    Ok(())
}
