//! Smithy's own model test suites (`../shared/smithy-model-tests/`, the test resources of
//! Smithy's reference implementation; its README says how to read each folder), run through
//! the loader and `check`, with a summary line per folder and floors that fail the test if
//! strictness regresses:
//!
//! - `loader/valid`: every `.smithy` file loads (`__shared.json` beside it, which some use);
//! - `loader/invalid`: every file fails to load (its first line is Smithy's message);
//! - `errorfiles`: a model with an `[ERROR]` line in its `.errors` file is refused by `check`
//!   (without wire code: the suite is not about protocols), one without is accepted.
//!
//! Skipped, with a message, when the folder is absent (a fresh clone).

use std::path::{Path, PathBuf};

use model_codegen::{Config, Model};

fn suites() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/smithy-model-tests");
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

/// Every file under `dir` whose name ends with one of `extensions`, sorted.
fn files(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path
                .extension()
                .is_some_and(|e| extensions.iter().any(|x| e == *x))
            {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Loading a model never panics; `Ok` when it loads.
fn load(paths: &[PathBuf]) -> Result<Model, String> {
    std::panic::catch_unwind(|| Model::from_paths(paths).map_err(|e| e.to_string()))
        .unwrap_or_else(|_| panic!("loading {paths:?} panicked"))
}

/// Floors: at least this many of each folder must come out as Smithy has them. Raise them
/// as the front end grows stricter; never lower them.
const VALID_LOADED: usize = 77;
const INVALID_REFUSED: usize = 170;
const ERRORFILES_REFUSED: usize = 63;
const ERRORFILES_ACCEPTED: usize = 96;

#[test]
fn smithys_loader_suites_load_what_smithy_loads_and_refuse_what_it_refuses() {
    let Some(root) = suites() else {
        return;
    };
    let valid_dir = root.join("loader/valid");
    let shared = valid_dir.join("__shared.json");
    let valid = files(&valid_dir, &["smithy"]);
    let mut failed = Vec::new();
    for file in &valid {
        if let Err(e) = load(std::slice::from_ref(file)) {
            if load(&[file.clone(), shared.clone()]).is_err() {
                failed.push(format!("{}: {e}", file.display()));
            }
        }
    }
    let loaded = valid.len() - failed.len();
    println!("loader/valid: {loaded}/{} load", valid.len());
    for f in &failed {
        println!("  not loaded: {f}");
    }

    let invalid = files(&root.join("loader/invalid"), &["smithy", "json"]);
    let accepted: Vec<String> = invalid
        .iter()
        .filter(|file| load(std::slice::from_ref(file)).is_ok())
        .map(|file| file.display().to_string())
        .collect();
    let refused = invalid.len() - accepted.len();
    println!("loader/invalid: {refused}/{} refused", invalid.len());
    for f in &accepted {
        println!("  accepted: {f}");
    }
    assert!(
        loaded >= VALID_LOADED,
        "loader/valid: {loaded} load, fewer than {VALID_LOADED}"
    );
    assert!(
        refused >= INVALID_REFUSED,
        "loader/invalid: {refused} refused, fewer than {INVALID_REFUSED}"
    );
}

#[test]
fn smithys_validator_suite_is_refused_and_accepted_by_check_as_by_smithy() {
    let Some(root) = suites() else {
        return;
    };
    let mut config = Config::new();
    config.wire(false);
    let (mut invalid, mut refused, mut valid, mut accepted) = (0, 0, 0, 0);
    let mut wrong = Vec::new();
    for errors_file in files(&root.join("errorfiles"), &["errors"]) {
        let expected = std::fs::read_to_string(&errors_file).unwrap_or_default();
        let model = ["smithy", "json"]
            .iter()
            .map(|ext| errors_file.with_extension(ext))
            .find(|p| p.exists());
        let Some(model) = model else { continue };
        let has_error = expected.lines().any(|l| l.starts_with("[ERROR]"));
        let verdict = load(std::slice::from_ref(&model)).and_then(|m| {
            std::panic::catch_unwind(|| config.check(&m).map_err(|e| e.to_string()))
                .unwrap_or_else(|_| panic!("checking {} panicked", model.display()))
        });
        if has_error {
            invalid += 1;
            match verdict {
                Err(_) => refused += 1,
                Ok(()) => wrong.push(format!("accepted: {}", model.display())),
            }
        } else {
            valid += 1;
            match verdict {
                Ok(()) => accepted += 1,
                Err(e) => wrong.push(format!("refused: {}: {e}", model.display())),
            }
        }
    }
    println!(
        "errorfiles: {refused}/{invalid} with [ERROR] refused, {accepted}/{valid} valid accepted"
    );
    for w in wrong.iter().filter(|w| w.starts_with("refused")) {
        println!("  {w}");
    }
    assert!(
        refused >= ERRORFILES_REFUSED,
        "errorfiles: {refused} refused, fewer than {ERRORFILES_REFUSED}"
    );
    assert!(
        accepted >= ERRORFILES_ACCEPTED,
        "errorfiles: {accepted} accepted, fewer than {ERRORFILES_ACCEPTED}"
    );
}
