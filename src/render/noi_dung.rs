//! Ô 6: sections numbered from their place in the document, the task list
//! laid out where a section asks for it, and a quyết định's căn cứ and Điều.

use chrono::NaiveDate;

use super::{BlockData, KieuKhoi, RunData, block};
use crate::lich::calendar;
use crate::model::*;
use crate::so::{chu_cai, roman};
use crate::thoi_han::{self, Kind};

/// Numbering styles, outermost first (Phụ lục I §II.6, row 6b: I. → 1. → a);
/// "1.1." between them as plans commonly do).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Level {
    LaMa,
    So,
    SoKep,
    Chu,
}

/// Where numbering stands: the style sequence and the enclosing "1." number
/// that a "1.1." label repeats.
#[derive(Clone, Copy)]
struct Place<'a> {
    levels: &'a [Level],
    depth: usize,
    parent: Option<u32>,
}

impl Place<'_> {
    fn level(&self) -> Level {
        self.levels
            .get(self.depth)
            .or(self.levels.last())
            .copied()
            .unwrap_or(Level::So)
    }

    fn label(&self, n: u32) -> String {
        match self.level() {
            Level::LaMa => format!("{}.", roman(n)),
            Level::So => format!("{n}."),
            Level::SoKep => match self.parent {
                Some(p) => format!("{p}.{n}."),
                None => format!("{n}."),
            },
            Level::Chu => format!("{})", chu_cai(n)),
        }
    }

    fn child(&self, n: u32) -> Self {
        let parent = match self.level() {
            Level::So => Some(n),
            Level::SoKep => self.parent,
            _ => None,
        };
        Place {
            levels: self.levels,
            depth: self.depth + 1,
            parent,
        }
    }
}

pub(super) fn body(
    noi_dung: &NoiDung,
    loai: &LoaiVanBan,
    tasks: &[NhiemVu],
    issued: Option<NaiveDate>,
) -> Vec<BlockData> {
    match noi_dung {
        NoiDung::TuDo {
            loi_dan,
            muc,
            ket_luan,
        } => {
            // Plans and reports open with "I. TITLE" sections; a công văn's
            // unit headings start at "1." (seed 000).
            let titled = muc.iter().any(|m| m.tieu_de.is_some());
            let levels: &[Level] = if titled {
                &[Level::LaMa, Level::So, Level::SoKep, Level::Chu]
            } else {
                &[Level::So, Level::SoKep, Level::Chu]
            };
            let place = Place {
                levels,
                depth: 0,
                parent: None,
            };
            let mut out: Vec<BlockData> = loi_dan.iter().map(block).collect();
            sections(muc, place, tasks, issued, &mut out);
            out.extend(ket_luan.iter().map(block));
            out
        }
        NoiDung::TheoDieu(qd) => theo_dieu(qd, loai.ban_hanh.as_deref().unwrap_or_default()),
    }
}

fn sections(
    muc: &[Muc],
    place: Place<'_>,
    tasks: &[NhiemVu],
    issued: Option<NaiveDate>,
    out: &mut Vec<BlockData>,
) {
    let mut n = 0;
    for m in muc {
        let inner = match &m.tieu_de {
            Some(title) => {
                n += 1;
                let title = if place.level() == Level::LaMa {
                    title.to_uppercase()
                } else {
                    title.clone()
                };
                out.push(BlockData {
                    kieu: KieuKhoi::DeMuc,
                    runs: vec![RunData::bold(format!("{} {title}", place.label(n)))],
                });
                place.child(n)
            }
            // An untitled section only groups. Under Roman numerals its items
            // would read as new "I." sections, so they go one level down, as
            // if continuing the section before.
            None if place.level() == Level::LaMa => place.child(n),
            None => place,
        };
        out.extend(m.noi_dung.iter().map(block));
        match m.nhiem_vu {
            Some(TrinhBay::TheoDonVi) => theo_don_vi(tasks, inner, issued, out),
            Some(TrinhBay::TungNhiemVu) => tung_nhiem_vu(tasks, inner, issued, out),
            None => {}
        }
        sections(&m.muc, inner, tasks, issued, out);
    }
}

/// "A", "A và B", "A, B và C".
pub(crate) fn join_names<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let names: Vec<&str> = names.into_iter().collect();
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} và {last}", rest.join(", ")),
    }
}

/// Names listed as in seed 001's "Đơn vị phối hợp: A, B, C".
pub fn list_names(units: &[DonVi]) -> String {
    units
        .iter()
        .map(|u| u.ten.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn with_period(s: &str) -> String {
    if s.ends_with(['.', '!', '?']) {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

/// The deadline as a sentence appended to a task ("Hoàn thành trước 20/6/2024.").
fn deadline_sentence(task: &NhiemVu, issued: Option<NaiveDate>) -> Option<String> {
    let t = task.thoi_han.as_ref()?;
    let printed = lower_first(&thoi_han::printed(t, issued, calendar()));
    // "Hoàn thành tháng 8/2023" reads wrong; "trong tháng 8/2023" is what clerks write.
    let bare_period = matches!(t.kind, Kind::Thang { .. } | Kind::Quy { .. } | Kind::Nam(_))
        && ["tháng", "quý", "năm"]
            .iter()
            .any(|w| printed.starts_with(w));
    let printed = if bare_period {
        format!("trong {printed}")
    } else {
        printed
    };
    let opening = match &task.hoan_thanh {
        Some(h) => h.clone(),
        None if t.kind.is_recurring() => "Thực hiện".to_string(),
        None => "Hoàn thành".to_string(),
    };
    Some(with_period(&format!("{opening} {printed}")))
}

/// Seed 000: a bold "1. Sở Tư pháp" heading per chủ trì (in order of first
/// appearance), then each task as "- …" with its deadline sentence.
fn theo_don_vi(
    tasks: &[NhiemVu],
    place: Place<'_>,
    issued: Option<NaiveDate>,
    out: &mut Vec<BlockData>,
) {
    let mut groups: Vec<(Vec<&str>, Vec<&NhiemVu>)> = Vec::new();
    for task in tasks {
        let key: Vec<&str> = task.chu_tri.iter().map(|u| u.ten.as_str()).collect();
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, members)) => members.push(task),
            None => groups.push((key, vec![task])),
        }
    }
    for (n, (names, members)) in (1..).zip(groups) {
        out.push(BlockData {
            kieu: KieuKhoi::DeMuc,
            runs: vec![RunData::bold(format!(
                "{} {}",
                place.label(n),
                join_names(names)
            ))],
        });
        for task in members {
            let mut blocks: Vec<BlockData> = task.noi_dung.iter().map(block).collect();
            if let Some(first) = blocks.first_mut() {
                first.kieu = KieuKhoi::Doan;
                if !starts_with_dash(first) {
                    prefix(first, "- ");
                }
            }
            let mut extra = Vec::new();
            if !task.phoi_hop.is_empty() {
                extra.push(format!("Đơn vị phối hợp: {}.", list_names(&task.phoi_hop)));
            }
            extra.extend(deadline_sentence(task, issued));
            if let Some(last) = blocks.last_mut() {
                for sentence in extra {
                    last.runs.push(RunData::plain(format!(" {sentence}")));
                }
            }
            out.extend(blocks);
        }
    }
}

/// Puts a number or dash before a paragraph, in the same run when the text
/// starts plain, so it lays out (and reads in the PDF) as one piece of text.
fn prefix(b: &mut BlockData, p: &str) {
    match b.runs.first_mut() {
        Some(RunData::Text {
            t,
            dam: false,
            nghieng: false,
        }) => t.insert_str(0, p),
        _ => b.runs.insert(0, RunData::plain(p)),
    }
}

fn starts_with_dash(b: &BlockData) -> bool {
    matches!(b.runs.first(), Some(RunData::Text { t, .. }) if t.starts_with("- ") || t.starts_with("+ "))
}

/// Seed 001: "1. task", then "- Đơn vị chủ trì: …", "- Đơn vị phối hợp: …",
/// "- Thời gian hoàn thành: …".
fn tung_nhiem_vu(
    tasks: &[NhiemVu],
    place: Place<'_>,
    issued: Option<NaiveDate>,
    out: &mut Vec<BlockData>,
) {
    for (n, task) in (1..).zip(tasks) {
        let mut blocks: Vec<BlockData> = task.noi_dung.iter().map(block).collect();
        if let Some(first) = blocks.first_mut() {
            first.kieu = KieuKhoi::Doan;
            prefix(first, &format!("{} ", place.label(n)));
        }
        out.extend(blocks);
        let line = |label: &str, value: &str| BlockData {
            kieu: KieuKhoi::Doan,
            runs: vec![RunData::plain(format!("- {label}: {}", with_period(value)))],
        };
        let chu_tri = list_names(&task.chu_tri);
        if task.phoi_hop.is_empty() {
            out.push(line("Đơn vị thực hiện", &chu_tri));
        } else {
            out.push(line("Đơn vị chủ trì", &chu_tri));
            out.push(line("Đơn vị phối hợp", &list_names(&task.phoi_hop)));
        }
        if let Some(t) = &task.thoi_han {
            out.push(line(
                "Thời gian hoàn thành",
                &upper_first(&thoi_han::printed(t, issued, calendar())),
            ));
        }
        if let Some(chi_tieu) = &task.chi_tieu {
            out.push(line(
                "Chỉ tiêu giao",
                &chi_tieu_text(chi_tieu, task.don_vi_tinh.as_deref()),
            ));
        }
        if let Some(can_cu) = &task.can_cu {
            out.push(line("Căn cứ", can_cu));
        }
    }
}

/// "Tối thiểu 80" with "%" → "Tối thiểu 80%"; other units after a space.
pub(crate) fn chi_tieu_text(chi_tieu: &str, don_vi_tinh: Option<&str>) -> String {
    match don_vi_tinh {
        Some("%") => format!("{chi_tieu}%"),
        Some(dvt) => format!("{chi_tieu} {dvt}"),
        None => chi_tieu.to_string(),
    }
}

/// Mẫu 1.2/1.3: thẩm quyền line, căn cứ in italic ("…;" and the last "…."),
/// the kind's enacting words ("QUYẾT ĐỊNH:"), then "Điều 1." with a bold
/// label.
fn theo_dieu(qd: &TheoDieu, ban_hanh: &str) -> Vec<BlockData> {
    let mut out = vec![BlockData {
        kieu: KieuKhoi::Giua,
        runs: vec![RunData::bold(qd.tham_quyen.join("\n"))],
    }];
    let last = qd.can_cu.len().saturating_sub(1);
    for (i, c) in qd.can_cu.iter().enumerate() {
        out.push(BlockData {
            kieu: KieuKhoi::Doan,
            runs: vec![RunData::Text {
                t: format!("{c}{}", if i == last { "." } else { ";" }),
                dam: false,
                nghieng: true,
            }],
        });
    }
    out.push(BlockData {
        kieu: KieuKhoi::Giua,
        runs: vec![RunData::bold(ban_hanh)],
    });
    for (n, dieu) in (1..).zip(&qd.dieu) {
        out.extend(dieu_blocks(n, dieu));
    }
    out.extend(qd.ket_luan.iter().map(block));
    out
}

/// An Điều: "Điều N. " before its first paragraph. A first paragraph the
/// clerk marked a heading ("# Phạm vi điều chỉnh") is the Điều's name:
/// the whole line bold, kept with what follows; any other is running text.
pub(super) fn dieu_blocks(n: u32, dieu: &[Block]) -> Vec<BlockData> {
    let mut blocks: Vec<BlockData> = dieu.iter().map(block).collect();
    let named = dieu
        .first()
        .is_some_and(|b| b.kind == BlockKind::Heading && b.vi_sao == ViSao::Danh);
    if let Some(first) = blocks.first_mut() {
        if !named {
            first.kieu = KieuKhoi::Doan;
        }
        first.runs.insert(0, RunData::bold(format!("Điều {n}. ")));
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_follow_the_level_sequence() {
        let levels = [Level::LaMa, Level::So, Level::SoKep, Level::Chu];
        let top = Place {
            levels: &levels,
            depth: 0,
            parent: None,
        };
        assert_eq!(top.label(4), "IV.");
        assert_eq!(top.label(9), "IX.");
        let so = top.child(3);
        assert_eq!(so.label(2), "2.");
        let kep = so.child(2);
        assert_eq!(kep.label(5), "2.5.");
        let chu = kep.child(5);
        assert_eq!(chu.label(1), "a)");
        assert_eq!(chu.label(5), "đ)");
        assert_eq!(chu.label(7), "g)");
    }

    #[test]
    fn names_are_joined_as_in_prose() {
        assert_eq!(join_names(["A"]), "A");
        assert_eq!(
            join_names(["Các Sở, ban, ngành", "UBND các huyện, thị xã, thành phố"]),
            "Các Sở, ban, ngành và UBND các huyện, thị xã, thành phố"
        );
        assert_eq!(join_names(["A", "B", "C"]), "A, B và C");
        assert_eq!(chi_tieu_text("Tối thiểu 80", Some("%")), "Tối thiểu 80%");
    }
}
