//! Writing results so that a failure never leaves a partial PDF behind and
//! never replaces a good one: write a temporary file beside the target, then
//! rename it over the target in one step.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_replacing(path, bytes, true)
}

/// Like [`write_atomic`] without waiting for the disk (fsync): a batch
/// writes thousands of files, each of which a rerun makes again byte for
/// byte, and waiting for each cost it a tenth of its time. Readers still
/// never see a partial file; only a power cut can lose recent files.
pub fn write_atomic_unsynced(path: &Path, bytes: &[u8]) -> Result<()> {
    write_replacing(path, bytes, false)
}

/// Writes a new file, never replacing one (`vanban init`): the file appears
/// whole or not at all, and an existing file is an error.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = temporary(path, bytes)?;
    tmp.persist_noclobber(path)
        .map_err(|e| Error::io(path, "tạo", e.error))?;
    Ok(())
}

fn temporary(path: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".vanban-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(path, "tạo", e))?;
    tmp.write_all(bytes)
        .map_err(|e| Error::io(path, "ghi", e))?;
    Ok(tmp)
}

fn write_replacing(path: &Path, bytes: &[u8], sync: bool) -> Result<()> {
    let tmp = temporary(path, bytes)?;
    if sync {
        tmp.as_file()
            .sync_all()
            .map_err(|e| Error::io(path, "ghi", e))?;
    }
    // On error the temporary file is dropped, and so deleted.
    tmp.persist(path)
        .map_err(|e| Error::io(path, "ghi", e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_target_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.pdf");
        std::fs::write(&target, b"old").unwrap();
        write_atomic(&target, b"new").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_missing_directory_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_atomic(&dir.path().join("khong-co/a.pdf"), b"x").unwrap_err();
        assert!(err.to_string().contains("không tạo được tệp"), "{err}");
    }
}
