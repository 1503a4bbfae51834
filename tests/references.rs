//! The image reference vectors (`tests/vectors/references.json`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod support;

use kubesight::ImageRef;
use serde_json::Value;

fn check(case: &Value) -> Result<(), String> {
    let input = case["input"].as_str().ok_or("case without input")?;
    let parsed = ImageRef::parse(input);
    if let Some(code) = case.get("error").and_then(Value::as_str) {
        return match parsed {
            Err(e) if e.code() == code => Ok(()),
            Err(e) => Err(format!("expected error {code}, got {} ({e})", e.code())),
            Ok(r) => Err(format!("expected error {code}, parsed as {r}")),
        };
    }
    let r = parsed.map_err(|e| format!("unexpected error {} ({e})", e.code()))?;
    let actual = serde_json::json!({
        "domain": r.domain(),
        "path": r.path(),
        "tag": r.tag(),
        "digest": r.digest().map(|d| d.as_str()),
        "string": r.to_string(),
        "familiar": r.familiar(),
    });
    let mut expected = case.clone();
    if let Some(map) = expected.as_object_mut() {
        map.retain(|k, _| !matches!(k.as_str(), "input" | "note"));
    }
    support::subset(&expected, &actual, "")?;
    let again = ImageRef::parse(&r.to_string())
        .map_err(|e| format!("its string does not parse again: {e}"))?;
    if again != r {
        return Err(format!(
            "its string parses to a different reference: {again}"
        ));
    }
    Ok(())
}

#[test]
fn reference_vectors() {
    support::check_all("references.json", 150, &["input"], check);
}
