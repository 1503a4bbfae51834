//! Alias groups: ids that name the same vulnerability count once.

use super::interner::Interner;
use super::union_find::UnionFind;
use super::IdKind;

/// The group of every vulnerability id, as the smallest id of its group.
///
/// Ids that are aliases of each other are one vulnerability (union-find
/// over the alias pairs), but two different CVE ids are never merged, even
/// through a chain of aliases: a pair that would join two CVEs is dropped.
/// The pairs are taken in the order of their names, so the groups do not
/// depend on the order the pairs arrived in (an id that aliases two CVEs
/// joins the one that sorts first).
pub(crate) fn alias_groups(names: &Interner, pairs: &[(u32, u32)]) -> Vec<u32> {
    let count = names.len();
    let mut sets = UnionFind::new(count);
    let mut cve: Vec<Option<u32>> = (0..count)
        .map(|i| {
            let id = u32::try_from(i).ok()?;
            (IdKind::of(names.name(id)?) == IdKind::Cve).then_some(id)
        })
        .collect();

    let name = |id: u32| names.name(id).unwrap_or_default();
    let mut sorted: Vec<(u32, u32)> = pairs
        .iter()
        .map(|&(a, b)| if name(a) <= name(b) { (a, b) } else { (b, a) })
        .collect();
    sorted.sort_unstable_by(|x, y| (name(x.0), name(x.1)).cmp(&(name(y.0), name(y.1))));
    sorted.dedup();

    for (a, b) in sorted {
        let (ra, rb) = (sets.find(a), sets.find(b));
        if ra == rb {
            continue;
        }
        let (ca, cb) = (
            cve.get(ra as usize).copied().flatten(),
            cve.get(rb as usize).copied().flatten(),
        );
        if ca.is_some() && cb.is_some() && ca != cb {
            continue;
        }
        let keep = sets.join_roots(ra, rb);
        if let Some(slot) = cve.get_mut(keep as usize) {
            *slot = ca.or(cb);
        }
    }
    (0..count)
        .map(|i| sets.find(u32::try_from(i).unwrap_or(u32::MAX)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn groups(pairs: &[(&str, &str)], extra: &[&str]) -> Vec<Vec<String>> {
        let mut names = Interner::new();
        for id in extra {
            names.intern(id);
        }
        let ids: Vec<(u32, u32)> = pairs
            .iter()
            .map(|(a, b)| (names.intern(a), names.intern(b)))
            .collect();
        let roots = alias_groups(&names, &ids);
        let mut by_root: std::collections::BTreeMap<u32, Vec<String>> = Default::default();
        for (i, root) in roots.iter().enumerate() {
            by_root
                .entry(*root)
                .or_default()
                .push(names.name(i as u32).unwrap().to_owned());
        }
        let mut out: Vec<Vec<String>> = by_root
            .into_values()
            .map(|mut g| {
                g.sort();
                g
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn aliases_join() {
        assert_eq!(
            groups(&[("CVE-1", "GHSA-a"), ("GHSA-a", "GO-1")], &[]),
            vec![vec!["CVE-1", "GHSA-a", "GO-1"]]
        );
    }

    #[test]
    fn two_cves_never_merge_through_a_chain() {
        let g = groups(&[("CVE-1", "GHSA-a"), ("GHSA-a", "CVE-2")], &[]);
        assert_eq!(g, vec![vec!["CVE-1", "GHSA-a"], vec!["CVE-2"]]);
        // Whatever the order the pairs came in.
        let g = groups(&[("GHSA-a", "CVE-2"), ("CVE-1", "GHSA-a")], &[]);
        assert_eq!(g, vec![vec!["CVE-1", "GHSA-a"], vec!["CVE-2"]]);
    }

    #[test]
    fn ids_without_aliases_stand_alone() {
        assert_eq!(
            groups(&[], &["CVE-1", "CVE-2"]),
            vec![vec!["CVE-1"], vec!["CVE-2"]]
        );
    }
}
