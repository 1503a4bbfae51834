//! Adding many occurrences at once: two passes over them, split over the
//! threads of rayon's pool. The first counts the entries each block of ids
//! gets (and gathers the ids' states); the second writes every entry
//! straight to its place in one buffer of exactly that size. Lists grown
//! one entry at a time would be copied each time they doubled and touch
//! twice the memory; here each page is written once.

use rayon::prelude::*;

use super::accumulate::{TableAccumulator, BLOCK_BITS, WIDE_IMAGE};
use super::segments::Segments;
use super::state::IdState;
use crate::finding::InternedOccurrence;

/// What the first pass finds in one part: its ids' states and the entries
/// per block.
struct Counted {
    ids: Vec<u32>,
    per_block: Vec<usize>,
}

fn count(part: &[InternedOccurrence]) -> Counted {
    let mut counted = Counted {
        ids: Vec::new(),
        per_block: Vec::new(),
    };
    for o in part {
        let (state, _) = IdState::packed(o.facts);
        let v = o.vulnerability as usize;
        if v >= counted.ids.len() {
            counted.ids.resize(v + 1, 0);
        }
        if let Some(slot) = counted.ids.get_mut(v) {
            *slot |= state;
        }
        if o.image < WIDE_IMAGE {
            let block = v >> BLOCK_BITS;
            if block >= counted.per_block.len() {
                counted.per_block.resize(block + 1, 0);
            }
            if let Some(n) = counted.per_block.get_mut(block) {
                *n += 1;
            }
        }
    }
    counted
}

/// What the second pass wrote for one part: how many entries each room
/// got, and the part's pairs on wide images.
struct Written {
    lens: Vec<usize>,
    wide: Vec<(u32, u32)>,
}

/// Writes one part's entries into its rooms (one per block), dropping a
/// repeat of the entry before in the same block.
fn scatter(part: &[InternedOccurrence], rooms: &mut [&mut [u32]]) -> Written {
    let mut lens = vec![0usize; rooms.len()];
    let mut wide = Vec::new();
    for o in part {
        let loaded = u32::from(IdState::packed(o.facts).1);
        if o.image >= WIDE_IMAGE {
            wide.push((o.vulnerability, (o.image << 1) | loaded));
            continue;
        }
        let block = (o.vulnerability >> BLOCK_BITS) as usize;
        let entry = ((o.vulnerability & ((1 << BLOCK_BITS) - 1)) << 24) | (o.image << 1) | loaded;
        let (Some(room), Some(len)) = (rooms.get_mut(block), lens.get_mut(block)) else {
            continue;
        };
        let repeat = len
            .checked_sub(1)
            .and_then(|last| room.get(last))
            .is_some_and(|&e| e == entry);
        if !repeat {
            if let Some(slot) = room.get_mut(*len) {
                *slot = entry;
            }
            *len += 1;
        }
    }
    Written { lens, wide }
}

impl TableAccumulator {
    /// Adds `occurrences` in `parts` parts, one per thread, in two passes.
    pub(crate) fn add_bulk(&mut self, occurrences: &[InternedOccurrence], parts: usize) {
        if occurrences.is_empty() {
            return;
        }
        let chunk = occurrences.len().div_ceil(parts.max(1));
        let chunks: Vec<&[InternedOccurrence]> = occurrences.chunks(chunk).collect();
        let counted: Vec<Counted> = chunks.par_iter().map(|part| count(part)).collect();
        let parts = chunks.len();
        let blocks = counted.iter().map(|c| c.per_block.len()).max().unwrap_or(0);

        // Rooms block after block, each block's parts in input order.
        let mut starts = Vec::with_capacity(blocks * parts);
        let mut total = 0usize;
        for b in 0..blocks {
            for c in &counted {
                starts.push(total);
                total += c.per_block.get(b).copied().unwrap_or(0);
            }
        }
        let mut data = vec![0u32; total];
        let mut rooms: Vec<Vec<&mut [u32]>> =
            (0..parts).map(|_| Vec::with_capacity(blocks)).collect();
        let mut free = data.as_mut_slice();
        for b in 0..blocks {
            for (c, part_rooms) in counted.iter().zip(rooms.iter_mut()) {
                let size = c.per_block.get(b).copied().unwrap_or(0);
                let rest = std::mem::take(&mut free);
                let (room, after) = rest.split_at_mut(size.min(rest.len()));
                free = after;
                part_rooms.push(room);
            }
        }
        let written: Vec<Written> = chunks
            .par_iter()
            .zip(rooms.par_iter_mut())
            .map(|(part, part_rooms)| scatter(part, part_rooms))
            .collect();
        drop(rooms);

        let mut spans = Vec::with_capacity(starts.len());
        for b in 0..blocks {
            for (c, w) in written.iter().enumerate() {
                let start = starts.get(b * parts + c).copied().unwrap_or(0);
                spans.push((start, w.lens.get(b).copied().unwrap_or(0)));
            }
        }
        for c in &counted {
            if self.ids.len() < c.ids.len() {
                self.ids.resize(c.ids.len(), 0);
            }
            for (a, b) in self.ids.iter_mut().zip(&c.ids) {
                *a |= b;
            }
        }
        for w in &written {
            self.wide.extend_from_slice(&w.wide);
        }
        self.occurrences += occurrences.len() as u64;
        self.segments.push(Segments { data, spans, parts });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{fact, FindingIndex};
    use crate::table::counts::Layout;
    use crate::table::places::Places;
    use crate::table::transpose::ImagesById;

    #[test]
    fn many_at_once_in_any_number_of_parts_is_one_by_one() {
        // Repeats next to each other, repeats further apart, images past a
        // block's room, ids over many blocks, loaded or not.
        let occurrences: Vec<InternedOccurrence> = (0..20_000u32)
            .map(|i| {
                let image = if i % 997 == 0 {
                    WIDE_IMAGE + i % 5
                } else {
                    (i / 40) % 300
                };
                let facts = fact::CRITICAL_HIGH | if i % 7 == 0 { fact::LOADED } else { 0 };
                InternedOccurrence {
                    vulnerability: (i.wrapping_mul(2_654_435_761) >> 20) % 3000,
                    image,
                    facts,
                }
            })
            .flat_map(|o| [o, o])
            .collect();
        let mut one = TableAccumulator::new();
        for o in &occurrences {
            one.add(o);
        }
        let places = Places::of(&FindingIndex::new(&[]));
        let layout = Layout::of(&places);
        let runs = |table: &TableAccumulator| -> Vec<Vec<u32>> {
            let by_id = ImagesById::of(table, &layout);
            (0..3000).map(|id| by_id.of_id(id).to_vec()).collect()
        };
        let expected = runs(&one);
        assert!(expected.iter().any(|run| run.len() > 1));
        for parts in [1, 2, 3, 7] {
            let mut bulk = TableAccumulator::new();
            bulk.add_bulk(&occurrences, parts);
            assert_eq!(runs(&bulk), expected, "{parts} parts");
            assert_eq!(bulk.ids, one.ids);
            assert_eq!(bulk.occurrences, one.occurrences);
            // And merged with what was added one by one.
            let mut merged = one.clone();
            merged.merge(&bulk);
            assert_eq!(runs(&merged), expected);
        }
    }
}
