//! The runtime platform's view of a cluster: its controller and, per node,
//! its sensor.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A cluster as the runtime platform lists it. Only `name`, `controller`
/// and `nodes` decide anything; the other fields are kept as the platform
/// gave them, for display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Cluster {
    /// The cluster's name.
    pub name: String,
    /// The state of its runtime controller.
    pub controller: ControllerState,
    /// Its nodes, with their sensors.
    #[serde(default)]
    pub nodes: Vec<Node>,
    /// The platform's identifier of the cluster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The controller's version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub controller_version: Option<String>,
    /// When the controller last reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub controller_last_updated: Option<DateTime<Utc>>,
    /// When monitoring of the cluster started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monitored_at: Option<DateTime<Utc>>,
    /// Where it is hosted (`aws`, `kubernetes`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// The regions it is deployed in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<String>,
    /// The node counts the platform gives, which a cluster list gives
    /// without the nodes themselves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_counts: Option<NodeCounts>,
}

impl Cluster {
    /// A cluster with its name, controller and nodes, and nothing else
    /// known of it.
    ///
    /// ```
    /// use kubesight::runtime::{Cluster, ControllerState};
    /// let cluster = Cluster::new("prod-eu", ControllerState::Running, Vec::new());
    /// assert!(cluster.node_counts.is_none());
    /// ```
    pub fn new(name: impl Into<String>, controller: ControllerState, nodes: Vec<Node>) -> Cluster {
        Cluster {
            name: name.into(),
            controller,
            nodes,
            id: None,
            controller_version: None,
            controller_last_updated: None,
            monitored_at: None,
            provider: None,
            regions: Vec::new(),
            node_counts: None,
        }
    }
}

/// The node counts of a cluster, as the platform gives them (each `None`
/// when the listing leaves it out).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NodeCounts {
    /// Nodes in all (`nodes_count`).
    pub nodes: Option<u64>,
    /// Nodes running (`running_nodes_count`).
    pub running: Option<u64>,
    /// Nodes whose sensor failed (`failed_nodes_count`).
    pub failed: Option<u64>,
    /// Nodes whose sensor failed to install (`failed_to_install_nodes_count`).
    pub failed_to_install: Option<u64>,
    /// Nodes whose sensor is disabled (`disabled_nodes_count`).
    pub disabled: Option<u64>,
}

/// A node of a cluster. Only `name`, `labels` and `sensor` decide
/// anything; the other fields are kept as the platform gave them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Node {
    /// The node's name.
    pub name: String,
    /// The node's Kubernetes labels.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    /// The sensor's state, as reported.
    pub sensor: SensorState,
    /// The node's status word exactly as the platform wrote it
    /// (`monitored_with_sensor`, `running_with_sensors`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// The platform's identifier of the node.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Its host name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hostname: Option<String>,
    /// Its architecture (`amd64`, `arm64`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub architecture: Option<String>,
    /// Its region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Its internal IP address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internal_ip: Option<String>,
    /// Its internal DNS name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internal_dns: Option<String>,
    /// The sensor's version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sensor_version: Option<String>,
    /// When the sensor last reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sensor_last_updated: Option<DateTime<Utc>>,
    /// When monitoring of the node started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monitored_at: Option<DateTime<Utc>>,
}

impl Node {
    /// A node with its name and sensor state, and nothing else known of it.
    pub fn new(name: impl Into<String>, sensor: SensorState) -> Node {
        Node {
            name: name.into(),
            labels: BTreeMap::new(),
            sensor,
            status: None,
            id: None,
            hostname: None,
            architecture: None,
            region: None,
            internal_ip: None,
            internal_dns: None,
            sensor_version: None,
            sensor_last_updated: None,
            monitored_at: None,
        }
    }
}

/// The state of a cluster's runtime controller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
