//! What every error of the library has, and where each code is written
//! once: [`ErrorCode`], and the `error_codes!` macro that gives an error
//! enum its `code()`, its `CODES` and its [`ErrorCode`] implementation from
//! one list of variants and codes.

/// What every error of the library has: a stable machine code, for callers
/// (and the Python and Node bindings) to act on without reading messages.
///
/// ```
/// use kubesight::{ErrorCode, ImageRef};
/// fn code_of(e: &dyn ErrorCode) -> &'static str {
///     e.code()
/// }
/// assert_eq!(code_of(&ImageRef::parse("").unwrap_err()), "empty_reference");
/// ```
pub trait ErrorCode: std::error::Error {
    /// The stable machine code (`invalid_tag_start`, `unknown_cluster`, ...).
    fn code(&self) -> &'static str;

    /// What the error is about, as named fields: the rejected input and what
    /// was found in it (`{"tag": "café", "found": "é", "position": 3}`). An
    /// error caused by another holds that one as `{"code": ..., ...}`.
    ///
    /// ```
    /// use kubesight::{ErrorCode, ImageRef, TagPolicy};
    /// let e = TagPolicy::new().classify("café").unwrap_err();
    /// assert_eq!(e.details()["position"], 3);
    /// let e = ImageRef::parse("nginx:-x").unwrap_err();
    /// assert_eq!(e.details()["source"]["code"], "invalid_tag_start");
    /// assert!(ImageRef::parse("").unwrap_err().details().is_empty());
    /// ```
    fn details(&self) -> serde_json::Map<String, serde_json::Value>;
}

/// Gives an error enum `code()`, `CODES` and [`ErrorCode`] from one list:
/// each variant with its code, and optionally the variant whose code is its
/// cause's (whose codes `CODES` then includes). The `match` it writes is
/// exhaustive: a variant without a code does not compile.
macro_rules! error_codes {
    ($error:ident { $($variant:ident => $code:literal,)* }) => {
        impl $error {
            /// Every code this area can raise.
            pub const CODES: [&'static str; $crate::error_code::count!($($code)*)] = [$($code),*];

            /// The stable machine code of this error.
            pub fn code(&self) -> &'static str {
                match self {
                    $($error::$variant { .. } => $code,)*
                }
            }
        }
        $crate::error_code::error_codes!(@trait $error);
    };
    (
        $error:ident { $($variant:ident => $code:literal,)* }
        $cause_variant:ident { $cause:ident: $cause_type:ty } => cause,
    ) => {
        impl $error {
            /// Every code this area can raise, with the codes of the errors
            /// that can cause one of its own.
            pub const CODES: [&'static str; $crate::error_code::count!($($code)*) + <$cause_type>::CODES.len()] =
                $crate::error_code::concat([$($code),*], <$cause_type>::CODES);

            /// The stable machine code of this error; an error caused by
            /// another has the cause's code.
            pub fn code(&self) -> &'static str {
                match self {
                    $($error::$variant { .. } => $code,)*
                    $error::$cause_variant { $cause, .. } => $cause.code(),
                }
            }
        }
        $crate::error_code::error_codes!(@trait $error);
    };
    (@trait $error:ident) => {
        impl $crate::ErrorCode for $error {
            fn code(&self) -> &'static str {
                <$error>::code(self)
            }

            fn details(&self) -> serde_json::Map<String, serde_json::Value> {
                $crate::error_code::details_of(self)
            }
        }
    };
}
pub(crate) use error_codes;

/// How many codes a list holds.
macro_rules! count {
    () => { 0usize };
    ($head:tt $($rest:tt)*) => { 1usize + $crate::error_code::count!($($rest)*) };
}
pub(crate) use count;

/// Two lists of codes as one, at compile time.
#[expect(
    clippy::indexing_slicing,
    reason = "evaluated at compile time only: an index out of bounds fails the build"
)]
pub(crate) const fn concat<const A: usize, const B: usize, const C: usize>(
    a: [&'static str; A],
    b: [&'static str; B],
) -> [&'static str; C] {
    assert!(A + B == C, "the lengths add up");
    let mut out = [""; C];
    let mut i = 0;
    while i < A {
        out[i] = a[i];
        i += 1;
    }
    while i < C {
        out[i] = b[i - A];
        i += 1;
    }
    out
}

/// The fields of an error variant: its serde form is `{"Variant": {fields}}`
/// (a variant without fields is a bare string, and has none).
pub(crate) fn details_of<E: serde::Serialize>(
    error: &E,
) -> serde_json::Map<String, serde_json::Value> {
    match serde_json::to_value(error) {
        Ok(serde_json::Value::Object(variant)) => variant
            .into_iter()
            .next()
            .and_then(|(_, fields)| match fields {
                serde_json::Value::Object(fields) => Some(fields),
                _ => None,
            })
            .unwrap_or_default(),
        _ => serde_json::Map::new(),
    }
}

/// An error's cause, in its details: its code and its own details.
pub(crate) fn serialize_cause<E, S>(cause: &E, serializer: S) -> Result<S::Ok, S::Error>
where
    E: ErrorCode + serde::Serialize,
    S: serde::Serializer,
{
    let mut fields = details_of(cause);
    fields.insert("code".to_owned(), cause.code().into());
    serde::Serialize::serialize(&fields, serializer)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::ErrorCode;

    /// The fields each error's details hold, by area and code: what a
    /// binding user reads, so part of the stable API.
    fn fields_of<E: ErrorCode>(errors: Vec<E>) -> BTreeMap<String, Vec<String>> {
        errors
            .iter()
            .map(|e| (e.code().to_owned(), e.details().keys().cloned().collect()))
            .collect()
    }

    #[test]
    fn the_details_fields_are_the_catalogued_ones() {
        let catalogue: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/vectors/errors.json")).unwrap();
        let actual: BTreeMap<String, BTreeMap<String, Vec<String>>> = [
            (
                "reference",
                fields_of(crate::reference::error::tests::every_error()),
            ),
            (
                "tag",
                fields_of(crate::reference::tag_error::tests::every_error()),
            ),
            (
                "integrity",
                fields_of(crate::integrity::error::tests::every_error()),
            ),
            (
                "scanning",
                fields_of(crate::scanning::error::tests::every_error()),
            ),
            (
                "trend",
                fields_of(crate::trend::error::tests::every_error()),
            ),
            (
                "ingest",
                fields_of(crate::ingest::error::tests::every_error()),
            ),
            (
                "partial",
                fields_of(crate::funnel::wire_tests::every_error()),
            ),
        ]
        .into_iter()
        .map(|(area, fields)| (area.to_owned(), fields))
        .collect();
        let mut listed: BTreeMap<String, BTreeMap<String, Vec<String>>> =
            serde_json::from_value(catalogue["fields"].clone()).unwrap_or_default();
        // The areas of the crates outside the core check theirs.
        listed.retain(|area, _| actual.contains_key(area));
        assert!(
            actual == listed,
            "tests/vectors/errors.json `fields` must be:\n{}",
            serde_json::to_string_pretty(&actual).unwrap()
        );
    }
}
