//! The tables of a phụ lục: indicator tables (columns declared once, rows
//! from the TOML or a data file, computed rows) and the task table; and
//! what a computed row computes, which both the renderer and a batch
//! (province-wide figures before a unit's rows are kept) need.

use rust_decimal::Decimal;

use super::Run;

/// An indicator table (seed 000, seed 001's Phụ lục): columns declared once,
/// rows from the TOML or a data file, computed rows.
#[derive(Debug, Clone, PartialEq)]
pub struct BangSoLieu {
    /// A heading above the table ("I. Các chỉ tiêu …").
    pub tieu_de: Option<String>,
    /// The unit of its figures, on a line above it ("triệu đồng").
    pub don_vi_tinh: Option<String>,
    pub co_chu: u32,
    pub danh_so_cot: DanhSoCot,
    pub cot: Vec<NhomCotSo>,
    pub dong: Vec<DongSo>,
    /// The data file (canonical path) and sheet the rows came from, so a
    /// batch reading the same file can find a unit's row by its number.
    pub nguon: Option<(std::path::PathBuf, Option<String>)>,
    /// In a batch, keep only the recipient's rows (`loc = false`: every row,
    /// for a table each unit receives whole).
    pub loc: bool,
    pub tinh: Vec<DongTinh>,
    pub ghi_chu: Vec<Vec<Run>>,
}

/// The row of column numbers under the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DanhSoCot {
    /// "1", "2", … for every column.
    Cot,
    /// One number per indicator group, above its sub-columns (seed 000).
    Nhom,
    Khong,
}

codes!(DanhSoCot {
    Cot => "cot",
    Nhom => "nhom",
    Khong => "khong",
});

#[derive(Debug, Clone, PartialEq)]
pub struct NhomCotSo {
    pub nhom: Option<String>,
    /// Footnotes the group's header cites.
    pub nhom_chu_thich: Vec<Vec<Run>>,
    pub cot: Vec<CotSo>,
    /// Groups inside this one ("Trong đó" under "Định mức").
    pub nhom_con: Vec<NhomCon>,
}

/// A header group inside another: its label over some of the enclosing
/// group's columns, and the groups inside it (a header of any depth).
#[derive(Debug, Clone, PartialEq)]
pub struct NhomCon {
    pub nhom: String,
    pub chu_thich: Vec<Vec<Run>>,
    /// Its first column, counted from the enclosing group's first.
    pub tu: usize,
    pub so_cot: usize,
    pub nhom_con: Vec<NhomCon>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CotSo {
    pub ma: String,
    /// The header's text; the footnotes it cites follow it.
    pub tieu_de: String,
    pub chu_thich: Vec<Vec<Run>>,
    pub kieu: KieuCot,
    /// Decimals to print; `None`: as many as the data has.
    pub chu_so: Option<u32>,
    /// Group thousands with "." ("1.400"); seed 001 prints "1400".
    pub tach_nghin: bool,
    /// One text spanning every row (seed 000's province-wide target).
    pub chung: Option<String>,
    /// Results below this are marked.
    pub chi_tieu: Option<ChiTieu>,
    /// The clerk's alignment; `None`: by the column's content.
    pub can: Option<Can>,
    /// An empty cell under a filled one is merged into it (an STT over
    /// its sub-rows).
    pub gop: bool,
    /// An STT column vanban numbers (its data does not give it).
    pub danh_so: bool,
}

/// Horizontal alignment of a column or a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Can {
    Trai,
    Giua,
    Phai,
}

codes!(crate::so::DauThapPhan {
    Phay => "phay",
    Cham => "cham",
});

codes!(Can {
    Trai => "trai",
    Giua => "giua",
    Phai => "phai",
});

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KieuCot {
    Stt,
    DonVi,
    Chu,
    So,
    /// Printed with "%" after the number.
    PhanTram,
}

codes!(KieuCot {
    Stt => "stt",
    DonVi => "don_vi",
    Chu => "chu",
    So => "so",
    PhanTram => "phan_tram",
});

#[derive(Debug, Clone, PartialEq)]
pub enum ChiTieu {
    GiaTri(rust_decimal::Decimal),
    /// Index of the column (among all columns) holding each row's target.
    Cot(usize),
}

/// A data row, or a bold section heading ("I. Cấp tỉnh") before the rows
/// that follow it.
#[derive(Debug, Clone, PartialEq)]
pub enum DongSo {
    Muc(String),
    /// A section row the data gives (its STT a Roman numeral): its cells
    /// as written, printed bold; its figures are a subtotal, left out of
    /// the computed rows.
    MucSo(Vec<O>, Option<usize>),
    /// Cells, and the row's number in the data file it came from.
    Dong(Vec<O>, Option<usize>),
}

impl DongSo {
    /// Whether it opens a section (rows after it are a new block).
    pub fn la_muc(&self) -> bool {
        matches!(self, DongSo::Muc(_) | DongSo::MucSo(..))
    }
}

/// A cell; `dau` is a footnote mark (dấu) printed raised after the content.
#[derive(Debug, Clone, PartialEq)]
pub struct O {
    pub gia_tri: GiaTri,
    pub dau: Option<String>,
    /// A footnote the cell cites (`[^id]` at its end).
    pub chu_thich: Option<Vec<Run>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum GiaTri {
    Trong,
    /// "-": no figure.
    Khong,
    So(rust_decimal::Decimal),
    Chu(String),
}

/// A computed row ("Tổng", "Tỷ lệ bình quân"), printed bold.
#[derive(Debug, Clone, PartialEq)]
pub struct DongTinh {
    pub nhan: String,
    pub vi_tri: ViTriDong,
    /// Per column (among all columns).
    pub o: Vec<Option<PhepTinh>>,
}

/// Where a computed row stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViTriDong {
    /// Under the header, above the data rows (seed 001's Tổng).
    Tren,
    /// After the data rows.
    Duoi,
}

codes!(ViTriDong {
    Tren => "dau",
    Duoi => "cuoi",
});

/// The operations a computed cell names by a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhepGop {
    Tong,
    TrungBinh,
}

codes!(PhepGop {
    Tong => "tong",
    TrungBinh => "trung_binh",
});

#[derive(Debug, Clone, PartialEq)]
pub enum PhepTinh {
    Tong,
    TrungBinh,
    /// sum(column a) / sum(column b) × 100.
    TyLe(usize, usize),
    /// A figure the author gives (one the rows cannot give).
    GiaTri(GiaTri),
}

/// The task list as an appendix table, columns chosen by the author.
#[derive(Debug, Clone, PartialEq)]
pub struct BangNhiemVu {
    pub cot: Vec<NhomCot>,
    /// Units by their short names (`ten_ngan`) to save width.
    pub ten_ngan: bool,
}

/// Columns under one merged header cell, or a single column (`nhom: None`).
#[derive(Debug, Clone, PartialEq)]
pub struct NhomCot {
    pub nhom: Option<String>,
    /// Footnotes the group's header cites.
    pub nhom_chu_thich: Vec<Vec<Run>>,
    pub cot: Vec<(CotNhiemVu, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CotNhiemVu {
    Stt,
    NoiDung,
    ChuTri,
    PhoiHop,
    ThoiHan,
    DonViTinh,
    ChiTieu,
    CanCu,
}

codes!(CotNhiemVu {
    Stt => "stt",
    NoiDung => "noi_dung",
    ChuTri => "chu_tri",
    PhoiHop => "phoi_hop",
    ThoiHan => "thoi_han",
    DonViTinh => "don_vi_tinh",
    ChiTieu => "chi_tieu",
    CanCu => "can_cu",
});

impl CotNhiemVu {
    /// Header text used unless the author gives one (seed 003's wording).
    pub fn label(self) -> &'static str {
        match self {
            Self::Stt => "STT",
            Self::NoiDung => "Tên nhiệm vụ",
            Self::ChuTri => "Đơn vị chủ trì",
            Self::PhoiHop => "Đơn vị phối hợp",
            Self::ThoiHan => "Thời hạn hoàn thành",
            Self::DonViTinh => "Đơn vị tính",
            Self::ChiTieu => "Giao chỉ tiêu",
            Self::CanCu => "Căn cứ thực hiện",
        }
    }
}

/// The figures of column `i` over every data row, "-" and blanks left out.
fn figures(rows: &[DongSo], i: usize) -> Vec<Decimal> {
    rows.iter()
        .filter_map(|r| match r {
            DongSo::Dong(cells, _) => match cells.get(i).map(|o| &o.gia_tri) {
                Some(GiaTri::So(d)) => Some(*d),
                _ => None,
            },
            DongSo::Muc(_) | DongSo::MucSo(..) => None,
        })
        .collect()
}

impl PhepTinh {
    /// What the computed cell of column `i` (`c`) shows over `rows`
    /// ("-" when there is nothing to compute from).
    pub fn tinh(&self, i: usize, c: &CotSo, rows: &[DongSo]) -> GiaTri {
        let own = figures(rows, i);
        let scale = c
            .chu_so
            .unwrap_or_else(|| own.iter().map(|d| d.scale()).max().unwrap_or(0));
        match self {
            PhepTinh::GiaTri(v) => v.clone(),
            PhepTinh::Tong if own.is_empty() => GiaTri::Khong,
            PhepTinh::Tong => GiaTri::So(own.iter().sum()),
            PhepTinh::TrungBinh if own.is_empty() => GiaTri::Khong,
            PhepTinh::TrungBinh => {
                let mean = own.iter().sum::<Decimal>() / Decimal::from(own.len());
                GiaTri::So(crate::so::lam_tron(mean, scale))
            }
            PhepTinh::TyLe(a, b) => {
                let (a, b): (Decimal, Decimal) = (
                    figures(rows, *a).iter().sum(),
                    figures(rows, *b).iter().sum(),
                );
                if b.is_zero() {
                    GiaTri::Khong
                } else {
                    GiaTri::So(crate::so::lam_tron(a / b * Decimal::ONE_HUNDRED, scale))
                }
            }
        }
    }
}
