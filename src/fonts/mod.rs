//! The faces documents are set in — the bundled Liberation Serif (Times New
//! Roman's metric twin) or the office's own Times New Roman (`--font-dir`) —
//! and text measured as typst sets it ([`measure`]). Both back ends size
//! with it: the PDF's compiler and the Word file's tables.

use std::path::{Path, PathBuf};

use typst::foundations::Bytes;
use typst::layout::Abs;
use typst::text::{Font, FontStyle, FontWeight};

use crate::error::{Error, Result};

mod measure;

pub use measure::Shaper;

/// The bundled Times-New-Roman-metric font (SIL OFL, see fonts/LICENSE-OFL.txt).
const BUNDLED: [&[u8]; 4] = [
    include_bytes!("../../fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../../fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../../fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../../fonts/LiberationSerif-BoldItalic.ttf"),
];
const BUNDLED_FAMILY: &str = "Liberation Serif";
/// The family the decree prescribes; used when `--font-dir` provides it.
const DECREE_FAMILY: &str = "Times New Roman";

/// The four styles a document uses, named as a clerk would.
pub const STYLES: [(&str, FontWeight, FontStyle); 4] = [
    ("thường", FontWeight::REGULAR, FontStyle::Normal),
    ("đậm", FontWeight::BOLD, FontStyle::Normal),
    ("nghiêng", FontWeight::REGULAR, FontStyle::Italic),
    ("đậm nghiêng", FontWeight::BOLD, FontStyle::Italic),
];

/// One family's faces.
pub struct Fonts {
    pub fonts: Vec<Font>,
    family: String,
    /// The files they were read from (none when bundled): no output may
    /// replace one.
    pub files: Vec<PathBuf>,
}

impl Fonts {
    /// The bundled Liberation Serif.
    pub fn bundled() -> Self {
        let fonts = BUNDLED
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        Fonts {
            fonts,
            family: BUNDLED_FAMILY.to_string(),
            files: Vec::new(),
        }
    }

    /// The Times New Roman found in `dir` (the office's own licensed copy),
    /// with its four styles.
    pub fn from_dir(dir: &Path) -> Result<Self> {
        let (fonts, files) = read_dir(dir)?;
        let family = fonts
            .iter()
            .map(|f| f.info().family.clone())
            .find(|family| family.eq_ignore_ascii_case(DECREE_FAMILY))
            .ok_or_else(|| {
                let mut found: Vec<String> = fonts.iter().map(|f| f.info().family.clone()).collect();
                found.dedup();
                Error::Font(format!(
                    "thư mục {} không có phông {DECREE_FAMILY} (tìm thấy: {}); Nghị định 30 quy định phông Times New Roman",
                    dir.display(),
                    if found.is_empty() { "không có tệp .ttf/.otf nào".to_string() } else { found.join(", ") }
                ))
            })?;
        let fonts = Fonts {
            fonts,
            family,
            files,
        };
        let missing: Vec<&str> = STYLES
            .iter()
            .filter(|(_, weight, style)| fonts.face(*weight, *style).is_none())
            .map(|(name, ..)| *name)
            .collect();
        if !missing.is_empty() {
            return Err(Error::Font(format!(
                "thư mục {} thiếu kiểu chữ {} của phông {}",
                dir.display(),
                missing.join(", "),
                fonts.family
            )));
        }
        Ok(fonts)
    }

    /// The family documents are set in.
    pub fn family(&self) -> &str {
        &self.family
    }

    pub fn face(&self, weight: FontWeight, style: FontStyle) -> Option<&Font> {
        self.fonts.iter().find(|f| {
            let info = f.info();
            info.family.eq_ignore_ascii_case(&self.family)
                && info.variant.weight == weight
                && info.variant.style == style
        })
    }

    /// The upright face of `weight`, ready to measure.
    pub fn shaper(&self, weight: FontWeight) -> Result<Shaper> {
        self.face(weight, FontStyle::Normal)
            .and_then(Shaper::new)
            .ok_or_else(|| Error::Font(format!("phông {} không đọc được để đo bảng", self.family)))
    }

    /// The characters of `text` some face of the family lacks (typst
    /// prints an empty box for them, and does not warn).
    pub fn missing(&self, text: &str) -> Vec<char> {
        let mut chars: Vec<char> = text.chars().collect();
        chars.sort_unstable();
        chars.dedup();
        let faces: Vec<&Font> = STYLES
            .iter()
            .filter_map(|(_, w, s)| self.face(*w, *s))
            .collect();
        chars
            .into_iter()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .filter(|c| faces.iter().any(|f| !f.info().coverage.contains(*c as u32)))
            .collect()
    }
}

/// How wide `text` is set in the bundled face at `size`: what the Word
/// back end sizes its tables with. Word and LibreOffice set the same
/// metrics (Times New Roman, Liberation Serif).
pub fn bundled_width(text: &str, size: Abs, bold: bool) -> Abs {
    BUNDLED_SHAPERS.with(|shapers| {
        shapers[usize::from(bold)]
            .as_ref()
            .map_or(Abs::zero(), |s| s.width(text, size))
    })
}

thread_local! {
    /// The bundled regular and bold faces, ready once per thread (a table
    /// of 94 rows measures a few thousand words).
    static BUNDLED_SHAPERS: [Option<Shaper>; 2] = [0, 1].map(|i| {
        Font::new(Bytes::new(BUNDLED[i]), 0).and_then(|f| Shaper::new(&f))
    });
}

fn read_dir(dir: &Path) -> Result<(Vec<Font>, Vec<PathBuf>)> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Error::Font(format!(
            "không đọc được thư mục phông {}: {}",
            crate::error::shown(dir),
            crate::error::io_reason(&e)
        ))
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let ext = p
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or_default()
                .to_ascii_lowercase();
            matches!(ext.as_str(), "ttf" | "otf" | "ttc" | "otc")
        })
        .collect();
    paths.sort();
    let mut fonts = Vec::new();
    for path in &paths {
        let data = crate::input::read(path, crate::input::PHONG_TOI_DA)?;
        let before = fonts.len();
        fonts.extend(Font::iter(Bytes::new(data)));
        if fonts.len() == before {
            return Err(Error::Font(format!(
                "tệp {} không đọc được như một phông chữ (tệp hỏng, tải về chưa hết, hoặc không phải TrueType/OpenType); chép lại tệp phông từ máy có cài Times New Roman",
                path.display()
            )));
        }
    }
    Ok((fonts, paths))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kerning_is_applied_as_typst_applies_it() {
        let regular = Fonts::bundled().shaper(FontWeight::REGULAR).unwrap();
        let size = Abs::pt(13.0);
        let apart = regular.width("A", size) + regular.width("V", size);
        assert!(regular.width("AV", size) < apart);
        assert_eq!(regular.width("", size), Abs::zero());
    }
}
