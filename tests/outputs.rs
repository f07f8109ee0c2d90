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

/// Temporary files a killed run left (not locked by anyone) are removed by
/// the next run writing in their folder; one another run holds is not.
#[test]
fn a_later_run_removes_what_a_killed_run_left() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), &[("v.toml", MINIMAL)]);
    let stale = dir.path().join(".vanban-bo-lai.tmp");
    let held = dir.path().join(".vanban-dang-ghi.tmp");
    std::fs::write(&stale, b"half a PDF").unwrap();
    std::fs::write(&held, b"being written").unwrap();
    // Left a minute ago (one just made may be another run's, not yet locked).
    let past = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    for f in [&stale, &held] {
        std::fs::File::options().write(true).open(f).unwrap().set_modified(past).unwrap();
    }
    let lock = std::fs::OpenOptions::new().write(true).open(&held).unwrap();
    lock.lock().unwrap();
    let out = run_in(dir.path(), &["render", "@v.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stale.exists(), "the stale temporary file is still there");
    assert!(held.exists(), "a file another run holds was removed");
    drop(lock);
}

/// A units file of `n` units.
fn many_units(n: usize) -> String {
    let mut csv = String::from("Đơn vị,Tỷ lệ\n");
    for i in 1..=n {
        csv.push_str(&format!("Xã số {i},{}\n", i % 100));
    }
    csv
}

fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !done() {
        assert!(std::time::Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::yield_now();
    }
}

fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".vanban-"))
        .collect()
}

/// Ctrl-C in a batch: the letters under way finish, the manifest lists the
/// rest as not made, no temporary file is left; a second Ctrl-C stops at
/// once, leaving no temporary file either.
#[test]
fn a_stopped_batch_writes_its_manifest_and_leaves_no_temporary_file() {
    for signals in [1, 2] {
        let dir = tempfile::tempdir().unwrap();
        write_files(dir.path(), &[("mau.toml", BATCH), ("dv.csv", &many_units(2_000))]);
        let out_dir = dir.path().join("ra");
        let child = Command::new(env!("CARGO_BIN_EXE_vanban"))
            .args(["batch", "mau.toml", "--data", "dv.csv", "-o", "ra", "--luong", "1"])
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        wait_until("the first letters", || {
            std::fs::read_dir(&out_dir).is_ok_and(|d| d.count() >= 3)
        });
        for _ in 0..signals {
            let status = Command::new("kill")
                .args(["-INT", &child.id().to_string()])
                .status()
                .unwrap();
            assert!(status.success());
        }
        let out = child.wait_with_output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(130), "{err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(temporaries(&out_dir).is_empty(), "{:?}", temporaries(&out_dir));
        if signals == 1 {
            assert!(err.contains("đã dừng theo yêu cầu"), "{err}");
            let manifest: serde_json::Value =
                serde_json::from_slice(&std::fs::read(out_dir.join("manifest.json")).unwrap())
                    .unwrap();
            let states: Vec<&str> = manifest
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["trang_thai"].as_str().unwrap())
                .collect();
            assert_eq!(states.len(), 2_000);
            assert!(states.contains(&"da_tao") && states.contains(&"chua_tao"));
            let made = states.iter().filter(|s| **s == "da_tao").count();
            let pdfs = std::fs::read_dir(&out_dir)
                .unwrap()
                .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "pdf"))
                .count();
            assert_eq!(made, pdfs, "the manifest lists every letter made");
        }
    }
}

/// A unit gone from the data: its letter from the last run is said, and
/// removed with --xoa-cu unless the clerk changed it.
#[test]
fn letters_of_a_previous_run_are_said_and_removed_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_files(d, &[("mau.toml", BATCH), ("dv.csv", UNITS)]);
    let run = |extra: &[&str]| {
        let mut args = vec!["batch", "@mau.toml", "--data", "@dv.csv", "-o", "@ra"];
        args.extend(extra);
        run_in(d, &args)
    };
    assert!(run(&[]).status.success());
    let y_te = d.join("ra/2-so-y-te.pdf");
    assert!(y_te.exists());
    write_files(d, &[("dv.csv", "Đơn vị,Tỷ lệ\nSở Tư pháp,40\nSở Nội vụ,55\n")]);
    let out = run(&[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("còn 1 tệp của lượt tạo trước") && err.contains("2-so-y-te.pdf"), "{err}");
    assert!(y_te.exists());
    // Back to two units; then the second gone again, with --xoa-cu.
    write_files(d, &[("dv.csv", UNITS)]);
    assert!(run(&[]).status.success());
    write_files(d, &[("dv.csv", "Đơn vị,Tỷ lệ\nSở Tư pháp,40\n")]);
    let out = run(&["--xoa-cu"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!y_te.exists(), "the previous run's letter is still there");
    // A letter the clerk changed is never removed.
    write_files(d, &[("dv.csv", UNITS)]);
    assert!(run(&[]).status.success());
    std::fs::write(&y_te, b"sua tay").unwrap();
    write_files(d, &[("dv.csv", "Đơn vị,Tỷ lệ\nSở Tư pháp,40\n")]);
    let out = run(&["--xoa-cu"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read(&y_te).unwrap(), b"sua tay");
    assert!(stderr(&out).contains("2-so-y-te.pdf"));
}
