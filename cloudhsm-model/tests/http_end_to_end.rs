//! The pipeline server example on a free loopback port, driven over TCP by a real HTTP
//! client (hyper) in both protocols: valid, invalid, malformed, unknown-operation and
//! wrong-content-type requests, the signed client example, eight concurrent clients, an
//! oversized body and clients that stop mid-body or never send.

#[allow(dead_code)]
#[path = "../examples/pipeline_server.rs"]
mod pipeline_server;

#[allow(dead_code)]
#[path = "../examples/signed_client.rs"]
mod signed_client;

use std::io::{Read, Write};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use cloudhsm_model::operation::copy_backup_to_region::{
    self, CopyBackupToRegionError, CopyBackupToRegionInput,
};
use cloudhsm_model::operation::modify_backup_attributes::{self, ModifyBackupAttributesInput};
use cloudhsm_model::runtime::http;
use cloudhsm_model::runtime::wire::{HttpRequestParts, Protocol};
use cloudhsm_model::service;
use cloudhsm_model::types::Tag;
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::client::conn::http1::SendRequest;
use hyper_util::rt::TokioIo;

const PROTOCOLS: [Protocol; 2] = [Protocol::AwsJson1_1, Protocol::RpcV2Cbor];

/// How long the test server waits for headers or the rest of a body: short, so the tests
/// of stalled clients end quickly, and long against a loopback request's few microseconds.
const READ_TIMEOUT: Duration = Duration::from_secs(1);

/// Starts the example's server on 127.0.0.1 with a free port, on a thread of its own (it
/// lives as long as the test process).
fn start_server() -> SocketAddr {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap_or_else(|e| panic!("runtime: {e}"));
        runtime.block_on(async {
            let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
                .await
                .unwrap_or_else(|e| panic!("bind: {e}"));
            let address = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
            let _ = sender.send(address);
            let limits = pipeline_server::Limits {
                read_timeout: READ_TIMEOUT,
                ..pipeline_server::Limits::default()
            };
            let _ = pipeline_server::serve(listener, limits, pipeline_server::answer).await;
        });
    });
    receiver
        .recv_timeout(Duration::from_secs(10))
        .unwrap_or_else(|e| panic!("the server did not start: {e}"))
}

/// Runs a client's future on a runtime of its own.
fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("runtime: {e}"))
        .block_on(future)
}

/// One keep-alive HTTP/1.1 connection.
struct Client {
    sender: SendRequest<Full<Bytes>>,
    endpoint: String,
}

impl Client {
    async fn connect(address: SocketAddr) -> Client {
        let stream = tokio::net::TcpStream::connect(address)
            .await
            .unwrap_or_else(|e| panic!("connect: {e}"));
        let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .unwrap_or_else(|e| panic!("handshake: {e}"));
        tokio::spawn(connection);
        Client {
            sender,
            endpoint: format!("http://{address}"),
        }
    }

    /// Sends the parts as an `http::Request` and reads the whole response.
    async fn send(&mut self, parts: HttpRequestParts) -> http::Response<Bytes> {
        let request: http::Request<Vec<u8>> = parts
            .into_http_request(&self.endpoint)
            .unwrap_or_else(|e| panic!("{e}"));
        self.sender
            .ready()
            .await
            .unwrap_or_else(|e| panic!("connection: {e}"));
        let response = self
            .sender
            .send_request(request.map(Full::from))
            .await
            .unwrap_or_else(|e| panic!("send: {e}"));
        let (parts, body) = response.into_parts();
        let body = body
            .collect()
            .await
            .unwrap_or_else(|e| panic!("body: {e}"))
            .to_bytes();
        http::Response::from_parts(parts, body)
    }
}

/// What the pipeline itself answers to these parts, for comparing with what came over TCP.
fn pipeline_answer(parts: &HttpRequestParts) -> (u16, Vec<u8>) {
    let protocol = service::request_protocol(&parts.headers);
    match service::parse_request(&parts.path, &parts.headers, &parts.body) {
        Ok(request) => panic!("not rejected: {request:?}"),
        Err(rejection) => {
            let response = rejection.to_http_response_in(protocol);
            (response.status, response.body)
        }
    }
}

fn modify_input(backup_id: &str) -> ModifyBackupAttributesInput {
    ModifyBackupAttributesInput::builder()
        .backup_id(backup_id)
        .never_expires(true)
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn copy_input(backup_id: &str) -> CopyBackupToRegionInput {
    CopyBackupToRegionInput::builder()
        .backup_id(backup_id)
        .destination_region("us-west-2")
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The error code a client reads from a rejection, in `protocol`.
fn error_code(protocol: Protocol, response: &http::Response<Bytes>) -> Option<String> {
    match copy_backup_to_region::parse_http_response_in(protocol, response) {
        Err(CopyBackupToRegionError::Unhandled(e)) => e.code().map(str::to_owned),
        other => panic!("not an error the model leaves unnamed: {other:?}"),
    }
}

/// A backup ID unique to `n`, as the model's pattern wants it: `backup-` and 11 letters.
fn backup_id(n: usize) -> String {
    let mut letters = String::from("backup-");
    let mut rest = n;
    for _ in 0..11 {
        letters.push(char::from(b'a' + (rest % 26) as u8));
        rest /= 26;
    }
    letters
}

#[test]
fn valid_requests_get_outputs_built_from_them_in_both_protocols() {
    let address = start_server();
    block_on(async {
        let mut client = Client::connect(address).await;
        for protocol in PROTOCOLS {
            let input = modify_input("backup-abcdefghijk");
            let response = client.send(input.to_http_request_in(protocol)).await;
            assert_eq!(response.status(), 200, "{protocol:?}");
            let output = modify_backup_attributes::parse_http_response_in(protocol, &response)
                .unwrap_or_else(|e| panic!("{protocol:?}: {e}"));
            let backup = output.backup.unwrap_or_default();
            assert_eq!(backup.backup_id.as_deref(), Some("backup-abcdefghijk"));
            assert_eq!(backup.never_expires, Some(true));

            let input = copy_input("backup-234567abcde");
            let response = client.send(input.to_http_request_in(protocol)).await;
            let output = copy_backup_to_region::parse_http_response_in(protocol, &response)
                .unwrap_or_else(|e| panic!("{protocol:?}: {e}"));
            let destination = output.destination_backup.unwrap_or_default();
            assert_eq!(
                destination.source_backup.as_deref(),
                Some("backup-234567abcde")
            );
        }
    });
}

#[test]
fn invalid_requests_get_every_violation_as_the_pipeline_writes_it() {
    let address = start_server();
    block_on(async {
        let mut client = Client::connect(address).await;
        // Sent on purpose: the forward-compatible path builds what the model refuses.
        let invalid = CopyBackupToRegionInput::builder()
            .backup_id("backup-1")
            .set_tag_list(Some(Vec::new()))
            .build_unchecked();
        for protocol in PROTOCOLS {
            let parts = invalid.to_http_request_in(protocol);
            let (status, body) = pipeline_answer(&parts);
            let response = client.send(parts).await;
            assert_eq!(response.status(), status, "{protocol:?}");
            assert_eq!(response.body().as_ref(), body.as_slice(), "{protocol:?}");
            match copy_backup_to_region::parse_http_response_in(protocol, &response) {
                Err(CopyBackupToRegionError::Unhandled(e)) => {
                    assert_eq!(e.code(), Some("ValidationException"));
                    let message = e.message().unwrap_or_default();
                    assert!(
                        message.starts_with("3 validation errors detected: ")
                            && message.contains("Value 'backup-1' at 'backupId'")
                            && message.contains("Value null at 'destinationRegion'")
                            && message.contains("Value '[]' at 'tagList'"),
                        "{message}"
                    );
                }
                other => panic!("{protocol:?}: {other:?}"),
            }
        }
    });
}

#[test]
fn malformed_bodies_are_serialization_exceptions_in_both_protocols() {
    let address = start_server();
    block_on(async {
        let mut client = Client::connect(address).await;
        for protocol in PROTOCOLS {
            let mut bodies: Vec<Vec<u8>> = vec![b"{\"BackupId\":".to_vec(), vec![0xff, 0x00]];
            // Not UTF-8 inside a JSON string.
            bodies.push(b"{\"BackupId\":\"backup-\xff\"}".to_vec());
            for body in bodies {
                let mut parts = copy_input("backup-abcdefghijk").to_http_request_in(protocol);
                parts
                    .headers
                    .retain(|(n, _)| !n.eq_ignore_ascii_case("content-length"));
                parts.body = body;
                let (status, expected) = pipeline_answer(&parts);
                let response = client.send(parts).await;
                assert_eq!(response.status(), status);
                assert_eq!(response.status(), 400);
                assert_eq!(response.body().as_ref(), expected.as_slice());
                assert_eq!(
                    error_code(protocol, &response).as_deref(),
                    Some("SerializationException"),
                    "{protocol:?}"
                );
            }
        }
    });
}

#[test]
fn unknown_operations_are_refused_in_both_protocols() {
    let address = start_server();
    block_on(async {
        let mut client = Client::connect(address).await;
        for protocol in PROTOCOLS {
            let mut parts = copy_input("backup-abcdefghijk").to_http_request_in(protocol);
            match protocol {
                Protocol::RpcV2Cbor => {
                    parts.path = "/service/BaldrApiService/operation/DeleteBackup".to_owned();
                }
                _ => {
                    for (name, value) in &mut parts.headers {
                        if name.eq_ignore_ascii_case("x-amz-target") {
                            *value = "BaldrApiService.DeleteBackup".to_owned();
                        }
                    }
                }
            }
            let response = client.send(parts).await;
            assert_eq!(response.status(), 400);
            assert_eq!(
                error_code(protocol, &response).as_deref(),
                Some("UnknownOperationException"),
                "{protocol:?}"
            );
        }
    });
}

#[test]
fn a_wrong_content_type_or_a_target_on_a_cbor_request_is_refused() {
    let address = start_server();
    block_on(async {
        let mut client = Client::connect(address).await;
        for protocol in PROTOCOLS {
            let mut parts = copy_input("backup-abcdefghijk").to_http_request_in(protocol);
            for (name, value) in &mut parts.headers {
                if name.eq_ignore_ascii_case("content-type") {
                    *value = "application/json".to_owned();
                }
            }
            let response = client.send(parts).await;
            assert_eq!(response.status(), 400);
            assert_eq!(
                error_code(protocol, &response).as_deref(),
                Some("UnknownOperationException"),
                "{protocol:?}"
            );
            assert_eq!(
                response.headers()["content-type"],
                protocol.content_type(),
                "answered in the request's protocol"
            );
        }
        let mut parts = copy_input("backup-abcdefghijk").to_http_request_in(Protocol::RpcV2Cbor);
        parts.headers.push((
            "X-Amz-Target".to_owned(),
            "BaldrApiService.CopyBackupToRegion".to_owned(),
        ));
        let response = client.send(parts).await;
        assert_eq!(
            error_code(Protocol::RpcV2Cbor, &response).as_deref(),
            Some("UnknownOperationException")
        );
    });
}

#[test]
fn the_signed_client_example_signs_and_reads_its_typed_output() {
    let address = start_server();
    let endpoint = format!("http://{address}");
    let output = block_on(signed_client::modify_backup(
        &endpoint,
        "backup-signedclient",
    ))
    .unwrap_or_else(|e| panic!("{e}"));
    let backup = output.backup.unwrap_or_default();
    assert_eq!(backup.backup_id.as_deref(), Some("backup-signedclient"));
    assert_eq!(backup.never_expires, Some(true));

    let mut request: http::Request<Vec<u8>> = modify_input("backup-abcdefghijk")
        .to_http_request()
        .into_http_request(&endpoint)
        .unwrap_or_else(|e| panic!("{e}"));
    signed_client::sign_request(&mut request, "us-east-1").unwrap_or_else(|e| panic!("{e}"));
    let authorization = request.headers()["authorization"]
        .to_str()
        .unwrap_or_default();
    assert!(
        authorization.starts_with("AWS4-HMAC-SHA256 Credential=")
            && authorization.contains("/us-east-1/cloudhsm/aws4_request")
            && authorization.contains("x-amz-target"),
        "{authorization}"
    );
    assert!(request.headers().contains_key("x-amz-date"));
}

#[test]
fn eight_clients_send_a_thousand_requests_each_and_every_answer_is_theirs() {
    const CLIENTS: usize = 8;
    const REQUESTS: usize = 1_000;
    let address = start_server();
    let answered = block_on(async {
        let tasks: Vec<_> = (0..CLIENTS)
            .map(|client| {
                tokio::spawn(async move {
                    let mut connection = Client::connect(address).await;
                    let mut answered = 0;
                    for i in 0..REQUESTS {
                        let id = backup_id(client * REQUESTS + i);
                        exchange(&mut connection, i % 4, &id).await;
                        answered += 1;
                    }
                    answered
                })
            })
            .collect();
        let mut answered = 0;
        for task in tasks {
            answered += task.await.unwrap_or_else(|e| panic!("client: {e}"));
        }
        answered
    });
    assert_eq!(answered, CLIENTS * REQUESTS);
}

/// One request of the concurrent run, of a kind picked by `kind`, about `id`; checks that
/// the answer is about `id`.
async fn exchange(client: &mut Client, kind: usize, id: &str) {
    match kind {
        0 | 1 => {
            let protocol = PROTOCOLS[kind];
            let response = client
                .send(modify_input(id).to_http_request_in(protocol))
                .await;
            let output = modify_backup_attributes::parse_http_response_in(protocol, &response)
                .unwrap_or_else(|e| panic!("{id}: {e}"));
            let backup = output.backup.unwrap_or_default();
            assert_eq!(backup.backup_id.as_deref(), Some(id));
        }
        2 => {
            let input = copy_input(id);
            let response = client
                .send(input.to_http_request_in(Protocol::RpcV2Cbor))
                .await;
            let output =
                copy_backup_to_region::parse_http_response_in(Protocol::RpcV2Cbor, &response)
                    .unwrap_or_else(|e| panic!("{id}: {e}"));
            let source = output.destination_backup.and_then(|d| d.source_backup);
            assert_eq!(source.as_deref(), Some(id));
        }
        _ => {
            // Invalid: a tag key outside its pattern; the violation names this request's ID.
            let bad = format!("{id}!");
            let parts = CopyBackupToRegionInput::builder()
                .backup_id(id)
                .destination_region("us-west-2")
                .tag_list(Tag::builder().key(bad.as_str()).value("v").build())
                .build_unchecked()
                .to_http_request();
            let response = client.send(parts).await;
            assert_eq!(response.status(), 400);
            let message = match copy_backup_to_region::parse_http_response(&response) {
                Err(e) => e.message().unwrap_or_default().to_owned(),
                Ok(output) => panic!("{id}: accepted: {output:?}"),
            };
            assert!(
                message.starts_with("1 validation error detected: ")
                    && message.contains(&format!("Value '{bad}' at 'tagList.1.member.key'")),
                "{message}"
            );
        }
    }
}

/// A raw TCP connection that writes `head` and then whatever the test sends.
fn raw_connection(address: SocketAddr, head: &str) -> std::net::TcpStream {
    let mut stream =
        std::net::TcpStream::connect(address).unwrap_or_else(|e| panic!("connect: {e}"));
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap_or_else(|e| panic!("{e}"));
    stream
        .write_all(head.as_bytes())
        .unwrap_or_else(|e| panic!("write: {e}"));
    stream
}

/// The request head of a JSON CopyBackupToRegion with these length headers.
fn copy_head(length_headers: &str) -> String {
    format!(
        "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-amz-json-1.1\r\n\
         X-Amz-Target: BaldrApiService.CopyBackupToRegion\r\n{length_headers}\r\n"
    )
}

/// Everything the server sends until it closes the connection or stops for 10 s.
fn read_answer(stream: &mut std::net::TcpStream) -> String {
    let mut answer = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                answer.extend_from_slice(&buffer[..n]);
                // One response is all these tests wait for.
                if answer.windows(4).any(|w| w == b"\r\n\r\n")
                    && String::from_utf8_lossy(&answer).contains("}")
                {
                    break;
                }
            }
        }
    }
    String::from_utf8_lossy(&answer).into_owned()
}

/// Sends valid requests on a fresh connection meanwhile, all of which must be answered well.
async fn others_are_served(address: SocketAddr, requests: usize) {
    let mut client = Client::connect(address).await;
    for i in 0..requests {
        exchange(&mut client, i % 3, &backup_id(900_000 + i)).await;
    }
}

#[test]
fn an_oversized_body_is_refused_before_it_is_read_while_others_are_served() {
    let address = start_server();
    let too_long = pipeline_server::MAX_BODY_BYTES + 1;
    // Declared too long: refused on the headers alone.
    let mut declared = raw_connection(
        address,
        &copy_head(&format!("Content-Length: {too_long}\r\n")),
    );
    block_on(others_are_served(address, 30));
    let answer = read_answer(&mut declared);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(
        answer.contains(&format!(
            "the request body is larger than {} bytes",
            pipeline_server::MAX_BODY_BYTES
        )),
        "{answer}"
    );
    // Chunked, so only reading tells: refused once the cap is passed.
    let mut chunked = raw_connection(address, &copy_head("Transfer-Encoding: chunked\r\n"));
    let chunk = vec![b' '; 64 * 1024];
    let mut sent = 0;
    while sent <= pipeline_server::MAX_BODY_BYTES {
        let head = format!("{:x}\r\n", chunk.len());
        let wrote = chunked
            .write_all(head.as_bytes())
            .and_then(|()| chunked.write_all(&chunk))
            .and_then(|()| chunked.write_all(b"\r\n"));
        if wrote.is_err() {
            break; // the server answered and closed: what is checked below
        }
        sent += chunk.len();
    }
    let answer = read_answer(&mut chunked);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    block_on(others_are_served(address, 30));
}

#[test]
fn a_client_that_stops_mid_body_holds_nothing_and_disturbs_no_one() {
    let address = start_server();
    // Promises 1,000 bytes, sends 10, then waits.
    let mut stalled = raw_connection(address, &copy_head("Content-Length: 1000\r\n"));
    stalled
        .write_all(br#"{"BackupId"#)
        .unwrap_or_else(|e| panic!("{e}"));
    // Another promises as much, sends part, and goes away.
    let mut gone = raw_connection(address, &copy_head("Content-Length: 1000\r\n"));
    gone.write_all(br#"{"Backup"#)
        .unwrap_or_else(|e| panic!("{e}"));
    drop(gone);
    // Never sends a byte.
    let mut idle = raw_connection(address, "");

    let start = Instant::now();
    block_on(others_are_served(address, 300));
    assert!(
        start.elapsed() < READ_TIMEOUT * 5,
        "the others waited {:?}",
        start.elapsed()
    );

    let answer = read_answer(&mut stalled);
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 408"),
        "{answer}"
    );
    if !answer.is_empty() {
        assert!(answer.contains("did not arrive within 1 s"), "{answer}");
    }
    let waited = Instant::now();
    let answer = read_answer(&mut idle);
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 408"),
        "{answer}"
    );
    assert!(
        waited.elapsed() < Duration::from_secs(9),
        "the idle connection was held {:?}",
        waited.elapsed()
    );
    block_on(others_are_served(address, 30));
}
