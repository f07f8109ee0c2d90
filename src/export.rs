//! `vanban tasks`: the task list with computed deadlines, for follow-up in
//! a spreadsheet (CSV, UTF-8 with BOM so Excel reads the diacritics) or as JSON.

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::lich::calendar;
use crate::model::plain_text;
use crate::model::{DonVi, NgayBanHanh, VanBan};
use crate::thoi_han;

#[derive(Debug, Serialize)]
pub struct TaskRow {
    pub stt: usize,
    pub nhiem_vu: String,
    pub chu_tri: Vec<DonViRow>,
    pub phoi_hop: Vec<DonViRow>,
    /// As written in the document.
    pub thoi_han: Option<String>,
    /// "ngay", "thang", "quy", "nam", "ngay_lam_viec", "thuong_xuyen", …
    pub loai_thoi_han: Option<&'static str>,
    /// ISO date (JSON); the CSV prints it as dd/mm/yyyy.
    pub han_chot: Option<NaiveDate>,
    pub don_vi_tinh: Option<String>,
    pub chi_tieu: Option<String>,
    pub can_cu: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct DonViRow {
    pub ma: Option<String>,
    pub ten: String,
}

pub fn rows(van_ban: &VanBan) -> Vec<TaskRow> {
    let issued = match van_ban.ngay {
        NgayBanHanh::Day(d) => Some(d),
        _ => None,
    };
    let units = |us: &[DonVi]| {
        us.iter()
            .map(|u| DonViRow {
                ma: u.ma.clone(),
                ten: u.ten.clone(),
            })
            .collect()
    };
    (1..)
        .zip(&van_ban.nhiem_vu)
        .map(|(stt, t)| TaskRow {
            stt,
            nhiem_vu: plain_text(&t.noi_dung),
            chu_tri: units(&t.chu_tri),
            phoi_hop: units(&t.phoi_hop),
            thoi_han: t.thoi_han.as_ref().map(|th| th.text.clone()),
            loai_thoi_han: t.thoi_han.as_ref().map(|th| th.kind.code()),
            han_chot: t
                .thoi_han
                .as_ref()
                .and_then(|th| thoi_han::due_date(th.kind, issued, calendar())),
            don_vi_tinh: t.don_vi_tinh.clone(),
            chi_tieu: t.chi_tieu.clone(),
            can_cu: t.can_cu.clone(),
        })
        .collect()
}

pub fn json(van_ban: &VanBan) -> Result<Vec<u8>> {
    let mut out = serde_json::to_vec_pretty(&rows(van_ban))
        .map_err(|e| Error::Template(vec![e.to_string()]))?;
    out.push(b'\n');
    Ok(out)
}

const CSV_HEADER: [&str; 10] = [
    "STT",
    "Nhiệm vụ",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Thời hạn",
    "Loại thời hạn",
    "Hạn chót",
    "Đơn vị tính",
    "Chỉ tiêu giao",
    "Căn cứ",
];

pub fn csv(van_ban: &VanBan) -> Result<Vec<u8>> {
    let names = |us: &[DonViRow]| {
        us.iter()
            .map(|u| u.ten.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    };
    let rows = rows(van_ban).into_iter().map(|r| {
        [
            r.stt.to_string(),
            r.nhiem_vu,
            names(&r.chu_tri),
            names(&r.phoi_hop),
            r.thoi_han.unwrap_or_default(),
            r.loai_thoi_han.unwrap_or_default().to_string(),
            r.han_chot.map(thoi_han::ngay_ngan).unwrap_or_default(),
            r.don_vi_tinh.unwrap_or_default(),
            r.chi_tieu.unwrap_or_default(),
            r.can_cu.unwrap_or_default(),
        ]
    });
    excel_csv(&CSV_HEADER, rows)
}

/// A CSV file as Excel opens it: UTF-8 with a byte-order mark, CRLF line
/// ends. A cell Excel would run as a formula (starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return) gets a leading apostrophe, as OWASP
/// advises against CSV injection: a task or a unit name from someone else's
/// file must not become a formula on the clerk's computer.
pub fn excel_csv<R>(header: &[&str], rows: impl IntoIterator<Item = R>) -> Result<Vec<u8>>
where
    R: IntoIterator<Item = String>,
{
    let bug = |e: csv::Error| Error::Template(vec![e.to_string()]);
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        w.write_record(header).map_err(bug)?;
        for row in rows {
            w.write_record(row.into_iter().map(defuse)).map_err(bug)?;
        }
        w.flush().map_err(|e| bug(e.into()))?;
    }
    Ok(out)
}

fn defuse(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_excel_would_run_are_defused() {
        let bytes = excel_csv(
            &["a", "b"],
            [
                vec!["=1+1".to_string(), "Sở Tư pháp".into()],
                vec!["@SUM(A1)".into(), "-2".into()],
            ],
        )
        .unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(text, "\u{feff}a,b\r\n'=1+1,Sở Tư pháp\r\n'@SUM(A1),'-2\r\n");
    }
}
