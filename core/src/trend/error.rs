//! Errors of the trend area.

use thiserror::Error;

/// Why a trend cannot be computed or a snapshot cannot be added.
#[derive(Debug, Clone, PartialEq, Eq, Error, serde::Serialize)]
#[non_exhaustive]
pub enum TrendError {
    /// The window must hold between 1 and [`MAX_WINDOW_DAYS`] days.
    ///
    /// [`MAX_WINDOW_DAYS`]: super::MAX_WINDOW_DAYS
    #[error("a trend window holds 1 to {max} days, not {days}")]
    InvalidWindow {
        /// The number of days asked for.
        days: u32,
        /// The largest window.
        max: u32,
    },
    /// The time zone is not in the IANA time-zone database.
    #[error("`{}` is not an IANA time zone (such as `Europe/Berlin` or `UTC`)", .zone.escape_debug())]
    UnknownTimeZone {
        /// The name given.
        zone: String,
    },
    /// A snapshot names a scan this index did not intern.
    #[error("scan {scan} was not interned by this trend index")]
    UnknownScan {
        /// The scan's number.
        scan: u32,
    },
    /// The window reaches past the dates the calendar can represent.
    #[error("the window around {now} reaches past the representable dates")]
    DateOutOfRange {
        /// The instant the window ends on, as given.
        now: String,
    },
}

crate::error_code::error_codes! {
    TrendError {
        InvalidWindow => "invalid_window",
        UnknownTimeZone => "unknown_time_zone",
        UnknownScan => "unknown_scan",
        DateOutOfRange => "date_out_of_range",
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// One of every variant.
    pub(crate) fn every_error() -> Vec<TrendError> {
        vec![
            TrendError::InvalidWindow { days: 0, max: 3660 },
            TrendError::UnknownTimeZone {
                zone: "Mars/Olympus".into(),
            },
            TrendError::UnknownScan { scan: 7 },
            TrendError::DateOutOfRange {
                now: "+262143-12-31T00:00:00Z".into(),
            },
        ]
    }

    #[test]
    fn codes_and_messages() {
        let all = every_error();
        for e in &all {
            crate::error_style::assert_message_style(&e.to_string());
        }
        let produced: Vec<&str> = all.iter().map(TrendError::code).collect();
        assert_eq!(produced, TrendError::CODES);
    }
}
