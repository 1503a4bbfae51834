//! The trend's series as one Arrow record batch.

use std::sync::Arc;

use arrow_array::{ArrayRef, Date32Array, RecordBatch};
use kubesight::trend::TrendSeries;

use super::arrays::{batch, flags, maybe_counts, text};
use crate::ColumnarError;

/// The series as one batch, a row per day, oldest first:
///
/// | column | type |
/// |---|---|
/// | `date` | date32 |
/// | `state` | string (`complete`, `calculating`, `partial`, `missing`) |
/// | `carried` | bool: its numbers are an earlier day's, carried forward |
/// | `running`, `scanned`, `unscanned` | uint64, null on a day without numbers |
/// | `critical`, `high`, `medium`, `low`, `unknown` | uint64, null on a day without numbers |
pub fn trend_batch(series: &TrendSeries) -> Result<RecordBatch, ColumnarError> {
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    let days: Vec<i32> = series
        .dates
        .iter()
        .map(|d| i32::try_from((*d - epoch).num_days()).unwrap_or(i32::MAX))
        .collect();
    let column = |values: &[Option<u64>]| maybe_counts(values.iter().copied());
    batch(vec![
        ("date", false, Arc::new(Date32Array::from(days)) as ArrayRef),
        ("state", false, text(series.states.iter().map(|s| s.code()))),
        ("carried", false, flags(series.carried.iter().copied())),
        ("running", true, column(&series.running)),
        ("scanned", true, column(&series.scanned)),
        ("unscanned", true, column(&series.unscanned)),
        ("critical", true, column(&series.critical)),
        ("high", true, column(&series.high)),
        ("medium", true, column(&series.medium)),
        ("low", true, column(&series.low)),
        ("unknown", true, column(&series.unknown)),
    ])
}
