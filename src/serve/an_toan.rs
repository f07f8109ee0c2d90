//! What every request must pass before a handler sees it, and the one way
//! a file name from the browser becomes a path.
//!
//! The server listens on 127.0.0.1 unless opened to the network with a
//! password (`dang_nhap`). A page of another site could
//! still make the clerk's browser call it (a form posted cross-site) or
//! reach it through a name that resolves to 127.0.0.1 (DNS rebinding), so
//! the `Host` must be this server's own address and a request that says
//! where it comes from (`Origin`) must come from this server's pages.

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::TrangThai;

/// Refuses a request not addressed to this server, sent from another
/// site's page, or (with a password) from a browser not signed in.
pub(super) async fn kiem_tra(
    State(state): State<Arc<TrangThai>>,
    request: Request,
    next: Next,
) -> Response {
    let cong = state.dia_chi.port();
    let loopback = state.dia_chi.ip().is_loopback();
    // On loopback, only this computer's names; opened to the network, any
    // name of this computer on this port (the password guards it, and a
    // session cookie is only sent back to the name it was given for).
    let ours = |host: &str| {
        if loopback {
            ["127.0.0.1", "localhost", "[::1]"]
                .iter()
                .any(|h| host == format!("{h}:{cong}"))
        } else {
            host.rsplit_once(':')
                .is_some_and(|(name, port)| !name.is_empty() && port == cong.to_string())
        }
    };
    let headers = request.headers();
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    if !host.is_some_and(ours) {
        return loi(
            StatusCode::MISDIRECTED_REQUEST,
            "yêu cầu không gửi tới máy chủ này (tên máy không đúng)",
        );
    }
    if let Some(origin) = origin(headers) {
        // The page that sent it must be this server's, under the same name.
        let own = origin
            .strip_prefix("http://")
            .map(|rest| rest.trim_end_matches('/'))
            .is_some_and(|rest| ours(rest) && (loopback || Some(rest) == host));
        if !own {
            return loi(
                StatusCode::FORBIDDEN,
                "yêu cầu từ trang web khác bị từ chối",
            );
        }
    } else if request.method() != Method::GET && request.method() != Method::HEAD {
        // A browser always says where a write comes from; a page that
        // hides it is not one of ours.
        if headers
            .get("sec-fetch-site")
            .is_some_and(|s| s != "same-origin")
        {
            return loi(
                StatusCode::FORBIDDEN,
                "yêu cầu từ trang web khác bị từ chối",
            );
        }
    }
    if let Some(dn) = &state.dang_nhap {
        let path = request.uri().path();
        if path.starts_with("/api/") && path != "/api/dang-nhap" && !dn.co_phien(headers) {
            return (
                StatusCode::UNAUTHORIZED,
                axum::Json(serde_json::json!({
                    "loi": "cần đăng nhập: nhập mật khẩu của máy chủ vanban",
                    "can_dang_nhap": true,
                })),
            )
                .into_response();
        }
    }
    next.run(request).await
}

fn origin(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::ORIGIN).and_then(|o| o.to_str().ok())
}

/// A JSON error `{ "loi": message }` with its status.
pub(super) fn loi(status: StatusCode, message: impl Into<String>) -> Response {
    (
        status,
        axum::Json(serde_json::json!({ "loi": message.into() })),
    )
        .into_response()
}

/// The path of document `ten` in the served folder: a plain file name
/// ending in ".toml", no folder part, not hidden; when the file exists it
/// must resolve (links followed) inside the folder.
pub(super) fn duong_dan(state: &TrangThai, ten: &str) -> Result<PathBuf, Response> {
    let plain = !ten.is_empty()
        && ten.chars().count() <= 200
        && ten.ends_with(".toml")
        && !ten.starts_with('.')
        && !ten.contains(['/', '\\', ':', '\0'])
        && !ten.chars().any(char::is_control);
    if !plain {
        return Err(loi(
            StatusCode::BAD_REQUEST,
            format!("tên tệp \"{ten}\" không hợp lệ: chỉ tên tệp .toml trong thư mục đang mở"),
        ));
    }
    let path = state.thu_muc().join(ten);
    match std::fs::canonicalize(&path) {
        Ok(real) if real.parent() == Some(state.thu_muc()) => Ok(real),
        Ok(_) => Err(loi(
            StatusCode::FORBIDDEN,
            format!("tệp \"{ten}\" trỏ ra ngoài thư mục đang mở"),
        )),
        Err(_) => Ok(path),
    }
}

/// A data file's name from the browser (`so-lieu.xlsx`), kept only if it
/// is a plain name with one of `duoi`'s extensions: it names a file this
/// server writes.
pub(super) fn ten_so_lieu(ten: &str, duoi: &[&str]) -> Result<String, Response> {
    let ext = std::path::Path::new(ten)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase());
    let plain = !ten.is_empty()
        && ten.chars().count() <= 200
        && !ten.starts_with('.')
        && !ten.contains(['/', '\\', ':', '\0'])
        && !ten.chars().any(char::is_control)
        && ext.is_some_and(|e| duoi.contains(&e.as_str()));
    if !plain {
        return Err(loi(
            StatusCode::BAD_REQUEST,
            format!(
                "tệp \"{ten}\" không dùng được: cần một tệp {}",
                duoi.iter().map(|d| format!(".{d}")).collect::<Vec<_>>().join(", ")
            ),
        ));
    }
    Ok(ten.to_string())
}
