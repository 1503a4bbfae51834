//! The platform's risk badges (`risk_enum`), and how they are held to the
//! findings behind them.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::findings::{PlatformMalicious, PlatformVulnerability};
use crate::finding::Applicability;
use crate::ingest::{IngestWarning, WarningCode};
use crate::Severity;

/// A risk badge of an image tag, workload or process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Risk {
    /// A malicious package (`malicious`).
    Malicious,
    /// An image from an untrusted registry (`untrusted_registry`).
    UntrustedRegistry,
    /// An integrity violation (`integrity_violation`).
    IntegrityViolation,
    /// A Critical vulnerability found applicable (`critical_applicable_cves`,
    /// also written `critical_applicable_cve` and `critical_applicable`).
    CriticalApplicableCves,
}

impl Risk {
    /// The stable machine code.
    pub const fn code(self) -> &'static str {
        match self {
            Risk::Malicious => "malicious",
            Risk::UntrustedRegistry => "untrusted_registry",
            Risk::IntegrityViolation => "integrity_violation",
            Risk::CriticalApplicableCves => "critical_applicable_cves",
        }
    }

    /// The badge a documented spelling names.
    pub fn from_word(word: &str) -> Option<Risk> {
        Some(match word.trim().to_ascii_lowercase().as_str() {
            "malicious" => Risk::Malicious,
            "untrusted_registry" => Risk::UntrustedRegistry,
            "integrity_violation" => Risk::IntegrityViolation,
            "critical_applicable_cves" | "critical_applicable_cve" | "critical_applicable" => {
                Risk::CriticalApplicableCves
            }
            _ => return None,
        })
    }
}

/// The `risks` of an entry; an unknown word is left out with a warning.
pub(crate) fn risks(words: &[Value], at: &str, warnings: &mut Vec<IngestWarning>) -> Vec<Risk> {
    let mut out = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let Some(word) = word.as_str() else {
            continue;
        };
        match Risk::from_word(word) {
            Some(r) if !out.contains(&r) => out.push(r),
            Some(_) => {}
            None => warnings.push(IngestWarning {
                code: WarningCode::UnknownStatus,
                at: format!("{at}.risks[{i}]"),
                message: format!(
                    "risk `{}` is not a documented risk: left out",
                    word.escape_debug()
                ),
            }),
        }
    }
    out
}

/// The badges findings support: `malicious` for a malicious package,
/// `critical_applicable_cves` for a Critical vulnerability contextual
/// analysis found applicable. The other two badges need facts no listing
/// of findings holds (the registry's answer).
pub(crate) fn supported<'a>(
    vulnerabilities: impl IntoIterator<Item = &'a PlatformVulnerability>,
    malicious: impl IntoIterator<Item = &'a PlatformMalicious>,
) -> Vec<Risk> {
    let mut out = Vec::new();
    if malicious.into_iter().next().is_some() {
        out.push(Risk::Malicious);
    }
    if vulnerabilities
        .into_iter()
        .any(|v| v.severity == Severity::Critical && v.applicability == Applicability::Applicable)
    {
        out.push(Risk::CriticalApplicableCves);
    }
    out
}

/// Warns where the platform's badges and the ones its own findings support
/// disagree, for the badges findings can support (malicious, critical
/// applicable): a disagreement is a warning, never an error, and the
/// platform's badges are kept as given.
pub(crate) fn compare_risks(
    what: &str,
    given: &[Risk],
    derived: &[Risk],
    at: &str,
    warnings: &mut Vec<IngestWarning>,
) {
    for risk in [Risk::Malicious, Risk::CriticalApplicableCves] {
        let message = match (given.contains(&risk), derived.contains(&risk)) {
            (true, false) => format!(
                "{what} carries the `{}` badge, but none of its findings listed supports it",
                risk.code()
            ),
            (false, true) => format!(
                "{what} lacks the `{}` badge its findings listed support",
                risk.code()
            ),
            _ => continue,
        };
        warnings.push(IngestWarning {
            code: WarningCode::InconsistentListing,
            at: format!("{at}.risks"),
            message,
        });
    }
}
