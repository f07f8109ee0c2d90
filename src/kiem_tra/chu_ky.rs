//! Ô 7: the signing authority agrees with the signer's title and with the
//! issuing body (its head's and deputies' titles in `data/chuc_vu.toml`).

use std::sync::LazyLock;

use super::{PhatHien, fold};
use crate::model::{QuyTac, QuyenHan, VanBan};

const SOURCE: &str = include_str!("../../data/chuc_vu.toml");

/// A kind of issuing body and the titles of its head and deputies.
#[derive(serde::Deserialize)]
struct LoaiCoQuan {
    ten: String,
    dung_dau: String,
    cap_pho: String,
    #[serde(default)]
    tap_the: bool,
}

static CO_QUAN: LazyLock<Vec<LoaiCoQuan>> = LazyLock::new(|| {
    #[derive(serde::Deserialize)]
    struct File {
        co_quan: Vec<LoaiCoQuan>,
    }
    // Compiled in and checked by `the_titles_table_reads`.
    let mut kinds = toml::from_str::<File>(SOURCE).map_or_else(|_| Vec::new(), |f| f.co_quan);
    // The longest name first: "BỘ CHỈ HUY" before "BỘ".
    kinds.sort_by_key(|k| std::cmp::Reverse(k.ten.len()));
    kinds
});

pub(super) fn kiem_tra(vb: &VanBan, out: &mut Vec<PhatHien>) {
    let ck = &vb.chu_ky;
    let chuc_vu = ck.chuc_vu.join(" ");
    if let Some((QuyenHan::KyThay, thu_truong)) = &ck.quyen_han
        && !fold(&chuc_vu).starts_with("pho_")
        && !is_deputy_title(&chuc_vu)
    {
        out.push(PhatHien::new(
            QuyTac::KyThayCapPho,
            "chu_ky.chuc_vu",
            format!(
                "\"KT. {thu_truong}\" là cấp phó ký thay, nhưng chức vụ người ký là \"{chuc_vu}\""
            ),
            "người ký thay giữ chức vụ cấp phó (ví dụ PHÓ CHỦ TỊCH); người đứng đầu tự ký thì bỏ quyen_han",
        ));
    }
    let Some(kind) = loai_co_quan(vb) else {
        return;
    };
    let same = |a: &str, b: &str| fold(a) == fold(b);
    let body = vb.co_quan.ten.join(" ");
    match &ck.quyen_han {
        Some((QuyenHan::KyThay | QuyenHan::Quyen, thu_truong))
            if !same(thu_truong, &kind.dung_dau) =>
        {
            out.push(PhatHien::new(
                QuyTac::ChucVuCoQuan,
                "chu_ky.chuc_vu_thu_truong",
                format!(
                    "người đứng đầu {body} là {}, không phải \"{thu_truong}\"",
                    kind.dung_dau
                ),
                &format!("ghi chuc_vu_thu_truong = \"{}\"", kind.dung_dau),
            ));
        }
        None if !same(&chuc_vu, &kind.dung_dau) => {
            let hint = if same(&chuc_vu, &kind.cap_pho) {
                format!(
                    "cấp phó ký thay người đứng đầu: quyen_han = \"KT.\", chuc_vu_thu_truong = \"{}\"",
                    kind.dung_dau
                )
            } else {
                format!("người đứng đầu {body} ký với chức vụ \"{}\"", kind.dung_dau)
            };
            out.push(PhatHien::new(
                QuyTac::ChucVuCoQuan,
                "chu_ky.chuc_vu",
                format!(
                    "\"{chuc_vu}\" ký không qua quyền hạn nào, nhưng người đứng đầu {body} là {}",
                    kind.dung_dau
                ),
                &hint,
            ));
        }
        Some((QuyenHan::ThuaLenh | QuyenHan::ThuaUyQuyen, thu_truong))
            if same(&chuc_vu, &kind.cap_pho) || same(&chuc_vu, &kind.dung_dau) =>
        {
            out.push(PhatHien::new(
                QuyTac::ThuaLenhCapPho,
                "chu_ky.chuc_vu",
                format!("\"{chuc_vu}\" là lãnh đạo của chính {body}: không ký thừa lệnh, thừa ủy quyền {thu_truong}"),
                "cấp phó ký thay người đứng đầu: quyen_han = \"KT.\"; TL., TUQ. dành cho người đứng đầu đơn vị giúp việc",
            ));
        }
        _ => {}
    }
    if let Some(tm) = &ck.thay_mat {
        if !kind.tap_the {
            out.push(PhatHien::new(
                QuyTac::ThayMatTapThe,
                "chu_ky.thay_mat",
                format!("{body} không làm việc theo chế độ tập thể nên không ký \"TM.\""),
                "bỏ thay_mat; người đứng đầu ký trực tiếp, cấp phó ký \"KT.\"",
            ));
        } else if !fold(&body).starts_with(&fold(tm)) {
            out.push(PhatHien::new(
                QuyTac::ThayMatTapThe,
                "chu_ky.thay_mat",
                format!("\"TM. {tm}\" không phải tên cơ quan ban hành ({body})"),
                "ghi thay_mat đúng tên tập thể ban hành văn bản",
            ));
        }
    }
}

/// The kind of the issuing body, by the words its name starts with.
fn loai_co_quan(vb: &VanBan) -> Option<&'static LoaiCoQuan> {
    let name = fold(vb.co_quan.ten.first()?);
    CO_QUAN.iter().find(|k| {
        let kind = fold(&k.ten);
        name == kind || name.starts_with(&format!("{kind}_"))
    })
}

/// A deputy's title that does not start with "PHÓ" (THỨ TRƯỞNG).
fn is_deputy_title(title: &str) -> bool {
    CO_QUAN.iter().any(|k| fold(&k.cap_pho) == fold(title))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_titles_table_reads() {
        assert!(CO_QUAN.len() >= 8);
        assert_eq!(
            CO_QUAN[0].ten.len(),
            CO_QUAN.iter().map(|k| k.ten.len()).max().unwrap()
        );
    }
}
