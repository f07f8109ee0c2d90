//! The README's key tables, generated so they never drift from the loader.
//! Each sits between `<!-- khoa: NAME -->` and `<!-- /khoa -->` in the README;
//! `tests/spec.rs` checks them and rewrites them with `VANBAN_CAP_NHAT=1`.

use super::{Need, Table};
use crate::model::{Code, MucDo, QuyTac};

/// (marker name, table) for every table the README documents, in order.
pub fn readme_sections() -> Vec<(&'static str, &'static Table)> {
    vec![
        ("van_ban", &super::ROOT),
        ("co_quan", &super::CO_QUAN),
        ("chu_ky", &super::CHU_KY),
        ("lien_he", &super::LIEN_HE),
        ("don_vi", &super::DON_VI),
        ("muc", &super::MUC),
        ("nhiem_vu", &super::NHIEM_VU),
        ("phu_luc", &super::PHU_LUC),
        ("van_ban_kem_theo", &super::VAN_BAN_KEM_THEO),
        ("chuong", &super::CHUONG),
        ("muc_chuong", &super::MUC_CHUONG),
        ("dieu", &super::DIEU),
        ("phu_luc.nhiem_vu", &super::BANG_NHIEM_VU),
        ("phu_luc.bang", &super::BANG),
        ("cot", &super::COT),
        ("tinh", &super::TINH),
        ("mau", &super::MAU),
        ("kiem_tra", &super::KIEM_TRA),
        ("dien_tu", &super::DIEN_TU),
    ]
}

/// One table as Markdown: key, required, meaning (with the default).
pub fn readme_table(t: &Table) -> String {
    let mut out = String::from("| Khóa | Bắt buộc | Ý nghĩa |\n|---|---|---|\n");
    for k in t.keys {
        let need = match k.need {
            Need::Yes => "có".to_string(),
            Need::No => "không".to_string(),
            Need::When(when) => when.to_string(),
        };
        let mut about = k.about.to_string();
        if let Some(d) = k.default {
            about.push_str(&format!(". Mặc định: {d}"));
        }
        out.push_str(&format!(
            "| `{}` | {need} | {} |\n",
            k.name,
            about.replace('|', "\\|")
        ));
    }
    out
}

/// The review rules of `vanban check` as Markdown, from [`QuyTac`]: code,
/// level, what the rule asks, a wrong and a right example. In the README
/// between `<!-- quy-tac -->` and `<!-- /quy-tac -->`.
pub fn readme_rules() -> String {
    let mut out = String::from("| Mã | Mức | Quy tắc | Sai | Đúng |\n|---|---|---|---|---|\n");
    for q in QuyTac::ALL {
        let muc_do = match q.muc_do() {
            MucDo::Loi => "lỗi",
            MucDo::CanhBao => "cảnh báo",
            MucDo::GoiY => "gợi ý",
        };
        let (sai, dung) = q.vi_du();
        out.push_str(&format!(
            "| {} | {muc_do} | {} | {sai} | {dung} |\n",
            q.code(),
            q.ten()
        ));
    }
    out
}
