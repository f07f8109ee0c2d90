//! Real letters (issue 12): symbols never split, line breaks the clerk
//! chooses, headings that match, footnotes everywhere, ô 12, warnings for
//! input that is not used as written.

use crate::common;
use crate::common::Edit;

use common::*;

/// A body paragraph whose filler pushes each token in turn to the end of a
/// line: wherever the line breaks, every token stays whole on one line.
#[test]
fn symbols_dates_and_percentages_never_split_across_lines() {
    let tokens = [
        "1015/QĐ-UBND",
        "2310/STTTT-CĐS",
        "107/2021/NĐ-CP",
        "23/6/2022",
        "UBND-KSTT",
        "48,76%",
    ];
    let mut moved = 0;
    for n in 0..16 {
        let filler = vec!["mười"; n].join(" ");
        let body = format!(
            "Thực hiện {filler} Quyết định số 1015/QĐ-UBND của Chủ tịch, Công văn số 2310/STTTT-CĐS của Sở, Nghị định số 107/2021/NĐ-CP ngày 23/6/2022 và Công văn số UBND-KSTT, đạt tỷ lệ 48,76% kế hoạch."
        );
        let toml = MINIMAL.edit(
            "Thực hiện Nghị quyết số 01/NQ-CP ngày 05/01/2024 của Chính phủ.",
            &body,
        );
        let layout = Layout::of(&compile_str(&toml));
        let lines = layout.lines();
        for t in tokens {
            assert!(
                lines.iter().any(|l| l.contains(t)),
                "{t} split (filler {n}): {lines:#?}"
            );
        }
        // The test only means something if tokens do reach line ends.
        moved += lines
            .iter()
            .filter(|l| tokens.iter().any(|t| l.starts_with(t)))
            .count();
    }
    assert!(moved >= 3, "tokens started a line only {moved} times");
}

/// MINIMAL with `tables` (TOML tables: notes, tasks, appendices) added.
fn with_tables(tables: &str) -> String {
    MINIMAL.edit("[co_quan]\n", &format!("{tables}\n[co_quan]\n"))
}

fn example_layout(name: &str) -> Layout {
    let doc = vanban::pipeline::lay_out_file(&vanban::Compiler::new(), &common::example(name))
        .unwrap_or_else(|e| panic!("{e}"));
    Layout::of(&doc)
}

/// The lines of the centred block that starts with `first` and ends with
/// the line containing `last`.
fn block_lines(layout: &Layout, first: &str, last: &str) -> Vec<String> {
    let lines = layout.lines();
    let start = lines.iter().position(|l| l.starts_with(first)).unwrap();
    let end = start
        + lines[start..]
            .iter()
            .position(|l| l.contains(last))
            .unwrap();
    lines[start..=end].to_vec()
}

#[test]
fn a_title_given_as_one_string_is_balanced_and_a_list_keeps_its_lines() {
    // One string that wraps onto a last line of one word at full width.
    let toml = MINIMAL.edit(
        r#"trich_yeu = "triển khai Chỉ thị số 16/CT-TTg""#,
        r#"loai = "ke_hoach"
trich_yeu = "Thực hiện chuyển đổi số, phát triển chính quyền số trên địa bàn tỉnh năm 2024 và định hướng đến năm 2025 của tỉnh""#,
    )
    .edit("ky_hieu = \"UBND-KSTT\"", "ky_hieu = \"KH-UBND\"")
    .edit("kinh_gui = [\"Công an tỉnh\", \"Các sở, ban, ngành tỉnh\"]\n", "");
    let layout = Layout::of(&compile_str(&toml));
    let lines = block_lines(&layout, "Thực hiện chuyển đổi số", "của tỉnh");
    assert!(lines.len() >= 2, "{lines:?}");
    for l in &lines {
        assert!(
            l.split_whitespace().count() >= 4,
            "a short line: {lines:#?}"
        );
    }
    let widths: Vec<f64> = lines
        .iter()
        .map(|l| {
            let first = l.split_whitespace().next().unwrap();
            let runs: Vec<&TextRun> = layout
                .runs
                .iter()
                .filter(|r| r.bold() && r.size == 14.0 && l.contains(r.text.trim()))
                .collect();
            let _ = first;
            runs.iter().map(|r| r.right()).fold(0.0, f64::max)
                - runs.iter().map(|r| r.x).fold(f64::MAX, f64::min)
        })
        .collect();
    let (min, max) = widths
        .iter()
        .fold((f64::MAX, 0.0_f64), |(a, b), w| (a.min(*w), b.max(*w)));
    assert!(
        min > 0.6 * max,
        "lines of uneven length: {widths:?} {lines:#?}"
    );

    // The clerk's own lines are kept exactly.
    let layout = example_layout("cong-van-trich-dan.toml");
    let lines = block_lines(
        &layout,
        "V/v triển khai Quyết định",
        "của Chủ tịch UBND tỉnh",
    );
    assert_eq!(
        lines,
        [
            "V/v triển khai Quyết định",
            "số 1015/QĐ-UBND ngày 12/5/2023",
            "của Chủ tịch UBND tỉnh"
        ]
    );
}

#[test]
fn sibling_items_look_alike_and_marks_decide() {
    let layout = example_layout("cong-van-chu-thich.toml");
    // "1." and "2." are marked "# "; "3. Nhiệm vụ năm 2024" has no full
    // stop; all three bold, and the "#" is not printed.
    for heading in [
        "1. Kết quả đạt được",
        "2. Tồn tại, hạn chế",
        "3. Nhiệm vụ năm 2024",
    ] {
        let run = layout.run(heading);
        assert!(run.bold(), "{heading} not bold");
    }
    assert!(!layout.all_text().contains("# 1."));
}

#[test]
fn footnotes_number_on_from_the_letter_into_the_appendix() {
    let layout = example_layout("cong-van-chu-thich.toml");
    let appendix = layout.run("Phụ lục").page;
    // Notes at the foot of the page that cites them, in one sequence.
    let note = |start: &str| -> &TextRun { layout.run_starting(start) };
    let letter_note = note("Nghị quyết số 12-NQ/TU ngày 05/01/2023 của Ban");
    assert!(letter_note.page < appendix && letter_note.size == 12.0);
    let header_note = note("Số ước thực hiện");
    let cell_note = layout
        .runs
        .iter()
        .filter(|r| r.text.starts_with("Số liệu tổng hợp đến ngày 31/12/2023"))
        .map(|r| r.page)
        .collect::<Vec<_>>();
    let table_note = note("Tính theo Thông tư");
    assert_eq!(header_note.page, appendix);
    assert_eq!(table_note.page, appendix);
    // Cited in the letter and again in a cell: one note, printed once.
    assert_eq!(cell_note.len(), 1, "printed once");
    assert!(cell_note[0] < appendix);
    // Each entry starts with its number: 1–2 in the letter, 3–4 in the appendix.
    let marks_before = |entry: &TextRun| -> Vec<String> {
        layout
            .runs
            .iter()
            .filter(|r| {
                r.page == entry.page
                    && (r.y - entry.y).abs() < 6.0
                    && r.right() <= entry.x + 0.5
                    && r.x >= entry.x - 12.0
            })
            .map(|r| r.text.clone())
            .collect()
    };
    assert_eq!(marks_before(letter_note), ["1"]);
    assert_eq!(marks_before(header_note), ["3"]);
    assert_eq!(marks_before(table_note), ["4"], "{table_note:?}");
    // The cell citing note 2 again carries its number, small and raised.
    let again = layout
        .runs
        .iter()
        .filter(|v| v.text == "Vượt")
        .find_map(|v| {
            layout
                .runs
                .iter()
                .find(|r| r.page == v.page && r.text == "2" && (r.x - v.right()).abs() < 1.0)
                .map(|r| (v, r))
        });
    let (vuot, mark) = again.expect("the repeated mark after \"Vượt\"");
    assert!(mark.size < vuot.size && mark.y < vuot.y);
    // The note under the table: the table's 11 pt, italic, the mark inside it.
    let under = layout.run_starting("Số liệu ngành giáo dục");
    assert!(under.size == 11.0 && under.italic, "{under:?}");
}

#[test]
fn o_12_sits_under_noi_nhan_in_11_pt() {
    let layout = example_layout("cong-van-trich-dan.toml");
    let o12 = layout.run("NVH.(25)");
    let luu = layout.run("- Lưu: VT, CĐS.");
    assert_eq!(o12.size, 11.0);
    assert!(!o12.bold() && !o12.italic);
    assert!(o12.page == luu.page && o12.y > luu.y && (o12.x - luu.x).abs() < 0.5);
}

#[test]
fn kem_theo_writes_the_date_in_figures_when_asked() {
    let layout = example_layout("cong-van-chu-thich.toml");
    assert!(
        layout
            .all_text()
            .contains("(Kèm theo Công văn số 845/UBND-VX ngày 15/3/2024 của UBND tỉnh)"),
        "{}",
        layout.all_text()
    );
}

#[test]
fn numbers_right_aligned_when_asked_and_short_text_centred() {
    let layout = example_layout("bao-cao.toml");
    let rights: Vec<f64> = ["38.214", "41.020", "46.196", "125.430"]
        .iter()
        .map(|t| layout.run(t).right())
        .collect();
    assert!(
        rights.iter().all(|r| (r - rights[0]).abs() < 0.5),
        "right edges {rights:?}"
    );
    // The STT column written as a table ({ ma = "stt" }) is numbered.
    for n in ["1", "2", "3"] {
        assert!(layout.runs.iter().any(|r| r.text == n && r.page == 2));
    }
    let tinh = layout.run("Cấp tỉnh");
    let huyen = layout.run("Cấp huyện");
    assert!(
        (tinh.center() - huyen.center()).abs() < 0.5,
        "short text centred"
    );
}

#[test]
fn unused_input_is_warned_and_strict_mode_refuses_it() {
    let toml = format!("{MINIMAL}\n[chu_thich]\nthua = \"Không ai dẫn chú thích này.\"\n");
    let (dir, path) = write_toml(&toml);
    let run = |strict: bool| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"));
        cmd.arg("render").arg(&path);
        if strict {
            cmd.arg("--nghiem");
        }
        cmd.output().unwrap()
    };
    let out = run(true);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("lỗi: ") && err.contains("van-ban.toml:") && err.contains("`chu_thich.thua`"),
        "{err}"
    );
    assert!(!dir.path().join("van-ban.pdf").exists());

    let out = run(false);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("cảnh báo: ")
            && err.contains("`chu_thich.thua`")
            && err.contains("không được dẫn")
            && err.contains("gợi ý:"),
        "{err}"
    );
    assert!(dir.path().join("van-ban.pdf").exists());
}

#[test]
fn a_tasks_footnote_in_the_task_table_is_a_real_footnote() {
    let toml = with_tables(
        r#"[chu_thich]
cv = "Công văn số 221/VPCP-KSTT ngày 10/01/2024 của Văn phòng Chính phủ."

[[nhiem_vu]]
noi_dung = "Rà soát thủ tục hành chính theo hướng dẫn[^cv]."
chu_tri = "Sở Tư pháp"

[[phu_luc]]
tieu_de = "Danh mục nhiệm vụ"
kem_theo = false

[phu_luc.nhiem_vu]
cot = ["stt", "noi_dung", "chu_tri"]
"#,
    );
    let layout = Layout::of(&compile_str(&toml));
    let cell = layout.run_starting("Rà soát thủ tục hành chính theo hướng dẫn");
    assert!(
        !layout.all_text().contains("hướng dẫn (Công văn"),
        "inlined"
    );
    let note = layout.run_starting("Công văn số 221/VPCP-KSTT");
    assert!(note.page == cell.page && note.y > cell.y + 100.0 && note.size == 12.0);
}

#[test]
fn a_group_header_cites_a_footnote_and_bold_in_it_is_warned() {
    let toml = with_tables(
        r#"[chu_thich]
ky = "Kỳ báo cáo từ 01/01 đến 30/6."

[[phu_luc]]
tieu_de = "Số liệu"
kem_theo = false

[[phu_luc.bang]]
cot = ["stt", { nhom = "Kết quả **6 tháng**[^ky]", cot = [{ ma = "a", tieu_de = "Số hồ sơ", kieu = "so" }] }]
dong = [{ a = 5 }]
"#,
    );
    let (_dir, path) = write_toml(&toml);
    let loaded = vanban::load::load_file(&path).unwrap();
    assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
    assert!(
        loaded.warnings[0]
            .message
            .contains("dấu ** (in đậm) không có tác dụng")
    );
    assert_eq!(
        loaded.warnings[0].field.as_deref(),
        Some("phu_luc[0].bang[0].cot[1].nhom")
    );
    let layout = Layout::of(
        &vanban::Compiler::new()
            .compile(&vanban::render::van_ban(&loaded.van_ban))
            .unwrap(),
    );
    let header = layout.run("Kết quả 6 tháng");
    assert!(header.bold());
    let note = layout.run_starting("Kỳ báo cáo từ 01/01 đến 30/6.");
    assert!(note.page == header.page && note.y > header.y);
}

#[test]
fn a_long_chuc_vu_wraps_into_even_lines_and_a_list_keeps_its_lines() {
    // The signature column's lines (it starts at 45 % of the text width,
    // x ≈ 295 pt): its bold 14 pt runs, by baseline.
    let signature = |toml: &str| -> Vec<String> {
        let layout = Layout::of(&compile_str(toml));
        let mut runs: Vec<&TextRun> = layout
            .runs
            .iter()
            .filter(|r| r.bold() && r.size == 14.0 && r.x > 290.0)
            .collect();
        runs.sort_by(|a, b| (a.page, a.y, a.x).partial_cmp(&(b.page, b.y, b.x)).unwrap());
        let mut lines: Vec<(f64, String)> = Vec::new();
        for r in runs {
            match lines.last_mut() {
                Some((y, t)) if (r.y - *y).abs() < 0.5 => t.push_str(&r.text),
                _ => lines.push((r.y, r.text.clone())),
            }
        }
        lines.into_iter().map(|(_, t)| collapse(&t)).collect()
    };
    let one = MINIMAL.edit(
        r#"chuc_vu = "PHÓ CHỦ TỊCH""#,
        r#"chuc_vu = "PHÓ GIÁM ĐỐC PHỤ TRÁCH CÔNG TÁC CẢI CÁCH HÀNH CHÍNH VÀ CHUYỂN ĐỔI SỐ""#,
    );
    let lines = signature(&one);
    let title: Vec<&String> = lines
        .iter()
        .filter(|l| !l.starts_with("KT.") && !l.starts_with("Trần"))
        .collect();
    assert!(title.len() >= 2, "{lines:?}");
    for l in &title {
        assert!(
            l.split_whitespace().count() >= 4,
            "a short line: {lines:#?}"
        );
    }
    let list = MINIMAL.edit(
        r#"chuc_vu = "PHÓ CHỦ TỊCH""#,
        r#"chuc_vu = ["PHÓ GIÁM ĐỐC", "PHỤ TRÁCH CẢI CÁCH HÀNH CHÍNH"]"#,
    );
    assert_eq!(
        signature(&list),
        [
            "KT. CHỦ TỊCH",
            "PHÓ GIÁM ĐỐC",
            "PHỤ TRÁCH CẢI CÁCH HÀNH CHÍNH",
            "Trần Văn Chiến"
        ]
    );
}
