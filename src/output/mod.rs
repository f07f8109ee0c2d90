//! The files a document becomes, one module per format behind one trait
//! ([`Format`]): the PDF (with PDF/A and signature fields), the Word file.
//! [`crate::pipeline`] reviews, lays out once for every format that needs
//! typst's pages, makes each and writes them. A new format — SVG or PNG
//! pages for a preview, HTML — is a module here and a line in [`ALL`].

use std::path::{Path, PathBuf};

use crate::PagedDocument;
use crate::dien_tu::{OKy, YeuCau};
use crate::error::Result;
use crate::model::VanBan;
use crate::render::Data;

pub mod docx;
pub mod pdf;

/// What a format is given to make its file.
pub struct Job<'a> {
    pub van_ban: &'a VanBan,
    /// The document as the templates read it (`render::van_ban`).
    pub data: &'a Data,
    /// Typst's laid-out pages, when a chosen format needs them.
    pub pages: Option<&'a PagedDocument>,
    /// PDF/A and signature fields, as the command line asks.
    pub request: YeuCau,
    /// Where the file goes (files beside it are named after it).
    pub target: &'a Path,
}

/// A format's file, made but not yet written.
#[derive(Debug, Default)]
pub struct Made {
    pub bytes: Vec<u8>,
    /// Files that go beside it, whole paths (a PDF's `TỆP.o-ky.json`).
    pub beside: Vec<(PathBuf, Vec<u8>)>,
    /// What a register or a manifest records: pages, PDF/A or not, the
    /// signature fields (PDF only).
    pub pages: Option<usize>,
    pub pdfa: Option<bool>,
    pub o_ky: Vec<OKy>,
}

/// One kind of file a document becomes.
pub trait Format: Sync {
    /// Its name on the command line (`--dang pdf`), also its file's extension.
    fn ten(&self) -> &'static str;

    /// How messages name its files ("tệp PDF").
    fn ten_goi(&self) -> &'static str;

    /// Whether it is made from typst's laid-out pages.
    fn laid_out(&self) -> bool;

    /// What the document or the command line asks for that this format
    /// leaves out: warned about when no other chosen format carries it.
    fn leaves_out(&self, _van_ban: &VanBan, _request: YeuCau) -> Vec<&'static str> {
        Vec::new()
    }

    /// Files it will write beside `main`, checked before anything is written.
    fn beside(&self, _main: &Path, _van_ban: &VanBan, _request: YeuCau) -> Vec<PathBuf> {
        Vec::new()
    }

    fn make(&self, job: &Job<'_>) -> Result<Made>;
}

pub static PDF: pdf::Pdf = pdf::Pdf;
pub static DOCX: docx::Docx = docx::Docx;

/// Every format, in the order `--dang` lists them.
pub static ALL: [&'static dyn Format; 2] = [&PDF, &DOCX];

/// The format `--dang` names, or whose extension a file has.
pub fn named(name: &str) -> Option<&'static dyn Format> {
    ALL.iter()
        .copied()
        .find(|f| f.ten().eq_ignore_ascii_case(name))
}

/// The name that asks for the PDF and the Word file together.
pub const CA_HAI: &str = "ca-hai";

/// The formats a name asks for: one format ("pdf", "docx"), or the PDF
/// and the Word file (`ca-hai`).
pub fn chon(name: &str) -> Option<Vec<&'static dyn Format>> {
    match name {
        CA_HAI => Some(vec![&PDF, &DOCX]),
        name => named(name).map(|f| vec![f]),
    }
}

/// The names of every format, for messages.
pub fn names() -> Vec<&'static str> {
    ALL.iter().map(|f| f.ten()).collect()
}
