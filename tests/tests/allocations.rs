//! Validating a valid value allocates nothing. Measured with a counting global allocator,
//! which is deterministic (no timing); this file holds one test so no other test's
//! allocations are counted.

use std::alloc::System;

use cloudhsm_model::operation::copy_backup_to_region::{
    CopyBackupToRegionInputBuilder, CopyBackupToRegionOutput,
};
use cloudhsm_model::operation::modify_backup_attributes::ModifyBackupAttributesOutput;
use stats_alloc::{Region, StatsAlloc, INSTRUMENTED_SYSTEM};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

fn copy_body() -> String {
    let tags: Vec<String> = (0..50)
        .map(|i| {
            let value = if i % 2 == 0 {
                "v".repeat(256)
            } else {
                "Zürich/Genève ½".to_owned()
            };
            format!(r#"{{"Key":"key-é{i}","Value":"{value}"}}"#)
        })
        .collect();
    format!(
        r#"{{"DestinationRegion":"us-west-2","BackupId":"backup-abcdefghijk","TagList":[{}]}}"#,
        tags.join(",")
    )
}

const BACKUP: &str = r#"{"Backup":{"BackupId":"backup-abcdefghijk","BackupArn":"arn:aws:cloudhsm:us-east-1:123456789012:backup/backup-abcdefghijk","BackupState":"READY","ClusterId":"cluster-abcdefghijk","CreateTimestamp":1515531081.123,"NeverExpires":true,"SourceRegion":"us-west-2","SourceBackup":"backup-zyxwvutsrqp","SourceCluster":"cluster-zyxwvutsrqp","TagList":[{"Key":"a","Value":"b"}],"HsmType":"hsm1.medium","Mode":"FIPS"}}"#;

#[test]
fn validating_valid_values_allocates_nothing() {
    let output: ModifyBackupAttributesOutput =
        serde_json::from_str(BACKUP).unwrap_or_else(|e| panic!("{e}"));
    let copy_output: CopyBackupToRegionOutput = serde_json::from_str(
        r#"{"DestinationBackup":{"SourceRegion":"us-east-1","SourceBackup":"backup-abcdefghijk"}}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let builder: CopyBackupToRegionInputBuilder =
        serde_json::from_str(&copy_body()).unwrap_or_else(|e| panic!("{e}"));
    let builders: Vec<CopyBackupToRegionInputBuilder> = (0..3).map(|_| builder.clone()).collect();

    // Warm up: compile each regex and build each class table once (per process, by design).
    assert_eq!(output.validate(), Ok(()));
    assert_eq!(copy_output.validate(), Ok(()));
    let mut builders = builders.into_iter();
    let warm = builders.next().map(|b| b.build().is_ok());
    assert_eq!(warm, Some(true));
    let (Some(first), Some(second)) = (builders.next(), builders.next()) else {
        panic!("three builders were made");
    };

    let region = Region::new(GLOBAL);
    let outputs_valid = output.validate().is_ok() && copy_output.validate().is_ok();
    let stats = region.change();
    assert!(outputs_valid);
    assert_eq!(
        stats.allocations, 0,
        "validating outputs allocated: {stats:?}"
    );

    // build() validates then moves the members into the input: no allocation either.
    let region = Region::new(GLOBAL);
    let input = first.build();
    let stats = region.change();
    assert!(input.is_ok());
    assert_eq!(
        stats.allocations, 0,
        "building a valid input allocated: {stats:?}"
    );
    drop(input);

    // An invalid value does allocate: its violations are recorded. (This shows the counter
    // sees allocations on this path.)
    let region = Region::new(GLOBAL);
    let invalid = second.set_backup_id(Some(String::new())).build();
    let stats = region.change();
    assert!(invalid.is_err());
    assert!(stats.allocations > 0);
}
