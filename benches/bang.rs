//! Tables at the speed of text (`cargo bench --bench bang`): prints figures,
//! asserts nothing.
//!
//! - batches of 3-page letters (2 pages of letter, 1 landscape page with a
//!   25-row × 7-column table under a two-level header), every letter with its
//!   own figures, and the same letters sharing one table; letters per second
//!   on all cores (`VANBAN_BENCH_LETTERS`, default 500);
//! - `vanban render examples/cong-van.toml`, the whole process, cold; with
//!   `VANBAN_BENCH_OLD=/path/to/old/vanban` the old binary and this one run
//!   alternately (30 runs each);
//! - one document with a 1,000-row and one with a 10,000-row table, each
//!   rendered in a fresh process (this binary again), time and peak memory.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use vanban::hang_loat;

#[path = "common/mod.rs"]
mod common;
use common::{options, peak_kib};

fn main() {
    if let Ok(rows) = std::env::var("VANBAN_BENCH_ROWS") {
        big_table(rows.parse().expect("row count"));
        return;
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let letters: usize = std::env::var("VANBAN_BENCH_LETTERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500);
    let compiler = vanban::Compiler::new();
    let work = tempfile::tempdir().expect("temporary directory");

    // The two forms alternated, three runs each.
    let forms = [("its own table", true), ("one shared table", false)];
    let made: Vec<_> = forms
        .iter()
        .map(|&(_, own)| common::per_unit_tables(work.path(), letters, own))
        .collect();
    let mut times = vec![Vec::new(); forms.len()];
    let mut pages = vec![0; forms.len()];
    for _ in 0..3 {
        for (i, (template, data)) in made.iter().enumerate() {
            let out = work.path().join(format!("out-{i}"));
            let start = Instant::now();
            let result = hang_loat::chay(&compiler, &options(template, data, &out), &|_| {}, &Default::default())
                .expect("batch runs");
            times[i].push(start.elapsed());
            assert_eq!(result.so_loi(), 0);
            pages[i] = result.dong[0].so_trang.unwrap_or(0);
            std::fs::remove_dir_all(&out).ok();
        }
    }
    for (i, (label, _)) in forms.iter().enumerate() {
        let m = median(&mut times[i]);
        println!(
            "batch, {letters} letters of {} pages, each with {label}: median {:.2} s, {:.0} letters/s on {cores} cores (3 runs)",
            pages[i],
            m.as_secs_f64(),
            letters as f64 / m.as_secs_f64()
        );
    }

    cold(Path::new(env!("CARGO_MANIFEST_DIR")), work.path());

    for rows in [1000, 10_000] {
        let out = Command::new(std::env::current_exe().expect("this binary"))
            .env("VANBAN_BENCH_ROWS", rows.to_string())
            .output()
            .expect("run the table child");
        print!("{}", String::from_utf8_lossy(&out.stdout));
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// The example letter, whole process to PDF on disk, this binary and (when
/// given) an old one alternately.
fn cold(root: &Path, work: &Path) {
    let example = root.join("examples/cong-van.toml");
    let mut binaries = vec![("this".to_string(), env!("CARGO_BIN_EXE_vanban").to_string())];
    if let Ok(old) = std::env::var("VANBAN_BENCH_OLD") {
        binaries.push((format!("old ({old})"), old));
    }
    let mut times = vec![Vec::new(); binaries.len()];
    for _ in 0..30 {
        for (i, (_, binary)) in binaries.iter().enumerate() {
            let out = work.join(format!("cold-{i}.pdf"));
            let start = Instant::now();
            let status = Command::new(binary)
                .arg("render")
                .arg(&example)
                .arg("-o")
                .arg(&out)
                .output()
                .expect("run vanban");
            times[i].push(start.elapsed());
            assert!(
                status.status.success(),
                "{}",
                String::from_utf8_lossy(&status.stderr)
            );
        }
    }
    for (i, (label, _)) in binaries.iter().enumerate() {
        println!(
            "cold vanban render examples/cong-van.toml, {label} binary: median {:.1} ms (30 runs{})",
            median(&mut times[i]).as_secs_f64() * 1000.0,
            if binaries.len() > 1 {
                ", alternated"
            } else {
                ""
            }
        );
    }
}

/// A fresh process: one document with a `rows`-row table, load to PDF bytes.
fn big_table(rows: usize) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = common::long_table(dir.path(), rows);
    let compiler = vanban::Compiler::new();
    let start = Instant::now();
    let rendered = vanban::pipeline::pdf_file(&compiler, &path).expect("the table renders");
    let secs = start.elapsed().as_secs_f64();
    println!(
        "table of {rows} rows from CSV: {} pages in {secs:.2} s ({:.2} ms per row), peak RSS {} MiB",
        rendered.pages.unwrap_or(0),
        secs * 1000.0 / rows as f64,
        peak_kib() / 1024
    );
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}
