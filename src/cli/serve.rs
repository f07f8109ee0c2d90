//! `vanban serve`: the folder's documents in the browser, until Ctrl-C.

use std::path::PathBuf;

use vanban::Error;

pub fn run(thu_muc: PathBuf, cong: u16, mo: bool) -> Result<(), Error> {
    let shown = thu_muc.display().to_string();
    let mut said = Ok(());
    let result = vanban::serve::chay(vanban::serve::TuyChon { thu_muc, cong }, |dia_chi| {
        let url = format!("http://{dia_chi}/");
        said = say!(
            "Đang mở thư mục {shown} tại {url} — mở địa chỉ này bằng trình duyệt trên máy này; Ctrl+C để dừng."
        );
        if mo && let Err(e) = open(&url) {
            warn!("cảnh báo: không mở được trình duyệt ({e}); hãy tự mở {url}");
        }
    });
    said?;
    result
}

/// The system's own way to open an address in the default browser.
fn open(url: &str) -> std::io::Result<()> {
    let mut command = if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(drop)
}
