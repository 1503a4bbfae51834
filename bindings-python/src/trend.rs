//! The running-images trend.

use pyo3::prelude::*;

use kubesight_columnar::trend_batch;

use crate::arrow::PyArrowTable;
use crate::columnar::{self, tabular};
use crate::convert::{from_py, to_py};
use crate::errors::raise;
use crate::integrity::instant;

/// The trend over `snapshots` (serde form of `Snapshot`) for the window of
/// `days` days ending on the day that contains `now`: `{"trend": ...,
/// "series": ...}`, or with `arrow` the series as Arrow, a row per day.
/// The GIL is released while it is computed.
#[pyfunction]
#[pyo3(signature = (snapshots, *, now, days = None, zone = None, carry_forward_days = None, flat_within_percent = None, arrow = false))]
#[expect(clippy::too_many_arguments, reason = "the Python signature's keywords")]
fn trend(
    py: Python<'_>,
    snapshots: &Bound<'_, PyAny>,
    now: &str,
    days: Option<u32>,
    zone: Option<String>,
    carry_forward_days: Option<u32>,
    flat_within_percent: Option<u32>,
    arrow: bool,
) -> PyResult<Py<PyAny>> {
    let snapshots: Vec<kubesight::trend::Snapshot> = from_py(snapshots, "snapshots")?;
    let request = kubesight::trend::TrendRequest {
        now: instant(now, "now")?,
        days,
        zone,
        carry_forward_days,
        flat_within_percent,
    };
    let result = py
        .detach(|| kubesight::trend::TrendResult::of_request(&snapshots, &request))
        .map_err(raise)?;
    if arrow {
        let table = PyArrowTable::of(trend_batch(&result.series), "trend")?;
        return Ok(Py::new(py, table)?.into_any());
    }
    to_py(py, &result)
}

/// The trend over snapshots given as columns: running images and findings
/// (Arrow streams or Parquet paths), each row with the instant of its
/// snapshot in column `taken_at`; `snapshots` gives headers (state,
/// clusters) by instant. The same result as `trend` over the same
/// snapshots as records, or its series as Arrow with `arrow`.
#[pyfunction]
#[pyo3(signature = (running_images, findings, *, now, snapshots = None, taken_at = "taken_at", columns = None, running_columns = None, days = None, zone = None, carry_forward_days = None, flat_within_percent = None, arrow = false))]
#[expect(clippy::too_many_arguments, reason = "the Python signature's keywords")]
fn trend_of_columns(
    py: Python<'_>,
    running_images: &Bound<'_, PyAny>,
    findings: &Bound<'_, PyAny>,
    now: &str,
    snapshots: Option<&Bound<'_, PyAny>>,
    taken_at: &str,
    columns: Option<&Bound<'_, PyAny>>,
    running_columns: Option<&Bound<'_, PyAny>>,
    days: Option<u32>,
    zone: Option<String>,
    carry_forward_days: Option<u32>,
    flat_within_percent: Option<u32>,
    arrow: bool,
) -> PyResult<Py<PyAny>> {
    let headers: Vec<kubesight::trend::Snapshot> = match snapshots {
        Some(s) if !s.is_none() => from_py(s, "snapshots")?,
        _ => Vec::new(),
    };
    let columnar_only = |what: &str| {
        crate::errors::error(
            "invalid_input",
            format!("{what}: columns (an Arrow stream or a Parquet path); trend() takes snapshots as records"),
            &[("argument", what.to_owned())],
        )
    };
    let running = tabular(running_images)?.ok_or_else(|| columnar_only("running_images"))?;
    let found = tabular(findings)?.ok_or_else(|| columnar_only("findings"))?;
    let running_columns = columnar::running_columns(running_columns)?;
    let columns = columnar::finding_columns(columns)?;
    let request = kubesight::trend::TrendRequest {
        now: instant(now, "now")?,
        days,
        zone,
        carry_forward_days,
        flat_within_percent,
    };
    // A Parquet source is asked for the schema's columns and `taken_at`.
    let mut running_names = running_columns.names();
    running_names.push(taken_at);
    let mut finding_names = columns.names();
    finding_names.push(taken_at);
    let result = py.detach(|| {
        let read = |data: crate::columnar::Tabular, names: &[&str]| {
            let mut batches = Vec::new();
            data.for_each_batch(names, |b| {
                batches.push(b.clone());
                Ok(())
            })
            .map(|()| batches)
        };
        let running = read(running, &running_names).map_err(raise)?;
        let found = read(found, &finding_names).map_err(raise)?;
        let snapshots = kubesight_columnar::snapshots(
            &running,
            &found,
            taken_at,
            &running_columns,
            &columns,
            &headers,
        )
        .map_err(raise)?;
        kubesight::trend::TrendResult::of_request(&snapshots, &request).map_err(raise)
    })?;
    if arrow {
        let table = PyArrowTable::of(trend_batch(&result.series), "trend")?;
        return Ok(Py::new(py, table)?.into_any());
    }
    to_py(py, &result)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(trend, m)?)?;
    m.add_function(wrap_pyfunction!(trend_of_columns, m)?)?;
    Ok(())
}
