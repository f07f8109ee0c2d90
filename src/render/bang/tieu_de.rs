//! A table's header rows: a group's label merged over its columns (groups
//! inside groups, any number of tiers), a column's label merged down to
//! the last label row, and the row of column numbers.

use super::OData;
use crate::model::*;
use crate::render::footnote;

/// A column's label and the footnotes it cites.
pub(in crate::render) type Nhan<'a> = (&'a str, &'a [Vec<Run>]);

/// A header: a column's label, or a group's label over its columns and
/// the groups inside it.
pub(in crate::render) enum NutNhan<'a> {
    Cot(Nhan<'a>),
    Nhom(Nhan<'a>, Vec<NutNhan<'a>>),
}

impl NutNhan<'_> {
    /// Label rows it takes: one, and a group's deepest member below it.
    fn tang(&self) -> usize {
        match self {
            NutNhan::Cot(_) => 1,
            NutNhan::Nhom(_, con) => 1 + con.iter().map(NutNhan::tang).max().unwrap_or(0),
        }
    }

    /// Columns it spans.
    fn so_cot(&self) -> usize {
        match self {
            NutNhan::Cot(_) => 1,
            NutNhan::Nhom(_, con) => con.iter().map(NutNhan::so_cot).sum(),
        }
    }
}

/// Labels of `cot` with the inner groups `nhom_con` over them.
fn nut<'a>(cot: &[Nhan<'a>], nhom_con: &'a [NhomCon]) -> Vec<NutNhan<'a>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < cot.len() {
        match nhom_con.iter().find(|g| g.tu == i && g.so_cot > 0) {
            Some(g) => {
                let end = (i + g.so_cot).min(cot.len());
                out.push(NutNhan::Nhom(
                    (g.nhom.as_str(), g.chu_thich.as_slice()),
                    nut(&cot[i..end], &g.nhom_con),
                ));
                i = end;
            }
            None => {
                out.push(NutNhan::Cot(cot[i]));
                i += 1;
            }
        }
    }
    out
}

/// The header of an indicator table: each declared group as a tree.
pub(super) fn nut_bang(b: &BangSoLieu) -> Vec<NutNhan<'_>> {
    b.cot
        .iter()
        .flat_map(|g| {
            let labels: Vec<Nhan<'_>> = g
                .cot
                .iter()
                .map(|c| (c.tieu_de.as_str(), c.chu_thich.as_slice()))
                .collect();
            let inner = nut(&labels, &g.nhom_con);
            match g.nhom.as_deref() {
                Some(n) => vec![NutNhan::Nhom((n, g.nhom_chu_thich.as_slice()), inner)],
                None => inner,
            }
        })
        .collect()
}

/// The header rows of a table, indicator or task: a group's cell merged
/// over its columns, a label merged down to the last label row, and the
/// column-number row (under the header, or under the top groups' row).
pub(in crate::render) fn header(nodes: &[NutNhan<'_>], mode: DanhSoCot) -> Vec<Vec<OData>> {
    let label_rows = nodes.iter().map(NutNhan::tang).max().unwrap_or(1);
    let grouped = label_rows > 1;
    let total = label_rows + usize::from(mode != DanhSoCot::Khong);
    // With one number per group, that row sits under the top labels.
    let numbers_at = match mode {
        DanhSoCot::Nhom if grouped => Some(1),
        DanhSoCot::Cot => Some(label_rows),
        _ => None,
    };
    let mut rows: Vec<Vec<OData>> =
        vec![Vec::new(); label_rows + usize::from(numbers_at.is_some())];
    let row_of = |level: usize| match numbers_at {
        Some(1) if mode == DanhSoCot::Nhom && level >= 1 => level + 1,
        _ => level,
    };
    fn place(
        node: &NutNhan<'_>,
        level: usize,
        rows: &mut [Vec<OData>],
        row_of: &dyn Fn(usize) -> usize,
        span_down: &dyn Fn(usize) -> usize,
    ) {
        let label = |(t, notes): &Nhan<'_>| OData {
            chu_thich: notes.iter().map(|n| footnote(n)).collect(),
            ..OData::text(*t).bold()
        };
        match node {
            NutNhan::Cot(l) => rows[row_of(level)].push(OData {
                dong: span_down(level),
                ..label(l)
            }),
            NutNhan::Nhom(l, con) => {
                rows[row_of(level)].push(OData {
                    cot: node.so_cot(),
                    ..label(l)
                });
                for c in con {
                    place(c, level + 1, rows, row_of, span_down);
                }
            }
        }
    }
    let span_down = |level: usize| match (mode, level) {
        (DanhSoCot::Nhom, 0) => total,
        _ => label_rows - level,
    };
    for node in nodes {
        place(node, 0, &mut rows, &row_of, &span_down);
    }
    match numbers_at {
        Some(1) if mode == DanhSoCot::Nhom => {
            let mut n = 0;
            rows[1] = nodes
                .iter()
                .filter(|node| matches!(node, NutNhan::Nhom(..)))
                .map(|node| {
                    n += 1;
                    OData {
                        cot: node.so_cot(),
                        ..OData::text(n.to_string())
                    }
                })
                .collect();
        }
        Some(at) => {
            let count = nodes.iter().map(NutNhan::so_cot).sum::<usize>();
            rows[at] = (1..=count).map(|i| OData::text(i.to_string())).collect();
        }
        None => {}
    }
    rows.retain(|r| !r.is_empty());
    rows
}
