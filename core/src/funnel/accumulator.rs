//! The funnel's accumulator: mergeable partial results over interned
//! occurrences.

use serde::{Deserialize, Serialize};

use super::counts::{Funnel, StageCount, Undecided};
use super::RuntimeValidation;
use crate::finding::aliases::alias_groups;
use crate::finding::{fact, FindingIndex, InternedOccurrence, Skipped};

/// Why a vulnerability stopped before the next stage, per occurrence.
mod stopped {
    /// Critical or High, but contextual analysis did not decide.
    pub(super) const APPLICABILITY_UNDECIDED: u8 = 1;
    /// Applicable, but the fix state is unknown.
    pub(super) const FIX_UNKNOWN: u8 = 2;
    /// Fixable, but no sensor watches the image.
    pub(super) const RUNTIME_UNAVAILABLE: u8 = 4;
}

/// A vulnerability's state in a [`PortablePartial`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PortableVulnerability {
    /// The vulnerability id (canonical form).
    pub id: String,
    /// The deepest stage reached (1 to 5).
    pub stage: u8,
    /// The highest severity, as its position in the order plus one.
    pub severity: u8,
    /// Why occurrences stopped before the next stage (bits).
    pub stopped: u8,
}

/// A partial funnel keyed by names: vulnerability ids, one digest per image,
/// and the alias pairs seen. Machines that each built their own
/// [`FindingIndex`] exchange these; see [`FunnelAccumulator::to_portable`]
/// and [`FunnelAccumulator::merge_portable`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PortablePartial {
    /// Per vulnerability id seen, its state.
    pub vulnerabilities: Vec<PortableVulnerability>,
    /// Per image with an occurrence, one of its digests and the deepest
    /// stage reached.
    pub images: Vec<(String, u8)>,
    /// The alias pairs seen.
    pub aliases: Vec<(String, String)>,
    /// How many occurrences were added.
    pub occurrences: u64,
    /// The findings the partition left out, and why (the accumulator does
    /// not see them: whoever read the findings sets them).
    #[serde(default)]
    pub skipped: Skipped,
}

/// What the accumulator keeps per vulnerability id, in one place so that an
/// update touches one cache line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
struct VulnerabilityState {
    /// The deepest stage an occurrence reached (0: none seen).
    stage: u8,
    /// The highest severity, as its position in the order plus one (0: none).
    severity: u8,
    /// Why occurrences stopped before the next stage ([`stopped`] bits).
    stopped: u8,
}

impl VulnerabilityState {
    fn merge(&mut self, other: VulnerabilityState) {
        self.stage = self.stage.max(other.stage);
        self.severity = self.severity.max(other.severity);
        self.stopped |= other.stopped;
    }
}

/// A partial funnel: per vulnerability id, the deepest stage one of its
/// occurrences reached, its highest severity and why it stopped; per image,
/// the deepest stage. Partial results from any partition of the occurrences
/// (files, clusters, threads) merge into exactly the result of one pass,
/// since every field merges by maximum or union. It serializes with serde.
///
/// Ids are those of the [`FindingIndex`] the occurrences were interned
/// through: partitions merged together must share it. Its memory is three
/// bytes per vulnerability id and one per image (200,000 ids and 50,000
/// images: 650 KB), whatever the number of occurrences.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FunnelAccumulator {
    vulnerabilities: Vec<VulnerabilityState>,
    image_stage: Vec<u8>,
    occurrences: u64,
}

impl FunnelAccumulator {
    /// An empty accumulator.
    pub fn new() -> Self {
        FunnelAccumulator::default()
    }

    /// An empty accumulator sized for `index`'s ids so far.
    pub fn for_index(index: &FindingIndex) -> Self {
        FunnelAccumulator {
            vulnerabilities: vec![VulnerabilityState::default(); index.vulnerabilities.len()],
            image_stage: vec![0; index.images()],
            occurrences: 0,
        }
    }

    /// Adds one occurrence.
    #[inline]
    pub fn add(&mut self, occurrence: &InternedOccurrence) {
        let f = occurrence.facts;
        let stage = fact::stage(f);
        // The stage reached, the next one not, for lack of a fact.
        let stopped = (u8::from(stage == 2 && f & fact::APPLICABILITY_UNDECIDED != 0)
            * stopped::APPLICABILITY_UNDECIDED)
            | (u8::from(stage == 3 && f & fact::FIX_UNKNOWN != 0) * stopped::FIX_UNKNOWN)
            | (u8::from(stage == 4 && f & fact::RUNTIME_UNAVAILABLE != 0)
                * stopped::RUNTIME_UNAVAILABLE);
        let update = VulnerabilityState {
            stage,
            severity: (f & fact::SEVERITY) as u8 + 1,
            stopped,
        };

        let v = occurrence.vulnerability as usize;
        if v >= self.vulnerabilities.len() {
            self.vulnerabilities
                .resize(v + 1, VulnerabilityState::default());
        }
        if let Some(state) = self.vulnerabilities.get_mut(v) {
            state.merge(update);
        }
        let i = occurrence.image as usize;
        if i >= self.image_stage.len() {
            self.image_stage.resize(i + 1, 0);
        }
        if let Some(s) = self.image_stage.get_mut(i) {
            *s = (*s).max(stage);
        }
        self.occurrences += 1;
    }

    /// Adds many occurrences.
    pub fn add_all(&mut self, occurrences: &[InternedOccurrence]) {
        for occurrence in occurrences {
            self.add(occurrence);
        }
    }

    /// Merges another partial result into this one.
    pub fn merge(&mut self, other: &FunnelAccumulator) {
        if self.vulnerabilities.len() < other.vulnerabilities.len() {
            self.vulnerabilities
                .resize(other.vulnerabilities.len(), VulnerabilityState::default());
        }
        for (a, &b) in self.vulnerabilities.iter_mut().zip(&other.vulnerabilities) {
            a.merge(b);
        }
        if self.image_stage.len() < other.image_stage.len() {
            self.image_stage.resize(other.image_stage.len(), 0);
        }
        for (a, &b) in self.image_stage.iter_mut().zip(&other.image_stage) {
            *a = (*a).max(b);
        }
        self.occurrences += other.occurrences;
    }

    /// This partial result keyed by names rather than by `index`'s ids, for
    /// shipping to a machine with an index of its own.
    pub fn to_portable(&self, index: &FindingIndex) -> PortablePartial {
        let vulnerabilities = self
            .vulnerabilities
            .iter()
            .enumerate()
            .filter(|(_, state)| state.stage > 0)
            .filter_map(|(id, state)| {
                let name = index.vulnerabilities.name(u32::try_from(id).ok()?)?;
                Some(PortableVulnerability {
                    id: name.to_owned(),
                    stage: state.stage,
                    severity: state.severity,
                    stopped: state.stopped,
                })
            })
            .collect();
        let images = self
            .image_stage
            .iter()
            .enumerate()
            .filter(|(_, &stage)| stage > 0)
            .filter_map(|(image, &stage)| {
                Some((
                    index.image_digest(u32::try_from(image).ok()?)?.to_owned(),
                    stage,
                ))
            })
            .collect();
        let aliases = index
            .aliases
            .iter()
            .filter_map(|&(a, b)| {
                Some((
                    index.vulnerabilities.name(a)?.to_owned(),
                    index.vulnerabilities.name(b)?.to_owned(),
                ))
            })
            .collect();
        PortablePartial {
            vulnerabilities,
            images,
            aliases,
            occurrences: self.occurrences,
            skipped: Skipped::default(),
        }
    }

    /// Merges a partial result shipped from another machine, interning its
    /// names through `index` (images it names that `index` does not run are
    /// left out).
    pub fn merge_portable(&mut self, index: &mut FindingIndex, partial: &PortablePartial) {
        for (a, b) in &partial.aliases {
            index.add_alias(a, b);
        }
        for vulnerability in &partial.vulnerabilities {
            let id = index.intern_vulnerability(&vulnerability.id) as usize;
            if id >= self.vulnerabilities.len() {
                self.vulnerabilities
                    .resize(id + 1, VulnerabilityState::default());
            }
            if let Some(state) = self.vulnerabilities.get_mut(id) {
                state.merge(VulnerabilityState {
                    stage: vulnerability.stage,
                    severity: vulnerability.severity,
                    stopped: vulnerability.stopped,
                });
            }
        }
        for (digest, stage) in &partial.images {
            let Some(image) = index.image_of(digest) else {
                continue;
            };
            let i = image as usize;
            if i >= self.image_stage.len() {
                self.image_stage.resize(i + 1, 0);
            }
            if let Some(s) = self.image_stage.get_mut(i) {
                *s = (*s).max(*stage);
            }
        }
        self.occurrences += partial.occurrences;
    }

    /// How many occurrences were added.
    pub fn occurrences(&self) -> u64 {
        self.occurrences
    }

    /// The funnel: distinct vulnerabilities (alias groups) and distinct
    /// images per stage. `validation` says whether the installation has
    /// sensors (status `full`); without, the Validated in Runtime stage is
    /// absent, not zero.
    pub fn finish(&self, index: &FindingIndex, validation: RuntimeValidation) -> Funnel {
        let runtime_validation = validation.is_available();
        let groups = alias_groups(&index.vulnerabilities, &index.aliases);
        // Per group: deepest stage, highest severity, why stopped.
        let mut group_stage = vec![0u8; groups.len()];
        let mut group_severity = vec![0u8; groups.len()];
        let mut group_stopped = vec![0u8; groups.len()];
        for (id, &group) in groups.iter().enumerate() {
            let g = group as usize;
            let state = self.vulnerabilities.get(id).copied().unwrap_or_default();
            if let Some(s) = group_stage.get_mut(g) {
                *s = (*s).max(state.stage);
            }
            if let Some(s) = group_severity.get_mut(g) {
                *s = (*s).max(state.severity);
            }
            if let Some(s) = group_stopped.get_mut(g) {
                *s |= state.stopped;
            }
        }
        let mut vulnerabilities = [0u64; 6];
        let mut undecided = Undecided::default();
        let mut by_severity = [0u64; 5];
        for ((&stage, &severity), &stopped_bits) in
            group_stage.iter().zip(&group_severity).zip(&group_stopped)
        {
            if stage == 0 {
                continue;
            }
            for depth in 1..=stage {
                if let Some(n) = vulnerabilities.get_mut(depth as usize) {
                    *n += 1;
                }
            }
            if let Some(n) = by_severity.get_mut(severity_index(severity)) {
                *n += 1;
            }
            match stage {
                2 if stopped_bits & stopped::APPLICABILITY_UNDECIDED != 0 => {
                    undecided.applicability += 1
                }
                3 if stopped_bits & stopped::FIX_UNKNOWN != 0 => undecided.fix += 1,
                4 if runtime_validation && stopped_bits & stopped::RUNTIME_UNAVAILABLE != 0 => {
                    undecided.runtime += 1;
                }
                _ => {}
            }
        }
        let mut images = [0u64; 6];
        for &stage in &self.image_stage {
            for depth in 1..=stage {
                if let Some(n) = images.get_mut(depth as usize) {
                    *n += 1;
                }
            }
        }
        let count = |depth: usize| StageCount {
            vulnerabilities: vulnerabilities.get(depth).copied().unwrap_or(0),
            images: images.get(depth).copied().unwrap_or(0),
        };
        Funnel {
            all: count(1),
            critical_high: count(2),
            applicable: count(3),
            with_fix: count(4),
            validated_in_runtime: runtime_validation.then(|| count(5)),
            undecided,
            by_severity: crate::SeverityCounts {
                critical: by_severity.get(4).copied().unwrap_or(0),
                high: by_severity.get(3).copied().unwrap_or(0),
                medium: by_severity.get(2).copied().unwrap_or(0),
                low: by_severity.get(1).copied().unwrap_or(0),
                unknown: by_severity.first().copied().unwrap_or(0),
            },
            occurrences: self.occurrences,
        }
    }
}

/// The position in [`Severity`](crate::Severity)'s order (0 unknown to 4
/// critical) of a stored severity (stored as position + 1, 0 meaning none).
fn severity_index(stored: u8) -> usize {
    usize::from(stored.saturating_sub(1)).min(4)
}
