//! The `vanban render` command end to end: bad input gets a Vietnamese
//! message with file:line:column and field, exit code 1, and no PDF.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::MINIMAL;

fn vanban(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .output()
        .unwrap()
}

fn render(input: &Path) -> Output {
    vanban(&["render".as_ref(), input.as_os_str()])
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Files in `dir` other than the input.
fn written(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap() != "van-ban.toml")
        .collect()
}

struct Case {
    name: &'static str,
    toml: String,
    /// (line, column) expected in "van-ban.toml:LINE:COL".
    at: Option<(usize, usize)>,
    field: Option<&'static str>,
    message: &'static str,
    hint: Option<&'static str>,
}

fn replace(from: &str, to: &str) -> String {
    assert!(MINIMAL.contains(from), "fixture lacks {from:?}");
    MINIMAL.replacen(from, to, 1)
}

/// Line and column (1-based, in characters) of `needle` in `text`.
fn pos(text: &str, needle: &str) -> (usize, usize) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in fixture"));
    let line = text[..at].matches('\n').count() + 1;
    let col = text[..at].rsplit('\n').next().unwrap().chars().count() + 1;
    (line, col)
}

fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    let mut add = |name, toml: String, at: Option<&str>, field, message, hint| {
        let at = at.map(|needle| pos(&toml, needle));
        cases.push(Case {
            name,
            toml,
            at,
            field,
            message,
            hint,
        });
    };

    add(
        "thiếu trích yếu",
        replace("trich_yeu = \"triển khai Chỉ thị số 16/CT-TTg\"\n", ""),
        None,
        Some("trich_yeu"),
        "thiếu trường bắt buộc `trich_yeu`",
        None,
    );
    let t = replace("ho_ten = \"Trần Văn Chiến\"\n", "");
    add(
        "thiếu họ tên người ký",
        t,
        Some("[chu_ky]"),
        Some("chu_ky.ho_ten"),
        "thiếu trường bắt buộc `ho_ten` trong bảng [chu_ky]",
        None,
    );
    add(
        "thiếu bảng cơ quan",
        replace(
            "[co_quan]\nten = [\"ỦY BAN NHÂN DÂN\", \"TỈNH TÂY NINH\"]\n",
            "",
        ),
        None,
        Some("co_quan"),
        "thiếu trường bắt buộc `co_quan`",
        None,
    );
    add(
        "số là chữ",
        replace("so = 1612", "so = \"một nghìn\""),
        Some("\"một nghìn\""),
        Some("so"),
        "cần một số nguyên dương, ví dụ so = 1612, nhưng gặp một chuỗi",
        Some("bỏ hẳn dòng `so`"),
    );
    add(
        "số âm",
        replace("so = 1612", "so = -3"),
        Some("-3"),
        Some("so"),
        "số văn bản phải từ 1 đến 999999",
        None,
    );
    add(
        "kính gửi là số",
        replace(
            "kinh_gui = [\"Công an tỉnh\", \"Các sở, ban, ngành tỉnh\"]",
            "kinh_gui = 5",
        ),
        Some("5\n"),
        Some("kinh_gui"),
        "cần một chuỗi hoặc danh sách chuỗi",
        None,
    );
    add(
        "kính gửi rỗng",
        replace(
            "kinh_gui = [\"Công an tỉnh\", \"Các sở, ban, ngành tỉnh\"]",
            "kinh_gui = []",
        ),
        Some("[]"),
        Some("kinh_gui"),
        "danh sách rỗng",
        None,
    );
    add(
        "khóa lạ ở đầu tệp",
        replace("trich_yeu =", "trich_yeuu ="),
        Some("trich_yeuu"),
        Some("trich_yeuu"),
        "khóa `trich_yeuu` không được hỗ trợ ở đầu tệp",
        Some("có phải ý bạn là `trich_yeu`?"),
    );
    add(
        "khóa có dấu",
        replace("dia_danh =", "địa_danh ="),
        Some("địa_danh"),
        None,
        "tên khóa chỉ gồm chữ không dấu",
        Some("có phải ý bạn là `dia_danh`?"),
    );
    add(
        "khóa lạ trong chữ ký",
        replace("ho_ten =", "hoten ="),
        Some("hoten"),
        Some("chu_ky.hoten"),
        "khóa `hoten` không được hỗ trợ trong bảng [chu_ky]",
        Some("có phải ý bạn là `ho_ten`?"),
    );
    add(
        "ngày không có thật",
        replace("ngay = 2024-05-31", "ngay = \"31/02/2024\""),
        Some("\"31/02/2024\""),
        Some("ngay"),
        "ngày không hợp lệ: \"31/02/2024\"",
        None,
    );
    add(
        "ngày có giờ",
        replace("ngay = 2024-05-31", "ngay = 2024-05-31T08:00:00"),
        Some("2024-05-31T08"),
        Some("ngay"),
        "ngày không hợp lệ",
        None,
    );
    add(
        "quyền hạn TM.",
        replace("quyen_han = \"KT.\"", "quyen_han = \"TM.\""),
        Some("\"TM.\""),
        Some("chu_ky.quyen_han"),
        "quyền hạn \"TM.\" không hợp lệ; cần KT., Q., TL. hoặc TUQ.",
        Some("thay_mat"),
    );
    add(
        "quyền hạn lạ",
        replace("quyen_han = \"KT.\"", "quyen_han = \"Thay\""),
        Some("\"Thay\""),
        Some("chu_ky.quyen_han"),
        "quyền hạn \"Thay\" không hợp lệ",
        None,
    );
    add(
        "ký thay thiếu chức vụ thủ trưởng",
        replace("chuc_vu_thu_truong = \"CHỦ TỊCH\"\n", ""),
        Some("\"KT.\""),
        Some("chu_ky.chuc_vu_thu_truong"),
        "cần ghi chức vụ của người đứng đầu",
        None,
    );
    add(
        "nơi nhận thiếu mục lưu",
        replace(
            "noi_nhan = [\"Như trên\", \"Lưu: VT, KSTT\"]",
            "noi_nhan = [\"Như trên\"]",
        ),
        Some("[\"Như trên\"]"),
        Some("noi_nhan"),
        "thiếu mục lưu văn bản",
        Some("Lưu: VT"),
    );
    add(
        "mục lưu không ở cuối",
        replace(
            "noi_nhan = [\"Như trên\", \"Lưu: VT, KSTT\"]",
            "noi_nhan = [\"Lưu: VT\", \"Như trên\"]",
        ),
        Some("\"Lưu: VT\""),
        Some("noi_nhan[0]"),
        "phải đứng cuối",
        None,
    );
    add(
        "ký hiệu chữ thường",
        replace("ky_hieu = \"UBND-KSTT\"", "ky_hieu = \"ubnd-kstt\""),
        Some("\"ubnd-kstt\""),
        Some("ky_hieu"),
        "ký hiệu phải viết hoa",
        Some("UBND-KSTT"),
    );
    add(
        "độ khẩn lạ",
        format!("do_khan = \"gấp\"\n{MINIMAL}"),
        Some("\"gấp\""),
        Some("do_khan"),
        "giá trị \"gấp\" không hợp lệ; cần một trong: KHẨN, THƯỢNG KHẨN, HỎA TỐC",
        None,
    );
    add(
        "dự thảo không phải true/false",
        format!("du_thao = \"có\"\n{MINIMAL}"),
        Some("\"có\""),
        Some("du_thao"),
        "cần true hoặc false",
        None,
    );
    add(
        "chú thích chưa định nghĩa",
        replace("của Chính phủ.", "của Chính phủ[^1]."),
        Some("[^1]"),
        Some("noi_dung"),
        "chú thích [^1] chưa được định nghĩa",
        None,
    );
    add(
        "ký tự điều khiển",
        replace("dia_danh = \"Tây Ninh\"", "dia_danh = \"Tây\\u0007Ninh\""),
        Some("\"Tây\\u0007"),
        Some("dia_danh"),
        "ký tự điều khiển không in được (U+0007)",
        None,
    );
    add(
        "cú pháp: chuỗi chưa đóng",
        replace("dia_danh = \"Tây Ninh\"", "dia_danh = \"Tây Ninh"),
        Some("\nngay = "),
        None,
        "cú pháp TOML không hợp lệ",
        None,
    );
    add(
        "cú pháp: khóa lặp",
        replace("so = 1612", "so = 1612\nso = 1613"),
        Some("so = 1613"),
        None,
        "cú pháp TOML không hợp lệ: khóa bị khai báo hai lần",
        None,
    );
    add("tệp rỗng", "  \n".to_string(), None, None, "tệp rỗng", None);
    cases
}

#[test]
fn bad_inputs_are_reported_in_vietnamese_with_location_and_no_pdf() {
    let cases = cases();
    assert!(cases.len() >= 15);
    for case in cases {
        let (dir, path) = common::write_toml(&case.toml);
        let out = render(&path);
        let err = stderr(&out);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}: exit code\n{err}",
            case.name
        );
        assert!(
            err.contains(case.message),
            "{}: message {:?} not in\n{err}",
            case.name,
            case.message
        );
        let location = match case.at {
            Some((line, col)) => format!("van-ban.toml:{line}:{col}: "),
            None => "van-ban.toml".into(),
        };
        assert!(
            err.contains(&location),
            "{}: location {location:?} not in\n{err}",
            case.name
        );
        if let Some(field) = case.field {
            assert!(
                err.contains(&format!("trường `{field}`")),
                "{}: field {field} not in\n{err}",
                case.name
            );
        }
        if let Some(hint) = case.hint {
            assert!(
                err.contains("gợi ý:") && err.contains(hint),
                "{}: hint {hint:?} not in\n{err}",
                case.name
            );
        }
        assert!(err.contains("chưa tạo tệp PDF nào"), "{}\n{err}", case.name);
        assert!(!err.contains("panicked"), "{}: panic\n{err}", case.name);
        assert!(
            written(dir.path()).is_empty(),
            "{}: wrote {:?}",
            case.name,
            written(dir.path())
        );
    }
}

#[test]
fn several_problems_are_reported_together() {
    let toml = MINIMAL
        .replace("so = 1612", "so = \"x\"")
        .replace("ho_ten =", "hoten =");
    let (dir, path) = common::write_toml(&toml);
    let out = render(&path);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains("trường `so`")
            && err.contains("trường `chu_ky.hoten`")
            && err.contains("trường `chu_ky.ho_ten`"),
        "{err}"
    );
    assert!(err.contains("có 3 lỗi"), "{err}");
    assert!(written(dir.path()).is_empty());
}

#[test]
fn missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = render(&dir.path().join("khong-co.toml"));
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains("khong-co.toml: không đọc được tệp: không tồn tại"),
        "{err}"
    );
    assert!(written(dir.path()).is_empty());
}

#[test]
fn non_utf8_file_points_at_the_first_bad_byte() {
    let (dir, path) = common::write_toml("");
    let mut bytes = b"so = 12\ndia_danh = \"T".to_vec();
    bytes.extend([0xE2, 0x28, 0xA1]); // Windows-1258 / broken UTF-8
    bytes.extend(b"y Ninh\"\n");
    std::fs::write(&path, bytes).unwrap();
    let out = render(&path);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains("van-ban.toml:2:14: tệp không phải văn bản UTF-8"),
        "{err}"
    );
    assert!(err.contains("gợi ý:"), "{err}");
    assert!(written(dir.path()).is_empty());
}

#[test]
fn a_failed_render_keeps_the_previous_pdf() {
    let (dir, path) = common::write_toml(&MINIMAL.replace("so = 1612", "so = 0"));
    let target = dir.path().join("van-ban.pdf");
    std::fs::write(&target, b"%PDF-1.7 previous good file").unwrap();
    let out = render(&path);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        std::fs::read(&target).unwrap(),
        b"%PDF-1.7 previous good file"
    );
    assert_eq!(written(dir.path()), vec![target]);
}

#[test]
fn output_into_a_missing_directory_fails_cleanly() {
    let (dir, path) = common::write_toml(MINIMAL);
    let out = vanban(&[
        "render".as_ref(),
        path.as_os_str(),
        "-o".as_ref(),
        dir.path().join("khong/co.pdf").as_os_str(),
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("không tạo được tệp") && err.contains("không tồn tại"),
        "{err}"
    );
    assert!(written(dir.path()).is_empty());
}

#[test]
fn renders_beside_the_input_by_default() {
    let (dir, path) = common::write_toml(MINIMAL);
    let out = render(&path);
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Đã tạo") && stdout.contains("van-ban.pdf") && stdout.contains("1 trang"),
        "{stdout}"
    );
    let pdf = std::fs::read(dir.path().join("van-ban.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-") && pdf.len() > 10_000);
    assert_eq!(
        written(dir.path()).len(),
        1,
        "no temporary file left behind"
    );
}

#[test]
fn help_is_in_vietnamese() {
    let out = vanban(&["render".as_ref(), "--help".as_ref()]);
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(
        help.contains("Cách dùng:")
            && help.contains("Tệp PDF cần tạo")
            && help.contains("--font-dir"),
        "{help}"
    );
    assert!(
        !help.contains("Usage:") && !help.contains("Print help"),
        "{help}"
    );
}

#[test]
fn font_dir_without_times_new_roman_is_refused() {
    let (dir, path) = common::write_toml(MINIMAL);
    let fonts = dir.path().join("phong");
    std::fs::create_dir(&fonts).unwrap();
    std::fs::copy(
        common::example("../fonts/LiberationSerif-Regular.ttf"),
        fonts.join("a.ttf"),
    )
    .unwrap();
    let out = vanban(&[
        "render".as_ref(),
        path.as_os_str(),
        "--font-dir".as_ref(),
        fonts.as_os_str(),
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains("không có phông Times New Roman (tìm thấy: Liberation Serif)"),
        "{err}"
    );
    assert!(!dir.path().join("van-ban.pdf").exists());
}

#[test]
fn characters_missing_from_the_font_are_refused_not_printed_as_boxes() {
    let (dir, path) = common::write_toml(
        &MINIMAL.replace("dia_danh = \"Tây Ninh\"", "dia_danh = \"Tây Ninh 漢\""),
    );
    let out = render(&path);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains("phông Liberation Serif không có ký tự «漢» (U+6F22)"),
        "{err}"
    );
    assert!(written(dir.path()).is_empty());
}

#[test]
fn command_line_mistakes_are_explained_in_vietnamese() {
    for (args, expected) in [
        (
            vec!["render", "a.toml", "--bogus"],
            "lỗi: tùy chọn không hợp lệ: --bogus",
        ),
        (vec!["render"], "lỗi: thiếu tham số: <TỆP.toml>"),
        (vec!["in-ra"], "lỗi: lệnh không hợp lệ: in-ra"),
    ] {
        let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
        let out = vanban(&args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(
            err.contains(expected) && err.contains("vanban --help"),
            "{err}"
        );
        assert!(!err.contains("error:") && !err.contains("Usage"), "{err}");
    }
}
