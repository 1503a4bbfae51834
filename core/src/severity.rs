//! Severity levels shared by integrity violations and vulnerability findings.

use std::fmt;

use serde::{Deserialize, Serialize};

/// How serious a finding or violation is.
///
/// Ordered so that `Critical > High > Medium > Low > Unknown`: sorting in
/// descending order puts the most urgent first, and `max()` over a group gives
/// its worst severity (an `Unknown` never beats a known level).
///
/// ```
/// use kubesight::Severity;
/// assert!(Severity::Critical > Severity::High);
/// assert!(Severity::Low > Severity::Unknown);
/// assert_eq!(Severity::Medium.code(), "medium");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// No severity was given, or it could not be mapped.
    Unknown,
    /// Low.
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
    /// Critical.
    Critical,
}

impl Severity {
    /// Every level, most severe first.
    pub const ALL: [Severity; 5] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Unknown,
    ];

    /// Its rank in the order, 0 (unknown) to 4 (critical): how the
    /// accumulators pack a severity into a few bits.
    pub(crate) const fn rank(self) -> u8 {
        match self {
            Severity::Unknown => 0,
            Severity::Low => 1,
            Severity::Medium => 2,
            Severity::High => 3,
            Severity::Critical => 4,
        }
    }

    /// The severity of rank `rank` (see [`rank`](Self::rank)); above 4 is
    /// Critical.
    pub(crate) const fn from_rank(rank: u8) -> Severity {
        match rank {
            0 => Severity::Unknown,
            1 => Severity::Low,
            2 => Severity::Medium,
            3 => Severity::High,
            _ => Severity::Critical,
        }
    }

    /// The stable machine code (`critical`, `high`, `medium`, `low`, `unknown`).
    pub const fn code(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
            Severity::Unknown => "unknown",
        }
    }

    /// The word a reader sees (`Critical`, `High`, `Medium`, `Low`,
    /// `Unknown`).
    pub const fn label(self) -> &'static str {
        match self {
            Severity::Critical => "Critical",
            Severity::High => "High",
            Severity::Medium => "Medium",
            Severity::Low => "Low",
            Severity::Unknown => "Unknown",
        }
    }

    /// Maps a scanner's or vendor's severity word, case-insensitively:
    /// `critical`; `high` and `important`; `medium` and `moderate`; `low`,
    /// `negligible` and `minor`; `unknown`, `none`, `unspecified`,
    /// `untriaged` and the empty string to `Unknown`. `None` for any other
    /// word, so that an adapter can report it rather than guess.
    ///
    /// ```
    /// use kubesight::Severity;
    /// assert_eq!(Severity::from_vocabulary("Negligible"), Some(Severity::Low));
    /// assert_eq!(Severity::from_vocabulary("IMPORTANT"), Some(Severity::High));
    /// assert_eq!(Severity::from_vocabulary("catastrophic"), None);
    /// ```
    pub fn from_vocabulary(word: &str) -> Option<Severity> {
        let word = word.trim();
        let is = |w: &str| word.eq_ignore_ascii_case(w);
        if is("critical") {
            Some(Severity::Critical)
        } else if is("high") || is("important") {
            Some(Severity::High)
        } else if is("medium") || is("moderate") {
            Some(Severity::Medium)
        } else if is("low") || is("negligible") || is("minor") {
            Some(Severity::Low)
        } else if word.is_empty()
            || is("unknown")
            || is("none")
            || is("unspecified")
            || is("untriaged")
        {
            Some(Severity::Unknown)
        } else {
            None
        }
    }

    /// The name shown to people (`Critical`, `High`, ...).
    pub const fn display_name(self) -> &'static str {
        match self {
            Severity::Critical => "Critical",
            Severity::High => "High",
            Severity::Medium => "Medium",
            Severity::Low => "Low",
            Severity::Unknown => "Unknown",
        }
    }
}

/// Counts by severity: distinct vulnerabilities by their group's highest
/// severity in the funnel and the trend, findings in a platform listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SeverityCounts {
    /// Critical.
    pub critical: u64,
    /// High.
    pub high: u64,
    /// Medium.
    pub medium: u64,
    /// Low.
    pub low: u64,
    /// Unknown.
    pub unknown: u64,
}

impl SeverityCounts {
    /// Counts one more of `severity`.
    pub fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Critical => self.critical += 1,
            Severity::High => self.high += 1,
            Severity::Medium => self.medium += 1,
            Severity::Low => self.low += 1,
            Severity::Unknown => self.unknown += 1,
        }
    }

    /// The sum over every severity.
    pub fn total(&self) -> u64 {
        self.critical + self.high + self.medium + self.low + self.unknown
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.display_name())
    }
}

#[cfg(test)]
mod tests {
    use super::Severity;

    #[test]
    fn all_is_sorted_most_severe_first() {
        let mut sorted = Severity::ALL;
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(sorted, Severity::ALL);
    }

    #[test]
    fn unknown_never_beats_a_known_level() {
        assert_eq!(Severity::Unknown.max(Severity::Low), Severity::Low);
    }
}
