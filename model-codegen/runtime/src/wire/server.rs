//! The request pipeline's side: which protocol an incoming request speaks, how it must be
//! addressed, and why it is rejected. Apart because a client and a mock never read a request.

use std::fmt;

use super::body::to_json_bytes;
use super::mock::{error_response, error_response_in};
use super::{header, HttpResponseParts, Protocol};
use super::{CBOR_CONTENT_TYPE, SMITHY_PROTOCOL_CBOR};
use crate::{InputError, ValidationErrors};

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
        match protocol {
            Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => {
                self.to_http_response(protocol.content_type())
            }
            Protocol::RpcV2Cbor => {
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
        }
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
        match protocol {
            Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => {
                RequestError::check_headers(headers, service, protocol.content_type())
            }
            Protocol::RpcV2Cbor => {
                RequestError::check_cbor_request(path, headers, body, namespace, service)
            }
        }
    }

    /// [`check_request`](Self::check_request) for RPC v2 CBOR, whose requests are addressed
    /// by path; `namespace` and `service` are the service's absolute id split at `#`.
    fn check_cbor_request<'a, K: AsRef<str>, V: AsRef<str>>(
        path: &'a str,
        headers: &'a [(K, V)],
        body: &[u8],
        namespace: &str,
        service: &str,
    ) -> Result<&'a str, RequestError> {
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
            check_media_type(headers, CBOR_CONTENT_TYPE).map_err(unknown)?;
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
        check_media_type(headers, content_type).map_err(unknown)?;
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

/// Whether the request's `Content-Type` (its media type, parameters aside) is `expected`;
/// the reason it is not, for the rejection, otherwise.
fn check_media_type<K: AsRef<str>, V: AsRef<str>>(
    headers: &[(K, V)],
    expected: &str,
) -> Result<(), String> {
    let media_type = header(headers, "content-type")
        .map(|v| v.split(';').next().unwrap_or(v).trim())
        .unwrap_or_default();
    if media_type.eq_ignore_ascii_case(expected) {
        return Ok(());
    }
    let found = if media_type.is_empty() {
        "missing"
    } else {
        media_type
    };
    Err(format!("Content-Type must be {expected}, not {found}"))
}
