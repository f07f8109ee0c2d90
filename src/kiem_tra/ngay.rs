//! Deadlines against the issue date and the calendar.

use chrono::NaiveDate;

use super::PhatHien;
use crate::model::{QuyTac, VanBan};
use crate::thoi_han::{Kind, due_date, ngay_ngan};

/// Task deadlines that fall before the issue date, or on a day off.
pub(super) fn kiem_tra(vb: &VanBan, issued: Option<NaiveDate>, out: &mut Vec<PhatHien>) {
    let calendar = crate::lich::calendar();
    for (i, nv) in vb.nhiem_vu.iter().enumerate() {
        let Some(th) = &nv.thoi_han else { continue };
        let field = format!("nhiem_vu[{i}].thoi_han");
        let due = due_date(th.kind, issued, calendar);
        if let (Some(due), Some(issued)) = (due, issued)
            && due < issued
        {
            out.push(PhatHien::new(
                QuyTac::ThoiHanTruocNgayBanHanh,
                field.clone(),
                format!(
                    "thời hạn \"{}\" ({}) sớm hơn ngày ban hành {}",
                    th.text,
                    ngay_ngan(due),
                    ngay_ngan(issued)
                ),
                "sửa thời hạn hoặc ngày ban hành",
            ));
        }
        if let Kind::Ngay(d) = th.kind
            && calendar.covers(d)
            && !calendar.is_working_day(d)
        {
            out.push(PhatHien::new(
                QuyTac::ThoiHanNgayNghi,
                field,
                format!("thời hạn {} là ngày nghỉ", ngay_ngan(d)),
                "chọn ngày làm việc liền trước hoặc liền sau",
            ));
        }
    }
}
