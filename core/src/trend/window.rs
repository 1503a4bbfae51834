//! Computing a trend: which snapshot stands for each day, the day's state,
//! its numbers, carry-forward.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::index::{GroupedScans, TrendIndex};
use super::tally::Tally;
use super::{
    DayBucket, DayCounts, DayState, OutsideWindow, Trend, TrendError, TrendOptions, TrendSummary,
    MAX_WINDOW_DAYS,
};
use crate::finding::aliases::alias_groups;
use crate::finding::union_find::UnionFind;
use crate::finding::Skipped;

/// What fell on one day.
#[derive(Debug, Clone, Copy, Default)]
struct Day {
    /// The complete snapshot that stands.
    standing: Option<usize>,
    /// Whether a snapshot still in progress fell on it.
    in_progress: bool,
    /// How many snapshots fell on it.
    snapshots: u32,
}

impl TrendIndex {
    /// The trend over `options.days` days ending on the day that contains
    /// `now`, in `options.zone`.
    ///
    /// Which snapshot stands for a day: of the complete snapshots taken on
    /// it, one covering every expected cluster beats one that misses some
    /// (a partial snapshot would draw an outage as a remediation); among
    /// equals, the latest stands. A snapshot still in progress never stands:
    /// a day with no complete snapshot but one in progress is
    /// `calculating`, as is today until a complete snapshot covers it; a
    /// day with no snapshot at all is `missing`. Snapshots taken after
    /// `now` or before the window are counted in
    /// [`Trend::outside_window`].
    pub fn trend(&self, options: &TrendOptions, now: DateTime<Utc>) -> Result<Trend, TrendError> {
        options.check()?;
        let zone = options.zone;
        let out_of_range = || TrendError::DateOutOfRange {
            now: now.to_rfc3339(),
        };
        let today = zone.date_of(now);
        let first = today
            .checked_sub_signed(Duration::days(i64::from(options.days) - 1))
            .ok_or_else(out_of_range)?;
        let carry = options.carry_forward_days.min(MAX_WINDOW_DAYS);
        let lookback = first
            .checked_sub_signed(Duration::days(i64::from(carry)))
            .ok_or_else(out_of_range)?;
        let span = usize::try_from((today - lookback).num_days() + 1).unwrap_or(0);

        let mut days = vec![Day::default(); span];
        let mut outside = OutsideWindow::default();
        for (i, snapshot) in self.snapshots.iter().enumerate() {
            let header = &snapshot.header;
            if header.taken_at > now {
                outside.after_now += 1;
                continue;
            }
            let date = zone.date_of(header.taken_at);
            if date < first {
                outside.before += 1;
            }
            let Some(day) = usize::try_from((date - lookback).num_days())
                .ok()
                .and_then(|d| days.get_mut(d))
            else {
                continue;
            };
            if date >= first {
                day.snapshots += 1;
            }
            match header.state {
                super::SnapshotState::InProgress => day.in_progress = true,
                super::SnapshotState::Complete => {
                    let key = |j: usize| {
                        self.snapshots
                            .get(j)
                            .map(|s| (s.header.missing_clusters.is_empty(), s.header.taken_at, j))
                    };
                    if day.standing.is_none_or(|j| key(i) > key(j)) {
                        day.standing = Some(i);
                    }
                }
            }
        }

        let mut digests = UnionFind::new(self.digests.len());
        for &(a, b) in &self.digest_links {
            digests.union(a, b);
        }
        let image_of: Vec<u32> = (0..self.digests.len())
            .map(|d| digests.find(u32::try_from(d).unwrap_or(u32::MAX)))
            .collect();
        let group_of = alias_groups(&self.vulnerabilities, &self.aliases);
        let scans = GroupedScans::new(self, &group_of);
        let mut tally = Tally::new(self.vulnerabilities.len());

        let mut buckets = Vec::with_capacity(span);
        let mut last_complete: Option<(NaiveDate, DayCounts, DateTime<Utc>)> = None;
        let mut carried_run = 0u32;
        for (offset, day) in days.iter().enumerate() {
            let date = lookback
                .checked_add_signed(Duration::days(i64::try_from(offset).unwrap_or(0)))
                .ok_or_else(out_of_range)?;
            let (start, end) = zone.bounds_of(date).ok_or_else(out_of_range)?;
            let standing = day.standing.and_then(|i| self.snapshots.get(i));
            let mut bucket = DayBucket {
                date,
                start,
                end,
                state: DayState::Missing,
                snapshot_taken_at: None,
                carried_from: None,
                missing_clusters: Vec::new(),
                snapshots: day.snapshots,
                counts: None,
                skipped: Skipped::default(),
            };
            if let Some(snapshot) = standing {
                let mut entries: Vec<(u32, u32)> = snapshot
                    .images
                    .iter()
                    .map(|&(digest, scan)| {
                        (
                            image_of.get(digest as usize).copied().unwrap_or(digest),
                            scan,
                        )
                    })
                    .collect();
                entries.sort_unstable();
                let counts = tally.move_to(entries, &scans);
                bucket.counts = Some(counts);
                bucket.snapshot_taken_at = Some(snapshot.header.taken_at);
                bucket.skipped = snapshot.skipped;
                bucket.missing_clusters = snapshot.header.missing_clusters.clone();
                bucket.state = if bucket.missing_clusters.is_empty() {
                    DayState::Complete
                } else {
                    DayState::Partial
                };
            } else if day.in_progress || date == today {
                bucket.state = DayState::Calculating;
            }
            match bucket.state {
                DayState::Complete => {
                    last_complete = bucket
                        .counts
                        .zip(bucket.snapshot_taken_at)
                        .map(|(c, t)| (date, c, t));
                    carried_run = 0;
                }
                DayState::Missing => {
                    if let Some((from, counts, taken_at)) =
                        last_complete.filter(|_| carried_run < carry)
                    {
                        bucket.carried_from = Some(from);
                        bucket.counts = Some(counts);
                        bucket.snapshot_taken_at = Some(taken_at);
                    }
                    carried_run += 1;
                }
                DayState::Partial | DayState::Calculating => last_complete = None,
            }
            if date >= first {
                buckets.push(bucket);
            }
        }
        let summary = TrendSummary::of(&buckets, options.flat_within_percent);
        Ok(Trend {
            zone,
            days: buckets,
            outside_window: outside,
            summary,
        })
    }
}
