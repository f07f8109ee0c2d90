//! `vanban schema`: the JSON Schema editors read, to a file or stdout.

use std::path::Path;

use vanban::Error;

pub fn run(output: Option<&Path>) -> Result<(), Error> {
    let json = vanban::spec::json_schema_text();
    match output {
        Some(path) => {
            vanban::write::write_atomic(path, json.as_bytes())?;
            warn!("Đã ghi lược đồ vào {}.", path.display());
        }
        None => crate::out(&json)?,
    }
    Ok(())
}
