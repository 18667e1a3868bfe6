//! How generated code reads an optional string member (`Option<String>`).
//!
//! Serde reads an `Option<String>` with `deserialize_option`, whose `visit_some` then asks
//! for the string: two requests a member. Over `serde_json::Value`, `serde_json`'s reader and
//! this crate's own, that costs 8%-14% of a whole body of strings against `String` members
//! (BENCHMARKS.md). A format that describes its own values answers `deserialize_any` with
//! the string or the null at once, so human-readable formats (all self-describing: JSON,
//! YAML, TOML) are read that way; the others, which may not describe their values, get
//! serde's own request.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};

/// Reads an optional string member: a string, or null (or a format's none) as `None`. The
/// same values, the same errors, as `Option::<String>::deserialize`.
pub fn optional_string<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    if deserializer.is_human_readable() {
        deserializer.deserialize_any(OptionalString)
    } else {
        Option::<String>::deserialize(deserializer)
    }
}

/// What `deserialize_any` may visit for an optional string.
struct OptionalString;

impl<'de> Visitor<'de> for OptionalString {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // What serde's own `String` says, so the messages do not change.
        f.write_str("a string")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        String::deserialize(deserializer).map(Some)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        Ok(Some(value.to_owned()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Self::Value, E> {
        Ok(Some(value))
    }

    // Serde's `String` takes bytes that are UTF-8 too.
    fn visit_bytes<E: de::Error>(self, value: &[u8]) -> Result<Self::Value, E> {
        match std::str::from_utf8(value) {
            Ok(text) => Ok(Some(text.to_owned())),
            Err(_) => Err(E::invalid_value(de::Unexpected::Bytes(value), &self)),
        }
    }

    fn visit_byte_buf<E: de::Error>(self, value: Vec<u8>) -> Result<Self::Value, E> {
        match String::from_utf8(value) {
            Ok(text) => Ok(Some(text)),
            Err(e) => Err(E::invalid_value(de::Unexpected::Bytes(e.as_bytes()), &self)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Fast {
        #[serde(rename = "Name", default, deserialize_with = "optional_string")]
        name: Option<String>,
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Serde {
        #[serde(rename = "Name")]
        name: Option<String>,
    }

    /// Both ways of reading a member, on one input, through every reader at hand: the same
    /// value, or errors with the same message. `serde_json`'s reader places an error about a
    /// list or an object given for the string after the value's brackets rather than at its
    /// first one (`at_end`): the same message, another column.
    fn assert_same(json: &str, at_end: bool) {
        let fast = serde_json::from_str::<Fast>(json).map(|f| f.name);
        let serde = serde_json::from_str::<Serde>(json).map(|s| s.name);
        let without_column = |e: &dyn std::fmt::Display| {
            let message = e.to_string();
            match message.rsplit_once(" column ") {
                Some((head, _)) if at_end => head.to_owned(),
                _ => message,
            }
        };
        assert_eq!(
            fast.map_err(|e| without_column(&e)),
            serde.map_err(|e| without_column(&e)),
            "from_str {json}"
        );
        let value: Result<serde_json::Value, _> = serde_json::from_str(json);
        if let Ok(value) = value {
            let fast = serde_json::from_value::<Fast>(value.clone()).map(|f| f.name);
            let serde = serde_json::from_value::<Serde>(value).map(|s| s.name);
            assert_eq!(
                fast.map_err(|e| e.to_string()),
                serde.map_err(|e| e.to_string()),
                "from_value {json}"
            );
        }
        let fast = crate::from_json_body::<Fast>(json.as_bytes()).map(|f| f.name);
        let serde = crate::from_json_body::<Serde>(json.as_bytes()).map(|s| s.name);
        assert_eq!(
            fast.map_err(|e| without_column(&e)),
            serde.map_err(|e| without_column(&e)),
            "reader {json}"
        );
    }

    #[test]
    fn strings_nulls_absence_and_wrong_types_read_as_serde_reads_them() {
        for json in [
            r#"{"Name":"x"}"#,
            r#"{"Name":""}"#,
            r#"{"Name":"caf\u00e9 \ud83d\ude00"}"#,
            r#"{"Name":null}"#,
            r#"{}"#,
            r#"{"Name":5}"#,
            r#"{"Name":-1.5}"#,
            r#"{"Name":true}"#,
            r#"{"Name":"x","Name":"y"}"#,
            r#"{"Name":"x"#,
            r#"{"Name":"\ud800"}"#,
            r#"{"Name":"a\u0000b"}"#,
        ] {
            assert_same(json, false);
        }
        for json in [
            r#"{"Name":[]}"#,
            r#"{"Name":["x"]}"#,
            r#"{"Name":{}}"#,
            r#"{"Name":{"a":1}}"#,
        ] {
            assert_same(json, true);
        }
    }

    #[test]
    fn a_format_that_is_not_human_readable_gets_serdes_request() {
        // CBOR: a text string, null, and a byte string, which this crate's reader refuses
        // for a string.
        let map = |value: &[u8]| [&[0xA1, 0x64][..], b"Name", value].concat();
        for (value, expected) in [
            (&b"\x61x"[..], Some(Some("x"))),
            (b"\xF6", Some(None)),
            (b"\x41y", None),
        ] {
            let read = crate::cbor::from_slice::<Fast>(&map(value)).map(|f| f.name);
            let serde = crate::cbor::from_slice::<Serde>(&map(value)).map(|s| s.name);
            let got = read.as_ref().ok().map(|name| name.as_deref());
            assert_eq!(got, expected, "{value:?}");
            assert_eq!(
                read.map_err(|e| e.to_string()),
                serde.map_err(|e| e.to_string())
            );
        }
    }
}
