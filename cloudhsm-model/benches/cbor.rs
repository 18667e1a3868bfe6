//! RPC v2 CBOR deserialize + validate of the 50-tag CopyBackupToRegion body (the scripts of
//! `scripts.rs`), as paired ratios in one run against:
//! - plain serde CBOR: `ciborium` into plain derive structs, no validation (the way a user
//!   would read CBOR without this crate);
//! - this crate's codec into the same plain structs (what validation and the model's types
//!   cost on their own);
//! - JSON deserialize + validate of the same value (`OperationInput::from_json_slice`).
//!
//! `cargo bench -p cloudhsm-model --bench cbor`

mod workloads;

use std::hint::black_box;

use cloudhsm_model::operation::copy_backup_to_region::CopyBackupToRegionInput;
use cloudhsm_model::runtime::cbor;
use cloudhsm_model::runtime::OperationInput;
use workloads::{paired_ratio as ratio, script_body, BaseCopyInput, ROUNDS, SCRIPTS};

/// `-- count <script> <model|ciborium|own|json> <n>`: one side `n` times and nothing else,
/// for an instruction count (`valgrind --tool=callgrind`) that machine load does not move.
fn count(args: &[String]) {
    let (Some(script), Some(side), Some(n)) = (
        args.first(),
        args.get(1),
        args.get(2).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        println!("usage: count <script> <model|ciborium|own|json> <n>");
        return;
    };
    let json = script_body(script);
    let value: serde_json::Value = serde_json::from_slice(&json).unwrap_or_default();
    let body = cbor::to_vec(&value).unwrap_or_default();
    for _ in 0..n {
        match side.as_str() {
            "model" => {
                black_box(CopyBackupToRegionInput::from_cbor_slice(black_box(&body)).ok());
            }
            "ciborium" => {
                black_box(ciborium::from_reader::<BaseCopyInput, _>(black_box(&body[..])).ok());
            }
            "own" => {
                black_box(cbor::from_slice::<BaseCopyInput>(black_box(&body)).ok());
            }
            _ => {
                black_box(CopyBackupToRegionInput::from_json_slice(black_box(&json)).ok());
            }
        }
    }
}

fn main() {
    if let Some(args) = workloads::count_args() {
        return count(&args);
    }
    if std::env::args().any(|a| a == "--list" || a == "--test") {
        return;
    }
    println!("paired ratios of CBOR deserialize+validate (median of {ROUNDS} rounds, quartiles):");
    println!(
        "  {:<12} {:>22} {:>22} {:>22}",
        "script", "vs ciborium, plain", "vs own codec, plain", "vs JSON + validate"
    );
    for script in SCRIPTS {
        let json = script_body(script);
        let Ok(value) = serde_json::from_slice::<serde_json::Value>(&json) else {
            println!("  {script:<12} (the body did not parse)");
            continue;
        };
        let Ok(body) = cbor::to_vec(&value) else {
            println!("  {script:<12} (the body did not write)");
            continue;
        };
        let checks = (
            ciborium::from_reader::<BaseCopyInput, _>(&body[..]).is_ok(),
            CopyBackupToRegionInput::from_cbor_slice(&body).is_ok(),
            CopyBackupToRegionInput::from_json_slice(&json).is_ok(),
        );
        if checks != (true, true, true) {
            println!("  {script:<12} (a side failed to read the body: {checks:?})");
            continue;
        }
        let mut model = || {
            black_box(CopyBackupToRegionInput::from_cbor_slice(black_box(&body)).ok());
        };
        let mut ciborium_plain = || {
            black_box(ciborium::from_reader::<BaseCopyInput, _>(black_box(&body[..])).ok());
        };
        let mut own_plain = || {
            black_box(cbor::from_slice::<BaseCopyInput>(black_box(&body)).ok());
        };
        let mut json_model = || {
            black_box(CopyBackupToRegionInput::from_json_slice(black_box(&json)).ok());
        };
        let cell = |[low, median, high]: [f64; 3]| format!("{median:.3}x ({low:.2}-{high:.2})");
        let vs_ciborium = ratio(&mut ciborium_plain, &mut model);
        let vs_own = ratio(&mut own_plain, &mut model);
        let vs_json = ratio(&mut json_model, &mut model);
        println!(
            "  {script:<12} {:>22} {:>22} {:>22}",
            cell(vs_ciborium),
            cell(vs_own),
            cell(vs_json)
        );
    }
}
