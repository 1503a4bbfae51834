//! The vulnerability table behind the funnel: one row per distinct
//! vulnerability on scanned running images, with where it runs, why it
//! stopped where it did and, given enrichment, its EPSS score and KEV entry;
//! and the list of malicious packages, which are never vulnerability rows.
//!
//! Counting the rows that reached a stage gives the funnel's count for that
//! stage: the table is built with the funnel's rules (alias groups, the
//! occurrence-level conjunction, scanned running images only).

mod accumulate;
mod build;
mod bulk;
mod counts;
mod filter;
mod groups;
mod places;
mod query;
mod request;
mod row;
mod segments;
mod state;
mod transpose;

pub use accumulate::TableAccumulator;
pub(crate) use build::severity_of;
pub use build::VulnerabilityTable;
pub use request::{Column, SortKey, TablePage, TableQuery};
pub use row::{
    EpssSignal, KevSignal, MaliciousPackageRow, RowImage, RowPackage, RowWorkload, StopReason,
    VulnerabilityRow,
};
