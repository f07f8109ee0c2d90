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
}

#[derive(Subcommand)]
enum Command {
    /// Tạo tệp PDF từ một tệp văn bản TOML
    #[command(help_template = HELP, override_usage = "vanban render [-o TỆP.pdf] [--font-dir THƯ_MỤC] <TỆP.toml>")]
    Render {
        /// Tệp văn bản TOML (ví dụ examples/cong-van.toml)
        #[arg(value_name = "TỆP.toml", help_heading = "Tham số")]
        input: PathBuf,
        /// Tệp PDF cần tạo (mặc định: cùng tên, cùng thư mục với tệp TOML)
        #[arg(short, long, value_name = "TỆP.pdf", help_heading = "Tùy chọn")]
        output: Option<PathBuf>,
        /// Thư mục chứa phông Times New Roman của cơ quan (4 kiểu: thường, đậm, nghiêng, đậm nghiêng)
        #[arg(long, value_name = "THƯ_MỤC", help_heading = "Tùy chọn")]
        font_dir: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    match cli.command {
        Command::Render {
            input,
            output,
            font_dir,
        } => match render(&input, output, font_dir.as_deref()) {
            Ok(message) => {
                println!("{message}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        },
    }
}

fn render(input: &Path, output: Option<PathBuf>, font_dir: Option<&Path>) -> Result<String, Error> {
    let compiler = match font_dir {
        Some(dir) => Compiler::with_font_dir(dir)?,
        None => Compiler::new(),
    };
    let rendered = vanban::render_file(&compiler, input)?;
    let output = output.unwrap_or_else(|| input.with_extension("pdf"));
    vanban::output::write_atomic(&output, &rendered.pdf)?;
    Ok(format!(
        "Đã tạo {} ({} trang, {} KB, phông {}).",
        output.display(),
        rendered.pages,
        rendered.pdf.len().div_ceil(1024),
        compiler.family()
    ))
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
        ErrorKind::ArgumentConflict => format!(
            "tùy chọn bị lặp hoặc xung đột: {}",
            context(ContextKind::InvalidArg)
        ),
        ErrorKind::InvalidValue | ErrorKind::NoEquals => {
            format!(
                "thiếu giá trị cho tùy chọn {}",
                context(ContextKind::InvalidArg)
            )
        }
        _ => format!("dòng lệnh không hợp lệ ({})", e.kind()),
    };
    eprintln!("lỗi: {message}\nxem hướng dẫn: vanban --help");
    ExitCode::from(2)
}
