//! Dashboard readiness: the documented prerequisites of the Vulnerability
//! Prioritization Dashboard, each unmet one with what to do.

use serde::{Deserialize, Serialize};

use crate::runtime::{Installation, InstallationStatus};
use crate::scanning::{ScanConfigurations, Scanner};

/// A prerequisite of the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Prerequisite {
    /// At least one cluster connected with a running controller.
    ConnectedCluster,
    /// Automatic scanning with at least SCA and Vulnerabilities Contextual
    /// Analysis on every connected cluster.
    AutomaticScanning,
    /// Controller and sensors, for the Validated in Runtime stage.
    RuntimeSensors,
}

impl Prerequisite {
    /// The stable machine code.
    pub const fn code(self) -> &'static str {
        match self {
            Prerequisite::ConnectedCluster => "connected_cluster",
            Prerequisite::AutomaticScanning => "automatic_scanning",
            Prerequisite::RuntimeSensors => "runtime_sensors",
        }
    }

    /// The documented action.
    pub const fn action(self) -> &'static str {
        match self {
            Prerequisite::ConnectedCluster => {
                "Install Runtime on at least one cluster, so that a controller runs (Administration > Runtime > Cluster Management > Install Runtime)"
            }
            Prerequisite::AutomaticScanning => {
                "Enable Automatic Security Scanning with at least SCA and Vulnerabilities Contextual Analysis for each cluster (Administration > Runtime > Cluster Management > Configure)"
            }
            Prerequisite::RuntimeSensors => {
                "Reinstall Runtime with the Controller and Sensors option (Administration > Runtime > Cluster Management > Install Runtime)"
            }
        }
    }

    /// What the dashboard lacks while it is unmet.
    pub const fn impact(self) -> &'static str {
        match self {
            Prerequisite::ConnectedCluster => "the dashboard has no data",
            Prerequisite::AutomaticScanning => {
                "the funnel and vulnerability table show incomplete data"
            }
            Prerequisite::RuntimeSensors => {
                "the Validated in Runtime stage is unavailable; every other stage works"
            }
        }
    }
}

/// An unmet prerequisite.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Unmet {
    /// Which.
    pub prerequisite: Prerequisite,
    /// The clusters concerned (for automatic scanning: connected clusters
    /// without SCA or contextual analysis).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clusters: Vec<String>,
    /// What the dashboard lacks.
    pub impact: String,
    /// What to do.
    pub action: String,
}

/// Whether the dashboard can show complete data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Readiness {
    /// Whether the data is complete (a connected cluster, and scanning with
    /// SCA and contextual analysis everywhere); the runtime stage may still
    /// be missing.
    pub complete_data: bool,
    /// Whether every prerequisite is met, runtime sensors included.
    pub ready: bool,
    /// The unmet prerequisites, in the documentation's order.
    pub unmet: Vec<Unmet>,
}

impl Readiness {
    /// Checks the prerequisites against the installation and the scan
    /// configurations.
    pub fn of(installation: &Installation, configurations: &ScanConfigurations) -> Readiness {
        let mut unmet = Vec::new();
        let add = |unmet: &mut Vec<Unmet>, prerequisite: Prerequisite, clusters: Vec<String>| {
            unmet.push(Unmet {
                prerequisite,
                clusters,
                impact: prerequisite.impact().to_owned(),
                action: prerequisite.action().to_owned(),
            });
        };
        if installation.connected_clusters.is_empty() {
            add(&mut unmet, Prerequisite::ConnectedCluster, Vec::new());
        }
        let unscanned: Vec<String> = installation
            .connected_clusters
            .iter()
            .filter(|c| {
                configurations.get(c).is_none_or(|config| {
                    !(config.scanners.contains(&Scanner::Sca)
                        && config.scanners.contains(&Scanner::ContextualAnalysis))
                })
            })
            .cloned()
            .collect();
        if !unscanned.is_empty() {
            add(&mut unmet, Prerequisite::AutomaticScanning, unscanned);
        }
        let complete_data = unmet.is_empty();
        if installation.status != InstallationStatus::Full {
            add(&mut unmet, Prerequisite::RuntimeSensors, Vec::new());
        }
        Readiness {
            complete_data,
            ready: unmet.is_empty(),
            unmet,
        }
    }
}
