//! Python data to the core's types and back, through their serde forms:
//! plain Python data in (dicts with the serde field names, lists and other
//! iterables, aware datetimes, str enums, records), JSON-compatible dicts
//! out.

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Number, Value};

use crate::errors::error;

fn invalid(what: &str, message: String) -> PyErr {
    error(
        "invalid_input",
        format!("{what}: {message}"),
        &[("argument", what.to_owned()), ("reason", message)],
    )
}

/// Python data as JSON, walking it in Rust.
fn json(value: &Bound<'_, PyAny>, what: &str, depth: usize) -> PyResult<Value> {
    if depth > 128 {
        return Err(invalid(what, "nested more than 128 levels deep".into()));
    }
    if value.is_none() {
        return Ok(Value::Null);
    }
    // A str enum is a str: its value is its code.
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if let Ok(b) = value.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if value.is_instance_of::<PyInt>() {
        if let Ok(n) = value.extract::<i64>() {
            return Ok(Value::Number(n.into()));
        }
        if let Ok(n) = value.extract::<u64>() {
            return Ok(Value::Number(n.into()));
        }
        return Err(invalid(what, "an integer out of range".into()));
    }
    if let Ok(f) = value.cast::<PyFloat>() {
        return Number::from_f64(f.value())
            .map(Value::Number)
            .ok_or_else(|| invalid(what, "a float that is not finite".into()));
    }
    if let Ok(d) = value.cast::<PyDict>() {
        let mut map = Map::with_capacity(d.len());
        for (k, v) in d.iter() {
            let key = k
                .cast::<PyString>()
                .map_err(|_| invalid(what, format!("a key that is not a string: {k}")))?
                .to_cow()?
                .into_owned();
            map.insert(key, json(&v, what, depth + 1)?);
        }
        return Ok(Value::Object(map));
    }
    if let Ok(l) = value.cast::<PyList>() {
        return l
            .iter()
            .map(|v| json(&v, what, depth + 1))
            .collect::<PyResult<_>>()
            .map(Value::Array);
    }
    if let Ok(t) = value.cast::<PyTuple>() {
        return t
            .iter()
            .map(|v| json(&v, what, depth + 1))
            .collect::<PyResult<_>>()
            .map(Value::Array);
    }
    // Records and the binding's classes.
    if let Ok(to_dict) = value.getattr("to_dict") {
        return json(&to_dict.call0()?, what, depth + 1);
    }
    // datetime and date; a naive datetime is refused rather than guessed.
    if value.hasattr("isoformat")? {
        if value.hasattr("tzinfo")? && value.getattr("tzinfo")?.is_none() {
            return Err(error(
                "naive_datetime",
                format!("{what}: a datetime without time zone ({value}); give it a tzinfo, e.g. datetime.timezone.utc"),
                &[("argument", what.to_owned()), ("value", value.to_string())],
            ));
        }
        return Ok(Value::String(value.call_method0("isoformat")?.extract()?));
    }
    // Other enums: their value.
    if let Ok(inner) = value.getattr("value") {
        if value.hasattr("name")? {
            return json(&inner, what, depth + 1);
        }
    }
    if value.is_instance_of::<pyo3::types::PyBytes>() {
        return Err(invalid(
            what,
            "bytes where text or data was expected".into(),
        ));
    }
    // Any other iterable (a set, a generator).
    if let Ok(iter) = value.try_iter() {
        return iter
            .map(|v| v.and_then(|v| json(&v, what, depth + 1)))
            .collect::<PyResult<_>>()
            .map(Value::Array);
    }
    Err(invalid(
        what,
        format!("a {} cannot be read as data", value.get_type().name()?),
    ))
}

/// `value` as a `T`, or `invalid_input` naming what was wrong.
pub(crate) fn from_py<T: DeserializeOwned>(value: &Bound<'_, PyAny>, what: &str) -> PyResult<T> {
    // Plain data (dicts, lists, strings, numbers) goes straight to the
    // core's types; anything else (datetimes, records, other iterables)
    // through the walk above, which also words the errors.
    if let Ok(v) = pythonize::depythonize::<T>(value) {
        return Ok(v);
    }
    let data = json(value, what, 0)?;
    serde_json::from_value(data).map_err(|e| invalid(what, e.to_string()))
}

/// `value`'s serde form as Python data.
pub(crate) fn to_py<T: Serialize>(py: Python<'_>, value: &T) -> PyResult<Py<PyAny>> {
    pythonize::pythonize(py, value)
        .map(Bound::unbind)
        .map_err(|e| crate::errors::internal(e.to_string()))
}
