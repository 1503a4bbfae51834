//! The running-images trend.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::Value;

use crate::convert::{from_js, from_json, json_value, text};
use crate::error::{raise, throwing, Coded};
use crate::task::JsonTask;

fn trend_of(
    snapshots: &[kubesight::trend::Snapshot],
    request: &kubesight::trend::TrendRequest,
) -> Coded<Value> {
    json_value(&kubesight::trend::TrendResult::of_request(snapshots, request).map_err(raise)?)
}

/// The running-images trend: a bucket per day with the summary (`trend`),
/// and one array per series (`series`).
#[napi(
    ts_args_type = "snapshots: SnapshotInput[], options: TrendRequestInput",
    ts_return_type = "TrendResult"
)]
pub fn compute_trend(env: Env, snapshots: Unknown<'_>, options: Unknown<'_>) -> Result<Value> {
    throwing(&env, || {
        let snapshots: Vec<kubesight::trend::Snapshot> = from_js(&env, snapshots, "snapshots")?;
        let options: kubesight::trend::TrendRequest = from_js(&env, options, "options")?;
        trend_of(&snapshots, &options)
    })
}

/// The trend over snapshots given as one JSON text.
#[napi(
    ts_args_type = "snapshots: string | Buffer, options: TrendRequestInput",
    ts_return_type = "TrendResult"
)]
pub fn compute_trend_json(
    env: Env,
    snapshots: Either<String, Buffer>,
    options: Unknown<'_>,
) -> Result<Value> {
    throwing(&env, || {
        let snapshots: Vec<kubesight::trend::Snapshot> =
            from_json(text(&snapshots, "snapshots")?, "snapshots")?;
        let options: kubesight::trend::TrendRequest = from_js(&env, options, "options")?;
        trend_of(&snapshots, &options)
    })
}

/// The trend over JSON text, computed on a worker thread.
#[napi(
    ts_args_type = "snapshots: string | Buffer, options: TrendRequestInput",
    ts_return_type = "Promise<TrendResult>"
)]
pub fn compute_trend_async(
    env: Env,
    snapshots: Either<String, Buffer>,
    options: Unknown<'_>,
) -> Result<AsyncTask<JsonTask>> {
    throwing(&env, || {
        let options: kubesight::trend::TrendRequest = from_js(&env, options, "options")?;
        let snapshots = text(&snapshots, "snapshots")?.to_owned();
        Ok(JsonTask::new(move || {
            let snapshots: Vec<kubesight::trend::Snapshot> = from_json(&snapshots, "snapshots")?;
            trend_of(&snapshots, &options)
        }))
    })
}
