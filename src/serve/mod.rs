//! `vanban serve`: one folder of documents in the browser. The TOML file
//! stays the source of truth; the page edits it, lays it out as the clerk
//! types (a long-lived compiler, as `watch`), reviews it and hands out the
//! same PDF and Word files as `vanban render`. Listens on loopback only;
//! every request is checked (`an_toan`) before it reaches a handler.

mod an_toan;
mod api;
mod bieu_mau;
mod dang_nhap;
mod hang_loat;
mod luoi;
mod so_van_ban;
mod tai_len;
mod tra_loi;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::error::{Error, Result};

/// The pages and the script the browser runs, inside the binary: no CDN,
/// no network.
const INDEX: &str = include_str!("../../web/index.html");
const APP_JS: &str = include_str!("../../web/app.js");
const APP_CSS: &str = include_str!("../../web/app.css");

/// Largest request body: a TOML file as the loader takes it, with room.
const THAN_TOI_DA: usize = 4 * 1024 * 1024;
/// Largest uploaded data file (a batch's units, an appendix table).
const TAI_LEN_TOI_DA: usize = 16 * 1024 * 1024;
/// Layouts running at once, and requests that may wait for one: a burst of
/// previews waits in a short queue, the rest are told the server is busy.
const DAN_TRANG_CUNG_LUC: usize = 2;
const HANG_DOI_TOI_DA: usize = 32;

/// What `vanban serve` was asked for.
pub struct TuyChon {
    /// The folder whose documents are served.
    pub thu_muc: PathBuf,
    /// The port (0: any free one).
    pub cong: u16,
    /// The address to listen on: 127.0.0.1 unless the clerk opens the
    /// workspace to the office network, which needs `mat_khau_tep`.
    pub dia_chi: IpAddr,
    /// A file whose first line is the password every browser signs in with.
    pub mat_khau_tep: Option<PathBuf>,
}

/// What every request reads: the folder, the compiler kept warm between
/// previews, and the bound on layouts.
pub(crate) struct TrangThai {
    /// The served folder, canonical: every file must resolve inside it.
    thu_muc: PathBuf,
    compiler: crate::Compiler,
    dan_trang: Arc<tokio::sync::Semaphore>,
    cho: std::sync::atomic::AtomicUsize,
    /// One save at a time: the version check and the write are one step.
    luu: tokio::sync::Mutex<()>,
    /// The batch runs started from the page.
    hang_loat: std::sync::Mutex<hang_loat::CacLuot>,
    /// Units' files for the page view of batch templates.
    don_vi_thu: std::sync::Mutex<hang_loat::DonViThu>,
    /// The addresses this server answers to (`Host`, `Origin`).
    dia_chi: SocketAddr,
    /// The password and sessions, when one was given.
    dang_nhap: Option<dang_nhap::DangNhap>,
}

impl TrangThai {
    pub(crate) fn thu_muc(&self) -> &Path {
        &self.thu_muc
    }

    /// The units' file (and unit column) the page sent for template `ten`.
    fn don_vi_thu(&self, ten: &str) -> Option<(PathBuf, Option<String>)> {
        self.don_vi_thu
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .tim(ten)
    }
}

/// Binds `dia_chi`:`cong`, tells `san_sang` the address, then serves until
/// the process ends. Another address than loopback is refused without a
/// password file.
pub fn chay(opts: TuyChon, san_sang: impl FnOnce(SocketAddr)) -> Result<()> {
    if !opts.dia_chi.is_loopback() && opts.mat_khau_tep.is_none() {
        return Err(tu_choi(
            format!(
                "không mở vanban serve trên {} khi chưa có mật khẩu: mọi máy trong mạng sẽ đọc và sửa được các văn bản",
                opts.dia_chi
            ),
            "ghi một mật khẩu dài vào dòng đầu một tệp rồi thêm --mat-khau-tep TỆP; hoặc bỏ --dia-chi để chỉ dùng trên máy này",
        ));
    }
    let dang_nhap = opts
        .mat_khau_tep
        .as_deref()
        .map(dang_nhap::DangNhap::doc)
        .transpose()?;
    let thu_muc =
        std::fs::canonicalize(&opts.thu_muc).map_err(|e| Error::io(&opts.thu_muc, "mở", e))?;
    if !thu_muc.is_dir() {
        return Err(tu_choi(
            format!("{} không phải thư mục", opts.thu_muc.display()),
            "vanban serve phục vụ một thư mục văn bản, ví dụ: vanban serve examples",
        ));
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| tu_choi(format!("không khởi động được máy chủ: {e}"), "thử chạy lại"))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind((opts.dia_chi, opts.cong))
            .await
            .map_err(|e| {
                tu_choi(
                    format!("không mở được cổng {} trên {}: {e}", opts.cong, opts.dia_chi),
                    "chọn cổng khác bằng --cong, ví dụ --cong 8031",
                )
            })?;
        let dia_chi = listener.local_addr().map_err(|e| {
            tu_choi(
                format!("không đọc được địa chỉ máy chủ: {e}"),
                "thử chạy lại",
            )
        })?;
        let state = Arc::new(TrangThai {
            thu_muc,
            compiler: crate::Compiler::new(),
            dan_trang: Arc::new(tokio::sync::Semaphore::new(DAN_TRANG_CUNG_LUC)),
            hang_loat: Default::default(),
            don_vi_thu: Default::default(),
            cho: std::sync::atomic::AtomicUsize::new(0),
            luu: tokio::sync::Mutex::new(()),
            dia_chi,
            dang_nhap,
        });
        san_sang(dia_chi);
        axum::serve(listener, router(state))
            .await
            .map_err(|e| tu_choi(format!("máy chủ dừng vì lỗi: {e}"), "thử chạy lại"))
    })
}

fn tu_choi(message: String, hint: &str) -> Error {
    Error::Refused {
        message,
        hint: hint.to_string(),
    }
}

fn router(state: Arc<TrangThai>) -> Router {
    let tinh = |body: &'static str, kieu: &'static str| {
        get(move || async move { ([(axum::http::header::CONTENT_TYPE, kieu)], body) })
    };
    Router::new()
        .route("/", tinh(INDEX, "text/html; charset=utf-8"))
        .route("/app.js", tinh(APP_JS, "text/javascript; charset=utf-8"))
        .route("/app.css", tinh(APP_CSS, "text/css; charset=utf-8"))
        .route("/api/danh-sach", get(api::danh_sach))
        .route("/api/dang-nhap", post(dang_nhap::dang_nhap))
        .route("/api/dang-xuat", post(dang_nhap::dang_xuat))
        .route("/api/loai", get(api::loai))
        .route("/api/moi", post(api::moi))
        .route("/api/tep/{ten}", get(api::doc).put(api::luu))
        .route("/api/xem-truoc/{ten}", post(api::xem_truoc))
        .route("/api/ra-soat/{ten}", post(api::ra_soat))
        .route("/api/tai-ve/{ten}", get(api::tai_ve))
        .route("/api/bieu-mau", get(api::bieu_mau))
        .route("/api/gia-tri", post(api::gia_tri))
        .route("/api/sua", post(api::sua))
        .route("/api/bo-qua", post(api::bo_qua))
        .route("/api/luoi", post(api::luoi))
        .route("/api/luoi/sua", post(api::sua_luoi))
        .route("/api/bang-moi", post(tai_len::bang_moi))
        .route("/api/cap-so/{ten}", post(so_van_ban::cap_so))
        .route("/api/so-van-ban", get(so_van_ban::so_van_ban))
        .route(
            "/api/tai-len",
            post(tai_len::tai_len).layer(DefaultBodyLimit::max(TAI_LEN_TOI_DA)),
        )
        .route(
            "/api/hang-loat/{ten}",
            post(hang_loat::tao).layer(DefaultBodyLimit::max(TAI_LEN_TOI_DA)),
        )
        .route(
            "/api/don-vi-thu/{ten}",
            post(hang_loat::don_vi_thu).layer(DefaultBodyLimit::max(TAI_LEN_TOI_DA)),
        )
        .route("/api/hang-loat/{so}/tien-do", get(hang_loat::tien_do))
        .route("/api/hang-loat/{so}/dung", post(hang_loat::dung))
        .route("/api/hang-loat/{so}/tai", get(hang_loat::tai))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            an_toan::kiem_tra,
        ))
        .layer(DefaultBodyLimit::max(THAN_TOI_DA))
        .with_state(state)
}
