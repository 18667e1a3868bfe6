//! The fast reader against serde_json: on every text, the reader either declines or gives
//! the value serde_json gives, and what the callers see (value or error) is serde_json's.

use std::collections::BTreeMap;
use std::fmt::Debug;

use proptest::prelude::*;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::{from_json_body, from_json_text, reader};
use crate::enum_value::deserialize_enum;
use crate::optional::{optional_enum, optional_string};
use crate::{BigNumber, Blob, DateTime, Double, Float, LenientDateTime, UnknownValue};

// Stand-ins for the types model-codegen generates, shaped as it shapes them: an input's
// builder and a lenient output are derived structs of optional members named as the model
// names them, an optional string or enum member reads through `optional_string` or
// `optional_enum`, an enum reads through `deserialize_enum` and keeps unknown values, and
// an error takes its message under either spelling.

/// An operation input's builder: plain members, and a list of structures.
#[derive(Debug, Deserialize)]
#[allow(dead_code)] // Read through `Debug` only.
struct InputBuilder {
    #[serde(
        rename = "DestinationRegion",
        default,
        deserialize_with = "optional_string"
    )]
    destination_region: Option<String>,
    #[serde(rename = "BackupId", default, deserialize_with = "optional_string")]
    backup_id: Option<String>,
    #[serde(rename = "NeverExpires")]
    never_expires: Option<bool>,
    #[serde(rename = "TagList")]
    tag_list: Option<Vec<Tag>>,
}

/// A nested structure.
#[derive(Debug, Deserialize)]
#[allow(dead_code)] // Read through `Debug` only.
struct Tag {
    #[serde(rename = "Key", default, deserialize_with = "optional_string")]
    key: Option<String>,
    #[serde(rename = "Value", default, deserialize_with = "optional_string")]
    value: Option<String>,
}

/// A lenient output around a nested record.
#[derive(Debug, Deserialize)]
#[allow(dead_code)] // Read through `Debug` only.
struct Output {
    #[serde(rename = "Backup")]
    backup: Option<Record>,
}

/// A nested record with lenient timestamps, an enum and a list.
#[derive(Debug, Deserialize)]
#[allow(dead_code)] // Read through `Debug` only.
struct Record {
    #[serde(rename = "BackupId", default, deserialize_with = "optional_string")]
    backup_id: Option<String>,
    #[serde(rename = "CreateTimestamp")]
    create_timestamp: Option<LenientDateTime>,
    #[serde(rename = "CopyTimestamp")]
    copy_timestamp: Option<LenientDateTime>,
    #[serde(rename = "BackupState", default, deserialize_with = "optional_enum")]
    backup_state: Option<State>,
    #[serde(rename = "NeverExpires")]
    never_expires: Option<bool>,
    #[serde(rename = "TagList")]
    tag_list: Option<Vec<Tag>>,
}

/// A string enum that keeps values it does not know.
#[derive(Debug)]
#[allow(dead_code)] // Read through `Debug` only.
enum State {
    Ready,
    Deleted,
    Unknown(UnknownValue),
}

impl From<&str> for State {
    fn from(value: &str) -> State {
        match value {
            "READY" => State::Ready,
            "DELETED" => State::Deleted,
            other => State::Unknown(UnknownValue::new_unchecked(other.to_owned())),
        }
    }
}

impl From<String> for State {
    fn from(value: String) -> State {
        match value.as_str() {
            "READY" => State::Ready,
            "DELETED" => State::Deleted,
            _ => State::Unknown(UnknownValue::new_unchecked(value)),
        }
    }
}

impl<'de> Deserialize<'de> for State {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<State, D::Error> {
        deserialize_enum(deserializer)
    }
}

/// An error structure: its message under either spelling.
#[derive(Debug, Deserialize)]
#[allow(dead_code)] // Read through `Debug` only.
struct ErrorShape {
    #[serde(
        rename = "Message",
        alias = "message",
        default,
        deserialize_with = "optional_string"
    )]
    message: Option<String>,
}

/// A structure of every kind of member the generated code and the runtime read. The JSON
/// names are the model's (from [`NAMES`]), so that the generated texts fill these members
/// too.
#[derive(Debug, Deserialize)]
#[allow(dead_code)] // Read through `Debug` only.
struct Everything {
    #[serde(rename = "Key", default, deserialize_with = "optional_string")]
    key: Option<String>,
    #[serde(rename = "Value")]
    value: Option<Box<RawValue>>,
    #[serde(rename = "BackupId")]
    number: Option<u8>,
    #[serde(rename = "TagList")]
    list: Option<Vec<i32>>,
    #[serde(rename = "Backup")]
    map: Option<BTreeMap<String, Option<bool>>>,
    #[serde(rename = "CreateTimestamp")]
    lenient: Option<LenientDateTime>,
    #[serde(rename = "CopyTimestamp")]
    exact: Option<DateTime>,
    #[serde(rename = "SourceRegion")]
    double: Option<Double>,
    #[serde(rename = "SourceBackup")]
    float: Option<Float>,
    #[serde(rename = "SourceCluster")]
    big: Option<BigNumber>,
    #[serde(rename = "HsmType")]
    blob: Option<Blob>,
    #[serde(rename = "Mode")]
    document: Option<serde_json::Value>,
    #[serde(rename = "NeverExpires")]
    flag: Option<char>,
    #[serde(rename = "DestinationRegion")]
    unit: Option<()>,
    #[serde(rename = "DeleteTimestamp")]
    tuple: Option<(i64, f64)>,
    #[serde(rename = "Message")]
    single: Option<f32>,
}

/// Every call a deserializer makes on a visitor, recorded: which string visit (borrowed or
/// not), which number visit, and so on down.
#[derive(Debug)]
#[allow(dead_code)] // Read through `Debug` only.
enum Visit {
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(u64),
    Borrowed(String),
    Str(String),
    Unit,
    None,
    Some(Box<Visit>),
    Newtype(Box<Visit>),
    Seq(Vec<Visit>),
    Map(Vec<(Visit, Visit)>),
}

struct Recorder;

impl<'de> serde::de::Visitor<'de> for Recorder {
    type Value = Visit;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("anything")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Visit, E> {
        Ok(Visit::Bool(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Visit, E> {
        Ok(Visit::U64(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Visit, E> {
        Ok(Visit::I64(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Visit, E> {
        Ok(Visit::F64(v.to_bits()))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Visit, E> {
        Ok(Visit::Borrowed(v.to_owned()))
    }
    fn visit_str<E>(self, v: &str) -> Result<Visit, E> {
        Ok(Visit::Str(v.to_owned()))
    }
    fn visit_unit<E>(self) -> Result<Visit, E> {
        Ok(Visit::Unit)
    }
    fn visit_none<E>(self) -> Result<Visit, E> {
        Ok(Visit::None)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Visit, D::Error> {
        Visited::<ANY>::deserialize(d).map(|v| Visit::Some(Box::new(v.0)))
    }
    fn visit_newtype_struct<D: serde::Deserializer<'de>>(self, d: D) -> Result<Visit, D::Error> {
        Visited::<ANY>::deserialize(d).map(|v| Visit::Newtype(Box::new(v.0)))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Visit, A::Error> {
        let mut items = vec![];
        while let Some(item) = seq.next_element::<Visited<ANY>>()? {
            items.push(item.0);
        }
        Ok(Visit::Seq(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Visit, A::Error> {
        let mut entries = vec![];
        while let Some((k, v)) = map.next_entry::<Visited<ANY>, Visited<ANY>>()? {
            entries.push((k.0, v.0));
        }
        Ok(Visit::Map(entries))
    }
}

const ANY: u8 = 0;

/// The visits of one `Deserializer` method (`M` picks it) with the [`Recorder`].
#[derive(Debug)]
struct Visited<const M: u8>(Visit);

impl<'de, const M: u8> Deserialize<'de> for Visited<M> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let visit = match M {
            ANY => d.deserialize_any(Recorder),
            1 => d.deserialize_str(Recorder),
            2 => d.deserialize_string(Recorder),
            3 => d.deserialize_f32(Recorder),
            4 => d.deserialize_f64(Recorder),
            5 => d.deserialize_i64(Recorder),
            6 => d.deserialize_u8(Recorder),
            7 => d.deserialize_option(Recorder),
            8 => d.deserialize_bool(Recorder),
            9 => d.deserialize_unit(Recorder),
            10 => d.deserialize_identifier(Recorder),
            11 => d.deserialize_seq(Recorder),
            12 => d.deserialize_map(Recorder),
            13 => d.deserialize_newtype_struct("Newtype", Recorder),
            _ => d.deserialize_ignored_any(Recorder),
        }?;
        Ok(Visited(visit))
    }
}

/// Each member read through another method, with the visits recorded.
#[derive(Debug, Deserialize)]
#[allow(dead_code)] // Read through `Debug` only.
struct Methods {
    #[serde(rename = "Key")]
    str: Option<Visited<1>>,
    #[serde(rename = "Value")]
    string: Option<Visited<2>>,
    #[serde(rename = "BackupId")]
    f32: Option<Visited<3>>,
    #[serde(rename = "TagList")]
    f64: Option<Visited<4>>,
    #[serde(rename = "Backup")]
    i64: Option<Visited<5>>,
    #[serde(rename = "CreateTimestamp")]
    u8: Option<Visited<6>>,
    #[serde(rename = "CopyTimestamp")]
    option: Visited<7>,
    #[serde(rename = "SourceRegion")]
    bool: Option<Visited<8>>,
    #[serde(rename = "SourceBackup")]
    unit: Option<Visited<9>>,
    #[serde(rename = "SourceCluster")]
    identifier: Option<Visited<10>>,
    #[serde(rename = "HsmType")]
    seq: Option<Visited<11>>,
    #[serde(rename = "Mode")]
    map: Option<Visited<12>>,
    #[serde(rename = "NeverExpires")]
    newtype: Option<Visited<13>>,
    #[serde(rename = "DestinationRegion")]
    ignored: Option<Visited<14>>,
    #[serde(rename = "Message")]
    any: Option<Visited<ANY>>,
}

/// Asserts that the reader's value, if it takes the text, is serde_json's, and that
/// `from_json_text` gives exactly what serde_json gives, value or error. Returns whether the
/// reader took the text.
fn compare<'a, T: Deserialize<'a> + Debug>(text: &'a str) -> bool {
    let plain = serde_json::from_str::<T>(text);
    let ours = reader::read::<T>(text);
    let took = ours.is_some();
    if let Some(ours) = ours {
        assert_eq!(
            Ok(format!("{ours:?}")),
            plain
                .as_ref()
                .map(|v| format!("{v:?}"))
                .map_err(|e| e.to_string()),
            "the reader took {text:?}"
        );
    }
    assert_eq!(
        from_json_text::<T>(text)
            .map(|v| format!("{v:?}"))
            .map_err(|e| e.to_string()),
        plain.map(|v| format!("{v:?}")).map_err(|e| e.to_string()),
        "{text:?}"
    );
    took
}

/// [`compare`] for every target, on one text; whether the reader took it as a
/// `serde_json::Value` and as a raw value (any JSON text).
fn compare_all(text: &str) -> bool {
    compare::<InputBuilder>(text);
    compare::<Output>(text);
    compare::<ErrorShape>(text);
    compare::<Everything>(text);
    compare::<Vec<Everything>>(text);
    compare::<BTreeMap<String, String>>(text);
    compare::<Methods>(text);
    compare::<Vec<Visited<ANY>>>(text);
    let raw = compare::<&RawValue>(text);
    compare::<Visited<ANY>>(text) & compare::<serde_json::Value>(text) & raw
}

const NAMES: &[&str] = &[
    "Key",
    "Value",
    "BackupId",
    "TagList",
    "Backup",
    "CreateTimestamp",
    "CopyTimestamp",
    "SourceRegion",
    "SourceBackup",
    "SourceCluster",
    "HsmType",
    "Mode",
    "NeverExpires",
    "DestinationRegion",
    "DeleteTimestamp",
    "DestinationBackup",
    "BackupState",
    "message",
    "Message",
];

/// Text inside a string's quotes: plain runs, every escape (lone surrogates among them), and
/// any character serde_json would write.
fn string_body() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[a-zA-Z0-9 :/=+@._-]{0,40}",
        2 => any::<String>().prop_map(|s| {
            let quoted = serde_json::to_string(&s).unwrap_or_default();
            quoted[1..quoted.len() - 1].to_owned()
        }),
        1 => prop::sample::select(vec![
            "\\n", "\\t", "\\r", "\\b", "\\f", "\\/", "\\\\", "\\\"", "\\x", "\\", "\\u12",
        ])
        .prop_map(str::to_owned),
        1 => (0u32..0x1_0000).prop_map(|u| format!("\\u{u:04x}")),
        1 => (0xD800u32..0xDC00, 0xDC00u32..0xE000)
            .prop_map(|(high, low)| format!("\\u{high:04X}\\u{low:04x}")),
        1 => "[\\u{80}-\\u{7FF}\\u{800}-\\u{FFFF}\\u{10000}-\\u{10FFFF}]{1,8}",
    ];
    prop::collection::vec(piece, 0..4).prop_map(|pieces| pieces.concat())
}

fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<u64>().prop_map(|n| n.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|n| n.to_string()),
        (0u8..=255).prop_map(|n| n.to_string()),
        "-?(0|[1-9][0-9]{0,24})(\\.[0-9]{1,20})?([eE][+-]?[0-9]{1,3})?",
        prop::sample::select(vec![
            "-0", "-0.0", "1e400", "-1e400", "01", "1.", "-", ".5", "1e"
        ])
        .prop_map(str::to_owned),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(NAMES).prop_map(|n| format!("\"{n}\"")),
        1 => string_body().prop_map(|s| format!("\"{s}\"")),
        1 => Just("\"K\\u0065y\"".to_owned()),
    ]
}

fn space() -> impl Strategy<Value = String> {
    prop_oneof![3 => Just(String::new()), 1 => "[ \t\n\r]{1,3}"]
}

/// JSON text, nearly always well formed, with whitespace around it; [`broken`] breaks it.
fn json() -> impl Strategy<Value = String> {
    (space(), value(), space()).prop_map(|(before, value, after)| before + &value + &after)
}

/// A JSON value.
pub(crate) fn value() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_owned()),
        Just("true".to_owned()),
        Just("false".to_owned()),
        number(),
        string_body().prop_map(|s| format!("\"{s}\"")),
    ];
    leaf.prop_recursive(5, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec((space(), inner.clone(), space()), 0..6).prop_map(|items| {
                let items: Vec<String> = items.into_iter().map(|(a, v, b)| a + &v + &b).collect();
                format!("[{}]", items.join(","))
            }),
            prop::collection::vec((key(), space(), inner), 0..6).prop_map(|entries| {
                let entries: Vec<String> = entries
                    .into_iter()
                    .map(|(k, s, v)| format!("{s}{k}{s}:{s}{v}{s}"))
                    .collect();
                format!("{{{}}}", entries.join(","))
            }),
        ]
    })
}

/// A JSON text with one byte inserted at a character boundary, or one ASCII byte removed or
/// replaced, by a byte that matters to JSON's grammar: the text stays UTF-8.
fn broken() -> impl Strategy<Value = String> {
    broken_from(json())
}

/// [`broken`] of the texts of `texts`.
pub(crate) fn broken_from(texts: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    (
        texts,
        any::<prop::sample::Index>(),
        prop::sample::select(b"{}[],:\"\\ -.e0n\x01".to_vec()),
        0u8..3,
    )
        .prop_map(|(text, at, byte, how)| {
            let boundaries: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            let i = boundaries[at.index(boundaries.len())];
            let mut bytes = text.into_bytes();
            match how {
                _ if bytes.get(i).is_none_or(|b| !b.is_ascii()) => bytes.insert(i, byte),
                0 => bytes.insert(i, byte),
                1 => {
                    bytes.remove(i);
                }
                _ => bytes[i] = byte,
            }
            String::from_utf8(bytes).unwrap_or_default()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4_000))]

    #[test]
    fn well_formed_json_reads_as_serde_json_reads_it(text in json()) {
        let took = compare_all(&text);
        // The reader is not a bystander: it reads every text serde_json reads as a value,
        // both as a value and as a raw value.
        if serde_json::from_str::<serde_json::Value>(&text).is_ok() {
            prop_assert!(took, "the reader declined {text:?}");
        }
    }

    #[test]
    fn broken_json_reads_as_serde_json_reads_it(text in broken()) {
        compare_all(&text);
    }
}

#[test]
fn operation_bodies_are_read_by_the_reader() {
    let bodies = [
        r#"{"DestinationRegion":"eu-central-1","BackupId":"backup-abcdefghijk","TagList":[{"Key":"team","Value":"Zürich \u00e9t\u00e9 \ud83d\ude00"}]}"#,
        r#" { "BackupId" : "backup-abcdefghijk" , "NeverExpires" : true , "Unknown" : [1, -2.5e3, {"a": null}, "x"] } "#,
    ];
    for body in bodies {
        assert!(compare::<InputBuilder>(body), "{body}");
    }
    let output = r#"{"Backup":{"BackupId":"backup-abcdefghijk","CreateTimestamp":1.5E9,"CopyTimestamp":"2024-01-01T00:00:00Z","BackupState":"READY","NeverExpires":false,"TagList":[]}}"#;
    assert!(compare::<Output>(output));
    let everything = r#"{"Value":{"raw": [1, 2]},"CopyTimestamp":1398796238.123,"SourceRegion":"NaN","SourceBackup":1.5,"SourceCluster":123456789012345678901234567890,"HsmType":"aGk=","Mode":{"a":[true]},"NeverExpires":"x","DestinationRegion":null,"DeleteTimestamp":[-3, 0.1]}"#;
    assert!(compare::<Everything>(everything));
}

#[test]
fn what_the_reader_leaves_to_serde_json_is_read_by_serde_json() {
    // A structure written as a list, bytes after the value, a lone surrogate, a control
    // character in a string, a number too large for a double, no value at all.
    let texts = [
        r#"["backup-abcdefghijk"]"#,
        r#"{"BackupId":"b"} x"#,
        r#"{"Key":"\ud800"}"#,
        "{\"Key\":\"a\u{1}\"}",
        r#"{"BackupId":1e400}"#,
        "",
    ];
    for text in texts {
        assert!(!compare::<Everything>(text), "{text:?}");
        compare::<serde_json::Value>(text);
        compare::<InputBuilder>(text);
    }
}

#[test]
fn nesting_is_read_up_to_serde_json_limit_and_no_further() {
    let nested = |depth: usize| "[".repeat(depth) + &"]".repeat(depth);
    assert!(compare::<serde_json::Value>(&nested(127)));
    assert!(!compare::<serde_json::Value>(&nested(128)));
    // In a member: the structure is one of the levels.
    let member = |depth: usize| format!("{{\"Mode\":{}}}", nested(depth));
    assert!(compare::<Everything>(&member(126)));
    assert!(!compare::<Everything>(&member(127)));
    // A skipped member is skipped up to the reader's own limit, counted from the member;
    // serde_json skips deeper ones (so does the reader, by declining).
    let skipped = |depth: usize| format!("{{\"Unknown\":{}}}", nested(depth));
    assert!(compare::<Everything>(&skipped(127)));
    assert!(!compare::<Everything>(&skipped(128)));
    assert!(serde_json::from_str::<Everything>(&skipped(1000)).is_ok());
}

#[test]
fn single_precision_is_rounded_once_as_serde_json_rounds_it() {
    // As a double this number lies halfway between two floats and rounds down; read as a
    // float it rounds up. And 1e39 is a double but no float.
    for text in [
        "1.000000059604644775390625000001",
        "1e39",
        "-1e39",
        "0.1",
        "16777217",
    ] {
        compare::<f32>(text);
        compare::<Visited<3>>(text);
    }
    assert_eq!(
        from_json_text::<f32>("1.000000059604644775390625000001").ok(),
        Some(1.000_000_1)
    );
    assert!(from_json_text::<f32>("1e39").is_err());
}

#[test]
fn a_decline_sticks_even_when_the_type_recovers() {
    // A member read as bytes, or as text if that fails. serde_json reads a string as bytes;
    // the reader declines bytes without moving, and the text would then read, so only the
    // sticking decline keeps the reader from taking the body as text.
    #[derive(Debug, PartialEq)]
    enum Blob {
        Bytes(Vec<u8>),
        Text(String),
    }
    struct Raw(Vec<u8>);
    impl<'de> Deserialize<'de> for Raw {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Raw, D::Error> {
            struct Bytes;
            impl<'de> serde::de::Visitor<'de> for Bytes {
                type Value = Raw;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("bytes")
                }
                fn visit_bytes<E>(self, v: &[u8]) -> Result<Raw, E> {
                    Ok(Raw(v.to_vec()))
                }
            }
            d.deserialize_bytes(Bytes)
        }
    }
    impl<'de> Deserialize<'de> for Blob {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Blob, D::Error> {
            struct Entry;
            impl<'de> serde::de::Visitor<'de> for Entry {
                type Value = Blob;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("an object of one entry")
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(
                    self,
                    mut map: A,
                ) -> Result<Blob, A::Error> {
                    let _name: Option<String> = map.next_key()?;
                    let blob = match map.next_value::<Raw>() {
                        Ok(raw) => Blob::Bytes(raw.0),
                        Err(_) => Blob::Text(map.next_value()?),
                    };
                    while map
                        .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                        .is_some()
                    {}
                    Ok(blob)
                }
            }
            d.deserialize_map(Entry)
        }
    }
    let text = r#"{"blob":"ab"}"#;
    assert!(!compare::<Blob>(text));
    assert_eq!(
        from_json_text::<Blob>(text).ok(),
        Some(Blob::Bytes(b"ab".to_vec()))
    );
}

#[derive(serde::Deserialize, Debug, PartialEq)]
struct Named {
    name: String,
}

#[test]
fn a_body_reads_the_same_whether_or_not_it_is_utf8() {
    let bodies: [&[u8]; 5] = [
        br#"{"name":"z\u00fcrich"}"#,
        "{\"name\":\"zürich\"}".as_bytes(),
        b"{\"name\":\"\xff\"}",
        b"{\"skipped\":\"\xff\",\"name\":\"n\"}",
        b"{\"name\":\"n\"\xff}",
    ];
    for body in bodies {
        let ours = from_json_body::<Named>(body).map_err(|e| e.to_string());
        let plain = serde_json::from_slice::<Named>(body).map_err(|e| e.to_string());
        assert_eq!(ours, plain, "{}", String::from_utf8_lossy(body));
    }
}
