//! The template of a batch: a document TOML whose strings may hold tera
//! expressions (`{{ don_vi.ten }}`, `{% if row.ty_le < 82 %}…{% endif %}`).
//!
//! Expressions are found and compiled once, in the parsed TOML tree, so a
//! syntax error names its field and place before anything is written. Per
//! unit, each such string is rendered and the filled-in tree goes through
//! the ordinary loader: a substituted value is a string in a string field,
//! never TOML, body markup or Typst code (values pasted into body text are
//! escaped for the body markup, so `*` or `[` in a unit's data print as is).

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};
use tera::{Context, Tera};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::don_vi_nhan::DonViNhan;
use super::ten_tep;
use crate::error::{Diagnostic, Error, Result};
use crate::model::KinhGui;

/// A field holding expressions.
struct Truong {
    /// Dotted path (`muc[1].noi_dung`), also its tera template name.
    path: String,
    span: std::ops::Range<usize>,
}

pub struct Mau<'i> {
    pub path: PathBuf,
    text: &'i str,
    root: Spanned<DeTable<'i>>,
    tera: Tera,
    truong: Vec<Truong>,
    bien: Map<String, Value>,
    /// Without `kinh_gui` in the template, each letter is addressed to its unit.
    them_kinh_gui: bool,
    ten_tep: Tera,
}

/// Template name suffix of body-markup fields, which get their values escaped.
const MARKUP: &str = ".md";
const TEN_TEP: &str = "ten_tep.slug";

impl<'i> Mau<'i> {
    /// Parses the template and compiles its expressions and the file-name
    /// pattern; every syntax error is reported, not just the first.
    pub fn new(path: &Path, text: &'i str, ten_tep: &str) -> Result<Self> {
        let root = crate::load::parse(path, text)?;
        let mut tera = Tera::default();
        tera.autoescape_on(vec![MARKUP]);
        tera.set_escape_fn(escape_markup);
        register_filters(&mut tera);
        super::sandbox::register(&mut tera);
        let mut truong = Vec::new();
        let mut diags = Vec::new();
        let bien = read_bien(path, text, root.get_ref(), &mut diags);
        // The lists a loop may run over (bounded by read_bien like range()).
        let lists: Vec<&str> = bien
            .iter()
            .filter(|(_, v)| v.is_array())
            .map(|(k, _)| k.as_str())
            .collect();
        for (key, v) in root.get_ref().iter() {
            if key.get_ref() == "bien" {
                continue;
            }
            walk(v, key.get_ref().to_string(), &mut |field, v| {
                let DeValue::String(s) = v.get_ref() else {
                    return;
                };
                if !has_expression(s) {
                    return;
                }
                // A data cell must not choose which file is read.
                let last = field.rsplit('.').next().unwrap_or(field);
                if matches!(last, "du_lieu" | "danh_ba" | "trang_tinh") {
                    diags.push(
                        Diagnostic::at(path, text, v.span(), "đường dẫn tệp không được lấy từ biểu thức trộn thư")
                            .field(field)
                            .hint("ghi thẳng tên tệp, ví dụ du_lieu = \"so-lieu.csv\"; mỗi đơn vị chỉ giữ dòng của mình (khóa `loc`)"),
                    );
                    return;
                }
                if let Err(why) = super::sandbox::check_tags(s, &lists) {
                    diags.push(
                        Diagnostic::at(path, text, v.span(), why)
                            .field(field)
                            .hint("biểu thức chỉ tính và định dạng giá trị: {{ … }}, {% if %}, {% for x in range(end=…) %}, {% set %}"),
                    );
                    return;
                }
                let name = template_name(field);
                match tera.add_raw_template(&name, s) {
                    Ok(()) => truong.push(Truong {
                        path: field.to_string(),
                        span: v.span(),
                    }),
                    Err(e) => diags.push(
                        Diagnostic::at(path, text, error_span(text, v.span(), s, &e), format!("biểu thức trộn thư không hợp lệ: {}", reason(&e)))
                            .field(field)
                            .hint("biểu thức viết {{ don_vi.ten }}, {{ row.ten_cot | so }}; điều kiện {% if … %}…{% endif %}"),
                    ),
                }
            });
        }
        let mut names = Tera::default();
        names.autoescape_on(vec![".slug"]);
        names.set_escape_fn(ten_tep::slug);
        register_filters(&mut names);
        super::sandbox::register(&mut names);
        if let Err(e) = names.add_raw_template(TEN_TEP, ten_tep) {
            diags.push(
                Diagnostic::file(
                    path,
                    format!("mẫu tên tệp \"{ten_tep}\" không hợp lệ: {}", reason(&e)),
                )
                .field("--ten")
                .hint(format!("ví dụ --ten \"{}\"", ten_tep::MAC_DINH)),
            );
        }
        if !diags.is_empty() {
            return Err(Error::Input(diags));
        }
        // Each letter is addressed to its unit, in the kinds that have a
        // Kính gửi (an unknown `loai` is the loader's to report).
        let loai = root.get_ref().iter().find_map(|(k, v)| match v.get_ref() {
            DeValue::String(s) if k.get_ref() == "loai" => Some(crate::loai::find(s)),
            _ => None,
        });
        let loai = loai.unwrap_or(Some(crate::loai::cong_van()));
        let them_kinh_gui = loai.is_some_and(|l| l.kinh_gui != KinhGui::Khong)
            && !root
                .get_ref()
                .iter()
                .any(|(k, _)| k.get_ref() == "kinh_gui");
        Ok(Mau {
            path: path.to_path_buf(),
            text,
            root,
            tera,
            truong,
            bien,
            them_kinh_gui,
            ten_tep: names,
        })
    }

    /// Its tables' data files, in reach and present (before any letter).
    pub fn check_paths(&self, reach: crate::load::Reach) -> Result<Vec<std::path::PathBuf>> {
        crate::load::check_paths(&self.path, self.text, self.root.get_ref(), reach)
    }

    /// The units the template may name (its directory and `[don_vi]`).
    pub fn danh_ba(&self, reach: crate::load::Reach) -> Result<crate::model::DanhBa> {
        crate::load::directory(&self.path, self.text, self.root.get_ref(), reach)
    }

    /// What the expressions of unit number `stt` (from 1) of `tong` see.
    pub fn context(&self, dv: &DonViNhan, stt: usize, tong: usize) -> Context {
        let width = tong.to_string().len();
        let mut v = Map::new();
        v.extend(self.bien.clone());
        v.insert(
            "don_vi".into(),
            json!({
                "ma": dv.don_vi.ma.clone().unwrap_or_default(),
                "ten": dv.don_vi.ten,
                "ten_ngan": dv.don_vi.ten_ngan.clone().unwrap_or_else(|| dv.don_vi.ten.clone()),
            }),
        );
        v.insert("row".into(), Value::Object(dv.o.clone()));
        v.insert("so".into(), Value::String(format!("{stt:0width$}")));
        v.insert("stt".into(), json!(stt));
        v.insert("tong_so".into(), json!(tong));
        Context::from_value(Value::Object(v)).unwrap_or_default()
    }

    /// One field filled for a unit: its text grows under a bound while tera
    /// writes it, and is checked when done.
    fn fill(&self, path: &str, context: &Context) -> std::result::Result<String, String> {
        let mut out = super::sandbox::GioiHan::default();
        match self.tera.render_to(&template_name(path), context, &mut out) {
            Ok(()) => {}
            Err(_) if out.vuot => return Err(super::sandbox::qua_dai()),
            Err(e) => return Err(reason(&e)),
        }
        let filled = String::from_utf8(out.text).map_err(|_| reason_utf8())?;
        super::sandbox::check_output(&filled)?;
        Ok(filled)
    }

    /// The unit's file name, checked.
    pub fn ten_tep(&self, context: &Context) -> std::result::Result<String, String> {
        let name = self
            .ten_tep
            .render(TEN_TEP, context)
            .map_err(|e| format!("mẫu tên tệp: {}", reason(&e)))?;
        ten_tep::kiem_tra(&name)
    }

    /// Renders every expression for one unit, without loading: cheap, so a
    /// whole batch is checked before anything is written. On failure: the
    /// field and the reason.
    pub fn thu(&self, context: &Context) -> std::result::Result<(), (String, String)> {
        for t in &self.truong {
            self.fill(&t.path, context).map_err(|why| (t.path.clone(), why))?;
        }
        Ok(())
    }

    /// The unit's document: expressions filled in, then loaded as usual.
    pub fn van_ban(
        &self,
        dv: &DonViNhan,
        context: &Context,
        options: &crate::load::Options<'_>,
    ) -> Result<crate::load::Loaded> {
        let mut rendered: HashMap<&str, String> = HashMap::new();
        let mut diags = Vec::new();
        for t in &self.truong {
            let filled = self.fill(&t.path, context);
            match filled {
                Ok(s) => {
                    rendered.insert(t.path.as_str(), s);
                }
                Err(why) => diags.push(
                    Diagnostic::at(&self.path, self.text, t.span.clone(), why)
                        .field(t.path.clone()),
                ),
            }
        }
        if !diags.is_empty() {
            return Err(Error::Input(diags));
        }
        let mut root: DeTable<'_> = self
            .root
            .get_ref()
            .iter()
            // `[bien]` is the template's, not the document's.
            .filter(|(k, _)| k.get_ref() != "bien")
            .map(|(k, v)| {
                let v = if rendered.is_empty() {
                    v.clone()
                } else {
                    fill(v, k.get_ref().to_string(), &rendered)
                };
                (k.clone(), v)
            })
            .collect();
        if self.them_kinh_gui {
            let to = dv
                .don_vi
                .ma
                .clone()
                .unwrap_or_else(|| dv.don_vi.ten.clone());
            root.insert(
                Spanned::new(0..0, Cow::Borrowed("kinh_gui")),
                Spanned::new(0..0, DeValue::String(Cow::Owned(to))),
            );
        }
        crate::load::load_table(&self.path, self.text, &root, options)
    }
}

/// The template's shared values (`[bien]`); a list longer than a loop may
/// run is an error, as a `range` that long would be.
fn read_bien(
    path: &Path,
    text: &str,
    root: &DeTable<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Map<String, Value> {
    let span = root
        .iter()
        .find(|(k, _)| k.get_ref() == "bien")
        .map_or(0..0, |(_, v)| v.span());
    let bien: Map<String, Value> = match toml::from_str::<toml::Table>(text) {
        Ok(t) => match t.get("bien") {
            Some(toml::Value::Table(b)) => b
                .iter()
                .map(|(k, v)| (k.clone(), super::don_vi_nhan::toml_value(v)))
                .collect(),
            Some(_) => {
                diags.push(
                    Diagnostic::at(path, text, span.clone(), "cần bảng [bien] (tên = giá trị)")
                        .field("bien"),
                );
                Map::new()
            }
            None => Map::new(),
        },
        Err(_) => Map::new(),
    };
    let most = super::sandbox::VONG_TOI_DA;
    for (k, v) in &bien {
        if let Some(n) = v.as_array().map(Vec::len).filter(|n| *n as i64 > most) {
            diags.push(
                Diagnostic::at(
                    path,
                    text,
                    span.clone(),
                    format!("danh sách `{k}` có {n} phần tử, tối đa {most}"),
                )
                .field(format!("bien.{k}")),
            );
        }
    }
    bien
}

/// The place of a syntax error in the file, when the string is written
/// there as is (no escapes); the whole string otherwise.
fn error_span(
    text: &str,
    span: std::ops::Range<usize>,
    content: &str,
    e: &tera::Error,
) -> std::ops::Range<usize> {
    let detail = std::error::Error::source(e)
        .map(|s| s.to_string())
        .unwrap_or_default();
    let place = detail
        .split("-->")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .and_then(|lc| lc.split_once(':'))
        .and_then(|(l, c)| Some((l.parse::<usize>().ok()?, c.parse::<usize>().ok()?)));
    let Some((line, col)) = place else {
        return span;
    };
    let Some(start) = text
        .get(span.clone())
        .and_then(|quoted| quoted.find(content))
        .map(|i| span.start + i)
    else {
        return span;
    };
    let line_start: usize = content
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let offset = content[line_start..]
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(content.len(), |(i, _)| line_start + i);
    start + offset..start + offset + 1
}

/// Whether `text` is a batch template: a `[bien]` table, or a value with
/// an expression (`{{ don_vi.ten }}`), which only a batch fills in.
pub fn la_mau(text: &str) -> bool {
    fn walk(v: &toml::Value) -> bool {
        match v {
            toml::Value::String(s) => has_expression(s),
            toml::Value::Array(a) => a.iter().any(walk),
            toml::Value::Table(t) => t.values().any(walk),
            _ => false,
        }
    }
    match text.parse::<toml::Table>() {
        Ok(t) => t.contains_key("bien") || t.values().any(walk),
        Err(_) => has_expression(text),
    }
}

fn has_expression(s: &str) -> bool {
    s.contains("{{") || s.contains("{%") || s.contains("{#")
}

fn template_name(path: &str) -> String {
    if crate::spec::takes_markup(path) {
        format!("{path}{MARKUP}")
    } else {
        path.to_string()
    }
}

/// Visits every value under `v` with its dotted path.
fn walk<'i>(
    v: &Spanned<DeValue<'i>>,
    path: String,
    f: &mut impl FnMut(&str, &Spanned<DeValue<'i>>),
) {
    match v.get_ref() {
        DeValue::Table(t) => {
            for (k, v) in t.iter() {
                walk(v, format!("{path}.{}", k.get_ref()), f);
            }
        }
        DeValue::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                walk(v, format!("{path}[{i}]"), f);
            }
        }
        _ => f(&path, v),
    }
}

/// A copy of `v` with the rendered strings put in.
fn fill<'i>(
    v: &Spanned<DeValue<'i>>,
    path: String,
    rendered: &HashMap<&str, String>,
) -> Spanned<DeValue<'i>> {
    let value = match v.get_ref() {
        DeValue::Table(t) => DeValue::Table(
            t.iter()
                .map(|(k, v)| {
                    (
                        k.clone(),
                        fill(v, format!("{path}.{}", k.get_ref()), rendered),
                    )
                })
                .collect(),
        ),
        DeValue::Array(items) => DeValue::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, v)| fill(v, format!("{path}[{i}]"), rendered))
                .collect(),
        ),
        DeValue::String(_) => match rendered.get(path.as_str()) {
            Some(s) => DeValue::String(Cow::Owned(s.clone())),
            None => v.get_ref().clone(),
        },
        other => other.clone(),
    };
    Spanned::new(v.span(), value)
}

/// Values pasted into body text are text: the markup's special characters
/// get their escapes, and a value's line breaks cannot start a paragraph.
fn escape_markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 3);
    // A value that could start a heading or a list item, should it land at
    // a line's start, is marked to print as written.
    let trimmed = s.trim_start();
    if trimmed.starts_with('#') || crate::load::body::starts_item(trimmed) {
        out.push(crate::load::body::LITERAL);
    }
    for c in s.chars() {
        match c {
            '\\' | '*' | '[' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn register_filters(tera: &mut Tera) {
    // {{ row.ty_le | so }} → "48,62"; {{ x | so(chu_so=1) }} rounds.
    tera.register_filter(
        "so",
        |v: &Value, args: &HashMap<String, Value>| -> tera::Result<Value> {
            let d = match v {
                Value::Number(n) => n.to_string().parse::<rust_decimal::Decimal>().ok(),
                Value::String(s) => crate::so::parse(s).ok().map(|n| n.gia_tri),
                _ => None,
            };
            let Some(mut d) = d else {
                return Ok(v.clone());
            };
            if let Some(n) = args.get("chu_so").and_then(Value::as_u64) {
                d = crate::so::lam_tron(d, n.min(10) as u32);
            }
            Ok(Value::String(crate::so::in_so(d, true)))
        },
    );
    tera.register_filter(
        "slug",
        |v: &Value, _: &HashMap<String, Value>| -> tera::Result<Value> {
            let s = match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            Ok(Value::String(ten_tep::slug(&s)))
        },
    );
}

/// tera's innermost message, in Vietnamese where a clerk meets it.
fn reason_utf8() -> String {
    "biểu thức tạo ra chữ không phải UTF-8".into()
}

fn reason(e: &tera::Error) -> String {
    let mut messages = vec![e.to_string()];
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        messages.push(s.to_string());
        source = s.source();
    }
    let inner = messages.last().cloned().unwrap_or_default();
    if let Some(rest) = inner.strip_prefix("Variable `") {
        let name = rest.split('`').next().unwrap_or_default();
        if inner.contains("not a number") {
            return format!(
                "`{name}` không phải số nên không so sánh, tính toán được (ô để trống hoặc ghi chữ?)"
            );
        }
        return format!(
            "không có giá trị `{name}` (kiểm tra tên cột trong tệp số liệu: row.<tên_cột_không_dấu>)"
        );
    }
    if inner.contains("by zero") {
        return "phép chia (hoặc chia lấy dư) cho 0".into();
    }
    if inner.contains("max recursion") || inner.contains("recurse") {
        return "biểu thức gọi lặp lại chính nó quá nhiều lần".into();
    }
    if let Some(rest) = inner
        .strip_prefix("Filter `")
        .or_else(|| inner.strip_prefix("Filter '"))
    {
        let rest = rest.replace('\'', "`");
        let name = rest.split('`').next().unwrap_or_default();
        if inner.contains("not found") {
            return format!(
                "không có bộ lọc `{name}` (có: so, slug, upper, lower, round, default…)"
            );
        }
        // Called on a value of the wrong kind (`0 | lower`), or with a
        // wrong argument: tera's detail names the value.
        let detail = inner
            .split_once(": got ")
            .map_or(String::new(), |(_, got)| format!(" (gặp {got})"));
        return format!("bộ lọc `{name}` không dùng được cho giá trị này{detail}");
    }
    if inner.contains("-->") {
        // pest: " --> 1:12", the line with a caret, "= expected …".
        let expected = inner
            .lines()
            .find_map(|l| l.trim().strip_prefix("= "))
            .unwrap_or("");
        return format!("sai cú pháp (cần: {})", pest_expected(expected));
    }
    if inner.contains("comparison") || inner.contains("math") || inner.contains("number") {
        return format!("phép so sánh/tính cần số nhưng ô số liệu không phải số ({inner})");
    }
    format!("lỗi biểu thức ({inner})")
}

/// pest's list of what it expected, in Vietnamese: the tokens stay, the
/// English between them is translated.
fn pest_expected(expected: &str) -> String {
    let words = [
        ("a variable end (`}}`)", "dấu đóng `}}`"),
        ("a tag end (`%}`)", "dấu đóng `%}`"),
        ("an expression", "một biểu thức"),
        ("a filter", "một bộ lọc"),
        ("an identifier", "một tên"),
        ("a string", "một chuỗi"),
        ("a number", "một số"),
        (", or ", " hoặc "),
        (" or ", " hoặc "),
    ];
    let mut out = expected.trim_start_matches("expected ").to_string();
    for (english, vietnamese) in words {
        out = out.replace(english, vietnamese);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_markup_characters_literal() {
        assert_eq!(escape_markup("a*b*[^1]\\"), "a\\*b\\*\\[^1]\\\\");
        assert_eq!(escape_markup("x\n- y"), "x - y");
        for start in ["# Tiêu đề", "- gạch", "1. Mục", "II. Phần", "a) điểm", "+ ý"] {
            assert!(escape_markup(start).starts_with(crate::load::body::LITERAL), "{start}");
        }
        assert!(!escape_markup("Sở Tư pháp").starts_with(crate::load::body::LITERAL));
    }
}
