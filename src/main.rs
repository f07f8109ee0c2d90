//! The `vanban` command: parses arguments and calls the library.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::error::{ContextKind, ErrorKind};
use clap::{Parser, Subcommand};
use vanban::{Compiler, Error};

const HELP: &str = "\
{about}

Cách dùng: {usage}

{all-args}
";

#[derive(Parser)]
#[command(
    name = "vanban",
    version,
    about = "Soạn văn bản hành chính đúng thể thức Nghị định 30/2020/NĐ-CP: từ tệp TOML ra PDF.",
    help_template = HELP,
    subcommand_help_heading = "Lệnh",
    subcommand_value_name = "LỆNH",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// In hướng dẫn này
    #[arg(short = 'h', long = "help", action = clap::ArgAction::Help, global = true, help_heading = "Tùy chọn")]
    help: (),
    /// In số phiên bản
    #[arg(short = 'V', long = "version", action = clap::ArgAction::Version, help_heading = "Tùy chọn")]
    version: (),
    /// Coi cảnh báo là lỗi: có cảnh báo thì không tạo tệp nào (dùng trước khi trình ký)
    #[arg(long, global = true, help_heading = "Tùy chọn")]
    nghiem: bool,
    /// Cho phép văn bản đọc tệp số liệu, danh bạ nằm ngoài thư mục của nó (mặc định: chỉ thư mục chứa văn bản và thư mục con)
    #[arg(long, global = true, help_heading = "Tùy chọn")]
    cho_phep_ngoai: bool,
}

/// The global options that decide how a document is read.
struct Flags {
    strict: bool,
    reach: vanban::load::Reach,
}

/// What `render` and `watch` take: a document and where its PDF goes.
#[derive(clap::Args)]
struct TaoPdf {
    /// Tệp văn bản TOML (ví dụ examples/cong-van.toml)
    #[arg(value_name = "TỆP.toml", help_heading = "Tham số")]
    input: PathBuf,
    /// Tệp PDF cần tạo (mặc định: cùng tên, cùng thư mục với tệp TOML)
    #[arg(short, long, value_name = "TỆP.pdf", help_heading = "Tùy chọn")]
    output: Option<PathBuf>,
    /// Thư mục chứa phông Times New Roman của cơ quan (4 kiểu: thường, đậm, nghiêng, đậm nghiêng)
    #[arg(long, value_name = "THƯ_MỤC", help_heading = "Tùy chọn")]
    font_dir: Option<PathBuf>,
    /// Không rà soát trước khi tạo (mặc định: lỗi rà soát như thiếu "Như trên" thì không tạo PDF)
    #[arg(long, help_heading = "Tùy chọn")]
    khong_ra_soat: bool,
    #[command(flatten)]
    dang: DangArgs,
    #[command(flatten)]
    dien_tu: DienTuArgs,
}

/// `--dang` (`render`, `watch`, `batch`).
#[derive(clap::Args)]
struct DangArgs {
    /// Tạo pdf (mặc định; render: theo đuôi tệp -o), docx (tệp Word để sửa trước khi ký) hoặc ca-hai
    #[arg(
        long,
        value_enum,
        value_name = "ĐỊNH_DẠNG",
        hide_possible_values = true,
        help_heading = "Tùy chọn"
    )]
    dang: Option<DangArg>,
}

/// `--dang`: which files a document becomes.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum DangArg {
    Pdf,
    Docx,
    CaHai,
}

impl From<DangArg> for vanban::Dang {
    fn from(d: DangArg) -> Self {
        match d {
            DangArg::Pdf => vanban::Dang::Pdf,
            DangArg::Docx => vanban::Dang::Docx,
            DangArg::CaHai => vanban::Dang::CaHai,
        }
    }
}

/// PDF/A and signature fields (`render`, `watch`, `batch`).
#[derive(clap::Args)]
struct DienTuArgs {
    /// Bắt buộc tạo PDF/A-2u để lưu trữ (mặc định: PDF/A khi văn bản có ngày ban hành đầy đủ)
    #[arg(long, conflicts_with = "khong_pdfa", help_heading = "Văn bản điện tử")]
    pdfa: bool,
    /// Tạo PDF thường, không phải PDF/A
    #[arg(long, help_heading = "Văn bản điện tử")]
    khong_pdfa: bool,
    /// Thêm ô ký số trống (người ký, dấu cơ quan, góc phải trang đầu mỗi phụ lục) và tệp TỆP.o-ky.json ghi tọa độ
    #[arg(long, help_heading = "Văn bản điện tử")]
    o_ky: bool,
}

impl DienTuArgs {
    fn yeu_cau(&self) -> vanban::dien_tu::YeuCau {
        vanban::dien_tu::YeuCau {
            pdfa: match (self.pdfa, self.khong_pdfa) {
                (true, _) => Some(true),
                (_, true) => Some(false),
                _ => None,
            },
            o_ky: self.o_ky,
        }
    }
}

impl TaoPdf {
    fn compiler(&self) -> Result<Compiler, Error> {
        match &self.font_dir {
            Some(dir) => Compiler::with_font_dir(dir),
            None => Ok(Compiler::new()),
        }
    }

    fn output(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.input.with_extension("pdf"))
    }

    /// `--dang`, or the output's extension: `-o x.docx` makes a Word file.
    fn dang(&self) -> Result<vanban::Dang, Error> {
        let docx_out = self
            .output
            .as_ref()
            .and_then(|o| o.extension())
            .is_some_and(|e| e.eq_ignore_ascii_case("docx"));
        match (self.dang.dang.map(vanban::Dang::from), docx_out) {
            (None, true) => Ok(vanban::Dang::Docx),
            (None, false) => Ok(vanban::Dang::Pdf),
            (Some(vanban::Dang::Docx), _) => Ok(vanban::Dang::Docx),
            (Some(d), false) => Ok(d),
            (Some(_), true) => Err(Error::Refused {
                message: "tệp ra là tệp Word (.docx) nhưng --dang đòi tạo PDF".into(),
                hint: "bỏ --dang, hoặc đặt tên tệp ra .pdf (với --dang ca-hai, tệp .docx ghi cạnh tệp PDF)"
                    .into(),
            }),
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Tạo tệp PDF từ một tệp văn bản TOML
    #[command(help_template = HELP, override_usage = "vanban render [-o TỆP.pdf] [--font-dir THƯ_MỤC] <TỆP.toml>")]
    Render(TaoPdf),
    /// Tạo hàng loạt: mỗi đơn vị trong tệp số liệu một văn bản PDF riêng
    #[command(help_template = HELP, override_usage = "vanban batch <TỆP_MẪU.toml> --data <TỆP_SỐ_LIỆU> -o <THƯ_MỤC> [--ten MẪU_TÊN] [--gop TỆP.pdf]")]
    Batch {
        /// Văn bản mẫu TOML; các trường có thể dùng biểu thức {{ don_vi.ten }}, {{ row.ten_cot | so }}, {% if … %}…{% endif %}
        #[arg(value_name = "TỆP_MẪU.toml", help_heading = "Tham số")]
        input: PathBuf,
        /// Tệp số liệu, mỗi dòng một đơn vị nhận: .csv, .xlsx hoặc .toml ([[don_vi]])
        #[arg(long = "data", value_name = "TỆP_SỐ_LIỆU", help_heading = "Tùy chọn")]
        data: PathBuf,
        /// Thư mục ghi các tệp PDF và manifest.csv, manifest.json
        #[arg(short, long, value_name = "THƯ_MỤC", help_heading = "Tùy chọn")]
        output: PathBuf,
        /// Mẫu tên tệp; giá trị thay vào được viết không dấu (mặc định: "{{ so }}-{{ don_vi.ten }}.pdf")
        #[arg(long, value_name = "MẪU_TÊN", help_heading = "Tùy chọn")]
        ten: Option<String>,
        /// Ghi thêm một tệp PDF gộp tất cả văn bản để in
        #[arg(long, value_name = "TỆP.pdf", help_heading = "Tùy chọn")]
        gop: Option<PathBuf>,
        /// Cột ghi đơn vị nhận (tiêu đề hoặc chữ cột), khi tiêu đề không phải "Đơn vị" hay "ma"
        #[arg(long, value_name = "CỘT", help_heading = "Tùy chọn")]
        cot_don_vi: Option<String>,
        /// Số văn bản dàn trang cùng lúc (mặc định: số nhân CPU)
        #[arg(long, value_name = "SỐ", help_heading = "Tùy chọn")]
        luong: Option<usize>,
        /// Thư mục chứa phông Times New Roman của cơ quan
        #[arg(long, value_name = "THƯ_MỤC", help_heading = "Tùy chọn")]
        font_dir: Option<PathBuf>,
        #[command(flatten)]
        dang: DangArgs,
        #[command(flatten)]
        dien_tu: DienTuArgs,
    },
    /// Tạo tệp khởi đầu có chú thích cho một loại văn bản (hoặc văn bản mẫu tạo hàng loạt)
    #[command(help_template = HELP, override_usage = "vanban init <LOẠI> [TỆP.toml]")]
    Init {
        /// Loại văn bản: cong_van, ke_hoach, thong_bao, bao_cao, to_trinh, quyet_dinh… hoặc hang_loat (văn bản mẫu kèm tệp số liệu)
        #[arg(value_name = "LOẠI", help_heading = "Tham số")]
        loai: String,
        /// Tệp cần tạo (mặc định: tên loại, ví dụ ke-hoach.toml); không ghi đè tệp có sẵn
        #[arg(value_name = "TỆP.toml", help_heading = "Tham số")]
        output: Option<PathBuf>,
    },
    /// Ghi lược đồ JSON (JSON Schema) của tệp văn bản, để trình soạn thảo gợi ý khóa và báo lỗi khi gõ
    #[command(help_template = HELP, override_usage = "vanban schema [-o TỆP.json]")]
    Schema {
        /// Ghi ra tệp thay vì in ra màn hình
        #[arg(short, long, value_name = "TỆP.json", help_heading = "Tùy chọn")]
        output: Option<PathBuf>,
    },
    /// Xuất danh sách nhiệm vụ (đơn vị, thời hạn đã tính) ra CSV hoặc JSON để theo dõi
    #[command(help_template = HELP, override_usage = "vanban tasks [--format csv|json] [-o TỆP] <TỆP.toml>")]
    Tasks {
        /// Tệp văn bản TOML có các nhiệm vụ [[nhiem_vu]]
        #[arg(value_name = "TỆP.toml", help_heading = "Tham số")]
        input: PathBuf,
        /// Định dạng: csv (mở bằng Excel, mặc định) hoặc json
        #[arg(
            long,
            value_enum,
            default_value = "csv",
            hide_default_value = true,
            hide_possible_values = true,
            value_name = "ĐỊNH_DẠNG",
            help_heading = "Tùy chọn"
        )]
        format: Format,
        /// Ghi ra tệp thay vì in ra màn hình
        #[arg(short, long, value_name = "TỆP", help_heading = "Tùy chọn")]
        output: Option<PathBuf>,
    },
    /// Theo dõi tệp văn bản: mỗi lần lưu (cả tệp số liệu) là tạo lại PDF, như xem trước khi in
    #[command(help_template = HELP, override_usage = "vanban watch [-o TỆP.pdf] <TỆP.toml>")]
    Watch(TaoPdf),
    /// Rà soát văn bản trước khi trình ký: Nơi nhận, chữ ký, đánh số, ngày, thời hạn, chữ viết tắt…
    #[command(help_template = HELP, override_usage = "vanban check [--json] <TỆP.toml>…\n       vanban check [--json] <TỆP_MẪU.toml> --data <TỆP_SỐ_LIỆU>")]
    Check {
        /// Các tệp văn bản TOML cần rà soát
        #[arg(value_name = "TỆP.toml", required = true, help_heading = "Tham số")]
        input: Vec<PathBuf>,
        /// In kết quả dạng JSON (cho trình soạn thảo, CI)
        #[arg(long, help_heading = "Tùy chọn")]
        json: bool,
        /// Rà soát văn bản mẫu tạo hàng loạt: văn bản của từng đơn vị trong tệp số liệu này
        #[arg(long = "data", value_name = "TỆP_SỐ_LIỆU", help_heading = "Tùy chọn")]
        data: Option<PathBuf>,
        /// Cột ghi đơn vị nhận (cùng --data), khi tiêu đề không phải "Đơn vị" hay "ma"
        #[arg(long, value_name = "CỘT", requires = "data", help_heading = "Tùy chọn")]
        cot_don_vi: Option<String>,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Csv,
    Json,
}

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
            dien_tu: if dang.pdf() {
                Default::default()
            } else {
                options.dien_tu
            },
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

/// clap's own messages are English; say the common ones in Vietnamese.
fn usage_error(e: clap::Error) -> ExitCode {
    let context = |kind| e.get(kind).map(|v| v.to_string()).unwrap_or_default();
    let message = match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
        ErrorKind::UnknownArgument => format!(
            "tùy chọn không hợp lệ: {}",
            context(ContextKind::InvalidArg)
        ),
        ErrorKind::InvalidSubcommand => format!(
            "lệnh không hợp lệ: {}",
            context(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::MissingRequiredArgument => {
            format!("thiếu tham số: {}", context(ContextKind::InvalidArg))
        }
        ErrorKind::MissingSubcommand => {
            "thiếu lệnh (ví dụ: vanban render cong-van.toml)".to_string()
        }
        ErrorKind::ArgumentConflict => match context(ContextKind::PriorArg) {
            prior if prior.is_empty() || prior == context(ContextKind::InvalidArg) => {
                format!("tùy chọn bị lặp: {}", context(ContextKind::InvalidArg))
            }
            prior => format!(
                "không dùng {} cùng với {prior}",
                context(ContextKind::InvalidArg)
            ),
        },
        ErrorKind::InvalidValue if !context(ContextKind::InvalidValue).is_empty() => format!(
            "giá trị \"{}\" không hợp lệ cho {} (chọn: {})",
            context(ContextKind::InvalidValue),
            context(ContextKind::InvalidArg),
            context(ContextKind::ValidValue)
        ),
        ErrorKind::InvalidValue | ErrorKind::NoEquals => {
            format!(
                "thiếu giá trị cho tùy chọn {}",
                context(ContextKind::InvalidArg)
            )
        }
        // Only numeric options (--luong) validate their values.
        ErrorKind::ValueValidation => format!(
            "giá trị \"{}\" không hợp lệ cho {}: cần một số nguyên dương",
            context(ContextKind::InvalidValue),
            context(ContextKind::InvalidArg)
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("thừa tham số: {}", context(ContextKind::InvalidArg))
        }
        _ => "dòng lệnh không hợp lệ".to_string(),
    };
    eprintln!("lỗi: {message}\nxem hướng dẫn: vanban --help");
    ExitCode::from(2)
}
