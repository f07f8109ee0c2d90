//! Ô 3, the ký hiệu: its groups are the kind's abbreviation (none for a
//! công văn), the issuing body's, then the drafting unit's.

use super::{PhatHien, fold};
use crate::model::{QuyTac, VanBan};

/// Abbreviations of issuers that are not the initials of their name, with
/// the words the name holds: the Prime Minister signs as "TTg".
const CO_QUAN_RIENG: [(&str, &str); 1] = [("TTg", "thu_tuong")];

/// Words that start the place in a body's name ("… TỈNH TÂY NINH"), where
/// its abbreviation stops.
const DIA_DANH: [&str; 7] = ["tinh", "thanh", "huyen", "quan", "thi", "xa", "phuong"];

pub(super) fn kiem_tra(vb: &VanBan, out: &mut Vec<PhatHien>) {
    let groups: Vec<&str> = vb.so.ky_hieu.split('-').collect();
    viet_hoa(&groups, out);
    let Some(issuer) = groups.get(usize::from(vb.loai.viet_tat.is_some())) else {
        return;
    };
    let ten = vb.co_quan.ten.join(" ");
    if CO_QUAN_RIENG
        .iter()
        .any(|(vt, words)| vt == issuer && fold(&ten).contains(words))
    {
        return;
    }
    let expected = viet_tat(&ten);
    let agree = |a: &str, b: &str| a.starts_with(b) || b.starts_with(a);
    if expected.chars().count() >= 2 && !agree(issuer, &expected) {
        out.push(
            PhatHien::new(
                QuyTac::KyHieuCoQuan,
                "ky_hieu",
                format!(
                    "nhóm \"{issuer}\" của ký hiệu không giống chữ viết tắt tên cơ quan ban hành ({expected})"
                ),
                "ký hiệu: <tên loại>-<cơ quan ban hành>-<đơn vị soạn thảo>, ví dụ KH-UBND, UBND-KSTT",
            )
            .tai(*issuer),
        );
    }
}

/// Each group upper case, unless it is an official abbreviation that keeps
/// a lower-case letter (a kind's "TTr", "QyĐ"; the Prime Minister's "TTg").
fn viet_hoa(groups: &[&str], out: &mut Vec<PhatHien>) {
    let official = |g: &str| {
        CO_QUAN_RIENG.iter().any(|(vt, _)| *vt == g)
            || crate::loai::all().iter().any(|l| l.viet_tat.as_deref() == Some(g))
    };
    for g in groups {
        if g.chars().any(char::is_lowercase) && !official(g) {
            out.push(
                PhatHien::new(
                    QuyTac::KyHieuVietHoa,
                    "ky_hieu",
                    format!("nhóm \"{g}\" của ký hiệu có chữ thường"),
                    &format!("ký hiệu viết hoa (Phụ lục I, mục II.3): \"{}\"", g.to_uppercase()),
                )
                .tai(*g),
            );
        }
    }
}

/// The drafting unit of a symbol: the last group after the issuer's
/// ("UBND-KSTT" → KSTT; "KH-UBND-VP" → VP; "KH-UBND" has none).
pub(super) fn don_vi_soan(ky_hieu: &str, co_ten_loai: bool) -> Option<&str> {
    let groups: Vec<&str> = ky_hieu.split('-').collect();
    let issuer_at = usize::from(co_ten_loai);
    (groups.len() > issuer_at + 1).then(|| groups[groups.len() - 1])
}

/// A body's name as its abbreviation: the initials of its words up to the
/// place, "và" left out ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG" → STTTT, "ỦY BAN
/// NHÂN DÂN TỈNH TÂY NINH" → UBND).
fn viet_tat(ten: &str) -> String {
    ten.split_whitespace()
        .take_while(|w| !DIA_DANH.contains(&fold(w).as_str()))
        .filter(|w| fold(w) != "va")
        .filter_map(|w| w.chars().next())
        .map(initial)
        .collect()
}

/// A word's initial as abbreviations write it: upper case without tone or
/// vowel marks, but Đ kept ("Ủy" → U, "Đào" → Đ).
fn initial(c: char) -> char {
    use unicode_normalization::UnicodeNormalization;
    if matches!(c, 'đ' | 'Đ') {
        return 'Đ';
    }
    let base = std::iter::once(c).nfd().next().unwrap_or(c);
    base.to_uppercase().next().unwrap_or(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_drafting_unit_is_the_group_after_the_issuer() {
        assert_eq!(don_vi_soan("UBND-KSTT", false), Some("KSTT"));
        assert_eq!(don_vi_soan("KH-UBND-VP", true), Some("VP"));
        assert_eq!(don_vi_soan("KH-UBND", true), None);
        assert_eq!(don_vi_soan("UBND", false), None);
    }

    #[test]
    fn a_bodys_name_gives_its_abbreviation() {
        assert_eq!(viet_tat("ỦY BAN NHÂN DÂN TỈNH TÂY NINH"), "UBND");
        assert_eq!(viet_tat("SỞ THÔNG TIN VÀ TRUYỀN THÔNG"), "STTTT");
        assert_eq!(viet_tat("SỞ GIÁO DỤC VÀ ĐÀO TẠO"), "SGDĐT");
        assert_eq!(viet_tat("BỘ NỘI VỤ"), "BNV");
    }
}
