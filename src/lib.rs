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
pub mod dien_tu;
pub mod docx;
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

/// Which files a document becomes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Dang {
    /// The PDF to sign and send.
    #[default]
    Pdf,
    /// An editable Word file, for review before signing.
    Docx,
    /// Both, side by side.
    CaHai,
}

impl Dang {
    pub fn pdf(self) -> bool {
        self != Dang::Docx
    }

    pub fn docx(self) -> bool {
        self != Dang::Pdf
    }
}

/// A rendered document.
pub struct Rendered {
    pub pdf: Vec<u8>,
    pub pages: usize,
    pub kind: compile::PdfKind,
    /// The empty signature fields added, if asked for.
    pub o_ky: Vec<dien_tu::OKy>,
}

impl Rendered {
    /// The PDF of a laid-out document as `yeu_cau` and its `[dien_tu]` ask.
    pub fn of(
        laid_out: &PagedDocument,
        document: &model::VanBan,
        yeu_cau: dien_tu::YeuCau,
    ) -> Result<Self> {
        let kind = dien_tu::pdf_kind(document, yeu_cau)?;
        let issued = match document.ngay {
            model::NgayBanHanh::Day(d) => Some(d),
            _ => None,
        };
        let mut pdf = compile::export_pdf(laid_out, kind, issued)?;
        let mut o_ky = Vec::new();
        if dien_tu::co_o_ky(document, yeu_cau) {
            o_ky = dien_tu::o_ky::vi_tri_o_ky(laid_out, document)?;
            pdf = dien_tu::them_o_ky(&pdf, &o_ky)?;
        }
        Ok(Rendered {
            pdf,
            pages: laid_out.pages().len(),
            kind,
            o_ky,
        })
    }
}

/// Loads, validates and lays out a TOML file (its warnings, if any, dropped:
/// callers that show them load first, as the CLI does).
pub fn compile_file(compiler: &Compiler, input: &Path) -> Result<PagedDocument> {
    let document = load::load_file(input)?.van_ban;
    compiler.compile(&render::van_ban(&document))
}

/// Renders a loaded document to PDF bytes, as its `[dien_tu]` asks.
pub fn render(compiler: &Compiler, document: &model::VanBan) -> Result<Rendered> {
    let laid_out = compiler.compile(&render::van_ban(document))?;
    Rendered::of(&laid_out, document, dien_tu::YeuCau::default())
}

/// Loads, validates and renders a TOML file to PDF bytes.
pub fn render_file(compiler: &Compiler, input: &Path) -> Result<Rendered> {
    let document = load::load_file(input)?.van_ban;
    let laid_out = lay_out(compiler, &document, input, false)?;
    Rendered::of(&laid_out, &document, dien_tu::YeuCau::default())
}

/// What [`render_to`] does besides laying out.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Run `vanban check`'s review first: its errors stop the render.
    pub review: bool,
    /// Warnings are errors (`--nghiem`).
    pub strict: bool,
    /// Keep typst's work for the next version of the same document
    /// (`vanban watch`), rather than freeing it.
    pub keep: bool,
    /// PDF/A and signature fields, as the command line asks.
    pub dien_tu: dien_tu::YeuCau,
    /// The files asked for: a Word file made alone warns of what only a
    /// PDF carries.
    pub dang: Dang,
}

/// Renders a document loaded from `input` to the file `output`, whole or
/// not at all and never over one of its inputs (`render`, `watch`); its
/// signature fields, if any, also to `TỆP.o-ky.json` beside it. The
/// review's warnings are returned for the caller to print.
pub fn render_to(
    compiler: &Compiler,
    document: &model::VanBan,
    input: &Path,
    output: &Path,
    options: RenderOptions,
) -> Result<(Rendered, Vec<Diagnostic>)> {
    let warnings = review(document, input, options)?;
    let inputs: Vec<&Path> = std::iter::once(input).chain(document.tep_doc()).collect();
    output::refuse_overwriting(output, &inputs)?;
    let fields = dien_tu::o_ky::json_path(output);
    if dien_tu::co_o_ky(document, options.dien_tu) {
        output::refuse_overwriting(&fields, &inputs)?;
    }
    let laid_out = lay_out(compiler, document, input, options.keep)?;
    let rendered = Rendered::of(&laid_out, document, options.dien_tu)?;
    output::write_atomic(output, &rendered.pdf)?;
    if !rendered.o_ky.is_empty() {
        let name = output.file_name().unwrap_or_default().to_string_lossy();
        output::write_atomic(&fields, &dien_tu::o_ky::json(&name, &rendered.o_ky)?)?;
    }
    Ok((rendered, warnings))
}

/// `vanban check`'s review, when asked for: its errors stop the render,
/// its warnings are returned.
fn review(
    document: &model::VanBan,
    input: &Path,
    options: RenderOptions,
) -> Result<Vec<Diagnostic>> {
    match options.review {
        true => kiem_tra::truoc_khi_tao(input, document, options.strict),
        false => Ok(Vec::new()),
    }
}

/// Writes a document loaded from `input` as a Word file `output`, whole
/// or not at all and never over one of its inputs; returns its size and
/// the review's warnings.
pub fn render_docx_to(
    document: &model::VanBan,
    input: &Path,
    output: &Path,
    options: RenderOptions,
) -> Result<(usize, Vec<Diagnostic>)> {
    let mut warnings = review(document, input, options)?;
    // What only a PDF carries, asked for a Word file alone.
    let alone = options.dang == Dang::Docx;
    let unused = [
        (
            options.dien_tu.o_ky || document.dien_tu.o_ky,
            "ô ký số (--o-ky)",
        ),
        (options.dien_tu.pdfa == Some(true), "PDF/A (--pdfa)"),
        (document.chu_ky.anh.is_some(), "ảnh chữ ký (chu_ky.anh)"),
        (document.co_quan.dau.is_some(), "ảnh dấu (co_quan.anh_dau)"),
    ];
    for (_, what) in unused.into_iter().filter(|(asked, _)| alone && *asked) {
        warnings.push(
            Diagnostic::file(
                input,
                format!("{what} chỉ có trong tệp PDF, tệp Word không dùng đến"),
            )
            .hint("tạo thêm PDF: --dang ca-hai")
            .with_severity(error::Severity::Warning),
        );
    }
    if options.strict && !warnings.is_empty() {
        let errors = warnings
            .into_iter()
            .map(|w| w.with_severity(error::Severity::Error))
            .collect();
        return Err(Error::Input(errors));
    }
    let inputs: Vec<&Path> = std::iter::once(input).chain(document.tep_doc()).collect();
    output::refuse_overwriting(output, &inputs)?;
    let bytes = docx::docx(&render::van_ban(document))?;
    output::write_atomic(output, &bytes)?;
    Ok((bytes.len(), warnings))
}

/// Lays a document out; a character the fonts lack is reported where it
/// was typed (in `input` or one of its data files).
fn lay_out(
    compiler: &Compiler,
    document: &model::VanBan,
    input: &Path,
    keep: bool,
) -> Result<PagedDocument> {
    let data = render::van_ban(document);
    let laid_out = match keep {
        true => compiler.compile_again(&data),
        false => compiler.compile(&data),
    };
    laid_out.map_err(|e| {
        let files: Vec<&Path> = document.tep_so_lieu().collect();
        load::locate(e, input, &files)
    })
}
