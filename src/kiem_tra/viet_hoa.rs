//! Capitals in names of bodies (Nghị định 30, Phụ lục II §IV): the name of
//! an agency is written with capitals on the words of its type and its
//! field — "Sở Tư pháp", "Ủy ban nhân dân" — wherever running text names it.
//! The names come from the document's unit directory.

use super::{Doan, PhatHien};
use crate::model::{QuyTac, VanBan};

/// Names of bodies every document may write, besides its directory's.
const CHUNG: [&str; 2] = ["Ủy ban nhân dân", "Hội đồng nhân dân"];

/// The words a directory name starts with when it names an agency (not an
/// area such as "Huyện Gò Dầu", whose generic word is written in lower case
/// in running text, nor "Thanh tra", also a common noun).
const LOAI: [&str; 8] = [
    "Sở",
    "Bộ",
    "Ban",
    "Văn phòng",
    "Công an",
    "Cục",
    "Chi cục",
    "Đài",
];

pub(super) fn kiem_tra(vb: &VanBan, doan: &[Doan], out: &mut Vec<PhatHien>) {
    let names: Vec<&str> = vb
        .danh_ba
        .units
        .iter()
        .map(|u| u.ten.as_str())
        .filter(|ten| LOAI.iter().any(|l| ten.starts_with(&format!("{l} "))))
        .chain(CHUNG)
        .collect();
    let mut flagged: Vec<String> = Vec::new();
    for d in doan {
        let text = &d.loi_van;
        let lower = text.to_lowercase();
        // Offsets of the lower-cased text must be the original's.
        if lower.len() != text.len() || super::viet_tat::mostly_upper(text) {
            continue;
        }
        for name in &names {
            let wanted = name.to_lowercase();
            let mut from = 0;
            while let Some(at) = lower[from..].find(&wanted).map(|i| from + i) {
                from = at + wanted.len();
                let written = &text[at..at + wanted.len()];
                let whole_word = text[from..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
                    && text[..at]
                        .chars()
                        .next_back()
                        .is_none_or(|c| !c.is_alphanumeric());
                if written == *name || !whole_word || flagged.iter().any(|f| f == written) {
                    continue;
                }
                flagged.push(written.to_string());
                out.push(
                    PhatHien::new(
                        QuyTac::VietHoaTenCoQuan,
                        d.truong.clone(),
                        format!("tên cơ quan viết \"{written}\", đúng là \"{name}\""),
                        "viết hoa chữ đầu của loại cơ quan và lĩnh vực (Nghị định 30, Phụ lục II)",
                    )
                    .tai(written),
                );
            }
        }
    }
}
