//! What a tag classification decides, and the rule that decided it.

use std::fmt;

use serde::{Deserialize, Serialize, Serializer};

/// Whether a tag can point at different images over time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Mutability {
    /// The tag moves: the image behind it is expected to change.
    Mutable,
    /// The tag names one build: a change of image behind it is suspicious.
    Immutable,
}

impl Mutability {
    /// The stable machine code (`mutable`, `immutable`).
    pub const fn code(self) -> &'static str {
        match self {
            Mutability::Mutable => "mutable",
            Mutability::Immutable => "immutable",
        }
    }
}

impl fmt::Display for Mutability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The rule that decided a tag's mutability. Each has a stable code and a
/// sentence that explains it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TagRule {
    /// No tag: Kubernetes pulls `latest`.
    NoTag,
    /// The reference pins a digest, so the tag does not decide what runs.
    DigestPinned,
    /// The whole tag is a channel keyword (`latest`, `stable`, ...).
    Keyword,
    /// A channel keyword next to a version or variant (`stable-alpine`, `3-latest`).
    KeywordVariant,
    /// A pull-request tag (`pr-123`), pushed again on every commit.
    PullRequest,
    /// A partial version (`1`, `v1.2`, `1.25-alpine`).
    PartialVersion,
    /// A bare variant or distribution name (`alpine`, `bookworm-slim`).
    Variant,
    /// A full version (`1.2.3`, `v1.2.3-rc.1`, `1.2.3.4`).
    FullVersion,
    /// A commit hash (`3f2a9c1`, `sha-3f2a9c1`, `main-3f2a9c1`).
    Commit,
    /// A date or timestamp (`20240101`, `nightly-2024-01-01`).
    Date,
    /// A build number (`build-1234`, `1.0.0-rc1`).
    BuildNumber,
    /// Keywords-only policy: the tag is not one of the keywords.
    NotKeyword,
    /// Nothing recognised the tag; it is treated as immutable so that an
    /// unexplained digest change is never downgraded.
    Unrecognized,
}

/// Each rule's position in [`TagRule::ALL`], by its declaration order:
/// derived from `ALL`, never numbered by hand.
#[expect(
    clippy::indexing_slicing,
    reason = "evaluated at compile time, where an index out of bounds is a build error"
)]
const INDEX: [usize; TagRule::ALL.len()] = {
    let mut index = [usize::MAX; TagRule::ALL.len()];
    let mut i = 0;
    while i < TagRule::ALL.len() {
        index[TagRule::ALL[i] as usize] = i;
        i += 1;
    }
    // Every rule is in `ALL` (a rule left out fails the build).
    let mut rule = 0;
    while rule < TagRule::ALL.len() {
        assert!(index[rule] != usize::MAX);
        rule += 1;
    }
    index
};

impl TagRule {
    /// Every rule, in the order the policy applies them.
    pub const ALL: [TagRule; 13] = [
        TagRule::NoTag,
        TagRule::DigestPinned,
        TagRule::Keyword,
        TagRule::Commit,
        TagRule::Date,
        TagRule::PullRequest,
        TagRule::FullVersion,
        TagRule::BuildNumber,
        TagRule::KeywordVariant,
        TagRule::PartialVersion,
        TagRule::Variant,
        TagRule::NotKeyword,
        TagRule::Unrecognized,
    ];

    /// The rule's position in [`TagRule::ALL`], for tables indexed by rule.
    ///
    /// ```
    /// use kubesight::TagRule;
    /// assert!(TagRule::ALL.iter().enumerate().all(|(i, r)| r.index() == i));
    /// ```
    #[expect(
        clippy::indexing_slicing,
        reason = "the table has an entry for every rule, by its declaration order"
    )]
    pub const fn index(self) -> usize {
        INDEX[self as usize]
    }

    /// The stable machine code of the rule.
    pub const fn code(self) -> &'static str {
        match self {
            TagRule::NoTag => "no_tag",
            TagRule::DigestPinned => "digest_pinned",
            TagRule::Keyword => "keyword",
            TagRule::KeywordVariant => "keyword_variant",
            TagRule::PullRequest => "pull_request",
            TagRule::PartialVersion => "partial_version",
            TagRule::Variant => "variant",
            TagRule::FullVersion => "full_version",
            TagRule::Commit => "commit",
            TagRule::Date => "date",
            TagRule::BuildNumber => "build_number",
            TagRule::NotKeyword => "not_keyword",
            TagRule::Unrecognized => "unrecognized",
        }
    }

    /// The mutability this rule decides.
    pub const fn mutability(self) -> Mutability {
        match self {
            TagRule::NoTag
            | TagRule::Keyword
            | TagRule::KeywordVariant
            | TagRule::PullRequest
            | TagRule::PartialVersion
            | TagRule::Variant => Mutability::Mutable,
            TagRule::DigestPinned
            | TagRule::FullVersion
            | TagRule::Commit
            | TagRule::Date
            | TagRule::BuildNumber
            | TagRule::NotKeyword
            | TagRule::Unrecognized => Mutability::Immutable,
        }
    }

    /// One sentence that explains the decision to a person.
    pub const fn explanation(self) -> &'static str {
        match self {
            TagRule::NoTag => "the reference has no tag, so Kubernetes pulls `latest`, which moves with every push",
            TagRule::DigestPinned => "the reference pins a digest, so the tag does not decide which image runs",
            TagRule::Keyword => "the tag is a channel keyword, which publishers move to each new build",
            TagRule::KeywordVariant => "the tag combines a channel keyword with a version or variant, and moves with the channel",
            TagRule::PullRequest => "a pull-request tag is pushed again on every commit to the pull request",
            TagRule::PartialVersion => "a partial version (major or major.minor) moves to every new patch release",
            TagRule::Variant => "a bare variant or distribution name moves with every release built on it",
            TagRule::FullVersion => "a full version (major.minor.patch) names one release",
            TagRule::Commit => "a commit hash names one build",
            TagRule::Date => "a date or timestamp names one build",
            TagRule::BuildNumber => "a build number names one build",
            TagRule::NotKeyword => "the tag is not one of the policy's mutable keywords",
            TagRule::Unrecognized => "no rule recognised the tag, so it is treated as immutable and a digest change behind it is never downgraded",
        }
    }
}

impl fmt::Display for TagRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The answer of a [`TagPolicy`](crate::TagPolicy): whether the tag is
/// mutable, and the rule that decided it.
///
/// It serializes as `{"rule": ..., "mutability": ..., "is_mutable": ...,
/// "explanation": ...}`; only `rule` is read back, since the others follow
/// from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
pub struct TagClass {
    rule: TagRule,
}

impl TagClass {
    /// The class a rule decides.
    pub const fn new(rule: TagRule) -> Self {
        TagClass { rule }
    }

    /// The rule that decided.
    pub const fn rule(self) -> TagRule {
        self.rule
    }

    /// Whether the tag is mutable.
    pub const fn mutability(self) -> Mutability {
        self.rule.mutability()
    }

    /// Shorthand for `mutability() == Mutability::Mutable`.
    pub const fn is_mutable(self) -> bool {
        matches!(self.rule.mutability(), Mutability::Mutable)
    }

    /// The sentence that explains the decision.
    pub const fn explanation(self) -> &'static str {
        self.rule.explanation()
    }
}

impl Serialize for TagClass {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("TagClass", 4)?;
        s.serialize_field("rule", &self.rule)?;
        s.serialize_field("mutability", &self.mutability())?;
        s.serialize_field("is_mutable", &self.is_mutable())?;
        s.serialize_field("explanation", self.explanation())?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_every_rule_once() {
        let mut codes: Vec<_> = TagRule::ALL.iter().map(|r| r.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), TagRule::ALL.len());
    }

    #[test]
    fn serde_codes_match_code() {
        for rule in TagRule::ALL {
            let json = serde_json::to_string(&rule).unwrap();
            assert_eq!(json, format!("\"{}\"", rule.code()));
        }
    }
}
