//! awsJson1_1 wire: request parts, response and error parsing, mock responses, and the
//! request pipeline.

use cloudhsm_model::operation::copy_backup_to_region::{
    self as copy, CopyBackupToRegionError, CopyBackupToRegionInput, CopyBackupToRegionOutput,
};
use cloudhsm_model::operation::modify_backup_attributes::{
    self as modify, ModifyBackupAttributesError, ModifyBackupAttributesInput,
    ModifyBackupAttributesOutput,
};
use cloudhsm_model::runtime::wire::{Fault, RequestError};
use cloudhsm_model::runtime::DateTime;
use cloudhsm_model::service::{self, Request};
use cloudhsm_model::types::error::{
    CloudHsmAccessDeniedException, CloudHsmInternalFailureException,
    CloudHsmInvalidRequestException, CloudHsmResourceNotFoundException, CloudHsmServiceException,
    CloudHsmTagException,
};
use cloudhsm_model::types::{Backup, BackupState, ClusterMode, DestinationBackup, Tag};

const JSON_1_1: &str = "application/x-amz-json-1.1";
const NO_HEADERS: [(&str, &str); 0] = [];

fn copy_error(status: u16, headers: &[(&str, &str)], body: &str) -> CopyBackupToRegionError {
    match copy::parse_response(status, headers, body.as_bytes()) {
        Err(e) => e,
        Ok(output) => panic!("expected an error, got {output:?}"),
    }
}

// Request parts

#[test]
fn copy_request_parts() {
    let input = CopyBackupToRegionInput::builder()
        .backup_id("backup-abcdefghijk")
        .destination_region("us-west-2")
        .tag_list(Tag::builder().key("k").value("v").build())
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let request = input.to_http_request();
    assert_eq!(request.method, "POST");
    assert_eq!(request.path, "/");
    assert_eq!(
        request.headers,
        [
            ("Content-Type".to_owned(), JSON_1_1.to_owned()),
            (
                "X-Amz-Target".to_owned(),
                "BaldrApiService.CopyBackupToRegion".to_owned()
            ),
            ("Content-Length".to_owned(), request.body.len().to_string()),
        ]
    );
    assert_eq!(
        String::from_utf8_lossy(&request.body),
        r#"{"DestinationRegion":"us-west-2","BackupId":"backup-abcdefghijk","TagList":[{"Key":"k","Value":"v"}]}"#
    );
}

#[test]
fn modify_request_parts() {
    let input = ModifyBackupAttributesInput::builder()
        .backup_id("backup-abcdefghijk")
        .never_expires(false)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let request = input.to_http_request();
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("POST", "/")
    );
    assert_eq!(request.header("content-type"), Some(JSON_1_1));
    assert_eq!(
        request.header("x-amz-target"),
        Some("BaldrApiService.ModifyBackupAttributes")
    );
    assert_eq!(request.header("content-length"), Some("54"));
    assert_eq!(request.headers.len(), 3);
    assert_eq!(
        request.body,
        br#"{"BackupId":"backup-abcdefghijk","NeverExpires":false}"#
    );
}

// Error codes: where they come from and how they are sanitized

#[test]
fn error_code_from_the_header() {
    let e = copy_error(
        400,
        &[("X-Amzn-Errortype", "CloudHsmTagException")],
        r#"{"Message":"bad tag"}"#,
    );
    assert!(
        matches!(&e, CopyBackupToRegionError::CloudHsmTagException(t) if t.message.as_deref() == Some("bad tag"))
    );
}

#[test]
fn error_code_with_a_namespace() {
    let e = copy_error(
        400,
        &NO_HEADERS,
        r#"{"__type":"com.amazonaws.cloudhsmv2#CloudHsmAccessDeniedException","Message":"no"}"#,
    );
    assert!(matches!(
        e,
        CopyBackupToRegionError::CloudHsmAccessDeniedException(_)
    ));
}

#[test]
fn error_code_with_a_coral_uri_suffix() {
    let header = "CloudHsmInvalidRequestException:http://internal.amazon.com/coral/com.amazon.coral.validate/";
    let e = copy_error(400, &[("x-amzn-errortype", header)], "");
    assert!(matches!(
        e,
        CopyBackupToRegionError::CloudHsmInvalidRequestException(_)
    ));
}

#[test]
fn error_code_with_a_namespace_and_a_uri_suffix() {
    let body = r#"{"__type":"aws.protocoltests.restjson#CloudHsmServiceException:http://internal.amazon.com/coral/com.amazon.coral.validate/"}"#;
    assert!(matches!(
        copy_error(400, &NO_HEADERS, body),
        CopyBackupToRegionError::CloudHsmServiceException(_)
    ));
}

#[test]
fn header_code_takes_precedence_over_the_body() {
    let e = copy_error(
        400,
        &[("X-Amzn-ErrorType", "CloudHsmResourceNotFoundException")],
        r#"{"__type":"CloudHsmTagException","code":"CloudHsmAccessDeniedException"}"#,
    );
    assert!(matches!(
        e,
        CopyBackupToRegionError::CloudHsmResourceNotFoundException(_)
    ));
}

#[test]
fn body_code_takes_precedence_over_type() {
    let e = copy_error(
        400,
        &NO_HEADERS,
        r#"{"__type":"CloudHsmTagException","code":"CloudHsmAccessDeniedException"}"#,
    );
    assert!(matches!(
        e,
        CopyBackupToRegionError::CloudHsmAccessDeniedException(_)
    ));
}

#[test]
fn message_is_read_from_either_spelling() {
    let lower = copy_error(
        400,
        &NO_HEADERS,
        r#"{"__type":"CloudHsmTagException","message":"lower"}"#,
    );
    let upper = copy_error(
        400,
        &NO_HEADERS,
        r#"{"__type":"CloudHsmTagException","Message":"upper"}"#,
    );
    assert_eq!(
        (lower.message(), upper.message()),
        (Some("lower"), Some("upper"))
    );
}

#[test]
fn an_error_the_operation_does_not_name_is_unhandled_and_kept() {
    // CloudHsmTagException is a CopyBackupToRegion error, not a ModifyBackupAttributes one.
    let body = r#"{"__type":"CloudHsmTagException","message":"m"}"#;
    let e = match modify::parse_response(400, &NO_HEADERS, body.as_bytes()) {
        Err(ModifyBackupAttributesError::Unhandled(e)) => e,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        (e.code(), e.message(), e.status(), e.body()),
        (
            Some("CloudHsmTagException"),
            Some("m"),
            400,
            body.as_bytes()
        )
    );
}

#[test]
fn empty_and_non_json_error_bodies_are_still_errors() {
    let e = copy_error(
        500,
        &[("X-Amzn-Errortype", "CloudHsmInternalFailureException")],
        "",
    );
    assert!(matches!(
        &e,
        CopyBackupToRegionError::CloudHsmInternalFailureException(_)
    ));
    assert_eq!((e.fault(), e.is_retryable()), (Fault::Server, true));

    let e = copy_error(503, &NO_HEADERS, "<html>Service Unavailable</html>");
    match &e {
        CopyBackupToRegionError::Unhandled(u) => {
            assert_eq!(
                (u.code(), u.status(), u.body()),
                (None, 503, &b"<html>Service Unavailable</html>"[..])
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(e.fault(), Fault::Server);
    let e = copy_error(400, &NO_HEADERS, "");
    assert!(matches!(e, CopyBackupToRegionError::Unhandled(_)));
    assert_eq!(e.fault(), Fault::Client);
}

#[test]
fn errors_know_code_fault_and_retryability() {
    let e = copy_error(
        400,
        &NO_HEADERS,
        r#"{"__type":"CloudHsmAccessDeniedException"}"#,
    );
    assert_eq!(
        (e.code(), e.fault(), e.is_retryable()),
        (Some("CloudHsmAccessDeniedException"), Fault::Client, false)
    );
    assert_eq!(e.to_string(), "CloudHsmAccessDeniedException");
    let e = copy_error(
        400,
        &NO_HEADERS,
        r#"{"__type":"CloudHsmAccessDeniedException","Message":"denied"}"#,
    );
    assert_eq!(e.to_string(), "CloudHsmAccessDeniedException: denied");
    assert!(std::error::Error::source(&e).is_some());
}

// Successful responses

#[test]
fn a_2xx_response_is_the_output() {
    let body = br#"{"DestinationBackup":{"SourceRegion":"us-east-1"}}"#;
    let output = copy::parse_response(200, &[("Content-Type", JSON_1_1)], body);
    assert_eq!(
        output
            .ok()
            .and_then(|o| o.destination_backup)
            .and_then(|b| b.source_region)
            .as_deref(),
        Some("us-east-1")
    );
}

#[test]
fn an_empty_2xx_body_is_an_empty_output() {
    assert_eq!(
        copy::parse_response(200, &NO_HEADERS, b"").ok(),
        Some(CopyBackupToRegionOutput::default())
    );
}

#[test]
fn a_malformed_2xx_body_is_an_unhandled_error_that_keeps_the_body() {
    match copy::parse_response(200, &NO_HEADERS, b"{not json") {
        Err(CopyBackupToRegionError::Unhandled(e)) => {
            assert_eq!((e.status(), e.body()), (200, &b"{not json"[..]))
        }
        other => panic!("{other:?}"),
    }
}

// Responses as the AWS SDKs read them: each vector's expectation is the SDK's answer,
// except where the README's semantics table gives ours and why.

/// What a response's `CreateTimestamp` should be read as.
enum Read {
    /// The instant, in seconds and nanoseconds, and the number it is written back as.
    Instant(i64, u32, &'static str),
    /// Kept exactly as received, and reported by `validate()`.
    Kept,
}

fn backup_output(timestamp: &str) -> String {
    format!(
        r#"{{"Backup":{{"BackupId":"backup-abcdefghijk","ClusterId":"cluster-abcdefghijk","CreateTimestamp":{timestamp},"NeverExpires":true}}}}"#
    )
}

fn assert_reads_as(timestamp: &str, expected: Read) {
    let body = backup_output(timestamp);
    let output = modify::parse_response(200, &NO_HEADERS, body.as_bytes())
        .unwrap_or_else(|e| panic!("{timestamp}: the response did not parse: {e}"));
    let backup = output.backup.clone().unwrap_or_default();
    // The other members are intact whatever the timestamp held.
    assert_eq!(
        (
            backup.backup_id.as_deref(),
            backup.cluster_id.as_deref(),
            backup.never_expires
        ),
        (
            Some("backup-abcdefghijk"),
            Some("cluster-abcdefghijk"),
            Some(true)
        ),
        "{timestamp}"
    );
    let created = backup.create_timestamp.clone();
    let written = serde_json::to_string(&output).unwrap_or_default();
    match expected {
        Read::Instant(secs, nanos, number) => {
            assert_eq!(
                created.as_ref().and_then(|t| t.instant()),
                DateTime::from_secs_and_nanos(secs, nanos).ok(),
                "{timestamp}"
            );
            assert_eq!(output.validate(), Ok(()), "{timestamp}");
            // Writing normalizes to the protocol's own form: a number of epoch seconds.
            assert_eq!(written, backup_output(number), "{timestamp}");
        }
        Read::Kept => {
            assert_eq!(created.as_ref().and_then(|t| t.instant()), None);
            assert_eq!(
                created.map(|t| t.to_string()).as_deref(),
                Some(timestamp),
                "the value is kept exactly"
            );
            let messages: Vec<String> = match output.validate() {
                Err(errors) => errors.iter().map(|v| v.aws_message()).collect(),
                Ok(()) => Vec::new(),
            };
            assert_eq!(
                messages,
                [format!(
                    "Value '{timestamp}' at 'backup.createTimestamp' failed to satisfy constraint: \
                     Member must be a timestamp within 64-bit epoch seconds, to the nanosecond"
                )]
            );
            // And written back as it came.
            assert_eq!(written, body, "{timestamp}");
        }
    }
}

#[test]
fn an_rfc3339_string_timestamp_in_a_backup_output_is_read() {
    // The AWS SDK for Rust and botocore both read a date-time string here.
    assert_reads_as(
        r#""2018-01-09T20:51:21Z""#,
        Read::Instant(1515531081, 0, "1515531081"),
    );
    assert_reads_as(
        r#""2018-01-09T20:51:21.123Z""#,
        Read::Instant(1515531081, 123_000_000, "1515531081.123"),
    );
}

#[test]
fn an_epoch_seconds_string_timestamp_in_a_backup_output_is_read() {
    // botocore reads an epoch-seconds string here; the instant is kept exactly.
    assert_reads_as(
        r#""1515531081""#,
        Read::Instant(1515531081, 0, "1515531081"),
    );
    assert_reads_as(
        r#""1515531081.000000001""#,
        Read::Instant(1515531081, 1, "1515531081.000000001"),
    );
}

#[test]
fn a_timestamp_past_64_bit_seconds_in_an_output_is_kept_exactly() {
    // The SDK for Rust saturates 1e20 silently and botocore fails; we keep it (the README's
    // semantics table says why).
    assert_reads_as("1e20", Read::Kept);
    assert_reads_as("-1E+400", Read::Kept);
}

#[test]
fn a_timestamp_output_value_no_instant_holds_is_kept_exactly() {
    // Finer than a nanosecond (the SDK rounds it through f64), and a string in no form.
    assert_reads_as("1515531081.1234567891", Read::Kept);
    assert_reads_as(r#""yesterday""#, Read::Kept);
    assert_reads_as(r#""2018-01-09T20:51:21+01:00""#, Read::Kept);
}

#[test]
fn an_error_message_under_error_message_is_read() {
    let body = r#"{"__type":"CloudHsmTagException","errorMessage":"tag policy"}"#;
    let typed = copy_error(400, &NO_HEADERS, body);
    assert!(matches!(
        typed,
        CopyBackupToRegionError::CloudHsmTagException(_)
    ));
    assert_eq!(typed.message(), Some("tag policy"));
    // The same for an error the operation does not name.
    let body = r#"{"__type":"ThrottlingException","errorMessage":"slow down"}"#;
    match copy_error(400, &NO_HEADERS, body) {
        CopyBackupToRegionError::Unhandled(e) => {
            assert_eq!(
                (e.code(), e.message()),
                (Some("ThrottlingException"), Some("slow down"))
            )
        }
        other => panic!("{other:?}"),
    }
    // `message` and `Message` come first.
    let body = r#"{"__type":"CloudHsmTagException","errorMessage":"e","Message":"M"}"#;
    assert_eq!(copy_error(400, &NO_HEADERS, body).message(), Some("M"));
}

// Mocks: serialize, then parse back to an equal value

fn full_backup() -> Backup {
    Backup::builder()
        .backup_id("backup-abcdefghijk")
        .backup_arn("arn:aws:cloudhsm:us-east-1:123456789012:backup/backup-abcdefghijk")
        .backup_state(BackupState::PendingDeletion)
        .cluster_id("cluster-abcdefghijk")
        .create_timestamp(
            DateTime::from_secs_and_nanos(1515531081, 123_000_000).unwrap_or_default(),
        )
        .copy_timestamp(DateTime::from_secs(1515617481))
        .never_expires(false)
        .source_region("us-west-2")
        .source_backup("backup-zyxwvutsrqp")
        .source_cluster("cluster-zyxwvutsrqp")
        .delete_timestamp(DateTime::from_secs(1518123081))
        .tag_list(Tag::builder().key("k").value("v").build())
        .hsm_type("hsm2m.medium")
        .mode(ClusterMode::NonFips)
        .build()
}

#[test]
fn every_output_round_trips_through_a_mock_response() {
    let modify_output = ModifyBackupAttributesOutput::builder()
        .backup(full_backup())
        .build();
    let response = modify_output.to_http_response();
    assert_eq!(
        (response.status, response.header("content-type")),
        (200, Some(JSON_1_1))
    );
    assert_eq!(
        modify::parse_response(response.status, &response.headers, &response.body).ok(),
        Some(modify_output)
    );

    let copy_output = CopyBackupToRegionOutput::builder()
        .destination_backup(
            DestinationBackup::builder()
                .create_timestamp(DateTime::from_secs(-5))
                .source_region("us-east-1")
                .source_backup("backup-abcdefghijk")
                .source_cluster("cluster-abcdefghijk")
                .build(),
        )
        .build();
    let response = copy_output.to_http_response();
    assert_eq!(
        copy::parse_response(response.status, &response.headers, &response.body).ok(),
        Some(copy_output)
    );
}

fn all_copy_errors() -> Vec<CopyBackupToRegionError> {
    vec![
        CopyBackupToRegionError::CloudHsmAccessDeniedException(
            CloudHsmAccessDeniedException::builder()
                .message("a")
                .build(),
        ),
        CopyBackupToRegionError::CloudHsmInternalFailureException(
            CloudHsmInternalFailureException::builder()
                .message("b")
                .build(),
        ),
        CopyBackupToRegionError::CloudHsmInvalidRequestException(
            CloudHsmInvalidRequestException::builder().build(),
        ),
        CopyBackupToRegionError::CloudHsmResourceNotFoundException(
            CloudHsmResourceNotFoundException::builder()
                .message("d")
                .build(),
        ),
        CopyBackupToRegionError::CloudHsmServiceException(
            CloudHsmServiceException::builder().message("e").build(),
        ),
        CopyBackupToRegionError::CloudHsmTagException(
            CloudHsmTagException::builder()
                .message("f \"quoted\"")
                .build(),
        ),
    ]
}

#[test]
fn every_error_round_trips_through_a_mock_response() {
    for error in all_copy_errors() {
        let response = error.to_http_response();
        let expected_status = if error.fault() == Fault::Server {
            500
        } else {
            400
        };
        assert_eq!(response.status, expected_status, "{error:?}");
        assert_eq!(response.header("x-amzn-errortype"), error.code());
        let body: serde_json::Value = serde_json::from_slice(&response.body).unwrap_or_default();
        assert_eq!(body["__type"].as_str(), error.code());
        let parsed = copy::parse_response(response.status, &response.headers, &response.body).err();
        assert_eq!(parsed, Some(error));
    }
    let modify_errors = [
        ModifyBackupAttributesError::CloudHsmAccessDeniedException(
            CloudHsmAccessDeniedException::builder()
                .message("a")
                .build(),
        ),
        ModifyBackupAttributesError::CloudHsmInternalFailureException(
            CloudHsmInternalFailureException::builder().build(),
        ),
        ModifyBackupAttributesError::CloudHsmInvalidRequestException(
            CloudHsmInvalidRequestException::builder()
                .message("c")
                .build(),
        ),
        ModifyBackupAttributesError::CloudHsmResourceNotFoundException(
            CloudHsmResourceNotFoundException::builder()
                .message("d")
                .build(),
        ),
        ModifyBackupAttributesError::CloudHsmServiceException(
            CloudHsmServiceException::builder().message("e").build(),
        ),
    ];
    for error in modify_errors {
        let response = error.to_http_response();
        let parsed =
            modify::parse_response(response.status, &response.headers, &response.body).err();
        assert_eq!(parsed, Some(error));
    }
}

#[test]
fn an_unhandled_error_round_trips_through_a_mock_response() {
    let original = copy_error(
        418,
        &[("X-Amzn-Errortype", "TeapotException")],
        r#"{"message":"short and stout"}"#,
    );
    let response = original.to_http_response();
    assert_eq!(
        copy::parse_response(response.status, &response.headers, &response.body).err(),
        Some(original)
    );
}

// Request pipeline

fn headers(content_type: &str, target: &str) -> Vec<(String, String)> {
    vec![
        ("content-type".into(), content_type.into()),
        ("x-amz-target".into(), target.into()),
    ]
}

#[test]
fn pipeline_accepts_a_valid_request() {
    let request = service::parse_request(
        "/",
        &headers(JSON_1_1, "BaldrApiService.ModifyBackupAttributes"),
        br#"{"BackupId":"backup-abcdefghijk","NeverExpires":true}"#,
    );
    match request {
        Ok(Request::ModifyBackupAttributes(input)) => assert!(input.never_expires()),
        other => panic!("{other:?}"),
    }
}

#[test]
fn pipeline_round_trips_the_request_it_builds() {
    let input = CopyBackupToRegionInput::builder()
        .backup_id("backup-abcdefghijk")
        .destination_region("us-gov-west-1")
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let request = input.to_http_request();
    let parsed = service::parse_request(&request.path, &request.headers, &request.body);
    assert_eq!(parsed.ok(), Some(Request::CopyBackupToRegion(input)));
}

#[test]
fn pipeline_rejects_a_wrong_target() {
    let error = service::parse_request(
        "/",
        &headers(JSON_1_1, "BaldrApiService.DeleteBackup"),
        b"{}",
    )
    .err()
    .unwrap_or_else(|| panic!("accepted"));
    assert!(matches!(error, RequestError::UnknownOperation { .. }));
    assert_eq!(error.code(), "UnknownOperationException");
    assert_eq!(
        error.message(),
        "unknown operation BaldrApiService.DeleteBackup"
    );
    let error = service::parse_request(
        "/",
        &headers(JSON_1_1, "OtherService.CopyBackupToRegion"),
        b"{}",
    )
    .err();
    assert_eq!(error.map(|e| e.code()), Some("UnknownOperationException"));
}

#[test]
fn pipeline_rejects_a_wrong_content_type() {
    let error = service::parse_request(
        "/",
        &headers("application/json", "BaldrApiService.CopyBackupToRegion"),
        b"{}",
    )
    .err()
    .unwrap_or_else(|| panic!("accepted"));
    assert_eq!(error.code(), "UnknownOperationException");
    assert_eq!(
        error.message(),
        "Content-Type must be application/x-amz-json-1.1, not application/json"
    );
    let response = error.to_http_response(service::CONTENT_TYPE);
    assert_eq!(response.status, 400);
    assert_eq!(
        response.header("x-amzn-errortype"),
        Some("UnknownOperationException")
    );
}

#[test]
fn pipeline_accepts_content_type_parameters_and_any_header_case() {
    let request = service::parse_request(
        "/",
        &[
            ("Content-Type", "Application/X-Amz-Json-1.1; charset=utf-8"),
            ("X-AMZ-TARGET", "BaldrApiService.ModifyBackupAttributes"),
        ],
        br#"{"BackupId":"backup-abcdefghijk","NeverExpires":true}"#,
    );
    assert!(request.is_ok(), "{request:?}");
}

#[test]
fn pipeline_rejects_a_malformed_body() {
    let error = service::parse_request(
        "/",
        &headers(JSON_1_1, "BaldrApiService.CopyBackupToRegion"),
        b"{\"BackupId\":",
    )
    .err()
    .unwrap_or_else(|| panic!("accepted"));
    assert_eq!(error.code(), "SerializationException");
    assert!(
        error.message().contains("EOF while parsing"),
        "{}",
        error.message()
    );
}

#[test]
fn pipeline_rejects_an_invalid_body_with_every_violation() {
    let error = service::parse_request(
        "/",
        &headers(JSON_1_1, "BaldrApiService.CopyBackupToRegion"),
        br#"{"BackupId":"backup-abcdefghijk","TagList":[]}"#,
    )
    .err()
    .unwrap_or_else(|| panic!("accepted"));
    assert_eq!(error.code(), "ValidationException");
    assert_eq!(
        error.message(),
        "2 validation errors detected: Value null at 'destinationRegion' failed to satisfy constraint: Member must not be null; \
         Value '[]' at 'tagList' failed to satisfy constraint: Member must have length greater than or equal to 1"
    );
    let response = error.to_http_response(service::CONTENT_TYPE);
    let body: serde_json::Value = serde_json::from_slice(&response.body).unwrap_or_default();
    assert_eq!(body["__type"], "ValidationException");
    assert_eq!(body["message"].as_str(), Some(error.message().as_str()));
}

#[test]
fn service_constants_come_from_the_model() {
    assert_eq!(service::NAME, "BaldrApiService");
    assert_eq!(service::VERSION, "2017-04-28");
    assert_eq!(service::CONTENT_TYPE, JSON_1_1);
    assert_eq!(
        service::OPERATION_NAMES,
        ["CopyBackupToRegion", "ModifyBackupAttributes"]
    );
}
