//! The electronic document (văn bản điện tử): which PDF a document becomes
//! (PDF/A for the archive once it has its date), and the empty signature
//! fields an e-office signing tool fills ([`o_ky`]), added to the finished
//! PDF by [`incremental`] as the signing tools themselves add signatures.

use crate::error::{Error, Result};
use crate::model::{NgayBanHanh, VanBan};

mod incremental;
pub mod o_ky;

pub use o_ky::{LoaiOKy, OKy};

/// Which PDF a document becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PdfKind {
    /// PDF 1.7, tagged.
    #[default]
    Plain,
    /// PDF/A-2u (ISO 19005-2, Unicode level), tagged: what archives keep.
    /// Level 2, not 1: the signature and seal images are transparent PNGs,
    /// and PDF/A-1 forbids transparency. "u", not "b": every glyph maps to
    /// its text, so registers can search and copy the text. Not "a": the
    /// signature fields a signing tool fills are not in the structure tree.
    Archival,
}

/// What the command line asked for, over the document's `[dien_tu]`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct YeuCau {
    /// `--pdfa` (`Some(true)`), `--khong-pdfa` (`Some(false)`).
    pub pdfa: Option<bool>,
    /// `--o-ky`.
    pub o_ky: bool,
}

/// PDF/A unless refused, or a draft without its full date (PDF/A records
/// the issue date as the file's creation date; a draft has none yet).
/// Asking for PDF/A on such a draft is an error rather than a plain PDF.
pub fn pdf_kind(van_ban: &VanBan, yeu_cau: YeuCau) -> Result<PdfKind> {
    let dated = matches!(van_ban.ngay, NgayBanHanh::Day(_));
    match (yeu_cau.pdfa.or(van_ban.dien_tu.pdfa), dated) {
        (Some(false), _) => Ok(PdfKind::Plain),
        (None, false) => Ok(PdfKind::Plain),
        (_, true) => Ok(PdfKind::Archival),
        (Some(true), false) => Err(Error::Refused {
            message: "--pdfa: PDF/A ghi ngày ban hành vào tệp, nhưng văn bản chưa có ngày đầy đủ"
                .into(),
            hint: "ghi đủ ngày = 2024-05-31 trong tệp văn bản, hoặc bỏ --pdfa khi còn là dự thảo"
                .into(),
        }),
    }
}

/// Whether the document gets signature fields.
pub fn co_o_ky(van_ban: &VanBan, yeu_cau: YeuCau) -> bool {
    yeu_cau.o_ky || van_ban.dien_tu.o_ky
}

/// `pdf` with empty signature fields at `fields`.
pub fn them_o_ky(pdf: &[u8], fields: &[OKy]) -> Result<Vec<u8>> {
    incremental::add_signature_fields(pdf, fields).map_err(|e| {
        Error::Template(vec![format!(
            "không thêm được ô ký vào PDF vừa tạo ({e}); đây là lỗi của vanban"
        )])
    })
}
