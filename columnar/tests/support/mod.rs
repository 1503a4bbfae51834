//! Findings and running images as record batches, in the layouts producers
//! write: plain strings, dictionaries, string views, lists.

#![allow(dead_code, reason = "each test file uses part of the support")]

use std::sync::Arc;

use arrow_array::builder::{ListBuilder, StringBuilder};
use arrow_array::types::Int32Type;
use arrow_array::{
    ArrayRef, BooleanArray, DictionaryArray, RecordBatch, StringArray, StringViewArray,
};
use kubesight::finding::{
    Applicability, Deployment, Fix, FixState, Occurrence, Package, RunningImage, RuntimeEvidence,
};
use kubesight::{Digest, Severity};
use proptest::prelude::*;

/// How string columns are laid out.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Layout {
    Plain,
    Dictionary,
    View,
}

pub(crate) fn strings(values: Vec<Option<&str>>, layout: Layout) -> ArrayRef {
    match layout {
        Layout::Plain => Arc::new(StringArray::from(values)),
        Layout::View => Arc::new(StringViewArray::from(values)),
        Layout::Dictionary => Arc::new(values.into_iter().collect::<DictionaryArray<Int32Type>>()),
    }
}

pub(crate) fn lists(values: Vec<Vec<&str>>) -> ArrayRef {
    let mut builder = ListBuilder::new(StringBuilder::new());
    for row in values {
        for v in row {
            builder.values().append_value(v);
        }
        builder.append(true);
    }
    Arc::new(builder.finish())
}

/// Findings as one batch: the image as a list of digests, enumerations as
/// their codes.
pub(crate) fn findings_batch(occurrences: &[Occurrence], layout: Layout) -> RecordBatch {
    let col = |f: &dyn Fn(&Occurrence) -> Option<&str>| {
        strings(occurrences.iter().map(f).collect(), layout)
    };
    RecordBatch::try_from_iter([
        (
            "image",
            lists(
                occurrences
                    .iter()
                    .map(|o| o.image.iter().map(|d| d.as_str()).collect())
                    .collect(),
            ),
        ),
        ("vulnerability", col(&|o| Some(o.vulnerability.as_str()))),
        (
            "aliases",
            lists(
                occurrences
                    .iter()
                    .map(|o| o.aliases.iter().map(String::as_str).collect())
                    .collect(),
            ),
        ),
        ("package_name", col(&|o| Some(o.package.name.as_str()))),
        (
            "package_version",
            col(&|o| Some(o.package.version.as_str())),
        ),
        (
            "package_ecosystem",
            col(&|o| o.package.ecosystem.as_deref()),
        ),
        ("package_purl", col(&|o| o.package.purl.as_deref())),
        ("severity", col(&|o| Some(o.severity.code()))),
        ("severity_source", col(&|o| o.severity_source.as_deref())),
        ("applicability", col(&|o| Some(o.applicability.code()))),
        ("fix_state", col(&|o| Some(o.fix.state.code()))),
        (
            "fix_versions",
            lists(
                occurrences
                    .iter()
                    .map(|o| o.fix.versions.iter().map(String::as_str).collect())
                    .collect(),
            ),
        ),
        ("runtime", col(&|o| Some(o.runtime.code()))),
        (
            "malicious",
            Arc::new(BooleanArray::from(
                occurrences.iter().map(|o| o.malicious).collect::<Vec<_>>(),
            )) as ArrayRef,
        ),
    ])
    .unwrap()
}

/// Running images as one batch, one row per deployment (or per image
/// without one), the first digest of each.
pub(crate) fn running_batch(running: &[RunningImage], layout: Layout) -> RecordBatch {
    let mut rows: Vec<(&RunningImage, Option<&kubesight::finding::Deployment>)> = Vec::new();
    for image in running {
        if image.deployments.is_empty() {
            rows.push((image, None));
        }
        for d in &image.deployments {
            rows.push((image, Some(d)));
        }
    }
    type Row<'a> = (&'a RunningImage, Option<&'a kubesight::finding::Deployment>);
    fn col<'a>(
        rows: &[Row<'a>],
        layout: Layout,
        f: impl Fn(&Row<'a>) -> Option<&'a str>,
    ) -> ArrayRef {
        strings(rows.iter().map(f).collect(), layout)
    }
    RecordBatch::try_from_iter([
        (
            "digest",
            lists(
                rows.iter()
                    .map(|(i, _)| i.digests.iter().map(|d| d.as_str()).collect())
                    .collect(),
            ),
        ),
        (
            "scanned",
            Arc::new(BooleanArray::from(
                rows.iter().map(|(i, _)| i.scanned).collect::<Vec<_>>(),
            )) as ArrayRef,
        ),
        (
            "monitored",
            Arc::new(BooleanArray::from(
                rows.iter().map(|(i, _)| i.monitored).collect::<Vec<_>>(),
            )) as ArrayRef,
        ),
        (
            "cluster",
            col(&rows, layout, |(_, d)| d.map(|d| d.cluster.as_str())),
        ),
        (
            "namespace",
            col(&rows, layout, |(_, d)| d.map(|d| d.namespace.as_str())),
        ),
        (
            "kind",
            col(&rows, layout, |(_, d)| d.map(|d| d.kind.as_str())),
        ),
        (
            "workload",
            col(&rows, layout, |(_, d)| d.map(|d| d.workload.as_str())),
        ),
        (
            "reference",
            col(&rows, layout, |(_, d)| {
                d.and_then(|d| d.reference.as_deref())
            }),
        ),
        (
            "container",
            col(&rows, layout, |(_, d)| {
                d.and_then(|d| d.container.as_deref())
            }),
        ),
    ])
    .unwrap()
}

/// The digest of test image `i`.
pub(crate) fn digest(i: u8) -> Digest {
    format!("sha256:{:064x}", i).parse().unwrap()
}

/// Five running images on two clusters, one not scanned.
pub(crate) fn running() -> Vec<RunningImage> {
    (0..5u8)
        .map(|i| RunningImage {
            digests: vec![digest(i)],
            scanned: i != 3,
            monitored: i % 2 == 0,
            deployments: vec![Deployment {
                reference: Some(format!("registry.example/app-{i}:1")),
                cluster: format!("c{}", i % 2),
                namespace: "ns".into(),
                kind: "Deployment".into(),
                workload: format!("app-{i}"),
                container: None,
            }],
        })
        .collect()
}

/// Any occurrence on the test images, malicious or not, with or without an
/// alias.
pub(crate) fn occurrence() -> impl Strategy<Value = Occurrence> {
    (
        0..7u8,
        0..12u8,
        proptest::option::of(0..12u8),
        0..5usize,
        0..7usize,
        0..4usize,
        any::<bool>(),
        0..3usize,
        0..20u8,
    )
        .prop_map(
            |(image, id, alias, severity, applicability, fix, versions, runtime, m)| {
                let name = |i: u8| {
                    if i < 8 {
                        format!("CVE-2024-{i}")
                    } else {
                        format!("GHSA-aaaa-bbbb-{i:04}")
                    }
                };
                Occurrence {
                    image: vec![digest(image)],
                    vulnerability: name(id),
                    aliases: alias.filter(|&a| a >= 8).map(name).into_iter().collect(),
                    package: Package {
                        name: format!("pkg-{}", id % 3),
                        version: "1.0".into(),
                        ecosystem: (id % 2 == 0).then(|| "npm".into()),
                        purl: None,
                    },
                    severity: Severity::ALL[severity],
                    severity_source: (id % 3 == 0).then(|| "nvd".into()),
                    cvss: Vec::new(),
                    applicability: Applicability::ALL[applicability],
                    fix: Fix {
                        state: FixState::ALL[fix],
                        versions: if versions {
                            vec!["1.1".into()]
                        } else {
                            Vec::new()
                        },
                    },
                    runtime: RuntimeEvidence::ALL[runtime],
                    malicious: m == 0,
                }
            },
        )
}
