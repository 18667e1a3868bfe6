//! One broken model per family of model error, each with every message it must produce
//! (`fixtures/broken/<family>.expected`): `check` and `generate` report them all, the same,
//! and never panic. Re-bless with `UPDATE_GOLDEN=1 cargo test -p model-codegen --test broken`
//! and read the diff.

use std::path::{Path, PathBuf};

use model_codegen::{Config, Model};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken")
}

/// Every problem reading, checking or generating `path` gives, one per line, with the
/// fixture folder's path taken out so the text is the same on every machine.
fn problems(path: &Path) -> (String, String) {
    let strip = |text: String| text.replace(&format!("{}/", fixtures().display()), "");
    let model = Model::from_paths(&[path]);
    let checked = match &model {
        Ok(model) => model.check().err().map(|e| e.to_string()),
        Err(e) => Some(e.to_string()),
    };
    let generated = match &model {
        Ok(model) => Config::new().generate(model).err().map(|e| e.to_string()),
        Err(e) => Some(e.to_string()),
    };
    (
        strip(checked.unwrap_or_default()),
        strip(generated.unwrap_or_default()),
    )
}

const FAMILIES: [&str; 9] = [
    "load.json",
    "merge",
    "mixins.json",
    "targets.json",
    "traits.json",
    "names.json",
    "emitted_names.json",
    "protocol.json",
    "idl.smithy",
];

#[test]
fn every_family_of_model_error_is_reported_with_every_message() {
    let bless = std::env::var_os("UPDATE_GOLDEN").is_some();
    for family in FAMILIES {
        let path = fixtures().join(family);
        let (checked, generated) = problems(&path);
        assert!(
            !checked.is_empty(),
            "{family}: the broken model passed check"
        );
        assert_eq!(checked, generated, "{family}: check and generate disagree");
        let stem = family.split('.').next().unwrap_or(family);
        let expected_path = fixtures().join(format!("{stem}.expected"));
        if bless {
            std::fs::write(&expected_path, format!("{checked}\n"))
                .unwrap_or_else(|e| panic!("{e}"));
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        assert_eq!(checked.trim_end(), expected.trim_end(), "{family}");
    }
}
