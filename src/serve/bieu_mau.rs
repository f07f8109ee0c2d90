//! The form beside the TOML text, made from the one description of the
//! format (`spec`): which fields it shows, their values read off the text,
//! and a field's new value written into the text with `toml_edit`, so the
//! clerk's comments, key order and layout stay as they were.

use serde_json::{Value as Json, json};
use toml_edit::{Array, DocumentMut, Item, Table, value};

use crate::spec::{self, Key, Value};

/// The tables whose plain keys the form shows, beside the top level.
fn bang() -> [(&'static str, &'static spec::Table); 3] {
    [
        ("co_quan", &spec::CO_QUAN),
        ("chu_ky", &spec::CHU_KY),
        ("lien_he", &spec::LIEN_HE),
    ]
}

/// How the page edits a key's value: a line, lines (one item a line), a
/// choice, a switch, body text; `None` for values edited in the TOML tab.
pub(super) fn kieu(v: &Value) -> Option<(&'static str, Vec<&'static str>)> {
    Some(match v {
        Value::Text | Value::Date | Value::Deadline => ("dong", Vec::new()),
        Value::Integer { .. } | Value::SoVanBan => ("so", Vec::new()),
        Value::Lines | Value::Items => ("cac_dong", Vec::new()),
        Value::Markup => ("van_ban", Vec::new()),
        Value::Bool => ("bat_tat", Vec::new()),
        Value::Choice(codes) | Value::Label(codes) => ("chon", codes()),
        _ => return None,
    })
}

fn truong(duong_dan: String, k: &Key) -> Option<Json> {
    let (kieu, chon) = kieu(&k.value)?;
    Some(json!({
        "khoa": duong_dan,
        "nhan": k.about,
        "kieu": kieu,
        "chon": chon,
        "bat_buoc": matches!(k.need, spec::Need::Yes),
        "vi_du": k.example,
    }))
}

/// The form's fields, in the description's order: the top level's plain
/// keys, then those of `[co_quan]`, `[chu_ky]` and `[lien_he]`.
pub(super) fn mo_ta() -> Json {
    let mut out: Vec<Json> = spec::ROOT
        .keys
        .iter()
        .filter_map(|k| truong(k.name.to_string(), k))
        .collect();
    for (ten, t) in bang() {
        out.extend(
            t.keys
                .iter()
                .filter_map(|k| truong(format!("{ten}.{}", k.name), k)),
        );
    }
    Json::Array(out)
}

/// The value of every field the form shows, read off `text` (a field not
/// written is absent); `None` when the text is not TOML.
pub(super) fn gia_tri(text: &str) -> Option<Json> {
    let doc: DocumentMut = text.parse().ok()?;
    let mut out = serde_json::Map::new();
    let mut read = |path: String, item: Option<&Item>| {
        let shown = match item.and_then(Item::as_value) {
            Some(toml_edit::Value::String(s)) => json!(s.value()),
            Some(toml_edit::Value::Integer(i)) => json!(i.value().to_string()),
            Some(toml_edit::Value::Boolean(b)) => json!(b.value()),
            Some(toml_edit::Value::Datetime(d)) => json!(d.value().to_string()),
            Some(toml_edit::Value::Array(a)) => {
                json!(a.iter().filter_map(|v| v.as_str()).collect::<Vec<_>>())
            }
            _ => return,
        };
        out.insert(path, shown);
    };
    for k in spec::ROOT.keys {
        read(k.name.to_string(), doc.get(k.name));
    }
    for (ten, t) in bang() {
        for k in t.keys {
            read(
                format!("{ten}.{}", k.name),
                doc.get(ten).and_then(|b| b.get(k.name)),
            );
        }
    }
    Some(Json::Object(out))
}

/// `text` with field `khoa` ("so", "chu_ky.ho_ten") set to `moi` (a string,
/// a list of strings, a switch; `null` or "" removes the key), everything
/// else as it was. Only the form's fields may be set.
pub(super) fn dat(text: &str, khoa: &str, moi: &Json) -> Result<String, String> {
    let field = mo_ta();
    let known = field
        .as_array()
        .and_then(|f| f.iter().find(|f| f["khoa"] == khoa))
        .ok_or_else(|| format!("biểu mẫu không có trường `{khoa}`"))?;
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|_| "tệp TOML đang có lỗi cú pháp: sửa ở thẻ TOML trước".to_string())?;
    let (table, key) = match khoa.split_once('.') {
        Some((t, k)) => {
            let entry = doc.entry(t).or_insert(Item::Table(Table::new()));
            let table = entry
                .as_table_like_mut()
                .ok_or_else(|| format!("`{t}` trong tệp không phải một bảng"))?;
            (table, k)
        }
        None => (doc.as_table_mut() as &mut dyn toml_edit::TableLike, khoa),
    };
    let new = gia_tri_moi(known["kieu"].as_str().unwrap_or_default(), moi)
        .map_err(|e| format!("giá trị của `{khoa}` {e}"))?;
    crate::edit::set(table, key, new);
    Ok(doc.to_string())
}

/// A value from the page as TOML for a field of kind `kieu`: a number where
/// one is meant, lines as a list, body text as written; `None` (remove the
/// key) for nothing. `o` is a table cell: digits alone are a number, the
/// rest text the loader reads with the table's decimal mark.
pub(super) fn gia_tri_moi(kieu: &str, moi: &Json) -> Result<Option<Item>, String> {
    Ok(match moi {
        Json::Null => None,
        Json::String(s) if s.trim().is_empty() => None,
        Json::String(s) if kieu == "so" || kieu == "o" => {
            let s = s.trim();
            let digits = s.strip_prefix('-').unwrap_or(s);
            match s.parse::<i64>() {
                Ok(n) if digits.bytes().all(|b| b.is_ascii_digit()) => Some(value(n)),
                _ => Some(value(s)),
            }
        }
        Json::String(s) if kieu == "van_ban" => Some(value(s.as_str())),
        Json::String(s) => Some(value(s.trim())),
        Json::Bool(b) => Some(value(*b)),
        Json::Array(items) => {
            let items: Vec<&str> = items
                .iter()
                .filter_map(Json::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            match items.as_slice() {
                [] => None,
                [one] => Some(value(*one)),
                _ => Some(value(Array::from_iter(items))),
            }
        }
        _ => return Err("không hợp lệ".into()),
    })
}

/// `text` with rule `ma` switched off for `ly_do` (`[kiem_tra.bo_qua]`).
pub(super) fn bo_qua(text: &str, ma: &str, ly_do: &str) -> Result<String, String> {
    if !crate::spec::codes::<crate::model::QuyTac>().contains(&ma) {
        return Err(format!("không có quy tắc {ma}"));
    }
    if ly_do.trim().is_empty() {
        return Err("cần ghi lý do bỏ qua quy tắc".into());
    }
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|_| "tệp TOML đang có lỗi cú pháp: sửa ở thẻ TOML trước".to_string())?;
    let kiem_tra = doc.entry("kiem_tra").or_insert(Item::Table(Table::new()));
    let bo_qua = kiem_tra
        .as_table_like_mut()
        .ok_or("`kiem_tra` trong tệp không phải một bảng")?
        .entry("bo_qua")
        .or_insert(Item::Value(toml_edit::Value::InlineTable(
            Default::default(),
        )));
    let t = bo_qua
        .as_table_like_mut()
        .ok_or("`kiem_tra.bo_qua` trong tệp không phải một bảng")?;
    t.insert(ma, value(ly_do.trim()));
    Ok(doc.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "# Số văn bản\nso = 12 # văn thư cấp\nky_hieu = \"UBND-VP\"\n\n[chu_ky]\n# người ký\nho_ten = \"A\"\n";

    #[test]
    fn a_field_changes_and_the_rest_stays_as_written() {
        let out = dat(TEXT, "chu_ky.ho_ten", &json!("Nguyễn Văn B")).unwrap();
        assert_eq!(out, TEXT.replace("\"A\"", "\"Nguyễn Văn B\""));
        let out = dat(TEXT, "so", &json!("15")).unwrap();
        assert!(out.contains("# Số văn bản\nso = 15"), "{out}");
        let out = dat(TEXT, "noi_nhan", &json!(["Như trên", "Lưu: VT"])).unwrap();
        assert!(
            out.contains("noi_nhan = [\"Như trên\", \"Lưu: VT\"]"),
            "{out}"
        );
        let out = dat(TEXT, "so", &json!("")).unwrap();
        assert!(!out.contains("so ="), "{out}");
        assert!(dat(TEXT, "bien", &json!("x")).is_err());
        assert_eq!(gia_tri(TEXT).unwrap()["chu_ky.ho_ten"], "A");
        let out = bo_qua(TEXT, "VB003", "Văn bản không có đơn vị soạn thảo riêng").unwrap();
        assert!(
            out.contains("VB003 = \"Văn bản không có đơn vị soạn thảo riêng\""),
            "{out}"
        );
        assert!(bo_qua(TEXT, "VB999", "x").is_err());
    }
}
