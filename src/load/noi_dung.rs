//! The parts that depend on the document kind: `loai`, the body (free text,
//! `[[muc]]` sections, or a quyết định's căn cứ and Điều).

use toml::de::DeValue;

use super::{Loader, Table, Value, suggest};
use crate::model::*;
use crate::spec;

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
        if loai.theo_dieu() {
            return self.theo_dieu(root, loai);
        }
        for key in ["tham_quyen", "can_cu", "dieu"] {
            if let Some(v) = root.get(key) {
                let kinds: Vec<&crate::model::LoaiVanBan> = crate::loai::theo_dieu().collect();
                let names: Vec<String> = kinds.iter().map(|l| l.ten.to_lowercase()).collect();
                let codes: Vec<String> = kinds.iter().map(|l| format!("loai = \"{}\"", l.ma)).collect();
                self.error(
                    v.span(),
                    key,
                    format!("chỉ dùng trong {} (văn bản trình bày theo Điều)", names.join(", ")),
                )
                .hint = Some(format!("thêm {}, hoặc đưa vào `noi_dung`", codes.join(" hoặc ")));
            }
        }
        let loi_dan = self
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
        let (loi_dan, muc, ket_luan) = (loi_dan?, muc?, ket_luan?);
        if loi_dan.is_empty() && muc.is_empty() {
            self.required(root, "noi_dung");
            return None;
        }
        Some(NoiDung::TuDo {
            loi_dan,
            muc,
            ket_luan,
        })
    }

    pub(super) fn muc_list(
        &mut self,
        v: &Value<'_>,
        field: &str,
        depth: usize,
    ) -> Option<Vec<Muc>> {
        let DeValue::Array(items) = v.get_ref() else {
            self.type_error(v, field, &format!("các bảng [[{field}]]"));
            return None;
        };
        if items.len() > super::value::DANH_SACH_TOI_DA {
            self.too_many(field, items, super::value::DANH_SACH_TOI_DA);
            return None;
        }
        if depth >= MAX_DEPTH {
            self.error(v.span(), field, "mục lồng quá 3 cấp (I. → 1. → 1.1.)")
                .hint = Some("gộp bớt cấp mục, hoặc viết các ý nhỏ trong `noi_dung`".into());
            return None;
        }
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let field = format!("{field}[{i}]");
            out.push(
                self.table(item, &field, &spec::MUC)
                    .and_then(|t| self.muc(&t, depth)),
            );
        }
        out.into_iter().collect()
    }

    pub(super) fn muc(&mut self, t: &Table<'_, '_>, depth: usize) -> Option<Muc> {
        let tieu_de = self.opt(t, "tieu_de", |l, v, f| {
            l.text_line(v, f, "tên mục, ví dụ \"MỤC ĐÍCH, YÊU CẦU\"")
        });
        let noi_dung = self
            .opt(t, "noi_dung", |l, v, f| l.markup(v, f, "nội dung của mục"))
            .map(Option::unwrap_or_default);
        let nhiem_vu = self.opt(t, "nhiem_vu", |l, v, f| l.code(v, f));
        let muc = self
            .opt(t, "muc", |l, v, f| l.muc_list(v, f, depth + 1))
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

    pub(super) fn theo_dieu(&mut self, root: &Table<'_, '_>, loai: &LoaiVanBan) -> Option<NoiDung> {
        for key in ["noi_dung", "muc"] {
            if let Some(v) = root.get(key) {
                let ten = loai.ten.to_lowercase();
                self.error(v.span(), key, format!("{ten} trình bày nội dung theo Điều"))
                    .hint = Some("đưa nội dung vào `dieu = [\'\'\'…\'\'\', \'\'\'…\'\'\']`; đoạn sau Điều cuối (câu thông qua) vào `ket_luan`".into());
            }
        }
        let tham_quyen = self
            .required(root, "tham_quyen")
            .and_then(|v| self.lines(v, "tham_quyen", "thẩm quyền ban hành"));
        let ket_luan = self
            .optional(root.get("ket_luan"), |l, v| l.markup(v, "ket_luan", "đoạn sau Điều cuối"))
            .map(Option::unwrap_or_default);
        let can_cu = self
            .required(root, "can_cu")
            .and_then(|v| self.items(v, "can_cu", "căn cứ"));
        let dieu = self.required(root, "dieu").and_then(|v| match v.get_ref() {
            DeValue::Array(items) if items.len() > super::value::DANH_SACH_TOI_DA => {
                self.too_many("dieu", items, super::value::DANH_SACH_TOI_DA);
                None
            }
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
        Some(NoiDung::TheoDieu(TheoDieu {
            tham_quyen: tham_quyen?.iter().map(|l| l.to_uppercase()).collect(),
            can_cu: can_cu?,
            dieu: dieu?,
            ket_luan: ket_luan?,
        }))
    }

    /// Tasks must be shown somewhere, and a layout needs tasks to show; a
    /// phụ lục's "(Kèm theo …)" line needs the agency's running-text name.
    pub(super) fn check_task_placement(
        &mut self,
        root: &Table<'_, '_>,
        noi_dung: &NoiDung,
        nhiem_vu: &[NhiemVu],
        phu_luc: &[PhuLuc],
        van_ban_kem_theo: &[VanBanKemTheo],
        co_quan: &CoQuan,
    ) {
        fn laid_out(muc: &[Muc]) -> bool {
            muc.iter().any(|m| m.nhiem_vu.is_some() || laid_out(&m.muc))
        }
        let in_body = matches!(noi_dung, NoiDung::TuDo { muc, .. } if laid_out(muc));
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
        if (phu_luc.iter().any(|p| p.kem_theo == KemTheo::TuDong)
            || van_ban_kem_theo.iter().any(|k| k.kem_theo == KemTheo::TuDong))
            && co_quan.ten_goi.is_none()
        {
            let span = root.get("co_quan").map_or(0..0, |v| v.span());
            self.error(
                span,
                "co_quan.ten_goi",
                "văn bản có phụ lục hay văn bản kèm theo cần tên gọi của cơ quan để in dòng \"(Kèm theo … của …)\"",
            )
            .hint = Some("thêm ten_goi = \"UBND tỉnh\" vào bảng [co_quan]".into());
        }
    }
}

impl Loader<'_> {
    /// Items of one list look alike, so one item without a final stop
    /// makes its siblings headings too. That is said whenever it happens,
    /// once per list, at the item that caused it: a typo must not turn a
    /// whole Quy chế bold in silence.
    pub(super) fn spread_headings(
        &mut self,
        v: &Value<'_>,
        field: &str,
        blocks: &[Block],
        content_start: Option<usize>,
    ) {
        let mut lists: Vec<(usize, Vec<&str>)> = Vec::new();
        for b in blocks {
            if let ViSao::CungCap(by) = b.vi_sao {
                let nhan = b.so_muc.as_ref().map_or("", |m| m.nhan.as_str());
                match lists.iter_mut().find(|(l, _)| *l == by) {
                    Some((_, items)) => items.push(nhan),
                    None => lists.push((by, vec![nhan])),
                }
            }
        }
        for (by, items) in lists {
            let Some(cause) = blocks.get(by) else { continue };
            let span = match content_start {
                Some(start) => start + cause.vi_tri.start..start + cause.vi_tri.end,
                None => v.span(),
            };
            let text = text_only(&cause.runs);
            let short: String = text.chars().take(40).collect();
            let shown = if short.len() < text.len() { format!("{short}…") } else { short };
            let listed = items
                .iter()
                .take(5)
                .map(|n| format!("\"{n}\""))
                .collect::<Vec<_>>()
                .join(", ");
            let why = if cause.vi_sao == ViSao::Danh {
                "được đánh dấu là đề mục (#)"
            } else {
                "không có dấu câu cuối nên là đề mục (in đậm)"
            };
            let more = if items.len() > 5 { format!(" và {} mục khác", items.len() - 5) } else { String::new() };
            self.warn(
                span,
                field,
                format!(
                    "mục \"{shown}\" {why}, và vì các mục một danh sách trình bày như nhau, {listed}{more} cũng in đậm dù có dấu câu cuối"
                ),
                "nếu mục này không phải đề mục: thêm dấu chấm cuối, hoặc viết \\ ở đầu mục; nếu đúng là các đề mục: viết # ở đầu từng mục để hết cảnh báo",
            );
        }
    }
}
