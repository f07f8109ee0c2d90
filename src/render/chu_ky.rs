//! Ô 7 and ô 8: the signature block's lines, and where an electronic
//! document's signature and seal go in the gap between chức vụ and the
//! name (Phụ lục I §II.7.d, 8.a): the signature centred, the seal at its
//! real size over the left third of the signature. The same places are
//! given to the signing tool as signature fields (`crate::dien_tu::o_ky`).

use std::sync::Arc;

use serde::Serialize;

use crate::model::{ChuKy, Dau, VanBan};
use crate::the_thuc::Khung;

#[derive(Debug, Clone, Serialize)]
pub struct ChuKyData {
    /// Quyền hạn and chức vụ lines, upper case.
    pub dong: Vec<String>,
    pub ho_ten: String,
    /// The signature image's printed size, when there is one.
    pub anh: Option<Khung>,
    /// The seal image's place, when there is one.
    pub dau: Option<Khung>,
}

pub(super) fn data(c: &ChuKy, dau: Option<&Dau>) -> ChuKyData {
    let mut dong = Vec::new();
    if let Some(tap_the) = &c.thay_mat {
        dong.push(format!("TM. {}", tap_the.to_uppercase()));
    }
    if let Some((q, head)) = &c.quyen_han {
        dong.push(format!("{} {}", q.abbreviation(), head.to_uppercase()));
    }
    dong.extend(c.chuc_vu.iter().map(|l| l.to_uppercase()));
    let (chu_ky, seal) = c.khung(dau);
    ChuKyData {
        dong,
        ho_ten: c.ho_ten.clone(),
        anh: c.anh.as_ref().map(|_| chu_ky),
        dau: dau.map(|_| seal),
    }
}

/// The images' bytes, handed to typst as files beside `/data.json`.
#[derive(Debug, Clone, Default)]
pub struct TepAnh {
    pub chu_ky: Option<Arc<[u8]>>,
    pub dau: Option<Arc<[u8]>>,
}

impl TepAnh {
    /// The virtual paths the template reads them from.
    pub const CHU_KY: &'static str = "/anh/chu-ky.png";
    pub const DAU: &'static str = "/anh/dau.png";

    pub(super) fn of(van_ban: &VanBan) -> Self {
        TepAnh {
            chu_ky: van_ban.chu_ky.anh.as_ref().map(|a| a.png.clone()),
            dau: van_ban.co_quan.dau.as_ref().map(|d| d.anh.png.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Anh;

    fn anh(rong: u32, cao: u32) -> Anh {
        Anh {
            tep: "x.png".into(),
            png: Arc::from(Vec::new()),
            rong,
            cao,
        }
    }

    fn chu_ky(anh: Option<Anh>) -> ChuKy {
        ChuKy {
            thay_mat: None,
            quyen_han: None,
            chuc_vu: vec!["CHỦ TỊCH".into()],
            ho_ten: "Nguyễn Văn A".into(),
            anh,
        }
    }

    #[test]
    fn signature_lines_are_capitalised_in_order() {
        let c = ChuKy {
            thay_mat: Some("Ủy ban nhân dân".into()),
            quyen_han: Some((crate::model::QuyenHan::KyThay, "Chủ tịch".into())),
            chuc_vu: vec!["Phó Chủ tịch".into()],
            ho_ten: "Nguyễn Duy Hưng".into(),
            anh: None,
        };
        let data = data(&c, None);
        assert_eq!(
            data.dong,
            vec!["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
        );
        assert_eq!(data.ho_ten, "Nguyễn Duy Hưng");
        assert_eq!((data.anh, data.dau), (None, None));
    }

    #[test]
    fn the_seal_covers_the_left_third_of_the_signature() {
        let dau = Dau {
            anh: anh(400, 400),
            duong_kinh_mm: 36,
        };
        // A 3:1 signature is as wide as the usual width allows.
        let (sig, seal) = chu_ky(Some(anh(600, 200))).khung(Some(&dau));
        assert_eq!((sig.rong_mm, sig.cao_mm, sig.lech_mm), (60.0, 20.0, 0.0));
        assert_eq!((seal.rong_mm, seal.cao_mm), (36.0, 36.0));
        let seal_right = seal.lech_mm + seal.rong_mm / 2.0;
        assert!((seal_right - (-30.0 + 20.0)).abs() < 1e-9);
        // A tall one is as high as the gap.
        let (sig, _) = chu_ky(Some(anh(100, 200))).khung(None);
        assert_eq!((sig.rong_mm, sig.cao_mm), (13.0, 26.0));
        // Without images: the usual places, the seal's default size.
        let (sig, seal) = chu_ky(None).khung(None);
        assert_eq!((sig.rong_mm, sig.cao_mm), (60.0, 26.0));
        assert_eq!(seal.rong_mm, f64::from(Dau::DUONG_KINH_MM));
    }
}
