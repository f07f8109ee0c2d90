//! `vanban batch`: one letter per unit of a data file, with a progress bar.

use std::io::IsTerminal;

use vanban::{Compiler, Error};

use crate::args::{Flags, TaoHangLoat};

pub fn run(args: TaoHangLoat, flags: &Flags) -> Result<(), Error> {
    // Batch names its files itself: `-o` is a folder, so `--dang` alone decides.
    let formats = args.dang.formats(None)?;
    let opts = vanban::hang_loat::TuyChon {
        mau: args.input,
        du_lieu: args.data,
        thu_muc: args.output,
        ten_tep: args
            .ten
            .unwrap_or_else(|| vanban::hang_loat::ten_tep::MAC_DINH.to_string()),
        cot_don_vi: args.cot_don_vi,
        gop: args.gop,
        luong: args.luong.unwrap_or(0),
        strict: flags.strict,
        reach: flags.reach,
        request: args.dien_tu.yeu_cau(),
        formats,
    };
    let compiler = match &args.font_dir {
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
        warn!("{w}");
    }
    let n = result.dong.len();
    let failed = result.so_loi();
    let secs = format!("{:.1}", start.elapsed().as_secs_f64()).replace('.', ",");
    for d in result.dong.iter().filter(|d| d.loi.is_some()) {
        warn!(
            "lỗi: {} ({}): {}",
            d.don_vi,
            d.noi,
            d.loi.as_deref().unwrap_or_default()
        );
    }
    say!(
        "Đã tạo {}/{n} văn bản trong {secs} giây, vào thư mục {} (danh sách: manifest.csv).",
        n - failed,
        opts.thu_muc.display()
    )?;
    if let Some((path, pages)) = &result.gop {
        say!("Tệp gộp để in: {} ({pages} trang).", path.display())?;
    }
    if failed > 0 {
        return Err(Error::Batch(failed));
    }
    Ok(())
}
