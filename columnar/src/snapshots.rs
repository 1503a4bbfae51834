//! Trend snapshots from columns: running images and findings of many
//! snapshots in one table each, told apart by the instant each row's
//! snapshot was taken.

use std::collections::BTreeMap;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType,
};
use arrow_array::RecordBatch;
use arrow_schema::{DataType, TimeUnit};
use chrono::{DateTime, Utc};
use kubesight::trend::Snapshot;

use crate::columns::{FindingColumns, RunningColumns};
use crate::error::ColumnarError;
use crate::text::{required, Text};
use crate::{running_images, OccurrenceReader};

const INSTANTS: &str = "timestamps, or RFC 3339 strings (`2026-11-24T02:00:00Z`)";

/// The snapshots of running images and findings given as columns, each row
/// with the instant its snapshot was taken in column `taken_at` (an Arrow
/// timestamp of any unit, read as UTC without a time zone, or RFC 3339
/// strings). Each distinct instant is one snapshot, oldest first.
/// `headers` (snapshots without running images or findings) give the
/// state and clusters of the instants they name, and may name instants no
/// row has (a snapshot that found nothing running); an instant without a
/// header is a complete snapshot of no named clusters.
pub fn snapshots<'b>(
    running: impl IntoIterator<Item = &'b RecordBatch>,
    findings: impl IntoIterator<Item = &'b RecordBatch>,
    taken_at: &str,
    running_columns: &RunningColumns,
    finding_columns: &FindingColumns,
    headers: &[Snapshot],
) -> Result<Vec<Snapshot>, ColumnarError> {
    let mut by_instant: BTreeMap<DateTime<Utc>, Snapshot> = BTreeMap::new();
    fn at(
        by_instant: &mut BTreeMap<DateTime<Utc>, Snapshot>,
        instant: DateTime<Utc>,
    ) -> &mut Snapshot {
        by_instant.entry(instant).or_insert_with(|| Snapshot {
            taken_at: instant,
            state: Default::default(),
            clusters: Vec::new(),
            expected_clusters: Vec::new(),
            running: Vec::new(),
            occurrences: Vec::new(),
        })
    }
    for header in headers {
        let snapshot = at(&mut by_instant, header.taken_at);
        snapshot.state = header.state;
        snapshot.clusters.clone_from(&header.clusters);
        snapshot
            .expected_clusters
            .clone_from(&header.expected_clusters);
        snapshot.running.extend(header.running.iter().cloned());
        snapshot
            .occurrences
            .extend(header.occurrences.iter().cloned());
    }
    let mut first = 0u64;
    for batch in running {
        let instants = instants(batch, taken_at, first)?;
        // One image per row, in row order.
        let images = running_images([batch], running_columns).map_err(|e| shifted(e, first))?;
        for (instant, image) in instants.into_iter().zip(images) {
            at(&mut by_instant, instant).running.push(image);
        }
        first += batch.num_rows() as u64;
    }
    let mut first = 0u64;
    for batch in findings {
        let instants = instants(batch, taken_at, first)?;
        let mut reader = OccurrenceReader::new(finding_columns.clone());
        reader.add(batch).map_err(|e| shifted(e, first))?;
        for (instant, occurrence) in instants.into_iter().zip(reader.finish()) {
            at(&mut by_instant, instant).occurrences.push(occurrence);
        }
        first += batch.num_rows() as u64;
    }
    Ok(by_instant.into_values().collect())
}

/// An error of a batch read on its own, its row counted over every batch.
fn shifted(error: ColumnarError, first: u64) -> ColumnarError {
    match error {
        ColumnarError::NullValue { column, row } => ColumnarError::NullValue {
            column,
            row: row + first,
        },
        ColumnarError::InvalidValue {
            column,
            row,
            value,
            expected,
        } => ColumnarError::InvalidValue {
            column,
            row: row + first,
            value,
            expected,
        },
        other => other,
    }
}

/// Each row's instant.
fn instants(
    batch: &RecordBatch,
    column: &str,
    first: u64,
) -> Result<Vec<DateTime<Utc>>, ColumnarError> {
    let array = required(batch, column)?;
    let null = |i: usize| ColumnarError::NullValue {
        column: column.to_owned(),
        row: first + i as u64,
    };
    let out_of_range = |i: usize, value: i64| ColumnarError::InvalidValue {
        column: column.to_owned(),
        row: first + i as u64,
        value: value.to_string(),
        expected: "an instant between the years -262143 and 262142".to_owned(),
    };
    if let DataType::Timestamp(unit, _) = array.data_type() {
        let (values, per_second): (Vec<Option<i64>>, i64) = match unit {
            TimeUnit::Second => (
                array.as_primitive::<TimestampSecondType>().iter().collect(),
                1,
            ),
            TimeUnit::Millisecond => (
                array
                    .as_primitive::<TimestampMillisecondType>()
                    .iter()
                    .collect(),
                1_000,
            ),
            TimeUnit::Microsecond => (
                array
                    .as_primitive::<TimestampMicrosecondType>()
                    .iter()
                    .collect(),
                1_000_000,
            ),
            TimeUnit::Nanosecond => (
                array
                    .as_primitive::<TimestampNanosecondType>()
                    .iter()
                    .collect(),
                1_000_000_000,
            ),
        };
        return values
            .into_iter()
            .enumerate()
            .map(|(i, v)| {
                let v = v.ok_or_else(|| null(i))?;
                let (seconds, rest) = (v.div_euclid(per_second), v.rem_euclid(per_second));
                let nanos = u32::try_from(rest * (1_000_000_000 / per_second)).unwrap_or(0);
                DateTime::from_timestamp(seconds, nanos).ok_or_else(|| out_of_range(i, v))
            })
            .collect();
    }
    let text = Text::of(array, column).map_err(|_| ColumnarError::WrongType {
        column: column.to_owned(),
        found: array.data_type().to_string(),
        expected: INSTANTS,
    })?;
    (0..array.len())
        .map(|i| {
            let value = text.get(i).ok_or_else(|| null(i))?;
            DateTime::parse_from_rfc3339(value)
                .map(|d| d.with_timezone(&Utc))
                .map_err(|e| ColumnarError::InvalidValue {
                    column: column.to_owned(),
                    row: first + i as u64,
                    value: value.to_owned(),
                    expected: format!("an RFC 3339 instant (`2026-11-24T02:00:00Z`): {e}"),
                })
        })
        .collect()
}
