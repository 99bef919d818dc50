//! Times a person can use: the athlete's time zone and waking day, one way of writing times in answers.
//!
//! Every time afterlift answers with is in the athlete's time zone: in JSON as RFC 3339 with the local
//! offset (`2026-11-25T06:00:00+01:00`, [`rfc3339_local`]), in text as `Wed 25 Nov, 06:00 CET` ([`label`]:
//! with the zone's abbreviation, so a time read far from home or in the server's UTC is not misread).
//! A session is never rebooked outside the athlete's day ([`DayWindow`]): a time that falls in the night
//! moves to the next morning.
//!
//! Time zones are looked up in the tz database bundled into the binary ([`time_zone`]), so core stays pure
//! (no files read) and every machine gives the same answer.

use std::sync::LazyLock;

use jiff::civil::{Date, Time, time};
use jiff::tz::{TimeZone, TimeZoneDatabase};
use jiff::{SignedDuration, Timestamp, Zoned};

/// When the athlete's day starts, by default.
pub const DEFAULT_WAKE: Time = time(6, 0, 0, 0);
/// When it ends, by default.
pub const DEFAULT_SLEEP: Time = time(22, 0, 0, 0);

static BUNDLED: LazyLock<TimeZoneDatabase> = LazyLock::new(TimeZoneDatabase::bundled);

/// The IANA time zone `name` (`Europe/Berlin`, `UTC`), from the bundled database.
pub fn time_zone(name: &str) -> Option<TimeZone> {
    let name = name.trim();
    if name.eq_ignore_ascii_case("utc") || name == "Etc/UTC" {
        return Some(TimeZone::UTC);
    }
    BUNDLED.get(name).ok()
}

/// The hours of the athlete's day: sessions are rebooked within [wake, sleep). A bedtime earlier than the
/// wake time is after midnight (wake 08:00, sleep 01:30); the same time for both means a day with no night
/// (shift work, or tests): any time fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayWindow {
    pub wake: Time,
    pub sleep: Time,
}

impl Default for DayWindow {
    fn default() -> DayWindow {
        DayWindow {
            wake: DEFAULT_WAKE,
            sleep: DEFAULT_SLEEP,
        }
    }
}

/// The length a night (bedtime to wake time) may have, hours: shorter than 3 h or longer than 14 h is a
/// swapped or mistyped time (wake 23:00, sleep 22:30 would be a 30-minute night; wake 23:00, sleep 07:00 a
/// 16-hour one), not a sleep pattern.
pub const NIGHT_HOURS: (f64, f64) = (3.0, 14.0);

impl DayWindow {
    /// A day with no night: every time is within it.
    pub fn all_day(&self) -> bool {
        self.wake == self.sleep
    }

    /// The night's length in hours (bedtime to wake time, across midnight); 0 for a day with no night.
    pub fn night_hours(&self) -> f64 {
        let minutes = |t: Time| f64::from(t.hour()) * 60.0 + f64::from(t.minute());
        let night = (minutes(self.wake) - minutes(self.sleep)).rem_euclid(24.0 * 60.0);
        night / 60.0
    }

    /// `Err` with what is wrong when the night is outside [`NIGHT_HOURS`] (a day with no night is fine).
    pub fn check(&self) -> Result<(), String> {
        let (lo, hi) = NIGHT_HOURS;
        let night = self.night_hours();
        if self.all_day() || (lo..=hi).contains(&night) {
            return Ok(());
        }
        Err(format!(
            "waking at {} after going to sleep at {} is a night of {night:.1} h: expected {lo}–{hi} h \
             (or the same time for both: a day with no night)",
            self.wake.strftime("%H:%M"),
            self.sleep.strftime("%H:%M"),
        ))
    }

    /// The waking hours that begin on `date`: from the wake time to the sleep time — the next day's
    /// when bedtime is after midnight (wake 08:00, sleep 01:30).
    fn waking(&self, date: Date, tz: &TimeZone) -> Option<(Timestamp, Timestamp)> {
        let start = self.wake_on(date, tz)?;
        let sleep_date = if self.sleep > self.wake {
            date
        } else {
            date.tomorrow().ok()?
        };
        let end = sleep_date
            .to_datetime(self.sleep)
            .to_zoned(tz.clone())
            .ok()?
            .timestamp();
        Some((start, end))
    }

    /// The waking periods around `t`: those beginning the day before, on the day and the two after.
    fn periods(&self, t: Timestamp, tz: &TimeZone) -> Vec<(Timestamp, Timestamp)> {
        let date = t.to_zoned(tz.clone()).date();
        [-1i64, 0, 1, 2]
            .into_iter()
            .filter_map(|k| date.checked_add(jiff::Span::new().days(k)).ok())
            .filter_map(|d| self.waking(d, tz))
            .collect()
    }

    /// Whether `t` falls within the athlete's waking day.
    pub fn contains(&self, t: Timestamp, tz: &TimeZone) -> bool {
        self.all_day()
            || self
                .periods(t, tz)
                .iter()
                .any(|(start, end)| *start <= t && t < *end)
    }

    /// The wake time on `date` in `tz` (the first valid instant at or after it, across a DST gap).
    pub fn wake_on(&self, date: Date, tz: &TimeZone) -> Option<Timestamp> {
        date.to_datetime(self.wake)
            .to_zoned(tz.clone())
            .ok()
            .map(|z| z.timestamp())
    }

    /// The earliest instant at or after `t` when a session of `minutes` starts and ends within the
    /// athlete's waking hours: `t` itself when it fits, else the next wake time from which it does.
    pub fn fit(&self, t: Timestamp, minutes: u32, tz: &TimeZone) -> Timestamp {
        if self.all_day() {
            return t;
        }
        let length = SignedDuration::from_mins(i64::from(minutes));
        self.periods(t, tz)
            .into_iter()
            .find_map(|(start, end)| {
                let from = start.max(t);
                from.checked_add(length)
                    .ok()
                    .filter(|finish| *finish <= end)
                    .map(|_| from)
            })
            .unwrap_or(t)
    }

    /// Whole minutes from `t` to bedtime, when `t` is within the waking day (`None` at night or all day).
    pub fn minutes_left(&self, t: Timestamp, tz: &TimeZone) -> Option<u32> {
        if self.all_day() {
            return None;
        }
        self.periods(t, tz)
            .into_iter()
            .find(|(start, end)| *start <= t && t < *end)
            .map(|(_, end)| (end.duration_since(t).as_secs() / 60).max(0) as u32)
    }

    /// Whether a session of `minutes` started at `t` ends before bedtime (it starts within the day).
    pub fn fits_now(&self, t: Timestamp, minutes: u32, tz: &TimeZone) -> bool {
        self.fit(t, minutes, tz) == t
    }

    /// The next wake time after `t` (this morning's when `t` is before it, else tomorrow's).
    pub fn next_morning(&self, t: Timestamp, tz: &TimeZone) -> Timestamp {
        let z = t.to_zoned(tz.clone());
        if self.all_day() {
            // No night: the same clock time tomorrow.
            return z.tomorrow().map(|d| d.timestamp()).unwrap_or(t);
        }
        self.periods(t, tz)
            .into_iter()
            .map(|(start, _)| start)
            .find(|start| *start > t)
            .unwrap_or(t)
    }
}

/// Rounds up to the next half hour, for a readable "not before".
pub fn next_half_hour(t: Timestamp) -> Timestamp {
    let s = t.as_second();
    let rounded = s.div_euclid(1800) * 1800 + if s.rem_euclid(1800) == 0 { 0 } else { 1800 };
    Timestamp::from_second(rounded).unwrap_or(t)
}

/// How a time is written in text: `Wed 25 Nov, 06:00 CET` (jiff's strftime; `%Z` is the zone's
/// abbreviation at that instant — `CEST` in summer, `UTC`, or the offset for a zone without one).
pub const LABEL_FORMAT: &str = "%a %-d %b, %H:%M %Z";

/// `Wed 25 Nov, 06:00 CET` in the athlete's time zone.
pub fn label(t: Timestamp, tz: &TimeZone) -> String {
    jiff::fmt::strtime::format(LABEL_FORMAT, &t.to_zoned(tz.clone()))
        .unwrap_or_else(|_| t.to_string())
}

/// `today at 21:00 CET`, `tomorrow (Wed 25 Nov) at 06:00 CET` or `Thu 26 Nov, 06:00 CET`, relative to
/// `now`.
pub fn relative_label(t: Timestamp, now: Timestamp, tz: &TimeZone) -> String {
    let day = t.to_zoned(tz.clone()).date();
    let today = now.to_zoned(tz.clone()).date();
    let clock = jiff::fmt::strtime::format("%H:%M %Z", &t.to_zoned(tz.clone())).unwrap_or_default();
    if day == today {
        format!("today at {clock}")
    } else if today.tomorrow().ok() == Some(day) {
        let date =
            jiff::fmt::strtime::format("%a %-d %b", &t.to_zoned(tz.clone())).unwrap_or_default();
        format!("tomorrow ({date}) at {clock}")
    } else {
        label(t, tz)
    }
}

/// A moment in the athlete's time zone.
pub fn local(t: Timestamp, tz: &TimeZone) -> Zoned {
    t.to_zoned(tz.clone())
}

/// Serde for a [`Zoned`] written as RFC 3339 with its offset and no zone annotation
/// (`2026-11-25T06:00:00+01:00`): what JSON clients parse. Read back as a fixed offset.
pub mod rfc3339_local {
    use jiff::Zoned;
    use jiff::tz::TimeZone;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(z: &Zoned, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&z.timestamp().display_with_offset(z.offset()))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Zoned, D::Error> {
        let text = String::deserialize(d)?;
        let parsed: jiff::fmt::temporal::Pieces<'_> = jiff::fmt::temporal::Pieces::parse(&text)
            .map_err(|e| serde::de::Error::custom(format!("expected an RFC 3339 time: {e}")))?;
        let ts: jiff::Timestamp = text
            .parse()
            .map_err(|e| serde::de::Error::custom(format!("expected an RFC 3339 time: {e}")))?;
        let offset = match parsed.offset() {
            Some(jiff::fmt::temporal::PiecesOffset::Numeric(n)) => n.offset(),
            _ => jiff::tz::Offset::UTC,
        };
        Ok(ts.to_zoned(TimeZone::fixed(offset)))
    }
}

/// [`rfc3339_local`] for an optional time (`null` when absent).
pub mod rfc3339_local_opt {
    use jiff::Zoned;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(z: &Option<Zoned>, s: S) -> Result<S::Ok, S::Error> {
        match z {
            Some(z) => super::rfc3339_local::serialize(z, s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Zoned>, D::Error> {
        #[derive(Deserialize)]
        struct W(#[serde(with = "super::rfc3339_local")] Zoned);
        Ok(Option::<W>::deserialize(d)?.map(|w| w.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn berlin() -> TimeZone {
        time_zone("Europe/Berlin").unwrap()
    }

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn zones_come_from_the_bundled_database() {
        assert!(time_zone("Europe/Berlin").is_some());
        assert!(time_zone("America/New_York").is_some());
        assert_eq!(time_zone("utc"), Some(TimeZone::UTC));
        assert!(time_zone("Mars/Olympus_Mons").is_none());
    }

    #[test]
    fn a_time_in_the_night_moves_to_the_next_morning() {
        let day = DayWindow::default();
        // 00:30 Berlin = 23:30 UTC the day before.
        let night = ts("2026-11-24T23:30:00Z");
        assert_eq!(day.fit(night, 30, &berlin()), ts("2026-11-25T05:00:00Z"));
        // 21:45 Berlin with a 30-min session ends after 22:00: next morning.
        let late = ts("2026-11-25T20:45:00Z");
        assert_eq!(day.fit(late, 30, &berlin()), ts("2026-11-26T05:00:00Z"));
        // 19:00 fits.
        let evening = ts("2026-11-25T18:00:00Z");
        assert_eq!(day.fit(evening, 40, &berlin()), evening);
    }

    #[test]
    fn a_bedtime_after_midnight_is_the_same_day() {
        let late = DayWindow {
            wake: time(8, 0, 0, 0),
            sleep: time(1, 30, 0, 0),
        };
        // 00:15 Berlin (23:15 UTC) is still the athlete's evening.
        let t = ts("2026-11-24T23:15:00Z");
        assert!(late.contains(t, &berlin()));
        assert_eq!(late.fit(t, 30, &berlin()), t);
        // A 90-min run would end after 01:30: the next morning at 08:00.
        assert_eq!(late.fit(t, 90, &berlin()), ts("2026-11-25T07:00:00Z"));
        assert_eq!(late.next_morning(t, &berlin()), ts("2026-11-25T07:00:00Z"));
        // 03:00 is the night.
        assert!(!late.contains(ts("2026-11-25T02:00:00Z"), &berlin()));
    }

    #[test]
    fn times_are_written_in_the_athletes_zone() {
        let z = local(ts("2026-11-25T05:00:00Z"), &berlin());
        let json = {
            #[derive(serde::Serialize)]
            struct W {
                #[serde(with = "rfc3339_local")]
                t: Zoned,
            }
            serde_json::to_string(&W { t: z.clone() }).unwrap()
        };
        assert_eq!(json, r#"{"t":"2026-11-25T06:00:00+01:00"}"#);
        assert_eq!(label(z.timestamp(), &berlin()), "Wed 25 Nov, 06:00 CET");
        assert_eq!(
            relative_label(z.timestamp(), ts("2026-11-24T18:00:00Z"), &berlin()),
            "tomorrow (Wed 25 Nov) at 06:00 CET"
        );
        // Summer time has its own abbreviation; UTC is named too; a fixed offset reads as itself.
        assert_eq!(
            label(ts("2026-07-01T04:00:00Z"), &berlin()),
            "Wed 1 Jul, 06:00 CEST"
        );
        assert_eq!(
            label(ts("2026-07-01T04:00:00Z"), &TimeZone::UTC),
            "Wed 1 Jul, 04:00 UTC"
        );
        let fixed = TimeZone::fixed(jiff::tz::offset(-3));
        assert!(label(ts("2026-07-01T04:00:00Z"), &fixed).starts_with("Wed 1 Jul, 01:00 "));
    }
}

/// A number of seconds as a duration that never panics: NaN is zero and anything beyond jiff's range
/// saturates, so a later `checked_add`/`checked_sub` reports the overflow instead of a panic
/// (`SignedDuration::from_secs_f64` panics on both). Callers validate ranges before; this is the floor.
pub fn seconds(secs: f64) -> SignedDuration {
    SignedDuration::try_from_secs_f64(secs).unwrap_or(if secs.is_nan() {
        SignedDuration::ZERO
    } else if secs > 0.0 {
        SignedDuration::MAX
    } else {
        SignedDuration::MIN
    })
}

#[cfg(test)]
mod night_tests {
    use super::*;

    #[test]
    fn nights_are_checked_across_midnight() {
        let day = |wake, sleep| DayWindow { wake, sleep };
        assert!(day(time(6, 30, 0, 0), time(22, 30, 0, 0)).check().is_ok());
        assert!(day(time(8, 0, 0, 0), time(1, 30, 0, 0)).check().is_ok());
        assert!(day(time(15, 0, 0, 0), time(7, 0, 0, 0)).check().is_ok());
        assert!(day(time(9, 0, 0, 0), time(9, 0, 0, 0)).check().is_ok());
        let e = day(time(23, 0, 0, 0), time(22, 30, 0, 0))
            .check()
            .unwrap_err();
        assert!(e.contains("night of 0.5 h"), "{e}");
        assert!(day(time(22, 0, 0, 0), time(5, 0, 0, 0)).check().is_err());
        assert!(day(time(23, 0, 0, 0), time(7, 0, 0, 0)).check().is_err());
    }
}

#[cfg(test)]
mod seconds_tests {
    use super::*;

    #[test]
    fn seconds_never_panic() {
        assert_eq!(seconds(90.5), SignedDuration::from_millis(90_500));
        assert_eq!(seconds(f64::NAN), SignedDuration::ZERO);
        assert_eq!(seconds(f64::INFINITY), SignedDuration::MAX);
        assert_eq!(seconds(-1e300), SignedDuration::MIN);
    }
}
