//! What a batch template's expressions may do: compute and format values,
//! never reach outside the letter (other templates, the environment, the
//! clock) nor run unbounded. tera has no step budget, so the bounds are
//! put where work can grow: no `include`/`import`/`extends`/`macro` (the
//! only ways to recurse), `range` capped, and each filled field capped.

use std::collections::HashMap;

use serde_json::Value;
use tera::Tera;

/// Most items a `range(…)` may make; loops over the data are bounded by it.
pub const VONG_TOI_DA: i64 = 1_000;
/// Longest text one field may become, in characters.
pub const DO_DAI_TOI_DA: usize = 100_000;

/// A tag that reaches other templates (and so can recurse for ever), if
/// `source` uses one: its name.
pub fn forbidden_tag(source: &str) -> Option<&'static str> {
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
        assert!(check_output("Kết quả 48,62% (informative)").is_ok());
    }
}
