//! The trend over 30 daily snapshots of 50,000 running images with 40
//! findings each, most images and their scans unchanged from one day to
//! the next. Target: at most 200 ms after interning.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs,
    reason = "benchmarks; criterion's macros generate undocumented public functions"
)]

mod support;

use std::hint::black_box;

use support::{scale, Random};

use chrono::{DateTime, Duration, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use kubesight::trend::{
    ScanFinding, ScanId, SnapshotHeader, SnapshotImage, SnapshotState, TrendIndex, TrendOptions,
};
use kubesight::Severity;

const DAYS: usize = 30;
const IMAGES: usize = 50_000;
const FINDINGS: usize = 40;
const IDS: u64 = 200_000;
/// Each day, this share of images (per mille) is replaced by a new image,
/// and as many again are rescanned with changed findings.
const CHURN_PER_MILLE: usize = 20;

fn scan(index: &mut TrendIndex, random: &mut Random, ids: &[String]) -> ScanId {
    let findings: Vec<(usize, Severity)> = (0..FINDINGS)
        .map(|_| {
            (
                random.zipf_like(ids.len() as u64) as usize,
                Severity::ALL[(random.next() % 5) as usize],
            )
        })
        .collect();
    index.intern_scan(findings.iter().map(|&(id, severity)| ScanFinding {
        vulnerability: &ids[id],
        severity,
    }))
}

fn index() -> (TrendIndex, DateTime<Utc>) {
    let images = IMAGES / scale();
    let ids: Vec<String> = (0..IDS / scale() as u64)
        .map(|i| format!("CVE-{}-{}", 2000 + i % 25, 10_000 + i))
        .collect();
    let mut random = Random(0x9E37_79B9_7F4A_7C15);
    let mut index = TrendIndex::new();
    let mut next_digest = 0u64;
    let mut digest = || {
        next_digest += 1;
        format!("sha256:{next_digest:064x}")
    };
    // Per running image: its digest and its scan (a tenth not scanned).
    let mut running: Vec<(String, Option<ScanId>)> = (0..images)
        .map(|i| {
            (
                digest(),
                (i % 10 != 0).then(|| scan(&mut index, &mut random, &ids)),
            )
        })
        .collect();
    let first: DateTime<Utc> = "2026-10-28T02:00:00Z".parse().unwrap();
    for day in 0..DAYS {
        if day > 0 {
            let churn = images * CHURN_PER_MILLE / 1000;
            for _ in 0..churn {
                let replaced = (random.next() % images as u64) as usize;
                running[replaced] = (digest(), Some(scan(&mut index, &mut random, &ids)));
                let rescanned = (random.next() % images as u64) as usize;
                if running[rescanned].1.is_some() {
                    running[rescanned].1 = Some(scan(&mut index, &mut random, &ids));
                }
            }
        }
        let header = SnapshotHeader {
            taken_at: first + Duration::days(day as i64),
            state: SnapshotState::Complete,
            missing_clusters: Vec::new(),
        };
        index
            .add_interned(
                header,
                running.iter().map(|(digest, scan)| SnapshotImage {
                    digest,
                    other_digests: &[],
                    scan: *scan,
                }),
            )
            .unwrap();
    }
    (
        index,
        first + Duration::days(DAYS as i64 - 1) + Duration::hours(6),
    )
}

fn trend(c: &mut Criterion) {
    let (index, now) = index();
    let options = TrendOptions::default();
    let trend = index.trend(&options, now).unwrap();
    // Every day of the window has its complete snapshot.
    assert_eq!(trend.summary.days.complete, DAYS as u32);
    let mut group = c.benchmark_group("trend");
    group.sample_size(20);
    group.bench_function("30_days_50k_images_40_findings", |b| {
        b.iter(|| black_box(index.trend(black_box(&options), now).unwrap()));
    });
    group.finish();
}

criterion_group!(benches, trend);
criterion_main!(benches);
