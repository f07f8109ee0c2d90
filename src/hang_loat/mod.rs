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
pub mod luot_truoc;
pub mod mau;
pub mod ra_soat;
pub mod xem_thu;
pub mod sandbox;
pub mod ten_tep;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use sha2::{Digest, Sha256};

use crate::compile::AppendixCache;
use crate::load::du_lieu::ReadCache;
use crate::error::{Diagnostic, Error, Result};
use crate::output::Format;
use crate::pipeline::{Pipeline, Report, Reuse};
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
    pub strict: bool,
    /// Which files the template's paths may name.
    pub reach: crate::load::Reach,
    /// PDF/A and signature fields, as the command line asks.
    pub request: crate::dien_tu::YeuCau,
    /// The files each letter becomes (PDF, Word…), the first named by `ten_tep`.
    pub formats: Vec<&'static dyn Format>,
    /// Remove the letters a previous run listed in the folder's manifest
    /// that this run did not make again (`--xoa-cu`).
    pub xoa_cu: bool,
}

impl TuyChon {
    fn makes_pdf(&self) -> bool {
        self.formats.iter().any(|f| f.ten() == crate::output::PDF.ten())
    }
}

pub struct KetQua {
    /// One per unit, in data-file order.
    pub dong: Vec<Dong>,
    /// The run was stopped (Ctrl-C) before every unit was made.
    pub dung: bool,
    /// Letters of a previous run this one did not make again: left (and
    /// warned about), or removed with `xoa_cu`.
    pub cu: luot_truoc::Con,
    /// The joined PDF and its page count, when asked for.
    pub gop: Option<(PathBuf, usize)>,
    /// What the template's input left unused, each warning once however
    /// many units it concerned.
    pub canh_bao: Vec<Diagnostic>,
}

impl KetQua {
    /// How many letters were made.
    pub fn so_da_tao(&self) -> usize {
        self.dong
            .iter()
            .filter(|d| d.trang_thai == TrangThai::DaTao)
            .count()
    }

    pub fn so_loi(&self) -> usize {
        self.dong
            .iter()
            .filter(|d| d.trang_thai == TrangThai::Loi)
            .count()
    }
}

/// Runs a batch. `xong(total)` is called after each unit (for a progress
/// bar); once `dung` is set no unit is started, those under way finish and
/// the manifest lists the rest as not made. Errors that stop the batch
/// before any file is written are `Err`; a unit's failure is in its
/// manifest line.
pub fn chay(
    compiler: &Compiler,
    opts: &TuyChon,
    xong: &(dyn Fn(usize) + Sync),
    dung: &AtomicBool,
) -> Result<KetQua> {
    let text = crate::load::read_text(&opts.mau)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mau = Mau::new(&opts.mau, text, &opts.ten_tep)?;
    let danh_ba = mau.danh_ba(opts.reach)?;
    let named = mau.check_paths(opts.reach)?;
    let tep = don_vi_nhan::read(&opts.du_lieu, opts.cot_don_vi.as_deref(), &danh_ba)?;
    let (units, sheet) = (tep.don_vi, tep.trang_tinh);
    let notes: Vec<Diagnostic> = tep
        .ghi_chu
        .iter()
        .map(|n| {
            Diagnostic::file(&opts.du_lieu, n.clone())
                .hint("đưa trang tính cần dùng lên đầu sổ, hoặc bỏ ẩn, xóa trang tính thừa")
                .with_severity(crate::error::Severity::Warning)
        })
        .collect();
    let data_path = std::fs::canonicalize(&opts.du_lieu).unwrap_or_else(|_| opts.du_lieu.clone());
    let nguon = |u: &DonViNhan| {
        u.so_dong
            .map(|row| (data_path.as_path(), sheet.as_deref(), row))
    };
    let n = units.len();

    let (names, faults) = kiem_tra(&mau, &units)?;
    if opts.gop.is_some() && !opts.makes_pdf() {
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
        crate::write::refuse_overwriting(gop, &taken)?;
    }
    // Nothing the batch writes besides the letters (which each letter's
    // own check covers) may replace what it reads.
    let mut inputs: Vec<PathBuf> = vec![opts.mau.clone(), opts.du_lieu.clone()];
    inputs.extend(named);
    let manifests = bao_cao::tep(&opts.thu_muc);
    check_outputs(&manifests, opts.gop.as_deref(), &inputs)?;
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
    // What a previous run left here, read before this run replaces it.
    let truoc = luot_truoc::doc(&manifests[1]);

    let next = AtomicUsize::new(0);
    // A slot per unit, filled by whichever worker takes it.
    let results: Vec<Mutex<Option<Dong>>> = (0..n).map(|_| Mutex::new(None)).collect();
    let gop = opts
        .gop
        .as_deref()
        .map(|p| gop::Gop::new(p, n))
        .transpose()?;
    let appendices = AppendixCache::new();
    let pipeline = Pipeline {
        compiler,
        formats: &opts.formats,
        // The template was reviewed as a whole (`vanban check --data`).
        ra_soat: false,
        strict: opts.strict,
        reuse: Reuse::Batch(&appendices),
        request: opts.request,
        durable: false,
        beside: false,
    };
    let warnings: Mutex<Vec<Diagnostic>> = Mutex::new(notes);
    // What the units' letters read (images, data files), for the last check
    // of the manifests.
    let read: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
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
                    if dung.load(Ordering::Relaxed) {
                        break;
                    }
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= n {
                        break;
                    }
                    let u = &units[i];
                    let mut dong = Dong::moi(i, u, names[i].clone(), faults[i].clone());
                    let mut kept = None;
                    if let (None, Some(name)) = (&faults[i], &names[i]) {
                        let target = opts.thu_muc.join(name).with_extension(opts.formats[0].ten());
                        let place = Viec {
                            mau: &mau,
                            i,
                            n,
                            nguon: nguon(u),
                            reach: opts.reach,
                            du_lieu: &opts.du_lieu,
                        };
                        let made = tao(&pipeline, &place, u, &target, &data_files, &read).map(
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

    // Units never started (the run was stopped) are listed as not made.
    let mut stopped = false;
    let dong: Vec<Dong> = results
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            r.into_inner().unwrap_or_else(|e| e.into_inner()).unwrap_or_else(|| {
                stopped = true;
                if let Some(gop) = &gop {
                    gop.nop(i, None);
                }
                let mut d = Dong::moi(i, &units[i], names[i].clone(), None);
                d.trang_thai = TrangThai::ChuaTao;
                d.loi = Some("chưa tạo: lượt tạo bị dừng giữa chừng (Ctrl-C)".into());
                d
            })
        })
        .collect();
    let read = read.into_inner().unwrap_or_else(|e| e.into_inner());
    inputs.extend(read);
    check_outputs(&manifests, None, &inputs)?;
    bao_cao::ghi(&opts.thu_muc, &dong)?;
    let cu = luot_truoc::con_lai(&opts.thu_muc, &truoc, &dong, opts.xoa_cu);
    let gop = match gop {
        Some(gop) => gop.xong()?,
        None => None,
    };
    let canh_bao = warnings.into_inner().unwrap_or_else(|e| e.into_inner());
    Ok(KetQua {
        dong,
        dung: stopped,
        cu,
        gop,
        canh_bao,
    })
}

/// The manifests and the joined file never replace what the batch reads,
/// nor a file that is not a regular one.
fn check_outputs(manifests: &[PathBuf], gop: Option<&Path>, inputs: &[PathBuf]) -> Result<()> {
    let inputs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
    if let Some(gop) = gop {
        // Its folder is checked now, before any letter is made.
        crate::write::folder_exists(gop)?;
    }
    for target in manifests.iter().map(PathBuf::as_path).chain(gop) {
        crate::write::refuse_overwriting(target, &inputs)?;
    }
    Ok(())
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
    reach: crate::load::Reach,
    /// The units file, whose values the letter carries.
    du_lieu: &'a Path,
}

/// A unit's letter, written: its manifest line.
struct DaTao {
    report: Report,
    so_ky_hieu: String,
    trich_yeu: String,
    /// The issue date, the PDF's creation date.
    ngay: Option<chrono::NaiveDate>,
}

impl DaTao {
    /// Its manifest line: what the files are and what their metadata says.
    fn ghi_vao(self, dong: &mut Dong) {
        let name = |w: &crate::pipeline::Written| {
            w.path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned()
        };
        // The first file is the unit's file; a Word file beside a PDF is
        // named apart.
        if let Some(first) = self.report.files.first() {
            dong.tep = Some(name(first));
            dong.so_trang = first.made.pages;
            dong.so_byte = Some(first.made.bytes.len());
            dong.sha256 = Some(hex(&Sha256::digest(&first.made.bytes)));
            dong.pdfa = first.made.pdfa;
        }
        let docx = self
            .report
            .files
            .iter()
            .skip(1)
            .find(|w| w.format.ten() == crate::output::DOCX.ten());
        dong.tep_docx = docx.map(name);
        dong.sha256_docx = docx.map(|w| hex(&Sha256::digest(&w.made.bytes)));
        dong.so_ky_hieu = Some(self.so_ky_hieu);
        dong.trich_yeu = Some(self.trich_yeu);
        dong.ngay_ban_hanh = self.ngay.map(|d| d.format("%Y-%m-%d").to_string());
        if let Some(pdf) = self.report.of(&crate::output::PDF) {
            dong.o_ky = pdf.made.o_ky.clone();
        }
        dong.trang_thai = TrangThai::DaTao;
    }
}

fn tao(
    pipeline: &Pipeline<'_>,
    viec: &Viec<'_>,
    u: &DonViNhan,
    target: &Path,
    data_files: &ReadCache,
    read: &Mutex<Vec<PathBuf>>,
) -> Result<(Option<PagedDocument>, DaTao, Vec<Diagnostic>)> {
    let context = viec.mau.context(u, viec.i + 1, viec.n);
    let (mut document, mut warnings) = viec
        .mau
        .van_ban(
            u,
            &context,
            &crate::load::Options {
                reach: viec.reach,
                data_files: Some(data_files),
            filled: true,
            },
        )?
        .strict(pipeline.strict)?;
    loc::cho_don_vi(&mut document, &u.don_vi, viec.nguon);
    // A character from the unit's row is looked for in the units file.
    document.nguon.them.push(viec.du_lieu.to_path_buf());
    {
        let mut read = read.lock().unwrap_or_else(|e| e.into_inner());
        for p in document.tep_doc() {
            if !read.iter().any(|r| r == p) {
                read.push(p.to_path_buf());
            }
        }
    }
    let mut report = pipeline.run(&document, target)?;
    warnings.append(&mut report.warnings);
    let pages = report.pages.take();
    let made = DaTao {
        report,
        so_ky_hieu: document.so.in_ra(),
        trich_yeu: document.trich_yeu.join(" "),
        ngay: match document.ngay {
            crate::model::NgayBanHanh::Day(d) => Some(d),
            _ => None,
        },
    };
    Ok((pages, made, warnings))
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

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
