//! Interning: strings to dense integer ids, once, so that the funnel's hot
//! path works on integers.
//!
//! The table is built for what scanner reports hold: millions of lookups of
//! a few hundred thousand short ids (`CVE-2024-12345`, `GHSA-…`). A key of
//! up to [`INLINE`] bytes is stored in its slot, so a lookup reads one
//! 32-byte slot and nothing else: with a standard map a hit also reads the
//! key from its own allocation, and that second cache miss was half the cost
//! of interning. Longer keys (digests) are compared against the name arena.

/// Keys of at most this many bytes live in their slot.
const INLINE: usize = 23;

/// The last byte of a slot's key words: the key's length, or this marker for
/// a key kept out of line.
const LONG: u8 = 0xFF;

/// A free slot's id.
const FREE: u32 = u32::MAX;

/// One slot: the key (inline, zero-padded, its length in the last byte),
/// the high half of its hash, and its id.
#[derive(Debug, Clone, Copy)]
#[repr(C, align(32))]
struct Slot {
    key: [u64; 3],
    tag: u32,
    id: u32,
}

const EMPTY: Slot = Slot {
    key: [0; 3],
    tag: 0,
    id: FREE,
};

/// A key as it is stored in a slot: up to [`INLINE`] bytes, zero-padded,
/// the length in the last byte; a longer key is all zeros but the marker.
#[inline(always)]
fn key_words(name: &[u8]) -> [u64; 3] {
    let mut bytes = [0u8; 24];
    if let Some(head) = bytes.get_mut(..name.len()).filter(|_| name.len() <= INLINE) {
        head.copy_from_slice(name);
        bytes[INLINE] = name.len() as u8;
    } else {
        bytes[INLINE] = LONG;
    }
    let mut words = [0u64; 3];
    for (word, chunk) in words.iter_mut().zip(bytes.chunks_exact(8)) {
        *word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
    }
    words
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// Multiply-rotate steps (as rustc's `FxHasher`) ended by MurmurHash3's
/// finaliser, so that every bit of the result depends on every input bit:
/// ids that differ only in their middle bytes must still spread over the
/// table. Not DoS-resistant: the keys are ids from reports the caller
/// already trusts enough to parse.
#[inline(always)]
fn hash(words: &[u64; 3], name: &[u8]) -> u64 {
    let mut h = 0u64;
    let mut add = |word: u64| h = (h.rotate_left(5) ^ word).wrapping_mul(SEED);
    if words[2] >> 56 == u64::from(LONG) {
        let mut chunks = name.chunks_exact(8);
        for chunk in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(chunk);
            add(u64::from_le_bytes(w));
        }
        let mut tail = [0u8; 8];
        for (slot, &b) in tail.iter_mut().zip(chunks.remainder()) {
            *slot = b;
        }
        add(u64::from_le_bytes(tail));
        add(name.len() as u64);
    } else {
        add(words[0]);
        add(words[1]);
        add(words[2]);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// Maps strings to dense ids `0, 1, 2, ...` in first-seen order.
#[derive(Debug, Clone)]
pub struct Interner {
    /// Open addressing, linear probing, a power of two in length, at most
    /// half full.
    slots: Vec<Slot>,
    /// Every name, one after another.
    text: String,
    /// Where each name ends in `text`.
    ends: Vec<u32>,
}

impl Default for Interner {
    fn default() -> Self {
        Interner::new()
    }
}

impl Interner {
    /// An empty interner.
    pub fn new() -> Self {
        Interner {
            slots: vec![EMPTY; 16],
            text: String::new(),
            ends: Vec::new(),
        }
    }

    /// The slot holding `name`, or the free slot where it belongs.
    #[inline(always)]
    fn find(&self, name: &str, words: &[u64; 3], tag: u32) -> usize {
        let mask = self.slots.len() - 1;
        let mut at = tag as usize & mask;
        loop {
            let Some(slot) = self.slots.get(at) else {
                return at;
            };
            if slot.id == FREE
                || (slot.tag == tag
                    && slot.key == *words
                    && (words[2] >> 56 != u64::from(LONG) || self.name(slot.id) == Some(name)))
            {
                return at;
            }
            at = (at + 1) & mask;
        }
    }

    /// The id of `name`, adding it if new.
    #[inline]
    pub fn intern(&mut self, name: &str) -> u32 {
        let words = key_words(name.as_bytes());
        let tag = (hash(&words, name.as_bytes()) >> 32) as u32;
        self.intern_hashed(name, words, tag)
    }

    /// The ids of `names`, in order, appended to `out`: the same as
    /// [`intern`](Self::intern) on each, but faster on a large table. The
    /// names are taken sixteen at a time and each one's home slot is read
    /// before any is compared, so that the reads that miss the cache wait
    /// together rather than one after another.
    pub fn intern_many<S: AsRef<str>>(
        &mut self,
        names: impl IntoIterator<Item = S>,
        out: &mut Vec<u32>,
    ) {
        const BATCH: usize = 16;
        let mut names = names.into_iter();
        loop {
            let batch: [Option<S>; BATCH] = std::array::from_fn(|_| names.next());
            let mut keys = [([0u64; 3], 0u32); BATCH];
            let mut taken = 0;
            for (name, key) in batch.iter().zip(keys.iter_mut()) {
                let Some(name) = name else { break };
                let bytes = name.as_ref().as_bytes();
                let words = key_words(bytes);
                *key = (words, (hash(&words, bytes) >> 32) as u32);
                taken += 1;
            }
            // A tight loop of loads only, so that all of them are in flight
            // at once.
            let mask = self.slots.len() - 1;
            let mut homes = [EMPTY; BATCH];
            for ((_, tag), home) in keys.iter().zip(homes.iter_mut()).take(taken) {
                *home = self
                    .slots
                    .get(*tag as usize & mask)
                    .copied()
                    .unwrap_or(EMPTY);
            }
            let probes = keys
                .iter()
                .zip(homes)
                .map(|((words, tag), home)| (words, tag, home));
            for (name, (words, tag, home)) in batch.iter().zip(probes) {
                let Some(name) = name else { break };
                // A slot, once taken, keeps its name's id (growing moves
                // slots, never changes ids), so a home slot read above that
                // holds the name answers.
                if home.id != FREE
                    && home.tag == *tag
                    && home.key == *words
                    && words[2] >> 56 != u64::from(LONG)
                {
                    out.push(home.id);
                } else {
                    out.push(self.intern_hashed(name.as_ref(), *words, *tag));
                }
            }
            if taken < BATCH {
                return;
            }
        }
    }

    #[inline(always)]
    fn intern_hashed(&mut self, name: &str, words: [u64; 3], tag: u32) -> u32 {
        let at = self.find(name, &words, tag);
        match self.slots.get(at) {
            Some(slot) if slot.id != FREE => slot.id,
            _ => self.insert(at, name, words, tag),
        }
    }

    #[cold]
    fn insert(&mut self, at: usize, name: &str, key: [u64; 3], tag: u32) -> u32 {
        let id = u32::try_from(self.ends.len()).unwrap_or(FREE - 1);
        self.text.push_str(name);
        self.ends
            .push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
        if let Some(slot) = self.slots.get_mut(at) {
            *slot = Slot { key, tag, id };
        }
        if self.ends.len() * 2 > self.slots.len() {
            self.grow();
        }
        id
    }

    fn grow(&mut self) {
        let bigger = vec![EMPTY; self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, bigger);
        let mask = self.slots.len() - 1;
        for slot in old.into_iter().filter(|s| s.id != FREE) {
            let mut at = slot.tag as usize & mask;
            while self.slots.get(at).is_some_and(|s| s.id != FREE) {
                at = (at + 1) & mask;
            }
            if let Some(free) = self.slots.get_mut(at) {
                *free = slot;
            }
        }
    }

    /// The id of `name`, if it was interned.
    pub fn get(&self, name: &str) -> Option<u32> {
        let words = key_words(name.as_bytes());
        let tag = (hash(&words, name.as_bytes()) >> 32) as u32;
        let slot = self.slots.get(self.find(name, &words, tag))?;
        (slot.id != FREE).then_some(slot.id)
    }

    /// The name of `id`.
    pub fn name(&self, id: u32) -> Option<&str> {
        name_of(&self.text, &self.ends, id)
    }

    /// How many names it holds.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether it holds no name.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Its names without the table that finds them: what a reader of ids
    /// keeps, a fraction of the interner's size.
    pub(crate) fn names(&self) -> Names {
        Names {
            text: self.text.clone(),
            ends: self.ends.clone(),
        }
    }
}

/// An interner's names by id, without lookup by name.
#[derive(Debug, Clone, Default)]
pub(crate) struct Names {
    text: String,
    ends: Vec<u32>,
}

impl Names {
    /// The name of `id`.
    pub(crate) fn name(&self, id: u32) -> Option<&str> {
        name_of(&self.text, &self.ends, id)
    }
}

/// Name `id` of names one after another in `text`, each ending where `ends`
/// says.
fn name_of<'a>(text: &'a str, ends: &[u32], id: u32) -> Option<&'a str> {
    let end = *ends.get(id as usize)? as usize;
    let start = match id.checked_sub(1) {
        Some(before) => *ends.get(before as usize)? as usize,
        None => 0,
    };
    text.get(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_that_differ_in_their_middle_bytes_spread_over_buckets() {
        let buckets: std::collections::BTreeSet<u64> = (0..1000)
            .map(|i| {
                let name = format!("CVE-2000-{}", 10_000 + i);
                (hash(&key_words(name.as_bytes()), name.as_bytes()) >> 32) & 1023
            })
            .collect();
        assert!(
            buckets.len() > 500,
            "only {} of 1024 buckets used",
            buckets.len()
        );
    }

    #[test]
    fn ids_are_dense_and_stable() {
        let mut interner = Interner::new();
        assert_eq!(interner.intern("CVE-1"), 0);
        assert_eq!(interner.intern("CVE-2"), 1);
        assert_eq!(interner.intern("CVE-1"), 0);
        assert_eq!(interner.get("CVE-2"), Some(1));
        assert_eq!(interner.get("CVE-3"), None);
        assert_eq!(interner.name(1), Some("CVE-2"));
        assert_eq!(interner.len(), 2);
    }

    #[test]
    fn interning_many_at_once_gives_the_ids_one_at_a_time_gives() {
        // Repeats inside one batch (a name new to the table seen twice
        // before the batch is done), growth in the middle of a batch, long
        // names, and a last batch that is not full.
        let names: Vec<String> = (0..3001)
            .map(|i| match i % 5 {
                0 | 1 => format!("CVE-2024-{}", i / 3),
                2 => format!("sha256:{:064x}", i / 7),
                _ => format!("GHSA-{}", i % 97),
            })
            .collect();
        let mut one_by_one = Interner::new();
        let expected: Vec<u32> = names.iter().map(|n| one_by_one.intern(n)).collect();
        let mut batched = Interner::new();
        let mut ids = vec![7];
        batched.intern_many(&names, &mut ids);
        assert_eq!(ids.first(), Some(&7), "appends to what is there");
        assert_eq!(ids.get(1..), Some(expected.as_slice()));
        assert_eq!(batched.len(), one_by_one.len());
        batched.intern_many(Vec::<String>::new(), &mut ids);
        assert_eq!(ids.len(), names.len() + 1);
    }

    #[test]
    fn short_long_and_empty_names_round_trip_through_growth() {
        let names: Vec<String> = (0..5000)
            .map(|i| match i % 4 {
                0 => format!("CVE-2024-{i}"),
                1 => format!("sha256:{i:064x}"),
                2 => "x".repeat(i % 40),
                _ => format!("{:023}", i),
            })
            .collect();
        let mut interner = Interner::new();
        let ids: Vec<u32> = names.iter().map(|n| interner.intern(n)).collect();
        for (name, &id) in names.iter().zip(&ids) {
            assert_eq!(interner.get(name), Some(id), "{name}");
            assert_eq!(interner.intern(name), id, "{name}");
            assert_eq!(interner.name(id), Some(name.as_str()));
        }
        let distinct: std::collections::BTreeSet<&String> = names.iter().collect();
        assert_eq!(interner.len(), distinct.len());
        // A name that is a prefix of another, or equal but for a trailing
        // zero byte, is another name.
        assert_ne!(
            interner.intern("CVE-2024-1"),
            interner.intern("CVE-2024-10")
        );
        assert_ne!(interner.intern("ab"), interner.intern("ab\0"));
    }
}
