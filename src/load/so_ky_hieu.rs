//! Ô 3: the number (with its year, for a legal document) and the ký hiệu.

use toml::de::DeValue;

use super::van_ban::NAM_HOP_LE;
use super::{Loader, Value};

impl Loader<'_> {
    /// `so`: 1612, "1612", or a legal document's số/năm "15/2024" ("/2024"
    /// while văn thư has not given the number).
    pub(super) fn so(&mut self, v: &Value<'_>) -> Option<(Option<u32>, Option<i32>)> {
        const EXPECTED: &str =
            "một số nguyên dương (so = 1612), hoặc số/năm của văn bản quy phạm (so = \"15/2024\")";
        let number = |s: &str| {
            let s = s.trim();
            (!s.is_empty() && s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<i64>().ok())
                .flatten()
        };
        // (number, year); a number left blank ("/2024") is `Some(None)`.
        let parsed: Option<(Option<Option<i64>>, Option<i64>)> = match v.get_ref() {
            DeValue::Integer(i) => {
                Some((Some(i64::from_str_radix(i.as_str(), i.radix()).ok()), None))
            }
            DeValue::String(s) => match s.split_once('/') {
                None => number(s).map(|n| (Some(Some(n)), None)),
                Some((so, nam)) if so.trim().is_empty() => {
                    number(nam).map(|y| (Some(None), Some(y)))
                }
                Some((so, nam)) => number(so)
                    .zip(number(nam))
                    .map(|(n, y)| (Some(Some(n)), Some(y))),
            },
            _ => None,
        };
        let Some((so, nam)) = parsed else {
            self.type_error(v, "so", EXPECTED);
            self.diags.last_mut()?.hint = Some(
                "văn bản chưa có số thì bỏ hẳn dòng `so` (hoặc ghi so = \"/2024\"), vanban để trống chỗ số".into(),
            );
            return None;
        };
        let nam = match nam {
            Some(y) if !NAM_HOP_LE.contains(&(y as i32)) => {
                self.error(
                    v.span(),
                    "so",
                    format!(
                        "năm {y} trong số văn bản nằm ngoài khoảng {}–{}",
                        NAM_HOP_LE.start(),
                        NAM_HOP_LE.end()
                    ),
                )
                .hint = Some("số/năm viết như \"15/2024\"".into());
                return None;
            }
            y => y.map(|y| y as i32),
        };
        match so.flatten() {
            None => Some((None, nam)),
            Some(n @ 1..=999_999) => Some((Some(n as u32), nam)),
            Some(_) => {
                self.error(v.span(), "so", "số văn bản phải từ 1 đến 999999");
                None
            }
        }
    }

    pub(super) fn ky_hieu(&mut self, v: &Value<'_>) -> Option<String> {
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
        // Upper case is the decree's rule, with official mixed-case
        // abbreviations ("TTr", "TTg"): `check` (VB021) says so, the loader
        // prints what the clerk wrote.
        Some(s)
    }
}
