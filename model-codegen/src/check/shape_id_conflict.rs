//! `ShapeIdConflict`: shape ids are case-insensitively unique (model.rst, "Shape ID
//! conflicts"): two shapes, or two members of one shape, whose ids differ only in case
//! conflict, and each is reported with the others.

use std::collections::BTreeMap;

use super::graph::Graph;
use crate::diagnostics::ModelErrors;

/// Reports every shape and member whose id conflicts with another's.
pub fn check(graph: &Graph<'_>, errors: &mut ModelErrors) {
    let mut groups: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for node in graph.nodes.iter().filter(|n| !n.prelude) {
        groups
            .entry(node.id.to_ascii_lowercase())
            .or_default()
            .push(&node.id);
    }
    for ids in groups.values().filter(|ids| ids.len() > 1) {
        for id in ids {
            let mut others: Vec<String> = ids
                .iter()
                .filter(|other| *other != id)
                .map(|other| format!("`{other}`"))
                .collect();
            others.sort();
            errors.emit(
                "ShapeIdConflict",
                id,
                format!("`{id}` differs only in case from [{}]", others.join(", ")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::validators::tests::events;

    #[test]
    fn ids_and_member_names_that_differ_only_in_case_conflict() {
        assert_eq!(
            events(
                r#""a#S": {"type": "structure", "members": {
                    "foo": {"target": "smithy.api#String"}, "Foo": {"target": "smithy.api#String"}}}"#
            ),
            [
                "a#S$Foo: `a#S$Foo` differs only in case from [`a#S$foo`] | ShapeIdConflict",
                "a#S$foo: `a#S$foo` differs only in case from [`a#S$Foo`] | ShapeIdConflict",
            ]
        );
        assert_eq!(
            events(r#""a#S": {"type": "string"}, "a#T": {"type": "string"}"#),
            Vec::<String>::new()
        );
    }
}
