//! A CSV file: UTF-8 with or without its mark, "," or ";" between cells,
//! every row as wide as the header.

use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use super::{BangTho, DongTho, OTho, split_header};
use crate::error::Diagnostic;

pub(super) fn read_csv(path: &Path) -> Result<BangTho, Box<Diagnostic>> {
    let bytes = crate::input::read(path, crate::input::SO_LIEU_TOI_DA)?;
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t,
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1;
            return Err(Box::new(
                Diagnostic::file(path, format!("dòng {line}: tệp không phải văn bản UTF-8"))
                    .hint("trong Excel: Lưu thành… → CSV UTF-8 (phân cách bằng dấu phẩy)"),
            ));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Excel in a Vietnamese locale separates with ";" since "," is the decimal mark.
    let first = text.lines().next().unwrap_or_default();
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    if let Some(line) = open_quote(text) {
        return Err(Box::new(
            Diagnostic::file(
                path,
                format!(
                    "dòng {line}: một ô có dấu nháy kép \" chưa đóng, các dòng sau bị gộp vào ô đó"
                ),
            )
            .hint("đóng dấu nháy kép trong ô, hoặc xóa dấu nháy lẻ"),
        ));
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut width = None;
    // Lines counted so far, up to which byte: each record's line is counted
    // on from the last one's (counting from the start made a long file
    // quadratic: 10,000 rows cost most of a second).
    let mut counted = (0, 1);
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            // The reader's own messages are English; the line is what helps.
            Diagnostic::file(
                path,
                format!("dòng {line}: không đọc được dòng này của tệp CSV"),
            )
        })?;
        // The line the record's text starts on, which is the row Excel
        // shows. The reader's own count is off after CRLF line ends: it
        // places a record at the "\n" before it, and skips blank lines.
        let line = record.position().map_or(0, |p| {
            let bytes = text.as_bytes();
            let mut at = (p.byte() as usize).min(bytes.len());
            while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
                at += 1;
            }
            let (from, lines) = counted;
            let at = at.max(from);
            counted = (
                at,
                lines + bytes[from..at].iter().filter(|b| **b == b'\n').count(),
            );
            counted.1
        });
        check_shape(path, &record, line, delimiter, &mut width)?;
        let cells: Vec<OTho> = record
            .iter()
            .map(|c| {
                let c = c.trim();
                if c.is_empty() {
                    OTho::Trong
                } else {
                    OTho::Chu(c.nfc().collect())
                }
            })
            .collect();
        rows.push(DongTho { so: line, o: cells });
    }
    split_header(path, None, rows)
}

/// The line of a quote left open at the end of the file, if one is:
/// quotes pair up (an escaped one is doubled, so it pairs with itself), and
/// an unpaired one would read every row after it into one cell.
fn open_quote(text: &str) -> Option<usize> {
    let mut open = None;
    for (i, b) in text.bytes().enumerate() {
        if b == b'"' {
            open = if open.is_some() { None } else { Some(i) };
        }
    }
    open.map(|at| {
        text.as_bytes()[..at]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1
    })
}

/// Every row has as many cells as the first (the header): a row with more
/// or fewer is a mistake to show, not to guess at.
fn check_shape(
    path: &Path,
    record: &csv::StringRecord,
    line: usize,
    delimiter: u8,
    width: &mut Option<usize>,
) -> Result<(), Box<Diagnostic>> {
    let sep = char::from(delimiter);
    let n = record.len();
    // A line of only separators (",,,") is blank, whatever its length.
    if record.iter().all(|c| c.trim().is_empty()) {
        return Ok(());
    }
    match *width {
        None => *width = Some(n),
        Some(w) if w != n => {
            return Err(Box::new(
                Diagnostic::file(
                    path,
                    format!("dòng {line} có {n} ô, dòng tiêu đề có {w} ô"),
                )
                .hint(format!(
                    "mỗi dòng cần đúng {w} ô ngăn cách bằng \"{sep}\"; ô có dấu \"{sep}\" trong chữ thì đặt trong dấu nháy kép"
                )),
            ));
        }
        Some(_) => {}
    }
    Ok(())
}

