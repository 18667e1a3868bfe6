//! The documents the command line prints, one JSON line per answer. Their members and their
//! order are a contract with the scripts that read them.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Failure;
use crate::strategy::ExpectedViolation;
use crate::wire::{Protocol, Service};
use crate::{Blob, InputError, ValidationErrors};

/// A printed document and whether it says valid or ok; an error only when the document
/// could not be written (see [`to_text`]).
pub(crate) type Answer = Result<(String, bool), Failure>;

/// A request body as the command has it.
#[derive(Clone, Copy)]
pub(crate) enum Body<'a> {
    /// Bytes in a protocol (JSON as given: an empty body is malformed).
    Bytes(Protocol, &'a [u8]),
    /// JSON text already known to be UTF-8.
    JsonText(&'a str),
}

/// Serializes a document. The documents are plain structs of strings and maps of strings,
/// which serde_json always writes; a failure is still an error, never an empty line.
pub(crate) fn to_text<T: Serialize>(value: &T) -> Result<String, Failure> {
    // Room for a typical rejection up front: growing the buffer cost more than writing it.
    let mut text = Vec::with_capacity(1024);
    serde_json::to_writer(&mut text, value)
        .map_err(|e| Failure::Io(format!("cannot write the document: {e}")))?;
    String::from_utf8(text).map_err(|e| Failure::Io(format!("cannot write the document: {e}")))
}

/// `{"valid":true}`, or the rejection of the body; whether it was valid.
pub(crate) fn validate<S: Service>(operation: &str, body: Body<'_>) -> Answer {
    let parsed = match body {
        // CBOR through its protocol; JSON as the body is given.
        Body::Bytes(protocol @ Protocol::RpcV2Cbor, bytes) => {
            S::parse_input_in(protocol, operation, bytes)
        }
        Body::Bytes(_, bytes) => S::parse_input(operation, bytes),
        Body::JsonText(text) => S::parse_input_str(operation, text),
    };
    Ok(match parsed {
        Some(Ok(_)) => (VALID.to_owned(), true),
        Some(Err(error)) => (invalid_document(&error)?, false),
        None => (unknown_operation_document::<S>(operation)?, false),
    })
}

/// What `validate` prints for a valid body.
pub(crate) const VALID: &str = r#"{"valid":true}"#;

/// `{"valid":false,"error":...,"message":...}`, members in this order.
#[derive(Serialize)]
struct Rejection<'a> {
    valid: bool,
    error: &'a str,
    message: String,
}

/// The same rejection for `parse-response` records, keyed `ok`.
#[derive(Serialize)]
struct RecordRejection<'a> {
    ok: bool,
    error: &'a str,
    message: String,
}

/// A rejection that is not a validation: `error` is the exception's name.
pub(crate) fn rejection(error: &str, message: String) -> Result<String, Failure> {
    to_text(&Rejection {
        valid: false,
        error,
        message,
    })
}

/// [`rejection`] keyed `ok`, for `parse-response`.
pub(crate) fn record_rejection(error: &str, message: String) -> Result<String, Failure> {
    to_text(&RecordRejection {
        ok: false,
        error,
        message,
    })
}

fn invalid_document(error: &InputError) -> Result<String, Failure> {
    match error {
        InputError::Serialization(e) => rejection("SerializationException", e.to_string()),
        InputError::Cbor(e) => rejection("SerializationException", e.to_string()),
        InputError::Validation(errors) => Ok(validation_document(errors)),
    }
}

/// The `ValidationException` document: the library's members
/// ([`ValidationErrors::write_exception_members`], the body a request pipeline answers
/// with) after `"valid":false,"error":"ValidationException"`.
pub(crate) fn validation_document(errors: &ValidationErrors) -> String {
    let mut out = String::with_capacity(1024);
    out.push_str(r#"{"valid":false,"error":"ValidationException","#);
    errors.write_exception_members(&mut out);
    out.push('}');
    out
}

/// What names the operations when one is unknown.
pub(crate) fn unknown_operation_message<S: Service>(operation: &str) -> String {
    format!(
        "unknown operation `{operation}`; the operations are: {}",
        S::OPERATION_NAMES.join(", ")
    )
}

pub(crate) fn unknown_operation_document<S: Service>(operation: &str) -> Result<String, Failure> {
    rejection(
        "UnknownOperationException",
        unknown_operation_message::<S>(operation),
    )
}

/// `{"method":...,"path":...,"headers":{...},"body":...}`, or `"body_base64"` for a
/// binary (CBOR) body.
#[derive(Serialize)]
struct RequestDocument {
    method: String,
    path: String,
    headers: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    body_base64: Option<String>,
}

/// The request for an input read as JSON, in `protocol`.
pub(crate) fn request<S: Service>(operation: &str, body: &[u8], protocol: Protocol) -> Answer {
    let request = match S::parse_input(operation, body) {
        Some(Ok(request)) => S::to_http_request_in(&request, protocol),
        Some(Err(error)) => return Ok((invalid_document(&error)?, false)),
        None => return Ok((unknown_operation_document::<S>(operation)?, false)),
    };
    let binary = protocol == Protocol::RpcV2Cbor;
    let document = RequestDocument {
        method: request.method,
        path: request.path,
        headers: request
            .headers
            .into_iter()
            .map(|(k, v)| (k.to_ascii_lowercase(), v))
            .collect(),
        body: (!binary).then(|| String::from_utf8_lossy(&request.body).into_owned()),
        body_base64: binary.then(|| Blob::new(request.body).to_base64()),
    };
    Ok((to_text(&document)?, true))
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

/// A response read as a client reads it: `{"ok":true,"output":...}` or the error.
pub(crate) fn parse_response<S: Service>(
    operation: &str,
    protocol: Protocol,
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
) -> Answer {
    let Some(response) = S::parse_response_in(protocol, operation, status, headers, body) else {
        return Ok((unknown_operation_document::<S>(operation)?, false));
    };
    if let Some(output) = S::output_json(&response) {
        let output = String::from_utf8_lossy(&output);
        return Ok((format!(r#"{{"ok":true,"output":{output}}}"#), true));
    }
    let Some(error) = S::error(&response) else {
        let message = "the response is neither an output nor an error".to_owned();
        return Ok((rejection("Unhandled", message)?, false));
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
    Ok((to_text(&document)?, false))
}

/// `{"body":{...},"expected":{"path":...,"violation":...}}`: a body that breaks one
/// constraint, and the violation to expect.
pub(crate) fn invalid_sample(
    body: &serde_json::Value,
    expected: &ExpectedViolation,
) -> Result<String, Failure> {
    #[derive(Serialize)]
    struct Sample<'a> {
        body: &'a serde_json::Value,
        expected: Expected,
    }
    #[derive(Serialize)]
    struct Expected {
        path: String,
        violation: String,
    }
    to_text(&Sample {
        body,
        expected: Expected {
            path: expected.json_pointer(),
            violation: format!("{:?}", expected.kind),
        },
    })
}
