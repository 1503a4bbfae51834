//! The documentation's Rust examples, as doctests: the root README and every
//! page of `docs/` that holds Rust code blocks are included below, so that
//! `cargo test` compiles and runs each of their Rust blocks against the
//! `kubesight` crate. This crate holds nothing else.

/// The examples of the root `README.md`.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

/// The examples of `docs/references-and-tags.md`.
#[doc = include_str!("references-and-tags.md")]
#[cfg(doctest)]
pub struct ReferencesAndTagsDoctests;

/// The examples of `docs/integrity.md`.
#[doc = include_str!("integrity.md")]
#[cfg(doctest)]
pub struct IntegrityDoctests;

/// The examples of `docs/prioritization.md`.
#[doc = include_str!("prioritization.md")]
#[cfg(doctest)]
pub struct PrioritizationDoctests;

/// The examples of `docs/vulnerability-table.md`.
#[doc = include_str!("vulnerability-table.md")]
#[cfg(doctest)]
pub struct VulnerabilityTableDoctests;

/// The examples of `docs/trend.md`.
#[doc = include_str!("trend.md")]
#[cfg(doctest)]
pub struct TrendDoctests;

/// The examples of `docs/ingest.md`.
#[doc = include_str!("ingest.md")]
#[cfg(doctest)]
pub struct IngestDoctests;

/// The examples of `docs/errors.md`.
#[doc = include_str!("errors.md")]
#[cfg(doctest)]
pub struct ErrorsDoctests;
