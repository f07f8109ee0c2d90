//! Shared helpers: a minimal valid document, and a flat view of the laid-out
//! pages (every text run and line with its absolute position).

pub mod refuse;
pub mod xlsx;

use std::path::{Path, PathBuf};
use std::process::Command;

use typst::layout::{Frame, FrameItem, Point};
use typst::text::FontStyle;
use typst::visualize::Geometry;
use vanban::PagedDocument;

pub const MM: f64 = 72.0 / 25.4;

/// A small công văn touching every required field.
pub const MINIMAL: &str = r#"
so = 1612
ky_hieu = "UBND-KSTT"
dia_danh = "Tây Ninh"
ngay = 2024-05-31
trich_yeu = "triển khai Chỉ thị số 16/CT-TTg"
kinh_gui = ["Công an tỉnh", "Các sở, ban, ngành tỉnh"]
noi_dung = """
Thực hiện Nghị quyết số 01/NQ-CP ngày 05/01/2024 của Chính phủ.

1. Sở Tư pháp

- Chủ trì, phối hợp các cơ quan liên quan./.
"""
noi_nhan = ["Như trên", "Lưu: VT, KSTT"]

[co_quan]
ten = ["ỦY BAN NHÂN DÂN", "TỈNH TÂY NINH"]

[chu_ky]
quyen_han = "KT."
chuc_vu_thu_truong = "CHỦ TỊCH"
chuc_vu = "PHÓ CHỦ TỊCH"
ho_ten = "Trần Văn Chiến"
"#;

/// Edits of a fixture's text that fail loudly: a `str::replace` whose text
/// is missing returns the fixture unchanged, and the test then checks
/// something else than it says.
pub trait Edit {
    /// The text with every `from` replaced by `to`; `from` must be there.
    fn edit(&self, from: &str, to: &str) -> String;
}

impl Edit for str {
    fn edit(&self, from: &str, to: &str) -> String {
        assert!(
            self.contains(from),
            "the fixture has no {from:?} to replace; fixture:\n{self}"
        );
        self.replace(from, to)
    }
}

pub fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

/// Writes `toml` to a fresh directory and returns (dir guard, path).
pub fn write_toml(toml: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("van-ban.toml");
    std::fs::write(&path, toml).unwrap();
    (dir, path)
}

pub fn compile_str(toml: &str) -> PagedDocument {
    let (_dir, path) = write_toml(toml);
    match vanban::pipeline::lay_out_file(&vanban::Compiler::new(), &path) {
        Ok(doc) => doc,
        Err(e) => panic!("compile failed:\n{e}"),
    }
}

#[derive(Debug, Clone)]
pub struct TextRun {
    pub page: usize,
    pub x: f64,
    /// Baseline.
    pub y: f64,
    pub width: f64,
    pub size: f64,
    pub weight: u16,
    pub italic: bool,
    pub text: String,
    pub ascender: f64,
}

impl TextRun {
    pub fn right(&self) -> f64 {
        self.x + self.width
    }
    pub fn center(&self) -> f64 {
        self.x + self.width / 2.0
    }
    /// Top of the line box (text edges are ascender/descender).
    pub fn top(&self) -> f64 {
        self.y - self.ascender * self.size
    }
    pub fn bold(&self) -> bool {
        self.weight >= 700
    }
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub page: usize,
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rule {
    pub fn length(&self) -> f64 {
        ((self.x1 - self.x0).powi(2) + (self.y1 - self.y0).powi(2)).sqrt()
    }
}

pub struct Layout {
    pub pages: Vec<(f64, f64)>,
    pub runs: Vec<TextRun>,
    pub rules: Vec<Rule>,
    /// Rectangles: (page, x, y, width, height).
    pub rects: Vec<(usize, f64, f64, f64, f64)>,
}

impl Layout {
    pub fn of(doc: &PagedDocument) -> Self {
        let mut layout = Layout {
            pages: Vec::new(),
            runs: Vec::new(),
            rules: Vec::new(),
            rects: Vec::new(),
        };
        for (i, page) in doc.pages().iter().enumerate() {
            let size = page.frame.size();
            layout.pages.push((size.x.to_pt(), size.y.to_pt()));
            walk(&page.frame, Point::zero(), i + 1, &mut layout);
        }
        layout.runs = merge_touching(std::mem::take(&mut layout.runs));
        layout
    }

    /// The first run whose text is exactly `text`, trimmed.
    pub fn run(&self, text: &str) -> &TextRun {
        self.runs
            .iter()
            .find(|r| r.text.trim() == text)
            .unwrap_or_else(|| panic!("no text run {text:?}; runs: {:?}", self.texts()))
    }

    /// The first run whose text starts with `prefix`.
    pub fn run_starting(&self, prefix: &str) -> &TextRun {
        self.runs
            .iter()
            .find(|r| r.text.starts_with(prefix))
            .unwrap_or_else(|| panic!("no text run starting {prefix:?}; runs: {:?}", self.texts()))
    }

    /// The first run whose text contains `part`.
    pub fn run_containing(&self, part: &str) -> &TextRun {
        self.runs
            .iter()
            .find(|r| r.text.contains(part))
            .unwrap_or_else(|| panic!("no text run containing {part:?}; runs: {:?}", self.texts()))
    }

    pub fn texts(&self) -> Vec<&str> {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }

    /// All text of a page in reading order, runs joined by spaces and
    /// whitespace collapsed (good enough to search for a phrase).
    pub fn page_text(&self, page: usize) -> String {
        self.text_where(|r| r.page == page)
    }

    /// Like [`Self::page_text`] over all pages, for runs starting in `x0..x1`
    /// (one column of a two-column block reads on its own).
    pub fn column_text(&self, x0: f64, x1: f64) -> String {
        (1..=self.pages.len())
            .map(|p| self.text_where(|r| r.page == p && r.x >= x0 && r.x < x1))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn text_where(&self, keep: impl Fn(&TextRun) -> bool) -> String {
        let mut runs: Vec<&TextRun> = self.runs.iter().filter(|r| keep(r)).collect();
        runs.sort_by(|a, b| {
            (a.y.round() as i64, a.x.round() as i64).cmp(&(b.y.round() as i64, b.x.round() as i64))
        });
        let joined: Vec<&str> = runs.iter().map(|r| r.text.as_str()).collect();
        collapse(&joined.join(" "))
    }

    /// Each printed line: runs sharing a page and a baseline (within
    /// `tolerance` pt), joined left to right as they are (a boxed token is a
    /// run of its own), whitespace collapsed. In reading order.
    pub fn lines(&self) -> Vec<String> {
        let mut runs: Vec<&TextRun> = self.runs.iter().collect();
        runs.sort_by(|a, b| {
            (
                a.page,
                (a.y * 10.0).round() as i64,
                (a.x * 10.0).round() as i64,
            )
                .cmp(&(
                    b.page,
                    (b.y * 10.0).round() as i64,
                    (b.x * 10.0).round() as i64,
                ))
        });
        let mut lines: Vec<(usize, f64, String)> = Vec::new();
        for r in runs {
            match lines.last_mut() {
                Some((page, y, text)) if *page == r.page && (r.y - *y).abs() < 0.5 => {
                    text.push_str(&r.text)
                }
                _ => lines.push((r.page, r.y, r.text.clone())),
            }
        }
        lines.into_iter().map(|(_, _, t)| collapse(&t)).collect()
    }

    pub fn all_text(&self) -> String {
        (1..=self.pages.len())
            .map(|p| self.page_text(p))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A token kept whole on its line is laid out in a box of its own, so it is
/// a text item apart from the words around it: a run here is what a reader
/// sees as one, neighbouring items of one style touching on one baseline.
fn merge_touching(runs: Vec<TextRun>) -> Vec<TextRun> {
    let mut out: Vec<TextRun> = Vec::with_capacity(runs.len());
    for r in runs {
        if let Some(prev) = out.last_mut()
            && prev.page == r.page
            && (prev.y - r.y).abs() < 0.01
            && prev.size == r.size
            && prev.weight == r.weight
            && prev.italic == r.italic
            && (r.x - prev.right()).abs() < 0.05
        {
            prev.text.push_str(&r.text);
            prev.width = r.right() - prev.x;
            continue;
        }
        out.push(r);
    }
    out
}

pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn walk(frame: &Frame, origin: Point, page: usize, out: &mut Layout) {
    for (pos, item) in frame.items() {
        let at = origin + *pos;
        match item {
            FrameItem::Group(group) => {
                let t = group.transform;
                walk(&group.frame, at + Point::new(t.tx, t.ty), page, out);
            }
            FrameItem::Text(text) => {
                let info = text.font.font().info();
                out.runs.push(TextRun {
                    page,
                    x: at.x.to_pt(),
                    y: at.y.to_pt(),
                    width: text.width().to_pt(),
                    size: text.size.to_pt(),
                    weight: info.variant.weight.to_number(),
                    italic: info.variant.style == FontStyle::Italic,
                    text: text.text.to_string(),
                    ascender: text.font.metrics().ascender.get(),
                });
            }
            FrameItem::Shape(shape, _) => match &shape.geometry {
                Geometry::Line(delta) => {
                    let end = at + *delta;
                    out.rules.push(Rule {
                        page,
                        x0: at.x.to_pt(),
                        y0: at.y.to_pt(),
                        x1: end.x.to_pt(),
                        y1: end.y.to_pt(),
                    });
                }
                Geometry::Rect(size) => {
                    out.rects.push((
                        page,
                        at.x.to_pt(),
                        at.y.to_pt(),
                        size.x.to_pt(),
                        size.y.to_pt(),
                    ));
                }
                Geometry::Curve(_) => {}
            },
            _ => {}
        }
    }
}

/// What a poppler-utils tool prints for `pdf` (`.ci/run` installs them).
pub fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("{tool} is needed (apt-get install poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A PNG of `w`×`h` pixels of one colour.
pub fn png(w: u32, h: u32, colour: png::ColorType, pixel: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut e = png::Encoder::new(&mut out, w, h);
    e.set_color(colour);
    e.set_depth(png::BitDepth::Eight);
    let mut writer = e.write_header().unwrap();
    let data: Vec<u8> = (0..w * h).flat_map(|_| pixel.to_vec()).collect();
    writer.write_image_data(&data).unwrap();
    drop(writer);
    out
}

/// `s` as a TOML basic string.
pub fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
