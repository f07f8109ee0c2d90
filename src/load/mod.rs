//! TOML → model. Walks toml's spanned document tree by hand (rather than
//! serde derive) so that every message can be Vietnamese, name the field
//! path, and point at the line and column; all problems are collected, not
//! just the first.

use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::error::{Diagnostic, Error, Result};
use crate::model::*;

mod anh;
mod bang;
pub mod body;
mod don_vi;
pub mod du_lieu;
mod kem_theo;
pub mod ky_tu;
mod locate;
mod nhiem_vu;
mod noi_dung;
mod phu_luc;
mod so_ky_hieu;
mod table;
mod value;
mod van_ban;

pub(crate) use don_vi::is_id;
pub use locate::{field_span, locate, place_of};
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
        let warnings = crate::error::strict(self.warnings, strict)?;
        Ok((self.van_ban, warnings))
    }
}

/// Which files the paths a document names (`du_lieu`, `danh_ba`) may reach.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Reach {
    /// The document's folder and its subfolders, links followed: a document
    /// (or a batch template) from elsewhere cannot print another folder's
    /// file into a letter.
    #[default]
    DocumentFolder,
    /// Any file the user can read, when the clerk says so (`--cho-phep-ngoai`).
    Anywhere,
}

/// How a document is loaded, beyond its text.
#[derive(Clone, Copy, Default)]
pub struct Options<'a> {
    pub reach: Reach,
    /// A batch reads each data file once for all its documents.
    pub data_files: Option<&'a crate::load::du_lieu::ReadCache>,
    /// The text was filled in by a batch, which marks its values
    /// ([`body::LITERAL`]) so that they print as written.
    pub filled: bool,
}

/// Reads and validates a văn bản from a TOML file; its paths stay in its folder.
pub fn load_file(path: &Path) -> Result<Loaded> {
    load_file_with(path, &Options::default())
}

/// [`load_file`] with options.
pub fn load_file_with(path: &Path, options: &Options<'_>) -> Result<Loaded> {
    load_text(path, &read_text(path)?, options)
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
    load_text(path, text, &Options::default())
}

/// `text` (read from `path`, which places its messages and its files)
/// loaded with `options`.
pub fn load_text(path: &Path, text: &str, options: &Options<'_>) -> Result<Loaded> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let root = parse(path, text)?;
    load_table(path, text, root.get_ref(), options)
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
/// batch passes trees whose strings it has filled in.
pub fn load_table(
    path: &Path,
    text: &str,
    root: &DeTable<'_>,
    options: &Options<'_>,
) -> Result<Loaded> {
    let mut loader = Loader::new(path, text, options);
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
pub fn directory(path: &Path, text: &str, root: &DeTable<'_>, reach: Reach) -> Result<DanhBa> {
    let options = Options {
        reach,
        data_files: None,
        filled: false,
    };
    let mut loader = Loader::new(path, text, &options);
    let root = Table::root(root, &crate::spec::ROOT);
    match loader.danh_ba(&root) {
        Some(danh_ba) if loader.diags.is_empty() => Ok(danh_ba),
        _ => Err(Error::Input(loader.diags)),
    }
}

/// The data files a document tree names (`phu_luc[].bang[].du_lieu`) and
/// its directory file (`danh_ba`), checked as a load would check them: in
/// reach and present; the files, resolved. A batch checks its template once
/// so that a wrong path stops it before any letter is written, rather than
/// failing every unit alike, and so that nothing it writes replaces them.
pub fn check_paths(
    path: &Path,
    text: &str,
    root: &DeTable<'_>,
    reach: Reach,
) -> Result<Vec<PathBuf>> {
    let options = Options {
        reach,
        data_files: None,
        filled: false,
    };
    let mut loader = Loader::new(path, text, &options);
    fn tables<'a, 'i>(v: Option<&'a Value<'i>>) -> Vec<&'a DeTable<'i>> {
        match v.map(|v| v.get_ref()) {
            Some(DeValue::Array(items)) => items
                .iter()
                .filter_map(|i| match i.get_ref() {
                    DeValue::Table(t) => Some(t),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    }
    for (i, phu_luc) in tables(root.get("phu_luc")).iter().enumerate() {
        for (j, bang) in tables(phu_luc.get("bang")).iter().enumerate() {
            if let Some(v) = bang.get("du_lieu")
                && let DeValue::String(rel) = v.get_ref()
            {
                let field = format!("phu_luc[{i}].bang[{j}].du_lieu");
                loader.resolve(rel, v.span(), &field);
            }
        }
    }
    if let Some(v) = root.get("danh_ba")
        && let DeValue::String(name) = v.get_ref()
        && don_vi::names_file(name)
    {
        loader.resolve(name, v.span(), "danh_ba");
    }
    if loader.diags.is_empty() {
        Ok(loader.read)
    } else {
        Err(Error::Input(loader.diags))
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
            "must be quoted",
            "giá trị chữ phải đặt trong dấu nháy kép \"…\"",
        ),
        (
            "unexpected key or value",
            "thừa chữ sau giá trị: mỗi khóa = giá trị nằm trên một dòng riêng",
        ),
        (
            "invalid float",
            "số thập phân viết sai (viết 7.5, hoặc \"7,5\" trong dấu nháy)",
        ),
        ("invalid integer", "số nguyên viết sai"),
        ("invalid boolean", "giá trị đúng/sai chỉ là true hoặc false"),
        (
            "invalid key-value pair",
            "dòng không có dạng khóa = giá trị",
        ),
        (
            "carriage return must be followed by newline",
            "dấu xuống dòng CR đứng riêng (tệp lưu theo kiểu máy Mac cũ); lưu lại tệp với kiểu xuống dòng Windows (CRLF) hoặc Unix (LF)",
        ),
        (
            "invalid comment character",
            "chú thích (sau dấu #) có ký tự điều khiển không in được; xóa ký tự đó",
        ),
        ("recurse", "dấu ngoặc [ ] hoặc { } lồng nhau quá sâu"),
        ("out of range", "số quá lớn"),
        (
            "escaped value",
            "dấu \\ trong chuỗi nháy kép phải đi với n, t, \", \\ (viết \\\\ cho một dấu \\, hoặc dùng nháy đơn '…')",
        ),
        (
            "invalid date",
            "ngày tháng không có thật (ví dụ ngày 30 tháng 2) hoặc viết sai dạng NNNN-TT-NN",
        ),
    ];
    let detail = detail.trim();
    // A detail never echoes a huge line.
    let detail: String = detail.chars().take(200).collect();
    let detail = detail.as_str();
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
    chu_thich: body::ChuThich,
    /// Reading a text that takes emphasis and footnotes (no warning then).
    reading_markup: bool,
    data_files: Option<&'s crate::load::du_lieu::ReadCache>,
    reach: Reach,
    /// Every file the document names, as resolved: no output may replace one.
    read: Vec<PathBuf>,
    /// A batch's filled text, whose values carry [`body::LITERAL`].
    filled: bool,
}

impl<'s> Loader<'s> {
    fn new(file: &'s Path, text: &'s str, options: &Options<'s>) -> Self {
        Loader {
            file,
            text,
            diags: Vec::new(),
            warnings: Vec::new(),
            chu_thich: Default::default(),
            reading_markup: false,
            data_files: options.data_files,
            reach: options.reach,
            filled: options.filled,
            read: Vec::new(),
        }
    }

    /// A path the document names (`field`), taken from its folder; one
    /// that leads outside it is refused unless the clerk allowed it.
    fn resolve(&mut self, rel: &str, span: std::ops::Range<usize>, field: &str) -> Option<PathBuf> {
        let folder = self.file.parent().unwrap_or(Path::new(""));
        let full = folder.join(rel);
        let shown = match folder.as_os_str().is_empty() {
            true => "thư mục hiện tại".to_string(),
            false => format!("thư mục {}", folder.display()),
        };
        if self.reach == Reach::DocumentFolder && !crate::input::within(folder, &full) {
            self.error(
                span,
                field,
                format!("tệp \"{rel}\" nằm ngoài thư mục chứa văn bản ({shown})"),
            )
            .hint = Some(
                "chép tệp vào thư mục của văn bản (hoặc một thư mục con) và ghi đường dẫn tính từ đó; \
                 nếu chắc chắn muốn đọc tệp ở ngoài, chạy lại với --cho-phep-ngoai"
                    .into(),
            );
            return None;
        }
        if !full.exists() {
            self.error(
                span,
                field,
                format!("không có tệp \"{rel}\" trong {shown}"),
            )
            .hint = Some(
                "kiểm tra tên tệp (cả chữ hoa, chữ thường và đuôi .csv, .xlsx, .toml) và đường dẫn tính từ thư mục chứa văn bản"
                    .into(),
            );
            return None;
        }
        self.read.push(full.clone());
        Some(full)
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
