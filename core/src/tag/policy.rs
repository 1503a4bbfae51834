//! The tag policy: decides whether a tag is mutable, and why.

use serde::{Deserialize, Serialize};

use super::segment::{is_ymd, recognise, Token};
use super::syntax::{class, class_of, describe_invalid, is_valid_frame, validate_tag};
use super::words::{WordSet, CHANNEL_KEYWORDS, DOCUMENTED_KEYWORDS, VARIANT_WORDS};
use super::{TagClass, TagError, TagRule};
use crate::ImageRef;

/// Decides whether an image tag is mutable, with the rule that decided.
///
/// The default policy ([`TagPolicy::new`]) applies these rules, first match wins:
///
/// | rule | mutable | examples |
/// |---|---|---|
/// | `no_tag` | yes | `nginx` (Kubernetes pulls `latest`) |
/// | `digest_pinned` | no | `nginx:1.25@sha256:…` |
/// | `keyword` | yes | `latest`, `Stable`, `nightly`, `lts` |
/// | `commit` | no | `3f2a9c1`, `sha-3f2a9c1`, `main-3f2a9c1` |
/// | `date` | no | `20240101`, `nightly-2024-01-01`, `2024.01.15` |
/// | `pull_request` | yes | `pr-123` |
/// | `full_version` | no | `1.2.3`, `v1.2.3-alpine`, `1.0.0-rc.1`, `1.2.3.4` |
/// | `build_number` | no | `build-1234`, `nightly-42` |
/// | `keyword_variant` | yes | `stable-alpine`, `3-latest`, `1.4.0-SNAPSHOT` |
/// | `partial_version` | yes | `1`, `v1.2`, `3-alpine`, `1.25-alpine` |
/// | `variant` | yes | `alpine`, `bookworm-slim`, `alpine3.19` |
/// | `unrecognized` | no | anything else |
///
/// A tag is cut into tokens at `-` and `_`. Keywords match a whole token
/// regardless of case. A keyword followed by a date, build number or commit
/// names one build (`nightly-20240101` is immutable). Commits are 7 to 64
/// lower-case hex characters with at least one letter.
///
/// [`TagPolicy::keywords_only`] reproduces the product documentation
/// literally: only the keyword list is mutable. Both presets accept added and
/// removed keywords.
///
/// ```
/// use kubesight::{Mutability, TagPolicy, TagRule};
///
/// let policy = TagPolicy::new();
/// let class = policy.classify("stable-alpine")?;
/// assert_eq!(class.mutability(), Mutability::Mutable);
/// assert_eq!(class.rule(), TagRule::KeywordVariant);
///
/// assert_eq!(policy.classify("nightly-20240101")?.rule(), TagRule::Date);
/// assert!(policy.classify("latest ").is_err());
/// # Ok::<(), kubesight::TagError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "PolicyData", into = "PolicyData")]
pub struct TagPolicy {
    keywords: WordSet,
    variants: WordSet,
    heuristics: bool,
    /// Whether a keyword holds `-` or `_` and so must be matched against the
    /// whole tag as well as against tokens.
    compound_keywords: bool,
}

/// The serde form of a [`TagPolicy`]: what it holds, not what it caches.
#[derive(Serialize, Deserialize)]
struct PolicyData {
    keywords: WordSet,
    variants: WordSet,
    heuristics: bool,
}

impl From<PolicyData> for TagPolicy {
    fn from(data: PolicyData) -> Self {
        TagPolicy {
            compound_keywords: data.keywords.has_compound_words(),
            keywords: data.keywords,
            variants: data.variants,
            heuristics: data.heuristics,
        }
    }
}

impl From<TagPolicy> for PolicyData {
    fn from(policy: TagPolicy) -> Self {
        PolicyData {
            keywords: policy.keywords,
            variants: policy.variants,
            heuristics: policy.heuristics,
        }
    }
}

impl Default for TagPolicy {
    fn default() -> Self {
        TagPolicy::new()
    }
}

impl TagPolicy {
    /// The default policy: the documented keywords, the channel words seen in
    /// the wild, and the version, commit, date and variant rules.
    pub fn new() -> Self {
        TagPolicy {
            keywords: WordSet::of(DOCUMENTED_KEYWORDS.into_iter().chain(CHANNEL_KEYWORDS)),
            variants: WordSet::of(VARIANT_WORDS),
            heuristics: true,
            compound_keywords: false,
        }
    }

    /// The documentation's rule, literally: a tag is mutable only when it is
    /// one of the documented keywords (or has no tag at all).
    pub fn keywords_only() -> Self {
        TagPolicy {
            keywords: WordSet::of(DOCUMENTED_KEYWORDS),
            variants: WordSet::new(),
            heuristics: false,
            compound_keywords: false,
        }
    }

    /// Adds a mutable keyword; returns whether it was new. The keyword must be
    /// a valid tag; it matches regardless of case.
    pub fn add_keyword(&mut self, keyword: &str) -> Result<bool, TagError> {
        validate_tag(keyword)?;
        let added = self.keywords.insert(keyword);
        self.compound_keywords = self.keywords.has_compound_words();
        Ok(added)
    }

    /// Removes a keyword (any case); returns whether it was there.
    pub fn remove_keyword(&mut self, keyword: &str) -> bool {
        let removed = self.keywords.remove(keyword);
        self.compound_keywords = self.keywords.has_compound_words();
        removed
    }

    /// Adds a variant name (`alpine`, `bookworm`, ...); returns whether it was
    /// new. Variant names only matter when the policy applies the heuristic
    /// rules (not in [`keywords_only`](Self::keywords_only)).
    pub fn add_variant(&mut self, variant: &str) -> Result<bool, TagError> {
        validate_tag(variant)?;
        Ok(self.variants.insert(variant))
    }

    /// Removes a variant name (any case); returns whether it was there.
    pub fn remove_variant(&mut self, variant: &str) -> bool {
        self.variants.remove(variant)
    }

    /// The mutable keywords, lower-case and sorted.
    pub fn keywords(&self) -> Vec<String> {
        self.keywords.to_sorted_vec()
    }

    /// The variant names, lower-case and sorted.
    pub fn variants(&self) -> Vec<String> {
        self.variants.to_sorted_vec()
    }

    /// Classifies a tag, given without the `:`.
    ///
    /// # Errors
    /// A string that is not a valid tag ([`TagError`]): empty, over 128
    /// characters, starting with `.` or `-`, or holding anything but ASCII
    /// letters, digits, `_`, `.` and `-`.
    pub fn classify(&self, tag: &str) -> Result<TagClass, TagError> {
        let bytes = tag.as_bytes();
        let (all, union) = survey(bytes);
        if all == 0 || !is_valid_frame(bytes) {
            return Err(describe_invalid(tag));
        }
        Ok(TagClass::new(self.rule(bytes, union)))
    }

    /// Classifies the tag of a parsed reference: `digest_pinned` when it pins
    /// a digest, `no_tag` when it has no tag.
    pub fn classify_reference(&self, reference: &ImageRef) -> TagClass {
        if reference.digest().is_some() {
            return TagClass::new(TagRule::DigestPinned);
        }
        match reference.tag() {
            None => TagClass::new(TagRule::NoTag),
            Some(tag) => self.classify_valid(tag.as_bytes()),
        }
    }

    /// Classifies a tag already known to be valid.
    pub(crate) fn classify_valid(&self, tag: &[u8]) -> TagClass {
        TagClass::new(self.rule(tag, survey(tag).1))
    }

    /// The rule for a valid tag whose bytes' classes are `union`.
    fn rule(&self, tag: &[u8], union: u8) -> TagRule {
        if !self.heuristics || self.compound_keywords {
            if self.keywords.contains(tag) {
                return TagRule::Keyword;
            }
            if !self.heuristics {
                return TagRule::NotKeyword;
            }
        }
        if union & class::SEPARATOR == 0 {
            // One token, the common case: no cutting, no bookkeeping.
            return single_token_rule(recognise(tag, union, &self.keywords, &self.variants));
        }
        self.token_rule(tag)
    }

    /// Cuts the tag into tokens at `-` and `_`, recognising each token as it
    /// ends, and decides from what the tokens showed.
    fn token_rule(&self, tag: &[u8]) -> TagRule {
        let mut scan = Scan::default();
        let mut classes = 0u8;
        let mut start = 0;
        for (i, &b) in tag.iter().enumerate() {
            let c = class_of(b);
            if c & class::SEPARATOR == 0 {
                classes |= c;
                continue;
            }
            if let Some(token) = tag.get(start..i).filter(|t| !t.is_empty()) {
                scan.token(
                    token,
                    recognise(token, classes, &self.keywords, &self.variants),
                );
            }
            classes = 0;
            start = i + 1;
        }
        if let Some(token) = tag.get(start..).filter(|t| !t.is_empty()) {
            scan.token(
                token,
                recognise(token, classes, &self.keywords, &self.variants),
            );
        }
        if scan.count == 1 && scan.facts.keyword {
            return TagRule::Keyword;
        }
        scan.facts.decide()
    }

    /// The rule without the one-token shortcut, for tests that hold the
    /// shortcut to it.
    #[cfg(test)]
    pub(crate) fn general_rule(&self, tag: &str) -> Option<TagRule> {
        super::syntax::validate_tag(tag).ok()?;
        Some(if !self.heuristics || self.compound_keywords {
            self.rule(tag.as_bytes(), class::SEPARATOR)
        } else {
            self.token_rule(tag.as_bytes())
        })
    }
}

/// Whether every byte may be in a tag (the first value, 0 when not), and the
/// union of the bytes' classes (the second), in one pass with no branch per
/// byte.
#[inline(always)]
fn survey(bytes: &[u8]) -> (u8, u8) {
    bytes.iter().fold((class::VALID, 0u8), |(all, union), &b| {
        let c = class_of(b);
        (all & c, union | c)
    })
}

/// The rule for a tag of one token: what [`Facts::decide`] gives for a
/// single token, without the bookkeeping for several.
fn single_token_rule(token: Token) -> TagRule {
    match token {
        Token::Keyword => TagRule::Keyword,
        Token::NumberedKeyword => TagRule::BuildNumber,
        Token::Variant => TagRule::Variant,
        Token::Number { digits } if digits >= 5 => TagRule::BuildNumber,
        Token::Number { .. } => TagRule::PartialVersion,
        Token::Version { parts } if parts >= 3 => TagRule::FullVersion,
        Token::Version { .. } => TagRule::PartialVersion,
        Token::Commit => TagRule::Commit,
        Token::Date => TagRule::Date,
        Token::PullRequestMarker | Token::Word => TagRule::Unrecognized,
    }
}

/// The state of one pass over a tag's tokens.
#[derive(Debug, Default)]
struct Scan<'a> {
    facts: Facts,
    count: usize,
    previous: Option<(Token, &'a [u8])>,
    /// The two tokens before the current one, to find `yyyy-mm-dd`.
    before: [&'a [u8]; 2],
}

impl<'a> Scan<'a> {
    #[inline]
    fn token(&mut self, token: &'a [u8], kind: Token) {
        let kind = match (kind, self.previous) {
            // `x86_64` is one architecture name cut in two.
            (Token::Number { .. }, Some((_, prev)))
                if token == b"64" && prev.eq_ignore_ascii_case(b"x86") =>
            {
                Token::Variant
            }
            (kind, _) => kind,
        };
        self.facts
            .observe(self.count, kind, self.previous.map(|(k, _)| k));
        if matches!(kind, Token::Number { .. }) {
            let [two_before, one_before] = self.before;
            self.facts.date |= is_ymd(two_before, one_before, token);
        }
        let [_, one_before] = self.before;
        self.before = [one_before, token];
        self.previous = Some((kind, token));
        self.count += 1;
    }
}

/// What the tokens of one tag showed.
#[derive(Debug, Default)]
struct Facts {
    any: bool,
    commit: bool,
    date: bool,
    pull_request: bool,
    build_number: bool,
    version_after_name: bool,
    keyword: bool,
    all_variants: bool,
    leading: Option<Token>,
}

impl Facts {
    fn observe(&mut self, index: usize, kind: Token, previous: Option<Token>) {
        if index == 0 {
            self.leading = Some(kind);
            self.all_variants = true;
        }
        self.any = true;
        self.all_variants &= kind == Token::Variant;
        match kind {
            Token::Commit => self.commit = true,
            Token::Date => self.date = true,
            Token::Keyword => self.keyword = true,
            Token::NumberedKeyword => self.build_number = true,
            Token::Number { digits } if index == 0 => self.build_number |= digits >= 5,
            Token::Number { .. } if index == 1 && previous == Some(Token::PullRequestMarker) => {
                self.pull_request = true;
            }
            Token::Number { .. } => self.build_number = true,
            Token::Version { parts } if index > 0 => self.version_after_name |= parts >= 3,
            Token::Version { .. } | Token::Variant | Token::PullRequestMarker | Token::Word => {}
        }
    }

    /// The first rule, in priority order, whose condition the tokens meet.
    fn decide(&self) -> TagRule {
        let leading_full = matches!(self.leading, Some(Token::Version { parts }) if parts >= 3);
        let leading_partial = matches!(self.leading, Some(Token::Version { parts }) if parts <= 2)
            || matches!(self.leading, Some(Token::Number { digits }) if digits <= 4);
        if !self.any {
            TagRule::Unrecognized
        } else if self.commit {
            TagRule::Commit
        } else if self.date {
            TagRule::Date
        } else if self.pull_request {
            TagRule::PullRequest
        } else if (leading_full && (self.build_number || !self.keyword))
            || (self.version_after_name && !self.build_number)
        {
            TagRule::FullVersion
        } else if self.build_number {
            TagRule::BuildNumber
        } else if self.keyword {
            TagRule::KeywordVariant
        } else if leading_partial {
            TagRule::PartialVersion
        } else if self.all_variants {
            TagRule::Variant
        } else {
            TagRule::Unrecognized
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(tag: &str) -> &'static str {
        TagPolicy::new().classify(tag).unwrap().rule().code()
    }

    #[test]
    fn the_issue_examples() {
        assert_eq!(rule("stable-alpine"), "keyword_variant");
        assert_eq!(rule("3-latest"), "keyword_variant");
        assert_eq!(rule("1.4.0-SNAPSHOT"), "keyword_variant");
        assert_eq!(rule("nightly-20240101"), "date");
        assert_eq!(rule("main-3f2a9c1"), "commit");
        assert_eq!(rule("pr-123"), "pull_request");
        assert_eq!(rule("1.25-alpine"), "partial_version");
        assert_eq!(rule("bookworm"), "variant");
        assert_eq!(rule("frobnicate"), "unrecognized");
    }

    #[test]
    fn the_shortcut_agrees_with_the_general_rule_on_the_benchmark_mix() {
        let mix = include_str!("../../../benches/data/tags.txt");
        let policy = TagPolicy::new();
        for tag in mix.lines() {
            assert_eq!(
                Some(policy.classify(tag).unwrap().rule()),
                policy.general_rule(tag),
                "{tag}"
            );
        }
    }

    #[test]
    fn keywords_only_is_literal() {
        let policy = TagPolicy::keywords_only();
        assert_eq!(policy.classify("latest").unwrap().rule(), TagRule::Keyword);
        assert_eq!(
            policy.classify("stable-alpine").unwrap().rule(),
            TagRule::NotKeyword
        );
        assert_eq!(policy.classify("lts").unwrap().rule(), TagRule::NotKeyword);
    }

    #[test]
    fn added_keywords_apply_to_both_presets() {
        for mut policy in [TagPolicy::new(), TagPolicy::keywords_only()] {
            assert!(policy.add_keyword("Blue").unwrap());
            assert!(policy.classify("blue").unwrap().is_mutable());
            assert!(policy.remove_keyword("latest"));
            assert!(!policy.classify("latest").unwrap().is_mutable());
            assert!(policy.add_keyword("bad keyword").is_err());
        }
    }

    #[test]
    fn policy_round_trips_through_serde() {
        let mut policy = TagPolicy::new();
        policy.add_keyword("blue").unwrap();
        let json = serde_json::to_string(&policy).unwrap();
        let back: TagPolicy = serde_json::from_str(&json).unwrap();
        assert_eq!(back.keywords(), policy.keywords());
        assert_eq!(
            back.classify("blue-alpine").unwrap().rule(),
            TagRule::KeywordVariant
        );
    }
}
