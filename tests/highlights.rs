//! The highlights vectors (`tests/vectors/highlights.json`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod support;

use kubesight::finding::FindingIndex;
use kubesight::finding::{Occurrence, RunningImage};
use kubesight::highlights::Highlights;
use kubesight::integrity::Violation;
use serde_json::Value;

fn check(case: &Value) -> Result<(), String> {
    let running: Vec<RunningImage> =
        serde_json::from_value(support::vectors("highlights.json")["running"].clone())
            .map_err(|e| e.to_string())?;
    let occurrences: Vec<Occurrence> =
        serde_json::from_value(case["occurrences"].clone()).map_err(|e| e.to_string())?;
    let violations: Vec<Violation> =
        serde_json::from_value(case["violations"].clone()).map_err(|e| e.to_string())?;
    let index = FindingIndex::new(&running);
    let highlights = Highlights::of_index(&index, &occurrences, &violations);
    let actual = serde_json::to_value(highlights).map_err(|e| e.to_string())?;
    support::subset(&case["expect"], &actual, "")
}

#[test]
fn highlights_vectors() {
    support::check_all("highlights.json", 3, &["name"], check);
}
