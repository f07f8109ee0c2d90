//! `vanban watch`: the PDF made again on every save, until Ctrl-C.

use std::sync::atomic::AtomicBool;

use vanban::Error;
use vanban::output::Format;
use vanban::watch::SuKien;

use crate::args::{Flags, TaoPdf};

pub fn run(args: &TaoPdf, flags: &Flags, stop: &AtomicBool) -> Result<(), Error> {
    let formats = args.formats()?;
    if formats.len() != 1 || formats[0].ten() != vanban::output::PDF.ten() {
        return Err(Error::Refused {
            message: "vanban watch chỉ tạo lại tệp PDF".into(),
            hint: "tạo tệp Word bằng vanban render TỆP.toml --dang docx".into(),
        });
    }
    let compiler = args.compiler()?;
    let ra = args.output(formats[0]);
    let opts = vanban::watch::TuyChon {
        vao: args.input.clone(),
        ra: ra.clone(),
        load: vanban::load::Options {
            reach: flags.reach,
            data_files: None,
        filled: false,
        },
        strict: flags.strict,
        ra_soat: !args.khong_ra_soat,
        request: args.dien_tu.yeu_cau(),
    };
    say!(
        "Đang theo dõi {} và các tệp số liệu của nó; lưu tệp là {} được tạo lại. Ctrl-C để dừng.",
        args.input.display(),
        ra.display()
    )?;
    let clock = || chrono::Local::now().format("%H:%M:%S");
    // Standard output closed (the terminal or pipe gone): nothing can be
    // said any more, so the watch stops and says why where it still can.
    let mut closed = None;
    let mut said = |line: Result<(), Error>| {
        if let Err(e) = line {
            stop.store(true, std::sync::atomic::Ordering::Relaxed);
            closed.get_or_insert(e);
        }
    };
    vanban::watch::chay(&compiler, &opts, stop, &mut |event| match event {
        SuKien::DaTao {
            so_trang,
            thoi_gian,
            canh_bao,
        } => {
            for w in &canh_bao {
                warn!("{w}");
            }
            said(say!(
                "{} Đã tạo {} ({so_trang} trang) trong {} ms.",
                clock(),
                ra.display(),
                thoi_gian.as_millis()
            ));
        }
        SuKien::Loi(e) => {
            warn!("{e}");
            said(say!(
                "{} Có lỗi (ở trên); vẫn giữ bản PDF trước. Sửa rồi lưu lại.",
                clock()
            ));
        }
    });
    if let Some(e) = closed {
        return Err(e);
    }
    say!("Đã dừng theo dõi.")?;
    Ok(())
}
