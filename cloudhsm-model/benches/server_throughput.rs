//! The pipeline server example's throughput over loopback against the same server answering
//! from plain serde structs without validation, in the same run.
//!
//! `cargo bench -p cloudhsm-model --bench server_throughput`
//!
//! Both servers are `examples/pipeline_server.rs`'s `serve` (hyper, HTTP/1.1 keep-alive, the
//! same body limits and timeouts), each on a thread of its own; they differ in the answer:
//! - **pipeline**: `service::parse_http_request` (protocol, target and content type checked,
//!   the body read and every constraint validated), the output built from the input and
//!   written by `to_http_response_in`, turned into an `http::Response`;
//! - **plain serde**: the operation read from `X-Amz-Target`, the body read by
//!   `serde_json::from_slice` into derive structs with no validation, an output struct of the
//!   same members written by `serde_json::to_vec`.
//!
//! A batch is 4 keep-alive connections sending 8 requests each at once: CopyBackupToRegion
//! with 5 tags (`workloads::copy_body`) and ModifyBackupAttributes, alternating. The client
//! checks each status only, so both sides pay the same for it.

#[allow(dead_code)]
#[path = "../examples/pipeline_server.rs"]
mod pipeline_server;
mod workloads;

use std::net::SocketAddr;

use cloudhsm_model::runtime::http;
use criterion::{Criterion, Throughput};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::client::conn::http1::SendRequest;
use hyper_util::rt::TokioIo;
use serde::Serialize;
use workloads::{BaseCopyInput, BaseModifyInput, ROUNDS};

const CONNECTIONS: usize = 4;
const REQUESTS_PER_CONNECTION: usize = 8;
const BATCH: usize = CONNECTIONS * REQUESTS_PER_CONNECTION;

/// The plain server's answer: no protocol checks beyond finding the operation, no
/// validation, outputs of the same members as the pipeline's.
fn plain_answer(request: &http::Request<Bytes>) -> http::Response<Full<Bytes>> {
    #[derive(Serialize)]
    struct Backup<'a> {
        #[serde(rename = "BackupId")]
        backup_id: &'a str,
        #[serde(rename = "BackupState")]
        backup_state: &'static str,
        #[serde(rename = "NeverExpires")]
        never_expires: bool,
    }
    #[derive(Serialize)]
    struct ModifyOutput<'a> {
        #[serde(rename = "Backup")]
        backup: Backup<'a>,
    }
    #[derive(Serialize)]
    struct Destination<'a> {
        #[serde(rename = "SourceBackup")]
        source_backup: &'a str,
    }
    #[derive(Serialize)]
    struct CopyOutput<'a> {
        #[serde(rename = "DestinationBackup")]
        destination_backup: Destination<'a>,
    }
    let target = request
        .headers()
        .get("x-amz-target")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let body = match target {
        "BaldrApiService.CopyBackupToRegion" => {
            serde_json::from_slice::<BaseCopyInput>(request.body()).and_then(|input| {
                serde_json::to_vec(&CopyOutput {
                    destination_backup: Destination {
                        source_backup: &input.backup_id,
                    },
                })
            })
        }
        "BaldrApiService.ModifyBackupAttributes" => {
            serde_json::from_slice::<BaseModifyInput>(request.body()).and_then(|input| {
                serde_json::to_vec(&ModifyOutput {
                    backup: Backup {
                        backup_id: &input.backup_id,
                        backup_state: "READY",
                        never_expires: input.never_expires,
                    },
                })
            })
        }
        _ => Ok(br#"{"__type":"UnknownOperationException"}"#.to_vec()),
    };
    let (status, body) = match body {
        Ok(body) => (200, body),
        Err(e) => (400, e.to_string().into_bytes()),
    };
    let mut response = http::Response::new(Full::from(body));
    *response.status_mut() = http::StatusCode::from_u16(status).unwrap_or_default();
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/x-amz-json-1.1"),
    );
    response
}

/// Starts a server with `answer` on a free loopback port, on a thread of its own.
fn start(answer: pipeline_server::Answer) -> SocketAddr {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        else {
            return;
        };
        runtime.block_on(async {
            let Ok(listener) = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await else {
                return;
            };
            if let Ok(address) = listener.local_addr() {
                let _ = sender.send(address);
            }
            // The example's body cap, and a read timeout long enough that one side's
            // connections, idle while the other is measured, are not closed under it.
            let limits = pipeline_server::Limits {
                read_timeout: std::time::Duration::from_secs(3600),
                ..pipeline_server::Limits::default()
            };
            let _ = pipeline_server::serve(listener, limits, answer).await;
        });
    });
    receiver
        .recv()
        .unwrap_or_else(|e| panic!("a server did not start: {e}"))
}

/// The requests a connection sends, as ready-made parts of its batch.
fn requests(address: SocketAddr) -> Vec<http::Request<Full<Bytes>>> {
    let copy = workloads::copy_body(5);
    let modify = br#"{"BackupId":"backup-abcdefghijk","NeverExpires":true}"#.to_vec();
    (0..REQUESTS_PER_CONNECTION)
        .map(|i| {
            let (operation, body) = if i % 2 == 0 {
                ("CopyBackupToRegion", copy.clone())
            } else {
                ("ModifyBackupAttributes", modify.clone())
            };
            http::Request::builder()
                .method("POST")
                .uri(format!("http://{address}/"))
                .header("host", address.to_string())
                .header("content-type", "application/x-amz-json-1.1")
                .header("x-amz-target", format!("BaldrApiService.{operation}"))
                .header("content-length", body.len())
                .body(Full::from(body))
                .unwrap_or_else(|e| panic!("{e}"))
        })
        .collect()
}

/// Keep-alive connections to one server, and the batch each sends.
struct Clients {
    address: SocketAddr,
    connections: Vec<SendRequest<Full<Bytes>>>,
}

impl Clients {
    async fn connect(address: SocketAddr) -> Clients {
        let mut connections = Vec::new();
        for _ in 0..CONNECTIONS {
            let stream = tokio::net::TcpStream::connect(address)
                .await
                .unwrap_or_else(|e| panic!("connect: {e}"));
            let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
                .await
                .unwrap_or_else(|e| panic!("handshake: {e}"));
            tokio::spawn(connection);
            connections.push(sender);
        }
        Clients {
            address,
            connections,
        }
    }

    /// Every connection sends its requests at once; every answer must be a 200.
    async fn batch(&mut self) {
        let tasks: Vec<_> = self
            .connections
            .drain(..)
            .map(|mut sender| {
                let requests = requests(self.address);
                tokio::spawn(async move {
                    for request in requests {
                        let ready = sender.ready().await;
                        ready.unwrap_or_else(|e| panic!("connection: {e}"));
                        let response = sender
                            .send_request(request)
                            .await
                            .unwrap_or_else(|e| panic!("send: {e}"));
                        assert_eq!(response.status(), 200);
                        let body = response.into_body().collect().await;
                        std::hint::black_box(body.map(|b| b.to_bytes().len()).ok());
                    }
                    sender
                })
            })
            .collect();
        for task in tasks {
            let sender = task.await.unwrap_or_else(|e| panic!("client: {e}"));
            self.connections.push(sender);
        }
    }
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let pipeline = start(pipeline_server::answer);
    let plain = start(plain_answer);
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    else {
        return;
    };
    let mut pipeline_clients = runtime.block_on(Clients::connect(pipeline));
    let mut plain_clients = runtime.block_on(Clients::connect(plain));
    // `cargo test` runs benches once as tests: one batch each shows both servers answer.
    if std::env::args().any(|a| a == "--test") || !std::env::args().any(|a| a == "--bench") {
        runtime.block_on(pipeline_clients.batch());
        runtime.block_on(plain_clients.batch());
        return;
    }
    let mut criterion = Criterion::default().configure_from_args();
    throughput(
        &mut criterion,
        &runtime,
        &mut pipeline_clients,
        &mut plain_clients,
    );
    criterion.final_summary();
    let [low, median, high] =
        workloads::paired_ratio(&mut || runtime.block_on(plain_clients.batch()), &mut || {
            runtime.block_on(pipeline_clients.batch())
        });
    // The ratio of times is the inverse ratio of throughputs.
    println!(
        "\npaired ratio, pipeline / plain serde server throughput (median of {ROUNDS} rounds, \
         quartiles): {:.3}x ({:.3}-{:.3})",
        1.0 / median,
        1.0 / high,
        1.0 / low
    );
}

fn throughput(
    c: &mut Criterion,
    runtime: &tokio::runtime::Runtime,
    pipeline: &mut Clients,
    plain: &mut Clients,
) {
    let mut group = c.benchmark_group("loopback_server_32_requests");
    group.throughput(Throughput::Elements(BATCH as u64));
    group.sample_size(20);
    group.bench_function("pipeline", |b| {
        b.iter(|| runtime.block_on(pipeline.batch()))
    });
    group.bench_function("plain_serde", |b| {
        b.iter(|| runtime.block_on(plain.batch()))
    });
    group.finish();
}
