//! The images of an electronic document: the signer's signature (ô 7c) and
//! the organisation's seal (ô 8). Nghị định 30, Phụ lục I §II.7.d, 8.a: PNG
//! with a transparent background, the signature blue, the seal red at its
//! real size. An image that breaks those rules still prints, with a
//! warning; one that is not a PNG, or too big to be one, is refused.

use std::io::Cursor;
use std::sync::Arc;

use super::{Loader, Value};
use crate::model::Anh;

/// A signature or seal file is a few hundred kilobytes; a scan at 600 dpi
/// a few megabytes.
const ANH_TOI_DA: u64 = 10 * 1024 * 1024;
/// Bytes a PNG may decode to, in the form a PDF writer keeps it (red,
/// green, blue, alpha, at its own bit depth: a 16-bit image is twice an
/// 8-bit one), and the most pixels: 16 million is a signature scanned at
/// over 2,000 dpi.
const GIAI_MA_TOI_DA: u64 = 128 * 1024 * 1024;
const DIEM_ANH_TOI_DA: u64 = 16_000_000;
/// Under this many pixels on its shorter side an image prints blurred.
const CANH_NHO_NHAT: u32 = 150;

/// Which image: what colour it must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LoaiAnh {
    ChuKy,
    Dau,
}

impl LoaiAnh {
    fn what(self) -> &'static str {
        match self {
            LoaiAnh::ChuKy => "ảnh chữ ký",
            LoaiAnh::Dau => "ảnh con dấu",
        }
    }

    fn colour(self) -> &'static str {
        match self {
            LoaiAnh::ChuKy => "màu xanh",
            LoaiAnh::Dau => "màu đỏ",
        }
    }

    /// Whether the mean colour of the inked pixels is this image's ink.
    fn ink_matches(self, [r, g, b]: [f64; 3]) -> bool {
        match self {
            LoaiAnh::ChuKy => b > r + 20.0 && b > g,
            LoaiAnh::Dau => r > g + 40.0 && r > b + 20.0,
        }
    }
}

/// What a decoded image shows.
struct Pixels {
    rong: u32,
    cao: u32,
    /// Share of pixels at least mostly transparent.
    trong_suot: f64,
    /// Mean colour of the inked pixels (opaque and not near white).
    muc: Option<[f64; 3]>,
}

impl Loader<'_> {
    /// Reads the PNG a document names in `field`, from its folder.
    pub(super) fn anh(&mut self, v: &Value<'_>, field: &str, loai: LoaiAnh) -> Option<Anh> {
        let rel = self.text_line(v, field, "đường dẫn tệp ảnh .png")?;
        let full = self.resolve(&rel, v.span(), field)?;
        let png = match crate::input::read(&full, ANH_TOI_DA) {
            Ok(bytes) => bytes,
            Err(d) => {
                self.diags.push((*d).field(field.to_string()));
                return None;
            }
        };
        if let Some((w, h, bytes)) = decoded_size(&png)
            && (u64::from(w) * u64::from(h) > DIEM_ANH_TOI_DA || bytes > GIAI_MA_TOI_DA)
        {
            self.error(
                v.span(),
                field,
                format!(
                    "ảnh \"{rel}\" {w}×{h} điểm ảnh, khi giải mã chiếm {} MB, quá giới hạn {} MB",
                    bytes.div_ceil(1024 * 1024),
                    GIAI_MA_TOI_DA / (1024 * 1024)
                ),
            )
            .hint = Some(format!(
                "thu nhỏ {} (khoảng 1.500 điểm ảnh mỗi cạnh là đủ nét) rồi lưu lại dạng PNG 8 bit",
                loai.what()
            ));
            return None;
        }
        let Some(pixels) = decode(&png) else {
            self.error(
                v.span(),
                field,
                format!("tệp \"{rel}\" không phải ảnh PNG đọc được"),
            )
            .hint = Some(format!(
                "lưu {} dạng PNG nền trong suốt (trong Word hay Paint: Lưu thành… PNG)",
                loai.what()
            ));
            return None;
        };
        self.warn_pixels(v, field, loai, &pixels);
        Some(Anh {
            tep: std::fs::canonicalize(&full).unwrap_or(full),
            png: Arc::from(png),
            rong: pixels.rong,
            cao: pixels.cao,
        })
    }

    fn warn_pixels(&mut self, v: &Value<'_>, field: &str, loai: LoaiAnh, p: &Pixels) {
        let what = loai.what();
        if p.trong_suot < 0.05 {
            self.warn(
                v.span(),
                field,
                format!("{what} không có nền trong suốt: nền sẽ che chữ bên dưới"),
                "xóa nền ảnh (nền trong suốt) rồi lưu lại dạng PNG (Nghị định 30, Phụ lục I, mục II.7.d)",
            );
        }
        if p.rong.min(p.cao) < CANH_NHO_NHAT {
            self.warn(
                v.span(),
                field,
                format!("{what} chỉ {}×{} điểm ảnh: in ra sẽ mờ", p.rong, p.cao),
                format!("dùng ảnh quét từ 300 dpi (cạnh ngắn từ {CANH_NHO_NHAT} điểm ảnh)"),
            );
        }
        match p.muc {
            Some(ink) if !loai.ink_matches(ink) => self.warn(
                v.span(),
                field,
                format!(
                    "{what} không phải {} (màu trung bình của nét: RGB {:.0}, {:.0}, {:.0})",
                    loai.colour(),
                    ink[0],
                    ink[1],
                    ink[2]
                ),
                "Nghị định 30 quy định chữ ký màu xanh, con dấu màu đỏ (Phụ lục I, mục II.7.d, 8.a)",
            ),
            None => self.warn(
                v.span(),
                field,
                format!("{what} không có nét nào (ảnh trống)"),
                "kiểm tra lại tệp ảnh",
            ),
            Some(_) => {}
        }
        if loai == LoaiAnh::Dau {
            let ratio = f64::from(p.rong) / f64::from(p.cao);
            if !(0.9..=1.1).contains(&ratio) {
                self.warn(
                    v.span(),
                    field,
                    format!(
                        "ảnh con dấu {}×{} điểm ảnh không vuông: dấu tròn sẽ in méo hoặc lệch",
                        p.rong, p.cao
                    ),
                    "cắt ảnh sát vòng ngoài của dấu",
                );
            }
        }
    }
}

/// A PNG's size from its header alone: width, height, and the bytes it
/// decodes to as RGBA at its bit depth.
fn decoded_size(png: &[u8]) -> Option<(u32, u32, u64)> {
    let decoder = png::Decoder::new(Cursor::new(png));
    let reader = decoder.read_info().ok()?;
    let info = reader.info();
    let per_sample: u64 = match info.bit_depth {
        png::BitDepth::Sixteen => 2,
        _ => 1,
    };
    let bytes = u64::from(info.width) * u64::from(info.height) * 4 * per_sample;
    Some((info.width, info.height, bytes))
}

/// Decodes a PNG to 8-bit samples and measures it; `None` if it is not a
/// PNG or claims more pixels than an image of a signature could have.
fn decode(png: &[u8]) -> Option<Pixels> {
    let limits = png::Limits {
        bytes: GIAI_MA_TOI_DA as usize,
    };
    let mut decoder = png::Decoder::new_with_limits(Cursor::new(png), limits);
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().ok()?;
    let mut buf = vec![0; reader.output_buffer_size()?];
    let frame = reader.next_frame(&mut buf).ok()?;
    let samples = &buf[..frame.buffer_size()];
    let step = frame.color_type.samples();
    let (mut clear, mut inked, mut sum) = (0usize, 0usize, [0f64; 3]);
    let total = samples.len() / step;
    for p in samples.chunks_exact(step) {
        let px = rgba(frame.color_type, p)?;
        if px[3] < 128 {
            clear += 1;
        } else if px[..3].iter().any(|&c| c < 200) {
            inked += 1;
            for (s, &c) in sum.iter_mut().zip(&px[..3]) {
                *s += f64::from(c);
            }
        }
    }
    Some(Pixels {
        rong: frame.width,
        cao: frame.height,
        trong_suot: clear as f64 / total.max(1) as f64,
        muc: (inked > 0).then(|| sum.map(|s| s / inked as f64)),
    })
}

/// One 8-bit pixel as red, green, blue, alpha (palettes are expanded by
/// the decoder's transformations, so none reaches here).
fn rgba(colour: png::ColorType, p: &[u8]) -> Option<[u8; 4]> {
    Some(match colour {
        png::ColorType::Rgba => [p[0], p[1], p[2], p[3]],
        png::ColorType::Rgb => [p[0], p[1], p[2], 255],
        png::ColorType::GrayscaleAlpha => [p[0], p[0], p[0], p[1]],
        png::ColorType::Grayscale => [p[0], p[0], p[0], 255],
        png::ColorType::Indexed => return None,
    })
}
