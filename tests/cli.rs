//! The `vanban render` command end to end: bad input gets a Vietnamese
//! message with file:line:column and field, exit code 1, and no PDF.

use crate::common;
use crate::common::Edit;

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
        MINIMAL.edit("trich_yeu = \"triển khai Chỉ thị số 16/CT-TTg\"\n", ""),
        None,
        Some("trich_yeu"),
        "thiếu trường bắt buộc `trich_yeu`",
        None,
    );
    let t = MINIMAL.edit("ho_ten = \"Trần Văn Chiến\"\n", "");
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
        MINIMAL.edit(
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
        MINIMAL.edit("so = 1612", "so = \"một nghìn\""),
        Some("\"một nghìn\""),
        Some("so"),
        "cần một số nguyên dương (so = 1612), hoặc số/năm của văn bản quy phạm (so = \"15/2024\"), nhưng gặp một chuỗi",
        Some("bỏ hẳn dòng `so`"),
    );
    add(
        "số âm",
        MINIMAL.edit("so = 1612", "so = -3"),
        Some("-3"),
        Some("so"),
        "số văn bản phải từ 1 đến 999999",
        None,
    );
    add(
        "kính gửi là số",
        MINIMAL.edit(
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
        MINIMAL.edit(
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
        MINIMAL.edit("trich_yeu =", "trich_yeuu ="),
        Some("trich_yeuu"),
        Some("trich_yeuu"),
        "khóa `trich_yeuu` không được hỗ trợ ở đầu tệp",
        Some("có phải ý bạn là `trich_yeu`?"),
    );
    add(
        "khóa có dấu",
        MINIMAL.edit("dia_danh =", "địa_danh ="),
        Some("địa_danh"),
        None,
        "tên khóa chỉ gồm chữ không dấu",
        Some("có phải ý bạn là `dia_danh`?"),
    );
    add(
        "khóa lạ trong chữ ký",
        MINIMAL.edit("ho_ten =", "hoten ="),
        Some("hoten"),
        Some("chu_ky.hoten"),
        "khóa `hoten` không được hỗ trợ trong bảng [chu_ky]",
        Some("có phải ý bạn là `ho_ten`?"),
    );
    add(
        "ngày không có thật",
        MINIMAL.edit("ngay = 2024-05-31", "ngay = \"31/02/2024\""),
        Some("\"31/02/2024\""),
        Some("ngay"),
        "ngày không hợp lệ: \"31/02/2024\"",
        None,
    );
    add(
        "ngày có giờ",
        MINIMAL.edit("ngay = 2024-05-31", "ngay = 2024-05-31T08:00:00"),
        Some("2024-05-31T08"),
        Some("ngay"),
        "ngày không hợp lệ",
        None,
    );
    add(
        "quyền hạn TM.",
        MINIMAL.edit("quyen_han = \"KT.\"", "quyen_han = \"TM.\""),
        Some("\"TM.\""),
        Some("chu_ky.quyen_han"),
        "quyền hạn \"TM.\" không hợp lệ; cần KT., Q., TL. hoặc TUQ.",
        Some("thay_mat"),
    );
    add(
        "quyền hạn lạ",
        MINIMAL.edit("quyen_han = \"KT.\"", "quyen_han = \"Thay\""),
        Some("\"Thay\""),
        Some("chu_ky.quyen_han"),
        "quyền hạn \"Thay\" không hợp lệ",
        None,
    );
    add(
        "ký thay thiếu chức vụ thủ trưởng",
        MINIMAL.edit("chuc_vu_thu_truong = \"CHỦ TỊCH\"\n", ""),
        Some("\"KT.\""),
        Some("chu_ky.chuc_vu_thu_truong"),
        "cần ghi chức vụ của người đứng đầu",
        None,
    );
    add(
        "mục lưu không ở cuối",
        MINIMAL.edit(
            "noi_nhan = [\"Như trên\", \"Lưu: VT, KSTT\"]",
            "noi_nhan = [\"Lưu: VT\", \"Như trên\"]",
        ),
        Some("\"Lưu: VT\""),
        Some("noi_nhan[0]"),
        "phải đứng cuối",
        None,
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
        MINIMAL.edit("của Chính phủ.", "của Chính phủ[^1]."),
        Some("[^1]"),
        Some("noi_dung"),
        "chú thích [^1] chưa được định nghĩa",
        None,
    );
    add(
        "ký tự điều khiển",
        MINIMAL.edit("dia_danh = \"Tây Ninh\"", "dia_danh = \"Tây\\u0007Ninh\""),
        Some("\"Tây\\u0007"),
        Some("dia_danh"),
        "ký tự điều khiển không in được (U+0007)",
        None,
    );
    add(
        "cú pháp: chuỗi chưa đóng",
        MINIMAL.edit("dia_danh = \"Tây Ninh\"", "dia_danh = \"Tây Ninh"),
        Some("\nngay = "),
        None,
        "cú pháp TOML không hợp lệ",
        None,
    );
    add(
        "cú pháp: khóa lặp",
        MINIMAL.edit("so = 1612", "so = 1612\nso = 1613"),
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
    check(cases);
}

#[test]
fn bad_tasks_units_kinds_and_appendices_are_reported_the_same_way() {
    let cases = task_cases();
    assert!(cases.len() >= 20);
    check(cases);
}

fn check(cases: Vec<Case>) {
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
        assert!(err.contains("chưa tạo tệp nào"), "{}\n{err}", case.name);
        assert!(!err.contains("panicked"), "{}: panic\n{err}", case.name);
        assert!(
            written(dir.path()).is_empty(),
            "{}: wrote {:?}",
            case.name,
            written(dir.path())
        );
    }
}

/// A công văn with units, two tasks laid out by unit, and a task table.
const WITH_TASKS: &str = r#"so = 7
ky_hieu = "UBND-KSTT"
dia_danh = "Tây Ninh"
ngay = 2024-05-31
trich_yeu = "triển khai nhiệm vụ cải cách hành chính"
kinh_gui = ["stp", "Công an tỉnh"]
noi_dung = "Chủ tịch UBND tỉnh yêu cầu:"
noi_nhan = ["Như trên", "Lưu: VT, KSTT"]

[don_vi]
stp = { ten = "Sở Tư pháp", ten_ngan = "STP" }
snv = "Sở Nội vụ"

[co_quan]
ten = ["ỦY BAN NHÂN DÂN", "TỈNH TÂY NINH"]
ten_goi = "UBND tỉnh"

[chu_ky]
chuc_vu = "CHỦ TỊCH"
ho_ten = "Nguyễn Văn A"

[[muc]]
nhiem_vu = "theo_don_vi"

[[phu_luc]]
tieu_de = "Danh mục nhiệm vụ"
[phu_luc.nhiem_vu]
cot = ["stt", "noi_dung", "chu_tri", "thoi_han"]

[[nhiem_vu]]
noi_dung = "Rà soát thủ tục."
chu_tri = "stp"
phoi_hop = ["snv", "các sở, ngành liên quan"]
thoi_han = "trong 10 ngày làm việc kể từ ngày ký"

[[nhiem_vu]]
noi_dung = "Kiểm tra công vụ."
chu_tri = "snv"
thoi_han = "Tháng 8/2024"
"#;

fn with_tasks(from: &str, to: &str) -> String {
    assert!(WITH_TASKS.contains(from), "fixture lacks {from:?}");
    WITH_TASKS.replacen(from, to, 1)
}

fn task_cases() -> Vec<Case> {
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
        "mã đơn vị gõ sai",
        with_tasks("chu_tri = \"stp\"", "chu_tri = \"stpp\""),
        Some("\"stpp\""),
        Some("nhiem_vu[0].chu_tri"),
        "không có đơn vị mã `stpp` trong danh bạ",
        Some("có phải ý bạn là `stp` (Sở Tư pháp)?"),
    );
    add(
        "mã đơn vị lạ trong danh sách phối hợp",
        with_tasks("phoi_hop = [\"snv\",", "phoi_hop = [\"so_noi_vu\","),
        Some("\"so_noi_vu\""),
        Some("nhiem_vu[0].phoi_hop[0]"),
        "không có đơn vị mã `so_noi_vu`",
        Some("danh_ba = \"tay-ninh\""),
    );
    add(
        "mã đơn vị lạ ở kính gửi",
        with_tasks("kinh_gui = [\"stp\",", "kinh_gui = [\"snvv\","),
        Some("\"snvv\""),
        Some("kinh_gui[0]"),
        "không có đơn vị mã `snvv`",
        Some("`snv` (Sở Nội vụ)"),
    );
    add(
        "mã đơn vị lạ ở nơi nhận",
        with_tasks(
            "noi_nhan = [\"Như trên\",",
            "noi_nhan = [\"Như trên\", \"sxd\",",
        ),
        Some("\"sxd\""),
        Some("noi_nhan[1]"),
        "không có đơn vị mã `sxd`",
        None,
    );
    add(
        "mã đơn vị viết hoa",
        with_tasks("snv = \"Sở Nội vụ\"", "SNV = \"Sở Nội vụ\""),
        Some("SNV ="),
        Some("don_vi.SNV"),
        "mã đơn vị chỉ gồm chữ thường không dấu",
        Some("`snv`"),
    );
    add(
        "đơn vị thiếu tên",
        with_tasks(
            "stp = { ten = \"Sở Tư pháp\", ten_ngan = \"STP\" }",
            "stp = { ten_ngan = \"STP\" }",
        ),
        Some("{ ten_ngan"),
        Some("don_vi.stp.ten"),
        "thiếu trường bắt buộc `ten`",
        None,
    );
    add(
        "danh bạ có sẵn gõ sai",
        with_tasks("so = 7\n", "so = 7\ndanh_ba = \"tay-nin\"\n"),
        Some("\"tay-nin\""),
        Some("danh_ba"),
        "không có danh bạ có sẵn tên \"tay-nin\"",
        Some("\"tay-ninh\""),
    );
    add(
        "tệp danh bạ không có",
        with_tasks("so = 7\n", "so = 7\ndanh_ba = \"don-vi/khong-co.toml\"\n"),
        Some("\"don-vi/khong-co.toml\""),
        Some("danh_ba"),
        "không có tệp \"don-vi/khong-co.toml\"",
        Some("tính từ thư mục chứa văn bản"),
    );
    add(
        "thời hạn là ngày không có",
        with_tasks(
            "thoi_han = \"Tháng 8/2024\"",
            "thoi_han = \"trước 31/6/2024\"",
        ),
        Some("\"trước 31/6/2024\""),
        Some("nhiem_vu[1].thoi_han"),
        "thời hạn không hợp lệ: ngày 31/6/2024 không có trên lịch",
        Some("Thường xuyên"),
    );
    add(
        "thời hạn là số",
        with_tasks("thoi_han = \"Tháng 8/2024\"", "thoi_han = 8"),
        Some("8\n"),
        Some("nhiem_vu[1].thoi_han"),
        "cần thời hạn dạng chuỗi",
        None,
    );
    add(
        "nhiệm vụ thiếu chủ trì",
        with_tasks("chu_tri = \"snv\"\n", ""),
        None,
        Some("nhiem_vu[1].chu_tri"),
        "thiếu trường bắt buộc `chu_tri`",
        None,
    );
    add(
        "khóa nhiệm vụ gõ sai",
        with_tasks("chu_tri = \"snv\"", "chutri = \"snv\""),
        Some("chutri"),
        Some("nhiem_vu[1].chutri"),
        "khóa `chutri` không được hỗ trợ trong bảng [nhiem_vu[1]]",
        Some("`chu_tri`"),
    );
    add(
        "lỗi đánh dấu trong nội dung nhiệm vụ",
        with_tasks(
            "noi_dung = \"Kiểm tra công vụ.\"",
            "noi_dung = \"Kiểm tra công vụ[^1].\"",
        ),
        Some("[^1]"),
        Some("nhiem_vu[1].noi_dung"),
        "[^1]",
        None,
    );
    add(
        "loại văn bản gõ sai",
        with_tasks("so = 7\n", "so = 7\nloai = \"ke_hoac\"\n"),
        Some("\"ke_hoac\""),
        Some("loai"),
        "không có loại văn bản \"ke_hoac\"",
        Some("\"ke_hoach\""),
    );
    add(
        "ký hiệu không khớp loại",
        with_tasks("so = 7\n", "so = 7\nloai = \"ke_hoach\"\n"),
        Some("\"UBND-KSTT\""),
        Some("ky_hieu"),
        "ký hiệu của kế hoạch phải bắt đầu bằng \"KH-\"",
        Some("\"KH-UBND\""),
    );
    add(
        "công văn mang ký hiệu kế hoạch",
        with_tasks("ky_hieu = \"UBND-KSTT\"", "ky_hieu = \"KH-UBND\""),
        Some("\"KH-UBND\""),
        Some("ky_hieu"),
        "là của kế hoạch nhưng văn bản là công văn",
        Some("loai = \"ke_hoach\""),
    );
    add(
        "quyết định có kính gửi",
        with_tasks(
            "so = 7\nky_hieu = \"UBND-KSTT\"",
            "so = 7\nloai = \"quyet_dinh\"\nky_hieu = \"QĐ-UBND\"",
        ),
        Some("[\"stp\""),
        Some("kinh_gui"),
        "quyết định không có phần \"Kính gửi\"",
        None,
    );
    add(
        "nhiệm vụ không được trình bày",
        with_tasks("[[muc]]\nnhiem_vu = \"theo_don_vi\"\n", "")
            .edit("[[phu_luc]]\ntieu_de = \"Danh mục nhiệm vụ\"\n[phu_luc.nhiem_vu]\ncot = [\"stt\", \"noi_dung\", \"chu_tri\", \"thoi_han\"]\n", ""),
        Some("[[nhiem_vu]]"),
        Some("nhiem_vu"),
        "danh sách nhiệm vụ chưa được trình bày ở đâu trong văn bản",
        Some("tung_nhiem_vu"),
    );
    add(
        "kiểu trình bày gõ sai",
        with_tasks("nhiem_vu = \"theo_don_vi\"", "nhiem_vu = \"theo_donvi\""),
        Some("\"theo_donvi\""),
        Some("muc[0].nhiem_vu"),
        "không có lựa chọn \"theo_donvi\"",
        Some("\"theo_don_vi\""),
    );
    add(
        "cột bảng không có",
        with_tasks("\"chu_tri\", \"thoi_han\"]", "\"chu_tri\", \"han\"]"),
        Some("\"han\"]"),
        Some("phu_luc[0].nhiem_vu.cot[3]"),
        "không có lựa chọn \"han\"",
        Some("thoi_han"),
    );
    add(
        "phụ lục thiếu tên gọi cơ quan",
        with_tasks("ten_goi = \"UBND tỉnh\"\n", ""),
        Some("[co_quan]"),
        Some("co_quan.ten_goi"),
        "văn bản có phụ lục hay văn bản kèm theo cần tên gọi của cơ quan",
        Some("ten_goi = \"UBND tỉnh\""),
    );
    add(
        "mục lồng quá sâu",
        with_tasks(
            "[[muc]]\nnhiem_vu = \"theo_don_vi\"\n",
            "[[muc]]\nnhiem_vu = \"theo_don_vi\"\n[[muc.muc]]\ntieu_de = \"A\"\n[[muc.muc.muc]]\ntieu_de = \"B\"\n[[muc.muc.muc.muc]]\ntieu_de = \"C\"\n",
        ),
        None,
        Some("muc[0].muc[0].muc[0].muc"),
        "mục lồng quá 3 cấp",
        None,
    );
    add(
        "căn cứ trong công văn",
        with_tasks("so = 7\n", "so = 7\ncan_cu = [\"Căn cứ Luật\"]\n"),
        Some("[\"Căn cứ Luật\"]"),
        Some("can_cu"),
        "chỉ dùng trong nghị quyết, quyết định",
        Some("loai = \"quyet_dinh\""),
    );
    cases
}

fn tasks_export(toml: &str, format: &str) -> (Output, String) {
    let (_dir, path) = common::write_toml(toml);
    let out = vanban(&[
        "tasks".as_ref(),
        path.as_os_str(),
        "--format".as_ref(),
        format.as_ref(),
    ]);
    let stdout = String::from_utf8(out.stdout.clone()).unwrap();
    (out, stdout)
}

#[test]
fn tasks_export_as_csv_for_excel() {
    let (out, csv) = tasks_export(WITH_TASKS, "csv");
    assert!(out.status.success(), "{}", stderr(&out));
    // 10 working days from Fri 31/5/2024: Mon 3/6 … Fri 14/6. "Tháng 8/2024" is due
    // on its last day. Excel needs the BOM and CRLF line ends.
    let expected = "\u{feff}STT,Nhiệm vụ,Đơn vị chủ trì,Đơn vị phối hợp,Thời hạn,Loại thời hạn,Hạn chót,Đơn vị tính,Chỉ tiêu giao,Căn cứ\r\n\
        1,Rà soát thủ tục.,Sở Tư pháp,\"Sở Nội vụ; các sở, ngành liên quan\",trong 10 ngày làm việc kể từ ngày ký,ngay_lam_viec,14/6/2024,,,\r\n\
        2,Kiểm tra công vụ.,Sở Nội vụ,,Tháng 8/2024,thang,31/8/2024,,,\r\n";
    assert_eq!(csv, expected);
}

#[test]
fn tasks_export_as_json_with_unit_ids_and_iso_dates() {
    let (out, json) = tasks_export(WITH_TASKS, "json");
    assert!(out.status.success(), "{}", stderr(&out));
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["chu_tri"][0]["ma"], "stp");
    assert_eq!(rows[0]["chu_tri"][0]["ten"], "Sở Tư pháp");
    assert_eq!(rows[0]["phoi_hop"][1]["ma"], serde_json::Value::Null);
    assert_eq!(rows[0]["han_chot"], "2024-06-14");
    assert_eq!(rows[1]["loai_thoi_han"], "thang");
    assert_eq!(rows[1]["han_chot"], "2024-08-31");
}

#[test]
fn tasks_export_of_a_bad_file_fails_like_render() {
    let (out, stdout) = tasks_export(
        &with_tasks("chu_tri = \"stp\"", "chu_tri = \"stpp\""),
        "csv",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout.is_empty());
    assert!(stderr(&out).contains("không có đơn vị mã `stpp`"));
    let (out, _) = tasks_export(WITH_TASKS, "xml");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("giá trị \"xml\" không hợp lệ cho --format"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_units_directory_file_is_read_relative_to_the_document() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("danh-ba")).unwrap();
    std::fs::write(
        dir.path().join("danh-ba/tinh.toml"),
        "[don_vi]\nstc = \"Sở Tài chính\"\nBAD = \"x\"\n",
    )
    .unwrap();
    let doc = WITH_TASKS.replacen("so = 7\n", "so = 7\ndanh_ba = \"danh-ba/tinh.toml\"\n", 1);
    let path = dir.path().join("van-ban.toml");
    std::fs::write(&path, &doc).unwrap();
    let out = render(&path);
    let err = stderr(&out);
    // The error is located in the directory file, not in the document.
    assert_eq!(out.status.code(), Some(1));
    assert!(err.contains("tinh.toml:3:1: trường `don_vi.BAD`"), "{err}");
    std::fs::write(
        dir.path().join("danh-ba/tinh.toml"),
        "[don_vi]\nstc = \"Sở Tài chính\"\n",
    )
    .unwrap();
    std::fs::write(&path, doc.replacen("\"Công an tỉnh\"", "\"stc\"", 1)).unwrap();
    let out = render(&path);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn several_problems_are_reported_together() {
    let toml = MINIMAL
        .edit("so = 1612", "so = \"x\"")
        .edit("ho_ten =", "hoten =");
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
    let (dir, path) = common::write_toml(&MINIMAL.edit("so = 1612", "so = 0"));
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
        err.contains("không ghi được") && err.contains("khong chưa có"),
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
    let out = vanban(&["tasks".as_ref(), "--help".as_ref()]);
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(
        help.contains("Định dạng: csv") && !help.contains("default") && !help.contains("possible"),
        "{help}"
    );
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
        &MINIMAL.edit("dia_danh = \"Tây Ninh\"", "dia_danh = \"Tây Ninh 漢\""),
    );
    let out = render(&path);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    // Pointed at where it was typed, with the field.
    assert!(
        err.contains(
            "van-ban.toml:4:22: trường `dia_danh`: phông Liberation Serif không có ký tự «漢» (U+6F22)"
        ),
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

#[test]
fn every_example_exports_its_tasks() {
    for (name, rows) in [
        ("cong-van.toml", 20),
        ("ke-hoach.toml", 8),
        ("cong-van-du-thao.toml", 10),
    ] {
        let out = vanban(&[
            "tasks".as_ref(),
            common::example(name).as_os_str(),
            "--format".as_ref(),
            "json".as_ref(),
        ]);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json.as_array().unwrap().len(), rows, "{name}");
    }
}
