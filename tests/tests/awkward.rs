//! What AWS models have that is awkward to name or check, generated from
//! `fixtures/models/mini_awkward.json`: values named like the catch-all `Unknown` variant, a
//! shape named like another's builder, `@length` and `@pattern` on an enum, a map keyed by an
//! enum, a type named like the prelude's `Result`, members named like builder and input
//! methods, a pattern shape named like the `ALL` list, an output two operations share, and an input a member also holds.

use cloudhsm_model::runtime::InputError;
use cloudhsm_model::runtime::{ModeledError, OperationInput};
use conformance::awkward::operation::get::{GetInput, GetOutput};
use conformance::awkward::operation::put::{PutInput, PutOutput};
use conformance::awkward::strategies::invalid;
use conformance::awkward::types::{self, AppBlock, Health, LegacyState, Pick, Status, Tier};
use proptest::prelude::*;

fn output(body: &str) -> PutOutput {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

fn violations(body: &str) -> Vec<String> {
    match PutInput::from_json_slice(body.as_bytes()) {
        Err(InputError::Validation(errors)) => errors.iter().map(|v| v.aws_message()).collect(),
        other => panic!("{body}: {other:?}"),
    }
}

fn is_valid(body: &str) -> bool {
    PutInput::from_json_slice(body.as_bytes()).is_ok()
}

#[test]
fn an_enum_value_named_unknown_is_a_variant_apart_from_the_catch_all() {
    // `UNKNOWN_VALUE` takes `UnknownValue`, so `UNKNOWN` becomes `UnknownValue2`.
    assert_eq!(Status::from("UNKNOWN"), Status::UnknownValue2);
    assert_eq!(Status::from("UNKNOWN_VALUE"), Status::UnknownValue);
    assert_eq!(Status::UnknownValue2.as_str(), "UNKNOWN");
    assert!(matches!(Status::from("OTHER"), Status::Unknown(v) if v.as_str() == "OTHER"));
    assert_eq!(Status::values(), ["READY", "UNKNOWN", "UNKNOWN_VALUE"]);
}

#[test]
fn an_enum_value_named_unknown_is_valid_input_and_round_trips() {
    let body = r#"{"Status":"UNKNOWN"}"#;
    assert!(is_valid(body));
    assert_eq!(output(body).status, Some(Status::UnknownValue2));
    assert_eq!(
        serde_json::to_string(&output(body)).unwrap_or_default(),
        body
    );
}

#[test]
fn an_int_enum_value_named_unknown_is_a_variant_apart_from_the_catch_all() {
    assert_eq!(Health::from(0), Health::UnknownValue);
    assert_eq!(Health::UnknownValue.value(), 0);
    assert!(matches!(Health::from(7), Health::Unknown(v) if v.value() == 7));
}

#[test]
fn a_legacy_enum_value_named_unknown_is_a_variant_apart_from_the_catch_all() {
    assert_eq!(LegacyState::from("unknown"), LegacyState::UnknownValue);
    assert!(matches!(LegacyState::from("gone"), LegacyState::Unknown(_)));
}

#[test]
fn a_union_member_named_unknown_is_a_variant_apart_from_the_catch_all() {
    assert_eq!(
        output(r#"{"Pick":{"unknown":"x"}}"#).pick,
        Some(Pick::UnknownValue("x".to_owned()))
    );
    assert!(matches!(
        output(r#"{"Pick":{"Other":1}}"#).pick,
        Some(Pick::Unknown(_))
    ));
    assert!(is_valid(r#"{"Pick":{"unknown":"x"}}"#));
}

#[test]
fn a_shape_named_like_a_builder_is_its_own_type() {
    let block: AppBlock = AppBlock::builder().name("a").build();
    let _: types::builders::AppBlockBuilder = AppBlock::builder();
    let named: types::AppBlockBuilder = types::AppBlockBuilder::builder()
        .name("b")
        .block(block.clone())
        .build();
    assert_eq!(named.block, Some(block));
    let _: types::builders::AppBlockBuilderBuilder = types::AppBlockBuilder::builder();
}

#[test]
fn an_error_named_like_a_builder_is_its_own_type() {
    let problem = types::error::Problem::builder().message("m").build();
    let named = types::error::ProblemBuilder::builder().message("n").build();
    assert_eq!(problem.message(), Some("m"));
    assert_eq!(named.message(), Some("n"));
    let _: types::error::builders::ProblemBuilderBuilder = types::error::ProblemBuilder::builder();
}

#[test]
fn a_listed_value_of_an_enum_with_length_is_valid() {
    assert!(is_valid(r#"{"Tier":"WEB"}"#));
    assert_eq!(output(r#"{"Tier":"DB"}"#).tier, Some(Tier::Db));
}

#[test]
fn an_unknown_enum_value_breaking_the_enums_length_gets_both_violations() {
    assert_eq!(
        violations(r#"{"Tier":"X"}"#),
        [
            "Value 'X' at 'tier' failed to satisfy constraint: Member must have length greater than or equal to 2",
            "Value 'X' at 'tier' failed to satisfy constraint: Member must satisfy enum value set: [WEB, DB]",
        ]
    );
    assert_eq!(
        violations(r#"{"Tier":"NINECHARS"}"#),
        [
            "Value 'NINECHARS' at 'tier' failed to satisfy constraint: Member must have length less than or equal to 8",
            "Value 'NINECHARS' at 'tier' failed to satisfy constraint: Member must satisfy enum value set: [WEB, DB]",
        ]
    );
}

#[test]
fn an_unknown_enum_value_breaking_the_enums_pattern_gets_both_violations() {
    assert_eq!(
        violations(r#"{"Tier":"web"}"#),
        [
            "Value 'web' at 'tier' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[A-Z]+$",
            "Value 'web' at 'tier' failed to satisfy constraint: Member must satisfy enum value set: [WEB, DB]",
        ]
    );
}

#[test]
fn a_members_own_length_applies_to_the_enum_value_it_targets() {
    assert!(is_valid(r#"{"ShortTier":"DB"}"#));
    assert_eq!(
        violations(r#"{"ShortTier":"WEB"}"#),
        ["Value 'WEB' at 'shortTier' failed to satisfy constraint: Member must have length less than or equal to 2"]
    );
}

#[test]
fn outputs_keep_an_enum_value_breaking_its_length() {
    let out = output(r#"{"Tier":"X"}"#);
    assert!(matches!(&out.tier, Some(Tier::Unknown(v)) if v.as_str() == "X"));
    assert_eq!(out.validate().map_err(|e| e.len()), Err(2));
}

#[test]
fn enum_keyed_maps_have_string_keys_checked_against_the_enum() {
    let body = r#"{"Attributes":{"SenderId":"a","SentTimestamp":"1"}}"#;
    assert!(is_valid(body));
    let out = output(body);
    let keys: Vec<&str> = out
        .attributes
        .iter()
        .flat_map(|m| m.keys())
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["SenderId", "SentTimestamp"]);
}

#[test]
fn an_unknown_key_of_an_enum_keyed_map_is_a_violation() {
    assert_eq!(
        violations(r#"{"Attributes":{"SenderId":"a","Bogus":"b"}}"#),
        ["Value 'Bogus' at 'attributes.Bogus' failed to satisfy constraint: Member must satisfy enum value set: [SentTimestamp, SenderId]"]
    );
}

#[test]
fn a_type_named_like_the_preludes_result_gets_a_suffix() {
    let input = GetInput::builder()
        .result(types::Result_::Failed)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(input.result(), Some(&types::Result_::Failed));
    let ok: Result<(), ()> = Ok(());
    assert!(ok.is_ok());
}

#[test]
fn members_named_like_builder_and_input_methods_get_a_suffix() {
    let input = GetInput::builder()
        .build_value("b")
        .builder("c")
        .default_value("d")
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(input.build(), Some("b"));
    assert_eq!(input.builder_value(), Some("c"));
    assert_eq!(input.default(), Some("d"));
    assert_eq!(
        serde_json::to_string(&input).unwrap_or_default(),
        r#"{"Build":"b","Builder":"c","Default":"d"}"#
    );
    let _ = GetInput::builder().set_build(None).set_builder(None);
}

#[test]
fn a_pattern_is_named_for_the_shape_it_serves() {
    // `All` once lost its name to the list of patterns; there is no list now.
    assert!(conformance::awkward::patterns::ALL.is_match("abc"));
    assert!(conformance::awkward::patterns::TIER.is_match("WEB"));
    assert_eq!(
        violations_of_get(r#"{"All":"ABC"}"#),
        ["Value 'ABC' at 'all' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z]*$"]
    );
}

#[test]
fn an_output_two_operations_share_is_each_ones_own_type() {
    let body = r#"{"Status":"READY","Tier":"WEB"}"#;
    let get: GetOutput = serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}"));
    let put: PutOutput = serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(get.status, put.status);
    assert_eq!(get.tier, Some(Tier::Web));
}

fn violations_of_get(body: &str) -> Vec<String> {
    match GetInput::from_json_slice(body.as_bytes()) {
        Err(InputError::Validation(errors)) => errors.iter().map(|v| v.aws_message()).collect(),
        other => panic!("{body}: {other:?}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn valid_inputs_parse_back_to_themselves(input in any::<PutInput>()) {
        let body = serde_json::to_vec(&input).unwrap_or_default();
        prop_assert_eq!(PutInput::from_json_slice(&body).ok(), Some(input));
    }

    #[test]
    fn invalid_bodies_break_exactly_the_expected_constraint((body, expected) in invalid::put_input()) {
        let bytes = serde_json::to_vec(&body).unwrap_or_default();
        match PutInput::from_json_slice(&bytes) {
            Err(InputError::Validation(errors)) => {
                prop_assert_eq!(errors.len(), 1, "{} for {:?}", errors, expected);
                prop_assert!(expected.matches(&errors.violations()[0]), "{} is not {:?}", errors, expected);
            }
            other => prop_assert!(false, "{:?} was not rejected: {:?}", body, other),
        }
    }

    #[test]
    fn invalid_get_bodies_break_exactly_the_expected_constraint((body, expected) in invalid::get_input()) {
        let bytes = serde_json::to_vec(&body).unwrap_or_default();
        match GetInput::from_json_slice(&bytes) {
            Err(InputError::Validation(errors)) => {
                prop_assert_eq!(errors.len(), 1, "{} for {:?}", errors, expected);
                prop_assert!(expected.matches(&errors.violations()[0]), "{} is not {:?}", errors, expected);
            }
            other => prop_assert!(false, "{:?} was not rejected: {:?}", body, other),
        }
    }
}

#[test]
fn an_input_a_member_also_holds_is_data_and_its_operation_gets_a_copy() {
    use conformance::awkward::operation::find::FindInput;
    // The operation's input is valid by construction and validated whole, nested copies too.
    let find = |body: &str| FindInput::from_json_slice(body.as_bytes());
    let input = find(r#"{"Query":"a","Then":{"Query":"b"}}"#).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(input.query(), "a");
    assert_eq!(
        input.then().map(|then| then.query.as_deref()),
        Some(Some("b"))
    );
    match find(r#"{"Query":"a","Then":{"Query":"","Then":{}}}"#) {
        Err(InputError::Validation(errors)) => assert_eq!(
            errors.iter().map(|v| v.aws_message()).collect::<Vec<_>>(),
            [
                "Value '' at 'then.query' failed to satisfy constraint: Member must have length greater than or equal to 1",
                "Value null at 'then.then.query' failed to satisfy constraint: Member must not be null",
            ]
        ),
        other => panic!("{other:?}"),
    }
    // The structure the member holds is the model's, lenient like other data.
    let held: types::FindInput =
        serde_json::from_str(r#"{"Then":{"Query":"x"}}"#).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(held.query, None);
}
