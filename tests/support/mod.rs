//! Helpers shared by the integration tests: reading `tests/vectors/` and
//! comparing a result with the subset of it a vector expects.

#![allow(dead_code, reason = "each test crate uses a different part")]

pub(crate) mod readers;

use std::path::PathBuf;

use serde_json::Value;

/// The parsed contents of `tests/vectors/<name>`.
pub(crate) fn vectors(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors")
        .join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("parsing {}: {e}", path.display()))
}

/// The `cases` array of a vector file.
pub(crate) fn cases(name: &str) -> Vec<Value> {
    match vectors(name).get("cases") {
        Some(Value::Array(cases)) => cases.clone(),
        _ => panic!("{name} has no `cases` array"),
    }
}

/// Checks that `actual` holds `expected`: objects key by key (extra keys in
/// `actual` are fine), arrays element by element with the same length,
/// anything else equal. Returns where the first difference is.
pub(crate) fn subset(expected: &Value, actual: &Value, at: &str) -> Result<(), String> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            e.iter().try_for_each(|(key, ev)| match a.get(key) {
                Some(av) => subset(ev, av, &format!("{at}.{key}")),
                // A field the result leaves out is not a field that is null: a
                // misspelt or removed key must not pass as `null`.
                None => Err(format!(
                    "{at}.{key}: expected {ev}, the result has no such field"
                )),
            })
        }
        (Value::Array(e), Value::Array(a)) if e.len() == a.len() => e
            .iter()
            .zip(a)
            .enumerate()
            .try_for_each(|(i, (ev, av))| subset(ev, av, &format!("{at}[{i}]"))),
        _ if expected == actual => Ok(()),
        _ => Err(format!("{at}: expected {expected}, got {actual}")),
    }
}

/// Runs `check` on every case of `file` (at least `at_least` of them) and
/// fails with every failure at once, each named by the case's `name_key`.
pub(crate) fn check_all(
    file: &str,
    at_least: usize,
    name_keys: &[&str],
    check: impl Fn(&Value) -> Result<(), String>,
) {
    let cases = cases(file);
    assert!(
        cases.len() >= at_least,
        "{file}: at least {at_least} cases, found {}",
        cases.len()
    );
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            let name = name_keys
                .iter()
                .find_map(|k| case.get(*k))
                .cloned()
                .unwrap_or_default();
            check(case).err().map(|e| format!("{name}: {e}"))
        })
        .collect();
    report(file, &failures, cases.len());
}

/// Runs `check` on every case of the array `section` of `file` (at least
/// `at_least` of them); each case's `expect` must be a subset of what
/// `check` returns. Fails with every failure at once, named by `name`.
pub(crate) fn check_section(
    file: &str,
    section: &str,
    at_least: usize,
    check: impl Fn(&Value) -> Result<Value, String>,
) {
    let cases = vectors(file)[section]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(
        cases.len() >= at_least,
        "{file} {section}: at least {at_least} cases"
    );
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            let result = check(case).and_then(|actual| subset(&case["expect"], &actual, ""));
            result.err().map(|e| format!("{}: {e}", case["name"]))
        })
        .collect();
    report(&format!("{file} {section}"), &failures, cases.len());
}

/// Panics with every failure at once, so one run shows them all.
pub(crate) fn report(file: &str, failures: &[String], total: usize) {
    assert!(
        failures.is_empty(),
        "{} of {total} cases in {file} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
