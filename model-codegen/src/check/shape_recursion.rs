//! Smithy's ShapeRecursion rule: recursion no finite value can satisfy, which generated code
//! cannot build either (a strategy for a structure that requires itself calls itself
//! forever; rustc refuses it under `deny(warnings)`). Three cases, as Smithy has them:
//!
//! - a list or map that reaches itself through lists and maps alone, with no structure or
//!   union on the way;
//! - a structure that reaches itself through required structure members alone;
//! - a union none of whose members can end: a structure ends when it has no members, an
//!   optional one, or a required one that ends; a union when one of its members ends;
//!   anything else always ends.
//!
//! Each is reported on the shape, in Smithy's words. A path is the shortest one back
//! (breadth first, one per shape), so the work stays polynomial on any model.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use crate::diagnostics::ModelErrors;
use crate::load::{Member, Model, Shape, ShapeType};
use crate::shape_id::ShapeId;
use crate::traits;

type Index<'a> = BTreeMap<&'a ShapeId, &'a Shape>;

/// Reports every shape of `model` whose recursion cannot end.
pub fn check(model: &Model, errors: &mut ModelErrors) {
    let index = model.index();
    let ends = shapes_that_end(model, &index);
    for shape in &model.shapes {
        match shape.shape_type {
            ShapeType::List | ShapeType::Map => {
                let path = path_back(&index, shape, |from, _| {
                    matches!(from.shape_type, ShapeType::List | ShapeType::Map)
                });
                if let Some(path) = path {
                    errors.report(
                        &shape.id,
                        format!(
                            "Found invalid shape recursion: {path}. A recursive list, set, or \
                             map shape is only valid if an intermediate reference is through a \
                             union or structure."
                        ),
                    );
                }
            }
            ShapeType::Structure => {
                let path = path_back(&index, shape, |from, member| {
                    from.shape_type == ShapeType::Structure
                        && traits::has(&member.traits, traits::REQUIRED)
                });
                if let Some(path) = path {
                    errors.report(
                        &shape.id,
                        format!(
                            "Found invalid shape recursion: {path}. A structure cannot be \
                             mutually recursive through all required members."
                        ),
                    );
                }
            }
            // An empty union is another rule's problem.
            ShapeType::Union if !shape.members.is_empty() && !ends.contains(&shape.id) => {
                errors.report(
                    &shape.id,
                    "It is impossible to create instances of this recursive union",
                );
            }
            _ => {}
        }
    }
}

/// The shortest way from `start` back to itself through the members `follow` allows, as
/// Smithy prints it: `A$m > B > B$n > A`.
fn path_back(
    index: &Index<'_>,
    start: &Shape,
    follow: impl Fn(&Shape, &Member) -> bool,
) -> Option<String> {
    // How each shape was first reached: (from, member).
    let mut reached: BTreeMap<&ShapeId, (&ShapeId, &str)> = BTreeMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(shape) = queue.pop_front() {
        for member in shape.members.iter().filter(|m| follow(shape, m)) {
            if member.target == start.id {
                return Some(format_path(&reached, &start.id, (&shape.id, &member.name)));
            }
            let Some(next) = index.get(&member.target) else {
                continue;
            };
            if !reached.contains_key(&next.id) {
                reached.insert(&next.id, (&shape.id, &member.name));
                queue.push_back(next);
            }
        }
    }
    None
}

/// The path that ends with `last` (the member leading back to `start`).
fn format_path(
    reached: &BTreeMap<&ShapeId, (&ShapeId, &str)>,
    start: &ShapeId,
    last: (&ShapeId, &str),
) -> String {
    let mut steps = vec![last];
    let mut at = last.0;
    while at != start {
        let Some(step) = reached.get(at) else {
            break;
        };
        steps.push(*step);
        at = step.0;
    }
    steps.reverse();
    let mut parts = Vec::new();
    for (i, (from, member)) in steps.iter().enumerate() {
        parts.push(from.member(member).to_string());
        let to = steps.get(i + 1).map_or(start, |next| next.0);
        parts.push(to.to_string());
    }
    parts.join(" > ")
}

/// The structures and unions a finite value can be built for (the least fixed point of the
/// rules in the module's comment; everything else always ends).
fn shapes_that_end<'a>(model: &'a Model, index: &Index<'a>) -> BTreeSet<&'a ShapeId> {
    let aggregate = |t: ShapeType| matches!(t, ShapeType::Structure | ShapeType::Union);
    let mut ends: BTreeSet<&ShapeId> = BTreeSet::new();
    let target_ends = |ends: &BTreeSet<&ShapeId>, member: &Member| {
        index
            .get(&member.target)
            .is_none_or(|t| !aggregate(t.shape_type) || ends.contains(&t.id))
    };
    loop {
        let mut changed = false;
        for shape in model.shapes.iter().filter(|s| aggregate(s.shape_type)) {
            if ends.contains(&shape.id) {
                continue;
            }
            let required = |m: &Member| traits::has(&m.traits, traits::REQUIRED);
            let this_ends = if shape.shape_type == ShapeType::Structure {
                shape.members.is_empty()
                    || shape.members.iter().any(|m| !required(m))
                    || shape.members.iter().any(|m| target_ends(&ends, m))
            } else {
                shape.members.iter().any(|m| target_ends(&ends, m))
            };
            if this_ends {
                ends.insert(&shape.id);
                changed = true;
            }
        }
        if !changed {
            return ends;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::load::load_json;

    /// The messages `check` reports for `shapes`, each `shape: message`.
    fn problems(shapes: &str) -> Vec<String> {
        let text = format!(r#"{{"smithy": "2.0", "shapes": {{{shapes}}}}}"#);
        let doc = crate::json::Json::parse(&text).unwrap_or_else(|e| panic!("{e}"));
        let model = load_json(&doc).unwrap_or_else(|e| panic!("{e}"));
        let mut errors = crate::diagnostics::ModelErrors::default();
        super::check(&model, &mut errors);
        errors.errors().iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_structure_that_requires_itself_is_refused_with_its_path() {
        let found = problems(
            r#""a#S": {"type": "structure", "members": {
                   "next": {"target": "a#T", "traits": {"smithy.api#required": {}}},
                   "other": {"target": "a#S"}}},
               "a#T": {"type": "structure", "members": {
                   "back": {"target": "a#S", "traits": {"smithy.api#required": {}}}}}"#,
        );
        assert_eq!(
            found,
            [
                "a#S: Found invalid shape recursion: a#S$next > a#T > a#T$back > a#S. A \
                 structure cannot be mutually recursive through all required members.",
                "a#T: Found invalid shape recursion: a#T$back > a#S > a#S$next > a#T. A \
                 structure cannot be mutually recursive through all required members.",
            ]
        );
    }

    #[test]
    fn recursion_through_an_optional_member_a_list_or_a_union_is_accepted() {
        let found = problems(
            r#""a#S": {"type": "structure", "members": {
                   "optional": {"target": "a#S"},
                   "list": {"target": "a#L", "traits": {"smithy.api#required": {}}},
                   "union": {"target": "a#U", "traits": {"smithy.api#required": {}}}}},
               "a#L": {"type": "list", "member": {"target": "a#S"}},
               "a#U": {"type": "union", "members": {
                   "again": {"target": "a#U"}, "leaf": {"target": "smithy.api#String"}}}"#,
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_list_or_map_of_itself_is_refused() {
        let found = problems(
            r#""a#L": {"type": "list", "member": {"target": "a#M"}},
               "a#M": {"type": "map", "key": {"target": "smithy.api#String"},
                       "value": {"target": "a#L"}}"#,
        );
        assert_eq!(
            found,
            [
                "a#L: Found invalid shape recursion: a#L$member > a#M > a#M$value > a#L. A \
                 recursive list, set, or map shape is only valid if an intermediate reference \
                 is through a union or structure.",
                "a#M: Found invalid shape recursion: a#M$value > a#L > a#L$member > a#M. A \
                 recursive list, set, or map shape is only valid if an intermediate reference \
                 is through a union or structure.",
            ]
        );
    }

    #[test]
    fn a_union_without_a_member_that_ends_is_refused() {
        let found = problems(
            r#""a#U": {"type": "union", "members": {"a": {"target": "a#U"}, "b": {"target": "a#S"}}},
               "a#S": {"type": "structure", "members": {
                   "u": {"target": "a#U", "traits": {"smithy.api#required": {}}}}},
               "a#Fine": {"type": "union", "members": {"u": {"target": "a#U"},
                   "s": {"target": "smithy.api#String"}}}"#,
        );
        assert_eq!(
            found,
            ["a#U: It is impossible to create instances of this recursive union"]
        );
    }
}
