//! Which decimal mark a table's figures are written with. Vietnamese
//! documents write "1.058" for one thousand and fifty-eight; a spreadsheet
//! exported with English settings writes "1,234.5". What the cells show
//! where they are certain decides for the cells that are not; the clerk can
//! say it (`dau_thap_phan`).

use crate::load::Loader;
use crate::so::{self, DauThapPhan};

/// A number cell's text and where it is ("ô D7", a TOML field).
pub(super) struct OSo {
    pub text: String,
    pub noi: String,
}

impl Loader<'_> {
    /// The mark to read the table's figures with: the clerk's, else the
    /// one its cells show (Vietnamese when they show none). `None` when
    /// they show both: an ambiguous figure is then refused.
    pub(super) fn dau_thap_phan(
        &mut self,
        chosen: Option<DauThapPhan>,
        cells: &[OSo],
        span: std::ops::Range<usize>,
        field: &str,
    ) -> Option<DauThapPhan> {
        if chosen.is_some() {
            return chosen;
        }
        let shown = |dau| cells.iter().find(|c| so::bang_chung(&c.text) == Some(dau));
        // A figure the two marks read differently ("1.058", "1,234").
        let read = |c: &OSo, dau| so::parse_voi(&c.text, Some(dau)).ok().map(|n| n.gia_tri);
        let ambiguous = cells
            .iter()
            .find(|c| read(c, DauThapPhan::Phay) != read(c, DauThapPhan::Cham));
        let said = |c: &OSo| format!("'{}' ({})", c.text, c.noi);
        match (
            shown(DauThapPhan::Phay),
            shown(DauThapPhan::Cham),
            ambiguous,
        ) {
            (None, Some(en), Some(a)) => {
                let value = so::parse_voi(&a.text, Some(DauThapPhan::Cham))
                    .map(|n| so::in_so(n.gia_tri, false))
                    .unwrap_or_default();
                self.warn(
                    span,
                    field,
                    format!(
                        "số liệu ghi dấu chấm thập phân kiểu tiếng Anh, như {}: {} được đọc là {value}",
                        said(en),
                        said(a)
                    ),
                    "nếu dấu chấm là dấu nghìn như văn bản tiếng Việt, ghi dau_thap_phan = \"phay\" cho bảng và sửa các ô kiểu tiếng Anh",
                );
                Some(DauThapPhan::Cham)
            }
            (Some(vi), Some(en), Some(a)) => {
                self.warn(
                    span,
                    field,
                    format!(
                        "số liệu ghi lẫn kiểu tiếng Việt ({}) và kiểu tiếng Anh ({}), nên không rõ {}",
                        said(vi),
                        said(en),
                        said(a)
                    ),
                    "ghi dau_thap_phan = \"phay\" (1.058 là một nghìn không trăm năm mươi tám) hoặc \"cham\" cho bảng",
                );
                None
            }
            (_, Some(_), None) => Some(DauThapPhan::Cham),
            _ => Some(DauThapPhan::Phay),
        }
    }
}
