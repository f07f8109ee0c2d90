//! Column widths of a table, decided once for both back ends: the PDF's
//! compiler (`compile::bang`) and the Word file (`docx::bang`) call
//! [`widths`] with a measurer of the faces they set text in. Widths are in
//! typst's units, added up in its arithmetic, so the PDF's cac_cot are
//! exactly what its template once measured for itself.

use typst::layout::Abs;

use super::bang::{BangData, placed};
use crate::the_thuc::{DEM_O_PT, NET_BANG_PT};

/// Lines a column's header is given room for when it would take more than
/// `DONG_TIEU_DE_TOI_DA` and the table has the room.
const DONG_TIEU_DE: f64 = 4.0;
const DONG_TIEU_DE_TOI_DA: f64 = 7.0;

/// How wide a text is set at the table's size, bold or not.
pub type Measure<'a> = dyn Fn(&str, bool) -> Abs + 'a;

/// A cell's side padding and the rule beside it: what a column needs
/// beyond its widest text. Summed as typst did in the template
/// (`w + 2 * inset.x + 0.5pt`), so the widths come out bit for bit the same.
fn around(w: Abs) -> Abs {
    w + Abs::pt(DEM_O_PT) * 2.0 + Abs::pt(NET_BANG_PT)
}

/// The cac_cot of table `b` on a text width of `avail`, at the table's size.
///
/// No column is narrower than its widest unbreakable text (`vua`, measured
/// bold to be safe) or the widest word of its header. Indicator tables give
/// every column its natural width when the table fits, else each keeps its
/// minimum and the rest is shared by what each column still lacks (as
/// browsers do); task tables give each column a share (`rong`), and a
/// column pinned at its minimum gives its share back to the others.
pub fn widths(b: &BangData, avail: Abs, measure: &Measure<'_>) -> Vec<Abs> {
    let n = b.cot.len();
    // No word is ever broken or runs over a rule: typst does not break
    // words, Word does. Only single-column cells say something about one
    // column; a cell is placed where typst puts it, right of the cells
    // spanning down beside it from the row above. Header words are
    // measured bold.
    let mut header_words: Vec<Vec<&str>> = vec![Vec::new(); n];
    // What a column's header needs to be set in at most about four lines.
    let mut header_lines: Vec<Abs> = vec![Abs::zero(); n];
    for (cot, o) in placed(&b.tieu_de, n) {
        if o.cot == 1 {
            header_words[cot].extend(o.t.split(' '));
            header_lines[cot] = header_lines[cot].max(around(measure(&o.t, true) * (1.15 / DONG_TIEU_DE)));
        }
    }
    let mut body_words: Vec<Vec<(&str, bool)>> = vec![Vec::new(); n];
    for (cot, o) in placed(&b.dong, n) {
        if o.cot == 1 {
            body_words[cot].extend(o.t.split_whitespace().map(|w| (w, o.dam)));
        }
    }
    let mins: Vec<Abs> = b
        .cot
        .iter()
        .zip(header_words.iter().zip(&body_words))
        .map(|(c, (heads, words))| {
            let widest = c
                .vua
                .iter()
                .map(String::as_str)
                .chain(heads.iter().copied())
                .map(|t| measure(t, true))
                .chain(words.iter().map(|&(w, dam)| measure(w, dam)))
                .fold(Abs::zero(), Abs::max);
            around(widest)
        })
        .collect();
    let first = distribute(b, avail, measure, &mins);
    // A header that takes many more lines than about four at its width
    // gets the width for four, where the table still fits (a long header
    // over a column of short figures once took 14 lines).
    let lines = |i: usize, w: Abs| {
        let inner = (w - around(Abs::zero())).max(Abs::pt(1.0));
        (header_lines[i] - around(Abs::zero())) * DONG_TIEU_DE / inner
    };
    if (0..n).all(|i| lines(i, first[i]) <= DONG_TIEU_DE_TOI_DA) {
        return first;
    }
    let roomy: Vec<Abs> = (0..n)
        .map(|i| match lines(i, first[i]) > DONG_TIEU_DE_TOI_DA {
            true => mins[i].max(header_lines[i]),
            false => mins[i],
        })
        .collect();
    if roomy.iter().copied().sum::<Abs>() > avail {
        return first;
    }
    distribute(b, avail, measure, &roomy)
}

/// The widths from the columns' minimums: natural widths when they fit,
/// else the room left shared by what each column lacks; task tables by
/// their shares.
fn distribute(b: &BangData, avail: Abs, measure: &Measure<'_>, mins: &[Abs]) -> Vec<Abs> {
    let n = b.cot.len();
    if b.cot.iter().all(|c| c.dai.is_some()) {
        // The width of an average character of body text.
        let ky_tu = measure("0123456789 abcdefghij", false) / 21.0;
        let maxs: Vec<Abs> = b
            .cot
            .iter()
            .zip(mins)
            .map(|(c, &m)| m.max(around(ky_tu * c.dai.unwrap_or(0.0))))
            .collect();
        let tong: Abs = maxs.iter().copied().sum();
        if tong <= avail {
            return maxs
                .iter()
                .map(|&m| m + (avail - tong) * (m / tong))
                .collect();
        }
        let thieu: Vec<Abs> = maxs.iter().zip(mins).map(|(&a, &m)| a - m).collect();
        let con = avail - mins.iter().copied().sum::<Abs>();
        let can: Abs = thieu.iter().copied().sum();
        if con <= Abs::zero() || can <= Abs::zero() {
            // Wider than the page even at its minimums: the table keeps
            // them (it runs into the margin) rather than breaking words.
            return mins.to_vec();
        }
        return mins
            .iter()
            .zip(&thieu)
            .map(|(&m, &t)| m + con * (t / can))
            .collect();
    }
    let mut fixed: Vec<bool> = b.cot.iter().map(|c| c.rong == 0.0).collect();
    loop {
        let free = avail - (0..n).filter(|&i| fixed[i]).map(|i| mins[i]).sum::<Abs>();
        let share: f64 = (0..n).filter(|&i| !fixed[i]).map(|i| b.cot[i].rong).sum();
        let k = if share > 0.0 {
            free / share
        } else {
            Abs::zero()
        };
        let mut done = true;
        for i in 0..n {
            if !fixed[i] && k * b.cot[i].rong < mins[i] {
                fixed[i] = true;
                done = false;
            }
        }
        if done {
            return (0..n)
                .map(|i| if fixed[i] { mins[i] } else { k * b.cot[i].rong })
                .collect();
        }
    }
}
