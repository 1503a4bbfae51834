//! Work computed on a worker thread: its result crosses as a JavaScript
//! value made on the main thread, its failure is thrown there with its code
//! and details.

use napi::bindgen_prelude::*;
use serde_json::Value;

use crate::error::{Coded, Failure};

/// What a worker thread computes, and the JavaScript value it becomes on
/// the main thread.
pub trait Outcome: Send + Sized + 'static {
    /// The value JavaScript receives.
    type Js: ToNapiValue + TypeName;

    /// The value, made on the main thread.
    fn into_js(self) -> Self::Js;
}

impl Outcome for Value {
    type Js = JsonResult;

    fn into_js(self) -> JsonResult {
        JsonResult(self)
    }
}

/// The work of an asynchronous call.
type Work<T> = Box<dyn FnOnce() -> Coded<T> + Send>;

/// A computation for a worker thread.
pub struct CodedTask<T: Outcome> {
    work: Option<Work<T>>,
    /// The failure, kept from the worker thread until the main thread
    /// throws it (napi passes the main thread only a plain error).
    failure: Option<Failure>,
}

/// A computation whose result is JSON.
pub type JsonTask = CodedTask<Value>;

impl<T: Outcome> CodedTask<T> {
    /// The task that runs `work` on a worker thread.
    pub(crate) fn new(work: impl FnOnce() -> Coded<T> + Send + 'static) -> AsyncTask<CodedTask<T>> {
        AsyncTask::new(CodedTask {
            work: Some(Box::new(work)),
            failure: None,
        })
    }
}

impl<T: Outcome> Task for CodedTask<T> {
    type Output = T;
    type JsValue = T::Js;

    fn compute(&mut self) -> Result<T> {
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

    fn resolve(&mut self, _: Env, output: T) -> Result<T::Js> {
        Ok(output.into_js())
    }

    fn reject(&mut self, env: Env, err: Error) -> Result<T::Js> {
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
