//! The `cloudhsm-model` binary run as scripts run it: every command, every exit code, the
//! `--jsonl` mode and usage errors. Its output format is a contract (see the README).

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::{json, Value};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn run(args: &[&str], stdin: &str) -> Output {
    run_bytes(args, stdin.as_bytes())
}

fn run_bytes(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cloudhsm-model"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run cloudhsm-model: {e}"));
    if let Some(mut input) = child.stdin.take() {
        let _ = input.write_all(stdin);
    }
    child.wait_with_output().unwrap_or_else(|e| panic!("{e}"))
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn document(output: &Output) -> Value {
    serde_json::from_str(stdout(output).trim())
        .unwrap_or_else(|e| panic!("{e}: {}", stdout(output)))
}

const VALID_COPY: &str = r#"{"DestinationRegion":"us-west-2","BackupId":"backup-abcdefghijk"}"#;

#[test]
fn validate_a_valid_file_exits_0() {
    let output = run(
        &[
            "validate",
            "CopyBackupToRegion",
            "tests/fixtures/seeds/copy_backup_to_region.request.json",
        ],
        "",
    );
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output).trim(), r#"{"valid":true}"#);
}

#[test]
fn validate_an_invalid_body_from_stdin_exits_1_with_every_violation() {
    let output = run(
        &["validate", "CopyBackupToRegion"],
        r#"{"BackupId":"backup-abcdefghijk","TagList":[{"Key":"","Value":"v"}]}"#,
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        document(&output),
        json!({
            "valid": false,
            "error": "ValidationException",
            "message": "2 validation errors detected: Value null at 'destinationRegion' failed to satisfy constraint: Member must not be null; Value '' at 'tagList.1.member.key' failed to satisfy constraint: Member must have length greater than or equal to 1",
            "fieldList": [
                {"path": "/DestinationRegion", "message": "Value at '/DestinationRegion' failed to satisfy constraint: Member must not be null"},
                {"path": "/TagList/0/Key", "message": "Value with length 0 at '/TagList/0/Key' failed to satisfy constraint: Member must have length between 1 and 128, inclusive"}
            ]
        })
    );
    assert!(
        stdout(&output).starts_with(r#"{"valid":false,"error":"ValidationException","message":"#)
    );
}

#[test]
fn validate_malformed_json_is_a_serialization_exception() {
    for body in ["{", r#"{"BackupId": 7, "NeverExpires": true}"#] {
        let output = run(&["validate", "ModifyBackupAttributes", "-"], body);
        assert_eq!(output.status.code(), Some(1), "{body}");
        let doc = document(&output);
        assert_eq!(
            (doc["valid"].clone(), doc["error"].clone()),
            (json!(false), json!("SerializationException")),
            "{body}"
        );
    }
}

#[test]
fn request_prints_the_exact_request_parts() {
    let output = run(&["request", "CopyBackupToRegion"], VALID_COPY);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output).trim(),
        r#"{"method":"POST","path":"/","headers":{"content-length":"65","content-type":"application/x-amz-json-1.1","x-amz-target":"BaldrApiService.CopyBackupToRegion"},"body":"{\"DestinationRegion\":\"us-west-2\",\"BackupId\":\"backup-abcdefghijk\"}"}"#
    );
}

#[test]
fn request_of_an_invalid_body_prints_the_validate_document_and_exits_1() {
    let output = run(&["request", "CopyBackupToRegion"], r#"{"BackupId":"nope"}"#);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(document(&output)["error"], "ValidationException");
}

#[test]
fn parse_response_of_a_success() {
    let output = run(
        &[
            "parse-response",
            "ModifyBackupAttributes",
            "--status",
            "200",
        ],
        r#"{"Backup":{"BackupId":"backup-abcdefghijk","BackupState":"ARCHIVED","CreateTimestamp":1.5155310811234E9}}"#,
    );
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output).trim(),
        r#"{"ok":true,"output":{"Backup":{"BackupId":"backup-abcdefghijk","BackupState":"ARCHIVED","CreateTimestamp":1515531081.1234}}}"#
    );
}

#[test]
fn parse_response_of_a_typed_error_uses_the_header_code() {
    let output = run(
        &["parse-response", "CopyBackupToRegion", "--status", "500", "--header", "X-Amzn-Errortype: CloudHsmInternalFailureException:http://internal.amazon.com/coral/x/"],
        r#"{"message":"try again"}"#,
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output).trim(),
        r#"{"ok":false,"error":{"type":"CloudHsmInternalFailureException","code":"CloudHsmInternalFailureException","message":"try again","fault":"server"}}"#
    );
}

#[test]
fn parse_response_of_an_unnamed_error_is_unhandled() {
    let output = run(
        &[
            "parse-response",
            "ModifyBackupAttributes",
            "--status",
            "400",
        ],
        r#"{"__type":"CloudHsmTagException"}"#,
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        document(&output),
        json!({"ok": false, "error": {"type": "Unhandled", "code": "CloudHsmTagException", "message": null, "fault": "client"}})
    );
}

#[test]
fn sample_prints_valid_values_deterministically() {
    let first = run(
        &[
            "sample",
            "CopyBackupToRegionInput",
            "--count",
            "20",
            "--seed",
            "7",
        ],
        "",
    );
    let again = run(
        &[
            "sample",
            "CopyBackupToRegionInput",
            "--count",
            "20",
            "--seed",
            "7",
        ],
        "",
    );
    assert_eq!(first.status.code(), Some(0));
    assert_eq!(stdout(&first), stdout(&again));
    let lines: Vec<String> = stdout(&first).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 20);
    // Every sample validates through the CLI itself.
    let records: String = lines
        .iter()
        .map(|line| format!("{{\"operation\":\"CopyBackupToRegion\",\"body\":{line}}}\n"))
        .collect();
    let checked = run(&["validate", "--jsonl"], &records);
    assert_eq!(checked.status.code(), Some(0), "{}", stdout(&checked));
    assert_eq!(
        stdout(&checked)
            .lines()
            .filter(|l| *l == r#"{"valid":true}"#)
            .count(),
        20
    );
}

#[test]
fn sample_invalid_bodies_carry_their_expected_violation() {
    let output = run(
        &[
            "sample",
            "CopyBackupToRegionInput",
            "--invalid",
            "--count",
            "30",
        ],
        "",
    );
    assert_eq!(output.status.code(), Some(0));
    for line in stdout(&output).lines() {
        let sample: Value = serde_json::from_str(line).unwrap_or_default();
        let body = sample["body"].to_string();
        let verdict = document(&run(&["validate", "CopyBackupToRegion"], &body));
        let fields = verdict["fieldList"].as_array().cloned().unwrap_or_default();
        assert_eq!(fields.len(), 1, "{line} -> {verdict}");
        assert_eq!(fields[0]["path"], sample["expected"]["path"], "{line}");
    }
}

#[test]
fn sample_of_a_simple_shape() {
    let output = run(&["sample", "BackupId", "--count", "5"], "");
    for line in stdout(&output).lines() {
        let id: String = serde_json::from_str(line).unwrap_or_default();
        assert!(
            id.starts_with("backup-") && (18..=23).contains(&id.len()),
            "{id}"
        );
    }
}

#[test]
fn jsonl_validate_mixes_good_and_bad_lines() {
    let input = [
        r#"{"operation":"ModifyBackupAttributes","body":{"BackupId":"backup-abcdefghijk","NeverExpires":true}}"#,
        "not json",
        r#"{"operation":"CopyBackupToRegion","body":"{\"DestinationRegion\":\"us-west-2\",\"BackupId\":\"backup-abcdefghijk\"}"}"#,
        "",
        r#"{"operation":"CopyBackupToRegion","body":{"BackupId":"b"}}"#,
        r#"{"operation":"DeleteBackup","body":{}}"#,
    ]
    .join("\n");
    let output = run(&["validate", "--jsonl"], &input);
    assert_eq!(output.status.code(), Some(1));
    let results: Vec<Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_default())
        .collect();
    assert_eq!(results.len(), 5, "one result per non-empty line");
    assert_eq!(results[0], json!({"valid": true}));
    assert_eq!(results[1]["error"], "SerializationException");
    assert_eq!(results[2], json!({"valid": true}));
    assert_eq!(results[3]["error"], "ValidationException");
    assert_eq!(results[4]["error"], "UnknownOperationException");
}

/// Records whose operation comes first are read in one pass; the same records with the body
/// first take the general reading. Both must write exactly the same documents.
#[test]
fn jsonl_validate_writes_the_same_whatever_the_member_order() {
    let bodies = [
        r#"{"DestinationRegion":"us-west-2","BackupId":"backup-abcdefghijk"}"#,
        r#"{"BackupId":"b\"\\\n","TagList":[{"Key":"","Value":"\u0001"}]}"#,
        r#"{"BackupId":5}"#,
        r#"{"BackupId":"backup-abcdefghijk","BackupId":"backup-abcdefghijk"}"#,
        r#"[1,2]"#,
        r#""{\"BackupId\":\"x\"}""#,
        r#"null"#,
    ];
    let operations = [
        "CopyBackupToRegion",
        "ModifyBackupAttributes",
        "DeleteBackup",
    ];
    let mut first = Vec::new();
    let mut last = Vec::new();
    for operation in operations {
        for body in bodies {
            first.push(format!(r#"{{"operation":"{operation}","body":{body}}}"#));
            last.push(format!(r#"{{"body":{body},"operation":"{operation}"}}"#));
        }
    }
    // Members that only other commands use are still read as they are typed there.
    for extra in [
        r#""body":{},"body":{}"#,
        r#""body":{},"status":"x""#,
        r#""body":{},"headers":{"a":1}"#,
        r#""body":{},"status":200,"status":200"#,
        r#""body":{},"status":null,"headers":{"a":"b"},"other":[1]"#,
    ] {
        first.push(format!(r#"{{"operation":"CopyBackupToRegion",{extra}}}"#));
        last.push(format!(r#"{{{extra},"operation":"CopyBackupToRegion"}}"#));
    }
    let one_pass = run(&["validate", "--jsonl"], &first.join("\n"));
    let general = run(&["validate", "--jsonl"], &last.join("\n"));
    assert_eq!(stdout(&one_pass).lines().count(), first.len());
    // Where a record itself is malformed, the position named is in the line, which differs
    // with the order; everything else must match to the byte.
    let record_position =
        regex::Regex::new(r"(the line is not a JSON record: .*) at line 1 column \d+")
            .unwrap_or_else(|e| panic!("{e}"));
    let unplaced = |output: &Output| {
        record_position
            .replace_all(&stdout(output), "$1")
            .into_owned()
    };
    assert_eq!(unplaced(&one_pass), unplaced(&general));
    assert!(unplaced(&one_pass).contains("duplicate field `status`"));
    assert_eq!(one_pass.status.code(), general.status.code());
}

#[test]
fn jsonl_all_good_exits_0() {
    let line = format!(r#"{{"operation":"CopyBackupToRegion","body":{VALID_COPY}}}"#);
    let output = run(&["request", "--jsonl"], &format!("{line}\n{line}\n"));
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output).lines().count(), 2);
}

#[test]
fn jsonl_parse_response_records() {
    let input = [
        r#"{"operation":"CopyBackupToRegion","status":200,"body":"{\"DestinationBackup\":{\"SourceRegion\":\"us-east-1\"}}"}"#,
        r#"{"operation":"CopyBackupToRegion","status":400,"headers":{"X-Amzn-Errortype":"CloudHsmTagException"},"body":""}"#,
    ]
    .join("\n");
    let output = run(&["parse-response", "--jsonl"], &input);
    let results: Vec<Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_default())
        .collect();
    assert_eq!(
        results[0],
        json!({"ok": true, "output": {"DestinationBackup": {"SourceRegion": "us-east-1"}}})
    );
    assert_eq!(results[1]["error"]["type"], "CloudHsmTagException");
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn usage_errors_exit_2_with_a_usage_message() {
    let cases: &[&[&str]] = &[
        &[],
        &["frobnicate"],
        &["validate"],
        &["validate", "DeleteBackup"],
        &["parse-response", "CopyBackupToRegion"],
        &["parse-response", "CopyBackupToRegion", "--status", "abc"],
        &["sample", "NoSuchShape"],
        &["sample", "Tag", "--count", "many"],
        &["validate", "CopyBackupToRegion", "--bogus"],
    ];
    for args in cases {
        let output = run(args, "");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&output.stderr).contains("usage: cloudhsm-model"),
            "{args:?}"
        );
    }
}

#[test]
fn a_wrong_operation_lists_the_valid_names() {
    let output = run(&["validate", "DeleteBackup"], "{}");
    assert!(String::from_utf8_lossy(&output.stderr)
        .contains("the operations are: CopyBackupToRegion, ModifyBackupAttributes"));
}

#[test]
fn every_command_has_help() {
    for command in ["validate", "request", "parse-response", "sample"] {
        let output = run(&[command, "--help"], "");
        assert_eq!(output.status.code(), Some(0), "{command}");
        assert!(
            stdout(&output).contains(&format!("usage: cloudhsm-model {command}")),
            "{command}"
        );
    }
    assert_eq!(run(&["--help"], "").status.code(), Some(0));
}

#[test]
fn jsonl_mode_never_panics_on_ten_thousand_hostile_lines() {
    use proptest::prelude::*;
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

    let record = (
        prop_oneof![
            Just("CopyBackupToRegion"),
            Just("ModifyBackupAttributes"),
            Just("Nope")
        ],
        prop_oneof![
            Just(r#"{"BackupId":"backup-abcdefghijk","NeverExpires":true}"#.to_owned()),
            Just(r#""{\"BackupId\":5}""#.to_owned()),
            "[\\[\\]{}\":,a-z0-9 ]{0,40}",
        ],
    )
        .prop_map(|(op, body)| format!(r#"{{"operation":"{op}","body":{body}}}"#));
    let line = prop_oneof![
        prop::collection::vec(any::<u8>().prop_filter("one line", |b| *b != b'\n'), 0..80),
        record.prop_map(String::into_bytes),
    ];
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[11; 32]),
    );
    let mut input = Vec::new();
    let mut expected_lines = 0;
    for _ in 0..10_000 {
        let bytes = line
            .new_tree(&mut runner)
            .map(|t| t.current())
            .unwrap_or_default();
        if !bytes.trim_ascii().is_empty() {
            expected_lines += 1;
        }
        input.extend_from_slice(&bytes);
        input.push(b'\n');
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_cloudhsm-model"))
        .args(["validate", "--jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let mut stdin = child.stdin.take().unwrap_or_else(|| panic!("no stdin"));
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let output = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    let _ = writer.join();
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = stdout(&output);
    assert_eq!(text.lines().count(), expected_lines);
    for line in text.lines() {
        let document: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        assert!(document["valid"].is_boolean(), "{line}");
    }
}

/// The library's answer to the same body: the request pipeline's HTTP response.
fn pipeline_response(operation: &str, body: &str) -> (u16, String) {
    use cloudhsm_model::runtime::wire::RequestError;
    let target = format!("BaldrApiService.{operation}");
    let headers = [
        ("Content-Type", cloudhsm_model::service::CONTENT_TYPE),
        ("X-Amz-Target", target.as_str()),
    ];
    match cloudhsm_model::service::parse_request("/", &headers, body.as_bytes()) {
        Err(error @ (RequestError::Validation(_) | RequestError::Serialization(_))) => {
            let response = error.to_http_response(cloudhsm_model::service::CONTENT_TYPE);
            (
                response.status,
                String::from_utf8_lossy(&response.body).into_owned(),
            )
        }
        other => panic!("{body}: {other:?}"),
    }
}

#[test]
fn the_cli_validation_document_is_the_pipelines_response_byte_for_byte() {
    for body in [
        r#"{"BackupId":"backup-abcdefghijk","TagList":[{"Key":"","Value":"v"}]}"#,
        r#"{"DestinationRegion":"x\"\\\n\u0001","BackupId":"b\t","TagList":[]}"#,
        "{}",
    ] {
        let cli = stdout(&run(&["validate", "CopyBackupToRegion"], body));
        let (status, library) = pipeline_response("CopyBackupToRegion", body);
        assert_eq!(status, 400);
        let members = library
            .strip_prefix(r#"{"__type":"ValidationException","#)
            .unwrap_or_else(|| panic!("{library}"));
        assert_eq!(
            cli.trim_end(),
            format!(r#"{{"valid":false,"error":"ValidationException",{members}"#),
            "{body}"
        );
    }
}

/// `request --protocol rpcv2Cbor` reads JSON and prints the CBOR request, whose body
/// `validate --protocol rpcv2Cbor` then reads raw.
#[test]
fn rpcv2_cbor_request_and_validate() {
    let output = run(
        &["request", "CopyBackupToRegion", "--protocol", "rpcv2Cbor"],
        VALID_COPY,
    );
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let request = document(&output);
    assert_eq!(request["method"], "POST");
    assert_eq!(
        request["path"],
        "/service/BaldrApiService/operation/CopyBackupToRegion"
    );
    assert_eq!(request["headers"]["smithy-protocol"], "rpc-v2-cbor");
    assert_eq!(request["headers"]["content-type"], "application/cbor");
    assert!(request["headers"].get("x-amz-target").is_none());
    assert!(request.get("body").is_none());
    let base64 = request["body_base64"].as_str().unwrap_or_default();
    let body = cloudhsm_model::runtime::Blob::from_base64(base64)
        .unwrap_or_else(|e| panic!("{e}"))
        .into_inner();
    let output = run_bytes(
        &["validate", "CopyBackupToRegion", "--protocol", "rpcv2Cbor"],
        &body,
    );
    assert_eq!(stdout(&output).trim(), r#"{"valid":true}"#);
    assert_eq!(output.status.code(), Some(0));

    // The same JSON body is not CBOR.
    let output = run(
        &["validate", "CopyBackupToRegion", "--protocol", "rpcv2Cbor"],
        VALID_COPY,
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(document(&output)["error"], "SerializationException");

    // An invalid CBOR body gets the ValidationException document.
    let body = cloudhsm_model::runtime::cbor::to_vec(&json!({"BackupId": "backup-1"}))
        .unwrap_or_else(|e| panic!("{e}"));
    let output = run_bytes(
        &["validate", "CopyBackupToRegion", "--protocol", "rpcv2Cbor"],
        &body,
    );
    assert_eq!(output.status.code(), Some(1));
    let rejected = document(&output);
    assert_eq!(rejected["error"], "ValidationException");
    assert_eq!(rejected["fieldList"].as_array().map(Vec::len), Some(2));
}

#[test]
fn rpcv2_cbor_parse_response_and_jsonl() {
    let body = cloudhsm_model::runtime::cbor::to_vec(&json!({
        "__type": "com.amazonaws.cloudhsmv2#CloudHsmTagException",
        "Message": "tag policy",
    }))
    .unwrap_or_else(|e| panic!("{e}"));
    let output = run_bytes(
        &[
            "parse-response",
            "CopyBackupToRegion",
            "--protocol",
            "rpcv2Cbor",
            "--status",
            "400",
            "--header",
            "Smithy-Protocol: rpc-v2-cbor",
        ],
        &body,
    );
    assert_eq!(output.status.code(), Some(1));
    let parsed = document(&output);
    assert_eq!(parsed["error"]["type"], "CloudHsmTagException");
    assert_eq!(parsed["error"]["message"], "tag policy");

    let base64 = cloudhsm_model::runtime::Blob::new(body).to_base64();
    let records = format!(
        "{}\n{}\n",
        json!({"operation": "CopyBackupToRegion", "status": 400, "body": {"base64": base64},
               "headers": {"Smithy-Protocol": "rpc-v2-cbor"}}),
        json!({"operation": "CopyBackupToRegion", "status": 200, "body": "not base64 wrapped"}),
    );
    let output = run(
        &["parse-response", "--jsonl", "--protocol", "rpcv2Cbor"],
        &records,
    );
    let lines: Vec<Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["error"]["type"], "CloudHsmTagException");
    assert_eq!(lines[1]["error"], "SerializationException");

    let empty = cloudhsm_model::runtime::Blob::new(vec![0xa0]).to_base64();
    let records = format!(
        "{}\n",
        json!({"operation": "ModifyBackupAttributes", "body": {"base64": empty}})
    );
    let output = run(
        &["validate", "--jsonl", "--protocol", "rpcv2Cbor"],
        &records,
    );
    assert_eq!(document(&output)["error"], "ValidationException");
}

#[test]
fn a_protocol_the_service_does_not_speak_is_a_usage_error() {
    let output = run(
        &["validate", "CopyBackupToRegion", "--protocol", "restXml"],
        "{}",
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("awsJson1_1, rpcv2Cbor"), "{stderr}");
}
