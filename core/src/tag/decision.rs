//! What a tag's tokens decide: the facts each token adds, read from tables
//! by the token's kind and position, and the first rule, in the policy's
//! order, whose condition the facts meet. Both paths of the policy (the
//! general one over bytes and the lane path) end here.

use super::token::{is_ymd, Token};
use super::TagRule;
use crate::reference::tag_syntax::{class, class_of};

/// What one pass over a tag's bytes found, with no branch per byte.
#[derive(Debug, Clone, Copy)]
pub(super) struct Survey {
    /// The classes every byte has: without [`class::VALID`], some byte may
    /// not be in a tag.
    common: u8,
    /// The classes any byte has.
    pub(super) union: u8,
}

impl Survey {
    /// Surveys a tag's bytes.
    #[inline(always)]
    pub(super) fn of(bytes: &[u8]) -> Survey {
        let (common, union) = bytes.iter().fold((class::VALID, 0u8), |(all, union), &b| {
            let c = class_of(b);
            (all & c, union | c)
        });
        Survey { common, union }
    }

    /// Whether every byte may be in a tag.
    #[inline(always)]
    pub(super) fn all_valid(self) -> bool {
        self.common & class::VALID != 0
    }
}

/// The rule of a tag of one token, by the token's kind.
#[expect(
    clippy::indexing_slicing,
    reason = "built at compile time, where an index out of bounds is a build error"
)]
const SINGLE_TOKEN_RULES: [TagRule; Token::COUNT] = {
    let mut rules = [TagRule::Unrecognized; Token::COUNT];
    rules[Token::Keyword as usize] = TagRule::Keyword;
    rules[Token::NumberedKeyword as usize] = TagRule::BuildNumber;
    rules[Token::Variant as usize] = TagRule::Variant;
    rules[Token::ShortNumber as usize] = TagRule::PartialVersion;
    rules[Token::LongNumber as usize] = TagRule::BuildNumber;
    rules[Token::PartialVersion as usize] = TagRule::PartialVersion;
    rules[Token::FullVersion as usize] = TagRule::FullVersion;
    rules[Token::Commit as usize] = TagRule::Commit;
    rules[Token::Date as usize] = TagRule::Date;
    rules
};

/// The rule for a tag of one token: what [`Facts::decide`] gives for a
/// single token, read from a table by the token's kind.
#[inline(always)]
#[expect(
    clippy::indexing_slicing,
    reason = "the table has an entry for every kind: `Token::COUNT` of them"
)]
pub(super) fn single_token_rule(token: Token) -> TagRule {
    SINGLE_TOKEN_RULES[token as usize]
}

/// The state of one pass over a tag's tokens: the facts so far, and just
/// enough of the previous tokens for the rules that look back (`pr-123`,
/// `x86_64`, `yyyy-mm-dd`).
#[derive(Debug, Default)]
pub(super) struct Scan<'a> {
    facts: Facts,
    count: usize,
    previous_is_pull_request: bool,
    /// The two tokens before the current one.
    before: [&'a [u8]; 2],
}

impl<'a> Scan<'a> {
    /// The rule the tokens so far decide: a lone keyword is a keyword.
    #[inline(always)]
    pub(super) fn rule(&self) -> TagRule {
        if self.count == 1 && self.facts.has(fact::KEYWORD) {
            return TagRule::Keyword;
        }
        self.facts.decide()
    }

    #[inline(always)]
    pub(super) fn token(&mut self, token: &'a [u8], kind: Token) {
        let [two_before, one_before] = self.before;
        let mut kind = kind;
        if kind == Token::ShortNumber {
            // `x86_64` is one architecture name cut in two.
            if token == b"64" && one_before.eq_ignore_ascii_case(b"x86") {
                kind = Token::Variant;
            } else if is_ymd(two_before, one_before, token) {
                self.facts.0 |= fact::DATE;
            }
        }
        self.facts
            .observe(self.count, kind, self.previous_is_pull_request);
        self.before = [one_before, token];
        self.previous_is_pull_request = kind == Token::PullRequestMarker;
        self.count += 1;
    }
}

/// The rules a tag's tokens decide among, in the policy's order: bit `i` of
/// [`Facts::decide`]'s conditions is `DECIDED[i]`'s.
const DECIDED: [TagRule; 8] = [
    TagRule::Commit,
    TagRule::Date,
    TagRule::PullRequest,
    TagRule::FullVersion,
    TagRule::BuildNumber,
    TagRule::KeywordVariant,
    TagRule::PartialVersion,
    TagRule::Variant,
];

// Checked when the crate builds: the decided rules stand in the policy's
// order (`TagRule::ALL`), one after the other.
#[expect(
    clippy::indexing_slicing,
    reason = "evaluated at compile time, where an index out of bounds is a build error"
)]
const _: () = {
    let start = TagRule::Commit.index();
    let mut i = 0;
    while i < DECIDED.len() {
        assert!(TagRule::ALL[start + i] as u8 == DECIDED[i] as u8);
        i += 1;
    }
};

/// The rows of [`OBSERVED`]: where a token stands.
mod row {
    /// The first token.
    pub(super) const FIRST: usize = 0;
    /// The second token, after a pull-request marker.
    pub(super) const AFTER_PULL_REQUEST: usize = 1;
    /// Any other token.
    pub(super) const LATER: usize = 2;
    /// How many rows there are.
    pub(super) const COUNT: usize = 3;
}

/// The bits of [`Facts`].
mod fact {
    pub(super) const ANY: u16 = 1;
    pub(super) const COMMIT: u16 = 1 << 1;
    pub(super) const DATE: u16 = 1 << 2;
    pub(super) const PULL_REQUEST: u16 = 1 << 3;
    pub(super) const BUILD_NUMBER: u16 = 1 << 4;
    pub(super) const VERSION_AFTER_NAME: u16 = 1 << 5;
    pub(super) const KEYWORD: u16 = 1 << 6;
    pub(super) const NOT_ALL_VARIANTS: u16 = 1 << 7;
    pub(super) const LEADING_FULL: u16 = 1 << 8;
    pub(super) const LEADING_PARTIAL: u16 = 1 << 9;
}

/// What the tokens of one tag showed, as [`fact`] bits. Tokens of every
/// kind arrive in no order, so what a token adds is read from a table and
/// the decision is a priority over bits: no branch per kind.
#[derive(Debug, Default, Clone, Copy)]
struct Facts(u16);

/// What a token adds to the facts, by position (first token; second token
/// after a pull-request marker; any other) and kind.
#[expect(
    clippy::indexing_slicing,
    reason = "built at compile time, where an index out of bounds is a build error"
)]
const OBSERVED: [[u16; Token::COUNT]; row::COUNT] = {
    use fact::*;
    use row::{AFTER_PULL_REQUEST, FIRST, LATER};
    let mut table = [[ANY | NOT_ALL_VARIANTS; Token::COUNT]; row::COUNT];
    let mut r = 0;
    while r < row::COUNT {
        table[r][Token::Variant as usize] = ANY;
        table[r][Token::Commit as usize] |= COMMIT;
        table[r][Token::Date as usize] |= DATE;
        table[r][Token::Keyword as usize] |= KEYWORD;
        table[r][Token::NumberedKeyword as usize] |= BUILD_NUMBER;
        r += 1;
    }
    // First token: a short number or partial version leads a partial
    // version, a full version leads a full one, a long number is a build.
    table[FIRST][Token::ShortNumber as usize] |= LEADING_PARTIAL;
    table[FIRST][Token::LongNumber as usize] |= BUILD_NUMBER;
    table[FIRST][Token::PartialVersion as usize] |= LEADING_PARTIAL;
    table[FIRST][Token::FullVersion as usize] |= LEADING_FULL;
    // Second token after `pr`: a number names the pull request.
    table[AFTER_PULL_REQUEST][Token::ShortNumber as usize] |= PULL_REQUEST;
    table[AFTER_PULL_REQUEST][Token::LongNumber as usize] |= PULL_REQUEST;
    table[AFTER_PULL_REQUEST][Token::FullVersion as usize] |= VERSION_AFTER_NAME;
    // Any later number is a build; a full version names the release.
    table[LATER][Token::ShortNumber as usize] |= BUILD_NUMBER;
    table[LATER][Token::LongNumber as usize] |= BUILD_NUMBER;
    table[LATER][Token::FullVersion as usize] |= VERSION_AFTER_NAME;
    table
};

impl Facts {
    #[inline(always)]
    #[expect(
        clippy::indexing_slicing,
        reason = "the row is one of `row`'s and the table has an entry for every kind"
    )]
    fn observe(&mut self, index: usize, kind: Token, previous_is_pull_request: bool) {
        let row = if index == 0 {
            row::FIRST
        } else if index == 1 && previous_is_pull_request {
            row::AFTER_PULL_REQUEST
        } else {
            row::LATER
        };
        self.0 |= OBSERVED[row][kind as usize];
    }

    #[inline(always)]
    fn has(self, bits: u16) -> bool {
        self.0 & bits != 0
    }

    /// The first rule, in priority order, whose condition the tokens meet.
    #[inline(always)]
    fn decide(self) -> TagRule {
        use fact::*;
        let build = self.has(BUILD_NUMBER);
        let full = (self.has(LEADING_FULL) && (build || !self.has(KEYWORD)))
            || (self.has(VERSION_AFTER_NAME) && !build);
        let all_variants = self.has(ANY) && !self.has(NOT_ALL_VARIANTS);
        // One bit per rule of `DECIDED`, in its order, whose condition holds;
        // past them, `unrecognized` always does. No token at all meets none
        // of them.
        let met = [
            self.has(COMMIT),
            self.has(DATE),
            self.has(PULL_REQUEST),
            full,
            build,
            self.has(KEYWORD),
            self.has(LEADING_PARTIAL),
            all_variants,
        ]
        .iter()
        .enumerate()
        .fold(0u16, |bits, (i, &met)| bits | (u16::from(met) << i));
        let candidates = (met * u16::from(self.has(ANY))) | (1 << DECIDED.len());
        let first = candidates.trailing_zeros() as usize;
        // The bit past the decided rules: none of them holds.
        DECIDED.get(first).copied().unwrap_or(TagRule::Unrecognized)
    }
}
