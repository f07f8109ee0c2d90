//! `vanban cap-so`: the văn thư numbers a reviewed document, dates it, makes
//! its final PDF and enters it in the register.
//!
//! The failure model, step by step:
//! 1. The number is taken and recorded as being issued (`dang_cap`) in
//!    one transaction: nothing else is written yet.
//! 2. The TOML gets `so` and `ngay` (atomic rename; comments kept).
//! 3. The PDF is written (atomic rename).
//! 4. The entry is marked issued with the PDF's SHA-256.
//!
//! A failure vanban sees in 2–3 puts the TOML back as it was and gives the
//! number back (or, when a later number was already taken, keeps it as
//! cancelled with the reason). A crash between 1 and 4 leaves the entry
//! `dang_cap`: the number is accounted for, and the next `cap-so` of the
//! same document resumes with that same number from step 2 — so the
//! register never holds a finished number whose document does not carry
//! it, and no number is given twice.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use sha2::{Digest, Sha256};
use toml_edit::DocumentMut;

use super::luu_tru::{DaySo, Muc, SoDangKy, TrangThai};
use crate::Compiler;
use crate::error::{Error, Result, Severity};

/// What `cap-so` was asked for.
pub struct TuyChon {
    pub van_ban: PathBuf,
    /// The register's file.
    pub so_dang_ky: PathBuf,
    /// The register (number sequence) within the body: "chung" unless
    /// the body keeps separate ones.
    pub ten_so: String,
    /// The date of issue (default: today in Vietnam).
    pub ngay: Option<NaiveDate>,
    /// Show what would be given, take nothing.
    pub thu: bool,
    /// Who issues it, for the register.
    pub nguoi_cap: String,
    /// Warnings stop it too (`--nghiem`).
    pub strict: bool,
    /// Which files the document may read.
    pub reach: crate::load::Reach,
}

pub enum KetQua {
    /// `--thu`: the number it would get.
    Thu(Muc),
    DaCap {
        muc: Muc,
        pdf: PathBuf,
        trang: usize,
        /// The number the clerk had typed, now replaced.
        so_cu: Option<u32>,
    },
}

/// Today's date in Vietnam (UTC+7, no daylight saving).
pub fn hom_nay() -> NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive()
}

/// A test's way to stop the process dead after a step
/// (`VANBAN_DUNG_SAU=giu_so|ghi_toml|tao_pdf`), as a power cut would.
fn diem(buoc: &str) {
    if std::env::var("VANBAN_DUNG_SAU").is_ok_and(|v| v == buoc) {
        std::process::abort();
    }
}

pub fn cap_so(compiler: &Compiler, opts: &TuyChon) -> Result<KetQua> {
    let path =
        std::fs::canonicalize(&opts.van_ban).map_err(|e| Error::io(&opts.van_ban, "mở", e))?;
    let goc = crate::load::read_text(&path)?;
    let options = crate::load::Options {
        reach: opts.reach,
        ..Default::default()
    };
    let loaded = crate::load::load_text(&path, &goc, &options)?;
    // The review's errors stop it; under `--nghiem` its warnings too.
    let findings = crate::kiem_tra::kiem_tra(&loaded.van_ban);
    let mut review = loaded.warnings.clone();
    review.extend(crate::kiem_tra::chan_doan(&loaded.van_ban.nguon, &findings));
    let (loi, canh_bao): (Vec<_>, Vec<_>) = review
        .into_iter()
        .filter(|d| d.severity != Severity::Suggestion)
        .partition(|d| d.severity == Severity::Error);
    if !loi.is_empty() {
        return Err(Error::Input(loi));
    }
    crate::error::strict(canh_bao, opts.strict)?;
    let mut so = SoDangKy::mo(&opts.so_dang_ky)?;
    let muc = match so.cua_tep(&path)? {
        Some(m) if m.trang_thai == TrangThai::DaCap => {
            return Err(Error::Refused {
                message: format!(
                    "{} đã được cấp số {} ngày {} trong sổ \"{}\" ({} cấp lúc {})",
                    path.display(),
                    crate::model::SoKyHieu::so_in(m.so),
                    m.ngay,
                    m.day.ten_so,
                    m.nguoi_cap,
                    m.luc_cap
                ),
                hint: "văn bản đã ban hành không cấp số lại; văn bản mới thì lưu thành tệp khác"
                    .into(),
            });
        }
        Some(m) if opts.thu => return Ok(KetQua::Thu(m)),
        // Stopped midway before: the same number, from step 2.
        Some(m) => m,
        None => {
            let ngay = opts.ngay.unwrap_or_else(hom_nay);
            let mut muc = muc_moi(&loaded.van_ban, &path, opts, ngay);
            if opts.thu {
                muc.so = so.so_tiep(&muc.day)?;
                return Ok(KetQua::Thu(muc));
            }
            so.giu_so(&mut muc)?;
            muc
        }
    };
    diem("giu_so");
    match ban_hanh(
        compiler,
        (&path, &options),
        &goc,
        &muc,
        loaded.van_ban.so.nam.is_some(),
    ) {
        Ok((pdf, bytes, trang)) => {
            let sha: String = Sha256::digest(&bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            so.xong(&muc, &pdf, &sha)?;
            let mut muc = muc;
            muc.trang_thai = TrangThai::DaCap;
            muc.tep_pdf = Some(pdf.clone());
            muc.sha256_pdf = Some(sha);
            Ok(KetQua::DaCap {
                muc,
                pdf,
                trang,
                so_cu: loaded.van_ban.so.so,
            })
        }
        Err(e) => {
            // The document as it was, the number given back.
            let _ = crate::write::write_atomic(&path, goc.as_bytes());
            so.tra_lai(&muc, &e.to_string())?;
            Err(e)
        }
    }
}

/// The entry a document would make, before its number.
fn muc_moi(van_ban: &crate::model::VanBan, path: &Path, opts: &TuyChon, ngay: NaiveDate) -> Muc {
    let ky_hieu = match van_ban.so.nam {
        Some(_) => format!("{}/{}", ngay.year(), van_ban.so.ky_hieu),
        None => van_ban.so.ky_hieu.clone(),
    };
    Muc {
        day: DaySo {
            co_quan: van_ban.co_quan.ten.join(" "),
            ten_so: opts.ten_so.clone(),
            nam: ngay.year(),
        },
        so: 0,
        ky_hieu,
        ngay: ngay.format("%Y-%m-%d").to_string(),
        loai: van_ban.loai.ten.clone(),
        trich_yeu: van_ban.trich_yeu.join(" "),
        nguoi_ky: van_ban.chu_ky.ho_ten.clone(),
        noi_nhan: van_ban.noi_nhan.gui.clone(),
        so_ban: van_ban.so_ban,
        don_vi_soan: van_ban.noi_nhan.luu.clone(),
        tep: path.to_path_buf(),
        tep_pdf: None,
        sha256_pdf: None,
        nguoi_cap: opts.nguoi_cap.clone(),
        luc_cap: (chrono::Utc::now() + chrono::Duration::hours(7))
            .format("%Y-%m-%dT%H:%M:%S+07:00")
            .to_string(),
        trang_thai: TrangThai::DangCap,
        ly_do_huy: None,
    }
}

/// Steps 2 and 3: the number and date into the TOML, then the final PDF
/// beside it; the PDF's path, bytes and pages.
fn ban_hanh(
    compiler: &Compiler,
    (path, options): (&Path, &crate::load::Options<'_>),
    goc: &str,
    muc: &Muc,
    so_co_nam: bool,
) -> Result<(PathBuf, Vec<u8>, usize)> {
    let text = ghi_so(goc, muc, so_co_nam).map_err(|e| Error::Refused {
        message: format!("không ghi được số vào {}: {e}", path.display()),
        hint: "sửa lỗi cú pháp TOML rồi cấp số lại".into(),
    })?;
    crate::write::write_atomic(path, text.as_bytes())?;
    diem("ghi_toml");
    let loaded = crate::load::load_text(path, &text, options)?;
    let formats: [&'static dyn crate::output::Format; 1] = [&crate::output::PDF];
    let pipeline = crate::pipeline::Pipeline {
        compiler,
        formats: &formats,
        ra_soat: false,
        strict: false,
        reuse: crate::pipeline::Reuse::Nothing,
        request: crate::dien_tu::YeuCau {
            pdfa: Some(true),
            o_ky: loaded.van_ban.dien_tu.o_ky,
        },
        durable: true,
        beside: true,
    };
    let pdf = path.with_extension("pdf");
    let mut report = pipeline.run(&loaded.van_ban, &pdf)?;
    diem("tao_pdf");
    let made = report.files.remove(0).made;
    Ok((pdf, made.bytes, made.pages.unwrap_or(0)))
}

/// `text` with `so` and `ngay` of `muc`, everything else as written: a
/// legal number keeps its "số/năm" form.
pub fn ghi_so(text: &str, muc: &Muc, so_co_nam: bool) -> std::result::Result<String, String> {
    let mut doc: DocumentMut = text.parse().map_err(|e| format!("{e}"))?;
    let so = match so_co_nam {
        true => toml_edit::value(format!("{}/{}", muc.so, muc.day.nam)),
        false => toml_edit::value(i64::from(muc.so)),
    };
    let ngay: toml_edit::Datetime = muc.ngay.parse().map_err(|e| format!("{e}"))?;
    crate::edit::set(doc.as_table_mut(), "so", Some(so));
    crate::edit::set(doc.as_table_mut(), "ngay", Some(toml_edit::value(ngay)));
    Ok(doc.to_string())
}
