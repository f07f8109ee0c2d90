//! The `vanban` command: parses arguments (`args`) and calls the library;
//! clap's errors are said in Vietnamese (`usage`).

mod args;
mod usage;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use vanban::{Compiler, Error};

use args::{Cli, Command, Flags, Format, TaoPdf};
use usage::usage_error;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    let flags = Flags {
        strict: cli.nghiem,
        reach: if cli.cho_phep_ngoai {
            vanban::load::Reach::Anywhere
        } else {
            vanban::load::Reach::DocumentFolder
        },
    };
    let result = match cli.command {
        Command::Render(args) => render(&args, &flags).map(|message| println!("{message}")),
        Command::Tasks {
            input,
            format,
            output,
        } => tasks(&input, format, output.as_deref(), &flags),
        Command::Init { loai, output } => init(&loai, output.as_deref()),
        Command::Check {
            input,
            json,
            data,
            cot_don_vi,
        } => check(&input, json, data.as_deref(), cot_don_vi.as_deref(), &flags),
        Command::Watch(args) => watch(&args, &flags),
        Command::Schema { output } => schema(output.as_deref()),
        Command::Batch {
            input,
            data,
            output,
            ten,
            gop,
            cot_don_vi,
            luong,
            font_dir,
            dang,
            dien_tu,
        } => batch(
            vanban::hang_loat::TuyChon {
                mau: input,
                du_lieu: data,
                thu_muc: output,
                ten_tep: ten.unwrap_or_else(|| vanban::hang_loat::ten_tep::MAC_DINH.to_string()),
                cot_don_vi,
                gop,
                luong: luong.unwrap_or(0),
                nghiem: flags.strict,
                reach: flags.reach,
                dien_tu: dien_tu.yeu_cau(),
                dang: dang.dang.map_or(vanban::Dang::Pdf, Into::into),
            },
            font_dir.as_deref(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// Loads a document and prints its warnings (or, `strict`, refuses it).
fn load(input: &Path, flags: &Flags) -> Result<vanban::model::VanBan, Error> {
    let options = vanban::load::Options {
        reach: flags.reach,
        data_files: None,
    };
    let (document, warnings) =
        vanban::load::load_file_with(input, &options)?.strict(flags.strict)?;
    for w in &warnings {
        eprintln!("{w}");
    }
    Ok(document)
}

fn tasks(input: &Path, format: Format, output: Option<&Path>, flags: &Flags) -> Result<(), Error> {
    let document = load(input, flags)?;
    if let Some(output) = output {
        let read: Vec<&Path> = std::iter::once(input)
            .chain(document.tep_so_lieu())
            .collect();
        vanban::output::refuse_overwriting(output, &read)?;
    }
    let bytes = match format {
        Format::Csv => vanban::export::csv(&document)?,
        Format::Json => vanban::export::json(&document)?,
    };
    match output {
        Some(path) => {
            vanban::output::write_atomic(path, &bytes)?;
            eprintln!(
                "Đã ghi {} nhiệm vụ vào {}.",
                document.nhiem_vu.len(),
                path.display()
            );
        }
        None => {
            use std::io::Write;
            std::io::stdout()
                .write_all(&bytes)
                .map_err(|e| Error::io(Path::new("<stdout>"), "ghi", e))?;
        }
    }
    Ok(())
}

/// Renders on every save until Ctrl-C.
fn watch(args: &TaoPdf, flags: &Flags) -> Result<(), Error> {
    use vanban::watch::SuKien;
    if args.dang()? != vanban::Dang::Pdf {
        return Err(Error::Refused {
            message: "vanban watch chỉ tạo lại tệp PDF".into(),
            hint: "tạo tệp Word bằng vanban render TỆP.toml --dang docx".into(),
        });
    }
    let compiler = args.compiler()?;
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flag = stop.clone();
    ctrlc::set_handler(move || flag.store(true, std::sync::atomic::Ordering::Relaxed)).map_err(
        |e| Error::Refused {
            message: format!("không bắt được Ctrl-C ({e})"),
            hint: "chạy lại lệnh".into(),
        },
    )?;
    let ra = args.output();
    let opts = vanban::watch::TuyChon {
        vao: args.input.clone(),
        ra: ra.clone(),
        load: vanban::load::Options {
            reach: flags.reach,
            data_files: None,
        },
        nghiem: flags.strict,
        ra_soat: !args.khong_ra_soat,
        dien_tu: args.dien_tu.yeu_cau(),
    };
    println!(
        "Đang theo dõi {} và các tệp số liệu của nó; lưu tệp là {} được tạo lại. Ctrl-C để dừng.",
        args.input.display(),
        ra.display()
    );
    let clock = || chrono::Local::now().format("%H:%M:%S");
    vanban::watch::chay(&compiler, &opts, &stop, &mut |event| match event {
        SuKien::DaTao {
            so_trang,
            thoi_gian,
            canh_bao,
        } => {
            for w in &canh_bao {
                eprintln!("{w}");
            }
            println!(
                "{} Đã tạo {} ({so_trang} trang) trong {} ms.",
                clock(),
                ra.display(),
                thoi_gian.as_millis()
            );
        }
        SuKien::Loi(e) => {
            eprintln!("{e}");
            println!(
                "{} Có lỗi (ở trên); vẫn giữ bản PDF trước. Sửa rồi lưu lại.",
                clock()
            );
        }
    });
    println!("Đã dừng theo dõi.");
    Ok(())
}

/// Reviews each document; fails when any has an error (or, under
/// `--nghiem`, a warning).
fn check(
    inputs: &[PathBuf],
    json: bool,
    data: Option<&Path>,
    cot_don_vi: Option<&str>,
    flags: &Flags,
) -> Result<(), Error> {
    use vanban::error::Severity;
    let options = vanban::load::Options {
        reach: flags.reach,
        data_files: None,
    };
    let mut units = None;
    let all: Vec<vanban::Diagnostic> = match (data, inputs) {
        (Some(data), [mau]) => {
            match vanban::hang_loat::ra_soat::ra_soat(mau, data, cot_don_vi, flags.reach) {
                Ok((diags, n)) => {
                    units = Some(n);
                    diags
                }
                Err(Error::Input(diags)) => diags,
                Err(e) => return Err(e),
            }
        }
        (Some(_), _) => {
            return Err(Error::Refused {
                message: "--data đi với đúng một văn bản mẫu".into(),
                hint: "vanban check mau.toml --data don-vi.csv".into(),
            });
        }
        (None, _) => inputs
            .iter()
            .flat_map(|input| vanban::kiem_tra::kiem_tra_tep(input, &options))
            .collect(),
    };
    let count = |s: Severity| all.iter().filter(|d| d.severity == s).count();
    let (errors, warnings, hints) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Suggestion),
    );
    if json {
        println!("{:#}", vanban::kiem_tra::json(&all));
    } else {
        for d in &all {
            eprintln!("{d}\n");
        }
        let what = match units {
            Some(n) => format!("văn bản mẫu với {n} đơn vị"),
            None => format!("{} văn bản", inputs.len()),
        };
        eprintln!("Đã rà soát {what}: {errors} lỗi, {warnings} cảnh báo, {hints} gợi ý.");
    }
    if errors > 0 || (flags.strict && warnings > 0) {
        return Err(Error::Checked);
    }
    Ok(())
}

fn init(loai: &str, output: Option<&Path>) -> Result<(), Error> {
    let starter = vanban::starter::starter(loai, output)?;
    vanban::starter::write(&starter)?;
    let names: Vec<String> = starter
        .files
        .iter()
        .map(|(p, _)| p.display().to_string())
        .collect();
    println!("Đã tạo {}.", names.join(", "));
    let first = &names[0];
    if starter.files.len() > 1 && names[1].ends_with(".csv") {
        println!(
            "Sửa văn bản mẫu và số liệu rồi chạy: vanban batch {first} --data {} -o ket-qua",
            names[1]
        );
    } else {
        println!("Sửa nội dung rồi chạy: vanban render {first}");
    }
    Ok(())
}

fn schema(output: Option<&Path>) -> Result<(), Error> {
    let json = vanban::spec::json_schema_text();
    match output {
        Some(path) => {
            vanban::output::write_atomic(path, json.as_bytes())?;
            eprintln!("Đã ghi lược đồ vào {}.", path.display());
        }
        None => print!("{json}"),
    }
    Ok(())
}

fn batch(opts: vanban::hang_loat::TuyChon, font_dir: Option<&Path>) -> Result<(), Error> {
    use std::io::IsTerminal;
    let compiler = match font_dir {
        Some(dir) => Compiler::with_font_dir(dir)?,
        None => Compiler::new(),
    };
    let start = std::time::Instant::now();
    let bar = indicatif::ProgressBar::hidden();
    if std::io::stderr().is_terminal() {
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} văn bản ({eta} còn lại)")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
    }
    let result = vanban::hang_loat::chay(&compiler, &opts, &|total| {
        bar.set_length(total as u64);
        bar.inc(1);
    });
    bar.finish_and_clear();
    let result = result?;
    for w in &result.canh_bao {
        eprintln!("{w}");
    }
    let n = result.dong.len();
    let failed = result.so_loi();
    let secs = format!("{:.1}", start.elapsed().as_secs_f64()).replace('.', ",");
    for d in result.dong.iter().filter(|d| d.loi.is_some()) {
        eprintln!(
            "lỗi: {} ({}): {}",
            d.don_vi,
            d.noi,
            d.loi.as_deref().unwrap_or_default()
        );
    }
    println!(
        "Đã tạo {}/{n} văn bản trong {secs} giây, vào thư mục {} (danh sách: manifest.csv).",
        n - failed,
        opts.thu_muc.display()
    );
    if let Some((path, pages)) = &result.gop {
        println!("Tệp gộp để in: {} ({pages} trang).", path.display());
    }
    if failed > 0 {
        return Err(Error::Batch(failed));
    }
    Ok(())
}

fn render(args: &TaoPdf, flags: &Flags) -> Result<String, Error> {
    let dang = args.dang()?;
    let document = load(&args.input, flags)?;
    let options = vanban::RenderOptions {
        review: !args.khong_ra_soat,
        strict: flags.strict,
        keep: false,
        dien_tu: args.dien_tu.yeu_cau(),
        dang,
    };
    let mut said = Vec::new();
    if dang.pdf() {
        let compiler = args.compiler()?;
        let output = args.output();
        let (rendered, warnings) =
            vanban::render_to(&compiler, &document, &args.input, &output, options)?;
        for w in &warnings {
            eprintln!("{w}");
        }
        said.push(format!(
            "Đã tạo {} ({} trang, {} KB, phông {}).",
            output.display(),
            rendered.pages,
            rendered.pdf.len().div_ceil(1024),
            compiler.family()
        ));
    }
    if dang.docx() {
        let output = match dang {
            vanban::Dang::CaHai => args.output().with_extension("docx"),
            _ => args
                .output
                .clone()
                .unwrap_or_else(|| args.input.with_extension("docx")),
        };
        // Reviewed once, before the PDF, when both are made.
        let options = vanban::RenderOptions {
            review: options.review && !dang.pdf(),
            ..options
        };
        let (bytes, warnings) = vanban::render_docx_to(&document, &args.input, &output, options)?;
        for w in &warnings {
            eprintln!("{w}");
        }
        said.push(format!(
            "Đã tạo {} ({} KB, tệp Word để sửa trước khi ký).",
            output.display(),
            bytes.div_ceil(1024)
        ));
    }
    Ok(said.join("\n"))
}
