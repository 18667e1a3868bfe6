//! Smithy's selector language (selectors.rst): what a trait's `selector` says about where it
//! may be applied. Parsed into [`Selector`], evaluated over a [`Graph`].
//!
//! Covered: shape types, attribute selectors (`id`, `trait`, `service`, node properties and
//! projections, every string and numeric comparator, `i`), `:is`, `:not`, `:test`, and the
//! neighbors `>`, `<`, `~>`, `<~`, `-[..]->`, `<-[..]-` over the relationships the loaded
//! model keeps. What is not (variables, scoped attributes, projection comparators, the
//! resource lifecycle, identifier, property, mixin and trait relationships, other functions)
//! makes [`Selector::parse`] answer [`Unsupported`], and the caller then checks nothing.

use serde_json::Value;

use super::graph::{Graph, Node, Rel};
use crate::load::ShapeType;

/// A parsed selector: expressions applied left to right.
#[derive(Clone, Debug, PartialEq)]
pub struct Selector(Vec<Expr>);

/// A selector this module cannot evaluate: malformed (`syntax`), or using a construct it
/// leaves out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unsupported {
    /// What and where.
    pub message: String,
    /// Whether the selector is malformed, rather than valid but not evaluated here.
    pub syntax: bool,
}

#[derive(Clone, Debug, PartialEq)]
enum Expr {
    /// `*`, a shape type, `member`, `number`, `simpleType`, `collection`.
    Type(String),
    /// `[path]` or `[path op values]`.
    Attr(Attr),
    /// `:is(..)`: every shape any of the selectors yields.
    Is(Vec<Selector>),
    /// `:not(..)`: the shape, if none of the selectors yields anything from it.
    Not(Vec<Selector>),
    /// `:test(..)`: the shape, if any of the selectors yields something from it.
    Test(Vec<Selector>),
    /// A neighbor traversal.
    Neighbor(Neighbor),
}

#[derive(Clone, Debug, PartialEq)]
enum Neighbor {
    /// `>`
    Forward,
    /// `<`
    Reverse,
    /// `~>`
    ForwardRecursive,
    /// `<~`
    ReverseRecursive,
    /// `-[a, b]->`
    ForwardDirected(Vec<Rel>),
    /// `<-[a, b]-`
    ReverseDirected(Vec<Rel>),
}

#[derive(Clone, Debug, PartialEq)]
struct Attr {
    path: Vec<String>,
    comparison: Option<Comparison>,
}

#[derive(Clone, Debug, PartialEq)]
struct Comparison {
    op: Op,
    values: Vec<String>,
    case_insensitive: bool,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Op {
    Eq,
    Ne,
    StartsWith,
    EndsWith,
    Contains,
    Exists,
    Gt,
    Ge,
    Lt,
    Le,
}

impl Selector {
    /// Parses `text`.
    pub fn parse(text: &str) -> Result<Selector, Unsupported> {
        let mut parser = Parser {
            chars: text.chars().collect(),
            pos: 0,
        };
        let selector = parser.selector()?;
        parser.skip_ws();
        if parser.pos < parser.chars.len() {
            return Err(parser.error("unexpected text"));
        }
        if selector.0.is_empty() {
            return Err(parser.error("an empty selector"));
        }
        Ok(selector)
    }

    /// Every node the selector yields, from each node of the graph as a starting shape, as a
    /// membership table indexed like `graph.nodes`.
    pub fn matches(&self, graph: &Graph<'_>) -> Vec<bool> {
        let all: Vec<usize> = (0..graph.nodes.len()).collect();
        let mut yielded = vec![false; graph.nodes.len()];
        for i in self.eval(graph, all) {
            yielded[i] = true;
        }
        yielded
    }

    fn eval(&self, graph: &Graph<'_>, mut set: Vec<usize>) -> Vec<usize> {
        for expr in &self.0 {
            if set.is_empty() {
                break;
            }
            set = expr.eval(graph, set);
        }
        set
    }

    fn yields_from(&self, graph: &Graph<'_>, node: usize) -> bool {
        !self.eval(graph, vec![node]).is_empty()
    }
}

fn dedup(mut set: Vec<usize>) -> Vec<usize> {
    set.sort_unstable();
    set.dedup();
    set
}

impl Expr {
    fn eval(&self, graph: &Graph<'_>, set: Vec<usize>) -> Vec<usize> {
        match self {
            Expr::Type(name) => set
                .into_iter()
                .filter(|&i| type_matches(name, &graph.nodes[i]))
                .collect(),
            Expr::Attr(attr) => set
                .into_iter()
                .filter(|&i| attr.matches(graph, &graph.nodes[i]))
                .collect(),
            Expr::Is(selectors) => dedup(
                selectors
                    .iter()
                    .flat_map(|s| s.eval(graph, set.clone()))
                    .collect(),
            ),
            Expr::Not(selectors) => set
                .into_iter()
                .filter(|&i| !selectors.iter().any(|s| s.yields_from(graph, i)))
                .collect(),
            Expr::Test(selectors) => set
                .into_iter()
                .filter(|&i| selectors.iter().any(|s| s.yields_from(graph, i)))
                .collect(),
            Expr::Neighbor(neighbor) => dedup(
                set.into_iter()
                    .flat_map(|i| neighbor.step(graph, i))
                    .collect(),
            ),
        }
    }
}

impl Neighbor {
    fn step(&self, graph: &Graph<'_>, from: usize) -> Vec<usize> {
        let node = &graph.nodes[from];
        match self {
            Neighbor::Forward => node.out.iter().map(|&(_, to)| to).collect(),
            Neighbor::Reverse => node.back.iter().map(|&(_, to)| to).collect(),
            Neighbor::ForwardDirected(rels) => node
                .out
                .iter()
                .filter(|(rel, _)| rels.contains(rel))
                .map(|&(_, to)| to)
                .collect(),
            Neighbor::ReverseDirected(rels) => node
                .back
                .iter()
                .filter(|(rel, _)| rels.contains(rel))
                .map(|&(_, to)| to)
                .collect(),
            Neighbor::ForwardRecursive | Neighbor::ReverseRecursive => {
                let forward = *self == Neighbor::ForwardRecursive;
                let mut seen = vec![false; graph.nodes.len()];
                let mut stack = vec![from];
                let mut found = Vec::new();
                while let Some(i) = stack.pop() {
                    let node = &graph.nodes[i];
                    let edges = if forward { &node.out } else { &node.back };
                    for &(_, to) in edges {
                        if !seen[to] {
                            seen[to] = true;
                            found.push(to);
                            stack.push(to);
                        }
                    }
                }
                found
            }
        }
    }
}

fn type_matches(name: &str, node: &Node<'_>) -> bool {
    use ShapeType as T;
    let Some(t) = node.shape_type else {
        return name == "member" || name == "*";
    };
    let number = matches!(
        t,
        T::Byte
            | T::Short
            | T::Integer
            | T::IntEnum
            | T::Long
            | T::Float
            | T::Double
            | T::BigInteger
            | T::BigDecimal
    );
    match name {
        "*" => true,
        "number" => number,
        "simpleType" => {
            number
                || matches!(
                    t,
                    T::Blob | T::Boolean | T::String | T::Enum | T::Timestamp | T::Document
                )
        }
        "collection" | "set" | "list" => t == T::List,
        // A shape that holds data: a simple or aggregate type, not a service, operation or
        // resource (newer than the selector text at hand; known from Smithy's own tests).
        "dataType" => !matches!(t, T::Service | T::Operation | T::Resource),
        // An enum is a string, an intEnum an integer (Smithy 2.0's type hierarchy).
        "string" => matches!(t, T::String | T::Enum),
        "integer" => matches!(t, T::Integer | T::IntEnum),
        other => t.as_str() == other,
    }
}

/// An attribute's value: a string, a node (a trait's value or part of it), a projection of
/// values, or nothing.
#[derive(Clone, Debug)]
enum AttrValue<'a> {
    Missing,
    Text(String),
    Node(&'a Value),
    Projection(Vec<AttrValue<'a>>),
}

impl AttrValue<'_> {
    fn exists(&self) -> bool {
        match self {
            AttrValue::Missing => false,
            AttrValue::Projection(items) => !items.is_empty(),
            _ => true,
        }
    }

    fn text(&self) -> Option<String> {
        match self {
            AttrValue::Text(s) => Some(s.clone()),
            AttrValue::Node(Value::String(s)) => Some(s.clone()),
            AttrValue::Node(Value::Number(n)) => Some(n.to_string()),
            AttrValue::Node(Value::Bool(b)) => Some(b.to_string()),
            _ => None,
        }
    }

    /// The value and, for a projection, each value in it.
    fn flattened(self) -> Vec<Self> {
        match self {
            AttrValue::Projection(items) => items.into_iter().flat_map(Self::flattened).collect(),
            other => vec![other],
        }
    }
}

impl Attr {
    fn matches(&self, graph: &Graph<'_>, node: &Node<'_>) -> bool {
        let value = self.resolve(graph, node);
        let Some(comparison) = &self.comparison else {
            return value.exists();
        };
        if comparison.op == Op::Exists {
            let wanted = comparison.values.iter().any(|v| v == "true");
            let none = comparison.values.iter().any(|v| v == "false");
            return if value.exists() { wanted } else { none };
        }
        value
            .flattened()
            .iter()
            .filter_map(AttrValue::text)
            .any(|text| {
                comparison
                    .values
                    .iter()
                    .any(|v| compare(comparison.op, &text, v, comparison.case_insensitive))
            })
    }

    fn resolve<'a>(&self, _graph: &Graph<'_>, node: &Node<'a>) -> AttrValue<'a> {
        let mut keys = self.path.iter().map(String::as_str);
        let value = match keys.next() {
            Some("id") => return id_attr(node, keys.collect()),
            Some("service") => {
                if node.shape_type != Some(ShapeType::Service) {
                    return AttrValue::Missing;
                }
                return match keys.next() {
                    None => AttrValue::Text(node.id.clone()),
                    Some("id") => id_attr(node, keys.collect()),
                    Some("version") => node
                        .shape
                        .version
                        .clone()
                        .map_or(AttrValue::Missing, AttrValue::Text),
                    Some(_) => AttrValue::Missing,
                };
            }
            Some("trait") => match keys.next() {
                None => {
                    if node.traits.is_empty() {
                        AttrValue::Missing
                    } else {
                        AttrValue::Text(String::new())
                    }
                }
                Some("(keys)") => AttrValue::Projection(
                    node.traits
                        .keys()
                        .map(|k| AttrValue::Text(k.clone()))
                        .collect(),
                ),
                Some("(values)") => {
                    AttrValue::Projection(node.traits.values().map(AttrValue::Node).collect())
                }
                Some("(length)") => AttrValue::Text(node.traits.len().to_string()),
                Some(name) => {
                    let id = if name.contains('#') {
                        name.to_owned()
                    } else {
                        format!("smithy.api#{name}")
                    };
                    node.traits
                        .get(&id)
                        .map_or(AttrValue::Missing, AttrValue::Node)
                }
            },
            _ => AttrValue::Missing,
        };
        keys.fold(value, node_property)
    }
}

fn id_attr<'a>(node: &Node<'_>, keys: Vec<&str>) -> AttrValue<'a> {
    let mut keys = keys.into_iter();
    let text = match keys.next() {
        None => Some(node.id.clone()),
        Some("namespace") => Some(node.shape_id.namespace().to_owned()),
        Some("name") => Some(node.shape_id.name().to_owned()),
        Some("member") => node.member.map(str::to_owned),
        Some("(length)") => return AttrValue::Text(node.id.len().to_string()),
        Some(_) => None,
    };
    let Some(text) = text else {
        return AttrValue::Missing;
    };
    match keys.next() {
        None => AttrValue::Text(text),
        Some("(length)") => AttrValue::Text(text.chars().count().to_string()),
        Some(_) => AttrValue::Missing,
    }
}

/// `value|key`: an object's property, or a projection of its keys or values, or a length.
fn node_property<'a>(value: AttrValue<'a>, key: &str) -> AttrValue<'a> {
    match value {
        AttrValue::Projection(items) => AttrValue::Projection(
            items
                .into_iter()
                .map(|item| node_property(item, key))
                .filter(AttrValue::exists)
                .collect(),
        ),
        AttrValue::Node(node) => match (node, key) {
            (Value::Object(map), "(keys)") => {
                AttrValue::Projection(map.keys().map(|k| AttrValue::Text(k.clone())).collect())
            }
            (Value::Object(map), "(values)") => {
                AttrValue::Projection(map.values().map(AttrValue::Node).collect())
            }
            (Value::Array(items), "(values)") => {
                AttrValue::Projection(items.iter().map(AttrValue::Node).collect())
            }
            (Value::Object(map), "(length)") => AttrValue::Text(map.len().to_string()),
            (Value::Array(items), "(length)") => AttrValue::Text(items.len().to_string()),
            (Value::String(s), "(length)") => AttrValue::Text(s.chars().count().to_string()),
            (Value::Object(map), key) => map.get(key).map_or(AttrValue::Missing, AttrValue::Node),
            _ => AttrValue::Missing,
        },
        _ => AttrValue::Missing,
    }
}

fn compare(op: Op, left: &str, right: &str, case_insensitive: bool) -> bool {
    let (l, r) = if case_insensitive {
        (left.to_lowercase(), right.to_lowercase())
    } else {
        (left.to_owned(), right.to_owned())
    };
    let numbers = || Some((l.parse::<f64>().ok()?, r.parse::<f64>().ok()?));
    match op {
        Op::Eq => l == r,
        Op::Ne => l != r,
        Op::StartsWith => l.starts_with(&r),
        Op::EndsWith => l.ends_with(&r),
        Op::Contains => l.contains(&r),
        Op::Exists => false,
        Op::Gt => numbers().is_some_and(|(a, b)| a > b),
        Op::Ge => numbers().is_some_and(|(a, b)| a >= b),
        Op::Lt => numbers().is_some_and(|(a, b)| a < b),
        Op::Le => numbers().is_some_and(|(a, b)| a <= b),
    }
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
}

impl Parser {
    fn error(&self, what: &str) -> Unsupported {
        Unsupported {
            message: format!("{what} at character {}", self.pos + 1),
            syntax: true,
        }
    }

    /// A valid construct this module does not evaluate.
    fn left_out(&self, what: &str) -> Unsupported {
        Unsupported {
            message: format!("{what} (not evaluated here)"),
            syntax: false,
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.pos + offset).copied()
    }

    fn skip_ws(&mut self) {
        loop {
            match self.peek() {
                Some(c) if c.is_whitespace() => self.pos += 1,
                Some('/') if self.peek_at(1) == Some('/') => {
                    while self.peek().is_some_and(|c| c != '\n') {
                        self.pos += 1;
                    }
                }
                _ => return,
            }
        }
    }

    fn eat(&mut self, text: &str) -> bool {
        let len = text.chars().count();
        let matches = self.chars.len() >= self.pos + len
            && self.chars[self.pos..self.pos + len]
                .iter()
                .copied()
                .eq(text.chars());
        if matches {
            self.pos += len;
        }
        matches
    }

    fn expect(&mut self, text: &str) -> Result<(), Unsupported> {
        self.skip_ws();
        if self.eat(text) {
            Ok(())
        } else {
            Err(self.error(&format!("expected `{text}`")))
        }
    }

    /// Expressions until the end, `,` or `)`.
    fn selector(&mut self) -> Result<Selector, Unsupported> {
        let mut exprs = Vec::new();
        loop {
            self.skip_ws();
            match self.peek() {
                None | Some(',') | Some(')') => return Ok(Selector(exprs)),
                Some(_) => exprs.push(self.expr()?),
            }
        }
    }

    fn identifier(&mut self) -> String {
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            self.pos += 1;
        }
        self.chars[start..self.pos].iter().collect()
    }

    fn expr(&mut self) -> Result<Expr, Unsupported> {
        if self.eat(">") {
            return Ok(Expr::Neighbor(Neighbor::Forward));
        }
        if self.eat("~>") {
            return Ok(Expr::Neighbor(Neighbor::ForwardRecursive));
        }
        if self.eat("<~") {
            return Ok(Expr::Neighbor(Neighbor::ReverseRecursive));
        }
        if self.eat("<-[") {
            let rels = self.relationships()?;
            self.expect("]-")?;
            return Ok(Expr::Neighbor(Neighbor::ReverseDirected(rels)));
        }
        if self.eat("<") {
            return Ok(Expr::Neighbor(Neighbor::Reverse));
        }
        if self.eat("-[") {
            let rels = self.relationships()?;
            self.expect("]->")?;
            return Ok(Expr::Neighbor(Neighbor::ForwardDirected(rels)));
        }
        if self.eat("*") {
            return Ok(Expr::Type("*".to_owned()));
        }
        if self.peek() == Some('$') {
            return Err(self.left_out("variables"));
        }
        if self.eat("[") {
            return self.attribute();
        }
        if self.eat(":") {
            let name = self.identifier();
            self.expect("(")?;
            let mut args = vec![self.selector()?];
            while self.eat(",") {
                args.push(self.selector()?);
            }
            self.expect(")")?;
            if args.iter().any(|s| s.0.is_empty()) {
                return Err(self.error("an empty selector in a function"));
            }
            return match name.as_str() {
                "is" | "each" => Ok(Expr::Is(args)),
                "not" => Ok(Expr::Not(args)),
                "test" => Ok(Expr::Test(args)),
                _ => Err(self.left_out(&format!("the function `:{name}`"))),
            };
        }
        let name = self.identifier();
        const TYPES: &[&str] = &[
            "number",
            "simpleType",
            "dataType",
            "collection",
            "set",
            "member",
            "blob",
            "boolean",
            "document",
            "string",
            "integer",
            "byte",
            "short",
            "long",
            "float",
            "double",
            "bigDecimal",
            "bigInteger",
            "timestamp",
            "list",
            "map",
            "structure",
            "union",
            "service",
            "operation",
            "resource",
            "enum",
            "intEnum",
        ];
        if TYPES.contains(&name.as_str()) {
            return Ok(Expr::Type(name));
        }
        Err(self.error(&format!("unknown selector `{name}`")))
    }

    fn relationships(&mut self) -> Result<Vec<Rel>, Unsupported> {
        let mut rels = Vec::new();
        loop {
            self.skip_ws();
            let name = self.identifier();
            let rel = match name.as_str() {
                "member" => Rel::Member,
                "input" => Rel::Input,
                "output" => Rel::Output,
                "error" => Rel::Error,
                "operation" => Rel::Operation,
                "resource" => Rel::Resource,
                "bound" => Rel::Bound,
                "" => return Err(self.error("expected a relationship")),
                other => match crate::load::LIFECYCLE.iter().find(|p| **p == other) {
                    Some(property) => Rel::Lifecycle(property),
                    None => return Err(self.left_out(&format!("the relationship `{name}`"))),
                },
            };
            rels.push(rel);
            self.skip_ws();
            if !self.eat(",") {
                return Ok(rels);
            }
        }
    }

    fn attribute(&mut self) -> Result<Expr, Unsupported> {
        self.skip_ws();
        if self.peek() == Some('@') {
            return Err(self.left_out("scoped attribute selectors"));
        }
        let mut path = Vec::new();
        loop {
            self.skip_ws();
            let start = self.pos;
            if self.peek() == Some('(') {
                while self.peek().is_some_and(|c| c != ')') {
                    self.pos += 1;
                }
                self.pos += 1;
            } else {
                while self.peek().is_some_and(|c| {
                    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '#' | '$')
                }) {
                    if self.peek() == Some('$') && self.peek_at(1) == Some('=') {
                        break;
                    }
                    self.pos += 1;
                }
            }
            if self.pos == start || self.pos > self.chars.len() {
                return Err(self.error("expected an attribute"));
            }
            path.push(self.chars[start..self.pos].iter().collect::<String>());
            self.skip_ws();
            if !self.eat("|") {
                break;
            }
        }
        if path.first().is_some_and(|p| p == "var") {
            return Err(self.left_out("variables"));
        }
        self.skip_ws();
        if self.eat("]") {
            return Ok(Expr::Attr(Attr {
                path,
                comparison: None,
            }));
        }
        let op = [
            ("!=", Op::Ne),
            ("^=", Op::StartsWith),
            ("$=", Op::EndsWith),
            ("*=", Op::Contains),
            ("?=", Op::Exists),
            (">=", Op::Ge),
            ("<=", Op::Le),
            ("=", Op::Eq),
            (">", Op::Gt),
            ("<", Op::Lt),
        ]
        .into_iter()
        .find(|(text, _)| self.eat(text))
        .map(|(_, op)| op);
        let Some(op) = op else {
            if self.peek() == Some('{') {
                return Err(self.left_out("projection comparators"));
            }
            return Err(self.error("expected a comparator"));
        };
        let mut values = Vec::new();
        let mut case_insensitive = false;
        loop {
            self.skip_ws();
            values.push(self.value()?);
            self.skip_ws();
            if self.eat(",") {
                continue;
            }
            if self.peek() == Some('i') {
                self.pos += 1;
                self.skip_ws();
                case_insensitive = true;
            }
            self.expect("]")?;
            break;
        }
        Ok(Expr::Attr(Attr {
            path,
            comparison: Some(Comparison {
                op,
                values,
                case_insensitive,
            }),
        }))
    }

    fn value(&mut self) -> Result<String, Unsupported> {
        if let Some(quote) = self.peek().filter(|c| *c == '\'' || *c == '"') {
            self.pos += 1;
            let start = self.pos;
            while self.peek().is_some_and(|c| c != quote) {
                self.pos += 1;
            }
            if self.peek().is_none() {
                return Err(self.error("an unclosed string"));
            }
            let text = self.chars[start..self.pos].iter().collect();
            self.pos += 1;
            return Ok(text);
        }
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|c| !c.is_whitespace() && c != ',' && c != ']')
        {
            self.pos += 1;
        }
        if self.pos == start {
            return Err(self.error("expected a value"));
        }
        Ok(self.chars[start..self.pos].iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::Selector;
    use crate::check::graph::Graph;

    fn yielded(selector: &str, shapes: &str) -> Vec<String> {
        let model =
            crate::load::load_str(&format!(r#"{{"smithy": "2.0", "shapes": {{{shapes}}}}}"#))
                .unwrap_or_else(|e| panic!("{e}"));
        let graph = Graph::new(&model);
        let selector = Selector::parse(selector).unwrap_or_else(|e| panic!("{e:?}"));
        let matches = selector.matches(&graph);
        graph
            .nodes
            .iter()
            .zip(matches)
            .filter(|(n, m)| *m && !n.prelude)
            .map(|(n, _)| n.id.clone())
            .collect()
    }

    const SHAPES: &str = r#"
        "a#S": {"type": "structure", "members": {
            "s": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}},
            "n": {"target": "a#N"}}},
        "a#N": {"type": "integer", "traits": {"smithy.api#range": {"min": 1}}},
        "a#E": {"type": "enum", "members": {"A": {"target": "smithy.api#Unit"}}},
        "a#L": {"type": "list", "member": {"target": "a#E"}}"#;

    #[test]
    fn types_and_neighbors_select_as_the_spec_says() {
        assert_eq!(yielded("structure > member", SHAPES), ["a#S$s", "a#S$n"]);
        assert_eq!(yielded(":test(member > number)", SHAPES), ["a#S$n"]);
        assert_eq!(yielded("string", SHAPES), ["a#E"]);
        assert_eq!(yielded("string :not(enum)", SHAPES), Vec::<String>::new());
        assert_eq!(yielded("list > member > string", SHAPES), ["a#E"]);
        assert_eq!(
            yielded("number :test(< member < structure)", SHAPES),
            ["a#N"]
        );
    }

    #[test]
    fn attributes_compare_ids_and_trait_values() {
        assert_eq!(yielded("[trait|required]", SHAPES), ["a#S$s"]);
        assert_eq!(yielded("[trait|range|min = 1]", SHAPES), ["a#N"]);
        assert_eq!(
            yielded("[trait|range|min > 1]", SHAPES),
            Vec::<String>::new()
        );
        // A member's `id|name` is its shape's name.
        assert_eq!(yielded("[id|name ^= 'L']", SHAPES), ["a#L", "a#L$member"]);
        assert_eq!(yielded("[id|member = n]", SHAPES), ["a#S$n"]);
        assert_eq!(
            yielded(":is(structure, [id = 'a#L$member'])", SHAPES),
            ["a#S", "a#L$member"]
        );
    }

    #[test]
    fn what_is_left_out_is_unsupported_rather_than_wrong() {
        let left_out = [
            "$x(*)",
            "[@trait|range: @{min} > 1]",
            ":in(*)",
            "resource -[identifier]->",
        ];
        for text in left_out {
            assert_eq!(
                Selector::parse(text).map_err(|e| e.syntax),
                Err(false),
                "{text}"
            );
        }
    }

    #[test]
    fn malformed_selectors_are_syntax_errors() {
        let malformed = [
            "",
            "!",
            "'foo'",
            "invalid",
            "[]",
            "[a=]",
            "[a=b",
            "string=b",
            ":not()",
            ":is(string",
            "foo -[input]->",
            ":nay()",
        ];
        for text in malformed {
            assert_eq!(
                Selector::parse(text).map_err(|e| e.syntax),
                Err(true),
                "{text}"
            );
        }
    }
}
