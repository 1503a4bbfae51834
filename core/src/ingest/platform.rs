//! The runtime platform's listings: its clusters with their nodes
//! (`/runtime/api/v1/clusters` and a cluster's details) and its live
//! images, as the platform's REST API returns them.
//!
//! Rules:
//! - A controller `running` is running; `stopped`, installed but not
//!   running (failed); any other word fails the same way, with a warning.
//! - A node whose `sensor_installed` is false has no sensor; otherwise its
//!   `status` decides: `running`, `failed`, `failed_to_install`, `disabled`
//!   (other words count as failed, with a warning).
//! - The cluster list gives node counts only: its clusters have no nodes
//!   here, and a warning says to read each cluster's details.
//! - Live images carry a scanned flag (`isScannedByXray`) and the
//!   vulnerability counts of their riskiest tag, but no digest: enough for
//!   the scan status, not for matching findings.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{IngestError, IngestWarning, WarningCode};
use crate::funnel::SeverityCounts;
use crate::runtime::{Cluster, ControllerState, Node, ScanStatus, SensorState};

/// The clusters of a listing.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PlatformClusters {
    /// The clusters, in the listing's order.
    pub clusters: Vec<Cluster>,
    /// What was assumed, and why.
    pub warnings: Vec<IngestWarning>,
}

/// One live image as the platform lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformImage {
    /// The image name.
    pub name: String,
    /// Its registry.
    pub registry: String,
    /// Its repository path.
    pub repository_path: String,
    /// The tag with the highest risk.
    pub riskiest_tag: Option<String>,
    /// Whether that tag was scanned.
    pub scanned: bool,
    /// How many clusters run it.
    pub clusters: u64,
    /// How many workloads run it.
    pub workloads: u64,
    /// The riskiest tag's vulnerabilities by severity.
    pub vulnerabilities: SeverityCounts,
}

/// The scan status of a listing's images, with the counts behind it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformScan {
    /// The status.
    pub status: ScanStatus,
    /// Images listed.
    pub running: u64,
    /// Of those, scanned.
    pub scanned: u64,
}

impl Default for PlatformScan {
    fn default() -> Self {
        PlatformScan {
            status: ScanStatus::NoRunningImages,
            running: 0,
            scanned: 0,
        }
    }
}

/// The live images of a listing.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PlatformImages {
    /// The images of this page.
    pub images: Vec<PlatformImage>,
    /// How many images the platform has in all.
    pub total_count: u64,
    /// The scan status of the listed images. Over one page of a longer
    /// listing it is the page's status, and a warning says so.
    pub scan: PlatformScan,
    /// What was assumed, and why.
    pub warnings: Vec<IngestWarning>,
}

impl PlatformImages {
    /// The scan status of the listed images and the counts behind it
    /// (`running`, `scanned`).
    pub fn scan_status(&self) -> (ScanStatus, u64, u64) {
        (self.scan.status, self.scan.running, self.scan.scanned)
    }
}

fn warn(warnings: &mut Vec<IngestWarning>, code: WarningCode, at: String, message: String) {
    warnings.push(IngestWarning { code, at, message });
}

fn text(value: &Value, key: &str) -> Option<String> {
    value.get(key).and_then(Value::as_str).map(String::from)
}

fn count(value: &Value, key: &str) -> u64 {
    value.get(key).and_then(Value::as_u64).unwrap_or(0)
}

fn cluster(value: &Value, at: &str, warnings: &mut Vec<IngestWarning>) -> Option<Cluster> {
    let Some(name) = text(value, "name") else {
        warn(
            warnings,
            WarningCode::UnparsableEntry,
            at.into(),
            "a cluster without name".into(),
        );
        return None;
    };
    let controller = match value.get("controller_status").and_then(Value::as_str) {
        Some("running") => ControllerState::Running,
        Some("stopped") => ControllerState::Failed,
        None => ControllerState::NotInstalled,
        Some(other) => {
            warn(
                warnings,
                WarningCode::UnknownStatus,
                at.into(),
                format!(
                    "controller status `{}` counts as failed",
                    other.escape_debug()
                ),
            );
            ControllerState::Failed
        }
    };
    let mut nodes = Vec::new();
    match value.get("nodes").and_then(Value::as_array) {
        Some(list) => {
            for (i, node) in list.iter().enumerate() {
                let at = format!("{at}.nodes[{i}]");
                let Some(node_name) = text(node, "name").or_else(|| text(node, "hostname")) else {
                    warn(warnings, WarningCode::UnparsableEntry, at, "a node without name".into());
                    continue;
                };
                let installed = node.get("sensor_installed").and_then(Value::as_bool);
                let sensor = match (installed, node.get("status").and_then(Value::as_str)) {
                    (Some(false), _) => SensorState::NotInstalled,
                    (_, Some("running")) => SensorState::Running,
                    (_, Some("failed")) => SensorState::Failed,
                    (_, Some("failed_to_install")) => SensorState::FailedToInstall,
                    (_, Some("disabled")) => SensorState::Disabled,
                    (_, other) => {
                        warn(
                            warnings,
                            WarningCode::UnknownStatus,
                            at,
                            format!("node status {other:?} counts as failed"),
                        );
                        SensorState::Failed
                    }
                };
                nodes.push(Node {
                    name: node_name,
                    labels: Default::default(),
                    sensor,
                });
            }
        }
        None => warn(
            warnings,
            WarningCode::PartialListing,
            at.into(),
            format!(
                "cluster {name} lists {} nodes by count only: read the cluster's details for its sensors",
                count(value, "nodes_count")
            ),
        ),
    }
    Some(Cluster {
        name,
        controller,
        nodes,
    })
}

/// Reads the platform's cluster listing: the list (`{"clusters": [...]}`),
/// one cluster's details (`{"cluster": {...}}`), or a list of details.
///
/// ```
/// let listing = r#"{"cluster": {"id": 7, "name": "prod-eu", "controller_status": "running",
///   "controller_version": "1.4.2", "nodes_count": 2, "nodes": [
///     {"id": 1, "name": "node-1", "sensor_installed": true, "status": "running"},
///     {"id": 2, "name": "node-2", "sensor_installed": false, "status": "running"}]}}"#;
/// let read = kubesight::ingest::runtime_clusters(listing)?;
/// let nodes = &read.clusters[0].nodes;
/// assert_eq!(nodes[1].sensor, kubesight::runtime::SensorState::NotInstalled);
/// # Ok::<(), kubesight::ingest::IngestError>(())
/// ```
pub fn runtime_clusters(document: &str) -> Result<PlatformClusters, IngestError> {
    let value: Value = serde_json::from_str(document).map_err(|e| IngestError::json(&e))?;
    let entries: Vec<(String, &Value)> = if let Some(one) = value.get("cluster") {
        vec![("cluster".into(), one)]
    } else if let Some(list) = value.get("clusters").and_then(Value::as_array) {
        list.iter()
            .enumerate()
            .map(|(i, c)| (format!("clusters[{i}]"), c.get("cluster").unwrap_or(c)))
            .collect()
    } else if let Some(list) = value.as_array() {
        list.iter()
            .enumerate()
            .map(|(i, c)| (format!("[{i}]"), c.get("cluster").unwrap_or(c)))
            .collect()
    } else {
        return Err(IngestError::UnrecognizedDocument {
            format: "runtime cluster listing",
            reason: "neither `cluster`, nor `clusters`, nor a list".into(),
        });
    };
    let mut read = PlatformClusters::default();
    for (at, entry) in entries {
        if let Some(c) = cluster(entry, &at, &mut read.warnings) {
            read.clusters.push(c);
        }
    }
    Ok(read)
}

/// Reads the platform's live images listing (`{"images": [...],
/// "totalCount": N}`).
///
/// ```
/// let listing = r#"{"totalCount": 2, "images": [
///   {"name": "api", "registry": "registry.acme.io", "repositoryPath": "shop/api", "riskiestTag": "1.14.2",
///    "clustersCount": 1, "workloadsCount": 2, "riskiestTagVulns": {"isScannedByXray": true,
///    "critical": 1, "high": 4, "medium": 9, "low": 2, "unknown": 0, "total": 16, "imageTag": "1.14.2"}},
///   {"name": "search", "registry": "registry.acme.io", "repositoryPath": "shop/search",
///    "riskiestTagVulns": {"isScannedByXray": false}}]}"#;
/// let read = kubesight::ingest::runtime_images(listing)?;
/// let (status, running, scanned) = read.scan_status();
/// assert_eq!((status.code(), running, scanned), ("partial", 2, 1));
/// # Ok::<(), kubesight::ingest::IngestError>(())
/// ```
pub fn runtime_images(document: &str) -> Result<PlatformImages, IngestError> {
    let value: Value = serde_json::from_str(document).map_err(|e| IngestError::json(&e))?;
    let Some(list) = value.get("images").and_then(Value::as_array) else {
        return Err(IngestError::UnrecognizedDocument {
            format: "runtime images listing",
            reason: "no `images` list".into(),
        });
    };
    let mut read = PlatformImages::default();
    for (i, image) in list.iter().enumerate() {
        let Some(name) = text(image, "name") else {
            warn(
                &mut read.warnings,
                WarningCode::UnparsableEntry,
                format!("images[{i}]"),
                "an image without name".into(),
            );
            continue;
        };
        let vulns = image.get("riskiestTagVulns").unwrap_or(&Value::Null);
        read.images.push(PlatformImage {
            name,
            registry: text(image, "registry").unwrap_or_default(),
            repository_path: text(image, "repositoryPath").unwrap_or_default(),
            riskiest_tag: text(image, "riskiestTag").filter(|t| !t.is_empty()),
            scanned: vulns
                .get("isScannedByXray")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            clusters: count(image, "clustersCount"),
            workloads: count(image, "workloadsCount"),
            vulnerabilities: SeverityCounts {
                critical: count(vulns, "critical"),
                high: count(vulns, "high"),
                medium: count(vulns, "medium"),
                low: count(vulns, "low"),
                unknown: count(vulns, "unknown"),
            },
        });
    }
    let running = read.images.len() as u64;
    let scanned = read.images.iter().filter(|i| i.scanned).count() as u64;
    read.scan = PlatformScan {
        status: ScanStatus::of_counts(running, scanned),
        running,
        scanned,
    };
    read.total_count = value
        .get("totalCount")
        .and_then(Value::as_u64)
        .unwrap_or(read.images.len() as u64);
    if read.total_count > read.images.len() as u64 {
        warn(
            &mut read.warnings,
            WarningCode::PartialListing,
            "images".into(),
            format!(
                "this page lists {} of {} images: the scan status covers this page only",
                read.images.len(),
                read.total_count
            ),
        );
    }
    Ok(read)
}
