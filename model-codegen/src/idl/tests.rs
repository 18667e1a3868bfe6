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
fn a_default_value_on_any_member_is_its_default_trait() {
    let doc = convert("$version: \"2\"\nnamespace a\nunion U {\n a: String = \"x\"\n}\n");
    assert_eq!(
        doc,
        Ok(json(
            r#"{"smithy":"2.0","shapes":{"a#U":{"type":"union","members":{
                "a":{"target":"smithy.api#String","traits":{"smithy.api#default":"x"}}}}}}"#
        ))
    );
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

/// Parses hand-written expected JSON.
fn json(text: &str) -> Json {
    Json::parse(text).unwrap_or_else(|e| Json::String(format!("bad expected JSON: {e}")))
}

/// A model using most of the IDL, in one file.
const SAMPLE: &str = r#"$version: "2.0"
$custom: "ignored"

metadata suppressions = [{id: "X", namespace: "*"}]
metadata "other" = {String: String, flag: true, none: null, n: -1.5e3}

namespace example.weather

use other.ns#Remote

/// A forecast service.
///
///  Indented line.
@title("Weather")
service Weather {
    version: "2006-03-01"
    operations: [GetCity]
    resources: [City]
}

resource City {
    identifiers: { cityId: CityId }
    properties: { name: String }
    read: GetCity
}

@pattern("^[A-Za-z0-9 ]+$")
string CityId

@readonly
operation GetCity {
    input := for City {
        @required
        $cityId
    }
    output := with [Named] {
        /// When.
        at: Timestamp
    }
    errors: [NoSuchCity]
}

@mixin
structure Named {
    name: String = "none"
}

@error("client")
structure NoSuchCity {
    message: Remote
    count: Integer = 0
}

enum Color {
    @deprecated
    RED = "red"
    GREEN
}

intEnum Level {
    LOW = 1
    HIGH = 2
}

list Names { member: String }

map Counts {
    key: String
    value: PrimitiveInteger
}

union Choice {
    a: Names
    b: smithy.api#Blob
}

apply CityId @documentation("""
    An id.
      Indented.
    """)

apply Named$name @deprecated

apply other.ns#Remote @sensitive
apply other.ns#Remote { @tags(["a"]) }
"#;

/// What [`SAMPLE`] must become.
const SAMPLE_JSON: &str = r##"{
  "smithy": "2.0",
  "metadata": {
    "suppressions": [{"id": "X", "namespace": "*"}],
    "other": {"String": "smithy.api#String", "flag": true, "none": null, "n": -1500.0}
  },
  "shapes": {
    "example.weather#Weather": {
      "type": "service",
      "version": "2006-03-01",
      "operations": [{"target": "example.weather#GetCity"}],
      "resources": [{"target": "example.weather#City"}],
      "traits": {
        "smithy.api#documentation": "A forecast service.\n\n Indented line.",
        "smithy.api#title": "Weather"
      }
    },
    "example.weather#City": {
      "type": "resource",
      "identifiers": {"cityId": {"target": "example.weather#CityId"}},
      "properties": {"name": {"target": "smithy.api#String"}},
      "read": {"target": "example.weather#GetCity"}
    },
    "example.weather#CityId": {
      "type": "string",
      "traits": {
        "smithy.api#pattern": "^[A-Za-z0-9 ]+$",
        "smithy.api#documentation": "An id.\n  Indented.\n"
      }
    },
    "example.weather#GetCity": {
      "type": "operation",
      "input": {"target": "example.weather#GetCityInput"},
      "output": {"target": "example.weather#GetCityOutput"},
      "errors": [{"target": "example.weather#NoSuchCity"}],
      "traits": {"smithy.api#readonly": {}}
    },
    "example.weather#GetCityInput": {
      "type": "structure",
      "members": {
        "cityId": {
          "target": "example.weather#CityId",
          "traits": {"smithy.api#required": {}}
        }
      },
      "traits": {"smithy.api#input": {}}
    },
    "example.weather#GetCityOutput": {
      "type": "structure",
      "mixins": [{"target": "example.weather#Named"}],
      "members": {
        "at": {
          "target": "smithy.api#Timestamp",
          "traits": {"smithy.api#documentation": "When."}
        }
      },
      "traits": {"smithy.api#output": {}}
    },
    "example.weather#Named": {
      "type": "structure",
      "members": {
        "name": {
          "target": "smithy.api#String",
          "traits": {"smithy.api#default": "none", "smithy.api#deprecated": {}}
        }
      },
      "traits": {"smithy.api#mixin": {}}
    },
    "example.weather#NoSuchCity": {
      "type": "structure",
      "members": {
        "message": {"target": "other.ns#Remote"},
        "count": {"target": "smithy.api#Integer", "traits": {"smithy.api#default": 0}}
      },
      "traits": {"smithy.api#error": "client"}
    },
    "example.weather#Color": {
      "type": "enum",
      "members": {
        "RED": {
          "target": "smithy.api#Unit",
          "traits": {"smithy.api#deprecated": {}, "smithy.api#enumValue": "red"}
        },
        "GREEN": {
          "target": "smithy.api#Unit",
          "traits": {"smithy.api#enumValue": "GREEN"}
        }
      }
    },
    "example.weather#Level": {
      "type": "intEnum",
      "members": {
        "LOW": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 1}},
        "HIGH": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 2}}
      }
    },
    "example.weather#Names": {
      "type": "list",
      "member": {"target": "smithy.api#String"}
    },
    "example.weather#Counts": {
      "type": "map",
      "key": {"target": "smithy.api#String"},
      "value": {"target": "smithy.api#PrimitiveInteger"}
    },
    "example.weather#Choice": {
      "type": "union",
      "members": {
        "a": {"target": "example.weather#Names"},
        "b": {"target": "smithy.api#Blob"}
      }
    },
    "other.ns#Remote": {
      "type": "apply",
      "traits": {"smithy.api#sensitive": {}, "smithy.api#tags": ["a"]}
    }
  }
}"##;

#[test]
fn sample_model_gives_exactly_the_expected_json_ast() {
    let doc = convert(SAMPLE);
    let expected = json(SAMPLE_JSON);
    match doc {
        Ok(doc) => assert_eq!(
            doc,
            expected,
            "got:\n{}\nexpected:\n{}",
            doc.to_pretty_string(),
            expected.to_pretty_string()
        ),
        Err(errors) => panic!("{errors:#?}"),
    }
}

/// The error lines for `text`, or a note that it converted.
fn errors_of(text: &str) -> Vec<String> {
    convert(text)
        .err()
        .unwrap_or_else(|| vec!["(no error)".to_owned()])
}

/// Asserts that converting `text` reports exactly `expected` (`path:line:col: message`, in
/// file order).
fn assert_errors(text: &str, expected: &[&str]) {
    assert_eq!(errors_of(text), expected, "{text}");
}

#[test]
fn unclosed_structure_names_where_and_what() {
    assert_errors(
        "namespace a\nstructure A {\n  member: String\nstring B\n",
        &["a.smithy:4:1: expected `}` to close the structure, found `string`"],
    );
}

#[test]
fn parsing_resumes_at_the_next_statement() {
    let errors = errors_of(
        "$version: \"2\"\nnamespace a\nstructure A {\n  x String\n}\n\nbogus B\n\nlist L { member: String, extra: String }\nstructure C { y: }\nstring Fine\n",
    );
    assert_eq!(
        errors,
        [
            "a.smithy:4:5: expected `:` and a target after member `x` (or `$` before it to take the target from a mixin or resource), found `String`",
            "a.smithy:7:1: unknown shape type `bogus`",
            "a.smithy:9:26: a#L: a list has no member `extra`, only a `member` member",
            "a.smithy:10:18: expected the target of member `y`, found `}`",
        ]
    );
}

#[test]
fn duplicates_are_errors() {
    assert_errors(
        "namespace a\nstring A\n@sensitive\nstring A\n",
        &["a.smithy:4:8: a#A: defined twice in this file, differently (first at 2:8)"],
    );
    // The second definition is reported and left out; the rest of the file is read on.
    assert_errors(
        "namespace a\nstructure A { x: String\n x: Integer }\nlist L { member: String, extra: String }\n",
        &[
            "a.smithy:3:2: a#A: member `x` is defined twice",
            "a.smithy:4:26: a#L: a list has no member `extra`, only a `member` member",
        ],
    );
    assert_errors(
        "namespace a\n@required @smithy.api#required\nstring A\n",
        &["a.smithy:2:12: trait `smithy.api#required` is applied twice"],
    );
    assert_errors(
        "namespace a\n/// Docs.\n@documentation(\"again\")\nstring A\n",
        &["a.smithy:3:2: trait `smithy.api#documentation` is applied twice (a `///` comment is one too)"],
    );
    assert_errors(
        "$version: \"2\"\nnamespace a\noperation O { input := {} }\nstructure OInput {}\n",
        &["a.smithy:4:11: a#OInput: defined twice in this file, differently (first at 3:15)"],
    );
}

#[test]
fn versions_other_than_1_and_2_are_errors() {
    for ok in ["1", "1.0", "2", "2.0", "2.1"] {
        assert!(
            convert(&format!("$version: \"{ok}\"\nnamespace a\n")).is_ok(),
            "{ok}"
        );
    }
    assert_errors(
        "$version: \"3.0\"\nnamespace a\n",
        &["a.smithy:1:11: unsupported `$version`: expected a string of major version 1 or 2, such as \"2.0\""],
    );
    assert_eq!(errors_of("$version: 2\nnamespace a\n").len(), 1);
    let v1 = convert("$version: \"1.0\"\nnamespace a\nset S { member: String }\n");
    assert_eq!(
        v1,
        Ok(json(
            r#"{"smithy":"1.0","shapes":{"a#S":{"type":"set","member":{"target":"smithy.api#String"}}}}"#
        ))
    );
}

#[test]
fn statement_order_and_namespace_rules() {
    assert_errors(
        "string A\n",
        &["a.smithy:1:1: a namespace must be declared before shapes and apply statements"],
    );
    assert_errors(
        "namespace a\nnamespace b\n",
        &["a.smithy:2:1: only one namespace statement may appear in a file"],
    );
    assert_errors(
        "namespace a\nstring A\nuse b#C\n",
        &["a.smithy:3:1: `use` statements must come before any shape"],
    );
    assert_errors(
        "namespace a.\n",
        &["a.smithy:1:11: `a.` is not a valid namespace"],
    );
    assert_errors(
        "namespace a\nuse b#C$d\n",
        &["a.smithy:2:5: `use` needs an absolute shape id without a member, found `b#C$d`"],
    );
}

#[test]
fn use_conflicting_with_a_local_shape_is_an_error() {
    assert_errors(
        "namespace a\nuse b#C\nstring C\n",
        &["a.smithy:2:5: `use b#C` conflicts with the shape `C` defined in this file"],
    );
    assert_errors(
        "namespace a\nuse b#C\nuse d#C\n",
        &["a.smithy:3:5: `use d#C` conflicts with `use b#C`"],
    );
}

#[test]
fn member_and_body_problems() {
    assert_errors(
        "namespace a\nstructure A {\n  @required\n}\n",
        &["a.smithy:4:1: expected a member after its traits, found `}`"],
    );
    assert_errors(
        "$version: \"2\"\nnamespace a\nstructure A with [M] { $x }\n@mixin\nstructure M {}\n",
        &["a.smithy:3:25: a#A$x: elided member `$x` has no target: no resource (`for`) or mixin of `A` has a member of that name"],
    );
    assert_errors(
        "$version: \"2\"\nnamespace a\nintEnum I { A = \"a\"\n}\nenum E {\n  B = 1\n}\n",
        &[
            "a.smithy:3:13: a#I$A: an intEnum member's value must be an integer",
            "a.smithy:6:3: a#E$B: an enum member's value must be a quoted string",
        ],
    );
    assert_errors(
        "namespace a\nmap M { key: String }\n",
        &["a.smithy:2:5: a#M: a map needs a `value` member"],
    );
    // A mixin refused for lacking members cannot be used; each use says so, where it is.
    assert_errors(
        "$version: \"2\"\nnamespace a\n@mixin\nmap M { key: String }\nmap N with [M] { value: String }\n@mixin\nenum E {}\nenum F with [E] { A }\n",
        &[
            "a.smithy:4:5: a#M: a map needs a `value` member",
            "a.smithy:5:13: a#N: cannot use the mixin `a#M`, which is refused: it needs a `value` member",
            "a.smithy:7:6: a#E: an enum needs at least one member",
            "a.smithy:8:14: a#F: cannot use the mixin `a#E`, which is refused: it needs at least one member",
        ],
    );
    // An elided member takes the resource's target first; a mixin that gives it another
    // target conflicts.
    assert_errors(
        "$version: \"2\"\nnamespace a\nresource R { identifiers: { member: String } }\n@mixin\nlist M { member: Integer }\nlist L for R with [M] { $member }\nlist Same for R with [S] { $member }\n@mixin\nlist S { member: String }\n",
        &["a.smithy:6:26: a#L$member: elided member `$member` takes `smithy.api#String` from the resource, but the mixin `a#M` gives it `smithy.api#Integer`"],
    );
    assert_errors(
        "namespace a\nservice S { version: 1, colour: \"red\" }\n",
        &[
            "a.smithy:2:9: `version` must be a string",
            "a.smithy:2:25: unknown service property `colour`; expected one of version, operations, resources, errors, rename",
        ],
    );
    assert_errors(
        "namespace a\noperation O { inputs: X }\n",
        &["a.smithy:2:15: unknown operation property `inputs`; expected `input`, `output` or `errors`"],
    );
    assert_errors(
        "namespace a\n@tags([1, 2)\nstring S\n",
        &["a.smithy:2:12: expected a value, found `)`"],
    );
    assert_errors(
        "namespace a\n@error(client-side)\nstructure E {}\n",
        &[
            "a.smithy:2:14: `-` is not a valid number",
            "a.smithy:2:15: expected `)` to close the value of trait `error`, found `side`",
        ],
    );
}

#[test]
fn relative_ids_resolve_by_use_then_namespace_then_prelude() {
    let files = [
        (
            "a.smithy".to_owned(),
            "namespace a\nuse x#Imported\nstructure S {\n  u: Imported\n  local: String\n  other: Elsewhere\n  prelude: Integer\n  unknown: Nope\n  member: S$u\n}\n@tags([Imported, String, Integer, true, \"quoted\"])\nstring T\n".to_owned(),
        ),
        ("b.smithy".to_owned(), "namespace a\nstring String\n".to_owned()),
    ];
    let json_doc = json(
        r#"{"smithy":"2.0","shapes":{"a#Elsewhere":{"type":"string"},"a#Integer":{"type":"apply","traits":{}}}}"#,
    );
    let docs = to_json_ast(&files, &[json_doc]).unwrap_or_default();
    let shapes = docs.first().and_then(|d| d.get("shapes"));
    let target = |m: &str| {
        shapes
            .and_then(|s| s.get("a#S"))
            .and_then(|s| s.get("members"))
            .and_then(|s| s.get(m))
            .and_then(|s| s.get("target"))
            .and_then(Json::as_str)
            .map(str::to_owned)
    };
    assert_eq!(target("u").as_deref(), Some("x#Imported"));
    assert_eq!(target("local").as_deref(), Some("a#String"));
    assert_eq!(target("other").as_deref(), Some("a#Elsewhere"));
    // An `apply` entry does not define a shape.
    assert_eq!(target("prelude").as_deref(), Some("smithy.api#Integer"));
    assert_eq!(target("unknown").as_deref(), Some("a#Nope"));
    assert_eq!(target("member").as_deref(), Some("a#S$u"));
    let tags = shapes
        .and_then(|s| s.get("a#T"))
        .and_then(|s| s.get("traits"))
        .and_then(|t| t.get("smithy.api#tags"));
    assert_eq!(
        tags,
        Some(&json(
            r#"["x#Imported", "a#String", "smithy.api#Integer", true, "quoted"]"#
        ))
    );
}

#[test]
fn elided_members_find_targets_in_other_files_and_json_docs() {
    let files = [
        (
            "a.smithy".to_owned(),
            "$version: \"2\"\nnamespace a\nstructure S for R with [M, b#J] {\n  $id\n  $fromMixin\n  $deep\n  $fromJson\n}\n".to_owned(),
        ),
        (
            "b.smithy".to_owned(),
            "$version: \"2\"\nnamespace a\nresource R { identifiers: { id: String } }\n@mixin\nstructure M with [N] { fromMixin: Integer }\n@mixin\nstructure N { deep: Long }\n".to_owned(),
        ),
    ];
    let json_doc = json(
        r#"{"smithy":"2.0","shapes":{"b#J":{"type":"structure","mixins":[{"target":"b#K"}],"members":{}},"b#K":{"type":"structure","members":{"fromJson":{"target":"smithy.api#Blob"}}}}}"#,
    );
    let docs = to_json_ast(&files, &[json_doc]);
    let members = docs
        .as_ref()
        .ok()
        .and_then(|d| d.first())
        .and_then(|d| d.get("shapes"))
        .and_then(|s| s.get("a#S"))
        .and_then(|s| s.get("members"))
        .cloned();
    assert_eq!(
        members,
        Some(json(
            r#"{"id":{"target":"smithy.api#String"},"fromMixin":{"target":"smithy.api#Integer"},
                "deep":{"target":"smithy.api#Long"},"fromJson":{"target":"smithy.api#Blob"}}"#
        ))
    );
}

#[test]
fn custom_operation_suffixes_and_inline_traits() {
    let doc = convert(
        "$version: \"2\"\n$operationInputSuffix: \"Request\"\n$operationOutputSuffix: \"Response\"\nnamespace a\noperation Get {\n  input := @sensitive with [M] {}\n  output := {}\n}\n@mixin\nstructure M {}\n",
    );
    let shapes = doc.as_ref().ok().and_then(|d| d.get("shapes"));
    assert_eq!(
        shapes.and_then(|s| s.get("a#GetRequest")),
        Some(&json(
            r#"{"type":"structure","mixins":[{"target":"a#M"}],"members":{},
                "traits":{"smithy.api#sensitive":{},"smithy.api#input":{}}}"#
        ))
    );
    assert_eq!(
        shapes.and_then(|s| s.get("a#GetResponse")),
        Some(&json(
            r#"{"type":"structure","members":{},"traits":{"smithy.api#output":{}}}"#
        ))
    );
}

#[test]
fn trait_value_forms() {
    let doc = convert(
        "namespace a\n@a @b() @c(1) @d(x: 1, \"y\": [true, null]) @e({k: -2}) @f(\"\"\"\n  t\n  \"\"\")\nstring S\n",
    );
    let traits = doc
        .as_ref()
        .ok()
        .and_then(|d| d.get("shapes"))
        .and_then(|s| s.get("a#S"))
        .and_then(|s| s.get("traits"))
        .cloned();
    assert_eq!(
        traits,
        Some(json(
            r#"{"a#a":{},"a#b":{},"a#c":1,"a#d":{"x":1,"y":[true,null]},"a#e":{"k":-2},"a#f":"t\n"}"#
        ))
    );
}

#[test]
fn applies_merge_per_target() {
    let doc = convert(
        "$version: \"2\"\nnamespace a\nstructure S with [M] { x: String }\napply S$x @required\napply S$inherited @required\napply S @tags([\"a\"])\napply S { @tags([\"b\"]) @since(\"1\") }\napply S @since(\"1\")\napply S @since(\"2\")\n",
    );
    assert_eq!(
        doc.as_ref().err(),
        Some(&vec![
            "a.smithy:9:10: trait `smithy.api#since` is applied twice with different values"
                .to_owned()
        ])
    );
    let doc = convert(
        "$version: \"2\"\nnamespace a\nstructure S with [M] { x: String }\napply S$x @required\napply S$inherited @required\napply S @tags([\"a\"])\napply S { @tags([\"b\"]) @since(\"1\") }\napply S @since(\"1\")\n",
    );
    assert_eq!(
        doc,
        Ok(json(
            r#"{"smithy":"2.0","shapes":{
                "a#S":{"type":"structure","mixins":[{"target":"a#M"}],
                       "members":{"x":{"target":"smithy.api#String","traits":{"smithy.api#required":{}}}},
                       "traits":{"smithy.api#tags":["a","b"],"smithy.api#since":"1"}},
                "a#S$inherited":{"type":"apply","traits":{"smithy.api#required":{}}}}}"#
        ))
    );
}

#[test]
fn doc_comments_attach_to_the_next_shape_or_member_only() {
    let doc = convert(
        "namespace a\n/// First group,\n\n/// Shape.\n///\n@since(\"1\")\n/// Ignored: after a trait.\nstructure S {\n    /// Member\n    ///   indented.\n    x: String // not docs\n    /// Trailing, ignored.\n}\n",
    );
    assert_eq!(
        doc,
        Ok(json(
            r#"{"smithy":"1.0","shapes":{"a#S":{"type":"structure",
                "members":{"x":{"target":"smithy.api#String","traits":{"smithy.api#documentation":"Member\n  indented."}}},
                "traits":{"smithy.api#documentation":"First group,\nShape.\n","smithy.api#since":"1"}}}}"#
        ))
    );
}

#[test]
fn no_input_panics_truncated_at_every_character() {
    let mut cut = 0;
    for (i, _) in SAMPLE.char_indices() {
        let prefix = SAMPLE.get(..i).unwrap_or_default();
        let _ = convert(prefix);
        // And the rest, starting mid-statement.
        let _ = convert(SAMPLE.get(i..).unwrap_or_default());
        cut += 1;
    }
    assert!(cut > 1000);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    #[test]
    fn no_input_panics_with_random_edits(
        at in 0usize..2000,
        len in 0usize..40,
        insert in "[ -~\n\"{}()\\[\\]@$:=#.\\\\]{0,12}",
    ) {
        let mut text: String = SAMPLE.to_owned();
        let start = text.char_indices().map(|(i, _)| i).find(|i| *i >= at % text.len()).unwrap_or(0);
        let end = text.char_indices().map(|(i, _)| i).find(|i| *i >= start + len).unwrap_or(text.len());
        text.replace_range(start..end, &insert);
        let _ = convert(&text);
    }

    #[test]
    fn no_input_panics_on_arbitrary_text(text in "\\PC{0,200}") {
        let _ = convert(&text);
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let text = format!(
        "metadata x = {}{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let errors = errors_of(&text);
    assert_eq!(
        errors,
        ["a.smithy:1:79: node values nest more than 64 deep"]
    );
}

#[test]
fn json_protocol_suite_converts_with_its_dependencies() {
    let Some(dir) = corpus_dir() else {
        return;
    };
    let models = dir.join("smithy-aws-protocol-tests/model");
    let mut files = smithy_files(&models.join("awsJson1_1"));
    files.extend(smithy_files(&dir.join("deps")));
    for name in ["shared-types.smithy", "aws-config.smithy"] {
        let path = models.join(name);
        if let Ok(text) = std::fs::read_to_string(&path) {
            files.push((path.display().to_string(), text));
        }
    }
    let docs = match to_json_ast(&files, &[]) {
        Ok(docs) => docs,
        Err(errors) => panic!("{errors}"),
    };
    let shapes: Vec<(&String, &Json)> = docs
        .iter()
        .filter_map(|d| d.get("shapes").and_then(Json::as_object))
        .flatten()
        .map(|(k, v)| (k, v))
        .collect();
    let find = |id: &str| shapes.iter().find(|(k, _)| *k == id).map(|(_, v)| *v);
    let service = find("aws.protocoltests.json#JsonProtocol");
    let operations = service
        .and_then(|s| s.get("operations"))
        .and_then(Json::as_array)
        .unwrap_or_default();
    assert!(operations.len() > 10);
    for op in operations {
        let id = op.get("target").and_then(Json::as_str).unwrap_or_default();
        assert!(id.starts_with("aws.protocoltests.json#"), "{id}");
        assert!(find(id).is_some(), "{id}");
    }
    let tests = find("aws.protocoltests.json#KitchenSinkOperation")
        .and_then(|s| s.get("traits"))
        .and_then(|t| t.get("smithy.test#httpRequestTests"))
        .and_then(Json::as_array)
        .unwrap_or_default();
    assert!(!tests.is_empty());
    assert!(tests
        .iter()
        .all(|t| matches!(t.get("params"), Some(Json::Object(_)))));
    // Text-block documentation arrives dedented: no line starts with the block's indent.
    let docs_with_blocks: Vec<&str> = shapes
        .iter()
        .filter_map(|(_, s)| s.get("traits")?.get("smithy.api#documentation")?.as_str())
        .filter(|d| d.contains('\n'))
        .collect();
    assert!(!docs_with_blocks.is_empty());
    for doc in docs_with_blocks {
        assert!(!doc.starts_with(' '), "{doc:?}");
    }
    // Every absolute target in the suite's operations exists somewhere.
    assert!(find("aws.protocoltests.shared#FooEnum").is_some());
}

#[test]
fn members_at_the_margin_are_still_members() {
    let doc = convert(
        "$version: \"2\"\nnamespace a\nenum E {\nA\nB\n}\nstructure S {\nstring: String\n$x\n}\n",
    );
    assert_eq!(
        doc.as_ref().err(),
        Some(&vec!["a.smithy:9:2: a#S$x: elided member `$x` has no target: no resource (`for`) or mixin of `S` has a member of that name".to_owned()])
    );
}

#[test]
fn no_real_file_panics_when_truncated() {
    let Some(dir) = corpus_dir() else {
        return;
    };
    let models = dir.join("smithy-aws-protocol-tests/model");
    for path in [
        models.join("awsJson1_1/main.smithy"),
        models.join("shared-types.smithy"),
        models.join("restJson1/validation/malformed-pattern.smithy"),
    ] {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        // Every character of the first 3000, then about 300 evenly spaced cuts.
        let stride = (cuts.len() / 300).max(1);
        for (n, cut) in cuts.iter().enumerate() {
            if n < 3000 || n % stride == 0 {
                let _ = convert(text.get(..*cut).unwrap_or_default());
            }
        }
    }
}

#[test]
fn every_document_without_applies_loads() {
    let Some(dir) = corpus_dir() else {
        return;
    };
    let files = smithy_files(&dir);
    let docs = to_json_ast(&files, &[]).unwrap_or_default();
    assert_eq!(docs.len(), files.len());
    for ((path, _), doc) in files.iter().zip(docs) {
        // The loader wants `apply` folded in first (the merging step's job).
        let Json::Object(mut entries) = doc else {
            panic!("{path}: not an object");
        };
        for (key, value) in &mut entries {
            if let (true, Json::Object(shapes)) = (key == "shapes", value) {
                shapes.retain(|(_, s)| s.get("type").and_then(Json::as_str) != Some("apply"));
            }
        }
        if let Err(errors) = crate::load::load_json(&Json::Object(entries)) {
            panic!("{path}: {errors}");
        }
    }
}

#[test]
fn spec_documentation_comment_example() {
    let doc = convert(
        "$version: \"2\"\nnamespace smithy.example\n\n/// This is documentation about a shape.\n///\n/// - This is a list\n/// - More of the list.\nstring MyString\n\n/// This is documentation about a trait shape.\n///   More docs here.\n@trait\nstructure myTrait {}\n",
    );
    assert_eq!(
        doc,
        Ok(json(
            r#"{"smithy":"2.0","shapes":{
                "smithy.example#MyString":{"type":"string","traits":{
                    "smithy.api#documentation":"This is documentation about a shape.\n\n- This is a list\n- More of the list."}},
                "smithy.example#myTrait":{"type":"structure","members":{},"traits":{
                    "smithy.api#documentation":"This is documentation about a trait shape.\n  More docs here.",
                    "smithy.api#trait":{}}}}}"#
        ))
    );
}

#[test]
fn the_grammars_line_breaks_versions_and_escapes_are_enforced() {
    // Statements end with a line break; what the grammar joins with `SP` stays on one line.
    assert_errors(
        "$version: \"2\" $foo: 1\nnamespace a\n",
        &["a.smithy:1:15: expected a line break after a control statement, found `$`"],
    );
    assert_errors(
        "$version:\n\"2\"\nnamespace a\n",
        &["a.smithy:1:10: expected the value of `$version` on the same line, found a line break before a string"],
    );
    assert_errors(
        "$version: \"2\"\nmetadata a = 1 metadata b = 2\nnamespace a\n",
        &["a.smithy:2:16: expected a line break after a metadata statement, found `metadata`"],
    );
    assert_errors(
        "$version: \"2\"\nnamespace a string S\n",
        &["a.smithy:2:13: expected a line break after the namespace statement, found `string`"],
    );
    assert_errors(
        "$version: \"2\"\nnamespace a\nuse\n  b#C\n",
        &["a.smithy:3:4: expected the shape id after `use` on the same line, found a line break before `b#C`"],
    );
    assert_errors(
        "$version: \"2\"\nnamespace a\n@mixin\nstructure M {}\nstructure S\n  with [M] {}\n",
        &["a.smithy:6:3: `with` must be on the line of the shape name it follows"],
    );
    assert_errors(
        "$version: \"2\"\nnamespace a\nstructure S {\n  a: String\n    = \"x\"\n}\n",
        &["a.smithy:4:12: expected `=` after member `a` on the same line, found a line break before `=`"],
    );
    assert_errors(
        "$version: \"2\"\n$version: \"2\"\nnamespace a\n",
        &["a.smithy:2:11: `$version` is already set, at 1:2"],
    );
    assert_errors(
        "$version: \"2\"\nnamespace a\n@documentation(\"it\\'s\")\nstring S\n",
        &["a.smithy:3:16: in this string: `\\'` is not an escape the IDL knows (write `\\\\` for a backslash)"],
    );
    assert_errors(
        "$version: \"2\"\nnamespace a\nenum E {}\nintEnum I {\n  A = 2147483648\n}\n",
        &[
            "a.smithy:3:6: a#E: an enum needs at least one member",
            "a.smithy:5:3: intEnum member `A` must have a value that fits an integer (32 bits)",
        ],
    );
    // A file without `$version` is Smithy IDL 1.0, which has none of 2.0's additions.
    assert_errors(
        "namespace a\nenum E { A }\n@mixin\nstructure M {}\nstructure S with [M] {\n  a: String = \"x\"\n}\noperation O { input := {} }\n",
        &[
            "a.smithy:2:1: enum shapes: only in IDL version 2 or later, and this file is version 1.0",
            "a.smithy:3:2: the @mixin trait: only in IDL version 2 or later, and this file is version 1.0",
            "a.smithy:5:13: mixins: only in IDL version 2 or later, and this file is version 1.0",
            "a.smithy:6:13: default values (`= value`): only in IDL version 2 or later, and this file is version 1.0",
            "a.smithy:8:21: inline operation inputs and outputs (`:=`): only in IDL version 2 or later, and this file is version 1.0",
        ],
    );
    assert_errors(
        "$version: \"2\"\nnamespace a\nset S {\n  member: String\n}\n",
        &["a.smithy:3:1: a file of IDL version 2 or later has no set shapes: use a list with @uniqueItems"],
    );
}

#[test]
fn a_text_block_is_a_value_but_never_an_object_key() {
    assert_errors(
        "metadata foo = {\n  \"\"\"\n  Key\"\"\": \"hello\"\n}\n",
        &["a.smithy:2:3: expected an object key or `}`, found a text block"],
    );
    assert_errors(
        "namespace a\n@externalDocumentation(\n    \"\"\"\n    Foo\"\"\": \"bar\")\nstring S\n",
        &["a.smithy:4:11: expected `)` to close the value of trait `externalDocumentation`, found `:`"],
    );
    assert!(convert("metadata foo = \"\"\"\n  Value\"\"\"\n").is_ok());
}

#[test]
fn what_the_grammar_separates_with_a_space_may_not_touch() {
    assert_errors(
        "$version: \"2.0\"\nmetadata\"foo\"=\"bar\"\n",
        &["a.smithy:2:9: expected a space before the metadata key, found a string"],
    );
    assert_errors(
        "$version: \"2.0\"\nnamespace a\nstring Foo\napply Foo{ @sensitive }\n",
        &["a.smithy:4:10: expected a space before the traits after the apply target, found `{`"],
    );
    assert_errors(
        "$version: \"2.0\"\nnamespace a\nstring Foo\napply Foo @deprecated apply Foo @sensitive\n",
        &["a.smithy:4:23: expected a line break after an apply statement, found `apply`"],
    );
}

#[test]
fn a_shape_id_in_metadata_of_a_file_without_namespace_must_resolve() {
    assert_errors(
        "$version: \"2.0\"\nmetadata foo = [truefalse]\n",
        &["a.smithy:2:17: `truefalse` names no shape: the file declares no namespace and the prelude has no such shape"],
    );
    assert!(convert("$version: \"2.0\"\nmetadata foo = [String, true, false]\n").is_ok());
}

#[test]
fn traits_before_the_namespace_are_reported_where_they_start() {
    let errors = errors_of("@deprecated\nmetadata foo = \"bar\"\n");
    assert_eq!(
        errors.first().map(String::as_str),
        Some("a.smithy:1:1: a namespace must be declared before shapes and apply statements")
    );
}

#[test]
fn a_shape_defined_twice_identically_is_one_shape() {
    let doc = convert(
        "$version: \"2\"\nnamespace a\n@length(min: 1)\nstring A\n\n@length(min: 1)\nstring A\n",
    );
    assert_eq!(
        doc,
        Ok(json(
            r#"{"smithy":"2.0","shapes":{"a#A":{"type":"string","traits":{"smithy.api#length":{"min":1}}}}}"#
        ))
    );
}

#[test]
fn unions_lists_and_maps_bind_to_resources_with_for() {
    let doc = convert(
        "$version: \"2\"\nnamespace a\nresource R {\n  identifiers: { id: String }\n}\nunion U for R {\n  $id\n}\nlist L for R {\n  member: String\n}\nmap M for R {\n  key: String\n  value: String\n}\n",
    );
    let doc = doc.unwrap_or_else(|e| panic!("{e:?}"));
    let shapes = doc.get("shapes");
    let member = |id: &str, path: &[&str]| {
        let mut at = shapes.and_then(|s| s.get(id));
        for key in path {
            at = at.and_then(|v| v.get(key));
        }
        at.and_then(Json::as_str).map(str::to_owned)
    };
    assert_eq!(
        member("a#U", &["members", "id", "target"]).as_deref(),
        Some("smithy.api#String")
    );
    assert_eq!(
        member("a#L", &["member", "target"]).as_deref(),
        Some("smithy.api#String")
    );
    // A resource without an identifier or property of the name gives no target.
    assert_errors(
        "$version: \"2\"\nnamespace a\nresource R {}\nlist L for R {\n  $member\n}\n",
        &["a.smithy:5:4: a#L$member: elided member `$member` has no target: no resource (`for`) or mixin of `L` has a member of that name"],
    );
}

#[test]
fn an_enum_member_redeclared_from_a_mixin_keeps_the_mixins_value() {
    let doc = convert(
        "$version: \"2\"\nnamespace a\n@mixin\nintEnum Base {\n  FOO = 1\n  BAR = 2\n}\nintEnum Mixed with [Base] {\n  /// Docs\n  BAR\n  BAZ = 3\n}\n",
    );
    let doc = doc.unwrap_or_else(|e| panic!("{e:?}"));
    let bar = doc
        .get("shapes")
        .and_then(|s| s.get("a#Mixed"))
        .and_then(|s| s.get("members"))
        .and_then(|m| m.get("BAR"));
    assert_eq!(
        bar,
        Some(&json(
            r#"{"target":"smithy.api#Unit","traits":{"smithy.api#documentation":"Docs"}}"#
        ))
    );
    // An intEnum member without a value converts without one: `check` reports it
    // (`EnumShape`), placed by the member's id.
    let doc = convert("$version: \"2\"\nnamespace a\nintEnum I {\n  A\n}\n");
    assert_eq!(
        doc,
        Ok(json(
            r#"{"smithy":"2.0","shapes":{"a#I":{"type":"intEnum","members":{
                "A":{"target":"smithy.api#Unit"}}}}}"#
        ))
    );
}

#[test]
fn a_list_trait_given_without_a_value_is_an_empty_list() {
    let doc = convert(
        "$version: \"2\"\nnamespace a\n@tags()\n@sensitive\nstring S\n@trait\nlist names { member: String }\n@names\nstring T\n",
    );
    let doc = doc.unwrap_or_else(|e| panic!("{e:?}"));
    let traits = |id: &str| {
        doc.get("shapes")
            .and_then(|s| s.get(id))
            .and_then(|s| s.get("traits"))
            .cloned()
    };
    assert_eq!(
        traits("a#S"),
        Some(json(r#"{"smithy.api#tags":[],"smithy.api#sensitive":{}}"#))
    );
    assert_eq!(traits("a#T"), Some(json(r#"{"a#names":[]}"#)));
}

#[test]
fn numbers_beyond_f64_are_kept_as_written() {
    let doc =
        convert("$version: \"2\"\nnamespace a\n@trait\nbigDecimal big\n@big(2E+308)\nstring S\n");
    let text = doc
        .map(|d| d.to_pretty_string())
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(text.contains("\"a#big\": 2e+308"), "{text}");
}

#[test]
fn an_unquoted_key_must_be_an_identifier() {
    assert_errors(
        "$version: \"2.0\"\nmetadata foo.bar = 1\n",
        &["a.smithy:2:10: `foo.bar` cannot be a key: an unquoted key is an identifier (quote any other)"],
    );
    assert!(convert("$version: \"2.0\"\nmetadata \"foo.bar\" = 1\n").is_ok());
}
