//! What a window says: the direction of each series, read from complete
//! days only, and the documented warning signs.
//!
//! Partial days count only the clusters that reported and carried days
//! repeat an earlier day, so neither enters a direction: an outage must
//! never read as a remediation.

use serde::{Deserialize, Serialize};

use super::{DayBucket, DayCounts, DayState};
use crate::Severity;

/// One series of the chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Series {
    /// Running images.
    Running,
    /// Scanned images.
    Scanned,
    /// Unscanned images.
    Unscanned,
    /// Critical vulnerabilities.
    Critical,
    /// High vulnerabilities.
    High,
    /// Medium vulnerabilities.
    Medium,
    /// Low vulnerabilities.
    Low,
    /// Vulnerabilities of unknown severity.
    Unknown,
}

impl Series {
    /// Every series, in chart order.
    pub const ALL: [Series; 8] = [
        Series::Running,
        Series::Scanned,
        Series::Unscanned,
        Series::Critical,
        Series::High,
        Series::Medium,
        Series::Low,
        Series::Unknown,
    ];

    /// Its value on a day.
    pub fn of(self, counts: &DayCounts) -> u64 {
        let v = &counts.vulnerabilities;
        match self {
            Series::Running => counts.running,
            Series::Scanned => counts.scanned,
            Series::Unscanned => counts.unscanned,
            Series::Critical => v.critical,
            Series::High => v.high,
            Series::Medium => v.medium,
            Series::Low => v.low,
            Series::Unknown => v.unknown,
        }
    }

    /// The severity it counts, for the vulnerability series.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Series::Critical => Some(Severity::Critical),
            Series::High => Some(Severity::High),
            Series::Medium => Some(Severity::Medium),
            Series::Low => Some(Severity::Low),
            Series::Unknown => Some(Severity::Unknown),
            Series::Running | Series::Scanned | Series::Unscanned => None,
        }
    }

    /// Whether fewer is better: unscanned images and vulnerabilities. More
    /// running or scanned images is neither good nor bad by itself.
    pub fn lower_is_better(self) -> bool {
        !matches!(self, Series::Running | Series::Scanned)
    }
}

/// Which way a series moved over the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Up by more than the flat tolerance.
    Rising,
    /// Down by more than the flat tolerance.
    Falling,
    /// Within the flat tolerance.
    Flat,
    /// Fewer than two complete days.
    InsufficientData,
}

/// What the direction means for security posture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Outlook {
    /// A series where fewer is better went down.
    Improving,
    /// A series where fewer is better went up.
    Worsening,
    /// Flat.
    Steady,
    /// Running and scanned counts, and series without enough data.
    NotJudged,
}

/// One series over the window's complete days.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SeriesSummary {
    /// The series.
    pub series: Series,
    /// Which way it moved: the least-squares line through the complete
    /// days, from the first complete day to the last.
    pub direction: Direction,
    /// What that means.
    pub outlook: Outlook,
    /// Its value on the first complete day.
    pub first: Option<u64>,
    /// Its value on the last complete day.
    pub last: Option<u64>,
    /// The change along the fitted line from the first complete day to the
    /// last.
    pub fitted_change: Option<f64>,
}

/// A documented warning sign: "a rising count of unscanned images or
/// increasing vulnerability numbers may indicate that new workloads are
/// being deployed without adequate scan coverage".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WarningSign {
    /// Unscanned images are rising.
    RisingUnscanned {
        /// On the first complete day.
        first: u64,
        /// On the last complete day.
        last: u64,
    },
    /// Vulnerabilities of one severity are rising.
    RisingVulnerabilities {
        /// The severity.
        severity: Severity,
        /// On the first complete day.
        first: u64,
        /// On the last complete day.
        last: u64,
    },
}

impl WarningSign {
    /// What it may indicate, for the reader.
    pub fn message(&self) -> String {
        match self {
            WarningSign::RisingUnscanned { first, last } => format!(
                "Unscanned running images rose from {first} to {last}: new workloads may be \
                 deployed without adequate scan coverage."
            ),
            WarningSign::RisingVulnerabilities {
                severity,
                first,
                last,
            } => format!(
                "{} vulnerabilities rose from {first} to {last}: new workloads may be deployed \
                 without adequate scan coverage.",
                severity.label()
            ),
        }
    }
}

/// How many days of each state the window holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DayStates {
    /// Complete days.
    pub complete: u32,
    /// Partial days.
    pub partial: u32,
    /// Calculating days.
    pub calculating: u32,
    /// Missing days (carried or not).
    pub missing: u32,
    /// Missing days filled by carry-forward.
    pub carried: u32,
}

/// What the window says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TrendSummary {
    /// How many days of each state.
    pub days: DayStates,
    /// Every series, in chart order.
    pub series: Vec<SeriesSummary>,
    /// The warning signs that show, most severe first.
    pub warning_signs: Vec<WarningSign>,
}

impl TrendSummary {
    /// The summary of `days`; a series is flat when its fitted change is
    /// within `flat_within_percent` of its mean, or within one.
    pub(crate) fn of(days: &[DayBucket], flat_within_percent: u32) -> Self {
        let mut states = DayStates::default();
        for day in days {
            match day.state {
                DayState::Complete => states.complete += 1,
                DayState::Partial => states.partial += 1,
                DayState::Calculating => states.calculating += 1,
                DayState::Missing => states.missing += 1,
            }
            states.carried += u32::from(day.carried_from.is_some());
        }
        let complete: Vec<(f64, &DayCounts)> = days
            .iter()
            .enumerate()
            .filter(|(_, d)| d.state == DayState::Complete)
            .filter_map(|(i, d)| Some((i as f64, d.counts.as_ref()?)))
            .collect();
        let series: Vec<SeriesSummary> = Series::ALL
            .iter()
            .map(|&s| summarize(s, &complete, flat_within_percent))
            .collect();
        let mut warning_signs = Vec::new();
        for summary in &series {
            let (Direction::Rising, Some(first), Some(last)) =
                (summary.direction, summary.first, summary.last)
            else {
                continue;
            };
            if summary.series == Series::Unscanned {
                warning_signs.push(WarningSign::RisingUnscanned { first, last });
            }
            if let Some(severity) = summary.series.severity() {
                warning_signs.push(WarningSign::RisingVulnerabilities {
                    severity,
                    first,
                    last,
                });
            }
        }
        TrendSummary {
            days: states,
            series,
            warning_signs,
        }
    }
}

fn summarize(
    series: Series,
    days: &[(f64, &DayCounts)],
    flat_within_percent: u32,
) -> SeriesSummary {
    let first = days.first().map(|(_, c)| series.of(c));
    let last = days.last().map(|(_, c)| series.of(c));
    let fitted_change = fitted_change(series, days);
    let direction = match fitted_change {
        None => Direction::InsufficientData,
        Some(change) => {
            let n = days.len() as f64;
            let mean = days.iter().map(|(_, c)| series.of(c) as f64).sum::<f64>() / n;
            let tolerance = (mean * f64::from(flat_within_percent) / 100.0).max(1.0);
            if change > tolerance {
                Direction::Rising
            } else if change < -tolerance {
                Direction::Falling
            } else {
                Direction::Flat
            }
        }
    };
    let outlook = match direction {
        Direction::InsufficientData => Outlook::NotJudged,
        _ if !series.lower_is_better() => Outlook::NotJudged,
        Direction::Rising => Outlook::Worsening,
        Direction::Falling => Outlook::Improving,
        Direction::Flat => Outlook::Steady,
    };
    SeriesSummary {
        series,
        direction,
        outlook,
        first,
        last,
        fitted_change,
    }
}

/// The change along the least-squares line from the first day to the last,
/// or `None` with fewer than two days.
fn fitted_change(series: Series, days: &[(f64, &DayCounts)]) -> Option<f64> {
    let (&(x_first, _), &(x_last, _)) = (days.first()?, days.last()?);
    if days.len() < 2 {
        return None;
    }
    let n = days.len() as f64;
    let x_mean = days.iter().map(|(x, _)| x).sum::<f64>() / n;
    let y_mean = days.iter().map(|(_, c)| series.of(c) as f64).sum::<f64>() / n;
    let (mut covariance, mut variance) = (0.0, 0.0);
    for (x, c) in days {
        covariance += (x - x_mean) * (series.of(c) as f64 - y_mean);
        variance += (x - x_mean) * (x - x_mean);
    }
    Some(covariance / variance * (x_last - x_first))
}
