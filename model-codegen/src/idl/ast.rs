//! The parsed form of one IDL file, before any shape id is resolved.
//!
//! The parser fills this in and `resolve` turns it into the JSON AST. Shape ids are kept as
//! written (with where they were written) because resolving a relative id needs every file's
//! shape names, which are only known once all files are parsed.

use super::lexer::Pos;
pub(super) use crate::shape_id::{is_identifier, is_namespace, split_member};

/// A node value (trait value, metadata value, service or resource property).
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Node {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number.
    Number(serde_json::Number),
    /// A number beyond `f64`'s range, as written.
    BigNumber(String),
    /// A quoted string or text block.
    String(String),
    /// An unquoted shape id, resolved to an absolute id string later.
    ShapeId(Ref),
    /// `[ ... ]`
    Array(Vec<Node>),
    /// `{ key: value ... }`, in source order.
    Object(Vec<(String, Node)>),
}

/// A shape id as written, and where.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Ref {
    /// The id text, relative or absolute, possibly with a `$member`.
    pub(super) id: String,
    /// Where it was written.
    pub(super) pos: Pos,
}

/// One applied trait.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Trait {
    /// The trait's shape id, as written.
    pub(super) id: Ref,
    /// Its value; `None` when none was given (`@t` or `@t()`), which `resolve` makes `[]`
    /// for a list trait and `{}` for any other.
    pub(super) value: Option<Node>,
}

/// A member of an aggregate or enum shape.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Member {
    /// The member name.
    pub(super) name: String,
    /// Where the name is.
    pub(super) pos: Pos,
    /// The target; `None` for an elided `$name` (taken from a resource or mixin).
    pub(super) target: Option<Ref>,
    /// `///` documentation, lines joined with `\n`.
    pub(super) docs: Option<String>,
    /// Traits in source order.
    pub(super) traits: Vec<Trait>,
    /// `= value`: the default of a structure member, the value of an enum member.
    pub(super) value: Option<Node>,
}

/// An operation's body.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct OperationBody {
    /// `input: X`, or the generated name of an inline `input := {}`.
    pub(super) input: Option<Ref>,
    /// `output: X`, or the generated name of an inline `output := {}`.
    pub(super) output: Option<Ref>,
    /// `errors: [...]`
    pub(super) errors: Option<Vec<Ref>>,
}

/// What follows a shape's name.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Body {
    /// A simple shape: nothing.
    Simple,
    /// `enum` or `intEnum` members.
    Enum(Vec<Member>),
    /// `list`, `set`, `map`, `structure` or `union` members.
    Members(Vec<Member>),
    /// An operation's input, output and errors.
    Operation(OperationBody),
    /// A service's or resource's properties, as a node object.
    Properties(Vec<(String, Node)>),
}

/// One shape statement (or inline input/output structure).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Shape {
    /// The JSON AST type name (`structure`, `intEnum`, `set`, ...).
    pub(super) kind: &'static str,
    /// The shape's name in the file's namespace.
    pub(super) name: String,
    /// Where the name is.
    pub(super) pos: Pos,
    /// `///` documentation.
    pub(super) docs: Option<String>,
    /// Traits in source order.
    pub(super) traits: Vec<Trait>,
    /// `with [...]`
    pub(super) mixins: Vec<Ref>,
    /// `for Resource` (structures only): where elided members may find their targets.
    pub(super) for_resource: Option<Ref>,
    /// The body.
    pub(super) body: Body,
}

/// `apply Target @trait` or `apply Target { ... }`.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Apply {
    /// The target shape or member.
    pub(super) target: Ref,
    /// The traits to apply.
    pub(super) traits: Vec<Trait>,
}

/// A statement of the shape section, in source order.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Item {
    /// A shape definition.
    Shape(Shape),
    /// An apply statement.
    Apply(Apply),
}

/// One parsed file.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct File {
    /// The path, for diagnostics.
    pub(super) path: String,
    /// The JSON AST version string: `"1.0"` or `"2.0"`.
    pub(super) version: &'static str,
    /// The namespace, if declared.
    pub(super) namespace: Option<String>,
    /// `use` statements: absolute ids.
    pub(super) uses: Vec<Ref>,
    /// Metadata statements in source order.
    pub(super) metadata: Vec<(String, Pos, Node)>,
    /// Shapes and applies in source order.
    pub(super) items: Vec<Item>,
}

impl File {
    /// The shapes the file defines (including generated inline inputs and outputs).
    pub(super) fn shapes(&self) -> impl Iterator<Item = &Shape> {
        self.items.iter().filter_map(|item| match item {
            Item::Shape(shape) => Some(shape),
            Item::Apply(_) => None,
        })
    }
}

/// Whether `text` is a shape id, relative or absolute, with or without a `$member`.
pub(super) fn is_shape_id(text: &str) -> bool {
    let (root, member) = split_member(text);
    let root_ok = match root.split_once('#') {
        Some((namespace, name)) => is_namespace(namespace) && is_identifier(name),
        None => is_identifier(root),
    };
    root_ok && member.is_none_or(is_identifier)
}

/// The members a list, set or map has, in order (nothing for any other kind).
pub(super) fn collection_members(kind: &str) -> &'static [&'static str] {
    match kind {
        "list" | "set" => &["member"],
        "map" => &["key", "value"],
        _ => &[],
    }
}

/// What list, set, map, enum or intEnum `shape` lacks of the members it must have, as a
/// phrase (`` a `member` member ``), or `None`. A shape with mixins may inherit any member, so
/// it lacks none here.
pub(super) fn lacking_members(shape: &Shape) -> Option<String> {
    if !shape.mixins.is_empty() {
        return None;
    }
    match &shape.body {
        Body::Enum(members) if members.is_empty() => Some("at least one member".to_owned()),
        Body::Members(members) => {
            let missing: Vec<&str> = collection_members(shape.kind)
                .iter()
                .filter(|name| !members.iter().any(|m| m.name == **name))
                .copied()
                .collect();
            (!missing.is_empty()).then(|| members_phrase(&missing))
        }
        _ => None,
    }
}

/// `` a `member` member ``, `` the `key` and `value` members ``: member names for a sentence.
pub(super) fn members_phrase(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.as_slice() {
        [one] => format!("a {one} member"),
        _ => format!("the {} members", quoted.join(" and ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_id_syntax() {
        for ok in ["A", "_a1", "a.b#C", "a.b#C$d", "C$d", "smithy.api#String"] {
            assert!(is_shape_id(ok), "{ok}");
        }
        for bad in [
            "", "_", "1a", "a.b", "a#", "#A", "a.#B", "A$", "A$b$c", "a..b#C", "a#b#C",
        ] {
            assert!(!is_shape_id(bad), "{bad}");
        }
    }
}
