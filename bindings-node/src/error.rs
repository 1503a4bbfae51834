//! Errors: a JavaScript `Error` whose `code` is the core's stable code.

use napi::bindgen_prelude::*;

/// What every exported function returns: its error's status is the code.
pub(crate) type Coded<T> = std::result::Result<T, Error<String>>;

/// An error with `code` and `message`.
pub(crate) fn error(code: &str, message: impl Into<String>) -> Error<String> {
    Error::new(code.to_owned(), message.into())
}

/// The error of a core error.
pub(crate) fn raise<E: kubesight::ErrorCode>(e: E) -> Error<String> {
    error(e.code(), e.to_string())
}

/// A failure of the JavaScript engine itself, as an error with a code.
pub(crate) fn engine(e: Error) -> Error<String> {
    error("invalid_input", e.reason.clone())
}

/// An error with a code, as a task computed on a worker thread can return
/// it: the code travels at the start of the message.
pub(crate) fn to_plain(e: Error<String>) -> Error {
    Error::new(
        Status::GenericFailure,
        format!("{}\u{1f}{}", e.status, e.reason),
    )
}

/// The JavaScript error of a task's failure, its code restored.
pub(crate) fn rethrow(env: Env, e: Error) -> Error {
    let (code, reason) = match e.reason.split_once('\u{1f}') {
        Some((code, reason)) => (code.to_owned(), reason.to_owned()),
        None => ("invalid_input".to_owned(), e.reason.clone()),
    };
    Error::from(JsError::from(error(&code, reason)).into_unknown(env))
}
