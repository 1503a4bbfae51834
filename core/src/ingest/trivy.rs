//! Trivy JSON: the current report (`SchemaVersion` 2), the older list of
//! results, and the Kubernetes report (`ClusterName` with `Resources`,
//! `Findings` or the older `Vulnerabilities`; read in
//! [`trivy_k8s`](super::trivy_k8s), whose rules say how results map to
//! images).
//!
//! Rules:
//! - Identity: the repository digests (`Metadata.RepoDigests`, which may be
//!   `[""]`), then the configuration digest (`Metadata.ImageID`). The older
//!   list names no digest: a `no_image_digest` warning says so.
//! - Severity: `Severity`, as Trivy chose it from `SeveritySource` (kept as
//!   the severity's source); an unknown word is Unknown with a warning.
//! - Fix: `Status` `fixed` is a fix only with a `FixedVersion`;
//!   `affected` and `fix_deferred` are not fixed; `will_not_fix` and
//!   `end_of_life` will not be fixed; `unknown`, `under_investigation` and
//!   an empty status are unknown. Without a `Status` (older Trivy), a
//!   `FixedVersion` means fixed and its absence unknown. `FixedVersion` may
//!   list several versions, comma-separated.
//! - `not_affected` (a vendor statement) and findings a VEX document moved
//!   to `ExperimentalModifiedFindings` are not occurrences; they are counted
//!   in [`ImageReport::suppressed`].
//! - `null` lists are empty: Trivy before 0.20 wrote `"Vulnerabilities":
//!   null` for a target without findings (later ones leave empty lists
//!   out).

use serde::Deserialize;
use serde_json::value::RawValue;

use super::null::{or_default, present};
use super::{trivy_k8s, ImageReport, IngestError, Ingested, WarningCode};
use crate::finding::{Fix, FixState, Occurrence, Package};
use crate::Digest;

const FORMAT: &str = "Trivy";

#[derive(Deserialize)]
struct Report<'a> {
    #[serde(rename = "ArtifactName")]
    artifact_name: Option<String>,
    #[serde(rename = "Metadata", default, deserialize_with = "or_default")]
    metadata: Metadata,
    #[serde(rename = "Results", borrow, default, deserialize_with = "present")]
    results: Option<Vec<&'a RawValue>>,
    #[serde(rename = "ClusterName")]
    cluster_name: Option<String>,
    #[serde(rename = "Resources", borrow, default, deserialize_with = "or_default")]
    resources: Vec<&'a RawValue>,
    #[serde(rename = "Findings", borrow, default, deserialize_with = "or_default")]
    findings: Vec<&'a RawValue>,
    #[serde(
        rename = "Vulnerabilities",
        borrow,
        default,
        deserialize_with = "or_default"
    )]
    vulnerable_resources: Vec<&'a RawValue>,
}

/// What names an image in a report: `Metadata`.
#[derive(Deserialize, Default)]
pub(super) struct Metadata {
    #[serde(rename = "ImageID")]
    pub(super) image_id: Option<String>,
    #[serde(rename = "RepoDigests", default, deserialize_with = "or_default")]
    pub(super) repo_digests: Vec<String>,
    #[serde(rename = "RepoTags", default, deserialize_with = "or_default")]
    pub(super) repo_tags: Vec<String>,
    #[serde(rename = "Reference")]
    pub(super) reference: Option<String>,
}

#[derive(Deserialize)]
struct Result<'a> {
    #[serde(rename = "Target")]
    target: Option<String>,
    #[serde(rename = "Type")]
    kind: Option<String>,
    #[serde(
        rename = "Vulnerabilities",
        borrow,
        default,
        deserialize_with = "or_default"
    )]
    vulnerabilities: Vec<&'a RawValue>,
    #[serde(
        rename = "ExperimentalModifiedFindings",
        borrow,
        default,
        deserialize_with = "or_default"
    )]
    modified: Vec<&'a RawValue>,
}

#[derive(Deserialize)]
struct Vulnerability {
    #[serde(rename = "VulnerabilityID")]
    id: String,
    #[serde(rename = "PkgName", default)]
    package: String,
    #[serde(rename = "InstalledVersion", default)]
    version: String,
    #[serde(rename = "PkgIdentifier")]
    identifier: Option<Identifier>,
    #[serde(rename = "FixedVersion")]
    fixed_version: Option<String>,
    #[serde(rename = "Status")]
    status: Option<String>,
    #[serde(rename = "Severity")]
    severity: Option<String>,
    #[serde(rename = "SeveritySource")]
    severity_source: Option<String>,
}

#[derive(Deserialize)]
struct Identifier {
    #[serde(rename = "PURL")]
    purl: Option<String>,
}

/// Reads a Trivy JSON document (any of its shapes).
///
/// ```
/// let report = r#"{"SchemaVersion": 2, "ArtifactName": "alpine:3.9",
///   "Metadata": {"ImageID": "sha256:055936d3920576da37aa9bc460d70c5f212028bda1c08c0879aedf03d7a66ea1"},
///   "Results": [{"Target": "alpine:3.9 (alpine 3.9.4)", "Type": "alpine", "Vulnerabilities": [
///     {"VulnerabilityID": "CVE-2019-1549", "PkgName": "libssl1.1", "InstalledVersion": "1.1.1b-r1",
///      "FixedVersion": "1.1.1d-r0", "Status": "fixed", "Severity": "MEDIUM"}]}]}"#;
/// let ingested = kubesight::ingest::trivy(report)?;
/// let occurrence = ingested.occurrences().next().unwrap();
/// assert!(occurrence.fix.is_available());
/// assert_eq!(occurrence.image.len(), 1);
/// # Ok::<(), kubesight::ingest::IngestError>(())
/// ```
pub fn trivy(text: &str) -> std::result::Result<Ingested, IngestError> {
    let mut ingested = Ingested::default();
    if text.trim_start().starts_with('[') {
        let results: Vec<&RawValue> =
            serde_json::from_str(text).map_err(|e| IngestError::json(&e))?;
        let mut report = empty_report(None, Vec::new());
        read_results(at_paths(&results, ""), &mut report, &mut ingested);
        no_digest_warning(&report, "", &mut ingested);
        ingested.reports.push(report);
        return Ok(ingested);
    }
    let document: Report<'_> = serde_json::from_str(text).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => IngestError::UnrecognizedDocument {
            format: FORMAT,
            reason: e.to_string(),
        },
        _ => IngestError::json(&e),
    })?;
    if let Some(results) = &document.results {
        let digests = digests(&document.metadata, "Metadata", &mut ingested);
        let mut report = empty_report(document.artifact_name.clone(), digests);
        read_results(at_paths(results, ""), &mut report, &mut ingested);
        no_digest_warning(&report, "Metadata", &mut ingested);
        ingested.reports.push(report);
        return Ok(ingested);
    }
    if let Some(cluster) = &document.cluster_name {
        let lists = [
            ("Resources", &document.resources),
            ("Findings", &document.findings),
            ("Vulnerabilities", &document.vulnerable_resources),
        ];
        for (key, resources) in lists {
            trivy_k8s::read(cluster, key, resources, &mut ingested);
        }
        return Ok(ingested);
    }
    Err(IngestError::UnrecognizedDocument {
        format: FORMAT,
        reason: "neither `Results`, nor `ClusterName`, nor a list of results".into(),
    })
}

pub(super) fn empty_report(artifact: Option<String>, digests: Vec<Digest>) -> ImageReport {
    ImageReport {
        artifact,
        digests,
        workload: None,
        occurrences: Vec::new(),
        suppressed: 0,
    }
}

pub(super) fn no_digest_warning(report: &ImageReport, at: &str, ingested: &mut Ingested) {
    if report.digests.is_empty() {
        ingested.no_digest(at, report.artifact.as_deref());
    }
}

/// `docker.io/redis:6.0.5 (debian 10.4)` names the image `docker.io/redis:6.0.5`.
pub(super) fn image_of_target(target: &str) -> Option<&str> {
    match target.rfind(" (") {
        Some(at) if target.ends_with(')') => target.get(..at),
        _ => None,
    }
}

/// Each of `results` with its path, `Results[i]` under `at`.
pub(super) fn at_paths<'a>(results: &[&'a RawValue], at: &str) -> Vec<(String, &'a RawValue)> {
    let dot = if at.is_empty() { "" } else { "." };
    results
        .iter()
        .enumerate()
        .map(|(i, raw)| (format!("{at}{dot}Results[{i}]"), *raw))
        .collect()
}

/// The digests `metadata` names: repository digests, then the
/// configuration digest.
pub(super) fn digests(metadata: &Metadata, at: &str, ingested: &mut Ingested) -> Vec<Digest> {
    let mut digests = Vec::new();
    let repo = metadata
        .repo_digests
        .iter()
        .filter(|d| !d.is_empty())
        .map(|d| d.rsplit_once('@').map_or(d.as_str(), |(_, digest)| digest));
    for text in repo.chain(metadata.image_id.as_deref().filter(|i| !i.is_empty())) {
        ingested.add_digest(&mut digests, text, at);
    }
    digests
}

/// Reads `results` (each with its path) into `report`.
pub(super) fn read_results(
    results: Vec<(String, &RawValue)>,
    report: &mut ImageReport,
    ingested: &mut Ingested,
) {
    for (at, raw) in results {
        let result: Result<'_> = match serde_json::from_str(raw.get()) {
            Ok(r) => r,
            Err(e) => {
                ingested.warn(WarningCode::UnparsableEntry, at, e.to_string());
                continue;
            }
        };
        if report.artifact.is_none() {
            report.artifact.clone_from(&result.target);
        }
        report.suppressed += result.modified.len() as u64;
        for (j, raw) in result.vulnerabilities.iter().enumerate() {
            let at = format!("{at}.Vulnerabilities[{j}]");
            let v: Vulnerability = match serde_json::from_str(raw.get()) {
                Ok(v) => v,
                Err(e) => {
                    ingested.warn(WarningCode::UnparsableEntry, at, e.to_string());
                    continue;
                }
            };
            let Some(fix) = fix(&v, &at, ingested) else {
                report.suppressed += 1;
                continue;
            };
            let severity = ingested.severity(v.severity.as_deref(), || at.clone());
            report.occurrences.push(Occurrence {
                image: report.digests.clone(),
                vulnerability: v.id,
                aliases: Vec::new(),
                package: Package {
                    name: v.package,
                    version: v.version,
                    ecosystem: result.kind.clone(),
                    purl: v.identifier.and_then(|i| i.purl),
                },
                severity,
                severity_source: v.severity_source,
                applicability: Default::default(),
                fix,
                runtime: Default::default(),
                malicious: false,
            });
        }
    }
}

/// The fix of a finding, or `None` when a vendor says it is not affected.
fn fix(v: &Vulnerability, at: &str, ingested: &mut Ingested) -> Option<Fix> {
    let versions: Vec<String> = v
        .fixed_version
        .iter()
        .flat_map(|f| f.split(','))
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .map(String::from)
        .collect();
    let state = match v.status.as_deref() {
        None if versions.is_empty() => FixState::Unknown,
        None => FixState::Fixed,
        Some("fixed") => FixState::Fixed,
        Some("affected" | "fix_deferred") => FixState::NotFixed,
        Some("will_not_fix" | "end_of_life") => FixState::WontFix,
        Some("unknown" | "under_investigation" | "") => FixState::Unknown,
        Some("not_affected") => return None,
        Some(other) => {
            ingested.warn(
                WarningCode::UnknownFixStatus,
                at,
                format!("status `{}` counts as unknown", other.escape_debug()),
            );
            FixState::Unknown
        }
    };
    Some(Fix { state, versions })
}
