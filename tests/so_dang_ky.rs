//! The register of outgoing documents: `vanban cap-so` on the bundled
//! công văn, numbers refused twice, clerks issuing at once, and a process
//! stopped dead at each step of issuing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::MINIMAL;

fn vanban(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{:?}\n{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The register of `dir` as `vanban so-van-ban --format json` reads it.
fn register(dir: &Path, nam: i32) -> Vec<serde_json::Value> {
    let out = vanban(
        dir,
        &["so-van-ban", "--nam", &nam.to_string(), "--format", "json"],
    );
    serde_json::from_str(&ok(&out)).unwrap()
}

/// `so = …` of a TOML file.
fn so_cua(path: &Path) -> Option<i64> {
    let t: toml::Table = std::fs::read_to_string(path).unwrap().parse().unwrap();
    t.get("so").and_then(|v| v.as_integer())
}

#[test]
fn the_bundled_cong_van_gets_its_number_with_its_comments_kept() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let before = std::fs::read_to_string(root.join("examples/cong-van.toml")).unwrap();
    let doc = dir.path().join("cong-van.toml");
    std::fs::write(&doc, &before).unwrap();
    std::fs::create_dir(dir.path().join("data")).unwrap();
    for f in std::fs::read_dir(root.join("examples/data")).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, dir.path().join("data").join(f.file_name().unwrap())).unwrap();
    }
    // `--thu` says what it would give and takes nothing.
    let out = ok(&vanban(
        dir.path(),
        &["cap-so", "--thu", "--ngay", "3/6/2024", "cong-van.toml"],
    ));
    assert!(
        out.contains("Sẽ cấp số 01/UBND-KSTT ngày 2024-06-03"),
        "{out}"
    );
    assert_eq!(std::fs::read_to_string(&doc).unwrap(), before);

    let run = vanban(
        dir.path(),
        &["cap-so", "--ngay", "2024-06-03", "cong-van.toml"],
    );
    let out = ok(&run);
    assert!(
        out.contains("Đã cấp số 01/UBND-KSTT ngày 2024-06-03"),
        "{out}"
    );
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("số 1612 ghi sẵn"),
        "the typed number's replacement is said: {err}"
    );
    // Only `so` and `ngay` changed; every comment and line else as written.
    let after = std::fs::read_to_string(&doc).unwrap();
    let expected = before.replacen("so = 1612\n", "so = 1\n", 1).replacen(
        "ngay = 2024-05-31\n",
        "ngay = 2024-06-03\n",
        1,
    );
    assert_eq!(after, expected);
    let pdf = dir.path().join("cong-van.pdf");
    let text = crate::common::collapse(&crate::common::poppler("pdftotext", &[], &pdf));
    assert!(text.contains("Số: 01/UBND-KSTT"), "{text}");
    assert!(text.contains("ngày 03 tháng 6 năm 2024"), "{text}");

    // Entered in the register with the PDF's hash; a second time refused.
    let reg = register(dir.path(), 2024);
    assert_eq!(reg.len(), 1);
    assert_eq!(reg[0]["trang_thai"], "da_cap");
    assert_eq!(reg[0]["so"], 1);
    let sha: String = {
        use sha2::Digest;
        sha2::Sha256::digest(std::fs::read(&pdf).unwrap())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    };
    assert_eq!(reg[0]["sha256_pdf"], sha.as_str());
    let again = vanban(dir.path(), &["cap-so", "cong-van.toml"]);
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(
        !again.status.success() && err.contains("đã được cấp số 01 ngày 2024-06-03"),
        "{err}"
    );
    // A date before the last number's is refused: numbers follow time.
    std::fs::write(dir.path().join("khac.toml"), MINIMAL).unwrap();
    let early = vanban(dir.path(), &["cap-so", "--ngay", "2024-06-01", "khac.toml"]);
    let err = String::from_utf8_lossy(&early.stderr);
    assert!(
        !early.status.success() && err.contains("trước ngày của số 1"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("khac.toml")).unwrap(),
        MINIMAL
    );
    // The register for Excel.
    let csv = ok(&vanban(dir.path(), &["so-van-ban", "--nam", "2024"]));
    assert!(
        csv.starts_with("\u{feff}\"Số, ký hiệu văn bản\",Ngày tháng văn bản"),
        "{csv}"
    );
    assert!(
        csv.contains("01/UBND-KSTT,03/06/2024,\"Công văn triển khai Chỉ thị"),
        "{csv}"
    );
}

/// `n` copies of the minimal document in `dir`, named `d{k}.toml`.
fn documents(dir: &Path, n: usize) -> Vec<PathBuf> {
    (0..n)
        .map(|k| {
            let p = dir.join(format!("d{k}.toml"));
            std::fs::write(&p, MINIMAL.replace("so = 1612\n", "")).unwrap();
            p
        })
        .collect()
}

/// Every number of the year is in the register once, from 1 without a
/// gap; each issued one is carried by exactly its document.
fn consistent(dir: &Path, docs: &[PathBuf]) -> Vec<serde_json::Value> {
    let reg = register(dir, 2024);
    let numbers: Vec<u64> = reg.iter().map(|m| m["so"].as_u64().unwrap()).collect();
    assert_eq!(
        numbers,
        (1..=reg.len() as u64).collect::<Vec<_>>(),
        "a gap or a duplicate"
    );
    for m in &reg {
        let tep = PathBuf::from(m["tep"].as_str().unwrap());
        if m["trang_thai"] == "da_cap" {
            assert_eq!(so_cua(&tep), m["so"].as_i64(), "{}", tep.display());
        }
    }
    let mut carried: Vec<i64> = docs.iter().filter_map(|d| so_cua(d)).collect();
    carried.sort();
    let before = carried.len();
    carried.dedup();
    assert_eq!(before, carried.len(), "two documents carry one number");
    reg
}

#[test]
fn clerks_issuing_at_once_get_consecutive_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let docs = documents(dir.path(), 8 * 50);
    let at = dir.path();
    std::thread::scope(|s| {
        for clerk in docs.chunks(50) {
            s.spawn(move || {
                for d in clerk {
                    let name = d.file_name().unwrap().to_str().unwrap();
                    ok(&vanban(at, &["cap-so", "--ngay", "2024-06-03", name]));
                }
            });
        }
    });
    let reg = consistent(dir.path(), &docs);
    assert_eq!(reg.len(), 400);
    assert!(reg.iter().all(|m| m["trang_thai"] == "da_cap"));
}

#[test]
fn a_process_stopped_dead_at_any_step_resumes_with_its_number() {
    let dir = tempfile::tempdir().unwrap();
    let docs = documents(dir.path(), 4);
    ok(&vanban(
        dir.path(),
        &["cap-so", "--ngay", "2024-06-03", "d0.toml"],
    ));
    for (k, step) in ["giu_so", "ghi_toml", "tao_pdf"].iter().enumerate() {
        let name = format!("d{}.toml", k + 1);
        let dead = Command::new(env!("CARGO_BIN_EXE_vanban"))
            .current_dir(dir.path())
            .env("VANBAN_DUNG_SAU", step)
            .args(["cap-so", "--ngay", "2024-06-03", &name])
            .output()
            .unwrap();
        assert!(!dead.status.success(), "{step}");
        // The number is accounted for, as being issued, and not given to
        // another document; the same document then finishes with it.
        let reg = consistent(dir.path(), &docs);
        let last = reg.last().unwrap();
        assert_eq!(
            (last["so"].as_u64(), &last["trang_thai"]),
            (Some(k as u64 + 2), &serde_json::json!("dang_cap")),
            "{step}"
        );
        ok(&vanban(dir.path(), &["cap-so", &name]));
        let reg = consistent(dir.path(), &docs);
        assert_eq!(reg.len(), k + 2, "{step}");
        assert_eq!(reg.last().unwrap()["trang_thai"], "da_cap", "{step}");
        assert_eq!(
            so_cua(&dir.path().join(&name)),
            Some(k as i64 + 2),
            "{step}"
        );
        assert!(
            dir.path().join(&name).with_extension("pdf").exists(),
            "{step}"
        );
    }
}

#[test]
fn clerks_killed_midway_leave_no_duplicate_and_no_gap() {
    let dir = tempfile::tempdir().unwrap();
    let docs = documents(dir.path(), 8 * 12);
    std::thread::scope(|s| {
        for (c, clerk) in docs.chunks(12).enumerate() {
            s.spawn(move || {
                for (i, d) in clerk.iter().enumerate() {
                    let mut run = Command::new(env!("CARGO_BIN_EXE_vanban"));
                    run.current_dir(d.parent().unwrap())
                        .args(["cap-so", "--ngay", "2024-06-03"])
                        .arg(d.file_name().unwrap())
                        .stdout(std::process::Stdio::null())
                        .stderr(std::process::Stdio::null());
                    // Among the others at work: one process in four dies
                    // (abort) right after a step of issuing, one in four
                    // is killed (SIGKILL) wherever it has got to.
                    let steps = ["giu_so", "ghi_toml", "tao_pdf"];
                    if (c + i) % 4 == 1 {
                        run.env("VANBAN_DUNG_SAU", steps[(c * 7 + i) % 3]);
                    }
                    let mut child = run.spawn().unwrap();
                    if (c + i) % 4 == 3 {
                        let _ = child.kill();
                    }
                    let _ = child.wait();
                }
            });
        }
    });
    let reg = consistent(dir.path(), &docs);
    assert!(reg.iter().all(|m| m["trang_thai"] != "huy"));
    let midway = reg.iter().filter(|m| m["trang_thai"] == "dang_cap").count();
    assert!(
        midway >= 24,
        "every aborted process holds its number: {midway}"
    );
    // Every killed document finishes when issued again, with the number
    // it had (if it had taken one).
    let issued: Vec<PathBuf> = reg
        .iter()
        .filter(|m| m["trang_thai"] == "da_cap")
        .map(|m| PathBuf::from(m["tep"].as_str().unwrap()))
        .collect();
    for d in &docs {
        if !issued.contains(&std::fs::canonicalize(d).unwrap()) {
            let name = d.file_name().unwrap().to_str().unwrap();
            ok(&vanban(
                dir.path(),
                &["cap-so", "--ngay", "2024-06-03", name],
            ));
        }
    }
    let reg = consistent(dir.path(), &docs);
    assert_eq!(reg.len(), docs.len());
    assert!(reg.iter().all(|m| m["trang_thai"] == "da_cap"));
}

#[test]
fn a_closed_year_takes_no_more_numbers() {
    let dir = tempfile::tempdir().unwrap();
    documents(dir.path(), 3);
    ok(&vanban(
        dir.path(),
        &["cap-so", "--ngay", "2024-12-30", "d0.toml"],
    ));
    // A number stopped midway keeps the year open until it is finished.
    let dead = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .current_dir(dir.path())
        .env("VANBAN_DUNG_SAU", "giu_so")
        .args(["cap-so", "--ngay", "2024-12-31", "d1.toml"])
        .output()
        .unwrap();
    assert!(!dead.status.success());
    let early = vanban(dir.path(), &["so-van-ban", "--khoa-so", "2024"]);
    let err = String::from_utf8_lossy(&early.stderr);
    assert!(
        !early.status.success() && err.contains("còn số đang cấp dở: 2"),
        "{err}"
    );
    ok(&vanban(dir.path(), &["cap-so", "d1.toml"]));
    let out = ok(&vanban(dir.path(), &["so-van-ban", "--khoa-so", "2024"]));
    assert!(out.contains("Đã khóa sổ năm 2024: chung"), "{out}");
    let late = vanban(dir.path(), &["cap-so", "--ngay", "2024-12-31", "d2.toml"]);
    let err = String::from_utf8_lossy(&late.stderr);
    assert!(
        !late.status.success() && err.contains("năm 2024 đã khóa"),
        "{err}"
    );
    // The closed lines stay readable; the next year starts at 01.
    assert_eq!(register(dir.path(), 2024).len(), 2);
    let out = ok(&vanban(
        dir.path(),
        &["cap-so", "--ngay", "2025-01-02", "d2.toml"],
    ));
    assert!(
        out.contains("Đã cấp số 01/UBND-KSTT ngày 2025-01-02"),
        "{out}"
    );
    // Listing options do not go with closing.
    let both = vanban(
        dir.path(),
        &["so-van-ban", "--khoa-so", "2025", "--nam", "2025"],
    );
    assert!(!both.status.success());
}
