//! One occurrence: one vulnerability in one package of one image.

use serde::{Deserialize, Serialize};

use super::{Applicability, Fix, RuntimeEvidence};
use crate::{Digest, Severity};

/// A package as a scanner names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Package {
    /// Its name.
    pub name: String,
    /// Its installed version.
    pub version: String,
    /// Its ecosystem (`npm`, `deb`, `go`, ...), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ecosystem: Option<String>,
    /// Its package URL, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purl: Option<String>,
}

/// One vulnerability in one package of one image: the unit every scanner
/// reports and every count starts from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Occurrence {
    /// The digests that identify the image (repository, manifest or
    /// configuration digests): a runtime reports one kind and a scanner
    /// another, so any shared digest makes two images one. Never the tag.
    pub image: Vec<Digest>,
    /// The vulnerability id as the scanner gives it.
    pub vulnerability: String,
    /// Other ids of the same vulnerability (GHSA for a CVE, ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The affected package (empty when the source does not name one).
    #[serde(default)]
    pub package: Package,
    /// The severity, mapped from the scanner's vocabulary.
    #[serde(default = "unknown_severity")]
    pub severity: Severity,
    /// Where the severity came from (`nvd`, `debian`, `ghsa`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity_source: Option<String>,
    /// CVSS scores, as the scanner gave them (none when it gave none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cvss: Vec<CvssScore>,
    /// What contextual analysis concluded.
    #[serde(default)]
    pub applicability: Applicability,
    /// Whether a fix exists.
    #[serde(default)]
    pub fix: Fix,
    /// Whether the package was seen loaded at runtime.
    #[serde(default)]
    pub runtime: RuntimeEvidence,
    /// Whether this is a malicious-package finding, counted in the
    /// highlights and never as a CVE in the funnel.
    #[serde(default)]
    pub malicious: bool,
}

/// A CVSS score a scanner gave, with its source and vector when given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CvssScore {
    /// Who scored it (`nvd`, `ghsa`, a vendor), when the scanner says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The CVSS version (`3.1`, `4.0`, ...), when the scanner says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The base score, 0 to 10.
    pub score: f64,
    /// The vector string, when the scanner gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vector: Option<String>,
}

// Readers only build scores that are finite numbers between 0 and 10 (see
// `CvssScore::new`), so equality is an equivalence.
impl Eq for CvssScore {}

impl CvssScore {
    /// A score, when `score` is a finite number from 0 to 10.
    pub fn new(
        score: f64,
        source: Option<String>,
        version: Option<String>,
        vector: Option<String>,
    ) -> Option<CvssScore> {
        (score.is_finite() && (0.0..=10.0).contains(&score)).then_some(CvssScore {
            source,
            version,
            score,
            vector,
        })
    }
}

fn unknown_severity() -> Severity {
    Severity::Unknown
}

/// A running image: its identity, and whether it was scanned and is
/// watched by a runtime sensor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RunningImage {
    /// The digests that identify it.
    pub digests: Vec<Digest>,
    /// Whether a scan of it exists.
    pub scanned: bool,
    /// Whether a runtime sensor watches at least one node it runs on; when
    /// not, its findings have no runtime evidence.
    #[serde(default)]
    pub monitored: bool,
    /// Where it runs, one entry per workload container running it: what the
    /// vulnerability table and the images view show as "where it runs".
    /// Empty when the inventory does not say.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deployments: Vec<Deployment>,
}

/// One place a running image runs: a container of a workload, with the
/// reference its spec deployed it by.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Deployment {
    /// The image reference as the Pod spec wrote it (`nginx:1.25`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The cluster.
    pub cluster: String,
    /// The namespace.
    pub namespace: String,
    /// The workload's kind as Kubernetes names it (`Deployment`, ...).
    pub kind: String,
    /// The workload's name.
    pub workload: String,
    /// The container's name, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container: Option<String>,
}

impl Deployment {
    /// The workload as `cluster/namespace/Kind/name`: one name per workload
    /// across clusters, for counting distinct workloads.
    pub fn workload_key(&self) -> String {
        format!(
            "{}/{}/{}/{}",
            self.cluster, self.namespace, self.kind, self.workload
        )
    }
}
