//! The prioritization funnel: all → Critical & High → Applicable → With Fix
//! Version → Validated in Runtime, over distinct vulnerabilities.
//!
//! ```
//! use kubesight::finding::{Occurrence, RunningImage};
//! use kubesight::finding::FindingIndex;
//! use kubesight::funnel::{FunnelAccumulator, RuntimeValidation};
//!
//! let digest = format!("sha256:{}", "ab".repeat(32));
//! let running: Vec<RunningImage> = serde_json::from_value(serde_json::json!([
//!     {"digests": [digest], "scanned": true, "monitored": true}
//! ]))?;
//! let occurrences: Vec<Occurrence> = serde_json::from_value(serde_json::json!([
//!     {"image": [digest], "vulnerability": "CVE-2024-1", "aliases": ["GHSA-xxxx-yyyy-zzzz"],
//!      "package": {"name": "openssl", "version": "3.0.1"}, "severity": "critical",
//!      "applicability": "applicable", "fix": {"state": "fixed", "versions": ["3.0.2"]},
//!      "runtime": "loaded"},
//!     {"image": [digest], "vulnerability": "GHSA-xxxx-yyyy-zzzz",
//!      "package": {"name": "openssl", "version": "3.0.1"}, "severity": "high"}
//! ]))?;
//!
//! let mut index = FindingIndex::new(&running);
//! let (interned, _skipped) = index.intern_all(&occurrences);
//! let mut accumulator = FunnelAccumulator::for_index(&index);
//! accumulator.add_all(&interned);
//! let funnel = accumulator.finish(&index, RuntimeValidation::Available);
//! assert_eq!(funnel.all.vulnerabilities, 1, "a CVE and its GHSA alias are one vulnerability");
//! assert_eq!(funnel.validated_in_runtime.map(|s| s.vulnerabilities), Some(1));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod accumulator;
mod cause;
mod compute;
mod counts;
mod stage;
mod wire;
#[cfg(test)]
pub(crate) use wire::tests as wire_tests;

pub use accumulator::{FunnelAccumulator, PortablePartial, PortableVulnerability};
pub use cause::{CauseCount, ChangeCause, ChangedFact, ProbableCause};
pub use compute::{compute, distinct_vulnerabilities, merge_partials, partial, FunnelResult};
pub use counts::{Funnel, FunnelChange, IncreaseThreshold, StageChange, StageCount, Undecided};
pub use stage::{RuntimeValidation, Stage};
pub use wire::{PartialError, PARTIAL_VERSION};
