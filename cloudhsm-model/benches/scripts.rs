//! Validation cost on text this project did not choose: the 50-tag CopyBackupToRegion body
//! with a third of its tag values in one script, a third 256 ASCII letters and a third short
//! ASCII, for ASCII, Latin letters, CJK, Hangul, Arabic, Devanagari letters (no combining
//! marks) and astral-plane letters (U+20000.., U+1D400..).
//!
//! Each row is a paired ratio, measured in one run (see `paired` in `model.rs` for the
//! method): deserialize + validate, the faster of `serde_json::from_slice::<Input>` and
//! `OperationInput::from_json_slice`, against the faster of `serde_json::from_slice` and a
//! UTF-8 check then `serde_json::from_str` on plain derive structs; serialize against
//! serializing the plain structs. What the patterns' shortcuts and their vector pass for
//! two-byte text are worth is in the `shortcut` bench, which calls each path directly. The
//! last column is this crate's JSON reader alone (`from_json_body`
//! into the plain structs, no validation) against the same baseline: what the reader saves,
//! so that the first column over it is what validation costs over this crate's parsing.
//!
//! `cargo bench -p cloudhsm-model --bench scripts`

mod workloads;

use std::hint::black_box;
use std::time::Instant;

use cloudhsm_model::operation::copy_backup_to_region::CopyBackupToRegionInput;
use cloudhsm_model::runtime::from_json_body;
use cloudhsm_model::runtime::OperationInput;
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
/// `model_serde`, `reader`, `serialize` or `serialize_baseline`) `n` times and nothing else, for an instruction count that machine
/// load does not move: `valgrind --tool=callgrind target/release/deps/scripts-* count cjk
/// model 200`, minus the same with `n` = 0 (BENCHMARKS.md has the commands).
fn count(args: &[String]) {
    let (Some(script), Some(side), Some(n)) = (
        args.first(),
        args.get(1),
        args.get(2).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        println!("usage: count <script> <baseline|baseline_str|model|model_serde|reader|serialize|serialize_baseline> <n>");
        return;
    };
    let body = body(script);
    let side = side.as_str();
    let plain = serde_json::from_slice::<BaseCopyInput>(&body).ok();
    let input = CopyBackupToRegionInput::from_json_slice(&body).ok();
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
            "reader" => {
                black_box(from_json_body::<BaseCopyInput>(black_box(&body)).ok());
            }
            "serialize" => {
                black_box(serde_json::to_vec(black_box(&input)).ok());
            }
            _ => {
                black_box(serde_json::to_vec(black_box(&plain)).ok());
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
    println!("paired ratios (median of {ROUNDS} rounds, quartiles):");
    println!(
        "  {:<12} {:>22} {:>22} {:>22}",
        "script", "deserialize+validate", "serialize", "reader alone"
    );
    for script in workloads::SCRIPTS {
        let body = body(script);
        let mut base_slice = || {
            black_box(serde_json::from_slice::<BaseCopyInput>(black_box(&body)).ok());
        };
        let mut base_str = || {
            black_box(
                std::str::from_utf8(black_box(&body))
                    .ok()
                    .and_then(|t| serde_json::from_str::<BaseCopyInput>(t).ok()),
            );
        };
        let mut model_serde = || {
            black_box(serde_json::from_slice::<CopyBackupToRegionInput>(black_box(&body)).ok());
        };
        let mut model_own = || {
            black_box(CopyBackupToRegionInput::from_json_slice(black_box(&body)).ok());
        };
        let base_first = faster(&mut base_slice, &mut base_str);
        let model_first = faster(&mut model_serde, &mut model_own);
        let mut baseline = || if base_first { base_slice() } else { base_str() };
        let mut model = || {
            if model_first {
                model_serde()
            } else {
                model_own()
            }
        };
        let with = ratio(&mut baseline, &mut model);
        let (Ok(plain), Ok(input)) = (
            serde_json::from_slice::<BaseCopyInput>(&body),
            CopyBackupToRegionInput::from_json_slice(&body),
        ) else {
            println!("  {script:<12} (the body did not parse)");
            continue;
        };
        let serialize = ratio(
            &mut || {
                black_box(serde_json::to_vec(black_box(&plain)).ok());
            },
            &mut || {
                black_box(serde_json::to_vec(black_box(&input)).ok());
            },
        );
        let reader = ratio(&mut baseline, &mut || {
            black_box(from_json_body::<BaseCopyInput>(black_box(&body)).ok());
        });
        let cell = |[low, median, high]: [f64; 3]| format!("{median:.3}x ({low:.2}-{high:.2})");
        println!(
            "  {script:<12} {:>22} {:>22} {:>22}",
            cell(with),
            cell(serialize),
            cell(reader)
        );
    }
}
