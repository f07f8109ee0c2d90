//! Errors a clerk can act on: in Vietnamese, naming the file, line, column and
//! field, with the offending source line underneath.
//!
//! Hand-written rather than codespan/annotate-snippets/miette: those print an
//! English severity word ("error:", "warning:") that we cannot translate.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The document cannot be made until it is fixed.
    Error,
    /// Input accepted but not used, or used differently than written: the
    /// document is made (unless `--nghiem` says otherwise).
    Warning,
    /// Office practice a review suggests (`vanban check`); never stops anything.
    Suggestion,
}

impl Severity {
    /// As printed: "lỗi", "cảnh báo", "gợi ý".
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "lỗi",
            Severity::Warning => "cảnh báo",
            Severity::Suggestion => "gợi ý",
        }
    }
}

/// One problem in one input file.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The review rule that found it (`VB001`…), for `vanban check`.
    pub code: Option<&'static str>,
    pub file: PathBuf,
    /// 1-based line and column (in characters), when the problem has a place.
    pub position: Option<(usize, usize)>,
    /// Dotted field path such as `chu_ky.ho_ten`.
    pub field: Option<String>,
    pub message: String,
    pub hint: Option<String>,
    /// The source line and the span's column range in it, for the caret line.
    excerpt: Option<(String, Range<usize>)>,
}

impl Diagnostic {
    /// A problem with the file as a whole (missing, unreadable, empty).
    pub fn file(file: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code: None,
            file: file.to_path_buf(),
            position: None,
            field: None,
            message: message.into(),
            hint: None,
            excerpt: None,
        }
    }

    /// A problem at byte range `span` of `text`, the contents of `file`.
    pub fn at(file: &Path, text: &str, span: Range<usize>, message: impl Into<String>) -> Self {
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let end = floor_char_boundary(text, span.end.clamp(start, text.len()));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line_no = text[..start].matches('\n').count() + 1;
        let col = text[line_start..start].chars().count() + 1;
        let line = text[line_start..line_end].trim_end_matches('\r');
        let caret_end = col - 1 + text[start..end.min(line_end)].chars().count().max(1);
        Diagnostic {
            severity: Severity::Error,
            code: None,
            file: file.to_path_buf(),
            position: Some((line_no, col)),
            field: None,
            message: message.into(),
            hint: None,
            excerpt: Some(window(line, col - 1..caret_end)),
        }
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        let field = field.into();
        if !field.is_empty() {
            self.field = Some(field);
        }
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
}

/// At most this many characters of a source line are shown under a message.
const DONG_TOI_DA: usize = 120;

/// The part of `line` around `cols` (character columns) that fits a
/// terminal, with "…" where it is cut, and the columns within it: a
/// 200,000-character line is not printed whole.
fn window(line: &str, cols: Range<usize>) -> (String, Range<usize>) {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= DONG_TOI_DA {
        return (line.to_string(), cols);
    }
    let start = cols.start.saturating_sub(DONG_TOI_DA / 3);
    let end = (start + DONG_TOI_DA).min(chars.len());
    let mut shown: String = chars[start..end].iter().collect();
    let mut offset = start;
    if start > 0 {
        shown.insert(0, '…');
        offset -= 1;
    }
    if end < chars.len() {
        shown.push('…');
    }
    let caret = cols.start - offset..(cols.end - offset).min(shown.chars().count());
    (shown, caret)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.severity.label())?;
        if let Some(code) = self.code {
            write!(f, " [{code}]")?;
        }
        write!(f, ": {}", shown(&self.file))?;
        if let Some((line, col)) = self.position {
            write!(f, ":{line}:{col}")?;
        }
        write!(f, ": ")?;
        if let Some(field) = &self.field {
            write!(f, "trường `{field}`: ")?;
        }
        write!(f, "{}", self.message)?;
        if let (Some((line_text, cols)), Some((line, _))) = (&self.excerpt, self.position) {
            let gutter = line.to_string().len();
            let shown: String = line_text
                .chars()
                .map(|c| if c == '\t' { ' ' } else { c })
                .collect();
            write!(f, "\n{:gutter$} |\n{line} | {shown}\n{:gutter$} | ", "", "")?;
            write!(
                f,
                "{}{}",
                " ".repeat(cols.start),
                "^".repeat(cols.len().max(1))
            )?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  gợi ý: {hint}")?;
        }
        Ok(())
    }
}

/// Everything that can go wrong between a TOML file and a PDF on disk.
#[derive(Debug)]
pub enum Error {
    /// The input is wrong; the clerk must fix it.
    Input(Vec<Diagnostic>),
    /// Reading or writing a file failed.
    Io {
        path: PathBuf,
        action: &'static str,
        source: std::io::Error,
    },
    /// The fonts cannot print the document faithfully.
    Font(String),
    /// `vanban check` found errors (already printed).
    Checked,
    /// Characters of the document its fonts do not have; [`crate::load::locate`]
    /// turns this into errors at the places they were typed.
    Glyphs { family: String, missing: Vec<char> },
    /// Typst rejected the templates: a bug in vanban, not in the input.
    Template(Vec<String>),
    /// Standard output could not be written (a closed pipe, a full disk).
    Stdout(std::io::Error),
    /// A batch stopped by Ctrl-C or SIGTERM: the letters made are listed in
    /// its manifest, the others marked not made.
    Stopped { made: usize, total: usize },
    /// Some units of a batch failed (each already reported); the others
    /// were written.
    Batch(usize),
    /// A command refused to start (`vanban init` with an unknown kind or
    /// onto an existing file); nothing was written.
    Refused { message: String, hint: String },
}

impl Error {
    pub fn io(path: &Path, action: &'static str, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            action,
            source,
        }
    }
}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Self {
        Error::Input(vec![d])
    }
}

impl From<Box<Diagnostic>> for Error {
    fn from(d: Box<Diagnostic>) -> Self {
        Error::Input(vec![*d])
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Input(diags) => {
                for (i, d) in diags.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    writeln!(f, "{d}")?;
                }
                if diags.len() > 1 {
                    write!(f, "có {} lỗi; chưa tạo tệp nào.", diags.len())?;
                } else {
                    write!(f, "chưa tạo tệp nào.")?;
                }
                Ok(())
            }
            Error::Io {
                path,
                action,
                source,
            } => {
                write!(
                    f,
                    "lỗi: không {action} được tệp {}: {}",
                    shown(path),
                    io_reason(source)
                )
            }
            Error::Font(msg) => write!(f, "lỗi phông chữ: {msg}"),
            Error::Stdout(e) => write!(
                f,
                "lỗi: không ghi được kết quả ra màn hình hay đường ống: {}",
                io_reason(e)
            ),
            Error::Checked => write!(
                f,
                "lỗi: văn bản chưa đạt khi rà soát (chi tiết ở trên); sửa rồi chạy lại vanban check"
            ),
            Error::Glyphs { family, missing } => write!(
                f,
                "lỗi phông chữ: phông {family} không có ký tự {}; văn bản sẽ in sai nên chưa tạo PDF.\n  gợi ý: {GLYPH_HINT}",
                glyph_names(missing)
            ),
            Error::Refused { message, hint } => {
                write!(f, "lỗi: {message}\n  gợi ý: {hint}\nchưa tạo tệp nào.")
            }
            Error::Stopped { made, total } => write!(
                f,
                "lỗi: đã dừng theo yêu cầu (Ctrl-C): đã tạo {made}/{total} văn bản; các đơn vị còn lại ghi \"Chưa tạo\" trong manifest.csv, chạy lại lệnh để tạo đủ"
            ),
            Error::Batch(n) => write!(
                f,
                "lỗi: {n} đơn vị chưa tạo được văn bản (lý do ở trên và trong manifest.csv); các đơn vị khác đã tạo xong."
            ),
            Error::Template(msgs) => {
                writeln!(
                    f,
                    "lỗi nội bộ khi dàn trang (mẫu văn bản của vanban có lỗi, xin báo cho nhóm phát triển):"
                )?;
                for m in msgs {
                    writeln!(f, "  {m}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for Error {}

/// What to do about a character the fonts lack.
pub const GLYPH_HINT: &str =
    "thay ký tự đó (thường do dán từ phần mềm khác) hoặc dùng --font-dir với phông có ký tự này";

/// «c» (U+XXXX), …
pub fn glyph_names(chars: &[char]) -> String {
    chars
        .iter()
        .map(|c| format!("«{c}» (U+{:04X})", *c as u32))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A path as messages print it: whole, unless it is too long to read (a
/// 6,000-character name once filled the screen), then its two ends.
pub fn shown(path: &Path) -> String {
    const KEEP: usize = 80;
    let full = path.display().to_string();
    let chars: Vec<char> = full.chars().collect();
    if chars.len() <= 2 * KEEP + 20 {
        return full;
    }
    let head: String = chars[..KEEP].iter().collect();
    let tail: String = chars[chars.len() - KEEP..].iter().collect();
    format!("{head}…(bỏ {} ký tự)…{tail}", chars.len() - 2 * KEEP)
}

/// The OS reason in Vietnamese for the cases a clerk meets.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "không tồn tại".into(),
        PermissionDenied => "không có quyền truy cập".into(),
        AlreadyExists => "đã tồn tại".into(),
        IsADirectory => "đây là một thư mục, không phải tệp".into(),
        NotADirectory => "đường dẫn có phần không phải thư mục".into(),
        StorageFull => "ổ đĩa đã đầy".into(),
        ReadOnlyFilesystem => "ổ đĩa chỉ cho phép đọc".into(),
        InvalidFilename => "tên tệp quá dài hoặc có ký tự không được phép".into(),
        QuotaExceeded => "đã hết hạn mức dung lượng được cấp".into(),
        FileTooLarge => "tệp quá lớn với ổ đĩa này".into(),
        ResourceBusy | ExecutableFileBusy => "tệp đang được chương trình khác dùng".into(),
        DirectoryNotEmpty => "thư mục không trống".into(),
        BrokenPipe => "nơi nhận đã đóng (chương trình đọc kết quả đã dừng, ví dụ head)".into(),
        CrossesDevices => "không chuyển được tệp giữa hai ổ đĩa".into(),
        // The system's own words (English) after a Vietnamese head, for the
        // rare kinds above do not name.
        _ => match e.raw_os_error() {
            Some(code) => format!("lỗi hệ thống số {code} ({e})"),
            None => format!("lỗi hệ thống ({e})"),
        },
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Warnings, or under `strict` (`--nghiem`) the same as errors: the one
/// place input accepted with a warning becomes a refusal.
pub fn strict(warnings: Vec<Diagnostic>, strict: bool) -> Result<Vec<Diagnostic>> {
    if strict && !warnings.is_empty() {
        let errors = warnings
            .into_iter()
            .map(|w| w.with_severity(Severity::Error))
            .collect();
        return Err(Error::Input(errors));
    }
    Ok(warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_shown_around_its_place_only() {
        let text = format!("x = \"{}Ầ{}\"\n", "a".repeat(5_000), "b".repeat(5_000));
        let at = text.find('Ầ').unwrap();
        let d = Diagnostic::at(Path::new("f.toml"), &text, at..at + 'Ầ'.len_utf8(), "sai");
        let shown = d.to_string();
        assert!(shown.len() < 600, "{shown}");
        let lines: Vec<&str> = shown.lines().collect();
        let source = lines[2];
        let caret = lines[3];
        let col = caret.find('^').unwrap();
        assert_eq!(source[..].chars().nth(col), Some('Ầ'), "{shown}");
    }

    #[test]
    fn position_counts_characters_not_bytes() {
        let text = "a = 1\ntrích = \"x\"\n";
        let at = text.find("\"x\"").unwrap();
        let d = Diagnostic::at(Path::new("f.toml"), text, at..at + 3, "sai");
        assert_eq!(d.position, Some((2, 9)));
        let shown = d.field("trich").to_string();
        assert!(
            shown.starts_with("lỗi: f.toml:2:9: trường `trich`: sai"),
            "{shown}"
        );
        assert!(shown.ends_with("|         ^^^"), "{shown}");
    }
}
