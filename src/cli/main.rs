//! The `vanban` command: parses the arguments (`args`, clap's errors said
//! in Vietnamese by `usage`) and hands each command to its own file, which
//! calls the library.

/// A line to standard output; a closed pipe or a full disk is an error
/// said in Vietnamese, never a panic.
macro_rules! say {
    ($($t:tt)*) => {
        crate::out(&format!("{}\n", format_args!($($t)*)))
    };
}

/// A line to standard error; if even that cannot be written, nothing more
/// can be said, and the exit code tells.
macro_rules! warn {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($t)*);
    }};
}

mod args;
mod batch;
mod cap_so;
mod check;
mod init;
mod render;
mod schema;
mod serve;
mod tasks;
mod usage;
mod watch;

use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::Parser;
use vanban::Error;

use args::{Cli, Command, Flags};

/// Set by the first Ctrl-C (or SIGTERM, SIGHUP): a batch or a watch
/// finishes what is under way and stops by itself.
static DUNG: AtomicBool = AtomicBool::new(false);
/// Whether the running command stops by itself when [`DUNG`] is set.
static TU_DUNG: AtomicBool = AtomicBool::new(false);

/// A command that stops by itself is told so; any other (or a second
/// signal) stops at once, its temporary files removed: no half-written
/// file is left, nothing replaced.
fn on_signal() {
    if TU_DUNG.load(Ordering::SeqCst) && !DUNG.swap(true, Ordering::SeqCst) {
        return;
    }
    vanban::write::remove_temporaries();
    std::process::exit(130);
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage::usage_error(e),
    };
    if let Err(e) = ctrlc::set_handler(on_signal) {
        warn!("cảnh báo: không bắt được Ctrl-C ({e}); dừng giữa chừng có thể để lại tệp tạm");
    }
    let flags = Flags {
        strict: cli.nghiem,
        reach: if cli.cho_phep_ngoai {
            vanban::load::Reach::Anywhere
        } else {
            vanban::load::Reach::DocumentFolder
        },
    };
    let result = match cli.command {
        Command::Render(args) => render::run(&args, &flags),
        Command::Tasks { input, xuat } => tasks::run(&input, &xuat, &flags),
        Command::Init { loai, output } => init::run(&loai, output.as_deref()),
        Command::Check {
            input,
            json,
            data,
            cot_don_vi,
        } => check::run(&input, json, data.as_deref(), cot_don_vi.as_deref(), &flags),
        Command::Watch(args) => {
            TU_DUNG.store(true, Ordering::SeqCst);
            watch::run(&args, &flags, &DUNG)
        }
        Command::Schema { output } => schema::run(output.as_deref()),
        Command::Serve {
            thu_muc,
            cong,
            mo,
            dia_chi,
            mat_khau_tep,
        } => {
            if cli.nghiem || cli.cho_phep_ngoai {
                warn!(
                    "cảnh báo: vanban serve không dùng --nghiem, --cho-phep-ngoai: trang web rà soát như vanban check và chỉ đọc tệp trong thư mục đang mở"
                );
            }
            let opts = vanban::serve::TuyChon {
                thu_muc,
                cong,
                dia_chi,
                mat_khau_tep,
            };
            serve::run(opts, mo)
        }
        Command::CapSo {
            input,
            ngay,
            thu,
            so,
            nguoi_cap,
        } => cap_so::run(&input, ngay.as_deref(), thu, &so, nguoi_cap, &flags),
        // `--khoa-so` conflicts with the listing's options (clap says so).
        Command::SoVanBan {
            so,
            khoa_so: Some(nam),
            ..
        } => cap_so::khoa_so(nam, &so),
        Command::SoVanBan {
            nam,
            so,
            xuat,
            khoa_so: None,
        } => {
            if cli.nghiem || cli.cho_phep_ngoai {
                warn!("cảnh báo: vanban so-van-ban không dùng --nghiem, --cho-phep-ngoai: sổ chỉ đọc tệp sổ đăng ký");
            }
            cap_so::so_van_ban(nam, &so, &xuat)
        }
        Command::Batch(args) => {
            TU_DUNG.store(true, Ordering::SeqCst);
            batch::run(args, &flags, &DUNG)
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            warn!("{e}");
            match e {
                Error::Stopped { .. } => ExitCode::from(130),
                _ => ExitCode::FAILURE,
            }
        }
    }
}

/// Writes `text` to standard output at once.
fn out(text: &str) -> Result<(), Error> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(Error::Stdout)
}

/// Loads a document and prints its warnings (or, `strict`, refuses it).
fn load(input: &std::path::Path, flags: &Flags) -> Result<vanban::model::VanBan, Error> {
    let options = vanban::load::Options {
        reach: flags.reach,
        data_files: None,
    filled: false,
    };
    let (document, warnings) =
        vanban::load::load_file_with(input, &options)?.strict(flags.strict)?;
    for w in &warnings {
        warn!("{w}");
    }
    Ok(document)
}
