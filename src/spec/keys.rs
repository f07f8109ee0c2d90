//! The tables and keys of a văn bản TOML file, and of a units directory.
//! Key order is the order of the README's tables and of "valid keys" hints.

use super::{Key, Need, Table, Value, codes};
use crate::model::{
    Can, CotNhiemVu, DangNgay, DanhSoCot, DoKhan, DoMat, KieuCot, NhanPhuLuc, PhepGop, QuyTac,
    QuyenHan, SoTrang, TrinhBay, ViTriDong,
};

/// One key: name, value, need, what the loader asks for when it is
/// missing, meaning, example, and `default = "…"` where absence means
/// something. A macro rather than a function so rustfmt keeps each key on
/// three or four lines.
macro_rules! key {
    ($name:literal, $value:expr, $need:expr, $expected:literal, $about:literal, $example:literal $(, default = $default:literal)? $(, markup = $inline:literal)? $(,)?) => {
        Key {
            name: $name,
            value: $value,
            need: $need,
            expected: $expected,
            about: $about,
            example: $example,
            default: key!(@default $($default)?),
            inline_markup: key!(@inline $($inline)?),
        }
    };
    (@default $d:literal) => { Some($d) };
    (@default) => { None };
    (@inline $m:literal) => { $m };
    (@inline) => { false };
}

fn loai_codes() -> Vec<&'static str> {
    crate::loai::all().iter().map(|l| l.ma.as_str()).collect()
}

fn do_mat() -> Vec<&'static str> {
    DoMat::ALL.iter().map(|d| d.label()).collect()
}

fn do_khan() -> Vec<&'static str> {
    DoKhan::ALL.iter().map(|d| d.label()).collect()
}

fn quyen_han() -> Vec<&'static str> {
    QuyenHan::ALL.iter().map(|q| q.abbreviation()).collect()
}

use Need::{No, Yes};

mod kem_theo;
pub use kem_theo::*;

/// The top level of a văn bản.
pub static ROOT: Table = Table {
    path: "",
    about: "Một văn bản hành chính theo Nghị định 30/2020/NĐ-CP",
    keys: &[
        key! { "loai", Value::Choice(loai_codes), No, "loại văn bản, ví dụ \"ke_hoach\"",
        "Loại văn bản: `cong_van` (mặc định), `ke_hoach`, `thong_bao`, `bao_cao`, `to_trinh`, `quyet_dinh`… (mọi loại ở Phụ lục III, bảng `data/loai_van_ban.toml`)",
        "\"ke_hoach\"",
        default = "cong_van" },
        key! { "danh_ba", Value::Text, No, "tên danh bạ có sẵn (\"tay-ninh\") hoặc đường dẫn tệp .toml",
        "Danh bạ đơn vị: `\"tay-ninh\"` (có sẵn) hoặc đường dẫn tệp danh bạ riêng trong thư mục của tệp văn bản hay thư mục con (xem \"Đơn vị\")",
        "\"tay-ninh\"" },
        key! { "don_vi", Value::Units(&DON_VI), No, "bảng [don_vi]: mã = \"Tên đơn vị\"",
        "Thêm hoặc sửa đơn vị ngay trong văn bản: `mã = \"Tên\"` hoặc `mã = { ten = \"…\", ten_ngan = \"…\" }`",
        "{ stp = \"Sở Tư pháp\" }" },
        key! { "co_quan", Value::Table(&CO_QUAN), Yes, "bảng [co_quan] với khóa `ten`",
        "Cơ quan ban hành và cơ quan chủ quản (ô 2), bảng `[co_quan]`",
        "{ ten = [\"ỦY BAN NHÂN DÂN\", \"TỈNH TÂY NINH\"] }" },
        key! { "so", Value::SoVanBan, No, "một số nguyên dương, ví dụ so = 1612",
        "Số văn bản (ô 3); số nhỏ hơn 10 tự thêm số 0 (`07`); văn bản quy phạm ghi số/năm (`\"15/2024\"` in \"Số: 15/2024/QĐ-UBND\"; chưa có số: `\"/2024\"`); bỏ trống thì để chỗ cho văn thư điền",
        "1612" },
        key! { "ky_hieu", Value::Text, Yes, "ký hiệu văn bản, ví dụ \"UBND-KSTT\"",
        "Ký hiệu, không dấu cách; văn bản có tên loại bắt đầu bằng chữ viết tắt của loại (`KH-UBND`, `QĐ-UBND`, `TTr-UBND`); in đúng như ghi, `check` nhắc viết hoa (VB021) trừ chữ viết tắt chính thức như `TTr`, `TTg`",
        "\"UBND-KSTT\"" },
        key! { "dia_danh", Value::Text, Yes, "địa danh, ví dụ \"Tây Ninh\"",
        "Địa danh (ô 4)",
        "\"Tây Ninh\"" },
        key! { "ngay", Value::Date, No, "ngày ban hành dạng 2024-05-31 hoặc \"31/5/2024\"; bản nháp có thể ghi \"5/2024\" hay \"2024\"",
        "Ngày ban hành (`2024-05-31` hoặc `\"31/5/2024\"`; dự thảo: `\"5/2024\"`, `\"2024\"` hoặc bỏ dòng); ngày 1–9 và tháng 1, 2 tự thêm số 0 (`ngày 05 tháng 01`); thiếu phần nào để trống phần đó",
        "2024-05-31" },
        key! { "trich_yeu", Value::Lines, Yes, "trích yếu nội dung văn bản",
        "Trích yếu: công văn in \"V/v …\" dưới số, ký hiệu (ô 5b); loại khác in đậm dưới tên loại (ô 5a). Một chuỗi: vanban tự xuống dòng cho các dòng dài gần bằng nhau; danh sách chuỗi: mỗi chuỗi một dòng",
        "\"triển khai Chỉ thị số 16/CT-TTg của Thủ tướng Chính phủ\"" },
        key! { "kinh_gui", Value::Items, Need::When("công văn, tờ trình"), "nơi gửi: một chuỗi hoặc danh sách chuỗi",
        "Nơi gửi (ô 9a): một nơi in cùng dòng \"Kính gửi:\"; nhiều nơi mỗi nơi một dòng \"- …;\", nơi cuối kết thúc \".\"; ghi tên hoặc mã đơn vị",
        "[\"Công an tỉnh\", \"Các sở, ban, ngành tỉnh\"]" },
        key! { "noi_dung", Value::Markup, Need::When("khi không có `muc`"), "nội dung văn bản (chuỗi nhiều dòng '''…''') hoặc các mục [[muc]]",
        "Nội dung (ô 6), theo quy ước soạn thảo (mục \"Quy ước soạn thảo\"); có `muc` thì là phần mở đầu",
        "\"Thực hiện Chỉ thị số 16/CT-TTg …, UBND tỉnh yêu cầu:\"" },
        key! { "muc", Value::Tables(&MUC), No, "các bảng [[muc]]",
        "Các mục `[[muc]]` đánh số tự động I., 1., 1.1., a) (xem \"Mục và nhiệm vụ\")",
        "[{ tieu_de = \"Mục đích, yêu cầu\", noi_dung = \"…\" }]" },
        key! { "ket_luan", Value::Markup, No, "đoạn kết",
        "Đoạn kết sau các mục (\"Trên đây là …./.\"); văn bản có Điều: đoạn sau Điều cuối (câu thông qua của nghị quyết)",
        "\"Trên đây là Kế hoạch … của UBND tỉnh./.\"" },
        key! { "nhiem_vu", Value::Tables(&NHIEM_VU), No, "các bảng [[nhiem_vu]]",
        "Các nhiệm vụ `[[nhiem_vu]]`: nội dung, đơn vị chủ trì, phối hợp, thời hạn (xem \"Mục và nhiệm vụ\")",
        "[{ noi_dung = \"Rà soát thủ tục hành chính.\", chu_tri = \"stp\" }]" },
        key! { "phu_luc", Value::Tables(&PHU_LUC), No, "các bảng [[phu_luc]]",
        "Các phụ lục `[[phu_luc]]`, mỗi phụ lục sang trang mới (xem \"Phụ lục\")",
        "[{ tieu_de = \"Danh mục thủ tục hành chính\", noi_dung = \"…\" }]" },
        key! { "van_ban_kem_theo", Value::Tables(&VAN_BAN_KEM_THEO), No, "các bảng [[van_ban_kem_theo]]",
        "Văn bản ban hành kèm theo (Quy chế, Quy định, Điều lệ…) `[[van_ban_kem_theo]]`: sang trang mới, có Chương, Mục, Điều (xem \"Văn bản kèm theo\")",
        "[{ loai = \"quy_che\", ten = \"Làm việc của Ủy ban nhân dân xã\" }]" },
        key! { "tham_quyen", Value::Lines, Need::When("quyết định; nghị quyết có Điều"), "thẩm quyền ban hành, ví dụ \"CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TÂY NINH\"",
        "Văn bản có Điều: thẩm quyền ban hành, in hoa đậm giữa trang; nhiều dòng thì ghi danh sách (\"HỘI ĐỒNG NHÂN DÂN TỈNH …\", \"KHÓA X, KỲ HỌP THỨ 5\")",
        "\"Chủ tịch Ủy ban nhân dân tỉnh Tây Ninh\"" },
        key! { "can_cu", Value::Items, Need::When("quyết định; nghị quyết có Điều"), "danh sách căn cứ ban hành, mỗi căn cứ một chuỗi",
        "Văn bản có Điều: các căn cứ, in nghiêng mỗi căn cứ một dòng (vanban tự thêm \";\" và \".\")",
        "[\"Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015\"]" },
        key! { "dieu", Value::MarkupList, Need::When("quyết định; nghị quyết có Điều"), "danh sách các Điều, mỗi Điều một chuỗi '''…'''",
        "Văn bản có Điều (quyết định; nghị quyết của Hội đồng nhân dân): các Điều, mỗi Điều một chuỗi; \"Điều 1.\", \"Điều 2.\"… tự đánh số; đoạn đầu ghi `# Tên Điều` thì cả dòng in đậm",
        "[\"Quyết định này có hiệu lực kể từ ngày ký./.\"]" },
        key! { "noi_nhan", Value::Items, No, "danh sách nơi nhận, kết thúc bằng \"Lưu: VT, …\"",
        "Nơi nhận (ô 9b); mục \"Lưu: …\" đứng cuối; vanban tự thêm \"- \" và \";\" / \".\"; ghi tên hoặc mã đơn vị. Văn bản không có Nơi nhận thì bỏ khóa (`check` nhắc, VB002)",
        "[\"Như trên\", \"Lưu: VT, KSTT\"]" },
        key! { "chu_ky", Value::Table(&CHU_KY), Yes, "bảng [chu_ky] với `chuc_vu` và `ho_ten`",
        "Quyền hạn, chức vụ, họ tên người ký (ô 7), bảng `[chu_ky]`",
        "{ chuc_vu = \"CHỦ TỊCH\", ho_ten = \"Nguyễn Văn A\" }" },
        key! { "do_mat", Value::Label(do_mat), No, "MẬT, TỐI MẬT, TUYỆT MẬT",
        "Độ mật: `MẬT`, `TỐI MẬT`, `TUYỆT MẬT` (ô 10a)",
        "\"MẬT\"" },
        key! { "do_khan", Value::Label(do_khan), No, "KHẨN, THƯỢNG KHẨN, HỎA TỐC",
        "Độ khẩn: `KHẨN`, `THƯỢNG KHẨN`, `HỎA TỐC` (ô 10b, khung đỏ 20/40/30 × 8 mm)",
        "\"KHẨN\"" },
        key! { "du_thao", Value::Bool, No, "true hoặc false (không có dấu nháy)",
        "Dự thảo: `true` in khung \"DỰ THẢO\" ở góc trên trang 1",
        "true",
        default = "false" },
        key! { "ky_hieu_nguoi_soan", Value::Text, No, "chữ viết tắt tên người soạn thảo, in hoa, ví dụ \"PL\"",
        "Ô 12, dưới Nơi nhận, cỡ 11: ký hiệu người soạn thảo (in hoa)",
        "\"PL\"" },
        key! { "so_ban", Value::Integer { min: 1, max: 100_000, digits: false }, No, "một số nguyên từ 1 đến 100000",
        "Ô 12: số lượng bản phát hành; cùng `ky_hieu_nguoi_soan` in \"PL.(300)\"",
        "300" },
        key! { "chu_thich", Value::Notes, No, "bảng [chu_thich]: mã = \"nội dung chú thích\"",
        "Chú thích dùng ở mọi chỗ: tiêu đề cột và nhóm cột, ô bảng (cuối ô), ghi chú dưới bảng, tên phụ lục, dòng kèm theo, nội dung, nhiệm vụ; dẫn bằng `[^mã]`, đánh số 1, 2, 3… theo thứ tự xuất hiện trong cả văn bản, in ở chân trang có dấu",
        "{ nguon = \"Số liệu của Cục Thống kê tỉnh.\" }" },
        key! { "lien_he", Value::Table(&LIEN_HE), No, "bảng [lien_he]",
        "Thông tin liên hệ ở chân trang 1 (ô 13), cỡ 11, bảng `[lien_he]`",
        "{ dien_thoai = \"0276 3822 000\" }" },
        key! { "kiem_tra", Value::Table(&KIEM_TRA), No, "bảng [kiem_tra]",
        "Tùy chỉnh `vanban check` cho văn bản này, bảng `[kiem_tra]`",
        "{ bo_qua = { VB003 = \"Văn bản không có đơn vị soạn thảo riêng\" } }" },
        key! { "dien_tu", Value::Table(&DIEN_TU), No, "bảng [dien_tu]",
        "Tệp văn bản điện tử: PDF/A, ô ký số, bảng `[dien_tu]`",
        "{ o_ky = true }" },
    ],
};

pub static DIEN_TU: Table = Table {
    path: "dien_tu",
    about: "Tệp văn bản điện tử (PDF/A, ô ký số)",
    keys: &[
        key! { "pdfa", Value::Bool, No, "true hoặc false",
        "Tạo PDF/A-2u để lưu trữ: `true` bắt buộc (văn bản phải có ngày ban hành đầy đủ), `false` tạo PDF thường; như `--pdfa` / `--khong-pdfa`",
        "true",
        default = "PDF/A khi văn bản có ngày ban hành đầy đủ, PDF thường khi còn là dự thảo chưa có ngày" },
        key! { "o_ky", Value::Bool, No, "true hoặc false",
        "Thêm ô ký số trống (chữ ký người ký, dấu cơ quan ở trang cuối văn bản; góc trên bên phải trang đầu mỗi phụ lục) và tệp .o-ky.json ghi tọa độ; như `--o-ky`",
        "true",
        default = "false" },
    ],
};

pub static KIEM_TRA: Table = Table {
    path: "kiem_tra",
    about: "Tùy chỉnh việc rà soát văn bản (`vanban check`)",
    keys: &[
        key! { "bo_qua", Value::Reasons(codes::<QuyTac>), No, "bảng mã quy tắc = \"lý do\"",
        "Quy tắc không áp dụng cho văn bản này, mỗi quy tắc kèm lý do: `VB003 = \"…\"`",
        "{ VB003 = \"Văn bản không có đơn vị soạn thảo riêng\" }" },
    ],
};

/// What a batch template (`vanban batch`) may add at its top level; a
/// single document refuses it.
pub static MAU: Table = Table {
    path: "(văn bản mẫu)",
    about: "Khóa thêm của văn bản mẫu tạo hàng loạt (`vanban batch`)",
    keys: &[
        key! { "bien", Value::Any, No, "bảng [bien] (tên = giá trị)",
        "Giá trị dùng chung cho các biểu thức: `[bien.chi_tieu]` `dvc = 82` → `{{ chi_tieu.dvc }}`",
        "{ binh_quan = 77 }" },
    ],
};

pub static CO_QUAN: Table = Table {
    path: "co_quan",
    about: "Cơ quan ban hành văn bản (ô 2)",
    keys: &[
        key! { "chu_quan", Value::Lines, No, "tên cơ quan chủ quản",
        "Tên cơ quan chủ quản (ô 2, chữ in hoa đứng); một chuỗi hoặc danh sách dòng",
        "\"UBND TỈNH TÂY NINH\"" },
        key! { "ten", Value::Lines, Yes, "tên cơ quan ban hành, ví dụ [\"ỦY BAN NHÂN DÂN\", \"TỈNH TÂY NINH\"]",
        "Tên cơ quan ban hành (ô 2, in hoa đậm, có đường kẻ ngắn bên dưới); chuỗi hoặc danh sách dòng, ngắt dòng như muốn in",
        "[\"ỦY BAN NHÂN DÂN\", \"TỈNH TÂY NINH\"]" },
        key! { "ten_goi", Value::Text, Need::When("khi có phụ lục"), "tên gọi trong câu, ví dụ \"UBND tỉnh\"",
        "Tên cơ quan như viết trong câu (`\"UBND tỉnh\"`), dùng ở dòng \"(Kèm theo … của UBND tỉnh)\"",
        "\"UBND tỉnh\"" },
        key! { "anh_dau", Value::Text, No, "đường dẫn tệp ảnh dấu .png",
        "Ảnh con dấu cho văn bản điện tử (ô 8): PNG nền trong suốt, màu đỏ, in đúng kích thước thật, trùm khoảng 1/3 ảnh chữ ký về bên trái; tệp nằm trong thư mục của văn bản",
        "\"dau.png\"" },
        key! { "duong_kinh_dau", Value::Integer { min: 20, max: 60, digits: false }, No, "đường kính con dấu (mm), từ 20 đến 60",
        "Đường kính thật của con dấu, mm",
        "36",
        default = "36" },
    ],
};

pub static CHU_KY: Table = Table {
    path: "chu_ky",
    about: "Người ký văn bản (ô 7)",
    keys: &[
        key! { "thay_mat", Value::Text, No, "tên tập thể lãnh đạo, ví dụ \"ỦY BAN NHÂN DÂN\"",
        "Ký thay mặt tập thể: `\"ỦY BAN NHÂN DÂN\"` in \"TM. ỦY BAN NHÂN DÂN\"",
        "\"ỦY BAN NHÂN DÂN\"" },
        key! { "quyen_han", Value::Label(quyen_han), No, "quyền hạn ký: KT., Q., TL. hoặc TUQ.",
        "Quyền hạn ký: `KT.`, `Q.`, `TL.` hoặc `TUQ.`; đi kèm `chuc_vu_thu_truong`",
        "\"KT.\"" },
        key! { "chuc_vu_thu_truong", Value::Text, Need::When("khi có `quyen_han`"), "chức vụ người đứng đầu",
        "Chức vụ người đứng đầu: `\"CHỦ TỊCH\"` in \"KT. CHỦ TỊCH\"",
        "\"CHỦ TỊCH\"" },
        key! { "chuc_vu", Value::Lines, Yes, "chức vụ người ký, ví dụ \"PHÓ CHỦ TỊCH\"",
        "Chức vụ người ký (ô 7a); danh sách chuỗi: mỗi chuỗi một dòng",
        "\"CHỦ TỊCH\"" },
        key! { "ho_ten", Value::Text, Yes, "họ và tên người ký",
        "Họ tên người ký (ô 7b); giữa chức vụ và họ tên có khoảng 26 mm để ký, đóng dấu",
        "\"Nguyễn Văn A\"" },
        key! { "anh", Value::Text, No, "đường dẫn tệp ảnh chữ ký .png",
        "Ảnh chữ ký cho văn bản điện tử (ô 7c): PNG nền trong suốt, màu xanh, đặt giữa chức vụ và họ tên; tệp nằm trong thư mục của văn bản",
        "\"chu-ky.png\"" },
    ],
};

pub static LIEN_HE: Table = Table {
    path: "lien_he",
    about: "Thông tin liên hệ ở chân trang 1 (ô 13)",
    keys: &[
        key! { "dia_chi", Value::Text, No, "địa chỉ",
        "Địa chỉ cơ quan",
        "\"Số 83, đường Phạm Tung, Phường 3, thành phố Tây Ninh\"" },
        key! { "dien_thoai", Value::Text, No, "số điện thoại",
        "Số điện thoại",
        "\"0276 3822 000\"" },
        key! { "fax", Value::Text, No, "số fax",
        "Số fax",
        "\"0276 3822 001\"" },
        key! { "email", Value::Text, No, "địa chỉ thư điện tử",
        "Thư điện tử",
        "\"vanthu@tayninh.gov.vn\"" },
        key! { "website", Value::Text, No, "trang thông tin điện tử",
        "Trang thông tin điện tử",
        "\"tayninh.gov.vn\"" },
    ],
};

/// A unit of `[don_vi]` written as a table (`mã = { ten = "…" }`).
pub static DON_VI: Table = Table {
    path: "don_vi.<mã>",
    about: "Một đơn vị trong danh bạ: mã (chữ thường không dấu) = tên, hoặc bảng",
    keys: &[
        key! { "ten", Value::Text, Yes, "tên đầy đủ của đơn vị",
        "Tên đầy đủ của đơn vị",
        "\"Sở Thông tin và Truyền thông\"" },
        key! { "ten_ngan", Value::Text, No, "tên viết tắt",
        "Tên ngắn, dùng trong bảng khi `ten_ngan = true`",
        "\"Sở TT&TT\"" },
        key! { "thuoc", Value::Items, No, "mã nhóm đơn vị",
        "Các nhóm đơn vị thuộc về (mã): nhiệm vụ giao cho nhóm cũng là của đơn vị khi tạo hàng loạt",
        "\"so_ban_nganh\"" },
    ],
};

/// A units directory file named by `danh_ba`.
pub static DANH_BA: Table = Table {
    path: "(tệp danh bạ)",
    about: "Tệp danh bạ đơn vị riêng, đọc qua `danh_ba = \"…toml\"`",
    keys: &[
        key! { "don_vi", Value::Units(&DON_VI), Yes, "bảng [don_vi]",
        "Các đơn vị: mã = tên hoặc bảng",
        "{ stp = \"Sở Tư pháp\" }" },
    ],
};

pub static MUC: Table = Table {
    path: "muc",
    about: "Một mục của văn bản, đánh số tự động theo vị trí",
    keys: &[
        key! { "tieu_de", Value::Text, No, "tên mục, ví dụ \"MỤC ĐÍCH, YÊU CẦU\"",
        "Tên mục; cấp La Mã in hoa (\"I. MỤC ĐÍCH, YÊU CẦU\")",
        "\"Mục đích, yêu cầu\"" },
        key! { "noi_dung", Value::Markup, No, "nội dung của mục",
        "Nội dung của mục",
        "\"Triển khai kịp thời, hiệu quả …\"" },
        key! { "nhiem_vu", Value::Choice(codes::<TrinhBay>), No, "một lựa chọn",
        "Trình bày danh sách nhiệm vụ ở mục này: `theo_don_vi` (đề mục theo đơn vị chủ trì) hoặc `tung_nhiem_vu` (đánh số từng nhiệm vụ)",
        "\"tung_nhiem_vu\"" },
        key! { "muc", Value::Tables(&MUC), No, "các bảng [[muc]]",
        "Mục con `[[muc.muc]]` (tối đa 3 cấp)",
        "[{ tieu_de = \"Mục đích\" }]" },
    ],
};

pub static NHIEM_VU: Table = Table {
    path: "nhiem_vu",
    about: "Một nhiệm vụ giao cho đơn vị: ai làm gì, đến khi nào",
    keys: &[
        key! { "noi_dung", Value::Markup, Yes, "nội dung nhiệm vụ",
        "Nội dung nhiệm vụ",
        "\"Rà soát 100% thủ tục hành chính đủ điều kiện.\"" },
        key! { "chu_tri", Value::Items, Yes, "đơn vị chủ trì (mã trong danh bạ hoặc tên)",
        "Đơn vị chủ trì: một hay nhiều đơn vị (mã hoặc tên)",
        "\"vp_ubnd\"" },
        key! { "phoi_hop", Value::Items, No, "một chuỗi hoặc danh sách chuỗi (mã hoặc tên đơn vị)",
        "Đơn vị phối hợp (mã hoặc tên)",
        "[\"so_tttt\", \"các sở, ngành liên quan\"]" },
        key! { "thoi_han", Value::Deadline, No, "thời hạn",
        "Thời hạn, ghi như thường viết: `\"trước 20/6/2024\"`, `\"Quý III/2024\"`, `\"Thường xuyên\"`, `\"trong 10 ngày làm việc kể từ ngày ký\"` (xem \"Thời hạn\")",
        "\"trong 10 ngày làm việc kể từ ngày ký\"" },
        key! { "hoan_thanh", Value::Text, No, "lời mở đầu câu thời hạn, ví dụ \"Hoàn thành và báo cáo UBND tỉnh\"",
        "Lời mở đầu câu thời hạn khi trình bày theo đơn vị",
        "\"Hoàn thành và báo cáo về UBND tỉnh\"",
        default = "Hoàn thành" },
        key! { "don_vi_tinh", Value::Text, No, "đơn vị tính, ví dụ \"%\"",
        "Đơn vị tính của chỉ tiêu",
        "\"%\"" },
        key! { "chi_tieu", Value::Text, No, "chỉ tiêu giao, ví dụ \"Tối thiểu 80\"",
        "Chỉ tiêu giao",
        "\"Tối thiểu 80\"" },
        key! { "can_cu", Value::Text, No, "căn cứ thực hiện",
        "Căn cứ thực hiện",
        "\"Công văn số 221/VPCP-KSTT\"" },
    ],
};

pub static PHU_LUC: Table = Table {
    path: "phu_luc",
    about: "Một phụ lục kèm theo văn bản, sang trang mới",
    keys: &[
        key! { "tieu_de", Value::Lines, Yes, "tên phụ lục",
        "Tên phụ lục (in hoa đậm); một chuỗi tự chia dòng cân đối, danh sách chuỗi giữ đúng dòng; được dẫn chú thích `[^mã]`",
        "\"Danh mục thủ tục hành chính\"", markup = true },
        key! { "noi_dung", Value::Markup, No, "nội dung phụ lục",
        "Đoạn văn trong phụ lục",
        "\"…\"" },
        key! { "nhiem_vu", Value::Table(&BANG_NHIEM_VU), No, "một bảng [phu_luc.nhiem_vu]",
        "Bảng các nhiệm vụ của văn bản, bảng `[phu_luc.nhiem_vu]`",
        "{ ten_ngan = true }" },
        key! { "bang", Value::Tables(&BANG), No, "các bảng [[phu_luc.bang]]",
        "Các bảng số liệu `[[phu_luc.bang]]`",
        "[{ du_lieu = \"so-lieu.csv\", cot = [\"stt\"] }]" },
        key! { "ngang", Value::Bool, No, "true hoặc false (không có dấu nháy)",
        "`true`: khổ ngang; `false`: khổ đứng",
        "true",
        default = "ngang khi bảng nhiệm vụ có hơn 5 cột hoặc bảng số liệu hơn 7 cột" },
        key! { "nhan", Value::Choice(codes::<NhanPhuLuc>), No, "một lựa chọn",
        "Đầu đề: `la_ma` (\"Phụ lục I\", \"Phụ lục II\") hoặc `so` (\"PHỤ LỤC 1\", \"PHỤ LỤC 2\")",
        "\"so\"",
        default = "la_ma" },
        key! { "kem_theo", Value::SwitchOrLines, No, "true, false hoặc dòng \"(Kèm theo …)\" tự viết",
        "`false`: không in dòng \"(Kèm theo …)\"; một chuỗi hoặc danh sách chuỗi: in đúng dòng đó thay cho dòng tự tạo",
        "false",
        default = "true: tự tạo từ loại, số, ký hiệu, ngày và `co_quan.ten_goi`", markup = true },
        key! { "ngay_kem_theo", Value::Choice(codes::<DangNgay>), No, "một lựa chọn",
        "Cách ghi ngày trong dòng \"(Kèm theo …)\" tự tạo: `chu` (\"ngày 15 tháng 3 năm 2024\") hoặc `so` (\"ngày 15/3/2024\")",
        "\"so\"",
        default = "chu" },
        key! { "so_trang", Value::Choice(codes::<SoTrang>), No, "một lựa chọn",
        "`lai_tu_dau`: đánh số trang lại từ 1; `tiep`: đánh tiếp theo văn bản",
        "\"tiep\"",
        default = "lai_tu_dau" },
    ],
};

fn cot_nhiem_vu() -> Vec<&'static str> {
    codes::<CotNhiemVu>()
}

pub static BANG_NHIEM_VU: Table = Table {
    path: "phu_luc.nhiem_vu",
    about: "Bảng các nhiệm vụ trong phụ lục",
    keys: &[
        key! { "cot", Value::Columns { column: &COT_NHIEM_VU, codes: cot_nhiem_vu }, No, "danh sách cột, ví dụ [\"stt\", \"noi_dung\", \"chu_tri\"]",
        "Các cột: `stt`, `noi_dung`, `chu_tri`, `phoi_hop`, `thoi_han`, `don_vi_tinh`, `chi_tieu`, `can_cu`; `{ ma = …, tieu_de = … }` đổi tiêu đề; `{ nhom = …, cot = […] }` gộp tiêu đề 2 tầng",
        "[\"stt\", \"noi_dung\", \"chu_tri\", \"phoi_hop\", \"thoi_han\"]",
        default = "stt, noi_dung, chu_tri, phoi_hop, thoi_han" },
        key! { "ten_ngan", Value::Bool, No, "true hoặc false (không có dấu nháy)",
        "`true`: ghi đơn vị bằng tên ngắn (`ten_ngan` trong danh bạ)",
        "true",
        default = "false" },
    ],
};

pub static COT_NHIEM_VU: Table = Table {
    path: "phu_luc.nhiem_vu.cot[]",
    about: "Một cột của bảng nhiệm vụ, khi đổi tiêu đề",
    keys: &[
        key! { "ma", Value::Choice(cot_nhiem_vu), Yes, "mã cột, ví dụ \"chu_tri\"",
        "Mã cột",
        "\"chu_tri\"" },
        key! { "tieu_de", Value::Text, No, "tiêu đề cột",
        "Tiêu đề in trên bảng",
        "\"Cơ quan chủ trì\"" },
    ],
};

/// A group of columns under one merged header cell.
pub static NHOM_COT: Table = Table {
    path: "cot[].nhom",
    about: "Nhóm cột dưới một ô tiêu đề gộp",
    keys: &[
        key! { "nhom", Value::Text, Yes, "tiêu đề chung của nhóm cột",
        "Tiêu đề chung của nhóm; được dẫn chú thích `[^mã]`",
        "\"Thực hiện trong năm 2024\"", markup = true },
        key! { "cot", Value::Items, Yes, "các cột trong nhóm",
        "Các cột trong nhóm (một tầng)",
        "[\"don_vi_tinh\", \"chi_tieu\"]" },
    ],
};

pub static BANG: Table = Table {
    path: "phu_luc.bang",
    about: "Một bảng số liệu (chỉ tiêu, kết quả theo đơn vị) trong phụ lục",
    keys: &[
        key! { "tieu_de", Value::Text, No, "tên bảng",
        "Dòng đậm trên bảng",
        "\"I. Các chỉ tiêu gắn với Nghị quyết số 01/NQ-CP\"" },
        key! { "don_vi_tinh", Value::Text, No, "đơn vị tính của số liệu, ví dụ \"triệu đồng\"",
        "Dòng \"Đơn vị tính: …\" in nghiêng, căn phải, ngay trên bảng",
        "\"triệu đồng\"" },
        key! { "du_lieu", Value::Text, No, "đường dẫn tệp .csv hoặc .xlsx",
        "Tệp số liệu `.csv` hoặc `.xlsx` trong thư mục của tệp TOML hay thư mục con, đường dẫn tính từ thư mục đó (hoặc ghi các dòng trong `dong`)",
        "\"data/chi-tieu.csv\"" },
        key! { "trang_tinh", Value::Text, No, "tên trang tính",
        "Trang tính của tệp `.xlsx` (mặc định: trang đầu)",
        "\"NQ01\"" },
        key! { "co_chu", Value::Integer { min: 9, max: 13, digits: false }, No, "một số nguyên từ 9 đến 13",
        "Cỡ chữ trong bảng, 9–13",
        "10",
        default = "11" },
        key! { "danh_so_cot", Value::Choice(codes::<DanhSoCot>), No, "một lựa chọn",
        "Dòng số cột dưới tiêu đề: `cot` (1, 2, 3… mỗi cột), `nhom` (mỗi nhóm chỉ tiêu), `khong`",
        "\"nhom\"",
        default = "cot" },
        key! { "muc", Value::Text, No, "cột số liệu ghi tên mục của từng dòng",
        "Cột chia mục: mỗi giá trị mới mở một dòng mục đậm \"I. Cấp tỉnh\", STT đánh lại",
        "\"Cấp\"" },
        key! { "dau_thap_phan", Value::Choice(codes::<crate::so::DauThapPhan>), No, "một lựa chọn",
        "Dấu thập phân của số liệu: `phay` (kiểu Việt: \"1.058\" là một nghìn không trăm năm mươi tám, \"2.345,5\"), `cham` (kiểu Anh: \"1,234.5\"). Không ghi: theo các ô rõ nghĩa trong số liệu (\"1,234.5\", \"48.62\" là kiểu Anh, có cảnh báo), còn lại kiểu Việt",
        "\"phay\"" },
        key! { "cot", Value::Columns { column: &COT, codes: stt_only }, Yes, "danh sách cột của bảng",
        "Các cột: `\"stt\"`, bảng cột `{ ma = …, tieu_de = …, kieu = … }` (xem \"Khóa của cột\"), hoặc nhóm `{ nhom = …, cot = […] }`",
        "[\"stt\", { ma = \"don_vi\", tieu_de = \"Đơn vị\", kieu = \"don_vi\" }]" },
        key! { "dong", Value::Rows, No, "các dòng [[phu_luc.bang.dong]]",
        "Các dòng số liệu ghi ngay trong tệp: mã cột = giá trị. Ô của cột số có thể ghi kết quả bằng chữ (từ hai chữ, ví dụ \"Đã vận hành từ tháng 9/2023\"): in nguyên văn, không tính vào dòng tính. Cuối ô có thể dẫn chú thích `[^mã]`",
        "[{ don_vi = \"stp\", ket_qua = 85 }]" },
        key! { "tinh", Value::Tables(&TINH), No, "các dòng tính [[phu_luc.bang.tinh]]",
        "Các dòng tính (Tổng, bình quân), in đậm",
        "[{ nhan = \"Tổng\", cot = { ket_qua = \"tong\" } }]" },
        key! { "ghi_chu", Value::Lines, No, "ghi chú dưới bảng",
        "Ghi chú dưới bảng, mỗi dòng một ghi chú, cùng cỡ chữ với bảng; được dẫn chú thích `[^mã]`",
        "\"(2): Số liệu đến ngày 31/5/2024\"", markup = true },
        key! { "loc", Value::Bool, No, "true hoặc false (không có dấu nháy)",
        "Khi tạo hàng loạt: `false` để mọi đơn vị nhận nguyên bảng (mặc định chỉ giữ dòng của đơn vị nhận)",
        "false",
        default = "true" },
    ],
};

fn stt_only() -> Vec<&'static str> {
    vec!["stt"]
}

pub static COT: Table = Table {
    path: "phu_luc.bang.cot[]",
    about: "Một cột của bảng số liệu",
    keys: &[
        key! { "ma", Value::Text, Yes, "mã cột (chữ thường không dấu), ví dụ \"ket_qua_1\"",
        "Mã cột (chữ thường không dấu), dùng trong `dong`, `tinh`, `chi_tieu`",
        "\"ket_qua_1\"" },
        key! { "tieu_de", Value::Text, No, "tiêu đề cột",
        "Tiêu đề in trên bảng; được dẫn chú thích `[^mã]` ở cuối",
        "\"Kết quả (%)\"",
        default = "mã cột", markup = true },
        key! { "kieu", Value::Choice(codes::<KieuCot>), No, "một lựa chọn",
        "`chu`, `so`, `phan_tram` (in kèm %), `don_vi` (mã trong danh bạ hoặc tên); `stt` là cột số thứ tự",
        "\"so\"",
        default = "chu (cột có `ma = \"stt\"`: stt)" },
        key! { "can", Value::Choice(codes::<Can>), No, "một lựa chọn",
        "Căn lề chữ trong cột: `trai`, `giua`, `phai`",
        "\"phai\"",
        default = "STT, số và chữ ngắn (≤ 12 ký tự) căn giữa; chữ dài căn trái" },
        key! { "nguon", Value::Text, No, "tiêu đề hoặc chữ cột trong tệp số liệu",
        "Cột trong tệp số liệu: tiêu đề cột (không phân biệt hoa thường) hoặc chữ cột `\"C\"`. Cột STT ghi `nguon` thì in STT như trong tệp (không tự đánh số); ô STT là số La Mã (\"I\", \"II.\") làm dòng đó thành dòng mục in đậm",
        "\"DVC toàn trình\"",
        default = "theo `tieu_de` rồi `ma`" },
        key! { "chu_so", Value::Integer { min: 0, max: 6, digits: false }, No, "một số nguyên từ 0 đến 6",
        "Số chữ số thập phân khi in (làm tròn nửa lên)",
        "2",
        default = "in đúng như số liệu (\"32,60\" giữ số 0)" },
        key! { "tach_nghin", Value::Bool, No, "true hoặc false (không có dấu nháy)",
        "`false` để in \"1400\" thay cho \"1.400\"",
        "false",
        default = "true" },
        key! { "chung", Value::Text, No, "nội dung chung cho mọi dòng",
        "Một nội dung chung cho mọi dòng, in trong một ô gộp dọc (chỉ tiêu chung cả tỉnh)",
        "\"Cả năm 2024: Phải đạt tối thiểu 82%\"" },
        key! { "chi_tieu", Value::Target, No, "một số hoặc mã cột",
        "Số (82) hoặc mã cột chỉ tiêu của từng dòng: kết quả thấp hơn in đậm kèm dấu \"(*)\", dưới bảng tự thêm chú thích \"(*) Kết quả thấp hơn chỉ tiêu.\"",
        "82" },
        key! { "ten_ngan", Value::Bool, No, "true hoặc false (không có dấu nháy)",
        "Cột đơn vị ghi tên ngắn của danh bạ",
        "true",
        default = "false" },
        key! { "gop", Value::Bool, No, "true hoặc false (không có dấu nháy)",
        "`true`: ô trống dưới một ô có nội dung được gộp vào ô đó (STT chung của các dòng con), trong cùng một mục",
        "true",
        default = "false" },
    ],
};

pub static TINH: Table = Table {
    path: "phu_luc.bang.tinh",
    about: "Một dòng tính của bảng (Tổng, bình quân), in đậm",
    keys: &[
        key! { "nhan", Value::Text, Yes, "tên dòng, ví dụ \"Tổng\"",
        "Tên dòng",
        "\"Tổng\"" },
        key! { "vi_tri", Value::Choice(codes::<ViTriDong>), No, "một lựa chọn",
        "`dau`: ngay dưới tiêu đề; `cuoi`: sau các dòng số liệu",
        "\"dau\"",
        default = "cuoi" },
        key! { "cot", Value::Operations, Yes, "phép tính cho từng cột, ví dụ cot = { tong_so = \"tong\" }",
        "Phép tính cho từng cột: `\"tong\"`, `\"trung_binh\"`, `{ ty_le = [\"tu_so\", \"mau_so\"] }` (tử/mẫu × 100), `{ gia_tri = \"18%\" }` (ghi sẵn)",
        "{ ket_qua = \"trung_binh\" }" },
    ],
};

fn phep_gop() -> Vec<&'static str> {
    codes::<PhepGop>()
}

/// A computed cell that is not a plain sum or mean.
pub static PHEP_TINH: Table = Table {
    path: "phu_luc.bang.tinh.cot.<mã>",
    about: "Phép tính của một ô: tỷ lệ hai tổng, hoặc giá trị ghi sẵn",
    keys: &[
        key! { "ty_le", Value::Items, No, "hai mã cột [\"tử số\", \"mẫu số\"]",
        "Tổng cột tử số / tổng cột mẫu số × 100",
        "[\"da_giai_quyet\", \"tiep_nhan\"]" },
        key! { "gia_tri", Value::Text, No, "giá trị ghi sẵn",
        "Giá trị ghi sẵn (số liệu không tính được từ các dòng)",
        "\"18%\"" },
    ],
};

/// The operations a computed row's string cell names.
pub(super) fn operation_codes() -> Vec<&'static str> {
    phep_gop()
}
