//! Case-insensitive word sets: the channel keywords and variant names a tag
//! policy recognises.

use serde::{Deserialize, Serialize};

/// How many bytes a word's key holds: one SIMD vector.
pub(crate) const KEY_BYTES: usize = 16;

/// `0x01` in every byte of a `u128`.
const ONES: u128 = u128::MAX / 0xFF;

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

/// The packed key of a word: its bytes in a `u128`, lower-cased. Two words
/// of at most 16 bytes from the tag alphabet other than `_` have the same
/// key exactly when they are equal regardless of case: OR-ing `0x20`
/// lower-cases `A`-`Z` and leaves digits, `.` and `-` as they are, and a
/// word's length shows in where its zero bytes start.
#[inline(always)]
pub(crate) fn key_of(bytes: u128, len: usize) -> u128 {
    (bytes | (ONES * 0x20)) & first_bytes(len)
}

/// The keywords the product documentation lists as mutable tags.
pub const DOCUMENTED_KEYWORDS: [&str; 15] = [
    "latest", "main", "master", "dev", "develop", "staging", "stable", "nightly", "edge", "canary",
    "alpha", "beta", "rc", "snapshot", "head",
];

/// Channel words seen in the wild on tags that publishers move.
pub const CHANNEL_KEYWORDS: [&str; 18] = [
    "mainline",
    "lts",
    "current",
    "next",
    "preview",
    "testing",
    "unstable",
    "rolling",
    "trunk",
    "devel",
    "experimental",
    "insider",
    "weekly",
    "daily",
    "prod",
    "production",
    "test",
    "qa",
];

/// The words that mark a pull-request tag (`pr-123`).
pub(crate) const PULL_REQUEST_MARKERS: [&str; 3] = ["pr", "mr", "pull"];

/// Variant, distribution and architecture names that publishers rebuild on
/// every release.
pub const VARIANT_WORDS: [&str; 69] = [
    "alpine",
    "slim",
    "bookworm",
    "bullseye",
    "buster",
    "stretch",
    "jessie",
    "trixie",
    "sid",
    "jammy",
    "focal",
    "bionic",
    "xenial",
    "noble",
    "oracular",
    "plucky",
    "ubuntu",
    "debian",
    "centos",
    "rockylinux",
    "almalinux",
    "fedora",
    "amazonlinux",
    "al",
    "ubi",
    "distroless",
    "busybox",
    "scratch",
    "windowsservercore",
    "servercore",
    "nanoserver",
    "ltsc",
    "musl",
    "glibc",
    "nonroot",
    "rootless",
    "debug",
    "jdk",
    "jre",
    "openjdk",
    "temurin",
    "corretto",
    "graalvm",
    "fpm",
    "apache",
    "cli",
    "zts",
    "perl",
    "runtime",
    "cudnn",
    "minimal",
    "full",
    "base",
    "onbuild",
    "chainguard",
    "amd64",
    "arm64",
    "arm64v8",
    "arm32v7",
    "arm32v6",
    "aarch64",
    "ppc64le",
    "s390x",
    "i386",
    "riscv64",
    "armhf",
    "armel",
    "armv7",
    "x86",
];

/// A set of ASCII words, looked up without regard to case, without allocating.
///
/// Words are kept lower-case in buckets keyed by their first letter and
/// length, so a lookup compares against one candidate at most, usually.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(from = "Vec<String>", into = "Vec<String>")]
pub(crate) struct WordSet {
    buckets: Vec<Vec<Box<[u8]>>>,
    longest: usize,
}

/// Two sets are equal when they hold the same words, in whatever order
/// they were inserted.
impl PartialEq for WordSet {
    fn eq(&self, other: &Self) -> bool {
        self.iter().count() == other.iter().count() && self.iter().all(|w| other.contains(w))
    }
}

impl Eq for WordSet {}

const LETTERS: usize = 27;
const KEY_SLOTS: usize = 16;

/// The packed key of a word of 1 to 16 bytes without `_` (see
/// [`key_of`]).
fn pack(word: &[u8]) -> Option<u128> {
    if word.is_empty() || word.len() > KEY_BYTES || word.contains(&b'_') {
        return None;
    }
    let lanes = word
        .iter()
        .enumerate()
        .fold(0u128, |x, (i, &b)| x | (u128::from(b) << (8 * i)));
    Some(key_of(lanes, word.len()))
}

#[inline(always)]
fn slot(key: u128, mask: usize) -> usize {
    let folded = (key as u64) ^ ((key >> 64) as u64);
    usize::try_from(folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40).unwrap_or(0) & mask
}
const LENGTHS: usize = 16;

fn bucket_of(word: &[u8]) -> Option<usize> {
    let first = word.first()?.to_ascii_lowercase();
    let letter = if first.is_ascii_lowercase() {
        usize::from(first - b'a')
    } else {
        LETTERS - 1
    };
    Some(letter * LENGTHS + word.len() % LENGTHS)
}

/// Whether `word` equals `stored` (lower-case) regardless of case. On the tag
/// alphabet, OR-ing `0x20` lower-cases a letter and leaves digits, `.` and
/// `-` alone; `_`, which it would change, matches itself.
#[inline(always)]
fn same_word(stored: &[u8], word: &[u8]) -> bool {
    stored.len() == word.len()
        && stored
            .iter()
            .zip(word)
            .all(|(&s, &w)| s == w || s == (w | 0x20))
}

impl WordSet {
    /// An empty set.
    pub(crate) fn new() -> Self {
        WordSet {
            buckets: vec![Vec::new(); LETTERS * LENGTHS],
            longest: 0,
        }
    }

    /// A set holding `words`.
    pub(crate) fn of<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        let mut set = WordSet::new();
        for word in words {
            set.insert(word);
        }
        set
    }

    /// Adds `word` (stored lower-case); returns whether it was new.
    pub(crate) fn insert(&mut self, word: &str) -> bool {
        let lower = word.to_ascii_lowercase().into_bytes().into_boxed_slice();
        if self.contains(&lower) {
            return false;
        }
        match bucket_of(&lower).and_then(|i| self.buckets.get_mut(i)) {
            Some(bucket) => {
                self.longest = self.longest.max(lower.len());
                bucket.push(lower);
                true
            }
            None => false,
        }
    }

    /// Removes `word` (any case); returns whether it was there.
    pub(crate) fn remove(&mut self, word: &str) -> bool {
        let Some(bucket) = bucket_of(word.as_bytes()).and_then(|i| self.buckets.get_mut(i)) else {
            return false;
        };
        let before = bucket.len();
        bucket.retain(|w| !w.eq_ignore_ascii_case(word.as_bytes()));
        bucket.len() != before
    }

    /// The words, lower-case, in no particular order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &[u8]> {
        self.buckets.iter().flatten().map(|w| &w[..])
    }

    /// Whether `word` is in the set, ignoring ASCII case.
    #[inline]
    pub(crate) fn contains(&self, word: &[u8]) -> bool {
        if word.len() > self.longest {
            return false;
        }
        bucket_of(word)
            .and_then(|i| self.buckets.get(i))
            .is_some_and(|bucket| bucket.iter().any(|w| same_word(w, word)))
    }

    /// Whether some word holds a `-` or `_`, so that it can only match a
    /// whole tag, never one token.
    pub(crate) fn has_compound_words(&self) -> bool {
        self.buckets
            .iter()
            .flatten()
            .any(|w| w.iter().any(|&b| b == b'-' || b == b'_'))
    }

    /// The words, sorted.
    pub(crate) fn to_sorted_vec(&self) -> Vec<String> {
        let mut words: Vec<String> = self
            .buckets
            .iter()
            .flatten()
            .map(|w| String::from_utf8_lossy(w).into_owned())
            .collect();
        words.sort_unstable();
        words
    }
}

/// Word kinds in a [`KeyTable`].
pub(crate) mod kind {
    /// A channel keyword.
    pub(crate) const KEYWORD: u8 = 1;
    /// A variant, distribution or architecture name.
    pub(crate) const VARIANT: u8 = 2;
    /// `pr`, `mr` or `pull`.
    pub(crate) const PULL_REQUEST: u8 = 4;
}

/// Every word a policy knows, of at most 16 bytes, as packed keys (see
/// [`key_of`]) with what the word is: one probe of an
/// open-addressing table answers "keyword, variant or neither" with an exact
/// 128-bit compare and no loop over the word's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KeyTable {
    /// Packed keys with their kinds; a key of 0 marks an empty slot. The
    /// length is a power of two.
    slots: Vec<Slot>,
    /// The words too long to pack (lower-case), with their kinds: few, and
    /// only ever compared with tokens as long.
    long: Vec<(Vec<u8>, u8)>,
}

/// One slot of a [`KeyTable`]: a key and its kinds, read together.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Slot {
    key: u128,
    kinds: u8,
}

impl KeyTable {
    /// The table of `keywords`, `variants` and the pull-request markers.
    pub(crate) fn new(keywords: &WordSet, variants: &WordSet) -> Self {
        let words: Vec<(&[u8], u8)> = keywords
            .iter()
            .map(|w| (w, kind::KEYWORD))
            .chain(variants.iter().map(|w| (w, kind::VARIANT)))
            .chain(
                PULL_REQUEST_MARKERS
                    .iter()
                    .map(|w| (w.as_bytes(), kind::PULL_REQUEST)),
            )
            .collect();
        let entries: Vec<(u128, u8)> = words
            .iter()
            .filter_map(|&(w, k)| pack(w).map(|key| (key, k)))
            .collect();
        let mut long: Vec<(Vec<u8>, u8)> = Vec::new();
        for &(w, k) in words.iter().filter(|(w, _)| w.len() > KEY_BYTES) {
            let w = w.to_ascii_lowercase();
            match long.iter_mut().find(|(l, _)| *l == w) {
                Some((_, kinds)) => *kinds |= k,
                None => long.push((w, k)),
            }
        }
        let size = (entries.len() * 4).next_power_of_two().max(KEY_SLOTS);
        let mask = size - 1;
        let mut table = KeyTable {
            slots: vec![Slot::default(); size],
            long,
        };
        for (key, k) in entries {
            let mut i = slot(key, mask);
            while table
                .slots
                .get(i)
                .is_some_and(|slot| slot.key != 0 && slot.key != key)
            {
                i = (i + 1) & mask;
            }
            if let Some(slot) = table.slots.get_mut(i) {
                slot.key = key;
                slot.kinds |= k;
            }
        }
        table
    }

    /// The kinds of a word longer than a packed key (any case; 0 when
    /// unknown).
    #[cold]
    pub(crate) fn long_kinds(&self, word: &[u8]) -> u8 {
        self.long
            .iter()
            .filter(|(w, _)| w.eq_ignore_ascii_case(word))
            .fold(0, |kinds, (_, k)| kinds | k)
    }

    /// The kinds of the word whose packed key is `key` (0 when unknown).
    #[inline]
    pub(crate) fn kinds(&self, key: u128) -> u8 {
        if key == 0 {
            return 0;
        }
        let mask = self.slots.len() - 1;
        let mut i = slot(key, mask);
        // A probe ends at the key or at an empty slot, nearly always the
        // first: one branch the processor predicts, then a select, rather
        // than a branch on whether the word is known.
        while let Some(slot) = self.slots.get(i) {
            if slot.key == key || slot.key == 0 {
                return slot.kinds * u8::from(slot.key == key);
            }
            i = (i + 1) & mask;
        }
        0
    }
}

impl From<Vec<String>> for WordSet {
    fn from(words: Vec<String>) -> Self {
        WordSet::of(words.iter().map(String::as_str))
    }
}

impl From<WordSet> for Vec<String> {
    fn from(set: WordSet) -> Self {
        set.to_sorted_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_up_without_regard_to_case() {
        let set = WordSet::of(["Latest", "rc"]);
        assert!(set.contains(b"LATEST"));
        assert!(set.contains(b"latest"));
        assert!(!set.contains(b"late"));
        assert!(!set.contains(b""));
        assert!(!set.contains(b"latestlatest"));
    }

    #[test]
    fn long_words_and_underscores_are_found_too() {
        let set = WordSet::of(["a", "abcdefghijklmnopq", "blue_green", "0.9-x"]);
        assert!(set.contains(b"A"));
        assert!(set.contains(b"ABCDEFGHIJKLMNOPQ"));
        assert!(set.contains(b"Blue_Green"));
        assert!(set.contains(b"0.9-X"));
        assert!(!set.contains(b"b"));
        assert!(!set.contains(b"abcdefghijklmnopr"));
        assert!(!set.contains(b"blue-green"), "`_` and `-` differ");
        assert!(!set.contains(b"0.9-"));
    }

    #[test]
    fn many_words_do_not_collide() {
        let words: Vec<String> = (0..500).map(|i| format!("w{i}")).collect();
        let set = WordSet::of(words.iter().map(String::as_str));
        assert!(words.iter().all(|w| set.contains(w.as_bytes())));
        assert!(!set.contains(b"w500"));
    }

    #[test]
    fn insert_and_remove_report_change() {
        let mut set = WordSet::new();
        assert!(set.insert("prod"));
        assert!(!set.insert("PROD"));
        assert!(set.remove("Prod"));
        assert!(!set.remove("prod"));
        assert!(set.to_sorted_vec().is_empty());
    }

    #[test]
    fn the_key_table_knows_what_each_word_is() {
        let keywords = WordSet::of(["latest", "rc", "devel", "blue_green"]);
        let variants = WordSet::of(["alpine3.19", "devel", "abcdefghijklmnop"]);
        let table = KeyTable::new(&keywords, &variants);
        let kinds = |w: &str| table.kinds(pack(w.as_bytes()).unwrap());
        assert_eq!(kinds("LATEST"), kind::KEYWORD);
        assert_eq!(kinds("Rc"), kind::KEYWORD);
        assert_eq!(kinds("alpine3.19"), kind::VARIANT);
        assert_eq!(kinds("devel"), kind::KEYWORD | kind::VARIANT);
        assert_eq!(kinds("PR"), kind::PULL_REQUEST);
        assert_eq!(kinds("abcdefghijklmnop"), kind::VARIANT);
        for unknown in ["lates", "latest1", "r", "alpine3.1", "abcdefghijklmno"] {
            assert_eq!(kinds(unknown), 0, "{unknown}");
        }
        assert_eq!(table.kinds(0), 0);
        let many: Vec<String> = (0..300).map(|i| format!("w{i}")).collect();
        let big = KeyTable::new(
            &WordSet::of(many.iter().map(String::as_str)),
            &WordSet::new(),
        );
        assert!(many
            .iter()
            .all(|w| big.kinds(pack(w.as_bytes()).unwrap()) == kind::KEYWORD));
    }

    #[test]
    fn word_lists_have_no_duplicates() {
        for list in [
            &DOCUMENTED_KEYWORDS[..],
            &CHANNEL_KEYWORDS[..],
            &VARIANT_WORDS[..],
        ] {
            let set = WordSet::of(list.iter().copied());
            assert_eq!(set.to_sorted_vec().len(), list.len());
        }
    }
}
