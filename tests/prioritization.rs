//! The prioritization vectors (`tests/vectors/prioritization.json`: the
//! vulnerability table, the images view, the explained change, the EPSS and
//! KEV readers) and their invariants on generated findings.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod support;

use std::collections::BTreeSet;

use kubesight::change::{explain_change, EnvironmentState};
use kubesight::enrichment::Enrichment;
use kubesight::finding::{Deployment, FindingIndex, Occurrence, RunningImage};
use kubesight::funnel::{IncreaseThreshold, RuntimeValidation, Stage};
use kubesight::highlights::Highlights;
use kubesight::images::{ImagesQuery, ImagesView};
use kubesight::integrity::IntegrityAssessment;
use kubesight::table::{Column, SortKey, TableAccumulator, TableQuery, VulnerabilityTable};
use proptest::prelude::*;
use serde_json::{json, Value};

fn read<T: serde::de::DeserializeOwned>(case: &Value, key: &str) -> Result<T, String> {
    serde_json::from_value(case.get(key).cloned().unwrap_or(Value::Null))
        .map_err(|e| format!("{key}: {e}"))
}

fn section(name: &str) -> Vec<Value> {
    support::vectors("prioritization.json")[name]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn check_section(name: &str, at_least: usize, check: impl Fn(&Value) -> Result<(), String>) {
    let cases = section(name);
    assert!(cases.len() >= at_least, "{name}: at least {at_least} cases");
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| check(c).err().map(|e| format!("{}: {e}", c["name"])))
        .collect();
    assert!(failures.is_empty(), "{name}:\n{}", failures.join("\n"));
}

#[test]
fn table_vectors() {
    check_section("table", 6, |case| {
        let running: Vec<RunningImage> = read(case, "running")?;
        let findings: Vec<Occurrence> = read(case, "findings")?;
        let validation = RuntimeValidation::available_if(read(case, "runtime_validation")?);
        let enrichment: Option<Enrichment> = read(case, "enrichment")?;
        let query: Option<TableQuery> = read(case, "query")?;
        let table = VulnerabilityTable::build(&running, &findings, validation, enrichment.as_ref());
        let page = table.query(&query.unwrap_or_default());
        let actual = json!({"page": page, "malicious": table.malicious_packages()});
        support::subset(&case["expect"], &actual, "")
    });
}

#[test]
fn images_vectors() {
    check_section("images", 2, |case| {
        let running: Vec<RunningImage> = read(case, "running")?;
        let findings: Vec<Occurrence> = read(case, "findings")?;
        let integrity: Option<Vec<IntegrityAssessment>> = read(case, "integrity")?;
        let query: Option<ImagesQuery> = read(case, "query")?;
        let view = ImagesView::build(&running, &findings, &integrity.unwrap_or_default());
        let actual = serde_json::to_value(view.query(&query.unwrap_or_default())).unwrap();
        support::subset(&case["expect"], &actual, "")
    });
}

#[test]
fn change_vectors() {
    check_section("change", 3, |case| {
        let before: EnvironmentState = read(case, "before")?;
        let after: EnvironmentState = read(case, "after")?;
        let threshold: Option<IncreaseThreshold> = read(case, "threshold")?;
        let explained = explain_change(&before, &after, threshold.unwrap_or_default());
        support::subset(
            &case["expect"],
            &serde_json::to_value(explained).unwrap(),
            "",
        )
    });
}

#[test]
fn enrichment_vectors() {
    check_section("enrichment", 5, |case| {
        let text = case["text"].as_str().ok_or("text")?;
        let read = match case["reader"].as_str() {
            Some("epss") => kubesight::ingest::epss(text),
            Some("kev") => kubesight::ingest::kev(text),
            other => return Err(format!("unknown reader {other:?}")),
        };
        match (read, case.get("error")) {
            (Ok(r), None) => {
                support::subset(&case["expect"], &serde_json::to_value(r).unwrap(), "")
            }
            (Err(e), Some(code)) if code == e.code() => Ok(()),
            (Ok(_), Some(code)) => Err(format!("read, where {code} was expected")),
            (Err(e), _) => Err(format!("failed: {} ({e})", e.code())),
        }
    });
}

#[test]
fn rows_count_workloads_and_clusters_past_a_word_of_clusters() {
    // 70 clusters (more than one word of bits holds), images 0 to 69 in one
    // workload each, images 70 to 79 in two workloads of two clusters.
    let running: Vec<RunningImage> = (0..80u8)
        .map(|i| {
            let deployment = |cluster: u8, workload: u8| Deployment {
                reference: None,
                cluster: format!("c{cluster}"),
                namespace: "ns".into(),
                kind: "Deployment".into(),
                workload: format!("w{workload}"),
                container: None,
            };
            let deployments = if i < 70 {
                vec![deployment(i, i)]
            } else {
                vec![deployment(i - 70, 200), deployment(i - 69, i)]
            };
            RunningImage {
                digests: vec![digest(i).parse().unwrap()],
                scanned: true,
                monitored: true,
                deployments,
            }
        })
        .collect();
    let finding = |image: u8, id: &str| -> Occurrence {
        serde_json::from_value(
            json!({"image": [digest(image)], "vulnerability": id, "severity": "high"}),
        )
        .unwrap()
    };
    let mut findings: Vec<Occurrence> = (0..80).map(|i| finding(i, "CVE-2024-1")).collect();
    findings.extend((70..80).map(|i| finding(i, "CVE-2024-2")));
    let table = VulnerabilityTable::build(&running, &findings, RuntimeValidation::Available, None);
    let rows = table.rows();
    let counts = |id: &str| {
        let r = rows.iter().find(|r| r.id == id).unwrap();
        (r.image_count, r.workload_count, r.cluster_count)
    };
    // Workloads: w0..w69 and w200 on c0..c9, w70..w79 on c1..c10 (each a
    // workload of its own: a workload is its cluster, namespace, kind and
    // name).
    assert_eq!(counts("CVE-2024-1"), (80, 90, 70));
    assert_eq!(counts("CVE-2024-2"), (10, 20, 11));
}

#[test]
fn grype_enrichment_is_read_from_real_reports() {
    let report = support::readers::fixture(
        "../shared/fixtures/defectdojo/anchore_grype/many_vulns_with_epss_values.json",
    );
    let ingested = kubesight::ingest::grype(&report).unwrap();
    let score = ingested.enrichment.epss_of("CVE-2022-28391").unwrap();
    assert_eq!(
        (score.score, score.date.map(|d| d.to_string())),
        (0.0719, Some("2025-06-18".to_owned()))
    );
    assert!(ingested
        .occurrences()
        .any(|o| o.cvss.iter().any(|c| c.score == 8.8)));
    let golden = support::readers::fixture("../shared/fixtures/grype/TestJsonImgsPresenter.golden");
    let ingested = kubesight::ingest::grype(&golden).unwrap();
    let kev = ingested.enrichment.kev_of("CVE-1999-0002").unwrap();
    assert_eq!(kev.known_ransomware_use, Some(true));
    // "0001-01-01" is Grype's "no date".
    assert_eq!(
        ingested.enrichment.epss_of("CVE-1999-0001").unwrap().date,
        None
    );
}

/// Findings over small pools, so that ids, aliases, images and workloads
/// repeat; images 0 to 7 run (6 and 7 unscanned), 8 and 9 do not.
fn world() -> impl Strategy<Value = Vec<(u8, u8, u8, u8, u8)>> {
    proptest::collection::vec(
        (0u8..30, 0u8..10, any::<u8>(), 0u8..30, any::<u8>()),
        0..120,
    )
}

fn digest(i: u8) -> String {
    format!("sha256:{i:064x}")
}

fn running() -> Vec<RunningImage> {
    (0..8u8)
        .map(|i| RunningImage {
            digests: vec![digest(i).parse().unwrap()],
            scanned: i < 6,
            monitored: i % 3 != 0,
            deployments: vec![Deployment {
                reference: Some(format!("app-{}:{}", i % 3, i)),
                cluster: format!("c{}", i % 2),
                namespace: format!("ns{}", i % 3),
                kind: "Deployment".into(),
                workload: format!("w{}", i % 4),
                container: None,
            }],
        })
        .collect()
}

fn findings(raw: &[(u8, u8, u8, u8, u8)]) -> Vec<Occurrence> {
    raw.iter()
        .map(|&(id, image, facts, alias, more)| {
            let name = if id % 5 == 0 { format!("GHSA-{id}") } else { format!("CVE-2024-{id}") };
            let severity = ["critical", "high", "medium", "low", "unknown"][usize::from(facts % 5)];
            let applicability = ["applicable", "not_applicable", "undetermined", "not_scanned", "rescan_required"]
                [usize::from(facts / 5 % 5)];
            let fix = match facts / 25 % 4 {
                0 => json!({"state": "fixed", "versions": ["2"]}),
                1 => json!({"state": "fixed"}),
                2 => json!({"state": "not_fixed"}),
                _ => json!({"state": "unknown"}),
            };
            let runtime = ["loaded", "not_observed", "unavailable"][usize::from(more % 3)];
            let aliases = if alias % 4 == 0 { vec![format!("CVE-2024-{alias}")] } else { vec![] };
            serde_json::from_value(json!({
                "image": [digest(image)], "vulnerability": name, "aliases": aliases,
                "severity": severity, "applicability": applicability, "fix": fix, "runtime": runtime,
                "package": {"name": format!("p{}", more % 4), "version": "1"},
                "malicious": more % 29 == 0,
            }))
            .unwrap()
        })
        .collect()
}

fn ids(page: &kubesight::table::TablePage) -> BTreeSet<String> {
    page.rows.iter().map(|r| r.id.clone()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn rows_by_stage_are_the_funnel(raw in world(), available in any::<bool>()) {
        let (running, findings) = (running(), findings(&raw));
        let validation = RuntimeValidation::available_if(available);
        let funnel = kubesight::funnel::compute(&running, &findings, validation).funnel;
        let table = VulnerabilityTable::build(&running, &findings, validation, None);
        let counts: Vec<(Stage, u64)> = funnel.stages().into_iter().map(|(s, c)| (s, c.vulnerabilities)).collect();
        prop_assert_eq!(table.stage_counts(), counts);
        // The undecided counts are the rows stopped for a missing fact.
        let rows = table.rows();
        let stopped = |r: kubesight::table::StopReason| rows.iter().filter(|x| x.stopped == Some(r)).count() as u64;
        prop_assert_eq!(stopped(kubesight::table::StopReason::ApplicabilityUndecided), funnel.undecided.applicability);
        prop_assert_eq!(stopped(kubesight::table::StopReason::FixUnknown), funnel.undecided.fix);
        prop_assert_eq!(stopped(kubesight::table::StopReason::RuntimeUnavailable), funnel.undecided.runtime);
    }

    #[test]
    fn partitions_merged_in_any_order_are_one_pass(raw in world(), cut in 0usize..120, swap in any::<bool>()) {
        let (running, findings) = (running(), findings(&raw));
        let one = VulnerabilityTable::build(&running, &findings, RuntimeValidation::Available, None).rows();
        let mut index = FindingIndex::new(&running);
        let cut = cut.min(findings.len());
        let (mut a, mut b) = (TableAccumulator::new(), TableAccumulator::new());
        a.add_occurrences(&mut index, &findings[..cut]);
        b.add_occurrences(&mut index, &findings[cut..]);
        if swap { std::mem::swap(&mut a, &mut b); }
        a.merge(&b);
        prop_assert_eq!(a.finish(&index, RuntimeValidation::Available, None).rows(), one);
    }

    #[test]
    fn filters_compose_and_the_order_is_total(raw in world(), severity in 0usize..5, cluster in 0u8..3) {
        let (running, findings) = (running(), findings(&raw));
        let table = VulnerabilityTable::build(&running, &findings, RuntimeValidation::Available, None);
        let a = TableQuery { severity: vec![kubesight::Severity::ALL[severity]], ..TableQuery::default() };
        let b = TableQuery { cluster: Some(format!("c{cluster}")), stage: Some(Stage::CriticalHigh), ..TableQuery::default() };
        let both = TableQuery { cluster: b.cluster.clone(), stage: b.stage, ..a.clone() };
        let expected: BTreeSet<String> = ids(&table.query(&a)).intersection(&ids(&table.query(&b))).cloned().collect();
        prop_assert_eq!(ids(&table.query(&both)), expected);
        // The default order (walked from the order kept at build) is the
        // priority sort computed at query time.
        let computed = table.query(&TableQuery {
            sort: vec![
                SortKey { column: Column::Priority, descending: true },
                SortKey { column: Column::Id, descending: false },
            ],
            ..a.clone()
        });
        prop_assert_eq!(&table.query(&a).rows, &computed.rows);
        // Any sort, paged, is the full sort cut into pages; no two rows tie.
        for column in [Column::Priority, Column::Severity, Column::Images, Column::Epss, Column::Workloads] {
            let sort = vec![SortKey { column, descending: true }];
            let all = table.query(&TableQuery { sort: sort.clone(), ..TableQuery::default() }).rows;
            let paged: Vec<_> = (0..all.len().div_ceil(3))
                .flat_map(|p| table.query(&TableQuery { sort: sort.clone(), offset: p * 3, limit: Some(3), ..TableQuery::default() }).rows)
                .collect();
            prop_assert_eq!(&paged, &all);
        }
    }

    #[test]
    fn the_order_occurrences_arrive_in_changes_nothing(raw in world(), seed in any::<u64>()) {
        let (running, findings) = (running(), findings(&raw));
        let build = |f: &[Occurrence]| VulnerabilityTable::build(&running, f, RuntimeValidation::Available, None).rows();
        let one = build(&findings);
        // Image by image, as reports are read; and shuffled.
        let mut by_image = findings.clone();
        by_image.sort_by(|a, b| a.image.cmp(&b.image));
        prop_assert_eq!(&build(&by_image), &one);
        let mut shuffled = findings.clone();
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        prop_assert_eq!(&build(&shuffled), &one);
    }

    #[test]
    fn images_view_counts_are_the_highlights(raw in world()) {
        let (running, findings) = (running(), findings(&raw));
        let highlights = Highlights::of(&running, &findings, std::iter::empty());
        let view = ImagesView::build(&running, &findings, &[]);
        let with = |f: &dyn Fn(&kubesight::images::ImageRow) -> bool| view.rows.iter().filter(|r| f(r)).count() as u64;
        prop_assert_eq!(with(&|r| r.malicious_packages > 0), highlights.malicious_packages.images);
        prop_assert_eq!(with(&|r| r.critical_applicable > 0), highlights.critical_applicable.images);
        prop_assert_eq!(view.rows.len(), 8);
        let page = view.query(&ImagesQuery { limit: Some(3), ..ImagesQuery::default() });
        prop_assert_eq!(page.total, 8);
        let all = view.query(&ImagesQuery::default()).rows;
        prop_assert_eq!(&page.rows[..], &all[..3]);
    }

    #[test]
    fn the_attribution_partitions_what_entered_and_left(before in world(), after in world()) {
        let state = |raw: &[(u8, u8, u8, u8, u8)], shift: u8| {
            let mut running = running();
            // The second state runs a partly different set of images.
            running.retain(|r| r.digests[0].to_string() != digest(shift));
            EnvironmentState { running, findings: findings(raw), runtime_validation: RuntimeValidation::Available, suppressed: vec![] }
        };
        let (b, a) = (state(&before, 1), state(&after, 2));
        let explained = explain_change(&b, &a, IncreaseThreshold::default());
        let tb = VulnerabilityTable::build(&b.running, &b.findings, RuntimeValidation::Available, None);
        let ta = VulnerabilityTable::build(&a.running, &a.findings, RuntimeValidation::Available, None);
        // Without aliases the rows of the two states match one to one.
        let aliased = b.findings.iter().chain(&a.findings).any(|o| !o.aliases.is_empty());
        for s in &explained.stages {
            // after - before = entered - left, each counted by cause once.
            if !aliased {
                prop_assert_eq!(s.after as i64 - s.before as i64, s.entered.len() as i64 - s.left.len() as i64);
            }
            let entered: BTreeSet<&String> = s.entered.iter().map(|m| &m.id).collect();
            let left: BTreeSet<&String> = s.left.iter().map(|m| &m.id).collect();
            prop_assert_eq!((entered.len(), left.len()), (s.entered.len(), s.left.len()));
            let by_cause_in: u64 = s.entered_by_cause.iter().map(|c| c.count).sum();
            let by_cause_out: u64 = s.left_by_cause.iter().map(|c| c.count).sum();
            prop_assert_eq!(by_cause_in, s.entered.len() as u64);
            prop_assert_eq!(by_cause_out, s.left.len() as u64);
            let at = |t: &VulnerabilityTable| t.rows().into_iter().filter(|r| r.stage >= s.stage).count() as u64;
            prop_assert_eq!((s.before, s.after), (at(&tb), at(&ta)));
        }
    }
}
