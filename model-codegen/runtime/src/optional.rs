//! How generated code reads an optional member of text: `Option<String>`, and an optional
//! string enum.
//!
//! Serde reads an `Option<String>` with `deserialize_option`, whose `visit_some` reads a
//! `String` and wraps it: over `serde_json::Value`, `serde_json`'s reader and this crate's
//! own, that costs 9%-13% of a whole body of strings against `String` members
//! (BENCHMARKS.md). Two cheaper ways give the same values and errors:
//!
//! - For any format, the same request with a visitor that builds the `Some` itself: the
//!   format's own string request inside `visit_some`, answered straight into the option.
//! - For JSON (`serde_json`'s reader and `Value`, this crate's reader), one
//!   `deserialize_any`, which those answer with the string or the null at once, as their
//!   string request would. Other formats can answer it otherwise (YAML gives an unquoted
//!   `5` as a number, where its string request gives the text), so they are not asked.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, Visitor};

/// Reads an optional string member: a string, or null (or a format's none) as `None`. The
/// same values, the same errors, as `Option::<String>::deserialize`.
#[inline]
pub fn optional_string<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    optional_text::<D, String, false>(deserializer)
}

/// Reads an optional string enum member (a generated enum, which keeps unknown values): the
/// same values, the same errors, as `Option::<T>::deserialize`, for an enum whose own
/// `Deserialize` reads a string through its `From` conversions, as every generated enum's
/// does (`deserialize_enum`).
#[inline]
pub fn optional_enum<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str> + From<String>,
{
    optional_text::<D, T, true>(deserializer)
}

/// [`optional_string`] and [`optional_enum`] (`ENUM`): the two differ in the request
/// (serde's `String` asks `deserialize_string`, an enum `deserialize_str`) and in bytes
/// (UTF-8 bytes are a `String`, and never an enum).
#[inline(always)]
fn optional_text<'de, D, T, const ENUM: bool>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str> + From<String>,
{
    if reads_json::<D>() {
        deserializer.deserialize_any(TextVisitor::<T, ENUM, true>(PhantomData))
    } else {
        deserializer.deserialize_option(OptionVisitor(TextVisitor::<T, ENUM, false>(PhantomData)))
    }
}

/// Whether `D` reads JSON: `serde_json`'s reader or `Value` (owned or borrowed), or this
/// crate's reader. For those, `deserialize_any` gives a string exactly where the string
/// request would, and null as unit, so one request does the work of serde's two. Told by
/// the type's name, a constant for each `D`: were a compiler to name them otherwise, they
/// would get the request every format gets, slower, not different (a test checks the names).
fn reads_json<D>() -> bool {
    let name = std::any::type_name::<D>();
    let name = name.strip_prefix("&mut ").unwrap_or(name);
    let name = name.strip_prefix('&').unwrap_or(name);
    name.starts_with("serde_json::") || name.starts_with("model_runtime::json::")
}

/// What serde's own option visitor takes: none, unit, or some value, read here by
/// [`TextVisitor`] into the option directly.
struct OptionVisitor<T, const ENUM: bool>(TextVisitor<T, ENUM, false>);

impl<'de, T, const ENUM: bool> Visitor<'de> for OptionVisitor<T, ENUM>
where
    T: for<'a> From<&'a str> + From<String>,
{
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Serde's own words for an option.
        f.write_str("option")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        match ENUM {
            false => deserializer.deserialize_string(self.0),
            true => deserializer.deserialize_str(self.0),
        }
    }
}

/// Text as serde's `String` or a generated enum (`ENUM`) reads it, straight into `Some`;
/// with `NULL_IS_NONE`, also null (unit or none) as `None`, for `deserialize_any`.
struct TextVisitor<T, const ENUM: bool, const NULL_IS_NONE: bool>(PhantomData<T>);

impl<'de, T, const ENUM: bool, const NULL_IS_NONE: bool> Visitor<'de>
    for TextVisitor<T, ENUM, NULL_IS_NONE>
where
    T: for<'a> From<&'a str> + From<String>,
{
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // What serde's own `String` and the enums say, so the messages do not change.
        f.write_str("a string")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        match NULL_IS_NONE {
            true => Ok(None),
            false => Err(E::invalid_type(de::Unexpected::Unit, &self)),
        }
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        match NULL_IS_NONE {
            true => Ok(None),
            false => Err(E::invalid_type(de::Unexpected::Option, &self)),
        }
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        Ok(Some(T::from(value)))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Self::Value, E> {
        Ok(Some(T::from(value)))
    }

    fn visit_bytes<E: de::Error>(self, value: &[u8]) -> Result<Self::Value, E> {
        if ENUM {
            return Err(E::invalid_type(de::Unexpected::Bytes(value), &self));
        }
        match std::str::from_utf8(value) {
            Ok(text) => Ok(Some(T::from(text))),
            Err(_) => Err(E::invalid_value(de::Unexpected::Bytes(value), &self)),
        }
    }

    fn visit_byte_buf<E: de::Error>(self, value: Vec<u8>) -> Result<Self::Value, E> {
        if ENUM {
            return Err(E::invalid_type(de::Unexpected::Bytes(&value), &self));
        }
        match String::from_utf8(value) {
            Ok(text) => Ok(Some(T::from(text))),
            Err(e) => Err(E::invalid_value(de::Unexpected::Bytes(e.as_bytes()), &self)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;
    use serde::de::DeserializeOwned;
    use serde::Deserialize;

    /// A string member read through [`optional_string`], and the same read serde's way.
    #[derive(serde::Deserialize)]
    struct FastName {
        #[serde(rename = "Name", default, deserialize_with = "optional_string")]
        name: Option<String>,
    }

    #[derive(serde::Deserialize)]
    struct SerdeName {
        #[serde(rename = "Name")]
        name: Option<String>,
    }

    /// An enum as the generator writes one: unknown values kept, read through
    /// `deserialize_enum`.
    #[derive(Debug, PartialEq)]
    enum Mode {
        Fips,
        Unknown(String),
    }

    impl From<&str> for Mode {
        fn from(value: &str) -> Mode {
            match value {
                "FIPS" => Mode::Fips,
                other => Mode::Unknown(other.to_owned()),
            }
        }
    }

    impl From<String> for Mode {
        fn from(value: String) -> Mode {
            match value.as_str() {
                "FIPS" => Mode::Fips,
                _ => Mode::Unknown(value),
            }
        }
    }

    impl<'de> Deserialize<'de> for Mode {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Mode, D::Error> {
            crate::enum_value::deserialize_enum(deserializer)
        }
    }

    #[derive(serde::Deserialize)]
    struct FastMode {
        #[serde(rename = "Name", default, deserialize_with = "optional_enum")]
        name: Option<Mode>,
    }

    #[derive(serde::Deserialize)]
    struct SerdeMode {
        #[serde(rename = "Name")]
        name: Option<Mode>,
    }

    /// The member of each probe.
    trait Member {
        type Value: PartialEq + std::fmt::Debug;
        fn member(self) -> Option<Self::Value>;
    }

    macro_rules! member {
        ($($probe:ty => $value:ty),*) => {$(
            impl Member for $probe {
                type Value = $value;
                fn member(self) -> Option<$value> {
                    self.name
                }
            }
        )*};
    }

    member!(FastName => String, SerdeName => String, FastMode => Mode, SerdeMode => Mode);

    /// Both ways of reading a member, on one input, through every reader at hand: the same
    /// value, or errors with the same message at the same place, but for the one known
    /// difference ([`assert_same_result`]).
    fn assert_same<Fast, Serde>(json: &str)
    where
        Fast: DeserializeOwned + Member,
        Serde: DeserializeOwned + Member<Value = Fast::Value>,
    {
        let fast = serde_json::from_str::<Fast>(json).map(Member::member);
        let serde = serde_json::from_str::<Serde>(json).map(Member::member);
        assert_same_result(fast, serde, "from_str", json);
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(json) {
            let fast = serde_json::from_value::<Fast>(value.clone()).map(Member::member);
            let serde = serde_json::from_value::<Serde>(value).map(Member::member);
            assert_same_result(fast, serde, "from_value", json);
        }
        let fast = crate::from_json_body::<Fast>(json.as_bytes()).map(Member::member);
        let serde = crate::from_json_body::<Serde>(json.as_bytes()).map(Member::member);
        assert_same_result(fast, serde, "reader", json);
    }

    /// The same value, or the same message at the same place. The one difference: for a list
    /// or an object given for the member, serde's way stops at its bracket, where the one
    /// request reads the bracket and looks for the value's end before it reports the error
    /// ([`bracket_and_its_end`]), so the error is further on.
    fn assert_same_result<T: PartialEq + std::fmt::Debug>(
        fast: serde_json::Result<Option<T>>,
        serde: serde_json::Result<Option<T>>,
        reader: &str,
        json: &str,
    ) {
        match (fast, serde) {
            (Err(fast), Err(serde)) => {
                let (message, place) = message_and_place(&fast);
                let (expected, expected_place) = message_and_place(&serde);
                assert_eq!(message, expected, "{reader} {json}");
                let past_bracket = ["invalid type: sequence,", "invalid type: map,"]
                    .iter()
                    .any(|kind| message.starts_with(kind));
                if past_bracket && place != (0, 0) {
                    let read = json
                        .as_bytes()
                        .get(offset(json, expected_place)..offset(json, place));
                    assert!(
                        read.is_some_and(bracket_and_its_end),
                        "{reader} {json}: {place:?} is past more than the bracket at \
                         {expected_place:?}"
                    );
                } else {
                    assert_eq!(place, expected_place, "{reader} {json}: the error's place");
                }
            }
            (fast, serde) => assert_eq!(
                fast.map_err(|e| e.to_string()),
                serde.map_err(|e| e.to_string()),
                "{reader} {json}"
            ),
        }
    }

    /// Whether `read` is what `serde_json` reads of a list or an object whose visitor refused
    /// it at once: the bracket, then, looking for the end, space and (in a list) a comma and
    /// more space, and the byte it looked at next.
    fn bracket_and_its_end(read: &[u8]) -> bool {
        let space = |bytes: &[u8]| bytes.iter().take_while(|b| b" \t\n\r".contains(b)).count();
        let (bracket, rest) = match read {
            [bracket @ (b'[' | b'{'), rest @ ..] => (*bracket, rest),
            _ => return false,
        };
        let mut rest = &rest[space(rest)..];
        if bracket == b'[' {
            if let [b',', after @ ..] = rest {
                rest = &after[space(after)..];
            }
        }
        rest.len() <= 1
    }

    /// The byte offset of a place as serde_json gives it: a line, and a column counted in
    /// bytes from the line's start.
    fn offset(json: &str, (line, column): (usize, usize)) -> usize {
        let line_start = match line.checked_sub(2) {
            Some(newlines) => json
                .match_indices('\n')
                .nth(newlines)
                .map_or(0, |(i, _)| i + 1),
            None => 0,
        };
        line_start + column
    }

    /// An error's message without its place (an error about the whole text names the
    /// probe, whose two ways have two names: here one), and its place.
    fn message_and_place(error: &serde_json::Error) -> (String, (usize, usize)) {
        let message = error.to_string();
        let place = format!(" at line {} column {}", error.line(), error.column());
        let message = message.strip_suffix(&place).unwrap_or(&message);
        let message = ["FastName", "SerdeName", "FastMode", "SerdeMode"]
            .iter()
            .fold(message.to_owned(), |m, probe| m.replace(probe, "Probe"));
        (message, (error.line(), error.column()))
    }

    /// Each input both ways, for a string member and an enum member.
    fn assert_both_same(json: &str) {
        assert_same::<FastName, SerdeName>(json);
        assert_same::<FastMode, SerdeMode>(json);
    }

    #[test]
    fn strings_enums_nulls_absence_and_wrong_types_read_as_serde_reads_them() {
        for json in [
            r#"{"Name":"x"}"#,
            r#"{"Name":"FIPS"}"#,
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
            r#"{"Name":[]}"#,
            r#"{"Name":["x"]}"#,
            r#"{"Name":{}}"#,
            r#"{"Name":{"a":1}}"#,
        ] {
            assert_both_same(json);
        }
    }

    /// An object of one member, `Name`, of any JSON value.
    fn member_json() -> impl Strategy<Value = String> {
        crate::json::tests::value().prop_map(|v| format!("{{\"Name\":{v}}}"))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2_000))]

        /// Any JSON value for the member, well formed or broken, reads both ways alike.
        #[test]
        fn any_member_value_reads_as_serde_reads_it(
            json in proptest::prop_oneof![
                member_json(),
                crate::json::tests::broken_from(member_json()),
            ]
        ) {
            assert_both_same(&json);
        }
    }

    #[test]
    fn cbor_gets_the_option_request_and_reads_as_serde_reads_it() {
        // CBOR: a text string, null, and a byte string, which this crate's reader refuses
        // for a string.
        let map = |value: &[u8]| [&[0xA1, 0x64][..], b"Name", value].concat();
        for (value, expected) in [
            (&b"\x61x"[..], Some(Some("x"))),
            (b"\xF6", Some(None)),
            (b"\x41y", None),
        ] {
            let read = crate::cbor::from_slice::<FastName>(&map(value)).map(Member::member);
            let serde = crate::cbor::from_slice::<SerdeName>(&map(value)).map(Member::member);
            let got = read.as_ref().ok().map(|name| name.as_deref());
            assert_eq!(got, expected, "{value:?}");
            assert_eq!(
                read.map_err(|e| e.to_string()),
                serde.map_err(|e| e.to_string())
            );
            let read = crate::cbor::from_slice::<FastMode>(&map(value)).map(Member::member);
            let serde = crate::cbor::from_slice::<SerdeMode>(&map(value)).map(Member::member);
            assert_eq!(
                read.map_err(|e| e.to_string()),
                serde.map_err(|e| e.to_string())
            );
        }
    }

    /// A format that is not JSON, whose values are text or bytes (`data`): its option
    /// request visits some, its string requests give `data`, and `deserialize_any` gives
    /// `any` (YAML, say, reads an unquoted `5` as a number there and as text in its string
    /// request).
    struct Other<'a> {
        data: Result<&'a str, &'a [u8]>,
        any: u64,
    }

    impl<'de> Deserializer<'de> for Other<'_> {
        type Error = de::value::Error;

        fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
            visitor.visit_u64(self.any)
        }

        fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
            visitor.visit_some(self)
        }

        fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
            match self.data {
                Ok(text) => visitor.visit_str(text),
                Err(bytes) => visitor.visit_bytes(bytes),
            }
        }

        fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
            self.deserialize_str(visitor)
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf unit
            unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
            ignored_any
        }
    }

    #[test]
    fn other_formats_get_the_option_request_and_read_as_serde_reads_them() {
        let other = |data| Other { data, any: 5 };
        for data in [Ok("5"), Ok("FIPS"), Err(&b"ok"[..]), Err(&b"\xFF"[..])] {
            assert_eq!(
                optional_string(other(data)).map_err(|e| e.to_string()),
                Option::<String>::deserialize(other(data)).map_err(|e| e.to_string()),
                "{data:?}"
            );
            assert_eq!(
                optional_enum::<_, Mode>(other(data)).map_err(|e| e.to_string()),
                Option::<Mode>::deserialize(other(data)).map_err(|e| e.to_string()),
                "{data:?}"
            );
        }
        // The text, not what `deserialize_any` would have given.
        assert_eq!(optional_string(other(Ok("5"))), Ok(Some("5".to_owned())));
        // Bytes of UTF-8 are a string, and never an enum.
        assert_eq!(
            optional_string(other(Err(b"ok"))),
            Ok(Some("ok".to_owned()))
        );
        assert!(optional_enum::<_, Mode>(other(Err(b"ok"))).is_err());
        // A format whose option request goes to `deserialize_any`, as serde's own value
        // deserializers' does: serde's "expected option" error, both ways.
        let bytes = || de::value::BytesDeserializer::<de::value::Error>::new(b"ok");
        assert_eq!(
            optional_string(bytes()).map_err(|e| e.to_string()),
            Option::<String>::deserialize(bytes()).map_err(|e| e.to_string())
        );
    }

    /// Whether the reader of a value takes the one-request path.
    struct ReadsJson(bool);

    impl<'de> Deserialize<'de> for ReadsJson {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let json = reads_json::<D>();
            de::IgnoredAny::deserialize(deserializer)?;
            Ok(ReadsJson(json))
        }
    }

    #[test]
    fn the_json_readers_are_told_by_their_names_and_no_other_is() {
        let value = serde_json::json!("x");
        let json = [
            serde_json::from_str::<ReadsJson>(r#""x""#).map(|r| r.0),
            serde_json::from_slice::<ReadsJson>(br#""x""#).map(|r| r.0),
            serde_json::from_reader::<_, ReadsJson>(&br#""x""#[..]).map(|r| r.0),
            serde_json::from_value::<ReadsJson>(value.clone()).map(|r| r.0),
            ReadsJson::deserialize(&value).map(|r| r.0),
            crate::from_json_body::<ReadsJson>(br#""x""#).map(|r| r.0),
        ];
        for (k, read) in json.into_iter().enumerate() {
            assert!(matches!(read, Ok(true)), "reader {k}: {read:?}");
        }
        assert!(matches!(
            crate::cbor::from_slice::<ReadsJson>(b"\x61x").map(|r| r.0),
            Ok(false)
        ));
        let other = Other {
            data: Ok("x"),
            any: 0,
        };
        assert!(matches!(
            ReadsJson::deserialize(other).map(|r| r.0),
            Ok(false)
        ));
    }
}
