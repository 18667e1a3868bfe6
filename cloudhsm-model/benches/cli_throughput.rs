//! `validate --jsonl` in the CLI against the library doing the same work in-process.
//!
//! `cargo bench -p cloudhsm-model --features cli --bench cli_throughput`. Both validate the
//! same 20,000 records (a mix of valid and invalid CopyBackupToRegion bodies); the CLI figure
//! includes process start-up, reading and writing JSON lines.

mod workloads;

use std::hint::black_box;
use std::process::{Command, Stdio};

use cloudhsm_model::service;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const RECORDS: usize = 20_000;

fn records() -> (Vec<Vec<u8>>, String) {
    let bodies: Vec<Vec<u8>> = (0..RECORDS)
        .map(|i| match i % 3 {
            0 => workloads::copy_body(5),
            1 => workloads::copy_body(1),
            _ => br#"{"BackupId":"nope","TagList":[]}"#.to_vec(),
        })
        .collect();
    let lines: String = bodies
        .iter()
        .map(|b| {
            format!(
                "{{\"operation\":\"CopyBackupToRegion\",\"body\":{}}}\n",
                String::from_utf8_lossy(b)
            )
        })
        .collect();
    (bodies, lines)
}

fn throughput(c: &mut Criterion) {
    let (bodies, lines) = records();
    let mut group = c.benchmark_group("validate_jsonl_20000_records");
    group.throughput(Throughput::Elements(RECORDS as u64));
    group.sample_size(10);
    let library = || {
        bodies
            .iter()
            .filter(|body| {
                matches!(
                    service::parse_input("CopyBackupToRegion", body),
                    Some(Ok(_))
                )
            })
            .count()
    };
    group.bench_function("library_in_process", |b| b.iter(library));
    // The CLI as scripts run it: `cloudhsm-model validate --jsonl < records.jsonl > results.jsonl`.
    let dir = std::env::temp_dir().join(format!("cloudhsm-model-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let input = dir.join("records.jsonl");
    let output = dir.join("results.jsonl");
    if let Err(e) = std::fs::write(&input, lines.as_bytes()) {
        panic!("cannot write {}: {e}", input.display());
    }
    let run_cli = || {
        let (Ok(stdin), Ok(stdout)) = (std::fs::File::open(&input), std::fs::File::create(&output))
        else {
            panic!("cannot open the record files");
        };
        Command::new(env!("CARGO_BIN_EXE_cloudhsm-model"))
            .args(["validate", "--jsonl"])
            .stdin(Stdio::from(stdin))
            .stdout(Stdio::from(stdout))
            .status()
            .map(|status| status.code())
            .unwrap_or_else(|e| panic!("cannot run the CLI: {e}"))
    };
    group.bench_function("cli_process", |b| b.iter(run_cli));
    group.finish();
    paired(&library, &run_cli);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The same two measured in pairs: each round runs the library over the records and the CLI
/// on them back to back (alternating which goes first) and takes the ratio of throughputs
/// within the round, so a slow spell of the machine slows both sides alike. Prints the
/// median and quartiles over the rounds; runs with `--bench`.
fn paired(library: &dyn Fn() -> usize, run_cli: &dyn Fn() -> Option<i32>) {
    const ROUNDS: usize = 21;
    let args: Vec<String> = std::env::args().collect();
    // Only a measuring run: not `cargo test`'s, `--list` or `--profile-time`.
    if !args.iter().any(|a| a == "--bench")
        || args
            .iter()
            .any(|a| a == "--list" || a == "--test" || a == "--profile-time")
    {
        return;
    }
    let time = |f: &dyn Fn()| {
        let start = std::time::Instant::now();
        f();
        start.elapsed().as_secs_f64()
    };
    let mut ratios: Vec<f64> = (0..ROUNDS)
        .map(|round| {
            let (lib, cli) = if round % 2 == 0 {
                let lib = time(&|| {
                    black_box(library());
                });
                (
                    lib,
                    time(&|| {
                        black_box(run_cli());
                    }),
                )
            } else {
                let cli = time(&|| {
                    black_box(run_cli());
                });
                (
                    time(&|| {
                        black_box(library());
                    }),
                    cli,
                )
            };
            // Throughput ratio: the same records, so the inverse ratio of times.
            lib / cli
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    println!(
        "\npaired ratio, CLI / library throughput (median of {ROUNDS} rounds, quartiles): \
         {:.3}x ({:.3}-{:.3})",
        ratios[ROUNDS / 2],
        ratios[ROUNDS / 4],
        ratios[ROUNDS * 3 / 4]
    );
}

criterion_group!(benches, throughput);
criterion_main!(benches);
