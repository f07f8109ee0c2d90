//! `[[van_ban_kem_theo]]`: a document issued with the main one (a Quy chế
//! issued by a quyết định), in Chương, Mục and Điều.

use super::super::{Key, Need, Table, Value};
use Need::{No, Yes};

pub static VAN_BAN_KEM_THEO: Table = Table {
    path: "van_ban_kem_theo",
    about: "Một văn bản ban hành kèm theo (Quy chế, Quy định…), sang trang mới",
    keys: &[
        key! { "loai", Value::Choice(super::loai_codes), Yes, "loại văn bản kèm theo, ví dụ \"quy_che\"",
        "Loại: `quy_che`, `quy_dinh`, `dieu_le`, `chuong_trinh`, `de_an`, `huong_dan`, `ke_hoach`…; tên loại in hoa đậm đầu trang",
        "\"quy_che\"" },
        key! { "ten", Value::Lines, Yes, "tên văn bản kèm theo, dưới tên loại",
        "Tên (in đậm dưới tên loại, viết thường như trích yếu); một chuỗi tự chia dòng cân đối, danh sách chuỗi giữ đúng dòng",
        "\"Làm việc của Ủy ban nhân dân xã Tân Lập\"" },
        key! { "kem_theo", Value::SwitchOrLines, No, "true, false hoặc dòng \"(Ban hành kèm theo …)\" tự viết",
        "`false`: không in dòng \"(Ban hành kèm theo …)\"; một chuỗi hoặc danh sách chuỗi: in đúng dòng đó",
        "\"(Ban hành kèm theo Quyết định số 25/2026/QĐ-UBND ngày 10 tháng 3 năm 2026 của Ủy ban nhân dân tỉnh)\"",
        default = "true: tự tạo từ loại, số, ký hiệu, ngày và `co_quan.ten_goi`", markup = true },
        key! { "noi_dung", Value::Markup, No, "đoạn mở đầu",
        "Đoạn trước Chương (hoặc Điều) đầu tiên",
        "\"…\"" },
        key! { "chuong", Value::Tables(&CHUONG), No, "các bảng [[van_ban_kem_theo.chuong]]",
        "Các Chương, đánh số La Mã tự động (\"Chương I\")",
        "[{ ten = \"Những quy định chung\" }]" },
        key! { "dieu", Value::Tables(&DIEU), No, "các bảng [[van_ban_kem_theo.dieu]]",
        "Các Điều, khi văn bản không chia Chương",
        "[{ ten = \"Phạm vi điều chỉnh\", noi_dung = \"…\" }]" },
    ],
};

pub static CHUONG: Table = Table {
    path: "van_ban_kem_theo.chuong",
    about: "Một Chương: \"Chương I\" và tên in hoa đậm giữa trang",
    keys: &[
        key! { "ten", Value::Text, Yes, "tên Chương, ví dụ \"Những quy định chung\"",
        "Tên Chương (in hoa đậm dưới \"Chương I\")",
        "\"Những quy định chung\"" },
        key! { "muc", Value::Tables(&MUC_CHUONG), No, "các bảng [[van_ban_kem_theo.chuong.muc]]",
        "Các Mục của Chương (\"Mục 1\", đánh lại trong mỗi Chương)",
        "[{ ten = \"Trách nhiệm của Chủ tịch\" }]" },
        key! { "dieu", Value::Tables(&DIEU), No, "các bảng [[van_ban_kem_theo.chuong.dieu]]",
        "Các Điều của Chương (khi Chương không chia Mục); Điều đánh số liên tục qua các Chương",
        "[{ ten = \"Phạm vi điều chỉnh\", noi_dung = \"…\" }]" },
    ],
};

pub static MUC_CHUONG: Table = Table {
    path: "van_ban_kem_theo.chuong.muc",
    about: "Một Mục trong Chương: \"Mục 1\" và tên in hoa đậm giữa trang",
    keys: &[
        key! { "ten", Value::Text, Yes, "tên Mục",
        "Tên Mục (in hoa đậm dưới \"Mục 1\")",
        "\"Trách nhiệm của Chủ tịch\"" },
        key! { "dieu", Value::Tables(&DIEU), Yes, "các bảng [[van_ban_kem_theo.chuong.muc.dieu]]",
        "Các Điều của Mục",
        "[{ ten = \"Trách nhiệm của Chủ tịch\", noi_dung = \"…\" }]" },
    ],
};

pub static DIEU: Table = Table {
    path: "van_ban_kem_theo.dieu",
    about: "Một Điều: \"Điều 1. Tên\" in đậm, rồi các khoản, điểm",
    keys: &[
        key! { "ten", Value::Text, No, "tên Điều",
        "Tên Điều, in đậm sau \"Điều N.\" (số Điều tự đánh)",
        "\"Phạm vi điều chỉnh\"" },
        key! { "noi_dung", Value::Markup, Yes, "nội dung Điều",
        "Nội dung: các khoản \"1.\", điểm \"a)\" như nội dung văn bản",
        "\"1. …\\n2. …\"" },
    ],
};
