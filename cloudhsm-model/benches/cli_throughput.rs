//! `validate --jsonl` in the CLI against the library doing the same work in-process.
//!
//! `cargo bench -p cloudhsm-model --features cli --bench cli_throughput`. Both validate the
//! same 20,000 records (a mix of valid and invalid CopyBackupToRegion bodies); the CLI figure
//! includes process start-up, reading and writing JSON lines.

mod workloads;

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
    group.bench_function("library_in_process", |b| {
        b.iter(|| {
            bodies
                .iter()
                .filter(|body| {
                    matches!(
                        service::parse_input("CopyBackupToRegion", body),
                        Some(Ok(_))
                    )
                })
                .count()
        })
    });
    // The CLI as scripts run it: `cloudhsm-model validate --jsonl < records.jsonl > results.jsonl`.
    let dir = std::env::temp_dir().join(format!("cloudhsm-model-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let input = dir.join("records.jsonl");
    let output = dir.join("results.jsonl");
    if let Err(e) = std::fs::write(&input, lines.as_bytes()) {
        panic!("cannot write {}: {e}", input.display());
    }
    group.bench_function("cli_process", |b| {
        b.iter(|| {
            let (Ok(stdin), Ok(stdout)) =
                (std::fs::File::open(&input), std::fs::File::create(&output))
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
        })
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, throughput);
criterion_main!(benches);
