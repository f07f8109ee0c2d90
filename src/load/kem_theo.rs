//! `[[van_ban_kem_theo]]`: a document issued with the main one (a Quy chế
//! issued by a quyết định), in Chương, Mục and Điều.

use super::{Loader, Table, Value};
use crate::model::*;
use crate::spec;

impl Loader<'_> {
    pub(super) fn van_ban_kem_theo_list(&mut self, v: &Value<'_>) -> Option<Vec<VanBanKemTheo>> {
        self.each_table(
            v,
            "van_ban_kem_theo",
            "các bảng [[van_ban_kem_theo]]",
            &spec::VAN_BAN_KEM_THEO,
            |l, t| l.van_ban_kem_theo(t),
        )
    }

    fn van_ban_kem_theo(&mut self, t: &Table<'_, '_>) -> Option<VanBanKemTheo> {
        let loai = self.required(t, "loai").and_then(|v| {
            let loai = self.loai(v)?;
            if loai.is_cong_van() {
                self.error(
                    v.span(),
                    &t.field("loai"),
                    "văn bản kèm theo cần có tên loại",
                )
                .hint = Some("ví dụ loai = \"quy_che\", \"quy_dinh\", \"dieu_le\"".into());
                return None;
            }
            Some(loai)
        });
        let ten = self
            .required(t, "ten")
            .and_then(|v| self.chosen_lines(v, &t.field("ten"), "tên văn bản kèm theo"));
        let kem_theo = self.kem_theo(t, "Ban hành kèm theo");
        let loi_dan = self
            .opt(t, "noi_dung", |l, v, f| l.markup(v, f, "đoạn mở đầu"))
            .map(Option::unwrap_or_default);
        let chuong = self.chuong_hoac_dieu(t);
        Some(VanBanKemTheo {
            loai: loai?,
            ten: ten?,
            kem_theo: kem_theo?,
            loi_dan: loi_dan?,
            chuong: chuong?,
        })
    }

    /// Its Chương, or its Điều as one Chương with no name: one or the other.
    fn chuong_hoac_dieu(&mut self, t: &Table<'_, '_>) -> Option<Vec<Chuong>> {
        match (t.get("chuong"), t.get("dieu")) {
            (Some(c), None) => self.each_table(
                c,
                &t.field("chuong"),
                "các bảng [[van_ban_kem_theo.chuong]]",
                &spec::CHUONG,
                |l, t| l.chuong(t),
            ),
            (None, Some(d)) => Some(vec![Chuong {
                ten: None,
                muc: vec![MucChuong {
                    ten: None,
                    dieu: self.dieu_list(d, &t.field("dieu"))?,
                }],
            }]),
            (Some(_), Some(d)) => {
                self.error(
                    d.span(),
                    &t.field("dieu"),
                    "văn bản đã chia Chương: Điều ghi trong từng Chương",
                )
                .hint = Some("chuyển các [[…dieu]] vào [[…chuong.dieu]] của Chương chứa nó".into());
                None
            }
            (None, None) => {
                self.error(t.span.clone(), &t.path, "văn bản kèm theo chưa có Chương hay Điều nào")
                    .hint = Some("thêm [[van_ban_kem_theo.chuong]] với các [[van_ban_kem_theo.chuong.dieu]], hoặc [[van_ban_kem_theo.dieu]]".into());
                None
            }
        }
    }

    fn chuong(&mut self, t: &Table<'_, '_>) -> Option<Chuong> {
        let ten = self
            .required(t, "ten")
            .and_then(|v| self.text_line(v, &t.field("ten"), "tên Chương"));
        let muc = match (t.get("muc"), t.get("dieu")) {
            (Some(m), None) => self.each_table(
                m,
                &t.field("muc"),
                "các bảng [[van_ban_kem_theo.chuong.muc]]",
                &spec::MUC_CHUONG,
                |l, t| {
                    let ten = l
                        .required(t, "ten")
                        .and_then(|v| l.text_line(v, &t.field("ten"), "tên Mục"));
                    let dieu = l
                        .required(t, "dieu")
                        .and_then(|d| l.dieu_list(d, &t.field("dieu")));
                    Some(MucChuong {
                        ten: Some(ten?),
                        dieu: dieu?,
                    })
                },
            ),
            (None, Some(d)) => Some(vec![MucChuong {
                ten: None,
                dieu: self.dieu_list(d, &t.field("dieu"))?,
            }]),
            (Some(_), Some(d)) => {
                self.error(
                    d.span(),
                    &t.field("dieu"),
                    "Chương đã chia Mục: Điều ghi trong từng Mục",
                )
                .hint = Some("chuyển các Điều vào [[…chuong.muc.dieu]]".into());
                None
            }
            (None, None) => {
                self.error(t.span.clone(), &t.path, "Chương chưa có Điều nào")
                    .hint =
                    Some("thêm các [[van_ban_kem_theo.chuong.dieu]] với ten và noi_dung".into());
                None
            }
        };
        Some(Chuong {
            ten: Some(ten?),
            muc: muc?,
        })
    }

    fn dieu_list(&mut self, v: &Value<'_>, field: &str) -> Option<Vec<Dieu>> {
        self.each_table(v, field, "các bảng [[…dieu]]", &spec::DIEU, |l, t| {
            let ten = l.opt(t, "ten", |l, v, f| l.text_line(v, f, "tên Điều"));
            let noi_dung = l
                .required(t, "noi_dung")
                .and_then(|v| l.markup(v, &t.field("noi_dung"), "nội dung Điều"));
            Some(Dieu {
                ten: ten?.map(|t| t.trim_end_matches('.').to_string()),
                noi_dung: noi_dung?,
            })
        })
    }
}
