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

pub mod change;
mod codes;
pub mod enrichment;
mod error_code;
#[cfg(test)]
mod error_style;
pub mod finding;
pub mod funnel;
pub mod highlights;
pub mod images;
pub mod ingest;
pub mod integrity;
pub mod readiness;
mod reference;
pub mod runtime;
pub mod scanning;
#[cfg(feature = "schema")]
mod schema;
mod severity;
pub mod table;
mod tag;
pub mod trend;

pub use codes::enumeration_codes;
pub use error_code::ErrorCode;
pub use reference::{
    Digest, DigestAlgorithm, ImageId, ImageIdKind, ImageIdParts, ImageRef, ImageRefParts,
    ReferenceError, TagError, DOCKER_HUB, MAX_PATH_LENGTH,
};
pub use severity::{Severity, SeverityCounts};
pub use tag::{
    Mutability, TagClass, TagPolicy, TagRule, WordChanges, CHANNEL_KEYWORDS, DOCUMENTED_KEYWORDS,
    VARIANT_WORDS,
};

#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
