//! Nothing the clerk wrote is dropped in silence: long Nơi nhận and Kính
//! gửi lists and table rows taller than a page are printed whole (a list or
//! a row goes on over the next page), the PDF and the Word file carry the
//! same words, and text that truly cannot be shown is refused, named.

use std::io::Read;
use std::path::Path;

use crate::common::refuse::{run_in, stderr, write_files};
use crate::common::{Edit, MINIMAL, poppler};

/// The text of a Word file's body (every `<w:t>`), in order.
fn docx_text(path: &Path) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let mut out = String::new();
    let mut rest = xml.as_str();
    while let Some(at) = rest.find("<w:t") {
        rest = &rest[at..];
        let open = rest.find('>').unwrap();
        let close = rest.find("</w:t>").unwrap_or(open + 1);
        if close > open && !rest[..open].ends_with('/') {
            out.push_str(&rest[open + 1..close]);
        }
        out.push(' ');
        rest = &rest[open + 1..];
    }
    out
}

/// Renders `toml` to PDF and Word; every one of `words` (tokens without
/// spaces, which no line or page break splits) is in both.
fn all_printed(toml: &str, words: &[String]) {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), &[("v.toml", toml)]);
    for args in [
        vec!["render", "@v.toml", "-o", "@v.pdf", "--khong-ra-soat"],
        vec!["render", "@v.toml", "-o", "@v.docx", "--khong-ra-soat"],
    ] {
        let out = run_in(dir.path(), &args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }
    let tokens = |text: &str| -> std::collections::HashSet<String> {
        text.split_whitespace()
            .map(|w| w.trim_matches([';', '.', ',']).to_string())
            .collect()
    };
    let pdf = tokens(&poppler("pdftotext", &[], &dir.path().join("v.pdf")));
    let docx = tokens(&docx_text(&dir.path().join("v.docx")));
    for w in words {
        assert!(pdf.contains(w.as_str()), "PDF lacks {w:?}");
        assert!(docx.contains(w.as_str()), "Word file lacks {w:?}");
    }
}

#[test]
fn a_noi_nhan_longer_than_a_page_goes_on_over_the_next() {
    let items: Vec<String> = (1..=80)
        .map(|i| format!("Ủy ban nhân dân xã X{i}Y thuộc huyện Gò Dầu"))
        .collect();
    let list: Vec<String> = items.iter().map(|s| format!("\"{s}\"")).collect();
    let toml = MINIMAL.edit(
        "noi_nhan = [\"Như trên\", \"Lưu: VT, KSTT\"]",
        &format!("noi_nhan = [\"Như trên\", {}, \"Lưu: VT, KSTT\"]", list.join(", ")),
    );
    let mut words: Vec<String> = (1..=80).map(|i| format!("X{i}Y")).collect();
    words.extend(["Lưu:", "KSTT", "Chiến"].map(String::from));
    all_printed(&toml, &words);
}

#[test]
fn a_long_kinh_gui_list_is_printed_whole() {
    let list: Vec<String> = (1..=150).map(|i| format!("\"Trường Tiểu học T{i}H\"")).collect();
    let toml = MINIMAL.edit(
        "kinh_gui = [\"Công an tỉnh\", \"Các sở, ban, ngành tỉnh\"]",
        &format!("kinh_gui = [{}]", list.join(", ")),
    );
    let words: Vec<String> = (1..=150).map(|i| format!("T{i}H")).collect();
    all_printed(&toml, &words);
}

#[test]
fn a_table_row_taller_than_a_page_breaks_and_keeps_all_its_text() {
    let long: Vec<String> = (0..165).map(|i| format!("Câu C{i}D của một ô rất dài.")).collect();
    let toml = MINIMAL.edit(
        "[co_quan]",
        &format!(
            "[[phu_luc]]\ntieu_de = \"Bảng dài\"\nkem_theo = false\nngang = false\n\n[[phu_luc.bang]]\nco_chu = 13\ncot = [\"stt\", {{ ma = \"nd\", tieu_de = \"Nội dung\" }}, {{ ma = \"ghi\", tieu_de = \"Ghi chú của đơn vị\" }}, {{ ma = \"them\", tieu_de = \"Thêm một cột rộng nữa\" }}]\ndong = [{{ nd = \"Ngắn\", ghi = \"đầu\", them = \"Một đoạn chữ vừa phải cho cột này\" }}, {{ nd = \"{}\", ghi = \"cuối\", them = \"Một đoạn chữ vừa phải cho cột này\" }}, {{ nd = \"Sau cùng\", ghi = \"hết\", them = \"x\" }}]\n\n[co_quan]",
            long.join(" ")
        ),
    );
    let mut words: Vec<String> = (0..165).map(|i| format!("C{i}D")).collect();
    words.extend(["Sau", "hết", "cuối"].map(String::from));
    all_printed(&toml, &words);
}

#[test]
fn text_that_cannot_be_shown_is_refused_with_its_field() {
    let word = "X".repeat(300);
    let toml = MINIMAL.edit("\"Như trên\", ", &format!("\"Như trên\", \"{word}\", "));
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), &[("v.toml", &toml)]);
    let out = run_in(dir.path(), &["render", "@v.toml"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("trường `noi_nhan[1]`"), "{err}");
    assert!(err.contains("không vừa chỗ của nó trên trang"), "{err}");
    assert!(!dir.path().join("v.pdf").exists());
}

/// A batch's values print as written: "# …", "- …", "1. …" from a data
/// cell never make a heading, a list item or a new paragraph.
#[test]
fn values_from_data_never_change_the_structure_they_land_in() {
    let template = crate::common::refuse::BATCH.edit(
        "noi_dung = \"Kết quả: {{ row.ty_le }}%./.\"",
        "noi_dung = \"\"\"\nĐoạn đầu.\n\n{{ row.ghi }}\n\nCâu có {{ row.ghi }}\n{{ row.ghi }}\n\nKết thúc./.\n\"\"\"",
    );
    let units = "Đơn vị,Ghi\nSở Tư pháp,# Tiêu đề giả\nSở Y tế,- gạch giả\nSở Nội vụ,1. Mục giả\n";
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), &[("mau.toml", template.as_str()), ("dv.csv", units)]);
    let out = run_in(
        dir.path(),
        &["batch", "@mau.toml", "--data", "@dv.csv", "-o", "@ra"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    for (file, value) in [
        ("1-so-tu-phap.pdf", "# Tiêu đề giả"),
        ("2-so-y-te.pdf", "- gạch giả"),
        ("3-so-noi-vu.pdf", "1. Mục giả"),
    ] {
        let text = poppler("pdftotext", &["-layout"], &dir.path().join("ra").join(file));
        let lines: Vec<String> = text
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .skip_while(|l| l != "Đoạn đầu.")
            .take(3)
            .collect();
        assert_eq!(
            lines,
            [
                "Đoạn đầu.".to_string(),
                value.to_string(),
                format!("Câu có {value} {value}")
            ],
            "{file}"
        );
        // The paragraph holding the value alone is a paragraph, not a
        // heading: not bold (PyMuPDF reads the spans, tests/docx_doc.py).
        let out = std::process::Command::new("python3")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/docx_doc.py"))
            .arg("spans")
            .arg(dir.path().join("ra").join(file))
            .output()
            .expect("python3 with PyMuPDF (.ci/run installs it)");
        let spans: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let first = value.split_whitespace().next().unwrap();
        let bold: Vec<bool> = spans["spans"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["text"].as_str().unwrap().starts_with(first))
            .map(|s| s["bold"].as_bool().unwrap())
            .collect();
        assert!(!bold.is_empty() && bold.iter().all(|b| !b), "{file}: {bold:?}");
    }
}
