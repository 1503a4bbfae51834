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
use super::trivy_results::{
    at_paths, digests, empty_report, no_digest_warning, read_results, Metadata,
};
use super::{trivy_k8s, IngestError, Ingested};

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
