//! Text measured as typst sets it, without laying it out: the face typst
//! picks, shaped by the same rustybuzz the same way (Vietnamese, kerning and
//! ligatures as typst leaves them: on), advances added up in typst's own
//! units. A width measured here equals `measure(text(..)).width` in a
//! template.

use std::cell::RefCell;

use rustybuzz::{BufferFlags, Direction, Language, Script, ShapePlan, UnicodeBuffer};
use typst::layout::{Abs, Em};
use typst::text::Font;

/// The language every document is set in (`text(lang: "vi")`).
const LANG: &str = "vi";

/// One face, ready to shape.
pub struct Shaper {
    face: rustybuzz::Face<'static>,
    units_per_em: f64,
    language: Language,
    /// Shape plans by script: building one costs more than shaping a word.
    plans: RefCell<Vec<(Script, ShapePlan)>>,
    /// Keeps the font's bytes alive while `face` reads them.
    _font: Font,
}

impl Shaper {
    pub fn new(font: &Font) -> Option<Self> {
        let data = font.data();
        // SAFETY: the bytes belong to `font`'s shared buffer, which `_font`
        // keeps alive (and unmoved: it is reference-counted) for as long as
        // `face` exists; typst's own font instances borrow them the same way.
        let slice: &'static [u8] = unsafe { std::slice::from_raw_parts(data.as_ptr(), data.len()) };
        let face = rustybuzz::Face::from_slice(slice, font.index())?;
        Some(Shaper {
            units_per_em: f64::from(face.units_per_em()),
            face,
            language: LANG.parse().ok()?,
            plans: RefCell::new(Vec::new()),
            _font: font.clone(),
        })
    }

    /// The least and the most one line of text is high at `size`, from
    /// the ascender to the descender by either of the face's vertical
    /// metrics (typst reads one of them).
    pub fn line_height(&self, size: Abs) -> (Abs, Abs) {
        let f = &self.face;
        let hhea = f64::from(f.ascender()) - f64::from(f.descender());
        let typo = match (f.typographic_ascender(), f.typographic_descender()) {
            (Some(a), Some(d)) => f64::from(a) - f64::from(d),
            _ => hhea,
        };
        let at = |units: f64| Em::from_units(units, self.units_per_em).at(size);
        (at(hhea.min(typo)), at(hhea.max(typo)))
    }

    /// How wide `text` is at `size`: the sum of its glyphs' advances, each
    /// converted as typst converts it (font units → em → size).
    pub fn width(&self, text: &str, size: Abs) -> Abs {
        if text.is_empty() {
            return Abs::zero();
        }
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.set_language(self.language.clone());
        buffer.set_direction(Direction::LeftToRight);
        buffer.guess_segment_properties();
        buffer.set_flags(BufferFlags::REMOVE_DEFAULT_IGNORABLES);
        let script = buffer.script();
        let mut plans = self.plans.borrow_mut();
        let plan = match plans.iter().position(|(s, _)| *s == script) {
            Some(i) => &plans[i].1,
            None => {
                let plan = ShapePlan::new(
                    &self.face,
                    Direction::LeftToRight,
                    Some(script),
                    Some(&self.language),
                    &[],
                );
                plans.push((script, plan));
                &plans[plans.len() - 1].1
            }
        };
        let shaped = rustybuzz::shape_with_plan(&self.face, plan, buffer);
        shaped
            .glyph_positions()
            .iter()
            .map(|p| Em::from_units(p.x_advance, self.units_per_em).at(size))
            .sum()
    }
}
