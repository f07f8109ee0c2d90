//! Thể thức: the layout figures of Nghị định 30 that Rust and the templates
//! share, each in one place. The templates read them from
//! `sys.inputs.the_thuc` (`templates/lib/the_thuc.typ`).

use typst::foundations::{Dict, IntoValue};
use typst::layout::{Abs, Em, Length};

/// The paper (A4, PL-I §I.1), width and height in mm; a page turned to
/// landscape swaps them.
pub const KHO_A4_MM: (f64, f64) = (210.0, 297.0);

/// Page margins in mm (PL-I §I.5: top and bottom 20–25, left 30–35, right 15–20).
pub const LE_TREN_MM: f64 = 20.0;
pub const LE_DUOI_MM: f64 = 20.0;
pub const LE_TRAI_MM: f64 = 30.0;
pub const LE_PHAI_MM: f64 = 15.0;

/// Font sizes in pt, by part of the document (PL-I §II, §III; where the
/// decree gives a range, the size offices use). The templates read them as
/// `the-thuc.co.<part>`, the Word file's styles from here.
pub struct CoChu {
    /// "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (12–13, bold).
    pub quoc_hieu: f64,
    /// "Độc lập - Tự do - Hạnh phúc" (13–14, bold).
    pub tieu_ngu: f64,
    /// Ô 2: the issuing body and its superior (12–13).
    pub co_quan: f64,
    /// Ô 3: "Số: …" (13).
    pub so_ky_hieu: f64,
    /// Ô 4: place and date (13–14, italic).
    pub dia_danh: f64,
    /// Ô 5b: a công văn's "V/v …" (12–13).
    pub trich_yeu_cong_van: f64,
    /// Ô 5a: the tên loại and its trích yếu (13–14, bold).
    pub ten_loai: f64,
    /// Ô 6 and Kính gửi: the body (13–14).
    pub noi_dung: f64,
    /// "Nơi nhận:" (12, bold italic).
    pub nhan_noi_nhan: f64,
    /// The recipients (11).
    pub noi_nhan: f64,
    /// Ô 12: the drafter's initials and copies (11).
    pub nguoi_soan: f64,
    /// Ô 7: quyền hạn, chức vụ and the name (13–14, bold).
    pub chu_ky: f64,
    /// A phụ lục's heading, title and "(Kèm theo …)" line (14).
    pub phu_luc: f64,
    /// The bold line above a table.
    pub tieu_de_bang: f64,
    /// A footnote at the page's foot.
    pub chu_thich: f64,
    /// The page number in the top margin (13–14).
    pub so_trang: f64,
    /// Ô 13: contact details at the foot of page 1 (11–12).
    pub lien_he: f64,
    /// Ô 10: secrecy and urgency stamps (13–14, bold); the DỰ THẢO box.
    pub dau_muc_do: f64,
}

pub const CO: CoChu = CoChu {
    quoc_hieu: 12.0,
    tieu_ngu: 13.0,
    co_quan: 13.0,
    so_ky_hieu: 13.0,
    dia_danh: 14.0,
    trich_yeu_cong_van: 12.0,
    ten_loai: 14.0,
    noi_dung: 14.0,
    nhan_noi_nhan: 12.0,
    noi_nhan: 11.0,
    nguoi_soan: 11.0,
    chu_ky: 14.0,
    phu_luc: 14.0,
    tieu_de_bang: 14.0,
    chu_thich: 12.0,
    so_trang: 13.0,
    lien_he: 11.0,
    dau_muc_do: 13.0,
};

impl CoChu {
    /// Each size with its name, as the templates read them.
    fn named(&self) -> [(&'static str, f64); 18] {
        [
            ("quoc_hieu", self.quoc_hieu),
            ("tieu_ngu", self.tieu_ngu),
            ("co_quan", self.co_quan),
            ("so_ky_hieu", self.so_ky_hieu),
            ("dia_danh", self.dia_danh),
            ("trich_yeu_cong_van", self.trich_yeu_cong_van),
            ("ten_loai", self.ten_loai),
            ("noi_dung", self.noi_dung),
            ("nhan_noi_nhan", self.nhan_noi_nhan),
            ("noi_nhan", self.noi_nhan),
            ("nguoi_soan", self.nguoi_soan),
            ("chu_ky", self.chu_ky),
            ("phu_luc", self.phu_luc),
            ("tieu_de_bang", self.tieu_de_bang),
            ("chu_thich", self.chu_thich),
            ("so_trang", self.so_trang),
            ("lien_he", self.lien_he),
            ("dau_muc_do", self.dau_muc_do),
        ]
    }
}

/// The body's paragraphs (PL-I §II.6.e): first line indented 1.27 cm,
/// 6 pt between paragraphs on top of the line spacing.
pub const THUT_DAU_DONG_CM: f64 = 1.27;
pub const CACH_DOAN_PT: f64 = 6.0;

/// The blank left for the văn thư to write a number or a day by hand, in em
/// of the text around it (at 13 pt: a little over 31 pt).
pub const O_TRONG_EM: f64 = 2.4;

/// The short rules under the issuing body, the trích yếu and a phụ lục's
/// "(Kèm theo …)" line, as a share of the text's width (PL-I §II.2.b: 1/3–1/2).
pub const TI_LE_GACH_NGAN: f64 = 0.4;

/// Room for the handwritten signature and the seal between chức vụ and the
/// name, in mm (practice: 25–30).
pub const KHOANG_KY_MM: f64 = 26.0;

/// The widest a signature image is printed (and the signature field's
/// width without one), in mm: a handwritten signature's usual size.
pub const RONG_CHU_KY_MM: f64 = 60.0;

/// A box in the signature gap, in mm: its size, and how far its centre
/// lies right of the column's centre (negative: left). Vertically it is
/// centred on the gap.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Khung {
    pub rong_mm: f64,
    pub cao_mm: f64,
    pub lech_mm: f64,
}

/// Where the signer's signature and the organisation's seal go in the gap
/// between chức vụ and the name (PL-I §II.7.d, 8.a): the signature centred,
/// as large as the gap and the usual width allow (`chu_ky`: its image's
/// pixels); the seal at its diameter in mm (`dau`: its image's pixels, for
/// its height), its right edge a third of the way into the signature.
/// Without images, the places kept for them. The template places the
/// images there and the signing tool gets the same boxes as fields.
pub fn khung_ky(
    chu_ky: Option<(u32, u32)>,
    duong_kinh_mm: f64,
    dau: Option<(u32, u32)>,
) -> (Khung, Khung) {
    let chu_ky = match chu_ky {
        Some((rong, cao)) => {
            let scale = (RONG_CHU_KY_MM / f64::from(rong)).min(KHOANG_KY_MM / f64::from(cao));
            Khung {
                rong_mm: f64::from(rong) * scale,
                cao_mm: f64::from(cao) * scale,
                lech_mm: 0.0,
            }
        }
        None => Khung {
            rong_mm: RONG_CHU_KY_MM,
            cao_mm: KHOANG_KY_MM,
            lech_mm: 0.0,
        },
    };
    let d = duong_kinh_mm;
    let (rong, cao) = match dau {
        Some((w, h)) => (d, d * f64::from(h) / f64::from(w)),
        None => (d, d),
    };
    let right = -chu_ky.rong_mm / 2.0 + chu_ky.rong_mm / 3.0;
    let seal = Khung {
        rong_mm: rong,
        cao_mm: cao,
        lech_mm: right - rong / 2.0,
    };
    (chu_ky, seal)
}

/// The organisation's signature on a phụ lục's first page (PL-I §II.8.b):
/// a field this wide and high, in mm, in the top margin at the right, for
/// the signing tool's "số ký hiệu, time" lines at 10 pt.
pub const O_KY_PHU_LUC_MM: (f64, f64) = (70.0, 14.0);
/// Its top edge below the page's top edge, in mm (inside the 20 mm margin).
pub const O_KY_PHU_LUC_TREN_MM: f64 = 4.0;

/// Tables: the space between a cell's rule and its text, and the rules'
/// thickness, in pt. The compiler sizes columns with them (`compile::bang`)
/// and the template draws with them.
pub const DEM_O_PT: f64 = 4.0;
pub const NET_BANG_PT: f64 = 0.5;
/// The space between the lines of a table cell, in em.
pub const DAN_DONG_BANG_EM: f64 = 0.25;

/// Wider than this many columns, a table turns its page to landscape. Task
/// tables hold sentences in most columns, indicator tables hold figures,
/// so the task table turns sooner.
pub const COT_TOI_DA_KHO_DUNG_NHIEM_VU: usize = 5;
pub const COT_TOI_DA_KHO_DUNG_SO_LIEU: usize = 7;

/// Tokens a line never breaks inside that the line breaker (Unicode
/// UAX #14) would split: document symbols, where it may break after "/" or
/// "-" before a letter ("1015/QĐ-UBND", "107/2021/NĐ-CP", "UBND-KSTT",
/// "CT-TTg"), and a number parted from its percent sign by a space
/// ("48,76 %"). Dates ("23/6/2022") and "48,76%" are never split by UAX #14
/// and are left out: every match becomes a box, and boxes cost layout time.
/// Each part starts with a capital or a digit, so "V/v" and lower-case
/// compounds are left alone. No `\b` and no bounded repeats: either makes
/// the regex engine fall back from its fast automaton, which on every text
/// of a long table cost more than the whole layout. A Rust/typst regex
/// (the same engine).
pub const KHONG_NGAT: &str = concat!(
    // A capital or digit starting a part; a letter or digit; a separator.
    // Latin and Vietnamese ranges rather than \p{Lu}/\p{L}: typst compiles
    // the pattern for every document, and the Unicode classes made that
    // cost more than the matching.
    r"[0-9A-Z\x{C0}-\x{DE}\x{100}-\x{24F}\x{1E00}-\x{1EFF}][0-9A-Za-z\x{C0}-\x{24F}\x{1E00}-\x{1EFF}]*",
    r"(?:[/\-–][0-9A-Z\x{C0}-\x{DE}\x{100}-\x{24F}\x{1E00}-\x{1EFF}][0-9A-Za-z\x{C0}-\x{24F}\x{1E00}-\x{1EFF}]*)*",
    r"[/\-–][A-Z\x{C0}-\x{DE}\x{100}-\x{24F}\x{1E00}-\x{1EFF}][0-9A-Za-z\x{C0}-\x{24F}\x{1E00}-\x{1EFF}]*",
    r"(?:[/\-–][0-9A-Z\x{C0}-\x{DE}\x{100}-\x{24F}\x{1E00}-\x{1EFF}][0-9A-Za-z\x{C0}-\x{24F}\x{1E00}-\x{1EFF}]*)*",
    r"|[0-9][0-9.,]* %",
);

/// The figures as a Typst dictionary, for `sys.inputs.the_thuc`.
pub(crate) fn typst_inputs() -> Dict {
    let mm = |v: f64| Length::from(Abs::mm(v)).into_value();
    let mut d = Dict::new();
    d.insert("le_tren".into(), mm(LE_TREN_MM));
    d.insert("le_duoi".into(), mm(LE_DUOI_MM));
    d.insert("le_trai".into(), mm(LE_TRAI_MM));
    d.insert("le_phai".into(), mm(LE_PHAI_MM));
    d.insert(
        "o_trong".into(),
        Length::from(Em::new(O_TRONG_EM)).into_value(),
    );
    d.insert("ti_le_gach_ngan".into(), TI_LE_GACH_NGAN.into_value());
    d.insert("khoang_ky".into(), mm(KHOANG_KY_MM));
    d.insert("khong_ngat".into(), KHONG_NGAT.into_value());
    let pt = |v: f64| Length::from(Abs::pt(v)).into_value();
    d.insert("dem_o".into(), pt(DEM_O_PT));
    let mut co = Dict::new();
    for (name, size) in CO.named() {
        co.insert(name.into(), pt(size));
    }
    d.insert("co".into(), co.into_value());
    d.insert(
        "thut_dau_dong".into(),
        Length::from(Abs::cm(THUT_DAU_DONG_CM)).into_value(),
    );
    d.insert("cach_doan".into(), pt(CACH_DOAN_PT));
    d.insert("net_bang".into(), pt(NET_BANG_PT));
    d.insert(
        "dan_dong_bang".into(),
        Length::from(Em::new(DAN_DONG_BANG_EM)).into_value(),
    );
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unbreakable_tokens_are_symbols_and_spaced_percentages() {
        let re = regex::Regex::new(KHONG_NGAT).unwrap();
        let found =
            |s: &str| -> Vec<String> { re.find_iter(s).map(|m| m.as_str().to_string()).collect() };
        assert_eq!(
            found("Quyết định số 1015/QĐ-UBND ngày 12/5/2023 của UBND tỉnh"),
            ["1015/QĐ-UBND"]
        );
        assert_eq!(
            found("Nghị định 107/2021/NĐ-CP, Chỉ thị 06/CT-TTg; 2310/STTTT-CĐS"),
            ["107/2021/NĐ-CP", "06/CT-TTg", "2310/STTTT-CĐS"]
        );
        assert_eq!(found("số UBND-KSTT."), ["UBND-KSTT"]);
        assert_eq!(found("đạt 48,76% và 12,5 % còn lại"), ["12,5 %"]);
        // Left to the line breaker, which keeps them whole or may break them:
        // dates, "V/v", lower-case compounds, "Covid-19", a lone number.
        assert!(
            found("ngày 23/6/2022, V/v triển khai; kinh tế - xã hội; Covid-19; 25 trường")
                .is_empty()
        );
    }
}
