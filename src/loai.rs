//! The document-type table of Phụ lục III (`data/loai_van_ban.toml`).

use std::sync::LazyLock;

use serde::Deserialize;

use crate::model::{KinhGui, LoaiVanBan};

const SOURCE: &str = include_str!("../data/loai_van_ban.toml");

#[derive(Deserialize)]
struct File {
    loai: Vec<Row>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    ma: String,
    ten: String,
    viet_tat: Option<String>,
    #[serde(default)]
    kinh_gui: KinhGuiRow,
    ban_hanh: Option<String>,
    /// With `ban_hanh`: whether a free body is also allowed.
    #[serde(default)]
    theo_dieu: TheoDieuRow,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "snake_case")]
enum TheoDieuRow {
    #[default]
    BatBuoc,
    TuyChon,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "snake_case")]
enum KinhGuiRow {
    BatBuoc,
    #[default]
    TuyChon,
    Khong,
}

static TABLE: LazyLock<Vec<LoaiVanBan>> = LazyLock::new(|| {
    // Compiled in and checked by `table_is_well_formed`.
    let file: File =
        toml::from_str(SOURCE).unwrap_or_else(|e| panic!("data/loai_van_ban.toml: {e}"));
    file.loai
        .into_iter()
        .map(|r| LoaiVanBan {
            ma: r.ma,
            ten: r.ten,
            viet_tat: r.viet_tat,
            kinh_gui: match r.kinh_gui {
                KinhGuiRow::BatBuoc => KinhGui::BatBuoc,
                KinhGuiRow::TuyChon => KinhGui::TuyChon,
                KinhGuiRow::Khong => KinhGui::Khong,
            },
            dieu_tuy_chon: r.ban_hanh.is_some() && matches!(r.theo_dieu, TheoDieuRow::TuyChon),
            ban_hanh: r.ban_hanh,
        })
        .collect()
});

pub fn all() -> &'static [LoaiVanBan] {
    &TABLE
}

pub fn find(ma: &str) -> Option<&'static LoaiVanBan> {
    TABLE.iter().find(|l| l.ma == ma)
}

/// The kinds whose body may be laid out by Điều (thẩm quyền, căn cứ, Điều).
pub fn theo_dieu() -> impl Iterator<Item = &'static LoaiVanBan> {
    TABLE.iter().filter(|l| l.theo_dieu())
}

pub fn cong_van() -> &'static LoaiVanBan {
    // The table's first row; `table_is_well_formed` pins it.
    &TABLE[0]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_well_formed() {
        assert_eq!(cong_van().ma, "cong_van");
        assert!(cong_van().is_cong_van());
        let expected = [
            ("ke_hoach", "KH"),
            ("thong_bao", "TB"),
            ("bao_cao", "BC"),
            ("to_trinh", "TTr"),
            ("quyet_dinh", "QĐ"),
            ("quy_dinh", "QyĐ"),
        ];
        for (ma, vt) in expected {
            assert_eq!(
                find(ma).and_then(|l| l.viet_tat.as_deref()),
                Some(vt),
                "{ma}"
            );
        }
        let mut codes: Vec<&str> = all().iter().map(|l| l.ma.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all().len(), "duplicate codes");
        assert_eq!(all().iter().filter(|l| l.viet_tat.is_none()).count(), 1);
        assert_eq!(find("to_trinh").unwrap().kinh_gui, KinhGui::BatBuoc);
        assert_eq!(cong_van().kinh_gui, KinhGui::BatBuoc);
        let qd = find("quyet_dinh").unwrap();
        assert_eq!(qd.kinh_gui, KinhGui::Khong);
        assert_eq!(qd.ban_hanh.as_deref(), Some("QUYẾT ĐỊNH:"));
        assert!(!qd.dieu_tuy_chon);
        let nq = find("nghi_quyet").unwrap();
        assert_eq!(nq.ban_hanh.as_deref(), Some("QUYẾT NGHỊ:"));
        assert!(nq.dieu_tuy_chon);
    }
}
