//! Smithy RPC v2 CBOR for the CloudHSM model: every input, output and error of both
//! operations survives the CBOR round trip, the same input reads the same from JSON and
//! from CBOR, the wire in both protocols, and hostile CBOR is answered with an error.

use cloudhsm_model::operation::copy_backup_to_region::{
    self as copy, CopyBackupToRegionError, CopyBackupToRegionInput, CopyBackupToRegionOutput,
};
use cloudhsm_model::operation::modify_backup_attributes::{
    ModifyBackupAttributesInput, ModifyBackupAttributesOutput,
};
use cloudhsm_model::runtime::cbor;
use cloudhsm_model::runtime::wire::{Protocol, RequestError};
use cloudhsm_model::runtime::InputError;
use cloudhsm_model::runtime::OperationInput;
use cloudhsm_model::service;
use cloudhsm_model::strategies::{self, Mode};
use cloudhsm_model::types::error::CloudHsmAccessDeniedException;
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 500,
        ..ProptestConfig::default()
    }
}

fn fail(e: impl std::fmt::Display) -> TestCaseError {
    TestCaseError::fail(e.to_string())
}

/// The input through CBOR and back, and the same input through JSON: all three equal.
fn input_round_trip<T: OperationInput + PartialEq + std::fmt::Debug>(
    input: &T,
) -> Result<(), TestCaseError> {
    let body = cbor::to_vec(input).map_err(fail)?;
    let from_cbor = T::from_cbor_slice(&body).map_err(fail)?;
    prop_assert_eq!(&from_cbor, input);
    let json = serde_json::to_vec(input).map_err(fail)?;
    let from_json = T::from_json_slice(&json).map_err(fail)?;
    prop_assert_eq!(&from_json, &from_cbor);
    Ok(())
}

fn value_round_trip<T>(value: &T) -> Result<(), TestCaseError>
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let body = cbor::to_vec(value).map_err(fail)?;
    let parsed: T = cbor::from_slice(&body).map_err(fail)?;
    prop_assert_eq!(&parsed, value);
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn modify_inputs_round_trip_through_cbor(input in any::<ModifyBackupAttributesInput>()) {
        input_round_trip(&input)?;
    }

    #[test]
    fn copy_inputs_round_trip_through_cbor(input in any::<CopyBackupToRegionInput>()) {
        input_round_trip(&input)?;
        // And through the pipeline, in the request's protocol.
        let request = input.to_http_request_in(Protocol::RpcV2Cbor);
        let parsed = service::parse_request(&request.path, &request.headers, &request.body)
            .map_err(fail)?;
        prop_assert_eq!(parsed, service::Request::CopyBackupToRegion(input));
    }

    #[test]
    fn modify_outputs_round_trip_through_cbor(output in any::<ModifyBackupAttributesOutput>()) {
        value_round_trip(&output)?;
    }

    #[test]
    fn copy_outputs_round_trip_through_cbor(output in any::<CopyBackupToRegionOutput>()) {
        value_round_trip(&output)?;
        let response = output.to_http_response_in(Protocol::RpcV2Cbor);
        let parsed = copy::parse_response_in(Protocol::RpcV2Cbor, response.status, &response.headers, &response.body);
        prop_assert_eq!(parsed.ok(), Some(output));
    }

    #[test]
    fn every_error_of_both_operations_round_trips_through_cbor(
        denied in strategies::cloud_hsm_access_denied_exception(Mode::VALID),
        internal in strategies::cloud_hsm_internal_failure_exception(Mode::VALID),
        invalid in strategies::cloud_hsm_invalid_request_exception(Mode::VALID),
        missing in strategies::cloud_hsm_resource_not_found_exception(Mode::VALID),
        service_error in strategies::cloud_hsm_service_exception(Mode::VALID),
        tag in strategies::cloud_hsm_tag_exception(Mode::VALID),
    ) {
        use cloudhsm_model::operation::modify_backup_attributes::{self as modify, ModifyBackupAttributesError as M};
        use CopyBackupToRegionError as C;
        value_round_trip(&denied)?;
        value_round_trip(&internal)?;
        value_round_trip(&invalid)?;
        value_round_trip(&missing)?;
        value_round_trip(&service_error)?;
        value_round_trip(&tag)?;
        let modify_errors = [
            M::CloudHsmAccessDeniedException(denied.clone()),
            M::CloudHsmInternalFailureException(internal.clone()),
            M::CloudHsmInvalidRequestException(invalid.clone()),
            M::CloudHsmResourceNotFoundException(missing.clone()),
            M::CloudHsmServiceException(service_error.clone()),
        ];
        for error in modify_errors {
            let response = error.to_http_response_in(Protocol::RpcV2Cbor);
            let parsed = modify::parse_response_in(Protocol::RpcV2Cbor, response.status, &response.headers, &response.body);
            prop_assert_eq!(parsed.err(), Some(error));
        }
        let copy_errors = [
            C::CloudHsmAccessDeniedException(denied),
            C::CloudHsmInternalFailureException(internal),
            C::CloudHsmInvalidRequestException(invalid),
            C::CloudHsmResourceNotFoundException(missing),
            C::CloudHsmServiceException(service_error),
            C::CloudHsmTagException(tag),
        ];
        for error in copy_errors {
            let response = error.to_http_response_in(Protocol::RpcV2Cbor);
            let parsed = copy::parse_response_in(Protocol::RpcV2Cbor, response.status, &response.headers, &response.body);
            prop_assert_eq!(parsed.err(), Some(error));
        }
    }
}

/// An invalid body breaks the same constraint, with the same messages, in either protocol.
fn same_violations<T: OperationInput + std::fmt::Debug>(
    body: &serde_json::Value,
) -> Result<(), TestCaseError> {
    let json = serde_json::to_vec(body).map_err(fail)?;
    let cbor = cbor::to_vec(body).map_err(fail)?;
    match (T::from_json_slice(&json), T::from_cbor_slice(&cbor)) {
        (Err(InputError::Validation(a)), Err(InputError::Validation(b))) => {
            prop_assert_eq!(a.to_string(), b.to_string());
            prop_assert_eq!(a.to_smithy_json(), b.to_smithy_json());
        }
        other => prop_assert!(false, "{:?}", other),
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn invalid_copy_bodies_are_rejected_alike_in_both_protocols(
        (body, _) in strategies::invalid::copy_backup_to_region_input()
    ) {
        same_violations::<CopyBackupToRegionInput>(&body)?;
    }

    #[test]
    fn invalid_modify_bodies_are_rejected_alike_in_both_protocols(
        (body, _) in strategies::invalid::modify_backup_attributes_input()
    ) {
        same_violations::<ModifyBackupAttributesInput>(&body)?;
    }
}

#[test]
fn a_cbor_request_is_addressed_by_path_and_carries_no_target() {
    let input = CopyBackupToRegionInput::builder()
        .backup_id("backup-abcdefghijk")
        .destination_region("us-west-2")
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let request = input.to_http_request_in(Protocol::RpcV2Cbor);
    assert_eq!(request.method, "POST");
    assert_eq!(
        request.path,
        "/service/BaldrApiService/operation/CopyBackupToRegion"
    );
    assert_eq!(request.header("Smithy-Protocol"), Some("rpc-v2-cbor"));
    assert_eq!(request.header("Accept"), Some("application/cbor"));
    assert_eq!(request.header("Content-Type"), Some("application/cbor"));
    assert_eq!(
        request.header("Content-Length"),
        Some(request.body.len().to_string().as_str())
    );
    assert_eq!(request.header("X-Amz-Target"), None);
    // The default protocol stays awsJson1_1.
    assert_eq!(service::PROTOCOL, Protocol::AwsJson1_1);
    assert_eq!(
        service::PROTOCOLS,
        &[Protocol::AwsJson1_1, Protocol::RpcV2Cbor]
    );
    assert_eq!(
        input.to_http_request().header("X-Amz-Target"),
        Some("BaldrApiService.CopyBackupToRegion")
    );
}

#[test]
fn the_pipeline_answers_in_the_requests_protocol() {
    let input = CopyBackupToRegionInput::builder()
        .backup_id("backup-abcdefghijk")
        .destination_region("us-west-2")
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let mut request = input.to_http_request_in(Protocol::RpcV2Cbor);
    assert_eq!(
        service::request_protocol(&request.headers),
        Protocol::RpcV2Cbor
    );
    // The service may be named by its absolute id, `.` for `#`.
    let by_id = "/v1/service/com.amazonaws.cloudhsmv2.BaldrApiService/operation/CopyBackupToRegion";
    assert!(service::parse_request(by_id, &request.headers, &request.body).is_ok());

    // A CBOR request with X-Amz-Target is rejected, in CBOR.
    request.headers.push((
        "X-Amz-Target".to_owned(),
        "BaldrApiService.CopyBackupToRegion".to_owned(),
    ));
    let error = service::parse_request(&request.path, &request.headers, &request.body)
        .err()
        .unwrap_or_else(|| panic!("accepted a CBOR request with X-Amz-Target"));
    assert!(
        matches!(error, RequestError::UnknownOperation { .. }),
        "{error}"
    );
    let response = error.to_http_response_in(service::request_protocol(&request.headers));
    assert_eq!(response.status, 400);
    assert_eq!(response.header("Smithy-Protocol"), Some("rpc-v2-cbor"));
    assert_eq!(response.header("X-Amzn-Errortype"), None);

    // A validation failure is a CBOR ValidationException naming every violation.
    let body = cbor::to_vec(&serde_json::json!({"BackupId": "nope", "DestinationRegion": ""}))
        .unwrap_or_else(|e| panic!("{e}"));
    let headers = [
        ("Smithy-Protocol", "rpc-v2-cbor"),
        ("Content-Type", "application/cbor"),
    ];
    let path = "/service/BaldrApiService/operation/CopyBackupToRegion";
    let error = service::parse_request(path, &headers, &body)
        .err()
        .unwrap_or_else(|| panic!("accepted an invalid input"));
    let RequestError::Validation(errors) = &error else {
        panic!("{error}");
    };
    assert_eq!(errors.len(), 2, "{errors}");
    let response = error.to_http_response_in(Protocol::RpcV2Cbor);
    let document: serde_json::Value = cbor_to_json(&response.body);
    assert_eq!(document["__type"], "smithy.framework#ValidationException");
    assert_eq!(document["fieldList"].as_array().map(Vec::len), Some(2));
    assert_eq!(document["message"], errors.to_string());
}

/// A CBOR map of text, numbers and arrays as JSON (what validation documents hold).
fn cbor_to_json(body: &[u8]) -> serde_json::Value {
    cbor::from_slice(body).unwrap_or_else(|e| panic!("{e}"))
}

/// Hostile bodies, each an error (never a panic) in bounded time and memory.
#[test]
fn hostile_cbor_is_a_serialization_error() {
    let mut deep = vec![0x9f; 100_000];
    deep.push(0xff);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "a byte string declaring 2^62 bytes with 3 present",
            [
                &[0xa1, 0x67][..],
                b"Unknown",
                &[0x5b, 0x40, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3],
            ]
            .concat(),
        ),
        (
            "a map declaring 2^32 entries",
            vec![0xbb, 0, 0, 0, 1, 0, 0, 0, 0, 0x61, 0x61, 0x61, 0x62],
        ),
        (
            "100,000 nested indefinite arrays",
            [&[0xa1, 0x63][..], b"Any", &deep].concat(),
        ),
        ("truncated input", vec![0xa1, 0x68, b'B', b'a']),
        ("bytes after the top-level item", vec![0xa0, 0x00]),
        (
            "invalid UTF-8 in a text string",
            [&[0xa1, 0x68][..], b"BackupId", &[0x62, 0xff, 0xfe]].concat(),
        ),
    ];
    let expected = [
        "declares 4611686018427387904 bytes",
        "end of input",
        "nesting deeper than 128",
        "a text string declares 8 bytes, 2 remain",
        "bytes after the top-level item",
        "invalid UTF-8",
    ];
    for ((what, body), expected) in cases.into_iter().zip(expected) {
        match CopyBackupToRegionInput::from_cbor_slice(&body) {
            Err(InputError::Cbor(e)) => {
                assert!(e.message().contains(expected), "{what}: {e}");
            }
            other => panic!("{what}: {other:?}"),
        }
    }
}

#[test]
fn a_wrong_tag_where_a_timestamp_belongs_is_an_error() {
    // {"Backup": {"CreateTimestamp": 4(1)}}: tag 4 is not epoch seconds.
    let body = [
        &[0xa1, 0x66][..],
        b"Backup",
        &[0xa1, 0x6f],
        b"CreateTimestamp",
        &[0xc4, 0x01],
    ]
    .concat();
    let error = cbor::from_slice::<ModifyBackupAttributesOutput>(&body)
        .err()
        .unwrap_or_else(|| panic!("tag 4 read as a timestamp"));
    assert!(error.message().contains("tag"), "{error}");
    // Tag 1 is read, integer or float.
    let body = [
        &[0xa1, 0x6f][..],
        b"CreateTimestamp",
        &[0xc1, 0xfb],
        &1_515_531_081.123_f64.to_be_bytes(),
    ]
    .concat();
    let backup: cloudhsm_model::types::Backup =
        cbor::from_slice(&body).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        backup.create_timestamp.map(|t| t.to_string()),
        Some("1515531081.123".to_owned())
    );
}

#[test]
fn response_timestamps_no_instant_holds_are_kept_in_cbor_too() {
    // {"Backup": {"CreateTimestamp": 1(1e20), "DeleteTimestamp": 1(NaN)}}
    let body = [
        &[0xa1, 0x66][..],
        b"Backup",
        &[0xa2, 0x6f],
        b"CreateTimestamp",
        &[0xc1, 0xfb],
        &1e20_f64.to_be_bytes(),
        &[0x6f],
        b"DeleteTimestamp",
        &[0xc1, 0xfa, 0x7f, 0xc0, 0x00, 0x00],
    ]
    .concat();
    let output: ModifyBackupAttributesOutput =
        cbor::from_slice(&body).unwrap_or_else(|e| panic!("{e}"));
    let backup = output
        .backup
        .as_ref()
        .unwrap_or_else(|| panic!("no backup"));
    assert_eq!(
        backup.create_timestamp.as_ref().map(|t| t.to_string()),
        Some("1e+20".to_owned())
    );
    assert_eq!(
        backup.delete_timestamp.as_ref().map(|t| t.to_string()),
        Some("\"NaN\"".to_owned())
    );
    // validate() reports them, and they are written back as they came.
    let errors = output
        .validate()
        .err()
        .unwrap_or_else(|| panic!("kept timestamps pass validate()"));
    let paths: Vec<String> = errors.to_smithy_json()["fieldList"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["path"].as_str().map(str::to_owned))
        .collect();
    assert!(
        paths.contains(&"/Backup/CreateTimestamp".to_owned()),
        "{paths:?}"
    );
    assert!(
        paths.contains(&"/Backup/DeleteTimestamp".to_owned()),
        "{paths:?}"
    );
    assert_eq!(cbor::to_vec(&output).ok(), Some(body));
}

#[test]
fn a_non_text_type_in_an_error_body_is_an_unhandled_error() {
    // {"__type": 7, "message": "m"}
    let body = [
        &[0xa2, 0x66][..],
        b"__type",
        &[0x07, 0x67],
        b"message",
        &[0x61, b'm'],
    ]
    .concat();
    let headers: [(&str, &str); 0] = [];
    let error =
        CopyBackupToRegionError::from_response_in(Protocol::RpcV2Cbor, 400, &headers, &body);
    let CopyBackupToRegionError::Unhandled(e) = &error else {
        panic!("{error:?}");
    };
    assert_eq!((e.code(), e.message()), (None, Some("m")));
    // And the type by absolute id names the error; a header does not.
    let denied = CloudHsmAccessDeniedException::builder()
        .message("no")
        .build();
    let response = CopyBackupToRegionError::CloudHsmAccessDeniedException(denied)
        .to_http_response_in(Protocol::RpcV2Cbor);
    let document = cbor_to_json(&response.body);
    assert_eq!(
        document["__type"],
        "com.amazonaws.cloudhsmv2#CloudHsmAccessDeniedException"
    );
    let headers = [("X-Amzn-Errortype", "CloudHsmTagException")];
    let parsed = CopyBackupToRegionError::from_response_in(
        Protocol::RpcV2Cbor,
        response.status,
        &headers,
        &response.body,
    );
    assert_eq!(parsed.code(), Some("CloudHsmAccessDeniedException"));
}

#[test]
fn a_response_without_smithy_protocol_is_read_by_its_status_alone() {
    let body = cbor::to_vec(&serde_json::json!({
        "__type": "com.amazonaws.cloudhsmv2#CloudHsmTagException"
    }))
    .unwrap_or_else(|e| panic!("{e}"));
    let headers = [("Content-Type", "application/cbor")];
    for status in [200, 400] {
        let parsed = copy::parse_response_in(Protocol::RpcV2Cbor, status, &headers, &body);
        let Err(CopyBackupToRegionError::Unhandled(e)) = &parsed else {
            panic!("{parsed:?}");
        };
        assert_eq!((e.status(), e.code()), (status, None));
        assert!(e.message().is_some_and(|m| m.contains("Smithy-Protocol")));
    }
}

#[test]
fn an_empty_200_body_is_an_empty_output() {
    let headers = [("Smithy-Protocol", "rpc-v2-cbor")];
    let parsed = copy::parse_response_in(Protocol::RpcV2Cbor, 200, &headers, b"");
    assert_eq!(parsed.ok(), Some(CopyBackupToRegionOutput::default()));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    /// Valid bodies with a byte changed, or cut short: an error or a value, never a panic,
    /// through the pipeline as well.
    #[test]
    fn mutated_valid_bodies_never_panic(
        input in any::<CopyBackupToRegionInput>(),
        at in any::<proptest::sample::Index>(),
        byte in any::<u8>(),
        cut in any::<bool>(),
    ) {
        let mut request = input.to_http_request_in(Protocol::RpcV2Cbor);
        let i = at.index(request.body.len().max(1));
        if cut {
            request.body.truncate(i);
        } else if let Some(b) = request.body.get_mut(i) {
            *b = byte;
        }
        let _ = CopyBackupToRegionInput::from_cbor_slice(&request.body);
        if let Err(error) = service::parse_request(&request.path, &request.headers, &request.body) {
            let _ = error.to_http_response_in(Protocol::RpcV2Cbor);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, ..ProptestConfig::default() })]

    /// Arbitrary bytes: an error or a value, never a panic.
    #[test]
    fn arbitrary_bytes_never_panic(body in proptest::collection::vec(any::<u8>(), 0..96)) {
        let _ = CopyBackupToRegionInput::from_cbor_slice(&body);
        let _ = cbor::from_slice::<CopyBackupToRegionOutput>(&body);
        let headers: [(&str, &str); 0] = [];
        let _ = CopyBackupToRegionError::from_response_in(Protocol::RpcV2Cbor, 400, &headers, &body);
    }
}
