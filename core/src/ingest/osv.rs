//! osv-scanner JSON: one report per scanned source (a lockfile, a
//! directory, an image layer).
//!
//! Rules:
//! - Aliases: each vulnerability's `aliases`, and the ids of its `groups`
//!   entry (osv-scanner's own alias groups).
//! - `MAL-` ids are malicious-package findings, counted in the highlights,
//!   never as CVEs.
//! - Severity: `database_specific.severity` (GitHub's words: `MODERATE` is
//!   Medium); a record that only carries a CVSS vector is Unknown.
//! - Fix: the `fixed` events of the affected ranges of the scanned package;
//!   ranges without one mean not fixed; no range at all, unknown.
//! - Identity: osv-scanner names sources, not image digests: every report
//!   has a `no_image_digest` warning, and the caller says which image it
//!   scanned.
//! - `null` lists are empty: osv-scanner writes `"aliases": null` (its
//!   groups), and older versions `"vulnerabilities": null`, `"groups":
//!   null`, `"packages": null` and `"events": null`, where Go had no list.

use serde::Deserialize;
use serde_json::value::RawValue;

use super::null::or_default;
use super::{ImageReport, IngestError, Ingested, WarningCode};
use crate::finding::{Fix, FixState, IdKind, Occurrence, Package};

const FORMAT: &str = "osv-scanner";

#[derive(Deserialize)]
struct Document<'a> {
    #[serde(borrow, deserialize_with = "or_default")]
    results: Vec<&'a RawValue>,
}

#[derive(Deserialize)]
struct Result<'a> {
    #[serde(default, deserialize_with = "or_default")]
    source: Source,
    #[serde(borrow, default, deserialize_with = "or_default")]
    packages: Vec<&'a RawValue>,
}

#[derive(Deserialize, Default)]
struct Source {
    path: Option<String>,
}

#[derive(Deserialize)]
struct ScannedPackage {
    package: OsvPackage,
    #[serde(default, deserialize_with = "or_default")]
    vulnerabilities: Vec<Record>,
    #[serde(default, deserialize_with = "or_default")]
    groups: Vec<Group>,
}

#[derive(Deserialize)]
struct OsvPackage {
    name: String,
    #[serde(default)]
    version: String,
    ecosystem: Option<String>,
}

#[derive(Deserialize)]
struct Group {
    #[serde(default, deserialize_with = "or_default")]
    ids: Vec<String>,
}

#[derive(Deserialize)]
struct Record {
    id: String,
    #[serde(default, deserialize_with = "or_default")]
    aliases: Vec<String>,
    #[serde(default, deserialize_with = "or_default")]
    affected: Vec<Affected>,
    database_specific: Option<DatabaseSpecific>,
}

#[derive(Deserialize)]
struct Affected {
    package: Option<AffectedPackage>,
    #[serde(default, deserialize_with = "or_default")]
    ranges: Vec<Range>,
}

#[derive(Deserialize)]
struct AffectedPackage {
    #[serde(default)]
    name: String,
    purl: Option<String>,
}

#[derive(Deserialize)]
struct Range {
    #[serde(default, deserialize_with = "or_default")]
    events: Vec<Event>,
}

#[derive(Deserialize)]
struct Event {
    fixed: Option<String>,
}

#[derive(Deserialize)]
struct DatabaseSpecific {
    severity: Option<String>,
}

/// Reads an osv-scanner JSON document.
///
/// ```
/// let report = r#"{"results": [{"source": {"path": "/app/yarn.lock", "type": "lockfile"},
///   "packages": [{"package": {"name": "flot-axis", "version": "0.0.0", "ecosystem": "npm"},
///     "vulnerabilities": [{"id": "MAL-2023-1035", "aliases": ["GHSA-8348-2q94-ffjx"]}],
///     "groups": [{"ids": ["MAL-2023-1035"]}]}]}]}"#;
/// let ingested = kubesight::ingest::osv_scanner(report)?;
/// let occurrence = ingested.occurrences().next().unwrap();
/// assert!(occurrence.malicious);
/// assert_eq!(occurrence.aliases, ["GHSA-8348-2q94-ffjx"]);
/// # Ok::<(), kubesight::ingest::IngestError>(())
/// ```
pub fn osv_scanner(text: &str) -> std::result::Result<Ingested, IngestError> {
    let document: Document<'_> = serde_json::from_str(text).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => IngestError::UnrecognizedDocument {
            format: FORMAT,
            reason: e.to_string(),
        },
        _ => IngestError::json(&e),
    })?;
    let mut ingested = Ingested::default();
    for (i, raw) in document.results.iter().enumerate() {
        let at = format!("results[{i}]");
        let result: Result<'_> = match serde_json::from_str(raw.get()) {
            Ok(r) => r,
            Err(e) => {
                ingested.warn(WarningCode::UnparsableEntry, at, e.to_string());
                continue;
            }
        };
        let artifact = result.source.path;
        ingested.no_digest(at.clone(), artifact.as_deref());
        let mut report = ImageReport {
            artifact,
            digests: Vec::new(),
            workload: None,
            occurrences: Vec::new(),
            suppressed: 0,
        };
        for (j, raw) in result.packages.iter().enumerate() {
            let at = format!("{at}.packages[{j}]");
            let scanned: ScannedPackage = match serde_json::from_str(raw.get()) {
                Ok(p) => p,
                Err(e) => {
                    ingested.warn(WarningCode::UnparsableEntry, at, e.to_string());
                    continue;
                }
            };
            for (k, record) in scanned.vulnerabilities.into_iter().enumerate() {
                let occurrence = occurrence(
                    record,
                    &scanned.package,
                    &scanned.groups,
                    || format!("{at}.vulnerabilities[{k}]"),
                    &mut ingested,
                );
                report.occurrences.push(occurrence);
            }
        }
        ingested.reports.push(report);
    }
    Ok(ingested)
}

fn occurrence(
    record: Record,
    package: &OsvPackage,
    groups: &[Group],
    at: impl Fn() -> String,
    ingested: &mut Ingested,
) -> Occurrence {
    let mut aliases: Vec<String> = record.aliases;
    for group in groups.iter().filter(|g| g.ids.contains(&record.id)) {
        aliases.extend(group.ids.iter().cloned());
    }
    aliases.retain(|a| *a != record.id);
    aliases.sort_unstable();
    aliases.dedup();
    let word = record.database_specific.and_then(|d| d.severity);
    let severity = ingested.severity(word.as_deref(), &at);
    let affected: Vec<&Affected> = record
        .affected
        .iter()
        .filter(|a| a.package.as_ref().is_none_or(|p| p.name == package.name))
        .collect();
    let versions: Vec<String> = affected
        .iter()
        .flat_map(|a| &a.ranges)
        .flat_map(|r| &r.events)
        .filter_map(|e| e.fixed.clone())
        .collect();
    let state = if !versions.is_empty() {
        FixState::Fixed
    } else if affected.iter().any(|a| !a.ranges.is_empty()) {
        FixState::NotFixed
    } else {
        FixState::Unknown
    };
    let purl = affected
        .iter()
        .find_map(|a| a.package.as_ref().and_then(|p| p.purl.clone()));
    Occurrence {
        image: Vec::new(),
        malicious: IdKind::of(&record.id) == IdKind::Malware,
        vulnerability: record.id,
        aliases,
        package: Package {
            name: package.name.clone(),
            version: package.version.clone(),
            ecosystem: package.ecosystem.clone(),
            purl,
        },
        severity,
        severity_source: None,
        cvss: Vec::new(),
        applicability: Default::default(),
        fix: Fix { state, versions },
        runtime: Default::default(),
    }
}
