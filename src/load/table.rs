//! A TOML table read against its description in `spec`: which keys it
//! may have, which it must, and the generic reading helpers.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::{Loader, Value, suggest};
use crate::error::Diagnostic;
use crate::spec;

/// A table being read, with its dotted path for messages.
pub(super) struct Table<'a, 'i> {
    pub(super) entries: &'a DeTable<'i>,
    pub(super) path: String,
    pub(super) span: Range<usize>,
    /// What the table may hold; `None` for tables keyed by the user (unit
    /// ids, column codes), whose keys the caller checks.
    spec: Option<&'static spec::Table>,
}

impl<'a, 'i> Table<'a, 'i> {
    /// The top level of a file.
    pub(super) fn root(entries: &'a DeTable<'i>, spec: &'static spec::Table) -> Self {
        Table {
            entries,
            path: String::new(),
            span: 0..0,
            spec: Some(spec),
        }
    }

    pub(super) fn get(&self, key: &str) -> Option<&'a Value<'i>> {
        self.entries
            .iter()
            .find(|(k, _)| k.get_ref() == key)
            .map(|(_, v)| v)
    }

    pub(super) fn field(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }
}

impl<'s> Loader<'s> {
    pub(super) fn error(
        &mut self,
        span: Range<usize>,
        field: &str,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let mut d = Diagnostic::at(self.file, self.text, span, message);
        if !field.is_empty() {
            d = d.field(field);
        }
        let index = self.diags.len();
        self.diags.push(d);
        &mut self.diags[index]
    }

    /// Input accepted but not used as written: reported, the document still made.
    pub(super) fn warn(
        &mut self,
        span: Range<usize>,
        field: &str,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        let d = Diagnostic::at(self.file, self.text, span, message)
            .field(field)
            .hint(hint)
            .with_severity(crate::error::Severity::Warning);
        self.warnings.push(d);
    }

    /// An optional field: `Some(None)` when absent, `None` when present but
    /// invalid (the problem is recorded), `Some(Some(x))` otherwise.
    pub(super) fn optional<'v, T>(
        &mut self,
        value: Option<&'v Value<'_>>,
        read: impl FnOnce(&mut Self, &'v Value<'_>) -> Option<T>,
    ) -> Option<Option<T>> {
        match value {
            Some(v) => read(self, v).map(Some),
            None => Some(None),
        }
    }

    /// An optional key of `t`, read by `read` with its field path: the key
    /// is written once.
    pub(super) fn opt<T>(
        &mut self,
        t: &Table<'_, '_>,
        key: &str,
        read: impl FnOnce(&mut Self, &Value<'_>, &str) -> Option<T>,
    ) -> Option<Option<T>> {
        let field = t.field(key);
        self.optional(t.get(key), |l, v| read(l, v, &field))
    }

    /// An array of tables (`[[phu_luc]]`), each read by `read`; every
    /// item's problems are reported, not just the first item's.
    pub(super) fn each_table<T>(
        &mut self,
        v: &Value<'_>,
        field: &str,
        expected: &str,
        spec: &'static spec::Table,
        mut read: impl FnMut(&mut Self, &Table<'_, '_>) -> Option<T>,
    ) -> Option<Vec<T>> {
        let DeValue::Array(items) = v.get_ref() else {
            self.type_error(v, field, expected);
            return None;
        };
        if items.len() > super::value::DANH_SACH_TOI_DA {
            self.too_many(field, items, super::value::DANH_SACH_TOI_DA);
            return None;
        }
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let field = format!("{field}[{i}]");
            out.push(self.table(item, &field, spec).and_then(|t| read(self, &t)));
        }
        out.into_iter().collect()
    }

    /// Reports every key of `table` its description does not have.
    pub(super) fn check_keys(&mut self, table: &Table<'_, '_>) {
        if let Some(spec) = table.spec {
            self.check_keys_in(table, &spec.names());
        }
    }

    /// Reports every key of `table` not in `allowed`.
    pub(super) fn check_keys_in(&mut self, table: &Table<'_, '_>, allowed: &[&str]) {
        for (key, _) in table.entries.iter() {
            let name = key.get_ref().as_ref();
            if allowed.contains(&name) {
                continue;
            }
            let where_ = if table.path.is_empty() {
                "ở đầu tệp".to_string()
            } else {
                format!("trong bảng [{}]", table.path)
            };
            let message = format!("khóa `{name}` không được hỗ trợ {where_}");
            let batch_only = table.path.is_empty() && spec::MAU.key(name).is_some();
            let hint = match suggest(name, allowed) {
                _ if batch_only => {
                    "khóa này chỉ dùng trong văn bản mẫu tạo hàng loạt: vanban batch TỆP_MẪU.toml --data …".to_string()
                }
                Some(s) => format!("có phải ý bạn là `{s}`?"),
                None => format!("các khóa hợp lệ: {}", allowed.join(", ")),
            };
            let field = table.field(name);
            self.error(key.span(), &field, message).hint = Some(hint);
        }
    }

    /// The value of a required key; when it is missing, the message says
    /// what the description expects there.
    pub(super) fn required<'a, 'i>(
        &mut self,
        table: &Table<'a, 'i>,
        key: &str,
    ) -> Option<&'a Value<'i>> {
        let value = table.get(key);
        if value.is_none() {
            let what = table
                .spec
                .and_then(|s| s.key(key))
                .map_or("", |k| k.expected);
            let place = if table.path.is_empty() {
                String::new()
            } else {
                format!(" trong bảng [{}]", table.path)
            };
            let field = table.field(key);
            let message = format!("thiếu trường bắt buộc `{key}`{place}: cần {what}");
            if table.path.is_empty() {
                // A missing top-level key has no place in the file to point at.
                self.diags
                    .push(Diagnostic::file(self.file, message).field(field));
            } else {
                self.error(table.span.clone(), &field, message);
            }
        }
        value
    }

    pub(super) fn type_error(&mut self, v: &Value<'_>, field: &str, expected: &str) {
        let found = type_name(v.get_ref());
        self.error(
            v.span(),
            field,
            format!("cần {expected}, nhưng gặp {found}"),
        );
    }

    /// A table described by `spec`; keys it does not describe are reported.
    pub(super) fn table<'a, 'i>(
        &mut self,
        v: &'a Value<'i>,
        field: &str,
        spec: &'static spec::Table,
    ) -> Option<Table<'a, 'i>> {
        let t = self.table_of(v, field, Some(spec))?;
        self.check_keys(&t);
        Some(t)
    }

    /// A table whose keys the user chooses (unit ids, column codes).
    pub(super) fn map_table<'a, 'i>(
        &mut self,
        v: &'a Value<'i>,
        field: &str,
    ) -> Option<Table<'a, 'i>> {
        self.table_of(v, field, None)
    }

    pub(super) fn table_of<'a, 'i>(
        &mut self,
        v: &'a Value<'i>,
        field: &str,
        spec: Option<&'static spec::Table>,
    ) -> Option<Table<'a, 'i>> {
        match v.get_ref() {
            DeValue::Table(t) => Some(Table {
                entries: t,
                path: field.to_string(),
                span: v.span(),
                spec,
            }),
            _ => {
                self.type_error(v, field, &format!("một bảng [{field}]"));
                None
            }
        }
    }
}

pub(super) fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "một chuỗi",
        DeValue::Integer(_) => "một số nguyên",
        DeValue::Float(_) => "một số thực",
        DeValue::Boolean(_) => "giá trị true/false",
        DeValue::Datetime(_) => "một ngày giờ",
        DeValue::Array(_) => "một danh sách",
        DeValue::Table(_) => "một bảng",
    }
}
