//! Table data from a CSV file or an XLSX sheet: a header row, then rows of
//! cells that remember where they came from, for messages like
//! "trang tính 'NQ01', ô D7".

use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use unicode_normalization::UnicodeNormalization;

use std::sync::Arc;

use crate::error::{Diagnostic, io_reason};
use crate::so;

mod csv;
mod xlsx;

use self::csv::read_csv;
use xlsx::read_xlsx;

/// One cell as read, before the column's type is applied.
#[derive(Debug, Clone, PartialEq)]
pub enum OTho {
    Trong,
    Chu(String),
    /// A spreadsheet number (already ×100 when shown as a percentage).
    So(Decimal),
}

#[derive(Debug, Clone)]
pub struct DongTho {
    /// 1-based row number in the file or sheet.
    pub so: usize,
    pub o: Vec<OTho>,
}

#[derive(Debug, Clone)]
pub struct BangTho {
    pub tep: PathBuf,
    pub trang_tinh: Option<String>,
    pub tieu_de: Vec<String>,
    pub dong: Vec<DongTho>,
    /// What the reader chose that the clerk should know (a hidden first
    /// sheet passed over), for the callers to warn of.
    pub ghi_chu: Vec<String>,
}

impl BangTho {
    /// "tệp x.csv, ô D7" / "trang tính 'NQ01', ô D7".
    pub fn o(&self, dong: usize, cot: usize) -> String {
        match &self.trang_tinh {
            Some(sheet) => format!("trang tính '{sheet}', ô {}{dong}", chu_cot(cot)),
            None => format!("ô {}{dong}", chu_cot(cot)),
        }
    }

    /// The column a `nguon` names: a header text (case, diacritics and
    /// spacing as typed are forgiven only for case and spacing) or a letter.
    /// Two columns under that header are an error naming both cells: the
    /// data would be taken from one at random.
    pub fn tim_cot(&self, nguon: &str) -> Result<Option<usize>, Box<Diagnostic>> {
        let want = chuan(nguon);
        let found: Vec<usize> = (0..self.tieu_de.len())
            .filter(|&i| chuan(&self.tieu_de[i]) == want)
            .collect();
        match found[..] {
            [] => Ok(cot_tu_chu(nguon)),
            [i] => Ok(Some(i)),
            _ => Err(Box::new(self.trung_tieu_de(nguon, &found))),
        }
    }

    /// Columns `cot` share the header `ten`.
    pub fn trung_tieu_de(&self, ten: &str, cot: &[usize]) -> Diagnostic {
        let top = self.dong.first().map_or(1, |d| d.so.saturating_sub(1).max(1));
        let cells: Vec<String> = cot.iter().map(|&c| format!("{}{top}", chu_cot(c))).collect();
        Diagnostic::file(
            &self.tep,
            format!(
                "có {} cột cùng tiêu đề \"{ten}\" (ô {})",
                cot.len(),
                cells.join(", ")
            ),
        )
        .hint("đổi tiêu đề để các cột khác nhau, hoặc chọn cột bằng chữ cột (nguon = \"D\")")
    }
}

/// A data file read: (path, sheet) and its rows.
type Read = ((PathBuf, Option<String>), Arc<BangTho>);

/// Data files read once for all the documents of a batch.
#[derive(Default)]
pub struct ReadCache {
    files: std::sync::Mutex<Vec<Read>>,
}

impl ReadCache {
    pub fn read(
        &self,
        path: &Path,
        trang_tinh: Option<&str>,
    ) -> Result<Arc<BangTho>, Box<Diagnostic>> {
        let key = (path.to_path_buf(), trang_tinh.map(String::from));
        let cached = |files: &[Read]| {
            files
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, t)| t.clone())
        };
        if let Some(t) = cached(&self.files.lock().unwrap_or_else(|e| e.into_inner())) {
            return Ok(t);
        }
        // Read outside the lock; a file read twice by two threads is harmless.
        let table = Arc::new(read(path, trang_tinh)?);
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        if cached(&files).is_none() {
            files.push((key, table.clone()));
        }
        Ok(table)
    }
}

/// Column letters: 0 → "A", 26 → "AA".
pub fn chu_cot(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// "D" → 3, "AA" → 26; only 1–3 upper-case ASCII letters count as a letter.
fn cot_tu_chu(s: &str) -> Option<usize> {
    let s = s.trim();
    if s.is_empty() || s.len() > 3 || !s.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    Some(s.bytes().fold(0, |n, b| n * 26 + (b - b'A' + 1) as usize) - 1)
}

fn chuan(s: &str) -> String {
    s.nfc()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Reads `path` (CSV, or the sheet `trang_tinh` of an XLSX workbook; the first
/// sheet when none is named).
pub fn read(path: &Path, trang_tinh: Option<&str>) -> Result<BangTho, Box<Diagnostic>> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("csv") => {
            if trang_tinh.is_some() {
                return Err(Box::new(
                    Diagnostic::file(path, "tệp CSV không có trang tính")
                        .hint("bỏ `trang_tinh`, hoặc dùng tệp .xlsx"),
                ));
            }
            read_csv(path).and_then(no_invisible)
        }
        Some("xlsx") => read_xlsx(path, trang_tinh).and_then(no_invisible),
        _ => Err(Box::new(
            Diagnostic::file(path, "chỉ đọc được số liệu từ tệp .csv hoặc .xlsx")
                .hint("trong Excel: Lưu thành… → Sổ làm việc Excel (.xlsx) hoặc CSV UTF-8"),
        )),
    }
}

/// A cell (or header) with a control character, a bidirectional control or
/// another invisible character is refused, with the cell and the character
/// named: the letter would print other text than the clerk sees in Excel,
/// or a Word file no reader opens.
fn no_invisible(bang: BangTho) -> Result<BangTho, Box<Diagnostic>> {
    // The header is the row above the first data row.
    let top = bang
        .dong
        .first()
        .map_or(1, |d| d.so.saturating_sub(1).max(1));
    let header = bang
        .tieu_de
        .iter()
        .enumerate()
        .map(|(c, h)| (top, c, h.as_str()));
    let cells = bang.dong.iter().flat_map(|d| {
        d.o.iter().enumerate().filter_map(move |(c, o)| match o {
            OTho::Chu(s) => Some((d.so, c, s.as_str())),
            _ => None,
        })
    });
    for (dong, cot, text) in header.chain(cells) {
        if let Some(ch) = text
            .chars()
            .find(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        {
            return Err(Box::new(
                Diagnostic::file(
                    &bang.tep,
                    format!(
                        "{}: chứa ký tự điều khiển không in được (U+{:04X})",
                        bang.o(dong, cot),
                        ch as u32
                    ),
                )
                .hint("gõ lại nội dung ô đó (ký tự này thường do phần mềm khác xuất ra)"),
            ));
        }
        if let Some((ch, name)) = text
            .chars()
            .find_map(|ch| crate::load::ky_tu::invisible(ch).map(|n| (ch, n)))
        {
            return Err(Box::new(
                Diagnostic::file(
                    &bang.tep,
                    format!(
                        "{}: chứa ký tự vô hình U+{:04X} ({name}): chữ in ra có thể khác chữ nhìn thấy",
                        bang.o(dong, cot),
                        ch as u32
                    ),
                )
                .hint("gõ lại nội dung ô đó (ký tự này thường do dán từ trang web hoặc tệp PDF)"),
            ));
        }
    }
    Ok(bang)
}

fn unreadable(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::file(path, format!("không đọc được tệp: {}", io_reason(e)))
}

/// The first non-empty row is the header; fully empty rows are dropped.
fn split_header(
    path: &Path,
    sheet: Option<String>,
    rows: Vec<DongTho>,
) -> Result<BangTho, Box<Diagnostic>> {
    let mut rows = rows
        .into_iter()
        .filter(|r| r.o.iter().any(|c| *c != OTho::Trong));
    let Some(header) = rows.next() else {
        let where_ = sheet
            .map(|s| format!("trang tính '{s}'"))
            .unwrap_or_else(|| "tệp".into());
        return Err(Box::new(Diagnostic::file(
            path,
            format!("{where_} không có dòng tiêu đề cột nào"),
        )));
    };
    let tieu_de = header
        .o
        .iter()
        .map(|c| match c {
            OTho::Trong => String::new(),
            OTho::Chu(s) => s.clone(),
            OTho::So(d) => so::in_so(*d, false),
        })
        .collect();
    Ok(BangTho {
        tep: path.to_path_buf(),
        trang_tinh: sheet,
        tieu_de,
        dong: rows.collect(),
        ghi_chu: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_round_trip() {
        for (i, s) in [
            (0, "A"),
            (3, "D"),
            (25, "Z"),
            (26, "AA"),
            (27, "AB"),
            (701, "ZZ"),
            (702, "AAA"),
        ] {
            assert_eq!(chu_cot(i), s);
            assert_eq!(cot_tu_chu(s), Some(i));
        }
        assert_eq!(cot_tu_chu("Đơn vị"), None);
        assert_eq!(cot_tu_chu("ABCD"), None);
    }
}
