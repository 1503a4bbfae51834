//! Alias groups into the table's rows: which ids each row holds, its id,
//! and the rows' order.

use super::state::IdState;
use crate::finding::{IdKind, Interner};

/// The rows of a table, in id order (byte order of each row's id).
#[derive(Debug, Default)]
pub(crate) struct RowGroups {
    /// Each row's ids, one row after another: its id first, then its other
    /// members in byte order.
    pub(crate) members: Vec<u32>,
    /// Where each row's members start, and one more for the end.
    starts: Vec<usize>,
    /// Each row's state: its members' merged.
    pub(crate) states: Vec<IdState>,
}

/// The first sixteen bytes of a name, as a number that orders as they do
/// (a shorter name's missing bytes count as zero, so names equal here are
/// compared whole).
fn prefix(name: &str) -> u128 {
    let mut bytes = [0u8; 16];
    for (b, n) in bytes.iter_mut().zip(name.bytes()) {
        *b = n;
    }
    u128::from_be_bytes(bytes)
}

impl RowGroups {
    /// The rows of the groups `root` (each id's group, by its root) whose
    /// ids reached a stage in `ids`. A row's id is its group's CVE when it
    /// has one, else its smallest id in byte order.
    pub(crate) fn of(root: &[u32], ids: &[u32], names: &Interner) -> RowGroups {
        let mut state = vec![IdState::default(); root.len()];
        for (id, &r) in root.iter().enumerate() {
            let s = ids
                .get(id)
                .map(|&word| IdState::unpack(word))
                .unwrap_or_default();
            if let Some(g) = state.get_mut(r as usize) {
                g.merge(s);
            }
        }
        let reached = |r: u32| state.get(r as usize).is_some_and(|g| g.stage > 0);
        // Members by root: a counting sort, ids ascending within a root.
        let mut at = vec![0usize; root.len() + 1];
        for &r in root {
            if reached(r) {
                if let Some(n) = at.get_mut(r as usize + 1) {
                    *n += 1;
                }
            }
        }
        for i in 1..at.len() {
            let before = at.get(i - 1).copied().unwrap_or(0);
            if let Some(n) = at.get_mut(i) {
                *n += before;
            }
        }
        let by_root_starts = at.clone();
        let mut by_root = vec![0u32; at.last().copied().unwrap_or(0)];
        for (id, &r) in root.iter().enumerate() {
            if !reached(r) {
                continue;
            }
            if let Some(slot) = at.get_mut(r as usize) {
                if let Some(place) = by_root.get_mut(*slot) {
                    *place = u32::try_from(id).unwrap_or(u32::MAX);
                }
                *slot += 1;
            }
        }
        let name = |id: u32| names.name(id).unwrap_or_default();
        // Per group: its members sorted, with its id moved first; then the
        // groups in the order of their ids.
        let mut heads: Vec<(u128, u32, u32)> = Vec::new();
        for (r, pair) in by_root_starts.windows(2).enumerate() {
            let (from, to) = (
                pair.first().copied().unwrap_or(0),
                pair.get(1).copied().unwrap_or(0),
            );
            let Some(members) = by_root.get_mut(from..to) else {
                continue;
            };
            if members.is_empty() {
                continue;
            }
            if members.len() > 1 {
                members.sort_unstable_by(|&a, &b| name(a).cmp(name(b)));
                let head = members
                    .iter()
                    .position(|&m| IdKind::of(name(m)) == IdKind::Cve)
                    .unwrap_or(0);
                if let Some(m) = members.get_mut(..=head) {
                    m.rotate_right(1);
                }
            }
            let head = members.first().copied().unwrap_or(0);
            heads.push((
                prefix(name(head)),
                head,
                u32::try_from(r).unwrap_or(u32::MAX),
            ));
        }
        // Ids are distinct: an unstable sort gives the one order.
        heads.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| name(a.1).cmp(name(b.1))));
        let mut groups = RowGroups {
            members: Vec::with_capacity(by_root.len()),
            starts: Vec::with_capacity(heads.len() + 1),
            states: Vec::with_capacity(heads.len()),
        };
        for &(_, _, r) in &heads {
            let (from, to) = (
                by_root_starts.get(r as usize).copied().unwrap_or(0),
                by_root_starts.get(r as usize + 1).copied().unwrap_or(0),
            );
            groups.starts.push(groups.members.len());
            groups
                .members
                .extend_from_slice(by_root.get(from..to).unwrap_or(&[]));
            groups
                .states
                .push(state.get(r as usize).copied().unwrap_or_default());
        }
        groups.starts.push(groups.members.len());
        groups
    }

    /// How many rows there are.
    pub(crate) fn len(&self) -> usize {
        self.states.len()
    }

    /// Row `row`'s members as positions in `members`.
    pub(crate) fn span(&self, row: usize) -> (usize, usize) {
        match (self.starts.get(row), self.starts.get(row + 1)) {
            (Some(&a), Some(&b)) => (a, b),
            _ => (0, 0),
        }
    }

    /// Row `row`'s members, its id first.
    pub(crate) fn of_row(&self, row: usize) -> &[u32] {
        let (a, b) = self.span(row);
        self.members.get(a..b).unwrap_or(&[])
    }

    /// Per id, its row (`u32::MAX` for none).
    pub(crate) fn row_of(&self, ids: usize) -> Vec<u32> {
        let mut rows = vec![u32::MAX; ids];
        for row in 0..self.len() {
            for &m in self.of_row(row) {
                if let Some(slot) = rows.get_mut(m as usize) {
                    *slot = u32::try_from(row).unwrap_or(u32::MAX);
                }
            }
        }
        rows
    }
}
