//! The adapters: scanner reports, VEX, Pod lists, platform listings.

use pyo3::prelude::*;

use crate::convert::{from_py, to_py};
use crate::errors::raise;
use kubesight::finding::Occurrence;
use kubesight::ingest;

macro_rules! reader {
    ($(#[$doc:meta] $name:ident => $path:path;)*) => {$(
        #[$doc]
        #[pyfunction]
        fn $name(py: Python<'_>, document: &str) -> PyResult<Py<PyAny>> {
            let read = py.detach(|| $path(document)).map_err(raise)?;
            to_py(py, &read)
        }
    )*};
}

reader! {
    /// Reads a Trivy JSON report.
    trivy => ingest::trivy;
    /// Reads Trivy Operator VulnerabilityReports.
    trivy_operator => ingest::trivy_operator;
    /// Reads a Grype JSON report (or a kubevuln manifest holding one).
    grype => ingest::grype;
    /// Reads an osv-scanner JSON report.
    osv_scanner => ingest::osv_scanner;
    /// Reads JFrog CLI simple-json output.
    jfrog_simple_json => ingest::jfrog_simple_json;
    /// Reads JFrog Xray scan JSON (`jf scan --format json`).
    jfrog_xray_json => ingest::jfrog_xray_json;
    /// Reads the runtime platform's live images listing.
    runtime_images => ingest::runtime_images;
    /// Reads an OpenVEX document.
    openvex => ingest::vex::openvex;
    /// Reads a CycloneDX document's VEX statements.
    cyclonedx_vex => ingest::vex::cyclonedx_vex;
    /// Reads a CSAF VEX document.
    csaf_vex => ingest::vex::csaf_vex;
}

macro_rules! paged_reader {
    ($(#[$doc:meta] $name:ident => $path:path;)*) => {$(
        #[$doc]
        #[pyfunction]
        fn $name(py: Python<'_>, pages: Vec<String>) -> PyResult<Py<PyAny>> {
            let pages: Vec<&str> = pages.iter().map(String::as_str).collect();
            let read = py.detach(|| $path(&pages)).map_err(raise)?;
            to_py(py, &read)
        }
    )*};
}

paged_reader! {
    /// Reads the pages of the runtime platform's cluster listing.
    runtime_clusters => ingest::runtime_clusters;
    /// Reads the pages of the runtime platform's image tags listing.
    runtime_image_tags => ingest::runtime_image_tags;
    /// Reads the pages of the runtime platform's workloads listing.
    runtime_workloads => ingest::runtime_workloads;
}

/// Gives image tags (as read) the runtime evidence of a workloads listing
/// (as read), with the clusters' sensors: the image tags, updated.
#[pyfunction]
#[pyo3(signature = (image_tags, workloads, clusters, *, disable_label = None))]
fn apply_workloads(
    py: Python<'_>,
    image_tags: &Bound<'_, PyAny>,
    workloads: &Bound<'_, PyAny>,
    clusters: &Bound<'_, PyAny>,
    disable_label: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let mut tags: ingest::PlatformImageTags = from_py(image_tags, "image_tags")?;
    let workloads: ingest::PlatformWorkloads = from_py(workloads, "workloads")?;
    let clusters: Vec<kubesight::runtime::Cluster> = from_py(clusters, "clusters")?;
    let label = match disable_label {
        Some(l) => from_py(l, "disable_label")?,
        None => kubesight::runtime::DisableLabel::default(),
    };
    tags.apply_workloads(&workloads, &clusters, &label);
    to_py(py, &tags)
}

/// Reads a Kubernetes Pod list from `cluster`.
#[pyfunction]
#[pyo3(signature = (document, *, cluster))]
fn kubernetes_pods(py: Python<'_>, document: &str, cluster: &str) -> PyResult<Py<PyAny>> {
    let read = ingest::kubernetes_pods(document, cluster).map_err(raise)?;
    to_py(py, &read)
}

/// Applies a VEX document (as read) to findings: `{"findings": [...],
/// "outcome": ...}`.
#[pyfunction]
fn apply_vex(
    py: Python<'_>,
    findings: &Bound<'_, PyAny>,
    document: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let occurrences: Vec<Occurrence> = from_py(findings, "findings")?;
    let document: ingest::vex::VexDocument = from_py(document, "document")?;
    to_py(py, &ingest::vex::VexApplied::apply(occurrences, &document))
}

/// Marks the findings of a full scan loaded or not observed from a
/// runtime-filtered scan: `{"findings": [...], "marks": ...}`.
#[pyfunction]
fn mark_runtime(
    py: Python<'_>,
    full: &Bound<'_, PyAny>,
    filtered: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let occurrences: Vec<Occurrence> = from_py(full, "full")?;
    let filtered: Vec<Occurrence> = from_py(filtered, "filtered")?;
    to_py(py, &ingest::RuntimeMarked::mark(occurrences, &filtered))
}

/// The workload that owns a controller (`ReplicaSet` `web-7d4b9c8f6d` is
/// `Deployment` `web`): `{"kind": ..., "name": ...}`.
#[pyfunction]
fn owning_workload(py: Python<'_>, kind: &str, name: &str) -> PyResult<Py<PyAny>> {
    to_py(py, &ingest::OwningWorkload::of(kind, name))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    for f in [
        wrap_pyfunction!(trivy, m)?,
        wrap_pyfunction!(trivy_operator, m)?,
        wrap_pyfunction!(grype, m)?,
        wrap_pyfunction!(osv_scanner, m)?,
        wrap_pyfunction!(jfrog_simple_json, m)?,
        wrap_pyfunction!(jfrog_xray_json, m)?,
        wrap_pyfunction!(runtime_clusters, m)?,
        wrap_pyfunction!(runtime_image_tags, m)?,
        wrap_pyfunction!(runtime_workloads, m)?,
        wrap_pyfunction!(apply_workloads, m)?,
        wrap_pyfunction!(runtime_images, m)?,
        wrap_pyfunction!(openvex, m)?,
        wrap_pyfunction!(cyclonedx_vex, m)?,
        wrap_pyfunction!(csaf_vex, m)?,
        wrap_pyfunction!(kubernetes_pods, m)?,
        wrap_pyfunction!(apply_vex, m)?,
        wrap_pyfunction!(mark_runtime, m)?,
        wrap_pyfunction!(owning_workload, m)?,
    ] {
        m.add_function(f)?;
    }
    Ok(())
}
