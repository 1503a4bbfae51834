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
    Digest, DigestAlgorithm, ImageId, ImageIdKind, ImageRef, ReferenceError, DOCKER_HUB,
    MAX_PATH_LENGTH,
};
pub use severity::Severity;
pub use tag::{
    Mutability, TagClass, TagError, TagPolicy, TagRule, CHANNEL_KEYWORDS, DOCUMENTED_KEYWORDS,
    VARIANT_WORDS,
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
}

macro_rules! error_codes {
    ($($t:ty),*) => {$(
        impl ErrorCode for $t {
            fn code(&self) -> &'static str {
                <$t>::code(self)
            }
        }
    )*};
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
