//! What a văn bản is, independent of TOML and of Typst.
//!
//! Every string here is already NFC-normalised and trimmed by the loader; the
//! renderer only formats (leading zeros, punctuation, capitals), it never
//! re-validates.

/// A công văn (văn bản không có tên loại), the foundation document kind.
#[derive(Debug, Clone, PartialEq)]
pub struct CongVan {
    pub co_quan: CoQuan,
    pub so: SoKyHieu,
    pub dia_danh: String,
    pub ngay: NgayBanHanh,
    pub trich_yeu: String,
    pub kinh_gui: Vec<String>,
    pub noi_dung: Vec<Block>,
    pub noi_nhan: NoiNhan,
    pub chu_ky: ChuKy,
    pub do_mat: Option<DoMat>,
    pub do_khan: Option<DoKhan>,
    pub du_thao: bool,
    pub lien_he: Option<LienHe>,
}

/// Ô 2: the issuing body, with its direct superior (chủ quản) above it.
#[derive(Debug, Clone, PartialEq)]
pub struct CoQuan {
    /// Lines of the cơ quan chủ quản, as the clerk breaks them; may be empty.
    pub chu_quan: Vec<String>,
    /// Lines of the cơ quan ban hành ("ỦY BAN NHÂN DÂN", "TỈNH TÂY NINH").
    pub ten: Vec<String>,
}

/// Ô 3: "Số: 1612/UBND-KSTT". `so` is `None` until văn thư registers it.
#[derive(Debug, Clone, PartialEq)]
pub struct SoKyHieu {
    pub so: Option<u32>,
    pub ky_hieu: String,
}

/// Ô 4's date. Drafts and electronic documents leave parts blank.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NgayBanHanh {
    Day(chrono::NaiveDate),
    Month { month: u32, year: i32 },
    Year(i32),
    Blank,
}

/// A paragraph of the body. Numbering is kept as the clerk typed it.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    pub runs: Vec<Run>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// Ordinary justified paragraph with a first-line indent (dash items too).
    Paragraph,
    /// "I. HIỆN TRẠNG", or a numbered title such as "2. Sở Tư pháp": bold.
    Heading,
}

/// A piece of inline text.
#[derive(Debug, Clone, PartialEq)]
pub enum Run {
    Text {
        text: String,
        bold: bool,
        italic: bool,
    },
    /// A footnote; typst numbers it and sets it at the foot of the page.
    Footnote(Vec<Run>),
}

/// Ô 9b. The clerk writes items; dashes and ";"/"." are added when rendering.
#[derive(Debug, Clone, PartialEq)]
pub struct NoiNhan {
    pub gui: Vec<String>,
    /// What follows "Lưu:", e.g. "VT, KSTT".
    pub luu: String,
}

/// Ô 7a–7c.
#[derive(Debug, Clone, PartialEq)]
pub struct ChuKy {
    /// "TM. <tập thể>" line, e.g. "ỦY BAN NHÂN DÂN".
    pub thay_mat: Option<String>,
    /// KT./Q./TL./TUQ. with the head's title it is signed for.
    pub quyen_han: Option<(QuyenHan, String)>,
    /// The signer's own title (e.g. "PHÓ CHỦ TỊCH").
    pub chuc_vu: String,
    pub ho_ten: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuyenHan {
    KyThay,
    Quyen,
    ThuaLenh,
    ThuaUyQuyen,
}

impl QuyenHan {
    pub const ALL: [QuyenHan; 4] = [Self::KyThay, Self::Quyen, Self::ThuaLenh, Self::ThuaUyQuyen];

    pub fn abbreviation(self) -> &'static str {
        match self {
            Self::KyThay => "KT.",
            Self::Quyen => "Q.",
            Self::ThuaLenh => "TL.",
            Self::ThuaUyQuyen => "TUQ.",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DoMat {
    Mat,
    ToiMat,
    TuyetMat,
}

impl DoMat {
    pub const ALL: [DoMat; 3] = [Self::Mat, Self::ToiMat, Self::TuyetMat];

    pub fn label(self) -> &'static str {
        match self {
            Self::Mat => "MẬT",
            Self::ToiMat => "TỐI MẬT",
            Self::TuyetMat => "TUYỆT MẬT",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DoKhan {
    Khan,
    ThuongKhan,
    HoaToc,
}

impl DoKhan {
    pub const ALL: [DoKhan; 3] = [Self::Khan, Self::ThuongKhan, Self::HoaToc];

    pub fn label(self) -> &'static str {
        match self {
            Self::Khan => "KHẨN",
            Self::ThuongKhan => "THƯỢNG KHẨN",
            Self::HoaToc => "HỎA TỐC",
        }
    }

    /// Stamp width in mm (PL-I §III.2.b); the height is 8 mm for all three.
    pub fn width_mm(self) -> u32 {
        match self {
            Self::Khan => 20,
            Self::ThuongKhan => 40,
            Self::HoaToc => 30,
        }
    }
}

/// Ô 13: contact details at the foot of page 1.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LienHe {
    pub dia_chi: Option<String>,
    pub dien_thoai: Option<String>,
    pub fax: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
}
