//! The automatic scanning vectors (`tests/vectors/scanning.json`): batch
//! configuration and coverage, dashboard readiness, and the scan plan.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod support;

use kubesight::readiness::Readiness;
use kubesight::runtime::Installation;
use kubesight::scanning::{ObservedImage, ScanConfiguration, ScanConfigurations, ScanPlan};
use serde_json::{json, Value};

fn run(section: &str, at_least: usize, check: impl Fn(&Value) -> Result<Value, String>) {
    support::check_section("scanning.json", section, at_least, check);
}

fn configurations(case: &Value) -> Result<ScanConfigurations, String> {
    serde_json::from_value(case["configurations"].clone()).map_err(|e| e.to_string())
}

#[test]
fn batch_vectors() {
    run("batch", 3, |case| {
        let mut configs = configurations(case)?;
        let clusters: Vec<String> =
            serde_json::from_value(case["clusters"].clone()).map_err(|e| e.to_string())?;
        let clusters: Vec<&str> = clusters.iter().map(String::as_str).collect();
        let configuration: ScanConfiguration =
            serde_json::from_value(case["configuration"].clone()).map_err(|e| e.to_string())?;
        let outcome = match configs.batch_configure(&clusters, &configuration) {
            Ok(changes) => json!({"changes": changes}),
            Err(e) => json!({"error": e.code()}),
        };
        let mut outcome = outcome;
        outcome["coverage"] =
            serde_json::to_value(configs.coverage()).map_err(|e| e.to_string())?;
        Ok(outcome)
    });
}

#[test]
fn readiness_vectors() {
    run("readiness", 4, |case| {
        let installation: Installation =
            serde_json::from_value(case["installation"].clone()).map_err(|e| e.to_string())?;
        serde_json::to_value(Readiness::of(&installation, &configurations(case)?))
            .map_err(|e| e.to_string())
    });
}

#[test]
fn plan_vectors() {
    run("plan", 2, |case| {
        let images: Vec<ObservedImage> =
            serde_json::from_value(case["images"].clone()).map_err(|e| e.to_string())?;
        serde_json::to_value(ScanPlan::of(&images, &configurations(case)?))
            .map_err(|e| e.to_string())
    });
}
