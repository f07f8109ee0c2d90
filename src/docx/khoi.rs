//! The letter in Word: the header grid (ô 1–5b), the tên loại, Kính gửi,
//! the body, and the footer grid (Nơi nhận beside the signature) — each
//! grid a borderless table, so a clerk's edits keep the columns.

use docx_rs::{
    AlignmentType, Paragraph, Run, SpecialIndentType, Table, TableCell, TableCellMargins,
    TableLayoutType, TableRow,
    VAlignType, WidthType,
};

use super::kieu::{self, co, mm};
use super::{Khoi, do_dai, gach_ngan, kho_chu, khoang, no_indent, noi_dung, o_trong};
use crate::render::Data;
use typst::layout::Abs;
use crate::the_thuc::{CO, KHOANG_KY_MM, TI_LE_GACH_NGAN};

/// The left and right columns of the header grid, as shares of the text
/// width (the template's 40 % / 60 %), and of the footer grid (45 % / 55 %).
const DAU: (f64, f64) = (0.4, 0.6);
const CHAN: (f64, f64) = (0.45, 0.55);
/// Word's default cell padding, left and right, in mm (108 twips).
const DEM_O: f64 = 1.9;

pub(super) fn thu(data: &Data) -> Vec<Khoi> {
    let mut out = vec![Khoi::bang(khoi_tren(data))];
    if let Some(ten) = &data.ten_loai {
        out.extend(ten_loai(ten, &data.trich_yeu));
    }
    out.extend(kinh_gui(&data.kinh_gui));
    out.extend(noi_dung(&data.noi_dung, true));
    out.push(Khoi::doan(khoang(3.5)));
    out.push(Khoi::bang(chan(data)));
    out
}

fn line(text: impl Into<String>, size: f64, bold: bool, italic: bool) -> Paragraph {
    let mut r = Run::new().add_text(text).size(co(size));
    if bold {
        r = r.bold();
    }
    if italic {
        r = r.italic();
    }
    Paragraph::new().style(kieu::DAU_TRANG).add_run(r)
}

fn cell(width_mm: f64, paragraphs: Vec<Paragraph>) -> TableCell {
    let mut c = TableCell::new()
        .width(mm(width_mm) as usize, WidthType::Dxa)
        .vertical_align(VAlignType::Top);
    for p in paragraphs {
        c = c.add_paragraph(p);
    }
    c
}

fn grid(shares: (f64, f64), rows: Vec<Vec<Vec<Paragraph>>>) -> Table {
    let w = kho_chu(false);
    let cols = [w * shares.0, w * shares.1];
    let rows = rows
        .into_iter()
        .map(|r| {
            TableRow::new(
                r.into_iter()
                    .zip(cols)
                    .map(|(ps, cw)| cell(cw, ps))
                    .collect(),
            )
            .cant_split()
        })
        .collect();
    Table::without_borders(rows)
        .set_grid(cols.iter().map(|c| mm(*c) as usize).collect())
        .width(mm(w) as usize, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(0, mm(DEM_O) as usize, 0, mm(DEM_O) as usize))
        .indent(0)
}

fn khoi_tren(data: &Data) -> Table {
    let w = kho_chu(false);
    let (left, right) = (w * DAU.0 - 2.0 * DEM_O, w * DAU.1 - 2.0 * DEM_O);
    let cq = &data.co_quan;
    let mut co_quan: Vec<Paragraph> = cq
        .chu_quan
        .iter()
        .map(|l| line(l, CO.co_quan, false, false))
        .collect();
    co_quan.extend(cq.ten.iter().map(|l| line(l, CO.co_quan, true, false)));
    let ten_dai = cq
        .ten
        .iter()
        .map(|l| do_dai(l, CO.co_quan, true))
        .fold(0.0, f64::max);
    co_quan.push(gach_ngan(ten_dai * TI_LE_GACH_NGAN, left));

    let tieu_ngu = "Độc lập - Tự do - Hạnh phúc";
    let quoc_hieu = vec![
        line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", CO.quoc_hieu, true, false),
        line(tieu_ngu, CO.tieu_ngu, true, false),
        gach_ngan(do_dai(tieu_ngu, CO.tieu_ngu, true), right),
    ];

    let so = match &data.so {
        Some(n) => format!("Số: {n}/{}", data.ky_hieu),
        None => format!("Số:{}/{}", o_trong(), data.ky_hieu),
    };
    let n = &data.ngay;
    let phan = |v: &Option<String>| match v {
        Some(v) => format!(" {v} "),
        None => format!(" {} ", o_trong()),
    };
    let nam = match &n.nam {
        Some(v) => format!(" {v}"),
        None => format!(" {}", o_trong()),
    };
    let ngay = format!(
        "{}, ngày{}tháng{}năm{}",
        data.dia_danh,
        phan(&n.ngay),
        phan(&n.thang),
        nam
    );

    let mut duoi = Vec::new();
    if data.ten_loai.is_none() {
        duoi.extend(data.trich_yeu.iter().map(|l| line(l, CO.trich_yeu_cong_van, false, false)));
    }
    for dau in [data.do_mat, data.do_khan.as_ref().map(|k| k.nhan)]
        .into_iter()
        .flatten()
    {
        let r = Run::new()
            .add_text(dau)
            .size(co(CO.dau_muc_do))
            .bold()
            .color("FF0000");
        duoi.push(Paragraph::new().style(kieu::DAU_TRANG).add_run(r));
    }
    if duoi.is_empty() {
        duoi.push(line("", CO.trich_yeu_cong_van, false, false));
    }
    let mut so_p = line(so, CO.so_ky_hieu, false, false);
    so_p = so_p.line_spacing(docx_rs::LineSpacing::new().before(mm(2.0) as u32));
    let ngay_p = line(ngay, CO.dia_danh, false, true)
        .line_spacing(docx_rs::LineSpacing::new().before(mm(2.0) as u32));
    grid(
        DAU,
        vec![
            vec![co_quan, quoc_hieu],
            vec![vec![so_p], vec![ngay_p]],
            vec![duoi, vec![line("", CO.trich_yeu_cong_van, false, false)]],
        ],
    )
}

/// Ô 5a: tên loại and trích yếu, centred, bold, a short rule under them.
fn ten_loai(ten: &str, trich_yeu: &[String]) -> Vec<Khoi> {
    let w = kho_chu(false);
    let mut out = vec![
        Khoi::doan(khoang(6.0)),
        Khoi::doan(
            Paragraph::new()
                .style(kieu::TEN_LOAI)
                .add_run(Run::new().add_text(ten)),
        ),
    ];
    out.extend(trich_yeu.iter().map(|l| {
        Khoi::doan(
            Paragraph::new()
                .style(kieu::TEN_LOAI)
                .add_run(Run::new().add_text(l)),
        )
    }));
    let dai = trich_yeu
        .iter()
        .map(|l| do_dai(l, CO.ten_loai, true))
        .fold(0.0, f64::max)
        .min(w);
    out.push(Khoi::doan(gach_ngan(dai * TI_LE_GACH_NGAN, w)));
    out
}

/// Ô 9a: one recipient on the "Kính gửi:" line, centred; several, one per
/// line under it, their dashes level (PL-I §II.9.d).
fn kinh_gui(ds: &[String]) -> Vec<Khoi> {
    let mut out = vec![Khoi::doan(khoang(4.0))];
    match ds {
        [] => {}
        [one] => out.push(Khoi::doan(
            no_indent(Paragraph::new().style(kieu::KINH_GUI))
                .align(AlignmentType::Center)
                .add_run(Run::new().add_text(format!("Kính gửi: {one}"))),
        )),
        many => {
            // The block is centred as a whole: "Kính gửi:" at its left,
            // the recipients after the width of "Kính gửi: ".
            let widest = many
                .iter()
                .map(|d| do_dai(d, CO.noi_dung, false))
                .fold(0.0, f64::max);
            let label = do_dai("Kính gửi: ", CO.noi_dung, false);
            let left = ((kho_chu(false) - widest - label) / 2.0).max(0.0);
            out.push(Khoi::doan(
                Paragraph::new()
                    .style(kieu::KINH_GUI)
                    .indent(Some(mm(left)), None, None, None)
                    .add_run(Run::new().add_text("Kính gửi:")),
            ));
            for d in many {
                out.push(Khoi::doan(
                    Paragraph::new()
                        .style(kieu::KINH_GUI)
                        .indent(Some(mm(left + label)), None, None, None)
                        .add_run(Run::new().add_text(d)),
                ));
            }
        }
    }
    out.push(Khoi::doan(khoang(4.0)));
    out
}

/// Ô 9b and ô 12 on the left, ô 7 on the right, level with each other.
fn chan(data: &Data) -> Table {
    let mut trai = vec![
        no_indent(Paragraph::new().style(kieu::NOI_NHAN)).add_run(
            Run::new()
                .add_text("Nơi nhận:")
                .size(co(CO.nhan_noi_nhan))
                .bold()
                .italic(),
        ),
    ];
    if data.noi_nhan.is_empty() {
        trai.clear();
    }
    // Wrapped lines hang under the item's text, never at the dash's place.
    let gach = mm(crate::fonts::bundled_width("- ", Abs::pt(CO.noi_nhan), false).to_mm());
    trai.extend(data.noi_nhan.iter().map(|d| {
        Paragraph::new()
            .style(kieu::NOI_NHAN)
            .indent(Some(gach), Some(SpecialIndentType::Hanging(gach)), None, None)
            .add_run(Run::new().add_text(d))
    }));
    if let Some(ns) = &data.nguoi_soan {
        trai.push(khoang(2.0));
        trai.push(
            no_indent(Paragraph::new().style(kieu::NOI_NHAN)).add_run(Run::new().add_text(ns)),
        );
    }
    let ck = &data.chu_ky;
    let mut phai: Vec<Paragraph> = ck
        .dong
        .iter()
        .map(|d| {
            Paragraph::new()
                .style(kieu::CHU_KY)
                .add_run(Run::new().add_text(d))
        })
        .collect();
    // Room for the handwritten signature and the seal.
    phai.push(khoang(KHOANG_KY_MM));
    phai.push(
        Paragraph::new()
            .style(kieu::CHU_KY)
            .add_run(Run::new().add_text(&ck.ho_ten)),
    );
    grid(CHAN, vec![vec![trai, phai]])
}
