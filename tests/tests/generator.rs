//! The generator on the project's model, the published model and broken models.

use conformance::{published_model, workspace_root};
use model_codegen::{Config, Model};

fn read(relative: &str) -> String {
    let path = workspace_root().join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn generate(model: &str) -> String {
    Config::new()
        .runtime_path("crate::runtime")
        .proptest_strategies(true)
        .generate_from_str(model)
        .unwrap_or_else(|e| panic!("generation failed:\n{e}"))
}

/// Every problem generation reports for `model`, one per line (empty if it generates).
fn generation_errors(model: &str) -> String {
    Config::new()
        .generate_from_str(model)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default()
}

#[test]
fn project_model_passes_check() {
    let model = model_codegen::Model::from_json_str(&read("smithy/cloudhsmv2.json"))
        .and_then(|model| model.check());
    assert!(model.is_ok(), "{:?}", model.err());
}

#[test]
fn whole_published_model_passes_check() {
    let Some(published) = published_model() else {
        return;
    };
    let model = Model::from_json_str(&published).and_then(|m| m.check().map(|()| m));
    assert_eq!(
        model.map(|m| m.shape_count()).map_err(|e| e.to_string()),
        Ok(116)
    );
}

#[test]
fn broken_model_reports_every_problem_with_its_shape_id() {
    let errors = model_codegen::Model::from_json_str(&read("tests/fixtures/models/broken.json"))
        .and_then(|model| model.check())
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert_eq!(
        errors.trim(),
        read("tests/fixtures/models/broken.expected").trim()
    );
}

#[test]
fn broken_model_fails_generation_with_the_same_problems() {
    let errors = Config::new()
        .generate_from_str(&read("tests/fixtures/models/broken.json"))
        .err()
        .map(|e| e.errors().len());
    assert_eq!(errors, Some(3));
}

#[test]
fn model_crate_builds_from_an_exact_copy_of_the_model() {
    assert_eq!(
        read("cloudhsm-model/model/cloudhsmv2.json"),
        read("smithy/cloudhsmv2.json"),
        "cloudhsm-model/model/cloudhsmv2.json must be a copy of smithy/cloudhsmv2.json (it is the copy `cargo package` ships)"
    );
}

/// Removes what the project's slice is allowed to differ in: documentation text, and the
/// service traits it leaves out.
fn comparable(mut value: serde_json::Value) -> serde_json::Value {
    fn strip_docs(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                if let Some(doc) = map.get_mut("smithy.api#documentation") {
                    *doc = serde_json::Value::String("<documentation>".into());
                }
                map.values_mut().for_each(strip_docs);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(strip_docs),
            _ => {}
        }
    }
    strip_docs(&mut value);
    if let Some(shapes) = value.get_mut("shapes").and_then(|s| s.as_object_mut()) {
        for shape in shapes.values_mut() {
            if let Some(traits) = shape.get_mut("traits").and_then(|t| t.as_object_mut()) {
                for left_out in [
                    "smithy.rules#endpointRuleSet",
                    "smithy.rules#endpointTests",
                    "smithy.test#smokeTests",
                ] {
                    traits.remove(left_out);
                }
            }
        }
    }
    value.as_object_mut().map(|m| m.remove("metadata"));
    value
}

#[test]
fn project_model_is_exactly_the_closure_slice_of_the_published_model() {
    let Some(published) = published_model() else {
        return;
    };
    let sliced = Model::from_json_str(&published)
        .and_then(|m| m.slice(&["ModifyBackupAttributes", "CopyBackupToRegion"]))
        .unwrap_or_else(|e| panic!("{e}"));
    let ours: serde_json::Value =
        serde_json::from_str(&read("smithy/cloudhsmv2.json")).unwrap_or_else(|e| panic!("{e}"));
    let sliced: serde_json::Value =
        serde_json::from_str(&sliced.to_json_ast()).unwrap_or_else(|e| panic!("{e}"));
    let sliced = comparable(sliced);
    let mut ours = comparable(ours);
    // The one addition allowed: AWS's current description of the service (botocore 1.44.8,
    // `cloudhsmv2/2017-04-28/service-2.json`: `"protocols": ["smithy-rpc-v2-cbor", "json"]`)
    // says it also speaks Smithy RPC v2 CBOR, which the published Smithy model here predates.
    let service = &mut ours["shapes"]["com.amazonaws.cloudhsmv2#BaldrApiService"]["traits"];
    let cbor = service
        .as_object_mut()
        .and_then(|traits| traits.remove("smithy.protocols#rpcv2Cbor"));
    assert_eq!(
        cbor,
        Some(serde_json::json!({})),
        "the service declares rpcv2Cbor"
    );
    let shape_ids = |v: &serde_json::Value| -> Vec<String> {
        v["shapes"]
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default()
    };
    assert_eq!(shape_ids(&ours), shape_ids(&sliced), "same shapes");
    for id in shape_ids(&sliced) {
        assert_eq!(ours["shapes"][&id], sliced["shapes"][&id], "shape {id}");
    }
    assert_eq!(ours, sliced);
}

#[test]
fn project_model_documentation_is_our_own() {
    let Some(published) = published_model() else {
        return;
    };
    let published: serde_json::Value = serde_json::from_str(&published).unwrap_or_default();
    let ours: serde_json::Value =
        serde_json::from_str(&read("smithy/cloudhsmv2.json")).unwrap_or_default();
    let docs = |v: &serde_json::Value| -> Vec<String> {
        let mut out = Vec::new();
        for shape in v["shapes"].as_object().into_iter().flat_map(|m| m.values()) {
            out.extend(
                shape["traits"]["smithy.api#documentation"]
                    .as_str()
                    .map(str::to_owned),
            );
            for member in shape["members"]
                .as_object()
                .into_iter()
                .flat_map(|m| m.values())
            {
                out.extend(
                    member["traits"]["smithy.api#documentation"]
                        .as_str()
                        .map(str::to_owned),
                );
            }
        }
        out
    };
    let theirs = docs(&published);
    for doc in docs(&ours) {
        assert!(
            !theirs.contains(&doc),
            "documentation copied from the published model: {doc}"
        );
    }
}

#[test]
fn generation_is_deterministic() {
    let model = read("smithy/cloudhsmv2.json");
    assert_eq!(generate(&model), generate(&model));
}

#[test]
fn bad_timestamp_formats_are_named() {
    let model = r#"{"smithy":"2.0","shapes":{
        "a.b#When":{"type":"timestamp","traits":{"smithy.api#timestampFormat":"iso"}},
        "a.b#S":{"type":"structure","members":{
            "Name":{"target":"smithy.api#String","traits":{"smithy.api#timestampFormat":"date-time"}},
            "Epoch":{"target":"smithy.api#Timestamp","traits":{"smithy.api#timestampFormat":"epoch-seconds"}}}}}}"#;
    let errors = generation_errors(model);
    assert_eq!(
        errors,
        "a.b#S$Name: the `timestampFormat` trait is not allowed on `a.b#S$Name`; its selector is `:test(timestamp, member > timestamp)` | TraitTarget\n\
         a.b#When: the @timestampFormat value does not fit: `smithy.api#timestampFormat` takes only these strings: `date-time`, `epoch-seconds`, `http-date` | TraitValue"
    );
}

#[test]
fn other_protocols_are_named_and_mixins_and_apply_are_flattened() {
    let model = r#"{"smithy":"2.0","shapes":{
        "a.b#S":{"type":"service","traits":{"aws.protocols#restJson1":{}},
                 "operations":[{"target":"a.b#O"}]},
        "a.b#O":{"type":"operation","input":{"target":"a.b#M"}},
        "a.b#M":{"type":"structure","mixins":[{"target":"a.b#N"}],"members":{}},
        "a.b#N":{"type":"structure","members":{"X":{"target":"a.b#Missing"}},
                 "traits":{"smithy.api#mixin":{}}},
        "a.b#M$X":{"type":"apply","traits":{"smithy.api#required":{}}}}}"#;
    let errors = model_codegen::Model::from_json_str(model)
        .and_then(|model| model.check())
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    // The mixin's member reaches `M` (and is reported there), the mixin itself is gone.
    assert_eq!(
        errors,
        "a.b#M$X: targets `a.b#Missing`, which is not in the model | Target\n\
         a.b#S: protocol `aws.protocols#restJson1` is not supported (only awsJson1_0, awsJson1_1 and rpcv2Cbor are)"
    );
}

#[test]
fn defaults_that_do_not_fit_their_target_are_named() {
    let model = r#"{"smithy":"2.0","shapes":{
        "a.b#L":{"type":"list","member":{"target":"smithy.api#String"}},
        "a.b#S":{"type":"structure","members":{
            "N":{"target":"smithy.api#Integer","traits":{"smithy.api#default":"3"}},
            "L":{"target":"a.b#L","traits":{"smithy.api#default":["x"]}},
            "Fine":{"target":"a.b#L","traits":{"smithy.api#default":[]}},
            "Unset":{"target":"smithy.api#Integer","traits":{"smithy.api#default":null}}}}}}"#;
    assert_eq!(
        generation_errors(model),
        "a.b#S$L: a list's @default can only be `[]` | DefaultTrait\n\
         a.b#S$N: the @default does not fit: `smithy.api#Integer` (integer) takes a number, not the string `3` | DefaultTrait"
    );
}

#[test]
fn deprecation_notes_reach_the_rust_items_and_generated_code_allows_them() {
    let code = generate(&read("tests/fixtures/models/mini_traits.json"));
    // The shape, a member's getter and both its setters carry the note.
    assert!(code.contains(
        "#[deprecated(note = \"use Note on the input (deprecated since 2025-01-01)\")]\n    \
         #[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]\n    \
         #[non_exhaustive]\n    pub struct OldStyle"
    ));
    assert_eq!(
        code.matches("#[deprecated(note = \"use Label\")]").count(),
        3
    );
    // Every module of generated code may use them without a warning.
    let lines: Vec<&str> = code.lines().collect();
    for module in [
        "pub mod types {",
        "pub mod operation {",
        "pub mod service {",
        "pub mod strategies {",
        "mod constraints {",
    ] {
        let at = lines
            .iter()
            .position(|l| *l == module)
            .unwrap_or_else(|| panic!("no {module}"));
        // The item's own attribute and doc lines, just above it.
        let start = lines[..at]
            .iter()
            .rposition(|l| !(l.starts_with("#[") || l.starts_with("///")))
            .map_or(0, |i| i + 1);
        let attributes = &lines[start..at];
        assert!(
            attributes.contains(&"#[allow(deprecated)]"),
            "{module}: {attributes:?}"
        );
    }
}
