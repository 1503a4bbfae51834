//! The causes a change between two states is attributed to (see
//! [`change::explain_change`](crate::change::explain_change)).

use serde::{Deserialize, Serialize};

/// Why a vulnerability entered or left a funnel stage. The first three are
/// the documentation's causes of a sudden increase; the others explain what
/// left, which the documentation does not name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChangeCause {
    /// Entered on images that were not running before: new images deployed
    /// (how many of them are unscanned is the documented warning sign).
    NewImagesWithoutScanning,
    /// Entered on images that ran and were scanned before, the id new to
    /// them: a new disclosure, or a rescan that found it.
    NewVulnerabilityDisclosure,
    /// On the same images before and after, a fact moved it between stages
    /// (see [`ChangedFact`]).
    ClusterConfigurationChange,
    /// Left because its images stopped and their workloads now run other
    /// images.
    ImagesReplaced,
    /// Left because its images stopped and their workloads with them.
    ImagesStopped,
    /// Left because its package now runs at another version.
    PackageUpgraded,
    /// Left because a VEX statement now suppresses it.
    SuppressedByVex,
    /// Left the images that still run, the scanners no longer reporting it.
    NoLongerReported,
}

impl ChangeCause {
    /// Every cause.
    pub const ALL: [ChangeCause; 8] = [
        ChangeCause::NewImagesWithoutScanning,
        ChangeCause::NewVulnerabilityDisclosure,
        ChangeCause::ClusterConfigurationChange,
        ChangeCause::ImagesReplaced,
        ChangeCause::ImagesStopped,
        ChangeCause::PackageUpgraded,
        ChangeCause::SuppressedByVex,
        ChangeCause::NoLongerReported,
    ];

    /// The stable machine code.
    pub const fn code(self) -> &'static str {
        match self {
            ChangeCause::NewImagesWithoutScanning => "new_images_without_scanning",
            ChangeCause::NewVulnerabilityDisclosure => "new_vulnerability_disclosure",
            ChangeCause::ClusterConfigurationChange => "cluster_configuration_change",
            ChangeCause::ImagesReplaced => "images_replaced",
            ChangeCause::ImagesStopped => "images_stopped",
            ChangeCause::PackageUpgraded => "package_upgraded",
            ChangeCause::SuppressedByVex => "suppressed_by_vex",
            ChangeCause::NoLongerReported => "no_longer_reported",
        }
    }

    /// The cause in words.
    pub const fn text(self) -> &'static str {
        match self {
            ChangeCause::NewImagesWithoutScanning => "new images were deployed",
            ChangeCause::NewVulnerabilityDisclosure => {
                "a new disclosure or a rescan found it on images already running"
            }
            ChangeCause::ClusterConfigurationChange => {
                "a change in the cluster's configuration moved it"
            }
            ChangeCause::ImagesReplaced => "its images were replaced",
            ChangeCause::ImagesStopped => "its images stopped",
            ChangeCause::PackageUpgraded => "its package was upgraded",
            ChangeCause::SuppressedByVex => "a VEX statement suppresses it",
            ChangeCause::NoLongerReported => "the scanners no longer report it",
        }
    }
}

/// A fact that moved a vulnerability between stages on the same images.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChangedFact {
    /// Contextual analysis newly ran or changed its verdict.
    ContextualAnalysis,
    /// Sensors were installed or failed (what the runtime saw changed, or
    /// the runtime stage came or went).
    Sensors,
    /// An image became scanned or unscanned.
    ScanCoverage,
    /// The severity changed.
    Severity,
    /// The fix state changed.
    Fix,
    /// The scanners reporting it changed (other packages or severity
    /// sources: a scanner added to or removed from the scan configuration).
    Scanners,
}

impl ChangedFact {
    /// The stable machine code.
    pub const fn code(self) -> &'static str {
        match self {
            ChangedFact::ContextualAnalysis => "contextual_analysis",
            ChangedFact::Sensors => "sensors",
            ChangedFact::ScanCoverage => "scan_coverage",
            ChangedFact::Severity => "severity",
            ChangedFact::Fix => "fix",
            ChangedFact::Scanners => "scanners",
        }
    }

    /// The fact in words.
    pub const fn text(self) -> &'static str {
        match self {
            ChangedFact::ContextualAnalysis => "contextual analysis ran or changed its verdict",
            ChangedFact::Sensors => "what the sensors see changed",
            ChangedFact::ScanCoverage => "an image became scanned or unscanned",
            ChangedFact::Severity => "the severity changed",
            ChangedFact::Fix => "the fix changed",
            ChangedFact::Scanners => "the scanners reporting it changed",
        }
    }
}

/// How many vulnerabilities one cause moved, with examples.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CauseCount {
    /// The cause.
    pub cause: ChangeCause,
    /// Distinct vulnerabilities.
    pub count: u64,
    /// Up to five of their ids, in id order.
    pub examples: Vec<String>,
    /// Up to five images behind them, in digest order.
    pub images: Vec<String>,
}

impl ChangeCause {
    /// The documented cause of a sudden increase this cause is, if it is
    /// one of the three.
    pub const fn probable_cause(self) -> Option<ProbableCause> {
        match self {
            ChangeCause::NewImagesWithoutScanning => Some(ProbableCause::NewImagesWithoutScanning),
            ChangeCause::NewVulnerabilityDisclosure => {
                Some(ProbableCause::NewVulnerabilityDisclosure)
            }
            ChangeCause::ClusterConfigurationChange => {
                Some(ProbableCause::ClusterConfigurationChange)
            }
            _ => None,
        }
    }
}

/// What a sudden increase in the funnel may indicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProbableCause {
    /// New images deployed without scanning.
    NewImagesWithoutScanning,
    /// A new vulnerability disclosure affecting running components.
    NewVulnerabilityDisclosure,
    /// A change in cluster configuration.
    ClusterConfigurationChange,
}

impl ProbableCause {
    /// Every cause, in the documentation's order.
    pub const ALL: [ProbableCause; 3] = [
        ProbableCause::NewImagesWithoutScanning,
        ProbableCause::NewVulnerabilityDisclosure,
        ProbableCause::ClusterConfigurationChange,
    ];

    /// The cause in words.
    pub const fn text(self) -> &'static str {
        match self {
            ProbableCause::NewImagesWithoutScanning => "new images were deployed without scanning",
            ProbableCause::NewVulnerabilityDisclosure => {
                "a new vulnerability disclosure affects running components"
            }
            ProbableCause::ClusterConfigurationChange => "the cluster configuration changed",
        }
    }
}
