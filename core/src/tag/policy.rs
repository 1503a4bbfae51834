//! The tag policy: decides whether a tag is mutable, and why.
//!
//! A tag takes one of three paths, which give the same answers (the tests
//! hold the first two to the general one, on the benchmark mix and on
//! generated tags):
//!
//! - a tag of at most 32 bytes, nearly all of them, is checked and
//!   classified from the class masks of its lanes, computed sixteen bytes at
//!   a time with SIMD compares (`lanes.rs`); each of its tokens is
//!   recognised from bit masks, its words by one probe of a packed-key
//!   table;
//! - a longer tag is checked by one table-driven pass over its bytes and cut
//!   into tokens, each recognised by checks that stop at the first byte that
//!   does not fit (`segment.rs`);
//! - the keywords-only policy, and a policy with a keyword that holds `-` or
//!   `_`, first look the whole tag up.
//!
//! Realistic tags arrive in no order of shape, so the work per tag is kept
//! free of loops whose exit depends on the data where it can be: on a
//! shuffled mix, mispredicted branches cost more than the arithmetic.

use serde::{Deserialize, Serialize};

use super::decision::{single_token_rule, Scan, Survey};
use super::lanes::Lanes;
use super::masks::{block_of, Masks, BLOCK, LANES};
use super::token::recognise;
use super::words::{KeyTable, WordSet, CHANNEL_KEYWORDS, DOCUMENTED_KEYWORDS, VARIANT_WORDS};
use super::{TagClass, TagRule};
use crate::reference::tag_syntax::{
    class, class_of, describe_invalid, is_valid_frame, validate_tag,
};
use crate::ImageRef;
use crate::TagError;

/// Words to add to or remove from a policy, for [`TagPolicy::with_changes`]:
/// the options the bindings' policy constructors take. Every list is
/// optional in its serde form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct WordChanges {
    /// Channel keywords to add (each a valid tag; any case).
    pub add_keywords: Vec<String>,
    /// Channel keywords to remove (any case).
    pub remove_keywords: Vec<String>,
    /// Variant words to add (each a valid tag; any case).
    pub add_variants: Vec<String>,
    /// Variant words to remove (any case).
    pub remove_variants: Vec<String>,
}

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
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "TagPolicyWords"))]
#[serde(from = "PolicyData", into = "PolicyData")]
pub struct TagPolicy {
    keywords: WordSet,
    variants: WordSet,
    /// Whether only the documented rule applies: a tag is mutable when it
    /// is a keyword ([`TagPolicy::keywords_only`]).
    keywords_only: bool,
    /// Whether a keyword holds `-` or `_` and so must be matched against the
    /// whole tag as well as against tokens.
    compound_keywords: bool,
    /// Every word above as packed keys, for the lane path.
    table: KeyTable,
}

/// The serde form of a [`TagPolicy`]: what it holds, not what it caches.
#[derive(Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
struct PolicyData {
    keywords: WordSet,
    variants: WordSet,
    keywords_only: bool,
}

impl From<PolicyData> for TagPolicy {
    fn from(data: PolicyData) -> Self {
        TagPolicy::assemble(data.keywords, data.variants, data.keywords_only)
    }
}

impl From<TagPolicy> for PolicyData {
    fn from(policy: TagPolicy) -> Self {
        PolicyData {
            keywords: policy.keywords,
            variants: policy.variants,
            keywords_only: policy.keywords_only,
        }
    }
}

/// Two policies are equal when they hold the same words and rules, however
/// their lookup tables were built (one word at a time or all at once).
impl PartialEq for TagPolicy {
    fn eq(&self, other: &Self) -> bool {
        self.keywords == other.keywords
            && self.variants == other.variants
            && self.keywords_only == other.keywords_only
    }
}

impl Eq for TagPolicy {}

impl Default for TagPolicy {
    fn default() -> Self {
        TagPolicy::new()
    }
}

impl TagPolicy {
    /// The default policy: the documented keywords, the channel words seen in
    /// the wild, and the version, commit, date and variant rules.
    pub fn new() -> Self {
        TagPolicy::assemble(
            WordSet::of(DOCUMENTED_KEYWORDS.into_iter().chain(CHANNEL_KEYWORDS)),
            WordSet::of(VARIANT_WORDS),
            false,
        )
    }

    /// A policy from its word sets, with what it derives from them.
    fn assemble(keywords: WordSet, variants: WordSet, keywords_only: bool) -> Self {
        TagPolicy {
            compound_keywords: keywords.has_compound_words(),
            table: KeyTable::new(&keywords, &variants),
            keywords,
            variants,
            keywords_only,
        }
    }

    /// Recomputes what the policy derives from its word sets.
    fn refresh(&mut self) {
        self.compound_keywords = self.keywords.has_compound_words();
        self.table = KeyTable::new(&self.keywords, &self.variants);
    }

    /// The documentation's rule, literally: a tag is mutable only when it is
    /// one of the documented keywords (or has no tag at all).
    pub fn keywords_only() -> Self {
        TagPolicy::assemble(WordSet::of(DOCUMENTED_KEYWORDS), WordSet::new(), true)
    }

    /// Adds a mutable keyword; returns whether it was new. The keyword must be
    /// a valid tag; it matches regardless of case.
    pub fn add_keyword(&mut self, keyword: &str) -> Result<bool, TagError> {
        validate_tag(keyword)?;
        let added = self.keywords.insert(keyword);
        self.refresh();
        Ok(added)
    }

    /// Removes a keyword (any case); returns whether it was there.
    pub fn remove_keyword(&mut self, keyword: &str) -> bool {
        let removed = self.keywords.remove(keyword);
        self.refresh();
        removed
    }

    /// Adds a variant name (`alpine`, `bookworm`, ...); returns whether it was
    /// new. Variant names only matter when the policy applies the heuristic
    /// rules (not in [`keywords_only`](Self::keywords_only)).
    pub fn add_variant(&mut self, variant: &str) -> Result<bool, TagError> {
        validate_tag(variant)?;
        let added = self.variants.insert(variant);
        self.refresh();
        Ok(added)
    }

    /// Removes a variant name (any case); returns whether it was there.
    pub fn remove_variant(&mut self, variant: &str) -> bool {
        let removed = self.variants.remove(variant);
        self.refresh();
        removed
    }

    /// This policy with `changes` applied: keywords added, then removed,
    /// then variants added, then removed; what the policy derives from its
    /// words is rebuilt once, not once per word.
    ///
    /// # Errors
    /// The first added word that is not a valid tag ([`TagError`]).
    ///
    /// ```
    /// use kubesight::{TagPolicy, TagRule, WordChanges};
    /// let changes = WordChanges {
    ///     add_keywords: vec!["edge".into()],
    ///     remove_variants: vec!["alpine".into()],
    ///     ..WordChanges::default()
    /// };
    /// let policy = TagPolicy::new().with_changes(&changes)?;
    /// assert_eq!(policy.classify("edge")?.rule(), TagRule::Keyword);
    /// assert_eq!(policy.classify("alpine")?.rule(), TagRule::Unrecognized);
    /// # Ok::<(), kubesight::TagError>(())
    /// ```
    pub fn with_changes(mut self, changes: &WordChanges) -> Result<TagPolicy, TagError> {
        for keyword in &changes.add_keywords {
            validate_tag(keyword)?;
            self.keywords.insert(keyword);
        }
        for keyword in &changes.remove_keywords {
            self.keywords.remove(keyword);
        }
        for variant in &changes.add_variants {
            validate_tag(variant)?;
            self.variants.insert(variant);
        }
        for variant in &changes.remove_variants {
            self.variants.remove(variant);
        }
        self.refresh();
        Ok(self)
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
        if self.uses_lanes() && (1..=LANES).contains(&bytes.len()) {
            let mut spare = [0; BLOCK];
            let block = block_of(bytes, &mut spare);
            let masks = Masks::of(block, bytes.len());
            if !masks.is_valid() {
                return Err(describe_invalid(tag));
            }
            return Ok(TagClass::new(
                self.lanes_rule(&Lanes::new(block, masks), bytes),
            ));
        }
        let survey = Survey::of(bytes);
        if !survey.all_valid() || !is_valid_frame(bytes) {
            return Err(describe_invalid(tag));
        }
        Ok(TagClass::new(self.rule(bytes, survey.union)))
    }

    /// Whether tags of up to 32 bytes take the lane path: not under the
    /// keywords-only policy, nor with a keyword that holds `-` or `_`.
    #[inline(always)]
    pub(super) fn uses_lanes(&self) -> bool {
        !self.keywords_only && !self.compound_keywords
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
        TagClass::new(self.rule(tag, Survey::of(tag).union))
    }

    /// The rule for a valid tag whose bytes' classes are `union`.
    fn rule(&self, tag: &[u8], union: u8) -> TagRule {
        if self.keywords_only || self.compound_keywords {
            if self.keywords.contains(tag) {
                return TagRule::Keyword;
            }
            if self.keywords_only {
                return TagRule::NotKeyword;
            }
        }
        if union & class::SEPARATOR == 0 {
            // One token, the common case: no cutting, no bookkeeping.
            return single_token_rule(recognise(tag, union, &self.keywords, &self.variants));
        }
        self.token_rule(tag)
    }

    /// The rule for a valid tag of at most 32 bytes, from its lanes.
    pub(super) fn lanes_rule(&self, lanes: &Lanes, tag: &[u8]) -> TagRule {
        if lanes.is_one_token() {
            return self.one_token_lanes_rule(lanes, tag);
        }
        self.tokens_lanes_rule(lanes, tag)
    }

    /// [`TagPolicy::lanes_rule`] of a one-token tag: the common shapes
    /// (numbers, versions, words) inline in the caller's loop, the others
    /// out of line, so the loop over a batch's one-token tags makes no call
    /// for most of them.
    #[inline(always)]
    pub(super) fn one_token_lanes_rule(&self, lanes: &Lanes, tag: &[u8]) -> TagRule {
        match lanes.one_token_rule(tag, &self.table) {
            Some(rule) => rule,
            None => self.recognised_token_rule(lanes, tag),
        }
    }

    /// The rule of a one-token tag of a rarer shape (`v1.2`, `rc1`,
    /// `3f2a9c1`), from its recognised token.
    #[inline(never)]
    fn recognised_token_rule(&self, lanes: &Lanes, tag: &[u8]) -> TagRule {
        single_token_rule(lanes.recognise(0, tag.len(), tag, &self.table))
    }

    /// [`TagPolicy::lanes_rule`] of a tag of several tokens.
    #[inline(never)]
    pub(super) fn tokens_lanes_rule(&self, lanes: &Lanes, tag: &[u8]) -> TagRule {
        let mut scan = Scan::default();
        for (start, end) in lanes.tokens() {
            let token = tag.get(start..end).unwrap_or_default();
            scan.token(token, lanes.recognise(start, end, token, &self.table));
        }
        scan.rule()
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
        scan.rule()
    }

    /// The rule without the one-token shortcut, for tests that hold the
    /// shortcut to it.
    #[cfg(test)]
    pub(crate) fn general_rule(&self, tag: &str) -> Option<TagRule> {
        validate_tag(tag).ok()?;
        Some(if self.keywords_only || self.compound_keywords {
            self.rule(tag.as_bytes(), class::SEPARATOR)
        } else {
            self.token_rule(tag.as_bytes())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_policy_read_back_classifies_as_the_one_written() {
        let mut edited = TagPolicy::new();
        edited.add_keyword("edge").unwrap();
        edited.remove_variant("slim");
        let json = serde_json::to_string(&edited).unwrap();
        let again: TagPolicy = serde_json::from_str(&json).unwrap();
        // Its lookup table is rebuilt from the words: every path answers the
        // same for the words edited and the tags around them.
        let tags = "edge\nslim\n1.25-slim\nedge-alpine\nlatest\n1.2.3-edge";
        assert_eq!(
            again.classify_lines(tags, 1),
            edited.classify_lines(tags, 1)
        );
        assert_eq!(again.classify("edge").unwrap().rule(), TagRule::Keyword);
        assert_eq!(
            again.classify("slim").unwrap().rule(),
            TagRule::Unrecognized
        );
        assert_ne!(again, TagPolicy::new());
    }

    #[test]
    fn changes_apply_as_the_one_word_edits_do() {
        let words = |w: &[&str]| w.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        let changes = WordChanges {
            add_keywords: words(&["Edge", "canary-build"]),
            remove_keywords: words(&["latest", "edge", "absent"]),
            add_variants: words(&["distroless"]),
            remove_variants: words(&["slim"]),
        };
        let mut edited = TagPolicy::new();
        for k in &changes.add_keywords {
            edited.add_keyword(k).unwrap();
        }
        for k in &changes.remove_keywords {
            edited.remove_keyword(k);
        }
        edited.add_variant("distroless").unwrap();
        edited.remove_variant("slim");
        let changed = TagPolicy::new().with_changes(&changes).unwrap();
        assert_eq!(changed, edited);
        // A compound keyword takes the policy off the lane path, as an edit does.
        assert_eq!(changed.uses_lanes(), edited.uses_lanes());
        assert!(!changed.uses_lanes());
        for tag in [
            "latest",
            "edge",
            "canary-build",
            "distroless",
            "1.2-slim",
            "stable",
        ] {
            assert_eq!(changed.classify(tag), edited.classify(tag), "{tag}");
        }
        assert_eq!(
            TagPolicy::new()
                .with_changes(&WordChanges::default())
                .unwrap(),
            TagPolicy::new()
        );
        let bad = WordChanges {
            add_variants: words(&["ok", "-bad"]),
            ..WordChanges::default()
        };
        assert_eq!(
            TagPolicy::new().with_changes(&bad).unwrap_err().code(),
            "invalid_tag_start"
        );
    }

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

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 5_000, failure_persistence: None, ..Default::default() })]

        /// The lane path and the one-token shortcut give the answers
        /// of the general token-by-token rules, for tags of every shape.
        #[test]
        fn every_path_agrees_with_the_general_rules(
            tag in "([A-Za-z0-9_][A-Za-z0-9_.-]{0,40})|([0-9a-fv.]{1,17})|([12][0-9]{0,13}(\\.[0-9]{1,2}){0,3})|((latest|rc|alpine|pr|x86|20240101|3f2a9c1|1.2.3|v1|sha)[-_.]?){1,4}"
        ) {
            let policy = TagPolicy::new();
            let fast = policy.classify(&tag).ok().map(TagClass::rule);
            proptest::prop_assert_eq!(fast, policy.general_rule(&tag), "{}", tag);
        }
    }

    #[test]
    fn the_fast_paths_agree_with_the_general_rule_on_the_benchmark_mix() {
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
