//! `vanban tasks`: the task list, for Excel (CSV) or a script (JSON).

use std::path::Path;

use vanban::Error;

use crate::args::{Flags, ListFormat};

pub fn run(input: &Path, format: ListFormat, output: Option<&Path>, flags: &Flags) -> Result<(), Error> {
    let document = crate::load(input, flags)?;
    if let Some(output) = output {
        let read: Vec<&Path> = document.tep_vao().collect();
        vanban::write::refuse_overwriting(output, &read)?;
    }
    let bytes = match format {
        ListFormat::Csv => vanban::export::csv(&document)?,
        ListFormat::Json => vanban::export::json(&document)?,
    };
    match output {
        Some(path) => {
            vanban::write::write_atomic(path, &bytes)?;
            warn!(
                "Đã ghi {} nhiệm vụ vào {}.",
                document.nhiem_vu.len(),
                path.display()
            );
        }
        None => {
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(&bytes)
                .and_then(|()| stdout.flush())
                .map_err(Error::Stdout)?;
        }
    }
    Ok(())
}
