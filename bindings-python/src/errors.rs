//! One exception for every error: `KubesightError(ValueError)` with the
//! core's stable `code` and `details`.

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

create_exception!(
    kubesight,
    KubesightError,
    PyValueError,
    "Raised for every bad input: `.code` is the stable machine code, `.details` a dict."
);

/// The exception with `code`, `message` and `details`.
pub(crate) fn error(code: &str, message: impl Into<String>, details: &[(&str, String)]) -> PyErr {
    let message = message.into();
    Python::attach(|py| {
        let err = KubesightError::new_err(message.clone());
        let value = err.value(py);
        let set = || -> PyResult<()> {
            value.setattr("code", code)?;
            let dict = PyDict::new(py);
            for (k, v) in details {
                dict.set_item(k, v)?;
            }
            value.setattr("details", dict)?;
            Ok(())
        };
        match set() {
            Ok(()) => err,
            Err(e) => e,
        }
    })
}

/// The exception of a core error.
pub(crate) fn raise<E: kubesight::ErrorCode>(e: E) -> PyErr {
    error(e.code(), e.to_string(), &[])
}
