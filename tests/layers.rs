//! The library's layers, from the bottom up, as CONTRIBUTING.md draws them:
//! a module uses only modules of layers below its own, never one beside it
//! or above. The test reads the sources' `crate::` paths (comments left out),
//! so an import the wrong way fails here, naming the file and the module.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Each layer's modules, lowest first. A new module gets a line here and
/// in CONTRIBUTING.md.
const LAYERS: &[&[&str]] = &[
    // Figures, numbers, calendars, messages: used everywhere.
    &["error", "suggest", "so", "lich", "the_thuc"],
    // Reading and writing files with bounds, atomically.
    &["input", "write", "edit"],
    // Faces and measuring; deadlines.
    &["fonts", "thoi_han"],
    // What a document is.
    &["model"],
    // Reference data: the kinds of document.
    &["loai"],
    // The one description of the format.
    &["spec"],
    // TOML, body markup and data files → model.
    &["load"],
    // What reads a loaded document: review, render data, task export, starters.
    &["kiem_tra", "render", "export", "starter"],
    // The back ends: typst's layout, the Word file, the electronic PDF.
    &["compile", "docx", "dien_tu"],
    // One module per format.
    &["output"],
    // Document → review → layout → formats → writes.
    &["pipeline"],
    // Callers of the pipeline.
    &["watch", "hang_loat", "so_dang_ky"],
    // The browser workspace: previews, downloads and batches.
    &["serve"],
];

/// What the crate root re-exports, by the module that defines it (none:
/// typst's type).
const ROOT_ITEMS: &[(&str, Option<&str>)] = &[
    ("Compiler", Some("compile")),
    ("Diagnostic", Some("error")),
    ("Error", Some("error")),
    ("Result", Some("error")),
    ("PagedDocument", None),
];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The modules a source names through `crate::`, `crate::{a, b::c}` included.
fn imports(text: &str) -> Vec<String> {
    let code: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = Vec::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name = item.trim().split("::").next().unwrap_or("").trim();
                if !name.is_empty() {
                    out.push(name.to_string());
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            out.push(name);
        }
    }
    out
}

#[test]
fn every_import_runs_down_a_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut wrong: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut unplaced = Vec::new();
    for file in files {
        let rel = file.strip_prefix(&src).unwrap();
        let first = rel.components().next().unwrap().as_os_str().to_string_lossy();
        let module = first.trim_end_matches(".rs").to_string();
        // The command line is a caller of the library, above every layer.
        if module == "cli" || module == "lib" {
            continue;
        }
        let Some(own) = layer(&module) else {
            unplaced.push(module);
            continue;
        };
        let text = std::fs::read_to_string(&file).unwrap();
        for name in imports(&text) {
            let target = match ROOT_ITEMS.iter().find(|(item, _)| *item == name) {
                Some((_, Some(m))) => m,
                Some((_, None)) => continue,
                None => name.as_str(),
            };
            if target == module {
                continue;
            }
            match layer(target) {
                Some(l) if l < own => {}
                _ => wrong
                    .entry(format!("{} ({module})", rel.display()))
                    .or_default()
                    .push(target.to_string()),
            }
        }
    }
    unplaced.sort();
    unplaced.dedup();
    assert!(
        unplaced.is_empty(),
        "modules in no layer (add them to LAYERS and CONTRIBUTING.md): {unplaced:?}"
    );
    assert!(
        wrong.is_empty(),
        "imports beside or up a layer:\n{}",
        wrong
            .iter()
            .map(|(f, to)| format!("  {f} → {}", to.join(", ")))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn the_scan_sees_grouped_and_nested_imports() {
    let found = imports(
        "use crate::{load, model::VanBan};\n// crate::hidden\nlet x = crate::so::roman(1);",
    );
    assert_eq!(found, ["load", "model", "so"]);
}
