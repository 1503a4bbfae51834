//! JFrog Xray scan results as `jf scan --format json` writes them: a list
//! of scans, each with `vulnerabilities[]` whose `components` map Xray
//! component ids (`alpine://3.18:libssl3:3.1.1-r1`) to their fix versions.
//!
//! Rules:
//! - One occurrence per (issue, component). The id is the first CVE;
//!   further CVEs and the Xray issue id are aliases.
//! - A component id is `<type>://[<namespace>:]...<name>:<version>`: the
//!   type gives the ecosystem (as package URLs name it: `gav` is `maven`,
//!   `alpine` is `apk`) and the package URL, the last two parts name and
//!   version (group and artifact for Maven).
//! - Fix versions are Xray ranges (`[3.1.1-r3]`), as in simple-json.
//! - Identity: the image tar in the impact paths (`sha256__<hex>.tar`) is
//!   the image's configuration digest.
//! - The format carries no applicability: contextual analysis did not run.
//! - Xray leaves out empty lists (`omitempty`): a scan without
//!   `vulnerabilities` (but with its `scan_id` or `component_id`) is a clean
//!   scan, a report without occurrences.

use serde_json::Value;

use super::xray_component::xray_component;
use super::{
    jfrog::{fix_of_ranges, image_tar_digest},
    ImageReport, IngestError, Ingested, WarningCode,
};
use crate::finding::{Occurrence, Package};
use crate::Digest;

const FORMAT: &str = "JFrog Xray scan";

/// A scan names its id or its component, or lists vulnerabilities: Xray
/// leaves out every empty list, so a clean scan has no `vulnerabilities`.
fn is_scan(value: &Value) -> bool {
    ["vulnerabilities", "scan_id", "component_id"]
        .iter()
        .any(|key| value.get(key).is_some())
}

fn image_digest(value: &Value) -> Option<Digest> {
    image_tar_digest(value.get("full_path").and_then(Value::as_str)?)
}

/// Reads Xray scan results (`jf scan --format json`, the on-demand binary
/// scan).
///
/// ```
/// let scan = r#"[{"scan_id": "1", "component_id": "docker://alpine:latest", "vulnerabilities": [
///   {"cves": [{"cve": "CVE-2023-3446"}], "severity": "Medium", "issue_id": "XRAY-526273",
///    "components": {"alpine://3.18:libssl3:3.1.1-r1": {"fixed_versions": ["[3.1.1-r3]"]}}}]}]"#;
/// let ingested = kubesight::ingest::jfrog_xray_json(scan)?;
/// let occurrence = ingested.occurrences().next().unwrap();
/// assert_eq!((occurrence.package.name.as_str(), occurrence.package.version.as_str()), ("libssl3", "3.1.1-r1"));
/// assert_eq!(occurrence.aliases, ["XRAY-526273"]);
/// assert_eq!(occurrence.package.purl.as_deref(), Some("pkg:apk/alpine/libssl3@3.1.1-r1"));
/// # Ok::<(), kubesight::ingest::IngestError>(())
/// ```
pub fn jfrog_xray_json(document: &str) -> Result<Ingested, IngestError> {
    let value: Value = serde_json::from_str(document).map_err(|e| IngestError::json(&e))?;
    let scans: Vec<&Value> = match &value {
        Value::Array(list) => list.iter().collect(),
        Value::Object(_) if is_scan(&value) => vec![&value],
        _ => {
            return Err(IngestError::UnrecognizedDocument {
                format: FORMAT,
                reason: "neither a list of scans nor a scan".into(),
            })
        }
    };
    if !scans.iter().all(|s| is_scan(s)) {
        return Err(IngestError::UnrecognizedDocument {
            format: FORMAT,
            reason: "an entry of the list is not a scan".into(),
        });
    }
    if scans.iter().any(|s| {
        s.get("vulnerabilities")
            .is_some_and(|v| !v.is_array() && !v.is_null())
    }) {
        return Err(IngestError::UnrecognizedDocument {
            format: FORMAT,
            reason: "a scan whose `vulnerabilities` is not a list".into(),
        });
    }
    let mut ingested = Ingested::default();
    for (i, scan) in scans.into_iter().enumerate() {
        let mut report = ImageReport {
            artifact: scan
                .get("component_id")
                .and_then(Value::as_str)
                .map(String::from),
            digests: Vec::new(),
            workload: None,
            occurrences: Vec::new(),
            suppressed: 0,
        };
        let vulnerabilities = scan.get("vulnerabilities").and_then(Value::as_array);
        for (j, v) in vulnerabilities.into_iter().flatten().enumerate() {
            let at = format!("[{i}].vulnerabilities[{j}]");
            let mut ids: Vec<String> = v
                .get("cves")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|c| c.get("cve").and_then(Value::as_str))
                .filter(|c| !c.is_empty())
                .map(String::from)
                .collect();
            ids.extend(v.get("issue_id").and_then(Value::as_str).map(String::from));
            let Some((id, aliases)) = ids.split_first() else {
                ingested.warn(
                    WarningCode::UnparsableEntry,
                    at,
                    "the issue names neither a CVE nor an issue id".into(),
                );
                continue;
            };
            let severity =
                ingested.severity(v.get("severity").and_then(Value::as_str), || at.clone());
            let components = v.get("components").and_then(Value::as_object);
            for (component_id, detail) in components.into_iter().flatten() {
                for path in detail
                    .get("impact_paths")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_array)
                    .flatten()
                {
                    if let Some(digest) = image_digest(path) {
                        if !report.digests.contains(&digest) {
                            report.digests.push(digest);
                        }
                    }
                }
                let component = xray_component(component_id, None, None);
                let ranges: Vec<String> = detail
                    .get("fixed_versions")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .map(String::from)
                    .collect();
                report.occurrences.push(Occurrence {
                    image: Vec::new(),
                    vulnerability: id.clone(),
                    aliases: aliases.to_vec(),
                    package: Package {
                        name: component.name,
                        version: component.version,
                        ecosystem: component.ecosystem,
                        purl: component.purl,
                    },
                    severity,
                    severity_source: None,
                    cvss: Vec::new(),
                    applicability: Default::default(),
                    fix: fix_of_ranges(&ranges),
                    runtime: Default::default(),
                    malicious: false,
                });
            }
        }
        if report.digests.is_empty() {
            ingested.no_digest(format!("[{i}]"), report.artifact.as_deref());
        }
        let digests = report.digests.clone();
        report.assign_image(digests);
        ingested.reports.push(report);
    }
    Ok(ingested)
}
