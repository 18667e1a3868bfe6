//! `check` is the gate: on every model, `check` and `generate` give the same verdict, and
//! the same messages when they reject. The suite's fixture models and the models in
//! `../shared/models/` (when present) are tried here; `corpus.rs` shows every AWS model in
//! `../shared/models/aws/` both checks and generates.

use std::path::{Path, PathBuf};

use model_codegen::Config;

fn verdicts(text: &str) -> (Result<(), String>, Result<(), String>) {
    let check = model_codegen::Model::from_json_str(text)
        .and_then(|model| model.check())
        .map(drop)
        .map_err(|e| e.to_string());
    let generate = Config::new()
        .generate_from_str(text)
        .map(drop)
        .map_err(|e| e.to_string());
    (check, generate)
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn check_and_generate_agree_on_every_fixture_and_shared_model() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = json_files(&root.join("tests/fixtures/models"));
    files.push(root.join("smithy/cloudhsmv2.json"));
    let shared = root.join("../shared/models");
    if shared.is_dir() {
        files.extend(json_files(&shared));
    } else {
        eprintln!("SKIPPED: {} is absent; fixtures only", shared.display());
    }
    let mut rejected = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{e}"));
        let (check, generate) = verdicts(&text);
        rejected += usize::from(check.is_err());
        assert_eq!(check, generate, "{}", file.display());
    }
    assert!(rejected > 0, "the broken fixture is rejected by both");
}

#[test]
fn an_unknown_timestamp_format_and_a_misfit_default_are_found_by_check() {
    let model = r#"{"smithy":"2.0","shapes":{
        "a.b#S":{"type":"structure","members":{
            "When":{"target":"smithy.api#Timestamp","traits":{"smithy.api#timestampFormat":"iso"}},
            "Count":{"target":"smithy.api#Integer","traits":{"smithy.api#default":"3"}},
            "Name":{"target":"smithy.api#String","traits":{"smithy.api#timestampFormat":"date-time"}}}},
        "a.b#Limit":{"type":"integer","traits":{"smithy.api#default":true}}}}"#;
    let (check, generate) = verdicts(model);
    assert_eq!(
        check.as_ref().err().map(String::as_str),
        Some(
            "a.b#Limit: the @default does not fit: `a.b#Limit` (integer) takes a number, not the boolean `true` | DefaultTrait\n\
             a.b#S$Count: the @default does not fit: `smithy.api#Integer` (integer) takes a number, not the string `3` | DefaultTrait\n\
             a.b#S$Name: the `timestampFormat` trait is not allowed on `a.b#S$Name`; its selector is `:test(timestamp, member > timestamp)` | TraitTarget\n\
             a.b#S$When: the @timestampFormat value does not fit: `smithy.api#timestampFormat` takes only these strings: `date-time`, `epoch-seconds`, `http-date` | TraitValue"
        )
    );
    assert_eq!(check, generate);
}

#[test]
fn a_malformed_1_0_enum_is_found_by_check() {
    // `generate` used to be the first to find it, while lowering.
    let model = r#"{"smithy":"2.0","shapes":{
        "a.b#E":{"type":"string","traits":{"smithy.api#enum":[{"name":"NoValue"}]}}}}"#;
    let (check, generate) = verdicts(model);
    assert_eq!(
        check.as_ref().err().map(String::as_str),
        Some("a.b#E: the @enum.0 value does not fit: the value of `smithy.api#EnumDefinition` lacks its required member `value` | TraitValue")
    );
    assert_eq!(check, generate);
}
