//! The funnel over 10 million occurrences (50,000 images, 200,000 distinct
//! vulnerability ids, Zipf-like: a few ids and images are everywhere).
//! Targets: 200 million occurrences per second once interned; under 1.0 s
//! from string ids, interning included.

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

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use kubesight::finding::RunningImage;
use kubesight::finding::{FindingIndex, InternedOccurrence};
use kubesight::funnel::{FunnelAccumulator, PortablePartial, RuntimeValidation};

const OCCURRENCES: usize = 10_000_000;
const IMAGES: u64 = 50_000;
const IDS: u64 = 200_000;

fn digest(i: u64) -> String {
    format!("sha256:{i:064x}")
}

/// One scanner report as a parser hands it over: the image's digest, then
/// its findings in document order, each id its own string.
struct Report {
    digest: String,
    findings: Vec<(String, u8)>,
}

struct Input {
    index: FindingIndex,
    /// Per occurrence: the vulnerability id, the image digest, the facts.
    strings: Vec<(usize, usize, u8)>,
    ids: Vec<String>,
    digests: Vec<String>,
}

impl Input {
    /// The same occurrences as one report per image, allocated in the
    /// order a parser reading the reports one after another would allocate
    /// them.
    fn reports(&self) -> Vec<Report> {
        let mut by_image: Vec<Vec<(usize, u8)>> = vec![Vec::new(); self.digests.len()];
        for &(id, image, facts) in &self.strings {
            by_image[image].push((id, facts));
        }
        by_image
            .into_iter()
            .enumerate()
            .filter(|(_, findings)| !findings.is_empty())
            .map(|(image, findings)| Report {
                digest: self.digests[image].clone(),
                findings: findings
                    .into_iter()
                    .map(|(id, facts)| (self.ids[id].clone(), facts))
                    .collect(),
            })
            .collect()
    }
}

fn input() -> Input {
    let scale = scale() as u64;
    let digests: Vec<String> = (0..IMAGES / scale).map(digest).collect();
    let running: Vec<RunningImage> = digests
        .iter()
        .enumerate()
        .map(|(i, d)| RunningImage {
            digests: vec![d.parse().unwrap()],
            scanned: true,
            monitored: i % 4 != 0,
            deployments: Vec::new(),
        })
        .collect();
    let ids: Vec<String> = (0..IDS)
        .map(|i| format!("CVE-{}-{}", 2000 + i % 25, 10_000 + i))
        .collect();
    let mut random = Random(0x9E37_79B9_7F4A_7C15);
    let strings = (0..OCCURRENCES / scale as usize)
        .map(|_| {
            let id = random.zipf_like(IDS / scale) as usize;
            let image = random.zipf_like(IMAGES / scale) as usize;
            (id, image, (random.next() >> 56) as u8)
        })
        .collect();
    Input {
        index: FindingIndex::new(&running),
        strings,
        ids,
        digests,
    }
}

fn occurrence(
    index: &mut FindingIndex,
    id: &str,
    digest: &str,
    facts: u8,
) -> Option<InternedOccurrence> {
    let image = index.image_of(digest)?;
    Some(occurrence_on(index, id, image, facts))
}

fn occurrence_on(index: &mut FindingIndex, id: &str, image: u32, facts: u8) -> InternedOccurrence {
    let vulnerability = index.intern_vulnerability(id);
    packed(vulnerability, image, facts)
}

fn packed(vulnerability: u32, image: u32, facts: u8) -> InternedOccurrence {
    InternedOccurrence::new(vulnerability, image, support::facts(facts))
}

fn funnel(c: &mut Criterion) {
    let input = input();
    let mut index = input.index.clone();
    let interned: Vec<InternedOccurrence> = input
        .strings
        .iter()
        .filter_map(|&(id, image, facts)| {
            occurrence(&mut index, &input.ids[id], &input.digests[image], facts)
        })
        .collect();

    let mut group = c.benchmark_group("funnel");
    group.sample_size(10);
    group.throughput(Throughput::Elements((OCCURRENCES / scale()) as u64));
    group.bench_function("accumulate_10m_interned", |b| {
        b.iter(|| {
            let mut accumulator = FunnelAccumulator::for_index(&index);
            accumulator.add_all(black_box(&interned));
            black_box(accumulator)
        });
    });
    group.bench_function("finish_200k_ids", |b| {
        let mut accumulator = FunnelAccumulator::for_index(&index);
        accumulator.add_all(&interned);
        b.iter(|| black_box(accumulator.finish(&index, RuntimeValidation::Available)));
    });
    let reports = input.reports();
    let from_reports = |mut index: FindingIndex| {
        let mut accumulator = FunnelAccumulator::new();
        let mut ids = Vec::new();
        for report in black_box(&reports) {
            let Some(image) = index.image_of(&report.digest) else {
                continue;
            };
            ids.clear();
            index.intern_vulnerabilities(
                report.findings.iter().map(|(id, _)| id.as_str()),
                &mut ids,
            );
            for (&vulnerability, &(_, facts)) in ids.iter().zip(&report.findings) {
                accumulator.add(&packed(vulnerability, image, facts));
            }
        }
        accumulator.finish(&index, RuntimeValidation::Available)
    };
    // The reports hold the same occurrences as the interned input.
    let mut whole = FunnelAccumulator::for_index(&index);
    whole.add_all(&interned);
    assert_eq!(
        from_reports(input.index.clone()),
        whole.finish(&index, RuntimeValidation::Available)
    );
    group.bench_function("from_strings_10m_with_interning", |b| {
        b.iter_batched(
            || input.index.clone(),
            |index| black_box(from_reports(index)),
            BatchSize::LargeInput,
        );
    });
    group.finish();
    partials(c, &index, &interned);
}

/// The wire form of partials: one of 200,000 ids written and read, and the
/// merge of 100 partials of a tenth of the estate each, as a driver of a
/// distributed job receives them.
fn partials(c: &mut Criterion, index: &FindingIndex, interned: &[InternedOccurrence]) {
    let mut whole = FunnelAccumulator::for_index(index);
    whole.add_all(interned);
    let partial = whole.to_portable(index);
    let bytes = partial.to_bytes();
    let json = serde_json::to_vec(&partial).unwrap().len();
    eprintln!(
        "partial of {} ids and {} images: {} bytes ({:.1} per id); its JSON form {} bytes",
        partial.vulnerabilities.len(),
        partial.images.len(),
        bytes.len(),
        bytes.len() as f64 / partial.vulnerabilities.len().max(1) as f64,
        json
    );
    // 100 partitions of the occurrences, each a tenth of them, so that
    // their partials overlap as partitions of one estate do.
    let tenth = interned.len() / 10;
    let shipped: Vec<Vec<u8>> = (0..100)
        .map(|p| {
            let start = (p * interned.len() / 100).min(interned.len() - tenth);
            let mut accumulator = FunnelAccumulator::for_index(index);
            accumulator.add_all(&interned[start..start + tenth]);
            accumulator.to_portable(index).to_bytes()
        })
        .collect();
    let mut group = c.benchmark_group("partials");
    group.sample_size(10);
    group.bench_function("to_bytes_200k_ids", |b| {
        b.iter(|| black_box(partial.to_bytes()))
    });
    group.bench_function("from_bytes_200k_ids", |b| {
        b.iter(|| black_box(PortablePartial::from_bytes(black_box(&bytes)).unwrap()))
    });
    group.bench_function("merge_100_partials", |b| {
        b.iter(|| {
            let mut index = index.clone();
            let mut merged = FunnelAccumulator::for_index(&index);
            for bytes in &shipped {
                let partial = PortablePartial::from_bytes(bytes).unwrap();
                merged.merge_portable(&mut index, &partial);
            }
            black_box(merged.finish(&index, RuntimeValidation::Available))
        })
    });
    group.finish();
}

criterion_group!(benches, funnel);
criterion_main!(benches);
