//! The workloads listing (`POST /runtime/api/v1/workloads`): workloads
//! with their nodes, risk badges and processes, each process with the
//! vulnerabilities and malicious packages of what it runs; and the runtime
//! evidence that gives the image tags' findings.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;

use super::fields::digest;
use super::findings::{
    findings_of, given, MaliciousDoc, PlatformMalicious, PlatformVulnerability, VulnerabilityDoc,
};
use super::image_tags::{PlatformEvidence, PlatformImageTags, RuntimeStatus, WorkloadLocation};
use super::pages::{self, ListingPages};
use super::risk::{compare_risks, risks, supported, Risk};
use crate::finding::{canonical_id, RuntimeEvidence};
use crate::ingest::null::or_default;
use crate::ingest::{IngestError, IngestWarning, WarningCode};
use crate::runtime::{Cluster, DisableLabel, SensorState};
use crate::Digest;

/// A process of a workload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PlatformProcess {
    /// Its name.
    pub name: String,
    /// The executable's path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Its arguments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arguments: Option<String>,
    /// Whether it runs.
    pub runtime_status: RuntimeStatus,
    /// Its risk badges.
    pub risks: Vec<Risk>,
    /// The vulnerabilities of what it runs.
    pub vulnerabilities: Vec<PlatformVulnerability>,
    /// The malicious packages of what it runs.
    pub malicious_packages: Vec<PlatformMalicious>,
    /// The SHA-256 of its executable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub process_hash: Option<String>,
    /// The image it runs from, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_digest: Option<Digest>,
}

/// A workload as the platform lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PlatformWorkload {
    /// Where it runs.
    pub location: WorkloadLocation,
    /// Whether it runs.
    pub runtime_status: RuntimeStatus,
    /// The nodes it runs on.
    pub nodes: Vec<String>,
    /// Its architecture.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub architecture: Option<String>,
    /// Its risk badges.
    pub risks: Vec<Risk>,
    /// The platform's count of its processes' vulnerabilities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vulnerabilities_count: Option<u64>,
    /// Its processes.
    pub processes: Vec<PlatformProcess>,
}

/// The workloads of a listing.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PlatformWorkloads {
    /// The workloads, in the listing's order.
    pub workloads: Vec<PlatformWorkload>,
    /// What the pages say of the listing as a whole.
    pub listing: ListingPages,
    /// What was assumed, and why.
    pub warnings: Vec<IngestWarning>,
}

/// A `processesObj` as written.
#[derive(Deserialize)]
struct ProcessDoc<'a> {
    #[serde(borrow, default)]
    name: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    path: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    arguments: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    runtime_status: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "or_default")]
    risks: Vec<Value>,
    #[serde(borrow, default, deserialize_with = "or_default")]
    vulnerabilities: Vec<VulnerabilityDoc<'a>>,
    #[serde(borrow, default, deserialize_with = "or_default")]
    malicious_packages: Vec<MaliciousDoc<'a>>,
    #[serde(borrow, default)]
    process_hash: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    image_digest: Option<Cow<'a, str>>,
}

/// A `workloadObj` as written; its processes under `processes` or
/// `Processes`.
#[derive(Deserialize)]
struct WorkloadDoc<'a> {
    #[serde(borrow, default)]
    name: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    namespace: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    cluster: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    runtime_status: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "or_default")]
    nodes: Vec<Value>,
    #[serde(borrow, default)]
    architecture: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "or_default")]
    risks: Vec<Value>,
    #[serde(default)]
    vulnerabilities_count: Option<Value>,
    #[serde(borrow, default, deserialize_with = "or_default")]
    processes: Vec<ProcessDoc<'a>>,
    #[serde(borrow, default, rename = "Processes", deserialize_with = "or_default")]
    processes_capitalised: Vec<ProcessDoc<'a>>,
}

fn process(doc: &ProcessDoc<'_>, at: &str, warnings: &mut Vec<IngestWarning>) -> PlatformProcess {
    let (vulnerabilities, malicious_packages) =
        findings_of(&doc.vulnerabilities, &doc.malicious_packages, at, warnings);
    PlatformProcess {
        name: given(&doc.name).unwrap_or_default(),
        path: given(&doc.path),
        arguments: given(&doc.arguments),
        runtime_status: RuntimeStatus::read(doc.runtime_status.as_deref(), at, warnings),
        risks: risks(&doc.risks, at, warnings),
        vulnerabilities,
        malicious_packages,
        // The documentation's example writes placeholders (`<...>`).
        process_hash: given(&doc.process_hash).filter(|h| !h.starts_with('<')),
        image_digest: digest(given(&doc.image_digest), "image_digest", at, warnings),
    }
}

fn workload(
    raw: &RawValue,
    at: &str,
    warnings: &mut Vec<IngestWarning>,
) -> Option<PlatformWorkload> {
    let doc: WorkloadDoc<'_> = match serde_json::from_str(raw.get()) {
        Ok(doc) => doc,
        Err(e) => {
            warnings.push(IngestWarning {
                code: WarningCode::UnparsableEntry,
                at: at.to_owned(),
                message: format!("the workload cannot be read: {e}"),
            });
            return None;
        }
    };
    let (Some(cluster), Some(namespace), Some(name)) =
        (given(&doc.cluster), given(&doc.namespace), given(&doc.name))
    else {
        warnings.push(IngestWarning {
            code: WarningCode::UnparsableEntry,
            at: at.to_owned(),
            message: "a workload without cluster, namespace or name".into(),
        });
        return None;
    };
    let processes: Vec<PlatformProcess> = doc
        .processes
        .iter()
        .chain(&doc.processes_capitalised)
        .enumerate()
        .map(|(i, p)| process(p, &format!("{at}.processes[{i}]"), warnings))
        .collect();
    let read = PlatformWorkload {
        location: WorkloadLocation {
            cluster,
            namespace,
            name,
        },
        runtime_status: RuntimeStatus::read(doc.runtime_status.as_deref(), at, warnings),
        nodes: doc
            .nodes
            .iter()
            .filter_map(Value::as_str)
            .map(String::from)
            .collect(),
        architecture: given(&doc.architecture),
        risks: risks(&doc.risks, at, warnings),
        vulnerabilities_count: doc.vulnerabilities_count.as_ref().and_then(Value::as_u64),
        processes,
    };
    let what = format!(
        "workload {}/{}/{}",
        read.location.cluster, read.location.namespace, read.location.name
    );
    let derived = supported(
        read.processes.iter().flat_map(|p| &p.vulnerabilities),
        read.processes.iter().flat_map(|p| &p.malicious_packages),
    );
    compare_risks(&what, &read.risks, &derived, at, warnings);
    let listed: u64 = read
        .processes
        .iter()
        .map(|p| p.vulnerabilities.len() as u64)
        .sum();
    if let Some(given) = read.vulnerabilities_count {
        if given != listed {
            warnings.push(IngestWarning {
                code: WarningCode::InconsistentListing,
                at: format!("{at}.vulnerabilities_count"),
                message: format!(
                    "{what} gives `vulnerabilities_count` {given}, but its processes list {listed}"
                ),
            });
        }
    }
    Some(read)
}

/// Reads the pages of the workloads listing, merging them as
/// [`runtime_image_tags`](super::runtime_image_tags) does. Processes are
/// read from `processes` (or `Processes`); the total from `total_count`
/// at the top or in `pagination`, as the documentation's example puts it.
///
/// ```
/// let page = r#"{"workloads": [{"name": "shop-api", "namespace": "shop", "cluster": "prod",
///   "runtime_status": "running", "nodes": ["node-1"], "vulnerabilities_count": 1, "processes": [
///     {"name": "java", "path": "/usr/bin/java", "runtime_status": "running",
///      "vulnerabilities": [{"cve_id": "CVE-2022-1471", "severity": "Critical",
///        "applicability": "applicable", "components": [{"component_id": "gav://org.yaml:snakeyaml:1.26",
///        "name": "org.yaml:snakeyaml", "version": "1.26"}]}],
///      "risks": ["critical_applicable"], "malicious_packages": []}],
///   "risks": ["critical_applicable_cves"]}], "pagination": {"total_count": 1, "limit": 10}}"#;
/// let read = kubesight::ingest::runtime_workloads(&[page])?;
/// assert_eq!(read.workloads[0].processes[0].vulnerabilities[0].id(), "CVE-2022-1471");
/// assert!(read.warnings.is_empty());
/// # Ok::<(), kubesight::ingest::IngestError>(())
/// ```
pub fn runtime_workloads(pages: &[&str]) -> Result<PlatformWorkloads, IngestError> {
    let pages = pages::parse(pages, "runtime workloads listing", &["workloads"])?;
    let mut read = PlatformWorkloads::default();
    let identity = |w: &PlatformWorkload| {
        Some(format!(
            "workload {}/{}/{}",
            w.location.cluster, w.location.namespace, w.location.name
        ))
    };
    let (workloads, listing) = pages::entries(
        &pages,
        &["workloads"],
        "workloads",
        workload,
        identity,
        &mut read.warnings,
    );
    read.workloads = workloads;
    read.listing = listing;
    Ok(read)
}

type Key = (String, String, String);

fn keys_of(vulnerabilities: &[PlatformVulnerability]) -> impl Iterator<Item = Key> + '_ {
    vulnerabilities.iter().flat_map(|v| {
        let id = canonical_id(v.id()).into_owned();
        let packages: Vec<(String, String)> = if v.components.is_empty() {
            vec![(String::new(), String::new())]
        } else {
            v.components
                .iter()
                .map(|c| (c.name.clone(), c.version.clone()))
                .collect()
        };
        packages
            .into_iter()
            .map(move |(name, version)| (id.clone(), name, version))
    })
}

impl PlatformImageTags {
    /// Gives the tags' findings their runtime evidence from the workloads
    /// listing and the clusters' sensors:
    /// - a process belongs to the tag whose digest it names, or, without a
    ///   digest in common, to the one tag its workload runs (a workload
    ///   running several tags leaves it unmatched);
    /// - an occurrence a running (or unknown) process of its tag holds
    ///   (same vulnerability, package and version) is `loaded`;
    /// - a tag is watched when a workload running it runs on a node whose
    ///   sensor runs (the disable label taken into account); the other
    ///   occurrences of a watched tag are `not_observed`, those of a tag no
    ///   sensor watches `unavailable`, and its running image is monitored
    ///   accordingly.
    pub fn apply_workloads(
        &mut self,
        workloads: &PlatformWorkloads,
        clusters: &[Cluster],
        label: &DisableLabel,
    ) -> PlatformEvidence {
        let watched_node = |cluster: &str, node: &str| {
            clusters.iter().filter(|c| c.name == cluster).any(|c| {
                c.nodes
                    .iter()
                    .any(|n| n.name == node && label.effective_state(n) == SensorState::Running)
            })
        };
        let mut evidence = PlatformEvidence::default();
        let mut loaded: Vec<HashSet<Key>> = vec![HashSet::new(); self.tags.len()];
        let mut watched: Vec<bool> = vec![false; self.tags.len()];
        for w in &workloads.workloads {
            let runs: BTreeSet<usize> = self
                .tags
                .iter()
                .enumerate()
                .filter(|(_, t)| {
                    t.workloads.contains(&w.location)
                        || w.processes.iter().any(|p| {
                            p.image_digest
                                .as_ref()
                                .is_some_and(|d| t.digests.contains(d))
                        })
                })
                .map(|(i, _)| i)
                .collect();
            let on_watched_node = w.nodes.iter().any(|n| watched_node(&w.location.cluster, n));
            for &i in &runs {
                if let Some(slot) = watched.get_mut(i) {
                    *slot |= on_watched_node;
                }
            }
            for p in &w.processes {
                let by_digest = p
                    .image_digest
                    .as_ref()
                    .and_then(|d| self.tags.iter().position(|t| t.digests.contains(d)));
                let owner = by_digest.or_else(|| match runs.len() {
                    1 => runs.first().copied(),
                    _ => None,
                });
                let Some(owner) = owner else {
                    evidence.unmatched_processes += 1;
                    continue;
                };
                if p.runtime_status == RuntimeStatus::Stopped {
                    continue;
                }
                if let Some(set) = loaded.get_mut(owner) {
                    set.extend(keys_of(&p.vulnerabilities));
                }
            }
        }
        for (i, report) in self.reports.iter_mut().enumerate() {
            let is_watched = watched.get(i).copied().unwrap_or(false);
            let keys = loaded.get(i);
            for o in report.occurrences.iter_mut().filter(|o| !o.malicious) {
                let key = (
                    canonical_id(&o.vulnerability).into_owned(),
                    o.package.name.clone(),
                    o.package.version.clone(),
                );
                o.runtime = if keys.is_some_and(|k| k.contains(&key)) {
                    evidence.loaded += 1;
                    RuntimeEvidence::Loaded
                } else if is_watched {
                    evidence.not_observed += 1;
                    RuntimeEvidence::NotObserved
                } else {
                    evidence.unavailable += 1;
                    RuntimeEvidence::Unavailable
                };
            }
        }
        for image in &mut self.running_images {
            let i = self.tags.iter().position(|t| t.digests == image.digests);
            image.monitored = i.and_then(|i| watched.get(i)).copied().unwrap_or(false);
            if image.monitored {
                evidence.monitored_images += 1;
            }
        }
        self.evidence = Some(evidence);
        evidence
    }
}
