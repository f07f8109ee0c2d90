//! An appendix table from a spreadsheet: the clerk uploads a CSV or XLSX
//! file, it is saved in the served folder (never over a file: a taken name
//! gets "-2", "-3"…), and the document gains a `[[phu_luc]]` whose table
//! reads it, one column per header, typed by what its cells hold.

use std::io::Write as _;
use std::path::Path;
use std::sync::Arc;

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;
use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, value};

use super::TrangThai;
use super::an_toan::{loi, ten_so_lieu};
use crate::load::du_lieu::{BangTho, OTho};

#[derive(Deserialize)]
pub(super) struct TaiLen {
    /// The file's own name.
    tep: String,
}

/// Saves the uploaded file in the folder under its own name, or the first
/// free one after it; answers the name it got.
pub(super) async fn tai_len(
    State(state): State<Arc<TrangThai>>,
    Query(q): Query<TaiLen>,
    body: axum::body::Bytes,
) -> Result<Response, Response> {
    let ten = ten_so_lieu(&q.tep, &["csv", "xlsx"])?;
    let that_bai = |e: std::io::Error| {
        loi(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("không ghi được tệp: {e}"),
        )
    };
    let path = Path::new(&ten);
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let ext = path.extension().unwrap_or_default().to_string_lossy();
    let mut tmp = tempfile::NamedTempFile::new_in(state.thu_muc()).map_err(that_bai)?;
    tmp.write_all(&body).map_err(that_bai)?;
    tmp.as_file().sync_all().map_err(that_bai)?;
    for n in 1..=100 {
        let name = match n {
            1 => ten.clone(),
            n => format!("{stem}-{n}.{ext}"),
        };
        let target = state.thu_muc().join(&name);
        // The same bytes already there: that file is this one.
        if std::fs::read(&target).is_ok_and(|b| b == body) {
            return Ok(Json(json!({ "ten": name })).into_response());
        }
        match tmp.persist_noclobber(&target) {
            Ok(_) => return Ok(Json(json!({ "ten": name })).into_response()),
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => tmp = e.file,
            Err(e) => return Err(that_bai(e.error)),
        }
    }
    Err(loi(
        StatusCode::CONFLICT,
        format!("thư mục đã có quá nhiều tệp tên \"{stem}\"; đổi tên tệp rồi tải lên lại"),
    ))
}

#[derive(Deserialize)]
pub(super) struct BangMoi {
    text: String,
    /// The data file, as `tai_len` named it.
    tep: String,
}

/// The text with a new appendix reading data file `tep`: its columns from
/// the file's header, typed by their cells.
pub(super) async fn bang_moi(
    State(state): State<Arc<TrangThai>>,
    Json(b): Json<BangMoi>,
) -> Result<Response, Response> {
    let ten = ten_so_lieu(&b.tep, &["csv", "xlsx"])?;
    let path = state.thu_muc().join(&ten);
    let bang = tokio::task::spawn_blocking(move || crate::load::du_lieu::read(&path, None))
        .await
        .map_err(|_| {
            loi(
                StatusCode::INTERNAL_SERVER_ERROR,
                "đọc tệp bị dừng giữa chừng",
            )
        })?
        .map_err(|d| loi(StatusCode::UNPROCESSABLE_ENTITY, d.to_string()))?;
    let text =
        them_phu_luc(&b.text, &ten, &bang).map_err(|e| loi(StatusCode::UNPROCESSABLE_ENTITY, e))?;
    Ok(Json(json!({
        "text": text,
        "bao": format!(
            "Đã thêm một phụ lục đọc tệp {ten}: {} cột, {} dòng. Sửa tên phụ lục và kiểu cột (chu, so, phan_tram) ở thẻ TOML nếu cần.",
            bang.tieu_de.len(),
            bang.dong.len()
        ),
    }))
    .into_response())
}

/// What a column's cells hold: numbers (all with "%": percentages), or text.
fn kieu_cot(bang: &BangTho, c: usize) -> &'static str {
    let mut so = 0;
    let mut phan_tram = 0;
    for d in &bang.dong {
        match d.o.get(c) {
            Some(OTho::So(_)) => so += 1,
            // A number in either style: the loader decides the table's
            // decimal mark when it reads it.
            Some(OTho::Chu(s)) => match crate::so::parse_voi(s, Some(crate::so::DauThapPhan::Phay))
                .or_else(|_| crate::so::parse_voi(s, Some(crate::so::DauThapPhan::Cham)))
            {
                Ok(n) if n.phan_tram => phan_tram += 1,
                Ok(_) => so += 1,
                Err(_) => return "chu",
            },
            _ => {}
        }
    }
    match (so, phan_tram) {
        (0, 0) => "chu",
        (0, _) => "phan_tram",
        _ => "so",
    }
}

/// `text` with `[[phu_luc]]` + `[[phu_luc.bang]]` reading `ten` appended.
fn them_phu_luc(text: &str, ten: &str, bang: &BangTho) -> Result<String, String> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|_| "tệp TOML đang có lỗi cú pháp: sửa ở thẻ TOML trước".to_string())?;
    let mut cot = Array::new();
    let mut taken: Vec<String> = Vec::new();
    for (c, tieu_de) in bang.tieu_de.iter().enumerate() {
        let mut ma = crate::suggest::fold(tieu_de);
        if ma == "stt" && c == 0 {
            // The file's own STT, as written (Roman section rows included).
            let mut t = InlineTable::new();
            t.insert("ma", "stt".into());
            t.insert("nguon", tieu_de.as_str().into());
            cot.push(t);
            taken.push(ma);
            continue;
        }
        if ma.is_empty() || ma.starts_with(|ch: char| ch.is_ascii_digit()) {
            ma = format!("cot_{ma}").trim_end_matches('_').to_string();
        }
        let base = ma.clone();
        let mut n = 2;
        while taken.contains(&ma) || ma == "stt" {
            ma = format!("{base}_{n}");
            n += 1;
        }
        let mut t = InlineTable::new();
        t.insert("ma", ma.as_str().into());
        t.insert("tieu_de", tieu_de.as_str().into());
        t.insert("kieu", kieu_cot(bang, c).into());
        cot.push(t);
        taken.push(ma);
    }
    let mut b = Table::new();
    b.insert("du_lieu", value(ten));
    b.insert("cot", value(cot));
    if let Some(Item::Value(v)) = b.get_mut("cot") {
        // One column a line: the clerk reads and edits them one by one.
        if let Some(a) = v.as_array_mut() {
            for c in a.iter_mut() {
                c.decor_mut().set_prefix("\n  ");
            }
            a.set_trailing("\n");
            a.set_trailing_comma(true);
        }
    }
    let mut bang_aot = ArrayOfTables::new();
    bang_aot.push(b);
    let mut pl = Table::new();
    let stem = Path::new(ten)
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy();
    pl.insert("tieu_de", value(stem.replace(['-', '_'], " ")));
    pl.insert("bang", Item::ArrayOfTables(bang_aot));
    match doc
        .entry("phu_luc")
        .or_insert(Item::ArrayOfTables(ArrayOfTables::new()))
    {
        Item::ArrayOfTables(a) => a.push(pl),
        _ => return Err("`phu_luc` trong tệp được ghi dạng khác; thêm phụ lục ở thẻ TOML".into()),
    }
    Ok(doc.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_from_the_header_typed_by_their_cells() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("so-lieu.csv");
        std::fs::write(
            &path,
            "STT,Đơn vị,Số hồ sơ,Tỷ lệ\nI,Cấp tỉnh,,\n1,Sở Tư pháp,\"1.250\",86%\n",
        )
        .unwrap();
        let bang = crate::load::du_lieu::read(&path, None).unwrap();
        let out = them_phu_luc("so = 1 # số\n", "so-lieu.csv", &bang).unwrap();
        assert!(out.starts_with("so = 1 # số\n"), "{out}");
        for want in [
            "[[phu_luc]]\ntieu_de = \"so lieu\"",
            "[[phu_luc.bang]]\ndu_lieu = \"so-lieu.csv\"",
            "{ ma = \"stt\", nguon = \"STT\" }",
            "{ ma = \"don_vi\", tieu_de = \"Đơn vị\", kieu = \"chu\" }",
            "{ ma = \"so_ho_so\", tieu_de = \"Số hồ sơ\", kieu = \"so\" }",
            "{ ma = \"ty_le\", tieu_de = \"Tỷ lệ\", kieu = \"phan_tram\" }",
        ] {
            assert!(out.contains(want), "{want}\n{out}");
        }
    }
}
