//! Generated code compiled as crates of their own, the way a user compiles it: each crate
//! depends on the runtime crate (`model-runtime`, the generator's default runtime path),
//! `serde` and `serde_json` (and `proptest`, whose strategies are type-checked too), under
//! `deny(warnings, missing_docs)`. The test files that build such crates (`aws_models.rs`,
//! `mutants.rs`) share this module and one target directory, so the dependencies are
//! checked once for all of them.
//!
//! The crates are type-checked (`cargo check`): every error and lint a model could cause is
//! found there, and code generation for the generated lines would only add time.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace root.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// `../shared/<folder>` beside the workspace, or `None` (with a SKIPPED notice) when it is
/// absent, as in a user's fresh clone.
pub fn shared(folder: &str) -> Option<PathBuf> {
    let dir = workspace().join("../shared").join(folder);
    if dir.exists() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED: {} is not present (only CI and the developers have ../shared/)",
            dir.display()
        );
        None
    }
}

/// One crate to write and check: its `src/lib.rs` and the other files under `src/`.
pub struct GeneratedCrate {
    /// The package name.
    pub name: String,
    /// The text of `src/lib.rs`.
    pub lib: String,
    /// Other files under `src/`: (file name, text).
    pub files: Vec<(String, String)>,
}

impl GeneratedCrate {
    /// A crate holding one model's generated code at its root (`root_path` `crate`).
    // Not every test file that includes this module calls it.
    #[allow(dead_code)]
    pub fn model(name: &str, what: &str, code: String) -> GeneratedCrate {
        GeneratedCrate {
            name: name.to_owned(),
            lib: format!(
                "//! The code generated for {what}, alone at the root of a crate.\n\
                 #![deny(warnings, missing_docs)]\n\ninclude!(\"model.rs\");\n"
            ),
            files: vec![("model.rs".to_owned(), code)],
        }
    }
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Writes `crates` as a workspace under `root` and type-checks them all in one `cargo`
/// run, every crate even when some fail. Returns the failing crates' errors, if any.
pub fn check_crates(root: &Path, crates: &[GeneratedCrate]) -> Result<(), String> {
    let runtime = workspace().join("model-codegen/runtime");
    let mut members = Vec::new();
    for krate in crates {
        let name = &krate.name;
        let dir = root.join(name);
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
        )?;
        write(&dir.join("src/lib.rs"), &krate.lib)?;
        for (file, text) in &krate.files {
            write(&dir.join("src").join(file), text)?;
        }
        members.push(format!("{name:?}"));
    }
    write(
        &root.join("Cargo.toml"),
        &format!(
            "[workspace]\nmembers = [{}]\nresolver = \"2\"\n",
            members.join(", ")
        ),
    )?;
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
        // One target directory for every such build, so the dependencies are checked once.
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
