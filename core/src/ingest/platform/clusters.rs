//! The cluster list (`POST /runtime/api/v1/clusters`) and a cluster's
//! details (`GET /runtime/api/v1/cluster/{id}`).

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;

use super::fields::{count, id_text, strings, text, time};
use super::pages::{self, ListingPages};
use crate::ingest::{IngestError, IngestWarning, WarningCode};
use crate::runtime::{Cluster, ControllerState, Node, NodeCounts, SensorState};

/// The clusters of a listing.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PlatformClusters {
    /// The clusters, in the listing's order.
    pub clusters: Vec<Cluster>,
    /// What the pages say of the listing as a whole.
    #[serde(default)]
    pub listing: ListingPages,
    /// What was assumed, and why.
    pub warnings: Vec<IngestWarning>,
}

fn warn(warnings: &mut Vec<IngestWarning>, code: WarningCode, at: &str, message: String) {
    warnings.push(IngestWarning {
        code,
        at: at.to_owned(),
        message,
    });
}

fn controller(value: &Value, at: &str, warnings: &mut Vec<IngestWarning>) -> ControllerState {
    match value.get("controller_status").and_then(Value::as_str) {
        Some("running") => ControllerState::Running,
        Some("stopped") => ControllerState::Failed,
        None => ControllerState::NotInstalled,
        Some(other) => {
            warn(
                warnings,
                WarningCode::UnknownStatus,
                at,
                format!(
                    "controller status `{}` counts as failed",
                    other.escape_debug()
                ),
            );
            ControllerState::Failed
        }
    }
}

/// A node's sensor, from its `status` word, cross-checked with
/// `sensor_installed` (see the module's table).
fn sensor(
    status: Option<&str>,
    installed: Option<bool>,
    at: &str,
    warnings: &mut Vec<IngestWarning>,
) -> SensorState {
    let state = match status {
        Some("monitored_with_sensor" | "running_with_sensors" | "running") => SensorState::Running,
        Some("failed") => SensorState::Failed,
        Some("installation_failed" | "failed_to_install") => SensorState::FailedToInstall,
        Some("disabled") => SensorState::Disabled,
        Some("monitored") if installed == Some(true) => {
            warn(
                warnings,
                WarningCode::InconsistentListing,
                at,
                "the node is `monitored` without a sensor, yet `sensor_installed` is true: its sensor counts as failed".into(),
            );
            return SensorState::Failed;
        }
        Some("monitored") => SensorState::NotInstalled,
        None if installed != Some(true) => SensorState::NotInstalled,
        None => {
            warn(
                warnings,
                WarningCode::UnknownStatus,
                at,
                "the node has a sensor but no status: its sensor counts as failed".into(),
            );
            return SensorState::Failed;
        }
        Some(other) => {
            warn(
                warnings,
                WarningCode::UnknownStatus,
                at,
                format!("node status `{}` counts as failed", other.escape_debug()),
            );
            return SensorState::Failed;
        }
    };
    if installed == Some(false) && matches!(state, SensorState::Running | SensorState::Failed) {
        warn(
            warnings,
            WarningCode::InconsistentListing,
            at,
            format!(
                "node status `{}` names a sensor, yet `sensor_installed` is false: the status is kept",
                status.unwrap_or_default()
            ),
        );
    }
    state
}

fn node(value: &Value, at: &str, warnings: &mut Vec<IngestWarning>) -> Option<Node> {
    let Some(name) = text(value, "name").or_else(|| text(value, "hostname")) else {
        warn(
            warnings,
            WarningCode::UnparsableEntry,
            at,
            "a node without name".into(),
        );
        return None;
    };
    let status = value.get("status").and_then(Value::as_str);
    let installed = value.get("sensor_installed").and_then(Value::as_bool);
    let mut node = Node::new(name, sensor(status, installed, at, warnings));
    node.status = status.map(String::from);
    node.id = id_text(value.get("id"));
    node.hostname = text(value, "hostname");
    node.architecture = text(value, "architecture");
    node.region = text(value, "region");
    node.internal_ip = text(value, "internal_ip");
    node.internal_dns = text(value, "internal_dns");
    node.sensor_version = text(value, "sensor_version");
    node.sensor_last_updated = time(value, "sensor_last_updated", at, warnings);
    node.monitored_at = time(value, "monitored_at", at, warnings);
    Some(node)
}

fn node_counts(value: &Value) -> Option<NodeCounts> {
    let counts = NodeCounts {
        nodes: count(value, "nodes_count"),
        running: count(value, "running_nodes_count"),
        failed: count(value, "failed_nodes_count"),
        failed_to_install: count(value, "failed_to_install_nodes_count"),
        disabled: count(value, "disabled_nodes_count"),
    };
    (counts != NodeCounts::default()).then_some(counts)
}

/// The counts the listed nodes give: running is every node whose sensor
/// has not failed, failed to install or been disabled.
fn counted(nodes: &[Node]) -> NodeCounts {
    let of = |s: SensorState| Some(nodes.iter().filter(|n| n.sensor == s).count() as u64);
    let total = nodes.len() as u64;
    let failed = of(SensorState::Failed).unwrap_or(0);
    let failed_to_install = of(SensorState::FailedToInstall).unwrap_or(0);
    let disabled = of(SensorState::Disabled).unwrap_or(0);
    NodeCounts {
        nodes: Some(total),
        running: Some(total - failed - failed_to_install - disabled),
        failed: Some(failed),
        failed_to_install: Some(failed_to_install),
        disabled: Some(disabled),
    }
}

fn cross_check(cluster: &Cluster, at: &str, warnings: &mut Vec<IngestWarning>) {
    let Some(given) = cluster.node_counts else {
        return;
    };
    let listed = counted(&cluster.nodes);
    let pairs = [
        ("nodes_count", given.nodes, listed.nodes),
        ("running_nodes_count", given.running, listed.running),
        ("failed_nodes_count", given.failed, listed.failed),
        (
            "failed_to_install_nodes_count",
            given.failed_to_install,
            listed.failed_to_install,
        ),
        ("disabled_nodes_count", given.disabled, listed.disabled),
    ];
    for (field, given, listed) in pairs {
        if let (Some(given), Some(listed)) = (given, listed) {
            if given != listed {
                warn(
                    warnings,
                    WarningCode::InconsistentListing,
                    at,
                    format!(
                        "cluster {} gives `{field}` {given}, but its nodes listed give {listed}: the nodes are read as listed",
                        cluster.name
                    ),
                );
            }
        }
    }
}

fn cluster(value: &Value, at: &str, warnings: &mut Vec<IngestWarning>) -> Option<Cluster> {
    let Some(name) = text(value, "name") else {
        warn(
            warnings,
            WarningCode::UnparsableEntry,
            at,
            "a cluster without name".into(),
        );
        return None;
    };
    let controller = controller(value, at, warnings);
    let mut nodes = Vec::new();
    let listed = value.get("nodes").and_then(Value::as_array);
    for (i, entry) in listed.into_iter().flatten().enumerate() {
        if let Some(n) = node(entry, &format!("{at}.nodes[{i}]"), warnings) {
            nodes.push(n);
        }
    }
    let mut cluster = Cluster::new(name, controller, nodes);
    cluster.id = id_text(value.get("id"));
    cluster.controller_version = text(value, "controller_version");
    cluster.controller_last_updated = time(value, "controller_last_updated", at, warnings);
    cluster.monitored_at = time(value, "monitored_at", at, warnings);
    cluster.provider = text(value, "provider");
    cluster.regions = strings(value, "regions");
    cluster.node_counts = node_counts(value);
    if listed.is_some() {
        cross_check(&cluster, at, warnings);
    } else {
        let nodes = cluster
            .node_counts
            .and_then(|c| c.nodes)
            .map_or_else(|| "no".to_owned(), |n| n.to_string());
        warn(
            warnings,
            WarningCode::PartialListing,
            at,
            format!(
                "cluster {} lists {nodes} nodes by count only: read the cluster's details for its sensors",
                cluster.name
            ),
        );
    }
    Some(cluster)
}

/// Reads the platform's clusters: pages of the cluster list
/// (`{"clusters": [...]}`), a cluster's details (`{"cluster": {...}}`),
/// or a JSON list of details, in any mix. A cluster listed twice (by name)
/// is read once, with a `duplicate_entry` warning.
///
/// ```
/// let details = r#"{"cluster": {"id": 7, "name": "prod-eu", "controller_status": "running",
///   "controller_version": "1.4.2", "nodes_count": 2, "running_nodes_count": 2, "nodes": [
///     {"id": 1, "name": "node-1", "sensor_installed": true, "status": "monitored_with_sensor"},
///     {"id": 2, "name": "node-2", "sensor_installed": false, "status": "monitored"}]}}"#;
/// let read = kubesight::ingest::runtime_clusters(&[details])?;
/// let nodes = &read.clusters[0].nodes;
/// assert_eq!(nodes[0].sensor, kubesight::runtime::SensorState::Running);
/// assert_eq!(nodes[1].sensor, kubesight::runtime::SensorState::NotInstalled);
/// assert!(read.warnings.is_empty());
/// # Ok::<(), kubesight::ingest::IngestError>(())
/// ```
pub fn runtime_clusters(pages: &[&str]) -> Result<PlatformClusters, IngestError> {
    let several = pages.len() > 1;
    // A list of details, or one cluster's details, is a page of one list:
    // `{"clusters": [...]}`.
    let mut texts: Vec<std::borrow::Cow<'_, str>> = Vec::with_capacity(pages.len());
    for (i, text) in pages.iter().enumerate() {
        let value: Value = serde_json::from_str(text)
            .map_err(|e| pages::wrap(IngestError::json(&e), i, several))?;
        texts.push(match value {
            Value::Array(_) => format!("{{\"clusters\": {text}}}").into(),
            Value::Object(ref o) if o.contains_key("cluster") => {
                format!("{{\"clusters\": [{text}]}}").into()
            }
            Value::Object(ref o) if o.contains_key("clusters") => (*text).into(),
            _ => {
                let error = IngestError::UnrecognizedDocument {
                    format: "runtime cluster listing",
                    reason: "neither `cluster`, nor `clusters`, nor a list".into(),
                };
                return Err(pages::wrap(error, i, several));
            }
        });
    }
    let texts: Vec<&str> = texts.iter().map(|t| t.as_ref()).collect();
    let parsed = pages::parse(&texts, "runtime cluster listing", &["clusters"])?;
    let mut read = PlatformClusters::default();
    let entry = |raw: &RawValue, at: &str, warnings: &mut Vec<IngestWarning>| {
        let value: Value = serde_json::from_str(raw.get()).ok()?;
        match value.get("cluster") {
            Some(details) => cluster(details, &format!("{at}.cluster"), warnings),
            None => cluster(&value, at, warnings),
        }
    };
    let (clusters, listing) = pages::entries(
        &parsed,
        &["clusters"],
        "clusters",
        entry,
        |c: &Cluster| Some(format!("cluster {}", c.name)),
        &mut read.warnings,
    );
    read.clusters = clusters;
    read.listing = listing;
    Ok(read)
}
