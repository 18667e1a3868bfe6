//! The proptest strategies as fixtures: valid values validate and round-trip, invalid bodies
//! break exactly the constraint they were made to break, and generation explores the bounds.

use cloudhsm_model::operation::copy_backup_to_region::{
    CopyBackupToRegionInput, CopyBackupToRegionOutput,
};
use cloudhsm_model::operation::modify_backup_attributes::{
    ModifyBackupAttributesInput, ModifyBackupAttributesOutput,
};
use cloudhsm_model::runtime::InputError;
use cloudhsm_model::runtime::OperationInput;
use cloudhsm_model::strategies::{self, invalid, Mode};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 1000,
        max_shrink_iters: 2000,
        ..ProptestConfig::default()
    }
}

fn round_trip_input<T: OperationInput + PartialEq + std::fmt::Debug>(
    input: &T,
) -> Result<(), TestCaseError> {
    let body = serde_json::to_vec(input).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let parsed = T::from_json_slice(&body).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&parsed, input);
    Ok(())
}

fn check_invalid<T: OperationInput + std::fmt::Debug>(
    body: &serde_json::Value,
    expected: &strategies::ExpectedViolation,
) -> Result<(), TestCaseError> {
    let bytes = serde_json::to_vec(body).map_err(|e| TestCaseError::fail(e.to_string()))?;
    match T::from_json_slice(&bytes) {
        Err(InputError::Validation(errors)) => {
            prop_assert_eq!(errors.len(), 1, "{} for {:?}", errors, expected);
            prop_assert!(
                expected.matches(&errors.violations()[0]),
                "{} is not {:?}",
                errors,
                expected
            );
        }
        other => prop_assert!(
            false,
            "{:?} was not rejected by validation: {:?}",
            body,
            other
        ),
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn valid_modify_inputs_validate_and_round_trip(input in any::<ModifyBackupAttributesInput>()) {
        round_trip_input(&input)?;
        let rebuilt = input.clone().into_builder().build();
        prop_assert_eq!(rebuilt.ok(), Some(input));
    }

    #[test]
    fn valid_copy_inputs_validate_and_round_trip(input in any::<CopyBackupToRegionInput>()) {
        round_trip_input(&input)?;
    }

    #[test]
    fn modify_outputs_round_trip(output in any::<ModifyBackupAttributesOutput>()) {
        let body = serde_json::to_string(&output).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let parsed: ModifyBackupAttributesOutput = serde_json::from_str(&body).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(parsed, output);
    }

    #[test]
    fn copy_outputs_round_trip(output in any::<CopyBackupToRegionOutput>()) {
        let body = serde_json::to_string(&output).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let parsed: CopyBackupToRegionOutput = serde_json::from_str(&body).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(parsed, output);
    }

    #[test]
    fn valid_outputs_validate(output in strategies::modify_backup_attributes_output(Mode::VALID)) {
        prop_assert_eq!(output.validate(), Ok(()));
    }

    #[test]
    fn invalid_modify_bodies_break_exactly_the_expected_constraint((body, expected) in invalid::modify_backup_attributes_input()) {
        check_invalid::<ModifyBackupAttributesInput>(&body, &expected)?;
    }

    #[test]
    fn invalid_copy_bodies_break_exactly_the_expected_constraint((body, expected) in invalid::copy_backup_to_region_input()) {
        check_invalid::<CopyBackupToRegionInput>(&body, &expected)?;
    }
}

fn sample_lengths(
    strategy: BoxedStrategy<String>,
    samples: usize,
) -> std::collections::BTreeSet<usize> {
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]),
    );
    (0..samples)
        .filter_map(|_| strategy.new_tree(&mut runner).ok())
        .map(|tree| tree.current().chars().count())
        .collect()
}

#[test]
fn tag_key_strategy_reaches_both_ends_of_its_length_range() {
    let lengths = sample_lengths(strategies::tag_key(Mode::VALID), 10_000);
    assert_eq!(lengths.first(), Some(&1), "shortest");
    assert_eq!(lengths.last(), Some(&128), "longest");
}

#[test]
fn tag_value_strategy_reaches_both_ends_of_its_length_range() {
    let lengths = sample_lengths(strategies::tag_value(Mode::VALID), 10_000);
    assert_eq!((lengths.first(), lengths.last()), (Some(&0), Some(&256)));
}

#[test]
fn hsm_type_strategy_reaches_its_maximum_length() {
    let lengths = sample_lengths(strategies::hsm_type(Mode::VALID), 10_000);
    assert_eq!(lengths.last(), Some(&32));
}

#[test]
fn every_invalid_case_kind_is_generated() {
    let strategy = invalid::copy_backup_to_region_input();
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[3; 32]),
    );
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..400 {
        if let Ok(tree) = strategy.new_tree(&mut runner) {
            let (_, expected) = tree.current();
            seen.insert(format!("{:?} {:?}", expected.path, expected.kind));
        }
    }
    // 2 required + 2 patterns on the top level, 2 list lengths, and for Key and Value:
    // required, pattern, too short (Key only), too long.
    assert_eq!(seen.len(), 13, "{seen:#?}");
}

#[test]
fn strategies_are_deterministic_under_a_fixed_seed() {
    let sample = || {
        let mut runner = TestRunner::new_with_rng(
            Config::default(),
            TestRng::from_seed(RngAlgorithm::ChaCha, &[42; 32]),
        );
        let strategy = any::<CopyBackupToRegionInput>();
        (0..50)
            .filter_map(|_| strategy.new_tree(&mut runner).ok())
            .map(|t| serde_json::to_string(&t.current()).unwrap_or_default())
            .collect::<Vec<_>>()
    };
    assert_eq!(sample(), sample());
}

#[test]
fn tag_keys_shrink_toward_short_values() {
    let mut runner = TestRunner::new_with_rng(
        Config {
            failure_persistence: None,
            ..Config::default()
        },
        TestRng::from_seed(RngAlgorithm::ChaCha, &[9; 32]),
    );
    let result = runner.run(&strategies::tag_key(Mode::VALID), |key| {
        prop_assert!(key.chars().count() < 5);
        Ok(())
    });
    match result {
        Err(proptest::test_runner::TestError::Fail(_, minimal)) => {
            assert_eq!(minimal.chars().count(), 5, "{minimal:?}")
        }
        other => panic!("expected a shrunk failure, got {other:?}"),
    }
}
