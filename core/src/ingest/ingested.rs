//! What an adapter returns: per scanned image, its identity and its
//! occurrences, and warnings for whatever it could not read.

use serde::{Deserialize, Serialize};

use crate::enrichment::Enrichment;
use crate::finding::Occurrence;
use crate::{Digest, Severity};

/// What an adapter noticed and worked around.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum WarningCode {
    /// An entry could not be read and was skipped.
    UnparsableEntry,
    /// A severity word is not in the vocabulary; the finding counts as
    /// Unknown severity.
    UnknownSeverity,
    /// A fix status word is not known; the fix state is unknown.
    UnknownFixStatus,
    /// The report names no digest of its image: its findings cannot be
    /// matched to running images until the caller says which image it is.
    NoImageDigest,
    /// A digest in the report is malformed and was ignored.
    InvalidDigest,
    /// A status word (a controller's, a node's) is not known; the
    /// conservative reading was taken.
    UnknownStatus,
    /// The document lists part of what there is (one page, counts without
    /// details, a resource whose scan failed): what follows from it covers
    /// that part only.
    PartialListing,
    /// The document disagrees with itself (a count with the entries it
    /// lists, a risk badge with the findings behind it, two fields of one
    /// node): the entries were read as listed.
    InconsistentListing,
    /// The same entry was listed twice (overlapping pages): the first one
    /// was kept.
    DuplicateEntry,
}

impl WarningCode {
    /// Every code.
    pub const ALL: [WarningCode; 9] = [
        WarningCode::UnparsableEntry,
        WarningCode::UnknownSeverity,
        WarningCode::UnknownFixStatus,
        WarningCode::NoImageDigest,
        WarningCode::InvalidDigest,
        WarningCode::UnknownStatus,
        WarningCode::PartialListing,
        WarningCode::InconsistentListing,
        WarningCode::DuplicateEntry,
    ];

    /// The stable machine code (`no_image_digest`, ...), as in the serde
    /// form.
    ///
    /// ```
    /// use kubesight::ingest::WarningCode;
    /// assert_eq!(WarningCode::InconsistentListing.code(), "inconsistent_listing");
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            WarningCode::UnparsableEntry => "unparsable_entry",
            WarningCode::UnknownSeverity => "unknown_severity",
            WarningCode::UnknownFixStatus => "unknown_fix_status",
            WarningCode::NoImageDigest => "no_image_digest",
            WarningCode::InvalidDigest => "invalid_digest",
            WarningCode::UnknownStatus => "unknown_status",
            WarningCode::PartialListing => "partial_listing",
            WarningCode::InconsistentListing => "inconsistent_listing",
            WarningCode::DuplicateEntry => "duplicate_entry",
        }
    }
}

/// One warning, with where it arose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct IngestWarning {
    /// What kind.
    pub code: WarningCode,
    /// Where in the document (a JSON path such as
    /// `Results[0].Vulnerabilities[3]`).
    pub at: String,
    /// What exactly.
    pub message: String,
}

/// The Kubernetes workload a report belongs to, when the format says
/// (where it runs, unlike [`integrity::Workload`](crate::integrity::Workload),
/// which owns one container).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReportWorkload {
    /// The cluster, when named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster: Option<String>,
    /// Its namespace.
    pub namespace: String,
    /// Its kind (`Deployment`, `StatefulSet`, ...).
    pub kind: String,
    /// Its name.
    pub name: String,
}

/// The findings of one scanned image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ImageReport {
    /// The image as the report names it (a reference or a path), if it
    /// does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub artifact: Option<String>,
    /// The digests that identify it (repository digests, then the
    /// configuration digest); empty when the report names none.
    pub digests: Vec<Digest>,
    /// The workload, for formats that report per workload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workload: Option<ReportWorkload>,
    /// Its occurrences, each carrying `digests` as its image.
    pub occurrences: Vec<Occurrence>,
    /// Findings a vendor or VEX statement in the report removed (not
    /// affected): never counted.
    pub suppressed: u64,
}

/// Everything read from one document.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Ingested {
    /// One report per scanned image (per workload container for formats
    /// that report so).
    pub reports: Vec<ImageReport>,
    /// What was skipped or assumed, and why.
    pub warnings: Vec<IngestWarning>,
    /// The EPSS scores and known-exploited entries the report carries (Grype
    /// writes them per match); empty for formats that carry none.
    #[serde(default, skip_serializing_if = "Enrichment::is_empty")]
    pub enrichment: Enrichment,
}

impl ImageReport {
    /// Says which image this report scanned, for formats that name no
    /// digest (osv-scanner, an audit, a report of a tag): the digests
    /// replace the report's own on it and on every occurrence.
    pub fn assign_image(&mut self, digests: Vec<Digest>) {
        for occurrence in &mut self.occurrences {
            occurrence.image.clone_from(&digests);
        }
        self.digests = digests;
    }
}

impl Ingested {
    /// Every occurrence of every report.
    pub fn occurrences(&self) -> impl Iterator<Item = &Occurrence> {
        self.reports.iter().flat_map(|r| &r.occurrences)
    }

    pub(crate) fn warn(&mut self, code: WarningCode, at: impl Into<String>, message: String) {
        self.warnings.push(IngestWarning {
            code,
            at: at.into(),
            message,
        });
    }

    /// A scanner's severity word: none or empty is Unknown; a word outside
    /// the vocabulary is Unknown with an `unknown_severity` warning.
    pub(crate) fn severity(&mut self, word: Option<&str>, at: impl FnOnce() -> String) -> Severity {
        let word = word.unwrap_or("");
        Severity::from_vocabulary(word).unwrap_or_else(|| {
            self.warn(
                WarningCode::UnknownSeverity,
                at(),
                format!("severity `{}` counts as Unknown", word.escape_debug()),
            );
            Severity::Unknown
        })
    }

    /// Adds the digest `text` to `digests` unless it is there already; a
    /// malformed one is an `invalid_digest` warning.
    pub(crate) fn add_digest(&mut self, digests: &mut Vec<Digest>, text: &str, at: &str) {
        match text.parse::<Digest>() {
            Ok(d) if !digests.contains(&d) => digests.push(d),
            Ok(_) => {}
            Err(e) => self.warn(
                WarningCode::InvalidDigest,
                at,
                format!("`{}`: {e}", text.escape_debug()),
            ),
        }
    }

    /// The `no_image_digest` warning of a report about `artifact`.
    pub(crate) fn no_digest(&mut self, at: impl Into<String>, artifact: Option<&str>) {
        self.warn(
            WarningCode::NoImageDigest,
            at,
            format!(
                "the report names no digest of {}",
                artifact.unwrap_or("its image")
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_the_serde_form() {
        for code in WarningCode::ALL {
            assert_eq!(serde_json::to_value(code).unwrap(), code.code());
        }
    }
}
