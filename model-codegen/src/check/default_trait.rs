//! `DefaultTrait`: a `@default` is a value of the shape it is applied to (a member's default
//! of the member and its target), lists, maps and documents default only to empty values,
//! `null` only on members, and a member targeting a shape with a default repeats that
//! default or sets `null` (type-refinement-traits.rst, "default trait").

use serde_json::Value;

use super::graph::Graph;
use super::node_value::problems;
use crate::diagnostics::ModelErrors;
use crate::load::ShapeType;
use crate::traits;

const EVENT: &str = "DefaultTrait";

/// Reports every `@default` that does not fit where it is.
pub fn check(graph: &Graph<'_>, version_2: bool, errors: &mut ModelErrors) {
    for (index, node) in graph.nodes.iter().enumerate().filter(|(_, n)| !n.prelude) {
        let target = node.target(graph);
        let Some(default) = node.traits.get(traits::DEFAULT) else {
            // A member whose target has a default must say it again (Smithy 2.0).
            let target_default = target.and_then(|t| t.traits.get(traits::DEFAULT));
            if let (true, Some(t), Some(d)) = (version_2, target, target_default) {
                if node.shape.shape_type == ShapeType::Structure && !d.is_null() {
                    errors.emit(
                        EVENT,
                        &node.id,
                        format!(
                            "targets {}, whose default `{d}` the member must repeat",
                            t.id
                        ),
                    );
                }
            }
            continue;
        };
        if default.is_null() {
            if node.member.is_none() {
                errors.emit(
                    EVENT,
                    &node.id,
                    "@default is null, which only a member may have",
                );
            }
            continue;
        }
        let shape_type = target.map_or(node.shape_type, |t| t.shape_type);
        let empty_only = match (shape_type, default) {
            (Some(ShapeType::List), Value::Array(items)) if !items.is_empty() => {
                Some("a list's @default can only be `[]`")
            }
            (Some(ShapeType::Map), Value::Object(entries)) if !entries.is_empty() => {
                Some("a map's @default can only be `{}`")
            }
            (Some(ShapeType::Document), Value::Array(items)) if !items.is_empty() => {
                Some("a document's @default can be an array only if it is empty")
            }
            (Some(ShapeType::Document), Value::Object(entries)) if !entries.is_empty() => {
                Some("a document's @default can be an object only if it is empty")
            }
            _ => None,
        };
        if let Some(message) = empty_only {
            errors.emit(EVENT, &node.id, message);
            continue;
        }
        // A default outside a `@range` is only a warning in Smithy.
        for problem in problems(graph, default, index)
            .into_iter()
            .filter(|p| !p.out_of_range)
        {
            errors.emit(
                EVENT,
                &node.id,
                format!("the @default does not fit: {}", problem.message),
            );
        }
        if let Some(target_default) = target.and_then(|t| t.traits.get(traits::DEFAULT)) {
            if target_default != default && version_2 {
                errors.emit(
                    EVENT,
                    &node.id,
                    format!(
                        "the default `{default}` differs from `{target_default}`, the default of the target {}",
                        target.map(|t| t.id.as_str()).unwrap_or_default()
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::validators::tests::events;

    fn member_default(target: &str, default: &str) -> Vec<String> {
        events(&format!(
            r#""a#S": {{"type": "structure", "members": {{"m": {{"target": "{target}",
                 "traits": {{"smithy.api#default": {default}}}}}}}}},
               "a#L": {{"type": "list", "member": {{"target": "smithy.api#String"}}}}"#
        ))
    }

    #[test]
    fn a_default_of_the_wrong_type_or_not_empty_is_reported() {
        assert_eq!(
            member_default("smithy.api#String", "10"),
            [
                "a#S$m: the @default does not fit: `smithy.api#String` (string) takes a string, not the number `10` | DefaultTrait"
            ]
        );
        assert_eq!(
            member_default("a#L", r#"["x"]"#),
            ["a#S$m: a list's @default can only be `[]` | DefaultTrait"]
        );
    }

    #[test]
    fn a_fitting_default_is_accepted() {
        assert_eq!(
            member_default("smithy.api#String", r#""x""#),
            Vec::<String>::new()
        );
        assert_eq!(member_default("a#L", "[]"), Vec::<String>::new());
        assert_eq!(
            member_default("smithy.api#PrimitiveInteger", "0"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_member_must_repeat_its_targets_default() {
        assert_eq!(
            member_default("smithy.api#PrimitiveInteger", "1"),
            [
                "a#S$m: the default `1` differs from `0`, the default of the target smithy.api#PrimitiveInteger | DefaultTrait"
            ]
        );
    }
}
