//! A local stand-in for CloudHSM V2's `ModifyBackupAttributes` and `CopyBackupToRegion`, in
//! awsJson1_1 and Smithy RPC v2 CBOR, on a real socket:
//!
//! ```sh
//! cargo run -p cloudhsm-model --example pipeline_server
//! ```
//!
//! It binds 127.0.0.1 on a free port, prints `listening on http://127.0.0.1:PORT`, and serves
//! until stopped. Every request is checked as the service checks it (`service::parse_http_request`):
//! an unknown operation or wrong `Content-Type` (or `X-Amz-Target` on a CBOR request) is an
//! `UnknownOperationException`, a body of the wrong types a `SerializationException`, and a
//! body that breaks the model's constraints a `ValidationException` listing every violation,
//! each answered in the request's protocol. A valid request gets an output built from it.
//!
//! The `Authorization` header is not checked: any SigV4 signature is accepted, as a local
//! mock does. A body longer than [`MAX_BODY_BYTES`] is refused (HTTP 413) before it is read
//! whole, and a connection that sends nothing for [`READ_TIMEOUT`] while a request's headers
//! or body are due is answered or closed, so a slow or idle client cannot hold the server.
//!
//! The end-to-end test and the server bench include this file as a module and call
//! [`serve`] themselves.

use std::time::Duration;

use cloudhsm_model::operation::copy_backup_to_region::{
    CopyBackupToRegionInput, CopyBackupToRegionOutput,
};
use cloudhsm_model::operation::modify_backup_attributes::{
    ModifyBackupAttributesInput, ModifyBackupAttributesOutput,
};
use cloudhsm_model::runtime::http;
use cloudhsm_model::runtime::wire::{header_pairs, HttpResponseParts, Protocol, RequestError};
use cloudhsm_model::service;
use cloudhsm_model::types::{Backup, BackupState, DestinationBackup};
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::body::{Bytes, Incoming};
use hyper_util::rt::{TokioIo, TokioTimer};

/// The largest request body the server reads: 1 MiB, far above any valid request of these
/// operations (50 tags of the longest keys and values are under 100 KB).
pub const MAX_BODY_BYTES: usize = 1 << 20;

/// How long the server waits for a request's headers, or for the rest of its body.
pub const READ_TIMEOUT: Duration = Duration::from_secs(10);

/// What bounds one connection's requests.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Bodies longer than this are refused with 413.
    pub max_body_bytes: usize,
    /// Headers, and the whole body, must arrive within this.
    pub read_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: MAX_BODY_BYTES,
            read_timeout: READ_TIMEOUT,
        }
    }
}

/// What the server does with a request whose body has been read whole.
pub type Answer = fn(&http::Request<Bytes>) -> http::Response<Full<Bytes>>;

fn main() -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
        println!("listening on http://{}", listener.local_addr()?);
        serve(listener, Limits::default(), answer).await
    })
}

/// Serves `listener` until the task is dropped: each connection on a task of its own, each
/// request read under `limits` and answered by `answer`.
pub async fn serve(
    listener: tokio::net::TcpListener,
    limits: Limits,
    answer: Answer,
) -> std::io::Result<()> {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // A connection that failed before it was accepted concerns no other.
            Err(e) => {
                eprintln!("accept failed: {e}");
                continue;
            }
        };
        tokio::spawn(connection(stream, limits, answer));
    }
}

/// One HTTP/1.1 connection, keep-alive, until the client closes it or a read times out.
async fn connection(stream: tokio::net::TcpStream, limits: Limits, answer: Answer) {
    let service = hyper::service::service_fn(move |request| respond(request, limits, answer));
    // Errors end this connection alone: a client that went away, or sent what is not HTTP.
    let _ = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.read_timeout)
        .serve_connection(TokioIo::new(stream), service)
        .await;
}

/// Why a request was dropped unanswered: its body stopped with the connection.
#[derive(Debug)]
struct BodyFailed(Box<dyn std::error::Error + Send + Sync>);

impl std::fmt::Display for BodyFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the request body could not be read: {}", self.0)
    }
}

impl std::error::Error for BodyFailed {}

/// Reads the body within the limits, then answers.
async fn respond(
    request: http::Request<Incoming>,
    limits: Limits,
    answer: Answer,
) -> Result<http::Response<Full<Bytes>>, BodyFailed> {
    let (parts, body) = request.into_parts();
    let protocol = service::request_protocol(&header_pairs(&parts.headers));
    let declared = parts
        .headers
        .get(http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|length| length > limits.max_body_bytes as u64) {
        return Ok(too_large(protocol, limits.max_body_bytes));
    }
    let read = Limited::new(body, limits.max_body_bytes).collect();
    let body = match tokio::time::timeout(limits.read_timeout, read).await {
        Ok(Ok(collected)) => collected.to_bytes(),
        Ok(Err(e)) if e.is::<LengthLimitError>() => {
            return Ok(too_large(protocol, limits.max_body_bytes))
        }
        Ok(Err(e)) => return Err(BodyFailed(e)),
        Err(_) => {
            let message = format!(
                "the request body did not arrive within {} s",
                limits.read_timeout.as_secs_f64()
            );
            return Ok(rejection(protocol, 408, message));
        }
    };
    Ok(answer(&http::Request::from_parts(parts, body)))
}

/// The pipeline: every request checked as the service checks it, every valid one answered
/// with an output built from it, in the request's protocol.
pub fn answer(request: &http::Request<Bytes>) -> http::Response<Full<Bytes>> {
    let protocol = service::request_protocol(&header_pairs(request.headers()));
    let parts = match service::parse_http_request(request) {
        Ok(service::Request::ModifyBackupAttributes(input)) => {
            modified(&input).to_http_response_in(protocol)
        }
        Ok(service::Request::CopyBackupToRegion(input)) => {
            copied(&input).to_http_response_in(protocol)
        }
        // A later model's operation, which this one does not name.
        Ok(other) => RequestError::unknown_operation(
            protocol,
            service::NAME,
            request.uri().path(),
            other.operation_name(),
        )
        .to_http_response_in(protocol),
        Err(rejection) => rejection.to_http_response_in(protocol),
    };
    into_response(parts)
}

/// The backup as modified: the requested ID and `NeverExpires`.
fn modified(input: &ModifyBackupAttributesInput) -> ModifyBackupAttributesOutput {
    let backup = Backup::builder()
        .backup_id(input.backup_id())
        .never_expires(input.never_expires())
        .backup_state(BackupState::Ready)
        .build();
    ModifyBackupAttributesOutput::builder()
        .backup(backup)
        .build()
}

/// The copy being made: its source is the requested backup.
fn copied(input: &CopyBackupToRegionInput) -> CopyBackupToRegionOutput {
    let destination = DestinationBackup::builder()
        .source_backup(input.backup_id())
        .build();
    CopyBackupToRegionOutput::builder()
        .destination_backup(destination)
        .build()
}

/// A body over the cap, refused before it is read whole.
fn too_large(protocol: Protocol, max_body_bytes: usize) -> http::Response<Full<Bytes>> {
    let message = format!("the request body is larger than {max_body_bytes} bytes");
    rejection(protocol, 413, message)
}

/// A `SerializationException` in `protocol`, with `status`.
fn rejection(protocol: Protocol, status: u16, message: String) -> http::Response<Full<Bytes>> {
    let mut parts = RequestError::Serialization(message).to_http_response_in(protocol);
    parts.status = status;
    into_response(parts)
}

/// The parts as a hyper response. The crate's own responses carry only headers `http`
/// accepts; should one not, the client gets a 500 saying why rather than a dropped line.
fn into_response(parts: HttpResponseParts) -> http::Response<Full<Bytes>> {
    parts.into_http_response().unwrap_or_else(|e| {
        let mut response = http::Response::new(Full::from(e.to_string()));
        *response.status_mut() = http::StatusCode::INTERNAL_SERVER_ERROR;
        response
    })
}
