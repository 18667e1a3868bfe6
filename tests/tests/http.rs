//! The `http` feature on every side: a pipeline reading `http::Request`s, a client reading
//! `http::Response`s, the parts converted both ways (refused header names and values,
//! bodies that are not UTF-8), and the forward-compatible client's unchecked inputs.
#![cfg(feature = "http")]

use cloudhsm_model::operation::copy_backup_to_region::{
    self as copy, CopyBackupToRegionError, CopyBackupToRegionInput, CopyBackupToRegionOutput,
};
use cloudhsm_model::operation::modify_backup_attributes::{
    self as modify, ModifyBackupAttributesInput,
};
use cloudhsm_model::runtime::http;
use cloudhsm_model::runtime::wire::{
    HttpError, HttpRequestParts, HttpResponseParts, Protocol, RequestError, UnhandledError,
};
use cloudhsm_model::service::{self, Request};
use cloudhsm_model::types::error::CloudHsmResourceNotFoundException;
use cloudhsm_model::types::{DestinationBackup, Tag};

const PROTOCOLS: [Protocol; 2] = [Protocol::AwsJson1_1, Protocol::RpcV2Cbor];
const ENDPOINT: &str = "http://127.0.0.1:8080";

fn copy_input() -> CopyBackupToRegionInput {
    CopyBackupToRegionInput::builder()
        .backup_id("backup-abcdefghijk")
        .destination_region("us-west-2")
        .tag_list(Tag::builder().key("team").value("platform").build())
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn http_request<B: From<Vec<u8>>>(parts: HttpRequestParts) -> http::Request<B> {
    parts
        .into_http_request(ENDPOINT)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn http_response(parts: HttpResponseParts) -> http::Response<Vec<u8>> {
    parts.into_http_response().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_pipeline_reads_http_requests_with_any_byte_body_in_both_protocols() {
    for protocol in PROTOCOLS {
        let parts = copy_input().to_http_request_in(protocol);
        let expected = Request::CopyBackupToRegion(copy_input());
        let vec: http::Request<Vec<u8>> = http_request(parts.clone());
        assert_eq!(
            service::parse_http_request(&vec).ok(),
            Some(expected.clone())
        );
        let borrowed = vec.map(|body| body.into_boxed_slice());
        assert_eq!(
            service::parse_http_request(&borrowed).ok(),
            Some(expected.clone())
        );
        if protocol == Protocol::AwsJson1_1 {
            let text: http::Request<String> = http_request::<Vec<u8>>(parts)
                .map(|body| String::from_utf8(body).unwrap_or_default());
            assert_eq!(service::parse_http_request(&text).ok(), Some(expected));
        }
    }
}

#[test]
fn a_pipeline_reading_http_requests_is_as_strict_as_parse_request() {
    let parts = CopyBackupToRegionInput::builder()
        .backup_id("backup-1")
        .build_unchecked()
        .to_http_request();
    let request: http::Request<Vec<u8>> = http_request(parts);
    match service::parse_http_request(&request) {
        Err(RequestError::Validation(errors)) => assert_eq!(errors.violations().len(), 2),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_request_body_that_is_not_utf8_is_a_serialization_exception() {
    let mut request: http::Request<Vec<u8>> = http_request(copy_input().to_http_request());
    *request.body_mut() =
        b"{\"BackupId\":\"backup-\xff\xfe\",\"DestinationRegion\":\"us-west-2\"}".to_vec();
    match service::parse_http_request(&request) {
        Err(e @ RequestError::Serialization(_)) => {
            assert_eq!(e.code(), "SerializationException");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_target_that_is_not_utf8_names_no_operation_and_other_such_headers_are_ignored() {
    let mut request: http::Request<Vec<u8>> = http_request(copy_input().to_http_request());
    let odd = http::HeaderValue::from_bytes(b"agent \xff").unwrap_or_else(|e| panic!("{e}"));
    request.headers_mut().insert("user-agent", odd);
    assert!(service::parse_http_request(&request).is_ok());
    assert_eq!(
        HttpRequestParts::from_http_request(&request),
        Err(HttpError::HeaderValueNotUtf8 {
            name: "user-agent".to_owned()
        })
    );
    let target = http::HeaderValue::from_bytes(b"BaldrApiService.CopyBackupToRegion\xff")
        .unwrap_or_else(|e| panic!("{e}"));
    request.headers_mut().insert("x-amz-target", target);
    match service::parse_http_request(&request) {
        Err(RequestError::UnknownOperation { target, .. }) => assert_eq!(
            target.as_deref(),
            Some("BaldrApiService.CopyBackupToRegion\u{fffd}")
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_rejection_goes_back_as_an_http_response_in_the_request_protocol() {
    for protocol in PROTOCOLS {
        let mut parts = copy_input().to_http_request_in(protocol);
        parts.body = b"not a body".to_vec();
        parts
            .headers
            .retain(|(n, _)| !n.eq_ignore_ascii_case("content-length"));
        let request: http::Request<Vec<u8>> = http_request(parts);
        let rejection = match service::parse_http_request(&request) {
            Err(rejection) => rejection,
            Ok(parsed) => panic!("{parsed:?}"),
        };
        let response = http_response(rejection.to_http_response_in(protocol));
        assert_eq!(response.status(), 400);
        assert_eq!(response.headers()["content-type"], protocol.content_type());
        match copy::parse_http_response_in(protocol, &response) {
            Err(CopyBackupToRegionError::Unhandled(e)) => {
                assert_eq!(e.code(), Some("SerializationException"), "{protocol:?}");
            }
            other => panic!("{protocol:?}: {other:?}"),
        }
    }
}

#[test]
fn a_client_reads_outputs_and_modeled_errors_from_http_responses_in_both_protocols() {
    for protocol in PROTOCOLS {
        let output = CopyBackupToRegionOutput::builder()
            .destination_backup(
                DestinationBackup::builder()
                    .source_backup("backup-abcdefghijk")
                    .build(),
            )
            .build();
        let response = http_response(output.to_http_response_in(protocol));
        assert_eq!(
            copy::parse_http_response_in(protocol, &response).ok(),
            Some(output)
        );
        let error = CopyBackupToRegionError::CloudHsmResourceNotFoundException(
            CloudHsmResourceNotFoundException::builder()
                .message("no such backup")
                .build(),
        );
        let response = http_response(error.to_http_response_in(protocol));
        assert_eq!(response.status(), 400);
        match copy::parse_http_response_in(protocol, &response) {
            Err(CopyBackupToRegionError::CloudHsmResourceNotFoundException(e)) => {
                assert_eq!(e.message.as_deref(), Some("no such backup"));
            }
            other => panic!("{protocol:?}: {other:?}"),
        }
    }
    // The default protocol, and a body of another type.
    let response =
        http_response(modify::ModifyBackupAttributesOutput::default().to_http_response())
            .map(|body| String::from_utf8(body).unwrap_or_default());
    assert!(modify::parse_http_response(&response).is_ok());
}

#[test]
fn a_successful_response_whose_body_is_not_utf8_is_an_unhandled_error_not_a_panic() {
    let mut response = http_response(CopyBackupToRegionOutput::default().to_http_response());
    *response.body_mut() = b"{\"DestinationBackup\":{\"SourceBackup\":\"\xff\"}}".to_vec();
    match copy::parse_http_response(&response) {
        Err(CopyBackupToRegionError::Unhandled(e)) => {
            assert_eq!(e.status(), 200);
            assert!(
                e.message()
                    .unwrap_or_default()
                    .contains("not a valid CopyBackupToRegion"),
                "{e}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_error_code_http_refuses_is_an_error_when_written_back_not_a_panic() {
    let error = CopyBackupToRegionError::Unhandled(UnhandledError::new(
        Some("Throttled\r\nSet-Cookie: x".to_owned()),
        None,
        429,
        b"{}".to_vec(),
    ));
    let refused = error
        .to_http_response()
        .into_http_response::<Vec<u8>>()
        .err();
    assert_eq!(
        refused,
        Some(HttpError::HeaderValue {
            name: "X-Amzn-Errortype".to_owned()
        })
    );
}

#[test]
fn a_request_goes_to_http_and_back_unchanged() {
    for protocol in PROTOCOLS {
        let parts = copy_input().to_http_request_in(protocol);
        let request: http::Request<Vec<u8>> = http_request(parts.clone());
        assert_eq!(
            request.uri().to_string(),
            format!("{ENDPOINT}{}", parts.path)
        );
        let mut back =
            HttpRequestParts::from_http_request(&request).unwrap_or_else(|e| panic!("{e}"));
        // `into_http_request` adds the Host a request needs; the rest comes back as sent.
        assert_eq!(back.header("host"), Some("127.0.0.1:8080"));
        back.headers.retain(|(n, _)| n != "host");
        assert_eq!(back.method, parts.method);
        assert_eq!(back.path, parts.path);
        assert_eq!(back.body, parts.body);
        let lower = |headers: &[(String, String)]| -> Vec<(String, String)> {
            let mut h: Vec<_> = headers
                .iter()
                .map(|(n, v)| (n.to_ascii_lowercase(), v.clone()))
                .collect();
            h.sort();
            h
        };
        assert_eq!(lower(&back.headers), lower(&parts.headers));
    }
}

#[test]
fn an_unchecked_input_of_valid_members_is_the_input_on_the_wire() {
    let unchecked = copy_input().into_builder().build_unchecked();
    assert_eq!(unchecked.operation_name(), "CopyBackupToRegion");
    assert_eq!(
        serde_json::to_vec(&unchecked).ok(),
        serde_json::to_vec(&copy_input()).ok()
    );
    for protocol in PROTOCOLS {
        assert_eq!(
            unchecked.to_http_request_in(protocol),
            copy_input().to_http_request_in(protocol)
        );
    }
    assert_eq!(unchecked.to_http_request(), copy_input().to_http_request());
}

#[test]
fn an_unchecked_input_sends_what_the_model_refuses_and_the_pipeline_still_refuses_it() {
    // An ID one letter longer than the model allows, as a service that lengthened its IDs
    // would accept (EC2's longer resource IDs broke clients that checked).
    let longer = "backup-abcdefghijklmnopq";
    let builder = ModifyBackupAttributesInput::builder()
        .backup_id(longer)
        .never_expires(false);
    assert!(builder.clone().build().is_err());
    let unchecked = builder.build_unchecked();
    assert_eq!(unchecked.members().clone().build().ok(), None);
    let request = unchecked.to_http_request();
    assert_eq!(
        request.body,
        format!(r#"{{"BackupId":"{longer}","NeverExpires":false}}"#).into_bytes()
    );
    assert_eq!(
        request.header("X-Amz-Target"),
        Some("BaldrApiService.ModifyBackupAttributes")
    );
    match service::parse_request(&request.path, &request.headers, &request.body) {
        Err(RequestError::Validation(errors)) => {
            assert_eq!(errors.violations().len(), 1);
            assert_eq!(errors.violations()[0].value(), Some(longer));
        }
        other => panic!("{other:?}"),
    }
    // Absent members stay absent, required or not.
    let empty = ModifyBackupAttributesInput::builder().build_unchecked();
    assert_eq!(empty.to_http_request().body, b"{}");
    assert_eq!(
        empty.to_http_request_in(Protocol::RpcV2Cbor).body,
        vec![0xa0]
    );
}

#[test]
fn build_unchecked_fills_idempotency_tokens_as_build_does() {
    use conformance::traits::operation::schedule::ScheduleInput;
    let unchecked = ScheduleInput::builder().name("n").build_unchecked();
    let body = serde_json::to_value(&unchecked).unwrap_or_default();
    let token = body["Token"].as_str().unwrap_or_default();
    assert_eq!(token.len(), 36, "{body}");
    assert_eq!(body["Name"], "n");
}
