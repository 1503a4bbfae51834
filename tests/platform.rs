//! The runtime platform's listings: the `platform` and `platform_export`
//! sections of `tests/vectors/ingest.json` (the documentation's example
//! responses from `../shared/fixtures/platform-api/`, the project's own
//! pages from `tests/fixtures/platform/`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod support;

use kubesight::ingest::{self, IngestError};
use serde_json::{json, Value};
use support::readers::{fixture, pages_of, platform_summary, refs};

/// What a platform export gives, as every language computes it (see the
/// section's `about`).
fn export_summary(case: &Value) -> Result<Value, IngestError> {
    use kubesight::funnel;
    use kubesight::highlights::Highlights;
    use kubesight::runtime::{ClusterHealth, DisableLabel, Installation, ScanReport};
    let label = DisableLabel::default();
    let (clusters, tags, workloads) = (
        pages_of(case, "clusters"),
        pages_of(case, "image_tags"),
        pages_of(case, "workloads"),
    );
    let clusters = ingest::runtime_clusters(&refs(&clusters))?;
    let mut read = ingest::runtime_image_tags(&refs(&tags))?;
    let workloads = if workloads.is_empty() {
        None
    } else {
        Some(ingest::runtime_workloads(&refs(&workloads))?)
    };
    if let Some(w) = &workloads {
        read.apply_workloads(w, &clusters.clusters, &label);
    }
    let installation = Installation::of(&clusters.clusters, &label);
    let occurrences: Vec<_> = read.occurrences().cloned().collect();
    let funnel = funnel::compute(
        &read.running_images,
        &occurrences,
        installation.status.runtime_validation(),
    )
    .funnel;
    let index = kubesight::finding::FindingIndex::new(&read.running_images);
    let scan = ScanReport::of_index(&index);
    let highlights = Highlights::of_index(&index, &occurrences, []);
    let codes = |w: &[ingest::IngestWarning]| w.iter().map(|w| w.code).collect::<Vec<_>>();
    let mut warnings = codes(&clusters.warnings);
    warnings.extend(codes(&read.warnings));
    if let Some(w) = &workloads {
        warnings.extend(codes(&w.warnings));
    }
    Ok(json!({
        "clusters": clusters.clusters.iter().map(|c| &c.name).collect::<Vec<_>>(),
        "installation": installation.status.code(),
        "health": clusters.clusters.iter().map(|c| {
            let h = ClusterHealth::of(c, &label);
            json!({"cluster": h.cluster, "monitored_correctly": h.monitored_correctly,
                   "problems": h.problems})
        }).collect::<Vec<_>>(),
        "tags": read.tags.len(),
        "occurrences": occurrences.len(),
        "purls": occurrences.iter().filter_map(|o| o.package.purl.clone()).collect::<Vec<_>>(),
        "applicability": occurrences.iter().filter(|o| !o.malicious).map(|o| o.applicability).collect::<Vec<_>>(),
        "scan_status": scan.status.code(),
        "running": scan.running,
        "scanned": scan.scanned,
        "funnel": funnel,
        "highlights": highlights,
        "risks": read.tags.iter().map(|t| &t.risks).collect::<Vec<_>>(),
        "derived_risks": read.tags.iter().map(|t| t.derived_risks()).collect::<Vec<_>>(),
        "evidence": read.evidence,
        "listing": {
            "clusters": clusters.listing,
            "image_tags": read.listing,
            "workloads": workloads.as_ref().map(|w| &w.listing),
        },
        "processes": workloads.as_ref().map(|w| w.workloads.iter().map(|w| w.processes.len()).sum::<usize>()),
        "warnings": warnings,
    }))
}

#[test]
fn platform_exports_give_the_dashboard() {
    support::check_section("ingest.json", "platform_export", 8, |case| {
        Ok(export_summary(case).unwrap_or_else(|e| json!({"error": e.code()})))
    });
}

#[test]
fn platform_listings_give_clusters_sensors_and_scan_status() {
    support::check_section("ingest.json", "platform", 5, |case| {
        let text = match case["fixture"].as_str() {
            Some(file) => fixture(file),
            None => case["text"].as_str().unwrap().to_owned(),
        };
        platform_summary(case["listing"].as_str().unwrap(), &text).map_err(|e| e.to_string())
    });
}

#[test]
fn every_truncation_of_every_platform_page_is_an_error_or_a_result_never_a_panic() {
    let vectors = support::vectors("ingest.json");
    for case in vectors["platform_export"].as_array().unwrap() {
        for key in ["clusters", "image_tags", "workloads"] {
            for page in pages_of(case, key) {
                let step = (page.len() / 150).max(1);
                for cut in (0..page.len()).step_by(step) {
                    let Some(prefix) = page.get(..cut) else {
                        continue;
                    };
                    let result = match key {
                        "clusters" => ingest::runtime_clusters(&[prefix]).map(|_| ()),
                        "image_tags" => ingest::runtime_image_tags(&[prefix]).map(|_| ()),
                        _ => ingest::runtime_workloads(&[prefix]).map(|_| ()),
                    };
                    if let Err(e) = result {
                        assert!(IngestError::CODES.contains(&e.code()), "{}", e.code());
                    }
                }
            }
        }
    }
}
