//! Phụ lục (Phụ lục I §III.1, Mẫu 2.1): heading, title, "(Kèm theo …)" line
//! filled from the document itself, then its text and the task table.

use chrono::NaiveDate;
use serde::Serialize;

use super::{BlockData, block, so};
use crate::body::roman;
use crate::lich::calendar;
use crate::model::*;
use crate::thoi_han;

#[derive(Debug, Serialize)]
pub struct PhuLucData {
    /// "Phụ lục" when alone, "Phụ lục I", "Phụ lục II"… when several.
    pub nhan: String,
    pub tieu_de: String,
    pub kem_theo: String,
    pub ngang: bool,
    pub noi_dung: Vec<BlockData>,
    pub bang: Option<BangData>,
}

/// A table with a one- or two-row merged header.
#[derive(Debug, Serialize)]
pub struct BangData {
    /// Relative widths; 0 = as narrow as the content (STT).
    pub rong: Vec<f64>,
    /// Per column: "left" or "center".
    pub can: Vec<&'static str>,
    pub tieu_de: Vec<Vec<OData>>,
    pub dong: Vec<Vec<String>>,
}

#[derive(Debug, Serialize)]
pub struct OData {
    pub t: String,
    pub cot: usize,
    pub dong: usize,
}

/// Blank for the văn thư to fill (a registered number or day not yet known).
const TRONG: &str = "\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}";

/// Wider than this many columns, a task table turns the page to landscape.
const PORTRAIT_COLUMNS: usize = 5;

pub(super) fn all(doc: &VanBan, issued: Option<NaiveDate>) -> Vec<PhuLucData> {
    let several = doc.phu_luc.len() > 1;
    (1..)
        .zip(&doc.phu_luc)
        .map(|(n, p)| {
            let bang = p
                .bang_nhiem_vu
                .as_ref()
                .map(|b| bang(b, &doc.nhiem_vu, issued));
            let wide = bang
                .as_ref()
                .is_some_and(|b| b.rong.len() > PORTRAIT_COLUMNS);
            PhuLucData {
                nhan: if several {
                    format!("Phụ lục {}", roman(n))
                } else {
                    "Phụ lục".to_string()
                },
                tieu_de: p.tieu_de.clone(),
                kem_theo: kem_theo(doc),
                ngang: p.ngang.unwrap_or(wide),
                noi_dung: p.noi_dung.iter().map(block).collect(),
                bang,
            }
        })
        .collect()
}

/// "(Kèm theo Công văn số 1612/UBND-KSTT ngày 31 tháng 5 năm 2024 của UBND tỉnh)";
/// blanks where the document has none yet.
fn kem_theo(doc: &VanBan) -> String {
    let so = doc.so.so.map(so).unwrap_or_else(|| TRONG.to_string());
    let ngay = super::ngay(doc.ngay);
    let part = |p: Option<String>| p.unwrap_or_else(|| TRONG.to_string());
    let cua = doc.co_quan.ten_goi.as_deref().unwrap_or_default();
    format!(
        "(Kèm theo {} số {so}/{} ngày {} tháng {} năm {} của {cua})",
        doc.loai.ten,
        doc.so.ky_hieu,
        part(ngay.ngay),
        part(ngay.thang),
        part(ngay.nam),
    )
}

fn bang(b: &BangNhiemVu, tasks: &[NhiemVu], issued: Option<NaiveDate>) -> BangData {
    let columns: Vec<CotNhiemVu> = b
        .cot
        .iter()
        .flat_map(|g| g.cot.iter().map(|(c, _)| *c))
        .collect();
    let two_rows = b.cot.iter().any(|g| g.nhom.is_some());
    let mut top = Vec::new();
    let mut second = Vec::new();
    for g in &b.cot {
        match &g.nhom {
            Some(nhom) => {
                top.push(OData {
                    t: nhom.clone(),
                    cot: g.cot.len(),
                    dong: 1,
                });
                second.extend(g.cot.iter().map(|(_, label)| OData {
                    t: label.clone(),
                    cot: 1,
                    dong: 1,
                }));
            }
            None => top.extend(g.cot.iter().map(|(_, label)| OData {
                t: label.clone(),
                cot: 1,
                dong: if two_rows { 2 } else { 1 },
            })),
        }
    }
    let mut tieu_de = vec![top];
    if two_rows {
        tieu_de.push(second);
    }
    let name = |u: &DonVi| match (&u.ten_ngan, b.ten_ngan) {
        (Some(short), true) => short.clone(),
        _ => u.ten.clone(),
    };
    let names = |units: &[DonVi]| units.iter().map(name).collect::<Vec<_>>().join("; ");
    let dong = (1..)
        .zip(tasks)
        .map(|(n, task)| {
            columns
                .iter()
                .map(|c| match c {
                    CotNhiemVu::Stt => n.to_string(),
                    CotNhiemVu::NoiDung => plain_text(&task.noi_dung),
                    CotNhiemVu::ChuTri => names(&task.chu_tri),
                    CotNhiemVu::PhoiHop => names(&task.phoi_hop),
                    CotNhiemVu::ThoiHan => task
                        .thoi_han
                        .as_ref()
                        .map(|t| thoi_han::printed(t, issued, calendar()))
                        .unwrap_or_default(),
                    CotNhiemVu::DonViTinh => task.don_vi_tinh.clone().unwrap_or_default(),
                    CotNhiemVu::ChiTieu => task.chi_tieu.clone().unwrap_or_default(),
                    CotNhiemVu::CanCu => task.can_cu.clone().unwrap_or_default(),
                })
                .collect()
        })
        .collect();
    BangData {
        rong: columns.iter().map(|c| width(*c)).collect(),
        can: columns
            .iter()
            .map(|c| match c {
                CotNhiemVu::Stt | CotNhiemVu::DonViTinh | CotNhiemVu::ChiTieu => "center",
                _ => "left",
            })
            .collect(),
        tieu_de,
        dong,
    }
}

fn width(c: CotNhiemVu) -> f64 {
    match c {
        CotNhiemVu::Stt => 0.0,
        // Not `auto`: under a merged header an auto column takes the spare width.
        CotNhiemVu::DonViTinh => 0.8,
        CotNhiemVu::NoiDung | CotNhiemVu::CanCu => 3.0,
        CotNhiemVu::ChuTri | CotNhiemVu::PhoiHop => 2.0,
        CotNhiemVu::ThoiHan => 1.5,
        CotNhiemVu::ChiTieu => 1.2,
    }
}

/// A task's text for a table cell or the export: paragraphs joined by a
/// space, a footnote's text in brackets where its mark was.
pub fn plain_text(blocks: &[Block]) -> String {
    blocks
        .iter()
        .map(|b| runs_text(&b.runs))
        .collect::<Vec<_>>()
        .join(" ")
}

fn runs_text(runs: &[Run]) -> String {
    runs.iter()
        .map(|r| match r {
            Run::Text { text, .. } => text.clone(),
            Run::Footnote(inner) => format!(" ({})", runs_text(inner)),
        })
        .collect()
}
