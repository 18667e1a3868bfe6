//! The `model-codegen` binary, run as a user runs it.

use std::path::PathBuf;
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_model-codegen"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap_or_else(|e| panic!("cannot run model-codegen: {e}"))
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn check_accepts_the_project_model() {
    let output = run(&["check", "smithy/cloudhsmv2.json"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn check_accepts_the_whole_published_model() {
    let published = "../shared/models/cloudhsm-v2-2017-04-28.json";
    if !root().join(published).exists() {
        eprintln!(
            "SKIPPED: {published} is not present (only CI and the developers have ../shared/)"
        );
        return;
    }
    let output = run(&["check", published]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("116 shapes"));
}

#[test]
fn check_prints_every_problem_of_a_broken_model_and_exits_1() {
    let output = run(&["check", "tests/fixtures/models/broken.json"]);
    assert_eq!(output.status.code(), Some(1));
    let printed = stdout(&output);
    for shape in [
        "example.broken#Widget$Size",
        "example.broken#WidgetCode",
        "example.broken#WidgetName",
    ] {
        assert!(printed.contains(shape), "{shape} missing from:\n{printed}");
    }
    assert_eq!(printed.lines().count(), 3, "{printed}");
    assert!(!String::from_utf8_lossy(&output.stderr).contains("panicked"));
}

#[test]
fn check_of_malformed_json_is_an_error_not_a_panic() {
    let dir = std::env::temp_dir().join(format!("model-codegen-cli-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let file = dir.join("bad.json");
    let _ = std::fs::write(&file, "{\"smithy\": \"2.0\", \"shapes\": {");
    let output = run(&["check", file.to_str().unwrap_or_default()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("not a valid JSON document"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn generate_writes_the_file_and_prints_to_stdout_without_o() {
    let output = run(&["generate", "smithy/cloudhsmv2.json"]);
    assert_eq!(output.status.code(), Some(0));
    let code = stdout(&output);
    assert!(code.starts_with("// @generated"));
    assert!(code.contains("pub struct CopyBackupToRegionInput"));
    assert!(
        code.contains("use ::model_runtime as rt;") && !code.contains("crate::runtime"),
        "default runtime path"
    );
}

#[test]
fn generate_honours_the_runtime_path() {
    let output = run(&[
        "generate",
        "smithy/cloudhsmv2.json",
        "--runtime-path",
        "::cloudhsm_model::runtime",
    ]);
    let code = stdout(&output);
    assert!(code.contains("use ::cloudhsm_model::runtime as rt;"));
    assert!(!code.contains("::model_runtime"));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &[][..],
        &["frobnicate", "x.json"][..],
        &["check"][..],
        &["generate", "a", "--bogus"][..],
    ] {
        let output = run(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&output.stderr).contains("usage:"));
    }
}

#[test]
fn convert_merges_files_and_directories_into_one_json_ast() {
    let dir = std::env::temp_dir().join(format!("model-codegen-convert-{}", std::process::id()));
    let nested = dir.join("more");
    let _ = std::fs::create_dir_all(&nested);
    let _ = std::fs::write(
        dir.join("a.json"),
        r#"{"smithy":"2.0","metadata":{"m":[1]},"shapes":{"a.b#A":{"type":"string"}}}"#,
    );
    let _ = std::fs::write(
        nested.join("b.json"),
        r#"{"smithy":"2.0","metadata":{"m":[2]},"shapes":{
            "a.b#B":{"type":"integer"},
            "a.b#A":{"type":"apply","traits":{"smithy.api#sensitive":{}}}}}"#,
    );
    let _ = std::fs::write(nested.join("notes.txt"), "not a model");
    let output = run(&["convert", dir.to_str().unwrap_or_default()]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let converted: serde_json::Value =
        serde_json::from_str(&stdout(&output)).unwrap_or(serde_json::Value::Null);
    let expected = serde_json::json!({
        "smithy": "2.0",
        "metadata": {"m": [1, 2]},
        "shapes": {
            "a.b#A": {"type": "string", "traits": {"smithy.api#sensitive": {}}},
            "a.b#B": {"type": "integer"}
        }
    });
    assert_eq!(converted, expected);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn options_a_command_does_not_take_are_usage_errors() {
    let output = run(&["check", "smithy/cloudhsmv2.json", "--proptest"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("`check` does not take --proptest"));
}

#[test]
fn check_takes_generates_service_and_no_wire_and_agrees_with_it() {
    let dir = std::env::temp_dir().join(format!("model-codegen-cli-nowire-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let file = dir.join("rest.json");
    let _ = std::fs::write(
        &file,
        r#"{"smithy":"2.0","shapes":{
            "a.b#S":{"type":"service","version":"1","operations":[{"target":"a.b#Op"}],
                     "traits":{"aws.protocols#restJson1":{}}},
            "a.b#Op":{"type":"operation"}}}"#,
    );
    let path = file.to_str().unwrap_or_default();
    let refused = run(&["check", path]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stdout).contains("restJson1` is not supported"));
    for args in [&["--no-wire"][..], &["--no-wire", "--service", "S"]] {
        let check = run(&[&["check", path][..], args].concat());
        assert_eq!(check.status.code(), Some(0), "{args:?}");
        let generate = run(&[&["generate", path][..], args].concat());
        assert_eq!(generate.status.code(), Some(0), "{args:?}");
    }
    let unknown = run(&["check", path, "--no-wire", "--service", "T"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stdout).contains("defines no service `T`"));
    let _ = std::fs::remove_dir_all(&dir);
}
