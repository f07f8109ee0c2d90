//! The workspace's requests: the folder's documents, a document's text,
//! saving it without losing another clerk's edit, the page view, the
//! review and the files to download. Layout and review run off the async
//! threads, a bounded number at a time.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::Json;
use axum::extract::{Path as UrlPath, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::TrangThai;
use super::an_toan::{duong_dan, loi};
use super::tra_loi::{chan_doan, encode, loi_tam, loi_van_ban};
use crate::error::{Error, Severity};

type Ket = Result<Response, Response>;

/// Runs `work` on a blocking thread when a layout slot is free; a request
/// beyond the queue is told the server is busy.
pub(super) async fn xep_hang<T: Send + 'static>(
    state: &Arc<TrangThai>,
    work: impl FnOnce(&TrangThai) -> T + Send + 'static,
) -> Result<T, Response> {
    let ban = || {
        loi(
            StatusCode::SERVICE_UNAVAILABLE,
            "máy chủ đang bận dàn trang, thử lại sau giây lát",
        )
    };
    if state.cho.fetch_add(1, Ordering::SeqCst) >= super::HANG_DOI_TOI_DA {
        state.cho.fetch_sub(1, Ordering::SeqCst);
        return Err(ban());
    }
    let permit = state.dan_trang.acquire().await;
    state.cho.fetch_sub(1, Ordering::SeqCst);
    let _permit = permit.map_err(|_| ban())?;
    let state = state.clone();
    tokio::task::spawn_blocking(move || work(&state))
        .await
        .map_err(|_| {
            loi(
                StatusCode::INTERNAL_SERVER_ERROR,
                "dàn trang bị dừng giữa chừng",
            )
        })
}

/// A file's version: the SHA-256 of its bytes.
pub(super) fn phien(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn doc_tep(path: &Path) -> Result<Vec<u8>, Response> {
    crate::input::read(path, crate::input::TOML_TOI_DA)
        .map_err(|e| loi(StatusCode::NOT_FOUND, e.to_string()))
}

/// Every document of the folder: kind, number, date, trích yếu, review.
pub(super) async fn danh_sach(State(state): State<Arc<TrangThai>>) -> Ket {
    let list = xep_hang(&state, |s| {
        let mut files: Vec<PathBuf> = std::fs::read_dir(s.thu_muc())
            .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.retain(|p| {
            p.extension().is_some_and(|x| x == "toml")
                && p.file_name()
                    .is_some_and(|n| !n.to_string_lossy().starts_with('.'))
                && p.is_file()
        });
        files.sort();
        files.iter().map(|p| mot_van_ban(p)).collect::<Vec<Value>>()
    })
    .await?;
    Ok(Json(json!({ "van_ban": list, "dang_nhap": state.dang_nhap.is_some() })).into_response())
}

fn mot_van_ban(path: &Path) -> Value {
    let ten = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = crate::load::read_text(path);
    let mau = text.as_deref().is_ok_and(crate::hang_loat::mau::la_mau);
    let sua = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .map(|t| {
            chrono::DateTime::<chrono::Local>::from(t)
                .format("%d/%m/%Y %H:%M")
                .to_string()
        });
    // Loaded once: the review and the columns read the same document.
    let (diags, cot) = match text.and_then(|t| crate::load::load_str(path, &t)) {
        Ok(l) => {
            let v = &l.van_ban;
            let cot = json!({
                "loai": v.loai.ten,
                "so_ky_hieu": v.so.in_ra(),
                "ngay": ngay(v.ngay),
                "trich_yeu": v.trich_yeu.join(" "),
            });
            (crate::kiem_tra::ket_qua(l), cot)
        }
        Err(Error::Input(diags)) => (diags, json!({})),
        Err(e) => (vec![crate::error::Diagnostic::file(path, e.to_string())], json!({})),
    };
    let dem = |m: Severity| diags.iter().filter(|d| d.severity == m).count();
    let mut out = json!({
        "ten": ten,
        "mau_hang_loat": mau,
        "loi": dem(Severity::Error),
        "canh_bao": dem(Severity::Warning),
        "sua_luc": sua,
    });
    if let (Some(out), Some(cot)) = (out.as_object_mut(), cot.as_object()) {
        out.extend(cot.clone());
    }
    out
}

fn ngay(n: crate::model::NgayBanHanh) -> String {
    let d = crate::render::ngay(n);
    let part = |p: Option<String>| p.unwrap_or_else(|| "…".into());
    format!("{}/{}/{}", part(d.ngay), part(d.thang), part(d.nam))
}

/// The kinds a new document may start from (`vanban init`'s).
pub(super) async fn loai() -> Response {
    let list: Vec<Value> = crate::starter::kinds()
        .into_iter()
        .map(|ma| {
            let ten = crate::loai::find(ma)
                .map_or("Văn bản mẫu tạo hàng loạt".into(), |l| {
                    l.ten.clone()
                });
            json!({ "ma": ma, "ten": ten })
        })
        .collect();
    Json(json!({ "loai": list })).into_response()
}

#[derive(Deserialize)]
pub(super) struct Moi {
    loai: String,
    ten: String,
}

/// A new document from the starter of a kind, never over a file.
pub(super) async fn moi(State(state): State<Arc<TrangThai>>, Json(m): Json<Moi>) -> Ket {
    let path = duong_dan(&state, &m.ten)?;
    let starter = crate::starter::starter(&m.loai, Some(&path))
        .map_err(|e| loi(StatusCode::BAD_REQUEST, e.to_string()))?;
    crate::starter::write(&starter).map_err(|e| loi(StatusCode::CONFLICT, e.to_string()))?;
    Ok(Json(json!({ "ten": m.ten })).into_response())
}

/// A document's text and version.
pub(super) async fn doc(State(state): State<Arc<TrangThai>>, UrlPath(ten): UrlPath<String>) -> Ket {
    let path = duong_dan(&state, &ten)?;
    let bytes = doc_tep(&path)?;
    let text = String::from_utf8(bytes.clone()).map_err(|_| {
        loi(
            StatusCode::UNPROCESSABLE_ENTITY,
            "tệp không phải văn bản UTF-8",
        )
    })?;
    Ok(Json(json!({ "text": text, "phien": phien(&bytes) })).into_response())
}

#[derive(Deserialize)]
pub(super) struct Luu {
    text: String,
    /// The version the clerk opened; `None` for a file not yet on disk.
    phien: Option<String>,
}

/// Saves a document: refused when the file changed since it was opened
/// (the page shows both), else the previous version kept beside it as
/// `TÊN.toml.truoc` and the new one written atomically.
pub(super) async fn luu(
    State(state): State<Arc<TrangThai>>,
    UrlPath(ten): UrlPath<String>,
    Json(l): Json<Luu>,
) -> Ket {
    let path = duong_dan(&state, &ten)?;
    let _one = state.luu.lock().await;
    let now = std::fs::read(&path).ok();
    if now.as_deref().map(phien) != l.phien {
        let text = now.map(|b| String::from_utf8_lossy(&b).into_owned());
        return Err((
            StatusCode::CONFLICT,
            Json(json!({
                "loi": "tệp đã được sửa ở nơi khác từ lúc mở; chưa lưu. Xem bản trên đĩa bên dưới, chép phần cần giữ rồi lưu lại",
                "text": text,
                "phien": text.as_ref().map(|t| phien(t.as_bytes())),
            })),
        )
            .into_response());
    }
    if let Some(old) = &now {
        let truoc = path.with_extension("toml.truoc");
        crate::write::write_atomic(&truoc, old)
            .map_err(|e| loi(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    }
    crate::write::write_atomic(&path, l.text.as_bytes())
        .map_err(|e| loi(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    Ok(Json(json!({ "phien": phien(l.text.as_bytes()) })).into_response())
}

/// The pages of the text being edited, as SVG, with the loader's warnings;
/// or what stops it, each at its place.
pub(super) async fn xem_truoc(
    State(state): State<Arc<TrangThai>>,
    UrlPath(ten): UrlPath<String>,
    text: String,
) -> Ket {
    let path = duong_dan(&state, &ten)?;
    let started = std::time::Instant::now();
    let out = xep_hang(&state, move |s| {
        let (loaded, don_vi) = match van_ban_xem(s, &path, &ten, &text) {
            Ok(made) => made,
            Err(out) => return out,
        };
        match s
            .compiler
            .compile_again(&crate::render::van_ban(&loaded.van_ban))
        {
            Ok(doc) => {
                let options = typst_svg::SvgOptions::default();
                let trang: Vec<String> = doc
                    .pages()
                    .iter()
                    .map(|p| typst_svg::svg(p, &options))
                    .collect();
                json!({ "trang": trang, "canh_bao": chan_doan(&loaded.warnings), "don_vi": don_vi })
            }
            Err(e) => json!({ "loi": loi_van_ban(e) }),
        }
    })
    .await?;
    // The server's time (queue, load, layout, SVG), for the page and for
    // measuring it from outside.
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    Ok((
        [("server-timing", format!("xem-truoc;dur={ms:.1}"))],
        Json(out),
    )
        .into_response())
}

/// The document the page shows: the text loaded; for a batch template, its
/// first unit's letter once the page has sent the units' file (and that
/// unit's name). `Err` is the answer instead of pages.
fn van_ban_xem(
    s: &TrangThai,
    path: &Path,
    ten: &str,
    text: &str,
) -> Result<(crate::load::Loaded, Option<String>), Value> {
    if !crate::hang_loat::mau::la_mau(text) {
        return crate::load::load_str(path, text)
            .map(|l| (l, None))
            .map_err(|e| json!({ "loi": loi_van_ban(e) }));
    }
    let (du_lieu, cot) = s.don_vi_thu(ten).ok_or_else(|| json!({ "can_don_vi": true }))?;
    crate::hang_loat::xem_thu::mot_don_vi(path, text, &du_lieu, cot.as_deref(), 1)
        .map(|(l, don_vi)| (l, Some(don_vi)))
        .map_err(|e| json!({ "loi": loi_tam(e, &du_lieu) }))
}

/// `vanban check` on the text being edited; a batch template's on every
/// unit's letter of the units' file the page sent (`check --data`).
pub(super) async fn ra_soat(
    State(state): State<Arc<TrangThai>>,
    UrlPath(ten): UrlPath<String>,
    text: String,
) -> Ket {
    let path = duong_dan(&state, &ten)?;
    let out = xep_hang(&state, move |s| {
        if !crate::hang_loat::mau::la_mau(&text) {
            return match crate::load::load_str(&path, &text) {
                Ok(loaded) => chan_doan(&crate::kiem_tra::ket_qua(loaded)),
                Err(e) => loi_van_ban(e),
            };
        }
        let Some((du_lieu, cot)) = s.don_vi_thu(&ten) else {
            return json!([{ "muc_do": "goi_y", "thong_bao": "văn bản mẫu hàng loạt được rà soát trên văn bản của từng đơn vị: chọn tệp đơn vị nhận trong khung \"Tạo hàng loạt\" rồi rà soát lại" }]);
        };
        let reach = crate::load::Reach::DocumentFolder;
        match crate::hang_loat::ra_soat::ra_soat_text(&path, &text, &du_lieu, cot.as_deref(), reach) {
            Ok((diags, _)) => chan_doan(&diags),
            Err(e) => loi_tam(e, &du_lieu),
        }
    })
    .await?;
    Ok(Json(json!({ "chan_doan": out })).into_response())
}

#[derive(Deserialize)]
pub(super) struct TaiVe {
    dang: Option<String>,
    o_ky: Option<bool>,
}

/// The saved document's PDF or Word file: the bytes `vanban render` makes.
pub(super) async fn tai_ve(
    State(state): State<Arc<TrangThai>>,
    UrlPath(ten): UrlPath<String>,
    Query(q): Query<TaiVe>,
) -> Ket {
    let path = duong_dan(&state, &ten)?;
    let dang = q.dang.unwrap_or_else(|| "pdf".into());
    let format = crate::output::named(&dang).ok_or_else(|| {
        loi(
            StatusCode::BAD_REQUEST,
            format!("không có dạng tệp \"{dang}\"; cần pdf hoặc docx"),
        )
    })?;
    let o_ky = q.o_ky.unwrap_or(false);
    let made = xep_hang(&state, move |s| {
        let loaded = crate::load::load_file(&path)?;
        let formats = [format];
        let pipeline = crate::pipeline::Pipeline {
            compiler: &s.compiler,
            formats: &formats,
            ra_soat: true,
            strict: false,
            reuse: crate::pipeline::Reuse::Nothing,
            request: crate::dien_tu::YeuCau { pdfa: None, o_ky },
            durable: false,
            beside: false,
        };
        let mut report = pipeline.make(&loaded.van_ban, &path.with_extension(format.ten()))?;
        Ok::<_, Error>(report.files.remove(0).made.bytes)
    })
    .await?
    .map_err(|e| match e {
        Error::Input(diags) => (StatusCode::UNPROCESSABLE_ENTITY, Json(json!({ "loi": "văn bản còn lỗi, chưa tạo được tệp", "chan_doan": chan_doan(&diags) }))).into_response(),
        other => loi(StatusCode::INTERNAL_SERVER_ERROR, other.to_string()),
    })?;
    let name = Path::new(&ten).with_extension(format.ten());
    let name = name.to_string_lossy();
    let kieu = match format.ten() {
        "pdf" => "application/pdf",
        _ => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    };
    Ok((
        [
            (header::CONTENT_TYPE, kieu.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename*=UTF-8''{}", encode(&name)),
            ),
        ],
        made,
    )
        .into_response())
}

/// The form's fields, from the description of the format.
pub(super) async fn bieu_mau() -> Response {
    Json(super::bieu_mau::mo_ta()).into_response()
}

/// The form's values, read off the text being edited.
pub(super) async fn gia_tri(text: String) -> Ket {
    let values = super::bieu_mau::gia_tri(&text).ok_or_else(|| {
        loi(
            StatusCode::UNPROCESSABLE_ENTITY,
            "tệp TOML đang có lỗi cú pháp",
        )
    })?;
    Ok(Json(values).into_response())
}

#[derive(Deserialize)]
pub(super) struct Sua {
    text: String,
    khoa: String,
    gia_tri: Value,
}

/// The text with one form field changed, the rest as written.
pub(super) async fn sua(Json(s): Json<Sua>) -> Ket {
    let text = super::bieu_mau::dat(&s.text, &s.khoa, &s.gia_tri)
        .map_err(|e| loi(StatusCode::UNPROCESSABLE_ENTITY, e))?;
    Ok(Json(json!({ "text": text })).into_response())
}

#[derive(Deserialize)]
pub(super) struct BoQua {
    text: String,
    ma: String,
    ly_do: String,
}

/// The text with a review rule switched off, with the clerk's reason.
pub(super) async fn bo_qua(Json(b): Json<BoQua>) -> Ket {
    let text = super::bieu_mau::bo_qua(&b.text, &b.ma, &b.ly_do)
        .map_err(|e| loi(StatusCode::UNPROCESSABLE_ENTITY, e))?;
    Ok(Json(json!({ "text": text })).into_response())
}

/// The document's grids (tasks, units, appendix rows), read off the text.
pub(super) async fn luoi(text: String) -> Ket {
    let grids = super::luoi::doc(&text).ok_or_else(|| {
        loi(
            StatusCode::UNPROCESSABLE_ENTITY,
            "tệp TOML đang có lỗi cú pháp",
        )
    })?;
    Ok(Json(grids).into_response())
}

#[derive(Deserialize)]
pub(super) struct SuaLuoi {
    text: String,
    bang: String,
    #[serde(flatten)]
    thao_tac: super::luoi::ThaoTac,
}

/// The text with one grid's cell, or row, changed; the rest as written.
pub(super) async fn sua_luoi(Json(s): Json<SuaLuoi>) -> Ket {
    let text = super::luoi::sua(&s.text, &s.bang, &s.thao_tac)
        .map_err(|e| loi(StatusCode::UNPROCESSABLE_ENTITY, e))?;
    Ok(Json(json!({ "text": text })).into_response())
}
