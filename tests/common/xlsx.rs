//! A small .xlsx writer for the tests: sheets (hidden or not) of text,
//! numbers, dates, formulas with or without their saved value, and error
//! values — what Excel and other writers put in workbooks clerks send.

use std::io::Write;

pub enum O<'a> {
    /// Text, as a shared string.
    S(&'a str),
    /// A number.
    N(f64),
    /// A date: its serial number, formatted as a date (style 1).
    D(f64),
    /// A formula and the value Excel saved, if any.
    F(&'a str, Option<f64>),
    /// An error value ("#DIV/0!").
    E(&'a str),
}

pub struct Trang<'a> {
    pub ten: &'a str,
    pub an: bool,
    pub dong: Vec<Vec<O<'a>>>,
}

fn cot(i: usize) -> String {
    let mut s = String::new();
    let mut n = i + 1;
    while n > 0 {
        s.insert(0, (b'A' + ((n - 1) % 26) as u8) as char);
        n = (n - 1) / 26;
    }
    s
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The workbook's bytes.
pub fn workbook(sheets: &[Trang<'_>]) -> Vec<u8> {
    let mut shared: Vec<String> = Vec::new();
    let mut sheet_xml = Vec::new();
    for t in sheets {
        let mut rows = String::new();
        for (r, dong) in t.dong.iter().enumerate() {
            rows.push_str(&format!("<row r=\"{}\">", r + 1));
            for (c, o) in dong.iter().enumerate() {
                let at = format!("{}{}", cot(c), r + 1);
                let cell = match o {
                    O::S(s) => {
                        let i = shared.iter().position(|x| x == s).unwrap_or_else(|| {
                            shared.push(s.to_string());
                            shared.len() - 1
                        });
                        format!("<c r=\"{at}\" t=\"s\"><v>{i}</v></c>")
                    }
                    O::N(x) => format!("<c r=\"{at}\"><v>{x}</v></c>"),
                    O::D(x) => format!("<c r=\"{at}\" s=\"1\"><v>{x}</v></c>"),
                    O::F(f, Some(v)) => format!("<c r=\"{at}\"><f>{}</f><v>{v}</v></c>", esc(f)),
                    O::F(f, None) => format!("<c r=\"{at}\"><f>{}</f></c>", esc(f)),
                    O::E(e) => format!("<c r=\"{at}\" t=\"e\"><v>{}</v></c>", esc(e)),
                };
                rows.push_str(&cell);
            }
            rows.push_str("</row>");
        }
        sheet_xml.push(format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
             <worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>{rows}</sheetData></worksheet>"
        ));
    }
    let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let sheets_xml: String = sheets
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let state = if t.an { " state=\"hidden\"" } else { "" };
            format!(
                "<sheet name=\"{}\" sheetId=\"{}\"{state} r:id=\"rId{}\"/>",
                esc(t.ten),
                i + 1,
                i + 1
            )
        })
        .collect();
    let rels: String = (0..sheets.len())
        .map(|i| {
            format!(
                "<Relationship Id=\"rId{}\" Type=\"{rel}/worksheet\" Target=\"worksheets/sheet{}.xml\"/>",
                i + 1,
                i + 1
            )
        })
        .collect();
    let n = sheets.len();
    let overrides: String = (0..n)
        .map(|i| {
            format!(
                "<Override PartName=\"/xl/worksheets/sheet{}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>",
                i + 1
            )
        })
        .collect();
    let strings: String = shared
        .iter()
        .map(|s| format!("<si><t xml:space=\"preserve\">{}</t></si>", esc(s)))
        .collect();
    let files: Vec<(String, String)> = [
        (
            "[Content_Types].xml".to_string(),
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
                 <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
                 <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
                 <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
                 <Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>\
                 <Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>{overrides}</Types>"
            ),
        ),
        (
            "_rels/.rels".into(),
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
                 <Relationship Id=\"rId1\" Type=\"{rel}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
            ),
        ),
        (
            "xl/workbook.xml".into(),
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"{ns}\" xmlns:r=\"{rel}\"><sheets>{sheets_xml}</sheets></workbook>"
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels".into(),
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{rels}\
                 <Relationship Id=\"rId{}\" Type=\"{rel}/sharedStrings\" Target=\"sharedStrings.xml\"/>\
                 <Relationship Id=\"rId{}\" Type=\"{rel}/styles\" Target=\"styles.xml\"/></Relationships>",
                n + 1,
                n + 2
            ),
        ),
        (
            "xl/sharedStrings.xml".into(),
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"{ns}\">{strings}</sst>"),
        ),
        (
            "xl/styles.xml".into(),
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"{ns}\">\
                 <fonts count=\"1\"><font/></fonts><fills count=\"1\"><fill/></fills><borders count=\"1\"><border/></borders>\
                 <cellStyleXfs count=\"1\"><xf/></cellStyleXfs>\
                 <cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/></cellXfs></styleSheet>"
            ),
        ),
    ]
    .into_iter()
    .chain(
        sheet_xml
            .into_iter()
            .enumerate()
            .map(|(i, x)| (format!("xl/worksheets/sheet{}.xml", i + 1), x)),
    )
    .collect();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in files {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}
