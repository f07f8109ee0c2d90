//! `[[phu_luc.bang]]`: an indicator table. Columns are declared in the TOML;
//! rows come inline (`[[phu_luc.bang.dong]]`) or from a CSV/XLSX file
//! (`du_lieu`), every cell checked against its column's type.

mod dau_thap_phan;
mod dong;
mod tinh;

use toml::de::DeValue;

use super::{Loader, Nhan, Table, Value, fold, is_id, suggest};
use crate::load::du_lieu;
use crate::model::*;
use crate::so;
use crate::spec;

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

/// How a table's rows are read: the column naming each row's section, the
/// decimal mark the clerk chose, and where to point a warning about it.
struct CachDoc<'a> {
    muc: Option<&'a str>,
    dau: Option<so::DauThapPhan>,
    span: std::ops::Range<usize>,
}

/// Most rows a table may have: 10,000 rows lay out in about 8 s; a data
/// file of a million would take hours.
const DONG_TOI_DA: usize = 10_000;

impl Loader<'_> {
    pub(super) fn bang_list(
        &mut self,
        v: &Value<'_>,
        field: &str,
        danh_ba: &DanhBa,
    ) -> Option<Vec<BangSoLieu>> {
        self.each_table(
            v,
            field,
            "các bảng [[phu_luc.bang]]",
            &spec::BANG,
            |l, t| l.bang(t, danh_ba),
        )
    }

    fn bang(&mut self, t: &Table<'_, '_>, danh_ba: &DanhBa) -> Option<BangSoLieu> {
        let errors_before = self.diags.len();
        let tieu_de = self.opt(t, "tieu_de", |l, v, f| l.text_line(v, f, "tên bảng"));
        let co_chu = self
            .opt(t, "co_chu", |l, v, f| {
                l.integer_in(
                    v,
                    f,
                    9..=13,
                    "cỡ chữ trong bảng từ 9 đến 13",
                    Some("bảng rộng dùng 10 hoặc 11"),
                )
            })
            .map(|c| c.unwrap_or(11));
        let danh_so_cot = self
            .opt(t, "danh_so_cot", |l, v, f| l.code(v, f))
            .map(|d| d.unwrap_or(DanhSoCot::Cot));
        let ghi_chu = self
            .opt(t, "ghi_chu", |l, v, f| {
                let lines = l.as_markup(|l| l.lines(v, f, "ghi chú dưới bảng"))?;
                l.inline_each(v, f, &lines)
            })
            .map(Option::unwrap_or_default);
        let loc = self
            .opt(t, "loc", |l, v, f| l.boolean(v, f))
            .map(|b| b.unwrap_or(true));
        let muc = self.opt(t, "muc", |l, v, f| {
            l.text_line(v, f, "cột số liệu ghi tên mục của từng dòng")
        });
        let dau = self.opt(t, "dau_thap_phan", |l, v, f| l.code(v, f));
        let don_vi_tinh = self.opt(t, "don_vi_tinh", |l, v, f| {
            let s = l.text_line(v, f, "đơn vị tính của số liệu, ví dụ \"triệu đồng\"")?;
            // "Đơn vị tính: triệu đồng" written whole prints once.
            let lower = s.to_lowercase();
            Some(match lower.strip_prefix("đơn vị tính") {
                Some(rest) => s[s.len() - rest.len()..].trim_start_matches([':', ' ']).to_string(),
                None => s,
            })
        });
        let groups = self
            .required(t, "cot")
            .and_then(|v| self.cot_list(v, &t.field("cot")));
        let (tieu_de, co_chu, danh_so_cot, ghi_chu, muc, dau, groups) =
            (tieu_de?, co_chu?, danh_so_cot?, ghi_chu?, muc?, dau?, groups?);
        let don_vi_tinh = don_vi_tinh?;
        let mut sizes: Vec<(Option<Nhan>, usize, Vec<NhomCon>)> = Vec::new();
        let mut khai: Vec<CotKhai> = Vec::new();
        for (nhom, cols, inner) in groups {
            sizes.push((nhom, cols.len(), inner));
            khai.extend(cols);
        }
        self.resolve_targets(&mut khai);
        if self.diags.len() > errors_before {
            return None;
        }

        let cach = CachDoc {
            muc: muc.as_deref(),
            dau,
            span: t.get("du_lieu").or(t.get("dong")).map_or(t.span.clone(), |v| v.span()),
        };
        let (dong, nguon, dau) = self.rows(t, &khai, &cach, danh_ba)?;
        if dong.len() > DONG_TOI_DA {
            let key = if nguon.is_some() { "du_lieu" } else { "dong" };
            let span = t.get(key).map_or(0..0, |v| v.span());
            self.error(
                span,
                &t.field(key),
                format!("bảng có {} dòng, tối đa {DONG_TOI_DA}", dong.len()),
            )
            .hint = Some(
                "tách số liệu thành nhiều bảng hoặc nhiều phụ lục (mỗi bảng một tệp hay một trang tính)"
                    .into(),
            );
            return None;
        }
        self.warn_empty_columns(&khai, &dong);
        let cac_cot: Vec<CotSo> = khai.iter().map(|k| k.cot.clone()).collect();
        let tinh = self
            .opt(t, "tinh", |l, v, f| l.tinh_list(v, f, &cac_cot, dau))
            .map(Option::unwrap_or_default)?;
        let mut it = khai.into_iter();
        let cot = sizes
            .into_iter()
            .map(|(nhom, n, nhom_con)| NhomCotSo {
                nhom_chu_thich: nhom.as_ref().map(|(_, c)| c.clone()).unwrap_or_default(),
                nhom: nhom.map(|(text, _)| text),
                cot: it.by_ref().take(n).map(|k| k.cot).collect(),
                nhom_con,
            })
            .collect();
        Some(BangSoLieu {
            tieu_de,
            don_vi_tinh,
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

    /// A declared column no row fills prints empty: said so, with the reason
    /// clerks meet most (a code that matches no key or data header).
    fn warn_empty_columns(&mut self, khai: &[CotKhai], dong: &[DongSo]) {
        for (i, k) in khai.iter().enumerate() {
            if k.cot.kieu == KieuCot::Stt || k.cot.chung.is_some() {
                continue;
            }
            let filled = dong.iter().any(|r| {
                matches!(r, DongSo::Dong(cells, _) if cells.get(i).is_some_and(|o| o.gia_tri != GiaTri::Trong))
            });
            if !filled && dong.iter().any(|r| matches!(r, DongSo::Dong(..))) {
                let (span, field, ma) = (k.span.clone(), k.field.clone(), k.cot.ma.clone());
                self.warn(
                    span,
                    &field,
                    format!("cột `{ma}` không có số liệu ở dòng nào nên in trống"),
                    format!("kiểm tra mã cột `{ma}` có khớp khóa trong `dong` (hoặc tiêu đề cột trong tệp số liệu, khóa `nguon`)"),
                );
            }
        }
    }

    /// The table's rows, from its data file (with the file's canonical path
    /// and sheet) or written inline.
    #[allow(clippy::type_complexity)]
    fn rows(
        &mut self,
        t: &Table<'_, '_>,
        khai: &[CotKhai],
        cach: &CachDoc<'_>,
        danh_ba: &DanhBa,
    ) -> Option<(
        Vec<DongSo>,
        Option<(std::path::PathBuf, Option<String>)>,
        Option<so::DauThapPhan>,
    )> {
        match (t.get("du_lieu"), t.get("dong")) {
            (Some(path), None) => {
                let sheet = self.opt(t, "trang_tinh", |l, v, f| {
                    l.text_line(v, f, "tên trang tính")
                })?;
                let rel =
                    self.text_line(path, &t.field("du_lieu"), "đường dẫn tệp .csv hoặc .xlsx")?;
                let full = self.resolve(&rel, path.span(), &t.field("du_lieu"))?;
                let read = match self.data_files {
                    Some(cache) => cache.read(&full, sheet.as_deref()),
                    None => du_lieu::read(&full, sheet.as_deref()).map(std::sync::Arc::new),
                };
                let data = match read {
                    Ok(d) => d,
                    Err(d) => {
                        self.diags.push((*d).field(t.field("du_lieu")));
                        return None;
                    }
                };
                for note in &data.ghi_chu {
                    self.warn(
                        path.span(),
                        &t.field("du_lieu"),
                        format!("{}: {note}", data.tep.display()),
                        "ghi trang_tinh = \"tên trang\" để chọn đúng trang tính cần dùng",
                    );
                }
                let (rows, dau) =
                    self.rows_from_file(&data, khai, cach, danh_ba, &t.field("du_lieu"))?;
                let nguon = (
                    std::fs::canonicalize(&full).unwrap_or(full),
                    data.trang_tinh.clone(),
                );
                Some((rows, Some(nguon), dau))
            }
            (None, Some(rows)) => {
                if let Some(v) = t.get("trang_tinh") {
                    self.error(
                        v.span(),
                        &t.field("trang_tinh"),
                        "trang_tinh chỉ dùng cùng du_lieu",
                    );
                }
                let (rows, dau) = self.rows_inline(rows, &t.field("dong"), khai, cach, danh_ba)?;
                Some((rows, None, dau))
            }
            (Some(_), Some(v)) => {
                self.error(
                    v.span(),
                    &t.field("dong"),
                    "bảng lấy số liệu từ `du_lieu` hoặc `dong`, không dùng cả hai",
                )
                .hint = Some("bỏ một trong hai".into());
                None
            }
            (None, None) => {
                self.error(t.span.clone(), &t.path, "bảng chưa có số liệu")
                    .hint = Some("thêm du_lieu = \"so-lieu.csv\" (hoặc .xlsx), hoặc các dòng [[phu_luc.bang.dong]]".into());
                None
            }
        }
    }

    /// Groups (header text, columns, groups inside) in declared order;
    /// column codes unique.
    fn cot_list(
        &mut self,
        v: &Value<'_>,
        field: &str,
    ) -> Option<Vec<(Option<Nhan>, Vec<CotKhai>, Vec<NhomCon>)>> {
        let out = self.nhom_cot(
            v,
            field,
            "danh sách cột, ví dụ [\"stt\", { ma = \"ket_qua\", tieu_de = \"Kết quả\", kieu = \"so\" }]",
            &mut |l, v, f| l.cot(v, f),
        )?;
        let mut seen: Vec<&str> = Vec::new();
        for k in out.iter().flat_map(|(_, c, _)| c) {
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
        match v.get_ref().as_str() {
            Some("stt") => Some(CotKhai {
                cot: CotSo {
                    ma: "stt".into(),
                    tieu_de: "STT".into(),
                    kieu: KieuCot::Stt,
                    chu_so: None,
                    tach_nghin: true,
                    chung: None,
                    chi_tieu: None,
                    can: None,
                    chu_thich: Vec::new(),
                    gop: false,
                    danh_so: true,
                },
                nguon: None,
                ten_ngan: false,
                span: v.span(),
                field: field.to_string(),
                chi_tieu_cot: None,
            }),
            Some(s) => {
                self.error(
                    v.span(),
                    field,
                    format!("cột \"{s}\" cần khai báo dạng bảng"),
                )
                .hint = Some(format!(
                    "{{ ma = \"{}\", tieu_de = \"{s}\", kieu = \"so\" }}; chỉ cột \"stt\" viết tắt được",
                    fold(s)
                ));
                None
            }
            None => {
                let t = self.table(v, field, &spec::COT)?;
                self.cot_bang(&t, field)
            }
        }
    }

    /// `{ ma = "ket_qua_1", tieu_de = "…", kieu = "so", … }`.
    fn cot_bang(&mut self, t: &Table<'_, '_>, field: &str) -> Option<CotKhai> {
        let ma = self
            .required(t, "ma")
            .and_then(|v| self.ma_cot(v, &t.field("ma")));
        // `{ ma = "stt" }` is the STT column, as the bare "stt" is.
        let is_stt = t.get("ma").and_then(|v| v.get_ref().as_str()) == Some("stt");
        let kieu = self
            .opt(t, "kieu", |l, v, f| l.code(v, f))
            .map(|k| k.unwrap_or(if is_stt { KieuCot::Stt } else { KieuCot::Chu }));
        let can = self.opt(t, "can", |l, v, f| l.code(v, f));
        let tieu_de = self.opt(t, "tieu_de", |l, v, f| l.header_label(v, f, "tiêu đề cột"));
        let nguon = self.opt(t, "nguon", |l, v, f| {
            l.text_line(v, f, "tiêu đề hoặc chữ cột trong tệp số liệu")
        });
        let chu_so = self.opt(t, "chu_so", |l, v, f| {
            l.integer_in(v, f, 0..=6, "số chữ số thập phân từ 0 đến 6", None)
        });
        let tach_nghin = self
            .opt(t, "tach_nghin", |l, v, f| l.boolean(v, f))
            .map(|b| b.unwrap_or(true));
        let ten_ngan = self
            .opt(t, "ten_ngan", |l, v, f| l.boolean(v, f))
            .map(|b| b.unwrap_or(false));
        let chung = self.opt(t, "chung", |l, v, f| {
            l.text_line(v, f, "nội dung chung cho mọi dòng")
        });
        let chi_tieu = self.opt(t, "chi_tieu", |l, v, f| l.chi_tieu(v, f));
        let gop = self
            .opt(t, "gop", |l, v, f| l.boolean(v, f))
            .map(|b| b.unwrap_or(false))?;
        let (ma, kieu, tieu_de, nguon, chu_so) = (ma?, kieu?, tieu_de?, nguon?, chu_so?);
        let (tach_nghin, ten_ngan, chung, chi_tieu, can) =
            (tach_nghin?, ten_ngan?, chung?, chi_tieu?, can?);
        let numeric = matches!(kieu, KieuCot::So | KieuCot::PhanTram);
        let misplaced = [
            (
                chu_so.is_some() && !numeric,
                "chu_so",
                "chu_so chỉ dùng cho cột số (kieu = \"so\" hoặc \"phan_tram\")",
            ),
            (
                chi_tieu.is_some() && !numeric,
                "chi_tieu",
                "chỉ tiêu so sánh chỉ dùng cho cột số",
            ),
            (
                ten_ngan && kieu != KieuCot::DonVi,
                "ten_ngan",
                "ten_ngan chỉ dùng cho cột đơn vị (kieu = \"don_vi\")",
            ),
        ];
        if let Some((_, key, message)) = misplaced.into_iter().find(|(wrong, ..)| *wrong) {
            self.error(t.span.clone(), &t.field(key), message);
            return None;
        }
        let (chi_tieu, chi_tieu_cot) = match chi_tieu {
            Some(Ok(d)) => (Some(ChiTieu::GiaTri(d)), None),
            Some(Err(named)) => (None, Some(named)),
            None => (None, None),
        };
        Some(CotKhai {
            cot: CotSo {
                tieu_de: match &tieu_de {
                    Some((text, _)) => text.clone(),
                    None if kieu == KieuCot::Stt => "STT".into(),
                    None => ma.clone(),
                },
                chu_thich: tieu_de.map(|(_, notes)| notes).unwrap_or_default(),
                ma,
                kieu,
                chu_so,
                tach_nghin,
                chung,
                chi_tieu,
                can,
                gop,
                danh_so: kieu == KieuCot::Stt && nguon.is_none(),
            },
            nguon,
            ten_ngan,
            span: t.span.clone(),
            field: field.to_string(),
            chi_tieu_cot,
        })
    }

    /// A column code: lower-case ASCII, digits and "_".
    fn ma_cot(&mut self, v: &Value<'_>, field: &str) -> Option<String> {
        let s = self.text_line(v, field, "mã cột")?;
        if !is_id(&s) {
            self.error(
                v.span(),
                field,
                format!("mã cột \"{s}\" phải viết chữ thường không dấu, số và _"),
            )
            .hint = Some(format!("ví dụ \"{}\"", fold(&s).replace(' ', "_")));
            return None;
        }
        Some(s)
    }

    /// A fixed target (82, "82", "48,62") or the `ma` of the column holding
    /// each row's target (`Err`, resolved once all cac_cot are known).
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
            DeValue::Float(f) => match so::parse(f.as_str()) {
                Ok(d) => Some(Ok(d.gia_tri)),
                Err(_) => {
                    self.type_error(v, field, "một số");
                    None
                }
            },
            DeValue::String(s) if is_id(s) => Some(Err((s.to_string(), v.span()))),
            DeValue::String(s) => match so::parse(s) {
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
}
