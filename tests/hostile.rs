//! Careless and hostile input (issue 13), through the command as a clerk
//! runs it: each case asserts the exit code, the Vietnamese message with
//! its place, and that no file was created or changed.

use crate::common;
use crate::common::Edit;

use std::path::Path;
use std::process::Command;

use common::MINIMAL;
use common::refuse::*;

/// `vanban batch mau.toml --data don-vi.csv -o out` and `extra`.
fn batch_args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    ["batch", "@mau.toml", "--data", "@don-vi.csv", "-o", "@out"]
        .into_iter()
        .chain(extra.iter().copied())
        .collect()
}

#[test]
fn an_output_never_replaces_an_input() {
    let doc = [("van-ban.toml", MINIMAL)];
    refused(
        &doc,
        &["render", "@van-ban.toml", "-o", "@van-ban.toml"],
        &["trùng với tệp vào", "van-ban.toml", "chưa tạo tệp nào"],
    );
    refused(
        &doc,
        &["tasks", "@van-ban.toml", "-o", "@van-ban.toml"],
        &["trùng với tệp vào"],
    );
    let batch = [("mau.toml", BATCH), ("don-vi.csv", UNITS)];
    for target in [
        "@mau.toml",
        "@don-vi.csv",
        "@out/so-tu-phap.pdf",
        "@out/manifest.csv",
    ] {
        refused(
            &batch,
            &batch_args(&["--ten", "{{ don_vi.ten }}", "--gop", target]),
            &["trùng với tệp vào"],
        );
    }
}

#[test]
fn invisible_and_bidirectional_characters_are_named() {
    for (c, name) in [
        ('\u{202E}', "RIGHT-TO-LEFT OVERRIDE"),
        ('\u{2066}', "LEFT-TO-RIGHT ISOLATE"),
        ('\u{200B}', "ZERO WIDTH SPACE"),
        ('\u{FEFF}', "BYTE ORDER MARK"),
    ] {
        let toml = MINIMAL.edit("Trần Văn Chiến", &format!("Trần Văn{c} Chiến"));
        refused(
            &[("van-ban.toml", &toml)],
            &["render", "@van-ban.toml"],
            &["van-ban.toml:", "trường `chu_ky.ho_ten`", name, "gợi ý:"],
        );
    }
}

#[test]
fn dates_outside_the_sane_range_or_the_calendar_are_errors() {
    for (date, expected) in [
        ("0001-05-31", "năm 1 của ngày ban hành"),
        ("2101-01-01", "nằm ngoài khoảng 1945–2100"),
        ("\"31/5/1900\"", "năm 1900"),
        ("2023-02-30", "ngày tháng không có thật"),
    ] {
        let toml = MINIMAL.edit("ngay = 2024-05-31", &format!("ngay = {date}"));
        refused(
            &[("van-ban.toml", &toml)],
            &["render", "@van-ban.toml"],
            &["van-ban.toml:5:", expected],
        );
    }
}

#[test]
fn batch_file_names_windows_cannot_open_or_too_long_are_refused() {
    let batch = [("mau.toml", BATCH), ("don-vi.csv", UNITS)];
    refused(
        &batch,
        &batch_args(&["--ten", "con"]),
        &["dành riêng của Windows"],
    );
    let long = format!("{}{{{{ so }}}}", "a".repeat(300));
    let out = {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in batch {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        let p = |n: &str| dir.path().join(n).into_os_string();
        let out = vanban(&[
            "batch".as_ref(),
            &p("mau.toml"),
            "--data".as_ref(),
            &p("don-vi.csv"),
            "-o".as_ref(),
            &p("out"),
            "--ten".as_ref(),
            long.as_ref(),
        ]);
        assert!(!dir.path().join("out").exists());
        out
    };
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("byte, tối đa 200"), "{err}");
    assert!(
        !err.contains(&"a".repeat(100)),
        "the whole name quoted: {err}"
    );
}

#[test]
fn csv_exports_defuse_formulas() {
    // Two tasks whose text and unit Excel would run as formulas, laid out
    // in a phụ lục table so the document is complete.
    let toml = format!(
        r#"{MINIMAL}
[[nhiem_vu]]
noi_dung = '=HYPERLINK("http://x")'
chu_tri = "@Sở Tư pháp"

[[phu_luc]]
tieu_de = "Nhiệm vụ"
kem_theo = false

[phu_luc.nhiem_vu]
"#
    );
    let (dir, path) = common::write_toml(&toml);
    let csv = dir.path().join("nhiem-vu.csv");
    let out = vanban(&[
        "tasks".as_ref(),
        path.as_os_str(),
        "-o".as_ref(),
        csv.as_os_str(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains("\"'=HYPERLINK("), "{text}");
    assert!(text.contains(",'@Sở Tư pháp,"), "{text}");
}

#[test]
fn batch_expressions_stay_inside_the_letter_and_bounded() {
    for (expression, expected) in [
        (
            "{% include 'noi_dung.md' %}",
            "thẻ {% include %} không được dùng",
        ),
        (
            "{% macro m(n) %}{{ self::m(n=n) }}{% endmacro %}",
            "thẻ {% macro %} không được dùng",
        ),
        ("{% import 'x' as x %}", "thẻ {% import %} không được dùng"),
        (
            "{{ get_env(name='HOME') }}",
            "không được đọc biến môi trường",
        ),
        ("{{ now() }}", "hàm now() không được dùng"),
        (
            "{% for i in range(end=100000000) %}a{% endfor %}",
            "range tạo 100000000 phần tử, tối đa 1000",
        ),
        ("{{ row.ty_le / 0 }}", "chia cho 0"),
        (
            "{% for i in range(end=1000) %}{% for j in range(end=1000) %}a{% endfor %}{% endfor %}",
            "tối đa 100000",
        ),
    ] {
        let template = BATCH.edit("Kết quả: {{ row.ty_le }}%./.", expression);
        refused(
            &[("mau.toml", &template), ("don-vi.csv", UNITS)],
            &batch_args(&[]),
            &["mau.toml", "`noi_dung`", expected],
        );
    }
}

#[test]
fn only_regular_files_of_sane_size_are_read() {
    // A folder named like a data file.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("so-lieu.csv")).unwrap();
    let (code, err) = render_in(dir.path(), &with_data_file("so-lieu.csv"));
    assert_eq!(code, Some(1));
    assert!(err.contains("đây là một thư mục"), "{err}");

    // A named pipe would block the read for ever.
    #[cfg(unix)]
    {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("so-lieu.csv");
        let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(made.success());
        let (code, err) = render_in(dir.path(), &with_data_file("so-lieu.csv"));
        assert_eq!(code, Some(1));
        assert!(err.contains("không phải tệp thường"), "{err}");
        // A device, as the document itself.
        let out = vanban(&[
            "render".as_ref(),
            "/dev/zero".as_ref(),
            "-o".as_ref(),
            dir.path().join("x.pdf").as_os_str(),
        ]);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            stderr(&out).contains("không phải tệp thường"),
            "{}",
            stderr(&out)
        );
    }

    // A document over 5 MB.
    let big = format!("{MINIMAL}\n# {}\n", "x".repeat(6 * 1024 * 1024));
    refused(
        &[("van-ban.toml", &big)],
        &["render", "@van-ban.toml"],
        &["van-ban.toml", "quá giới hạn 5 MB", "gợi ý: tách"],
    );
}

#[test]
fn a_paragraph_too_long_to_lay_out_is_refused_early() {
    let toml = MINIMAL.edit(
        "Thực hiện Nghị quyết số 01/NQ-CP ngày 05/01/2024 của Chính phủ.",
        &"Thực hiện nhiệm vụ năm 2024. ".repeat(1_000),
    );
    refused(
        &[("van-ban.toml", &toml)],
        &["render", "@van-ban.toml"],
        &[
            "van-ban.toml:8:",
            "trường `noi_dung`",
            "tối đa 20000",
            "tách thành nhiều đoạn",
        ],
    );
}

#[test]
fn a_batch_template_cannot_let_the_data_choose_a_file() {
    let template = format!(
        "{BATCH}\n[[phu_luc]]\ntieu_de = \"Số liệu\"\nkem_theo = false\n\n[[phu_luc.bang]]\ndu_lieu = \"{{{{ row.tep }}}}\"\ncot = [\"stt\"]\n"
    );
    refused(
        &[("mau.toml", &template), ("don-vi.csv", UNITS)],
        &batch_args(&[]),
        &[
            "mau.toml:",
            "`phu_luc[0].bang[0].du_lieu`",
            "không được lấy từ biểu thức",
        ],
    );
}

#[test]
fn ragged_csv_rows_and_open_quotes_are_errors() {
    for (csv, expected) in [
        ("A,B\n1,2\n3\n", "dòng 3 có 1 ô, dòng tiêu đề có 2 ô"),
        ("A,B\n1,2,3\n", "dòng 2 có 3 ô, dòng tiêu đề có 2 ô"),
        ("A,B\n\"1,2\n3,4\n5,6\n", "dấu nháy kép \" chưa đóng"),
    ] {
        let toml = with_data_file("so-lieu.csv").edit(
            "{ ma = \"a\", tieu_de = \"A\" }",
            "{ ma = \"a\", tieu_de = \"A\" }, { ma = \"b\", tieu_de = \"B\" }",
        );
        refused(
            &[("van-ban.toml", &toml), ("so-lieu.csv", csv)],
            &["render", "@van-ban.toml"],
            &["so-lieu.csv", expected, "gợi ý:"],
        );
    }
    // A blank line of separators is not a ragged row.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("so-lieu.csv"), "A\nx\n,\n").unwrap();
    let (code, err) = render_in(dir.path(), &with_data_file("so-lieu.csv"));
    assert_eq!(code, Some(0), "{err}");
    // Nor is a quoted cell on two lines, separators and all (as Excel
    // writes an address typed with Alt+Enter).
    std::fs::write(
        dir.path().join("so-lieu.csv"),
        "A\n\"Số 1, đường A,\nphường 2, quận 3\"\n",
    )
    .unwrap();
    let (code, err) = render_in(dir.path(), &with_data_file("so-lieu.csv"));
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn a_stray_far_cell_in_a_workbook_is_refused_not_allocated() {
    let xlsx = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile/o-xa.xlsx"),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("o-xa.xlsx"), xlsx).unwrap();
    let (code, err) = render_in(dir.path(), &with_data_file("o-xa.xlsx"));
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("vùng số liệu kéo tới ô XFD1048576") && err.contains("quá giới hạn"),
        "{err}"
    );
    assert!(!dir.path().join("van-ban.pdf").exists());
}

#[test]
fn contact_lines_are_never_cut_off_the_page() {
    let address = "Số 123 đường Cách Mạng Tháng Tám, khu phố 1, phường 3, thành phố Tây Ninh, tỉnh Tây Ninh, Việt Nam";
    let with = |extra: &str| {
        format!(
            "{MINIMAL}\n[lien_he]\ndia_chi = \"{address}\"\ndien_thoai = \"0276.3822222\"\n{extra}"
        )
    };
    // Address on two lines and the phone on a third: all printed.
    let layout = common::Layout::of(&common::compile_str(&with("")));
    let text = layout.all_text();
    assert!(text.contains("ĐT: 0276.3822222"), "{text}");
    assert!(text.contains("tỉnh Tây Ninh, Việt Nam"), "{text}");
    // One more line would fall off the page: refused, with the reason.
    refused(
        &[(
            "van-ban.toml",
            &with(
                "website = \"https://www.tayninh.gov.vn/chuyen-muc/thong-tin-lien-he-va-duong-day-nong-cua-uy-ban\"\nemail = \"vanphong.ubnd@tayninh.gov.vn\"\n",
            ),
        )],
        &["render", "@van-ban.toml"],
        &["trường `lien_he`", "chân trang 1 chỉ chứa 3 dòng", "gợi ý:"],
    );
}

#[test]
fn deadlines_shaped_like_dates_but_impossible_are_errors() {
    for (deadline, expected) in [
        ("Quý V/2024", "quý V không có"),
        (
            "trong 99999999999 ngày kể từ ngày ký",
            "không phải 99999999999",
        ),
        ("Tháng 13/2024", "tháng 13 không có"),
    ] {
        let toml = format!(
            "{}\n[[nhiem_vu]]\nnoi_dung = \"Rà soát.\"\nchu_tri = \"Sở Tư pháp\"\nthoi_han = \"{deadline}\"\n",
            MINIMAL.edit(
                "[co_quan]\n",
                "[[muc]]\nnhiem_vu = \"theo_don_vi\"\n\n[co_quan]\n"
            )
        );
        refused(
            &[("van-ban.toml", &toml)],
            &["render", "@van-ban.toml"],
            &["thoi_han", expected],
        );
    }
}

#[test]
fn batch_engine_messages_are_vietnamese_and_the_output_folder_must_be_a_folder() {
    let batch = [
        ("mau.toml", BATCH),
        ("don-vi.csv", UNITS),
        ("ket-qua", "tệp, không phải thư mục"),
    ];
    refused(
        &batch,
        &[
            "batch",
            "@mau.toml",
            "--data",
            "@don-vi.csv",
            "-o",
            "@ket-qua",
        ],
        &["là một tệp, không phải thư mục", "gợi ý:"],
    );
    for (expression, expected) in [
        ("{{ row.ty_le % 0 }}", "cho 0"),
        ("{{ don_vi.ten | khong_co }}", "không có bộ lọc `khong_co`"),
    ] {
        let template = BATCH.edit("Kết quả: {{ row.ty_le }}%./.", expression);
        refused(
            &[("mau.toml", &template), ("don-vi.csv", UNITS)],
            &batch_args(&[]),
            &["`noi_dung`", expected],
        );
    }
}

#[test]
fn files_outside_the_document_folder_are_read_only_when_the_clerk_allows_it() {
    let dir = tempfile::tempdir().unwrap();
    let vb = dir.path().join("vb");
    std::fs::create_dir(&vb).unwrap();
    std::fs::write(dir.path().join("so-lieu.csv"), "A\n1\n").unwrap();
    let toml = vb.join("van-ban.toml");
    std::fs::write(&toml, with_data_file("../so-lieu.csv")).unwrap();
    let out = vanban(&["render".as_ref(), toml.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("nằm ngoài thư mục chứa văn bản"));
    let out = vanban(&[
        "render".as_ref(),
        toml.as_os_str(),
        "--cho-phep-ngoai".as_ref(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(vb.join("van-ban.pdf").exists());

    // A link inside the folder leads outside it: refused, as the file
    // it names would be.
    #[cfg(unix)]
    {
        let linked = dir.path().join("vb2");
        std::fs::create_dir(&linked).unwrap();
        std::os::unix::fs::symlink(dir.path().join("so-lieu.csv"), linked.join("so-lieu.csv"))
            .unwrap();
        let (code, err) = render_in(&linked, &with_data_file("so-lieu.csv"));
        assert_eq!(code, Some(1));
        assert!(
            err.contains("van-ban.toml:") && err.contains("tệp \"so-lieu.csv\" nằm ngoài"),
            "{err}"
        );
    }
}
