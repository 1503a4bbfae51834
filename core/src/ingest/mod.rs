//! Reading what users already have into the finding model: scanner
//! reports, in one call per document, from text (no I/O). Every adapter
//! returns the reports it read and warnings for what it skipped or
//! assumed, and fails only when the document is not the format at all.

mod epss;
pub(crate) mod error;
mod grype;
mod ingested;
mod jfrog;
mod kev;
mod null;
mod osv;
pub mod platform;
mod pods;
mod runtime_marks;
mod trivy;
mod trivy_k8s;
mod trivy_operator;
mod trivy_results;
pub mod vex;
mod workload;
mod xray;
mod xray_component;

pub use epss::{epss, EnrichmentRead};
pub use error::IngestError;
pub use grype::grype;
pub use ingested::{ImageReport, IngestWarning, Ingested, ReportWorkload, WarningCode};
pub use jfrog::jfrog_simple_json;
pub use kev::kev;
pub use osv::osv_scanner;
pub use platform::{
    runtime_clusters, runtime_image_tags, runtime_images, runtime_workloads, PlatformClusters,
    PlatformImage, PlatformImageTags, PlatformImages, PlatformScan, PlatformWorkloads,
};
pub use pods::{kubernetes_pods, PodInventory, RunningContainer};
pub use runtime_marks::{mark_runtime, RuntimeMarked, RuntimeMarks};
pub use trivy::trivy;
pub use trivy_operator::trivy_operator;
pub use workload::{owning_workload, OwningWorkload};
pub use xray::jfrog_xray_json;
