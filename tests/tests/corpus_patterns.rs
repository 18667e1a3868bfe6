//! Every `@pattern` of AWS's published awsJson models (`../shared/models/aws/`): each one
//! translates and runs, lookaround patterns stay bounded on a megabyte, and the
//! backtracking engine agrees with `regex` wherever both can run a pattern.

use cloudhsm_model::runtime::pattern::Pattern;
// The relaxation the generated strategies apply, which is theirs rather than an API.
use cloudhsm_model::runtime::__private::strategy::without_lookaround;
use proptest::prelude::*;
use std::sync::OnceLock;

/// Each distinct corpus pattern, with its translation.
fn corpus() -> &'static [(String, String)] {
    static CORPUS: OnceLock<Vec<(String, String)>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let mut all = std::collections::BTreeSet::new();
        for (_, model) in conformance::aws_models().unwrap_or_default() {
            all.extend(conformance::model_patterns(&model));
        }
        all.into_iter()
            .map(|p| {
                let rust =
                    model_codegen::translate_pattern(&p).unwrap_or_else(|e| panic!("{p}: {e}"));
                (p, rust)
            })
            .collect()
    })
}

/// A runtime pattern, as generated code declares one.
fn runtime_pattern(source: &str, rust: &str) -> &'static Pattern {
    let source: &'static str = Box::leak(source.to_owned().into_boxed_str());
    let rust: &'static str = Box::leak(rust.to_owned().into_boxed_str());
    Box::leak(Box::new(Pattern::new(source, rust)))
}

#[test]
fn every_corpus_pattern_translates_and_runs() {
    let corpus = corpus();
    if corpus.is_empty() {
        return; // aws_models() said why
    }
    let (mut backtracking, mut by_class, mut shortcuts) = (0, 0, 0);
    for (source, rust) in corpus {
        let pattern = runtime_pattern(source, rust);
        assert!(pattern.compiles(), "{source} ({rust})");
        // Too large for `regex` as a whole, the generator let it through as one class
        // repeated: the runtime must find that shortcut and decide by the class alone.
        let too_big = pattern.regex().is_none() && !pattern.is_backtracking();
        assert!(!too_big || pattern.has_shortcut(), "{source} ({rust})");
        backtracking += usize::from(pattern.is_backtracking());
        by_class += usize::from(too_big);
        shortcuts += usize::from(pattern.has_shortcut());
    }
    eprintln!(
        "{} corpus patterns: {} on regex, {backtracking} on the backtracking engine, \
         {by_class} decided by their class alone; {shortcuts} with a shortcut",
        corpus.len(),
        corpus.len() - backtracking - by_class
    );
    assert!(backtracking > 0);
}

#[test]
fn a_megabyte_against_every_lookaround_pattern_is_answered_and_never_wrongly_accepted() {
    let values = [
        "a".repeat(1 << 20),
        "a1-".repeat((1 << 20) / 3),
        format!("{}.", "ab c ".repeat((1 << 20) / 5)),
    ];
    let mut answered = 0;
    for (source, rust) in corpus() {
        let pattern = runtime_pattern(source, rust);
        if !pattern.is_backtracking() {
            continue;
        }
        // Without its lookaround the pattern accepts at least as much, and `regex` runs it
        // in linear time; with backreferences there is no such relaxation to compare with.
        let relaxed = regex::Regex::new(&without_lookaround(rust)).ok();
        for value in &values {
            let answer = pattern.is_match(value);
            assert_eq!(
                answer,
                pattern.is_match(value),
                "{source}: the same answer twice"
            );
            if let (true, Some(relaxed)) = (answer, &relaxed) {
                assert!(
                    relaxed.is_match(value),
                    "{source} accepted what its body rejects"
                );
            }
            answered += 1;
        }
    }
    if !corpus().is_empty() {
        assert!(answered > 0);
    }
}

/// Corpus patterns `regex` runs, each also compiled for the backtracking engine behind an
/// empty lookahead, so that engine's own matcher (not a hand-off to `regex`) decides.
fn both_engines() -> &'static [(String, regex::Regex, fancy_regex::Regex)] {
    static BOTH: OnceLock<Vec<(String, regex::Regex, fancy_regex::Regex)>> = OnceLock::new();
    BOTH.get_or_init(|| {
        corpus()
            .iter()
            .filter_map(|(source, rust)| {
                let linear = regex::Regex::new(rust).ok()?;
                let backtracking = fancy_regex::Regex::new(&format!("(?=)(?:{rust})")).ok()?;
                Some((source.clone(), linear, backtracking))
            })
            .collect()
    })
}

fn pattern_and_text() -> impl Strategy<Value = (usize, String)> {
    let count = both_engines().len().max(1);
    (0..count).prop_flat_map(|i| {
        let near = both_engines()
            .get(i)
            .and_then(|(_, linear, _)| {
                let source = linear
                    .as_str()
                    .trim_start_matches('^')
                    .trim_end_matches('$');
                let bounded = regex::Regex::new(r"\{(\d+),\}|\*|\+")
                    .map(|re| re.replace_all(source, "{0,8}").into_owned())
                    .ok()?;
                proptest::string::string_regex(&bounded).ok()
            })
            .map_or_else(|| any::<String>().boxed(), |s| s.boxed());
        let text = prop_oneof![
            3 => near.clone(),
            1 => (near, any::<prop::sample::Index>(), any::<char>()).prop_map(|(s, at, c)| {
                let mut chars: Vec<char> = s.chars().collect();
                if !chars.is_empty() {
                    let i = at.index(chars.len());
                    chars[i] = c;
                }
                chars.into_iter().collect()
            }),
            1 => any::<String>(),
        ];
        (Just(i), text)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_backtracking_engine_agrees_with_regex_where_both_run((i, text) in pattern_and_text()) {
        if let Some((source, linear, backtracking)) = both_engines().get(i) {
            let answer = backtracking.is_match(&text);
            prop_assert!(answer.is_ok(), "{}: {:?}", source, answer);
            prop_assert_eq!(answer.ok(), Some(linear.is_match(&text)), "{} on {:?}", source, text);
        }
    }
}
