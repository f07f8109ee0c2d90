//! Units: the directory (`danh_ba`), the document's `[don_vi]`, and unit
//! references in Kính gửi, Nơi nhận, tasks and tables.

use std::ops::Range;
use std::path::PathBuf;

use toml::de::{DeTable, DeValue};

use super::{Loader, Table, Value, strip_item_punctuation, suggest, syntax_message};
use crate::model::{DanhBa, DonVi};
use crate::spec;

/// Unit directories shipped in the binary, by the name `danh_ba` gives.
const BUILTIN: &[(&str, &str)] = &[("tay-ninh", include_str!("../../data/don_vi/tay-ninh.toml"))];

/// Whether `danh_ba = "name"` names a file (rather than a bundled directory).
pub(crate) fn names_file(name: &str) -> bool {
    !BUILTIN.iter().any(|(n, _)| *n == name) && (name.ends_with(".toml") || name.contains(['/', '\\']))
}

/// A unit id: lower-case ASCII letters, digits and "_", starting with a letter.
/// Anything else in a unit field is a name written out in full.
pub(crate) fn is_id(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

impl Loader<'_> {
    /// The units directory (`danh_ba`) with the document's own `[don_vi]` on
    /// top. `None` when either has errors, so that unit references are not
    /// reported a second time as unknown.
    pub(super) fn danh_ba(&mut self, root: &Table<'_, '_>) -> Option<DanhBa> {
        let errors_before = self.diags.len();
        let mut danh_ba = DanhBa::default();
        if let Some(v) = root.get("danh_ba")
            && let Some(name) = self.text_line(
                v,
                "danh_ba",
                "tên danh bạ có sẵn (\"tay-ninh\") hoặc đường dẫn tệp .toml",
            )
        {
            self.read_directory(&name, v.span(), &mut danh_ba);
        }
        if let Some(t) = root.get("don_vi").and_then(|v| self.map_table(v, "don_vi")) {
            self.don_vi_table(&t, &mut danh_ba);
        }
        (self.diags.len() == errors_before).then_some(danh_ba)
    }

    pub(super) fn read_directory(&mut self, name: &str, span: Range<usize>, danh_ba: &mut DanhBa) {
        let (path, text) = if let Some((_, text)) = BUILTIN.iter().find(|(n, _)| *n == name) {
            (
                PathBuf::from(format!("data/don_vi/{name}.toml")),
                text.to_string(),
            )
        } else if name.ends_with(".toml") || name.contains(['/', '\\']) {
            let Some(path) = self.resolve(name, span.clone(), "danh_ba") else {
                return;
            };
            match super::read_text(&path) {
                Ok(text) => (path, text),
                Err(crate::Error::Input(diags)) => {
                    for d in diags {
                        let reason = d.message.trim_start_matches("không đọc được tệp: ");
                        let message =
                            format!("không đọc được danh bạ {}: {reason}", path.display());
                        self.error(span.clone(), "danh_ba", message).hint =
                            Some("đường dẫn tính từ thư mục chứa tệp văn bản".into());
                    }
                    return;
                }
                Err(_) => return,
            }
        } else {
            let names: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
            let hint = match suggest(name, &names) {
                Some(s) => format!("có phải ý bạn là \"{s}\"?"),
                None => format!(
                    "các danh bạ có sẵn: {}; hoặc ghi đường dẫn tệp .toml",
                    names.join(", ")
                ),
            };
            self.error(
                span,
                "danh_ba",
                format!("không có danh bạ có sẵn tên \"{name}\""),
            )
            .hint = Some(hint);
            return;
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let mut sub = Loader::new(&path, text, &super::Options::default());
        match DeTable::parse(text) {
            Ok(root) => {
                let root = Table::root(root.get_ref(), &spec::DANH_BA);
                sub.check_keys(&root);
                match root.get("don_vi") {
                    Some(v) => {
                        if let Some(t) = sub.map_table(v, "don_vi") {
                            sub.don_vi_table(&t, danh_ba);
                        }
                    }
                    None => {
                        sub.error(0..0, "don_vi", "danh bạ chưa có bảng [don_vi]");
                    }
                }
            }
            Err(e) => {
                let message = syntax_message(e.message());
                sub.error(e.span().unwrap_or(0..0), "", message);
            }
        }
        self.diags.append(&mut sub.diags);
        self.warnings.append(&mut sub.warnings);
    }

    pub(super) fn don_vi_table(&mut self, t: &Table<'_, '_>, danh_ba: &mut DanhBa) {
        for (key, v) in t.entries.iter() {
            let ma = key.get_ref().as_ref();
            let field = t.field(ma);
            if !is_id(ma) {
                let folded = super::fold(ma);
                let hint = if is_id(&folded) {
                    format!("ví dụ `{folded}`")
                } else {
                    "ví dụ `so_tu_phap`".to_string()
                };
                self.error(
                    key.span(),
                    &field,
                    "mã đơn vị chỉ gồm chữ thường không dấu, chữ số và dấu _, bắt đầu bằng chữ",
                )
                .hint = Some(hint);
                continue;
            }
            let unit = match v.get_ref() {
                DeValue::String(_) => self
                    .text_line(v, &field, "tên đơn vị")
                    .map(|ten| (ten, None, Vec::new())),
                DeValue::Table(_) => self.table(v, &field, &spec::DON_VI).and_then(|u| {
                    let ten = self
                        .required(&u, "ten")
                        .and_then(|v| self.text_line(v, &u.field("ten"), "tên đơn vị"));
                    let ten_ngan =
                        self.opt(&u, "ten_ngan", |l, v, f| l.text_line(v, f, "tên viết tắt"));
                    let thuoc = self.optional(u.get("thuoc"), |l, v| {
                        let field = u.field("thuoc");
                        let ids = l.items(v, &field, "mã nhóm đơn vị")?;
                        match ids.iter().find(|id| !is_id(id)) {
                            Some(bad) => {
                                l.error(
                                    v.span(),
                                    &field,
                                    format!("'{bad}' không phải mã nhóm đơn vị"),
                                )
                                .hint = Some(
                                    "ghi mã của nhóm trong danh bạ, ví dụ \"so_ban_nganh\"".into(),
                                );
                                None
                            }
                            None => Some(ids),
                        }
                    });
                    Some((ten?, ten_ngan?, thuoc?.unwrap_or_default()))
                }),
                _ => {
                    self.type_error(
                        v,
                        &field,
                        "tên đơn vị (chuỗi) hoặc bảng { ten = \"…\", ten_ngan = \"…\" }",
                    );
                    None
                }
            };
            if let Some((ten, ten_ngan, thuoc)) = unit {
                danh_ba.insert(DonVi {
                    ma: Some(ma.to_string()),
                    ten,
                    ten_ngan,
                    thuoc,
                });
            }
        }
    }

    /// A unit named by id (looked up) or by its full name (kept as written).
    pub(super) fn don_vi_ref(
        &mut self,
        item: &str,
        span: Range<usize>,
        field: &str,
        danh_ba: &DanhBa,
    ) -> Option<DonVi> {
        if !is_id(item) {
            return Some(DonVi {
                ma: None,
                ten: item.to_string(),
                ten_ngan: None,
                thuoc: Vec::new(),
            });
        }
        let missing = match danh_ba.tim(item) {
            Ok(unit) => return Some(unit.clone()),
            Err(missing) => missing,
        };
        let hint = match missing.gan_nhat {
            Some(u) => format!(
                "có phải ý bạn là `{}` ({})?",
                u.ma.as_deref().unwrap_or_default(),
                u.ten
            ),
            None => format!(
                "khai báo trong bảng [don_vi] ({item} = \"Tên đơn vị\"), dùng danh_ba = \"tay-ninh\", \
                 hoặc ghi tên đầy đủ có dấu"
            ),
        };
        self.error(span, field, missing.to_string()).hint = Some(hint);
        None
    }

    /// One unit or a list of them.
    pub(super) fn don_vi_list(
        &mut self,
        v: &Value<'_>,
        field: &str,
        danh_ba: &DanhBa,
    ) -> Option<Vec<DonVi>> {
        let values: Vec<(&Value<'_>, String)> = match v.get_ref() {
            DeValue::String(_) => vec![(v, field.to_string())],
            DeValue::Array(items) if items.len() > super::value::DANH_SACH_TOI_DA => {
                self.too_many(field, items, super::value::DANH_SACH_TOI_DA);
                return None;
            }
            DeValue::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| (item, format!("{field}[{i}]")))
                .collect(),
            _ => {
                self.type_error(
                    v,
                    field,
                    "một chuỗi hoặc danh sách chuỗi (mã hoặc tên đơn vị)",
                );
                return None;
            }
        };
        if values.is_empty() {
            self.error(v.span(), field, "danh sách rỗng: cần ít nhất một đơn vị");
            return None;
        }
        let mut out = Vec::new();
        for (item, item_field) in values {
            let unit = self
                .text_line(item, &item_field, "mã hoặc tên đơn vị")
                .and_then(|s| {
                    self.don_vi_ref(
                        &strip_item_punctuation(&s),
                        item.span(),
                        &item_field,
                        danh_ba,
                    )
                });
            out.push(unit);
        }
        out.into_iter().collect()
    }

    /// Recipients: required for công văn and tờ trình, absent from quyết định.
    pub(super) fn kinh_gui(
        &mut self,
        root: &Table<'_, '_>,
        loai: &crate::model::LoaiVanBan,
        danh_ba: &DanhBa,
    ) -> Option<Vec<String>> {
        let rule = loai.kinh_gui;
        match root.get("kinh_gui") {
            None if rule == crate::model::KinhGui::BatBuoc => {
                self.required(root, "kinh_gui");
                None
            }
            None => Some(Vec::new()),
            Some(v) if rule == crate::model::KinhGui::Khong => {
                self.error(
                    v.span(),
                    "kinh_gui",
                    "quyết định không có phần \"Kính gửi\"",
                )
                .hint =
                    Some("xóa `kinh_gui`; nơi thi hành ghi trong Điều cuối và `noi_nhan`".into());
                None
            }
            Some(v) => {
                let units = self.don_vi_list(v, "kinh_gui", danh_ba)?;
                Some(units.into_iter().map(|u| u.ten).collect())
            }
        }
    }
}
