//! Inside a paragraph: emphasis, escapes and footnote references.

use std::ops::Range;

use crate::model::Run;

/// `[^id]: text` at the start of a block: the id and where the text starts.
pub(super) fn footnote_definition(text: &str) -> Option<(String, usize)> {
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

/// A footnote id: letters, digits, "-" and "_", at most 32 bytes.
pub fn valid_footnote_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 32
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

pub(super) fn footnote_references(text: &str) -> Vec<(Range<usize>, String)> {
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
pub(super) fn inline(text: &str) -> Vec<Run> {
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
pub(super) fn merge(runs: Vec<Run>) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::with_capacity(runs.len());
    for mut run in runs {
        // A batch's marks around its values have done their work.
        if let Run::Text { text, .. } = &mut run
            && text.contains(super::LITERAL)
        {
            text.retain(|c| c != super::LITERAL);
        }
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
