//! Headings (đề mục) of the body: what a paragraph's start says about it
//! (its list marker), and the rule that items of one list look alike.

use std::collections::HashMap;

use crate::model::{CapSoMuc, SoMuc, ViSao};
use crate::so::{parse_roman, thu_tu_chu_cai};

/// Whether `line` starts a new paragraph of its own (a list marker, or a
/// heading mark and one).
pub fn starts_item(line: &str) -> bool {
    let line = line
        .strip_prefix("# ")
        .map(str::trim_start)
        .or_else(|| line.strip_prefix('\\'))
        .unwrap_or(line);
    marker(line).is_some()
}

/// The list marker `line` starts with and the length it takes, the space
/// after it included: "I. ", "1. ", "1.1. ", "a) " (any lower-case Latin
/// letter or đ), "- ", "+ ".
pub(super) fn marker(line: &str) -> Option<(SoMuc, usize)> {
    if line.starts_with("- ") || line.starts_with("+ ") {
        let so_muc = SoMuc {
            cap: CapSoMuc::Gach,
            thu_tu: None,
            nhan: line[..1].to_string(),
        };
        return Some((so_muc, 2));
    }
    if let Some((levels, last, len)) = arabic_number(line) {
        let so_muc = SoMuc {
            cap: CapSoMuc::So(levels),
            thu_tu: Some(last),
            nhan: line[..len - 1].to_string(),
        };
        return Some((so_muc, len));
    }
    if let Some((c, len)) = letter_item(line) {
        let so_muc = SoMuc {
            cap: CapSoMuc::Chu,
            thu_tu: thu_tu_chu_cai(c),
            nhan: line[..len - 1].to_string(),
        };
        return Some((so_muc, len));
    }
    let numeral_len = line.bytes().take_while(|b| b"IVXL".contains(b)).count();
    if numeral_len > 0 && line[numeral_len..].starts_with(". ") {
        let n = parse_roman(&line[..numeral_len])?;
        let so_muc = SoMuc {
            cap: CapSoMuc::LaMa,
            thu_tu: Some(n),
            nhan: line[..numeral_len + 1].to_string(),
        };
        return Some((so_muc, numeral_len + 2));
    }
    None
}

/// A leading "1. " / "1.1. " / "1.1.2. ": its levels, its last number and
/// its length with the space.
fn arabic_number(line: &str) -> Option<(usize, u32, usize)> {
    let bytes = line.as_bytes();
    let mut i = 0;
    let mut levels = 0;
    loop {
        let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 || digits > 3 || bytes.get(i + digits) != Some(&b'.') {
            return None;
        }
        let n = line[i..i + digits].parse().ok()?;
        levels += 1;
        i += digits + 1;
        if bytes.get(i) == Some(&b' ') {
            return Some((levels, n, i + 1));
        }
    }
}

/// "a) ", "đ) ": one lower-case letter, ")" and a space.
fn letter_item(line: &str) -> Option<(char, usize)> {
    let mut chars = line.chars();
    match (chars.next(), chars.next(), chars.next()) {
        (Some(c @ ('a'..='z' | 'đ')), Some(')'), Some(' ')) => Some((c, c.len_utf8() + 2)),
        _ => None,
    }
}

/// "Phần I", "Chương II", "Mục 1", "Tiểu mục 1", "Điều 5." at a
/// paragraph's start: a division of the document, which ends the lists
/// before it (only at a paragraph's start: "Mục 1" may open a sentence
/// line in running text).
fn division(line: &str) -> Option<(SoMuc, usize)> {
    let (word, rest) = ["Phần ", "Chương ", "Tiểu mục ", "Mục ", "Điều "]
        .iter()
        .find_map(|w| Some((*w, line.strip_prefix(w)?)))?;
    let len = rest
        .char_indices()
        .find(|(_, c)| !c.is_ascii_alphanumeric())
        .map_or(rest.len(), |(i, _)| i);
    let so = &rest[..len];
    let thu_tu = if so.bytes().all(|b| b.is_ascii_digit()) {
        so.parse().ok()
    } else {
        parse_roman(so)
    }?;
    let after = &rest[len..];
    let tail = if word == "Điều " {
        after.strip_prefix('.')?
    } else {
        after
    };
    if !(tail.is_empty() || tail.starts_with(' ')) {
        return None;
    }
    let end = line.len() - tail.len();
    let so_muc = SoMuc {
        cap: CapSoMuc::PhanChia,
        thu_tu: Some(thu_tu),
        nhan: line[..end].to_string(),
    };
    Some((so_muc, end + usize::from(!tail.is_empty())))
}

/// What a paragraph's start says about it being a heading.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Mark {
    pub so_muc: Option<SoMuc>,
    /// `Some` when the clerk said so ("# " or "\\").
    explicit: Option<bool>,
    /// What the number and punctuation suggest.
    guessed: bool,
}

impl Mark {
    /// Its list depth (I. = 0, 1. = 1, …, a) = 9), `None` for a dash item
    /// or a paragraph without a number.
    fn level(&self) -> Option<usize> {
        self.so_muc.as_ref().and_then(|m| m.cap.sau())
    }
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
    let found = marker(body).or_else(|| division(body));
    let guessed = match &found {
        Some((m, len)) if m.cap == CapSoMuc::LaMa => !body[*len..].trim().is_empty(),
        Some((m, len)) if matches!(m.cap, CapSoMuc::So(_)) => {
            let title = body[*len..].trim();
            let ends_in_punctuation = title.ends_with(['.', ':', ';', '!', '?', ',', '…']);
            !title.is_empty() && !ends_in_punctuation && !title.contains("[^")
        }
        _ => false,
    };
    let mark = Mark {
        so_muc: found.map(|(m, _)| m),
        explicit,
        guessed,
    };
    (mark, start)
}

/// Which paragraphs are headings, and why: the clerk's mark wins; otherwise
/// a numbered item is one when its own text says so, or when a sibling's
/// does (same level, same list, no item of a higher level between).
pub(super) fn headings(marks: &[Mark]) -> Vec<(bool, ViSao)> {
    // The list each numbered paragraph belongs to, as the index of its first item.
    let mut list_of = vec![None; marks.len()];
    let mut open: Vec<(usize, usize)> = Vec::new(); // (level, first item)
    for (i, m) in marks.iter().enumerate() {
        if m.so_muc.as_ref().is_some_and(|s| s.cap == CapSoMuc::PhanChia) {
            open.clear();
            continue;
        }
        let Some(level) = m.level() else { continue };
        open.retain(|&(l, _)| l <= level);
        match open.last() {
            Some(&(l, first)) if l == level => list_of[i] = Some(first),
            _ => {
                open.push((level, i));
                list_of[i] = Some(i);
            }
        }
    }
    // Each list that has a heading, and the first item that made it one.
    let mut heading_lists: HashMap<usize, usize> = HashMap::new();
    for (i, (m, list)) in marks.iter().zip(&list_of).enumerate() {
        if let Some(list) = list
            && m.explicit.unwrap_or(m.guessed)
        {
            heading_lists.entry(*list).or_insert(i);
        }
    }
    marks
        .iter()
        .zip(&list_of)
        .map(|(m, list)| match (m.explicit, m.guessed) {
            (Some(h), _) => (h, ViSao::Danh),
            (None, true) => (true, ViSao::TuChu),
            (None, false) => match list.and_then(|l| heading_lists.get(&l)) {
                Some(&by) => (true, ViSao::CungCap(by)),
                None => (false, ViSao::TuChu),
            },
        })
        .collect()
}
