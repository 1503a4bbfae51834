//! The adapters on real scanner output (`../shared/fixtures/`) and the
//! project's own documents (`tests/fixtures/`), with the numbers in
//! `tests/vectors/ingest.json`, on inline documents of every shape the
//! producers write, and on broken documents.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod support;

use support::readers::{fixture, is_vex, pages_of, platform_summary, read, read_vex, refs};

use std::collections::BTreeSet;
use std::path::Path;

use kubesight::finding::{Applicability, FixState, RunningImage};
use kubesight::ingest::vex::{self, VexDocument};
use kubesight::ingest::{self, IngestError, Ingested};
use kubesight::Severity;
use serde_json::{json, Value};

fn vex_summary(document: &VexDocument) -> Value {
    json!({
        "statements": document.statements.len(),
        "statuses": document.statements.iter().map(|s| s.status).collect::<Vec<_>>(),
        "products": document.statements.iter().map(|s| s.products.len()).sum::<usize>(),
        "images": document
            .statements
            .iter()
            .flat_map(|s| &s.products)
            .filter_map(|p| p.image.as_ref())
            .collect::<Vec<_>>(),
        "warnings": document.warnings.len(),
        "messages": document.warnings.iter().map(|w| &w.message).collect::<Vec<_>>(),
    })
}

/// The summary every language computes the same way (see the file's
/// `about`).
fn summary(ingested: &Ingested) -> Value {
    let occurrences: Vec<_> = ingested.occurrences().collect();
    let distinct = distinct(occurrences.iter().copied());
    let mut severities = json!({});
    for severity in Severity::ALL {
        let n = occurrences
            .iter()
            .filter(|o| o.severity == severity)
            .count();
        severities[severity.code()] = json!(n);
    }
    let mut fix_states = json!({});
    for state in [
        FixState::Fixed,
        FixState::NotFixed,
        FixState::WontFix,
        FixState::Unknown,
    ] {
        let n = occurrences.iter().filter(|o| o.fix.state == state).count();
        fix_states[state.code()] = json!(n);
    }
    let mut applicability = json!({});
    for a in [
        Applicability::Applicable,
        Applicability::NotApplicable,
        Applicability::Undetermined,
        Applicability::NotCovered,
        Applicability::NotScanned,
    ] {
        let n = occurrences.iter().filter(|o| o.applicability == a).count();
        applicability[serde_json::to_value(a).unwrap().as_str().unwrap()] = json!(n);
    }
    let sources: BTreeSet<&str> = occurrences
        .iter()
        .filter_map(|o| o.severity_source.as_deref())
        .collect();
    let mut summary = json!({
        "reports": ingested.reports.len(),
        "occurrences": occurrences.len(),
        "distinct_vulnerabilities": distinct,
        "suppressed": ingested.reports.iter().map(|r| r.suppressed).sum::<u64>(),
        "fix_available": occurrences.iter().filter(|o| o.fix.is_available()).count(),
        "digests": ingested.reports.iter().map(|r| &r.digests).collect::<Vec<_>>(),
        "artifacts": ingested.reports.iter().map(|r| &r.artifact).collect::<Vec<_>>(),
        "workloads": ingested.reports.iter().map(|r| &r.workload).collect::<Vec<_>>(),
        "severities": severities,
        "fix_states": fix_states,
        "applicability": applicability,
        "malicious": occurrences.iter().filter(|o| o.malicious).count(),
        "aliases": occurrences.iter().map(|o| &o.aliases).collect::<Vec<_>>(),
        "severity_sources": sources,
        "fix_versions": occurrences.iter().map(|o| &o.fix.versions).collect::<Vec<_>>(),
        "warnings": ingested.warnings.iter().map(|w| w.code).collect::<Vec<_>>(),
    });
    if ingested.reports.iter().all(|r| !r.digests.is_empty()) {
        let running: Vec<RunningImage> = ingested
            .reports
            .iter()
            .map(|r| RunningImage {
                digests: r.digests.clone(),
                scanned: true,
                monitored: false,
                deployments: Vec::new(),
            })
            .collect();
        let all: Vec<_> = occurrences.iter().map(|o| (*o).clone()).collect();
        let funnel = kubesight::funnel::compute(
            &running,
            &all,
            kubesight::funnel::RuntimeValidation::Unavailable,
        )
        .funnel;
        summary["funnel"] = serde_json::to_value(funnel).unwrap();
    }
    summary
}

#[test]
fn fixtures_give_the_numbers_read_off_the_files() {
    support::check_section("ingest.json", "cases", 28, |case| {
        let text = fixture(case["fixture"].as_str().unwrap());
        read(case["format"].as_str().unwrap(), &text)
            .map(|i| summary(&i))
            .map_err(|e| e.to_string())
    });
}

/// Distinct vulnerabilities (alias groups) among `occurrences`.
fn distinct<'a>(occurrences: impl IntoIterator<Item = &'a kubesight::finding::Occurrence>) -> u64 {
    kubesight::funnel::distinct_vulnerabilities(occurrences)
}

#[test]
fn a_runtime_filtered_scan_marks_what_was_loaded() {
    use kubesight::finding::RuntimeEvidence;
    support::check_section("ingest.json", "runtime_pairs", 1, |case| {
        let listing = case["listing"].as_str().map(|l| format!("runtime_{l}"));
        let format = case["format"]
            .as_str()
            .or(listing.as_deref())
            .unwrap_or("kubernetes_pods");
        let mut full = read(format, &fixture(case["full"].as_str().unwrap())).unwrap();
        let filtered = read(format, &fixture(case["filtered"].as_str().unwrap())).unwrap();
        let marks = ingest::mark_runtime(&mut full.reports[0].occurrences, filtered.occurrences());
        let loaded: Vec<_> = full
            .occurrences()
            .filter(|o| o.runtime == RuntimeEvidence::Loaded)
            .collect();
        let critical_high = loaded
            .iter()
            .copied()
            .filter(|o| o.severity >= Severity::High);
        Ok(json!({
            "marks": marks,
            "loaded_vulnerabilities": distinct(loaded.iter().copied()),
            "loaded_critical_high": distinct(critical_high),
            "all_vulnerabilities": distinct(full.occurrences()),
        }))
    });
}

#[test]
fn broken_documents_give_errors_or_warnings() {
    support::check_section("ingest.json", "errors", 17, |case| {
        let (format, text) = (
            case["format"].as_str().unwrap(),
            case["text"].as_str().unwrap(),
        );
        let result = if is_vex(format) {
            read_vex(format, text).map(|d| vex_summary(&d))
        } else if format == "kubernetes_pods" {
            ingest::kubernetes_pods(text, "c").map(|i| pods_summary(&i))
        } else if let Some(listing) = format.strip_prefix("runtime_") {
            platform_summary(listing, text)
        } else {
            read(format, text).map(|i| summary(&i))
        };
        Ok(result.unwrap_or_else(|e| json!({ "error": e.code() })))
    });
}

#[test]
fn inline_documents_of_every_shape_give_the_numbers_read_off_them() {
    support::check_section("ingest.json", "shapes", 18, |case| {
        let (format, text) = (
            case["format"].as_str().unwrap(),
            case["text"].as_str().unwrap(),
        );
        read(format, text)
            .map(|i| summary(&i))
            .map_err(|e| format!("{}: {e}", e.code()))
    });
}

#[test]
fn inline_vex_documents_give_their_statements_and_apply() {
    support::check_section("ingest.json", "vex_shapes", 6, |case| {
        let document = read_vex(
            case["format"].as_str().unwrap(),
            case["text"].as_str().unwrap(),
        )
        .map_err(|e| format!("{}: {e}", e.code()))?;
        let mut result = vex_summary(&document);
        if let Some(occurrences) = case.get("occurrences") {
            let mut occurrences: Vec<kubesight::finding::Occurrence> =
                serde_json::from_value(occurrences.clone()).map_err(|e| e.to_string())?;
            let outcome = vex::apply_vex(&mut occurrences, &document);
            result["outcome"] = json!(outcome);
            result["remaining"] = json!(remaining(&occurrences));
        }
        Ok(result)
    });
}

/// What is left after applying VEX: (vulnerability, package, applicability),
/// sorted.
fn remaining(occurrences: &[kubesight::finding::Occurrence]) -> Vec<Value> {
    let mut remaining: Vec<Value> = occurrences
        .iter()
        .map(|o| json!([o.vulnerability, o.package.name, o.applicability]))
        .collect();
    remaining.sort_by_key(|r| r.to_string());
    remaining
}

#[test]
fn vex_documents_give_the_statements_read_off_the_files() {
    support::check_section("ingest.json", "vex", 18, |case| {
        let text = fixture(case["fixture"].as_str().unwrap());
        read_vex(case["format"].as_str().unwrap(), &text)
            .map(|d| vex_summary(&d))
            .map_err(|e| e.to_string())
    });
}

#[test]
fn vex_statements_remove_confirm_or_leave_findings() {
    support::check_section("ingest.json", "vex_applied", 5, |case| {
        let document = read_vex(
            case["format"].as_str().unwrap(),
            &fixture(case["fixture"].as_str().unwrap()),
        )
        .map_err(|e| e.to_string())?;
        let mut occurrences: Vec<kubesight::finding::Occurrence> =
            serde_json::from_value(case["occurrences"].clone()).map_err(|e| e.to_string())?;
        let outcome = vex::apply_vex(&mut occurrences, &document);
        Ok(json!({ "outcome": outcome, "remaining": remaining(&occurrences) }))
    });
}

fn pods_summary(inventory: &ingest::PodInventory) -> Value {
    json!({
        "containers": inventory.containers.iter().map(|c| json!({
            "pod": c.pod,
            "container": c.container,
            "workload": c.workload.to_string(),
            "node": c.node,
            "image": c.image.to_string(),
            "image_id_kind": c.image_id.as_ref().map(|i| i.kind().code()),
            "started_at": c.started_at,
        })).collect::<Vec<_>>(),
        "warnings": inventory.warnings.len(),
    })
}

#[test]
fn pod_lists_give_the_running_containers() {
    support::check_section("ingest.json", "pods", 2, |case| {
        let text = match case["fixture"].as_str() {
            Some(file) => fixture(file),
            None => case["text"].as_str().unwrap().to_owned(),
        };
        ingest::kubernetes_pods(&text, case["cluster"].as_str().unwrap())
            .map(|i| pods_summary(&i))
            .map_err(|e| e.to_string())
    });
}

#[test]
fn every_truncation_of_every_fixture_is_an_error_or_a_result_never_a_panic() {
    let vectors = support::vectors("ingest.json");
    let cases = vectors["cases"].as_array().unwrap();
    let pods = vectors["pods"].as_array().unwrap();
    for case in cases
        .iter()
        .chain(vectors["vex"].as_array().unwrap())
        .chain(pods.iter().filter(|p| p["fixture"].is_string()))
        .chain(
            vectors["platform"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|p| p["fixture"].is_string()),
        )
    {
        let text = fixture(case["fixture"].as_str().unwrap());
        let listing = case["listing"].as_str().map(|l| format!("runtime_{l}"));
        let format = case["format"]
            .as_str()
            .or(listing.as_deref())
            .unwrap_or("kubernetes_pods");
        // 150 cuts spread over each file.
        let step = (text.len() / 150).max(1);
        for cut in (0..text.len()).step_by(step) {
            let Some(prefix) = text.get(..cut) else {
                continue;
            };
            let result = if is_vex(format) {
                read_vex(format, prefix).map(|_| ())
            } else if format == "kubernetes_pods" {
                ingest::kubernetes_pods(prefix, "c").map(|_| ())
            } else if let Some(listing) = format.strip_prefix("runtime_") {
                platform_summary(listing, prefix).map(|_| ())
            } else {
                read(format, prefix).map(|_| ())
            };
            if let Err(e) = result {
                assert!(IngestError::CODES.contains(&e.code()), "{}", e.code());
                assert_user_form(&e.to_string());
            }
        }
    }
}

#[test]
fn every_truncation_of_every_inline_document_is_an_error_or_a_result_never_a_panic() {
    let vectors = support::vectors("ingest.json");
    for section in ["shapes", "vex_shapes"] {
        for case in vectors[section].as_array().unwrap() {
            let (format, text) = (
                case["format"].as_str().unwrap(),
                case["text"].as_str().unwrap(),
            );
            for cut in (0..text.len()).filter(|cut| text.is_char_boundary(*cut)) {
                let prefix = &text[..cut];
                let result = if is_vex(format) {
                    read_vex(format, prefix).map(|_| ())
                } else {
                    read(format, prefix).map(|_| ())
                };
                if let Err(e) = result {
                    assert!(IngestError::CODES.contains(&e.code()), "{}", e.code());
                }
            }
        }
    }
}

#[test]
fn every_fixture_is_read_by_some_case() {
    fn walk(dir: &Path, base: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, base, out);
            } else if path.file_name().is_some_and(|n| n != "README.md") {
                out.push(
                    path.strip_prefix(base)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                );
            }
        }
    }
    // Every file of the project's own fixtures and of the shared
    // third-party ones, named as the vectors name them (from the root).
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for folder in ["tests/fixtures", "../shared/fixtures"] {
        walk(&root.join(folder), &root, &mut files);
    }
    let vectors = support::vectors("ingest.json");
    let named: BTreeSet<String> = [
        "cases",
        "vex",
        "runtime_pairs",
        "vex_applied",
        "pods",
        "platform",
    ]
    .iter()
    .flat_map(|section| vectors[*section].as_array().unwrap().iter())
    .flat_map(|case| ["fixture", "full", "filtered"].map(|k| case[k].as_str().map(String::from)))
    .flatten()
    .chain(
        vectors["platform_export"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|case| ["clusters", "image_tags", "workloads"].map(|k| case[k].clone()))
            .filter_map(|pages| pages.as_array().cloned())
            .flatten()
            .filter_map(|page| page.as_str().map(String::from)),
    )
    .collect();
    let unread: Vec<&String> = files.iter().filter(|f| !named.contains(*f)).collect();
    assert!(unread.is_empty(), "fixtures no case reads: {unread:?}");
}

/// A message shows codes and values as the user wrote them: never a Rust
/// debug form (`Some(..)`, `None`, a variant name such as `NoImageDigest`).
fn assert_user_form(message: &str) {
    use kubesight::ingest::WarningCode;
    for form in ["Some(", "None", "Ok(", "Err(", "{\"code\""] {
        assert!(
            !message.contains(form),
            "a debug form ({form}) in: {message}"
        );
    }
    for v in WarningCode::ALL {
        let name = format!("{v:?}");
        assert!(
            !message.contains(&name),
            "a variant name ({name}) in: {message}"
        );
    }
}

#[test]
fn no_warning_of_any_fixture_shows_a_rust_form() {
    let vectors = support::vectors("ingest.json");
    let mut messages: Vec<String> = Vec::new();
    let section = |name: &str| vectors[name].as_array().cloned().unwrap_or_default();
    for case in section("cases").iter().chain(&section("errors")) {
        let text = match case["fixture"].as_str() {
            Some(file) => fixture(file),
            None => case["text"].as_str().unwrap().to_owned(),
        };
        let format = case["format"].as_str().unwrap_or("kubernetes_pods");
        let warnings = if is_vex(format) {
            read_vex(format, &text).map(|r| r.warnings)
        } else if format == "kubernetes_pods" {
            ingest::kubernetes_pods(&text, "c").map(|r| r.warnings)
        } else if format == "runtime_clusters" {
            ingest::runtime_clusters(&[&text]).map(|r| r.warnings)
        } else if format.starts_with("runtime_") {
            ingest::runtime_images(&text).map(|r| r.warnings)
        } else {
            read(format, &text).map(|r| r.warnings)
        };
        match warnings {
            Ok(warnings) => messages.extend(warnings.into_iter().map(|w| w.message)),
            Err(e) => messages.push(e.to_string()),
        }
    }
    for case in section("vex") {
        let read = read_vex(
            case["format"].as_str().unwrap(),
            &fixture(case["fixture"].as_str().unwrap()),
        );
        messages.extend(read.unwrap().warnings.iter().map(|w| w.message.clone()));
    }
    for case in section("pods").iter().filter(|c| c["fixture"].is_string()) {
        let read =
            ingest::kubernetes_pods(&fixture(case["fixture"].as_str().unwrap()), "c").unwrap();
        messages.extend(read.warnings.iter().map(|w| w.message.clone()));
    }
    for case in section("platform_export") {
        let (clusters, tags, workloads) = (
            pages_of(&case, "clusters"),
            pages_of(&case, "image_tags"),
            pages_of(&case, "workloads"),
        );
        let results = [
            ingest::runtime_clusters(&refs(&clusters)).map(|r| r.warnings),
            ingest::runtime_image_tags(&refs(&tags)).map(|r| r.warnings),
            ingest::runtime_workloads(&refs(&workloads)).map(|r| r.warnings),
        ];
        for result in results {
            match result {
                Ok(warnings) => messages.extend(warnings.into_iter().map(|w| w.message)),
                Err(e) => messages.push(e.to_string()),
            }
        }
    }
    for case in section("platform") {
        let text = match case["fixture"].as_str() {
            Some(file) => fixture(file),
            None => case["text"].as_str().unwrap().to_owned(),
        };
        if case["listing"] == "clusters" {
            let read = ingest::runtime_clusters(&[&text]).unwrap();
            messages.extend(read.warnings.iter().map(|w| w.message.clone()));
        }
    }
    assert!(messages.len() > 50, "only {} messages", messages.len());
    for m in &messages {
        assert_user_form(m);
    }
}
