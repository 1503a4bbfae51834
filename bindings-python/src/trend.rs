//! The running-images trend.

use pyo3::prelude::*;

use crate::convert::{from_py, to_py};
use crate::errors::raise;
use crate::integrity::instant;

/// The trend over `snapshots` (serde form of `Snapshot`) for the window of
/// `days` days ending on the day that contains `now`: `{"trend": ...,
/// "series": ...}`. The GIL is released while it is computed.
#[pyfunction]
#[pyo3(signature = (snapshots, *, now, days = 30, zone = "UTC", carry_forward_days = 0, flat_within_percent = 5))]
fn trend(
    py: Python<'_>,
    snapshots: &Bound<'_, PyAny>,
    now: &str,
    days: u32,
    zone: &str,
    carry_forward_days: u32,
    flat_within_percent: u32,
) -> PyResult<Py<PyAny>> {
    let snapshots: Vec<kubesight::trend::Snapshot> = from_py(snapshots, "snapshots")?;
    let now = instant(now, "now")?;
    let mut options = kubesight::trend::TrendOptions::default()
        .with_days(days)
        .with_carry_forward(carry_forward_days)
        .in_zone(zone)
        .map_err(raise)?;
    options.flat_within_percent = flat_within_percent;
    let result = py
        .detach(|| kubesight::trend::TrendResult::of(&snapshots, &options, now))
        .map_err(raise)?;
    to_py(py, &result)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(trend, m)?)?;
    Ok(())
}
