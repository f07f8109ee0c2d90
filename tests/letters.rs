//! Real letters (issue 12): symbols never split, line breaks the clerk
//! chooses, headings that match, footnotes everywhere, ô 12, warnings for
//! input that is not used as written.

mod common;

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
        let toml = MINIMAL.replace(
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
