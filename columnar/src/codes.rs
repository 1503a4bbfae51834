//! Enumeration columns: each value one of the enumeration's codes, a
//! dictionary's values decoded once, plain strings compared with the codes
//! (no more than seven of them) row by row.

use kubesight::finding::{Applicability, FixState, RuntimeEvidence};
use kubesight::Severity;

use crate::error::ColumnarError;
use crate::text::Text;

/// An enumeration read from its codes: a missing value is the default, an
/// unknown one an error naming the column, the row and the codes allowed.
pub(crate) struct Codes<T: Copy + PartialEq + 'static> {
    all: &'static [T],
    code: fn(T) -> &'static str,
    default: T,
}

pub(crate) const SEVERITY: Codes<Severity> = Codes {
    all: &Severity::ALL,
    code: Severity::code,
    default: Severity::Unknown,
};
pub(crate) const APPLICABILITY: Codes<Applicability> = Codes {
    all: &Applicability::ALL,
    code: Applicability::code,
    default: Applicability::NotScanned,
};
pub(crate) const FIX_STATE: Codes<FixState> = Codes {
    all: &FixState::ALL,
    code: FixState::code,
    default: FixState::Unknown,
};
pub(crate) const RUNTIME: Codes<RuntimeEvidence> = Codes {
    all: &RuntimeEvidence::ALL,
    code: RuntimeEvidence::code,
    default: RuntimeEvidence::Unavailable,
};

impl<T: Copy + PartialEq + 'static> Codes<T> {
    /// The error of `value`, not one of the codes.
    fn invalid(&self, value: &str, column: &str, row: u64) -> ColumnarError {
        ColumnarError::InvalidValue {
            column: column.to_owned(),
            row,
            value: value.to_owned(),
            expected: format!(
                "one of {}",
                self.all
                    .iter()
                    .map(|&t| (self.code)(t))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

/// An enumeration column of one batch.
pub(crate) struct EnumColumn<'a, T: Copy + PartialEq + 'static> {
    text: Option<Text<'a>>,
    codes: &'static Codes<T>,
    names: Vec<&'static str>,
    /// For a dictionary: each value's position among the codes
    /// (`u8::MAX`: not a code).
    by_value: Vec<u8>,
    column: &'a str,
}

impl<'a, T: Copy + PartialEq + 'static> EnumColumn<'a, T> {
    pub(crate) fn of(text: Option<Text<'a>>, codes: &'static Codes<T>, column: &'a str) -> Self {
        let names: Vec<&'static str> = codes.all.iter().map(|&t| (codes.code)(t)).collect();
        let position = |value: Option<&str>| {
            value
                .and_then(|v| names.iter().position(|n| *n == v))
                .and_then(|p| u8::try_from(p).ok())
                .unwrap_or(u8::MAX)
        };
        let by_value = match &text {
            Some(Text::Dictionary { values, .. }) => {
                (0..values.len()).map(|k| position(values.get(k))).collect()
            }
            _ => Vec::new(),
        };
        EnumColumn {
            text,
            codes,
            names,
            by_value,
            column,
        }
    }

    /// Row `i`'s value (`row` its number in the whole input).
    #[inline]
    pub(crate) fn get(&self, i: usize, row: u64) -> Result<T, ColumnarError> {
        let at = |p: usize| self.codes.all.get(p).copied();
        match &self.text {
            None => Ok(self.codes.default),
            Some(Text::Dictionary { keys, values }) => {
                let Some(k) = keys.get(i).copied().flatten() else {
                    return Ok(self.codes.default);
                };
                match self.by_value.get(k) {
                    Some(&p) if p != u8::MAX => {
                        at(usize::from(p)).ok_or_else(|| self.codes.invalid("", self.column, row))
                    }
                    _ => match values.get(k) {
                        None => Ok(self.codes.default),
                        Some(v) => Err(self.codes.invalid(v, self.column, row)),
                    },
                }
            }
            Some(Text::Plain(plain)) => match plain.get(i) {
                None => Ok(self.codes.default),
                Some(v) => self
                    .names
                    .iter()
                    .position(|n| *n == v)
                    .and_then(at)
                    .ok_or_else(|| self.codes.invalid(v, self.column, row)),
            },
        }
    }
}
