//! The last guard against text lost in silence: after layout, every piece of
//! text must lie on its page and inside whatever clips it. Rules made for
//! known cases (a Nơi nhận longer than a page, a table row taller than one)
//! keep this from firing; text that still would not show is refused here,
//! named, rather than printed in part.

use typst::layout::{Abs, Frame, FrameItem, Point, Size};
use typst_layout::PagedDocument;

/// How far text may stand over an edge (rounding, italic overhang).
const DUNG_SAI_PT: f64 = 1.0;

/// A visible area of the page: its top-left and bottom-right corners.
#[derive(Clone, Copy)]
struct Vung {
    min: Point,
    max: Point,
}

impl Vung {
    fn of(at: Point, size: Size) -> Self {
        Vung {
            min: at,
            max: at + Point::new(size.x, size.y),
        }
    }

    fn intersect(self, other: Vung) -> Vung {
        Vung {
            min: Point::new(self.min.x.max(other.min.x), self.min.y.max(other.min.y)),
            max: Point::new(self.max.x.min(other.max.x), self.max.y.min(other.max.y)),
        }
    }

    fn holds(self, min: Point, max: Point) -> bool {
        let d = Abs::pt(DUNG_SAI_PT);
        min.x >= self.min.x - d
            && min.y >= self.min.y - d
            && max.x <= self.max.x + d
            && max.y <= self.max.y + d
    }
}

/// The text that does not show, with its page (from 1), in reading order;
/// at most `most` pieces.
pub fn khong_hien(document: &PagedDocument, most: usize) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (i, page) in document.pages().iter().enumerate() {
        let vung = Vung::of(Point::zero(), page.frame.size());
        walk(&page.frame, Point::zero(), vung, i + 1, most, &mut out);
        if out.len() >= most {
            break;
        }
    }
    out
}

fn walk(
    frame: &Frame,
    origin: Point,
    vung: Vung,
    page: usize,
    most: usize,
    out: &mut Vec<(usize, String)>,
) {
    for (pos, item) in frame.items() {
        if out.len() >= most {
            return;
        }
        let at = origin + *pos;
        match item {
            FrameItem::Group(group) => {
                let t = group.transform;
                // Rotated or scaled content is the template's own (none
                // today); only translations are followed.
                let inner = at + Point::new(t.tx, t.ty);
                let vung = match group.clip {
                    Some(_) => vung.intersect(Vung::of(inner, group.frame.size())),
                    None => vung,
                };
                walk(&group.frame, inner, vung, page, most, out);
            }
            FrameItem::Text(text) => {
                let size = text.size;
                let metrics = text.font.metrics();
                let min = at - Point::new(Abs::zero(), metrics.ascender.at(size));
                let max = at + Point::new(text.width(), -metrics.descender.at(size));
                if !vung.holds(min, max) && !text.text.trim().is_empty() {
                    out.push((page, text.text.to_string()));
                }
            }
            _ => {}
        }
    }
}
