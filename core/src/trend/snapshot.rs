//! What a snapshot holds: the running images of one instant, whether each
//! was scanned, and the vulnerabilities of its latest scan, in the finding
//! model the funnel reads.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::finding::{Occurrence, RunningImage};

/// Whether a snapshot's computation finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SnapshotState {
    /// Computed: its numbers can be drawn.
    #[default]
    Complete,
    /// Still being computed: its numbers are not final.
    InProgress,
}

/// The running images at one instant.
///
/// ```
/// use kubesight::trend::Snapshot;
///
/// let digest = format!("sha256:{}", "ab".repeat(32));
/// let snapshot: Snapshot = serde_json::from_value(serde_json::json!({
///     "taken_at": "2026-11-20T02:00:00Z",
///     "clusters": ["prod-eu"], "expected_clusters": ["prod-eu", "prod-us"],
///     "running": [{"digests": [digest], "scanned": true}],
///     "occurrences": [{"image": [digest], "vulnerability": "CVE-2024-1", "severity": "high"}]
/// }))?;
/// assert_eq!(snapshot.missing_clusters(), vec!["prod-us"]);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Snapshot {
    /// When it was taken.
    pub taken_at: DateTime<Utc>,
    /// Whether its computation finished.
    #[serde(default)]
    pub state: SnapshotState,
    /// The clusters that reported into it.
    #[serde(default)]
    pub clusters: Vec<String>,
    /// The clusters that should have reported; empty when the caller does
    /// not know, and then the snapshot counts as covering every cluster.
    #[serde(default)]
    pub expected_clusters: Vec<String>,
    /// The running images, and whether each was scanned (none when left
    /// out: a snapshot that found nothing running).
    #[serde(default)]
    pub running: Vec<RunningImage>,
    /// The vulnerabilities of the running images' latest scans. Only the
    /// vulnerability id, its aliases and its severity are read; findings on
    /// images not running, on images not scanned, and malicious-package
    /// findings are left out, as the funnel leaves them out.
    #[serde(default)]
    pub occurrences: Vec<Occurrence>,
}

impl Snapshot {
    /// The expected clusters that did not report, in the order expected.
    pub fn missing_clusters(&self) -> Vec<&str> {
        self.expected_clusters
            .iter()
            .filter(|c| !self.clusters.contains(c))
            .map(String::as_str)
            .collect()
    }
}

/// A snapshot's header, for callers that intern scans themselves (see
/// [`TrendIndex::add_interned`](super::TrendIndex::add_interned)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SnapshotHeader {
    /// When it was taken.
    pub taken_at: DateTime<Utc>,
    /// Whether its computation finished.
    #[serde(default)]
    pub state: SnapshotState,
    /// The expected clusters that did not report.
    #[serde(default)]
    pub missing_clusters: Vec<String>,
}

/// A scan interned by a [`TrendIndex`](super::TrendIndex): images whose
/// latest scans found the same vulnerabilities with the same severities
/// share one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ScanId(pub(crate) u32);

impl ScanId {
    /// Its number, dense from 0 in the order scans were first interned.
    pub fn number(self) -> u32 {
        self.0
    }
}

/// One running image of an interned snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SnapshotImage<'a> {
    /// One of its digests. Images that share a digest anywhere in the index
    /// are one image.
    pub digest: &'a str,
    /// Its other digests, if any.
    pub other_digests: &'a [&'a str],
    /// Its latest scan, or `None` when it was not scanned.
    pub scan: Option<ScanId>,
}
