//! The joined print file of a batch (`--gop`), written as the letters are
//! made so that memory stays flat in the number of units.
//!
//! Letters arrive from the workers in any order; [`Gop::nop`] keeps them until
//! the next [`KHOI`] in unit order are all there, lays those out as one PDF
//! (typst shares fonts within it), and copies its pages into the file being
//! written (hayro-write, the page copier typst's PDF back end uses). A file
//! of 5,000 letters so holds at most a few chunks in memory, never the whole.
//! The joined file is for printing: its pages keep their text and fonts but
//! not the tags and outline each letter's own PDF has.

use std::collections::BTreeMap;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use hayro_write::hayro_syntax::Pdf;
use hayro_write::{ChunkSettings, ExtractionQuery};
use pdf_writer::{Chunk, Ref};

use crate::PagedDocument;
use crate::compile::join;
use crate::dien_tu::PdfKind;
use crate::output::pdf::export_pdf;
use crate::error::{Error, Result};

/// Letters laid out together: enough to share fonts (each chunk repeats
/// them, ~50 KB), few enough that their frames stay a few MB.
const KHOI: usize = 25;

/// The joined file while the batch runs.
pub struct Gop {
    /// Finished units not yet copied, by index; `None` for a unit that failed.
    cho: Mutex<Cho>,
    tep: Mutex<Result<TepGop>>,
    tong: usize,
}

struct Cho {
    xong: BTreeMap<usize, Option<PagedDocument>>,
    /// The first unit not yet taken into a chunk.
    tiep: usize,
}

impl Gop {
    pub fn new(path: &Path, tong: usize) -> Result<Self> {
        Ok(Gop {
            cho: Mutex::new(Cho {
                xong: BTreeMap::new(),
                tiep: 0,
            }),
            // A folder missing is said now, before any letter is made.
            tep: Mutex::new(Ok(TepGop::new(path)?)),
            tong,
        })
    }

    /// Hands over unit `i`'s letter (or its failure); writes every chunk
    /// now complete in unit order.
    pub fn nop(&self, i: usize, document: Option<PagedDocument>) {
        let mut cho = self.cho.lock().unwrap_or_else(|e| e.into_inner());
        cho.xong.insert(i, document);
        loop {
            let end = (cho.tiep + KHOI).min(self.tong);
            if cho.tiep >= end || !(cho.tiep..end).all(|k| cho.xong.contains_key(&k)) {
                return;
            }
            let chunk: Vec<PagedDocument> = (cho.tiep..end)
                .filter_map(|k| cho.xong.remove(&k).flatten())
                .collect();
            cho.tiep = end;
            // Take the file before letting go of the queue: chunks are then
            // written in the order they were taken, while other workers
            // keep handing over letters.
            let mut tep = self.tep.lock().unwrap_or_else(|e| e.into_inner());
            drop(cho);
            if let (Ok(writer), Some(all)) = (tep.as_mut(), join(&chunk))
                && let Err(e) =
                    export_pdf(&all, PdfKind::Plain, None).and_then(|pdf| writer.them(&pdf))
            {
                *tep = Err(e);
            }
            drop(tep);
            cho = self.cho.lock().unwrap_or_else(|e| e.into_inner());
        }
    }

    /// Finishes the file: its path and page count, or nothing when no
    /// letter was made.
    pub fn xong(self) -> Result<Option<(PathBuf, usize)>> {
        let tep = self.tep.into_inner().unwrap_or_else(|e| e.into_inner())?;
        tep.ket_thuc()
    }
}

/// A PDF written object by object: the pages of each chunk go to disk as
/// they come; only the cross-reference table (a number per object) and the
/// page-tree nodes stay in memory until the end.
struct TepGop {
    path: PathBuf,
    tmp: BufWriter<crate::write::Temporary>,
    written: u64,
    /// Byte offset of each object by number (index 0 unused).
    offsets: Vec<Option<u64>>,
    /// One page-tree node per chunk, and its page count.
    nodes: Vec<(Ref, i32)>,
}

const CATALOG: Ref = Ref::new(1);
const PAGES: Ref = Ref::new(2);
const SETTINGS: ChunkSettings = ChunkSettings { pretty: false };

impl TepGop {
    fn new(path: &Path) -> Result<Self> {
        let tmp = crate::write::temporary_beside(path)?;
        let mut tep = TepGop {
            path: path.to_path_buf(),
            tmp: BufWriter::new(tmp),
            written: 0,
            offsets: vec![None, None, None],
            nodes: Vec::new(),
        };
        tep.write(b"%PDF-1.7\n%\x80\x80\x80\x80\n")?;
        Ok(tep)
    }

    fn write(&mut self, bytes: &[u8]) -> Result<()> {
        self.tmp
            .write_all(bytes)
            .map_err(|e| Error::io(&self.path, "ghi", e))?;
        self.written += bytes.len() as u64;
        Ok(())
    }

    /// Copies every page of `pdf` (one laid-out chunk) under a page-tree
    /// node of its own.
    fn them(&mut self, pdf: &[u8]) -> Result<()> {
        let broken = |why: &str| Error::Refused {
            message: format!("không gộp được tệp {}: {why}", self.path.display()),
            hint: "chạy lại không có --gop; các văn bản riêng vẫn được tạo".into(),
        };
        let source = Pdf::new(pdf.to_vec()).map_err(|_| broken("không đọc lại được trang"))?;
        let queries: Vec<ExtractionQuery> = (0..source.pages().len())
            .map(ExtractionQuery::new_page)
            .collect();
        let first = self.offsets.len() as i32;
        let mut count = first;
        let extracted = hayro_write::extract(
            &source,
            Box::new(|| {
                count += 1;
                Ref::new(count - 1)
            }),
            SETTINGS,
            |_| {},
            &queries,
        )
        .map_err(|_| broken("không chép được trang"))?;
        self.offsets.resize(count as usize, None);
        let pages: Vec<Ref> = extracted
            .root_refs
            .iter()
            .map(|r| r.map_err(|_| broken("không chép được trang")))
            .collect::<Result<_>>()?;
        let node = extracted.page_tree_parent_ref;
        let mut chunk = extracted.chunk;
        chunk
            .pages(node)
            .parent(PAGES)
            .kids(pages.iter().copied())
            .count(pages.len() as i32);
        let starts =
            object_starts(&chunk).ok_or_else(|| broken("trang chép ra không đúng dạng"))?;
        for (id, start) in starts {
            self.offsets[id.get() as usize] = Some(self.written + start as u64);
        }
        self.write(chunk.as_bytes())?;
        self.nodes.push((node, pages.len() as i32));
        Ok(())
    }

    fn ket_thuc(mut self) -> Result<Option<(PathBuf, usize)>> {
        let total: i32 = self.nodes.iter().map(|(_, n)| n).sum();
        if total == 0 {
            return Ok(None);
        }
        let mut chunk = Chunk::with_settings(SETTINGS);
        chunk
            .pages(PAGES)
            .kids(self.nodes.iter().map(|(r, _)| *r))
            .count(total);
        chunk
            .indirect(CATALOG)
            .start::<pdf_writer::writers::Catalog>()
            .pages(PAGES);
        for (id, start) in object_starts(&chunk).unwrap_or_default() {
            self.offsets[id.get() as usize] = Some(self.written + start as u64);
        }
        self.write(chunk.as_bytes())?;
        let xref = self.written;
        let mut table = format!("xref\n0 {}\n0000000000 65535 f\r\n", self.offsets.len());
        for offset in &self.offsets[1..] {
            match offset {
                Some(at) => table.push_str(&format!("{at:010} 00000 n\r\n")),
                None => table.push_str("0000000000 65535 f\r\n"),
            }
        }
        table.push_str(&format!(
            "trailer\n<< /Size {} /Root {} 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            self.offsets.len(),
            CATALOG.get()
        ));
        self.write(table.as_bytes())?;
        let path = self.path.clone();
        let tmp = self
            .tmp
            .into_inner()
            .map_err(|e| Error::io(&path, "ghi", e.into_error()))?;
        crate::write::persist(tmp, &path, true)?;
        Ok(Some((path, total as usize)))
    }
}

/// Where each object of `chunk` starts. pdf-writer keeps these offsets to
/// itself; with compact settings it writes `N 0 obj` … `endobj\n` back to
/// back in the order `refs()` gives, so each start is found right after the
/// previous object's end marker (checked: `None` if the bytes differ).
fn object_starts(chunk: &Chunk) -> Option<Vec<(Ref, usize)>> {
    let bytes = chunk.as_bytes();
    let mut out = Vec::with_capacity(chunk.refs().len());
    let mut from = 0;
    for id in chunk.refs() {
        let header = format!("{} 0 obj", id.get());
        let at = if out.is_empty() {
            bytes.starts_with(header.as_bytes()).then_some(0)?
        } else {
            let marker = format!("endobj\n{header}");
            from + find(&bytes[from..], marker.as_bytes())? + "endobj\n".len()
        };
        out.push((id, at));
        from = at + header.len();
    }
    bytes.ends_with(b"endobj\n").then_some(out)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_starts_are_found_even_when_a_stream_holds_look_alikes() {
        let mut chunk = Chunk::with_settings(SETTINGS);
        chunk.stream(Ref::new(7), b"endobj 8 0 obj\n9 0 obj");
        chunk.pages(Ref::new(8)).count(0);
        chunk.pages(Ref::new(9)).count(0);
        let starts = object_starts(&chunk).unwrap();
        let bytes = chunk.as_bytes();
        for (id, at) in &starts {
            assert!(bytes[*at..].starts_with(format!("{} 0 obj\n", id.get()).as_bytes()));
        }
        assert_eq!(starts.len(), 3);
        assert!(starts[1].1 > 30 && starts[1].1 < starts[2].1);
    }
}
