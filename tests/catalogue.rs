//! The catalogue of careless and hostile input (issue 13): one line per
//! case, run through the command as a clerk runs it. Each case asserts the
//! exit code, every expected piece of the Vietnamese message (with its file,
//! line and column, or row and cell, where one exists) and that the folder
//! is byte for byte as before: nothing created, nothing changed. With the
//! cases of `hostile.rs` and `cli.rs` they cover every reproducer of the
//! issue; all failing cases are listed together.

use crate::common;
use crate::common::Edit;

use common::MINIMAL;
use common::refuse::{BATCH, UNITS, run_in, snapshot, stderr, write_files};

struct Case {
    name: &'static str,
    files: Vec<(&'static str, Vec<u8>)>,
    args: Vec<&'static str>,
    exit: i32,
    expected: Vec<String>,
}

/// MINIMAL with `from` replaced by `to` (which must be there).
fn text(from: &str, to: &str) -> Vec<u8> {
    MINIMAL.edit(from, to).into_bytes()
}

/// The folder holding only `v.toml`: MINIMAL with `from` replaced by `to`.
fn doc(from: &str, to: &str) -> Vec<(&'static str, Vec<u8>)> {
    vec![("v.toml", text(from, to))]
}

/// BATCH with `from` replaced by `to`.
fn mau(from: &str, to: &str) -> Vec<u8> {
    assert!(BATCH.contains(from), "{from}");
    BATCH.replacen(from, to, 1).into_bytes()
}

/// MINIMAL with a phụ lục table reading `path`; `du_lieu` is on line 22.
fn table(path: &str) -> Vec<u8> {
    text(
        "[co_quan]\n",
        &format!(
            "[[phu_luc]]\ntieu_de = \"Số liệu\"\nkem_theo = false\n\n[[phu_luc.bang]]\ndu_lieu = \"{path}\"\ncot = [\"stt\", {{ ma = \"a\", tieu_de = \"A\" }}]\n\n[co_quan]\n"
        ),
    )
}

const RENDER: [&str; 2] = ["render", "@v.toml"];
const RENDER_VB: [&str; 2] = ["render", "@vb/v.toml"];
const BATCH_ARGS: [&str; 6] = ["batch", "@m.toml", "--data", "@u.csv", "-o", "@out"];

fn cases() -> Vec<Case> {
    let mut all = Vec::new();
    let mut add = |name,
                   files: Vec<(&'static str, Vec<u8>)>,
                   args: &[&'static str],
                   exit,
                   expected: &[&str]| {
        all.push(Case {
            name,
            files,
            args: args.to_vec(),
            exit,
            expected: expected.iter().map(|s| s.to_string()).collect(),
        })
    };
    let batch = |args: &[&'static str]| -> Vec<&'static str> {
        BATCH_ARGS.iter().chain(args).copied().collect()
    };
    let units = || ("u.csv", UNITS.as_bytes().to_vec());

    // Reads outside the document's folder.
    let outside = "nằm ngoài thư mục chứa văn bản";
    let allow = "--cho-phep-ngoai";
    for (name, path, file) in [
        ("data file up a folder", "../so-lieu.csv", "vb/v.toml:22:11"),
        (
            "data file by absolute path",
            "/etc/passwd",
            "vb/v.toml:22:11",
        ),
        ("data file two folders up", "../../x.csv", "vb/v.toml:22:11"),
    ] {
        add(
            name,
            vec![
                ("vb/v.toml", table(path)),
                ("so-lieu.csv", b"A\n1\n".to_vec()),
            ],
            &RENDER_VB,
            1,
            &[file, "trường `phu_luc[0].bang[0].du_lieu`", outside, allow],
        );
    }
    add(
        "units directory up a folder",
        vec![
            (
                "vb/v.toml",
                text("so = 1612", "danh_ba = \"../danh-ba.toml\"\nso = 1612"),
            ),
            (
                "danh-ba.toml",
                "[[don_vi]]\nma = \"s_x\"\nten = \"Sở X\"\n".into(),
            ),
        ],
        &RENDER_VB,
        1,
        &["vb/v.toml:2:11", "trường `danh_ba`", outside],
    );
    add(
        "units directory /etc/passwd, its content never quoted",
        doc("so = 1612", "danh_ba = \"/etc/passwd\"\nso = 1612"),
        &RENDER,
        1,
        &["v.toml:2:11", outside],
    );
    add(
        "batch template reading a table up a folder",
        vec![
            (
                "m.toml",
                format!("{BATCH}\n[[phu_luc]]\ntieu_de = \"Số liệu\"\nkem_theo = false\n\n[[phu_luc.bang]]\ndu_lieu = \"../x.csv\"\ncot = [\"stt\"]\n").into_bytes(),
            ),
            units(),
        ],
        &BATCH_ARGS,
        1,
        &["m.toml:", "`phu_luc[0].bang[0].du_lieu`", outside],
    );

    // Files that are missing, not files, or not what they claim.
    add(
        "document missing",
        vec![],
        &["render", "@khong-co.toml"],
        1,
        &["khong-co.toml: không đọc được tệp: không tồn tại"],
    );
    add(
        "document is a folder",
        vec![("d.toml/x", vec![])],
        &["render", "@d.toml"],
        1,
        &["d.toml: đây là một thư mục"],
    );
    add(
        "document empty",
        vec![("v.toml", vec![])],
        &RENDER,
        1,
        &["v.toml: tệp rỗng", "gợi ý:"],
    );
    add(
        "document not UTF-8",
        vec![("v.toml", b"so = \"\xff\xfe\"\n".to_vec())],
        &RENDER,
        1,
        &["v.toml:1:7: tệp không phải văn bản UTF-8", "gợi ý:"],
    );
    add(
        "data file missing",
        vec![("v.toml", table("khong-co.csv"))],
        &RENDER,
        1,
        &["v.toml:22:11", "không có tệp \"khong-co.csv\"", "gợi ý:"],
    );
    add(
        "data file not a workbook",
        vec![
            ("v.toml", table("x.xlsx")),
            ("x.xlsx", b"PK not a zip".to_vec()),
        ],
        &RENDER,
        1,
        &["x.xlsx", "không đọc được sổ Excel", "gợi ý:"],
    );
    add(
        "data file of another kind",
        vec![("v.toml", table("x.ods")), ("x.ods", b"x".to_vec())],
        &RENDER,
        1,
        &["x.ods", "chỉ đọc được số liệu từ tệp .csv hoặc .xlsx"],
    );
    add(
        "data file a folder",
        vec![("v.toml", table("so-lieu.csv")), ("so-lieu.csv/x", vec![])],
        &RENDER,
        1,
        &["so-lieu.csv", "đây là một thư mục"],
    );
    add(
        "units file missing",
        vec![("m.toml", BATCH.as_bytes().to_vec())],
        &BATCH_ARGS,
        1,
        &["u.csv: không đọc được tệp: không tồn tại"],
    );
    add(
        "template missing",
        vec![units()],
        &BATCH_ARGS,
        1,
        &["m.toml: không đọc được tệp: không tồn tại"],
    );
    add(
        "units file without rows",
        vec![
            ("m.toml", BATCH.as_bytes().to_vec()),
            ("u.csv", "Đơn vị,Tỷ lệ\n".into()),
        ],
        &BATCH_ARGS,
        1,
        &["u.csv: tệp số liệu không có dòng nào", "gợi ý:"],
    );
    add(
        "units file empty",
        vec![("m.toml", BATCH.as_bytes().to_vec()), ("u.csv", vec![])],
        &BATCH_ARGS,
        1,
        &["u.csv: tệp không có dòng tiêu đề cột nào"],
    );
    add(
        "units workbook broken",
        vec![
            ("m.toml", BATCH.as_bytes().to_vec()),
            ("u.xlsx", b"zz".to_vec()),
        ],
        &["batch", "@m.toml", "--data", "@u.xlsx", "-o", "@out"],
        1,
        &["u.xlsx: không đọc được sổ Excel"],
    );
    add(
        "font folder missing",
        vec![("v.toml", MINIMAL.into())],
        &["render", "@v.toml", "--font-dir", "@khong-co"],
        1,
        &["không đọc được thư mục phông", "khong-co: không tồn tại"],
    );
    add(
        "broken font file",
        vec![
            ("v.toml", MINIMAL.into()),
            ("phong/times.ttf", b"not a font".to_vec()),
        ],
        &["render", "@v.toml", "--font-dir", "@phong"],
        1,
        &["times.ttf không đọc được như một phông chữ"],
    );

    // TOML mistakes: each at its line and column.
    add(
        "unclosed string",
        doc("trich_yeu = \"triển khai", "trich_yeu = \"\ntriển khai"),
        &RENDER,
        1,
        &["v.toml:", "cú pháp TOML không hợp lệ"],
    );
    add(
        "key given twice",
        doc("so = 1612", "so = 1612\nso = 1613"),
        &RENDER,
        1,
        &["v.toml:3:1", "khóa bị khai báo hai lần"],
    );
    add(
        "misspelt key",
        doc("so = 1612", "so = 1612\ntrich_yu = \"x\""),
        &RENDER,
        1,
        &["v.toml:3:1", "trường `trich_yu`", "không được hỗ trợ"],
    );
    add(
        "number as text",
        doc("so = 1612", "so = \"abc\""),
        &RENDER,
        1,
        &["v.toml:2:6", "trường `so`", "cần một số nguyên dương"],
    );
    add(
        "negative number",
        doc("so = 1612", "so = -5"),
        &RENDER,
        1,
        &["v.toml:2:6", "số văn bản phải từ 1 đến 999999"],
    );
    add(
        "required key missing",
        doc("trich_yeu = \"triển khai Chỉ thị số 16/CT-TTg\"\n", ""),
        &RENDER,
        1,
        &["v.toml: trường `trich_yeu`", "thiếu trường bắt buộc"],
    );
    add(
        "signer's name missing",
        doc("ho_ten = \"Trần Văn Chiến\"\n", ""),
        &RENDER,
        1,
        &[
            "v.toml:20:1",
            "trường `chu_ky.ho_ten`",
            "thiếu trường bắt buộc `ho_ten`",
        ],
    );
    add(
        "29 February of a common year",
        doc("ngay = 2024-05-31", "ngay = 2023-02-29"),
        &RENDER,
        1,
        &["v.toml:5:8", "ngày tháng không có thật"],
    );
    add(
        "a time of day in the date",
        doc("ngay = 2024-05-31", "ngay = 2024-05-31T10:00:00"),
        &RENDER,
        1,
        &["v.toml:5:8", "trường `ngay`", "ngày không hợp lệ"],
    );
    add(
        "no recipient",
        doc(
            "noi_nhan = [\"Như trên\", \"Lưu: VT, KSTT\"]",
            "noi_nhan = []",
        ),
        &RENDER,
        1,
        &["v.toml:15:12", "trường `noi_nhan`", "danh sách rỗng"],
    );
    add(
        "space in the symbol",
        doc("ky_hieu = \"UBND-KSTT\"", "ky_hieu = \"UBND KSTT\""),
        &RENDER,
        1,
        &["v.toml:3:11", "trường `ky_hieu`", "không được có dấu cách"],
    );
    add(
        "unknown bundled directory",
        doc("so = 1612", "danh_ba = \"khong-co\"\nso = 1612"),
        &RENDER,
        1,
        &["v.toml:2:11", "không có danh bạ có sẵn tên \"khong-co\""],
    );
    add(
        "unit id not in the directory",
        doc(
            "kinh_gui = [\"Công an tỉnh\", \"Các sở, ban, ngành tỉnh\"]",
            "danh_ba = \"tay-ninh\"\nkinh_gui = [\"s_khong_co\"]",
        ),
        &RENDER,
        1,
        &[
            "v.toml:8:13",
            "trường `kinh_gui[0]`",
            "không có đơn vị mã `s_khong_co`",
        ],
    );
    add(
        "a character the fonts lack",
        doc("dia_danh = \"Tây Ninh\"", "dia_danh = \"Tây Ninh 漢\""),
        &RENDER,
        1,
        &[
            "v.toml:4:22",
            "trường `dia_danh`",
            "không có ký tự «漢» (U+6F22)",
            "gợi ý:",
        ],
    );
    add(
        "a warning under --nghiem",
        vec![(
            "v.toml",
            format!("{MINIMAL}\n[chu_thich]\nx = \"Chú thích\"\n").into_bytes(),
        )],
        &["--nghiem", "render", "@v.toml"],
        1,
        &["v.toml:27:1", "trường `chu_thich.x`", "không được dẫn"],
    );

    // Data files: rows, cells and characters.
    add(
        "invisible character in a data cell",
        vec![
            ("v.toml", table("so-lieu.csv")),
            ("so-lieu.csv", "A\nSở\u{202E} Y tế\n".into()),
        ],
        &RENDER,
        1,
        &[
            "so-lieu.csv",
            "ô A2",
            "U+202E (RIGHT-TO-LEFT OVERRIDE)",
            "gợi ý:",
        ],
    );
    add(
        "invisible character in a data header",
        vec![
            ("v.toml", table("so-lieu.csv")),
            ("so-lieu.csv", "A\u{200B}\n1\n".into()),
        ],
        &RENDER,
        1,
        &["so-lieu.csv", "ô A1", "ZERO WIDTH SPACE"],
    );
    add(
        "invisible character in a unit's row",
        vec![
            ("m.toml", BATCH.as_bytes().to_vec()),
            (
                "u.csv",
                UNITS.edit("Sở Y tế", "Sở Y\u{2066} tế").into_bytes(),
            ),
        ],
        &BATCH_ARGS,
        1,
        &["u.csv", "ô A3", "LEFT-TO-RIGHT ISOLATE"],
    );
    add(
        "invisible character in a units TOML file",
        vec![
            ("m.toml", mau("Kết quả: {{ row.ty_le }}%./.", "Kết quả./.")),
            ("u.toml", "[[don_vi]]\nten = \"Sở\u{202D} Y tế\"\n".into()),
        ],
        &["batch", "@m.toml", "--data", "@u.toml", "-o", "@out"],
        1,
        &["u.toml:2:10", "LEFT-TO-RIGHT OVERRIDE"],
    );
    add(
        "a units row short of cells",
        vec![
            ("m.toml", BATCH.as_bytes().to_vec()),
            ("u.csv", "Đơn vị,Tỷ lệ\nSở Tư pháp\n".into()),
        ],
        &BATCH_ARGS,
        1,
        &["u.csv: dòng 2 có 1 ô, dòng tiêu đề có 2 ô", "gợi ý:"],
    );
    add(
        "a units column that is not there",
        vec![("m.toml", BATCH.as_bytes().to_vec()), units()],
        &batch(&["--cot-don-vi", "Khong"]),
        1,
        &["u.csv: không có cột \"Khong\" (--cot-don-vi)", "gợi ý:"],
    );

    // Template expressions.
    for (expression, expected) in [
        ("{{ don_vi.ten ", "sai cú pháp (cần:"),
        ("{% extends 'x' %}", "thẻ {% extends %} không được dùng"),
        (
            "{{ get_random(start=1, end=5) }}",
            "hàm get_random() không được dùng",
        ),
        (
            "{{ get_env(name='HOME') }}",
            "không được đọc biến môi trường",
        ),
        ("{{ row.khong_co }}", "không có giá trị `row.khong_co`"),
    ] {
        add(
            "template expression",
            vec![("m.toml", mau("gửi {{ don_vi.ten }}", expression)), units()],
            &BATCH_ARGS,
            1,
            &["m.toml", "trường `trich_yeu`", expected],
        );
    }
    add(
        "template syntax error names no English",
        vec![
            ("m.toml", mau("gửi {{ don_vi.ten }}", "gửi {{ don_vi.ten ")),
            units(),
        ],
        &BATCH_ARGS,
        1,
        &["m.toml:6:32", "một bộ lọc", "dấu đóng `}}`"],
    );
    add(
        "two units given one file name",
        vec![("m.toml", BATCH.as_bytes().to_vec()), units()],
        &batch(&["--ten", "x"]),
        1,
        &["trường `--ten`", "tên tệp \"x.pdf\" trùng nhau", "gợi ý:"],
    );
    add(
        "file-name pattern broken",
        vec![("m.toml", BATCH.as_bytes().to_vec()), units()],
        &batch(&["--ten", "{{ don_vi.ten"]),
        1,
        &["trường `--ten`", "không hợp lệ", "gợi ý:"],
    );

    // Work beyond sane limits: refused before any layout.
    let rows: String = (0..10_001).map(|i| format!("{i}\n")).collect();
    add(
        "a table of more than 10,000 rows",
        vec![
            ("v.toml", table("so-lieu.csv")),
            ("so-lieu.csv", format!("A\n{rows}").into_bytes()),
        ],
        &RENDER,
        1,
        &[
            "v.toml:22:11",
            "bảng có 10001 dòng, tối đa 10000",
            "gợi ý: tách",
        ],
    );
    let many: String = (0..10_001).map(|i| format!("Xã {i},50\n")).collect();
    add(
        "a batch of more than 10,000 units",
        vec![
            ("m.toml", BATCH.into()),
            ("u.csv", format!("Đơn vị,Tỷ lệ\n{many}").into_bytes()),
        ],
        &BATCH_ARGS,
        1,
        &[
            "u.csv: tệp số liệu có 10001 đơn vị, tối đa 10000",
            "gợi ý: tách",
        ],
    );
    for (expression, expected) in [
        (
            "{% for i in range(end=9) %}{% for j in range(end=9) %}{% for k in range(end=9) %}{% endfor %}{% endfor %}{% endfor %}",
            "lồng nhau quá 2 tầng",
        ),
        (
            "{% for c in don_vi.ten %}{{ c }}{% endfor %}",
            "chỉ chạy trên range(…) hoặc một danh sách khai trong [bien]",
        ),
    ] {
        add(
            "a loop that could run for minutes",
            vec![
                ("m.toml", mau("Kết quả: {{ row.ty_le }}%./.", expression)),
                units(),
            ],
            &BATCH_ARGS,
            1,
            &["m.toml:7:12", "trường `noi_dung`", expected, "gợi ý:"],
        );
    }
    let list: Vec<String> = (0..1001).map(|i| i.to_string()).collect();
    add(
        "a [bien] list longer than a loop may run",
        vec![
            (
                "m.toml",
                format!("{BATCH}\n[bien]\nds = [{}]\n", list.join(", ")).into_bytes(),
            ),
            units(),
        ],
        &BATCH_ARGS,
        1,
        &["m.toml", "trường `bien.ds`", "1001 phần tử, tối đa 1000"],
    );
    add(
        "text after a value",
        doc("ky_hieu = \"UBND-KSTT\"", "ky_hieu = \"UBND-KSTT\" \"x\""),
        &RENDER,
        1,
        &["v.toml:3:23", "thừa chữ sau giá trị"],
    );
    add(
        "true misspelt",
        doc("so = 1612", "so = 1612\nkem_theo = tru"),
        &RENDER,
        1,
        &["v.toml:3:12", "true hoặc false"],
    );

    // The command line.
    add(
        "threads not a number",
        vec![("m.toml", BATCH.into()), units()],
        &batch(&["--luong", "abc"]),
        2,
        &["giá trị \"abc\" không hợp lệ cho --luong"],
    );
    add(
        "units file not given",
        vec![("m.toml", BATCH.into())],
        &["batch", "@m.toml", "-o", "@out"],
        2,
        &["thiếu tham số: --data"],
    );
    add(
        "export format unknown",
        vec![("v.toml", MINIMAL.into())],
        &["tasks", "@v.toml", "--format", "xml"],
        2,
        &["giá trị \"xml\" không hợp lệ cho --format", "csv, json"],
    );
    add(
        "starter over an existing file",
        vec![("v.toml", MINIMAL.into())],
        &["init", "cong_van", "@v.toml"],
        1,
        &["v.toml: tệp đã có", "gợi ý:"],
    );
    add(
        "output in a folder that is not there",
        vec![("v.toml", MINIMAL.into())],
        &["render", "@v.toml", "-o", "@khong/co/x.pdf"],
        1,
        &["không ghi được", "chưa có", "gợi ý:"],
    );

    // Electronic documents: images and PDF/A.
    let signed = |line: &str| {
        text(
            "ho_ten = \"Trần Văn Chiến\"",
            &format!("ho_ten = \"Trần Văn Chiến\"\n{line}"),
        )
    };
    add(
        "signature image up a folder",
        vec![
            ("vb/v.toml", signed("anh = \"../ky.png\"")),
            ("ky.png", png_claiming(2, 2)),
        ],
        &RENDER_VB,
        1,
        &["vb/v.toml:25:7", "trường `chu_ky.anh`", outside, allow],
    );
    add(
        "signature image that is not a PNG",
        vec![
            ("v.toml", signed("anh = \"ky.png\"")),
            ("ky.png", b"GIF89a....".to_vec()),
        ],
        &RENDER,
        1,
        &[
            "v.toml:25:7",
            "trường `chu_ky.anh`",
            "không phải ảnh PNG",
            "gợi ý:",
        ],
    );
    add(
        "seal image claiming 30000 × 30000 pixels",
        vec![
            (
                "v.toml",
                text("[chu_ky]", "anh_dau = \"dau.png\"\n\n[chu_ky]"),
            ),
            ("dau.png", png_claiming(30_000, 30_000)),
        ],
        &RENDER,
        1,
        &[
            "v.toml:20:11",
            "trường `co_quan.anh_dau`",
            "30000×30000 điểm ảnh",
            "quá giới hạn 128 MB",
        ],
    );
    add(
        "seal of 80 mm",
        doc(
            "[chu_ky]",
            "anh_dau = \"dau.png\"\nduong_kinh_dau = 80\n\n[chu_ky]",
        ),
        &RENDER,
        1,
        &[
            "v.toml:21:18",
            "trường `co_quan.duong_kinh_dau`",
            "từ 20 đến 60 mm",
        ],
    );
    add(
        "PDF/A asked in the document of a draft without its day",
        doc(
            "ngay = 2024-05-31",
            "ngay = \"5/2024\"\ndien_tu = { pdfa = true }",
        ),
        &RENDER,
        1,
        &[
            "v.toml:6:20",
            "trường `dien_tu.pdfa`",
            "ngày đầy đủ",
            "gợi ý:",
        ],
    );
    add(
        "--pdfa on a draft without its day",
        doc("ngay = 2024-05-31", "ngay = \"5/2024\""),
        &["render", "@v.toml", "--pdfa"],
        1,
        &["--pdfa", "ngày đầy đủ", "gợi ý:"],
    );
    add(
        "--pdfa with --khong-pdfa",
        vec![("v.toml", MINIMAL.into())],
        &["render", "@v.toml", "--pdfa", "--khong-pdfa"],
        2,
        &["--pdfa", "--khong-pdfa"],
    );
    add(
        "a Word file asked for as a PDF",
        vec![("v.toml", MINIMAL.into())],
        &["render", "@v.toml", "--dang", "pdf", "-o", "@v.docx"],
        1,
        &["tệp Word (.docx)", "--dang", "gợi ý:"],
    );
    add(
        "vanban watch asked for a Word file",
        vec![("v.toml", MINIMAL.into())],
        &["watch", "@v.toml", "--dang", "docx"],
        1,
        &["vanban watch chỉ tạo lại tệp PDF", "gợi ý:"],
    );
    add(
        "a batch of Word files joined into a PDF",
        vec![("m.toml", BATCH.into()), units()],
        &batch(&["--dang", "docx", "--gop", "@g.pdf"]),
        1,
        &["--gop", "--dang docx", "gợi ý:"],
    );
    add(
        "signature fields asked for a Word file, strictly",
        vec![("v.toml", MINIMAL.into())],
        &["--nghiem", "render", "@v.toml", "--dang", "docx", "--o-ky"],
        1,
        &["ô ký số (--o-ky) chỉ có trong tệp PDF", "--dang ca-hai"],
    );
    second_round(&mut add);
    second_round_messages(&mut add);
    all
}

type Add<'a> = dyn FnMut(&'static str, Vec<(&'static str, Vec<u8>)>, &[&'static str], i32, &[&str]) + 'a;

/// Issue 25's reproducers: bounds while reading, and what the first round
/// let through.
fn second_round(add: &mut Add<'_>) {
    let long = "triển khai ".repeat(4_000);
    add(
        "a trích yếu of 44,000 characters",
        doc("trich_yeu = \"triển khai Chỉ thị số 16/CT-TTg\"", &format!("trich_yeu = \"{long}\"")),
        &RENDER,
        1,
        &["v.toml:6:13", "trường `trich_yeu`", "dài 43.999 ký tự, tối đa 2.000"],
    );
    let many: Vec<String> = (0..100_000).map(|i| format!("\"Đơn vị {i}\"")).collect();
    add(
        "100,000 Kính gửi entries",
        doc(
            "kinh_gui = [\"Công an tỉnh\", \"Các sở, ban, ngành tỉnh\"]",
            &format!("kinh_gui = [{}]", many.join(", ")),
        ),
        &RENDER,
        1,
        &["trường `kinh_gui`", "có 100.000 mục, tối đa 1.000"],
    );
    let cell = "x ".repeat(2_600);
    add(
        "a table cell of 5,200 characters",
        vec![
            ("v.toml", table("so-lieu.csv")),
            ("so-lieu.csv", format!("A\n{cell}\n").into_bytes()),
        ],
        &RENDER,
        1,
        &["so-lieu.csv", "ô A2: dài 5.199 ký tự, tối đa 5.000 một ô bảng"],
    );
    add(
        "a 16-bit image decoding to 134 MB",
        vec![
            ("v.toml", text("ho_ten = \"Trần Văn Chiến\"", "ho_ten = \"Trần Văn Chiến\"\nanh = \"ky.png\"")),
            ("ky.png", png_16bit(4_100, 4_100)),
        ],
        &RENDER,
        1,
        &["trường `chu_ky.anh`", "4100×4100 điểm ảnh", "quá giới hạn 128 MB"],
    );
    add(
        "loops writing a million values",
        vec![
            ("m.toml", mau("Kết quả: {{ row.ty_le }}%./.", "{% for i in range(end=1000) %}{% for j in range(end=1000) %}{{ row.ty_le }}{% endfor %}{% endfor %}./.")),
            ("u.csv", UNITS.as_bytes().to_vec()),
        ],
        &BATCH_ARGS,
        1,
        &["trường `noi_dung`", "quá 100000 ký tự"],
    );
    add(
        "set_global doubling a text",
        vec![
            ("m.toml", mau("Kết quả: {{ row.ty_le }}%./.", "{% set_global s = 1 %}{% for i in range(end=40) %}{% set_global s = s ~ s %}{% endfor %}./.")),
            ("u.csv", UNITS.as_bytes().to_vec()),
        ],
        &BATCH_ARGS,
        1,
        &["m.toml", "set_global", "`s ~ s`"],
    );
}

/// Issue 25's messages: what the TOML parser, the engine and the commands
/// said in English or at the wrong place.
fn second_round_messages(add: &mut Add<'_>) {
    add(
        "lone CR line ends",
        vec![("v.toml", MINIMAL.replacen('\n', "\r", 3).into_bytes())],
        &RENDER,
        1,
        &["v.toml:1:", "dấu xuống dòng CR đứng riêng"],
    );
    add(
        "a NUL byte in a comment",
        vec![("v.toml", format!("# ghi chú \u{0} cuối\n{MINIMAL}").into_bytes())],
        &RENDER,
        1,
        &["v.toml:1:", "chú thích (sau dấu #) có ký tự điều khiển"],
    );
    add(
        "brackets nested 300,000 deep on one line",
        vec![("v.toml", format!("x = {}\n{MINIMAL}", "[".repeat(300_000)).into_bytes())],
        &RENDER,
        1,
        &["v.toml:1:", "lồng nhau quá sâu"],
    );
    add(
        "an unknown escape in a string",
        doc("ho_ten = \"Trần Văn Chiến\"", "ho_ten = \"Trần \\q Chiến\""),
        &RENDER,
        1,
        &["dấu \\ trong chuỗi nháy kép"],
    );
    add(
        "a footnote defined in the body and in [chu_thich]",
        doc(
            "của Chính phủ.",
            "của Chính phủ[^a].\n\n[^a]: Ở nội dung.\n\"\"\"\n\n[chu_thich]\na = \"Ở bảng\"\n\nx_khong = \"\"\"",
        ),
        &RENDER,
        1,
        &["chú thích [^a] được định nghĩa hai lần"],
    );
    add(
        "init onto a file that is not .toml",
        Vec::new(),
        &["init", "cong_van", "@x.pdf"],
        1,
        &["không có đuôi .toml"],
    );
}

/// A 16-bit grey PNG of `w` × `h` pixels, all black (it compresses to little).
fn png_16bit(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let mut e = png::Encoder::new(&mut out, w, h);
    e.set_color(png::ColorType::Grayscale);
    e.set_depth(png::BitDepth::Sixteen);
    e.set_compression(png::Compression::Fast);
    let mut writer = e.write_header().unwrap();
    writer
        .write_image_data(&vec![0; (w * h * 2) as usize])
        .unwrap();
    drop(writer);
    out
}

/// A PNG whose header claims `w` × `h` pixels (checksum right), with one
/// pixel's data.
fn png_claiming(w: u32, h: u32) -> Vec<u8> {
    let mut out = common::png(1, 1, png::ColorType::Rgba, &[0, 0, 0, 0]);
    out[16..20].copy_from_slice(&w.to_be_bytes());
    out[20..24].copy_from_slice(&h.to_be_bytes());
    let crc = crc32fast::hash(&out[12..29]);
    out[29..33].copy_from_slice(&crc.to_be_bytes());
    out
}

#[test]
fn every_case_of_the_catalogue_is_refused_plainly_and_changes_nothing() {
    let cases = cases();
    // The issue asked for 60 or more; the cases of hostile.rs and cli.rs add to these.
    assert!(cases.len() >= 60, "{} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let dir = tempfile::tempdir().unwrap();
        write_files(dir.path(), &case.files);
        let before = snapshot(dir.path());
        let out = run_in(dir.path(), &case.args);
        let err = stderr(&out).replace(&format!("{}/", dir.path().display()), "");
        let mut wrong = Vec::new();
        if out.status.code() != Some(case.exit) {
            wrong.push(format!(
                "exit {:?}, expected {}",
                out.status.code(),
                case.exit
            ));
        }
        for piece in &case.expected {
            if !err.contains(piece.as_str()) {
                wrong.push(format!("missing {piece:?}"));
            }
        }
        if err.contains("panicked") || !err.starts_with("lỗi") {
            wrong.push("not a plain Vietnamese error".into());
        }
        if snapshot(dir.path()) != before {
            wrong.push("the folder changed".into());
        }
        if !wrong.is_empty() {
            failures.push(format!("{}: {}\n{err}", case.name, wrong.join("; ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
