//! What the runtime sensors saw of a finding's package.

use serde::{Deserialize, Serialize};

/// Whether the vulnerable package was seen loaded or executed at runtime.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RuntimeEvidence {
    /// A sensor saw the package loaded or executed.
    Loaded,
    /// A sensor watches the image and did not see the package.
    NotObserved,
    /// No sensor watches a node the image runs on.
    #[default]
    Unavailable,
}

impl RuntimeEvidence {
    /// Every value.
    pub const ALL: [RuntimeEvidence; 3] = [
        RuntimeEvidence::Loaded,
        RuntimeEvidence::NotObserved,
        RuntimeEvidence::Unavailable,
    ];

    /// The stable machine code.
    pub const fn code(self) -> &'static str {
        match self {
            RuntimeEvidence::Loaded => "loaded",
            RuntimeEvidence::NotObserved => "not_observed",
            RuntimeEvidence::Unavailable => "unavailable",
        }
    }
}
