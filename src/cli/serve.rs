//! `vanban serve`: the folder's documents in the browser, until Ctrl-C.

use vanban::Error;

pub fn run(opts: vanban::serve::TuyChon, mo: bool) -> Result<(), Error> {
    let shown = opts.thu_muc.display().to_string();
    let mut said = Ok(());
    let result = vanban::serve::chay(opts, |dia_chi| {
        let url = format!("http://{dia_chi}/");
        said = if dia_chi.ip().is_loopback() {
            say!(
                "Đang mở thư mục {shown} tại {url} — mở địa chỉ này bằng trình duyệt trên máy này; Ctrl+C để dừng."
            )
        } else {
            say!(
                "Đang mở thư mục {shown} tại {url} cho các máy trong mạng: mở http://<địa chỉ IP của máy này>:{}/ và đăng nhập bằng mật khẩu; Ctrl+C để dừng.",
                dia_chi.port()
            )
        };
        // A browser on this computer reaches "all addresses" as 127.0.0.1.
        let url = match dia_chi.ip().is_unspecified() {
            true => format!("http://127.0.0.1:{}/", dia_chi.port()),
            false => url,
        };
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
