//! JFrog CLI `simple-json` output (`jf scan` / `jf docker scan` / `jf
//! audit --format simple-json`).
//!
//! Rules:
//! - One occurrence per (vulnerability, package, version): the format
//!   repeats a row per direct dependency that pulls the package in.
//! - Id: the first CVE; further CVEs and the Xray issue id are aliases; an
//!   issue without CVE is its Xray id.
//! - `applicable`: Applicable, Not Applicable, Undetermined, Not Covered;
//!   Missing Context is undetermined; empty or absent, not scanned.
//! - `fixedVersions`: Xray's version ranges (`[4.17.5]`, `[1.2,)`); their
//!   bounds are the fix versions; null or empty means not fixed.
//! - Identity: a docker scan names the image by its tar, `sha256__<hex>.tar`:
//!   that is its configuration digest. Audits name none.
//! - `null` lists are empty: the CLI writes every empty list of the format
//!   as `null` (`"vulnerabilities": null` for a clean scan, a row's
//!   `"components": null`, `"cves": null`, `"fixedVersions": null`).

use std::collections::HashSet;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::null::{or_default, present};
use super::{ImageReport, IngestError, Ingested, WarningCode};
use crate::finding::{Applicability, Fix, FixState, Occurrence, Package};
use crate::Digest;

const FORMAT: &str = "JFrog simple-json";

#[derive(Deserialize)]
struct Document<'a> {
    #[serde(borrow, default, deserialize_with = "present")]
    vulnerabilities: Option<Vec<&'a RawValue>>,
}

#[derive(Deserialize)]
struct Row {
    severity: Option<String>,
    #[serde(rename = "impactedPackageName", default)]
    package: String,
    #[serde(rename = "impactedPackageVersion", default)]
    version: String,
    #[serde(rename = "impactedPackageType")]
    kind: Option<String>,
    #[serde(default, deserialize_with = "or_default")]
    components: Vec<Component>,
    applicable: Option<String>,
    #[serde(rename = "fixedVersions")]
    fixed_versions: Option<Vec<String>>,
    #[serde(default)]
    cves: Option<Vec<Cve>>,
    #[serde(rename = "issueId")]
    issue_id: Option<String>,
}

#[derive(Deserialize)]
struct Component {
    #[serde(default)]
    name: String,
}

#[derive(Deserialize)]
struct Cve {
    #[serde(default)]
    id: String,
}

/// Reads JFrog CLI simple-json output.
///
/// ```
/// let report = r#"{"vulnerabilities": [{"severity": "Critical",
///   "impactedPackageName": "openssl", "impactedPackageVersion": "3.0.13", "impactedPackageType": "deb",
///   "applicable": "Applicable", "fixedVersions": ["[3.0.14]"],
///   "cves": [{"id": "CVE-2024-6119"}], "issueId": "XRAY-632747"}]}"#;
/// let ingested = kubesight::ingest::jfrog_simple_json(report)?;
/// let occurrence = ingested.occurrences().next().unwrap();
/// assert_eq!(occurrence.applicability, kubesight::finding::Applicability::Applicable);
/// assert_eq!(occurrence.fix.versions, ["3.0.14"]);
/// # Ok::<(), kubesight::ingest::IngestError>(())
/// ```
pub fn jfrog_simple_json(text: &str) -> Result<Ingested, IngestError> {
    let document: Document<'_> = serde_json::from_str(text).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => IngestError::UnrecognizedDocument {
            format: FORMAT,
            reason: e.to_string(),
        },
        _ => IngestError::json(&e),
    })?;
    let rows = document
        .vulnerabilities
        .ok_or_else(|| IngestError::UnrecognizedDocument {
            format: FORMAT,
            reason: "no `vulnerabilities`".into(),
        })?;
    let mut ingested = Ingested::default();
    let mut report = ImageReport {
        artifact: None,
        digests: Vec::new(),
        workload: None,
        occurrences: Vec::new(),
        suppressed: 0,
    };
    let mut seen: HashSet<(String, String, String)> = HashSet::new();
    let mut parsed = Vec::new();
    for (i, raw) in rows.iter().enumerate() {
        match serde_json::from_str::<Row>(raw.get()) {
            Ok(row) => parsed.push((i, row)),
            Err(e) => ingested.warn(
                WarningCode::UnparsableEntry,
                format!("vulnerabilities[{i}]"),
                e.to_string(),
            ),
        }
    }
    for (_, row) in &parsed {
        for component in &row.components {
            if let Some(digest) = image_tar_digest(&component.name) {
                if !report.digests.contains(&digest) {
                    report.digests.push(digest);
                    report
                        .artifact
                        .get_or_insert_with(|| component.name.clone());
                }
            }
        }
    }
    if report.digests.is_empty() {
        ingested.no_digest("vulnerabilities", report.artifact.as_deref());
    }
    for (i, row) in parsed {
        let at = || format!("vulnerabilities[{i}]");
        let mut ids: Vec<String> = row
            .cves
            .iter()
            .flatten()
            .map(|c| c.id.clone())
            .filter(|c| !c.is_empty())
            .collect();
        ids.extend(row.issue_id.clone().filter(|i| !i.is_empty()));
        let Some((id, aliases)) = ids.split_first() else {
            ingested.warn(
                WarningCode::UnparsableEntry,
                at(),
                "the row names neither a CVE nor an issue".into(),
            );
            continue;
        };
        if !seen.insert((id.clone(), row.package.clone(), row.version.clone())) {
            continue;
        }
        let severity = ingested.severity(row.severity.as_deref(), at);
        let applicability = match row.applicable.as_deref().map(str::trim) {
            Some("Applicable") => Applicability::Applicable,
            Some("Not Applicable") => Applicability::NotApplicable,
            Some("Undetermined" | "Missing Context") => Applicability::Undetermined,
            Some("Not Covered") => Applicability::NotCovered,
            None | Some("") => Applicability::NotScanned,
            Some(other) => {
                ingested.warn(
                    WarningCode::UnparsableEntry,
                    at(),
                    format!(
                        "applicability `{}` counts as not scanned",
                        other.escape_debug()
                    ),
                );
                Applicability::NotScanned
            }
        };
        let ranges: Vec<String> = row.fixed_versions.clone().unwrap_or_default();
        let fix = fix_of_ranges(&ranges);
        report.occurrences.push(Occurrence {
            image: report.digests.clone(),
            vulnerability: id.clone(),
            aliases: aliases.to_vec(),
            package: Package {
                name: row.package,
                version: row.version,
                ecosystem: row.kind,
                purl: None,
            },
            severity,
            severity_source: None,
            cvss: Vec::new(),
            applicability,
            fix,
            runtime: Default::default(),
            malicious: false,
        });
    }
    ingested.reports.push(report);
    Ok(ingested)
}

/// The fix of Xray's fixed-version ranges (`[4.17.5]`, `[1.2,)`): their
/// bounds are the versions; none means not fixed.
pub(crate) fn fix_of_ranges(ranges: &[String]) -> Fix {
    let versions: Vec<String> = ranges
        .iter()
        .flat_map(|range| {
            range
                .trim()
                .trim_start_matches(['[', '('])
                .trim_end_matches([']', ')'])
                .split(',')
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
                .collect::<Vec<_>>()
        })
        .collect();
    let state = if versions.is_empty() {
        FixState::NotFixed
    } else {
        FixState::Fixed
    };
    Fix { state, versions }
}

/// The configuration digest an Xray docker scan names its image tar by
/// (`sha256__<hex>.tar`).
pub(crate) fn image_tar_digest(name: &str) -> Option<Digest> {
    let hex = name.strip_suffix(".tar")?.strip_prefix("sha256__")?;
    format!("sha256:{hex}").parse().ok()
}
