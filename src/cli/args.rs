//! The command line's shape: commands, arguments and their Vietnamese help
//! (clap); what each one does is in `main.rs`.

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};
use vanban::output::Format;
use vanban::{Compiler, Error};

const HELP: &str = "\
{about}

Cách dùng: {usage}

{all-args}
";

#[derive(Parser)]
#[command(
    name = "vanban",
    version,
    about = "Soạn văn bản hành chính đúng thể thức Nghị định 30/2020/NĐ-CP: từ tệp TOML ra PDF.",
    help_template = HELP,
    subcommand_help_heading = "Lệnh",
    subcommand_value_name = "LỆNH",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// In hướng dẫn này
    #[arg(short = 'h', long = "help", action = clap::ArgAction::Help, global = true, help_heading = "Tùy chọn")]
    pub help: (),
    /// In số phiên bản
    #[arg(short = 'V', long = "version", action = clap::ArgAction::Version, help_heading = "Tùy chọn")]
    pub version: (),
    /// Coi cảnh báo là lỗi: có cảnh báo thì không tạo tệp nào (dùng trước khi trình ký)
    #[arg(long, global = true, help_heading = "Tùy chọn")]
    pub nghiem: bool,
    /// Cho phép văn bản đọc tệp số liệu, danh bạ nằm ngoài thư mục của nó (mặc định: chỉ thư mục chứa văn bản và thư mục con)
    #[arg(long, global = true, help_heading = "Tùy chọn")]
    pub cho_phep_ngoai: bool,
}

/// The global options that decide how a document is read.
pub struct Flags {
    pub strict: bool,
    pub reach: vanban::load::Reach,
}

/// What `render` and `watch` take: a document and where its PDF goes.
#[derive(clap::Args)]
pub struct TaoPdf {
    /// Tệp văn bản TOML (ví dụ examples/cong-van.toml)
    #[arg(value_name = "TỆP.toml", help_heading = "Tham số")]
    pub input: PathBuf,
    /// Tệp PDF cần tạo (mặc định: cùng tên, cùng thư mục với tệp TOML)
    #[arg(short, long, value_name = "TỆP.pdf", help_heading = "Tùy chọn")]
    pub output: Option<PathBuf>,
    /// Thư mục chứa phông Times New Roman của cơ quan (4 kiểu: thường, đậm, nghiêng, đậm nghiêng)
    #[arg(long, value_name = "THƯ_MỤC", help_heading = "Tùy chọn")]
    pub font_dir: Option<PathBuf>,
    /// Không rà soát trước khi tạo (mặc định: lỗi rà soát như thiếu "Như trên" thì không tạo PDF)
    #[arg(long, help_heading = "Tùy chọn")]
    pub khong_ra_soat: bool,
    #[command(flatten)]
    pub dang: DangArgs,
    #[command(flatten)]
    pub dien_tu: DienTuArgs,
}

/// `--dang` (`render`, `watch`, `batch`).
#[derive(clap::Args)]
pub struct DangArgs {
    /// Tạo pdf (mặc định; render: theo đuôi tệp -o), docx (tệp Word để sửa trước khi ký), hoặc nhiều dạng cách nhau bằng dấu phẩy (pdf,docx; ca-hai là cả hai)
    #[arg(
        long,
        value_name = "ĐỊNH_DẠNG",
        value_delimiter = ',',
        value_parser = dang_values(),
        hide_possible_values = true,
        help_heading = "Tùy chọn"
    )]
    pub dang: Vec<String>,
}

/// What `--dang` accepts: every format's name, and `ca-hai` for PDF and Word.
fn dang_values() -> clap::builder::PossibleValuesParser {
    let mut names = vanban::output::names();
    names.push(vanban::output::CA_HAI);
    clap::builder::PossibleValuesParser::new(names)
}

impl DangArgs {
    /// The formats asked for, in order, or those of `output`'s extension
    /// (`-o x.docx` makes a Word file), or the PDF. The output's extension,
    /// when it names a format, must be the first one's.
    pub fn formats(&self, output: Option<&Path>) -> Result<Vec<&'static dyn Format>, Error> {
        let by_extension = output
            .and_then(|o| o.extension())
            .and_then(|e| vanban::output::named(&e.to_string_lossy()));
        let mut formats: Vec<&'static dyn Format> = Vec::new();
        for name in &self.dang {
            for f in vanban::output::chon(name).into_iter().flatten() {
                if !formats.iter().any(|g| g.ten() == f.ten()) {
                    formats.push(f);
                }
            }
        }
        match (formats.first(), by_extension) {
            (None, by_extension) => Ok(vec![by_extension.unwrap_or(&vanban::output::PDF)]),
            (Some(first), Some(ext)) if first.ten() != ext.ten() => Err(Error::Refused {
                message: format!(
                    "tệp ra là {} (.{}) nhưng --dang đòi tạo {} trước",
                    ext.ten_goi(),
                    ext.ten(),
                    first.ten_goi()
                ),
                hint: format!(
                    "bỏ --dang, hoặc đặt tên tệp ra .{} (các dạng sau ghi cạnh nó, cùng tên)",
                    first.ten()
                ),
            }),
            _ => Ok(formats),
        }
    }
}

/// PDF/A and signature fields (`render`, `watch`, `batch`).
#[derive(clap::Args)]
pub struct DienTuArgs {
    /// Bắt buộc tạo PDF/A-2u để lưu trữ (mặc định: PDF/A khi văn bản có ngày ban hành đầy đủ)
    #[arg(long, conflicts_with = "khong_pdfa", help_heading = "Văn bản điện tử")]
    pub pdfa: bool,
    /// Tạo PDF thường, không phải PDF/A
    #[arg(long, help_heading = "Văn bản điện tử")]
    pub khong_pdfa: bool,
    /// Thêm ô ký số trống (người ký, dấu cơ quan, góc phải trang đầu mỗi phụ lục) và tệp TỆP.o-ky.json ghi tọa độ
    #[arg(long, help_heading = "Văn bản điện tử")]
    pub o_ky: bool,
}

impl DienTuArgs {
    pub fn yeu_cau(&self) -> vanban::dien_tu::YeuCau {
        vanban::dien_tu::YeuCau {
            pdfa: match (self.pdfa, self.khong_pdfa) {
                (true, _) => Some(true),
                (_, true) => Some(false),
                _ => None,
            },
            o_ky: self.o_ky,
        }
    }
}

impl TaoPdf {
    pub fn compiler(&self) -> Result<Compiler, Error> {
        match &self.font_dir {
            Some(dir) => Compiler::with_font_dir(dir),
            None => Ok(Compiler::new()),
        }
    }

    /// Where the first format's file goes: `-o`, or beside the document.
    pub fn output(&self, first: &dyn Format) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.input.with_extension(first.ten()))
    }

    /// The formats asked for (`--dang`, or `-o`'s extension).
    pub fn formats(&self) -> Result<Vec<&'static dyn Format>, Error> {
        self.dang.formats(self.output.as_deref())
    }
}

/// What `batch` takes.
#[derive(clap::Args)]
pub struct TaoHangLoat {
    /// Văn bản mẫu TOML; các trường có thể dùng biểu thức {{ don_vi.ten }}, {{ row.ten_cot | so }}, {% if … %}…{% endif %}
    #[arg(value_name = "TỆP_MẪU.toml", help_heading = "Tham số")]
    pub input: PathBuf,
    /// Tệp số liệu, mỗi dòng một đơn vị nhận: .csv, .xlsx hoặc .toml ([[don_vi]])
    #[arg(long = "data", value_name = "TỆP_SỐ_LIỆU", help_heading = "Tùy chọn")]
    pub data: PathBuf,
    /// Thư mục ghi các tệp PDF và manifest.csv, manifest.json
    #[arg(short, long, value_name = "THƯ_MỤC", help_heading = "Tùy chọn")]
    pub output: PathBuf,
    /// Mẫu tên tệp; giá trị thay vào được viết không dấu (mặc định: "{{ so }}-{{ don_vi.ten }}.pdf")
    #[arg(long, value_name = "MẪU_TÊN", help_heading = "Tùy chọn")]
    pub ten: Option<String>,
    /// Ghi thêm một tệp PDF gộp tất cả văn bản để in
    #[arg(long, value_name = "TỆP.pdf", help_heading = "Tùy chọn")]
    pub gop: Option<PathBuf>,
    /// Cột ghi đơn vị nhận (tiêu đề hoặc chữ cột), khi tiêu đề không phải "Đơn vị" hay "ma"
    #[arg(long, value_name = "CỘT", help_heading = "Tùy chọn")]
    pub cot_don_vi: Option<String>,
    /// Số văn bản dàn trang cùng lúc (mặc định: số nhân CPU)
    #[arg(long, value_name = "SỐ", help_heading = "Tùy chọn")]
    pub luong: Option<usize>,
    /// Thư mục chứa phông Times New Roman của cơ quan
    #[arg(long, value_name = "THƯ_MỤC", help_heading = "Tùy chọn")]
    pub font_dir: Option<PathBuf>,
    /// Xóa các văn bản của lượt tạo trước (ghi trong manifest.json cũ của thư mục) mà lượt này không tạo lại, nếu chưa bị sửa
    #[arg(long, help_heading = "Tùy chọn")]
    pub xoa_cu: bool,
    #[command(flatten)]
    pub dang: DangArgs,
    #[command(flatten)]
    pub dien_tu: DienTuArgs,
}

#[derive(Subcommand)]
pub enum Command {
    /// Tạo tệp PDF từ một tệp văn bản TOML
    #[command(help_template = HELP, override_usage = "vanban render [-o TỆP.pdf] [--font-dir THƯ_MỤC] <TỆP.toml>")]
    Render(TaoPdf),
    /// Tạo hàng loạt: mỗi đơn vị trong tệp số liệu một văn bản PDF riêng
    #[command(help_template = HELP, override_usage = "vanban batch <TỆP_MẪU.toml> --data <TỆP_SỐ_LIỆU> -o <THƯ_MỤC> [--ten MẪU_TÊN] [--gop TỆP.pdf]")]
    Batch(TaoHangLoat),
    /// Tạo tệp khởi đầu có chú thích cho một loại văn bản (hoặc văn bản mẫu tạo hàng loạt)
    #[command(help_template = HELP, override_usage = "vanban init <LOẠI> [TỆP.toml]")]
    Init {
        /// Loại văn bản: cong_van, ke_hoach, thong_bao, bao_cao, to_trinh, quyet_dinh… hoặc hang_loat (văn bản mẫu kèm tệp số liệu)
        #[arg(value_name = "LOẠI", help_heading = "Tham số")]
        loai: String,
        /// Tệp cần tạo (mặc định: tên loại, ví dụ ke-hoach.toml); không ghi đè tệp có sẵn
        #[arg(value_name = "TỆP.toml", help_heading = "Tham số")]
        output: Option<PathBuf>,
    },
    /// Ghi lược đồ JSON (JSON Schema) của tệp văn bản, để trình soạn thảo gợi ý khóa và báo lỗi khi gõ
    #[command(help_template = HELP, override_usage = "vanban schema [-o TỆP.json]")]
    Schema {
        /// Ghi ra tệp thay vì in ra màn hình
        #[arg(short, long, value_name = "TỆP.json", help_heading = "Tùy chọn")]
        output: Option<PathBuf>,
    },
    /// Xuất danh sách nhiệm vụ (đơn vị, thời hạn đã tính) ra CSV hoặc JSON để theo dõi
    #[command(help_template = HELP, override_usage = "vanban tasks [--format csv|json] [-o TỆP] <TỆP.toml>")]
    Tasks {
        /// Tệp văn bản TOML có các nhiệm vụ [[nhiem_vu]]
        #[arg(value_name = "TỆP.toml", help_heading = "Tham số")]
        input: PathBuf,
        #[command(flatten)]
        xuat: XuatDanhSach,
    },
    /// Cấp số văn bản đi: số tiếp theo trong sổ, ngày ban hành, tạo PDF cuối cùng (PDF/A) và vào sổ đăng ký
    #[command(help_template = HELP, override_usage = "vanban cap-so [--ngay NGÀY] [--thu] [--so-dang-ky TỆP] [--ten-so TÊN] <TỆP.toml>")]
    CapSo {
        /// Văn bản đã rà soát, chờ cấp số
        #[arg(value_name = "TỆP.toml", help_heading = "Tham số")]
        input: PathBuf,
        /// Ngày ban hành, ví dụ 2024-05-31 hoặc 31/5/2024 (mặc định: hôm nay, giờ Việt Nam)
        #[arg(long, value_name = "NGÀY", help_heading = "Tùy chọn")]
        ngay: Option<String>,
        /// Chỉ cho biết số sẽ cấp, không cấp
        #[arg(long, help_heading = "Tùy chọn")]
        thu: bool,
        #[command(flatten)]
        so: SoDangKyArgs,
        /// Người cấp số ghi vào sổ (mặc định: tên người dùng của máy)
        #[arg(long, value_name = "TÊN", help_heading = "Tùy chọn")]
        nguoi_cap: Option<String>,
    },
    /// In sổ đăng ký văn bản đi của một năm ra CSV (Excel) hoặc JSON
    #[command(help_template = HELP, override_usage = "vanban so-van-ban [--nam NĂM] [--format csv|json] [-o TỆP] [--so-dang-ky TỆP]\n       vanban so-van-ban --khoa-so NĂM [--ten-so TÊN]")]
    SoVanBan {
        /// Năm (mặc định: năm nay)
        #[arg(long, value_name = "NĂM", help_heading = "Tùy chọn")]
        nam: Option<i32>,
        #[command(flatten)]
        so: SoDangKyArgs,
        #[command(flatten)]
        xuat: XuatDanhSach,
        /// Khóa sổ năm này (cuối năm): sau đó không thêm, sửa, xóa số nào của năm
        #[arg(long, value_name = "NĂM", conflicts_with_all = ["nam", "format", "output"], help_heading = "Tùy chọn")]
        khoa_so: Option<i32>,
    },
    /// Theo dõi tệp văn bản: mỗi lần lưu (cả tệp số liệu) là tạo lại PDF, như xem trước khi in
    #[command(help_template = HELP, override_usage = "vanban watch [-o TỆP.pdf] <TỆP.toml>")]
    Watch(TaoPdf),
    /// Mở thư mục văn bản trong trình duyệt: danh sách, soạn thảo, xem trang khi gõ, rà soát, tải PDF và Word
    #[command(help_template = HELP, override_usage = "vanban serve [--cong CỔNG] [--mo] [THƯ_MỤC]")]
    Serve {
        /// Thư mục chứa các tệp văn bản TOML (mặc định: thư mục hiện tại)
        #[arg(value_name = "THƯ_MỤC", default_value = ".", hide_default_value = true, help_heading = "Tham số")]
        thu_muc: PathBuf,
        /// Cổng (mặc định 8030; 0 là một cổng còn trống bất kỳ)
        #[arg(long, value_name = "CỔNG", default_value_t = 8030, hide_default_value = true, help_heading = "Tùy chọn")]
        cong: u16,
        /// Địa chỉ nghe (mặc định 127.0.0.1: chỉ máy này); 0.0.0.0 mở cho các máy trong mạng, cần --mat-khau-tep
        #[arg(long, value_name = "ĐỊA_CHỈ", default_value = "127.0.0.1", hide_default_value = true, help_heading = "Tùy chọn")]
        dia_chi: std::net::IpAddr,
        /// Tệp có mật khẩu ở dòng đầu (ít nhất 10 ký tự): trình duyệt phải đăng nhập bằng mật khẩu này
        #[arg(long, value_name = "TỆP", help_heading = "Tùy chọn")]
        mat_khau_tep: Option<PathBuf>,
        /// Mở trình duyệt của máy ở địa chỉ đó
        #[arg(long, help_heading = "Tùy chọn")]
        mo: bool,
    },
    /// Rà soát văn bản trước khi trình ký: Nơi nhận, chữ ký, đánh số, ngày, thời hạn, chữ viết tắt…
    #[command(help_template = HELP, override_usage = "vanban check [--json] <TỆP.toml>…\n       vanban check [--json] <TỆP_MẪU.toml> --data <TỆP_SỐ_LIỆU>")]
    Check {
        /// Các tệp văn bản TOML cần rà soát
        #[arg(value_name = "TỆP.toml", required = true, help_heading = "Tham số")]
        input: Vec<PathBuf>,
        /// In kết quả dạng JSON (cho trình soạn thảo, CI)
        #[arg(long, help_heading = "Tùy chọn")]
        json: bool,
        /// Rà soát văn bản mẫu tạo hàng loạt: văn bản của từng đơn vị trong tệp số liệu này
        #[arg(long = "data", value_name = "TỆP_SỐ_LIỆU", help_heading = "Tùy chọn")]
        data: Option<PathBuf>,
        /// Cột ghi đơn vị nhận (cùng --data), khi tiêu đề không phải "Đơn vị" hay "ma"
        #[arg(long, value_name = "CỘT", requires = "data", help_heading = "Tùy chọn")]
        cot_don_vi: Option<String>,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum ListFormat {
    Csv,
    Json,
}

/// Which register: its file and, within a body, which sequence.
#[derive(clap::Args)]
pub struct SoDangKyArgs {
    /// Tệp sổ đăng ký (mặc định: so-van-ban.sqlite trong thư mục hiện tại)
    #[arg(long, value_name = "TỆP", help_heading = "Tùy chọn")]
    pub so_dang_ky: Option<PathBuf>,
    /// Sổ riêng khi cơ quan đánh số riêng, ví dụ quyet_dinh (mặc định: chung; khi in sổ: mọi sổ)
    #[arg(long, value_name = "TÊN", help_heading = "Tùy chọn")]
    pub ten_so: Option<String>,
}

impl SoDangKyArgs {
    pub fn tep(&self) -> PathBuf {
        self.so_dang_ky
            .clone()
            .unwrap_or_else(|| PathBuf::from(vanban::so_dang_ky::TEP_MAC_DINH))
    }
}

/// A list for Excel (CSV) or a script (JSON), to a file or the screen.
#[derive(clap::Args)]
pub struct XuatDanhSach {
    /// Định dạng: csv (mở bằng Excel, mặc định) hoặc json
    #[arg(
        long,
        value_enum,
        default_value = "csv",
        hide_default_value = true,
        hide_possible_values = true,
        value_name = "ĐỊNH_DẠNG",
        help_heading = "Tùy chọn"
    )]
    pub format: ListFormat,
    /// Ghi ra tệp thay vì in ra màn hình
    #[arg(short, long, value_name = "TỆP", help_heading = "Tùy chọn")]
    pub output: Option<PathBuf>,
}

impl XuatDanhSach {
    /// `bytes` to the file (never over one of `read`), or to the screen;
    /// the file written, if any.
    pub fn ghi(&self, bytes: &[u8], read: &[&Path]) -> Result<Option<&Path>, Error> {
        match &self.output {
            Some(path) => {
                vanban::write::refuse_overwriting(path, read)?;
                vanban::write::write_atomic(path, bytes)?;
                Ok(Some(path))
            }
            None => {
                use std::io::Write;
                let mut stdout = std::io::stdout().lock();
                stdout
                    .write_all(bytes)
                    .and_then(|()| stdout.flush())
                    .map_err(Error::Stdout)?;
                Ok(None)
            }
        }
    }
}
