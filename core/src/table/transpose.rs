//! Grouping a table's placements by row: a stable counting sort that stays
//! in cache.

/// Counts per key, turned into where each key's run starts (one more
/// entry than keys).
fn run_starts(keys: usize, of: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut starts = vec![0usize; keys + 1];
    for key in of {
        if let Some(n) = starts.get_mut(key + 1) {
            *n += 1;
        }
    }
    for i in 1..starts.len() {
        let before = starts.get(i - 1).copied().unwrap_or(0);
        if let Some(n) = starts.get_mut(i) {
            *n += before;
        }
    }
    starts
}

/// Places each item at the next slot of its key's run (a stable counting
/// sort's second pass).
fn scatter<T: Copy + Default>(starts: &[usize], items: impl Iterator<Item = (usize, T)>) -> Vec<T> {
    let mut at = starts.to_vec();
    let mut out = vec![T::default(); starts.last().copied().unwrap_or(0)];
    for (key, item) in items {
        let Some(slot) = at.get_mut(key) else {
            continue;
        };
        if let Some(place) = out.get_mut(*slot) {
            *place = item;
        }
        *slot += 1;
    }
    out
}

/// Rows per block of the first pass of [`by_row`]: the blocks' write
/// positions, and then one block's rows, stay in cache.
const BLOCK: usize = 256;

/// Groups items by row, in row order, keeping each row's items in the
/// order given: a stable counting sort in two passes, by blocks of rows and
/// then by row within each block, so that neither pass writes to more
/// places at once than the cache holds (one pass over 200,000 rows would
/// miss the cache on nearly every write). `of` gives an input's row and
/// item, or none to leave it out.
pub(crate) fn by_row<S: Copy, T: Copy + Default>(
    rows: usize,
    input: &[S],
    of: impl Fn(S) -> Option<(u32, T)>,
) -> (Vec<usize>, Vec<T>) {
    let blocks = rows.div_ceil(BLOCK).max(1);
    let block_starts = run_starts(
        blocks,
        input
            .iter()
            .filter_map(|&s| of(s))
            .map(|(r, _)| r as usize / BLOCK),
    );
    let blocked = scatter(
        &block_starts,
        input
            .iter()
            .filter_map(|&s| of(s))
            .map(|(r, item)| (r as usize / BLOCK, (r, item))),
    );
    let mut starts = Vec::with_capacity(rows + 1);
    let mut out = Vec::with_capacity(blocked.len());
    for block in 0..blocks {
        let (from, to) = (
            block_starts.get(block).copied().unwrap_or(0),
            block_starts.get(block + 1).copied().unwrap_or(0),
        );
        let part = blocked.get(from..to).unwrap_or(&[]);
        let first = block * BLOCK;
        let width = BLOCK.min(rows.saturating_sub(first));
        let local = run_starts(width, part.iter().map(|&(r, _)| r as usize - first));
        let placed = scatter(
            &local,
            part.iter().map(|&(r, item)| (r as usize - first, item)),
        );
        let base = out.len();
        starts.extend(local.iter().take(width).map(|s| base + s));
        out.extend_from_slice(&placed);
    }
    starts.push(out.len());
    (starts, out)
}
