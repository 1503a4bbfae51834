//! Partial funnels for scale-out: a partition's partial in its binary wire
//! form, and the merge of many on the machine that gathers them.

use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes};

use crate::columnar::{self, running_of};
use crate::convert::{from_py, to_py};
use crate::errors::raise;
use kubesight::finding::Occurrence;
use kubesight::funnel::{PortablePartial, RuntimeValidation};

/// The partial funnel of one partition of the findings (records, columns
/// or a Parquet path) on `running_images`, as bytes (the binary wire form).
/// The GIL is released while it is computed.
#[pyfunction]
#[pyo3(signature = (running_images, findings, *, columns = None, running_columns = None))]
fn funnel_partial<'py>(
    py: Python<'py>,
    running_images: &Bound<'py, PyAny>,
    findings: &Bound<'py, PyAny>,
    columns: Option<&Bound<'py, PyAny>>,
    running_columns: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyBytes>> {
    let running = running_of(
        py,
        running_images,
        &columnar::running_columns(running_columns)?,
    )?;
    let bytes = if let Some(reader) = columnar::funnel_reader(py, &running, findings, columns)? {
        reader.to_portable().to_bytes()
    } else {
        let occurrences: Vec<Occurrence> = from_py(findings, "findings")?;
        py.detach(|| kubesight::funnel::partial(&running, &occurrences).to_bytes())
    };
    Ok(PyBytes::new(py, &bytes))
}

/// The funnel of partials (bytes from `funnel_partial`, from any machine):
/// `{"funnel": ..., "skipped": ...}`, the result of one pass. Every partial
/// is checked first; one of another version or a corrupted one raises.
#[pyfunction]
#[pyo3(signature = (running_images, partials, *, runtime_validation, running_columns = None))]
fn merge_funnel_partials(
    py: Python<'_>,
    running_images: &Bound<'_, PyAny>,
    partials: &Bound<'_, PyAny>,
    runtime_validation: bool,
    running_columns: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let running = running_of(
        py,
        running_images,
        &columnar::running_columns(running_columns)?,
    )?;
    let mut given: Vec<Vec<u8>> = Vec::new();
    for item in partials.try_iter()? {
        let item = item?;
        if let Ok(bytes) = item.cast::<PyBytes>() {
            given.push(bytes.as_bytes().to_vec());
        } else if let Ok(bytes) = item.cast::<PyByteArray>() {
            given.push(bytes.to_vec());
        } else {
            return Err(not_bytes());
        }
    }
    let validation = RuntimeValidation::available_if(runtime_validation);
    let result = py
        .detach(|| {
            let decoded = given
                .iter()
                .map(|b| PortablePartial::from_bytes(b))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(kubesight::funnel::merge_partials(
                &running, &decoded, validation,
            ))
        })
        .map_err(raise::<kubesight::funnel::PartialError>)?;
    to_py(py, &result)
}

fn not_bytes() -> PyErr {
    crate::errors::error(
        "invalid_input",
        "partials: each partial is the bytes funnel_partial returned",
        &[("argument", "partials".to_owned())],
    )
}

/// A partial's content (its JSON form), for looking into one.
#[pyfunction]
fn read_funnel_partial(py: Python<'_>, partial: &[u8]) -> PyResult<Py<PyAny>> {
    let decoded = PortablePartial::from_bytes(partial).map_err(raise)?;
    to_py(py, &decoded)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(funnel_partial, m)?)?;
    m.add_function(wrap_pyfunction!(merge_funnel_partials, m)?)?;
    m.add_function(wrap_pyfunction!(read_funnel_partial, m)?)?;
    Ok(())
}
