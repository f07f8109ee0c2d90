//! Reading single values: texts, lines, lists, body markup, dates, choices.

use std::ops::Range;

use toml::de::DeValue;
use unicode_normalization::UnicodeNormalization;

use super::{Loader, Value, fold, suggest};
use super::body;
use super::ky_tu::invisible;
use crate::model::{Block, Code, NgayBanHanh, Run};

const LIST: &str = "một chuỗi hoặc danh sách chuỗi";

/// Longest paragraph laid out: typst's line breaker is superlinear in a
/// paragraph's length (a 1 MB paragraph took 33 s and 1.15 GB).
const DOAN_TOI_DA: usize = 20_000;
/// Longest string of any field, in characters (a whole body included).
const CHUOI_TOI_DA: usize = 200_000;
/// Longest one-line text (a trích yếu line, a name, a recipient): none in a
/// real document comes near it, and a PDF's metadata holds at most 32,767.
pub(super) const DONG_TOI_DA: usize = 2_000;
/// Most items of a list (recipients, căn cứ, lines): a longer one is a
/// mistake, and each item is laid out.
pub(super) const DANH_SACH_TOI_DA: usize = 1_000;

impl Loader<'_> {
    /// A string after NFC normalisation, rejecting control characters.
    pub(super) fn raw_string(&mut self, v: &Value<'_>, field: &str, what: &str) -> Option<String> {
        let Some(s) = v.get_ref().as_str() else {
            self.type_error(v, field, &format!("một chuỗi ({what}) trong dấu nháy kép"));
            return None;
        };
        if s.len() > CHUOI_TOI_DA && s.chars().count() > CHUOI_TOI_DA {
            self.too_long(v, field, s.chars().count(), CHUOI_TOI_DA);
            return None;
        }
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
        let filled = self.filled;
        if let Some((c, name)) = s
            .chars()
            .filter(|&c| !(filled && c == body::LITERAL))
            .find_map(|c| invisible(c).map(|n| (c, n)))
        {
            self.error(
                v.span(),
                field,
                format!("chứa ký tự vô hình U+{:04X} ({name}): chữ in ra có thể khác chữ nhìn thấy", c as u32),
            )
            .hint = Some("xóa ký tự này (gõ lại đoạn chữ quanh chỗ báo lỗi); thường do dán từ trang web hoặc tệp PDF".into());
            return None;
        }
        Some(s.nfc().collect())
    }

    /// A one-line text: whitespace runs (line breaks included) become one space.
    pub(super) fn text_line(&mut self, v: &Value<'_>, field: &str, what: &str) -> Option<String> {
        let s = self.raw_string(v, field, what)?;
        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
        if s.is_empty() {
            self.error(v.span(), field, format!("không được để trống: cần {what}"));
            return None;
        }
        if s.len() > DONG_TOI_DA && s.chars().count() > DONG_TOI_DA {
            self.too_long(v, field, s.chars().count(), DONG_TOI_DA);
            return None;
        }
        if !self.reading_markup {
            self.warn_markup_ignored(v, field, &s);
        }
        Some(s)
    }

    /// Emphasis or a footnote mark typed where text is printed as written.
    fn warn_markup_ignored(&mut self, v: &Value<'_>, field: &str, s: &str) {
        let footnote = s.contains("[^");
        if !footnote && !s.contains("**") {
            return;
        }
        let (what, hint) = if footnote {
            (
                "dấu chú thích [^…]",
                "chú thích chỉ dẫn được trong nội dung, tiêu đề cột, ô bảng, ghi chú dưới bảng, tên phụ lục và dòng kèm theo",
            )
        } else {
            (
                "dấu ** (in đậm)",
                "bỏ các dấu **: trường này không đổi kiểu chữ",
            )
        };
        self.warn(
            v.span(),
            field,
            format!("{what} không có tác dụng ở trường này, sẽ được in nguyên văn"),
            hint,
        );
    }

    /// Runs `read` with emphasis and footnotes allowed (no "ignored markup"
    /// warning for the lines it reads).
    pub(super) fn as_markup<T>(&mut self, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let before = std::mem::replace(&mut self.reading_markup, true);
        let out = read(self);
        self.reading_markup = before;
        out
    }

    /// Lines as the clerk breaks them: a list of strings, or one string whose
    /// line breaks are kept.
    pub(super) fn lines(&mut self, v: &Value<'_>, field: &str, what: &str) -> Option<Vec<String>> {
        self.string_or_list(v, field, what, true)
    }

    /// A text the clerk may break into lines: a list gives the lines; one
    /// string is one line (its line breaks, made to keep the TOML readable,
    /// joined), which the layout balances when it wraps.
    pub(super) fn chosen_lines(
        &mut self,
        v: &Value<'_>,
        field: &str,
        what: &str,
    ) -> Option<Vec<String>> {
        self.string_or_list(v, field, what, false)
    }

    /// One string (split at its line breaks when `keep_breaks`) or a list
    /// of one-line texts; never empty.
    fn string_or_list(
        &mut self,
        v: &Value<'_>,
        field: &str,
        what: &str,
        keep_breaks: bool,
    ) -> Option<Vec<String>> {
        let lines: Vec<String> = match v.get_ref() {
            DeValue::String(_) if keep_breaks => {
                let s = self.raw_string(v, field, what)?;
                let lines: Vec<String> = s
                    .lines()
                    .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                    .filter(|l| !l.is_empty())
                    .collect();
                if let Some(n) = lines.iter().map(|l| l.chars().count()).find(|&n| n > DONG_TOI_DA) {
                    self.too_long(v, field, n, DONG_TOI_DA);
                    return None;
                }
                lines
            }
            DeValue::String(_) => vec![self.text_line(v, field, what)?],
            DeValue::Array(items) => self.text_line_each(items, field, what)?,
            _ => {
                self.type_error(v, field, &format!("{LIST} ({what})"));
                return None;
            }
        };
        if lines.is_empty() {
            let message = match v.get_ref() {
                DeValue::Array(_) => format!("danh sách rỗng: cần ít nhất một {what}"),
                _ => format!("không được để trống: cần {what}"),
            };
            self.error(v.span(), field, message);
            return None;
        }
        Some(lines)
    }

    /// Each string of a list as a one-line text; every bad item reported.
    fn text_line_each(
        &mut self,
        values: &[Value<'_>],
        field: &str,
        what: &str,
    ) -> Option<Vec<String>> {
        if values.len() > DANH_SACH_TOI_DA {
            self.too_many(field, values, DANH_SACH_TOI_DA);
            return None;
        }
        let mut out = Vec::new();
        for (i, item) in values.iter().enumerate() {
            out.push(self.text_line(item, &format!("{field}[{i}]"), what));
        }
        out.into_iter().collect()
    }

    /// A text longer than the loader reads, said before any of it is laid
    /// out (a 1 MB trích yếu took minutes, and more than 32,767 characters
    /// could not go in the PDF at all).
    pub(super) fn too_long(&mut self, v: &Value<'_>, field: &str, n: usize, most: usize) {
        // Point at the value's start only: a huge value is not echoed.
        let at = v.span().start..v.span().start + 1;
        self.error(
            at,
            field,
            format!("dài {} ký tự, tối đa {}", crate::so::in_nguyen(n), crate::so::in_nguyen(most)),
        )
        .hint = Some("rút gọn, hoặc chia thành nhiều phần (nhiều dòng, nhiều đoạn, nhiều mục)".into());
    }

    /// A list longer than the loader reads.
    pub(super) fn too_many(&mut self, field: &str, values: &[Value<'_>], most: usize) {
        let at = values.first().map_or(0..0, |v| v.span().start..v.span().start + 1);
        self.error(
            at,
            field,
            format!(
                "có {} mục, tối đa {}",
                crate::so::in_nguyen(values.len()),
                crate::so::in_nguyen(most)
            ),
        )
        .hint = Some("gộp các nơi cùng loại (\"UBND các xã, phường\"), hoặc tách văn bản".into());
    }

    /// Recipients-style items: one string or a list; a typed leading "- " and
    /// trailing ";"/"." are dropped since vanban adds its own.
    pub(super) fn items(&mut self, v: &Value<'_>, field: &str, what: &str) -> Option<Vec<String>> {
        let items = self.chosen_lines(v, field, what)?;
        Some(items.iter().map(|s| strip_item_punctuation(s)).collect())
    }

    /// Lines that may cite the document's footnotes (`[^id]`) and carry
    /// emphasis: a phụ lục's title, a note under a table.
    pub(super) fn inline_lines(
        &mut self,
        v: &Value<'_>,
        field: &str,
        what: &str,
    ) -> Option<Vec<Vec<Run>>> {
        let lines = self.as_markup(|l| l.chosen_lines(v, field, what))?;
        self.inline_each(v, field, &lines)
    }

    /// Each line read for emphasis and footnotes.
    pub(super) fn inline_each(
        &mut self,
        v: &Value<'_>,
        field: &str,
        lines: &[String],
    ) -> Option<Vec<Vec<Run>>> {
        let mut out = Vec::new();
        for line in lines {
            out.push(self.inline_runs(v, field, line));
        }
        out.into_iter().collect()
    }

    /// One line of text that may cite footnotes and carry emphasis.
    pub(super) fn inline_text(
        &mut self,
        v: &Value<'_>,
        field: &str,
        what: &str,
    ) -> Option<Vec<Run>> {
        let line = self.as_markup(|l| l.text_line(v, field, what))?;
        self.inline_runs(v, field, &line)
    }

    fn inline_runs(&mut self, v: &Value<'_>, field: &str, line: &str) -> Option<Vec<Run>> {
        match body::inline_line(line, &mut self.chu_thich) {
            Ok(runs) => Some(runs),
            Err(errors) => {
                for e in errors {
                    self.error(v.span(), field, e.message);
                }
                None
            }
        }
    }

    /// A table header: its text, and the footnotes it cites (printed after
    /// it, wherever in the text they were cited); `**` in it is warned of,
    /// a header being bold already.
    pub(super) fn header_label(
        &mut self,
        v: &Value<'_>,
        field: &str,
        what: &str,
    ) -> Option<(String, Vec<Vec<Run>>)> {
        let runs = self.inline_text(v, field, what)?;
        self.warn_bold_in_bold(v, field, &runs);
        let notes = runs
            .iter()
            .filter_map(|r| match r {
                Run::Footnote(note) => Some(note.clone()),
                Run::Text { .. } => None,
            })
            .collect();
        Some((crate::model::text_only(&runs), notes))
    }

    /// `**…**` in a text printed bold anyway changes nothing: said so.
    pub(super) fn warn_bold_in_bold(&mut self, v: &Value<'_>, field: &str, runs: &[Run]) {
        if runs
            .iter()
            .any(|r| matches!(r, Run::Text { bold: true, .. }))
        {
            self.warn(
                v.span(),
                field,
                "dấu ** (in đậm) không có tác dụng: dòng này vốn in đậm",
                "bỏ các dấu **",
            );
        }
    }

    /// Body markup (see `body`), with markup errors pointed at in the file.
    pub(super) fn markup(&mut self, v: &Value<'_>, field: &str, what: &str) -> Option<Vec<Block>> {
        let raw = v.get_ref().as_str();
        let s = self.raw_string(v, field, what)?;
        if s.trim().is_empty() {
            self.error(v.span(), field, format!("không được để trống: cần {what}"));
            return None;
        }
        // Markup errors carry offsets into the string; they map onto the file
        // only where the string is stored verbatim (no escapes, already NFC).
        let content_start = raw.and_then(|raw| self.verbatim_start(v.span(), raw, &s));
        match body::parse(&s, &mut self.chu_thich) {
            Ok(blocks) => {
                let longest = blocks
                    .iter()
                    .map(|b| {
                        crate::model::plain_text(std::slice::from_ref(b))
                            .chars()
                            .count()
                    })
                    .max()
                    .unwrap_or(0);
                if longest > DOAN_TOI_DA {
                    self.error(
                        v.span(),
                        field,
                        format!("có đoạn dài {longest} ký tự, tối đa {DOAN_TOI_DA}"),
                    )
                    .hint = Some("tách thành nhiều đoạn bằng một dòng trống; đoạn văn hành chính thường dưới 3.000 ký tự".into());
                    return None;
                }
                self.spread_headings(v, field, &blocks, content_start);
                Some(blocks)
            }
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

    pub(super) fn verbatim_start(
        &self,
        span: Range<usize>,
        raw: &str,
        normalized: &str,
    ) -> Option<usize> {
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

    pub(super) fn choice<T: Copy>(
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

    /// An integer in `range`; `out_of_range` (with `hint`) says what is
    /// allowed when the number is not in it.
    pub(super) fn integer_in(
        &mut self,
        v: &Value<'_>,
        field: &str,
        range: std::ops::RangeInclusive<u32>,
        out_of_range: &str,
        hint: Option<&str>,
    ) -> Option<u32> {
        let DeValue::Integer(i) = v.get_ref() else {
            let expected = format!("một số nguyên từ {} đến {}", range.start(), range.end());
            self.type_error(v, field, &expected);
            return None;
        };
        match i.as_str().parse::<u32>() {
            Ok(n) if range.contains(&n) => Some(n),
            _ => {
                self.error(v.span(), field, out_of_range).hint = hint.map(String::from);
                None
            }
        }
    }

    pub(super) fn boolean(&mut self, v: &Value<'_>, field: &str) -> Option<bool> {
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.type_error(v, field, "true hoặc false (không có dấu nháy)");
                None
            }
        }
    }

    /// A value out of a fixed set of ASCII codes.
    pub(super) fn code<T: Code>(&mut self, v: &Value<'_>, field: &str) -> Option<T> {
        let s = self.text_line(v, field, "một lựa chọn")?;
        if let Some(t) = T::ALL.iter().find(|t| t.code() == s) {
            return Some(*t);
        }
        let codes = crate::spec::codes::<T>();
        let hint = match suggest(&s, &codes) {
            Some(c) => format!("có phải ý bạn là \"{c}\"?"),
            None => format!("chọn một trong: {}", codes.join(", ")),
        };
        self.error(v.span(), field, format!("không có lựa chọn \"{s}\""))
            .hint = Some(hint);
        None
    }
}

/// "31/5/2024", "2024-05-31", "5/2024", "2024".
pub(super) fn parse_date(s: &str) -> Option<NgayBanHanh> {
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

pub(super) fn strip_vv(s: &str) -> String {
    let lower = s.to_lowercase();
    if lower.starts_with("v/v ") {
        s[4..].trim_start().to_string()
    } else {
        s.to_string()
    }
}

pub(super) fn strip_item_punctuation(s: &str) -> String {
    let s = s.strip_prefix("- ").unwrap_or(s);
    s.trim_end_matches([';', '.', ',']).trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    pub(super) fn dates_in_the_forms_clerks_write() {
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
    pub(super) fn item_punctuation_is_left_to_vanban() {
        assert_eq!(strip_item_punctuation("- Công an tỉnh;"), "Công an tỉnh");
        assert_eq!(
            strip_item_punctuation("UBND các huyện, thị xã, thành phố."),
            "UBND các huyện, thị xã, thành phố"
        );
        assert_eq!(strip_vv("V/v triển khai"), "triển khai");
    }
}
