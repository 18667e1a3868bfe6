//! Serialization: seed bodies parse, validate and round-trip; input bodies are byte-for-byte
//! what the AWS SDK for Rust sends; outputs are lenient and lose nothing they know.

use cloudhsm_model::operation::copy_backup_to_region::{
    CopyBackupToRegionInput, CopyBackupToRegionOutput,
};
use cloudhsm_model::operation::modify_backup_attributes::{
    ModifyBackupAttributesInput, ModifyBackupAttributesOutput,
};
use cloudhsm_model::runtime::InputError;
use cloudhsm_model::runtime::{DateTime, OperationInput};
use cloudhsm_model::types::{Backup, BackupState, ClusterMode, Tag};
use conformance::workspace_root;
use serde_json::Value;

fn fixture(name: &str) -> String {
    let path = workspace_root().join("tests/fixtures/seeds").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The document as the round-trip rule compares it: `null` members dropped (they mean
/// absent), whitespace and member order irrelevant (`Value` equality).
fn normalized(text: &str) -> Value {
    fn drop_nulls(v: &mut Value) {
        match v {
            Value::Object(map) => {
                map.retain(|_, v| !v.is_null());
                map.values_mut().for_each(drop_nulls);
            }
            Value::Array(items) => items.iter_mut().for_each(drop_nulls),
            _ => {}
        }
    }
    let mut v: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"));
    drop_nulls(&mut v);
    v
}

fn to_string<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn seed_copy_request_is_byte_for_byte_what_the_sdk_sends() {
    let body = fixture("copy_backup_to_region.request.json");
    let input =
        CopyBackupToRegionInput::from_json_slice(body.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(input.tag_list().map(<[Tag]>::len), Some(2));
    // The fixture is written as the SDK writes it: model member order, no whitespace,
    // non-ASCII unescaped.
    assert_eq!(to_string(&input), body.trim_end());
}

#[test]
fn builder_body_is_byte_for_byte_what_the_sdk_sends() {
    let input = CopyBackupToRegionInput::builder()
        .backup_id("backup-abcdefghijk")
        .destination_region("eu-central-1")
        .tag_list(Tag::builder().key("team").value("platform").build())
        .tag_list(
            Tag::builder()
                .key("Kostenstelle")
                .value("Zürich-42")
                .build(),
        )
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        to_string(&input),
        r#"{"DestinationRegion":"eu-central-1","BackupId":"backup-abcdefghijk","TagList":[{"Key":"team","Value":"platform"},{"Key":"Kostenstelle","Value":"Zürich-42"}]}"#
    );
    let modify = ModifyBackupAttributesInput::builder()
        .never_expires(false)
        .backup_id("backup-abcdefghijk")
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        to_string(&modify),
        r#"{"BackupId":"backup-abcdefghijk","NeverExpires":false}"#
    );
}

#[test]
fn seed_modify_request_parses_validates_and_round_trips() {
    let body = fixture("modify_backup_attributes.request.json");
    let input = ModifyBackupAttributesInput::from_json_slice(body.as_bytes())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (input.backup_id(), input.never_expires()),
        ("backup-abcdefghijk", true)
    );
    assert_eq!(to_string(&input), body.trim_end());
}

#[test]
fn seed_request_syntax_placeholders_break_exactly_the_patterns() {
    let body = fixture("copy_backup_to_region.request-syntax.json");
    let errors = match CopyBackupToRegionInput::from_json_slice(body.as_bytes()) {
        Err(InputError::Validation(errors)) => errors,
        other => panic!("{other:?}"),
    };
    let paths: Vec<String> = errors.iter().map(|v| v.aws_path()).collect();
    // "string" satisfies the tag patterns but not the ID and Region patterns.
    assert_eq!(paths, ["destinationRegion", "backupId"]);
}

#[test]
fn seed_copy_response_parses_validates_and_round_trips() {
    let body = fixture("copy_backup_to_region.response.json");
    let output: CopyBackupToRegionOutput =
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(output.validate(), Ok(()));
    let backup = output
        .destination_backup
        .as_ref()
        .unwrap_or_else(|| panic!("no DestinationBackup"));
    assert_eq!(
        backup.create_timestamp.as_ref().and_then(|t| t.instant()),
        DateTime::from_secs_and_nanos(1515531081, 123_000_000).ok()
    );
    assert_eq!(to_string(&output), body.trim_end());
}

#[test]
fn seed_modify_response_with_every_member_round_trips() {
    let body = fixture("modify_backup_attributes.response.json");
    let output: ModifyBackupAttributesOutput =
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(output.validate(), Ok(()));
    let backup = output
        .backup
        .as_ref()
        .unwrap_or_else(|| panic!("no Backup"));
    assert_eq!(backup.backup_state, Some(BackupState::Ready));
    assert_eq!(backup.mode, Some(ClusterMode::Fips));
    assert_eq!(backup.hsm_type.as_deref(), Some("hsm1.medium"));
    assert_eq!(normalized(&to_string(&output)), normalized(&body));
}

#[test]
fn seed_response_syntax_parses_leniently_and_validate_reports_the_placeholders() {
    let body = fixture("modify_backup_attributes.response-syntax.json");
    let output: ModifyBackupAttributesOutput =
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(normalized(&to_string(&output)), normalized(&body));
    let errors = output.validate().err().unwrap_or_default();
    let paths: Vec<String> = errors.iter().map(|v| v.aws_path()).collect();
    assert_eq!(
        paths,
        [
            "backup.backupId",
            "backup.backupArn",
            "backup.clusterId",
            "backup.sourceRegion",
            "backup.sourceBackup",
            "backup.sourceCluster",
            "backup.hsmType"
        ]
    );
}

#[test]
fn unknown_enum_values_are_kept_exactly_on_output() {
    let body = r#"{"Backup":{"BackupId":"backup-abcdefghijk","BackupState":"ARCHIVED_2031","Mode":"fips"}}"#;
    let output: ModifyBackupAttributesOutput =
        serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}"));
    let backup = output
        .backup
        .as_ref()
        .unwrap_or_else(|| panic!("no Backup"));
    assert_eq!(
        backup.backup_state.as_ref().map(BackupState::as_str),
        Some("ARCHIVED_2031")
    );
    assert!(matches!(backup.backup_state, Some(BackupState::Unknown(_))));
    // Enum values are case-sensitive: "fips" is not FIPS.
    assert!(matches!(backup.mode, Some(ClusterMode::Unknown(_))));
    assert_eq!(to_string(&output), body);
    let errors = output.validate().err().unwrap_or_default();
    assert_eq!(
        errors.violations()[0].aws_message(),
        "Value 'ARCHIVED_2031' at 'backup.backupState' failed to satisfy constraint: Member must satisfy enum value set: [CREATE_IN_PROGRESS, READY, DELETED, PENDING_DELETION]"
    );
}

#[test]
fn unknown_and_null_members_are_ignored_on_output() {
    let body = r#"{"Backup":{"BackupId":"backup-abcdefghijk","HsmType":null,"FutureMember":{"x":[1]},"TagList":null},"RequestId":"abc"}"#;
    let output: ModifyBackupAttributesOutput =
        serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}"));
    let backup = output
        .backup
        .as_ref()
        .unwrap_or_else(|| panic!("no Backup"));
    assert_eq!(backup.hsm_type, None);
    assert_eq!(backup.tag_list, None);
    assert_eq!(
        to_string(&output),
        r#"{"Backup":{"BackupId":"backup-abcdefghijk"}}"#
    );
}

#[test]
fn values_real_aws_returns_outside_the_model_parse_on_output() {
    // Real AWS returns Regions such as us-isob-east-1 that the model's Region pattern rejects.
    let body = r#"{"DestinationBackup":{"SourceRegion":"us-isob-east-1","SourceBackup":"backup-abcdefghijk"}}"#;
    let output: CopyBackupToRegionOutput =
        serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(to_string(&output), body);
    let errors = output.validate().err().unwrap_or_default();
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors.violations()[0].aws_path(),
        "destinationBackup.sourceRegion"
    );
}

#[test]
fn missing_required_members_parse_on_output() {
    let body = r#"{"Backup":{"BackupState":"READY","TagList":[{"Key":"k"}]}}"#;
    let output: ModifyBackupAttributesOutput =
        serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(to_string(&output), body);
    let paths: Vec<String> = output
        .validate()
        .err()
        .unwrap_or_default()
        .iter()
        .map(|v| v.aws_path())
        .collect();
    assert_eq!(paths, ["backup.backupId", "backup.tagList.1.member.value"]);
}

#[test]
fn empty_output_bodies_parse() {
    let output: CopyBackupToRegionOutput =
        serde_json::from_str("{}").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(output, CopyBackupToRegionOutput::default());
    assert_eq!(to_string(&output), "{}");
}

#[test]
fn outputs_are_built_with_builders() {
    let backup = Backup::builder()
        .backup_id("backup-abcdefghijk")
        .backup_state(BackupState::from("READY"))
        .never_expires(true)
        .tag_list(Tag::builder().key("k").value("v").build())
        .create_timestamp(DateTime::from_secs(1515531081))
        .build();
    let output = ModifyBackupAttributesOutput::builder()
        .backup(backup)
        .build();
    assert_eq!(
        to_string(&output),
        r#"{"Backup":{"BackupId":"backup-abcdefghijk","BackupState":"READY","CreateTimestamp":1515531081,"NeverExpires":true,"TagList":[{"Key":"k","Value":"v"}]}}"#
    );
}

#[test]
fn enums_list_their_values_and_parse_from_str() {
    assert_eq!(ClusterMode::values(), ["FIPS", "NON_FIPS"]);
    assert_eq!(
        BackupState::values(),
        ["CREATE_IN_PROGRESS", "READY", "DELETED", "PENDING_DELETION"]
    );
    assert_eq!("NON_FIPS".parse::<ClusterMode>(), Ok(ClusterMode::NonFips));
    assert_eq!(ClusterMode::from(String::from("FIPS")), ClusterMode::Fips);
    assert_eq!(BackupState::PendingDeletion.to_string(), "PENDING_DELETION");
}
