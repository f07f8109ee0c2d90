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
    ChuDauTrichYeu,
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
    ChuDauTrichYeu => "VB020",
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
            | ChuDauTrichYeu => MucDo::GoiY,
            ChucVuCoQuan | ThayMatTapThe | ThuaLenhCapPho | VietHoaTenCoQuan => MucDo::CanhBao,
        }
    }

    /// What the rule asks, in a line (the README's and `--json`'s title).
    pub fn ten(self) -> &'static str {
        use QuyTac::*;
        match self {
            NhuTren => "Có Kính gửi thì Nơi nhận có \"Như trên\", và ngược lại",
            LuuVanThu => "Nơi nhận kết thúc bằng \"Lưu: VT, …\"",
            LuuDonViSoan => "\"Lưu\" ghi cả đơn vị soạn thảo có trong ký hiệu",
            TrungNoiNhan => "Không nơi nhận nào được ghi hai lần",
            KyThayCapPho => "\"KT.\" đi với chức vụ cấp phó (PHÓ …)",
            KetThucVanBan => "Nội dung kết thúc bằng \"./.\" một lần, ở cuối",
            TrichYeuDauCham => "Trích yếu không có dấu chấm cuối",
            DanhSo => "Các mục đánh số liên tiếp (1, 2, 3; a, b, c, d, đ, e; I, II, III)",
            ThoiHanTruocNgayBanHanh => "Thời hạn không sớm hơn ngày ban hành",
            ThoiHanNgayNghi => "Thời hạn không rơi vào ngày nghỉ",
            NgayKhongCo => "Ngày được dẫn có trên lịch",
            TrichDanKhacNgay => {
                "Một văn bản được dẫn với cùng một ngày, cùng cơ quan ban hành ở mọi chỗ"
            }
            NgaySauVanBan => "Văn bản được dẫn không ban hành sau văn bản này",
            VietTatChuaGiaiThich => {
                "Chữ viết tắt được viết đầy đủ (kèm viết tắt trong ngoặc) lần đầu dùng"
            }
            ChucVuCoQuan => {
                "Chức vụ người ký hợp với cơ quan ban hành (Sở: Giám đốc; Ủy ban nhân dân: Chủ tịch…)"
            }
            ThayMatTapThe => {
                "\"TM.\" chỉ dùng cho cơ quan làm việc theo chế độ tập thể, đúng tên cơ quan"
            }
            VietHoaTenCoQuan => "Tên cơ quan viết hoa đúng (\"Sở Tư pháp\", \"Ủy ban nhân dân\")",
            KyHieuCoQuan => "Ký hiệu ghi chữ viết tắt của cơ quan ban hành (UBND-KSTT, KH-UBND)",
            ChuDauTrichYeu => {
                "Chữ đầu trích yếu: thường sau \"V/v\" của công văn, hoa dưới tên loại văn bản"
            }
            ThuaLenhCapPho => {
                "\"TL.\", \"TUQ.\" không dùng cho cấp phó của chính người đứng đầu (cấp phó ký \"KT.\")"
            }
        }
    }
}
