//! The columnar area of the error catalogue: its codes and the fields of
//! their details are the ones `tests/vectors/errors.json` lists.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]

use std::collections::BTreeMap;

use kubesight::ErrorCode;
use kubesight_columnar::ColumnarError;

fn catalogue() -> serde_json::Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/errors.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn every_error() -> Vec<ColumnarError> {
    let s = String::new;
    vec![
        ColumnarError::MissingColumn {
            column: s(),
            found: s(),
        },
        ColumnarError::WrongType {
            column: s(),
            found: s(),
            expected: "",
        },
        ColumnarError::NullValue {
            column: s(),
            row: 0,
        },
        ColumnarError::InvalidValue {
            column: s(),
            row: 0,
            value: s(),
            expected: s(),
        },
        ColumnarError::UnknownField {
            field: s(),
            schema: "",
            fields: s(),
        },
        ColumnarError::Unreadable {
            path: s(),
            message: s(),
        },
        ColumnarError::StreamFailed { message: s() },
    ]
}

#[test]
fn the_codes_and_their_fields_are_the_catalogued_ones() {
    let catalogue = catalogue();
    let mut listed: Vec<String> =
        serde_json::from_value(catalogue["areas"]["columnar"].clone()).unwrap();
    listed.sort_unstable();
    let mut codes: Vec<String> = ColumnarError::CODES
        .iter()
        .map(|c| (*c).to_owned())
        .collect();
    codes.sort_unstable();
    assert_eq!(codes, listed);
    let errors = every_error();
    assert_eq!(errors.len(), ColumnarError::CODES.len());
    let fields: BTreeMap<String, Vec<String>> = errors
        .iter()
        .map(|e| (e.code().to_owned(), e.details().keys().cloned().collect()))
        .collect();
    let catalogued: BTreeMap<String, Vec<String>> =
        serde_json::from_value(catalogue["fields"]["columnar"].clone()).unwrap();
    assert_eq!(fields, catalogued);
}
