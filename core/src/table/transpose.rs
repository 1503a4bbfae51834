//! Grouping a table's entries by vulnerability id: a counting sort, one
//! block of ids at a time, that stays in cache, blocks on every thread of
//! rayon's pool; each id's images counted while its block is in cache.

use rayon::prelude::*;

use super::accumulate::{TableAccumulator, BLOCK_BITS};
use super::counts::{Layout, RowCounts};

/// Ids per block.
const BLOCK: usize = 1 << BLOCK_BITS;

/// Every id's images, deduplicated, and what they count: `images` holds
/// each id's run of `image << 1 | loaded`, in image order, each image once
/// (loaded if any of its entries was); id `i`'s run is `spans[i]` and its
/// counts `counts[i]`. A block's runs follow one another; between blocks
/// may lie the room of the repeats a block dropped.
#[derive(Debug, Default)]
pub(crate) struct ImagesById {
    pub(crate) spans: Vec<(u32, u32)>,
    pub(crate) counts: Vec<RowCounts>,
    pub(crate) images: Vec<u32>,
}

/// One block's runs: per id in it, its span in the shared `images` and its
/// counts.
type BlockRuns = Vec<((u32, u32), RowCounts)>;

impl ImagesById {
    /// Groups the accumulator's entries by id, counting each id's images
    /// over `layout`.
    pub(crate) fn of(table: &TableAccumulator, layout: &Layout<'_>) -> ImagesById {
        let mut wide = table.wide.clone();
        wide.sort_unstable();
        let blocks = table
            .absorbed
            .iter()
            .map(Vec::len)
            .chain(table.segments.iter().map(|s| s.blocks()))
            .fold(table.blocks.len(), usize::max)
            .max(table.ids.len().div_ceil(BLOCK))
            .max(
                wide.last()
                    .map_or(0, |&(id, _)| (id as usize >> BLOCK_BITS) + 1),
            );
        // Block `b`'s entries: those added one by one, those of partial
        // tables merged in, those added many at once.
        let block = |b: usize| {
            std::iter::once(&table.blocks)
                .chain(&table.absorbed)
                .filter_map(move |lists| lists.get(b))
                .map(Vec::as_slice)
                .chain(table.segments.iter().flat_map(move |s| s.block(b)))
        };
        // Each block's wide pairs, and its room in `images`.
        let mut wide_of = Vec::with_capacity(blocks);
        let mut rest = wide.as_slice();
        let mut sizes = Vec::with_capacity(blocks);
        for b in 0..blocks {
            let end = rest.partition_point(|&(id, _)| (id as usize >> BLOCK_BITS) <= b);
            let (here, after) = rest.split_at(end);
            rest = after;
            wide_of.push(here);
            let entries: usize = block(b).map(<[u32]>::len).sum();
            sizes.push(entries + here.len());
        }
        let total: usize = sizes.iter().sum();
        let mut images = vec![0u32; total];
        let mut rooms = Vec::with_capacity(blocks);
        let mut free = images.as_mut_slice();
        let mut offset = 0usize;
        for &size in &sizes {
            let rest = std::mem::take(&mut free);
            let (room, after) = rest.split_at_mut(size.min(rest.len()));
            free = after;
            rooms.push((offset, room));
            offset += size;
        }
        let runs: Vec<BlockRuns> = rooms
            .into_par_iter()
            .zip(wide_of)
            .enumerate()
            .map_init(
                || layout.marks(),
                |marks, (b, ((offset, room), wide))| {
                    let parts: Vec<&[u32]> = block(b).collect();
                    let ends = group_block(&parts, wide, room);
                    let mut from = 0usize;
                    let mut runs = Vec::with_capacity(BLOCK);
                    for (local, end) in ends.into_iter().enumerate() {
                        let kept = room.get_mut(from..end).map_or(0, dedup_run);
                        let run = room.get(from..from + kept).unwrap_or(&[]);
                        let id = u32::try_from((b << BLOCK_BITS) + local).unwrap_or(u32::MAX);
                        let counts = layout.count(marks, run, id);
                        let at = |i: usize| u32::try_from(offset + i).unwrap_or(u32::MAX);
                        runs.push(((at(from), at(from + kept)), counts));
                        from = end;
                    }
                    runs
                },
            )
            .collect();
        let (spans, counts) = runs.into_iter().flatten().unzip();
        ImagesById {
            spans,
            counts,
            images,
        }
    }

    /// Id `id`'s run.
    pub(crate) fn of_id(&self, id: u32) -> &[u32] {
        let (a, b) = self.span_of(id);
        self.images.get(a as usize..b as usize).unwrap_or(&[])
    }

    /// Id `id`'s run as positions in `images`.
    pub(crate) fn span_of(&self, id: u32) -> (u32, u32) {
        self.spans.get(id as usize).copied().unwrap_or((0, 0))
    }

    /// Id `id`'s counts.
    pub(crate) fn counts_of(&self, id: u32) -> RowCounts {
        self.counts.get(id as usize).copied().unwrap_or_default()
    }
}

/// Scatters one block's entries (from every list) and wide pairs into
/// `room` by id, and returns where each of the block's ids' runs ends.
fn group_block(parts: &[&[u32]], wide: &[(u32, u32)], room: &mut [u32]) -> [usize; BLOCK] {
    let local = |id: u32| id as usize & (BLOCK - 1);
    let mut at = [0usize; BLOCK];
    for &e in parts.iter().copied().flatten() {
        if let Some(n) = at.get_mut((e >> 24) as usize) {
            *n += 1;
        }
    }
    for &(id, _) in wide {
        if let Some(n) = at.get_mut(local(id)) {
            *n += 1;
        }
    }
    let mut next = 0usize;
    for slot in &mut at {
        let n = *slot;
        *slot = next;
        next += n;
    }
    let ends: [usize; BLOCK] = std::array::from_fn(|i| at.get(i + 1).copied().unwrap_or(next));
    for &e in parts.iter().copied().flatten() {
        if let Some(slot) = at.get_mut((e >> 24) as usize) {
            if let Some(place) = room.get_mut(*slot) {
                *place = e & 0x00FF_FFFF;
            }
            *slot += 1;
        }
    }
    for &(id, image) in wide {
        if let Some(slot) = at.get_mut(local(id)) {
            if let Some(place) = room.get_mut(*slot) {
                *place = image;
            }
            *slot += 1;
        }
    }
    ends
}

/// Sorts a run of `image << 1 | loaded` and keeps each image once, loaded
/// if any of its entries was; returns how many it kept, at its start.
/// Occurrences read report by report arrive image by image, so most runs
/// are in order already: they are only checked, and repeats of an image
/// (an id twice in one report) merged without sorting.
pub(crate) fn dedup_run(run: &mut [u32]) -> usize {
    if !run.is_sorted_by(|a, b| a >> 1 <= b >> 1) {
        run.sort_unstable();
    } else if run.is_sorted_by(|a, b| a >> 1 < b >> 1) {
        return run.len();
    }
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
    use crate::finding::{fact, FindingIndex, InternedOccurrence};
    use crate::table::places::Places;

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
        let places = Places::of(&FindingIndex::new(&[]));
        ImagesById::of(&table, &Layout::of(&places))
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
        let places = Places::of(&FindingIndex::new(&[]));
        let layout = Layout::of(&places);
        let (a, b) = (
            ImagesById::of(&one, &layout),
            ImagesById::of(&split, &layout),
        );
        let runs = |by_id: &ImagesById| -> Vec<Vec<u32>> {
            (0..600).map(|id| by_id.of_id(id).to_vec()).collect()
        };
        assert_eq!(runs(&a), runs(&b));
        assert_eq!(a.counts, b.counts);
        assert_eq!(one.ids, split.ids);
        assert_eq!(one.occurrences, split.occurrences);
    }
}
