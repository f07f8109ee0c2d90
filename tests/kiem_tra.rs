//! `vanban check`: each rule on a minimal document that breaks it (and the
//! same document put right), the bundled examples, switching a rule off,
//! and the command's text and JSON output.

use crate::common;
use crate::common::Edit;

use std::path::Path;

use common::MINIMAL;
use vanban::error::Severity;

/// The codes `check` reports for MINIMAL with `from` replaced by `to`, and
/// the messages, with their places.
fn check(toml: &str) -> Vec<(String, String)> {
    let (_dir, path) = common::write_toml(toml);
    vanban::kiem_tra::kiem_tra_tep(&path, &Default::default())
        .into_iter()
        .map(|d| {
            let code = d.code.unwrap_or("tải").to_string();
            let shown = d.to_string();
            (code, shown)
        })
        .collect()
}

fn codes(toml: &str) -> Vec<String> {
    check(toml).into_iter().map(|(c, _)| c).collect()
}


/// MINIMAL with its body replaced.
fn body(text: &str) -> String {
    MINIMAL.edit(
        "Thực hiện Nghị quyết số 01/NQ-CP ngày 05/01/2024 của Chính phủ.\n\n1. Sở Tư pháp\n\n- Chủ trì, phối hợp các cơ quan liên quan./.",
        text,
    )
}

#[test]
fn the_minimal_document_passes() {
    assert_eq!(check(MINIMAL), Vec::<(String, String)>::new());
}

#[test]
fn each_rule_finds_its_mistake_at_its_place() {
    for (name, toml, code, place) in [
        (
            "Kính gửi without Như trên",
            MINIMAL.edit("noi_nhan = [\"Như trên\", ", "noi_nhan = ["),
            "VB001",
            "van-ban.toml:15:12: trường `noi_nhan`",
        ),
        (
            "Lưu without VT",
            MINIMAL.edit("\"Lưu: VT, KSTT\"", "\"Lưu: KSTT\""),
            "VB002",
            "trường `noi_nhan[1]`",
        ),
        (
            "Lưu without the drafting unit",
            MINIMAL.edit("\"Lưu: VT, KSTT\"", "\"Lưu: VT\""),
            "VB003",
            "ký hiệu UBND-KSTT có đơn vị soạn thảo KSTT",
        ),
        (
            "a recipient twice",
            MINIMAL.edit("\"Như trên\", ", "\"Như trên\", \"Công an tỉnh\", "),
            "VB004",
            "\"Công an tỉnh\" đã có ở Kính gửi",
        ),
        (
            "KT. with a head's title",
            MINIMAL.edit("chuc_vu = \"PHÓ CHỦ TỊCH\"", "chuc_vu = \"CHỦ TỊCH\""),
            "VB005",
            "trường `chu_ky.chuc_vu`",
        ),
        (
            "no closing mark",
            body("Thực hiện nhiệm vụ năm 2024."),
            "VB006",
            "không kết thúc bằng \"./.\"",
        ),
        (
            "a closing mark mid-body",
            body("Thực hiện nhiệm vụ./.\n\nĐoạn sau./."),
            "VB006",
            "ở giữa nội dung",
        ),
        (
            "trích yếu with a full stop",
            MINIMAL.edit("Chỉ thị số 16/CT-TTg\"", "Chỉ thị số 16/CT-TTg.\""),
            "VB007",
            "van-ban.toml:6:",
        ),
        (
            "items out of order",
            body("1. Một\n\n2. Hai\n\n4. Bốn./."),
            "VB008",
            "mục \"4.\" không đúng thứ tự",
        ),
        (
            "lettered items skipping đ",
            body("a) Một\n\nb) Hai\n\nc) Ba\n\nd) Bốn\n\ne) Năm./."),
            "VB008",
            "sau mục trước là đ)",
        ),
        (
            "a date not on the calendar",
            body("Thực hiện Công văn số 12/UBND-KSTT ngày 30/02/2024./."),
            "VB011",
            "ngày 30/02/2024 không có trên lịch",
        ),
        (
            "one document cited with two dates",
            body(
                "Theo Nghị quyết số 01/NQ-CP ngày 05/01/2024.\n\nThực hiện Nghị quyết số 01/NQ-CP ngày 06/01/2024./.",
            ),
            "VB012",
            "được dẫn với ngày 06/01/2024, chỗ khác ghi ngày 05/01/2024",
        ),
        (
            "a cited document dated after this one",
            body("Thực hiện Kế hoạch số 5/KH-UBND ngày 10/6/2024./."),
            "VB013",
            "sau ngày ban hành văn bản này (31/5/2024)",
        ),
        (
            "an abbreviation before it is spelled out",
            body("Đẩy mạnh giải quyết TTHC trực tuyến./."),
            "VB014",
            "chữ viết tắt TTHC",
        ),
        (
            "a head's title that is not this body's",
            MINIMAL.edit("chuc_vu_thu_truong = \"CHỦ TỊCH\"", "chuc_vu_thu_truong = \"GIÁM ĐỐC\""),
            "VB015",
            "trường `chu_ky.chuc_vu_thu_truong`: người đứng đầu ỦY BAN NHÂN DÂN TỈNH TÂY NINH là CHỦ TỊCH",
        ),
        (
            "a deputy signing without KT.",
            MINIMAL.edit("quyen_han = \"KT.\"\nchuc_vu_thu_truong = \"CHỦ TỊCH\"\n", ""),
            "VB015",
            "quyen_han = \"KT.\", chuc_vu_thu_truong = \"CHỦ TỊCH\"",
        ),
        (
            "TM. of another body",
            MINIMAL.edit("[chu_ky]\n", "[chu_ky]\nthay_mat = \"HỘI ĐỒNG NHÂN DÂN\"\n"),
            "VB016",
            "\"TM. HỘI ĐỒNG NHÂN DÂN\" không phải tên cơ quan ban hành",
        ),
        (
            "TM. of a body that is no collective",
            MINIMAL.edit("ten = [\"ỦY BAN NHÂN DÂN\", \"TỈNH TÂY NINH\"]", "ten = [\"SỞ TƯ PHÁP\"]")
                .edit("[chu_ky]\nquyen_han = \"KT.\"\nchuc_vu_thu_truong = \"CHỦ TỊCH\"\nchuc_vu = \"PHÓ CHỦ TỊCH\"", "[chu_ky]\nthay_mat = \"SỞ TƯ PHÁP\"\nchuc_vu = \"GIÁM ĐỐC\""),
            "VB016",
            "không làm việc theo chế độ tập thể",
        ),
        (
            "TL. signed by the head's deputy",
            MINIMAL.edit("quyen_han = \"KT.\"", "quyen_han = \"TL.\""),
            "VB017",
            "không ký thừa lệnh",
        ),
        (
            "an agency's name without its capitals",
            format!(
                "danh_ba = \"tay-ninh\"\n{}",
                body("Giao sở Tư pháp chủ trì; Sở Y tế phối hợp./.")
            ),
            "VB018",
            "tên cơ quan viết \"sở Tư pháp\", đúng là \"Sở Tư pháp\"",
        ),
        (
            "Ủy ban nhân dân in lower case",
            body("Đề nghị ủy ban nhân dân các huyện thực hiện./."),
            "VB018",
            "đúng là \"Ủy ban nhân dân\"",
        ),
        (
            "a date in words not on the calendar",
            body("Theo Công văn số 7/UBND-VP ngày 30 tháng 02 năm 2024./."),
            "VB011",
            "ngày 30 tháng 02 năm 2024 không có trên lịch",
        ),
        (
            "a symbol naming another body",
            MINIMAL.edit("ky_hieu = \"UBND-KSTT\"", "ky_hieu = \"STP-KSTT\""),
            "VB019",
            "nhóm \"STP\" của ký hiệu không giống chữ viết tắt tên cơ quan ban hành (UBND)",
        ),
        (
            "a công văn's trích yếu with a capital",
            MINIMAL.edit("trich_yeu = \"triển khai", "trich_yeu = \"Triển khai"),
            "VB020",
            "trích yếu sau \"V/v\" bắt đầu bằng chữ thường: \"Triển\"",
        ),
        (
            "a plan's trích yếu in lower case",
            MINIMAL.edit("so = 1612", "loai = \"ke_hoach\"\nso = 1612")
                .edit("ky_hieu = \"UBND-KSTT\"", "ky_hieu = \"KH-UBND\"")
                .edit("kinh_gui = [\"Công an tỉnh\", \"Các sở, ban, ngành tỉnh\"]\n", "")
                .edit("\"Như trên\", ", ""),
            "VB020",
            "dưới tên loại văn bản bắt đầu bằng chữ hoa",
        ),
    ] {
        let found = check(&toml);
        assert!(
            found
                .iter()
                .any(|(c, shown)| c == code && shown.contains(place)),
            "{name}: {code} at {place:?} not in {found:#?}"
        );
    }
}

#[test]
fn deadlines_before_the_issue_date_or_on_a_day_off_are_found() {
    let tasks = |deadline: &str| {
        format!(
            "{}\n[[nhiem_vu]]\nnoi_dung = \"Rà soát.\"\nchu_tri = \"Sở Tư pháp\"\nthoi_han = \"{deadline}\"\n",
            MINIMAL.edit(
                "[co_quan]\n",
                "[[muc]]\nnhiem_vu = \"theo_don_vi\"\n\n[co_quan]\n"
            )
        )
    };
    assert!(codes(&tasks("trước ngày 20/6/2024")).is_empty());
    let early = check(&tasks("trước ngày 20/5/2024"));
    assert!(
        early
            .iter()
            .any(|(c, s)| c == "VB009" && s.contains("trường `nhiem_vu[0].thoi_han`")),
        "{early:#?}"
    );
    // 22/6/2024 is a Saturday.
    assert_eq!(codes(&tasks("trước ngày 22/6/2024")), ["VB010"]);
}

#[test]
fn one_issuer_written_short_and_long_is_one_issuer() {
    let toml = body(
        "Theo Quyết định số 9/QĐ-UBND ngày 05/01/2024 của Ủy ban nhân dân tỉnh.\n\nThực hiện Quyết định số 9/QĐ-UBND ngày 5 tháng 01 năm 2024 của UBND tỉnh Tây Ninh./.",
    );
    assert!(codes(&toml).is_empty(), "{:#?}", check(&toml));
}

#[test]
fn spelled_out_abbreviations_and_known_ones_pass() {
    let ok = body(
        "Đẩy mạnh giải quyết thủ tục hành chính (TTHC) trực tuyến; UBND các huyện rà soát TTHC./.",
    );
    assert!(codes(&ok).is_empty(), "{:#?}", check(&ok));
}

#[test]
fn a_rule_is_switched_off_with_its_reason() {
    let toml = MINIMAL.edit("\"Lưu: VT, KSTT\"", "\"Lưu: VT\"");
    assert_eq!(codes(&toml), ["VB003"]);
    let skipped =
        format!("{toml}\n[kiem_tra.bo_qua]\nVB003 = \"Văn phòng soạn, lưu tại Văn thư\"\n");
    assert!(codes(&skipped).is_empty());
    // A code that does not exist, or no reason: refused when loading.
    let wrong = format!("{toml}\n[kiem_tra.bo_qua]\nVB999 = \"x\"\n");
    let found = check(&wrong);
    assert!(
        found[0].1.contains("không có quy tắc mã VB999"),
        "{found:#?}"
    );
    let empty = format!("{toml}\n[kiem_tra.bo_qua]\nVB003 = \"\"\n");
    assert!(check(&empty)[0].1.contains("lý do"), "{:#?}", check(&empty));
}

#[test]
fn the_bundled_examples_have_no_errors() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if !name.ends_with(".toml") || name.starts_with("mau-") {
            continue;
        }
        let errors: Vec<String> = vanban::kiem_tra::kiem_tra_tep(&path, &Default::default())
            .into_iter()
            .filter(|d| d.severity != Severity::Suggestion)
            .map(|d| d.to_string())
            .collect();
        assert!(errors.is_empty(), "{name}:\n{}", errors.join("\n"));
    }
}

#[test]
fn the_command_prints_findings_and_fails_on_errors_json_too() {
    let (dir, path) = common::write_toml(&MINIMAL.edit("noi_nhan = [\"Như trên\", ", "noi_nhan = ["));
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
            .args(args)
            .arg(&path)
            .output()
            .unwrap()
    };
    let out = run(&["check"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("lỗi [VB001]: "), "{err}");
    assert!(
        err.contains("Đã rà soát 1 văn bản: 1 lỗi, 0 cảnh báo, 0 gợi ý."),
        "{err}"
    );
    let out = run(&["check", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json[0]["ma"], "VB001");
    assert!(json[0]["quy_tac"].as_str().unwrap().contains("Như trên"));
    assert_eq!(json[0]["muc_do"], "loi");
    assert_eq!(json[0]["dong"], 15);
    assert_eq!(json[0]["truong"], "noi_nhan");
    // Nothing written.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn render_refuses_review_errors_prints_warnings_and_can_skip_the_review() {
    let render = |toml: &str, extra: &[&str]| {
        let (dir, path) = common::write_toml(toml);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
            .args(extra)
            .arg("render")
            .arg(&path)
            .output()
            .unwrap();
        let made = dir.path().join("van-ban.pdf").exists();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
            made,
        )
    };
    let error = MINIMAL.edit("noi_nhan = [\"Như trên\", ", "noi_nhan = [");
    let (code, err, made) = render(&error, &[]);
    assert_eq!((code, made), (Some(1), false), "{err}");
    assert!(
        err.contains("lỗi [VB001]: ") && err.contains("[kiem_tra.bo_qua]"),
        "{err}"
    );
    let (dir, path) = common::write_toml(&error);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["render", "--khong-ra-soat"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.path().join("van-ban.pdf").exists());

    let warning = MINIMAL.edit("Chỉ thị số 16/CT-TTg\"", "Chỉ thị số 16/CT-TTg.\"");
    let (code, err, made) = render(&warning, &[]);
    assert_eq!((code, made), (Some(0), true), "{err}");
    assert!(err.contains("cảnh báo [VB007]: "), "{err}");
    let (code, _, made) = render(&warning, &["--nghiem"]);
    assert_eq!((code, made), (Some(1), false));
}

#[test]
fn a_batch_template_is_reviewed_on_each_units_letter() {
    let template = common::refuse::BATCH.edit(
        "\"Kết quả: {{ row.ty_le }}%./.\"",
        "\"{% if row.ty_le < 50 %}1. Một\\n\\n3. Ba./.{% else %}Đạt./.{% endif %}\"",
    );
    let dir = tempfile::tempdir().unwrap();
    let mau = dir.path().join("mau.toml");
    let units = dir.path().join("don-vi.csv");
    std::fs::write(&mau, &template).unwrap();
    std::fs::write(&units, common::refuse::UNITS).unwrap();
    let (diags, n) =
        vanban::hang_loat::ra_soat::ra_soat(&mau, &units, None, Default::default()).unwrap();
    assert_eq!(n, 2);
    let shown: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    assert!(
        shown.iter().any(|s| s.contains("[VB008]")
            && s.contains("mau.toml:7:46: trường `noi_dung`")
            && s.contains("(Sở Tư pháp (dòng 2))")),
        "{shown:#?}"
    );
    // Only the unit below target has the mistake.
    assert!(!shown.iter().any(|s| s.contains("Sở Y tế")), "{shown:#?}");
}
