//! Every AWS awsJson model in `../shared/models/aws/` (beside the workspace) checks and
//! generates: no model error, no generation failure, patterns included (lookaround, Java's
//! classes, anchors, flags and possessive quantifiers, UTF-16 surrogates, classes repeated
//! past the `regex` crate's size limit).
//!
//! Skipped, with a message, when the folder is absent (a fresh clone).

use std::path::PathBuf;

use model_codegen::Config;

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/models/aws")
}

#[test]
fn every_aws_json_model_checks_and_generates() {
    let dir = corpus_dir();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!(
            "SKIPPED: {} is not present (only CI and the developers have ../shared/)",
            dir.display()
        );
        return;
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} holds no models", dir.display());

    let mut problems = Vec::new();
    let (mut checked, mut generated) = (0, 0);
    for path in &files {
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
        match model_codegen::Model::from_json_str(&text).and_then(|model| model.check()) {
            Ok(_) => {
                checked += 1;
                match Config::new().generate_from_str(&text) {
                    Ok(code) if code.contains("pub mod types") => generated += 1,
                    Ok(_) => problems.push(format!("{file}: generated code has no `types`")),
                    Err(errors) => {
                        problems.push(format!("{file}: checks but does not generate:\n{errors}"))
                    }
                }
            }
            Err(errors) => problems.push(format!("{file}: does not check:\n{errors}")),
        }
    }
    println!(
        "corpus: {} models, {checked} checked, {generated} generated",
        files.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
