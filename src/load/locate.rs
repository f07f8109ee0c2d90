//! Where in the clerk's files a character was typed. The fonts' check sees
//! only the data laid out; a clerk needs the line to fix.

use std::ops::Range;
use std::path::Path;

use toml::de::{DeTable, DeValue};

use super::Value;
use crate::error::{Diagnostic, Error, GLYPH_HINT};

/// Turns [`Error::Glyphs`] into an error at each character's first place in
/// the document `path` whose text is `text` (with its field) or else in one
/// of `data_files`; the error stays as it is when a character is found in
/// neither (a workbook, a units directory).
pub fn locate(error: Error, path: &Path, text: &str, data_files: &[&Path]) -> Error {
    let Error::Glyphs { family, missing } = &error else {
        return error;
    };
    let mut diags = Vec::new();
    for &c in missing {
        let message = format!("phông {family} không có ký tự «{c}» (U+{:04X})", c as u32);
        let found = place_of(text, &c.to_string())
            .map(|(span, field)| Diagnostic::at(path, text, span, &message).field(field))
            .or_else(|| data_files.iter().find_map(|f| in_text_file(f, c, &message)));
        match found {
            Some(d) => diags.push(d.hint(GLYPH_HINT)),
            None => return error,
        }
    }
    Error::Input(diags)
}

/// Where `needle` is first written in the TOML `text`: its span (the
/// needle itself when written as is, else the whole value holding it) and
/// the field holding it (`noi_nhan[2]`).
pub fn place_of(text: &str, needle: &str) -> Option<(Range<usize>, String)> {
    let root = DeTable::parse(text).ok()?;
    let (span, field) = in_table(root.get_ref(), "", needle)?;
    let span = match text[span.clone()].find(needle) {
        Some(at) => span.start + at..span.start + at + needle.len(),
        None => span,
    };
    Some((span, field))
}

fn in_table(table: &DeTable<'_>, prefix: &str, needle: &str) -> Option<(Range<usize>, String)> {
    table.iter().find_map(|(key, v)| {
        let field = if prefix.is_empty() {
            key.get_ref().to_string()
        } else {
            format!("{prefix}.{}", key.get_ref())
        };
        in_value(v, field, needle)
    })
}

fn in_value(v: &Value<'_>, field: String, needle: &str) -> Option<(Range<usize>, String)> {
    match v.get_ref() {
        DeValue::String(s) if s.contains(needle) => Some((v.span(), field)),
        DeValue::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| in_value(item, format!("{field}[{i}]"), needle)),
        DeValue::Table(t) => in_table(t, &field, needle),
        _ => None,
    }
}

/// A CSV (or other text) data file: the line and column.
fn in_text_file(path: &Path, c: char, message: &str) -> Option<Diagnostic> {
    let bytes = crate::input::read(path, crate::input::SO_LIEU_TOI_DA).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let at = text.find(c)?;
    Some(Diagnostic::at(path, &text, at..at + c.len_utf8(), message))
}

/// The span in `text` (a TOML document) of the value at `field`, a path as
/// messages write it: `noi_nhan[2]`, `chu_ky.chuc_vu`, `muc[1].noi_dung`.
/// When `words` are given and written as is inside that value, their span.
/// `None` when the field is not in the text (a default, a batch's filled
/// value). `root` is `text` parsed, once for all the fields asked about.
pub fn field_span(
    root: &DeTable<'_>,
    text: &str,
    field: &str,
    words: Option<&str>,
) -> Option<Range<usize>> {
    let mut table = root;
    let mut found: Option<&Value<'_>> = None;
    for segment in field.split('.') {
        let (name, index) = match segment.split_once('[') {
            Some((name, rest)) => (name, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (segment, None),
        };
        if let Some(v) = found {
            let DeValue::Table(t) = v.get_ref() else {
                return None;
            };
            table = t;
        }
        let mut v = table
            .iter()
            .find(|(k, _)| k.get_ref() == name)
            .map(|(_, v)| v)?;
        if let Some(i) = index {
            match v.get_ref() {
                DeValue::Array(items) => v = items.get(i)?,
                // One string where a list may stand: its item 0.
                _ if i == 0 => {}
                _ => return None,
            }
        }
        found = Some(v);
    }
    let span = found?.span();
    let inside = words
        .and_then(|w| text.get(span.clone())?.find(w).map(|at| (at, w.len())))
        .map(|(at, len)| span.start + at..span.start + at + len);
    Some(inside.unwrap_or(span))
}
