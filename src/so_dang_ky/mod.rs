//! The register of outgoing documents (sổ đăng ký văn bản đi, NĐ 30,
//! Điều 15 and Phụ lục IV): numbers given in order per issuing body,
//! register and year (`cap`), kept in one SQLite file (`luu_tru`), and the
//! register read back for Excel or a script.

pub mod cap;
pub mod luu_tru;

use crate::error::Result;
use luu_tru::Muc;

/// The default file, in the folder vanban works in.
pub const TEP_MAC_DINH: &str = "so-van-ban.sqlite";

/// Phụ lục IV's columns, then the register's own bookkeeping.
const COT: [&str; 14] = [
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung văn bản",
    "Người ký",
    "Nơi nhận văn bản",
    "Đơn vị, người nhận bản lưu",
    "Số lượng bản",
    "Ghi chú",
    "Sổ",
    "Trạng thái",
    "Tệp văn bản",
    "SHA-256 của PDF",
    "Người cấp số",
    "Lúc cấp số",
];

/// The register as CSV for Excel (BOM, CRLF, no formulas).
pub fn csv(muc: &[Muc]) -> Result<Vec<u8>> {
    let rows = muc.iter().map(|m| {
        let ngay = chrono::NaiveDate::parse_from_str(&m.ngay, "%Y-%m-%d")
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_else(|_| m.ngay.clone());
        [
            format!("{}/{}", crate::model::SoKyHieu::so_in(m.so), m.ky_hieu),
            ngay,
            format!("{} {}", m.loai, m.trich_yeu),
            m.nguoi_ky.clone(),
            m.noi_nhan.join("; "),
            m.don_vi_soan.clone().unwrap_or_default(),
            m.so_ban.map(|n| n.to_string()).unwrap_or_default(),
            m.ly_do_huy.clone().unwrap_or_default(),
            m.day.ten_so.clone(),
            m.trang_thai.ten().to_string(),
            m.tep.to_string_lossy().into_owned(),
            m.sha256_pdf.clone().unwrap_or_default(),
            m.nguoi_cap.clone(),
            m.luc_cap.clone(),
        ]
    });
    crate::export::excel_csv(&COT, rows)
}

/// The register as JSON, one object per number.
pub fn json(muc: &[Muc]) -> Result<Vec<u8>> {
    serde_json::to_vec_pretty(muc).map_err(|e| crate::Error::Template(vec![e.to_string()]))
}
