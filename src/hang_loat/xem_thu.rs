//! One unit's letter of a template being edited, for the workspace's page
//! view: the template's text as it stands (not yet saved), the unit's row
//! of the data file, filled and filtered as the batch makes it.

use std::path::Path;

use super::don_vi_nhan;
use super::mau::Mau;
use crate::error::{Diagnostic, Error, Result};
use crate::load::{Loaded, Options, Reach};

/// The letter of the `stt`-th unit (from 1) of `du_lieu`, made from
/// template `text` (read from `mau_path`'s folder); and that unit's name.
pub fn mot_don_vi(
    mau_path: &Path,
    text: &str,
    du_lieu: &Path,
    cot_don_vi: Option<&str>,
    stt: usize,
) -> Result<(Loaded, String)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let reach = Reach::DocumentFolder;
    let mau = Mau::new(mau_path, text, super::ten_tep::MAC_DINH)?;
    let danh_ba = mau.danh_ba(reach)?;
    let _ = mau.check_paths(reach)?;
    let tep = don_vi_nhan::read(du_lieu, cot_don_vi, &danh_ba)?;
    let n = tep.don_vi.len();
    let u = tep.don_vi.get(stt.saturating_sub(1)).ok_or_else(|| {
        Error::Input(vec![Diagnostic::file(
            du_lieu,
            format!("tệp đơn vị nhận có {n} đơn vị, không có đơn vị thứ {stt}"),
        )])
    })?;
    let options = Options {
        reach,
        data_files: None,
        filled: true,
    };
    let context = mau.context(u, stt, n);
    let mut loaded = mau.van_ban(u, &context, &options)?;
    let data_path = std::fs::canonicalize(du_lieu).unwrap_or_else(|_| du_lieu.to_path_buf());
    let nguon = u
        .so_dong
        .map(|row| (data_path.as_path(), tep.trang_tinh.as_deref(), row));
    super::loc::cho_don_vi(&mut loaded.van_ban, &u.don_vi, nguon);
    Ok((loaded, u.don_vi.ten.clone()))
}
