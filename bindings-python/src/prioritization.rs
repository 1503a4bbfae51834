//! The funnel, the highlights and the severity vocabulary.

use pyo3::prelude::*;

use crate::convert::{from_py, to_py};
use kubesight::finding::Occurrence;

use crate::columnar::{self, occurrences_of, running_of};
use kubesight::funnel::RuntimeValidation;
use kubesight_columnar::HighlightsReader;

/// The prioritization funnel over `findings` (serde form of `Occurrence`)
/// on `running_images`: `{"funnel": ..., "skipped": ...}`. The GIL is
/// released while the funnel is computed.
#[pyfunction]
#[pyo3(signature = (running_images, findings, *, runtime_validation, columns = None, running_columns = None))]
fn funnel(
    py: Python<'_>,
    running_images: &Bound<'_, PyAny>,
    findings: &Bound<'_, PyAny>,
    runtime_validation: bool,
    columns: Option<&Bound<'_, PyAny>>,
    running_columns: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let running = running_of(
        py,
        running_images,
        &columnar::running_columns(running_columns)?,
    )?;
    let validation = RuntimeValidation::available_if(runtime_validation);
    // Columns go straight to the funnel's integers, batch by batch.
    if let Some(reader) = columnar::funnel_reader(py, &running, findings, columns)? {
        return to_py(py, &reader.finish(validation));
    }
    let occurrences: Vec<Occurrence> = from_py(findings, "findings")?;
    let result = py.detach(|| kubesight::funnel::compute(&running, &occurrences, validation));
    to_py(py, &result)
}

/// The live-assessment highlights.
#[pyfunction]
#[pyo3(signature = (running_images, findings, violations, *, columns = None, running_columns = None))]
fn highlights(
    py: Python<'_>,
    running_images: &Bound<'_, PyAny>,
    findings: &Bound<'_, PyAny>,
    violations: &Bound<'_, PyAny>,
    columns: Option<&Bound<'_, PyAny>>,
    running_columns: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let running = running_of(
        py,
        running_images,
        &columnar::running_columns(running_columns)?,
    )?;
    let columns = columnar::finding_columns(columns)?;
    let violations: Vec<kubesight::integrity::Violation> = from_py(violations, "violations")?;
    let reader = HighlightsReader::new(&running, columns.clone());
    let highlights =
        match columnar::read_into(py, findings, &columns, reader, HighlightsReader::add)? {
            Some(reader) => reader.finish(&violations),
            None => {
                let occurrences = occurrences_of(py, findings, &columns)?;
                kubesight::highlights::Highlights::of(&running, &occurrences, &violations)
            }
        };
    to_py(py, &highlights)
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
