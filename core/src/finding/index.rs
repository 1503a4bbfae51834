//! The index of running images, and the interning of occurrences into the
//! integers the funnel, the highlights, the scan status and the trend work on.

use serde::{Deserialize, Serialize};

use super::interner::Interner;
use super::union_find::UnionFind;
use super::{canonical_id, Applicability, FixState, Occurrence, RunningImage, RuntimeEvidence};
use crate::Severity;

/// The facts of one occurrence that the funnel needs, packed in 16 bits.
pub(crate) mod fact {
    /// The severity, as its position in [`Severity`](crate::Severity)'s
    /// order (0 unknown to 4 critical).
    pub(crate) const SEVERITY: u16 = 0b111;
    /// Critical or High.
    pub(crate) const CRITICAL_HIGH: u16 = 1 << 3;
    /// Confirmed applicable.
    pub(crate) const APPLICABLE: u16 = 1 << 4;
    /// Applicability undetermined, not covered or not scanned.
    pub(crate) const APPLICABILITY_UNDECIDED: u16 = 1 << 5;
    /// A fix version is available.
    pub(crate) const FIX_AVAILABLE: u16 = 1 << 6;
    /// The fix state is unknown.
    pub(crate) const FIX_UNKNOWN: u16 = 1 << 7;
    /// Seen loaded at runtime.
    pub(crate) const LOADED: u16 = 1 << 8;
    /// No sensor watches the image.
    pub(crate) const RUNTIME_UNAVAILABLE: u16 = 1 << 9;
    /// The applicability, as its position in [`Applicability::ALL`]
    /// (three bits from here).
    ///
    /// [`Applicability::ALL`]: crate::finding::Applicability::ALL
    pub(crate) const APPLICABILITY_SHIFT: u16 = 10;
    /// The fix state, as its position in [`FixState::ALL`] (two bits from
    /// here).
    ///
    /// [`FixState::ALL`]: crate::finding::FixState::ALL
    pub(crate) const FIX_STATE_SHIFT: u16 = 13;

    /// The deepest funnel stage facts `f` reach, 1 (all) to 5 (validated in
    /// runtime): each stage needs the one before (occurrence-level
    /// conjunction). Without a branch, for the funnel's and the table's
    /// loops over millions of occurrences.
    #[inline]
    pub(crate) const fn stage(f: u16) -> u8 {
        let critical_high = (f & CRITICAL_HIGH != 0) as u8;
        let applicable = critical_high & (f & APPLICABLE != 0) as u8;
        let fixable = applicable & (f & FIX_AVAILABLE != 0) as u8;
        let loaded = fixable & (f & LOADED != 0) as u8;
        1 + critical_high + applicable + fixable + loaded
    }
}

/// An occurrence as integers: its vulnerability id, its image and its
/// facts. Made by [`FindingIndex::intern`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct InternedOccurrence {
    pub(crate) vulnerability: u32,
    pub(crate) image: u32,
    pub(crate) facts: u16,
}

/// The facts of one occurrence, as the funnel reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OccurrenceFacts {
    /// Its severity.
    pub severity: Severity,
    /// What contextual analysis concluded.
    pub applicability: Applicability,
    /// The fix state.
    pub fix_state: FixState,
    /// Whether a fix version is available (see
    /// [`Fix::is_available`](crate::finding::Fix::is_available)).
    pub fix_available: bool,
    /// What the runtime sensors saw (already `unavailable` when no sensor
    /// watches the image).
    pub runtime: RuntimeEvidence,
}

impl OccurrenceFacts {
    /// The facts of `occurrence`, on an image a sensor watches or not.
    pub(crate) fn of(occurrence: &Occurrence, monitored: bool) -> Self {
        OccurrenceFacts {
            severity: occurrence.severity,
            applicability: occurrence.applicability,
            fix_state: occurrence.fix.state,
            fix_available: occurrence.fix.is_available(),
            runtime: if monitored {
                occurrence.runtime
            } else {
                RuntimeEvidence::Unavailable
            },
        }
    }
}

impl InternedOccurrence {
    /// An occurrence from the ids an index gave its vulnerability and image,
    /// and its facts: for callers that intern their own way (a columnar
    /// store, a batch from another process).
    pub fn new(vulnerability: u32, image: u32, facts: OccurrenceFacts) -> Self {
        let bit = |condition: bool, flag: u16| if condition { flag } else { 0 };
        let packed = u16::from(facts.severity.rank())
            | bit(
                matches!(facts.severity, Severity::Critical | Severity::High),
                fact::CRITICAL_HIGH,
            )
            | bit(
                facts.applicability == Applicability::Applicable,
                fact::APPLICABLE,
            )
            | bit(
                facts.applicability.is_undecided(),
                fact::APPLICABILITY_UNDECIDED,
            )
            | bit(facts.fix_available, fact::FIX_AVAILABLE)
            | bit(facts.fix_state == FixState::Unknown, fact::FIX_UNKNOWN)
            | bit(facts.runtime == RuntimeEvidence::Loaded, fact::LOADED)
            | bit(
                facts.runtime == RuntimeEvidence::Unavailable,
                fact::RUNTIME_UNAVAILABLE,
            )
            | (facts.applicability.position() << fact::APPLICABILITY_SHIFT)
            | (facts.fix_state.position() << fact::FIX_STATE_SHIFT);
        InternedOccurrence {
            vulnerability,
            image,
            facts: packed,
        }
    }
}

/// Why an occurrence does not enter the funnel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// A malicious-package finding: counted in the highlights, never in the
    /// funnel.
    Malicious,
    /// None of its digests is a running image's.
    NotRunning,
    /// Its image runs, but the inventory says it was not scanned: the funnel
    /// counts scanned running images only, as the scan status does.
    NotScanned,
}

/// How many occurrences were left out, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Skipped {
    /// Malicious-package findings.
    pub malicious: u64,
    /// Findings on images that are not running.
    pub not_running: u64,
    /// Findings on running images the inventory says were not scanned.
    pub not_scanned: u64,
}

impl Skipped {
    /// Counts one occurrence left out for `skip`.
    pub fn count(&mut self, skip: Skip) {
        match skip {
            Skip::Malicious => self.malicious += 1,
            Skip::NotRunning => self.not_running += 1,
            Skip::NotScanned => self.not_scanned += 1,
        }
    }
}

/// The running images and the ids of everything interned so far: build it
/// once from the inventory, intern occurrences through it (an explicit,
/// reusable step), then feed the interned occurrences to any number of
/// accumulators.
///
/// Images are identified by their digests: two running images that share a
/// digest (a runtime's repository digest and a scanner's manifest digest of
/// the same image, say) are one image. An occurrence belongs to the running
/// image that holds any of its digests. Only occurrences on running images the
/// inventory marks scanned enter the funnel, so that the funnel and the scan
/// status agree.
#[derive(Debug, Clone, Default)]
pub struct FindingIndex {
    pub(crate) vulnerabilities: Interner,
    digests: Interner,
    /// The image of each interned digest.
    image_of_digest: Vec<u32>,
    /// Per image: whether a runtime sensor watches it.
    monitored: Vec<bool>,
    /// Per image: whether the inventory says it was scanned.
    scanned: Vec<bool>,
    /// Per image: one of its digests (the first interned).
    representative: Vec<u32>,
    /// Alias pairs seen, as vulnerability ids.
    pub(crate) aliases: Vec<(u32, u32)>,
    /// Per image: where it runs, as the inventory says (deduplicated).
    deployments: Vec<Vec<super::Deployment>>,
}

impl FindingIndex {
    /// The index of a running-image inventory.
    pub fn new(running: &[RunningImage]) -> Self {
        let mut digests = Interner::new();
        let mut sets = UnionFind::new(0);
        for image in running {
            let ids: Vec<u32> = image
                .digests
                .iter()
                .map(|d| digests.intern(d.as_str()))
                .collect();
            sets.grow(digests.len());
            if let Some((&first, rest)) = ids.split_first() {
                for &id in rest {
                    sets.union(first, id);
                }
            }
        }
        // Dense image ids, in order of first digest.
        let mut image_of_root = vec![u32::MAX; digests.len()];
        let mut image_of_digest = vec![u32::MAX; digests.len()];
        let mut images = 0u32;
        let mut representative = Vec::new();
        for digest in 0..digests.len() {
            let root = sets.find(u32::try_from(digest).unwrap_or(u32::MAX)) as usize;
            let image = match image_of_root.get_mut(root) {
                Some(slot) if *slot == u32::MAX => {
                    *slot = images;
                    images += 1;
                    representative.push(u32::try_from(digest).unwrap_or(u32::MAX));
                    *slot
                }
                Some(slot) => *slot,
                None => continue,
            };
            if let Some(slot) = image_of_digest.get_mut(digest) {
                *slot = image;
            }
        }
        let mut monitored = vec![false; images as usize];
        let mut scanned = vec![false; images as usize];
        let mut deployments: Vec<Vec<super::Deployment>> = vec![Vec::new(); images as usize];
        for image in running {
            let Some(id) = image
                .digests
                .first()
                .and_then(|d| digests.get(d.as_str()))
                .and_then(|d| image_of_digest.get(d as usize).copied())
            else {
                continue;
            };
            if let Some(m) = monitored.get_mut(id as usize) {
                *m |= image.monitored;
            }
            if let Some(s) = scanned.get_mut(id as usize) {
                *s |= image.scanned;
            }
            if let Some(d) = deployments.get_mut(id as usize) {
                for deployment in &image.deployments {
                    if !d.contains(deployment) {
                        d.push(deployment.clone());
                    }
                }
            }
        }
        FindingIndex {
            vulnerabilities: Interner::new(),
            digests,
            image_of_digest,
            monitored,
            scanned,
            representative,
            aliases: Vec::new(),
            deployments,
        }
    }

    /// Where running image `image` runs, as the inventory says.
    pub fn deployments(&self, image: u32) -> &[super::Deployment] {
        self.deployments
            .get(image as usize)
            .map_or(&[], Vec::as_slice)
    }

    /// Whether the inventory says running image `image` was scanned.
    pub fn is_scanned(&self, image: u32) -> bool {
        self.scanned.get(image as usize).copied().unwrap_or(false)
    }

    /// Whether a runtime sensor watches running image `image`.
    pub fn is_monitored(&self, image: u32) -> bool {
        self.monitored.get(image as usize).copied().unwrap_or(false)
    }

    /// Per running image, every digest of it, in the order first interned.
    pub fn image_digests(&self) -> Vec<Vec<&str>> {
        let mut out: Vec<Vec<&str>> = vec![Vec::new(); self.images()];
        for (d, &image) in self.image_of_digest.iter().enumerate() {
            let name = u32::try_from(d).ok().and_then(|d| self.digests.name(d));
            if let (Some(list), Some(name)) = (out.get_mut(image as usize), name) {
                list.push(name);
            }
        }
        out
    }

    /// The name of interned vulnerability id `id`.
    pub fn vulnerability_name(&self, id: u32) -> Option<&str> {
        self.vulnerabilities.name(id)
    }

    /// How many distinct running images the inventory holds.
    pub fn images(&self) -> usize {
        self.monitored.len()
    }

    /// How many running images the inventory says were scanned.
    pub fn scanned_images(&self) -> usize {
        self.scanned.iter().filter(|&&s| s).count()
    }

    /// One digest of running image `image` (the first interned).
    pub fn image_digest(&self, image: u32) -> Option<&str> {
        self.representative
            .get(image as usize)
            .and_then(|&d| self.digests.name(d))
    }

    /// One digest (the first listed) of each running image the inventory
    /// says was not scanned.
    pub fn unscanned_image_digests(&self) -> impl Iterator<Item = &str> {
        self.scanned
            .iter()
            .zip(&self.representative)
            .filter(|(&scanned, _)| !scanned)
            .filter_map(|(_, &digest)| self.digests.name(digest))
    }

    /// The running image one of whose digests is `digest`.
    pub fn image_of(&self, digest: &str) -> Option<u32> {
        self.digests
            .get(digest)
            .and_then(|d| self.image_of_digest.get(d as usize).copied())
    }

    /// Interns one occurrence, or says why it does not enter the funnel. Its
    /// aliases are recorded for grouping. An occurrence on an image no sensor
    /// watches has no runtime evidence, whatever it says.
    pub fn intern(&mut self, occurrence: &Occurrence) -> Result<InternedOccurrence, Skip> {
        if occurrence.malicious {
            return Err(Skip::Malicious);
        }
        let image = occurrence
            .image
            .iter()
            .find_map(|d| self.image_of(d.as_str()))
            .ok_or(Skip::NotRunning)?;
        if !self.scanned.get(image as usize).copied().unwrap_or(false) {
            return Err(Skip::NotScanned);
        }
        let vulnerability = self
            .vulnerabilities
            .intern(&canonical_id(&occurrence.vulnerability));
        for alias in &occurrence.aliases {
            let alias = self.vulnerabilities.intern(&canonical_id(alias));
            if alias != vulnerability {
                self.aliases.push((vulnerability, alias));
            }
        }
        let monitored = self.monitored.get(image as usize).copied().unwrap_or(false);
        Ok(InternedOccurrence::new(
            vulnerability,
            image,
            OccurrenceFacts::of(occurrence, monitored),
        ))
    }

    /// Interns many occurrences; returns those that enter the funnel and how
    /// many were left out.
    pub fn intern_all<'a>(
        &mut self,
        occurrences: impl IntoIterator<Item = &'a Occurrence>,
    ) -> (Vec<InternedOccurrence>, Skipped) {
        let mut skipped = Skipped::default();
        let interned = occurrences
            .into_iter()
            .filter_map(|o| match self.intern(o) {
                Ok(i) => Some(i),
                Err(skip) => {
                    skipped.count(skip);
                    None
                }
            })
            .collect();
        (interned, skipped)
    }

    /// Interns a vulnerability id, for callers that build
    /// [`InternedOccurrence`]s themselves.
    pub fn intern_vulnerability(&mut self, id: &str) -> u32 {
        self.vulnerabilities.intern(&canonical_id(id))
    }

    /// Interns many vulnerability ids (a report's findings, say), appending
    /// their ids to `out` in order: the same as
    /// [`intern_vulnerability`](Self::intern_vulnerability) on each, faster
    /// on large inputs (see [`Interner::intern_many`]).
    pub fn intern_vulnerabilities<'a>(
        &mut self,
        ids: impl IntoIterator<Item = &'a str>,
        out: &mut Vec<u32>,
    ) {
        self.vulnerabilities
            .intern_many(ids.into_iter().map(canonical_id), out);
    }

    /// How many distinct vulnerabilities (alias groups) the ids `ids` form,
    /// given the aliases this index has seen and the extra pairs `more`.
    pub fn count_groups<'a>(
        &self,
        ids: impl IntoIterator<Item = &'a str>,
        more: &[(String, String)],
    ) -> u64 {
        let mut names = self.vulnerabilities.clone();
        let mut pairs = self.aliases.clone();
        for (a, b) in more {
            let (a, b) = (names.intern(a), names.intern(b));
            pairs.push((a, b));
        }
        let members: Vec<u32> = ids.into_iter().map(|id| names.intern(id)).collect();
        let groups = super::aliases::alias_groups(&names, &pairs);
        let distinct: std::collections::BTreeSet<u32> = members
            .iter()
            .filter_map(|&m| groups.get(m as usize).copied())
            .collect();
        distinct.len() as u64
    }

    /// Records that two vulnerability ids are aliases of each other.
    pub fn add_alias(&mut self, id: &str, alias: &str) {
        let a = self.intern_vulnerability(id);
        let b = self.intern_vulnerability(alias);
        if a != b {
            self.aliases.push((a, b));
        }
    }
}
