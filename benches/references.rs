//! Reference and runtime image id parsing over a realistic mix of 2,000
//! references (`benches/data/references.txt`). Target: 300 ns per typical
//! reference or less.

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

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use kubesight::{ImageId, ImageRef};

fn references() -> Vec<String> {
    support::data_lines("references.txt")
}

fn parse(c: &mut Criterion) {
    let refs = references();
    let ids: Vec<String> = refs
        .iter()
        .map(|r| ImageRef::parse(r).unwrap())
        .map(|r| format!("docker-pullable://{}@sha256:{}", r.name(), "ab".repeat(32)))
        .collect();
    let mut group = c.benchmark_group("reference");
    group.throughput(Throughput::Elements(refs.len() as u64));
    group.bench_function("parse_2k_mix", |b| {
        b.iter(|| {
            for r in &refs {
                black_box(ImageRef::parse(black_box(r)).unwrap());
            }
        });
    });
    group.bench_function("parse_and_display_2k_mix", |b| {
        b.iter(|| {
            for r in &refs {
                black_box(ImageRef::parse(black_box(r)).unwrap().to_string());
            }
        });
    });
    group.bench_function("image_id_parse_2k", |b| {
        b.iter(|| {
            for id in &ids {
                black_box(ImageId::parse(black_box(id)).unwrap());
            }
        });
    });
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
