//! Reading the clerk's files with bounds: only regular files (a FIFO would
//! block for ever, `/dev/zero` would be read until memory ran out), and
//! none larger than its kind needs. The reason is said in Vietnamese; the
//! file's content is never quoted here.

use std::io::Read;
use std::path::{Component, Path};

use crate::error::{Diagnostic, io_reason};

/// A document or a units directory: the largest real ones are ~100 KB.
pub const TOML_TOI_DA: u64 = 5 * 1024 * 1024;
/// A CSV or XLSX data file.
pub const SO_LIEU_TOI_DA: u64 = 50 * 1024 * 1024;
/// What an .xlsx unpacks to (its XML): a 50 MB sheet of numbers is ~300 MB
/// unpacked at most; a "zip bomb" of a few KB can unpack to gigabytes.
pub const GIAI_NEN_TOI_DA: u64 = 500 * 1024 * 1024;
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

/// Whether `path` lies in `folder` or below it, links followed. A path
/// that does not exist is judged by its components (absolute, or `..`
/// climbing out), so a refusal does not tell what exists outside.
pub fn within(folder: &Path, path: &Path) -> bool {
    // A document named without a folder ("v.toml") lies in the current
    // one, and the paths it names are relative to it as they stand.
    let here = folder.as_os_str().is_empty();
    let folder = if here { Path::new(".") } else { folder };
    match (std::fs::canonicalize(folder), std::fs::canonicalize(path)) {
        (Ok(folder), Ok(path)) => path.starts_with(folder),
        _ => {
            let rel = match here {
                true => path,
                false => match path.strip_prefix(folder) {
                    Ok(rel) => rel,
                    Err(_) => return false,
                },
            };
            let mut depth = 0usize;
            for c in rel.components() {
                match c {
                    Component::Normal(_) => depth += 1,
                    Component::CurDir => {}
                    Component::ParentDir if depth > 0 => depth -= 1,
                    _ => return false,
                }
            }
            true
        }
    }
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

    #[test]
    fn within_follows_links_and_judges_missing_files_by_their_path() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("vb");
        std::fs::create_dir_all(doc.join("so-lieu")).unwrap();
        std::fs::write(doc.join("so-lieu/a.csv"), "x\n").unwrap();
        std::fs::write(dir.path().join("ngoai.csv"), "x\n").unwrap();
        assert!(within(&doc, &doc.join("so-lieu/a.csv")));
        assert!(within(&doc, &doc.join("so-lieu/../so-lieu/a.csv")));
        assert!(within(&doc, &doc.join("so-lieu/chua-co.csv")));
        assert!(!within(&doc, &doc.join("../ngoai.csv")));
        assert!(!within(&doc, &doc.join("../chua-co.csv")));
        assert!(!within(&doc, Path::new("/etc/passwd")));
        // A document in the current folder, named without one.
        assert!(within(Path::new(""), Path::new("chua-co/a.csv")));
        assert!(!within(Path::new(""), Path::new("../chua-co.csv")));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("ngoai.csv"), doc.join("lien-ket.csv"))
                .unwrap();
            assert!(!within(&doc, &doc.join("lien-ket.csv")));
        }
    }
}
