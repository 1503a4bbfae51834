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
//! pods                 [{cluster, file}]: `kubectl get pods -A -o json` per cluster (optional)
//! registry_file        {image reference: registry answer} (optional)
//! reports              [{format, file, image?, runtime_filtered?}]: scanner reports;
//!                      `image` names the scanned image's digest when the report does not,
//!                      `runtime_filtered` a runtime-filtered scan of the same image (optional)
//! platform             {image_tags: [file], workloads: [file]}: the pages of the platform's
//!                      image tags and workloads listings (optional)
//! vex                  [file]: OpenVEX, CycloneDX or CSAF VEX documents
//! scan_configurations  each cluster's scanners and retention
//! previous             the manifest of the day before, for the explained change (optional)
//! ```
//!
//! A platform export alone (cluster details, image tag and workload pages,
//! no Pod list and no scanner report) is an environment too: the platform's
//! image tags are its running images and findings, the workloads' processes
//! their runtime evidence.

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
    #[serde(default)]
    pods: Vec<PodFile>,
    registry_file: Option<PathBuf>,
    #[serde(default)]
    reports: Vec<ReportFile>,
    platform: Option<PlatformFiles>,
    #[serde(default)]
    vex: Vec<PathBuf>,
    scan_configurations: ScanConfigurations,
    previous: Option<PathBuf>,
}

#[derive(Deserialize)]
struct PodFile {
    cluster: String,
    file: PathBuf,
}

#[derive(Deserialize)]
struct PlatformFiles {
    image_tags: Vec<PathBuf>,
    #[serde(default)]
    workloads: Vec<PathBuf>,
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
    /// What the platform's listings gave, when the manifest has them.
    pub(crate) platform: Option<PlatformView>,
    /// What the readers skipped or assumed, one line each.
    pub(crate) warnings: Vec<String>,
    /// The manifest of the day before, when the manifest names one.
    pub(crate) previous: Option<PathBuf>,
}

/// The platform's image tags and what its workloads told of them.
pub(crate) struct PlatformView {
    pub(crate) tags: ingest::PlatformImageTags,
    pub(crate) workloads: usize,
}

/// Reads the pages `files` of one listing.
fn pages(dir: &Path, files: &[PathBuf]) -> Result<Vec<String>, Box<dyn Error>> {
    files.iter().map(|f| read(dir, f)).collect()
}

/// One line per warning: the file, the code, where and what.
fn lines<'a>(
    file: impl std::fmt::Display + 'a,
    warnings: &'a [ingest::IngestWarning],
) -> impl Iterator<Item = String> + 'a {
    warnings
        .iter()
        .map(move |w| format!("{}: {} at {}: {}", file, w.code.code(), w.at, w.message))
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
    let answers: HashMap<String, RegistryAnswer> = match &m.registry_file {
        Some(file) => serde_json::from_str(&read(dir, file)?)?,
        None => HashMap::new(),
    };
    let mut warnings: Vec<String> = lines(m.clusters_file.display(), &listing.warnings).collect();

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
        warnings.extend(lines(entry.file.display(), &ingested.warnings));
        let name = entry
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let before = findings.len();
        findings.extend(ingested.reports.into_iter().flat_map(|r| r.occurrences));
        reports.push((name, findings.len() - before));
    }

    let platform = match &m.platform {
        Some(files) => {
            let texts = pages(dir, &files.image_tags)?;
            let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
            let mut tags = ingest::runtime_image_tags(&texts)?;
            warnings.extend(lines("the platform's image tags", &tags.warnings));
            let mut workloads = 0;
            if !files.workloads.is_empty() {
                let texts = pages(dir, &files.workloads)?;
                let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
                let listing = ingest::runtime_workloads(&texts)?;
                warnings.extend(lines("the platform's workloads", &listing.warnings));
                workloads = listing.workloads.len();
                tags.apply_workloads(
                    &listing,
                    &clusters,
                    &kubesight::runtime::DisableLabel::default(),
                );
            }
            let before = findings.len();
            findings.extend(tags.occurrences().cloned());
            reports.push((
                "the platform's image tags".to_owned(),
                findings.len() - before,
            ));
            Some(PlatformView { tags, workloads })
        }
        None => None,
    };

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
    let mut running_images = pods.running_images(
        |digest| scanned.contains(digest),
        |c| sensor_runs(&c.cluster, &c.node),
    );
    if let Some(view) = &platform {
        running_images.extend(view.tags.running_images.iter().cloned());
    }
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
        platform,
        warnings,
        previous: m.previous.map(|p| dir.join(p)),
    })
}
