//! The image tags listing (`POST /runtime/api/v1/images/tags`): per tag
//! the image, its runtime status, whether it was scanned, the platform's
//! risk badges, its vulnerabilities with their contextual-analysis
//! verdicts, its malicious packages and the workloads that run it.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;
use sha2::{Digest as _, Sha256};

use super::fields::digest;
use super::findings::{
    findings_of, given, MaliciousDoc, PlatformMalicious, PlatformVulnerability, VulnerabilityDoc,
};
use super::pages::{self, ListingPages};
use super::risk::{compare_risks, risks, supported, Risk};
use crate::finding::{Occurrence, RunningImage};
use crate::ingest::null::or_default;
use crate::ingest::{ImageReport, IngestError, IngestWarning, WarningCode};
use crate::Digest;

/// Whether an image tag or workload runs, as the platform says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RuntimeStatus {
    /// Running.
    Running,
    /// Stopped: not a running image.
    Stopped,
    /// The platform does not know; read as running, so that nothing it
    /// shows is left out.
    #[default]
    Unknown,
}

impl RuntimeStatus {
    /// The stable machine code.
    pub const fn code(self) -> &'static str {
        match self {
            RuntimeStatus::Running => "running",
            RuntimeStatus::Stopped => "stopped",
            RuntimeStatus::Unknown => "unknown",
        }
    }

    pub(crate) fn read(word: Option<&str>, at: &str, warnings: &mut Vec<IngestWarning>) -> Self {
        match word {
            Some("running") => RuntimeStatus::Running,
            Some("stopped") => RuntimeStatus::Stopped,
            None | Some("" | "unknown") => RuntimeStatus::Unknown,
            Some(other) => {
                warnings.push(IngestWarning {
                    code: WarningCode::UnknownStatus,
                    at: format!("{at}.runtime_status"),
                    message: format!(
                        "runtime status `{}` counts as unknown",
                        other.escape_debug()
                    ),
                });
                RuntimeStatus::Unknown
            }
        }
    }
}

/// Where a workload runs, as a listing names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct WorkloadLocation {
    /// The cluster.
    pub cluster: String,
    /// The namespace.
    pub namespace: String,
    /// The workload's name.
    pub name: String,
}

/// One image tag as the platform lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PlatformImageTag {
    /// The image name.
    pub name: String,
    /// The tag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// The registry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registry: Option<String>,
    /// The path in the registry (as expected in Artifactory).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repository_path: Option<String>,
    /// The architecture (`amd64`, `arm64`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub architecture: Option<String>,
    /// The image digest, when the listing gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_digest: Option<Digest>,
    /// The digests its findings and running image carry: the image digest,
    /// or without one a stand-in (see [`stand_in_digest`]).
    pub digests: Vec<Digest>,
    /// Whether it runs.
    pub runtime_status: RuntimeStatus,
    /// Whether it was scanned for vulnerabilities (`scan_info.sca`).
    pub scanned: bool,
    /// The platform's risk badges.
    pub risks: Vec<Risk>,
    /// Its vulnerabilities.
    pub vulnerabilities: Vec<PlatformVulnerability>,
    /// Its malicious packages.
    pub malicious_packages: Vec<PlatformMalicious>,
    /// The workloads that run it.
    pub workloads: Vec<WorkloadLocation>,
}

impl PlatformImageTag {
    /// The tag as one reference-like text: `registry/path:tag (arch)`.
    pub fn display(&self) -> String {
        let mut s = match (&self.registry, &self.repository_path) {
            (Some(r), Some(p)) => format!("{r}/{p}"),
            (None, Some(p)) => p.clone(),
            (Some(r), None) => format!("{r}/{}", self.name),
            (None, None) => self.name.clone(),
        };
        if let Some(tag) = &self.tag {
            s.push(':');
            s.push_str(tag);
        }
        if let Some(arch) = &self.architecture {
            s.push_str(&format!(" ({arch})"));
        }
        s
    }

    /// The risks the tag's own findings support: `malicious` for a
    /// malicious package, `critical_applicable_cves` for a Critical
    /// vulnerability contextual analysis found applicable. The other two
    /// badges need facts the listing does not hold (the registry's answer).
    pub fn derived_risks(&self) -> Vec<Risk> {
        supported(&self.vulnerabilities, &self.malicious_packages)
    }

    /// Its occurrences: vulnerabilities, then malicious packages.
    pub fn occurrences(&self) -> Vec<Occurrence> {
        let mut out: Vec<Occurrence> = self
            .vulnerabilities
            .iter()
            .flat_map(|v| v.occurrences(&self.digests))
            .collect();
        out.extend(
            self.malicious_packages
                .iter()
                .flat_map(|m| m.occurrences(&self.digests)),
        );
        out
    }
}

/// The stand-in digest of an image tag the listing gives no
/// `image_digest`: SHA-256 of `kubesight platform image tag`, then the
/// registry, repository path, name, tag and architecture, each on a line.
/// It ties the tag's findings to the tag's running image within the
/// platform's own listings; it matches no scanner report.
pub fn stand_in_digest(
    registry: Option<&str>,
    repository_path: Option<&str>,
    name: &str,
    tag: Option<&str>,
    architecture: Option<&str>,
) -> Digest {
    let mut hash = Sha256::new();
    hash.update(b"kubesight platform image tag\n");
    for part in [registry, repository_path, Some(name), tag, architecture] {
        hash.update(part.unwrap_or_default().as_bytes());
        hash.update(b"\n");
    }
    Digest::of_sha256(&hash.finalize().into())
}

/// The image tags of a listing, and the finding model they give.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PlatformImageTags {
    /// The tags, in the listing's order.
    pub tags: Vec<PlatformImageTag>,
    /// Per tag, its findings as a report (artifact: the tag as text).
    pub reports: Vec<ImageReport>,
    /// The tags that run (running or unknown), as running images: scanned
    /// as `scan_info` says, monitored once a workload listing says so
    /// ([`PlatformImageTags::apply_workloads`]).
    pub running_images: Vec<RunningImage>,
    /// What the pages say of the listing as a whole.
    pub listing: ListingPages,
    /// The runtime evidence a workloads listing gave, once applied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<PlatformEvidence>,
    /// What was assumed, and why.
    pub warnings: Vec<IngestWarning>,
}

impl PlatformImageTags {
    /// Every occurrence of every tag.
    pub fn occurrences(&self) -> impl Iterator<Item = &Occurrence> {
        self.reports.iter().flat_map(|r| &r.occurrences)
    }
}

/// An `imageTagsObj` as written.
#[derive(Deserialize)]
struct TagDoc<'a> {
    #[serde(borrow, default)]
    name: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    tag: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    registry: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    repository_path: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    architecture: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    image_digest: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    runtime_status: Option<Cow<'a, str>>,
    #[serde(default)]
    scan_info: Option<ScanInfo>,
    #[serde(default, deserialize_with = "or_default")]
    risks: Vec<Value>,
    #[serde(borrow, default, deserialize_with = "or_default")]
    vulnerabilities: Vec<VulnerabilityDoc<'a>>,
    #[serde(borrow, default, deserialize_with = "or_default")]
    malicious_packages: Vec<MaliciousDoc<'a>>,
    #[serde(borrow, default, deserialize_with = "or_default")]
    workloads: Vec<LocationDoc<'a>>,
}

#[derive(Deserialize)]
struct ScanInfo {
    #[serde(default)]
    sca: Option<bool>,
}

/// A `workloadObj` of an image tag as written.
#[derive(Deserialize)]
struct LocationDoc<'a> {
    #[serde(borrow, default)]
    cluster: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    namespace: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    name: Option<Cow<'a, str>>,
}

/// The identity that tells a tag listed twice: its reference, architecture
/// and digest.
fn identity(tag: &PlatformImageTag) -> Option<String> {
    Some(format!(
        "image tag {}{}",
        tag.display(),
        tag.image_digest
            .as_ref()
            .map(|d| format!(" {d}"))
            .unwrap_or_default()
    ))
}

fn image_tag(
    raw: &RawValue,
    at: &str,
    warnings: &mut Vec<IngestWarning>,
) -> Option<PlatformImageTag> {
    let doc: TagDoc<'_> = match serde_json::from_str(raw.get()) {
        Ok(doc) => doc,
        Err(e) => {
            warnings.push(IngestWarning {
                code: WarningCode::UnparsableEntry,
                at: at.to_owned(),
                message: format!("the image tag cannot be read: {e}"),
            });
            return None;
        }
    };
    let Some(name) = given(&doc.name) else {
        warnings.push(IngestWarning {
            code: WarningCode::UnparsableEntry,
            at: at.to_owned(),
            message: "an image tag without name".into(),
        });
        return None;
    };
    let image_digest = digest(given(&doc.image_digest), "image_digest", at, warnings);
    let (vulnerabilities, malicious_packages) =
        findings_of(&doc.vulnerabilities, &doc.malicious_packages, at, warnings);
    let mut workloads = Vec::with_capacity(doc.workloads.len());
    for (i, w) in doc.workloads.iter().enumerate() {
        match (given(&w.cluster), given(&w.namespace), given(&w.name)) {
            (Some(cluster), Some(namespace), Some(name)) => workloads.push(WorkloadLocation {
                cluster,
                namespace,
                name,
            }),
            _ => warnings.push(IngestWarning {
                code: WarningCode::UnparsableEntry,
                at: format!("{at}.workloads[{i}]"),
                message: "a workload without cluster, namespace or name".into(),
            }),
        }
    }
    let scanned = doc.scan_info.and_then(|s| s.sca).unwrap_or(false);
    let registry = given(&doc.registry);
    let repository_path = given(&doc.repository_path);
    let tag = given(&doc.tag);
    let architecture = given(&doc.architecture);
    let mut read = PlatformImageTag {
        digests: Vec::new(),
        runtime_status: RuntimeStatus::read(doc.runtime_status.as_deref(), at, warnings),
        scanned,
        risks: risks(&doc.risks, at, warnings),
        vulnerabilities,
        malicious_packages,
        workloads,
        name,
        tag,
        registry,
        repository_path,
        architecture,
        image_digest,
    };
    read.digests = match &read.image_digest {
        Some(d) => vec![d.clone()],
        None => {
            warnings.push(IngestWarning {
                code: WarningCode::NoImageDigest,
                at: at.to_owned(),
                message: format!(
                    "image tag {} names no `image_digest`: a stand-in digest ties its findings to it within the platform's listings only",
                    read.display()
                ),
            });
            vec![stand_in_digest(
                read.registry.as_deref(),
                read.repository_path.as_deref(),
                &read.name,
                read.tag.as_deref(),
                read.architecture.as_deref(),
            )]
        }
    };
    if !read.scanned && !read.vulnerabilities.is_empty() {
        warnings.push(IngestWarning {
            code: WarningCode::InconsistentListing,
            at: format!("{at}.scan_info"),
            message: format!(
                "image tag {} lists vulnerabilities, yet `scan_info.sca` is not true: it counts as scanned",
                read.display()
            ),
        });
        read.scanned = true;
    }
    compare_risks(
        &read.display(),
        &read.risks,
        &read.derived_risks(),
        at,
        warnings,
    );
    Some(read)
}

/// Reads the pages of the image tags listing (the documented
/// `image_tags`, or `images_tags` as its field table spells it), merging
/// them: a tag listed on two pages is read once (`duplicate_entry`), and a
/// total that differs from what was read is a warning. One page is a list
/// of one.
///
/// ```
/// let page = r#"{"image_tags": [{"name": "webgoat", "registry": "jfrog.com",
///   "repository_path": "docker-local/webgoat", "tag": "latest", "architecture": "amd64",
///   "runtime_status": "running", "scan_info": {"sca": true}, "risks": ["critical_applicable_cves"],
///   "image_digest": "sha256:3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f",
///   "vulnerabilities": [{"cve_id": "CVE-2013-7285", "xray_id": "XRAY-60282", "severity": "Critical",
///     "cvss_v3": "9.8", "applicability": "applicable", "components": [{"id":
///     "gav://com.thoughtworks.xstream:xstream:1.4.5", "name": "com.thoughtworks.xstream:xstream",
///     "version": "1.4.5"}]}],
///   "workloads": [{"cluster": "prod", "namespace": "shop", "name": "webgoat"}]}],
///   "pagination": {"limit": 10}, "total_count": 1}"#;
/// let read = kubesight::ingest::runtime_image_tags(&[page])?;
/// let occurrence = read.occurrences().next().unwrap();
/// assert_eq!(occurrence.aliases, ["XRAY-60282"]);
/// assert_eq!(occurrence.package.purl.as_deref(),
///            Some("pkg:maven/com.thoughtworks.xstream/xstream@1.4.5"));
/// assert!(read.running_images[0].scanned);
/// assert!(read.warnings.is_empty());
/// # Ok::<(), kubesight::ingest::IngestError>(())
/// ```
pub fn runtime_image_tags(pages: &[&str]) -> Result<PlatformImageTags, IngestError> {
    const KEYS: [&str; 2] = ["image_tags", "images_tags"];
    let pages = pages::parse(pages, "runtime image tags listing", &KEYS)?;
    let mut read = PlatformImageTags::default();
    let (tags, listing) = pages::entries(
        &pages,
        &KEYS,
        "image tags",
        image_tag,
        identity,
        &mut read.warnings,
    );
    read.listing = listing;
    for tag in tags {
        read.reports.push(ImageReport {
            artifact: Some(tag.display()),
            digests: tag.digests.clone(),
            workload: None,
            occurrences: tag.occurrences(),
            suppressed: 0,
        });
        if tag.runtime_status != RuntimeStatus::Stopped {
            read.running_images.push(RunningImage {
                digests: tag.digests.clone(),
                scanned: tag.scanned,
                monitored: false,
                deployments: Vec::new(),
            });
        }
        read.tags.push(tag);
    }
    Ok(read)
}

/// What the workloads listing told of the image tags' findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PlatformEvidence {
    /// Occurrences a running process holds: loaded.
    pub loaded: u64,
    /// Occurrences of watched images that no running process holds: not
    /// observed.
    pub not_observed: u64,
    /// Occurrences of images no sensor watches: no evidence either way.
    pub unavailable: u64,
    /// Running images watched by a sensor on a node they run on.
    pub monitored_images: u64,
    /// Processes tied to no image tag (no digest in common, and a workload
    /// that runs several tags or none).
    pub unmatched_processes: u64,
}
