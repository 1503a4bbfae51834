//! The installation status: how deep the runtime deployment goes.

use serde::{Deserialize, Serialize};

use super::{Cluster, ControllerState, DisableLabel, SensorState};

/// The runtime deployment level across the clusters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum InstallationStatus {
    /// No cluster has a running controller: the dashboard has no data.
    NoRuntimeInstalled,
    /// Controllers run, but no sensor: every funnel stage works except
    /// Validated in Runtime.
    ControllerOnly,
    /// At least one cluster runs its controller and sensors: every stage is
    /// available.
    Full,
}

impl InstallationStatus {
    /// The stable machine code.
    pub const fn code(self) -> &'static str {
        match self {
            InstallationStatus::NoRuntimeInstalled => "no_runtime_installed",
            InstallationStatus::ControllerOnly => "controller_only",
            InstallationStatus::Full => "full",
        }
    }

    /// Whether the Validated in Runtime stage is available.
    pub const fn has_runtime_validation(self) -> bool {
        matches!(self, InstallationStatus::Full)
    }

    /// What the funnel's last stage can be: available with sensors.
    pub const fn runtime_validation(self) -> crate::funnel::RuntimeValidation {
        crate::funnel::RuntimeValidation::available_if(self.has_runtime_validation())
    }

    /// What the status means for the dashboard, and what to do.
    pub const fn guidance(self) -> &'static str {
        match self {
            InstallationStatus::NoRuntimeInstalled => {
                "the dashboard has no data: install Runtime on at least one cluster"
            }
            InstallationStatus::ControllerOnly => {
                "every funnel stage works except Validated in Runtime: reinstall Runtime with the Controller and Sensors option"
            }
            InstallationStatus::Full => "every funnel stage is available, including runtime validation",
        }
    }
}

/// The installation status and the clusters that made it so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Installation {
    /// The status.
    pub status: InstallationStatus,
    /// Clusters whose controller runs (connected clusters).
    pub connected_clusters: Vec<String>,
    /// Connected clusters with at least one running sensor.
    pub clusters_with_sensors: Vec<String>,
}

impl Installation {
    /// Derives the installation status from the cluster inventory: a cluster
    /// counts when its controller runs; `full` needs at least one such
    /// cluster with a sensor running on a node.
    pub fn of(clusters: &[Cluster], label: &DisableLabel) -> Installation {
        let connected: Vec<&Cluster> = clusters
            .iter()
            .filter(|c| c.controller == ControllerState::Running)
            .collect();
        let with_sensors: Vec<String> = connected
            .iter()
            .filter(|c| {
                c.nodes
                    .iter()
                    .any(|n| label.effective_state(n) == SensorState::Running)
            })
            .map(|c| c.name.clone())
            .collect();
        let status = if connected.is_empty() {
            InstallationStatus::NoRuntimeInstalled
        } else if with_sensors.is_empty() {
            InstallationStatus::ControllerOnly
        } else {
            InstallationStatus::Full
        };
        Installation {
            status,
            connected_clusters: connected.iter().map(|c| c.name.clone()).collect(),
            clusters_with_sensors: with_sensors,
        }
    }
}
