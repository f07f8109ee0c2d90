//! Writing results so that a failure never leaves a partial file behind and
//! never replaces a good one: write a temporary file beside the target, then
//! rename it over the target in one step. What may not be replaced (the
//! files a document was read from) is checked here too, in one place.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Error, Result};

/// Temporary files' names start so: a later run in the folder recognises
/// (and removes) those a killed run left.
const PREFIX: &str = ".vanban-";
const SUFFIX: &str = ".tmp";

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
    let mut tmp = temporary(path, bytes)?;
    let file = tmp.file.take().expect("a temporary file not yet persisted");
    file.persist_noclobber(path)
        .map(|_| ())
        .map_err(|e| Error::io(path, "tạo", e.error))
}

fn temporary(path: &Path, bytes: &[u8]) -> Result<Temporary> {
    let mut tmp = temporary_beside(path)?;
    tmp.write_all(bytes)
        .map_err(|e| Error::io(path, "ghi", e))?;
    Ok(tmp)
}

/// A temporary file beside its target, removed if it is dropped unpersisted
/// (and by [`remove_temporaries`] should the process be stopped first).
pub struct Temporary {
    file: Option<tempfile::NamedTempFile>,
    path: PathBuf,
}

impl Temporary {
    fn file(&self) -> &tempfile::NamedTempFile {
        // Taken only by `persist`, which consumes the value.
        self.file.as_ref().expect("a temporary file not yet persisted")
    }
}

impl Write for Temporary {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self.file.as_mut() {
            Some(f) => f.write(buf),
            None => Err(std::io::ErrorKind::NotFound.into()),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self.file.as_mut() {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        // Dropping the file removes it; the registry forgets it.
        self.file.take();
        forget(&self.path);
    }
}

/// An empty temporary file in `path`'s folder, to be filled and then
/// [`persist`]ed as `path` (the joined file of a batch is written so). It
/// is created with the mode a new file gets (the umask applies) and locked
/// while this process holds it, so that no other run takes it for a file
/// a killed run left behind.
pub(crate) fn temporary_beside(path: &Path) -> Result<Temporary> {
    let dir = folder_exists(path)?;
    // Held while the file is made and locked: another thread's cleaning
    // never sees it unlocked.
    let mut held = lock_registry();
    remove_stale(dir, &held);
    let mut builder = tempfile::Builder::new();
    builder.prefix(PREFIX).suffix(SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let file = builder
        .tempfile_in(dir)
        .map_err(|e| Error::io(path, "tạo", e))?;
    // A lock is advisory; a file system without locks still gets the file.
    let _ = file.as_file().try_lock();
    let path = file.path().to_path_buf();
    held.push(path.clone());
    Ok(Temporary {
        file: Some(file),
        path,
    })
}

/// The folder `path` goes in, which must exist: vanban never makes a
/// folder the clerk did not ask for (a batch's `-o` is one it makes).
pub fn folder_exists(path: &Path) -> Result<&Path> {
    let dir = folder_of(path);
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
    Ok(dir)
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn write_replacing(path: &Path, bytes: &[u8], sync: bool) -> Result<()> {
    persist(temporary(path, bytes)?, path, sync)
}

/// Puts a written temporary file in `path`'s place in one step (after
/// waiting for the disk when `sync`). A file replaced keeps its mode (a
/// PDF colleagues could read stays readable); a link to a regular file
/// keeps being a link, the file it names being replaced. What is not a
/// regular file is never replaced.
pub(crate) fn persist(mut tmp: Temporary, path: &Path, sync: bool) -> Result<()> {
    let target = regular_target(path)?;
    if let Ok(meta) = std::fs::metadata(&target) {
        tmp.file()
            .as_file()
            .set_permissions(meta.permissions())
            .map_err(|e| Error::io(path, "ghi", e))?;
    }
    if sync {
        tmp.file()
            .as_file()
            .sync_all()
            .map_err(|e| Error::io(path, "ghi", e))?;
    }
    let file = tmp.file.take().expect("a temporary file not yet persisted");
    // On error the temporary file is dropped, and so deleted.
    file.persist(&target)
        .map_err(|e| Error::io(path, "ghi", e.error))?;
    Ok(())
}

/// Where writing `path` puts the file: `path` itself, or the regular file
/// a link at `path` names. A device, a pipe, a socket, a folder (or a link
/// to one) is refused: renaming over it would replace it.
pub fn regular_target(path: &Path) -> Result<PathBuf> {
    let Ok(link) = std::fs::symlink_metadata(path) else {
        return Ok(path.to_path_buf());
    };
    let meta = match link.file_type().is_symlink() {
        true => std::fs::metadata(path).ok(),
        false => Some(link),
    };
    match meta {
        // A dangling link: writing would replace the link itself.
        None => Err(not_a_file(path, "một liên kết tới tệp không còn")),
        Some(m) if m.is_file() => match std::fs::canonicalize(path) {
            Ok(real) if real != path => Ok(real),
            _ => Ok(path.to_path_buf()),
        },
        Some(m) if m.is_dir() => Err(not_a_file(path, "một thư mục")),
        Some(_) => Err(not_a_file(
            path,
            "một thiết bị, đường ống hoặc socket, không phải tệp thường",
        )),
    }
}

fn not_a_file(path: &Path, what: &str) -> Error {
    Error::Refused {
        message: format!(
            "không ghi được {}: đây là {what}, vanban chỉ ghi tệp thường",
            crate::error::shown(path)
        ),
        hint: "chọn tên một tệp mới hoặc một tệp thường có sẵn".into(),
    }
}

/// The temporary files this process holds, for [`remove_temporaries`].
static HELD: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn lock_registry() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    HELD.lock().unwrap_or_else(|e| e.into_inner())
}

fn forget(path: &Path) {
    lock_registry().retain(|p| p != path);
}

/// Removes the temporary files this process holds: called when it is
/// stopped (Ctrl-C, SIGTERM) before the files could be dropped.
pub fn remove_temporaries() {
    for path in lock_registry().drain(..) {
        let _ = std::fs::remove_file(path);
    }
}

/// How old a temporary file must be to be taken for one a killed run left:
/// another process makes its file and locks it a moment later, and in that
/// moment it must not look abandoned.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(2);

/// The folders this process has cleaned: once each is enough (a batch
/// makes thousands of files in one).
static CLEANED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes, from `dir`, the temporary files a killed run left: those no
/// running process holds (their lock is free) and not just made. A file
/// another run is still writing is locked, and left alone.
fn remove_stale(dir: &Path, held: &[PathBuf]) {
    {
        let mut cleaned = CLEANED.lock().unwrap_or_else(|e| e.into_inner());
        if cleaned.iter().any(|d| d == dir) {
            return;
        }
        cleaned.push(dir.to_path_buf());
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(PREFIX) && name.ends_with(SUFFIX)) {
            continue;
        }
        let path = entry.path();
        if held.contains(&path) {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| m.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER);
        if !meta.is_file() || !old {
            continue;
        }
        let Ok(file) = std::fs::OpenOptions::new().write(true).open(&path) else {
            continue;
        };
        if file.try_lock().is_ok() {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// Refuses to write `output` over one of `inputs` (the document, a data
/// file, a batch's letters): `-o a.toml` must not destroy the clerk's text;
/// and over what is not a regular file ([`regular_target`]).
/// Paths are compared resolved (links, "..", case as the disk has it).
pub fn refuse_overwriting(output: &Path, inputs: &[&Path]) -> Result<()> {
    regular_target(output)?;
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
