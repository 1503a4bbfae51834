//! Short tags classified thirty-two bytes at a time.
//!
//! Nearly every tag has at most 32 bytes. Such a tag's bytes are compared
//! sixteen lanes at a time as SIMD vectors (SSE2, NEON or WebAssembly SIMD
//! through `wide`, plain lanes elsewhere): a range of bytes is one
//! subtraction, a minimum and a compare, and each class (digits, dots,
//! separators, letters, lower-case hex) becomes a 32-bit mask with bit `i`
//! for byte `i`. What the scalar path learns with a loop per question (how
//! many dots, where the letters end, where the tokens are) is then a
//! popcount, a trailing-zero count or a shift, and there is no loop whose
//! exit the branch predictor must guess. A word's lookup key is the word's
//! own bytes read as one `u128`, lower-cased with one OR.
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
/// How many bytes a word's key holds, and a SIMD vector.
pub(crate) const KEY_BYTES: usize = 16;
/// The longest tag the lanes classify.
pub(crate) const LANES: usize = 32;
/// How many bytes a block holds: the lanes, and room to read a key of
/// sixteen bytes at any lane.
pub(crate) const BLOCK: usize = LANES + KEY_BYTES;

/// The bytes of a tag, zero after them, with room for keys: see [`BLOCK`].
pub(crate) type Block = [u8; BLOCK];

/// All bits of bytes `0..n` of a `u128`, for `n` from 0 to 16.
#[expect(
    clippy::indexing_slicing,
    reason = "built at compile time, where an index out of bounds is a build error"
)]
const FIRST_BYTES: [u128; KEY_BYTES + 1] = {
    let mut table = [u128::MAX; KEY_BYTES + 1];
    let mut n = 0;
    while n < KEY_BYTES {
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

/// The bit of lane `i` in a mask (`i` below 32; every lane index here is,
/// since the lanes hold at most 32 bytes).
#[inline(always)]
fn lane(i: usize) -> u32 {
    1u32 << (i % LANES)
}

/// The bits of lanes `0..n` of a mask, `n` at most 32.
#[inline(always)]
fn first_lanes(n: usize) -> u32 {
    u32::try_from((1u64 << n.min(LANES)) - 1).unwrap_or(u32::MAX)
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

/// The first bytes of `bytes` as a block: the bytes themselves when there
/// are enough, else a copy in `spare`, zero after them.
#[inline(always)]
pub(crate) fn block_of<'a>(bytes: &'a [u8], spare: &'a mut Block) -> &'a Block {
    // What follows the tag in the block is masked away: the class masks keep
    // the tag's lanes, a key keeps its word's bytes.
    if let Some(block) = bytes.get(..BLOCK).and_then(|b| <&Block>::try_from(b).ok()) {
        return block;
    }
    *spare = [0; BLOCK];
    if bytes.len() <= KEY_BYTES {
        if let (Some(x), Some(head)) = (load(bytes), spare.get_mut(..KEY_BYTES)) {
            head.copy_from_slice(&x.to_le_bytes());
        }
    } else {
        for (to, from) in spare.iter_mut().zip(bytes.iter().take(LANES)) {
            *to = *from;
        }
    }
    spare
}

/// Sixteen bytes of a block from `at` (at most `LANES`).
#[inline(always)]
fn sixteen(block: &Block, at: usize) -> [u8; KEY_BYTES] {
    block
        .get(at..at + KEY_BYTES)
        .and_then(|b| b.try_into().ok())
        .unwrap_or([0; KEY_BYTES])
}

/// The lanes of `v` whose byte lies in `lo..=lo + span`, as a mask.
#[inline(always)]
fn within(v: u8x16, lo: u8, span: u8) -> u32 {
    let offset = v - u8x16::splat(lo);
    offset.min(u8x16::splat(span)).simd_eq(offset).to_bitmask()
}

/// The lanes of `v` that hold `byte`, as a mask.
#[inline(always)]
fn equal(v: u8x16, byte: u8) -> u32 {
    v.simd_eq(u8x16::splat(byte)).to_bitmask()
}

/// Where the first line of a block ends: its first newline among the
/// block's lanes, or past them (`LANES + 1`) when they hold none.
#[inline(always)]
pub(crate) fn first_line_end(block: &Block) -> usize {
    let low = equal(u8x16::new(sixteen(block, 0)), b'\n');
    if low != 0 {
        return first_set(low);
    }
    let high = equal(u8x16::new(sixteen(block, KEY_BYTES)), b'\n');
    if high != 0 {
        return KEY_BYTES + first_set(high);
    }
    LANES + 1
}

/// The class masks of sixteen lanes.
#[derive(Debug, Default, Clone, Copy)]
struct Classes {
    digit: u32,
    dot: u32,
    dash: u32,
    underscore: u32,
    letter: u32,
    hex: u32,
}

impl Classes {
    #[inline(always)]
    fn of(bytes: [u8; KEY_BYTES]) -> Classes {
        let v = u8x16::new(bytes);
        Classes {
            digit: within(v, b'0', 9),
            dot: equal(v, b'.'),
            dash: equal(v, b'-'),
            underscore: equal(v, b'_'),
            letter: within(v | u8x16::splat(0x20), b'a', 25),
            hex: within(v, b'a', 5),
        }
    }
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

/// The class masks of a tag's lanes, bit `i` for byte `i`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Masks {
    len: usize,
    digit: u32,
    dot: u32,
    separator: u32,
    letter: u32,
    hex: u32,
    valid: bool,
}

impl Masks {
    /// The tag's length.
    #[inline(always)]
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The masks of the first `len` bytes of `block` (`len` from 1 to 32).
    #[inline(always)]
    pub(crate) fn of(block: &Block, len: usize) -> Masks {
        let live = first_lanes(len);
        let low = Classes::of(sixteen(block, 0));
        let high = if len > KEY_BYTES {
            Classes::of(sixteen(block, KEY_BYTES))
        } else {
            Classes::default()
        };
        let join = |low: u32, high: u32| (low | high << KEY_BYTES) & live;
        let digit = join(low.digit, high.digit);
        let dot = join(low.dot, high.dot);
        let dash = join(low.dash, high.dash);
        let separator = dash | join(low.underscore, high.underscore);
        let letter = join(low.letter, high.letter);
        let hex = join(low.hex, high.hex);
        let valid = (digit | dot | separator | letter) == live && (dot | dash) & 1 == 0;
        Masks {
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

    /// A coarse shape, for batches to group tags by: 0 for one token without
    /// letters, 1 for one token with letters, 2 for several tokens.
    #[inline(always)]
    pub(crate) fn shape(&self) -> usize {
        if self.separator != 0 {
            2
        } else {
            usize::from(self.letter != 0)
        }
    }
}

/// A tag of at most 32 bytes: its block and the class masks of its lanes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Lanes<'a> {
    block: &'a Block,
    masks: Masks,
}

impl<'a> Lanes<'a> {
    /// The lanes of the tag at the start of `block` whose masks are `masks`.
    #[inline(always)]
    pub(crate) fn new(block: &'a Block, masks: Masks) -> Lanes<'a> {
        Lanes { block, masks }
    }

    /// The kinds of the word of `len` bytes at lane `start`.
    #[inline(always)]
    fn kinds(&self, start: usize, len: usize, words: &KeyTable) -> u8 {
        if len > KEY_BYTES {
            return words.long_kinds(self.block.get(start..start + len).unwrap_or_default());
        }
        words.kinds(key_of(u128::from_le_bytes(sixteen(self.block, start)), len))
    }

    /// The lanes `start..end` of every non-empty token, in order.
    #[inline(always)]
    pub(crate) fn tokens(&self) -> Tokens {
        Tokens {
            separators: self.masks.separator,
            start: 0,
            len: self.masks.len,
            done: false,
        }
    }

    /// Whether the tag is one token.
    #[inline(always)]
    pub(crate) fn is_one_token(&self) -> bool {
        self.masks.separator == 0
    }

    /// The rule for a one-token tag whose shape is common enough to decide
    /// without going through [`Token`]: a number or version (`1.25.3`, `7`,
    /// `20240101`), or a word of letters (`latest`, `alpine`). The rule is
    /// picked with selects rather than a chain of branches; the rare shapes
    /// that need a closer look (dates) take their branch. `None` for any
    /// other shape.
    #[inline(always)]
    pub(crate) fn one_token_rule(&self, tag: &[u8], words: &KeyTable) -> Option<TagRule> {
        let len = self.masks.len;
        if self.masks.letter == 0 {
            let last = lane(len.saturating_sub(1));
            let dots_apart = self.masks.dot & (self.masks.dot >> 1) == 0;
            if self.masks.dot & (lane(0) | last) != 0 || !dots_apart {
                return Some(TagRule::Unrecognized);
            }
            let dots = lane_count(self.masks.dot);
            if is_numeric_date(tag, dots, first_set(self.masks.dot)) {
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
        if self.masks.digit | self.masks.dot == 0
            && (self.masks.letter != self.masks.hex || len < 7)
        {
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
            let kinds = self.kinds(0, len, words);
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
        let digit = self.masks.digit & span;
        let dot = self.masks.dot & span;
        let letter = self.masks.letter & span;
        let hex = self.masks.hex & span;
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
        if leading == len {
            let kinds = self.kinds(start, len, words);
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
        if self.kinds(start, len, words) & kind::VARIANT != 0 {
            return Token::Variant;
        }
        // Letters, then only digits and dots (`rc1`, `rc.1`, `alpine3.19`):
        // an optional first dot, then a number with dots between digits.
        if letter == first_lanes(start + leading) & span && dot & last == 0 && dots_apart {
            let kinds = self.kinds(start, leading, words);
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

    fn masks(tag: &[u8]) -> Masks {
        let mut spare = [0; BLOCK];
        Masks::of(block_of(tag, &mut spare), tag.len())
    }

    #[test]
    fn classifies_lanes() {
        // The same bytes at lane 0 and, after a prefix, in the high lanes.
        for prefix in [&b""[..], b"0123456789abcdef-"] {
            let tag = [prefix, b"v1.2-Rc_x"].concat();
            let m = masks(&tag);
            let at = prefix.len();
            assert!(m.is_valid());
            assert_eq!(m.digit >> at, lane(1) | lane(3));
            assert_eq!(m.dot >> at, lane(2));
            assert_eq!(m.separator >> at, lane(4) | lane(7));
            assert_eq!(m.letter >> at, lane(0) | lane(5) | lane(6) | lane(8));
            assert_eq!(m.hex >> at, lane(6));
        }
    }

    #[test]
    fn blocks_hold_the_bytes_then_zeros() {
        let text = b"0123456789abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH";
        for n in 0..text.len() {
            let mut spare = [0xAA; BLOCK];
            let block = *block_of(&text[..n], &mut spare);
            let kept = n.min(if n >= BLOCK { BLOCK } else { LANES });
            assert_eq!(&block[..kept], &text[..kept], "{n}");
            if n < BLOCK {
                assert!(block[kept..].iter().all(|&b| b == 0), "{n}");
            }
        }
    }

    #[test]
    fn lines_end_at_the_first_newline_of_the_lanes() {
        let mut spare = [0; BLOCK];
        for n in 0..=40 {
            let mut text = vec![b'a'; 48];
            if n < 48 {
                text[n] = b'\n';
            }
            let expected = if n < LANES { n } else { LANES + 1 };
            assert_eq!(first_line_end(block_of(&text, &mut spare)), expected, "{n}");
        }
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
            assert!(!masks(bad).is_valid(), "{bad:?}");
        }
        for good in [
            &b"_x"[..],
            b"x.",
            b"A-Z_a.z-0_9",
            b"0123456789abcdef",
            &[b'a'; 32],
        ] {
            assert!(masks(good).is_valid(), "{good:?}");
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
        let tokens = |tag: &[u8]| -> Vec<(usize, usize)> {
            let mut spare = [0; BLOCK];
            let block = block_of(tag, &mut spare);
            Lanes::new(block, Masks::of(block, tag.len()))
                .tokens()
                .collect()
        };
        assert_eq!(tokens(b"a--bc_d-"), [(0, 1), (3, 5), (6, 7)]);
        assert!(tokens(b"-").is_empty());
        assert_eq!(tokens(b"abc"), [(0, 3)]);
        assert_eq!(
            tokens(b"0123456789abcdef-x_yz"),
            [(0, 16), (17, 18), (19, 21)]
        );
    }
}
