//! Integrity report over an inventory of running containers.
//!
//! ```text
//! cargo run --example dashboard                   # the bundled inventory
//! cargo run --example dashboard -- inventory.json # your own
//! ```
//!
//! The inventory is JSON: `observed_at`, `trusted_registries`, and
//! `containers`, each the serde form of `kubesight::integrity::IntegrityFacts`
//! (see `examples/data/inventory.json`).

use std::collections::BTreeMap;
use std::error::Error;

use chrono::{DateTime, Utc};
use kubesight::integrity::{
    Evidence, IntegrityAssessment, IntegrityFacts, IntegrityPolicy, TrustedRegistries, Violation,
    ViolationKind,
};
use serde::Deserialize;

#[derive(Deserialize)]
struct Inventory {
    observed_at: DateTime<Utc>,
    trusted_registries: Vec<String>,
    containers: Vec<IntegrityFacts>,
}

const BUNDLED: &str = include_str!("data/inventory.json");

fn main() -> Result<(), Box<dyn Error>> {
    let text = match std::env::args().nth(1) {
        Some(path) => std::fs::read_to_string(&path).map_err(|e| format!("reading {path}: {e}"))?,
        None => BUNDLED.to_owned(),
    };
    let inventory: Inventory = serde_json::from_str(&text)?;
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
    println!(
        "kubesight integrity report: {} running containers in {} clusters, observed {}",
        inventory.containers.len(),
        clusters.len(),
        inventory.observed_at.format("%Y-%m-%d %H:%M UTC")
    );
    println!(
        "trusted registries: {}\n",
        inventory.trusted_registries.join(", ")
    );

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
