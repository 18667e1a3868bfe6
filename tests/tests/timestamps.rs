//! Timestamps: the exact decimal text of an epoch-seconds number, and back.

use cloudhsm_model::operation::copy_backup_to_region::CopyBackupToRegionOutput;
use cloudhsm_model::runtime::DateTime;
use cloudhsm_model::runtime::DateTimeError;

/// (JSON number text, seconds, nanoseconds, shortest exact form).
const TABLE: &[(&str, i64, u32, &str)] = &[
    ("0", 0, 0, "0"),
    ("-0", 0, 0, "0"),
    ("1515531081", 1515531081, 0, "1515531081"),
    ("1515531081.1", 1515531081, 100_000_000, "1515531081.1"),
    ("1515531081.12", 1515531081, 120_000_000, "1515531081.12"),
    ("1515531081.123", 1515531081, 123_000_000, "1515531081.123"),
    (
        "1515531081.1234",
        1515531081,
        123_400_000,
        "1515531081.1234",
    ),
    (
        "1515531081.12345",
        1515531081,
        123_450_000,
        "1515531081.12345",
    ),
    (
        "1515531081.123456",
        1515531081,
        123_456_000,
        "1515531081.123456",
    ),
    (
        "1515531081.1234567",
        1515531081,
        123_456_700,
        "1515531081.1234567",
    ),
    (
        "1515531081.12345678",
        1515531081,
        123_456_780,
        "1515531081.12345678",
    ),
    (
        "1515531081.123456789",
        1515531081,
        123_456_789,
        "1515531081.123456789",
    ),
    ("1515531081.100", 1515531081, 100_000_000, "1515531081.1"),
    ("1515531081.000000000", 1515531081, 0, "1515531081"),
    (
        "1.515531081123E9",
        1515531081,
        123_000_000,
        "1515531081.123",
    ),
    (
        "1.515531081123e+9",
        1515531081,
        123_000_000,
        "1515531081.123",
    ),
    (
        "15155310811.23e-1",
        1515531081,
        123_000_000,
        "1515531081.123",
    ),
    ("1E3", 1000, 0, "1000"),
    ("0.000000001", 0, 1, "0.000000001"),
    ("1e-9", 0, 1, "0.000000001"),
    ("-1.5", -2, 500_000_000, "-1.5"),
    ("-0.000000001", -1, 999_999_999, "-0.000000001"),
    ("-86400", -86400, 0, "-86400"),
    ("-1.5e2", -150, 0, "-150"),
    // 10000-01-01T00:00:00Z, past year 9999.
    ("253402300800", 253402300800, 0, "253402300800"),
    // 0001-01-01T00:00:00Z, long before 1970.
    (
        "-62135596800.25",
        -62135596801,
        750_000_000,
        "-62135596800.25",
    ),
    ("9223372036854775807", i64::MAX, 0, "9223372036854775807"),
    ("-9223372036854775808", i64::MIN, 0, "-9223372036854775808"),
    (
        "9223372036854775807.999999999",
        i64::MAX,
        999_999_999,
        "9223372036854775807.999999999",
    ),
];

#[test]
fn timestamp_table() {
    for &(text, secs, nanos, shortest) in TABLE {
        let parsed = DateTime::from_epoch_seconds_str(text);
        assert_eq!(
            parsed.map(|t| (t.secs(), t.subsec_nanos())),
            Ok((secs, nanos)),
            "parsing {text}"
        );
        assert_eq!(
            parsed.map(|t| t.to_string()).as_deref(),
            Ok(shortest),
            "writing {text}"
        );
        // The shortest form reads back to the same instant.
        assert_eq!(
            DateTime::from_epoch_seconds_str(shortest),
            parsed,
            "re-reading {shortest}"
        );
    }
}

#[test]
fn out_of_range_and_too_precise_values_are_errors_not_clamped() {
    let table: &[(&str, DateTimeError)] = &[
        ("9223372036854775808", DateTimeError::OutOfRange),
        ("-9223372036854775809", DateTimeError::OutOfRange),
        ("1e19", DateTimeError::OutOfRange),
        ("1e400", DateTimeError::OutOfRange),
        ("1.0000000001", DateTimeError::TooPrecise),
        ("1e-10", DateTimeError::TooPrecise),
        ("\"1515531081\"", DateTimeError::NotANumber),
        ("true", DateTimeError::NotANumber),
    ];
    for (text, expected) in table {
        assert_eq!(
            DateTime::from_epoch_seconds_str(text).as_ref().err(),
            Some(expected),
            "{text}"
        );
    }
}

#[test]
fn a_thousand_digit_number_is_out_of_range() {
    let text = format!("1{}", "0".repeat(999));
    assert_eq!(
        DateTime::from_epoch_seconds_str(&text),
        Err(DateTimeError::OutOfRange)
    );
    let tiny = format!("0.{}1", "0".repeat(998));
    assert_eq!(
        DateTime::from_epoch_seconds_str(&tiny),
        Err(DateTimeError::TooPrecise)
    );
}

#[test]
fn timestamps_in_bodies_keep_their_exact_value() {
    let body = r#"{"DestinationBackup":{"CreateTimestamp":1.515531081123456789E9}}"#;
    let output: CopyBackupToRegionOutput =
        serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}"));
    let created = output
        .destination_backup
        .as_ref()
        .and_then(|b| b.create_timestamp.as_ref())
        .and_then(|t| t.instant());
    assert_eq!(
        created.map(|t| (t.secs(), t.subsec_nanos())),
        Some((1515531081, 123_456_789))
    );
    assert_eq!(
        serde_json::to_string(&output).unwrap_or_default(),
        r#"{"DestinationBackup":{"CreateTimestamp":1515531081.123456789}}"#
    );
}

#[test]
fn a_response_timestamp_of_the_wrong_json_type_fails_parsing() {
    // Strings and numbers are read (see the response vectors in `wire.rs`); other JSON
    // types are type errors, as for every other member.
    for body in [
        r#"{"DestinationBackup":{"CreateTimestamp":true}}"#,
        r#"{"DestinationBackup":{"CreateTimestamp":{}}}"#,
        r#"{"DestinationBackup":{"CreateTimestamp":[1515531081]}}"#,
    ] {
        assert!(
            serde_json::from_str::<CopyBackupToRegionOutput>(body).is_err(),
            "{body}"
        );
    }
}

#[test]
fn a_null_timestamp_is_absent() {
    let output: Result<CopyBackupToRegionOutput, _> =
        serde_json::from_str(r#"{"DestinationBackup":{"CreateTimestamp":null}}"#);
    assert_eq!(
        output
            .ok()
            .and_then(|o| o.destination_backup)
            .map(|b| b.create_timestamp),
        Some(None)
    );
}

#[test]
fn system_time_conversions() {
    let t = DateTime::from_secs_and_nanos(1515531081, 123_000_000).unwrap_or_default();
    let system = std::time::SystemTime::try_from(t).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        system.duration_since(std::time::UNIX_EPOCH).ok(),
        Some(std::time::Duration::new(1515531081, 123_000_000))
    );
    assert_eq!(DateTime::from(system), t);
    let before = DateTime::from_epoch_seconds_str("-1.25").unwrap_or_default();
    let system = std::time::SystemTime::try_from(before).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        std::time::UNIX_EPOCH.duration_since(system).ok(),
        Some(std::time::Duration::from_millis(1250))
    );
}
