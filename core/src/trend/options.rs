//! How a trend is asked for: the window, the zone, carry-forward.

use serde::{Deserialize, Serialize};

use super::{DayZone, TrendError};

/// The longest window, in days (ten years).
pub const MAX_WINDOW_DAYS: u32 = 3660;

/// How to bucket snapshots into days.
///
/// ```
/// use kubesight::trend::TrendOptions;
///
/// let options = TrendOptions::default().in_zone("Europe/Berlin")?.with_carry_forward(1);
/// assert_eq!((options.days, options.zone.name(), options.carry_forward_days), (30, "Europe/Berlin", 1));
/// # Ok::<(), kubesight::trend::TrendError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct TrendOptions {
    /// How many days the window holds, ending on the day that contains
    /// `now` (30 by default).
    pub days: u32,
    /// Whose calendar days (UTC by default).
    pub zone: DayZone,
    /// How many missing days in a row may show the last complete day's
    /// numbers, each flagged with the day it came from (0, off, by
    /// default).
    pub carry_forward_days: u32,
    /// A series whose fitted change over the window is within this percent
    /// of its mean (and within one) is flat (5 by default).
    pub flat_within_percent: u32,
}

impl Default for TrendOptions {
    fn default() -> Self {
        TrendOptions {
            days: 30,
            zone: DayZone::UTC,
            carry_forward_days: 0,
            flat_within_percent: 5,
        }
    }
}

impl TrendOptions {
    /// The same options with days in the IANA zone `name`.
    pub fn in_zone(self, name: &str) -> Result<Self, TrendError> {
        Ok(TrendOptions {
            zone: DayZone::named(name)?,
            ..self
        })
    }

    /// The same options with carry-forward into at most `days` missing days
    /// after a complete one (the documented default is 1).
    pub fn with_carry_forward(self, days: u32) -> Self {
        TrendOptions {
            carry_forward_days: days,
            ..self
        }
    }

    /// The same options with a window of `days` days.
    pub fn with_days(self, days: u32) -> Self {
        TrendOptions { days, ..self }
    }

    pub(crate) fn check(&self) -> Result<(), TrendError> {
        if self.days == 0 || self.days > MAX_WINDOW_DAYS {
            return Err(TrendError::InvalidWindow {
                days: self.days,
                max: MAX_WINDOW_DAYS,
            });
        }
        Ok(())
    }
}
