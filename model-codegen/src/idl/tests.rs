//! Tests of the whole conversion: IDL text in, JSON AST out.

use super::to_json_ast;
use crate::json::Json;

/// Converts one file named `a.smithy`, returning the document or the error lines.
fn convert(text: &str) -> Result<Json, Vec<String>> {
    to_json_ast(&[("a.smithy".to_owned(), text.to_owned())], &[])
        .map(|mut docs| docs.pop().unwrap_or(Json::Null))
        .map_err(|e| e.errors().iter().map(ToString::to_string).collect())
}

#[test]
fn smoke() {
    let doc = convert("$version: \"2\"\nnamespace a.b\nstring S\n");
    assert_eq!(
        doc,
        Ok(
            Json::parse(r#"{"smithy":"2.0","shapes":{"a.b#S":{"type":"string"}}}"#)
                .unwrap_or(Json::Null)
        )
    );
}

/// `../shared/protocol-tests`, seen from this crate, if it is there.
fn corpus_dir() -> Option<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/protocol-tests");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("skipped: ../shared/protocol-tests not found");
        None
    }
}

/// Every `.smithy` file under `dir`, as `(path, text)`, sorted by path.
fn smithy_files(dir: &std::path::Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "smithy") {
                if let Ok(text) = std::fs::read_to_string(&path) {
                    out.push((path.display().to_string(), text));
                }
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_protocol_test_file_converts() {
    let Some(dir) = corpus_dir() else {
        return;
    };
    let files = smithy_files(&dir);
    assert_eq!(files.len(), 170);
    let result = to_json_ast(&files, &[]);
    let errors = result
        .as_ref()
        .err()
        .map(ToString::to_string)
        .unwrap_or_default();
    assert!(errors.is_empty(), "{errors}");
    assert_eq!(result.map(|docs| docs.len()).unwrap_or_default(), 170);
}
