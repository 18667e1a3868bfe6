//! Every AWS awsJson model in `../shared/models/aws/` (beside the workspace) checks and
//! generates: no model error, no generation failure, patterns included (lookaround, Java's
//! classes, anchors, flags and possessive quantifiers, UTF-16 surrogates, classes repeated
//! past the `regex` crate's size limit). AWS's models in the other protocols
//! (`../shared/models/aws-other/`: restJson1, restXml, awsQuery, ec2Query) check and generate
//! without wire code, as `check --no-wire` and `generate --no-wire` do, and agree.
//!
//! Skipped, with a message, when a folder is absent (a fresh clone).

use std::path::{Path, PathBuf};

use model_codegen::{Config, Model};

fn shared_models(folder: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/models")
        .join(folder)
}

/// The `.json` models in `dir`, sorted, or `None` (with a SKIPPED notice) when it is absent.
fn models_in(dir: &Path) -> Option<Vec<PathBuf>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        eprintln!(
            "SKIPPED: {} is not present (only CI and the developers have ../shared/)",
            dir.display()
        );
        return None;
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} holds no models", dir.display());
    Some(files)
}

/// What checking and generating each model with `config` gave: how many checked, how
/// many generated, and every model that did not, with why. A model `config.check` refuses
/// must be refused by `config.generate` with the same problems.
fn run_corpus(files: &[PathBuf], config: &Config) -> (usize, usize, Vec<String>) {
    let mut problems = Vec::new();
    let (mut checked, mut generated) = (0, 0);
    for path in files {
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) => {
                problems.push(format!("{file}: cannot read: {e}"));
                continue;
            }
        };
        let model = match Model::from_json_str(&text) {
            Ok(model) => model,
            Err(errors) => {
                problems.push(format!("{file}: does not load:\n{errors}"));
                continue;
            }
        };
        match config.check(&model) {
            Ok(()) => {
                checked += 1;
                match config.generate(&model) {
                    Ok(code) if code.contains("pub mod types") => generated += 1,
                    Ok(_) => problems.push(format!("{file}: generated code has no `types`")),
                    Err(errors) => {
                        problems.push(format!("{file}: checks but does not generate:\n{errors}"))
                    }
                }
            }
            Err(errors) => {
                let generate = config.generate(&model).err();
                assert_eq!(
                    generate.as_ref(),
                    Some(&errors),
                    "{file}: check and generate disagree"
                );
                problems.push(format!("{file}: does not check:\n{errors}"));
            }
        }
    }
    (checked, generated, problems)
}

#[test]
fn every_aws_json_model_checks_and_generates() {
    let Some(files) = models_in(&shared_models("aws")) else {
        return;
    };
    let (checked, generated, problems) = run_corpus(&files, &Config::new());
    println!(
        "corpus: {} models, {checked} checked, {generated} generated",
        files.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The other protocols' models that are known not to check yet, each with why (#28).
const OTHER_PROTOCOLS_REFUSED: &[(&str, &str)] = &[];

#[test]
fn every_other_protocol_model_checks_and_generates_without_wire_code() {
    let Some(files) = models_in(&shared_models("aws-other")) else {
        return;
    };
    let mut config = Config::new();
    config.wire(false);
    let (checked, generated, problems) = run_corpus(&files, &config);
    println!(
        "corpus (other protocols, no wire code): {} models, {checked} checked, {generated} generated",
        files.len()
    );
    // Every model check accepts generates; those it refuses are the known ones.
    assert_eq!(checked, generated, "{}", problems.join("\n"));
    let unexpected: Vec<&String> = problems
        .iter()
        .filter(|p| {
            !OTHER_PROTOCOLS_REFUSED
                .iter()
                .any(|(file, _)| p.starts_with(&format!("{file}:")))
        })
        .collect();
    assert!(unexpected.is_empty(), "{unexpected:#?}");
    assert_eq!(checked + OTHER_PROTOCOLS_REFUSED.len(), files.len());
}
