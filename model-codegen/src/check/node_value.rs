//! A node value (a trait's value, a default) against the shape it must be a value of
//! (model-validation.rst and the spec's constraint traits): its type, a structure's members
//! (known ones, required ones present), a union's single member, enum values, and the
//! constraint traits (`@length`, `@range`, `@pattern`, the 1.0 `@enum`) of the shape and of
//! the member it is reached through.

use serde_json::Value;

use super::graph::{Graph, Node, Rel};
use crate::load::{ShapeType, Traits};
use crate::traits;

/// How deep a value is followed (a recursive shape with a deep value stops here).
const MAX_DEPTH: usize = 64;

/// One problem with a value: where in the value (`.a.0`, empty at the top) and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The path into the value, `.key` or `.index` per step.
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// Whether it is a value outside a `@range` (which Smithy only warns of in a default).
    pub out_of_range: bool,
}

/// Every problem with `value` as a value of the node `shape` (a shape, or a member, whose
/// own constraint traits then apply as well as its target's).
pub fn problems(graph: &Graph<'_>, value: &Value, shape: usize) -> Vec<Problem> {
    let mut found = Vec::new();
    walk(graph, value, shape, String::new(), 0, &mut found);
    found
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// What a value is, for a message: `null`, `an array`, `the number `10``.
fn found(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Array(_) | Value::Object(_) => format!("an {}", kind(value)),
        other => format!("the {} `{}`", kind(other), text(other)),
    }
}

fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn walk(
    graph: &Graph<'_>,
    value: &Value,
    index: usize,
    path: String,
    depth: usize,
    out: &mut Vec<Problem>,
) {
    if depth > MAX_DEPTH {
        return;
    }
    let node = &graph.nodes[index];
    let mut report = |message: String, out_of_range: bool| {
        out.push(Problem {
            path: path.clone(),
            message,
            out_of_range,
        })
    };
    if node.member.is_some() {
        constraints(node, value, &mut report);
        if let Some(problem) = value.as_str().and_then(|text| id_ref(graph, node, text)) {
            report(problem, false);
        }
        if let Some(&(_, target)) = node.out.iter().find(|(rel, _)| *rel == Rel::Target) {
            walk(graph, value, target, path, depth + 1, out);
        }
        return;
    }
    let Some(shape_type) = node.shape_type else {
        return;
    };
    use ShapeType as T;
    let id = &node.id;
    let expected = |what: &str| {
        format!(
            "`{id}` ({}) takes {} {what}, not {}",
            shape_type.as_str(),
            if what.starts_with(['a', 'o']) {
                "an"
            } else {
                "a"
            },
            found(value)
        )
    };
    let members = || {
        node.out
            .iter()
            .filter(|(rel, _)| *rel == Rel::Member)
            .map(|&(_, m)| (m, &graph.nodes[m]))
    };
    match shape_type {
        T::Structure | T::Union => {
            let Value::Object(entries) = value else {
                report(expected("object"), false);
                return;
            };
            for (key, item) in entries {
                // Smithy only warns of a member the shape does not have.
                if let Some((m, _)) = members().find(|(_, m)| m.member == Some(key.as_str())) {
                    walk(graph, item, m, format!("{path}.{key}"), depth + 1, out);
                }
            }
            if shape_type == T::Union && entries.len() != 1 {
                out.push(Problem {
                    path: path.clone(),
                    out_of_range: false,
                    message: format!(
                        "a union value sets exactly one member, not {}",
                        entries.len()
                    ),
                });
            }
            if shape_type == T::Structure {
                for (_, member) in members() {
                    let name = member.member.unwrap_or_default();
                    if member.traits.contains_key(traits::REQUIRED) && !entries.contains_key(name) {
                        out.push(Problem {
                            path: path.clone(),
                            out_of_range: false,
                            message: format!(
                                "the value of `{id}` lacks its required member `{name}`"
                            ),
                        });
                    }
                }
            }
            return;
        }
        T::List => {
            // An annotation (`@a`, no value) is an empty list for a list trait.
            let annotation = depth == 0 && value.as_object().is_some_and(|o| o.is_empty());
            if annotation {
                return;
            }
            let Value::Array(items) = value else {
                report(expected("array"), false);
                return;
            };
            constraints(node, value, &mut report);
            if let Some((m, _)) = members().next() {
                for (i, item) in items.iter().enumerate() {
                    walk(graph, item, m, format!("{path}.{i}"), depth + 1, out);
                }
            }
            return;
        }
        T::Map => {
            let Value::Object(entries) = value else {
                report(expected("object"), false);
                return;
            };
            constraints(node, value, &mut report);
            let key = members().find(|(_, m)| m.member == Some("key"));
            let val = members().find(|(_, m)| m.member == Some("value"));
            for (k, item) in entries {
                if let Some((m, _)) = key {
                    walk(
                        graph,
                        &Value::String(k.clone()),
                        m,
                        format!("{path}.{k}"),
                        depth + 1,
                        out,
                    );
                }
                if let Some((m, _)) = val {
                    walk(graph, item, m, format!("{path}.{k}"), depth + 1, out);
                }
            }
            return;
        }
        T::String | T::Blob => {
            let Value::String(text) = value else {
                report(expected("string"), false);
                return;
            };
            if let Some(problem) = id_ref(graph, node, text) {
                report(problem, false);
            }
        }
        T::Enum => {
            let Value::String(s) = value else {
                report(expected("string"), false);
                return;
            };
            let values: Vec<String> = members()
                .map(|(_, m)| {
                    m.traits
                        .get(traits::ENUM_VALUE)
                        .and_then(Value::as_str)
                        .unwrap_or(m.member.unwrap_or_default())
                        .to_owned()
                })
                .collect();
            if !values.contains(s) {
                report(one_of(id, &values), false);
            }
        }
        T::IntEnum => {
            let Some(n) = value.as_i64() else {
                report(expected("number"), false);
                return;
            };
            let known = members()
                .any(|(_, m)| m.traits.get(traits::ENUM_VALUE).and_then(Value::as_i64) == Some(n));
            if !known {
                report(format!("{n} is not one of the values of `{id}`"), false);
            }
        }
        T::Boolean => {
            if !value.is_boolean() {
                report(expected("boolean"), false);
                return;
            }
        }
        T::Byte | T::Short | T::Integer | T::Long => {
            let Value::Number(n) = value else {
                report(expected("number"), false);
                return;
            };
            let (lo, hi) = match shape_type {
                T::Byte => (i64::from(i8::MIN), i64::from(i8::MAX)),
                T::Short => (i64::from(i16::MIN), i64::from(i16::MAX)),
                T::Integer => (i64::from(i32::MIN), i64::from(i32::MAX)),
                _ => (i64::MIN, i64::MAX),
            };
            match n.as_i64() {
                Some(v) if v < lo => report(
                    format!(
                        "{v} is out of range for a {}, whose least value is {lo}",
                        shape_type.as_str()
                    ),
                    false,
                ),
                Some(v) if v > hi => report(
                    format!(
                        "{v} is out of range for a {}, whose greatest value is {hi}",
                        shape_type.as_str()
                    ),
                    false,
                ),
                Some(_) => {}
                None => report(
                    format!(
                        "`{id}` is a {}, which takes whole numbers, not `{n}`",
                        shape_type.as_str()
                    ),
                    false,
                ),
            }
        }
        T::Float | T::Double | T::BigInteger | T::BigDecimal => {
            if !value.is_number() {
                report(expected("number"), false);
                return;
            }
        }
        T::Timestamp => {
            if !value.is_number() && !value.is_string() {
                report(expected("timestamp"), false);
                return;
            }
        }
        T::Document | T::Service | T::Operation | T::Resource => return,
    }
    constraints(node, value, &mut report);
}

/// The idRef trait (the `@idRef` of a string shape or of the member a value is reached
/// through): the value is an absolute shape id, of a shape the model has when it says
/// `failWhenMissing`, matching its `selector` when the shape is there.
fn id_ref(graph: &Graph<'_>, node: &Node<'_>, text: &str) -> Option<String> {
    let id_ref = node.traits.get("smithy.api#idRef")?;
    let custom = id_ref.get("errorMessage").and_then(Value::as_str);
    let message = |default: String| custom.map_or(default, str::to_owned);
    let shape = text.split_once('$').map_or(text, |(shape, _)| shape);
    if crate::shape_id::ShapeId::parse(shape).is_err() {
        return Some(message(format!("`{text}` is not a shape id")));
    }
    let Some(found) = graph.get(text) else {
        let required = id_ref.get("failWhenMissing").and_then(Value::as_bool) == Some(true);
        return required.then(|| message(format!("no shape `{text}` in the model")));
    };
    let selector = id_ref
        .get("selector")
        .and_then(Value::as_str)
        .unwrap_or("*");
    let matched = graph.selected(selector)?;
    (!matched[found]).then(|| {
        message(format!(
            "`{text}` is not a shape the selector `{selector}` allows"
        ))
    })
}

fn one_of(id: &str, values: &[String]) -> String {
    let mut values: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
    values.sort();
    format!("`{id}` takes only these strings: {}", values.join(", "))
}

/// The constraint traits of `node` (a shape or a member) on a value already of its type.
fn constraints(node: &Node<'_>, value: &Value, report: &mut dyn FnMut(String, bool)) {
    let traits: &Traits = node.traits;
    let id = &node.id;
    if let Some(length) = traits.get(traits::LENGTH) {
        let (size, unit) = match value {
            Value::String(s) => (s.chars().count(), "characters"),
            Value::Array(items) => (items.len(), "elements"),
            Value::Object(entries) => (entries.len(), "entries"),
            _ => (0, ""),
        };
        if !unit.is_empty() {
            if let Some(min) = length.get("min").and_then(Value::as_u64) {
                if (size as u64) < min {
                    report(
                        format!("`{id}` takes at least {min} {unit}; this has {size}"),
                        false,
                    );
                }
            }
            if let Some(max) = length.get("max").and_then(Value::as_u64) {
                if (size as u64) > max {
                    report(
                        format!("`{id}` takes at most {max} {unit}; this has {size}"),
                        false,
                    );
                }
            }
        }
    }
    if let (Some(range), Some(n)) = (traits.get(traits::RANGE), value.as_f64()) {
        if let Some(min) = range.get("min").and_then(Value::as_f64) {
            if n < min {
                report(
                    format!("{n} is below `{id}`'s @range minimum of {min}"),
                    true,
                );
            }
        }
        if let Some(max) = range.get("max").and_then(Value::as_f64) {
            if n > max {
                report(
                    format!("{n} is above `{id}`'s @range maximum of {max}"),
                    true,
                );
            }
        }
    }
    if let (Some(Value::String(pattern)), Value::String(s)) = (traits.get(traits::PATTERN), value) {
        let compiled = crate::pattern::translate_and_compile(pattern)
            .ok()
            .and_then(|rust| regex::Regex::new(&rust).ok());
        // A pattern only the backtracking engine runs (lookaround) is not tried here.
        if let Some(regex) = compiled {
            if !regex.is_match(s) {
                report(
                    format!("the string does not match `{id}`'s @pattern {pattern}"),
                    false,
                );
            }
        }
    }
    if let (Some(Value::Array(entries)), Value::String(s)) =
        (traits.get(traits::LEGACY_ENUM), value)
    {
        let values: Vec<String> = entries
            .iter()
            .filter_map(|e| e.get("value").and_then(Value::as_str))
            .map(str::to_owned)
            .collect();
        if !values.contains(s) {
            report(one_of(id, &values), false);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::problems;
    use crate::check::graph::Graph;
    use serde_json::json;

    fn messages(value: serde_json::Value, shape: &str) -> Vec<String> {
        let model = crate::load::load_str(
            r#"{"smithy": "2.0", "shapes": {
                "a#S": {"type": "structure", "members": {
                    "name": {"target": "a#Name", "traits": {"smithy.api#required": {}}},
                    "size": {"target": "smithy.api#Byte"}}},
                "a#Name": {"type": "string", "traits": {"smithy.api#length": {"min": 2}}}}}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let graph = Graph::new(&model);
        let index = graph.get(shape).unwrap_or_default();
        problems(&graph, &value, index)
            .into_iter()
            .map(|p| format!("{}: {}", p.path, p.message))
            .collect()
    }

    #[test]
    fn a_value_of_the_wrong_shape_is_described() {
        assert_eq!(
            messages(json!({"name": "x", "size": 300, "other": 1}), "a#S"),
            [
                ".name: `a#Name` takes at least 2 characters; this has 1",
                ".size: 300 is out of range for a byte, whose greatest value is 127",
            ]
        );
        assert_eq!(
            messages(json!(10), "a#S"),
            [": `a#S` (structure) takes an object, not the number `10`"]
        );
        assert_eq!(
            messages(json!({}), "a#S"),
            [": the value of `a#S` lacks its required member `name`"]
        );
    }

    #[test]
    fn a_value_of_the_right_shape_has_no_problem() {
        assert_eq!(
            messages(json!({"name": "xy", "size": 3}), "a#S"),
            Vec::<String>::new()
        );
    }
}
