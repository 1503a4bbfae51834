//! Findings and running images read from record batches give what the same
//! data as records gives: the funnel, the occurrences, the running images.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "tests"
)]

mod support;

use kubesight::finding::Occurrence;
use kubesight::funnel::{compute, RuntimeValidation};
use kubesight::ErrorCode;
use kubesight_columnar::{
    occurrences, running_images, ColumnarError, FindingColumns, FunnelReader, RunningColumns,
};
use proptest::prelude::*;
use support::{digest, findings_batch, occurrence, running, running_batch, strings, Layout};

proptest! {
    #[test]
    fn the_funnel_of_batches_is_the_funnel_of_records(
        found in proptest::collection::vec(occurrence(), 0..60),
        split in 0..60usize,
        layout in prop_oneof![Just(Layout::Plain), Just(Layout::Dictionary), Just(Layout::View)],
    ) {
        let running = running();
        let expected = compute(&running, &found, RuntimeValidation::Available);
        // Two batches: rows are counted over both.
        let split = split.min(found.len());
        let (a, b) = found.split_at(split);
        let mut reader = FunnelReader::new(&running, FindingColumns::default());
        reader.add(&findings_batch(a, layout)).unwrap();
        reader.add(&findings_batch(b, layout)).unwrap();
        let got = reader.finish(RuntimeValidation::Available);
        prop_assert_eq!(&got.funnel, &expected.funnel);
        prop_assert_eq!(got.skipped, expected.skipped);
        prop_assert_eq!(reader.rows(), found.len() as u64);
    }

    #[test]
    fn occurrences_round_trip_through_batches(
        found in proptest::collection::vec(occurrence(), 0..40),
        layout in prop_oneof![Just(Layout::Plain), Just(Layout::Dictionary), Just(Layout::View)],
    ) {
        let batch = findings_batch(&found, layout);
        prop_assert_eq!(occurrences([&batch], &FindingColumns::default()).unwrap(), found);
    }
}

#[test]
fn running_images_round_trip_through_batches() {
    let running = running();
    for layout in [Layout::Plain, Layout::Dictionary, Layout::View] {
        let batch = running_batch(&running, layout);
        assert_eq!(
            running_images([&batch], &RunningColumns::default()).unwrap(),
            running
        );
    }
}

fn batch(columns: Vec<(&str, arrow_array::ArrayRef)>) -> arrow_array::RecordBatch {
    arrow_array::RecordBatch::try_from_iter(columns).unwrap()
}

fn plain(values: Vec<Option<&str>>) -> arrow_array::ArrayRef {
    strings(values, Layout::Plain)
}

#[test]
fn a_single_digest_column_and_the_callers_names_are_read() {
    let running = running();
    let d = digest(0).to_string();
    let findings = batch(vec![
        ("img", plain(vec![Some(&d)])),
        ("cve", plain(vec![Some("CVE-2024-9")])),
        ("sev", plain(vec![Some("high")])),
    ]);
    let columns = FindingColumns::renamed([
        ("image", "img"),
        ("vulnerability", "cve"),
        ("severity", "sev"),
    ])
    .unwrap();
    let mut reader = FunnelReader::new(&running, columns);
    reader.add(&findings).unwrap();
    let funnel = reader.finish(RuntimeValidation::Available).funnel;
    assert_eq!(funnel.all.vulnerabilities, 1);
    assert_eq!(funnel.critical_high.vulnerabilities, 1);
}

#[test]
fn errors_name_the_column_the_row_and_the_value() {
    let running = running();
    let d = digest(0).to_string();
    let read = |b: arrow_array::RecordBatch| {
        let mut reader = FunnelReader::new(&running, FindingColumns::default());
        reader.add(&b).unwrap_err()
    };
    let e = read(batch(vec![("image", plain(vec![Some(&d)]))]));
    assert_eq!(e.code(), "missing_column");
    assert_eq!(e.details()["column"], "vulnerability");
    assert_eq!(e.details()["found"], "image");

    let e = read(batch(vec![
        ("image", plain(vec![Some(&d), Some(&d)])),
        ("vulnerability", plain(vec![Some("CVE-1"), Some("CVE-2")])),
        ("severity", plain(vec![Some("high"), Some("CRITICAL")])),
    ]));
    assert_eq!(e.code(), "invalid_column_value");
    assert_eq!(e.details()["row"], 1);
    assert_eq!(e.details()["value"], "CRITICAL");
    assert_eq!(
        e.to_string(),
        "column `severity` holds `CRITICAL` at row 1; expected one of critical, high, medium, low, unknown"
    );

    let e = read(batch(vec![
        ("image", plain(vec![Some(&d)])),
        ("vulnerability", plain(vec![None])),
    ]));
    assert_eq!(
        e,
        ColumnarError::NullValue {
            column: "vulnerability".into(),
            row: 0
        }
    );

    let e = read(batch(vec![
        ("image", plain(vec![Some(&d)])),
        (
            "vulnerability",
            std::sync::Arc::new(arrow_array::Int32Array::from(vec![1])) as arrow_array::ArrayRef,
        ),
    ]));
    assert_eq!(e.code(), "wrong_column_type");
    assert_eq!(e.details()["found"], "Int32");

    let e = read(batch(vec![
        ("image", plain(vec![Some("nginx:latest")])),
        ("vulnerability", plain(vec![Some("CVE-1")])),
    ]));
    assert_eq!(e.code(), "invalid_column_value");
    assert_eq!(e.details()["value"], "nginx:latest");

    // A row left out (its image does not run) is read whole all the same,
    // as a record is: the same error as from records.
    let absent = digest(6).to_string();
    let e = read(batch(vec![
        ("image", plain(vec![Some(&absent)])),
        ("vulnerability", plain(vec![Some("CVE-1")])),
        ("applicability", plain(vec![Some("yes")])),
    ]));
    assert_eq!(
        (e.code(), e.details()["row"].as_u64()),
        ("invalid_column_value", Some(0))
    );
    let records: Result<Vec<Occurrence>, _> = serde_json::from_value(serde_json::json!([
        {"image": [absent], "vulnerability": "CVE-1", "applicability": "yes"}
    ]));
    assert!(records.is_err());

    let e = FindingColumns::renamed([("cve", "id")]).unwrap_err();
    assert_eq!(e.code(), "unknown_column_field");
    assert!(e
        .to_string()
        .starts_with("`cve` is not a field of findings; fields: image, vulnerability"));
}

#[test]
fn columns_of_nulls_only_read_as_absent() {
    // As pandas hands over a column it has no value for: type Null, or a
    // list of Null items.
    use arrow_array::{ArrayRef, ListArray, NullArray};
    use arrow_schema::{DataType, Field};
    use std::sync::Arc;
    let running = running();
    let d = digest(0).to_string();
    let empty_lists = ListArray::new_null(Arc::new(Field::new_list_field(DataType::Null, true)), 1);
    let findings = batch(vec![
        ("image", plain(vec![Some(&d)])),
        ("vulnerability", plain(vec![Some("CVE-2024-1")])),
        ("severity", plain(vec![Some("high")])),
        ("aliases", Arc::new(empty_lists) as ArrayRef),
        ("package_purl", Arc::new(NullArray::new(1)) as ArrayRef),
        ("malicious", Arc::new(NullArray::new(1)) as ArrayRef),
    ]);
    let mut reader = FunnelReader::new(&running, FindingColumns::default());
    reader.add(&findings).unwrap();
    assert_eq!(
        reader
            .finish(RuntimeValidation::Available)
            .funnel
            .critical_high
            .vulnerabilities,
        1
    );
    let read = occurrences([&findings], &FindingColumns::default()).unwrap();
    assert_eq!(
        (
            read[0].aliases.len(),
            read[0].package.purl.as_deref(),
            read[0].malicious
        ),
        (0, None, false)
    );
}
