//! What contextual analysis concluded about a finding.

use serde::{Deserialize, Serialize};

/// Whether contextual analysis confirmed that a vulnerability can be
/// exploited where the package is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Applicability {
    /// Confirmed exploitable.
    Applicable,
    /// Confirmed not exploitable.
    NotApplicable,
    /// Analysed, but no conclusion.
    Undetermined,
    /// The analysis has no rule for this vulnerability.
    NotCovered,
    /// Contextual analysis did not run on the image.
    #[default]
    NotScanned,
}

impl Applicability {
    /// The stable machine code.
    pub const fn code(self) -> &'static str {
        match self {
            Applicability::Applicable => "applicable",
            Applicability::NotApplicable => "not_applicable",
            Applicability::Undetermined => "undetermined",
            Applicability::NotCovered => "not_covered",
            Applicability::NotScanned => "not_scanned",
        }
    }

    /// Whether the analysis could not decide (undetermined, not covered or
    /// not scanned): the funnel reports these instead of silently dropping
    /// them.
    pub const fn is_undecided(self) -> bool {
        matches!(
            self,
            Applicability::Undetermined | Applicability::NotCovered | Applicability::NotScanned
        )
    }
}
