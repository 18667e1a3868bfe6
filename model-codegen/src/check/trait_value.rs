//! `TraitValue`: each trait's value is a value of the shape that defines the trait
//! (model-validation.rst, "Trait value validation"): its type, its members, its constraint
//! traits. Traits without a definition in the model or the prelude are not checked.

use super::graph::{Graph, TRAIT};
use super::node_value::problems;
use super::trait_target::trait_name;
use crate::diagnostics::ModelErrors;
use crate::traits;

/// Reports every trait value that does not fit its definition.
pub fn check(graph: &Graph<'_>, errors: &mut ModelErrors) {
    for node in graph.nodes.iter().filter(|n| !n.prelude) {
        for (trait_id, value) in node.traits {
            // `@default` is checked against the shape it is applied to (`DefaultTrait`).
            if trait_id == traits::DEFAULT {
                continue;
            }
            let Some(definition) = graph.get(trait_id).filter(|&i| {
                let d = &graph.nodes[i];
                d.member.is_none() && d.traits.contains_key(TRAIT)
            }) else {
                continue;
            };
            for problem in problems(graph, value, definition) {
                errors.emit(
                    "TraitValue",
                    &node.id,
                    format!(
                        "the @{}{} value does not fit: {}",
                        trait_name(trait_id),
                        problem.path,
                        problem.message
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::validators::tests::events;

    #[test]
    fn a_trait_value_that_does_not_fit_its_definition_is_reported() {
        let bad =
            events(r#""a#T": {"type": "string", "traits": {"smithy.api#timestampFormat": "iso"}}"#);
        assert!(
            bad.iter().any(|e| e.starts_with(
                "a#T: the @timestampFormat value does not fit: `smithy.api#timestampFormat` takes only these \
                 strings"
            ) && e.ends_with("| TraitValue")),
            "{bad:?}"
        );
        let good = events(
            r#""a#T": {"type": "timestamp", "traits": {"smithy.api#timestampFormat": "date-time"}}"#,
        );
        assert_eq!(good, Vec::<String>::new());
    }

    #[test]
    fn a_custom_trait_value_is_checked_against_its_shape() {
        let model = |value: &str| {
            format!(
                r#""a#custom": {{"type": "structure", "traits": {{"smithy.api#trait": {{}}}},
                     "members": {{"foo": {{"target": "smithy.api#String",
                                          "traits": {{"smithy.api#required": {{}}}}}}}}}},
                   "a#S": {{"type": "string", "traits": {{"a#custom": {value}}}}}"#
            )
        };
        assert_eq!(
            events(&model("{}")),
            [
                "a#S: the @a#custom value does not fit: the value of `a#custom` lacks its required member `foo` | TraitValue"
            ]
        );
        assert_eq!(events(&model(r#"{"foo": "x"}"#)), Vec::<String>::new());
    }

    #[test]
    fn an_id_ref_names_a_shape_its_selector_matches() {
        let model = |value: &str| {
            format!(
                r#""a#ref": {{"type": "string", "traits": {{"smithy.api#trait": {{}},
                     "smithy.api#idRef": {{"selector": "string", "failWhenMissing": true}}}}}},
                   "a#N": {{"type": "integer"}},
                   "a#S": {{"type": "string", "traits": {{"a#ref": "{value}"}}}}"#
            )
        };
        assert_eq!(
            events(&model("a#N")),
            [
                "a#S: the @a#ref value does not fit: `a#N` is not a shape the selector `string` allows | TraitValue"
            ]
        );
        assert_eq!(
            events(&model("a#Gone")),
            ["a#S: the @a#ref value does not fit: no shape `a#Gone` in the model | TraitValue"]
        );
        assert_eq!(events(&model("a#S")), Vec::<String>::new());
    }
}
