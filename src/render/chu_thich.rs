//! Footnote numbers for the whole document. Typst numbers footnotes as it
//! lays them out; a note cited twice would print twice. So notes are
//! numbered here, in document order (letter, then each phụ lục: title,
//! "kèm theo" lines, text, tables header first, notes under tables), and a
//! note cited again is marked `lap`: the template prints its number only.
//! The numbers are the ones typst gives, since it counts only first
//! citations, in the same order.

use std::collections::HashMap;

use super::{BlockData, Data, RunData};

/// Numbers every footnote of `data`; notes with the same text are one note.
pub(super) fn number(data: &mut Data) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut mark = |r: &mut RunData| {
        if let RunData::Footnote { chu_thich, so, lap } = r {
            let next = seen.len() + 1;
            let n = *seen.entry(RunData::text_of(chu_thich)).or_insert(next);
            *so = n;
            *lap = n != next;
        }
    };
    each_block(&mut data.noi_dung, &mut mark);
    for k in &mut data.van_ban_kem_theo {
        k.kem_theo_dong.iter_mut().flatten().for_each(&mut mark);
        each_block(&mut k.noi_dung, &mut mark);
    }
    for pl in &mut data.phu_luc {
        pl.tieu_de.iter_mut().flatten().for_each(&mut mark);
        pl.kem_theo_dong.iter_mut().flatten().for_each(&mut mark);
        each_block(&mut pl.noi_dung, &mut mark);
        for b in &mut pl.bang {
            for o in b.tieu_de.iter_mut().chain(&mut b.dong).flatten() {
                o.chu_thich.iter_mut().for_each(&mut mark);
            }
            b.ghi_chu.iter_mut().flatten().for_each(&mut mark);
        }
    }
}

fn each_block(blocks: &mut [BlockData], mark: &mut impl FnMut(&mut RunData)) {
    blocks.iter_mut().flat_map(|b| &mut b.runs).for_each(mark);
}

/// How many notes the letter prints: where an appendix laid out apart
/// goes on counting.
pub(super) fn in_thu(blocks: &[BlockData]) -> usize {
    blocks
        .iter()
        .flat_map(|b| &b.runs)
        .filter_map(|r| match r {
            RunData::Footnote { so, .. } => Some(*so),
            RunData::Text { .. } => None,
        })
        .max()
        .unwrap_or(0)
}
