//! Errors: a JavaScript `Error` whose `code` is the core's stable code and
//! whose `details` are the error's fields by name (camelCase), a cause
//! nested as `{ code, ... }`.

use napi::bindgen_prelude::*;
use serde_json::{Map, Value};

/// A failure on its way to JavaScript: what the binding's code returns, made
/// a JavaScript error only where an `Env` is at hand.
#[derive(Debug)]
pub(crate) struct Failure {
    code: String,
    message: String,
    details: Map<String, Value>,
}

/// What the binding's code returns.
pub(crate) type Coded<T> = std::result::Result<T, Failure>;

/// A failure of the binding itself (an argument that is not what it must
/// be), with its details.
pub(crate) fn error(code: &str, message: impl Into<String>, details: &[(&str, &str)]) -> Failure {
    Failure {
        code: code.to_owned(),
        message: message.into(),
        details: details
            .iter()
            .map(|(k, v)| ((*k).to_owned(), Value::from(*v)))
            .collect(),
    }
}

/// The failure of a core error, its details as the core names them.
pub(crate) fn raise<E: kubesight::ErrorCode>(e: E) -> Failure {
    let details = crate::casing::camel_details(e.details());
    Failure {
        code: e.code().to_owned(),
        message: e.to_string(),
        details,
    }
}

/// The codes the binding raises itself (the catalogue's `binding` area).
pub(crate) const BINDING_CODES: [&str; 2] = ["invalid_input", "internal"];

/// A failure of the binding or of the JavaScript engine, never caused by
/// input: code `internal`.
pub(crate) fn internal(message: impl Into<String>) -> Failure {
    error("internal", message, &[])
}

/// A failure of the JavaScript engine itself.
pub(crate) fn engine(e: Error) -> Failure {
    internal(e.reason.clone())
}

impl Failure {
    /// A plain error with the failure's message, for napi to carry from a
    /// worker thread while the failure itself waits for the main thread.
    pub(crate) fn plain(&self) -> Error {
        Error::new(Status::GenericFailure, self.message.clone())
    }

    /// The JavaScript `Error`: `code`, `message` and `details`.
    pub(crate) fn into_js(self, env: &Env) -> Error {
        let js = JsError::from(Error::new(self.code, self.message)).into_unknown(*env);
        let with_details = || -> Result<()> {
            js.coerce_to_object()?
                .set_named_property("details", Value::Object(self.details))
        };
        match with_details() {
            Ok(()) => Error::from(js),
            Err(e) => e,
        }
    }
}

/// Throws a failure as a JavaScript error: how every exported function
/// returns.
pub(crate) trait OrThrow<T> {
    /// The value, or the failure as the `Error` napi throws.
    fn or_throw(self, env: &Env) -> Result<T>;
}

impl<T> OrThrow<T> for Coded<T> {
    fn or_throw(self, env: &Env) -> Result<T> {
        self.map_err(|f| f.into_js(env))
    }
}

/// Runs the body of an exported function, throwing its failure.
pub(crate) fn throwing<T>(env: &Env, body: impl FnOnce() -> Coded<T>) -> Result<T> {
    body().or_throw(env)
}

/// The codes the binding raises itself, besides the core's.
#[napi_derive::napi]
pub fn binding_error_codes() -> Vec<&'static str> {
    BINDING_CODES.to_vec()
}

/// The stable codes of the core's enumerations that the TypeScript
/// declarations list as unions, by enumeration, in the core's order.
#[napi_derive::napi(ts_return_type = "Record<string, string[]>")]
pub fn enumeration_codes() -> std::collections::BTreeMap<&'static str, Vec<&'static str>> {
    kubesight::enumeration_codes().into_iter().collect()
}
