//! The one description of the document format: every table, every key, its
//! type, whether it is required, its default, allowed values, meaning (in
//! Vietnamese) and an example.
//!
//! The loader reads its key lists, "required" messages and allowed values
//! from here; `vanban schema` (the JSON Schema for editors), the README's key
//! tables and the starters of `vanban init` are generated from it. A key
//! the loader reads but this description lacks is refused as unknown by the
//! loader itself, so the two cannot drift apart silently.

mod json;
mod keys;
mod markdown;

pub use json::{json_schema, json_schema_text};
pub use keys::*;
pub use markdown::{readme_rules, readme_sections, readme_table};

/// A TOML table (or each table of an array of tables).
#[derive(Debug)]
pub struct Table {
    /// Its place in a document, as the README and messages write it
    /// (`chu_ky`, `phu_luc.bang`); empty for the top level.
    pub path: &'static str,
    /// One Vietnamese sentence: what the table is.
    pub about: &'static str,
    pub keys: &'static [Key],
}

/// One key of a table.
#[derive(Debug)]
pub struct Key {
    pub name: &'static str,
    pub value: Value,
    pub need: Need,
    /// What the loader asks for when the key is missing ("cần …").
    pub expected: &'static str,
    /// Vietnamese meaning, for the README and editors' hover help.
    pub about: &'static str,
    /// A TOML value, for the README, the schema's examples and starters.
    pub example: &'static str,
    /// What an absent key means, when that is not "nothing".
    pub default: Option<&'static str>,
    /// Its text takes `**đậm**`, `*nghiêng*` and `[^mã]` though it is not
    /// body text (an appendix's title, a column's header).
    pub inline_markup: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Yes,
    No,
    /// Required in some documents only; the text says which.
    When(&'static str),
}

/// The kinds of value a key takes.
#[derive(Debug, Clone, Copy)]
pub enum Value {
    /// One line of text (line breaks become spaces).
    Text,
    /// Lines as the clerk breaks them: a string with line breaks, or a list.
    Lines,
    /// One item or a list of items (recipients, legal bases, units).
    Items,
    /// `true`, `false`, or lines written instead of what `true` makes.
    SwitchOrLines,
    /// Footnote id → its text (`[chu_thich]`).
    Notes,
    /// One of these codes → the reason it applies (`[kiem_tra.bo_qua]`).
    Reasons(fn() -> Vec<&'static str>),
    /// Body text in vanban's markup (`**đậm**`, `[^1]` …).
    Markup,
    /// A list of body texts (a quyết định's Điều).
    MarkupList,
    /// An integer in a range (also a string of digits where `digits`).
    Integer {
        min: i64,
        max: i64,
        digits: bool,
    },
    /// A document's number: an integer (1612), or số/năm ("15/2024", "/2024").
    SoVanBan,
    Bool,
    /// A TOML date (2024-05-31) or a string ("31/5/2024", "5/2024").
    Date,
    /// A TOML date or a deadline written as a clerk writes it.
    Deadline,
    /// One of these codes.
    Choice(fn() -> Vec<&'static str>),
    /// One of these labels, compared without case or diacritics.
    Label(fn() -> Vec<&'static str>),
    Table(&'static Table),
    Tables(&'static Table),
    /// Unit id → a name, or a table like this one (`[don_vi]`).
    Units(&'static Table),
    /// Columns: a code, a table like `column`, or a group `{ nhom, cot }`.
    Columns {
        column: &'static Table,
        codes: fn() -> Vec<&'static str>,
    },
    /// Column code → an operation of a computed row.
    Operations,
    /// A number, or the code of the column holding each row's target.
    Target,
    /// Data rows: column code → a text or a number.
    Rows,
    /// Named values of any TOML type (a batch template's `[bien]`).
    Any,
}

impl Table {
    /// Key names in declared order (the order hints list them in).
    pub fn names(&self) -> Vec<&'static str> {
        self.keys.iter().map(|k| k.name).collect()
    }

    /// The key named `name`. Only the loader's own key names are passed in,
    /// and every one is declared (see the tests).
    pub fn key(&self, name: &str) -> Option<&'static Key> {
        self.keys.iter().find(|k| k.name == name)
    }
}

/// Every table, for generators and tests: the document's top level first.
pub fn tables() -> Vec<&'static Table> {
    vec![
        &ROOT,
        &CO_QUAN,
        &CHU_KY,
        &LIEN_HE,
        &KIEM_TRA,
        &DIEN_TU,
        &NHIEM_VU,
        &DON_VI,
        &MUC,
        &PHU_LUC,
        &VAN_BAN_KEM_THEO,
        &CHUONG,
        &MUC_CHUONG,
        &DIEU,
        &BANG_NHIEM_VU,
        &COT_NHIEM_VU,
        &BANG,
        &COT,
        &TINH,
        &PHEP_TINH,
        &NHOM_COT,
        &DANH_BA,
        &MAU,
    ]
}

/// Whether the value at `path` ("muc[2].noi_dung", "phu_luc[0].bang[1].cot[3].tieu_de",
/// "chu_thich.nguon") is read as vanban's markup: body text, or a line
/// that takes emphasis and footnotes. A batch escapes the values it puts in
/// such text so that they print as written.
pub fn takes_markup(path: &str) -> bool {
    let mut table = &ROOT;
    // Inside a list of cac_cot: the table of one column, which a group
    // `{ nhom, cot }` shares.
    let mut cac_cot: Option<&'static Table> = None;
    let segments: Vec<&str> = path.split('.').collect();
    for (i, segment) in segments.iter().enumerate() {
        let name = segment.split('[').next().unwrap_or(segment);
        let last = i + 1 == segments.len();
        let key = table
            .key(name)
            .or_else(|| cac_cot.and_then(|c| c.key(name)).inspect(|_| table = cac_cot.unwrap_or(table)))
            .or_else(|| NHOM_COT.key(name));
        let Some(key) = key else { return false };
        match key.value {
            Value::Markup | Value::MarkupList | Value::Notes => return true,
            _ if last => return key.inline_markup,
            Value::Table(t) | Value::Tables(t) | Value::Units(t) => {
                table = t;
                cac_cot = None;
            }
            Value::Columns { column, .. } => {
                table = column;
                cac_cot = Some(column);
            }
            // A group's own cac_cot are cac_cot of the same table.
            Value::Items if name == "cot" => {
                if let Some(c) = cac_cot {
                    table = c;
                }
            }
            _ => return false,
        }
    }
    false
}

/// The codes of an enumeration, in declared order.
pub fn codes<T: crate::model::Code>() -> Vec<&'static str> {
    T::ALL.iter().map(|c| c.code()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_ascii_snake_case_with_text() {
        for t in tables() {
            let mut names = t.names();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), t.keys.len(), "duplicate key in [{}]", t.path);
            for k in t.keys {
                assert!(
                    k.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                    "{}",
                    k.name
                );
                assert!(!k.about.is_empty() && !k.expected.is_empty(), "{}", k.name);
                assert!(!k.example.is_empty(), "{} has no example", k.name);
            }
        }
    }

    #[test]
    fn markup_fields_are_read_off_the_description() {
        for path in [
            "noi_dung",
            "muc[2].noi_dung",
            "muc[0].muc[1].noi_dung",
            "dieu[0]",
            "ket_luan",
            "nhiem_vu[3].noi_dung",
            "phu_luc[0].tieu_de",
            "phu_luc[0].tieu_de[1]",
            "phu_luc[0].kem_theo",
            "phu_luc[0].noi_dung",
            "phu_luc[0].bang[1].ghi_chu",
            "phu_luc[0].bang[1].ghi_chu[0]",
            "phu_luc[0].bang[0].cot[2].tieu_de",
            "phu_luc[0].bang[0].cot[1].nhom",
            "phu_luc[0].bang[0].cot[1].cot[0].tieu_de",
            "chu_thich.nguon",
        ] {
            assert!(takes_markup(path), "{path}");
        }
        for path in [
            "trich_yeu",
            "muc[0].tieu_de",
            "phu_luc[0].bang[0].tieu_de",
            "phu_luc[0].nhiem_vu.cot[1].tieu_de",
            "phu_luc[0].bang[0].dong[3].ten",
            "chu_ky.ho_ten",
            "kinh_gui[1]",
            "khong_co",
        ] {
            assert!(!takes_markup(path), "{path}");
        }
    }

    #[test]
    fn examples_are_toml_values_of_their_type() {
        for t in tables() {
            for k in t.keys {
                let text = format!("x = {}", k.example);
                let parsed: toml::Table =
                    toml::from_str(&text).unwrap_or_else(|e| panic!("{}.{}: {e}", t.path, k.name));
                let v = &parsed["x"];
                let ok = match k.value {
                    Value::Text | Value::Markup => v.is_str(),
                    Value::Lines | Value::Items => v.is_str() || v.is_array(),
                    Value::MarkupList | Value::Columns { .. } | Value::Tables(_) => v.is_array(),
                    Value::Integer { .. } => v.is_integer(),
                    Value::SoVanBan => v.is_integer() || v.is_str(),
                    Value::Bool => v.is_bool(),
                    Value::SwitchOrLines => v.is_bool() || v.is_str() || v.is_array(),
                    Value::Notes | Value::Reasons(_) => v.is_table(),
                    Value::Date | Value::Deadline => v.is_str() || v.is_datetime(),
                    Value::Choice(codes) => v.as_str().is_some_and(|s| codes().contains(&s)),
                    Value::Label(labels) => v.as_str().is_some_and(|s| labels().contains(&s)),
                    Value::Table(_) | Value::Units(_) | Value::Operations | Value::Any => {
                        v.is_table()
                    }
                    Value::Target => v.is_integer() || v.is_float() || v.is_str(),
                    Value::Rows => v.is_array(),
                };
                assert!(
                    ok,
                    "{}.{}: example {} is not a {:?}",
                    t.path, k.name, k.example, k.value
                );
            }
        }
    }
}
