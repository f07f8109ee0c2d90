//! `vanban batch`: per-unit substitution and filtering, file names, the
//! manifest, faults, determinism and injection through data cells. The
//! batches run through the library; the PDFs are read back with pdftotext.

use crate::common;
use crate::common::Edit;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::collapse;
use sha2::{Digest, Sha256};
use vanban::hang_loat::{self, KetQua, TuyChon, bao_cao, don_vi_nhan, loc, mau::Mau};
use vanban::model::{DongSo, GiaTri, VanBan};

/// A letter to each unit, with a paragraph for units below target, a table
/// of every unit's results read from the batch's own data file, and tasks
/// given to units, to a group, and to one named unit.
const MAU: &str = r#"
danh_ba = "tay-ninh"
so = 1612
ky_hieu = "UBND-KSTT"
dia_danh = "Tây Ninh"
ngay = 2024-05-31
trich_yeu = "kết quả dịch vụ công trực tuyến của {{ don_vi.ten }}"
noi_nhan = ["Như trên", "Lưu: VT, KSTT"]
noi_dung = """
Kết quả của {{ don_vi.ten }}: tỷ lệ hồ sơ trực tuyến đạt {{ row.ty_le | so }}%, ghi chú: {{ row.ghi_chu }}.
{% if row.ty_le < chi_tieu %}
Đề nghị {{ don_vi.ten }} khắc phục ngay vì thấp hơn chỉ tiêu {{ chi_tieu }}%.
{% endif %}
"""

[co_quan]
ten = ["ỦY BAN NHÂN DÂN", "TỈNH TÂY NINH"]
ten_goi = "UBND tỉnh"

[chu_ky]
chuc_vu = "CHỦ TỊCH"
ho_ten = "Nguyễn Thanh Ngọc"

[[muc]]
nhiem_vu = "theo_don_vi"

[[nhiem_vu]]
chu_tri = "so_ban_nganh"
noi_dung = "Việc chung của các sở, ban, ngành."

[[nhiem_vu]]
chu_tri = "so_tu_phap"
phoi_hop = "h_go_dau"
noi_dung = "Việc của Sở Tư pháp, Huyện Gò Dầu phối hợp."

[[nhiem_vu]]
chu_tri = "ubnd_cap_huyen"
noi_dung = "Việc chung của cấp huyện."

[[phu_luc]]
tieu_de = "Kết quả của các đơn vị"

[[phu_luc.bang]]
du_lieu = "don-vi.csv"
cot = [
  "stt",
  { ma = "don_vi", tieu_de = "Đơn vị", kieu = "don_vi" },
  { ma = "ty_le", tieu_de = "Tỷ lệ (%)", kieu = "so", nguon = "Tỷ lệ" },
]

[[phu_luc.bang.tinh]]
nhan = "Bình quân"
cot = { ty_le = "trung_binh" }

[bien]
chi_tieu = 50
"#;

const DON_VI: &str = "\
Đơn vị,Tỷ lệ,Ghi chú
Sở Tư pháp,40,không
Huyện Gò Dầu,60,có
so_y_te,70,không
";

struct Lo {
    dir: tempfile::TempDir,
    mau: PathBuf,
    du_lieu: PathBuf,
}

impl Lo {
    fn new(mau: &str, du_lieu: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let mau_path = dir.path().join("mau.toml");
        let du_lieu_path = dir.path().join("don-vi.csv");
        std::fs::write(&mau_path, mau).unwrap();
        std::fs::write(&du_lieu_path, du_lieu).unwrap();
        std::fs::write(dir.path().join("bang.csv"), DON_VI).unwrap();
        Lo {
            dir,
            mau: mau_path,
            du_lieu: du_lieu_path,
        }
    }

    fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    fn opts(&self, ten: &str) -> TuyChon {
        TuyChon {
            mau: self.mau.clone(),
            du_lieu: self.du_lieu.clone(),
            thu_muc: self.out(),
            ten_tep: ten.to_string(),
            cot_don_vi: None,
            gop: None,
            luong: 2,
            strict: false,
            reach: Default::default(),
            request: Default::default(),
            formats: vec![&vanban::output::PDF],
            xoa_cu: false,
        }
    }

    fn run(&self, opts: &TuyChon) -> vanban::Result<KetQua> {
        hang_loat::chay(&vanban::Compiler::new(), opts, &|_| {}, &Default::default())
    }

    /// Each unit's document as the batch builds it, before layout.
    fn documents(&self) -> Vec<VanBan> {
        let text = std::fs::read_to_string(&self.mau).unwrap();
        let mau = Mau::new(&self.mau, &text, hang_loat::ten_tep::MAC_DINH).unwrap();
        let tep = don_vi_nhan::read(
            &self.du_lieu,
            None,
            &mau.danh_ba(Default::default()).unwrap(),
        )
        .unwrap();
        let (units, sheet) = (tep.don_vi, tep.trang_tinh);
        let data = std::fs::canonicalize(&self.du_lieu).unwrap();
        let files = vanban::load::du_lieu::ReadCache::default();
        units
            .iter()
            .enumerate()
            .map(|(i, u)| {
                let context = mau.context(u, i + 1, units.len());
                let mut doc = mau
                    .van_ban(
                        u,
                        &context,
                        &vanban::load::Options {
                            data_files: Some(&files),
                            filled: true,
                            ..Default::default()
                        },
                    )
                    .unwrap_or_else(|e| panic!("{e}"))
                    .van_ban;
                let nguon = u.so_dong.map(|r| (data.as_path(), sheet.as_deref(), r));
                loc::cho_don_vi(&mut doc, &u.don_vi, nguon);
                doc
            })
            .collect()
    }
}

fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext is needed (apt-get install poppler-utils): {e}"));
    assert!(out.status.success());
    collapse(&String::from_utf8(out.stdout).unwrap())
}

/// Each page's words, sorted.
fn page_words(pdf: &Path) -> Vec<Vec<String>> {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut pages: Vec<Vec<String>> = text
        .split('\u{c}')
        .map(|page| {
            let mut words: Vec<String> = page.split_whitespace().map(str::to_string).collect();
            words.sort();
            words
        })
        .collect();
    pages.pop(); // after the last page's form feed
    pages
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn body_text(doc: &VanBan) -> String {
    let data = serde_json::to_string(&vanban::render::van_ban(doc)).unwrap();
    let value: serde_json::Value = serde_json::from_str(&data).unwrap();
    let mut out = String::new();
    for block in value["noi_dung"].as_array().unwrap() {
        for run in block["runs"].as_array().unwrap() {
            out.push_str(run["t"].as_str().unwrap_or_default());
        }
        out.push('\n');
    }
    out
}

fn table_rows(doc: &VanBan) -> Vec<Vec<String>> {
    doc.phu_luc
        .iter()
        .flat_map(|p| &p.bang)
        .flat_map(|b| &b.dong)
        .filter_map(|r| match r {
            DongSo::Dong(cells, _) => Some(
                cells
                    .iter()
                    .map(|o| match &o.gia_tri {
                        GiaTri::Chu(s) => s.clone(),
                        GiaTri::So(d) => d.to_string(),
                        GiaTri::Khong => "-".into(),
                        GiaTri::Trong => String::new(),
                    })
                    .collect(),
            ),
            DongSo::Muc(_) | DongSo::MucSo(..) => None,
        })
        .collect()
}

#[test]
fn each_unit_gets_its_name_its_figures_and_its_paragraph() {
    let lo = Lo::new(MAU, DON_VI);
    let docs = lo.documents();
    assert_eq!(docs.len(), 3);
    let names: Vec<&str> = docs.iter().map(|d| d.kinh_gui[0].as_str()).collect();
    // Kính gửi from the unit; an id in the data is looked up in the directory.
    assert_eq!(names, ["Sở Tư pháp", "Huyện Gò Dầu", "Sở Y tế"]);
    assert_eq!(
        docs[1].trich_yeu,
        ["kết quả dịch vụ công trực tuyến của Huyện Gò Dầu"]
    );
    let body: Vec<String> = docs.iter().map(body_text).collect();
    assert!(
        body[0].contains("Kết quả của Sở Tư pháp: tỷ lệ hồ sơ trực tuyến đạt 40%, ghi chú: không."),
        "{}",
        body[0]
    );
    assert!(body[2].contains("đạt 70%"), "{}", body[2]);
    // Below target (40 < 50): the paragraph; the others: not.
    assert!(body[0].contains("Đề nghị Sở Tư pháp khắc phục ngay vì thấp hơn chỉ tiêu 50%."));
    assert!(!body[1].contains("Đề nghị"), "{}", body[1]);
    assert!(!body[2].contains("Đề nghị"), "{}", body[2]);
}

#[test]
fn tables_keep_the_units_row_next_to_the_province_mean() {
    let lo = Lo::new(MAU, DON_VI);
    let docs = lo.documents();
    assert_eq!(table_rows(&docs[0]), [["", "Sở Tư pháp", "40"]]);
    assert_eq!(table_rows(&docs[1]), [["", "Huyện Gò Dầu", "60"]]);
    // The mean stays the province's, (40 + 60 + 70) / 3 = 56,67 at the
    // figures' own precision, not the unit's 60.
    let t = &docs[1].phu_luc[0].bang[0].tinh[0];
    assert_eq!(
        t.o[2],
        Some(vanban::model::PhepTinh::GiaTri(GiaTri::So(57.into())))
    );
}

#[test]
fn rows_read_from_the_batch_file_are_matched_by_number_even_when_names_repeat() {
    let data = "Đơn vị,Tỷ lệ,Ghi chú\nXã Tân Bình,40,a\nXã Tân Bình,90,b\n";
    let lo = Lo::new(MAU, data);
    let docs = lo.documents();
    assert_eq!(table_rows(&docs[0]), [["", "Xã Tân Bình", "40"]]);
    assert_eq!(table_rows(&docs[1]), [["", "Xã Tân Bình", "90"]]);
    // Another file naming the units is matched by name.
    let other = MAU.edit("du_lieu = \"don-vi.csv\"", "du_lieu = \"khac.csv\"");
    let lo = Lo::new(&other, DON_VI);
    std::fs::write(
        lo.dir.path().join("khac.csv"),
        "Đơn vị,Tỷ lệ\nHuyện Gò Dầu,61\nSở Y tế,71\n",
    )
    .unwrap();
    let docs = lo.documents();
    assert_eq!(table_rows(&docs[1]), [["", "Huyện Gò Dầu", "61"]]);
    // A unit without a row in the table gets no table, and no empty phụ lục.
    assert!(docs[0].phu_luc.is_empty());
    // A table every unit receives whole.
    let whole = other.edit(
        "du_lieu = \"khac.csv\"",
        "du_lieu = \"khac.csv\"\nloc = false",
    );
    let lo = Lo::new(&whole, DON_VI);
    std::fs::write(
        lo.dir.path().join("khac.csv"),
        "Đơn vị,Tỷ lệ\nHuyện Gò Dầu,61\nSở Y tế,71\n",
    )
    .unwrap();
    assert_eq!(table_rows(&lo.documents()[0]).len(), 2);
}

#[test]
fn tasks_are_those_of_the_unit_or_of_its_group() {
    let lo = Lo::new(MAU, DON_VI);
    let docs = lo.documents();
    let tasks = |d: &VanBan| -> Vec<String> {
        d.nhiem_vu
            .iter()
            .map(|t| vanban::model::plain_text(&t.noi_dung))
            .collect()
    };
    assert_eq!(
        tasks(&docs[0]),
        [
            "Việc chung của các sở, ban, ngành.",
            "Việc của Sở Tư pháp, Huyện Gò Dầu phối hợp."
        ]
    );
    assert_eq!(
        tasks(&docs[1]),
        [
            "Việc của Sở Tư pháp, Huyện Gò Dầu phối hợp.",
            "Việc chung của cấp huyện."
        ]
    );
    assert_eq!(tasks(&docs[2]), ["Việc chung của các sở, ban, ngành."]);
}

#[test]
fn a_batch_writes_one_pdf_per_unit_and_a_manifest_with_hashes() {
    let lo = Lo::new(MAU, DON_VI);
    let mut opts = lo.opts(hang_loat::ten_tep::MAC_DINH);
    opts.gop = Some(lo.dir.path().join("tat-ca.pdf"));
    let result = lo.run(&opts).unwrap();
    assert_eq!(result.so_loi(), 0);
    assert_eq!(
        files(&lo.out()),
        [
            "1-so-tu-phap.pdf",
            "2-huyen-go-dau.pdf",
            "3-so-y-te.pdf",
            "manifest.csv",
            "manifest.json"
        ]
    );
    let text = pdftotext(&lo.out().join("2-huyen-go-dau.pdf"));
    assert!(text.contains("Kính gửi: Huyện Gò Dầu."), "{text}");
    assert!(
        text.contains("Kết quả của Huyện Gò Dầu: tỷ lệ hồ sơ trực tuyến đạt 60%"),
        "{text}"
    );
    assert!(!text.contains("Sở Y tế"), "{text}");

    let manifest: Vec<bao_cao::Dong> = {
        let json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(lo.out().join("manifest.json")).unwrap())
                .unwrap();
        assert_eq!(json.as_array().unwrap().len(), 3);
        result.dong.clone()
    };
    let mut pages = 0;
    for d in &manifest {
        let bytes = std::fs::read(lo.out().join(d.tep.as_ref().unwrap())).unwrap();
        assert_eq!(d.so_byte, Some(bytes.len()));
        let hash: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(d.sha256.as_deref(), Some(hash.as_str()));
        assert_eq!(d.trang_thai, bao_cao::TrangThai::DaTao);
        pages += d.so_trang.unwrap();
    }
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(lo.out().join("manifest.json")).unwrap()).unwrap();
    assert_eq!(json[1]["don_vi"], "Huyện Gò Dầu");
    assert_eq!(json[1]["ma"], "h_go_dau");
    assert_eq!(json[1]["noi"], "dòng 3");
    assert_eq!(
        json[1]["sha256"],
        manifest[1].sha256.clone().unwrap().as_str()
    );
    let csv = std::fs::read_to_string(lo.out().join("manifest.csv")).unwrap();
    assert!(csv.starts_with("\u{feff}STT,Vị trí trong tệp số liệu,Mã đơn vị,Đơn vị,Tệp,Số trang"));
    assert!(csv.contains(&format!(
        "2,dòng 3,h_go_dau,Huyện Gò Dầu,2-huyen-go-dau.pdf,{},{},{},{},{},{},Có,Đã tạo,\r\n",
        manifest[1].so_trang.unwrap(),
        manifest[1].so_byte.unwrap(),
        manifest[1].sha256.as_ref().unwrap(),
        manifest[1].so_ky_hieu.as_ref().unwrap(),
        manifest[1].trich_yeu.as_ref().unwrap(),
        manifest[1].ngay_ban_hanh.as_ref().unwrap(),
    )));
    // The printing copy holds every letter, in order.
    let (gop, gop_pages) = result.gop.unwrap();
    assert_eq!(gop_pages, pages);
    let all = pdftotext(&gop);
    let at = |s: &str| {
        all.find(s)
            .unwrap_or_else(|| panic!("{s} not in the joined PDF"))
    };
    assert!(at("Kính gửi: Sở Tư pháp.") < at("Kính gửi: Huyện Gò Dầu."));
    assert!(at("Kính gửi: Huyện Gò Dầu.") < at("Kính gửi: Sở Y tế."));
}

#[test]
fn two_runs_give_the_same_bytes() {
    let lo = Lo::new(MAU, DON_VI);
    let first = lo.run(&lo.opts(hang_loat::ten_tep::MAC_DINH)).unwrap();
    let bytes: Vec<Vec<u8>> = files(&lo.out())
        .iter()
        .map(|f| std::fs::read(lo.out().join(f)).unwrap())
        .collect();
    // One worker this time: the order documents are laid out in must not matter.
    let mut opts = lo.opts(hang_loat::ten_tep::MAC_DINH);
    opts.luong = 1;
    let second = lo.run(&opts).unwrap();
    let again: Vec<Vec<u8>> = files(&lo.out())
        .iter()
        .map(|f| std::fs::read(lo.out().join(f)).unwrap())
        .collect();
    assert_eq!(bytes, again);
    assert_eq!(first.dong, second.dong);
}

#[test]
fn names_are_slugs_and_clashes_stop_the_batch_before_writing() {
    let lo = Lo::new(MAU, DON_VI);
    lo.run(&lo.opts("{{ don_vi.ma }}_{{ don_vi.ten }}"))
        .unwrap();
    // Every substituted value is slugged, ids too.
    assert_eq!(
        files(&lo.out()),
        [
            "h-go-dau_huyen-go-dau.pdf",
            "manifest.csv",
            "manifest.json",
            "so-tu-phap_so-tu-phap.pdf",
            "so-y-te_so-y-te.pdf"
        ]
    );

    let data = "Đơn vị,Tỷ lệ,Ghi chú\nXã Tân Bình,40,a\nXã Phước Vinh,60,b\nXã TÂN BÌNH,90,c\n";
    let lo = Lo::new(MAU, data);
    let err = lo
        .run(&lo.opts("{{ don_vi.ten }}.pdf"))
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("tên tệp \"xa-tan-binh.pdf\" trùng nhau giữa: Xã Tân Bình (dòng 2), Xã TÂN BÌNH (dòng 4)"), "{err}");
    assert!(err.contains("{{ so }}"), "{err}");
    assert!(!lo.out().exists());
    // The default pattern numbers the letters, so the same names do not clash.
    lo.run(&lo.opts(hang_loat::ten_tep::MAC_DINH)).unwrap();
    assert_eq!(
        files(&lo.out())[..3],
        [
            "1-xa-tan-binh.pdf",
            "2-xa-phuoc-vinh.pdf",
            "3-xa-tan-binh.pdf"
        ]
    );
}

#[test]
fn a_bad_expression_is_reported_at_its_place_before_anything_is_written() {
    let bad = MAU.edit(
        "tỷ lệ hồ sơ trực tuyến đạt {{ row.ty_le | so }}",
        "tỷ lệ {{ row.ty_le | so",
    );
    let lo = Lo::new(&bad, DON_VI);
    let err = lo
        .run(&lo.opts(hang_loat::ten_tep::MAC_DINH))
        .err()
        .unwrap()
        .to_string();
    let line = bad
        .lines()
        .position(|l| l.contains("tỷ lệ {{ row"))
        .unwrap()
        + 1;
    assert!(err.contains(&format!("mau.toml:{line}:")), "{err}");
    assert!(
        err.contains("trường `noi_dung`: biểu thức trộn thư không hợp lệ"),
        "{err}"
    );
    assert!(!lo.out().exists());

    // An unknown name fails for every unit: the template's mistake, not the data's.
    let typo = MAU.edit("row.ghi_chu", "row.ghi_chuu");
    let lo = Lo::new(&typo, DON_VI);
    let err = lo
        .run(&lo.opts(hang_loat::ten_tep::MAC_DINH))
        .err()
        .unwrap()
        .to_string();
    assert!(
        err.contains("lỗi với cả 3 đơn vị: không có giá trị `row.ghi_chuu`"),
        "{err}"
    );
    assert!(!lo.out().exists());
}

/// The template with its table read from another file than the units:
/// bad rows of the units file then spoil only their own letter (a table
/// reading a file with a bad cell fails every letter, as in `vanban render`).
fn mau_bang_rieng() -> String {
    MAU.edit("du_lieu = \"don-vi.csv\"", "du_lieu = \"bang.csv\"")
}

#[test]
fn a_failing_unit_is_recorded_and_the_others_are_written_whole() {
    // Row 3: text where the condition needs a number; row 4: an unknown id.
    let data = "Đơn vị,Tỷ lệ,Ghi chú\nSở Tư pháp,40,a\nHuyện Gò Dầu,chưa có,b\nso_y_tee,70,c\nSở Y tế,70,d\n";
    let lo = Lo::new(&mau_bang_rieng(), data);
    let result = lo.run(&lo.opts(hang_loat::ten_tep::MAC_DINH)).unwrap();
    assert_eq!(result.so_loi(), 2);
    let status: Vec<String> = result
        .dong
        .iter()
        .map(|d| {
            serde_json::to_value(d.trang_thai)
                .unwrap()
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(status, ["da_tao", "loi", "loi", "da_tao"]);
    let loi = result.dong[1].loi.as_deref().unwrap();
    assert!(loi.contains("`row.ty_le` không phải số"), "{loi}");
    assert_eq!(result.dong[1].noi, "dòng 3");
    let loi = result.dong[2].loi.as_deref().unwrap();
    assert!(loi.contains("có phải ý bạn là `so_y_te`?"), "{loi}");
    // Nothing partial, no temporary files: just the good letters and the manifest.
    assert_eq!(
        files(&lo.out()),
        [
            "1-so-tu-phap.pdf",
            "4-so-y-te.pdf",
            "manifest.csv",
            "manifest.json"
        ]
    );
    let csv = std::fs::read_to_string(lo.out().join("manifest.csv")).unwrap();
    assert!(
        csv.contains("2,dòng 3,h_go_dau,Huyện Gò Dầu,2-huyen-go-dau.pdf,,,,,,,,Lỗi,"),
        "{csv}"
    );

    // Fixed data, run again: the units that did not change give the same bytes.
    let before = std::fs::read(lo.out().join("1-so-tu-phap.pdf")).unwrap();
    std::fs::write(
        &lo.du_lieu,
        "Đơn vị,Tỷ lệ,Ghi chú\nSở Tư pháp,40,a\nHuyện Gò Dầu,55,b\nso_y_te,70,c\nSở Y tế,70,d\n",
    )
    .unwrap();
    let result = lo.run(&lo.opts(hang_loat::ten_tep::MAC_DINH)).unwrap();
    assert_eq!(result.so_loi(), 0);
    assert_eq!(
        std::fs::read(lo.out().join("1-so-tu-phap.pdf")).unwrap(),
        before
    );
}

#[test]
fn data_cells_are_printed_literally() {
    let nasty =
        r#"#set page(width: 1cm) $x$ *đậm* _a_ @ref <l> [b] \ `c` // d {{ don_vi.ma }} [^1]"#;
    let data = format!(
        "Đơn vị,Tỷ lệ,Ghi chú\n\"Sở Tư pháp\",40,\"{}\"\n",
        nasty.replace('"', "\"\"")
    );
    let lo = Lo::new(MAU, &data);
    let docs = lo.documents();
    // Substituted once, as text: not read as markup, not evaluated again.
    assert!(
        body_text(&docs[0]).contains(&format!("ghi chú: {nasty}.")),
        "{}",
        body_text(&docs[0])
    );
    lo.run(&lo.opts(hang_loat::ten_tep::MAC_DINH)).unwrap();
    let text = pdftotext(&lo.out().join("1-so-tu-phap.pdf"));
    assert!(text.contains(&collapse(nasty)), "{text}");
}

#[test]
fn recipients_from_a_toml_list() {
    let lo = Lo::new(MAU, DON_VI);
    let units = lo.dir.path().join("don-vi.toml");
    std::fs::write(
        &units,
        "[[don_vi]]\nma = \"so_tu_phap\"\nty_le = 45.5\nghi_chu = \"x\"\n\n[[don_vi]]\nma = \"h_go_dau\"\nty_le = 80\nghi_chu = \"y\"\n",
    )
    .unwrap();
    let mut opts = lo.opts("{{ so }}-{{ don_vi.ma }}");
    opts.du_lieu = units;
    let result = lo.run(&opts).unwrap();
    assert_eq!(result.so_loi(), 0);
    assert_eq!(
        files(&lo.out())[..2],
        ["1-so-tu-phap.pdf", "2-h-go-dau.pdf"]
    );
    let text = pdftotext(&lo.out().join("1-so-tu-phap.pdf"));
    assert!(text.contains("đạt 45,5%"), "{text}");
    assert!(text.contains("Đề nghị Sở Tư pháp khắc phục ngay"), "{text}");
}

#[test]
fn the_bundled_batch_examples_run_and_join_in_unit_order() {
    // 94 letters make four chunks of the joined file (written as it goes).
    for (template, data, count) in [
        ("mau-cong-van-don-vi.toml", "data/chi-tieu-nq01.csv", 25),
        ("mau-cong-van-xa.toml", "data/tthc-cap-xa.csv", 94),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let joined = dir.path().join("tat-ca.pdf");
        let opts = TuyChon {
            mau: common::example(template),
            du_lieu: common::example(data),
            thu_muc: dir.path().join("out"),
            ten_tep: hang_loat::ten_tep::MAC_DINH.to_string(),
            cot_don_vi: None,
            gop: Some(joined.clone()),
            luong: 0,
            strict: false,
            reach: Default::default(),
            request: Default::default(),
            formats: vec![&vanban::output::PDF],
            xoa_cu: false,
        };
        let result = hang_loat::chay(
            &vanban::Compiler::new(),
            &opts,
            &|_| {},
            &Default::default(),
        )
        .unwrap();
        assert_eq!(
            (result.dong.len(), result.so_loi()),
            (count, 0),
            "{template}"
        );
        // The joined file is each letter's pages, in unit order (the words
        // of each page: poppler may order a table's words differently once
        // the page is copied), and a PDF poppler reads without complaint.
        let letters: Vec<Vec<String>> = result
            .dong
            .iter()
            .flat_map(|d| page_words(&dir.path().join("out").join(d.tep.as_ref().unwrap())))
            .collect();
        let pages: usize = result.dong.iter().map(|d| d.so_trang.unwrap()).sum();
        assert_eq!(result.gop.as_ref().unwrap().1, pages);
        assert_eq!(letters.len(), pages);
        assert!(
            page_words(&joined) == letters,
            "{template}: the joined pages differ"
        );
        let info = Command::new("pdfinfo").arg(&joined).output().unwrap();
        assert!(info.status.success());
        assert_eq!(String::from_utf8_lossy(&info.stderr), "", "{template}");
        assert!(
            String::from_utf8_lossy(&info.stdout).contains(&format!("Pages:           {pages}\n"))
        );
    }
}

#[test]
fn a_letter_laid_out_apart_from_its_appendix_is_the_same_document() {
    // The second example's appendix numbers its footnotes on from the letter's.
    for (name, pages) in [("cong-van.toml", 8), ("cong-van-chu-thich.toml", 2)] {
        let compiler = vanban::Compiler::new();
        let doc = vanban::load::load_file(&common::example(name))
            .unwrap()
            .van_ban;
        let data = vanban::render::van_ban(&doc);
        let whole = common::Layout::of(&compiler.compile(&data).unwrap());
        let cache = vanban::compile::AppendixCache::new();
        let fresh = common::Layout::of(&compiler.compile_batch(&data, &cache).unwrap());
        let reused = common::Layout::of(&compiler.compile_batch(&data, &cache).unwrap());
        let key = |l: &common::Layout| -> Vec<(usize, i64, i64, String, u16)> {
            l.runs
                .iter()
                .map(|r| {
                    (
                        r.page,
                        (r.x * 100.0) as i64,
                        (r.y * 100.0) as i64,
                        r.text.clone(),
                        r.weight,
                    )
                })
                .collect()
        };
        assert_eq!(whole.pages.len(), pages, "{name}");
        assert_eq!(whole.pages, fresh.pages, "{name}");
        assert_eq!(key(&whole), key(&fresh), "{name}");
        assert_eq!(key(&fresh), key(&reused), "{name}");
        assert_eq!(whole.rules.len(), fresh.rules.len(), "{name}");
    }
}

#[test]
fn the_command_reports_each_failed_unit_and_exits_non_zero() {
    let data = "Đơn vị,Tỷ lệ,Ghi chú\nSở Tư pháp,40,a\nso_y_tee,70,c\n";
    let lo = Lo::new(&mau_bang_rieng(), data);
    let out = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .arg("batch")
        .arg(&lo.mau)
        .arg("--data")
        .arg(&lo.du_lieu)
        .arg("-o")
        .arg(lo.out())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stdout.starts_with("Đã tạo 1/2 văn bản trong "),
        "{stdout}{stderr}"
    );
    assert!(
        stderr.contains("lỗi: so_y_tee (dòng 3): không có đơn vị mã `so_y_tee` trong danh bạ"),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 đơn vị chưa tạo được văn bản"),
        "{stderr}"
    );
    assert_eq!(
        files(&lo.out()),
        ["1-so-tu-phap.pdf", "manifest.csv", "manifest.json"]
    );
}
