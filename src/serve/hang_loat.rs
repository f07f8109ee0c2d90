//! Hàng loạt in the browser: the clerk uploads the units' file for a batch
//! template, watches the letters being made (server-sent events) and
//! downloads them as one zip with the manifest. The batch is the CLI's
//! (`hang_loat::chay`); its data file and letters live in a folder of their
//! own outside the served one, removed when the run is dropped.

use std::collections::VecDeque;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use axum::Json;
use axum::extract::{Path as UrlPath, Query, State};
use axum::http::{StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use super::TrangThai;
use super::an_toan::{duong_dan, loi, ten_so_lieu};

/// Finished runs kept for download; an older one is dropped (its folder
/// removed) when a new run starts.
const GIU_TOI_DA: usize = 4;

/// Units' files uploaded to see a template's letter for its first unit,
/// by template; the last few kept, each in a folder of its own.
#[derive(Default)]
pub(super) struct DonViThu {
    tep: VecDeque<(String, tempfile::TempDir, PathBuf, Option<String>)>,
}

impl DonViThu {
    /// The units' file (and unit column) uploaded for template `mau`.
    pub(super) fn tim(&self, mau: &str) -> Option<(PathBuf, Option<String>)> {
        self.tep
            .iter()
            .rev()
            .find(|(m, ..)| m == mau)
            .map(|(_, _, p, c)| (p.clone(), c.clone()))
    }
}

/// An uploaded units' file (its own name checked) in a new folder of its
/// own outside the served one, removed when the folder is dropped.
fn giu_tam(prefix: &str, ten: &str, body: &[u8]) -> Result<(tempfile::TempDir, PathBuf), Response> {
    let name = ten_so_lieu(ten, &["csv", "xlsx", "toml"])?;
    let hong = |e: std::io::Error| loi(StatusCode::INTERNAL_SERVER_ERROR, e.to_string());
    let thu_muc = tempfile::Builder::new()
        .prefix(prefix)
        .tempdir()
        .map_err(hong)?;
    let path = thu_muc.path().join(name);
    std::fs::write(&path, body).map_err(hong)?;
    Ok((thu_muc, path))
}

/// Keeps a units' file for the page view of template `ten`.
pub(super) async fn don_vi_thu(
    State(state): State<Arc<TrangThai>>,
    UrlPath(ten): UrlPath<String>,
    Query(q): Query<Tao>,
    body: axum::body::Bytes,
) -> Result<Response, Response> {
    duong_dan(&state, &ten)?;
    let (thu_muc, path) = giu_tam("vanban-don-vi-", &q.tep, &body)?;
    let cot = q.cot_don_vi.filter(|c| !c.trim().is_empty());
    let mut kept = state.don_vi_thu.lock().unwrap_or_else(|e| e.into_inner());
    kept.tep.retain(|(m, ..)| *m != ten);
    kept.tep.push_back((ten, thu_muc, path, cot));
    while kept.tep.len() > GIU_TOI_DA {
        kept.tep.pop_front();
    }
    Ok(Json(json!({ "da_nhan": true })).into_response())
}

/// One batch run: its folder, its progress and, once done, its zip.
pub(super) struct Luot {
    so: u64,
    /// The template's name, for the zip's name.
    mau: String,
    thu_muc: tempfile::TempDir,
    tien_do: tokio::sync::watch::Sender<Value>,
    dung: AtomicBool,
}

/// The runs of this server: one at a time, the last few kept.
#[derive(Default)]
pub(super) struct CacLuot {
    sau: u64,
    luot: VecDeque<Arc<Luot>>,
}

impl CacLuot {
    fn tim(&self, so: u64) -> Option<Arc<Luot>> {
        self.luot.iter().find(|l| l.so == so).cloned()
    }
}

fn xong(v: &Value) -> bool {
    v["trang_thai"] != "dang_tao"
}

#[derive(Deserialize)]
pub(super) struct Tao {
    /// The uploaded file's own name (its extension says CSV, XLSX or TOML).
    tep: String,
    dang: Option<String>,
    /// The column naming the unit, when its header does not say so.
    cot_don_vi: Option<String>,
}

/// Starts a batch of template `ten` over the uploaded units' file; answers
/// the run's number at once, the letters are made on a blocking thread.
pub(super) async fn tao(
    State(state): State<Arc<TrangThai>>,
    UrlPath(ten): UrlPath<String>,
    Query(q): Query<Tao>,
    body: axum::body::Bytes,
) -> Result<Response, Response> {
    let mau = duong_dan(&state, &ten)?;
    let (thu_muc, du_lieu) = giu_tam("vanban-hang-loat-", &q.tep, &body)?;
    let dang = q.dang.as_deref().unwrap_or("pdf");
    let formats = crate::output::chon(dang).ok_or_else(|| {
        loi(
            StatusCode::BAD_REQUEST,
            format!("không có dạng tệp \"{dang}\"; cần pdf, docx hoặc ca-hai"),
        )
    })?;
    let luot = {
        let mut cac = state.hang_loat.lock().unwrap_or_else(|e| e.into_inner());
        if cac.luot.iter().any(|l| !xong(&l.tien_do.borrow())) {
            return Err(loi(
                StatusCode::CONFLICT,
                "đang tạo một lượt hàng loạt khác; chờ lượt đó xong rồi tạo tiếp",
            ));
        }
        cac.sau += 1;
        let luot = Arc::new(Luot {
            so: cac.sau,
            mau: ten.trim_end_matches(".toml").to_string(),
            thu_muc,
            tien_do: tokio::sync::watch::Sender::new(
                json!({ "trang_thai": "dang_tao", "xong": 0, "tong": 0 }),
            ),
            dung: AtomicBool::new(false),
        });
        cac.luot.push_back(luot.clone());
        while cac.luot.len() > GIU_TOI_DA {
            cac.luot.pop_front();
        }
        luot
    };
    // One layout slot for the whole run: the other stays for previews.
    let permit = state
        .dan_trang
        .clone()
        .acquire_owned()
        .await
        .map_err(|_| loi(StatusCode::SERVICE_UNAVAILABLE, "máy chủ đang dừng"))?;
    let (so, chay) = (luot.so, luot.clone());
    let state = state.clone();
    let cot = q.cot_don_vi.filter(|c| !c.trim().is_empty());
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let ket_qua = chay_luot(&state, &chay, mau, (du_lieu, cot), formats);
        chay.tien_do.send_replace(ket_qua);
    });
    Ok(Json(json!({ "so": so })).into_response())
}

/// Runs the batch into the run's folder, then zips the letters and the
/// manifest; what the page shows when it is over.
fn chay_luot(
    state: &TrangThai,
    luot: &Luot,
    mau: PathBuf,
    (du_lieu, cot_don_vi): (PathBuf, Option<String>),
    formats: Vec<&'static dyn crate::output::Format>,
) -> Value {
    let ra = luot.thu_muc.path().join("van-ban");
    let opts = crate::hang_loat::TuyChon {
        mau,
        du_lieu,
        thu_muc: ra.clone(),
        ten_tep: crate::hang_loat::ten_tep::MAC_DINH.to_string(),
        cot_don_vi,
        gop: None,
        luong: 1,
        strict: false,
        reach: crate::load::Reach::DocumentFolder,
        request: crate::dien_tu::YeuCau::default(),
        formats,
        xoa_cu: false,
    };
    let dem = AtomicUsize::new(0);
    let bao = |tong: usize| {
        let xong = dem.fetch_add(1, Ordering::SeqCst) + 1;
        luot.tien_do
            .send_replace(json!({ "trang_thai": "dang_tao", "xong": xong, "tong": tong }));
    };
    let ket_qua = match crate::hang_loat::chay(&state.compiler, &opts, &bao, &luot.dung) {
        Ok(k) => k,
        Err(e) => {
            let mut chan_doan = super::tra_loi::loi_van_ban(e);
            super::tra_loi::trong_trang(&mut chan_doan, luot.thu_muc.path());
            return json!({ "trang_thai": "loi", "chan_doan": chan_doan });
        }
    };
    if let Err(e) = nen(&ra, &luot.thu_muc.path().join("van-ban.zip")) {
        return json!({ "trang_thai": "loi", "chan_doan": [{ "muc_do": "loi", "thong_bao": format!("không nén được các văn bản: {e}") }] });
    }
    let dong: Vec<Value> = ket_qua
        .dong
        .iter()
        .map(|d| json!({ "don_vi": d.don_vi, "noi": d.noi, "tep": d.tep, "loi": d.loi }))
        .collect();
    json!({
        "trang_thai": "xong",
        "da_tao": ket_qua.so_da_tao(),
        "so_loi": ket_qua.so_loi(),
        "dung": ket_qua.dung,
        "dong": dong,
        "canh_bao": crate::kiem_tra::json(&ket_qua.canh_bao),
    })
}

/// Every file the batch wrote in `ra` (letters, manifest.csv/json), into
/// the zip at `dich`, one entry per file by its name.
fn nen(ra: &Path, dich: &Path) -> std::io::Result<()> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(ra)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    names.sort();
    let mut zip = zip::ZipWriter::new(std::fs::File::create(dich)?);
    let now = chrono::Local::now().naive_local();
    use chrono::{Datelike as _, Timelike as _};
    let luc = zip::DateTime::from_date_and_time(
        u16::try_from(now.year()).unwrap_or(1980),
        now.month() as u8,
        now.day() as u8,
        now.hour() as u8,
        now.minute() as u8,
        now.second() as u8,
    )
    .unwrap_or_default();
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(luc);
    for path in names {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        zip.start_file(name.as_ref(), options)
            .map_err(std::io::Error::other)?;
        zip.write_all(&std::fs::read(&path)?)?;
    }
    zip.finish().map_err(std::io::Error::other)?.sync_all()
}

fn tim(state: &TrangThai, so: u64) -> Result<Arc<Luot>, Response> {
    state
        .hang_loat
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .tim(so)
        .ok_or_else(|| {
            loi(
                StatusCode::NOT_FOUND,
                "không còn lượt tạo này (máy chủ chỉ giữ vài lượt gần nhất); tạo lại",
            )
        })
}

/// The run's progress as server-sent events: `{ xong, tong }` after each
/// letter, then what was made (or why nothing was), and the stream ends.
pub(super) async fn tien_do(
    State(state): State<Arc<TrangThai>>,
    UrlPath(so): UrlPath<u64>,
) -> Result<Response, Response> {
    let luot = tim(&state, so)?;
    let rx = luot.tien_do.subscribe();
    let stream = futures_util::stream::unfold(Some(rx), |rx| async move {
        let mut rx = rx?;
        let v = rx.borrow_and_update().clone();
        let event = Event::default().data(v.to_string());
        if xong(&v) {
            return Some((Ok::<_, std::convert::Infallible>(event), None));
        }
        // The sender lives as long as the run; a dropped run ends the stream.
        let next = rx.changed().await.ok().map(|_| rx);
        Some((Ok(event), next))
    });
    Ok(Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response())
}

/// Stops a run: letters under way finish, the rest are listed as not made.
pub(super) async fn dung(
    State(state): State<Arc<TrangThai>>,
    UrlPath(so): UrlPath<u64>,
) -> Result<Response, Response> {
    tim(&state, so)?.dung.store(true, Ordering::SeqCst);
    Ok(Json(json!({ "so": so })).into_response())
}

/// The finished run's zip: the letters and manifest.csv/json.
pub(super) async fn tai(
    State(state): State<Arc<TrangThai>>,
    UrlPath(so): UrlPath<u64>,
) -> Result<Response, Response> {
    let luot = tim(&state, so)?;
    if luot.tien_do.borrow()["trang_thai"] != "xong" {
        return Err(loi(StatusCode::CONFLICT, "lượt tạo chưa xong"));
    }
    let path = luot.thu_muc.path().join("van-ban.zip");
    let file = tokio::fs::File::open(&path)
        .await
        .map_err(|e| loi(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    // Read a piece at a time: a run of thousands of letters is not held in
    // memory. The run (and its folder) lives as long as the stream.
    let chunks =
        futures_util::stream::unfold((file, luot.clone()), |(mut file, luot)| async move {
            use tokio::io::AsyncReadExt as _;
            let mut buf = vec![0u8; 64 * 1024];
            match file.read(&mut buf).await {
                Ok(0) => None,
                Ok(n) => {
                    buf.truncate(n);
                    Some((Ok::<_, std::io::Error>(buf), (file, luot)))
                }
                Err(e) => Some((Err(e), (file, luot))),
            }
        });
    let name = format!("{}-hang-loat.zip", luot.mau);
    Ok((
        [
            (header::CONTENT_TYPE, "application/zip".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename*=UTF-8''{}", super::tra_loi::encode(&name)),
            ),
        ],
        axum::body::Body::from_stream(chunks),
    )
        .into_response())
}
