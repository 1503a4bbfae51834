//! Errors of the ingest area: the document is not the format at all.

use thiserror::Error;

/// Why a document cannot be read. Anything less (an entry that cannot be
/// read, an unknown severity word) is a warning in the result instead.
#[derive(Debug, Clone, PartialEq, Eq, Error, serde::Serialize)]
#[non_exhaustive]
pub enum IngestError {
    /// The text is not JSON.
    #[error("not JSON at line {line}, column {column}: {message}")]
    InvalidJson {
        /// The line of the first error.
        line: usize,
        /// Its column.
        column: usize,
        /// What the parser said.
        message: String,
    },
    /// The JSON is not a document of the format asked for.
    #[error("not a {format} document: {reason}")]
    UnrecognizedDocument {
        /// The format asked for.
        format: &'static str,
        /// What is missing or wrong.
        reason: String,
    },
    /// One page of a listing given as several pages cannot be read.
    #[error("page {page} of the listing: {source}")]
    InvalidPage {
        /// The page, counting from 1.
        page: usize,
        /// Why it cannot be read.
        #[serde(serialize_with = "boxed_cause")]
        source: Box<IngestError>,
    },
}

#[expect(clippy::borrowed_box, reason = "serde hands the field over as it is")]
fn boxed_cause<S: serde::Serializer>(
    cause: &Box<IngestError>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    crate::error_code::serialize_cause(cause.as_ref(), serializer)
}

crate::error_code::error_codes! {
    IngestError {
        InvalidJson => "invalid_json",
        UnrecognizedDocument => "unrecognized_document",
        InvalidPage => "invalid_page",
    }
}

impl IngestError {
    pub(crate) fn json(error: &serde_json::Error) -> Self {
        let message = error.to_string();
        // serde_json appends " at line L column C"; the fields carry it.
        let message = match message.rfind(" at line ") {
            Some(at) => message.get(..at).unwrap_or(&message).to_owned(),
            None => message,
        };
        IngestError::InvalidJson {
            line: error.line(),
            column: error.column(),
            message,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// One of every variant.
    pub(crate) fn every_error() -> Vec<IngestError> {
        let bad = serde_json::from_str::<serde_json::Value>("{\"a\": ").unwrap_err();
        vec![
            IngestError::json(&bad),
            IngestError::UnrecognizedDocument {
                format: "Trivy",
                reason: "no `Results`".into(),
            },
            IngestError::InvalidPage {
                page: 2,
                source: Box::new(IngestError::json(&bad)),
            },
        ]
    }

    #[test]
    fn codes_and_messages() {
        let all = every_error();
        for e in &all {
            crate::error_style::assert_message_style(&e.to_string());
        }
        let produced: Vec<&str> = all.iter().map(IngestError::code).collect();
        assert_eq!(produced, IngestError::CODES);
    }
}
