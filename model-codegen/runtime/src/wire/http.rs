//! The request and response parts as `http` 1.x types (the `http` feature), for the HTTP
//! stacks Rust's clients and pipelines are written with (hyper, axum, tower, reqwest).
//!
//! Into `http`: a header name or value that `http` refuses (a space in a name, a line
//! break in a value) is an [`HttpError`] naming the header, never a panic. Out of `http`:
//! the owned parts want UTF-8 header values and say which header has none; the pipeline's
//! and client's readers ([`header_pairs`]) read such a value lossily instead, since the
//! headers they look at are ASCII when they are right at all.

use std::borrow::Cow;
use std::fmt;

use ::http::header::{HeaderName, HeaderValue, HOST};
use ::http::{HeaderMap, Method, Request, Response, StatusCode, Uri};

use super::{HttpRequestParts, HttpResponseParts};

/// Why parts could not become an `http` request or response, or an `http` message could
/// not become parts.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum HttpError {
    /// A header name `http` refuses (empty, or with a character a token cannot hold).
    HeaderName {
        /// The name as given.
        name: String,
    },
    /// A header value `http` refuses: it holds a control character such as CR or LF. The
    /// value is not repeated here, since headers carry credentials.
    HeaderValue {
        /// The header's name.
        name: String,
    },
    /// A header value of an `http` message that is not UTF-8, which the parts' strings
    /// cannot hold.
    HeaderValueNotUtf8 {
        /// The header's name.
        name: String,
    },
    /// A method `http` refuses.
    Method {
        /// The method as given.
        method: String,
    },
    /// An endpoint or path that does not make a URI with a scheme and an authority.
    Uri {
        /// The URI as put together.
        uri: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A status outside 100..=999.
    Status {
        /// The status as given.
        status: u16,
    },
}

impl fmt::Display for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HttpError::HeaderName { name } => {
                write!(f, "{name:?} is not a valid HTTP header name")
            }
            HttpError::HeaderValue { name } => write!(
                f,
                "the value of header {name} holds a character HTTP does not allow in a header \
                 (a control character such as CR or LF)"
            ),
            HttpError::HeaderValueNotUtf8 { name } => {
                write!(f, "the value of header {name} is not UTF-8")
            }
            HttpError::Method { method } => write!(f, "{method:?} is not a valid HTTP method"),
            HttpError::Uri { uri, reason } => write!(f, "{uri:?} is not a usable URI: {reason}"),
            HttpError::Status { status } => write!(f, "{status} is not an HTTP status"),
        }
    }
}

impl std::error::Error for HttpError {}

impl HttpRequestParts {
    /// The request as an `http::Request` to `endpoint` (`scheme://host[:port]`, maybe with a
    /// path prefix): the URI is the endpoint followed by the parts' path, and a `Host` header
    /// is added from the endpoint when the parts have none, so the request is ready for a
    /// signer and an HTTP/1.1 client. The body type is any that a `Vec<u8>` converts into
    /// (`Vec<u8>`, `Bytes`, `http_body_util::Full<Bytes>`, ...).
    pub fn into_http_request<B: From<Vec<u8>>>(
        self,
        endpoint: &str,
    ) -> Result<Request<B>, HttpError> {
        let text = format!("{}{}", endpoint.trim_end_matches('/'), self.path);
        let uri: Uri = text
            .parse()
            .map_err(|e: ::http::uri::InvalidUri| HttpError::Uri {
                uri: text.clone(),
                reason: e.to_string(),
            })?;
        let Some(authority) = uri.authority().map(|a| a.as_str().to_owned()) else {
            return Err(HttpError::Uri {
                uri: text,
                reason: "the endpoint has no scheme and host".to_owned(),
            });
        };
        let method = Method::from_bytes(self.method.as_bytes()).map_err(|_| HttpError::Method {
            method: self.method.clone(),
        })?;
        let mut headers = header_map(self.headers)?;
        if !headers.contains_key(HOST) {
            let host = HeaderValue::from_str(&authority).map_err(|_| HttpError::HeaderValue {
                name: HOST.as_str().to_owned(),
            })?;
            headers.insert(HOST, host);
        }
        let mut request = Request::new(B::from(self.body));
        *request.method_mut() = method;
        *request.uri_mut() = uri;
        *request.headers_mut() = headers;
        Ok(request)
    }

    /// The parts of an `http::Request`: its method, path and query, headers (values must
    /// be UTF-8) and body.
    pub fn from_http_request<B: AsRef<[u8]>>(
        request: &Request<B>,
    ) -> Result<HttpRequestParts, HttpError> {
        let path = request
            .uri()
            .path_and_query()
            .map_or("/", |p| p.as_str())
            .to_owned();
        Ok(HttpRequestParts {
            method: request.method().as_str().to_owned(),
            path,
            headers: owned_headers(request.headers())?,
            body: request.body().as_ref().to_vec(),
        })
    }
}

impl HttpResponseParts {
    /// The response as an `http::Response`, with any body type a `Vec<u8>` converts into.
    pub fn into_http_response<B: From<Vec<u8>>>(self) -> Result<Response<B>, HttpError> {
        let status = StatusCode::from_u16(self.status).map_err(|_| HttpError::Status {
            status: self.status,
        })?;
        let headers = header_map(self.headers)?;
        let mut response = Response::new(B::from(self.body));
        *response.status_mut() = status;
        *response.headers_mut() = headers;
        Ok(response)
    }

    /// The parts of an `http::Response`: its status, headers (values must be UTF-8) and
    /// body.
    pub fn from_http_response<B: AsRef<[u8]>>(
        response: &Response<B>,
    ) -> Result<HttpResponseParts, HttpError> {
        Ok(HttpResponseParts {
            status: response.status().as_u16(),
            headers: owned_headers(response.headers())?,
            body: response.body().as_ref().to_vec(),
        })
    }
}

/// An `http` message's headers as the name and value pairs the wire functions read
/// (`parse_request`, `parse_response`), borrowed; a value that is not UTF-8 is read
/// lossily (U+FFFD for each bad sequence), so it can only fail the checks that read it.
pub fn header_pairs(headers: &HeaderMap) -> Vec<(&str, Cow<'_, str>)> {
    headers
        .iter()
        .map(|(name, value)| (name.as_str(), String::from_utf8_lossy(value.as_bytes())))
        .collect()
}

/// Parts' headers as a `HeaderMap`, in order (a repeated name keeps every value).
fn header_map(headers: Vec<(String, String)>) -> Result<HeaderMap, HttpError> {
    let mut map = HeaderMap::with_capacity(headers.len());
    for (name, value) in headers {
        let header_name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| HttpError::HeaderName { name: name.clone() })?;
        let value = HeaderValue::from_bytes(value.as_bytes())
            .map_err(|_| HttpError::HeaderValue { name })?;
        map.append(header_name, value);
    }
    Ok(map)
}

/// A `HeaderMap` as owned pairs; every value must be UTF-8.
fn owned_headers(headers: &HeaderMap) -> Result<Vec<(String, String)>, HttpError> {
    headers
        .iter()
        .map(
            |(name, value)| match std::str::from_utf8(value.as_bytes()) {
                Ok(text) => Ok((name.as_str().to_owned(), text.to_owned())),
                Err(_) => Err(HttpError::HeaderValueNotUtf8 {
                    name: name.as_str().to_owned(),
                }),
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request_parts(headers: &[(&str, &str)]) -> HttpRequestParts {
        HttpRequestParts {
            method: "POST".to_owned(),
            path: "/".to_owned(),
            headers: headers
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect(),
            body: br#"{"a":1}"#.to_vec(),
        }
    }

    #[test]
    fn request_parts_become_an_http_request_to_the_endpoint_with_a_host() {
        let parts = request_parts(&[("Content-Type", "application/x-amz-json-1.1")]);
        let request: Request<Vec<u8>> = parts
            .into_http_request("http://127.0.0.1:8080/")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(request.method(), Method::POST);
        assert_eq!(request.uri(), "http://127.0.0.1:8080/");
        assert_eq!(request.headers()["host"], "127.0.0.1:8080");
        assert_eq!(
            request.headers()["content-type"],
            "application/x-amz-json-1.1"
        );
        assert_eq!(request.body(), br#"{"a":1}"#);
    }

    #[test]
    fn a_host_the_parts_carry_is_kept() {
        let parts = request_parts(&[("Host", "greeter.example.com")]);
        let request: Request<Vec<u8>> = parts
            .into_http_request("http://localhost:1")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(request.headers()["host"], "greeter.example.com");
    }

    #[test]
    fn refused_header_values_and_names_are_errors_naming_the_header() {
        let parts = request_parts(&[("X-Amz-Target", "a\r\nInjected: yes")]);
        assert_eq!(
            parts.into_http_request::<Vec<u8>>("http://localhost").err(),
            Some(HttpError::HeaderValue {
                name: "X-Amz-Target".to_owned()
            })
        );
        let parts = request_parts(&[("Bad Name", "v")]);
        let error = parts.into_http_request::<Vec<u8>>("http://localhost").err();
        assert_eq!(
            error.map(|e| e.to_string()).as_deref(),
            Some("\"Bad Name\" is not a valid HTTP header name")
        );
        let response = HttpResponseParts {
            status: 400,
            headers: vec![("X-Amzn-Errortype".to_owned(), "Bad\0Code".to_owned())],
            body: Vec::new(),
        };
        let error = response.into_http_response::<Vec<u8>>().err();
        assert_eq!(
            error.map(|e| e.to_string()).as_deref(),
            Some(
                "the value of header X-Amzn-Errortype holds a character HTTP does not allow \
                 in a header (a control character such as CR or LF)"
            )
        );
    }

    #[test]
    fn endpoints_without_a_host_methods_and_statuses_http_refuses_are_errors() {
        let error = request_parts(&[])
            .into_http_request::<Vec<u8>>("not a uri")
            .err();
        assert!(matches!(error, Some(HttpError::Uri { .. })), "{error:?}");
        let error = request_parts(&[])
            .into_http_request::<Vec<u8>>("")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            error.ends_with("the endpoint has no scheme and host"),
            "{error}"
        );
        let mut parts = request_parts(&[]);
        parts.method = "PO ST".to_owned();
        assert!(matches!(
            parts.into_http_request::<Vec<u8>>("http://localhost"),
            Err(HttpError::Method { .. })
        ));
        let response = HttpResponseParts {
            status: 1000,
            headers: Vec::new(),
            body: Vec::new(),
        };
        assert_eq!(
            response.into_http_response::<Vec<u8>>().err(),
            Some(HttpError::Status { status: 1000 })
        );
    }

    #[test]
    fn responses_go_both_ways_with_repeated_headers_and_non_utf8_bodies() {
        let parts = HttpResponseParts {
            status: 200,
            headers: vec![
                ("Content-Type".to_owned(), "application/cbor".to_owned()),
                ("Set-Cookie".to_owned(), "a=1".to_owned()),
                ("Set-Cookie".to_owned(), "b=2".to_owned()),
            ],
            body: vec![0xa0, 0xff, 0xfe],
        };
        let response: Response<Vec<u8>> = parts
            .clone()
            .into_http_response()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers().get_all("set-cookie").iter().count(), 2);
        let back =
            HttpResponseParts::from_http_response(&response).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back.body, parts.body);
        assert_eq!(back.header("set-cookie"), Some("a=1"));
        assert_eq!(back.headers.len(), 3);
    }

    #[test]
    fn http_requests_become_parts_with_path_and_query() {
        let mut request = Request::new(b"\xff\xfe".to_vec());
        *request.uri_mut() = "http://h/service/S/operation/Op?x=1"
            .parse()
            .unwrap_or_default();
        request
            .headers_mut()
            .insert("smithy-protocol", HeaderValue::from_static("rpc-v2-cbor"));
        let parts = HttpRequestParts::from_http_request(&request).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(parts.method, "GET");
        assert_eq!(parts.path, "/service/S/operation/Op?x=1");
        assert_eq!(parts.header("Smithy-Protocol"), Some("rpc-v2-cbor"));
        assert_eq!(parts.body, b"\xff\xfe");
    }

    #[test]
    fn header_values_that_are_not_utf8_are_errors_in_parts_and_lossy_in_pairs() {
        let mut request = Request::new(Vec::<u8>::new());
        let value =
            HeaderValue::from_bytes(b"Greeter.SayHell\xff").unwrap_or_else(|e| panic!("{e}"));
        request.headers_mut().insert("x-amz-target", value);
        assert_eq!(
            HttpRequestParts::from_http_request(&request),
            Err(HttpError::HeaderValueNotUtf8 {
                name: "x-amz-target".to_owned()
            })
        );
        let pairs = header_pairs(request.headers());
        assert_eq!(pairs.len(), 1);
        assert_eq!(pairs[0].0, "x-amz-target");
        assert_eq!(pairs[0].1, "Greeter.SayHell\u{fffd}");
        // UTF-8 beyond ASCII is kept as it is.
        let value = HeaderValue::from_bytes("café".as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        request.headers_mut().insert("x-note", value);
        let parts = HttpRequestParts::from_http_request(&request);
        assert!(parts.is_err());
        let pairs = header_pairs(request.headers());
        assert!(pairs.iter().any(|(n, v)| *n == "x-note" && v == "café"));
    }
}
