//! The live images listing (`{"images": [...], "totalCount": N}`): per
//! image its riskiest tag, whether that tag was scanned, and its
//! vulnerability counts, but no digest: enough for the scan status, not for
//! matching findings. The platform's public documentation does not describe
//! this listing; its shape is the one the platform's own tools read.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::ingest::{IngestError, IngestWarning, WarningCode};
use crate::runtime::ScanStatus;
use crate::SeverityCounts;

fn text(value: &Value, key: &str) -> Option<String> {
    value.get(key).and_then(Value::as_str).map(String::from)
}

fn count(value: &Value, key: &str) -> u64 {
    value.get(key).and_then(Value::as_u64).unwrap_or(0)
}

fn warn(warnings: &mut Vec<IngestWarning>, code: WarningCode, at: String, message: String) {
    warnings.push(IngestWarning { code, at, message });
}

/// One live image as the platform lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
