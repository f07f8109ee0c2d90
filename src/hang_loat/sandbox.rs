//! What a batch template's expressions may do: compute and format values,
//! never reach outside the letter (other templates, the environment, the
//! clock) nor run unbounded. tera has no step budget, so the bounds are
//! put where work can grow: no `include`/`import`/`extends`/`macro` (the
//! only ways to recurse), loops only over `range` or a `[bien]` list, each
//! capped at 1,000 items and nested two deep at most (a million steps),
//! and each filled field capped.

use std::collections::HashMap;

use serde_json::Value;
use tera::Tera;

/// Most items a `range(…)` (or a `[bien]` list) may hold.
pub const VONG_TOI_DA: i64 = 1_000;
/// Deepest nesting of `{% for %}`: two loops of [`VONG_TOI_DA`] are a
/// million steps, well under a second; three would be minutes.
pub const LONG_TOI_DA: usize = 2;
/// Longest text one field may become, in characters.
pub const DO_DAI_TOI_DA: usize = 100_000;

/// Why the tags of `source` may not run, if so: a tag that reaches other
/// templates, loops nested deeper than [`LONG_TOI_DA`], or a loop over
/// something other than `range(…)` or one of `lists` (a loop over a data
/// cell's text steps through its letters in quadratic time).
pub fn check_tags(source: &str, lists: &[&str]) -> Result<(), String> {
    if let Some(tag) = forbidden_tag(source) {
        return Err(format!(
            "thẻ {{% {tag} %}} không được dùng trong văn bản mẫu"
        ));
    }
    let mut depth = 0usize;
    let mut rest = source;
    while let Some(at) = rest.find("{%") {
        rest = &rest[at + 2..];
        let end = rest.find("%}").unwrap_or(rest.len());
        let tag = rest[..end].trim_matches(|c: char| c == '-' || c.is_whitespace());
        let word = tag.split_whitespace().next().unwrap_or_default();
        if let Some(expr) = growing_global(tag) {
            return Err(format!(
                "{{% set_global %}} chỉ dùng để cộng, đếm số (gặp `{}`): ghép chữ hay danh sách vào chính nó trong vòng lặp làm giá trị lớn gấp đôi mỗi vòng",
                expr.chars().take(60).collect::<String>()
            ));
        }
        if word == "endfor" {
            depth = depth.saturating_sub(1);
        } else if word == "for" {
            depth += 1;
            if depth > LONG_TOI_DA {
                return Err(format!(
                    "vòng lặp {{% for %}} lồng nhau quá {LONG_TOI_DA} tầng"
                ));
            }
            let over = tag.split_once(" in ").map_or("", |(_, o)| o.trim());
            let name = over.split('|').next().unwrap_or_default().trim();
            if !over.starts_with("range(") && !lists.contains(&name) {
                return Err(format!(
                    "vòng lặp {{% for %}} chỉ chạy trên range(…) hoặc một danh sách khai trong [bien], không chạy trên `{over}`"
                ));
            }
        }
    }
    Ok(())
}

/// A `{% set_global %}` that could grow without bound: its value carries
/// from one pass of a loop to the next, so `s = s ~ s` doubles a text 40
/// times in 40 passes (a terabyte). Kept to sums and counts: names,
/// numbers, arithmetic and brackets, no text joined, no filter, no list.
fn growing_global(tag: &str) -> Option<&str> {
    let rest = tag.strip_prefix("set_global")?;
    let expr = rest.split_once('=').map_or("", |(_, e)| e).trim();
    let allowed = |c: char| c.is_alphanumeric() || c == '_' || c == '.' || " +-*/%()".contains(c);
    (!expr.chars().all(allowed)).then_some(expr)
}

/// A tag that reaches other templates (and so can recurse for ever), if
/// `source` uses one: its name.
fn forbidden_tag(source: &str) -> Option<&'static str> {
    let mut rest = source;
    while let Some(at) = rest.find("{%") {
        let tag = rest[at + 2..].trim_start_matches('-').trim_start();
        for name in ["include", "import", "extends", "macro"] {
            if tag.starts_with(name)
                && !tag[name.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
            {
                return Some(name);
            }
        }
        rest = &rest[at + 2..];
    }
    None
}

/// Replaces tera's functions that read the environment or the clock, or
/// make unbounded lists.
pub fn register(tera: &mut Tera) {
    for (name, what) in [
        ("get_env", "đọc biến môi trường của máy"),
        ("now", "đọc đồng hồ (văn bản phải giống nhau mỗi lần tạo)"),
        (
            "get_random",
            "tạo số ngẫu nhiên (văn bản phải giống nhau mỗi lần tạo)",
        ),
    ] {
        let message = format!("hàm {name}() không được dùng trong văn bản mẫu: không được {what}");
        tera.register_function(name, move |_: &HashMap<String, Value>| {
            Err(tera::Error::msg(message.clone()))
        });
    }
    tera.register_function("range", range);
}

/// tera's `range(end, start=0, step_by=1)`, at most [`VONG_TOI_DA`] items.
fn range(args: &HashMap<String, Value>) -> tera::Result<Value> {
    let int = |key: &str, default: Option<i64>| -> tera::Result<i64> {
        match args.get(key) {
            Some(v) => v
                .as_i64()
                .ok_or_else(|| tera::Error::msg(format!("range: `{key}` phải là số nguyên"))),
            None => default.ok_or_else(|| tera::Error::msg(format!("range: thiếu `{key}`"))),
        }
    };
    let (end, start, step) = (
        int("end", None)?,
        int("start", Some(0))?,
        int("step_by", Some(1))?,
    );
    if step <= 0 {
        return Err(tera::Error::msg("range: `step_by` phải lớn hơn 0"));
    }
    let count = (end.saturating_sub(start)).max(0) / step;
    if count > VONG_TOI_DA {
        return Err(tera::Error::msg(format!(
            "range tạo {count} phần tử, tối đa {VONG_TOI_DA}"
        )));
    }
    let mut items = Vec::new();
    let mut i = start;
    while i < end {
        items.push(Value::from(i));
        i += step;
    }
    Ok(Value::Array(items))
}

/// A field's text as tera writes it, refused as soon as it outgrows
/// [`DO_DAI_TOI_DA`]: a loop's output is bounded while it runs, not after.
#[derive(Default)]
pub struct GioiHan {
    pub text: Vec<u8>,
    chars: usize,
    pub vuot: bool,
}

impl std::io::Write for GioiHan {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // Characters counted by their first bytes (UTF-8 continuation bytes
        // are 10xxxxxx).
        self.chars += buf.iter().filter(|b| (**b & 0xC0) != 0x80).count();
        if self.chars > DO_DAI_TOI_DA {
            self.vuot = true;
            return Err(std::io::Error::other("too long"));
        }
        self.text.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What a field grown too long is told.
pub fn qua_dai() -> String {
    format!("biểu thức tạo ra quá {DO_DAI_TOI_DA} ký tự (tối đa {DO_DAI_TOI_DA}): kiểm tra các vòng lặp {{% for %}}")
}

/// What is wrong with a filled field, if anything: too long to be a letter,
/// or a computation that went nowhere ("NaN", "inf": a division by zero).
pub fn check_output(rendered: &str) -> Result<(), String> {
    let chars = rendered.chars().count();
    if chars > DO_DAI_TOI_DA {
        return Err(format!(
            "biểu thức tạo ra {chars} ký tự, tối đa {DO_DAI_TOI_DA}: kiểm tra các vòng lặp {{% for %}}"
        ));
    }
    if rendered
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .any(|w| matches!(w, "NaN" | "inf" | "-inf"))
    {
        return Err("phép tính không ra số (chia cho 0?): kết quả là NaN hoặc inf".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_that_reach_other_templates_are_found() {
        assert_eq!(forbidden_tag("{% include 'x' %}"), Some("include"));
        assert_eq!(
            forbidden_tag("a {%- macro m() %}{% endmacro %}"),
            Some("macro")
        );
        assert_eq!(forbidden_tag("{% import 'm' as m %}"), Some("import"));
        assert_eq!(forbidden_tag("{% if x %}{{ x }}{% endif %}"), None);
        assert_eq!(forbidden_tag("{% set included = 1 %}"), None);
    }

    #[test]
    fn loops_run_over_ranges_or_declared_lists_two_deep_at_most() {
        let ok = |s| check_tags(s, &["huyen"]).is_ok();
        assert!(ok(
            "{% for i in range(end=3) %}{% for h in huyen %}{{ h }}{% endfor %}{% endfor %}"
        ));
        assert!(ok("{%- for h in huyen | sort -%}{{ h }}{% endfor %}"));
        assert!(!ok("{% for c in don_vi.ten %}{{ c }}{% endfor %}"));
        assert!(!ok(
            "{% for i in range(end=9) %}{% for j in range(end=9) %}{% for k in range(end=9) %}{% endfor %}{% endfor %}{% endfor %}"
        ));
        // Loops one after another are not nested.
        assert!(ok(
            "{% for i in range(end=9) %}{% endfor %}{% for j in range(end=9) %}{% endfor %}{% for k in range(end=9) %}{% endfor %}"
        ));
        assert!(
            check_tags("{% include 'x' %}", &[])
                .unwrap_err()
                .contains("include")
        );
    }

    #[test]
    fn ranges_are_bounded_and_results_checked() {
        let args = |end: i64| HashMap::from([("end".to_string(), Value::from(end))]);
        assert_eq!(range(&args(3)).unwrap(), serde_json::json!([0, 1, 2]));
        assert!(
            range(&args(100_000_000))
                .unwrap_err()
                .to_string()
                .contains("tối đa 1000")
        );
        assert!(check_output("Tỷ lệ NaN%").is_err());
        assert!(check_output(&"a".repeat(DO_DAI_TOI_DA + 1)).is_err());
        assert!(check_tags("{% set_global n = n + row.a * 2 %}", &[]).is_ok());
        for growing in [
            "{% set_global s = s ~ s %}",
            "{% set_global l = l | concat(with=l) %}",
            "{% set_global s = \"x\" %}",
        ] {
            let err = check_tags(growing, &[]).unwrap_err();
            assert!(err.contains("set_global"), "{err}");
        }
        assert!(check_output("Kết quả 48,62% (informative)").is_ok());
    }
}
