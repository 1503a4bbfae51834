//! The dashboard's drill-down: the highest-priority vulnerabilities with
//! where they run and why they stopped, the riskiest images, and what
//! changed since the day before.

use kubesight::change::{explain_change, EnvironmentState};
use kubesight::funnel::{IncreaseThreshold, RuntimeValidation};
use kubesight::images::{ImagesQuery, ImagesView};
use kubesight::integrity::IntegrityAssessment;
use kubesight::table::{RowImage, TableQuery, VulnerabilityTable};

use super::environment::Environment;

/// Where the images of a row run, as `cluster/namespace/Kind/name` (the
/// first few) and how many more.
fn places(images: &[RowImage]) -> String {
    let mut all: Vec<String> = images
        .iter()
        .flat_map(|i| {
            i.workloads
                .iter()
                .map(|w| format!("{}/{}/{}/{}", w.cluster, w.namespace, w.kind, w.name))
        })
        .collect();
    all.sort();
    all.dedup();
    match all.len() {
        0 => "no workload known".to_owned(),
        n if n <= 2 => all.join(", "),
        n => format!(
            "{} and {} more",
            all.get(..2).unwrap_or_default().join(", "),
            n - 2
        ),
    }
}

/// The ten highest-priority vulnerabilities.
pub(crate) fn print_priorities(table: &VulnerabilityTable) {
    let page = table.query(&TableQuery {
        limit: Some(10),
        ..TableQuery::default()
    });
    println!(
        "TOP PRIORITIES ({} of {} distinct vulnerabilities; stage reached, then severity and reach)",
        page.rows.len(),
        page.total
    );
    for (n, row) in page.rows.iter().enumerate() {
        let why = row
            .stopped
            .map(|r| format!("stopped: {}", r.text()))
            .unwrap_or_else(|| "reached the last stage".to_owned());
        println!(
            "  {:>2}. {:<16} {:<8} {:<20} {why}",
            n + 1,
            row.id,
            row.severity.label(),
            row.stage.display_name()
        );
        // Two scanners may name one package (with and without a purl).
        let mut packages: Vec<String> = row
            .packages
            .iter()
            .map(|p| match p.fixed_versions.first() {
                Some(fix) => format!("{} {} (fixed in {fix})", p.name, p.version),
                None => format!("{} {}", p.name, p.version),
            })
            .collect();
        packages.dedup();
        let shown = match packages.len() {
            n if n > 3 => format!(
                "{} and {} more packages",
                packages.get(..3).unwrap_or_default().join(", "),
                n - 3
            ),
            _ => packages.join(", "),
        };
        println!(
            "      on {} image(s), {} workload(s): {}; {shown}",
            row.image_count,
            row.workload_count,
            places(&row.images)
        );
    }
    let malicious = table.malicious_packages();
    if !malicious.is_empty() {
        println!("  malicious packages (never counted as vulnerabilities):");
        for m in malicious {
            println!(
                "    {} {} ({}) on {}",
                m.package.name,
                m.package.version,
                m.ids.join(", "),
                places(&m.images)
            );
        }
    }
    println!();
}

/// The five riskiest running images.
pub(crate) fn print_riskiest(data: &Environment, assessments: &[IntegrityAssessment]) {
    let view = ImagesView::build(&data.running_images, &data.findings, assessments);
    let page = view.query(&ImagesQuery {
        limit: Some(5),
        ..ImagesQuery::default()
    });
    println!(
        "RISKIEST IMAGES ({} of {} running)",
        page.rows.len(),
        page.total
    );
    for row in &page.rows {
        let name = row
            .references
            .first()
            .cloned()
            .unwrap_or_else(|| row.digest.clone());
        let badges: Vec<&str> = row.risks.iter().map(|r| r.code()).collect();
        let v = row.vulnerabilities;
        println!(
            "  {name}{}",
            if row.scanned { "" } else { "  (NOT SCANNED)" }
        );
        println!(
            "      {} critical, {} high, {} critical & applicable, {} malicious; badges: {}",
            v.critical,
            v.high,
            row.critical_applicable,
            row.malicious_packages,
            if badges.is_empty() {
                "none".to_owned()
            } else {
                badges.join(", ")
            }
        );
    }
    println!();
}

fn state(data: &Environment, validation: RuntimeValidation) -> EnvironmentState {
    EnvironmentState {
        running: data.running_images.clone(),
        findings: data.findings.clone(),
        runtime_validation: validation,
        suppressed: Vec::new(),
    }
}

/// What changed since `before`, stage by stage and cause by cause.
pub(crate) fn print_change(
    before: &Environment,
    after: &Environment,
    validation: RuntimeValidation,
) {
    let explained = explain_change(
        &state(before, validation),
        &state(after, validation),
        IncreaseThreshold::default(),
    );
    println!(
        "CHANGE SINCE {} ({} new images, {} of them unscanned; {} stopped)",
        before.observed_at.format("%Y-%m-%d %H:%M UTC"),
        explained.new_images,
        explained.new_unscanned_images,
        explained.stopped_images
    );
    for stage in &explained.stages {
        if stage.entered.is_empty() && stage.left.is_empty() {
            println!(
                "  {:<22} {:>4} -> {:<4} unchanged",
                stage.stage.display_name(),
                stage.before,
                stage.after
            );
            continue;
        }
        println!(
            "  {:<22} {:>4} -> {:<4} +{} -{}",
            stage.stage.display_name(),
            stage.before,
            stage.after,
            stage.entered.len(),
            stage.left.len()
        );
        let sides = [
            ("+", &stage.entered_by_cause, &stage.entered),
            ("-", &stage.left_by_cause, &stage.left),
        ];
        for (sign, causes, movements) in sides {
            for c in causes {
                let mut facts: Vec<&str> = movements
                    .iter()
                    .filter(|m| m.cause == c.cause)
                    .flat_map(|m| m.facts.iter().map(|f| f.text()))
                    .collect();
                facts.sort_unstable();
                facts.dedup();
                let facts = if facts.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", facts.join("; "))
                };
                println!(
                    "      {sign}{} {}{facts}: {}",
                    c.count,
                    c.cause.text(),
                    c.examples.join(", ")
                );
            }
        }
    }
    if explained.change.sudden_increase {
        println!("  sudden increase: check the causes above");
    }
    println!();
}
