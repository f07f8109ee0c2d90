//! The top level of a văn bản: its header parts, Nơi nhận and signature;
//! the kind-dependent body and the appendices are read by `noi_dung` and
//! `phu_luc`.

use toml::de::{DeTable, DeValue};

use super::anh::LoaiAnh;
use super::value::{parse_date, strip_vv};
use super::{Loader, Table, Value};
use crate::model::*;
use crate::spec;

/// The years a document of the Socialist Republic can bear; outside them a
/// date is a typo ("năm 1", "năm 20244").
pub(super) const NAM_HOP_LE: std::ops::RangeInclusive<i32> = 1945..=2100;

/// Ô 13 at 11 pt across the text width: lines it may take, and a cautious
/// count of characters per line (measured: about 95).
const DONG_O_13: usize = 3;
const KY_TU_MOI_DONG_O_13: usize = 85;

impl<'s> Loader<'s> {
    pub(super) fn van_ban(&mut self, root: &DeTable<'_>) -> Option<VanBan> {
        let root = Table::root(root, &spec::ROOT);
        self.check_keys(&root);
        // Footnotes first: any text below may cite them.
        let chu_thich = root.get("chu_thich");
        if let Some(v) = chu_thich {
            self.chu_thich_table(v);
        }

        let loai = self
            .optional(root.get("loai"), Self::loai)
            .map(|l| l.unwrap_or(crate::loai::cong_van()));
        let don_vi = self.danh_ba(&root);
        let co_quan = self
            .required(&root, "co_quan")
            .and_then(|v| self.table(v, "co_quan", &spec::CO_QUAN))
            .and_then(|t| self.co_quan(&t));
        let so = self
            .optional(root.get("so"), Self::so)
            .map(|s| s.unwrap_or_default());
        let ky_hieu = self
            .required(&root, "ky_hieu")
            .and_then(|v| Some((v, self.ky_hieu(v)?)));
        let dia_danh = self
            .required(&root, "dia_danh")
            .and_then(|v| self.text_line(v, "dia_danh", "địa danh"));
        let ngay = self
            .optional(root.get("ngay"), Self::ngay)
            .map(|n| n.unwrap_or(NgayBanHanh::Blank));
        let trich_yeu = self.required(&root, "trich_yeu").and_then(|v| {
            let mut lines = self.chosen_lines(v, "trich_yeu", "trích yếu nội dung")?;
            let without = strip_vv(&lines[0]);
            if without != lines[0] {
                self.warn(
                    v.span(),
                    "trich_yeu",
                    "\"V/v\" gõ trong trích yếu bị bỏ: vanban tự in \"V/v\" trước trích yếu của công văn",
                    "xóa \"V/v\" ở đầu trich_yeu",
                );
                lines[0] = without;
            }
            Some(lines)
        });
        let nguoi_soan = self.opt(&root, "ky_hieu_nguoi_soan", |l, v, f| l.nguoi_soan(v, f));
        let so_ban = self.opt(&root, "so_ban", |l, v, f| {
            l.integer_in(v, f, 1..=100_000, "số bản phát hành từ 1 đến 100000", None)
        });
        let chu_ky = self
            .required(&root, "chu_ky")
            .and_then(|v| self.table(v, "chu_ky", &spec::CHU_KY))
            .and_then(|t| self.chu_ky(&t));
        let do_mat = self.optional(root.get("do_mat"), |l, v| {
            l.choice(v, "do_mat", &DoMat::ALL, DoMat::label)
        });
        let do_khan = self.optional(root.get("do_khan"), |l, v| {
            l.choice(v, "do_khan", &DoKhan::ALL, DoKhan::label)
        });
        let du_thao = self
            .optional(root.get("du_thao"), |l, v| l.boolean(v, "du_thao"))
            .map(|b| b.unwrap_or(false));
        let lien_he = self.optional(root.get("lien_he"), |l, v| {
            l.table(v, "lien_he", &spec::LIEN_HE)
                .and_then(|t| l.lien_he(&t))
        });
        let dien_tu = self
            .optional(root.get("dien_tu"), |l, v| l.dien_tu(v, ngay))
            .map(Option::unwrap_or_default);
        let bo_qua = self
            .optional(root.get("kiem_tra"), |l, v| {
                l.table(v, "kiem_tra", &spec::KIEM_TRA)
                    .and_then(|t| l.bo_qua(&t))
            })
            .map(Option::unwrap_or_default);

        // Everything below may name units, so it needs the directory; the
        // kind decides which parts are required.
        let (loai, don_vi) = (loai?, don_vi?);
        let (ky_hieu_value, ky_hieu) = ky_hieu?;
        self.ky_hieu_matches(ky_hieu_value, &ky_hieu, loai);
        if let (Some(Some(ngay)), Some((_, Some(nam))), Some(v)) =
            (ngay.map(NgayBanHanh::nam), so, root.get("so"))
            && ngay != nam
        {
            self.warn(
                v.span(),
                "so",
                &format!("năm trong số văn bản ({nam}) khác năm ban hành ({ngay})"),
                "số/năm ghi năm ban hành văn bản",
            );
        }
        let kinh_gui = self.kinh_gui(&root, loai, &don_vi);
        let noi_nhan = self.optional(root.get("noi_nhan"), |l, v| l.noi_nhan(v, &don_vi));
        let nhiem_vu = self
            .optional(root.get("nhiem_vu"), |l, v| l.nhiem_vu_list(v, &don_vi))
            .map(Option::unwrap_or_default);
        let noi_dung = self.noi_dung_van_ban(&root, loai);
        let van_ban_kem_theo = self
            .optional(root.get("van_ban_kem_theo"), Self::van_ban_kem_theo_list)
            .map(Option::unwrap_or_default);
        let phu_luc = self
            .optional(root.get("phu_luc"), |l, v| l.phu_luc_list(v, &don_vi))
            .map(Option::unwrap_or_default);
        let (noi_dung, nhiem_vu, van_ban_kem_theo, phu_luc, co_quan) =
            (noi_dung?, nhiem_vu?, van_ban_kem_theo?, phu_luc?, co_quan?);
        if let Some(v) = chu_thich {
            self.uncited_notes(v);
        }
        self.check_task_placement(
            &root,
            &noi_dung,
            &nhiem_vu,
            &phu_luc,
            &van_ban_kem_theo,
            &co_quan,
        );
        if let Some(ngay) = ngay {
            self.check_deadlines(&root, ngay, &nhiem_vu);
        }

        Some(VanBan {
            loai,
            co_quan,
            so: {
                let (so, nam) = so?;
                SoKyHieu { so, nam, ky_hieu }
            },
            dia_danh: dia_danh?,
            ngay: ngay?,
            trich_yeu: trich_yeu?,
            kinh_gui: kinh_gui?,
            noi_dung,
            nhiem_vu,
            van_ban_kem_theo,
            phu_luc,
            noi_nhan: noi_nhan?.unwrap_or_default(),
            chu_ky: chu_ky?,
            do_mat: do_mat?,
            do_khan: do_khan?,
            du_thao: du_thao?,
            lien_he: lien_he?,
            nguoi_soan: nguoi_soan?,
            so_ban: so_ban?,
            danh_ba: don_vi,
            bo_qua: bo_qua?,
            dien_tu: dien_tu?,
            nguon: Nguon {
                tep: self.file.to_path_buf(),
                text: std::sync::Arc::from(self.text),
                them: std::mem::take(&mut self.read),
            },
        })
    }

    pub(super) fn co_quan(&mut self, t: &Table<'_, '_>) -> Option<CoQuan> {
        let chu_quan = self
            .optional(t.get("chu_quan"), |l, v| {
                l.lines(v, "co_quan.chu_quan", "tên cơ quan chủ quản")
            })
            .map(Option::unwrap_or_default);
        let ten = self
            .required(t, "ten")
            .and_then(|v| self.lines(v, "co_quan.ten", "tên cơ quan ban hành"));
        let ten_goi = self.optional(t.get("ten_goi"), |l, v| {
            l.text_line(
                v,
                "co_quan.ten_goi",
                "tên gọi trong câu, ví dụ \"UBND tỉnh\"",
            )
        });
        let dau = self.dau(t);
        Some(CoQuan {
            chu_quan: chu_quan?,
            ten: ten?,
            ten_goi: ten_goi?,
            dau: dau?,
        })
    }

    /// Ô 8 of an electronic document: the seal's image at its real size.
    fn dau(&mut self, t: &Table<'_, '_>) -> Option<Option<Dau>> {
        let anh = self.opt(t, "anh_dau", |l, v, f| l.anh(v, f, LoaiAnh::Dau));
        let duong_kinh = self.opt(t, "duong_kinh_dau", |l, v, f| {
            l.integer_in(
                v,
                f,
                20..=60,
                "đường kính con dấu từ 20 đến 60 mm",
                Some("đo đường kính vòng ngoài của con dấu thật, tính bằng mm"),
            )
        });
        let (anh, duong_kinh) = (anh?, duong_kinh?);
        if let (None, Some(_)) = (&anh, duong_kinh) {
            let v = t.get("duong_kinh_dau")?;
            self.warn(
                v.span(),
                &t.field("duong_kinh_dau"),
                "có đường kính dấu nhưng không có ảnh dấu: không dùng đến",
                "thêm anh_dau = \"dau.png\" hoặc xóa duong_kinh_dau",
            );
        }
        Some(anh.map(|anh| Dau {
            anh,
            duong_kinh_mm: duong_kinh.unwrap_or(Dau::DUONG_KINH_MM),
        }))
    }

    /// `[dien_tu]`: PDF/A and signature fields. PDF/A records the issue
    /// date, so asking for it needs the full date.
    pub(super) fn dien_tu(&mut self, v: &Value<'_>, ngay: Option<NgayBanHanh>) -> Option<DienTu> {
        let t = self.table(v, "dien_tu", &spec::DIEN_TU)?;
        let pdfa = self.opt(&t, "pdfa", |l, v, f| l.boolean(v, f));
        let o_ky = self.opt(&t, "o_ky", |l, v, f| l.boolean(v, f));
        let pdfa = pdfa?;
        if pdfa == Some(true) && !matches!(ngay, None | Some(NgayBanHanh::Day(_))) {
            self.error(
                t.get("pdfa")?.span(),
                "dien_tu.pdfa",
                "PDF/A ghi ngày ban hành vào tệp, nhưng văn bản chưa có ngày đầy đủ",
            )
            .hint = Some("ghi đủ ngày = 2024-05-31, hoặc bỏ pdfa = true khi còn là dự thảo".into());
            return None;
        }
        Some(DienTu {
            pdfa,
            o_ky: o_ky?.unwrap_or(false),
        })
    }

    pub(super) fn ngay(&mut self, v: &Value<'_>) -> Option<NgayBanHanh> {
        const EXPECTED: &str = "ngày ban hành dạng 2024-05-31 hoặc \"31/5/2024\"; bản nháp có thể ghi \"5/2024\" hay \"2024\"";
        let parsed = match v.get_ref() {
            DeValue::Datetime(dt) => match (dt.date, dt.time) {
                (Some(d), None) => {
                    chrono::NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
                        .map(NgayBanHanh::Day)
                }
                _ => None,
            },
            DeValue::String(s) => parse_date(s.trim()),
            _ => {
                self.type_error(v, "ngay", EXPECTED);
                return None;
            }
        };
        let shown = || match v.get_ref() {
            DeValue::String(s) => format!("\"{s}\""),
            _ => self.text[v.span()].to_string(),
        };
        match parsed {
            None => {
                let message = format!("ngày không hợp lệ: {}; cần {EXPECTED}", shown());
                self.error(v.span(), "ngay", message);
                None
            }
            Some(n) if !NAM_HOP_LE.contains(&n.nam().unwrap_or(2000)) => {
                let message = format!(
                    "năm {} của ngày ban hành {} nằm ngoài khoảng {}–{}",
                    n.nam().unwrap_or_default(),
                    shown(),
                    NAM_HOP_LE.start(),
                    NAM_HOP_LE.end()
                );
                self.error(v.span(), "ngay", message).hint =
                    Some("kiểm tra lại năm, ví dụ 2024-05-31".into());
                None
            }
            n => n,
        }
    }

    pub(super) fn noi_nhan(&mut self, v: &Value<'_>, don_vi: &DanhBa) -> Option<NoiNhan> {
        let items = self.items(v, "noi_nhan", "nơi nhận")?;
        let is_luu = |s: &str| {
            let lower = s.to_lowercase();
            lower.starts_with("lưu:") || lower.starts_with("lưu ")
        };
        let luu_positions: Vec<usize> = items
            .iter()
            .enumerate()
            .filter(|(_, s)| is_luu(s))
            .map(|(i, _)| i)
            .collect();
        let item_span = |i: usize| match v.get_ref() {
            DeValue::Array(a) => a.get(i).map_or(v.span(), |x| x.span()),
            _ => v.span(),
        };
        match luu_positions.as_slice() {
            [] => {
                // Without a "Lưu" line (VB002 says so): the items as written.
                let gui = items
                    .iter()
                    .enumerate()
                    .map(|(j, item)| {
                        self.don_vi_ref(item, item_span(j), &format!("noi_nhan[{j}]"), don_vi)
                            .map(|u| u.ten)
                    })
                    .collect::<Vec<_>>();
                Some(NoiNhan {
                    gui: gui.into_iter().collect::<Option<_>>()?,
                    luu: None,
                })
            }
            [i] if *i == items.len() - 1 => {
                let luu = items[*i]["Lưu".len()..]
                    .trim_start_matches([':', ' '])
                    .trim()
                    .to_string();
                if luu.is_empty() {
                    self.error(
                        item_span(*i),
                        &format!("noi_nhan[{i}]"),
                        "mục \"Lưu:\" chưa ghi nơi lưu",
                    )
                    .hint = Some("ví dụ \"Lưu: VT, KSTT\"".into());
                    return None;
                }
                let mut gui = Vec::new();
                for (j, item) in items[..*i].iter().enumerate() {
                    let unit =
                        self.don_vi_ref(item, item_span(j), &format!("noi_nhan[{j}]"), don_vi);
                    gui.push(unit.map(|u| u.ten));
                }
                Some(NoiNhan {
                    gui: gui.into_iter().collect::<Option<_>>()?,
                    luu: Some(luu),
                })
            }
            [i] => {
                self.error(
                    item_span(*i),
                    &format!("noi_nhan[{i}]"),
                    "mục \"Lưu: …\" phải đứng cuối danh sách nơi nhận",
                );
                None
            }
            [_, second, ..] => {
                self.error(
                    item_span(*second),
                    &format!("noi_nhan[{second}]"),
                    "chỉ được có một mục \"Lưu: …\"",
                );
                None
            }
        }
    }

    pub(super) fn chu_ky(&mut self, t: &Table<'_, '_>) -> Option<ChuKy> {
        let thay_mat = self.optional(t.get("thay_mat"), |l, v| {
            l.text_line(
                v,
                "chu_ky.thay_mat",
                "tên tập thể lãnh đạo, ví dụ \"ỦY BAN NHÂN DÂN\"",
            )
        });
        let quyen_han = t.get("quyen_han").map(|v| (v, self.quyen_han(v)));
        let thu_truong = match (t.get("chuc_vu_thu_truong"), &quyen_han) {
            (Some(v), Some(_)) => {
                Some(self.text_line(v, "chu_ky.chuc_vu_thu_truong", "chức vụ người đứng đầu"))
            }
            (None, Some((v, _))) => {
                self.error(
                    v.span(),
                    "chu_ky.chuc_vu_thu_truong",
                    "ký thay, ký thừa lệnh… cần ghi chức vụ của người đứng đầu",
                )
                .hint =
                    Some("thêm chuc_vu_thu_truong = \"CHỦ TỊCH\" (in ra \"KT. CHỦ TỊCH\")".into());
                Some(None)
            }
            (Some(v), None) => {
                self.error(
                    v.span(),
                    "chu_ky.chuc_vu_thu_truong",
                    "chỉ dùng cùng `quyen_han` (KT., Q., TL., TUQ.)",
                );
                Some(None)
            }
            (None, None) => None,
        };
        let chuc_vu = self
            .required(t, "chuc_vu")
            .and_then(|v| self.chosen_lines(v, "chu_ky.chuc_vu", "chức vụ người ký"));
        let ho_ten = self
            .required(t, "ho_ten")
            .and_then(|v| self.text_line(v, "chu_ky.ho_ten", "họ và tên người ký"));
        let anh = self.opt(t, "anh", |l, v, f| l.anh(v, f, LoaiAnh::ChuKy));

        let quyen_han = match (quyen_han, thu_truong) {
            (Some((_, q)), Some(head)) => Some((q?, head?)),
            (None, None) => None,
            _ => return None,
        };
        Some(ChuKy {
            thay_mat: thay_mat?,
            quyen_han,
            chuc_vu: chuc_vu?,
            ho_ten: ho_ten?,
            anh: anh?,
        })
    }

    /// `[chu_thich]`: id → the note's text, citable from any text as `[^id]`.
    fn chu_thich_table(&mut self, v: &Value<'_>) {
        let Some(t) = self.map_table(v, "chu_thich") else {
            return;
        };
        for (key, v) in t.entries.iter() {
            let id = key.get_ref().to_string();
            let field = t.field(&id);
            if !super::body::valid_footnote_id(&id) {
                self.error(
                    key.span(),
                    &field,
                    format!("mã chú thích \"{id}\" không hợp lệ"),
                )
                .hint = Some("dùng chữ, số, - và _, ví dụ nguon_so_lieu".into());
                continue;
            }
            // A note does not cite notes: read against no footnotes.
            let saved = std::mem::take(&mut self.chu_thich);
            let note = self.inline_text(v, &field, "nội dung chú thích");
            self.chu_thich = saved;
            if let Some(note) = note {
                self.chu_thich.insert(id, note);
            }
        }
    }

    /// `[kiem_tra] bo_qua`: review rules this document switches off, each
    /// with the reason, which stays in the file for the next reader.
    fn bo_qua(&mut self, t: &Table<'_, '_>) -> Option<Vec<(QuyTac, String)>> {
        let Some(v) = t.get("bo_qua") else {
            return Some(Vec::new());
        };
        let field = t.field("bo_qua");
        let rules = self.map_table(v, &field)?;
        let mut out = Vec::new();
        for (key, v) in rules.entries.iter() {
            let code = key.get_ref();
            let field = format!("{field}.{code}");
            let Some(rule) = QuyTac::ALL.iter().find(|q| q.code() == code.as_ref()) else {
                let codes: Vec<&str> = QuyTac::ALL.iter().map(|q| q.code()).collect();
                self.error(key.span(), &field, format!("không có quy tắc mã {code}"))
                    .hint = Some(format!("các mã: {}", codes.join(", ")));
                continue;
            };
            let reason = self.text_line(v, &field, "lý do không áp dụng quy tắc này")?;
            out.push((*rule, reason));
        }
        Some(out)
    }

    /// A note declared in `[chu_thich]` that no text cites is not printed.
    fn uncited_notes(&mut self, v: &Value<'_>) {
        let DeValue::Table(t) = v.get_ref() else {
            return;
        };
        for (key, _) in t.iter() {
            let id = key.get_ref();
            if !self.chu_thich.is_cited(id) {
                self.warn(
                    key.span(),
                    &format!("chu_thich.{id}"),
                    format!("chú thích `{id}` không được dẫn ở đâu nên không được in"),
                    format!("thêm [^{id}] vào chỗ cần chú thích, hoặc xóa dòng này"),
                );
            }
        }
    }

    /// Ô 12: the drafter's initials, upper case as the decree writes them.
    fn nguoi_soan(&mut self, v: &Value<'_>, field: &str) -> Option<String> {
        let s = self.text_line(v, field, "ký hiệu người soạn thảo, ví dụ \"PL\"")?;
        if s.chars().any(|c| c.is_lowercase() || c.is_whitespace()) {
            self.error(
                v.span(),
                field,
                format!("ký hiệu người soạn thảo \"{s}\" phải viết in hoa, không có dấu cách"),
            )
            .hint = Some(format!("ví dụ \"{}\"", s.to_uppercase().replace(' ', "")));
            return None;
        }
        Some(s.trim_end_matches('.').to_string())
    }

    pub(super) fn quyen_han(&mut self, v: &Value<'_>) -> Option<QuyenHan> {
        let s = self.text_line(
            v,
            "chu_ky.quyen_han",
            "quyền hạn ký: KT., Q., TL. hoặc TUQ.",
        )?;
        let key = s.trim_end_matches('.').to_uppercase();
        if let Some(q) = QuyenHan::ALL
            .into_iter()
            .find(|q| q.abbreviation().trim_end_matches('.') == key)
        {
            return Some(q);
        }
        let d = self.error(
            v.span(),
            "chu_ky.quyen_han",
            format!("quyền hạn \"{s}\" không hợp lệ; cần KT., Q., TL. hoặc TUQ."),
        );
        d.hint = Some(if key == "TM" {
            "ký thay mặt tập thể thì dùng thay_mat = \"ỦY BAN NHÂN DÂN\" (in ra \"TM. ỦY BAN NHÂN DÂN\")".into()
        } else {
            "để trống (bỏ dòng quyen_han) khi người đứng đầu ký trực tiếp".into()
        });
        None
    }
    pub(super) fn lien_he(&mut self, t: &Table<'_, '_>) -> Option<LienHe> {
        let mut get = |key: &str, what: &str| {
            self.optional(t.get(key), |l, v| l.text_line(v, &t.field(key), what))
        };
        let lien_he = LienHe {
            dia_chi: get("dia_chi", "địa chỉ")?,
            dien_thoai: get("dien_thoai", "số điện thoại")?,
            fax: get("fax", "số fax")?,
            email: get("email", "địa chỉ thư điện tử")?,
            website: get("website", "trang thông tin điện tử")?,
        };
        if lien_he == LienHe::default() {
            self.error(t.span.clone(), "lien_he", "bảng [lien_he] trống: cần ít nhất một trong dia_chi, dien_thoai, fax, email, website");
            return None;
        }
        // Ô 13 sits in the foot margin of page 1, which holds three lines
        // of 11 pt; more would be cut off the page, so it is refused.
        let lines: usize = lien_he
            .dong()
            .iter()
            .map(|l| l.chars().count().div_ceil(KY_TU_MOI_DONG_O_13))
            .sum();
        if lines > DONG_O_13 {
            self.error(
                t.span.clone(),
                "lien_he",
                format!("thông tin liên hệ (ô 13) dài khoảng {lines} dòng, chân trang 1 chỉ chứa {DONG_O_13} dòng"),
            )
            .hint = Some("rút gọn địa chỉ, hoặc bỏ bớt fax, website".into());
            return None;
        }
        Some(lien_he)
    }
}
