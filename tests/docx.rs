//! The Word back end (issue 16) against a real reader: every bundled
//! example's `.docx` is converted to PDF by LibreOffice (one run for all),
//! and that PDF is held to what our own PDF shows — page size and
//! orientation, fonts, the header grid, sizes and bold/italic of each part,
//! Nơi nhận beside the signature, page numbers from page 2, the same words,
//! the page count within one. python-docx reads the `.docx` back (styles,
//! footnotes, repeated header rows, fields). PyMuPDF reads both PDFs.

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::refuse::{stderr, vanban};
use common::toml_string;
use serde_json::Value;

const EXAMPLES: [&str; 10] = [
    "cong-van.toml",
    "ke-hoach.toml",
    "cong-van-du-thao.toml",
    "quyet-dinh.toml",
    "cong-van-trich-dan.toml",
    "cong-van-chu-thich.toml",
    "bao-cao.toml",
    "cong-van-dien-tu.toml",
    "quyet-dinh-quy-che.toml",
    "nghi-quyet.toml",
];

fn python(args: &[&str], file: &Path) -> Value {
    let out = Command::new("python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/docx_doc.py"))
        .args(args)
        .arg(file)
        .output()
        .expect("python3 with PyMuPDF and python-docx (.ci/run installs them)");
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Converts every `.docx` in `dir` to PDF with LibreOffice, in one run.
fn libreoffice(dir: &Path, files: &[PathBuf]) -> PathBuf {
    let out = dir.join("lo");
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    );
    let status = Command::new("soffice")
        .arg(profile)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&out)
        .args(files)
        .output()
        .expect("LibreOffice (apt-get install libreoffice-writer-nogui; .ci/run installs it)");
    assert!(status.status.success(), "{}", stderr(&status));
    out
}

fn render(example: &str, output: &Path) {
    let input = common::example(example);
    let out = vanban(&[
        "render".as_ref(),
        input.as_os_str(),
        "-o".as_ref(),
        output.as_os_str(),
        "--khong-ra-soat".as_ref(),
    ]);
    assert!(out.status.success(), "{example}: {}", stderr(&out));
}

struct Span<'a>(&'a Value);

impl Span<'_> {
    fn text(&self) -> &str {
        self.0["text"].as_str().unwrap()
    }
    fn page(&self) -> u64 {
        self.0["page"].as_u64().unwrap()
    }
    fn b(&self, i: usize) -> f64 {
        self.0["box"][i].as_f64().unwrap()
    }
    fn style(&self) -> (f64, bool, bool) {
        (
            self.0["size"].as_f64().unwrap(),
            self.0["bold"].as_bool().unwrap(),
            self.0["italic"].as_bool().unwrap(),
        )
    }
}

fn spans(doc: &Value) -> Vec<Span<'_>> {
    doc["spans"].as_array().unwrap().iter().map(Span).collect()
}

fn find<'a>(doc: &'a Value, start: &str) -> Option<Span<'a>> {
    spans(doc).into_iter().find(|s| s.text().starts_with(start))
}

/// The words and numbers of a PDF, sorted, line breaks and pagination
/// aside (tests/docx_doc.py).
fn words(doc: &Value) -> Vec<String> {
    doc["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_string())
        .collect()
}

/// What each sorted word list has that the other lacks. Our PDF sets a
/// footnote mark with the font's superscript digits, which read as part of
/// the number before it ("2023" and mark 4 read "20234"); such a number
/// matches LibreOffice's "2023" (whose raised mark is left out).
fn difference(ours: &[String], lo: &[String]) -> (Vec<String>, Vec<String>) {
    let mut only_lo: Vec<String> = lo.to_vec();
    let mut only_ours: Vec<String> = Vec::new();
    for w in ours {
        match only_lo.iter().position(|x| x == w) {
            Some(i) => {
                only_lo.remove(i);
            }
            None => only_ours.push(w.clone()),
        }
    }
    let mut rest = Vec::new();
    for w in only_ours {
        let digits = w.chars().all(|c| c.is_ascii_digit());
        let glued = only_lo.iter().position(|x| {
            digits && w.len() > x.len() && w.len() - x.len() <= 2 && w.starts_with(x.as_str())
        });
        match glued {
            Some(i) => {
                only_lo.remove(i);
            }
            None => rest.push(w),
        }
    }
    let only_ours = rest;
    (only_ours, only_lo)
}

fn landscape(doc: &Value) -> usize {
    doc["pages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p[0].as_f64() > p[1].as_f64())
        .count()
}

/// Everything the LibreOffice PDF of `name` gets wrong, against ours.
fn compare(name: &str, ours: &Value, lo: &Value, notes: u64) -> Vec<String> {
    let mut bad = Vec::new();
    let mut check = |ok: bool, what: String| {
        if !ok {
            bad.push(format!("{name}: {what}"));
        }
    };
    let (n_ours, n_lo) = (
        ours["pages"].as_array().unwrap().len(),
        lo["pages"].as_array().unwrap().len(),
    );
    check(
        n_ours.abs_diff(n_lo) <= 1,
        format!("{n_lo} pages, ours {n_ours}"),
    );
    for p in lo["pages"].as_array().unwrap() {
        let (w, h) = (p[0].as_f64().unwrap(), p[1].as_f64().unwrap());
        let a4 = |a: f64, b: f64| (a - 595.3).abs() < 1.0 && (b - 841.9).abs() < 1.0;
        check(a4(w, h) || a4(h, w), format!("page {w} × {h} is not A4"));
    }
    check(
        (landscape(ours) > 0) == (landscape(lo) > 0),
        format!(
            "landscape pages {} against ours {}",
            landscape(lo),
            landscape(ours)
        ),
    );
    for s in spans(lo) {
        let font = s.0["font"].as_str().unwrap();
        check(
            font.starts_with("LiberationSerif") || font.starts_with("TimesNewRoman"),
            format!("font {font} for {:?}", s.text()),
        );
    }
    let (mut only_ours, mut only_lo) = difference(&words(ours), &words(lo));
    // Footnote marks: typst sets them with the font's superscript digits
    // (read at full size), Word as smaller raised text (left out).
    let mark = |w: &String| w.parse::<u64>().is_ok_and(|k| k >= 1 && k <= notes);
    only_ours.retain(|w| !mark(w));
    only_lo.retain(|w| !mark(w));
    check(
        only_ours.is_empty() && only_lo.is_empty(),
        format!("words differ: only ours {only_ours:?}, only LibreOffice {only_lo:?}"),
    );
    // Each part in its size, weight and style, as in our PDF.
    for part in [
        "CỘNG HÒA XÃ HỘI",
        "Độc lập",
        "Số:",
        "Kính gửi",
        "Nơi nhận:",
        "- Như",
        "- Lưu",
        "KT.",
        "TM.",
        "Phụ lục",
        "PHỤ LỤC",
    ] {
        match (find(ours, part), find(lo, part)) {
            (Some(o), Some(l)) => {
                let ((so, bo, io), (sl, bl, il)) = (o.style(), l.style());
                check(
                    (so - sl).abs() < 0.3 && bo == bl && io == il,
                    format!(
                        "{part:?}: {sl} pt bold {bl} italic {il}, ours {so} pt bold {bo} italic {io}"
                    ),
                );
            }
            (Some(_), None) => check(false, format!("{part:?} missing")),
            _ => {}
        }
    }
    // The header grid: Số on the left, level with the date on the right.
    if let (Some(so), Some(ngay)) = (
        find(lo, "Số:"),
        spans(lo).into_iter().find(|s| s.text().contains(", ngày")),
    ) {
        check(so.b(2) < ngay.b(0), "Số: is not left of the date".into());
        check(
            (so.b(1) - ngay.b(1)).abs() < 4.0,
            format!("Số: at {} , the date at {}", so.b(1), ngay.b(1)),
        );
        check(ngay.style().2, "the date is not italic".into());
    }
    // Nơi nhận level with the signature's first line, on its left.
    if let Some(nn) = find(lo, "Nơi nhận:") {
        let beside = spans(lo).into_iter().any(|s| {
            s.page() == nn.page()
                && s.b(0) > nn.b(2) + 50.0
                && (s.b(1) - nn.b(1)).abs() < 4.0
                && s.style().1
        });
        check(beside, "no signature line level with Nơi nhận".into());
    }
    // Table headers repeated on every page a table runs over: as many
    // pages start with the header as in our PDF (give or take one page).
    let header_pages = |doc: &Value| {
        let mut pages: Vec<u64> = spans(doc)
            .into_iter()
            .filter(|s| s.text() == "STT")
            .map(|s| s.page())
            .collect();
        pages.dedup();
        pages.len()
    };
    check(
        header_pages(ours).abs_diff(header_pages(lo)) <= 1,
        format!(
            "table headers on {} pages, ours on {}",
            header_pages(lo),
            header_pages(ours)
        ),
    );
    // Page numbers: none on page 1, centred in the top margin from page 2.
    let top_number = |page: u64| {
        spans(lo).into_iter().any(|s| {
            s.page() == page && s.b(3) < 56.0 && s.text().chars().all(|c| c.is_ascii_digit())
        })
    };
    check(!top_number(1), "a page number on page 1".into());
    if n_lo > 1
        && find(lo, "Phụ lục").is_none_or(|p| p.page() > 2)
        && find(lo, "PHỤ LỤC").is_none_or(|p| p.page() > 2)
        // An attached Quy chế, like a phụ lục, starts its own numbering.
        && find(lo, "QUY CHẾ").is_none_or(|p| p.page() > 2)
    {
        check(top_number(2), "no page number at the top of page 2".into());
    }
    bad
}

#[test]
fn every_example_as_docx_reads_in_libreoffice_as_our_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let mut docx = Vec::new();
    for e in EXAMPLES {
        let stem = e.trim_end_matches(".toml");
        let d = dir.path().join(format!("{stem}.docx"));
        render(e, &d);
        render(e, &dir.path().join(format!("{stem}.pdf")));
        docx.push(d);
    }
    // The batch examples, both forms of each letter: the first two units.
    let mut stems: Vec<String> = EXAMPLES
        .iter()
        .map(|e| e.trim_end_matches(".toml").to_string())
        .collect();
    for (template, data) in [
        ("mau-cong-van-don-vi.toml", "data/chi-tieu-nq01.csv"),
        ("mau-cong-van-xa.toml", "data/tthc-cap-xa.csv"),
    ] {
        let out_dir = dir.path().join(template.trim_end_matches(".toml"));
        let out = vanban(&[
            "batch".as_ref(),
            common::example(template).as_os_str(),
            "--data".as_ref(),
            common::example(data).as_os_str(),
            "-o".as_ref(),
            out_dir.as_os_str(),
            "--dang".as_ref(),
            "ca-hai".as_ref(),
        ]);
        assert!(out.status.success(), "{template}: {}", stderr(&out));
        let manifest: Value =
            serde_json::from_slice(&std::fs::read(out_dir.join("manifest.json")).unwrap()).unwrap();
        for row in manifest.as_array().unwrap().iter().take(2) {
            let pdf = row["tep"].as_str().unwrap();
            let stem = format!(
                "{}-{}",
                template.trim_end_matches(".toml"),
                pdf.trim_end_matches(".pdf")
            );
            std::fs::copy(out_dir.join(pdf), dir.path().join(format!("{stem}.pdf"))).unwrap();
            let d = dir.path().join(format!("{stem}.docx"));
            std::fs::copy(out_dir.join(row["tep_docx"].as_str().unwrap()), &d).unwrap();
            docx.push(d);
            stems.push(stem);
        }
    }
    let lo = libreoffice(dir.path(), &docx);
    let mut bad = Vec::new();
    let mut read: BTreeMap<&str, Value> = BTreeMap::new();
    for e in &stems {
        let stem = e.as_str();
        let ours = python(&["spans"], &dir.path().join(format!("{stem}.pdf")));
        let theirs = python(&["spans"], &lo.join(format!("{stem}.pdf")));
        let d = python(&["docx"], &dir.path().join(format!("{stem}.docx")));
        bad.extend(compare(
            stem,
            &ours,
            &theirs,
            d["footnotes"].as_u64().unwrap(),
        ));
        read.insert(stem, d);
    }
    // The Word file read back: named styles, real footnotes, header rows
    // repeated, no field but the page number.
    for (e, d) in &read {
        let styles: Vec<&str> = d["styles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        for s in [
            "Nội dung",
            "Đề mục",
            "Nơi nhận",
            "Chữ ký",
            "Chú thích",
            "Khối trên",
        ] {
            if !styles.contains(&s) {
                bad.push(format!("{e}: no style {s:?}"));
            }
        }
        if d["footnotes"] != d["footnote_references"] {
            bad.push(format!(
                "{e}: {} footnotes, {} references",
                d["footnotes"], d["footnote_references"]
            ));
        }
        if d["fields_in_body"] != serde_json::json!([]) {
            bad.push(format!("{e}: fields in the body {}", d["fields_in_body"]));
        }
        if d["fields_in_headers"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f.as_str().unwrap().trim() != "PAGE")
        {
            bad.push(format!("{e}: header fields {}", d["fields_in_headers"]));
        }
    }
    let chu_thich = &read["cong-van-chu-thich"];
    if chu_thich["footnotes"].as_u64().unwrap() < 4 {
        bad.push(format!(
            "cong-van-chu-thich.toml: only {} footnotes",
            chu_thich["footnotes"]
        ));
    }
    if read["cong-van"]["repeated_header_rows"].as_u64().unwrap() == 0 {
        bad.push("cong-van.toml: no repeated header row".into());
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// What would be a field, markup or a formula if a Word writer spliced text.
const WORD_NASTY: [&str; 6] = [
    "{ MERGEFIELD Ten } { PAGE } { DATE \\@ \"dd/MM\" }",
    "<w:fldSimple w:instr=\"DATE\"/></w:t></w:r><w:r><w:t>",
    "]]> &amp; &lt;b&gt; <![CDATA[x]]>",
    "=cmd|' /C calc'!A0 +SUM(A1) @A1",
    "DDEAUTO c:\\windows\\system32\\cmd.exe \"/c calc\"",
    "#set page(width: 1cm) $x^2$ #{1+1} @nhan <nhan> [nd]",
];

#[test]
fn user_text_stays_text_in_the_word_file() {
    let n = |i: usize| toml_string(WORD_NASTY[i]);
    let body: Vec<String> = WORD_NASTY.iter().map(|s| s.replace('\\', "\\\\")).collect();
    let toml = format!(
        r#"so = 12
ky_hieu = "UBND-KSTT"
dia_danh = "Tây Ninh"
ngay = 2024-05-31
trich_yeu = {ty}
kinh_gui = [{kg}, "Sở Y tế"]
noi_dung = """
{body}[^a]./.
"""
noi_nhan = ["Như trên", {nn}, "Lưu: VT"]

[chu_thich]
a = {note}

[co_quan]
ten = ["ỦY BAN NHÂN DÂN", "TỈNH TÂY NINH"]
ten_goi = "UBND tỉnh"

[chu_ky]
chuc_vu = "CHỦ TỊCH"
ho_ten = {ho_ten}

[[phu_luc]]
tieu_de = {pl}

[[phu_luc.bang]]
cot = ["stt", {{ ma = "a", tieu_de = "A" }}]
dong = [{{ a = {cell} }}]
"#,
        ty = n(0),
        kg = n(1),
        body = body.join("\n\n"),
        nn = n(2),
        note = n(3),
        ho_ten = n(4),
        pl = n(5),
        cell = n(1),
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.toml");
    std::fs::write(&path, toml).unwrap();
    let docx = dir.path().join("v.docx");
    let out = vanban(&[
        "render".as_ref(),
        path.as_os_str(),
        "-o".as_ref(),
        docx.as_os_str(),
        "--khong-ra-soat".as_ref(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let read = python(&["docx"], &docx);
    assert_eq!(read["fields_in_body"], serde_json::json!([]), "{read}");
    for f in read["fields_in_headers"].as_array().unwrap() {
        assert_eq!(f.as_str().unwrap().trim(), "PAGE", "{read}");
    }
    assert_eq!(read["footnotes"], 1);
    // LibreOffice prints every string as it was typed.
    let lo = libreoffice(dir.path(), &[docx]);
    let spans = python(&["spans"], &lo.join("v.pdf"));
    let text: String = spans["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect::<Vec<_>>()
        .join(" ");
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join("");
    let flat_text = flat(&text);
    for s in WORD_NASTY {
        assert!(
            flat_text.contains(&flat(s)),
            "{s:?} not printed as typed:\n{text}"
        );
    }
}
