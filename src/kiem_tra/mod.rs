//! `vanban check`: the văn thư's review of a document before it goes to the
//! leader, read off the model. Each rule ([`QuyTac`]) has a stable code and
//! a level; a finding names the TOML field it concerns (and the words in
//! it), which the caller turns into a file:line:col with
//! [`crate::load::field_span`]. A document switches a rule off with
//! `[kiem_tra.bo_qua]`, giving its reason.

mod chu_ky;
mod ky_hieu;
mod ngay;
mod noi_dung;
mod noi_nhan;
mod trich_dan;
mod viet_hoa;
mod viet_tat;

use std::path::Path;

use crate::error::{Diagnostic, Severity};
use crate::model::{Block, Code, Muc, MucDo, NoiDung, Nguon, QuyTac, VanBan};

/// One thing a rule found.
#[derive(Debug, Clone, PartialEq)]
pub struct PhatHien {
    pub quy_tac: QuyTac,
    /// The TOML field it concerns ("noi_nhan", "muc[1].noi_dung").
    pub truong: String,
    /// Words of that field to point at, when the field is long.
    pub tim: Option<String>,
    pub thong_bao: String,
    pub goi_y: String,
}

impl PhatHien {
    fn new(quy_tac: QuyTac, truong: impl Into<String>, thong_bao: String, goi_y: &str) -> Self {
        PhatHien {
            quy_tac,
            truong: truong.into(),
            tim: None,
            thong_bao,
            goi_y: goi_y.to_string(),
        }
    }

    fn tai(mut self, tim: impl Into<String>) -> Self {
        self.tim = Some(tim.into());
        self
    }
}

/// Every rule's findings on `van_ban`, in rule order, except the rules the
/// document switched off.
pub fn kiem_tra(van_ban: &VanBan) -> Vec<PhatHien> {
    let doan = doan_van(van_ban);
    let mut all = Vec::new();
    noi_nhan::kiem_tra(van_ban, &mut all);
    chu_ky::kiem_tra(van_ban, &mut all);
    ky_hieu::kiem_tra(van_ban, &mut all);
    noi_dung::kiem_tra(van_ban, &doan, &mut all);
    let issued = match van_ban.ngay {
        crate::model::NgayBanHanh::Day(d) => Some(d),
        _ => None,
    };
    ngay::kiem_tra(van_ban, issued, &mut all);
    trich_dan::kiem_tra(van_ban, issued, &doan, &mut all);
    viet_tat::kiem_tra(&doan, &mut all);
    viet_hoa::kiem_tra(van_ban, &doan, &mut all);
    all.retain(|p| !van_ban.bo_qua.iter().any(|(q, _)| *q == p.quy_tac));
    all.sort_by_key(|p| code_order(p.quy_tac));
    all
}

/// Findings as messages at their place in the document's source (the
/// whole file when a field is not written there). The text is the one the
/// loader read; it is parsed again here, from memory, only to find fields.
pub fn chan_doan(nguon: &Nguon, findings: &[PhatHien]) -> Vec<Diagnostic> {
    let (path, text) = (nguon.tep.as_path(), &*nguon.text);
    if findings.is_empty() {
        return Vec::new();
    }
    let root = toml::de::DeTable::parse(text).ok();
    findings
        .iter()
        .map(|p| {
            let span = root.as_ref().and_then(|root| {
                crate::load::field_span(root.get_ref(), text, &p.truong, p.tim.as_deref())
            });
            let d = match span {
                Some(span) => Diagnostic::at(path, text, span, p.thong_bao.clone()),
                None => Diagnostic::file(path, p.thong_bao.clone()),
            };
            let mut d = d
                .field(p.truong.clone())
                .hint(p.goi_y.clone())
                .with_severity(match p.quy_tac.muc_do() {
                    MucDo::Loi => Severity::Error,
                    MucDo::CanhBao => Severity::Warning,
                    MucDo::GoiY => Severity::Suggestion,
                });
            d.code = Some(p.quy_tac.code());
            d
        })
        .collect()
}

fn code_order(q: QuyTac) -> usize {
    QuyTac::ALL
        .iter()
        .position(|x| *x == q)
        .unwrap_or(usize::MAX)
}

/// A paragraph of running text and the field it was written in.
pub(crate) struct Doan {
    pub truong: String,
    pub loi_van: String,
    /// Its list marker, as the body parser read it.
    pub so_muc: Option<crate::model::SoMuc>,
}

/// The document's running text in reading order: body, sections, closing,
/// articles, tasks.
fn doan_van(van_ban: &VanBan) -> Vec<Doan> {
    let mut out = Vec::new();
    let mut push = |truong: &str, blocks: &[Block]| {
        for b in blocks {
            out.push(Doan {
                truong: truong.to_string(),
                loi_van: crate::model::text_only(&b.runs),
                so_muc: b.so_muc.clone(),
            });
        }
    };
    match &van_ban.noi_dung {
        NoiDung::TuDo {
            loi_dan,
            muc,
            ket_luan,
        } => {
            push("noi_dung", loi_dan);
            fn sections(prefix: &str, muc: &[Muc], push: &mut dyn FnMut(&str, &[Block])) {
                for (i, m) in muc.iter().enumerate() {
                    let field = format!("{prefix}muc[{i}]");
                    push(&format!("{field}.noi_dung"), &m.noi_dung);
                    sections(&format!("{field}."), &m.muc, push);
                }
            }
            sections("", muc, &mut push);
            push("ket_luan", ket_luan);
        }
        NoiDung::TheoDieu(qd) => {
            for (i, dieu) in qd.dieu.iter().enumerate() {
                push(&format!("dieu[{i}]"), dieu);
            }
            push("ket_luan", &qd.ket_luan);
        }
    }
    for (i, nv) in van_ban.nhiem_vu.iter().enumerate() {
        push(&format!("nhiem_vu[{i}].noi_dung"), &nv.noi_dung);
    }
    for (i, k) in van_ban.van_ban_kem_theo.iter().enumerate() {
        let at = format!("van_ban_kem_theo[{i}]");
        push(&format!("{at}.noi_dung"), &k.loi_dan);
        // Fields as written: Điều directly, or in Chương, or in their Mục.
        let by_dieu = k.chuong.len() == 1 && k.chuong[0].ten.is_none();
        for (c, chuong) in k.chuong.iter().enumerate() {
            for (m, muc) in chuong.muc.iter().enumerate() {
                let parent = match (by_dieu, muc.ten.is_some()) {
                    (true, _) => at.clone(),
                    (false, false) => format!("{at}.chuong[{c}]"),
                    (false, true) => format!("{at}.chuong[{c}].muc[{m}]"),
                };
                for (d, dieu) in muc.dieu.iter().enumerate() {
                    push(&format!("{parent}.dieu[{d}].noi_dung"), &dieu.noi_dung);
                }
            }
        }
    }
    out
}

/// Diacritics and case folded, for comparing names as a reader would.
fn fold(s: &str) -> String {
    crate::suggest::fold(s)
}

/// Loads the document at `path` and reviews it: what stops it loading, or
/// the loader's warnings and the rules' findings.
pub fn kiem_tra_tep(path: &Path, options: &crate::load::Options<'_>) -> Vec<Diagnostic> {
    let loaded = match crate::load::load_file_with(path, options) {
        Ok(loaded) => loaded,
        Err(crate::Error::Input(diags)) => return diags,
        Err(e) => return vec![Diagnostic::file(path, e.to_string())],
    };
    ket_qua(loaded)
}

/// What the review says of a loaded document: the loader's warnings, then
/// the rules' findings at their places.
pub fn ket_qua(loaded: crate::load::Loaded) -> Vec<Diagnostic> {
    let mut all = loaded.warnings;
    all.extend(chan_doan(&loaded.van_ban.nguon, &kiem_tra(&loaded.van_ban)));
    all
}

/// Findings for editors and CI (`vanban check --json`): one object each.
pub fn json(diags: &[Diagnostic]) -> serde_json::Value {
    let items: Vec<serde_json::Value> = diags
        .iter()
        .map(|d| {
            serde_json::json!({
                "ma": d.code,
                "quy_tac": d.code.and_then(|c| QuyTac::ALL.iter().find(|q| q.code() == c)).map(|q| q.ten()),
                "muc_do": match d.severity {
                    Severity::Error => "loi",
                    Severity::Warning => "canh_bao",
                    Severity::Suggestion => "goi_y",
                },
                "tep": d.file.display().to_string(),
                "dong": d.position.map(|(line, _)| line),
                "cot": d.position.map(|(_, col)| col),
                "truong": d.field,
                "thong_bao": d.message,
                "goi_y": d.hint,
            })
        })
        .collect();
    serde_json::Value::Array(items)
}

/// The review `vanban render` runs before laying out: findings of level
/// lỗi stop it (as do cảnh báo when `strict`); the cảnh báo are returned
/// to be printed; gợi ý are left to `vanban check`.
pub fn truoc_khi_tao(van_ban: &VanBan, strict: bool) -> crate::Result<Vec<Diagnostic>> {
    let findings: Vec<PhatHien> = kiem_tra(van_ban)
        .into_iter()
        .filter(|p| p.quy_tac.muc_do() != MucDo::GoiY)
        .collect();
    if findings.is_empty() {
        return Ok(Vec::new());
    }
    let diags = chan_doan(&van_ban.nguon, &findings);
    let stops = |d: &Diagnostic| d.severity == Severity::Error || strict;
    if diags.iter().any(stops) {
        return Err(crate::Error::Input(
            diags
                .into_iter()
                .map(|mut d| {
                    let own = d.hint.take().unwrap_or_default();
                    let code = d.code.unwrap_or_default();
                    d.hint(format!(
                        "{own} (hoặc ghi lý do không áp dụng {code} trong [kiem_tra.bo_qua])"
                    ))
                    .with_severity(Severity::Error)
                })
                .collect(),
        ));
    }
    Ok(diags)
}
