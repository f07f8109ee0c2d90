//! Documents beyond the công văn: a Quy chế issued with a quyết định, a
//! HĐND nghị quyết, legal numbers, tables as real appendices have them,
//! Vietnamese numbers, and nothing printed that the clerk did not write.

use std::path::Path;

use crate::common::refuse::{run_in, stderr, write_files};
use crate::common::{Edit, Layout, MINIMAL, compile_str, example};

/// A quyết định issuing a Quy chế of two Điều; `dieu_1` is Điều 1's body.
fn quy_che(dieu_1: &str) -> String {
    format!(
        r#"
loai = "quyet_dinh"
so = 7
ky_hieu = "QĐ-UBND"
dia_danh = "Yên Lạc"
ngay = 2026-03-02
trich_yeu = "Ban hành Quy chế phối hợp"
tham_quyen = "Ủy ban nhân dân xã Yên Lạc"
can_cu = ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025"]
dieu = ["Ban hành kèm theo Quyết định này Quy chế phối hợp.", "Quyết định này có hiệu lực kể từ ngày ký./."]
noi_nhan = ["Như Điều 2", "Lưu: VT"]

[co_quan]
ten = ["ỦY BAN NHÂN DÂN", "XÃ YÊN LẠC"]
ten_goi = "Ủy ban nhân dân xã"

[chu_ky]
thay_mat = "ỦY BAN NHÂN DÂN"
chuc_vu = "CHỦ TỊCH"
ho_ten = "Đỗ Minh Khang"

[[van_ban_kem_theo]]
loai = "quy_che"
ten = "Phối hợp giữa các phòng chuyên môn"

[[van_ban_kem_theo.chuong]]
ten = "Quy định chung"

[[van_ban_kem_theo.chuong.dieu]]
ten = "Trách nhiệm chủ trì"
noi_dung = '''
{dieu_1}
'''

[[van_ban_kem_theo.chuong]]
ten = "Tổ chức thực hiện"

[[van_ban_kem_theo.chuong.dieu]]
ten = "Trách nhiệm thi hành"
noi_dung = '''
1. Văn phòng theo dõi, đôn đốc việc thực hiện.

2. Các phòng báo cáo kết quả hằng quý.
'''
"#
    )
}

/// Runs `vanban render` on `toml` written in a fresh folder with `files`:
/// the exit code and what it printed to stderr.
fn render(toml: &str, files: &[(&str, &str)]) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), files);
    std::fs::write(dir.path().join("v.toml"), toml).unwrap();
    let out = run_in(dir.path(), &["render", "@v.toml"]);
    (out.status.code(), stderr(&out))
}

fn check(path: &Path) -> (Option<i32>, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
        .arg("check")
        .arg(path)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &stderr(&out);
    (out.status.code(), text)
}

/// The weight of the run that starts a paragraph with `start`.
fn bold_at(layout: &Layout, start: &str) -> bool {
    layout
        .runs
        .iter()
        .find(|r| r.text.starts_with(start))
        .unwrap_or_else(|| panic!("{start:?} not laid out"))
        .bold()
}

#[test]
fn a_khoan_without_a_stop_bolds_its_own_list_only_and_says_so() {
    let toml = quy_che("1. Phòng Văn hóa - Xã hội\n\n2. Phòng Kinh tế phối hợp thực hiện.");
    let layout = Layout::of(&compile_str(&toml));
    // Điều 1's items look alike: both bold, the second though it ends in ".".
    assert!(bold_at(&layout, "1. Phòng Văn hóa"));
    assert!(bold_at(&layout, "2. Phòng Kinh tế"));
    // Điều 2's khoản are their own list: plain.
    assert!(!bold_at(&layout, "1. Văn phòng theo dõi"));
    assert!(!bold_at(&layout, "2. Các phòng báo cáo"));
    let (code, err) = render(&toml, &[]);
    assert_eq!(code, Some(0), "{err}");
    for piece in [
        "cảnh báo",
        "van_ban_kem_theo[0].chuong[0].dieu[0].noi_dung",
        "\"1. Phòng Văn hóa - Xã hội\" không có dấu câu cuối",
        "\"2.\" cũng in đậm",
        "viết \\ ở đầu mục",
    ] {
        assert!(err.contains(piece), "{piece:?} not in\n{err}");
    }
    // Written out in the text, "Điều 2." ends Điều 1's list as well.
    let text = MINIMAL.edit(
        "1. Sở Tư pháp\n\n- Chủ trì, phối hợp các cơ quan liên quan./.",
        "Điều 1. Trách nhiệm\n\n1. Sở Tư pháp\n\n2. Sở Y tế phối hợp.\n\nĐiều 2. Thi hành\n\n1. Văn phòng theo dõi.\n\n2. Các sở báo cáo./.",
    );
    let layout = Layout::of(&compile_str(&text));
    assert!(bold_at(&layout, "2. Sở Y tế"));
    assert!(!bold_at(&layout, "1. Văn phòng theo dõi"));
}

#[test]
fn a_quy_che_has_its_own_pages_chuong_centred_and_dieu_numbered_on() {
    let layout = Layout::of(&compile_str(&quy_che("1. Phòng Kinh tế chủ trì.")));
    let page_width = layout.pages[0].0;
    let find = |t: &str| {
        layout
            .runs
            .iter()
            .find(|r| r.text == t || r.text.starts_with(t))
            .unwrap_or_else(|| panic!("{t:?} not laid out"))
            .clone()
    };
    let ten_loai = find("QUY CHẾ");
    assert!(ten_loai.page > 1, "the Quy chế starts on a new page");
    assert!(ten_loai.bold());
    let kem_theo = layout.page_text(ten_loai.page);
    assert!(
        kem_theo.contains("(Ban hành kèm theo Quyết định số 07/QĐ-UBND ngày 02 tháng 3 năm 2026 của Ủy ban nhân dân xã)"),
        "{kem_theo}"
    );
    for label in [
        "Chương I",
        "Chương II",
        "QUY ĐỊNH CHUNG",
        "TỔ CHỨC THỰC HIỆN",
    ] {
        let r = find(label);
        assert!(r.bold(), "{label} bold");
        assert!(
            (r.center() - page_width / 2.0).abs() < 40.0,
            "{label} centred: {r:?}"
        );
    }
    // Điều go on across Chương; the quyết định's own Điều are apart.
    let text = layout.all_text();
    assert!(text.contains("Điều 1. Trách nhiệm chủ trì"), "{text}");
    assert!(text.contains("Điều 2. Trách nhiệm thi hành"), "{text}");
    // The attached document's first page shows no number.
    let numbers: Vec<_> = layout
        .runs
        .iter()
        .filter(|r| r.page == ten_loai.page && r.text.trim() == "2" && r.y < 80.0)
        .collect();
    assert!(numbers.is_empty(), "{numbers:?}");
}

#[test]
fn a_legal_number_is_printed_wherever_the_number_is() {
    let toml = MINIMAL
        .edit("so = 1612\nky_hieu = \"UBND-KSTT\"", "so = \"15/2024\"\nky_hieu = \"UBND-KSTT\"")
        .edit(
            "[co_quan]\n",
            "[[phu_luc]]\ntieu_de = \"Danh sách\"\nnoi_dung = \"Kèm theo.\"\n\n[co_quan]\nten_goi = \"UBND tỉnh\"\n",
        );
    let text = Layout::of(&compile_str(&toml)).all_text();
    assert!(text.contains("Số: 15/2024/UBND-KSTT"), "{text}");
    assert!(
        text.contains("(Kèm theo Công văn số 15/2024/UBND-KSTT"),
        "{text}"
    );
    // A year unlike the issue year is said.
    let (code, err) = render(&MINIMAL.edit("so = 1612", "so = \"15/2023\""), &[]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("năm trong số văn bản (2023) khác năm ban hành (2024)"),
        "{err}"
    );
    // Before văn thư numbers it: blank, then the year.
    let text = Layout::of(&compile_str(&MINIMAL.edit("so = 1612", "so = \"/2024\""))).all_text();
    assert!(text.contains("/2024/UBND-KSTT"), "{text}");
}

#[test]
fn a_mixed_case_ky_hieu_prints_as_written_and_check_names_the_wrong_group() {
    let dir = tempfile::tempdir().unwrap();
    let ttg = MINIMAL
        .edit("ky_hieu = \"UBND-KSTT\"", "loai = \"quyet_dinh\"\nky_hieu = \"QĐ-TTg\"")
        .edit("kinh_gui = [\"Công an tỉnh\", \"Các sở, ban, ngành tỉnh\"]\n", "")
        .edit("noi_dung = \"\"\"", "tham_quyen = \"Thủ tướng Chính phủ\"\ncan_cu = [\"Căn cứ Luật Tổ chức Chính phủ\"]\ndieu = [\"\"\"")
        .edit("liên quan./.\n\"\"\"", "liên quan./.\n\"\"\"]")
        .edit("[\"Như trên\", \"Lưu: VT, KSTT\"]", "[\"Như Điều 1\", \"Lưu: VT\"]")
        .edit("ten = [\"ỦY BAN NHÂN DÂN\", \"TỈNH TÂY NINH\"]", "ten = [\"THỦ TƯỚNG CHÍNH PHỦ\"]");
    std::fs::write(dir.path().join("ttg.toml"), &ttg).unwrap();
    let text = Layout::of(&compile_str(&ttg)).all_text();
    assert!(text.contains("Số: 1612/QĐ-TTg"), "{text}");
    let (_, said) = check(&dir.path().join("ttg.toml"));
    assert!(!said.contains("VB021") && !said.contains("VB019"), "{said}");
    let lower = MINIMAL.edit("ky_hieu = \"UBND-KSTT\"", "ky_hieu = \"UBND-Kstt\"");
    std::fs::write(dir.path().join("thuong.toml"), lower).unwrap();
    let (_, said) = check(&dir.path().join("thuong.toml"));
    assert!(
        said.contains("[VB021]") && said.contains("nhóm \"Kstt\""),
        "{said}"
    );
}

#[test]
fn a_document_without_noi_nhan_prints_none_and_check_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let toml = MINIMAL.edit("noi_nhan = [\"Như trên\", \"Lưu: VT, KSTT\"]\n", "");
    std::fs::write(dir.path().join("v.toml"), &toml).unwrap();
    let text = Layout::of(&compile_str(&toml)).all_text();
    assert!(!text.contains("Nơi nhận"), "{text}");
    let (_, said) = check(&dir.path().join("v.toml"));
    assert!(
        said.contains("[VB002]") && said.contains("không có Nơi nhận"),
        "{said}"
    );
}

#[test]
fn a_long_noi_nhan_item_hangs_its_second_line_under_its_text() {
    let toml = MINIMAL.edit(
        "[\"Như trên\", \"Lưu: VT, KSTT\"]",
        "[\"Như trên\", \"Các tổ chức chính trị - xã hội, tổ chức xã hội - nghề nghiệp cấp tỉnh\", \"Lưu: VT, KSTT\"]",
    );
    let layout = Layout::of(&compile_str(&toml));
    let first = layout
        .runs
        .iter()
        .find(|r| r.text.starts_with("- Các tổ chức"))
        .unwrap();
    let next = layout
        .runs
        .iter()
        .filter(|r| r.page == first.page && r.y > first.y + 1.0 && r.y < first.y + 20.0)
        .min_by(|a, b| a.x.total_cmp(&b.x))
        .expect("the item wraps");
    assert!(!next.text.starts_with('-'), "{next:?}");
    assert!(
        next.x > first.x + 2.0,
        "continuation {next:?} hangs under the text of {first:?}"
    );
}

#[test]
fn numbers_read_as_vietnamese_unless_the_data_shows_english() {
    let table = |du_lieu: &str| {
        MINIMAL.edit(
            "[co_quan]\n",
            &format!(
                "[[phu_luc]]\ntieu_de = \"Số hộ\"\nkem_theo = false\n\n[[phu_luc.bang]]\ndu_lieu = \"{du_lieu}\"\ncot = [\"stt\", {{ ma = \"don_vi\", tieu_de = \"Đơn vị\" }}, {{ ma = \"so_ho\", tieu_de = \"Số hộ\", kieu = \"so\" }}]\n\n[[phu_luc.bang.tinh]]\nnhan = \"Tổng cộng\"\ncot = {{ so_ho = \"tong\" }}\n\n[co_quan]\n"
            ),
        )
    };
    let vi = "Đơn vị,Số hộ\nXã A,1.058\nXã B,852\nXã C,2.345\n";
    let en = "Đơn vị,Số hộ\nXã A,1.058\nXã B,\"1,234.5\"\nXã C,2.345\n";
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), &[("vi.csv", vi), ("en.csv", en)]);
    for (name, csv) in [("vi", "vi.csv"), ("en", "en.csv")] {
        std::fs::write(dir.path().join(format!("{name}.toml")), table(csv)).unwrap();
    }
    let lay = |name: &str| {
        let doc = vanban::pipeline::lay_out_file(&vanban::Compiler::new(), &dir.path().join(name))
            .unwrap();
        Layout::of(&doc).lines()
    };
    let lines = lay("vi.toml");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("Tổng cộng") && l.contains("4.255")),
        "{lines:#?}"
    );
    let out = run_in(dir.path(), &["render", "@en.toml", "-o", "@en.pdf"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("kiểu tiếng Anh") && err.contains("'1.058' (ô B2) được đọc là 1,058"),
        "{err}"
    );
    let lines = lay("en.toml");
    assert!(lines.iter().any(|l| l.contains("1,058")), "{lines:#?}");
    // Said in the table, the clerk's mark wins and nothing is warned.
    std::fs::write(
        dir.path().join("vi2.toml"),
        table("en.csv").edit(
            "du_lieu = \"en.csv\"",
            "du_lieu = \"en.csv\"\ndau_thap_phan = \"phay\"",
        ),
    )
    .unwrap();
    let out = run_in(dir.path(), &["render", "@vi2.toml", "-o", "@vi2.pdf"]);
    assert!(!stderr(&out).contains("kiểu tiếng Anh"), "{}", stderr(&out));
    // A figure written in the TOML reads the same way.
    let inline = MINIMAL.edit(
        "[co_quan]\n",
        "[[phu_luc]]\ntieu_de = \"Số\"\nkem_theo = false\n\n[[phu_luc.bang]]\ncot = [{ ma = \"a\", tieu_de = \"A\", kieu = \"so\" }]\ndong = [{ a = \"1.200\" }, { a = \"35\" }]\n\n[[phu_luc.bang.tinh]]\nnhan = \"Tổng\"\ncot = { a = \"tong\" }\n\n[co_quan]\n",
    );
    let lines = Layout::of(&compile_str(&inline)).lines();
    assert!(lines.iter().any(|l| l.contains("1.235")), "{lines:#?}");
}

#[test]
fn the_nghi_quyet_example_has_its_form_and_its_appendix_table() {
    let layout = Layout::of(&{
        let doc =
            vanban::pipeline::lay_out_file(&vanban::Compiler::new(), &example("nghi-quyet.toml"));
        doc.unwrap()
    });
    let text = layout.all_text();
    for piece in [
        "Số: 15/2026/NQ-HĐND",
        "HỘI ĐỒNG NHÂN DÂN TỈNH LÂM ĐỒNG",
        "KHÓA X, KỲ HỌP THỨ 12",
        "QUYẾT NGHỊ:",
        "Điều 4. Tổ chức thực hiện",
        "Đơn vị tính: triệu đồng",
        "(Kèm theo Nghị quyết số 15/2026/NQ-HĐND",
    ] {
        assert!(text.contains(piece), "{piece:?} not in\n{text}");
    }
    let run = |t: &str| {
        layout
            .runs
            .iter()
            .find(|r| r.text == t)
            .unwrap_or_else(|| panic!("{t:?}"))
            .clone()
    };
    // The adoption sentence closes the body, after the last Điều.
    let adopted = layout
        .runs
        .iter()
        .find(|r| r.text.starts_with("Nghị quyết này đã được"))
        .unwrap();
    let dieu_4 = layout
        .runs
        .iter()
        .find(|r| r.text.starts_with("Điều 4."))
        .unwrap();
    assert!((adopted.page, adopted.y) > (dieu_4.page, dieu_4.y));
    // Three header tiers: "Kinh phí" over "Trong đó" over "Ngân sách tỉnh".
    let (kinh_phi, trong_do) = (run("Kinh phí"), run("Trong đó"));
    let ngan = layout
        .runs
        .iter()
        .filter(|r| r.text.starts_with("Ngân"))
        .min_by(|a, b| a.y.total_cmp(&b.y))
        .unwrap();
    assert!(kinh_phi.y < trong_do.y && trong_do.y < ngan.y);
    // "Đơn vị tính" right-aligned, italic, above the table.
    let dvt = layout
        .runs
        .iter()
        .find(|r| r.text.starts_with("Đơn vị tính"))
        .unwrap();
    assert!(dvt.italic && dvt.y < kinh_phi.y && dvt.right() > ngan.right());
    // Section rows from the data, bold; the STT "1" spans its sub-rows.
    assert!(run("Năm 2026").bold() && run("II").bold());
    let parent = layout
        .runs
        .iter()
        .find(|r| r.text.starts_with("Hỗ trợ mua thẻ"))
        .unwrap();
    let last_sub = layout
        .runs
        .iter()
        .find(|r| r.text.starts_with("mức sống trung bình"))
        .unwrap();
    let stt = layout
        .runs
        .iter()
        .find(|r| r.text == "1" && r.page == parent.page && r.y > parent.y + 1.0 && r.x < parent.x)
        .expect("the STT of the spanned rows, between them");
    assert!(stt.y < last_sub.y, "{stt:?} centred in its rows");
    // Vietnamese figures from the CSV, and their total.
    let lines = layout.lines();
    assert!(
        lines
            .iter()
            .any(|l| l.contains("Tổng cộng") && l.contains("43.185") && l.contains("4.050,8")),
        "{lines:#?}"
    );
}

#[test]
fn the_new_examples_are_clean_for_check() {
    for name in ["nghi-quyet.toml", "quyet-dinh-quy-che.toml"] {
        let (code, said) = check(&example(name));
        assert_eq!(code, Some(0), "{said}");
        assert!(
            said.contains("0 lỗi, 0 cảnh báo, 0 gợi ý"),
            "{name}: {said}"
        );
    }
}

/// A table of `n` rows in sections of 6, with a total: at every length the
/// total shares its page with a row above it, and a section row with the
/// first row of its section.
#[test]
fn a_section_row_and_a_total_never_stand_alone_on_a_page() {
    for n in (24usize..=60).step_by(3) {
        let rows: Vec<String> = (1..=n)
            .map(|i| {
                format!(
                    "{{ cap = \"Nhóm {}\", don_vi = \"Đơn vị {i}\", a = {i} }}",
                    (i - 1) / 6 + 1
                )
            })
            .collect();
        let toml = MINIMAL.edit(
            "[co_quan]\n",
            &format!(
                "[[phu_luc]]\ntieu_de = \"Số liệu\"\nkem_theo = false\nngang = false\n\n[[phu_luc.bang]]\nmuc = \"cap\"\ncot = [\"stt\", {{ ma = \"don_vi\", tieu_de = \"Đơn vị\" }}, {{ ma = \"a\", tieu_de = \"Số\", kieu = \"so\" }}]\ndong = [{}]\n\n[[phu_luc.bang.tinh]]\nnhan = \"Tổng cộng\"\ncot = {{ a = \"tong\" }}\n\n[co_quan]\n",
                rows.join(", ")
            ),
        );
        let layout = Layout::of(&compile_str(&toml));
        let page_of = |t: &str| {
            layout
                .runs
                .iter()
                .find(|r| r.text == t)
                .map(|r| (r.page, r.y))
        };
        let (total_page, _) = page_of("Tổng cộng").unwrap();
        assert_eq!(
            page_of(&format!("Đơn vị {n}")).unwrap().0,
            total_page,
            "n = {n}: total alone"
        );
        for s in 1..=n.div_ceil(6) {
            let (section_page, _) = page_of(&format!("Nhóm {s}")).unwrap();
            let first = page_of(&format!("Đơn vị {}", (s - 1) * 6 + 1)).unwrap().0;
            assert_eq!(
                section_page, first,
                "n = {n}: section {s} apart from its first row"
            );
        }
    }
}

#[test]
fn a_long_header_over_short_figures_takes_about_four_lines() {
    let header = "Tỷ lệ hồ sơ được giải quyết đúng hạn và trước hạn trên tổng số hồ sơ đã giải quyết trong kỳ báo cáo của từng cơ quan, đơn vị (%)";
    let toml = MINIMAL.edit(
        "[co_quan]\n",
        &format!(
            "[[phu_luc]]\ntieu_de = \"Số liệu\"\nkem_theo = false\n\n[[phu_luc.bang]]\ncot = [\"stt\", {{ ma = \"don_vi\", tieu_de = \"Đơn vị\" }}, {{ ma = \"a\", tieu_de = \"{header}\", kieu = \"so\" }}]\ndong = [{{ don_vi = \"Sở Tư pháp\", a = \"98,5\" }}]\n\n[co_quan]\n"
        ),
    );
    let layout = Layout::of(&compile_str(&toml));
    let words: Vec<&str> = header.split(' ').collect();
    let mut baselines: Vec<i64> = layout
        .runs
        .iter()
        .filter(|r| r.bold() && r.text.split(' ').all(|w| words.contains(&w)))
        .map(|r| r.y.round() as i64)
        .collect();
    baselines.sort_unstable();
    baselines.dedup();
    assert!(
        baselines.len() <= 5,
        "the header takes {} lines",
        baselines.len()
    );
}

/// Every example, fixture and batch letter as PDF, read back as a reader
/// would: no word crosses a column rule or lies over another word.
#[test]
fn no_word_crosses_a_rule_or_another_word() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let mut pdfs = Vec::new();
    let mut sources: Vec<std::path::PathBuf> = Vec::new();
    for dir in ["examples", "tests/fixtures"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if name.ends_with(".toml") && !name.starts_with("mau-") {
                sources.push(p);
            }
        }
    }
    sources.sort();
    for src in &sources {
        let pdf = out
            .path()
            .join(src.file_name().unwrap())
            .with_extension("pdf");
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
            .args(["render", "--khong-ra-soat", "--cho-phep-ngoai"])
            .arg(src)
            .arg("-o")
            .arg(&pdf)
            .output()
            .unwrap();
        assert!(
            status.status.success(),
            "{}: {}",
            src.display(),
            stderr(&status)
        );
        pdfs.push(pdf);
    }
    for (template, data, folder) in [
        (
            "mau-cong-van-don-vi.toml",
            "data/chi-tieu-nq01.csv",
            "don-vi",
        ),
        ("mau-cong-van-xa.toml", "data/tthc-cap-xa.csv", "xa"),
    ] {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
            .current_dir(root.join("examples"))
            .args(["batch", template, "--data", data, "-o"])
            .arg(out.path().join(folder))
            .output()
            .unwrap();
        assert!(status.status.success(), "{template}: {}", stderr(&status));
        for e in std::fs::read_dir(out.path().join(folder)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "pdf") {
                pdfs.push(p);
            }
        }
    }
    assert!(pdfs.len() > 100, "{} PDFs", pdfs.len());
    let result = std::process::Command::new("python3")
        .arg(root.join("tests/chu_va_ke.py"))
        .args(&pdfs)
        .output()
        .expect("python3 with PyMuPDF (.ci/run installs it)");
    let said = String::from_utf8_lossy(&result.stdout);
    assert!(
        result.status.success() && said.is_empty(),
        "{said}{}",
        stderr(&result)
    );
}
