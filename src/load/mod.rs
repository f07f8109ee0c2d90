//! TOML → model. Walks toml's spanned document tree by hand (rather than
//! serde derive) so that every message can be Vietnamese, name the field
//! path, and point at the line and column; all problems are collected, not
//! just the first.

use std::ops::Range;
use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};
use unicode_normalization::UnicodeNormalization;

use crate::body;
use crate::error::{Diagnostic, Error, Result};
use crate::model::*;
use nhiem_vu::DanhBa;

mod bang;
mod nhiem_vu;

pub(crate) use nhiem_vu::is_id;
mod van_ban;

type Value<'i> = Spanned<DeValue<'i>>;

/// Reads and validates a văn bản from a TOML file.
pub fn load_file(path: &Path) -> Result<VanBan> {
    load_str(path, &read_text(path)?)
}

/// A TOML file's text, refused with a Vietnamese message when it is not UTF-8.
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::file(
            path,
            format!("không đọc được tệp: {}", crate::error::io_reason(&e)),
        )
    })?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let bytes = e.as_bytes();
            let valid = &bytes[..e.utf8_error().valid_up_to()];
            // Safe: `valid_up_to` bytes are valid UTF-8 by definition.
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            let at = prefix.len();
            Err(
                Diagnostic::at(path, prefix, at..at, "tệp không phải văn bản UTF-8")
                    .hint(
                        "lưu lại tệp với bảng mã UTF-8 (trong Notepad: Lưu thành… → Mã hóa: UTF-8)",
                    )
                    .into(),
            )
        }
    }
}

/// Validates a văn bản from TOML text; `path` is only used in messages
/// and to find a units directory (`danh_ba`) given by relative path.
pub fn load_str(path: &Path, text: &str) -> Result<VanBan> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let root = parse(path, text)?;
    load_table(path, text, root.get_ref(), None)
}

/// TOML text → its document tree, with Vietnamese syntax errors.
pub fn parse<'i>(path: &Path, text: &'i str) -> Result<Spanned<DeTable<'i>>> {
    if text.trim().is_empty() {
        return Err(Diagnostic::file(path, "tệp rỗng, chưa có nội dung văn bản")
            .hint("xem tệp mẫu examples/cong-van.toml")
            .into());
    }
    DeTable::parse(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let mut d = Diagnostic::at(path, text, span.clone(), syntax_message(e.message()));
        let hint = e
            .message()
            .contains("unquoted key")
            .then(|| key_hint(text, span.start))
            .flatten();
        if let Some(hint) = hint {
            d = d.hint(hint);
        }
        d.into()
    })
}

/// Validates a document tree parsed from `text` (spans point into it). A
/// batch passes trees whose strings it has filled in, and `data_files` so
/// that the tables' data files are read once for all its documents.
pub fn load_table(
    path: &Path,
    text: &str,
    root: &DeTable<'_>,
    data_files: Option<&crate::du_lieu::DaDoc>,
) -> Result<VanBan> {
    let mut loader = Loader {
        file: path,
        text,
        diags: Vec::new(),
        data_files,
    };
    let document = loader.van_ban(root);
    match document {
        Some(doc) if loader.diags.is_empty() => Ok(doc),
        _ => Err(Error::Input(loader.diags)),
    }
}

/// The units a document tree may name: its directory and `[don_vi]`.
pub fn directory(path: &Path, text: &str, root: &DeTable<'_>) -> Result<Vec<DonVi>> {
    let mut loader = Loader {
        file: path,
        text,
        diags: Vec::new(),
        data_files: None,
    };
    let root = Table {
        entries: root,
        path: String::new(),
        span: 0..0,
    };
    match loader.danh_ba(&root) {
        Some(danh_ba) if loader.diags.is_empty() => Ok(danh_ba.units),
        _ => Err(Error::Input(loader.diags)),
    }
}

/// toml's parser speaks English; the messages clerks hit most are translated
/// and the rest keep the parser's detail after a Vietnamese headline.
fn syntax_message(detail: &str) -> String {
    let known = [
        (
            "invalid unquoted key",
            "tên khóa chỉ gồm chữ không dấu, số, `_` và `-`",
        ),
        ("duplicate key", "khóa bị khai báo hai lần"),
        (
            "invalid basic string",
            "chuỗi chưa đóng dấu nháy kép \" hoặc chứa ký tự không hợp lệ",
        ),
        ("invalid literal string", "chuỗi chưa đóng dấu nháy đơn '"),
        ("unclosed", "thiếu dấu đóng"),
        ("expected `=`", "thiếu dấu = giữa khóa và giá trị"),
        ("invalid table header", "tên bảng [ … ] không hợp lệ"),
        (
            "invalid string",
            "giá trị chuỗi phải đặt trong dấu nháy kép \"…\"",
        ),
        ("missing value", "thiếu giá trị sau dấu ="),
    ];
    let detail = detail.trim();
    for (english, vietnamese) in known {
        if detail.contains(english) {
            return format!("cú pháp TOML không hợp lệ: {vietnamese}");
        }
    }
    format!("cú pháp TOML không hợp lệ (chi tiết: {detail})")
}

/// For a key typed with diacritics ("địa_danh"), which the TOML syntax
/// refuses before we see it: suggest the ASCII key it resembles.
fn key_hint(text: &str, at: usize) -> Option<String> {
    let line_start = text[..at.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    let line = text[line_start..].lines().next()?;
    let key = line.split('=').next()?.trim().trim_matches(['[', ']']);
    let all: Vec<&str> = [
        ROOT_KEYS,
        CO_QUAN_KEYS,
        CHU_KY_KEYS,
        LIEN_HE_KEYS,
        nhiem_vu::NHIEM_VU_KEYS,
        nhiem_vu::DON_VI_KEYS,
        van_ban::MUC_KEYS,
        van_ban::PHU_LUC_KEYS,
        van_ban::BANG_KEYS,
    ]
    .concat();
    suggest(key, &all).map(|s| format!("có phải ý bạn là `{s}`?"))
}

struct Loader<'s> {
    file: &'s Path,
    text: &'s str,
    diags: Vec<Diagnostic>,
    data_files: Option<&'s crate::du_lieu::DaDoc>,
}

/// A table being read, with its dotted path for messages.
struct Table<'a, 'i> {
    entries: &'a DeTable<'i>,
    path: String,
    span: Range<usize>,
}

impl<'a, 'i> Table<'a, 'i> {
    fn get(&self, key: &str) -> Option<&'a Value<'i>> {
        self.entries
            .iter()
            .find(|(k, _)| k.get_ref() == key)
            .map(|(_, v)| v)
    }

    fn field(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }
}

const ROOT_KEYS: &[&str] = &[
    "loai",
    "danh_ba",
    "don_vi",
    "co_quan",
    "so",
    "ky_hieu",
    "dia_danh",
    "ngay",
    "trich_yeu",
    "kinh_gui",
    "noi_dung",
    "muc",
    "ket_luan",
    "nhiem_vu",
    "phu_luc",
    "tham_quyen",
    "can_cu",
    "dieu",
    "noi_nhan",
    "chu_ky",
    "do_mat",
    "do_khan",
    "du_thao",
    "lien_he",
    "bien",
];
const CO_QUAN_KEYS: &[&str] = &["chu_quan", "ten", "ten_goi"];
const CHU_KY_KEYS: &[&str] = &[
    "thay_mat",
    "quyen_han",
    "chuc_vu_thu_truong",
    "chuc_vu",
    "ho_ten",
];
const LIEN_HE_KEYS: &[&str] = &["dia_chi", "dien_thoai", "fax", "email", "website"];

impl<'s> Loader<'s> {
    fn error(
        &mut self,
        span: Range<usize>,
        field: &str,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let mut d = Diagnostic::at(self.file, self.text, span, message);
        if !field.is_empty() {
            d = d.field(field);
        }
        let index = self.diags.len();
        self.diags.push(d);
        &mut self.diags[index]
    }

    /// An optional field: `Some(None)` when absent, `None` when present but
    /// invalid (the problem is recorded), `Some(Some(x))` otherwise.
    fn optional<'v, T>(
        &mut self,
        value: Option<&'v Value<'_>>,
        read: impl FnOnce(&mut Self, &'v Value<'_>) -> Option<T>,
    ) -> Option<Option<T>> {
        match value {
            Some(v) => read(self, v).map(Some),
            None => Some(None),
        }
    }

    /// An array of tables (`[[phu_luc]]`), each read by `read`; every
    /// item's problems are reported, not just the first item's.
    fn each_table<T>(
        &mut self,
        v: &Value<'_>,
        field: &str,
        expected: &str,
        mut read: impl FnMut(&mut Self, &Table<'_, '_>) -> Option<T>,
    ) -> Option<Vec<T>> {
        let DeValue::Array(items) = v.get_ref() else {
            self.type_error(v, field, expected);
            return None;
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let field = format!("{field}[{i}]");
            out.push(self.table(item, &field).and_then(|t| read(self, &t)));
        }
        out.into_iter().collect()
    }

    fn van_ban(&mut self, root: &DeTable<'_>) -> Option<VanBan> {
        let root = Table {
            entries: root,
            path: String::new(),
            span: 0..0,
        };
        self.check_keys(&root, ROOT_KEYS);

        let loai = self
            .optional(root.get("loai"), Self::loai)
            .map(|l| l.unwrap_or(crate::loai::cong_van()));
        let don_vi = self.danh_ba(&root);
        let co_quan = self
            .required(&root, "co_quan", "bảng [co_quan] với khóa `ten`")
            .and_then(|v| self.table(v, "co_quan"))
            .and_then(|t| self.co_quan(&t));
        let so = self.optional(root.get("so"), Self::so);
        let ky_hieu = self
            .required(&root, "ky_hieu", "ký hiệu văn bản, ví dụ \"UBND-KSTT\"")
            .and_then(|v| Some((v, self.ky_hieu(v)?)));
        let dia_danh = self
            .required(&root, "dia_danh", "địa danh, ví dụ \"Tây Ninh\"")
            .and_then(|v| self.text_line(v, "dia_danh", "địa danh"));
        let ngay = self
            .optional(root.get("ngay"), Self::ngay)
            .map(|n| n.unwrap_or(NgayBanHanh::Blank));
        let trich_yeu = self
            .required(&root, "trich_yeu", "trích yếu nội dung văn bản")
            .and_then(|v| self.text_line(v, "trich_yeu", "trích yếu nội dung"))
            .map(|t| strip_vv(&t));
        let chu_ky = self
            .required(&root, "chu_ky", "bảng [chu_ky] với `chuc_vu` và `ho_ten`")
            .and_then(|v| self.table(v, "chu_ky"))
            .and_then(|t| self.chu_ky(&t));
        let do_mat = self.optional(root.get("do_mat"), |l, v| {
            l.choice(v, "do_mat", &DoMat::ALL, DoMat::label)
        });
        let do_khan = self.optional(root.get("do_khan"), |l, v| {
            l.choice(v, "do_khan", &DoKhan::ALL, DoKhan::label)
        });
        let du_thao = self
            .optional(root.get("du_thao"), |l, v| l.boolean(v, "du_thao"))
            .map(|b| b.unwrap_or(false));
        let lien_he = self.optional(root.get("lien_he"), |l, v| {
            l.table(v, "lien_he").and_then(|t| l.lien_he(&t))
        });

        // Everything below may name units, so it needs the directory; the
        // kind decides which parts are required.
        let (loai, don_vi) = (loai?, don_vi?);
        let (ky_hieu_value, ky_hieu) = ky_hieu?;
        self.ky_hieu_matches(ky_hieu_value, &ky_hieu, loai);
        let kinh_gui = self.kinh_gui(&root, loai, &don_vi);
        let noi_nhan = self
            .required(
                &root,
                "noi_nhan",
                "danh sách nơi nhận, kết thúc bằng \"Lưu: VT, …\"",
            )
            .and_then(|v| self.noi_nhan(v, &don_vi));
        let nhiem_vu = self
            .optional(root.get("nhiem_vu"), |l, v| l.nhiem_vu_list(v, &don_vi))
            .map(Option::unwrap_or_default);
        let noi_dung = self.noi_dung_van_ban(&root, loai);
        let phu_luc = self
            .optional(root.get("phu_luc"), |l, v| l.phu_luc_list(v, &don_vi))
            .map(Option::unwrap_or_default);
        let (noi_dung, nhiem_vu, phu_luc, co_quan) = (noi_dung?, nhiem_vu?, phu_luc?, co_quan?);
        self.check_task_placement(&root, &noi_dung, &nhiem_vu, &phu_luc, &co_quan);

        Some(VanBan {
            loai,
            co_quan,
            so: SoKyHieu { so: so?, ky_hieu },
            dia_danh: dia_danh?,
            ngay: ngay?,
            trich_yeu: trich_yeu?,
            kinh_gui: kinh_gui?,
            noi_dung,
            nhiem_vu,
            phu_luc,
            noi_nhan: noi_nhan?,
            chu_ky: chu_ky?,
            do_mat: do_mat?,
            do_khan: do_khan?,
            du_thao: du_thao?,
            lien_he: lien_he?,
            danh_ba: don_vi.units,
        })
    }

    fn co_quan(&mut self, t: &Table<'_, '_>) -> Option<CoQuan> {
        self.check_keys(t, CO_QUAN_KEYS);
        let chu_quan = self
            .optional(t.get("chu_quan"), |l, v| {
                l.lines(v, "co_quan.chu_quan", "tên cơ quan chủ quản")
            })
            .map(Option::unwrap_or_default);
        let ten = self
            .required(
                t,
                "ten",
                "tên cơ quan ban hành, ví dụ [\"ỦY BAN NHÂN DÂN\", \"TỈNH TÂY NINH\"]",
            )
            .and_then(|v| self.lines(v, "co_quan.ten", "tên cơ quan ban hành"));
        let ten_goi = self.optional(t.get("ten_goi"), |l, v| {
            l.text_line(
                v,
                "co_quan.ten_goi",
                "tên gọi trong câu, ví dụ \"UBND tỉnh\"",
            )
        });
        Some(CoQuan {
            chu_quan: chu_quan?,
            ten: ten?,
            ten_goi: ten_goi?,
        })
    }

    fn check_keys(&mut self, table: &Table<'_, '_>, allowed: &[&str]) {
        for (key, _) in table.entries.iter() {
            let name = key.get_ref().as_ref();
            if allowed.contains(&name) {
                continue;
            }
            let where_ = if table.path.is_empty() {
                "ở đầu tệp".to_string()
            } else {
                format!("trong bảng [{}]", table.path)
            };
            let message = format!("khóa `{name}` không được hỗ trợ {where_}");
            let hint = match suggest(name, allowed) {
                Some(s) => format!("có phải ý bạn là `{s}`?"),
                None => format!("các khóa hợp lệ: {}", allowed.join(", ")),
            };
            let field = table.field(name);
            self.error(key.span(), &field, message).hint = Some(hint);
        }
    }

    fn required<'a, 'i>(
        &mut self,
        table: &Table<'a, 'i>,
        key: &str,
        what: &str,
    ) -> Option<&'a Value<'i>> {
        let value = table.get(key);
        if value.is_none() {
            let place = if table.path.is_empty() {
                String::new()
            } else {
                format!(" trong bảng [{}]", table.path)
            };
            let field = table.field(key);
            let message = format!("thiếu trường bắt buộc `{key}`{place}: cần {what}");
            if table.path.is_empty() {
                // A missing top-level key has no place in the file to point at.
                self.diags
                    .push(Diagnostic::file(self.file, message).field(field));
            } else {
                self.error(table.span.clone(), &field, message);
            }
        }
        value
    }

    fn type_error(&mut self, v: &Value<'_>, field: &str, expected: &str) {
        let found = type_name(v.get_ref());
        self.error(
            v.span(),
            field,
            format!("cần {expected}, nhưng gặp {found}"),
        );
    }

    fn table<'a, 'i>(&mut self, v: &'a Value<'i>, field: &str) -> Option<Table<'a, 'i>> {
        match v.get_ref() {
            DeValue::Table(t) => Some(Table {
                entries: t,
                path: field.to_string(),
                span: v.span(),
            }),
            _ => {
                self.type_error(v, field, &format!("một bảng [{field}]"));
                None
            }
        }
    }

    /// A string after NFC normalisation, rejecting control characters.
    fn raw_string(&mut self, v: &Value<'_>, field: &str, what: &str) -> Option<String> {
        let Some(s) = v.get_ref().as_str() else {
            self.type_error(v, field, &format!("một chuỗi ({what}) trong dấu nháy kép"));
            return None;
        };
        if let Some(c) = s
            .chars()
            .find(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        {
            self.error(
                v.span(),
                field,
                format!("chứa ký tự điều khiển không in được (U+{:04X})", c as u32),
            )
            .hint = Some("xóa ký tự này; thường do dán từ phần mềm khác".into());
            return None;
        }
        Some(s.nfc().collect())
    }

    /// A one-line text: whitespace runs (line breaks included) become one space.
    fn text_line(&mut self, v: &Value<'_>, field: &str, what: &str) -> Option<String> {
        let s = self.raw_string(v, field, what)?;
        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
        if s.is_empty() {
            self.error(v.span(), field, format!("không được để trống: cần {what}"));
            return None;
        }
        Some(s)
    }

    /// Lines as the clerk breaks them: a list of strings, or one string whose
    /// line breaks are kept.
    fn lines(&mut self, v: &Value<'_>, field: &str, what: &str) -> Option<Vec<String>> {
        let lines = match v.get_ref() {
            DeValue::String(_) => {
                let s = self.raw_string(v, field, what)?;
                s.lines()
                    .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                    .filter(|l| !l.is_empty())
                    .collect()
            }
            DeValue::Array(items) => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    out.push(self.text_line(item, &format!("{field}[{i}]"), what));
                }
                out.into_iter().collect::<Option<Vec<_>>>()?
            }
            _ => {
                self.type_error(
                    v,
                    field,
                    &format!("một chuỗi hoặc danh sách chuỗi ({what})"),
                );
                return None;
            }
        };
        if lines.is_empty() {
            self.error(v.span(), field, format!("không được để trống: cần {what}"));
            return None;
        }
        Some(lines)
    }

    /// Recipients-style items: one string or a list; a typed leading "- " and
    /// trailing ";"/"." are dropped since vanban adds its own.
    fn items(&mut self, v: &Value<'_>, field: &str, what: &str) -> Option<Vec<String>> {
        let items = match v.get_ref() {
            DeValue::String(_) => vec![self.text_line(v, field, what)?],
            DeValue::Array(values) => {
                let mut out = Vec::new();
                for (i, item) in values.iter().enumerate() {
                    out.push(self.text_line(item, &format!("{field}[{i}]"), what));
                }
                out.into_iter().collect::<Option<Vec<_>>>()?
            }
            _ => {
                self.type_error(
                    v,
                    field,
                    &format!("một chuỗi hoặc danh sách chuỗi ({what})"),
                );
                return None;
            }
        };
        if items.is_empty() {
            self.error(
                v.span(),
                field,
                format!("danh sách rỗng: cần ít nhất một {what}"),
            );
            return None;
        }
        Some(items.iter().map(|s| strip_item_punctuation(s)).collect())
    }

    fn so(&mut self, v: &Value<'_>) -> Option<u32> {
        let parsed = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
            DeValue::String(s)
                if !s.trim().is_empty() && s.trim().bytes().all(|b| b.is_ascii_digit()) =>
            {
                s.trim().parse::<i64>().ok()
            }
            _ => {
                self.type_error(v, "so", "một số nguyên dương, ví dụ so = 1612");
                self.diags.last_mut()?.hint =
                    Some("văn bản chưa có số thì bỏ hẳn dòng `so`, vanban để trống chỗ số".into());
                return None;
            }
        };
        match parsed {
            Some(n @ 1..=999_999) => Some(n as u32),
            _ => {
                self.error(v.span(), "so", "số văn bản phải từ 1 đến 999999");
                None
            }
        }
    }

    fn ky_hieu(&mut self, v: &Value<'_>) -> Option<String> {
        let s = self.text_line(v, "ky_hieu", "ký hiệu văn bản")?;
        let s = s.trim_start_matches('/').to_string();
        if s.contains(char::is_whitespace) {
            self.error(
                v.span(),
                "ky_hieu",
                "ký hiệu không được có dấu cách; các nhóm chữ nối bằng dấu -",
            )
            .hint = Some(format!(
                "ví dụ \"{}\"",
                s.split_whitespace().collect::<Vec<_>>().join("-")
            ));
            return None;
        }
        // Some type abbreviations keep a lower-case letter ("TTr", "QyĐ", "CTr").
        let first = s.split('-').next().unwrap_or_default();
        let official = crate::loai::all()
            .iter()
            .any(|l| l.viet_tat.as_deref() == Some(first));
        let (kept, rest) = s.split_at(if official { first.len() } else { 0 });
        if rest.chars().any(char::is_lowercase) {
            self.error(
                v.span(),
                "ky_hieu",
                "ký hiệu phải viết hoa (Nghị định 30, Phụ lục I, mục II.3)",
            )
            .hint = Some(format!("viết \"{kept}{}\"", rest.to_uppercase()));
            return None;
        }
        Some(s)
    }

    fn ngay(&mut self, v: &Value<'_>) -> Option<NgayBanHanh> {
        const EXPECTED: &str = "ngày ban hành dạng 2024-05-31 hoặc \"31/5/2024\"; bản nháp có thể ghi \"5/2024\" hay \"2024\"";
        let parsed = match v.get_ref() {
            DeValue::Datetime(dt) => match (dt.date, dt.time) {
                (Some(d), None) => {
                    chrono::NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
                        .map(NgayBanHanh::Day)
                }
                _ => None,
            },
            DeValue::String(s) => parse_date(s.trim()),
            _ => {
                self.type_error(v, "ngay", EXPECTED);
                return None;
            }
        };
        if parsed.is_none() {
            let shown = match v.get_ref() {
                DeValue::String(s) => format!("\"{s}\""),
                _ => self.text[v.span()].to_string(),
            };
            self.error(
                v.span(),
                "ngay",
                format!("ngày không hợp lệ: {shown}; cần {EXPECTED}"),
            );
        }
        parsed
    }

    /// Body markup (see `body`), with markup errors pointed at in the file.
    fn markup(&mut self, v: &Value<'_>, field: &str, what: &str) -> Option<Vec<Block>> {
        let raw = v.get_ref().as_str();
        let s = self.raw_string(v, field, what)?;
        if s.trim().is_empty() {
            self.error(v.span(), field, format!("không được để trống: cần {what}"));
            return None;
        }
        // Markup errors carry offsets into the string; they map onto the file
        // only where the string is stored verbatim (no escapes, already NFC).
        let content_start = raw.and_then(|raw| self.verbatim_start(v.span(), raw, &s));
        match body::parse(&s) {
            Ok(blocks) => Some(blocks),
            Err(errors) => {
                for e in errors {
                    let span = match content_start {
                        Some(start) => start + e.span.start..start + e.span.end,
                        None => v.span(),
                    };
                    self.error(span, field, e.message);
                }
                None
            }
        }
    }

    fn verbatim_start(&self, span: Range<usize>, raw: &str, normalized: &str) -> Option<usize> {
        if raw != normalized {
            return None;
        }
        let quoted = self.text.get(span.clone())?;
        let mut start = span.start;
        if quoted.starts_with("\"\"\"") || quoted.starts_with("'''") {
            start += 3;
            let after = &self.text[start..];
            start += if after.starts_with("\r\n") {
                2
            } else if after.starts_with('\n') {
                1
            } else {
                0
            };
        } else {
            start += 1;
        }
        (self.text.get(start..start + raw.len()) == Some(raw)).then_some(start)
    }

    fn noi_nhan(&mut self, v: &Value<'_>, don_vi: &DanhBa) -> Option<NoiNhan> {
        let items = self.items(v, "noi_nhan", "nơi nhận")?;
        let is_luu = |s: &str| {
            let lower = s.to_lowercase();
            lower.starts_with("lưu:") || lower.starts_with("lưu ")
        };
        let luu_positions: Vec<usize> = items
            .iter()
            .enumerate()
            .filter(|(_, s)| is_luu(s))
            .map(|(i, _)| i)
            .collect();
        let item_span = |i: usize| match v.get_ref() {
            DeValue::Array(a) => a.get(i).map_or(v.span(), |x| x.span()),
            _ => v.span(),
        };
        match luu_positions.as_slice() {
            [] => {
                self.error(
                    v.span(),
                    "noi_nhan",
                    "thiếu mục lưu văn bản ở cuối danh sách nơi nhận",
                )
                .hint = Some("thêm mục cuối cùng \"Lưu: VT, <đơn vị soạn thảo>\"".into());
                None
            }
            [i] if *i == items.len() - 1 => {
                let luu = items[*i]["Lưu".len()..]
                    .trim_start_matches([':', ' '])
                    .trim()
                    .to_string();
                if luu.is_empty() {
                    self.error(
                        item_span(*i),
                        &format!("noi_nhan[{i}]"),
                        "mục \"Lưu:\" chưa ghi nơi lưu",
                    )
                    .hint = Some("ví dụ \"Lưu: VT, KSTT\"".into());
                    return None;
                }
                let mut gui = Vec::new();
                for (j, item) in items[..*i].iter().enumerate() {
                    let unit =
                        self.don_vi_ref(item, item_span(j), &format!("noi_nhan[{j}]"), don_vi);
                    gui.push(unit.map(|u| u.ten));
                }
                Some(NoiNhan {
                    gui: gui.into_iter().collect::<Option<_>>()?,
                    luu,
                })
            }
            [i] => {
                self.error(
                    item_span(*i),
                    &format!("noi_nhan[{i}]"),
                    "mục \"Lưu: …\" phải đứng cuối danh sách nơi nhận",
                );
                None
            }
            [_, second, ..] => {
                self.error(
                    item_span(*second),
                    &format!("noi_nhan[{second}]"),
                    "chỉ được có một mục \"Lưu: …\"",
                );
                None
            }
        }
    }

    fn chu_ky(&mut self, t: &Table<'_, '_>) -> Option<ChuKy> {
        self.check_keys(t, CHU_KY_KEYS);
        let thay_mat = self.optional(t.get("thay_mat"), |l, v| {
            l.text_line(
                v,
                "chu_ky.thay_mat",
                "tên tập thể lãnh đạo, ví dụ \"ỦY BAN NHÂN DÂN\"",
            )
        });
        let quyen_han = t.get("quyen_han").map(|v| (v, self.quyen_han(v)));
        let thu_truong = match (t.get("chuc_vu_thu_truong"), &quyen_han) {
            (Some(v), Some(_)) => {
                Some(self.text_line(v, "chu_ky.chuc_vu_thu_truong", "chức vụ người đứng đầu"))
            }
            (None, Some((v, _))) => {
                self.error(
                    v.span(),
                    "chu_ky.chuc_vu_thu_truong",
                    "ký thay, ký thừa lệnh… cần ghi chức vụ của người đứng đầu",
                )
                .hint =
                    Some("thêm chuc_vu_thu_truong = \"CHỦ TỊCH\" (in ra \"KT. CHỦ TỊCH\")".into());
                Some(None)
            }
            (Some(v), None) => {
                self.error(
                    v.span(),
                    "chu_ky.chuc_vu_thu_truong",
                    "chỉ dùng cùng `quyen_han` (KT., Q., TL., TUQ.)",
                );
                Some(None)
            }
            (None, None) => None,
        };
        let chuc_vu = self
            .required(t, "chuc_vu", "chức vụ người ký, ví dụ \"PHÓ CHỦ TỊCH\"")
            .and_then(|v| self.text_line(v, "chu_ky.chuc_vu", "chức vụ người ký"));
        let ho_ten = self
            .required(t, "ho_ten", "họ và tên người ký")
            .and_then(|v| self.text_line(v, "chu_ky.ho_ten", "họ và tên người ký"));

        let quyen_han = match (quyen_han, thu_truong) {
            (Some((_, q)), Some(head)) => Some((q?, head?)),
            (None, None) => None,
            _ => return None,
        };
        Some(ChuKy {
            thay_mat: thay_mat?,
            quyen_han,
            chuc_vu: chuc_vu?,
            ho_ten: ho_ten?,
        })
    }

    fn quyen_han(&mut self, v: &Value<'_>) -> Option<QuyenHan> {
        let s = self.text_line(
            v,
            "chu_ky.quyen_han",
            "quyền hạn ký: KT., Q., TL. hoặc TUQ.",
        )?;
        let key = s.trim_end_matches('.').to_uppercase();
        if let Some(q) = QuyenHan::ALL
            .into_iter()
            .find(|q| q.abbreviation().trim_end_matches('.') == key)
        {
            return Some(q);
        }
        let d = self.error(
            v.span(),
            "chu_ky.quyen_han",
            format!("quyền hạn \"{s}\" không hợp lệ; cần KT., Q., TL. hoặc TUQ."),
        );
        d.hint = Some(if key == "TM" {
            "ký thay mặt tập thể thì dùng thay_mat = \"ỦY BAN NHÂN DÂN\" (in ra \"TM. ỦY BAN NHÂN DÂN\")".into()
        } else {
            "để trống (bỏ dòng quyen_han) khi người đứng đầu ký trực tiếp".into()
        });
        None
    }

    fn choice<T: Copy>(
        &mut self,
        v: &Value<'_>,
        field: &str,
        all: &[T],
        label: fn(T) -> &'static str,
    ) -> Option<T> {
        let labels: Vec<&str> = all.iter().map(|&c| label(c)).collect();
        let s = self.text_line(v, field, &labels.join(", "))?;
        if let Some(&found) = all.iter().find(|&&c| fold(label(c)) == fold(&s)) {
            return Some(found);
        }
        self.error(
            v.span(),
            field,
            format!(
                "giá trị \"{s}\" không hợp lệ; cần một trong: {}",
                labels.join(", ")
            ),
        );
        None
    }

    fn boolean(&mut self, v: &Value<'_>, field: &str) -> Option<bool> {
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.type_error(v, field, "true hoặc false (không có dấu nháy)");
                None
            }
        }
    }

    fn lien_he(&mut self, t: &Table<'_, '_>) -> Option<LienHe> {
        self.check_keys(t, LIEN_HE_KEYS);
        let mut get = |key: &str, what: &str| {
            self.optional(t.get(key), |l, v| l.text_line(v, &t.field(key), what))
        };
        let lien_he = LienHe {
            dia_chi: get("dia_chi", "địa chỉ")?,
            dien_thoai: get("dien_thoai", "số điện thoại")?,
            fax: get("fax", "số fax")?,
            email: get("email", "địa chỉ thư điện tử")?,
            website: get("website", "trang thông tin điện tử")?,
        };
        if lien_he == LienHe::default() {
            self.error(t.span.clone(), "lien_he", "bảng [lien_he] trống: cần ít nhất một trong dia_chi, dien_thoai, fax, email, website");
            return None;
        }
        Some(lien_he)
    }
}

fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "một chuỗi",
        DeValue::Integer(_) => "một số nguyên",
        DeValue::Float(_) => "một số thực",
        DeValue::Boolean(_) => "giá trị true/false",
        DeValue::Datetime(_) => "một ngày giờ",
        DeValue::Array(_) => "một danh sách",
        DeValue::Table(_) => "một bảng",
    }
}

/// "31/5/2024", "2024-05-31", "5/2024", "2024".
fn parse_date(s: &str) -> Option<NgayBanHanh> {
    let num = |p: &str| {
        (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let year = |y: u32| (1900..=2200).contains(&y).then_some(y as i32);
    let parts: Vec<&str> = s.split(['/', '-']).map(str::trim).collect();
    match parts.as_slice() {
        [y] => Some(NgayBanHanh::Year(year(num(y)?)?)),
        [m, y] => {
            let m = num(m)?;
            (1..=12).contains(&m).then_some(())?;
            Some(NgayBanHanh::Month {
                month: m,
                year: year(num(y)?)?,
            })
        }
        [a, b, c] if a.len() == 4 => {
            chrono::NaiveDate::from_ymd_opt(year(num(a)?)?, num(b)?, num(c)?).map(NgayBanHanh::Day)
        }
        [d, m, y] => {
            chrono::NaiveDate::from_ymd_opt(year(num(y)?)?, num(m)?, num(d)?).map(NgayBanHanh::Day)
        }
        _ => None,
    }
}

fn strip_vv(s: &str) -> String {
    let lower = s.to_lowercase();
    if lower.starts_with("v/v ") {
        s[4..].trim_start().to_string()
    } else {
        s.to_string()
    }
}

fn strip_item_punctuation(s: &str) -> String {
    let s = s.strip_prefix("- ").unwrap_or(s);
    s.trim_end_matches([';', '.', ',']).trim_end().to_string()
}

/// Folds a key or label for loose comparison: no diacritics, lower case,
/// separators as "_" ("Trích yếu" → "trich_yeu", "TỐI MẬT" → "toi_mat").
pub(crate) fn fold(s: &str) -> String {
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

pub(crate) fn suggest<'a>(key: &str, allowed: &[&'a str]) -> Option<&'a str> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_forgive_diacritics_case_and_typos() {
        assert_eq!(suggest("trích_yếu", ROOT_KEYS), Some("trich_yeu"));
        assert_eq!(suggest("Kính gửi", ROOT_KEYS), Some("kinh_gui"));
        assert_eq!(suggest("noi_nha", ROOT_KEYS), Some("noi_nhan"));
        assert_eq!(suggest("hoten", CHU_KY_KEYS), Some("ho_ten"));
        assert_eq!(suggest("hinh_anh_minh_hoa", ROOT_KEYS), None);
    }

    #[test]
    fn dates_in_the_forms_clerks_write() {
        let d = |y, m, d| {
            Some(NgayBanHanh::Day(
                chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap(),
            ))
        };
        assert_eq!(parse_date("31/5/2024"), d(2024, 5, 31));
        assert_eq!(parse_date("05/01/2020"), d(2020, 1, 5));
        assert_eq!(parse_date("2024-05-31"), d(2024, 5, 31));
        assert_eq!(
            parse_date("4/2024"),
            Some(NgayBanHanh::Month {
                month: 4,
                year: 2024
            })
        );
        assert_eq!(parse_date("2024"), Some(NgayBanHanh::Year(2024)));
        assert_eq!(parse_date("31/2/2024"), None);
        assert_eq!(parse_date("13/2024"), None);
        assert_eq!(parse_date("mai"), None);
    }

    #[test]
    fn item_punctuation_is_left_to_vanban() {
        assert_eq!(strip_item_punctuation("- Công an tỉnh;"), "Công an tỉnh");
        assert_eq!(
            strip_item_punctuation("UBND các huyện, thị xã, thành phố."),
            "UBND các huyện, thị xã, thành phố"
        );
        assert_eq!(strip_vv("V/v triển khai"), "triển khai");
    }
}
