//! Every constraint of the two operations' inputs, violated alone, with AWS's exact message;
//! several at once; and the two kinds of input failure kept apart.

use cloudhsm_model::operation::copy_backup_to_region::CopyBackupToRegionInput;
use cloudhsm_model::operation::modify_backup_attributes::ModifyBackupAttributesInput;
use cloudhsm_model::runtime::OperationInput;
use cloudhsm_model::runtime::{Constraint, InputError, PathSegment, ValidationErrors};
use cloudhsm_model::types::Tag;

const BACKUP_ID_PATTERN: &str = "^backup-[2-7a-zA-Z]{11,16}$";
const REGION_PATTERN: &str = r"^[a-z]{2}(-(gov))?-(east|west|north|south|central){1,2}-\d$";
const TAG_PATTERN: &str = r"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$";

fn copy_errors(body: &str) -> ValidationErrors {
    match CopyBackupToRegionInput::from_json_slice(body.as_bytes()) {
        Err(InputError::Validation(errors)) => errors,
        other => panic!("expected validation errors for {body}, got {other:?}"),
    }
}

fn modify_errors(body: &str) -> ValidationErrors {
    match ModifyBackupAttributesInput::from_json_slice(body.as_bytes()) {
        Err(InputError::Validation(errors)) => errors,
        other => panic!("expected validation errors for {body}, got {other:?}"),
    }
}

fn one(errors: ValidationErrors) -> String {
    assert_eq!(errors.len(), 1, "{errors}");
    errors.to_string()
}

fn with_tags(tags: &str) -> String {
    format!(
        r#"{{"DestinationRegion":"us-west-2","BackupId":"backup-abcdefghijk","TagList":{tags}}}"#
    )
}

// ModifyBackupAttributes

#[test]
fn modify_backup_id_is_required() {
    assert_eq!(
        one(modify_errors(r#"{"NeverExpires":true}"#)),
        "1 validation error detected: Value null at 'backupId' failed to satisfy constraint: Member must not be null"
    );
}

#[test]
fn modify_backup_id_must_match_its_pattern() {
    assert_eq!(
        one(modify_errors(r#"{"BackupId":"backup-123","NeverExpires":false}"#)),
        format!("1 validation error detected: Value 'backup-123' at 'backupId' failed to satisfy constraint: Member must satisfy regular expression pattern: {BACKUP_ID_PATTERN}")
    );
}

#[test]
fn modify_never_expires_is_required() {
    assert_eq!(
        one(modify_errors(r#"{"BackupId":"backup-abcdefghijk"}"#)),
        "1 validation error detected: Value null at 'neverExpires' failed to satisfy constraint: Member must not be null"
    );
}

#[test]
fn modify_null_counts_as_absent() {
    assert_eq!(
        one(modify_errors(r#"{"BackupId":"backup-abcdefghijk","NeverExpires":null}"#)),
        "1 validation error detected: Value null at 'neverExpires' failed to satisfy constraint: Member must not be null"
    );
}

// CopyBackupToRegion

#[test]
fn copy_destination_region_is_required() {
    assert_eq!(
        one(copy_errors(r#"{"BackupId":"backup-abcdefghijk"}"#)),
        "1 validation error detected: Value null at 'destinationRegion' failed to satisfy constraint: Member must not be null"
    );
}

#[test]
fn copy_destination_region_must_match_its_pattern() {
    assert_eq!(
        one(copy_errors(r#"{"DestinationRegion":"mars-west-1","BackupId":"backup-abcdefghijk"}"#)),
        format!("1 validation error detected: Value 'mars-west-1' at 'destinationRegion' failed to satisfy constraint: Member must satisfy regular expression pattern: {REGION_PATTERN}")
    );
}

#[test]
fn copy_destination_region_digit_is_ascii() {
    // ECMA's \d is [0-9]: an Arabic-Indic digit does not satisfy the pattern.
    assert_eq!(
        copy_errors(r#"{"DestinationRegion":"us-west-٢","BackupId":"backup-abcdefghijk"}"#).len(),
        1
    );
}

#[test]
fn copy_backup_id_is_required() {
    assert_eq!(
        one(copy_errors(r#"{"DestinationRegion":"us-west-2"}"#)),
        "1 validation error detected: Value null at 'backupId' failed to satisfy constraint: Member must not be null"
    );
}

#[test]
fn copy_backup_id_must_match_its_pattern() {
    // 17 characters after the prefix: one more than the pattern allows.
    let id = "backup-abcdefghijklmnopq";
    assert_eq!(
        one(copy_errors(&format!(r#"{{"DestinationRegion":"us-west-2","BackupId":"{id}"}}"#))),
        format!("1 validation error detected: Value '{id}' at 'backupId' failed to satisfy constraint: Member must satisfy regular expression pattern: {BACKUP_ID_PATTERN}")
    );
}

#[test]
fn copy_tag_list_must_not_be_empty() {
    assert_eq!(
        one(copy_errors(&with_tags("[]"))),
        "1 validation error detected: Value '[]' at 'tagList' failed to satisfy constraint: Member must have length greater than or equal to 1"
    );
}

#[test]
fn copy_tag_list_must_not_exceed_fifty_tags() {
    let tags: Vec<String> = (0..51)
        .map(|i| format!(r#"{{"Key":"k{i}","Value":"v"}}"#))
        .collect();
    let message = one(copy_errors(&with_tags(&format!("[{}]", tags.join(",")))));
    assert!(
        message.starts_with(r#"1 validation error detected: Value '[{"Key":"k0","Value":"v"},{"Key":"k1","Value":"v"}"#),
        "{message}"
    );
    assert!(
        message.ends_with("...' at 'tagList' failed to satisfy constraint: Member must have length less than or equal to 50"),
        "{message}"
    );
}

#[test]
fn copy_tag_key_is_required() {
    assert_eq!(
        one(copy_errors(&with_tags(r#"[{"Value":"v"}]"#))),
        "1 validation error detected: Value null at 'tagList.1.member.key' failed to satisfy constraint: Member must not be null"
    );
}

#[test]
fn copy_tag_key_must_not_be_empty() {
    assert_eq!(
        one(copy_errors(&with_tags(r#"[{"Key":"","Value":"v"}]"#))),
        "1 validation error detected: Value '' at 'tagList.1.member.key' failed to satisfy constraint: Member must have length greater than or equal to 1"
    );
}

#[test]
fn copy_tag_key_must_not_exceed_128_characters() {
    let key = "k".repeat(129);
    let shown = "k".repeat(128);
    assert_eq!(
        one(copy_errors(&with_tags(&format!(r#"[{{"Key":"{key}","Value":"v"}}]"#)))),
        format!("1 validation error detected: Value '{shown}...' at 'tagList.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128")
    );
}

#[test]
fn copy_tag_key_length_counts_characters_not_bytes() {
    // 128 characters of two bytes each: 256 bytes, within the limit.
    let key = "ü".repeat(128);
    let body = with_tags(&format!(r#"[{{"Key":"{key}","Value":"v"}}]"#));
    assert!(CopyBackupToRegionInput::from_json_slice(body.as_bytes()).is_ok());
}

#[test]
fn copy_tag_key_must_match_its_pattern() {
    assert_eq!(
        one(copy_errors(&with_tags(r#"[{"Key":"semi;colon","Value":"v"}]"#))),
        format!("1 validation error detected: Value 'semi;colon' at 'tagList.1.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: {TAG_PATTERN}")
    );
}

#[test]
fn copy_tag_value_is_required() {
    assert_eq!(
        one(copy_errors(&with_tags(r#"[{"Key":"k"}]"#))),
        "1 validation error detected: Value null at 'tagList.1.member.value' failed to satisfy constraint: Member must not be null"
    );
}

#[test]
fn copy_tag_value_may_be_empty() {
    assert!(CopyBackupToRegionInput::from_json_slice(
        with_tags(r#"[{"Key":"k","Value":""}]"#).as_bytes()
    )
    .is_ok());
}

#[test]
fn copy_tag_value_must_not_exceed_256_characters() {
    let value = "v".repeat(257);
    let shown = "v".repeat(128);
    assert_eq!(
        one(copy_errors(&with_tags(&format!(r#"[{{"Key":"k","Value":"{value}"}}]"#)))),
        format!("1 validation error detected: Value '{shown}...' at 'tagList.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256")
    );
}

#[test]
fn copy_tag_value_must_match_its_pattern() {
    assert_eq!(
        one(copy_errors(&with_tags(r#"[{"Key":"k","Value":"a*b"}]"#))),
        format!("1 validation error detected: Value 'a*b' at 'tagList.1.member.value' failed to satisfy constraint: Member must satisfy regular expression pattern: {TAG_PATTERN}")
    );
}

#[test]
fn five_violations_are_all_reported_in_model_then_list_order() {
    let errors = copy_errors(
        r#"{"TagList":[{"Key":"","Value":"x;"},{"Value":"ok"}],"BackupId":"b","DestinationRegion":"nowhere"}"#,
    );
    assert_eq!(
        errors.to_string(),
        format!(
            "5 validation errors detected: \
             Value 'nowhere' at 'destinationRegion' failed to satisfy constraint: Member must satisfy regular expression pattern: {REGION_PATTERN}; \
             Value 'b' at 'backupId' failed to satisfy constraint: Member must satisfy regular expression pattern: {BACKUP_ID_PATTERN}; \
             Value '' at 'tagList.1.member.key' failed to satisfy constraint: Member must have length greater than or equal to 1; \
             Value 'x;' at 'tagList.1.member.value' failed to satisfy constraint: Member must satisfy regular expression pattern: {TAG_PATTERN}; \
             Value null at 'tagList.2.member.key' failed to satisfy constraint: Member must not be null"
        )
    );
}

#[test]
fn violations_carry_path_constraint_and_value() {
    let errors = copy_errors(&with_tags(
        r#"[{"Key":"ok","Value":"v"},{"Key":"","Value":"v"}]"#,
    ));
    let violation = &errors.violations()[0];
    assert_eq!(
        violation.path(),
        [
            PathSegment::Member("TagList"),
            PathSegment::Index(1),
            PathSegment::Member("Key")
        ]
    );
    assert_eq!(
        violation.constraint(),
        &Constraint::Length {
            min: Some(1),
            max: Some(128),
            actual: 0
        }
    );
    assert_eq!(violation.value(), Some(""));
}

#[test]
fn smithy_validation_exception_rendering() {
    let errors = copy_errors(&with_tags(r#"[{"Key":"","Value":"v"}]"#));
    assert_eq!(
        errors.to_smithy_json(),
        serde_json::json!({
            "message": "1 validation error detected. Value with length 0 at '/TagList/0/Key' failed to satisfy constraint: Member must have length between 1 and 128, inclusive",
            "fieldList": [{
                "path": "/TagList/0/Key",
                "message": "Value with length 0 at '/TagList/0/Key' failed to satisfy constraint: Member must have length between 1 and 128, inclusive"
            }]
        })
    );
}

#[test]
fn deserialize_validates_and_reports_every_violation() {
    let err = serde_json::from_str::<ModifyBackupAttributesInput>("{}")
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.starts_with("2 validation errors detected: Value null at 'backupId'"),
        "{err}"
    );
    assert!(err.contains("Value null at 'neverExpires'"), "{err}");
}

#[test]
fn builder_reports_every_violation() {
    let errors = CopyBackupToRegionInput::builder()
        .backup_id("backup-abcdefghijk")
        .tag_list(Tag::builder().key("").build())
        .build()
        .err()
        .map(|e| {
            e.violations()
                .iter()
                .map(|v| v.aws_path())
                .collect::<Vec<_>>()
        });
    assert_eq!(
        errors,
        Some(vec![
            "destinationRegion".to_owned(),
            "tagList.1.member.key".to_owned(),
            "tagList.1.member.value".to_owned()
        ])
    );
}

#[test]
fn builder_accepts_strings_in_any_form() {
    let input = ModifyBackupAttributesInput::builder()
        .backup_id(String::from("backup-abcdefghijk"))
        .never_expires(true)
        .build();
    assert_eq!(
        input
            .map(|i| (i.backup_id().to_owned(), i.never_expires()))
            .ok(),
        Some(("backup-abcdefghijk".to_owned(), true))
    );
}

#[test]
fn changing_a_valid_input_goes_through_validation_again() {
    let input = ModifyBackupAttributesInput::builder()
        .backup_id("backup-abcdefghijk")
        .never_expires(true)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let changed = input.into_builder().backup_id("nope").build();
    assert_eq!(changed.err().map(|e| e.len()), Some(1));
}

#[test]
fn malformed_json_is_a_serialization_error() {
    for body in [
        "",
        "{",
        "[]",
        "null",
        r#"{"BackupId": "backup-abcdefghijk", "NeverExpires": tru}"#,
    ] {
        let result = ModifyBackupAttributesInput::from_json_slice(body.as_bytes());
        assert!(
            matches!(result, Err(InputError::Serialization(_))),
            "{body}: {result:?}"
        );
    }
}

#[test]
fn wrong_json_types_are_a_serialization_error() {
    for body in [
        r#"{"BackupId": 5, "NeverExpires": true}"#,
        r#"{"BackupId": "backup-abcdefghijk", "NeverExpires": "true"}"#,
        r#"{"BackupId": ["backup-abcdefghijk"], "NeverExpires": true}"#,
    ] {
        let result = ModifyBackupAttributesInput::from_json_slice(body.as_bytes());
        assert!(
            matches!(result, Err(InputError::Serialization(_))),
            "{body}: {result:?}"
        );
    }
    let result = CopyBackupToRegionInput::from_json_slice(with_tags(r#"{"Key":"k"}"#).as_bytes());
    assert!(
        matches!(result, Err(InputError::Serialization(_))),
        "{result:?}"
    );
}

#[test]
fn duplicate_members_are_rejected_as_malformed() {
    let body =
        r#"{"BackupId":"backup-abcdefghijk","BackupId":"backup-zyxwvutsrqp","NeverExpires":true}"#;
    let result = ModifyBackupAttributesInput::from_json_slice(body.as_bytes());
    let message = match result {
        Err(InputError::Serialization(e)) => e.to_string(),
        other => panic!("{other:?}"),
    };
    assert!(message.contains("duplicate field `BackupId`"), "{message}");
}

#[test]
fn unknown_members_are_ignored_on_input() {
    let body = r#"{"BackupId":"backup-abcdefghijk","NeverExpires":true,"Extra":{"a":[1,2]}}"#;
    assert!(ModifyBackupAttributesInput::from_json_slice(body.as_bytes()).is_ok());
}
