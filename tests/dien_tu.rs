//! Electronic documents (issue 15): PDF/A and metadata read back with
//! poppler, signature and seal images placed without moving text, and empty
//! signature fields that pyHanko signs and validates (tests/ky_so.py, with a
//! throw-away certificate) while pikepdf (qpdf) finds no structural error.

use crate::common;
use crate::common::Edit;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::MINIMAL;
use common::refuse::{run_in, stderr, write_files};
use common::{png, poppler};

const MM: f64 = 72.0 / 25.4;

/// A folder holding the bundled electronic example and its images.
fn dien_tu_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    std::fs::create_dir(dir.path().join("anh")).unwrap();
    for f in ["cong-van-dien-tu.toml", "anh/chu-ky.png", "anh/dau.png"] {
        std::fs::copy(examples.join(f), dir.path().join(f)).unwrap();
    }
    dir
}

fn render(dir: &Path, args: &[&str]) -> PathBuf {
    let out = run_in(dir, args);
    assert!(out.status.success(), "{}", stderr(&out));
    dir.join(args[1].trim_start_matches('@'))
        .with_extension("pdf")
}

#[test]
fn the_bundled_images_are_as_the_decree_wants_them() {
    // Transparent, blue and red, the seal round: no warning.
    let dir = dien_tu_folder();
    let out = run_in(
        dir.path(),
        &["--nghiem", "render", "@cong-van-dien-tu.toml"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    // With a Word file beside the PDF the images are used (by the PDF).
    let both = [
        "--nghiem",
        "render",
        "@cong-van-dien-tu.toml",
        "--dang",
        "ca-hai",
        "-o",
        "@ca-hai.pdf",
    ];
    let out = run_in(dir.path(), &both);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    assert!(dir.path().join("ca-hai.docx").exists());
    // A Word file alone says what it leaves out.
    let alone = ["render", "@cong-van-dien-tu.toml", "--dang", "docx"];
    let out = run_in(dir.path(), &alone);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("ảnh chữ ký (chu_ky.anh) chỉ có trong tệp PDF"),
        "{err}"
    );
    assert!(
        err.contains("ảnh dấu (co_quan.anh_dau) chỉ có trong tệp PDF"),
        "{err}"
    );
}

fn info(pdf: &Path, meta: bool) -> String {
    let mut cmd = Command::new("pdfinfo");
    if meta {
        cmd.arg("-meta");
    }
    let out = cmd.arg(pdf).output().expect("pdfinfo (poppler-utils)");
    String::from_utf8(out.stdout).unwrap()
}

fn is_pdfa_2u(pdf: &Path) -> bool {
    let xmp = info(pdf, true);
    xmp.contains("<pdfaid:part>2</pdfaid:part>")
        && xmp.contains("<pdfaid:conformance>U</pdfaid:conformance>")
}

#[test]
fn a_dated_document_is_pdfa_with_the_registers_metadata() {
    let dir = dien_tu_folder();
    let pdf = render(dir.path(), &["render", "@cong-van-dien-tu.toml"]);
    assert!(is_pdfa_2u(&pdf));
    let info = info(&pdf, false);
    for line in [
        "Subject:         thực hiện gửi, nhận văn bản điện tử có ký số giữa các cơ quan hành chính nhà nước trên địa bàn tỉnh",
        "Keywords:        2157/UBND-VP, Công văn",
        "CreationDate:    Mon Jul  8 00:00:00 2024 UTC",
        "Author:          ỦY BAN NHÂN DÂN TỈNH TÂY NINH",
        "Title:           Công văn số 2157/UBND-VP V/v thực hiện",
    ] {
        assert!(info.contains(line), "{line}\n{info}");
    }
    // XMP says the same (dc:description, pdf:Keywords, xmp:CreateDate).
    let xmp = self::info(&pdf, true);
    assert!(xmp.contains("<pdf:Keywords>2157/UBND-VP, Công văn</pdf:Keywords>"));
    assert!(xmp.contains("<xmp:CreateDate>2024-07-08T00:00:00+00:00</xmp:CreateDate>"));
    // Deterministic: the same input gives the same bytes.
    let first = std::fs::read(&pdf).unwrap();
    std::fs::remove_file(&pdf).unwrap();
    render(dir.path(), &["render", "@cong-van-dien-tu.toml"]);
    assert_eq!(first, std::fs::read(&pdf).unwrap());
}

#[test]
fn a_draft_without_its_date_is_a_plain_pdf_and_refuses_pdfa() {
    let dir = tempfile::tempdir().unwrap();
    let draft = MINIMAL.edit("ngay = 2024-05-31", "ngay = \"5/2024\"");
    write_files(dir.path(), &[("v.toml", draft.as_str())]);
    let pdf = render(dir.path(), &["render", "@v.toml"]);
    assert!(!is_pdfa_2u(&pdf));
    assert!(!info(&pdf, false).contains("CreationDate"));
    std::fs::remove_file(&pdf).unwrap();

    let out = run_in(dir.path(), &["render", "@v.toml", "--pdfa"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("--pdfa") && err.contains("ngày đầy đủ"),
        "{err}"
    );
    assert!(!pdf.exists());

    // A dated one is PDF/A unless refused.
    write_files(dir.path(), &[("d.toml", MINIMAL)]);
    let plain = render(dir.path(), &["render", "@d.toml", "--khong-pdfa"]);
    assert!(!is_pdfa_2u(&plain));
    assert!(info(&plain, false).contains("CreationDate:    Fri May 31 00:00:00 2024 UTC"));
}

/// Width and height of `page`, in points.
fn page_size(pdf: &Path, page: u64) -> (f64, f64) {
    let p = page.to_string();
    let out = Command::new("pdfinfo")
        .args(["-f", &p, "-l", &p])
        .arg(pdf)
        .output()
        .expect("pdfinfo (poppler-utils)");
    let text = String::from_utf8(out.stdout).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with(&format!("Page {p:>4} size:")))
        .unwrap_or_else(|| panic!("{text}"));
    let mut n = line
        .split(':')
        .nth(1)
        .unwrap()
        .split_whitespace()
        .filter_map(|w| w.parse::<f64>().ok());
    (n.next().unwrap(), n.next().unwrap())
}

/// One field of `TỆP.o-ky.json`.
struct Field {
    ten: String,
    trang: u64,
    pt: [f64; 4],
}

fn fields(pdf: &Path) -> Vec<Field> {
    let json = std::fs::read_to_string(pdf.with_extension("o-ky.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["tep"], pdf.file_name().unwrap().to_str().unwrap());
    v["o_ky"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let pt: Vec<f64> = f["pt"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_f64().unwrap())
                .collect();
            let mm = &f["mm"];
            // The mm box is the pt box seen from the top-left corner.
            let trang = f["trang"].as_u64().unwrap();
            let (_, height) = page_size(pdf, trang);
            let top = mm["y"].as_f64().unwrap() * MM;
            assert!((height - top - pt[3]).abs() < 0.1, "{f}");
            assert!((mm["rong"].as_f64().unwrap() * MM - (pt[2] - pt[0])).abs() < 0.1);
            Field {
                ten: f["ten"].as_str().unwrap().into(),
                trang,
                pt: [pt[0], pt[1], pt[2], pt[3]],
            }
        })
        .collect()
}

/// Words of `page` with their boxes (points from the top-left).
fn words(pdf: &Path, page: u64) -> Vec<(String, [f64; 4])> {
    let p = page.to_string();
    let html = poppler("pdftotext", &["-bbox", "-f", &p, "-l", &p], pdf);
    html.lines()
        .filter_map(|l| {
            let l = l.trim().strip_prefix("<word ")?;
            let num = |k: &str| -> f64 {
                let at = l.find(&format!("{k}=\"")).unwrap() + k.len() + 2;
                l[at..].split('"').next().unwrap().parse().unwrap()
            };
            let word = l.split('>').nth(1)?.split('<').next()?.to_string();
            Some((word, [num("xMin"), num("yMin"), num("xMax"), num("yMax")]))
        })
        .collect()
}

fn word(words: &[(String, [f64; 4])], w: &str) -> [f64; 4] {
    words
        .iter()
        .rev()
        .find(|(t, _)| t == w)
        .unwrap_or_else(|| panic!("{w}"))
        .1
}

#[test]
fn signature_fields_sit_where_the_decree_puts_signatures() {
    let dir = dien_tu_folder();
    let pdf = render(dir.path(), &["render", "@cong-van-dien-tu.toml", "--o-ky"]);
    let f = fields(&pdf);
    let names: Vec<&str> = f.iter().map(|f| f.ten.as_str()).collect();
    assert_eq!(names, ["nguoi_ky", "co_quan", "phu_luc_1"]);
    let (signer, seal, appendix) = (&f[0], &f[1], &f[2]);
    assert_eq!((signer.trang, seal.trang, appendix.trang), (1, 1, 2));

    // The signer's field lies between the chức vụ and the name, centred on
    // the name; the seal's right edge a third into the signature.
    let page_height = 841.89;
    let w = words(&pdf, 1);
    let title = word(&w, "PHÓ");
    let (first, last) = (word(&w, "Trần"), word(&w, "Chiến"));
    let top = page_height - signer.pt[3];
    let bottom = page_height - signer.pt[1];
    assert!(title[3] <= top + 0.5, "{title:?} {top}");
    assert!(first[1] >= bottom - 0.5, "{first:?} {bottom}");
    let centre = (signer.pt[0] + signer.pt[2]) / 2.0;
    assert!((centre - (first[0] + last[2]) / 2.0).abs() < 1.0);
    let third = signer.pt[0] + (signer.pt[2] - signer.pt[0]) / 3.0;
    assert!((seal.pt[2] - third).abs() < 0.05);
    assert!((seal.pt[2] - seal.pt[0] - 36.0 * MM).abs() < 0.05);

    // The phụ lục's: top right of its first page, inside the top margin.
    let a = words(&pdf, 2);
    let (width, height) = page_size(&pdf, 2);
    assert!((appendix.pt[2] - (width - 15.0 * MM)).abs() < 0.05);
    assert!(height - appendix.pt[3] >= 3.9 * MM && height - appendix.pt[1] <= 20.0 * MM);
    let first_text = a.iter().map(|(_, b)| b[1]).fold(f64::MAX, f64::min);
    assert!(
        height - appendix.pt[1] <= first_text,
        "the field is above the text"
    );
}

#[test]
fn pyhanko_signs_every_field_and_the_signatures_validate() {
    // A footnote is a link annotation on its page: the fields join it.
    let chu_thich = MINIMAL.edit(
        "của Chính phủ.",
        "của Chính phủ[^1].\n\n[^1]: Ghi chú có đường dẫn trong PDF.",
    );
    for (example, images) in [
        ("cong-van-dien-tu.toml", true),
        ("v.toml", false),
        ("chu-thich.toml", false),
    ] {
        let dir = dien_tu_folder();
        write_files(dir.path(), &[("v.toml", MINIMAL), ("chu-thich.toml", &chu_thich)]);
        let arg = format!("@{example}");
        let pdf = render(dir.path(), &["render", &arg, "--o-ky"]);
        let signed = dir.path().join("da-ky.pdf");
        let out = Command::new("python3")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ky_so.py"))
            .arg(&pdf)
            .arg(&signed)
            .output()
            .expect("python3 with pyHanko and pikepdf (.ci/run installs them)");
        assert!(out.status.success(), "{}", stderr(&out));
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let expected: Vec<&str> = match images {
            true => vec!["nguoi_ky", "co_quan", "phu_luc_1"],
            false => vec!["nguoi_ky", "co_quan"],
        };
        assert_eq!(report["fields"], serde_json::json!(expected));
        let sigs = report["signatures"].as_array().unwrap();
        assert_eq!(sigs.len(), expected.len());
        for (i, s) in sigs.iter().enumerate() {
            assert_eq!(s["field"], expected[i]);
            for key in ["intact", "valid", "trusted", "docmdp_ok"] {
                assert_eq!(s[key], true, "{example} {key}: {s}");
            }
            // The last signature covers the whole file; each earlier one its
            // revision, later changes being only the filling of fields.
            if i + 1 == sigs.len() {
                assert_eq!(s["coverage"], "ENTIRE_FILE", "{s}");
            } else {
                assert_eq!(s["coverage"], "ENTIRE_REVISION", "{s}");
                assert_eq!(s["modification_level"], "FORM_FILLING", "{s}");
            }
        }
        // PDF/A-2u before signing, and still declared so after (pyHanko
        // rewrites the XMP packet with its own producer and dates).
        for xmp in [&report["xmp"], &report["xmp_signed"]] {
            assert_eq!(xmp["part"], "2", "{report}");
            assert_eq!(xmp["conformance"], "U", "{report}");
        }
        assert_eq!(report["problems_unsigned"], serde_json::json!([]));
        assert_eq!(report["problems_signed"], serde_json::json!([]));

        // The signed file reads as the unsigned one (the stamps pyHanko
        // draws in the fields aside): same text, the signature block's
        // lines in reading order, A4.
        let text = |p: &Path| -> Vec<String> {
            poppler("pdftotext", &[], p)
                .lines()
                .filter(|l| !l.contains("Digitally signed by") && !l.contains("Timestamp:"))
                .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|l| !l.is_empty())
                .collect()
        };
        assert_eq!(text(&pdf), text(&signed));
        // Every word where it was: the signed pages' words, less those of
        // the stamps inside the fields, are the unsigned pages' words.
        let boxes = fields(&pdf);
        let pages: u64 = report["pages"].as_u64().unwrap();
        for page in 1..=pages {
            let (_, height) = page_size(&pdf, page);
            let in_a_field = |b: &[f64; 4]| {
                boxes.iter().any(|f| {
                    f.trang == page
                        && b[0] >= f.pt[0] - 1.0
                        && b[2] <= f.pt[2] + 1.0
                        && b[1] >= height - f.pt[3] - 1.0
                        && b[3] <= height - f.pt[1] + 1.0
                })
            };
            let signed_words: Vec<_> = words(&signed, page)
                .into_iter()
                .filter(|(_, b)| !in_a_field(b))
                .collect();
            assert_eq!(words(&pdf, page), signed_words, "{example} page {page}");
        }
        let plain = common::collapse(&poppler("pdftotext", &[], &signed));
        let at = |s: &str| plain.find(s).unwrap_or_else(|| panic!("{s}"));
        assert!(at("KT. CHỦ TỊCH") < at("PHÓ CHỦ TỊCH"));
        assert!(at("PHÓ CHỦ TỊCH") < at("Trần Văn Chiến"));
        assert!(info(&signed, false).contains("Page size:       595.276 x 841.89 pts (A4)"));
    }
}

#[test]
fn images_move_no_text() {
    let dir = dien_tu_folder();
    let with = render(dir.path(), &["render", "@cong-van-dien-tu.toml"]);
    let toml = std::fs::read_to_string(dir.path().join("cong-van-dien-tu.toml")).unwrap();
    let without: String = toml
        .lines()
        .filter(|l| !l.starts_with("anh") && !l.starts_with("duong_kinh_dau"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(toml.len(), without.len());
    write_files(dir.path(), &[("khong-anh.toml", without.as_str())]);
    let plain = render(dir.path(), &["render", "@khong-anh.toml"]);
    for page in [1, 2] {
        assert_eq!(words(&with, page), words(&plain, page), "page {page}");
    }
    // The images are there, at their sizes.
    let out = Command::new("pdfimages")
        .arg("-list")
        .arg(&with)
        .output()
        .expect("pdfimages (poppler-utils)");
    let list = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = list.lines().skip(2).collect();
    assert_eq!(
        rows.len(),
        4,
        "two images, each with its soft mask:\n{list}"
    );
    assert!(
        rows.iter()
            .any(|r| r.contains(" 720 ") && r.contains(" 240 "))
    );
    assert!(
        rows.iter()
            .any(|r| r.contains(" 480 ") && r.contains(" 480 "))
    );
}

#[test]
fn an_image_against_the_decree_prints_with_warnings() {
    let dir = tempfile::tempdir().unwrap();
    // A red signature on white, and a blue, oblong seal.
    let doc = MINIMAL
        .edit(
            "ho_ten = \"Trần Văn Chiến\"",
            "ho_ten = \"Trần Văn Chiến\"\nanh = \"ky.png\"",
        )
        .edit(
            "ten = [\"ỦY BAN NHÂN DÂN\", \"TỈNH TÂY NINH\"]",
            "ten = [\"ỦY BAN NHÂN DÂN\", \"TỈNH TÂY NINH\"]\nanh_dau = \"dau.png\"",
        );
    let ky = png(300, 100, png::ColorType::Rgb, &[200, 20, 20]);
    let dau = png(400, 200, png::ColorType::Rgba, &[20, 20, 200, 255]);
    write_files(
        dir.path(),
        &[
            ("v.toml", doc.as_bytes()),
            ("ky.png", &ky),
            ("dau.png", &dau),
        ],
    );
    let out = run_in(dir.path(), &["render", "@v.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    for piece in [
        "cảnh báo: ",
        "v.toml:26:7: trường `chu_ky.anh`: ảnh chữ ký không có nền trong suốt",
        "ảnh chữ ký không phải màu xanh",
        "ảnh chữ ký chỉ 300×100 điểm ảnh: in ra sẽ mờ",
        "v.toml:19:11: trường `co_quan.anh_dau`: ảnh con dấu không phải màu đỏ",
        "ảnh con dấu 400×200 điểm ảnh không vuông",
        "Nghị định 30",
    ] {
        assert!(err.contains(piece), "{piece}\n{err}");
    }
    // --nghiem turns them into errors and writes nothing.
    std::fs::remove_file(dir.path().join("v.pdf")).unwrap();
    let out = run_in(dir.path(), &["--nghiem", "render", "@v.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!dir.path().join("v.pdf").exists());
}

#[test]
fn a_batch_records_metadata_and_fields_in_its_manifest() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let out_dir = tempfile::tempdir().unwrap();
    let out = common::refuse::vanban(&[
        "batch".as_ref(),
        examples.join("mau-cong-van-xa.toml").as_os_str(),
        "--data".as_ref(),
        examples.join("data/tthc-cap-xa.csv").as_os_str(),
        "-o".as_ref(),
        out_dir.path().as_os_str(),
        "--o-ky".as_ref(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out_dir.path().join("manifest.json")).unwrap())
            .unwrap();
    let first = &manifest[0];
    assert_eq!(first["pdfa"], true);
    assert!(first["so_ky_hieu"].as_str().unwrap().contains("/UBND-"));
    assert!(!first["trich_yeu"].as_str().unwrap().is_empty());
    assert!(first["ngay_ban_hanh"].as_str().unwrap().starts_with("20"));
    let fields: Vec<&str> = first["o_ky"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["ten"].as_str().unwrap())
        .collect();
    assert_eq!(&fields[..2], ["nguoi_ky", "co_quan"]);
    let pdf = out_dir.path().join(first["tep"].as_str().unwrap());
    assert!(is_pdfa_2u(&pdf));
    assert!(info(&pdf, false).contains("Form:            AcroForm"));
    let csv = std::fs::read_to_string(out_dir.path().join("manifest.csv")).unwrap();
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .contains("Số và ký hiệu,Trích yếu,Ngày ban hành,PDF/A")
    );
}

#[test]
fn a_batch_takes_each_units_own_signature_image() {
    let dir = tempfile::tempdir().unwrap();
    let template = common::refuse::BATCH.edit(
        "ho_ten = \"Nguyễn Văn A\"",
        "ho_ten = \"Nguyễn Văn A\"\nanh = \"ky/{{ don_vi.ten | slug }}.png\"",
    );
    let blue = |w, h| png(w, h, png::ColorType::Rgba, &[20, 40, 180, 255]);
    write_files(
        dir.path(),
        &[
            ("m.toml", template.into_bytes()),
            ("u.csv", common::refuse::UNITS.as_bytes().to_vec()),
            ("ky/so-tu-phap.png", blue(300, 100)),
            ("ky/so-y-te.png", blue(400, 200)),
        ],
    );
    let out = run_in(
        dir.path(),
        &["batch", "@m.toml", "--data", "@u.csv", "-o", "@out"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    for (letter, size) in [
        ("1-so-tu-phap.pdf", "300   100"),
        ("2-so-y-te.pdf", "400   200"),
    ] {
        let out = Command::new("pdfimages")
            .arg("-list")
            .arg(dir.path().join("out").join(letter))
            .output()
            .expect("pdfimages (poppler-utils)");
        let list = String::from_utf8(out.stdout).unwrap();
        assert!(list.contains(size), "{letter}: {list}");
    }
}
