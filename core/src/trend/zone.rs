//! Calendar days in a time zone: where each day starts, computed from the
//! time-zone database, never as `start + n * 24h`.

use std::fmt;

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::TrendError;

/// The time zone whose calendar days make the buckets: UTC by default, or
/// any IANA zone (`Europe/Berlin`, `America/New_York`, ...). Serializes as
/// its IANA name.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct DayZone(Tz);

impl DayZone {
    /// UTC calendar days.
    pub const UTC: DayZone = DayZone(Tz::UTC);

    /// The zone with this IANA name (case as in the database).
    pub fn named(name: &str) -> Result<DayZone, TrendError> {
        name.parse::<Tz>()
            .map(DayZone)
            .map_err(|_| TrendError::UnknownTimeZone { zone: name.into() })
    }

    /// Its IANA name.
    pub fn name(&self) -> &'static str {
        self.0.name()
    }

    /// The calendar date `instant` falls on in this zone.
    pub fn date_of(&self, instant: DateTime<Utc>) -> NaiveDate {
        instant.with_timezone(&self.0).date_naive()
    }

    /// The first instant of `date`: its local midnight; the earlier of two
    /// when midnight happens twice; and where the clocks skip midnight, the
    /// first instant at or after it (the instant the clocks jump). A date
    /// the clocks skip entirely (Pacific/Apia, 30 December 2011) starts and
    /// ends at the same instant.
    pub fn start_of(&self, date: NaiveDate) -> Option<DateTime<Utc>> {
        let midnight = date.and_hms_opt(0, 0, 0)?;
        match self.0.from_local_datetime(&midnight) {
            LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
            LocalResult::Ambiguous(a, b) => Some(a.min(b).with_timezone(&Utc)),
            LocalResult::None => self.first_instant_at_or_after(midnight),
        }
    }

    /// The first instant whose local time is at or after `local`, found by
    /// bisection over the UTC seconds around it: UTC offsets stay within
    /// 26 hours, so the answer lies within 36 hours of `local` read as UTC.
    fn first_instant_at_or_after(&self, local: NaiveDateTime) -> Option<DateTime<Utc>> {
        let around = local.and_utc().timestamp();
        let span = 36 * 3600;
        let (mut before, mut after) = (around - span, around + span);
        let reaches = |second: i64| {
            DateTime::from_timestamp(second, 0)
                .map(|t| t.with_timezone(&self.0).naive_local() >= local)
        };
        if reaches(before)? || !reaches(after)? {
            return None;
        }
        while after - before > 1 {
            let middle = before + (after - before) / 2;
            if reaches(middle)? {
                after = middle;
            } else {
                before = middle;
            }
        }
        DateTime::from_timestamp(after, 0)
    }

    /// `[start, end)` of `date`.
    pub fn bounds_of(&self, date: NaiveDate) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let next = date.checked_add_signed(Duration::days(1))?;
        Some((self.start_of(date)?, self.start_of(next)?))
    }
}

impl Default for DayZone {
    fn default() -> Self {
        DayZone::UTC
    }
}

impl fmt::Debug for DayZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DayZone({})", self.name())
    }
}

impl fmt::Display for DayZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for DayZone {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for DayZone {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        DayZone::named(&name).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn hours(zone: &str, day: &str) -> i64 {
        let (start, end) = DayZone::named(zone).unwrap().bounds_of(date(day)).unwrap();
        (end - start).num_minutes()
    }

    #[test]
    fn days_are_23_or_25_hours_long_across_daylight_saving_changes() {
        assert_eq!(hours("Europe/Berlin", "2026-03-29"), 23 * 60);
        assert_eq!(hours("Europe/Berlin", "2026-10-25"), 25 * 60);
        assert_eq!(hours("Europe/Berlin", "2026-10-26"), 24 * 60);
        assert_eq!(hours("America/New_York", "2026-03-08"), 23 * 60);
        assert_eq!(hours("America/New_York", "2026-11-01"), 25 * 60);
        assert_eq!(hours("Australia/Lord_Howe", "2026-04-05"), 24 * 60 + 30);
        assert_eq!(hours("UTC", "2026-03-29"), 24 * 60);
    }

    #[test]
    fn a_skipped_midnight_starts_the_day_when_the_clocks_jump() {
        // Havana moves from 00:00 to 01:00 on the second Sunday of March.
        let zone = DayZone::named("America/Havana").unwrap();
        let start = zone.start_of(date("2026-03-08")).unwrap();
        assert_eq!(start.to_rfc3339(), "2026-03-08T05:00:00+00:00");
        assert_eq!(
            start.with_timezone(&zone.0).to_rfc3339(),
            "2026-03-08T01:00:00-04:00"
        );
        assert_eq!(zone.date_of(start), date("2026-03-08"));
        assert_eq!(hours("America/Havana", "2026-03-08"), 23 * 60);
    }

    #[test]
    fn a_day_the_clocks_skip_entirely_is_empty() {
        assert_eq!(hours("Pacific/Apia", "2011-12-30"), 0);
        assert_eq!(hours("Pacific/Apia", "2011-12-29"), 24 * 60);
    }

    #[test]
    fn names_round_trip_and_unknown_names_are_errors() {
        let zone = DayZone::named("Europe/Berlin").unwrap();
        assert_eq!(zone.to_string(), "Europe/Berlin");
        let json = serde_json::to_string(&zone).unwrap();
        assert_eq!(serde_json::from_str::<DayZone>(&json).unwrap(), zone);
        assert_eq!(
            DayZone::named("Europe/Atlantis").unwrap_err().code(),
            "unknown_time_zone"
        );
        assert!(serde_json::from_str::<DayZone>("\"Nowhere\"").is_err());
    }
}
