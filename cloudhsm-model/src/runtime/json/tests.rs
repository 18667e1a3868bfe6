//! The fast reader against serde_json: on every text, the reader either declines or gives
//! the value serde_json gives, and what the callers see (value or error) is serde_json's.

use std::collections::BTreeMap;
use std::fmt::Debug;

use proptest::prelude::*;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::{from_json_body, from_json_text, reader};
use crate::operation::copy_backup_to_region::{
    CopyBackupToRegionInputBuilder, CopyBackupToRegionOutput,
};
use crate::operation::modify_backup_attributes::{
    ModifyBackupAttributesInputBuilder, ModifyBackupAttributesOutput,
};
use crate::runtime::{BigNumber, Blob, DateTime, Double, Float, LenientDateTime};
use crate::types::error::CloudHsmInvalidRequestException;

/// A structure of every kind of member the generated code and the runtime read.
#[derive(Debug, Deserialize)]
#[allow(dead_code)] // Read through `Debug` only.
struct Everything {
    #[serde(rename = "Key")]
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
}

/// The reader's value, if it takes the text, is serde_json's; and `from_json_text` gives
/// exactly what serde_json gives, value or error. Whether the reader took the text.
fn agrees<'a, T: Deserialize<'a> + Debug>(text: &'a str) -> bool {
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

/// Every target, on one text; whether the reader took it as a `serde_json::Value`.
fn all_agree(text: &str) -> bool {
    agrees::<CopyBackupToRegionInputBuilder>(text);
    agrees::<ModifyBackupAttributesInputBuilder>(text);
    agrees::<CopyBackupToRegionOutput>(text);
    agrees::<ModifyBackupAttributesOutput>(text);
    agrees::<CloudHsmInvalidRequestException>(text);
    agrees::<Everything>(text);
    agrees::<Vec<Everything>>(text);
    agrees::<BTreeMap<String, String>>(text);
    agrees::<&RawValue>(text);
    agrees::<serde_json::Value>(text)
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

/// JSON text, nearly always well formed; [`broken`] breaks it.
fn json() -> impl Strategy<Value = String> {
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
                    .map(|(k, s, v)| format!("{k}{s}:{s}{v}"))
                    .collect();
                format!("{{{}}}", entries.join(","))
            }),
        ]
    })
}

/// A JSON text with one byte inserted, removed or replaced at a character boundary, by a
/// byte that matters to JSON's grammar.
fn broken() -> impl Strategy<Value = String> {
    (
        json(),
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
                0 => bytes.insert(i, byte),
                _ if i == bytes.len() => bytes.push(byte),
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
        let took = all_agree(&text);
        // The reader is not a bystander: it reads every well-formed text whose strings it
        // knows, which is any text serde_json reads as a value.
        if serde_json::from_str::<serde_json::Value>(&text).is_ok() {
            prop_assert!(took, "the reader declined {text:?}");
        }
    }

    #[test]
    fn broken_json_reads_as_serde_json_reads_it(text in broken()) {
        all_agree(&text);
    }
}

#[test]
fn bodies_of_both_operations_are_read_by_the_reader() {
    let bodies = [
        r#"{"DestinationRegion":"eu-central-1","BackupId":"backup-abcdefghijk","TagList":[{"Key":"team","Value":"Zürich \u00e9t\u00e9 \ud83d\ude00"}]}"#,
        r#" { "BackupId" : "backup-abcdefghijk" , "NeverExpires" : true , "Unknown" : [1, -2.5e3, {"a": null}, "x"] } "#,
    ];
    for body in bodies {
        assert!(agrees::<CopyBackupToRegionInputBuilder>(body), "{body}");
        assert!(agrees::<ModifyBackupAttributesInputBuilder>(body), "{body}");
    }
    let output = r#"{"Backup":{"BackupId":"backup-abcdefghijk","CreateTimestamp":1.5E9,"CopyTimestamp":"2024-01-01T00:00:00Z","BackupState":"READY","NeverExpires":false,"TagList":[]}}"#;
    assert!(agrees::<ModifyBackupAttributesOutput>(output));
    let everything = r#"{"Value":{"raw": [1, 2]},"CopyTimestamp":1398796238.123,"SourceRegion":"NaN","SourceBackup":1.5,"SourceCluster":123456789012345678901234567890,"HsmType":"aGk=","Mode":{"a":[true]},"NeverExpires":"x","DestinationRegion":null,"DeleteTimestamp":[-3, 0.1]}"#;
    assert!(agrees::<Everything>(everything));
}

#[test]
fn what_the_reader_leaves_to_serde_json_is_read_by_serde_json() {
    // Nesting past serde_json's limit, a structure written as a list, bytes after the value,
    // a lone surrogate, a control character in a string, a number too large for a double.
    let deep = "[".repeat(200) + &"]".repeat(200);
    let texts = [
        deep.as_str(),
        r#"["backup-abcdefghijk"]"#,
        r#"{"BackupId":"b"} x"#,
        r#"{"Key":"\ud800"}"#,
        "{\"Key\":\"a\u{1}\"}",
        r#"{"BackupId":1e400}"#,
        "",
    ];
    for text in texts {
        assert!(!agrees::<Everything>(text), "{text:?}");
        agrees::<serde_json::Value>(text);
        agrees::<CopyBackupToRegionInputBuilder>(text);
    }
}

#[test]
fn nesting_is_read_up_to_serde_json_limit_and_no_further() {
    let nested = |depth: usize| "[".repeat(depth) + &"]".repeat(depth);
    assert!(agrees::<serde_json::Value>(&nested(127)));
    assert!(!agrees::<serde_json::Value>(&nested(128)));
    // A skipped member may be as deep as the reader's own limit allows.
    let skipped = |depth: usize| format!("{{\"Unknown\":{}}}", nested(depth));
    assert!(agrees::<Everything>(&skipped(127)));
    agrees::<Everything>(&skipped(128));
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
