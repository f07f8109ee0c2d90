//! Signing in, when the workspace is opened to other computers of the
//! office network (`--dia-chi`): a password kept in a file
//! (`--mat-khau-tep`), sessions as random tokens in an `HttpOnly`,
//! `SameSite=Strict` cookie, and a pause after repeated wrong passwords.
//! Without a password file the server answers on 127.0.0.1 only.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;
use sha2::{Digest, Sha256};

use super::TrangThai;
use super::an_toan::loi;
use crate::error::{Error, Result};

/// The cookie's name.
const COOKIE: &str = "vanban_phien";
/// How long a session lasts, signed in once a working day.
const PHIEN_DAI: Duration = Duration::from_secs(12 * 3600);
/// Sessions kept at once; the oldest goes first.
const PHIEN_TOI_DA: usize = 200;
/// Wrong passwords in a row before sign-in pauses, and for how long.
const SAI_TOI_DA: u32 = 5;
const TAM_KHOA: Duration = Duration::from_secs(60);
/// The shortest password accepted: a guess must not be a matter of minutes.
const MAT_KHAU_NGAN_NHAT: usize = 10;

/// The password (as its SHA-256) and the sessions signed in with it.
pub(super) struct DangNhap {
    mat_khau: [u8; 32],
    phien: Mutex<HashMap<[u8; 32], Instant>>,
    sai: Mutex<(u32, Option<Instant>)>,
}

impl DangNhap {
    /// Reads the password file: its first line, at least 10 characters.
    pub(super) fn doc(tep: &Path) -> Result<Self> {
        let text = crate::input::read(tep, 4096).map_err(|d| Error::Input(vec![*d]))?;
        let text = String::from_utf8_lossy(&text);
        let mat_khau = text.lines().next().unwrap_or_default().trim();
        if mat_khau.chars().count() < MAT_KHAU_NGAN_NHAT {
            return Err(Error::Refused {
                message: format!(
                    "mật khẩu trong {} ngắn hơn {MAT_KHAU_NGAN_NHAT} ký tự",
                    tep.display()
                ),
                hint: "ghi vào dòng đầu của tệp một mật khẩu dài (ví dụ bốn từ ngẫu nhiên)".into(),
            });
        }
        Ok(DangNhap {
            mat_khau: Sha256::digest(mat_khau.as_bytes()).into(),
            phien: Mutex::new(HashMap::new()),
            sai: Mutex::new((0, None)),
        })
    }

    /// Whether `headers` carry a live session's cookie.
    pub(super) fn co_phien(&self, headers: &HeaderMap) -> bool {
        let Some(token) = cookie(headers) else {
            return false;
        };
        let key: [u8; 32] = Sha256::digest(token.as_bytes()).into();
        let mut phien = self.phien.lock().unwrap_or_else(|e| e.into_inner());
        match phien.get(&key) {
            Some(&het) if het > Instant::now() => true,
            Some(_) => {
                phien.remove(&key);
                false
            }
            None => false,
        }
    }

    /// A new session: its token (the cookie's value); only its hash is kept.
    fn mo_phien(&self) -> std::result::Result<String, getrandom::Error> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes)?;
        let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let mut phien = self.phien.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        phien.retain(|_, het| *het > now);
        if phien.len() >= PHIEN_TOI_DA
            && let Some(oldest) = phien.iter().min_by_key(|(_, het)| **het).map(|(k, _)| *k)
        {
            phien.remove(&oldest);
        }
        phien.insert(Sha256::digest(token.as_bytes()).into(), now + PHIEN_DAI);
        Ok(token)
    }

    fn dung(&self, mat_khau: &str) -> bool {
        let thu: [u8; 32] = Sha256::digest(mat_khau.trim().as_bytes()).into();
        // Every byte compared, whatever the first difference.
        thu.iter()
            .zip(&self.mat_khau)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
    }
}

fn cookie(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix(COOKIE)?.strip_prefix('='))
}

#[derive(Deserialize)]
pub(super) struct MatKhau {
    mat_khau: String,
}

/// Signs in: a session cookie for the right password; after five wrong
/// ones in a row, every attempt is refused for a minute.
pub(super) async fn dang_nhap(
    State(state): State<std::sync::Arc<TrangThai>>,
    Json(m): Json<MatKhau>,
) -> Response {
    let Some(dn) = &state.dang_nhap else {
        return loi(StatusCode::NOT_FOUND, "máy chủ này không cần đăng nhập");
    };
    {
        let mut sai = dn.sai.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(den) = sai.1 {
            if Instant::now() < den {
                return loi(
                    StatusCode::TOO_MANY_REQUESTS,
                    "nhập sai mật khẩu nhiều lần; chờ một phút rồi thử lại",
                );
            }
            *sai = (0, None);
        }
        if !dn.dung(&m.mat_khau) {
            sai.0 += 1;
            if sai.0 >= SAI_TOI_DA {
                sai.1 = Some(Instant::now() + TAM_KHOA);
            }
            return loi(StatusCode::UNAUTHORIZED, "mật khẩu không đúng");
        }
        *sai = (0, None);
    }
    match dn.mo_phien() {
        Ok(token) => (
            [(
                header::SET_COOKIE,
                format!(
                    "{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}",
                    PHIEN_DAI.as_secs()
                ),
            )],
            Json(json!({ "dang_nhap": true })),
        )
            .into_response(),
        Err(e) => loi(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("không tạo được phiên đăng nhập: {e}"),
        ),
    }
}

/// Signs out: the session forgotten, the cookie cleared.
pub(super) async fn dang_xuat(
    State(state): State<std::sync::Arc<TrangThai>>,
    headers: HeaderMap,
) -> Response {
    if let (Some(dn), Some(token)) = (&state.dang_nhap, cookie(&headers)) {
        let key: [u8; 32] = Sha256::digest(token.as_bytes()).into();
        dn.phien
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&key);
    }
    (
        [(
            header::SET_COOKIE,
            format!("{COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0"),
        )],
        Json(json!({ "dang_nhap": false })),
    )
        .into_response()
}
