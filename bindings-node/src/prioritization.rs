//! The funnel, the highlights, the severity vocabulary.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::Value;

use crate::convert::{from_js, from_json, json_value, text};
use crate::error::{throwing, Coded};
use crate::task::JsonTask;
use kubesight::finding::{Occurrence, RunningImage};
use kubesight::funnel::{FunnelResult, RuntimeValidation};

fn funnel_of(
    running: &[RunningImage],
    findings: &[Occurrence],
    runtime_validation: bool,
) -> FunnelResult {
    let validation = RuntimeValidation::available_if(runtime_validation);
    kubesight::funnel::compute(running, findings, validation)
}

/// Options of the funnel.
#[napi(object)]
pub struct FunnelOptions {
    /// Whether runtime sensors are installed (the installation status is
    /// `full`): without them the last stage is absent, not zero.
    pub runtime_validation: bool,
}

/// The prioritization funnel over `findings` on `runningImages`.
#[napi(
    ts_args_type = "runningImages: RunningImageInput[], findings: OccurrenceInput[], options: FunnelOptions",
    ts_return_type = "FunnelResult"
)]
pub fn compute_funnel(
    env: Env,
    running_images: Unknown<'_>,
    findings: Unknown<'_>,
    options: FunnelOptions,
) -> Result<Value> {
    throwing(&env, || {
        let running: Vec<RunningImage> = from_js(&env, running_images, "runningImages")?;
        let findings: Vec<Occurrence> = from_js(&env, findings, "findings")?;
        json_value(&funnel_of(&running, &findings, options.runtime_validation))
    })
}

/// The funnel over findings given as JSON text (camelCase keys).
fn funnel_json(running: &str, findings: &str, runtime_validation: bool) -> Coded<Value> {
    let running: Vec<RunningImage> = from_json(running, "runningImages")?;
    let findings: Vec<Occurrence> = from_json(findings, "findings")?;
    json_value(&funnel_of(&running, &findings, runtime_validation))
}

/// The funnel over findings given as one JSON text (a string or a UTF-8
/// buffer, camelCase keys), read in the addon: the fast path for large
/// inputs.
#[napi(ts_return_type = "FunnelResult")]
pub fn compute_funnel_json(
    env: Env,
    running_images: Either<String, Buffer>,
    findings: Either<String, Buffer>,
    options: FunnelOptions,
) -> Result<Value> {
    throwing(&env, || {
        funnel_json(
            text(&running_images, "runningImages")?,
            text(&findings, "findings")?,
            options.runtime_validation,
        )
    })
}

/// The funnel over JSON text, computed on a worker thread: resolves to the
/// same result as `computeFunnelJson`.
#[napi(ts_return_type = "Promise<FunnelResult>")]
pub fn compute_funnel_async(
    env: Env,
    running_images: Either<String, Buffer>,
    findings: Either<String, Buffer>,
    options: FunnelOptions,
) -> Result<AsyncTask<JsonTask>> {
    throwing(&env, || {
        let running = text(&running_images, "runningImages")?.to_owned();
        let findings = text(&findings, "findings")?.to_owned();
        let runtime_validation = options.runtime_validation;
        Ok(JsonTask::new(move || {
            funnel_json(&running, &findings, runtime_validation)
        }))
    })
}

/// The live-assessment highlights.
#[napi(
    ts_args_type = "runningImages: RunningImageInput[], findings: OccurrenceInput[], violations?: ViolationInput[]",
    ts_return_type = "Highlights"
)]
pub fn highlights(
    env: Env,
    running_images: Unknown<'_>,
    findings: Unknown<'_>,
    violations: Option<Unknown<'_>>,
) -> Result<Value> {
    throwing(&env, || {
        let running: Vec<RunningImage> = from_js(&env, running_images, "runningImages")?;
        let findings: Vec<Occurrence> = from_js(&env, findings, "findings")?;
        let violations: Vec<kubesight::integrity::Violation> = match violations {
            Some(v) => from_js(&env, v, "violations")?,
            None => Vec::new(),
        };
        json_value(&kubesight::highlights::Highlights::of(
            &running,
            &findings,
            &violations,
        ))
    })
}

/// How many distinct vulnerabilities the findings name (aliases count once,
/// two CVE ids never merge).
#[napi(ts_args_type = "findings: OccurrenceInput[]")]
pub fn distinct_vulnerabilities(env: Env, findings: Unknown<'_>) -> Result<i64> {
    throwing(&env, || {
        let findings: Vec<Occurrence> = from_js(&env, findings, "findings")?;
        let n = kubesight::funnel::distinct_vulnerabilities(&findings);
        i64::try_from(n)
            .map_err(|_| crate::error::internal("more distinct vulnerabilities than 2^63"))
    })
}

/// A scanner's severity word as a severity code, or `null` outside the
/// vocabulary.
#[napi(ts_return_type = "Severity | null")]
pub fn severity_from_vocabulary(word: String) -> Option<&'static str> {
    kubesight::Severity::from_vocabulary(&word).map(kubesight::Severity::code)
}
