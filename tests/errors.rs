//! The error catalogue: the codes each area raises are exactly the stable
//! list in `tests/vectors/errors.json`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod support;

use kubesight::funnel::PartialError;
use kubesight::ingest::IngestError;
use kubesight::integrity::IntegrityError;
use kubesight::scanning::ScanningError;
use kubesight::trend::TrendError;
use kubesight::{ReferenceError, TagError};

fn listed(area: &str) -> Vec<String> {
    let doc = support::vectors("errors.json");
    let mut codes: Vec<String> = serde_json::from_value(doc["areas"][area].clone()).unwrap();
    codes.sort_unstable();
    codes
}

fn sorted(codes: &[&str]) -> Vec<String> {
    let mut codes: Vec<String> = codes.iter().map(|c| (*c).to_owned()).collect();
    codes.sort_unstable();
    codes
}

#[test]
fn the_catalogue_matches_the_stable_list() {
    assert_eq!(sorted(&ReferenceError::CODES), listed("reference"));
    assert_eq!(sorted(&TagError::CODES), listed("tag"));
    assert_eq!(sorted(&IntegrityError::CODES), listed("integrity"));
    assert_eq!(sorted(&ScanningError::CODES), listed("scanning"));
    assert_eq!(sorted(&TrendError::CODES), listed("trend"));
    assert_eq!(sorted(&IngestError::CODES), listed("ingest"));
    assert_eq!(sorted(&PartialError::CODES), listed("partial"));
}

#[test]
fn codes_are_snake_case() {
    for code in ReferenceError::CODES
        .iter()
        .chain(&TagError::CODES)
        .chain(&IntegrityError::CODES)
        .chain(&ScanningError::CODES)
        .chain(&TrendError::CODES)
        .chain(&IngestError::CODES)
        .chain(&PartialError::CODES)
    {
        assert!(
            code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
            "{code}"
        );
    }
}

#[test]
fn every_error_code_in_the_vectors_is_in_the_catalogue() {
    for (file, area) in [
        ("references.json", &ReferenceError::CODES[..]),
        ("tags.json", &TagError::CODES[..]),
    ] {
        for case in support::cases(file) {
            if let Some(code) = case.get("error").and_then(|c| c.as_str()) {
                assert!(area.contains(&code), "{file}: {code} is not a known code");
            }
        }
    }
}

/// The code and details of the error a vector's call raises.
fn raised(call: &str, input: &serde_json::Value) -> (String, serde_json::Value) {
    use kubesight::ErrorCode;
    fn of<E: ErrorCode>(e: E) -> (String, serde_json::Value) {
        (e.code().to_owned(), serde_json::Value::Object(e.details()))
    }
    let text = input.as_str().unwrap_or_default();
    match call {
        "parse_reference" => of(kubesight::ImageRef::parse(text).unwrap_err()),
        "parse_image_id" => of(kubesight::ImageId::parse(text).unwrap_err()),
        "parse_digest" => of(text.parse::<kubesight::Digest>().unwrap_err()),
        "classify_tag" => of(kubesight::TagPolicy::new().classify(text).unwrap_err()),
        "trusted_registries" => {
            let patterns: Vec<String> = serde_json::from_value(input.clone()).unwrap();
            of(kubesight::integrity::TrustedRegistries::new(&patterns).unwrap_err())
        }
        "read_grype" => of(kubesight::ingest::grype(text).unwrap_err()),
        other => panic!("no call named {other}"),
    }
}

#[test]
fn errors_carry_their_details() {
    let doc = support::vectors("errors.json");
    let cases = doc["details"].as_array().unwrap();
    assert!(cases.len() >= 10);
    for case in cases {
        let (code, details) = raised(case["call"].as_str().unwrap(), &case["input"]);
        assert_eq!(code, case["error"], "{case}");
        assert_eq!(details, case["details"], "{case}");
    }
}
