//! Data files read as Excel shows them: the sheet the clerk sees, dates as
//! dates, formulas by their saved values (or refused when there are none),
//! error cells refused, headers that do not say which column refused, a Mã
//! column holding only the directory's codes, control characters named.

use crate::common::refuse::{BATCH, refused_bytes, run_in, stderr, write_files};
use crate::common::xlsx::{O, Trang, workbook};
use crate::common::{Edit, MINIMAL, poppler};

/// MINIMAL with a table of two text columns from `so-lieu.xlsx` (or
/// `file`), `extra` added to the table.
fn doc(file: &str, extra: &str) -> String {
    MINIMAL.edit(
        "[co_quan]\n",
        &format!(
            "[[phu_luc]]\ntieu_de = \"Số liệu\"\nkem_theo = false\n\n[[phu_luc.bang]]\ndu_lieu = \"{file}\"\n{extra}cot = [\"stt\", {{ ma = \"ten\", tieu_de = \"Tên\" }}, {{ ma = \"ngay\", tieu_de = \"Ngày\" }}]\n\n[co_quan]\n"
        ),
    )
}

fn sheet<'a>(ten: &'a str, an: bool, dong: Vec<Vec<O<'a>>>) -> Trang<'a> {
    Trang { ten, an, dong }
}

fn header<'a>() -> Vec<O<'a>> {
    vec![O::S("Tên"), O::S("Ngày")]
}

#[test]
fn the_sheet_read_is_one_the_clerk_sees_and_dates_print_as_dates() {
    let book = workbook(&[
        sheet("Nháp", true, vec![header(), vec![O::S("Không dùng"), O::N(1.0)]]),
        sheet("Số liệu", false, vec![header(), vec![O::S("Xã An Hòa"), O::D(45_444.0)]]),
    ]);
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), &[("v.toml", doc("so-lieu.xlsx", "").into_bytes()), ("so-lieu.xlsx", book)]);
    let out = run_in(dir.path(), &["render", "@v.toml"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("cảnh báo") && err.contains("'Số liệu'") && err.contains("'Nháp'"), "{err}");
    let text = poppler("pdftotext", &[], &dir.path().join("v.pdf"));
    assert!(text.contains("Xã An Hòa") && text.contains("01/06/2024"), "{text}");
    assert!(!text.contains("45444") && !text.contains("Không dùng"), "{text}");
    // Naming a hidden sheet is refused.
    let book = workbook(&[
        sheet("Nháp", true, vec![header()]),
        sheet("Số liệu", false, vec![header()]),
    ]);
    refused_bytes(
        &[
            ("v.toml", doc("so-lieu.xlsx", "trang_tinh = \"Nháp\"\n").as_bytes()),
            ("so-lieu.xlsx", &book),
        ],
        &["render", "@v.toml"],
        &["trang tính 'Nháp' đang ẩn", "Bỏ ẩn"],
    );
}

#[test]
fn formulas_without_saved_values_and_error_cells_are_refused() {
    let no_value = workbook(&[sheet(
        "S",
        false,
        vec![header(), vec![O::S("A"), O::F("SUM(B1:B2)", None)]],
    )]);
    refused_bytes(
        &[("v.toml", doc("so-lieu.xlsx", "").as_bytes()), ("so-lieu.xlsx", &no_value)],
        &["render", "@v.toml"],
        &["ô B2", "=SUM(B1:B2)", "chưa có giá trị", "mở tệp bằng Excel rồi lưu lại"],
    );
    let saved = workbook(&[sheet(
        "S",
        false,
        vec![header(), vec![O::S("A"), O::F("1+1", Some(2.0))]],
    )]);
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), &[("v.toml", doc("so-lieu.xlsx", "").into_bytes()), ("so-lieu.xlsx", saved)]);
    let out = run_in(dir.path(), &["render", "@v.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let error = workbook(&[sheet("S", false, vec![header(), vec![O::S("A"), O::E("#DIV/0!")]])]);
    refused_bytes(
        &[("v.toml", doc("so-lieu.xlsx", "").as_bytes()), ("so-lieu.xlsx", &error)],
        &["render", "@v.toml"],
        &["ô B2", "lỗi công thức #DIV/0!"],
    );
}

#[test]
fn a_header_that_does_not_say_which_column_is_refused() {
    let csv = "Tên,Ngày,Tên\nA,1,B\n";
    refused_bytes(
        &[("v.toml", doc("so-lieu.csv", "").as_bytes()), ("so-lieu.csv", csv.as_bytes())],
        &["render", "@v.toml"],
        &["2 cột cùng tiêu đề \"Tên\"", "A1, C1"],
    );
    // In a batch's units file, every column is a `row.*` value.
    let units = "Đơn vị,Tỷ lệ,tỷ lệ\nSở Tư pháp,40,50\n";
    refused_bytes(
        &[("mau.toml", BATCH.as_bytes()), ("dv.csv", units.as_bytes())],
        &["batch", "@mau.toml", "--data", "@dv.csv", "-o", "@ra"],
        &["cùng tiêu đề", "B1, C1"],
    );
}

#[test]
fn a_ma_column_holds_directory_codes_only_and_agrees_with_the_name() {
    let template = BATCH.edit("so = 12", "danh_ba = \"tay-ninh\"\nso = 12");
    let units = "Mã,Đơn vị,Tỷ lệ\nSO_TU_PHAP,Sở Tư pháp,40\nso_y_te,Sở Nội vụ,70\nso_noi_vu,Sở Nội vụ,55\n";
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), &[("mau.toml", template.as_str()), ("dv.csv", units)]);
    let out = run_in(dir.path(), &["batch", "@mau.toml", "--data", "@dv.csv", "-o", "@ra"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("`SO_TU_PHAP`") && err.contains("`so_tu_phap`"), "{err}");
    assert!(err.contains("mã `so_y_te` là \"Sở Y tế\" nhưng cột \"Đơn vị\" ghi \"Sở Nội vụ\""), "{err}");
    let made: Vec<String> = std::fs::read_dir(dir.path().join("ra"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".pdf"))
        .collect();
    assert_eq!(made, ["3-so-noi-vu.pdf"]);
}

#[test]
fn control_characters_in_a_cell_are_named() {
    for (name, bytes) in [
        ("so-lieu.csv", b"T\xc3\xaan,Ng\xc3\xa0y\nA\x07B,1\n".to_vec()),
        ("so-lieu.csv", b"T\xc3\xaan,Ng\xc3\xa0y\nA\x00B,1\n".to_vec()),
        ("so-lieu.xlsx", workbook(&[sheet("S", false, vec![header(), vec![O::S("A\u{1b}B"), O::N(1.0)]])])),
    ] {
        refused_bytes(
            &[("v.toml", doc(name, "").as_bytes()), (name, &bytes)],
            &["render", "@v.toml"],
            &["ô A2", "ký tự điều khiển"],
        );
    }
}

#[test]
fn a_shared_string_used_by_many_cells_is_counted_at_every_use() {
    let big = "x".repeat(2 * 1024 * 1024);
    let rows: Vec<Vec<O<'_>>> = std::iter::once(header())
        .chain((0..40).map(|_| vec![O::S(&big), O::N(1.0)]))
        .collect();
    let book = workbook(&[sheet("S", false, rows)]);
    assert!(book.len() < 100 * 1024, "{} bytes", book.len());
    refused_bytes(
        &[("v.toml", doc("so-lieu.xlsx", "").as_bytes()), ("so-lieu.xlsx", &book)],
        &["render", "@v.toml"],
        &["chữ trong các ô cộng lại hơn 64 MB"],
    );
}
