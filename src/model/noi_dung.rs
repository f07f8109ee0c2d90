//! Ô 6, the body: free text with numbered sections or a body by Điều, its
//! paragraphs as the body parser read them (list markers, headings and
//! why), and inline text.

/// Ô 6. Free text with automatically numbered sections, or a body by Điều
/// (thẩm quyền, căn cứ, Điều: a quyết định).
#[derive(Debug, Clone, PartialEq)]
pub enum NoiDung {
    /// Free text: a lead-in, numbered sections, a closing.
    TuDo {
        /// Paragraphs before the first section (`noi_dung`).
        loi_dan: Vec<Block>,
        muc: Vec<Muc>,
        /// Paragraphs after the last section (`ket_luan`).
        ket_luan: Vec<Block>,
    },
    TheoDieu(TheoDieu),
}

/// A section (`[[muc]]`); its number comes from its place in the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Muc {
    pub tieu_de: Option<String>,
    pub noi_dung: Vec<Block>,
    /// Where the document's task list is laid out, and how.
    pub nhiem_vu: Option<TrinhBay>,
    pub muc: Vec<Muc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrinhBay {
    /// Seed 000: numbered chủ trì headings, "- task. Hoàn thành …" items.
    TheoDonVi,
    /// Seed 001: numbered tasks, then chủ trì / phối hợp / thời gian lines.
    TungNhiemVu,
}

codes!(TrinhBay {
    TheoDonVi => "theo_don_vi",
    TungNhiemVu => "tung_nhiem_vu",
});

#[derive(Debug, Clone, PartialEq)]
pub struct TheoDieu {
    /// "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TÂY NINH"; a HĐND's two lines
    /// ("HỘI ĐỒNG NHÂN DÂN TỈNH …", "KHÓA X, KỲ HỌP THỨ 5").
    pub tham_quyen: Vec<String>,
    /// One legal basis per line, without its closing ";"/".".
    pub can_cu: Vec<String>,
    /// Articles; each is body markup, the first paragraph after "Điều N.".
    pub dieu: Vec<Vec<Block>>,
    /// Paragraphs after the last Điều (a nghị quyết's adoption sentence).
    pub ket_luan: Vec<Block>,
}

/// A document issued with the main one (a Quy chế issued by a quyết định):
/// its own pages, its tên loại and name, the "(Ban hành kèm theo …)" line,
/// then Chương, Mục and Điều (Điều numbered on across Chương).
#[derive(Debug, Clone, PartialEq)]
pub struct VanBanKemTheo {
    pub loai: &'static super::LoaiVanBan,
    /// Lines as the clerk broke them; one line is balanced.
    pub ten: Vec<String>,
    pub kem_theo: super::KemTheo,
    /// Paragraphs before the first Chương or Điều.
    pub loi_dan: Vec<Block>,
    /// Its Chương; a document not divided into Chương has one with no name.
    pub chuong: Vec<Chuong>,
}

/// A Chương ("Chương I", its name), its Mục, or its Điều directly (one
/// Mục with no name).
#[derive(Debug, Clone, PartialEq)]
pub struct Chuong {
    pub ten: Option<String>,
    pub muc: Vec<MucChuong>,
}

/// A Mục of a Chương ("Mục 1", its name).
#[derive(Debug, Clone, PartialEq)]
pub struct MucChuong {
    pub ten: Option<String>,
    pub dieu: Vec<Dieu>,
}

/// An Điều: "Điều 5. Tên", then its khoản and điểm.
#[derive(Debug, Clone, PartialEq)]
pub struct Dieu {
    pub ten: Option<String>,
    pub noi_dung: Vec<Block>,
}

/// A paragraph of the body. Numbering is kept as the clerk typed it; what
/// the body parser read from it (its list marker, why it is or is not a
/// heading) is kept with it, so the review and the warnings read one truth.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    pub runs: Vec<Run>,
    /// Where its text is in the markup string it was parsed from.
    pub vi_tri: std::ops::Range<usize>,
    /// The list marker it starts with ("II.", "2.", "1.1.", "đ)", "- ").
    pub so_muc: Option<SoMuc>,
    /// Why it is set as a heading, or not.
    pub vi_sao: ViSao,
}

impl Block {
    /// A paragraph of plain text (no marker read, no heading).
    pub fn doan(runs: Vec<Run>) -> Self {
        Block {
            kind: BlockKind::Paragraph,
            runs,
            vi_tri: 0..0,
            so_muc: None,
            vi_sao: ViSao::TuChu,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// Ordinary justified paragraph with a first-line indent (dash items too).
    Paragraph,
    /// "I. HIỆN TRẠNG", or a numbered title such as "2. Sở Tư pháp": bold.
    Heading,
    /// A line the clerk centred ("[giữa] QUYẾT NGHỊ:", a sub-title).
    Centred,
    /// A line the clerk set right ("[phải] Đơn vị tính: triệu đồng").
    Right,
}

/// A paragraph's list marker, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SoMuc {
    pub cap: CapSoMuc,
    /// Its rank in its sequence: "III." 3, "1.2." 2, "đ)" 5; `None` for a
    /// dash, and for a letter outside the Vietnamese alphabet ("f)").
    pub thu_tu: Option<u32>,
    /// The marker as typed, without the space after it ("1.2.", "đ)").
    pub nhan: String,
}

/// The kinds of list marker, outermost first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CapSoMuc {
    /// "I.", "II." (parts of a plan or report).
    LaMa,
    /// "1.", "1.1.", "1.1.2.": the number of levels.
    So(usize),
    /// "a)", "đ)".
    Chu,
    /// "- ", "+ ".
    Gach,
    /// "Phần I", "Chương II", "Mục 1", "Điều 5.": a division of the
    /// document written in the text; it ends every list before it.
    PhanChia,
}

impl CapSoMuc {
    /// How deep in a list it stands (I. = 0, 1. = 1, 1.1. = 2, …, a) = 9):
    /// an item of a lower depth ends the lists below it.
    pub fn sau(self) -> Option<usize> {
        match self {
            CapSoMuc::LaMa => Some(0),
            CapSoMuc::So(n) => Some(n),
            CapSoMuc::Chu => Some(9),
            CapSoMuc::Gach | CapSoMuc::PhanChia => None,
        }
    }
}

/// Why a paragraph is set as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViSao {
    /// The clerk said so: "# " (a heading) or "\\" (never one).
    Danh,
    /// Its own text: a Roman numeral, or a number and no final punctuation,
    /// makes a heading; anything else is plain.
    TuChu,
    /// A heading because another item of its list is one (items of one list
    /// look alike): the index of that item among the parsed paragraphs.
    CungCap(usize),
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

/// A task's text for a table cell or the export: paragraphs joined by a
/// space, a footnote's text in brackets where its mark was.
pub fn plain_text(blocks: &[Block]) -> String {
    blocks
        .iter()
        .map(|b| runs_text(&b.runs))
        .collect::<Vec<_>>()
        .join(" ")
}
/// The text of runs without their footnotes (for measuring and matching).
pub fn text_only(runs: &[Run]) -> String {
    runs.iter()
        .filter_map(|r| match r {
            Run::Text { text, .. } => Some(text.as_str()),
            Run::Footnote(_) => None,
        })
        .collect()
}

fn runs_text(runs: &[Run]) -> String {
    runs.iter()
        .map(|r| match r {
            Run::Text { text, .. } => text.clone(),
            Run::Footnote(inner) => format!(" ({})", runs_text(inner)),
        })
        .collect()
}
