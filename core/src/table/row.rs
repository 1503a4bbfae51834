//! The rows of the vulnerability table and of the malicious-package list, as
//! users read them.

use serde::{Deserialize, Serialize};

use crate::finding::{Applicability, CvssScore, FixState, Package, RuntimeEvidence};
use crate::funnel::Stage;
use crate::Severity;

/// Why a vulnerability stopped before the next stage of the funnel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum StopReason {
    /// No occurrence is Critical or High.
    NotCriticalHigh,
    /// Contextual analysis found it not applicable.
    NotApplicable,
    /// Contextual analysis did not decide: it did not run, has no rule for
    /// it, could not conclude, or the platform asks for a rescan or an
    /// upgrade (the row's `applicability` says which).
    ApplicabilityUndecided,
    /// No fix version exists (not fixed, won't fix, or fixed without a
    /// version named).
    NoFix,
    /// Whether a fix exists is unknown.
    FixUnknown,
    /// Sensors watch its images and did not see the package loaded.
    NotLoaded,
    /// No sensor watches the images it is on.
    RuntimeUnavailable,
}

impl StopReason {
    /// Every reason, in funnel order.
    pub const ALL: [StopReason; 7] = [
        StopReason::NotCriticalHigh,
        StopReason::NotApplicable,
        StopReason::ApplicabilityUndecided,
        StopReason::NoFix,
        StopReason::FixUnknown,
        StopReason::NotLoaded,
        StopReason::RuntimeUnavailable,
    ];

    /// The stable machine code.
    pub const fn code(self) -> &'static str {
        match self {
            StopReason::NotCriticalHigh => "not_critical_high",
            StopReason::NotApplicable => "not_applicable",
            StopReason::ApplicabilityUndecided => "applicability_undecided",
            StopReason::NoFix => "no_fix",
            StopReason::FixUnknown => "fix_unknown",
            StopReason::NotLoaded => "not_loaded",
            StopReason::RuntimeUnavailable => "runtime_unavailable",
        }
    }

    /// The reason in words.
    pub const fn text(self) -> &'static str {
        match self {
            StopReason::NotCriticalHigh => "not Critical or High",
            StopReason::NotApplicable => "contextual analysis found it not applicable",
            StopReason::ApplicabilityUndecided => "contextual analysis has not decided",
            StopReason::NoFix => "no fix version exists",
            StopReason::FixUnknown => "whether a fix exists is unknown",
            StopReason::NotLoaded => "not seen loaded at runtime",
            StopReason::RuntimeUnavailable => "no sensor watches its images",
        }
    }

    /// Whether the reason is a missing fact (the funnel's `undecided`
    /// counts), rather than a verdict.
    pub const fn is_undecided(self) -> bool {
        matches!(
            self,
            StopReason::ApplicabilityUndecided
                | StopReason::FixUnknown
                | StopReason::RuntimeUnavailable
        )
    }
}

/// A package a vulnerability is found in.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RowPackage {
    /// Its name.
    pub name: String,
    /// Its installed version.
    pub version: String,
    /// Its ecosystem, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ecosystem: Option<String>,
    /// Its package URL, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purl: Option<String>,
    /// The versions that fix it, as the scanners gave them.
    #[serde(default)]
    pub fixed_versions: Vec<String>,
}

impl RowPackage {
    pub(crate) fn of(package: &Package, fixed_versions: Vec<String>) -> RowPackage {
        RowPackage {
            name: package.name.clone(),
            version: package.version.clone(),
            ecosystem: package.ecosystem.clone(),
            purl: package.purl.clone(),
            fixed_versions,
        }
    }
}

/// A workload running an image.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RowWorkload {
    /// The cluster.
    pub cluster: String,
    /// The namespace.
    pub namespace: String,
    /// The kind as Kubernetes names it.
    pub kind: String,
    /// The name.
    pub name: String,
}

/// An image a vulnerability is on, and where it runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RowImage {
    /// Its digest (one of them, when it has several).
    pub digest: String,
    /// Its references as deployed (`nginx:1.25`), sorted.
    pub references: Vec<String>,
    /// The clusters running it, sorted.
    pub clusters: Vec<String>,
    /// The namespaces running it, sorted.
    pub namespaces: Vec<String>,
    /// The workloads running it, sorted.
    pub workloads: Vec<RowWorkload>,
    /// Whether the vulnerable package was seen loaded on this image.
    pub loaded: bool,
}

/// The EPSS score of a row: the highest among its CVE ids.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EpssSignal {
    /// The CVE id scored.
    pub cve: String,
    /// The probability of exploitation in the next 30 days, 0 to 1.
    pub score: f64,
    /// Its percentile, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percentile: Option<f64>,
}

/// A row's entry in the Known Exploited Vulnerabilities catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct KevSignal {
    /// The CVE id listed.
    pub cve: String,
    /// The day it was added, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_added: Option<String>,
    /// The day action was due, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_date: Option<String>,
    /// Whether it is known to be used in ransomware campaigns, when the
    /// catalog says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub known_ransomware_use: Option<bool>,
}

/// One distinct vulnerability (alias group) on scanned running images.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct VulnerabilityRow {
    /// The group's id: its CVE id when it has one, else its smallest id in
    /// byte order.
    pub id: String,
    /// The group's other ids, sorted.
    pub aliases: Vec<String>,
    /// The highest severity of its occurrences.
    pub severity: Severity,
    /// Where the severities came from (`nvd`, `debian`, ...), sorted.
    pub severity_sources: Vec<String>,
    /// CVSS scores the scanners gave.
    pub cvss: Vec<CvssScore>,
    /// The deepest funnel stage reached (one occurrence meeting every stage
    /// up to it, as the funnel counts).
    pub stage: Stage,
    /// Why it went no further; absent at the last stage shown.
    pub stopped: Option<StopReason>,
    /// What contextual analysis concluded, over its occurrences.
    pub applicability: Vec<Applicability>,
    /// The fix states of its occurrences.
    pub fix_states: Vec<FixState>,
    /// What the runtime sensors saw, over its occurrences.
    pub runtime: Vec<RuntimeEvidence>,
    /// The packages it is found in.
    pub packages: Vec<RowPackage>,
    /// The images it is on, with where they run.
    pub images: Vec<RowImage>,
    /// How many images it is on.
    pub image_count: u64,
    /// How many distinct workloads run those images.
    pub workload_count: u64,
    /// How many clusters run those images.
    pub cluster_count: u64,
    /// On how many of its images the package was seen loaded.
    pub loaded_images: u64,
    /// Its EPSS score, when enrichment scores one of its CVE ids.
    pub epss: Option<EpssSignal>,
    /// Its KEV entry, when one of its CVE ids is known exploited.
    pub kev: Option<KevSignal>,
}

/// A malicious package found on running images: never a vulnerability row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MaliciousPackageRow {
    /// The package.
    pub package: RowPackage,
    /// The ids of the reports (`MAL-2024-1`, ...), sorted.
    pub ids: Vec<String>,
    /// The images holding it, with where they run.
    pub images: Vec<RowImage>,
    /// How many distinct workloads run those images.
    pub workload_count: u64,
}
