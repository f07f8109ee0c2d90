//! The register of outgoing documents (sổ đăng ký văn bản đi) in one
//! SQLite file. Numbers run per issuing body, register and year (NĐ 30,
//! Điều 15); each is given inside an `IMMEDIATE` transaction, so clerks
//! issuing at once (processes, machines sharing the file) get distinct,
//! consecutive numbers. A number is never reused: one that cannot be
//! finished stays in the register as cancelled, with why.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::Serialize;

use crate::error::{Error, Result};

/// The schema, one step per version (`PRAGMA user_version`); a new column
/// or table is a new step, never an edit of an old one.
const MIGRATIONS: &[&str] = &[
    "
    CREATE TABLE muc (
        id INTEGER PRIMARY KEY,
        co_quan TEXT NOT NULL,
        ten_so TEXT NOT NULL,
        nam INTEGER NOT NULL,
        so INTEGER NOT NULL,
        ky_hieu TEXT NOT NULL,
        ngay TEXT NOT NULL,
        loai TEXT NOT NULL,
        trich_yeu TEXT NOT NULL,
        nguoi_ky TEXT NOT NULL,
        noi_nhan TEXT NOT NULL,
        so_ban INTEGER,
        don_vi_soan TEXT,
        tep TEXT NOT NULL,
        tep_pdf TEXT,
        sha256_pdf TEXT,
        nguoi_cap TEXT NOT NULL,
        luc_cap TEXT NOT NULL,
        trang_thai TEXT NOT NULL CHECK (trang_thai IN ('dang_cap', 'da_cap', 'huy')),
        ly_do_huy TEXT,
        UNIQUE (co_quan, ten_so, nam, so)
    );
    CREATE INDEX muc_tep ON muc (tep);
    CREATE TABLE khoa_so (
        co_quan TEXT NOT NULL,
        ten_so TEXT NOT NULL,
        nam INTEGER NOT NULL,
        luc TEXT NOT NULL,
        PRIMARY KEY (co_quan, ten_so, nam)
    );
",
    "
    -- A closed year's lines cannot be added, changed or removed, whoever
    -- writes to the file.
    CREATE TRIGGER muc_khoa_them BEFORE INSERT ON muc
    WHEN EXISTS (SELECT 1 FROM khoa_so k
                 WHERE k.co_quan = NEW.co_quan AND k.ten_so = NEW.ten_so AND k.nam = NEW.nam)
    BEGIN SELECT RAISE(ABORT, 'sổ của năm này đã khóa'); END;
    CREATE TRIGGER muc_khoa_sua BEFORE UPDATE ON muc
    WHEN EXISTS (SELECT 1 FROM khoa_so k
                 WHERE k.co_quan = OLD.co_quan AND k.ten_so = OLD.ten_so AND k.nam = OLD.nam)
    BEGIN SELECT RAISE(ABORT, 'sổ của năm này đã khóa'); END;
    CREATE TRIGGER muc_khoa_xoa BEFORE DELETE ON muc
    WHEN EXISTS (SELECT 1 FROM khoa_so k
                 WHERE k.co_quan = OLD.co_quan AND k.ten_so = OLD.ten_so AND k.nam = OLD.nam)
    BEGIN SELECT RAISE(ABORT, 'sổ của năm này đã khóa'); END;
",
];

/// How long a clerk waits for another's number before giving up.
const CHO_TOI_DA: std::time::Duration = std::time::Duration::from_secs(60);

/// Where an entry is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TrangThai {
    /// Number taken; the document and its PDF not yet written.
    DangCap,
    DaCap,
    Huy,
}

impl TrangThai {
    fn ma(self) -> &'static str {
        match self {
            TrangThai::DangCap => "dang_cap",
            TrangThai::DaCap => "da_cap",
            TrangThai::Huy => "huy",
        }
    }

    fn doc(s: &str) -> Self {
        match s {
            "dang_cap" => TrangThai::DangCap,
            "da_cap" => TrangThai::DaCap,
            _ => TrangThai::Huy,
        }
    }

    /// As the register prints it.
    pub fn ten(self) -> &'static str {
        match self {
            TrangThai::DangCap => "đang cấp (chưa xong)",
            TrangThai::DaCap => "đã cấp",
            TrangThai::Huy => "đã hủy",
        }
    }
}

/// Which sequence a number belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DaySo {
    /// The issuing body, as its name prints ("UBND TỈNH TÂY NINH").
    pub co_quan: String,
    /// The register: "chung", or a body's separate one ("quyet_dinh").
    pub ten_so: String,
    pub nam: i32,
}

/// One line of the register (Phụ lục IV's columns, and the bookkeeping).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Muc {
    pub day: DaySo,
    pub so: u32,
    /// What follows "số/": "UBND-KSTT", "2024/QĐ-UBND".
    pub ky_hieu: String,
    /// ISO date.
    pub ngay: String,
    pub loai: String,
    pub trich_yeu: String,
    pub nguoi_ky: String,
    pub noi_nhan: Vec<String>,
    pub so_ban: Option<u32>,
    pub don_vi_soan: Option<String>,
    /// The document's TOML, canonical.
    pub tep: PathBuf,
    pub tep_pdf: Option<PathBuf>,
    pub sha256_pdf: Option<String>,
    pub nguoi_cap: String,
    /// RFC 3339, Vietnam's time.
    pub luc_cap: String,
    pub trang_thai: TrangThai,
    pub ly_do_huy: Option<String>,
}

/// An open register.
pub struct SoDangKy {
    conn: Connection,
    path: PathBuf,
}

/// SQLite's "another connection holds the lock".
fn ban(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

fn loi_so(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::Refused {
        message: format!("sổ đăng ký {}: {e}", path.display()),
        hint: "kiểm tra tệp sổ đăng ký (--so-dang-ky) có đọc, ghi được và không phải tệp khác"
            .into(),
    }
}

impl SoDangKy {
    /// Opens (or creates) the register at `path`, its schema brought up to
    /// date; several processes may hold it at once (WAL).
    pub fn mo(path: &Path) -> Result<Self> {
        // Switching a new file to WAL needs it to itself, and SQLite may
        // answer "busy" at once rather than wait; clerks opening a new
        // register together retry until the first has set it up.
        let het = std::time::Instant::now() + CHO_TOI_DA;
        loop {
            match Self::mo_mot_lan(path) {
                Ok(so) => return Ok(so),
                Err(e) if ban(&e) && std::time::Instant::now() < het => {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                Err(e) => return Err(loi_so(path, e)),
            }
        }
    }

    fn mo_mot_lan(path: &Path) -> rusqlite::Result<Self> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(CHO_TOI_DA)?;
        // WAL: clerks read the register while another takes a number.
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
        }
        conn.pragma_update(None, "synchronous", "FULL")?;
        let mut so = SoDangKy {
            conn,
            path: path.to_path_buf(),
        };
        so.nang_cap()?;
        Ok(so)
    }

    fn loi(&self, e: impl std::fmt::Display) -> Error {
        loi_so(&self.path, e)
    }

    /// Applies the schema steps this file has not seen, in one transaction.
    fn nang_cap(&mut self) -> rusqlite::Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        // A file from a newer vanban: its schema is not this one's.
        let version = usize::try_from(version)
            .ok()
            .filter(|&v| v <= MIGRATIONS.len())
            .ok_or_else(|| {
                rusqlite::Error::ToSqlConversionFailure(
                    format!(
                        "sổ được tạo bởi một vanban mới hơn (lược đồ {version}); cập nhật vanban"
                    )
                    .into(),
                )
            })?;
        for step in &MIGRATIONS[version..] {
            tx.execute_batch(step)?;
        }
        tx.pragma_update(None, "user_version", MIGRATIONS.len() as i64)?;
        tx.commit()
    }

    /// A write transaction: the register is this clerk's until it ends;
    /// and how its errors read.
    fn ghi(&mut self) -> Result<(rusqlite::Transaction<'_>, impl Fn(rusqlite::Error) -> Error)> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| loi_so(&path, e))?;
        Ok((tx, move |e| loi_so(&path, e)))
    }

    /// Takes the next number of `muc.day` for `muc` (its `so` is set
    /// here), recorded as being issued. Refused when the year is closed or
    /// the date is before the previous number's.
    pub fn giu_so(&mut self, muc: &mut Muc) -> Result<()> {
        let (tx, loi) = self.ghi()?;
        let d = &muc.day;
        let khoa: Option<String> = tx
            .query_row(
                "SELECT luc FROM khoa_so WHERE co_quan = ?1 AND ten_so = ?2 AND nam = ?3",
                params![d.co_quan, d.ten_so, d.nam],
                |r| r.get(0),
            )
            .optional()
            .map_err(&loi)?;
        if let Some(luc) = khoa {
            return Err(Error::Refused {
                message: format!("sổ \"{}\" năm {} đã khóa lúc {luc}", d.ten_so, d.nam),
                hint: "năm đã khóa sổ thì không cấp thêm số; kiểm tra ngày ban hành (--ngay)"
                    .into(),
            });
        }
        let truoc: Option<(u32, String)> = tx
            .query_row(
                "SELECT so, ngay FROM muc WHERE co_quan = ?1 AND ten_so = ?2 AND nam = ?3
                 ORDER BY so DESC LIMIT 1",
                params![d.co_quan, d.ten_so, d.nam],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(&loi)?;
        if let Some((so, ngay)) = &truoc
            && ngay > &muc.ngay
        {
            return Err(Error::Refused {
                message: format!(
                    "ngày {} trước ngày của số {so} ({ngay}) trong sổ \"{}\": số cấp theo thứ tự thời gian ban hành",
                    muc.ngay, d.ten_so
                ),
                hint: "ghi ngày ban hành từ ngày của số trước trở đi (--ngay)".into(),
            });
        }
        muc.so = truoc.map_or(1, |(so, _)| so + 1);
        muc.trang_thai = TrangThai::DangCap;
        tx.execute(
            "INSERT INTO muc (co_quan, ten_so, nam, so, ky_hieu, ngay, loai, trich_yeu, nguoi_ky,
                 noi_nhan, so_ban, don_vi_soan, tep, tep_pdf, sha256_pdf, nguoi_cap, luc_cap,
                 trang_thai, ly_do_huy)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
            params![
                d.co_quan,
                d.ten_so,
                d.nam,
                muc.so,
                muc.ky_hieu,
                muc.ngay,
                muc.loai,
                muc.trich_yeu,
                muc.nguoi_ky,
                muc.noi_nhan.join("\n"),
                muc.so_ban,
                muc.don_vi_soan,
                muc.tep.to_string_lossy(),
                muc.tep_pdf.as_ref().map(|p| p.to_string_lossy().into_owned()),
                muc.sha256_pdf,
                muc.nguoi_cap,
                muc.luc_cap,
                muc.trang_thai.ma(),
                muc.ly_do_huy,
            ],
        )
        .map_err(&loi)?;
        tx.commit().map_err(&loi)
    }

    /// The number the next document of `day` would get.
    pub fn so_tiep(&self, day: &DaySo) -> Result<u32> {
        self.conn
            .query_row(
                "SELECT COALESCE(MAX(so), 0) + 1 FROM muc WHERE co_quan = ?1 AND ten_so = ?2 AND nam = ?3",
                params![day.co_quan, day.ten_so, day.nam],
                |r| r.get(0),
            )
            .map_err(|e| self.loi(e))
    }

    /// The number is issued: its document carries it, its PDF is `tep_pdf`.
    pub fn xong(&self, muc: &Muc, tep_pdf: &Path, sha256: &str) -> Result<()> {
        self.conn
            .execute(
                "UPDATE muc SET trang_thai = 'da_cap', tep_pdf = ?5, sha256_pdf = ?6
                 WHERE co_quan = ?1 AND ten_so = ?2 AND nam = ?3 AND so = ?4",
                params![
                    muc.day.co_quan,
                    muc.day.ten_so,
                    muc.day.nam,
                    muc.so,
                    tep_pdf.to_string_lossy(),
                    sha256
                ],
            )
            .map(drop)
            .map_err(|e| self.loi(e))
    }

    /// A number that could not be issued: given back when no later number
    /// was taken (the sequence stays unbroken), else kept as cancelled.
    pub fn tra_lai(&mut self, muc: &Muc, ly_do: &str) -> Result<()> {
        let (tx, loi) = self.ghi()?;
        let d = &muc.day;
        let cuoi: u32 = tx
            .query_row(
                "SELECT MAX(so) FROM muc WHERE co_quan = ?1 AND ten_so = ?2 AND nam = ?3",
                params![d.co_quan, d.ten_so, d.nam],
                |r| r.get(0),
            )
            .map_err(&loi)?;
        let day = params![d.co_quan, d.ten_so, d.nam, muc.so];
        if cuoi == muc.so {
            tx.execute(
                "DELETE FROM muc WHERE co_quan = ?1 AND ten_so = ?2 AND nam = ?3 AND so = ?4",
                day,
            )
        } else {
            tx.execute(
                "UPDATE muc SET trang_thai = 'huy', ly_do_huy = ?5
                 WHERE co_quan = ?1 AND ten_so = ?2 AND nam = ?3 AND so = ?4",
                params![d.co_quan, d.ten_so, d.nam, muc.so, ly_do],
            )
        }
        .map_err(&loi)?;
        tx.commit().map_err(&loi)
    }

    /// Closes year `nam` of every register (or of `ten_so`) that has
    /// numbers in it: after this, its lines cannot change. Refused while a
    /// number of that year is still being issued. The registers closed.
    pub fn khoa_so(&mut self, nam: i32, ten_so: Option<&str>) -> Result<Vec<String>> {
        let (tx, loi) = self.ghi()?;
        let dang: Vec<u32> = cac_dong(
            &tx,
            "SELECT so FROM muc WHERE nam = ?1 AND (?2 IS NULL OR ten_so = ?2)
             AND trang_thai = 'dang_cap' ORDER BY so",
            params![nam, ten_so],
            |r| r.get(0),
        )
        .map_err(&loi)?;
        if !dang.is_empty() {
            let so: Vec<String> = dang.iter().map(|n| n.to_string()).collect();
            return Err(Error::Refused {
                message: format!(
                    "năm {nam} còn số đang cấp dở: {} (bị dừng giữa chừng)",
                    so.join(", ")
                ),
                hint: "chạy lại vanban cap-so cho các văn bản đó để cấp xong, rồi khóa sổ".into(),
            });
        }
        let luc = (chrono::Utc::now() + chrono::Duration::hours(7))
            .format("%Y-%m-%dT%H:%M:%S+07:00")
            .to_string();
        tx.execute(
            "INSERT OR IGNORE INTO khoa_so (co_quan, ten_so, nam, luc)
             SELECT DISTINCT co_quan, ten_so, nam, ?3 FROM muc
             WHERE nam = ?1 AND (?2 IS NULL OR ten_so = ?2)",
            params![nam, ten_so, luc],
        )
        .map_err(&loi)?;
        let closed: Vec<String> = cac_dong(
            &tx,
            "SELECT DISTINCT ten_so FROM khoa_so WHERE nam = ?1 AND (?2 IS NULL OR ten_so = ?2)
             ORDER BY ten_so",
            params![nam, ten_so],
            |r| r.get(0),
        )
        .map_err(&loi)?;
        tx.commit().map_err(&loi)?;
        Ok(closed)
    }

    /// The entry of document `tep` that is issued or being issued.
    pub fn cua_tep(&self, tep: &Path) -> Result<Option<Muc>> {
        let mut q = self
            .conn
            .prepare(&format!(
                "SELECT {COT} FROM muc WHERE tep = ?1 AND trang_thai != 'huy' ORDER BY id DESC LIMIT 1"
            ))
            .map_err(|e| self.loi(e))?;
        q.query_row(params![tep.to_string_lossy()], doc_muc)
            .optional()
            .map_err(|e| self.loi(e))
    }

    /// The entries of register `ten_so` (every register: `None`) in a year,
    /// in number order.
    pub fn cac_muc(&self, nam: i32, ten_so: Option<&str>) -> Result<Vec<Muc>> {
        let sql = format!(
            "SELECT {COT} FROM muc WHERE nam = ?1 AND (?2 IS NULL OR ten_so = ?2)
             ORDER BY co_quan, ten_so, so"
        );
        cac_dong(&self.conn, &sql, params![nam, ten_so], doc_muc).map_err(|e| self.loi(e))
    }
}

/// Every row of `sql`, read by `doc`.
fn cac_dong<T>(
    conn: &Connection,
    sql: &str,
    p: impl rusqlite::Params,
    doc: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<Vec<T>> {
    let mut q = conn.prepare(sql)?;
    q.query_map(p, doc)?.collect()
}

const COT: &str = "co_quan, ten_so, nam, so, ky_hieu, ngay, loai, trich_yeu, nguoi_ky, noi_nhan,
    so_ban, don_vi_soan, tep, tep_pdf, sha256_pdf, nguoi_cap, luc_cap, trang_thai, ly_do_huy";

fn doc_muc(r: &rusqlite::Row<'_>) -> rusqlite::Result<Muc> {
    let noi_nhan: String = r.get(9)?;
    let tep: String = r.get(12)?;
    let tep_pdf: Option<String> = r.get(13)?;
    let trang_thai: String = r.get(17)?;
    Ok(Muc {
        day: DaySo {
            co_quan: r.get(0)?,
            ten_so: r.get(1)?,
            nam: r.get(2)?,
        },
        so: r.get(3)?,
        ky_hieu: r.get(4)?,
        ngay: r.get(5)?,
        loai: r.get(6)?,
        trich_yeu: r.get(7)?,
        nguoi_ky: r.get(8)?,
        noi_nhan: noi_nhan.lines().map(String::from).collect(),
        so_ban: r.get(10)?,
        don_vi_soan: r.get(11)?,
        tep: PathBuf::from(tep),
        tep_pdf: tep_pdf.map(PathBuf::from),
        sha256_pdf: r.get(14)?,
        nguoi_cap: r.get(15)?,
        luc_cap: r.get(16)?,
        trang_thai: TrangThai::doc(&trang_thai),
        ly_do_huy: r.get(18)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_is_set_up_once_and_a_newer_one_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("so.sqlite");
        drop(SoDangKy::mo(&path).unwrap());
        // Opened again: the steps already applied are not run twice.
        let so = SoDangKy::mo(&path).unwrap();
        let day = DaySo {
            co_quan: "UBND".into(),
            ten_so: "chung".into(),
            nam: 2024,
        };
        assert_eq!(so.so_tiep(&day).unwrap(), 1);
        // A closed year's lines are fixed in the file itself.
        so.conn
            .execute_batch(
                "INSERT INTO muc (co_quan, ten_so, nam, so, ky_hieu, ngay, loai, trich_yeu, nguoi_ky,
                     noi_nhan, tep, nguoi_cap, luc_cap, trang_thai)
                 VALUES ('UBND', 'chung', 2024, 1, 'UBND-VP', '2024-06-03', 'Công văn', 'x', 'A',
                     '', '/a.toml', 'b', 'c', 'da_cap');
                 INSERT INTO khoa_so VALUES ('UBND', 'chung', 2024, 'd');",
            )
            .unwrap();
        for sql in [
            "UPDATE muc SET trich_yeu = 'y'",
            "DELETE FROM muc",
            "INSERT INTO muc (co_quan, ten_so, nam, so, ky_hieu, ngay, loai, trich_yeu, nguoi_ky,
                 noi_nhan, tep, nguoi_cap, luc_cap, trang_thai)
             VALUES ('UBND', 'chung', 2024, 2, 'UBND-VP', '2024-06-03', 'Công văn', 'x', 'A',
                 '', '/b.toml', 'b', 'c', 'da_cap')",
        ] {
            let e = so.conn.execute(sql, []).err().unwrap().to_string();
            assert!(e.contains("đã khóa"), "{sql}: {e}");
        }
        so.conn.pragma_update(None, "user_version", 99).unwrap();
        drop(so);
        let e = SoDangKy::mo(&path).err().unwrap().to_string();
        assert!(e.contains("vanban mới hơn (lược đồ 99)"), "{e}");
    }
}
