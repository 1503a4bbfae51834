//! JavaScript values to the core's types and back through JSON: input is
//! read with `JSON.stringify` (so a `Date` arrives as an ISO-8601 string)
//! and its camelCase field names become the serde form's snake_case
//! (`from_camel`); output goes the other way (`to_camel`). Keys that are
//! data, not field names (cluster names in a configuration map, node
//! labels, counts by scanner), are kept as given: the core's types hold
//! them in maps, not structs.

use napi::bindgen_prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::error::{engine, error, Coded};
use crate::from_camel::Renaming;

/// Reads text given as a string or a UTF-8 buffer: the argument `what`.
pub(crate) fn text<'a>(document: &'a Either<String, Buffer>, what: &str) -> Coded<&'a str> {
    match document {
        Either::A(s) => Ok(s),
        Either::B(b) => std::str::from_utf8(b).map_err(|e| {
            error(
                "invalid_input",
                format!("{what}: the buffer is not UTF-8: {e}"),
                &[("argument", what)],
            )
        }),
    }
}

/// JSON text (camelCase keys) as a `T`, read straight into it with the
/// field names renamed on the fly.
pub(crate) fn from_json<T: DeserializeOwned>(json: &str, what: &str) -> Coded<T> {
    let mut reader = serde_json::Deserializer::from_str(json);
    let value = T::deserialize(Renaming { inner: &mut reader })
        .and_then(|v| reader.end().map(|()| v))
        .map_err(|e| {
            error(
                "invalid_input",
                format!("{what}: {e}"),
                &[("argument", what)],
            )
        })?;
    Ok(value)
}

/// A JavaScript value as a `T`.
pub(crate) fn from_js<T: DeserializeOwned>(env: &Env, value: Unknown<'_>, what: &str) -> Coded<T> {
    let json: napi::JSON<'_> = env
        .get_global()
        .and_then(|g| g.get_named_property_unchecked("JSON"))
        .map_err(engine)?;
    let text = json.stringify(value).map_err(|e| {
        error(
            "invalid_input",
            format!("{what}: {}", e.reason),
            &[("argument", what)],
        )
    })?;
    from_json(&text, what)
}

/// `value`'s serde form with camelCase field names, as JSON.
pub(crate) fn json_value<T: Serialize>(value: &T) -> Coded<Value> {
    crate::to_camel::to_camel_value(value).map_err(|e| crate::error::internal(e.to_string()))
}
