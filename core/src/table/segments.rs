//! Entries of many occurrences, by block of ids, in one buffer: what adding
//! them many at once (`bulk`) leaves for the grouping by id (`transpose`).

/// The entries of many occurrences by block of ids, in one buffer: each
/// block's entries from each part of the input, the parts in input order,
/// so that within a block they keep the order they were added in.
#[derive(Debug, Clone, Default)]
pub(crate) struct Segments {
    pub(crate) data: Vec<u32>,
    /// Per block, per part: where its entries start in `data`, and how many
    /// there are (repeats of the entry before were dropped, leaving room).
    pub(crate) spans: Vec<(usize, usize)>,
    pub(crate) parts: usize,
}

impl Segments {
    /// How many blocks there are.
    pub(crate) fn blocks(&self) -> usize {
        self.spans.len().checked_div(self.parts).unwrap_or(0)
    }

    /// Block `b`'s entries, part after part.
    pub(crate) fn block(&self, b: usize) -> impl Iterator<Item = &[u32]> {
        let from = b.saturating_mul(self.parts);
        self.spans
            .get(from..from.saturating_add(self.parts))
            .unwrap_or(&[])
            .iter()
            .map(|&(start, len)| self.data.get(start..start + len).unwrap_or(&[]))
    }
}
