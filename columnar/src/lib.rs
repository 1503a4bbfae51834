//! Columnar input for kubesight: Arrow record batches and Parquet files of
//! findings and running images, read straight into the funnel, the
//! vulnerability table and the views, without a record per row.
//!
//! The columns are documented on [`FindingColumns`] and [`RunningColumns`]
//! (their default names are the fields' names; map the caller's names with
//! `renamed`). Strings may be `Utf8`, `LargeUtf8`, `Utf8View` or a
//! dictionary of them (a dictionary's values are read once, not per row);
//! lists may be `List` or `LargeList`, or a plain string column for lists of
//! one. A missing required column, a column of the wrong type, a null where
//! a value is required or a value a column may not hold is a
//! [`ColumnarError`] naming the column, the row and the value.
//!
//! Results go the other way too: [`table_batch`], [`images_batch`] and
//! [`trend_batch`] write the vulnerability table's, the images view's and
//! the trend's rows as record batches of a fixed schema.
//!
//! The crate holds the I/O the core does not: [`ParquetSource`] reads files
//! and folders of them, [`IpcBatches`] Arrow IPC bytes. Everything else is pure.
//!
//! ```
//! use std::sync::Arc;
//! use arrow_array::{ArrayRef, BooleanArray, RecordBatch, StringArray};
//! use kubesight::funnel::RuntimeValidation;
//! use kubesight_columnar::{running_images, FindingColumns, FunnelReader, RunningColumns};
//!
//! let digest = format!("sha256:{}", "a".repeat(64));
//! let running = RecordBatch::try_from_iter([
//!     ("digest", Arc::new(StringArray::from(vec![digest.as_str()])) as ArrayRef),
//!     ("scanned", Arc::new(BooleanArray::from(vec![true])) as ArrayRef),
//! ])?;
//! let findings = RecordBatch::try_from_iter([
//!     ("image", Arc::new(StringArray::from(vec![digest.as_str(), digest.as_str()])) as ArrayRef),
//!     ("vulnerability", Arc::new(StringArray::from(vec!["CVE-2024-1", "CVE-2024-2"])) as ArrayRef),
//!     ("severity", Arc::new(StringArray::from(vec!["critical", "low"])) as ArrayRef),
//! ])?;
//! let running = running_images([&running], &RunningColumns::default())?;
//! let mut reader = FunnelReader::new(&running, FindingColumns::default());
//! reader.add(&findings)?;
//! let result = reader.finish(RuntimeValidation::Available);
//! assert_eq!(result.funnel.all.vulnerabilities, 2);
//! assert_eq!(result.funnel.critical_high.vulnerabilities, 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod codes;
mod columns;
mod error;
mod findings;
mod funnel;
mod ipc;
mod output;
mod parquet;
mod readers;
mod running;
mod snapshots;
mod text;

pub use columns::{FindingColumns, RunningColumns};
pub use error::ColumnarError;
pub use findings::{occurrences, OccurrenceReader};
pub use funnel::FunnelReader;
pub use ipc::IpcBatches;
pub use output::{images_batch, table_batch, trend_batch};
pub use parquet::ParquetSource;
pub use readers::{HighlightsReader, ImagesReader, TableReader};
pub use running::running_images;
pub use snapshots::snapshots;

/// Re-exported so callers build batches with the Arrow this crate reads.
pub use arrow_array;
/// Re-exported with [`arrow_array`].
pub use arrow_schema;
