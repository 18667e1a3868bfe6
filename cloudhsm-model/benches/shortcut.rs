//! What the pattern shortcut is worth: the same values matched with it (`shortcut`,
//! `Pattern::is_match`) and without it (`regex`, `Pattern::regex_is_match`), for the model's
//! patterns that have one, on text in several scripts, short and 256 characters long.
//!
//! `cargo bench -p cloudhsm-model --bench shortcut`; in each group the ratio `regex` /
//! `shortcut` (or `without` / `with` for the two-byte block pass) is what to read (see
//! BENCHMARKS.md).

mod workloads;

use std::hint::black_box;

use cloudhsm_model::patterns::{BACKUP_ID, TAG_KEY_AND_TAG_VALUE as TAG_KEY};
// The checks generated validators call, which the runtime keeps out of its API.
use cloudhsm_model::runtime::__private as constraints;
use cloudhsm_model::runtime::pattern::Pattern;
use cloudhsm_model::runtime::{Path, ValidationErrors};
use criterion::{criterion_group, BenchmarkId, Criterion};

/// Letters of each script, all in the tag class (`\p{L}`, no combining marks), with a space.
const SCRIPTS: [(&str, &str); 8] = [
    ("ascii", "Cost center 42 "),
    ("latin", "Zürich Genève Łódź "),
    ("cjk", "数据备份标签集群 "),
    ("hangul", "데이터 백업 태그 "),
    ("arabic", "نسخة احتياطية "),
    ("devanagari", "कखगघ चछजझ "),
    ("astral", "𐌰𐌱𐌲 𝐀𝐁𝐂 "),
    ("mixed", "Zürich 数据 데이터 نسخة 𐌰 "),
];

/// `text` repeated to exactly `chars` characters.
fn of_length(text: &str, chars: usize) -> String {
    text.chars().cycle().take(chars).collect()
}

fn matching(c: &mut Criterion) {
    for (script, text) in SCRIPTS {
        for chars in [8, 256] {
            let value = of_length(text, chars);
            assert!(TAG_KEY.is_match(&value) && TAG_KEY.regex_is_match(&value));
            pair(c, "tag", &TAG_KEY, &format!("{script}/{chars}"), &value);
        }
        block_pass(c, script, &of_length(text, 256));
    }
    // An outsider late in the text: both must read up to it.
    let rejected = of_length("Zürich Genève ", 255) + "\u{7}";
    pair(c, "tag", &TAG_KEY, "rejected/256", &rejected);
    for (name, value) in [
        ("valid", "backup-abcdefghijk"),
        ("wrong_class", "backup-abcdefghij1"),
        ("too_long", "backup-abcdefghijklmnopq"),
    ] {
        pair(c, "backup_id", &BACKUP_ID, name, value);
    }
}

/// One group, `pattern/name`, of the value matched with and without the shortcut.
fn pair(c: &mut Criterion, pattern_name: &str, pattern: &Pattern, name: &str, value: &str) {
    let mut group = c.benchmark_group(format!("{pattern_name}/{name}"));
    group.bench_function("shortcut", |b| {
        b.iter(|| black_box(pattern).is_match(black_box(value)))
    });
    group.bench_function("regex", |b| {
        b.iter(|| black_box(pattern).regex_is_match(black_box(value)))
    });
    group.finish();
}

/// What the shortcut's vector pass for long two-byte text is worth: the fused check
/// generated code calls, with the pass and without it (each path called directly).
fn block_pass(c: &mut Criterion, script: &str, value: &str) {
    let mut group = c.benchmark_group(format!("tag/block_pass/{script}/256"));
    group.bench_function("with", |b| {
        b.iter(|| black_box(&TAG_KEY).match_and_length(black_box(value)))
    });
    group.bench_function("without", |b| {
        b.iter(|| black_box(&TAG_KEY).match_and_length_without_block_pass(black_box(value)))
    });
    group.finish();
}

/// The tag checks `validate()` makes on a CopyBackupToRegion body's 50 tags (`@length` and
/// `@pattern` on each key and value): with the shortcut, the one fused pass generated code
/// calls; without it, the length check and then the regex.
fn tag_list(c: &mut Criterion) {
    for (name, body) in [
        ("mixed", workloads::copy_body(50)),
        ("ascii", workloads::copy_body_ascii(50)),
    ] {
        let tags: Vec<(String, String)> = serde_json::from_slice::<serde_json::Value>(&body)
            .ok()
            .and_then(|v| v.get("TagList").and_then(|t| t.as_array()).cloned())
            .unwrap_or_default()
            .iter()
            .map(|tag| {
                let text = |m: &str| tag[m].as_str().unwrap_or_default().to_owned();
                (text("Key"), text("Value"))
            })
            .collect();
        assert_eq!(tags.len(), 50);
        let path = Path::ROOT;
        let mut group = c.benchmark_group("tag_list_50");
        group.bench_function(BenchmarkId::new("shortcut", name), |b| {
            b.iter(|| {
                let mut errors = ValidationErrors::new();
                for (key, value) in black_box(&tags) {
                    constraints::string_length_and_pattern(
                        key,
                        Some(1),
                        Some(128),
                        &TAG_KEY,
                        &path,
                        &mut errors,
                    );
                    constraints::string_length_and_pattern(
                        value,
                        Some(0),
                        Some(256),
                        &TAG_KEY,
                        &path,
                        &mut errors,
                    );
                }
                errors.is_empty()
            })
        });
        group.bench_function(BenchmarkId::new("regex", name), |b| {
            b.iter(|| {
                let mut errors = ValidationErrors::new();
                for (key, value) in black_box(&tags) {
                    for (text, min, max) in [(key, 1, 128), (value, 0, 256)] {
                        constraints::string_length(text, Some(min), Some(max), &path, &mut errors);
                        if !TAG_KEY.regex_is_match(text) {
                            return false;
                        }
                    }
                }
                errors.is_empty()
            })
        });
        group.finish();
    }
}

criterion_group!(benches, matching, tag_list);

/// `-- count <script> <chars> <n> [no_blocks|portable|regex]`: matches one script's value
/// of `chars` characters `n` times with the shortcut (without its two-byte block pass, with
/// its portable passes alone, or with the regex alone, if asked) and nothing else, for
/// instruction counts (callgrind) that machine load does not move; minus the same with `n`
/// = 0.
fn count(args: &[String]) {
    let (Some(text), Some(chars), Some(n)) = (
        args.first()
            .and_then(|name| SCRIPTS.iter().find(|(script, _)| script == name)),
        args.get(1).and_then(|c| c.parse::<usize>().ok()),
        args.get(2).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        println!("usage: count <script> <chars> <n> [no_blocks|portable|regex]");
        return;
    };
    // Each variant as one function of the pattern and the value, so they run alike.
    let run: fn(&Pattern, &str) -> bool = match args.get(3).map(String::as_str) {
        None => |p, v| p.match_and_length(v).0,
        Some("no_blocks") => |p, v| p.match_and_length_without_block_pass(v).0,
        Some("portable") => |p, v| p.match_and_length_portable(v).0,
        Some("regex") => Pattern::regex_is_match,
        Some(_) => {
            println!("usage: count <script> <chars> <n> [no_blocks|portable|regex]");
            return;
        }
    };
    let value = of_length(text.1, chars);
    // The first match builds the class's tables (or compiles the regex); it is counted with
    // `n` = 0 too.
    black_box(run(&TAG_KEY, &value));
    for _ in 0..n {
        black_box(run(black_box(&TAG_KEY), black_box(&value)));
    }
}

/// `-- paired`: per script, 256 characters, paired ratios in one run (the method of
/// `workloads::paired_ratio`) of the fused check generated code calls without the two-byte
/// block pass over with it, with the portable passes alone over with the vector passes the
/// processor's AVX2 allows, and of the regex alone over the shortcut: whether each fast path
/// pays on the build at hand (`benches/builds.sh` runs this on every build).
fn paired() {
    println!("paired ratios (median of {} rounds):\n", workloads::ROUNDS);
    println!(
        "| script | without block pass / with | portable passes / vector passes | regex alone / shortcut |"
    );
    println!("|---|---|---|---|");
    for (script, text) in SCRIPTS {
        let value = of_length(text, 256);
        let block_pass = workloads::paired_ratio(
            &mut || {
                black_box(black_box(&TAG_KEY).match_and_length(black_box(&value)));
            },
            &mut || {
                black_box(
                    black_box(&TAG_KEY).match_and_length_without_block_pass(black_box(&value)),
                );
            },
        );
        let vector = workloads::paired_ratio(
            &mut || {
                black_box(black_box(&TAG_KEY).match_and_length(black_box(&value)));
            },
            &mut || {
                black_box(black_box(&TAG_KEY).match_and_length_portable(black_box(&value)));
            },
        );
        let shortcut = workloads::paired_ratio(
            &mut || {
                black_box(black_box(&TAG_KEY).is_match(black_box(&value)));
            },
            &mut || {
                black_box(black_box(&TAG_KEY).regex_is_match(black_box(&value)));
            },
        );
        println!(
            "| {script} | {:.2}x | {:.2}x | {:.2}x |",
            block_pass[1], vector[1], shortcut[1]
        );
    }
}

fn main() {
    if let Some(args) = workloads::count_args() {
        return count(&args);
    }
    if std::env::args().any(|a| a == "paired") {
        return paired();
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
