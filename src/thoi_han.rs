//! Task deadlines (thời hạn), written the way clerks write them and read
//! into something vanban can compute: "trước ngày 20/6/2024", "Tháng 8/2023",
//! "Năm 2023", "Thường xuyên", "Định kỳ hàng quý", "trong 10 ngày làm việc
//! kể từ ngày ký". The clerk's wording is always what gets printed.

use chrono::{Datelike, NaiveDate};

use crate::lich::Calendar;

#[derive(Debug, Clone, PartialEq)]
pub struct ThoiHan {
    /// As typed (whitespace collapsed).
    pub text: String,
    pub kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Ngay(NaiveDate),
    Thang {
        month: u32,
        year: i32,
    },
    Quy {
        quarter: u32,
        year: i32,
    },
    Nam(i32),
    DinhKy(DinhKy),
    /// N calendar or working days counted from the document's date.
    TuNgayKy {
        days: u32,
        working: bool,
    },
    /// Anything else ("kể từ ngày có Quyết định công bố…"): printed, not computed.
    Khac,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DinhKy {
    ThuongXuyen,
    HangTuan,
    HangThang,
    HangQuy,
    HangNam,
}

impl Kind {
    /// A stable name for the export.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Ngay(_) => "ngay",
            Kind::Thang { .. } => "thang",
            Kind::Quy { .. } => "quy",
            Kind::Nam(_) => "nam",
            Kind::DinhKy(DinhKy::ThuongXuyen) => "thuong_xuyen",
            Kind::DinhKy(DinhKy::HangTuan) => "hang_tuan",
            Kind::DinhKy(DinhKy::HangThang) => "hang_thang",
            Kind::DinhKy(DinhKy::HangQuy) => "hang_quy",
            Kind::DinhKy(DinhKy::HangNam) => "hang_nam",
            Kind::TuNgayKy { working: true, .. } => "ngay_lam_viec",
            Kind::TuNgayKy { working: false, .. } => "ngay_lich",
            Kind::Khac => "khac",
        }
    }

    pub fn is_recurring(self) -> bool {
        matches!(self, Kind::DinhKy(_))
    }
}

/// The forms accepted, for error hints.
pub const FORMS: &str = "\"trước ngày 20/6/2024\", \"Tháng 8/2023\", \"Quý III/2024\", \"Năm 2023\", \
    \"Thường xuyên\", \"Định kỳ hàng tháng\", \"trong 10 ngày làm việc kể từ ngày ký\"";

pub fn parse(text: &str) -> Result<ThoiHan, String> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return Err("thời hạn không được để trống".into());
    }
    let kind = kind(&text.to_lowercase())?;
    Ok(ThoiHan { text, kind })
}

/// From a TOML date: printed "trước ngày 20/6/2024".
pub fn from_date(date: NaiveDate) -> ThoiHan {
    ThoiHan {
        text: format!("trước ngày {}", ngay_ngan(date)),
        kind: Kind::Ngay(date),
    }
}

fn kind(lower: &str) -> Result<Kind, String> {
    let recurring = [
        ("thường xuyên", DinhKy::ThuongXuyen),
        ("tuần", DinhKy::HangTuan),
        ("tháng", DinhKy::HangThang),
        ("quý", DinhKy::HangQuy),
        ("năm", DinhKy::HangNam),
    ];
    for (word, chu_ky) in recurring {
        let hit = if chu_ky == DinhKy::ThuongXuyen {
            lower.contains(word)
        } else {
            lower.contains(&format!("hàng {word}")) || lower.contains(&format!("hằng {word}"))
        };
        if hit {
            return Ok(Kind::DinhKy(chu_ky));
        }
    }
    if lower.contains("kể từ") {
        let from_signing = ["kể từ ngày ký", "kể từ ngày ban hành"]
            .iter()
            .any(|p| lower.contains(p));
        if let Some(start) = lower.find(|c: char| c.is_ascii_digit()) {
            let run: String = lower[start..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            if run.len() > 4 {
                return Err(format!("số ngày phải từ 1 đến 3650, không phải {run}"));
            }
            // "-5 ngày", "− 5 ngày": a period does not run backwards.
            if lower[..start].trim_end().ends_with(['-', '−', '–']) {
                return Err(format!("số ngày không thể âm (-{run})"));
            }
            // "1,5 ngày": periods are counted in whole days.
            let after = &lower[start + run.len()..];
            if after.starts_with([',', '.']) && after[1..].starts_with(|c: char| c.is_ascii_digit()) {
                let frac: String = after[1..].chars().take_while(char::is_ascii_digit).collect();
                return Err(format!(
                    "số ngày phải là số nguyên, không phải {run}{}{frac}",
                    &after[..1]
                ));
            }
        }
        let Some(days) = first_number(lower) else {
            return Ok(Kind::Khac);
        };
        if !from_signing {
            return Ok(Kind::Khac);
        }
        if days == 0 || days > 3650 {
            return Err(format!("số ngày phải từ 1 đến 3650, không phải {days}"));
        }
        return Ok(Kind::TuNgayKy {
            days,
            working: lower.contains("ngày làm việc"),
        });
    }
    if let Some(date) = date_in(lower)? {
        return Ok(Kind::Ngay(date));
    }
    if let Some(rest) = after_word(lower, "quý ") {
        if let Some((quarter, year)) = quarter_year(rest) {
            return Ok(Kind::Quy { quarter, year });
        }
        // "Quý V/2024": shaped like a quarter, but there are four.
        let year_follows = |after: &str| {
            let after = after.trim_start_matches(['/', ' ']);
            let after = after.strip_prefix("năm ").unwrap_or(after);
            after.starts_with(|c: char| c.is_ascii_digit())
        };
        if let Some(end) = rest.find(['/', ' '])
            && year_follows(&rest[end..])
            && !rest[..end].is_empty()
            && rest[..end]
                .chars()
                .all(|c| c.is_ascii_digit() || "ivxl".contains(c))
        {
            return Err(format!(
                "quý {} không có (một năm có quý I, II, III, IV)",
                rest[..end].to_uppercase()
            ));
        }
    }
    if let Some(rest) = after_word(lower, "tháng ")
        && let Some((month, year)) = month_year(rest)
    {
        if !(1..=12).contains(&month) {
            return Err(format!("tháng {month} không có"));
        }
        return Ok(Kind::Thang { month, year });
    }
    if let Some(year) = after_word(lower, "năm ").and_then(year_at) {
        return Ok(Kind::Nam(year));
    }
    Ok(Kind::Khac)
}

/// The text after the first occurrence of `word` at a word boundary.
fn after_word<'a>(s: &'a str, word: &str) -> Option<&'a str> {
    s.match_indices(word)
        .find(|(i, _)| {
            s[..*i]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
        })
        .map(|(i, w)| &s[i + w.len()..])
}

fn digits_at(s: &str) -> Option<(u32, &str)> {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    if end == 0 || end > 4 {
        return None;
    }
    Some((s[..end].parse().ok()?, &s[end..]))
}

fn year_at(s: &str) -> Option<i32> {
    let (y, _) = digits_at(s)?;
    (1900..=2100).contains(&y).then_some(y as i32)
}

fn first_number(s: &str) -> Option<u32> {
    let start = s.find(|c: char| c.is_ascii_digit())?;
    digits_at(&s[start..]).map(|(n, _)| n)
}

/// "8/2023", "06 năm 2024".
fn month_year(s: &str) -> Option<(u32, i32)> {
    let (month, rest) = digits_at(s)?;
    let rest = rest
        .strip_prefix('/')
        .or_else(|| rest.strip_prefix(" năm "))?;
    Some((month, year_at(rest)?))
}

/// "iii/2024", "3/2024", "ii năm 2024".
fn quarter_year(s: &str) -> Option<(u32, i32)> {
    let end = s.find(['/', ' '])?;
    let quarter = match &s[..end] {
        "i" | "1" => 1,
        "ii" | "2" => 2,
        "iii" | "3" => 3,
        "iv" | "4" => 4,
        _ => return None,
    };
    let rest = &s[end..];
    let rest = rest
        .strip_prefix('/')
        .or_else(|| rest.strip_prefix(" năm "))?;
    Some((quarter, year_at(rest)?))
}

/// A d/m/yyyy date or "ngày D tháng M năm YYYY"; a date-shaped but impossible
/// one ("31/6/2024") is an error rather than silently read as something else.
fn date_in(s: &str) -> Result<Option<NaiveDate>, String> {
    let bytes = s.as_bytes();
    for (i, _) in s.match_indices(|c: char| c.is_ascii_digit()) {
        if i > 0 && bytes[i - 1].is_ascii_digit() {
            continue;
        }
        let Some((d, rest)) = digits_at(&s[i..]) else {
            continue;
        };
        let Some(rest) = rest.strip_prefix('/') else {
            continue;
        };
        let Some((m, rest)) = digits_at(rest) else {
            continue;
        };
        let Some(rest) = rest.strip_prefix('/') else {
            continue;
        };
        let Some(y) = year_at(rest) else { continue };
        return NaiveDate::from_ymd_opt(y, m, d)
            .map(Some)
            .ok_or_else(|| format!("ngày {d}/{m}/{y} không có trên lịch"));
    }
    if let Some(rest) = after_word(s, "ngày ")
        && let Some((d, rest)) = digits_at(rest)
        && let Some((m, y)) = rest.strip_prefix(" tháng ").and_then(month_year)
    {
        return NaiveDate::from_ymd_opt(y, m, d)
            .map(Some)
            .ok_or_else(|| format!("ngày {d} tháng {m} năm {y} không có trên lịch"));
    }
    Ok(None)
}

/// The last day by which the task must be done, where one exists.
/// `issued` is the document's date (None in a draft without a day).
pub fn due_date(kind: Kind, issued: Option<NaiveDate>, calendar: &Calendar) -> Option<NaiveDate> {
    match kind {
        Kind::Ngay(d) => Some(d),
        Kind::Thang { month, year } => last_day_of_month(year, month),
        Kind::Quy { quarter, year } => last_day_of_month(year, quarter * 3),
        Kind::Nam(year) => NaiveDate::from_ymd_opt(year, 12, 31),
        Kind::TuNgayKy { days, working } => {
            let issued = issued?;
            if working {
                calendar.add_working_days(issued, days)
            } else {
                calendar.add_calendar_days(issued, days)
            }
        }
        Kind::DinhKy(_) | Kind::Khac => None,
    }
}

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let first_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }?;
    first_next.pred_opt()
}

/// "05/01/2024", "20/6/2024": leading zeros as in ô 4 (days 1–9, months 1–2).
pub fn ngay_ngan(d: NaiveDate) -> String {
    let month = if d.month() <= 2 {
        format!("{:02}", d.month())
    } else {
        d.month().to_string()
    };
    format!("{:02}/{month}/{}", d.day(), d.year())
}

/// What the document prints: the clerk's words, plus the computed date for a
/// deadline counted from the document's own date once that date is known.
pub fn printed(t: &ThoiHan, issued: Option<NaiveDate>, calendar: &Calendar) -> String {
    match t.kind {
        Kind::TuNgayKy { .. } => match due_date(t.kind, issued, calendar) {
            Some(d) => format!("{} (đến hết ngày {})", t.text, ngay_ngan(d)),
            None => t.text.clone(),
        },
        _ => t.text.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lich::calendar;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn k(s: &str) -> Kind {
        parse(s).unwrap_or_else(|e| panic!("{s}: {e}")).kind
    }

    #[test]
    fn reads_the_forms_in_the_seeds() {
        assert_eq!(k("trước 20/6/2024"), Kind::Ngay(d(2024, 6, 20)));
        assert_eq!(k("trước ngày 01/7/2024"), Kind::Ngay(d(2024, 7, 1)));
        assert_eq!(k("ngày 5 tháng 9 năm 2024"), Kind::Ngay(d(2024, 9, 5)));
        assert_eq!(
            k("Tháng 8/2023"),
            Kind::Thang {
                month: 8,
                year: 2023
            }
        );
        assert_eq!(
            k("trong tháng 06 năm 2024"),
            Kind::Thang {
                month: 6,
                year: 2024
            }
        );
        assert_eq!(
            k("Quý III/2024"),
            Kind::Quy {
                quarter: 3,
                year: 2024
            }
        );
        assert_eq!(k("Năm 2023"), Kind::Nam(2023));
        assert_eq!(
            k("Thường xuyên trong năm 2023"),
            Kind::DinhKy(DinhKy::ThuongXuyen)
        );
        assert_eq!(k("Định kỳ hàng tháng"), Kind::DinhKy(DinhKy::HangThang));
        assert_eq!(k("hằng quý"), Kind::DinhKy(DinhKy::HangQuy));
        assert_eq!(
            k("trong 10 ngày làm việc kể từ ngày ký"),
            Kind::TuNgayKy {
                days: 10,
                working: true
            }
        );
        assert_eq!(
            k("trong 30 ngày kể từ ngày ban hành"),
            Kind::TuNgayKy {
                days: 30,
                working: false
            }
        );
        assert_eq!(
            k("chậm nhất trong 05 ngày làm việc kể từ ngày có Quyết định công bố TTHC"),
            Kind::Khac
        );
        assert_eq!(k("khi có yêu cầu"), Kind::Khac);
    }

    #[test]
    fn negative_and_fractional_day_counts_are_errors() {
        let err = parse("trong -5 ngày kể từ ngày ký").unwrap_err();
        assert!(err.contains("không thể âm"), "{err}");
        let err = parse("trong 1,5 ngày làm việc kể từ ngày ký").unwrap_err();
        assert!(err.contains("số nguyên") && err.contains("1,5"), "{err}");
        assert!(parse("trong 15 ngày kể từ ngày ký").is_ok());
    }

    #[test]
    fn impossible_dates_are_errors() {
        assert!(parse("trước 31/6/2024").is_err());
        assert!(parse("tháng 13/2024").is_err());
        assert!(parse("ngày 30 tháng 2 năm 2024").is_err());
        assert!(parse("trong 0 ngày làm việc kể từ ngày ký").is_err());
        assert!(
            parse("trong 99999999999 ngày kể từ ngày ký")
                .unwrap_err()
                .contains("99999999999")
        );
        assert!(parse("Quý V/2024").unwrap_err().contains("quý V không có"));
        assert!(
            parse("Quý 5 năm 2024")
                .unwrap_err()
                .contains("quý 5 không có")
        );
        assert_eq!(
            parse("Quý IV/2024").map(|t| t.kind),
            Ok(Kind::Quy {
                quarter: 4,
                year: 2024
            })
        );
        assert!(parse("   ").is_err());
    }

    /// Working-day deadlines, each worked out by hand on a printed calendar.
    #[test]
    fn working_days_skip_weekends_and_holidays() {
        let c = calendar();
        let work = |from: NaiveDate, n| c.add_working_days(from, n);
        // 1. No holiday: Fri 31/5/2024 + 10 → Mon 3/6 … Fri 7/6 (5), Mon 10/6 … Fri 14/6 (10).
        assert_eq!(work(d(2024, 5, 31), 10), Some(d(2024, 6, 14)));
        // 2. Across Tết Giáp Thìn (off Thu 8/2 – Wed 14/2/2024): from Mon 5/2, days are
        //    Tue 6/2 (1), Wed 7/2 (2), then Thu 15/2 (3), Fri 16/2 (4), Mon 19/2 (5).
        assert_eq!(work(d(2024, 2, 5), 5), Some(d(2024, 2, 19)));
        // 3. Across 30/4–1/5/2024 with the swap (off Sat 27/4 – Wed 1/5, Sat 4/5 worked):
        //    from Thu 25/4: Fri 26/4 (1), Thu 2/5 (2), Fri 3/5 (3), Sat 4/5 (4), Mon 6/5 (5).
        assert_eq!(work(d(2024, 4, 25), 5), Some(d(2024, 5, 6)));
        // 4. Across Quốc khánh 2024 (off Sat 31/8 – Tue 3/9): from Thu 29/8: Fri 30/8 (1),
        //    Wed 4/9 (2), Thu 5/9 (3).
        assert_eq!(work(d(2024, 8, 29), 3), Some(d(2024, 9, 5)));
        // 5. Across Tết Ất Tỵ 2025 (off Sat 25/1 – Sun 2/2, Sat 8/2 worked): from Fri 24/1:
        //    Mon 3/2 … Fri 7/2 (1–5), Sat 8/2 (6), Mon 10/2 (7).
        assert_eq!(work(d(2025, 1, 24), 7), Some(d(2025, 2, 10)));
        // 6. Across 30/4–1/5/2025 (off Wed 30/4 – Sun 4/5, Sat 26/4 worked): from Thu 24/4:
        //    Fri 25/4 (1), Sat 26/4 (2), Mon 28/4 (3), Tue 29/4 (4), Mon 5/5 (5).
        assert_eq!(work(d(2025, 4, 24), 5), Some(d(2025, 5, 5)));
        // 7. Across Quốc khánh 2025 (off Sat 30/8 – Tue 2/9): from Fri 29/8 + 1 → Wed 3/9.
        assert_eq!(work(d(2025, 8, 29), 1), Some(d(2025, 9, 3)));
        // 8. Giỗ Tổ 2026 on Sunday 26/4, compensated Mon 27/4, then 30/4–3/5:
        //    from Fri 24/4: Tue 28/4 (1), Wed 29/4 (2), Mon 4/5 (3).
        assert_eq!(work(d(2026, 4, 24), 3), Some(d(2026, 5, 4)));
    }

    #[test]
    fn calendar_days_end_on_a_working_day() {
        let c = calendar();
        // 10 days from Wed 31/1/2024 is Sat 10/2/2024, inside Tết (to Wed 14/2): Thu 15/2.
        assert_eq!(
            c.add_calendar_days(d(2024, 1, 31), 10),
            Some(d(2024, 2, 15))
        );
        // 15 days from Fri 31/5/2024 is Sat 15/6: moved to Mon 17/6.
        assert_eq!(
            c.add_calendar_days(d(2024, 5, 31), 15),
            Some(d(2024, 6, 17))
        );
        // Outside the calendar's years nothing is computed.
        assert_eq!(c.add_working_days(d(2030, 12, 30), 5), None);
    }

    #[test]
    fn printed_form_adds_the_computed_date_once_dated() -> Result<(), String> {
        let c = calendar();
        let t = parse("trong 10 ngày làm việc kể từ ngày ký")?;
        assert_eq!(printed(&t, None, c), "trong 10 ngày làm việc kể từ ngày ký");
        assert_eq!(
            printed(&t, Some(d(2024, 5, 31)), c),
            "trong 10 ngày làm việc kể từ ngày ký (đến hết ngày 14/6/2024)"
        );
        assert_eq!(ngay_ngan(d(2024, 1, 5)), "05/01/2024");
        assert_eq!(ngay_ngan(d(2024, 7, 1)), "01/7/2024");
        assert_eq!(
            due_date(
                Kind::Thang {
                    month: 2,
                    year: 2024
                },
                None,
                c
            ),
            Some(d(2024, 2, 29))
        );
        assert_eq!(
            due_date(
                Kind::Quy {
                    quarter: 3,
                    year: 2024
                },
                None,
                c
            ),
            Some(d(2024, 9, 30))
        );
        Ok(())
    }
}
