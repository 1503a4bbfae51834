//! Columnar input: any object with `__arrow_c_stream__` (pyarrow tables and
//! readers, polars and pandas DataFrames, DuckDB relations) through the
//! Arrow PyCapsule interface, and an `os.PathLike` to a Parquet file or a
//! folder of them, read in Rust with the GIL released. Records (dicts) go
//! the way they always went.

use std::path::PathBuf;

use kubesight::finding::{Occurrence, RunningImage};
use kubesight_columnar::arrow_array::{RecordBatch, RecordBatchReader};
use kubesight_columnar::{
    running_images, ColumnarError, FindingColumns, FunnelReader, OccurrenceReader, ParquetSource,
    RunningColumns,
};
use pyo3::prelude::*;
use pyo3_arrow::PyRecordBatchReader;

use crate::convert::from_py;
use crate::errors::raise;

/// Columnar data given in place of records.
pub(crate) enum Tabular {
    Stream(Box<dyn RecordBatchReader + Send>),
    Parquet(PathBuf),
}

/// `value` as columnar data, when it is.
pub(crate) fn tabular(value: &Bound<'_, PyAny>) -> PyResult<Option<Tabular>> {
    if value.hasattr("__arrow_c_stream__")? {
        let reader = value
            .extract::<PyRecordBatchReader>()
            .and_then(PyRecordBatchReader::into_reader)
            .map_err(|e| raise(ColumnarError::stream_failed(e)))?;
        return Ok(Some(Tabular::Stream(reader)));
    }
    let path_like = value.py().import("os")?.getattr("PathLike")?;
    if value.is_instance(&path_like)? {
        let path: PathBuf = value.call_method0("__fspath__")?.extract()?;
        return Ok(Some(Tabular::Parquet(path)));
    }
    Ok(None)
}

impl Tabular {
    /// Hands each batch to `each`; a Parquet source is asked for `columns`
    /// only.
    pub(crate) fn for_each_batch(
        self,
        columns: &[&str],
        mut each: impl FnMut(&RecordBatch) -> Result<(), ColumnarError>,
    ) -> Result<(), ColumnarError> {
        match self {
            Tabular::Stream(reader) => {
                for batch in reader {
                    each(&batch.map_err(ColumnarError::stream_failed)?)?;
                }
                Ok(())
            }
            Tabular::Parquet(path) => ParquetSource::open(path)?.for_each_batch(columns, each),
        }
    }
}

/// The caller's column names (`{"vulnerability": "cve_id", ...}`).
pub(crate) fn finding_columns(mapping: Option<&Bound<'_, PyAny>>) -> PyResult<FindingColumns> {
    let pairs = pairs(mapping)?;
    FindingColumns::renamed(pairs.iter().map(|(a, b)| (a.as_str(), b.as_str()))).map_err(raise)
}

/// The caller's column names of running images.
pub(crate) fn running_columns(mapping: Option<&Bound<'_, PyAny>>) -> PyResult<RunningColumns> {
    let pairs = pairs(mapping)?;
    RunningColumns::renamed(pairs.iter().map(|(a, b)| (a.as_str(), b.as_str()))).map_err(raise)
}

fn pairs(mapping: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<(String, String)>> {
    match mapping {
        Some(m) if !m.is_none() => {
            let map: std::collections::BTreeMap<String, String> = from_py(m, "columns")?;
            Ok(map.into_iter().collect())
        }
        _ => Ok(Vec::new()),
    }
}

/// Running images from records or columns.
pub(crate) fn running_of(
    py: Python<'_>,
    value: &Bound<'_, PyAny>,
    columns: &RunningColumns,
) -> PyResult<Vec<RunningImage>> {
    let Some(data) = tabular(value)? else {
        return from_py(value, "running_images");
    };
    py.detach(|| {
        let mut batches = Vec::new();
        data.for_each_batch(&columns.names(), |b| {
            batches.push(b.clone());
            Ok(())
        })?;
        running_images(&batches, columns)
    })
    .map_err(raise)
}

/// Findings from records or columns.
pub(crate) fn occurrences_of(
    py: Python<'_>,
    value: &Bound<'_, PyAny>,
    columns: &FindingColumns,
) -> PyResult<Vec<Occurrence>> {
    let Some(data) = tabular(value)? else {
        return from_py(value, "findings");
    };
    py.detach(|| {
        let mut reader = OccurrenceReader::new(columns.clone());
        data.for_each_batch(&columns.names(), |b| reader.add(b))?;
        Ok::<_, ColumnarError>(reader.finish())
    })
    .map_err(raise)
}

/// The funnel's reader over findings given as columns, read batch by batch
/// into the index's integers with the GIL released; `None` when the
/// findings are records.
pub(crate) fn funnel_reader(
    py: Python<'_>,
    running: &[RunningImage],
    findings: &Bound<'_, PyAny>,
    columns: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<FunnelReader>> {
    let Some(data) = tabular(findings)? else {
        return Ok(None);
    };
    let columns = finding_columns(columns)?;
    py.detach(|| {
        let mut reader = FunnelReader::new(running, columns.clone());
        data.for_each_batch(&columns.names(), |b| reader.add(b))?;
        Ok::<_, ColumnarError>(reader)
    })
    .map(Some)
    .map_err(raise)
}

/// A reader (the table's or the images view's) over findings given as
/// columns: each batch goes into it as it is read, with the GIL released,
/// so memory holds what the reader keeps and one batch; `None` when the
/// findings are records.
pub(crate) fn read_into<R: Send>(
    py: Python<'_>,
    findings: &Bound<'_, PyAny>,
    columns: &FindingColumns,
    mut reader: R,
    add: impl Fn(&mut R, &RecordBatch) -> Result<(), ColumnarError> + Send + Sync,
) -> PyResult<Option<R>> {
    let Some(data) = tabular(findings)? else {
        return Ok(None);
    };
    py.detach(|| {
        data.for_each_batch(&columns.names(), |b| add(&mut reader, b))?;
        Ok::<_, ColumnarError>(reader)
    })
    .map(Some)
    .map_err(raise)
}
