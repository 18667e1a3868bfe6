//! The command line against a small service written here by hand, as generated code would
//! describe it: one operation, `Greet`, whose input has a required `Name` of 1 to 8
//! characters.

use proptest::prelude::*;
use serde::{Deserialize, Serialize};

use super::args::Command;
use super::documents::{self, Body};
use super::{jsonl, run, Cli, Failure, Samples};
use crate::strategy::{ExpectedViolation, ViolationKind};
use crate::wire::{self, HttpRequestParts, OperationError, Protocol, Service, UnhandledError};
use crate::{constraints, InputError, Path, PathSegment, ValidationErrors};

struct Greeter;

#[derive(Debug, Serialize)]
struct Greet {
    #[serde(rename = "Name")]
    name: String,
}

#[derive(Debug, Default, Deserialize)]
struct GreetBuilder {
    #[serde(rename = "Name")]
    name: Option<String>,
}

impl GreetBuilder {
    fn check(self) -> Result<Greet, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let path = Path::ROOT;
        let path = path.member("Name");
        match &self.name {
            Some(name) => constraints::string_length(name, Some(1), Some(8), &path, &mut errors),
            None => constraints::required(&path, &mut errors),
        }
        errors.into_result()?;
        Ok(Greet {
            name: self.name.unwrap_or_default(),
        })
    }
}

fn from_builder(builder: Result<GreetBuilder, InputError>) -> Result<Greet, InputError> {
    builder?.check().map_err(InputError::Validation)
}

impl Service for Greeter {
    const NAME: &'static str = "Greeter";
    const PROTOCOLS: &'static [Protocol] = &[Protocol::AwsJson1_1, Protocol::RpcV2Cbor];
    const PROTOCOL: Protocol = Protocol::AwsJson1_1;
    const OPERATION_NAMES: &'static [&'static str] = &["Greet"];

    type Request = Greet;
    type Response = Result<serde_json::Value, GreetError>;

    fn parse_input(operation: &str, body: &[u8]) -> Option<Result<Greet, InputError>> {
        (operation == "Greet")
            .then(|| from_builder(crate::from_json_body(body).map_err(InputError::Serialization)))
    }

    fn parse_input_in(
        protocol: Protocol,
        operation: &str,
        body: &[u8],
    ) -> Option<Result<Greet, InputError>> {
        (operation == "Greet")
            .then(|| from_builder(wire::body::from_body(protocol, body).map_err(InputError::from)))
    }

    fn parse_input_str(operation: &str, body: &str) -> Option<Result<Greet, InputError>> {
        (operation == "Greet")
            .then(|| from_builder(crate::from_json_text(body).map_err(InputError::Serialization)))
    }

    fn deserialize_input<'de, D: serde::Deserializer<'de>>(
        operation: &str,
        deserializer: D,
    ) -> Result<Option<Result<Greet, ValidationErrors>>, D::Error> {
        if operation != "Greet" {
            serde::de::IgnoredAny::deserialize(deserializer)?;
            return Ok(None);
        }
        Ok(Some(GreetBuilder::deserialize(deserializer)?.check()))
    }

    fn to_http_request_in(request: &Greet, protocol: Protocol) -> HttpRequestParts {
        wire::client::request_in(protocol, Self::NAME, "Greet", Some(request))
    }

    fn parse_response_in(
        _: Protocol,
        operation: &str,
        status: u16,
        _: &[(String, String)],
        body: &[u8],
    ) -> Option<Self::Response> {
        (operation == "Greet").then(|| match wire::client::is_success(status) {
            true => Ok(serde_json::from_slice(body).unwrap_or_default()),
            false => Err(GreetError(UnhandledError::new(
                None,
                None,
                status,
                body.to_vec(),
            ))),
        })
    }

    fn output_json(response: &Self::Response) -> Option<Vec<u8>> {
        response.as_ref().ok().map(wire::body::to_json_bytes)
    }

    fn error(response: &Self::Response) -> Option<&dyn OperationError> {
        response.as_ref().err().map(|e| e as &dyn OperationError)
    }
}

/// The operation's error: only errors it does not name, as a generated error's `Unhandled`.
#[derive(Debug)]
struct GreetError(UnhandledError);

impl std::fmt::Display for GreetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for GreetError {}

impl OperationError for GreetError {
    fn type_name(&self) -> &'static str {
        "Unhandled"
    }

    fn code(&self) -> Option<&str> {
        self.0.code()
    }

    fn message(&self) -> Option<&str> {
        self.0.message()
    }

    fn fault(&self) -> wire::Fault {
        self.0.fault()
    }
}

fn valid(name: &str) -> Option<BoxedStrategy<String>> {
    (name == "Name").then(|| "[a-z]{1,8}".boxed())
}

fn invalid(name: &str) -> Option<BoxedStrategy<(serde_json::Value, ExpectedViolation)>> {
    (name == "GreetInput").then(|| {
        Just((
            serde_json::json!({ "Name": "" }),
            ExpectedViolation {
                path: vec![PathSegment::Member("Name")],
                kind: ViolationKind::TooShort,
            },
        ))
        .boxed()
    })
}

const CLI: Cli = Cli {
    program: "greeter",
    samples: Samples {
        names: &["Name"],
        valid,
        invalid,
    },
};

/// Runs a command line on `stdin`: whether it said valid/ok, and what it printed.
fn cli(args: &[&str], stdin: &str) -> (Result<bool, Failure>, String) {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let mut out = Vec::new();
    let outcome = run::<Greeter>(&CLI, &args, &mut stdin.as_bytes(), &mut out);
    (outcome, String::from_utf8_lossy(&out).into_owned())
}

fn usage_error(args: &[&str]) -> String {
    match cli(args, "").0 {
        Err(Failure::Usage(message, _)) => message,
        other => panic!("{args:?}: {other:?}"),
    }
}

#[test]
fn validate_prints_valid_or_every_violation() {
    assert_eq!(
        cli(&["validate", "Greet"], r#"{"Name":"ada"}"#),
        (Ok(true), "{\"valid\":true}\n".to_owned())
    );
    let (outcome, printed) = cli(&["validate", "Greet"], r#"{"Name":"much too long"}"#);
    assert_eq!(outcome, Ok(false));
    let document: serde_json::Value = serde_json::from_str(&printed).unwrap_or_default();
    assert_eq!(document["error"], "ValidationException");
    assert_eq!(document["fieldList"][0]["path"], "/Name");
    let (outcome, printed) = cli(&["validate", "Greet"], "");
    assert_eq!(outcome, Ok(false));
    assert!(printed.starts_with(r#"{"valid":false,"error":"SerializationException""#));
}

#[test]
fn request_prints_the_parts_in_either_protocol() {
    let (outcome, printed) = cli(&["request", "Greet"], r#"{"Name":"ada"}"#);
    assert_eq!(outcome, Ok(true));
    assert_eq!(
        printed,
        "{\"method\":\"POST\",\"path\":\"/\",\"headers\":{\"content-length\":\"14\",\"content-type\":\"application/x-amz-json-1.1\",\
         \"x-amz-target\":\"Greeter.Greet\"},\"body\":\"{\\\"Name\\\":\\\"ada\\\"}\"}\n"
    );
    let (outcome, printed) = cli(
        &["request", "Greet", "--protocol", "rpcv2Cbor"],
        r#"{"Name":"ada"}"#,
    );
    assert_eq!(outcome, Ok(true));
    assert!(printed.contains(r#""path":"/service/Greeter/operation/Greet""#));
    assert!(printed.contains(r#""body_base64":""#) && !printed.contains(r#""body":"#));
}

#[test]
fn parse_response_prints_the_output_or_the_error() {
    assert_eq!(
        cli(
            &["parse-response", "Greet", "--status", "200"],
            r#"{"Hi":1}"#
        ),
        (Ok(true), "{\"ok\":true,\"output\":{\"Hi\":1}}\n".to_owned())
    );
    let (outcome, printed) = cli(&["parse-response", "Greet", "--status", "503"], "");
    assert_eq!(outcome, Ok(false));
    assert_eq!(
        printed,
        "{\"ok\":false,\"error\":{\"type\":\"Unhandled\",\"code\":null,\"message\":null,\"fault\":\"server\"}}\n"
    );
}

#[test]
fn each_command_takes_only_its_own_options() {
    assert_eq!(
        usage_error(&["validate", "Greet", "--status", "200"]),
        "validate takes no `--status`"
    );
    assert_eq!(
        usage_error(&["sample", "Name", "--protocol", "rpcv2Cbor"]),
        "sample takes no `--protocol`"
    );
    assert_eq!(
        usage_error(&["request", "Greet", "--count", "3"]),
        "request takes no `--count`"
    );
    assert_eq!(
        usage_error(&["validate", "Greet", "--bogus"]),
        "unknown option `--bogus`"
    );
    assert_eq!(
        usage_error(&["parse-response", "Greet", "--status"]),
        "--status needs a value"
    );
    assert_eq!(
        usage_error(&["parse-response", "Greet", "--status", "99"]),
        "--status `99` is not an HTTP status"
    );
    assert_eq!(
        usage_error(&[
            "parse-response",
            "Greet",
            "--status",
            "200",
            "-H",
            "no colon"
        ]),
        "--header `no colon` is not `Name: value`"
    );
    assert_eq!(
        usage_error(&["validate", "Wave"]),
        "unknown operation `Wave`; the operations are: Greet"
    );
    assert_eq!(
        usage_error(&["validate", "Greet", "--protocol", "awsJson1_0"]),
        "unknown protocol `awsJson1_0`; the service speaks awsJson1_1, rpcv2Cbor"
    );
    assert_eq!(usage_error(&["wave"]), "unknown command `wave`");
    assert_eq!(usage_error(&[]), "missing a command");
}

#[test]
fn help_names_the_program_and_the_service() {
    for command in ["validate", "request", "parse-response", "sample"] {
        let (outcome, printed) = cli(&[command, "--help"], "");
        assert_eq!(outcome, Ok(true));
        assert!(
            printed.starts_with(&format!("usage: greeter {command}")),
            "{printed}"
        );
    }
    let (_, request) = cli(&["request", "--help"], "");
    assert!(request.contains("/service/Greeter/operation/<Operation>"));
    let (_, all) = cli(&["--help"], "");
    assert!(all.contains("--protocol awsJson1_1|rpcv2Cbor (default awsJson1_1)"));
}

#[test]
fn sample_is_the_same_for_the_same_seed_and_says_what_it_breaks() {
    let (outcome, first) = cli(&["sample", "Name", "--count", "5", "--seed", "7"], "");
    assert_eq!(outcome, Ok(true));
    assert_eq!(first.lines().count(), 5);
    assert_eq!(
        cli(&["sample", "Name", "--count", "5", "--seed", "7"], "").1,
        first
    );
    let (_, invalid) = cli(&["sample", "GreetInput", "--invalid", "--count", "1"], "");
    assert_eq!(
        invalid,
        "{\"body\":{\"Name\":\"\"},\"expected\":{\"path\":\"/Name\",\"violation\":\"TooShort\"}}\n"
    );
    assert!(usage_error(&["sample", "Nope"]).contains("the shapes are: Name"));
    assert_eq!(
        usage_error(&["sample", "Name", "--count", "many"]),
        "--count `many` is not a whole number"
    );
}

#[test]
fn jsonl_answers_every_record_on_a_line_of_its_own() {
    let records = [
        r#"{"operation":"Greet","body":{"Name":"ada"}}"#,
        r#"{"operation":"Greet","body":"{\"Name\":\"\"}"}"#,
        r#"{"operation":"Wave","body":{}}"#,
        "",
        r#"{"body":{"Name":"x"}}"#,
        "not json",
    ];
    let (outcome, printed) = cli(&["validate", "--jsonl"], &records.join("\n"));
    assert_eq!(outcome, Ok(false));
    let lines: Vec<&str> = printed.lines().collect();
    assert_eq!(lines.len(), 5, "{printed}");
    assert_eq!(lines[0], r#"{"valid":true}"#);
    assert!(lines[1].contains("ValidationException"));
    assert!(lines[2].contains("UnknownOperationException"));
    assert_eq!(
        lines[3],
        r#"{"valid":false,"error":"UnknownOperationException","message":"the record names no operation"}"#
    );
    assert!(lines[4].contains("the line is not a JSON record"));
    // A default operation fills in what a record leaves out.
    let (outcome, printed) = cli(&["validate", "--jsonl", "Greet"], records[4]);
    assert_eq!(
        (outcome, printed.as_str()),
        (Ok(true), "{\"valid\":true}\n")
    );
}

/// Records in the common shape take the one-pass reading, the rest the general one; both
/// print the same document, which this checks by reading each record the general way too.
/// Whether the record took the one-pass reading.
fn one_pass_agrees_with_general(line: &str) -> bool {
    let bytes = line.as_bytes();
    let one_pass = jsonl::validate_in_one_pass::<Greeter>(bytes)
        .map(|answer| answer.map(|(document, ok)| (document.into_owned(), ok)));
    let general = jsonl::general::<Greeter>(Command::Validate, bytes, None, Protocol::AwsJson1_1);
    match one_pass {
        Some(one_pass) => {
            assert_eq!(one_pass, general, "{line}");
            true
        }
        None => false,
    }
}

#[test]
fn records_in_the_common_shape_take_the_one_pass_reading() {
    assert!(one_pass_agrees_with_general(
        r#"{"operation":"Greet","body":{"Name":"ada"}}"#
    ));
    assert!(one_pass_agrees_with_general(
        r#"{"operation":"Greet","body":{"Name":""},"status":1}"#
    ));
    assert!(one_pass_agrees_with_general(
        r#"{"operation":"Wave","body":{}}"#
    ));
    // The body before the operation, a body given as text, a repeated member.
    assert!(!one_pass_agrees_with_general(
        r#"{"body":{},"operation":"Greet"}"#
    ));
    assert!(!one_pass_agrees_with_general(
        r#"{"operation":"Greet","body":"{}"}"#
    ));
    assert!(!one_pass_agrees_with_general(
        r#"{"operation":"Greet","body":{},"body":{}}"#
    ));
}

proptest! {
    #[test]
    fn the_one_pass_reading_prints_what_the_general_reading_prints(
        operation in prop_oneof![Just("Greet"), Just("Wave"), Just("")],
        name in prop_oneof![Just(None), "[a-zé\\\\\"]{0,10}".prop_map(Some)],
        extra in prop_oneof![
            Just(""),
            Just(r#","status":200"#),
            Just(r#","headers":{"a":"b"}"#),
            Just(r#","status":"x""#),
            Just(r#","other":[1,{"x":null}]"#),
            Just(r#","body":{}"#),
        ],
    ) {
        let body = match &name {
            Some(name) => serde_json::json!({ "Name": name }).to_string(),
            None => "{}".to_owned(),
        };
        one_pass_agrees_with_general(&format!(r#"{{"operation":"{operation}","body":{body}{extra}}}"#));
        one_pass_agrees_with_general(&format!(r#"{{"body":{body},"operation":"{operation}"{extra}}}"#));
    }
}

/// The hand-written validation document against serializing the same rejection with
/// serde_json, on values full of what JSON must escape.
#[test]
fn the_validation_document_is_what_serde_json_writes() {
    #[derive(Serialize)]
    struct Field {
        path: String,
        message: String,
    }
    #[derive(Serialize)]
    struct Rejection<'a> {
        valid: bool,
        error: &'a str,
        message: String,
        #[serde(rename = "fieldList")]
        field_list: Vec<Field>,
    }
    let body = "{\"Name\":\"x\\\"\\\\\\n\\u0001\\u007f\\u00e9\\ud83d\\ude00\\r\\b\\f\\t\"}";
    let Some(Err(InputError::Validation(errors))) = Greeter::parse_input("Greet", body.as_bytes())
    else {
        panic!("the body should be invalid");
    };
    let expected = serde_json::to_string(&Rejection {
        valid: false,
        error: "ValidationException",
        message: errors.to_string(),
        field_list: errors
            .iter()
            .map(|v| Field {
                path: v.json_pointer(),
                message: v.smithy_message(),
            })
            .collect(),
    })
    .unwrap_or_default();
    assert_eq!(documents::validation_document(&errors), expected);
    let json = documents::validate::<Greeter>("Greet", Body::JsonText(body));
    assert_eq!(json, Ok((expected, false)));
}
