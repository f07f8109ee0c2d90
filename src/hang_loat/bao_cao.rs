//! `manifest.csv` and `manifest.json`: what a batch produced, one line per
//! unit, so the clerk (or a script) can check 94 files without opening them.

use std::path::Path;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::write::write_atomic;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Dong {
    /// Order in the batch, from 1.
    pub stt: usize,
    /// Where the unit is in the data file ("dòng 7").
    pub noi: String,
    pub ma: Option<String>,
    pub don_vi: String,
    /// File name inside the output directory (the PDF; the Word file when
    /// only Word files are made).
    pub tep: Option<String>,
    /// The Word file beside the PDF (`--dang ca-hai`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tep_docx: Option<String>,
    /// Its SHA-256.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sha256_docx: Option<String>,
    pub so_trang: Option<usize>,
    pub so_byte: Option<usize>,
    pub sha256: Option<String>,
    /// The PDF's metadata: keywords' số và ký hiệu, subject, creation date
    /// (ISO), and whether it is PDF/A.
    pub so_ky_hieu: Option<String>,
    pub trich_yeu: Option<String>,
    pub ngay_ban_hanh: Option<String>,
    pub pdfa: Option<bool>,
    /// Its empty signature fields (`--o-ky`), as in `TỆP.o-ky.json`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub o_ky: Vec<crate::dien_tu::OKy>,
    pub trang_thai: TrangThai,
    pub loi: Option<String>,
}

impl Dong {
    /// Unit `i`'s line before its letter is made: named, not yet made.
    pub(super) fn moi(
        i: usize,
        u: &super::don_vi_nhan::DonViNhan,
        tep: Option<String>,
        loi: Option<String>,
    ) -> Self {
        Dong {
            stt: i + 1,
            noi: u.noi.clone(),
            ma: u.don_vi.ma.clone(),
            don_vi: u.don_vi.ten.clone(),
            tep,
            tep_docx: None,
            sha256_docx: None,
            so_trang: None,
            so_byte: None,
            sha256: None,
            so_ky_hieu: None,
            trich_yeu: None,
            ngay_ban_hanh: None,
            pdfa: None,
            o_ky: Vec::new(),
            trang_thai: TrangThai::Loi,
            loi,
        }
    }
}

/// Whether a unit's letter was made (`"da_tao"`/`"loi"`/`"chua_tao"` in
/// manifest.json).
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum TrangThai {
    DaTao,
    Loi,
    /// Not started: the run was stopped first.
    ChuaTao,
}

impl TrangThai {
    /// As the CSV manifest shows it.
    fn nhan(self) -> &'static str {
        match self {
            TrangThai::DaTao => "Đã tạo",
            TrangThai::Loi => "Lỗi",
            TrangThai::ChuaTao => "Chưa tạo",
        }
    }
}

const HEADER: [&str; 14] = [
    "STT",
    "Vị trí trong tệp số liệu",
    "Mã đơn vị",
    "Đơn vị",
    "Tệp",
    "Số trang",
    "Dung lượng (byte)",
    "SHA-256",
    "Số và ký hiệu",
    "Trích yếu",
    "Ngày ban hành",
    "PDF/A",
    "Trạng thái",
    "Lỗi",
];

/// The manifests' paths in the output folder: the CSV, then the JSON.
pub fn tep(dir: &Path) -> [std::path::PathBuf; 2] {
    [dir.join("manifest.csv"), dir.join("manifest.json")]
}

pub fn ghi(dir: &Path, rows: &[Dong]) -> Result<()> {
    let [csv_path, json_path] = tep(dir);
    write_atomic(&csv_path, &csv(rows)?)?;
    let mut json =
        serde_json::to_vec_pretty(rows).map_err(|e| Error::Template(vec![e.to_string()]))?;
    json.push(b'\n');
    write_atomic(&json_path, &json)
}

/// UTF-8 with BOM and CRLF, as Excel expects; formula-like cells defused.
fn csv(rows: &[Dong]) -> Result<Vec<u8>> {
    let n = |x: Option<usize>| x.map(|x| x.to_string()).unwrap_or_default();
    let rows = rows.iter().map(|r| {
        [
            r.stt.to_string(),
            r.noi.clone(),
            r.ma.clone().unwrap_or_default(),
            r.don_vi.clone(),
            r.tep.clone().unwrap_or_default(),
            n(r.so_trang),
            n(r.so_byte),
            r.sha256.clone().unwrap_or_default(),
            r.so_ky_hieu.clone().unwrap_or_default(),
            r.trich_yeu.clone().unwrap_or_default(),
            r.ngay_ban_hanh.clone().unwrap_or_default(),
            match r.pdfa {
                Some(true) => "Có".into(),
                Some(false) => "Không".into(),
                None => String::new(),
            },
            r.trang_thai.nhan().to_string(),
            r.loi.clone().unwrap_or_default(),
        ]
    });
    crate::export::excel_csv(&HEADER, rows)
}
