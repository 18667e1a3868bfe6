//! Wire handling for the AWS JSON protocols and Smithy RPC v2 CBOR, as plain data: no HTTP
//! client, no networking.
//!
//! A client turns an input into [`HttpRequestParts`] and hands a response's status, headers
//! and body to the operation's `parse_response` (a client that must send what the model's
//! constraints refuse builds an [`UncheckedInput`] instead). A request pipeline does the reverse with the
//! service's `parse_request`, and a mock service answers with [`HttpResponseParts`]. Each
//! has an `_in` form that takes the [`Protocol`]; the plain form uses the service's default.
//!
//! This module holds what every side shares: the protocols, the request and response parts,
//! headers, faults, and writing and reading bodies in a protocol. What only one side does
//! lives in a file of its own (`client`, `server`, `mock`); everything is re-exported here,
//! so `wire::X` is the one path for each item.
//!
//! With the `http` feature, the parts convert to and from `http` 1.x requests and responses
//! (`HttpRequestParts::into_http_request`, `HttpResponseParts::into_http_response` and their
//! `from_http_*` reverses, `HttpError` when `http` refuses a header), and generated code
//! offers `service::parse_http_request` and each operation's `parse_http_response`.

use std::fmt;

use super::cbor;
use super::InputError;

// What generated code calls and users need not: reachable from `crate::__private` only.
pub(crate) mod body;
pub(crate) mod client;
#[cfg(feature = "http")]
mod http;
pub(crate) mod mock;
pub(crate) mod server;
mod service;

pub use client::{
    error_code_and_message, sanitize_error_code, OperationError, UncheckedInput, UnhandledError,
};
#[cfg(feature = "http")]
pub use http::{header_pairs, HttpError};
pub use server::RequestError;
pub use service::Service;

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
            Protocol::AwsJson1_0 | Protocol::RpcV2Cbor => absolute_id,
        }
    }
}

/// The `Smithy-Protocol` header's value for RPC v2 CBOR, on every request and response.
pub const SMITHY_PROTOCOL_CBOR: &str = "rpc-v2-cbor";

/// RPC v2 CBOR's `Content-Type` (and `Accept`).
pub const CBOR_CONTENT_TYPE: &str = "application/cbor";

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
