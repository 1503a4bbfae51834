//! The images view of Live Assessment: one row per running image, with where
//! it runs, its scan status, its vulnerabilities, its integrity and its risk
//! badges; filtered, sorted (riskiest first by default) and paged. The
//! highlights' image counts are counts over this view.

mod accumulate;
mod row;
mod view;

pub use accumulate::ImagesAccumulator;

pub use row::{ImageIntegrity, ImageRow};
pub use view::{ImageColumn, ImageSortKey, ImagesPage, ImagesQuery, ImagesView};
