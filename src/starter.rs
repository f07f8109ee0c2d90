//! `vanban init`: a commented starter document for a kind, generated from
//! the format description (`spec`): every key of the kind in the spec's
//! order, its meaning as a comment, required keys filled in, optional ones
//! commented out with their example. Only the wording of the sample body
//! differs per kind and lives here.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::{KinhGui, LoaiVanBan};
use crate::spec::{self, Need, Table, Value};

/// `vanban init hang_loat`: a batch template and its data file.
pub const HANG_LOAT: &str = "hang_loat";
/// Written beside a starter so that editors find the schema (`#:schema`).
pub const SCHEMA_FILE: &str = "vanban.schema.json";

/// What `vanban init` writes: (path, contents), the starter first.
pub struct Starter {
    pub files: Vec<(PathBuf, String)>,
}

/// The kinds `vanban init` knows: every kind of Phụ lục III and the batch
/// template.
pub fn kinds() -> Vec<&'static str> {
    let mut out: Vec<&str> = crate::loai::all().iter().map(|l| l.ma.as_str()).collect();
    out.push(HANG_LOAT);
    out
}

/// The starter for `kind` ("ke_hoach", "Kế hoạch", "hang_loat") at `path`
/// (default: the kind's name with dashes, in the current folder).
pub fn starter(kind: &str, path: Option<&Path>) -> Result<Starter> {
    let folded = crate::suggest::fold(kind);
    let batch = folded == HANG_LOAT;
    let loai = if batch {
        crate::loai::cong_van()
    } else {
        crate::loai::all()
            .iter()
            .find(|l| l.ma == folded || crate::suggest::fold(&l.ten) == folded)
            .ok_or_else(|| unknown_kind(kind))?
    };
    let name = if batch { "mau-hang-loat" } else { &loai.ma };
    let path = path.map_or_else(
        || PathBuf::from(format!("{}.toml", name.replace('_', "-"))),
        Path::to_path_buf,
    );
    if !path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
    {
        return Err(Error::Refused {
            message: format!(
                "tệp khởi đầu là tệp văn bản TOML, nhưng {} không có đuôi .toml",
                crate::error::shown(&path)
            ),
            hint: format!("đặt tên tệp có đuôi .toml, ví dụ {}.toml", name.replace('_', "-")),
        });
    }
    let mut files = vec![(path.clone(), document(loai, batch, &path))];
    if batch {
        files.push((path.with_file_name(DATA_FILE), DATA.to_string()));
    }
    // An existing schema is left as it is (it may be the office's own copy).
    let schema = path.with_file_name(SCHEMA_FILE);
    if !schema.exists() {
        files.push((schema, spec::json_schema_text()));
    }
    Ok(Starter { files })
}

fn unknown_kind(kind: &str) -> Error {
    let kinds = kinds();
    let hint = match crate::suggest::suggest(kind, &kinds) {
        Some(k) => format!("có phải ý bạn là \"{k}\"?"),
        None => format!("các loại: {}", kinds.join(", ")),
    };
    Error::Refused {
        message: format!("không có loại văn bản \"{kind}\""),
        hint,
    }
}

const DATA_FILE: &str = "don-vi.csv";
const DATA: &str = "\u{feff}Đơn vị,Số hồ sơ,Tỷ lệ trực tuyến (%)\r\n\
Huyện Gò Dầu,1250,\"86,5\"\r\n\
Huyện Châu Thành,980,\"72,4\"\r\n\
Thị xã Trảng Bàng,1430,\"91,2\"\r\n";

/// The sample text of a kind: the keys it fills beyond the spec's examples.
fn sample(loai: &LoaiVanBan, batch: bool) -> Vec<(&'static str, String)> {
    let vt = loai.viet_tat.as_deref();
    let ky_hieu = match vt {
        Some(vt) => format!("\"{vt}-UBND\""),
        None => "\"UBND-VP\"".to_string(),
    };
    let mut v = vec![
        ("loai", format!("\"{}\"", loai.ma)),
        ("ky_hieu", ky_hieu),
        ("dia_danh", "\"Tây Ninh\"".into()),
        ("du_thao", "true".into()),
    ];
    if batch {
        v.push((
            "trich_yeu",
            "\"kết quả dịch vụ công trực tuyến 6 tháng đầu năm\"".into(),
        ));
        v.push(("noi_dung", BATCH_BODY.into()));
        v.push(("noi_nhan", "[\"Như trên\", \"Lưu: VT, VP\"]".into()));
        return v;
    }
    if loai.theo_dieu() {
        v.push(("trich_yeu", "\"Về việc thành lập Tổ công tác …\"".into()));
        v.push((
            "tham_quyen",
            "\"Chủ tịch Ủy ban nhân dân tỉnh Tây Ninh\"".into(),
        ));
        v.push(("can_cu", QD_CAN_CU.into()));
        v.push(("dieu", QD_DIEU.into()));
        v.push(("noi_nhan", "[\"Như Điều 3\", \"Lưu: VT\"]".into()));
        return v;
    }
    v.push(("trich_yeu", "\"triển khai …\"".into()));
    if loai.kinh_gui == KinhGui::BatBuoc {
        v.push(("kinh_gui", "[\"Sở Nội vụ\", \"Sở Tài chính\"]".into()));
        v.push(("noi_nhan", "[\"Như trên\", \"Lưu: VT, VP\"]".into()));
    } else {
        v.push((
            "noi_nhan",
            "[\"Các sở, ban, ngành tỉnh\", \"Lưu: VT, VP\"]".into(),
        ));
    }
    v.push(("noi_dung", format!("\"\"\"\n{}\n\"\"\"", body(loai))));
    v
}

fn body(loai: &LoaiVanBan) -> String {
    let ten = loai.ten.to_lowercase();
    format!(
        "Nội dung {ten}: mỗi đoạn cách nhau một dòng trống; vanban tự căn lề, thụt đầu dòng, cách đoạn.\n\n\
         1. Đề mục đánh số không có dấu chấm cuối được in đậm\n\n\
         - Gạch đầu dòng bắt đầu bằng \"- \"; **chữ đậm**, *chữ nghiêng*, chú thích cuối trang[^1].\n\n\
         [^1]: Nội dung chú thích.\n\n\
         Kết thúc bằng dấu ./."
    )
}

const BATCH_BODY: &str = "\"\"\"
Ủy ban nhân dân tỉnh thông báo kết quả của {{ don_vi.ten }}: {{ row.so_ho_so }} hồ sơ, tỷ lệ nộp trực tuyến {{ row.ty_le_truc_tuyen | so }}%.

{% if row.ty_le_truc_tuyen < 80 %}
Đề nghị {{ don_vi.ten }} có giải pháp nâng tỷ lệ nộp hồ sơ trực tuyến lên tối thiểu 80%./.
{% else %}
Đề nghị {{ don_vi.ten }} tiếp tục duy trì kết quả đạt được./.
{% endif %}
\"\"\"";

const QD_CAN_CU: &str = "[
  \"Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015\",
  \"Theo đề nghị của Chánh Văn phòng Ủy ban nhân dân tỉnh\",
]";

const QD_DIEU: &str = "[
  \"Thành lập Tổ công tác … gồm các thành viên có tên tại danh sách kèm theo.\",
  \"Quyết định này có hiệu lực kể từ ngày ký.\",
  \"Chánh Văn phòng Ủy ban nhân dân tỉnh và các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./.\",
]";

/// Keys that only some kinds have.
fn applies(key: &str, loai: &LoaiVanBan) -> bool {
    let qd = loai.theo_dieu();
    match key {
        "tham_quyen" | "can_cu" | "dieu" => qd,
        "kinh_gui" => loai.kinh_gui != KinhGui::Khong,
        "noi_dung" | "muc" | "ket_luan" => !qd,
        _ => true,
    }
}

fn document(loai: &LoaiVanBan, batch: bool, path: &Path) -> String {
    let file = path
        .file_name()
        .map_or_else(String::new, |f| f.to_string_lossy().into_owned());
    let filled = sample(loai, batch);
    let mut out = format!("#:schema ./{SCHEMA_FILE}\n");
    if batch {
        out.push_str(&format!(
            "# Văn bản mẫu tạo hàng loạt, mỗi dòng của {DATA_FILE} một văn bản:\n\
             #   vanban batch {file} --data {DATA_FILE} -o ket-qua\n\
             # Biểu thức {{{{ don_vi.ten }}}}, {{{{ row.ten_cot | so }}}} lấy giá trị của từng đơn vị; Kính gửi là đơn vị đó.\n"
        ));
    } else {
        out.push_str(&format!(
            "# {} — tệp khởi đầu do `vanban init` tạo. Sửa nội dung rồi chạy:\n#   vanban render {file}\n",
            loai.ten
        ));
    }
    out.push_str(
        "# Dòng có dấu # là chú thích; khóa không bắt buộc để sẵn sau dấu #, xóa dấu # để dùng.\n\n",
    );
    let mut tables = String::new();
    let mau = if batch { spec::MAU.keys } else { &[] };
    for k in spec::ROOT.keys.iter().chain(mau) {
        if !applies(k.name, loai) {
            continue;
        }
        match k.value {
            Value::Table(t) => tables.push_str(&table(k.name, t, k.need == Need::Yes)),
            _ => {
                let given = filled
                    .iter()
                    .find(|(n, _)| *n == k.name)
                    .map(|(_, v)| v.as_str());
                let on = given.is_some()
                    || (k.need == Need::Yes && !matches!(k.value, Value::Tables(_)));
                out.push_str(&line(k.name, k.about, given.unwrap_or(k.example), on));
            }
        }
    }
    out.push_str(&tables);
    out
}

fn table(name: &str, t: &Table, on: bool) -> String {
    let mut out = format!("\n# {}\n{}[{name}]\n", t.about, if on { "" } else { "# " });
    for k in t.keys {
        out.push_str(&line(k.name, k.about, k.example, on && k.need == Need::Yes));
    }
    out
}

/// A key with its meaning above it; commented out unless `on`.
fn line(name: &str, about: &str, value: &str, on: bool) -> String {
    let mut out = String::new();
    for l in wrap(about, 96) {
        out.push_str(&format!("# {l}\n"));
    }
    if on {
        out.push_str(&format!("{name} = {value}\n\n"));
    } else {
        for (i, l) in value.lines().enumerate() {
            let key = if i == 0 {
                format!("{name} = ")
            } else {
                String::new()
            };
            out.push_str(&format!("# {key}{l}\n"));
        }
        out.push('\n');
    }
    out
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let last = lines.last_mut().expect("starts with one line");
        if !last.is_empty() && last.chars().count() + 1 + word.chars().count() > width {
            lines.push(word.to_string());
        } else {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    lines
}

/// Writes the starter's files, none if any of them exists already.
pub fn write(starter: &Starter) -> Result<()> {
    for (path, _) in &starter.files {
        if path.exists() {
            return Err(Error::Refused {
                message: format!(
                    "{}: tệp đã có; vanban init không ghi đè tệp có sẵn",
                    path.display()
                ),
                hint: "chọn tên khác, ví dụ: vanban init ke_hoach ke-hoach-2.toml".into(),
            });
        }
    }
    for (path, text) in &starter.files {
        crate::write::write_new(path, text.as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_found_by_code_or_name() {
        assert!(starter("ke_hoach", None).is_ok());
        assert!(starter("Kế hoạch", None).is_ok());
        assert!(starter("to-trinh", None).is_ok());
        let e = starter("ke_hoch", None)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("có phải ý bạn là \"ke_hoach\"?"), "{e}");
    }

    #[test]
    fn comments_wrap_without_losing_words() {
        let text = "một hai ba bốn năm sáu bảy tám chín mười";
        let lines = wrap(text, 12);
        assert!(lines.iter().all(|l| l.chars().count() <= 12), "{lines:?}");
        assert_eq!(lines.join(" "), text);
    }
}
