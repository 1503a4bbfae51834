//! Work computed on a worker thread: its result crosses as JSON, its
//! failure is thrown on the main thread with its code and details.

use napi::bindgen_prelude::*;
use serde_json::Value;

use crate::error::{Coded, Failure};

/// The work of an asynchronous call.
type Work = Box<dyn FnOnce() -> Coded<Value> + Send>;

/// A computation for a worker thread whose result is JSON.
pub struct JsonTask {
    work: Option<Work>,
    /// The failure, kept from the worker thread until the main thread
    /// throws it (napi passes the main thread only a plain error).
    failure: Option<Failure>,
}

impl JsonTask {
    /// The task that runs `work` on a worker thread.
    pub(crate) fn new(work: impl FnOnce() -> Coded<Value> + Send + 'static) -> AsyncTask<JsonTask> {
        AsyncTask::new(JsonTask {
            work: Some(Box::new(work)),
            failure: None,
        })
    }
}

impl Task for JsonTask {
    type Output = Value;
    type JsValue = JsonResult;

    fn compute(&mut self) -> Result<Value> {
        let work = self
            .work
            .take()
            .ok_or_else(|| Error::new(Status::GenericFailure, "the task ran twice"))?;
        work().map_err(|failure| {
            let plain = failure.plain();
            self.failure = Some(failure);
            plain
        })
    }

    fn resolve(&mut self, _: Env, output: Value) -> Result<JsonResult> {
        Ok(JsonResult(output))
    }

    fn reject(&mut self, env: Env, err: Error) -> Result<JsonResult> {
        Err(match self.failure.take() {
            Some(failure) => failure.into_js(&env),
            None => err,
        })
    }
}

/// A JSON result as the value of an asynchronous task.
pub struct JsonResult(Value);

impl TypeName for JsonResult {
    fn type_name() -> &'static str {
        "Object"
    }

    fn value_type() -> ValueType {
        ValueType::Object
    }
}

impl ToNapiValue for JsonResult {
    #[allow(
        unsafe_code,
        reason = "N-API's conversion trait is unsafe; this delegates to serde_json::Value's"
    )]
    unsafe fn to_napi_value(env: napi::sys::napi_env, val: Self) -> Result<napi::sys::napi_value> {
        // SAFETY: the caller's contract (a live env) is passed on unchanged.
        unsafe { Value::to_napi_value(env, val.0) }
    }
}
