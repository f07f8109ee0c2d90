//! File names of a batch: a tera pattern whose substituted values become
//! ASCII slugs ("Huyện Gò Dầu" → "huyen-go-dau"), so the names survive
//! e-mail, USB sticks and Windows, and sort the same everywhere.

use std::collections::HashMap;

use crate::suggest::fold;

/// The default pattern: the letter's order in the batch, then the unit.
pub const MAC_DINH: &str = "{{ so }}-{{ don_vi.ten }}.pdf";

/// ASCII letters and digits joined by "-": diacritics dropped, đ → d.
pub fn slug(s: &str) -> String {
    fold(s)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// What is wrong with a rendered name, if anything: it must stay inside the
/// output directory and be usable on Windows too.
pub fn kiem_tra(name: &str) -> Result<String, String> {
    let name = name.trim();
    // File systems refuse names over 255 bytes; leave room for ".pdf" and
    // the temporary file's affixes, and never quote a huge name whole.
    if name.len() > DAI_TOI_DA {
        let head: String = name.chars().take(40).collect();
        return Err(format!(
            "tên tệp \"{head}…\" dài {} byte, tối đa {DAI_TOI_DA}: rút ngắn mẫu tên (--ten)",
            name.len()
        ));
    }
    if name.contains(['/', '\\']) {
        return Err(format!(
            "tên tệp \"{name}\" có dấu / hoặc \\; tệp chỉ được ghi vào thư mục kết quả"
        ));
    }
    if let Some(c) = name
        .chars()
        .find(|c| matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*') || c.is_control())
    {
        return Err(format!(
            "tên tệp \"{name}\" có ký tự «{c}» mà Windows không cho phép"
        ));
    }
    let stem = name.strip_suffix(".pdf").unwrap_or(name);
    if stem.trim_matches(['.', '-', '_', ' ']).is_empty() {
        return Err(format!(
            "tên tệp \"{name}\" rỗng: các giá trị trong mẫu tên đều trống"
        ));
    }
    let base = stem.split('.').next().unwrap_or(stem).trim_end();
    if is_reserved(base) {
        return Err(format!(
            "tên tệp \"{name}\" là tên thiết bị dành riêng của Windows ({}), không mở được trên Windows",
            base.to_uppercase()
        ));
    }
    Ok(if name.ends_with(".pdf") {
        name.to_string()
    } else {
        format!("{name}.pdf")
    })
}

/// Longest name accepted, in bytes.
const DAI_TOI_DA: usize = 200;

/// CON, PRN, AUX, NUL, COM1–9, LPT1–9: Windows opens the device whatever
/// the extension ("con.pdf" too).
fn is_reserved(base: &str) -> bool {
    let upper = base.to_ascii_uppercase();
    matches!(upper.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ["COM", "LPT"].iter().any(|p| {
            upper
                .strip_prefix(p)
                .is_some_and(|d| d.len() == 1 && matches!(d.as_bytes()[0], b'1'..=b'9'))
        })
}

/// Names given to more than one unit, compared as Windows and macOS do
/// (case-insensitively): (name, indexes of the units).
pub fn trung(names: &[Option<String>]) -> Vec<(String, Vec<usize>)> {
    let mut seen: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, name) in names.iter().enumerate() {
        if let Some(name) = name {
            seen.entry(name.to_lowercase()).or_default().push(i);
        }
    }
    let mut out: Vec<(String, Vec<usize>)> = seen
        .into_values()
        .filter(|units| units.len() > 1)
        .map(|units| (names[units[0]].clone().unwrap_or_default(), units))
        .collect();
    out.sort_by_key(|(_, units)| units[0]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_without_diacritics() {
        assert_eq!(slug("Huyện Gò Dầu"), "huyen-go-dau");
        assert_eq!(slug("Đài PT-TH tỉnh"), "dai-pt-th-tinh");
        assert_eq!(slug("Sở GD&ĐT"), "so-gd-dt");
        assert_eq!(slug("  Phường 1  "), "phuong-1");
        assert_eq!(slug("Xã Ninh Điền"), "xa-ninh-dien");
        assert_eq!(slug("UBND-KSTT/2024"), "ubnd-kstt-2024");
        assert_eq!(slug("北京"), "");
    }

    #[test]
    fn names_stay_in_the_directory_and_end_in_pdf() {
        assert_eq!(kiem_tra("01-huyen-go-dau").unwrap(), "01-huyen-go-dau.pdf");
        assert_eq!(kiem_tra("a.pdf").unwrap(), "a.pdf");
        assert!(kiem_tra("../a.pdf").unwrap_err().contains("dấu /"));
        assert!(kiem_tra("a?.pdf").unwrap_err().contains("«?»"));
        assert!(kiem_tra("-.pdf").unwrap_err().contains("rỗng"));
        for reserved in ["con", "NUL.pdf", "com1.pdf", "Lpt9", "aux.x.pdf"] {
            assert!(
                kiem_tra(reserved)
                    .unwrap_err()
                    .contains("dành riêng của Windows"),
                "{reserved}"
            );
        }
        assert!(kiem_tra("com10.pdf").is_ok() && kiem_tra("console.pdf").is_ok());
        let long = kiem_tra(&"a".repeat(6000)).unwrap_err();
        assert!(long.contains("dài 6000 byte") && long.len() < 200, "{long}");
    }

    #[test]
    fn collisions_ignore_case() {
        let names = vec![
            Some("a.pdf".to_string()),
            Some("b.pdf".to_string()),
            None,
            Some("A.pdf".to_string()),
        ];
        assert_eq!(trung(&names), vec![("a.pdf".to_string(), vec![0, 3])]);
        assert!(trung(&names[..3]).is_empty());
    }
}
