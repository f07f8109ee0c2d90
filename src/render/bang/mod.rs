//! Tables for the templates: header rows with their merges, body rows with
//! STT, spanning cells, computed rows and below-target marks already decided,
//! every number already printed the Vietnamese way. The template only places
//! cells; the compiler sizes the cac_cot (`compile::bang`).

use rust_decimal::Decimal;
use serde::Serialize;

mod tieu_de;

use tieu_de::nut_bang;
pub(super) use tieu_de::{NutNhan, header};

use super::{RunData, footnote, runs};
use crate::model::*;
use crate::so;
use crate::so::roman;

/// A table with its merged header; shared by indicator and task tables.
#[derive(Debug, Clone, Serialize)]
pub struct BangData {
    /// A heading printed above the table.
    pub tieu_de_bang: Option<String>,
    /// "triệu đồng": the "Đơn vị tính: …" line above the table.
    pub don_vi_tinh: Option<String>,
    pub co_chu: u32,
    /// Vertical alignment of body cells.
    pub can_dung: CanDung,
    pub cot: Vec<CotData>,
    pub tieu_de: Vec<Vec<OData>>,
    pub dong: Vec<Vec<OData>>,
    pub ghi_chu: Vec<Vec<RunData>>,
    /// Per body row: kept on the page of the row after it (a section row
    /// with its first row, the last row with the total under it).
    pub giu: Vec<bool>,
    /// Sizes decided before layout, with the fonts the document is set in:
    /// filled by the compiler for the templates (`compile::bang`), absent
    /// for the Word back end, which sizes its own cac_cot.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layout: Option<TableLayout>,
}

/// What the template would otherwise measure cell by cell, every letter of
/// a batch again: column widths, and which body rows hold one line per
/// cell (their height is then fixed, and typst lays each cell out once
/// instead of measuring it first).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TableLayout {
    /// Column widths in pt.
    pub widths: Vec<f64>,
    /// The kinds of one-line cell in the fixed rows: the template measures
    /// one line of each kind once.
    pub samples: Vec<CellSample>,
    /// Per body row: the kinds of its one-line cells (indices into
    /// `samples`), or `None` where some cell may take more than a line.
    pub rows: Vec<Option<Vec<usize>>>,
    /// Per body row: whether it may break across pages (it may be taller
    /// than a page; any other row is kept whole).
    pub tach: Vec<bool>,
}

/// A one-line cell's height depends on its weight and on a raised mark,
/// not on its text (lines run from the ascender to the descender).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CellSample {
    pub dam: bool,
    pub dau: Option<String>,
}

/// Vertical alignment of body cells: tasks read from the top, figures sit
/// in the middle of their row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CanDung {
    Tren,
    Giua,
}

#[derive(Debug, Clone, Serialize)]
pub struct CotData {
    pub can: Can,
    /// Share of the spare width; 0 = exactly as wide as `vua` needs.
    pub rong: f64,
    /// Instead of a share: the column's natural width in characters (its
    /// longest text on one line); every column gets its natural width when
    /// the table fits, else what is left after the minimums is shared out
    /// by what each column lacks (`compile::bang`).
    pub dai: Option<f64>,
    /// Texts that must fit on one line (numbers, STT): the column is never
    /// narrower than the widest of them.
    pub vua: Vec<String>,
}

#[derive(Debug, Serialize, Clone)]
pub struct OData {
    pub t: String,
    pub cot: usize,
    pub dong: usize,
    pub dam: bool,
    /// Footnote or below-target mark, printed raised after the text.
    pub dau: Option<String>,
    /// Overrides the column's alignment.
    pub can: Option<Can>,
    /// Footnotes cited at the end of the cell.
    /// Footnotes cited at the end of the cell (`RunData::Footnote`s).
    pub chu_thich: Vec<RunData>,
}

impl OData {
    pub fn text(t: impl Into<String>) -> Self {
        OData {
            t: t.into(),
            cot: 1,
            dong: 1,
            dam: false,
            dau: None,
            can: None,
            chu_thich: Vec::new(),
        }
    }

    fn bold(mut self) -> Self {
        self.dam = true;
        self
    }
}

/// What stands at a place of a table's grid: a cell of the data, or the
/// continuation of a cell merged down from a row above (its span).
pub enum Slot<'a> {
    Cell(&'a OData),
    Covered(usize),
}

/// Each row's cells with the grid column each starts in, the places cells
/// merged down from rows above take included: cells placed as typst and
/// Word place them, for both back ends and the column sizing.
pub fn grid(rows: &[Vec<OData>], n: usize) -> Vec<Vec<(usize, Slot<'_>)>> {
    // For each grid column: rows still covered from above, and the span.
    let mut covered: Vec<(usize, usize)> = vec![(0, 0); n];
    rows.iter()
        .map(|row| {
            let mut out = Vec::new();
            let mut cot = 0;
            let mut it = row.iter();
            while cot < n {
                if covered[cot].0 > 0 {
                    let span = covered[cot].1.max(1);
                    covered[cot].0 -= 1;
                    out.push((cot, Slot::Covered(span)));
                    cot += span;
                    continue;
                }
                let Some(o) = it.next() else { break };
                let span = o.cot.max(1).min(n - cot);
                if o.dong > 1 {
                    covered[cot] = (o.dong - 1, span);
                }
                out.push((cot, Slot::Cell(o)));
                cot += span;
            }
            out
        })
        .collect()
}

/// The cells of `rows` alone, with the grid column each starts in.
pub fn placed(rows: &[Vec<OData>], n: usize) -> impl Iterator<Item = (usize, &OData)> {
    grid(rows, n)
        .into_iter()
        .flatten()
        .filter_map(|(cot, o)| match o {
            Slot::Cell(o) => Some((cot, o)),
            Slot::Covered(_) => None,
        })
}

/// The mark for a result below its target, and the note explaining it.
pub const DAU_CHUA_DAT: &str = "(*)";
const GHI_CHU_CHUA_DAT: &str = "(*) Kết quả thấp hơn chỉ tiêu.";

pub fn bang(b: &BangSoLieu) -> BangData {
    let cac_cot: Vec<&CotSo> = b.cot.iter().flat_map(|g| &g.cot).collect();
    let computed = |vi_tri: ViTriDong| {
        b.tinh
            .iter()
            .filter(move |t| t.vi_tri == vi_tri)
            .map(|t| computed_row(t, &cac_cot, &b.dong))
    };
    let mut body: Vec<Vec<OData>> = computed(ViTriDong::Tren).collect();
    // A total above the rows stays with the first of them.
    let mut giu = vec![true; body.len()];
    let marked = data_rows(&cac_cot, &b.dong, &mut body, &mut giu);
    gop(&cac_cot, &mut body, giu.len());
    let below: Vec<Vec<OData>> = computed(ViTriDong::Duoi).collect();
    if !below.is_empty()
        && let Some(last) = giu.last_mut()
    {
        // The last row goes with the total under it: a total never stands
        // alone under a repeated header.
        *last = true;
    }
    giu.extend(below.iter().map(|_| false));
    body.extend(below);

    let mut ghi_chu: Vec<Vec<RunData>> = b.ghi_chu.iter().map(|l| runs(l)).collect();
    if marked {
        ghi_chu.push(vec![RunData::plain(GHI_CHU_CHUA_DAT)]);
    }
    BangData {
        tieu_de_bang: b.tieu_de.clone(),
        don_vi_tinh: b.don_vi_tinh.clone(),
        co_chu: b.co_chu,
        can_dung: CanDung::Giua,
        cot: cac_cot
            .iter()
            .enumerate()
            .map(|(i, c)| cot(i, c, &body, cac_cot.len()))
            .collect(),
        tieu_de: header(&nut_bang(b), b.danh_so_cot),
        dong: body,
        ghi_chu,
        giu,
        layout: None,
    }
}

/// Section rows ("I. Cấp tỉnh") and data rows: STT restarting per section,
/// a common target spanning its section, results below target marked.
/// Whether any result was marked.
fn data_rows(
    cac_cot: &[&CotSo],
    rows: &[DongSo],
    body: &mut Vec<Vec<OData>>,
    giu: &mut Vec<bool>,
) -> bool {
    let mut marked = false;
    let mut stt = 0;
    let mut sections = 0;
    for (i, row) in rows.iter().enumerate() {
        match row {
            DongSo::Muc(name) => {
                sections += 1;
                stt = 0;
                body.push(section_row(cac_cot, sections, name));
                giu.push(true);
            }
            DongSo::MucSo(cells, _) => {
                stt = 0;
                body.push(data_section_row(cac_cot, cells));
                giu.push(true);
            }
            DongSo::Dong(cells, _) => {
                stt += 1;
                let first_in_block = i == 0 || rows[i - 1].la_muc();
                // Counted once per block: counting on every row made a long
                // table quadratic.
                let block_len = match first_in_block {
                    true => rows[i..]
                        .iter()
                        .take_while(|r| matches!(r, DongSo::Dong(..)))
                        .count(),
                    false => 0,
                };
                let mut out = Vec::new();
                for (cot, cell) in cac_cot.iter().zip(cells) {
                    if let Some(chung) = &cot.chung {
                        if first_in_block {
                            out.push(OData {
                                dong: block_len,
                                can: Some(Can::Giua),
                                ..OData::text(chung.clone())
                            });
                        }
                        continue;
                    }
                    // STT as the data gives it, else numbered here.
                    if cot.danh_so {
                        out.push(OData::text(stt.to_string()));
                        continue;
                    }
                    let mut o = OData::text(in_o(&cell.gia_tri, cot));
                    o.dau = cell.dau.clone();
                    o.chu_thich = cell.chu_thich.iter().map(|n| footnote(n)).collect();
                    if below_target(cot, &cell.gia_tri, cells) {
                        marked = true;
                        o.dam = true;
                        o.dau = Some(match o.dau {
                            Some(d) => format!("{d}{DAU_CHUA_DAT}"),
                            None => DAU_CHUA_DAT.to_string(),
                        });
                    }
                    out.push(o);
                }
                body.push(out);
                giu.push(false);
            }
        }
    }
    marked
}

/// A section row from the data: bold; when it has no figures, its name
/// spans the columns after it (a figure is never dropped: a row with
/// figures keeps its cells).
fn data_section_row(cac_cot: &[&CotSo], cells: &[O]) -> Vec<OData> {
    let texts: Vec<String> = cac_cot
        .iter()
        .zip(cells)
        .map(|(c, o)| in_o(&o.gia_tri, c))
        .collect();
    let name_at = cac_cot
        .iter()
        .zip(&texts)
        .position(|(c, t)| c.kieu != KieuCot::Stt && !t.is_empty());
    let rest_empty = name_at.is_some_and(|n| texts[n + 1..].iter().all(String::is_empty));
    match name_at {
        Some(n) if rest_empty => {
            let mut out: Vec<OData> = texts[..n]
                .iter()
                .map(|t| OData::text(t.clone()).bold())
                .collect();
            out.push(OData {
                cot: texts.len() - n,
                can: Some(Can::Trai),
                ..OData::text(texts[n].clone()).bold()
            });
            out
        }
        _ => texts.into_iter().map(|t| OData::text(t).bold()).collect(),
    }
}

/// Columns with `gop`: an empty cell under a filled one, in rows of plain
/// cells (no section or total row between), is taken into the filled
/// cell, which spans down over it. Only the first `end` rows (the data and
/// any totals above it) are looked at.
fn gop(cac_cot: &[&CotSo], body: &mut [Vec<OData>], end: usize) {
    let n = cac_cot.len();
    let end = end.min(body.len());
    let plain: Vec<bool> = body[..end]
        .iter()
        .map(|r| r.len() == n && r.iter().all(|o| o.cot == 1 && o.dong == 1))
        .collect();
    // Right to left: a cell taken out of a row never moves the cells of
    // the columns still to do.
    for ci in (0..n).rev().filter(|&ci| cac_cot[ci].gop) {
        let mut anchor: Option<usize> = None;
        for y in 0..end {
            if !plain[y] {
                anchor = None;
                continue;
            }
            let empty = body[y][ci].t.is_empty() && body[y][ci].dau.is_none();
            match (anchor, empty) {
                (Some(ay), true) => {
                    body[ay][ci].dong += 1;
                    body[y].remove(ci);
                }
                (_, false) => anchor = Some(y),
                (None, true) => {}
            }
        }
    }
}

/// A bold section row: its Roman number under STT, its name across the rest.
fn section_row(cac_cot: &[&CotSo], n: u32, name: &str) -> Vec<OData> {
    let mut cells = Vec::new();
    let mut span = cac_cot.len();
    if cac_cot.first().is_some_and(|c| c.kieu == KieuCot::Stt) {
        cells.push(OData::text(roman(n)).bold());
        span -= 1;
    }
    if span > 0 {
        cells.push(OData {
            cot: span,
            can: Some(Can::Trai),
            ..OData::text(name).bold()
        });
    }
    cells
}

fn cot(i: usize, c: &CotSo, body: &[Vec<OData>], n: usize) -> CotData {
    // The column's own cells: single-width cells placed in it (a total's
    // figures under a label spanning the columns before them included).
    let texts: Vec<&str> = placed(body, n)
        .filter(|&(at, o)| at == i && o.cot == 1 && o.dong == 1)
        .map(|(_, o)| o.t.as_str())
        .collect();

    let mut cot = match c.kieu {
        KieuCot::Stt => CotData {
            can: Can::Giua,
            rong: 0.0,
            // As wide as its widest number.
            dai: Some(0.0),
            vua: longest(texts.iter().copied(), 2),
        },
        // A mark may follow the widest number.
        KieuCot::So | KieuCot::PhanTram => CotData {
            can: Can::Giua,
            rong: 0.0,
            dai: Some(natural(&texts, &c.tieu_de)),
            vua: longest(texts.iter().copied(), 3)
                .into_iter()
                .map(|s| format!("{s}{DAU_CHUA_DAT}"))
                .collect(),
        },
        KieuCot::DonVi | KieuCot::Chu => match &c.chung {
            // A common target spans many rows, so it may wrap more.
            Some(chung) => CotData {
                can: Can::Giua,
                rong: 0.0,
                dai: Some((chung.chars().count() / 4) as f64),
                vua: longest(chung.split_whitespace(), 2),
            },
            None => text_column(&texts, &c.tieu_de),
        },
    };
    if let Some(can) = c.can {
        cot.can = can;
    }
    cot
}

/// Texts longer than this many characters read as sentences: the column is
/// set flush left and takes the room; shorter ones ("Đạt", "Không") centred.
const NGAN: usize = 12;

/// A text column: its share of the spare width is what its longest text
/// needs beyond its widest word, so a column of sentences gets the room and
/// a column of short values keeps to its widest word.
fn text_column(texts: &[&str], header: &str) -> CotData {
    let longest_text = texts.iter().map(|s| s.chars().count()).max().unwrap_or(0);
    let words = texts.iter().flat_map(|s| s.split_whitespace());
    CotData {
        can: if longest_text <= NGAN {
            Can::Giua
        } else {
            Can::Trai
        },
        rong: 0.0,
        dai: Some(natural(texts, header)),
        vua: longest(words, 3),
    }
}

/// A column's natural width in characters: its longest text on one line,
/// or its header set on three lines when that is longer.
fn natural(texts: &[&str], header: &str) -> f64 {
    let longest_text = texts.iter().map(|s| s.chars().count()).max().unwrap_or(0);
    longest_text.max(header.chars().count() / 3) as f64
}

/// The `n` longest distinct texts, which the compiler measures.
fn longest<'a>(texts: impl Iterator<Item = &'a str>, n: usize) -> Vec<String> {
    let mut t: Vec<&str> = texts.collect();
    t.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    t.dedup();
    t.into_iter().take(n).map(String::from).collect()
}

fn in_o(v: &GiaTri, c: &CotSo) -> String {
    match v {
        GiaTri::Trong => String::new(),
        GiaTri::Khong => "-".into(),
        GiaTri::Chu(s) => s.clone(),
        GiaTri::So(d) => in_so(*d, c),
    }
}

fn in_so(d: Decimal, c: &CotSo) -> String {
    let d = match c.chu_so {
        Some(n) => so::lam_tron(d, n),
        None => d,
    };
    let s = so::in_so(d, c.tach_nghin);
    if c.kieu == KieuCot::PhanTram {
        format!("{s}%")
    } else {
        s
    }
}

fn below_target(c: &CotSo, v: &GiaTri, row: &[O]) -> bool {
    let GiaTri::So(value) = v else { return false };
    let target = match &c.chi_tieu {
        Some(ChiTieu::GiaTri(t)) => Some(*t),
        Some(ChiTieu::Cot(i)) => match row.get(*i).map(|o| &o.gia_tri) {
            Some(GiaTri::So(t)) => Some(*t),
            _ => None,
        },
        None => None,
    };
    target.is_some_and(|t| *value < t)
}

fn computed_row(t: &DongTinh, cac_cot: &[&CotSo], rows: &[DongSo]) -> Vec<OData> {
    // The label goes where the unit names are: the first column, after an
    // empty STT cell, that computes nothing (an STT read from the data is
    // an STT column too, so "Tổng cộng" is never squeezed into it).
    let first = usize::from(cac_cot.len() > 1 && cac_cot[0].kieu == KieuCot::Stt);
    let label_at = (first..t.o.len()).find(|&i| t.o[i].is_none()).unwrap_or(0);
    cac_cot
        .iter()
        .zip(&t.o)
        .enumerate()
        .map(|(i, (c, p))| {
            let text = match p {
                Some(p) => in_o(&p.tinh(i, c, rows), c),
                None if i == label_at => t.nhan.clone(),
                None => String::new(),
            };
            OData::text(text).bold()
        })
        .collect()
}
