//! No input panics any entry point: arbitrary bytes, arbitrary JSON values and mutated valid
//! bodies, 10,000 cases per entry point (`PROPTEST_CASES` raises it for a soak run).

use cloudhsm_model::operation::copy_backup_to_region::{self as copy, CopyBackupToRegionInput};
use cloudhsm_model::operation::modify_backup_attributes::{
    self as modify, ModifyBackupAttributesInput,
};
use cloudhsm_model::runtime::{DateTime, OperationInput};
use cloudhsm_model::service;
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Arbitrary JSON values, nested a few levels, with the model's member names in the mix.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let key = prop_oneof![
        Just("BackupId".to_owned()),
        Just("DestinationRegion".to_owned()),
        Just("TagList".to_owned()),
        Just("Key".to_owned()),
        Just("Value".to_owned()),
        Just("NeverExpires".to_owned()),
        Just("Backup".to_owned()),
        Just("CreateTimestamp".to_owned()),
        Just("__type".to_owned()),
        Just("message".to_owned()),
        "[A-Za-z]{1,8}",
    ];
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(serde_json::Value::from),
        ".{0,20}".prop_map(serde_json::Value::from),
        Just(serde_json::Value::from("backup-abcdefghijk")),
        Just(serde_json::Value::from("us-east-1")),
    ];
    leaf.prop_recursive(4, 32, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(key.clone(), inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Valid bodies with one byte flipped, cut short, a member duplicated or a type swapped.
fn mutated_body() -> impl Strategy<Value = Vec<u8>> {
    let valid =
        any::<CopyBackupToRegionInput>().prop_map(|i| serde_json::to_vec(&i).unwrap_or_default());
    (valid, any::<prop::sample::Index>(), any::<u8>(), 0..4u8).prop_map(
        |(mut body, at, byte, how)| {
            let i = at.index(body.len().max(1));
            match how {
                0 => {
                    if let Some(b) = body.get_mut(i) {
                        *b = byte;
                    }
                }
                1 => body.truncate(i),
                2 => {
                    // Duplicate the first member: {"A":1,...} -> {"A":1,"A":1,...}
                    let text = String::from_utf8_lossy(&body).into_owned();
                    if let Some(end) = text.find(",\"") {
                        let first = text[1..end].to_owned();
                        body = format!("{{{first},{}", &text[1..]).into_bytes();
                    }
                }
                _ => {
                    let text = String::from_utf8_lossy(&body)
                        .replacen("\"us-", "[\"us-", 1)
                        .replacen("\",\"BackupId", "\"],\"BackupId", 1);
                    body = text.into_bytes();
                }
            }
            body
        },
    )
}

fn any_body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..200),
        json_value().prop_map(|v| serde_json::to_vec(&v).unwrap_or_default()),
        mutated_body(),
    ]
}

fn headers() -> impl Strategy<Value = Vec<(String, String)>> {
    let name = prop_oneof![
        Just("X-Amzn-Errortype".to_owned()),
        Just("Content-Type".to_owned()),
        Just("X-Amz-Target".to_owned()),
        "[a-zA-Z-]{0,12}",
    ];
    let value = prop_oneof![
        Just("CloudHsmTagException".to_owned()),
        Just("com.amazonaws.cloudhsmv2#CloudHsmServiceException:http://x/".to_owned()),
        Just("application/x-amz-json-1.1".to_owned()),
        Just("BaldrApiService.CopyBackupToRegion".to_owned()),
        Just("BaldrApiService.ModifyBackupAttributes".to_owned()),
        ".{0,40}",
    ];
    prop::collection::vec((name, value), 0..4)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn input_deserialization_never_panics(body in any_body()) {
        let _ = CopyBackupToRegionInput::from_json_slice(&body);
        let _ = ModifyBackupAttributesInput::from_json_slice(&body);
        let _ = serde_json::from_slice::<CopyBackupToRegionInput>(&body);
    }

    #[test]
    fn request_pipeline_never_panics(headers in headers(), body in any_body()) {
        if let Err(error) = service::parse_request("/", &headers, &body) {
            let response = error.to_http_response(service::CONTENT_TYPE);
            prop_assert_eq!(response.status, 400);
        }
    }

    #[test]
    fn response_parsing_never_panics(status in 100u16..600, headers in headers(), body in any_body()) {
        match copy::parse_response(status, &headers, &body) {
            Ok(output) => prop_assert!(serde_json::to_vec(&output).is_ok()),
            Err(error) => {
                let _ = (error.code(), error.message(), error.fault(), error.is_retryable(), error.to_string());
                let _ = error.to_http_response();
            }
        }
        let _ = modify::parse_response(status, &headers, &body);
    }

    #[test]
    fn timestamp_parsing_never_panics(text in prop_oneof![
        "-?[0-9]{0,40}(\\.[0-9]{0,40})?([eE][+-]?[0-9]{0,30})?",
        ".{0,40}",
    ]) {
        if let Ok(t) = DateTime::from_epoch_seconds_str(&text) {
            // Whatever parses, writes back to the same instant.
            prop_assert_eq!(DateTime::from_epoch_seconds_str(&t.to_string()), Ok(t));
        }
    }

    #[test]
    fn response_timestamp_parsing_never_panics_and_keeps_what_it_cannot_read(text in prop_oneof![
        "-?[0-9]{0,40}(\\.[0-9]{0,40})?([eE][+-]?[0-9]{0,30})?",
        "\"[0-9TZ:.+-]{0,40}\"",
        "\".{0,40}",
    ]) {
        let body = format!(r#"{{"DestinationBackup":{{"CreateTimestamp":{text}}}}}"#);
        if let Ok(output) = copy::parse_response(200, &[("a", "b")], body.as_bytes()) {
            let kept = output.destination_backup.and_then(|b| b.create_timestamp);
            if let Some(cloudhsm_model::runtime::LenientDateTime::Unreadable(raw)) = kept {
                // Nothing the reader could not make an instant of is changed (but the JSON
                // whitespace around it).
                prop_assert_eq!(raw.json(), text.trim_matches([' ', '\t', '\n', '\r']));
            }
        }
    }
}
