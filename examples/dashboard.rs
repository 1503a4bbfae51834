//! The runtime security dashboard over an environment as a platform team
//! has it: Pod lists, registry answers, scanner reports (Grype, kubevuln,
//! Trivy Operator, JFrog, osv-scanner), a VEX document and the cluster
//! listing. It prints installation and sensor health, scan status,
//! readiness, the prioritization funnel, the highlights, the ten
//! highest-priority vulnerabilities with where they run and why they stopped,
//! the five riskiest images, what changed since the day before, and every
//! integrity violation explained.
//!
//! ```text
//! cargo run --example dashboard                                  # the bundled environment
//! cargo run --example dashboard -- path/to/environment.json      # your own
//! ```
//!
//! The manifest's format is described in `examples/environment.rs`; the
//! bundled one is `examples/data/environment/day2/environment.json`, whose
//! `previous` is the day before (`examples/data/environment/environment.json`).

#[path = "environment.rs"]
mod environment;
#[path = "priorities.rs"]
mod priorities;

use std::collections::BTreeMap;
use std::error::Error;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use environment::Environment;
use kubesight::finding::FindingIndex;
use kubesight::funnel::{Funnel, FunnelAccumulator};
use kubesight::highlights::Highlights;
use kubesight::ingest;
use kubesight::integrity::{
    Evidence, IntegrityAssessment, IntegrityFacts, IntegrityPolicy, TrustedRegistries, Violation,
    ViolationKind,
};
use kubesight::readiness::Readiness;
use kubesight::runtime::{ClusterHealth, DisableLabel, Installation, ScanReport};
use kubesight::table::VulnerabilityTable;

fn main() -> Result<(), Box<dyn Error>> {
    let manifest = std::env::args().nth(1).map_or_else(
        || {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../examples/data/environment/day2/environment.json")
        },
        PathBuf::from,
    );
    let inventory = environment::load(&manifest)?;
    let policy = IntegrityPolicy::new(TrustedRegistries::new(&inventory.trusted_registries)?);
    let assessed: Vec<(&IntegrityFacts, IntegrityAssessment)> = inventory
        .containers
        .iter()
        .map(|facts| (facts, policy.assess(facts, inventory.observed_at)))
        .collect();

    let clusters: std::collections::BTreeSet<&str> = inventory
        .containers
        .iter()
        .map(|c| c.cluster.as_str())
        .collect();
    if inventory.containers.is_empty() && inventory.platform.is_some() {
        println!(
            "kubesight dashboard: {} running images as the runtime platform lists them, observed {}",
            inventory.running_images.len(),
            inventory.observed_at.format("%Y-%m-%d %H:%M UTC")
        );
    } else {
        println!(
            "kubesight dashboard: {} running containers in {} clusters, observed {}",
            inventory.containers.len(),
            clusters.len(),
            inventory.observed_at.format("%Y-%m-%d %H:%M UTC")
        );
    }
    println!(
        "trusted registries: {}",
        inventory.trusted_registries.join(", ")
    );
    if let Some(view) = &inventory.platform {
        let tags = &view.tags;
        println!(
            "the platform's listings: {} image tags on {} pages ({} running), {} workloads",
            tags.tags.len(),
            tags.listing.pages,
            tags.running_images.len(),
            view.workloads
        );
        if let Some(e) = &tags.evidence {
            println!(
                "  runtime evidence from the workloads' processes: {} findings loaded, {} not observed, {} on images no sensor watches",
                e.loaded, e.not_observed, e.unavailable
            );
        }
        let badge = |risk: ingest::platform::Risk| {
            tags.tags
                .iter()
                .filter(|t| t.risks.contains(&risk))
                .map(|t| t.display())
                .collect::<Vec<_>>()
        };
        for (risk, label) in [
            (
                ingest::platform::Risk::IntegrityViolation,
                "integrity violation",
            ),
            (
                ingest::platform::Risk::UntrustedRegistry,
                "untrusted registry",
            ),
        ] {
            let images = badge(risk);
            if !images.is_empty() {
                println!("  the platform's {label} badge: {}", images.join(", "));
            }
        }
    }
    if inventory.without_image_id > 0 {
        println!(
            "({} running containers report no image id yet and cannot be assessed)",
            inventory.without_image_id
        );
    }
    println!("scanner reports:");
    for (file, findings) in &inventory.reports {
        println!("  {file:<36} {findings:>5} findings");
    }
    println!(
        "runtime-filtered scans: {} findings seen loaded, {} not observed",
        inventory.runtime.loaded, inventory.runtime.not_observed
    );
    println!(
        "VEX: {} findings not affected, {} fixed, {} confirmed affected, {} under investigation",
        inventory.vex.not_affected,
        inventory.vex.fixed,
        inventory.vex.affected,
        inventory.vex.under_investigation
    );
    if !inventory.warnings.is_empty() {
        println!("reader warnings ({}):", inventory.warnings.len());
        for w in &inventory.warnings {
            println!("  {w}");
        }
    }
    println!();

    let violations_found: Vec<&Violation> = assessed
        .iter()
        .filter_map(|(_, a)| a.violation.as_ref())
        .collect();
    print_prioritization(&inventory, violations_found.iter().copied());
    let validation = Installation::of(&inventory.clusters, &DisableLabel::default())
        .status
        .runtime_validation();
    let table = VulnerabilityTable::build(
        &inventory.running_images,
        &inventory.findings,
        validation,
        None,
    );
    priorities::print_priorities(&table);
    let assessments: Vec<IntegrityAssessment> = assessed.iter().map(|(_, a)| a.clone()).collect();
    priorities::print_riskiest(&inventory, &assessments);
    if let Some(previous) = &inventory.previous {
        let before = environment::load(previous)?;
        priorities::print_change(&before, &inventory, validation);
    }
    let mut violations: Vec<&Violation> = assessed
        .iter()
        .filter_map(|(_, a)| a.violation.as_ref())
        .collect();
    violations.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.location.cluster.cmp(&b.location.cluster))
    });
    println!("INTEGRITY VIOLATIONS ({})", violations.len());
    for (i, v) in violations.iter().enumerate() {
        print_violation(i + 1, v);
    }

    println!("UNTRUSTED REGISTRIES (a separate risk, not an integrity violation)");
    for (facts, a) in &assessed {
        if a.status_code() == "untrusted_registry" {
            println!(
                "  - {} in {}/{} ({})",
                facts.image.familiar(),
                facts.cluster,
                facts.namespace,
                facts.workload
            );
        }
    }
    println!();

    println!("COULD NOT BE DETERMINED");
    for (facts, a) in &assessed {
        if !a.is_determined() {
            let why = a
                .reasons
                .last()
                .map(ToString::to_string)
                .unwrap_or_default();
            println!(
                "  - {} in {}/{}: {why}",
                facts.image.familiar(),
                facts.cluster,
                facts.namespace
            );
        }
    }
    println!();

    println!("SUMMARY");
    let mut by_status: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, a) in &assessed {
        *by_status.entry(a.status_code()).or_default() += 1;
    }
    for (status, n) in &by_status {
        println!("  {status:<24} {n:>3}");
    }
    println!("  by violation kind:");
    for kind in ViolationKind::ALL {
        let images: std::collections::BTreeSet<String> = violations
            .iter()
            .filter(|v| v.kind == kind)
            .map(|v| v.image.to_string())
            .collect();
        let n = violations.iter().filter(|v| v.kind == kind).count();
        println!(
            "    {:<28} {:<9} {n:>3} containers, {:>3} images",
            kind.display_name(),
            kind.severity().display_name(),
            images.len()
        );
    }
    Ok(())
}

/// Prints installation, sensor health, scan status, readiness, the funnel and
/// the highlights.
fn print_prioritization<'a>(
    data: &Environment,
    violations: impl IntoIterator<Item = &'a Violation>,
) {
    let label = DisableLabel::default();
    let installation = Installation::of(&data.clusters, &label);
    println!(
        "INSTALLATION: {} ({})",
        installation.status.code(),
        installation.status.guidance()
    );
    println!(
        "  connected clusters: {}",
        installation.connected_clusters.join(", ")
    );
    println!(
        "  clusters with sensors: {}",
        installation.clusters_with_sensors.join(", ")
    );
    println!();

    println!("CLUSTER AND SENSOR HEALTH");
    for cluster in &data.clusters {
        let health = ClusterHealth::of(cluster, &label);
        let verdict = if health.monitored_correctly {
            "monitored correctly"
        } else {
            "NOT monitored correctly"
        };
        println!(
            "  {} (controller {}): {verdict}",
            health.cluster,
            health.controller.code()
        );
        match &health.nodes {
            Some(nodes) => {
                for node in nodes {
                    println!("    {:<16} sensor {}", node.node, node.sensor);
                }
            }
            None => println!("    controller only: node-level sensor details are not available"),
        }
        for problem in &health.problems {
            println!("    problem: {problem}");
        }
    }
    println!();

    let mut index = FindingIndex::new(&data.running_images);
    let scan = ScanReport::of_index(&index);
    println!(
        "SCAN STATUS: {} ({} of {} running images scanned) - {}",
        scan.status.code(),
        scan.scanned,
        scan.running,
        scan.status.action()
    );
    println!();

    let readiness = Readiness::of(&installation, &data.scan_configurations);
    println!(
        "DASHBOARD READINESS: {}",
        if readiness.ready {
            "ready"
        } else {
            "not ready"
        }
    );
    for unmet in &readiness.unmet {
        let clusters = if unmet.clusters.is_empty() {
            String::new()
        } else {
            format!(" [{}]", unmet.clusters.join(", "))
        };
        println!(
            "  - {}{clusters}: {}",
            unmet.prerequisite.code(),
            unmet.impact
        );
        println!("    {}", unmet.action);
    }
    println!();

    let (interned, skipped) = index.intern_all(&data.findings);
    let mut accumulator = FunnelAccumulator::for_index(&index);
    accumulator.add_all(&interned);
    let funnel = accumulator.finish(&index, installation.status.runtime_validation());
    print_funnel(&funnel);
    println!(
        "  ({} findings counted; left out: {} malicious, {} on images not running, {} on unscanned images)",
        funnel.occurrences, skipped.malicious, skipped.not_running, skipped.not_scanned
    );
    println!();

    let highlights = Highlights::of_index(&index, &data.findings, violations);
    println!("LIVE ASSESSMENT HIGHLIGHTS");
    let h = highlights;
    println!(
        "  malicious packages:          {} in {} images",
        h.malicious_packages.packages, h.malicious_packages.images
    );
    println!(
        "  critical & applicable CVEs:  {} in {} images",
        h.critical_applicable.vulnerabilities, h.critical_applicable.images
    );
    println!(
        "  integrity violations:        {} images ({} digest mismatch, {} missing source, {} tag update)",
        h.integrity_violations.images,
        h.integrity_violations.digest_mismatch,
        h.integrity_violations.missing_source,
        h.integrity_violations.post_deployment_tag_update
    );
    println!();
}

fn print_funnel(funnel: &Funnel) {
    println!("PRIORITIZATION FUNNEL (distinct vulnerabilities / images)");
    for (stage, count) in funnel.stages() {
        println!(
            "  {:<22} {:>4} / {:>3}",
            stage.display_name(),
            count.vulnerabilities,
            count.images
        );
    }
    if funnel.validated_in_runtime.is_none() {
        println!(
            "  {:<22} not available without sensors",
            "Validated in Runtime"
        );
    }
    let u = funnel.undecided;
    println!(
        "  undecided: {} awaiting contextual analysis, {} with unknown fix state, {} without runtime evidence",
        u.applicability, u.fix, u.runtime
    );
}

fn print_violation(n: usize, v: &Violation) {
    println!("{n}. {} ({}): {}", v.kind, v.severity, v.image.familiar());
    println!("   Evidence: {}", v.evidence.headline());
    match &v.evidence {
        Evidence::DigestMismatch { digests } => {
            println!("     runtime digest (actual):    {}", digests.actual);
            println!("     registry digest (expected): {}", digests.expected);
            if let Some(url) = &digests.artifact_url {
                println!("     artifact: {url}");
            }
        }
        Evidence::MissingSource { registry_path } => {
            println!("     registry path: {registry_path}")
        }
        Evidence::PostDeploymentTagUpdate { timeline, digests } => {
            let show = |t: Option<DateTime<Utc>>| {
                t.map_or("unknown".to_owned(), |t| {
                    t.format("%Y-%m-%d %H:%M UTC").to_string()
                })
            };
            println!("     deployed:    {}", show(timeline.deployed_at));
            println!(
                "     tag updated: {} ({})",
                show(timeline.tag_updated_at),
                timeline.describe_elapsed()
            );
            println!("     runtime digest (actual):    {}", digests.actual);
            println!("     registry digest (expected): {}", digests.expected);
        }
    }
    let l = &v.location;
    println!(
        "   Location: cluster {}, namespace {}, {} on node {}; first detected {}",
        l.cluster,
        l.namespace,
        l.workload,
        l.node,
        l.first_detected.format("%Y-%m-%d %H:%M UTC")
    );
    println!("   Recommendations:");
    for r in &v.recommendations {
        let when = r.horizon.map(|h| format!("[{h}] ")).unwrap_or_default();
        let condition = r
            .condition
            .map(|c| format!("{}: ", capitalise(c.text())))
            .unwrap_or_default();
        println!("     {}. {when}{condition}{}", r.step, r.text);
    }
    println!();
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}
