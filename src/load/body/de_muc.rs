//! Headings (đề mục) of the body: what a paragraph's start says about it,
//! and the rule that items of one list look alike.

use std::collections::HashSet;

pub(super) fn starts_item(line: &str) -> bool {
    let line = line
        .strip_prefix("# ")
        .map(str::trim_start)
        .or_else(|| line.strip_prefix('\\'))
        .unwrap_or(line);
    line.starts_with("- ")
        || line.starts_with("+ ")
        || arabic_number(line).is_some()
        || letter_item(line)
        || roman_number(line).is_some()
}

/// Length of a leading "1. " / "1.1. " / "1.1.2. " including the space.
fn arabic_number(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut i = 0;
    loop {
        let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 || digits > 3 || bytes.get(i + digits) != Some(&b'.') {
            return None;
        }
        i += digits + 1;
        if bytes.get(i) == Some(&b' ') {
            return Some(i + 1);
        }
    }
}

/// "a) ", "đ) ": one lower-case Vietnamese letter, ")" and a space.
fn letter_item(line: &str) -> bool {
    let mut chars = line.chars();
    matches!(
        (chars.next(), chars.next(), chars.next()),
        (Some('a'..='z' | 'đ'), Some(')'), Some(' '))
    )
}

fn roman_number(line: &str) -> Option<usize> {
    let numeral_len = line.bytes().take_while(|b| b"IVXL".contains(b)).count();
    if numeral_len == 0 || !line[numeral_len..].starts_with(". ") {
        return None;
    }
    let numeral = &line[..numeral_len];
    (1..=50)
        .any(|n| crate::so::roman(n) == numeral)
        .then_some(numeral_len + 2)
}

/// What a paragraph's start says about it being a heading.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Mark {
    /// The list level of its number (I. = 0, 1. = 1, 1.1. = 2, …, a) = 9),
    /// `None` for a dash item or a paragraph without a number.
    level: Option<usize>,
    /// `Some` when the clerk said so ("# " or "\\").
    explicit: Option<bool>,
    /// What the number and punctuation suggest.
    guessed: bool,
}

/// The paragraph's mark and where its printed text starts (after "# " or "\\").
pub(super) fn heading_mark(text: &str) -> (Mark, usize) {
    let (explicit, start) = if let Some(rest) = text.strip_prefix("# ") {
        (Some(true), text.len() - rest.trim_start().len())
    } else if text.starts_with('\\')
        && !text.starts_with("\\\\")
        && !text.starts_with("\\*")
        && !text.starts_with("\\[")
    {
        (Some(false), 1)
    } else {
        (None, 0)
    };
    let body = &text[start..];
    let mut mark = Mark {
        level: None,
        explicit,
        guessed: false,
    };
    if let Some(len) = roman_number(body) {
        mark.level = Some(0);
        mark.guessed = !body[len..].trim().is_empty();
    } else if let Some(len) = arabic_number(body) {
        mark.level = Some(body[..len].matches('.').count());
        let title = body[len..].trim();
        let ends_in_punctuation = title.ends_with(['.', ':', ';', '!', '?', ',', '…']);
        mark.guessed = !title.is_empty() && !ends_in_punctuation && !title.contains("[^");
    } else if letter_item(body) {
        mark.level = Some(9);
    }
    (mark, start)
}

/// Which paragraphs are headings: the clerk's mark wins; otherwise a
/// numbered item is one when it or any sibling (same level, same list, no
/// item of a higher level between) is.
pub(super) fn headings(marks: &[Mark]) -> Vec<bool> {
    // The list each numbered paragraph belongs to, as the index of its first item.
    let mut list_of = vec![None; marks.len()];
    let mut open: Vec<(usize, usize)> = Vec::new(); // (level, first item)
    for (i, m) in marks.iter().enumerate() {
        let Some(level) = m.level else { continue };
        open.retain(|&(l, _)| l <= level);
        match open.last() {
            Some(&(l, first)) if l == level => list_of[i] = Some(first),
            _ => {
                open.push((level, i));
                list_of[i] = Some(i);
            }
        }
    }
    let is_heading = |m: &Mark| m.explicit.unwrap_or(m.guessed);
    let mut heading_lists = HashSet::new();
    for (m, list) in marks.iter().zip(&list_of) {
        if let Some(list) = list
            && is_heading(m)
        {
            heading_lists.insert(*list);
        }
    }
    marks
        .iter()
        .zip(&list_of)
        .map(|(m, list)| {
            m.explicit
                .unwrap_or_else(|| m.guessed || list.is_some_and(|l| heading_lists.contains(&l)))
        })
        .collect()
}
