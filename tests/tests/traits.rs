//! The remaining traits, generated from `fixtures/models/mini_traits.json`: timestamp formats
//! (on shapes, on members, inside lists, sparse lists and maps), ranges on big numbers,
//! `@default`, `@required` with `@clientOptional`, `@deprecated` and `@idempotencyToken`.

use cloudhsm_model::runtime::InputError;
use cloudhsm_model::runtime::OperationInput;
use cloudhsm_model::runtime::{DateTime, HttpDate, LenientRfc3339DateTime};
use conformance::traits::operation::schedule::{ScheduleInput, ScheduleOutput};
use conformance::traits::types::Priority;
use conformance::traits::{service, strategies};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

fn output(body: &str) -> ScheduleOutput {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

/// The output's defaulted members (`Retries` = 3, `Tags` = []) as written when absent.
const OUTPUT_DEFAULTS: &str = r#""Retries":3,"Tags":[]"#;

/// An output body is written back as it came, with each absent defaulted member written as
/// its default (Smithy asks that effective defaults be serialized); `body` has none of them.
fn round_trip(body: &str) {
    let expected = match body {
        "{}" => format!("{{{OUTPUT_DEFAULTS}}}"),
        _ => format!(
            "{},{OUTPUT_DEFAULTS}}}",
            body.strip_suffix('}').unwrap_or(body)
        ),
    };
    let written = serde_json::to_string(&output(body)).unwrap_or_default();
    assert_eq!(written, expected);
    // Writing it again changes nothing: the defaults read back as the same values.
    assert_eq!(
        serde_json::to_string(&output(&written)).unwrap_or_default(),
        written
    );
}

fn input(body: &str) -> Result<ScheduleInput, InputError> {
    ScheduleInput::from_json_slice(body.as_bytes())
}

fn violations(body: &str) -> Vec<String> {
    match input(body) {
        Err(InputError::Validation(errors)) => errors.iter().map(|v| v.aws_message()).collect(),
        other => panic!("{body}: {other:?}"),
    }
}

fn at(secs: i64, nanos: u32) -> DateTime {
    DateTime::from_secs_and_nanos(secs, nanos).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn each_timestamp_travels_in_its_format() {
    let body = r#"{"When":"Tue, 29 Apr 2014 18:30:38 GMT","At":"1985-04-12T23:20:50.52Z","Epoch":1398796238.5}"#;
    let parsed = output(body);
    assert_eq!(parsed.when, Some(HttpDate(at(1_398_796_238, 0))));
    // An output-only `date-time` is read as clients read it: a UTC offset is the same
    // instant, written back in UTC.
    assert_eq!(
        parsed.at,
        Some(LenientRfc3339DateTime(at(482_196_050, 520_000_000)))
    );
    let offset = output(r#"{"At":"1985-04-13T00:20:50.52+01:00"}"#);
    assert_eq!(offset.at, parsed.at);
    // The member's own trait (epoch-seconds) overrides its target's (http-date).
    assert_eq!(parsed.epoch, Some(at(1_398_796_238, 500_000_000).into()));
    round_trip(body);
}

#[test]
fn formats_apply_inside_lists_sparse_lists_and_maps() {
    round_trip(
        r#"{"Iso":["2014-04-29T18:30:38Z","0001-01-01T00:00:00.000000001Z"],"Sparse":[null,"Sun, 02 Jan 2000 20:34:56.5 GMT"],"ByName":{"a":"Thu, 01 Jan 1970 00:00:00 GMT"}}"#,
    );
}

#[test]
fn a_response_epoch_timestamp_in_no_known_form_is_kept_and_reported() {
    let body = r#"{"Epoch":"Tue, 29 Apr 2014 18:30:38 GMT"}"#;
    let parsed = output(body);
    assert_eq!(parsed.epoch.as_ref().and_then(|t| t.instant()), None);
    let messages: Vec<String> = match parsed.validate() {
        Err(errors) => errors.iter().map(|v| v.aws_message()).collect(),
        Ok(()) => Vec::new(),
    };
    assert_eq!(
        messages,
        [
            r#"Value '"Tue, 29 Apr 2014 18:30:38 GMT"' at 'epoch' failed to satisfy constraint: Member must be a timestamp within 64-bit epoch seconds, to the nanosecond"#
        ]
    );
    round_trip(body);
}

#[test]
fn a_request_epoch_timestamp_is_read_strictly() {
    // What a response may carry there, a request may not: a server rejects it as
    // malformed, before any validation.
    for epoch in [
        r#""2014-04-29T18:30:38Z""#,
        r#""1398796238""#,
        "1e20",
        "1398796238.1234567891",
    ] {
        let body = format!(r#"{{"Name":"n","Epoch":{epoch}}}"#);
        assert!(
            matches!(input(&body), Err(InputError::Serialization(_))),
            "{body}"
        );
    }
}

#[test]
fn a_timestamp_in_another_format_is_a_serialization_error() {
    for body in [
        r#"{"When":1398796238}"#,
        r#"{"At":"Tue, 29 Apr 2014 18:30:38 GMT"}"#,
        r#"{"At":"1985-04-12T23:20:50+1:00"}"#,
        r#"{"When":"Mon, 29 Apr 2014 18:30:38 GMT"}"#,
        r#"{"Iso":[1]}"#,
    ] {
        assert!(
            serde_json::from_str::<ScheduleOutput>(body).is_err(),
            "{body}"
        );
    }
    assert!(matches!(
        input(r#"{"Name":"n","When":"2014-04-29T18:30:38Z"}"#),
        Err(InputError::Serialization(_))
    ));
    // A request's `date-time` is UTC only, as Smithy defines the format; only responses
    // are read with an offset.
    assert!(matches!(
        input(r#"{"Name":"n","At":"1985-04-12T23:20:50+01:00"}"#),
        Err(InputError::Serialization(_))
    ));
}

#[test]
fn big_number_ranges_compare_exactly() {
    assert_eq!(
        violations(r#"{"Name":"n","Amount":-1.5000000000000000000001,"Quantity":0}"#),
        [
            "Value '-1.5000000000000000000001' at 'amount' failed to satisfy constraint: Member must have value greater than or equal to -1.5",
            "Value '0' at 'quantity' failed to satisfy constraint: Member must have value greater than or equal to 1",
        ]
    );
    assert_eq!(
        violations(r#"{"Name":"n","Amount":1000.0000000000000000001}"#),
        ["Value '1000.0000000000000000001' at 'amount' failed to satisfy constraint: Member must have value less than or equal to 1000"]
    );
    for fine in [
        r#"{"Name":"n","Amount":-1.5,"Quantity":1}"#,
        r#"{"Name":"n","Amount":1e3,"Quantity":123456789012345678901234567890}"#,
    ] {
        assert!(input(fine).is_ok(), "{fine}");
    }
}

#[test]
fn doubles_read_back_to_the_last_bit() {
    // serde_json reads this one ulp high unless its `float_roundtrip` feature is on.
    let body = r#"{"Name":"n","Weight":5.152696811414643e139}"#;
    let parsed = input(body).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        parsed.weight().get().to_bits(),
        5.152696811414643e139_f64.to_bits()
    );
    let written = serde_json::to_vec(&parsed).unwrap_or_default();
    assert_eq!(ScheduleInput::from_json_slice(&written).ok(), Some(parsed));
}

#[test]
fn defaults_stand_in_for_absent_members_and_responses_write_them() {
    let parsed = input(r#"{"Name":"n"}"#).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(parsed.retries(), 3);
    assert!(parsed.enabled());
    assert_eq!(parsed.label(), "none");
    assert_eq!(parsed.priority(), Priority::Low);
    assert_eq!(parsed.weight().get(), 1.5);
    // An input's own members are left out when absent, defaults too: top-level input
    // members are implicitly `@clientOptional` (Smithy's `@input`).
    assert_eq!(
        serde_json::to_string(&parsed).unwrap_or_default(),
        r#"{"Name":"n"}"#
    );
    let set = input(r#"{"Name":"n","Retries":5,"Enabled":false,"Label":"x","Priority":"high"}"#)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (set.retries(), set.enabled(), set.label(), set.priority()),
        (5, false, "x", Priority::High)
    );
    let out = output("{}");
    assert_eq!(out.retries_or_default(), 3);
    assert!(out.tags_or_default().is_empty());
    assert_eq!(out.retries, None);
    round_trip("{}");
}

#[test]
fn a_present_value_of_a_defaulted_member_is_still_checked() {
    assert_eq!(
        violations(r#"{"Name":"n","Retries":11}"#),
        ["Value '11' at 'retries' failed to satisfy constraint: Member must have value less than or equal to 10"]
    );
}

#[test]
fn client_optional_keeps_the_option_but_required_is_enforced() {
    let parsed = input(r#"{"Name":"n"}"#).unwrap_or_else(|e| panic!("{e}"));
    let name: Option<&str> = parsed.name();
    assert_eq!(name, Some("n"));
    assert_eq!(
        violations("{}"),
        ["Value null at 'name' failed to satisfy constraint: Member must not be null"]
    );
    assert!(ScheduleInput::builder().build().is_err());
}

#[test]
fn building_fills_an_absent_idempotency_token_and_parsing_does_not() {
    let token_of = |value: &ScheduleInput| value.token().map(str::to_owned);
    let first = ScheduleInput::builder()
        .name("n")
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let second = ScheduleInput::builder()
        .name("n")
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let shape =
        regex::Regex::new("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
            .unwrap_or_else(|e| panic!("{e}"));
    assert!(token_of(&first).is_some_and(|t| shape.is_match(&t)));
    assert_ne!(token_of(&first), token_of(&second));
    let chosen = ScheduleInput::builder()
        .name("n")
        .token("mine")
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(chosen.token(), Some("mine"));
    // A request as received keeps what it carried: no token is added.
    let parsed = input(r#"{"Name":"n"}"#).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(parsed.token(), None);
    // Rebuilding a parsed input is a caller making a request, so it gets a token.
    let rebuilt = parsed
        .into_builder()
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(rebuilt.token().is_some());
}

#[test]
#[allow(deprecated)]
fn deprecated_members_still_work() {
    let parsed =
        input(r#"{"Name":"n","Legacy":"l","Old":{"Note":"x"}}"#).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(parsed.legacy(), Some("l"));
    assert_eq!(parsed.old().and_then(|o| o.note.as_deref()), Some("x"));
    assert_eq!(output(r#"{"Legacy":"l"}"#).legacy.as_deref(), Some("l"));
}

fn runner(seed: u8) -> TestRunner {
    TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[seed; 32]),
    )
}

#[test]
fn generated_outputs_round_trip_in_every_format() {
    let mut runner = runner(11);
    let strategy = strategies::by_name("ScheduleOutput").unwrap_or_else(|| panic!("no strategy"));
    for _ in 0..500 {
        let body = strategy
            .new_tree(&mut runner)
            .map(|t| t.current())
            .unwrap_or_else(|e| panic!("{e}"));
        let response = service::parse_response("Schedule", 200, &[("a", "b")], body.as_bytes())
            .unwrap_or_else(|| panic!("no Schedule"));
        let written = response
            .output_json()
            .unwrap_or_else(|| panic!("{body} did not parse"));
        assert_eq!(String::from_utf8_lossy(&written), body);
    }
}

#[test]
fn generated_inputs_validate_and_round_trip() {
    let mut runner = runner(12);
    let strategy = strategies::schedule_input(strategies::Mode::VALID);
    for _ in 0..500 {
        let value = strategy
            .new_tree(&mut runner)
            .map(|t| t.current())
            .unwrap_or_else(|e| panic!("{e}"));
        let body = serde_json::to_vec(&value).unwrap_or_default();
        assert_eq!(ScheduleInput::from_json_slice(&body).ok(), Some(value));
    }
}

#[test]
fn every_fixed_size_number_checks_its_range() {
    assert_eq!(
        violations(r#"{"Name":"n","Tiny":-6,"Mid":1001,"Huge":-1,"Fraction":"NaN","Flag":true}"#),
        [
            "Value '-6' at 'tiny' failed to satisfy constraint: Member must have value greater than or equal to -5",
            "Value '1001' at 'mid' failed to satisfy constraint: Member must have value less than or equal to 1000",
            "Value '-1' at 'huge' failed to satisfy constraint: Member must have value greater than or equal to 0",
            "Value 'NaN' at 'fraction' failed to satisfy constraint: Member must have value greater than or equal to 0",
        ]
    );
    let fine =
        input(r#"{"Name":"n","Tiny":-5,"Mid":1000,"Huge":9223372036854775807,"Fraction":0.5}"#)
            .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (fine.tiny(), fine.mid(), fine.huge()),
        (Some(-5), Some(1000), Some(i64::MAX))
    );
    // A value past the Rust type is a serialization error, not a wrapped number.
    for body in [r#"{"Name":"n","Tiny":128}"#, r#"{"Name":"n","Mid":40000}"#] {
        assert!(
            matches!(input(body), Err(InputError::Serialization(_))),
            "{body}"
        );
    }
}

#[test]
fn generated_invalid_inputs_break_exactly_what_they_say() {
    let mut runner = runner(13);
    let strategy = strategies::invalid::schedule_input();
    for _ in 0..300 {
        let (body, expected) = strategy
            .new_tree(&mut runner)
            .map(|t| t.current())
            .unwrap_or_else(|e| panic!("{e}"));
        let text = body.to_string();
        match input(&text) {
            Err(InputError::Validation(errors)) => {
                assert_eq!(errors.len(), 1, "{errors} for {expected:?}");
                assert!(
                    expected.matches(&errors.violations()[0]),
                    "{errors} is not {expected:?}"
                );
            }
            other => panic!("{text} was not rejected by validation: {other:?}"),
        }
    }
}
