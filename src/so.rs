//! Numbers in tables: read as clerks type them (either decimal mark where
//! the meaning is certain) and printed the Vietnamese way ("1.777", "48,62").
//!
//! Kept as decimals, not floats, so that "32,60" keeps its trailing zero and
//! a sum of percentages is exact.

use rust_decimal::prelude::*;

/// Why a cell is not a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoiSo {
    /// Letters or other signs where a number was expected.
    KhongPhaiSo,
    /// "1.777": a thousand and more, or one and a bit? The reader must say.
    MoHo { nghin: String, thap_phan: String },
}

/// A number read from text, with whether it carried a "%" sign.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SoNhap {
    pub gia_tri: Decimal,
    pub phan_tram: bool,
}

/// Reads "48,62", "48.62", "1.777.000", "1,777,000", "1.777,5", "-3", "30%".
/// A single "." followed by exactly three digits after a non-zero integer
/// part is refused as ambiguous; a single "," is always the decimal mark.
pub fn parse(text: &str) -> Result<SoNhap, LoiSo> {
    parse_voi(text, None)
}

/// The decimal mark numbers are written with: Vietnamese "1.058" (one
/// thousand and fifty-eight) and "2.345,5", or English "1,234.5".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DauThapPhan {
    Phay,
    Cham,
}

/// What a number's text shows about its decimal mark, where it is certain:
/// both marks ("1,234.5"), a mark not followed by a group of three ("48.62",
/// "48,62"), a mark repeated ("1.234.567").
pub fn bang_chung(text: &str) -> Option<DauThapPhan> {
    let s: String = text.trim().trim_end_matches('%').chars().filter(|c| c.is_ascii_digit() || matches!(c, '.' | ',')).collect();
    let (dots, commas) = (s.matches('.').count(), s.matches(',').count());
    let dau = |mark: char| if mark == '.' { DauThapPhan::Cham } else { DauThapPhan::Phay };
    match (dots, commas) {
        (0, 0) => None,
        (1, 0) | (0, 1) => {
            let mark = if dots == 1 { '.' } else { ',' };
            let (i, f) = split_at(&s, mark);
            (f.len() != 3 || i == "0" || i.len() > 3).then(|| dau(mark))
        }
        // The mark repeated groups thousands; the decimal is the other.
        (_, 0) => Some(DauThapPhan::Phay),
        (0, _) => Some(DauThapPhan::Cham),
        _ => Some(if s.rfind('.') > s.rfind(',') { DauThapPhan::Cham } else { DauThapPhan::Phay }),
    }
}

/// [`parse`], with the decimal mark known (`None`: "1.777" is refused as
/// ambiguous).
pub fn parse_voi(text: &str, dau: Option<DauThapPhan>) -> Result<SoNhap, LoiSo> {
    let mut s: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    let phan_tram = s.ends_with('%');
    if phan_tram {
        s.pop();
    }
    let am = s.starts_with(['-', '−']);
    if am {
        s = s.trim_start_matches(['-', '−']).to_string();
    }
    if s.is_empty()
        || !s.starts_with(|c: char| c.is_ascii_digit())
        || !s.ends_with(|c: char| c.is_ascii_digit())
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(LoiSo::KhongPhaiSo);
    }
    let dots = s.matches('.').count();
    let commas = s.matches(',').count();
    let (nguyen, le) = match (dots, commas) {
        (0, 0) => (s.clone(), String::new()),
        (0, 1) => {
            let (i, f) = split_at(&s, ',');
            if dau == Some(DauThapPhan::Cham) && f.len() == 3 && i.len() <= 3 {
                (format!("{i}{f}"), String::new())
            } else {
                (i, f)
            }
        }
        (1, 0) => {
            let (i, f) = split_at(&s, '.');
            if f.len() == 3 && i != "0" && i.len() <= 3 {
                match dau {
                    Some(DauThapPhan::Phay) => (format!("{i}{f}"), String::new()),
                    Some(DauThapPhan::Cham) => (i, f),
                    None => {
                        return Err(LoiSo::MoHo {
                            nghin: format!("{i}{f}"),
                            thap_phan: format!("{i},{f}"),
                        });
                    }
                }
            } else {
                (i, f)
            }
        }
        (_, 0) => (grouped(&s, '.')?, String::new()),
        (0, _) => (grouped(&s, ',')?, String::new()),
        _ => {
            // Both marks: the last one is the decimal mark.
            let last = if s.rfind('.') > s.rfind(',') {
                '.'
            } else {
                ','
            };
            let other = if last == '.' { ',' } else { '.' };
            let (i, f) = split_at(&s, last);
            if f.contains(other) {
                return Err(LoiSo::KhongPhaiSo);
            }
            (grouped(&i, other)?, f)
        }
    };
    let plain = if le.is_empty() {
        nguyen
    } else {
        format!("{nguyen}.{le}")
    };
    let mut gia_tri = Decimal::from_str_exact(&plain).map_err(|_| LoiSo::KhongPhaiSo)?;
    gia_tri.set_sign_negative(am && !gia_tri.is_zero());
    Ok(SoNhap { gia_tri, phan_tram })
}

fn split_at(s: &str, mark: char) -> (String, String) {
    let (i, f) = s.rsplit_once(mark).unwrap_or((s, ""));
    (i.to_string(), f.to_string())
}

/// "1.777.000" with `mark` '.' → "1777000"; groups after the first must be
/// three digits, or the text is not a number.
fn grouped(s: &str, mark: char) -> Result<String, LoiSo> {
    let mut parts = s.split(mark);
    let first = parts.next().unwrap_or_default();
    if first.is_empty() || first.len() > 3 {
        return Err(LoiSo::KhongPhaiSo);
    }
    let mut out = first.to_string();
    for p in parts {
        if p.len() != 3 {
            return Err(LoiSo::KhongPhaiSo);
        }
        out.push_str(p);
    }
    Ok(out)
}

/// A number from a spreadsheet cell; `phan_tram` when Excel shows it with
/// "%" (it stores 0,4862 for "48,62%"); `chu_so` the decimals its format shows.
pub fn tu_bang_tinh(x: f64, phan_tram: bool, chu_so: Option<u32>) -> Option<Decimal> {
    let mut d = Decimal::from_f64(x)?;
    if phan_tram {
        d *= Decimal::ONE_HUNDRED;
    }
    // Binary floats carry noise past the 10th decimal ("0.1 + 0.2").
    let mut d = d.round_dp(10).normalize();
    if let Some(n) = chu_so {
        d = lam_tron(d, n);
    }
    Some(d)
}

/// Rounds half away from zero ("2,345" → "2,35"), as people do by hand,
/// keeping exactly `chu_so` decimals.
pub fn lam_tron(d: Decimal, chu_so: u32) -> Decimal {
    let mut r = d.round_dp_with_strategy(chu_so, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(chu_so);
    r
}

/// "1777.5" → "1.777,5"; the decimals are the number's own scale, so round
/// first with [`lam_tron`] for a fixed precision. `tach_nghin`: group
/// thousands with ".".
pub fn in_so(d: Decimal, tach_nghin: bool) -> String {
    let plain = d.abs().to_string();
    let (nguyen, le) = plain.split_once('.').unwrap_or((&plain, ""));
    let mut out = String::new();
    if d.is_sign_negative() && !d.is_zero() {
        out.push('-');
    }
    let n = nguyen.len();
    for (i, c) in nguyen.chars().enumerate() {
        if tach_nghin && i > 0 && (n - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    if !le.is_empty() {
        out.push(',');
        out.push_str(le);
    }
    out
}

/// A count printed the Vietnamese way: "200.000".
pub fn in_nguyen(n: usize) -> String {
    in_so(Decimal::from(n as u64), true)
}

/// The number of decimals an Excel number format shows ("0.00%" → 2);
/// `None` for "General", which shows what the number has.
pub fn chu_so_dinh_dang(format: &str) -> Option<u32> {
    let first = format.split(';').next().unwrap_or_default();
    if first.eq_ignore_ascii_case("general") || !first.contains('0') {
        return None;
    }
    let decimals = match first.split_once('.') {
        Some((_, f)) => f.chars().take_while(|c| *c == '0' || *c == '#').count(),
        None => 0,
    };
    Some(decimals as u32)
}

/// Roman numerals ("I", "IV", "XII"), for reading "I." headings and for
/// numbering sections and phụ lục.
/// The number a Roman numeral writes, when it is written as `roman` writes
/// it ("IV", not "IIII"), from 1 to 50: the numerals of a document's parts.
pub fn parse_roman(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b"IVXL".contains(&b)) {
        return None;
    }
    (1..=50).find(|&n| roman(n) == s)
}

/// The Vietnamese alphabet as lettered items (điểm) run: a), b), c), d),
/// đ), e), g)… (no f, j, w, z; PL-I §II.6.đ).
pub const CHU_CAI: [char; 23] = [
    'a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't',
    'u', 'v', 'x', 'y',
];

/// The `n`th letter of [`CHU_CAI`] (from 1), going round after "y".
pub fn chu_cai(n: u32) -> char {
    CHU_CAI[(n as usize).saturating_sub(1) % CHU_CAI.len()]
}

/// A letter's rank in [`CHU_CAI`], from 1.
pub fn thu_tu_chu_cai(c: char) -> Option<u32> {
    CHU_CAI.iter().position(|&x| x == c).map(|i| i as u32 + 1)
}

pub fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn so(s: &str) -> String {
        match parse(s) {
            Ok(d) => in_so(d.gia_tri, true),
            Err(e) => format!("{e:?}"),
        }
    }

    #[test]
    fn the_decimal_mark_decides_what_is_ambiguous() {
        use DauThapPhan::*;
        let read = |s, d| parse_voi(s, d).map(|n| n.gia_tri.to_string());
        assert_eq!(read("1.058", Some(Phay)), Ok("1058".into()));
        assert_eq!(read("1.058", Some(Cham)), Ok("1.058".into()));
        assert!(matches!(read("1.058", None), Err(LoiSo::MoHo { .. })));
        assert_eq!(read("2.345,5", Some(Phay)), Ok("2345.5".into()));
        assert_eq!(read("1,234", Some(Cham)), Ok("1234".into()));
        assert_eq!(read("1,234", Some(Phay)), Ok("1.234".into()));
        assert_eq!(read("48.62", Some(Phay)), Ok("48.62".into()));
        assert_eq!(bang_chung("1,234.5"), Some(Cham));
        assert_eq!(bang_chung("1.5"), Some(Cham));
        assert_eq!(bang_chung("2.345,5"), Some(Phay));
        assert_eq!(bang_chung("48,62%"), Some(Phay));
        assert_eq!(bang_chung("1.234.567"), Some(Phay));
        assert_eq!(bang_chung("1.058"), None);
        assert_eq!(bang_chung("1,058"), None);
        assert_eq!(bang_chung("852"), None);
    }

    #[test]
    fn reads_both_decimal_marks_where_the_meaning_is_certain() {
        assert_eq!(so("48,62"), "48,62");
        assert_eq!(so("48.62"), "48,62");
        assert_eq!(so("32,60"), "32,60");
        assert_eq!(so("0.125"), "0,125");
        assert_eq!(so("1.777.000"), "1.777.000");
        assert_eq!(so("1,777,000"), "1.777.000");
        assert_eq!(so("1.777,5"), "1.777,5");
        assert_eq!(so("1,777.5"), "1.777,5");
        assert_eq!(so("1777"), "1.777");
        assert_eq!(so(" -3 "), "-3");
        assert_eq!(so("1 777"), "1.777");
        assert_eq!(
            parse("30%"),
            Ok(SoNhap {
                gia_tri: Decimal::from(30),
                phan_tram: true
            })
        );
    }

    #[test]
    fn refuses_what_is_not_a_number_or_is_ambiguous() {
        for bad in [
            "",
            "-",
            "abc",
            "4,8,6",
            "48.62.1",
            "12a",
            ".5",
            "5.",
            "1.777,5.1",
        ] {
            assert_eq!(parse(bad), Err(LoiSo::KhongPhaiSo), "{bad:?}");
        }
        assert_eq!(so("1.77"), "1,77");
        assert_eq!(
            parse("1.777"),
            Err(LoiSo::MoHo {
                nghin: "1777".into(),
                thap_phan: "1,777".into()
            })
        );
    }

    #[test]
    fn rounds_half_away_from_zero() {
        let d = |s: &str| parse(s).map_or(Decimal::MAX, |d| d.gia_tri);
        assert_eq!(in_so(lam_tron(d("2,345"), 2), true), "2,35");
        assert_eq!(in_so(lam_tron(d("2,5"), 0), true), "3");
        assert_eq!(in_so(lam_tron(d("-2,5"), 0), true), "-3");
        assert_eq!(in_so(lam_tron(d("48,6"), 2), true), "48,60");
        assert_eq!(in_so(d("1400"), false), "1400");
    }

    #[test]
    fn spreadsheet_numbers_lose_their_float_noise() {
        let shown = |x, pct, chu_so| tu_bang_tinh(x, pct, chu_so).map(|d| in_so(d, true));
        assert_eq!(shown(0.1 + 0.2, false, None).as_deref(), Some("0,3"));
        assert_eq!(shown(0.4862, true, Some(2)).as_deref(), Some("48,62"));
        assert_eq!(shown(32.6, false, Some(2)).as_deref(), Some("32,60"));
        assert_eq!(chu_so_dinh_dang("0.00%"), Some(2));
        assert_eq!(chu_so_dinh_dang("#,##0"), Some(0));
        assert_eq!(chu_so_dinh_dang("General"), None);
    }
}
