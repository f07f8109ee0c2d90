//! TOML → model. Walks toml's spanned document tree by hand (rather than
//! serde derive) so that every message can be Vietnamese, name the field
//! path, and point at the line and column; all problems are collected, not
//! just the first.

use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::error::{Diagnostic, Error, Result};
use crate::model::*;

mod bang;
mod don_vi;
mod nhiem_vu;
mod noi_dung;
mod phu_luc;
mod table;
mod value;
mod van_ban;

pub(crate) use don_vi::is_id;
use table::Table;
use value::strip_item_punctuation;

pub(crate) use crate::suggest::{fold, suggest};

type Value<'i> = Spanned<DeValue<'i>>;

/// A table header's text and the footnotes it cites.
type Nhan = (String, Vec<Vec<Run>>);

/// A document that loaded, and what in its input was accepted but not used
/// as written (printed as warnings; errors under `--nghiem`).
#[derive(Debug)]
pub struct Loaded {
    pub van_ban: VanBan,
    pub warnings: Vec<Diagnostic>,
}

impl Loaded {
    /// The document, or under `strict` its warnings as errors.
    pub fn strict(self, strict: bool) -> Result<(VanBan, Vec<Diagnostic>)> {
        if strict && !self.warnings.is_empty() {
            let errors = self
                .warnings
                .into_iter()
                .map(|w| w.with_severity(crate::error::Severity::Error))
                .collect();
            return Err(Error::Input(errors));
        }
        Ok((self.van_ban, self.warnings))
    }
}

/// Reads and validates a văn bản from a TOML file.
pub fn load_file(path: &Path) -> Result<Loaded> {
    load_str(path, &read_text(path)?)
}

/// A TOML file's text, refused with a Vietnamese message when it is not UTF-8.
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = crate::input::read(path, crate::input::TOML_TOI_DA)?;
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
pub fn load_str(path: &Path, text: &str) -> Result<Loaded> {
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
    data_files: Option<&crate::du_lieu::ReadCache>,
) -> Result<Loaded> {
    let mut loader = Loader::new(path, text, data_files);
    let document = loader.van_ban(root);
    match document {
        Some(van_ban) if loader.diags.is_empty() => Ok(Loaded {
            van_ban,
            warnings: loader.warnings,
        }),
        _ => Err(Error::Input(loader.diags)),
    }
}

/// The units a document tree may name: its directory and `[don_vi]`.
pub fn directory(path: &Path, text: &str, root: &DeTable<'_>) -> Result<DanhBa> {
    let mut loader = Loader::new(path, text, None);
    let root = Table::root(root, &crate::spec::ROOT);
    match loader.danh_ba(&root) {
        Some(danh_ba) if loader.diags.is_empty() => Ok(danh_ba),
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
        (
            "invalid date",
            "ngày tháng không có thật (ví dụ ngày 30 tháng 2) hoặc viết sai dạng NNNN-TT-NN",
        ),
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
    let all: Vec<&str> = crate::spec::tables()
        .iter()
        .flat_map(|t| t.names())
        .collect();
    suggest(key, &all).map(|s| format!("có phải ý bạn là `{s}`?"))
}

struct Loader<'s> {
    file: &'s Path,
    text: &'s str,
    diags: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    /// The document's `[chu_thich]`, which any text may cite.
    chu_thich: crate::body::ChuThich,
    /// Reading a text that takes emphasis and footnotes (no warning then).
    reading_markup: bool,
    data_files: Option<&'s crate::du_lieu::ReadCache>,
}

impl<'s> Loader<'s> {
    fn new(
        file: &'s Path,
        text: &'s str,
        data_files: Option<&'s crate::du_lieu::ReadCache>,
    ) -> Self {
        Loader {
            file,
            text,
            diags: Vec::new(),
            warnings: Vec::new(),
            chu_thich: Default::default(),
            reading_markup: false,
            data_files,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    pub(super) fn suggestions_forgive_diacritics_case_and_typos() {
        let root = crate::spec::ROOT.names();
        assert_eq!(suggest("trích_yếu", &root), Some("trich_yeu"));
        assert_eq!(suggest("Kính gửi", &root), Some("kinh_gui"));
        assert_eq!(suggest("noi_nha", &root), Some("noi_nhan"));
        assert_eq!(
            suggest("hoten", &crate::spec::CHU_KY.names()),
            Some("ho_ten")
        );
        assert_eq!(suggest("hinh_anh_minh_hoa", &root), None);
    }
}
