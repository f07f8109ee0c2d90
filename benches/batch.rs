//! Batch benchmark (`cargo bench --bench batch`): prints figures, asserts
//! nothing. `VANBAN_BENCH_BIG` sets the letters of the memory run (default
//! 5000).
//!
//! - the two bundled batches (25 and 94 letters) through the library;
//! - 1,000 synthetic letters of 3 pages (2 pages of letter, 1 landscape page
//!   with a 25-row × 7-column table under a two-level header): once with the
//!   appendix every unit receives (laid out once, reused), once with an
//!   appendix that differs per letter (laid out every time);
//! - the same letters with one `vanban render` process per letter;
//! - peak memory of a batch of 100 and of 5,000 letters, without and with
//!   `--gop`, each in a fresh process (this binary run again), so the peaks
//!   do not mix.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use vanban::hang_loat;

#[path = "common/mod.rs"]
mod common;
use common::{options, peak_kib};

fn main() {
    if let Ok(n) = std::env::var("VANBAN_BENCH_CHILD") {
        child(n.parse().expect("letter count"));
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("{cores} cores");
    let compiler = vanban::Compiler::new();

    // Each form of the letters, the forms alternated run by run.
    for (template, data) in [
        ("mau-cong-van-don-vi.toml", "data/chi-tieu-nq01.csv"),
        ("mau-cong-van-xa.toml", "data/tthc-cap-xa.csv"),
    ] {
        let pdf: &'static dyn vanban::output::Format = &vanban::output::PDF;
        let docx: &'static dyn vanban::output::Format = &vanban::output::DOCX;
        for dang in [vec![pdf], vec![docx], vec![pdf, docx]] {
            let runs: Vec<(usize, usize, f64)> = (0..3)
                .map(|_| {
                    let out = tempfile::tempdir().expect("temporary directory");
                    let mut opts = options(
                        &root.join("examples").join(template),
                        &root.join("examples").join(data),
                        out.path(),
                    );
                    opts.formats = dang.clone();
                    let start = Instant::now();
                    let result = hang_loat::chay(&compiler, &opts, &|_| {}, &Default::default()).expect("batch runs");
                    let secs = start.elapsed().as_secs_f64();
                    let pages = result.dong.iter().filter_map(|d| d.so_trang).sum();
                    (result.dong.len(), pages, secs)
                })
                .collect();
            let (n, pages, _) = runs[0];
            let best = runs.iter().map(|r| r.2).fold(f64::MAX, f64::min);
            let median = {
                let mut s: Vec<f64> = runs.iter().map(|r| r.2).collect();
                s.sort_by(f64::total_cmp);
                s[1]
            };
            println!(
                "examples/{template} as {}: {n} letters, {pages} PDF pages: median {:.2} s ({:.0} letters/s), best {:.2} s (3 runs)",
                dang.iter().map(|f| f.ten()).collect::<Vec<_>>().join("+"),
                median,
                n as f64 / median,
                best
            );
        }
    }

    let work = tempfile::tempdir().expect("temporary directory");
    for (label, shared) in [
        ("shared appendix", true),
        ("appendix differing per letter", false),
    ] {
        let (template, data) = synthetic(work.path(), 1000, shared);
        let out = work.path().join(format!("out-{shared}"));
        let opts = options(&template, &data, &out);
        let start = Instant::now();
        let result = hang_loat::chay(&compiler, &opts, &|_| {}, &Default::default()).expect("synthetic batch runs");
        let secs = start.elapsed().as_secs_f64();
        assert_eq!(result.so_loi(), 0);
        let pages: Vec<usize> = result.dong.iter().filter_map(|d| d.so_trang).collect();
        println!(
            "synthetic, {label}: 1000 letters of {} pages in {secs:.2} s: {:.0} letters/s on {cores} cores",
            pages[0],
            1000.0 / secs
        );
        std::fs::remove_dir_all(&out).ok();
    }

    // One process per letter, as a script calling `vanban render` would:
    // the first 100 letters, each written out as a plain document.
    // Written beside bang.csv, which a document reads only from its folder.
    let (template, data) = synthetic(work.path(), 100, true);
    let text = std::fs::read_to_string(&template).expect("template");
    let rows = std::fs::read_to_string(&data).expect("data");
    let mut files = Vec::new();
    for (i, line) in rows.lines().skip(1).enumerate() {
        let cells: Vec<&str> = line.split(',').collect();
        let letter = text
            .replace("{{ don_vi.ten }}", cells[0])
            .replace("{{ row.ty_le | so }}", &cells[1].replace('.', ","));
        let letter = strip_condition(&letter);
        let path = work.path().join(format!("thu-{i}.toml"));
        std::fs::write(&path, letter).expect("write a letter");
        files.push(path);
    }
    let binary = env!("CARGO_BIN_EXE_vanban");
    let start = Instant::now();
    for f in &files {
        let out = Command::new(binary)
            .arg("render")
            .arg(f)
            .output()
            .expect("run vanban");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let loop_rate = files.len() as f64 / start.elapsed().as_secs_f64();
    let out = work.path().join("out-100");
    let opts = options(&template, &data, &out);
    let start = Instant::now();
    hang_loat::chay(&compiler, &opts, &|_| {}, &Default::default()).expect("batch runs");
    let batch_rate = 100.0 / start.elapsed().as_secs_f64();
    println!(
        "the same 100 letters, one `vanban render` process each, one after another: {loop_rate:.0} letters/s; vanban batch: {batch_rate:.0} letters/s ({:.1}×)",
        batch_rate / loop_rate
    );

    let big: usize = std::env::var("VANBAN_BENCH_BIG")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5000);
    for (n, gop) in [(100, false), (big, false), (100, true), (big, true)] {
        let out = Command::new(std::env::current_exe().expect("this binary"))
            .env("VANBAN_BENCH_CHILD", n.to_string())
            .env("VANBAN_BENCH_GOP", if gop { "1" } else { "" })
            .output()
            .expect("run the memory child");
        print!("{}", String::from_utf8_lossy(&out.stdout));
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// A fresh process running one synthetic batch, printing its peak memory.
fn child(n: usize) {
    let work = tempfile::tempdir().expect("temporary directory");
    let (template, data) = synthetic(work.path(), n, true);
    let mut opts = options(&template, &data, &work.path().join("out"));
    let gop = std::env::var("VANBAN_BENCH_GOP").is_ok_and(|v| !v.is_empty());
    if gop {
        opts.gop = Some(work.path().join("tat-ca.pdf"));
    }
    let start = Instant::now();
    let result = hang_loat::chay(&vanban::Compiler::new(), &opts, &|_| {}, &Default::default()).expect("batch runs");
    let secs = start.elapsed().as_secs_f64();
    let joined = match &result.gop {
        Some((path, pages)) => format!(
            ", --gop {pages} pages, {} MB",
            std::fs::metadata(path).map_or(0, |m| m.len()) / 1_000_000
        ),
        None => String::new(),
    };
    println!(
        "memory: {n} letters{joined} in {secs:.1} s ({:.0} letters/s), {} failed; peak RSS {} MiB",
        n as f64 / secs,
        result.so_loi(),
        peak_kib() / 1024
    );
}

/// `n` units, each with a result; a 2-page letter naming the unit, with a
/// paragraph only below target; a 25-row appendix every unit receives whole
/// (`loc = false`). With `shared = false` the appendix title names the
/// unit, so no two letters share an appendix.
fn synthetic(dir: &Path, n: usize, shared: bool) -> (PathBuf, PathBuf) {
    let mut table = String::from("Đơn vị;Tổng số;Trực tuyến;Một phần;Tỷ lệ;Chỉ tiêu\n");
    for i in 0..25 {
        let tong = 100 + i * 7;
        let tt = tong * (i % 10) / 10;
        table.push_str(&format!(
            "Xã số {};{tong};{tt};{};{},{}5;{}\n",
            i + 1,
            tong - tt,
            (i * 3) % 100,
            i % 10,
            60 + i % 40
        ));
    }
    std::fs::write(dir.join("bang.csv"), table).expect("write the table");
    let mut units = String::from("Đơn vị,Tỷ lệ\n");
    for i in 0..n {
        units.push_str(&format!(
            "Xã thử nghiệm số {},{}.{}\n",
            i + 1,
            40 + i % 60,
            i % 10
        ));
    }
    let data = dir.join(format!("don-vi-{n}.csv"));
    std::fs::write(&data, units).expect("write the units");
    let title = if shared {
        "Kết quả thực hiện chỉ tiêu của các xã"
    } else {
        "Kết quả thực hiện chỉ tiêu của các xã (gửi {{ don_vi.ten }})"
    };
    let condition = "{% if row.ty_le < 70 %}\nTỷ lệ của {{ don_vi.ten }} thấp hơn chỉ tiêu 70%, đề nghị khắc phục.\n{% endif %}\n";
    let mut template = common::letter(condition, "", title);
    template.push_str(
        r#"du_lieu = "bang.csv"
loc = false
cot = [
  "stt",
  { ma = "don_vi", tieu_de = "Đơn vị", kieu = "don_vi" },
  { nhom = "Dịch vụ công trực tuyến", cot = [
    { ma = "tong", tieu_de = "Tổng số", kieu = "so", nguon = "Tổng số" },
    { ma = "tt", tieu_de = "Toàn trình", kieu = "so", nguon = "Trực tuyến" },
    { ma = "mp", tieu_de = "Một phần", kieu = "so", nguon = "Một phần" },
  ] },
  { ma = "ty_le", tieu_de = "Tỷ lệ (%)", kieu = "so", nguon = "Tỷ lệ", chi_tieu = "chi_tieu" },
  { ma = "chi_tieu", tieu_de = "Chỉ tiêu (%)", kieu = "so", nguon = "Chỉ tiêu" },
]
"#,
    );
    let path = dir.join(format!("mau-{n}-{shared}.toml"));
    std::fs::write(&path, template).expect("write the template");
    (path, data)
}

/// The plain-document version of the synthetic letter keeps its
/// below-target paragraph unconditionally (the process loop has no data).
fn strip_condition(letter: &str) -> String {
    letter
        .lines()
        .filter(|l| !l.starts_with("{%"))
        .collect::<Vec<_>>()
        .join("\n")
}
