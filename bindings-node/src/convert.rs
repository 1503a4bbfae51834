//! JavaScript values to the core's types and back through JSON: input is
//! read with `JSON.stringify` (so a `Date` arrives as an ISO-8601 string)
//! and its camelCase keys become the serde form's snake_case; output goes
//! the other way. Keys that are data, not field names (cluster names in a
//! configuration map, node labels, per-scanner counts), are kept as given.

use napi::bindgen_prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::{engine, error, Coded};
use crate::rename::{Keys, Renaming};

/// Fields whose value is a map keyed by data.
pub(crate) const DATA_MAPS: [&str; 3] = ["labels", "by_scanner", "configurations"];

pub(crate) fn snake(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn camel(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut upper = false;
    for c in key.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Renames the field names of `value` with `rename`; `data_map` says that
/// `value` itself is a map keyed by data.
fn rename(value: Value, rename_key: fn(&str) -> String, data_map: bool) -> Value {
    match value {
        Value::Object(map) => {
            let mut out = Map::with_capacity(map.len());
            for (k, v) in map {
                let (key, child_is_map) = if data_map {
                    (k, false)
                } else {
                    let snake_key = snake(&k);
                    let is_map = DATA_MAPS.contains(&snake_key.as_str());
                    (rename_key(&k), is_map)
                };
                out.insert(key, rename(v, rename_key, child_is_map));
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(
            items
                .into_iter()
                .map(|v| rename(v, rename_key, data_map))
                .collect(),
        ),
        other => other,
    }
}

/// Reads JSON text given as a string or a UTF-8 buffer.
pub(crate) fn text(document: &Either<String, Buffer>) -> Coded<&str> {
    match document {
        Either::A(s) => Ok(s),
        Either::B(b) => std::str::from_utf8(b).map_err(|e| {
            error(
                "invalid_input",
                format!("the buffer is not UTF-8: {e}"),
                &[],
            )
        }),
    }
}

/// JSON text (camelCase keys) as a `T`, read straight into it with the
/// keys renamed on the fly; `data_map` when the top level is a map keyed by
/// data.
pub(crate) fn from_json<T: DeserializeOwned>(json: &str, what: &str, data_map: bool) -> Coded<T> {
    let mut reader = serde_json::Deserializer::from_str(json);
    let keys = if data_map { Keys::Data } else { Keys::Fields };
    let value = T::deserialize(Renaming {
        inner: &mut reader,
        keys,
    })
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
pub(crate) fn from_js<T: DeserializeOwned>(
    env: &Env,
    value: Unknown<'_>,
    what: &str,
    data_map: bool,
) -> Coded<T> {
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
    from_json(&text, what, data_map)
}

/// `value`'s serde form with camelCase keys, as JSON.
pub(crate) fn json_value<T: Serialize>(value: &T) -> Coded<Value> {
    let v = serde_json::to_value(value).map_err(|e| error("invalid_output", e.to_string(), &[]))?;
    Ok(camel_keys(v))
}

/// `value` with its field names in camelCase.
pub(crate) fn camel_keys(value: Value) -> Value {
    rename(value, camel, false)
}
