//! Every generated pattern compiles, and each pattern's shortcut agrees with its regex.

use cloudhsm_model::patterns;
use cloudhsm_model::runtime::{constraints, Path, ValidationErrors};
use cloudhsm_model::strategies::{self, Mode};
use proptest::prelude::*;

#[test]
fn every_generated_regex_compiles() {
    assert!(!patterns::ALL.is_empty());
    for pattern in patterns::ALL {
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
        &patterns::TAG_KEY,
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
    for pattern in patterns::ALL {
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
        for pattern in patterns::ALL {
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
        for pattern in patterns::ALL {
            let fused = messages(|p, e| constraints::string_length_and_pattern(&value, min, max, pattern, p, e));
            let apart = messages(|p, e| {
                constraints::string_length(&value, min, max, p, e);
                constraints::pattern(&value, pattern, p, e);
            });
            prop_assert_eq!(fused, apart, "{} on {:?}", pattern.source(), value);
        }
    }
}
