//! `vanban batch`: one letter per unit of a data file, with a progress bar.

use std::io::IsTerminal;
use std::sync::atomic::AtomicBool;

use vanban::{Compiler, Error};

use crate::args::{Flags, TaoHangLoat};

pub fn run(args: TaoHangLoat, flags: &Flags, stop: &AtomicBool) -> Result<(), Error> {
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
        xoa_cu: args.xoa_cu,
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
    let result = vanban::hang_loat::chay(
        &compiler,
        &opts,
        &|total| {
            bar.set_length(total as u64);
            bar.inc(1);
        },
        stop,
    );
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
        result.so_da_tao(),
        opts.thu_muc.display()
    )?;
    if let Some((path, pages)) = &result.gop {
        say!("Tệp gộp để in: {} ({pages} trang).", path.display())?;
    }
    let names = |paths: &[std::path::PathBuf]| {
        let shown: Vec<String> = paths
            .iter()
            .take(5)
            .map(|p| p.file_name().unwrap_or_default().to_string_lossy().into_owned())
            .collect();
        let more = paths.len().saturating_sub(5);
        match more {
            0 => shown.join(", "),
            _ => format!("{} và {more} tệp khác", shown.join(", ")),
        }
    };
    if !result.cu.da_xoa.is_empty() {
        say!(
            "Đã xóa {} tệp của lượt tạo trước mà lượt này không tạo lại: {}.",
            result.cu.da_xoa.len(),
            names(&result.cu.da_xoa)
        )?;
    }
    if !result.cu.con.is_empty() {
        warn!(
            "cảnh báo: thư mục {} còn {} tệp của lượt tạo trước mà lượt này không tạo lại: {}\n  gợi ý: kiểm tra rồi xóa, hoặc chạy lại với --xoa-cu để vanban xóa các tệp chưa bị sửa",
            opts.thu_muc.display(),
            result.cu.con.len(),
            names(&result.cu.con)
        );
    }
    if result.dung {
        return Err(Error::Stopped {
            made: result.so_da_tao(),
            total: n,
        });
    }
    if failed > 0 {
        return Err(Error::Batch(failed));
    }
    Ok(())
}
