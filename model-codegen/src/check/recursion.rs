//! `ShapeRecursion`: recursion needs a way out (model-validation.rst, "Recursive shape
//! definitions"): a list or map reaches itself only through a structure or union, a
//! structure does not reach itself through required members alone, and a union has a member
//! that can be given a value without the union itself.

use super::graph::{Graph, Node, Rel};
use crate::diagnostics::ModelErrors;
use crate::load::ShapeType;
use crate::traits;

const EVENT: &str = "ShapeRecursion";

/// The members of a shape node, with their targets.
fn members<'g>(
    graph: &'g Graph<'_>,
    node: &'g Node<'_>,
) -> impl Iterator<Item = (&'g Node<'g>, usize)> + 'g {
    node.out
        .iter()
        .filter(|(rel, _)| *rel == Rel::Member)
        .filter_map(move |&(_, m)| {
            let member = &graph.nodes[m];
            let target = member
                .out
                .iter()
                .find(|(rel, _)| *rel == Rel::Target)
                .map(|&(_, t)| t)?;
            Some((member, target))
        })
}

/// Reports every recursion without a way out.
pub fn check(graph: &Graph<'_>, errors: &mut ModelErrors) {
    let is = |i: usize, types: &[ShapeType]| {
        graph.nodes[i]
            .shape_type
            .is_some_and(|t| types.contains(&t))
    };
    for (start, node) in graph.nodes.iter().enumerate().filter(|(_, n)| !n.prelude) {
        if is(start, &[ShapeType::List, ShapeType::Map]) {
            if let Some(path) = cycle(graph, start, &|member, target| {
                member.member != Some("key") && is(target, &[ShapeType::List, ShapeType::Map])
            }) {
                errors.emit(
                    EVENT,
                    &node.id,
                    format!(
                        "the recursion {path} passes through lists and maps only; it needs a structure or union on the way"
                    ),
                );
            }
        }
        if is(start, &[ShapeType::Structure]) {
            if let Some(path) = cycle(graph, start, &|member, target| {
                member.traits.contains_key(traits::REQUIRED)
                    && !member.traits.contains_key(traits::DEFAULT)
                    && is(target, &[ShapeType::Structure])
            }) {
                errors.emit(
                    EVENT,
                    &node.id,
                    format!(
                        "the recursion {path} passes through required members only, so no value of it can be built"
                    ),
                );
            }
        }
    }
    let possible = instantiable(graph);
    for (i, node) in graph.nodes.iter().enumerate().filter(|(_, n)| !n.prelude) {
        if node.shape_type == Some(ShapeType::Union)
            && !possible[i]
            && !node.shape.members.is_empty()
        {
            errors.emit(
                EVENT,
                &node.id,
                "every member of this union leads back to it, so no value of it can be built",
            );
        }
    }
}

/// A path from `start` back to itself through members `follow` accepts, written as Smithy
/// writes one (`A$m > B > B$n > A`).
fn cycle(
    graph: &Graph<'_>,
    start: usize,
    follow: &dyn Fn(&Node<'_>, usize) -> bool,
) -> Option<String> {
    let mut seen = vec![false; graph.nodes.len()];
    // (shape, path so far)
    let mut stack = vec![(start, Vec::<usize>::new())];
    while let Some((at, path)) = stack.pop() {
        for (member, target) in members(graph, &graph.nodes[at]) {
            if !follow(member, target) {
                continue;
            }
            let member_index = graph.get(&member.id).unwrap_or_default();
            let mut next = path.clone();
            next.push(member_index);
            next.push(target);
            if target == start {
                let parts: Vec<&str> = next.iter().map(|&i| graph.nodes[i].id.as_str()).collect();
                return Some(parts.join(" > "));
            }
            if !seen[target] {
                seen[target] = true;
                stack.push((target, next));
            }
        }
    }
    None
}

/// Which nodes can be given a value: anything but a structure or union can (lists and maps
/// may be empty); a structure when each required member's target can, a union when one
/// member's target can. Computed to a fixed point.
fn instantiable(graph: &Graph<'_>) -> Vec<bool> {
    let aggregate =
        |n: &Node<'_>| matches!(n.shape_type, Some(ShapeType::Structure | ShapeType::Union));
    let mut possible: Vec<bool> = graph.nodes.iter().map(|n| !aggregate(n)).collect();
    loop {
        let mut changed = false;
        for (i, node) in graph.nodes.iter().enumerate() {
            if possible[i] || !aggregate(node) {
                continue;
            }
            let now = if node.shape_type == Some(ShapeType::Union) {
                members(graph, node).any(|(_, t)| possible[t])
            } else {
                members(graph, node).all(|(m, t)| {
                    possible[t]
                        || !m.traits.contains_key(traits::REQUIRED)
                        || m.traits.contains_key(traits::DEFAULT)
                })
            };
            if now {
                possible[i] = true;
                changed = true;
            }
        }
        if !changed {
            return possible;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::validators::tests::events;

    #[test]
    fn a_list_that_contains_itself_directly_is_reported() {
        let bad = events(r#""a#L": {"type": "list", "member": {"target": "a#L"}}"#);
        assert_eq!(bad.len(), 1, "{bad:?}");
        assert!(bad[0].starts_with("a#L: the recursion a#L$member > a#L passes"));
        let good = events(
            r#""a#L": {"type": "list", "member": {"target": "a#S"}},
               "a#S": {"type": "structure", "members": {"l": {"target": "a#L"}}}"#,
        );
        assert_eq!(good, Vec::<String>::new());
    }

    #[test]
    fn structures_required_in_a_circle_are_reported() {
        let model = |trait_: &str| {
            format!(
                r#""a#A": {{"type": "structure", "members": {{"b": {{"target": "a#B", "traits": {{{trait_}}}}}}}}},
                   "a#B": {{"type": "structure", "members": {{"a": {{"target": "a#A",
                       "traits": {{"smithy.api#required": {{}}}}}}}}}}"#
            )
        };
        let bad = events(&model(r#""smithy.api#required": {}"#));
        assert_eq!(bad.len(), 2, "{bad:?}");
        assert!(bad.iter().all(|e| e.ends_with("| ShapeRecursion")));
        assert_eq!(events(&model("")), Vec::<String>::new());
    }

    #[test]
    fn a_union_with_no_way_out_is_reported() {
        let bad = events(r#""a#U": {"type": "union", "members": {"u": {"target": "a#U"}}}"#);
        assert_eq!(
            bad,
            ["a#U: every member of this union leads back to it, so no value of it can be built | ShapeRecursion"]
        );
        let good = events(
            r#""a#U": {"type": "union", "members": {"u": {"target": "a#U"},
                                                     "s": {"target": "smithy.api#String"}}}"#,
        );
        assert_eq!(good, Vec::<String>::new());
    }
}
