//! The vulnerability table, the images view and the highlights straight
//! from record batches: each batch's rows become occurrences and go into the
//! accumulator at once, so that memory is bounded by what the result keeps
//! and one batch, not by the input.

use arrow_array::RecordBatch;
use kubesight::enrichment::Enrichment;
use kubesight::finding::{FindingIndex, RunningImage};
use kubesight::funnel::RuntimeValidation;
use kubesight::highlights::{Highlights, HighlightsAccumulator};
use kubesight::images::{ImagesAccumulator, ImagesView};
use kubesight::integrity::{IntegrityAssessment, Violation};
use kubesight::table::{TableAccumulator, VulnerabilityTable};

use crate::columns::FindingColumns;
use crate::error::ColumnarError;
use crate::findings::BatchOccurrences;

/// The vulnerability table over findings read batch by batch. The same
/// table as [`VulnerabilityTable::build`] over the same findings as
/// occurrences.
#[derive(Debug, Clone)]
pub struct TableReader {
    read: BatchOccurrences,
    index: FindingIndex,
    accumulator: TableAccumulator,
}

impl TableReader {
    /// A reader over the running images `running`, of columns named
    /// `columns`.
    pub fn new(running: &[RunningImage], columns: FindingColumns) -> Self {
        TableReader {
            read: BatchOccurrences::new(columns),
            index: FindingIndex::new(running),
            accumulator: TableAccumulator::new(),
        }
    }

    /// How many rows were read.
    pub fn rows(&self) -> u64 {
        self.read.rows()
    }

    /// Reads one batch. On an error nothing of the batch is added.
    pub fn add(&mut self, batch: &RecordBatch) -> Result<(), ColumnarError> {
        let found = self.read.read(batch)?;
        self.accumulator.add_occurrences(&mut self.index, found);
        Ok(())
    }

    /// The table of every batch read, with the runtime stage shown or not
    /// and the EPSS and KEV signals of `enrichment` when given.
    pub fn finish(
        &self,
        validation: RuntimeValidation,
        enrichment: Option<&Enrichment>,
    ) -> VulnerabilityTable {
        self.accumulator.finish(&self.index, validation, enrichment)
    }
}

/// The images view over findings read batch by batch. The same view as
/// [`ImagesView::build`] over the same findings as occurrences.
#[derive(Debug, Clone)]
pub struct ImagesReader {
    read: BatchOccurrences,
    index: FindingIndex,
    accumulator: ImagesAccumulator,
}

impl ImagesReader {
    /// A reader over the running images `running`, of columns named
    /// `columns`.
    pub fn new(running: &[RunningImage], columns: FindingColumns) -> Self {
        ImagesReader {
            read: BatchOccurrences::new(columns),
            index: FindingIndex::new(running),
            accumulator: ImagesAccumulator::new(),
        }
    }

    /// How many rows were read.
    pub fn rows(&self) -> u64 {
        self.read.rows()
    }

    /// Reads one batch. On an error nothing of the batch is added.
    pub fn add(&mut self, batch: &RecordBatch) -> Result<(), ColumnarError> {
        for o in self.read.read(batch)? {
            self.accumulator.add(&mut self.index, o);
        }
        Ok(())
    }

    /// The view of every batch read, with the integrity of `integrity`'s
    /// assessments.
    pub fn finish(self, integrity: &[IntegrityAssessment]) -> ImagesView {
        self.accumulator.finish(&self.index, integrity)
    }
}

/// The highlights over findings read batch by batch. The same highlights
/// as [`Highlights::of`] over the same findings as occurrences.
#[derive(Debug, Clone)]
pub struct HighlightsReader {
    read: BatchOccurrences,
    index: FindingIndex,
    accumulator: HighlightsAccumulator,
}

impl HighlightsReader {
    /// A reader over the running images `running`, of columns named
    /// `columns`.
    pub fn new(running: &[RunningImage], columns: FindingColumns) -> Self {
        HighlightsReader {
            read: BatchOccurrences::new(columns),
            index: FindingIndex::new(running),
            accumulator: HighlightsAccumulator::new(),
        }
    }

    /// How many rows were read.
    pub fn rows(&self) -> u64 {
        self.read.rows()
    }

    /// Reads one batch. On an error nothing of the batch is added.
    pub fn add(&mut self, batch: &RecordBatch) -> Result<(), ColumnarError> {
        for o in self.read.read(batch)? {
            self.accumulator.add(&self.index, o);
        }
        Ok(())
    }

    /// The highlights of every batch read and of the integrity violations.
    pub fn finish(self, violations: &[Violation]) -> Highlights {
        self.accumulator.finish(&self.index, violations)
    }
}
