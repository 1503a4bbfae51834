//! The running-images trend.

use pyo3::prelude::*;

use kubesight_columnar::trend_batch;

use crate::arrow::PyArrowTable;
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

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(trend, m)?)?;
    Ok(())
}
