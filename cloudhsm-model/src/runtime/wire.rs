//! Wire handling for the AWS JSON protocols and Smithy RPC v2 CBOR, as plain data: no HTTP
//! client, no networking.
//!
//! A client turns an input into [`HttpRequestParts`] and hands a response's status, headers
//! and body to the operation's `parse_response`. A request pipeline does the reverse with the
//! service's `parse_request`, and a mock service answers with [`HttpResponseParts`]. Each
//! has an `_in` form that takes the [`Protocol`]; the plain form uses the service's default.

use std::fmt;

use serde::Serialize;

use super::cbor;
use super::validation::ValidationErrors;
use super::InputError;

/// A wire protocol this crate speaks. A service declares some of them
/// (`service::PROTOCOLS`); a protocol it does not declare is answered as unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Protocol {
    /// `aws.protocols#awsJson1_0`: JSON, errors named by absolute shape id.
    AwsJson1_0,
    /// `aws.protocols#awsJson1_1`: JSON, errors named by shape name.
    AwsJson1_1,
    /// `smithy.protocols#rpcv2Cbor`: CBOR, routed by path, errors named by absolute shape id.
    RpcV2Cbor,
}

impl Protocol {
    /// The protocol's short name: `awsJson1_0`, `awsJson1_1` or `rpcv2Cbor`.
    pub const fn name(self) -> &'static str {
        match self {
            Protocol::AwsJson1_0 => "awsJson1_0",
            Protocol::AwsJson1_1 => "awsJson1_1",
            Protocol::RpcV2Cbor => "rpcv2Cbor",
        }
    }

    /// The protocol of a short name ([`name`](Self::name)).
    pub fn from_name(name: &str) -> Option<Protocol> {
        [
            Protocol::AwsJson1_0,
            Protocol::AwsJson1_1,
            Protocol::RpcV2Cbor,
        ]
        .into_iter()
        .find(|p| p.name() == name)
    }

    /// The `Content-Type` of its bodies.
    pub const fn content_type(self) -> &'static str {
        match self {
            Protocol::AwsJson1_0 => "application/x-amz-json-1.0",
            Protocol::AwsJson1_1 => "application/x-amz-json-1.1",
            Protocol::RpcV2Cbor => CBOR_CONTENT_TYPE,
        }
    }

    /// The `__type` an error body carries: the absolute shape id, but for awsJson 1.1,
    /// which uses the name.
    fn error_type<'a>(self, name: &'a str, absolute_id: &'a str) -> &'a str {
        match self {
            Protocol::AwsJson1_1 => name,
            _ => absolute_id,
        }
    }
}

/// The `Smithy-Protocol` header's value for RPC v2 CBOR, on every request and response.
pub const SMITHY_PROTOCOL_CBOR: &str = "rpc-v2-cbor";

/// RPC v2 CBOR's `Content-Type` (and `Accept`).
pub const CBOR_CONTENT_TYPE: &str = "application/cbor";

/// The protocol an incoming request speaks, among `declared` (the service's, default
/// first): RPC v2 CBOR when it sends `Smithy-Protocol: rpc-v2-cbor` and the service speaks
/// it, else the default. A request that fits none is then rejected in that protocol.
pub fn request_protocol<K: AsRef<str>, V: AsRef<str>>(
    headers: &[(K, V)],
    declared: &[Protocol],
) -> Protocol {
    let cbor = header(headers, "smithy-protocol")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case(SMITHY_PROTOCOL_CBOR));
    if cbor && declared.contains(&Protocol::RpcV2Cbor) {
        return Protocol::RpcV2Cbor;
    }
    declared.first().copied().unwrap_or(Protocol::AwsJson1_1)
}

/// Writes a value as the protocol's body. Generated values serialize without failing but
/// for what a protocol cannot carry; such a body is written as an empty document.
pub fn to_body<T: Serialize + ?Sized>(protocol: Protocol, value: &T) -> Vec<u8> {
    match protocol {
        Protocol::RpcV2Cbor => cbor::to_vec(value).unwrap_or_else(|_| vec![EMPTY_CBOR_MAP]),
        _ => to_json_bytes(value),
    }
}

/// The CBOR empty map, what an empty body means where a structure is expected.
const EMPTY_CBOR_MAP: u8 = 0xa0;

/// Reads a structure from a body in `protocol`. An empty body is an empty structure (what
/// a request without input and a response without output may carry).
pub fn from_body<T: serde::de::DeserializeOwned>(
    protocol: Protocol,
    body: &[u8],
) -> Result<T, BodyError> {
    match protocol {
        Protocol::RpcV2Cbor if body.is_empty() => {
            cbor::from_slice(&[EMPTY_CBOR_MAP]).map_err(BodyError::Cbor)
        }
        Protocol::RpcV2Cbor => cbor::from_slice(body).map_err(BodyError::Cbor),
        _ => super::from_json_body(json_body(body)).map_err(BodyError::Json),
    }
}

/// Why a body could not be read as the structure it should hold.
#[derive(Debug)]
pub enum BodyError {
    /// Not JSON, or JSON of the wrong types.
    Json(serde_json::Error),
    /// Not CBOR, or CBOR of the wrong types.
    Cbor(cbor::Error),
}

impl fmt::Display for BodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BodyError::Json(e) => e.fmt(f),
            BodyError::Cbor(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for BodyError {}

impl From<BodyError> for InputError {
    fn from(error: BodyError) -> InputError {
        match error {
            BodyError::Json(e) => InputError::Serialization(e),
            BodyError::Cbor(e) => InputError::Cbor(e),
        }
    }
}

/// Request parts for an operation in `protocol`; `input` is `None` for an operation whose
/// model has none (awsJson still sends `{}`, RPC v2 CBOR no body and no `Content-Type`).
/// RPC v2 CBOR: `POST /service/<service>/operation/<operation>` with `Smithy-Protocol`,
/// `Accept`, and never `X-Amz-Target`.
pub fn request_in<T: Serialize + ?Sized>(
    protocol: Protocol,
    service: &str,
    operation: &str,
    input: Option<&T>,
) -> HttpRequestParts {
    if protocol != Protocol::RpcV2Cbor {
        let body = input.map_or_else(|| b"{}".to_vec(), to_json_bytes);
        return request_parts(protocol.content_type(), service, operation, body);
    }
    let mut headers = vec![
        (
            "Smithy-Protocol".to_owned(),
            SMITHY_PROTOCOL_CBOR.to_owned(),
        ),
        ("Accept".to_owned(), CBOR_CONTENT_TYPE.to_owned()),
    ];
    let body = input
        .map(|input| to_body(protocol, input))
        .unwrap_or_default();
    if input.is_some() {
        headers.push(("Content-Type".to_owned(), CBOR_CONTENT_TYPE.to_owned()));
        headers.push(("Content-Length".to_owned(), body.len().to_string()));
    }
    HttpRequestParts {
        method: "POST".to_owned(),
        path: format!("/service/{service}/operation/{operation}"),
        headers,
        body,
    }
}

/// A successful response in `protocol`; `output` is `None` for an operation whose model has
/// none (no body).
pub fn ok_response_in<T: Serialize + ?Sized>(
    protocol: Protocol,
    output: Option<&T>,
) -> HttpResponseParts {
    let body = output.map(|o| to_body(protocol, o)).unwrap_or_default();
    if protocol != Protocol::RpcV2Cbor {
        return ok_response(protocol.content_type(), body);
    }
    let mut headers = vec![(
        "Smithy-Protocol".to_owned(),
        SMITHY_PROTOCOL_CBOR.to_owned(),
    )];
    if output.is_some() {
        headers.push(("Content-Type".to_owned(), CBOR_CONTENT_TYPE.to_owned()));
        headers.push(("Content-Length".to_owned(), body.len().to_string()));
    }
    HttpResponseParts {
        status: 200,
        headers,
        body,
    }
}

/// An error response in `protocol`: the error's status and a body of its members with
/// `__type` first (the name in awsJson 1.1, else the absolute shape id); awsJson also
/// names it in `X-Amzn-Errortype`, which RPC v2 CBOR leaves out.
pub fn error_response_in<T: Serialize + ?Sized>(
    protocol: Protocol,
    status: u16,
    name: &str,
    absolute_id: &str,
    members: &T,
) -> HttpResponseParts {
    let type_id = protocol.error_type(name, absolute_id);
    if protocol != Protocol::RpcV2Cbor {
        return error_response(
            protocol.content_type(),
            status,
            name,
            type_id,
            &to_json_bytes(members),
        );
    }
    let members = to_body(protocol, members);
    let body = cbor_map_with_type(type_id, &members);
    HttpResponseParts {
        status,
        headers: vec![
            (
                "Smithy-Protocol".to_owned(),
                SMITHY_PROTOCOL_CBOR.to_owned(),
            ),
            ("Content-Type".to_owned(), CBOR_CONTENT_TYPE.to_owned()),
            ("Content-Length".to_owned(), body.len().to_string()),
        ],
        body,
    }
}

/// `{"__type": type_id, ...members}` from a CBOR map of members (as [`cbor::to_vec`]
/// writes it: definite length), entries after the type. A body that is not such a map
/// gives the type alone.
fn cbor_map_with_type(type_id: &str, members: &[u8]) -> Vec<u8> {
    let (count, entries) = definite_map(members).unwrap_or((0, &[]));
    let mut body = Vec::with_capacity(members.len() + type_id.len() + 16);
    cbor::write_head(&mut body, cbor::MAJOR_MAP, count + 1);
    cbor::write_head(&mut body, cbor::MAJOR_TEXT, 6);
    body.extend_from_slice(b"__type");
    cbor::write_head(&mut body, cbor::MAJOR_TEXT, type_id.len() as u64);
    body.extend_from_slice(type_id.as_bytes());
    body.extend_from_slice(entries);
    body
}

/// The entry count and the entries of a definite-length CBOR map.
fn definite_map(bytes: &[u8]) -> Option<(u64, &[u8])> {
    let (&first, rest) = bytes.split_first()?;
    if first >> 5 != cbor::MAJOR_MAP {
        return None;
    }
    let width = match first & 0x1f {
        n @ 0..=23 => return Some((u64::from(n), rest)),
        24 => 1,
        25 => 2,
        26 => 4,
        27 => 8,
        _ => return None,
    };
    let (count, entries) = (rest.get(..width)?, rest.get(width..)?);
    let count = count.iter().fold(0u64, |n, b| (n << 8) | u64::from(*b));
    Some((count, entries))
}

/// The parts of an HTTP request, ready for any HTTP stack (and its signer).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRequestParts {
    /// Always `POST` for the AWS JSON protocols.
    pub method: String,
    /// Always `/`.
    pub path: String,
    /// `Content-Type` and `X-Amz-Target`.
    pub headers: Vec<(String, String)>,
    /// The JSON body.
    pub body: Vec<u8>,
}

impl HttpRequestParts {
    /// The first header called `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }
}

/// The parts of an HTTP response, as a mock service sends them or a client receives them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpResponseParts {
    /// Status code.
    pub status: u16,
    /// Headers, in order.
    pub headers: Vec<(String, String)>,
    /// Body bytes.
    pub body: Vec<u8>,
}

impl HttpResponseParts {
    /// The first header called `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }
}

/// The first header called `name`, compared case-insensitively as HTTP requires.
pub fn header<'a, K: AsRef<str>, V: AsRef<str>>(
    headers: &'a [(K, V)],
    name: &str,
) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.as_ref().eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_ref())
}

/// Who is at fault for an error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Fault {
    /// The request was wrong (HTTP 4xx).
    Client,
    /// The service failed (HTTP 5xx).
    Server,
}

impl Fault {
    /// `"client"` or `"server"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Fault::Client => "client",
            Fault::Server => "server",
        }
    }

    /// The fault an HTTP status implies: 5xx is the server's, anything else the client's.
    pub fn from_status(status: u16) -> Fault {
        if (500..600).contains(&status) {
            Fault::Server
        } else {
            Fault::Client
        }
    }
}

/// Serializes a generated value. Generated types hold only strings, numbers, booleans,
/// lists, maps, enums and timestamps, whose serialization to JSON cannot fail.
pub fn to_json_bytes<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).unwrap_or_else(|_| b"{}".to_vec())
}

/// Request parts for an AWS JSON operation: `POST /` with the protocol's content type,
/// `X-Amz-Target: <service>.<operation>` and the body's `Content-Length` (which a signer
/// signs, so it is part of the request, not left to the HTTP stack).
pub fn request_parts(
    content_type: &str,
    service: &str,
    operation: &str,
    body: Vec<u8>,
) -> HttpRequestParts {
    HttpRequestParts {
        method: "POST".to_owned(),
        path: "/".to_owned(),
        headers: vec![
            ("Content-Type".to_owned(), content_type.to_owned()),
            ("X-Amz-Target".to_owned(), format!("{service}.{operation}")),
            ("Content-Length".to_owned(), body.len().to_string()),
        ],
        body,
    }
}

/// A successful response carrying `body`.
pub fn ok_response(content_type: &str, body: Vec<u8>) -> HttpResponseParts {
    HttpResponseParts {
        status: 200,
        headers: vec![("Content-Type".to_owned(), content_type.to_owned())],
        body,
    }
}

/// An error response: `X-Amzn-Errortype: <code>` and a body of the error's members with
/// `__type` (`type_id`: the code, or the absolute shape id in awsJson 1.0) first, as AWS JSON
/// services send it.
pub fn error_response(
    content_type: &str,
    status: u16,
    code: &str,
    type_id: &str,
    members_json: &[u8],
) -> HttpResponseParts {
    let mut body =
        serde_json::to_vec(&serde_json::json!({ "__type": type_id })).unwrap_or_default();
    // Splice the members after `__type`: {"__type":"X"} + {"Message":"m"} -> {"__type":"X","Message":"m"}.
    let members = members_json.strip_prefix(b"{").unwrap_or(b"}");
    if members != b"}" {
        body.pop();
        body.push(b',');
        body.extend_from_slice(members);
    }
    HttpResponseParts {
        status,
        headers: vec![
            ("Content-Type".to_owned(), content_type.to_owned()),
            ("X-Amzn-Errortype".to_owned(), code.to_owned()),
        ],
        body,
    }
}

/// Checks that a response can be read in `protocol`: an RPC v2 CBOR response must say
/// `Smithy-Protocol: rpc-v2-cbor`, and one that does not is malformed, to be handled by its
/// status alone (the spec's words), so it is an [`UnhandledError`] saying why.
pub fn check_response<K: AsRef<str>, V: AsRef<str>>(
    protocol: Protocol,
    status: u16,
    headers: &[(K, V)],
    body: &[u8],
) -> Result<(), UnhandledError> {
    let why = match protocol {
        Protocol::RpcV2Cbor => match header(headers, "smithy-protocol") {
            Some(value) if value.trim().eq_ignore_ascii_case(SMITHY_PROTOCOL_CBOR) => return Ok(()),
            Some(value) => {
                format!("the response says Smithy-Protocol: {value}, not {SMITHY_PROTOCOL_CBOR}")
            }
            None => format!("the response has no Smithy-Protocol header ({SMITHY_PROTOCOL_CBOR})"),
        },
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => return Ok(()),
    };
    Err(UnhandledError::new(None, Some(why), status, body.to_vec()))
}

/// Whether a status is a success (2xx).
pub fn is_success(status: u16) -> bool {
    (200..300).contains(&status)
}

/// A JSON body with an empty one read as `{}`: a response of an operation without output,
/// and a request of one without input, may carry nothing.
pub fn json_body(body: &[u8]) -> &[u8] {
    if body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        body
    }
}

/// An error code as services send it, reduced to the error's shape name: cut at the first
/// `:` (`FooError:http://internal.amazon.com/coral/...`), then keep what follows the last `#`
/// (`com.amazonaws.cloudhsmv2#FooError`).
pub fn sanitize_error_code(raw: &str) -> &str {
    let before_colon = raw.split_once(':').map_or(raw, |(name, _)| name);
    let name = before_colon
        .rsplit_once('#')
        .map_or(before_colon, |(_, name)| name);
    name.trim()
}

/// Code and message of an error response. The code comes from the `X-Amzn-Errortype`
/// header, else the body's `code`, else its `__type`; the message from `message`, else
/// `Message`, else `errorMessage` (as the AWS SDKs read it). Either may be missing; an empty or non-JSON body is not a failure here.
pub fn error_code_and_message<K: AsRef<str>, V: AsRef<str>>(
    headers: &[(K, V)],
    body: &[u8],
) -> (Option<String>, Option<String>) {
    let parts = ErrorParts::read(headers, body);
    (
        parts.code.map(std::borrow::Cow::into_owned),
        parts.message.map(std::borrow::Cow::into_owned),
    )
}

/// [`error_code_and_message`] borrowed from the headers and body (copied only where the
/// body escapes them), so an error the model names copies its code nowhere and its message
/// only if the error's own members lack one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErrorParts<'a> {
    code: Option<std::borrow::Cow<'a, str>>,
    message: Option<std::borrow::Cow<'a, str>>,
}

impl<'a> ErrorParts<'a> {
    /// Reads the code and message of an error response; an empty or non-JSON body gives
    /// none from the body, never a failure.
    pub fn read<K: AsRef<str>, V: AsRef<str>>(headers: &'a [(K, V)], body: &'a [u8]) -> Self {
        use std::borrow::Cow;
        let fields = super::from_json_body::<ErrorFields<'a>>(body).unwrap_or_default();
        let raw = header(headers, "x-amzn-errortype")
            .map(Cow::Borrowed)
            .or(fields.code)
            .or(fields.type_name);
        ErrorParts {
            code: raw.and_then(sanitized),
            message: fields
                .message
                .or(fields.capital_message)
                .or(fields.error_message),
        }
    }

    /// [`read`](Self::read) for a response in `protocol`. RPC v2 CBOR names the error only
    /// by the body's `__type` (never `code` or a header, as its spec requires); a body that
    /// is not a CBOR map, or a `__type` that is not text, names none.
    pub fn read_in<K: AsRef<str>, V: AsRef<str>>(
        protocol: Protocol,
        headers: &'a [(K, V)],
        body: &'a [u8],
    ) -> Self {
        if protocol != Protocol::RpcV2Cbor {
            return ErrorParts::read(headers, body);
        }
        let fields = cbor::from_slice::<ErrorFields<'a>>(body).unwrap_or_default();
        ErrorParts {
            code: fields.type_name.and_then(sanitized),
            message: fields
                .message
                .or(fields.capital_message)
                .or(fields.error_message),
        }
    }

    /// The error code, reduced to the error's shape name ([`sanitize_error_code`]).
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The message, from the body's `message`, else `Message`, else `errorMessage`.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }
}

/// A raw error code reduced to its shape name ([`sanitize_error_code`]), borrowed when it
/// was; `None` when nothing is left.
fn sanitized(raw: std::borrow::Cow<'_, str>) -> Option<std::borrow::Cow<'_, str>> {
    use std::borrow::Cow;
    let code = match raw {
        Cow::Borrowed(raw) => Cow::Borrowed(sanitize_error_code(raw)),
        Cow::Owned(raw) => Cow::Owned(sanitize_error_code(&raw).to_owned()),
    };
    (!code.is_empty()).then_some(code)
}

/// The members of an error body that name the error and say what happened, borrowed from
/// the body where they need no unescaping. Read in one pass that skips everything else, as
/// a JSON object: a member that is not a string counts as absent, and a repeated member's
/// last value wins.
#[derive(Default)]
struct ErrorFields<'a> {
    code: Option<std::borrow::Cow<'a, str>>,
    type_name: Option<std::borrow::Cow<'a, str>>,
    message: Option<std::borrow::Cow<'a, str>>,
    capital_message: Option<std::borrow::Cow<'a, str>>,
    error_message: Option<std::borrow::Cow<'a, str>>,
}

impl<'de> serde::Deserialize<'de> for ErrorFields<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::{IgnoredAny, MapAccess, Visitor};

        struct Fields;

        impl<'de> Visitor<'de> for Fields {
            type Value = ErrorFields<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an error body")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut fields = ErrorFields::default();
                while let Some(key) = map.next_key::<TextOrOther<'de>>()? {
                    let slot = match key.0.as_deref() {
                        Some("code") => &mut fields.code,
                        Some("__type") => &mut fields.type_name,
                        Some("message") => &mut fields.message,
                        Some("Message") => &mut fields.capital_message,
                        Some("errorMessage") => &mut fields.error_message,
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                            continue;
                        }
                    };
                    *slot = map.next_value::<TextOrOther<'de>>()?.0;
                }
                Ok(fields)
            }
        }

        deserializer.deserialize_map(Fields)
    }
}

/// A JSON value that is kept when it is a string (borrowed if it needs no unescaping) and
/// skipped otherwise.
struct TextOrOther<'a>(Option<std::borrow::Cow<'a, str>>);

impl<'de> serde::Deserialize<'de> for TextOrOther<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};

        struct Text;

        impl<'de> Visitor<'de> for Text {
            type Value = TextOrOther<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }

            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(TextOrOther(Some(std::borrow::Cow::Borrowed(v))))
            }

            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(TextOrOther(Some(std::borrow::Cow::Owned(v.to_owned()))))
            }

            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(TextOrOther(None))
            }

            fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
                Ok(TextOrOther(None))
            }

            fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
                Ok(TextOrOther(None))
            }

            fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
                Ok(TextOrOther(None))
            }

            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(TextOrOther(None))
            }

            fn visit_none<E>(self) -> Result<Self::Value, E> {
                Ok(TextOrOther(None))
            }

            fn visit_i128<E>(self, _: i128) -> Result<Self::Value, E> {
                Ok(TextOrOther(None))
            }

            fn visit_f32<E>(self, _: f32) -> Result<Self::Value, E> {
                Ok(TextOrOther(None))
            }

            fn visit_bytes<E>(self, _: &[u8]) -> Result<Self::Value, E> {
                Ok(TextOrOther(None))
            }

            // A tagged CBOR item (a timestamp).
            fn visit_newtype_struct<D: serde::Deserializer<'de>>(
                self,
                inner: D,
            ) -> Result<Self::Value, D::Error> {
                <IgnoredAny as serde::Deserialize>::deserialize(inner)?;
                Ok(TextOrOther(None))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(TextOrOther(None))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(TextOrOther(None))
            }
        }

        deserializer.deserialize_any(Text)
    }
}

/// What every generated operation error offers, so tools can handle all operations alike.
pub trait OperationError: std::error::Error {
    /// The variant's name: the error shape's name, or `Unhandled`.
    fn type_name(&self) -> &'static str;
    /// The error code, if known.
    fn code(&self) -> Option<&str>;
    /// The message, if the service sent one.
    fn message(&self) -> Option<&str>;
    /// Who is at fault.
    fn fault(&self) -> Fault;
}

/// An error response the operation's model does not name, kept whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnhandledError {
    code: Option<String>,
    message: Option<String>,
    status: u16,
    body: Vec<u8>,
}

impl UnhandledError {
    /// Keeps what a response said.
    pub fn new(
        code: Option<String>,
        message: Option<String>,
        status: u16,
        body: Vec<u8>,
    ) -> UnhandledError {
        UnhandledError {
            code,
            message,
            status,
            body,
        }
    }

    /// The sanitized error code, if the response had one.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The message, if the response had one.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The raw body.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// Client or server fault, from the status.
    pub fn fault(&self) -> Fault {
        Fault::from_status(self.status)
    }

    /// [`to_http_response`](Self::to_http_response) in `protocol`. RPC v2 CBOR names the
    /// error only in its body: a body that is a CBOR map with `__type` is kept as received;
    /// any other becomes `{"__type": <code>, "message": ...}` when the code is known.
    pub fn to_http_response_in(&self, protocol: Protocol) -> HttpResponseParts {
        if protocol != Protocol::RpcV2Cbor {
            return self.to_http_response(protocol.content_type());
        }
        let names_itself = cbor::from_slice::<ErrorFields<'_>>(&self.body)
            .is_ok_and(|fields| fields.type_name.is_some());
        let body = match &self.code {
            Some(code) if !names_itself => {
                let mut members = serde_json::Map::new();
                members.insert("__type".to_owned(), code.clone().into());
                if let Some(message) = &self.message {
                    members.insert("message".to_owned(), message.clone().into());
                }
                to_body(protocol, &members)
            }
            _ => self.body.clone(),
        };
        let mut headers = vec![(
            "Smithy-Protocol".to_owned(),
            SMITHY_PROTOCOL_CBOR.to_owned(),
        )];
        if !body.is_empty() {
            headers.push(("Content-Type".to_owned(), CBOR_CONTENT_TYPE.to_owned()));
            headers.push(("Content-Length".to_owned(), body.len().to_string()));
        }
        HttpResponseParts {
            status: self.status,
            headers,
            body,
        }
    }

    /// The response it came from (the header carries the code; the body is kept as received).
    pub fn to_http_response(&self, content_type: &str) -> HttpResponseParts {
        let mut headers = vec![("Content-Type".to_owned(), content_type.to_owned())];
        if let Some(code) = &self.code {
            headers.push(("X-Amzn-Errortype".to_owned(), code.clone()));
        }
        HttpResponseParts {
            status: self.status,
            headers,
            body: self.body.clone(),
        }
    }
}

impl fmt::Display for UnhandledError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (HTTP {})",
            self.code.as_deref().unwrap_or("unhandled error"),
            self.status
        )?;
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnhandledError {}

/// Why a request pipeline rejects an incoming request, named as AWS's services name it.
#[derive(Debug)]
pub enum RequestError {
    /// The `X-Amz-Target` does not name an operation of this service, or the `Content-Type`
    /// is not the protocol's (AWS services answer both with `UnknownOperationException`).
    UnknownOperation {
        /// What the request asked for, if anything.
        target: Option<String>,
        /// Why it was not recognised.
        reason: String,
    },
    /// The body is not JSON, or a member has the wrong JSON type (`SerializationException`).
    Serialization(String),
    /// The body breaks the model's constraints (`ValidationException`).
    Validation(ValidationErrors),
}

impl RequestError {
    /// The error code a service sends.
    pub fn code(&self) -> &'static str {
        match self {
            RequestError::UnknownOperation { .. } => "UnknownOperationException",
            RequestError::Serialization(_) => "SerializationException",
            RequestError::Validation(_) => "ValidationException",
        }
    }

    /// The message a service sends (AWS style for validation).
    pub fn message(&self) -> String {
        match self {
            RequestError::UnknownOperation { reason, .. } => reason.clone(),
            RequestError::Serialization(message) => message.clone(),
            RequestError::Validation(errors) => errors.to_string(),
        }
    }

    /// The response an AWS JSON service sends for this rejection: HTTP 400, the code in
    /// `X-Amzn-Errortype` and `__type`, and the message. A `ValidationException` also lists
    /// each violation in `fieldList`, as Smithy's does
    /// ([`ValidationErrors::write_exception_members`]); clients that do not know it skip it.
    pub fn to_http_response(&self, content_type: &str) -> HttpResponseParts {
        let members = match self {
            RequestError::Validation(errors) => {
                let mut members = String::with_capacity(512);
                members.push('{');
                errors.write_exception_members(&mut members);
                members.push('}');
                members.into_bytes()
            }
            _ => to_json_bytes(&serde_json::json!({ "message": self.message() })),
        };
        error_response(content_type, 400, self.code(), self.code(), &members)
    }

    /// [`to_http_response`](Self::to_http_response) in `protocol`. In RPC v2 CBOR the body
    /// is CBOR and `__type` an absolute id: `smithy.framework#ValidationException`, the
    /// shape Smithy defines, and the other two codes in the same namespace (Smithy defines
    /// no shapes for them).
    pub fn to_http_response_in(&self, protocol: Protocol) -> HttpResponseParts {
        if protocol != Protocol::RpcV2Cbor {
            return self.to_http_response(protocol.content_type());
        }
        let members: serde_json::Value = match self {
            RequestError::Validation(errors) => {
                let mut members = String::with_capacity(512);
                members.push('{');
                errors.write_exception_members(&mut members);
                members.push('}');
                serde_json::from_str(&members).unwrap_or_default()
            }
            _ => serde_json::json!({ "message": self.message() }),
        };
        let id = format!("smithy.framework#{}", self.code());
        error_response_in(protocol, 400, self.code(), &id, &members)
    }

    /// The rejection of a request for an operation `service` does not have, named as the
    /// protocol addresses it: `X-Amz-Target`'s `<service>.<operation>` for awsJson, the
    /// path for RPC v2 CBOR.
    pub fn unknown_operation(
        protocol: Protocol,
        service: &str,
        path: &str,
        operation: &str,
    ) -> RequestError {
        match protocol {
            Protocol::RpcV2Cbor => RequestError::UnknownOperation {
                target: Some(path.to_owned()),
                reason: format!("unknown operation {operation}"),
            },
            Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => RequestError::UnknownOperation {
                target: Some(format!("{service}.{operation}")),
                reason: format!("unknown operation {service}.{operation}"),
            },
        }
    }

    /// Checks how an incoming request in `protocol` is addressed and returns the operation
    /// it names. awsJson: [`check_headers`](Self::check_headers). RPC v2 CBOR: no
    /// `X-Amz-Target` or `X-Amzn-Target` (the spec requires rejecting one), a path ending
    /// `service/<service>/operation/<operation>` (the service by name or by absolute id with
    /// `.` for `#`), and `Content-Type: application/cbor` when there is a body.
    pub fn check_request<'a, K: AsRef<str>, V: AsRef<str>>(
        protocol: Protocol,
        path: &'a str,
        headers: &'a [(K, V)],
        body: &[u8],
        service_id: &str,
    ) -> Result<&'a str, RequestError> {
        let (namespace, service) = service_id.split_once('#').unwrap_or(("", service_id));
        if protocol != Protocol::RpcV2Cbor {
            return RequestError::check_headers(headers, service, protocol.content_type());
        }
        let unknown = |reason: String| RequestError::UnknownOperation {
            target: Some(path.to_owned()),
            reason,
        };
        for target in ["x-amz-target", "x-amzn-target"] {
            if header(headers, target).is_some() {
                return Err(unknown(format!(
                    "an rpc-v2-cbor request must not carry {target}"
                )));
            }
        }
        let path = path.split(['?', '#']).next().unwrap_or(path);
        let segments: Vec<&str> = path.trim_end_matches('/').rsplit('/').take(4).collect();
        let operation = match segments.as_slice() {
            [operation, "operation", name, "service"]
                if !operation.is_empty()
                    && (*name == service
                        || name
                            .strip_prefix(namespace)
                            .and_then(|rest| rest.strip_prefix('.'))
                            == Some(service)) =>
            {
                *operation
            }
            _ => return Err(unknown(format!("unknown operation path {path}"))),
        };
        if !body.is_empty() {
            let media_type = header(headers, "content-type")
                .map(|v| v.split(';').next().unwrap_or(v).trim())
                .unwrap_or_default();
            if !media_type.eq_ignore_ascii_case(CBOR_CONTENT_TYPE) {
                return Err(unknown(format!(
                    "Content-Type must be {CBOR_CONTENT_TYPE}, not {}",
                    if media_type.is_empty() {
                        "missing"
                    } else {
                        media_type
                    }
                )));
            }
        }
        Ok(operation)
    }

    /// Checks the protocol headers of an incoming request and returns the operation name
    /// its `X-Amz-Target` asks `service` for.
    pub fn check_headers<'a, K: AsRef<str>, V: AsRef<str>>(
        headers: &'a [(K, V)],
        service: &str,
        content_type: &str,
    ) -> Result<&'a str, RequestError> {
        let target = header(headers, "x-amz-target");
        let unknown = |reason: String| RequestError::UnknownOperation {
            target: target.map(str::to_owned),
            reason,
        };
        let media_type = header(headers, "content-type")
            .map(|v| v.split(';').next().unwrap_or(v).trim())
            .unwrap_or_default();
        if !media_type.eq_ignore_ascii_case(content_type) {
            return Err(unknown(format!(
                "Content-Type must be {content_type}, not {}",
                if media_type.is_empty() {
                    "missing"
                } else {
                    media_type
                }
            )));
        }
        let Some(target) = target else {
            return Err(unknown("the X-Amz-Target header is missing".to_owned()));
        };
        match target.split_once('.') {
            Some((prefix, operation)) if prefix == service && !operation.is_empty() => {
                Ok(operation)
            }
            _ => Err(unknown(format!("unknown operation {target}"))),
        }
    }
}

impl From<InputError> for RequestError {
    fn from(error: InputError) -> Self {
        match error {
            InputError::Serialization(e) => RequestError::Serialization(e.to_string()),
            InputError::Cbor(e) => RequestError::Serialization(e.to_string()),
            InputError::Validation(errors) => RequestError::Validation(errors),
        }
    }
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code(), self.message())
    }
}

impl std::error::Error for RequestError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_fields_are_read_as_a_json_object_would_be() {
        let none: &[(&str, &str)] = &[];
        let read = |body: &str| error_code_and_message(none, body.as_bytes());
        let owned = |code: &str, message: &str| (Some(code.to_owned()), Some(message.to_owned()));
        // A code that is not a string counts as absent, so `__type` names the error.
        assert_eq!(
            read(
                r#"{"code":5,"__type":"a#Gone","nested":{"message":"no"},"list":[{}],"Message":"m\u00e9\n"}"#
            ),
            owned("Gone", "mé\n")
        );
        // `message` wins over `Message`, and a repeated member's last value wins.
        assert_eq!(
            read(r#"{"Message":"M","message":"first","message":"last","code":"C:http://x"}"#),
            owned("C", "last")
        );
        // `errorMessage` is read last, as the AWS SDKs read it.
        assert_eq!(
            read(r#"{"errorMessage":"e","__type":"Gone"}"#),
            owned("Gone", "e")
        );
        assert_eq!(
            read(r#"{"errorMessage":"e","Message":"M"}"#).1.as_deref(),
            Some("M")
        );
        for body in ["", "[]", "{", r#"{"code":"C"} x"#, "null"] {
            assert_eq!(read(body), (None, None), "{body}");
        }
        let header = [("X-Amzn-Errortype", "FromHeader:http://internal")];
        assert_eq!(
            error_code_and_message(&header, br#"{"code":"FromBody"}"#),
            (Some("FromHeader".to_owned()), None)
        );
    }

    #[test]
    fn error_parts_borrow_what_needs_no_unescaping() {
        use std::borrow::Cow;
        let none: [(&str, &str); 0] = [];
        let body = br#"{"__type":"com.amazonaws.cloudhsmv2#Gone","message":"plain"}"#;
        let parts = ErrorParts::read(&none, body);
        assert!(
            matches!(parts.code, Some(Cow::Borrowed("Gone"))),
            "{parts:?}"
        );
        assert!(
            matches!(parts.message, Some(Cow::Borrowed("plain"))),
            "{parts:?}"
        );
        // Escaped text is unescaped into an owned string; the code is still cut to its name.
        let body = br#"{"__type":"a.b#G\u006fne:http://x","message":"tab\there"}"#;
        let parts = ErrorParts::read(&none, body);
        assert_eq!(
            (parts.code(), parts.message()),
            (Some("Gone"), Some("tab\there"))
        );
        assert!(matches!(parts.code, Some(Cow::Owned(_))), "{parts:?}");
        // A header that sanitizes to nothing leaves no code, as `error_code_and_message` does.
        let header = [("x-amzn-errortype", ":http://internal")];
        let parts = ErrorParts::read(&header, br#"{"code":"FromBody"}"#);
        assert_eq!(parts.code(), None);
        assert_eq!(
            error_code_and_message(&header, br#"{"code":"FromBody"}"#),
            (None, None)
        );
    }

    #[test]
    fn sanitizing_error_codes() {
        for (raw, expected) in [
            ("FooError", "FooError"),
            ("com.amazonaws.cloudhsmv2#FooError", "FooError"),
            ("FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/", "FooError"),
            ("aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/", "FooError"),
            ("", ""),
        ] {
            assert_eq!(sanitize_error_code(raw), expected, "{raw}");
        }
    }

    #[test]
    fn header_code_wins_over_body() {
        let headers = [("X-Amzn-ErrorType", "FromHeader")];
        let (code, message) = error_code_and_message(
            &headers,
            br#"{"code":"FromCode","__type":"FromType","Message":"m"}"#,
        );
        assert_eq!(
            (code.as_deref(), message.as_deref()),
            (Some("FromHeader"), Some("m"))
        );
    }

    #[test]
    fn body_code_wins_over_type() {
        let none: [(&str, &str); 0] = [];
        let (code, _) =
            error_code_and_message(&none, br#"{"__type":"FromType","code":"FromCode"}"#);
        assert_eq!(code.as_deref(), Some("FromCode"));
        let (code, message) =
            error_code_and_message(&none, br#"{"__type":"a.b#FromType","message":"lower"}"#);
        assert_eq!(
            (code.as_deref(), message.as_deref()),
            (Some("FromType"), Some("lower"))
        );
    }

    #[test]
    fn empty_or_non_json_bodies_give_no_code() {
        let none: [(&str, &str); 0] = [];
        assert_eq!(error_code_and_message(&none, b""), (None, None));
        assert_eq!(
            error_code_and_message(&none, b"<html>oops</html>"),
            (None, None)
        );
    }

    #[test]
    fn error_bodies_put_the_type_first() {
        let response = error_response(
            "application/x-amz-json-1.1",
            400,
            "Oops",
            "Oops",
            br#"{"Message":"m"}"#,
        );
        assert_eq!(response.body, br#"{"__type":"Oops","Message":"m"}"#);
        let response = error_response("application/x-amz-json-1.0", 500, "Oops", "a.b#Oops", b"{}");
        assert_eq!(response.body, br#"{"__type":"a.b#Oops"}"#);
        assert_eq!(response.header("X-Amzn-Errortype"), Some("Oops"));
    }
}
