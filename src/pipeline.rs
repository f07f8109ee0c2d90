//! One way from a loaded document to files on disk, for every caller
//! (`render`, `watch`, `batch`, and what comes next): review → the targets
//! checked against every input → typst's layout, once, when a chosen format
//! needs pages → each format's file made → all of them written, each whole
//! or not at all. Callers choose the formats, where typst's work is kept
//! between layouts, and whether writes wait for the disk.

use std::path::{Path, PathBuf};

use crate::compile::AppendixCache;
use crate::dien_tu::YeuCau;
use crate::error::{self, Diagnostic, Error, Result, Severity};
use crate::model::VanBan;
use crate::output::{Format, Job, Made};
use crate::{Compiler, PagedDocument, kiem_tra, load, render, write};

/// What typst keeps from one layout for the next.
#[derive(Clone, Copy)]
pub enum Reuse<'a> {
    /// Nothing: one document, then the process ends (`render`).
    Nothing,
    /// The last versions of the same document (`watch`).
    Versions,
    /// A batch's letters, an appendix they share laid out once.
    Batch(&'a AppendixCache),
}

/// How documents are made.
pub struct Pipeline<'a> {
    pub compiler: &'a Compiler,
    /// The files each document becomes, the first at the path given.
    pub formats: &'a [&'static dyn Format],
    /// Run `vanban check`'s review first: its errors stop the document.
    pub ra_soat: bool,
    /// Warnings are errors (`--nghiem`).
    pub strict: bool,
    pub reuse: Reuse<'a>,
    /// PDF/A and signature fields, as the command line asks.
    pub request: YeuCau,
    /// Wait for the disk after each file (a batch's letters do not: a rerun
    /// makes them again byte for byte).
    pub durable: bool,
    /// Write the files a format puts beside its own (a PDF's signature
    /// fields as `TỆP.o-ky.json`); a batch records them in its manifest.
    pub beside: bool,
}

static PDF_ONLY: [&dyn Format; 1] = [&crate::output::PDF];

/// Text that would not show on its page, said where it was typed when it
/// was typed in the document.
fn not_shown(van_ban: &VanBan, page: usize, text: &str) -> Diagnostic {
    let shown: String = text.trim().chars().take(60).collect();
    let message = format!(
        "chữ «{shown}» (trang {page}) không vừa chỗ của nó trên trang nên sẽ không được in"
    );
    let source = &*van_ban.nguon.text;
    // Its longest word, as typed (punctuation the renderer adds left off).
    let at = text
        .split_whitespace()
        .map(|w| w.trim_matches([';', '.', ',', ':']))
        .max_by_key(|w| w.chars().count())
        .filter(|w| w.chars().count() >= 3)
        .and_then(|w| load::place_of(source, w));
    let d = match at {
        Some((span, field)) => {
            Diagnostic::at(&van_ban.nguon.tep, source, span, message).field(field)
        }
        None => Diagnostic::file(&van_ban.nguon.tep, message),
    };
    d.hint("một từ, một ô bảng hay một dòng quá dài so với chỗ in nó: rút gọn, thêm dấu cách để xuống dòng được, hoặc chia thành nhiều phần")
}

/// Loads, validates and lays out a TOML file (its warnings dropped: callers
/// that show them load first, as the command line does).
pub fn lay_out_file(compiler: &Compiler, input: &Path) -> Result<PagedDocument> {
    let van_ban = load::load_file(input)?.van_ban;
    compiler.compile(&render::van_ban(&van_ban))
}

/// The PDF of a loaded document, in memory, as its `[dien_tu]` asks.
pub fn pdf(compiler: &Compiler, van_ban: &VanBan) -> Result<Made> {
    let path = van_ban.nguon.tep.with_extension("pdf");
    let mut report = Pipeline::pdf(compiler).make(van_ban, &path)?;
    Ok(report.files.remove(0).made)
}

/// Loads, validates and makes the PDF of a TOML file, in memory.
pub fn pdf_file(compiler: &Compiler, input: &Path) -> Result<Made> {
    pdf(compiler, &load::load_file(input)?.van_ban)
}

/// A file written.
pub struct Written {
    pub format: &'static dyn Format,
    pub path: PathBuf,
    pub made: Made,
}

/// What making a document did.
pub struct Report {
    /// In the order of the formats.
    pub files: Vec<Written>,
    /// The review's and the formats' warnings, for the caller to print.
    pub warnings: Vec<Diagnostic>,
    /// Typst's pages, when a format needed them (a batch joins them).
    pub pages: Option<PagedDocument>,
}

impl Report {
    /// The file of `format`, if it was made.
    pub fn of(&self, format: &dyn Format) -> Option<&Written> {
        self.files.iter().find(|w| w.format.ten() == format.ten())
    }
}

impl<'a> Pipeline<'a> {
    /// The PDF alone, as the document's `[dien_tu]` asks: no review, typst's
    /// work not kept, written to disk when it is done.
    pub fn pdf(compiler: &'a Compiler) -> Self {
        Pipeline {
            compiler,
            formats: &PDF_ONLY,
            ra_soat: false,
            strict: false,
            reuse: Reuse::Nothing,
            request: YeuCau::default(),
            durable: true,
            beside: true,
        }
    }

    /// Where each format's file goes: the first at `path` as given, the
    /// others beside it with their own extension.
    pub fn targets(&self, path: &Path) -> Vec<PathBuf> {
        self.formats
            .iter()
            .enumerate()
            .map(|(i, f)| match i {
                0 => path.to_path_buf(),
                _ => path.with_extension(f.ten()),
            })
            .collect()
    }

    /// Makes `van_ban` into its files, the first at `path`, and writes them.
    pub fn run(&self, van_ban: &VanBan, path: &Path) -> Result<Report> {
        let report = self.make(van_ban, path)?;
        for w in &report.files {
            self.write(&w.path, &w.made.bytes)?;
            if self.beside {
                for (path, bytes) in &w.made.beside {
                    self.write(path, bytes)?;
                }
            }
        }
        Ok(report)
    }

    /// Makes `van_ban`'s files in memory, checked as [`Self::run`] checks
    /// them but not written (a preview, a download).
    pub fn make(&self, van_ban: &VanBan, path: &Path) -> Result<Report> {
        let mut warnings = match self.ra_soat {
            true => kiem_tra::truoc_khi_tao(van_ban, self.strict)?,
            false => Vec::new(),
        };
        warnings.extend(self.left_out(van_ban));
        let warnings = error::strict(warnings, self.strict)?;

        let targets = self.targets(path);
        let inputs: Vec<&Path> = van_ban
            .tep_vao()
            .chain(self.compiler.font_files().iter().map(PathBuf::as_path))
            .collect();
        for (format, target) in self.formats.iter().zip(&targets) {
            write::refuse_overwriting(target, &inputs)?;
            if self.beside {
                for beside in format.beside(target, van_ban, self.request) {
                    write::refuse_overwriting(&beside, &inputs)?;
                }
            }
        }

        let data = render::van_ban(van_ban);
        let pages = match self.formats.iter().any(|f| f.laid_out()) {
            true => Some(self.lay_out(van_ban, &data)?),
            false => None,
        };
        let mut files = Vec::with_capacity(targets.len());
        for (format, target) in self.formats.iter().zip(targets) {
            let made = format.make(&Job {
                van_ban,
                data: &data,
                pages: pages.as_ref(),
                request: self.request,
                target: &target,
            })?;
            files.push(Written {
                format: *format,
                path: target,
                made,
            });
        }
        Ok(Report {
            files,
            warnings,
            pages,
        })
    }

    /// What the document asks for that none of the chosen formats carries.
    fn left_out(&self, van_ban: &VanBan) -> Vec<Diagnostic> {
        let Some(first) = self.formats.first() else {
            return Vec::new();
        };
        first
            .leaves_out(van_ban, self.request)
            .into_iter()
            .filter(|what| {
                self.formats[1..]
                    .iter()
                    .all(|f| f.leaves_out(van_ban, self.request).contains(what))
            })
            .map(|what| {
                let names = |fs: &mut dyn Iterator<Item = &&'static dyn Format>| {
                    fs.map(|f| f.ten_goi()).collect::<Vec<_>>().join(", ")
                };
                let carried = names(
                    &mut crate::output::ALL
                        .iter()
                        .filter(|f| !f.leaves_out(van_ban, self.request).contains(&what)),
                );
                Diagnostic::file(
                    &van_ban.nguon.tep,
                    format!(
                        "{what} chỉ có trong {carried}, {} không dùng đến",
                        names(&mut self.formats.iter())
                    ),
                )
                .hint("tạo thêm PDF: --dang ca-hai")
                .with_severity(Severity::Warning)
            })
            .collect()
    }

    /// Lays the document out; a character the fonts lack is reported where
    /// it was typed (in the document or one of the files it read).
    fn lay_out(&self, van_ban: &VanBan, data: &render::Data) -> Result<PagedDocument> {
        let laid_out = match self.reuse {
            Reuse::Nothing => self.compiler.compile(data),
            Reuse::Versions => self.compiler.compile_again(data),
            Reuse::Batch(appendices) => self.compiler.compile_batch(data, appendices),
        };
        let laid_out = laid_out.map_err(|e| {
            let files: Vec<&Path> = van_ban
                .nguon
                .them
                .iter()
                .map(PathBuf::as_path)
                .chain(van_ban.tep_so_lieu())
                .collect();
            load::locate(e, &van_ban.nguon.tep, &van_ban.nguon.text, &files)
        })?;
        let lost = crate::compile::tran::khong_hien(&laid_out, 3);
        if !lost.is_empty() {
            return Err(Error::Input(
                lost.iter().map(|(page, text)| not_shown(van_ban, *page, text)).collect(),
            ));
        }
        Ok(laid_out)
    }

    fn write(&self, path: &Path, bytes: &[u8]) -> Result<()> {
        match self.durable {
            true => write::write_atomic(path, bytes),
            false => write::write_atomic_unsynced(path, bytes),
        }
    }
}
