//! A phụ lục in Word: its heading, title and "(Kèm theo …)" line, its text,
//! and its tables — merged header cells (gridSpan, vMerge), the header
//! repeated on every page, rows that never split, computed rows bold.

use docx_rs::{
    AlignmentType, Paragraph, Run, Table, TableCell, TableCellMargins, TableLayoutType, TableRow,
    VAlignType, VMergeType, VertAlignType, WidthType,
};

use super::kieu::{self, co, mm};
use super::{Khoi, do_dai, gach_ngan, kho_chu, khoang, noi_dung, runs};
use crate::model::Can;
use crate::render::bang::{BangData, CanDung, CotData, OData, Slot, grid};
use crate::render::sizing;
use crate::render::phu_luc::PhuLucData;
use crate::the_thuc::{CO, DEM_O_PT, TI_LE_GACH_NGAN};
use typst::layout::Abs;

/// Cell padding, left and right, in mm: the PDF's.
const DEM_O: f64 = DEM_O_PT * 25.4 / 72.0;

/// The phụ lục's blocks (its footnotes are numbered in the data already).
pub(super) fn phu_luc(pl: &PhuLucData) -> Vec<Khoi> {
    let w = kho_chu(pl.ngang);
    let title = |p: Paragraph| p.style(kieu::PHU_LUC);
    let mut out = vec![Khoi::doan(
        title(Paragraph::new()).add_run(Run::new().add_text(&pl.nhan)),
    )];
    for l in &pl.tieu_de {
        out.push(Khoi::doan(runs(title(Paragraph::new()), l, true)));
    }
    out.extend(dong_kem_theo(pl.kem_theo.as_deref(), &pl.kem_theo_dong, w));
    out.push(Khoi::doan(khoang(4.0)));
    out.extend(noi_dung(&pl.noi_dung, false));
    for (i, b) in pl.bang.iter().enumerate() {
        if i > 0 || !pl.noi_dung.is_empty() {
            out.push(Khoi::doan(khoang(4.0)));
        }
        out.extend(bang(b, w));
    }
    out
}

/// The italic "(Kèm theo …)" / "(Ban hành kèm theo …)" line, made or the
/// clerk's, with the short rule under it.
pub(super) fn dong_kem_theo(
    kem_theo: Option<&[Option<String>]>,
    kem_theo_dong: &[Vec<crate::render::RunData>],
    w: f64,
) -> Vec<Khoi> {
    let mut out = Vec::new();
    let italic = |p: Paragraph| p.style(kieu::PHU_LUC).italic();
    let mut dai: f64 = 0.0;
    if let Some(parts) = kem_theo {
        let blank = super::o_trong();
        let text: String = parts
            .iter()
            .map(|m| m.clone().unwrap_or_else(|| blank.clone()))
            .collect();
        dai = do_dai(&text, CO.phu_luc, false).min(w);
        let mut p = italic(Paragraph::new());
        p = p.add_run(Run::new().add_text(text).italic().disable_bold());
        out.push(Khoi::doan(p));
    }
    for l in kem_theo_dong {
        let plain: String = l
            .iter()
            .map(|r| match r {
                crate::render::RunData::Text { t, .. } => t.as_str(),
                _ => "",
            })
            .collect();
        dai = dai.max(do_dai(&plain, CO.phu_luc, false).min(w));
        let mut p = italic(Paragraph::new());
        for r in l {
            p = p.add_run(super::run_italic(r));
        }
        out.push(Khoi::doan(p));
    }
    if dai > 0.0 {
        out.push(Khoi::doan(gach_ngan(dai * TI_LE_GACH_NGAN.max(0.4), w)));
    }
    out
}

fn bang(b: &BangData, avail: f64) -> Vec<Khoi> {
    let mut out = Vec::new();
    if let Some(t) = &b.tieu_de_bang {
        out.push(Khoi::doan(
            Paragraph::new()
                .style(kieu::DE_MUC)
                .keep_next(true)
                .add_run(Run::new().add_text(t)),
        ));
    }
    if let Some(dvt) = &b.don_vi_tinh {
        out.push(Khoi::doan(
            Paragraph::new()
                .style(kieu::GHI_CHU)
                .align(AlignmentType::Right)
                .keep_next(true)
                .add_run(Run::new().add_text(format!("Đơn vị tính: {dvt}")).italic()),
        ));
    }
    let widths = do_rong(b, avail);
    let header = rows(b, &b.tieu_de, &widths, &[], true);
    let body = rows(b, &b.dong, &widths, &b.giu, false);
    let table = Table::new(header.into_iter().chain(body).collect())
        .set_grid(widths.iter().map(|w| mm(*w) as usize).collect())
        .width(mm(widths.iter().sum()) as usize, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(
            mm(0.8) as usize,
            mm(DEM_O) as usize,
            mm(0.8) as usize,
            mm(DEM_O) as usize,
        ));
    out.push(Khoi::bang(table));
    for note in &b.ghi_chu {
        out.push(Khoi::doan(runs(
            Paragraph::new().style(kieu::GHI_CHU),
            note,
            false,
        )));
    }
    out
}

/// Rows of cells with their spans laid on the grid: a cell merged down
/// continues in the rows below as `vMerge` cells of the same span.
/// Rows marked in `giu` keep their paragraphs with the next row (Word's
/// "keep with next" holds table rows together).
fn rows(
    b: &BangData,
    rows: &[Vec<OData>],
    widths: &[f64],
    giu: &[bool],
    header: bool,
) -> Vec<TableRow> {
    let width = |cot: usize, span: usize| -> usize {
        mm(widths[cot..(cot + span).min(widths.len())].iter().sum()) as usize
    };
    grid(rows, widths.len())
        .into_iter()
        .enumerate()
        .map(|(y, row)| {
            let keep = giu.get(y).copied().unwrap_or(false);
            let cells = row
                .into_iter()
                .map(|(cot, o)| match o {
                    Slot::Covered(span) => TableCell::new()
                        .width(width(cot, span), WidthType::Dxa)
                        .grid_span(span)
                        .vertical_merge(VMergeType::Continue)
                        .add_paragraph(Paragraph::new().style(kieu::BANG)),
                    Slot::Cell(o) => {
                        let span = o.cot.max(1).min(widths.len() - cot);
                        let mut c = TableCell::new()
                            .width(width(cot, span), WidthType::Dxa)
                            .vertical_align(if header || b.can_dung == CanDung::Giua {
                                VAlignType::Center
                            } else {
                                VAlignType::Top
                            })
                            .add_paragraph(
                                o_doan(o, &b.cot[cot], header, f64::from(b.co_chu)).keep_next(keep),
                            );
                        if span > 1 {
                            c = c.grid_span(span);
                        }
                        if o.dong > 1 {
                            c = c.vertical_merge(VMergeType::Restart);
                        }
                        c
                    }
                })
                .collect();
            let r = TableRow::new(cells).cant_split();
            match header {
                true => super::bo_sung::repeat_header(r),
                false => r,
            }
        })
        .collect()
}

fn o_doan(o: &OData, cot: &CotData, header: bool, size: f64) -> Paragraph {
    let can = if header {
        Can::Giua
    } else {
        o.can.unwrap_or(cot.can)
    };
    let align = match can {
        Can::Trai => AlignmentType::Left,
        Can::Giua => AlignmentType::Center,
        Can::Phai => AlignmentType::Right,
    };
    let mut text = Run::new().add_text(&o.t).size(co(size));
    if o.dam || header {
        text = text.bold();
    }
    let mut p = Paragraph::new()
        .style(kieu::BANG)
        .align(align)
        .add_run(text);
    if let Some(d) = &o.dau {
        let mut r = Run::new().add_text(d).size(co(size));
        r.run_property = r.run_property.vert_align(VertAlignType::SuperScript);
        p = p.add_run(r);
    }
    for r in &o.chu_thich {
        p = p.add_run(super::run(r, false));
    }
    p
}

/// Column widths in mm: the PDF's own (`render::sizing`), measured with
/// the bundled faces, whose metrics Word's Times New Roman shares.
fn do_rong(b: &BangData, avail: f64) -> Vec<f64> {
    let size = Abs::pt(f64::from(b.co_chu));
    let measure = |t: &str, dam: bool| crate::fonts::bundled_width(t, size, dam);
    sizing::widths(b, Abs::mm(avail), &measure)
        .into_iter()
        .map(Abs::to_mm)
        .collect()
}
