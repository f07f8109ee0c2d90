//! The units a batch writes to, one per row of the data file (CSV, XLSX, or
//! TOML with `[[don_vi]]` items), each with its row's values for the
//! template's expressions.

use std::path::Path;

use serde_json::{Map, Number, Value};
use unicode_normalization::UnicodeNormalization;

use crate::load::du_lieu::{self, OTho};
use crate::error::{Diagnostic, Error, Result};
use crate::load::is_id;
use crate::model::{DanhBa, DonVi};
use crate::so;
use crate::suggest::{fold, suggest};

/// One recipient.
#[derive(Debug, Clone)]
pub struct DonViNhan {
    /// Where it is in the data file, for messages: "dòng 7".
    pub noi: String,
    /// The unit, completed from the directory when the file names it.
    pub don_vi: DonVi,
    /// The row's values by column: under the header as written and under
    /// its ASCII key ("DVC toàn trình" → `dvc_toan_trinh`). Numbers are
    /// numbers, so templates can compare them.
    pub o: Map<String, Value>,
    /// Why the row cannot make a letter (its unit is unknown, say).
    pub loi: Option<String>,
    /// The row's number in a CSV or XLSX file.
    pub so_dong: Option<usize>,
}

/// Column keys that hold the unit, by preference: an id, then a name.
const COT_MA: [&str; 2] = ["ma_don_vi", "ma"];
const COT_TEN: [&str; 5] = ["don_vi", "ten_don_vi", "ten", "don_vi_nhan", "dia_phuong"];

/// Reads the recipients, and the sheet they came from in a workbook. `cot`
/// names the unit column (header text or letter) when the file's headers
/// do not say it.
/// Most units one batch makes: 10,000 letters take a few minutes (more
/// than the communes of the country); a larger file is likely a mistake.
const DON_VI_TOI_DA: usize = 10_000;

/// The units of a batch, as read.
pub struct TepDonVi {
    pub don_vi: Vec<DonViNhan>,
    /// The sheet read, in a workbook.
    pub trang_tinh: Option<String>,
    /// What the reader chose that the clerk should know (a hidden sheet
    /// passed over), to warn of.
    pub ghi_chu: Vec<String>,
}

pub fn read(path: &Path, cot: Option<&str>, danh_ba: &DanhBa) -> Result<TepDonVi> {
    let is_toml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    let (rows, sheet, ghi_chu) = if is_toml {
        (read_toml(path)?, None, Vec::new())
    } else {
        read_table(path)?
    };
    if rows.len() > DON_VI_TOI_DA {
        return Err(Diagnostic::file(
            path,
            format!(
                "tệp số liệu có {} đơn vị, tối đa {DON_VI_TOI_DA} mỗi lượt tạo",
                rows.len()
            ),
        )
        .hint("tách tệp số liệu thành nhiều tệp và chạy mỗi tệp một lượt (mỗi lượt một thư mục -o)")
        .into());
    }
    if rows.is_empty() {
        return Err(Diagnostic::file(path, "tệp số liệu không có dòng nào")
            .hint("mỗi dòng (sau dòng tiêu đề) là một đơn vị nhận văn bản")
            .into());
    }
    let headers: Vec<String> = rows[0].2.iter().map(|(h, _)| h.clone()).collect();
    let key = match cot {
        Some(c) => {
            let wanted = du_lieu_key(c, &headers).ok_or_else(|| {
                let names: Vec<&str> = headers.iter().map(String::as_str).collect();
                let mut d = Diagnostic::file(path, format!("không có cột \"{c}\" (--cot-don-vi)"));
                if let Some(s) = suggest(c, &names) {
                    d = d.hint(format!("có phải ý bạn là \"{s}\"?"));
                } else {
                    d = d.hint(format!("các cột: {}", headers.join(", ")));
                }
                Error::from(d)
            })?;
            Some(wanted)
        }
        None => COT_MA
            .iter()
            .chain(&COT_TEN)
            .find_map(|k| headers.iter().find(|h| fold(h) == *k).cloned()),
    };
    let Some(key) = key else {
        return Err(Diagnostic::file(
            path,
            format!(
                "không biết cột nào ghi đơn vị nhận (các cột: {})",
                headers.join(", ")
            ),
        )
        .hint("đặt tiêu đề cột là \"Đơn vị\" (tên) hoặc \"ma\" (mã trong danh bạ), hoặc dùng --cot-don-vi")
        .into());
    };
    // A name column beside a Mã column must name the same unit.
    let name_key = match COT_MA.contains(&fold(&key).as_str()) {
        true => COT_TEN
            .iter()
            .find_map(|k| headers.iter().find(|h| fold(h) == *k).cloned()),
        false => None,
    };
    let by_code = COT_MA.contains(&fold(&key).as_str());
    let units = rows
        .into_iter()
        .map(|(noi, so_dong, cells)| {
            let mut u = recipient(noi, so_dong, cells, &key, by_code, danh_ba);
            if let Some(name_key) = &name_key {
                agree(&mut u, name_key);
            }
            u
        })
        .collect();
    Ok(TepDonVi {
        don_vi: units,
        trang_tinh: sheet,
        ghi_chu,
    })
}

/// A row whose Mã names one unit and whose name column another is an
/// error on that row: which of the two was meant cannot be told.
fn agree(u: &mut DonViNhan, name_key: &str) {
    if u.loi.is_some() || u.don_vi.ma.is_none() {
        return;
    }
    let Some(Value::String(written)) = u.o.get(name_key) else {
        return;
    };
    let written = written.trim();
    let same = |a: &str| fold(a) == fold(written);
    if written.is_empty() || same(&u.don_vi.ten) || u.don_vi.ten_ngan.as_deref().is_some_and(same) {
        return;
    }
    u.loi = Some(format!(
        "mã `{}` là \"{}\" nhưng cột \"{name_key}\" ghi \"{written}\"; sửa cho hai cột khớp nhau",
        u.don_vi.ma.as_deref().unwrap_or_default(),
        u.don_vi.ten
    ));
}

/// The header a `--cot-don-vi` value names: its text (ignoring case and
/// diacritics) or its column letter.
fn du_lieu_key(c: &str, headers: &[String]) -> Option<String> {
    headers
        .iter()
        .find(|h| fold(h) == fold(c))
        .or_else(|| {
            let c = c.trim();
            (c.len() <= 2 && c.bytes().all(|b| b.is_ascii_uppercase()))
                .then(|| (0..headers.len()).find(|i| du_lieu::chu_cot(*i) == c))
                .flatten()
                .map(|i| &headers[i])
        })
        .cloned()
}

fn recipient(
    noi: String,
    so_dong: Option<usize>,
    cells: Vec<(String, Value)>,
    key: &str,
    by_code: bool,
    danh_ba: &DanhBa,
) -> DonViNhan {
    let cell = |k: &str| cells.iter().find(|(h, _)| h == k).map(|(_, v)| v);
    let raw = match cell(key) {
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let mut o = Map::new();
    for (header, value) in &cells {
        o.insert(header.clone(), value.clone());
        let ascii = fold(header);
        if !ascii.is_empty() {
            o.entry(ascii).or_insert_with(|| value.clone());
        }
    }
    let thuoc: Vec<String> = match cell("thuoc") {
        Some(Value::String(s)) => s
            .split([',', ';'])
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        _ => Vec::new(),
    };
    let found = match by_code {
        true => code(&raw, danh_ba),
        false => unit(&raw, danh_ba),
    };
    let (don_vi, loi) = match found {
        Ok(mut u) => {
            for g in thuoc {
                if !u.thuoc.contains(&g) {
                    u.thuoc.push(g);
                }
            }
            (u, None)
        }
        Err(loi) => (
            DonVi {
                ma: None,
                ten: raw,
                ten_ngan: None,
                thuoc: Vec::new(),
            },
            Some(loi),
        ),
    };
    DonViNhan {
        noi,
        don_vi,
        o,
        loi,
        so_dong,
    }
}

/// A Mã column holds only the directory's ids: anything else (a typo,
/// another spelling) would otherwise print as the recipient's name.
fn code(raw: &str, danh_ba: &DanhBa) -> std::result::Result<DonVi, String> {
    if raw.is_empty() {
        return Err("ô mã đơn vị để trống".into());
    }
    danh_ba.tim(raw).cloned().map_err(|missing| {
        // A case or separator slip ("SO_TU_PHAP", "so-tu-phap") is close.
        let near = crate::suggest::suggest(&raw.to_lowercase().replace('-', "_"), &danh_ba.ids())
            .or(missing.ma_gan_nhat());
        match near {
            Some(s) => format!("{missing}; có phải ý bạn là `{s}`?"),
            None => format!("{missing} (cột mã chỉ nhận mã trong danh bạ)"),
        }
    })
}

/// A unit id is looked up; a name is completed from the directory when it
/// is there (its id, short name and groups) and kept as written otherwise.
fn unit(raw: &str, danh_ba: &DanhBa) -> std::result::Result<DonVi, String> {
    if raw.is_empty() {
        return Err("ô đơn vị để trống".into());
    }
    if is_id(raw) {
        return danh_ba
            .tim(raw)
            .cloned()
            .map_err(|missing| match missing.ma_gan_nhat() {
                Some(s) => format!("{missing}; có phải ý bạn là `{s}`?"),
                None => missing.to_string(),
            });
    }
    let same = |a: &str| a.to_lowercase() == raw.to_lowercase();
    Ok(danh_ba
        .units
        .iter()
        .find(|u| same(&u.ten) || u.ten_ngan.as_deref().is_some_and(same))
        .cloned()
        .unwrap_or_else(|| DonVi {
            ma: None,
            ten: raw.to_string(),
            ten_ngan: None,
            thuoc: Vec::new(),
        }))
}

/// (where, row number in a spreadsheet, cells by header)
type Rows = Vec<(String, Option<usize>, Vec<(String, Value)>)>;

fn read_table(path: &Path) -> Result<(Rows, Option<String>, Vec<String>)> {
    let bang = du_lieu::read(path, None).map_err(|d| Error::Input(vec![*d]))?;
    // Two columns under one header: `row.x` could be either.
    let folded: Vec<String> = bang.tieu_de.iter().map(|h| fold(h)).collect();
    for (i, h) in folded.iter().enumerate() {
        if h.is_empty() {
            continue;
        }
        let same: Vec<usize> = (0..folded.len()).filter(|&j| folded[j] == *h).collect();
        if same.len() > 1 && same[0] == i {
            return Err(bang.trung_tieu_de(bang.tieu_de[i].trim(), &same).into());
        }
    }
    let headers: Vec<String> = bang
        .tieu_de
        .iter()
        .enumerate()
        .map(|(i, h)| {
            if h.trim().is_empty() {
                du_lieu::chu_cot(i)
            } else {
                h.trim().to_string()
            }
        })
        .collect();
    let rows = bang
        .dong
        .iter()
        .filter(|d| d.o.iter().any(|o| *o != OTho::Trong))
        .map(|d| {
            let noi = match &bang.trang_tinh {
                Some(sheet) => format!("trang tính '{sheet}', dòng {}", d.so),
                None => format!("dòng {}", d.so),
            };
            let cells = headers
                .iter()
                .zip(d.o.iter().chain(std::iter::repeat(&OTho::Trong)))
                .map(|(h, o)| (h.clone(), value(o)))
                .collect();
            (noi, Some(d.so), cells)
        })
        .collect();
    Ok((rows, bang.trang_tinh.clone(), bang.ghi_chu.clone()))
}

/// A cell for the template: numbers (also "48,62", "92%") as numbers.
fn value(o: &OTho) -> Value {
    match o {
        OTho::Trong => Value::String(String::new()),
        OTho::So(d) => number(*d),
        OTho::Chu(s) => match so::parse(s) {
            Ok(n) => number(n.gia_tri),
            Err(_) => Value::String(s.nfc().collect()),
        },
    }
}

fn number(d: rust_decimal::Decimal) -> Value {
    if d.fract().is_zero()
        && let Ok(i) = i64::try_from(d)
    {
        return Value::Number(i.into());
    }
    d.to_string()
        .parse::<f64>()
        .ok()
        .and_then(Number::from_f64)
        .map_or(Value::Null, Value::Number)
}

/// `[[don_vi]]` items (any keys), or a directory-style `[don_vi]` table whose
/// keys are the ids.
fn read_toml(path: &Path) -> Result<Rows> {
    let bytes = crate::input::read(path, crate::input::TOML_TOI_DA)?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Diagnostic::file(path, "tệp không phải văn bản UTF-8").hint("lưu lại tệp với bảng mã UTF-8")
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if let Some((at, c, name)) = text
        .char_indices()
        .find_map(|(at, c)| crate::load::ky_tu::invisible(c).map(|n| (at, c, n)))
    {
        return Err(Diagnostic::at(
            path,
            text,
            at..at + c.len_utf8(),
            format!(
                "chứa ký tự vô hình U+{:04X} ({name}): chữ in ra có thể khác chữ nhìn thấy",
                c as u32
            ),
        )
        .hint("xóa ký tự này (gõ lại đoạn chữ quanh chỗ báo lỗi)")
        .into());
    }
    let root: toml::Table = toml::from_str(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        Diagnostic::at(path, text, span, "tệp TOML không hợp lệ").hint(e.message().to_string())
    })?;
    let wrong = || {
        Error::from(
            Diagnostic::file(
                path,
                "tệp đơn vị cần các mục [[don_vi]] (mỗi mục một đơn vị)",
            )
            .hint("ví dụ: [[don_vi]] ma = \"h_go_dau\" rồi các số liệu, mỗi dòng một khóa"),
        )
    };
    match root.get("don_vi") {
        Some(toml::Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, item)| match item {
                toml::Value::Table(t) => Ok((
                    format!("[[don_vi]] thứ {}", i + 1),
                    None,
                    t.iter().map(|(k, v)| (k.clone(), toml_value(v))).collect(),
                )),
                _ => Err(wrong()),
            })
            .collect(),
        Some(toml::Value::Table(units)) => Ok(units
            .iter()
            .map(|(ma, v)| {
                let mut cells = vec![("ma".to_string(), Value::String(ma.clone()))];
                if let toml::Value::Table(t) = v {
                    cells.extend(t.iter().map(|(k, v)| (k.clone(), toml_value(v))));
                }
                (format!("[don_vi] {ma}"), None, cells)
            })
            .collect()),
        _ => Err(wrong()),
    }
}

pub(super) fn toml_value(v: &toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s.nfc().collect()),
        toml::Value::Integer(i) => Value::Number((*i).into()),
        toml::Value::Float(f) => Number::from_f64(*f).map_or(Value::Null, Value::Number),
        toml::Value::Boolean(b) => Value::Bool(*b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.iter().map(toml_value).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.iter().map(|(k, v)| (k.clone(), toml_value(v))).collect())
        }
    }
}
