//! Generated code for AWS's published awsJson models (`../shared/models/aws/` beside the
//! workspace) compiles as crates of their own, as `standalone.rs` builds the suite's models:
//! each `include!`s its file at the root of a crate depending on the runtime crate
//! (`model-runtime`, the generator's default runtime path), `serde` and `serde_json` (and
//! `proptest`, whose strategies are type-checked too), under `deny(warnings, missing_docs)`.
//!
//! A fixed sample compiles in every run. With `COMPILE_AWS_MODELS=1`, every model does (the
//! corpus test in `model-codegen/tests/corpus.rs` shows that every one checks):
//!
//! ```sh
//! COMPILE_AWS_MODELS=1 cargo test -p conformance --test aws_models -- --nocapture
//! ```
//!
//! The crates are type-checked (`cargo check`): every error and lint a model could cause is
//! found there, and code generation for a few million generated lines would only add time.
//! Both tests skip, saying so, when the folder is absent.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The sample: varied, and small enough for every run. No model of the corpus has a map
/// keyed by an enum: `fixtures/models/mini_awkward.json`, which `standalone.rs` compiles,
/// has one.
const SAMPLE: &[(&str, &str)] = &[
    (
        "appstream-2016-12-01.json",
        "lookaround patterns, and `AppBlockBuilder` beside `AppBlock`'s builder",
    ),
    (
        "health-2016-08-04.json",
        "an enum value `UNKNOWN` beside the catch-all, `@length` on an enum",
    ),
    ("dynamodb-streams-2012-08-10.json", "a union"),
    (
        "partnercentral-selling-2022-07-26.json",
        "329 shapes, four unions, `@pattern` on a member targeting an enum",
    ),
    (
        "cloudwatch-logs-2014-03-28.json",
        "600 shapes, unions, an enum value `Unknown` beside the catch-all",
    ),
    (
        "compute-optimizer-2019-11-01.json",
        "documentation starting with multi-byte characters after tags",
    ),
    ("mediastore-2017-09-01.json", "`@length` on an enum"),
];

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

fn corpus() -> Option<PathBuf> {
    let dir = workspace().join("../shared/models/aws");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED: {} is not present (only CI and the developers have ../shared/)",
            dir.display()
        );
        None
    }
}

fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// A crate name for a model file: `health-2016-08-04.json` -> `aws-health-2016-08-04`.
fn crate_name(file: &str) -> String {
    let stem = file.strip_suffix(".json").unwrap_or(file);
    let clean: String = stem
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("aws-{clean}")
}

/// Writes one crate per model under `root` (a workspace of them) and type-checks them all,
/// every crate even when some fail. Returns the failing crates' errors, if any.
fn check_as_crates(root: &Path, models: &[PathBuf]) -> Result<(), String> {
    let runtime = workspace().join("model-codegen/runtime");
    let mut members = Vec::new();
    for model in models {
        let file = model
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let name = crate_name(&file);
        let code = model_codegen::Config::new()
            .proptest_strategies(true)
            .generate_from_paths(&[model])
            .map_err(|e| format!("{file}: {e}"))?;
        let dir = root.join(&name);
        write(
            &dir.join("Cargo.toml"),
            &format!(
                "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
                 publish = false\n\n[features]\nproptest = [\"dep:proptest\", \
                 \"model-runtime/proptest\"]\n\n[dependencies]\n\
                 model-runtime = {{ path = {runtime:?} }}\n\
                 serde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n\
                 proptest = {{ version = \"1\", optional = true }}\n"
            ),
        );
        write(
            &dir.join("src/lib.rs"),
            &format!(
                "//! The code generated for AWS's `{file}`, alone at the root of a crate.\n\
                 #![deny(warnings, missing_docs)]\n\ninclude!(\"model.rs\");\n"
            ),
        );
        write(&dir.join("src/model.rs"), &code);
        members.push(format!("{name:?}"));
    }
    write(
        &root.join("Cargo.toml"),
        &format!(
            "[workspace]\nmembers = [{}]\nresolver = \"2\"\n",
            members.join(", ")
        ),
    );
    // Start from the workspace's lock file, so dependencies resolve as they do here.
    std::fs::copy(workspace().join("Cargo.lock"), root.join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    let output = Command::new(env!("CARGO"))
        .args([
            "check",
            "--workspace",
            "--all-features",
            "--keep-going",
            "--quiet",
            "--manifest-path",
        ])
        .arg(root.join("Cargo.toml"))
        // One target directory for both tests, so the dependencies are checked once.
        .env(
            "CARGO_TARGET_DIR",
            PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("generated-crates-target"),
        )
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .map_err(|e| format!("cargo: {e}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if output.status.success() && stderr.trim().is_empty() {
        return Ok(());
    }
    let failed: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("could not compile"))
        .collect();
    // The first errors say what is wrong; all of them could be megabytes.
    let shown: String = stderr.chars().take(20_000).collect();
    Err(format!("{}\n\n{shown}", failed.join("\n")))
}

#[test]
fn a_sample_of_aws_models_compiles_as_crates_of_their_own() {
    let Some(dir) = corpus() else { return };
    let models: Vec<PathBuf> = SAMPLE.iter().map(|(file, _)| dir.join(file)).collect();
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("aws-sample");
    if let Err(e) = check_as_crates(&root, &models) {
        panic!("the sample's crates do not compile cleanly:\n{e}");
    }
}

#[test]
fn every_aws_model_that_checks_compiles_as_a_crate_of_its_own() {
    if std::env::var_os("COMPILE_AWS_MODELS").is_none_or(|v| v != "1") {
        eprintln!("SKIPPED: set COMPILE_AWS_MODELS=1 to compile every AWS model");
        return;
    }
    let Some(dir) = corpus() else { return };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let (models, unchecked): (Vec<PathBuf>, Vec<PathBuf>) = files.into_iter().partition(|p| {
        std::fs::read_to_string(p).ok().is_some_and(|text| {
            model_codegen::Model::from_json_str(&text)
                .and_then(|model| model.check())
                .is_ok()
        })
    });
    println!(
        "compiling {} models ({} do not check yet and are left out: see the corpus test)",
        models.len(),
        unchecked.len()
    );
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("aws-all");
    if let Err(e) = check_as_crates(&root, &models) {
        panic!("some crates do not compile cleanly:\n{e}");
    }
}
