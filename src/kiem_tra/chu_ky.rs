//! Ô 7: the signing authority agrees with the signer's title.

use super::{PhatHien, fold};
use crate::model::{QuyTac, QuyenHan, VanBan};

pub(super) fn kiem_tra(vb: &VanBan, out: &mut Vec<PhatHien>) {
    let chuc_vu = vb.chu_ky.chuc_vu.join(" ");
    if let Some((QuyenHan::KyThay, thu_truong)) = &vb.chu_ky.quyen_han
        && !fold(&chuc_vu).starts_with("pho_")
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
}
