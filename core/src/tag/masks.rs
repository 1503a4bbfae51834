//! A tag's block and its class masks: the bytes of a tag of at most 32
//! bytes, compared sixteen lanes at a time as SIMD vectors (SSE2, NEON or
//! WebAssembly SIMD through `wide`, plain lanes elsewhere), each class
//! (digits, dots, separators, letters, lower-case hex) a 32-bit mask with
//! bit `i` for byte `i`; the tokens and the coarse shape they show.
//! [`lanes`](super::lanes) recognises tokens from them.

use wide::u8x16;

use super::token::{is_date_or_timestamp, is_dotted_date};
use super::words::KEY_BYTES;

/// The longest tag the lanes classify.
pub(crate) const LANES: usize = 32;
/// How many bytes a block holds: the lanes, and room to read a key of
/// sixteen bytes at any lane.
pub(crate) const BLOCK: usize = LANES + KEY_BYTES;

/// The bytes of a tag, zero after them, with room for keys: see [`BLOCK`].
pub(crate) type Block = [u8; BLOCK];

/// The bit of lane `i` in a mask (`i` below 32; every lane index here is,
/// since the lanes hold at most 32 bytes).
#[inline(always)]
pub(super) fn lane(i: usize) -> u32 {
    1u32 << (i % LANES)
}

/// The bits of lanes `0..n` of a mask, `n` at most 32.
#[inline(always)]
pub(super) fn first_lanes(n: usize) -> u32 {
    u32::try_from((1u64 << n.min(LANES)) - 1).unwrap_or(u32::MAX)
}

/// How many lanes of a mask are set.
#[inline(always)]
pub(super) fn lane_count(mask: u32) -> usize {
    usize::try_from(mask.count_ones()).unwrap_or(LANES)
}

/// The index of the lowest lane set (32 when none).
#[inline(always)]
pub(super) fn first_set(mask: u32) -> usize {
    usize::try_from(mask.trailing_zeros()).unwrap_or(LANES)
}

/// Whether a token of digits and dots, with `dots` dots the first of which
/// is at `first_dot`, is a date: `yyyymmdd` and timestamps without dots,
/// `yyyy.mm.dd` with two.
#[inline(always)]
pub(super) fn is_numeric_date(token: &[u8], dots: usize, first_dot: usize) -> bool {
    match dots {
        0 => matches!(token.len(), 8 | 10 | 12..=14) && is_date_or_timestamp(token),
        2 => first_dot == 4 && is_dotted_date(token),
        _ => false,
    }
}

/// Loads up to 16 bytes into a `u128`, without a loop: overlapping reads of
/// the first and last bytes cover every length.
#[inline(always)]
pub(super) fn load(bytes: &[u8]) -> Option<u128> {
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
pub(super) fn sixteen(block: &Block, at: usize) -> [u8; KEY_BYTES] {
    block
        .get(at..at + KEY_BYTES)
        .and_then(|b| b.try_into().ok())
        .unwrap_or([0; KEY_BYTES])
}

/// The lanes of `v` whose byte lies in `lo..=lo + span`, as a mask.
#[inline(always)]
pub(super) fn within(v: u8x16, lo: u8, span: u8) -> u32 {
    let offset = v - u8x16::splat(lo);
    offset.min(u8x16::splat(span)).simd_eq(offset).to_bitmask()
}

/// The lanes of `v` that hold `byte`, as a mask.
#[inline(always)]
pub(super) fn equal(v: u8x16, byte: u8) -> u32 {
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
pub(super) struct Classes {
    pub(super) digit: u32,
    pub(super) dot: u32,
    pub(super) dash: u32,
    pub(super) underscore: u32,
    pub(super) letter: u32,
    pub(super) hex: u32,
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
    pub(super) separators: u32,
    pub(super) start: usize,
    pub(super) len: usize,
    pub(super) done: bool,
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
    pub(super) len: usize,
    pub(super) digit: u32,
    pub(super) dot: u32,
    pub(super) separator: u32,
    pub(super) letter: u32,
    pub(super) hex: u32,
    pub(super) valid: bool,
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

    /// A coarse shape, for batches to group tags by.
    #[inline(always)]
    pub(crate) fn shape(&self) -> Shape {
        if self.separator != 0 {
            Shape::Tokens
        } else if self.letter != 0 {
            Shape::Word
        } else {
            Shape::Number
        }
    }
}

/// A tag's coarse shape: tags of one shape take the same branches, so a
/// batch classifies them together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Shape {
    /// One token without letters (`1.25.3`, `20240101`).
    Number,
    /// One token with letters (`latest`, `v1.2`, `3f2a9c1`).
    Word,
    /// Several tokens (`1.25-alpine`).
    Tokens,
}

impl Shape {
    /// How many shapes there are.
    pub(crate) const COUNT: usize = Shape::Tokens as usize + 1;
}
