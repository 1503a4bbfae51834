//! Running images from record batches: one row per place an image runs.

use arrow_array::{Array, RecordBatch};
use kubesight::finding::{Deployment, RunningImage};

use crate::columns::RunningColumns;
use crate::error::ColumnarError;
use crate::findings::Digests;
use crate::text::{flag, flags, optional, required, Text, Texts};

/// The running images of record batches, one per row in row order: a row
/// with a cluster names the place it runs (a workload container), one
/// without names none. Rows that share a digest are one image to the index
/// (scanned or watched when any row says so, its places the rows' places).
pub fn running_images<'b>(
    batches: impl IntoIterator<Item = &'b RecordBatch>,
    columns: &RunningColumns,
) -> Result<Vec<RunningImage>, ColumnarError> {
    let mut out = Vec::new();
    let mut first = 0u64;
    for batch in batches {
        read(batch, columns, first, &mut out)?;
        first += batch.num_rows() as u64;
    }
    Ok(out)
}

fn read(
    batch: &RecordBatch,
    names: &RunningColumns,
    first: u64,
    out: &mut Vec<RunningImage>,
) -> Result<(), ColumnarError> {
    let digest = Texts::of(required(batch, &names.digest)?, &names.digest)?;
    let scanned = flags(required(batch, &names.scanned)?, &names.scanned)?;
    let monitored = optional(batch, &names.monitored)
        .map(|a| flags(a, &names.monitored))
        .transpose()?
        .flatten();
    let text = |name: &str| optional(batch, name).map(|a| Text::of(a, name)).transpose();
    let cluster = text(&names.cluster)?;
    let namespace = text(&names.namespace)?;
    let kind = text(&names.kind)?;
    let workload = text(&names.workload)?;
    let reference = text(&names.reference)?;
    let container = text(&names.container)?;
    let mut digests = Digests::default();
    out.reserve(batch.num_rows());
    for i in 0..batch.num_rows() {
        let row = first + i as u64;
        let get = |t: &Option<Text<'_>>| t.as_ref().and_then(|t| t.get(i)).map(str::to_owned);
        let mut image = Vec::new();
        for d in digest.row(i) {
            image.push(digests.read(d, &names.digest, row)?.clone());
        }
        if image.is_empty() {
            return Err(ColumnarError::NullValue {
                column: names.digest.clone(),
                row,
            });
        }
        if !scanned.is_some_and(|s| s.is_valid(i)) {
            return Err(ColumnarError::NullValue {
                column: names.scanned.clone(),
                row,
            });
        }
        let deployments = match get(&cluster) {
            Some(cluster) => vec![Deployment {
                reference: get(&reference),
                cluster,
                namespace: get(&namespace).unwrap_or_default(),
                kind: get(&kind).unwrap_or_default(),
                workload: get(&workload).unwrap_or_default(),
                container: get(&container),
            }],
            None => Vec::new(),
        };
        out.push(RunningImage {
            digests: image,
            scanned: flag(scanned, i),
            monitored: flag(monitored, i),
            deployments,
        });
    }
    Ok(())
}
