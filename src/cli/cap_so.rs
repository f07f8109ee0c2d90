//! `vanban cap-so` and `vanban so-van-ban`: the văn thư's register.

use std::path::Path;

use chrono::NaiveDate;
use vanban::Error;
use vanban::so_dang_ky::cap::{self, KetQua};

use crate::args::{ListFormat, SoDangKyArgs, XuatDanhSach};

/// "2024-05-31" or "31/5/2024".
fn doc_ngay(s: &str) -> Result<NaiveDate, Error> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s.trim(), "%d/%m/%Y"))
        .map_err(|_| Error::Refused {
            message: format!("--ngay \"{s}\" không phải một ngày"),
            hint: "ghi dạng 2024-05-31 hoặc 31/5/2024".into(),
        })
}

/// Who issues: the flag, else the computer's user name.
fn nguoi_cap(given: Option<String>) -> String {
    given
        .or_else(|| std::env::var("USERNAME").ok())
        .or_else(|| std::env::var("USER").ok())
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "không rõ".into())
}

pub fn run(
    input: &Path,
    ngay: Option<&str>,
    thu: bool,
    so: &SoDangKyArgs,
    nguoi: Option<String>,
    flags: &crate::args::Flags,
) -> Result<(), Error> {
    let opts = cap::TuyChon {
        van_ban: input.to_path_buf(),
        so_dang_ky: so.tep(),
        ten_so: so.ten_so.clone().unwrap_or_else(|| "chung".into()),
        ngay: ngay.map(doc_ngay).transpose()?,
        thu,
        nguoi_cap: nguoi_cap(nguoi),
        strict: flags.strict,
        reach: flags.reach,
    };
    let compiler = vanban::Compiler::new();
    match cap::cap_so(&compiler, &opts)? {
        KetQua::Thu(m) => say!(
            "Sẽ cấp số {}/{} ngày {} trong sổ \"{}\" năm {} (chưa cấp: bỏ --thu để cấp).",
            vanban::model::SoKyHieu::so_in(m.so),
            m.ky_hieu,
            m.ngay,
            m.day.ten_so,
            m.day.nam
        ),
        KetQua::DaCap {
            muc,
            pdf,
            trang,
            so_cu,
        } => {
            if let Some(cu) = so_cu.filter(|&cu| cu != muc.so) {
                warn!(
                    "cảnh báo: số {cu} ghi sẵn trong {} đã được thay bằng số {} của sổ đăng ký",
                    input.display(),
                    vanban::model::SoKyHieu::so_in(muc.so)
                );
            }
            say!(
                "Đã cấp số {}/{} ngày {} (sổ \"{}\" năm {}); đã ghi số và ngày vào {}, tạo {} ({trang} trang, PDF/A).",
                vanban::model::SoKyHieu::so_in(muc.so),
                muc.ky_hieu,
                muc.ngay,
                muc.day.ten_so,
                muc.day.nam,
                input.display(),
                pdf.display()
            )
        }
    }
}

pub fn so_van_ban(nam: Option<i32>, so: &SoDangKyArgs, xuat: &XuatDanhSach) -> Result<(), Error> {
    use chrono::Datelike;
    let tep = so.tep();
    if !tep.exists() {
        return Err(Error::Refused {
            message: format!("chưa có sổ đăng ký {}", tep.display()),
            hint: "sổ được tạo khi cấp số đầu tiên (vanban cap-so); tệp khác thì ghi --so-dang-ky"
                .into(),
        });
    }
    let nam = nam.unwrap_or_else(|| cap::hom_nay().year());
    let register = vanban::so_dang_ky::luu_tru::SoDangKy::mo(&tep)?;
    let muc = register.cac_muc(nam, so.ten_so.as_deref())?;
    let bytes = match xuat.format {
        ListFormat::Csv => vanban::so_dang_ky::csv(&muc)?,
        ListFormat::Json => vanban::so_dang_ky::json(&muc)?,
    };
    if let Some(path) = xuat.ghi(&bytes, &[tep.as_path()])? {
        warn!(
            "Đã ghi {} số của năm {nam} vào {}.",
            muc.len(),
            path.display()
        );
    }
    Ok(())
}

/// `--khoa-so NĂM`: the year's registers closed.
pub fn khoa_so(nam: i32, so: &SoDangKyArgs) -> Result<(), Error> {
    let tep = so.tep();
    if !tep.exists() {
        return Err(Error::Refused {
            message: format!("chưa có sổ đăng ký {}", tep.display()),
            hint: "tệp khác thì ghi --so-dang-ky".into(),
        });
    }
    let mut register = vanban::so_dang_ky::luu_tru::SoDangKy::mo(&tep)?;
    let closed = register.khoa_so(nam, so.ten_so.as_deref())?;
    match closed.is_empty() {
        true => say!("Năm {nam} chưa có số nào trong sổ; không có gì để khóa."),
        false => say!(
            "Đã khóa sổ năm {nam}: {}. Từ nay không thêm, sửa, xóa số nào của năm này.",
            closed.join(", ")
        ),
    }
}
