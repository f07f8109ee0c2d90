//! Characters the loader refuses wherever text comes from — the TOML, a
//! CSV or Excel cell, a batch's units file: they change how text reads or
//! is searched without showing.

/// Invisible characters that change how text reads or is searched without
/// showing: bidirectional controls (a name printed reversed), zero-width
/// characters and a stray byte-order mark.
pub fn invisible(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2060}' => "WORD JOINER",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{FEFF}' => "BYTE ORDER MARK",
        '\u{00AD}' => "SOFT HYPHEN",
        // vanban's own mark for a batch's values (`load::body::LITERAL`).
        '\u{E000}' => "PRIVATE USE",
        _ => return None,
    })
}
