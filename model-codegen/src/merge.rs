//! Merge: several JSON AST documents into one, as Smithy assembles a model from its files.
//!
//! A shape defined in two files must be defined identically; metadata keys merge (arrays
//! concatenate, equal values are kept, anything else conflicts); `apply` entries are folded
//! into their targets' traits by the same rule as Smithy's trait conflict resolution (equal
//! values are one value, two arrays concatenate). Prelude (`smithy.api`) definitions that model
//! files carry, such as a copy of the prelude itself, are left out: the prelude is built in.
//! Mixins stay references here; `load` flattens them.

use crate::diagnostics::{ModelError, ModelErrors};
use crate::json::Json;

/// One document, with the name its problems are reported under.
pub type Document = (String, Json);

/// Merges `docs`, in order, into one JSON AST document, or reports every conflict.
pub fn merge(docs: Vec<Document>) -> Result<Json, ModelErrors> {
    let mut errors = ModelErrors::default();
    let mut metadata: Vec<(String, Json)> = Vec::new();
    // (id, body, file that defined it)
    let mut shapes: Vec<(String, Json, String)> = Vec::new();
    let mut applies: Vec<(String, Json, String)> = Vec::new();
    let mut version = None;
    let single = docs.len() == 1;
    for (file, doc) in docs {
        let mut versioned = false;
        let Json::Object(entries) = doc else {
            errors.report(&file, "a model document must be a JSON object");
            continue;
        };
        for (key, value) in entries {
            match key.as_str() {
                "smithy" => match value.as_str() {
                    Some(v) if v.starts_with('1') || v.starts_with('2') => {
                        versioned = true;
                        version.get_or_insert_with(|| v.to_owned());
                    }
                    Some(v) => errors.report(&file, format!("unsupported Smithy version `{v}`")),
                    None => errors.report(&file, "`smithy` must be a version string"),
                },
                "metadata" => match value {
                    Json::Object(items) => {
                        for (k, v) in items {
                            merge_metadata(&mut metadata, k, v, &file, &mut errors);
                        }
                    }
                    _ => errors.report(&file, "`metadata` must be an object"),
                },
                "shapes" => match value {
                    Json::Object(items) => {
                        for (id, body) in items {
                            add_shape(&mut shapes, &mut applies, id, body, &file, &mut errors);
                        }
                    }
                    _ => errors.report(&file, "`shapes` must be an object"),
                },
                _ => {}
            }
        }
        if !versioned {
            errors.report(&file, "missing the `smithy` version string");
        }
    }
    let mut leftover = Vec::new();
    for (target, traits, file) in applies {
        fold_apply(
            &mut shapes,
            &mut leftover,
            target,
            traits,
            &file,
            &mut errors,
        );
    }
    // One file keeps its version; files merged together are one 2.0 model, as Smithy
    // writes an assembled model.
    let version = match version {
        Some(v) if single => v,
        _ => "2.0".to_owned(),
    };
    let mut out = vec![("smithy".to_owned(), Json::String(version))];
    if !metadata.is_empty() {
        out.push(("metadata".to_owned(), Json::Object(metadata)));
    }
    let mut shape_entries: Vec<(String, Json)> =
        shapes.into_iter().map(|(id, body, _)| (id, body)).collect();
    shape_entries.extend(leftover);
    out.push(("shapes".to_owned(), Json::Object(shape_entries)));
    errors.into_result(Json::Object(out))
}

fn merge_metadata(
    metadata: &mut Vec<(String, Json)>,
    key: String,
    value: Json,
    file: &str,
    errors: &mut ModelErrors,
) {
    let Some((_, existing)) = metadata.iter_mut().find(|(k, _)| *k == key) else {
        metadata.push((key, value));
        return;
    };
    match (existing, value) {
        (Json::Array(have), Json::Array(more)) => have.extend(more),
        (have, value) if *have == value => {}
        _ => errors.report(
            file,
            format!("metadata `{key}` conflicts with a different value in another file"),
        ),
    }
}

fn add_shape(
    shapes: &mut Vec<(String, Json, String)>,
    applies: &mut Vec<(String, Json, String)>,
    id: String,
    body: Json,
    file: &str,
    errors: &mut ModelErrors,
) {
    if body.get("type").and_then(Json::as_str) == Some("apply") {
        match body.get("traits") {
            Some(traits @ Json::Object(_)) => {
                applies.push((id, traits.clone(), file.to_owned()));
            }
            _ => errors.report(&id, "an `apply` entry needs a `traits` object"),
        }
        return;
    }
    if id.starts_with("smithy.api#") {
        return;
    }
    match shapes.iter().find(|(have, _, _)| *have == id) {
        Some((_, existing, first)) if *existing != body => errors.report(
            &id,
            format!("defined twice with different definitions, in `{first}` and in `{file}`"),
        ),
        Some(_) => {}
        None => shapes.push((id, body, file.to_owned())),
    }
}

/// Folds one `apply` into its target's traits; an apply to a member that only a mixin
/// declares is kept for `load`, which folds it after flattening.
fn fold_apply(
    shapes: &mut [(String, Json, String)],
    leftover: &mut Vec<(String, Json)>,
    target: String,
    traits: Json,
    file: &str,
    errors: &mut ModelErrors,
) {
    let (shape_id, member) = match target.split_once('$') {
        Some((shape, member)) => (shape, Some(member)),
        None => (target.as_str(), None),
    };
    let Some((_, body, _)) = shapes.iter_mut().find(|(id, _, _)| id == shape_id) else {
        errors.report(
            &target,
            format!("`apply` in `{file}` targets a shape that is not defined"),
        );
        return;
    };
    let has_mixins = body.get("mixins").is_some();
    let owner = match member {
        None => Some(body),
        Some(name) => member_mut(body, name),
    };
    let Some(owner) = owner else {
        if has_mixins {
            leftover.push((target, apply_entry(traits)));
        } else {
            errors.report(
                &target,
                format!("`apply` in `{file}` targets a member that is not defined"),
            );
        }
        return;
    };
    let Json::Object(new) = traits else {
        return;
    };
    for (trait_id, value) in new {
        if let Err(message) = add_trait(owner, trait_id, value) {
            errors.push(ModelError::new(
                &target,
                format!("{message} (`apply` in `{file}`)"),
            ));
        }
    }
}

/// The JSON AST form of an `apply` of `traits`.
pub fn apply_entry(traits: Json) -> Json {
    Json::Object(vec![
        ("type".to_owned(), Json::String("apply".to_owned())),
        ("traits".to_owned(), traits),
    ])
}

/// The member `name` of a shape body: a structure's, union's or enum's `members` entry, or a
/// list's `member`, a map's `key` or `value`.
fn member_mut<'a>(body: &'a mut Json, name: &str) -> Option<&'a mut Json> {
    let Json::Object(entries) = body else {
        return None;
    };
    let mut fixed = None;
    let mut listed = None;
    for (key, value) in entries.iter_mut() {
        if key == name && matches!(name, "member" | "key" | "value") {
            fixed = Some(value);
        } else if key == "members" {
            listed = Some(value);
        }
    }
    if let Some(member) = fixed {
        return Some(member);
    }
    match listed? {
        Json::Object(members) => members
            .iter_mut()
            .find(|(k, _)| k == name)
            .map(|(_, member)| member),
        _ => None,
    }
}

/// Adds `trait_id = value` to the `traits` of a shape or member body, by Smithy's conflict
/// rule: an equal value is the same trait, two arrays concatenate, anything else conflicts.
pub fn add_trait(owner: &mut Json, trait_id: String, value: Json) -> Result<(), String> {
    let Json::Object(entries) = owner else {
        return Err("the target is not a JSON object".to_owned());
    };
    let traits = match entries.iter().position(|(k, _)| k == "traits") {
        Some(i) => &mut entries[i].1,
        None => {
            entries.push(("traits".to_owned(), Json::Object(Vec::new())));
            let last = entries.len() - 1;
            &mut entries[last].1
        }
    };
    let Json::Object(traits) = traits else {
        return Err("`traits` must be an object".to_owned());
    };
    match traits.iter_mut().find(|(k, _)| *k == trait_id) {
        None => {
            traits.push((trait_id, value));
            Ok(())
        }
        Some((_, existing)) => match (existing, value) {
            (Json::Array(have), Json::Array(more)) => {
                have.extend(more);
                Ok(())
            }
            (have, value) if *have == value => Ok(()),
            _ => Err(format!(
                "trait `{trait_id}` is applied twice with different values"
            )),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Json {
        Json::parse(text).unwrap_or(Json::Null)
    }

    fn merged(docs: &[&str]) -> Result<Json, ModelErrors> {
        merge(
            docs.iter()
                .enumerate()
                .map(|(i, d)| (format!("f{i}.json"), doc(d)))
                .collect(),
        )
    }

    #[test]
    fn shapes_from_several_files_are_one_model() {
        let out = merged(&[
            r#"{"smithy":"2.0","shapes":{"a#A":{"type":"string"}}}"#,
            r#"{"smithy":"2.0","shapes":{"a#B":{"type":"integer"},"a#A":{"type":"string"}}}"#,
        ]);
        let expected =
            doc(r#"{"smithy":"2.0","shapes":{"a#A":{"type":"string"},"a#B":{"type":"integer"}}}"#);
        assert_eq!(out.ok(), Some(expected));
    }

    #[test]
    fn a_shape_defined_twice_differently_is_an_error_naming_both_files() {
        let out = merged(&[
            r#"{"smithy":"2.0","shapes":{"a#A":{"type":"string"}}}"#,
            r#"{"smithy":"2.0","shapes":{"a#A":{"type":"long"}}}"#,
        ]);
        let text = out.err().map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(
            text,
            "a#A: defined twice with different definitions, in `f0.json` and in `f1.json`"
        );
    }

    #[test]
    fn applies_fold_into_shapes_and_members_and_lists_concatenate() {
        let out = merged(&[
            r#"{"smithy":"2.0","shapes":{
                "a#S":{"type":"structure","members":{"m":{"target":"smithy.api#String"}},
                       "traits":{"smithy.api#tags":["x"]}}}}"#,
            r#"{"smithy":"2.0","shapes":{
                "a#S":{"type":"apply","traits":{"smithy.api#tags":["y"],"smithy.api#sensitive":{}}},
                "a#S$m":{"type":"apply","traits":{"smithy.api#required":{}}}}}"#,
        ]);
        let expected = doc(r#"{"smithy":"2.0","shapes":{
                "a#S":{"type":"structure","members":{"m":{"target":"smithy.api#String",
                       "traits":{"smithy.api#required":{}}}},
                       "traits":{"smithy.api#tags":["x","y"],"smithy.api#sensitive":{}}}}}"#);
        assert_eq!(out.ok(), Some(expected));
    }

    #[test]
    fn conflicting_traits_and_metadata_are_reported_together() {
        let out = merged(&[
            r#"{"smithy":"2.0","metadata":{"k":1,"l":[1]},"shapes":{
                "a#S":{"type":"string","traits":{"smithy.api#documentation":"one"}}}}"#,
            r#"{"smithy":"2.0","metadata":{"k":2,"l":[2]},"shapes":{
                "a#S":{"type":"apply","traits":{"smithy.api#documentation":"two"}},
                "a#T$x":{"type":"apply","traits":{"smithy.api#documentation":"two"}}}}"#,
        ]);
        let text = out.err().map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(
            text,
            "a#S: trait `smithy.api#documentation` is applied twice with different values \
             (`apply` in `f1.json`)\n\
             a#T$x: `apply` in `f1.json` targets a shape that is not defined\n\
             f1.json: metadata `k` conflicts with a different value in another file"
        );
    }

    #[test]
    fn prelude_definitions_in_model_files_are_left_out() {
        let out = merged(&[
            r#"{"smithy":"2.0","shapes":{"smithy.api#String":{"type":"string"},"a#A":{"type":"string"}}}"#,
        ]);
        let expected = doc(r#"{"smithy":"2.0","shapes":{"a#A":{"type":"string"}}}"#);
        assert_eq!(out.ok(), Some(expected));
    }
}
