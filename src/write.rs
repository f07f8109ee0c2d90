//! Writing results so that a failure never leaves a partial file behind and
//! never replaces a good one: write a temporary file beside the target, then
//! rename it over the target in one step. What may not be replaced (the
//! files a document was read from) is checked here too, in one place.

use std::io::Write;
use std::path::{Path, PathBuf};

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
    let mut tmp = temporary_beside(path)?;
    tmp.write_all(bytes)
        .map_err(|e| Error::io(path, "ghi", e))?;
    Ok(tmp)
}

/// An empty temporary file in `path`'s folder, to be filled and then
/// [`persist`]ed as `path` (the joined file of a batch is written so).
pub(crate) fn temporary_beside(path: &Path) -> Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(Error::Refused {
            message: format!(
                "không ghi được {}: thư mục {} chưa có",
                crate::error::shown(path),
                crate::error::shown(dir)
            ),
            hint: "tạo thư mục đó trước, hoặc ghi vào một thư mục đã có".into(),
        });
    }
    tempfile::Builder::new()
        .prefix(".vanban-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(path, "tạo", e))
}

fn write_replacing(path: &Path, bytes: &[u8], sync: bool) -> Result<()> {
    persist(temporary(path, bytes)?, path, sync)
}

/// Puts a written temporary file in `path`'s place in one step (after
/// waiting for the disk when `sync`).
pub(crate) fn persist(tmp: tempfile::NamedTempFile, path: &Path, sync: bool) -> Result<()> {
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

/// Refuses to write `output` over one of `inputs` (the document, a data
/// file, a batch's letters): `-o a.toml` must not destroy the clerk's text.
/// Paths are compared resolved (links, "..", case as the disk has it).
pub fn refuse_overwriting(output: &Path, inputs: &[&Path]) -> Result<()> {
    let target = resolved(output);
    for input in inputs {
        if resolved(input) == target {
            return Err(Error::Refused {
                message: format!(
                    "tệp ra {} trùng với tệp vào {}: ghi ra sẽ xóa mất tệp vào",
                    output.display(),
                    input.display()
                ),
                hint: "chọn tên hoặc thư mục khác cho tệp ra".into(),
            });
        }
    }
    Ok(())
}

/// The path as the file system resolves it; for a file not yet made, its
/// folder resolved and its name appended.
fn resolved(path: &Path) -> PathBuf {
    if let Ok(p) = std::fs::canonicalize(path) {
        return p;
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    match (std::fs::canonicalize(parent), path.file_name()) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => path.to_path_buf(),
    }
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
        assert!(err.to_string().contains("khong-co chưa có"), "{err}");
    }
}
