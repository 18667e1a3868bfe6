//! `PrivateAccess`: a shape marked `@private` is referenced only from its own namespace
//! (the private trait, model.rst): no member, operation, service or resource of another
//! namespace points at it.

use super::graph::{Graph, Rel};
use crate::diagnostics::ModelErrors;

const PRIVATE: &str = "smithy.api#private";

/// Reports every relationship into another namespace's private shape.
pub fn check(graph: &Graph<'_>, errors: &mut ModelErrors) {
    for node in graph.nodes.iter().filter(|n| !n.prelude) {
        for &(rel, to) in &node.out {
            let target = &graph.nodes[to];
            let private = target.traits.contains_key(PRIVATE)
                && target.member.is_none()
                && target.shape_id.namespace() != node.shape_id.namespace();
            let name = match rel {
                // A lifecycle operation is among the `operation` relationships too.
                Rel::Member | Rel::Bound | Rel::Lifecycle(_) => continue,
                Rel::Target => "member_target",
                Rel::Input => "input",
                Rel::Output => "output",
                Rel::Error => "error",
                Rel::Operation => "operation",
                Rel::Resource => "resource",
            };
            if private {
                errors.emit(
                    "PrivateAccess",
                    &node.id,
                    format!(
                        "its {name} is `{}`, a @private shape of another namespace",
                        target.id
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::validators::tests::events;

    fn model(namespace: &str) -> String {
        format!(
            r#""a#S": {{"type": "structure", "members": {{"m": {{"target": "{namespace}#P"}}}}}},
               "{namespace}#P": {{"type": "string", "traits": {{"smithy.api#private": {{}}}}}}"#
        )
    }

    #[test]
    fn a_private_shape_of_another_namespace_cannot_be_targeted() {
        assert_eq!(
            events(&model("b")),
            [
                "a#S$m: its member_target is `b#P`, a @private shape of another namespace | PrivateAccess"
            ]
        );
        assert_eq!(events(&model("a")), Vec::<String>::new());
    }
}
