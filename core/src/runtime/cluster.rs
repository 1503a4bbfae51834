//! The runtime platform's view of a cluster: its controller and, per node,
//! its sensor.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// A cluster as the runtime platform lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cluster {
    /// The cluster's name.
    pub name: String,
    /// The state of its runtime controller.
    pub controller: ControllerState,
    /// Its nodes, with their sensors.
    #[serde(default)]
    pub nodes: Vec<Node>,
}

/// A node of a cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    /// The node's name.
    pub name: String,
    /// The node's Kubernetes labels.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    /// The sensor's state, as reported.
    pub sensor: SensorState,
}

/// The state of a cluster's runtime controller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ControllerState {
    /// Running and connected.
    Running,
    /// Installed but failing or disconnected.
    Failed,
    /// Not installed.
    NotInstalled,
}

impl ControllerState {
    /// The stable machine code.
    pub const fn code(self) -> &'static str {
        match self {
            ControllerState::Running => "running",
            ControllerState::Failed => "failed",
            ControllerState::NotInstalled => "not_installed",
        }
    }
}

/// The state of a node's runtime sensor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SensorState {
    /// Running.
    Running,
    /// Installed but failing.
    Failed,
    /// The installation failed.
    FailedToInstall,
    /// Disabled on purpose (the node carries the disable label).
    Disabled,
    /// Not installed.
    NotInstalled,
}

impl SensorState {
    /// The stable machine code.
    pub const fn code(self) -> &'static str {
        match self {
            SensorState::Running => "running",
            SensorState::Failed => "failed",
            SensorState::FailedToInstall => "failed_to_install",
            SensorState::Disabled => "disabled",
            SensorState::NotInstalled => "not_installed",
        }
    }
}

impl fmt::Display for SensorState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The label that disables the sensor on a node: `kubectl label nodes NODE
/// disable_jfrog_runtime=true` by default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisableLabel {
    /// The label's key.
    pub key: String,
    /// The label's value.
    pub value: String,
}

impl Default for DisableLabel {
    fn default() -> Self {
        DisableLabel {
            key: "disable_jfrog_runtime".to_owned(),
            value: "true".to_owned(),
        }
    }
}

impl DisableLabel {
    /// Whether `node` carries the label.
    pub fn is_on(&self, node: &Node) -> bool {
        node.labels.get(&self.key).is_some_and(|v| *v == self.value)
    }

    /// The sensor state of `node` once the label is taken into account: a
    /// labelled node whose sensor is not running is disabled, not failed.
    pub fn effective_state(&self, node: &Node) -> SensorState {
        if self.is_on(node) && node.sensor != SensorState::Running {
            SensorState::Disabled
        } else {
            node.sensor
        }
    }
}
