//! The văn thư's actions in the workspace: "Cấp số" on a saved, reviewed
//! document (`vanban cap-so`, the register in the served folder), and the
//! year's register as a table.

use std::path::PathBuf;
use std::sync::Arc;

use axum::Json;
use axum::extract::{Path as UrlPath, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

use super::TrangThai;
use super::an_toan::{duong_dan, loi};
use super::tra_loi::loi_van_ban;
use crate::so_dang_ky::cap::{self, KetQua};

fn tep_so(state: &TrangThai) -> PathBuf {
    state.thu_muc().join(crate::so_dang_ky::TEP_MAC_DINH)
}

#[derive(Deserialize)]
pub(super) struct CapSo {
    /// "2024-06-03"; none: today in Vietnam.
    ngay: Option<String>,
    #[serde(default)]
    thu: bool,
}

/// Numbers the saved document `ten`: the next number of the folder's
/// register, its date, its final PDF; or, with `thu`, the number it would
/// get. Answers the new text and version for the page.
pub(super) async fn cap_so(
    State(state): State<Arc<TrangThai>>,
    UrlPath(ten): UrlPath<String>,
    Json(c): Json<CapSo>,
) -> Result<Response, Response> {
    let path = duong_dan(&state, &ten)?;
    let ngay = match c.ngay.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => Some(
            chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
                loi(
                    StatusCode::BAD_REQUEST,
                    format!("ngày \"{s}\" không hợp lệ"),
                )
            })?,
        ),
        None => None,
    };
    let opts = cap::TuyChon {
        van_ban: path.clone(),
        so_dang_ky: tep_so(&state),
        ten_so: "chung".into(),
        ngay,
        thu: c.thu,
        nguoi_cap: "vanban serve".into(),
        strict: false,
        reach: crate::load::Reach::DocumentFolder,
    };
    // Saves are serialised with numbering: the file changes on disk.
    let _one = state.luu.lock().await;
    let out = super::api::xep_hang(&state, move |s| cap::cap_so(&s.compiler, &opts)).await?;
    let muc = match out {
        Ok(KetQua::Thu(m)) => {
            return Ok(
                Json(json!({ "thu": true, "so_ky_hieu": so_ky_hieu(&m), "ngay": m.ngay }))
                    .into_response(),
            );
        }
        Ok(KetQua::DaCap { muc, .. }) => muc,
        Err(e) => {
            return Err((
                StatusCode::UNPROCESSABLE_ENTITY,
                Json(json!({ "loi": "chưa cấp số", "chan_doan": loi_van_ban(e) })),
            )
                .into_response());
        }
    };
    let bytes =
        std::fs::read(&path).map_err(|e| loi(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    Ok(Json(json!({
        "so_ky_hieu": so_ky_hieu(&muc),
        "ngay": muc.ngay,
        "text": String::from_utf8_lossy(&bytes),
        "phien": super::api::phien(&bytes),
    }))
    .into_response())
}

fn so_ky_hieu(m: &crate::so_dang_ky::luu_tru::Muc) -> String {
    format!("{}/{}", crate::model::SoKyHieu::so_in(m.so), m.ky_hieu)
}

#[derive(Deserialize)]
pub(super) struct Nam {
    nam: Option<i32>,
}

/// The folder's register for a year (default: this year), as rows.
pub(super) async fn so_van_ban(
    State(state): State<Arc<TrangThai>>,
    Query(q): Query<Nam>,
) -> Result<Response, Response> {
    use chrono::Datelike;
    let nam = q.nam.unwrap_or_else(|| cap::hom_nay().year());
    let tep = tep_so(&state);
    if !tep.exists() {
        return Ok(Json(json!({ "nam": nam, "muc": [] })).into_response());
    }
    let muc = super::api::xep_hang(&state, move |_| {
        crate::so_dang_ky::luu_tru::SoDangKy::mo(&tep).and_then(|s| s.cac_muc(nam, None))
    })
    .await?
    .map_err(|e| loi(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    let rows: Vec<_> = muc
        .iter()
        .map(|m| {
            json!({
                "so_ky_hieu": so_ky_hieu(m),
                "ngay": m.ngay,
                "trich_yeu": format!("{} {}", m.loai, m.trich_yeu),
                "nguoi_ky": m.nguoi_ky,
                "tep": m.tep.file_name().map(|n| n.to_string_lossy().into_owned()),
                "trang_thai": m.trang_thai.ten(),
            })
        })
        .collect();
    Ok(Json(json!({ "nam": nam, "muc": rows })).into_response())
}
