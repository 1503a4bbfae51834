//! Reading the platform's fields as it writes them: strings that may be
//! empty, identifiers that are numbers or strings, ISO 8601 timestamps.

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::ingest::{IngestWarning, WarningCode};
use crate::Digest;

/// A string field; empty counts as absent.
pub(crate) fn text(value: &Value, key: &str) -> Option<String> {
    value
        .get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(String::from)
}

/// A count field.
pub(crate) fn count(value: &Value, key: &str) -> Option<u64> {
    value.get(key).and_then(Value::as_u64)
}

/// An identifier the documentation calls a string and its examples write
/// as a number.
pub(crate) fn id_text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A list of strings (a missing or null list is empty).
pub(crate) fn strings(value: &Value, key: &str) -> Vec<String> {
    value
        .get(key)
        .and_then(Value::as_array)
        .map(|r| {
            r.iter()
                .filter_map(Value::as_str)
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

/// An ISO 8601 timestamp; a malformed one is left out with a warning.
pub(crate) fn time(
    value: &Value,
    key: &str,
    at: &str,
    warnings: &mut Vec<IngestWarning>,
) -> Option<DateTime<Utc>> {
    let raw = text(value, key)?;
    match DateTime::parse_from_rfc3339(&raw) {
        Ok(t) => Some(t.with_timezone(&Utc)),
        Err(e) => {
            warnings.push(IngestWarning {
                code: WarningCode::UnparsableEntry,
                at: format!("{at}.{key}"),
                message: format!(
                    "`{}` is not an ISO 8601 time ({e}): left out",
                    raw.escape_debug()
                ),
            });
            None
        }
    }
}

/// The digest `raw` of the field `key`; a malformed one is left out with an
/// `invalid_digest` warning.
pub(crate) fn digest(
    raw: Option<String>,
    key: &str,
    at: &str,
    warnings: &mut Vec<IngestWarning>,
) -> Option<Digest> {
    let raw = raw?;
    match raw.parse::<Digest>() {
        Ok(d) => Some(d),
        Err(e) => {
            warnings.push(IngestWarning {
                code: WarningCode::InvalidDigest,
                at: format!("{at}.{key}"),
                message: format!("`{}`: {e}", raw.escape_debug()),
            });
            None
        }
    }
}
