//! The trend over snapshots given as columns: running images and findings
//! as Arrow IPC bytes, each row with the instant its snapshot was taken.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::Value;

use crate::arrow::{column_names, renamed_columns};
use crate::convert::{from_js, json_value};
use crate::error::{engine, raise, throwing, Coded};
use crate::task::JsonTask;
use kubesight::trend::{Snapshot, TrendRequest, TrendResult};
use kubesight_columnar::{FindingColumns, IpcBatches, RunningColumns};

/// What `computeTrendArrow` was given, ready for any thread.
struct Given {
    running: Vec<u8>,
    findings: Vec<u8>,
    taken_at: String,
    headers: Vec<Snapshot>,
    columns: FindingColumns,
    running_columns: RunningColumns,
    request: TrendRequest,
}

impl Given {
    fn of(
        env: &Env,
        running: &Uint8Array,
        findings: &Uint8Array,
        options: Object<'_>,
    ) -> Coded<Given> {
        let (columns, running_columns) = renamed_columns(
            column_names(&options, "columns")?,
            column_names(&options, "runningColumns")?,
        )?;
        let taken_at: Option<String> = options.get("takenAt").map_err(|e| {
            crate::error::error(
                "invalid_input",
                format!("options: `takenAt` names a column: {}", e.reason),
                &[("argument", "options")],
            )
        })?;
        let headers: Option<Unknown<'_>> = options.get("snapshots").map_err(engine)?;
        let headers = match headers {
            Some(value)
                if !matches!(
                    value.get_type().map_err(engine)?,
                    ValueType::Undefined | ValueType::Null
                ) =>
            {
                from_js(env, value, "snapshots")?
            }
            _ => Vec::new(),
        };
        // The window's options are the object's other fields.
        let request: TrendRequest =
            from_js(env, options.into_unknown(env).map_err(engine)?, "options")?;
        Ok(Given {
            running: running.to_vec(),
            findings: findings.to_vec(),
            taken_at: taken_at.unwrap_or_else(|| "taken_at".to_owned()),
            headers,
            columns,
            running_columns,
            request,
        })
    }

    fn trend(self) -> Coded<Value> {
        let read =
            |bytes: &[u8]| IpcBatches::of(bytes)?.collect::<std::result::Result<Vec<_>, _>>();
        let running = read(&self.running).map_err(raise)?;
        let findings = read(&self.findings).map_err(raise)?;
        let snapshots = kubesight_columnar::snapshots(
            &running,
            &findings,
            &self.taken_at,
            &self.running_columns,
            &self.columns,
            &self.headers,
        )
        .map_err(raise)?;
        json_value(&TrendResult::of_request(&snapshots, &self.request).map_err(raise)?)
    }
}

/// The trend over snapshots given as columns: running images and findings
/// as Arrow IPC bytes, each row with the instant of its snapshot in column
/// `options.takenAt` (`taken_at` by default; timestamps of any unit, or
/// RFC 3339 strings). `options.snapshots` gives headers (state, clusters)
/// by instant; the window's options are `computeTrend`'s. The same result
/// as `computeTrend` over the same snapshots as objects.
#[napi(
    ts_args_type = "runningImages: Uint8Array, findings: Uint8Array, options: TrendRequestInput & { takenAt?: string, snapshots?: SnapshotInput[], columns?: Record<string, string>, runningColumns?: Record<string, string> }",
    ts_return_type = "TrendResult"
)]
pub fn compute_trend_arrow(
    env: Env,
    running_images: Uint8Array,
    findings: Uint8Array,
    options: Object<'_>,
) -> Result<Value> {
    throwing(&env, || {
        Given::of(&env, &running_images, &findings, options)?.trend()
    })
}

/// `computeTrendArrow` on a worker thread (the bytes are copied first).
#[napi(
    ts_args_type = "runningImages: Uint8Array, findings: Uint8Array, options: TrendRequestInput & { takenAt?: string, snapshots?: SnapshotInput[], columns?: Record<string, string>, runningColumns?: Record<string, string> }",
    ts_return_type = "Promise<TrendResult>"
)]
pub fn compute_trend_arrow_async(
    env: Env,
    running_images: Uint8Array,
    findings: Uint8Array,
    options: Object<'_>,
) -> Result<AsyncTask<JsonTask>> {
    throwing(&env, || {
        let given = Given::of(&env, &running_images, &findings, options)?;
        Ok(JsonTask::new(move || given.trend()))
    })
}
