//! Reading the clerk's files with bounds: only regular files (a FIFO would
//! block for ever, `/dev/zero` would be read until memory ran out), and
//! none larger than its kind needs. The reason is said in Vietnamese; the
//! file's content is never quoted here.

use std::io::Read;
use std::path::Path;

use crate::error::{Diagnostic, io_reason};

/// A document or a units directory: the largest real ones are ~100 KB.
pub const TOML_TOI_DA: u64 = 5 * 1024 * 1024;
/// A CSV or XLSX data file.
pub const SO_LIEU_TOI_DA: u64 = 50 * 1024 * 1024;
/// A font file (a Times New Roman family member is ~1 MB).
pub const PHONG_TOI_DA: u64 = 50 * 1024 * 1024;

/// Refuses what is not a regular file or is over `limit` bytes.
pub fn check(path: &Path, limit: u64) -> Result<(), Box<Diagnostic>> {
    let meta = std::fs::metadata(path).map_err(|e| unreadable(path, &e))?;
    if !meta.is_file() {
        let what = if meta.is_dir() {
            "một thư mục"
        } else {
            "một thiết bị hoặc đường ống, không phải tệp thường"
        };
        return Err(Box::new(Diagnostic::file(path, format!("đây là {what}"))));
    }
    if meta.len() > limit {
        return Err(Box::new(
            Diagnostic::file(
                path,
                format!(
                    "tệp dài {} MB, quá giới hạn {} MB",
                    meta.len().div_ceil(1024 * 1024),
                    limit / (1024 * 1024)
                ),
            )
            .hint("tách thành nhiều tệp nhỏ hơn"),
        ));
    }
    Ok(())
}

/// The bytes of a regular file of at most `limit` bytes (checked again
/// while reading, should the file grow meanwhile).
pub fn read(path: &Path, limit: u64) -> Result<Vec<u8>, Box<Diagnostic>> {
    check(path, limit)?;
    let file = std::fs::File::open(path).map_err(|e| unreadable(path, &e))?;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(path, &e))?;
    if bytes.len() as u64 > limit {
        check(path, limit)?;
        return Err(Box::new(Diagnostic::file(
            path,
            "tệp lớn dần trong khi đọc",
        )));
    }
    Ok(bytes)
}

fn unreadable(path: &Path, e: &std::io::Error) -> Box<Diagnostic> {
    Box::new(Diagnostic::file(
        path,
        format!("không đọc được tệp: {}", io_reason(e)),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_within_the_limit_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.csv");
        std::fs::write(&file, "x,y\n").unwrap();
        assert_eq!(read(&file, 10).unwrap(), b"x,y\n");
        assert!(read(&file, 2).unwrap_err().message.contains("quá giới hạn"));
        assert!(
            read(dir.path(), 10)
                .unwrap_err()
                .message
                .contains("thư mục")
        );
        #[cfg(unix)]
        assert!(
            read(Path::new("/dev/zero"), 10)
                .unwrap_err()
                .message
                .contains("thiết bị")
        );
    }
}
