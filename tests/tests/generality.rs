//! The generator on models other than the project's: an awsJson 1.0 mini-model of other
//! shape kinds and traits, and AWS's whole CloudHSM V2 model (18 operations).

use cloudhsm_model::runtime::wire::Fault;
use cloudhsm_model::runtime::InputError;
use cloudhsm_model::runtime::OperationInput;
use conformance::mini;
use conformance::mini::operation::{get_thing, put_thing};
use conformance::mini::types::{Color, ThingData};

#[test]
fn aws_json_1_0_content_type_and_target_come_from_the_model() {
    let input = get_thing::GetThingInput::builder()
        .id("abc")
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let request = input.to_http_request();
    assert_eq!(
        request.header("content-type"),
        Some("application/x-amz-json-1.0")
    );
    assert_eq!(request.header("x-amz-target"), Some("MiniService.GetThing"));
    assert_eq!(mini::service::CONTENT_TYPE, "application/x-amz-json-1.0");
}

#[test]
fn operations_bound_to_resources_are_found() {
    assert_eq!(mini::service::OPERATION_NAMES, ["GetThing", "PutThing"]);
}

#[test]
fn a_unit_output_is_an_empty_structure() {
    assert_eq!(
        put_thing::parse_response(200, &[("a", "b")], b"").ok(),
        Some(put_thing::PutThingOutput::default())
    );
    // A service answers an operation without output with no body (the protocol suites'
    // `AwsJson10ServiceRespondsWithNoPayload`).
    assert_eq!(
        put_thing::PutThingOutput::default().to_http_response().body,
        b""
    );
}

#[test]
fn http_error_status_and_retryable_come_from_the_model() {
    let error = get_thing::parse_response(
        404,
        &[("x-amzn-errortype", "NotFound")],
        br#"{"message":"gone"}"#,
    )
    .err()
    .unwrap_or_else(|| panic!("not an error"));
    assert_eq!(
        (error.message(), error.fault(), error.is_retryable()),
        (Some("gone"), Fault::Client, true)
    );
    assert_eq!(error.to_http_response().status, 404);
}

#[test]
fn integer_range_and_map_key_constraints_are_validated() {
    let body = br#"{"Data":{"Count":11,"Labels":{"OK":"x","a":"y","b":"z","c":"w"}}}"#;
    let errors = match put_thing::PutThingInput::from_json_slice(body) {
        Err(InputError::Validation(errors)) => errors,
        other => panic!("{other:?}"),
    };
    let messages: Vec<String> = errors.iter().map(|v| v.aws_message()).collect();
    // Count, the map's size, "OK" against the key pattern, and "a", "b", "c" too short.
    assert_eq!(messages.len(), 6, "{messages:#?}");
    assert_eq!(
        messages[0],
        "Value '11' at 'data.count' failed to satisfy constraint: Member must have value less than or equal to 10"
    );
    assert!(messages[1].contains("at 'data.labels' failed to satisfy constraint: Member must have length less than or equal to 3"));
    assert!(messages[2].starts_with("Value 'OK' at 'data.labels.OK' failed to satisfy constraint: Member must satisfy regular expression pattern"));
    for (message, key) in messages[3..].iter().zip(["a", "b", "c"]) {
        assert_eq!(
            message,
            &format!("Value '{key}' at 'data.labels.{key}' failed to satisfy constraint: Member must have length greater than or equal to 2")
        );
    }
}

#[test]
fn legacy_enum_trait_strings_become_enums() {
    assert_eq!(Color::values(), ["red", "dark-blue"]);
    assert_eq!(Color::from("dark-blue"), Color::DarkBlue);
    let data: ThingData =
        serde_json::from_str(r#"{"Color":"green","Ratio":0.5,"Enabled":true,"Seen":1.5}"#)
            .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(data.color.as_ref().map(Color::as_str), Some("green"));
    assert_eq!(
        serde_json::to_string(&data).unwrap_or_default(),
        r#"{"Ratio":0.5,"Color":"green","Seen":1.5,"Enabled":true}"#
    );
}

#[test]
fn keyword_member_names_are_escaped() {
    let input = put_thing::PutThingInput::builder()
        .data(ThingData::builder().build())
        .r#type("kind")
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(input.r#type(), Some("kind"));
    assert_eq!(
        serde_json::to_string(&input).unwrap_or_default(),
        r#"{"Data":{},"type":"kind"}"#
    );
}

#[cfg(published_model)]
mod published {
    use conformance::published::{service, strategies};
    use proptest::strategy::{Strategy, ValueTree};
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

    #[test]
    fn the_whole_published_model_has_its_18_operations() {
        assert_eq!(service::OPERATION_NAMES.len(), 18);
        assert_eq!(service::NAME, "BaldrApiService");
    }

    #[test]
    fn an_output_of_every_operation_round_trips() {
        let mut runner = TestRunner::new_with_rng(
            Config::default(),
            TestRng::from_seed(RngAlgorithm::ChaCha, &[5; 32]),
        );
        for operation in service::OPERATION_NAMES {
            let strategy = strategies::by_name(&format!("{operation}Output"))
                .unwrap_or_else(|| panic!("no strategy for {operation}Output"));
            for _ in 0..50 {
                let body = strategy
                    .new_tree(&mut runner)
                    .map(|t| t.current())
                    .unwrap_or_else(|e| panic!("{e}"));
                let response = service::parse_response(
                    operation,
                    200,
                    &[("Content-Type", service::CONTENT_TYPE)],
                    body.as_bytes(),
                )
                .unwrap_or_else(|| panic!("{operation} is unknown"));
                let written = response
                    .output_json()
                    .unwrap_or_else(|| panic!("{operation}: {body} did not parse"));
                assert_eq!(String::from_utf8_lossy(&written), body, "{operation}");
            }
        }
    }
}

#[cfg(not(published_model))]
#[test]
fn published_model_tests_are_skipped_without_shared() {
    eprintln!(
        "SKIPPED: ../shared/models/ is not present, so the published model was not generated"
    );
}

#[test]
fn nan_and_infinities_travel_as_strings() {
    let data: ThingData =
        serde_json::from_str(r#"{"Ratio":"NaN"}"#).unwrap_or_else(|e| panic!("{e}"));
    assert!(data.ratio.is_some_and(|r| r.get().is_nan()));
    assert_eq!(
        serde_json::to_string(&data).unwrap_or_default(),
        r#"{"Ratio":"NaN"}"#
    );
    for text in [
        r#"{"Ratio":"Infinity"}"#,
        r#"{"Ratio":"-Infinity"}"#,
        r#"{"Ratio":-0.25}"#,
    ] {
        let data: ThingData = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(serde_json::to_string(&data).unwrap_or_default(), text);
    }
    assert!(serde_json::from_str::<ThingData>(r#"{"Ratio":"Inf"}"#).is_err());
}
