//! kubesight turns what a Kubernetes runtime sees into explained security
//! decisions. This crate is the pure core: no I/O, no clock; every function
//! takes values and returns values.
//!
//! - [`ImageRef`], [`ImageId`], [`Digest`]: image references as written in a
//!   Pod spec and image ids as runtimes report them.
//! - [`TagPolicy`]: whether a tag is mutable, and the rule that decided.
//! - [`integrity`]: the integrity status of a running image, its violation,
//!   severity, evidence, location and recommendations.
//! - [`finding`]: occurrences of vulnerabilities in the packages of running
//!   images, as scanners report them; [`funnel`]: the prioritization funnel
//!   over their distinct vulnerabilities; [`trend`]: the running-images trend
//!   over daily snapshots.

#[cfg(test)]
mod error_style;
pub mod finding;
pub mod funnel;
pub mod highlights;
pub mod ingest;
pub mod integrity;
pub mod readiness;
mod reference;
pub mod runtime;
pub mod scanning;
mod severity;
mod tag;
pub mod trend;

pub use reference::{
    Digest, DigestAlgorithm, ImageId, ImageIdKind, ImageIdParts, ImageRef, ImageRefParts,
    ReferenceError, DOCKER_HUB, MAX_PATH_LENGTH,
};
pub use severity::{Severity, SeverityCounts};
pub use tag::{
    Mutability, TagClass, TagError, TagPolicy, TagRule, WordChanges, CHANNEL_KEYWORDS,
    DOCUMENTED_KEYWORDS, VARIANT_WORDS,
};

/// What every error of the library has: a stable machine code, for callers
/// (and the Python and Node bindings) to act on without reading messages.
///
/// ```
/// use kubesight::{ErrorCode, ImageRef};
/// fn code_of(e: &dyn ErrorCode) -> &'static str {
///     e.code()
/// }
/// assert_eq!(code_of(&ImageRef::parse("").unwrap_err()), "empty_reference");
/// ```
pub trait ErrorCode: std::error::Error {
    /// The stable machine code (`invalid_tag_start`, `unknown_cluster`, ...).
    fn code(&self) -> &'static str;

    /// What the error is about, as named fields: the rejected input and what
    /// was found in it (`{"tag": "café", "found": "é", "position": 3}`). An
    /// error caused by another holds that one as `{"code": ..., ...}`.
    ///
    /// ```
    /// use kubesight::{ErrorCode, ImageRef, TagPolicy};
    /// let e = TagPolicy::new().classify("café").unwrap_err();
    /// assert_eq!(e.details()["position"], 3);
    /// let e = ImageRef::parse("nginx:-x").unwrap_err();
    /// assert_eq!(e.details()["source"]["code"], "invalid_tag_start");
    /// assert!(ImageRef::parse("").unwrap_err().details().is_empty());
    /// ```
    fn details(&self) -> serde_json::Map<String, serde_json::Value>;
}

macro_rules! error_codes {
    ($($t:ty),*) => {$(
        impl ErrorCode for $t {
            fn code(&self) -> &'static str {
                <$t>::code(self)
            }

            fn details(&self) -> serde_json::Map<String, serde_json::Value> {
                details_of(self)
            }
        }
    )*};
}

/// The fields of an error variant: its serde form is `{"Variant": {fields}}`
/// (a variant without fields is a bare string, and has none).
fn details_of<E: serde::Serialize>(error: &E) -> serde_json::Map<String, serde_json::Value> {
    match serde_json::to_value(error) {
        Ok(serde_json::Value::Object(variant)) => variant
            .into_iter()
            .next()
            .and_then(|(_, fields)| match fields {
                serde_json::Value::Object(fields) => Some(fields),
                _ => None,
            })
            .unwrap_or_default(),
        _ => serde_json::Map::new(),
    }
}

/// An error's cause, in its details: its code and its own details.
fn serialize_cause<E, S>(cause: &E, serializer: S) -> Result<S::Ok, S::Error>
where
    E: ErrorCode + serde::Serialize,
    S: serde::Serializer,
{
    let mut fields = details_of(cause);
    fields.insert("code".to_owned(), cause.code().into());
    serde::Serialize::serialize(&fields, serializer)
}

error_codes!(
    ReferenceError,
    TagError,
    integrity::IntegrityError,
    scanning::ScanningError,
    trend::TrendError,
    ingest::IngestError
);

#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
