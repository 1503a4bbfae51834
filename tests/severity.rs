//! The severity vocabulary vectors (`tests/vectors/severity.json`).

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod support;

use kubesight::Severity;
use serde_json::Value;

fn check(case: &Value) -> Result<(), String> {
    let word = case["word"].as_str().ok_or("case without word")?;
    let actual =
        serde_json::to_value(Severity::from_vocabulary(word)).map_err(|e| e.to_string())?;
    if actual == case["severity"] {
        Ok(())
    } else {
        Err(format!("expected {}, got {actual}", case["severity"]))
    }
}

#[test]
fn severity_vocabulary_vectors() {
    support::check_all("severity.json", 15, &["word"], check);
}
