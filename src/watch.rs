//! `vanban watch`: the PDF made again on every save of the document or of a
//! data file it reads, as a clerk expects from Word. One compiler for the
//! whole session keeps typst's memoised work between versions, so a small
//! edit is laid out again in a fraction of the first render's time.
//!
//! Files are polled (size and modification time, every [`NHIP`]) rather
//! than watched through the OS: a handful of files, no extra dependency, and
//! the same behaviour on network shares, where change notices are unreliable.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime};

use crate::error::{Diagnostic, Result};
use crate::pipeline::{Pipeline, Reuse};
use crate::{Compiler, load, output};

/// How often the files are looked at.
const NHIP: Duration = Duration::from_millis(150);
/// How long the files must stay unchanged before a render: an editor's save
/// can be several writes.
const LANG: Duration = Duration::from_millis(100);

/// What happened, for the command to print.
pub enum SuKien {
    /// A PDF was written: its pages and the time from the save.
    DaTao {
        so_trang: usize,
        thoi_gian: Duration,
        canh_bao: Vec<Diagnostic>,
    },
    /// The document has an error; the last good PDF is kept.
    Loi(crate::Error),
}

pub struct TuyChon<'a> {
    pub vao: PathBuf,
    pub ra: PathBuf,
    pub load: load::Options<'a>,
    /// Warnings are errors (`--nghiem`).
    pub strict: bool,
    /// Run `vanban check`'s review before each render.
    pub ra_soat: bool,
    /// PDF/A and signature fields, as the command line asks.
    pub request: crate::dien_tu::YeuCau,
}

/// Renders now and after each change until `stop` is set; `bao` hears each
/// render's outcome.
pub fn chay(
    compiler: &Compiler,
    opts: &TuyChon<'_>,
    stop: &AtomicBool,
    bao: &mut dyn FnMut(SuKien),
) {
    let mut files = vec![opts.vao.clone()];
    let mut seen = stamps(&files);
    let mut changed_at = Some(Instant::now());
    while !stop.load(Ordering::Relaxed) {
        if let Some(since) = changed_at {
            // Stamped before reading, so a save during the render is seen.
            let before = stamps(&files);
            let event = match tao(compiler, opts) {
                Ok((so_trang, canh_bao, read)) => {
                    files = std::iter::once(opts.vao.clone()).chain(read).collect();
                    SuKien::DaTao {
                        so_trang,
                        thoi_gian: since.elapsed(),
                        canh_bao,
                    }
                }
                Err(e) => SuKien::Loi(e),
            };
            seen = std::iter::once(before[0])
                .chain(stamps(&files[1..]))
                .collect();
            changed_at = None;
            bao(event);
        }
        std::thread::sleep(NHIP);
        let now = stamps(&files);
        if now != seen {
            // Wait for the writing to settle, then render.
            let mut last = now;
            loop {
                std::thread::sleep(LANG);
                let again = stamps(&files);
                if again == last || stop.load(Ordering::Relaxed) {
                    break;
                }
                last = again;
            }
            changed_at = Some(Instant::now());
        }
    }
}

/// One render: the page count, the warnings, the data files read.
fn tao(compiler: &Compiler, opts: &TuyChon<'_>) -> Result<(usize, Vec<Diagnostic>, Vec<PathBuf>)> {
    let (document, mut warnings) =
        load::load_file_with(&opts.vao, &opts.load)?.strict(opts.strict)?;
    let pipeline = Pipeline {
        compiler,
        formats: &[&output::PDF],
        ra_soat: opts.ra_soat,
        strict: opts.strict,
        reuse: Reuse::Versions,
        request: opts.request,
        durable: true,
        beside: true,
    };
    let report = pipeline.run(&document, &opts.ra)?;
    warnings.extend(report.warnings);
    let pages = report.pages.as_ref().map_or(0, |p| p.pages().len());
    let read = document.tep_doc().map(Path::to_path_buf).collect();
    Ok((pages, warnings, read))
}

/// What tells a file changed: its size and modification time (or that it
/// is gone).
fn stamps(files: &[PathBuf]) -> Vec<Option<(u64, SystemTime)>> {
    files
        .iter()
        .map(|f| {
            let meta = std::fs::metadata(f).ok()?;
            Some((meta.len(), meta.modified().ok()?))
        })
        .collect()
}
