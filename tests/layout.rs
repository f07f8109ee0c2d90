//! Layout assertions on typst's laid-out frames (positions in pt, origin at
//! the page's top-left corner), per Nghị định 30/2020, Phụ lục I.

use crate::common;
use crate::common::Edit;

use common::*;

const LEFT: f64 = 30.0 * MM;
const RIGHT: f64 = (210.0 - 15.0) * MM;
const TOP: f64 = 20.0 * MM;
const BOTTOM: f64 = (297.0 - 20.0) * MM;
/// Where the header grid's right column starts (40 % of the text width).
const COLUMN_SPLIT: f64 = LEFT + 0.4 * (RIGHT - LEFT);

fn example() -> Layout {
    let doc =
        vanban::pipeline::lay_out_file(&vanban::Compiler::new(), &common::example("cong-van.toml")).unwrap();
    Layout::of(&doc)
}

/// Pages of the letter itself, before its phụ lục (landscape, numbered afresh).
fn letter_pages(layout: &Layout) -> usize {
    layout.run("Phụ lục").page - 1
}

#[test]
fn pages_are_a4_portrait() {
    let layout = example();
    let letter = letter_pages(&layout);
    assert!(letter >= 2, "the example runs over two pages");
    for (w, h) in &layout.pages[..letter] {
        assert!(
            (w - 595.28).abs() < 0.1 && (h - 841.89).abs() < 0.1,
            "{w}×{h}"
        );
    }
}

#[test]
fn quoc_hieu_and_tieu_ngu_sit_in_the_right_column() {
    let layout = example();
    let quoc_hieu = layout.run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert_eq!(quoc_hieu.page, 1);
    assert!(
        quoc_hieu.x >= COLUMN_SPLIT && quoc_hieu.right() <= RIGHT + 0.5,
        "{quoc_hieu:?}"
    );
    assert_eq!(quoc_hieu.size, 12.0);
    assert!(quoc_hieu.bold() && !quoc_hieu.italic);

    let tieu_ngu = layout.run("Độc lập - Tự do - Hạnh phúc");
    assert!(tieu_ngu.x >= COLUMN_SPLIT && tieu_ngu.y > quoc_hieu.y);
    assert_eq!(tieu_ngu.size, 13.0);
    assert!(tieu_ngu.bold() && !tieu_ngu.italic);
    // Centred under the quốc hiệu.
    assert!((tieu_ngu.center() - quoc_hieu.center()).abs() < 0.5);
}

#[test]
fn tieu_ngu_rule_is_as_long_as_the_tieu_ngu() {
    let layout = example();
    let tieu_ngu = layout.run("Độc lập - Tự do - Hạnh phúc");
    let rule = layout
        .rules
        .iter()
        .find(|r| {
            r.page == 1 && r.y0 > tieu_ngu.y && r.y0 < tieu_ngu.y + 10.0 && r.x0 >= COLUMN_SPLIT
        })
        .expect("a rule under the tiêu ngữ");
    assert!(
        (rule.length() - tieu_ngu.width).abs() <= 1.0,
        "rule {} vs text {}",
        rule.length(),
        tieu_ngu.width
    );
    assert!(
        (rule.x0 - tieu_ngu.x).abs() <= 1.0,
        "the rule starts where the text does"
    );
}

#[test]
fn co_quan_sits_in_the_left_column_with_a_short_rule() {
    let layout = example();
    for line in ["ỦY BAN NHÂN DÂN", "TỈNH TÂY NINH"] {
        let run = layout.run(line);
        assert_eq!(run.page, 1);
        assert!(
            run.x >= LEFT - 0.5 && run.right() <= COLUMN_SPLIT,
            "{run:?}"
        );
        assert_eq!(run.size, 13.0);
        assert!(run.bold() && !run.italic);
    }
    let name = layout.run("ỦY BAN NHÂN DÂN");
    let last = layout.run("TỈNH TÂY NINH");
    let rule = layout
        .rules
        .iter()
        .find(|r| r.page == 1 && r.x1 <= COLUMN_SPLIT && r.y0 > last.y && r.y0 < last.y + 10.0)
        .expect("a rule under the cơ quan");
    // 1/3–1/2 of the name's length, centred under it (§II.2.b).
    let ratio = rule.length() / name.width;
    assert!((0.33..=0.5).contains(&ratio), "ratio {ratio}");
    assert!(((rule.x0 + rule.x1) / 2.0 - name.center()).abs() < 1.0);
}

#[test]
fn so_and_ngay_share_a_line_with_their_styles() {
    let layout = example();
    let so = layout.run("Số: 1612/UBND-KSTT");
    let ngay = layout.run("Tây Ninh, ngày 31 tháng 5 năm 2024");
    assert!(
        (so.y - ngay.y).abs() < 2.0,
        "same line: {} vs {}",
        so.y,
        ngay.y
    );
    assert!(so.right() <= COLUMN_SPLIT && ngay.x >= COLUMN_SPLIT);
    assert_eq!(so.size, 13.0);
    assert!(!so.bold() && !so.italic);
    assert_eq!(ngay.size, 14.0);
    assert!(ngay.italic && !ngay.bold());

    let vv = layout.run_starting("V/v ");
    assert!(vv.y > so.y && vv.right() <= COLUMN_SPLIT + 0.5);
    assert_eq!(vv.size, 12.0);
    assert!(!vv.bold() && !vv.italic);
    // Centred under Số (the left column's centre).
    assert!((vv.center() - so.center()).abs() < 2.0);
}

#[test]
fn kinh_gui_lists_recipients_with_aligned_dashes() {
    let layout = example();
    let label = layout.run("Kính gửi:");
    let items: Vec<&TextRun> = [
        "- Công an tỉnh;",
        "- Các sở, ban, ngành tỉnh;",
        "- UBND các huyện, thị xã, thành phố.",
    ]
    .iter()
    .map(|t| layout.run(t))
    .collect();
    for pair in items.windows(2) {
        assert!((pair[0].x - pair[1].x).abs() < 0.1, "dashes aligned");
        assert!(pair[1].y > pair[0].y);
    }
    assert!(items[0].y > label.y, "recipients start on the next line");
    assert!(
        items[0].x >= label.right() - 0.5,
        "dashes under the colon, not under \"Kính\""
    );
}

#[test]
fn body_is_justified_14pt_with_first_line_indent() {
    let layout = example();
    let first = layout.run_starting("Thực hiện Nghị quyết");
    assert_eq!(first.size, 14.0);
    assert!(!first.bold() && !first.italic);
    let indent = first.x - LEFT;
    assert!(
        (indent - 1.27 / 2.54 * 72.0).abs() < 0.5,
        "first-line indent {indent}pt"
    );

    // The next line of the same paragraph starts at the margin and reaches the
    // right margin (justified).
    let second = layout
        .runs
        .iter()
        .filter(|r| r.page == first.page && r.y > first.y + 1.0)
        .min_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)))
        .unwrap();
    assert!((second.x - LEFT).abs() < 0.5);
    let line_end = layout
        .runs
        .iter()
        .filter(|r| r.page == first.page && (r.y - second.y).abs() < 0.1)
        .map(TextRun::right)
        .fold(0.0, f64::max);
    assert!(
        (line_end - RIGHT).abs() < 1.0,
        "justified line ends at {line_end}, margin {RIGHT}"
    );

    // Headings ("2. Sở Tư pháp") bold; dash items regular and indented.
    let heading = layout.run("2. Sở Tư pháp");
    assert!(heading.bold() && heading.size == 14.0);
    assert!(
        (heading.x - LEFT - 36.0).abs() < 0.5,
        "headings are indented like paragraphs: {heading:?}"
    );
    let dash = layout.run_starting("- Tiếp tục rà soát");
    assert!(!dash.bold() && (dash.x - LEFT - 36.0).abs() < 0.5);
}

#[test]
fn paragraph_spacing_is_at_least_six_points_above_line_spacing() {
    let layout = example();
    let page1: Vec<&TextRun> = layout
        .runs
        .iter()
        .filter(|r| r.page == 1 && r.size == 14.0 && r.x < LEFT + 40.0)
        .collect();
    let mut baselines: Vec<f64> = page1.iter().map(|r| r.y).collect();
    baselines.sort_by(f64::total_cmp);
    baselines.dedup_by(|a, b| (*a - *b).abs() < 0.1);
    let gaps: Vec<f64> = baselines.windows(2).map(|w| w[1] - w[0]).collect();
    let line = gaps.iter().cloned().fold(f64::INFINITY, f64::min);
    let paragraph_start = layout.run_starting("Ngày 15/5/2024");
    let previous = baselines
        .iter()
        .rfind(|y| **y < paragraph_start.y - 0.1)
        .unwrap();
    let gap = paragraph_start.y - previous;
    assert!(
        gap - line >= 6.0 - 0.01,
        "paragraph gap {gap} vs line pitch {line}"
    );
}

#[test]
fn no_text_outside_the_margins() {
    for name in [
        "cong-van.toml",
        "cong-van-du-thao.toml",
        "ke-hoach.toml",
        "quyet-dinh.toml",
        "quyet-dinh-quy-che.toml",
        "nghi-quyet.toml",
    ] {
        let doc = vanban::pipeline::lay_out_file(&vanban::Compiler::new(), &common::example(name)).unwrap();
        assert_within_margins(&Layout::of(&doc));
    }
}

/// Margins are the same on landscape pages (phụ lục tables): 30 mm on the
/// binding side, 15 mm opposite, 20 mm top and bottom.
fn assert_within_margins(layout: &Layout) {
    for run in &layout.runs {
        let is_page_number = run.page > 1 && run.y < TOP && run.text.trim().parse::<u32>().is_ok();
        let is_draft_mark = run.page == 1 && run.text == "DỰ THẢO";
        if is_page_number || is_draft_mark {
            continue;
        }
        let (width, height) = layout.pages[run.page - 1];
        assert!(
            run.x >= LEFT - 0.5 && run.right() <= width - 15.0 * MM + 0.5,
            "horizontal: {run:?}"
        );
        assert!(
            run.top() >= TOP - 0.5 && run.y <= height - 20.0 * MM + 0.5,
            "vertical: {run:?}"
        );
    }
}

#[test]
fn page_numbers_from_page_two_centred_in_the_top_margin() {
    let layout = example();
    assert!(
        !layout.runs.iter().any(|r| r.page == 1 && r.y < TOP),
        "page 1 has no number"
    );
    for page in 2..=letter_pages(&layout) {
        let number = layout
            .runs
            .iter()
            .find(|r| r.page == page && r.y < TOP)
            .unwrap_or_else(|| panic!("page {page} has a number"));
        assert_eq!(number.text, page.to_string());
        assert!(
            (number.center() - (LEFT + RIGHT) / 2.0).abs() < 0.5,
            "centred: {number:?}"
        );
        assert_eq!(number.size, 13.0);
    }
}

#[test]
fn noi_nhan_and_signature_share_their_top_line() {
    let layout = example();
    let noi_nhan = layout.run("Nơi nhận:");
    let quyen_han = layout.run("KT. CHỦ TỊCH");
    assert_eq!(noi_nhan.page, quyen_han.page);
    assert!(
        (noi_nhan.top() - quyen_han.top()).abs() < 0.5,
        "{} vs {}",
        noi_nhan.top(),
        quyen_han.top()
    );
    assert_eq!(noi_nhan.size, 12.0);
    assert!(noi_nhan.bold() && noi_nhan.italic);
    assert!((noi_nhan.x - LEFT).abs() < 0.5, "flush left");

    let item = layout.run("- Như trên;");
    assert_eq!(item.size, 11.0);
    assert!(!item.bold() && !item.italic);
    let luu = layout.run("- Lưu: VT.VP UBND tỉnh.");
    assert!(luu.y > item.y);

    let chuc_vu = layout.run("PHÓ CHỦ TỊCH");
    let ten = layout.run("Trần Văn Chiến");
    for run in [quyen_han, chuc_vu, ten] {
        assert!(
            run.bold() && run.size == 14.0 && run.x > COLUMN_SPLIT - 20.0,
            "{run:?}"
        );
    }
    assert!(
        (chuc_vu.center() - quyen_han.center()).abs() < 0.5
            && (ten.center() - quyen_han.center()).abs() < 0.5
    );
    // Room for the signature and seal between chức vụ and name.
    assert!(
        ten.y - chuc_vu.y > 25.0 * MM,
        "gap {}",
        (ten.y - chuc_vu.y) / MM
    );
}

#[test]
fn single_recipient_stays_on_the_kinh_gui_line() {
    let toml = MINIMAL.edit(
        r#"kinh_gui = ["Công an tỉnh", "Các sở, ban, ngành tỉnh"]"#,
        r#"kinh_gui = "Bộ Nội vụ""#,
    );
    let layout = Layout::of(&compile_str(&toml));
    let line = layout.run("Kính gửi: Bộ Nội vụ.");
    assert!(
        (line.center() - (LEFT + RIGHT) / 2.0).abs() < 1.0,
        "centred: {line:?}"
    );
}

#[test]
fn footnotes_go_to_the_foot_of_the_page() {
    let toml = MINIMAL.edit(
        "Thực hiện Nghị quyết số 01/NQ-CP ngày 05/01/2024 của Chính phủ.",
        "Thực hiện Nghị quyết[^nq] của Chính phủ.\n\n[^nq]: Nghị quyết số 01/NQ-CP ngày 05/01/2024.",
    );
    let layout = Layout::of(&compile_str(&toml));
    let note = layout.run_containing("Nghị quyết số 01/NQ-CP ngày 05/01/2024.");
    let body = layout.run_starting("Thực hiện Nghị quyết");
    assert!(note.y > BOTTOM - 60.0, "footnote at the foot: {}", note.y);
    assert_eq!(note.size, 12.0);
    assert!(note.y > body.y);
    // The reference mark is a superscript "1" right after "Nghị quyết".
    assert!(
        layout
            .runs
            .iter()
            .any(|r| r.text == "1" && r.page == 1 && (r.y - body.y).abs() < 8.0 && r.size < 14.0)
    );
}

#[test]
fn inline_bold_and_italic_runs() {
    let toml = MINIMAL.edit(
        "Thực hiện Nghị quyết số 01/NQ-CP ngày 05/01/2024 của Chính phủ.",
        "Thực hiện **tháng 6 năm 2024** và *Nghị quyết số 01/NQ-CP* nhé.",
    );
    let layout = Layout::of(&compile_str(&toml));
    let bold = layout.run("tháng 6 năm 2024");
    assert!(bold.bold() && !bold.italic);
    let italic = layout.run("Nghị quyết số 01/NQ-CP");
    assert!(italic.italic && !italic.bold());
}

#[test]
fn urgency_and_draft_marks() {
    let toml = format!("do_khan = \"HỎA TỐC\"\ndo_mat = \"mật\"\ndu_thao = true\n{MINIMAL}");
    let layout = Layout::of(&compile_str(&toml));
    let khan = layout.run("HỎA TỐC");
    assert!(khan.bold() && khan.right() <= COLUMN_SPLIT);
    let mat = layout.run("MẬT");
    assert!(mat.bold() && mat.right() <= COLUMN_SPLIT);
    let draft = layout.run("DỰ THẢO");
    assert!(draft.y < TOP && draft.page == 1 && draft.bold());
    // The HỎA TỐC frame is 30 × 8 mm (PL-I §III.2.b), around its label.
    let frame = layout
        .rects
        .iter()
        .find(|(page, x, y, w, h)| {
            *page == 1 && *x <= khan.x && x + w >= khan.right() && *y <= khan.y && y + h >= khan.y
        })
        .expect("a frame around HỎA TỐC");
    assert!(
        (frame.3 - 30.0 * MM).abs() < 0.5 && (frame.4 - 8.0 * MM).abs() < 0.5,
        "{frame:?}"
    );
}

#[test]
fn contact_line_at_the_foot_of_page_one_only() {
    let toml = format!(
        "{MINIMAL}\n[lien_he]\ndia_chi = \"Số 83, Phạm Tung, Phường 3, Tây Ninh\"\ndien_thoai = \"0276.3822.380\"\nemail = \"vpubnd@tayninh.gov.vn\"\n"
    );
    let layout = Layout::of(&compile_str(&toml));
    let address = layout.run("Địa chỉ: Số 83, Phạm Tung, Phường 3, Tây Ninh");
    assert_eq!(address.page, 1);
    assert!(
        address.top() > BOTTOM - 1.0 && address.size == 11.0,
        "{address:?}"
    );
    let contact = layout.run("ĐT: 0276.3822.380; E-mail: vpubnd@tayninh.gov.vn");
    assert!(contact.y > address.y);
}

#[test]
fn a_heading_is_never_the_last_line_of_a_page() {
    let filler = "Tập trung triển khai các nhiệm vụ tại Quyết định số 2813/QĐ-UBND ngày 29/12/2023 của UBND tỉnh.";
    let mut page_ends_checked = 0;
    // Slide the heading down the page one paragraph at a time, across the break.
    for n in 14..30 {
        let body = format!(
            "{}\n\n3. Sở Nội vụ\n\n- Tham mưu UBND tỉnh./.",
            vec![filler; n].join("\n\n")
        );
        let toml = MINIMAL.edit(
            "Thực hiện Nghị quyết số 01/NQ-CP ngày 05/01/2024 của Chính phủ.\n\n1. Sở Tư pháp\n\n- Chủ trì, phối hợp các cơ quan liên quan./.",
            &body,
        );
        let layout = Layout::of(&compile_str(&toml));
        let heading = layout.run("3. Sở Nội vụ");
        let next = layout.run("- Tham mưu UBND tỉnh./.");
        assert_eq!(
            heading.page, next.page,
            "n = {n}: heading separated from its paragraph"
        );
        if heading.page > 1
            && layout
                .runs
                .iter()
                .all(|r| r.page != heading.page || r.y >= heading.y - 20.0 || r.y < TOP)
        {
            page_ends_checked += 1;
        }
    }
    assert!(
        page_ends_checked > 0,
        "some heading was pushed to the top of the next page"
    );
}

#[test]
fn the_signature_never_stands_alone_on_a_page() {
    // Seed 001 itself ends with "Nơi nhận" and the signature alone on page 5;
    // the closing paragraph now follows them over (ke-hoach.toml is that case).
    for name in [
        "cong-van.toml",
        "cong-van-du-thao.toml",
        "ke-hoach.toml",
        "quyet-dinh.toml",
        "quyet-dinh-quy-che.toml",
        "nghi-quyet.toml",
    ] {
        let doc = vanban::pipeline::lay_out_file(&vanban::Compiler::new(), &common::example(name)).unwrap();
        let layout = Layout::of(&doc);
        let noi_nhan = layout.run("Nơi nhận:");
        let body_above = layout
            .runs
            .iter()
            .filter(|r| r.page == noi_nhan.page && r.y > TOP && r.y < noi_nhan.y)
            .count();
        assert!(
            body_above > 0,
            "{name}: signature alone on page {}",
            noi_nhan.page
        );
        // …and keeps its distance: a paragraph gap plus 10 pt, so baseline to
        // baseline at least two body lines.
        let last = layout
            .runs
            .iter()
            .filter(|r| r.page == noi_nhan.page && r.y < noi_nhan.y - 1.0)
            .map(|r| r.y)
            .fold(0.0, f64::max);
        assert!(
            noi_nhan.y - last >= 28.0,
            "{name}: {} pt",
            noi_nhan.y - last
        );
    }
}
