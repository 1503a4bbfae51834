//! Disjoint sets over dense ids, for grouping images by shared digests and
//! vulnerability ids by alias.

/// Disjoint sets of the ids `0..n`; a set is named by its smallest id.
#[derive(Debug, Clone)]
pub(crate) struct UnionFind {
    parent: Vec<u32>,
}

impl UnionFind {
    /// `n` sets of one id each.
    pub(crate) fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n)
                .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
                .collect(),
        }
    }

    /// Adds sets of one id each until there are `n` ids.
    pub(crate) fn grow(&mut self, n: usize) {
        let from = self.parent.len();
        self.parent
            .extend((from..n).map(|i| u32::try_from(i).unwrap_or(u32::MAX)));
    }

    /// The name of `x`'s set (compressing the path to it).
    pub(crate) fn find(&mut self, x: u32) -> u32 {
        let mut root = x;
        while let Some(&p) = self.parent.get(root as usize) {
            if p == root {
                break;
            }
            root = p;
        }
        let mut node = x;
        while node != root {
            let Some(slot) = self.parent.get_mut(node as usize) else {
                break;
            };
            let next = *slot;
            *slot = root;
            node = next;
        }
        root
    }

    /// Joins the sets named `a` and `b` (both roots); returns the name of the
    /// joined set, the smaller of the two.
    pub(crate) fn join_roots(&mut self, a: u32, b: u32) -> u32 {
        let (keep, join) = if a < b { (a, b) } else { (b, a) };
        if let Some(slot) = self.parent.get_mut(join as usize) {
            *slot = keep;
        }
        keep
    }

    /// Joins the sets of `a` and `b`.
    pub(crate) fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.join_roots(ra, rb);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_are_named_by_their_smallest_id() {
        let mut sets = UnionFind::new(5);
        sets.union(3, 1);
        sets.union(4, 3);
        assert_eq!(sets.find(4), 1);
        assert_eq!(sets.find(0), 0);
        sets.grow(7);
        assert_eq!(sets.find(6), 6);
    }
}
