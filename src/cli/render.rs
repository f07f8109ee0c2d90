//! `vanban render`: a document's files (PDF, Word…) through the pipeline.

use vanban::Error;
use vanban::pipeline::{Pipeline, Reuse};

use crate::args::{Flags, TaoPdf};

pub fn run(args: &TaoPdf, flags: &Flags) -> Result<(), Error> {
    let formats = args.formats()?;
    let document = crate::load(&args.input, flags)?;
    let compiler = match formats.iter().any(|f| f.laid_out()) {
        true => args.compiler()?,
        // A Word file alone needs no typst (nor the office's fonts).
        false => vanban::Compiler::new(),
    };
    let pipeline = Pipeline {
        compiler: &compiler,
        formats: &formats,
        ra_soat: !args.khong_ra_soat,
        strict: flags.strict,
        reuse: Reuse::Nothing,
        request: args.dien_tu.yeu_cau(),
        durable: true,
        beside: true,
    };
    let report = pipeline.run(&document, &args.output(formats[0]))?;
    for w in &report.warnings {
        warn!("{w}");
    }
    for w in &report.files {
        let kb = w.made.bytes.len().div_ceil(1024);
        match w.made.pages {
            Some(pages) => say!(
                "Đã tạo {} ({pages} trang, {kb} KB, phông {}).",
                w.path.display(),
                compiler.family()
            )?,
            None => say!(
                "Đã tạo {} ({kb} KB, {} để sửa trước khi ký).",
                w.path.display(),
                w.format.ten_goi()
            )?,
        }
    }
    Ok(())
}
