//! `vanban watch` end to end: the command runs on a document, the test edits
//! it as a clerk saves it and waits for the command to say what it did (no
//! fixed sleeps: each step waits for the watcher's line, with a deadline).

use crate::common;
use crate::common::Edit;

use std::io::BufRead;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// Waiting longer than this for the watcher means it is broken.
const DEADLINE: Duration = Duration::from_secs(30);

fn pdftotext(pdf: &std::path::Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    common::collapse(&String::from_utf8_lossy(&out.stdout))
}

/// `vanban watch` running on `doc`, its output lines arriving on a channel.
struct Watcher {
    child: std::process::Child,
    lines: mpsc::Receiver<String>,
}

impl Watcher {
    fn start(doc: &std::path::Path) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
            .arg("watch")
            .arg(doc)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (tx, lines) = mpsc::channel::<String>();
        let stdout = child.stdout.take().unwrap();
        let tx_out = tx.clone();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
            {
                let _ = tx_out.send(line);
            }
        });
        let stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stderr)
                .lines()
                .map_while(Result::ok)
            {
                let _ = tx.send(format!("stderr: {line}"));
            }
        });
        Watcher { child, lines }
    }

    /// The lines up to the next one containing `what`.
    fn wait_for(&self, what: &str) -> Vec<String> {
        let mut seen = Vec::new();
        loop {
            match self.lines.recv_timeout(DEADLINE) {
                Ok(line) => {
                    let found = line.contains(what);
                    seen.push(line);
                    if found {
                        return seen;
                    }
                }
                Err(e) => panic!("no line with {what:?} ({e}); got {seen:#?}"),
            }
        }
    }

    /// Ctrl-C: the watcher says goodbye and exits with success.
    fn stop(mut self) {
        // The shell's own `kill`: a fresh machine may lack procps' /bin/kill.
        let killed = Command::new("sh")
            .arg("-c")
            .arg(format!("kill -INT {}", self.child.id()))
            .status()
            .unwrap();
        assert!(killed.success());
        self.wait_for("Đã dừng theo dõi.");
        assert!(self.child.wait().unwrap().success());
    }
}

#[test]
fn each_save_remakes_the_pdf_an_error_keeps_the_last_one_and_ctrl_c_stops_it() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("van-ban.toml");
    let pdf = dir.path().join("van-ban.pdf");
    std::fs::write(&doc, common::MINIMAL).unwrap();
    let watcher = Watcher::start(&doc);
    watcher.wait_for("Đã tạo");
    assert!(pdftotext(&pdf).contains("Trần Văn Chiến"));

    // A save remakes it.
    std::fs::write(
        &doc,
        common::MINIMAL.edit("Trần Văn Chiến", "Lê Văn Tám"),
    )
    .unwrap();
    let made = watcher.wait_for("Đã tạo");
    assert!(
        made.last().unwrap().contains("(1 trang) trong"),
        "{made:#?}"
    );
    assert!(pdftotext(&pdf).contains("Lê Văn Tám"));
    let good = std::fs::read(&pdf).unwrap();

    // A save with an error: the message, and the last PDF kept.
    std::fs::write(&doc, common::MINIMAL.edit("so = 1612", "so = \"x\"")).unwrap();
    let mut failed = watcher.wait_for("vẫn giữ bản PDF trước");
    // The error goes to stderr, the summary to stdout: read by two threads,
    // the error line may arrive after the summary.
    if !failed.iter().any(|l| l.contains("van-ban.toml:2:6")) {
        failed.extend(watcher.wait_for("van-ban.toml:2:6"));
    }
    assert!(
        failed
            .iter()
            .any(|l| l.contains("lỗi: ") && l.contains("van-ban.toml:2:6")),
        "{failed:#?}"
    );
    assert_eq!(std::fs::read(&pdf).unwrap(), good);

    // Put right again, then Ctrl-C.
    std::fs::write(&doc, common::MINIMAL).unwrap();
    watcher.wait_for("Đã tạo");
    assert!(pdftotext(&pdf).contains("Trần Văn Chiến"));
    watcher.stop();
    // Nothing left behind but the document and its PDF.
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["van-ban.pdf", "van-ban.toml"]);
}

#[test]
fn a_saved_data_file_remakes_the_pdf_too() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("van-ban.toml");
    let pdf = dir.path().join("van-ban.pdf");
    let csv = dir.path().join("so-lieu.csv");
    std::fs::write(&csv, "A\nBốn mươi tám\n").unwrap();
    std::fs::write(&doc, common::refuse::with_data_file("so-lieu.csv")).unwrap();
    let watcher = Watcher::start(&doc);
    watcher.wait_for("Đã tạo");
    assert!(pdftotext(&pdf).contains("Bốn mươi tám"));
    std::fs::write(&csv, "A\nNăm mươi hai\n").unwrap();
    watcher.wait_for("Đã tạo");
    assert!(pdftotext(&pdf).contains("Năm mươi hai"));
    watcher.stop();
}
