//! Interning: strings to dense integer ids, once, so that the funnel's hot
//! path works on integers.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A small, fast hasher for short strings: the multiply-rotate scheme of
/// rustc's `FxHasher`, with a finaliser. Not DoS-resistant: the keys are ids
/// from scanner reports the caller already trusts to be parsed.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FastHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    #[inline(always)]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let mut tail = [0u8; 8];
        for (slot, &b) in tail.iter_mut().zip(chunks.remainder()) {
            *slot = b;
        }
        self.add(u64::from_le_bytes(tail));
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    /// Mixes the state so that every bit of the result depends on every bit
    /// of the input (the finaliser of MurmurHash3): the multiply-rotate steps
    /// alone leave the low bits, which the table uses to pick a bucket, poor
    /// for ids that differ only in their middle bytes.
    #[inline]
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

/// Maps strings to dense ids `0, 1, 2, ...` in first-seen order.
#[derive(Debug, Clone, Default)]
pub struct Interner {
    ids: HashMap<Box<str>, u32, BuildHasherDefault<FastHasher>>,
    names: Vec<Box<str>>,
}

impl Interner {
    /// An empty interner.
    pub fn new() -> Self {
        Interner::default()
    }

    /// The id of `name`, adding it if new.
    pub fn intern(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.names.push(name.into());
        self.ids.insert(name.into(), id);
        id
    }

    /// The id of `name`, if it was interned.
    pub fn get(&self, name: &str) -> Option<u32> {
        self.ids.get(name).copied()
    }

    /// The name of `id`.
    pub fn name(&self, id: u32) -> Option<&str> {
        self.names.get(id as usize).map(|n| &**n)
    }

    /// How many names it holds.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether it holds no name.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_that_differ_in_their_middle_bytes_spread_over_buckets() {
        use std::hash::BuildHasher;
        let build = BuildHasherDefault::<FastHasher>::default();
        let buckets: std::collections::BTreeSet<u64> = (0..1000)
            .map(|i| build.hash_one(format!("CVE-2000-{}", 10_000 + i)) & 1023)
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
}
