//! The PDF to sign and send: typst's laid-out pages exported (PDF/A-2u for
//! the archive once the document has its date, `dien_tu::pdf_kind`), with
//! the empty signature fields an e-office tool fills added when asked
//! (`dien_tu::o_ky`), and their coordinates beside it as `TỆP.o-ky.json`.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use typst::foundations::{Datetime, Smart};

use super::{Format, Job, Made};
use crate::PagedDocument;
use crate::dien_tu::{self, PdfKind, YeuCau};
use crate::error::{Error, Result};
use crate::model::{NgayBanHanh, VanBan};

pub struct Pdf;

impl Format for Pdf {
    fn ten(&self) -> &'static str {
        "pdf"
    }

    fn ten_goi(&self) -> &'static str {
        "tệp PDF"
    }

    fn laid_out(&self) -> bool {
        true
    }

    fn beside(&self, main: &Path, van_ban: &VanBan, request: YeuCau) -> Vec<PathBuf> {
        match dien_tu::co_o_ky(van_ban, request) {
            true => vec![dien_tu::o_ky::json_path(main)],
            false => Vec::new(),
        }
    }

    fn make(&self, job: &Job<'_>) -> Result<Made> {
        let pages = job.pages.ok_or_else(|| {
            Error::Template(vec!["PDF needs the laid-out pages".into()])
        })?;
        let kind = dien_tu::pdf_kind(job.van_ban, job.request)?;
        let issued = match job.van_ban.ngay {
            NgayBanHanh::Day(d) => Some(d),
            _ => None,
        };
        let mut bytes = export_pdf(pages, kind, issued)?;
        let mut made = Made {
            pages: Some(pages.pages().len()),
            pdfa: Some(kind == PdfKind::Archival),
            ..Made::default()
        };
        if dien_tu::co_o_ky(job.van_ban, job.request) {
            made.o_ky = dien_tu::o_ky::vi_tri_o_ky(pages, job.van_ban)?;
            bytes = dien_tu::them_o_ky(&bytes, &made.o_ky)?;
            let name = job.target.file_name().unwrap_or_default().to_string_lossy();
            made.beside.push((
                dien_tu::o_ky::json_path(job.target),
                dien_tu::o_ky::json(&name, &made.o_ky)?,
            ));
        }
        made.bytes = bytes;
        Ok(made)
    }
}

/// The PDF of a laid-out document. Its creation date is the issue date,
/// never the clock, so the same input always gives the same bytes. A date
/// has no time of day: it is written as midnight UTC, which is the same
/// calendar day in Vietnam (07:00), so every reader shows the issue date
/// (midnight UTC+7 would show as the day before in UTC, as pdfinfo prints). An archival PDF needs that date: callers decide
/// the kind with [`dien_tu::pdf_kind`].
pub fn export_pdf(
    document: &PagedDocument,
    kind: PdfKind,
    issued: Option<NaiveDate>,
) -> Result<Vec<u8>> {
    let standards = match kind {
        PdfKind::Plain => typst_pdf::PdfStandards::default(),
        PdfKind::Archival => typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::A_2u])
            .map_err(|e| Error::Template(vec![e.message().to_string()]))?,
    };
    let timestamp = issued.and_then(|d| {
        let midnight = Datetime::from_ymd_hms(
            d.year(),
            d.month().try_into().ok()?,
            d.day().try_into().ok()?,
            0,
            0,
            0,
        )?;
        Some(typst_pdf::Timestamp::new_utc(midnight))
    });
    let options = typst_pdf::PdfOptions {
        creator: Smart::Custom(Some(format!("vanban {}", env!("CARGO_PKG_VERSION")))),
        standards,
        timestamp,
        ..Default::default()
    };
    typst_pdf::pdf(document, &options)
        .map_err(|errors| Error::Template(errors.iter().map(|e| e.message.to_string()).collect()))
}

