//! Errors of the tag area: a string that is not a valid image tag.

use thiserror::Error;

/// Why a string is not a valid image tag.
///
/// A tag is `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`, ASCII only. Anything else is
/// rejected rather than answered: a policy must not be evaded by `latest ` or a
/// look-alike character.
#[derive(Debug, Clone, PartialEq, Eq, Error, serde::Serialize)]
#[non_exhaustive]
pub enum TagError {
    /// The tag is the empty string.
    #[error("tag is empty")]
    Empty,
    /// The tag is longer than 128 characters.
    #[error("tag `{}` is {length} characters long; at most 128 are allowed", .tag.escape_debug())]
    TooLong {
        /// The rejected tag.
        tag: String,
        /// Its length in characters.
        length: usize,
    },
    /// The tag starts with `.` or `-`.
    #[error("tag `{}` starts with {found:?}; a tag must start with a letter, a digit or `_`", .tag.escape_debug())]
    InvalidStart {
        /// The rejected tag.
        tag: String,
        /// The first character.
        found: char,
    },
    /// The tag holds a character outside `[A-Za-z0-9_.-]`.
    #[error("tag `{}` contains {found:?} at position {position}; a tag may hold only ASCII letters, digits, `_`, `.` and `-`", .tag.escape_debug())]
    InvalidCharacter {
        /// The rejected tag.
        tag: String,
        /// The first offending character.
        found: char,
        /// Its position, counted in characters from 0.
        position: usize,
    },
}

crate::error_code::error_codes! {
    TagError {
        Empty => "empty_tag",
        TooLong => "tag_too_long",
        InvalidStart => "invalid_tag_start",
        InvalidCharacter => "invalid_tag_character",
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// One of every variant; the match stops compiling when one is missing.
    pub(crate) fn every_error() -> Vec<TagError> {
        let all = vec![
            TagError::Empty,
            TagError::TooLong {
                tag: "t".repeat(129),
                length: 129,
            },
            TagError::InvalidStart {
                tag: ".x".into(),
                found: '.',
            },
            TagError::InvalidCharacter {
                tag: "a b".into(),
                found: ' ',
                position: 1,
            },
        ];
        for e in &all {
            match e {
                TagError::Empty
                | TagError::TooLong { .. }
                | TagError::InvalidStart { .. }
                | TagError::InvalidCharacter { .. } => {}
            }
        }
        all
    }

    #[test]
    fn codes_lists_every_code_once() {
        let produced: Vec<&str> = every_error().iter().map(TagError::code).collect();
        assert_eq!(produced, TagError::CODES);
    }

    #[test]
    fn messages_follow_the_conventions() {
        for e in every_error() {
            crate::error_style::assert_message_style(&e.to_string());
        }
    }
}
