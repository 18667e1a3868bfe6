//! `ShapeClosure`: the `shapeClosures` metadata, each a named set of shapes: ids unique and
//! not those of shapes, at least one of `includeNamespaces` and `includeBySelector`, and
//! renames of shapes in the closure that change their names. Reported at no shape (`-`).

use std::collections::BTreeSet;

use super::graph::Graph;
use crate::diagnostics::ModelErrors;
use crate::json::Json;

const EVENT: &str = "ShapeClosure";

/// Reports every malformed shape closure of the model's `metadata`.
pub fn check(graph: &Graph<'_>, metadata: Option<&Json>, errors: &mut ModelErrors) {
    let closures = metadata
        .and_then(|m| m.get("shapeClosures"))
        .and_then(Json::as_array)
        .unwrap_or_default();
    let mut ids = BTreeSet::new();
    for closure in closures {
        let Some(id) = closure.get("id").and_then(Json::as_str) else {
            continue;
        };
        let mut report = |message: String| errors.emit(EVENT, "-", message);
        if !ids.insert(id) {
            report(format!("two shape closures have the id `{id}`"));
        }
        if graph.get(id).is_some_and(|i| !graph.nodes[i].prelude) {
            report(format!(
                "the shape closure id `{id}` is also the id of a shape"
            ));
        }
        let namespaces: Vec<&str> = closure
            .get("includeNamespaces")
            .and_then(Json::as_array)
            .unwrap_or_default()
            .iter()
            .filter_map(Json::as_str)
            .collect();
        let selector = closure.get("includeBySelector").and_then(Json::as_str);
        if namespaces.is_empty() && selector.is_none() {
            report(format!(
                "the shape closure `{id}` has neither `includeNamespaces` nor `includeBySelector`"
            ));
            continue;
        }
        // A selector this checker does not evaluate leaves the closure unknown.
        let selected = match selector {
            Some(text) => match graph.selected(text) {
                Some(table) => Some(table),
                None => continue,
            },
            None => None,
        };
        let renames = closure
            .get("rename")
            .and_then(Json::as_object)
            .unwrap_or_default();
        for (from, to) in renames {
            let Some(index) = graph.get(from) else {
                continue;
            };
            let node = &graph.nodes[index];
            let inside = namespaces.contains(&node.shape_id.namespace())
                || selected.as_ref().is_some_and(|table| table[index]);
            if !inside {
                report(format!(
                    "the shape closure `{id}` renames `{from}`, which it does not hold"
                ));
            } else if to.as_str() == Some(node.shape_id.name()) {
                report(format!(
                    "the shape closure `{id}` renames `{from}` to `{}`, the name it already has",
                    node.shape_id.name()
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::graph::Graph;
    use crate::diagnostics::ModelErrors;
    use crate::json::Json;

    fn problems(metadata: &str) -> Vec<String> {
        let model = crate::load::load_str(
            r#"{"smithy": "2.0", "shapes": {"a#Foo": {"type": "structure"},
                                            "b#Other": {"type": "structure"}}}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let graph = Graph::new(&model);
        let json = Json::parse(metadata).unwrap_or_else(|e| panic!("{e}"));
        let mut errors = ModelErrors::default();
        super::check(&graph, Some(&json), &mut errors);
        errors.errors().iter().map(ToString::to_string).collect()
    }

    #[test]
    fn malformed_shape_closures_are_reported() {
        assert_eq!(
            problems(r#"{"shapeClosures": [{"id": "a#Foo", "includeNamespaces": ["a"]}]}"#),
            ["-: the shape closure id `a#Foo` is also the id of a shape | ShapeClosure"]
        );
        assert_eq!(
            problems(
                r#"{"shapeClosures": [{"id": "a#C", "includeNamespaces": ["a"],
                                       "rename": {"b#Other": "Renamed"}}]}"#
            ),
            ["-: the shape closure `a#C` renames `b#Other`, which it does not hold | ShapeClosure"]
        );
        assert_eq!(
            problems(
                r#"{"shapeClosures": [{"id": "a#C", "includeNamespaces": ["a"],
                                       "rename": {"a#Foo": "Renamed"}}]}"#
            ),
            Vec::<String>::new()
        );
    }
}
