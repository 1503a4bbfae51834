//! The trend as users read it: a bucket per day, and the same numbers as
//! one array per series, ready to plot.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{DayZone, TrendSummary};
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

/// The trend over a window of days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Trend {
    /// The zone whose calendar days make the buckets.
    pub zone: DayZone,
    /// One bucket per day, oldest first, the last one today.
    pub days: Vec<DayBucket>,
    /// Snapshots that fell in no bucket.
    pub outside_window: OutsideWindow,
    /// What the window says, for the reader.
    pub summary: TrendSummary,
}

/// The trend as one array per series, index `i` being `dates[i]`: `null`
/// where a day has no numbers, so a chart draws a gap, never a zero.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TrendSeries {
    /// The dates.
    pub dates: Vec<NaiveDate>,
    /// Each day's state.
    pub states: Vec<DayState>,
    /// Whether each day's numbers were carried forward.
    pub carried: Vec<bool>,
    /// Running images.
    pub running: Vec<Option<u64>>,
    /// Scanned images.
    pub scanned: Vec<Option<u64>>,
    /// Unscanned images.
    pub unscanned: Vec<Option<u64>>,
    /// Critical vulnerabilities.
    pub critical: Vec<Option<u64>>,
    /// High.
    pub high: Vec<Option<u64>>,
    /// Medium.
    pub medium: Vec<Option<u64>>,
    /// Low.
    pub low: Vec<Option<u64>>,
    /// Unknown severity.
    pub unknown: Vec<Option<u64>>,
}

/// A trend and its numbers as one array per series: what a chart reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TrendResult {
    /// The trend, day by day.
    pub trend: Trend,
    /// The same numbers, one array per series.
    pub series: TrendSeries,
}

impl TrendResult {
    /// The trend of `snapshots` over the window ending on the day that
    /// contains `now`, with its series: index, bucket, summarise in one call.
    ///
    /// # Errors
    /// The errors of [`TrendIndex::trend`](super::TrendIndex::trend).
    pub fn of(
        snapshots: &[super::Snapshot],
        options: &super::TrendOptions,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Self, super::TrendError> {
        let mut index = super::TrendIndex::new();
        for snapshot in snapshots {
            index.add(snapshot);
        }
        let trend = index.trend(options, now)?;
        let series = trend.series();
        Ok(TrendResult { trend, series })
    }
}

impl Trend {
    /// The numbers as one array per series.
    pub fn series(&self) -> TrendSeries {
        let column = |f: fn(&DayCounts) -> u64| -> Vec<Option<u64>> {
            self.days.iter().map(|d| d.counts.as_ref().map(f)).collect()
        };
        TrendSeries {
            dates: self.days.iter().map(|d| d.date).collect(),
            states: self.days.iter().map(|d| d.state).collect(),
            carried: self.days.iter().map(|d| d.carried_from.is_some()).collect(),
            running: column(|c| c.running),
            scanned: column(|c| c.scanned),
            unscanned: column(|c| c.unscanned),
            critical: column(|c| c.vulnerabilities.critical),
            high: column(|c| c.vulnerabilities.high),
            medium: column(|c| c.vulnerabilities.medium),
            low: column(|c| c.vulnerabilities.low),
            unknown: column(|c| c.vulnerabilities.unknown),
        }
    }
}
