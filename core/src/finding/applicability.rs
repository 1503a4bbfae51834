//! What contextual analysis concluded about a finding.

use serde::{Deserialize, Serialize};

/// Whether contextual analysis confirmed that a vulnerability can be
/// exploited where the package is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    /// The platform asks for a rescan before it can say (its
    /// `rescan_required`): undecided, never read as not applicable.
    RescanRequired,
    /// The platform asks for an upgrade of its analysis before it can say
    /// (its `upgrade_required`): undecided, never read as not applicable.
    UpgradeRequired,
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
            Applicability::RescanRequired => "rescan_required",
            Applicability::UpgradeRequired => "upgrade_required",
        }
    }

    /// Whether the analysis could not decide (undetermined, not covered,
    /// not scanned, or waiting for a rescan or an upgrade): the funnel
    /// reports these in its `undecided` count instead of silently dropping
    /// them.
    pub const fn is_undecided(self) -> bool {
        matches!(
            self,
            Applicability::Undetermined
                | Applicability::NotCovered
                | Applicability::NotScanned
                | Applicability::RescanRequired
                | Applicability::UpgradeRequired
        )
    }

    /// Every value, in the order the platform documents them.
    pub const ALL: [Applicability; 7] = [
        Applicability::NotScanned,
        Applicability::Applicable,
        Applicability::NotApplicable,
        Applicability::Undetermined,
        Applicability::RescanRequired,
        Applicability::UpgradeRequired,
        Applicability::NotCovered,
    ];

    /// Its position in [`ALL`](Self::ALL).
    pub(crate) const fn position(self) -> u16 {
        match self {
            Applicability::NotScanned => 0,
            Applicability::Applicable => 1,
            Applicability::NotApplicable => 2,
            Applicability::Undetermined => 3,
            Applicability::RescanRequired => 4,
            Applicability::UpgradeRequired => 5,
            Applicability::NotCovered => 6,
        }
    }

    /// The value whose code is `code` (`rescan_required`, ...).
    ///
    /// ```
    /// use kubesight::finding::Applicability;
    /// assert_eq!(Applicability::from_code("rescan_required"), Some(Applicability::RescanRequired));
    /// assert!(Applicability::RescanRequired.is_undecided());
    /// assert_eq!(Applicability::from_code("maybe"), None);
    /// ```
    pub fn from_code(code: &str) -> Option<Applicability> {
        Applicability::ALL.into_iter().find(|a| a.code() == code)
    }
}
