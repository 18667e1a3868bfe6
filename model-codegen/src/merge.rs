//! Merge: several JSON AST documents into one, as Smithy assembles a model from its files.
//!
//! A shape defined in two files must be defined identically; metadata keys merge and `apply`
//! entries fold into their targets' traits by one rule ([`combine`]: arrays concatenate,
//! equal values are one value, anything else conflicts). An `apply` to a member that only a
//! mixin declares becomes that member redeclared on the shape, so its traits supersede the
//! mixin's, as the spec says. Prelude (`smithy.api`) definitions that model files carry, such
//! as a copy of the prelude itself, are left out: the prelude is built in. Mixins stay
//! references here; `load` flattens them.
//!
//! What merge writes is what `load` reads and trusts: a `smithy` version string, a `shapes`
//! object and no `apply` entries.

use crate::diagnostics::{ModelError, ModelErrors};
use crate::json::Json;

/// One document, with the name its problems are reported under.
pub type Document = (String, Json);

/// How many mixin hops the search for an `apply`'d member takes (a cycle stops here; `load`
/// reports it).
const MAX_MIXIN_DEPTH: usize = 32;

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
        let is_v1 = entries
            .iter()
            .any(|(k, v)| k == "smithy" && v.as_str().is_some_and(|v| v.starts_with('1')));
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
                            if is_v1 {
                                v2_only(&id, &body, &file, &mut errors);
                            }
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
    for (target, traits, file) in applies {
        fold_apply(&mut shapes, &target, traits, &file, &mut errors);
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
    let shape_entries = shapes.into_iter().map(|(id, body, _)| (id, body)).collect();
    out.push(("shapes".to_owned(), Json::Object(shape_entries)));
    errors.into_result(Json::Object(out))
}

/// Reports what a Smithy 1.0 document cannot say: the shapes and properties only 2.0 has.
fn v2_only(id: &str, body: &Json, file: &str, errors: &mut ModelErrors) {
    let shape_type = body.get("type").and_then(Json::as_str).unwrap_or_default();
    let mut found = Vec::new();
    if matches!(shape_type, "enum" | "intEnum") {
        found.push(format!("{shape_type} shapes"));
    }
    if body.get("mixins").is_some() {
        found.push("mixins".to_owned());
    }
    if shape_type == "resource" && body.get("properties").is_some() {
        found.push("resource properties".to_owned());
    }
    for what in found {
        errors.report(
            id,
            format!("{what} need Smithy 2.0, and `{file}` is a Smithy 1.0 document"),
        );
    }
}

/// Smithy's rule for a second value under one key (a trait applied to a shape or member that
/// has it, a metadata key two files set): two arrays concatenate, an equal value is the same
/// value, anything else is a conflict (`false`, and `existing` is left as it was).
fn combine(existing: &mut Json, value: Json) -> bool {
    match (existing, value) {
        (Json::Array(have), Json::Array(more)) => {
            have.extend(more);
            true
        }
        (have, value) => *have == value,
    }
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
    if !combine(existing, value) {
        errors.report(
            file,
            format!("metadata `{key}` conflicts with a different value in another file"),
        );
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

/// Folds one `apply` into its target's traits. A member the shape does not declare but one
/// of its mixins does is redeclared on the shape first, with the mixin's target.
fn fold_apply(
    shapes: &mut [(String, Json, String)],
    target: &str,
    traits: Json,
    file: &str,
    errors: &mut ModelErrors,
) {
    let (shape_id, member) = crate::shape_id::split_member(target);
    let Some(index) = shapes.iter().position(|(id, _, _)| id == shape_id) else {
        errors.report(
            target,
            format!("`apply` in `{file}` targets a shape that is not defined"),
        );
        return;
    };
    if let Some(name) = member {
        redeclare_mixin_member(shapes, index, name);
    }
    let owner = shapes.get_mut(index).and_then(|(_, body, _)| match member {
        None => Some(body),
        Some(name) => member_mut(body, name),
    });
    let Some(owner) = owner else {
        errors.report(
            target,
            format!("`apply` in `{file}` names a member the shape does not have"),
        );
        return;
    };
    let Json::Object(new) = traits else {
        return;
    };
    for (trait_id, value) in new {
        if let Err(message) = add_trait(owner, trait_id, value) {
            errors.push(ModelError::new(
                target,
                format!("{message} (`apply` in `{file}`)"),
            ));
        }
    }
}

/// Declares member `name` on shape `index`, with its target, when the shape does not declare
/// it and one of its mixins does (directly or through its own mixins).
fn redeclare_mixin_member(shapes: &mut [(String, Json, String)], index: usize, name: &str) {
    let Some((_, body, _)) = shapes.get(index) else {
        return;
    };
    if member(body, name).is_some() {
        return;
    }
    let Some(target) = mixin_member_target(shapes, body, name, 0) else {
        return;
    };
    let Some((_, body, _)) = shapes.get_mut(index) else {
        return;
    };
    let holder = if members_at_top(body) {
        Some(body)
    } else {
        body.entry("members", || Json::Object(Vec::new()))
    };
    if let Some(Json::Object(members)) = holder {
        let declared = Json::Object(vec![("target".to_owned(), Json::String(target))]);
        members.push((name.to_owned(), declared));
    }
}

/// The target of member `name` as shape `body` (JSON AST) gives it: its own member's, else
/// that of the first of its mixins, in order, that declares or inherits it, as
/// `mixin_target` finds it from the mixin's id. The one walk that `apply`'s redeclaration
/// here and the IDL's elided members share; each looks mixins up in its own table.
pub fn member_target(
    body: &Json,
    name: &str,
    mixin_target: &mut dyn FnMut(&str) -> Option<String>,
) -> Option<String> {
    if let Some(found) = member(body, name)
        .and_then(|m| m.get("target"))
        .and_then(Json::as_str)
    {
        return Some(found.to_owned());
    }
    body.get("mixins")
        .and_then(Json::as_array)
        .unwrap_or_default()
        .iter()
        .filter_map(|m| m.get("target").and_then(Json::as_str))
        .find_map(mixin_target)
}

/// [`member_target`] over the shapes being merged, at most [`MAX_MIXIN_DEPTH`] mixins deep.
fn mixin_member_target(
    shapes: &[(String, Json, String)],
    body: &Json,
    name: &str,
    depth: usize,
) -> Option<String> {
    if depth > MAX_MIXIN_DEPTH {
        return None;
    }
    member_target(body, name, &mut |mixin_id| {
        let (_, mixin, _) = shapes.iter().find(|(id, _, _)| id == mixin_id)?;
        mixin_member_target(shapes, mixin, name, depth + 1)
    })
}

/// The JSON AST form of an `apply` of `traits`.
pub fn apply_entry(traits: Json) -> Json {
    Json::Object(vec![
        ("type".to_owned(), Json::String("apply".to_owned())),
        ("traits".to_owned(), traits),
    ])
}

/// Whether a shape body keeps its members as its own keys (a list's `member`, a map's `key`
/// and `value`) rather than in a `members` object (structures, unions, enums).
fn members_at_top(body: &Json) -> bool {
    matches!(
        body.get("type").and_then(Json::as_str),
        Some("list" | "set" | "map")
    )
}

/// The member `name` a shape body declares (not one it takes from a mixin).
pub fn member<'a>(body: &'a Json, name: &str) -> Option<&'a Json> {
    if members_at_top(body) {
        body.get(name)
    } else {
        body.get("members")?.get(name)
    }
}

/// [`member`], to change it.
pub fn member_mut<'a>(body: &'a mut Json, name: &str) -> Option<&'a mut Json> {
    if members_at_top(body) {
        body.get_mut(name)
    } else {
        body.get_mut("members")?.get_mut(name)
    }
}

/// Applies trait `trait_id = value` to a shape or member body (or an `apply` entry), its
/// `traits` object added last if missing, by Smithy's conflict rule ([`combine`]). The one
/// place that rule meets traits: IDL files, `apply` entries and merged files all come here.
pub fn add_trait(owner: &mut Json, trait_id: String, value: Json) -> Result<(), String> {
    let Some(traits) = owner.entry("traits", || Json::Object(Vec::new())) else {
        return Err(format!(
            "cannot apply trait `{trait_id}`: the target is not a JSON object"
        ));
    };
    let Json::Object(entries) = traits else {
        return Err(format!(
            "cannot apply trait `{trait_id}`: `traits` must be an object"
        ));
    };
    let Some((_, existing)) = entries.iter_mut().find(|(k, _)| *k == trait_id) else {
        entries.push((trait_id, value));
        return Ok(());
    };
    if combine(existing, value) {
        Ok(())
    } else {
        Err(format!(
            "trait `{trait_id}` is applied twice with different values"
        ))
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
    fn an_apply_to_a_mixin_member_redeclares_it_and_supersedes_the_mixin() {
        let out = merged(&[
            r#"{"smithy":"2.0","shapes":{
                "a#Root":{"type":"structure","members":{"r":{"target":"smithy.api#String",
                          "traits":{"smithy.api#documentation":"generic"}}},
                          "traits":{"smithy.api#mixin":{}}},
                "a#Base":{"type":"structure","mixins":[{"target":"a#Root"}],
                          "traits":{"smithy.api#mixin":{}}},
                "a#S":{"type":"structure","mixins":[{"target":"a#Base"}]}}}"#,
            r#"{"smithy":"2.0","shapes":{
                "a#S$r":{"type":"apply","traits":{"smithy.api#documentation":"specific",
                         "smithy.api#tags":["x"]}}}}"#,
            r#"{"smithy":"2.0","shapes":{
                "a#S$r":{"type":"apply","traits":{"smithy.api#tags":["y"]}}}}"#,
        ]);
        let expected = doc(r#"{"smithy":"2.0","shapes":{
                "a#Root":{"type":"structure","members":{"r":{"target":"smithy.api#String",
                          "traits":{"smithy.api#documentation":"generic"}}},
                          "traits":{"smithy.api#mixin":{}}},
                "a#Base":{"type":"structure","mixins":[{"target":"a#Root"}],
                          "traits":{"smithy.api#mixin":{}}},
                "a#S":{"type":"structure","mixins":[{"target":"a#Base"}],
                       "members":{"r":{"target":"smithy.api#String","traits":{
                           "smithy.api#documentation":"specific","smithy.api#tags":["x","y"]}}}}}}"#);
        assert_eq!(out.ok(), Some(expected));
    }

    #[test]
    fn an_apply_to_a_member_no_mixin_has_is_an_error() {
        let out = merged(&[r#"{"smithy":"2.0","shapes":{
                "a#M":{"type":"structure","members":{"x":{"target":"smithy.api#String"}},
                       "traits":{"smithy.api#mixin":{}}},
                "a#U":{"type":"structure","mixins":[{"target":"a#M"},{"target":"a#Gone"}]},
                "a#U$nope":{"type":"apply","traits":{}}}}"#]);
        let text = out.err().map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(
            text,
            "a#U$nope: `apply` in `f0.json` names a member the shape does not have"
        );
    }

    #[test]
    fn a_smithy_1_document_cannot_use_what_only_2_has() {
        let out = merged(&[r#"{"smithy":"1.0","shapes":{
                "a#R":{"type":"resource","properties":{"t":{"target":"smithy.api#String"}}},
                "a#E":{"type":"intEnum","members":{"A":{"target":"smithy.api#Unit"}}},
                "a#S":{"type":"structure","mixins":[{"target":"a#M"}]}}}"#]);
        let text = out.err().map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(
            text,
            "a#E: intEnum shapes need Smithy 2.0, and `f0.json` is a Smithy 1.0 document\n\
             a#R: resource properties need Smithy 2.0, and `f0.json` is a Smithy 1.0 document\n\
             a#S: mixins need Smithy 2.0, and `f0.json` is a Smithy 1.0 document"
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
