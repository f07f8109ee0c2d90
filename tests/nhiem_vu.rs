//! Tasks laid out three ways, automatic numbering, the document kinds and
//! the phụ lục, asserted on the laid-out pages.

use crate::common;
use crate::common::Edit;

use common::{Layout, MM, TextRun, collapse, compile_str};

const LEFT: f64 = 30.0 * MM;
const RIGHT: f64 = (210.0 - 15.0) * MM;
const TEXT_CENTER: f64 = (LEFT + RIGHT) / 2.0;

/// A kế hoạch whose task list appears twice: one task per item (II.) and
/// grouped by chủ trì (III.). `TASKS` is replaced by the [[nhiem_vu]] tables.
const KE_HOACH: &str = r#"
loai = "ke_hoach"
so = 15
ky_hieu = "KH-UBND"
dia_danh = "Tây Ninh"
ngay = 2024-05-31
trich_yeu = "Kiểm tra công tác cải cách hành chính năm 2024"
noi_nhan = ["Sở, ban, ngành tỉnh", "Lưu: VT, KSTT"]
noi_dung = "Thực hiện Kế hoạch cải cách hành chính năm 2024, UBND tỉnh ban hành Kế hoạch kiểm tra như sau:"
ket_luan = "Trên đây là Kế hoạch kiểm tra năm 2024./."

[don_vi]
stp = { ten = "Sở Tư pháp", ten_ngan = "STP" }
snv = "Sở Nội vụ"
vp = "Văn phòng UBND tỉnh"

[co_quan]
ten = ["ỦY BAN NHÂN DÂN", "TỈNH TÂY NINH"]
ten_goi = "UBND tỉnh"

[chu_ky]
chuc_vu = "CHỦ TỊCH"
ho_ten = "Nguyễn Văn A"

[[muc]]
tieu_de = "Mục đích"
noi_dung = "Đánh giá đúng thực chất."

[[muc]]
tieu_de = "Nhiệm vụ"
nhiem_vu = "tung_nhiem_vu"

[[muc]]
tieu_de = "Phân công theo đơn vị"
nhiem_vu = "theo_don_vi"

TASKS
"#;

const RA_SOAT: &str = r#"
[[nhiem_vu]]
noi_dung = "Rà soát thủ tục."
chu_tri = "stp"
thoi_han = "trong 10 ngày làm việc kể từ ngày ký"
"#;

const KIEM_TRA: &str = r#"
[[nhiem_vu]]
noi_dung = "Kiểm tra công vụ."
chu_tri = "snv"
phoi_hop = ["vp", "các sở, ngành liên quan"]
thoi_han = "Tháng 8/2024"
"#;

const BAO_CAO: &str = r#"
[[nhiem_vu]]
noi_dung = "Báo cáo kết quả."
chu_tri = "stp"
thoi_han = "Thường xuyên"
"#;

const TONG_HOP: &str = r#"
[[nhiem_vu]]
noi_dung = "Tổng hợp ý kiến."
chu_tri = "vp"
"#;

fn ke_hoach(tasks: &[&str]) -> String {
    KE_HOACH.edit("TASKS", &tasks.concat())
}

fn text_of(toml: &str) -> String {
    Layout::of(&compile_str(toml)).all_text()
}

fn assert_in_order(text: &str, parts: &[&str]) {
    let mut from = 0;
    for part in parts {
        let part = collapse(part);
        match text[from..].find(&part) {
            Some(at) => from += at + part.len(),
            None => panic!("{part:?} missing (or out of order) after byte {from} in\n{text}"),
        }
    }
}

#[test]
fn one_task_list_laid_out_per_item_and_grouped_by_unit() {
    let text = text_of(&ke_hoach(&[RA_SOAT, KIEM_TRA, BAO_CAO]));
    assert_in_order(
        &text,
        &[
            "I. MỤC ĐÍCH",
            "Đánh giá đúng thực chất.",
            "II. NHIỆM VỤ",
            // Seed 001's form; no phối hợp → "Đơn vị thực hiện". 10 working
            // days from Fri 31/5/2024 end on Fri 14/6/2024.
            "1. Rà soát thủ tục.",
            "- Đơn vị thực hiện: Sở Tư pháp.",
            "- Thời gian hoàn thành: Trong 10 ngày làm việc kể từ ngày ký (đến hết ngày 14/6/2024).",
            "2. Kiểm tra công vụ.",
            "- Đơn vị chủ trì: Sở Nội vụ.",
            "- Đơn vị phối hợp: Văn phòng UBND tỉnh, các sở, ngành liên quan.",
            "- Thời gian hoàn thành: Tháng 8/2024.",
            "3. Báo cáo kết quả.",
            "- Thời gian hoàn thành: Thường xuyên.",
            "III. PHÂN CÔNG THEO ĐƠN VỊ",
            // Seed 000's form: units in order of first appearance.
            "1. Sở Tư pháp",
            "- Rà soát thủ tục. Hoàn thành trong 10 ngày làm việc kể từ ngày ký (đến hết ngày 14/6/2024).",
            "- Báo cáo kết quả. Thực hiện thường xuyên.",
            "2. Sở Nội vụ",
            "- Kiểm tra công vụ. Đơn vị phối hợp: Văn phòng UBND tỉnh, các sở, ngành liên quan. Hoàn thành trong tháng 8/2024.",
            "Trên đây là Kế hoạch kiểm tra năm 2024./.",
        ],
    );
}

#[test]
fn inserting_a_task_or_a_section_renumbers_everything_after_it() {
    let text = text_of(&ke_hoach(&[RA_SOAT, TONG_HOP, KIEM_TRA, BAO_CAO]));
    assert_in_order(
        &text,
        &[
            "II. NHIỆM VỤ",
            "1. Rà soát thủ tục.",
            "2. Tổng hợp ý kiến.",
            "3. Kiểm tra công vụ.",
            "4. Báo cáo kết quả.",
            "III. PHÂN CÔNG THEO ĐƠN VỊ",
            "1. Sở Tư pháp",
            "2. Văn phòng UBND tỉnh",
            "- Tổng hợp ý kiến.",
            "3. Sở Nội vụ",
        ],
    );
    let with_section = ke_hoach(&[RA_SOAT]).replacen(
        "[[muc]]\ntieu_de = \"Nhiệm vụ\"",
        "[[muc]]\ntieu_de = \"Yêu cầu\"\nnoi_dung = \"Đúng tiến độ.\"\n\n[[muc]]\ntieu_de = \"Nhiệm vụ\"",
        1,
    );
    assert_in_order(
        &text_of(&with_section),
        &[
            "I. MỤC ĐÍCH",
            "II. YÊU CẦU",
            "III. NHIỆM VỤ",
            "IV. PHÂN CÔNG THEO ĐƠN VỊ",
        ],
    );
}

#[test]
fn nested_sections_number_one_then_one_point_one() {
    let toml = ke_hoach(&[RA_SOAT]).replacen(
        "[[muc]]\ntieu_de = \"Mục đích\"\nnoi_dung = \"Đánh giá đúng thực chất.\"",
        "[[muc]]\ntieu_de = \"Mục đích\"\n\n[[muc.muc]]\ntieu_de = \"Về thể chế\"\n\n\
         [[muc.muc.muc]]\ntieu_de = \"Rà soát văn bản\"\nnoi_dung = \"Nội dung một.\"\n\n\
         [[muc.muc.muc]]\ntieu_de = \"Công bố thủ tục\"\nnoi_dung = \"Nội dung hai.\"\n\n\
         [[muc.muc]]\ntieu_de = \"Về tổ chức\"\nnoi_dung = \"Nội dung ba.\"",
        1,
    );
    let layout = Layout::of(&compile_str(&toml));
    assert_in_order(
        &layout.all_text(),
        &[
            "I. MỤC ĐÍCH",
            "1. Về thể chế",
            "1.1. Rà soát văn bản",
            "1.2. Công bố thủ tục",
            "2. Về tổ chức",
            "II. NHIỆM VỤ",
        ],
    );
    for heading in ["I. MỤC ĐÍCH", "1. Về thể chế", "1.2. Công bố thủ tục"] {
        let run = layout.run_starting(heading);
        assert!(run.bold(), "{heading} should be bold");
        assert_eq!(run.size, 14.0);
    }
    // Task lines are not headings.
    assert!(!layout.run_starting("1. Rà soát thủ tục.").bold());
}

#[test]
fn a_draft_without_a_day_prints_a_relative_deadline_as_written() {
    let toml = ke_hoach(&[RA_SOAT]).edit("ngay = 2024-05-31", "ngay = \"5/2024\"");
    let text = text_of(&toml);
    assert!(
        text.contains("- Thời gian hoàn thành: Trong 10 ngày làm việc kể từ ngày ký."),
        "{text}"
    );
    assert!(!text.contains("đến hết ngày"), "{text}");
}

fn header_number_line(layout: &Layout) -> f64 {
    layout.run_starting("Số:").y
}

fn assert_centred(run: &TextRun) {
    assert!(
        (run.center() - TEXT_CENTER).abs() < 1.5,
        "{:?} not centred: centre {} vs {TEXT_CENTER}",
        run.text,
        run.center()
    );
}

#[test]
fn ke_hoach_has_its_ten_loai_centred_bold_above_a_bold_trich_yeu_and_a_short_rule() {
    let layout = Layout::of(&compile_str(&ke_hoach(&[RA_SOAT])));
    let so = header_number_line(&layout);
    assert!(layout.run_starting("Số: 15/KH-UBND").y > 0.0);
    let ten = layout.run("KẾ HOẠCH");
    assert_eq!((ten.size, ten.bold(), ten.italic), (14.0, true, false));
    assert!(
        ten.y > so + 14.0,
        "tên loại {} not below the Số line {so}",
        ten.y
    );
    assert_centred(ten);
    let ty = layout.run("Kiểm tra công tác cải cách hành chính năm 2024");
    assert_eq!((ty.size, ty.bold()), (14.0, true));
    assert!(
        ty.y > ten.y && ty.y - ten.y < 2.0 * 14.0,
        "trích yếu right under tên loại"
    );
    assert_centred(ty);
    // No "V/v" for a typed document.
    assert!(!layout.all_text().contains("V/v"));
    // The rule: centred, under the trích yếu, 1/3–1/2 of its length.
    let body = layout.run_starting("Thực hiện Kế hoạch");
    let rule = layout
        .rules
        .iter()
        .find(|r| r.page == 1 && r.y0 > ty.y && r.y0 < body.y)
        .expect("a rule under the trích yếu");
    let share = rule.length() / ty.width;
    assert!(
        (1.0 / 3.0..=0.5).contains(&share),
        "rule is {share} of the trích yếu"
    );
    assert!((((rule.x0 + rule.x1) / 2.0) - TEXT_CENTER).abs() < 1.0);
}

/// A document of `loai` with a one-paragraph body.
fn kind(loai: &str, viet_tat: &str, extra: &str) -> String {
    format!(
        r#"
loai = "{loai}"
so = 3
ky_hieu = "{viet_tat}-UBND"
dia_danh = "Tây Ninh"
ngay = 2024-05-31
trich_yeu = "Kết quả cải cách hành chính 6 tháng đầu năm 2024"
noi_nhan = ["Như trên", "Lưu: VT, KSTT"]
{extra}

[co_quan]
ten = ["ỦY BAN NHÂN DÂN", "TỈNH TÂY NINH"]

[chu_ky]
chuc_vu = "CHỦ TỊCH"
ho_ten = "Nguyễn Văn A"
"#
    )
}

#[test]
fn thong_bao_bao_cao_and_to_trinh_share_the_layout_with_their_own_ten_loai() {
    let body = "noi_dung = \"Nội dung văn bản./.\"";
    for (loai, vt, ten) in [
        ("thong_bao", "TB", "THÔNG BÁO"),
        ("bao_cao", "BC", "BÁO CÁO"),
        ("to_trinh", "TTr", "TỜ TRÌNH"),
    ] {
        let extra = if loai == "to_trinh" {
            format!("{body}\nkinh_gui = \"Thường trực HĐND tỉnh\"")
        } else {
            body.to_string()
        };
        let layout = Layout::of(&compile_str(&kind(loai, vt, &extra)));
        assert!(layout.run_starting(&format!("Số: 03/{vt}-UBND")).y > 0.0);
        let t = layout.run(ten);
        assert_eq!((t.size, t.bold()), (14.0, true), "{loai}");
        assert_centred(t);
        if loai == "to_trinh" {
            // Tờ trình is addressed: Kính gửi comes under the trích yếu.
            let kg = layout.run_starting("Kính gửi: Thường trực HĐND tỉnh.");
            assert!(kg.y > t.y, "{loai}");
        } else {
            assert!(!layout.all_text().contains("Kính gửi"), "{loai}");
        }
    }
}

#[test]
fn quyet_dinh_has_tham_quyen_italic_can_cu_and_bold_dieu_labels() {
    let extra = r#"
tham_quyen = "Chủ tịch Ủy ban nhân dân tỉnh Tây Ninh"
can_cu = [
  "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015",
  "- Căn cứ Nghị định số 61/2018/NĐ-CP;",
  "Theo đề nghị của Chánh Văn phòng Ủy ban nhân dân tỉnh.",
]
dieu = ["Thành lập Tổ công tác.", "Quyết định này có hiệu lực kể từ ngày ký./."]
"#;
    let layout = Layout::of(&compile_str(&kind("quyet_dinh", "QĐ", extra)));
    let ten = layout.run("QUYẾT ĐỊNH");
    assert!(ten.bold());
    let tq = layout.run("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TÂY NINH");
    assert!(tq.bold() && tq.y > ten.y);
    assert_centred(tq);
    let can_cu = [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Căn cứ Nghị định số 61/2018/NĐ-CP;",
        "Theo đề nghị của Chánh Văn phòng Ủy ban nhân dân tỉnh.",
    ];
    let mut last_y = tq.y;
    for line in can_cu {
        let start: String = line.chars().take(20).collect();
        let run = layout.run_starting(&start);
        assert!(run.italic && !run.bold(), "{line} italic");
        assert!(run.y > last_y, "{line} in order");
        last_y = run.y;
    }
    assert_in_order(&layout.all_text(), &can_cu);
    let qd = layout.run("QUYẾT ĐỊNH:");
    assert!(qd.bold() && qd.y > last_y);
    assert_centred(qd);
    for (label, text) in [
        ("Điều 1.", "Thành lập Tổ công tác."),
        ("Điều 2.", "Quyết định này"),
    ] {
        let l = layout.run(label);
        assert!(l.bold() && !l.italic, "{label} bold");
        let t = layout.run_starting(text);
        assert!(!t.bold(), "{text} regular");
        assert!(
            (t.y - l.y).abs() < 0.1 && t.x > l.right() - 0.1,
            "{text} follows {label}"
        );
        assert!(l.y > qd.y);
    }
}

/// Enough tasks for the appendix table to run over a page.
fn table_document(tasks: usize, phu_luc: usize) -> String {
    let mut toml = kind(
        "cong_van",
        "",
        "kinh_gui = \"so_tu_phap\"\nnoi_dung = \"Có Phụ lục kèm theo./.\"",
    )
    .edit(
        "ky_hieu = \"-UBND\"",
        "ky_hieu = \"UBND-KSTT\"\ndanh_ba = \"tay-ninh\"",
    )
    .edit("loai = \"cong_van\"\n", "")
    .edit(
        "[co_quan]\nten = [\"ỦY BAN NHÂN DÂN\", \"TỈNH TÂY NINH\"]",
        "[co_quan]\nten = [\"ỦY BAN NHÂN DÂN\", \"TỈNH TÂY NINH\"]\nten_goi = \"UBND tỉnh\"",
    );
    for n in 0..phu_luc {
        toml.push_str(&format!(
            r#"
[[phu_luc]]
tieu_de = "Danh mục nhiệm vụ {n}"
[phu_luc.nhiem_vu]
ten_ngan = true
cot = [
  "stt", "noi_dung", "chu_tri", "phoi_hop",
  {{ nhom = "Năm 2024", cot = [{{ ma = "don_vi_tinh", tieu_de = "ĐVT" }}, {{ ma = "chi_tieu", tieu_de = "Chỉ tiêu" }}] }},
  "can_cu",
]
"#
        ));
    }
    for i in 1..=tasks {
        toml.push_str(&format!(
            r#"
[[nhiem_vu]]
noi_dung = "Nhiệm vụ số {i}: rà soát, công bố đầy đủ thủ tục hành chính nội bộ thuộc thẩm quyền và báo cáo kết quả."
chu_tri = "so_tttt"
phoi_hop = ["vp_ubnd", "các sở, ngành liên quan"]
don_vi_tinh = "%"
chi_tieu = "Tối thiểu {i}"
can_cu = "Công văn số 221/VPCP-KSTT"
"#
        ));
    }
    toml
}

#[test]
fn appendix_table_is_landscape_with_merged_header_repeated_and_rows_whole() {
    let layout = Layout::of(&compile_str(&table_document(14, 1)));
    let first = layout.run("Phụ lục").page;
    assert!(first > 1);
    let appendix: Vec<usize> = (first..=layout.pages.len()).collect();
    assert!(appendix.len() >= 2, "the table should run over a page");
    for &p in &appendix {
        let (w, h) = layout.pages[p - 1];
        assert!(
            (w - 841.89).abs() < 0.1 && (h - 595.28).abs() < 0.1,
            "page {p}: {w}×{h}"
        );
        // The header (with its merged "Năm 2024" over two columns) repeats.
        let text = layout.page_text(p);
        assert!(
            text.contains("Đơn vị chủ trì") && text.contains("Năm 2024"),
            "page {p}: {text}"
        );
    }
    // The author's own column titles, under the merged group title.
    let (dvt, chi_tieu, nhom) = (
        layout.run("ĐVT"),
        layout.run("Chỉ tiêu"),
        layout.run("Năm 2024"),
    );
    assert!(nhom.y < dvt.y && (dvt.y - chi_tieu.y).abs() < 1.0);
    assert!(
        nhom.center() > dvt.right() - 1.0 && nhom.center() < chi_tieu.x + 1.0,
        "merged cell spans both"
    );
    // Short unit names on request; every row whole on one page.
    assert!(layout.all_text().contains("Sở TT&TT"));
    for i in 1..=14 {
        let pages: Vec<usize> = layout
            .runs
            .iter()
            .filter(|r| {
                r.text.contains(&format!("Nhiệm vụ số {i}:"))
                    || r.text.trim() == format!("Tối thiểu {i}")
            })
            .map(|r| r.page)
            .collect();
        assert_eq!(pages.len(), 2, "row {i}");
        assert_eq!(pages[0], pages[1], "row {i} split across pages");
    }
    // Heading, title and the "(Kèm theo …)" line built from the document.
    assert_eq!(layout.run("Phụ lục").size, 14.0);
    assert!(layout.run("Phụ lục").bold());
    assert!(layout.run("DANH MỤC NHIỆM VỤ 0").bold());
    let kem = layout
        .run_starting("(Kèm theo Công văn số 03/UBND-KSTT ngày 31 tháng 5 năm 2024 của UBND tỉnh)");
    assert!(kem.italic);
}

#[test]
fn appendix_pages_are_numbered_afresh_without_a_number_on_their_first_page() {
    let layout = Layout::of(&compile_str(&table_document(14, 2)));
    let top_numbers = |p: usize| -> Vec<String> {
        layout
            .runs
            .iter()
            .filter(|r| r.page == p && r.y < 20.0 * MM && r.text.trim().parse::<u32>().is_ok())
            .map(|r| r.text.trim().to_string())
            .collect()
    };
    let starts: Vec<usize> = ["Phụ lục I", "Phụ lục II"]
        .iter()
        .map(|l| layout.run(l).page)
        .collect();
    assert!(starts[1] > starts[0] + 1);
    for start in starts {
        assert!(
            top_numbers(start).is_empty(),
            "page {start}: {:?}",
            top_numbers(start)
        );
        assert_eq!(
            top_numbers(start + 1),
            vec!["2"],
            "second page of the phụ lục at {start}"
        );
    }
}

fn example_text(name: &str) -> String {
    let doc = vanban::pipeline::lay_out_file(&vanban::Compiler::new(), &common::example(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    Layout::of(&doc).all_text()
}

#[test]
fn the_ke_hoach_example_reads_like_seed_001() {
    // Seed 001's wording; its duplicated "II." is numbered III. here, and
    // every task gets the same three dash lines.
    assert_in_order(
        &example_text("ke-hoach.toml"),
        &[
            "KẾ HOẠCH",
            "Hành động nâng cao tỷ lệ sử dụng dịch vụ công trực tuyến tỉnh Tây Ninh năm 2023",
            "Thực hiện Công văn số 1284/BTTTT-CDSQG ngày 12/4/2023",
            "I. HIỆN TRẠNG",
            "II. MỤC ĐÍCH, YÊU CẦU",
            "1. Mục đích",
            "2. Yêu cầu",
            "- Tỷ lệ người dân, doanh nghiệp hài lòng khi sử dụng DVC trực tuyến đạt 90%.",
            "III. NỘI DUNG TRỌNG TÂM THỰC HIỆN TRONG NĂM 2023",
            "1. Rà soát 100% TTHC đủ điều kiện được triển khai dịch vụ công trực tuyến toàn trình.",
            "- Đơn vị chủ trì: Văn phòng UBND tỉnh.",
            "- Đơn vị phối hợp: Sở, ban, ngành tỉnh và các địa phương.",
            "- Thời gian hoàn thành: Năm 2023.",
            "2. 100% cán bộ công chức",
            "- Đơn vị thực hiện: Sở, ban, ngành; UBND cấp huyện, cấp xã.",
            "6. Tích hợp CSDL dân cư",
            "- Đơn vị chủ trì: Sở Thông tin và Truyền thông.",
            "- Thời gian hoàn thành: Tháng 8/2023.",
            "7. Tham mưu giải pháp",
            "- Đơn vị chủ trì: Công an tỉnh.",
            "- Thời gian hoàn thành: Tháng 9/2023.",
            "8. Đẩy mạnh công tác tuyên truyền",
            "- Đơn vị thực hiện: Đài Phát thanh và Truyền hình tỉnh, Trung tâm Văn hoá thể thao và Truyền thanh cấp huyện, Đài truyền thanh cấp xã.",
            "- Thời gian hoàn thành: Thường xuyên trong năm 2023.",
            "IV. TỔ CHỨC THỰC HIỆN",
            "1. Văn phòng UBND tỉnh",
            "5. UBND các xã/phường/thị trấn",
            "nghiêm túc triển khai các nhiệm vụ đã giao trong Kế hoạch./.",
            "KT. CHỦ TỊCH",
            "Võ Đức Trọng",
        ],
    );
}

#[test]
fn the_draft_example_carries_seed_003s_task_table() {
    let text = example_text("cong-van-du-thao.toml");
    assert_in_order(
        &text,
        &[
            "Phụ lục",
            "GIAO MỘT SỐ CHỈ TIÊU CỤ THỂ VỀ CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
            // Blanks where the draft has no number and no day yet.
            "(Kèm theo Công văn số /UBND-PVHCC&KSTT ngày tháng 4 năm 2024 của UBND tỉnh Hưng Yên)",
        ],
    );
    // Seed 003's targets, row by row.
    let targets = [
        "Tối thiểu 80",
        "Tối thiểu 45",
        "Tối thiểu 50",
        "Tối thiểu 80",
        "100",
        "100",
        "100",
        "Tối thiểu 50",
        "100",
        "Tối thiểu 90",
    ];
    let doc = vanban::pipeline::lay_out_file(
        &vanban::Compiler::new(),
        &common::example("cong-van-du-thao.toml"),
    )
    .unwrap();
    let layout = Layout::of(&doc);
    let first_table_page = layout.run("Phụ lục").page;
    let cells: Vec<&str> = layout
        .runs
        .iter()
        .filter(|r| {
            r.page >= first_table_page
                && (r.text.starts_with("Tối thiểu") || r.text.trim() == "100")
        })
        .map(|r| r.text.trim())
        .collect();
    assert_eq!(cells, targets);
    // Row 5 has two chủ trì units, one cell, in the order given.
    let vnpt = layout
        .runs
        .iter()
        .find(|r| r.page >= first_table_page && r.text.contains("VNPT"))
        .unwrap();
    let cell: Vec<&str> = layout
        .runs
        .iter()
        .filter(|r| {
            r.page == vnpt.page && (r.x - vnpt.x).abs() < 0.5 && (r.y - vnpt.y).abs() < 20.0
        })
        .map(|r| r.text.as_str())
        .collect();
    assert_eq!(
        collapse(&cell.join(" ")),
        "Văn phòng UBND tỉnh; VNPT Hưng Yên"
    );
}

/// A deadline counted from a date outside the holiday calendar's years is
/// printed in the clerk's words only, and said; a negative or fractional
/// count is an error at its place.
#[test]
fn deadlines_the_calendar_cannot_count_are_said_and_odd_counts_refused() {
    use crate::common::refuse::{refused, run_in, stderr, write_files};
    let late = ke_hoach(&[RA_SOAT]).edit("ngay = 2024-05-31", "ngay = 2031-03-02");
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), &[("v.toml", late.as_str())]);
    let out = run_in(dir.path(), &["render", "@v.toml"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("cảnh báo") && err.contains("`nhiem_vu[0].thoi_han`"), "{err}");
    assert!(err.contains("2020–2030"), "{err}");
    let text = common::poppler("pdftotext", &[], &dir.path().join("v.pdf"));
    assert!(!text.contains("đến hết ngày"), "{text}");
    let out = run_in(dir.path(), &["--nghiem", "render", "@v.toml"]);
    assert_eq!(out.status.code(), Some(1));
    for (written, expected) in [
        ("trong -5 ngày kể từ ngày ký", "không thể âm"),
        ("trong 1,5 ngày làm việc kể từ ngày ký", "số nguyên, không phải 1,5"),
    ] {
        let toml = ke_hoach(&[RA_SOAT]).edit("trong 10 ngày làm việc kể từ ngày ký", written);
        refused(
            &[("v.toml", toml.as_str())],
            &["render", "@v.toml"],
            &["trường `nhiem_vu[0].thoi_han`", expected],
        );
    }
}
