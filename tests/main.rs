//! The integration tests, as one binary (as ripgrep does): each file of
//! `tests/` is a module here, sharing `common`. One binary links the
//! library, typst with it, once instead of once per file.

mod common;

mod complete;

mod bang;
mod catalogue;
mod cli;
mod dien_tu;
mod docx;
mod fuzz;
mod hang_loat;
mod hostile;
mod kiem_tra;
mod layers;
mod layout;
mod letters;
mod nhiem_vu;
mod outputs;
mod pdf;
mod readme;
mod so_dang_ky;
mod so_lieu;
mod serve;
mod spec;
mod van_ban_khac;
mod watch;
