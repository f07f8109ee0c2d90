//! The body markup a clerk types in `noi_dung`, turned into paragraphs.
//!
//! Deliberately not Markdown: Markdown would renumber "1." lists, turn "- "
//! into hanging bullets, eat backslashes, decode `&amp;`, and read `_`,
//! backticks and `<…>` as markup, all of which clerks type as plain text.
//! The rules (also in the README):
//! - paragraphs are separated by a blank line; a line starting with "- ", "+ ",
//!   "1. ", "1.1. ", "a) " or a Roman numeral "I. " always starts a new one;
//!   other lines continue the paragraph above;
//! - headings (bold, kept with the next paragraph): a paragraph starting
//!   with "# " always is one, a paragraph starting with "\\" never is;
//!   otherwise "I. …" paragraphs are, and "1. …" / "1.1. …" paragraphs that
//!   do not end in punctuation (a title such as "2. Sở Tư pháp");
//! - items of one level in one list look alike: when one "2. …" is a
//!   heading, so are its siblings "1. …", "3. …" (unless marked "\\");
//! - a paragraph starting with "[giữa] " is a centred line, "[phải] " a
//!   right-aligned one (neither a heading nor a list item);
//! - `**bold**`, `*italic*`, `[^id]` footnote references with a paragraph
//!   `[^id]: text` defining them (or the document's `[chu_thich]`); `\*`,
//!   `\\` and `\[` give the literal character. A lone `*` is printed as it is.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::model::{Block, BlockKind, Run};

mod de_muc;
mod inline;

use de_muc::{heading_mark, headings};
pub use de_muc::starts_item;

/// Marks where a batch put a value into body text: what follows is text as
/// written, never a heading mark or a list marker ("# …", "- …", "1. …"
/// from a data cell print as they are). Never typed: a private-use
/// character, refused in every input (`load::ky_tu`), removed here.
pub const LITERAL: char = '\u{E000}';
pub use inline::valid_footnote_id;
use inline::{footnote_definition, footnote_references, inline, merge};

/// The footnotes a document declares once (`[chu_thich]`), which any text
/// may cite with `[^id]`; it remembers which were cited.
#[derive(Debug, Default)]
pub struct ChuThich {
    notes: HashMap<String, Vec<Run>>,
    cited: HashSet<String>,
}

impl ChuThich {
    pub fn insert(&mut self, id: String, note: Vec<Run>) {
        self.notes.insert(id, note);
    }

    /// The note `id`, marked as cited.
    pub fn cite(&mut self, id: &str) -> Option<Vec<Run>> {
        let note = self.notes.get(id)?.clone();
        self.cited.insert(id.to_string());
        Some(note)
    }

    pub fn ids(&self) -> Vec<&str> {
        self.notes.keys().map(String::as_str).collect()
    }

    pub fn is_cited(&self, id: &str) -> bool {
        self.cited.contains(id)
    }

    pub fn has(&self, id: &str) -> bool {
        self.notes.contains_key(id)
    }
}

/// A problem at a byte range of the body text.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkupError {
    pub span: Range<usize>,
    pub message: String,
}

/// One paragraph's text with the byte offset where each line of it starts.
struct RawBlock {
    /// Lines joined by single spaces.
    text: String,
    /// (offset in `text`, offset in the source) for each joined line.
    map: Vec<(usize, usize)>,
}

impl RawBlock {
    fn source_offset(&self, at: usize) -> usize {
        let (t, s) = self
            .map
            .iter()
            .rev()
            .find(|(t, _)| *t <= at)
            .copied()
            .unwrap_or((0, 0));
        s + (at - t)
    }
}

pub fn parse(source: &str, chu_thich: &mut ChuThich) -> Result<Vec<Block>, Vec<MarkupError>> {
    let raw = split_blocks(source);
    let mut errors = Vec::new();

    let mut definitions: HashMap<String, (usize, Vec<Run>)> = HashMap::new();
    let mut bodies = Vec::new();
    for (index, block) in raw.iter().enumerate() {
        if let Some((id, rest_at)) = footnote_definition(&block.text) {
            let start = block.source_offset(0);
            if definitions.contains_key(&id) {
                errors.push(MarkupError {
                    span: start..start + rest_at,
                    message: format!("chú thích [^{id}] được định nghĩa hai lần"),
                });
                continue;
            }
            if chu_thich.has(&id) {
                errors.push(MarkupError {
                    span: start..start + rest_at,
                    message: format!(
                        "chú thích [^{id}] được định nghĩa hai lần: ở đây và trong bảng [chu_thich]"
                    ),
                });
                continue;
            }
            let runs = inline(&block.text[rest_at..]);
            if runs.is_empty() {
                errors.push(MarkupError {
                    span: start..start + rest_at,
                    message: format!("chú thích [^{id}] không có nội dung"),
                });
            }
            definitions.insert(id, (index, runs));
        } else {
            bodies.push(block);
        }
    }

    let mut used = HashMap::new();
    let mut marks = Vec::new();
    let mut blocks = Vec::new();
    for block in bodies {
        let (align, after) = alignment(&block.text);
        let (mut mark, start) = heading_mark(&block.text[after..]);
        let start = start + after;
        if align.is_some() {
            // An aligned line is no list item, and never a heading.
            mark = de_muc::Mark::default();
        }
        let text = &block.text[start..];
        let mut resolve = |id: &str| match definitions.get(id) {
            Some((_, note)) => {
                used.insert(id.to_string(), ());
                Some(note.clone())
            }
            None => chu_thich.cite(id),
        };
        let runs = with_notes(text, &mut resolve, &mut |range, id| {
            errors.push(MarkupError {
                span: block.source_offset(start + range.start)
                    ..block.source_offset(start + range.end),
                message: undefined(id),
            })
        });
        marks.push(mark.clone());
        let mut b = Block::doan(runs);
        b.kind = align.unwrap_or(BlockKind::Paragraph);
        b.so_muc = mark.so_muc.clone();
        b.vi_tri = block.source_offset(0)..block.source_offset(block.text.len());
        blocks.push(b);
    }
    let headings = headings(&marks);
    for (block, (heading, vi_sao)) in blocks.iter_mut().zip(headings) {
        block.vi_sao = vi_sao;
        if heading && block.kind == BlockKind::Paragraph {
            block.kind = BlockKind::Heading;
            block.runs = std::mem::take(&mut block.runs)
                .into_iter()
                .map(embolden)
                .collect();
        }
    }

    let mut unused: Vec<_> = definitions
        .iter()
        .filter(|(id, _)| !used.contains_key(*id))
        .collect();
    unused.sort_by_key(|(_, (index, _))| *index);
    for (id, (index, _)) in unused {
        let start = raw[*index].source_offset(0);
        errors.push(MarkupError {
            span: start..start + id.len() + 4,
            message: format!(
                "chú thích [^{id}] được định nghĩa nhưng không được dẫn trong văn bản"
            ),
        });
    }

    if errors.is_empty() {
        Ok(blocks)
    } else {
        Err(errors)
    }
}

/// A paragraph starting "[giữa] " or "[phải] " (diacritics optional): a
/// centred or right-aligned line, and where its text starts.
fn alignment(text: &str) -> (Option<BlockKind>, usize) {
    for (tag, kind) in [
        ("[giữa]", BlockKind::Centred),
        ("[giua]", BlockKind::Centred),
        ("[phải]", BlockKind::Right),
        ("[phai]", BlockKind::Right),
    ] {
        if let Some(rest) = text.strip_prefix(tag) {
            return (Some(kind), text.len() - rest.trim_start().len());
        }
    }
    (None, 0)
}

/// One line of text that may cite the document's footnotes (a table's
/// header or cell, a phụ lục's title): emphasis and `[^id]`, no paragraphs.
pub fn inline_line(text: &str, chu_thich: &mut ChuThich) -> Result<Vec<Run>, Vec<MarkupError>> {
    let mut errors = Vec::new();
    let runs = with_notes(text, &mut |id| chu_thich.cite(id), &mut |range, id| {
        errors.push(MarkupError {
            span: range,
            message: undefined(id),
        })
    });
    if errors.is_empty() {
        Ok(runs)
    } else {
        Err(errors)
    }
}

fn undefined(id: &str) -> String {
    format!(
        "chú thích [^{id}] chưa được định nghĩa (cần một đoạn bắt đầu bằng \"[^{id}]: \" hoặc khóa `{id}` trong bảng [chu_thich])"
    )
}

/// Runs of `text` with each `[^id]` replaced by its note, or reported.
fn with_notes(
    text: &str,
    resolve: &mut dyn FnMut(&str) -> Option<Vec<Run>>,
    missing: &mut dyn FnMut(Range<usize>, &str),
) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut rest = 0;
    for (range, id) in footnote_references(text) {
        runs.extend(inline(&text[rest..range.start]));
        rest = range.end;
        match resolve(&id) {
            Some(note) => runs.push(Run::Footnote(note)),
            None => missing(range, &id),
        }
    }
    runs.extend(inline(&text[rest..]));
    merge(runs)
}

fn embolden(run: Run) -> Run {
    match run {
        Run::Text { text, italic, .. } => Run::Text {
            text,
            bold: true,
            italic,
        },
        note => note,
    }
}

/// Splits at blank lines and before list-marker lines; joins soft-wrapped lines.
fn split_blocks(source: &str) -> Vec<RawBlock> {
    let mut blocks: Vec<RawBlock> = Vec::new();
    let mut current: Option<RawBlock> = None;
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start();
        if trimmed.trim().is_empty() {
            blocks.extend(current.take());
            continue;
        }
        let lead = content.len() - trimmed.len();
        let trimmed = trimmed.trim_end();
        if starts_item(trimmed)
            || trimmed.starts_with("[^") && footnote_definition(trimmed).is_some()
        {
            blocks.extend(current.take());
        }
        let block = current.get_or_insert_with(|| RawBlock {
            text: String::new(),
            map: Vec::new(),
        });
        if !block.text.is_empty() {
            block.text.push(' ');
        }
        block.map.push((block.text.len(), line_start + lead));
        block.text.push_str(trimmed);
    }
    blocks.extend(current);
    for block in &mut blocks {
        collapse_spaces(block);
    }
    blocks
}

/// Tabs and runs of spaces inside a line become one space; the offset map is
/// kept exact by re-deriving it character by character.
fn collapse_spaces(block: &mut RawBlock) {
    if !block.text.contains('\t') && !block.text.contains("  ") {
        return;
    }
    let mut text = String::with_capacity(block.text.len());
    let mut map = Vec::new();
    let mut prev_space = false;
    for (i, c) in block.text.char_indices() {
        let space = c == ' ' || c == '\t';
        if space && prev_space {
            continue;
        }
        map.push((text.len(), block.source_offset(i)));
        text.push(if space { ' ' } else { c });
        prev_space = space;
    }
    block.text = text;
    block.map = map;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_alone(source: &str) -> Result<Vec<Block>, Vec<MarkupError>> {
        parse(source, &mut ChuThich::default())
    }

    fn plain(text: &str) -> Run {
        Run::Text {
            text: text.into(),
            bold: false,
            italic: false,
        }
    }

    #[test]
    fn blank_lines_and_markers_split_paragraphs_soft_wraps_join() {
        let blocks =
            parse_alone("Đoạn một\ntiếp tục.\n\n- Gạch một;\n- Gạch hai.\na) Điểm a.").unwrap();
        let texts: Vec<_> = blocks.iter().map(|b| b.runs.clone()).collect();
        assert_eq!(
            texts,
            vec![
                vec![plain("Đoạn một tiếp tục.")],
                vec![plain("- Gạch một;")],
                vec![plain("- Gạch hai.")],
                vec![plain("a) Điểm a.")],
            ]
        );
    }

    #[test]
    fn headings_are_roman_sections_and_unpunctuated_numbered_titles() {
        let kinds: Vec<_> = parse_alone("I. HIỆN TRẠNG\n\n2. Sở Tư pháp\n\n3. Thực hiện tốt việc này.\n\n1.1. Mục tiêu\n\nIV.5 không phải\n\na) Điểm")
            .unwrap()
            .iter()
            .map(|b| b.kind)
            .collect();
        use BlockKind::*;
        // "3." ends in a full stop but is a sibling of the heading "2.".
        assert_eq!(
            kinds,
            vec![Heading, Heading, Heading, Heading, Paragraph, Paragraph]
        );
    }

    #[test]
    fn siblings_look_alike_and_the_clerks_mark_wins() {
        let kinds = |src: &str| -> Vec<BlockKind> {
            parse_alone(src).unwrap().iter().map(|b| b.kind).collect()
        };
        use BlockKind::*;
        // Items 4 and 5 end with a full stop, their siblings do not.
        assert_eq!(
            kinds(
                "1. Mục đích\n\n- Ý một.\n\n2. Yêu cầu\n\n4. Kinh phí thực hiện.\n\n5. Tổ chức thực hiện."
            ),
            vec![Heading, Paragraph, Heading, Heading, Heading]
        );
        // A new list under another Roman section starts afresh.
        assert_eq!(
            kinds("I. MỘT\n\n1. Tiêu đề\n\nII. HAI\n\n1. Nội dung đầy đủ.\n\n2. Tiếp."),
            vec![Heading, Heading, Heading, Paragraph, Paragraph]
        );
        // "# " makes a heading (and its siblings follow); "\\" keeps one plain.
        let blocks = parse_alone(
            "# a) Điểm đầu.\n\nb) Điểm sau.\n\n\\1. Không phải đề mục\n\n# Đề mục không số",
        )
        .unwrap();
        assert_eq!(
            blocks.iter().map(|b| b.kind).collect::<Vec<_>>(),
            vec![Heading, Heading, Paragraph, Heading]
        );
        assert_eq!(
            blocks[0].runs,
            vec![Run::Text {
                text: "a) Điểm đầu.".into(),
                bold: true,
                italic: false
            }]
        );
        assert_eq!(blocks[2].runs, vec![plain("1. Không phải đề mục")]);
    }

    #[test]
    fn the_parser_keeps_each_marker_and_why_it_made_a_heading() {
        use crate::model::{CapSoMuc, ViSao};
        let blocks =
            parse_alone("II. KẾT QUẢ\n\n1. Mục đích\n\n2. Yêu cầu đầy đủ.\n\n# đ) Ý\n\n- Gạch\n\nĐoạn.")
                .unwrap();
        let marks: Vec<_> = blocks
            .iter()
            .map(|b| b.so_muc.as_ref().map(|m| (m.cap, m.thu_tu, m.nhan.as_str())))
            .collect();
        assert_eq!(
            marks,
            vec![
                Some((CapSoMuc::LaMa, Some(2), "II.")),
                Some((CapSoMuc::So(1), Some(1), "1.")),
                Some((CapSoMuc::So(1), Some(2), "2.")),
                Some((CapSoMuc::Chu, Some(5), "đ)")),
                Some((CapSoMuc::Gach, None, "-")),
                None,
            ]
        );
        let why: Vec<_> = blocks.iter().map(|b| b.vi_sao).collect();
        // "2." ends in a full stop: a heading only because "1." (index 1) is.
        assert_eq!(
            why,
            vec![
                ViSao::TuChu,
                ViSao::TuChu,
                ViSao::CungCap(1),
                ViSao::Danh,
                ViSao::TuChu,
                ViSao::TuChu
            ]
        );
    }

    #[test]
    fn emphasis_needs_a_partner_and_hugging_delimiters() {
        let runs = parse_alone("**đậm** và *nghiêng* nhưng 5 * 3 * 2 và * lẻ")
            .unwrap()
            .remove(0)
            .runs;
        assert_eq!(
            runs,
            vec![
                Run::Text {
                    text: "đậm".into(),
                    bold: true,
                    italic: false
                },
                plain(" và "),
                Run::Text {
                    text: "nghiêng".into(),
                    bold: false,
                    italic: true
                },
                plain(" nhưng 5 * 3 * 2 và * lẻ"),
            ]
        );
    }

    #[test]
    fn escapes_give_literal_characters() {
        let runs = parse_alone(r"\*không nghiêng\* \\ \[^1] \# giữ nguyên")
            .unwrap()
            .remove(0)
            .runs;
        assert_eq!(runs, vec![plain(r"*không nghiêng* \ [^1] \# giữ nguyên")]);
    }

    #[test]
    fn footnotes_are_resolved_and_checked() {
        let blocks = parse_alone("Văn bản[^1] dẫn.\n\n[^1]: Ghi chú *nghiêng*.").unwrap();
        assert_eq!(blocks.len(), 1);
        assert_eq!(
            blocks[0].runs[1],
            Run::Footnote(vec![
                plain("Ghi chú "),
                Run::Text {
                    text: "nghiêng".into(),
                    bold: false,
                    italic: true
                },
                plain("."),
            ])
        );

        let errors = parse_alone("Dẫn[^a] sai.\n\n[^b]: Thừa.").unwrap_err();
        assert_eq!(errors.len(), 2);
        assert!(errors[0].message.contains("[^a] chưa được định nghĩa"));
        assert_eq!(errors[0].span, 5..9, "byte offsets: \"Dẫn\" is 5 bytes");
        assert!(
            errors[1]
                .message
                .contains("[^b] được định nghĩa nhưng không được dẫn")
        );
        assert_eq!(errors[1].span.start, "Dẫn[^a] sai.\n\n".len());
    }

    #[test]
    fn offsets_survive_wrapping_and_indentation() {
        let src = "Dòng một\n    dòng hai[^x]\n";
        let errors = parse_alone(src).unwrap_err();
        assert_eq!(&src[errors[0].span.clone()], "[^x]");
    }
}
