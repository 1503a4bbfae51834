//! The vulnerability table, the images view and the enrichment readers.
//!
//! - The table over the funnel benchmark's 10 million occurrences (50,000
//!   images, 200,000 ids), beside the funnel on the same interned input:
//!   target at most 2x the funnel's time; the memory it takes beyond the
//!   input (the peak resident size while it is built, from `/proc`) under
//!   256 MiB. The same from reports, interning included, as users run it.
//! - One query over that table (a stage and severity filter, the priority
//!   sort, the first 100 rows): target under 5 ms.
//! - The images view over 50,000 images: target under 20 ms for a query.
//! - EPSS CSV of 250,000 rows: under 50 ms; the KEV catalog (1,500
//!   entries): under 5 ms.

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
use kubesight::finding::{
    Applicability, Deployment, FindingIndex, InternedOccurrence, Occurrence, OccurrenceFacts,
    RunningImage,
};
use kubesight::funnel::{FunnelAccumulator, RuntimeValidation, Stage};
use kubesight::images::{ImagesQuery, ImagesView};
use kubesight::table::{TableAccumulator, TableQuery};
use kubesight::Severity;
use support::{facts, scale, Random};

/// A field of `/proc/self/status` (`VmRSS`, `VmHWM`), in bytes.
fn status(field: &str) -> Option<u64> {
    let text = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = text.lines().find(|l| l.starts_with(field))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Resets the peak resident size (`VmHWM`) to the current one.
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

const OCCURRENCES: usize = 10_000_000;
const IMAGES: u64 = 50_000;
const IDS: u64 = 200_000;

fn digest(i: u64) -> String {
    format!("sha256:{i:064x}")
}

fn deployment(i: u64) -> Deployment {
    Deployment {
        reference: Some(format!(
            "registry.acme.io/team-{}/app-{i}:1.{}",
            i % 40,
            i % 7
        )),
        cluster: format!("cluster-{}", i % 12),
        namespace: format!("ns-{}", i % 300),
        kind: "Deployment".into(),
        workload: format!("app-{}", i / 3),
        container: None,
    }
}

fn running(images: u64) -> Vec<RunningImage> {
    (0..images)
        .map(|i| RunningImage {
            digests: vec![digest(i).parse().unwrap()],
            scanned: i % 10 != 9,
            monitored: i % 4 != 0,
            deployments: vec![deployment(i)],
        })
        .collect()
}

/// Interns one report per image a report at a time, as parsers hand them
/// over, and hands each occurrence to `add`: the same work before the funnel
/// and before the table.
fn intern_reports(
    index: &mut FindingIndex,
    by_image: &[Vec<(String, OccurrenceFacts)>],
    mut add: impl FnMut(&InternedOccurrence),
) {
    let mut ids = Vec::new();
    for (image, report) in by_image.iter().enumerate() {
        ids.clear();
        index.intern_vulnerabilities(report.iter().map(|(id, _)| id.as_str()), &mut ids);
        for (&v, (_, f)) in ids.iter().zip(report) {
            add(&InternedOccurrence::new(v, image as u32, *f));
        }
    }
}

fn table(c: &mut Criterion) {
    let scale = scale() as u64;
    let running = running(IMAGES / scale);
    let mut index = FindingIndex::new(&running);
    let ids: Vec<u32> = (0..IDS / scale)
        .map(|i| index.intern_vulnerability(&format!("CVE-{}-{}", 2000 + i % 25, 10_000 + i)))
        .collect();
    let mut random = Random(0x9E37_79B9_7F4A_7C15);
    // Occurrences in report order: image by image, as parsers hand them over.
    let mut raw: Vec<(u32, u32, u8)> = (0..OCCURRENCES / scale as usize)
        .map(|_| {
            let id = ids[random.zipf_like(IDS / scale) as usize];
            let image = random.zipf_like(IMAGES / scale) as u32;
            (image, id, (random.next() >> 56) as u8)
        })
        .collect();
    raw.sort_by_key(|&(image, _, _)| image);
    let interned: Vec<InternedOccurrence> = raw
        .into_iter()
        .map(|(image, id, f)| InternedOccurrence::new(id, image, facts(f)))
        .collect();

    let mut group = c.benchmark_group("prioritization");
    group.sample_size(10);
    group.throughput(Throughput::Elements(interned.len() as u64));
    let validation = RuntimeValidation::Available;
    group.bench_function("funnel_10m_interned", |b| {
        b.iter(|| {
            let mut accumulator = FunnelAccumulator::for_index(&index);
            accumulator.add_all(black_box(&interned));
            black_box(accumulator.finish(&index, validation))
        });
    });
    group.bench_function("table_10m_interned", |b| {
        b.iter(|| {
            let mut accumulator = TableAccumulator::new();
            accumulator.add_all(black_box(&interned));
            black_box(accumulator.finish(&index, validation, None))
        });
    });

    // The memory the table takes beyond its input at its peak: the peak
    // resident size while it is built, less the resident size before.
    let before = status("VmRSS:").unwrap_or(0);
    let measured = reset_peak();
    let mut accumulator = TableAccumulator::new();
    accumulator.add_all(&interned);
    let table = accumulator.finish(&index, validation, None);
    drop(accumulator);
    if measured {
        let peak = status("VmHWM:").unwrap_or(0).saturating_sub(before);
        let kept = status("VmRSS:").unwrap_or(0).saturating_sub(before);
        eprintln!(
            "table over {} occurrences: {} rows; peak {:.1} MiB beyond the input, {:.1} MiB kept",
            interned.len(),
            table.len(),
            peak as f64 / 1048576.0,
            kept as f64 / 1048576.0
        );
    }
    // From the same occurrences as parsers hand them over (one report per
    // image, each id its own string): interning included, as users run it.
    let names: Vec<String> = (0..IDS / scale)
        .map(|i| format!("CVE-{}-{}", 2000 + i % 25, 10_000 + i))
        .collect();
    // Grouped first, then each id's string made report after report, in
    // the order a parser reading them one after another would allocate.
    let mut grouped: Vec<Vec<(usize, u8)>> = vec![Vec::new(); running.len()];
    let mut random = Random(0x9E37_79B9_7F4A_7C15);
    for _ in 0..OCCURRENCES / scale as usize {
        let id = random.zipf_like(IDS / scale) as usize;
        let image = random.zipf_like(IMAGES / scale) as usize;
        grouped[image].push((id, (random.next() >> 56) as u8));
    }
    let by_image: Vec<Vec<(String, OccurrenceFacts)>> = grouped
        .into_iter()
        .map(|report| {
            report
                .into_iter()
                .map(|(id, f)| (names[id].clone(), facts(f)))
                .collect()
        })
        .collect();
    let fresh = FindingIndex::new(&running);
    group.bench_function("funnel_10m_from_reports", |b| {
        b.iter(|| {
            let mut index = fresh.clone();
            let mut accumulator = FunnelAccumulator::new();
            intern_reports(&mut index, &by_image, |o| accumulator.add(o));
            black_box(accumulator.finish(&index, validation))
        });
    });
    group.bench_function("table_10m_from_reports", |b| {
        b.iter(|| {
            let mut index = fresh.clone();
            let mut accumulator = TableAccumulator::new();
            intern_reports(&mut index, &by_image, |o| accumulator.add(o));
            black_box(accumulator.finish(&index, validation, None))
        });
    });
    drop(by_image);

    // The rows by stage are the funnel's counts.
    let mut funnel = FunnelAccumulator::for_index(&index);
    funnel.add_all(&interned);
    let funnel = funnel.finish(&index, validation);
    let counts: Vec<(Stage, u64)> = funnel
        .stages()
        .into_iter()
        .map(|(s, c)| (s, c.vulnerabilities))
        .collect();
    assert_eq!(table.stage_counts(), counts);

    group.throughput(Throughput::Elements(table.len() as u64));
    let query = TableQuery {
        stage: Some(Stage::CriticalHigh),
        severity: vec![Severity::Critical],
        limit: Some(100),
        ..TableQuery::default()
    };
    group.bench_function("query_stage_severity_priority_100", |b| {
        b.iter(|| black_box(table.query(black_box(&query))));
    });
    group.finish();
}

fn images(c: &mut Criterion) {
    let images = IMAGES / scale() as u64;
    let running = running(images);
    let mut random = Random(7);
    // Ten findings an image.
    let findings: Vec<Occurrence> = (0..images * 10)
        .map(|i| {
            let image = i / 10;
            let f = (random.next() >> 56) as u8;
            Occurrence {
                image: vec![digest(image).parse().unwrap()],
                vulnerability: format!("CVE-2024-{}", random.zipf_like(20_000)),
                aliases: Vec::new(),
                package: Default::default(),
                severity: Severity::ALL[usize::from(f % 5)],
                severity_source: None,
                cvss: Vec::new(),
                applicability: if f & 0x10 != 0 {
                    Applicability::Applicable
                } else {
                    Applicability::NotScanned
                },
                fix: Default::default(),
                runtime: Default::default(),
                malicious: f == 0,
            }
        })
        .collect();
    let mut group = c.benchmark_group("prioritization");
    group.sample_size(10);
    group.throughput(Throughput::Elements(images));
    group.bench_function("images_view_build_50k_images_500k_findings", |b| {
        b.iter(|| black_box(ImagesView::build(&running, black_box(&findings), &[])));
    });
    let view = ImagesView::build(&running, &findings, &[]);
    let query = ImagesQuery {
        limit: Some(100),
        ..ImagesQuery::default()
    };
    group.bench_function("images_view_query_riskiest_100_of_50k", |b| {
        b.iter(|| black_box(view.query(black_box(&query))));
    });
    group.finish();
}

/// FIRST's file: one line a CVE, sorted by id, scores as FIRST prints them.
fn epss_csv(rows: usize) -> String {
    let mut random = Random(11);
    let mut ids: Vec<String> = (0..rows)
        .map(|i| format!("CVE-{}-{}", 1999 + i % 27, 1000 + i / 27))
        .collect();
    ids.sort();
    let mut text = String::from(
        "#model_version:v2025.03.14,score_date:2025-03-17T00:00:00+0000\ncve,epss,percentile\n",
    );
    for id in ids {
        let score = (random.next() >> 40) as f64 / (1u64 << 24) as f64;
        text.push_str(&format!("{id},{score:.5},{:.5}\n", score.sqrt()));
    }
    text
}

fn kev_json(entries: usize) -> String {
    let vulnerabilities: Vec<serde_json::Value> = (0..entries)
        .map(|i| {
            serde_json::json!({
                "cveID": format!("CVE-{}-{}", 2002 + i % 23, 10_000 + i),
                "vendorProject": "Vendor", "product": format!("Product {}", i % 300),
                "vulnerabilityName": "Vendor Product Remote Code Execution Vulnerability",
                "dateAdded": "2024-05-01", "shortDescription": "A remote code execution vulnerability that allows an attacker to run code.",
                "requiredAction": "Apply mitigations per vendor instructions or discontinue use of the product if mitigations are unavailable.",
                "dueDate": "2024-05-22", "knownRansomwareCampaignUse": if i % 5 == 0 { "Known" } else { "Unknown" },
                "notes": format!("https://example.invalid/advisory/{i}"), "cwes": ["CWE-78"]
            })
        })
        .collect();
    serde_json::json!({
        "title": "CISA Catalog of Known Exploited Vulnerabilities",
        "catalogVersion": "2025.03.17", "dateReleased": "2025-03-17T14:00:00.000Z",
        "count": entries, "vulnerabilities": vulnerabilities
    })
    .to_string()
}

fn enrichment(c: &mut Criterion) {
    let csv = epss_csv(250_000 / scale());
    let kev = kev_json(1_500 / scale());
    let mut group = c.benchmark_group("prioritization");
    group.throughput(Throughput::Bytes(csv.len() as u64));
    group.bench_function("epss_csv_250k_rows", |b| {
        // What the caller drops later is not the reading's cost.
        b.iter_with_large_drop(|| kubesight::ingest::epss(black_box(&csv)).unwrap());
    });
    group.throughput(Throughput::Bytes(kev.len() as u64));
    group.bench_function("kev_catalog_1500_entries", |b| {
        b.iter_with_large_drop(|| kubesight::ingest::kev(black_box(&kev)).unwrap());
    });
    group.finish();
    let read = kubesight::ingest::epss(&csv).unwrap();
    assert_eq!(read.enrichment.epss.len(), 250_000 / scale());
    assert!(read.warnings.is_empty());
}

criterion_group!(benches, table, images, enrichment);
criterion_main!(benches);
