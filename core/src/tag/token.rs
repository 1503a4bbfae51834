//! What one token of a tag is. A tag is cut into tokens at `-` and `_`
//! (`1.25.3-alpine3.19` → `1.25.3`, `alpine3.19`); each token is recognised
//! here without allocating.

use chrono::NaiveDate;

use super::words::{WordSet, PULL_REQUEST_MARKERS};
use crate::reference::tag_syntax::class;

/// What a tag token is. The variants are what the rules tell apart, so a
/// token's kind is a small number the policy can index tables with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Token {
    /// A channel keyword (`latest`, `stable`, `SNAPSHOT`).
    Keyword,
    /// A channel keyword with a number (`rc1`, `rc.1`, `beta2`): one build.
    NumberedKeyword,
    /// A variant, distribution or architecture name, possibly with its own
    /// version (`alpine`, `alpine3.19`, `ubuntu22.04`, `amd64`).
    Variant,
    /// `pr`, `mr` or `pull`: a pull-request marker.
    PullRequestMarker,
    /// Up to four digits, not a date (`1`, `2024`).
    ShortNumber,
    /// Five digits or more, not a date (`12345`).
    LongNumber,
    /// A dotted version of one or two numbers, with or without `v` (`v1`,
    /// `1.2`).
    PartialVersion,
    /// A dotted version of three numbers or more (`1.2.3`, `v1.2.3.4`).
    FullVersion,
    /// 7 to 64 lower-case hex characters with a letter, optionally followed by
    /// a `.suffix` (`3f2a9c1`, `<sha256 hex>.sig`).
    Commit,
    /// A date or timestamp (`20240101`, `2024.01.15`, `1704067200`).
    Date,
    /// Anything else.
    Word,
}

impl Token {
    /// How many kinds there are: the last one's value, plus one.
    pub(crate) const COUNT: usize = Token::Word as usize + 1;

    /// A number of `digits` digits.
    #[inline(always)]
    pub(crate) fn number(digits: usize) -> Token {
        if digits >= 5 {
            Token::LongNumber
        } else {
            Token::ShortNumber
        }
    }

    /// A version of `parts` dot-separated numbers.
    #[inline(always)]
    pub(crate) fn version(parts: usize) -> Token {
        if parts >= 3 {
            Token::FullVersion
        } else {
            Token::PartialVersion
        }
    }
}

fn is_pull_request_marker(word: &[u8]) -> bool {
    PULL_REQUEST_MARKERS
        .iter()
        .any(|m| m.as_bytes().eq_ignore_ascii_case(word))
}

/// Recognises one non-empty token, given the union of its bytes' classes
/// (see [`class`]), which says which checks can apply. Each check gives up
/// at the first byte that does not fit.
#[inline]
pub(crate) fn recognise(
    token: &[u8],
    classes: u8,
    keywords: &WordSet,
    variants: &WordSet,
) -> Token {
    const NUMERIC: u8 = class::DIGIT | class::DOT;
    let classes = classes & !class::VALID;
    if classes & !NUMERIC == 0 {
        return match numeric_parts(token) {
            Some(1) if is_date_or_timestamp(token) => Token::Date,
            Some(1) => Token::number(token.len()),
            Some(3) if token.get(4) == Some(&b'.') && is_dotted_date(token) => Token::Date,
            Some(parts) => Token::version(parts),
            None => Token::Word,
        };
    }
    if let [b'v' | b'V', rest @ ..] = token {
        if let Some(parts) = numeric_parts(rest) {
            return Token::version(parts);
        }
    }
    if classes & class::HEX != 0
        && token.len() >= 7
        && (classes & class::LETTER == 0 || classes & class::DOT != 0)
        && is_commit(token)
    {
        return Token::Commit;
    }
    if token.len() >= 13
        && token.first().is_some_and(u8::is_ascii_digit)
        && is_compact_timestamp(token)
    {
        return Token::Date;
    }
    let letters = if classes & NUMERIC == 0 {
        token.len()
    } else {
        token.iter().take_while(|b| b.is_ascii_alphabetic()).count()
    };
    let (word, suffix) = token.split_at(letters.min(token.len()));
    if word.is_empty() {
        return Token::Word;
    }
    if suffix.is_empty() {
        return if keywords.contains(word) {
            Token::Keyword
        } else if variants.contains(word) {
            Token::Variant
        } else if is_pull_request_marker(word) {
            Token::PullRequestMarker
        } else {
            Token::Word
        };
    }
    if variants.contains(token) {
        return Token::Variant;
    }
    let suffix = suffix.strip_prefix(b".").unwrap_or(suffix);
    if numeric_parts(suffix).is_some() {
        if keywords.contains(word) {
            return Token::NumberedKeyword;
        }
        if variants.contains(word) {
            return Token::Variant;
        }
    }
    Token::Word
}

/// The number of dot-separated parts if `b` is `\d+(\.\d+)*`.
fn numeric_parts(b: &[u8]) -> Option<usize> {
    let mut parts = 1;
    let mut previous_was_digit = false;
    for &c in b {
        if c.is_ascii_digit() {
            previous_was_digit = true;
        } else if c == b'.' && previous_was_digit {
            parts += 1;
            previous_was_digit = false;
        } else {
            return None;
        }
    }
    previous_was_digit.then_some(parts)
}

pub(crate) fn is_commit(token: &[u8]) -> bool {
    let hex_len = token
        .iter()
        .take_while(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        .count();
    let (hex, rest) = token.split_at(hex_len);
    (7..=64).contains(&hex_len)
        && hex.iter().any(u8::is_ascii_lowercase)
        && (rest.is_empty()
            || rest.first() == Some(&b'.') && rest.iter().skip(1).all(u8::is_ascii_alphabetic))
}

/// The value of a short run of ASCII digits.
fn value(digits: &[u8]) -> Option<u32> {
    if digits.is_empty() || digits.len() > 9 {
        return None;
    }
    digits.iter().try_fold(0u32, |acc, &d| {
        d.is_ascii_digit().then(|| acc * 10 + u32::from(d - b'0'))
    })
}

/// Whether year, month and day (as digit runs) form a real date from 1970 to 2099.
pub(crate) fn is_ymd(year: &[u8], month: &[u8], day: &[u8]) -> bool {
    if year.len() != 4 || !(1..=2).contains(&month.len()) || !(1..=2).contains(&day.len()) {
        return false;
    }
    match (value(year), value(month), value(day)) {
        (Some(y), Some(m), Some(d)) => {
            (1970..=2099).contains(&y)
                && i32::try_from(y).is_ok_and(|y| NaiveDate::from_ymd_opt(y, m, d).is_some())
        }
        _ => false,
    }
}

fn is_date8(b: &[u8]) -> bool {
    match (b.get(0..4), b.get(4..6), b.get(6..8)) {
        (Some(y), Some(m), Some(d)) => is_ymd(y, m, d),
        _ => false,
    }
}

fn is_hhmm(b: &[u8]) -> bool {
    matches!((b.get(0..2).and_then(value), b.get(2..4).and_then(value)), (Some(h), Some(m)) if h < 24 && m < 60)
}

/// `yyyymmdd`, `yyyymmddHHMM[SS]`, or Unix seconds or milliseconds.
pub(crate) fn is_date_or_timestamp(digits: &[u8]) -> bool {
    match digits.len() {
        8 => is_date8(digits),
        12 | 14 => is_date8(digits) && digits.get(8..).is_some_and(is_hhmm),
        10 | 13 => digits.first() == Some(&b'1'),
        _ => false,
    }
}

/// `yyyy.mm.dd` (calendar versions).
pub(crate) fn is_dotted_date(body: &[u8]) -> bool {
    let mut parts = body.split(|&b| b == b'.');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d)) => is_ymd(y, m, d),
        _ => false,
    }
}

/// `yyyymmddTHHMM...` (ISO 8601 basic format).
pub(crate) fn is_compact_timestamp(token: &[u8]) -> bool {
    token.len() >= 13
        && token.get(0..8).is_some_and(is_date8)
        && matches!(token.get(8), Some(b'T' | b't'))
        && token.get(9..13).is_some_and(is_hhmm)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tag::words::{DOCUMENTED_KEYWORDS, VARIANT_WORDS};

    fn kind(token: &str) -> Token {
        let keywords = WordSet::of(DOCUMENTED_KEYWORDS);
        let variants = WordSet::of(VARIANT_WORDS);
        let classes = token
            .bytes()
            .fold(0, |all, b| all | crate::reference::tag_syntax::class_of(b));
        recognise(token.as_bytes(), classes, &keywords, &variants)
    }

    #[test]
    fn recognises_versions_and_numbers() {
        assert_eq!(kind("1"), Token::ShortNumber);
        assert_eq!(kind("v1"), Token::PartialVersion);
        assert_eq!(kind("1.25"), Token::PartialVersion);
        assert_eq!(kind("V1.2.3"), Token::FullVersion);
        assert_eq!(kind("1..2"), Token::Word);
        assert_eq!(kind("1.2."), Token::Word);
    }

    #[test]
    fn recognises_dates_but_not_impossible_ones() {
        assert_eq!(kind("20240229"), Token::Date);
        assert_eq!(kind("20230229"), Token::LongNumber);
        assert_eq!(kind("2024.01.15"), Token::Date);
        assert_eq!(kind("202401151230"), Token::Date);
        assert_eq!(kind("20240115T123000Z"), Token::Date);
        assert_eq!(kind("1704067200"), Token::Date);
    }

    #[test]
    fn recognises_commits() {
        assert_eq!(kind("3f2a9c1"), Token::Commit);
        assert_eq!(kind("abcdef"), Token::Word, "too short");
        assert_eq!(kind("1234567"), Token::LongNumber, "no letter");
        assert_eq!(kind(&format!("{}.sig", "a1".repeat(32))), Token::Commit);
        assert_eq!(kind(&"a1".repeat(33)), Token::Word, "longer than a sha256");
    }

    #[test]
    fn recognises_words() {
        assert_eq!(kind("LATEST"), Token::Keyword);
        assert_eq!(kind("rc1"), Token::NumberedKeyword);
        assert_eq!(kind("rc.1"), Token::NumberedKeyword);
        assert_eq!(kind("alpine3.19"), Token::Variant);
        assert_eq!(kind("amd64"), Token::Variant);
        assert_eq!(kind("pr"), Token::PullRequestMarker);
        assert_eq!(kind("iron"), Token::Word);
    }
}
