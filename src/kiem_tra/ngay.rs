//! Dates: deadlines against the issue date and the calendar, dates cited in
//! the text (on the calendar, not after this document, one date per cited
//! document).

use chrono::NaiveDate;

use super::{Doan, PhatHien};
use crate::model::{NgayBanHanh, NoiDung, QuyTac, VanBan};
use crate::thoi_han::{Kind, due_date, ngay_ngan};

pub(super) fn kiem_tra(vb: &VanBan, doan: &[Doan], out: &mut Vec<PhatHien>) {
    let issued = match vb.ngay {
        NgayBanHanh::Day(d) => Some(d),
        _ => None,
    };
    thoi_han(vb, issued, out);

    // Citations also stand in the trích yếu and a decision's legal bases.
    let mut texts: Vec<(String, &str)> = vb
        .trich_yeu
        .iter()
        .map(|l| ("trich_yeu".to_string(), l.as_str()))
        .collect();
    if let NoiDung::QuyetDinh(qd) = &vb.noi_dung {
        texts.extend(
            qd.can_cu
                .iter()
                .enumerate()
                .map(|(i, c)| (format!("can_cu[{i}]"), c.as_str())),
        );
    }
    texts.extend(doan.iter().map(|d| (d.truong.clone(), d.van_ban.as_str())));
    let mut cited: Vec<(String, NaiveDate)> = Vec::new();
    for (field, text) in texts {
        for (token, date) in dates(text) {
            let Some(date) = date else {
                out.push(
                    PhatHien::new(
                        QuyTac::NgayKhongCo,
                        field.clone(),
                        format!("ngày {token} không có trên lịch"),
                        "kiểm tra lại ngày, tháng của văn bản được dẫn",
                    )
                    .tai(token),
                );
                continue;
            };
            let Some(symbol) = citation(text, token) else {
                continue;
            };
            if let Some(d) = issued.filter(|d| date > *d) {
                out.push(
                    PhatHien::new(
                        QuyTac::NgaySauVanBan,
                        field.clone(),
                        format!(
                            "văn bản số {symbol} được dẫn với ngày {} sau ngày ban hành văn bản này ({})",
                            ngay_ngan(date),
                            ngay_ngan(d)
                        ),
                        "kiểm tra ngày của văn bản được dẫn, hoặc ngày ban hành (ngay)",
                    )
                    .tai(token),
                );
            }
            match cited.iter().find(|(s, _)| *s == symbol) {
                Some((_, first)) if *first != date => out.push(
                    PhatHien::new(
                        QuyTac::TrichDanKhacNgay,
                        field.clone(),
                        format!(
                            "văn bản số {symbol} được dẫn với ngày {}, chỗ khác ghi ngày {}",
                            ngay_ngan(date),
                            ngay_ngan(*first)
                        ),
                        "thống nhất một ngày cho văn bản được dẫn",
                    )
                    .tai(token),
                ),
                Some(_) => {}
                None => cited.push((symbol, date)),
            }
        }
    }
}

/// Task deadlines that fall before the issue date, or on a day off.
fn thoi_han(vb: &VanBan, issued: Option<NaiveDate>, out: &mut Vec<PhatHien>) {
    let calendar = crate::lich::calendar();
    for (i, nv) in vb.nhiem_vu.iter().enumerate() {
        let Some(th) = &nv.thoi_han else { continue };
        let field = format!("nhiem_vu[{i}].thoi_han");
        let due = due_date(th.kind, issued, calendar);
        if let (Some(due), Some(issued)) = (due, issued)
            && due < issued
        {
            out.push(PhatHien::new(
                QuyTac::ThoiHanTruocNgayBanHanh,
                field.clone(),
                format!(
                    "thời hạn \"{}\" ({}) sớm hơn ngày ban hành {}",
                    th.text,
                    ngay_ngan(due),
                    ngay_ngan(issued)
                ),
                "sửa thời hạn hoặc ngày ban hành",
            ));
        }
        if let Kind::Ngay(d) = th.kind
            && calendar.covers(d)
            && !calendar.is_working_day(d)
        {
            out.push(PhatHien::new(
                QuyTac::ThoiHanNgayNghi,
                field,
                format!("thời hạn {} là ngày nghỉ", ngay_ngan(d)),
                "chọn ngày làm việc liền trước hoặc liền sau",
            ));
        }
    }
}

/// Dates written d/m/yyyy in `text`, each with the day it names (None when
/// the calendar has no such day).
fn dates(text: &str) -> Vec<(&str, Option<NaiveDate>)> {
    text.split(|c: char| c.is_whitespace() || "(),;:\"“”".contains(c))
        .map(|t| t.trim_end_matches(['.', '/']))
        .filter_map(|t| {
            let parts: Vec<&str> = t.split('/').collect();
            let [d, m, y] = parts.as_slice() else {
                return None;
            };
            let all_digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
                n.contains(&s.len()) && s.chars().all(|c| c.is_ascii_digit())
            };
            if !(all_digits(d, 1..=2) && all_digits(m, 1..=2) && all_digits(y, 4..=4)) {
                return None;
            }
            let date = NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
            Some((t, date))
        })
        .collect()
}

/// The symbol of the document cited with the date `token`: "… số
/// 01/NQ-CP ngày 05/01/2024 …" → "01/NQ-CP".
fn citation(text: &str, token: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let at = words
        .iter()
        .position(|w| w.trim_end_matches(['.', ',', ';', ')', '/']) == token)?;
    let ngay = words.get(at.checked_sub(1)?)?;
    let symbol = words.get(at.checked_sub(2)?)?;
    let so = words.get(at.checked_sub(3)?)?;
    (*ngay == "ngày"
        && so.to_lowercase() == "số"
        && symbol.contains('/')
        && symbol.chars().any(char::is_alphabetic))
    .then(|| symbol.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_and_dates_are_read_from_running_text() {
        let text = "Thực hiện Nghị quyết số 01/NQ-CP ngày 05/01/2024 của Chính phủ, trước ngày 30/02/2024.";
        let found = dates(text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[1], ("30/02/2024", None));
        assert_eq!(citation(text, "05/01/2024").as_deref(), Some("01/NQ-CP"));
        assert_eq!(citation(text, "30/02/2024"), None);
    }
}
