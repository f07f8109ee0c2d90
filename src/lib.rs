//! vanban: Vietnamese official documents (Nghị định 30/2020/NĐ-CP) from TOML.
//!
//! The pipeline runs one way: [`load`] (TOML → [`model`], with spans for
//! errors) → [`render`] (model → JSON data) → [`compile`] (Typst templates +
//! data → laid-out document → PDF) → [`output`] (atomic write). Reference
//! data compiled in from `data/`: [`loai`] (document types), [`lich`]
//! (working days); [`thoi_han`] reads and computes deadlines; [`export`]
//! writes the task list for follow-up; [`du_lieu`] reads table data from
//! CSV/XLSX and [`so`] reads and prints its numbers.

pub mod body;
pub mod compile;
pub mod du_lieu;
pub mod error;
pub mod export;
pub mod hang_loat;
pub mod input;
pub mod kiem_tra;
pub mod lich;
pub mod load;
pub mod loai;
pub mod model;
pub mod output;
pub mod render;
pub mod so;
pub mod spec;
pub mod starter;
pub mod suggest;
pub mod the_thuc;
pub mod thoi_han;
pub mod watch;

use std::path::Path;

pub use compile::Compiler;
pub use error::{Diagnostic, Error, Result};
/// Re-exported so callers (and the layout tests) can inspect laid-out pages.
pub use typst_layout::PagedDocument;

/// A rendered document.
pub struct Rendered {
    pub pdf: Vec<u8>,
    pub pages: usize,
}

/// Loads, validates and lays out a TOML file (its warnings, if any, dropped:
/// callers that show them load first, as the CLI does).
pub fn compile_file(compiler: &Compiler, input: &Path) -> Result<PagedDocument> {
    let document = load::load_file(input)?.van_ban;
    compiler.compile(&render::van_ban(&document))
}

/// Renders a loaded document to PDF bytes.
pub fn render(compiler: &Compiler, document: &model::VanBan) -> Result<Rendered> {
    let laid_out = compiler.compile(&render::van_ban(document))?;
    Ok(Rendered {
        pages: laid_out.pages().len(),
        pdf: compile::export_pdf(&laid_out)?,
    })
}

/// Loads, validates and renders a TOML file to PDF bytes.
/// A character the fonts lack is reported where it was typed.
pub fn render_file(compiler: &Compiler, input: &Path) -> Result<Rendered> {
    let document = load::load_file(input)?.van_ban;
    render(compiler, &document).map_err(|e| {
        let data: Vec<&Path> = document.tep_so_lieu().collect();
        load::locate(e, input, &data)
    })
}
