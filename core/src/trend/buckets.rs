//! A day of the trend: its bucket, its numbers and its state.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::finding::Skipped;
use crate::SeverityCounts;

/// What a day's bucket can say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DayState {
    /// A complete snapshot of every cluster covers the day.
    Complete,
    /// The day's snapshot is still being computed, or the day is today and
    /// no complete snapshot covers it yet. No numbers are drawn.
    Calculating,
    /// The day's complete snapshot lacks some clusters: its numbers count
    /// only the clusters that reported.
    Partial,
    /// No snapshot at all. No numbers, unless carried forward (and then
    /// flagged).
    Missing,
}

impl DayState {
    /// The stable machine code (`complete`, `calculating`, `partial`,
    /// `missing`), as the serde form writes it.
    pub const fn code(self) -> &'static str {
        match self {
            DayState::Complete => "complete",
            DayState::Calculating => "calculating",
            DayState::Partial => "partial",
            DayState::Missing => "missing",
        }
    }
}

/// The numbers of one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DayCounts {
    /// Distinct running images.
    pub running: u64,
    /// Of those, scanned.
    pub scanned: u64,
    /// Of those, not scanned: `scanned + unscanned = running`.
    pub unscanned: u64,
    /// Distinct vulnerabilities (alias groups) on scanned running images,
    /// by the highest severity of each group, as the funnel counts them.
    pub vulnerabilities: SeverityCounts,
}

/// One day of the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DayBucket {
    /// The calendar date, in the trend's zone.
    pub date: NaiveDate,
    /// The day's first instant.
    pub start: DateTime<Utc>,
    /// The next day's first instant: the day is `[start, end)`, 23 or 25
    /// hours long across daylight-saving changes.
    pub end: DateTime<Utc>,
    /// What the bucket can say.
    pub state: DayState,
    /// When the snapshot whose numbers stand was taken (for a carried day,
    /// the snapshot of the day carried from).
    pub snapshot_taken_at: Option<DateTime<Utc>>,
    /// For a missing day filled by carry-forward, the day its numbers come
    /// from.
    pub carried_from: Option<NaiveDate>,
    /// For a partial day, the clusters that did not report.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing_clusters: Vec<String>,
    /// How many snapshots fell on the day (all of them, standing or not).
    pub snapshots: u32,
    /// The numbers, when the day has them: complete and partial days, and
    /// carried days.
    pub counts: Option<DayCounts>,
    /// Findings of the standing snapshot left out, and why.
    pub skipped: Skipped,
}

/// Snapshots that fell in no bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OutsideWindow {
    /// Taken before the window's first day.
    pub before: u32,
    /// Taken after `now`.
    pub after_now: u32,
}
