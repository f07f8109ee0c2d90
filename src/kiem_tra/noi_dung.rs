//! Ô 5 and ô 6: the trích yếu's ending, the body's closing "./." and the
//! numbering of items.

use super::{Doan, PhatHien};
use crate::model::{CapSoMuc, QuyTac, VanBan};
use crate::so::chu_cai;

pub(super) fn kiem_tra(vb: &VanBan, doan: &[Doan], out: &mut Vec<PhatHien>) {
    if let Some(last) = vb.trich_yeu.last()
        && last.ends_with('.')
        && !last.ends_with("..")
    {
        out.push(
            PhatHien::new(
                QuyTac::TrichYeuDauCham,
                "trich_yeu",
                "trích yếu kết thúc bằng dấu chấm".into(),
                "bỏ dấu chấm cuối trích yếu",
            )
            .tai(tail(last)),
        );
    }
    if let Some(first) = vb.trich_yeu.first() {
        viet_hoa_trich_yeu(first, vb.loai.is_cong_van(), out);
    }
    ket_thuc(doan, out);
    danh_so(doan, out);
}

/// The trích yếu's first letter: after "V/v" (công văn) lower case, under a
/// tên loại upper case, as a sentence starts (Phụ lục II; seeds 000 and
/// 001). A first word followed by another capitalised one starts a name
/// ("V/v Kế hoạch số 12…", "V/v Quyết định …") and is left alone.
fn viet_hoa_trich_yeu(line: &str, cong_van: bool, out: &mut Vec<PhatHien>) {
    let mut words = line.split_whitespace();
    let (Some(first), second) = (words.next(), words.next()) else {
        return;
    };
    let Some(c) = first.chars().next().filter(|c| c.is_alphabetic()) else {
        return;
    };
    let starts_name = second.is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
    let (wrong, want) = if cong_van {
        (
            c.is_uppercase() && !starts_name && first.chars().skip(1).all(char::is_lowercase),
            "thường",
        )
    } else {
        (c.is_lowercase(), "hoa")
    };
    if wrong {
        let after = if cong_van {
            "sau \"V/v\""
        } else {
            "dưới tên loại văn bản"
        };
        out.push(
            PhatHien::new(
                QuyTac::VietHoaTrichYeu,
                "trich_yeu",
                format!("trích yếu {after} bắt đầu bằng chữ {want}: \"{first}\""),
                if cong_van {
                    "viết thường chữ đầu (\"V/v triển khai …\"), trừ khi là tên riêng"
                } else {
                    "viết hoa chữ đầu như đầu câu (\"Hành động nâng cao …\", \"Về việc …\")"
                },
            )
            .tai(first),
        );
    }
}

/// The body (tasks and documents issued with it aside) ends with "./."
/// once, in its last paragraph.
fn ket_thuc(doan: &[Doan], out: &mut Vec<PhatHien>) {
    let body: Vec<&Doan> = doan
        .iter()
        .filter(|d| {
            // A Quy chế issued with the document ends without "./.".
            !d.truong.starts_with("nhiem_vu")
                && !d.truong.starts_with("van_ban_kem_theo")
                && !d.loi_van.trim().is_empty()
        })
        .collect();
    let Some((last, before)) = body.split_last() else {
        return;
    };
    if !last.loi_van.trim_end().ends_with("./.") {
        out.push(
            PhatHien::new(
                QuyTac::KetThucVanBan,
                last.truong.clone(),
                "nội dung văn bản không kết thúc bằng \"./.\"".into(),
                "thêm \"./.\" ngay sau chữ cuối cùng của nội dung",
            )
            .tai(tail(&last.loi_van)),
        );
    }
    if let Some(early) = before.iter().find(|d| d.loi_van.contains("./.")) {
        out.push(
            PhatHien::new(
                QuyTac::KetThucVanBan,
                early.truong.clone(),
                "dấu kết thúc \"./.\" ở giữa nội dung".into(),
                "\"./.\" chỉ đặt một lần, sau đoạn cuối cùng",
            )
            .tai("./."),
        );
    }
}

/// The last few words of `s`, to point at its end.
fn tail(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    words[words.len().saturating_sub(3)..].join(" ")
}

/// The levels the numbering rule follows, outermost first.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Cap {
    LaMa,
    So,
    Chu,
}

/// An item's level, its rank and its marker, as the body parser read them
/// ("II.", "3.", "đ)"); a single-level number from 1 to 50 only (a year or
/// an amount at a paragraph's start is no item), nothing for a paragraph
/// that is its marker alone.
fn marker(d: &Doan) -> Option<(Cap, u32, &str)> {
    let m = d.so_muc.as_ref()?;
    if d.loi_van.trim() == m.nhan {
        return None;
    }
    let k = m.thu_tu?;
    let cap = match m.cap {
        CapSoMuc::LaMa => Cap::LaMa,
        CapSoMuc::So(1) if (1..=50).contains(&k) => Cap::So,
        CapSoMuc::Chu => Cap::Chu,
        _ => return None,
    };
    Some((cap, k, &m.nhan))
}

/// Items of one level that skip or repeat a rank ("1.", "2.", "4."; "d)",
/// "e)" without "đ)"). A higher level restarts the lower ones; each field
/// is counted on its own.
fn danh_so(doan: &[Doan], out: &mut Vec<PhatHien>) {
    let mut last: Vec<(Cap, u32)> = Vec::new();
    let mut field = "";
    for d in doan {
        if d.truong != field {
            field = &d.truong;
            last.clear();
        }
        if d.so_muc.as_ref().is_some_and(|m| m.cap == CapSoMuc::PhanChia) {
            // An Điều or a Chương written in the text restarts its khoản.
            last.clear();
            continue;
        }
        let Some((cap, k, head)) = marker(d) else {
            continue;
        };
        // Levels below this one restart.
        let order = |c: Cap| c as usize;
        last.retain(|(c, _)| order(*c) <= order(cap));
        match last.iter_mut().find(|(c, _)| *c == cap) {
            Some((_, prev)) => {
                if k != *prev + 1 {
                    let expected = match cap {
                        Cap::Chu => Some(format!("{})", chu_cai(*prev + 1))),
                        Cap::So => Some(format!("{}.", *prev + 1)),
                        Cap::LaMa => None,
                    };
                    let after =
                        expected.map_or(String::new(), |e| format!("; sau mục trước là {e}"));
                    out.push(
                        PhatHien::new(
                            QuyTac::DanhSo,
                            d.truong.clone(),
                            format!("mục \"{head}\" không đúng thứ tự{after}"),
                            "đánh số liên tiếp; mục chữ theo thứ tự a), b), c), d), đ), e), g)…",
                        )
                        .tai(head),
                    );
                }
                *prev = k;
            }
            None => last.push((cap, k)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings(paragraphs: &[&str]) -> Vec<String> {
        let blocks = crate::load::body::parse(
            &paragraphs.join("\n\n"),
            &mut crate::load::body::ChuThich::default(),
        )
        .unwrap();
        let doan: Vec<Doan> = blocks
            .iter()
            .map(|b| Doan {
                truong: "noi_dung".into(),
                loi_van: crate::model::text_only(&b.runs),
                so_muc: b.so_muc.clone(),
            })
            .collect();
        let mut out = Vec::new();
        danh_so(&doan, &mut out);
        out.into_iter().map(|p| p.thong_bao).collect()
    }

    #[test]
    fn items_follow_the_vietnamese_order() {
        assert!(findings(&["1. Một", "a) x", "b) y", "2. Hai", "a) z"]).is_empty());
        assert!(findings(&["a) x", "b) y", "c) z", "d) t", "đ) u", "e) v"]).is_empty());
        assert_eq!(
            findings(&["a) x", "b) y", "c) z", "d) t", "e) v"]),
            ["mục \"e)\" không đúng thứ tự; sau mục trước là đ)"]
        );
        assert_eq!(
            findings(&["1. Một", "2. Hai", "4. Bốn"]),
            ["mục \"4.\" không đúng thứ tự; sau mục trước là 3."]
        );
        assert_eq!(findings(&["I. A", "II. B", "IV. D"]).len(), 1);
        assert!(findings(&["I. A", "1. x", "2. y", "II. B", "1. z"]).is_empty());
        // A year or an amount at a paragraph's start is no item.
        assert!(findings(&["2024. Năm", "1. Một", "2.5 triệu đồng", "2. Hai"]).is_empty());
    }
}
