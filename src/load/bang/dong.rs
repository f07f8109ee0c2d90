//! The rows of an indicator table: from a data file or inline, every cell
//! checked against its column's type.

use toml::de::DeValue;

use super::dau_thap_phan::OSo;
use super::{CachDoc, CotKhai};
use super::super::du_lieu::{BangTho, OTho};
use crate::error::Diagnostic;
use crate::load::{Loader, Value, fold, is_id};
use crate::model::*;
use crate::so::{self, LoiSo};

/// Where a cell came from, for its error message, and the decimal mark its
/// table is read with (`None`: an ambiguous figure is refused).
enum NoiO<'a> {
    Tep(&'a BangTho, usize, usize, Option<so::DauThapPhan>),
    Toml(std::ops::Range<usize>, String, Option<so::DauThapPhan>),
}

impl NoiO<'_> {
    fn dau(&self) -> Option<so::DauThapPhan> {
        match self {
            NoiO::Tep(.., dau) | NoiO::Toml(.., dau) => *dau,
        }
    }
}

/// Longest text of one table cell, in characters: a cell is laid out in
/// its narrow column, and a page-long one is already a lot.
const O_TOI_DA: usize = 5_000;

impl Loader<'_> {
    pub(super) fn rows_from_file(
        &mut self,
        data: &BangTho,
        khai: &[CotKhai],
        cach: &CachDoc<'_>,
        danh_ba: &DanhBa,
        field: &str,
    ) -> Option<(Vec<DongSo>, Option<so::DauThapPhan>)> {
        let errors_before = self.diags.len();
        let muc = cach.muc;
        let source: Vec<Option<usize>> = khai.iter().map(|k| self.cot_nguon(data, k)).collect();
        let cells: Vec<OSo> = khai
            .iter()
            .zip(&source)
            .filter(|(k, _)| matches!(k.cot.kieu, KieuCot::So | KieuCot::PhanTram))
            .filter_map(|(_, c)| *c)
            .flat_map(|c| {
                data.dong.iter().filter_map(move |r| match r.o.get(c) {
                    Some(OTho::Chu(s)) => Some(OSo {
                        text: s.clone(),
                        noi: data.o(r.so, c),
                    }),
                    _ => None,
                })
            })
            .collect();
        let dau = self.dau_thap_phan(cach.dau, &cells, cach.span.clone(), field);
        let muc_col = match muc {
            Some(m) => match data.tim_cot(m) {
                Ok(Some(c)) => Some(c),
                Ok(None) => {
                    self.diags.push(
                        Diagnostic::file(&data.tep, format!("không có cột \"{m}\" để chia mục"))
                            .field(field.replace("du_lieu", "muc")),
                    );
                    None
                }
                Err(d) => {
                    self.diags.push((*d).field(field.replace("du_lieu", "muc")));
                    None
                }
            },
            None => None,
        };
        if self.diags.len() > errors_before {
            return None;
        }
        let mut rows = Vec::new();
        let mut current: Option<String> = None;
        for r in &data.dong {
            if let Some(c) = muc_col {
                let name = match r.o.get(c) {
                    Some(OTho::Chu(s)) => Some(s.clone()),
                    Some(OTho::So(d)) => Some(so::in_so(*d, false)),
                    _ => None,
                };
                if name.is_some() && name != current {
                    rows.push(DongSo::Muc(name.clone().unwrap_or_default()));
                    current = name;
                }
            }
            let mut cells = Vec::new();
            for (k, src) in khai.iter().zip(&source) {
                let cell = match src {
                    None => Some(O {
                        gia_tri: GiaTri::Trong,
                        dau: None,
                        chu_thich: None,
                    }),
                    Some(c) => {
                        let raw = r.o.get(*c).cloned().unwrap_or(OTho::Trong);
                        self.cell(raw, k, danh_ba, NoiO::Tep(data, r.so, *c, dau), field)
                    }
                };
                cells.push(cell);
            }
            if let Some(cells) = cells.into_iter().collect::<Option<Vec<_>>>() {
                rows.push(dong(khai, cells, Some(r.so)));
            }
        }
        (self.diags.len() == errors_before).then_some((rows, dau))
    }

    /// The data file's column for a declared column (`None` for STT and a
    /// common target, which the file does not hold); a missing one is
    /// reported with the nearest header.
    fn cot_nguon(&mut self, data: &BangTho, k: &CotKhai) -> Option<usize> {
        // STT is numbered by vanban unless its column in the data is named.
        if (k.cot.kieu == KieuCot::Stt || k.cot.chung.is_some()) && k.nguon.is_none() {
            return None;
        }
        let wanted = k.nguon.clone().unwrap_or_else(|| k.cot.tieu_de.clone());
        let look = |name: &str| data.tim_cot(name);
        let found = match look(&wanted) {
            Ok(None) if k.nguon.is_none() => look(&k.cot.ma),
            other => other,
        };
        let found = match found {
            Ok(found) => found,
            Err(d) => {
                self.diags.push((*d).field(k.field.clone()));
                return None;
            }
        };
        if found.is_none() {
            let near = data
                .tieu_de
                .iter()
                .filter(|h| !h.is_empty())
                .map(|h| (strsim::levenshtein(&fold(h), &fold(&wanted)), h))
                .min_by_key(|(d, _)| *d)
                .filter(|(d, h)| *d <= (h.chars().count() / 3).max(1));
            let hint = match near {
                Some((_, h)) => format!("có phải ý bạn là cột \"{h}\"? ghi nguon = \"{h}\""),
                None => format!(
                    "các cột trong tệp: {}; hoặc ghi chữ cột, ví dụ nguon = \"C\"",
                    data.tieu_de
                        .iter()
                        .filter(|h| !h.is_empty())
                        .map(|h| format!("\"{h}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            self.error(
                k.span.clone(),
                &k.field,
                format!("tệp {} không có cột \"{wanted}\"", data.tep.display()),
            )
            .hint = Some(hint);
        }
        found
    }

    pub(super) fn rows_inline(
        &mut self,
        v: &Value<'_>,
        field: &str,
        khai: &[CotKhai],
        cach: &CachDoc<'_>,
        danh_ba: &DanhBa,
    ) -> Option<(Vec<DongSo>, Option<so::DauThapPhan>)> {
        let DeValue::Array(items) = v.get_ref() else {
            self.type_error(v, field, "các dòng [[phu_luc.bang.dong]]");
            return None;
        };
        let errors_before = self.diags.len();
        let muc = cach.muc;
        let cells: Vec<OSo> = items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| match item.get_ref() {
                DeValue::Table(t) => Some((i, t)),
                _ => None,
            })
            .flat_map(|(i, t)| {
                khai.iter()
                    .filter(|k| matches!(k.cot.kieu, KieuCot::So | KieuCot::PhanTram))
                    .filter_map(move |k| match t.get(k.cot.ma.as_str()).map(|v| v.get_ref()) {
                        Some(DeValue::String(s)) => Some(OSo {
                            text: s.to_string(),
                            noi: format!("{field}[{i}].{}", k.cot.ma),
                        }),
                        _ => None,
                    })
            })
            .collect();
        let dau = self.dau_thap_phan(cach.dau, &cells, cach.span.clone(), field);
        let mut keys: Vec<&str> = khai
            .iter()
            .filter(|k| k.cot.kieu != KieuCot::Stt)
            .map(|k| k.cot.ma.as_str())
            .collect();
        if let Some(m) = muc {
            keys.push(m);
        }
        let mut rows = Vec::new();
        let mut current: Option<String> = None;
        for (i, item) in items.iter().enumerate() {
            let field = format!("{field}[{i}]");
            let Some(t) = self.map_table(item, &field) else {
                continue;
            };
            self.check_keys_in(&t, &keys);
            if let Some(m) = muc
                && let Some(v) = t.get(m)
                && let Some(name) = self.text_line(v, &t.field(m), "tên mục")
                && Some(&name) != current.as_ref()
            {
                rows.push(DongSo::Muc(name.clone()));
                current = Some(name);
            }
            let mut cells = Vec::new();
            for k in khai {
                let cell = match t.get(&k.cot.ma) {
                    None => Some(O {
                        gia_tri: GiaTri::Trong,
                        dau: None,
                        chu_thich: None,
                    }),
                    Some(v) if k.cot.kieu == KieuCot::Stt => {
                        self.error(v.span(), &t.field(&k.cot.ma), "số thứ tự được đánh tự động");
                        None
                    }
                    Some(v) => {
                        let raw = self.o_toml(v, &t.field(&k.cot.ma));
                        raw.and_then(|raw| {
                            self.cell(
                                raw,
                                k,
                                danh_ba,
                                NoiO::Toml(v.span(), t.field(&k.cot.ma), dau),
                                field.as_str(),
                            )
                        })
                    }
                };
                cells.push(cell);
            }
            if let Some(cells) = cells.into_iter().collect::<Option<Vec<_>>>() {
                rows.push(dong(khai, cells, None));
            }
        }
        (self.diags.len() == errors_before).then_some((rows, dau))
    }

    /// Applies the column's type to one cell.
    /// One cell of a table: its text, its raised mark, its footnote.
    fn cell(
        &mut self,
        raw: OTho,
        k: &CotKhai,
        danh_ba: &DanhBa,
        noi: NoiO<'_>,
        field: &str,
    ) -> Option<O> {
        let mut chu_thich = None;
        if let OTho::Chu(s) = &raw
            && s.chars().count() > O_TOI_DA
        {
            let message = format!(
                "dài {} ký tự, tối đa {} một ô bảng",
                crate::so::in_nguyen(s.chars().count()),
                crate::so::in_nguyen(O_TOI_DA)
            );
            let hint = "rút gọn nội dung ô, hoặc đưa phần dài vào ghi chú dưới bảng hay nội dung phụ lục".into();
            self.cell_error(&noi, field, message, hint);
            return None;
        }
        let (raw, dau) = match raw {
            OTho::Chu(s) => {
                let (s, note) = split_note(&s);
                if let Some(id) = note {
                    match self.chu_thich.cite(&id) {
                        Some(note) => chu_thich = Some(note),
                        None => {
                            let message = format!("chú thích [^{id}] chưa được định nghĩa");
                            let hint = format!("thêm `{id} = \"…\"` vào bảng [chu_thich]");
                            self.cell_error(&noi, field, message, hint);
                            return None;
                        }
                    }
                }
                let (text, mark) = split_mark(&s);
                (
                    if text.is_empty() {
                        OTho::Trong
                    } else {
                        OTho::Chu(text)
                    },
                    mark,
                )
            }
            other => (other, None),
        };
        let gia_tri = match (k.cot.kieu, raw) {
            (_, OTho::Trong) => GiaTri::Trong,
            (KieuCot::So | KieuCot::PhanTram, OTho::So(d)) => GiaTri::So(d),
            (KieuCot::So | KieuCot::PhanTram, OTho::Chu(s)) if is_dash(&s) => GiaTri::Khong,
            // A result in words written in the TOML ("Đã vận hành từ tháng
            // 9/2023"): printed as written, left out of sums and targets. A
            // lone word ("x") or any word in a data file stays an error: there
            // it is far more often a typo than a choice.
            (KieuCot::So | KieuCot::PhanTram, OTho::Chu(s))
                if matches!(noi, NoiO::Toml(..))
                    && s.chars().next().is_some_and(char::is_alphabetic)
                    && s.contains(' ') =>
            {
                GiaTri::Chu(s)
            }
            (kieu @ (KieuCot::So | KieuCot::PhanTram), OTho::Chu(s)) => {
                GiaTri::So(self.so_trong_o(&s, kieu, k, &noi, field)?)
            }
            (KieuCot::DonVi, OTho::Chu(s)) if is_id(&s) => match danh_ba.tim(&s) {
                Ok(u) => GiaTri::Chu(match (&u.ten_ngan, k.ten_ngan) {
                    (Some(short), true) => short.clone(),
                    _ => u.ten.clone(),
                }),
                Err(missing) => {
                    let hint = missing
                        .ma_gan_nhat()
                        .map(|m| format!("có phải ý bạn là `{m}`?"))
                        .unwrap_or_else(|| "khai báo đơn vị trong [don_vi], dùng danh_ba, hoặc ghi tên đầy đủ có dấu".into());
                    self.cell_error(&noi, field, missing.to_string(), hint);
                    return None;
                }
            },
            (_, OTho::Chu(s)) => GiaTri::Chu(s),
            (_, OTho::So(d)) => GiaTri::Chu(so::in_so(d, false)),
        };
        Some(O {
            gia_tri,
            dau,
            chu_thich,
        })
    }

    /// A cell written in the TOML: text or a number.
    fn o_toml(&mut self, v: &Value<'_>, field: &str) -> Option<OTho> {
        match v.get_ref() {
            DeValue::String(s) if s.trim().is_empty() => Some(OTho::Trong),
            DeValue::String(_) => self
                .raw_string(v, field, "nội dung ô")
                .map(|s| OTho::Chu(s.trim().to_string())),
            DeValue::Integer(n) => n
                .as_str()
                .parse::<i64>()
                .ok()
                .map(|n| OTho::So(rust_decimal::Decimal::from(n))),
            // A TOML float's mark is always the point.
            DeValue::Float(f) => Some(match so::parse_voi(f.as_str(), Some(so::DauThapPhan::Cham)) {
                Ok(d) => OTho::So(d.gia_tri),
                Err(_) => OTho::Chu(f.as_str().to_string()),
            }),
            _ => {
                self.type_error(v, field, "một chuỗi hoặc một số");
                None
            }
        }
    }

    /// A figure written as text in a number column ("48,62", "92%").
    fn so_trong_o(
        &mut self,
        s: &str,
        kieu: KieuCot,
        k: &CotKhai,
        noi: &NoiO<'_>,
        field: &str,
    ) -> Option<rust_decimal::Decimal> {
        let (message, hint) = match so::parse_voi(s, noi.dau()) {
            Ok(d) if d.phan_tram && kieu == KieuCot::So => (
                format!(
                    "'{s}' có dấu %, nhưng cột `{}` ghi số không kèm %",
                    k.cot.ma
                ),
                "khai báo kieu = \"phan_tram\" cho cột này, hoặc bỏ dấu % trong số liệu"
                    .to_string(),
            ),
            Ok(d) => return Some(d.gia_tri),
            Err(LoiSo::MoHo { nghin, thap_phan }) => (
                format!("'{s}' không rõ là số nghìn hay số thập phân"),
                format!("ghi {nghin} (số nguyên) hoặc {thap_phan} (thập phân, dấu phẩy)"),
            ),
            Err(LoiSo::KhongPhaiSo) => {
                let hint = if s.chars().any(|c| c.is_ascii_digit()) {
                    "ghi số với dấu phẩy thập phân (48,62); ô không có số liệu ghi \"-\""
                } else {
                    "ô không có số liệu ghi \"-\" hoặc để trống"
                };
                (format!("'{s}' không phải số"), hint.to_string())
            }
        };
        self.cell_error(noi, field, message, hint);
        None
    }

    fn cell_error(&mut self, noi: &NoiO<'_>, field: &str, message: String, hint: String) {
        match noi {
            NoiO::Tep(data, row, cot, _) => {
                let d = Diagnostic::file(&data.tep, format!("{}: {message}", data.o(*row, *cot)))
                    .field(field)
                    .hint(hint);
                self.diags.push(d);
            }
            NoiO::Toml(span, f, _) => {
                self.error(span.clone(), f, message).hint = Some(hint);
            }
        }
    }
}

/// A data row, or a section row when its STT (given in the data) is a
/// Roman numeral ("I", "II.").
fn dong(khai: &[CotKhai], cells: Vec<O>, so: Option<usize>) -> DongSo {
    let muc = khai.iter().zip(&cells).any(|(k, o)| {
        k.cot.kieu == KieuCot::Stt
            && matches!(&o.gia_tri, GiaTri::Chu(s) if so::parse_roman(s.trim_end_matches('.')).is_some())
    });
    if muc { DongSo::MucSo(cells, so) } else { DongSo::Dong(cells, so) }
}

pub(super) fn is_dash(s: &str) -> bool {
    matches!(s.trim(), "-" | "–" | "—")
}

/// "Đạt[^nguon]" → ("Đạt", "nguon"): a footnote of the document cited at
/// the cell's end.
fn split_note(s: &str) -> (String, Option<String>) {
    let t = s.trim_end();
    if let Some(body) = t.strip_suffix(']')
        && let Some((text, id)) = body.rsplit_once("[^")
        && super::super::body::valid_footnote_id(id)
    {
        return (text.trim_end().to_string(), Some(id.to_string()));
    }
    (s.to_string(), None)
}

/// "0,5^(2)" → ("0,5", "(2)"): a footnote mark raised after the content.
fn split_mark(s: &str) -> (String, Option<String>) {
    if let Some((text, mark)) = s.rsplit_once('^') {
        let mark = mark.trim();
        if !mark.is_empty() && mark.chars().count() <= 5 && !mark.contains(char::is_whitespace) {
            return (text.trim_end().to_string(), Some(mark.to_string()));
        }
    }
    (s.to_string(), None)
}
