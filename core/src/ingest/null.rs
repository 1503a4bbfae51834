//! Go's JSON encoder writes a nil slice or map as `null` unless the field
//! says `omitempty`, and the scanners written in Go (osv-scanner, Grype,
//! the JFrog CLI, Trivy) leave many lists without it: `"aliases": null`,
//! `"vulnerabilities": null`, `"components": null`. To their readers
//! `null` is the empty list, never an unreadable entry.

use serde::{Deserialize, Deserializer};

/// A field that may be `null`: `null` reads as the type's default (an
/// empty list, an empty map). Use with `#[serde(default, deserialize_with =
/// "...")]` for a field that may also be absent, or without `default` for
/// one that must be present.
pub(crate) fn or_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// A field whose presence matters (it tells the format) but which may be
/// `null`: absent is `None` (with `#[serde(default)]`), `null` is
/// `Some` of the empty value.
pub(crate) fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Some(
        Option::<T>::deserialize(deserializer)?.unwrap_or_default(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Record {
        #[serde(default, deserialize_with = "or_default")]
        aliases: Vec<String>,
        #[serde(default, deserialize_with = "present")]
        matches: Option<Vec<u8>>,
        #[serde(deserialize_with = "or_default")]
        required: Vec<u8>,
    }

    #[test]
    fn null_is_empty_and_absence_is_told_apart() {
        let r: Record =
            serde_json::from_str(r#"{"aliases": null, "matches": null, "required": null}"#)
                .unwrap();
        assert!(r.aliases.is_empty());
        assert_eq!(r.matches, Some(Vec::new()));
        assert!(r.required.is_empty());
        let r: Record = serde_json::from_str(r#"{"aliases": ["a"], "required": [1]}"#).unwrap();
        assert_eq!(
            (r.aliases, r.matches, r.required),
            (vec!["a".into()], None, vec![1])
        );
        assert!(serde_json::from_str::<Record>(r#"{"aliases": []}"#).is_err());
        assert!(serde_json::from_str::<Record>(r#"{"aliases": 3, "required": []}"#).is_err());
    }
}
