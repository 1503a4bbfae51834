//! Errors of the integrity area.

use thiserror::Error;

/// Why an integrity configuration is not valid.
#[derive(Debug, Clone, PartialEq, Eq, Error, serde::Serialize)]
#[non_exhaustive]
pub enum IntegrityError {
    /// A trusted-registry pattern is not `host[:port][/path]` or `*.domain`.
    #[error("trusted registry `{}` is not valid: {reason}", .pattern.escape_debug())]
    InvalidTrustedRegistry {
        /// The rejected pattern.
        pattern: String,
        /// Why.
        reason: &'static str,
    },
}

crate::error_code::error_codes! {
    IntegrityError {
        InvalidTrustedRegistry => "invalid_trusted_registry",
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// One of every variant.
    pub(crate) fn every_error() -> Vec<IntegrityError> {
        vec![IntegrityError::InvalidTrustedRegistry {
            pattern: "x".into(),
            reason: "why",
        }]
    }

    #[test]
    fn codes_and_messages() {
        let all = every_error();
        for e in &all {
            match e {
                IntegrityError::InvalidTrustedRegistry { .. } => {}
            }
            crate::error_style::assert_message_style(&e.to_string());
        }
        let produced: Vec<&str> = all.iter().map(IntegrityError::code).collect();
        assert_eq!(produced, IntegrityError::CODES);
    }
}
