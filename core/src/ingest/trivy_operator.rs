//! Trivy Operator `VulnerabilityReport` resources, one per workload
//! container, and `ClusterVulnerabilityReport` resources (cluster-scoped:
//! the control plane's and nodes' components), which carry the same report.
//! Accepts one resource, a list (`kubectl get vulnerabilityreports -A -o
//! json`, a `List` of several kinds), a bare JSON array of resources, or a
//! dump keyed by resource type (both report types read).
//!
//! Rules:
//! - Resources of other kinds in a list (configuration audits, exposed
//!   secrets) are other reports and are passed over; an entry without a
//!   `kind` has an `unparsable_entry` warning.
//! - Identity: `report.artifact.digest` (a repository digest) when given;
//!   the same image in many workloads is then one image downstream. A report
//!   without it has a `no_image_digest` warning: the tag is never identity.
//! - Workload: the `trivy-operator.resource.*` labels, a ReplicaSet resolved
//!   to its Deployment and a Job to its CronJob.
//! - Findings read as Trivy's (without a status: a `fixedVersion` means
//!   fixed, its absence unknown); the package URL is `packagePURL`.
//! - `"vulnerabilities": null` (the operator's Go type has no `omitempty`)
//!   is an image without findings.
//! - A cluster-scoped report's workload has the empty namespace its labels
//!   give.

use serde_json::Value;

use super::{owning_workload, ImageReport, IngestError, Ingested, ReportWorkload, WarningCode};
use crate::finding::{Fix, FixState, Occurrence, Package};

const FORMAT: &str = "Trivy Operator";

/// Reads Trivy Operator vulnerability reports, namespaced or cluster-scoped.
///
/// ```
/// let report = r#"{"kind": "VulnerabilityReport", "metadata": {"name": "replicaset-web-7d4b9c8f6d-app",
///   "namespace": "shop", "labels": {"trivy-operator.resource.kind": "ReplicaSet",
///   "trivy-operator.resource.name": "web-7d4b9c8f6d", "trivy-operator.resource.namespace": "shop",
///   "trivy-operator.container.name": "app"}},
///  "report": {"artifact": {"repository": "library/nginx", "tag": "1.25",
///    "digest": "sha256:f78909c2b360d866b3220655c0b079838258b8891a12ac25fc670f0cbb54229f"},
///   "registry": {"server": "index.docker.io"},
///   "vulnerabilities": [{"vulnerabilityID": "CVE-2024-0553", "resource": "libgnutls30",
///     "installedVersion": "3.6.13", "fixedVersion": "3.6.14", "severity": "MEDIUM"}]}}"#;
/// let ingested = kubesight::ingest::trivy_operator(report)?;
/// let workload = ingested.reports[0].workload.as_ref().unwrap();
/// assert_eq!((workload.kind.as_str(), workload.name.as_str()), ("Deployment", "web"));
/// # Ok::<(), kubesight::ingest::IngestError>(())
/// ```
pub fn trivy_operator(text: &str) -> Result<Ingested, IngestError> {
    let value: Value = serde_json::from_str(text).map_err(|e| IngestError::json(&e))?;
    let mut resources: Vec<(String, &Value)> = Vec::new();
    let dumped: Vec<&str> = DUMP_KEYS
        .into_iter()
        .filter(|key| value.get(key).is_some_and(Value::is_array))
        .collect();
    if is_report(&value) {
        resources.push((String::new(), &value));
    } else if let Some(items) = value.as_array() {
        resources.extend(items.iter().enumerate().map(|(i, v)| (format!("[{i}]"), v)));
    } else if let Some(items) = value.get("items").and_then(Value::as_array) {
        resources.extend(
            items
                .iter()
                .enumerate()
                .map(|(i, v)| (format!("items[{i}]"), v)),
        );
    } else if !dumped.is_empty() {
        for key in dumped {
            let items = value.get(key).and_then(Value::as_array);
            resources.extend(
                items
                    .into_iter()
                    .flatten()
                    .enumerate()
                    .map(|(i, v)| (format!("{key}[{i}]"), v)),
            );
        }
    } else {
        return Err(IngestError::UnrecognizedDocument {
            format: FORMAT,
            reason: "neither a VulnerabilityReport nor a ClusterVulnerabilityReport, \
                     nor a list of them"
                .into(),
        });
    }
    let mut ingested = Ingested::default();
    for (at, resource) in resources {
        if !is_report(resource) {
            if resource.get("kind").and_then(Value::as_str).is_none() {
                ingested.warn(
                    WarningCode::UnparsableEntry,
                    at,
                    "the entry names no `kind`: it is no Kubernetes resource".into(),
                );
            }
            // Other kinds (configuration audits, secrets) are other reports.
            continue;
        }
        let Some(report) = resource.get("report").filter(|r| r.is_object()) else {
            ingested.warn(WarningCode::UnparsableEntry, at, "no `report`".into());
            continue;
        };
        read_report(resource, report, &at, &mut ingested);
    }
    Ok(ingested)
}

/// The kinds this reader reads: one report body, namespaced or not.
const KINDS: [&str; 2] = ["VulnerabilityReport", "ClusterVulnerabilityReport"];

/// The keys of a dump of every report type that hold vulnerability reports.
const DUMP_KEYS: [&str; 2] = [
    "vulnerabilityreports.aquasecurity.github.io",
    "clustervulnerabilityreports.aquasecurity.github.io",
];

fn is_report(value: &Value) -> bool {
    value
        .get("kind")
        .and_then(Value::as_str)
        .is_some_and(|kind| KINDS.contains(&kind))
}

fn text<'a>(value: &'a Value, path: &[&str]) -> Option<&'a str> {
    path.iter()
        .try_fold(value, |v, key| v.get(*key))
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
}

fn read_report(resource: &Value, report: &Value, at: &str, ingested: &mut Ingested) {
    let labels = resource.get("metadata").and_then(|m| m.get("labels"));
    let label = |key: &str| labels.and_then(|l| l.get(key)).and_then(Value::as_str);
    let workload = match (
        label("trivy-operator.resource.kind"),
        label("trivy-operator.resource.name"),
    ) {
        (Some(kind), Some(name)) => {
            let (kind, name) = owning_workload(kind, name);
            Some(ReportWorkload {
                cluster: None,
                namespace: label("trivy-operator.resource.namespace")
                    .or_else(|| text(resource, &["metadata", "namespace"]))
                    .unwrap_or_default()
                    .to_owned(),
                kind: kind.to_owned(),
                name,
            })
        }
        _ => None,
    };
    let repository = text(report, &["artifact", "repository"]);
    let artifact = repository.map(|repository| {
        let mut name = match text(report, &["registry", "server"]) {
            Some(server) => format!("{server}/{repository}"),
            None => repository.to_owned(),
        };
        if let Some(tag) = text(report, &["artifact", "tag"]) {
            name.push(':');
            name.push_str(tag);
        }
        name
    });
    let mut digests = Vec::new();
    let at_artifact = format!("{at}.report.artifact");
    if let Some(digest) = text(report, &["artifact", "digest"]) {
        ingested.add_digest(&mut digests, digest, &at_artifact);
    }
    if digests.is_empty() {
        ingested.no_digest(at_artifact, artifact.as_deref());
    }
    let mut occurrences = Vec::new();
    let vulnerabilities = match report.get("vulnerabilities") {
        None | Some(Value::Null) => None,
        Some(Value::Array(list)) => Some(list),
        Some(other) => {
            ingested.warn(
                WarningCode::UnparsableEntry,
                format!("{at}.report.vulnerabilities"),
                format!("`vulnerabilities` is {other}, not a list"),
            );
            None
        }
    };
    for (i, v) in vulnerabilities.into_iter().flatten().enumerate() {
        let at = format!("{at}.report.vulnerabilities[{i}]");
        let Some(id) = text(v, &["vulnerabilityID"]) else {
            ingested.warn(
                WarningCode::UnparsableEntry,
                at,
                "no `vulnerabilityID`".into(),
            );
            continue;
        };
        let severity = ingested.severity(text(v, &["severity"]), || at.clone());
        let versions: Vec<String> = text(v, &["fixedVersion"])
            .into_iter()
            .flat_map(|f| f.split(','))
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .map(String::from)
            .collect();
        let state = if versions.is_empty() {
            FixState::Unknown
        } else {
            FixState::Fixed
        };
        occurrences.push(Occurrence {
            image: digests.clone(),
            vulnerability: id.to_owned(),
            aliases: Vec::new(),
            package: Package {
                name: text(v, &["resource"]).unwrap_or_default().to_owned(),
                version: text(v, &["installedVersion"])
                    .unwrap_or_default()
                    .to_owned(),
                ecosystem: text(v, &["packageType"]).map(String::from),
                purl: text(v, &["packagePURL"]).map(String::from),
            },
            severity,
            severity_source: None,
            cvss: Vec::new(),
            applicability: Default::default(),
            fix: Fix { state, versions },
            runtime: Default::default(),
            malicious: false,
        });
    }
    ingested.reports.push(ImageReport {
        artifact,
        digests,
        workload,
        occurrences,
        suppressed: 0,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_package_url_is_read_from_package_purl() {
        let report = r#"{"kind": "ClusterVulnerabilityReport", "metadata": {"name": "node-1"},
          "report": {"artifact": {"repository": "kubelet"}, "vulnerabilities": [
            {"vulnerabilityID": "CVE-2024-3177", "resource": "k8s.io/kubelet", "installedVersion": "1.29.1",
             "severity": "LOW", "packagePURL": "pkg:golang/k8s.io/kubelet@1.29.1"}]}}"#;
        let ingested = trivy_operator(report).unwrap();
        let occurrence = ingested.occurrences().next().unwrap();
        assert_eq!(
            occurrence.package.purl.as_deref(),
            Some("pkg:golang/k8s.io/kubelet@1.29.1")
        );
    }

    #[test]
    fn vulnerabilities_that_are_no_list_are_warned_about() {
        let report = r#"{"kind": "VulnerabilityReport", "report": {"vulnerabilities": "none"}}"#;
        let ingested = trivy_operator(report).unwrap();
        let codes: Vec<WarningCode> = ingested.warnings.iter().map(|w| w.code).collect();
        assert_eq!(
            codes,
            [WarningCode::NoImageDigest, WarningCode::UnparsableEntry]
        );
        assert_eq!(
            ingested.warnings[1].message,
            r#"`vulnerabilities` is "none", not a list"#
        );
    }
}
