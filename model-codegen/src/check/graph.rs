//! The whole model as Smithy's validators see it: every shape and every member a node, the
//! prelude's shapes and trait definitions beside the model's, and the relationships between
//! them (selectors.rst, "Relationships") as labelled edges.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::OnceLock;

use super::selector::Selector;

use crate::load::{Member, Model, Shape, ShapeType, Traits};
use crate::shape_id::ShapeId;

/// The `@trait` trait's id: a shape with it defines a trait.
pub const TRAIT: &str = "smithy.api#trait";

/// A labelled relationship from one node to another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rel {
    /// A container to its member.
    Member,
    /// A member to its target (no name in selectors).
    Target,
    /// An operation to its input.
    Input,
    /// An operation to its output.
    Output,
    /// An operation, resource or service to an error.
    Error,
    /// A service or resource to a bound operation.
    Operation,
    /// A service or resource to a bound resource.
    Resource,
    /// An operation or resource to the service or resource it is bound to.
    Bound,
    /// A resource to a lifecycle operation: `create`, `put`, `read`, `update`, `delete` or
    /// `list` (one of [`crate::load::LIFECYCLE`]).
    Lifecycle(&'static str),
}

/// A shape or a member.
#[derive(Clone, Debug)]
pub struct Node<'m> {
    /// The absolute id (`a.b#S`, `a.b#S$m`).
    pub id: String,
    /// The shape's id (the container's, for a member).
    pub shape_id: &'m ShapeId,
    /// The member name, for a member.
    pub member: Option<&'m str>,
    /// The shape's type; `None` for a member.
    pub shape_type: Option<ShapeType>,
    /// The shape (the container, for a member).
    pub shape: &'m Shape,
    /// Traits applied to the node.
    pub traits: &'m Traits,
    /// Whether the node is the prelude's.
    pub prelude: bool,
    /// Relationships from this node.
    pub out: Vec<(Rel, usize)>,
    /// Relationships to this node.
    pub back: Vec<(Rel, usize)>,
}

impl Node<'_> {
    /// The member's target, for a member.
    pub fn target<'g>(&self, graph: &'g Graph<'_>) -> Option<&'g Node<'g>> {
        self.out
            .iter()
            .find(|(rel, _)| *rel == Rel::Target)
            .map(|&(_, to)| &graph.nodes[to])
    }
}

/// Every node of a model and of the prelude.
#[derive(Debug)]
pub struct Graph<'m> {
    /// Shapes and members; a shape's members follow it.
    pub nodes: Vec<Node<'m>>,
    /// Node indices by id.
    pub by_id: HashMap<String, usize>,
    /// What each selector text matches (`None`: a selector not evaluated here), evaluated
    /// once per graph.
    selected: RefCell<HashMap<String, Option<Rc<Vec<bool>>>>>,
}

impl<'m> Graph<'m> {
    /// The graph of `model` with the prelude.
    pub fn new(model: &'m Model) -> Graph<'m> {
        let prelude = prelude();
        let own: std::collections::HashSet<&ShapeId> = model.shapes.iter().map(|s| &s.id).collect();
        let shapes = model.shapes.iter().map(|s| (s, false)).chain(
            prelude
                .shapes
                .iter()
                .filter(|s| !own.contains(&s.id))
                .map(|s| (s, true)),
        );
        let mut graph = Graph {
            nodes: Vec::new(),
            by_id: HashMap::new(),
            selected: RefCell::new(HashMap::new()),
        };
        for (shape, prelude) in shapes {
            graph.add_shape(shape, prelude);
        }
        graph.link();
        graph
    }

    fn add_shape(&mut self, shape: &'m Shape, prelude: bool) {
        let node = Node {
            id: shape.id.to_string(),
            shape_id: &shape.id,
            member: None,
            shape_type: Some(shape.shape_type),
            shape,
            traits: &shape.traits,
            prelude,
            out: Vec::new(),
            back: Vec::new(),
        };
        self.by_id.insert(node.id.clone(), self.nodes.len());
        self.nodes.push(node);
        for member in &shape.members {
            self.add_member(shape, member, prelude);
        }
    }

    fn add_member(&mut self, shape: &'m Shape, member: &'m Member, prelude: bool) {
        let node = Node {
            id: shape.id.member(&member.name),
            shape_id: &shape.id,
            member: Some(&member.name),
            shape_type: None,
            shape,
            traits: &member.traits,
            prelude,
            out: Vec::new(),
            back: Vec::new(),
        };
        self.by_id.insert(node.id.clone(), self.nodes.len());
        self.nodes.push(node);
    }

    /// The node of `id`.
    pub fn get(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    fn link(&mut self) {
        let mut edges = Vec::new();
        for (from, node) in self.nodes.iter().enumerate() {
            let shape = node.shape;
            if let Some(name) = node.member {
                let target = shape.member(name).map(|m| m.target.to_string());
                if let Some(to) = target.and_then(|t| self.get(&t)) {
                    edges.push((from, Rel::Target, to));
                }
                continue;
            }
            for member in &shape.members {
                if let Some(to) = self.get(&shape.id.member(&member.name)) {
                    edges.push((from, Rel::Member, to));
                }
            }
            let mut add = |rel: Rel, id: &ShapeId| {
                if let Some(to) = self.get(&id.to_string()) {
                    edges.push((from, rel, to));
                }
            };
            let unit = |id: &&ShapeId| !(id.is_prelude() && id.name() == "Unit");
            if let Some(input) = shape.input.as_ref().filter(unit) {
                add(Rel::Input, input);
            }
            if let Some(output) = shape.output.as_ref().filter(unit) {
                add(Rel::Output, output);
            }
            for error in &shape.errors {
                add(Rel::Error, error);
            }
            for op in &shape.operations {
                add(Rel::Operation, op);
            }
            for resource in &shape.resources {
                add(Rel::Resource, resource);
            }
            for (property, op) in &shape.lifecycle {
                add(Rel::Lifecycle(property), op);
            }
        }
        // Bound: from each bound operation or resource back to what binds it.
        let bound: Vec<(usize, Rel, usize)> = edges
            .iter()
            .filter(|(_, rel, _)| matches!(rel, Rel::Operation | Rel::Resource))
            .map(|&(from, _, to)| (to, Rel::Bound, from))
            .collect();
        for (from, rel, to) in edges.into_iter().chain(bound) {
            self.nodes[from].out.push((rel, to));
            self.nodes[to].back.push((rel, from));
        }
    }

    /// Which nodes the selector `text` matches, indexed like `nodes`; `None` when it is one
    /// this checker does not evaluate (see [`Selector::parse`]).
    pub fn selected(&self, text: &str) -> Option<Rc<Vec<bool>>> {
        if let Some(known) = self.selected.borrow().get(text) {
            return known.clone();
        }
        let table = Selector::parse(text)
            .ok()
            .map(|selector| Rc::new(selector.matches(self)));
        self.selected
            .borrow_mut()
            .insert(text.to_owned(), table.clone());
        table
    }

    /// The definition of the trait `id` (a shape with `@trait`), if the model or the
    /// prelude has it.
    pub fn trait_definition(&self, id: &str) -> Option<&Node<'m>> {
        self.get(id)
            .map(|i| &self.nodes[i])
            .filter(|n| n.member.is_none() && n.traits.contains_key(TRAIT))
    }
}

/// The prelude's shapes: its simple types, `Unit` and every trait definition with the shapes
/// their values take, read once from `prelude.smithy` (the definitions of the spec, without
/// their documentation).
pub fn prelude() -> &'static Model {
    static PRELUDE: OnceLock<Model> = OnceLock::new();
    PRELUDE.get_or_init(|| {
        let text = include_str!("prelude.smithy");
        let files = [("<prelude>".to_owned(), text.to_owned())];
        crate::idl::to_json_ast(&files, &[])
            .ok()
            .and_then(|docs| docs.into_iter().next())
            .and_then(|doc| crate::load::load_json(&doc).ok())
            .unwrap_or(Model {
                version: "2.0".to_owned(),
                shapes: Vec::new(),
            })
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_prelude_loads_with_its_trait_definitions() {
        let prelude = super::prelude();
        let has = |name: &str| {
            prelude
                .shapes
                .iter()
                .any(|s| s.id.name() == name && s.id.is_prelude())
        };
        for name in [
            "String",
            "Unit",
            "trait",
            "length",
            "range",
            "default",
            "enumValue",
        ] {
            assert!(has(name), "{name}");
        }
    }
}
