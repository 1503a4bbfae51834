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

impl IntegrityError {
    /// Every code this area can raise.
    pub const CODES: [&'static str; 1] = ["invalid_trusted_registry"];

    /// The stable machine code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            IntegrityError::InvalidTrustedRegistry { .. } => "invalid_trusted_registry",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_messages() {
        let all = [IntegrityError::InvalidTrustedRegistry {
            pattern: "x".into(),
            reason: "why",
        }];
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
