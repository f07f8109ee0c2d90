//! Phụ lục (Phụ lục I §III.1, Mẫu 2.1): heading, title, "(Kèm theo …)" line
//! filled from the document itself, then its text and the task table.

use chrono::NaiveDate;
use serde::Serialize;

use super::bang::{self, BangData, CotData, OData};
use super::{BlockData, block, so};
use crate::lich::calendar;
use crate::model::*;
use crate::so::roman;
use crate::thoi_han;

#[derive(Debug, Serialize)]
pub struct PhuLucData {
    /// "Phụ lục" when alone, "Phụ lục I", "Phụ lục II"… when several (or
    /// "PHỤ LỤC 1"… in seed 001's style).
    pub nhan: String,
    pub tieu_de: String,
    pub kem_theo: Option<String>,
    pub ngang: bool,
    pub trang_tiep: bool,
    pub noi_dung: Vec<BlockData>,
    pub bang: Vec<BangData>,
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
            let mut wide = false;
            let mut tables = Vec::new();
            if let Some(b) = &p.bang_nhiem_vu {
                wide |= b.cot.iter().map(|g| g.cot.len()).sum::<usize>() > PORTRAIT_COLUMNS;
                tables.push(bang_nhiem_vu(b, &doc.nhiem_vu, issued));
            }
            for b in &p.bang {
                wide |= b.cot.iter().map(|g| g.cot.len()).sum::<usize>() > bang::PORTRAIT_COLUMNS;
                tables.push(bang::bang(b));
            }
            let nhan = match (p.nhan, several) {
                (NhanPhuLuc::LaMa, true) => format!("Phụ lục {}", roman(n)),
                (NhanPhuLuc::LaMa, false) => "Phụ lục".to_string(),
                (NhanPhuLuc::So, true) => format!("PHỤ LỤC {n}"),
                (NhanPhuLuc::So, false) => "PHỤ LỤC".to_string(),
            };
            PhuLucData {
                nhan,
                tieu_de: p.tieu_de.clone(),
                kem_theo: p.kem_theo.then(|| kem_theo(doc)),
                ngang: p.ngang.unwrap_or(wide),
                trang_tiep: p.so_trang == SoTrang::Tiep,
                noi_dung: p.noi_dung.iter().map(block).collect(),
                bang: tables,
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

fn bang_nhiem_vu(b: &BangNhiemVu, tasks: &[NhiemVu], issued: Option<NaiveDate>) -> BangData {
    let columns: Vec<CotNhiemVu> = b
        .cot
        .iter()
        .flat_map(|g| g.cot.iter().map(|(c, _)| *c))
        .collect();
    let two_rows = b.cot.iter().any(|g| g.nhom.is_some());
    let bold = |t: &str| OData {
        dam: true,
        ..OData::text(t)
    };
    let mut top = Vec::new();
    let mut second = Vec::new();
    for g in &b.cot {
        match &g.nhom {
            Some(nhom) => {
                top.push(OData {
                    cot: g.cot.len(),
                    ..bold(nhom)
                });
                second.extend(g.cot.iter().map(|(_, label)| bold(label)));
            }
            None => top.extend(g.cot.iter().map(|(_, label)| OData {
                dong: if two_rows { 2 } else { 1 },
                ..bold(label)
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
    let dong: Vec<Vec<OData>> = (1..)
        .zip(tasks)
        .map(|(n, task)| {
            columns
                .iter()
                .map(|c| {
                    OData::text(match c {
                        CotNhiemVu::Stt => n.to_string(),
                        CotNhiemVu::NoiDung => crate::model::plain_text(&task.noi_dung),
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
                })
                .collect()
        })
        .collect();
    let cot = columns
        .iter()
        .map(|c| CotData {
            can: match c {
                CotNhiemVu::Stt | CotNhiemVu::DonViTinh | CotNhiemVu::ChiTieu => "center",
                _ => "left",
            },
            rong: width(*c),
            vua: match c {
                CotNhiemVu::Stt => vec![tasks.len().max(1).to_string()],
                _ => Vec::new(),
            },
        })
        .collect();
    BangData {
        tieu_de_bang: None,
        co_chu: 12,
        canh_doc: "top",
        cot,
        tieu_de,
        dong,
        ghi_chu: Vec::new(),
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
