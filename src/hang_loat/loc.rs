//! What of a province-wide document concerns one unit: its rows of the
//! appendix tables (next to the province's targets and totals) and the tasks
//! it leads or supports, directly or through a group it belongs to.

use std::path::Path;

use crate::model::{DonVi, DongSo, GiaTri, KieuCot, PhepTinh, PhuLuc, VanBan};

/// Where a unit's own row is: the batch's data file (canonical path,
/// sheet) and the row's number in it.
pub type DongNguon<'a> = (&'a Path, Option<&'a str>, usize);

/// Keeps what concerns `dv`. Tables without a unit column or marked
/// `loc = false`, and documents without tasks, are left whole. A table reading the batch's own data file
/// keeps the unit's row by number (two communes may share a name);
/// other tables keep the rows that name the unit.
pub fn cho_don_vi(van_ban: &mut VanBan, dv: &DonVi, nguon: Option<DongNguon<'_>>) {
    van_ban
        .nhiem_vu
        .retain(|t| t.chu_tri.iter().chain(&t.phoi_hop).any(|u| la(u, dv)));
    for pl in &mut van_ban.phu_luc {
        loc_phu_luc(pl, dv, nguon);
    }
    // A phụ lục left with nothing to show is dropped.
    van_ban
        .phu_luc
        .retain(|pl| !pl.bang.is_empty() || !pl.noi_dung.is_empty() || pl.bang_nhiem_vu.is_some());
}

/// Whether a unit named in the document is `dv` or a group `dv` is in.
fn la(u: &DonVi, dv: &DonVi) -> bool {
    match (&u.ma, &dv.ma) {
        (Some(a), Some(b)) if a == b => return true,
        (Some(a), _) if dv.thuoc.contains(a) => return true,
        _ => {}
    }
    cung_ten(&u.ten, dv)
}

fn cung_ten(ten: &str, dv: &DonVi) -> bool {
    let ten = ten.trim().to_lowercase();
    ten == dv.ten.trim().to_lowercase()
        || dv
            .ten_ngan
            .as_deref()
            .is_some_and(|n| ten == n.trim().to_lowercase())
}

fn loc_phu_luc(pl: &mut PhuLuc, dv: &DonVi, nguon: Option<DongNguon<'_>>) {
    for b in &mut pl.bang {
        let cac_cot: Vec<_> = b.cot.iter().flat_map(|g| &g.cot).cloned().collect();
        let Some(cot_don_vi) = cac_cot.iter().position(|c| c.kieu == KieuCot::DonVi) else {
            continue;
        };
        if !b.loc {
            continue;
        }
        // Totals and means stay the province's: computed over every row
        // before the other units' rows go.
        for t in &mut b.tinh {
            for (i, op) in t.o.iter_mut().enumerate() {
                if let Some(p) = op
                    && !matches!(p, PhepTinh::GiaTri(_))
                {
                    *p = PhepTinh::GiaTri(p.tinh(i, &cac_cot[i], &b.dong));
                }
            }
        }
        let same_file = match (&b.nguon, nguon) {
            (Some((tep, sheet)), Some((path, batch_sheet, row))) => {
                (tep == path && sheet.as_deref() == batch_sheet).then_some(row)
            }
            _ => None,
        };
        let own = |row: &DongSo| match (row, same_file) {
            (DongSo::Dong(_, number), Some(own)) => *number == Some(own),
            (DongSo::Dong(cells, _), None) => {
                matches!(cells.get(cot_don_vi).map(|o| &o.gia_tri), Some(GiaTri::Chu(t)) if cung_ten(t, dv))
            }
            (DongSo::Muc(_) | DongSo::MucSo(..), _) => false,
        };
        let mut kept = Vec::new();
        let mut section = None;
        for row in b.dong.drain(..) {
            match row {
                row if row.la_muc() => section = Some(row),
                row if own(&row) => {
                    kept.extend(section.take());
                    kept.push(row);
                }
                _ => {}
            }
        }
        b.dong = kept;
    }
    pl.bang.retain(|b| !b.dong.is_empty());
}
