//! Tasks (`[[nhiem_vu]]`): who does what by when.

use toml::de::DeValue;

use super::{Loader, Table, Value};
use crate::model::{DanhBa, NgayBanHanh, NhiemVu};
use crate::spec;
use crate::thoi_han;

impl Loader<'_> {
    pub(super) fn nhiem_vu_list(
        &mut self,
        v: &Value<'_>,
        danh_ba: &DanhBa,
    ) -> Option<Vec<NhiemVu>> {
        self.each_table(
            v,
            "nhiem_vu",
            "các bảng [[nhiem_vu]]",
            &spec::NHIEM_VU,
            |l, t| l.nhiem_vu(t, danh_ba),
        )
    }

    pub(super) fn nhiem_vu(&mut self, t: &Table<'_, '_>, danh_ba: &DanhBa) -> Option<NhiemVu> {
        let noi_dung = self
            .required(t, "noi_dung")
            .and_then(|v| self.markup(v, &t.field("noi_dung"), "nội dung nhiệm vụ"));
        let chu_tri = self
            .required(t, "chu_tri")
            .and_then(|v| self.don_vi_list(v, &t.field("chu_tri"), danh_ba));
        let phoi_hop = self
            .opt(t, "phoi_hop", |l, v, f| l.don_vi_list(v, f, danh_ba))
            .map(Option::unwrap_or_default);
        let thoi_han = self.opt(t, "thoi_han", |l, v, f| l.thoi_han(v, f));
        let mut text = |key: &str, what: &str| {
            self.optional(t.get(key), |l, v| l.text_line(v, &t.field(key), what))
        };
        let hoan_thanh = text(
            "hoan_thanh",
            "lời mở đầu câu thời hạn, ví dụ \"Hoàn thành và báo cáo UBND tỉnh\"",
        );
        let don_vi_tinh = text("don_vi_tinh", "đơn vị tính, ví dụ \"%\"");
        let chi_tieu = text("chi_tieu", "chỉ tiêu giao, ví dụ \"Tối thiểu 80\"");
        let can_cu = text("can_cu", "căn cứ thực hiện");
        Some(NhiemVu {
            noi_dung: noi_dung?,
            chu_tri: chu_tri?,
            phoi_hop: phoi_hop?,
            thoi_han: thoi_han?,
            hoan_thanh: hoan_thanh?,
            don_vi_tinh: don_vi_tinh?,
            chi_tieu: chi_tieu?,
            can_cu: can_cu?,
        })
    }

    /// A deadline counted from the document's date that the holiday calendar
    /// cannot count (its years are 2020–2030): the clerk's words print, no
    /// date is added — a date printed in a letter must be right, and
    /// without the year's Tết and holidays it could be days off.
    pub(super) fn check_deadlines(
        &mut self,
        root: &Table<'_, '_>,
        ngay: NgayBanHanh,
        nhiem_vu: &[NhiemVu],
    ) {
        let NgayBanHanh::Day(issued) = ngay else {
            return;
        };
        let Some(DeValue::Array(items)) = root.get("nhiem_vu").map(|v| v.get_ref()) else {
            return;
        };
        let calendar = crate::lich::calendar();
        for (i, (nv, item)) in nhiem_vu.iter().zip(items).enumerate() {
            let Some(t) = &nv.thoi_han else { continue };
            if !matches!(t.kind, thoi_han::Kind::TuNgayKy { .. })
                || thoi_han::due_date(t.kind, Some(issued), calendar).is_some()
            {
                continue;
            }
            let DeValue::Table(table) = item.get_ref() else { continue };
            let Some(v) = table.get("thoi_han") else { continue };
            let (first, last) = (crate::lich::FIRST_YEAR, crate::lich::LAST_YEAR);
            self.warn(
                v.span(),
                &format!("nhiem_vu[{i}].thoi_han"),
                format!(
                    "không tính được hạn chót: lịch ngày nghỉ của vanban chỉ có các năm {first}–{last}, nên văn bản chỉ in lời thời hạn, không kèm ngày đã tính"
                ),
                "ghi thẳng ngày hạn chót (\"trước ngày …\"), hoặc kiểm tra ngày ban hành",
            );
        }
    }

    pub(super) fn thoi_han(&mut self, v: &Value<'_>, field: &str) -> Option<thoi_han::ThoiHan> {
        match v.get_ref() {
            DeValue::Datetime(dt) => {
                let date = dt.date.filter(|_| dt.time.is_none()).and_then(|d| {
                    chrono::NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
                });
                if date.is_none() {
                    self.error(v.span(), field, "thời hạn là một ngày, không kèm giờ");
                }
                date.map(thoi_han::from_date)
            }
            DeValue::String(_) => {
                let s = self.text_line(v, field, "thời hạn")?;
                match thoi_han::parse(&s) {
                    Ok(t) => Some(t),
                    Err(message) => {
                        self.error(v.span(), field, format!("thời hạn không hợp lệ: {message}"))
                            .hint = Some(format!("các dạng thời hạn: {}", thoi_han::FORMS));
                        None
                    }
                }
            }
            _ => {
                self.type_error(
                    v,
                    field,
                    &format!("thời hạn dạng chuỗi, ví dụ {}", thoi_han::FORMS),
                );
                None
            }
        }
    }
}
