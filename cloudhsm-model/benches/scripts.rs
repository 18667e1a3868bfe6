//! Validation cost on text this project did not choose, through every entry point users
//! call: the 50-tag CopyBackupToRegion body with a third of its tag values in one script, a
//! third 256 ASCII letters and a third short ASCII, for ASCII, Latin letters, accented words,
//! CJK, Hangul, Arabic, Devanagari letters (no combining marks) and astral-plane letters.
//!
//! Each cell is a paired ratio measured in one run (`workloads::paired_ratio`): the model's
//! deserialize + validate through one entry point against the plain baseline a user without
//! this crate would write, on derive structs of the same shapes with no validation. For JSON
//! that is the faster of `serde_json::from_slice` and a UTF-8 check then `serde_json::from_str`;
//! for `from_value` it is `from_value` into the plain structs (both sides clone the value,
//! which the call consumes); for CBOR it is `ciborium`. Serialization is against serializing
//! the plain structs, and "reader alone" is this crate's JSON reader into the plain structs
//! (no validation): what the reader saves, so the first row over it is what validation costs.
//! What the patterns' shortcuts are worth is in the `shortcut` bench.
//!
//! `cargo bench -p cloudhsm-model --bench scripts` (`-- --quartiles` adds the quartiles);
//! `benches/builds.sh` runs it on the default, x86-64-v3 and native builds.

mod workloads;

use std::hint::black_box;
use std::time::Instant;

use cloudhsm_model::operation::copy_backup_to_region::CopyBackupToRegionInput;
use cloudhsm_model::runtime::wire::{HttpRequestParts, Protocol};
use cloudhsm_model::runtime::{cbor, from_json_body, OperationInput};
use cloudhsm_model::service;
use workloads::{paired_ratio as ratio, script_body as body, BaseCopyInput, ROUNDS};

/// The faster of two ways, timed once each on a warm loop (which one wins differs by body).
fn faster(a: &mut dyn FnMut(), b: &mut dyn FnMut()) -> bool {
    let time = |f: &mut dyn FnMut()| {
        let start = Instant::now();
        for _ in 0..200 {
            f();
        }
        start.elapsed()
    };
    time(a);
    time(b);
    time(a) <= time(b)
}

/// `-- count <script> <side> <n>`: runs one side (`baseline`, `baseline_str`, `model`,
/// `model_serde`, `value` (`serde_json::from_value` into the input, from a clone),
/// `baseline_value`, `reader`, `request_json`, `request_cbor`, `serialize` or
/// `serialize_baseline`) `n` times and nothing else, for an instruction count that machine
/// load does not move: `valgrind --tool=callgrind target/release/deps/scripts-* count cjk
/// model 200`, minus the same with `n` = 0 (BENCHMARKS.md has the commands).
fn count(args: &[String]) {
    let (Some(script), Some(side), Some(n)) = (
        args.first(),
        args.get(1),
        args.get(2).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        println!(
            "usage: count <script> <baseline|baseline_str|model|model_serde|value|baseline_value|\
             reader|request_json|request_cbor|serialize|serialize_baseline> <n>"
        );
        return;
    };
    let body = body(script);
    let side = side.as_str();
    let plain = serde_json::from_slice::<BaseCopyInput>(&body).ok();
    let input = CopyBackupToRegionInput::from_json_slice(&body).ok();
    let value: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
    let requests = Bodies::of(script).map(|b| (b.json_request, b.cbor_request));
    for _ in 0..n {
        match side {
            "baseline" => {
                black_box(serde_json::from_slice::<BaseCopyInput>(black_box(&body)).ok());
            }
            "baseline_str" => {
                black_box(
                    std::str::from_utf8(black_box(&body))
                        .ok()
                        .and_then(|t| serde_json::from_str::<BaseCopyInput>(t).ok()),
                );
            }
            "model" => {
                black_box(CopyBackupToRegionInput::from_json_slice(black_box(&body)).ok());
            }
            "model_serde" => {
                black_box(serde_json::from_slice::<CopyBackupToRegionInput>(black_box(&body)).ok());
            }
            "value" => {
                let value = black_box(&value).clone();
                black_box(serde_json::from_value::<CopyBackupToRegionInput>(value).ok());
            }
            "baseline_value" => {
                let value = black_box(&value).clone();
                black_box(serde_json::from_value::<BaseCopyInput>(value).ok());
            }
            "reader" => {
                black_box(from_json_body::<BaseCopyInput>(black_box(&body)).ok());
            }
            "request_json" => requests.iter().for_each(|(json, _)| request(json)),
            "request_cbor" => requests.iter().for_each(|(_, cbor)| request(cbor)),
            "serialize" => {
                black_box(serde_json::to_vec(black_box(&input)).ok());
            }
            _ => {
                black_box(serde_json::to_vec(black_box(&plain)).ok());
            }
        }
    }
}

/// `service::parse_request` on one request, its result kept from the optimizer.
fn request(parts: &HttpRequestParts) {
    black_box(
        service::parse_request(
            black_box(&parts.path),
            black_box(&parts.headers),
            black_box(&parts.body),
        )
        .ok(),
    );
}

/// One entry point's column: its name and the paired ratio of each script.
struct Column {
    name: &'static str,
    cells: Vec<[f64; 3]>,
}

/// The bodies of one script in every form the entry points take.
struct Bodies {
    json: Vec<u8>,
    value: serde_json::Value,
    cbor: Vec<u8>,
    json_request: HttpRequestParts,
    cbor_request: HttpRequestParts,
}

impl Bodies {
    fn of(script: &str) -> Option<Bodies> {
        let json = body(script);
        let input = CopyBackupToRegionInput::from_json_slice(&json).ok()?;
        let value: serde_json::Value = serde_json::from_slice(&json).ok()?;
        let cbor = cbor::to_vec(&value).ok()?;
        Some(Bodies {
            json_request: input.to_http_request_in(Protocol::AwsJson1_1),
            cbor_request: input.to_http_request_in(Protocol::RpcV2Cbor),
            json,
            value,
            cbor,
        })
    }
}

/// Each entry point against its plain baseline, paired within rounds, for one script:
/// deserialize + validate through the crate's `from_json_slice`, serde_json's `from_slice`,
/// `from_str` and `from_value`, `service::parse_request` in both protocols and
/// `from_cbor_slice`, then serialization and the JSON reader alone.
fn measure(bodies: &Bodies) -> Vec<(&'static str, [f64; 3])> {
    let Bodies {
        json,
        value,
        cbor: cbor_body,
        json_request,
        cbor_request,
    } = bodies;
    let mut base_slice = || {
        black_box(serde_json::from_slice::<BaseCopyInput>(black_box(json)).ok());
    };
    let mut base_str = || {
        black_box(
            std::str::from_utf8(black_box(json))
                .ok()
                .and_then(|t| serde_json::from_str::<BaseCopyInput>(t).ok()),
        );
    };
    // The JSON baseline is the faster of the two ways a serde user reads a body.
    let base_first = faster(&mut base_slice, &mut base_str);
    let mut baseline = || if base_first { base_slice() } else { base_str() };
    let mut base_slice_again = || {
        black_box(serde_json::from_slice::<BaseCopyInput>(black_box(json)).ok());
    };
    let mut ciborium_plain = || {
        black_box(ciborium::from_reader::<BaseCopyInput, _>(black_box(&cbor_body[..])).ok());
    };
    let text = std::str::from_utf8(json).unwrap_or_default();
    let input = CopyBackupToRegionInput::from_json_slice(json).ok();
    let plain = serde_json::from_slice::<BaseCopyInput>(json).ok();
    vec![
        (
            "from_json_slice",
            ratio(&mut baseline, &mut || {
                black_box(CopyBackupToRegionInput::from_json_slice(black_box(json)).ok());
            }),
        ),
        (
            "serde_json::from_slice",
            ratio(&mut baseline, &mut || {
                black_box(serde_json::from_slice::<CopyBackupToRegionInput>(black_box(json)).ok());
            }),
        ),
        (
            "serde_json::from_str",
            ratio(&mut baseline, &mut || {
                black_box(serde_json::from_str::<CopyBackupToRegionInput>(black_box(text)).ok());
            }),
        ),
        (
            // A user holding a Value: both sides take a clone, which each call consumes.
            "serde_json::from_value",
            ratio(
                &mut || {
                    black_box(
                        serde_json::from_value::<BaseCopyInput>(black_box(value).clone()).ok(),
                    );
                },
                &mut || {
                    black_box(
                        serde_json::from_value::<CopyBackupToRegionInput>(black_box(value).clone())
                            .ok(),
                    );
                },
            ),
        ),
        (
            "parse_request, awsJson1_1",
            ratio(&mut baseline, &mut || request(json_request)),
        ),
        (
            "parse_request, RPC v2 CBOR",
            ratio(&mut ciborium_plain, &mut || request(cbor_request)),
        ),
        (
            "from_cbor_slice",
            ratio(&mut ciborium_plain, &mut || {
                black_box(CopyBackupToRegionInput::from_cbor_slice(black_box(cbor_body)).ok());
            }),
        ),
        (
            "serialize (JSON)",
            ratio(
                &mut || {
                    black_box(serde_json::to_vec(black_box(&plain)).ok());
                },
                &mut || {
                    black_box(serde_json::to_vec(black_box(&input)).ok());
                },
            ),
        ),
        (
            // No model: what serde_json's own `from_slice` costs over the baseline, which the
            // model's `from_slice` row pays before any validation.
            "plain serde_json::from_slice",
            ratio(&mut baseline, &mut base_slice_again),
        ),
        (
            "reader alone",
            ratio(&mut baseline, &mut || {
                black_box(from_json_body::<BaseCopyInput>(black_box(json)).ok());
            }),
        ),
    ]
}

fn main() {
    if let Some(args) = workloads::count_args() {
        return count(&args);
    }
    if std::env::args().any(|a| a == "--list" || a == "--test") {
        return;
    }
    let mut columns: Vec<Column> = Vec::new();
    let mut scripts = Vec::new();
    for script in workloads::SCRIPTS {
        let Some(bodies) = Bodies::of(script) else {
            println!("{script}: the body did not parse");
            continue;
        };
        scripts.push(script);
        for (k, (name, cell)) in measure(&bodies).into_iter().enumerate() {
            match columns.get_mut(k) {
                Some(column) => column.cells.push(cell),
                None => columns.push(Column {
                    name,
                    cells: vec![cell],
                }),
            }
        }
    }
    // A Markdown table, scripts across and entry points down, then each entry point's worst
    // median: the paired ratio of the model to its baseline (median of ROUNDS rounds), with
    // the quartiles under `--quartiles`.
    let quartiles = std::env::args().any(|a| a == "--quartiles");
    println!("paired ratios, model / plain baseline (median of {ROUNDS} rounds):\n");
    println!("| entry point | {} | worst |", scripts.join(" | "));
    println!("|---{}|---|", "|---".repeat(scripts.len()));
    for column in &columns {
        let cells: Vec<String> = column
            .cells
            .iter()
            .map(|[low, median, high]| {
                if quartiles {
                    format!("{median:.2}x ({low:.2}-{high:.2})")
                } else {
                    format!("{median:.2}x")
                }
            })
            .collect();
        let worst = column
            .cells
            .iter()
            .map(|[_, median, _]| *median)
            .fold(0.0, f64::max);
        println!("| {} | {} | {worst:.2}x |", column.name, cells.join(" | "));
    }
}
