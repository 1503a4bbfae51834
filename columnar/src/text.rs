//! Reading string, list and boolean columns of any Arrow layout the usual
//! producers write: `Utf8`, `LargeUtf8` and `Utf8View` strings, dictionaries
//! of them (pandas categoricals, Parquet dictionary pages), lists and large
//! lists of any of these.

use arrow_array::cast::AsArray;
use arrow_array::{
    Array, BooleanArray, GenericListArray, LargeStringArray, OffsetSizeTrait, RecordBatch,
    StringArray, StringViewArray,
};
use arrow_schema::DataType;

use crate::error::ColumnarError;

/// Strings stored one by one.
#[derive(Clone, Copy)]
pub(crate) enum Plain<'a> {
    Utf8(&'a StringArray),
    Large(&'a LargeStringArray),
    View(&'a StringViewArray),
    /// A column of nulls only, as pandas hands over a column it has no
    /// value for (and an empty list's items).
    Null(usize),
}

impl<'a> Plain<'a> {
    fn of(array: &'a dyn Array) -> Option<Plain<'a>> {
        match array.data_type() {
            DataType::Utf8 => Some(Plain::Utf8(array.as_string::<i32>())),
            DataType::LargeUtf8 => Some(Plain::Large(array.as_string::<i64>())),
            DataType::Utf8View => Some(Plain::View(array.as_string_view())),
            DataType::Null => Some(Plain::Null(array.len())),
            _ => None,
        }
    }

    /// Value `i`, `None` when null.
    #[inline]
    pub(crate) fn get(&self, i: usize) -> Option<&'a str> {
        match self {
            Plain::Utf8(a) => (i < a.len() && a.is_valid(i)).then(|| a.value(i)),
            Plain::Large(a) => (i < a.len() && a.is_valid(i)).then(|| a.value(i)),
            Plain::View(a) => (i < a.len() && a.is_valid(i)).then(|| a.value(i)),
            Plain::Null(_) => None,
        }
    }

    pub(crate) fn len(&self) -> usize {
        match self {
            Plain::Utf8(a) => a.len(),
            Plain::Large(a) => a.len(),
            Plain::View(a) => a.len(),
            Plain::Null(n) => *n,
        }
    }
}

/// A string column: plain, or a dictionary whose values are read once.
pub(crate) enum Text<'a> {
    Plain(Plain<'a>),
    /// Each row's key into `values` (`None`: null).
    Dictionary {
        keys: Vec<Option<usize>>,
        values: Plain<'a>,
    },
}

const STRINGS: &str = "strings (utf8, large_utf8, utf8_view, or a dictionary of them)";
const LISTS: &str = "a list of strings, or strings";

fn wrong(column: &str, found: &DataType, expected: &'static str) -> ColumnarError {
    ColumnarError::WrongType {
        column: column.to_owned(),
        found: found.to_string(),
        expected,
    }
}

impl<'a> Text<'a> {
    pub(crate) fn of(array: &'a dyn Array, column: &str) -> Result<Text<'a>, ColumnarError> {
        if let Some(plain) = Plain::of(array) {
            return Ok(Text::Plain(plain));
        }
        let dictionary = array
            .as_any_dictionary_opt()
            .ok_or_else(|| wrong(column, array.data_type(), STRINGS))?;
        let values = Plain::of(dictionary.values().as_ref())
            .ok_or_else(|| wrong(column, array.data_type(), STRINGS))?;
        // Without values every key is null (and arrow's key reader asks for
        // at least one value).
        if values.len() == 0 {
            return Ok(Text::Dictionary {
                keys: vec![None; array.len()],
                values,
            });
        }
        let keys = dictionary
            .normalized_keys()
            .into_iter()
            .enumerate()
            .map(|(i, k)| array.is_valid(i).then_some(k))
            .collect();
        Ok(Text::Dictionary { keys, values })
    }

    /// Value `i`, `None` when null.
    #[inline]
    pub(crate) fn get(&self, i: usize) -> Option<&'a str> {
        match self {
            Text::Plain(p) => p.get(i),
            Text::Dictionary { keys, values } => values.get((*keys.get(i)?)?),
        }
    }

    /// Value `i` with its dictionary key (none for a plain column), `None`
    /// when null.
    #[inline]
    fn keyed(&self, i: usize) -> Option<(Option<usize>, &'a str)> {
        match self {
            Text::Plain(p) => p.get(i).map(|v| (None, v)),
            Text::Dictionary { keys, values } => {
                let key = (*keys.get(i)?)?;
                values.get(key).map(|v| (Some(key), v))
            }
        }
    }
}

/// A column of lists of strings, or of single strings (each a list of one).
pub(crate) enum Texts<'a> {
    One(Text<'a>),
    List {
        /// Each row's range of `values` (`None`: null).
        ranges: Vec<Option<(usize, usize)>>,
        values: Text<'a>,
    },
}

impl<'a> Texts<'a> {
    pub(crate) fn of(array: &'a dyn Array, column: &str) -> Result<Texts<'a>, ColumnarError> {
        let (offsets, values): (Vec<usize>, &'a dyn Array) = match array.data_type() {
            DataType::List(_) => offsets(array.as_list::<i32>()),
            DataType::LargeList(_) => offsets(array.as_list::<i64>()),
            _ => {
                return Text::of(array, column)
                    .map(Texts::One)
                    .map_err(|_| wrong(column, array.data_type(), LISTS))
            }
        };
        let values =
            Text::of(values, column).map_err(|_| wrong(column, array.data_type(), LISTS))?;
        let ranges = offsets
            .windows(2)
            .enumerate()
            .map(|(i, w)| match w {
                [a, b] if array.is_valid(i) => Some((*a, *b)),
                _ => None,
            })
            .collect();
        Ok(Texts::List { ranges, values })
    }

    /// Row `i`'s strings (none for a null row or a null element).
    pub(crate) fn row(&self, i: usize) -> impl Iterator<Item = &'a str> + '_ {
        self.row_keyed(i).map(|(_, v)| v)
    }

    /// Row `i`'s strings (none for a null row or a null element), each
    /// with its key when it is a dictionary's value: what a caller works
    /// out of a value it can then work out once per key.
    pub(crate) fn row_keyed(
        &self,
        i: usize,
    ) -> impl Iterator<Item = (Option<usize>, &'a str)> + '_ {
        let (one, range) = match self {
            Texts::One(text) => (text.keyed(i), 0..0),
            Texts::List { ranges, .. } => (
                None,
                ranges.get(i).copied().flatten().map_or(0..0, |(a, b)| a..b),
            ),
        };
        let values = match self {
            Texts::List { values, .. } => Some(values),
            Texts::One(_) => None,
        };
        one.into_iter()
            .chain(range.filter_map(move |j| values.and_then(|v| v.keyed(j))))
    }

    /// How many values the column's dictionary holds, if it has one.
    pub(crate) fn dictionary_len(&self) -> Option<usize> {
        match self {
            Texts::One(Text::Dictionary { values, .. })
            | Texts::List {
                values: Text::Dictionary { values, .. },
                ..
            } => Some(values.len()),
            _ => None,
        }
    }

    /// Whether row `i` holds at least one string.
    pub(crate) fn has_any(&self, i: usize) -> bool {
        self.row(i).next().is_some()
    }
}

/// A list's offsets as positions, and its items.
fn offsets<O: OffsetSizeTrait>(list: &GenericListArray<O>) -> (Vec<usize>, &dyn Array) {
    let offsets = list.value_offsets().iter().map(|o| o.as_usize()).collect();
    (offsets, list.values().as_ref())
}

/// Reads booleans (a null reads as false; a column of nulls only, as
/// pandas may hand one over, as none).
pub(crate) fn flags<'a>(
    array: &'a dyn Array,
    column: &str,
) -> Result<Option<&'a BooleanArray>, ColumnarError> {
    if array.data_type() == &DataType::Null {
        return Ok(None);
    }
    array
        .as_boolean_opt()
        .map(Some)
        .ok_or_else(|| wrong(column, array.data_type(), "booleans"))
}

/// Value `i` of booleans, false when null or absent.
pub(crate) fn flag(array: Option<&BooleanArray>, i: usize) -> bool {
    array.is_some_and(|a| i < a.len() && a.is_valid(i) && a.value(i))
}

/// The column `name` of `batch`, or a coded error listing what it has.
pub(crate) fn required<'a>(
    batch: &'a RecordBatch,
    name: &str,
) -> Result<&'a dyn Array, ColumnarError> {
    optional(batch, name).ok_or_else(|| ColumnarError::MissingColumn {
        column: name.to_owned(),
        found: batch
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().as_str())
            .collect::<Vec<_>>()
            .join(", "),
    })
}

/// The column `name` of `batch`, if it has one.
pub(crate) fn optional<'a>(batch: &'a RecordBatch, name: &str) -> Option<&'a dyn Array> {
    batch.column_by_name(name).map(|c| c.as_ref())
}
