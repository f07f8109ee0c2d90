//! Nơi nhận (ô 9b): "Như trên" with a Kính gửi, "Lưu: VT, <đơn vị soạn
//! thảo>" last, nobody twice.

use super::{PhatHien, fold};
use crate::model::{QuyTac, VanBan};

pub(super) fn kiem_tra(vb: &VanBan, out: &mut Vec<PhatHien>) {
    let gui = &vb.noi_nhan.gui;
    let nhu_tren = gui.iter().position(|g| fold(g).starts_with("nhu_tren"));
    match (vb.kinh_gui.is_empty(), nhu_tren) {
        (false, None) => out.push(PhatHien::new(
            QuyTac::NhuTren,
            "noi_nhan",
            "văn bản có Kính gửi nhưng Nơi nhận không có \"Như trên\"".into(),
            "thêm \"Như trên\" làm mục đầu của noi_nhan (thay cho việc ghi lại các nơi ở Kính gửi)",
        )),
        (true, Some(i)) => out.push(PhatHien::new(
            QuyTac::NhuTren,
            format!("noi_nhan[{i}]"),
            "Nơi nhận có \"Như trên\" nhưng văn bản không có Kính gửi".into(),
            "bỏ \"Như trên\" và ghi cụ thể các nơi nhận, hoặc thêm kinh_gui",
        )),
        _ => {}
    }

    let mut seen: Vec<(String, String)> = vb
        .kinh_gui
        .iter()
        .map(|k| (fold(k), "kinh_gui".to_string()))
        .collect();
    for (i, g) in gui.iter().enumerate() {
        let key = fold(g);
        if Some(i) == nhu_tren {
            continue;
        }
        if let Some((_, where_)) = seen.iter().find(|(k, _)| *k == key) {
            let where_ = if where_ == "kinh_gui" {
                "ở Kính gửi (\"Như trên\" đã gồm nơi này)".to_string()
            } else {
                format!("ở {where_}")
            };
            out.push(PhatHien::new(
                QuyTac::TrungNoiNhan,
                format!("noi_nhan[{i}]"),
                format!("\"{g}\" đã có {where_}"),
                "bỏ mục trùng",
            ));
        } else {
            seen.push((key, format!("noi_nhan[{i}]")));
        }
    }

    let last = gui.len();
    let Some(luu) = &vb.noi_nhan.luu else {
        let message = if gui.is_empty() {
            "văn bản không có Nơi nhận"
        } else {
            "Nơi nhận không có mục lưu văn bản"
        };
        out.push(PhatHien::new(
            QuyTac::LuuVanThu,
            "noi_nhan",
            message.into(),
            "thêm mục cuối \"Lưu: VT, <đơn vị soạn thảo>\"; văn bản thật không có thì bỏ qua quy tắc này trong [kiem_tra.bo_qua]",
        ));
        return;
    };
    let first = luu.split([',', '.', ' ']).next().unwrap_or_default();
    if first != "VT" {
        out.push(PhatHien::new(
            QuyTac::LuuVanThu,
            format!("noi_nhan[{last}]"),
            format!("mục lưu \"Lưu: {luu}\" không bắt đầu bằng VT (Văn thư)"),
            "viết \"Lưu: VT, <đơn vị soạn thảo>\", ví dụ \"Lưu: VT, KSTT\"",
        ));
    } else if let Some(unit) =
        super::ky_hieu::don_vi_soan(&vb.so.ky_hieu, vb.loai.viet_tat.is_some())
        && !luu.split([',', '.', ' ']).any(|w| w == unit)
    {
        out.push(PhatHien::new(
            QuyTac::LuuDonViSoan,
            format!("noi_nhan[{last}]"),
            format!(
                "ký hiệu {} có đơn vị soạn thảo {unit} nhưng mục lưu không ghi {unit}",
                vb.so.ky_hieu
            ),
            "thêm đơn vị soạn thảo sau VT, ví dụ \"Lưu: VT, KSTT\"",
        ));
    }

}
