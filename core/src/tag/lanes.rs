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
//! The scalar path in `token.rs` is the reference: tests hold these
//! answers to it for every tag of the benchmark mix and for generated tags.

use super::masks::{
    first_lanes, first_set, is_numeric_date, lane, lane_count, sixteen, Block, Masks, Tokens,
};
use super::token::{is_commit, is_compact_timestamp, Token};
use super::words::{key_of, kind, KeyTable, KEY_BYTES};
use super::TagRule;

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
    use crate::tag::masks::{block_of, first_line_end, load, BLOCK, LANES};

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
