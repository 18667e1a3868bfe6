//! `LenientDateTime`: an epoch-seconds timestamp as a response carries it.
//!
//! Clients read responses leniently, as the AWS SDKs do, so that one odd member never costs
//! the caller the whole output. Besides a JSON number of epoch seconds, a string holding an
//! RFC 3339 date-time (`"2018-01-09T20:51:21Z"`) or an epoch-seconds decimal
//! (`"1515531081.5"`) is read as the instant it names. Anything else in that position that
//! is still a number or a string (`1e20`, past `i64` seconds; digits finer than a
//! nanosecond; a string in no known form) is kept exactly as its JSON text, so nothing is
//! silently changed, and `validate()` reports it. Inputs never use this type: a request's
//! timestamp is a [`DateTime`], read strictly.

use std::fmt;

use serde::de;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

use super::date_time::DateTime;
use super::timestamp_text::Rfc3339DateTime;
use super::validation::{Constraint, Path, ValidationErrors, Violation};

/// An epoch-seconds timestamp read from a response: an instant, or the exact JSON text of
/// a value no [`DateTime`] can hold.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum LenientDateTime {
    /// The instant the response named, as a number or in one of the string forms.
    Instant(DateTime),
    /// A number or string that names no instant a [`DateTime`] holds, kept as received.
    Unreadable(UnreadableTimestamp),
}

/// The JSON text of a timestamp that could not be read, exactly as received (a number such
/// as `1e20`, or a string with its quotes and escapes).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UnreadableTimestamp(Box<str>);

impl UnreadableTimestamp {
    /// The JSON text as received.
    pub fn json(&self) -> &str {
        &self.0
    }
}

impl LenientDateTime {
    /// The instant, unless the response sent a value no [`DateTime`] holds.
    pub fn instant(&self) -> Option<DateTime> {
        match self {
            LenientDateTime::Instant(time) => Some(*time),
            LenientDateTime::Unreadable(_) => None,
        }
    }

    /// Reads a JSON number or string in an epoch-seconds position, keeping what names no
    /// instant. `json` is one JSON value's text; `None` when it is neither a number nor a
    /// string (the caller's type error).
    pub fn from_json(json: &str) -> Option<LenientDateTime> {
        let kept = || {
            Some(LenientDateTime::Unreadable(UnreadableTimestamp(
                json.into(),
            )))
        };
        match json.as_bytes().first() {
            Some(b'"') => {
                let Ok(text) = serde_json::from_str::<String>(json) else {
                    return kept();
                };
                let instant = DateTime::from_epoch_seconds_str(&text)
                    .or_else(|_| Rfc3339DateTime::parse(&text).map(|t| t.0));
                match instant {
                    Ok(time) => Some(LenientDateTime::Instant(time)),
                    Err(_) => kept(),
                }
            }
            Some(b'-' | b'0'..=b'9') => match DateTime::from_epoch_seconds_str(json) {
                Ok(time) => Some(LenientDateTime::Instant(time)),
                Err(_) => kept(),
            },
            _ => None,
        }
    }

    /// Records a violation if the response sent a value no [`DateTime`] holds.
    #[doc(hidden)]
    pub fn validate_at(&self, path: &Path<'_>, errors: &mut ValidationErrors) {
        if let LenientDateTime::Unreadable(text) = self {
            errors.push(Violation::new(
                path,
                Constraint::Timestamp,
                Some(text.json()),
            ));
        }
    }
}

impl Default for LenientDateTime {
    fn default() -> LenientDateTime {
        LenientDateTime::Instant(DateTime::default())
    }
}

impl From<DateTime> for LenientDateTime {
    fn from(time: DateTime) -> LenientDateTime {
        LenientDateTime::Instant(time)
    }
}

impl fmt::Display for LenientDateTime {
    /// The instant as epoch seconds, or the kept JSON text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LenientDateTime::Instant(time) => time.fmt(f),
            LenientDateTime::Unreadable(text) => f.write_str(text.json()),
        }
    }
}

impl Serialize for LenientDateTime {
    /// An instant as the protocol writes it (a number of epoch seconds, whatever form it
    /// came in); a kept value as the JSON text it came as.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            LenientDateTime::Instant(time) => time.serialize(serializer),
            // A kept number (one CBOR sent, or JSON) goes back as tag 1 around it; other kept
            // JSON text has no binary form and is written as that text, so nothing is dropped.
            LenientDateTime::Unreadable(text) if !serializer.is_human_readable() => {
                match kept_number(text.json()) {
                    Some(number) => {
                        serializer.serialize_newtype_struct(super::cbor::EPOCH_SECONDS, &number)
                    }
                    None => serializer.serialize_str(text.json()),
                }
            }
            LenientDateTime::Unreadable(text) => {
                let raw = RawValue::from_string(text.json().to_owned())
                    .map_err(serde::ser::Error::custom)?;
                raw.serialize(serializer)
            }
        }
    }
}

impl<'de> Deserialize<'de> for LenientDateTime {
    /// JSON: a number or a date-time string, anything else kept. A binary format: epoch
    /// seconds (tag 1 in CBOR), a number no `DateTime` holds (`1e20`, NaN) kept as its JSON
    /// text (`"NaN"`, `"Infinity"` and `"-Infinity"` as strings).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<LenientDateTime, D::Error> {
        if !deserializer.is_human_readable() {
            return deserializer.deserialize_newtype_struct(super::cbor::EPOCH_SECONDS, Epoch);
        }
        let raw: Box<RawValue> = Deserialize::deserialize(deserializer)?;
        LenientDateTime::from_json(raw.get()).ok_or_else(|| {
            let found = match raw.get().as_bytes().first() {
                Some(b'{') => de::Unexpected::Map,
                Some(b'[') => de::Unexpected::Seq,
                Some(b't') => de::Unexpected::Bool(true),
                Some(b'f') => de::Unexpected::Bool(false),
                _ => de::Unexpected::Unit,
            };
            de::Error::invalid_type(
                found,
                &"a JSON number of epoch seconds or a date-time string",
            )
        })
    }
}

/// Reads a binary format's epoch seconds leniently (see [`LenientDateTime`]'s `Deserialize`).
struct Epoch;

impl Epoch {
    fn float(seconds: f64, text: &str) -> LenientDateTime {
        match super::date_time::from_float_text(text, seconds) {
            Ok(time) => LenientDateTime::Instant(time),
            Err(_) => LenientDateTime::Unreadable(UnreadableTimestamp(
                match seconds {
                    s if s.is_nan() => "\"NaN\"".to_owned(),
                    s if s == f64::INFINITY => "\"Infinity\"".to_owned(),
                    s if s == f64::NEG_INFINITY => "\"-Infinity\"".to_owned(),
                    s => serde_json::to_string(&s).unwrap_or_else(|_| text.to_owned()),
                }
                .into(),
            )),
        }
    }
}

impl<'de> de::Visitor<'de> for Epoch {
    type Value = LenientDateTime;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a timestamp (epoch seconds)")
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, inner: D) -> Result<Self::Value, D::Error> {
        inner.deserialize_any(self)
    }

    fn visit_i64<E: de::Error>(self, secs: i64) -> Result<Self::Value, E> {
        Ok(LenientDateTime::Instant(DateTime::from_secs(secs)))
    }

    fn visit_u64<E: de::Error>(self, secs: u64) -> Result<Self::Value, E> {
        Ok(match i64::try_from(secs) {
            Ok(secs) => LenientDateTime::Instant(DateTime::from_secs(secs)),
            Err(_) => LenientDateTime::Unreadable(UnreadableTimestamp(secs.to_string().into())),
        })
    }

    fn visit_i128<E: de::Error>(self, secs: i128) -> Result<Self::Value, E> {
        Ok(match i64::try_from(secs) {
            Ok(secs) => LenientDateTime::Instant(DateTime::from_secs(secs)),
            Err(_) => LenientDateTime::Unreadable(UnreadableTimestamp(secs.to_string().into())),
        })
    }

    fn visit_f32<E: de::Error>(self, seconds: f32) -> Result<Self::Value, E> {
        Ok(Epoch::float(f64::from(seconds), &seconds.to_string()))
    }

    fn visit_f64<E: de::Error>(self, seconds: f64) -> Result<Self::Value, E> {
        Ok(Epoch::float(seconds, &seconds.to_string()))
    }
}

/// The number a kept timestamp's JSON text holds (NaN and the infinities as the strings
/// [`Epoch`] keeps them as), for writing it back as epoch seconds.
fn kept_number(json: &str) -> Option<f64> {
    match json {
        "\"NaN\"" => Some(f64::NAN),
        "\"Infinity\"" => Some(f64::INFINITY),
        "\"-Infinity\"" => Some(f64::NEG_INFINITY),
        _ if json.starts_with(|c: char| c == '-' || c.is_ascii_digit()) => {
            serde_json::from_str::<f64>(json).ok()
        }
        _ => None,
    }
}
