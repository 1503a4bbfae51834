//! The vulnerability table and the images view read batch by batch are
//! those built from the same findings as occurrences, however the rows are
//! split into batches; a batch with a bad row adds nothing.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "tests"
)]

mod support;

use arrow_array::RecordBatch;
use kubesight::finding::{Occurrence, RunningImage};
use kubesight::funnel::RuntimeValidation;
use kubesight::highlights::Highlights;
use kubesight::images::ImagesView;
use kubesight::integrity::IntegrityAssessment;
use kubesight::integrity::Violation;
use kubesight::table::VulnerabilityTable;
use kubesight::ErrorCode;
use kubesight_columnar::{
    occurrences, FindingColumns, HighlightsReader, ImagesReader, TableReader,
};
use proptest::prelude::*;
use serde_json::Value;
use support::{findings_batch, occurrence, running, Layout};

/// What a user reads of a table: its rows, malicious packages and counts.
fn seen(table: &VulnerabilityTable) -> Value {
    serde_json::json!({
        "rows": table.rows(),
        "malicious": table.malicious_packages(),
        "stages": table.stage_counts().iter().map(|(s, n)| (s.code(), *n)).collect::<Vec<_>>(),
    })
}

/// The table of `batches` read one by one, beside the table built from
/// the occurrences they hold.
fn both(
    running: &[RunningImage],
    batches: &[RecordBatch],
    validation: RuntimeValidation,
) -> (Value, Value) {
    let columns = FindingColumns::default();
    let mut reader = TableReader::new(running, columns.clone());
    for b in batches {
        reader.add(b).unwrap();
    }
    let rows: usize = batches.iter().map(RecordBatch::num_rows).sum();
    assert_eq!(reader.rows(), rows as u64);
    let found = occurrences(batches, &columns).unwrap();
    let built = VulnerabilityTable::build(running, &found, validation, None);
    (seen(&reader.finish(validation, None)), seen(&built))
}

fn split(found: &[Occurrence], size: usize, layout: Layout) -> Vec<RecordBatch> {
    found
        .chunks(size.max(1))
        .map(|part| findings_batch(part, layout))
        .collect()
}

/// The cases of one section of the prioritization vectors.
fn cases(section: &str) -> Vec<Value> {
    let path = format!(
        "{}/../tests/vectors/prioritization.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let all: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    all[section].as_array().unwrap().clone()
}

#[test]
fn the_table_vectors_read_in_batches_are_their_tables() {
    let cases = cases("table");
    assert!(cases.len() >= 5);
    let mut rows = 0;
    for case in &cases {
        let running: Vec<RunningImage> = serde_json::from_value(case["running"].clone()).unwrap();
        let found: Vec<Occurrence> = serde_json::from_value(case["findings"].clone()).unwrap();
        let validation = RuntimeValidation::available_if(case["runtime_validation"] == true);
        for size in [1, 2, 1000] {
            let (read, built) = both(
                &running,
                &split(&found, size, Layout::Dictionary),
                validation,
            );
            assert_eq!(read, built, "{} in batches of {size}", case["name"]);
            rows += read["rows"].as_array().unwrap().len();
        }
    }
    assert!(rows > 0);
}

/// The images view of `batches` read one by one, beside the view built
/// from the occurrences they hold.
fn both_views(
    running: &[RunningImage],
    batches: &[RecordBatch],
    integrity: &[IntegrityAssessment],
) -> (ImagesView, ImagesView) {
    let columns = FindingColumns::default();
    let mut reader = ImagesReader::new(running, columns.clone());
    for b in batches {
        reader.add(b).unwrap();
    }
    let rows: usize = batches.iter().map(RecordBatch::num_rows).sum();
    assert_eq!(reader.rows(), rows as u64);
    let found = occurrences(batches, &columns).unwrap();
    (
        reader.finish(integrity),
        ImagesView::build(running, &found, integrity),
    )
}

#[test]
fn the_images_vectors_read_in_batches_are_their_views() {
    let cases = cases("images");
    assert!(!cases.is_empty());
    for case in &cases {
        let running: Vec<RunningImage> = serde_json::from_value(case["running"].clone()).unwrap();
        let found: Vec<Occurrence> = serde_json::from_value(case["findings"].clone()).unwrap();
        let integrity: Vec<IntegrityAssessment> =
            serde_json::from_value(case["integrity"].clone()).unwrap_or_default();
        for size in [1, 3, 1000] {
            let (read, built) =
                both_views(&running, &split(&found, size, Layout::Plain), &integrity);
            assert_eq!(read, built, "{} in batches of {size}", case["name"]);
        }
    }
}

#[test]
fn the_highlights_vectors_read_in_batches_are_their_highlights() {
    let path = format!(
        "{}/../tests/vectors/highlights.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let all: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let running: Vec<RunningImage> = serde_json::from_value(all["running"].clone()).unwrap();
    let cases = all["cases"].as_array().unwrap();
    assert!(cases.len() >= 3);
    for case in cases {
        let found: Vec<Occurrence> = serde_json::from_value(case["occurrences"].clone()).unwrap();
        let violations: Vec<Violation> =
            serde_json::from_value(case["violations"].clone()).unwrap();
        for size in [1, 2, 1000] {
            let batches = split(&found, size, Layout::Plain);
            let mut reader = HighlightsReader::new(&running, FindingColumns::default());
            for b in &batches {
                reader.add(b).unwrap();
            }
            let read = reader.finish(&violations);
            let found = occurrences(&batches, &FindingColumns::default()).unwrap();
            let built = Highlights::of(&running, &found, &violations);
            assert_eq!(read, built, "{} in batches of {size}", case["name"]);
        }
    }
}

#[test]
fn a_batch_with_a_bad_row_adds_nothing() {
    let running = running();
    let found: Vec<Occurrence> = (0..1)
        .map(|i| {
            serde_json::from_value(serde_json::json!({
                "image": [support::digest(i)],
                "vulnerability": format!("CVE-2024-{i}"),
                "severity": "high",
            }))
            .unwrap()
        })
        .collect();
    let good = findings_batch(&found[..1], Layout::Plain);
    // Its first row is good, its second's severity is no severity's code.
    let image = support::digest(1).to_string();
    let bad = RecordBatch::try_from_iter([
        (
            "image",
            support::strings(vec![Some(&image), Some(&image)], Layout::Plain),
        ),
        (
            "vulnerability",
            support::strings(vec![Some("CVE-2024-1"), Some("CVE-2024-2")], Layout::Plain),
        ),
        (
            "severity",
            support::strings(vec![Some("high"), Some("urgent")], Layout::Plain),
        ),
    ])
    .unwrap();
    let mut reader = TableReader::new(&running, FindingColumns::default());
    reader.add(&good).unwrap();
    let error = reader.add(&bad).unwrap_err();
    // The bad row is the third the reader was given.
    assert_eq!(error.code(), "invalid_column_value");
    assert_eq!(error.details()["row"], 2, "{error}");
    assert_eq!(reader.rows(), 1);
    let table = reader.finish(RuntimeValidation::Available, None);
    let ids: Vec<String> = table.rows().into_iter().map(|r| r.id).collect();
    assert_eq!(ids, ["CVE-2024-0"]);
}

proptest! {
    #[test]
    fn any_findings_in_any_batches_are_one_table_and_one_view(
        found in proptest::collection::vec(occurrence(), 0..60),
        size in 1usize..20,
        dictionary in any::<bool>(),
        available in any::<bool>(),
    ) {
        let layout = if dictionary { Layout::Dictionary } else { Layout::Plain };
        let validation = RuntimeValidation::available_if(available);
        let batches = split(&found, size, layout);
        let (read, built) = both(&running(), &batches, validation);
        prop_assert_eq!(read, built);
        let (read, built) = both_views(&running(), &batches, &[]);
        prop_assert_eq!(read, built);
    }
}
