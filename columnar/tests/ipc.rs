//! Arrow IPC bytes, in the stream and the file format, read into the same
//! funnel as the records they hold; broken bytes are a coded error.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "tests"
)]

mod support;

use std::sync::Arc;

use arrow_array::RecordBatch;
use arrow_ipc::writer::{FileWriter, StreamWriter};
use arrow_schema::{Field, Schema};
use kubesight::finding::Occurrence;
use kubesight::funnel::{compute, RuntimeValidation};
use kubesight_columnar::{FindingColumns, FunnelReader, IpcBatches};
use proptest::prelude::*;
use support::{findings_batch, occurrence, running, Layout};

/// The batch with every column nullable: batches built apart agree on one
/// schema then, as a writer's batches do.
fn nullable(batch: &RecordBatch) -> RecordBatch {
    let fields: Vec<Field> = batch
        .schema()
        .fields()
        .iter()
        .map(|f| f.as_ref().clone().with_nullable(true))
        .collect();
    RecordBatch::try_new(Arc::new(Schema::new(fields)), batch.columns().to_vec()).unwrap()
}

fn stream(batches: &[RecordBatch]) -> Vec<u8> {
    let mut writer = StreamWriter::try_new(Vec::new(), &batches[0].schema()).unwrap();
    for b in batches {
        writer.write(b).unwrap();
    }
    writer.into_inner().unwrap()
}

fn file(batches: &[RecordBatch]) -> Vec<u8> {
    let mut writer = FileWriter::try_new(Vec::new(), &batches[0].schema()).unwrap();
    for b in batches {
        writer.write(b).unwrap();
    }
    writer.into_inner().unwrap()
}

fn funnel_of(
    bytes: &[u8],
) -> Result<kubesight::funnel::FunnelResult, kubesight_columnar::ColumnarError> {
    let running = running();
    let mut reader = FunnelReader::new(&running, FindingColumns::default());
    IpcBatches::of(bytes)?.for_each_batch(|b| reader.add(b))?;
    Ok(reader.finish(RuntimeValidation::Available))
}

proptest! {
    #[test]
    fn both_formats_give_the_funnel_of_the_records(
        found in proptest::collection::vec(occurrence(), 1..50),
        split in 0..50usize,
    ) {
        let expected = compute(&running(), &found, RuntimeValidation::Available);
        let (a, b) = found.split_at(split.min(found.len()));
        let batches = |layout| -> Vec<RecordBatch> {
            [a, b].iter().map(|part: &&[Occurrence]| nullable(&findings_batch(part, layout))).collect()
        };
        // A stream may replace a dictionary from batch to batch; a file may not.
        for bytes in [stream(&batches(Layout::Dictionary)), file(&batches(Layout::Plain))] {
            let got = funnel_of(&bytes).unwrap();
            prop_assert_eq!(&got.funnel, &expected.funnel);
            prop_assert_eq!(got.skipped, expected.skipped);
        }
    }

    #[test]
    fn cut_or_damaged_bytes_never_panic(
        found in proptest::collection::vec(occurrence(), 1..20),
        cut in 0.0..1.0f64,
        flip in any::<(usize, u8)>(),
    ) {
        let batches = [findings_batch(&found, Layout::Plain)];
        for mut bytes in [stream(&batches), file(&batches)] {
            let at = flip.0 % bytes.len();
            let mut damaged = bytes.clone();
            damaged[at] ^= flip.1 | 1;
            bytes.truncate((bytes.len() as f64 * cut) as usize);
            for input in [bytes, damaged] {
                if let Err(e) = funnel_of(&input) {
                    prop_assert!(!e.to_string().is_empty());
                }
            }
        }
    }
}

#[test]
fn bytes_that_are_not_arrow_are_a_coded_error() {
    for bytes in [&b""[..], b"{\"image\": []}", b"ARROW1 and then nothing"] {
        let error = IpcBatches::of(bytes).err().unwrap();
        assert_eq!(error.code(), "arrow_stream_failed");
    }
}
