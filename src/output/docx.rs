//! The same document as an editable Word file (`crate::docx`), for review
//! before signing. What only a PDF carries is said, not dropped in silence.

use super::{Format, Job, Made};
use crate::dien_tu::YeuCau;
use crate::error::Result;
use crate::model::VanBan;

pub struct Docx;

impl Format for Docx {
    fn ten(&self) -> &'static str {
        "docx"
    }

    fn ten_goi(&self) -> &'static str {
        "tệp Word"
    }

    fn laid_out(&self) -> bool {
        false
    }

    fn leaves_out(&self, van_ban: &VanBan, request: YeuCau) -> Vec<&'static str> {
        [
            (request.o_ky || van_ban.dien_tu.o_ky, "ô ký số (--o-ky)"),
            (request.pdfa == Some(true), "PDF/A (--pdfa)"),
            (van_ban.chu_ky.anh.is_some(), "ảnh chữ ký (chu_ky.anh)"),
            (van_ban.co_quan.dau.is_some(), "ảnh dấu (co_quan.anh_dau)"),
        ]
        .into_iter()
        .filter_map(|(asked, what)| asked.then_some(what))
        .collect()
    }

    fn make(&self, job: &Job<'_>) -> Result<Made> {
        Ok(Made {
            bytes: crate::docx::docx(job.data)?,
            ..Made::default()
        })
    }
}
