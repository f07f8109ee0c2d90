//! What the docx crate cannot write, added to the packed file; everything
//! else is the crate's output, byte for byte:
//! - header rows repeated on every page (`<w:tblHeader/>`): rows are marked
//!   with a row height no table of ours uses (at least one twip, harmless
//!   if it stayed) and the mark becomes the property;
//! - the number at the start of each footnote's text (`<w:footnoteRef/>`,
//!   raised): without it Word prints the note with no number;
//! - paragraph ids numbered from 1 in each file: the crate counts them per
//!   thread across documents, so a batch's files would depend on which
//!   worker made what before (the same input must give the same bytes).

use std::io::{Cursor, Read, Write};

use docx_rs::{HeightRule, TableRow};

use crate::error::{Error, Result};

/// The mark as docx-rs writes it.
const DAU: &str = r#"<w:trHeight w:val="1" w:hRule="atLeast" />"#;
const TIEU_DE: &str = "<w:tblHeader />";
/// The footnote's own number, as Word writes it.
const SO_CHU_THICH: &str = r#"<w:r><w:rPr><w:vertAlign w:val="superscript" /></w:rPr><w:footnoteRef /></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>"#;

/// Marks a header row.
pub(super) fn repeat_header(r: TableRow) -> TableRow {
    r.row_height(1.0).height_rule(HeightRule::AtLeast)
}

/// The packed document with every mark made a repeated header row.
pub(super) fn viet_lai(docx: &[u8]) -> Result<Vec<u8>> {
    let fault = |e: &dyn std::fmt::Display| Error::Template(vec![format!("docx: {e}")]);
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).map_err(|e| fault(&e))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let mut para_id = 0u32;
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).map_err(|e| fault(&e))?;
        let name = file.name().map_err(|e| fault(&e))?.to_string();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).map_err(|e| fault(&e))?;
        if name == "word/document.xml" {
            let text = String::from_utf8(bytes).map_err(|e| fault(&e))?;
            bytes = text.replace(DAU, TIEU_DE).into_bytes();
        } else if name == "word/footnotes.xml" {
            let text = String::from_utf8(bytes).map_err(|e| fault(&e))?;
            bytes = so_chu_thich(&text).into_bytes();
        }
        if name.starts_with("word/") && name.ends_with(".xml") {
            let text = String::from_utf8(bytes).map_err(|e| fault(&e))?;
            bytes = danh_so_doan(&text, &mut para_id).into_bytes();
        }
        out.start_file(name, options).map_err(|e| fault(&e))?;
        out.write_all(&bytes).map_err(|e| fault(&e))?;
    }
    let out = out.finish().map_err(|e| fault(&e))?;
    Ok(out.into_inner())
}

/// Paragraph ids (`w14:paraId`) numbered on from `next`, in order.
fn danh_so_doan(xml: &str, next: &mut u32) -> String {
    const KEY: &str = "w14:paraId=\"";
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(at) = rest.find(KEY) {
        let value = at + KEY.len();
        let Some(len) = rest[value..].find('"') else {
            break;
        };
        *next += 1;
        out.push_str(&rest[..value]);
        out.push_str(&format!("{:08X}", *next));
        rest = &rest[value + len..];
    }
    out.push_str(rest);
    out
}

/// Each note's first paragraph opens with the note's number.
fn so_chu_thich(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len() + 256);
    let mut rest = xml;
    while let Some(at) = rest.find("<w:footnote ") {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        // After the first paragraph's properties, or its opening tag.
        let end = from.find("</w:footnote>").unwrap_or(from.len());
        let note = &from[..end];
        let insert = note
            .find("</w:pPr>")
            .map(|i| i + "</w:pPr>".len())
            .or_else(|| {
                let p = [note.find("<w:p>"), note.find("<w:p ")]
                    .into_iter()
                    .flatten()
                    .min()?;
                note[p..].find('>').map(|i| p + i + 1)
            });
        match insert {
            Some(i) => {
                out.push_str(&note[..i]);
                out.push_str(SO_CHU_THICH);
                out.push_str(&note[i..]);
            }
            None => out.push_str(note),
        }
        rest = &from[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use docx_rs::{Docx, Paragraph, Table, TableCell};

    #[test]
    fn marked_rows_become_repeated_header_rows() {
        let row = |text: &str| {
            TableRow::new(vec![TableCell::new().add_paragraph(
                Paragraph::new().add_run(docx_rs::Run::new().add_text(text)),
            )])
        };
        let doc = Docx::new().add_table(Table::new(vec![repeat_header(row("tiêu đề")), row("dòng")]));
        let mut packed = Cursor::new(Vec::new());
        doc.build().pack(&mut packed).unwrap();
        let before = packed.into_inner();
        let after = viet_lai(&before).unwrap();
        let mut archive = zip::ZipArchive::new(Cursor::new(after)).unwrap();
        let mut xml = String::new();
        archive
            .by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        assert_eq!(xml.matches(TIEU_DE).count(), 1, "{xml}");
        assert!(!xml.contains("w:trHeight"));
    }

    #[test]
    fn paragraph_ids_count_from_one_across_the_files() {
        let mut n = 0;
        let a = danh_so_doan(
            r#"<w:p w14:paraId="0000003F"><w:p w14:paraId="00000040">"#,
            &mut n,
        );
        let b = danh_so_doan(r#"<w:p w14:paraId="00000007">"#, &mut n);
        assert_eq!(
            a,
            r#"<w:p w14:paraId="00000001"><w:p w14:paraId="00000002">"#
        );
        assert_eq!(b, r#"<w:p w14:paraId="00000003">"#);
    }

    #[test]
    fn every_note_opens_with_its_number() {
        let xml = r#"<w:footnotes><w:footnote w:id="1"><w:p w14:paraId="1"><w:pPr><w:pStyle w:val="ChuThich" /></w:pPr><w:r><w:t>A</w:t></w:r></w:p></w:footnote><w:footnote w:id="2"><w:p><w:r><w:t>B</w:t></w:r></w:p></w:footnote></w:footnotes>"#;
        let out = so_chu_thich(xml);
        assert_eq!(out.matches("<w:footnoteRef />").count(), 2, "{out}");
        assert!(
            out.contains(&format!("</w:pPr>{SO_CHU_THICH}<w:r><w:t>A")),
            "{out}"
        );
        assert!(
            out.contains(&format!("<w:p>{SO_CHU_THICH}<w:r><w:t>B")),
            "{out}"
        );
    }
}
