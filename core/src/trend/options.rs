//! How a trend is asked for: the window, the zone, carry-forward.

use chrono::{DateTime, Utc};
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

/// A trend asked for as the bindings ask it: the instant whose day ends the
/// window, and each option only when given (the others keep
/// [`TrendOptions`]' defaults, written once, there).
///
/// ```
/// use kubesight::trend::TrendRequest;
/// let request: TrendRequest = serde_json::from_value(serde_json::json!(
///     {"now": "2026-11-26T09:30:00Z", "zone": "Europe/Berlin"}))?;
/// let options = request.options()?;
/// assert_eq!((options.days, options.zone.name()), (30, "Europe/Berlin"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TrendRequest {
    /// The day that contains it ends the window.
    pub now: DateTime<Utc>,
    /// How many days the window holds (30 by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
    /// The IANA zone of the days (`UTC` by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    /// How many missing days a complete day may fill, flagged (0 by
    /// default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carry_forward_days: Option<u32>,
    /// Within what percent of its mean a series' change is flat (5 by
    /// default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flat_within_percent: Option<u32>,
}

impl TrendRequest {
    /// The options asked for, the defaults for the others.
    ///
    /// # Errors
    /// `unknown_time_zone` for a zone that is not an IANA name.
    pub fn options(&self) -> Result<TrendOptions, TrendError> {
        let defaults = TrendOptions::default();
        let zone = match &self.zone {
            Some(name) => DayZone::named(name)?,
            None => defaults.zone,
        };
        Ok(TrendOptions {
            days: self.days.unwrap_or(defaults.days),
            zone,
            carry_forward_days: self
                .carry_forward_days
                .unwrap_or(defaults.carry_forward_days),
            flat_within_percent: self
                .flat_within_percent
                .unwrap_or(defaults.flat_within_percent),
        })
    }
}
