//! Arrow IPC data held in memory: what `tableToIPC` of the JavaScript
//! `apache-arrow` package writes, in the stream format (its default) or
//! the file format.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use arrow_array::RecordBatch;
use arrow_buffer::Buffer;
use arrow_ipc::convert::fb_to_schema;
use arrow_ipc::reader::{read_footer_length, FileDecoder, StreamDecoder};
use arrow_ipc::{root_as_footer, Block};
use arrow_schema::{ArrowError, SchemaRef};

use crate::ColumnarError;

/// The magic bytes that open and close the IPC file format.
const FILE_MAGIC: &[u8] = b"ARROW1";

/// The record batches of Arrow IPC bytes, one at a time. The bytes are
/// copied once, into memory Arrow's arrays then slice without copying; a
/// message is read from the bytes that are there, never from a length it
/// declares, so a damaged length cannot ask for memory. A malformed or
/// truncated message is an `arrow_stream_failed` error where it is met,
/// and the last item.
pub struct IpcBatches {
    source: Source,
    schema: SchemaRef,
    done: bool,
}

enum Source {
    /// The stream format: messages one after another, the schema first.
    Stream {
        decoder: StreamDecoder,
        rest: Buffer,
        first: Option<RecordBatch>,
    },
    /// The file format: the schema and the blocks' places in the footer.
    File {
        decoder: FileDecoder,
        bytes: Buffer,
        blocks: std::vec::IntoIter<Block>,
    },
}

impl IpcBatches {
    /// Reads the schema of `bytes`, in either format.
    ///
    /// ```
    /// let error = kubesight_columnar::IpcBatches::of(b"not arrow").err().unwrap();
    /// assert_eq!(error.code(), "arrow_stream_failed");
    /// ```
    pub fn of(bytes: &[u8]) -> Result<IpcBatches, ColumnarError> {
        if bytes.starts_with(FILE_MAGIC) {
            return guarded(|| file(Buffer::from(bytes)))?;
        }
        let mut decoder = StreamDecoder::new();
        let mut rest = Buffer::from(bytes);
        let first = guarded(|| decoder.decode(&mut rest))?;
        let Some(schema) = decoder.schema() else {
            return Err(ColumnarError::stream_failed(if bytes.is_empty() {
                "no Arrow IPC data: the buffer is empty"
            } else {
                "no Arrow IPC data: no schema message opens the buffer"
            }));
        };
        Ok(IpcBatches {
            source: Source::Stream {
                decoder,
                rest,
                first,
            },
            schema,
            done: false,
        })
    }

    /// The batches' schema.
    pub fn schema(&self) -> SchemaRef {
        self.schema.clone()
    }

    /// Hands each batch to `each`, stopping at the first error.
    pub fn for_each_batch(
        self,
        mut each: impl FnMut(&RecordBatch) -> Result<(), ColumnarError>,
    ) -> Result<(), ColumnarError> {
        for batch in self {
            each(&batch?)?;
        }
        Ok(())
    }
}

impl Iterator for IpcBatches {
    type Item = Result<RecordBatch, ColumnarError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let next = match &mut self.source {
            Source::Stream {
                decoder,
                rest,
                first,
            } => match first.take() {
                Some(batch) => Ok(Some(batch)),
                None => guarded(|| match decoder.decode(rest)? {
                    Some(batch) => Ok(Some(batch)),
                    // Every byte was read: the stream must end on a whole
                    // message.
                    None => decoder.finish().map(|()| None),
                }),
            },
            Source::File {
                decoder,
                bytes,
                blocks,
            } => loop {
                let Some(block) = blocks.next() else {
                    break Ok(None);
                };
                match guarded(|| {
                    let data = block_of(bytes, &block)?;
                    decoder.read_record_batch(&block, &data)
                }) {
                    Ok(None) => continue,
                    other => break other,
                }
            },
        };
        match next {
            Ok(Some(batch)) => Some(Ok(batch)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

/// The batches of IPC file bytes: the footer (before its length and the
/// closing magic) gives the schema and where each dictionary and batch
/// lies; the dictionaries are read at once.
fn file(bytes: Buffer) -> Result<Result<IpcBatches, ColumnarError>, ArrowError> {
    let cut = || {
        Err(ColumnarError::stream_failed(
            "the Arrow IPC file is cut short: it has no footer",
        ))
    };
    let Some(tail) = bytes.len().checked_sub(FILE_MAGIC.len() + 4) else {
        return Ok(cut());
    };
    let Some(Ok(trailer)) = bytes.get(tail..).map(<[u8; 10]>::try_from) else {
        return Ok(cut());
    };
    let footer = read_footer_length(trailer)?;
    let Some(footer) = tail.checked_sub(footer).and_then(|at| bytes.get(at..tail)) else {
        return Ok(cut());
    };
    let footer = root_as_footer(footer).map_err(|e| ArrowError::ParseError(e.to_string()))?;
    let Some(schema) = footer.schema() else {
        return Ok(Err(ColumnarError::stream_failed(
            "the Arrow IPC file's footer holds no schema",
        )));
    };
    let schema = Arc::new(fb_to_schema(schema));
    let mut decoder = FileDecoder::new(schema.clone(), footer.version());
    for block in footer.dictionaries().iter().flatten() {
        let data = block_of(&bytes, block)?;
        decoder.read_dictionary(block, &data)?;
    }
    let blocks: Vec<Block> = footer.recordBatches().iter().flatten().copied().collect();
    Ok(Ok(IpcBatches {
        source: Source::File {
            decoder,
            bytes: bytes.clone(),
            blocks: blocks.into_iter(),
        },
        schema,
        done: false,
    }))
}

/// The bytes of one block of a file, when they lie within it.
fn block_of(bytes: &Buffer, block: &Block) -> Result<Buffer, ArrowError> {
    let outside = || ArrowError::IpcError("a block of the file lies outside it".to_string());
    let start = usize::try_from(block.offset()).map_err(|_| outside())?;
    let length = usize::try_from(block.metaDataLength())
        .ok()
        .zip(usize::try_from(block.bodyLength()).ok())
        .and_then(|(a, b)| a.checked_add(b))
        .ok_or_else(outside)?;
    if start
        .checked_add(length)
        .is_none_or(|end| end > bytes.len())
    {
        return Err(outside());
    }
    Ok(bytes.slice_with_length(start, length))
}

/// Runs one step of the IPC decoder. It trusts the offsets a message
/// declares and panics on some that point outside the data (a damaged or
/// hostile buffer): that is an error here, never a panic that reaches the
/// caller's language.
fn guarded<T>(step: impl FnOnce() -> Result<T, ArrowError>) -> Result<T, ColumnarError> {
    match catch_unwind(AssertUnwindSafe(step)) {
        Ok(result) => result.map_err(ColumnarError::stream_failed),
        Err(_) => Err(ColumnarError::stream_failed(
            "the Arrow IPC data is damaged: a message points outside it",
        )),
    }
}
