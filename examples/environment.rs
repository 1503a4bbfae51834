//! Loading an environment as a platform team has it: Pod lists from its
//! clusters, the registry's answers for the images they run, scanner
//! reports in their own formats, VEX documents, and the runtime platform's
//! cluster listing. Every file is read here; everything else is the
//! library's.
//!
//! An environment is described by a manifest (`environment.json`), whose
//! paths are relative to the manifest:
//!
//! ```text
//! observed_at          when the inventory was taken
//! trusted_registries   registry patterns the integrity policy trusts
//! clusters_file        the runtime platform's cluster listing (its REST API's cluster details)
//! pods                 [{cluster, file}]: `kubectl get pods -A -o json` per cluster
//! registry_file        {image reference: registry answer}
//! reports              [{format, file, image?, runtime_filtered?}]: scanner reports;
//!                      `image` names the scanned image's digest when the report does not,
//!                      `runtime_filtered` a runtime-filtered scan of the same image
//! vex                  [file]: OpenVEX, CycloneDX or CSAF VEX documents
//! scan_configurations  each cluster's scanners and retention
//! ```

use std::collections::{BTreeSet, HashMap};
use std::error::Error;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use kubesight::finding::{Occurrence, RunningImage};
use kubesight::ingest::{self, vex, Ingested, RuntimeMarks};
use kubesight::integrity::{IntegrityFacts, RegistryAnswer};
use kubesight::runtime::{Cluster, SensorState};
use kubesight::scanning::ScanConfigurations;
use kubesight::Digest;
use serde::Deserialize;

#[derive(Deserialize)]
struct Manifest {
    observed_at: DateTime<Utc>,
    trusted_registries: Vec<String>,
    clusters_file: PathBuf,
    pods: Vec<PodFile>,
    registry_file: PathBuf,
    reports: Vec<ReportFile>,
    #[serde(default)]
    vex: Vec<PathBuf>,
    scan_configurations: ScanConfigurations,
}

#[derive(Deserialize)]
struct PodFile {
    cluster: String,
    file: PathBuf,
}

#[derive(Deserialize)]
struct ReportFile {
    format: String,
    file: PathBuf,
    image: Option<Digest>,
    runtime_filtered: Option<PathBuf>,
}

/// Everything the dashboard shows is computed from this.
pub(crate) struct Environment {
    pub(crate) observed_at: DateTime<Utc>,
    pub(crate) trusted_registries: Vec<String>,
    /// Containers whose runtime reports an image id, with the registry's
    /// answer: the integrity assessment's input.
    pub(crate) containers: Vec<IntegrityFacts>,
    /// Running containers without an image id (not assessable).
    pub(crate) without_image_id: usize,
    pub(crate) running_images: Vec<RunningImage>,
    pub(crate) findings: Vec<Occurrence>,
    pub(crate) clusters: Vec<Cluster>,
    pub(crate) scan_configurations: ScanConfigurations,
    /// Reports read, with their file names and finding counts.
    pub(crate) reports: Vec<(String, usize)>,
    /// What VEX documents did.
    pub(crate) vex: vex::VexOutcome,
    /// What runtime-filtered scans marked.
    pub(crate) runtime: RuntimeMarks,
    /// What the readers skipped or assumed, one line each.
    pub(crate) warnings: Vec<String>,
}

fn read(dir: &Path, file: &Path) -> Result<String, Box<dyn Error>> {
    let path = dir.join(file);
    std::fs::read_to_string(&path).map_err(|e| format!("reading {}: {e}", path.display()).into())
}

fn report(format: &str, text: &str) -> Result<Ingested, ingest::IngestError> {
    match format {
        "trivy" => ingest::trivy(text),
        "trivy_operator" => ingest::trivy_operator(text),
        "grype" => ingest::grype(text),
        "osv_scanner" => ingest::osv_scanner(text),
        "jfrog_simple_json" => ingest::jfrog_simple_json(text),
        other => Err(ingest::IngestError::UnrecognizedDocument {
            format: "report",
            reason: format!("no reader for `{other}`"),
        }),
    }
}

/// A VEX document of whichever of the three formats it is.
fn vex_document(text: &str) -> Result<vex::VexDocument, Box<dyn Error>> {
    let value: serde_json::Value = serde_json::from_str(text)?;
    Ok(if value.get("statements").is_some() {
        vex::openvex(text)?
    } else if value.get("bomFormat").is_some() {
        vex::cyclonedx_vex(text)?
    } else {
        vex::csaf_vex(text)?
    })
}

/// Loads the environment whose manifest is `manifest`.
pub(crate) fn load(manifest: &Path) -> Result<Environment, Box<dyn Error>> {
    let dir = manifest.parent().unwrap_or(Path::new("."));
    let m: Manifest = serde_json::from_str(&read(
        dir,
        Path::new(manifest.file_name().unwrap_or_default()),
    )?)?;
    let listing = ingest::runtime_clusters(&[&read(dir, &m.clusters_file)?])?;
    let clusters: Vec<Cluster> = listing.clusters;
    let answers: HashMap<String, RegistryAnswer> =
        serde_json::from_str(&read(dir, &m.registry_file)?)?;
    let mut warnings: Vec<String> = listing
        .warnings
        .iter()
        .map(|w| format!("{}: {}", m.clusters_file.display(), w.message))
        .collect();

    let mut containers = Vec::new();
    for pods in &m.pods {
        let inventory = ingest::kubernetes_pods(&read(dir, &pods.file)?, &pods.cluster)?;
        for w in &inventory.warnings {
            warnings.push(format!("{}: {} {}", pods.file.display(), w.at, w.message));
        }
        containers.extend(inventory.containers);
    }

    let mut findings = Vec::new();
    let mut scanned: BTreeSet<Digest> = BTreeSet::new();
    let mut reports = Vec::new();
    let mut runtime = RuntimeMarks::default();
    for entry in &m.reports {
        let mut ingested = report(&entry.format, &read(dir, &entry.file)?)?;
        for r in &mut ingested.reports {
            if let Some(image) = &entry.image {
                r.assign_image(vec![image.clone()]);
            }
            if let Some(filtered) = &entry.runtime_filtered {
                let filtered = report(&entry.format, &read(dir, filtered)?)?;
                let marks = ingest::mark_runtime(&mut r.occurrences, filtered.occurrences());
                runtime.loaded += marks.loaded;
                runtime.not_observed += marks.not_observed;
                runtime.unmatched += marks.unmatched;
            }
            scanned.extend(r.digests.iter().cloned());
        }
        for w in &ingested.warnings {
            warnings.push(format!(
                "{}: {:?} at {}: {}",
                entry.file.display(),
                w.code,
                w.at,
                w.message
            ));
        }
        let name = entry
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let before = findings.len();
        findings.extend(ingested.reports.into_iter().flat_map(|r| r.occurrences));
        reports.push((name, findings.len() - before));
    }

    let mut outcome = vex::VexOutcome::default();
    for file in &m.vex {
        let document = vex_document(&read(dir, file)?)?;
        let o = vex::apply_vex(&mut findings, &document);
        outcome.not_affected += o.not_affected;
        outcome.fixed += o.fixed;
        outcome.affected += o.affected;
        outcome.under_investigation += o.under_investigation;
        outcome.unused_statements += o.unused_statements;
    }

    let sensor_runs = |cluster: &str, node: &str| {
        clusters.iter().any(|c| {
            c.name == cluster
                && c.nodes
                    .iter()
                    .any(|n| n.name == node && n.sensor == SensorState::Running)
        })
    };
    let pods = ingest::PodInventory {
        containers: containers.clone(),
        warnings: Vec::new(),
    };
    let running_images = pods.running_images(
        |digest| scanned.contains(digest),
        |c| sensor_runs(&c.cluster, &c.node),
    );
    let no_answer = RegistryAnswer::Unavailable {
        reason: "the registry was not asked".into(),
    };
    let without_image_id = containers.iter().filter(|c| c.image_id.is_none()).count();
    let facts = containers
        .iter()
        .filter_map(|c| {
            let answer = answers
                .get(&c.image.to_string())
                .cloned()
                .unwrap_or_else(|| no_answer.clone());
            c.facts(answer)
        })
        .collect();
    Ok(Environment {
        observed_at: m.observed_at,
        trusted_registries: m.trusted_registries,
        containers: facts,
        without_image_id,
        running_images,
        findings,
        clusters,
        scan_configurations: m.scan_configurations,
        reports,
        vex: outcome,
        runtime,
        warnings,
    })
}
