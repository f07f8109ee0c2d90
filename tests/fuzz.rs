//! Property tests in the manner of a fuzzer (issue 13): mutated documents,
//! data files and batch-template expressions go through the readers, which
//! must answer with a result or a Vietnamese error — never a panic (which
//! fails the case) or an abort (which kills this test binary). About
//! 30,000 cases in all, a few seconds in release; the seed is random on
//! each run, and a failure prints the smallest input proptest finds.

use crate::common;
use crate::common::Edit as _;

use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::Config;
use vanban::hang_loat::{don_vi_nhan, mau::Mau};

fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Characters that matter to TOML, the body markup, CSV and tera, with
/// Vietnamese letters, invisible controls and a character no font has.
const ALPHABET: &[char] = &[
    '"', '\'', '\\', '[', ']', '{', '}', '=', ',', ';', '.', '#', '\n', '\r', '\t', ' ', '*', '^',
    '-', '/', '%', '|', '0', '1', '9', 'a', 'z', 'Đ', 'ệ', 'ữ', '\u{202E}', '\u{200B}', '\u{FEFF}',
    '漢', '\u{0}', '\u{AD}', '\u{E000}', '\u{7}',
];

/// An edit of a text: where (a fraction of its length) and what.
#[derive(Debug, Clone)]
enum Edit {
    Insert(f64, String),
    Delete(f64, usize),
    DuplicateLine(f64),
}

fn edit() -> impl Strategy<Value = Edit> {
    let piece = prop::collection::vec(prop::sample::select(ALPHABET), 1..8)
        .prop_map(|cs| cs.into_iter().collect::<String>());
    prop_oneof![
        (0.0..1.0f64, piece).prop_map(|(at, s)| Edit::Insert(at, s)),
        (0.0..1.0f64, 1..40usize).prop_map(|(at, n)| Edit::Delete(at, n)),
        (0.0..1.0f64).prop_map(Edit::DuplicateLine),
    ]
}

/// `text` with `edits` applied, each at a character boundary.
fn mutate(text: &str, edits: &[Edit]) -> String {
    let mut out = text.to_string();
    let boundary = |s: &str, at: f64| {
        let mut i = ((s.len() as f64) * at) as usize;
        while !s.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    for e in edits {
        match e {
            Edit::Insert(at, piece) => {
                let i = boundary(&out, *at);
                out.insert_str(i, piece);
            }
            Edit::Delete(at, n) => {
                let i = boundary(&out, *at);
                let mut j = (i + n).min(out.len());
                while !out.is_char_boundary(j) {
                    j += 1;
                }
                out.replace_range(i..j, "");
            }
            Edit::DuplicateLine(at) => {
                let i = boundary(&out, *at);
                let start = out[..i].rfind('\n').map_or(0, |k| k + 1);
                let end = out[i..].find('\n').map_or(out.len(), |k| i + k + 1);
                let line = out[start..end].to_string();
                out.insert_str(start, &line);
            }
        }
    }
    out
}

/// `s` escaped for a TOML basic string (one line or three quotes).
fn escaped(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\\' => "\\\\".to_string(),
            '"' => "\\\"".to_string(),
            '\n' => "\\n".to_string(),
            c if c.is_control() => format!("\\u{:04X}", c as u32),
            c => c.to_string(),
        })
        .collect()
}

/// `s` as a TOML basic string.
fn quoted(s: &str) -> String {
    format!("\"{}\"", escaped(s))
}

fn example(name: &str) -> String {
    std::fs::read_to_string(common::example(name)).unwrap()
}

proptest! {
    #![proptest_config(config(20_000))]

    /// Mutated real documents: loaded (and their data prepared for layout
    /// when they still load), never a panic.
    #[test]
    fn the_loader_survives_mutated_documents(
        which in 0..4usize,
        edits in prop::collection::vec(edit(), 1..6),
    ) {
        let base = match which {
            0 => common::MINIMAL.to_string(),
            1 => example("cong-van-chu-thich.toml"),
            2 => example("quyet-dinh.toml"),
            _ => example("bao-cao.toml"),
        };
        let text = mutate(&base, &edits);
        // A path in the examples' folder, so `danh_ba` paths resolve there.
        if let Ok(loaded) = vanban::load::load_str(&common::example("x.toml"), &text) {
            let _ = vanban::render::van_ban(&loaded.van_ban);
        }
    }
}

/// A value a clerk might type or paste into a text field: markup marks,
/// quotes, Vietnamese, symbols, footnote citations, long words.
fn typed_text() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(
        &[
            "Sở Tư pháp",
            "*",
            "**",
            "[^1]",
            "[^",
            "#",
            "# ",
            "\\",
            "\n",
            "\n\n",
            "1. ",
            "a) ",
            "- ",
            "107/2021/NĐ-CP",
            "48,76%",
            "50 %",
            "\"",
            "'",
            "(",
            ")",
            "/.",
            "./.",
            "Đ",
            "x",
            "Trực tuyến toàn trình",
            "Ủy ban nhân dân",
            "  ",
            "\t",
            "$",
            "#set",
            "#{",
            "}",
            "@",
        ][..],
    );
    prop::collection::vec(piece, 0..24).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(config(60))]

    /// Documents whose text fields hold anything a clerk might type, laid
    /// out whole: the templates take any text the loader accepts, and a
    /// refusal is a Vietnamese error.
    #[test]
    fn what_loads_also_lays_out(
        trich_yeu in typed_text(),
        noi_dung in typed_text(),
        ho_ten in typed_text(),
    ) {
        let text = common::MINIMAL
            .edit("\"triển khai Chỉ thị số 16/CT-TTg\"", &quoted(&trich_yeu))
            .edit("Thực hiện Nghị quyết số 01/NQ-CP ngày 05/01/2024 của Chính phủ.", &escaped(&noi_dung))
            .edit("\"Trần Văn Chiến\"", &quoted(&ho_ten));
        match vanban::load::load_str(Path::new("x.toml"), &text) {
            Ok(loaded) => {
                let result = vanban::pipeline::pdf(&vanban::Compiler::new(), &loaded.van_ban);
                if let Err(e) = result {
                    prop_assert!(e.to_string().starts_with("lỗi"), "{e}");
                }
            }
            Err(e) => prop_assert!(e.to_string().starts_with("lỗi"), "{e}"),
        }
    }
}

proptest! {
    #![proptest_config(config(3_000))]

    /// Data files: CSV of arbitrary cells and separators, raw bytes, and
    /// workbooks with bytes changed.
    #[test]
    fn the_data_readers_survive_any_bytes(
        csv in prop::collection::vec(
            prop::collection::vec(prop::sample::select(ALPHABET), 0..12), 0..12
        ),
        raw in prop::collection::vec(any::<u8>(), 0..200),
        flips in prop::collection::vec((0.0..1.0f64, any::<u8>()), 1..6),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let lines: Vec<String> = csv.into_iter().map(|l| l.into_iter().collect()).collect();
        let text_csv = dir.path().join("a.csv");
        std::fs::write(&text_csv, lines.join("\n")).unwrap();
        let _ = vanban::load::du_lieu::read(&text_csv, None);
        let raw_csv = dir.path().join("b.csv");
        std::fs::write(&raw_csv, &raw).unwrap();
        let _ = vanban::load::du_lieu::read(&raw_csv, None);
        let raw_xlsx = dir.path().join("c.xlsx");
        std::fs::write(&raw_xlsx, &raw).unwrap();
        let _ = vanban::load::du_lieu::read(&raw_xlsx, None);
        let mut book = std::fs::read(common::example("data/chi-tieu-nq02.xlsx")).unwrap();
        for (at, byte) in flips {
            let last = book.len() - 1;
            let i = ((book.len() as f64) * at) as usize;
            book[i.min(last)] = byte;
        }
        let xlsx = dir.path().join("d.xlsx");
        std::fs::write(&xlsx, &book).unwrap();
        let _ = vanban::load::du_lieu::read(&xlsx, None);
    }
}

/// Pieces of tera's syntax, for expressions that are mostly nearly valid.
const TERA: &[&str] = &[
    "{{",
    "}}",
    "{%",
    "%}",
    "{#",
    "#}",
    " ",
    "don_vi.ten",
    "row.ty_le",
    "row.x",
    "so",
    "tong",
    " if ",
    " else ",
    " endif ",
    " for ",
    " in ",
    " endfor ",
    "range(end=",
    "range(start=1, end=",
    "9",
    "1000",
    "1001",
    "0",
    ")",
    "(",
    " | so",
    " | slug",
    " | upper",
    " | khong_co",
    " / ",
    " % ",
    " * ",
    " + ",
    " ~ ",
    "'",
    "\"",
    "loop.index",
    " set ",
    " set_global ",
    " = ",
    "x",
    "self::",
    "macro",
    "include",
    "get_env(name='HOME')",
    "now()",
    "[",
    "]",
    ",",
    "-",
    "\\",
];

proptest! {
    #![proptest_config(config(5_000))]

    /// Batch templates with arbitrary expressions in a field: compiled,
    /// tried for a unit and loaded, never a panic, an abort or a hang.
    #[test]
    fn batch_expressions_are_safe_whatever_they_say(
        pieces in prop::collection::vec(prop::sample::select(TERA), 1..16),
        field in 0..3usize,
    ) {
        let expression: String = pieces.concat();
        let escaped = expression.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
        let template = match field {
            0 => common::refuse::BATCH.edit("gửi {{ don_vi.ten }}", &escaped),
            1 => common::refuse::BATCH.edit("Kết quả: {{ row.ty_le }}%./.", &escaped),
            _ => common::refuse::BATCH.edit("\"Nguyễn Văn A\"", &format!("\"{escaped}\"")),
        };
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mau.toml");
        let units = dir.path().join("don-vi.csv");
        std::fs::write(&units, common::refuse::UNITS).unwrap();
        let Ok(mau) = Mau::new(&path, &template, &format!("{expression}.pdf")) else {
            return Ok(());
        };
        let Ok(danh_ba) = mau.danh_ba(Default::default()) else {
            return Ok(());
        };
        let rows = don_vi_nhan::read(&units, None, &danh_ba).unwrap().don_vi;
        for (i, unit) in rows.iter().enumerate() {
            let context = mau.context(unit, i + 1, rows.len());
            let _ = mau.ten_tep(&context);
            if mau.thu(&context).is_ok() {
                let _ = mau.van_ban(unit, &context, &Default::default());
            }
        }
    }
}

/// Well-formed tera: expressions over the unit's values, loops and
/// conditions nested a few deep, so that evaluation (not only parsing) is
/// exercised with its bounds.
fn tera_template() -> impl Strategy<Value = String> {
    let operand = prop::sample::select(
        &[
            "don_vi.ten",
            "row.ty_le",
            "row.don_vi",
            "so",
            "tong",
            "chi_tieu",
            "0",
            "1",
            "7.5",
            "1000",
            "'x'",
            "loop.index",
        ][..],
    );
    let op = prop::sample::select(
        &[
            " + ", " - ", " * ", " / ", " % ", " ~ ", " == ", " < ", " and ", " or ",
        ][..],
    );
    let filter = prop::sample::select(
        &[
            "",
            " | so",
            " | slug",
            " | upper",
            " | lower",
            " | round",
            " | length",
            " | default(value='-')",
        ][..],
    );
    let expr =
        (operand.clone(), prop::option::of((op, operand)), filter).prop_map(|(a, rest, f)| {
            match rest {
                Some((op, b)) => format!("({a}{op}{b}){f}"),
                None => format!("{a}{f}"),
            }
        });
    let leaf = prop_oneof![
        expr.clone().prop_map(|e| format!("{{{{ {e} }}}}")),
        prop::sample::select(&["Kết quả ", "./.", "\n\n", "- "][..]).prop_map(String::from),
    ];
    leaf.prop_recursive(3, 24, 4, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 1..4).prop_map(|v| v.concat()),
            (0..2000usize, inner.clone()).prop_map(|(n, body)| format!(
                "{{% for i in range(end={n}) %}}{body}{{% endfor %}}"
            )),
            (expr.clone(), inner.clone(), inner)
                .prop_map(|(c, a, b)| format!("{{% if {c} %}}{a}{{% else %}}{b}{{% endif %}}")),
        ]
    })
}

proptest! {
    #![proptest_config(config(1500))]

    /// Evaluated, not only parsed: a result, or a Vietnamese reason with
    /// the field; never a panic, never an output past the bounds.
    #[test]
    fn well_formed_expressions_evaluate_within_bounds(body in tera_template()) {
        let template = format!(
            "{}\n[bien]\nchi_tieu = 50\n",
            common::refuse::BATCH.edit("\"Kết quả: {{ row.ty_le }}%./.\"", &quoted(&body))
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mau.toml");
        let units = dir.path().join("don-vi.csv");
        std::fs::write(&units, common::refuse::UNITS).unwrap();
        let mau = match Mau::new(&path, &template, "{{ so }}.pdf") {
            Ok(mau) => mau,
            Err(e) => {
                prop_assert!(e.to_string().starts_with("lỗi"), "{e}");
                return Ok(());
            }
        };
        let danh_ba = mau.danh_ba(Default::default()).unwrap();
        let rows = don_vi_nhan::read(&units, None, &danh_ba).unwrap().don_vi;
        for (i, unit) in rows.iter().enumerate() {
            let context = mau.context(unit, i + 1, rows.len());
            match mau.thu(&context) {
                Ok(()) => {
                    let _ = mau.van_ban(unit, &context, &Default::default());
                }
                Err((field, reason)) => {
                    prop_assert_eq!(field, "noi_dung");
                    prop_assert!(!reason.is_empty());
                }
            }
        }
    }
}
