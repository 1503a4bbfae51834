//! The trend as users read it: a bucket per day with the summary, and the
//! same numbers as one array per series, ready to plot; and the one-call
//! result.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{DayBucket, DayCounts, DayState, DayZone, OutsideWindow, TrendSummary};

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
    /// [`TrendResult::of`] as a binding asks it: the request's options and
    /// instant.
    ///
    /// # Errors
    /// The errors of [`TrendRequest::options`](super::TrendRequest::options) and of
    /// [`TrendIndex::trend`](super::TrendIndex::trend).
    pub fn of_request(
        snapshots: &[super::Snapshot],
        request: &super::TrendRequest,
    ) -> Result<Self, super::TrendError> {
        TrendResult::of(snapshots, &request.options()?, request.now)
    }

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
