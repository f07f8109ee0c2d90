//! vanban: Vietnamese official documents (Nghị định 30/2020/NĐ-CP) from TOML.
//!
//! One way through, each layer using only those below it (CONTRIBUTING.md
//! lists the layers; `tests/layers.rs` holds the code to them): [`spec`]
//! (the one description of the format) → [`load`] (TOML → [`model`], with
//! spans for errors) → [`render`] (model → the data the back ends read) →
//! the back ends ([`compile`]: typst's layout; [`docx`]) → [`output`] (one
//! module per format) → [`pipeline`] (review, layout, formats, atomic
//! writes); [`watch`] and [`hang_loat`] (batch) call the pipeline, as the
//! command line does.

pub mod compile;
pub mod dien_tu;
pub mod edit;
pub mod docx;
pub mod error;
pub mod export;
pub mod fonts;
pub mod hang_loat;
pub mod input;
pub mod kiem_tra;
pub mod lich;
pub mod load;
pub mod loai;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod serve;
pub mod so;
pub mod so_dang_ky;
pub mod spec;
pub mod starter;
pub mod suggest;
pub mod the_thuc;
pub mod thoi_han;
pub mod watch;
pub mod write;

pub use compile::Compiler;
pub use error::{Diagnostic, Error, Result};
/// Re-exported so callers (and the layout tests) can inspect laid-out pages.
pub use typst_layout::PagedDocument;
