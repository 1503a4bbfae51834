//! The runtime platform's state: installation status, cluster and sensor
//! health, and scan status.

mod cluster;
mod health;
mod installation;
mod scan_status;

pub use cluster::{Cluster, ControllerState, DisableLabel, Node, NodeCounts, SensorState};
pub use health::{ClusterHealth, ClusterMode, HealthProblem, NodeHealth};
pub use installation::{Installation, InstallationStatus};
pub use scan_status::{ScanReport, ScanStatus};
