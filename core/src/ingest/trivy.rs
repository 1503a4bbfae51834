//! Trivy JSON: the current report (`SchemaVersion` 2), the older list of
//! results, and the Kubernetes report (`ClusterName` with per-workload
//! results).
//!
//! Rules:
//! - Identity: the repository digests (`Metadata.RepoDigests`, which may be
//!   `[""]`), then the configuration digest (`Metadata.ImageID`). The older
//!   list and the Kubernetes report name no digest: a `no_image_digest`
//!   warning says so.
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

use serde::Deserialize;
use serde_json::value::RawValue;

use super::{ImageReport, IngestError, Ingested, WarningCode, Workload};
use crate::finding::{Fix, FixState, Occurrence, Package};
use crate::Digest;

const FORMAT: &str = "Trivy";

#[derive(Deserialize)]
struct Report<'a> {
    #[serde(rename = "ArtifactName")]
    artifact_name: Option<String>,
    #[serde(rename = "Metadata", default)]
    metadata: Metadata,
    #[serde(rename = "Results", borrow)]
    results: Option<Vec<&'a RawValue>>,
    #[serde(rename = "ClusterName")]
    cluster_name: Option<String>,
    #[serde(rename = "Vulnerabilities", borrow)]
    resources: Option<Vec<&'a RawValue>>,
}

#[derive(Deserialize, Default)]
struct Metadata {
    #[serde(rename = "ImageID")]
    image_id: Option<String>,
    #[serde(rename = "RepoDigests", default)]
    repo_digests: Vec<String>,
}

#[derive(Deserialize)]
struct Resource<'a> {
    #[serde(rename = "Namespace", default)]
    namespace: String,
    #[serde(rename = "Kind", default)]
    kind: String,
    #[serde(rename = "Name", default)]
    name: String,
    #[serde(rename = "Results", borrow, default)]
    results: Vec<&'a RawValue>,
}

#[derive(Deserialize)]
struct Result<'a> {
    #[serde(rename = "Target")]
    target: Option<String>,
    #[serde(rename = "Type")]
    kind: Option<String>,
    #[serde(rename = "Vulnerabilities", borrow)]
    vulnerabilities: Option<Vec<&'a RawValue>>,
    #[serde(rename = "ExperimentalModifiedFindings", borrow)]
    modified: Option<Vec<&'a RawValue>>,
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

/// Reads a Trivy JSON document (any of its three shapes).
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
        read_results(&results, "", &mut report, &mut ingested);
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
        let digests = digests(&document.metadata, &mut ingested);
        let mut report = empty_report(document.artifact_name.clone(), digests);
        read_results(results, "", &mut report, &mut ingested);
        no_digest_warning(&report, "Metadata", &mut ingested);
        ingested.reports.push(report);
        return Ok(ingested);
    }
    if let (Some(cluster), Some(resources)) = (&document.cluster_name, &document.resources) {
        for (i, raw) in resources.iter().enumerate() {
            let at = format!("Vulnerabilities[{i}]");
            let resource: Resource<'_> = match serde_json::from_str(raw.get()) {
                Ok(r) => r,
                Err(e) => {
                    ingested.warn(WarningCode::UnparsableEntry, at, e.to_string());
                    continue;
                }
            };
            // One report per result: each is one container image.
            for (j, result) in resource.results.iter().enumerate() {
                let mut report = empty_report(None, Vec::new());
                report.workload = Some(Workload {
                    cluster: Some(cluster.clone()),
                    namespace: resource.namespace.clone(),
                    kind: resource.kind.clone(),
                    name: resource.name.clone(),
                });
                let at = format!("{at}.Results[{j}]");
                read_results(&[*result], &at, &mut report, &mut ingested);
                report.artifact = report.artifact.map(|a| image_of_target(&a));
                no_digest_warning(&report, &at, &mut ingested);
                ingested.reports.push(report);
            }
        }
        return Ok(ingested);
    }
    Err(IngestError::UnrecognizedDocument {
        format: FORMAT,
        reason:
            "neither `Results`, nor `ClusterName` with `Vulnerabilities`, nor a list of results"
                .into(),
    })
}

fn empty_report(artifact: Option<String>, digests: Vec<Digest>) -> ImageReport {
    ImageReport {
        artifact,
        digests,
        workload: None,
        occurrences: Vec::new(),
        suppressed: 0,
    }
}

fn no_digest_warning(report: &ImageReport, at: &str, ingested: &mut Ingested) {
    if report.digests.is_empty() {
        ingested.no_digest(at, report.artifact.as_deref());
    }
}

/// `docker.io/redis:6.0.5 (debian 10.4)` names the image `docker.io/redis:6.0.5`.
fn image_of_target(target: &str) -> String {
    match target.rfind(" (") {
        Some(at) if target.ends_with(')') => target.get(..at).unwrap_or(target).to_owned(),
        _ => target.to_owned(),
    }
}

fn digests(metadata: &Metadata, ingested: &mut Ingested) -> Vec<Digest> {
    let mut digests = Vec::new();
    let repo = metadata
        .repo_digests
        .iter()
        .filter(|d| !d.is_empty())
        .map(|d| d.rsplit_once('@').map_or(d.as_str(), |(_, digest)| digest));
    for text in repo.chain(metadata.image_id.as_deref()) {
        ingested.add_digest(&mut digests, text, "Metadata");
    }
    digests
}

fn read_results(
    results: &[&RawValue],
    at: &str,
    report: &mut ImageReport,
    ingested: &mut Ingested,
) {
    for (i, raw) in results.iter().enumerate() {
        let at = if at.is_empty() {
            format!("Results[{i}]")
        } else {
            at.to_owned()
        };
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
        report.suppressed += result.modified.as_ref().map_or(0, |m| m.len() as u64);
        for (j, raw) in result.vulnerabilities.iter().flatten().enumerate() {
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
