//! The Word styles a clerk sees in the style list, named in Vietnamese,
//! one per role of Nghị định 30's layout, and the units Word counts in.

use crate::the_thuc::{CACH_DOAN_PT, CO, THUT_DAU_DONG_CM};
use docx_rs::{
    AlignmentType, LineSpacing, LineSpacingType, RunFonts, SpecialIndentType, Style, StyleType,
    VertAlignType,
};

/// Word's lengths: twentieths of a point.
pub(super) fn mm(v: f64) -> i32 {
    (v * 1440.0 / 25.4).round() as i32
}

/// Word's font sizes: half points.
pub(super) fn co(pt: f64) -> usize {
    (pt * 2.0).round() as usize
}

/// The decree's font, named: Word has it; LibreOffice substitutes the
/// metric-compatible Liberation Serif.
pub(super) const PHONG: &str = "Times New Roman";

pub(super) fn phong() -> RunFonts {
    RunFonts::new()
        .ascii(PHONG)
        .hi_ansi(PHONG)
        .cs(PHONG)
        .east_asia(PHONG)
}

/// Line pitch a little over Word's single spacing, as in the PDF (1.21 ×
/// the font size against Word's 1.15): 240ths of a line.
const DONG: i32 = 252;

/// The lines of a table cell as far apart as the PDF's (1.14 × the font
/// size, read off its pages), against Word's single line of 1.149.
const DONG_BANG: i32 = 238;

/// Style ids (ASCII, what the XML names) with the names Word shows.
pub(super) const NOI_DUNG: &str = "NoiDung";
pub(super) const DE_MUC: &str = "DeMuc";
pub(super) const GIUA: &str = "CanGiua";
pub(super) const DONG_GIUA: &str = "DongGiua";
pub(super) const DONG_PHAI: &str = "DongPhai";
pub(super) const DAU_TRANG: &str = "KhoiTren";
pub(super) const TEN_LOAI: &str = "TenLoai";
pub(super) const KINH_GUI: &str = "KinhGui";
pub(super) const NOI_NHAN: &str = "NoiNhan";
pub(super) const CHU_KY: &str = "ChuKy";
pub(super) const PHU_LUC: &str = "TieuDePhuLuc";
pub(super) const BANG: &str = "Bang";
pub(super) const GHI_CHU: &str = "GhiChuBang";
pub(super) const CHU_THICH: &str = "ChuThich";
pub(super) const SO_TRANG: &str = "SoTrang";
pub(super) const LIEN_HE: &str = "LienHe";

fn doan(id: &str, name: &str, size: f64) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .fonts(phong())
        .size(co(size))
        .q_format(true)
        .line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Auto)
                .line(DONG)
                .before(0)
                .after(0),
        )
}

/// The raised footnote mark, under the id docx-rs gives footnote
/// references (and Word's own name for the style).
fn dau_chu_thich() -> Style {
    let mut s = Style::new("FootnoteReference", StyleType::Character).name("footnote reference");
    s.run_property = s.run_property.vert_align(VertAlignType::SuperScript);
    s
}

/// Every style of the document.
pub(super) fn tat_ca(co_chu_bang: f64) -> Vec<Style> {
    let sau = |s: Style, pt: u32| {
        s.line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Auto)
                .line(DONG)
                .before(0)
                .after(pt * 20),
        )
    };
    vec![
        // Body text: justified, first line indented 1.27 cm, 6 pt after
        // (PL-I §II.6.e).
        sau(doan(NOI_DUNG, "Nội dung", CO.noi_dung), CACH_DOAN_PT as u32)
            .align(AlignmentType::Both)
            .indent(
                None,
                Some(SpecialIndentType::FirstLine(mm(THUT_DAU_DONG_CM * 10.0))),
                None,
                None,
            ),
        // A body paragraph in bold, kept with what follows (set where used).
        Style::new(DE_MUC, StyleType::Paragraph)
            .name("Đề mục")
            .based_on(NOI_DUNG)
            .q_format(true)
            .bold(),
        sau(doan(GIUA, "Căn giữa", CO.noi_dung), CACH_DOAN_PT as u32)
            .align(AlignmentType::Center)
            .bold(),
        sau(doan(DONG_GIUA, "Dòng giữa", CO.noi_dung), CACH_DOAN_PT as u32)
            .align(AlignmentType::Center),
        sau(doan(DONG_PHAI, "Dòng phải", CO.noi_dung), CACH_DOAN_PT as u32)
            .align(AlignmentType::Right),
        doan(DAU_TRANG, "Khối trên", CO.co_quan).align(AlignmentType::Center),
        doan(TEN_LOAI, "Tên loại và trích yếu", CO.ten_loai)
            .align(AlignmentType::Center)
            .bold(),
        doan(KINH_GUI, "Kính gửi", CO.noi_dung),
        doan(NOI_NHAN, "Nơi nhận", CO.noi_nhan).align(AlignmentType::Left),
        doan(CHU_KY, "Chữ ký", CO.chu_ky)
            .align(AlignmentType::Center)
            .bold(),
        doan(PHU_LUC, "Tiêu đề phụ lục", CO.phu_luc)
            .align(AlignmentType::Center)
            .bold(),
        doan(BANG, "Bảng", co_chu_bang)
            .align(AlignmentType::Center)
            .line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Auto)
                    .line(DONG_BANG)
                    .before(0)
                    .after(0),
            ),
        sau(doan(GHI_CHU, "Ghi chú bảng", co_chu_bang), 0)
            .align(AlignmentType::Both)
            .italic(),
        doan(CHU_THICH, "Chú thích", CO.chu_thich).align(AlignmentType::Both),
        doan(SO_TRANG, "Số trang", CO.so_trang).align(AlignmentType::Center),
        doan(LIEN_HE, "Liên hệ", CO.lien_he).align(AlignmentType::Left),
        dau_chu_thich(),
    ]
}
