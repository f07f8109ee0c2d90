//! `[[phu_luc]]`: an appendix, with its text, the task table and the
//! indicator tables (`bang`).

use toml::de::DeValue;

use super::{Loader, Nhan, Table, Value};
use crate::model::*;
use crate::spec;

/// Header tiers of group labels a table may have above its column labels.
const TANG_TOI_DA: usize = 4;

/// A group's items as its columns in order, and its inner groups placed
/// over them.
fn flatten<C>(items: Vec<(Option<Nhan>, Vec<C>, Vec<NhomCon>)>) -> (Vec<C>, Vec<NhomCon>) {
    let mut cols = Vec::new();
    let mut groups = Vec::new();
    for (nhan, c, inner) in items {
        if let Some((nhom, chu_thich)) = nhan {
            groups.push(NhomCon {
                nhom,
                chu_thich,
                tu: cols.len(),
                so_cot: c.len(),
                nhom_con: inner,
            });
        }
        cols.extend(c);
    }
    (cols, groups)
}

impl Loader<'_> {
    pub(super) fn phu_luc_list(&mut self, v: &Value<'_>, danh_ba: &DanhBa) -> Option<Vec<PhuLuc>> {
        self.each_table(
            v,
            "phu_luc",
            "các bảng [[phu_luc]]",
            &spec::PHU_LUC,
            |l, t| l.phu_luc(t, danh_ba),
        )
    }

    pub(super) fn phu_luc(&mut self, t: &Table<'_, '_>, danh_ba: &DanhBa) -> Option<PhuLuc> {
        let tieu_de = self.required(t, "tieu_de").and_then(|v| {
            let field = t.field("tieu_de");
            let lines = self.inline_lines(v, &field, "tên phụ lục")?;
            self.warn_bold_in_bold(v, &field, &lines.concat());
            Some(lines)
        });
        let noi_dung = self
            .opt(t, "noi_dung", |l, v, f| l.markup(v, f, "nội dung phụ lục"))
            .map(Option::unwrap_or_default);
        let bang = self.optional(t.get("nhiem_vu"), |l, v| {
            let field = t.field("nhiem_vu");
            l.table(v, &field, &spec::BANG_NHIEM_VU)
                .and_then(|b| l.bang_nhiem_vu(&b))
        });
        let bang_so_lieu = self
            .opt(t, "bang", |l, v, f| l.bang_list(v, f, danh_ba))
            .map(Option::unwrap_or_default);
        let ngang = self.opt(t, "ngang", |l, v, f| l.boolean(v, f));
        let nhan = self
            .opt(t, "nhan", |l, v, f| l.code(v, f))
            .map(|n| n.unwrap_or(NhanPhuLuc::LaMa));
        let kem_theo = self.kem_theo(t, "Kèm theo");
        let ngay_kem_theo = self
            .opt(t, "ngay_kem_theo", |l, v, f| l.code(v, f))
            .map(|d| d.unwrap_or(DangNgay::Chu));
        if let (Some(v), Some(k)) = (t.get("ngay_kem_theo"), &kem_theo)
            && *k != KemTheo::TuDong
        {
            self.warn(
                v.span(),
                &t.field("ngay_kem_theo"),
                "ngay_kem_theo không có tác dụng: dòng \"(Kèm theo …)\" không do vanban tạo",
                "ngay_kem_theo chỉ dùng khi kem_theo = true (mặc định); dòng tự viết ghi ngày theo ý người soạn",
            );
        }
        let so_trang = self
            .opt(t, "so_trang", |l, v, f| l.code(v, f))
            .map(|n| n.unwrap_or(SoTrang::LaiTuDau));
        let phu_luc = PhuLuc {
            tieu_de: tieu_de?.into_iter().map(upper_case).collect(),
            noi_dung: noi_dung?,
            bang_nhiem_vu: bang?,
            bang: bang_so_lieu?,
            ngang: ngang?,
            nhan: nhan?,
            kem_theo: kem_theo?,
            ngay_kem_theo: ngay_kem_theo?,
            so_trang: so_trang?,
        };
        if phu_luc.noi_dung.is_empty() && phu_luc.bang_nhiem_vu.is_none() && phu_luc.bang.is_empty()
        {
            self.error(t.span.clone(), &t.path, "phụ lục chưa có nội dung")
                .hint = Some("thêm `noi_dung`, bảng số liệu [[phu_luc.bang]] hoặc bảng nhiệm vụ [phu_luc.nhiem_vu]".into());
            return None;
        }
        Some(phu_luc)
    }

    /// `kem_theo`: the "({mo_dau} …)" line made from the document (`true`,
    /// the default), none (`false`), or the clerk's own lines.
    pub(super) fn kem_theo(&mut self, t: &Table<'_, '_>, mo_dau: &str) -> Option<KemTheo> {
        self.opt(t, "kem_theo", |l, v, f| match v.get_ref() {
            DeValue::Boolean(true) => Some(KemTheo::TuDong),
            DeValue::Boolean(false) => Some(KemTheo::Khong),
            _ => l
                .inline_lines(v, f, &format!("true, false hoặc dòng \"({mo_dau} …)\" tự viết"))
                .map(KemTheo::Dong),
        })
        .map(|k| k.unwrap_or(KemTheo::TuDong))
    }

    pub(super) fn bang_nhiem_vu(&mut self, t: &Table<'_, '_>) -> Option<BangNhiemVu> {
        let ten_ngan = self
            .opt(t, "ten_ngan", |l, v, f| l.boolean(v, f))
            .map(|b| b.unwrap_or(false));
        let cot = match t.get("cot") {
            None => Some(cot_mac_dinh()),
            Some(v) => self.cot_bang_nhiem_vu(v, &t.field("cot")),
        };
        Some(BangNhiemVu {
            cot: cot?,
            ten_ngan: ten_ngan?,
        })
    }

    pub(super) fn cot_bang_nhiem_vu(&mut self, v: &Value<'_>, field: &str) -> Option<Vec<NhomCot>> {
        let groups = self.nhom_cot(
            v,
            field,
            "danh sách cột, ví dụ [\"stt\", \"noi_dung\", \"chu_tri\"]",
            &mut |l, v, f| l.cot_nhiem_vu(v, f),
        )?;
        if groups.iter().any(|(_, _, inner)| !inner.is_empty()) {
            self.error(v.span(), field, "bảng nhiệm vụ chỉ có một tầng nhóm cột")
                .hint = Some("bỏ nhóm lồng trong nhóm; bảng số liệu [[phu_luc.bang]] mới có nhiều tầng tiêu đề".into());
            return None;
        }
        Some(
            groups
                .into_iter()
                .map(|(nhom, cot, _)| NhomCot {
                    nhom_chu_thich: nhom.as_ref().map(|(_, c)| c.clone()).unwrap_or_default(),
                    nhom: nhom.map(|(text, _)| text),
                    cot,
                })
                .collect(),
        )
    }

    /// Columns, alone or in groups `{ nhom, cot }`, groups inside groups up
    /// to [`TANG_TOI_DA`] header tiers: each top item with its columns and
    /// the groups inside it.
    #[allow(clippy::type_complexity)]
    pub(super) fn nhom_cot<C>(
        &mut self,
        v: &Value<'_>,
        field: &str,
        expected: &str,
        cot: &mut dyn FnMut(&mut Self, &Value<'_>, &str) -> Option<C>,
    ) -> Option<Vec<(Option<Nhan>, Vec<C>, Vec<NhomCon>)>> {
        self.nhom_cot_tang(v, field, expected, cot, 1)
    }

    #[allow(clippy::type_complexity)]
    fn nhom_cot_tang<C>(
        &mut self,
        v: &Value<'_>,
        field: &str,
        expected: &str,
        cot: &mut dyn FnMut(&mut Self, &Value<'_>, &str) -> Option<C>,
        tang: usize,
    ) -> Option<Vec<(Option<Nhan>, Vec<C>, Vec<NhomCon>)>> {
        let items = match v.get_ref() {
            DeValue::Array(items) if !items.is_empty() => items,
            DeValue::Array(_) => {
                self.error(
                    v.span(),
                    field,
                    format!("danh sách cột rỗng: cần {expected}"),
                );
                return None;
            }
            _ => {
                self.type_error(v, field, expected);
                return None;
            }
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let field = format!("{field}[{i}]");
            let group = match item.get_ref() {
                DeValue::Table(t) if t.iter().any(|(k, _)| k.get_ref() == "nhom") => {
                    let t = self.table(item, &field, &spec::NHOM_COT)?;
                    let nhom = self
                        .required(&t, "nhom")
                        .and_then(|v| self.header_label(v, &t.field("nhom"), "tiêu đề nhóm cột"));
                    if tang >= TANG_TOI_DA {
                        self.error(
                            t.span.clone(),
                            &t.path,
                            format!("tiêu đề bảng có quá {TANG_TOI_DA} tầng nhóm cột"),
                        )
                        .hint = Some("gộp bớt tầng: ghi phần tiêu đề của tầng dưới vào tên cột".into());
                        return None;
                    }
                    let inner = self.required(&t, "cot").and_then(|v| {
                        self.nhom_cot_tang(v, &t.field("cot"), expected, cot, tang + 1)
                    });
                    nhom.and_then(|n| {
                        let (cols, groups) = flatten(inner?);
                        Some((Some(n), cols, groups))
                    })
                }
                _ => cot(self, item, &field).map(|c| (None, vec![c], Vec::new())),
            };
            out.push(group);
        }
        out.into_iter().collect()
    }

    /// "chu_tri", or { ma = "chu_tri", tieu_de = "Cơ quan chủ trì" }.
    pub(super) fn cot_nhiem_vu(
        &mut self,
        v: &Value<'_>,
        field: &str,
    ) -> Option<(CotNhiemVu, String)> {
        match v.get_ref() {
            DeValue::Table(_) => {
                let t = self.table(v, field, &spec::COT_NHIEM_VU)?;
                let cot = self
                    .required(&t, "ma")
                    .and_then(|v| self.code(v, &t.field("ma")));
                let tieu_de = self.opt(&t, "tieu_de", |l, v, f| l.text_line(v, f, "tiêu đề cột"));
                let cot = cot?;
                Some((cot, tieu_de?.unwrap_or_else(|| cot.label().to_string())))
            }
            _ => self
                .code::<CotNhiemVu>(v, field)
                .map(|c| (c, c.label().to_string())),
        }
    }
}

fn cot_mac_dinh() -> Vec<NhomCot> {
    [
        CotNhiemVu::Stt,
        CotNhiemVu::NoiDung,
        CotNhiemVu::ChuTri,
        CotNhiemVu::PhoiHop,
        CotNhiemVu::ThoiHan,
    ]
    .into_iter()
    .map(|c| NhomCot {
        nhom: None,
        nhom_chu_thich: Vec::new(),
        cot: vec![(c, c.label().to_string())],
    })
    .collect()
}

/// A title's text in capitals; its footnotes as written.
fn upper_case(runs: Vec<Run>) -> Vec<Run> {
    runs.into_iter()
        .map(|r| match r {
            Run::Text { text, bold, italic } => Run::Text {
                text: text.to_uppercase(),
                bold,
                italic,
            },
            note => note,
        })
        .collect()
}
