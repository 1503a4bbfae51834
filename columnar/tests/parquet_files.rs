//! Parquet files and folders of them read into the funnel: the same answer
//! as the batches they were written from.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "tests"
)]

mod support;

use std::path::{Path, PathBuf};

use kubesight::finding::{Occurrence, RunningImage};
use kubesight::funnel::{compute, RuntimeValidation};
use kubesight::ErrorCode;
use kubesight_columnar::{FindingColumns, FunnelReader, ParquetSource};
use parquet::arrow::ArrowWriter;
use parquet::file::properties::WriterProperties;
use support::{findings_batch, Layout};

/// A fresh folder of its own under the system's temporary folder.
fn folder(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("kubesight-columnar-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `occurrences` to `path` in row groups of `rows`.
fn write(path: &Path, occurrences: &[Occurrence], layout: Layout, rows: usize) {
    let batch = findings_batch(occurrences, layout);
    let properties = WriterProperties::builder()
        .set_max_row_group_size(rows)
        .build();
    let mut writer = ArrowWriter::try_new(
        std::fs::File::create(path).unwrap(),
        batch.schema(),
        Some(properties),
    )
    .unwrap();
    writer.write(&batch).unwrap();
    writer.close().unwrap();
}

fn data() -> (Vec<RunningImage>, Vec<Occurrence>) {
    let digest = |i: u32| format!("sha256:{i:064x}");
    let running: Vec<RunningImage> = serde_json::from_value(serde_json::json!((0..20)
        .map(|i| serde_json::json!({
            "digests": [digest(i)], "scanned": i % 5 != 0, "monitored": i % 2 == 0
        }))
        .collect::<Vec<_>>()))
    .unwrap();
    let severities = ["critical", "high", "medium", "low", "unknown"];
    let occurrences: Vec<Occurrence> = serde_json::from_value(serde_json::json!((0..500u32)
        .map(|i| serde_json::json!({
            "image": [digest(i % 23)],
            "vulnerability": format!("CVE-2024-{}", i % 97),
            "severity": severities[(i % 5) as usize],
            "applicability": if i % 3 == 0 { "applicable" } else { "not_applicable" },
            "fix": {"state": "fixed", "versions": ["2.0"]},
            "runtime": if i % 4 == 0 { "loaded" } else { "not_observed" },
        }))
        .collect::<Vec<_>>()))
    .unwrap();
    (running, occurrences)
}

fn funnel_of(source: &ParquetSource, running: &[RunningImage]) -> kubesight::funnel::FunnelResult {
    let columns = FindingColumns::default();
    let mut reader = FunnelReader::new(running, columns.clone());
    let wanted: Vec<&str> = [&columns.image, &columns.vulnerability, &columns.severity]
        .into_iter()
        .chain([
            &columns.applicability,
            &columns.fix_state,
            &columns.fix_versions,
        ])
        .chain([&columns.runtime, &columns.malicious, &columns.aliases])
        .map(String::as_str)
        .collect();
    source.for_each_batch(&wanted, |b| reader.add(b)).unwrap();
    reader.finish(RuntimeValidation::Available)
}

#[test]
fn a_folder_of_files_in_many_row_groups_is_one_pass() {
    let (running, occurrences) = data();
    let expected = compute(&running, &occurrences, RuntimeValidation::Available);
    let dir = folder("dataset");
    let (a, b) = occurrences.split_at(300);
    std::fs::create_dir_all(dir.join("day=2")).unwrap();
    write(&dir.join("part-0.parquet"), a, Layout::Dictionary, 64);
    write(
        &dir.join("day=2").join("part-1.parquet"),
        b,
        Layout::Plain,
        50,
    );
    // A writer's bookkeeping is not data.
    std::fs::write(dir.join("_SUCCESS"), "").unwrap();
    let source = ParquetSource::open(&dir).unwrap();
    assert_eq!(source.rows(), 500);
    let got = funnel_of(&source, &running);
    assert_eq!(got.funnel, expected.funnel);
    assert_eq!(got.skipped, expected.skipped);

    let file = ParquetSource::open(dir.join("part-0.parquet")).unwrap();
    assert_eq!(file.rows(), 300);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn what_is_not_parquet_is_a_coded_error() {
    let dir = folder("broken");
    std::fs::write(dir.join("x.parquet"), "not parquet at all").unwrap();
    let e = ParquetSource::open(&dir).unwrap_err();
    assert_eq!(e.code(), "unreadable_parquet");
    assert!(e.details()["path"].as_str().unwrap().ends_with("x.parquet"));
    let e = ParquetSource::open(dir.join("absent.parquet")).unwrap_err();
    assert_eq!(e.code(), "unreadable_parquet");
    std::fs::remove_file(dir.join("x.parquet")).unwrap();
    let e = ParquetSource::open(&dir).unwrap_err();
    assert_eq!(e.details()["message"], "the folder holds no .parquet file");
    std::fs::remove_dir_all(&dir).unwrap();
}
