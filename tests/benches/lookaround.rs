//! Lookaround patterns of AWS's models on a megabyte: the runtime's `Pattern` against a plain
//! `fancy_regex::Regex` with its default settings (what a user without this crate would
//! write), in the same run.
//!
//! `cargo bench -p conformance --bench lookaround` (needs `../shared/models/aws/`). After
//! criterion's output, each pattern's own time, the slowest first.

use std::hint::black_box;
use std::time::{Duration, Instant};

use cloudhsm_model::runtime::pattern::Pattern;
use criterion::{criterion_group, Criterion};

struct Case {
    source: String,
    runtime: &'static Pattern,
    plain: fancy_regex::Regex,
}

fn cases() -> Vec<Case> {
    let mut all = std::collections::BTreeSet::new();
    for (_, model) in conformance::aws_models().unwrap_or_default() {
        all.extend(conformance::model_patterns(&model));
    }
    all.into_iter()
        .filter_map(|source| {
            let rust = model_codegen::translate_pattern(&source).ok()?;
            if regex::Regex::new(&rust).is_ok() {
                return None;
            }
            let plain = fancy_regex::Regex::new(&rust).ok()?;
            let leaked_source: &'static str = Box::leak(source.clone().into_boxed_str());
            let leaked_rust: &'static str = Box::leak(rust.into_boxed_str());
            let runtime = Box::leak(Box::new(Pattern::new(leaked_source, leaked_rust)));
            runtime.is_backtracking().then_some(Case {
                source,
                runtime,
                plain,
            })
        })
        .collect()
}

fn values() -> [String; 2] {
    [
        "a".repeat(1 << 20),
        format!("{}.", "ab c-1 ".repeat((1 << 20) / 7)),
    ]
}

fn lookaround(c: &mut Criterion) {
    let cases = cases();
    if cases.is_empty() {
        eprintln!("SKIPPED: no lookaround patterns (../shared/models/aws/ is absent)");
        return;
    }
    let values = values();
    let mut group = c.benchmark_group("lookaround_1mb");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("baseline", |b| {
        b.iter(|| {
            for case in &cases {
                for value in &values {
                    black_box(case.plain.is_match(black_box(value)).ok());
                }
            }
        })
    });
    group.bench_function("model", |b| {
        b.iter(|| {
            for case in &cases {
                for value in &values {
                    black_box(case.runtime.is_match(black_box(value)));
                }
            }
        })
    });
    group.finish();
    per_pattern(&cases, &values);
}

/// Each pattern's slower value, as the median of five rounds, slowest pattern first.
fn per_pattern(cases: &[Case], values: &[String]) {
    if std::env::args().any(|a| a == "--list" || a == "--test") {
        return;
    }
    let mut times: Vec<(Duration, &str)> = cases
        .iter()
        .map(|case| {
            let slowest = values
                .iter()
                .map(|value| {
                    let mut rounds: Vec<Duration> = (0..5)
                        .map(|_| {
                            let start = Instant::now();
                            black_box(case.runtime.is_match(black_box(value)));
                            start.elapsed()
                        })
                        .collect();
                    rounds.sort();
                    rounds[2]
                })
                .max()
                .unwrap_or_default();
            (slowest, case.source.as_str())
        })
        .collect();
    times.sort_by(|a, b| b.cmp(a));
    println!("\nlookaround patterns on 1 MiB, slowest value each (median of 5):");
    for (time, source) in &times {
        let shown: String = source.chars().take(70).collect();
        println!("  {:>9.2?}  {shown}", time);
    }
}

criterion_group!(benches, lookaround);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
