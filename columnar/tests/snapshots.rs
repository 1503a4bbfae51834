//! Trend snapshots from columns: the rows of many snapshots, told apart by
//! their `taken_at`, are the snapshots built by hand, whatever the
//! instants' unit or text, and a bad instant is named by column and row
//! counted over every batch.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "tests"
)]

mod support;

use std::sync::Arc;

use arrow_array::{
    ArrayRef, RecordBatch, StringArray, TimestampNanosecondArray, TimestampSecondArray,
};
use chrono::{DateTime, Utc};
use kubesight::finding::{Applicability, Fix, Occurrence, Package, RunningImage};
use kubesight::trend::{Snapshot, SnapshotState, TrendRequest, TrendResult};
use kubesight::{ErrorCode, Severity};
use kubesight_columnar::{snapshots, ColumnarError, FindingColumns, RunningColumns};
use support::{findings_batch, running, running_batch, Layout};

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

/// `batch` with a `taken_at` column added.
fn taken_at(batch: &RecordBatch, instants: ArrayRef) -> RecordBatch {
    let schema = batch.schema();
    let columns = schema
        .fields()
        .iter()
        .map(|f| f.name().clone())
        .zip(batch.columns().iter().cloned())
        .chain([("taken_at".to_owned(), instants)]);
    RecordBatch::try_from_iter(columns).unwrap()
}

fn seconds(instants: &[DateTime<Utc>]) -> ArrayRef {
    Arc::new(TimestampSecondArray::from(
        instants.iter().map(DateTime::timestamp).collect::<Vec<_>>(),
    ))
}

fn nanoseconds(instants: &[DateTime<Utc>]) -> ArrayRef {
    let values: Vec<i64> = instants
        .iter()
        .map(|t| t.timestamp_nanos_opt().unwrap())
        .collect();
    Arc::new(TimestampNanosecondArray::from(values).with_timezone("UTC"))
}

fn texts(values: Vec<Option<&str>>) -> ArrayRef {
    Arc::new(StringArray::from(values))
}

fn finding(image: &RunningImage, id: &str, severity: Severity) -> Occurrence {
    Occurrence {
        image: image.digests.clone(),
        vulnerability: id.to_owned(),
        aliases: Vec::new(),
        package: Package {
            name: "openssl".into(),
            version: "3.0.1".into(),
            ..Package::default()
        },
        severity,
        severity_source: None,
        cvss: Vec::new(),
        applicability: Applicability::default(),
        fix: Fix::default(),
        runtime: Default::default(),
        malicious: false,
    }
}

fn snapshot(
    taken_at: DateTime<Utc>,
    running: Vec<RunningImage>,
    occurrences: Vec<Occurrence>,
) -> Snapshot {
    Snapshot {
        taken_at,
        state: SnapshotState::Complete,
        clusters: Vec::new(),
        expected_clusters: Vec::new(),
        running,
        occurrences,
    }
}

#[test]
fn rows_of_many_snapshots_are_the_snapshots_by_hand() {
    let images = running();
    let (day1, day2, day3) = (
        at("2026-11-16T02:00:00Z"),
        at("2026-11-17T02:00:00Z"),
        at("2026-11-18T02:00:00Z"),
    );
    let pick = |which: &[usize]| -> Vec<RunningImage> {
        which.iter().map(|&i| images[i].clone()).collect()
    };
    // Day 2 runs three images, day 3 all five; day 1 is a header only, in
    // progress, and the header of day 3 names its clusters.
    let day2_running = pick(&[0, 1, 2]);
    let day3_running = pick(&[0, 1, 2, 3, 4]);
    let day2_found = vec![
        finding(&images[0], "CVE-2024-1", Severity::High),
        finding(&images[1], "CVE-2024-2", Severity::Low),
    ];
    let day3_found = vec![
        finding(&images[0], "CVE-2024-1", Severity::High),
        finding(&images[4], "CVE-2024-3", Severity::Critical),
        finding(&images[2], "CVE-2024-2", Severity::Low),
    ];
    let headers = vec![
        Snapshot {
            state: SnapshotState::InProgress,
            ..snapshot(day1, Vec::new(), Vec::new())
        },
        Snapshot {
            clusters: vec!["c0".into()],
            expected_clusters: vec!["c0".into(), "c1".into()],
            ..snapshot(day3, Vec::new(), Vec::new())
        },
    ];

    // Running images in one batch, day 3's first (row order is not instant
    // order), timestamps in seconds; findings in two batches, nanoseconds
    // with a zone, then RFC 3339 text.
    let all_running: Vec<RunningImage> =
        day3_running.iter().chain(&day2_running).cloned().collect();
    let running_at: Vec<DateTime<Utc>> = std::iter::repeat_n(day3, 5)
        .chain(std::iter::repeat_n(day2, 3))
        .collect();
    let running_batch = taken_at(
        &running_batch(&all_running, Layout::Plain),
        seconds(&running_at),
    );
    let first = taken_at(
        &findings_batch(&day2_found, Layout::Dictionary),
        nanoseconds(&[day2, day2]),
    );
    let second = taken_at(
        &findings_batch(&day3_found, Layout::Plain),
        texts(vec![Some("2026-11-18T02:00:00Z"); 3]),
    );
    let got = snapshots(
        [&running_batch],
        [&first, &second],
        "taken_at",
        &RunningColumns::default(),
        &FindingColumns::default(),
        &headers,
    )
    .unwrap();

    let expected = vec![
        headers[0].clone(),
        snapshot(day2, day2_running, day2_found),
        Snapshot {
            running: day3_running,
            occurrences: day3_found,
            ..headers[1].clone()
        },
    ];
    assert_eq!(got, expected);
    let request = TrendRequest {
        now: at("2026-11-18T12:00:00Z"),
        days: Some(3),
        zone: None,
        carry_forward_days: None,
        flat_within_percent: None,
    };
    let trend = TrendResult::of_request(&got, &request).unwrap();
    assert_eq!(trend, TrendResult::of_request(&expected, &request).unwrap());
    assert_eq!(trend.series.critical, vec![None, Some(0), Some(1)]);
}

#[test]
fn a_bad_instant_is_named_by_column_and_row_over_every_batch() {
    let images = running();
    let found = vec![finding(&images[0], "CVE-2024-1", Severity::High)];
    let good = taken_at(
        &findings_batch(&found, Layout::Plain),
        texts(vec![Some("2026-11-18T02:00:00Z")]),
    );
    let read = |findings: &[&RecordBatch], column: &str| {
        snapshots(
            std::iter::empty(),
            findings.iter().copied(),
            column,
            &RunningColumns::default(),
            &FindingColumns::default(),
            &[],
        )
    };
    let bad = taken_at(
        &findings_batch(&found, Layout::Plain),
        texts(vec![Some("yesterday")]),
    );
    match read(&[&good, &good, &bad], "taken_at") {
        Err(e @ ColumnarError::InvalidValue { .. }) => {
            assert_eq!(e.code(), "invalid_column_value");
            let details = e.details();
            assert_eq!(details["column"], "taken_at");
            assert_eq!(details["row"], 2);
            assert_eq!(details["value"], "yesterday");
        }
        other => panic!("expected an invalid instant, got {other:?}"),
    }
    let null = taken_at(&findings_batch(&found, Layout::Plain), texts(vec![None]));
    let e = read(&[&good, &null], "taken_at").unwrap_err();
    assert_eq!(
        (e.code(), e.details()["row"].clone()),
        ("null_value", 1.into())
    );
    let e = read(&[&good], "seen").unwrap_err();
    assert_eq!(
        (e.code(), e.details()["column"].clone()),
        ("missing_column", "seen".into())
    );
}
