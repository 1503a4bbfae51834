//! The tag mutability vectors (`tests/vectors/tags.json`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod support;

use kubesight::{ImageRef, TagError, TagPolicy, WordChanges};
use serde_json::Value;

/// The case's policy, its `changes` applied; the error of an invalid word.
fn policy(case: &Value) -> Result<Result<TagPolicy, TagError>, String> {
    let preset = match case
        .get("policy")
        .and_then(Value::as_str)
        .unwrap_or("default")
    {
        "default" => TagPolicy::new(),
        "keywords_only" => TagPolicy::keywords_only(),
        other => return Err(format!("unknown policy {other}")),
    };
    let Some(changes) = case.get("changes") else {
        return Ok(Ok(preset));
    };
    let words = |field: &str| -> Vec<String> {
        changes[field]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|w| w.as_str().map(String::from))
            .collect()
    };
    let changes = WordChanges {
        add_keywords: words("add_keywords"),
        remove_keywords: words("remove_keywords"),
        add_variants: words("add_variants"),
        remove_variants: words("remove_variants"),
    };
    Ok(preset.with_changes(&changes))
}

fn check(case: &Value) -> Result<(), String> {
    let class = match policy(case)? {
        Err(e) => Err(e),
        Ok(policy) => match case.get("reference").and_then(Value::as_str) {
            Some(reference) => {
                let r = ImageRef::parse(reference).map_err(|e| e.to_string())?;
                Ok(policy.classify_reference(&r))
            }
            None => policy.classify(case["tag"].as_str().ok_or("case without tag")?),
        },
    };
    match (class, case.get("error").and_then(Value::as_str)) {
        (Err(e), Some(code)) if e.code() == code => Ok(()),
        (Err(e), Some(code)) => Err(format!("expected error {code}, got {}", e.code())),
        (Err(e), None) => Err(format!("unexpected error {} ({e})", e.code())),
        (Ok(class), Some(code)) => Err(format!("expected error {code}, got rule {}", class.rule())),
        (Ok(class), None) => {
            let actual = serde_json::to_value(class).map_err(|e| e.to_string())?;
            let expected =
                serde_json::json!({"rule": case["rule"], "mutability": case["mutability"]});
            support::subset(&expected, &actual, "")
        }
    }
}

#[test]
fn tag_vectors() {
    support::check_all("tags.json", 100, &["tag", "reference"], check);
}

#[test]
fn every_rule_is_exercised_by_a_vector() {
    let cases = support::cases("tags.json");
    for rule in kubesight::TagRule::ALL {
        assert!(
            cases
                .iter()
                .any(|c| c.get("rule").and_then(Value::as_str) == Some(rule.code())),
            "no vector for rule {}",
            rule.code()
        );
    }
}
