//! Documents cited in the text ("… số 01/NQ-CP ngày 05/01/2024 của Chính
//! phủ …"): their dates on the calendar and not after this document, one
//! date and one issuer per cited document.

use chrono::NaiveDate;

use super::{Doan, PhatHien, fold};
use crate::model::{NoiDung, QuyTac, VanBan};
use crate::thoi_han::ngay_ngan;

/// A date written in the text, and what it dates.
#[derive(Debug, PartialEq)]
struct NgayDan {
    /// As written ("05/01/2024", "5 tháng 01 năm 2024"), to point at.
    token: String,
    /// `None`: the calendar has no such day.
    date: Option<NaiveDate>,
    /// The symbol of the document it dates ("01/NQ-CP"), when it follows
    /// "số <symbol> ngày".
    symbol: Option<String>,
    /// Who issued it, from "của <issuer>": its words up to the clause's end,
    /// folded, long names of bodies shortened.
    issuer: Option<Vec<String>>,
}

pub(super) fn kiem_tra(
    vb: &VanBan,
    issued: Option<NaiveDate>,
    doan: &[Doan],
    out: &mut Vec<PhatHien>,
) {
    // Citations also stand in the trích yếu and a decision's legal bases.
    let mut texts: Vec<(String, &str)> = vb
        .trich_yeu
        .iter()
        .map(|l| ("trich_yeu".to_string(), l.as_str()))
        .collect();
    if let NoiDung::TheoDieu(qd) = &vb.noi_dung {
        texts.extend(
            qd.can_cu
                .iter()
                .enumerate()
                .map(|(i, c)| (format!("can_cu[{i}]"), c.as_str())),
        );
    }
    texts.extend(doan.iter().map(|d| (d.truong.clone(), d.loi_van.as_str())));
    let mut cited: Vec<NgayDan> = Vec::new();
    for (field, text) in texts {
        for found in read(text) {
            let at = |q: QuyTac, message: String, hint: &str| {
                PhatHien::new(q, field.clone(), message, hint).tai(found.token.clone())
            };
            let Some(date) = found.date else {
                out.push(at(
                    QuyTac::NgayKhongCo,
                    format!("ngày {} không có trên lịch", found.token),
                    "kiểm tra lại ngày, tháng của văn bản được dẫn",
                ));
                continue;
            };
            let Some(symbol) = found.symbol.clone() else {
                continue;
            };
            if let Some(d) = issued.filter(|d| date > *d) {
                out.push(at(
                    QuyTac::NgaySauVanBan,
                    format!(
                        "văn bản số {symbol} được dẫn với ngày {} sau ngày ban hành văn bản này ({})",
                        ngay_ngan(date),
                        ngay_ngan(d)
                    ),
                    "kiểm tra ngày của văn bản được dẫn, hoặc ngày ban hành (ngay)",
                ));
            }
            // One document is one symbol issued in one year by one body: the
            // Government's 01/NQ-CP of 2023 and of 2024, two provinces'
            // 01/NQ-UBND, are different documents.
            let Some(first) = cited.iter().find(|c| c.same_document(&found)) else {
                cited.push(found);
                continue;
            };
            if let Some(first_date) = first.date.filter(|d| *d != date) {
                out.push(at(
                    QuyTac::TrichDanKhacNgay,
                    format!(
                        "văn bản số {symbol} được dẫn với ngày {}, chỗ khác ghi ngày {}",
                        ngay_ngan(date),
                        ngay_ngan(first_date)
                    ),
                    "thống nhất một ngày cho văn bản được dẫn",
                ));
            }
        }
    }
}

impl NgayDan {
    /// Whether two citations name one document: the same symbol, dated in
    /// the same year, by the same body (where both say which; one naming
    /// it more fully than the other is the same body).
    fn same_document(&self, other: &NgayDan) -> bool {
        use chrono::Datelike;
        let year = |d: &NgayDan| d.date.map(|d| d.year());
        let issuers = match (&self.issuer, &other.issuer) {
            (Some(a), Some(b)) => {
                let n = a.len().min(b.len());
                a[..n] == b[..n]
            }
            _ => true,
        };
        self.symbol == other.symbol && year(self) == year(other) && issuers
    }
}

/// The dates written in `text`, d/m/yyyy or "ngày d tháng m năm yyyy".
fn read(text: &str) -> Vec<NgayDan> {
    let raw: Vec<&str> = text.split_whitespace().collect();
    let words: Vec<&str> = raw
        .iter()
        .map(|w| {
            w.trim_start_matches(['(', '"', '“'])
                .trim_end_matches(['.', ',', ';', ':', ')', '/', '"', '”'])
        })
        .collect();
    let number = |i: usize, len: std::ops::RangeInclusive<usize>| -> Option<u32> {
        let w = words.get(i)?;
        (len.contains(&w.len()) && w.chars().all(|c| c.is_ascii_digit())).then(|| w.parse().ok())?
    };
    let mut out = Vec::new();
    for i in 0..words.len() {
        let (token, date, start, end) = if let Some((d, m, y)) = slashed(words[i]) {
            (words[i].to_string(), NaiveDate::from_ymd_opt(y, m, d), i, i)
        } else if words[i] == "ngày"
            && words.get(i + 2) == Some(&"tháng")
            && words.get(i + 4) == Some(&"năm")
            && let (Some(d), Some(m), Some(y)) = (
                number(i + 1, 1..=2),
                number(i + 3, 1..=2),
                number(i + 5, 4..=4),
            )
        {
            (
                raw[i + 1..=i + 5].join(" "),
                NaiveDate::from_ymd_opt(y as i32, m, d),
                i + 1,
                i + 5,
            )
        } else {
            continue;
        };
        let symbol = (start >= 3
            && words[start - 1] == "ngày"
            && words[start - 3].to_lowercase() == "số"
            && words[start - 2].contains('/')
            && words[start - 2].chars().any(char::is_alphabetic))
        .then(|| words[start - 2].to_string());
        let issuer = (words.get(end + 1) == Some(&"của") && symbol.is_some())
            .then(|| issuer(&raw[end + 2..]))
            .flatten();
        out.push(NgayDan {
            token: token
                .trim_end_matches(['.', ',', ';', ')', '/'])
                .to_string(),
            date,
            symbol,
            issuer,
        });
    }
    out
}

/// "05/01/2024" → (5, 1, 2024).
fn slashed(word: &str) -> Option<(u32, u32, i32)> {
    let parts: Vec<&str> = word.split('/').collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.chars().all(|c| c.is_ascii_digit())
    };
    if !(digits(d, 1..=2) && digits(m, 1..=2) && digits(y, 4..=4)) {
        return None;
    }
    Some((d.parse().ok()?, m.parse().ok()?, y.parse().ok()?))
}

/// An issuer's words up to the end of its clause (a punctuation mark, or
/// "về"/"quy định"/"ban hành" starting what the document is about), with
/// the long names of bodies shortened as texts shorten them, folded: "Ủy ban
/// nhân dân tỉnh Tây Ninh" and "UBND tỉnh Tây Ninh" agree.
fn issuer(words: &[&str]) -> Option<Vec<String>> {
    let mut taken = Vec::new();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    for (i, w) in words.iter().take(8).enumerate() {
        let bare = w.trim_end_matches(['.', ',', ';', ':', ')']);
        let next = lower.get(i + 1).map_or("", |n| n.trim_end_matches(['.', ',', ';', ':', ')']));
        let starts_subject = match lower[i].as_str() {
            "về" => true,
            "quy" => next == "định",
            "ban" => next == "hành",
            "hướng" => next == "dẫn",
            "phê" => next == "duyệt",
            _ => false,
        };
        if starts_subject && !taken.is_empty() {
            break;
        }
        taken.push(bare);
        if bare.len() != w.len() {
            break;
        }
    }
    let short = fold(&taken.join(" "))
        .replace("uy_ban_nhan_dan", "ubnd")
        .replace("hoi_dong_nhan_dan", "hdnd");
    let words: Vec<String> = short
        .split('_')
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect();
    (words.len() >= 2).then_some(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_are_read_with_their_dates_and_issuers() {
        let text = "Thực hiện Nghị quyết số 01/NQ-CP ngày 05/01/2024 của Chính phủ, trước ngày 30/02/2024; Quyết định số 9/QĐ-UBND ngày 5 tháng 01 năm 2024 của Ủy ban nhân dân tỉnh.";
        let found = read(text);
        assert_eq!(found.len(), 3, "{found:#?}");
        assert_eq!(found[0].symbol.as_deref(), Some("01/NQ-CP"));
        let words = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        assert_eq!(found[0].issuer, Some(words("chinh phu")));
        assert_eq!(
            (found[1].token.as_str(), found[1].date, &found[1].symbol),
            ("30/02/2024", None, &None)
        );
        assert_eq!(found[2].token, "5 tháng 01 năm 2024");
        assert_eq!(found[2].date, NaiveDate::from_ymd_opt(2024, 1, 5));
        assert_eq!(found[2].symbol.as_deref(), Some("9/QĐ-UBND"));
        assert_eq!(found[2].issuer, Some(words("ubnd tinh")));
    }

    #[test]
    fn one_symbol_of_two_years_or_two_bodies_is_two_documents() {
        let check = |text: &str| {
            let mut cited: Vec<NgayDan> = Vec::new();
            let mut clashes = 0;
            for c in read(text) {
                match cited.iter().find(|x| x.same_document(&c)) {
                    Some(x) if x.date != c.date => clashes += 1,
                    Some(_) => {}
                    None => cited.push(c),
                }
            }
            clashes
        };
        assert_eq!(
            check("Nghị quyết số 01/NQ-CP ngày 05/01/2023 của Chính phủ và Nghị quyết số 01/NQ-CP ngày 05/01/2024 của Chính phủ."),
            0
        );
        assert_eq!(
            check("Nghị quyết số 01/NQ-UBND ngày 05/01/2024 của UBND tỉnh Tây Ninh; Nghị quyết số 01/NQ-UBND ngày 09/01/2024 của Ủy ban nhân dân tỉnh Bình Dương."),
            0
        );
        assert_eq!(
            check("Nghị quyết số 01/NQ-CP ngày 05/01/2024 của Chính phủ về phát triển; Nghị quyết số 01/NQ-CP ngày 06/01/2024 của Chính phủ."),
            1
        );
    }
}
