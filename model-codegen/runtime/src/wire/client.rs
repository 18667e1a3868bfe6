//! The client's side: writing an operation's request and reading the response it gets
//! back, including error responses the model does not name. Apart because a service only
//! ever does the reverse (`server`, `mock`).

use std::fmt;

use serde::Serialize;

use super::body::{to_body, to_json_bytes};
use super::{header, Fault, HttpRequestParts, Protocol};
use super::{CBOR_CONTENT_TYPE, SMITHY_PROTOCOL_CBOR};
use crate::{cbor, from_json_body};

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
    match protocol {
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => {
            let body = input.map_or_else(|| b"{}".to_vec(), to_json_bytes);
            request_parts(protocol.content_type(), service, operation, body)
        }
        Protocol::RpcV2Cbor => {
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
    }
}

/// An operation's input members as a client set them, checked against none of the model's
/// constraints: what a generated input builder's `build_unchecked()` gives.
///
/// Smithy's guidance for clients is not to enforce constraint traits, because services
/// relax them (longer IDs, new enum values, wider ranges) and a client that checks cannot
/// send what the newer service accepts until it is regenerated. The input types here stay
/// valid by construction, and a pipeline's `parse_request` stays strict; this is the
/// explicit way round them for a client. It serializes as the input would, members in
/// model order and absent ones left out, and makes the same request parts; it is not the
/// input type, so nothing that takes a proven input takes it.
#[derive(Clone, Debug, PartialEq)]
pub struct UncheckedInput<T> {
    service: &'static str,
    operation: &'static str,
    protocol: Protocol,
    members: T,
}

/// An [`UncheckedInput`] of `operation` of `service`, whose default protocol is `protocol`.
pub fn unchecked_input<T: Serialize>(
    service: &'static str,
    operation: &'static str,
    protocol: Protocol,
    members: T,
) -> UncheckedInput<T> {
    UncheckedInput {
        service,
        operation,
        protocol,
        members,
    }
}

impl<T: Serialize> UncheckedInput<T> {
    /// The operation's name in the model.
    pub fn operation_name(&self) -> &'static str {
        self.operation
    }

    /// The members as set (the input's builder).
    pub fn members(&self) -> &T {
        &self.members
    }

    /// The members back, to change and build again (checked or not).
    pub fn into_members(self) -> T {
        self.members
    }

    /// The request in the service's default protocol, as the checked input's
    /// `to_http_request` makes it.
    pub fn to_http_request(&self) -> HttpRequestParts {
        self.to_http_request_in(self.protocol)
    }

    /// The request in `protocol`.
    pub fn to_http_request_in(&self, protocol: Protocol) -> HttpRequestParts {
        request_in(protocol, self.service, self.operation, Some(&self.members))
    }
}

impl<T: Serialize> Serialize for UncheckedInput<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.members.serialize(serializer)
    }
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

/// An error code as services send it, reduced to the error's shape name: cut at the first
/// `:` (`FooError:http://internal.amazon.com/coral/...`), then keep what follows the last `#`
/// (`com.example.service#FooError`).
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
        let fields = from_json_body::<ErrorFields<'a>>(body).unwrap_or_default();
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
        match protocol {
            Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => ErrorParts::read(headers, body),
            Protocol::RpcV2Cbor => {
                let fields = cbor::from_slice::<ErrorFields<'a>>(body).unwrap_or_default();
                ErrorParts {
                    code: fields.type_name.and_then(sanitized),
                    message: fields
                        .message
                        .or(fields.capital_message)
                        .or(fields.error_message),
                }
            }
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
pub(super) struct ErrorFields<'a> {
    code: Option<std::borrow::Cow<'a, str>>,
    pub(super) type_name: Option<std::borrow::Cow<'a, str>>,
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
        let body = br#"{"__type":"com.example.service#Gone","message":"plain"}"#;
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
            ("com.example.service#FooError", "FooError"),
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
}
