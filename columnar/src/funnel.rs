//! The funnel straight from record batches: no occurrence is built, each
//! row goes from its columns to the index's integers.

use arrow_array::RecordBatch;
use kubesight::finding::{
    FindingIndex, FixState, InternedOccurrence, OccurrenceFacts, RunningImage, RuntimeEvidence,
    Skip, Skipped,
};
use kubesight::funnel::{FunnelAccumulator, FunnelResult, PortablePartial, RuntimeValidation};

use crate::columns::FindingColumns;
use crate::error::ColumnarError;
use crate::findings::{Digests, FindingBatch};
use crate::text::Text;

/// A dictionary value's image not yet looked up.
const UNSEEN: u32 = u32::MAX;
/// A dictionary value's digest that no running image has.
const NOT_RUNNING: u32 = u32::MAX - 1;

/// The funnel over findings read batch by batch, in memory bounded by the
/// distinct vulnerabilities and images, not by the rows. The same result as
/// [`kubesight::funnel::compute`] over the same findings as occurrences.
#[derive(Debug, Clone)]
pub struct FunnelReader {
    columns: FindingColumns,
    index: FindingIndex,
    accumulator: FunnelAccumulator,
    skipped: Skipped,
    rows: u64,
    /// Scratch: the rows kept in a batch, their images and facts.
    kept: Vec<(usize, u32, OccurrenceFacts)>,
    ids: Vec<u32>,
}

impl FunnelReader {
    /// A reader over the running images `running`, of columns named
    /// `columns`.
    pub fn new(running: &[RunningImage], columns: FindingColumns) -> Self {
        let index = FindingIndex::new(running);
        FunnelReader {
            columns,
            accumulator: FunnelAccumulator::for_index(&index),
            index,
            skipped: Skipped::default(),
            rows: 0,
            kept: Vec::new(),
            ids: Vec::new(),
        }
    }

    /// How many rows were read.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Reads one batch. On an error nothing of the batch is counted.
    pub fn add(&mut self, batch: &RecordBatch) -> Result<(), ColumnarError> {
        let view = FindingBatch::of(batch, &self.columns)?;
        let first = self.rows;
        let mut digests = Digests::default();
        let mut skipped = Skipped::default();
        self.kept.clear();
        // Every row's values are read, as a finding given as a record is
        // parsed whole: a bad value is an error on a row left out too. Then
        // the rows are left out in the order the core's index takes them:
        // malicious first, then not running, then not scanned.
        let mut last: Option<(&str, Option<u32>)> = None;
        // A dictionary's digests are parsed and looked up once per value.
        let mut by_key = vec![UNSEEN; view.image.dictionary_len().unwrap_or(0)];
        for i in 0..view.rows {
            let row = first + i as u64;
            view.vulnerability(i, row)?;
            let fix_state = view.fix_state(i, row)?;
            let (severity, applicability) = (view.severity(i, row)?, view.applicability(i, row)?);
            let runtime = view.runtime(i, row)?;
            let mut image = None;
            for (key, text) in view.image.row_keyed(i) {
                let known = key.and_then(|k| by_key.get(k).copied());
                let found = match (known, last) {
                    (Some(slot), _) if slot != UNSEEN => (slot != NOT_RUNNING).then_some(slot),
                    (_, Some((t, found))) if t == text => found,
                    _ => {
                        let digest = digests.read(text, &view.names.image, row)?;
                        let found = self.index.image_of(digest.as_str());
                        last = Some((text, found));
                        found
                    }
                };
                if let Some(slot) = key.and_then(|k| by_key.get_mut(k)) {
                    *slot = found.unwrap_or(NOT_RUNNING);
                }
                image = image.or(found);
            }
            if view.malicious(i) {
                skipped.count(Skip::Malicious);
                continue;
            }
            let Some(image) = image else {
                skipped.count(Skip::NotRunning);
                continue;
            };
            if !self.index.is_scanned(image) {
                skipped.count(Skip::NotScanned);
                continue;
            }
            let facts = OccurrenceFacts {
                severity,
                applicability,
                fix_state,
                fix_available: fix_state == FixState::Fixed
                    && view.fix_versions.as_ref().is_some_and(|f| f.has_any(i)),
                runtime: if self.index.is_monitored(image) {
                    runtime
                } else {
                    RuntimeEvidence::Unavailable
                },
            };
            self.kept.push((i, image, facts));
        }
        intern(&mut self.index, &self.kept, &mut self.ids, &view);
        for (&(_, image, facts), &id) in self.kept.iter().zip(&self.ids) {
            self.accumulator
                .add(&InternedOccurrence::new(id, image, facts));
        }
        if let Some(aliases) = &view.aliases {
            for (&(i, _, _), &id) in self.kept.iter().zip(&self.ids) {
                for alias in aliases.row(i) {
                    let name = self
                        .index
                        .vulnerability_name(id)
                        .unwrap_or_default()
                        .to_owned();
                    self.index.add_alias(&name, alias);
                }
            }
        }
        self.skipped.malicious += skipped.malicious;
        self.skipped.not_running += skipped.not_running;
        self.skipped.not_scanned += skipped.not_scanned;
        self.rows += view.rows as u64;
        Ok(())
    }

    /// The partial funnel of everything read, keyed by names, with what was
    /// left out: what a worker of a distributed job sends (in its binary
    /// form, [`PortablePartial::to_bytes`]) for the driver to merge with
    /// [`kubesight::funnel::merge_partials`].
    pub fn to_portable(&self) -> PortablePartial {
        PortablePartial {
            skipped: self.skipped,
            ..self.accumulator.to_portable(&self.index)
        }
    }

    /// The funnel of everything read, with what was left out and why.
    pub fn finish(&self, validation: RuntimeValidation) -> FunnelResult {
        FunnelResult {
            funnel: self.accumulator.finish(&self.index, validation),
            skipped: self.skipped,
        }
    }
}

/// The kept rows' vulnerability ids, interned: a dictionary's values
/// once each, plain strings many at a time.
fn intern(
    index: &mut FindingIndex,
    kept: &[(usize, u32, OccurrenceFacts)],
    ids: &mut Vec<u32>,
    view: &FindingBatch<'_>,
) {
    ids.clear();
    match &view.vulnerability {
        Text::Dictionary { keys, values } => {
            let mut by_key: Vec<u32> = vec![u32::MAX; values.len()];
            for &(i, _, _) in kept {
                let key = keys.get(i).copied().flatten();
                let id = match key.and_then(|k| by_key.get(k).copied()) {
                    Some(id) if id != u32::MAX => id,
                    _ => {
                        let name = key.and_then(|k| values.get(k)).unwrap_or_default();
                        let id = index.intern_vulnerability(name);
                        if let Some(slot) = key.and_then(|k| by_key.get_mut(k)) {
                            *slot = id;
                        }
                        id
                    }
                };
                ids.push(id);
            }
        }
        Text::Plain(plain) => {
            let names = kept
                .iter()
                .map(|&(i, _, _)| plain.get(i).unwrap_or_default());
            index.intern_vulnerabilities(names, ids);
        }
    }
}
