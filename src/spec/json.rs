//! The description as a JSON Schema (draft-07, which taplo and so VS Code's
//! Even Better TOML read): completion, hover help in Vietnamese and
//! underlined mistakes while a clerk types.

use serde_json::{Map, Value as Json, json};

use super::{Key, Need, Table, Value, tables};

/// The schema of a văn bản (and of a batch template, which is one with
/// expressions in its strings and an optional `[bien]`).
pub fn json_schema() -> Json {
    let mut definitions = Map::new();
    for t in tables() {
        definitions.insert(def_name(t), object(t));
    }
    let mut root = object(&super::ROOT);
    let root_map = root.as_object_mut().expect("object() builds an object");
    // One schema for documents and batch templates: a template's own keys.
    if let Some(Json::Object(properties)) = root_map.get_mut("properties") {
        for k in super::MAU.keys {
            properties.insert(k.name.to_string(), property(k));
        }
    }
    root_map.insert(
        "$schema".into(),
        "http://json-schema.org/draft-07/schema#".into(),
    );
    root_map.insert(
        "title".into(),
        "Văn bản hành chính vanban (Nghị định 30/2020/NĐ-CP)".into(),
    );
    root_map.insert("allOf".into(), kind_rules());
    root_map.insert("definitions".into(), Json::Object(definitions));
    root
}

/// The schema as the file `vanban schema` writes (pretty, with a final
/// line break), which is also the committed `vanban.schema.json`.
pub fn json_schema_text() -> String {
    // A `Value` built by `json!` always serialises.
    let mut text = serde_json::to_string_pretty(&json_schema()).unwrap_or_default();
    text.push('\n');
    text
}

/// What depends on the kind (`data/loai_van_ban.toml`): a kind laid out
/// by Điều has thẩm quyền, căn cứ and Điều and no Kính gửi or free body (a
/// kind that may be, such as a nghị quyết, when it has one of them);
/// other kinds need a body. (Kính gửi, which a công văn needs, is not
/// required here: a batch template leaves it out and gets each unit's name.)
fn kind_rules() -> Json {
    let kinds = |pick: fn(&crate::model::LoaiVanBan) -> bool| {
        crate::loai::all()
            .iter()
            .filter(|l| pick(l))
            .map(|l| l.ma.as_str())
            .collect::<Vec<_>>()
    };
    let is = |codes: Vec<&str>| json!({ "properties": { "loai": { "enum": codes } }, "required": ["loai"] });
    let by_dieu = json!({
        "required": ["tham_quyen", "can_cu", "dieu"],
        "not": { "anyOf": [
            { "required": ["kinh_gui"] }, { "required": ["noi_dung"] }, { "required": ["muc"] }
        ] }
    });
    let free = json!({
        "anyOf": [{ "required": ["noi_dung"] }, { "required": ["muc"] }],
        "not": { "anyOf": [
            { "required": ["tham_quyen"] }, { "required": ["can_cu"] }, { "required": ["dieu"] }
        ] }
    });
    let has_dieu = json!({ "anyOf": [
        { "required": ["tham_quyen"] }, { "required": ["can_cu"] }, { "required": ["dieu"] }
    ] });
    json!([
        {
            "if": is(kinds(|l| l.chi_theo_dieu())),
            "then": by_dieu,
            "else": {
                "if": is(kinds(|l| l.theo_dieu())),
                "then": { "if": has_dieu, "then": by_dieu, "else": free },
                "else": free
            }
        }
    ])
}

fn def_name(t: &Table) -> String {
    if t.path.is_empty() {
        return "van_ban".into();
    }
    let name: String = t
        .path
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    name.split('_')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

fn reference(t: &Table) -> Json {
    json!({ "$ref": format!("#/definitions/{}", def_name(t)) })
}

fn object(t: &Table) -> Json {
    let properties: Map<String, Json> = t
        .keys
        .iter()
        .map(|k| (k.name.to_string(), property(k)))
        .collect();
    let required: Vec<&str> = t
        .keys
        .iter()
        .filter(|k| k.need == Need::Yes)
        .map(|k| k.name)
        .collect();
    json!({
        "type": "object",
        "description": t.about,
        "properties": properties,
        "required": required,
        "additionalProperties": false,
        // taplo: the keys a new table of this kind is started with.
        "x-taplo": { "initKeys": required },
    })
}

fn property(k: &Key) -> Json {
    let mut p = match value(&k.value) {
        Json::Object(m) => m,
        other => {
            let mut m = Map::new();
            m.insert("allOf".into(), json!([other]));
            m
        }
    };
    let mut about = k.about.to_string();
    match k.need {
        Need::Yes => about.push_str(" (bắt buộc)"),
        Need::When(when) => about.push_str(&format!(" (bắt buộc: {when})")),
        Need::No => {}
    }
    if let Some(d) = k.default {
        about.push_str(&format!(" Mặc định: {d}."));
    }
    p.insert("description".into(), about.into());
    if let Ok(example) = toml::from_str::<toml::Table>(&format!("x = {}", k.example))
        && let Some(v) = example.get("x")
    {
        p.insert("examples".into(), json!([toml_to_json(v)]));
    }
    Json::Object(p)
}

const LINES: &str = "một chuỗi hoặc danh sách chuỗi";

fn value(v: &Value) -> Json {
    let text = json!({ "type": "string" });
    let text_or_list =
        json!({ "anyOf": [text, { "type": "array", "items": text }], "$comment": LINES });
    match v {
        Value::Text | Value::Markup => text,
        Value::Lines | Value::Items => text_or_list,
        Value::MarkupList => json!({ "type": "array", "items": text, "minItems": 1 }),
        Value::Integer { min, max, digits } => {
            let int = json!({ "type": "integer", "minimum": min, "maximum": max });
            if *digits {
                json!({ "anyOf": [int, { "type": "string", "pattern": "^\\s*[0-9]+\\s*$" }] })
            } else {
                int
            }
        }
        Value::SoVanBan => json!({ "anyOf": [
            { "type": "integer", "minimum": 1, "maximum": 999_999 },
            { "type": "string", "pattern": "^\\s*([0-9]{1,6}|[0-9]{0,6}/[0-9]{4})\\s*$" },
        ] }),
        Value::Bool => json!({ "type": "boolean" }),
        Value::SwitchOrLines => json!({ "anyOf": [{ "type": "boolean" }, text_or_list] }),
        Value::Notes => json!({
            "type": "object",
            "propertyNames": { "pattern": "^[A-Za-z0-9_\\u00C0-\\u1EF9-]{1,32}$" },
            "additionalProperties": text,
        }),
        Value::Reasons(codes) => json!({
            "type": "object",
            "propertyNames": { "enum": codes() },
            "additionalProperties": { "type": "string", "minLength": 1 },
        }),
        // taplo hands TOML dates to the schema as strings.
        Value::Date | Value::Deadline => text,
        Value::Choice(codes) => json!({ "type": "string", "enum": codes() }),
        // Compared without case or diacritics: completion offers the
        // labels, any spelling of them is accepted.
        Value::Label(labels) => {
            json!({ "anyOf": [{ "type": "string", "enum": labels() }, { "type": "string" }] })
        }
        Value::Table(t) => reference(t),
        Value::Tables(t) => json!({ "type": "array", "items": reference(t) }),
        Value::Units(t) => json!({
            "type": "object",
            "propertyNames": { "pattern": "^[a-z][a-z0-9_]*$" },
            "additionalProperties": { "anyOf": [text, reference(t)] },
        }),
        Value::Columns { column, codes } => {
            let code = json!({ "type": "string", "enum": codes() });
            let single = json!({ "anyOf": [code, reference(column)] });
            let group = |items: Json| {
                json!({
                    "type": "object",
                    "properties": {
                        "nhom": { "type": "string", "description": "Tiêu đề chung của nhóm cột" },
                        "cot": { "type": "array", "minItems": 1, "items": items, "description": "Các cột trong nhóm" },
                    },
                    "required": ["nhom", "cot"],
                    "additionalProperties": false,
                })
            };
            // Indicator tables nest groups (header tiers); task tables do not.
            let tiers = if std::ptr::eq(*column, &super::COT) {
                4
            } else {
                1
            };
            let mut items = single.clone();
            for _ in 0..tiers {
                items = json!({ "anyOf": [single.clone(), group(items)] });
            }
            json!({
                "type": "array",
                "minItems": 1,
                "items": items,
            })
        }
        Value::Operations => json!({
            "type": "object",
            "additionalProperties": { "anyOf": [
                { "type": "string", "enum": super::keys::operation_codes() },
                reference(&super::PHEP_TINH),
            ] }
        }),
        Value::Target => json!({ "type": ["number", "string"] }),
        Value::Rows => json!({
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": { "type": ["string", "number"] },
            }
        }),
        Value::Any => json!({ "type": "object" }),
    }
}

fn toml_to_json(v: &toml::Value) -> Json {
    match v {
        toml::Value::String(s) => s.as_str().into(),
        toml::Value::Integer(i) => (*i).into(),
        toml::Value::Float(f) => json!(f),
        toml::Value::Boolean(b) => (*b).into(),
        toml::Value::Datetime(d) => d.to_string().into(),
        toml::Value::Array(a) => a.iter().map(toml_to_json).collect(),
        toml::Value::Table(t) => t
            .iter()
            .map(|(k, v)| (k.clone(), toml_to_json(v)))
            .collect::<Map<_, _>>()
            .into(),
    }
}
