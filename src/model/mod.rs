//! What a văn bản is, independent of TOML and of Typst.
//!
//! Every string here is already NFC-normalised and trimmed by the loader; the
//! renderer only formats (leading zeros, punctuation, capitals), it never
//! re-validates.

/// Implements [`Code`] for an enumeration: each variant with its TOML code,
/// written once.
macro_rules! codes {
    ($t:ty { $($variant:ident => $code:literal),+ $(,)? }) => {
        impl $crate::model::Code for $t {
            const ALL: &'static [Self] = &[$(Self::$variant),+];
            fn code(self) -> &'static str {
                match self {
                    $(Self::$variant => $code),+
                }
            }
        }
    };
}

mod bang;
mod kiem_tra;
mod noi_dung;

pub use bang::*;
pub use kiem_tra::*;
pub use noi_dung::*;

/// A văn bản hành chính of any kind in Phụ lục III: a công văn, or a
/// document with a tên loại (kế hoạch, quyết định, …).
#[derive(Debug, Clone, PartialEq)]
pub struct VanBan {
    pub loai: &'static LoaiVanBan,
    pub co_quan: CoQuan,
    pub so: SoKyHieu,
    pub dia_danh: String,
    pub ngay: NgayBanHanh,
    /// Lines as the clerk broke them; one line is balanced when it wraps.
    pub trich_yeu: Vec<String>,
    /// Resolved recipients (unit ids already replaced by names).
    pub kinh_gui: Vec<String>,
    pub noi_dung: NoiDung,
    pub nhiem_vu: Vec<NhiemVu>,
    /// Documents issued with it (a Quy chế), after its signature.
    pub van_ban_kem_theo: Vec<VanBanKemTheo>,
    pub phu_luc: Vec<PhuLuc>,
    pub noi_nhan: NoiNhan,
    pub chu_ky: ChuKy,
    pub do_mat: Option<DoMat>,
    pub do_khan: Option<DoKhan>,
    pub du_thao: bool,
    pub lien_he: Option<LienHe>,
    /// Ô 12: the drafter's initials and the number of copies ("PL.(300)").
    pub nguoi_soan: Option<String>,
    pub so_ban: Option<u32>,
    /// The units the document may name: its directory and `[don_vi]`.
    pub danh_ba: DanhBa,
    /// Review rules switched off for this document, each with the reason
    /// given (`[kiem_tra.bo_qua]`).
    pub bo_qua: Vec<(QuyTac, String)>,
    /// How the electronic file is made (`[dien_tu]`).
    pub dien_tu: DienTu,
    /// Where it was read from: the review points into this text, and no
    /// output may replace the file.
    pub nguon: Nguon,
}

/// The TOML a document was read from, kept so that nothing after loading
/// reads the file again.
#[derive(Debug, Clone, PartialEq)]
pub struct Nguon {
    pub tep: std::path::PathBuf,
    /// Its text, byte-order mark removed (spans point into it).
    pub text: std::sync::Arc<str>,
    /// Every other file it was read from: the files it names (data files,
    /// its directory, images) and those whose values were filled into its
    /// text (a batch's units file).
    pub them: Vec<std::path::PathBuf>,
}

/// `[dien_tu]`: the electronic document's file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DienTu {
    /// PDF/A: `Some(true)` required, `Some(false)` refused, `None` whenever
    /// the document has its full issue date.
    pub pdfa: Option<bool>,
    /// Empty signature fields for the e-office signing tool.
    pub o_ky: bool,
}

/// A PNG image the document places (the signer's signature, the seal),
/// read and checked by the loader.
#[derive(Debug, Clone, PartialEq)]
pub struct Anh {
    /// Where it was read from.
    pub tep: std::path::PathBuf,
    pub png: std::sync::Arc<[u8]>,
    /// Pixels.
    pub rong: u32,
    pub cao: u32,
}

impl VanBan {
    /// The data files its tables were read from (what a write must not replace).
    pub fn tep_so_lieu(&self) -> impl Iterator<Item = &std::path::Path> {
        self.phu_luc
            .iter()
            .flat_map(|pl| &pl.bang)
            .filter_map(|b| b.nguon.as_ref().map(|(p, _)| p.as_path()))
    }

    /// Every file it was read from besides itself: data files, its
    /// directory, images and the files filled into its text.
    pub fn tep_doc(&self) -> impl Iterator<Item = &std::path::Path> {
        let anh = [
            self.chu_ky.anh.as_ref(),
            self.co_quan.dau.as_ref().map(|d| &d.anh),
        ]
        .into_iter()
        .flatten()
        .map(|a| a.tep.as_path());
        self.tep_so_lieu()
            .chain(anh)
            .chain(self.nguon.them.iter().map(|p| p.as_path()))
    }

    /// Every file it was read from, itself first: what no output may replace.
    pub fn tep_vao(&self) -> impl Iterator<Item = &std::path::Path> {
        std::iter::once(self.nguon.tep.as_path()).chain(self.tep_doc())
    }
}

/// A row of the document-type table (`data/loai_van_ban.toml`, Phụ lục
/// III): a kind's name, abbreviation and the rules of its form, as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoaiVanBan {
    /// The TOML value of `loai`, e.g. "ke_hoach".
    pub ma: String,
    /// "Kế hoạch"; printed upper case as the tên loại.
    pub ten: String,
    /// "KH"; `None` for công văn, which has no tên loại.
    pub viet_tat: Option<String>,
    /// Whether it has a Kính gửi (ô 9a): a công văn and a tờ trình are
    /// addressed; a quyết định never is (its recipients are in Nơi nhận
    /// and its last Điều).
    pub kinh_gui: KinhGui,
    /// For a kind whose body is thẩm quyền, căn cứ and Điều: the enacting
    /// words printed before Điều 1 ("QUYẾT ĐỊNH:").
    pub ban_hanh: Option<String>,
    /// Whether such a kind may also have a free body (a nghị quyết of a
    /// meeting is numbered items, a HĐND's has Điều).
    pub dieu_tuy_chon: bool,
}

impl LoaiVanBan {
    pub fn is_cong_van(&self) -> bool {
        self.viet_tat.is_none()
    }

    /// Whether its body may be laid out by Điều.
    pub fn theo_dieu(&self) -> bool {
        self.ban_hanh.is_some()
    }

    /// Whether its body must be laid out by Điều.
    pub fn chi_theo_dieu(&self) -> bool {
        self.theo_dieu() && !self.dieu_tuy_chon
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KinhGui {
    BatBuoc,
    TuyChon,
    Khong,
}

/// An enumeration written in TOML as an ASCII code ("theo_don_vi"). The
/// codes are listed once, here; the loader and the format description
/// (`spec`) both read them.
pub trait Code: Copy + 'static {
    const ALL: &'static [Self];
    fn code(self) -> &'static str;
}

/// A unit named in the document: from the directory (by id) or free text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DonVi {
    pub ma: Option<String>,
    pub ten: String,
    pub ten_ngan: Option<String>,
    /// Ids of the groups the unit belongs to ("so_ban_nganh"): a task given
    /// to the group is the unit's task too when letters are sent per unit.
    pub thuoc: Vec<String>,
}

/// The units a document may name by id: its directory and `[don_vi]`, in
/// declaration order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DanhBa {
    pub units: Vec<DonVi>,
}

impl DanhBa {
    pub fn get(&self, ma: &str) -> Option<&DonVi> {
        self.units.iter().find(|u| u.ma.as_deref() == Some(ma))
    }

    pub fn ids(&self) -> Vec<&str> {
        self.units.iter().filter_map(|u| u.ma.as_deref()).collect()
    }

    /// Adds a unit, or replaces the one with its id.
    pub fn insert(&mut self, unit: DonVi) {
        match self.units.iter_mut().find(|u| u.ma == unit.ma) {
            Some(existing) => *existing = unit,
            None => self.units.push(unit),
        }
    }

    /// The unit with id `ma`; when there is none, the nearest id, for the
    /// one message every caller prints.
    pub fn tim(&self, ma: &str) -> Result<&DonVi, KhongCoDonVi<'_>> {
        self.get(ma).ok_or_else(|| KhongCoDonVi {
            ma: ma.to_string(),
            gan_nhat: crate::suggest::suggest(ma, &self.ids()).and_then(|s| self.get(s)),
        })
    }
}

/// A unit id not in the directory.
#[derive(Debug)]
pub struct KhongCoDonVi<'a> {
    pub ma: String,
    /// The unit whose id is nearest to `ma`, if one is near.
    pub gan_nhat: Option<&'a DonVi>,
}

impl KhongCoDonVi<'_> {
    /// The id nearest to the unknown one.
    pub fn ma_gan_nhat(&self) -> Option<&str> {
        self.gan_nhat.and_then(|u| u.ma.as_deref())
    }
}

impl std::fmt::Display for KhongCoDonVi<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "không có đơn vị mã `{}` trong danh bạ", self.ma)
    }
}

/// One task ("who does what by when").
#[derive(Debug, Clone, PartialEq)]
pub struct NhiemVu {
    pub noi_dung: Vec<Block>,
    pub chu_tri: Vec<DonVi>,
    pub phoi_hop: Vec<DonVi>,
    pub thoi_han: Option<crate::thoi_han::ThoiHan>,
    /// Opening of the deadline sentence in the grouped layout ("Hoàn thành").
    pub hoan_thanh: Option<String>,
    pub don_vi_tinh: Option<String>,
    pub chi_tieu: Option<String>,
    pub can_cu: Option<String>,
}

/// An appendix: new page, own page numbers, heading and "(Kèm theo …)" line.
#[derive(Debug, Clone, PartialEq)]
pub struct PhuLuc {
    /// Lines as the clerk broke them (one line is balanced), upper case.
    pub tieu_de: Vec<Vec<Run>>,
    pub noi_dung: Vec<Block>,
    pub bang_nhiem_vu: Option<BangNhiemVu>,
    pub bang: Vec<BangSoLieu>,
    /// `None`: landscape when the table is wide.
    pub ngang: Option<bool>,
    pub nhan: NhanPhuLuc,
    /// Print the "(Kèm theo …)" line.
    pub kem_theo: KemTheo,
    pub ngay_kem_theo: DangNgay,
    pub so_trang: SoTrang,
}

/// How appendices are labelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NhanPhuLuc {
    /// The decree's "Phụ lục I", "Phụ lục II".
    LaMa,
    /// "PHỤ LỤC 1" (seed 001).
    So,
}

codes!(NhanPhuLuc {
    LaMa => "la_ma",
    So => "so",
});

/// An appendix's page numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SoTrang {
    /// Restart at 1 (PL-I §III.1.đ).
    LaiTuDau,
    /// Go on from the document.
    Tiep,
}

codes!(SoTrang {
    LaiTuDau => "lai_tu_dau",
    Tiep => "tiep",
});

/// Ô 2: the issuing body, with its direct superior (chủ quản) above it.
#[derive(Debug, Clone, PartialEq)]
pub struct CoQuan {
    /// Lines of the cơ quan chủ quản, as the clerk breaks them; may be empty.
    pub chu_quan: Vec<String>,
    /// Lines of the cơ quan ban hành ("ỦY BAN NHÂN DÂN", "TỈNH TÂY NINH").
    pub ten: Vec<String>,
    /// How running text names it ("UBND tỉnh"), for a phụ lục's "(Kèm theo …)".
    pub ten_goi: Option<String>,
    /// The seal's image for an electronic document (ô 8).
    pub dau: Option<Dau>,
}

/// The organisation's seal image, printed at the seal's real size.
#[derive(Debug, Clone, PartialEq)]
pub struct Dau {
    pub anh: Anh,
    pub duong_kinh_mm: u32,
}

impl Dau {
    /// The size of most UBND seals; the office sets its own seal's.
    pub const DUONG_KINH_MM: u32 = 36;
}

/// Ô 3: "Số: 1612/UBND-KSTT", or a legal document's "15/2024/QĐ-UBND"
/// (số/năm/ký hiệu). `so` is `None` until văn thư registers it.
#[derive(Debug, Clone, PartialEq)]
pub struct SoKyHieu {
    pub so: Option<u32>,
    /// The year between number and symbol, when the number carries one.
    pub nam: Option<i32>,
    pub ky_hieu: String,
}

impl SoKyHieu {
    /// A number as printed: below 10 with a leading zero (PL-I §II.3.c).
    pub fn so_in(n: u32) -> String {
        format!("{n:02}")
    }

    /// "1612/UBND-KSTT", "15/2024/QĐ-UBND"; "…/UBND-KSTT" before văn thư
    /// gives the number.
    pub fn in_ra(&self) -> String {
        match self.so {
            Some(n) => format!("{}/{}", Self::so_in(n), self.sau_so()),
            None => format!("…/{}", self.sau_so()),
        }
    }

    /// What follows the number and its "/": "2024/QĐ-UBND" or "UBND-KSTT".
    pub fn sau_so(&self) -> String {
        match self.nam {
            Some(nam) => format!("{nam}/{}", self.ky_hieu),
            None => self.ky_hieu.clone(),
        }
    }
}

/// Ô 4's date. Drafts and electronic documents leave parts blank.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NgayBanHanh {
    Day(chrono::NaiveDate),
    Month { month: u32, year: i32 },
    Year(i32),
    Blank,
}

impl NgayBanHanh {
    /// The year, when one is given.
    pub fn nam(self) -> Option<i32> {
        use chrono::Datelike;
        match self {
            NgayBanHanh::Day(d) => Some(d.year()),
            NgayBanHanh::Month { year, .. } | NgayBanHanh::Year(year) => Some(year),
            NgayBanHanh::Blank => None,
        }
    }
}

/// The "(Kèm theo …)" line under a phụ lục's title.
#[derive(Debug, Clone, PartialEq)]
pub enum KemTheo {
    Khong,
    /// Made from the document's kind, number, date and issuing body.
    TuDong,
    /// The clerk's own lines.
    Dong(Vec<Vec<Run>>),
}

/// How the "(Kèm theo …)" line writes the issue date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DangNgay {
    /// "ngày 15 tháng 3 năm 2024".
    Chu,
    /// "ngày 15/3/2024".
    So,
}

codes!(DangNgay {
    Chu => "chu",
    So => "so",
});

/// Ô 9b. The clerk writes items; dashes and ";"/"." are added when
/// rendering. A document may have none (`check` says so).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NoiNhan {
    pub gui: Vec<String>,
    /// What follows "Lưu:", e.g. "VT, KSTT".
    pub luu: Option<String>,
}

/// Ô 7a–7c.
#[derive(Debug, Clone, PartialEq)]
pub struct ChuKy {
    /// "TM. <tập thể>" line, e.g. "ỦY BAN NHÂN DÂN".
    pub thay_mat: Option<String>,
    /// KT./Q./TL./TUQ. with the head's title it is signed for.
    pub quyen_han: Option<(QuyenHan, String)>,
    /// The signer's own title (e.g. "PHÓ CHỦ TỊCH"), as the clerk broke it.
    pub chuc_vu: Vec<String>,
    pub ho_ten: String,
    /// The signature's image for an electronic document (ô 7c).
    pub anh: Option<Anh>,
}

impl ChuKy {
    /// Where the signature and the seal go in the gap (their images' boxes,
    /// or the places kept for them): `the_thuc::khung_ky`.
    pub fn khung(&self, dau: Option<&Dau>) -> (crate::the_thuc::Khung, crate::the_thuc::Khung) {
        crate::the_thuc::khung_ky(
            self.anh.as_ref().map(|a| (a.rong, a.cao)),
            f64::from(dau.map_or(Dau::DUONG_KINH_MM, |d| d.duong_kinh_mm)),
            dau.map(|d| (d.anh.rong, d.anh.cao)),
        )
    }
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

impl LienHe {
    /// Ô 13's lines: the address, then phone, fax, e-mail and website on one.
    pub fn dong(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if let Some(a) = &self.dia_chi {
            lines.push(format!("Địa chỉ: {a}"));
        }
        let parts: Vec<String> = [
            ("ĐT", &self.dien_thoai),
            ("Fax", &self.fax),
            ("E-mail", &self.email),
            ("Website", &self.website),
        ]
        .into_iter()
        .filter_map(|(label, v)| v.as_ref().map(|v| format!("{label}: {v}")))
        .collect();
        if !parts.is_empty() {
            lines.push(parts.join("; "));
        }
        lines
    }
}
