//! Where the signature fields go, read off the laid-out pages: the signer's
//! signature and the organisation's seal in the gap of the signature block
//! on the letter's last page (Phụ lục I §II.7.d, 8.a), and the
//! organisation's signature at the top right of each phụ lục's first page
//! (§II.8.b). The template marks the gap (`<o-ky>`) and each phụ lục
//! (`<phu-luc>`); the boxes inside the gap are the ones the images use.

use serde::Serialize;
use typst::foundations::{Label, Selector, Value};
use typst::introspection::MetadataElem;
use typst::layout::{Abs, Point};
use typst::utils::PicoStr;

use crate::PagedDocument;
use crate::error::{Error, Result};
use crate::model::VanBan;
use crate::the_thuc::{KHOANG_KY_MM, Khung, LE_PHAI_MM, O_KY_PHU_LUC_MM, O_KY_PHU_LUC_TREN_MM};

/// Whose signature a field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LoaiOKy {
    /// The signer's, over the signature gap.
    NguoiKy,
    /// The organisation's, where the seal goes.
    CoQuan,
    /// The organisation's on an attached phụ lục.
    PhuLuc,
}

/// One empty signature field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OKy {
    /// The field's name in the PDF (`/T`), what signing tools list.
    pub ten: String,
    pub loai: LoaiOKy,
    /// Page number in the file, from 1.
    pub trang: usize,
    /// PDF user space, points from the bottom-left corner: x1, y1, x2, y2.
    pub pt: [f64; 4],
    /// The same box in mm from the page's top-left corner, as measured on
    /// paper.
    pub mm: HopMm,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HopMm {
    pub x: f64,
    pub y: f64,
    pub rong: f64,
    pub cao: f64,
}

/// The fields of a laid-out document, in page order.
pub fn vi_tri_o_ky(laid_out: &PagedDocument, van_ban: &VanBan) -> Result<Vec<OKy>> {
    let introspector = laid_out.introspector();
    let found = |label: &str| {
        let label = Label::new(PicoStr::intern(label)).expect("a non-empty label");
        introspector.elements().query(&Selector::Label(label))
    };
    let missing = || Error::Template(vec!["the template marks no signature gap".into()]);
    let gap = found("o-ky").last().cloned().ok_or_else(missing)?;
    let position = gap
        .location()
        .and_then(|l| introspector.position(l))
        .ok_or_else(missing)?;
    let width = match gap.to_packed::<MetadataElem>().map(|m| &m.value) {
        Some(Value::Float(pt)) => Abs::pt(*pt),
        _ => return Err(missing()),
    };
    let page = position.page.get();
    let (chu_ky, dau) = van_ban.chu_ky.khung(van_ban.co_quan.dau.as_ref());
    // The gap's centre: the column's middle, half the gap down.
    let centre = position.point + Point::new(width / 2.0, Abs::mm(KHOANG_KY_MM / 2.0));
    let mut fields = vec![
        field(
            laid_out,
            "nguoi_ky",
            LoaiOKy::NguoiKy,
            page,
            in_gap(centre, chu_ky),
        ),
        field(
            laid_out,
            "co_quan",
            LoaiOKy::CoQuan,
            page,
            in_gap(centre, dau),
        ),
    ];
    for (n, mark) in found("phu-luc").iter().enumerate() {
        let Some(at) = mark.location().and_then(|l| introspector.position(l)) else {
            continue;
        };
        let page = at.page.get();
        let page_width = laid_out.pages()[page - 1].frame.width();
        let (w, h) = O_KY_PHU_LUC_MM;
        let right = page_width - Abs::mm(LE_PHAI_MM);
        let top_left = Point::new(right - Abs::mm(w), Abs::mm(O_KY_PHU_LUC_TREN_MM));
        let name = format!("phu_luc_{}", n + 1);
        fields.push(field(
            laid_out,
            &name,
            LoaiOKy::PhuLuc,
            page,
            (top_left, Abs::mm(w), Abs::mm(h)),
        ));
    }
    fields.sort_by_key(|f| f.trang);
    Ok(fields)
}

/// A box of the gap: its top-left corner, width and height on the page.
fn in_gap(centre: Point, k: Khung) -> (Point, Abs, Abs) {
    let (w, h) = (Abs::mm(k.rong_mm), Abs::mm(k.cao_mm));
    let top_left = centre + Point::new(Abs::mm(k.lech_mm) - w / 2.0, -h / 2.0);
    (top_left, w, h)
}

fn field(
    laid_out: &PagedDocument,
    ten: &str,
    loai: LoaiOKy,
    trang: usize,
    (top_left, w, h): (Point, Abs, Abs),
) -> OKy {
    let page_height = laid_out.pages()[trang - 1].frame.height();
    let round = |v: f64| (v * 100.0).round() / 100.0;
    let (x, y) = (top_left.x, top_left.y);
    OKy {
        ten: ten.into(),
        loai,
        trang,
        pt: [
            round(x.to_pt()),
            round((page_height - y - h).to_pt()),
            round((x + w).to_pt()),
            round((page_height - y).to_pt()),
        ],
        mm: HopMm {
            x: round(x.to_mm()),
            y: round(y.to_mm()),
            rong: round(w.to_mm()),
            cao: round(h.to_mm()),
        },
    }
}

/// The fields beside the PDF (`TỆP.o-ky.json`), for e-office tools that
/// place signatures by coordinates.
pub fn json(pdf_name: &str, fields: &[OKy]) -> Result<Vec<u8>> {
    #[derive(Serialize)]
    struct Tep<'a> {
        tep: &'a str,
        o_ky: &'a [OKy],
    }
    let mut out = serde_json::to_vec_pretty(&Tep {
        tep: pdf_name,
        o_ky: fields,
    })
    .map_err(|e| Error::Template(vec![e.to_string()]))?;
    out.push(b'\n');
    Ok(out)
}

/// Where the fields' JSON goes: beside the PDF, `cong-van.pdf` →
/// `cong-van.o-ky.json`.
pub fn json_path(pdf: &std::path::Path) -> std::path::PathBuf {
    pdf.with_extension("o-ky.json")
}
