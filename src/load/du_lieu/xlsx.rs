//! An Excel workbook (.xlsx) read as Excel shows it.

use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use rust_decimal::Decimal;
use unicode_normalization::UnicodeNormalization;

use super::{BangTho, DongTho, OTho, chu_cot, split_header, unreadable};
use crate::error::Diagnostic;
use crate::so;

pub(super) fn read_xlsx(path: &Path, trang_tinh: Option<&str>) -> Result<BangTho, Box<Diagnostic>> {
    crate::input::check(path, crate::input::SO_LIEU_TOI_DA)?;
    let open = || {
        std::fs::File::open(path)
            .map(std::io::BufReader::new)
            .map_err(|e| Box::new(unreadable(path, &e)))
    };
    unpacked_size(path, open()?, crate::input::GIAI_NEN_TOI_DA)?;
    let mut book: Xlsx<_> = Xlsx::new(open()?).map_err(|_| not_xlsx(path))?;
    let (sheet, note) = choose_sheet(&book, path, trang_tinh)?;
    used_area(&mut book, path, &sheet)?;
    let range = book
        .worksheet_range(&sheet)
        .map_err(|_| Diagnostic::file(path, format!("không đọc được trang tính '{sheet}'")))?;
    let styles = book.worksheet_style(&sheet).ok();
    let formulas = book.worksheet_formula(&sheet).ok();
    let Some((top, left)) = range.start() else {
        return Err(Box::new(Diagnostic::file(
            path,
            format!("trang tính '{sheet}' trống"),
        )));
    };
    let (height, width) = range.get_size();
    let at = |pos: (u32, u32)| format!("trang tính '{sheet}', ô {}{}", chu_cot(pos.1 as usize), pos.0 + 1);
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
            let formula = formulas
                .as_ref()
                .and_then(|f| f.get_value(pos))
                .filter(|f| !f.trim().is_empty());
            let cell = match range.get_value(pos) {
                None | Some(Data::Empty) if formula.is_some() => {
                    return Err(Box::new(
                        Diagnostic::file(
                            path,
                            format!(
                                "{}: có công thức ={} nhưng chưa có giá trị đã tính",
                                at(pos),
                                formula.map(String::as_str).unwrap_or_default()
                            ),
                        )
                        .hint("tệp do phần mềm không tính công thức lưu ra; mở tệp bằng Excel rồi lưu lại (Excel tính và lưu giá trị)"),
                    ));
                }
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
                // A date is printed as a date, never summed.
                Some(Data::DateTime(d)) if d.is_datetime() => {
                    let (y, m, day, ..) = d.to_ymd_hms_milli();
                    OTho::Chu(format!("{day:02}/{m:02}/{y}"))
                }
                Some(Data::DateTimeIso(s)) => OTho::Chu(iso_date(s)),
                Some(Data::Bool(b)) => OTho::Chu(if *b { "Đúng" } else { "Sai" }.into()),
                Some(Data::Error(e)) => {
                    return Err(Box::new(
                        Diagnostic::file(path, format!("{}: ô báo lỗi công thức {}", at(pos), error_name(e)))
                            .hint("sửa công thức trong Excel (ô đó in ra lỗi, không in ra số) rồi lưu lại"),
                    ));
                }
                Some(other) => OTho::Chu(other.to_string()),
            };
            cells.push(cell);
        }
        rows.push(DongTho {
            so: (top + r + 1) as usize,
            o: cells,
        });
    }
    let mut bang = split_header(path, Some(sheet), rows)?;
    bang.ghi_chu.extend(note);
    Ok(bang)
}

/// The sheet to read: the one named, or the first the clerk can see in
/// Excel; a hidden sheet is never read in silence. A note when the sheet
/// read is not the workbook's first.
fn choose_sheet<RS: std::io::Read + std::io::Seek>(
    book: &Xlsx<RS>,
    path: &Path,
    trang_tinh: Option<&str>,
) -> Result<(String, Option<String>), Box<Diagnostic>> {
    let sheets = book.sheets_metadata();
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    let visible = |s: &calamine::Sheet| s.visible == calamine::SheetVisible::Visible;
    if let Some(name) = trang_tinh {
        return match sheets.iter().find(|s| s.name == name) {
            None => Err(Box::new(
                Diagnostic::file(path, format!("sổ Excel không có trang tính '{name}'"))
                    .hint(format!("các trang tính: {}", names.join(", "))),
            )),
            Some(s) if !visible(s) => Err(Box::new(
                Diagnostic::file(path, format!("trang tính '{name}' đang ẩn trong Excel"))
                    .hint("bỏ ẩn trang tính đó trong Excel (chuột phải vào tên trang → Bỏ ẩn) nếu đúng là số liệu cần dùng, hoặc chọn trang tính khác"),
            )),
            Some(_) => Ok((name.to_string(), None)),
        };
    }
    let Some(first) = sheets.iter().find(|s| visible(s)) else {
        return Err(Box::new(Diagnostic::file(
            path,
            "sổ Excel không có trang tính nào đang hiện",
        )));
    };
    let hidden: Vec<&str> = sheets
        .iter()
        .take_while(|s| s.name != first.name)
        .map(|s| s.name.as_str())
        .collect();
    let note = (!hidden.is_empty()).then(|| {
        format!(
            "đọc trang tính '{}' — trang tính đang hiện đầu tiên; bỏ qua trang đang ẩn {}",
            first.name,
            hidden.iter().map(|h| format!("'{h}'")).collect::<Vec<_>>().join(", ")
        )
    });
    Ok((first.name.clone(), note))
}

/// "2024-05-31T00:00:00" as "31/05/2024".
fn iso_date(s: &str) -> String {
    let date = s.split('T').next().unwrap_or(s);
    let mut parts = date.split('-');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d)) => format!("{d}/{m}/{y}"),
        _ => s.to_string(),
    }
}

/// Excel's name of a formula error, as it shows in the cell.
fn error_name(e: &calamine::CellErrorType) -> &'static str {
    use calamine::CellErrorType::*;
    match e {
        Div0 => "#DIV/0!",
        NA => "#N/A",
        Name => "#NAME?",
        Null => "#NULL!",
        Num => "#NUM!",
        Ref => "#REF!",
        Value => "#VALUE!",
        GettingData => "#GETTING_DATA",
    }
}

/// Most cells a sheet's used area may span. calamine lays a sheet out as a
/// dense grid from its first to its last cell, so one stray cell at
/// XFD1048576 would ask for 17 billion cells (the process aborts); the
/// cells are counted first, streamed, to refuse such a sheet.
const O_TOI_DA: u64 = 2_000_000;

/// Most text, in bytes, the cells of one sheet may hold once read.
const CHU_TOI_DA: u64 = 64 * 1024 * 1024;

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
    // Text counted as the cells will hold it: a shared string once per
    // cell that uses it (a 2 MB string in 3,000 cells is 6 GB).
    let mut text: u64 = 0;
    while let Some(cell) = cells.next_cell().map_err(|_| unreadable())? {
        let len = match cell.get_value() {
            calamine::DataRef::SharedString(s) => s.len(),
            calamine::DataRef::String(s) => s.len(),
            _ => 0,
        };
        if len > 0 {
            text += len as u64;
            if text > CHU_TOI_DA {
                return Err(Box::new(
                    Diagnostic::file(
                        path,
                        format!(
                            "trang tính '{sheet}': chữ trong các ô cộng lại hơn {} MB",
                            CHU_TOI_DA / (1024 * 1024)
                        ),
                    )
                    .hint("sổ này có thể được tạo để làm treo máy; nếu là số liệu thật, tách thành nhiều sổ nhỏ"),
                ));
            }
        }
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
}
