//! The body markup a clerk types in `noi_dung`, turned into paragraphs.
//!
//! Deliberately not Markdown: Markdown would renumber "1." lists, turn "- "
//! into hanging bullets, eat backslashes, decode `&amp;`, and read `_`,
//! backticks and `<…>` as markup, all of which clerks type as plain text.
//! The rules (also in the README):
//! - paragraphs are separated by a blank line; a line starting with "- ", "+ ",
//!   "1. ", "1.1. ", "a) " or a Roman numeral "I. " always starts a new one;
//!   other lines continue the paragraph above;
//! - "I. …" paragraphs, and "1. …" / "1.1. …" paragraphs that do not end in
//!   punctuation (a title such as "2. Sở Tư pháp"), are headings, set bold;
//! - `**bold**`, `*italic*`, `[^id]` footnote references with a paragraph
//!   `[^id]: text` defining them; `\*`, `\\` and `\[` give the literal
//!   character. A lone `*` is printed as it is.

use std::collections::HashMap;
use std::ops::Range;

use crate::model::{Block, BlockKind, Run};

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

pub fn parse(source: &str) -> Result<Vec<Block>, Vec<MarkupError>> {
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
    let mut blocks = Vec::new();
    for block in bodies {
        let text = block.text.as_str();
        let kind = classify(text);
        let mut runs = Vec::new();
        let mut rest = 0;
        for (range, id) in footnote_references(text) {
            runs.extend(inline(&text[rest..range.start]));
            rest = range.end;
            match definitions.get(&id) {
                Some((_, note)) => {
                    used.insert(id, ());
                    runs.push(Run::Footnote(note.clone()));
                }
                None => errors.push(MarkupError {
                    span: block.source_offset(range.start)..block.source_offset(range.end),
                    message: format!(
                        "chú thích [^{id}] chưa được định nghĩa (cần một đoạn bắt đầu bằng \"[^{id}]: \")"
                    ),
                }),
            }
        }
        runs.extend(inline(&text[rest..]));
        let runs = merge(runs);
        if kind == BlockKind::Heading {
            blocks.push(Block {
                kind,
                runs: runs.into_iter().map(embolden).collect(),
            });
        } else {
            blocks.push(Block { kind, runs });
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

fn starts_item(line: &str) -> bool {
    line.starts_with("- ")
        || line.starts_with("+ ")
        || arabic_number(line).is_some()
        || letter_item(line)
        || roman_number(line).is_some()
}

/// Length of a leading "1. " / "1.1. " / "1.1.2. " including the space.
fn arabic_number(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut i = 0;
    loop {
        let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 || digits > 3 || bytes.get(i + digits) != Some(&b'.') {
            return None;
        }
        i += digits + 1;
        if bytes.get(i) == Some(&b' ') {
            return Some(i + 1);
        }
    }
}

/// "a) ", "đ) ": one lower-case Vietnamese letter, ")" and a space.
fn letter_item(line: &str) -> bool {
    let mut chars = line.chars();
    matches!(
        (chars.next(), chars.next(), chars.next()),
        (Some('a'..='z' | 'đ'), Some(')'), Some(' '))
    )
}

fn roman_number(line: &str) -> Option<usize> {
    let numeral_len = line.bytes().take_while(|b| b"IVXL".contains(b)).count();
    if numeral_len == 0 || !line[numeral_len..].starts_with(". ") {
        return None;
    }
    let numeral = &line[..numeral_len];
    (1..=50)
        .any(|n| crate::so::roman(n) == numeral)
        .then_some(numeral_len + 2)
}

fn classify(text: &str) -> BlockKind {
    if let Some(len) = roman_number(text)
        && !text[len..].trim().is_empty()
    {
        return BlockKind::Heading;
    }
    if let Some(len) = arabic_number(text) {
        let title = text[len..].trim();
        let ends_in_punctuation = title.ends_with(['.', ':', ';', '!', '?', ',', '…']);
        if !title.is_empty() && !ends_in_punctuation && !title.contains("[^") {
            return BlockKind::Heading;
        }
    }
    BlockKind::Paragraph
}

/// `[^id]: text` at the start of a block: the id and where the text starts.
fn footnote_definition(text: &str) -> Option<(String, usize)> {
    let rest = text.strip_prefix("[^")?;
    let close = rest.find("]:")?;
    let id = &rest[..close];
    if !valid_footnote_id(id) {
        return None;
    }
    let after = 2 + close + 2;
    let skip = text[after..].len() - text[after..].trim_start().len();
    Some((id.to_string(), after + skip))
}

fn valid_footnote_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 32
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

fn footnote_references(text: &str) -> Vec<(Range<usize>, String)> {
    let mut refs = Vec::new();
    let mut from = 0;
    while let Some(pos) = text[from..].find("[^") {
        let start = from + pos;
        if is_escaped(text, start) {
            from = start + 2;
            continue;
        }
        let rest = &text[start + 2..];
        match rest.find(']') {
            Some(close) if valid_footnote_id(&rest[..close]) => {
                let end = start + 2 + close + 1;
                refs.push((start..end, rest[..close].to_string()));
                from = end;
            }
            _ => from = start + 2,
        }
    }
    refs
}

fn is_escaped(text: &str, at: usize) -> bool {
    text[..at].bytes().rev().take_while(|b| *b == b'\\').count() % 2 == 1
}

/// Inline emphasis. A delimiter only counts when it has a partner in the same
/// paragraph and hugs the text (`*a*`, not `5 * 3 * 2`); otherwise it is text.
fn inline(text: &str) -> Vec<Run> {
    #[derive(Clone, Copy, PartialEq)]
    enum Tok {
        Bold,
        Italic,
    }
    // Tokenise into literal text and delimiter candidates.
    let mut pieces: Vec<Result<String, (Tok, bool, bool)>> = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut literal = String::new();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => match chars.peek() {
                Some(&(_, next @ ('*' | '\\' | '['))) => {
                    literal.push(next);
                    chars.next();
                }
                _ => literal.push('\\'),
            },
            '*' => {
                let double = matches!(chars.peek(), Some((_, '*')));
                if double {
                    chars.next();
                }
                let len = if double { 2 } else { 1 };
                let before = text[..i].chars().next_back();
                let after = text[i + len..].chars().next();
                let can_open = after.is_some_and(|a| !a.is_whitespace());
                let can_close = before.is_some_and(|b| !b.is_whitespace());
                if !literal.is_empty() {
                    pieces.push(Ok(std::mem::take(&mut literal)));
                }
                let tok = if double { Tok::Bold } else { Tok::Italic };
                pieces.push(Err((tok, can_open, can_close)));
            }
            _ => literal.push(c),
        }
    }
    if !literal.is_empty() {
        pieces.push(Ok(literal));
    }

    // Pair delimiters left to right; unpaired ones fall back to text.
    let mut paired = vec![false; pieces.len()];
    let mut open: Vec<usize> = Vec::new();
    for i in 0..pieces.len() {
        let Err((tok, can_open, can_close)) = pieces[i] else {
            continue;
        };
        if can_close
            && let Some(pos) = open
                .iter()
                .rposition(|&o| matches!(pieces[o], Err((t, ..)) if t == tok))
        {
            let o = open[pos];
            paired[o] = true;
            paired[i] = true;
            open.truncate(pos);
            continue;
        }
        if can_open {
            open.push(i);
        }
    }

    let mut runs = Vec::new();
    let (mut bold, mut italic) = (false, false);
    for (i, piece) in pieces.into_iter().enumerate() {
        match piece {
            Ok(text) => runs.push(Run::Text { text, bold, italic }),
            Err((tok, ..)) if paired[i] => match tok {
                Tok::Bold => bold = !bold,
                Tok::Italic => italic = !italic,
            },
            Err((tok, ..)) => {
                let text = if tok == Tok::Bold { "**" } else { "*" }.to_string();
                runs.push(Run::Text { text, bold, italic });
            }
        }
    }
    runs
}

/// Joins neighbouring runs of the same style.
fn merge(runs: Vec<Run>) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::with_capacity(runs.len());
    for run in runs {
        if let (
            Some(Run::Text {
                text: prev,
                bold: pb,
                italic: pi,
            }),
            Run::Text { text, bold, italic },
        ) = (out.last_mut(), &run)
            && pb == bold
            && pi == italic
        {
            prev.push_str(text);
            continue;
        }
        if !matches!(&run, Run::Text { text, .. } if text.is_empty()) {
            out.push(run);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Run {
        Run::Text {
            text: text.into(),
            bold: false,
            italic: false,
        }
    }

    #[test]
    fn blank_lines_and_markers_split_paragraphs_soft_wraps_join() {
        let blocks = parse("Đoạn một\ntiếp tục.\n\n- Gạch một;\n- Gạch hai.\na) Điểm a.").unwrap();
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
        let kinds: Vec<_> = parse("I. HIỆN TRẠNG\n\n2. Sở Tư pháp\n\n3. Thực hiện tốt việc này.\n\n1.1. Mục tiêu\n\nIV.5 không phải\n\na) Điểm")
            .unwrap()
            .iter()
            .map(|b| b.kind)
            .collect();
        use BlockKind::*;
        assert_eq!(
            kinds,
            vec![Heading, Heading, Paragraph, Heading, Paragraph, Paragraph]
        );
    }

    #[test]
    fn emphasis_needs_a_partner_and_hugging_delimiters() {
        let runs = parse("**đậm** và *nghiêng* nhưng 5 * 3 * 2 và * lẻ")
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
        let runs = parse(r"\*không nghiêng\* \\ \[^1] \# giữ nguyên")
            .unwrap()
            .remove(0)
            .runs;
        assert_eq!(runs, vec![plain(r"*không nghiêng* \ [^1] \# giữ nguyên")]);
    }

    #[test]
    fn footnotes_are_resolved_and_checked() {
        let blocks = parse("Văn bản[^1] dẫn.\n\n[^1]: Ghi chú *nghiêng*.").unwrap();
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

        let errors = parse("Dẫn[^a] sai.\n\n[^b]: Thừa.").unwrap_err();
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
        let errors = parse(src).unwrap_err();
        assert_eq!(&src[errors[0].span.clone()], "[^x]");
    }
}
