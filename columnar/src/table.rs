//! The vulnerability table straight from record batches: each batch's rows
//! become occurrences and go into the table's accumulator at once, so that
//! memory is bounded by what the table keeps and one batch, not by the
//! input.

use arrow_array::RecordBatch;
use kubesight::enrichment::Enrichment;
use kubesight::finding::{FindingIndex, Occurrence, RunningImage};
use kubesight::funnel::RuntimeValidation;
use kubesight::table::{TableAccumulator, VulnerabilityTable};

use crate::columns::FindingColumns;
use crate::error::ColumnarError;
use crate::findings::{Digests, FindingBatch};

/// The vulnerability table over findings read batch by batch. The same
/// table as [`VulnerabilityTable::build`] over the same findings as
/// occurrences.
#[derive(Debug, Clone)]
pub struct TableReader {
    columns: FindingColumns,
    index: FindingIndex,
    accumulator: TableAccumulator,
    rows: u64,
    /// Scratch: one batch's occurrences.
    batch: Vec<Occurrence>,
}

impl TableReader {
    /// A reader over the running images `running`, of columns named
    /// `columns`.
    pub fn new(running: &[RunningImage], columns: FindingColumns) -> Self {
        TableReader {
            columns,
            index: FindingIndex::new(running),
            accumulator: TableAccumulator::new(),
            rows: 0,
            batch: Vec::new(),
        }
    }

    /// How many rows were read.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Reads one batch. On an error nothing of the batch is added.
    pub fn add(&mut self, batch: &RecordBatch) -> Result<(), ColumnarError> {
        let view = FindingBatch::of(batch, &self.columns)?;
        let mut digests = Digests::default();
        self.batch.clear();
        self.batch.reserve(view.rows);
        for i in 0..view.rows {
            self.batch
                .push(view.occurrence(i, self.rows, &mut digests)?);
        }
        self.accumulator
            .add_occurrences(&mut self.index, &self.batch);
        self.rows += view.rows as u64;
        self.batch.clear();
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
