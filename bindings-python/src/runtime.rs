//! Installation, health, scan status, scanning configuration, readiness
//! and the scan plan.

use pyo3::prelude::*;

use crate::convert::{from_py, to_py};
use crate::errors::raise;
use kubesight::runtime::{Cluster, DisableLabel};
use kubesight::scanning::{ScanConfiguration, ScanConfigurations};

fn label(label: Option<&Bound<'_, PyAny>>) -> PyResult<DisableLabel> {
    match label {
        Some(l) => from_py(l, "disable_label"),
        None => Ok(DisableLabel::default()),
    }
}

/// The installation status of a cluster inventory.
#[pyfunction]
#[pyo3(signature = (clusters, *, disable_label = None))]
fn installation(
    py: Python<'_>,
    clusters: &Bound<'_, PyAny>,
    disable_label: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let clusters: Vec<Cluster> = from_py(clusters, "clusters")?;
    to_py(
        py,
        &kubesight::runtime::Installation::of(&clusters, &label(disable_label)?),
    )
}

/// One cluster's controller and sensor health.
#[pyfunction]
#[pyo3(signature = (cluster, *, disable_label = None))]
fn cluster_health(
    py: Python<'_>,
    cluster: &Bound<'_, PyAny>,
    disable_label: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let cluster: Cluster = from_py(cluster, "cluster")?;
    to_py(
        py,
        &kubesight::runtime::ClusterHealth::of(&cluster, &label(disable_label)?),
    )
}

/// The scan status of running images.
#[pyfunction]
fn scan_report(py: Python<'_>, running_images: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let running: Vec<kubesight::finding::RunningImage> = from_py(running_images, "running_images")?;
    to_py(py, &kubesight::runtime::ScanReport::of(&running))
}

/// Applies one scan configuration to many clusters:
/// `{"configurations": ..., "changes": [...]}`; an unknown cluster raises
/// and changes nothing.
#[pyfunction]
fn batch_configure(
    py: Python<'_>,
    configurations: &Bound<'_, PyAny>,
    clusters: Vec<String>,
    configuration: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let configs: ScanConfigurations = from_py(configurations, "configurations")?;
    let configuration: ScanConfiguration = from_py(configuration, "configuration")?;
    let names: Vec<&str> = clusters.iter().map(String::as_str).collect();
    let reconfigured = configs
        .reconfigured(&names, &configuration)
        .map_err(raise)?;
    to_py(py, &reconfigured)
}

/// How many clusters have each scanner.
#[pyfunction]
fn coverage(py: Python<'_>, configurations: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let configs: ScanConfigurations = from_py(configurations, "configurations")?;
    to_py(py, &configs.coverage())
}

/// The dashboard's unmet prerequisites.
#[pyfunction]
fn readiness(
    py: Python<'_>,
    installation: &Bound<'_, PyAny>,
    configurations: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let installation: kubesight::runtime::Installation = from_py(installation, "installation")?;
    let configs: ScanConfigurations = from_py(configurations, "configurations")?;
    to_py(
        py,
        &kubesight::readiness::Readiness::of(&installation, &configs),
    )
}

/// The images that must be indexed and scanned, with which scanners and why.
#[pyfunction]
fn scan_plan(
    py: Python<'_>,
    images: &Bound<'_, PyAny>,
    configurations: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let images: Vec<kubesight::scanning::ObservedImage> = from_py(images, "images")?;
    let configs: ScanConfigurations = from_py(configurations, "configurations")?;
    to_py(py, &kubesight::scanning::ScanPlan::of(&images, &configs))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(installation, m)?)?;
    m.add_function(wrap_pyfunction!(cluster_health, m)?)?;
    m.add_function(wrap_pyfunction!(scan_report, m)?)?;
    m.add_function(wrap_pyfunction!(batch_configure, m)?)?;
    m.add_function(wrap_pyfunction!(coverage, m)?)?;
    m.add_function(wrap_pyfunction!(readiness, m)?)?;
    m.add_function(wrap_pyfunction!(scan_plan, m)?)?;
    Ok(())
}
