//! The model crate against a no-validation serde baseline, measured in the same run.
//!
//! `cargo bench -p cloudhsm-model --bench model`; each group holds `baseline` and `model`
//! for one workload, so their ratio is what to read (see BENCHMARKS.md). After criterion's
//! output come the same ratios measured in pairs (`paired`), which a noisy machine moves
//! less; `-- paired` runs only those.

mod workloads;

use std::hint::black_box;

use cloudhsm_model::operation::copy_backup_to_region::{self, CopyBackupToRegionInput};
use cloudhsm_model::operation::modify_backup_attributes::{
    self, ModifyBackupAttributesInput, ModifyBackupAttributesOutput,
};
use cloudhsm_model::runtime::OperationInput;
use criterion::{criterion_group, Criterion, Throughput};
use workloads::*;

fn deserialize(c: &mut Criterion) {
    for (name, body) in [
        ("copy_50_tags", copy_body(50)),
        ("copy_50_tags_ascii", copy_body_ascii(50)),
        ("copy_1_tag", copy_body(1)),
    ] {
        let mut group = c.benchmark_group(format!("deserialize/{name}"));
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_function("baseline", |b| {
            b.iter(|| serde_json::from_slice::<BaseCopyInput>(black_box(&body)).ok())
        });
        // The model checks the body's UTF-8 once up front rather than string by string
        // (`runtime::from_json_body`); this is the baseline doing the same, for comparison.
        group.bench_function("baseline_utf8_once", |b| {
            b.iter(|| {
                std::str::from_utf8(black_box(&body))
                    .ok()
                    .and_then(|text| serde_json::from_str::<BaseCopyInput>(text).ok())
            })
        });
        group.bench_function("model", |b| {
            b.iter(|| CopyBackupToRegionInput::from_json_slice(black_box(&body)).ok())
        });
        group.finish();
    }
    let mut group = c.benchmark_group("deserialize/modify");
    group.bench_function("baseline", |b| {
        b.iter(|| serde_json::from_slice::<BaseModifyInput>(black_box(MODIFY_BODY)).ok())
    });
    group.bench_function("model", |b| {
        b.iter(|| ModifyBackupAttributesInput::from_json_slice(black_box(MODIFY_BODY)).ok())
    });
    group.finish();
}

fn serialize(c: &mut Criterion) {
    let body = copy_body(50);
    let (Ok(base), Ok(model)) = (
        serde_json::from_slice::<BaseCopyInput>(&body),
        CopyBackupToRegionInput::from_json_slice(&body),
    ) else {
        panic!("the workload does not parse");
    };
    let mut group = c.benchmark_group("serialize/copy_50_tags");
    group.bench_function("baseline", |b| {
        b.iter(|| serde_json::to_vec(black_box(&base)).ok())
    });
    group.bench_function("model", |b| {
        b.iter(|| serde_json::to_vec(black_box(&model)).ok())
    });
    group.finish();
}

fn validate(c: &mut Criterion) {
    let body = full_backup_response();
    let Ok(output) = serde_json::from_slice::<ModifyBackupAttributesOutput>(&body) else {
        panic!("the workload does not parse");
    };
    c.bench_function("validate/full_backup_50_tags", |b| {
        b.iter(|| black_box(&output).validate().is_ok())
    });
}

fn parse_response(c: &mut Criterion) {
    let body = full_backup_response();
    let headers = [("Content-Type", "application/x-amz-json-1.1")];
    let mut group = c.benchmark_group("parse_response/full_backup");
    group.bench_function("baseline", |b| {
        b.iter(|| serde_json::from_slice::<BaseModifyOutput>(black_box(&body)).ok())
    });
    group.bench_function("model", |b| {
        b.iter(|| {
            modify_backup_attributes::parse_response(200, black_box(&headers), black_box(&body))
                .ok()
        })
    });
    group.finish();

    let headers = [("Content-Type", "application/x-amz-json-1.1")];
    let mut group = c.benchmark_group("parse_response/error");
    group.bench_function("baseline", |b| {
        b.iter(|| serde_json::from_slice::<BaseError>(black_box(ERROR_BODY)).ok())
    });
    group.bench_function("model", |b| {
        b.iter(|| {
            copy_backup_to_region::parse_response(400, black_box(&headers), black_box(ERROR_BODY))
                .err()
        })
    });
    group.finish();
}

fn generator(c: &mut Criterion) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/models/cloudhsm-v2-2017-04-28.json"
    );
    let Ok(model) = std::fs::read_to_string(path) else {
        eprintln!("SKIPPED generator benchmarks: {path} is not present");
        return;
    };
    let mut group = c.benchmark_group("generator/published_model_116_shapes");
    group.sample_size(20);
    group.bench_function("load_check", |b| {
        b.iter(|| {
            model_codegen::Model::from_json_str(black_box(&model))
                .and_then(|m| m.check())
                .is_ok()
        })
    });
    group.bench_function("load_check_emit_format", |b| {
        b.iter(|| {
            model_codegen::Config::new()
                .generate_from_str(black_box(&model))
                .is_ok()
        })
    });
    group.finish();
}

criterion_group!(
    benches,
    deserialize,
    serialize,
    validate,
    parse_response,
    generator
);

/// Paired ratios: each round times the baseline and the model back to back (alternating which
/// goes first) on the same workload, and the ratio is taken within the round. A slow spell of
/// the machine then slows both sides of a ratio alike, where criterion measures each function
/// for seconds on its own. Printed after criterion's output, as the median ratio over the
/// rounds with its quartiles; runs with `--bench` and no filter, or the filter `paired`.
mod paired {
    use cloudhsm_model::runtime::OperationInput;
    use std::hint::black_box;

    use super::{paired_ratio as ratio, ROUNDS};

    pub fn report() {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let filters: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
        let selected = filters.is_empty() || filters.iter().any(|f| "paired".contains(f.as_str()));
        // Only a measuring run: not `cargo test`'s, `--list` or `--profile-time`.
        let measuring = args.iter().any(|a| a == "--bench")
            && !args
                .iter()
                .any(|a| a == "--list" || a == "--test" || a == "--profile-time");
        if !measuring || !selected {
            return;
        }
        println!("\npaired ratios, model / baseline (median of {ROUNDS} rounds, quartiles):");
        let row = |name: &str, baseline: &mut dyn FnMut(), model: &mut dyn FnMut()| {
            let [low, median, high] = ratio(baseline, model);
            println!("  {name:<52} {median:.3}x  ({low:.3}-{high:.3})");
        };
        for (name, body) in [
            ("copy_50_tags", super::copy_body(50)),
            ("copy_50_tags_ascii", super::copy_body_ascii(50)),
            ("copy_1_tag", super::copy_body(1)),
        ] {
            let model = &mut || {
                black_box(super::CopyBackupToRegionInput::from_json_slice(black_box(&body)).ok());
            };
            row(
                &format!("deserialize/{name} vs baseline"),
                &mut || {
                    black_box(
                        serde_json::from_slice::<super::BaseCopyInput>(black_box(&body)).ok(),
                    );
                },
                model,
            );
            row(
                &format!("deserialize/{name} vs baseline_utf8_once"),
                &mut || {
                    black_box(
                        std::str::from_utf8(black_box(&body)).ok().and_then(|text| {
                            serde_json::from_str::<super::BaseCopyInput>(text).ok()
                        }),
                    );
                },
                model,
            );
        }
        row(
            "deserialize/modify vs baseline",
            &mut || {
                black_box(
                    serde_json::from_slice::<super::BaseModifyInput>(black_box(super::MODIFY_BODY))
                        .ok(),
                );
            },
            &mut || {
                black_box(
                    super::ModifyBackupAttributesInput::from_json_slice(black_box(
                        super::MODIFY_BODY,
                    ))
                    .ok(),
                );
            },
        );
        let body = super::copy_body(50);
        if let (Ok(base), Ok(model)) = (
            serde_json::from_slice::<super::BaseCopyInput>(&body),
            super::CopyBackupToRegionInput::from_json_slice(&body),
        ) {
            row(
                "serialize/copy_50_tags vs baseline",
                &mut || {
                    black_box(serde_json::to_vec(black_box(&base)).ok());
                },
                &mut || {
                    black_box(serde_json::to_vec(black_box(&model)).ok());
                },
            );
        }
        let headers = [("Content-Type", "application/x-amz-json-1.1")];
        let body = super::full_backup_response();
        row(
            "parse_response/full_backup vs baseline",
            &mut || {
                black_box(serde_json::from_slice::<super::BaseModifyOutput>(black_box(&body)).ok());
            },
            &mut || {
                black_box(
                    super::modify_backup_attributes::parse_response(
                        200,
                        &headers,
                        black_box(&body),
                    )
                    .ok(),
                );
            },
        );
        row(
            "parse_response/error vs baseline",
            &mut || {
                black_box(
                    serde_json::from_slice::<super::BaseError>(black_box(super::ERROR_BODY)).ok(),
                );
            },
            &mut || {
                black_box(
                    super::copy_backup_to_region::parse_response(
                        400,
                        &headers,
                        black_box(super::ERROR_BODY),
                    )
                    .err(),
                );
            },
        );
    }
}

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    paired::report();
}
