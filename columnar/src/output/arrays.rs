//! The arrays results are written with: large strings and large lists (64-bit
//! offsets, so no result is too big for one batch), each column's
//! nullability fixed by its schema, never by the data.

use std::sync::Arc;

use arrow_array::builder::{
    BooleanBuilder, Float64Builder, LargeListBuilder, LargeStringBuilder, UInt64Builder,
};
use arrow_array::{ArrayRef, LargeListArray, RecordBatch, StructArray};
use arrow_buffer::OffsetBuffer;
use arrow_schema::{DataType, Field, Fields, Schema};
use kubesight::table::RowWorkload;

use crate::ColumnarError;

/// One column of a result: its name, whether it may hold nulls, its values.
pub(crate) type Column = (&'static str, bool, ArrayRef);

/// The batch of `columns`, in order.
pub(crate) fn batch(columns: Vec<Column>) -> Result<RecordBatch, ColumnarError> {
    let fields: Vec<Field> = columns
        .iter()
        .map(|(name, nullable, array)| Field::new(*name, array.data_type().clone(), *nullable))
        .collect();
    let arrays = columns.into_iter().map(|(_, _, array)| array).collect();
    RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays)
        .map_err(ColumnarError::stream_failed)
}

/// A column of strings.
pub(crate) fn text<'a>(values: impl Iterator<Item = &'a str>) -> ArrayRef {
    let mut b = LargeStringBuilder::new();
    for v in values {
        b.append_value(v);
    }
    Arc::new(b.finish())
}

/// A column of strings, null where there is none.
pub(crate) fn maybe_text<'a>(values: impl Iterator<Item = Option<&'a str>>) -> ArrayRef {
    let mut b = LargeStringBuilder::new();
    for v in values {
        b.append_option(v);
    }
    Arc::new(b.finish())
}

/// A column of lists of strings (an empty list, never a null): names or
/// codes.
pub(crate) fn text_lists<R, S>(rows: impl Iterator<Item = R>) -> ArrayRef
where
    R: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut b = LargeListBuilder::new(LargeStringBuilder::new()).with_field(Arc::new(Field::new(
        "item",
        DataType::LargeUtf8,
        false,
    )));
    for row in rows {
        for v in row {
            b.values().append_value(v.as_ref());
        }
        b.append(true);
    }
    Arc::new(b.finish())
}

/// A column of counts.
pub(crate) fn counts(values: impl Iterator<Item = u64>) -> ArrayRef {
    let mut b = UInt64Builder::new();
    for v in values {
        b.append_value(v);
    }
    Arc::new(b.finish())
}

/// A column of counts, null where there is none.
pub(crate) fn maybe_counts(values: impl Iterator<Item = Option<u64>>) -> ArrayRef {
    let mut b = UInt64Builder::new();
    for v in values {
        b.append_option(v);
    }
    Arc::new(b.finish())
}

/// A column of numbers, null where there is none.
pub(crate) fn maybe_numbers(values: impl Iterator<Item = Option<f64>>) -> ArrayRef {
    let mut b = Float64Builder::new();
    for v in values {
        b.append_option(v);
    }
    Arc::new(b.finish())
}

/// A column of flags.
pub(crate) fn flags(values: impl Iterator<Item = bool>) -> ArrayRef {
    let mut b = BooleanBuilder::new();
    for v in values {
        b.append_value(v);
    }
    Arc::new(b.finish())
}

/// A column of flags, null where there is none.
pub(crate) fn maybe_flags(values: impl Iterator<Item = Option<bool>>) -> ArrayRef {
    let mut b = BooleanBuilder::new();
    for v in values {
        b.append_option(v);
    }
    Arc::new(b.finish())
}

/// A column of lists of structs: row `i` holds `lengths[i]` of the structs
/// whose fields are `fields`, one after another.
pub(crate) fn struct_lists(
    lengths: impl Iterator<Item = usize>,
    fields: Vec<Column>,
) -> Result<ArrayRef, ColumnarError> {
    let (schema, arrays): (Vec<Field>, Vec<ArrayRef>) = fields
        .into_iter()
        .map(|(name, nullable, array)| {
            (Field::new(name, array.data_type().clone(), nullable), array)
        })
        .unzip();
    let fields = Fields::from(schema);
    let items =
        StructArray::try_new(fields.clone(), arrays, None).map_err(ColumnarError::stream_failed)?;
    let item = Arc::new(Field::new("item", DataType::Struct(fields), false));
    let list = LargeListArray::try_new(
        item,
        OffsetBuffer::from_lengths(lengths),
        Arc::new(items),
        None,
    )
    .map_err(ColumnarError::stream_failed)?;
    Ok(Arc::new(list))
}

/// The workloads of each row (or image), as lists of `{cluster,
/// namespace, kind, name}`.
pub(crate) fn workload_lists<'a>(
    rows: impl Iterator<Item = &'a [RowWorkload]> + Clone,
) -> Result<ArrayRef, ColumnarError> {
    let all = || rows.clone().flatten();
    struct_lists(
        rows.clone().map(<[RowWorkload]>::len),
        vec![
            ("cluster", false, text(all().map(|w| w.cluster.as_str()))),
            (
                "namespace",
                false,
                text(all().map(|w| w.namespace.as_str())),
            ),
            ("kind", false, text(all().map(|w| w.kind.as_str()))),
            ("name", false, text(all().map(|w| w.name.as_str()))),
        ],
    )
}
