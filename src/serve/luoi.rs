//! The form's grids: tasks (`[[nhiem_vu]]`), units (`[don_vi]`) and the
//! rows written inline in an appendix table (`[[phu_luc.bang]]`'s `dong`),
//! read off the TOML text and changed one cell, one added or removed row at
//! a time with `toml_edit`, so everything else in the file stays as the
//! clerk wrote it. A grid is named by where it lives: "nhiem_vu",
//! "don_vi", "phu_luc.0.bang.1".

use serde_json::{Value as Json, json};
use toml_edit::{ArrayOfTables, DocumentMut, InlineTable, Item, Table, TableLike, value};

use super::bieu_mau::{gia_tri_moi, kieu};
use crate::spec;

/// The rows of an array of tables, written as `[[…]]` or inline.
fn hang(item: &Item) -> Vec<&dyn TableLike> {
    match item {
        Item::ArrayOfTables(a) => a.iter().map(|t| t as &dyn TableLike).collect(),
        Item::Value(toml_edit::Value::Array(a)) => a
            .iter()
            .filter_map(|v| v.as_inline_table().map(|t| t as &dyn TableLike))
            .collect(),
        _ => Vec::new(),
    }
}

fn hang_mut(item: &mut Item, i: usize) -> Option<&mut dyn TableLike> {
    match item {
        Item::ArrayOfTables(a) => a.get_mut(i).map(|t| t as &mut dyn TableLike),
        Item::Value(toml_edit::Value::Array(a)) => a
            .get_mut(i)
            .and_then(|v| v.as_inline_table_mut())
            .map(|t| t as &mut dyn TableLike),
        _ => None,
    }
}

/// A cell as the page shows it: text, a list one item a line.
fn o(item: Option<&Item>) -> String {
    match item.and_then(Item::as_value) {
        Some(toml_edit::Value::String(s)) => s.value().clone(),
        Some(toml_edit::Value::Array(a)) => a
            .iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), String::from))
            .collect::<Vec<_>>()
            .join("\n"),
        Some(v) => v.to_string().trim().to_string(),
        None => String::new(),
    }
}

/// The columns of a task grid: the plain keys of `[[nhiem_vu]]`.
fn cot_nhiem_vu() -> Vec<Json> {
    spec::NHIEM_VU
        .keys
        .iter()
        .filter_map(|k| {
            let (kieu, _) = kieu(&k.value)?;
            let nhan = k
                .about
                .split(/* the field's name */ [':', '(', ','])
                .next()?;
            Some(json!({ "ma": k.name, "nhan": nhan.trim(), "kieu": kieu }))
        })
        .collect()
}

fn cot_don_vi() -> Vec<Json> {
    vec![
        json!({ "ma": "ma", "nhan": "Mã", "kieu": "dong" }),
        json!({ "ma": "ten", "nhan": "Tên đầy đủ", "kieu": "dong" }),
        json!({ "ma": "ten_ngan", "nhan": "Tên ngắn", "kieu": "dong" }),
        json!({ "ma": "thuoc", "nhan": "Thuộc nhóm (mã)", "kieu": "cac_dong" }),
    ]
}

/// An appendix table's columns, groups opened: `(code, header)`; the STT
/// column is numbered, not typed.
fn cot_bang(cot: Option<&Item>) -> Vec<(String, String)> {
    fn walk(v: &toml_edit::Value, out: &mut Vec<(String, String)>) {
        match v {
            toml_edit::Value::InlineTable(t) => {
                if let Some(cot) = t.get("cot").and_then(|c| c.as_array()) {
                    cot.iter().for_each(|c| walk(c, out));
                } else if let Some(ma) = t.get("ma").and_then(|m| m.as_str())
                    && ma != "stt"
                {
                    let tieu_de = t.get("tieu_de").and_then(|t| t.as_str()).unwrap_or(ma);
                    out.push((ma.to_string(), tieu_de.to_string()));
                }
            }
            toml_edit::Value::Array(a) => a.iter().for_each(|c| walk(c, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Some(v) = cot.and_then(Item::as_value) {
        walk(v, &mut out);
    }
    out
}

/// Every grid of the document, with its columns and cells; `None` when the
/// text is not TOML.
pub(super) fn doc(text: &str) -> Option<Json> {
    let doc: DocumentMut = text.parse().ok()?;
    let mut out = Vec::new();
    let cot = cot_nhiem_vu();
    let dong: Vec<Vec<String>> = doc
        .get("nhiem_vu")
        .map(hang)
        .unwrap_or_default()
        .iter()
        .map(|t| {
            cot.iter()
                .map(|c| o(t.get(c["ma"].as_str().unwrap_or_default())))
                .collect()
        })
        .collect();
    out.push(json!({ "bang": "nhiem_vu", "ten": "Nhiệm vụ", "cot": cot, "dong": dong }));
    let don_vi: Vec<Vec<String>> = doc
        .get("don_vi")
        .and_then(Item::as_table_like)
        .map(|t| {
            t.iter()
                .map(|(ma, v)| match v.as_table_like() {
                    Some(t) => vec![
                        ma.to_string(),
                        o(t.get("ten")),
                        o(t.get("ten_ngan")),
                        o(t.get("thuoc")),
                    ],
                    None => vec![ma.to_string(), o(Some(v)), String::new(), String::new()],
                })
                .collect()
        })
        .unwrap_or_default();
    out.push(json!({ "bang": "don_vi", "ten": "Đơn vị (danh bạ riêng của văn bản)", "cot": cot_don_vi(), "dong": don_vi }));
    for (i, pl) in doc
        .get("phu_luc")
        .map(hang)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        for (j, b) in pl
            .get("bang")
            .map(hang)
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let ten = format!(
                "Phụ lục {} · bảng {}{}",
                i + 1,
                j + 1,
                b.get("tieu_de")
                    .and_then(|t| t.as_str())
                    .map(|t| format!(": {t}"))
                    .unwrap_or_default()
            );
            let cot = cot_bang(b.get("cot"));
            let mut grid = json!({
                "bang": format!("phu_luc.{i}.bang.{j}"),
                "ten": ten,
                "cot": cot.iter().map(|(ma, nhan)| json!({ "ma": ma, "nhan": nhan, "kieu": "o" })).collect::<Vec<_>>(),
            });
            match b.get("du_lieu").and_then(|d| d.as_str()) {
                Some(tep) => grid["du_lieu"] = json!(tep),
                None => {
                    grid["dong"] = json!(
                        b.get("dong")
                            .map(hang)
                            .unwrap_or_default()
                            .iter()
                            .map(|r| { cot.iter().map(|(ma, _)| o(r.get(ma))).collect::<Vec<_>>() })
                            .collect::<Vec<_>>()
                    );
                }
            }
            out.push(grid);
        }
    }
    Some(Json::Array(out))
}

/// What the page asks of a grid.
#[derive(serde::Deserialize)]
#[serde(tag = "thao_tac", rename_all = "snake_case")]
pub(super) enum ThaoTac {
    /// One cell set (a list as an array; "" or null removes the key).
    Dat {
        dong: usize,
        cot: String,
        gia_tri: Json,
    },
    Them,
    Xoa {
        dong: usize,
    },
}

const LOI_CU_PHAP: &str = "tệp TOML đang có lỗi cú pháp: sửa ở thẻ TOML trước";

/// `text` with grid `bang` changed by `thao_tac`, the rest as written.
pub(super) fn sua(text: &str, bang: &str, thao_tac: &ThaoTac) -> Result<String, String> {
    let mut doc: DocumentMut = text.parse().map_err(|_| LOI_CU_PHAP.to_string())?;
    match bang {
        "nhiem_vu" => {
            let cot = cot_nhiem_vu();
            let kieu_cua = |ma: &str| {
                cot.iter()
                    .find(|c| c["ma"] == ma)
                    .and_then(|c| c["kieu"].as_str())
                    .map(String::from)
            };
            let item = doc
                .entry("nhiem_vu")
                .or_insert(Item::ArrayOfTables(ArrayOfTables::new()));
            sua_hang(item, thao_tac, &|ma| kieu_cua(ma))?;
        }
        "don_vi" => sua_don_vi(&mut doc, thao_tac)?,
        _ => {
            let (i, j) = bang
                .strip_prefix("phu_luc.")
                .and_then(|r| r.split_once(".bang."))
                .and_then(|(i, j)| Some((i.parse::<usize>().ok()?, j.parse::<usize>().ok()?)))
                .ok_or_else(|| format!("không có bảng `{bang}`"))?;
            let khong_co = || format!("văn bản không có bảng {} của phụ lục {}", j + 1, i + 1);
            // A table written as `[[phu_luc.bang]]` gets its rows as
            // `[[phu_luc.bang.dong]]`; an inline one, inline rows.
            let la_bang = matches!(
                doc.get("phu_luc")
                    .and_then(|p| hang(p).get(i).and_then(|p| p.get("bang"))),
                Some(Item::ArrayOfTables(_))
            );
            let b = doc
                .get_mut("phu_luc")
                .and_then(|p| hang_mut(p, i))
                .and_then(|p| p.get_mut("bang"))
                .and_then(|b| hang_mut(b, j))
                .ok_or_else(khong_co)?;
            let codes: Vec<String> = cot_bang(b.get("cot"))
                .into_iter()
                .map(|(ma, _)| ma)
                .collect();
            let item = b.entry("dong").or_insert(if la_bang {
                Item::ArrayOfTables(ArrayOfTables::new())
            } else {
                Item::Value(toml_edit::Value::Array(Default::default()))
            });
            sua_hang(item, thao_tac, &|ma| {
                codes.iter().any(|c| c == ma).then(|| "o".to_string())
            })?;
        }
    }
    Ok(doc.to_string())
}

/// One operation on an array of tables whose columns `kieu_cua` knows.
fn sua_hang(
    item: &mut Item,
    thao_tac: &ThaoTac,
    kieu_cua: &dyn Fn(&str) -> Option<String>,
) -> Result<(), String> {
    match thao_tac {
        ThaoTac::Dat { dong, cot, gia_tri } => {
            let kieu = kieu_cua(cot).ok_or_else(|| format!("bảng không có cột `{cot}`"))?;
            let row =
                hang_mut(item, *dong).ok_or_else(|| format!("bảng không có dòng {}", dong + 1))?;
            let new = gia_tri_moi(&kieu, gia_tri).map_err(|e| format!("cột `{cot}`: {e}"))?;
            crate::edit::set(row, cot, new);
        }
        ThaoTac::Them => match item {
            Item::ArrayOfTables(a) => a.push(Table::new()),
            Item::Value(toml_edit::Value::Array(a)) => a.push(InlineTable::new()),
            _ => return Err("giá trị trong tệp không phải một danh sách bảng".into()),
        },
        ThaoTac::Xoa { dong } => match item {
            Item::ArrayOfTables(a) if *dong < a.len() => {
                a.remove(*dong);
            }
            Item::Value(toml_edit::Value::Array(a)) if *dong < a.len() => {
                a.remove(*dong);
            }
            _ => return Err(format!("bảng không có dòng {}", dong + 1)),
        },
    }
    Ok(())
}

/// `[don_vi]`: a row is a key (the unit's code) whose value is its name,
/// or a table when it has more than a name.
fn sua_don_vi(doc: &mut DocumentMut, thao_tac: &ThaoTac) -> Result<(), String> {
    let t = doc
        .entry("don_vi")
        .or_insert(Item::Table(Table::new()))
        .as_table_like_mut()
        .ok_or("`don_vi` trong tệp không phải một bảng")?;
    let keys: Vec<String> = t.iter().map(|(k, _)| k.to_string()).collect();
    let ma_cua = |dong: usize| {
        keys.get(dong)
            .cloned()
            .ok_or_else(|| format!("danh bạ không có dòng {}", dong + 1))
    };
    match thao_tac {
        ThaoTac::Dat { dong, cot, gia_tri } => {
            let ma = ma_cua(*dong)?;
            let text = match gia_tri {
                Json::Array(items) => items
                    .iter()
                    .filter_map(Json::as_str)
                    .collect::<Vec<_>>()
                    .join("\n"),
                Json::String(s) => s.clone(),
                _ => String::new(),
            };
            match cot.as_str() {
                "ma" => {
                    let moi = crate::suggest::fold(&text);
                    if moi.is_empty() || (moi != ma && keys.contains(&moi)) {
                        return Err(format!("mã \"{text}\" trống hoặc đã có trong danh bạ"));
                    }
                    // Renamed in place: the units after it keep their order.
                    let entries: Vec<(String, Item)> = keys
                        .iter()
                        .filter_map(|k| t.remove(k).map(|v| (k.clone(), v)))
                        .collect();
                    for (k, v) in entries {
                        t.insert(if k == ma { &moi } else { &k }, v);
                    }
                }
                "ten" | "ten_ngan" | "thuoc" => {
                    let kieu = if cot == "thuoc" { "cac_dong" } else { "dong" };
                    let gia_tri = if cot == "thuoc" {
                        json!(text.lines().collect::<Vec<_>>())
                    } else {
                        json!(text)
                    };
                    let new = gia_tri_moi(kieu, &gia_tri)?;
                    let entry = t.get_mut(&ma).ok_or("không thấy đơn vị")?;
                    if entry.as_table_like().is_none() {
                        if cot == "ten" {
                            *entry = new.unwrap_or_else(|| value(""));
                            return Ok(());
                        }
                        // A name alone becomes a table when it gains more.
                        let mut inline = InlineTable::new();
                        if let Some(ten) = entry.as_str() {
                            inline.insert("ten", ten.into());
                        }
                        *entry = Item::Value(toml_edit::Value::InlineTable(inline));
                    }
                    let table = entry.as_table_like_mut().ok_or("không thấy đơn vị")?;
                    crate::edit::set(table, cot, new);
                }
                _ => return Err(format!("danh bạ không có cột `{cot}`")),
            }
        }
        ThaoTac::Them => {
            let moi = (1..)
                .map(|n| {
                    if n == 1 {
                        "don_vi_moi".to_string()
                    } else {
                        format!("don_vi_moi_{n}")
                    }
                })
                .find(|k| !keys.contains(k))
                .unwrap_or_default();
            t.insert(&moi, value(""));
        }
        ThaoTac::Xoa { dong } => {
            t.remove(&ma_cua(*dong)?);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "# Nhiệm vụ\n[[nhiem_vu]]\nnoi_dung = \"Rà soát\" # giữ\nchu_tri = \"stp\"\n\n[don_vi]\nstp = \"Sở Tư pháp\"\nvp = { ten = \"Văn phòng\" }\n\n[[phu_luc]]\ntieu_de = \"Số liệu\"\n[[phu_luc.bang]]\ncot = [\"stt\", { ma = \"don_vi\", tieu_de = \"Đơn vị\" }, { nhom = \"Kết quả\", cot = [{ ma = \"so\" }] }]\ndong = [{ don_vi = \"stp\", so = 3 }]\n";

    #[test]
    fn grids_read_and_change_one_cell_at_a_time() {
        let g = doc(TEXT).unwrap();
        assert_eq!(g[0]["dong"][0][0], "Rà soát");
        assert_eq!(g[1]["dong"][1], json!(["vp", "Văn phòng", "", ""]));
        assert_eq!(g[2]["bang"], "phu_luc.0.bang.0");
        assert_eq!(g[2]["dong"], json!([["stp", "3"]]));
        let dat = |bang, dong, cot: &str, v| {
            sua(
                TEXT,
                bang,
                &ThaoTac::Dat {
                    dong,
                    cot: cot.into(),
                    gia_tri: v,
                },
            )
            .unwrap()
        };
        let out = dat("nhiem_vu", 0, "chu_tri", json!(["stp", "vp"]));
        assert!(
            out.contains("chu_tri = [\"stp\", \"vp\"]") && out.contains("# giữ"),
            "{out}"
        );
        let out = dat("phu_luc.0.bang.0", 0, "so", json!("12"));
        assert!(out.contains("so = 12 }"), "{out}");
        let out = dat("don_vi", 0, "ten_ngan", json!("STP"));
        assert!(
            out.contains("stp = { ten = \"Sở Tư pháp\", ten_ngan = \"STP\" }"),
            "{out}"
        );
        let out = dat("don_vi", 0, "ma", json!("Sở TP"));
        assert!(out.contains("so_tp = \"Sở Tư pháp\"\nvp ="), "{out}");
        let out = sua(TEXT, "nhiem_vu", &ThaoTac::Them).unwrap();
        assert_eq!(out.matches("[[nhiem_vu]]").count(), 2, "{out}");
        let out = sua(TEXT, "phu_luc.0.bang.0", &ThaoTac::Xoa { dong: 0 }).unwrap();
        assert!(out.contains("dong = []"), "{out}");
        assert!(sua(TEXT, "phu_luc.3.bang.0", &ThaoTac::Them).is_err());
        assert!(sua(TEXT, "nhiem_vu", &ThaoTac::Xoa { dong: 4 }).is_err());
    }
}
