//! clap's own messages, said in Vietnamese.

use std::process::ExitCode;

use clap::error::{ContextKind, ErrorKind};

/// clap's own messages are English; say the common ones in Vietnamese.
pub fn usage_error(e: clap::Error) -> ExitCode {
    let context = |kind| e.get(kind).map(|v| v.to_string()).unwrap_or_default();
    let message = match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            // Help goes to standard output; a closed pipe is no reason to panic.
            if let Err(why) = e.print() {
                warn!("{}", vanban::Error::Stdout(why));
                return ExitCode::FAILURE;
            }
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
    warn!("lỗi: {message}\nxem hướng dẫn: vanban --help");
    ExitCode::from(2)
}
