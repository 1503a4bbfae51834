//! One occurrence: one vulnerability in one package of one image.

use serde::{Deserialize, Serialize};

use super::{Applicability, Fix, RuntimeEvidence};
use crate::{Digest, Severity};

/// A package as a scanner names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Package {
    /// Its name.
    pub name: String,
    /// Its installed version.
    pub version: String,
    /// Its ecosystem (`npm`, `deb`, `go`, ...), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ecosystem: Option<String>,
    /// Its package URL, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purl: Option<String>,
}

/// One vulnerability in one package of one image: the unit every scanner
/// reports and every count starts from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Occurrence {
    /// The digests that identify the image (repository, manifest or
    /// configuration digests): a runtime reports one kind and a scanner
    /// another, so any shared digest makes two images one. Never the tag.
    pub image: Vec<Digest>,
    /// The vulnerability id as the scanner gives it.
    pub vulnerability: String,
    /// Other ids of the same vulnerability (GHSA for a CVE, ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The affected package (empty when the source does not name one).
    #[serde(default)]
    pub package: Package,
    /// The severity, mapped from the scanner's vocabulary.
    #[serde(default = "unknown_severity")]
    pub severity: Severity,
    /// Where the severity came from (`nvd`, `debian`, `ghsa`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity_source: Option<String>,
    /// What contextual analysis concluded.
    #[serde(default)]
    pub applicability: Applicability,
    /// Whether a fix exists.
    #[serde(default)]
    pub fix: Fix,
    /// Whether the package was seen loaded at runtime.
    #[serde(default)]
    pub runtime: RuntimeEvidence,
    /// Whether this is a malicious-package finding, counted in the
    /// highlights and never as a CVE in the funnel.
    #[serde(default)]
    pub malicious: bool,
}

fn unknown_severity() -> Severity {
    Severity::Unknown
}

/// A running image: its identity, and whether it was scanned and is
/// watched by a runtime sensor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RunningImage {
    /// The digests that identify it.
    pub digests: Vec<Digest>,
    /// Whether a scan of it exists.
    pub scanned: bool,
    /// Whether a runtime sensor watches at least one node it runs on; when
    /// not, its findings have no runtime evidence.
    #[serde(default)]
    pub monitored: bool,
}
