//! Every generated pattern compiles, and each pattern's shortcut agrees with its regex.

use std::collections::BTreeSet;

use cloudhsm_model::patterns;
// The checks generated validators call, which the runtime keeps out of its API.
use cloudhsm_model::runtime::__private as constraints;
use cloudhsm_model::runtime::pattern::Pattern;
use cloudhsm_model::runtime::{Path, ValidationErrors};
use cloudhsm_model::strategies::{self, Mode};
use proptest::prelude::*;

/// Every pattern static of the model; [`the_list_holds_every_pattern_of_the_model`] keeps it
/// complete.
const ALL: [&Pattern; 6] = [
    &patterns::HSM_TYPE,
    &patterns::TAG_KEY_AND_TAG_VALUE,
    &patterns::BACKUP_ARN,
    &patterns::REGION,
    &patterns::BACKUP_ID,
    &patterns::CLUSTER_ID,
];

/// Every distinct `@pattern` text of a JSON AST model.
fn model_patterns(model: &serde_json::Value) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let pattern_of = |traits: &serde_json::Value| {
        traits
            .get("smithy.api#pattern")
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned)
    };
    for shape in model["shapes"]
        .as_object()
        .into_iter()
        .flat_map(|s| s.values())
    {
        found.extend(pattern_of(&shape["traits"]));
        for member in shape["members"]
            .as_object()
            .into_iter()
            .flat_map(|m| m.values())
        {
            found.extend(pattern_of(&member["traits"]));
        }
    }
    found
}

#[test]
fn the_list_holds_every_pattern_of_the_model() {
    let path = conformance::workspace_root().join("cloudhsm-model/model/cloudhsmv2.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let model: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    let listed: BTreeSet<String> = ALL.iter().map(|p| p.source().to_owned()).collect();
    assert_eq!(listed, model_patterns(&model));
}

#[test]
fn every_generated_regex_compiles() {
    for pattern in ALL {
        assert!(
            pattern.compiles(),
            "{} ({}) does not compile",
            pattern.source(),
            pattern.regex_source()
        );
    }
}

#[test]
fn the_id_and_tag_patterns_have_shortcuts() {
    for pattern in [
        &patterns::BACKUP_ID,
        &patterns::CLUSTER_ID,
        &patterns::TAG_KEY_AND_TAG_VALUE,
    ] {
        assert!(pattern.has_shortcut(), "{}", pattern.source());
    }
    for pattern in [
        &patterns::REGION,
        &patterns::BACKUP_ARN,
        &patterns::HSM_TYPE,
    ] {
        assert!(!pattern.has_shortcut(), "{}", pattern.source());
    }
}

#[test]
fn every_generated_pattern_runs_on_an_engine_or_its_shortcut() {
    for pattern in ALL {
        assert!(
            pattern.compiles() || pattern.has_shortcut(),
            "{}",
            pattern.source()
        );
    }
}

/// Text near the patterns: valid values, small edits of them, and arbitrary text.
fn candidates() -> impl Strategy<Value = String> {
    let valid = prop_oneof![
        strategies::backup_id(Mode::VALID),
        strategies::cluster_id(Mode::VALID),
        strategies::tag_key(Mode::VALID),
        strategies::tag_value(Mode::VALID),
    ];
    prop_oneof![
        valid.clone(),
        (valid, any::<char>(), any::<prop::sample::Index>()).prop_map(|(s, c, at)| {
            let mut chars: Vec<char> = s.chars().collect();
            let i = at.index(chars.len() + 1);
            chars.insert(i, c);
            chars.into_iter().collect()
        }),
        "backup-[2-7a-zA-Z\u{e9}\u{1F600} 8]{0,20}",
        // Long mixed text: two- and three-byte characters across eight-byte steps.
        "[a-z\u{e9}\u{20ac}\u{4e2d} -]{0,300}",
        // Long text of two-byte characters in and out of the tag class (× and ÷ sit among
        // Latin-1 letters; U+07FF is the last two-byte character), with longer ones mixed in.
        "[a-z\u{e9}\u{d7}\u{f7}\u{bd}\u{a1}\u{ff}\u{3a9}\u{7ff}\u{800}\u{1F600} ]{0,300}",
        ".{0,40}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn shortcuts_agree_with_their_regex(value in candidates()) {
        for pattern in ALL {
            if let Some(answer) = pattern.shortcut_is_match(&value) {
                prop_assert_eq!(answer, pattern.regex_is_match(&value), "{} on {:?}", pattern.source(), value);
            }
            prop_assert_eq!(pattern.is_match(&value), pattern.regex_is_match(&value));
        }
    }
}

/// What a check reported, in AWS's words.
fn messages(check: impl FnOnce(&Path<'_>, &mut ValidationErrors)) -> Vec<String> {
    let mut errors = ValidationErrors::new();
    check(&Path::ROOT.member("Value"), &mut errors);
    errors.iter().map(|v| v.aws_message()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The fused check counts characters during the pattern scan; it must report exactly
    /// what the length check and the pattern check report one after the other.
    #[test]
    fn fused_length_and_pattern_equals_the_two_checks(
        value in candidates(),
        min in prop::option::of(0u64..20),
        max in prop::option::of(0u64..300),
    ) {
        for pattern in ALL {
            let fused = messages(|p, e| constraints::string_length_and_pattern(&value, min, max, pattern, p, e));
            let apart = messages(|p, e| {
                constraints::string_length(&value, min, max, p, e);
                constraints::pattern(&value, pattern, p, e);
            });
            prop_assert_eq!(fused, apart, "{} on {:?}", pattern.source(), value);
        }
    }
}
