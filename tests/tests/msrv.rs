//! The declared `rust-version` is honest about dependencies: none of them asks for a newer
//! compiler. (Only one toolchain can be installed here, so building with the declared version
//! itself is not possible; clippy's `incompatible_msrv` lint, on under `-D warnings` in CI,
//! flags uses of standard-library APIs newer than it.)

use std::process::Command;

fn version(text: &str) -> (u64, u64, u64) {
    let mut parts = text.split('.').map(|p| p.parse::<u64>().unwrap_or(0));
    (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    )
}

#[test]
fn no_dependency_needs_a_newer_rust_than_the_workspace_declares() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        // Online: metadata covers every target's packages, which a fresh machine has not
        // downloaded (a build fetches only its own), so cargo fetches what it lacks.
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(conformance::workspace_root())
        .output()
        .unwrap_or_else(|e| panic!("cannot run cargo metadata: {e}"));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_default();
    let packages = metadata["packages"].as_array().cloned().unwrap_or_default();
    let ours = packages
        .iter()
        .find(|p| p["name"] == "cloudhsm-model")
        .and_then(|p| p["rust_version"].as_str())
        .map(version)
        .unwrap_or_else(|| panic!("cloudhsm-model declares no rust-version"));
    let too_new: Vec<String> = packages
        .iter()
        .filter_map(|p| {
            let needed = version(p["rust_version"].as_str()?);
            (needed > ours).then(|| format!("{} {} needs {:?}", p["name"], p["version"], needed))
        })
        .collect();
    assert!(too_new.is_empty(), "declared {ours:?}, but: {too_new:#?}");
}
