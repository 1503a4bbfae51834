//! Automatic security scanning: scan configuration per cluster, batch
//! configuration, coverage, and the scan plan for runtime-observed images.

mod config;
pub(crate) mod error;
mod plan;

pub use config::{
    ConfigurationChange, Coverage, Reconfigured, ScanConfiguration, ScanConfigurations, Scanner,
};
pub use error::ScanningError;
pub use plan::{ObservedImage, PlanReason, PlannedScan, ScanPlan};
