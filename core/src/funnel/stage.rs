//! The stages of the prioritization funnel.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A stage of the funnel. Each is cumulative: a vulnerability reaches a
/// stage only if one of its occurrences meets that stage and every stage
/// before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Every distinct vulnerability on scanned running images.
    All,
    /// Critical or High severity.
    CriticalHigh,
    /// Confirmed exploitable by contextual analysis.
    Applicable,
    /// A fix version is available.
    WithFix,
    /// Seen loaded or executed by a runtime sensor.
    ValidatedInRuntime,
}

impl Stage {
    /// Every stage, in funnel order.
    pub const ALL: [Stage; 5] = [
        Stage::All,
        Stage::CriticalHigh,
        Stage::Applicable,
        Stage::WithFix,
        Stage::ValidatedInRuntime,
    ];

    /// The stable machine code.
    pub const fn code(self) -> &'static str {
        match self {
            Stage::All => "all",
            Stage::CriticalHigh => "critical_high",
            Stage::Applicable => "applicable",
            Stage::WithFix => "with_fix",
            Stage::ValidatedInRuntime => "validated_in_runtime",
        }
    }

    /// The documentation's name.
    pub const fn display_name(self) -> &'static str {
        match self {
            Stage::All => "All Vulnerabilities",
            Stage::CriticalHigh => "Critical & High",
            Stage::Applicable => "Applicable",
            Stage::WithFix => "With Fix Version",
            Stage::ValidatedInRuntime => "Validated in Runtime",
        }
    }

    /// The stage's depth, from 1 (all) to 5 (validated in runtime).
    pub const fn depth(self) -> u8 {
        match self {
            Stage::All => 1,
            Stage::CriticalHigh => 2,
            Stage::Applicable => 3,
            Stage::WithFix => 4,
            Stage::ValidatedInRuntime => 5,
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.display_name())
    }
}

/// Whether the installation can validate vulnerabilities in runtime (its
/// status is `full`: runtime sensors are installed). Without, the funnel's
/// Validated in Runtime stage is absent, not zero.
///
/// ```
/// use kubesight::funnel::RuntimeValidation;
/// use kubesight::runtime::InstallationStatus;
/// assert_eq!(InstallationStatus::Full.runtime_validation(), RuntimeValidation::Available);
/// assert_eq!(InstallationStatus::ControllerOnly.runtime_validation(), RuntimeValidation::Unavailable);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RuntimeValidation {
    /// Sensors are installed: the last stage is counted.
    Available,
    /// No sensor: the last stage is absent.
    Unavailable,
}

impl RuntimeValidation {
    /// `Available` when `available`, for callers holding a flag (a
    /// binding's keyword argument).
    pub const fn available_if(available: bool) -> Self {
        if available {
            RuntimeValidation::Available
        } else {
            RuntimeValidation::Unavailable
        }
    }

    /// Whether the last stage is counted.
    pub const fn is_available(self) -> bool {
        matches!(self, RuntimeValidation::Available)
    }
}
