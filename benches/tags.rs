//! Tag classification over a realistic mix of 10,000 tags
//! (`benches/data/tags.txt`). Target: a median of 25 ns per tag or less.

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
use kubesight::TagPolicy;

fn tags() -> Vec<String> {
    support::data_lines("tags.txt")
}

fn classify(c: &mut Criterion) {
    let tags = tags();
    let mut group = c.benchmark_group("tag_policy");
    group.throughput(Throughput::Elements(tags.len() as u64));
    for (name, policy) in [
        ("default", TagPolicy::new()),
        ("keywords_only", TagPolicy::keywords_only()),
    ] {
        group.bench_function(format!("classify_10k_mix/{name}"), |b| {
            b.iter(|| {
                for tag in &tags {
                    black_box(policy.classify(black_box(tag)).unwrap());
                }
            });
        });
    }
    group.finish();
}

/// The same mix as one text, one tag per line: the batch the bindings use.
fn classify_lines(c: &mut Criterion) {
    let tags = tags();
    let text = tags.join("\n");
    let policy = TagPolicy::new();
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    assert_eq!(
        policy.classify_lines(&text, threads).unwrap().len(),
        tags.len()
    );
    let mut group = c.benchmark_group("tag_policy");
    group.throughput(Throughput::Elements(tags.len() as u64));
    for (name, threads) in [("one_thread", 1), ("all_threads", threads)] {
        group.bench_function(format!("classify_lines_10k_mix/{name}"), |b| {
            b.iter(|| black_box(policy.classify_lines(black_box(&text), threads).unwrap()));
        });
    }
    group.finish();
}

criterion_group!(benches, classify, classify_lines);
criterion_main!(benches);
