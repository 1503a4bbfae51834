//! Short tags classified sixteen bytes at a time.
//!
//! Nearly every tag has at most 16 bytes. Such a tag is loaded into one
//! 16-lane SIMD vector (SSE2, NEON or WebAssembly SIMD through `wide`, plain
//! lanes elsewhere), and every lane is classified at once: a range of bytes
//! is one subtraction, a minimum and a compare, and each class (digits,
//! dots, separators, letters, lower-case hex) becomes a 16-bit mask with bit
//! `i` for byte `i`. What the scalar path learns with a loop per question
//! (how many dots, where the letters end, where the tokens are) is then a
//! popcount, a trailing-zero count or a shift, and there is no loop whose
//! exit the branch predictor must guess. A word's lookup key is the token's
//! own bytes packed in a `u128`, lower-cased with one OR.
//!
//! The scalar path in `segment.rs` is the reference: tests hold these
//! answers to it for every tag of the benchmark mix and for generated tags.

use wide::u8x16;

use super::segment::{
    is_commit, is_compact_timestamp, is_date_or_timestamp, is_dotted_date, Token,
};
use super::words::{kind, KeyTable};
use super::TagRule;

/// `0x01` in every byte of a `u128`.
const ONES: u128 = u128::MAX / 0xFF;
/// How many lanes a block has.
pub(crate) const LANES: usize = 16;

/// All bits of bytes `0..n` of a `u128`, for `n` from 0 to 16.
#[expect(
    clippy::indexing_slicing,
    reason = "built at compile time, where an index out of bounds is a build error"
)]
const FIRST_BYTES: [u128; LANES + 1] = {
    let mut table = [u128::MAX; LANES + 1];
    let mut n = 0;
    while n < LANES {
        table[n] = (1u128 << (8 * n)) - 1;
        n += 1;
    }
    table
};

/// All bits of bytes `0..n` of a `u128`.
#[inline(always)]
fn first_bytes(n: usize) -> u128 {
    FIRST_BYTES.get(n).copied().unwrap_or(u128::MAX)
}

/// The bit of lane `i` in a mask (`i` below 16; every lane index here is,
/// since a short tag has at most 16 bytes).
#[inline(always)]
fn lane(i: usize) -> u32 {
    1u32 << (i % LANES)
}

/// The bits of lanes `0..n` of a mask, `n` at most 16.
#[inline(always)]
fn first_lanes(n: usize) -> u32 {
    (1u32 << n.min(LANES)) - 1
}

/// Shifts the bytes of a `u128` down by `n` (byte `n` becomes byte 0), `n`
/// below 16.
#[inline(always)]
fn down(x: u128, n: usize) -> u128 {
    x.wrapping_shr(u32::try_from(8 * (n % LANES)).unwrap_or(0))
}

/// How many lanes of a mask are set.
#[inline(always)]
fn lane_count(mask: u32) -> usize {
    usize::try_from(mask.count_ones()).unwrap_or(LANES)
}

/// The index of the lowest lane set (32 when none).
#[inline(always)]
fn first_set(mask: u32) -> usize {
    usize::try_from(mask.trailing_zeros()).unwrap_or(LANES)
}

/// The packed key of a word: its bytes in a `u128`, lower-cased. Two words
/// of at most 16 bytes from the tag alphabet other than `_` have the same
/// key exactly when they are equal regardless of case: OR-ing `0x20`
/// lower-cases `A`-`Z` and leaves digits, `.` and `-` as they are, and a
/// word's length shows in where its zero bytes start.
#[inline(always)]
pub(crate) fn key_of(bytes: u128, len: usize) -> u128 {
    (bytes | (ONES * 0x20)) & first_bytes(len)
}

/// Whether a token of digits and dots, with `dots` dots the first of which
/// is at `first_dot`, is a date: `yyyymmdd` and timestamps without dots,
/// `yyyy.mm.dd` with two.
#[inline(always)]
fn is_numeric_date(token: &[u8], dots: usize, first_dot: usize) -> bool {
    match dots {
        0 => matches!(token.len(), 8 | 10 | 12..=14) && is_date_or_timestamp(token),
        2 => first_dot == 4 && is_dotted_date(token),
        _ => false,
    }
}

/// Loads up to 16 bytes into a `u128`, without a loop: overlapping reads of
/// the first and last bytes cover every length.
#[inline(always)]
fn load(bytes: &[u8]) -> Option<u128> {
    let n = bytes.len();
    let u64_at = |at: usize| {
        bytes
            .get(at..at + 8)
            .and_then(|b| b.try_into().ok())
            .map(u64::from_le_bytes)
    };
    let u32_at = |at: usize| {
        bytes
            .get(at..at + 4)
            .and_then(|b| b.try_into().ok())
            .map(u32::from_le_bytes)
    };
    let byte_at = |at: usize| bytes.get(at).map(|&b| u128::from(b) << (8 * at));
    match n {
        8..=16 => {
            let low = u64_at(0)?;
            let high = u64_at(n - 8)?;
            let high = u32::try_from(8 * (16 - n))
                .ok()
                .and_then(|bits| high.checked_shr(bits))
                .unwrap_or(0);
            Some(u128::from(low) | (u128::from(high) << 64))
        }
        4..=7 => {
            let low = u64::from(u32_at(0)?);
            let high = u64::from(u32_at(n - 4)?) << (8 * (n - 4));
            Some(u128::from(low | high))
        }
        1..=3 => Some(byte_at(0)? | byte_at(n / 2)? | byte_at(n - 1)?),
        _ => None,
    }
}

/// The lanes of `block` whose byte lies in `lo..=lo + span`, as a mask.
#[inline(always)]
fn within(block: u8x16, lo: u8, span: u8) -> u32 {
    let offset = block - u8x16::splat(lo);
    offset.min(u8x16::splat(span)).simd_eq(offset).to_bitmask()
}

/// The lanes of `block` that hold `byte`, as a mask.
#[inline(always)]
fn equal(block: u8x16, byte: u8) -> u32 {
    block.simd_eq(u8x16::splat(byte)).to_bitmask()
}

/// The lanes of sixteen bytes that hold a newline, as a mask: where the
/// lines of a batch end.
#[inline(always)]
pub(crate) fn newlines(block: [u8; LANES]) -> u32 {
    equal(u8x16::new(block), b'\n')
}

/// The tokens of a short tag, from its separator mask.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tokens {
    separators: u32,
    start: usize,
    len: usize,
    done: bool,
}

impl Iterator for Tokens {
    type Item = (usize, usize);

    #[inline(always)]
    fn next(&mut self) -> Option<(usize, usize)> {
        while !self.done {
            let start = self.start;
            let end = if self.separators == 0 {
                self.done = true;
                self.len
            } else {
                let end = first_set(self.separators);
                self.separators &= self.separators - 1;
                self.start = end + 1;
                end
            };
            if end > start {
                return Some((start, end));
            }
        }
        None
    }
}

/// A short tag's bytes and the class masks of its lanes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Lanes {
    bytes: u128,
    len: usize,
    digit: u32,
    dot: u32,
    separator: u32,
    letter: u32,
    hex: u32,
    valid: bool,
}

impl Lanes {
    /// Classifies a tag of 1 to 16 bytes; `None` for any other length.
    #[inline(always)]
    pub(crate) fn of(tag: &[u8]) -> Option<Lanes> {
        let bytes = load(tag)?;
        Some(Lanes::of_block(bytes.to_le_bytes(), tag.len()))
    }

    /// Classifies the first `len` bytes of `block` (`len` from 1 to 16); the
    /// bytes after them may be anything.
    #[inline(always)]
    pub(crate) fn of_block(block: [u8; LANES], len: usize) -> Lanes {
        let live = first_lanes(len);
        let v = u8x16::new(block);
        let digit = within(v, b'0', 9) & live;
        let dot = equal(v, b'.') & live;
        let dash = equal(v, b'-') & live;
        let separator = dash | (equal(v, b'_') & live);
        let letter = within(v | u8x16::splat(0x20), b'a', 25) & live;
        let hex = within(v, b'a', 5) & live;
        let valid = (digit | dot | separator | letter) == live && (dot | dash) & 1 == 0;
        Lanes {
            bytes: u128::from_le_bytes(block),
            len,
            digit,
            dot,
            separator,
            letter,
            hex,
            valid,
        }
    }

    /// Whether every byte may be in a tag and the first is not `.` or `-`.
    #[inline(always)]
    pub(crate) fn is_valid(&self) -> bool {
        self.valid
    }

    /// The lanes `start..end` of every non-empty token, in order.
    #[inline(always)]
    pub(crate) fn tokens(&self) -> Tokens {
        Tokens {
            separators: self.separator,
            start: 0,
            len: self.len,
            done: false,
        }
    }

    /// A coarse shape: 0 for one token without letters, 1 for one token
    /// with letters, 2 for several tokens.
    #[inline(always)]
    pub(crate) fn shape(&self) -> usize {
        if self.separator != 0 {
            2
        } else {
            usize::from(self.letter != 0)
        }
    }

    /// Whether the tag is one token.
    #[inline(always)]
    pub(crate) fn is_one_token(&self) -> bool {
        self.separator == 0
    }

    /// The rule for a one-token tag whose shape is common enough to decide
    /// without going through [`Token`]: a number or version (`1.25.3`, `7`,
    /// `20240101`), or a word of letters (`latest`, `alpine`). The rule is
    /// picked with selects rather than a chain of branches; the rare shapes
    /// that need a closer look (dates) take their branch. `None` for any
    /// other shape.
    #[inline(always)]
    pub(crate) fn one_token_rule(&self, tag: &[u8], words: &KeyTable) -> Option<TagRule> {
        let len = self.len;
        if self.letter == 0 {
            let last = lane(len.saturating_sub(1));
            let dots_apart = self.dot & (self.dot >> 1) == 0;
            if self.dot & (lane(0) | last) != 0 || !dots_apart {
                return Some(TagRule::Unrecognized);
            }
            let dots = lane_count(self.dot);
            if is_numeric_date(tag, dots, first_set(self.dot)) {
                return Some(TagRule::Date);
            }
            let short_number = if len >= 5 {
                TagRule::BuildNumber
            } else {
                TagRule::PartialVersion
            };
            let versioned = if dots >= 2 {
                TagRule::FullVersion
            } else {
                TagRule::PartialVersion
            };
            return Some(if dots == 0 { short_number } else { versioned });
        }
        if self.digit | self.dot == 0 && (self.letter != self.hex || len < 7) {
            // Letters only, and not a commit: a word. The table is indexed by
            // the word's kind bits: a keyword wins over a variant, a variant
            // over a pull-request marker, and a marker alone is no rule.
            const _: () =
                assert!(kind::KEYWORD == 1 && kind::VARIANT == 2 && kind::PULL_REQUEST == 4);
            const RULES: [TagRule; 8] = [
                TagRule::Unrecognized,
                TagRule::Keyword,
                TagRule::Variant,
                TagRule::Keyword,
                TagRule::Unrecognized,
                TagRule::Keyword,
                TagRule::Variant,
                TagRule::Keyword,
            ];
            let kinds = words.kinds(key_of(self.bytes, len));
            return RULES.get(usize::from(kinds & 7)).copied();
        }
        None
    }

    /// Recognises the token in lanes `start..end`; `token` is its bytes.
    /// The masks are read where the token lies; only the bytes are shifted
    /// down, to make the lookup key.
    #[inline(always)]
    pub(crate) fn recognise(
        &self,
        start: usize,
        end: usize,
        token: &[u8],
        words: &KeyTable,
    ) -> Token {
        let len = end - start;
        let span = first_lanes(end) & !first_lanes(start);
        let digit = self.digit & span;
        let dot = self.dot & span;
        let letter = self.letter & span;
        let hex = self.hex & span;
        let first = lane(start);
        let last = lane(end.saturating_sub(1));
        let dots_apart = dot & (dot >> 1) == 0;

        if letter == 0 {
            if dot & (first | last) != 0 || !dots_apart {
                return Token::Word;
            }
            let dots = lane_count(dot);
            if is_numeric_date(token, dots, first_set(dot).saturating_sub(start)) {
                return Token::Date;
            }
            return if dots == 0 {
                Token::number(len)
            } else {
                Token::version(dots + 1)
            };
        }
        let first_byte = token.first().copied().unwrap_or(0);
        if letter == first
            && first_byte | 0x20 == b'v'
            && digit & (first << 1) != 0
            && dot & last == 0
            && dots_apart
        {
            return Token::version(lane_count(dot) + 1);
        }
        if hex != 0 && len >= 7 {
            if letter == hex && dot == 0 {
                return Token::Commit;
            }
            if dot != 0 && is_commit(token) {
                return Token::Commit;
            }
        }
        // Where the leading letters end: the first lane of the token that is
        // not a letter.
        let leading = first_set(!letter & span).saturating_sub(start).min(len);
        if leading == 0 {
            if len >= 13 && is_compact_timestamp(token) {
                return Token::Date;
            }
            return Token::Word;
        }
        let key = key_of(down(self.bytes, start), len);
        let word_key = key & first_bytes(leading);
        if leading == len {
            let kinds = words.kinds(word_key);
            return if kinds & kind::KEYWORD != 0 {
                Token::Keyword
            } else if kinds & kind::VARIANT != 0 {
                Token::Variant
            } else if kinds & kind::PULL_REQUEST != 0 {
                Token::PullRequestMarker
            } else {
                Token::Word
            };
        }
        if words.kinds(key) & kind::VARIANT != 0 {
            return Token::Variant;
        }
        // Letters, then only digits and dots (`rc1`, `rc.1`, `alpine3.19`):
        // an optional first dot, then a number with dots between digits.
        if letter == first_lanes(start + leading) & span && dot & last == 0 && dots_apart {
            let kinds = words.kinds(word_key);
            if kinds & kind::KEYWORD != 0 {
                return Token::NumberedKeyword;
            }
            if kinds & kind::VARIANT != 0 {
                return Token::Variant;
            }
        }
        Token::Word
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_every_length_exactly() {
        let text = b"0123456789abcdef";
        for n in 1..=16 {
            let expected = text[..n]
                .iter()
                .enumerate()
                .fold(0u128, |x, (i, &b)| x | u128::from(b) << (8 * i));
            assert_eq!(load(&text[..n]), Some(expected), "{n}");
        }
        assert_eq!(load(b""), None);
        assert_eq!(load(&[b'a'; 17]), None);
    }

    #[test]
    fn classifies_lanes() {
        let lanes = Lanes::of(b"v1.2-Rc_x").unwrap();
        assert!(lanes.is_valid());
        assert_eq!(lanes.digit, lane(1) | lane(3));
        assert_eq!(lanes.dot, lane(2));
        assert_eq!(lanes.separator, lane(4) | lane(7));
        assert_eq!(lanes.letter, lane(0) | lane(5) | lane(6) | lane(8));
        assert_eq!(lanes.hex, lane(6));
    }

    #[test]
    fn rejects_what_a_tag_may_not_hold() {
        for bad in [
            &b"latest "[..],
            b".x",
            b"-x",
            b"caf\xc3\xa9",
            b"a\x00",
            b"a/b",
            b"a+b",
            b"\xff",
        ] {
            assert!(!Lanes::of(bad).unwrap().is_valid(), "{bad:?}");
        }
        for good in [&b"_x"[..], b"x.", b"A-Z_a.z-0_9", b"0123456789abcdef"] {
            assert!(Lanes::of(good).unwrap().is_valid(), "{good:?}");
        }
    }

    #[test]
    fn counts_lanes() {
        assert_eq!(lane_count(0), 0);
        assert_eq!(lane_count(0xFFFF), 16);
        assert_eq!(lane_count(lane(0) | lane(7) | lane(8) | lane(15)), 4);
    }

    #[test]
    fn finds_tokens() {
        let tokens: Vec<_> = Lanes::of(b"a--bc_d-").unwrap().tokens().collect();
        assert_eq!(tokens, [(0, 1), (3, 5), (6, 7)]);
        let tokens: Vec<_> = Lanes::of(b"-").unwrap().tokens().collect();
        assert!(tokens.is_empty());
        let tokens: Vec<_> = Lanes::of(b"abc").unwrap().tokens().collect();
        assert_eq!(tokens, [(0, 3)]);
    }
}
