//! "Did you mean": loose comparison of keys, codes and names a clerk types
//! (diacritics, case and separators aside) and the nearest known one.

use unicode_normalization::UnicodeNormalization;

/// Folds a key or label for loose comparison: no diacritics, lower case,
/// separators as "_" ("Trích yếu" → "trich_yeu", "TỐI MẬT" → "toi_mat").
pub fn fold(s: &str) -> String {
    let mut out = String::new();
    for c in s.nfd() {
        match c {
            'đ' | 'Đ' => out.push('d'),
            c if c.is_ascii_alphanumeric() => out.push(c.to_ascii_lowercase()),
            c if unicode_normalization::char::is_combining_mark(c) => {}
            c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ => {
                if !out.ends_with('_') {
                    out.push('_');
                }
            }
        }
    }
    out.trim_matches('_').to_string()
}

pub fn suggest<'a>(key: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let folded = fold(key);
    if let Some(exact) = allowed.iter().find(|a| **a == folded) {
        return Some(exact);
    }
    allowed
        .iter()
        .map(|a| (strsim::levenshtein(&folded, a), *a))
        .filter(|(d, a)| *d <= (a.len() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, a)| a)
}
