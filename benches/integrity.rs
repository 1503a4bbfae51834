//! Integrity assessment of every container in the bundled inventory
//! (`benches/data/inventory.json`), with its explanation.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs,
    reason = "benchmarks; criterion's macros generate undocumented public functions"
)]

use std::hint::black_box;

use chrono::{DateTime, Utc};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use kubesight::integrity::{IntegrityFacts, IntegrityPolicy, TrustedRegistries};
use serde::Deserialize;

#[derive(Deserialize)]
struct Inventory {
    observed_at: DateTime<Utc>,
    trusted_registries: Vec<String>,
    containers: Vec<IntegrityFacts>,
}

fn assess(c: &mut Criterion) {
    let inventory: Inventory = serde_json::from_str(include_str!("data/inventory.json")).unwrap();
    let policy =
        IntegrityPolicy::new(TrustedRegistries::new(&inventory.trusted_registries).unwrap());
    let mut group = c.benchmark_group("integrity");
    group.throughput(Throughput::Elements(inventory.containers.len() as u64));
    group.bench_function("assess_inventory", |b| {
        b.iter(|| {
            for facts in &inventory.containers {
                black_box(policy.assess(black_box(facts), inventory.observed_at));
            }
        });
    });
    group.finish();
}

criterion_group!(benches, assess);
criterion_main!(benches);
