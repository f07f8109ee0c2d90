//! `vanban check`: the review of documents, or of a batch template on every
//! unit's letter; fails on an error (under `--nghiem`, on a warning).

use std::path::{Path, PathBuf};

use vanban::Error;
use vanban::error::Severity;

use crate::args::Flags;

pub fn run(
    inputs: &[PathBuf],
    json: bool,
    data: Option<&Path>,
    cot_don_vi: Option<&str>,
    flags: &Flags,
) -> Result<(), Error> {
    let options = vanban::load::Options {
        reach: flags.reach,
        data_files: None,
    filled: false,
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
        say!("{:#}", vanban::kiem_tra::json(&all))?;
    } else {
        for d in &all {
            warn!("{d}\n");
        }
        let what = match units {
            Some(n) => format!("văn bản mẫu với {n} đơn vị"),
            None => format!("{} văn bản", inputs.len()),
        };
        warn!("Đã rà soát {what}: {errors} lỗi, {warnings} cảnh báo, {hints} gợi ý.");
    }
    if errors > 0 || (flags.strict && warnings > 0) {
        return Err(Error::Checked);
    }
    Ok(())
}
