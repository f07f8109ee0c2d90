//! The parts that depend on the document kind: `loai`, the body (free text,
//! `[[muc]]` sections, or a quyết định's căn cứ and Điều), and `[[phu_luc]]`.

use toml::de::DeValue;

use super::nhiem_vu::DanhBa;
use super::{Loader, Table, Value, suggest};
use crate::model::*;

pub(super) const MUC_KEYS: &[&str] = &["tieu_de", "noi_dung", "nhiem_vu", "muc"];
pub(super) const PHU_LUC_KEYS: &[&str] = &[
    "tieu_de", "noi_dung", "nhiem_vu", "bang", "ngang", "nhan", "kem_theo", "so_trang",
];
pub(super) const BANG_KEYS: &[&str] = &["cot", "ten_ngan"];
const COT_KEYS: &[&str] = &["ma", "tieu_de"];
pub(super) const NHOM_KEYS: &[&str] = &["nhom", "cot"];
const TRINH_BAY: [(TrinhBay, &str); 2] = [
    (TrinhBay::TheoDonVi, "theo_don_vi"),
    (TrinhBay::TungNhiemVu, "tung_nhiem_vu"),
];
/// Sections nest as I. → 1. → 1.1. → a); tasks take one more level.
const MAX_DEPTH: usize = 3;

impl Loader<'_> {
    pub(super) fn loai(&mut self, v: &Value<'_>) -> Option<&'static LoaiVanBan> {
        let s = self.text_line(v, "loai", "loại văn bản, ví dụ \"ke_hoach\"")?;
        if let Some(l) = crate::loai::find(&s) {
            return Some(l);
        }
        let codes: Vec<&str> = crate::loai::all().iter().map(|l| l.ma.as_str()).collect();
        // Clerks may write the name itself: "Kế hoạch" → ke_hoach.
        let hint = match suggest(&s, &codes) {
            Some(c) => format!("có phải ý bạn là \"{c}\"?"),
            None => format!("các loại: {}", codes.join(", ")),
        };
        self.error(v.span(), "loai", format!("không có loại văn bản \"{s}\""))
            .hint = Some(hint);
        None
    }

    /// A typed document's ký hiệu starts with its abbreviation ("KH-UBND");
    /// a công văn's never has one of another kind.
    pub(super) fn ky_hieu_matches(&mut self, v: &Value<'_>, ky_hieu: &str, loai: &LoaiVanBan) {
        let first = ky_hieu.split('-').next().unwrap_or_default();
        match &loai.viet_tat {
            Some(vt) if first != vt => {
                self.error(
                    v.span(),
                    "ky_hieu",
                    format!(
                        "ký hiệu của {} phải bắt đầu bằng \"{vt}-\" (Nghị định 30, Phụ lục III)",
                        loai.ten.to_lowercase()
                    ),
                )
                .hint = Some(format!("ví dụ \"{vt}-UBND\""));
            }
            None => {
                if let Some(other) = crate::loai::all()
                    .iter()
                    .find(|l| l.viet_tat.as_deref() == Some(first) && ky_hieu.contains('-'))
                {
                    self.error(
                        v.span(),
                        "ky_hieu",
                        format!(
                            "ký hiệu \"{ky_hieu}\" là của {} nhưng văn bản là công văn",
                            other.ten.to_lowercase()
                        ),
                    )
                    .hint = Some(format!("thêm loai = \"{}\"", other.ma));
                }
            }
            _ => {}
        }
    }

    pub(super) fn noi_dung_van_ban(
        &mut self,
        root: &Table<'_, '_>,
        loai: &LoaiVanBan,
    ) -> Option<NoiDung> {
        if loai.is_quyet_dinh() {
            return self.quyet_dinh(root);
        }
        for key in ["tham_quyen", "can_cu", "dieu"] {
            if let Some(v) = root.get(key) {
                self.error(v.span(), key, "chỉ dùng trong quyết định").hint =
                    Some("thêm loai = \"quyet_dinh\", hoặc đưa vào `noi_dung`".into());
            }
        }
        let mo_dau = self
            .optional(root.get("noi_dung"), |l, v| {
                l.markup(v, "noi_dung", "nội dung văn bản")
            })
            .map(Option::unwrap_or_default);
        let muc = self
            .optional(root.get("muc"), |l, v| l.muc_list(v, "muc", 0))
            .map(Option::unwrap_or_default);
        let ket_luan = self
            .optional(root.get("ket_luan"), |l, v| {
                l.markup(v, "ket_luan", "đoạn kết")
            })
            .map(Option::unwrap_or_default);
        let (mo_dau, muc, ket_luan) = (mo_dau?, muc?, ket_luan?);
        if mo_dau.is_empty() && muc.is_empty() {
            self.required(
                root,
                "noi_dung",
                "nội dung văn bản (chuỗi nhiều dòng '''…''') hoặc các mục [[muc]]",
            );
            return None;
        }
        Some(NoiDung::VanBan {
            mo_dau,
            muc,
            ket_luan,
        })
    }

    fn muc_list(&mut self, v: &Value<'_>, field: &str, depth: usize) -> Option<Vec<Muc>> {
        let DeValue::Array(items) = v.get_ref() else {
            self.type_error(v, field, &format!("các bảng [[{field}]]"));
            return None;
        };
        if depth >= MAX_DEPTH {
            self.error(v.span(), field, "mục lồng quá 3 cấp (I. → 1. → 1.1.)")
                .hint = Some("gộp bớt cấp mục, hoặc viết các ý nhỏ trong `noi_dung`".into());
            return None;
        }
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let field = format!("{field}[{i}]");
            out.push(self.table(item, &field).and_then(|t| self.muc(&t, depth)));
        }
        out.into_iter().collect()
    }

    fn muc(&mut self, t: &Table<'_, '_>, depth: usize) -> Option<Muc> {
        self.check_keys(t, MUC_KEYS);
        let tieu_de = self.optional(t.get("tieu_de"), |l, v| {
            l.text_line(
                v,
                &t.field("tieu_de"),
                "tên mục, ví dụ \"MỤC ĐÍCH, YÊU CẦU\"",
            )
        });
        let noi_dung = self
            .optional(t.get("noi_dung"), |l, v| {
                l.markup(v, &t.field("noi_dung"), "nội dung của mục")
            })
            .map(Option::unwrap_or_default);
        let nhiem_vu = self.optional(t.get("nhiem_vu"), |l, v| {
            l.choice_code(v, &t.field("nhiem_vu"), &TRINH_BAY)
        });
        let muc = self
            .optional(t.get("muc"), |l, v| {
                l.muc_list(v, &t.field("muc"), depth + 1)
            })
            .map(Option::unwrap_or_default);
        let muc = Muc {
            tieu_de: tieu_de?,
            noi_dung: noi_dung?,
            nhiem_vu: nhiem_vu?,
            muc: muc?,
        };
        if muc.tieu_de.is_none()
            && muc.noi_dung.is_empty()
            && muc.nhiem_vu.is_none()
            && muc.muc.is_empty()
        {
            self.error(t.span.clone(), &t.path, "mục trống").hint =
                Some("cần ít nhất `tieu_de`, `noi_dung`, `nhiem_vu` hoặc mục con".into());
            return None;
        }
        Some(muc)
    }

    /// A value out of a fixed set of ASCII codes.
    pub(super) fn choice_code<T: Copy>(
        &mut self,
        v: &Value<'_>,
        field: &str,
        options: &[(T, &str)],
    ) -> Option<T> {
        let s = self.text_line(v, field, "một lựa chọn")?;
        if let Some((t, _)) = options.iter().find(|(_, code)| *code == s) {
            return Some(*t);
        }
        let codes: Vec<&str> = options.iter().map(|(_, c)| *c).collect();
        let hint = match suggest(&s, &codes) {
            Some(c) => format!("có phải ý bạn là \"{c}\"?"),
            None => format!("chọn một trong: {}", codes.join(", ")),
        };
        self.error(v.span(), field, format!("không có lựa chọn \"{s}\""))
            .hint = Some(hint);
        None
    }

    fn quyet_dinh(&mut self, root: &Table<'_, '_>) -> Option<NoiDung> {
        for key in ["noi_dung", "muc", "ket_luan"] {
            if let Some(v) = root.get(key) {
                self.error(v.span(), key, "quyết định trình bày nội dung theo Điều")
                    .hint = Some("đưa nội dung vào `dieu = ['''…''', '''…''']`".into());
            }
        }
        let tham_quyen = self
            .required(
                root,
                "tham_quyen",
                "thẩm quyền ban hành, ví dụ \"CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TÂY NINH\"",
            )
            .and_then(|v| self.text_line(v, "tham_quyen", "thẩm quyền ban hành"));
        let can_cu = self
            .required(
                root,
                "can_cu",
                "danh sách căn cứ ban hành, mỗi căn cứ một chuỗi",
            )
            .and_then(|v| self.items(v, "can_cu", "căn cứ"));
        let dieu = self
            .required(
                root,
                "dieu",
                "danh sách các Điều, mỗi Điều một chuỗi '''…'''",
            )
            .and_then(|v| match v.get_ref() {
                DeValue::Array(items) if !items.is_empty() => {
                    let mut out = Vec::new();
                    for (i, item) in items.iter().enumerate() {
                        out.push(self.markup(item, &format!("dieu[{i}]"), "nội dung Điều"));
                    }
                    out.into_iter().collect::<Option<Vec<_>>>()
                }
                _ => {
                    self.type_error(v, "dieu", "danh sách (ít nhất một Điều) các chuỗi");
                    None
                }
            });
        Some(NoiDung::QuyetDinh(QuyetDinh {
            tham_quyen: tham_quyen?.to_uppercase(),
            can_cu: can_cu?,
            dieu: dieu?,
        }))
    }

    pub(super) fn phu_luc_list(&mut self, v: &Value<'_>, danh_ba: &DanhBa) -> Option<Vec<PhuLuc>> {
        self.each_table(v, "phu_luc", "các bảng [[phu_luc]]", |l, t| {
            l.phu_luc(t, danh_ba)
        })
    }

    fn phu_luc(&mut self, t: &Table<'_, '_>, danh_ba: &DanhBa) -> Option<PhuLuc> {
        self.check_keys(t, PHU_LUC_KEYS);
        let tieu_de = self
            .required(t, "tieu_de", "tên phụ lục")
            .and_then(|v| self.text_line(v, &t.field("tieu_de"), "tên phụ lục"));
        let noi_dung = self
            .optional(t.get("noi_dung"), |l, v| {
                l.markup(v, &t.field("noi_dung"), "nội dung phụ lục")
            })
            .map(Option::unwrap_or_default);
        let bang = self.optional(t.get("nhiem_vu"), |l, v| {
            let field = t.field("nhiem_vu");
            l.table(v, &field).and_then(|b| l.bang_nhiem_vu(&b))
        });
        let bang_so_lieu = self
            .optional(t.get("bang"), |l, v| {
                l.bang_list(v, &t.field("bang"), danh_ba)
            })
            .map(Option::unwrap_or_default);
        let ngang = self.optional(t.get("ngang"), |l, v| l.boolean(v, &t.field("ngang")));
        let nhan_so = self
            .optional(t.get("nhan"), |l, v| {
                l.choice_code(v, &t.field("nhan"), &[(false, "la_ma"), (true, "so")])
            })
            .map(|n| n.unwrap_or(false));
        let kem_theo = self
            .optional(t.get("kem_theo"), |l, v| l.boolean(v, &t.field("kem_theo")))
            .map(|k| k.unwrap_or(true));
        let trang_tiep = self
            .optional(t.get("so_trang"), |l, v| {
                l.choice_code(
                    v,
                    &t.field("so_trang"),
                    &[(false, "lai_tu_dau"), (true, "tiep")],
                )
            })
            .map(|n| n.unwrap_or(false));
        let phu_luc = PhuLuc {
            tieu_de: tieu_de?.to_uppercase(),
            noi_dung: noi_dung?,
            bang_nhiem_vu: bang?,
            bang: bang_so_lieu?,
            ngang: ngang?,
            nhan_so: nhan_so?,
            kem_theo: kem_theo?,
            trang_tiep: trang_tiep?,
        };
        if phu_luc.noi_dung.is_empty() && phu_luc.bang_nhiem_vu.is_none() && phu_luc.bang.is_empty()
        {
            self.error(t.span.clone(), &t.path, "phụ lục chưa có nội dung")
                .hint = Some("thêm `noi_dung`, bảng số liệu [[phu_luc.bang]] hoặc bảng nhiệm vụ [phu_luc.nhiem_vu]".into());
            return None;
        }
        Some(phu_luc)
    }

    fn bang_nhiem_vu(&mut self, t: &Table<'_, '_>) -> Option<BangNhiemVu> {
        self.check_keys(t, BANG_KEYS);
        let ten_ngan = self
            .optional(t.get("ten_ngan"), |l, v| l.boolean(v, &t.field("ten_ngan")))
            .map(|b| b.unwrap_or(false));
        let cot = match t.get("cot") {
            None => Some(default_columns()),
            Some(v) => self.nhom_cot_list(v, &t.field("cot")),
        };
        Some(BangNhiemVu {
            cot: cot?,
            ten_ngan: ten_ngan?,
        })
    }

    fn nhom_cot_list(&mut self, v: &Value<'_>, field: &str) -> Option<Vec<NhomCot>> {
        let groups = self.column_groups(
            v,
            field,
            "danh sách cột, ví dụ [\"stt\", \"noi_dung\", \"chu_tri\"]",
            &mut |l, v, f| l.column(v, f),
        )?;
        Some(
            groups
                .into_iter()
                .map(|(nhom, cot)| NhomCot { nhom, cot })
                .collect(),
        )
    }

    /// Columns, some under one merged header cell:
    /// `[c, { nhom = "…", cot = [c, c] }, c]`; groups do not nest.
    pub(super) fn column_groups<C>(
        &mut self,
        v: &Value<'_>,
        field: &str,
        expected: &str,
        column: &mut dyn FnMut(&mut Self, &Value<'_>, &str) -> Option<C>,
    ) -> Option<Vec<(Option<String>, Vec<C>)>> {
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
                    let t = self.table(item, &field)?;
                    self.check_keys(&t, NHOM_KEYS);
                    let nhom = self
                        .required(&t, "nhom", "tiêu đề chung của nhóm cột")
                        .and_then(|v| self.text_line(v, &t.field("nhom"), "tiêu đề nhóm cột"));
                    let cot = self
                        .required(&t, "cot", "các cột trong nhóm")
                        .and_then(|v| self.column_groups(v, &t.field("cot"), expected, column))
                        .and_then(|groups| {
                            if groups.iter().any(|(n, _)| n.is_some()) {
                                self.error(
                                    t.span.clone(),
                                    &t.field("cot"),
                                    "nhóm cột chỉ có một tầng",
                                );
                                return None;
                            }
                            Some(groups.into_iter().flat_map(|(_, c)| c).collect())
                        });
                    nhom.and_then(|n| Some((Some(n), cot?)))
                }
                _ => column(self, item, &field).map(|c| (None, vec![c])),
            };
            out.push(group);
        }
        out.into_iter().collect()
    }

    /// "chu_tri", or { ma = "chu_tri", tieu_de = "Cơ quan chủ trì" }.
    fn column(&mut self, v: &Value<'_>, field: &str) -> Option<(CotNhiemVu, String)> {
        let options: Vec<(CotNhiemVu, &str)> =
            CotNhiemVu::ALL.iter().map(|c| (*c, c.code())).collect();
        match v.get_ref() {
            DeValue::Table(_) => {
                let t = self.table(v, field)?;
                self.check_keys(&t, COT_KEYS);
                let cot = self
                    .required(&t, "ma", "mã cột, ví dụ \"chu_tri\"")
                    .and_then(|v| self.choice_code(v, &t.field("ma"), &options));
                let tieu_de = self.optional(t.get("tieu_de"), |l, v| {
                    l.text_line(v, &t.field("tieu_de"), "tiêu đề cột")
                });
                let cot = cot?;
                Some((cot, tieu_de?.unwrap_or_else(|| cot.label().to_string())))
            }
            _ => self
                .choice_code(v, field, &options)
                .map(|c| (c, c.label().to_string())),
        }
    }

    /// Tasks must be shown somewhere, and a layout needs tasks to show; a
    /// phụ lục's "(Kèm theo …)" line needs the agency's running-text name.
    pub(super) fn check_task_placement(
        &mut self,
        root: &Table<'_, '_>,
        noi_dung: &NoiDung,
        nhiem_vu: &[NhiemVu],
        phu_luc: &[PhuLuc],
        co_quan: &CoQuan,
    ) {
        fn laid_out(muc: &[Muc]) -> bool {
            muc.iter().any(|m| m.nhiem_vu.is_some() || laid_out(&m.muc))
        }
        let in_body = matches!(noi_dung, NoiDung::VanBan { muc, .. } if laid_out(muc));
        let in_table = phu_luc.iter().any(|p| p.bang_nhiem_vu.is_some());
        match (nhiem_vu.is_empty(), in_body || in_table) {
            (false, false) => {
                let span = root.get("nhiem_vu").map_or(0..0, |v| v.span());
                self.error(span, "nhiem_vu", "danh sách nhiệm vụ chưa được trình bày ở đâu trong văn bản")
                    .hint = Some(
                    "thêm vào một mục: nhiem_vu = \"theo_don_vi\" hoặc \"tung_nhiem_vu\"; hoặc bảng [phu_luc.nhiem_vu]".into(),
                );
            }
            (true, true) => {
                let span = root
                    .get("muc")
                    .or(root.get("phu_luc"))
                    .map_or(0..0, |v| v.span());
                self.error(
                    span,
                    "nhiem_vu",
                    "văn bản trình bày nhiệm vụ nhưng chưa khai báo nhiệm vụ nào",
                )
                .hint = Some("thêm các bảng [[nhiem_vu]] với noi_dung, chu_tri, thoi_han".into());
            }
            _ => {}
        }
        if phu_luc.iter().any(|p| p.kem_theo) && co_quan.ten_goi.is_none() {
            let span = root.get("co_quan").map_or(0..0, |v| v.span());
            self.error(
                span,
                "co_quan.ten_goi",
                "văn bản có phụ lục cần tên gọi của cơ quan để in dòng \"(Kèm theo … của …)\"",
            )
            .hint = Some("thêm ten_goi = \"UBND tỉnh\" vào bảng [co_quan]".into());
        }
    }
}

fn default_columns() -> Vec<NhomCot> {
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
        cot: vec![(c, c.label().to_string())],
    })
    .collect()
}
