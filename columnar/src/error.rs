//! The errors of columnar input: one enum, each variant with a stable code.

use kubesight::ErrorCode;
use serde_json::{json, Map, Value};

/// Why a record batch, an Arrow stream or a Parquet file could not be read.
/// Each names the column (as the caller's data names it) and, for a value,
/// the row (counted from 0 over the whole input) and the value as written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ColumnarError {
    /// A required column is not in the data.
    #[error("column `{column}` is missing; the data has {found}")]
    MissingColumn {
        /// The column looked for.
        column: String,
        /// The columns the data has, comma-separated.
        found: String,
    },
    /// A column has a type that cannot hold what it should.
    #[error("column `{column}` holds {found}; expected {expected}")]
    WrongType {
        /// The column.
        column: String,
        /// Its Arrow type.
        found: String,
        /// What it may be.
        expected: &'static str,
    },
    /// A required value is null.
    #[error("column `{column}` is null at row {row}; every row needs a value")]
    NullValue {
        /// The column.
        column: String,
        /// The row.
        row: u64,
    },
    /// A value is not one the column may hold.
    #[error("column `{column}` holds `{value}` at row {row}; expected {expected}")]
    InvalidValue {
        /// The column.
        column: String,
        /// The row.
        row: u64,
        /// The value as written.
        value: String,
        /// What it may be.
        expected: String,
    },
    /// A column name to map is not one of the schema's fields.
    #[error("`{field}` is not a field of {schema}; fields: {fields}")]
    UnknownField {
        /// The name given.
        field: String,
        /// Which schema (`findings`, `running images`).
        schema: &'static str,
        /// The schema's fields, comma-separated.
        fields: String,
    },
    /// A Parquet file or folder could not be read.
    #[error("cannot read `{path}`: {message}")]
    Unreadable {
        /// The file or folder.
        path: String,
        /// What the reader said.
        message: String,
    },
    /// An Arrow stream failed while it was read.
    #[error("the Arrow stream failed: {message}")]
    StreamFailed {
        /// What the stream said.
        message: String,
    },
}

impl ColumnarError {
    /// Every code columnar input can raise.
    pub const CODES: [&'static str; 7] = [
        "missing_column",
        "wrong_column_type",
        "null_value",
        "invalid_column_value",
        "unknown_column_field",
        "unreadable_parquet",
        "arrow_stream_failed",
    ];

    /// The stable machine code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            ColumnarError::MissingColumn { .. } => "missing_column",
            ColumnarError::WrongType { .. } => "wrong_column_type",
            ColumnarError::NullValue { .. } => "null_value",
            ColumnarError::InvalidValue { .. } => "invalid_column_value",
            ColumnarError::UnknownField { .. } => "unknown_column_field",
            ColumnarError::Unreadable { .. } => "unreadable_parquet",
            ColumnarError::StreamFailed { .. } => "arrow_stream_failed",
        }
    }

    /// The error of an Arrow stream that failed while it was read.
    pub fn stream_failed(error: impl std::fmt::Display) -> ColumnarError {
        ColumnarError::StreamFailed {
            message: error.to_string(),
        }
    }
}

impl ErrorCode for ColumnarError {
    fn code(&self) -> &'static str {
        ColumnarError::code(self)
    }

    fn details(&self) -> Map<String, Value> {
        let value = match self {
            ColumnarError::MissingColumn { column, found } => {
                json!({"column": column, "found": found})
            }
            ColumnarError::WrongType {
                column,
                found,
                expected,
            } => json!({"column": column, "found": found, "expected": expected}),
            ColumnarError::NullValue { column, row } => json!({"column": column, "row": row}),
            ColumnarError::InvalidValue {
                column,
                row,
                value,
                expected,
            } => json!({"column": column, "row": row, "value": value, "expected": expected}),
            ColumnarError::UnknownField {
                field,
                schema,
                fields,
            } => json!({"field": field, "schema": schema, "fields": fields}),
            ColumnarError::Unreadable { path, message } => {
                json!({"path": path, "message": message})
            }
            ColumnarError::StreamFailed { message } => json!({"message": message}),
        };
        match value {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }
}
