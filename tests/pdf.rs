//! Assertions on the PDF itself, read back with poppler-utils (pdftotext,
//! pdfinfo, pdffonts; `.ci/run` installs them), and on user text surviving
//! the trip literally.

use crate::common;
use crate::common::Edit;

use std::path::Path;
use std::process::Command;

use common::{Layout, MINIMAL, collapse, compile_str, poppler, toml_string};

fn render_to(toml: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = common::write_toml(toml);
    let rendered =
        vanban::pipeline::pdf_file(&vanban::Compiler::new(), &path).unwrap_or_else(|e| panic!("{e}"));
    let pdf = dir.path().join("out.pdf");
    vanban::write::write_atomic(&pdf, &rendered.bytes).unwrap();
    (dir, pdf)
}

/// Rendered from where it lies, since its phụ lục reads examples/data/.
fn render_path(path: &Path) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let rendered =
        vanban::pipeline::pdf_file(&vanban::Compiler::new(), path).unwrap_or_else(|e| panic!("{e}"));
    let pdf = dir.path().join("out.pdf");
    vanban::write::write_atomic(&pdf, &rendered.bytes).unwrap();
    (dir, pdf)
}

fn example_pdf() -> (tempfile::TempDir, std::path::PathBuf) {
    render_path(&common::example("cong-van.toml"))
}

fn info(pdf: &Path) -> String {
    let out = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo (poppler-utils)");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn pages_are_a4() {
    let (_dir, pdf) = example_pdf();
    let info = info(&pdf);
    assert!(
        info.contains("Page size:       595.276 x 841.89 pts (A4)"),
        "{info}"
    );
    let pages: usize = info.lines().find(|l| l.starts_with("Pages:")).unwrap()[6..]
        .trim()
        .parse()
        .unwrap();
    assert!(pages >= 2);
}

#[test]
fn fonts_are_embedded() {
    let (_dir, pdf) = example_pdf();
    let out = Command::new("pdffonts")
        .arg(&pdf)
        .output()
        .expect("pdffonts (poppler-utils)");
    let table = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = table.lines().skip(2).collect();
    assert!(
        rows.len() >= 3,
        "regular, bold and italic at least:\n{table}"
    );
    for row in rows {
        assert!(row.contains("LiberationSerif"), "{row}");
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type [encoding] emb sub uni object ID
        let emb = cols[cols.len() - 5];
        assert_eq!(emb, "yes", "not embedded: {row}");
    }
}

#[test]
fn text_extraction_gives_the_exact_vietnamese() {
    let (_dir, pdf) = example_pdf();
    let text = collapse(&poppler("pdftotext", &[], &pdf));
    for expected in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Tây Ninh, ngày 31 tháng 5 năm 2024",
        "Số: 1612/UBND-KSTT",
        "ỦY BAN NHÂN DÂN",
        "TỈNH TÂY NINH",
        "Kính gửi:",
        "- UBND các huyện, thị xã, thành phố.",
        "V/v triển khai Chỉ thị số 16/CT-TTg",
        "2. Sở Tư pháp",
        "Nơi nhận:",
        "- Lưu: VT.VP UBND tỉnh.",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Trần Văn Chiến",
        "các nhiệm vụ được giao./.",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from the PDF text"
        );
    }
}

#[test]
fn document_metadata_names_the_letter() {
    let (_dir, pdf) = example_pdf();
    let info = info(&pdf);
    assert!(
        info.contains("Title:           Công văn số 1612/UBND-KSTT V/v triển khai"),
        "{info}"
    );
    assert!(info.contains("Creator:         vanban"), "{info}");
}

#[test]
fn same_input_same_bytes() {
    let (_a, first) = example_pdf();
    let (_b, second) = example_pdf();
    assert_eq!(
        std::fs::read(first).unwrap(),
        std::fs::read(second).unwrap()
    );
}

#[test]
fn leading_zeros_for_small_numbers_days_and_january_february() {
    let toml = MINIMAL
        .edit("so = 1612", "so = 7")
        .edit("ngay = 2024-05-31", "ngay = \"5/1/2020\"");
    let (_dir, pdf) = render_to(&toml);
    let text = collapse(&poppler("pdftotext", &[], &pdf));
    assert!(text.contains("Số: 07/UBND-KSTT"), "{text}");
    assert!(
        text.contains("Tây Ninh, ngày 05 tháng 01 năm 2020"),
        "{text}"
    );

    let toml = MINIMAL.edit("ngay = 2024-05-31", "ngay = 2024-02-09");
    let (_dir, pdf) = render_to(&toml);
    assert!(collapse(&poppler("pdftotext", &[], &pdf)).contains("ngày 09 tháng 02 năm 2024"));
    let toml = MINIMAL.edit("ngay = 2024-05-31", "ngay = 2024-12-09");
    let (_dir, pdf) = render_to(&toml);
    assert!(collapse(&poppler("pdftotext", &[], &pdf)).contains("ngày 09 tháng 12 năm 2024"));
}

#[test]
fn drafts_keep_blanks_for_so_and_day() {
    let toml = MINIMAL
        .edit("so = 1612\n", "")
        .edit("ky_hieu = \"UBND-KSTT\"", "ky_hieu = \"UBND-PVHCC&KSTT\"")
        .edit("dia_danh = \"Tây Ninh\"", "dia_danh = \"Hưng Yên\"")
        .edit("ngay = 2024-05-31", "ngay = \"4/2024\"");
    let layout = Layout::of(&compile_str(&toml));
    let so = layout.run("Số:");
    let ky_hieu = layout.run("/UBND-PVHCC&KSTT");
    let blank = ky_hieu.x - so.right();
    assert!(
        (so.y - ky_hieu.y).abs() < 0.01 && blank > 2.0 * 13.0,
        "blank for the number: {blank}pt"
    );

    let day = layout.run_starting("Hưng Yên, ngày");
    let month = layout.run_starting("tháng 4 năm 2024");
    assert!(day.italic && month.italic);
    assert!(
        month.x - day.right() > 2.0 * 14.0,
        "blank for the day: {}pt",
        month.x - day.right()
    );

    // No date at all: day, month and year all blank.
    let toml = MINIMAL.edit("ngay = 2024-05-31\n", "");
    let layout = Layout::of(&compile_str(&toml));
    let text = layout.page_text(1);
    assert!(text.contains("Tây Ninh, ngày tháng năm"), "{text}");
}

/// Every character that means something in Typst markup or code.
const NASTY: &str = r#"#set page(width: 1cm) $x^2$ *đậm* _nghiêng_ @nhan <nhan> [nd] \ `raw` // c /* c */ = h ~ 'a' "b" #{1+1}"#;

#[test]
fn user_text_never_runs_as_typst_code() {
    // In the body, also the line starts Typst would read as heading/list/enum.
    let body_lines = [
        "= Không phải tiêu đề #set text(red)",
        "+ Không phải danh sách $a$ @b <c> [d] ` ~ 'e' \"f\"",
        "- Gạch đầu dòng /* không phải chú thích */ // cũng không",
        "1. Mục #{1+1} #box[x] \\ \\# và _gạch dưới_ > <",
    ];
    let body = body_lines.join("\n\n");
    let line = |extra: &str| toml_string(&format!("{NASTY} {extra}"));
    let toml = format!(
        r#"so = 12
ky_hieu = "UBND-#$*_@<>[]\\`//~'=+"
dia_danh = {dia_danh}
ngay = 2024-05-31
trich_yeu = {trich_yeu}
kinh_gui = [{kg1}, {kg2}]
noi_dung = '''
{body}
'''
noi_nhan = [{nn}, {luu}]

[co_quan]
chu_quan = [{chu_quan}]
ten = [{ten}]

[chu_ky]
thay_mat = {thay_mat}
quyen_han = "KT."
chuc_vu_thu_truong = {thu_truong}
chuc_vu = {chuc_vu}
ho_ten = {ho_ten}

[lien_he]
dia_chi = {dia_chi}
email = {email}
"#,
        dia_danh = line("dd"),
        trich_yeu = line("ty"),
        kg1 = line("kg1"),
        kg2 = toml_string("- [kg2] *x*;"),
        nn = line("nn"),
        luu = toml_string(&format!("Lưu: VT, {NASTY}")),
        chu_quan = line("cq"),
        ten = line("ten"),
        thay_mat = line("tm"),
        thu_truong = line("tt"),
        chuc_vu = line("cv"),
        ho_ten = line("ht"),
        dia_chi = line("dc"),
        // Short: ô 13 holds three lines at the foot of page 1.
        email = toml_string("#set text(red) $x$ @em <em> [em]"),
    );
    let layout = Layout::of(&compile_str(&toml));
    for (w, h) in &layout.pages {
        assert!(
            (w - 595.28).abs() < 0.1 && (h - 841.89).abs() < 0.1,
            "page size changed: {w}×{h}"
        );
    }
    // Two-column blocks (header at 40 %, footer at 45 %) are read a column at a time.
    let at = |share: f64| 30.0 * common::MM + share * 165.0 * common::MM;
    let texts = [
        layout.all_text(),
        layout.column_text(0.0, at(0.40)),
        layout.column_text(at(0.40), 1000.0),
        layout.column_text(0.0, at(0.45)),
        layout.column_text(at(0.45), 1000.0),
    ];
    let expect = |s: &str| {
        assert!(
            texts.iter().any(|t| t.contains(&collapse(s))),
            "{s:?} not printed literally in\n{}",
            texts[0]
        )
    };
    let upper = |s: &str| s.to_uppercase();
    expect(r#"Số: 12/UBND-#$*_@<>[]\`//~'=+"#);
    expect(&format!("{NASTY} dd, ngày 31 tháng 5 năm 2024"));
    expect(&format!("V/v {NASTY} ty"));
    expect(&format!("- {NASTY} kg1;"));
    expect("- [kg2] *x*.");
    expect(&format!("- {NASTY} nn;"));
    expect(&format!("- Lưu: VT, {NASTY}."));
    expect(&upper(&format!("{NASTY} cq")));
    expect(&upper(&format!("{NASTY} ten")));
    expect(&format!("TM. {}", upper(&format!("{NASTY} tm"))));
    expect(&format!("KT. {}", upper(&format!("{NASTY} tt"))));
    expect(&upper(&format!("{NASTY} cv")));
    expect(&format!("{NASTY} ht"));
    expect(&format!("Địa chỉ: {NASTY} dc"));
    expect("E-mail: #set text(red) $x$ @em <em> [em]");
    for line in body_lines {
        expect(line);
    }
    // Nothing became italic, raw or math: the lone "_" and "`" stayed text.
    assert!(
        layout
            .runs
            .iter()
            .filter(|r| r.text.contains("gạch dưới"))
            .all(|r| !r.italic)
    );
    assert!(
        layout.runs.iter().all(|r| r.size >= 11.0),
        "no code/raw text styles appeared"
    );
}

#[test]
fn decomposed_unicode_is_normalised() {
    // "Tây Ninh" typed with combining marks (NFD), as pasted from some PDFs.
    let nfd = "Ta\u{302}y Ninh";
    let toml = MINIMAL.edit("dia_danh = \"Tây Ninh\"", &format!("dia_danh = \"{nfd}\""));
    let layout = Layout::of(&compile_str(&toml));
    layout.run("Tây Ninh, ngày 31 tháng 5 năm 2024");
}

fn pdftotext_layout(pdf: &Path) -> String {
    poppler("pdftotext", &["-layout"], pdf)
}

#[test]
fn the_task_list_example_prints_exactly_what_the_hand_numbered_body_did() {
    // examples/cong-van.toml builds seed 000's numbered unit sections from its
    // [[nhiem_vu]] list; the fixture is the same letter typed with "1.", "- "
    // by hand (the foundation's markup, which must keep working).
    // The fixture reads examples/data/, outside its folder: allowed explicitly.
    let (_a, from_tasks) = example_pdf();
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cong-van-danh-so-tay.toml");
    let options = vanban::load::Options {
        reach: vanban::load::Reach::Anywhere,
        data_files: None,
    filled: false,
    };
    let document = vanban::load::load_file_with(&fixture, &options)
        .unwrap()
        .van_ban;
    let rendered = vanban::pipeline::pdf(&vanban::Compiler::new(), &document).unwrap();
    let _b = tempfile::tempdir().unwrap();
    let by_hand = _b.path().join("out.pdf");
    std::fs::write(&by_hand, &rendered.bytes).unwrap();
    let (a, b) = (pdftotext_layout(&from_tasks), pdftotext_layout(&by_hand));
    assert!(
        a.contains("5. Công an tỉnh") && a.contains("20/6/2024."),
        "{a}"
    );
    assert_eq!(a, b);
}

#[test]
fn a_wide_appendix_table_is_printed_on_landscape_pages() {
    let (_dir, pdf) =
        render_to(&std::fs::read_to_string(common::example("cong-van-du-thao.toml")).unwrap());
    let out = Command::new("pdfinfo")
        .args(["-f", "1", "-l", "99"])
        .arg(&pdf)
        .output()
        .expect("pdfinfo (poppler-utils)");
    let info = String::from_utf8(out.stdout).unwrap();
    let sizes: Vec<&str> = info
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains(" size:"))
        .map(|l| l.split("size:").nth(1).unwrap().trim())
        .collect();
    assert!(sizes.len() >= 4, "{info}");
    assert_eq!(sizes[0], "595.276 x 841.89 pts (A4)");
    let landscape = sizes
        .iter()
        .filter(|s| **s == "841.89 x 595.276 pts (A4)")
        .count();
    assert!(landscape >= 2, "{sizes:?}");
    // The appendix follows the letter: once landscape, landscape to the end.
    let first = sizes.iter().position(|s| s.starts_with("841.89")).unwrap();
    assert!(
        sizes[first..].iter().all(|s| s.starts_with("841.89")),
        "{sizes:?}"
    );
    let text = poppler("pdftotext", &[], &pdf);
    assert!(text.contains("Thực hiện trong"), "{text}");
    assert!(text.contains("Tối thiểu 80"));
}

#[test]
fn user_text_in_tasks_units_sections_and_appendices_never_runs_as_typst_code() {
    let line = |extra: &str| toml_string(&format!("{NASTY} {extra}"));
    // Body-markup fields read `*…*` as italic; escaped, the stars print.
    let markup = |extra: &str| toml_string(&format!("{} {extra}", NASTY.replace('*', "\\*")));
    let toml = format!(
        r#"loai = "ke_hoach"
ky_hieu = "KH-UBND"
dia_danh = "Tây Ninh"
ngay = 2024-05-31
trich_yeu = {ty}
noi_nhan = ["Lưu: VT"]
ket_luan = {kl}

[don_vi]
dv = {dv}

[co_quan]
ten = ["ỦY BAN NHÂN DÂN", "TỈNH TÂY NINH"]
ten_goi = {tg}

[chu_ky]
chuc_vu = "CHỦ TỊCH"
ho_ten = "Nguyễn Văn A"

[[muc]]
tieu_de = {td}
nhiem_vu = "tung_nhiem_vu"

[[muc]]
nhiem_vu = "theo_don_vi"

[[phu_luc]]
tieu_de = "Bảng"
[phu_luc.nhiem_vu]
cot = [{{ ma = "noi_dung", tieu_de = {cot} }}]

[[nhiem_vu]]
noi_dung = {nd}
chu_tri = ["dv", {ct}]
phoi_hop = {ph}
thoi_han = {th}
hoan_thanh = {ht}
don_vi_tinh = {dvt}
chi_tieu = {chi}
can_cu = {cc}
"#,
        ty = line("ty"),
        kl = markup("kl"),
        dv = line("dv"),
        tg = line("tg"),
        td = line("td"),
        cot = line("cot"),
        nd = markup("nd"),
        ct = line("ct"),
        ph = line("ph"),
        th = line("th"),
        ht = line("ht"),
        dvt = line("dvt"),
        chi = line("chi"),
        cc = line("cc"),
    );
    let layout = Layout::of(&compile_str(&toml));
    let text = layout.all_text();
    let expect = |s: &str| {
        assert!(
            text.contains(&collapse(s)),
            "{s:?} not printed literally in\n{text}"
        )
    };
    let n = NASTY;
    expect(&format!("I. {} TD", n.to_uppercase()));
    expect(&format!("1. {n} nd"));
    expect(&format!("- Đơn vị chủ trì: {n} dv, {n} ct."));
    expect(&format!("- Đơn vị phối hợp: {n} ph."));
    expect(&format!("- Thời gian hoàn thành: {n} th."));
    expect(&format!("- Chỉ tiêu giao: {n} chi {n} dvt."));
    expect(&format!("- Căn cứ: {n} cc."));
    expect(&format!("1. {n} dv và {n} ct"));
    expect(&format!("{n} ht {n} th."));
    expect(&format!("{n} kl"));
    expect(&format!("{n} cot"));
    expect(&format!("của {n} tg)"));
    for (w, h) in &layout.pages {
        assert!(w.min(*h) > 500.0, "page size changed: {w}×{h}");
    }
    assert!(
        layout.runs.iter().all(|r| r.size >= 11.0),
        "no code/raw styles"
    );

    let qd = format!(
        r#"loai = "quyet_dinh"
ky_hieu = "QĐ-UBND"
dia_danh = "Tây Ninh"
trich_yeu = "Về việc thử"
tham_quyen = {tq}
can_cu = [{cc1}, {cc2}]
dieu = [{d1}]
noi_nhan = ["Lưu: VT"]

[co_quan]
ten = ["ỦY BAN NHÂN DÂN"]

[chu_ky]
chuc_vu = "CHỦ TỊCH"
ho_ten = "Nguyễn Văn A"
"#,
        tq = line("tq"),
        cc1 = line("cc1"),
        cc2 = line("cc2"),
        d1 = markup("d1"),
    );
    let layout = Layout::of(&compile_str(&qd));
    let text = layout.all_text();
    for s in [
        format!("{} TQ", n.to_uppercase()),
        format!("{n} cc1;"),
        format!("{n} cc2."),
        format!("Điều 1. {n} d1"),
    ] {
        assert!(
            text.contains(&collapse(&s)),
            "{s:?} not printed literally in\n{text}"
        );
    }
}

/// Tokens kept whole on their line are boxed, never replaced: the PDF's
/// text still holds them character for character, so a search finds them.
#[test]
fn kept_together_tokens_read_back_literally() {
    for name in ["cong-van-trich-dan.toml", "cong-van-chu-thich.toml"] {
        let (_dir, pdf) = render_path(&common::example(name));
        let text = collapse(&poppler("pdftotext", &[], &pdf));
        for token in match name {
            "cong-van-trich-dan.toml" => &[
                "Quyết định số 1015/QĐ-UBND ngày 12/5/2023",
                "Nghị định số 107/2021/NĐ-CP",
                "Công văn số 2310/STTTT-CĐS",
                "Chỉ thị số 06/CT-TTg ngày 23/6/2022",
                "48,76%",
                "NVH.(25)",
            ][..],
            _ => &[
                "Công văn số 845/UBND-VX ngày 15/3/2024",
                "Thông tư số 13/2018/TT-BGDĐT",
                "Đã vận hành từ tháng 9/2023",
            ][..],
        } {
            assert!(text.contains(token), "{name}: {token:?} not in {text}");
        }
    }
}
