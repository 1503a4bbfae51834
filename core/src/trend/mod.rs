//! The running-images trend: one bucket per day over a window (30 days by
//! default) from stored snapshots, with running, scanned and unscanned
//! images and distinct vulnerabilities by severity, and an honest state for
//! every day: `complete`, `calculating`, `partial` or `missing`, never a
//! zero drawn for a day without data.
//!
//! ```
//! use kubesight::trend::{DayState, Snapshot, TrendIndex, TrendOptions};
//!
//! let digest = format!("sha256:{}", "ab".repeat(32));
//! let snapshot = |taken_at: &str, vulnerability: &str| -> Snapshot {
//!     serde_json::from_value(serde_json::json!({
//!         "taken_at": taken_at,
//!         "running": [{"digests": [digest], "scanned": true}],
//!         "occurrences": [{"image": [digest], "vulnerability": vulnerability,
//!                          "severity": "critical"}]
//!     })).unwrap()
//! };
//! let mut index = TrendIndex::new();
//! index.add(&snapshot("2026-11-24T02:00:00Z", "CVE-2024-1"));
//! index.add(&snapshot("2026-11-26T02:00:00Z", "CVE-2024-2"));
//!
//! let now = "2026-11-26T09:30:00Z".parse()?;
//! let trend = index.trend(&TrendOptions::default().with_days(3), now)?;
//! let states: Vec<DayState> = trend.days.iter().map(|d| d.state).collect();
//! assert_eq!(states, [DayState::Complete, DayState::Missing, DayState::Complete]);
//! assert_eq!(trend.series().critical, [Some(1), None, Some(1)]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod buckets;
pub(crate) mod error;
mod index;
mod options;
mod result;
mod snapshot;
mod summary;
mod tally;
mod window;
mod zone;

pub use buckets::{DayBucket, DayCounts, DayState, OutsideWindow};
pub use error::TrendError;
pub use index::{ScanFinding, TrendIndex};
pub use options::{TrendOptions, TrendRequest, MAX_WINDOW_DAYS};
pub use result::{Trend, TrendResult, TrendSeries};
pub use snapshot::{ScanId, Snapshot, SnapshotHeader, SnapshotImage, SnapshotState};
pub use summary::{
    DayStates, Direction, Outlook, Series, SeriesSummary, TrendSummary, WarningSign,
};
pub use zone::DayZone;
