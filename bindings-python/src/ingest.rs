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
    /// Reads the runtime platform's cluster listing.
    runtime_clusters => ingest::runtime_clusters;
    /// Reads the runtime platform's live images listing.
    runtime_images => ingest::runtime_images;
    /// Reads an OpenVEX document.
    openvex => ingest::vex::openvex;
    /// Reads a CycloneDX document's VEX statements.
    cyclonedx_vex => ingest::vex::cyclonedx_vex;
    /// Reads a CSAF VEX document.
    csaf_vex => ingest::vex::csaf_vex;
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
    let mut occurrences: Vec<Occurrence> = from_py(findings, "findings")?;
    let document: ingest::vex::VexDocument = from_py(document, "document")?;
    let outcome = ingest::vex::apply_vex(&mut occurrences, &document);
    to_py(
        py,
        &serde_json::json!({"findings": occurrences, "outcome": outcome}),
    )
}

/// Marks the findings of a full scan loaded or not observed from a
/// runtime-filtered scan: `{"findings": [...], "marks": ...}`.
#[pyfunction]
fn mark_runtime(
    py: Python<'_>,
    full: &Bound<'_, PyAny>,
    filtered: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let mut occurrences: Vec<Occurrence> = from_py(full, "full")?;
    let filtered: Vec<Occurrence> = from_py(filtered, "filtered")?;
    let marks = ingest::mark_runtime(&mut occurrences, &filtered);
    to_py(
        py,
        &serde_json::json!({"findings": occurrences, "marks": marks}),
    )
}

/// The workload that owns a controller (`ReplicaSet` `web-7d4b9c8f6d` is
/// `Deployment` `web`): `(kind, name)`.
#[pyfunction]
fn owning_workload(kind: &str, name: &str) -> (String, String) {
    let (kind, name) = ingest::owning_workload(kind, name);
    (kind.to_owned(), name)
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
