//! The syntax of an image tag: `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`.

use super::TagError;

/// The longest tag the reference grammar allows.
pub(crate) const MAX_TAG_LENGTH: usize = 128;

/// Byte classes of tag characters, one table lookup per byte.
pub(crate) mod class {
    /// `0`-`9`.
    pub(crate) const DIGIT: u8 = 1;
    /// `.`.
    pub(crate) const DOT: u8 = 2;
    /// `a`-`f` (lower case only: commit hashes are lower case).
    pub(crate) const HEX: u8 = 4;
    /// Any other ASCII letter.
    pub(crate) const LETTER: u8 = 8;
    /// `-` and `_`, which cut a tag into tokens.
    pub(crate) const SEPARATOR: u8 = 16;
    /// Set on every byte a tag may hold; unset (the whole entry 0) otherwise.
    pub(crate) const VALID: u8 = 32;
}

/// The class of every byte: 0 for bytes a tag may not hold.
#[expect(
    clippy::indexing_slicing,
    reason = "built at compile time, where an index out of bounds is a build error"
)]
static CLASSES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0usize;
    while b < 256 {
        let c = b as u8;
        table[b] = match c {
            b'0'..=b'9' => class::DIGIT | class::VALID,
            b'.' => class::DOT | class::VALID,
            b'a'..=b'f' => class::HEX | class::VALID,
            b'A'..=b'Z' | b'g'..=b'z' => class::LETTER | class::VALID,
            b'-' | b'_' => class::SEPARATOR | class::VALID,
            _ => 0,
        };
        b += 1;
    }
    table
};

/// The class of byte `b` (see [`class`]).
#[inline(always)]
pub(crate) fn class_of(b: u8) -> u8 {
    CLASSES.get(usize::from(b)).copied().unwrap_or(0)
}

/// Whether `b` may appear in a tag (`[A-Za-z0-9_.-]`).
#[inline]
pub(crate) fn is_tag_byte(b: u8) -> bool {
    class_of(b) != 0
}

/// Whether a tag that passed the per-byte check also has a valid length and
/// first byte.
#[inline(always)]
pub(crate) fn is_valid_frame(bytes: &[u8]) -> bool {
    matches!(bytes.first(), Some(&first) if first != b'.' && first != b'-')
        && bytes.len() <= MAX_TAG_LENGTH
}

/// Checks that `tag` is a valid image tag.
pub(crate) fn validate_tag(tag: &str) -> Result<(), TagError> {
    let bytes = tag.as_bytes();
    if is_valid_frame(bytes) && bytes.iter().fold(class::VALID, |all, &b| all & class_of(b)) != 0 {
        return Ok(());
    }
    Err(describe_invalid(tag))
}

/// Builds the error for a tag known to be invalid (the slow path).
#[cold]
pub(crate) fn describe_invalid(tag: &str) -> TagError {
    if let Some((position, found)) = tag
        .chars()
        .enumerate()
        .find(|&(_, c)| !u8::try_from(c).is_ok_and(is_tag_byte))
    {
        return TagError::InvalidCharacter {
            tag: tag.to_owned(),
            found,
            position,
        };
    }
    match tag.chars().next() {
        Some(found @ ('.' | '-')) => TagError::InvalidStart {
            tag: tag.to_owned(),
            found,
        },
        Some(_) => TagError::TooLong {
            tag: tag.to_owned(),
            length: tag.chars().count(),
        },
        None => TagError::Empty,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_longest_tag() {
        assert_eq!(validate_tag(&"a".repeat(128)), Ok(()));
        assert_eq!(
            validate_tag(&"a".repeat(129)).map_err(|e| e.code()),
            Err("tag_too_long")
        );
    }

    #[test]
    fn an_invalid_character_beats_the_length() {
        let tag = format!("{} ", "a".repeat(200));
        assert_eq!(
            validate_tag(&tag).map_err(|e| e.code()),
            Err("invalid_tag_character")
        );
    }

    #[test]
    fn reports_the_character_position_not_the_byte_offset() {
        let err = validate_tag("café-é").unwrap_err();
        assert_eq!(
            err,
            TagError::InvalidCharacter {
                tag: "café-é".into(),
                found: 'é',
                position: 3
            }
        );
        assert_eq!(
            err.to_string(),
            "tag `café-é` contains 'é' at position 3; a tag may hold only ASCII letters, digits, `_`, `.` and `-`"
        );
    }

    #[test]
    fn escapes_control_characters_in_messages() {
        let err = validate_tag("latest\n").unwrap_err();
        assert!(!err.to_string().contains('\n'), "{err}");
    }
}
