//! Render benchmark: prints figures, asserts nothing (timings belong here,
//! not in tests). Run with `cargo bench`; `VANBAN_BENCH_N` sets the number of
//! warm renders (default 1000).
//!
//! - cold: the release `vanban render` process, start to PDF on disk;
//! - warm: one process, one thread, the example letter compiled and exported
//!   again and again (with the memoisation cache evicted after each, as the
//!   library does), and its resident memory along the way;
//! - examples: each file in examples/ from TOML to PDF bytes, a synthetic
//!   200-task plan, and a synthetic 1,000-row indicator table read from CSV;
//! - watch: a one-word edit laid out again by the same compiler (typst's
//!   memoised work kept, as `vanban watch` does) against a fresh layout.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use vanban::dien_tu::PdfKind;

#[path = "common/mod.rs"]
mod common;
use common::long_table;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let example = root.join("examples/cong-van.toml");
    let out_dir = tempfile::tempdir().expect("temporary directory");
    let n: usize = std::env::var("VANBAN_BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);

    // Cold: whole process per document.
    let binary = env!("CARGO_BIN_EXE_vanban");
    let out = out_dir.path().join("cold.pdf");
    let mut cold = Vec::new();
    for _ in 0..30 {
        let start = Instant::now();
        let status = Command::new(binary)
            .arg("render")
            .arg(&example)
            .arg("-o")
            .arg(&out)
            .output()
            .expect("run vanban");
        cold.push(start.elapsed());
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
    }
    println!(
        "cold  vanban render examples/cong-van.toml: median {} ms, min {} ms (30 runs)",
        ms(median(&mut cold)),
        ms(min(&cold))
    );

    // Warm: one compiler, many documents.
    let compiler = vanban::Compiler::new();
    let document = vanban::load::load_file(&example)
        .expect("example loads")
        .van_ban;
    let data = vanban::render::van_ban(&document);
    let (mut compile, mut export) = (Vec::new(), Vec::new());
    let mut pages = 0;
    let mut bytes = 0;
    let rss_start = rss_kib();
    let mut marks = Vec::new();
    let start_all = Instant::now();
    for i in 1..=n {
        let t = Instant::now();
        let doc = compiler.compile(&data).expect("compiles");
        compile.push(t.elapsed());
        let t = Instant::now();
        let pdf = vanban::output::pdf::export_pdf(&doc, PdfKind::Archival, data.ngay_ban_hanh)
            .expect("exports");
        export.push(t.elapsed());
        pages = doc.pages().len();
        bytes = pdf.len();
        if [1, 10, 100, 1000, 5000].contains(&i) || i == n {
            marks.push((i, rss_kib()));
        }
    }
    let total = start_all.elapsed();
    let mut per_doc: Vec<Duration> = compile.iter().zip(&export).map(|(c, e)| *c + *e).collect();
    println!(
        "warm  {n} renders on one thread: median {} ms per document (compile {} ms + PDF {} ms), {:.1} documents/s",
        ms(median(&mut per_doc)),
        ms(median(&mut compile)),
        ms(median(&mut export)),
        n as f64 / total.as_secs_f64()
    );
    println!("      document: {pages} pages, {} KiB", bytes / 1024);
    let marks: Vec<String> = marks
        .iter()
        .map(|(i, kib)| format!("after {i}: {} MiB", kib / 1024))
        .collect();
    println!(
        "      resident memory: start {} MiB, {}; peak {} MiB",
        rss_start / 1024,
        marks.join(", "),
        peak_kib() / 1024
    );

    electronic(&compiler, &document);
    word(&compiler, &root.join("examples"));

    // Every example through the whole library path (read TOML, validate,
    // lay out, PDF), including the landscape task table and the task lists.
    for name in [
        "cong-van.toml",
        "ke-hoach.toml",
        "cong-van-du-thao.toml",
        "quyet-dinh.toml",
    ] {
        let path = root.join("examples").join(name);
        let (pages, mut times) = renders(&compiler, &path, 50);
        println!(
            "example {name}: {pages} pages, median {} ms (load + lay out + PDF, 50 runs)",
            ms(median(&mut times))
        );
    }

    // A long plan: 200 tasks laid out per item, grouped by unit, and as a
    // landscape appendix table.
    let plan = out_dir.path().join("ke-hoach-200.toml");
    std::fs::write(&plan, long_plan(200)).expect("write the synthetic plan");
    let (pages, mut times) = renders(&compiler, &plan, 20);
    println!(
        "synthetic plan, 200 tasks in 3 layouts: {pages} pages, median {} ms (20 runs)",
        ms(median(&mut times))
    );

    // A 1,000-row indicator table from CSV.
    let table = long_table(out_dir.path(), 1000);
    let (pages, mut times) = renders(&compiler, &table, 10);
    println!(
        "synthetic table, 1000 rows from CSV: {pages} pages, median {} ms, min {} ms (10 runs); peak RSS {} MiB",
        ms(median(&mut times)),
        ms(min(&times)),
        peak_kib() / 1024
    );

    // `vanban watch`: one compiler keeps typst's work between versions; a
    // one-word edit of the body laid out again, against the same document
    // laid out with the cache emptied (what `render` does).
    for name in ["cong-van-du-thao.toml", "cong-van.toml"] {
        let text = std::fs::read_to_string(root.join("examples").join(name)).expect("example");
        let word = "Chính phủ";
        assert!(text.contains(word), "{name}");
        let path = root.join("examples").join(format!(".watch-{name}"));
        let mut again = Vec::new();
        let mut fresh = Vec::new();
        let mut pages = 0;
        let version = |i: usize| {
            text.replacen(
                word,
                if i.is_multiple_of(2) {
                    "Chính phủ Việt Nam"
                } else {
                    word
                },
                1,
            )
        };
        // Load, lay out and export the version `i` with `lay_out`.
        let mut run =
            |i: usize, lay_out: &dyn Fn(&vanban::render::Data) -> vanban::PagedDocument| {
                std::fs::write(&path, version(i)).expect("write the edited example");
                let start = Instant::now();
                let document = vanban::load::load_file(&path).expect("loads").van_ban;
                let laid_out = lay_out(&vanban::render::van_ban(&document));
                let kind = vanban::dien_tu::pdf_kind(&document, Default::default()).expect("kind");
                let date = match document.ngay {
                    vanban::model::NgayBanHanh::Day(d) => Some(d),
                    _ => None,
                };
                vanban::output::pdf::export_pdf(&laid_out, kind, date).expect("PDF");
                pages = laid_out.pages().len();
                start.elapsed()
            };
        let kept = |d: &vanban::render::Data| compiler.compile_again(d).expect("lays out");
        let emptied = |d: &vanban::render::Data| compiler.compile(d).expect("lays out");
        for i in 1..=20 {
            // Fresh: the previous version laid out by `render`, which empties
            // the cache after itself; then this version.
            run(i - 1, &emptied);
            fresh.push(run(i, &emptied));
            // Kept: the previous version laid out by the watcher; then this.
            run(i - 1, &kept);
            again.push(run(i, &kept));
        }
        std::fs::remove_file(&path).ok();
        println!(
            "watch {name}: {pages} pages, a one-word edit: {} ms median ({} ms min) with typst's work kept, {} ms laid out afresh (load + lay out + PDF, 20 edits)",
            ms(median(&mut again)),
            ms(min(&again)),
            ms(median(&mut fresh))
        );
    }
}

/// Word files against PDFs, one thread, from the data each back end reads
/// (`render::Data`) to bytes: every example, alternated, 20 runs each.
fn word(compiler: &vanban::Compiler, examples: &Path) {
    for name in ["cong-van.toml", "ke-hoach.toml", "quyet-dinh.toml"] {
        let document = vanban::load::load_file(&examples.join(name))
            .expect("example loads")
            .van_ban;
        let data = vanban::render::van_ban(&document);
        let (mut pdf, mut docx) = (Vec::new(), Vec::new());
        let mut sizes = (0, 0);
        for _ in 0..20 {
            let start = Instant::now();
            let laid_out = compiler.compile(&data).expect("lays out");
            sizes.0 = vanban::output::pdf::export_pdf(&laid_out, PdfKind::Archival, data.ngay_ban_hanh)
                .expect("PDF")
                .len();
            pdf.push(start.elapsed());
            let start = Instant::now();
            sizes.1 = vanban::docx::docx(&data).expect("docx").len();
            docx.push(start.elapsed());
        }
        println!(
            "{name}: PDF median {} ms ({} bytes), docx median {} ms ({} bytes) (20 runs, alternated)",
            ms(median(&mut pdf)),
            sizes.0,
            ms(median(&mut docx)),
            sizes.1
        );
    }
}

/// What PDF/A and the signature fields cost: one laid-out document
/// exported each way in turn (so the machine's drift hits all alike).
fn electronic(compiler: &vanban::Compiler, document: &vanban::model::VanBan) {
    let data = vanban::render::van_ban(document);
    let laid_out = compiler.compile(&data).expect("lays out");
    let date = data.ngay_ban_hanh;
    let ways: [(&str, &dyn Fn() -> Vec<u8>); 3] = [
        ("PDF 1.7", &|| {
            vanban::output::pdf::export_pdf(&laid_out, PdfKind::Plain, date).expect("PDF")
        }),
        ("PDF/A-2u", &|| {
            vanban::output::pdf::export_pdf(&laid_out, PdfKind::Archival, date).expect("PDF/A")
        }),
        ("PDF/A-2u + 3 signature fields", &|| {
            let pdf =
                vanban::output::pdf::export_pdf(&laid_out, PdfKind::Archival, date).expect("PDF/A");
            let fields = vanban::dien_tu::o_ky::vi_tri_o_ky(&laid_out, document).expect("fields");
            vanban::dien_tu::them_o_ky(&pdf, &fields).expect("fields added")
        }),
    ];
    let mut times = vec![Vec::new(); ways.len()];
    let mut bytes = vec![0; ways.len()];
    for _ in 0..50 {
        for (i, (_, export)) in ways.iter().enumerate() {
            let start = Instant::now();
            bytes[i] = export().len();
            times[i].push(start.elapsed());
        }
    }
    for (i, (name, _)) in ways.iter().enumerate() {
        println!(
            "export examples/cong-van.toml as {name}: median {} ms, {} bytes (50 runs, alternated)",
            ms(median(&mut times[i])),
            bytes[i]
        );
    }
}

fn long_plan(tasks: usize) -> String {
    const UNITS: [&str; 6] = [
        "so_tttt",
        "so_noi_vu",
        "so_tu_phap",
        "vp_ubnd",
        "cong_an",
        "so_tai_chinh",
    ];
    let mut toml = String::from(
        r#"loai = "ke_hoach"
danh_ba = "tay-ninh"
so = 15
ky_hieu = "KH-UBND"
dia_danh = "Tây Ninh"
ngay = 2024-05-31
trich_yeu = "Triển khai nhiệm vụ cải cách hành chính năm 2024"
noi_nhan = ["Sở, ban, ngành tỉnh", "Lưu: VT, KSTT"]
noi_dung = "Thực hiện Kế hoạch cải cách hành chính năm 2024, UBND tỉnh ban hành Kế hoạch như sau:"
ket_luan = "Trên đây là Kế hoạch triển khai nhiệm vụ cải cách hành chính năm 2024./."

[co_quan]
ten = ["ỦY BAN NHÂN DÂN", "TỈNH TÂY NINH"]
ten_goi = "UBND tỉnh"

[chu_ky]
chuc_vu = "CHỦ TỊCH"
ho_ten = "Nguyễn Văn A"

[[muc]]
tieu_de = "Nhiệm vụ cụ thể"
nhiem_vu = "tung_nhiem_vu"

[[muc]]
tieu_de = "Phân công theo đơn vị"
nhiem_vu = "theo_don_vi"

[[phu_luc]]
tieu_de = "Danh mục nhiệm vụ"
[phu_luc.nhiem_vu]
cot = ["stt", "noi_dung", "chu_tri", "phoi_hop", "thoi_han", "chi_tieu"]
"#,
    );
    for i in 0..tasks {
        toml.push_str(&format!(
            r#"
[[nhiem_vu]]
noi_dung = "Nhiệm vụ {n}: rà soát, đánh giá, công bố đầy đủ thủ tục hành chính thuộc thẩm quyền, cập nhật trên Cổng Dịch vụ công quốc gia."
chu_tri = "{chu_tri}"
phoi_hop = ["vp_ubnd", "các sở, ngành liên quan"]
thoi_han = "{thoi_han}"
chi_tieu = "Tối thiểu {pct}%"
"#,
            n = i + 1,
            chu_tri = UNITS[i % UNITS.len()],
            thoi_han = match i % 3 {
                0 => "trong 10 ngày làm việc kể từ ngày ký".to_string(),
                1 => format!("Tháng {}/2024", 6 + i % 7),
                _ => "Thường xuyên".to_string(),
            },
            pct = 50 + i % 50,
        ));
    }
    toml
}

/// Renders `path` `runs` times from TOML to PDF bytes: (pages, durations).
fn renders(compiler: &vanban::Compiler, path: &Path, runs: usize) -> (usize, Vec<Duration>) {
    let mut times = Vec::new();
    let mut pages = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let rendered = vanban::pipeline::pdf_file(compiler, path)
            .unwrap_or_else(|e| panic!("{} renders: {e}", path.display()));
        times.push(t.elapsed());
        pages = rendered.pages.unwrap_or(0);
    }
    (pages, times)
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn min(v: &[Duration]) -> Duration {
    *v.iter().min().expect("non-empty")
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

fn status_kib(key: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(key))
                .map(|l| l.to_string())
        })
        .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}

fn rss_kib() -> u64 {
    status_kib("VmRSS:")
}

fn peak_kib() -> u64 {
    status_kib("VmHWM:")
}
