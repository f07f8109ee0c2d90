//! Adds empty signature fields to a finished PDF as an incremental update:
//! the original bytes stay as they are, new versions of the catalog and of
//! the pages that carry a field are appended with the fields and a new
//! cross-reference section. That is how signing tools add signatures, and
//! it leaves typst's PDF (its PDF/A conformance, tags and metadata)
//! untouched.
//!
//! The fields follow PDF/A-2 (ISO 19005-2 §6.3): each widget is printable
//! (`/F 4`) and has an appearance stream (empty: nothing shows until the
//! field is signed); the form has no `NeedAppearances`.

use std::fmt::Write as _;

use hayro_syntax::Pdf;
use hayro_syntax::object::{Array, Dict, MaybeRef, ObjectIdentifier};

use super::OKy;

/// A reason the update could not be made; only a PDF typst did not write
/// as expected gives one.
type Fault = String;

pub(super) fn add_signature_fields(original: &[u8], fields: &[OKy]) -> Result<Vec<u8>, Fault> {
    let pdf = Pdf::new(original.to_vec()).map_err(|e| format!("PDF unreadable: {e:?}"))?;
    let trailer = Trailer::read(original)?;
    let mut next = trailer.size;
    let mut fresh = || {
        next += 1;
        next - 1
    };
    let mut objects: Vec<(i32, Vec<u8>)> = Vec::new();

    // Each field: one merged field/widget dictionary and its appearance.
    let mut by_page: Vec<(usize, Vec<i32>)> = Vec::new();
    let mut field_ids = Vec::new();
    for f in fields {
        let page = pdf
            .pages()
            .get(f.trang - 1)
            .ok_or_else(|| format!("no page {}", f.trang))?;
        let page_id = page
            .raw()
            .obj_id()
            .ok_or("page is not an indirect object")?;
        let (id, ap) = (fresh(), fresh());
        let [x1, y1, x2, y2] = f.pt;
        let mut widget = format!(
            "<</Type/Annot/Subtype/Widget/FT/Sig/T{}/TU{}/F 4/Rect[{x1} {y1} {x2} {y2}]/P {} 0 R/AP<</N {ap} 0 R>>>>",
            literal(&f.ten),
            utf16_hex(tooltip(f)),
            page_id.obj_number
        )
        .into_bytes();
        widget.shrink_to_fit();
        objects.push((id, widget));
        let (w, h) = (x2 - x1, y2 - y1);
        objects.push((
            ap,
            format!("<</Type/XObject/Subtype/Form/BBox[0 0 {w:.2} {h:.2}]/Length 0>>\nstream\n\nendstream")
                .into_bytes(),
        ));
        field_ids.push(id);
        match by_page.iter_mut().find(|(p, _)| *p == f.trang) {
            Some((_, ids)) => ids.push(id),
            None => by_page.push((f.trang, vec![id])),
        }
    }

    // The pages, each with its fields added to its annotations.
    for (number, ids) in &by_page {
        let page = pdf.pages().get(number - 1).ok_or("page vanished")?;
        let dict = page.raw();
        let refs: String = ids.iter().map(|id| format!(" {id} 0 R")).collect();
        let page_id = dict.obj_id().ok_or("page is not an indirect object")?;
        match dict.get_raw::<Array>("Annots") {
            None => objects.push((
                page_id.obj_number,
                insert_before_end(dict, &format!("/Annots[{refs}]"))?,
            )),
            Some(MaybeRef::NotRef(array)) => {
                // The new references go before the array's closing bracket
                // (typst's footnotes and links are annotations already).
                let at = closing_bracket(dict.data(), array.data())?;
                let mut page = dict.data().to_vec();
                page.splice(at..at, refs.bytes());
                objects.push((page_id.obj_number, page));
            }
            Some(MaybeRef::Ref(r)) => {
                let id = ObjectIdentifier::new(r.obj_number, r.gen_number);
                let array: Array = pdf.xref().get(id).ok_or("annotation array unreadable")?;
                let items = String::from_utf8_lossy(array.data());
                let items = items.trim().trim_start_matches('[').trim_end_matches(']');
                objects.push((r.obj_number, format!("[{items}{refs}]").into_bytes()));
            }
        }
    }

    // The form, named by the catalog.
    let form = fresh();
    let all: String = field_ids.iter().map(|id| format!(" {id} 0 R")).collect();
    objects.push((form, format!("<</Fields[{all}]>>").into_bytes()));
    let root = pdf.xref().root_id();
    let catalog: Dict = pdf.xref().get(root).ok_or("catalog unreadable")?;
    if catalog.contains_key("AcroForm") {
        return Err("the PDF already has a form".into());
    }
    objects.push((
        root.obj_number,
        insert_before_end(&catalog, &format!("/AcroForm {form} 0 R"))?,
    ));

    Ok(trailer.append(original, objects, next))
}

/// What the signing tool shows for the field.
fn tooltip(f: &OKy) -> &'static str {
    match f.loai {
        super::LoaiOKy::NguoiKy => "Chữ ký số của người ký",
        super::LoaiOKy::CoQuan => "Chữ ký số của cơ quan (dấu)",
        super::LoaiOKy::PhuLuc => "Chữ ký số của cơ quan trên phụ lục",
    }
}

/// The dictionary's bytes with `entry` before its closing `>>`.
fn insert_before_end(dict: &Dict<'_>, entry: &str) -> Result<Vec<u8>, Fault> {
    let data = dict.data();
    if !data.ends_with(b">>") {
        return Err("a dictionary that does not end in >>".into());
    }
    let mut out = data[..data.len() - 2].to_vec();
    out.extend_from_slice(entry.as_bytes());
    out.extend_from_slice(b">>");
    Ok(out)
}

/// Where the array whose items (or whole text) `inner` is closes within
/// `outer`, both slices of the same file: the first `]` from its items'
/// end (hayro gives an inline array's items without their brackets).
fn closing_bracket(outer: &[u8], inner: &[u8]) -> Result<usize, Fault> {
    let start = (inner.as_ptr() as usize).wrapping_sub(outer.as_ptr() as usize);
    let end = start + inner.len();
    if end > outer.len() {
        return Err("an annotation array outside its page".into());
    }
    let from = if inner.ends_with(b"]") { end - 1 } else { end };
    outer[from..]
        .iter()
        .position(|&b| b == b']')
        .map(|i| from + i)
        .ok_or_else(|| "an annotation array without its end".into())
}

/// A PDF literal string of ASCII text (field names are ASCII).
fn literal(s: &str) -> String {
    debug_assert!(s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'));
    format!("({s})")
}

/// A PDF text string in UTF-16BE, as hex (any character, nothing to escape).
fn utf16_hex(s: &str) -> String {
    let mut out = String::from("<FEFF");
    for unit in s.encode_utf16() {
        let _ = write!(out, "{unit:04X}");
    }
    out.push('>');
    out
}

/// The original file's trailer: what the update's trailer repeats.
struct Trailer {
    /// One past the highest object number.
    size: i32,
    /// `/Root`, `/Info` and `/ID` as written.
    kept: String,
    /// Where the last cross-reference section starts.
    startxref: usize,
}

impl Trailer {
    fn read(pdf: &[u8]) -> Result<Self, Fault> {
        let tail = &pdf[pdf.len().saturating_sub(2048)..];
        let text = String::from_utf8_lossy(tail);
        let at = text.rfind("trailer").ok_or("no trailer")?;
        let dict = &text[at + "trailer".len()..];
        let end = dict.find("startxref").ok_or("no startxref")?;
        let (dict, rest) = dict.split_at(end);
        let startxref = rest["startxref".len()..]
            .split_whitespace()
            .next()
            .and_then(|n| n.parse().ok())
            .ok_or("startxref unreadable")?;
        let size = value_after(dict, "/Size")
            .and_then(|v| {
                let v = v.trim_start();
                v.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
            })
            .ok_or("no /Size")?;
        let mut kept = String::new();
        for key in ["/Root", "/Info"] {
            if let Some(v) = value_after(dict, key) {
                let reference: String = v.split_inclusive('R').next().unwrap_or_default().into();
                let _ = write!(kept, "{key} {}", reference.trim());
            }
        }
        if let Some(v) = value_after(dict, "/ID") {
            let id = v.split_inclusive(']').next().unwrap_or_default();
            let _ = write!(kept, "/ID{}", id.trim());
        }
        Ok(Trailer {
            size,
            kept,
            startxref,
        })
    }

    /// `pdf` followed by `objects` (new or new versions), a cross-reference
    /// section for them and a trailer pointing back at the original's.
    fn append(&self, pdf: &[u8], mut objects: Vec<(i32, Vec<u8>)>, size: i32) -> Vec<u8> {
        objects.sort_by_key(|(id, _)| *id);
        let mut out = pdf.to_vec();
        if !out.ends_with(b"\n") {
            out.push(b'\n');
        }
        let mut offsets = Vec::new();
        for (id, body) in &objects {
            offsets.push((*id, out.len()));
            out.extend_from_slice(format!("{id} 0 obj\n").as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        let mut section = String::from("xref\n");
        let mut i = 0;
        while i < offsets.len() {
            // A run of consecutive object numbers is one subsection.
            let mut j = i + 1;
            while j < offsets.len() && offsets[j].0 == offsets[j - 1].0 + 1 {
                j += 1;
            }
            let _ = writeln!(section, "{} {}", offsets[i].0, j - i);
            for (_, offset) in &offsets[i..j] {
                // Each entry is 20 bytes: the space before the newline counts.
                let _ = writeln!(section, "{offset:010} 00000 n ");
            }
            i = j;
        }
        let _ = write!(
            section,
            "trailer\n<</Size {size}{}/Prev {}>>\nstartxref\n{xref}\n%%EOF\n",
            self.kept, self.startxref
        );
        out.extend_from_slice(section.as_bytes());
        out
    }
}

/// The text after `key` in a dictionary's text, where `key` is a whole name.
fn value_after<'a>(dict: &'a str, key: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(at) = dict[from..].find(key) {
        let end = from + at + key.len();
        let next = dict[end..].chars().next();
        if next.is_some_and(|c| !c.is_ascii_alphanumeric()) {
            return Some(&dict[end..]);
        }
        from = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_trailer_typst_writes() {
        let pdf = b"%PDF-1.7\n...\ntrailer\n<</Size  601/Root 600 0 R/Info 598 0 R/ID[(9n9f==)(RzCj==)]>>\nstartxref\n175567\n%%EOF";
        let t = Trailer::read(pdf).unwrap();
        assert_eq!(t.size, 601);
        assert_eq!(t.startxref, 175567);
        assert_eq!(t.kept, "/Root 600 0 R/Info 598 0 R/ID[(9n9f==)(RzCj==)]");
    }

    #[test]
    fn the_cross_reference_section_has_one_subsection_per_run() {
        let t = Trailer {
            size: 10,
            kept: "/Root 9 0 R".into(),
            startxref: 3,
        };
        let out = t.append(
            b"%PDF",
            vec![
                (11, b"<<>>".to_vec()),
                (3, b"<<>>".to_vec()),
                (10, b"[]".to_vec()),
            ],
            12,
        );
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("xref\n3 1\n"), "{text}");
        assert!(text.contains("\n10 2\n"), "{text}");
        // Each entry is 20 bytes and names where its object starts.
        let at = text.find("10 0 obj").unwrap();
        assert!(text.contains(&format!("{at:010} 00000 n \n")));
        assert!(text.contains("<</Size 12/Root 9 0 R/Prev 3>>"));
    }

    #[test]
    fn field_names_and_tooltips_are_written_safely() {
        assert_eq!(utf16_hex("Ký"), "<FEFF004B00FD>");
        assert_eq!(literal("phu_luc_1"), "(phu_luc_1)");
    }
}
