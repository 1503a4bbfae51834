//! The funnel, the highlights, the severity vocabulary.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::{json, Value};

use crate::convert::{from_js, from_json, json_value, text};
use crate::error::{error, Coded, OrThrow};
use kubesight::finding::{Occurrence, RunningImage};
use kubesight::funnel::FindingIndex;

fn funnel_of(running: &[RunningImage], findings: &[Occurrence], runtime_validation: bool) -> Value {
    let (funnel, skipped) = kubesight::funnel::compute(running, findings, runtime_validation);
    json!({"funnel": funnel, "skipped": skipped})
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
    ts_args_type = "runningImages: RunningImage[], findings: Occurrence[], options: FunnelOptions",
    ts_return_type = "FunnelResult"
)]
pub fn compute_funnel(
    env: Env,
    running_images: Unknown<'_>,
    findings: Unknown<'_>,
    options: FunnelOptions,
) -> Result<Value> {
    let run = || -> Coded<Value> {
        let running: Vec<RunningImage> = from_js(&env, running_images, "runningImages", false)?;
        let findings: Vec<Occurrence> = from_js(&env, findings, "findings", false)?;
        json_value(&funnel_of(&running, &findings, options.runtime_validation))
    };
    run().or_throw(&env)
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
    let run = || -> Coded<Value> {
        let running: Vec<RunningImage> = from_json(text(&running_images)?, "runningImages", false)?;
        let findings: Vec<Occurrence> = from_json(text(&findings)?, "findings", false)?;
        json_value(&funnel_of(&running, &findings, options.runtime_validation))
    };
    run().or_throw(&env)
}

/// The funnel computed off the main thread.
pub struct FunnelTask {
    running: String,
    findings: String,
    runtime_validation: bool,
    failure: crate::error::Held,
}

impl Task for FunnelTask {
    type Output = Value;
    type JsValue = crate::convert::JsonResult;

    fn compute(&mut self) -> Result<Self::Output> {
        let run = || -> Coded<Value> {
            let running: Vec<RunningImage> = from_json(&self.running, "runningImages", false)?;
            let findings: Vec<Occurrence> = from_json(&self.findings, "findings", false)?;
            json_value(&funnel_of(&running, &findings, self.runtime_validation))
        };
        run().map_err(|f| self.failure.keep(f))
    }

    fn resolve(&mut self, _: Env, output: Self::Output) -> Result<Self::JsValue> {
        Ok(crate::convert::JsonResult(output))
    }

    fn reject(&mut self, env: Env, err: Error) -> Result<Self::JsValue> {
        Err(self.failure.throw(&env, err))
    }
}

/// The funnel over JSON text, computed on a worker thread: resolves to the
/// same result as `computeFunnelJson`.
#[napi(ts_return_type = "Promise<FunnelResult>")]
pub fn compute_funnel_async(
    env: Env,
    running_images: Either<String, Buffer>,
    findings: Either<String, Buffer>,
    options: FunnelOptions,
) -> Result<AsyncTask<FunnelTask>> {
    let run = || -> Coded<AsyncTask<FunnelTask>> {
        Ok(AsyncTask::new(FunnelTask {
            running: text(&running_images)?.to_owned(),
            findings: text(&findings)?.to_owned(),
            runtime_validation: options.runtime_validation,
            failure: crate::error::Held::default(),
        }))
    };
    run().or_throw(&env)
}

/// The live-assessment highlights.
#[napi(
    ts_args_type = "runningImages: RunningImage[], findings: Occurrence[], violations?: Violation[]",
    ts_return_type = "Highlights"
)]
pub fn highlights(
    env: Env,
    running_images: Unknown<'_>,
    findings: Unknown<'_>,
    violations: Option<Unknown<'_>>,
) -> Result<Value> {
    let run = || -> Coded<Value> {
        let running: Vec<RunningImage> = from_js(&env, running_images, "runningImages", false)?;
        let findings: Vec<Occurrence> = from_js(&env, findings, "findings", false)?;
        let violations: Vec<kubesight::integrity::Violation> = match violations {
            Some(v) => from_js(&env, v, "violations", false)?,
            None => Vec::new(),
        };
        let index = FindingIndex::new(&running);
        json_value(&kubesight::highlights::Highlights::compute(
            &index,
            &findings,
            &violations,
        ))
    };
    run().or_throw(&env)
}

/// How many distinct vulnerabilities the findings name (aliases count once,
/// two CVE ids never merge).
#[napi(ts_args_type = "findings: Occurrence[]")]
pub fn distinct_vulnerabilities(env: Env, findings: Unknown<'_>) -> Result<u32> {
    let run = || -> Coded<u32> {
        let findings: Vec<Occurrence> = from_js(&env, findings, "findings", false)?;
        let n = kubesight::funnel::distinct_vulnerabilities(&findings);
        u32::try_from(n).map_err(|_| error("invalid_output", "more than 2^32 vulnerabilities", &[]))
    };
    run().or_throw(&env)
}

/// A scanner's severity word as a severity code, or `null` outside the
/// vocabulary.
#[napi(ts_return_type = "Severity | null")]
pub fn severity_from_vocabulary(word: String) -> Option<&'static str> {
    kubesight::Severity::from_vocabulary(&word).map(kubesight::Severity::code)
}
