//! Models from Smithy IDL: the same model written as IDL and as JSON AST is one model, and
//! the protocol suites' IDL (in `../shared/protocol-tests/`) loads, converts and checks.

use std::path::{Path, PathBuf};

use model_codegen::{Config, Model};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[test]
fn a_model_written_as_idl_and_as_json_ast_is_one_model() {
    let idl = Model::from_paths(&[fixture("small.smithy")]).unwrap_or_else(|e| panic!("{e}"));
    let ast = Model::from_paths(&[fixture("small.json")]).unwrap_or_else(|e| panic!("{e}"));
    // Compared as JSON values: the same shapes, members and traits (key order aside).
    assert_eq!(json(&idl.to_json_ast()), json(&ast.to_json_ast()));
    assert_eq!(idl.check(), Ok(()));
    let generate = |model: &Model| {
        Config::new()
            .generate(model)
            .unwrap_or_else(|e| panic!("{e}"))
    };
    assert_eq!(generate(&idl), generate(&ast));
}

/// Writes `text` to `name` in a new directory of this test's own; the directory and file.
fn write_model(test: &str, name: &str, text: &str) -> (PathBuf, PathBuf) {
    let dir = std::env::temp_dir().join(format!("model-codegen-{test}-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let file = dir.join(name);
    std::fs::write(&file, text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    (dir, file)
}

/// The error's text, or "" when there is none (the assertion on the lines then says so).
fn error_text<T, E: std::fmt::Display>(result: Result<T, E>) -> String {
    result.err().map(|e| e.to_string()).unwrap_or_default()
}

#[test]
fn idl_syntax_errors_name_file_line_and_column_all_at_once() {
    let (dir, file) = write_model(
        "idl",
        "broken.smithy",
        "$version: \"2.0\"\nnamespace a.b\n\nstructure S {\n    x: \n}\n\nlist L {\n  member: \n}\n",
    );
    let errors = error_text(Model::from_paths(&[&file]));
    let name = file.display().to_string();
    let lines: Vec<&str> = errors.lines().collect();
    // Both broken statements, in file order (line 6 before line 10).
    assert_eq!(
        lines,
        [
            format!("{name}:6:1: expected the target of member `x`, found `}}`"),
            format!("{name}:10:1: expected the target of member `member`, found `}}`"),
        ],
        "{errors}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn problems_check_finds_in_an_idl_model_name_where_the_shape_is_written() {
    let (dir, file) = write_model(
        "places",
        "places.smithy",
        "$version: \"2.0\"\nnamespace a.b\n\nstructure S {\n    gone: Missing\n}\n\nintEnum I {\n    A = 1\n    B\n    C = 1\n}\n",
    );
    let model = Model::from_paths(&[&file]).unwrap_or_else(|e| panic!("{e}"));
    let errors = error_text(model.check());
    let name = file.display().to_string();
    let lines: Vec<&str> = errors.lines().collect();
    // Found by check, over the loaded model, and placed by the shape or member's id; in
    // file order.
    assert_eq!(
        lines,
        [
            format!(
                "{name}:5:5: a.b#S$gone: targets `a.b#Missing`, which is not in the model | Target"
            ),
            format!(
                "{name}:10:5: a.b#I$B: an intEnum member needs an integer @enumValue | EnumShape"
            ),
            format!("{name}:11:5: a.b#I$C: intEnum value `1` is also the value of `A` | EnumShape"),
        ],
        "{errors}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// `../shared/protocol-tests/`, or `None` with a printed notice when this checkout has no
/// `../shared/` beside it.
fn protocol_tests() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/protocol-tests");
    if root.is_dir() {
        Some(root)
    } else {
        eprintln!(
            "SKIPPED: {} is not present (only CI and the developers have ../shared/)",
            root.display()
        );
        None
    }
}

#[test]
fn the_in_scope_protocol_suites_convert_and_check() {
    let Some(root) = protocol_tests() else {
        return;
    };
    let aws = root.join("smithy-aws-protocol-tests/model");
    let common = [
        aws.join("shared-types.smithy"),
        aws.join("aws-config.smithy"),
        root.join("deps"),
    ];
    let suites = [
        (
            "aws.protocoltests.json#JsonProtocol",
            vec![aws.join("awsJson1_1")],
            true,
        ),
        (
            "aws.protocoltests.json10#JsonRpc10",
            vec![aws.join("awsJson1_0")],
            true,
        ),
        (
            "aws.protocoltests.restjson.validation#RestJsonValidation",
            vec![aws.join("restJson1/validation")],
            false,
        ),
    ];
    for (service, files, wire) in suites {
        let paths: Vec<PathBuf> = files.into_iter().chain(common.iter().cloned()).collect();
        let model = Model::from_paths(&paths).unwrap_or_else(|e| panic!("{service}: {e}"));
        let converted = json(&model.to_json_ast());
        assert_eq!(converted["smithy"], "2.0");
        assert!(converted["shapes"].get(service).is_some(), "{service}");
        // The prelude stays out of the converted model.
        let shapes = converted["shapes"].as_object().cloned().unwrap_or_default();
        assert!(
            shapes.keys().all(|id| !id.starts_with("smithy.api#")),
            "{service}"
        );
        let generated = Config::new().service(service).wire(wire).generate(&model);
        assert!(generated.is_ok(), "{service}: {:?}", generated.err());
    }
    // The awsJson services pass the public check, which includes their protocol.
    let json11: Vec<PathBuf> = [aws.join("awsJson1_1")]
        .into_iter()
        .chain(common.iter().cloned())
        .collect();
    let model = Model::from_paths(&json11).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(model.check(), Ok(()));
    // Every `.smithy` file of the suites, all 170 together, loads as one model.
    let all = Model::from_paths(&[&root]);
    assert!(all.is_ok(), "{:?}", all.err());
}

#[test]
fn a_union_member_targeting_unit_in_idl_is_a_variant_without_data() {
    let (dir, file) = write_model(
        "unit",
        "first.smithy",
        "$version: \"2\"\nnamespace ex\n\nuse aws.protocols#awsJson1_0\n\n@awsJson1_0\n\
         service S { version: \"1\", operations: [Op] }\n\n\
         operation Op { input := { action: Action } }\n\n\
         union Action {\n    clear: Unit\n    set: String\n}\n\n\
         structure NotAUnion {\n    clear: Unit\n}\n",
    );
    let model = Model::from_paths(&[&file]).unwrap_or_else(|e| panic!("{e}"));
    // Unit is a tag only in a union (Smithy's UnitType); NotAUnion is outside the service.
    assert_eq!(model.check(), Ok(()));
    let code = Config::new()
        .generate(&model)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(code.contains("        Clear,\n"), "{code}");
    assert!(code.contains("Set(String),"));
    assert!(!code.contains("types::Unit"));
    let _ = std::fs::write(
        &file,
        "$version: \"2\"\nnamespace ex\n\nstructure S {\n    clear: Unit\n}\n",
    );
    let model = Model::from_paths(&[&file]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        model.check().err().map(|e| e.to_string()),
        Some(format!(
            "{}:5:5: ex#S$clear: targets smithy.api#Unit, which only a member of a union, enum or intEnum may | UnitType",
            file.display()
        ))
    );
    let _ = std::fs::remove_dir_all(&dir);
}
