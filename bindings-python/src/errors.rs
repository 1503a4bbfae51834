//! One exception for every error of input: `KubesightError(ValueError)`
//! with the core's stable `code` and `details`; and `InternalError
//! (RuntimeError)`, code `internal`, for a failure of the binding itself.

use pyo3::create_exception;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;

create_exception!(
    kubesight,
    KubesightError,
    PyValueError,
    "Raised for every bad input: `.code` is the stable machine code, `.details` a dict."
);

create_exception!(
    kubesight,
    InternalError,
    PyRuntimeError,
    "A failure inside the binding, never caused by input (a bug to report): `.code` is `internal`."
);

/// The codes the binding raises itself (the catalogue's `binding` area).
pub(crate) const BINDING_CODES: [&str; 3] = ["invalid_input", "naive_datetime", "internal"];

/// A failure of the binding itself, as `InternalError`.
pub(crate) fn internal(message: impl Into<String>) -> PyErr {
    let err = InternalError::new_err(message.into());
    Python::attach(|py| match err.value(py).setattr("code", "internal") {
        Ok(()) => err,
        Err(e) => e,
    })
}

/// The exception with `code`, `message` and `details`.
pub(crate) fn error(code: &str, message: impl Into<String>, details: &[(&str, String)]) -> PyErr {
    Python::attach(|py| {
        let dict = PyDict::new(py);
        for (k, v) in details {
            if let Err(e) = dict.set_item(k, v) {
                return e;
            }
        }
        exception(py, code, message.into(), dict)
    })
}

/// The exception of a core error, its details as the core names them.
pub(crate) fn raise<E: kubesight::ErrorCode>(e: E) -> PyErr {
    Python::attach(|py| {
        let details = match pythonize::pythonize(py, &e.details()) {
            Ok(value) => value
                .cast_into::<PyDict>()
                .unwrap_or_else(|_| PyDict::new(py)),
            Err(_) => PyDict::new(py),
        };
        exception(py, e.code(), e.to_string(), details)
    })
}

fn exception(py: Python<'_>, code: &str, message: String, details: Bound<'_, PyDict>) -> PyErr {
    let err = KubesightError::new_err(message);
    let value = err.value(py);
    let set = || -> PyResult<()> {
        value.setattr("code", code)?;
        value.setattr("details", details)?;
        Ok(())
    };
    match set() {
        Ok(()) => err,
        Err(e) => e,
    }
}
