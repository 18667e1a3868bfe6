//! Every generated pattern compiles, and each direct matcher agrees with its regex.

use cloudhsm_model::patterns;
use cloudhsm_model::strategies::{self, Mode};
use proptest::prelude::*;

#[test]
fn every_generated_regex_compiles() {
    assert!(!patterns::ALL.is_empty());
    for pattern in patterns::ALL {
        assert!(
            pattern.regex().is_some(),
            "{} ({}) does not compile",
            pattern.source(),
            pattern.regex_source()
        );
    }
}

#[test]
fn the_id_and_tag_patterns_have_direct_matchers() {
    for pattern in [
        &patterns::BACKUP_ID,
        &patterns::CLUSTER_ID,
        &patterns::TAG_KEY,
    ] {
        assert!(pattern.shortcut().is_some(), "{}", pattern.source());
    }
    assert!(patterns::REGION.shortcut().is_none());
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
        ".{0,40}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn direct_matchers_agree_with_their_regex(value in candidates()) {
        for pattern in patterns::ALL {
            if let Some(shortcut) = pattern.shortcut() {
                if let Some(answer) = shortcut.decide(&value) {
                    prop_assert_eq!(answer, pattern.regex_is_match(&value), "{} on {:?}", pattern.source(), value);
                }
                prop_assert_eq!(pattern.is_match(&value), pattern.regex_is_match(&value));
            }
        }
    }
}
