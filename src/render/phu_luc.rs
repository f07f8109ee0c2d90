//! Phụ lục (Phụ lục I §III.1, Mẫu 2.1): heading, title, "(Kèm theo …)" line
//! filled from the document itself, then its text and the task table.

use chrono::NaiveDate;
use serde::Serialize;

use super::bang::{self, BangData, CanDung, CotData, OData};
use super::{BlockData, RunData, block, footnote, runs, so};
use crate::lich::calendar;
use crate::model::*;
use crate::so::roman;
use crate::the_thuc;
use crate::thoi_han;

#[derive(Debug, Clone, Serialize)]
pub struct PhuLucData {
    /// "Phụ lục" when alone, "Phụ lục I", "Phụ lục II"… when several (or
    /// "PHỤ LỤC 1"… in seed 001's style).
    pub nhan: String,
    /// Lines as the clerk broke them; one line is balanced.
    pub tieu_de: Vec<Vec<RunData>>,
    /// The "(Kèm theo …)" line made by vanban: its text, `None` where the
    /// văn thư fills a blank by hand (a number or day not yet known).
    pub kem_theo: Option<Vec<Option<String>>>,
    /// …or the clerk's own lines instead.
    pub kem_theo_dong: Vec<Vec<RunData>>,
    pub ngang: bool,
    pub trang_tiep: bool,
    pub noi_dung: Vec<BlockData>,
    pub bang: Vec<BangData>,
}

pub(super) fn all(van_ban: &VanBan, issued: Option<NaiveDate>) -> Vec<PhuLucData> {
    let several = van_ban.phu_luc.len() > 1;
    (1..)
        .zip(&van_ban.phu_luc)
        .map(|(n, p)| {
            let mut wide = false;
            let mut tables = Vec::new();
            if let Some(b) = &p.bang_nhiem_vu {
                wide |= b.cot.iter().map(|g| g.cot.len()).sum::<usize>()
                    > the_thuc::COT_TOI_DA_KHO_DUNG_NHIEM_VU;
                tables.push(bang_nhiem_vu(b, &van_ban.nhiem_vu, issued));
            }
            for b in &p.bang {
                wide |= b.cot.iter().map(|g| g.cot.len()).sum::<usize>()
                    > the_thuc::COT_TOI_DA_KHO_DUNG_SO_LIEU;
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
                tieu_de: p.tieu_de.iter().map(|l| runs(l)).collect(),
                kem_theo: (p.kem_theo == KemTheo::TuDong)
                    .then(|| kem_theo(van_ban, p.ngay_kem_theo, "Kèm theo")),
                kem_theo_dong: match &p.kem_theo {
                    KemTheo::Dong(lines) => lines.iter().map(|l| runs(l)).collect(),
                    _ => Vec::new(),
                },
                ngang: p.ngang.unwrap_or(wide),
                trang_tiep: p.so_trang == SoTrang::Tiep,
                noi_dung: p.noi_dung.iter().map(block).collect(),
                bang: tables,
            }
        })
        .collect()
}

/// "(Kèm theo Công văn số 1612/UBND-KSTT ngày 31 tháng 5 năm 2024 của UBND tỉnh)",
/// or "… ngày 31/5/2024 …"; blanks where the document has none yet.
pub(super) fn kem_theo(van_ban: &VanBan, dang: DangNgay, mo_dau: &str) -> Vec<Option<String>> {
    let ngay = super::ngay(van_ban.ngay);
    let cua = van_ban.co_quan.ten_goi.as_deref().unwrap_or_default();
    let head = [
        Some(format!("({mo_dau} {} số ", van_ban.loai.ten)),
        van_ban.so.so.map(so),
        Some(format!("/{} ngày ", van_ban.so.sau_so())),
    ];
    // Leading zeros as in the date line either way (05/01/2024, 15/3/2024).
    let (after_day, after_month) = match dang {
        DangNgay::So => ("/", "/"),
        DangNgay::Chu => (" tháng ", " năm "),
    };
    let date = [
        ngay.ngay,
        Some(after_day.to_string()),
        ngay.thang,
        Some(after_month.to_string()),
        ngay.nam,
    ];
    let parts = head
        .into_iter()
        .chain(date)
        .chain([Some(format!(" của {cua})"))]);
    // Text runs joined, so a complete line is one string.
    let mut out: Vec<Option<String>> = Vec::new();
    for part in parts {
        match (out.last_mut(), part) {
            (Some(Some(last)), Some(next)) => last.push_str(&next),
            (_, part) => out.push(part),
        }
    }
    out
}

fn bang_nhiem_vu(b: &BangNhiemVu, tasks: &[NhiemVu], issued: Option<NaiveDate>) -> BangData {
    let columns: Vec<CotNhiemVu> = b
        .cot
        .iter()
        .flat_map(|g| g.cot.iter().map(|(c, _)| *c))
        .collect();
    let nodes: Vec<bang::NutNhan<'_>> = b
        .cot
        .iter()
        .flat_map(|g| {
            let labels = g
                .cot
                .iter()
                .map(|(_, label)| bang::NutNhan::Cot((label.as_str(), &[][..])));
            match g.nhom.as_deref() {
                Some(n) => vec![bang::NutNhan::Nhom(
                    (n, g.nhom_chu_thich.as_slice()),
                    labels.collect(),
                )],
                None => labels.collect(),
            }
        })
        .collect();
    let tieu_de = bang::header(&nodes, DanhSoCot::Khong);
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
                        // The task's footnotes follow its text as real footnotes.
                        CotNhiemVu::NoiDung => {
                            return OData {
                                chu_thich: task
                                    .noi_dung
                                    .iter()
                                    .flat_map(|b| &b.runs)
                                    .filter_map(|r| match r {
                                        Run::Footnote(note) => Some(footnote(note)),
                                        Run::Text { .. } => None,
                                    })
                                    .collect(),
                                ..OData::text(
                                    task.noi_dung
                                        .iter()
                                        .map(|b| text_only(&b.runs))
                                        .collect::<Vec<_>>()
                                        .join(" "),
                                )
                            };
                        }
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
                CotNhiemVu::Stt | CotNhiemVu::DonViTinh | CotNhiemVu::ChiTieu => Can::Giua,
                _ => Can::Trai,
            },
            rong: width(*c),
            dai: None,
            vua: match c {
                CotNhiemVu::Stt => vec![tasks.len().max(1).to_string()],
                _ => Vec::new(),
            },
        })
        .collect();
    BangData {
        tieu_de_bang: None,
        don_vi_tinh: None,
        co_chu: 12,
        can_dung: CanDung::Tren,
        cot,
        tieu_de,
        dong,
        ghi_chu: Vec::new(),
        giu: Vec::new(),
        layout: None,
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
