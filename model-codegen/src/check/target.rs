//! `Target`: every relationship points at a defined shape of a kind it may point at
//! (model-validation.rst, and each shape type's section of the spec): members at data
//! shapes (a map's key at a string), an operation's input and output at structures and its
//! errors at structures marked `@error`, services and resources at operations and resources.

use super::graph::Graph;
use crate::diagnostics::ModelErrors;
use crate::load::{Model, ShapeType};
use crate::shape_id::ShapeId;
use crate::traits;

const EVENT: &str = "Target";

/// Reports every relationship to an undefined shape or to a shape of the wrong kind.
pub fn check(model: &Model, graph: &Graph<'_>, errors: &mut ModelErrors) {
    let kind = |id: &ShapeId| {
        graph
            .get(&id.to_string())
            .and_then(|i| graph.nodes[i].shape_type)
    };
    // The prelude's trait definitions are its own business (`smithy.api#` shapes target
    // them, as `@examples` does its `Example`s: those are not traits).
    let is_trait_definition =
        |id: &ShapeId| !id.is_prelude() && graph.trait_definition(&id.to_string()).is_some();
    for shape in &model.shapes {
        let what = shape.shape_type.as_str();
        for member in &shape.members {
            let member_id = shape.id.member(&member.name);
            let is_member = graph
                .get(&member.target.to_string())
                .is_some_and(|i| graph.nodes[i].member.is_some());
            if is_member {
                errors.emit(
                    EVENT,
                    &member_id,
                    format!(
                        "targets the member `{}`; a member must target a shape",
                        member.target
                    ),
                );
                continue;
            }
            match kind(&member.target) {
                None => errors.emit(
                    EVENT,
                    &member_id,
                    format!("targets `{}`, which is not in the model", member.target),
                ),
                Some(t @ (ShapeType::Service | ShapeType::Operation | ShapeType::Resource)) => {
                    errors.emit(
                        EVENT,
                        &member_id,
                        format!(
                            "targets the {} `{}`, which a member cannot target",
                            t.as_str(),
                            member.target
                        ),
                    )
                }
                Some(_) if is_trait_definition(&member.target) => errors.emit(
                    EVENT,
                    &member_id,
                    format!(
                        "targets the trait definition `{}`, which is only ever applied as a trait",
                        member.target
                    ),
                ),
                Some(t) => {
                    let string = matches!(t, ShapeType::String | ShapeType::Enum);
                    if shape.shape_type == ShapeType::Map && member.name == "key" && !string {
                        errors.emit(
                            EVENT,
                            &shape.id,
                            format!(
                                "the map key targets the {} `{}`; a key must be a string",
                                t.as_str(),
                                member.target
                            ),
                        );
                    }
                }
            }
        }
        let unit = |id: &&ShapeId| !(id.is_prelude() && id.name() == "Unit");
        for (rel, target) in [("input", &shape.input), ("output", &shape.output)] {
            let Some(target) = target.as_ref().filter(unit) else {
                continue;
            };
            match kind(target) {
                None => errors.emit(
                    EVENT,
                    &shape.id,
                    format!("the {what}'s `{rel}` is `{target}`, which is not in the model"),
                ),
                Some(ShapeType::Structure) => {
                    let is_error = model
                        .shapes
                        .iter()
                        .any(|s| &s.id == target && s.traits.contains_key(traits::ERROR));
                    if is_error {
                        let role = if rel == "input" { "input" } else { "output" };
                        errors.emit(
                            EVENT,
                            &shape.id,
                            format!("the operation {role} `{target}` is an @error structure"),
                        );
                    }
                }
                Some(t) => errors.emit(
                    EVENT,
                    &shape.id,
                    format!(
                        "the {what}'s `{rel}` is the {} `{target}`, not a structure",
                        t.as_str()
                    ),
                ),
            }
        }
        for error in &shape.errors {
            match kind(error) {
                None => errors.emit(
                    EVENT,
                    &shape.id,
                    format!("the {what}'s error `{error}` is not in the model"),
                ),
                Some(ShapeType::Structure) => {
                    let marked = graph
                        .get(&error.to_string())
                        .is_some_and(|i| graph.nodes[i].traits.contains_key(traits::ERROR));
                    if !marked {
                        errors.emit(
                            EVENT,
                            &shape.id,
                            format!("error `{error}` has no @error trait"),
                        );
                    }
                }
                Some(t) => errors.emit(
                    EVENT,
                    &shape.id,
                    format!(
                        "the {what}'s error is the {} `{error}`, not a structure",
                        t.as_str()
                    ),
                ),
            }
        }
        for (name, target) in &shape.identifiers {
            match kind(target) {
                None => errors.emit(
                    EVENT,
                    &shape.id,
                    format!(
                        "the {what}'s identifier `{name}` is `{target}`, which is not in the model"
                    ),
                ),
                Some(ShapeType::String | ShapeType::Enum) => {}
                Some(t) => errors.emit(
                    EVENT,
                    &shape.id,
                    format!(
                        "the {what}'s identifier is the {} `{target}`, not a string",
                        t.as_str()
                    ),
                ),
            }
        }
        let bindings = [
            ("operation", &shape.operations, ShapeType::Operation),
            ("resource", &shape.resources, ShapeType::Resource),
        ];
        for (rel, targets, wanted) in bindings {
            for target in targets.iter() {
                match kind(target) {
                    None => errors.emit(
                        EVENT,
                        &shape.id,
                        format!("the {what} binds the {rel} `{target}`, which is not in the model"),
                    ),
                    Some(t) if t != wanted => errors.emit(
                        EVENT,
                        &shape.id,
                        format!(
                            "the {what} binds `{target}` as {} {rel}, but it is a {}",
                            if rel == "operation" { "an" } else { "a" },
                            t.as_str()
                        ),
                    ),
                    Some(_) => {}
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::validators::tests::events;

    #[test]
    fn a_member_targeting_nothing_or_an_operation_is_reported() {
        let bad = events(
            r#""a#S": {"type": "structure", "members": {
                "gone": {"target": "a#Missing"}, "op": {"target": "a#Op"}}},
               "a#Op": {"type": "operation"}"#,
        );
        assert_eq!(
            bad,
            [
                "a#S$gone: targets `a#Missing`, which is not in the model | Target",
                "a#S$op: targets the operation `a#Op`, which a member cannot target | Target",
            ]
        );
        let good = events(
            r#""a#S": {"type": "structure", "members": {"s": {"target": "smithy.api#String"}}}"#,
        );
        assert_eq!(good, Vec::<String>::new());
    }

    #[test]
    fn a_member_targeting_a_trait_definition_is_reported() {
        let bad = events(
            r#""a#S": {"type": "structure", "members": {"t": {"target": "a#tag"}}},
               "a#tag": {"type": "string", "traits": {"smithy.api#trait": {}}}"#,
        );
        assert_eq!(
            bad,
            ["a#S$t: targets the trait definition `a#tag`, which is only ever applied as a trait | Target"]
        );
    }

    #[test]
    fn a_map_key_that_is_not_a_string_is_reported() {
        let map = |key: &str| {
            format!(
                r#""a#M": {{"type": "map", "key": {{"target": "{key}"}},
                          "value": {{"target": "smithy.api#String"}}}}"#
            )
        };
        assert_eq!(
            events(&map("smithy.api#Integer")),
            [
                "a#M: the map key targets the integer `smithy.api#Integer`; a key must be a string | Target"
            ]
        );
        assert_eq!(events(&map("smithy.api#String")), Vec::<String>::new());
    }

    #[test]
    fn operation_relationships_of_the_wrong_kind_are_reported() {
        let bad = events(
            r#""a#Op": {"type": "operation", "input": {"target": "smithy.api#Integer"},
                        "errors": [{"target": "a#NotError"}]},
               "a#NotError": {"type": "structure"}"#,
        );
        assert_eq!(
            bad,
            [
                "a#Op: error `a#NotError` has no @error trait | Target",
                "a#Op: the operation's `input` is the integer `smithy.api#Integer`, not a structure | Target",
            ]
        );
        let good = events(
            r#""a#Op": {"type": "operation", "input": {"target": "a#In"},
                        "errors": [{"target": "a#Err"}]},
               "a#In": {"type": "structure"},
               "a#Err": {"type": "structure", "traits": {"smithy.api#error": "client"}}"#,
        );
        assert_eq!(good, Vec::<String>::new());
    }

    #[test]
    fn a_member_or_an_identifier_of_the_wrong_kind_is_reported() {
        let bad = events(
            r#""a#L": {"type": "list", "member": {"target": "a#S$m"}},
               "a#S": {"type": "structure", "members": {"m": {"target": "smithy.api#String"}}},
               "a#R": {"type": "resource", "identifiers": {"id": {"target": "smithy.api#Float"}}}"#,
        );
        assert_eq!(
            bad,
            [
                "a#L$member: targets the member `a#S$m`; a member must target a shape | Target",
                "a#R: the resource's identifier is the float `smithy.api#Float`, not a string | Target",
            ]
        );
        let good = events(
            r#""a#R": {"type": "resource", "identifiers": {"id": {"target": "smithy.api#String"}}}"#,
        );
        assert_eq!(good, Vec::<String>::new());
    }
}
