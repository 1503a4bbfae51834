//! Whether a fix exists for a finding.

use serde::{Deserialize, Serialize};

/// What the package maintainer did about a vulnerability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FixState {
    /// A fixed version exists.
    Fixed,
    /// No fix yet.
    NotFixed,
    /// The maintainer will not fix it.
    WontFix,
    /// Nothing is known.
    #[default]
    Unknown,
}

impl FixState {
    /// Every state.
    pub const ALL: [FixState; 4] = [
        FixState::Fixed,
        FixState::NotFixed,
        FixState::WontFix,
        FixState::Unknown,
    ];

    /// Its position in [`ALL`](Self::ALL).
    pub(crate) const fn position(self) -> u16 {
        match self {
            FixState::Fixed => 0,
            FixState::NotFixed => 1,
            FixState::WontFix => 2,
            FixState::Unknown => 3,
        }
    }

    /// The stable machine code.
    pub const fn code(self) -> &'static str {
        match self {
            FixState::Fixed => "fixed",
            FixState::NotFixed => "not_fixed",
            FixState::WontFix => "wont_fix",
            FixState::Unknown => "unknown",
        }
    }
}

/// The fix of a finding: its state and the fixed versions.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Fix {
    /// What the maintainer did.
    #[serde(default)]
    pub state: FixState,
    /// The versions that fix it, as the scanner gives them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<String>,
}

impl Fix {
    /// Whether a fix version is available: the state is `fixed` and at least
    /// one version is named (a `fixed` state without a version cannot be
    /// acted on).
    pub fn is_available(&self) -> bool {
        self.state == FixState::Fixed && !self.versions.is_empty()
    }
}
