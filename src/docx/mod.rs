//! The second back end: the same `render::Data` the templates read, as an
//! editable Word file laid out to Nghị định 30 in Word's own terms — named
//! styles, real footnotes, a borderless header grid, page numbers from
//! page 2, each phụ lục its own section — so a clerk who edits it keeps the
//! thể thức. User text only ever becomes text runs: Word has no markup in
//! a run, and nothing here writes a field but the page number.

use docx_rs::{
    BorderType, Docx, Footnote, Header, LineSpacing, LineSpacingType, PageMargin, PageNum,
    PageNumType, PageOrientationType, Paragraph, ParagraphBorder, ParagraphBorderPosition,
    ParagraphBorders, Run, Section, SpecialIndentType, VertAlignType,
};

use typst::layout::Abs;

use crate::error::{Error, Result};
use crate::render::{BlockData, Data, KieuKhoi, RunData};
use crate::the_thuc::{LE_DUOI_MM, LE_PHAI_MM, LE_TRAI_MM, LE_TREN_MM};

mod bang;
mod bo_sung;
mod khoi;
mod kieu;

use kieu::{co, mm};

use crate::the_thuc::KHO_A4_MM as A4;

/// The text width of a page, in mm.
fn kho_chu(ngang: bool) -> f64 {
    let rong = if ngang { A4.1 } else { A4.0 };
    rong - LE_TRAI_MM - LE_PHAI_MM
}

/// The document as the bytes of a `.docx` file.
pub fn docx(data: &Data) -> Result<Vec<u8>> {
    let co_chu_bang = data
        .phu_luc
        .iter()
        .flat_map(|p| &p.bang)
        .map(|b| f64::from(b.co_chu))
        .next()
        .unwrap_or(12.0);
    let mut doc = Docx::new()
        .default_fonts(kieu::phong())
        .default_size(co(crate::the_thuc::CO.noi_dung));
    for s in kieu::tat_ca(co_chu_bang) {
        doc = doc.add_style(s);
    }
    doc = core_properties(doc, data);

    // docx-rs keeps only one header or footer per added section, so the
    // layout asks for no more: the page-number header is the only header
    // (each section's first page shows none: `titlePg` with no first-page
    // header); the DỰ THẢO box opens the body and ô 13 is a frame at the
    // foot of page 1 (after the header grid: LibreOffice drops a frame
    // that opens the body).
    let mut thu = khoi::thu(data);
    if !data.lien_he.is_empty() {
        thu.insert(1, Khoi::doan(lien_he(data)));
    }
    if data.du_thao {
        thu.insert(0, Khoi::doan(du_thao()));
    }
    // The letter, each document issued with it, each phụ lục: one section
    // each, the last one the document's own.
    let mut parts = vec![Phan {
        ngang: false,
        lai_tu_dau: false,
        khoi: thu,
    }];
    for k in &data.van_ban_kem_theo {
        parts.push(Phan {
            ngang: false,
            lai_tu_dau: true,
            khoi: van_ban_kem_theo(k),
        });
    }
    for pl in &data.phu_luc {
        parts.push(Phan {
            ngang: pl.ngang,
            lai_tu_dau: !pl.trang_tiep,
            khoi: bang::phu_luc(pl),
        });
    }
    let last = parts.pop().unwrap_or(Phan {
        ngang: false,
        lai_tu_dau: false,
        khoi: Vec::new(),
    });
    for (i, part) in parts.into_iter().enumerate() {
        let mut s = Section::new()
            .page_size(size(part.ngang))
            .page_margin(margin())
            .page_orient(orient(part.ngang))
            .title_pg();
        if i == 0 {
            s = s.header(so_trang());
        }
        if part.lai_tu_dau {
            s = s.page_num_type(PageNumType::new().start(1));
        }
        for c in part.khoi {
            s = c.into_section(s);
        }
        doc = doc.add_section(s);
    }
    doc = page(doc, last.ngang).title_pg();
    if data.phu_luc.is_empty() && data.van_ban_kem_theo.is_empty() {
        doc = doc.header(so_trang());
    }
    if last.lai_tu_dau {
        doc = doc.page_num_type(PageNumType::new().start(1));
    }
    for c in last.khoi {
        doc = c.into_docx(doc);
    }
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut out)
        .map_err(|e| Error::Template(vec![format!("docx: {e}")]))?;
    bo_sung::viet_lai(&out.into_inner())
}

/// One section: a part on its own pages (the letter, a Quy chế, a phụ
/// lục), turned when its tables are wide, numbered from 1 where it starts
/// again, its first page unnumbered; the page-number header is the letter's.
struct Phan {
    ngang: bool,
    lai_tu_dau: bool,
    khoi: Vec<Khoi>,
}

/// A document issued with the letter (a Quy chế): tên loại, name, the
/// "(Ban hành kèm theo …)" line, then its Chương and Điều.
fn van_ban_kem_theo(k: &crate::render::kem_theo::VanBanKemTheoData) -> Vec<Khoi> {
    let title = |t: &str| Khoi::doan(Paragraph::new().style(kieu::TEN_LOAI).add_run(Run::new().add_text(t)));
    let mut out = vec![title(&k.ten_loai)];
    out.extend(k.ten.iter().map(|l| title(l)));
    out.extend(bang::dong_kem_theo(k.kem_theo.as_deref(), &k.kem_theo_dong, kho_chu(false)));
    out.push(Khoi::doan(khoang(4.0)));
    out.extend(noi_dung(&k.noi_dung, false));
    out
}

/// The title (as the PDF's) and dates from the document. docx-rs writes
/// no core title or subject, and keeps custom properties in a hash map
/// (their order, so the bytes, would change from run to run): one custom
/// property carries the title.
fn core_properties(doc: Docx, data: &Data) -> Docx {
    let mut doc = doc.custom_property("Tiêu đề", data.tieu_de.clone());
    if let Some(d) = data.ngay_ban_hanh {
        let iso = format!("{}T00:00:00Z", d.format("%Y-%m-%d"));
        doc = doc.created_at(&iso).updated_at(&iso);
    }
    doc
}

fn margin() -> PageMargin {
    PageMargin::new()
        .top(mm(LE_TREN_MM))
        .bottom(mm(LE_DUOI_MM))
        .left(mm(LE_TRAI_MM))
        .right(mm(LE_PHAI_MM))
        .header(mm(8.0))
        .footer(mm(8.0))
}

fn size(ngang: bool) -> docx_rs::PageSize {
    let (w, h) = if ngang { (A4.1, A4.0) } else { A4 };
    let s = docx_rs::PageSize::new().size(mm(w) as u32, mm(h) as u32);
    if ngang {
        s.orient(PageOrientationType::Landscape)
    } else {
        s
    }
}

fn orient(ngang: bool) -> PageOrientationType {
    if ngang {
        PageOrientationType::Landscape
    } else {
        PageOrientationType::Portrait
    }
}

/// The last section's page (the document's own properties).
fn page(doc: Docx, ngang: bool) -> Docx {
    let (w, h) = if ngang { (A4.1, A4.0) } else { A4 };
    doc.page_size(mm(w) as u32, mm(h) as u32)
        .page_margin(margin())
        .page_orient(orient(ngang))
}

/// Page numbers centred in the top margin, 13 pt (PL-I §I.7).
fn so_trang() -> Header {
    Header::new().add_paragraph(
        Paragraph::new()
            .style(kieu::SO_TRANG)
            .add_page_num(PageNum::new()),
    )
}

/// A draft's "DỰ THẢO" box at the right, above the header grid (the PDF
/// has it in the top margin; LibreOffice drops a frame there, so it is an
/// ordinary paragraph, indented to the box's width).
fn du_thao() -> Paragraph {
    use ParagraphBorderPosition::{Bottom, Left, Right, Top};
    let borders = [Top, Bottom, Left, Right]
        .into_iter()
        .fold(ParagraphBorders::with_empty(), |b, side| {
            b.set(vien(side, 6, 3))
        });
    Paragraph::new()
        .style(kieu::SO_TRANG)
        .indent(Some(mm(kho_chu(false) - 28.0)), None, None, None)
        .set_borders(borders)
        .add_run(Run::new().add_text("DỰ THẢO").bold())
}

/// Ô 13 at the foot of page 1 under a full-width rule: a frame anchored at
/// the bottom of the text area, which the body flows around.
fn lien_he(data: &Data) -> Paragraph {
    let mut p = Paragraph::new()
        .style(kieu::LIEN_HE)
        .wrap("around")
        .h_anchor("margin")
        .v_anchor("margin")
        .y_align("bottom")
        .frame_width(mm(kho_chu(false)) as u32)
        .set_borders(ParagraphBorders::with_empty().set(vien(ParagraphBorderPosition::Top, 4, 1)));
    for (i, line) in data.lien_he.iter().enumerate() {
        let mut r = Run::new();
        if i > 0 {
            r = r.add_break(docx_rs::BreakType::TextWrapping);
        }
        p = p.add_run(r.add_text(line));
    }
    p
}

/// A piece of the body: a paragraph or a table, added to the document or
/// to a section.
pub(crate) enum Khoi {
    Doan(Box<Paragraph>),
    Bang(Box<docx_rs::Table>),
}

impl Khoi {
    pub(crate) fn doan(p: Paragraph) -> Self {
        Khoi::Doan(Box::new(p))
    }

    pub(crate) fn bang(t: docx_rs::Table) -> Self {
        Khoi::Bang(Box::new(t))
    }

    fn into_docx(self, doc: Docx) -> Docx {
        match self {
            Khoi::Doan(p) => doc.add_paragraph(*p),
            Khoi::Bang(t) => doc.add_table(*t),
        }
    }

    fn into_section(self, s: Section) -> Section {
        match self {
            Khoi::Doan(p) => s.add_paragraph(*p),
            Khoi::Bang(t) => s.add_table(*t),
        }
    }
}

/// Body blocks as styled paragraphs; the last one kept with what follows
/// (the signature) when `ket`.
pub(crate) fn noi_dung(blocks: &[BlockData], ket: bool) -> Vec<Khoi> {
    let n = blocks.len();
    blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let style = match b.kieu {
                KieuKhoi::Doan => kieu::NOI_DUNG,
                KieuKhoi::DeMuc => kieu::DE_MUC,
                KieuKhoi::Giua => kieu::GIUA,
                KieuKhoi::DongGiua => kieu::DONG_GIUA,
                KieuKhoi::DongPhai => kieu::DONG_PHAI,
            };
            let mut p = runs(Paragraph::new().style(style), &b.runs, false);
            if matches!(b.kieu, KieuKhoi::DeMuc | KieuKhoi::Giua) || (ket && i + 1 == n) {
                p = p.keep_next(true);
            }
            Khoi::doan(p)
        })
        .collect()
}

/// Runs as text: bold and italic as the run says, footnotes as Word
/// footnotes numbered as in the PDF (a note cited again: its number).
pub(crate) fn runs(mut p: Paragraph, runs: &[RunData], all_bold: bool) -> Paragraph {
    for r in runs {
        p = p.add_run(run(r, all_bold));
    }
    p
}

/// A run of a line set in italics (the "(Kèm theo …)" line).
pub(crate) fn run_italic(r: &RunData) -> Run {
    match r {
        RunData::Text { .. } => run(r, false).italic(),
        _ => run(r, false),
    }
}

pub(crate) fn run(r: &RunData, all_bold: bool) -> Run {
    match r {
        RunData::Text { t, dam, nghieng } => {
            // A line break inside a run (a thẩm quyền of two lines) is
            // Word's line break.
            let mut run = Run::new();
            for (i, line) in t.split('\n').enumerate() {
                if i > 0 {
                    run = run.add_break(docx_rs::BreakType::TextWrapping);
                }
                run = run.add_text(line);
            }
            if *dam || all_bold {
                run = run.bold();
            }
            if *nghieng {
                run = run.italic();
            }
            run
        }
        RunData::Footnote { chu_thich, so, lap } => {
            if *lap {
                let mut run = Run::new().add_text(so.to_string());
                run.run_property = run.run_property.vert_align(VertAlignType::SuperScript);
                return run;
            }
            let content = runs(Paragraph::new().style(kieu::CHU_THICH), chu_thich, false);
            Run::new().add_footnote_reference(Footnote {
                id: *so,
                content: vec![content],
            })
        }
    }
}

/// An empty paragraph `h` mm high (room for the signature, air between
/// blocks): one exact line, so editing around it keeps the gap.
pub(crate) fn khoang(h: f64) -> Paragraph {
    Paragraph::new().style(kieu::DAU_TRANG).line_spacing(
        LineSpacing::new()
            .line_rule(LineSpacingType::Exact)
            .line(mm(h)),
    )
}

/// A short rule under a centred text `rong` mm long, in a cell or a page
/// `trong` mm wide: an empty paragraph with a top border, indented so the
/// border is as long as the rule. A paragraph border survives editing.
pub(crate) fn gach_ngan(rong: f64, trong: f64) -> Paragraph {
    let le = ((trong - rong) / 2.0).max(0.0);
    Paragraph::new()
        .style(kieu::DAU_TRANG)
        .indent(Some(mm(le)), None, Some(mm(le)), None)
        .line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Exact)
                .line(mm(2.0)),
        )
        .set_borders(ParagraphBorders::with_empty().set(vien(ParagraphBorderPosition::Top, 6, 0)))
}

/// A single line on one side of a paragraph: `size` in eighths of a
/// point, `space` from the text in points.
fn vien(side: ParagraphBorderPosition, size: usize, space: usize) -> ParagraphBorder {
    ParagraphBorder::new(side)
        .val(BorderType::Single)
        .size(size)
        .space(space)
}

/// How long a line of text is printed, in mm, measured with the fonts'
/// metrics (Word sets the same: Times New Roman and Liberation Serif share
/// them).
pub(crate) fn do_dai(text: &str, size_pt: f64, bold: bool) -> f64 {
    crate::fonts::bundled_width(text, Abs::pt(size_pt), bold).to_mm()
}

/// The blank the văn thư fills by hand (a number, a day), as no-break
/// spaces about as wide as the PDF's 2.4 em.
pub(crate) fn o_trong() -> String {
    "\u{a0}".repeat((crate::the_thuc::O_TRONG_EM * 4.0).round() as usize)
}

/// First-line indent 0 for paragraphs that set their own layout.
pub(crate) fn no_indent(p: Paragraph) -> Paragraph {
    p.indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None)
}
