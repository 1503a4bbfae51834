//! Grouping a table's entries by vulnerability id: a counting sort, one
//! block of ids at a time, that stays in cache.

use super::accumulate::{TableAccumulator, BLOCK_BITS};

/// Ids per block.
const BLOCK: usize = 1 << BLOCK_BITS;

/// Every id's images, deduplicated: `images` holds each id's run of
/// `image << 1 | loaded`, in image order, each image once (loaded if any
/// of its entries was), and id `i`'s run is `starts[i]..starts[i + 1]`.
#[derive(Debug, Default)]
pub(crate) struct ImagesById {
    pub(crate) starts: Vec<usize>,
    pub(crate) images: Vec<u32>,
}

impl ImagesById {
    /// Groups the accumulator's entries by id.
    pub(crate) fn of(table: &TableAccumulator) -> ImagesById {
        let mut wide = table.wide.clone();
        wide.sort_unstable();
        let mut wide = wide.as_slice();
        let blocks = table
            .absorbed
            .iter()
            .map(Vec::len)
            .fold(table.blocks.len(), usize::max)
            .max(table.ids.len().div_ceil(BLOCK))
            .max(
                wide.last()
                    .map_or(0, |&(id, _)| (id as usize >> BLOCK_BITS) + 1),
            );
        let lists = std::iter::once(&table.blocks).chain(&table.absorbed);
        let total = lists
            .flat_map(|blocks| blocks.iter().map(Vec::len))
            .sum::<usize>()
            + wide.len();
        let mut images = vec![0u32; total];
        let mut starts = Vec::with_capacity(blocks * BLOCK + 1);
        // Where the next id's deduplicated run goes: never past where its
        // block was scattered, so runs compact within one array.
        let mut write = 0usize;
        let mut at = [0usize; BLOCK];
        for b in 0..blocks {
            // The block's entries from each list of blocks.
            let parts = || {
                std::iter::once(&table.blocks)
                    .chain(&table.absorbed)
                    .filter_map(move |blocks| blocks.get(b))
                    .flatten()
            };
            let end = wide.partition_point(|&(id, _)| (id as usize >> BLOCK_BITS) <= b);
            let (here, rest) = wide.split_at(end);
            wide = rest;
            let local = |id: u32| id as usize & (BLOCK - 1);
            at.fill(0);
            for &e in parts() {
                if let Some(n) = at.get_mut((e >> 24) as usize) {
                    *n += 1;
                }
            }
            for &(id, _) in here {
                if let Some(n) = at.get_mut(local(id)) {
                    *n += 1;
                }
            }
            let base = write;
            let mut next = base;
            for slot in &mut at {
                let n = *slot;
                *slot = next;
                next += n;
            }
            let ends: [usize; BLOCK] =
                std::array::from_fn(|i| at.get(i + 1).copied().unwrap_or(next));
            for &e in parts() {
                if let Some(slot) = at.get_mut((e >> 24) as usize) {
                    if let Some(place) = images.get_mut(*slot) {
                        *place = e & 0x00FF_FFFF;
                    }
                    *slot += 1;
                }
            }
            for &(id, image) in here {
                if let Some(slot) = at.get_mut(local(id)) {
                    if let Some(place) = images.get_mut(*slot) {
                        *place = image;
                    }
                    *slot += 1;
                }
            }
            let mut from = base;
            for end in ends {
                starts.push(write);
                let kept = images.get_mut(from..end).map_or(0, dedup_run);
                if write != from && kept > 0 {
                    images.copy_within(from..from + kept, write);
                }
                write += kept;
                from = end;
            }
        }
        starts.push(write);
        images.truncate(write);
        images.shrink_to_fit();
        ImagesById { starts, images }
    }

    /// Id `id`'s run.
    pub(crate) fn of_id(&self, id: u32) -> &[u32] {
        let i = id as usize;
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => self.images.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Id `id`'s run as positions in `images`.
    pub(crate) fn span_of(&self, id: u32) -> (usize, usize) {
        let i = id as usize;
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => (a, b),
            _ => (0, 0),
        }
    }
}

/// Sorts a run of `image << 1 | loaded` and keeps each image once, loaded
/// if any of its entries was; returns how many it kept, at its start.
/// Occurrences read report by report arrive image by image, so most runs
/// are in order already and are only checked.
pub(crate) fn dedup_run(run: &mut [u32]) -> usize {
    if run.is_sorted_by(|a, b| a >> 1 < b >> 1) {
        return run.len();
    }
    run.sort_unstable();
    let mut kept = 0usize;
    for read in 0..run.len() {
        let Some(&p) = run.get(read) else {
            break;
        };
        match kept.checked_sub(1).and_then(|k| run.get_mut(k)) {
            Some(last) if *last >> 1 == p >> 1 => *last |= p & 1,
            _ => {
                if let Some(slot) = run.get_mut(kept) {
                    *slot = p;
                }
                kept += 1;
            }
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{fact, InternedOccurrence};

    fn occurrence(id: u32, image: u32, loaded: bool) -> InternedOccurrence {
        // Critical, applicable and fixable: loaded counts.
        let facts = fact::CRITICAL_HIGH
            | fact::APPLICABLE
            | fact::FIX_AVAILABLE
            | if loaded { fact::LOADED } else { 0 };
        InternedOccurrence {
            vulnerability: id,
            image,
            facts,
        }
    }

    fn grouped(occurrences: &[(u32, u32, bool)]) -> ImagesById {
        let mut table = TableAccumulator::new();
        for &(id, image, loaded) in occurrences {
            table.add(&occurrence(id, image, loaded));
        }
        ImagesById::of(&table)
    }

    #[test]
    fn image_by_image_input_needs_no_sorting() {
        let by_id = grouped(&[
            (1, 2, false),
            (0, 2, false),
            (1, 2, false),
            (1, 5, false),
            (300, 7, false),
        ]);
        assert_eq!(by_id.of_id(0), &[2 << 1]);
        assert_eq!(by_id.of_id(1), &[2 << 1, 5 << 1]);
        assert_eq!(by_id.of_id(2), &[] as &[u32]);
        assert_eq!(by_id.of_id(300), &[7 << 1]);
        assert_eq!(by_id.of_id(9999), &[] as &[u32]);
    }

    #[test]
    fn any_order_gives_each_image_once_loaded_if_any_was() {
        let by_id = grouped(&[
            (1, 5, false),
            (1, 2, false),
            (1, 5, true),
            (1, 2, false),
            (1, 5, false),
        ]);
        assert_eq!(by_id.of_id(1), &[2 << 1, (5 << 1) | 1]);
        let by_id = grouped(&[(1, 5, false), (1, 5, true), (1, 5, true)]);
        assert_eq!(by_id.of_id(1), &[(5 << 1) | 1]);
        assert_eq!(by_id.images.len(), 1);
    }

    #[test]
    fn images_past_a_blocks_room_are_grouped_with_the_others() {
        let wide = crate::table::accumulate::WIDE_IMAGE;
        let by_id = grouped(&[
            (3, wide + 5, false),
            (3, 1, false),
            (700, wide, true),
            (3, wide + 5, true),
        ]);
        assert_eq!(by_id.of_id(3), &[1 << 1, ((wide + 5) << 1) | 1]);
        assert_eq!(by_id.of_id(700), &[(wide << 1) | 1]);
        assert_eq!(by_id.of_id(699), &[] as &[u32]);
    }

    #[test]
    fn parts_added_on_threads_and_merged_are_one_pass() {
        let occurrences: Vec<InternedOccurrence> = (0..5000u32)
            .map(|i| occurrence((i * 7919) % 600, (i * 31) % 97, i % 5 == 0))
            .collect();
        let mut one = TableAccumulator::new();
        for o in &occurrences {
            one.add(o);
        }
        let mut split = TableAccumulator::new();
        split.add_split(&occurrences, 2);
        let (a, b) = (ImagesById::of(&one), ImagesById::of(&split));
        assert_eq!((a.starts, a.images), (b.starts, b.images));
        assert_eq!(one.ids, split.ids);
        assert_eq!(one.occurrences, split.occurrences);
    }
}
