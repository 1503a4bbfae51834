//! A row of the images view.

use serde::{Deserialize, Serialize};

use crate::ingest::platform::Risk;
use crate::integrity::{IntegrityStatus, ViolationKind};
use crate::table::RowWorkload;
use crate::{Severity, SeverityCounts};

/// What the integrity assessments of an image's containers concluded: the
/// worst of them (a violation over an untrusted registry over no issues
/// over undetermined).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ImageIntegrity {
    /// The status, or none when it could not be determined.
    pub status: Option<IntegrityStatus>,
    /// The violation's kind, when there is one.
    pub violation: Option<ViolationKind>,
    /// The violation's severity, when there is one.
    pub severity: Option<Severity>,
}

/// One running image, identified by digest, never by tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ImageRow {
    /// Its digest (the first the inventory lists).
    pub digest: String,
    /// Every digest it is known by.
    pub digests: Vec<String>,
    /// Its references as deployed, sorted.
    pub references: Vec<String>,
    /// The tags of those references, sorted.
    pub tags: Vec<String>,
    /// The clusters running it, sorted.
    pub clusters: Vec<String>,
    /// The namespaces running it, sorted.
    pub namespaces: Vec<String>,
    /// The workloads running it, sorted.
    pub workloads: Vec<RowWorkload>,
    /// The containers running it (one per workload container).
    pub containers: u64,
    /// Whether a scan of it exists.
    pub scanned: bool,
    /// Whether a runtime sensor watches it.
    pub monitored: bool,
    /// Distinct vulnerabilities (alias groups) on it, by the highest
    /// severity of their occurrences on it.
    pub vulnerabilities: SeverityCounts,
    /// Distinct vulnerabilities with an occurrence on it both Critical and
    /// applicable.
    pub critical_applicable: u64,
    /// Distinct malicious packages on it.
    pub malicious_packages: u64,
    /// Its integrity, when assessments were given for it.
    pub integrity: Option<ImageIntegrity>,
    /// The risk badges the platform shows, in the platform's order.
    pub risks: Vec<Risk>,
}
