//! Patterns as AWS's services enforce them: lookaround, backreferences and the Java-only
//! syntax in AWS's models, each row of the README's pattern table checked through generated
//! validation (`fixtures/models/mini_patterns.json`).

use cloudhsm_model::runtime::InputError;
use cloudhsm_model::runtime::OperationInput;
use conformance::pattern_syntax::operation::put_names::PutNamesInput;

/// The AWS-style messages for a body with one member, or `[]` when it is valid.
fn violations(member: &str, value: &str) -> Vec<String> {
    let body = serde_json::json!({ member: value }).to_string();
    match PutNamesInput::from_json_slice(body.as_bytes()) {
        Ok(_) => Vec::new(),
        Err(InputError::Validation(errors)) => errors.iter().map(|v| v.aws_message()).collect(),
        Err(e) => panic!("{body}: {e}"),
    }
}

fn accepts(member: &str, values: &[&str]) {
    for value in values {
        assert_eq!(
            violations(member, value),
            Vec::<String>::new(),
            "{member}: {value:?}"
        );
    }
}

fn rejects(member: &str, pattern: &str, values: &[&str]) {
    let path = {
        let mut chars = member.chars();
        let first = chars.next().map(|c| c.to_ascii_lowercase());
        first.into_iter().chain(chars).collect::<String>()
    };
    for value in values {
        assert_eq!(
            violations(member, value),
            [format!(
                "Value '{value}' at '{path}' failed to satisfy constraint: Member must satisfy regular expression pattern: {pattern}"
            )],
            "{member}: {value:?}"
        );
    }
}

#[test]
fn lookahead_is_enforced() {
    accepts("Name", &["step-1", "a", "1.x"]);
    rejects(
        "Name",
        r"^(?=.*[a-zA-Z])[a-zA-Z0-9_\-.]+$",
        &["123", "1-2.3"],
    );
}

#[test]
fn negative_lookahead_is_enforced() {
    accepts("Key", &["team", "aws", "x:aws:"]);
    rejects(
        "Key",
        r"^(?!aws:)[\p{L}\p{N}_.:/=+\-@]*$",
        &["aws:name", "aws:"],
    );
}

#[test]
fn lookbehind_is_enforced() {
    accepts("Host", &["a.b", "host-1", ""]);
    rejects("Host", r"^[0-9a-z.\-]*(?<!\.)$", &["a.b.", "."]);
}

#[test]
fn backreferences_are_enforced() {
    accepts("Quoted", &["'abc'", "\"x\"", "''"]);
    rejects("Quoted", r#"^(['\"])[a-z]*\1$"#, &["'abc\"", "\"x'"]);
}

#[test]
fn posix_print_is_java_ascii() {
    accepts("Printable", &["Hello, World!", "~ ok ~"]);
    rejects("Printable", r"^\p{Print}+$", &["tab\there", "Zürich", ""]);
}

#[test]
fn posix_alnum_is_java_ascii() {
    accepts("Word", &["snake_case_9"]);
    rejects("Word", r"^[\p{Alnum}_]+$", &["naïve", "kebab-case"]);
}

#[test]
fn inline_case_insensitivity_folds_ascii_only() {
    accepts("Account", &["all", "ALL", "All", "123456789012"]);
    // U+212A KELVIN SIGN folds to `k` in Unicode, not in Java's default (ASCII) folding;
    // and `(?i)` reaches only its alternative, so the digits keep their own rule.
    rejects("Account", r"^(?i)all|[0-9]{12}$", &["none", "12345"]);
}

#[test]
fn inline_dot_all_matches_line_terminators() {
    accepts("Note", &["line\nbreak", "\r\n"]);
    rejects("Note", r"^(?s).{1,10}$", &["eleven char"]);
}

#[test]
fn java_input_anchors_are_enforced() {
    accepts("Snapshot", &["snap-0123abcd"]);
    rejects(
        "Snapshot",
        r"^\Asnap-[0-9a-f]{8}\z$",
        &["snap-0123abcd\n", "xsnap-0123abcd"],
    );
}

#[test]
fn surrogate_pair_ranges_are_the_supplementary_planes() {
    accepts("Text", &["plain\ttext", "emoji 😀 and 𝐀"]);
    rejects(
        "Text",
        r"^[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF\t]*$",
        &["line\nbreak", "\u{FFFE}"],
    );
}

#[test]
fn lone_surrogates_match_nothing() {
    // `\uD800`, `\uDBFF-\uDC00` and `\uDFFF` name no character of Unicode text, so only the
    // rest of the class is left, and it has no supplementary character.
    accepts("Legacy", &["plain\ttext"]);
    rejects(
        "Legacy",
        r"^[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDBFF-\uDC00\uDFFF\t]*$",
        &["emoji 😀"],
    );
}

#[test]
fn a_value_past_the_backtracking_limit_is_rejected_not_hung() {
    // A megabyte of a value the lookbehind pattern accepts when short: the backtracking
    // engine stops at its step limit, and a value it cannot decide is rejected.
    let long = "a".repeat(1 << 20);
    let pattern = r"^[0-9a-z.\-]*(?<!\.)$";
    let messages = violations("Host", &long);
    assert_eq!(messages.len(), 1);
    assert!(
        messages[0].ends_with(pattern),
        "{}",
        messages[0].chars().take(200).collect::<String>()
    );
}

#[test]
fn a_class_repeated_past_the_regex_size_limit_is_decided_by_the_class() {
    // `^[^\p{C}]{1,2048}$` as a whole regex is past the `regex` crate's size limit; the
    // shortcut decides every value, characters beyond the BMP included.
    let astral = "𝐀".repeat(2048);
    accepts("Description", &["plain", "emoji 😀 and 𝐀", &astral]);
    let pattern = r"^[^\p{C}]{1,2048}$";
    let too_long = format!("{astral}𝐀");
    let messages = violations("Description", &too_long);
    assert_eq!(messages.len(), 1);
    assert!(messages[0].ends_with(pattern));
    rejects("Description", pattern, &["bell\u{7}", "𝐀\u{200B}"]);
}

/// AWS's own model: QLDB Session's `LedgerName` is
/// `^(?!^.*--)(?!^[0-9]+$)(?!^-)(?!.*-$)^[A-Za-z0-9-]+$`, four negative lookaheads.
#[cfg(qldb_session_model)]
#[test]
fn a_corpus_models_lookaround_pattern_is_enforced_with_the_aws_message() {
    use conformance::qldb_session::operation::send_command::SendCommandInput;
    let pattern = r"^(?!^.*--)(?!^[0-9]+$)(?!^-)(?!.*-$)^[A-Za-z0-9-]+$";
    let read = |name: &str| {
        let body = serde_json::json!({ "StartSession": { "LedgerName": name } }).to_string();
        match SendCommandInput::from_json_slice(body.as_bytes()) {
            Ok(_) => Vec::new(),
            Err(InputError::Validation(errors)) => errors.iter().map(|v| v.aws_message()).collect(),
            Err(e) => panic!("{body}: {e}"),
        }
    };
    assert_eq!(read("my-ledger-1"), Vec::<String>::new());
    for name in ["my--ledger", "12345", "-ledger", "ledger-"] {
        assert_eq!(
            read(name),
            [format!(
                "Value '{name}' at 'startSession.ledgerName' failed to satisfy constraint: \
                 Member must satisfy regular expression pattern: {pattern}"
            )],
            "{name}"
        );
    }
}

#[cfg(not(qldb_session_model))]
#[test]
fn a_corpus_models_lookaround_pattern_is_enforced_with_the_aws_message() {
    eprintln!("SKIPPED: ../shared/models/aws/ is absent, so the QLDB Session model is not built");
}
