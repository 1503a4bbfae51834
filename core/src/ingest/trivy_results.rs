//! What every Trivy shape shares: the results of one image (`Target`s
//! with their `Vulnerabilities`), its `Metadata`, and the reading of a
//! finding's severity and fix (the rules are [`trivy`](super::trivy)'s).

use serde::Deserialize;
use serde_json::value::RawValue;

use super::null::or_default;
use super::{ImageReport, Ingested, WarningCode};
use crate::finding::{CvssScore, Fix, FixState, Occurrence, Package};
use crate::Digest;

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
    #[serde(rename = "CVSS", default)]
    cvss: Option<std::collections::BTreeMap<String, TrivyCvss>>,
}

/// One source's scores (`"CVSS": {"nvd": {"V3Score": 9.8, ...}}`).
#[derive(Deserialize)]
struct TrivyCvss {
    #[serde(rename = "V2Score")]
    v2_score: Option<f64>,
    #[serde(rename = "V2Vector")]
    v2_vector: Option<String>,
    #[serde(rename = "V3Score")]
    v3_score: Option<f64>,
    #[serde(rename = "V3Vector")]
    v3_vector: Option<String>,
    #[serde(rename = "V40Score")]
    v40_score: Option<f64>,
    #[serde(rename = "V40Vector")]
    v40_vector: Option<String>,
}

/// Trivy's scores per source, newest CVSS version first.
fn scores(cvss: Option<std::collections::BTreeMap<String, TrivyCvss>>) -> Vec<CvssScore> {
    let mut out = Vec::new();
    for (source, c) in cvss.into_iter().flatten() {
        for (score, vector, fallback) in [
            (c.v40_score, c.v40_vector, "4.0"),
            (c.v3_score, c.v3_vector, "3"),
            (c.v2_score, c.v2_vector, "2.0"),
        ] {
            let Some(score) = score else { continue };
            // A v3 vector names its minor version (`CVSS:3.1/...`).
            let version = vector
                .as_deref()
                .and_then(|v| v.strip_prefix("CVSS:"))
                .and_then(|v| v.split('/').next())
                .unwrap_or(fallback)
                .to_owned();
            out.extend(CvssScore::new(
                score,
                Some(source.clone()),
                Some(version),
                vector,
            ));
        }
    }
    out
}

#[derive(Deserialize)]
struct Identifier {
    #[serde(rename = "PURL")]
    purl: Option<String>,
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
                cvss: scores(v.cvss),
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
