//! The generator's output for the project's model, held in `golden/cloudhsmv2.rs`: any change
//! to generated code shows up as a diff a reviewer reads. Re-bless with
//! `UPDATE_GOLDEN=1 cargo test -p model-codegen --test golden`.

use std::path::PathBuf;

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn generated() -> String {
    model_codegen::Config::new()
        .proptest_strategies(true)
        .http(true)
        .generate_from_paths(&[workspace().join("smithy/cloudhsmv2.json")])
        .unwrap_or_else(|e| panic!("generation failed:\n{e}"))
}

fn golden_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/cloudhsmv2.rs")
}

#[test]
fn generated_code_matches_the_golden_file() {
    let generated = generated();
    let path = golden_path();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &generated).unwrap_or_else(|e| panic!("{e}"));
        return;
    }
    let golden = std::fs::read_to_string(&path).unwrap_or_default();
    if golden != generated {
        let first_difference = golden
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .map_or_else(
                || "at the end".to_owned(),
                |line| format!("at line {}", line + 1),
            );
        panic!(
            "generated code differs from {} {first_difference}; if the change is intended, \
             rerun with UPDATE_GOLDEN=1 and review the diff",
            path.display()
        );
    }
}

/// Code with the spacing of raw token text (`crate ::x`, `Vec < T >`, `& path`, `f ()`),
/// which is what `prettyplease` leaves inside macro arguments it cannot format. String
/// literals and comments are not code.
fn token_text_in(line: &str) -> Option<&'static str> {
    let code = strip_strings(line);
    let code = code.split("//").next().unwrap_or_default();
    let markers = [
        (" ::", "a space before `::`"),
        (":: ", "a space after `::`"),
        (" < ", "spaced generics"),
        ("& ", "a spaced reference"),
        (" (", "a space before a call's parenthesis"),
        (" . ", "a spaced method call"),
        (" ! ", "a spaced macro bang"),
    ];
    markers.iter().find_map(|(marker, what)| {
        code.match_indices(marker)
            .any(|(at, _)| is_token_text(code, at, marker))
            .then_some(*what)
    })
}

/// Keywords a space before `(` or an absolute path's `::` follows in formatted code.
const KEYWORDS: [&str; 18] = [
    "if", "while", "match", "in", "return", "move", "as", "mut", "let", "for", "impl", "where",
    "dyn", "else", "break", "fn", "const", "use",
];

/// Whether the marker at `at` is token spacing rather than an operator prettyplease spaces
/// too (`a < b`, `a & b`, `if (`, `!x`).
fn is_token_text(code: &str, at: usize, marker: &str) -> bool {
    let before = code[..at].trim_end();
    let after = code[at + marker.len()..].trim_start();
    let word_before = before
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '>' || c == ')');
    let last_word = before
        .rsplit(|c: char| !(c.is_alphanumeric() || c == '_'))
        .next()
        .unwrap_or_default();
    match marker {
        // `crate ::x` is token text; `value: ::serde_json::Value`, `for ::x::T`,
        // `use ::x` and `None => ::x()` are absolute paths.
        " ::" => {
            word_before
                && !before.ends_with("->")
                && !before.ends_with("=>")
                && !KEYWORDS.contains(&last_word)
        }
        " <" | " < " => {
            // `Vec < T >` has a type name before and a closing `>` soon after.
            word_before
                && before.ends_with(|c: char| c.is_alphabetic())
                && after.split_whitespace().nth(1) == Some(">")
        }
        "& " => !before.ends_with('&') && !word_before && !after.starts_with('&'),
        " (" => {
            word_before
                && !last_word.is_empty()
                && !KEYWORDS.contains(&last_word)
                && !before.ends_with(|c: char| c.is_ascii_digit())
        }
        " ! " => word_before && after.starts_with(['[', '(', '{']),
        _ => true,
    }
}

/// The line with its string and character literals blanked.
fn strip_strings(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in line.chars() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
                out.push('"');
            }
            continue;
        }
        if c == '"' {
            in_string = true;
        }
        out.push(c);
    }
    out
}

/// The golden file, then the generated code of each fixture model the conformance suite
/// compiles (they have the traits the project's model lacks: `@deprecated`, unions, ...).
fn generated_files() -> Vec<(String, String)> {
    let golden = std::fs::read_to_string(golden_path()).unwrap_or_default();
    assert!(golden.lines().count() > 1000, "the golden file is missing");
    let mut files = vec![("golden/cloudhsmv2.rs".to_owned(), golden)];
    for model in [
        "mini_json10",
        "mini_kinds",
        "mini_traits",
        "mini_patterns",
        "mini_awkward",
    ] {
        let path = workspace().join(format!("tests/fixtures/models/{model}.json"));
        let code = model_codegen::Config::new()
            .proptest_strategies(true)
            .generate_from_paths(&[path])
            .unwrap_or_else(|e| panic!("{model}: {e}"));
        files.push((model.to_owned(), code));
    }
    files
}

/// `file: line: what` for each line of `files` that `check` finds wrong (given the line and
/// the next), comments aside.
fn lines_failing(check: impl Fn(&str, &str) -> Option<String>) -> Vec<String> {
    let mut found = Vec::new();
    for (name, text) in generated_files() {
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let next = lines.get(i + 1).copied().unwrap_or_default();
            if let Some(what) = check(line, next) {
                found.push(format!("{name}: {}: {what}: {line}", i + 1));
            }
        }
    }
    found
}

#[test]
fn generated_code_has_no_unformatted_token_text() {
    let found = lines_failing(|line, _| {
        if line.trim_start().starts_with("//") {
            return None;
        }
        token_text_in(line).map(str::to_owned)
    });
    assert!(
        found.is_empty(),
        "token text in generated code:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_token_text_check_finds_what_prettyplease_leaves_in_macros() {
    for raw in [
        "{ let path : Vec < PathSegment > = vec![PathSegment::Member(\"x\")];",
        "support::unknown_enum_value(crate ::awkward::types::Tier::values())",
        "support::mutate(body, & path, None)",
        "value . chars () . count ()",
        "let v = vec ! [1, 2];",
    ] {
        assert!(token_text_in(raw).is_some(), "{raw}");
    }
    for formatted in [
        "let path: Vec<PathSegment> = Vec::from([PathSegment::Member(\"x\")]);",
        "if a < b && (c & d) != 0 {",
        "support::mutate(body, &path, None, ViolationKind::Length)",
        "match (self.a, &self.b) {",
        "\"a :: b in a string\"",
        "if !value.is_empty() {",
        "pub fn anything(mut self, value: ::serde_json::Value) -> Self {",
        "impl ::a::B for ::c::D {",
        "fn f() -> ::std::string::String {",
        "    ::std::collections::BTreeMap<String, u8>,",
        "    None => ::x::required(path, errors),",
        "pub use ::x::strategy::{A, B};",
    ] {
        assert_eq!(token_text_in(formatted), None, "{formatted}");
    }
}

#[test]
fn attributes_follow_doc_comments_in_generated_code() {
    let misplaced = lines_failing(|line, next| {
        (line.trim_start().starts_with("#[") && next.trim_start().starts_with("///"))
            .then(|| "an attribute above doc comments".to_owned())
    });
    assert!(
        misplaced.is_empty(),
        "attributes above doc comments:\n{}",
        misplaced.join("\n")
    );
}
