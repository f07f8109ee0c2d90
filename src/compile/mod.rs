//! Templates + data → laid-out document → PDF, in process.
//!
//! One [`Compiler`] holds what every document shares (the standard library,
//! fonts, parsed templates); each compilation gets a tiny [`World`] that adds
//! the document's `/data.json`. The data is never spliced into Typst source,
//! so user text cannot run Typst code.

use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};

use chrono::{Datelike, NaiveDate};
use ecow::EcoVec;

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Dict, Duration, IntoValue};
use typst::layout::Abs;
use typst::model::Document;
use typst::syntax::{DiagSpanKind, FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook, FontWeight};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::{Page, PagedDocument};

use crate::error::{Error, Result};
use crate::fonts::Fonts;
use crate::render::{Data, TepAnh};

mod bang;
pub mod tran;

/// Templates, embedded so the binary works on a bare machine.
const TEMPLATES: &[(&str, &str)] = &[
    (
        "/templates/van_ban.typ",
        include_str!("../../templates/van_ban.typ"),
    ),
    (
        "/templates/lib/phu_luc.typ",
        include_str!("../../templates/lib/phu_luc.typ"),
    ),
    (
        "/templates/lib/kem_theo.typ",
        include_str!("../../templates/lib/kem_theo.typ"),
    ),
    (
        "/templates/lib/bang.typ",
        include_str!("../../templates/lib/bang.typ"),
    ),
    (
        "/templates/lib/trang.typ",
        include_str!("../../templates/lib/trang.typ"),
    ),
    (
        "/templates/lib/khoi_tren.typ",
        include_str!("../../templates/lib/khoi_tren.typ"),
    ),
    (
        "/templates/lib/the_thuc.typ",
        include_str!("../../templates/lib/the_thuc.typ"),
    ),
    (
        "/templates/lib/noi_dung.typ",
        include_str!("../../templates/lib/noi_dung.typ"),
    ),
    (
        "/templates/lib/chu_ky.typ",
        include_str!("../../templates/lib/chu_ky.typ"),
    ),
];

/// Text the templates print themselves; the font must cover it too.
const TEMPLATE_TEXT: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc \
    Số: ngày tháng năm Kính gửi: Nơi nhận: DỰ THẢO 0123456789";

/// File ids are interned for the life of the process (at most 2^16), so each
/// virtual file gets exactly one.
fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("template paths are valid virtual paths");
    FileId::new(RootedPath::new(VirtualRoot::Project, vpath))
}

static DATA_ID: LazyLock<FileId> = LazyLock::new(|| file_id("/data.json"));
static CHU_KY_ID: LazyLock<FileId> = LazyLock::new(|| file_id(TepAnh::CHU_KY));
static DAU_ID: LazyLock<FileId> = LazyLock::new(|| file_id(TepAnh::DAU));
/// One template for every kind: the kinds differ in data, not in layout code.
static MAIN_ID: LazyLock<FileId> = LazyLock::new(|| file_id("/templates/van_ban.typ"));

/// Everything documents share. Cheap to share across threads (`Sync`).
pub struct Compiler {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Fonts,
    sources: Vec<Source>,
}

impl Compiler {
    /// Uses the bundled Liberation Serif.
    pub fn new() -> Self {
        Self::with_fonts(Fonts::bundled())
    }

    /// Uses the Times New Roman found in `dir` (the office's own licensed copy).
    pub fn with_font_dir(dir: &Path) -> Result<Self> {
        Ok(Self::with_fonts(Fonts::from_dir(dir)?))
    }

    fn with_fonts(fonts: Fonts) -> Self {
        let book = FontBook::from_fonts(&fonts.fonts);
        let mut inputs = Dict::new();
        inputs.insert("phong_chu".into(), fonts.family().into_value());
        inputs.insert(
            "the_thuc".into(),
            crate::the_thuc::typst_inputs().into_value(),
        );
        let library = Library::builder().with_inputs(inputs).build();
        let sources = TEMPLATES
            .iter()
            .map(|(path, text)| Source::new(file_id(path), text.to_string()))
            .collect();
        Compiler {
            library: LazyHash::new(library),
            book: LazyHash::new(book),
            fonts,
            sources,
        }
    }

    /// The font family documents are set in.
    pub fn family(&self) -> &str {
        self.fonts.family()
    }

    /// The font files read (`--font-dir`), which no output may replace.
    pub fn font_files(&self) -> &[PathBuf] {
        &self.fonts.files
    }

    /// Lays the document out. Typst does not warn about glyphs missing from
    /// every font (it prints empty boxes), so coverage is checked first.
    pub fn compile(&self, data: &Data) -> Result<PagedDocument> {
        let result = self.compile_data(data);
        // Typst's memoisation cache grows by megabytes per distinct document
        // and is never freed on its own.
        typst::comemo::evict(0);
        result
    }

    /// Lays the document out again after an edit (`vanban watch`): what the
    /// last layouts computed is kept, so typst redoes only what the edit
    /// touched.
    pub fn compile_again(&self, data: &Data) -> Result<PagedDocument> {
        let result = self.compile_data(data);
        typst::comemo::evict(WATCH_CACHE_AGE);
        result
    }

    /// Lays out one document of a batch. The appendix pages are laid out
    /// apart from the letter and kept in `appendices`: when the next letter
    /// carries the same appendix (the province-wide table every unit
    /// receives), its pages are reused instead of laid out again: a table
    /// costs typst more than the letter itself.
    pub fn compile_batch(&self, data: &Data, appendices: &AppendixCache) -> Result<PagedDocument> {
        let result = self.compile_split(data, appendices);
        // Letters of a batch share little typst can reuse: keeping what the
        // last 10 letters used was no faster than keeping the last one's (200
        // letters with their own tables, 2 threads, within the noise) and
        // held half as much memory again. Not 0: another thread's letter,
        // halfway through its layout passes, keeps what it has computed.
        typst::comemo::evict(BATCH_CACHE_AGE);
        result
    }

    fn compile_split(&self, data: &Data, appendices: &AppendixCache) -> Result<PagedDocument> {
        // Pages numbered on from the letter cannot be laid out apart from it.
        if data.phu_luc.is_empty() || data.phu_luc.iter().any(|p| p.trang_tiep) {
            return self.compile_data(data);
        }
        let appendix = data.chi_phu_luc();
        // Keyed by the data as given: a repeated appendix is not measured again.
        let key = to_json(&appendix)?;
        let appendix_pages = match appendices.get(&key) {
            Some(pages) => pages,
            None => {
                let pages: EcoVec<Page> = self
                    .compile_json(
                        self.json(&appendix)?,
                        appendix.ngay_ban_hanh,
                        TepAnh::default(),
                    )?
                    .pages()
                    .iter()
                    .cloned()
                    .collect();
                appendices.put(key, pages.clone());
                pages
            }
        };
        let letter = self.compile_data(&data.chi_thu())?;
        let info = letter.info().clone();
        let pages = letter
            .pages()
            .iter()
            .chain(&appendix_pages)
            .cloned()
            .collect();
        Ok(PagedDocument::new(pages, info))
    }

    fn compile_data(&self, data: &Data) -> Result<PagedDocument> {
        self.compile_json(self.json(data)?, data.ngay_ban_hanh, data.tep_anh.clone())
    }

    /// The document's data as the templates read it, its tables sized first
    /// with the faces it is set in (`bang`).
    fn json(&self, data: &Data) -> Result<Vec<u8>> {
        if data.phu_luc.iter().all(|pl| pl.bang.is_empty()) {
            return to_json(data);
        }
        let (regular, bold) = (
            self.fonts.shaper(FontWeight::REGULAR)?,
            self.fonts.shaper(FontWeight::BOLD)?,
        );
        let mut data = data.clone();
        for pl in &mut data.phu_luc {
            // The text area: A4 less the margins, as the page is turned.
            let (width, height) = crate::the_thuc::KHO_A4_MM;
            let (page_w, page_h) = match pl.ngang {
                true => (Abs::mm(height), Abs::mm(width)),
                false => (Abs::mm(width), Abs::mm(height)),
            };
            let avail = (
                page_w - Abs::mm(crate::the_thuc::LE_TRAI_MM) - Abs::mm(crate::the_thuc::LE_PHAI_MM),
                page_h - Abs::mm(crate::the_thuc::LE_TREN_MM) - Abs::mm(crate::the_thuc::LE_DUOI_MM),
            );
            for b in &mut pl.bang {
                b.layout = Some(bang::layout(b, avail, &regular, &bold));
            }
        }
        to_json(&data)
    }

    /// Lays out `/data.json` = `json`, with `issued` as typst's "today".
    fn compile_json(
        &self,
        json: Vec<u8>,
        issued: Option<NaiveDate>,
        anh: TepAnh,
    ) -> Result<PagedDocument> {
        self.check_coverage(&json)?;
        let world = DocumentWorld {
            compiler: self,
            main: *MAIN_ID,
            data: Bytes::new(json),
            anh,
            today: issued.and_then(|d| {
                Datetime::from_ymd(
                    d.year(),
                    d.month().try_into().ok()?,
                    d.day().try_into().ok()?,
                )
            }),
        };
        typst::compile::<PagedDocument>(&world)
            .output
            .map_err(|errors| Error::Template(errors.iter().map(|e| describe(&world, e)).collect()))
    }

    /// Every character of the data (its JSON text: keys and punctuation
    /// are ASCII, which every face has) and of the templates' own words.
    fn check_coverage(&self, json: &[u8]) -> Result<()> {
        let mut text = String::from(TEMPLATE_TEXT);
        text.push_str(&String::from_utf8_lossy(json));
        let missing = self.fonts.missing(&text);
        if missing.is_empty() {
            return Ok(());
        }
        Err(Error::Glyphs {
            family: self.fonts.family().to_string(),
            missing,
        })
    }
}

impl Default for Compiler {
    fn default() -> Self {
        Self::new()
    }
}

fn to_json(data: &Data) -> Result<Vec<u8>> {
    serde_json::to_vec(data).map_err(|e| Error::Template(vec![e.to_string()]))
}

/// Evictions (one per document) a memoised result survives unused.
const BATCH_CACHE_AGE: usize = 1;
/// The same for `vanban watch`: the last few versions of one document.
const WATCH_CACHE_AGE: usize = 3;

/// Appendix pages recently laid out, by the exact data they were laid out
/// from. Small: a batch either repeats one appendix or repeats none.
pub struct AppendixCache {
    entries: Mutex<Vec<(Vec<u8>, EcoVec<Page>)>>,
}

impl AppendixCache {
    const CAPACITY: usize = 4;

    pub fn new() -> Self {
        AppendixCache {
            entries: Mutex::new(Vec::new()),
        }
    }

    fn get(&self, key: &[u8]) -> Option<EcoVec<Page>> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, pages)| pages.clone())
    }

    fn put(&self, key: Vec<u8>, pages: EcoVec<Page>) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.iter().any(|(k, _)| *k == key) {
            return;
        }
        if entries.len() == Self::CAPACITY {
            entries.remove(0);
        }
        entries.push((key, pages));
    }
}

impl Default for AppendixCache {
    fn default() -> Self {
        Self::new()
    }
}

/// Several laid-out documents as one, page after page (`vanban batch --gop`).
pub fn join(documents: &[PagedDocument]) -> Option<PagedDocument> {
    let info = documents.first()?.info().clone();
    let pages = documents
        .iter()
        .flat_map(|d| d.pages().iter().cloned())
        .collect();
    Some(PagedDocument::new(pages, info))
}

fn describe(world: &DocumentWorld<'_>, e: &SourceDiagnostic) -> String {
    let place = match e.span.get() {
        DiagSpanKind::Number { id, .. } | DiagSpanKind::Range { id, .. } => {
            let line = world.range(e.span).and_then(|r| {
                world
                    .source(id)
                    .ok()
                    .map(|s| s.text()[..r.start].matches('\n').count() + 1)
            });
            format!("{}:{}: ", id.vpath().get_with_slash(), line.unwrap_or(0))
        }
        DiagSpanKind::Detached => String::new(),
    };
    format!("{place}{}", e.message)
}

/// One document's view of the shared compiler.
struct DocumentWorld<'a> {
    compiler: &'a Compiler,
    main: FileId,
    data: Bytes,
    /// The signature and seal images, checked by the loader.
    anh: TepAnh,
    today: Option<Datetime>,
}

impl World for DocumentWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.compiler.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.compiler.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.compiler
            .sources
            .iter()
            .find(|s| s.id() == id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(PathBuf::from(id.vpath().get_without_slash())))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == *DATA_ID {
            return Ok(self.data.clone());
        }
        let image = match id {
            _ if id == *CHU_KY_ID => Some(&self.anh.chu_ky),
            _ if id == *DAU_ID => Some(&self.anh.dau),
            _ => None,
        };
        if let Some(Some(png)) = image {
            return Ok(Bytes::new(png.clone()));
        }
        self.source(id).map(Bytes::from_string)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.compiler.fonts.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}
