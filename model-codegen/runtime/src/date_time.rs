//! `DateTime`: an instant with nanosecond precision, read from and written to the exact
//! decimal text of an awsJson epoch-seconds number.
//!
//! `1515531081.123` as an `f64` is 1515531081.12299990654..., so going through floating point
//! would change the instant. Here the digits are read as a decimal: `1515531081.123` is
//! exactly 1515531081 s + 123,000,000 ns, and it is written back as `1515531081.123`.

use std::fmt;
use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

const NANOS_PER_SECOND: i128 = 1_000_000_000;

/// An instant: whole seconds since the Unix epoch (negative before it) plus nanoseconds
/// (always `0..1_000_000_000`, counted forward from `secs`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    secs: i64,
    nanos: u32,
}

/// Why a timestamp could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateTimeError {
    /// The text is not a JSON number.
    NotANumber,
    /// The instant does not fit in `i64` seconds.
    OutOfRange,
    /// The number has digits below a nanosecond, which cannot be kept.
    TooPrecise,
    /// Nanoseconds given separately were not below one second.
    InvalidNanos,
    /// The instant is outside what `SystemTime` can hold on this platform.
    SystemTimeOutOfRange,
    /// The text is not a date and time in the member's `@timestampFormat`, or a field
    /// (month, day, hour, minute, second) is out of range.
    InvalidDate,
    /// An HTTP date names a weekday other than the date's.
    WrongWeekday,
    /// The instant's year is outside `0000..=9999`, which text formats cannot write.
    YearOutOfRange,
}

impl fmt::Display for DateTimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DateTimeError::NotANumber => "a timestamp must be a JSON number of epoch seconds",
            DateTimeError::OutOfRange => "the timestamp is out of range for 64-bit epoch seconds",
            DateTimeError::TooPrecise => "the timestamp has digits finer than a nanosecond",
            DateTimeError::InvalidNanos => "nanoseconds must be less than 1,000,000,000",
            DateTimeError::SystemTimeOutOfRange => "the timestamp does not fit in a SystemTime",
            DateTimeError::InvalidDate => {
                "the timestamp is not a valid date and time in its format"
            }
            DateTimeError::WrongWeekday => "the HTTP date names the wrong day of the week",
            DateTimeError::YearOutOfRange => {
                "the timestamp's year is outside 0000..=9999, which the format cannot write"
            }
        })
    }
}

impl std::error::Error for DateTimeError {}

impl DateTime {
    /// Whole seconds since the epoch.
    pub const fn from_secs(secs: i64) -> DateTime {
        DateTime { secs, nanos: 0 }
    }

    /// Seconds plus nanoseconds counted forward from them (`-1 s + 500_000_000 ns` is -0.5 s).
    pub fn from_secs_and_nanos(secs: i64, nanos: u32) -> Result<DateTime, DateTimeError> {
        if i128::from(nanos) >= NANOS_PER_SECOND {
            return Err(DateTimeError::InvalidNanos);
        }
        Ok(DateTime { secs, nanos })
    }

    /// The whole seconds (the floor of the instant).
    pub const fn secs(&self) -> i64 {
        self.secs
    }

    /// Nanoseconds past [`secs`](Self::secs).
    pub const fn subsec_nanos(&self) -> u32 {
        self.nanos
    }

    /// Parses the text of a JSON number of epoch seconds: `1515531081`, `1515531081.123`,
    /// `1.515531081123E9`, `-0.5`. The value is taken exactly; a value with digits finer
    /// than a nanosecond or outside `i64` seconds is an error, never rounded or clamped.
    pub fn from_epoch_seconds_str(text: &str) -> Result<DateTime, DateTimeError> {
        parse_epoch_seconds(text)
    }

    /// The instant as the shortest exact epoch-seconds number: `1515531081`, `1515531081.123`,
    /// `-0.5`.
    pub fn to_epoch_seconds_string(&self) -> String {
        self.to_string()
    }

    fn total_nanos(&self) -> i128 {
        i128::from(self.secs) * NANOS_PER_SECOND + i128::from(self.nanos)
    }
}

/// Reads the JSON number grammar (`-? int frac? exp?`) into an exact instant.
fn parse_epoch_seconds(text: &str) -> Result<DateTime, DateTimeError> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let int_len = rest.bytes().take_while(u8::is_ascii_digit).count();
    if int_len == 0 || (int_len > 1 && rest.starts_with('0')) {
        return Err(DateTimeError::NotANumber);
    }
    let (int_part, mut rest) = rest.split_at(int_len);
    let mut frac_part = "";
    if let Some(after_dot) = rest.strip_prefix('.') {
        let frac_len = after_dot.bytes().take_while(u8::is_ascii_digit).count();
        if frac_len == 0 {
            return Err(DateTimeError::NotANumber);
        }
        (frac_part, rest) = after_dot.split_at(frac_len);
    }
    let mut exponent: i64 = 0;
    if let Some(exp_text) = rest.strip_prefix(['e', 'E']) {
        let (exp_negative, exp_digits) = match exp_text.strip_prefix('-') {
            Some(digits) => (true, digits),
            None => (false, exp_text.strip_prefix('+').unwrap_or(exp_text)),
        };
        if exp_digits.is_empty() || !exp_digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(DateTimeError::NotANumber);
        }
        // Saturate: an exponent past a billion is out of range (or zero) either way.
        for b in exp_digits.bytes() {
            exponent = (exponent * 10 + i64::from(b - b'0')).min(1_000_000_000);
        }
        if exp_negative {
            exponent = -exponent;
        }
        rest = "";
    }
    if !rest.is_empty() {
        return Err(DateTimeError::NotANumber);
    }

    // value = digits x 10^exponent, where digits = int_part ++ frac_part.
    let mut digits = String::with_capacity(int_part.len() + frac_part.len());
    digits.push_str(int_part);
    digits.push_str(frac_part);
    exponent -= frac_part.len() as i64;
    let significant = digits.trim_start_matches('0');
    let trimmed = significant.trim_end_matches('0');
    exponent += (significant.len() - trimmed.len()) as i64;
    if trimmed.is_empty() {
        return Ok(DateTime::default());
    }
    // `trimmed` ends in a non-zero digit at 10^exponent, so anything below 10^-9 is lost
    // precision, and more than 19 integer digits cannot fit in i64 seconds.
    if exponent < -9 {
        return Err(DateTimeError::TooPrecise);
    }
    if trimmed.len() as i64 + exponent > 19 {
        return Err(DateTimeError::OutOfRange);
    }
    // At most 28 digits once scaled to nanoseconds: well inside i128.
    let mantissa: i128 = trimmed.parse().map_err(|_| DateTimeError::NotANumber)?;
    let scale = u32::try_from(exponent + 9).map_err(|_| DateTimeError::OutOfRange)?;
    let mut total = mantissa * 10_i128.pow(scale);
    if negative {
        total = -total;
    }
    let secs =
        i64::try_from(total.div_euclid(NANOS_PER_SECOND)).map_err(|_| DateTimeError::OutOfRange)?;
    let nanos = total.rem_euclid(NANOS_PER_SECOND) as u32;
    Ok(DateTime { secs, nanos })
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total = self.total_nanos();
        let sign = if total < 0 { "-" } else { "" };
        let magnitude = total.unsigned_abs();
        let whole = magnitude / NANOS_PER_SECOND as u128;
        let frac = magnitude % NANOS_PER_SECOND as u128;
        if frac == 0 {
            return write!(f, "{sign}{whole}");
        }
        let digits = format!("{frac:09}");
        write!(f, "{sign}{whole}.{}", digits.trim_end_matches('0'))
    }
}

impl FromStr for DateTime {
    type Err = DateTimeError;

    fn from_str(text: &str) -> Result<DateTime, DateTimeError> {
        DateTime::from_epoch_seconds_str(text)
    }
}

impl From<SystemTime> for DateTime {
    fn from(time: SystemTime) -> DateTime {
        let total: i128 = match time.duration_since(UNIX_EPOCH) {
            Ok(after) => after.as_nanos() as i128,
            Err(before) => -(before.duration().as_nanos() as i128),
        };
        let secs = total.div_euclid(NANOS_PER_SECOND);
        let nanos = total.rem_euclid(NANOS_PER_SECOND) as u32;
        // SystemTime spans far less than i64 seconds on every platform Rust supports.
        DateTime {
            secs: i64::try_from(secs).unwrap_or(if secs < 0 { i64::MIN } else { i64::MAX }),
            nanos,
        }
    }
}

impl TryFrom<DateTime> for SystemTime {
    type Error = DateTimeError;

    fn try_from(time: DateTime) -> Result<SystemTime, DateTimeError> {
        let total = time.total_nanos();
        let magnitude = total.unsigned_abs();
        let duration = Duration::new(
            u64::try_from(magnitude / NANOS_PER_SECOND as u128)
                .map_err(|_| DateTimeError::SystemTimeOutOfRange)?,
            (magnitude % NANOS_PER_SECOND as u128) as u32,
        );
        let result = if total < 0 {
            UNIX_EPOCH.checked_sub(duration)
        } else {
            UNIX_EPOCH.checked_add(duration)
        };
        result.ok_or(DateTimeError::SystemTimeOutOfRange)
    }
}

impl Serialize for DateTime {
    /// JSON: the exact epoch-seconds number. A binary format (CBOR): epoch seconds through
    /// [`EPOCH_SECONDS`], whatever the member's `@timestampFormat` (binary formats carry
    /// instants, not text).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !serializer.is_human_readable() {
            return serialize_epoch(self, serializer);
        }
        let raw = RawValue::from_string(self.to_string()).map_err(serde::ser::Error::custom)?;
        raw.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<DateTime, D::Error> {
        if !deserializer.is_human_readable() {
            return deserialize_epoch(deserializer);
        }
        let raw: Box<RawValue> = Deserialize::deserialize(deserializer)?;
        DateTime::from_epoch_seconds_str(raw.get()).map_err(D::Error::custom)
    }
}

// An instant passes through a newtype struct of this name in a binary format, so the format
// can mark it (CBOR writes tag 1 around the number and requires that tag on read). Formats
// that do not know the name see a plain newtype around the number.
use super::cbor::EPOCH_SECONDS;

/// Writes an instant for a binary format: whole seconds as an integer, anything finer as the
/// nearest `f64` (what the number carries; CBOR's protocol keeps milliseconds).
pub(crate) fn serialize_epoch<S: Serializer>(
    time: &DateTime,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    if time.nanos == 0 {
        return serializer.serialize_newtype_struct(EPOCH_SECONDS, &time.secs);
    }
    let seconds: f64 = time
        .to_string()
        .parse()
        .map_err(|_| serde::ser::Error::custom("an instant that is not a number"))?;
    serializer.serialize_newtype_struct(EPOCH_SECONDS, &seconds)
}

/// Reads an instant a binary format wrote with [`serialize_epoch`]: an integer, or a float
/// read as the shortest decimal that gives it back (`946845296.123` as an `f64` is
/// 946845296.12299990654..., and means the millisecond), rounded to the nanosecond when that
/// decimal is finer.
pub(crate) fn deserialize_epoch<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<DateTime, D::Error> {
    struct Epoch;

    impl<'de> serde::de::Visitor<'de> for Epoch {
        type Value = DateTime;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a timestamp (epoch seconds)")
        }

        fn visit_newtype_struct<D: Deserializer<'de>>(
            self,
            inner: D,
        ) -> Result<DateTime, D::Error> {
            inner.deserialize_any(self)
        }

        fn visit_i64<E: serde::de::Error>(self, secs: i64) -> Result<DateTime, E> {
            Ok(DateTime::from_secs(secs))
        }

        fn visit_u64<E: serde::de::Error>(self, secs: u64) -> Result<DateTime, E> {
            i64::try_from(secs)
                .map(DateTime::from_secs)
                .map_err(|_| E::custom(DateTimeError::OutOfRange))
        }

        fn visit_f32<E: serde::de::Error>(self, seconds: f32) -> Result<DateTime, E> {
            from_float_text(&seconds.to_string(), f64::from(seconds)).map_err(E::custom)
        }

        fn visit_f64<E: serde::de::Error>(self, seconds: f64) -> Result<DateTime, E> {
            from_float_text(&seconds.to_string(), seconds).map_err(E::custom)
        }
    }

    deserializer.deserialize_newtype_struct(EPOCH_SECONDS, Epoch)
}

/// An instant from a float's shortest decimal text (`value` itself when that text is finer
/// than a nanosecond).
pub(crate) fn from_float_text(text: &str, value: f64) -> Result<DateTime, DateTimeError> {
    if !value.is_finite() {
        return Err(DateTimeError::NotANumber);
    }
    match parse_epoch_seconds(text) {
        Err(DateTimeError::TooPrecise) => {
            let nanos = (value * 1e9).round();
            // i64 seconds span about ±9.2e27 ns; i128 holds that, f64 only approximately.
            if nanos.abs() >= 9.2e27 {
                return Err(DateTimeError::OutOfRange);
            }
            let total = nanos as i128;
            let secs = i64::try_from(total.div_euclid(NANOS_PER_SECOND))
                .map_err(|_| DateTimeError::OutOfRange)?;
            let nanos = u32::try_from(total.rem_euclid(NANOS_PER_SECOND))
                .map_err(|_| DateTimeError::InvalidNanos)?;
            DateTime::from_secs_and_nanos(secs, nanos)
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fractions_are_exact() {
        let t = DateTime::from_epoch_seconds_str("1515531081.123");
        assert_eq!(
            t,
            Ok(DateTime {
                secs: 1515531081,
                nanos: 123_000_000
            })
        );
    }

    #[test]
    fn negative_fractions_count_forward_from_the_floor() {
        let t = DateTime::from_epoch_seconds_str("-0.5");
        assert_eq!(
            t,
            Ok(DateTime {
                secs: -1,
                nanos: 500_000_000
            })
        );
        assert_eq!(t.map(|t| t.to_string()).as_deref(), Ok("-0.5"));
    }

    #[test]
    fn rejects_what_is_not_a_json_number() {
        for text in [
            "", "-", "01", "1.", ".5", "1e", "1e+", "+1", "1.5x", "\"1\"", "null", "0x10", "1_000",
        ] {
            assert_eq!(
                DateTime::from_epoch_seconds_str(text),
                Err(DateTimeError::NotANumber),
                "{text}"
            );
        }
    }

    #[test]
    fn huge_exponents_are_out_of_range_without_work() {
        assert_eq!(
            DateTime::from_epoch_seconds_str("1e999999999999999999"),
            Err(DateTimeError::OutOfRange)
        );
        assert_eq!(
            DateTime::from_epoch_seconds_str("0e999999999999"),
            Ok(DateTime::default())
        );
        assert_eq!(
            DateTime::from_epoch_seconds_str("1e-999999999999"),
            Err(DateTimeError::TooPrecise)
        );
    }

    #[test]
    fn system_time_round_trip() {
        let t = DateTime::from_secs_and_nanos(-86_401, 250).unwrap_or_default();
        let system = SystemTime::try_from(t);
        assert_eq!(system.map(DateTime::from), Ok(t));
    }
}
