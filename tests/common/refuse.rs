//! Running the command on careless or hostile input: each case asserts the
//! exit code, the Vietnamese message with its place, and that no file was
//! created or changed.

use std::path::{Path, PathBuf};

use super::Edit;
use std::process::{Command, Output};

use super::MINIMAL;

pub fn vanban(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .output()
        .unwrap()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every file under `dir` with its bytes, to prove nothing changed.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                files.push((p.clone(), std::fs::read(&p).unwrap()));
            }
        }
    }
    files.sort();
    files
}

/// Runs `args` in a folder holding `files`; asserts exit 1, that stderr
/// holds every `expected` piece, and that the folder is unchanged.
pub fn refused(files: &[(&str, &str)], args: &[&str], expected: &[&str]) {
    let files: Vec<(&str, &[u8])> = files.iter().map(|(n, t)| (*n, t.as_bytes())).collect();
    refused_bytes(&files, args, expected);
}

/// [`refused`] with files of any bytes, in subfolders if their names say so.
pub fn refused_bytes(files: &[(&str, &[u8])], args: &[&str], expected: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), files);
    let before = snapshot(dir.path());
    let out = run_in(dir.path(), args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{args:?}\n{err}");
    for piece in expected {
        assert!(err.contains(piece), "{args:?}: {piece:?} not in\n{err}");
    }
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(snapshot(dir.path()), before, "{args:?} changed the folder");
}

/// Writes `files` under `dir`, making their folders.
pub fn write_files<B: AsRef<[u8]>>(dir: &Path, files: &[(&str, B)]) {
    for (name, bytes) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

/// Runs vanban with `args`, where `@name` stands for `dir/name`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    let args: Vec<std::ffi::OsString> = args
        .iter()
        .map(|a| match a.strip_prefix('@') {
            Some(name) => dir.join(name).into_os_string(),
            None => a.into(),
        })
        .collect();
    let refs: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
    vanban(&refs)
}

pub const BATCH: &str = r#"
so = 12
ky_hieu = "UBND-KSTT"
dia_danh = "Tây Ninh"
ngay = 2024-05-31
trich_yeu = "gửi {{ don_vi.ten }}"
noi_dung = "Kết quả: {{ row.ty_le }}%./."
noi_nhan = ["Như trên", "Lưu: VT"]

[co_quan]
ten = ["ỦY BAN NHÂN DÂN", "TỈNH TÂY NINH"]

[chu_ky]
chuc_vu = "CHỦ TỊCH"
ho_ten = "Nguyễn Văn A"
"#;

pub const UNITS: &str = "Đơn vị,Tỷ lệ\nSở Tư pháp,40\nSở Y tế,70\n";

/// Renders `van-ban.toml` in `dir` (written from `toml`): exit code and stderr.
pub fn render_in(dir: &Path, toml: &str) -> (Option<i32>, String) {
    std::fs::write(dir.join("van-ban.toml"), toml).unwrap();
    let out = vanban(&["render".as_ref(), dir.join("van-ban.toml").as_os_str()]);
    (out.status.code(), stderr(&out))
}

/// MINIMAL with a phụ lục table reading `du_lieu`.
pub fn with_data_file(du_lieu: &str) -> String {
    MINIMAL.edit(
        "[co_quan]\n",
        &format!(
            "[[phu_luc]]\ntieu_de = \"Số liệu\"\nkem_theo = false\n\n[[phu_luc.bang]]\ndu_lieu = \"{du_lieu}\"\ncot = [\"stt\", {{ ma = \"a\", tieu_de = \"A\" }}]\n\n[co_quan]\n"
        ),
    )
}
