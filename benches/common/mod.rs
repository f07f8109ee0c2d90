//! Synthetic documents the benchmarks share.

// Each benchmark uses some of them.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use vanban::hang_loat::{self, TuyChon};

/// A phụ lục with one indicator table of `rows` units read from a CSV file:
/// a merged two-level header, a spanning target column, five figures per
/// row with below-target marks, Tổng and bình quân rows.
pub fn long_table(dir: &Path, rows: usize) -> PathBuf {
    let mut csv = String::from("Đơn vị;Tổng;Trực tuyến;Một phần;Tỷ lệ;Chỉ tiêu\n");
    for i in 0..rows {
        let tong = 100 + i % 400;
        let tt = tong * (i % 10) / 10;
        csv.push_str(&format!(
            "Xã số {} huyện {};{tong};{tt};{};{},{:02};{}\n",
            i + 1,
            i % 9 + 1,
            tong - tt,
            i % 100,
            (i * 37) % 100,
            60 + i % 40,
        ));
    }
    std::fs::write(dir.join(format!("bang-{rows}.csv")), csv).expect("write the synthetic data");
    let toml = format!(
        r#"so = 1
ky_hieu = "UBND-KSTT"
dia_danh = "Tây Ninh"
ngay = 2024-05-31
trich_yeu = "Kết quả cung cấp dịch vụ công trực tuyến"
kinh_gui = ["UBND các xã, phường, thị trấn"]
noi_dung = "UBND tỉnh gửi kèm theo bảng kết quả của các đơn vị./."
noi_nhan = ["Như trên", "Lưu: VT, KSTT"]

[co_quan]
ten = ["ỦY BAN NHÂN DÂN", "TỈNH TÂY NINH"]
ten_goi = "UBND tỉnh"

[chu_ky]
chuc_vu = "CHỦ TỊCH"
ho_ten = "Nguyễn Văn A"

[[phu_luc]]
tieu_de = "Kết quả của {rows} đơn vị"

[[phu_luc.bang]]
du_lieu = "bang-{rows}.csv"
co_chu = 10
cot = [
  "stt",
  {{ ma = "don_vi", tieu_de = "Đơn vị", kieu = "don_vi" }},
  {{ ma = "chung", tieu_de = "Chỉ tiêu chung cả tỉnh", chung = "Cả năm 2024 phải đạt tối thiểu 80%" }},
  {{ nhom = "Số lượng TTHC", cot = [
    {{ ma = "tong", tieu_de = "Tổng", kieu = "so" }},
    {{ ma = "truc_tuyen", tieu_de = "Trực tuyến", kieu = "so" }},
    {{ ma = "mot_phan", tieu_de = "Một phần", kieu = "so" }},
  ] }},
  {{ ma = "ty_le", tieu_de = "Tỷ lệ (%)", kieu = "so", nguon = "Tỷ lệ", chi_tieu = "chi_tieu" }},
  {{ ma = "chi_tieu", tieu_de = "Chỉ tiêu (%)", kieu = "so", nguon = "Chỉ tiêu" }},
]

[[phu_luc.bang.tinh]]
nhan = "Tổng"
cot = {{ tong = "tong", truc_tuyen = "tong", mot_phan = "tong" }}

[[phu_luc.bang.tinh]]
nhan = "Tỷ lệ bình quân"
cot = {{ ty_le = {{ ty_le = ["truc_tuyen", "tong"] }}, chi_tieu = "trung_binh" }}
"#
    );
    let path = dir.join(format!("bang-{rows}.toml"));
    std::fs::write(&path, toml).expect("write the synthetic table");
    path
}

/// The synthetic batch letter up to its table: a letter naming the unit
/// and its figure, `condition` after that line (Tera, may be empty), six
/// long paragraphs ending in `ending`, and a phụ lục titled `title`, whose
/// `[[phu_luc.bang]]` the caller goes on with.
pub fn letter(condition: &str, ending: &str, title: &str) -> String {
    let paragraph = "Thực hiện Nghị quyết số 01/NQ-CP ngày 05/01/2024 của Chính phủ về nhiệm vụ, giải pháp chủ yếu thực hiện Kế hoạch phát triển kinh tế - xã hội, Dự toán ngân sách nhà nước năm 2024, UBND tỉnh đã giao chỉ tiêu cụ thể cho các sở, ban, ngành tỉnh và Ủy ban nhân dân các huyện, thị xã, thành phố triển khai thực hiện các nhiệm vụ cải cách thủ tục hành chính, cắt giảm quy định kinh doanh, đổi mới toàn diện việc giải quyết thủ tục hành chính, cung cấp dịch vụ công trực tuyến tại các cấp chính quyền.";
    let body = [paragraph; 6].join("\n\n");
    format!(
        r#"danh_ba = "tay-ninh"
so = 1612
ky_hieu = "UBND-KSTT"
dia_danh = "Tây Ninh"
ngay = 2024-05-31
trich_yeu = "đôn đốc thực hiện chỉ tiêu cải cách thủ tục hành chính năm 2024"
kinh_gui = "UBND {{{{ don_vi.ten }}}}"
noi_nhan = ["Như trên", "CT, các PCT UBND tỉnh", "Lưu: VT, KSTT"]
noi_dung = """
Kết quả của {{{{ don_vi.ten }}}} đến tháng 5/2024: {{{{ row.ty_le | so }}}}%.
{condition}
{body}{ending}
"""

[co_quan]
ten = ["ỦY BAN NHÂN DÂN", "TỈNH TÂY NINH"]
ten_goi = "UBND tỉnh"

[chu_ky]
quyen_han = "KT."
chuc_vu_thu_truong = "CHỦ TỊCH"
chuc_vu = "PHÓ CHỦ TỊCH"
ho_ten = "Trần Văn Chiến"

[[phu_luc]]
tieu_de = "{title}"

[[phu_luc.bang]]
"#
    )
}

/// `n` units and a batch template: a 2-page letter naming the unit and a
/// landscape phụ lục with a 25-row × 7-column table under a two-level
/// header. With `own = true` every figure of the table is computed from the
/// unit's row (`{{ row.k * … }}`), so no two letters share a table cell for
/// cell, as when each district's letter carries its own figures; with
/// `own = false` every unit receives the same table (laid out once).
pub fn per_unit_tables(dir: &Path, n: usize, own: bool) -> (PathBuf, PathBuf) {
    let mut units = String::from("Đơn vị,Tỷ lệ,k\n");
    for i in 0..n {
        units.push_str(&format!(
            "Xã thử nghiệm số {},{}.{},{}\n",
            i + 1,
            40 + i % 60,
            i % 10,
            i * 13 % 97 + 1
        ));
    }
    let data = dir.join(format!("don-vi-{n}.csv"));
    std::fs::write(&data, units).expect("write the units");
    let figure = |expr: String, k: usize| {
        if own {
            format!("{{{{ {expr} }}}}")
        } else {
            expr.replace("row.k", &k.to_string())
                .split(" + ")
                .map(|t| {
                    t.split(" * ")
                        .map(|f| f.parse::<i64>().unwrap_or(1))
                        .product::<i64>()
                })
                .sum::<i64>()
                .to_string()
        }
    };
    let mut rows = String::new();
    for i in 1..=25 {
        let tong = figure(format!("100 + row.k * {i}"), 7);
        let tt = figure(format!("row.k * {}", i % 10), 7);
        let mp = figure(format!("100 + row.k * {}", i - i % 10), 7);
        let ty_le = figure(format!("row.k * {} + {}", i % 7 + 1, i * 3), 7);
        rows.push_str(&format!(
            "  {{ don_vi = \"Xã số {i}\", tong = \"{tong}\", tt = \"{tt}\", mp = \"{mp}\", ty_le = \"{ty_le},{}\", chi_tieu = \"{}\" }},\n",
            i % 10,
            60 + i % 40
        ));
    }
    let mut template = letter("", "./.", "Kết quả thực hiện chỉ tiêu của các xã");
    template.push_str(&format!(
        r#"loc = false
cot = [
  "stt",
  {{ ma = "don_vi", tieu_de = "Đơn vị", kieu = "don_vi" }},
  {{ nhom = "Dịch vụ công trực tuyến", cot = [
    {{ ma = "tong", tieu_de = "Tổng số", kieu = "so" }},
    {{ ma = "tt", tieu_de = "Toàn trình", kieu = "so" }},
    {{ ma = "mp", tieu_de = "Một phần", kieu = "so" }},
  ] }},
  {{ ma = "ty_le", tieu_de = "Tỷ lệ (%)", kieu = "so", chi_tieu = "chi_tieu" }},
  {{ ma = "chi_tieu", tieu_de = "Chỉ tiêu (%)", kieu = "so" }},
]
dong = [
{rows}]
"#
    ));
    let path = dir.join(format!(
        "mau-{n}-{}.toml",
        if own { "rieng" } else { "chung" }
    ));
    std::fs::write(&path, template).expect("write the template");
    (path, data)
}

/// A batch of `template` over `data` into `out`, on all cores, as the
/// command line runs it by default.
pub fn options(template: &Path, data: &Path, out: &Path) -> TuyChon {
    TuyChon {
        mau: template.to_path_buf(),
        du_lieu: data.to_path_buf(),
        thu_muc: out.to_path_buf(),
        ten_tep: hang_loat::ten_tep::MAC_DINH.to_string(),
        cot_don_vi: None,
        gop: None,
        luong: 0,
        strict: false,
        reach: Default::default(),
        request: Default::default(),
        formats: vec![&vanban::output::PDF],
            xoa_cu: false,
    }
}

/// This process's peak resident memory, in KiB.
pub fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        })
        .unwrap_or(0)
}
