//! The table's accumulator: what each vulnerability id and each (id, image)
//! pair needs, gathered occurrence by occurrence and mergeable across
//! partitions.

use super::row::StopReason;
use crate::finding::CvssScore;
use crate::finding::{
    fact, FindingIndex, InternedOccurrence, Interner, Occurrence, Package, Skip, Skipped,
};

/// What the table keeps per vulnerability id: the funnel's state, and the
/// sets of facts its occurrences had.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct IdState {
    /// The deepest stage an occurrence reached (0: none seen).
    pub(crate) stage: u8,
    /// The highest severity, as its position in the order plus one.
    pub(crate) severity: u8,
    /// Why occurrences stopped where they did, as bits of
    /// [`StopReason::ALL`] positions.
    pub(crate) stopped: u8,
    /// Applicabilities seen, as bits of `Applicability::ALL` positions.
    pub(crate) applicability: u8,
    /// Fix states seen, as bits of `FixState::ALL` positions.
    pub(crate) fix: u8,
    /// Runtime evidence seen, as bits of `RuntimeEvidence::ALL` positions.
    pub(crate) runtime: u8,
}

impl IdState {
    pub(crate) fn merge(&mut self, other: IdState) {
        self.stage = self.stage.max(other.stage);
        self.severity = self.severity.max(other.severity);
        self.stopped |= other.stopped;
        self.applicability |= other.applicability;
        self.fix |= other.fix;
        self.runtime |= other.runtime;
    }

    /// The state one occurrence contributes, and whether it was seen loaded.
    #[inline]
    fn of(f: u16) -> (IdState, bool) {
        let bit = |flag: u16| u8::from(f & flag != 0);
        let critical_high = bit(fact::CRITICAL_HIGH);
        let applicable = critical_high & bit(fact::APPLICABLE);
        let fixable = applicable & bit(fact::FIX_AVAILABLE);
        let loaded = fixable & bit(fact::LOADED);
        let stage = 1 + critical_high + applicable + fixable + loaded;
        let reason = match stage {
            1 => Some(StopReason::NotCriticalHigh),
            2 if f & fact::APPLICABILITY_UNDECIDED != 0 => Some(StopReason::ApplicabilityUndecided),
            2 => Some(StopReason::NotApplicable),
            3 if f & fact::FIX_UNKNOWN != 0 => Some(StopReason::FixUnknown),
            3 => Some(StopReason::NoFix),
            4 if f & fact::RUNTIME_UNAVAILABLE != 0 => Some(StopReason::RuntimeUnavailable),
            4 => Some(StopReason::NotLoaded),
            _ => None,
        };
        let seen_loaded = f & fact::LOADED != 0;
        let runtime = if seen_loaded {
            1
        } else if f & fact::RUNTIME_UNAVAILABLE != 0 {
            4
        } else {
            2
        };
        (
            IdState {
                stage,
                severity: (f & fact::SEVERITY) as u8 + 1,
                stopped: reason.map_or(0, |r| 1 << r as u8),
                applicability: 1 << ((f >> fact::APPLICABILITY_SHIFT) & 7),
                fix: 1 << ((f >> fact::FIX_STATE_SHIFT) & 3),
                runtime,
            },
            seen_loaded,
        )
    }
}

/// A partial vulnerability table: per vulnerability id its funnel state and
/// the facts its occurrences had, the images each id is on, and (for
/// occurrences added whole) their packages, severity sources and CVSS scores,
/// and the malicious packages on running images. Partial tables from any
/// partition of the occurrences merge into the table of one pass; ids are
/// those of the [`FindingIndex`] the occurrences went through, which
/// partitions merged together must share.
#[derive(Debug, Clone, Default)]
pub struct TableAccumulator {
    pub(crate) ids: Vec<IdState>,
    /// `id << 32 | image << 1 | loaded`, one per occurrence but for a
    /// repeat of the one before (duplicates go when the table is built: a
    /// marker per id here would cost a second cache miss per occurrence).
    pub(crate) placements: Vec<u64>,
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
}

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
        let (state, loaded) = IdState::of(occurrence.facts);
        let v = occurrence.vulnerability as usize;
        if v >= self.ids.len() {
            self.ids.resize(v + 1, IdState::default());
        }
        if let Some(s) = self.ids.get_mut(v) {
            s.merge(state);
        }
        let placement = (u64::from(occurrence.vulnerability) << 32)
            | (u64::from(occurrence.image) << 1)
            | u64::from(loaded);
        if self.placements.last() != Some(&placement) {
            self.placements.push(placement);
        }
        self.occurrences += 1;
    }

    /// Adds many interned occurrences.
    pub fn add_all(&mut self, occurrences: &[InternedOccurrence]) {
        // At most one placement an occurrence; pages never written are
        // never resident.
        self.placements.reserve(occurrences.len());
        for o in occurrences {
            self.add(o);
        }
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
        }
        if let Some(source) = &occurrence.severity_source {
            let pair = (v, self.sources.intern(source));
            if self.source_pairs.last() != Some(&pair) {
                self.source_pairs.push(pair);
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
            self.ids.resize(other.ids.len(), IdState::default());
        }
        for (a, &b) in self.ids.iter_mut().zip(&other.ids) {
            a.merge(b);
        }
        self.placements.extend_from_slice(&other.placements);
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
