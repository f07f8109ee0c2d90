//! A document issued with the main one (a Quy chế): tên loại, name, the
//! "(Ban hành kèm theo …)" line, then Chương, Mục and Điều as body blocks
//! (NĐ 30, Phụ lục I §II.6.đ): "Chương I" and its name centred and bold,
//! "Mục 1" likewise, "Điều 5. Tên" bold; Điều numbered on across Chương.

use serde::Serialize;

use super::{BlockData, KieuKhoi, RunData, block, runs};
use crate::model::*;
use crate::so::roman;

#[derive(Debug, Clone, Serialize)]
pub struct VanBanKemTheoData {
    /// "QUY CHẾ".
    pub ten_loai: String,
    /// Lines as the clerk broke them; one line is balanced.
    pub ten: Vec<String>,
    /// The "(Ban hành kèm theo …)" line made by vanban, blanks as `None`…
    pub kem_theo: Option<Vec<Option<String>>>,
    /// …or the clerk's own lines instead.
    pub kem_theo_dong: Vec<Vec<RunData>>,
    pub noi_dung: Vec<BlockData>,
}

pub(super) fn all(van_ban: &VanBan) -> Vec<VanBanKemTheoData> {
    van_ban
        .van_ban_kem_theo
        .iter()
        .map(|k| VanBanKemTheoData {
            ten_loai: k.loai.ten.to_uppercase(),
            ten: k.ten.clone(),
            kem_theo: (k.kem_theo == KemTheo::TuDong)
                .then(|| super::phu_luc::kem_theo(van_ban, DangNgay::Chu, "Ban hành kèm theo")),
            kem_theo_dong: match &k.kem_theo {
                KemTheo::Dong(lines) => lines.iter().map(|l| runs(l)).collect(),
                _ => Vec::new(),
            },
            noi_dung: noi_dung(k),
        })
        .collect()
}

fn noi_dung(k: &VanBanKemTheo) -> Vec<BlockData> {
    let tieu_de = |nhan: String, ten: &str| BlockData {
        kieu: KieuKhoi::Giua,
        runs: vec![RunData::bold(format!("{nhan}\n{}", ten.to_uppercase()))],
    };
    let mut out: Vec<BlockData> = k.loi_dan.iter().map(block).collect();
    let mut so_dieu = 0;
    for (c, chuong) in (1..).zip(&k.chuong) {
        if let Some(ten) = &chuong.ten {
            out.push(tieu_de(format!("Chương {}", roman(c)), ten));
        }
        for (m, muc) in (1..).zip(&chuong.muc) {
            if let Some(ten) = &muc.ten {
                out.push(tieu_de(format!("Mục {m}"), ten));
            }
            for dieu in &muc.dieu {
                so_dieu += 1;
                out.extend(dieu_blocks(so_dieu, dieu));
            }
        }
    }
    out
}

/// "Điều 5. Tên" as its own bold line, then the khoản; an Điều without a
/// name starts its first paragraph ("Điều 5. Quy chế này …").
fn dieu_blocks(n: u32, dieu: &Dieu) -> Vec<BlockData> {
    let Some(ten) = &dieu.ten else {
        return super::noi_dung::dieu_blocks(n, &dieu.noi_dung);
    };
    let mut blocks = vec![BlockData {
        kieu: KieuKhoi::DeMuc,
        runs: vec![RunData::bold(format!("Điều {n}. {ten}"))],
    }];
    blocks.extend(dieu.noi_dung.iter().map(block));
    blocks
}
