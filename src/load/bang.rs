//! `[[phu_luc.bang]]`: an indicator table. Columns are declared in the TOML;
//! rows come inline (`[[phu_luc.bang.dong]]`) or from a CSV/XLSX file
//! (`du_lieu`), every cell checked against its column's type.

use std::path::Path;

use toml::de::DeValue;

use super::nhiem_vu::{DanhBa, is_id};
use super::{Loader, Table, Value, fold, suggest};
use crate::du_lieu::{self, BangTho, OTho};
use crate::error::Diagnostic;
use crate::model::*;
use crate::so::{self, LoiSo};

const BANG_KEYS: &[&str] = &[
    "tieu_de",
    "du_lieu",
    "trang_tinh",
    "co_chu",
    "danh_so_cot",
    "muc",
    "cot",
    "dong",
    "tinh",
    "ghi_chu",
    "loc",
];
const COT_KEYS: &[&str] = &[
    "ma",
    "tieu_de",
    "kieu",
    "nguon",
    "chu_so",
    "tach_nghin",
    "chung",
    "chi_tieu",
    "ten_ngan",
];
const TINH_KEYS: &[&str] = &["nhan", "vi_tri", "cot"];

const KIEU: &[(KieuCot, &str)] = &[
    (KieuCot::Stt, "stt"),
    (KieuCot::DonVi, "don_vi"),
    (KieuCot::Chu, "chu"),
    (KieuCot::So, "so"),
    (KieuCot::PhanTram, "phan_tram"),
];

/// A column as declared, before its data is matched.
struct CotKhai {
    cot: CotSo,
    /// Where its values come from: a header text or letter in the data file.
    nguon: Option<String>,
    ten_ngan: bool,
    span: std::ops::Range<usize>,
    field: String,
    chi_tieu_cot: Option<(String, std::ops::Range<usize>)>,
}

/// Where a cell came from, for its error message.
enum NoiO<'a> {
    Tep(&'a BangTho, usize, usize),
    Toml(std::ops::Range<usize>, String),
}

impl Loader<'_> {
    pub(super) fn bang_list(
        &mut self,
        v: &Value<'_>,
        field: &str,
        danh_ba: &DanhBa,
    ) -> Option<Vec<BangSoLieu>> {
        self.each_table(v, field, "các bảng [[phu_luc.bang]]", |l, t| {
            l.bang(t, danh_ba)
        })
    }

    fn bang(&mut self, t: &Table<'_, '_>, danh_ba: &DanhBa) -> Option<BangSoLieu> {
        self.check_keys(t, BANG_KEYS);
        let errors_before = self.diags.len();
        let tieu_de = self.optional(t.get("tieu_de"), |l, v| {
            l.text_line(v, &t.field("tieu_de"), "tên bảng")
        });
        let co_chu = self
            .optional(t.get("co_chu"), |l, v| l.co_chu(v, &t.field("co_chu")))
            .map(|c| c.unwrap_or(11));
        let danh_so_cot = self
            .optional(t.get("danh_so_cot"), |l, v| {
                l.choice_code(
                    v,
                    &t.field("danh_so_cot"),
                    &[
                        (DanhSoCot::Cot, "cot"),
                        (DanhSoCot::Nhom, "nhom"),
                        (DanhSoCot::Khong, "khong"),
                    ],
                )
            })
            .map(|d| d.unwrap_or(DanhSoCot::Cot));
        let ghi_chu = self
            .optional(t.get("ghi_chu"), |l, v| {
                l.lines(v, &t.field("ghi_chu"), "ghi chú dưới bảng")
            })
            .map(Option::unwrap_or_default);
        let loc = self
            .optional(t.get("loc"), |l, v| l.boolean(v, &t.field("loc")))
            .map(|b| b.unwrap_or(true));
        let muc = self.optional(t.get("muc"), |l, v| {
            l.text_line(v, &t.field("muc"), "cột số liệu ghi tên mục của từng dòng")
        });
        let groups = self
            .required(t, "cot", "danh sách cột của bảng")
            .and_then(|v| self.cot_list(v, &t.field("cot")));
        let (tieu_de, co_chu, danh_so_cot, ghi_chu, muc, groups) =
            (tieu_de?, co_chu?, danh_so_cot?, ghi_chu?, muc?, groups?);
        let sizes: Vec<(Option<String>, usize)> =
            groups.iter().map(|(n, c)| (n.clone(), c.len())).collect();
        let mut khai: Vec<CotKhai> = groups.into_iter().flat_map(|(_, c)| c).collect();
        self.resolve_targets(&mut khai);
        if self.diags.len() > errors_before {
            return None;
        }

        let mut nguon = None;
        let dong = match (t.get("du_lieu"), t.get("dong")) {
            (Some(path), None) => {
                let sheet = self.optional(t.get("trang_tinh"), |l, v| {
                    l.text_line(v, &t.field("trang_tinh"), "tên trang tính")
                })?;
                let rel =
                    self.text_line(path, &t.field("du_lieu"), "đường dẫn tệp .csv hoặc .xlsx")?;
                let full = self.file.parent().unwrap_or(Path::new("")).join(&rel);
                let read = match self.data_files {
                    Some(cache) => cache.doc(&full, sheet.as_deref()),
                    None => du_lieu::doc(&full, sheet.as_deref()).map(std::sync::Arc::new),
                };
                let data = match read {
                    Ok(d) => d,
                    Err(d) => {
                        self.diags.push((*d).field(t.field("du_lieu")));
                        return None;
                    }
                };
                nguon = Some((
                    std::fs::canonicalize(&full).unwrap_or(full),
                    data.trang_tinh.clone(),
                ));
                self.rows_from_file(&data, &khai, muc.as_deref(), danh_ba, &t.field("du_lieu"))?
            }
            (None, Some(rows)) => {
                if let Some(v) = t.get("trang_tinh") {
                    self.error(
                        v.span(),
                        &t.field("trang_tinh"),
                        "trang_tinh chỉ dùng cùng du_lieu",
                    );
                }
                self.rows_inline(rows, &t.field("dong"), &khai, muc.as_deref(), danh_ba)?
            }
            (Some(_), Some(v)) => {
                self.error(
                    v.span(),
                    &t.field("dong"),
                    "bảng lấy số liệu từ `du_lieu` hoặc `dong`, không dùng cả hai",
                )
                .hint = Some("bỏ một trong hai".into());
                return None;
            }
            (None, None) => {
                self.error(t.span.clone(), &t.path, "bảng chưa có số liệu")
                    .hint = Some("thêm du_lieu = \"so-lieu.csv\" (hoặc .xlsx), hoặc các dòng [[phu_luc.bang.dong]]".into());
                return None;
            }
        };
        let columns: Vec<CotSo> = khai.iter().map(|k| k.cot.clone()).collect();
        let tinh = self
            .optional(t.get("tinh"), |l, v| {
                l.tinh_list(v, &t.field("tinh"), &columns)
            })
            .map(Option::unwrap_or_default)?;
        let mut it = khai.into_iter();
        let cot = sizes
            .into_iter()
            .map(|(nhom, n)| NhomCotSo {
                nhom,
                cot: it.by_ref().take(n).map(|k| k.cot).collect(),
            })
            .collect();
        Some(BangSoLieu {
            tieu_de,
            co_chu,
            danh_so_cot,
            cot,
            dong,
            nguon,
            loc: loc?,
            tinh,
            ghi_chu,
        })
    }

    fn co_chu(&mut self, v: &Value<'_>, field: &str) -> Option<u32> {
        match v.get_ref() {
            DeValue::Integer(i) => match i.as_str().parse::<u32>() {
                Ok(n @ 9..=13) => Some(n),
                _ => {
                    self.error(v.span(), field, "cỡ chữ trong bảng từ 9 đến 13")
                        .hint = Some("bảng rộng dùng 10 hoặc 11".into());
                    None
                }
            },
            _ => {
                self.type_error(v, field, "một số nguyên từ 9 đến 13");
                None
            }
        }
    }

    /// Groups (header text, columns) in declared order; column codes unique.
    fn cot_list(
        &mut self,
        v: &Value<'_>,
        field: &str,
    ) -> Option<Vec<(Option<String>, Vec<CotKhai>)>> {
        let out = self.column_groups(
            v,
            field,
            "danh sách cột, ví dụ [\"stt\", { ma = \"ket_qua\", tieu_de = \"Kết quả\", kieu = \"so\" }]",
            &mut |l, v, f| l.cot(v, f),
        )?;
        let mut seen: Vec<&str> = Vec::new();
        for k in out.iter().flat_map(|(_, c)| c) {
            if seen.contains(&k.cot.ma.as_str()) {
                let (span, field, ma) = (k.span.clone(), k.field.clone(), k.cot.ma.clone());
                self.error(
                    span,
                    &field,
                    format!("mã cột `{ma}` đã dùng cho một cột khác"),
                );
                return None;
            }
            seen.push(&k.cot.ma);
        }
        Some(out)
    }

    /// "stt", or { ma = "ket_qua_1", tieu_de = "…", kieu = "so", … }.
    fn cot(&mut self, v: &Value<'_>, field: &str) -> Option<CotKhai> {
        if let Some(s) = v.get_ref().as_str() {
            if s == "stt" {
                return Some(CotKhai {
                    cot: CotSo {
                        ma: "stt".into(),
                        tieu_de: "STT".into(),
                        kieu: KieuCot::Stt,
                        chu_so: None,
                        tach_nghin: true,
                        chung: None,
                        chi_tieu: None,
                    },
                    nguon: None,
                    ten_ngan: false,
                    span: v.span(),
                    field: field.to_string(),
                    chi_tieu_cot: None,
                });
            }
            self.error(
                v.span(),
                field,
                format!("cột \"{s}\" cần khai báo dạng bảng"),
            )
            .hint = Some(format!(
                "{{ ma = \"{}\", tieu_de = \"{s}\", kieu = \"so\" }}; chỉ cột \"stt\" viết tắt được",
                fold(s)
            ));
            return None;
        }
        let t = self.table(v, field)?;
        self.check_keys(&t, COT_KEYS);
        let ma = self
            .required(
                &t,
                "ma",
                "mã cột (chữ thường không dấu), ví dụ \"ket_qua_1\"",
            )
            .and_then(|v| {
                let s = self.text_line(v, &t.field("ma"), "mã cột")?;
                if !is_id(&s) {
                    self.error(
                        v.span(),
                        &t.field("ma"),
                        format!("mã cột \"{s}\" phải viết chữ thường không dấu, số và _"),
                    )
                    .hint = Some(format!("ví dụ \"{}\"", fold(&s).replace(' ', "_")));
                    return None;
                }
                Some(s)
            });
        let kieu = self
            .optional(t.get("kieu"), |l, v| {
                l.choice_code(v, &t.field("kieu"), KIEU)
            })
            .map(|k| k.unwrap_or(KieuCot::Chu));
        let tieu_de = self.optional(t.get("tieu_de"), |l, v| {
            l.text_line(v, &t.field("tieu_de"), "tiêu đề cột")
        });
        let nguon = self.optional(t.get("nguon"), |l, v| {
            l.text_line(
                v,
                &t.field("nguon"),
                "tiêu đề hoặc chữ cột trong tệp số liệu",
            )
        });
        let chu_so = self.optional(t.get("chu_so"), |l, v| match v.get_ref() {
            DeValue::Integer(i) => match i.as_str().parse::<u32>() {
                Ok(n @ 0..=6) => Some(n),
                _ => {
                    l.error(
                        v.span(),
                        &t.field("chu_so"),
                        "số chữ số thập phân từ 0 đến 6",
                    );
                    None
                }
            },
            _ => {
                l.type_error(v, &t.field("chu_so"), "một số nguyên từ 0 đến 6");
                None
            }
        });
        let tach_nghin = self
            .optional(t.get("tach_nghin"), |l, v| {
                l.boolean(v, &t.field("tach_nghin"))
            })
            .map(|b| b.unwrap_or(true));
        let ten_ngan = self
            .optional(t.get("ten_ngan"), |l, v| l.boolean(v, &t.field("ten_ngan")))
            .map(|b| b.unwrap_or(false));
        let chung = self.optional(t.get("chung"), |l, v| {
            l.text_line(v, &t.field("chung"), "nội dung chung cho mọi dòng")
        });
        let chi_tieu = self.optional(t.get("chi_tieu"), |l, v| {
            l.chi_tieu(v, &t.field("chi_tieu"))
        });
        let (ma, kieu, tieu_de, nguon, chu_so, tach_nghin, ten_ngan, chung, chi_tieu) = (
            ma?,
            kieu?,
            tieu_de?,
            nguon?,
            chu_so?,
            tach_nghin?,
            ten_ngan?,
            chung?,
            chi_tieu?,
        );
        let numeric = matches!(kieu, KieuCot::So | KieuCot::PhanTram);
        if chu_so.is_some() && !numeric {
            self.error(
                t.span.clone(),
                &t.field("chu_so"),
                "chu_so chỉ dùng cho cột số (kieu = \"so\" hoặc \"phan_tram\")",
            );
            return None;
        }
        if chi_tieu.is_some() && !numeric {
            self.error(
                t.span.clone(),
                &t.field("chi_tieu"),
                "chỉ tiêu so sánh chỉ dùng cho cột số",
            );
            return None;
        }
        if ten_ngan && kieu != KieuCot::DonVi {
            self.error(
                t.span.clone(),
                &t.field("ten_ngan"),
                "ten_ngan chỉ dùng cho cột đơn vị (kieu = \"don_vi\")",
            );
            return None;
        }
        let (chi_tieu, chi_tieu_cot) = match chi_tieu {
            Some(Ok(d)) => (Some(ChiTieu::GiaTri(d)), None),
            Some(Err(named)) => (None, Some(named)),
            None => (None, None),
        };
        Some(CotKhai {
            cot: CotSo {
                tieu_de: tieu_de.unwrap_or_else(|| {
                    if kieu == KieuCot::Stt {
                        "STT".into()
                    } else {
                        ma.clone()
                    }
                }),
                ma,
                kieu,
                chu_so,
                tach_nghin,
                chung,
                chi_tieu,
            },
            nguon,
            ten_ngan,
            span: t.span.clone(),
            field: field.to_string(),
            chi_tieu_cot,
        })
    }

    /// A fixed target (82, "82", "48,62") or the `ma` of the column holding
    /// each row's target (`Err`, resolved once all columns are known).
    #[allow(clippy::type_complexity)]
    fn chi_tieu(
        &mut self,
        v: &Value<'_>,
        field: &str,
    ) -> Option<Result<rust_decimal::Decimal, (String, std::ops::Range<usize>)>> {
        match v.get_ref() {
            DeValue::Integer(i) => Some(Ok(rust_decimal::Decimal::from(
                i.as_str().parse::<i64>().ok()?,
            ))),
            DeValue::Float(f) => match so::doc(f.as_str()) {
                Ok(d) => Some(Ok(d.gia_tri)),
                Err(_) => {
                    self.type_error(v, field, "một số");
                    None
                }
            },
            DeValue::String(s) if is_id(s) => Some(Err((s.to_string(), v.span()))),
            DeValue::String(s) => match so::doc(s) {
                Ok(d) => Some(Ok(d.gia_tri)),
                Err(_) => {
                    self.error(
                        v.span(),
                        field,
                        format!("\"{s}\" không phải số, cũng không phải mã cột"),
                    )
                    .hint = Some(
                        "ghi số, ví dụ chi_tieu = 82, hoặc mã cột chỉ tiêu của từng dòng".into(),
                    );
                    None
                }
            },
            _ => {
                self.type_error(v, field, "một số hoặc mã cột");
                None
            }
        }
    }

    fn resolve_targets(&mut self, khai: &mut [CotKhai]) {
        let codes: Vec<String> = khai.iter().map(|k| k.cot.ma.clone()).collect();
        let numeric: Vec<bool> = khai
            .iter()
            .map(|k| matches!(k.cot.kieu, KieuCot::So | KieuCot::PhanTram))
            .collect();
        for k in khai.iter_mut() {
            let Some((name, span)) = k.chi_tieu_cot.take() else {
                continue;
            };
            let field = format!("{}.chi_tieu", k.field);
            match codes.iter().position(|c| *c == name) {
                Some(i) if numeric[i] => k.cot.chi_tieu = Some(ChiTieu::Cot(i)),
                Some(_) => {
                    self.error(span, &field, format!("cột `{name}` không phải cột số"));
                }
                None => {
                    let refs: Vec<&str> = codes.iter().map(String::as_str).collect();
                    let hint = suggest(&name, &refs)
                        .map(|s| format!("có phải ý bạn là `{s}`?"))
                        .unwrap_or_else(|| format!("các mã cột: {}", refs.join(", ")));
                    self.error(span, &field, format!("không có cột mã `{name}`"))
                        .hint = Some(hint);
                }
            }
        }
    }

    fn rows_from_file(
        &mut self,
        data: &BangTho,
        khai: &[CotKhai],
        muc: Option<&str>,
        danh_ba: &DanhBa,
        field: &str,
    ) -> Option<Vec<DongSo>> {
        let errors_before = self.diags.len();
        let mut source = Vec::new();
        for k in khai {
            if k.cot.kieu == KieuCot::Stt || (k.cot.chung.is_some() && k.nguon.is_none()) {
                source.push(None);
                continue;
            }
            let wanted = k.nguon.clone().unwrap_or_else(|| k.cot.tieu_de.clone());
            let found = data.tim_cot(&wanted).or_else(|| {
                if k.nguon.is_none() {
                    data.tim_cot(&k.cot.ma)
                } else {
                    None
                }
            });
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
            source.push(found);
        }
        let muc_col = match muc {
            Some(m) => match data.tim_cot(m) {
                Some(c) => Some(c),
                None => {
                    self.diags.push(
                        Diagnostic::file(&data.tep, format!("không có cột \"{m}\" để chia mục"))
                            .field(field.replace("du_lieu", "muc")),
                    );
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
                    }),
                    Some(c) => {
                        let raw = r.o.get(*c).cloned().unwrap_or(OTho::Trong);
                        self.cell(raw, k, danh_ba, NoiO::Tep(data, r.so, *c), field)
                    }
                };
                cells.push(cell);
            }
            if let Some(cells) = cells.into_iter().collect::<Option<Vec<_>>>() {
                rows.push(DongSo::Dong(cells, Some(r.so)));
            }
        }
        (self.diags.len() == errors_before).then_some(rows)
    }

    fn rows_inline(
        &mut self,
        v: &Value<'_>,
        field: &str,
        khai: &[CotKhai],
        muc: Option<&str>,
        danh_ba: &DanhBa,
    ) -> Option<Vec<DongSo>> {
        let DeValue::Array(items) = v.get_ref() else {
            self.type_error(v, field, "các dòng [[phu_luc.bang.dong]]");
            return None;
        };
        let errors_before = self.diags.len();
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
            let Some(t) = self.table(item, &field) else {
                continue;
            };
            self.check_keys(&t, &keys);
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
                    }),
                    Some(v) if k.cot.kieu == KieuCot::Stt => {
                        self.error(v.span(), &t.field(&k.cot.ma), "số thứ tự được đánh tự động");
                        None
                    }
                    Some(v) => {
                        let raw = match v.get_ref() {
                            DeValue::String(s) if s.trim().is_empty() => Some(OTho::Trong),
                            DeValue::String(_) => self
                                .raw_string(v, &t.field(&k.cot.ma), "nội dung ô")
                                .map(|s| OTho::Chu(s.trim().to_string())),
                            DeValue::Integer(n) => n
                                .as_str()
                                .parse::<i64>()
                                .ok()
                                .map(|n| OTho::So(rust_decimal::Decimal::from(n))),
                            DeValue::Float(f) => Some(match so::doc(f.as_str()) {
                                Ok(d) => OTho::So(d.gia_tri),
                                Err(_) => OTho::Chu(f.as_str().to_string()),
                            }),
                            _ => {
                                self.type_error(v, &t.field(&k.cot.ma), "một chuỗi hoặc một số");
                                None
                            }
                        };
                        raw.and_then(|raw| {
                            self.cell(
                                raw,
                                k,
                                danh_ba,
                                NoiO::Toml(v.span(), t.field(&k.cot.ma)),
                                field.as_str(),
                            )
                        })
                    }
                };
                cells.push(cell);
            }
            if let Some(cells) = cells.into_iter().collect::<Option<Vec<_>>>() {
                rows.push(DongSo::Dong(cells, None));
            }
        }
        (self.diags.len() == errors_before).then_some(rows)
    }

    /// Applies the column's type to one cell.
    fn cell(
        &mut self,
        raw: OTho,
        k: &CotKhai,
        danh_ba: &DanhBa,
        noi: NoiO<'_>,
        field: &str,
    ) -> Option<O> {
        let (raw, dau) = match raw {
            OTho::Chu(s) => {
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
            (kieu @ (KieuCot::So | KieuCot::PhanTram), OTho::Chu(s)) => {
                match so::doc(&s) {
                    Ok(d) if d.phan_tram && kieu == KieuCot::So => {
                        let msg = format!(
                            "'{s}' có dấu %, nhưng cột `{}` ghi số không kèm %",
                            k.cot.ma
                        );
                        self.cell_error(&noi, field, msg, "khai báo kieu = \"phan_tram\" cho cột này, hoặc bỏ dấu % trong số liệu".into());
                        return None;
                    }
                    Ok(d) => GiaTri::So(d.gia_tri),
                    Err(LoiSo::MoHo { nghin, thap_phan }) => {
                        let msg = format!("'{s}' không rõ là số nghìn hay số thập phân");
                        self.cell_error(
                            &noi,
                            field,
                            msg,
                            format!(
                                "ghi {nghin} (số nguyên) hoặc {thap_phan} (thập phân, dấu phẩy)"
                            ),
                        );
                        return None;
                    }
                    Err(LoiSo::KhongPhaiSo) => {
                        let msg = format!("'{s}' không phải số");
                        let hint = if s.chars().any(|c| c.is_ascii_digit()) {
                            "ghi số với dấu phẩy thập phân (48,62); ô không có số liệu ghi \"-\""
                                .to_string()
                        } else {
                            "ô không có số liệu ghi \"-\" hoặc để trống".to_string()
                        };
                        self.cell_error(&noi, field, msg, hint);
                        return None;
                    }
                }
            }
            (KieuCot::DonVi, OTho::Chu(s)) if is_id(&s) => match danh_ba.get(&s) {
                Some(u) => GiaTri::Chu(match (&u.ten_ngan, k.ten_ngan) {
                    (Some(short), true) => short.clone(),
                    _ => u.ten.clone(),
                }),
                None => {
                    let ids = danh_ba.ids();
                    let hint = suggest(&s, &ids)
                        .map(|m| format!("có phải ý bạn là `{m}`?"))
                        .unwrap_or_else(|| "khai báo đơn vị trong [don_vi], dùng danh_ba, hoặc ghi tên đầy đủ có dấu".into());
                    self.cell_error(
                        &noi,
                        field,
                        format!("không có đơn vị mã `{s}` trong danh bạ"),
                        hint,
                    );
                    return None;
                }
            },
            (_, OTho::Chu(s)) => GiaTri::Chu(s),
            (_, OTho::So(d)) => GiaTri::Chu(so::in_so(d, false)),
        };
        Some(O { gia_tri, dau })
    }

    fn cell_error(&mut self, noi: &NoiO<'_>, field: &str, message: String, hint: String) {
        match noi {
            NoiO::Tep(data, row, col) => {
                let d = Diagnostic::file(&data.tep, format!("{}: {message}", data.o(*row, *col)))
                    .field(field)
                    .hint(hint);
                self.diags.push(d);
            }
            NoiO::Toml(span, f) => {
                self.error(span.clone(), f, message).hint = Some(hint);
            }
        }
    }

    fn tinh_list(
        &mut self,
        v: &Value<'_>,
        field: &str,
        columns: &[CotSo],
    ) -> Option<Vec<DongTinh>> {
        self.each_table(
            v,
            field,
            "các dòng tính [[phu_luc.bang.tinh]]",
            |l, t| l.tinh(t, columns),
        )
    }

    /// nhan = "Tổng", vi_tri = "dau", cot = { tong = "tong", ty_le = "trung_binh",
    /// ty_le_2 = { ty_le = ["a", "b"] }, chi_tieu = { gia_tri = "60%" } }.
    fn tinh(&mut self, t: &Table<'_, '_>, columns: &[CotSo]) -> Option<DongTinh> {
        self.check_keys(t, TINH_KEYS);
        let nhan = self
            .required(t, "nhan", "tên dòng, ví dụ \"Tổng\"")
            .and_then(|v| self.text_line(v, &t.field("nhan"), "tên dòng"));
        let dau = self
            .optional(t.get("vi_tri"), |l, v| {
                l.choice_code(v, &t.field("vi_tri"), &[(true, "dau"), (false, "cuoi")])
            })
            .map(|d| d.unwrap_or(false));
        let ops = self
            .required(
                t,
                "cot",
                "phép tính cho từng cột, ví dụ cot = { tong_so = \"tong\" }",
            )
            .and_then(|v| self.table(v, &t.field("cot")))
            .and_then(|ops| {
                let codes: Vec<&str> = columns.iter().map(|c| c.ma.as_str()).collect();
                self.check_keys(&ops, &codes);
                let mut out = vec![None; columns.len()];
                let mut ok = true;
                for (i, c) in columns.iter().enumerate() {
                    let Some(v) = ops.get(&c.ma) else { continue };
                    let f = ops.field(&c.ma);
                    match self.phep_tinh(v, &f, c, &codes, columns) {
                        Some(p) => out[i] = Some(p),
                        None => ok = false,
                    }
                }
                ok.then_some(out)
            });
        Some(DongTinh {
            nhan: nhan?,
            dau: dau?,
            o: ops?,
        })
    }

    fn phep_tinh(
        &mut self,
        v: &Value<'_>,
        field: &str,
        c: &CotSo,
        codes: &[&str],
        columns: &[CotSo],
    ) -> Option<PhepTinh> {
        let numeric = |c: &CotSo| matches!(c.kieu, KieuCot::So | KieuCot::PhanTram);
        match v.get_ref() {
            DeValue::String(_) => {
                let tong = self.choice_code(v, field, &[(true, "tong"), (false, "trung_binh")])?;
                if !numeric(c) {
                    self.error(
                        v.span(),
                        field,
                        format!("cột `{}` không phải cột số, không tính được", c.ma),
                    );
                    return None;
                }
                Some(if tong {
                    PhepTinh::Tong
                } else {
                    PhepTinh::TrungBinh
                })
            }
            DeValue::Table(_) => {
                let t = self.table(v, field)?;
                self.check_keys(&t, &["ty_le", "gia_tri"]);
                if let Some(g) = t.get("gia_tri") {
                    let s = self.text_line(g, &t.field("gia_tri"), "giá trị ghi sẵn")?;
                    let gia_tri = if numeric(c) && !is_dash(&s) {
                        match so::doc(&s) {
                            Ok(d) => GiaTri::So(d.gia_tri),
                            Err(_) => {
                                self.error(
                                    g.span(),
                                    &t.field("gia_tri"),
                                    format!("'{s}' không phải số"),
                                );
                                return None;
                            }
                        }
                    } else if is_dash(&s) {
                        GiaTri::Khong
                    } else {
                        GiaTri::Chu(s)
                    };
                    return Some(PhepTinh::GiaTri(gia_tri));
                }
                let Some(r) = t.get("ty_le") else {
                    self.error(
                        t.span.clone(),
                        field,
                        "cần ty_le = [\"cột tử số\", \"cột mẫu số\"] hoặc gia_tri = \"…\"",
                    );
                    return None;
                };
                let pair = match r.get_ref() {
                    DeValue::Array(a) if a.len() == 2 => a
                        .iter()
                        .filter_map(|x| x.get_ref().as_str().map(|s| (s.to_string(), x.span())))
                        .collect::<Vec<_>>(),
                    _ => Vec::new(),
                };
                if pair.len() != 2 {
                    self.type_error(r, &t.field("ty_le"), "hai mã cột [\"tử số\", \"mẫu số\"]");
                    return None;
                }
                let mut idx = Vec::new();
                for (name, span) in pair {
                    match codes.iter().position(|c| *c == name) {
                        Some(i) if numeric(&columns[i]) => idx.push(i),
                        Some(_) => {
                            self.error(
                                span,
                                &t.field("ty_le"),
                                format!("cột `{name}` không phải cột số"),
                            );
                            return None;
                        }
                        None => {
                            let hint = suggest(&name, codes)
                                .map(|s| format!("có phải ý bạn là `{s}`?"))
                                .unwrap_or_else(|| format!("các mã cột: {}", codes.join(", ")));
                            self.error(
                                span,
                                &t.field("ty_le"),
                                format!("không có cột mã `{name}`"),
                            )
                            .hint = Some(hint);
                            return None;
                        }
                    }
                }
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
}

fn is_dash(s: &str) -> bool {
    matches!(s.trim(), "-" | "–" | "—")
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
