//! Abbreviations spelled out at first use: "thủ tục hành chính (TTHC)"
//! before "TTHC" alone, except those every reader knows (`data/viet_tat.toml`).

use std::sync::LazyLock;

use super::{Doan, PhatHien};
use crate::model::QuyTac;

const SOURCE: &str = include_str!("../../data/viet_tat.toml");

static BIET_CHUNG: LazyLock<Vec<String>> = LazyLock::new(|| {
    #[derive(serde::Deserialize)]
    struct File {
        biet_chung: Vec<String>,
    }
    // Compiled in and checked by `the_known_list_reads`.
    toml::from_str::<File>(SOURCE).map_or_else(|_| Vec::new(), |f| f.biet_chung)
});

pub(super) fn kiem_tra(doan: &[Doan], out: &mut Vec<PhatHien>) {
    let mut defined: Vec<String> = BIET_CHUNG.clone();
    for d in doan {
        if mostly_upper(&d.loi_van) {
            continue; // a heading in capitals is words, not abbreviations
        }
        for (word, in_brackets) in words(&d.loi_van) {
            if defined.iter().any(|w| w == word) {
                continue;
            }
            defined.push(word.to_string());
            if !in_brackets {
                out.push(
                    PhatHien::new(
                        QuyTac::VietTatChuaGiaiThich,
                        d.truong.clone(),
                        format!("chữ viết tắt {word} được dùng trước khi viết đầy đủ"),
                        "ở lần dùng đầu, viết đầy đủ rồi ghi chữ viết tắt trong ngoặc, ví dụ \"thủ tục hành chính (TTHC)\"",
                    )
                    .tai(word),
                );
            }
        }
    }
}

/// Abbreviations in `text` (two or more capitals, standing alone: not part
/// of a symbol such as 01/NQ-CP, not a Roman numeral), each with whether
/// it is the whole content of brackets, i.e. being defined there.
fn words(text: &str) -> Vec<(&str, bool)> {
    text.split_whitespace()
        .filter_map(|raw| {
            let in_brackets =
                raw.starts_with('(') && raw.trim_end_matches([',', '.', ';', ':']).ends_with(')');
            let word = raw.trim_matches(|c: char| "(),.;:\"“”'".contains(c));
            let letters = word.chars().count();
            let is_abbreviation = (2..=10).contains(&letters)
                && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
                && word.chars().filter(|c| c.is_uppercase()).count() >= 2
                && !word.chars().all(|c| "IVXLC".contains(c));
            is_abbreviation.then_some((word, in_brackets))
        })
        .collect()
}

pub(super) fn mostly_upper(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    !letters.is_empty() && upper * 2 > letters.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_known_list_reads() {
        assert!(BIET_CHUNG.contains(&"UBND".to_string()));
    }

    #[test]
    fn abbreviations_are_found_outside_symbols() {
        assert_eq!(
            words("thủ tục hành chính (TTHC) theo Nghị quyết số 01/NQ-CP, mục II và TTHC."),
            [("TTHC", true), ("TTHC", false)]
        );
    }
}
