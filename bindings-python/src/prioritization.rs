//! The funnel, the highlights and the severity vocabulary.

use pyo3::prelude::*;

use crate::convert::{from_py, to_py};
use kubesight::finding::{Occurrence, RunningImage};
use kubesight::funnel::RuntimeValidation;

/// The prioritization funnel over `findings` (serde form of `Occurrence`)
/// on `running_images`: `{"funnel": ..., "skipped": ...}`. The GIL is
/// released while the funnel is computed.
#[pyfunction]
#[pyo3(signature = (running_images, findings, *, runtime_validation))]
fn funnel(
    py: Python<'_>,
    running_images: &Bound<'_, PyAny>,
    findings: &Bound<'_, PyAny>,
    runtime_validation: bool,
) -> PyResult<Py<PyAny>> {
    let running: Vec<RunningImage> = from_py(running_images, "running_images")?;
    let occurrences: Vec<Occurrence> = from_py(findings, "findings")?;
    let validation = RuntimeValidation::available_if(runtime_validation);
    let result = py.detach(|| kubesight::funnel::compute(&running, &occurrences, validation));
    to_py(py, &result)
}

/// The live-assessment highlights.
#[pyfunction]
#[pyo3(signature = (running_images, findings, violations))]
fn highlights(
    py: Python<'_>,
    running_images: &Bound<'_, PyAny>,
    findings: &Bound<'_, PyAny>,
    violations: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let running: Vec<RunningImage> = from_py(running_images, "running_images")?;
    let occurrences: Vec<Occurrence> = from_py(findings, "findings")?;
    let violations: Vec<kubesight::integrity::Violation> = from_py(violations, "violations")?;
    to_py(
        py,
        &kubesight::highlights::Highlights::of(&running, &occurrences, &violations),
    )
}

/// How many distinct vulnerabilities (alias groups, two CVE ids never
/// merged) the findings name, whatever their images.
#[pyfunction]
fn distinct_vulnerabilities(findings: &Bound<'_, PyAny>) -> PyResult<u64> {
    let occurrences: Vec<Occurrence> = from_py(findings, "findings")?;
    Ok(kubesight::funnel::distinct_vulnerabilities(&occurrences))
}

/// A scanner's severity word mapped to a severity code, or `None` for a
/// word outside the vocabulary.
#[pyfunction]
fn severity_from_vocabulary(word: &str) -> Option<&'static str> {
    kubesight::Severity::from_vocabulary(word).map(kubesight::Severity::code)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(funnel, m)?)?;
    m.add_function(wrap_pyfunction!(highlights, m)?)?;
    m.add_function(wrap_pyfunction!(severity_from_vocabulary, m)?)?;
    m.add_function(wrap_pyfunction!(distinct_vulnerabilities, m)?)?;
    Ok(())
}
