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
use crate::render::bang::{BangData, CanDung, CotData, OData};
use crate::render::phu_luc::PhuLucData;
use crate::the_thuc::TI_LE_GACH_NGAN;

/// Cell padding, left and right, in mm (the PDF's 4 pt).
const DEM_O: f64 = 1.4;

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
    let italic = |p: Paragraph| p.style(kieu::PHU_LUC).italic();
    let mut dai: f64 = 0.0;
    if let Some(parts) = &pl.kem_theo {
        let blank = super::o_trong();
        let text: String = parts
            .iter()
            .map(|m| m.clone().unwrap_or_else(|| blank.clone()))
            .collect();
        dai = do_dai(&text, 14.0, false).min(w);
        let mut p = italic(Paragraph::new());
        p = p.add_run(Run::new().add_text(text).italic().disable_bold());
        out.push(Khoi::doan(p));
    }
    for l in &pl.kem_theo_dong {
        let plain: String = l
            .iter()
            .map(|r| match r {
                crate::render::RunData::Text { t, .. } => t.as_str(),
                _ => "",
            })
            .collect();
        dai = dai.max(do_dai(&plain, 14.0, false).min(w));
        let mut p = italic(Paragraph::new());
        for r in l {
            p = p.add_run(super::run_italic(r));
        }
        out.push(Khoi::doan(p));
    }
    if dai > 0.0 {
        out.push(Khoi::doan(gach_ngan(dai * TI_LE_GACH_NGAN.max(0.4), w)));
    }
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
    let widths = do_rong(b, avail);
    let header = rows(b, &b.tieu_de, &widths, true);
    let body = rows(b, &b.dong, &widths, false);
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
fn rows(b: &BangData, rows: &[Vec<OData>], widths: &[f64], header: bool) -> Vec<TableRow> {
    let width = |col: usize, span: usize| -> usize {
        mm(widths[col..(col + span).min(widths.len())].iter().sum()) as usize
    };
    grid(rows, widths.len())
        .into_iter()
        .map(|row| {
            let cells = row
                .into_iter()
                .map(|(col, o)| match o {
                    O::Merged(span) => TableCell::new()
                        .width(width(col, span), WidthType::Dxa)
                        .grid_span(span)
                        .vertical_merge(VMergeType::Continue)
                        .add_paragraph(Paragraph::new().style(kieu::BANG)),
                    O::Cell(o) => {
                        let span = o.cot.max(1).min(widths.len() - col);
                        let mut c = TableCell::new()
                            .width(width(col, span), WidthType::Dxa)
                            .vertical_align(if header || b.can_dung == CanDung::Giua {
                                VAlignType::Center
                            } else {
                                VAlignType::Top
                            })
                            .add_paragraph(o_doan(o, &b.cot[col], header, f64::from(b.co_chu)));
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
                true => super::bo_sung::danh_dau(r),
                false => r,
            }
        })
        .collect()
}

/// What stands at a place of the grid: a cell of the data, or the
/// continuation of a cell merged down from a row above (its span).
enum O<'a> {
    Cell(&'a OData),
    Merged(usize),
}

/// Each row's cells with the grid column each starts in, the places cells
/// merged down from rows above take included.
fn grid(rows: &[Vec<OData>], n: usize) -> Vec<Vec<(usize, O<'_>)>> {
    // For each grid column: rows still covered from above, and the span.
    let mut covered: Vec<(usize, usize)> = vec![(0, 0); n];
    rows.iter()
        .map(|row| {
            let mut out = Vec::new();
            let mut col = 0;
            let mut it = row.iter();
            while col < n {
                if covered[col].0 > 0 {
                    let span = covered[col].1.max(1);
                    covered[col].0 -= 1;
                    out.push((col, O::Merged(span)));
                    col += span;
                    continue;
                }
                let Some(o) = it.next() else { break };
                let span = o.cot.max(1).min(n - col);
                if o.dong > 1 {
                    covered[col] = (o.dong - 1, span);
                }
                out.push((col, O::Cell(o)));
                col += span;
            }
            out
        })
        .collect()
}

/// The cells of `rows` alone, with the grid column each starts in.
fn placed(rows: &[Vec<OData>], n: usize) -> impl Iterator<Item = (usize, &OData)> {
    grid(rows, n)
        .into_iter()
        .flatten()
        .filter_map(|(col, o)| match o {
            O::Cell(o) => Some((col, o)),
            O::Merged(_) => None,
        })
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

/// Column widths in mm: as the PDF's template shares them — every column
/// its natural width when the table fits, else its minimum (the widest
/// text that must stay on one line) plus a share of what it lacks; task
/// tables by their shares. Character widths are estimated (Word measures
/// again when it lays the table out; the grid only has to be sensible).
fn do_rong(b: &BangData, avail: f64) -> Vec<f64> {
    let size = f64::from(b.co_chu);
    let pad = 2.0 * DEM_O + 0.3;
    let char_mm = |chars: f64| chars * size * 0.5 * 25.4 / 72.0;
    let widest = |texts: &[String], bold: bool| {
        texts
            .iter()
            .map(|t| do_dai(t, size, bold))
            .fold(0.0, f64::max)
    };
    // Only single-column header cells say something about one column; a
    // header word is never broken either.
    let n = b.cot.len();
    let mut heads: Vec<Vec<String>> = vec![Vec::new(); n];
    for (col, o) in placed(&b.tieu_de, n) {
        if o.cot == 1 {
            heads[col].extend(o.t.split_whitespace().map(String::from));
        }
    }
    // And no word of a body cell is broken: Word, unlike the PDF's
    // template, breaks a word that does not fit its column.
    let mut words: Vec<Vec<String>> = vec![Vec::new(); n];
    for (col, o) in placed(&b.dong, n) {
        if o.cot == 1 {
            words[col].extend(o.t.split_whitespace().map(String::from));
        }
    }
    let mins: Vec<f64> = b
        .cot
        .iter()
        .zip(heads.iter().zip(&words))
        .map(|(c, (h, w))| {
            widest(&c.vua, false)
                .max(widest(h, true))
                .max(widest(w, false))
                + pad
        })
        .collect();
    if b.cot.iter().all(|c| c.dai.is_some()) {
        let maxs: Vec<f64> = b
            .cot
            .iter()
            .zip(&mins)
            .map(|(c, m)| m.max(char_mm(c.dai.unwrap_or(0.0)) + pad))
            .collect();
        let total: f64 = maxs.iter().sum();
        if total <= avail {
            return maxs
                .iter()
                .map(|m| m + (avail - total) * m / total)
                .collect();
        }
        let lack: Vec<f64> = maxs.iter().zip(&mins).map(|(a, b)| a - b).collect();
        let rest = avail - mins.iter().sum::<f64>();
        let need: f64 = lack.iter().sum();
        if rest <= 0.0 || need <= 0.0 {
            // Wider than the page even at its minimums: as the PDF does,
            // the table keeps them (it runs into the margin) rather than
            // breaking words.
            return mins;
        }
        return mins
            .iter()
            .zip(&lack)
            .map(|(m, l)| m + rest * l / need)
            .collect();
    }
    // Task tables: each column its share of what the columns pinned at
    // their minimum leave, pinning any whose share falls below its minimum.
    let mut fixed: Vec<bool> = b.cot.iter().map(|c| c.rong == 0.0).collect();
    loop {
        let free = avail - (0..n).filter(|&i| fixed[i]).map(|i| mins[i]).sum::<f64>();
        let share: f64 = (0..n).filter(|&i| !fixed[i]).map(|i| b.cot[i].rong).sum();
        let k = if share > 0.0 { free / share } else { 0.0 };
        let newly: Vec<usize> = (0..n)
            .filter(|&i| !fixed[i] && b.cot[i].rong * k < mins[i])
            .collect();
        if newly.is_empty() {
            return (0..n)
                .map(|i| if fixed[i] { mins[i] } else { b.cot[i].rong * k })
                .collect();
        }
        for i in newly {
            fixed[i] = true;
        }
    }
}
