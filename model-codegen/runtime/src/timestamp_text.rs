//! Timestamps that travel as text: `@timestampFormat("date-time")` (RFC 3339 in UTC) and
//! `@timestampFormat("http-date")` (IMF-fixdate). Each is a newtype over [`DateTime`], so
//! the Rust type says how the value is written and every position a timestamp can sit in
//! (member, list, map, union, sparse) serializes it correctly without special cases.
//!
//! Both formats keep the instant exactly: fractional seconds (which Smithy requires
//! readers of `http-date` to accept) are read to the nanosecond and written in the
//! shortest exact form. Text the format cannot carry is an error, never rounded: digits
//! finer than a nanosecond, a UTC offset (`date-time` is UTC only), a leap second, a
//! weekday that does not match the date, or a year outside `0000..=9999`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::date_time::{DateTime, DateTimeError};

const SECONDS_PER_DAY: i64 = 86_400;
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
/// Day names from Monday: 1970-01-01 was a Thursday, so a date `days` after it falls on
/// `WEEKDAYS[(days + 3) mod 7]`.
const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// A timestamp written as an RFC 3339 `date-time` in UTC: `1985-04-12T23:20:50.52Z`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rfc3339DateTime(pub DateTime);

/// A timestamp written as an HTTP date (IMF-fixdate): `Tue, 29 Apr 2014 18:30:38 GMT`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HttpDate(pub DateTime);

/// An RFC 3339 `date-time` in a shape only responses carry: read as a client reads one, a
/// UTC offset (`2019-12-16T22:48:18-01:00`) accepted and converted to the same instant, as
/// the Smithy protocol suites require of clients; written in UTC like [`Rfc3339DateTime`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LenientRfc3339DateTime(pub DateTime);

impl LenientRfc3339DateTime {
    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction]` then `Z` or a `+HH:MM`/`-HH:MM` offset.
    pub fn parse(text: &str) -> Result<LenientRfc3339DateTime, DateTimeError> {
        let bad = || DateTimeError::InvalidDate;
        if text.ends_with('Z') {
            return Rfc3339DateTime::parse(text).map(|t| LenientRfc3339DateTime(t.0));
        }
        let cut = text.len().checked_sub(6).ok_or_else(bad)?;
        let (clock, offset) = (
            text.get(..cut).ok_or_else(bad)?,
            text.get(cut..).ok_or_else(bad)?,
        );
        let sign = match offset.as_bytes().first() {
            Some(b'+') => 1,
            Some(b'-') => -1,
            _ => return Err(bad()),
        };
        let (hours, rest) = digits(&offset[1..], 2).ok_or_else(bad)?;
        let (minutes, rest) = digits(expect(rest, ":")?, 2).ok_or_else(bad)?;
        if !rest.is_empty() || hours > 23 || minutes > 59 {
            return Err(bad());
        }
        let local = Rfc3339DateTime::parse(&format!("{clock}Z"))?.0;
        let shift = sign * i64::from(hours * 3600 + minutes * 60);
        let secs = local.secs().checked_sub(shift).ok_or_else(bad)?;
        DateTime::from_secs_and_nanos(secs, local.subsec_nanos()).map(LenientRfc3339DateTime)
    }

    /// The text in UTC, or an error for an instant outside the years `0000..=9999`.
    pub fn to_text(&self) -> Result<String, DateTimeError> {
        Rfc3339DateTime(self.0).to_text()
    }
}

impl fmt::Display for LenientRfc3339DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Rfc3339DateTime(self.0).fmt(f)
    }
}

/// A calendar date and time of day in UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Civil {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
}

/// Days from 1970-01-01 to the given proleptic Gregorian date (negative before it).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    // Count years from March so the leap day is the last day of the counted year.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y.rem_euclid(400);
    let shifted_month = i64::from((month + 9) % 12); // March = 0
    let day_of_year = (153 * shifted_month + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    // 719_468 days from 0000-03-01 to 1970-01-01.
    era * 146_097 + day_of_era - 719_468
}

/// The date `days` after 1970-01-01: the inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u32;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 31,
    }
}

impl Civil {
    fn of(time: &DateTime) -> Civil {
        let days = time.secs().div_euclid(SECONDS_PER_DAY);
        let in_day = time.secs().rem_euclid(SECONDS_PER_DAY) as u32;
        let (year, month, day) = civil_from_days(days);
        Civil {
            year,
            month,
            day,
            hour: in_day / 3600,
            minute: in_day / 60 % 60,
            second: in_day % 60,
        }
    }

    /// The instant, after checking each field's range.
    fn to_date_time(self, nanos: u32) -> Result<DateTime, DateTimeError> {
        let valid = (1..=12).contains(&self.month)
            && (1..=days_in_month(self.year, self.month)).contains(&self.day)
            && self.hour < 24
            && self.minute < 60
            && self.second < 60;
        if !valid {
            return Err(DateTimeError::InvalidDate);
        }
        let days = days_from_civil(self.year, self.month, self.day);
        let secs =
            days * SECONDS_PER_DAY + i64::from(self.hour * 3600 + self.minute * 60 + self.second);
        DateTime::from_secs_and_nanos(secs, nanos)
    }

    /// The date with the time of day read from `HH:MM:SS[.fraction]` followed by exactly
    /// `end`, and the nanoseconds.
    fn with_clock(
        year: u32,
        month: u32,
        day: u32,
        text: &str,
        end: &str,
    ) -> Result<(Civil, u32), DateTimeError> {
        let bad = || DateTimeError::InvalidDate;
        let (hour, rest) = digits(text, 2).ok_or_else(bad)?;
        let rest = expect(rest, ":")?;
        let (minute, rest) = digits(rest, 2).ok_or_else(bad)?;
        let rest = expect(rest, ":")?;
        let (second, rest) = digits(rest, 2).ok_or_else(bad)?;
        let (nanos, rest) = fraction(rest)?;
        if rest != end {
            return Err(bad());
        }
        let civil = Civil {
            year: i64::from(year),
            month,
            day,
            hour,
            minute,
            second,
        };
        Ok((civil, nanos))
    }

    fn weekday(&self) -> &'static str {
        let days = days_from_civil(self.year, self.month, self.day);
        WEEKDAYS[(days + 3).rem_euclid(7) as usize]
    }
}

/// Reads exactly `width` ASCII digits from the front of `text`.
fn digits(text: &str, width: usize) -> Option<(u32, &str)> {
    let head = text.get(..width)?;
    if !head.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((head.parse().ok()?, &text[width..]))
}

/// Reads an optional `.` and fraction of a second into nanoseconds. More than nine digits
/// are accepted only when the extra ones are zeros.
fn fraction(text: &str) -> Result<(u32, &str), DateTimeError> {
    let Some(after_dot) = text.strip_prefix('.') else {
        return Ok((0, text));
    };
    let len = after_dot.bytes().take_while(u8::is_ascii_digit).count();
    if len == 0 {
        return Err(DateTimeError::InvalidDate);
    }
    let (all, rest) = after_dot.split_at(len);
    let (kept, dropped) = all.split_at(len.min(9));
    if dropped.bytes().any(|b| b != b'0') {
        return Err(DateTimeError::TooPrecise);
    }
    let scale = 10u32.pow(9 - kept.len() as u32);
    let nanos = kept
        .parse::<u32>()
        .map_err(|_| DateTimeError::InvalidDate)?
        * scale;
    Ok((nanos, rest))
}

/// `.` and the shortest digits that keep the nanoseconds exactly, or nothing for none.
fn write_fraction(f: &mut fmt::Formatter<'_>, nanos: u32) -> fmt::Result {
    if nanos == 0 {
        return Ok(());
    }
    let digits = format!("{nanos:09}");
    write!(f, ".{}", digits.trim_end_matches('0'))
}

fn expect<'a>(text: &'a str, literal: &str) -> Result<&'a str, DateTimeError> {
    text.strip_prefix(literal).ok_or(DateTimeError::InvalidDate)
}

impl Rfc3339DateTime {
    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction]Z`. Offsets other than `Z` are refused: the
    /// format is UTC only, and converting would change the text the sender wrote.
    pub fn parse(text: &str) -> Result<Rfc3339DateTime, DateTimeError> {
        let bad = || DateTimeError::InvalidDate;
        let (year, rest) = digits(text, 4).ok_or_else(bad)?;
        let rest = expect(rest, "-")?;
        let (month, rest) = digits(rest, 2).ok_or_else(bad)?;
        let rest = expect(rest, "-")?;
        let (day, rest) = digits(rest, 2).ok_or_else(bad)?;
        let rest = expect(rest, "T")?;
        let (civil, nanos) = Civil::with_clock(year, month, day, rest, "Z")?;
        civil.to_date_time(nanos).map(Rfc3339DateTime)
    }

    /// The text, or an error for an instant outside the years `0000..=9999`.
    pub fn to_text(&self) -> Result<String, DateTimeError> {
        in_four_digit_years(&self.0)?;
        Ok(self.to_string())
    }
}

impl HttpDate {
    /// Parses `Www, DD Mon YYYY HH:MM:SS[.fraction] GMT`; the weekday must be the date's.
    pub fn parse(text: &str) -> Result<HttpDate, DateTimeError> {
        let bad = || DateTimeError::InvalidDate;
        let weekday = text.get(..3).ok_or_else(bad)?;
        let rest = expect(&text[3..], ", ")?;
        let (day, rest) = digits(rest, 2).ok_or_else(bad)?;
        let rest = expect(rest, " ")?;
        let month_name = rest.get(..3).ok_or_else(bad)?;
        let month = MONTHS
            .iter()
            .position(|m| *m == month_name)
            .ok_or_else(bad)? as u32
            + 1;
        let rest = expect(&rest[3..], " ")?;
        let (year, rest) = digits(rest, 4).ok_or_else(bad)?;
        let rest = expect(rest, " ")?;
        let (civil, nanos) = Civil::with_clock(year, month, day, rest, " GMT")?;
        let time = civil.to_date_time(nanos)?;
        if civil.weekday() != weekday {
            return Err(DateTimeError::WrongWeekday);
        }
        Ok(HttpDate(time))
    }

    /// The text, or an error for an instant outside the years `0000..=9999`.
    pub fn to_text(&self) -> Result<String, DateTimeError> {
        in_four_digit_years(&self.0)?;
        Ok(self.to_string())
    }
}

fn in_four_digit_years(time: &DateTime) -> Result<(), DateTimeError> {
    if (0..=9999).contains(&Civil::of(time).year) {
        Ok(())
    } else {
        Err(DateTimeError::YearOutOfRange)
    }
}

/// Writes the text; a year outside `0000..=9999` is written with as many digits as it has
/// (for display only: [`Rfc3339DateTime::to_text`] and serialization refuse it).
impl fmt::Display for Rfc3339DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = Civil::of(&self.0);
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            c.year, c.month, c.day, c.hour, c.minute, c.second
        )?;
        write_fraction(f, self.0.subsec_nanos())?;
        f.write_str("Z")
    }
}

/// Writes the text; see [`Rfc3339DateTime`]'s `Display` about years beyond four digits.
impl fmt::Display for HttpDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = Civil::of(&self.0);
        let month = MONTHS[(c.month as usize).saturating_sub(1) % 12];
        write!(
            f,
            "{}, {:02} {month} {:04} {:02}:{:02}:{:02}",
            c.weekday(),
            c.day,
            c.year,
            c.hour,
            c.minute,
            c.second
        )?;
        write_fraction(f, self.0.subsec_nanos())?;
        f.write_str(" GMT")
    }
}

macro_rules! text_timestamp_impls {
    ($ty:ident, $expecting:literal) => {
        impl FromStr for $ty {
            type Err = DateTimeError;

            fn from_str(text: &str) -> Result<$ty, DateTimeError> {
                $ty::parse(text)
            }
        }

        impl From<DateTime> for $ty {
            fn from(time: DateTime) -> $ty {
                $ty(time)
            }
        }

        impl From<$ty> for DateTime {
            fn from(time: $ty) -> DateTime {
                time.0
            }
        }

        impl Serialize for $ty {
            /// The text in JSON; epoch seconds in a binary format (CBOR ignores
            /// `@timestampFormat`).
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                if !serializer.is_human_readable() {
                    return super::date_time::serialize_epoch(&self.0, serializer);
                }
                let text = self.to_text().map_err(serde::ser::Error::custom)?;
                serializer.serialize_str(&text)
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<$ty, D::Error> {
                if !deserializer.is_human_readable() {
                    return super::date_time::deserialize_epoch(deserializer).map($ty);
                }
                struct Text;

                impl serde::de::Visitor<'_> for Text {
                    type Value = $ty;

                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($expecting)
                    }

                    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<$ty, E> {
                        $ty::parse(text).map_err(|e| E::custom(format_args!("{e}: `{text}`")))
                    }
                }

                deserializer.deserialize_str(Text)
            }
        }
    };
}

text_timestamp_impls!(
    Rfc3339DateTime,
    "an RFC 3339 date-time string in UTC (1985-04-12T23:20:50.52Z)"
);
text_timestamp_impls!(
    LenientRfc3339DateTime,
    "an RFC 3339 date-time string (1985-04-12T23:20:50.52Z, or with an offset: -01:00)"
);
text_timestamp_impls!(
    HttpDate,
    "an HTTP date string (Tue, 29 Apr 2014 18:30:38 GMT)"
);

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64, nanos: u32) -> DateTime {
        DateTime::from_secs_and_nanos(secs, nanos).unwrap_or_default()
    }

    #[test]
    fn civil_days_round_trip_across_eras() {
        for days in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days, "{y}-{m}-{d}");
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }

    #[test]
    fn rfc3339_reads_and_writes_the_smithy_example() {
        let t = Rfc3339DateTime::parse("1985-04-12T23:20:50.52Z");
        assert_eq!(t, Ok(Rfc3339DateTime(at(482_196_050, 520_000_000))));
        assert_eq!(
            t.map(|t| t.to_string()).as_deref(),
            Ok("1985-04-12T23:20:50.52Z")
        );
        assert_eq!(
            Rfc3339DateTime(at(0, 0)).to_string(),
            "1970-01-01T00:00:00Z"
        );
    }

    #[test]
    fn rfc3339_refuses_offsets_bad_fields_and_extra_precision() {
        for text in [
            "1985-04-12T23:20:50+01:00",
            "1985-04-12T23:20:50",
            "1985-04-12 23:20:50Z",
            "1985-04-12t23:20:50Z",
            "1985-13-12T23:20:50Z",
            "1985-02-29T23:20:50Z",
            "1985-04-12T24:00:00Z",
            "1985-04-12T23:20:60Z",
            "1985-04-12T23:20:50.Z",
            "85-04-12T23:20:50Z",
            "+1985-04-12T23:20:50Z",
        ] {
            assert!(Rfc3339DateTime::parse(text).is_err(), "{text}");
        }
        assert_eq!(
            Rfc3339DateTime::parse("1985-04-12T23:20:50.1234567891Z"),
            Err(DateTimeError::TooPrecise)
        );
        assert!(Rfc3339DateTime::parse("1985-04-12T23:20:50.1234567890Z").is_ok());
        assert!(Rfc3339DateTime::parse("2000-02-29T00:00:00Z").is_ok());
    }

    #[test]
    fn http_date_reads_fractions_and_checks_the_weekday() {
        let t = HttpDate::parse("Tue, 29 Apr 2014 18:30:38 GMT");
        assert_eq!(t, Ok(HttpDate(at(1_398_796_238, 0))));
        assert_eq!(
            HttpDate::parse("Sun, 02 Jan 2000 20:34:56.000 GMT"),
            Ok(HttpDate(at(946_845_296, 0)))
        );
        assert_eq!(
            HttpDate::parse("Sun, 02 Jan 2000 20:34:56.5 GMT").map(|t| t.to_string()),
            Ok("Sun, 02 Jan 2000 20:34:56.5 GMT".to_owned())
        );
        assert_eq!(
            HttpDate::parse("Mon, 29 Apr 2014 18:30:38 GMT"),
            Err(DateTimeError::WrongWeekday)
        );
        for text in [
            "Tue, 29 Apr 2014 18:30:38 UTC",
            "Tue 29 Apr 2014 18:30:38 GMT",
            "Tue, 29 apr 2014 18:30:38 GMT",
            "Tuesday, 29-Apr-14 18:30:38 GMT",
            "Tue, 31 Apr 2014 18:30:38 GMT",
            "",
            "Tue",
        ] {
            assert!(HttpDate::parse(text).is_err(), "{text}");
        }
    }

    #[test]
    fn years_beyond_four_digits_are_not_written() {
        let far = at(253_402_300_800, 0); // 10000-01-01
        assert_eq!(
            Rfc3339DateTime(far).to_text(),
            Err(DateTimeError::YearOutOfRange)
        );
        assert_eq!(HttpDate(far).to_text(), Err(DateTimeError::YearOutOfRange));
        assert!(serde_json::to_string(&HttpDate(far)).is_err());
        let first = at(-62_167_219_200, 0); // 0000-01-01
        assert_eq!(
            Rfc3339DateTime(first).to_text().as_deref(),
            Ok("0000-01-01T00:00:00Z")
        );
    }

    #[test]
    fn serde_uses_json_strings() {
        let t = HttpDate(at(1_398_796_238, 0));
        let json = serde_json::to_string(&t).unwrap_or_default();
        assert_eq!(json, r#""Tue, 29 Apr 2014 18:30:38 GMT""#);
        assert_eq!(serde_json::from_str::<HttpDate>(&json).ok(), Some(t));
        assert!(serde_json::from_str::<HttpDate>("1398796238").is_err());
        let error = serde_json::from_str::<Rfc3339DateTime>(r#""2014-04-29""#)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.contains("2014-04-29"), "{error}");
    }

    #[test]
    fn lenient_rfc3339_reads_offsets_as_the_same_instant() {
        let utc = LenientRfc3339DateTime::parse("2019-12-16T23:48:18Z");
        assert_eq!(
            LenientRfc3339DateTime::parse("2019-12-16T22:48:18-01:00"),
            utc
        );
        assert_eq!(
            LenientRfc3339DateTime::parse("2019-12-17T00:48:18+01:00"),
            utc
        );
        assert_eq!(
            LenientRfc3339DateTime::parse("2019-12-17T00:48:18.5+01:00").map(|t| t.to_string()),
            Ok("2019-12-16T23:48:18.5Z".to_owned())
        );
        for bad in [
            "2019-12-16T22:48:18+24:00",
            "2019-12-16T22:48:18-01",
            "2019-12-16T22:48:18",
            "+01:00",
            "",
        ] {
            assert!(LenientRfc3339DateTime::parse(bad).is_err(), "{bad}");
        }
        // The strict form still refuses offsets.
        assert!(Rfc3339DateTime::parse("2019-12-16T22:48:18-01:00").is_err());
    }
}
