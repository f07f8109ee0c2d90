//! `vanban batch`: one letter per unit, from a template document and a data
//! file with a row per unit.
//!
//! Everything that can be checked without laying out is checked for every
//! unit before the first file is written: expressions, file names and their
//! collisions. Then the letters are laid out on one thread per core (plain
//! threads pulling from a counter, not rayon: typst uses rayon inside, and
//! an outer pool lets idle workers start more documents than memory wants),
//! each written atomically. A unit that fails is reported and recorded in
//! the manifest; the others are still written.

pub mod bao_cao;
pub mod don_vi_nhan;
pub mod gop;
pub mod loc;
pub mod mau;
pub mod ra_soat;
pub mod sandbox;
pub mod ten_tep;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use sha2::{Digest, Sha256};

use crate::compile::AppendixCache;
use crate::du_lieu::ReadCache;
use crate::error::{Diagnostic, Error, Result};
use crate::output::write_atomic_unsynced;
use crate::{Compiler, PagedDocument};
use bao_cao::{Dong, TrangThai};
use don_vi_nhan::DonViNhan;
use mau::Mau;

pub struct TuyChon {
    /// The template document (TOML with expressions).
    pub mau: PathBuf,
    /// One row per unit: CSV, XLSX or TOML.
    pub du_lieu: PathBuf,
    pub thu_muc: PathBuf,
    /// File-name pattern (tera), values slugged.
    pub ten_tep: String,
    /// The data column naming the unit, when its header does not say so.
    pub cot_don_vi: Option<String>,
    /// Also write every letter into this one PDF, for printing.
    pub gop: Option<PathBuf>,
    /// Worker threads; 0 = one per core.
    pub luong: usize,
    /// Warnings are errors: a unit whose letter has any is not made.
    pub nghiem: bool,
    /// Which files the template's paths may name.
    pub reach: crate::load::Reach,
    /// PDF/A and signature fields, as the command line asks.
    pub dien_tu: crate::dien_tu::YeuCau,
    /// PDF letters, Word files, or both.
    pub dang: crate::Dang,
}

pub struct KetQua {
    /// One per unit, in data-file order.
    pub dong: Vec<Dong>,
    /// The joined PDF and its page count, when asked for.
    pub gop: Option<(PathBuf, usize)>,
    /// What the template's input left unused, each warning once however
    /// many units it concerned.
    pub canh_bao: Vec<Diagnostic>,
}

impl KetQua {
    pub fn so_loi(&self) -> usize {
        self.dong
            .iter()
            .filter(|d| d.trang_thai == TrangThai::Loi)
            .count()
    }
}

/// Runs a batch. `xong(total)` is called after each unit (for a progress bar).
/// Errors that stop the batch before any file is written are `Err`; a
/// unit's failure is in its manifest line.
pub fn chay(compiler: &Compiler, opts: &TuyChon, xong: &(dyn Fn(usize) + Sync)) -> Result<KetQua> {
    let text = crate::load::read_text(&opts.mau)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mau = Mau::new(&opts.mau, text, &opts.ten_tep)?;
    let danh_ba = mau.danh_ba(opts.reach)?;
    mau.check_paths(opts.reach)?;
    let (units, sheet) = don_vi_nhan::read(&opts.du_lieu, opts.cot_don_vi.as_deref(), &danh_ba)?;
    let data_path = std::fs::canonicalize(&opts.du_lieu).unwrap_or_else(|_| opts.du_lieu.clone());
    let nguon = |u: &DonViNhan| {
        u.so_dong
            .map(|row| (data_path.as_path(), sheet.as_deref(), row))
    };
    let n = units.len();

    let (names, faults) = kiem_tra(&mau, &units)?;
    if opts.gop.is_some() && !opts.dang.pdf() {
        return Err(Error::Refused {
            message: "--gop gộp các tệp PDF, nhưng --dang docx không tạo PDF".into(),
            hint: "bỏ --gop, hoặc dùng --dang ca-hai".into(),
        });
    }
    if let Some(gop) = &opts.gop {
        // The joined PDF must not replace what the batch reads or writes.
        let letters: Vec<PathBuf> = names
            .iter()
            .flatten()
            .chain(&["manifest.csv".to_string(), "manifest.json".to_string()])
            .map(|n| opts.thu_muc.join(n))
            .collect();
        let mut taken: Vec<&Path> = vec![&opts.mau, &opts.du_lieu];
        taken.extend(letters.iter().map(PathBuf::as_path));
        crate::output::refuse_overwriting(gop, &taken)?;
    }
    if opts.thu_muc.exists() && !opts.thu_muc.is_dir() {
        return Err(Error::Refused {
            message: format!(
                "{} là một tệp, không phải thư mục để ghi các văn bản",
                opts.thu_muc.display()
            ),
            hint: "chọn một thư mục (chưa có thì vanban tạo) sau -o".into(),
        });
    }
    std::fs::create_dir_all(&opts.thu_muc)
        .map_err(|e| Error::io(&opts.thu_muc, "tạo thư mục", e))?;

    let next = AtomicUsize::new(0);
    // A slot per unit, filled by whichever worker takes it.
    let results: Vec<Mutex<Option<Dong>>> = (0..n).map(|_| Mutex::new(None)).collect();
    let gop = opts
        .gop
        .as_deref()
        .map(|p| gop::Gop::new(p, n))
        .transpose()?;
    let appendices = AppendixCache::new();
    let warnings: Mutex<Vec<Diagnostic>> = Mutex::new(Vec::new());
    let data_files = ReadCache::default();
    let workers = match opts.luong {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
    .min(n);
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= n {
                        break;
                    }
                    let u = &units[i];
                    let mut dong = Dong {
                        stt: i + 1,
                        noi: u.noi.clone(),
                        ma: u.don_vi.ma.clone(),
                        don_vi: u.don_vi.ten.clone(),
                        tep: names[i].clone(),
                        tep_docx: None,
                        so_trang: None,
                        so_byte: None,
                        sha256: None,
                        so_ky_hieu: None,
                        trich_yeu: None,
                        ngay_ban_hanh: None,
                        pdfa: None,
                        o_ky: Vec::new(),
                        trang_thai: TrangThai::Loi,
                        loi: faults[i].clone(),
                    };
                    let mut kept = None;
                    if let (None, Some(name)) = (&faults[i], &names[i]) {
                        let target = opts.thu_muc.join(name);
                        let place = Viec {
                            mau: &mau,
                            i,
                            n,
                            nguon: nguon(u),
                            nghiem: opts.nghiem,
                            reach: opts.reach,
                            du_lieu: &opts.du_lieu,
                            dien_tu: opts.dien_tu,
                            dang: opts.dang,
                        };
                        let made = tao(compiler, &place, u, &target, &appendices, &data_files).map(
                            |(document, made, unused)| {
                                let mut all = warnings.lock().unwrap_or_else(|e| e.into_inner());
                                for w in unused {
                                    if !all.contains(&w) {
                                        all.push(w);
                                    }
                                }
                                (document, made)
                            },
                        );
                        match made {
                            Ok((document, made)) => {
                                made.ghi_vao(&mut dong);
                                kept = document;
                            }
                            Err(e) => dong.loi = Some(mo_ta(&e)),
                        }
                    }
                    if let Some(gop) = &gop {
                        gop.nop(i, kept);
                    }
                    *results[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(dong);
                    xong(n);
                }
            });
        }
    });

    let dong: Vec<Dong> = results
        .into_iter()
        .filter_map(|r| r.into_inner().unwrap_or_else(|e| e.into_inner()))
        .collect();
    bao_cao::ghi(&opts.thu_muc, &dong)?;
    let gop = match gop {
        Some(gop) => gop.xong()?,
        None => None,
    };
    let canh_bao = warnings.into_inner().unwrap_or_else(|e| e.into_inner());
    Ok(KetQua {
        dong,
        gop,
        canh_bao,
    })
}

/// Per unit: its file name, and why it cannot be made (if it cannot).
type Checked = (Vec<Option<String>>, Vec<Option<String>>);

/// Every unit's expressions and file name, before anything is written.
/// An expression failing for every unit is the template's error and stops
/// the batch; names given twice stop it too.
fn kiem_tra(mau: &Mau<'_>, units: &[DonViNhan]) -> Result<Checked> {
    let n = units.len();
    let mut names = Vec::with_capacity(n);
    let mut faults = Vec::with_capacity(n);
    let mut failing: HashMap<String, (usize, String)> = HashMap::new();
    let mut bad_names = Vec::new();
    for (i, u) in units.iter().enumerate() {
        let context = mau.context(u, i + 1, n);
        let mut fault = u.loi.clone();
        if fault.is_none()
            && let Err((field, reason)) = mau.thu(&context)
        {
            let entry = failing.entry(field.clone()).or_insert((0, reason.clone()));
            entry.0 += 1;
            fault = Some(format!("trường `{field}`: {reason}"));
        }
        match mau.ten_tep(&context) {
            Ok(name) => names.push(Some(name)),
            Err(reason) => {
                names.push(None);
                bad_names.push(reason.clone());
                fault.get_or_insert(reason);
            }
        }
        faults.push(fault);
    }
    if let Some((field, (count, reason))) = failing.into_iter().find(|(_, (c, _))| *c == n) {
        return Err(Diagnostic::file(
            &mau.path,
            format!("biểu thức trong trường `{field}` lỗi với cả {count} đơn vị: {reason}"),
        )
        .field(field)
        .into());
    }
    // A pattern no unit gets a usable name from is the pattern's fault.
    if n > 0 && bad_names.len() == n {
        return Err(Diagnostic::file(&mau.path, bad_names.swap_remove(0))
            .field("--ten")
            .hint("đổi mẫu tên tệp (--ten), ví dụ \"{{ so }}-{{ don_vi.ten }}\"")
            .into());
    }
    let clashes = ten_tep::trung(&names);
    if !clashes.is_empty() {
        let diags = clashes
            .into_iter()
            .map(|(name, who)| {
                let who: Vec<String> = who
                    .iter()
                    .map(|&i| format!("{} ({})", units[i].don_vi.ten, units[i].noi))
                    .collect();
                Diagnostic::file(
                    &mau.path,
                    format!("tên tệp \"{name}\" trùng nhau giữa: {}", who.join(", ")),
                )
                .field("--ten")
                .hint("thêm vào mẫu tên một giá trị khác nhau giữa các đơn vị, ví dụ {{ so }} (số thứ tự) hoặc {{ don_vi.ma }}")
            })
            .collect();
        return Err(Error::Input(diags));
    }
    Ok((names, faults))
}

/// One unit's place in the batch.
struct Viec<'a> {
    mau: &'a Mau<'a>,
    i: usize,
    n: usize,
    nguon: Option<loc::DongNguon<'a>>,
    nghiem: bool,
    reach: crate::load::Reach,
    /// The units file, to point at a character the fonts lack.
    du_lieu: &'a Path,
    dien_tu: crate::dien_tu::YeuCau,
    dang: crate::Dang,
}

/// A unit's letter, written.
struct DaTao {
    /// The PDF, unless only the Word file was asked for.
    rendered: Option<crate::Rendered>,
    /// The Word file's name and bytes' hash and size, when asked for.
    docx: Option<(String, String, usize)>,
    thong_tin: crate::render::ThongTinData,
    /// The issue date, the PDF's creation date.
    ngay: Option<chrono::NaiveDate>,
}

impl DaTao {
    /// Its manifest line: what the files are and what their metadata says.
    fn ghi_vao(self, dong: &mut Dong) {
        match &self.rendered {
            Some(r) => {
                dong.so_trang = Some(r.pages);
                dong.so_byte = Some(r.pdf.len());
                dong.sha256 = Some(hex(&Sha256::digest(&r.pdf)));
                dong.pdfa = Some(r.kind == crate::compile::PdfKind::Archival);
                dong.tep_docx = self.docx.as_ref().map(|d| d.0.clone());
            }
            None => {
                // Only the Word file: it is the unit's file.
                if let Some((name, hash, size)) = &self.docx {
                    dong.tep = Some(name.clone());
                    dong.so_byte = Some(*size);
                    dong.sha256 = Some(hash.clone());
                }
            }
        }
        dong.so_ky_hieu = self.thong_tin.tu_khoa.first().cloned();
        dong.trich_yeu = Some(self.thong_tin.chu_de);
        dong.ngay_ban_hanh = self.ngay.map(|d| d.format("%Y-%m-%d").to_string());
        if let Some(r) = self.rendered {
            dong.o_ky = r.o_ky;
        }
        dong.trang_thai = TrangThai::DaTao;
    }
}

fn tao(
    compiler: &Compiler,
    viec: &Viec<'_>,
    u: &DonViNhan,
    target: &Path,
    appendices: &AppendixCache,
    data_files: &ReadCache,
) -> Result<(Option<PagedDocument>, DaTao, Vec<Diagnostic>)> {
    let context = viec.mau.context(u, viec.i + 1, viec.n);
    let (mut document, warnings) = viec
        .mau
        .van_ban(
            u,
            &context,
            &crate::load::Options {
                reach: viec.reach,
                data_files: Some(data_files),
            },
        )?
        .strict(viec.nghiem)?;
    loc::cho_don_vi(&mut document, &u.don_vi, viec.nguon);
    let data = crate::render::van_ban(&document);
    let mut docx = None;
    if viec.dang.docx() {
        let bytes = crate::docx::docx(&data)?;
        let path = target.with_extension("docx");
        write_atomic_unsynced(&path, &bytes)?;
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        docx = Some((name, hex(&Sha256::digest(&bytes)), bytes.len()));
    }
    let (laid_out, rendered) = match viec.dang.pdf() {
        true => {
            let laid_out = compiler.compile_batch(&data, appendices).map_err(|e| {
                // A character from the unit's row, or typed in the template.
                let files: Vec<&Path> = std::iter::once(viec.du_lieu)
                    .chain(document.tep_so_lieu())
                    .collect();
                crate::load::locate(e, &viec.mau.path, &files)
            })?;
            let rendered = crate::Rendered::of(&laid_out, &document, viec.dien_tu)?;
            write_atomic_unsynced(target, &rendered.pdf)?;
            (Some(laid_out), Some(rendered))
        }
        false => (None, None),
    };
    let made = DaTao {
        rendered,
        docx,
        thong_tin: data.thong_tin,
        ngay: data.ngay_ban_hanh,
    };
    Ok((laid_out, made, warnings))
}

/// A unit's failure on one line, for the manifest and the summary.
pub fn mo_ta(e: &Error) -> String {
    match e {
        Error::Input(diags) => diags
            .iter()
            .map(|d| {
                let mut s = String::new();
                if let Some((line, col)) = d.position {
                    s.push_str(&format!("{}:{line}:{col}: ", d.file.display()));
                }
                if let Some(f) = &d.field {
                    s.push_str(&format!("trường `{f}`: "));
                }
                s.push_str(&d.message);
                if let Some(h) = &d.hint {
                    s.push_str(&format!(" (gợi ý: {h})"));
                }
                s
            })
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string().lines().collect::<Vec<_>>().join(" "),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
