//! Reading Parquet files: only the columns asked for, row groups decoded
//! on the threads of rayon's pool, handed over in file and row order.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::RecordBatch;
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::arrow_reader::{
    ArrowReaderMetadata, ArrowReaderOptions, ParquetRecordBatchReaderBuilder,
};
use parquet::arrow::ProjectionMask;
use rayon::prelude::*;

use crate::error::ColumnarError;

/// Rows per record batch handed over.
const BATCH_ROWS: usize = 64 * 1024;

/// A Parquet file, or a folder of them (a dataset: every `.parquet` file
/// beneath it, partition folders included, in path order).
#[derive(Debug, Clone)]
pub struct ParquetSource {
    files: Vec<(PathBuf, ArrowReaderMetadata)>,
}

fn unreadable(path: &Path, error: impl std::fmt::Display) -> ColumnarError {
    ColumnarError::Unreadable {
        path: path.display().to_string(),
        message: error.to_string(),
    }
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) -> Result<(), ColumnarError> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|e| unreadable(path, e))?
        .map(|e| e.map(|e| e.path()).map_err(|e| unreadable(path, e)))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for entry in entries {
        let name = entry
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        // Hidden and underscore files are a writer's bookkeeping
        // (`_SUCCESS`, `.crc`), as Spark and pyarrow skip them.
        if name.starts_with('.') || name.starts_with('_') {
            continue;
        }
        if entry.is_dir() {
            collect(&entry, out)?;
        } else if name.ends_with(".parquet") || name.ends_with(".parq") {
            out.push(entry);
        }
    }
    Ok(())
}

/// The file's string columns read as dictionaries: writers store strings
/// in dictionary pages (pyarrow, polars, DuckDB and Spark by default), and
/// reading them as such hands over each distinct image digest or id once
/// per row group, not once per row. A file the hint does not fit is read
/// as its schema says.
fn as_dictionaries(metadata: ArrowReaderMetadata) -> ArrowReaderMetadata {
    let schema = metadata.schema();
    let fields: Vec<Field> = schema
        .fields()
        .iter()
        .map(|f| match f.data_type() {
            DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => {
                f.as_ref().clone().with_data_type(DataType::Dictionary(
                    Box::new(DataType::Int32),
                    Box::new(f.data_type().clone()),
                ))
            }
            _ => f.as_ref().clone(),
        })
        .collect();
    if fields
        .iter()
        .zip(schema.fields())
        .all(|(a, b)| a == b.as_ref())
    {
        return metadata;
    }
    let hint = Arc::new(Schema::new_with_metadata(fields, schema.metadata().clone()));
    ArrowReaderMetadata::try_new(
        Arc::clone(metadata.metadata()),
        ArrowReaderOptions::new().with_schema(hint),
    )
    .unwrap_or(metadata)
}

impl ParquetSource {
    /// Opens a file or a folder, reading each file's footer.
    pub fn open(path: impl AsRef<Path>) -> Result<ParquetSource, ColumnarError> {
        let path = path.as_ref();
        let mut paths = Vec::new();
        if path.is_dir() {
            collect(path, &mut paths)?;
            if paths.is_empty() {
                return Err(unreadable(path, "the folder holds no .parquet file"));
            }
        } else {
            paths.push(path.to_path_buf());
        }
        let files = paths
            .into_iter()
            .map(|p| {
                let file = File::open(&p).map_err(|e| unreadable(&p, e))?;
                let metadata = ArrowReaderMetadata::load(&file, ArrowReaderOptions::new())
                    .map_err(|e| unreadable(&p, e))?;
                Ok((p, as_dictionaries(metadata)))
            })
            .collect::<Result<_, ColumnarError>>()?;
        Ok(ParquetSource { files })
    }

    /// How many rows the files hold.
    pub fn rows(&self) -> u64 {
        self.files
            .iter()
            .map(|(_, m)| m.metadata().file_metadata().num_rows().max(0) as u64)
            .sum()
    }

    /// Hands every record batch of the columns named `columns` (those the
    /// files have; the others are left for the reader of the batches to
    /// report) to `each`, in file and row order. Row groups are decoded a
    /// few at a time on the pool's threads: memory holds those, not the
    /// files.
    pub fn for_each_batch(
        &self,
        columns: &[&str],
        mut each: impl FnMut(&RecordBatch) -> Result<(), ColumnarError>,
    ) -> Result<(), ColumnarError> {
        let groups: Vec<(usize, usize)> = self
            .files
            .iter()
            .enumerate()
            .flat_map(|(f, (_, m))| (0..m.metadata().num_row_groups()).map(move |g| (f, g)))
            .collect();
        let wave = rayon::current_num_threads().max(1) * 2;
        for chunk in groups.chunks(wave) {
            let decoded: Vec<Result<Vec<RecordBatch>, ColumnarError>> = chunk
                .par_iter()
                .map(|&(f, g)| self.row_group(f, g, columns))
                .collect();
            for batches in decoded {
                for batch in batches? {
                    each(&batch)?;
                }
            }
        }
        Ok(())
    }

    fn row_group(
        &self,
        f: usize,
        g: usize,
        columns: &[&str],
    ) -> Result<Vec<RecordBatch>, ColumnarError> {
        let Some((path, metadata)) = self.files.get(f) else {
            return Ok(Vec::new());
        };
        let file = File::open(path).map_err(|e| unreadable(path, e))?;
        let schema = metadata.schema();
        let roots: Vec<usize> = schema
            .fields()
            .iter()
            .enumerate()
            .filter(|(_, field)| columns.contains(&field.name().as_str()))
            .map(|(i, _)| i)
            .collect();
        let mask = ProjectionMask::roots(metadata.parquet_schema(), roots);
        let reader = ParquetRecordBatchReaderBuilder::new_with_metadata(file, metadata.clone())
            .with_row_groups(vec![g])
            .with_projection(mask)
            .with_batch_size(BATCH_ROWS)
            .build()
            .map_err(|e| unreadable(path, e))?;
        reader.map(|b| b.map_err(|e| unreadable(path, e))).collect()
    }
}
