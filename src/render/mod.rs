//! Model → the JSON data the Typst templates read as `/data.json`.
//!
//! All wording rules of the decree that are about text rather than position
//! live here (leading zeros, "V/v", dashes and ";"/"." in lists, capitals in
//! the signature), so the templates only place strings and never build them
//! from user input.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::model::*;

pub mod bang;
pub mod chu_ky;
mod chu_thich;
pub mod kem_theo;
mod noi_dung;
pub mod phu_luc;
pub mod sizing;

pub use bang::{BangData, CellSample, OData, TableLayout, bang};
pub use chu_ky::{ChuKyData, TepAnh};
pub use noi_dung::list_names;

/// What the templates read as `/data.json`: every string already worded,
/// every choice an enumeration.
#[derive(Debug, Clone, Serialize)]
pub struct Data {
    pub phan: Phan,
    /// Ô 5a, upper case ("KẾ HOẠCH"); `None` for a công văn.
    pub ten_loai: Option<String>,
    pub tieu_de: String,
    /// The PDF's subject, keywords and creation date.
    pub thong_tin: ThongTinData,
    pub co_quan: CoQuanData,
    pub so: Option<String>,
    pub ky_hieu: String,
    pub dia_danh: String,
    pub ngay: NgayData,
    /// "V/v …" for a công văn (ô 5b); the bare trích yếu under the tên loại
    /// otherwise. Lines as the clerk broke them; one line is balanced.
    pub trich_yeu: Vec<String>,
    pub kinh_gui: Vec<String>,
    pub noi_dung: Vec<BlockData>,
    pub van_ban_kem_theo: Vec<kem_theo::VanBanKemTheoData>,
    pub phu_luc: Vec<phu_luc::PhuLucData>,
    pub noi_nhan: Vec<String>,
    pub chu_ky: ChuKyData,
    pub do_mat: Option<&'static str>,
    pub do_khan: Option<KhanData>,
    pub du_thao: bool,
    pub lien_he: Vec<String>,
    /// Ô 12 under Nơi nhận: "PL.(300)".
    pub nguoi_soan: Option<String>,
    /// Footnotes the letter prints before the appendix: when a batch lays
    /// the appendix out apart, its numbering goes on from there.
    pub chu_thich_truoc: usize,
    /// The issue date: typst's "today", so output never depends on the clock.
    #[serde(skip)]
    pub ngay_ban_hanh: Option<NaiveDate>,
    /// The images the template reads as files.
    #[serde(skip)]
    pub tep_anh: TepAnh,
}

/// What the template lays out: everything, or, when a batch lays a shared
/// appendix out apart, the letter or the appendix alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phan {
    CaHai,
    Thu,
    PhuLuc,
}

impl Data {
    /// The letter's pages alone: the appendix data they never read is left
    /// out, sparing typst its parsing and the font check its scanning.
    pub fn chi_thu(&self) -> Data {
        Data {
            phan: Phan::Thu,
            phu_luc: Vec::new(),
            ..self.clone()
        }
    }

    /// The appendix pages alone: what only the letter prints is left out,
    /// so that letters differing only there share one appendix.
    pub fn chi_phu_luc(&self) -> Data {
        Data {
            phan: Phan::PhuLuc,
            tieu_de: String::new(),
            trich_yeu: Vec::new(),
            kinh_gui: Vec::new(),
            noi_dung: Vec::new(),
            noi_nhan: Vec::new(),
            lien_he: Vec::new(),
            nguoi_soan: None,
            chu_thich_truoc: chu_thich::in_thu(&self.noi_dung),
            // The DỰ THẢO stamp and ô 13 belong on the letter's first page.
            du_thao: false,
            ..self.clone()
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CoQuanData {
    pub chu_quan: Vec<String>,
    pub ten: Vec<String>,
}

/// What a register reads from the PDF without opening it: subject (the
/// trích yếu), keywords (số và ký hiệu, the kind) and creation date (the
/// issue date, so output never depends on the clock; the template leaves
/// it to the export, which knows the time zone).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ThongTinData {
    pub chu_de: String,
    pub tu_khoa: Vec<String>,
}

/// Each part is `None` where the document leaves a blank to fill by hand.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NgayData {
    pub ngay: Option<String>,
    pub thang: Option<String>,
    pub nam: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct KhanData {
    pub nhan: &'static str,
    pub rong_mm: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct BlockData {
    pub kieu: KieuKhoi,
    pub runs: Vec<RunData>,
}

/// How a paragraph of the body is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KieuKhoi {
    /// Justified, first line indented.
    Doan,
    /// Bold, kept with what follows.
    DeMuc,
    /// Centred and bold ("QUYẾT ĐỊNH:", a quyết định's thẩm quyền).
    Giua,
    /// A line the clerk centred, set as written.
    DongGiua,
    /// A line the clerk set right.
    DongPhai,
}

#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum RunData {
    Text {
        t: String,
        dam: bool,
        nghieng: bool,
    },
    /// A footnote: `so` is its number in the document; `lap`, a note cited
    /// again, printed as its number only (its text is already at a foot).
    Footnote {
        chu_thich: Vec<RunData>,
        so: usize,
        lap: bool,
    },
}

impl RunData {
    /// The printed text of runs, each footnote's text in brackets.
    pub fn text_of(runs: &[RunData]) -> String {
        runs.iter()
            .map(|r| match r {
                RunData::Text { t, .. } => t.clone(),
                RunData::Footnote { chu_thich, .. } => format!(" ({})", Self::text_of(chu_thich)),
            })
            .collect()
    }

    fn plain(t: impl Into<String>) -> Self {
        RunData::Text {
            t: t.into(),
            dam: false,
            nghieng: false,
        }
    }

    fn bold(t: impl Into<String>) -> Self {
        RunData::Text {
            t: t.into(),
            dam: true,
            nghieng: false,
        }
    }
}

pub fn van_ban(van_ban: &VanBan) -> Data {
    let loai = van_ban.loai;
    let issued = match van_ban.ngay {
        NgayBanHanh::Day(d) => Some(d),
        _ => None,
    };
    let trich_yeu = van_ban.trich_yeu.join(" ");
    let tieu_de = match &loai.viet_tat {
        None => format!("Công văn {} V/v {trich_yeu}", so_ky_hieu(&van_ban.so)),
        Some(_) => format!("{} {} {trich_yeu}", loai.ten, so_ky_hieu(&van_ban.so)),
    };
    let mut data = Data {
        phan: Phan::CaHai,
        ten_loai: loai.viet_tat.as_ref().map(|_| loai.ten.to_uppercase()),
        tieu_de,
        thong_tin: ThongTinData {
            chu_de: trich_yeu.clone(),
            tu_khoa: vec![van_ban.so.in_ra(), loai.ten.clone()],
        },
        co_quan: CoQuanData {
            chu_quan: van_ban
                .co_quan
                .chu_quan
                .iter()
                .map(|s| s.to_uppercase())
                .collect(),
            ten: van_ban
                .co_quan
                .ten
                .iter()
                .map(|s| s.to_uppercase())
                .collect(),
        },
        so: van_ban.so.so.map(so),
        ky_hieu: van_ban.so.sau_so(),
        dia_danh: van_ban.dia_danh.clone(),
        ngay: ngay(van_ban.ngay),
        trich_yeu: {
            let mut lines = van_ban.trich_yeu.clone();
            if loai.is_cong_van() {
                lines[0] = format!("V/v {}", lines[0]);
            }
            lines
        },
        kinh_gui: if van_ban.kinh_gui.is_empty() {
            Vec::new()
        } else {
            kinh_gui(&van_ban.kinh_gui)
        },
        noi_dung: noi_dung::body(&van_ban.noi_dung, loai, &van_ban.nhiem_vu, issued),
        van_ban_kem_theo: kem_theo::all(van_ban),
        phu_luc: phu_luc::all(van_ban, issued),
        noi_nhan: noi_nhan(&van_ban.noi_nhan),
        chu_ky: chu_ky::data(&van_ban.chu_ky, van_ban.co_quan.dau.as_ref()),
        do_mat: van_ban.do_mat.map(DoMat::label),
        do_khan: van_ban.do_khan.map(|k| KhanData {
            nhan: k.label(),
            rong_mm: k.width_mm(),
        }),
        du_thao: van_ban.du_thao,
        lien_he: van_ban
            .lien_he
            .as_ref()
            .map(LienHe::dong)
            .unwrap_or_default(),
        nguoi_soan: nguoi_soan(van_ban.nguoi_soan.as_deref(), van_ban.so_ban),
        chu_thich_truoc: 0,
        ngay_ban_hanh: issued,
        tep_anh: TepAnh::of(van_ban),
    };
    chu_thich::number(&mut data);
    data
}

/// Numbers below 10 get a leading zero (PL-I §II.3.c).
pub fn so(n: u32) -> String {
    SoKyHieu::so_in(n)
}

pub(crate) fn so_ky_hieu(s: &SoKyHieu) -> String {
    format!("số {}", s.in_ra())
}

/// Days 1–9 and months 1–2 get a leading zero; months 3–12 do not (PL-I §II.4.b).
pub fn ngay(n: NgayBanHanh) -> NgayData {
    let day = |d: u32| format!("{d:02}");
    let month = |m: u32| {
        if m <= 2 {
            format!("{m:02}")
        } else {
            m.to_string()
        }
    };
    match n {
        NgayBanHanh::Day(d) => NgayData {
            ngay: Some(day(d.day())),
            thang: Some(month(d.month())),
            nam: Some(d.year().to_string()),
        },
        NgayBanHanh::Month { month: m, year } => NgayData {
            ngay: None,
            thang: Some(month(m)),
            nam: Some(year.to_string()),
        },
        NgayBanHanh::Year(year) => NgayData {
            ngay: None,
            thang: None,
            nam: Some(year.to_string()),
        },
        NgayBanHanh::Blank => NgayData {
            ngay: None,
            thang: None,
            nam: None,
        },
    }
}

/// One recipient stays on the "Kính gửi:" line; several become "- …;" lines,
/// the last ending in "." (PL-I §II.9.d).
pub fn kinh_gui(items: &[String]) -> Vec<String> {
    match items {
        [one] => vec![format!("{one}.")],
        _ => dashed(items),
    }
}

pub fn noi_nhan(n: &NoiNhan) -> Vec<String> {
    let mut items = n.gui.clone();
    if let Some(luu) = &n.luu {
        items.push(format!("Lưu: {}", luu.trim_end_matches(['.', ';'])));
    }
    dashed(&items)
}

fn dashed(items: &[String]) -> Vec<String> {
    let last = items.len().saturating_sub(1);
    items
        .iter()
        .enumerate()
        .map(|(i, s)| format!("- {s}{}", if i == last { "." } else { ";" }))
        .collect()
}

/// Ô 12: initials, "." and the copies in brackets ("PL.(300)", PL-I §III.3).
fn nguoi_soan(initials: Option<&str>, copies: Option<u32>) -> Option<String> {
    match (initials, copies) {
        (Some(i), Some(n)) => Some(format!("{i}.({n})")),
        (Some(i), None) => Some(format!("{i}.")),
        (None, Some(n)) => Some(format!("({n})")),
        (None, None) => None,
    }
}

pub(crate) fn block(b: &Block) -> BlockData {
    BlockData {
        kieu: match b.kind {
            BlockKind::Paragraph => KieuKhoi::Doan,
            BlockKind::Heading => KieuKhoi::DeMuc,
            BlockKind::Centred => KieuKhoi::DongGiua,
            BlockKind::Right => KieuKhoi::DongPhai,
        },
        runs: runs(&b.runs),
    }
}

/// A note cited at the end of a table cell, numbered later.
pub(crate) fn footnote(note: &[Run]) -> RunData {
    RunData::Footnote {
        chu_thich: runs(note),
        so: 0,
        lap: false,
    }
}

pub(crate) fn runs(runs: &[Run]) -> Vec<RunData> {
    runs.iter()
        .map(|r| match r {
            Run::Text { text, bold, italic } => RunData::Text {
                t: text.clone(),
                dam: *bold,
                nghieng: *italic,
            },
            Run::Footnote(inner) => footnote(inner),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn leading_zeros_follow_the_decree() {
        assert_eq!(so(7), "07");
        assert_eq!(so(1612), "1612");
        let d = |y, m, d| ngay(NgayBanHanh::Day(NaiveDate::from_ymd_opt(y, m, d).unwrap()));
        assert_eq!(
            d(2020, 1, 5),
            NgayData {
                ngay: Some("05".into()),
                thang: Some("01".into()),
                nam: Some("2020".into())
            }
        );
        assert_eq!(d(2024, 2, 29).thang.as_deref(), Some("02"));
        assert_eq!(d(2024, 3, 10).thang.as_deref(), Some("3"));
        assert_eq!(d(2019, 6, 29).ngay.as_deref(), Some("29"));
        assert_eq!(
            ngay(NgayBanHanh::Month {
                month: 4,
                year: 2024
            }),
            NgayData {
                ngay: None,
                thang: Some("4".into()),
                nam: Some("2024".into())
            }
        );
    }

    #[test]
    fn lists_get_dashes_and_closing_punctuation() {
        assert_eq!(kinh_gui(&["Bộ Nội vụ".into()]), vec!["Bộ Nội vụ."]);
        assert_eq!(kinh_gui(&["A".into(), "B".into()]), vec!["- A;", "- B."]);
        let n = NoiNhan {
            gui: vec!["Như trên".into()],
            luu: Some("VT, KSTT.".into()),
        };
        assert_eq!(noi_nhan(&n), vec!["- Như trên;", "- Lưu: VT, KSTT."]);
    }
}
