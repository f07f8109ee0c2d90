//! Computed rows of an indicator table (`[[phu_luc.bang.tinh]]`).

use toml::de::DeValue;

use super::dong::is_dash;
use crate::load::{Loader, Table, Value, suggest};
use crate::model::*;
use crate::so;
use crate::spec;

impl Loader<'_> {
    pub(super) fn tinh_list(
        &mut self,
        v: &Value<'_>,
        field: &str,
        cac_cot: &[CotSo],
        dau: Option<so::DauThapPhan>,
    ) -> Option<Vec<DongTinh>> {
        self.each_table(
            v,
            field,
            "các dòng tính [[phu_luc.bang.tinh]]",
            &spec::TINH,
            |l, t| l.tinh(t, cac_cot, dau),
        )
    }

    /// nhan = "Tổng", vi_tri = "dau", cot = { tong = "tong", ty_le = "trung_binh",
    /// ty_le_2 = { ty_le = ["a", "b"] }, chi_tieu = { gia_tri = "60%" } }.
    fn tinh(
        &mut self,
        t: &Table<'_, '_>,
        cac_cot: &[CotSo],
        dau: Option<so::DauThapPhan>,
    ) -> Option<DongTinh> {
        let nhan = self
            .required(t, "nhan")
            .and_then(|v| self.text_line(v, &t.field("nhan"), "tên dòng"));
        let vi_tri = self
            .opt(t, "vi_tri", |l, v, f| l.code(v, f))
            .map(|d| d.unwrap_or(ViTriDong::Duoi));
        let ops = self
            .required(t, "cot")
            .and_then(|v| self.map_table(v, &t.field("cot")))
            .and_then(|ops| {
                let codes: Vec<&str> = cac_cot.iter().map(|c| c.ma.as_str()).collect();
                self.check_keys_in(&ops, &codes);
                let mut out = vec![None; cac_cot.len()];
                let mut ok = true;
                for (i, c) in cac_cot.iter().enumerate() {
                    let Some(v) = ops.get(&c.ma) else { continue };
                    let f = ops.field(&c.ma);
                    match self.phep_tinh(v, &f, c, &codes, cac_cot, dau) {
                        Some(p) => out[i] = Some(p),
                        None => ok = false,
                    }
                }
                ok.then_some(out)
            });
        Some(DongTinh {
            nhan: nhan?,
            vi_tri: vi_tri?,
            o: ops?,
        })
    }

    fn phep_tinh(
        &mut self,
        v: &Value<'_>,
        field: &str,
        c: &CotSo,
        codes: &[&str],
        cac_cot: &[CotSo],
        dau: Option<so::DauThapPhan>,
    ) -> Option<PhepTinh> {
        let numeric = |c: &CotSo| matches!(c.kieu, KieuCot::So | KieuCot::PhanTram);
        match v.get_ref() {
            DeValue::String(_) => {
                let gop = self.code::<PhepGop>(v, field)?;
                if !numeric(c) {
                    self.error(
                        v.span(),
                        field,
                        format!("cột `{}` không phải cột số, không tính được", c.ma),
                    );
                    return None;
                }
                Some(match gop {
                    PhepGop::Tong => PhepTinh::Tong,
                    PhepGop::TrungBinh => PhepTinh::TrungBinh,
                })
            }
            DeValue::Table(_) => {
                let t = self.table(v, field, &spec::PHEP_TINH)?;
                if let Some(g) = t.get("gia_tri") {
                    return self.gia_tri_ghi_san(g, &t.field("gia_tri"), numeric(c), dau);
                }
                let Some(r) = t.get("ty_le") else {
                    self.error(
                        t.span.clone(),
                        field,
                        "cần ty_le = [\"cột tử số\", \"cột mẫu số\"] hoặc gia_tri = \"…\"",
                    );
                    return None;
                };
                let idx = self.ty_le(r, &t.field("ty_le"), codes, cac_cot)?;
                if !numeric(c) {
                    self.error(v.span(), field, format!("cột `{}` không phải cột số", c.ma));
                    return None;
                }
                Some(PhepTinh::TyLe(idx[0], idx[1]))
            }
            _ => {
                self.type_error(
                    v,
                    field,
                    "\"tong\", \"trung_binh\", { ty_le = [\"a\", \"b\"] } hoặc { gia_tri = \"…\" }",
                );
                None
            }
        }
    }

    /// `gia_tri = "18%"`: a figure the rows cannot give, as the author wrote it.
    fn gia_tri_ghi_san(
        &mut self,
        g: &Value<'_>,
        field: &str,
        numeric: bool,
        dau: Option<so::DauThapPhan>,
    ) -> Option<PhepTinh> {
        let s = self.text_line(g, field, "giá trị ghi sẵn")?;
        let gia_tri = if is_dash(&s) {
            GiaTri::Khong
        } else if numeric {
            match so::parse_voi(&s, dau.or(Some(so::DauThapPhan::Phay))) {
                Ok(d) => GiaTri::So(d.gia_tri),
                Err(_) => {
                    self.error(g.span(), field, format!("'{s}' không phải số"));
                    return None;
                }
            }
        } else {
            GiaTri::Chu(s)
        };
        Some(PhepTinh::GiaTri(gia_tri))
    }

    /// `ty_le = ["tu_so", "mau_so"]`: the indexes of two numeric cac_cot.
    fn ty_le(
        &mut self,
        r: &Value<'_>,
        field: &str,
        codes: &[&str],
        cac_cot: &[CotSo],
    ) -> Option<[usize; 2]> {
        let pair = match r.get_ref() {
            DeValue::Array(a) if a.len() == 2 => a
                .iter()
                .filter_map(|x| x.get_ref().as_str().map(|s| (s.to_string(), x.span())))
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        };
        if pair.len() != 2 {
            self.type_error(r, field, "hai mã cột [\"tử số\", \"mẫu số\"]");
            return None;
        }
        let mut idx = [0; 2];
        for (slot, (name, span)) in idx.iter_mut().zip(pair) {
            match codes.iter().position(|c| *c == name) {
                Some(i) if matches!(cac_cot[i].kieu, KieuCot::So | KieuCot::PhanTram) => *slot = i,
                Some(_) => {
                    self.error(span, field, format!("cột `{name}` không phải cột số"));
                    return None;
                }
                None => {
                    let hint = suggest(&name, codes)
                        .map(|s| format!("có phải ý bạn là `{s}`?"))
                        .unwrap_or_else(|| format!("các mã cột: {}", codes.join(", ")));
                    self.error(span, field, format!("không có cột mã `{name}`"))
                        .hint = Some(hint);
                    return None;
                }
            }
        }
        Some(idx)
    }
}
