//! Table sizes decided before typst lays a table out: column widths (the
//! rule both back ends share, `render::sizing`), and the body rows whose
//! cells all hold one line (typst then gets their height and lays each cell
//! out once, instead of measuring every cell of every row first). Text is
//! measured as typst sets it (`fonts::Shaper`).

use typst::layout::{Abs, Em};

use crate::fonts::Shaper;
use crate::render::bang::{Slot, grid};
use crate::render::{BangData, CellSample, OData, TableLayout, sizing};
use crate::the_thuc::{DAN_DONG_BANG_EM, DEM_O_PT};

/// Room a cell's text must leave in its column to be judged one line: the
/// judgement is made from measured advances, the raised mark counted at full
/// size, so this only guards against rounding.
const DU_PT: f64 = 1.0;

/// A row estimated taller than this share of the page's text height may
/// break across pages: a row typst must keep whole but that cannot fit a
/// page would be cut at the page's foot.
const TACH_KHI: f64 = 0.5;

/// The sizes of table `b` on a text area `avail` (width, height).
pub(super) fn layout(
    b: &BangData,
    avail: (Abs, Abs),
    regular: &Shaper,
    bold: &Shaper,
) -> TableLayout {
    let size = Abs::pt(f64::from(b.co_chu));
    let measure = |t: &str, dam: bool| if dam { bold } else { regular }.width(t, size);
    let widths = sizing::widths(b, avail.0, &measure);
    let (samples, rows) = one_line_rows(b, &widths, size, regular, bold);
    let tach = tall_rows(b, &widths, &rows, size, avail.1 * TACH_KHI, &measure);
    TableLayout {
        widths: widths.iter().map(|w| w.to_pt()).collect(),
        samples,
        rows,
        tach,
    }
}

/// Which body rows may be taller than `limit`: those a cell of which holds
/// more text than `limit` has room for in its column. Estimated from the
/// text's one-line width (lines broken at words waste some of each line,
/// counted generously), so a row is marked breakable rather than missed.
fn tall_rows(
    b: &BangData,
    widths: &[Abs],
    one_line: &[Option<Vec<usize>>],
    size: Abs,
    limit: Abs,
    measure: &dyn Fn(&str, bool) -> Abs,
) -> Vec<bool> {
    let n = widths.len();
    let pad = Abs::pt(DEM_O_PT) * 2.0;
    let pitch = size * (1.2 + DAN_DONG_BANG_EM);
    grid(&b.dong, n)
        .into_iter()
        .zip(one_line)
        .map(|(row, fixed)| {
            fixed.is_none()
                && row.into_iter().any(|(cot, o)| {
                    let Slot::Cell(o) = o else { return false };
                    let room = widths[cot..(cot + o.cot).min(n)].iter().copied().sum::<Abs>() - pad;
                    if room <= Abs::zero() {
                        return false;
                    }
                    let notes = crate::render::RunData::text_of(&o.chu_thich);
                    let width = measure(&o.t, o.dam) + measure(&notes, false);
                    let lines = (width / room).ceil() * 1.25 + 1.0 + o.t.matches('\n').count() as f64;
                    pitch * lines + pad > limit * o.dong as f64
                })
        })
        .collect()
}

/// Which body rows hold one line in every cell, and the kinds of their
/// cells. Any cell with a footnote or a line break leaves its row to typst.
/// So does a cell spanning rows, unless its text certainly fits the height
/// its rows have anyway (a row is never lower than a line): typst would
/// then not make any of them higher, and the spanning cell is laid out in
/// them as before.
fn one_line_rows(
    b: &BangData,
    widths: &[Abs],
    size: Abs,
    regular: &Shaper,
    bold: &Shaper,
) -> (Vec<CellSample>, Vec<Option<Vec<usize>>>) {
    let n = widths.len();
    let pad = Abs::pt(DEM_O_PT) * 2.0;
    let (low, high) = [regular, bold]
        .iter()
        .map(|s| s.line_height(size))
        .fold((Abs::inf(), Abs::zero()), |(lo, hi), (l, h)| {
            (lo.min(l), hi.max(h))
        });
    let pitch = high + Em::new(DAN_DONG_BANG_EM).at(size);
    let mut left_to_typst = vec![false; b.dong.len()];
    for (y, row) in b.dong.iter().enumerate() {
        for o in row.iter().filter(|o| o.dong > 1) {
            let lines = most_lines(&o.t);
            let needs = pitch * lines as f64 + pad + Abs::pt(DU_PT);
            let has = (low + pad) * o.dong as f64;
            if !o.chu_thich.is_empty() || needs > has {
                for c in left_to_typst.iter_mut().skip(y).take(o.dong) {
                    *c = true;
                }
            }
        }
    }
    let mut samples: Vec<CellSample> = Vec::new();
    let mut rows = Vec::with_capacity(b.dong.len());
    // Cells placed as typst places them, right of those spanning down.
    for (row, left) in grid(&b.dong, n).into_iter().zip(left_to_typst) {
        let mut kinds = Some(Vec::new());
        for (cot, o) in row {
            let Slot::Cell(o) = o else { continue };
            let span = cot..(cot + o.cot).min(n);
            if o.dong > 1 {
                continue;
            }
            if left || o.t.is_empty() && o.dau.is_none() && o.chu_thich.is_empty() {
                // An empty cell is lower than any other.
                continue;
            }
            let room = widths[span].iter().copied().sum::<Abs>() - pad;
            let fits = one_line(o, room, size, if o.dam { bold } else { regular });
            if let (true, Some(kinds)) = (fits, kinds.as_mut()) {
                let sample = CellSample {
                    dam: o.dam,
                    dau: o.dau.clone(),
                };
                let i = samples
                    .iter()
                    .position(|s| *s == sample)
                    .unwrap_or_else(|| {
                        samples.push(sample);
                        samples.len() - 1
                    });
                if !kinds.contains(&i) {
                    kinds.push(i);
                }
            } else {
                kinds = None;
            }
        }
        rows.push(kinds.filter(|k| !left && !k.is_empty()));
    }
    (samples, rows)
}

/// At most how many lines `text` takes however narrow its column: one per
/// piece between the places a line may break (spaces, and the dashes and
/// slashes the line breaker breaks at); a piece wider than its column
/// overflows it, it is not broken.
fn most_lines(text: &str) -> usize {
    text.split(|c: char| c.is_whitespace() || "-/–—‐\u{200B}?!".contains(c))
        .filter(|part| !part.is_empty())
        .count()
        .max(1)
}

/// Whether cell `o` certainly sets on one line `room` wide.
fn one_line(o: &OData, room: Abs, size: Abs, shaper: &Shaper) -> bool {
    if !o.chu_thich.is_empty() || o.t.contains(['\n', '\r', '\u{2028}', '\u{2029}']) {
        return false;
    }
    let mark = o
        .dau
        .as_deref()
        .map_or(Abs::zero(), |d| shaper.width(d, size));
    shaper.width(&o.t, size) + mark + Abs::pt(DU_PT) <= room
}

#[cfg(test)]
mod tests {
    use typst::text::FontWeight;

    use super::*;
    use crate::model::Can;
    use crate::render::bang::{CanDung, CotData};

    fn shapers() -> (Shaper, Shaper) {
        let fonts = crate::fonts::Fonts::bundled();
        let face = |w| fonts.shaper(w).unwrap();
        (face(FontWeight::REGULAR), face(FontWeight::BOLD))
    }

    fn table(rows: Vec<Vec<OData>>, n: usize) -> BangData {
        BangData {
            tieu_de_bang: None,
            don_vi_tinh: None,
            co_chu: 13,
            can_dung: CanDung::Giua,
            cot: (0..n)
                .map(|_| CotData {
                    can: Can::Trai,
                    rong: 1.0,
                    dai: None,
                    vua: Vec::new(),
                })
                .collect(),
            tieu_de: Vec::new(),
            dong: rows,
            ghi_chu: Vec::new(),
            giu: Vec::new(),
            layout: None,
        }
    }

    fn spanning(t: &str, rows: usize) -> OData {
        OData {
            dong: rows,
            ..OData::text(t)
        }
    }

    #[test]
    fn most_lines_counts_the_pieces_between_spaces_dashes_and_slashes() {
        assert_eq!(most_lines("Cả năm 2024 phải đạt tối thiểu 80%"), 8);
        assert_eq!(most_lines("kinh tế - xã hội"), 4);
        assert_eq!(most_lines("1015/QĐ-UBND"), 3);
        assert_eq!(most_lines("Chung"), 1);
        assert_eq!(most_lines(""), 1);
    }

    #[test]
    fn a_row_is_fixed_only_when_every_cell_certainly_holds_one_line() {
        let (regular, bold) = shapers();
        let widths = [Abs::pt(30.0), Abs::pt(200.0)];
        let size = Abs::pt(13.0);
        let long = "một đoạn chữ dài hơn hẳn cột hẹp";
        let b = table(
            vec![
                vec![OData::text("1"), OData::text("Huyện A")],
                vec![OData::text(long), OData::text("Huyện B")],
                vec![OData::text("3"), OData::text(long)],
            ],
            2,
        );
        let (samples, rows) = one_line_rows(&b, &widths, size, &regular, &bold);
        assert_eq!(
            samples,
            [CellSample {
                dam: false,
                dau: None
            }]
        );
        assert_eq!(rows, [Some(vec![0]), None, Some(vec![0])]);
    }

    #[test]
    fn cells_below_a_spanning_cell_are_measured_in_their_own_columns() {
        let (regular, bold) = shapers();
        // Column 0 narrow, 1 narrow, 2 wide; the first row's cell spans
        // column 0 down three rows, so the rows below start at column 1.
        let widths = [Abs::pt(40.0), Abs::pt(30.0), Abs::pt(250.0)];
        let size = Abs::pt(13.0);
        let wide_only = "chữ vừa cột rộng mà không vừa cột hẹp";
        let b = table(
            vec![
                vec![spanning("Chung", 3), OData::text("1"), OData::text("a")],
                vec![OData::text("2"), OData::text(wide_only)],
                vec![OData::text(wide_only), OData::text("b")],
            ],
            3,
        );
        let (_, rows) = one_line_rows(&b, &widths, size, &regular, &bold);
        assert!(rows[0].is_some() && rows[1].is_some(), "{rows:?}");
        assert_eq!(rows[2], None);
    }

    #[test]
    fn a_spanning_cell_longer_than_its_rows_leaves_them_to_typst() {
        let (regular, bold) = shapers();
        let widths = [Abs::pt(40.0), Abs::pt(100.0)];
        let size = Abs::pt(13.0);
        let long = "một hai ba bốn năm sáu bảy tám chín mười";
        let rows = |span: &str| {
            let b = table(
                vec![
                    vec![spanning(span, 2), OData::text("1")],
                    vec![OData::text("2")],
                    vec![OData::text("x"), OData::text("3")],
                ],
                2,
            );
            one_line_rows(&b, &widths, size, &regular, &bold).1
        };
        assert!(rows("Chung").iter().all(Option::is_some));
        assert_eq!(rows(long)[..2], [None, None]);
        assert!(rows(long)[2].is_some());
    }
}
