//! The review rules of `vanban check`, as a document names them to switch
//! one off (`[kiem_tra.bo_qua]`): code, level and title. What each rule
//! looks for is in [`crate::kiem_tra`].

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MucDo {
    /// The document breaks the decree: do not send it for signature.
    Loi,
    /// Most likely a mistake.
    CanhBao,
    /// Office practice; worth a look.
    GoiY,
}

/// One review rule. The code is stable: documents name it to skip it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuyTac {
    NhuTren,
    LuuVanThu,
    LuuDonViSoan,
    TrungNoiNhan,
    KyThayCapPho,
    KetThucVanBan,
    TrichYeuDauCham,
    DanhSo,
    ThoiHanTruocNgayBanHanh,
    ThoiHanNgayNghi,
    NgayKhongCo,
    TrichDanKhacNgay,
    NgaySauVanBan,
    VietTatChuaGiaiThich,
    ChucVuCoQuan,
    ThayMatTapThe,
    ThuaLenhCapPho,
    VietHoaTenCoQuan,
    KyHieuCoQuan,
    VietHoaTrichYeu,
    KyHieuVietHoa,
}

codes!(QuyTac {
    NhuTren => "VB001",
    LuuVanThu => "VB002",
    LuuDonViSoan => "VB003",
    TrungNoiNhan => "VB004",
    KyThayCapPho => "VB005",
    KetThucVanBan => "VB006",
    TrichYeuDauCham => "VB007",
    DanhSo => "VB008",
    ThoiHanTruocNgayBanHanh => "VB009",
    ThoiHanNgayNghi => "VB010",
    NgayKhongCo => "VB011",
    TrichDanKhacNgay => "VB012",
    NgaySauVanBan => "VB013",
    VietTatChuaGiaiThich => "VB014",
    ChucVuCoQuan => "VB015",
    ThayMatTapThe => "VB016",
    ThuaLenhCapPho => "VB017",
    VietHoaTenCoQuan => "VB018",
    KyHieuCoQuan => "VB019",
    VietHoaTrichYeu => "VB020",
    KyHieuVietHoa => "VB021",
});

impl QuyTac {
    pub fn muc_do(self) -> MucDo {
        use QuyTac::*;
        match self {
            NhuTren | KyThayCapPho | NgayKhongCo => MucDo::Loi,
            LuuVanThu
            | TrungNoiNhan
            | KetThucVanBan
            | TrichYeuDauCham
            | DanhSo
            | ThoiHanTruocNgayBanHanh
            | TrichDanKhacNgay
            | NgaySauVanBan => MucDo::CanhBao,
            LuuDonViSoan | ThoiHanNgayNghi | VietTatChuaGiaiThich | KyHieuCoQuan
            | VietHoaTrichYeu => MucDo::GoiY,
            KyHieuVietHoa => MucDo::CanhBao,
            ChucVuCoQuan | ThayMatTapThe | ThuaLenhCapPho | VietHoaTenCoQuan => MucDo::CanhBao,
        }
    }

    /// What the rule asks, in a line (the README's table and `--json`).
    pub fn ten(self) -> &'static str {
        use QuyTac::*;
        match self {
            NhuTren => "Có Kính gửi thì Nơi nhận có \"Như trên\", và ngược lại",
            LuuVanThu => "Văn bản có Nơi nhận, mục cuối là mục lưu, bắt đầu bằng VT (Văn thư)",
            LuuDonViSoan => "Mục lưu ghi đơn vị soạn thảo có trong ký hiệu",
            TrungNoiNhan => "Không nơi nhận nào ghi hai lần (kể cả nơi đã ở Kính gửi, mà \"Như trên\" đã gồm)",
            KyThayCapPho => "\"KT.\" đi với chức vụ cấp phó",
            KetThucVanBan => "Nội dung kết thúc bằng \"./.\" một lần, ở cuối đoạn cuối",
            TrichYeuDauCham => "Trích yếu không có dấu chấm cuối",
            DanhSo => "Các mục đánh số liên tiếp: 1., 2., 3.; I., II., III.; a), b), c), d), đ), e), g)",
            ThoiHanTruocNgayBanHanh => "Thời hạn nhiệm vụ không sớm hơn ngày ban hành",
            ThoiHanNgayNghi => "Thời hạn ghi ngày cụ thể không rơi vào ngày nghỉ (thứ Bảy, Chủ nhật, ngày lễ trong `data/ngay_nghi.toml`)",
            NgayKhongCo => "Ngày được dẫn có trên lịch",
            TrichDanKhacNgay => "Một văn bản được dẫn (cùng số, ký hiệu, năm và cơ quan ban hành) ghi cùng một ngày ở mọi chỗ; khác năm hay khác cơ quan là hai văn bản",
            NgaySauVanBan => "Văn bản được dẫn không ban hành sau văn bản này",
            VietTatChuaGiaiThich => "Chữ viết tắt được viết đầy đủ, kèm viết tắt trong ngoặc, ở lần dùng đầu (trừ các chữ ai cũng hiểu trong `data/viet_tat.toml`: UBND, HĐND…)",
            ChucVuCoQuan => "Chức vụ người ký hợp với cơ quan ban hành (`data/chuc_vu.toml`: Ủy ban nhân dân — Chủ tịch, Phó Chủ tịch; Sở — Giám đốc, Phó Giám đốc; Bộ — Bộ trưởng, Thứ trưởng…)",
            ThayMatTapThe => "\"TM.\" chỉ dùng cho cơ quan làm việc theo chế độ tập thể (Ủy ban nhân dân, Hội đồng nhân dân), đúng tên cơ quan",
            ThuaLenhCapPho => "\"TL.\", \"TUQ.\" không dành cho cấp phó của chính người đứng đầu (cấp phó ký \"KT.\")",
            VietHoaTenCoQuan => "Tên cơ quan trong danh bạ của văn bản (Sở, Bộ, Ban, Văn phòng, Công an, Cục…) và \"Ủy ban nhân dân\", \"Hội đồng nhân dân\" viết hoa như Phụ lục II",
            KyHieuCoQuan => "Nhóm cơ quan ban hành của ký hiệu là chữ viết tắt tên cơ quan (chữ đầu các từ của tên, bỏ \"và\" và địa danh)",
            KyHieuVietHoa => "Ký hiệu viết hoa, trừ chữ viết tắt chính thức có chữ thường (TTr, QyĐ, CTr của tên loại; TTg của Thủ tướng Chính phủ)",
            VietHoaTrichYeu => "Chữ đầu trích yếu: viết thường sau \"V/v\" của công văn (trừ tên riêng), viết hoa như đầu câu dưới tên loại văn bản",
        }
    }

    /// A wrong and a right example, as the README's table shows them
    /// (Markdown: `code` spans).
    pub fn vi_du(self) -> (&'static str, &'static str) {
        use QuyTac::*;
        match self {
            NhuTren => ("`kinh_gui = \"Sở Tư pháp\"`, `noi_nhan = [\"UBND tỉnh\", \"Lưu: VT, KSTT\"]`", "`noi_nhan = [\"Như trên\", \"UBND tỉnh\", \"Lưu: VT, KSTT\"]`"),
            LuuVanThu => ("`\"Lưu: KSTT\"`", "`\"Lưu: VT, KSTT\"`"),
            LuuDonViSoan => ("`ky_hieu = \"UBND-KSTT\"`, `\"Lưu: VT\"`", "`\"Lưu: VT, KSTT\"`"),
            TrungNoiNhan => ("`kinh_gui = \"Công an tỉnh\"`, `noi_nhan = [\"Như trên\", \"Công an tỉnh\", …]`", "`noi_nhan = [\"Như trên\", …]`"),
            KyThayCapPho => ("`quyen_han = \"KT.\"`, `chuc_vu = \"CHỦ TỊCH\"`", "`chuc_vu = \"PHÓ CHỦ TỊCH\"`"),
            KetThucVanBan => ("`…các nhiệm vụ được giao.`", "`…các nhiệm vụ được giao./.`"),
            TrichYeuDauCham => ("`trich_yeu = \"triển khai Chỉ thị số 16/CT-TTg.\"`", "`trich_yeu = \"triển khai Chỉ thị số 16/CT-TTg\"`"),
            DanhSo => ("`1.`, `2.`, `4.`; `d)`, `e)`", "`1.`, `2.`, `3.`; `d)`, `đ)`, `e)`"),
            ThoiHanTruocNgayBanHanh => ("`ngay = 2024-05-31`, `thoi_han = \"trước ngày 20/5/2024\"`", "`thoi_han = \"trước ngày 20/6/2024\"`"),
            ThoiHanNgayNghi => ("`\"trước ngày 22/6/2024\"` (thứ Bảy)", "`\"trước ngày 21/6/2024\"`"),
            NgayKhongCo => ("`ngày 30/02/2024`", "`ngày 29/02/2024`"),
            TrichDanKhacNgay => ("`Nghị quyết số 01/NQ-CP ngày 05/01/2024` … `số 01/NQ-CP ngày 06/01/2024`", "cùng `ngày 05/01/2024`"),
            NgaySauVanBan => ("`ngay = 2024-05-31`, `Kế hoạch số 5/KH-UBND ngày 10/6/2024`", "ngày dẫn không sau 31/5/2024"),
            VietTatChuaGiaiThich => ("`giải quyết TTHC trực tuyến`", "`giải quyết thủ tục hành chính (TTHC) trực tuyến`"),
            ChucVuCoQuan => ("cơ quan \"ỦY BAN NHÂN DÂN…\", `chuc_vu_thu_truong = \"GIÁM ĐỐC\"`; hoặc `chuc_vu = \"PHÓ CHỦ TỊCH\"` không kèm `quyen_han`", "`chuc_vu_thu_truong = \"CHỦ TỊCH\"`; `quyen_han = \"KT.\"`"),
            ThayMatTapThe => ("cơ quan \"SỞ TƯ PHÁP\", `thay_mat = \"SỞ TƯ PHÁP\"`", "bỏ `thay_mat`, Giám đốc ký trực tiếp"),
            ThuaLenhCapPho => ("`quyen_han = \"TL.\"`, `chuc_vu = \"PHÓ CHỦ TỊCH\"`", "`quyen_han = \"KT.\"`; TL. cho Chánh Văn phòng"),
            VietHoaTenCoQuan => ("`Giao sở Tư pháp chủ trì`; `ủy ban nhân dân các huyện`", "`Giao Sở Tư pháp chủ trì`; `Ủy ban nhân dân các huyện`"),
            KyHieuCoQuan => ("cơ quan \"ỦY BAN NHÂN DÂN…\", `ky_hieu = \"STP-KSTT\"`", "`ky_hieu = \"UBND-KSTT\"`"),
            KyHieuVietHoa => ("`ky_hieu = \"KH-Ubnd\"`", "`ky_hieu = \"KH-UBND\"`; `\"QĐ-TTg\"` giữ nguyên"),
            VietHoaTrichYeu => ("công văn `trich_yeu = \"Triển khai Chỉ thị…\"`; kế hoạch `trich_yeu = \"hành động nâng cao…\"`", "`\"triển khai Chỉ thị…\"`; `\"Hành động nâng cao…\"`"),
        }
    }
}
