//! Hostile sizes and shapes: each gets a clear error or a correct answer, with messages
//! that never echo more than a bounded prefix of a value. No timing assertions: each test
//! completing at all (the regex crate matches in linear time) is what they show.

use cloudhsm_model::operation::copy_backup_to_region::{
    self as copy, CopyBackupToRegionError, CopyBackupToRegionInput,
};
use cloudhsm_model::operation::modify_backup_attributes::{
    self as modify, ModifyBackupAttributesError,
};
use cloudhsm_model::runtime::InputError;
use cloudhsm_model::runtime::OperationInput;
use cloudhsm_model::service;

const BOUND: usize = 128 + 3;

fn validation(body: &[u8]) -> cloudhsm_model::runtime::ValidationErrors {
    match CopyBackupToRegionInput::from_json_slice(body) {
        Err(InputError::Validation(errors)) => errors,
        other => panic!("expected validation errors, got {:?}", other.map(|_| ())),
    }
}

#[test]
fn a_10_mb_string_member_is_one_violation_with_a_bounded_message() {
    let huge = "a".repeat(10 * 1024 * 1024);
    let body = format!(r#"{{"DestinationRegion":"us-west-2","BackupId":"{huge}"}}"#);
    let errors = validation(body.as_bytes());
    assert_eq!(errors.len(), 1);
    assert!(errors.violations()[0]
        .value()
        .is_some_and(|v| v.chars().count() <= BOUND));
    assert!(
        errors.to_string().len() < 400,
        "the message echoes a bounded prefix"
    );
}

#[test]
fn a_10_mb_tag_value_breaks_only_its_length() {
    let huge = "v".repeat(10 * 1024 * 1024);
    let body = format!(
        r#"{{"DestinationRegion":"us-west-2","BackupId":"backup-abcdefghijk","TagList":[{{"Key":"k","Value":"{huge}"}}]}}"#
    );
    let errors = validation(body.as_bytes());
    assert_eq!(errors.len(), 1);
    assert_eq!(errors.violations()[0].aws_path(), "tagList.1.member.value");
    assert!(errors.to_string().len() < 400);
}

#[test]
fn a_hundred_thousand_tags_are_one_length_violation() {
    let tags = vec![r#"{"Key":"k","Value":"v"}"#; 100_000].join(",");
    let body = format!(
        r#"{{"DestinationRegion":"us-west-2","BackupId":"backup-abcdefghijk","TagList":[{tags}]}}"#
    );
    let errors = validation(body.as_bytes());
    assert_eq!(errors.len(), 1);
    assert!(errors
        .to_string()
        .ends_with("Member must have length less than or equal to 50"));
    assert!(errors.violations()[0]
        .value()
        .is_some_and(|v| v.chars().count() <= BOUND));
}

#[test]
fn json_nested_ten_thousand_levels_is_handled_without_recursion() {
    let nested = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    // Where a string is expected, nesting is a type error at once.
    let body = format!(r#"{{"DestinationRegion":"us-west-2","BackupId":{nested}}}"#);
    assert!(matches!(
        CopyBackupToRegionInput::from_json_slice(body.as_bytes()),
        Err(InputError::Serialization(_))
    ));
    // Under an unknown member it is skipped (serde_json skips values without recursing), so
    // the body is valid: unknown members are ignored at any depth.
    let body = format!(
        r#"{{"DestinationRegion":"us-west-2","BackupId":"backup-abcdefghijk","Extra":{nested}}}"#
    );
    assert!(CopyBackupToRegionInput::from_json_slice(body.as_bytes()).is_ok());
    let headers = [
        ("Content-Type", service::CONTENT_TYPE),
        ("X-Amz-Target", "BaldrApiService.CopyBackupToRegion"),
    ];
    assert!(service::parse_request("/", &headers, body.as_bytes()).is_ok());
    let response = format!(r#"{{"DestinationBackup":{{"Extra":{nested}}}}}"#);
    assert!(copy::parse_response(200, &headers, response.as_bytes()).is_ok());
    // Unbalanced nesting is malformed.
    let response = format!(
        r#"{{"DestinationBackup":{{"Extra":{}}}}}"#,
        "[".repeat(10_000)
    );
    assert!(matches!(
        copy::parse_response(200, &headers, response.as_bytes()),
        Err(CopyBackupToRegionError::Unhandled(_))
    ));
}

#[test]
fn a_thousand_digit_response_timestamp_is_kept_not_clamped() {
    let digits = "9".repeat(1000);
    let body = format!(r#"{{"DestinationBackup":{{"CreateTimestamp":{digits}}}}}"#);
    let output = copy::parse_response(200, &[("a", "b")], body.as_bytes())
        .unwrap_or_else(|e| panic!("the response did not parse: {e}"));
    let kept = output
        .destination_backup
        .as_ref()
        .and_then(|b| b.create_timestamp.as_ref());
    assert_eq!(kept.map(|t| t.to_string()), Some(digits.clone()));
    assert_eq!(kept.and_then(|t| t.instant()), None);
    let message = output.validate().map_err(|e| e.to_string()).err();
    // Reported, with the value shortened in the message.
    assert!(
        message
            .as_deref()
            .is_some_and(|m| m.contains("64-bit epoch seconds") && m.len() < 400),
        "{message:?}"
    );
}

#[test]
fn duplicate_members_in_a_response_are_rejected_and_the_body_kept() {
    let body = br#"{"Backup":{"BackupId":"backup-abcdefghijk","BackupId":"backup-zyxwvutsrqp"}}"#;
    match modify::parse_response(200, &[("a", "b")], body) {
        Err(ModifyBackupAttributesError::Unhandled(e)) => {
            assert!(
                e.message()
                    .is_some_and(|m| m.contains("duplicate field `BackupId`")),
                "{e}"
            );
            assert_eq!(e.body(), body);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn values_outside_a_rust_type_are_errors_not_wrapped() {
    // Count is a 32-bit integer in the mini-model.
    let body = br#"{"Data":{"Count":2147483648}}"#;
    let result = conformance::mini::operation::put_thing::PutThingInput::from_json_slice(body);
    assert!(matches!(result, Err(InputError::Serialization(_))));
    let body = br#"{"Data":{"Count":-2147483649}}"#;
    let result = conformance::mini::operation::put_thing::PutThingInput::from_json_slice(body);
    assert!(matches!(result, Err(InputError::Serialization(_))));
}

#[test]
fn a_large_error_body_is_kept_whole() {
    let message = "m".repeat(1024 * 1024);
    let body = format!(r#"{{"__type":"SomethingElse","message":"{message}"}}"#);
    match copy::parse_response(500, &[("a", "b")], body.as_bytes()) {
        Err(CopyBackupToRegionError::Unhandled(e)) => {
            assert_eq!(e.body().len(), body.len());
            assert_eq!(e.message().map(str::len), Some(message.len()));
        }
        other => panic!("{other:?}"),
    }
}
