//! The official Smithy protocol compliance suites, run against code the generator produced
//! for their services (`build.rs` generates each suite's service from
//! `../shared/protocol-tests/` and writes its merged model beside it).
//!
//! A table-driven runner: the cases are read from the model's `smithy.test#httpRequestTests`
//! and `#httpResponseTests` traits at run time, and each side is driven through the
//! generated `service` module, by operation name:
//!
//! - client request: params -> `parse_input` -> `to_http_request`, compared with the case's
//!   method, uri, headers (required and forbidden too) and body (JSON compared as JSON);
//! - server request: the case's headers and body -> `parse_request`, compared with the input
//!   the params make;
//! - client response: the case's status, headers and body -> `parse_response`, compared with
//!   the output or error the params make;
//! - server response: the params' output or error -> `to_http_response`, compared with the
//!   case's status, headers and body.
//!
//! Params are Smithy node values; they become the protocol's JSON through the model (blobs
//! are base64, timestamps take their member's format), independently of the generated code.
//! Every case passes or is in [`SKIPPED`] with its reason. Run alone with
//! `cargo test -p conformance --test protocol_suites -- --nocapture`.

use cloudhsm_model::runtime::wire::Protocol;
use serde_json::{json, Value};

/// Cases this crate does not run, each with why: features outside the crate (the HTTP
/// layer's, or semantics the README sets differently), and cases that leave out what the
/// protocol requires. Reviewed: each id is checked against its case's documentation.
const SKIPPED: &[(&str, Option<Side>, &str)] = &[
    ("AwsJson11HostWithPath", None, "endpoint paths are the HTTP stack's: requests here go to `/`"),
    ("AwsJson10HostWithPath", None, "endpoint paths are the HTTP stack's: requests here go to `/`"),
    ("AwsJson11EndpointTrait", None, "endpoint host prefixes (@endpoint) are outside this crate"),
    ("AwsJson11EndpointTraitWithHostLabel", None, "endpoint host prefixes (@endpoint) are outside this crate"),
    ("AwsJson10EndpointTrait", None, "endpoint host prefixes (@endpoint) are outside this crate"),
    ("AwsJson10EndpointTraitWithHostLabel", None, "endpoint host prefixes (@endpoint) are outside this crate"),
    ("SDKAppliedContentEncoding_awsJson1_1", None, "request compression (@requestCompression) is the HTTP stack's"),
    ("SDKAppendsGzipAndIgnoresHttpProvidedEncoding_awsJson1_1", None, "request compression (@requestCompression) is the HTTP stack's"),
    ("SDKAppliedContentEncoding_awsJson1_0", None, "request compression (@requestCompression) is the HTTP stack's"),
    ("SDKAppendsGzipAndIgnoresHttpProvidedEncoding_awsJson1_0", None, "request compression (@requestCompression) is the HTTP stack's"),
    ("parses_the_request_id_from_the_response", Some(Side::Server), "a request id is the HTTP stack's to send, not a value of the output"),
    ("AwsJson11IntEnums", Some(Side::Server), "the response case expects the request's X-Amz-Target header on the response"),
    ("AwsJson10ClientErrorCorrectsWhenServerFailsToSerializeRequiredValues", None, "client error correction: an absent @required member of an output stays absent, written back as received (README)"),
    ("RestJsonMalformedLengthQueryStringNoValue", Some(Side::Server), "restJson1 HTTP bindings (the string in the query) are outside this crate's protocols"),
    ("RestJsonMalformedRequiredBodyUnset", Some(Side::Server), "restJson1 HTTP bindings (required members in the query and a header) are outside this crate's protocols"),
    ("RestJsonMalformedRequiredBodyExplicitNull", Some(Side::Server), "restJson1 HTTP bindings (required members in the query and a header) are outside this crate's protocols"),
    ("RestJsonMalformedRequiredHeaderUnset", Some(Side::Server), "restJson1 HTTP bindings (a missing required header) are outside this crate's protocols"),
    ("RestJsonMalformedPatternReDOSString", Some(Side::Server), "the case is defective (smithy-lang/smithy#1506): without testParameters nothing is substituted, so its `$$` is not the model's pattern `^([0-9]+)+$`"),
];

/// Headers a case leaves out although its protocol requires them, added before the case is
/// run: (case id, header, value). Reviewed: each is a defect of the suite, not a feature.
const ADDED_HEADERS: &[(&str, &str, &str)] = &[
    // awsJson1_0 routes by X-Amz-Target; these two server cases send none
    // (smithy-lang/smithy#1391), and a service cannot tell which operation they call.
    (
        "AwsJson10ServerPopulatesDefaultsWhenMissingInRequestBody",
        "X-Amz-Target",
        "JsonRpc10.OperationWithDefaults",
    ),
    (
        "AwsJson10ServerPopulatesNestedDefaultsWhenMissingInRequestBody",
        "X-Amz-Target",
        "JsonRpc10.OperationWithNestedStructure",
    ),
];

/// Headers as the suites give them.
type Headers = [(String, String)];

/// One generated service, driven by operation name. Params come as wire JSON; what was
/// parsed is handed back re-serialized as awsJson 1.1 JSON (every generated type has it,
/// whatever the service's protocol), so values compare in one form.
struct Api {
    /// params -> the request a client sends in the protocol.
    client_request: fn(Protocol, &str, &[u8]) -> Result<Http, String>,
    /// A received request (path, headers, body) -> (operation, the parsed input as JSON).
    server_request: fn(&str, &Headers, &[u8]) -> Result<Parsed, String>,
    /// A received response in the protocol -> (error type, the parsed response as JSON).
    client_response: fn(Protocol, &str, u16, &Headers, &[u8]) -> Received,
    /// The output or error the params make (`error`: the error shape's name) -> the response
    /// a service sends in the protocol.
    server_response: fn(Protocol, &str, Option<&str>, &[u8]) -> Outcome,
}

/// The form parsed values are compared in.
const CANONICAL: Protocol = Protocol::AwsJson1_1;

/// A request a service read: its operation and its input re-serialized.
type Parsed = (String, Vec<u8>);

/// A response a client read: its error type, if any, and the response re-serialized; or
/// why it could not be read.
type Received = Result<(Option<String>, Http), String>;

/// A message made, or why it could not be.
type Outcome = Result<Http, String>;

/// An HTTP message as the runner compares it.
#[derive(Debug)]
struct Http {
    status: u16,
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

macro_rules! api {
    ($module:ident) => {{
        use conformance::$module::service;
        use conformance::$module::service::Response;
        fn error_type(response: &Response) -> Option<String> {
            response.error().map(|e| e.type_name().to_owned())
        }
        fn response(r: cloudhsm_model::runtime::wire::HttpResponseParts) -> Http {
            Http {
                status: r.status,
                method: String::new(),
                path: String::new(),
                headers: r.headers,
                body: r.body,
            }
        }
        Api {
            client_request: |protocol, operation, params| match service::parse_input(
                operation, params,
            ) {
                None => Err(format!("no operation {operation}")),
                Some(Err(e)) => Err(format!("the params are not a valid input: {e}")),
                Some(Ok(input)) => {
                    let r = input.to_http_request_in(protocol);
                    Ok(Http {
                        status: 0,
                        method: r.method,
                        path: r.path,
                        headers: r.headers,
                        body: r.body,
                    })
                }
            },
            // The service side acts on the input with its defaults filled, as the suites
            // expect of a server (`with_defaults`).
            server_request: |path, headers, body| match service::parse_request(path, headers, body)
            {
                Ok(input) => Ok((
                    input.operation_name().to_owned(),
                    input.with_defaults().to_http_request_in(CANONICAL).body,
                )),
                Err(e) => Err(format!("rejected: {} {}", e.code(), e.message())),
            },
            client_response: |protocol, operation, status, headers, body| {
                match service::parse_response_in(protocol, operation, status, headers, body) {
                    None => Err(format!("no operation {operation}")),
                    Some(parsed) => Ok((
                        error_type(&parsed),
                        response(parsed.to_http_response_in(CANONICAL)),
                    )),
                }
            },
            server_response: |protocol, operation, error, params| {
                let (status, headers) = match error {
                    None => (200, Vec::new()),
                    Some(name) => (400, vec![("X-Amzn-Errortype", name)]),
                };
                match service::parse_response_in(CANONICAL, operation, status, &headers, params) {
                    None => Err(format!("no operation {operation}")),
                    Some(made) if error_type(&made).as_deref() != error => Err(format!(
                        "the params made {:?}, not {error:?}",
                        error_type(&made)
                    )),
                    Some(made) => Ok(response(made.to_http_response_in(protocol))),
                }
            },
        }
    }};
}

/// Which side of the protocol a case is run for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Side {
    Client,
    Server,
}

impl Side {
    fn name(self) -> &'static str {
        match self {
            Side::Client => "client",
            Side::Server => "server",
        }
    }
}

/// One case of a suite, with where it was found.
struct Case<'a> {
    /// The operation the case exercises.
    operation: String,
    /// For a response case on an error structure, that error's name.
    error: Option<String>,
    /// `true` for `httpRequestTests`.
    request: bool,
    case: &'a Value,
}

impl Case<'_> {
    fn id(&self) -> &str {
        self.case["id"].as_str().unwrap_or("<no id>")
    }

    fn applies_to(&self, side: Side) -> bool {
        match self.case.get("appliesTo").and_then(Value::as_str) {
            None => true,
            Some(only) => only == side.name(),
        }
    }
}

/// A suite's merged model, as `build.rs` wrote it.
struct Model {
    shapes: serde_json::Map<String, Value>,
}

impl Model {
    fn read(path: &str) -> Model {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let value: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        Model {
            shapes: value["shapes"].as_object().cloned().unwrap_or_default(),
        }
    }

    fn shape(&self, id: &str) -> &Value {
        static NONE: Value = Value::Null;
        self.shapes.get(id).unwrap_or(&NONE)
    }

    /// The service's operations, in the service's order.
    fn operations(&self, service: &str) -> Vec<String> {
        let mut found = Vec::new();
        let mut containers = vec![service.to_owned()];
        while let Some(id) = containers.pop() {
            let shape = self.shape(&id);
            for key in ["operations", "collectionOperations"] {
                for op in shape[key].as_array().into_iter().flatten() {
                    found.extend(op["target"].as_str().map(str::to_owned));
                }
            }
            for key in ["create", "put", "read", "update", "delete", "list"] {
                found.extend(shape[key]["target"].as_str().map(str::to_owned));
            }
            for resource in shape["resources"].as_array().into_iter().flatten() {
                containers.extend(resource["target"].as_str().map(str::to_owned));
            }
        }
        found
    }

    /// Every case of the service for `protocol`: on its operations, and on the errors they
    /// name (run through the first operation that names the error).
    fn cases(&self, service: &str, protocol: &str) -> Vec<Case<'_>> {
        let operations = self.operations(service);
        let mut cases = Vec::new();
        let mut errors_seen = Vec::new();
        let name = |id: &str| id.rsplit('#').next().unwrap_or(id).to_owned();
        for op in &operations {
            let shape = self.shape(op);
            for (key, request) in [
                ("smithy.test#httpRequestTests", true),
                ("smithy.test#httpResponseTests", false),
            ] {
                for case in shape["traits"][key].as_array().into_iter().flatten() {
                    if case["protocol"] == protocol {
                        cases.push(Case {
                            operation: name(op),
                            error: None,
                            request,
                            case,
                        });
                    }
                }
            }
            for error in shape["errors"].as_array().into_iter().flatten() {
                let Some(error) = error["target"].as_str() else {
                    continue;
                };
                if errors_seen.contains(&error) {
                    continue;
                }
                errors_seen.push(error);
                let tests = &self.shape(error)["traits"]["smithy.test#httpResponseTests"];
                for case in tests.as_array().into_iter().flatten() {
                    if case["protocol"] == protocol {
                        cases.push(Case {
                            operation: name(op),
                            error: Some(name(error)),
                            request: false,
                            case,
                        });
                    }
                }
            }
        }
        cases
    }

    /// A node value of shape `target` as the protocol's JSON.
    fn to_wire(&self, target: &str, value: &Value, format: Option<&str>) -> Value {
        let shape = self.shape(target);
        let shape_type = match target {
            "smithy.api#Blob" => "blob",
            "smithy.api#Timestamp" => "timestamp",
            _ => shape["type"].as_str().unwrap_or("other"),
        };
        let format = format.or_else(|| shape["traits"]["smithy.api#timestampFormat"].as_str());
        match (shape_type, value) {
            ("blob", Value::String(text)) => {
                Value::String(cloudhsm_model::runtime::Blob::new(text.as_bytes()).to_base64())
            }
            ("timestamp", Value::Number(n)) => timestamp(n, format.unwrap_or("epoch-seconds")),
            ("list" | "set", Value::Array(items)) => {
                let member = &shape["member"];
                Value::Array(items.iter().map(|v| self.member(member, v)).collect())
            }
            ("map", Value::Object(entries)) => {
                let member = &shape["value"];
                Value::Object(
                    entries
                        .iter()
                        .map(|(k, v)| (k.clone(), self.member(member, v)))
                        .collect(),
                )
            }
            ("structure" | "union", Value::Object(entries)) => Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.clone(), self.member(self.member_of(shape, k), v)))
                    .collect(),
            ),
            _ => value.clone(),
        }
    }

    /// A structure's or union's member, its mixins' included (the merged model keeps mixins
    /// as references).
    fn member_of<'s>(&'s self, shape: &'s Value, name: &str) -> &'s Value {
        if let Some(member) = shape["members"].get(name) {
            return member;
        }
        for mixin in shape["mixins"].as_array().into_iter().flatten() {
            let mixin = self.shape(mixin["target"].as_str().unwrap_or(""));
            let found = self.member_of(mixin, name);
            if !found.is_null() {
                return found;
            }
        }
        &Value::Null
    }

    fn member(&self, member: &Value, value: &Value) -> Value {
        if value.is_null() {
            return Value::Null;
        }
        let target = member["target"].as_str().unwrap_or("");
        let format = member["traits"]["smithy.api#timestampFormat"].as_str();
        self.to_wire(target, value, format)
    }

    /// An operation's params (of its input, output, or the named error) as wire JSON bytes.
    fn params(&self, case: &Case<'_>, service_namespace: &str) -> Vec<u8> {
        let params = case.case.get("params").cloned().unwrap_or(json!({}));
        let op = self.shape(&format!("{service_namespace}#{}", case.operation));
        let target = match (&case.error, case.request) {
            (Some(error), _) => self.error_id(op, error),
            (None, true) => op["input"]["target"].as_str().unwrap_or("").to_owned(),
            (None, false) => op["output"]["target"].as_str().unwrap_or("").to_owned(),
        };
        serde_json::to_vec(&self.to_wire(&target, &params, None)).unwrap_or_default()
    }

    fn error_id(&self, op: &Value, error: &str) -> String {
        op["errors"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| e["target"].as_str())
            .find(|id| id.ends_with(&format!("#{error}")))
            .unwrap_or("")
            .to_owned()
    }
}

/// An epoch-seconds node value in a timestamp format.
fn timestamp(n: &serde_json::Number, format: &str) -> Value {
    use cloudhsm_model::runtime::{DateTime, HttpDate, Rfc3339DateTime};
    if format == "epoch-seconds" {
        return Value::Number(n.clone());
    }
    // From the number's text, so `946845296.123` is exactly .123 seconds.
    let Ok(instant) = DateTime::from_epoch_seconds_str(&n.to_string()) else {
        return Value::Number(n.clone());
    };
    let text = match format {
        "http-date" => HttpDate(instant).to_text(),
        _ => Rfc3339DateTime(instant).to_text(),
    };
    text.map(Value::String)
        .unwrap_or_else(|_| Value::Number(n.clone()))
}

/// JSON equality with numbers compared by value (`1` is `1.0`).
fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| json_eq(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w)))
        }
        _ => a == b,
    }
}

/// Compares a body with the case's: as JSON when the case says it is JSON, as CBOR data
/// items in the CBOR suite (whose bodies are base64); a case without a body asserts nothing.
fn compare_body(case: &Value, protocol: Protocol, actual: &[u8]) -> Result<(), String> {
    let Some(expected) = case["body"].as_str() else {
        return Ok(());
    };
    let media = case["bodyMediaType"].as_str().unwrap_or("");
    if media.contains("json") && !expected.is_empty() {
        let want: Value =
            serde_json::from_str(expected).map_err(|e| format!("the case's body: {e}"))?;
        let have: Value = serde_json::from_slice(actual).map_err(|e| {
            format!(
                "body is not JSON ({e}): {}",
                String::from_utf8_lossy(actual)
            )
        })?;
        if json_eq(&want, &have) {
            return Ok(());
        }
        return Err(format!("body {have} is not {want}"));
    }
    if protocol == Protocol::RpcV2Cbor {
        let want = decode_base64(expected)?;
        if want.is_empty() || actual.is_empty() {
            return if want.is_empty() == actual.is_empty() {
                Ok(())
            } else {
                Err(format!(
                    "body is {} bytes, not {}",
                    actual.len(),
                    want.len()
                ))
            };
        }
        let want: Cbor = from_cbor(&want).map_err(|e| format!("the case's body: {e}"))?;
        let have: Cbor = from_cbor(actual).map_err(|e| format!("body is not CBOR: {e}"))?;
        if want.same(&have) {
            return Ok(());
        }
        return Err(format!("body {have:?} is not {want:?}"));
    }
    if expected.as_bytes() == actual {
        Ok(())
    } else {
        Err(format!(
            "body {:?} is not {expected:?}",
            String::from_utf8_lossy(actual)
        ))
    }
}

/// The case's body as bytes: the CBOR suite gives every body in base64.
fn case_body(case: &Value, protocol: Protocol) -> Result<Vec<u8>, String> {
    let body = case["body"].as_str().unwrap_or("");
    if protocol == Protocol::RpcV2Cbor {
        decode_base64(body)
    } else {
        Ok(body.as_bytes().to_vec())
    }
}

fn decode_base64(text: &str) -> Result<Vec<u8>, String> {
    cloudhsm_model::runtime::Blob::from_base64(text)
        .map(|b| b.as_bytes().to_vec())
        .map_err(|e| format!("the case's base64 body: {e}"))
}

fn from_cbor(bytes: &[u8]) -> Result<Cbor, String> {
    cloudhsm_model::runtime::cbor::from_slice(bytes).map_err(|e| e.to_string())
}

/// A CBOR data item as the suites compare bodies: numbers by value (an integer may stand
/// for a float), maps by key whatever their order or length encoding.
#[derive(Debug)]
enum Cbor {
    Bool(bool),
    Number(f64),
    Text(String),
    Bytes(Vec<u8>),
    Null,
    Array(Vec<Cbor>),
    Map(Vec<(Cbor, Cbor)>),
    /// Tag 1 (a timestamp) around its number.
    Epoch(Box<Cbor>),
}

impl Cbor {
    fn same(&self, other: &Cbor) -> bool {
        match (self, other) {
            (Cbor::Number(a), Cbor::Number(b)) => a == b || (a.is_nan() && b.is_nan()),
            (Cbor::Bool(a), Cbor::Bool(b)) => a == b,
            (Cbor::Text(a), Cbor::Text(b)) => a == b,
            (Cbor::Bytes(a), Cbor::Bytes(b)) => a == b,
            (Cbor::Null, Cbor::Null) => true,
            (Cbor::Array(a), Cbor::Array(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.same(y))
            }
            (Cbor::Map(a), Cbor::Map(b)) => {
                a.len() == b.len()
                    && a.iter()
                        .all(|(k, v)| b.iter().any(|(l, w)| k.same(l) && v.same(w)))
            }
            (Cbor::Epoch(a), Cbor::Epoch(b)) => a.same(b),
            _ => false,
        }
    }
}

impl<'de> serde::Deserialize<'de> for Cbor {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::{MapAccess, SeqAccess, Visitor};
        struct Any;
        impl<'de> Visitor<'de> for Any {
            type Value = Cbor;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a CBOR item")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Cbor, E> {
                Ok(Cbor::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Cbor, E> {
                Ok(Cbor::Number(v as f64))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Cbor, E> {
                Ok(Cbor::Number(v as f64))
            }
            fn visit_i128<E>(self, v: i128) -> Result<Cbor, E> {
                Ok(Cbor::Number(v as f64))
            }
            fn visit_f32<E>(self, v: f32) -> Result<Cbor, E> {
                Ok(Cbor::Number(f64::from(v)))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Cbor, E> {
                Ok(Cbor::Number(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Cbor, E> {
                Ok(Cbor::Text(v.to_owned()))
            }
            fn visit_bytes<E>(self, v: &[u8]) -> Result<Cbor, E> {
                Ok(Cbor::Bytes(v.to_vec()))
            }
            fn visit_none<E>(self) -> Result<Cbor, E> {
                Ok(Cbor::Null)
            }
            fn visit_unit<E>(self) -> Result<Cbor, E> {
                Ok(Cbor::Null)
            }
            fn visit_newtype_struct<D: serde::Deserializer<'de>>(
                self,
                inner: D,
            ) -> Result<Cbor, D::Error> {
                Ok(Cbor::Epoch(Box::new(inner.deserialize_any(Any)?)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Cbor, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Cbor::Array(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Cbor, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Cbor::Map(entries))
            }
        }
        deserializer.deserialize_any(Any)
    }
}

fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// The case's expected, required and forbidden headers against `actual`.
fn compare_headers(case: &Value, actual: &[(String, String)]) -> Result<(), String> {
    for (name, value) in case["headers"].as_object().into_iter().flatten() {
        let want = value.as_str().unwrap_or("");
        match find_header(actual, name) {
            Some(have) if have == want => {}
            have => return Err(format!("header {name} is {have:?}, not {want:?}")),
        }
    }
    for name in case["requireHeaders"].as_array().into_iter().flatten() {
        let name = name.as_str().unwrap_or("");
        if find_header(actual, name).is_none() {
            return Err(format!("required header {name} is missing"));
        }
    }
    for name in case["forbidHeaders"].as_array().into_iter().flatten() {
        let name = name.as_str().unwrap_or("");
        if let Some(have) = find_header(actual, name) {
            return Err(format!("forbidden header {name} is present ({have:?})"));
        }
    }
    Ok(())
}

/// The case's headers, with any it lacks from [`ADDED_HEADERS`].
fn case_headers(case: &Value) -> Vec<(String, String)> {
    let id = case["id"].as_str().unwrap_or("");
    let added = ADDED_HEADERS
        .iter()
        .filter(|(case_id, _, _)| *case_id == id)
        .map(|(_, name, value)| ((*name).to_owned(), (*value).to_owned()));
    case["headers"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_owned()))
        .chain(added)
        .collect()
}

fn run_case(
    api: &Api,
    protocol: Protocol,
    model: &Model,
    namespace: &str,
    case: &Case<'_>,
    side: Side,
) -> Result<(), String> {
    let c = case.case;
    let params = model.params(case, namespace);
    let body = case_body(c, protocol)?;
    let body = body.as_slice();
    match (case.request, side) {
        (true, Side::Client) => {
            let http = (api.client_request)(protocol, &case.operation, &params)?;
            let method = c["method"].as_str().unwrap_or("POST");
            if http.method != method {
                return Err(format!("method {} is not {method}", http.method));
            }
            let uri = c["uri"].as_str().unwrap_or("/");
            if http.path != uri {
                return Err(format!("uri {} is not {uri}", http.path));
            }
            compare_headers(c, &http.headers)?;
            compare_body(c, protocol, &http.body)
        }
        (true, Side::Server) => {
            let uri = c["uri"].as_str().unwrap_or("/");
            let (operation, parsed) = (api.server_request)(uri, &case_headers(c), body)?;
            if operation != case.operation {
                return Err(format!("parsed as {operation}, not {}", case.operation));
            }
            let expected = (api.client_request)(CANONICAL, &case.operation, &params)?;
            let parsed: Value = serde_json::from_slice(&parsed).map_err(|e| e.to_string())?;
            let expected: Value =
                serde_json::from_slice(&expected.body).map_err(|e| e.to_string())?;
            if json_eq(&parsed, &expected) {
                Ok(())
            } else {
                Err(format!("parsed input {parsed} is not {expected}"))
            }
        }
        (false, Side::Client) => {
            let status = c["code"].as_u64().unwrap_or(200) as u16;
            let (error, parsed) =
                (api.client_response)(protocol, &case.operation, status, &case_headers(c), body)?;
            if error != case.error {
                return Err(format!("parsed as error {error:?}, not {:?}", case.error));
            }
            let expected =
                (api.server_response)(CANONICAL, &case.operation, case.error.as_deref(), &params)?;
            let parsed: Value = serde_json::from_slice(&parsed.body).unwrap_or(Value::Null);
            let expected: Value = serde_json::from_slice(&expected.body).unwrap_or(Value::Null);
            if json_eq(&parsed, &expected) {
                Ok(())
            } else {
                Err(format!("parsed response {parsed} is not {expected}"))
            }
        }
        (false, Side::Server) => {
            let http =
                (api.server_response)(protocol, &case.operation, case.error.as_deref(), &params)?;
            let status = c["code"].as_u64().unwrap_or(200) as u16;
            if http.status != status {
                return Err(format!("status {} is not {status}", http.status));
            }
            compare_headers(c, &http.headers)?;
            compare_body(c, protocol, &http.body)
        }
    }
}

/// Runs one suite on both sides, printing a summary line per side and every failure.
/// Returns the number of failures.
fn run_suite(
    name: &str,
    model_file: &str,
    service: &str,
    (protocol_trait, protocol): (&str, Protocol),
    api: &Api,
) -> usize {
    let model = Model::read(model_file);
    let namespace = service.split('#').next().unwrap_or("");
    let cases = model.cases(service, protocol_trait);
    let mut failed_total = 0;
    let mut skipped_ids = std::collections::BTreeSet::new();
    for side in [Side::Client, Side::Server] {
        let (mut passed, mut skipped, mut failed) = (0, 0, 0);
        for case in cases.iter().filter(|c| c.applies_to(side)) {
            let skip = SKIPPED
                .iter()
                .any(|(id, only, _)| *id == case.id() && only.is_none_or(|only| only == side));
            if skip {
                skipped += 1;
                skipped_ids.insert(case.id());
                continue;
            }
            match run_case(api, protocol, &model, namespace, case, side) {
                Ok(()) => passed += 1,
                Err(why) => {
                    failed += 1;
                    eprintln!("FAILED {name} {} {}: {why}", side.name(), case.id());
                }
            }
        }
        println!(
            "protocol suite {name} {}: {passed} passed, {skipped} skipped, {failed} failed",
            side.name()
        );
        failed_total += failed;
    }
    failed_total + too_many_skipped(name, skipped_ids.len(), cases.len())
}

/// 1 (and why) if more than a tenth of a suite's cases are skipped, on either side; else 0.
fn too_many_skipped(name: &str, skipped: usize, cases: usize) -> usize {
    if skipped * 10 > cases {
        eprintln!("FAILED {name}: {skipped} of {cases} cases are skipped, more than a tenth");
        1
    } else {
        0
    }
}

/// The restJson1 validation suite's HTTP binding traits: a member bound to the uri, the
/// query string or headers is read from there by restJson1, not from the body this runner
/// parses (`httpPayload` too: its body is the member's value, not the input's document).
const HTTP_BINDINGS: [&str; 6] = [
    "smithy.api#httpLabel",
    "smithy.api#httpQuery",
    "smithy.api#httpQueryParams",
    "smithy.api#httpHeader",
    "smithy.api#httpPrefixHeaders",
    "smithy.api#httpPayload",
];

/// A `httpMalformedRequestTests` case with its `testParameters` expanded: one case per
/// index, `<id>_case<index>` as Smithy names them.
struct Malformed {
    operation: String,
    id: String,
    case: Value,
}

/// Substitutes `testParameters` into `text` as Smithy's `CodeWriter` does: `$name:L` is the
/// value at this index, `$name:S` the value as a quoted string, `$$` a literal `$`.
fn substitute(text: &str, params: &[(String, String)]) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        if let Some(after) = rest.strip_prefix('$') {
            out.push('$');
            rest = after;
            continue;
        }
        let name_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let (name, after) = rest.split_at(name_len);
        let mut chars = after.chars();
        let (Some(':'), Some(format)) = (chars.next(), chars.next()) else {
            return Err(format!("`${name}` in {text:?} has no `:L` or `:S`"));
        };
        let Some((_, value)) = params.iter().find(|(n, _)| n == name) else {
            return Err(format!("`${name}` in {text:?} is not a test parameter"));
        };
        match format {
            'L' => out.push_str(value),
            'S' => out.push_str(&Value::String(value.clone()).to_string()),
            other => return Err(format!("`${name}:{other}` in {text:?}: no such format")),
        }
        rest = chars.as_str();
    }
    out.push_str(rest);
    Ok(out)
}

/// Every string of a case's `request` and `response`, and the keys of their headers,
/// substituted.
fn substitute_all(value: &Value, params: &[(String, String)]) -> Result<Value, String> {
    Ok(match value {
        Value::String(text) => Value::String(substitute(text, params)?),
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|v| substitute_all(v, params))
                .collect::<Result<_, _>>()?,
        ),
        Value::Object(entries) => Value::Object(
            entries
                .iter()
                .map(|(k, v)| Ok((substitute(k, params)?, substitute_all(v, params)?)))
                .collect::<Result<_, String>>()?,
        ),
        other => other.clone(),
    })
}

impl Model {
    /// The service's `httpMalformedRequestTests` cases for `protocol`, expanded.
    fn malformed_cases(&self, service: &str, protocol: &str) -> Result<Vec<Malformed>, String> {
        let mut found = Vec::new();
        for op in self.operations(service) {
            let operation = op.rsplit('#').next().unwrap_or(&op).to_owned();
            let tests = &self.shape(&op)["traits"]["smithy.test#httpMalformedRequestTests"];
            for case in tests.as_array().into_iter().flatten() {
                if case["protocol"] != protocol {
                    continue;
                }
                let id = case["id"].as_str().unwrap_or("<no id>");
                let params: Vec<(&String, Vec<String>)> = case["testParameters"]
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(name, values)| {
                        let values = values.as_array().into_iter().flatten();
                        (
                            name,
                            values
                                .filter_map(Value::as_str)
                                .map(str::to_owned)
                                .collect(),
                        )
                    })
                    .collect();
                // Without parameters nothing is substituted (not even `$$`), as Smithy's
                // `HttpMalformedRequestTestsTrait#getTestCases` does.
                let Some(count) = params.first().map(|(_, values)| values.len()) else {
                    found.push(Malformed {
                        operation: operation.clone(),
                        id: id.to_owned(),
                        case: case.clone(),
                    });
                    continue;
                };
                if params.iter().any(|(_, values)| values.len() != count) {
                    return Err(format!("{id}: its testParameters differ in length"));
                }
                for index in 0..count {
                    let at: Vec<(String, String)> = params
                        .iter()
                        .map(|(name, values)| ((*name).clone(), values[index].clone()))
                        .collect();
                    let mut expanded = case.clone();
                    for key in ["request", "response"] {
                        expanded[key] =
                            substitute_all(&case[key], &at).map_err(|e| format!("{id}: {e}"))?;
                    }
                    found.push(Malformed {
                        operation: operation.clone(),
                        id: format!("{id}_case{index}"),
                        case: expanded,
                    });
                }
            }
        }
        Ok(found)
    }

    /// A structure's members, its mixins' included, by name.
    fn all_members<'s>(&'s self, shape: &'s Value, into: &mut Vec<(&'s str, &'s Value)>) {
        for (name, member) in shape["members"].as_object().into_iter().flatten() {
            if !into.iter().any(|(n, _)| *n == name) {
                into.push((name, member));
            }
        }
        for mixin in shape["mixins"].as_array().into_iter().flatten() {
            self.all_members(self.shape(mixin["target"].as_str().unwrap_or("")), into);
        }
    }

    /// The HTTP bindings a case exercises: the operation input's members bound to the uri,
    /// query string or headers whose value the request sends there, or whose path the
    /// expected `fieldList` names (as `member (trait)`).
    fn bindings_exercised(&self, namespace: &str, case: &Malformed) -> Vec<String> {
        let op = self.shape(&format!("{namespace}#{}", case.operation));
        let input = self.shape(op["input"]["target"].as_str().unwrap_or(""));
        let mut members = Vec::new();
        self.all_members(input, &mut members);
        let request = &case.case["request"];
        let query_names: Vec<&str> = request["queryParams"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(|pair| pair.split('=').next().unwrap_or(pair))
            .collect();
        let headers: Vec<&String> = request["headers"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(name, _)| name)
            .collect();
        let has_header = |name: &str| headers.iter().any(|h| h.eq_ignore_ascii_case(name));
        let has_prefix = |prefix: &str| {
            let prefix = prefix.to_ascii_lowercase();
            headers
                .iter()
                .any(|h| h.to_ascii_lowercase().starts_with(&prefix))
        };
        let expected: Value = case.case["response"]["body"]["assertion"]["contents"]
            .as_str()
            .and_then(|text| serde_json::from_str(text).ok())
            .unwrap_or(Value::Null);
        let paths: Vec<&str> = expected["fieldList"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|f| f["path"].as_str())
            .collect();
        let mut found = Vec::new();
        for (name, member) in members {
            let traits = &member["traits"];
            for binding in HTTP_BINDINGS {
                let Some(value) = traits.get(binding) else {
                    continue;
                };
                let text = value.as_str().unwrap_or("");
                let sent = match binding {
                    "smithy.api#httpQuery" => query_names.contains(&text),
                    "smithy.api#httpQueryParams" => !query_names.is_empty(),
                    "smithy.api#httpHeader" => has_header(text),
                    "smithy.api#httpPrefixHeaders" => has_prefix(text),
                    // A label is always in the uri; a payload is always the body.
                    _ => true,
                };
                let named = paths.iter().any(|p| p.split('/').nth(1) == Some(name));
                if sent || named {
                    let short = binding.rsplit('#').next().unwrap_or(binding);
                    found.push(format!("{name} ({short})"));
                }
            }
        }
        found
    }
}

/// A generated `service::parse_input`: the input read by operation name, or why it was
/// rejected (`None`: no such operation).
type ParseInput<T> = fn(&str, &[u8]) -> Option<Result<T, cloudhsm_model::runtime::InputError>>;

/// One malformed request case: the body parsed through the operation's input must be
/// rejected as the case's response says (status 400, `x-amzn-errortype`, the body's
/// `message` and `fieldList` as JSON, or its `messageRegex` on the message).
fn run_malformed<T: std::fmt::Debug>(parse: ParseInput<T>, case: &Malformed) -> Result<(), String> {
    use cloudhsm_model::runtime::InputError;
    let request = &case.case["request"];
    let response = &case.case["response"];
    let body = request["body"].as_str().unwrap_or("");
    let status = response["code"].as_u64().unwrap_or(0);
    if status != 400 {
        return Err(format!(
            "the case expects status {status}; a rejection here is 400"
        ));
    }
    let error_type = response["headers"]
        .as_object()
        .into_iter()
        .flatten()
        .find(|(name, _)| name.eq_ignore_ascii_case("x-amzn-errortype"))
        .and_then(|(_, value)| value.as_str())
        .unwrap_or("");
    let outcome = parse(&case.operation, body.as_bytes())
        .ok_or_else(|| format!("no operation {}", case.operation))?;
    let (kind, actual) = match outcome {
        Ok(input) => return Err(format!("the body was accepted as {input:?}")),
        Err(InputError::Validation(errors)) => ("ValidationException", errors.to_smithy_json()),
        Err(InputError::Serialization(e)) => (
            "SerializationException",
            json!({ "message": e.to_string() }),
        ),
        Err(InputError::Cbor(e)) => (
            "SerializationException",
            json!({ "message": e.to_string() }),
        ),
    };
    if kind != error_type {
        return Err(format!("rejected as {kind} ({actual}), not {error_type}"));
    }
    let assertion = &response["body"]["assertion"];
    if let Some(contents) = assertion["contents"].as_str() {
        let expected: Value =
            serde_json::from_str(contents).map_err(|e| format!("the case's body: {e}"))?;
        // `contents` is matched exactly: as JSON, so members in any order, `fieldList` in
        // its order.
        if !json_eq(&expected, &actual) {
            return Err(format!(
                "body differs:\n  expected {expected}\n  actual   {actual}"
            ));
        }
    }
    if let Some(pattern) = assertion["messageRegex"].as_str() {
        let regex = regex::Regex::new(pattern).map_err(|e| format!("messageRegex: {e}"))?;
        let message = actual["message"].as_str().unwrap_or("");
        if !regex.is_match(message) {
            return Err(format!("message {message:?} does not match {pattern:?}"));
        }
    }
    Ok(())
}

/// Runs the restJson1 validation suite (server side: malformed requests are the server's
/// to reject) through the generated inputs: every expanded `httpMalformedRequestTests` case,
/// and each `httpRequestTests` case as a body the input accepts as its params. A case that
/// exercises restJson1's HTTP bindings must be in [`SKIPPED`] with that reason, and one
/// listed with that reason must exercise them. Prints the summary line and every failure;
/// returns the number of failures.
fn run_validation_suite<T: std::fmt::Debug + serde::Serialize>(
    name: &str,
    model_file: &str,
    service: &str,
    protocol: &str,
    parse: ParseInput<T>,
) -> usize {
    let model = Model::read(model_file);
    let namespace = service.split('#').next().unwrap_or("");
    let side = Side::Server;
    let (mut passed, mut skipped, mut unexpected) = (0, 0, 0);
    let mut fail = |id: &str, why: String| {
        unexpected += 1;
        eprintln!("FAILED {name} {} {id}: {why}", side.name());
    };
    let cases = match model.malformed_cases(service, protocol) {
        Ok(cases) => cases,
        Err(why) => {
            fail("<cases>", why);
            Vec::new()
        }
    };
    for case in &cases {
        let listed = SKIPPED
            .iter()
            .find(|(id, only, _)| *id == case.id && only.is_none_or(|only| only == side));
        let bindings = model.bindings_exercised(namespace, case);
        let listed_for_bindings = listed.is_some_and(|(_, _, why)| why.contains("HTTP bindings"));
        if !bindings.is_empty() && !listed_for_bindings {
            fail(
                &case.id,
                format!(
                    "exercises restJson1 HTTP bindings ({}): list it in SKIPPED",
                    bindings.join(", ")
                ),
            );
            continue;
        }
        if bindings.is_empty() && listed_for_bindings {
            fail(
                &case.id,
                "listed as HTTP bindings, but exercises none".to_owned(),
            );
            continue;
        }
        if let Some((_, _, why)) = listed {
            // Run anyway, for the record; a skipped case is never counted either way.
            let outcome = match run_malformed(parse, case) {
                Ok(()) => "it would pass".to_owned(),
                Err(e) => format!("run anyway: {}", e.replace('\n', " ")),
            };
            eprintln!(
                "skipped {name} {} {}: {why} ({outcome})",
                side.name(),
                case.id
            );
            skipped += 1;
            continue;
        }
        match run_malformed(parse, case) {
            Ok(()) => passed += 1,
            Err(why) => fail(&case.id, why),
        }
    }
    for case in model
        .cases(service, protocol)
        .iter()
        .filter(|c| c.request && c.applies_to(side))
    {
        let expected: Value =
            serde_json::from_slice(&model.params(case, namespace)).unwrap_or(Value::Null);
        let body = case.case["body"].as_str().unwrap_or("");
        match parse(&case.operation, body.as_bytes()) {
            None => fail(case.id(), format!("no operation {}", case.operation)),
            Some(Err(e)) => fail(case.id(), format!("rejected: {e}")),
            Some(Ok(parsed)) => {
                let parsed = serde_json::to_value(&parsed).unwrap_or(Value::Null);
                match json_eq(&parsed, &expected) {
                    true => passed += 1,
                    false => fail(
                        case.id(),
                        format!("parsed input {parsed} is not {expected}"),
                    ),
                }
            }
        }
    }
    println!(
        "protocol suite {name} {}: {passed} passed, {skipped} skipped, {unexpected} failed",
        side.name()
    );
    unexpected + too_many_skipped(name, skipped, passed + skipped + unexpected)
}

#[test]
#[allow(unused_mut)] // without `../shared/` no suite is compiled in
fn protocol_suites_pass() {
    let mut failed = 0;
    let ran = cfg!(protocol_json11_suite)
        || cfg!(protocol_json10_suite)
        || cfg!(protocol_cbor_suite)
        || cfg!(protocol_validation_suite);
    #[cfg(protocol_json11_suite)]
    {
        failed += run_suite(
            "awsJson1_1",
            concat!(env!("OUT_DIR"), "/protocol_json11.json"),
            "aws.protocoltests.json#JsonProtocol",
            ("aws.protocols#awsJson1_1", Protocol::AwsJson1_1),
            &api!(protocol_json11),
        );
    }
    #[cfg(protocol_json10_suite)]
    {
        failed += run_suite(
            "awsJson1_0",
            concat!(env!("OUT_DIR"), "/protocol_json10.json"),
            "aws.protocoltests.json10#JsonRpc10",
            ("aws.protocols#awsJson1_0", Protocol::AwsJson1_0),
            &api!(protocol_json10),
        );
    }
    #[cfg(protocol_cbor_suite)]
    {
        failed += run_suite(
            "rpcv2Cbor",
            concat!(env!("OUT_DIR"), "/protocol_cbor.json"),
            "smithy.protocoltests.rpcv2Cbor#RpcV2Protocol",
            ("smithy.protocols#rpcv2Cbor", Protocol::RpcV2Cbor),
            &api!(protocol_cbor),
        );
    }
    #[cfg(protocol_validation_suite)]
    {
        failed += run_validation_suite(
            "validation",
            concat!(env!("OUT_DIR"), "/protocol_validation.json"),
            "aws.protocoltests.restjson.validation#RestJsonValidation",
            "aws.protocols#restJson1",
            conformance::protocol_validation::service::parse_input,
        );
    }
    if !ran {
        eprintln!(
            "SKIPPED: ../shared/protocol-tests is not present (only CI and the developers have \
             ../shared/): no protocol suite was run"
        );
    }
    assert_eq!(failed, 0, "protocol suite cases failed (listed above)");
}

/// A request pipeline forwards what the sender wrote; a service acts on the defaults filled.
#[cfg(protocol_json10_suite)]
#[test]
fn parsing_leaves_top_level_defaults_absent_and_with_defaults_fills_them() {
    use conformance::protocol_json10::service::{parse_request, Request};
    let headers = [
        (
            "X-Amz-Target".to_owned(),
            "JsonRpc10.OperationWithDefaults".to_owned(),
        ),
        (
            "Content-Type".to_owned(),
            "application/x-amz-json-1.0".to_owned(),
        ),
    ];
    let parsed = parse_request("/", &headers, br#"{"otherTopLevelDefault": 7}"#)
        .unwrap_or_else(|e| panic!("{}", e.message()));
    let Request::OperationWithDefaults(input) = &parsed else {
        panic!("parsed as {}", parsed.operation_name());
    };
    assert_eq!(input.top_level_default(), "hi");
    let body = |request: &Request| -> Value {
        serde_json::from_slice(&request.to_http_request().body)
            .unwrap_or_else(|e| panic!("the request body is not JSON: {e}"))
    };
    let forwarded = body(&parsed);
    assert_eq!(forwarded, json!({"otherTopLevelDefault": 7}));
    let filled = body(&parsed.with_defaults());
    assert_eq!(
        filled,
        json!({"topLevelDefault": "hi", "otherTopLevelDefault": 7})
    );
}

/// Each `_or_default` getter gives the model's default for an absent member, and the value
/// when one was received.
#[cfg(protocol_json10_suite)]
#[test]
fn default_getters_give_the_models_defaults() {
    use cloudhsm_model::runtime::{Blob, DateTime, Double, Float};
    use conformance::protocol_json10::types::{Defaults, TestEnum, TestIntEnum};
    let absent: Defaults = serde_json::from_str("{}").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(absent.default_string_or_default(), "hi");
    assert!(absent.default_boolean_or_default());
    assert_eq!(absent.default_list_or_default(), &[] as &[String]);
    assert_eq!(absent.default_document_map_or_default(), json!({}));
    assert_eq!(absent.default_document_string_or_default(), json!("hi"));
    assert_eq!(
        absent.default_timestamp_or_default(),
        DateTime::from_secs(0)
    );
    assert_eq!(absent.default_blob_or_default(), Blob::new(*b"abc"));
    assert_eq!(
        (
            absent.default_byte_or_default(),
            absent.default_short_or_default()
        ),
        (1, 1)
    );
    assert_eq!(
        (
            absent.default_integer_or_default(),
            absent.default_long_or_default()
        ),
        (10, 100)
    );
    assert_eq!(absent.default_float_or_default(), Float(1.0));
    assert_eq!(absent.default_double_or_default(), Double(1.0));
    assert!(absent.default_map_or_default().is_empty());
    assert_eq!(absent.default_enum_or_default(), TestEnum::from("FOO"));
    assert_eq!(absent.default_int_enum_or_default(), TestIntEnum::from(1));
    assert_eq!(absent.empty_string_or_default(), "");
    assert_eq!(absent.zero_integer_or_default(), 0);
    let set: Defaults = serde_json::from_str(
        r#"{"defaultString":"set","defaultInteger":3,"defaultTimestamp":5,"defaultEnum":"BAR"}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(set.default_string_or_default(), "set");
    assert_eq!(set.default_integer_or_default(), 3);
    assert_eq!(set.default_timestamp_or_default(), DateTime::from_secs(5));
    assert_eq!(set.default_enum_or_default(), TestEnum::from("BAR"));
}

/// A union member the model does not list is kept, in CBOR as in JSON, and written back as
/// it came.
#[cfg(protocol_cbor_suite)]
#[test]
fn unknown_union_members_are_kept_in_cbor() {
    use cloudhsm_model::runtime::cbor;
    use conformance::protocol_cbor::types::RpcV2CborUnion;
    // {"laterMember": [1, {"x": h'00ff'}]}
    let body = [
        &[0xa1, 0x6b][..],
        b"laterMember",
        &[0x82, 0x01, 0xa1, 0x61, b'x', 0x42, 0x00, 0xff],
    ]
    .concat();
    let union: RpcV2CborUnion = cbor::from_slice(&body).unwrap_or_else(|e| panic!("{e}"));
    let RpcV2CborUnion::Unknown(member) = &union else {
        panic!("{union:?}");
    };
    assert_eq!(member.name(), "laterMember");
    assert_eq!(member.cbor(), body.get(13..));
    assert!(member.value().is_none());
    assert_eq!(cbor::to_vec(&union).ok(), Some(body));
    // A null member is absent, as for known members.
    let null = [
        &[0xa2, 0x6b][..],
        b"laterMember",
        &[0xf6, 0x6b],
        b"stringValue",
        &[0x61, b's'],
    ]
    .concat();
    let union: RpcV2CborUnion = cbor::from_slice(&null).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(union, RpcV2CborUnion::StringValue("s".to_owned()));
    // And in JSON, as before.
    let union: RpcV2CborUnion =
        serde_json::from_str(r#"{"laterMember":{"a":[1]}}"#).unwrap_or_else(|e| panic!("{e}"));
    let RpcV2CborUnion::Unknown(member) = &union else {
        panic!("{union:?}");
    };
    assert_eq!(member.value().map(|v| v.get()), Some(r#"{"a":[1]}"#));
    assert_eq!(
        serde_json::to_string(&union).ok().as_deref(),
        Some(r#"{"laterMember":{"a":[1]}}"#)
    );
    // Kept JSON has no CBOR form: it goes as its text, a text string.
    let written: std::collections::BTreeMap<String, String> = cbor::to_vec(&union)
        .and_then(|b| cbor::from_slice(&b))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        written.get("laterMember").map(String::as_str),
        Some(r#"{"a":[1]}"#)
    );
}

/// The deepest CBOR the codec reads (128 levels) through a recursive model's generated
/// types fits a small thread stack, in debug builds too; one level more is an error.
#[cfg(protocol_cbor_suite)]
#[test]
fn the_deepest_recursive_cbor_fits_a_small_stack() {
    use cloudhsm_model::runtime::cbor;
    use conformance::protocol_cbor::types::RecursiveShapesInputOutputNested1;
    // `maps` maps deep: Nested1 at even depths, Nested2 at odd ones, so every level is a
    // member the types read (none is skipped as unknown).
    fn nested(maps: usize) -> Value {
        let mut value = json!({});
        for depth in (0..maps.saturating_sub(1)).rev() {
            value = if depth % 2 == 0 {
                json!({"foo": "f", "nested": value})
            } else {
                json!({"bar": "b", "recursiveMember": value})
            };
        }
        value
    }
    let read = |levels: usize| {
        let body = cbor::to_vec(&nested(levels)).unwrap_or_else(|e| panic!("{e}"));
        std::thread::Builder::new()
            .stack_size(512 * 1024)
            .spawn(move || cbor::from_slice::<RecursiveShapesInputOutputNested1>(&body).is_ok())
            .and_then(|t| {
                t.join()
                    .map_err(|_| std::io::Error::other("the reader panicked"))
            })
            .unwrap_or_else(|e| panic!("{e}"))
    };
    assert!(read(128));
    assert!(!read(129));
}
