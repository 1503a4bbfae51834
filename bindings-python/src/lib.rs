//! The Python binding of kubesight: conversions between Python data and
//! the core's types, and nothing else. The package's Python layer
//! (`python/kubesight/`) wraps results in immutable records and enums.

mod arrow;
mod columnar;
mod convert;
mod errors;
mod ingest;
mod integrity;
mod partials;
mod prioritization;
mod reference;
mod runtime;
mod table;
mod tags;
mod trend;

use pyo3::prelude::*;
use pyo3::types::PyDict;

/// The stable codes of the core's enumerations that list their members,
/// for the Python layer's tests to check its enums against.
#[pyfunction]
fn _codes(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    for (name, codes) in kubesight::enumeration_codes() {
        d.set_item(name, codes)?;
    }
    Ok(d)
}

/// The native module, `kubesight._native`.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add(
        "KubesightError",
        m.py().get_type::<errors::KubesightError>(),
    )?;
    m.add("InternalError", m.py().get_type::<errors::InternalError>())?;
    m.add("BINDING_CODES", errors::BINDING_CODES)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(_codes, m)?)?;
    reference::register(m)?;
    tags::register(m)?;
    integrity::register(m)?;
    prioritization::register(m)?;
    runtime::register(m)?;
    trend::register(m)?;
    ingest::register(m)?;
    table::register(m)?;
    partials::register(m)?;
    Ok(())
}
