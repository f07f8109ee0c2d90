//! `vanban serve`: the folder's documents in the browser, until Ctrl-C.

use std::path::PathBuf;

use vanban::Error;

pub fn run(thu_muc: PathBuf, cong: u16) -> Result<(), Error> {
    let shown = thu_muc.display().to_string();
    let mut said = Ok(());
    let result = vanban::serve::chay(vanban::serve::TuyChon { thu_muc, cong }, |dia_chi| {
        said = say!(
            "Đang mở thư mục {shown} tại http://{dia_chi}/ — mở địa chỉ này bằng trình duyệt trên máy này; Ctrl+C để dừng."
        );
    });
    said?;
    result
}
