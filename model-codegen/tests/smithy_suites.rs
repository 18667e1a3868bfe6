//! Smithy's own model test suites (`../shared/smithy-model-tests/`, the test resources of
//! Smithy's reference implementation; its README says how to read each folder), run through
//! the loader and `check`, with a summary line per folder and floors that fail the test if
//! strictness regresses:
//!
//! - `loader/valid`: every `.smithy` file loads (`__shared.json` beside it, which some use);
//! - `loader/invalid`: every file fails to load (its first line is Smithy's message);
//! - `errorfiles`: a model with an `[ERROR]` line in its `.errors` file is refused by `check`
//!   (without wire code: the suite is not about protocols), one without is accepted; for the
//!   "codegen-relevant" models (every `[ERROR]` from a validator in the README's list), each
//!   expected event is looked for among check's problems by shape id and event id
//!   (`SMITHY_SUITE_MISSES=1` prints the ones not found).
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
const ERRORFILES_REFUSED: usize = 134;
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

/// The event ids (Smithy's validator names) of the rules that bear on what a generator
/// reads or emits: a model whose every `[ERROR]` is one of these is "codegen-relevant"
/// (the suite README's list).
const CODEGEN_EVENTS: &[&str] = &[
    "Model",
    "Target",
    "TraitTarget",
    "TraitValue",
    "TraitConflict",
    "DefaultTrait",
    "ShapeRecursion",
    "OperationInputOutputMisuse",
    "ShapeClosure",
    "Service",
    "ExclusiveStructureMemberTrait",
    "EnumShape",
    "EnumTrait",
    "LengthTrait",
    "RangeTrait",
    "ShapeIdConflict",
    "Union",
    "UnitType",
    "PrivateAccess",
];

/// One `[ERROR] shape-id: message | EventId` line of an `.errors` file.
#[derive(Debug)]
struct Expected {
    shape: String,
    event: String,
    line: String,
}

/// The `[ERROR]` events of an `.errors` file.
fn expected_errors(text: &str) -> Vec<Expected> {
    text.lines()
        .filter_map(|line| line.strip_prefix("[ERROR] "))
        .map(|rest| {
            let (body, event) = rest.rsplit_once(" | ").unwrap_or((rest, ""));
            let shape = body.split_once(": ").map_or(body, |(shape, _)| shape);
            Expected {
                shape: shape.trim().to_owned(),
                event: event.trim().to_owned(),
                line: rest.to_owned(),
            }
        })
        .collect()
}

/// The validator an event id names (`TraitValue.Member.InvalidRange` is `TraitValue`'s).
fn family(event: &str) -> &str {
    event.split('.').next().unwrap_or(event)
}

/// Whether `reported` names the event Smithy expects: the same event id at the same shape,
/// or, for an event at no shape (`-`), the same event id at a place that is not a shape
/// (a file, `<model>`).
fn matches(expected: &Expected, reported: &model_codegen::ModelError) -> bool {
    if family(&expected.event) != family(reported.event) {
        return false;
    }
    if expected.shape == "-" {
        return !reported.shape.contains('#');
    }
    expected.shape == reported.shape
}

/// Floors for the validator suite, over the codegen-relevant models: how many are refused,
/// how many valid models are accepted, and the share (in percent) of their `[ERROR]` events
/// reported at the same shape with the same event id.
const RELEVANT_REFUSED: usize = 127;
const ERRORFILES_EVENTS_MATCHED_PERCENT: usize = 79;

#[test]
fn smithys_validator_suite_is_refused_and_accepted_by_check_as_by_smithy() {
    let Some(root) = suites() else {
        return;
    };
    let mut config = Config::new();
    config.wire(false);
    let (mut invalid, mut refused, mut valid, mut accepted) = (0, 0, 0, 0);
    let (mut relevant, mut relevant_refused, mut events, mut matched) = (0, 0, 0, 0);
    // Per folder (`validators/`, `loader/`): relevant refused, relevant, events matched, events.
    let mut folders: std::collections::BTreeMap<String, [usize; 4]> = Default::default();
    let mut wrong = Vec::new();
    let mut misses = Vec::new();
    let errorfiles = root.join("errorfiles");
    for errors_file in files(&errorfiles, &["errors"]) {
        let text = std::fs::read_to_string(&errors_file).unwrap_or_default();
        let model = ["smithy", "json"]
            .iter()
            .map(|ext| errors_file.with_extension(ext))
            .find(|p| p.exists());
        let Some(model) = model else { continue };
        let expected = expected_errors(&text);
        let verdict: Result<(), Vec<model_codegen::ModelError>> =
            std::panic::catch_unwind(|| match Model::from_paths(std::slice::from_ref(&model)) {
                Ok(m) => config.check(&m).map_err(|e| e.errors().to_vec()),
                Err(model_codegen::Error::Model(e)) => Err(e.errors().to_vec()),
                Err(e) => Err(vec![model_codegen::ModelError::new("-", e.to_string())]),
            })
            .unwrap_or_else(|_| panic!("checking {} panicked", model.display()));
        let name = model
            .strip_prefix(&errorfiles)
            .unwrap_or(&model)
            .display()
            .to_string();
        let folder = name.split('/').next().unwrap_or_default().to_owned();
        if expected.is_empty() {
            valid += 1;
            match &verdict {
                Ok(()) => accepted += 1,
                Err(e) => wrong.push(format!("refused: {name}: {}", e[0])),
            }
            continue;
        }
        invalid += 1;
        if verdict.is_err() {
            refused += 1;
        }
        if !expected
            .iter()
            .all(|e| CODEGEN_EVENTS.contains(&family(&e.event)))
        {
            continue;
        }
        relevant += 1;
        let counts = folders.entry(folder).or_default();
        counts[1] += 1;
        let reported = verdict.as_ref().err().cloned().unwrap_or_default();
        if verdict.is_err() {
            relevant_refused += 1;
            counts[0] += 1;
        } else {
            wrong.push(format!("accepted: {name}"));
        }
        for e in &expected {
            events += 1;
            counts[3] += 1;
            if reported.iter().any(|r| matches(e, r)) {
                matched += 1;
                counts[2] += 1;
            } else {
                misses.push(format!("{name}: {}", e.line));
            }
        }
    }
    let percent = |n: usize, of: usize| (n * 100).checked_div(of).unwrap_or(100);
    println!(
        "errorfiles: {refused}/{invalid} with [ERROR] refused, {accepted}/{valid} valid accepted"
    );
    println!(
        "errorfiles (codegen-relevant): {relevant_refused}/{relevant} refused, \
         {matched}/{events} ERROR events matched by shape and event id ({}%)",
        percent(matched, events)
    );
    for (folder, [r, n, m, e]) in &folders {
        println!(
            "  errorfiles/{folder}: {r}/{n} refused, {m}/{e} events matched ({}%)",
            percent(*m, *e)
        );
    }
    for w in &wrong {
        println!("  {w}");
    }
    // Every event Smithy reports that check does not, at its shape with its id.
    if std::env::var_os("SMITHY_SUITE_MISSES").is_some() {
        for m in &misses {
            println!("  missed: {m}");
        }
    } else {
        println!(
            "  ({} events missed; SMITHY_SUITE_MISSES=1 lists them)",
            misses.len()
        );
    }
    assert!(
        refused >= ERRORFILES_REFUSED,
        "errorfiles: {refused} refused, fewer than {ERRORFILES_REFUSED}"
    );
    assert!(
        relevant_refused >= RELEVANT_REFUSED,
        "errorfiles: {relevant_refused} codegen-relevant refused, fewer than {RELEVANT_REFUSED}"
    );
    assert!(
        accepted >= ERRORFILES_ACCEPTED,
        "errorfiles: {accepted} accepted, fewer than {ERRORFILES_ACCEPTED}"
    );
    assert!(
        percent(matched, events) >= ERRORFILES_EVENTS_MATCHED_PERCENT,
        "errorfiles: {}% of events matched, fewer than {ERRORFILES_EVENTS_MATCHED_PERCENT}%",
        percent(matched, events)
    );
}
