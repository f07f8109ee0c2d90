//! Indicator tables in a phụ lục: the seeds' appendices cell for cell, the
//! merged header, computed rows, number formats, data files and their errors,
//! page breaks and page size.

use crate::common;
use crate::common::Edit;

use std::path::Path;

use common::*;
use vanban::render::{BangData, OData};

fn load(path: &Path) -> vanban::model::VanBan {
    match vanban::load::load_file(path) {
        Ok(doc) => doc.van_ban,
        Err(e) => panic!("load failed:\n{e}"),
    }
}

/// The notes under a table, as printed.
fn notes(t: &BangData) -> Vec<String> {
    t.ghi_chu
        .iter()
        .map(|n| vanban::render::RunData::text_of(n))
        .collect()
}

/// The tables of every phụ lục, in order.
fn tables(path: &Path) -> Vec<BangData> {
    let data = vanban::render::van_ban(&load(path));
    data.phu_luc.into_iter().flat_map(|p| p.bang).collect()
}

/// A body row as the seeds' text extraction shows it: cells by tab, the
/// cells spanning several rows (the province-wide targets) left out.
fn row_text(row: &[OData]) -> String {
    let mut cells = Vec::new();
    for o in row.iter().filter(|o| o.dong == 1) {
        cells.push(format!("{}{}", o.t, o.dau.as_deref().unwrap_or_default()));
        cells.extend(std::iter::repeat_n(String::new(), o.cot - 1));
    }
    cells.join("\t").trim_end_matches('\t').to_string()
}

fn fixture(name: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/seeds")
        .join(name);
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        // Comment lines, except the "# PHỤ LỤC n" markers.
        .filter(|l| !l.starts_with("# ") || l.starts_with("# PHỤ LỤC"))
        .map(|l| l.trim_end_matches('\t').to_string())
        .collect()
}

#[test]
fn seed_000_appendix_matches_the_seed_cell_for_cell() {
    let t = tables(&example("cong-van.toml"));
    assert_eq!(t.len(), 2);
    for (table, name) in t.iter().zip(["000-bang-1.tsv", "000-bang-2.tsv"]) {
        let got: Vec<String> = table.dong.iter().map(|r| row_text(r)).collect();
        let want: Vec<String> = fixture(name)
            .into_iter()
            .filter(|l| !l.starts_with('#'))
            .collect();
        assert_eq!(got, want, "{name}");
    }
    // One target text per indicator, spanning all 25 unit rows.
    let first = &t[0].dong[0];
    let targets: Vec<&OData> = first.iter().filter(|o| o.dong > 1).collect();
    assert_eq!(targets.len(), 5);
    assert!(targets.iter().all(|o| o.dong == 25));
    assert_eq!(
        targets[0].t,
        "Cả năm 2024: Phải đạt tối thiểu 82% (Đến tháng 5/2024 mới đạt 48,62%)"
    );
}

#[test]
fn seed_001_appendices_match_the_seed_cell_for_cell_with_computed_rows() {
    let t = tables(&example("ke-hoach.toml"));
    assert_eq!(t.len(), 3);
    let mut got = Vec::new();
    for (n, table) in t.iter().enumerate() {
        got.push(format!("# PHỤ LỤC {}", n + 1));
        got.extend(table.dong.iter().map(|r| row_text(r)));
    }
    assert_eq!(got, fixture("001-phu-luc.tsv"));
    // Tổng is computed (123 + 83 + … = 1400) and printed bold above the rows.
    let tong = &t[0].dong[0];
    assert!(tong.iter().all(|o| o.dam));
    assert_eq!(row_text(tong), "\tTổng\t1400\t585\t815");
}

#[test]
fn seed_000_header_merges_groups_numbers_and_sub_columns() {
    let t = tables(&example("cong-van.toml"));
    let h = &t[0].tieu_de;
    assert_eq!(h.len(), 3);
    fn spans(row: &[OData]) -> Vec<(&str, usize, usize)> {
        row.iter().map(|o| (o.t.as_str(), o.cot, o.dong)).collect()
    }
    let top = spans(&h[0]);
    assert_eq!(top[0], ("STT", 1, 3));
    assert_eq!(top[1], ("Đơn vị", 1, 3));
    assert_eq!(top.len(), 7);
    assert!(top[2..].iter().all(|(_, c, r)| (*c, *r) == (2, 1)));
    assert_eq!(
        spans(&h[1]),
        ["1", "2", "3", "4", "5"].map(|n| (n, 2, 1)).to_vec()
    );
    assert_eq!(h[2].len(), 10);
    assert_eq!(h[2][0].t, "Chỉ tiêu chung cả tỉnh (%)");
    assert_eq!(h[2][1].t, "Kết quả đến tháng 5/2024 của từng đơn vị (%)");
    assert!(
        h.iter()
            .flatten()
            .filter(|o| !o.t.chars().all(|c| c.is_ascii_digit()))
            .all(|o| o.dam)
    );
}

/// A công văn with one phụ lục holding `table` (TOML for one [[phu_luc.bang]]).
fn with_table(table: &str) -> String {
    format!("{MINIMAL}\n[[phu_luc]]\ntieu_de = \"Bảng số liệu\"\n\n[[phu_luc.bang]]\n{table}")
        .edit("[co_quan]\n", "[co_quan]\nten_goi = \"UBND tỉnh\"\n")
}

fn table_of(toml: &str) -> BangData {
    let (_dir, path) = write_toml(toml);
    tables(&path).remove(0)
}

const NUMBERS: &str = r#"
cot = [
  "stt",
  { ma = "don_vi", tieu_de = "Đơn vị", kieu = "don_vi" },
  { ma = "a", tieu_de = "Số hồ sơ", kieu = "so" },
  { ma = "b", tieu_de = "Trực tuyến", kieu = "so" },
  { ma = "ty_le", tieu_de = "Tỷ lệ (%)", kieu = "so", chu_so = 2, chi_tieu = 50 },
]
dong = [
  { don_vi = "Huyện A", a = 1200, b = "600", ty_le = "50" },
  { don_vi = "Huyện B", a = "1.000.000", b = 1, ty_le = "0,001" },
  { don_vi = "Huyện C", a = "3", b = "-", ty_le = "66,665" },
]

[[phu_luc.bang.tinh]]
nhan = "Tổng"
cot = { a = "tong", b = "tong" }

[[phu_luc.bang.tinh]]
nhan = "Bình quân"
cot = { ty_le = "trung_binh" }

[[phu_luc.bang.tinh]]
nhan = "Tỷ lệ chung"
cot = { ty_le = { ty_le = ["b", "a"] } }
"#;

#[test]
fn computed_rows_and_number_formats_against_hand_computed_values() {
    let t = table_of(&with_table(NUMBERS));
    let rows: Vec<String> = t.dong.iter().map(|r| row_text(r)).collect();
    assert_eq!(
        rows,
        [
            "1\tHuyện A\t1.200\t600\t50,00",
            // 0,001 < 50: bold with the below-target mark.
            "2\tHuyện B\t1.000.000\t1\t0,00(*)",
            // 66,665 rounds half away from zero to 66,67; "-" stays "-".
            "3\tHuyện C\t3\t-\t66,67",
            // 1200 + 1000000 + 3 = 1001203; 600 + 1 = 601 ("-" is no figure).
            "\tTổng\t1.001.203\t601",
            // (50 + 0,001 + 66,665) / 3 = 38,888666… → 38,89.
            "\tBình quân\t\t\t38,89",
            // 601 / 1001203 × 100 = 0,060027… → 0,06.
            "\tTỷ lệ chung\t\t\t0,06",
        ]
    );
    let marked = &t.dong[1][4];
    assert!(marked.dam && marked.dau.as_deref() == Some("(*)"));
    assert!(!t.dong[0][4].dam, "50 is not below a target of 50");
    assert_eq!(notes(&t), ["(*) Kết quả thấp hơn chỉ tiêu."]);
}

#[test]
fn sections_restart_stt_and_targets_may_come_per_row_or_span_each_section() {
    let t = table_of(&with_table(
        r#"
muc = "cap"
danh_so_cot = "cot"
cot = [
  "stt",
  { ma = "don_vi", tieu_de = "Đơn vị", kieu = "don_vi" },
  { ma = "chung", tieu_de = "Chỉ tiêu chung", chung = "Tối thiểu 80%" },
  { ma = "ct", tieu_de = "Chỉ tiêu", kieu = "phan_tram" },
  { ma = "kq", tieu_de = "Kết quả", kieu = "phan_tram", chi_tieu = "ct" },
]
dong = [
  { cap = "Cấp tỉnh", don_vi = "so_tu_phap", ct = "80%", kq = "79,5%" },
  { cap = "Cấp tỉnh", don_vi = "Sở Y tế", ct = "80", kq = "81^(1)" },
  { cap = "Cấp huyện", don_vi = "Huyện Gò Dầu", ct = "70%", kq = "70%" },
]
ghi_chu = "(1): Số liệu đến hết quý I."

[don_vi]
so_tu_phap = "Sở Tư pháp"
"#,
    ));
    let rows: Vec<String> = t.dong.iter().map(|r| row_text(r)).collect();
    assert_eq!(
        rows,
        [
            "I\tCấp tỉnh",
            "1\tSở Tư pháp\t80%\t79,5%(*)",
            "2\tSở Y tế\t80%\t81%(1)",
            "II\tCấp huyện",
            // A one-row section: the common target is an ordinary cell.
            "1\tHuyện Gò Dầu\tTối thiểu 80%\t70%\t70%",
        ]
    );
    // The section label spans the row after its Roman numeral, in bold.
    assert_eq!((t.dong[0][1].cot, t.dong[0][1].dam), (4, true));
    // The common target spans each section's rows.
    let spans: Vec<usize> = t
        .dong
        .iter()
        .flatten()
        .filter(|o| o.t == "Tối thiểu 80%")
        .map(|o| o.dong)
        .collect();
    assert_eq!(spans, [2, 1]);
    // Column numbers 1…5 under a one-level header.
    assert_eq!(t.tieu_de.len(), 2);
    assert_eq!(
        t.tieu_de[1]
            .iter()
            .map(|o| o.t.as_str())
            .collect::<Vec<_>>(),
        ["1", "2", "3", "4", "5"]
    );
    assert_eq!(
        notes(&t),
        [
            "(1): Số liệu đến hết quý I.",
            "(*) Kết quả thấp hơn chỉ tiêu."
        ]
    );
}

fn render_error(toml: &str, files: &[(&str, &[u8])]) -> String {
    let (dir, path) = write_toml(toml);
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    match vanban::load::load_file(&path) {
        Ok(_) => panic!("expected an error for:\n{toml}"),
        Err(e) => e.to_string(),
    }
}

fn csv_table(extra: &str) -> String {
    with_table(&format!(
        r#"du_lieu = "so-lieu.csv"
{extra}
cot = [
  "stt",
  {{ ma = "don_vi", tieu_de = "Đơn vị", kieu = "don_vi" }},
  {{ ma = "kq", tieu_de = "Kết quả (%)", kieu = "so", nguon = "Kết quả" }},
]
"#
    ))
}

#[test]
fn csv_files_with_either_separator_and_a_bom_are_read() {
    for csv in [
        "\u{feff}Đơn vị;Kết quả\r\nSở Tư pháp;48,62\r\nSở Y tế;\"1.777,5\"\r\n",
        "Đơn vị,Kết quả\nSở Tư pháp,48.62\nSở Y tế,\"1777,5\"\n",
    ] {
        let (dir, path) = write_toml(&csv_table(""));
        std::fs::write(dir.path().join("so-lieu.csv"), csv).unwrap();
        let t = tables(&path).remove(0);
        let rows: Vec<String> = t.dong.iter().map(|r| row_text(r)).collect();
        assert_eq!(
            rows,
            ["1\tSở Tư pháp\t48,62", "2\tSở Y tế\t1.777,5"],
            "{csv:?}"
        );
    }
}

#[test]
fn bad_cells_name_the_file_the_cell_and_what_was_expected() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "Đơn vị;Kết quả\nSở Tư pháp;48,62\nSở Y tế;bốn mươi\n",
            "",
            &[
                "so-lieu.csv",
                "ô B3: 'bốn mươi' không phải số",
                "phu_luc[0].bang[0].du_lieu",
                "\"-\"",
            ],
        ),
        (
            // Excel's row numbers: CRLF line ends and a blank line counted.
            "\u{feff}Đơn vị;Kết quả\r\nSở Tư pháp;48,62\r\n\r\nSở Y tế;x\r\n",
            "",
            &["ô B4: 'x' không phải số"],
        ),
        (
            // Figures written both ways: nothing decides "1.777".
            "Đơn vị;Kết quả\nSở Tư pháp;1.777\nSở Y tế;\"2.345,5\"\nSở Nội vụ;1.5\n",
            "",
            &[
                "ô B2: '1.777' không rõ là số nghìn hay số thập phân",
                "ghi 1777 (số nguyên) hoặc 1,777",
            ],
        ),
        (
            "Đơn vị;Kết quả\nSở Tư pháp;48.62%\n",
            "",
            &["ô B2: '48.62%' có dấu %", "kieu = \"phan_tram\""],
        ),
        (
            "Đơn vị;Kết quả\nso_tu_phao;48\n",
            "",
            &[
                "ô A2: không có đơn vị mã `so_tu_phao`",
                "có phải ý bạn là `so_tu_phap`?",
            ],
        ),
        (
            "Đơn vị;Kết qủa\nSở Tư pháp;48\n",
            "",
            &[
                "không có cột \"Kết quả\"",
                "có phải ý bạn là cột \"Kết qủa\"?",
                "van-ban.toml:",
            ],
        ),
        (
            "Đơn vị;Kết quả\nSở Tư pháp;48\n",
            "trang_tinh = \"NQ01\"",
            &["tệp CSV không có trang tính"],
        ),
    ];
    for (csv, extra, wanted) in cases {
        let toml = csv_table(extra) + "\n[don_vi]\nso_tu_phap = \"Sở Tư pháp\"\n";
        let err = render_error(&toml, &[("so-lieu.csv", csv.as_bytes())]);
        for w in *wanted {
            assert!(err.contains(w), "{w:?} not in:\n{err}");
        }
    }
    let err = render_error(&csv_table(""), &[("so-lieu.csv", b"\xd0\xf5n v\xec;K\n")]);
    assert!(
        err.contains("dòng 1: tệp không phải văn bản UTF-8"),
        "{err}"
    );
    // A missing file is pointed at where the document names it.
    let err = render_error(&csv_table(""), &[]);
    assert!(
        err.contains("van-ban.toml:31:11") && err.contains("không có tệp \"so-lieu.csv\""),
        "{err}"
    );
}

/// The workbook the xlsx tests read, copied beside each test's document
/// (a document reads only from its own folder).
const XLSX: &[u8] = include_bytes!("fixtures/bang/so-lieu.xlsx");

fn xlsx_table(sheet: &str) -> String {
    with_table(&format!(
        r#"du_lieu = "so-lieu.xlsx"
trang_tinh = "{sheet}"
cot = [
  "stt",
  {{ ma = "don_vi", tieu_de = "Đơn vị", kieu = "don_vi" }},
  {{ ma = "kq", tieu_de = "Kết quả (%)", kieu = "so", nguon = "C" }},
  {{ ma = "tl", tieu_de = "Tỷ lệ", kieu = "phan_tram", nguon = "Tỷ lệ" }},
]
"#
    ))
}

#[test]
fn xlsx_sheets_keep_the_decimals_and_percentages_excel_shows() {
    let (dir, path) = write_toml(&xlsx_table("Tốt"));
    std::fs::write(dir.path().join("so-lieu.xlsx"), XLSX).unwrap();
    let t = tables(&path).remove(0);
    let rows: Vec<String> = t.dong.iter().map(|r| row_text(r)).collect();
    // Stored 32.6 shown "0.00" → 32,60; stored 0.4862 shown "0.00%" → 48,62%;
    // a number typed as text in Excel is read like a CSV cell.
    assert_eq!(
        rows,
        [
            "1\tSở Tư pháp\t32,60\t48,62%",
            "2\tSở Y tế\t100\t-",
            "3\tHuyện Gò Dầu\t7,5\t5%"
        ]
    );
}

#[test]
fn xlsx_errors_name_the_sheet_and_cell() {
    let err = render_error(&xlsx_table("Lỗi"), &[("so-lieu.xlsx", XLSX)]);
    assert!(err.contains("so-lieu.xlsx"), "{err}");
    assert!(
        err.contains("trang tính 'Lỗi', ô C3: 'không có' không phải số"),
        "{err}"
    );
    let broken = csv_table("").edit("so-lieu.csv", "hong.xlsx");
    let err = render_error(&broken, &[("hong.xlsx", b"PK not really a workbook")]);
    assert!(
        err.contains("hong.xlsx") && err.contains("không đọc được sổ Excel"),
        "{err}"
    );
    let err = render_error(
        &broken.edit("hong.xlsx", "so-lieu.ods"),
        &[("so-lieu.ods", b"")],
    );
    assert!(
        err.contains("chỉ đọc được số liệu từ tệp .csv hoặc .xlsx"),
        "{err}"
    );
    let err = render_error(&xlsx_table("NQ09"), &[("so-lieu.xlsx", XLSX)]);
    assert!(err.contains("sổ Excel không có trang tính 'NQ09'"), "{err}");
    assert!(err.contains("các trang tính: Tốt, Lỗi"), "{err}");
}

#[test]
fn declaration_errors_point_into_the_toml() {
    let cases: &[(&str, &str)] = &[
        (
            "co_chu = 20\ncot = [\"stt\"]\ndong = []",
            "cỡ chữ trong bảng từ 9 đến 13",
        ),
        (
            "cot = [\"stt\", { ma = \"a\", kieu = \"so\", chi_tieu = \"b\" }]\ndong = []",
            "không có cột mã `b`",
        ),
        (
            "cot = [\"stt\", { ma = \"a\", kieu = \"so\" }]\ndong = [{ a = \"x\" }]",
            "'x' không phải số",
        ),
        (
            "cot = [\"stt\", { ma = \"a\", kieu = \"so\" }]\ndong = [{ b = 1 }]",
            "khóa `b` không được hỗ trợ",
        ),
        (
            "cot = [\"stt\", { ma = \"a\", kieu = \"chu\", chu_so = 2 }]\ndong = []",
            "chu_so chỉ dùng cho cột số",
        ),
        (
            "cot = [\"stt\", { ma = \"a\", kieu = \"ngay\" }]\ndong = []",
            "không có lựa chọn \"ngay\"",
        ),
        (
            "cot = [\"stt\", { ma = \"a\" }, { ma = \"a\" }]\ndong = []",
            "mã cột `a` đã dùng",
        ),
        (
            "cot = [\"stt\", { ma = \"a\", kieu = \"so\" }]",
            "bảng chưa có số liệu",
        ),
        (
            "cot = [\"stt\", { ma = \"a\", kieu = \"chu\" }]\ndong = []\n[[phu_luc.bang.tinh]]\nnhan = \"Tổng\"\ncot = { a = \"tong\" }",
            "cột `a` không phải cột số",
        ),
        (
            "cot = [\"stt\", { ma = \"a\", kieu = \"so\" }]\ndong = []\n[[phu_luc.bang.tinh]]\nnhan = \"Tổng\"\ncot = { a = \"tong_cong\" }",
            "không có lựa chọn \"tong_cong\"",
        ),
    ];
    for (table, wanted) in cases {
        let err = render_error(&with_table(table), &[]);
        assert!(err.contains(wanted), "{wanted:?} not in:\n{err}");
        assert!(err.contains("van-ban.toml:"), "no line/column in:\n{err}");
        assert!(
            err.contains("trường `phu_luc[0].bang[0]"),
            "no field in:\n{err}"
        );
    }
}

const INJECTION: &str =
    "#set text(red) $x^2$ *đậm* _nghiêng_ @nhan <nhan> [x] \\ `mã` // chú thích";

#[test]
fn cell_text_from_a_data_file_is_printed_literally() {
    let csv = format!("Đơn vị;Kết quả\n\"{INJECTION}\";1\n");
    let (dir, path) = write_toml(&csv_table(""));
    std::fs::write(dir.path().join("so-lieu.csv"), csv).unwrap();
    let doc = vanban::pipeline::lay_out_file(&vanban::Compiler::new(), &path).unwrap();
    // The cell wraps in its narrow column, so look for each word.
    let text = Layout::of(&doc).all_text();
    for word in INJECTION.split_whitespace() {
        assert!(text.contains(word), "{word:?} missing from {text}");
    }
}

#[test]
fn seed_000_tables_are_landscape_with_the_header_on_every_page() {
    let doc = vanban::pipeline::lay_out_file(&vanban::Compiler::new(), &example("cong-van.toml")).unwrap();
    let layout = Layout::of(&doc);
    let first = (1..=layout.pages.len())
        .find(|&p| layout.page_text(p).starts_with("Phụ lục"))
        .expect("phụ lục page");
    for p in first..=layout.pages.len() {
        let (w, h) = layout.pages[p - 1];
        assert!(
            (w - 841.89).abs() < 0.1 && (h - 595.28).abs() < 0.1,
            "page {p}: {w}×{h}"
        );
        let header = layout
            .runs
            .iter()
            .any(|r| r.page == p && r.text == "Đơn vị");
        assert!(header, "header missing on page {p}");
    }
    // Numbers never wrap: each is one run on the table's first page.
    assert_eq!(layout.run("58,73").page, first);
    assert_eq!(layout.run("88,64").page, first);
}

#[test]
fn the_94_commune_table_repeats_its_header_and_never_splits_a_row() {
    let doc = vanban::pipeline::lay_out_file(&vanban::Compiler::new(), &example("ke-hoach.toml")).unwrap();
    let layout = Layout::of(&doc);
    let start = layout.run("Phường 1").page;
    let end = layout.run("Xã Phước Bình").page;
    assert!(end > start, "the commune table takes more than one page");
    for p in start..=end {
        let text = layout.page_text(p);
        assert!(
            text.contains("Số lượng TTHC cấp xã"),
            "no header on page {p}"
        );
    }
    // Each row's cells are on one page, on one baseline, rows in order
    // (a name may repeat: two communes are called "Xã Tân Bình").
    let csv = std::fs::read_to_string(example("data/tthc-cap-xa.csv")).unwrap();
    let mut after = (start, 0.0);
    for line in csv.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        let name = layout
            .runs
            .iter()
            .find(|r| r.text == cells[1] && (r.page, r.y) > after && r.page <= end)
            .unwrap_or_else(|| panic!("{} not laid out after {after:?}", cells[1]));
        after = (name.page, name.y);
        let same_line = |text: &str| {
            layout
                .runs
                .iter()
                .any(|r| r.page == name.page && r.text == text && (r.y - name.y).abs() < 1.0)
        };
        assert!(
            same_line(cells[0]) && same_line(cells[2]) && same_line(cells[5]),
            "row {} split or misplaced",
            cells[0]
        );
    }
    // Portrait: seven columns fit.
    let (w, _) = layout.pages[start - 1];
    assert!((w - 595.28).abs() < 0.1);
}

#[test]
fn computed_rows_marks_and_headers_are_bold_at_the_table_size() {
    let toml = with_table(&format!("co_chu = 10\n{NUMBERS}"));
    let layout = Layout::of(&compile_str(&toml));
    let size = |r: &TextRun| r.size;
    for text in [
        "1.001.203",
        "38,89",
        "0,06",
        "Tổng",
        "Bình quân",
        "0,00",
        "Số hồ sơ",
    ] {
        let run = layout.run(text);
        assert!(run.bold(), "{text} is bold");
        assert_eq!(size(run), 10.0, "{text}");
    }
    // The below-target mark is raised and smaller, after its figure.
    let figure = layout.run("0,00");
    let mark = layout.run("(*)");
    assert!(mark.size < figure.size && mark.y < figure.y && mark.x >= figure.right() - 0.1);
    let plain = layout.run("1.200");
    assert!(!plain.bold());
    // The note under the table explains the mark, in italic.
    let note = layout.run_starting("(*) Kết quả thấp hơn");
    assert!(note.italic && note.y > layout.run("Tỷ lệ chung").y);
}

#[test]
fn phu_luc_heading_styles_and_page_numbers_that_go_on() {
    let toml = with_table(NUMBERS).edit(
        "tieu_de = \"Bảng số liệu\"",
        "tieu_de = \"Bảng số liệu\"\nnhan = \"so\"\nkem_theo = false\nso_trang = \"tiep\"",
    );
    let layout = Layout::of(&compile_str(&toml));
    let heading = layout.run("PHỤ LỤC");
    assert!(heading.bold() && heading.size == 14.0);
    assert!(!layout.all_text().contains("Kèm theo"));
    // The letter is one page; the phụ lục's first page is numbered 2.
    let number = layout
        .runs
        .iter()
        .find(|r| r.page == heading.page && r.y < heading.y && r.text == heading.page.to_string());
    assert!(number.is_some(), "page {} carries its number", heading.page);
}

#[test]
fn table_text_from_the_toml_is_printed_literally() {
    let toml = with_table(&format!(
        r#"tieu_de = '{INJECTION} tiêu đề'
ghi_chu = '{INJECTION} ghi chú'
cot = [
  "stt",
  {{ nhom = '{INJECTION} nhóm', cot = [
    {{ ma = "a", tieu_de = '{INJECTION} cột', chung = '{INJECTION} chung' }},
    {{ ma = "b", tieu_de = "B" }},
  ] }},
]
dong = [{{ b = '{INJECTION} ô' }}, {{ b = "2" }}]
"#
    ));
    let text = Layout::of(&compile_str(&toml)).all_text();
    for word in INJECTION.split_whitespace() {
        // Headers and notes read vanban's own emphasis: "*đậm*" is set in
        // italic there, its text still printed; nothing is run as Typst.
        let word = if word == "*đậm*" { "đậm" } else { word };
        assert!(
            text.matches(word).count() >= 5,
            "{word:?} not printed five times in {text}"
        );
    }
}

#[test]
fn columns_at_their_minimum_are_as_wide_as_typst_sets_their_widest_word() {
    // Eight columns headed by long words cannot all fit a landscape page,
    // so every column keeps its minimum: its widest header word, set bold,
    // plus the padding and the rule. The compiler measures that word
    // before layout; typst's own setting of it must agree to the
    // hundredth of a point (a wider column would still pass every other
    // test).
    let word = |i: usize| format!("Tổnghợpkếtquảthựchiệnchỉtiêuđợt{i}");
    let cols: String = (0..8)
        .map(|i| {
            format!(
                "  {{ ma = \"c{i}\", tieu_de = \"{}\", kieu = \"so\" }},\n",
                word(i)
            )
        })
        .collect();
    let cells: Vec<String> = (0..8).map(|i| format!("c{i} = {i}")).collect();
    let toml = with_table(&format!(
        "cot = [\n  {{ ma = \"don_vi\", tieu_de = \"Đơn vị\", kieu = \"don_vi\" }},\n{cols}]\ndong = [\n  {{ don_vi = \"Huyện A\", {} }},\n]\n",
        cells.join(", ")
    ));
    let layout = Layout::of(&compile_str(&toml));
    for i in 0..8 {
        let header = layout.run(&word(i));
        assert!(header.bold());
        let mut edges: Vec<f64> = layout
            .rules
            .iter()
            .filter(|r| r.page == header.page && (r.x0 - r.x1).abs() < 1e-6)
            .map(|r| r.x0)
            .collect();
        edges.sort_by(f64::total_cmp);
        let right = edges.iter().find(|&&x| x > header.center()).unwrap();
        let left = edges.iter().rev().find(|&&x| x < header.center()).unwrap();
        assert!(
            (right - left - (header.width + 8.5)).abs() < 0.01,
            "column {} pt, its word {} pt",
            right - left,
            header.width
        );
    }
}
