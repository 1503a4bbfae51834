//! The runtime platform vectors (`tests/vectors/runtime.json`): scan status,
//! installation status and cluster health.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod support;

use kubesight::finding::RunningImage;
use kubesight::runtime::{
    Cluster, ClusterHealth, DisableLabel, Installation, ScanReport, ScanStatus,
};
use proptest::prelude::*;
use serde_json::Value;

fn run(section: &str, at_least: usize, check: impl Fn(&Value) -> Result<Value, String>) {
    support::check_section("runtime.json", section, at_least, check);
}

#[test]
fn scan_status_vectors() {
    run("scan_status", 5, |case| {
        let running: Vec<RunningImage> =
            serde_json::from_value(case["running"].clone()).map_err(|e| e.to_string())?;
        serde_json::to_value(ScanReport::of(&running)).map_err(|e| e.to_string())
    });
}

#[test]
fn installation_vectors() {
    run("installation", 4, |case| {
        let clusters: Vec<Cluster> =
            serde_json::from_value(case["clusters"].clone()).map_err(|e| e.to_string())?;
        serde_json::to_value(Installation::of(&clusters, &DisableLabel::default()))
            .map_err(|e| e.to_string())
    });
}

#[test]
fn health_vectors() {
    run("health", 7, |case| {
        let cluster: Cluster =
            serde_json::from_value(case["cluster"].clone()).map_err(|e| e.to_string())?;
        let label = match case.get("label") {
            Some(label) => serde_json::from_value(label.clone()).map_err(|e| e.to_string())?,
            None => DisableLabel::default(),
        };
        serde_json::to_value(ClusterHealth::of(&cluster, &label)).map_err(|e| e.to_string())
    });
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn scanned_and_unscanned_add_up_to_running(entries in proptest::collection::vec((proptest::collection::vec(0u8..30, 1..3), any::<bool>()), 0..40)) {
        let running: Vec<RunningImage> = entries
            .iter()
            .map(|(digests, scanned)| RunningImage {
                digests: digests.iter().map(|d| format!("sha256:{d:064x}").parse().unwrap()).collect(),
                scanned: *scanned,
                monitored: false,
                deployments: Vec::new(),
            })
            .collect();
        let report = ScanReport::of(&running);
        prop_assert_eq!(report.scanned + report.unscanned, report.running);
        prop_assert_eq!(report.unscanned_images.len() as u64, report.unscanned);
        let expected = match (report.running, report.scanned) {
            (0, _) => ScanStatus::NoRunningImages,
            (_, 0) => ScanStatus::NotScanned,
            (r, s) if r == s => ScanStatus::Scanned,
            _ => ScanStatus::Partial,
        };
        prop_assert_eq!(report.status, expected);
    }
}
