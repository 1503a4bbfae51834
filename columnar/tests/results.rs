//! Table-shaped results written as Arrow batches say what their rows say:
//! each batch, read back as JSON rows, is the rows' serde form with the
//! signals and counts spread over columns of their own.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "tests"
)]

mod support;

use arrow_array::RecordBatch;
use kubesight::enrichment::Enrichment;
use kubesight::finding::{Occurrence, RunningImage};
use kubesight::funnel::RuntimeValidation;
use kubesight::images::ImagesView;
use kubesight::integrity::IntegrityAssessment;
use kubesight::table::VulnerabilityTable;
use kubesight::trend::{Snapshot, TrendRequest, TrendResult};
use kubesight_columnar::{images_batch, table_batch, trend_batch};
use proptest::prelude::*;
use serde_json::{json, Map, Value};
use support::{occurrence, running};

fn vectors(file: &str) -> Value {
    let path = format!("{}/../tests/vectors/{file}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn read<T: serde::de::DeserializeOwned>(case: &Value, key: &str) -> T {
    serde_json::from_value(case.get(key).cloned().unwrap_or(Value::Null)).unwrap()
}

/// The batch's rows as JSON, nulls left out.
fn rows_of(batch: &RecordBatch) -> Vec<Value> {
    let mut writer = arrow_json::ArrayWriter::new(Vec::new());
    writer.write(batch).unwrap();
    writer.finish().unwrap();
    let text = writer.into_inner();
    if text.is_empty() {
        return Vec::new();
    }
    serde_json::from_slice(&text).unwrap()
}

/// `value` without its nulls, at any depth.
fn no_nulls(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, no_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(no_nulls).collect()),
        other => other,
    }
}

/// `row[key]`'s fields moved up to `row`, each name prefixed.
fn spread(row: &mut Map<String, Value>, key: &str, prefix: &str) {
    if let Some(Value::Object(inner)) = row.remove(key) {
        for (k, v) in inner {
            row.insert(format!("{prefix}{k}"), v);
        }
    }
}

fn expected_table_rows(table: &VulnerabilityTable) -> Vec<Value> {
    table
        .rows()
        .iter()
        .map(|row| {
            let Value::Object(mut row) = serde_json::to_value(row).unwrap() else {
                panic!("a row is an object");
            };
            let kev = row.get("kev").is_some_and(|k| !k.is_null());
            if let Some(Value::Object(epss)) = row.remove("epss") {
                let field = |k: &str| epss.get(k).cloned().unwrap_or(Value::Null);
                row.insert("epss_score".into(), field("score"));
                row.insert("epss_percentile".into(), field("percentile"));
            }
            if let Some(Value::Object(mut entry)) = row.remove("kev") {
                entry.remove("cve");
                for (k, v) in entry {
                    row.insert(format!("kev_{k}"), v);
                }
            }
            row.insert("kev".into(), json!(kev));
            no_nulls(Value::Object(row))
        })
        .collect()
}

fn check_table(table: &VulnerabilityTable) {
    let rows = table.rows();
    let batch = table_batch(&rows).unwrap();
    assert_eq!(batch.num_rows(), rows.len());
    assert_eq!(rows_of(&batch), expected_table_rows(table));
}

#[test]
fn the_table_vectors_as_arrow_are_their_rows() {
    let cases = vectors("prioritization.json");
    let cases = cases["table"].as_array().unwrap();
    assert!(cases.len() >= 5);
    let mut signals = 0;
    for case in cases {
        let running: Vec<RunningImage> = read(case, "running");
        let findings: Vec<Occurrence> = read(case, "findings");
        let enrichment: Option<Enrichment> = read(case, "enrichment");
        let validation = RuntimeValidation::available_if(read(case, "runtime_validation"));
        let table = VulnerabilityTable::build(&running, &findings, validation, enrichment.as_ref());
        signals += table
            .rows()
            .iter()
            .filter(|r| r.epss.is_some() || r.kev.is_some())
            .count();
        check_table(&table);
    }
    assert!(signals > 0, "the vectors hold EPSS and KEV signals");
}

#[test]
fn cvss_scores_and_packages_are_lists_of_structs() {
    let running = running();
    let mut found: Occurrence = serde_json::from_value(json!({
        "image": [running[0].digests[0].as_str()],
        "vulnerability": "CVE-2024-7",
        "severity": "critical",
        "package": {"name": "openssl", "version": "3.0.1", "purl": "pkg:deb/debian/openssl@3.0.1"},
        "fix": {"state": "fixed", "versions": ["3.0.2", "3.1.0"]},
    }))
    .unwrap();
    found.cvss = serde_json::from_value(json!([
        {"source": "nvd", "version": "3.1", "score": 9.8, "vector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"},
        {"score": 7.5},
    ]))
    .unwrap();
    let table = VulnerabilityTable::build(&running, &[found], RuntimeValidation::Available, None);
    check_table(&table);
    let rows = rows_of(&table_batch(&table.rows()).unwrap());
    let scores = rows[0]["cvss"].as_array().unwrap();
    assert_eq!(scores.len(), 2);
    assert!(scores.contains(&json!({"score": 7.5})), "{scores:?}");
    assert_eq!(
        rows[0]["packages"][0]["fixed_versions"],
        json!(["3.0.2", "3.1.0"])
    );
    assert_eq!(
        rows[0]["packages"][0]["purl"],
        json!("pkg:deb/debian/openssl@3.0.1")
    );
}

#[test]
fn the_schema_is_the_same_whatever_the_data() {
    let empty = table_batch(&[]).unwrap();
    let cases = vectors("prioritization.json");
    let case = &cases["table"][0];
    let table = VulnerabilityTable::build(
        &read::<Vec<RunningImage>>(case, "running"),
        &read::<Vec<Occurrence>>(case, "findings"),
        RuntimeValidation::Available,
        None,
    );
    let some = table_batch(&table.rows()).unwrap();
    assert_eq!(empty.num_rows(), 0);
    assert!(some.num_rows() > 0);
    assert_eq!(empty.schema(), some.schema());
    assert_eq!(images_batch(&[]).unwrap().schema().fields().len(), 21);
}

#[test]
fn the_images_vectors_as_arrow_are_their_rows() {
    let cases = vectors("prioritization.json");
    let cases = cases["images"].as_array().unwrap();
    assert!(!cases.is_empty());
    for case in cases {
        let running: Vec<RunningImage> = read(case, "running");
        let findings: Vec<Occurrence> = read(case, "findings");
        let integrity: Option<Vec<IntegrityAssessment>> = read(case, "integrity");
        let view = ImagesView::build(&running, &findings, &integrity.unwrap_or_default());
        let batch = images_batch(&view.rows).unwrap();
        let expected: Vec<Value> = view
            .rows
            .iter()
            .map(|row| {
                let Value::Object(mut row) = serde_json::to_value(row).unwrap() else {
                    panic!("a row is an object");
                };
                spread(&mut row, "vulnerabilities", "");
                spread(&mut row, "integrity", "integrity_");
                no_nulls(Value::Object(row))
            })
            .collect();
        assert_eq!(rows_of(&batch), expected);
    }
}

#[test]
fn the_trend_vectors_as_arrow_are_their_series() {
    let cases = vectors("trend.json");
    let mut checked = 0;
    for case in cases["windows"].as_array().unwrap() {
        if case.get("error").is_some() {
            continue;
        }
        let mut request = case["options"].as_object().cloned().unwrap_or_default();
        request.insert("now".into(), case["now"].clone());
        let request: TrendRequest = serde_json::from_value(Value::Object(request)).unwrap();
        let snapshots: Vec<Snapshot> = read(case, "snapshots");
        let Ok(result) = TrendResult::of_request(&snapshots, &request) else {
            continue;
        };
        let series = serde_json::to_value(&result.series).unwrap();
        let expected: Vec<Value> = (0..result.series.dates.len())
            .map(|i| {
                let row: Map<String, Value> = series
                    .as_object()
                    .unwrap()
                    .iter()
                    .map(|(k, v)| {
                        let k = match k.as_str() {
                            "dates" => "date",
                            "states" => "state",
                            other => other,
                        };
                        (k.to_string(), v[i].clone())
                    })
                    .collect();
                no_nulls(Value::Object(row))
            })
            .collect();
        assert_eq!(rows_of(&trend_batch(&result.series).unwrap()), expected);
        checked += 1;
    }
    assert!(checked >= 5, "{checked} windows checked");
}

proptest! {
    #[test]
    fn any_table_as_arrow_is_its_rows(
        found in proptest::collection::vec(occurrence(), 0..60),
        available in any::<bool>(),
    ) {
        let table = VulnerabilityTable::build(
            &running(),
            &found,
            RuntimeValidation::available_if(available),
            None,
        );
        check_table(&table);
    }
}
