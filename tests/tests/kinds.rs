//! The remaining shape kinds, generated from `fixtures/models/mini_kinds.json`: unions,
//! intEnum, blob, bigInteger/bigDecimal, documents, sparse lists and sensitive members.

use cloudhsm_model::runtime::cbor;
use cloudhsm_model::runtime::InputError;
use cloudhsm_model::runtime::OperationInput;
use conformance::kinds::operation::echo::{EchoInput, EchoOutput};
use conformance::kinds::types::{Choice, Inner, Level};
use conformance::kinds::{service, strategies};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

fn output(body: &str) -> EchoOutput {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

fn round_trip(body: &str) {
    assert_eq!(
        serde_json::to_string(&output(body)).unwrap_or_default(),
        body
    );
}

fn violations(body: &str) -> Vec<String> {
    match EchoInput::from_json_slice(body.as_bytes()) {
        Err(InputError::Validation(errors)) => errors.iter().map(|v| v.aws_message()).collect(),
        other => panic!("{body}: {other:?}"),
    }
}

#[test]
fn unions_hold_exactly_one_member() {
    assert_eq!(
        output(r#"{"Choice":{"Name":"x"}}"#).choice,
        Some(Choice::Name("x".into()))
    );
    assert_eq!(
        output(r#"{"Choice":{"Name":null,"Count":3}}"#).choice,
        Some(Choice::Count(3))
    );
    round_trip(r#"{"Choice":{"Nested":{"Label":"l"}}}"#);
    assert!(serde_json::from_str::<EchoOutput>(r#"{"Choice":{"Name":"x","Count":3}}"#).is_err());
    assert!(serde_json::from_str::<EchoOutput>(r#"{"Choice":{}}"#).is_err());
}

#[test]
fn a_union_member_targeting_unit_is_a_variant_without_data_and_travels_as_an_empty_object() {
    // JSON: `{"Clear": {}}`, as Smithy's protocols write a member targeting smithy.api#Unit.
    assert_eq!(
        output(r#"{"Choice":{"Clear":{}}}"#).choice,
        Some(Choice::Clear)
    );
    round_trip(r#"{"Choice":{"Clear":{}}}"#);
    assert_eq!(
        serde_json::to_string(&Choice::Clear).unwrap_or_default(),
        r#"{"Clear":{}}"#
    );
    // Unit is a structure without members: members it does not list are ignored, as any
    // structure ignores them; a null member is absent; a value that is no object is malformed.
    assert_eq!(
        output(r#"{"Choice":{"Clear":{"later":1}}}"#).choice,
        Some(Choice::Clear)
    );
    assert_eq!(
        output(r#"{"Choice":{"Clear":null,"Name":"x"}}"#).choice,
        Some(Choice::Name("x".into()))
    );
    for malformed in [
        r#"{"Choice":{"Clear":5}}"#,
        r#"{"Choice":{"Clear":[]}}"#,
        r#"{"Choice":{"Clear":"x"}}"#,
        r#"{"Choice":{"Clear":{},"Name":"x"}}"#,
    ] {
        assert!(
            serde_json::from_str::<EchoOutput>(malformed).is_err(),
            "{malformed}"
        );
    }
    // An input holding it is valid, and reads the same from CBOR.
    let input =
        EchoInput::from_json_slice(br#"{"Choice":{"Clear":{}}}"#).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(input.choice(), &Choice::Clear);
    let cbor = cbor::to_vec(&Choice::Clear).unwrap_or_else(|e| panic!("{e}"));
    // A one-entry map (0xa1), the five-byte text key "Clear" (0x65), an empty map (0xa0).
    assert_eq!(cbor, b"\xa1\x65Clear\xa0");
    assert_eq!(cbor::from_slice::<Choice>(&cbor).ok(), Some(Choice::Clear));
    let body = cbor::to_vec(&input).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(EchoInput::from_cbor_slice(&body).ok(), Some(input));
}

#[test]
fn unknown_union_members_are_kept_exactly_and_rejected_on_input() {
    let body = r#"{"Choice":{"Future":[1,{"a":2.50}]}}"#;
    let parsed = output(body);
    assert!(matches!(&parsed.choice, Some(Choice::Unknown(m)) if m.name() == "Future"));
    round_trip(body);
    assert_eq!(
        violations(body),
        ["Value 'Future' at 'choice' failed to satisfy constraint: Member must be one of the union's members"]
    );
}

#[test]
fn union_members_are_validated() {
    assert_eq!(
        violations(r#"{"Choice":{"Count":9}}"#),
        ["Value '9' at 'choice.count' failed to satisfy constraint: Member must have value less than or equal to 5"]
    );
    assert_eq!(
        violations(r#"{"Choice":{"Nested":{}}}"#),
        ["Value null at 'choice.nested.label' failed to satisfy constraint: Member must not be null"]
    );
}

#[test]
fn int_enums_keep_unknown_values() {
    assert_eq!(output(r#"{"Level":2}"#).level, Some(Level::High));
    let unknown = output(r#"{"Level":7}"#);
    assert_eq!(unknown.level.map(|l| l.value()), Some(7));
    round_trip(r#"{"Level":7}"#);
    assert_eq!(
        violations(r#"{"Choice":{"Name":"x"},"Level":7}"#),
        ["Value '7' at 'level' failed to satisfy constraint: Member must satisfy enum value set: [1, 2]"]
    );
}

#[test]
fn blobs_are_base64_on_the_wire() {
    let parsed = output(r#"{"Payload":"aGVsbG8="}"#);
    assert_eq!(
        parsed.payload.as_ref().map(|b| b.as_bytes()),
        Some(&b"hello"[..])
    );
    round_trip(r#"{"Payload":"aGVsbG8="}"#);
    assert!(serde_json::from_str::<EchoOutput>(r#"{"Payload":"not base64!"}"#).is_err());
    assert_eq!(
        violations(r#"{"Choice":{"Name":"x"},"Payload":"MTIzNDU2Nzg5"}"#),
        ["Value '\"MTIzNDU2Nzg5\"' at 'payload' failed to satisfy constraint: Member must have length less than or equal to 8"]
    );
}

#[test]
fn big_numbers_keep_their_exact_text() {
    round_trip(r#"{"Big":123456789012345678901234567890,"Dec":-0.000000000000000000000000001}"#);
    assert!(serde_json::from_str::<EchoOutput>(r#"{"Big":"12"}"#).is_err());
}

#[test]
fn documents_carry_any_json() {
    round_trip(r#"{"Anything":{"a":[1,true,null,{"b":"c"}]}}"#);
}

#[test]
fn sparse_lists_keep_their_nulls() {
    let parsed = output(r#"{"Sparse":["a",null,"b"]}"#);
    assert_eq!(
        parsed.sparse,
        Some(vec![Some("a".to_owned()), None, Some("b".to_owned())])
    );
    round_trip(r#"{"Sparse":["a",null,"b"]}"#);
}

#[test]
fn sensitive_members_are_redacted_in_debug() {
    let input = EchoInput::builder()
        .choice(Choice::Nested(Inner::builder().label("visible").build()))
        .secret("hunter2")
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let debug = format!(
        "{input:?} {:?} {:?}",
        input.clone().into_builder(),
        output(r#"{"Secret":"hunter2"}"#)
    );
    assert!(!debug.contains("hunter2"), "{debug}");
    assert!(
        debug.contains("*** Sensitive Data Redacted ***") && debug.contains("visible"),
        "{debug}"
    );
    assert_eq!(input.secret(), Some("hunter2"));
}

#[test]
fn generated_outputs_of_every_kind_round_trip() {
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[8; 32]),
    );
    let strategy = strategies::by_name("EchoOutput").unwrap_or_else(|| panic!("no strategy"));
    for _ in 0..500 {
        let body = strategy
            .new_tree(&mut runner)
            .map(|t| t.current())
            .unwrap_or_else(|e| panic!("{e}"));
        let response = service::parse_response("Echo", 200, &[("a", "b")], body.as_bytes())
            .unwrap_or_else(|| panic!("no Echo"));
        let written = response
            .output_json()
            .unwrap_or_else(|| panic!("{body} did not parse"));
        assert_eq!(String::from_utf8_lossy(&written), body);
    }
}

#[test]
fn generated_inputs_of_every_kind_validate() {
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[9; 32]),
    );
    let strategy = strategies::echo_input(strategies::Mode::VALID);
    for _ in 0..500 {
        let input = strategy
            .new_tree(&mut runner)
            .map(|t| t.current())
            .unwrap_or_else(|e| panic!("{e}"));
        let body = serde_json::to_vec(&input).unwrap_or_default();
        assert_eq!(EchoInput::from_json_slice(&body).ok(), Some(input));
    }
}

#[test]
fn recursive_structures_nest_through_boxes_lists_and_maps() {
    use conformance::kinds::types::{Node, Tree};
    round_trip(
        r#"{"Node":{"Value":"a","Next":{"Value":"b","Next":{"Value":"c"}},"Children":[{"Value":"d","Children":[]}]}}"#,
    );
    round_trip(
        r#"{"Tree":{"Branch":{"left":{"Leaf":"x"},"right":{"Branch":{"deep":{"Leaf":"y"}}}}}}"#,
    );
    let node = Node::builder()
        .value("a")
        .next(Node::builder().value("b").build())
        .build();
    assert_eq!(
        node.next.as_ref().and_then(|n| n.value.as_deref()),
        Some("b")
    );
    let parsed = output(r#"{"Tree":{"Branch":{"k":{"Leaf":"v"}}}}"#);
    assert!(matches!(parsed.tree, Some(Tree::Branch(_))));
}

#[test]
fn recursive_values_are_validated_at_depth() {
    assert_eq!(
        violations(r#"{"Choice":{"Name":"x"},"Tree":{"Branch":{"a":{"Branch":{"b":{"Other":1}}}}}}"#),
        ["Value 'Other' at 'tree.branch.a.branch.b' failed to satisfy constraint: Member must be one of the union's members"]
    );
}

#[test]
fn unique_items_are_checked_and_name_the_repeats() {
    let body = r#"{"Choice":{"Name":"x"},"Codes":[1,2,1,3,2]}"#;
    let errors = match EchoInput::from_json_slice(body.as_bytes()) {
        Err(InputError::Validation(errors)) => errors,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        errors.to_string(),
        "1 validation error detected: Value '[1,2,1,3,2]' at 'codes' failed to satisfy constraint: Member must have unique values"
    );
    assert_eq!(
        errors.violations()[0].smithy_message(),
        "Value at '/Codes' failed to satisfy constraint: Member must have unique values"
    );
    assert!(EchoInput::from_json_slice(br#"{"Choice":{"Name":"x"},"Codes":[1,2,3]}"#).is_ok());
    // Outputs parse regardless, and validate() reports it.
    assert!(output(r#"{"Codes":[7,7]}"#).validate().is_err());
}
