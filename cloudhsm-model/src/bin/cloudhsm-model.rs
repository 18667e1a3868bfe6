//! `cloudhsm-model`: validate request bodies, build requests, parse responses and sample
//! fixtures from the shell. Reads JSON from a file or stdin, writes JSON to stdout.
//!
//! Exit codes: 0 valid/ok, 1 invalid input (or an error response), 2 usage error.

#![forbid(unsafe_code)]

use std::io::{BufRead, BufWriter, Read, Write};
use std::process::ExitCode;

use cloudhsm_model::runtime::wire::Protocol;
use cloudhsm_model::validation::{InputError, ValidationErrors};
use cloudhsm_model::{service, strategies};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde::{Deserialize, Serialize};
use serde_json::json;
use serde_json::value::RawValue;

const USAGE: &str = "\
usage: cloudhsm-model <command> [options]

commands:
  validate <Operation> [FILE]       check a request body as the service would
  request <Operation> [FILE]        the HTTP request parts for a valid request body
  parse-response <Operation> --status N [--header 'Name: value']... [FILE]
                                    read a response as a client would
  sample <Shape> [--invalid] [--count N] [--seed S]
                                    generate JSON values (one per line)

FILE is a path, or - (the default) for stdin. validate, request and parse-response take
--jsonl to read one record per stdin line and write one result line each, and
--protocol awsJson1_1|rpcv2Cbor (default awsJson1_1): with rpcv2Cbor, validate and
parse-response read the raw CBOR body, and request prints the body in base64.
Run `cloudhsm-model <command> --help` for a command's details.";

const VALIDATE_HELP: &str = "\
usage: cloudhsm-model validate <Operation> [FILE]
       cloudhsm-model validate --jsonl [<Operation>] < records.jsonl

Prints {\"valid\":true}, or {\"valid\":false,\"error\":\"ValidationException\",\"message\":...,
\"fieldList\":[{\"path\":...,\"message\":...}]}, or {\"valid\":false,\"error\":\"SerializationException\",
\"message\":...} for malformed JSON or wrong JSON types. Exit 0 if valid, 1 if not.
--jsonl records: {\"operation\":\"CopyBackupToRegion\",\"body\":{...}} (body may also be a string).
--protocol rpcv2Cbor: FILE is the raw CBOR body; a --jsonl record's body is {\"base64\":\"...\"}.";

const REQUEST_HELP: &str = "\
usage: cloudhsm-model request <Operation> [FILE]
       cloudhsm-model request --jsonl [<Operation>] < records.jsonl

Prints {\"method\":\"POST\",\"path\":\"/\",\"headers\":{\"content-type\":...,\"x-amz-target\":...},
\"body\":\"<exact body text>\"} for a valid body, else the validate error document (exit 1).
The input is read as JSON in either protocol; with --protocol rpcv2Cbor the request is
{\"method\":\"POST\",\"path\":\"/service/BaldrApiService/operation/<Operation>\",\"headers\":{...},
\"body_base64\":\"...\"}.";

const PARSE_RESPONSE_HELP: &str = "\
usage: cloudhsm-model parse-response <Operation> --status N [--header 'Name: value']... [FILE]
       cloudhsm-model parse-response --jsonl [<Operation>] < records.jsonl

Prints {\"ok\":true,\"output\":{...}} for a 2xx response, else {\"ok\":false,\"error\":{\"type\":...,
\"code\":...,\"message\":...,\"fault\":\"client\"|\"server\"}} (exit 1). type is the error's
shape name, or Unhandled for an error the operation does not name.
--jsonl records: {\"operation\":...,\"status\":400,\"headers\":{\"X-Amzn-Errortype\":\"...\"},\"body\":\"...\"}.
--protocol rpcv2Cbor: FILE is the raw CBOR body; a --jsonl record's body is {\"base64\":\"...\"}.
The response must carry --header 'Smithy-Protocol: rpc-v2-cbor', as the protocol requires
(without it the response is malformed and read by its status alone, as Unhandled).";

const SAMPLE_HELP: &str = "\
usage: cloudhsm-model sample <Shape> [--invalid] [--count N] [--seed S]

Prints N (default 10) generated values of <Shape>, one JSON document per line, the same ones
for the same seed (default 0). Shapes are model shape names (Tag, BackupId, ...) and
<Operation>Input / <Operation>Output. Valid values pass validation; with --invalid (operation
inputs only) each line is {\"body\":{...},\"expected\":{\"path\":\"/TagList/0/Key\",\"violation\":\"TooShort\"}},
a body that breaks exactly that one constraint.";

/// How a command ended badly.
enum Failure {
    /// Wrong arguments: message, and the usage text to show.
    Usage(String, &'static str),
    /// Reading or writing failed.
    Io(String),
}

type Outcome = Result<bool, Failure>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(Failure::Usage(message, usage)) => {
            eprintln!("cloudhsm-model: {message}\n\n{usage}");
            ExitCode::from(2)
        }
        Err(Failure::Io(message)) => {
            eprintln!("cloudhsm-model: {message}");
            ExitCode::from(2)
        }
    }
}

/// Parsed options of one command.
#[derive(Default)]
struct Options {
    positional: Vec<String>,
    jsonl: bool,
    invalid: bool,
    status: Option<String>,
    headers: Vec<String>,
    count: Option<String>,
    seed: Option<String>,
    protocol: Option<String>,
    help: bool,
}

fn parse_options(args: &[String], usage: &'static str) -> Result<Options, Failure> {
    let mut options = Options::default();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = |name: &str| {
            iter.next()
                .cloned()
                .ok_or_else(|| Failure::Usage(format!("{name} needs a value"), usage))
        };
        match arg.as_str() {
            "--jsonl" => options.jsonl = true,
            "--invalid" => options.invalid = true,
            "--help" | "-h" => options.help = true,
            "--status" => options.status = Some(value("--status")?),
            "--header" | "-H" => options.headers.push(value("--header")?),
            "--count" => options.count = Some(value("--count")?),
            "--seed" => options.seed = Some(value("--seed")?),
            "--protocol" => options.protocol = Some(value("--protocol")?),
            flag if flag.starts_with("--") => {
                return Err(Failure::Usage(format!("unknown option `{flag}`"), usage))
            }
            other => options.positional.push(other.to_owned()),
        }
    }
    Ok(options)
}

/// The commands, as the first argument names them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Command {
    Validate,
    Request,
    ParseResponse,
    Sample,
}

impl Command {
    fn parse(name: &str) -> Option<Command> {
        Some(match name {
            "validate" => Command::Validate,
            "request" => Command::Request,
            "parse-response" => Command::ParseResponse,
            "sample" => Command::Sample,
            _ => return None,
        })
    }

    fn help(self) -> &'static str {
        match self {
            Command::Validate => VALIDATE_HELP,
            Command::Request => REQUEST_HELP,
            Command::ParseResponse => PARSE_RESPONSE_HELP,
            Command::Sample => SAMPLE_HELP,
        }
    }
}

fn run(args: &[String]) -> Outcome {
    let Some(name) = args.first() else {
        return Err(Failure::Usage("missing a command".to_owned(), USAGE));
    };
    if matches!(name.as_str(), "--help" | "-h" | "help") {
        println!("{USAGE}");
        return Ok(true);
    }
    let Some(command) = Command::parse(name) else {
        return Err(Failure::Usage(format!("unknown command `{name}`"), USAGE));
    };
    let usage = command.help();
    let options = parse_options(&args[1..], usage)?;
    if options.help {
        println!("{usage}");
        return Ok(true);
    }
    let protocol = protocol(options.protocol.as_deref(), usage)?;
    if command == Command::Sample && options.protocol.is_some() {
        return Err(Failure::Usage(
            "sample prints JSON values; it takes no --protocol".to_owned(),
            usage,
        ));
    }
    match command {
        Command::Sample => sample(&options),
        _ if options.jsonl => jsonl(command, &options, protocol, usage),
        _ => single(command, &options, protocol, usage),
    }
}

/// `--protocol`: one the service speaks, awsJson1_1 when not given.
fn protocol(name: Option<&str>, usage: &'static str) -> Result<Protocol, Failure> {
    let Some(name) = name else {
        return Ok(service::PROTOCOL);
    };
    Protocol::from_name(name)
        .filter(|p| service::PROTOCOLS.contains(p))
        .ok_or_else(|| {
            let known: Vec<&str> = service::PROTOCOLS.iter().map(|p| p.name()).collect();
            Failure::Usage(
                format!(
                    "unknown protocol `{name}`; the service speaks {}",
                    known.join(", ")
                ),
                usage,
            )
        })
}

fn operation_name<'a>(options: &'a Options, usage: &'static str) -> Result<&'a str, Failure> {
    let name = options
        .positional
        .first()
        .ok_or_else(|| Failure::Usage("missing the operation name".to_owned(), usage))?;
    check_operation(name).map_err(|message| Failure::Usage(message, usage))?;
    Ok(name)
}

fn check_operation(name: &str) -> Result<(), String> {
    if service::OPERATION_NAMES.contains(&name) {
        return Ok(());
    }
    Err(format!(
        "unknown operation `{name}`; the operations are: {}",
        service::OPERATION_NAMES.join(", ")
    ))
}

fn read_input(path: Option<&String>) -> Result<Vec<u8>, Failure> {
    match path.map(String::as_str) {
        None | Some("-") => {
            let mut body = Vec::new();
            std::io::stdin()
                .read_to_end(&mut body)
                .map_err(|e| Failure::Io(format!("cannot read stdin: {e}")))?;
            Ok(body)
        }
        Some(path) => {
            std::fs::read(path).map_err(|e| Failure::Io(format!("cannot read {path}: {e}")))
        }
    }
}

fn print_line(out: &mut impl Write, document: &str) -> Result<(), Failure> {
    out.write_all(document.as_bytes())
        .and_then(|()| out.write_all(b"\n"))
        .map_err(|e| Failure::Io(format!("cannot write: {e}")))
}

/// One document from a file or stdin.
fn single(command: Command, options: &Options, protocol: Protocol, usage: &'static str) -> Outcome {
    let operation = operation_name(options, usage)?;
    if options.positional.len() > 2 {
        return Err(Failure::Usage("too many arguments".to_owned(), usage));
    }
    let status = match command {
        Command::ParseResponse => Some(parse_status(options.status.as_deref(), usage)?),
        _ => None,
    };
    let headers = options
        .headers
        .iter()
        .map(|h| {
            parse_header(h).ok_or_else(|| {
                Failure::Usage(format!("--header `{h}` is not `Name: value`"), usage)
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let body = read_input(options.positional.get(1))?;
    let (document, ok) = match (command, status) {
        (Command::Request, _) => request(operation, &body, protocol),
        (Command::ParseResponse, Some(status)) => {
            parse_response(operation, protocol, status, &headers, &body)
        }
        _ => validate(operation, protocol, &body),
    };
    let stdout = std::io::stdout();
    print_line(&mut stdout.lock(), &document)?;
    Ok(ok)
}

fn parse_status(status: Option<&str>, usage: &'static str) -> Result<u16, Failure> {
    let status = status
        .ok_or_else(|| Failure::Usage("parse-response needs --status N".to_owned(), usage))?;
    status
        .parse::<u16>()
        .ok()
        .filter(|s| (100..=599).contains(s))
        .ok_or_else(|| Failure::Usage(format!("--status `{status}` is not an HTTP status"), usage))
}

fn parse_header(text: &str) -> Option<(String, String)> {
    let (name, value) = text.split_once(':')?;
    let name = name.trim();
    (!name.is_empty()).then(|| (name.to_owned(), value.trim().to_owned()))
}

fn to_text<T: Serialize>(value: &T) -> String {
    // Room for a typical rejection up front: growing the buffer cost more than writing it.
    let mut text = Vec::with_capacity(1024);
    match serde_json::to_writer(&mut text, value) {
        Ok(()) => String::from_utf8(text).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// The validate document for a body in `protocol`, and whether it is valid.
fn validate(operation: &str, protocol: Protocol, body: &[u8]) -> (String, bool) {
    // JSON as a body is given (an empty one is malformed); CBOR through its protocol.
    let parsed = match protocol {
        Protocol::RpcV2Cbor => service::parse_input_in(protocol, operation, body),
        _ => service::parse_input(operation, body),
    };
    match parsed {
        Some(Ok(_)) => (r#"{"valid":true}"#.to_owned(), true),
        Some(Err(error)) => (invalid_document(&error), false),
        None => (unknown_operation_document(operation), false),
    }
}

/// `{"valid":false,"error":...,"message":...,"fieldList":[...]}`, fields in this order.
#[derive(Serialize)]
struct Rejection<'a> {
    valid: bool,
    error: &'a str,
    message: String,
    #[serde(rename = "fieldList", skip_serializing_if = "Option::is_none")]
    field_list: Option<Vec<Field>>,
}

/// One `fieldList` entry: a JSON pointer and the Smithy-style message.
#[derive(Serialize)]
struct Field {
    path: String,
    message: String,
}

/// The same rejection for `parse-response` records, keyed `ok`.
#[derive(Serialize)]
struct RecordRejection<'a> {
    ok: bool,
    error: &'a str,
    message: String,
}

fn rejection(error: &str, message: String, field_list: Option<Vec<Field>>) -> String {
    to_text(&Rejection {
        valid: false,
        error,
        message,
        field_list,
    })
}

/// [`validate`] for a body already known to be UTF-8.
fn validate_str(operation: &str, body: &str) -> (String, bool) {
    match service::parse_input_str(operation, body) {
        Some(Ok(_)) => (r#"{"valid":true}"#.to_owned(), true),
        Some(Err(error)) => (invalid_document(&error), false),
        None => (unknown_operation_document(operation), false),
    }
}

fn invalid_document(error: &InputError) -> String {
    match error {
        InputError::Serialization(e) => rejection("SerializationException", e.to_string(), None),
        InputError::Cbor(e) => rejection("SerializationException", e.to_string(), None),
        InputError::Validation(errors) => validation_document(errors),
    }
}

/// The `ValidationException` document: the library's members
/// ([`ValidationErrors::write_exception_members`], the body the request pipeline answers
/// with) after `"valid":false,"error":"ValidationException"`.
fn validation_document(errors: &ValidationErrors) -> String {
    let mut out = String::with_capacity(1024);
    out.push_str(r#"{"valid":false,"error":"ValidationException","#);
    errors.write_exception_members(&mut out);
    out.push('}');
    out
}

fn unknown_operation_document(operation: &str) -> String {
    rejection(
        "UnknownOperationException",
        check_operation(operation).err().unwrap_or_default(),
        None,
    )
}

/// `{"method":...,"path":...,"headers":{...},"body":...}`, or `"body_base64"` for a
/// binary (CBOR) body.
#[derive(Serialize)]
struct RequestDocument {
    method: String,
    path: String,
    headers: std::collections::BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    body_base64: Option<String>,
}

/// `{"ok":false,"error":{"type":...,"code":...,"message":...,"fault":...}}`.
#[derive(Serialize)]
struct ErrorDocument<'a> {
    ok: bool,
    error: ErrorDetails<'a>,
}

#[derive(Serialize)]
struct ErrorDetails<'a> {
    #[serde(rename = "type")]
    type_name: &'a str,
    code: Option<&'a str>,
    message: Option<&'a str>,
    fault: &'a str,
}

/// The request for an input read as JSON, in `protocol`.
fn request(operation: &str, body: &[u8], protocol: Protocol) -> (String, bool) {
    let request = match service::parse_input(operation, body) {
        Some(Ok(request)) => request.to_http_request_in(protocol),
        Some(Err(error)) => return (invalid_document(&error), false),
        None => return (unknown_operation_document(operation), false),
    };
    let document = RequestDocument {
        method: request.method,
        path: request.path,
        headers: request
            .headers
            .into_iter()
            .map(|(k, v)| (k.to_ascii_lowercase(), v))
            .collect(),
        body: (protocol != Protocol::RpcV2Cbor)
            .then(|| String::from_utf8_lossy(&request.body).into_owned()),
        body_base64: (protocol == Protocol::RpcV2Cbor)
            .then(|| cloudhsm_model::runtime::Blob::new(request.body).to_base64()),
    };
    (to_text(&document), true)
}

fn parse_response(
    operation: &str,
    protocol: Protocol,
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
) -> (String, bool) {
    let Some(response) = service::parse_response_in(protocol, operation, status, headers, body)
    else {
        return (unknown_operation_document(operation), false);
    };
    if let Some(output) = response.output_json() {
        let output = String::from_utf8_lossy(&output);
        return (format!(r#"{{"ok":true,"output":{output}}}"#), true);
    }
    let Some(error) = response.error() else {
        return (
            rejection(
                "Unhandled",
                "the response is neither an output nor an error".to_owned(),
                None,
            ),
            false,
        );
    };
    let document = ErrorDocument {
        ok: false,
        error: ErrorDetails {
            type_name: error.type_name(),
            code: error.code(),
            message: error.message(),
            fault: error.fault().as_str(),
        },
    };
    (to_text(&document), false)
}

/// One `--jsonl` record.
#[derive(Deserialize)]
struct Record<'a> {
    operation: Option<String>,
    #[serde(borrow)]
    body: Option<&'a RawValue>,
    status: Option<u16>,
    #[serde(default)]
    headers: std::collections::BTreeMap<String, String>,
}

/// A record's body: a JSON string is the body text; any other JSON value is the body itself.
fn record_body(body: Option<&RawValue>) -> std::borrow::Cow<'_, str> {
    let Some(raw) = body else {
        return std::borrow::Cow::Borrowed("{}");
    };
    if raw.get().starts_with('"') {
        if let Ok(text) = serde_json::from_str::<String>(raw.get()) {
            return std::borrow::Cow::Owned(text);
        }
    }
    std::borrow::Cow::Borrowed(raw.get())
}

/// A `--jsonl` record's binary body: `{"base64":"..."}` (absent: empty).
fn binary_body(body: Option<&RawValue>) -> Result<Vec<u8>, String> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Base64<'a> {
        #[serde(borrow)]
        base64: std::borrow::Cow<'a, str>,
    }
    let Some(raw) = body else {
        return Ok(Vec::new());
    };
    let wrapped: Base64<'_> = serde_json::from_str(raw.get())
        .map_err(|_| "a CBOR body is given as {\"base64\":\"...\"}".to_owned())?;
    cloudhsm_model::runtime::Blob::from_base64(&wrapped.base64)
        .map(cloudhsm_model::runtime::Blob::into_inner)
        .map_err(|e| format!("the body's base64: {e}"))
}

fn jsonl(command: Command, options: &Options, protocol: Protocol, usage: &'static str) -> Outcome {
    let default_operation = match options.positional.first() {
        Some(name) => {
            check_operation(name).map_err(|message| Failure::Usage(message, usage))?;
            Some(name.as_str())
        }
        None => None,
    };
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    // Large buffers: at tens of thousands of records a second, read and write system calls
    // of 8 KiB each cost as much as a tenth of the work.
    const BUFFER: usize = 1 << 20;
    let mut out = BufWriter::with_capacity(BUFFER, stdout.lock());
    let mut all_ok = true;
    // Lines are read as bytes: serde_json checks the UTF-8 of what it parses, so checking
    // the whole line first would only do that work twice.
    let mut line = Vec::new();
    let mut input = std::io::BufReader::with_capacity(BUFFER, stdin.lock());
    loop {
        line.clear();
        let read = input
            .read_until(b'\n', &mut line)
            .map_err(|e| Failure::Io(format!("cannot read stdin: {e}")))?;
        if read == 0 {
            break;
        }
        let record = line.trim_ascii();
        if record.is_empty() {
            continue;
        }
        let one_pass = (command == Command::Validate && protocol != Protocol::RpcV2Cbor)
            .then(|| one_pass_validate(record))
            .flatten();
        let (document, ok) = one_pass.unwrap_or_else(|| {
            let (document, ok) = jsonl_record(command, record, default_operation, protocol);
            (document.into(), ok)
        });
        all_ok &= ok;
        print_line(&mut out, &document)?;
    }
    out.flush()
        .map_err(|e| Failure::Io(format!("cannot write: {e}")))?;
    Ok(all_ok)
}

/// `validate` of a record in the common shape (`operation` before an object `body`) in one
/// pass: the body is read as the operation's input while the record is read, instead of
/// being found first and parsed again. Anything else, malformed records included, is `None`,
/// and [`jsonl_record`] then reads the record the general way, so the document written is the
/// same either way.
fn one_pass_validate(line: &[u8]) -> Option<(std::borrow::Cow<'static, str>, bool)> {
    use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};

    /// The record's reading: `None` when it is not in the common shape.
    struct RecordVisitor;

    impl<'de> Visitor<'de> for RecordVisitor {
        type Value = Option<(&'de str, Option<Result<service::Request, ValidationErrors>>)>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a record")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut operation: Option<&'de str> = None;
            let mut checked = None;
            let (mut status, mut headers) = (false, false);
            while let Some(key) = map.next_key::<&'de str>()? {
                match key {
                    "operation" if operation.is_none() => operation = Some(map.next_value()?),
                    // Read as the general reading types them, so a record it refuses is
                    // refused here too (an error sends the record there).
                    "status" if !status => {
                        status = true;
                        map.next_value::<Option<u16>>()?;
                    }
                    "headers" if !headers => {
                        headers = true;
                        map.next_value::<std::collections::BTreeMap<String, String>>()?;
                    }
                    "body" if checked.is_none() => {
                        let Some(operation) = operation else {
                            return Ok(None);
                        };
                        match map.next_value_seed(BodySeed(operation))? {
                            Some(result) => checked = Some(result),
                            None => return Ok(None),
                        }
                    }
                    // Repeated members are for the general reading to report.
                    "operation" | "body" | "status" | "headers" => return Ok(None),
                    _ => {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
            }
            Ok(operation.zip(checked))
        }
    }

    /// A body that is a JSON object, read as the operation's input; `None` for any other
    /// JSON (a body given as a string is left to the general reading).
    struct BodySeed<'o>(&'o str);

    impl<'de> DeserializeSeed<'de> for BodySeed<'_> {
        type Value = Option<Option<Result<service::Request, ValidationErrors>>>;

        fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for BodySeed<'_> {
        type Value = Option<Option<Result<service::Request, ValidationErrors>>>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a request body")
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            let seed = service::RequestSeed { operation: self.0 };
            seed.deserialize(serde::de::value::MapAccessDeserializer::new(map))
                .map(Some)
        }

        fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Ok(None)
        }
    }

    // The record's own operation wins over the default, so only one seen before the body
    // is used here; a record relying on the default takes the general reading.
    // One UTF-8 check of the line, then no check per string (a line that is not UTF-8 is
    // for the general reading to report).
    let line = std::str::from_utf8(line).ok()?;
    let mut deserializer = serde_json::Deserializer::from_str(line);
    let (operation, checked) =
        serde::Deserializer::deserialize_map(&mut deserializer, RecordVisitor).ok()??;
    deserializer.end().ok()?;
    Some(match checked {
        Some(Ok(_)) => (r#"{"valid":true}"#.into(), true),
        Some(Err(errors)) => (validation_document(&errors).into(), false),
        None => (unknown_operation_document(operation).into(), false),
    })
}

fn jsonl_record(
    command: Command,
    line: &[u8],
    default_operation: Option<&str>,
    protocol: Protocol,
) -> (String, bool) {
    let reject = |error: &str, message: String| {
        if command == Command::ParseResponse {
            to_text(&RecordRejection {
                ok: false,
                error,
                message,
            })
        } else {
            rejection(error, message, None)
        }
    };
    // Checked once here; the record and its body are then parsed as `str`, which serde_json
    // does not check again.
    let line = match std::str::from_utf8(line) {
        Ok(line) => line,
        Err(e) => {
            return (
                reject(
                    "SerializationException",
                    format!("the line is not UTF-8: {e}"),
                ),
                false,
            )
        }
    };
    let record: Record<'_> = match serde_json::from_str(line) {
        Ok(record) => record,
        Err(e) => {
            return (
                reject(
                    "SerializationException",
                    format!("the line is not a JSON record: {e}"),
                ),
                false,
            )
        }
    };
    let Some(operation) = record.operation.as_deref().or(default_operation) else {
        return (
            reject(
                "UnknownOperationException",
                "the record names no operation".to_owned(),
            ),
            false,
        );
    };
    let body = record_body(record.body);
    // A CBOR body comes as {"base64": "..."}; the input of `request` is JSON either way.
    let binary = match (protocol, command) {
        (Protocol::RpcV2Cbor, Command::Validate | Command::ParseResponse) => {
            match binary_body(record.body) {
                Ok(bytes) => Some(bytes),
                Err(message) => return (reject("SerializationException", message), false),
            }
        }
        _ => None,
    };
    let bytes = binary.as_deref().unwrap_or(body.as_bytes());
    match command {
        Command::Validate | Command::Sample if binary.is_some() => {
            validate(operation, protocol, bytes)
        }
        Command::Validate | Command::Sample => validate_str(operation, &body),
        Command::Request => request(operation, body.as_bytes(), protocol),
        Command::ParseResponse => {
            let headers: Vec<(String, String)> = record.headers.into_iter().collect();
            match record.status {
                Some(status) => parse_response(operation, protocol, status, &headers, bytes),
                None => (
                    reject(
                        "SerializationException",
                        "the record has no status".to_owned(),
                    ),
                    false,
                ),
            }
        }
    }
}

fn sample(options: &Options) -> Outcome {
    let name = options
        .positional
        .first()
        .ok_or_else(|| Failure::Usage("missing the shape name".to_owned(), SAMPLE_HELP))?;
    let count: usize = parse_number(options.count.as_deref(), 10, "--count")?;
    let seed: u64 = parse_number(options.seed.as_deref(), 0, "--seed")?;
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes),
    );
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let unknown = || {
        Failure::Usage(
            format!(
                "unknown shape `{name}`; the shapes are: {}",
                strategies::NAMES.join(", ")
            ),
            SAMPLE_HELP,
        )
    };
    if options.invalid {
        let strategy = strategies::invalid_by_name(name).ok_or_else(|| {
            Failure::Usage(
                format!(
                    "--invalid takes an operation input such as {}Input",
                    service::OPERATION_NAMES
                        .first()
                        .copied()
                        .unwrap_or("Operation")
                ),
                SAMPLE_HELP,
            )
        })?;
        for _ in 0..count {
            let (body, expected) = new_value(&strategy, &mut runner)?;
            let document = json!({
                "body": body,
                "expected": { "path": expected.json_pointer(), "violation": format!("{:?}", expected.kind) },
            });
            print_line(&mut out, &to_text(&document))?;
        }
    } else {
        let strategy = strategies::by_name(name).ok_or_else(unknown)?;
        for _ in 0..count {
            let value = new_value(&strategy, &mut runner)?;
            print_line(&mut out, &value)?;
        }
    }
    out.flush()
        .map_err(|e| Failure::Io(format!("cannot write: {e}")))?;
    Ok(true)
}

fn new_value<T: std::fmt::Debug>(
    strategy: &impl Strategy<Value = T>,
    runner: &mut TestRunner,
) -> Result<T, Failure> {
    strategy
        .new_tree(runner)
        .map(|tree| tree.current())
        .map_err(|e| Failure::Io(format!("cannot generate a value: {e}")))
}

fn parse_number<T: std::str::FromStr>(
    text: Option<&str>,
    default: T,
    name: &str,
) -> Result<T, Failure> {
    match text {
        None => Ok(default),
        Some(text) => text.parse().map_err(|_| {
            Failure::Usage(
                format!("{name} `{text}` is not a whole number"),
                SAMPLE_HELP,
            )
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-written document against serializing the same rejection with serde_json,
    /// on values full of what JSON must escape.
    #[test]
    fn the_validation_document_is_what_serde_json_writes() {
        let body = "{\"DestinationRegion\":\"x\\\"\\\\\\n\\u0001\\u007f\\u00e9\\ud83d\\ude00\",\
                    \"BackupId\":\"b\\r\\b\\f\",\"TagList\":[{\"Key\":\"\\t\",\"Value\":\"\\u001f/~\"}]}";
        let Some(Err(InputError::Validation(errors))) =
            service::parse_input("CopyBackupToRegion", body.as_bytes())
        else {
            panic!("the body should be invalid");
        };
        assert!(errors.len() >= 3);
        let expected = rejection(
            "ValidationException",
            errors.to_string(),
            Some(
                errors
                    .iter()
                    .map(|v| Field {
                        path: v.json_pointer(),
                        message: v.smithy_message(),
                    })
                    .collect(),
            ),
        );
        assert_eq!(validation_document(&errors), expected);
    }
}
