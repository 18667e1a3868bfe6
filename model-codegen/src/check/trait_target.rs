//! Where traits may go, from each trait's definition (`@trait(selector, conflicts,
//! structurallyExclusive)`, model-validation.rst and trait definitions in the spec):
//!
//! - `TraitTarget`: every shape or member a trait is applied to is one its selector matches;
//! - `TraitConflict`: no shape has two traits one of which lists the other in `conflicts`;
//! - `ExclusiveStructureMemberTrait`: a `structurallyExclusive: "member"` trait is on at most
//!   one member of a shape, and at most one member of a structure targets a shape with a
//!   `structurallyExclusive: "target"` trait.

use std::collections::{BTreeMap, BTreeSet};

use super::graph::{Graph, TRAIT};
use crate::diagnostics::ModelErrors;
use crate::load::ShapeType;

/// How a trait is displayed in a message: its name alone for a prelude trait, as Smithy does.
pub fn trait_name(id: &str) -> &str {
    id.strip_prefix("smithy.api#").unwrap_or(id)
}

/// A trait id a definition names (`conflicts: [readonly]`), resolved against the
/// definition's namespace when it is relative.
fn resolve(name: &str, namespace: &str) -> String {
    if name.contains('#') {
        name.to_owned()
    } else {
        format!("{namespace}#{name}")
    }
}

/// Reports every misplaced trait: `TraitTarget`, `TraitConflict` and
/// `ExclusiveStructureMemberTrait`.
pub fn check(graph: &Graph<'_>, errors: &mut ModelErrors) {
    for node in graph.nodes.iter().filter(|n| !n.prelude) {
        for trait_id in node.traits.keys() {
            let Some(definition) = graph.trait_definition(trait_id) else {
                continue;
            };
            let text = definition
                .traits
                .get(TRAIT)
                .and_then(|t| t.get("selector"))
                .and_then(|s| s.as_str())
                .unwrap_or("*");
            // Each selector is evaluated once over the whole graph.
            let Some(matched) = graph.selected(text) else {
                continue;
            };
            let index = graph.get(&node.id).unwrap_or_default();
            if !matched[index] {
                errors.emit(
                    "TraitTarget",
                    &node.id,
                    format!(
                        "the `{}` trait is not allowed on `{}`; its selector is `{text}`",
                        trait_name(trait_id),
                        node.id
                    ),
                );
            }
        }
        check_conflicts(graph, node, errors);
    }
    check_exclusive(graph, errors);
}

fn check_conflicts(graph: &Graph<'_>, node: &super::graph::Node<'_>, errors: &mut ModelErrors) {
    let mut pairs = BTreeSet::new();
    for trait_id in node.traits.keys() {
        let Some(definition) = graph.trait_definition(trait_id) else {
            continue;
        };
        let conflicts = definition
            .traits
            .get(TRAIT)
            .and_then(|t| t.get("conflicts"))
            .and_then(|c| c.as_array());
        for other in conflicts.into_iter().flatten().filter_map(|c| c.as_str()) {
            let other = resolve(other, definition.shape_id.namespace());
            if node.traits.contains_key(&other) {
                pairs.insert((
                    trait_name(trait_id).to_owned(),
                    trait_name(&other).to_owned(),
                ));
                pairs.insert((
                    trait_name(&other).to_owned(),
                    trait_name(trait_id).to_owned(),
                ));
            }
        }
    }
    if pairs.is_empty() {
        return;
    }
    let kind = node.shape_type.map_or("member", ShapeType::as_str);
    let list: Vec<String> = pairs
        .iter()
        .map(|(a, b)| format!("`{a}` conflicts with `{b}`"))
        .collect();
    errors.emit(
        "TraitConflict",
        &node.id,
        format!(
            "this {kind} has traits that cannot go together: {}",
            list.join(", ")
        ),
    );
}

/// The `structurallyExclusive` setting of the trait `id`, if it is defined with one.
fn exclusivity<'g>(graph: &'g Graph<'_>, id: &str) -> Option<&'g str> {
    graph
        .trait_definition(id)?
        .traits
        .get(TRAIT)?
        .get("structurallyExclusive")?
        .as_str()
}

fn check_exclusive(graph: &Graph<'_>, errors: &mut ModelErrors) {
    for node in graph
        .nodes
        .iter()
        .filter(|n| !n.prelude && n.member.is_none())
    {
        let mut on_members: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        let mut targeting: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for &(_, to) in node
            .out
            .iter()
            .filter(|(rel, _)| *rel == super::graph::Rel::Member)
        {
            let member = &graph.nodes[to];
            let name = member.member.unwrap_or_default();
            for trait_id in member.traits.keys() {
                if exclusivity(graph, trait_id) == Some("member") {
                    on_members.entry(trait_id).or_default().push(name);
                }
            }
            if node.shape_type != Some(ShapeType::Structure) {
                continue;
            }
            if let Some(target) = member.target(graph) {
                for trait_id in target.traits.keys() {
                    if exclusivity(graph, trait_id) == Some("target") {
                        targeting.entry(trait_id).or_default().push(name);
                    }
                }
            }
        }
        let names = |members: &[&str]| {
            let mut members: Vec<String> = members.iter().map(|m| format!("`{m}`")).collect();
            members.sort();
            members.join(", ")
        };
        for (trait_id, members) in on_members.iter().filter(|(_, m)| m.len() > 1) {
            errors.emit(
                "ExclusiveStructureMemberTrait",
                &node.id,
                format!(
                    "the `{}` trait may be on one member only, and is on {}",
                    trait_name(trait_id),
                    names(members)
                ),
            );
        }
        for (trait_id, members) in targeting.iter().filter(|(_, m)| m.len() > 1) {
            errors.emit(
                "ExclusiveStructureMemberTrait",
                &node.id,
                format!(
                    "only one member may target a shape with the `{}` trait, and {} do",
                    trait_name(trait_id),
                    names(members)
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::validators::tests::events;

    #[test]
    fn a_trait_outside_its_selector_is_reported() {
        let bad = events(
            r#""a#S": {"type": "structure", "members": {
                "b": {"target": "smithy.api#Boolean", "traits": {"smithy.api#pattern": "^a$"}}}}"#,
        );
        assert!(
            bad.iter().any(
                |e| e.starts_with("a#S$b: the `pattern` trait is not allowed")
                    && e.ends_with("| TraitTarget")
            ),
            "{bad:?}"
        );
        let good = events(
            r#""a#S": {"type": "structure", "members": {
                "s": {"target": "smithy.api#String", "traits": {"smithy.api#pattern": "^a$"}}}}"#,
        );
        assert_eq!(good, Vec::<String>::new());
    }

    #[test]
    fn a_default_on_a_member_of_a_union_list_or_map_is_out_of_place() {
        let bad = events(
            r#""a#U": {"type": "union", "members": {
                   "s": {"target": "smithy.api#String", "traits": {"smithy.api#default": "x"}}}},
               "a#M": {"type": "map", "key": {"target": "smithy.api#String"},
                   "value": {"target": "smithy.api#String", "traits": {"smithy.api#default": "x"}}}"#,
        );
        let places: Vec<&str> = bad
            .iter()
            .filter(|e| e.contains("`default`") && e.ends_with("| TraitTarget"))
            .filter_map(|e| e.split(':').next())
            .collect();
        assert_eq!(places, ["a#M$value", "a#U$s"], "{bad:?}");
    }

    #[test]
    fn a_lifecycle_relationship_is_selected_by_its_name() {
        let model = |lifecycle: &str| {
            events(&format!(
                r#""a#R": {{"type": "resource", {lifecycle} "traits": {{"smithy.api#noReplace": {{}}}}}},
                   "a#Put": {{"type": "operation", "traits": {{"smithy.api#idempotent": {{}}}}}}"#
            ))
        };
        assert_eq!(
            model(r#""put": {"target": "a#Put"},"#),
            Vec::<String>::new()
        );
        let without_put = model(r#""update": {"target": "a#Put"},"#);
        assert!(
            without_put
                .iter()
                .any(|e| e.starts_with("a#R:") && e.ends_with("| TraitTarget")),
            "{without_put:?}"
        );
    }

    #[test]
    fn conflicting_traits_are_reported() {
        let bad = events(
            r#""a#S": {"type": "structure", "members": {}, "traits": {
                "smithy.api#input": {}, "smithy.api#output": {}}}"#,
        );
        assert_eq!(
            bad,
            [
                "a#S: this structure has traits that cannot go together: `input` conflicts with `output`, `output` conflicts with `input` | TraitConflict"
            ]
        );
        let good = events(r#""a#S": {"type": "structure", "traits": {"smithy.api#input": {}}}"#);
        assert_eq!(good, Vec::<String>::new());
    }

    #[test]
    fn a_member_exclusive_trait_on_two_members_is_reported() {
        let members = |second: &str| {
            format!(
                r#""a#S": {{"type": "structure", "members": {{
                    "a": {{"target": "smithy.api#String", "traits": {{"smithy.api#idempotencyToken": {{}}}}}},
                    "b": {{"target": "smithy.api#String"{second}}}}}}}"#
            )
        };
        let bad = events(&members(
            r#", "traits": {"smithy.api#idempotencyToken": {}}"#,
        ));
        assert_eq!(
            bad,
            [
                "a#S: the `idempotencyToken` trait may be on one member only, and is on `a`, `b` | ExclusiveStructureMemberTrait"
            ]
        );
        assert_eq!(events(&members("")), Vec::<String>::new());
    }
}
