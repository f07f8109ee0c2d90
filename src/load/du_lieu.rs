//! Table data from a CSV file or an XLSX sheet: a header row, then rows of
//! cells that remember where they came from, for messages like
//! "trang tính 'NQ01', ô D7".

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx};
use rust_decimal::Decimal;
use unicode_normalization::UnicodeNormalization;

use std::sync::Arc;

use crate::error::{Diagnostic, io_reason};
use crate::so;

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
    pub fn tim_cot(&self, nguon: &str) -> Option<usize> {
        let want = chuan(nguon);
        if let Some(i) = self.tieu_de.iter().position(|h| chuan(h) == want) {
            return Some(i);
        }
        cot_tu_chu(nguon)
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

/// A cell (or header) with a bidirectional control or another invisible
/// character is refused, with the cell and the character named: the
/// letter would print other text than the clerk sees in Excel.
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

fn read_csv(path: &Path) -> Result<BangTho, Box<Diagnostic>> {
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

fn read_xlsx(path: &Path, trang_tinh: Option<&str>) -> Result<BangTho, Box<Diagnostic>> {
    crate::input::check(path, crate::input::SO_LIEU_TOI_DA)?;
    let open = || {
        std::fs::File::open(path)
            .map(std::io::BufReader::new)
            .map_err(|e| Box::new(unreadable(path, &e)))
    };
    unpacked_size(path, open()?, crate::input::GIAI_NEN_TOI_DA)?;
    let mut book: Xlsx<_> = Xlsx::new(open()?).map_err(|_| not_xlsx(path))?;
    let names = book.sheet_names();
    let sheet = match trang_tinh {
        Some(name) => {
            if !names.iter().any(|n| n == name) {
                return Err(Box::new(
                    Diagnostic::file(path, format!("sổ Excel không có trang tính '{name}'"))
                        .hint(format!("các trang tính: {}", names.join(", "))),
                ));
            }
            name.to_string()
        }
        None => names
            .first()
            .cloned()
            .ok_or_else(|| Diagnostic::file(path, "sổ Excel không có trang tính nào"))?,
    };
    used_area(&mut book, path, &sheet)?;
    let range = book
        .worksheet_range(&sheet)
        .map_err(|_| Diagnostic::file(path, format!("không đọc được trang tính '{sheet}'")))?;
    let styles = book.worksheet_style(&sheet).ok();
    let Some((top, left)) = range.start() else {
        return Err(Box::new(Diagnostic::file(
            path,
            format!("trang tính '{sheet}' trống"),
        )));
    };
    let (height, width) = range.get_size();
    let mut rows = Vec::new();
    for r in 0..height as u32 {
        let mut cells = Vec::new();
        // Cells left of the used range are empty; keep letters true to the sheet.
        cells.resize(left as usize, OTho::Trong);
        for c in 0..width as u32 {
            let pos = (top + r, left + c);
            let format = styles
                .as_ref()
                .and_then(|s| s.get(pos))
                .and_then(|s| s.number_format.as_ref())
                .map(|f| f.format_code.as_str())
                .unwrap_or("General");
            let cell = match range.get_value(pos) {
                None | Some(Data::Empty) => OTho::Trong,
                Some(Data::String(s)) if s.trim().is_empty() => OTho::Trong,
                Some(Data::String(s)) => OTho::Chu(s.trim().nfc().collect()),
                Some(Data::Int(i)) => OTho::So(Decimal::from(*i)),
                Some(Data::Float(x)) => {
                    let pct = format.contains('%');
                    match so::tu_bang_tinh(*x, pct, so::chu_so_dinh_dang(format)) {
                        Some(d) => OTho::So(d),
                        None => OTho::Chu(x.to_string()),
                    }
                }
                Some(Data::Bool(b)) => OTho::Chu(if *b { "TRUE" } else { "FALSE" }.into()),
                Some(Data::Error(e)) => OTho::Chu(format!("#{e:?}")),
                Some(other) => OTho::Chu(other.to_string()),
            };
            cells.push(cell);
        }
        rows.push(DongTho {
            so: (top + r + 1) as usize,
            o: cells,
        });
    }
    split_header(path, Some(sheet), rows)
}

/// Most cells a sheet's used area may span. calamine lays a sheet out as a
/// dense grid from its first to its last cell, so one stray cell at
/// XFD1048576 would ask for 17 billion cells (the process aborts); the
/// cells are counted first, streamed, to refuse such a sheet.
const O_TOI_DA: u64 = 2_000_000;

fn not_xlsx(path: &Path) -> Box<Diagnostic> {
    Box::new(
        Diagnostic::file(
            path,
            "không đọc được sổ Excel: tệp hỏng, có mật khẩu, hoặc không phải .xlsx",
        )
        .hint("mở tệp bằng Excel rồi Lưu thành… → Sổ làm việc Excel (.xlsx)"),
    )
}

/// Refuses an .xlsx that unpacks to more than `limit` bytes,
/// counted by unpacking (into nothing) rather than trusting the sizes the
/// zip declares, which a crafted file can understate.
fn unpacked_size<R: std::io::Read + std::io::Seek>(
    path: &Path,
    file: R,
    limit: u64,
) -> Result<(), Box<Diagnostic>> {
    let mut zip = zip::ZipArchive::new(file).map_err(|_| not_xlsx(path))?;
    let mut left = limit;
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|_| not_xlsx(path))?;
        let n = std::io::copy(
            &mut std::io::Read::take(entry, left + 1),
            &mut std::io::sink(),
        )
        .map_err(|_| not_xlsx(path))?;
        if n > left {
            return Err(Box::new(
                Diagnostic::file(
                    path,
                    format!(
                        "sổ Excel khi giải nén lớn hơn {} MB",
                        limit / (1024 * 1024)
                    ),
                )
                .hint("sổ này có thể được tạo để làm treo máy; nếu là số liệu thật, tách thành nhiều sổ nhỏ"),
            ));
        }
        left -= n;
    }
    Ok(())
}

fn used_area<RS: std::io::Read + std::io::Seek>(
    book: &mut Xlsx<RS>,
    path: &Path,
    sheet: &str,
) -> Result<(), Box<Diagnostic>> {
    let unreadable = || Diagnostic::file(path, format!("không đọc được trang tính '{sheet}'"));
    let mut cells = book
        .worksheet_cells_reader(sheet)
        .map_err(|_| unreadable())?;
    let (mut top, mut left, mut bottom, mut right) = (u32::MAX, u32::MAX, 0, 0);
    while let Some(cell) = cells.next_cell().map_err(|_| unreadable())? {
        let (r, c) = cell.get_position();
        (top, left) = (top.min(r), left.min(c));
        (bottom, right) = (bottom.max(r), right.max(c));
    }
    if top == u32::MAX {
        return Ok(());
    }
    let area = u64::from(bottom - top + 1) * u64::from(right - left + 1);
    if area > O_TOI_DA {
        let last = format!("{}{}", chu_cot(right as usize), bottom + 1);
        return Err(Box::new(
            Diagnostic::file(
                path,
                format!(
                    "trang tính '{sheet}': vùng số liệu kéo tới ô {last}, {area} ô, quá giới hạn {O_TOI_DA} ô"
                ),
            )
            .hint(format!("xóa nội dung, định dạng ở ô {last} và các ô xa bảng số liệu (chọn các cột, dòng thừa → Xóa)")),
        ));
    }
    Ok(())
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
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_xlsx_is_refused_by_what_it_unpacks_to() {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let deflated = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("xl/worksheets/sheet1.xml", deflated)
            .unwrap();
        zip.write_all(&vec![b' '; 3 * 1024 * 1024]).unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        assert!(bytes.len() < 64 * 1024, "{} bytes", bytes.len());
        let path = Path::new("bom.xlsx");
        let err = unpacked_size(path, std::io::Cursor::new(&bytes), 2 * 1024 * 1024).unwrap_err();
        assert!(
            err.message.contains("khi giải nén lớn hơn 2 MB"),
            "{}",
            err.message
        );
        unpacked_size(path, std::io::Cursor::new(&bytes), 4 * 1024 * 1024).unwrap();
    }

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
