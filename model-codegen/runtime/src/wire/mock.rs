//! A service's answers: successful and error responses in each protocol, as a mock service
//! sends them (generated outputs' and errors' `to_http_response`) and as the request pipeline
//! writes its rejections. Apart because a client never writes a response.

use serde::Serialize;

use super::body::{to_body, to_json_bytes};
use super::client::ErrorFields;
use super::{HttpResponseParts, Protocol, UnhandledError};
use super::{CBOR_CONTENT_TYPE, SMITHY_PROTOCOL_CBOR};
use crate::cbor;

/// A successful response in `protocol`; `output` is `None` for an operation whose model has
/// none (no body).
pub fn ok_response_in<T: Serialize + ?Sized>(
    protocol: Protocol,
    output: Option<&T>,
) -> HttpResponseParts {
    let body = output.map(|o| to_body(protocol, o)).unwrap_or_default();
    match protocol {
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => ok_response(protocol.content_type(), body),
        Protocol::RpcV2Cbor => {
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
    match protocol {
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => error_response(
            protocol.content_type(),
            status,
            name,
            type_id,
            &to_json_bytes(members),
        ),
        Protocol::RpcV2Cbor => {
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

// Writing an unhandled error back out is what a mock replaying a response does, so these
// live with the other answers rather than beside the type.
impl UnhandledError {
    /// [`to_http_response`](Self::to_http_response) in `protocol`. RPC v2 CBOR names the
    /// error only in its body: a body that is a CBOR map with `__type` is kept as received;
    /// any other becomes `{"__type": <code>, "message": ...}` when the code is known.
    pub fn to_http_response_in(&self, protocol: Protocol) -> HttpResponseParts {
        match protocol {
            Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => {
                self.to_http_response(protocol.content_type())
            }
            Protocol::RpcV2Cbor => {
                let names_itself = cbor::from_slice::<ErrorFields<'_>>(self.body())
                    .is_ok_and(|fields| fields.type_name.is_some());
                let body = match self.code() {
                    Some(code) if !names_itself => {
                        let mut members = serde_json::Map::new();
                        members.insert("__type".to_owned(), code.into());
                        if let Some(message) = self.message() {
                            members.insert("message".to_owned(), message.into());
                        }
                        to_body(protocol, &members)
                    }
                    _ => self.body().to_vec(),
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
                    status: self.status(),
                    headers,
                    body,
                }
            }
        }
    }

    /// The response it came from (the header carries the code; the body is kept as received).
    pub fn to_http_response(&self, content_type: &str) -> HttpResponseParts {
        let mut headers = vec![("Content-Type".to_owned(), content_type.to_owned())];
        if let Some(code) = self.code() {
            headers.push(("X-Amzn-Errortype".to_owned(), code.to_owned()));
        }
        HttpResponseParts {
            status: self.status(),
            headers,
            body: self.body().to_vec(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
