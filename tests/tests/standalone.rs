//! The supported use of `model-codegen generate`: its output, `include!`d at the root of a
//! new crate whose only dependencies are the runtime crate (`model-runtime`), `serde` (with
//! `derive`) and `serde_json`, compiles without warnings, with the generator's default
//! runtime path. Each model the suite
//! uses becomes such a crate, and one `cargo build` (with the workspace's lock file, so the
//! versions are the ones the workspace was tested with) compiles them all.

use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

#[test]
fn generated_code_compiles_as_a_crate_of_its_own() {
    let workspace = workspace();
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("standalone");
    let mut models = vec![
        ("cloudhsm", workspace.join("smithy/cloudhsmv2.json")),
        (
            "mini",
            workspace.join("tests/fixtures/models/mini_json10.json"),
        ),
        (
            "kinds",
            workspace.join("tests/fixtures/models/mini_kinds.json"),
        ),
        (
            "traits",
            workspace.join("tests/fixtures/models/mini_traits.json"),
        ),
        (
            "awkward",
            workspace.join("tests/fixtures/models/mini_awkward.json"),
        ),
    ];
    let published = workspace.join("../shared/models/cloudhsm-v2-2017-04-28.json");
    if published.exists() {
        models.push(("published", published));
    }
    let runtime = workspace.join("model-codegen/runtime");
    for (name, model) in &models {
        // The default runtime path, code at the crate root.
        let code = model_codegen::Config::new()
            .generate_from_paths(&[model])
            .unwrap_or_else(|e| panic!("{}: {e}", model.display()));
        let dir = root.join(name);
        write(
            &dir.join("Cargo.toml"),
            &format!(
                "[package]\nname = \"standalone-{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
                 publish = false\n\n[dependencies]\nmodel-runtime = {{ path = {runtime:?} }}\n\
                 serde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n"
            ),
        );
        write(
            &dir.join("src/lib.rs"),
            "//! A model's generated code, alone at the root of a crate.\n\
             #![deny(warnings, missing_docs)]\n\ninclude!(\"model.rs\");\n",
        );
        write(&dir.join("src/model.rs"), &code);
    }
    let members: Vec<String> = models.iter().map(|(n, _)| format!("{n:?}")).collect();
    write(
        &root.join("Cargo.toml"),
        &format!(
            "[workspace]\nmembers = [{}]\nresolver = \"2\"\n",
            members.join(", ")
        ),
    );
    // The workspace's lock file pins every dependency to the version the workspace uses;
    // cargo fetches whatever this machine has not downloaded yet.
    std::fs::copy(workspace.join("Cargo.lock"), root.join("Cargo.lock"))
        .unwrap_or_else(|e| panic!("Cargo.lock: {e}"));
    let output = Command::new(env!("CARGO"))
        .args(["build", "--workspace", "--quiet", "--manifest-path"])
        .arg(root.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", root.join("target"))
        // Only whether it compiles matters: no debug info to write.
        .env("CARGO_PROFILE_DEV_DEBUG", "false")
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .unwrap_or_else(|e| panic!("cargo: {e}"));
    assert!(
        output.status.success() && output.stderr.is_empty(),
        "the standalone crates do not build cleanly:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
