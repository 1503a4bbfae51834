//! VEX documents (OpenVEX, CycloneDX, CSAF) read into one model of
//! statements, and applied to findings.
//!
//! The rule: a statement applies to an occurrence when it names the
//! occurrence's vulnerability (or one of its aliases) and a product that
//! covers it: a package URL covering the occurrence's package (a
//! version-less purl covers every version), or an image (`pkg:oci/…@sha256:…`)
//! among the occurrence's digests, optionally narrowed to subcomponents.
//! Package URLs are compared decoded (`pkg:pypi/urllib3@1.26.16%2Bcgr.0` is
//! version `1.26.16+cgr.0`); an occurrence without a purl is covered when
//! the product's name and version are its own. An OCI purl without a
//! digest names no image: the readers warn that it cannot, rather than
//! calling it no package URL.
//! Then:
//! - `not_affected` and `fixed` remove the occurrence: the author says the
//!   running version is not vulnerable;
//! - `affected` confirms it: its applicability becomes applicable;
//! - `under_investigation` makes an occurrence that contextual analysis did
//!   not cover undetermined, and leaves a real verdict alone.
//!
//! When several statements apply, the last one in the document stands (VEX
//! documents list statements in the order they were made).

mod csaf;
mod cyclonedx;
mod openvex;
mod purl;

use serde::{Deserialize, Serialize};

pub use csaf::csaf_vex;
pub use cyclonedx::cyclonedx_vex;
pub use openvex::openvex;
pub use purl::Purl;

use super::IngestWarning;
use crate::finding::{canonical_id, Applicability, Occurrence};
use crate::Digest;

/// What a statement says of its products.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum VexStatus {
    /// Not affected (CycloneDX `not_affected`, `false_positive`; CSAF
    /// `known_not_affected`).
    NotAffected,
    /// Affected (CycloneDX `exploitable`; CSAF `known_affected`).
    Affected,
    /// Fixed (CycloneDX `resolved`).
    Fixed,
    /// Under investigation (CycloneDX `in_triage`).
    UnderInvestigation,
}

/// A product a statement names.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct VexProduct {
    /// An image, by digest; `None` for any image.
    pub image: Option<Digest>,
    /// A package; `None` for every package of the image.
    pub package: Option<Purl>,
}

/// One statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct VexStatement {
    /// The vulnerability id.
    pub vulnerability: String,
    /// Its aliases, when the document gives them.
    pub aliases: Vec<String>,
    /// The products it speaks of.
    pub products: Vec<VexProduct>,
    /// What it says.
    pub status: VexStatus,
    /// Why, when it says (`vulnerable_code_not_present`, ...).
    pub justification: Option<String>,
}

/// A VEX document as statements.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct VexDocument {
    /// Its statements, in document order.
    pub statements: Vec<VexStatement>,
    /// What could not be read (a product named only by a CPE or a name,
    /// which no finding can be matched to, say).
    pub warnings: Vec<IngestWarning>,
}

/// What applying a VEX document did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct VexOutcome {
    /// Occurrences removed as not affected.
    pub not_affected: u64,
    /// Occurrences removed as fixed.
    pub fixed: u64,
    /// Occurrences confirmed affected (now applicable).
    pub affected: u64,
    /// Occurrences now undetermined, under investigation.
    pub under_investigation: u64,
    /// Statements that applied to no occurrence.
    pub unused_statements: u64,
}

impl VexProduct {
    fn covers(&self, occurrence: &Occurrence) -> bool {
        let image = self
            .image
            .as_ref()
            .is_none_or(|d| occurrence.image.contains(d));
        let package = self
            .package
            .as_ref()
            .is_none_or(|p| match &occurrence.package.purl {
                Some(purl) => Purl::parse(purl).is_some_and(|found| p.covers(&found)),
                // Without a purl, the name and version must be the same.
                None => {
                    p.name == occurrence.package.name
                        && p.version
                            .as_ref()
                            .is_none_or(|v| *v == occurrence.package.version)
                }
            });
        image && package
    }
}

impl VexStatement {
    fn names(&self, occurrence: &Occurrence) -> bool {
        let ids = || {
            std::iter::once(&occurrence.vulnerability)
                .chain(&occurrence.aliases)
                .map(|id| canonical_id(id))
        };
        std::iter::once(&self.vulnerability)
            .chain(&self.aliases)
            .any(|mine| {
                let mine = canonical_id(mine);
                ids().any(|theirs| theirs == mine)
            })
    }

    fn applies_to(&self, occurrence: &Occurrence) -> bool {
        self.names(occurrence) && self.products.iter().any(|p| p.covers(occurrence))
    }
}

/// Applies `document` to `occurrences` (see the module's rule), removing
/// the occurrences it says are not affected or fixed.
///
/// ```
/// use kubesight::finding::{Applicability, Occurrence};
/// use kubesight::ingest::vex::{apply_vex, openvex};
///
/// let mut occurrences: Vec<Occurrence> = serde_json::from_value(serde_json::json!([
///     {"image": [], "vulnerability": "CVE-2021-44228",
///      "package": {"name": "spring-boot", "version": "2.6.0",
///                  "purl": "pkg:maven/org.springframework.boot/spring-boot@2.6.0"}},
///     {"image": [], "vulnerability": "CVE-2021-44228",
///      "package": {"name": "log4j-core", "version": "2.14.1",
///                  "purl": "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"}}
/// ]))?;
/// let vex = openvex(r#"{"statements": [
///   {"vulnerability": {"name": "CVE-2021-44228"}, "status": "not_affected",
///    "products": [{"@id": "pkg:maven/org.springframework.boot/spring-boot@2.6.0"}],
///    "justification": "vulnerable_code_not_in_execute_path"}]}"#)?;
/// let outcome = apply_vex(&mut occurrences, &vex);
/// assert_eq!(outcome.not_affected, 1);
/// assert_eq!(occurrences.len(), 1);
/// assert_eq!(occurrences[0].package.name, "log4j-core");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn apply_vex(occurrences: &mut Vec<Occurrence>, document: &VexDocument) -> VexOutcome {
    apply(occurrences, document)
}

/// Findings after a VEX document, and what applying it did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct VexApplied {
    /// The findings that remain, updated.
    pub findings: Vec<Occurrence>,
    /// What applying did.
    pub outcome: VexOutcome,
}

impl VexApplied {
    /// [`apply_vex`] on owned findings, in one call.
    pub fn apply(mut findings: Vec<Occurrence>, document: &VexDocument) -> Self {
        let outcome = apply(&mut findings, document);
        VexApplied { findings, outcome }
    }
}

fn apply(occurrences: &mut Vec<Occurrence>, document: &VexDocument) -> VexOutcome {
    let mut outcome = VexOutcome::default();
    let mut used = vec![false; document.statements.len()];
    occurrences.retain_mut(|occurrence| {
        let last = document
            .statements
            .iter()
            .enumerate()
            .rev()
            .find(|(_, s)| s.applies_to(occurrence));
        let Some((i, statement)) = last else {
            return true;
        };
        if let Some(u) = used.get_mut(i) {
            *u = true;
        }
        match statement.status {
            VexStatus::NotAffected => {
                outcome.not_affected += 1;
                false
            }
            VexStatus::Fixed => {
                outcome.fixed += 1;
                false
            }
            VexStatus::Affected => {
                outcome.affected += 1;
                occurrence.applicability = Applicability::Applicable;
                true
            }
            VexStatus::UnderInvestigation => {
                if matches!(
                    occurrence.applicability,
                    Applicability::NotScanned | Applicability::NotCovered
                ) {
                    occurrence.applicability = Applicability::Undetermined;
                    outcome.under_investigation += 1;
                }
                true
            }
        }
    });
    outcome.unused_statements = used.iter().filter(|u| !**u).count() as u64;
    outcome
}

/// Why a name is no product a finding can be matched to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NotAProduct {
    /// Not a package URL at all (a CPE, a name, an IRI).
    NotAPurl,
    /// An OCI package URL without a version: it names no image.
    NoDigest,
    /// An OCI package URL whose version is not a digest.
    NotADigest(String),
}

impl NotAProduct {
    /// What to say of `name`, as the document wrote it.
    pub(crate) fn describe(&self, name: &str) -> String {
        let name = name.escape_debug();
        match self {
            NotAProduct::NotAPurl => format!("`{name}` is not a package URL"),
            NotAProduct::NoDigest => format!(
                "`{name}` is a package URL without a digest, so it cannot name an image"
            ),
            NotAProduct::NotADigest(version) => format!(
                "`{name}` is a package URL whose version `{}` is not a digest, so it cannot name an image",
                version.escape_debug()
            ),
        }
    }
}

/// The product a package URL names: an OCI purl names an image by its
/// digest (its version), any other purl a package.
pub(crate) fn product_of(purl: &str) -> Result<VexProduct, NotAProduct> {
    let parsed = Purl::parse(purl).ok_or(NotAProduct::NotAPurl)?;
    if parsed.kind == "oci" {
        let version = parsed.version.ok_or(NotAProduct::NoDigest)?;
        let digest = version
            .parse::<Digest>()
            .map_err(|_| NotAProduct::NotADigest(version))?;
        return Ok(VexProduct {
            image: Some(digest),
            package: None,
        });
    }
    Ok(VexProduct {
        image: None,
        package: Some(parsed),
    })
}

pub(crate) fn parse_json(
    text: &str,
    format: &'static str,
) -> Result<serde_json::Value, super::IngestError> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| super::IngestError::json(&e))?;
    if !value.is_object() {
        return Err(super::IngestError::UnrecognizedDocument {
            format,
            reason: "not a JSON object".into(),
        });
    }
    Ok(value)
}
