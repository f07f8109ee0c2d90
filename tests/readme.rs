//! The README's TOML example must stay a valid document.

use crate::common;

#[test]
fn the_readme_example_renders() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("```toml\n")
        .expect("a ```toml block in the README")
        + "```toml\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let layout = common::Layout::of(&common::compile_str(&readme[start..end]));
    let text = layout.all_text();
    for expected in [
        "UBND TỈNH TÂY NINH",
        "SỞ THÔNG TIN",
        "VÀ TRUYỀN THÔNG",
        "Số: 1612/UBND-KSTT",
        "- Lưu: VT, KSTT.",
        "KT. CHỦ TỊCH",
    ] {
        assert!(text.contains(expected), "{expected:?} not in\n{text}");
    }
}
