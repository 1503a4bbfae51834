//! The table's accumulator: what each vulnerability id and each (id, image)
//! pair needs, gathered occurrence by occurrence and mergeable across
//! partitions.

use super::segments::Segments;
use super::state::IdState;
use crate::finding::CvssScore;
use crate::finding::{
    FindingIndex, InternedOccurrence, Interner, Occurrence, Package, Skip, Skipped,
};

/// Ids per block of entries, as bits: an entry keeps its id's place in its
/// block in its top byte.
pub(crate) const BLOCK_BITS: u32 = 8;

/// Images from this index on have no room in a block's entry.
pub(crate) const WIDE_IMAGE: u32 = 1 << 23;

/// A partial vulnerability table: per vulnerability id its funnel state and
/// the facts its occurrences had, the images each id is on, and (for
/// occurrences added whole) their packages, severity sources and CVSS scores,
/// and the malicious packages on running images. Partial tables from any
/// partition of the occurrences merge into the table of one pass; ids are
/// those of the [`FindingIndex`] the occurrences went through, which
/// partitions merged together must share.
///
/// It keeps four bytes per vulnerability id and four per occurrence (but
/// for a repeat of the one before on the same image and id block).
#[derive(Debug, Clone, Default)]
pub struct TableAccumulator {
    /// Per id, its state [`IdState::pack`]ed: every occurrence reads and
    /// writes its id's, so the fewer bytes the more of them stay in cache.
    pub(crate) ids: Vec<u32>,
    /// The (id, image) pairs of occurrences by blocks of `1 << BLOCK_BITS`
    /// ids, block `b` holding ids `b << BLOCK_BITS` on: each entry is
    /// `place in block << 24 | image << 1 | loaded`. Grouping them by id
    /// when the table is built then reads one block at a time, in cache;
    /// one list of all of them would be scattered over every id at once.
    /// Repeats go then too: a marker per id here would cost a second cache
    /// miss per occurrence.
    pub(crate) blocks: Vec<Vec<u32>>,
    /// The blocks of partial tables merged into this one, as they were.
    pub(crate) absorbed: Vec<Vec<Vec<u32>>>,
    /// The entries of occurrences added many at once, by block.
    pub(crate) segments: Vec<Segments>,
    /// The pairs on images from [`WIDE_IMAGE`] on: `(id, image << 1 |
    /// loaded)`.
    pub(crate) wide: Vec<(u32, u32)>,
    /// Packages as `name \x1f version \x1f ecosystem \x1f purl`.
    pub(crate) package_keys: Interner,
    pub(crate) packages: Vec<Package>,
    /// Fixed versions, joined by `\x1f`.
    pub(crate) fixes: Interner,
    /// (id, package, fixes).
    pub(crate) details: Vec<(u32, u32, u32)>,
    pub(crate) sources: Interner,
    /// (id, source).
    pub(crate) source_pairs: Vec<(u32, u32)>,
    /// (id, score).
    pub(crate) cvss: Vec<(u32, CvssScore)>,
    /// Malicious-package report ids.
    pub(crate) malicious_ids: Interner,
    /// (package, image, report id) of malicious-package findings.
    pub(crate) malicious: Vec<(u32, u32, u32)>,
    pub(crate) occurrences: u64,
    pub(crate) skipped: Skipped,
    key: String,
    /// The length of `details` or `source_pairs` at which they are
    /// sorted and their repeats dropped: an id's package is repeated on
    /// every image it is on, in rows far apart, and is kept once.
    compact_at: usize,
}

/// The fewest pairs worth compacting.
const COMPACT_FROM: usize = 1 << 16;

impl TableAccumulator {
    /// An empty accumulator.
    pub fn new() -> Self {
        TableAccumulator::default()
    }

    /// How many occurrences were added.
    pub fn occurrences(&self) -> u64 {
        self.occurrences
    }

    /// How many occurrences were left out, and why.
    pub fn skipped(&self) -> Skipped {
        self.skipped
    }

    /// Adds one interned occurrence: its facts and its image (no package:
    /// an interned occurrence carries none).
    #[inline]
    pub fn add(&mut self, occurrence: &InternedOccurrence) {
        let (state, loaded) = IdState::packed(occurrence.facts);
        let v = occurrence.vulnerability as usize;
        if v >= self.ids.len() {
            self.ids.resize(v + 1, 0);
        }
        if let Some(slot) = self.ids.get_mut(v) {
            *slot |= state;
        }
        self.occurrences += 1;
        let image = occurrence.image;
        if image >= WIDE_IMAGE {
            self.wide
                .push((occurrence.vulnerability, (image << 1) | u32::from(loaded)));
            return;
        }
        let block = v >> BLOCK_BITS;
        if block >= self.blocks.len() {
            self.blocks.resize_with(block + 1, Vec::new);
        }
        let entry = ((occurrence.vulnerability & ((1 << BLOCK_BITS) - 1)) << 24)
            | (image << 1)
            | u32::from(loaded);
        if let Some(list) = self.blocks.get_mut(block) {
            if list.last() != Some(&entry) {
                list.push(entry);
            }
        }
    }

    /// Adds many interned occurrences. A million or more are added in two
    /// passes split over the threads of rayon's pool (see `bulk`): the
    /// same table as one [`add`](Self::add) after another.
    pub fn add_all(&mut self, occurrences: &[InternedOccurrence]) {
        self.add_split(occurrences, 1 << 20);
    }

    /// [`add_all`](Self::add_all), in two passes when there are at least
    /// `split`.
    pub(crate) fn add_split(&mut self, occurrences: &[InternedOccurrence], split: usize) {
        if occurrences.len() < split {
            for o in occurrences {
                self.add(o);
            }
            return;
        }
        self.add_bulk(occurrences, rayon::current_num_threads());
    }

    /// Interns one occurrence through `index` and adds it with its package,
    /// severity source and CVSS scores; a malicious-package finding on a
    /// running image goes to the malicious-package list. Says why it was
    /// left out of the vulnerability rows, if it was.
    pub fn add_occurrence(
        &mut self,
        index: &mut FindingIndex,
        occurrence: &Occurrence,
    ) -> Result<(), Skip> {
        if occurrence.malicious {
            self.skipped.count(Skip::Malicious);
            if let Some(image) = occurrence
                .image
                .iter()
                .find_map(|d| index.image_of(d.as_str()))
            {
                let package = self.package(&occurrence.package);
                let id = self
                    .malicious_ids
                    .intern(&crate::finding::canonical_id(&occurrence.vulnerability));
                self.malicious.push((package, image, id));
            }
            return Err(Skip::Malicious);
        }
        let interned = match index.intern(occurrence) {
            Ok(i) => i,
            Err(skip) => {
                self.skipped.count(skip);
                return Err(skip);
            }
        };
        self.add(&interned);
        let v = interned.vulnerability;
        let package = self.package(&occurrence.package);
        self.key.clear();
        for (i, version) in occurrence.fix.versions.iter().enumerate() {
            if i > 0 {
                self.key.push('\u{1f}');
            }
            self.key.push_str(version);
        }
        let fixes = self.fixes.intern(&self.key);
        let detail = (v, package, fixes);
        if self.details.last() != Some(&detail) {
            self.details.push(detail);
            if self.details.len() >= self.compact_at {
                self.compact();
            }
        }
        if let Some(source) = &occurrence.severity_source {
            let pair = (v, self.sources.intern(source));
            if self.source_pairs.last() != Some(&pair) {
                self.source_pairs.push(pair);
                if self.source_pairs.len() >= self.compact_at {
                    self.compact();
                }
            }
        }
        for score in &occurrence.cvss {
            if !self
                .cvss
                .iter()
                .rev()
                .take(8)
                .any(|(id, s)| *id == v && s == score)
            {
                self.cvss.push((v, score.clone()));
            }
        }
        Ok(())
    }

    /// Adds many occurrences (see [`add_occurrence`](Self::add_occurrence)).
    pub fn add_occurrences<'a>(
        &mut self,
        index: &mut FindingIndex,
        occurrences: impl IntoIterator<Item = &'a Occurrence>,
    ) {
        for o in occurrences {
            // What was left out is counted in `skipped`.
            let _ = self.add_occurrence(index, o);
        }
    }

    /// Drops repeated packages and severity sources (the table reads them
    /// sorted and once), then waits till there are twice as many.
    fn compact(&mut self) {
        self.details.sort_unstable();
        self.details.dedup();
        self.source_pairs.sort_unstable();
        self.source_pairs.dedup();
        self.compact_at = (2 * self.details.len().max(self.source_pairs.len())).max(COMPACT_FROM);
    }

    fn package(&mut self, package: &Package) -> u32 {
        self.key.clear();
        for (i, part) in [
            package.name.as_str(),
            package.version.as_str(),
            package.ecosystem.as_deref().unwrap_or(""),
            package.purl.as_deref().unwrap_or(""),
        ]
        .into_iter()
        .enumerate()
        {
            if i > 0 {
                self.key.push('\u{1f}');
            }
            self.key.push_str(part);
        }
        let id = self.package_keys.intern(&self.key);
        if id as usize >= self.packages.len() {
            self.packages.push(package.clone());
        }
        id
    }

    /// Merges another partial table into this one.
    pub fn merge(&mut self, other: &TableAccumulator) {
        if self.ids.len() < other.ids.len() {
            self.ids.resize(other.ids.len(), 0);
        }
        for (a, b) in self.ids.iter_mut().zip(&other.ids) {
            *a |= b;
        }
        self.absorbed.push(other.blocks.clone());
        self.absorbed.extend(other.absorbed.iter().cloned());
        self.segments.extend(other.segments.iter().cloned());
        self.merge_rest(other);
    }

    /// Merges all but the ids' states and the blocks.
    fn merge_rest(&mut self, other: &TableAccumulator) {
        self.wide.extend_from_slice(&other.wide);
        let packages: Vec<u32> = other.packages.iter().map(|p| self.package(p)).collect();
        let fixes: Vec<u32> = (0..other.fixes.len())
            .map(|i| {
                let name = u32::try_from(i)
                    .ok()
                    .and_then(|i| other.fixes.name(i))
                    .unwrap_or_default();
                self.fixes.intern(name)
            })
            .collect();
        let remap = |ids: &[u32], id: u32| ids.get(id as usize).copied().unwrap_or(id);
        self.details.extend(
            other
                .details
                .iter()
                .map(|&(v, p, f)| (v, remap(&packages, p), remap(&fixes, f))),
        );
        let sources: Vec<u32> = (0..other.sources.len())
            .map(|i| {
                let name = u32::try_from(i)
                    .ok()
                    .and_then(|i| other.sources.name(i))
                    .unwrap_or_default();
                self.sources.intern(name)
            })
            .collect();
        self.source_pairs.extend(
            other
                .source_pairs
                .iter()
                .map(|&(v, s)| (v, remap(&sources, s))),
        );
        self.cvss.extend(other.cvss.iter().cloned());
        let malicious_ids: Vec<u32> = (0..other.malicious_ids.len())
            .map(|i| {
                let name = u32::try_from(i)
                    .ok()
                    .and_then(|i| other.malicious_ids.name(i))
                    .unwrap_or_default();
                self.malicious_ids.intern(name)
            })
            .collect();
        self.malicious.extend(
            other
                .malicious
                .iter()
                .map(|&(p, image, id)| (remap(&packages, p), image, remap(&malicious_ids, id))),
        );
        self.occurrences += other.occurrences;
        self.skipped.malicious += other.skipped.malicious;
        self.skipped.not_running += other.skipped.not_running;
        self.skipped.not_scanned += other.skipped.not_scanned;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::RunningImage;

    #[test]
    fn packages_repeated_far_apart_are_kept_once() {
        // 50 images, each with the same 2,000 ids in the same two packages:
        // 200,000 occurrences, 4,000 distinct (id, package) pairs.
        let digest = |i: u32| format!("sha256:{i:064x}");
        let running: Vec<RunningImage> = (0..50)
            .map(|i| {
                serde_json::from_value(serde_json::json!({"digests": [digest(i)], "scanned": true}))
                    .unwrap_or_else(|e| unreachable!("{e}"))
            })
            .collect();
        let mut index = FindingIndex::new(&running);
        let mut table = TableAccumulator::new();
        for image in 0..50 {
            for id in 0..2000 {
                for package in ["openssl", "libssl3"] {
                    let occurrence: Occurrence = serde_json::from_value(serde_json::json!({
                        "image": [digest(image)],
                        "vulnerability": format!("CVE-2024-{id}"),
                        "severity": "high",
                        "package": {"name": package, "version": "3.0.1"},
                        "severity_source": "nvd",
                    }))
                    .unwrap_or_else(|e| unreachable!("{e}"));
                    assert!(table.add_occurrence(&mut index, &occurrence).is_ok());
                }
            }
        }
        assert!(
            table.details.len() < 2 * 4000 + COMPACT_FROM,
            "{}",
            table.details.len()
        );
        assert!(table.source_pairs.len() < 2 * 2000 + COMPACT_FROM);
        let built = table.finish(&index, crate::funnel::RuntimeValidation::Available, None);
        let rows = built.rows();
        assert_eq!(rows.len(), 2000);
        for row in &rows {
            let names: Vec<&str> = row.packages.iter().map(|p| p.name.as_str()).collect();
            assert_eq!(names, ["libssl3", "openssl"], "{}", row.id);
            assert_eq!(row.image_count, 50);
        }
    }
}
