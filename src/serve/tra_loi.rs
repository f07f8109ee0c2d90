//! How the workspace answers in JSON: a document's diagnostics as the
//! page lists them (each at its field), an uploaded file named as the
//! clerk named it, and a file name for a download.

use std::path::Path;

use serde_json::{Value, json};

use crate::error::Error;

/// Diagnostics as the page shows them, each at its field.
pub(super) fn chan_doan(diags: &[crate::error::Diagnostic]) -> Value {
    crate::kiem_tra::json(diags)
}

pub(super) fn loi_van_ban(e: Error) -> Value {
    match e {
        Error::Input(diags) => chan_doan(&diags),
        other => json!([{ "muc_do": "loi", "thong_bao": other.to_string() }]),
    }
}

/// An error about an uploaded units' file, naming it as the clerk does.
pub(super) fn loi_tam(e: Error, du_lieu: &Path) -> Value {
    let mut loi = loi_van_ban(e);
    if let Some(dir) = du_lieu.parent() {
        trong_trang(&mut loi, dir);
    }
    loi
}

/// Diagnostics as the page says them: the uploaded file by its own name,
/// not the server's folder; the CLI's `--cot-don-vi` as the page's field.
pub(super) fn trong_trang(chan_doan: &mut Value, thu_muc: &Path) {
    for d in chan_doan.as_array_mut().into_iter().flatten() {
        if let Some(tep) = d["tep"].as_str().map(Path::new)
            && let Ok(ten) = tep.strip_prefix(thu_muc)
        {
            d["tep"] = json!(ten.to_string_lossy());
        }
        if let Some(goi_y) = d["goi_y"].as_str() {
            d["goi_y"] =
                json!(goi_y.replace("dùng --cot-don-vi", "ghi tên cột đó vào ô \"Cột đơn vị\""));
        }
    }
}

/// A file name for `Content-Disposition` (RFC 5987): bytes outside the
/// unreserved set percent-encoded.
pub(super) fn encode(name: &str) -> String {
    name.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
