//! Conformance suite for `cloudhsm-model` and `model-codegen`: the tests live in `tests/`,
//! fixtures in `fixtures/` and golden files in `golden/`. This library only holds helpers.

#![forbid(unsafe_code)]

use std::path::PathBuf;

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The shared published model, if this checkout has `../shared/` beside it. Tests that need
/// it print that they were skipped when it is absent (a user's fresh clone); CI always has it.
pub fn published_model() -> Option<String> {
    let path = workspace_root().join("../shared/models/cloudhsm-v2-2017-04-28.json");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(_) => {
            eprintln!(
                "SKIPPED: {} is not present (only CI and the developers have ../shared/)",
                path.display()
            );
            None
        }
    }
}

/// The README's Rust examples, compiled and run as doctests.
#[doc = include_str!("../../README.md")]
pub mod readme {}
