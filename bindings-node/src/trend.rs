//! The running-images trend.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::Value;

use crate::convert::{from_js, from_json, json_value, text};
use crate::error::{raise, throwing, Coded};
use crate::task::JsonTask;

/// Options of the trend.
#[napi(object)]
#[derive(Clone, serde::Deserialize)]
pub struct TrendOptions {
    /// The day that contains it ends the window (`Date` or an ISO-8601
    /// string with an offset).
    #[napi(ts_type = "Date | string")]
    pub now: String,
    /// Days in the window (30 by default).
    pub days: Option<u32>,
    /// IANA time zone of the days (`UTC` by default).
    pub zone: Option<String>,
    /// Missing days a complete day may fill, flagged (0 by default).
    pub carry_forward_days: Option<u32>,
}

fn trend_of(snapshots: &[kubesight::trend::Snapshot], options: &TrendOptions) -> Coded<Value> {
    let now: chrono::DateTime<chrono::Utc> = from_json(&format!("{:?}", options.now), "now")?;
    let o = kubesight::trend::TrendOptions::default()
        .with_days(options.days.unwrap_or(30))
        .with_carry_forward(options.carry_forward_days.unwrap_or(0))
        .in_zone(options.zone.as_deref().unwrap_or("UTC"))
        .map_err(raise)?;
    json_value(&kubesight::trend::TrendResult::of(snapshots, &o, now).map_err(raise)?)
}

/// The running-images trend: a bucket per day with the summary (`trend`),
/// and one array per series (`series`).
#[napi(
    ts_args_type = "snapshots: SnapshotInput[], options: TrendOptions",
    ts_return_type = "TrendResult"
)]
pub fn compute_trend(env: Env, snapshots: Unknown<'_>, options: Unknown<'_>) -> Result<Value> {
    throwing(&env, || {
        let snapshots: Vec<kubesight::trend::Snapshot> = from_js(&env, snapshots, "snapshots")?;
        let options: TrendOptions = from_js(&env, options, "options")?;
        trend_of(&snapshots, &options)
    })
}

/// The trend over snapshots given as one JSON text.
#[napi(
    ts_args_type = "snapshots: string | Buffer, options: TrendOptions",
    ts_return_type = "TrendResult"
)]
pub fn compute_trend_json(
    env: Env,
    snapshots: Either<String, Buffer>,
    options: Unknown<'_>,
) -> Result<Value> {
    throwing(&env, || {
        let snapshots: Vec<kubesight::trend::Snapshot> = from_json(text(&snapshots)?, "snapshots")?;
        let options: TrendOptions = from_js(&env, options, "options")?;
        trend_of(&snapshots, &options)
    })
}

/// The trend over JSON text, computed on a worker thread.
#[napi(
    ts_args_type = "snapshots: string | Buffer, options: TrendOptions",
    ts_return_type = "Promise<TrendResult>"
)]
pub fn compute_trend_async(
    env: Env,
    snapshots: Either<String, Buffer>,
    options: Unknown<'_>,
) -> Result<AsyncTask<JsonTask>> {
    throwing(&env, || {
        let options: TrendOptions = from_js(&env, options, "options")?;
        let snapshots = text(&snapshots)?.to_owned();
        Ok(JsonTask::new(move || {
            let snapshots: Vec<kubesight::trend::Snapshot> = from_json(&snapshots, "snapshots")?;
            trend_of(&snapshots, &options)
        }))
    })
}
