//! Cluster and sensor health: is the environment monitored correctly?

use serde::{Deserialize, Serialize};

use super::{Cluster, ControllerState, DisableLabel, SensorState};

/// How a cluster is deployed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ClusterMode {
    /// No controller.
    NotInstalled,
    /// A controller, and no sensor on any node.
    ControllerOnly,
    /// A controller and sensors.
    ControllerAndSensors,
}

/// One node's sensor, once the disable label is taken into account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NodeHealth {
    /// The node.
    pub node: String,
    /// The sensor's effective state.
    pub sensor: SensorState,
}

/// Something that keeps a cluster from being monitored correctly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum HealthProblem {
    /// The controller is not running.
    ControllerNotRunning {
        /// Its state.
        state: ControllerState,
    },
    /// A sensor is installed but failing.
    SensorFailed {
        /// The node.
        node: String,
    },
    /// A sensor could not be installed.
    SensorFailedToInstall {
        /// The node.
        node: String,
    },
    /// Sensors run on other nodes, but not on this one, and it is not
    /// disabled on purpose.
    SensorMissing {
        /// The node.
        node: String,
    },
}

impl HealthProblem {
    /// The stable machine code (`sensor_failed`, ...), as in the serde form.
    pub const fn code(&self) -> &'static str {
        match self {
            HealthProblem::ControllerNotRunning { .. } => "controller_not_running",
            HealthProblem::SensorFailed { .. } => "sensor_failed",
            HealthProblem::SensorFailedToInstall { .. } => "sensor_failed_to_install",
            HealthProblem::SensorMissing { .. } => "sensor_missing",
        }
    }
}

/// The problem in words, with the node or state it is about.
///
/// ```
/// use kubesight::runtime::HealthProblem;
/// let p = HealthProblem::SensorFailed { node: "node-2".into() };
/// assert_eq!(p.to_string(), "the sensor on node-2 failed (sensor_failed)");
/// ```
impl std::fmt::Display for HealthProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HealthProblem::ControllerNotRunning { state } => {
                write!(f, "the controller is {}", state.code())?
            }
            HealthProblem::SensorFailed { node } => write!(f, "the sensor on {node} failed")?,
            HealthProblem::SensorFailedToInstall { node } => {
                write!(f, "the sensor could not be installed on {node}")?
            }
            HealthProblem::SensorMissing { node } => write!(
                f,
                "{node} has no sensor, though other nodes do, and is not disabled"
            )?,
        }
        write!(f, " ({})", self.code())
    }
}

/// The health of one cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ClusterHealth {
    /// The cluster.
    pub cluster: String,
    /// Its controller's state.
    pub controller: ControllerState,
    /// How it is deployed.
    pub mode: ClusterMode,
    /// Per node, the sensor's state; `None` in controller-only mode, where
    /// node-level sensor details are not available.
    pub nodes: Option<Vec<NodeHealth>>,
    /// Whether the cluster is monitored correctly.
    pub monitored_correctly: bool,
    /// Why not, when it is not.
    pub problems: Vec<HealthProblem>,
}

impl ClusterHealth {
    /// The health of `cluster`. A node with the disable label is disabled,
    /// not failed. A cluster is monitored correctly when its controller runs
    /// and every node's sensor runs or is disabled on purpose (a
    /// controller-only cluster is monitored at controller level).
    pub fn of(cluster: &Cluster, label: &DisableLabel) -> ClusterHealth {
        let states: Vec<NodeHealth> = cluster
            .nodes
            .iter()
            .map(|n| NodeHealth {
                node: n.name.clone(),
                sensor: label.effective_state(n),
            })
            .collect();
        let any_sensor = states.iter().any(|n| n.sensor != SensorState::NotInstalled);
        let mode = match (cluster.controller, any_sensor) {
            (ControllerState::NotInstalled, false) => ClusterMode::NotInstalled,
            (_, false) => ClusterMode::ControllerOnly,
            (_, true) => ClusterMode::ControllerAndSensors,
        };
        let mut problems = Vec::new();
        if cluster.controller != ControllerState::Running {
            problems.push(HealthProblem::ControllerNotRunning {
                state: cluster.controller,
            });
        }
        if mode == ClusterMode::ControllerAndSensors {
            for n in &states {
                let node = n.node.clone();
                match n.sensor {
                    SensorState::Failed => problems.push(HealthProblem::SensorFailed { node }),
                    SensorState::FailedToInstall => {
                        problems.push(HealthProblem::SensorFailedToInstall { node })
                    }
                    SensorState::NotInstalled => {
                        problems.push(HealthProblem::SensorMissing { node })
                    }
                    SensorState::Running | SensorState::Disabled => {}
                }
            }
        }
        ClusterHealth {
            cluster: cluster.name.clone(),
            controller: cluster.controller,
            mode,
            nodes: (mode == ClusterMode::ControllerAndSensors).then_some(states),
            monitored_correctly: problems.is_empty(),
            problems,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_the_serde_form() {
        let all = [
            HealthProblem::ControllerNotRunning {
                state: ControllerState::Failed,
            },
            HealthProblem::SensorFailed { node: "n".into() },
            HealthProblem::SensorFailedToInstall { node: "n".into() },
            HealthProblem::SensorMissing { node: "n".into() },
        ];
        for p in all {
            assert_eq!(serde_json::to_value(&p).unwrap()["code"], p.code());
        }
    }
}
