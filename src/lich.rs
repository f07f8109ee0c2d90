//! Working days of Vietnamese public bodies: Monday to Friday, minus the
//! public holidays and plus the make-up Saturdays in `data/ngay_nghi.toml`.

use std::collections::HashSet;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;

const SOURCE: &str = include_str!("../data/ngay_nghi.toml");

/// The years the calendar covers; outside them working days cannot be counted.
pub const FIRST_YEAR: i32 = 2020;
pub const LAST_YEAR: i32 = 2030;

#[derive(Deserialize)]
struct File {
    nam: Vec<Year>,
}

#[derive(Deserialize)]
struct Year {
    nam: i32,
    trang_thai: String,
    nghi: Vec<Span>,
    #[serde(default)]
    lam_bu: Vec<String>,
}

#[derive(Deserialize)]
struct Span {
    tu: String,
    den: String,
}

pub struct Calendar {
    off: HashSet<NaiveDate>,
    make_up: HashSet<NaiveDate>,
}

static CALENDAR: LazyLock<Calendar> = LazyLock::new(|| {
    // The file is compiled in and checked by `calendar_file_is_well_formed`.
    Calendar::parse(SOURCE).unwrap_or_else(|e| panic!("data/ngay_nghi.toml: {e}"))
});

pub fn calendar() -> &'static Calendar {
    &CALENDAR
}

impl Calendar {
    fn parse(source: &str) -> Result<Self, String> {
        let file: File = toml::from_str(source).map_err(|e| e.to_string())?;
        let date = |s: &str| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| format!("ngày \"{s}\": {e}"))
        };
        let mut off = HashSet::new();
        let mut make_up = HashSet::new();
        for year in &file.nam {
            if !["cong_bo", "tam_tinh"].contains(&year.trang_thai.as_str()) {
                return Err(format!(
                    "năm {}: trang_thai \"{}\"",
                    year.nam, year.trang_thai
                ));
            }
            for span in &year.nghi {
                let (from, to) = (date(&span.tu)?, date(&span.den)?);
                if from > to || from.year() != year.nam && to.year() != year.nam {
                    return Err(format!(
                        "đợt nghỉ {}–{} sai năm hoặc ngược",
                        span.tu, span.den
                    ));
                }
                off.extend(from.iter_days().take_while(|d| *d <= to));
            }
            for s in &year.lam_bu {
                make_up.insert(date(s)?);
            }
        }
        Ok(Calendar { off, make_up })
    }

    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        if self.make_up.contains(&day) {
            return true;
        }
        !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !self.off.contains(&day)
    }

    pub fn covers(&self, day: NaiveDate) -> bool {
        (FIRST_YEAR..=LAST_YEAR).contains(&day.year())
    }

    /// The `n`-th working day after `start`: the period starts the day after
    /// the event (Bộ luật Dân sự 2015, Điều 147).
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> Option<NaiveDate> {
        let mut day = start;
        let mut left = n;
        while left > 0 {
            day = day.succ_opt()?;
            if !self.covers(day) {
                return None;
            }
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        Some(day)
    }

    /// `n` calendar days after `start`; a period ending on a day off ends on
    /// the next working day instead (Bộ luật Dân sự 2015, Điều 148 khoản 5).
    pub fn add_calendar_days(&self, start: NaiveDate, n: u32) -> Option<NaiveDate> {
        let mut day = start.checked_add_days(chrono::Days::new(n.into()))?;
        while !self.is_working_day(day) {
            day = day.succ_opt()?;
        }
        self.covers(day).then_some(day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn calendar_file_is_well_formed() -> Result<(), Box<dyn std::error::Error>> {
        let c = Calendar::parse(SOURCE)?;
        let file: File = toml::from_str(SOURCE)?;
        let years: Vec<i32> = file.nam.iter().map(|y| y.nam).collect();
        assert_eq!(years, (FIRST_YEAR..=LAST_YEAR).collect::<Vec<_>>());
        // Every make-up day is a Saturday, and every year has 1/1, 30/4, 1/5, 2/9 off.
        for m in &c.make_up {
            assert_eq!(m.weekday(), Weekday::Sat, "{m}");
        }
        for y in FIRST_YEAR..=LAST_YEAR {
            for (m, day) in [(1, 1), (4, 30), (5, 1), (9, 2)] {
                assert!(c.off.contains(&d(y, m, day)), "{day}/{m}/{y}");
            }
        }
        Ok(())
    }

    #[test]
    fn weekends_holidays_and_make_up_days() {
        let c = calendar();
        assert!(c.is_working_day(d(2024, 5, 31))); // Friday
        assert!(!c.is_working_day(d(2024, 6, 1))); // Saturday
        assert!(!c.is_working_day(d(2024, 2, 12))); // Monday in Tết
        assert!(c.is_working_day(d(2024, 5, 4))); // make-up Saturday
        assert!(!c.is_working_day(d(2024, 4, 29))); // swapped Monday
    }
}
