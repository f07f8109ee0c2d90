//! The format description and what is generated from it: the committed JSON
//! Schema, the README's key tables and `vanban init`'s starters. Run with
//! `VANBAN_CAP_NHAT=1` to rewrite the schema file and the README tables after
//! changing `src/spec/`.

use crate::common;
use crate::common::Edit;

use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn update() -> bool {
    std::env::var_os("VANBAN_CAP_NHAT").is_some()
}

fn schema_text() -> String {
    vanban::spec::json_schema_text()
}

#[test]
fn the_committed_schema_is_the_generated_one() {
    let path = Path::new(ROOT).join("vanban.schema.json");
    let generated = schema_text();
    if update() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "vanban.schema.json differs from `vanban schema`; run VANBAN_CAP_NHAT=1 cargo test --release spec::"
    );
}

#[test]
fn the_schema_command_prints_the_schema() {
    let out = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .arg("schema")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), schema_text());
}

/// The README's review rules between `<!-- quy-tac -->` and `<!-- /quy-tac -->`.
#[test]
fn the_readme_rule_table_is_generated_from_the_rules() {
    let path = Path::new(ROOT).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (open, close) = ("<!-- quy-tac -->\n", "<!-- /quy-tac -->");
    let start = readme.find(open).expect("README lacks <!-- quy-tac -->") + open.len();
    let end = start + readme[start..].find(close).unwrap();
    let mut rewritten = readme.clone();
    rewritten.replace_range(start..end, &vanban::spec::readme_rules());
    if update() && rewritten != readme {
        std::fs::write(&path, &rewritten).unwrap();
        return;
    }
    assert!(
        rewritten == readme,
        "the README's rule table differs from QuyTac; run VANBAN_CAP_NHAT=1 cargo test --release spec::"
    );
}

/// The README between `<!-- khoa: NAME -->` and `<!-- /khoa -->`.
#[test]
fn the_readme_key_tables_are_generated_from_the_description() {
    let path = Path::new(ROOT).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let mut rewritten = readme.clone();
    for (name, table) in vanban::spec::readme_sections() {
        let open = format!("<!-- khoa: {name} -->\n");
        let close = "<!-- /khoa -->";
        let start = rewritten
            .find(&open)
            .unwrap_or_else(|| panic!("README lacks the table {open}"))
            + open.len();
        let end = start + rewritten[start..].find(close).unwrap();
        rewritten.replace_range(start..end, &vanban::spec::readme_table(table));
    }
    if update() && rewritten != readme {
        std::fs::write(&path, &rewritten).unwrap();
        return;
    }
    assert!(
        rewritten == readme,
        "the README's key tables differ from src/spec/; run VANBAN_CAP_NHAT=1 cargo test --release spec::"
    );
}

fn toml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            toml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

/// (path, "ok" or the first schema error) for each file.
fn validate(files: &[PathBuf]) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let schema = dir.path().join("vanban.schema.json");
    std::fs::write(&schema, schema_text()).unwrap();
    let out = Command::new("python3")
        .arg(Path::new(ROOT).join("tests/schema/validate.py"))
        .arg(&schema)
        .args(files)
        .output()
        .expect("python3 with jsonschema is needed (pip install jsonschema)");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "validate.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
        .lines()
        .map(|l| {
            let (verdict, rest) = l.split_once(' ').unwrap();
            (rest.to_string(), verdict.to_string())
        })
        .collect()
}

#[test]
fn every_example_and_fixture_follows_the_schema() {
    let mut files = Vec::new();
    toml_files(&Path::new(ROOT).join("examples"), &mut files);
    toml_files(&Path::new(ROOT).join("tests/fixtures"), &mut files);
    let (_dir, minimal) = common::write_toml(common::MINIMAL);
    files.push(minimal);
    assert!(files.len() >= 8, "{files:?}");
    let results = validate(&files);
    assert_eq!(results.len(), files.len());
    for (path, verdict) in results {
        assert_eq!(verdict, "ok", "{path}");
    }
}

#[test]
fn examples_name_the_schema_for_editors() {
    let mut files = Vec::new();
    toml_files(&Path::new(ROOT).join("examples"), &mut files);
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let first = text.lines().next().unwrap_or_default();
        let depth = path.strip_prefix(ROOT).unwrap().components().count() - 1;
        let expected = format!("#:schema {}vanban.schema.json", "../".repeat(depth));
        assert_eq!(first, expected, "{}", path.display());
    }
}

#[test]
fn the_schema_underlines_wrong_documents() {
    let wrong = [
        ("unknown key", "[chu_ky]", "[chu_ky]\nhoten = \"A\""),
        ("number as text", "so = 1612", "so = \"một nghìn\""),
        (
            "unknown kind",
            "ky_hieu = ",
            "loai = \"ke_hoch\"\nky_hieu = ",
        ),
        ("missing ky_hieu", "ky_hieu = \"UBND-KSTT\"\n", ""),
        (
            "table font size",
            "[co_quan]",
            "[[phu_luc]]\ntieu_de = \"A\"\n[[phu_luc.bang]]\ncot = [\"stt\"]\nco_chu = 20\n\n[co_quan]",
        ),
        (
            "quyết định with Kính gửi",
            "ky_hieu = \"UBND-KSTT\"",
            "loai = \"quyet_dinh\"\nky_hieu = \"QĐ-UBND\"\ntham_quyen = \"A\"\ncan_cu = \"B\"\ndieu = [\"C\"]",
        ),
        (
            "bad choice",
            "[co_quan]",
            "[[muc]]\nnhiem_vu = \"theo_don\"\n\n[co_quan]",
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (i, (name, from, to)) in wrong.iter().enumerate() {
        let path = dir.path().join(format!("sai-{i}.toml"));
        std::fs::write(&path, common::MINIMAL.edit(from, to)).unwrap_or_else(|e| panic!("{name}: {e}"));
        files.push(path);
    }
    for ((path, verdict), (name, ..)) in validate(&files).into_iter().zip(wrong) {
        assert_eq!(verdict, "sai", "{name} was accepted: {path}");
    }
}

fn init(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
        .current_dir(dir)
        .arg("init")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn every_starter_renders_and_follows_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let compiler = vanban::Compiler::new();
    let mut files = Vec::new();
    for kind in vanban::starter::kinds() {
        if kind == vanban::starter::HANG_LOAT {
            continue;
        }
        let path = dir.path().join(format!("{kind}.toml"));
        let starter = vanban::starter::starter(kind, Some(&path)).unwrap();
        vanban::starter::write(&starter).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("#:schema ./vanban.schema.json\n"),
            "{kind}"
        );
        assert!(
            text.contains("# Địa danh (ô 4)\ndia_danh = "),
            "{kind}: {text}"
        );
        let rendered = vanban::pipeline::pdf_file(&compiler, &path)
            .unwrap_or_else(|e| panic!("the {kind} starter does not render:\n{e}\n{text}"));
        assert!(rendered.pages >= Some(1));
        files.push(path);
    }
    assert!(files.len() >= 20);
    for (path, verdict) in validate(&files) {
        assert_eq!(verdict, "ok", "{path}");
    }
}

#[test]
fn init_writes_a_starter_and_its_schema_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let out = init(dir.path(), &["ke_hoach"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Đã tạo ke-hoach.toml, vanban.schema.json."),
        "{stdout}"
    );
    let starter = dir.path().join("ke-hoach.toml");
    let text = std::fs::read_to_string(&starter).unwrap();
    assert!(text.contains("loai = \"ke_hoach\"\n") && text.contains("ky_hieu = \"KH-UBND\""));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("vanban.schema.json")).unwrap(),
        schema_text()
    );

    std::fs::write(&starter, "đã sửa").unwrap();
    let again = init(dir.path(), &["Kế hoạch", "ke-hoach.toml"]);
    assert_eq!(again.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(
        stderr.contains("ke-hoach.toml: tệp đã có; vanban init không ghi đè tệp có sẵn"),
        "{stderr}"
    );
    assert!(stderr.ends_with("chưa tạo tệp nào.\n"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&starter).unwrap(), "đã sửa");

    let unknown = init(dir.path(), &["ke_hoch"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("có phải ý bạn là \"ke_hoach\"?"));
}

#[test]
fn the_batch_starter_makes_a_letter_per_row() {
    let dir = tempfile::tempdir().unwrap();
    let out = init(dir.path(), &["hang_loat"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let template = dir.path().join("mau-hang-loat.toml");
    let data = dir.path().join("don-vi.csv");
    let result = vanban::hang_loat::chay(
        &vanban::Compiler::new(),
        &vanban::hang_loat::TuyChon {
            mau: template.clone(),
            du_lieu: data,
            thu_muc: dir.path().join("ket-qua"),
            ten_tep: vanban::hang_loat::ten_tep::MAC_DINH.to_string(),
            cot_don_vi: None,
            gop: None,
            luong: 1,
            strict: false,
            reach: Default::default(),
            request: Default::default(),
            formats: vec![&vanban::output::PDF],
            xoa_cu: false,
        },
        &|_| {},
        &Default::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(result.dong.len(), 3);
    assert_eq!(result.so_loi(), 0);
    for (path, verdict) in validate(&[template]) {
        assert_eq!(verdict, "ok", "{path}");
    }
}

#[test]
fn a_batch_key_in_a_single_document_is_explained() {
    let (dir, path) = common::write_toml(&format!("{}\n[bien]\nchi_tieu = 82\n", common::MINIMAL));
    let out = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .arg("render")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("trường `bien`: khóa `bien` không được hỗ trợ ở đầu tệp"),
        "{stderr}"
    );
    assert!(
        stderr.contains("gợi ý: khóa này chỉ dùng trong văn bản mẫu tạo hàng loạt"),
        "{stderr}"
    );
    assert!(!dir.path().join("van-ban.pdf").exists());
}
