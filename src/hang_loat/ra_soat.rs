//! `vanban check MAU.toml --data UNITS`: the review of a batch template,
//! made on every unit's own letter (its rows, its tasks, its name in Kính
//! gửi). A finding several units share is reported once, naming them, at
//! its place in the template.

use std::path::Path;

use super::don_vi_nhan::{self, DonViNhan};
use super::mau::Mau;
use crate::load::du_lieu::ReadCache;
use crate::error::{Diagnostic, Result};
use crate::kiem_tra::{self, PhatHien};
use crate::load::{Options, Reach};

/// Most units a shared finding names before "và N đơn vị khác".
const NEU_TEN: usize = 3;

/// The diagnostics of every unit's letter, a shared finding once; and the
/// number of units.
pub fn ra_soat(
    mau_path: &Path,
    du_lieu: &Path,
    cot_don_vi: Option<&str>,
    reach: Reach,
) -> Result<(Vec<Diagnostic>, usize)> {
    let text = crate::load::read_text(mau_path)?;
    ra_soat_text(mau_path, &text, du_lieu, cot_don_vi, reach)
}

/// [`ra_soat`] of the template's text as it stands (the workspace's
/// page, before it is saved); `mau_path` places it.
pub fn ra_soat_text(
    mau_path: &Path,
    text: &str,
    du_lieu: &Path,
    cot_don_vi: Option<&str>,
    reach: Reach,
) -> Result<(Vec<Diagnostic>, usize)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mau = Mau::new(mau_path, text, super::ten_tep::MAC_DINH)?;
    let danh_ba = mau.danh_ba(reach)?;
    let _ = mau.check_paths(reach)?;
    let tep = don_vi_nhan::read(du_lieu, cot_don_vi, &danh_ba)?;
    let (units, sheet) = (tep.don_vi, tep.trang_tinh);
    let data_path = std::fs::canonicalize(du_lieu).unwrap_or_else(|_| du_lieu.to_path_buf());
    let files = ReadCache::default();
    let options = Options {
        reach,
        data_files: Some(&files),
    filled: true,
    };
    let mut found: Vec<(PhatHien, Vec<&DonViNhan>)> = Vec::new();
    let mut nguon = None;
    let mut diags: Vec<Diagnostic> = Vec::new();
    for (i, u) in units.iter().enumerate() {
        let context = mau.context(u, i + 1, units.len());
        let loaded = match mau.van_ban(u, &context, &options) {
            Ok(loaded) => loaded,
            Err(e) => {
                let why = super::mo_ta(&e);
                diags.push(Diagnostic::file(du_lieu, format!("{}: {why}", nhan(u))));
                continue;
            }
        };
        for w in loaded.warnings {
            if !diags.contains(&w) {
                diags.push(w);
            }
        }
        let mut van_ban = loaded.van_ban;
        nguon.get_or_insert_with(|| van_ban.nguon.clone());
        let nguon = u
            .so_dong
            .map(|row| (data_path.as_path(), sheet.as_deref(), row));
        super::loc::cho_don_vi(&mut van_ban, &u.don_vi, nguon);
        for p in kiem_tra::kiem_tra(&van_ban) {
            match found.iter_mut().find(|(q, _)| *q == p) {
                Some((_, who)) => who.push(u),
                None => found.push((p, vec![u])),
            }
        }
    }
    let shared: Vec<PhatHien> = found
        .into_iter()
        .map(|(mut p, who)| {
            p.thong_bao = format!("{} ({})", p.thong_bao, ai(&who, units.len()));
            p
        })
        .collect();
    if let Some(nguon) = nguon {
        diags.extend(kiem_tra::chan_doan(&nguon, &shared));
    }
    Ok((diags, units.len()))
}

/// "Sở Y tế (dòng 3)".
fn nhan(u: &DonViNhan) -> String {
    format!("{} ({})", u.don_vi.ten, u.noi)
}

/// Which units a finding concerns: all, or the first few by name.
fn ai(who: &[&DonViNhan], tong: usize) -> String {
    if who.len() == tong {
        return format!("cả {tong} đơn vị");
    }
    let names: Vec<String> = who.iter().take(NEU_TEN).map(|u| nhan(u)).collect();
    match who.len().checked_sub(NEU_TEN) {
        Some(more) if more > 0 => format!("{} và {more} đơn vị khác", names.join(", ")),
        _ => names.join(", "),
    }
}
