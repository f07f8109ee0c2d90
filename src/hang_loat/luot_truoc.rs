//! What a previous run left in the output folder: the letters its
//! `manifest.json` lists. A run that does not make one of them again (a
//! unit gone from the data, renamed, or failed this time) would otherwise
//! leave two letters to one unit side by side; it is said, or with
//! `--xoa-cu` removed — only a file whose bytes are still those the old
//! manifest recorded, so no file the clerk changed or put there is lost.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::bao_cao::Dong;

/// A file the previous run wrote, with the hash it recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct TepCu {
    pub ten: String,
    pub sha256: Option<String>,
}

/// The previous run's files, from its manifest (none if there was none or
/// it cannot be read: nothing is then assumed to be ours).
pub fn doc(manifest: &Path) -> Vec<TepCu> {
    let Ok(bytes) = crate::input::read(manifest, crate::input::TOML_TOI_DA) else {
        return Vec::new();
    };
    let Ok(serde_json::Value::Array(rows)) = serde_json::from_slice(&bytes) else {
        return Vec::new();
    };
    let text = |row: &serde_json::Value, key: &str| row[key].as_str().map(str::to_string);
    let mut out = Vec::new();
    for row in &rows {
        for (tep, sha) in [("tep", "sha256"), ("tep_docx", "sha256_docx")] {
            if let Some(ten) = text(row, tep) {
                out.push(TepCu {
                    ten,
                    sha256: text(row, sha),
                });
            }
        }
    }
    out
}

/// The previous run's letters this run did not make again.
#[derive(Debug, Default)]
pub struct Con {
    /// Still in the folder.
    pub con: Vec<PathBuf>,
    /// Removed (`--xoa-cu`).
    pub da_xoa: Vec<PathBuf>,
}

/// Which of the previous run's files this run did not make, left or
/// removed with `xoa`.
pub fn con_lai(dir: &Path, truoc: &[TepCu], dong: &[Dong], xoa: bool) -> Con {
    let made: Vec<&str> = dong
        .iter()
        .filter(|d| d.trang_thai == super::bao_cao::TrangThai::DaTao)
        .flat_map(|d| [d.tep.as_deref(), d.tep_docx.as_deref()])
        .flatten()
        .collect();
    let mut out = Con::default();
    for cu in truoc {
        // A name with a folder in it is not one a batch writes.
        if made.contains(&cu.ten.as_str()) || cu.ten.contains(['/', '\\']) {
            continue;
        }
        let path = dir.join(&cu.ten);
        if !path.is_file() {
            continue;
        }
        let ours = cu.sha256.as_ref().is_some_and(|sha| {
            std::fs::read(&path).is_ok_and(|b| super::hex(&Sha256::digest(&b)) == *sha)
        });
        if xoa && ours && std::fs::remove_file(&path).is_ok() {
            out.da_xoa.push(path);
        } else {
            out.con.push(path);
        }
    }
    out
}
