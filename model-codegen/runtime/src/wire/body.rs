//! Bodies in a protocol: what generated code writes and reads them with.

use serde::Serialize;

use super::{BodyError, Protocol};
use crate::cbor;

/// Writes a value as the protocol's body. Generated values serialize without failing but
/// for what a protocol cannot carry; such a body is written as an empty document.
pub fn to_body<T: Serialize + ?Sized>(protocol: Protocol, value: &T) -> Vec<u8> {
    match protocol {
        Protocol::RpcV2Cbor => cbor::to_vec(value).unwrap_or_else(|_| vec![EMPTY_CBOR_MAP]),
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => to_json_bytes(value),
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
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => {
            crate::from_json_body(json_body(body)).map_err(BodyError::Json)
        }
    }
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

/// Serializes a generated value. Generated types hold only strings, numbers, booleans,
/// lists, maps, enums and timestamps, whose serialization to JSON cannot fail.
pub fn to_json_bytes<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).unwrap_or_else(|_| b"{}".to_vec())
}
