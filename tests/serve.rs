//! `vanban serve` over HTTP on 127.0.0.1: every route, what it refuses,
//! and two clerks saving one file at once.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use crate::common::MINIMAL;

/// A server on a free port over `dir`, killed when dropped.
struct MayChu {
    child: Child,
    addr: SocketAddr,
}

impl MayChu {
    fn start(dir: &Path) -> Self {
        Self::start_with(dir, &[])
    }

    fn start_with(dir: &Path, args: &[&std::ffi::OsStr]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
            .args(["serve", "--cong", "0"])
            .args(args)
            .arg(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The first line names the address once it listens.
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|r| r.split('/').next())
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .parse()
            .unwrap();
        MayChu { child, addr }
    }

    /// One request; `(status, body)`.
    fn http(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> (u16, Vec<u8>) {
        let (status, _, body) = self.raw(method, path, headers, body);
        (status, body)
    }

    /// One request; `(status, response head, body)`.
    fn raw(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> (u16, String, Vec<u8>) {
        let mut s = TcpStream::connect(self.addr).unwrap();
        let mut req = format!(
            "{method} {path} HTTP/1.1\r\nConnection: close\r\nContent-Length: {}\r\n",
            body.len()
        );
        if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
            req.push_str(&format!("Host: {}\r\n", self.addr));
        }
        for (k, v) in headers {
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        req.push_str("\r\n");
        s.write_all(req.as_bytes()).unwrap();
        s.write_all(body).unwrap();
        let mut out = Vec::new();
        s.read_to_end(&mut out).unwrap();
        let split = out.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = String::from_utf8_lossy(&out[..split]).into_owned();
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        let mut body = out[split + 4..].to_vec();
        if head
            .to_ascii_lowercase()
            .contains("transfer-encoding: chunked")
        {
            body = dechunk(&body);
        }
        (status, head, body)
    }

    fn json(&self, method: &str, path: &str, body: &str) -> (u16, serde_json::Value) {
        let (status, bytes) = self.http(
            method,
            path,
            &[("Content-Type", "application/json")],
            body.as_bytes(),
        );
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null),
        )
    }
}

impl Drop for MayChu {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let end = b.windows(2).position(|w| w == b"\r\n").unwrap();
        let n = usize::from_str_radix(std::str::from_utf8(&b[..end]).unwrap().trim(), 16).unwrap();
        if n == 0 {
            return out;
        }
        out.extend_from_slice(&b[end + 2..end + 2 + n]);
        b = &b[end + 4 + n..];
    }
}

/// `vanban render SRC -o OUT`, which must succeed.
fn render_cli(src: &Path, out: &Path) {
    render_cli_with(src, out, &[]);
}

fn render_cli_with(src: &Path, out: &Path, flags: &[&str]) {
    let run = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .arg("render")
        .arg(src)
        .arg("-o")
        .arg(out)
        .args(flags)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
}

fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("cong-van.toml"), MINIMAL).unwrap();
    dir
}

#[test]
fn the_page_the_list_and_the_kinds() {
    let dir = folder();
    let s = MayChu::start(dir.path());
    let (status, page) = s.http("GET", "/", &[], b"");
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&page).contains("Văn bản trong thư mục"));
    for asset in ["/app.js", "/app.css"] {
        assert_eq!(s.http("GET", asset, &[], b"").0, 200, "{asset}");
    }
    let (status, list) = s.json("GET", "/api/danh-sach", "");
    assert_eq!(status, 200);
    let v = &list["van_ban"][0];
    assert_eq!(v["ten"], "cong-van.toml");
    assert_eq!(v["so_ky_hieu"], "1612/UBND-KSTT");
    assert_eq!(v["loi"], 0);
    let (_, kinds) = s.json("GET", "/api/loai", "");
    assert!(kinds["loai"].as_array().unwrap().len() >= 29);
}

#[test]
fn a_new_document_from_a_starter_never_over_a_file() {
    let dir = folder();
    let s = MayChu::start(dir.path());
    let (status, _) = s.json(
        "POST",
        "/api/moi",
        r#"{"loai":"ke_hoach","ten":"ke-hoach-moi.toml"}"#,
    );
    assert_eq!(status, 200);
    assert!(dir.path().join("ke-hoach-moi.toml").exists());
    let (status, body) = s.json(
        "POST",
        "/api/moi",
        r#"{"loai":"ke_hoach","ten":"cong-van.toml"}"#,
    );
    assert_eq!(status, 409, "{body}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("cong-van.toml")).unwrap(),
        MINIMAL
    );
}

#[test]
fn saving_keeps_the_previous_version_and_refuses_a_stale_one() {
    let dir = folder();
    let s = MayChu::start(dir.path());
    let (_, opened) = s.json("GET", "/api/tep/cong-van.toml", "");
    let phien = opened["phien"].as_str().unwrap().to_string();
    let edited = MINIMAL.replace("Tây Ninh\"", "Tây Ninh \"");
    let body = serde_json::json!({ "text": edited, "phien": phien }).to_string();
    let (status, saved) = s.json("PUT", "/api/tep/cong-van.toml", &body);
    assert_eq!(status, 200, "{saved}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("cong-van.toml")).unwrap(),
        edited
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("cong-van.toml.truoc")).unwrap(),
        MINIMAL
    );
    // The same old version again: the file changed since, nothing written.
    let (status, conflict) = s.json(
        "PUT",
        "/api/tep/cong-van.toml",
        &body.replace("Tây Ninh ", "X"),
    );
    assert_eq!(status, 409);
    assert_eq!(conflict["text"], edited.as_str());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("cong-van.toml")).unwrap(),
        edited
    );
}

#[test]
fn two_clerks_saving_one_file_at_once_lose_nothing() {
    let dir = folder();
    let s = std::sync::Arc::new(MayChu::start(dir.path()));
    let (_, opened) = s.json("GET", "/api/tep/cong-van.toml", "");
    let phien = opened["phien"].as_str().unwrap().to_string();
    let handles: Vec<_> = (0..6)
        .map(|i| {
            let s = s.clone();
            let body =
                serde_json::json!({ "text": format!("{MINIMAL}# người {i}\n"), "phien": phien })
                    .to_string();
            std::thread::spawn(move || s.json("PUT", "/api/tep/cong-van.toml", &body).0)
        })
        .collect();
    let codes: Vec<u16> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert_eq!(codes.iter().filter(|&&c| c == 200).count(), 1, "{codes:?}");
    assert_eq!(codes.iter().filter(|&&c| c == 409).count(), 5, "{codes:?}");
}

#[test]
fn the_page_view_follows_the_text_and_an_error_names_its_place() {
    let dir = folder();
    let s = MayChu::start(dir.path());
    let (status, body) = s.http(
        "POST",
        "/api/xem-truoc/cong-van.toml",
        &[],
        MINIMAL.as_bytes(),
    );
    assert_eq!(status, 200);
    let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let pages = v["trang"].as_array().unwrap();
    assert!(!pages.is_empty() && pages[0].as_str().unwrap().starts_with("<svg"));
    let wrong = MINIMAL.replace("ngay = 2024-05-31", "ngay = \"31/02/2024\"");
    let (_, body) = s.http(
        "POST",
        "/api/xem-truoc/cong-van.toml",
        &[],
        wrong.as_bytes(),
    );
    let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let first = &v["loi"][0];
    assert_eq!(first["truong"], "ngay", "{v}");
    assert_eq!(first["dong"], 5, "{v}");
    assert!(
        first["thong_bao"]
            .as_str()
            .unwrap()
            .contains("ngày không hợp lệ")
    );
    // The review reads the text being edited, not the file.
    let (_, body) = s.http(
        "POST",
        "/api/ra-soat/cong-van.toml",
        &[],
        MINIMAL.replace("\"Như trên\", ", "").as_bytes(),
    );
    let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert!(
        v["chan_doan"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["ma"] == "VB001"),
        "{v}"
    );
}

#[test]
fn downloads_are_the_bytes_of_vanban_render() {
    let dir = folder();
    let s = MayChu::start(dir.path());
    for (dang, query, flags) in [
        ("pdf", "", &[][..]),
        ("docx", "", &[]),
        ("pdf", "&o_ky=true", &["--o-ky"]),
    ] {
        let (status, served) = s.http(
            "GET",
            &format!("/api/tai-ve/cong-van.toml?dang={dang}{query}"),
            &[],
            b"",
        );
        assert_eq!(status, 200, "{dang}");
        let out = dir.path().join(format!("cli.{dang}"));
        render_cli_with(&dir.path().join("cong-van.toml"), &out, flags);
        assert!(
            served == std::fs::read(&out).unwrap(),
            "{dang}: the served file differs from vanban render's"
        );
    }
}

#[test]
fn what_the_server_refuses() {
    let dir = folder();
    std::os::unix::fs::symlink("/etc/hostname", dir.path().join("ra-ngoai.toml")).unwrap();
    let s = MayChu::start(dir.path());
    // Another name for this machine (DNS rebinding): refused.
    let (status, _) = s.http(
        "GET",
        "/api/danh-sach",
        &[("Host", "vanban.example:80")],
        b"",
    );
    assert_eq!(status, 421);
    // A write from another site's page: refused.
    let body = br#"{"text":"x","phien":null}"#;
    let (status, _) = s.http(
        "PUT",
        "/api/tep/moi.toml",
        &[
            ("Origin", "http://evil.example"),
            ("Content-Type", "application/json"),
        ],
        body,
    );
    assert_eq!(status, 403);
    assert!(!dir.path().join("moi.toml").exists());
    // Names outside the folder, hidden or not TOML.
    for name in [
        "..%2Fthoat.toml",
        "%2Fetc%2Fpasswd",
        ".an.toml",
        "cong-van.pdf",
    ] {
        let (status, _) = s.http("GET", &format!("/api/tep/{name}"), &[], b"");
        assert_eq!(status, 400, "{name}");
    }
    let (status, _) = s.http("GET", "/api/tep/ra-ngoai.toml", &[], b"");
    assert_eq!(status, 403, "a link out of the folder");
    // A body over the limit.
    let big = vec![b'#'; 5 * 1024 * 1024];
    let (status, _) = s.http("POST", "/api/xem-truoc/cong-van.toml", &[], &big);
    assert_eq!(status, 413);
}

/// The grids, an uploaded spreadsheet becoming an appendix (never over a
/// file), and a batch run from the page: its progress stream, its zip.
#[test]
fn grids_uploads_and_a_batch_over_http() {
    let dir = folder();
    let s = MayChu::start(dir.path());
    let text = std::fs::read_to_string(dir.path().join("cong-van.toml")).unwrap();
    let (status, grids) = s.json("POST", "/api/luoi", &text);
    assert_eq!((status, &grids[0]["bang"]), (200, &serde_json::json!("nhiem_vu")));
    let ask = serde_json::json!({ "text": text, "bang": "nhiem_vu", "thao_tac": "them" });
    let (status, body) = s.json("POST", "/api/luoi/sua", &ask.to_string());
    assert_eq!(status, 200);
    assert!(body["text"].as_str().unwrap().contains("[[nhiem_vu]]"));
    let ask = serde_json::json!({ "text": text, "bang": "phu_luc.0.bang.0", "thao_tac": "them" });
    assert_eq!(s.json("POST", "/api/luoi/sua", &ask.to_string()).0, 422);

    let upload = |name: &str, bytes: &[u8]| {
        let (status, body) = s.http("POST", &format!("/api/tai-len?tep={name}"), &[], bytes);
        (status, serde_json::from_slice::<serde_json::Value>(&body).unwrap_or_default())
    };
    let csv = "Đơn vị,Số hồ sơ\nXã Một,12\n".as_bytes();
    assert_eq!(upload("so-lieu.csv", csv).1["ten"], "so-lieu.csv");
    assert_eq!(upload("so-lieu.csv", csv).1["ten"], "so-lieu.csv", "the same file again");
    assert_eq!(upload("so-lieu.csv", b"Khac,1\n").1["ten"], "so-lieu-2.csv");
    assert_eq!(std::fs::read(dir.path().join("so-lieu.csv")).unwrap(), csv, "never over a file");
    for bad in ["..%2Fra.csv", "a.toml", ".an.csv"] {
        assert_eq!(upload(bad, csv).0, 400, "{bad}");
    }
    let ask = serde_json::json!({ "text": text, "tep": "so-lieu.csv" });
    let (status, body) = s.json("POST", "/api/bang-moi", &ask.to_string());
    assert_eq!(status, 200, "{body}");
    assert!(body["text"].as_str().unwrap().contains("du_lieu = \"so-lieu.csv\""));

    // A batch template from its starter, and its units' file uploaded.
    let (status, _) = s.json("POST", "/api/moi", r#"{"loai":"hang_loat","ten":"mau.toml"}"#);
    assert_eq!(status, 200);
    let units = std::fs::read(dir.path().join("don-vi.csv")).unwrap();
    // Its page view and review wait for a units' file, then are the first
    // unit's letter and every unit's review.
    let mau = std::fs::read(dir.path().join("mau.toml")).unwrap();
    let (_, view) = s.http("POST", "/api/xem-truoc/mau.toml", &[], &mau);
    let view: serde_json::Value = serde_json::from_slice(&view).unwrap();
    assert_eq!(view["can_don_vi"], true, "{view}");
    let (_, review) = s.http("POST", "/api/ra-soat/mau.toml", &[], &mau);
    let review: serde_json::Value = serde_json::from_slice(&review).unwrap();
    assert_eq!(review["chan_doan"][0]["muc_do"], "goi_y", "{review}");
    let (status, _) = s.http("POST", "/api/don-vi-thu/mau.toml?tep=don-vi.csv", &[], &units);
    assert_eq!(status, 200);
    let (_, view) = s.http("POST", "/api/xem-truoc/mau.toml", &[], &mau);
    let view: serde_json::Value = serde_json::from_slice(&view).unwrap();
    assert_eq!(view["don_vi"], "Huyện Gò Dầu", "{view}");
    assert!(view["trang"][0].as_str().unwrap().starts_with("<svg"));
    let (_, review) = s.http("POST", "/api/ra-soat/mau.toml", &[], &mau);
    let review: serde_json::Value = serde_json::from_slice(&review).unwrap();
    assert!(
        review["chan_doan"].as_array().unwrap().iter().all(|d| d["muc_do"] != "loi"),
        "{review}"
    );
    let (status, body) = s.http("POST", "/api/hang-loat/mau.toml?tep=don-vi.csv&dang=ca-hai", &[], &units);
    assert_eq!(status, 200);
    let so = serde_json::from_slice::<serde_json::Value>(&body).unwrap()["so"].as_u64().unwrap();
    // The stream ends with the run; its last event says what was made.
    let (status, events) = s.http("GET", &format!("/api/hang-loat/{so}/tien-do"), &[], b"");
    assert_eq!(status, 200);
    let events = String::from_utf8(events).unwrap();
    let last: serde_json::Value = serde_json::from_str(
        events.lines().filter_map(|l| l.strip_prefix("data: ")).last().unwrap(),
    )
    .unwrap();
    assert_eq!((&last["trang_thai"], &last["da_tao"]), (&serde_json::json!("xong"), &serde_json::json!(3)), "{events}");
    let (status, zip) = s.http("GET", &format!("/api/hang-loat/{so}/tai"), &[], b"");
    assert_eq!(status, 200);
    let zip = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    assert_eq!(zip.len(), 3 * 2 + 2, "a PDF and a Word file per unit, and the manifest");
    assert_eq!(s.http("GET", "/api/hang-loat/999/tai", &[], b"").0, 404);
    let (status, _) = s.http("POST", "/api/hang-loat/mau.toml?tep=x.exe", &[], &units);
    assert_eq!(status, 400);
    // Nothing of the run is left in the served folder.
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["cong-van.toml", "don-vi.csv", "mau.toml", "so-lieu-2.csv", "so-lieu.csv", "vanban.schema.json"]);
}

/// The văn thư numbers a saved document from the page: the folder's
/// register, the number and date in the text, the final PDF; once only.
#[test]
fn the_clerk_numbers_a_document_from_the_page() {
    let dir = folder();
    let s = MayChu::start(dir.path());
    let (status, body) = s.json("POST", "/api/cap-so/cong-van.toml", r#"{"thu":true}"#);
    assert_eq!((status, &body["so_ky_hieu"]), (200, &serde_json::json!("01/UBND-KSTT")), "{body}");
    let (status, body) = s.json("POST", "/api/cap-so/cong-van.toml", r#"{"ngay":"2024-06-03"}"#);
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["so_ky_hieu"], "01/UBND-KSTT");
    let text = body["text"].as_str().unwrap();
    assert!(text.contains("so = 1\n") && text.contains("ngay = 2024-06-03"), "{text}");
    assert_eq!(std::fs::read_to_string(dir.path().join("cong-van.toml")).unwrap(), text);
    assert!(dir.path().join("cong-van.pdf").exists());
    assert!(dir.path().join("so-van-ban.sqlite").exists());
    let (status, body) = s.json("POST", "/api/cap-so/cong-van.toml", "{}");
    assert_eq!(status, 422);
    assert!(body["chan_doan"][0]["thong_bao"].as_str().unwrap().contains("đã được cấp số 01"), "{body}");
    let (_, reg) = s.json("GET", "/api/so-van-ban?nam=2024", "");
    assert_eq!(reg["muc"][0]["so_ky_hieu"], "01/UBND-KSTT", "{reg}");
    assert_eq!(reg["muc"][0]["trang_thai"], "đã cấp");
}

/// Opened to the network, the workspace asks for a password; a session is
/// an HttpOnly, SameSite=Strict cookie; wrong passwords in a row pause
/// sign-in; without a password file another address is refused.
#[test]
fn a_password_guards_a_shared_workspace() {
    let run = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["serve", "--dia-chi", "0.0.0.0", "--cong", "0"])
        .arg(folder().path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(!run.status.success() && err.contains("--mat-khau-tep"), "{err}");

    let dir = folder();
    let secret = tempfile::tempdir().unwrap();
    let pw = secret.path().join("mat-khau.txt");
    std::fs::write(&pw, "ngựa vằn uống trà sữa\n").unwrap();
    let s = MayChu::start_with(dir.path(), &[std::ffi::OsStr::new("--mat-khau-tep"), pw.as_os_str()]);
    // The page loads; what it reads asks to sign in first.
    assert_eq!(s.http("GET", "/", &[], b"").0, 200);
    let (status, body) = s.json("GET", "/api/danh-sach", "");
    assert_eq!((status, &body["can_dang_nhap"]), (401, &serde_json::json!(true)));
    let (status, _) = s.json("GET", "/api/tep/cong-van.toml", "");
    assert_eq!(status, 401);
    let sign_in = |pw: &str| {
        let body = serde_json::json!({ "mat_khau": pw }).to_string();
        s.raw("POST", "/api/dang-nhap", &[("Content-Type", "application/json")], body.as_bytes())
    };
    assert_eq!(sign_in("ngựa vằn").0, 401);
    let (status, head, _) = sign_in("ngựa vằn uống trà sữa");
    assert_eq!(status, 200);
    let set = head
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("set-cookie:"))
        .unwrap();
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Strict"), "{set}");
    let cookie = set["set-cookie:".len()..].trim().split(';').next().unwrap().to_string();
    let with = |cookie: &str| s.http("GET", "/api/danh-sach", &[("Cookie", cookie)], b"").0;
    assert_eq!(with(&cookie), 200);
    assert_eq!(with("vanban_phien=00ff"), 401, "a made-up session");
    s.http("POST", "/api/dang-xuat", &[("Cookie", &cookie)], b"");
    assert_eq!(with(&cookie), 401, "signed out");
    // Five wrong passwords in a row: even the right one waits.
    for _ in 0..5 {
        assert_eq!(sign_in("đoán thử mật khẩu").0, 401);
    }
    assert_eq!(sign_in("ngựa vằn uống trà sữa").0, 429);
}

/// A clerk's session in Debian's Chromium (`tests/trinh_duyet/workspace.mjs`,
/// playwright-core; `.ci/run` installs both): a công văn from the starter,
/// a new trích yếu on the page, a wrong date shown at its field and fixed,
/// the review, saving, and the PDF downloaded — the bytes `vanban render`
/// makes of the saved file, with the new trích yếu in it.
#[test]
fn a_clerk_makes_a_cong_van_in_the_browser() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = root.join("tests/trinh_duyet/workspace.mjs");
    assert!(
        root.join("tests/trinh_duyet/node_modules/playwright-core")
            .exists()
            && Path::new("/usr/bin/chromium").exists(),
        "needs Debian's chromium and `npm ci` in tests/trinh_duyet (.ci/run does both)"
    );
    let dir = folder();
    let s = MayChu::start(dir.path());
    let run = Command::new("node")
        .arg(&script)
        .arg(format!("http://{}/", s.addr))
        .arg(dir.path())
        .output()
        .expect("node (.ci/run installs it)");
    assert!(
        run.status.success(),
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    let saved = dir.path().join("cong-van-thu.toml");
    render_cli(&saved, &dir.path().join("cli.pdf"));
    let downloaded = std::fs::read(dir.path().join("tai-ve.pdf")).unwrap();
    assert!(
        downloaded == std::fs::read(dir.path().join("cli.pdf")).unwrap(),
        "the download differs from vanban render"
    );
    let text = crate::common::collapse(&crate::common::poppler(
        "pdftotext",
        &[],
        &dir.path().join("tai-ve.pdf"),
    ));
    assert!(
        text.contains("V/v kiểm thử soạn thảo trong trình duyệt"),
        "{text}"
    );
    // The uploaded appendix data is in the folder, as sent.
    assert_eq!(
        std::fs::read_to_string(dir.path().join("so-lieu-xa.csv")).unwrap(),
        "STT,Đơn vị,Số hồ sơ\n1,Xã Một,\"1.250\"\n2,Xã Hai,980\n"
    );
    // The batch: one letter per unit of the uploaded CSV, each with its
    // unit's own figures, and the manifest.
    let zip = std::fs::File::open(dir.path().join("hang-loat.zip")).unwrap();
    let mut zip = zip::ZipArchive::new(zip).unwrap();
    let mut names: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().unwrap().to_string())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["1-xa-mot.pdf", "2-xa-hai.pdf", "3-xa-ba.pdf", "manifest.csv", "manifest.json"]
    );
    for (name, unit, figure) in [
        ("1-xa-mot.pdf", "Xã Một", "81,5%"),
        ("2-xa-hai.pdf", "Xã Hai", "64,2%"),
    ] {
        let mut pdf = Vec::new();
        zip.by_name(name).unwrap().read_to_end(&mut pdf).unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, pdf).unwrap();
        let text = crate::common::collapse(&crate::common::poppler("pdftotext", &[], &path));
        assert!(text.contains(&format!("kết quả của {unit}")) && text.contains(figure), "{text}");
    }
    for step in [
        "1-danh-sach",
        "2-soan-thao",
        "3-loi",
        "4-ra-soat",
        "5-da-luu",
        "6-hang-loat",
        "7-bang",
    ] {
        assert!(
            dir.path().join(format!("anh-{step}.png")).exists(),
            "{step}"
        );
    }
}
