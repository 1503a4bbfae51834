//! Findings from record batches: each row an [`Occurrence`], read with the
//! same defaults as a finding given as a record.

use arrow_array::{BooleanArray, RecordBatch};
use kubesight::finding::{Applicability, Fix, FixState, Occurrence, Package, RuntimeEvidence};

use crate::codes::{EnumColumn, APPLICABILITY, FIX_STATE, RUNTIME, SEVERITY};
use kubesight::{Digest, Severity};

use crate::columns::FindingColumns;
use crate::error::ColumnarError;
use crate::text::{flag, flags, optional, required, Text, Texts};

/// Digests read from a column, the last one remembered: rows of one image
/// come together, and a digest is parsed once per run of them.
#[derive(Default)]
pub(crate) struct Digests<'a> {
    last: Option<(&'a str, Digest)>,
}

impl<'a> Digests<'a> {
    pub(crate) fn read(
        &mut self,
        text: &'a str,
        column: &str,
        row: u64,
    ) -> Result<&Digest, ColumnarError> {
        if self.last.as_ref().is_none_or(|(t, _)| *t != text) {
            let digest = Digest::parse(text).map_err(|e| ColumnarError::InvalidValue {
                column: column.to_owned(),
                row,
                value: text.to_owned(),
                expected: format!("an image digest (`algorithm:hex`): {e}"),
            })?;
            self.last = Some((text, digest));
        }
        match &self.last {
            Some((_, d)) => Ok(d),
            None => Err(ColumnarError::NullValue {
                column: column.to_owned(),
                row,
            }),
        }
    }
}

/// The columns of one batch of findings.
pub(crate) struct FindingBatch<'a> {
    pub(crate) rows: usize,
    pub(crate) names: &'a FindingColumns,
    pub(crate) image: Texts<'a>,
    pub(crate) vulnerability: Text<'a>,
    pub(crate) aliases: Option<Texts<'a>>,
    pub(crate) package_name: Option<Text<'a>>,
    pub(crate) package_version: Option<Text<'a>>,
    pub(crate) package_ecosystem: Option<Text<'a>>,
    pub(crate) package_purl: Option<Text<'a>>,
    pub(crate) severity: EnumColumn<'a, Severity>,
    pub(crate) severity_source: Option<Text<'a>>,
    pub(crate) applicability: EnumColumn<'a, Applicability>,
    pub(crate) fix_state: EnumColumn<'a, FixState>,
    pub(crate) fix_versions: Option<Texts<'a>>,
    pub(crate) runtime: EnumColumn<'a, RuntimeEvidence>,
    pub(crate) malicious: Option<&'a BooleanArray>,
}

/// An optional column read with `read`.
fn maybe<'a, T>(
    batch: &'a RecordBatch,
    name: &str,
    read: impl Fn(&'a dyn arrow_array::Array, &str) -> Result<T, ColumnarError>,
) -> Result<Option<T>, ColumnarError> {
    optional(batch, name).map(|a| read(a, name)).transpose()
}

impl<'a> FindingBatch<'a> {
    pub(crate) fn of(
        batch: &'a RecordBatch,
        names: &'a FindingColumns,
    ) -> Result<Self, ColumnarError> {
        Ok(FindingBatch {
            rows: batch.num_rows(),
            names,
            image: Texts::of(required(batch, &names.image)?, &names.image)?,
            vulnerability: Text::of(required(batch, &names.vulnerability)?, &names.vulnerability)?,
            aliases: maybe(batch, &names.aliases, Texts::of)?,
            package_name: maybe(batch, &names.package_name, Text::of)?,
            package_version: maybe(batch, &names.package_version, Text::of)?,
            package_ecosystem: maybe(batch, &names.package_ecosystem, Text::of)?,
            package_purl: maybe(batch, &names.package_purl, Text::of)?,
            severity: EnumColumn::of(
                maybe(batch, &names.severity, Text::of)?,
                &SEVERITY,
                &names.severity,
            ),
            severity_source: maybe(batch, &names.severity_source, Text::of)?,
            applicability: EnumColumn::of(
                maybe(batch, &names.applicability, Text::of)?,
                &APPLICABILITY,
                &names.applicability,
            ),
            fix_state: EnumColumn::of(
                maybe(batch, &names.fix_state, Text::of)?,
                &FIX_STATE,
                &names.fix_state,
            ),
            fix_versions: maybe(batch, &names.fix_versions, Texts::of)?,
            runtime: EnumColumn::of(
                maybe(batch, &names.runtime, Text::of)?,
                &RUNTIME,
                &names.runtime,
            ),
            malicious: maybe(batch, &names.malicious, flags)?.flatten(),
        })
    }

    /// Row `i`'s vulnerability id, required.
    pub(crate) fn vulnerability(&self, i: usize, row: u64) -> Result<&'a str, ColumnarError> {
        self.vulnerability
            .get(i)
            .ok_or_else(|| ColumnarError::NullValue {
                column: self.names.vulnerability.clone(),
                row,
            })
    }

    pub(crate) fn malicious(&self, i: usize) -> bool {
        flag(self.malicious, i)
    }

    pub(crate) fn severity(&self, i: usize, row: u64) -> Result<Severity, ColumnarError> {
        self.severity.get(i, row)
    }

    pub(crate) fn applicability(&self, i: usize, row: u64) -> Result<Applicability, ColumnarError> {
        self.applicability.get(i, row)
    }

    pub(crate) fn fix_state(&self, i: usize, row: u64) -> Result<FixState, ColumnarError> {
        self.fix_state.get(i, row)
    }

    pub(crate) fn runtime(&self, i: usize, row: u64) -> Result<RuntimeEvidence, ColumnarError> {
        self.runtime.get(i, row)
    }

    /// Row `i` whole, as an occurrence; `first` is the batch's first row's
    /// number in the whole input.
    pub(crate) fn occurrence(
        &self,
        i: usize,
        first: u64,
        digests: &mut Digests<'a>,
    ) -> Result<Occurrence, ColumnarError> {
        let row = first + i as u64;
        let text = |t: &Option<Text<'a>>| t.as_ref().and_then(|t| t.get(i));
        let owned = |t: &Option<Text<'a>>| text(t).map(str::to_owned);
        let list = |t: &Option<Texts<'a>>| -> Vec<String> {
            t.as_ref()
                .map(|t| t.row(i).map(str::to_owned).collect())
                .unwrap_or_default()
        };
        let mut image = Vec::new();
        for d in self.image.row(i) {
            image.push(digests.read(d, &self.names.image, row)?.clone());
        }
        Ok(Occurrence {
            image,
            vulnerability: self.vulnerability(i, row)?.to_owned(),
            aliases: list(&self.aliases),
            package: Package {
                name: text(&self.package_name).unwrap_or_default().to_owned(),
                version: text(&self.package_version).unwrap_or_default().to_owned(),
                ecosystem: owned(&self.package_ecosystem),
                purl: owned(&self.package_purl),
            },
            severity: self.severity(i, row)?,
            severity_source: owned(&self.severity_source),
            cvss: Vec::new(),
            applicability: self.applicability(i, row)?,
            fix: Fix {
                state: self.fix_state(i, row)?,
                versions: list(&self.fix_versions),
            },
            runtime: self.runtime(i, row)?,
            malicious: self.malicious(i),
        })
    }
}

/// Reads findings batch by batch into occurrences, counting rows over the
/// whole input so that an error names the row as the caller counts it.
#[derive(Debug, Clone, Default)]
pub struct OccurrenceReader {
    columns: FindingColumns,
    rows: u64,
    occurrences: Vec<Occurrence>,
}

impl OccurrenceReader {
    /// A reader of columns named `columns`.
    pub fn new(columns: FindingColumns) -> Self {
        OccurrenceReader {
            columns,
            rows: 0,
            occurrences: Vec::new(),
        }
    }

    /// Reads one batch.
    pub fn add(&mut self, batch: &RecordBatch) -> Result<(), ColumnarError> {
        let view = FindingBatch::of(batch, &self.columns)?;
        let mut digests = Digests::default();
        self.occurrences.reserve(view.rows);
        for i in 0..view.rows {
            self.occurrences
                .push(view.occurrence(i, self.rows, &mut digests)?);
        }
        self.rows += view.rows as u64;
        Ok(())
    }

    /// Every occurrence read, in row order.
    pub fn finish(self) -> Vec<Occurrence> {
        self.occurrences
    }
}

/// One batch at a time as occurrences, rows counted over every batch:
/// what a reader that adds each batch to an accumulator reads it with.
#[derive(Debug, Clone, Default)]
pub(crate) struct BatchOccurrences {
    columns: FindingColumns,
    rows: u64,
    batch: Vec<Occurrence>,
}

impl BatchOccurrences {
    pub(crate) fn new(columns: FindingColumns) -> Self {
        BatchOccurrences {
            columns,
            rows: 0,
            batch: Vec::new(),
        }
    }

    /// How many rows were read.
    pub(crate) fn rows(&self) -> u64 {
        self.rows
    }

    /// The occurrences of `batch`, or the error of its first bad row
    /// (and then its rows are not counted).
    pub(crate) fn read(&mut self, batch: &RecordBatch) -> Result<&[Occurrence], ColumnarError> {
        let view = FindingBatch::of(batch, &self.columns)?;
        let mut digests = Digests::default();
        self.batch.clear();
        self.batch.reserve(view.rows);
        for i in 0..view.rows {
            self.batch
                .push(view.occurrence(i, self.rows, &mut digests)?);
        }
        self.rows += view.rows as u64;
        Ok(&self.batch)
    }
}

/// The occurrences of record batches of findings, in row order.
pub fn occurrences<'b>(
    batches: impl IntoIterator<Item = &'b RecordBatch>,
    columns: &FindingColumns,
) -> Result<Vec<Occurrence>, ColumnarError> {
    let mut reader = OccurrenceReader::new(columns.clone());
    for batch in batches {
        reader.add(batch)?;
    }
    Ok(reader.finish())
}
