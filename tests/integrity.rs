//! The integrity vectors (`tests/vectors/integrity.json`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod support;

use chrono::{DateTime, Utc};
use kubesight::integrity::{
    IntegrityAssessment, IntegrityFacts, IntegrityPolicy, TrustedRegistries,
};
use kubesight::TagPolicy;
use serde_json::Value;

fn run(case: &Value) -> Result<IntegrityAssessment, String> {
    let trusted = TrustedRegistries::new(
        case["policy"]["trusted"]
            .as_array()
            .ok_or("policy.trusted")?
            .iter()
            .filter_map(Value::as_str),
    )
    .map_err(|e| e.to_string())?;
    let tags = match case["policy"]["tags"].as_str() {
        Some("keywords_only") => TagPolicy::keywords_only(),
        _ => TagPolicy::new(),
    };
    let policy = IntegrityPolicy::new(trusted).with_tag_policy(tags);
    let facts: IntegrityFacts =
        serde_json::from_value(case["facts"].clone()).map_err(|e| format!("facts: {e}"))?;
    let observed_at: DateTime<Utc> =
        serde_json::from_value(case["observed_at"].clone()).map_err(|e| e.to_string())?;
    Ok(policy.assess(&facts, observed_at))
}

fn check(case: &Value) -> Result<(), String> {
    let assessment = run(case)?;
    let actual = serde_json::to_value(&assessment).map_err(|e| e.to_string())?;
    support::subset(&case["expect"], &actual, "")?;
    let back: IntegrityAssessment =
        serde_json::from_value(actual).map_err(|e| format!("round trip: {e}"))?;
    if back != assessment {
        return Err("the assessment does not survive a serde round trip".into());
    }
    Ok(())
}

#[test]
fn integrity_vectors() {
    support::check_all("integrity.json", 20, &["name"], check);
}

#[test]
fn every_status_and_violation_kind_is_exercised() {
    let cases = support::cases("integrity.json");
    let outcomes: Vec<IntegrityAssessment> = cases.iter().map(|c| run(c).unwrap()).collect();
    for status in kubesight::integrity::IntegrityStatus::ALL {
        assert!(
            outcomes.iter().any(|a| a.status == Some(status)),
            "no vector reaches {}",
            status.code()
        );
    }
    assert!(
        outcomes.iter().any(|a| a.status.is_none()),
        "no vector is undetermined"
    );
    for kind in kubesight::integrity::ViolationKind::ALL {
        assert!(
            outcomes
                .iter()
                .any(|a| a.violation.as_ref().map(|v| v.kind) == Some(kind)),
            "no vector reaches {}",
            kind.code()
        );
    }
}

#[test]
fn reasons_read_as_sentences() {
    for case in support::cases("integrity.json") {
        for reason in run(&case).unwrap().reasons {
            let text = reason.to_string();
            assert!(
                !text.is_empty() && !text.ends_with('.') && !text.contains('\n'),
                "{text}"
            );
        }
    }
}
