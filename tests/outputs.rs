//! Where vanban writes: only regular files (never a device, a pipe, a link
//! to one), with the mode a new file gets or the mode of the file it
//! replaces, never over any file it read; and standard output that cannot
//! be written (a full disk, a closed pipe) is a Vietnamese error, never a
//! panic.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::common::MINIMAL;
use crate::common::refuse::{BATCH, UNITS, run_in, stderr, write_files};

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

fn is_fifo(path: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_fifo())
}

#[test]
fn only_regular_files_are_written() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[("v.toml", MINIMAL), ("mau.toml", BATCH), ("dv.csv", UNITS)],
    );
    let d = dir.path();
    mkfifo(&d.join("ong"));
    std::os::unix::fs::symlink(d.join("ong"), d.join("lien-ket")).unwrap();
    std::os::unix::fs::symlink(d.join("khong-co"), d.join("gay")).unwrap();
    std::fs::create_dir(d.join("thu-muc")).unwrap();
    for target in ["@ong", "@lien-ket", "@gay", "@thu-muc"] {
        for args in [
            vec!["render", "@v.toml", "-o", target],
            vec!["render", "@v.toml", "--dang", "docx", "-o", target],
            vec!["schema", "-o", target],
            vec!["tasks", "@v.toml", "-o", target],
            vec!["batch", "@mau.toml", "--data", "@dv.csv", "-o", "@ra", "--gop", target],
        ] {
            let out = run_in(d, &args);
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(1), "{args:?}\n{err}");
            assert!(err.contains("vanban chỉ ghi tệp thường"), "{args:?}\n{err}");
            assert!(!err.contains("panicked"), "{err}");
        }
    }
    assert!(is_fifo(&d.join("ong")));
    assert!(std::fs::symlink_metadata(d.join("gay")).unwrap().is_symlink());
    assert!(!d.join("ra").exists(), "the batch started before refusing --gop");
}

#[test]
fn a_new_file_gets_the_umask_mode_and_a_replaced_file_keeps_its_own() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), &[("v.toml", MINIMAL)]);
    let d = dir.path();
    let mode = |p: &str| std::fs::metadata(d.join(p)).unwrap().permissions().mode() & 0o777;
    // What a new file gets under the umask vanban inherits (a shell started
    // the same way says it).
    let umask = Command::new("sh").args(["-c", "umask"]).output().unwrap();
    let umask = u32::from_str_radix(String::from_utf8_lossy(&umask.stdout).trim(), 8).unwrap();
    let new = 0o666 & !umask;
    let out = run_in(d, &["render", "@v.toml", "-o", "@moi.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode("moi.pdf"), new);
    std::fs::set_permissions(d.join("moi.pdf"), std::fs::Permissions::from_mode(0o640)).unwrap();
    let out = run_in(d, &["render", "@v.toml", "-o", "@moi.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode("moi.pdf"), 0o640);
    // Through a link to a regular file: the file is replaced, the link stays.
    std::os::unix::fs::symlink(d.join("moi.pdf"), d.join("tro.pdf")).unwrap();
    let out = run_in(d, &["render", "@v.toml", "-o", "@tro.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::symlink_metadata(d.join("tro.pdf")).unwrap().is_symlink());
    assert_eq!(mode("moi.pdf"), 0o640);
    let out = run_in(d, &["init", "cong_van", "@khoi-dau.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode("khoi-dau.toml"), new);
}

/// Every command that prints, run with its standard output on a full disk
/// and on a pipe whose reader is gone.
#[test]
fn standard_output_that_cannot_be_written_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[("v.toml", MINIMAL), ("mau.toml", BATCH), ("dv.csv", UNITS)],
    );
    let d = dir.path();
    let commands: Vec<Vec<String>> = [
        vec!["schema"],
        vec!["check", "--json", "@v.toml"],
        vec!["tasks", "@v.toml"],
        vec!["render", "@v.toml", "-o", "@ra.pdf"],
        vec!["batch", "@mau.toml", "--data", "@dv.csv", "-o", "@lo"],
        vec!["--help"],
    ]
    .iter()
    .map(|c| {
        c.iter()
            .map(|a| match a.strip_prefix('@') {
                Some(n) => d.join(n).display().to_string(),
                None => a.to_string(),
            })
            .collect()
    })
    .collect();
    for args in &commands {
        let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
        let (reader, closed) = std::io::pipe().unwrap();
        drop(reader);
        for (how, stdout) in [("/dev/full", Stdio::from(full)), ("closed pipe", Stdio::from(closed))] {
            let out = Command::new(env!("CARGO_BIN_EXE_vanban"))
                .args(args)
                .current_dir(d)
                .stdout(stdout)
                .stderr(Stdio::piped())
                .output()
                .unwrap();
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(1), "{args:?} into {how}: {err}");
            assert!(
                err.contains("không ghi được kết quả ra màn hình hay đường ống"),
                "{args:?} into {how}: {err}"
            );
            assert!(!err.contains("panicked"), "{err}");
        }
    }
}

#[test]
fn nothing_written_replaces_any_file_read() {
    use crate::common::Edit;
    use crate::common::refuse::refused;
    // The units file named as the batch's manifest, in the output folder.
    refused(
        &[("mau.toml", BATCH), ("manifest.csv", UNITS)],
        &["batch", "@mau.toml", "--data", "@manifest.csv", "-o", "@"],
        &["trùng với tệp vào", "manifest.csv", "chưa tạo tệp nào"],
    );
    // A data file of the template, as the manifest.
    let with_data = BATCH.edit(
        "[co_quan]",
        "[[phu_luc]]\ntieu_de = \"Số liệu\"\nkem_theo = false\n[[phu_luc.bang]]\ndu_lieu = \"manifest.json\"\ncot = [\"stt\"]\n\n[co_quan]",
    );
    refused(
        &[("mau.toml", &with_data), ("dv.csv", UNITS), ("manifest.json", "{}")],
        &["batch", "@mau.toml", "--data", "@dv.csv", "-o", "@"],
        &["trùng với tệp vào", "manifest.json"],
    );
    // The document's directory file.
    let danh_ba = "[don_vi]\nstp = \"Sở Tư pháp\"\n";
    let doc = MINIMAL.edit("so = 1612", "danh_ba = \"db.toml\"\nso = 1612");
    refused(
        &[("v.toml", &doc), ("db.toml", danh_ba)],
        &["render", "@v.toml", "-o", "@db.toml"],
        &["trùng với tệp vào", "db.toml"],
    );
    // --gop into a folder that does not exist: said before anything is made.
    refused(
        &[("mau.toml", BATCH), ("dv.csv", UNITS)],
        &["batch", "@mau.toml", "--data", "@dv.csv", "-o", "@ra", "--gop", "@khong/gop.pdf"],
        &["thư mục", "khong", "chưa có"],
    );
}
