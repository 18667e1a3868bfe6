//! `LengthTrait` and `RangeTrait`: bounds that make sense (constraint-traits.rst): a length
//! is never negative, a minimum is not above its maximum, and an integer shape's range has
//! no fractional bound.

use serde_json::Value;

use super::graph::Graph;
use crate::diagnostics::ModelErrors;
use crate::load::ShapeType;
use crate::traits;

/// Reports every `@length` and `@range` whose bounds do not make sense.
pub fn check(graph: &Graph<'_>, errors: &mut ModelErrors) {
    for node in graph.nodes.iter().filter(|n| !n.prelude) {
        if let Some(length) = node.traits.get(traits::LENGTH) {
            let bound = |key: &str| length.get(key).and_then(Value::as_f64);
            for key in ["min", "max"] {
                if bound(key).is_some_and(|v| v < 0.0) {
                    errors.emit(
                        "LengthTrait",
                        &node.id,
                        format!("A length trait is applied with a negative `{key}` value."),
                    );
                }
            }
            if let (Some(min), Some(max)) = (bound("min"), bound("max")) {
                if min > max {
                    errors.emit(
                        "LengthTrait",
                        &node.id,
                        "A length trait is applied with a `min` value greater than its `max` value.",
                    );
                }
            }
        }
        let Some(range) = node.traits.get(traits::RANGE) else {
            continue;
        };
        let bound = |key: &str| range.get(key).and_then(Value::as_f64);
        if let (Some(min), Some(max)) = (bound("min"), bound("max")) {
            if min > max {
                errors.emit(
                    "RangeTrait",
                    &node.id,
                    "A range trait is applied with a `min` value greater than its `max` value.",
                );
            }
        }
        let target = node.target(graph);
        let shape_type = target.map_or(node.shape_type, |t| t.shape_type);
        let integral = matches!(
            shape_type,
            Some(
                ShapeType::Byte
                    | ShapeType::Short
                    | ShapeType::Integer
                    | ShapeType::IntEnum
                    | ShapeType::Long
                    | ShapeType::BigInteger
            )
        );
        if !integral {
            continue;
        }
        for key in ["min", "max"] {
            let Some(Value::Number(n)) = range.get(key) else {
                continue;
            };
            if n.is_i64() || n.is_u64() || n.as_f64().is_some_and(|f| f.fract() == 0.0) {
                continue;
            }
            let (what, of) = match target {
                Some(t) => ("Member", format!("its target (`{}`)", t.id)),
                None => (
                    "Shape",
                    format!("its shape (`{}`)", shape_type.map_or("", ShapeType::as_str)),
                ),
            };
            errors.emit(
                "RangeTrait",
                &node.id,
                format!(
                    "{what} `{}` is marked with the `range` trait, but its `{key}` property is a \
                     decimal ({n}) when {of} does not support decimals.",
                    node.id
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::validators::tests::events;

    #[test]
    fn inverted_or_negative_bounds_are_reported() {
        assert_eq!(
            events(r#""a#S": {"type": "string", "traits": {"smithy.api#length": {"min": -1}}}"#),
            ["a#S: A length trait is applied with a negative `min` value. | LengthTrait"]
        );
        assert_eq!(
            events(
                r#""a#N": {"type": "integer", "traits": {"smithy.api#range": {"min": 2, "max": 1}}}"#
            )
            .iter()
            .filter(|e| e.ends_with("| RangeTrait"))
            .count(),
            1
        );
        assert_eq!(
            events(
                r#""a#S": {"type": "string", "traits": {"smithy.api#length": {"min": 1, "max": 2}}}"#
            ),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_fractional_range_on_an_integer_is_reported() {
        assert_eq!(
            events(r#""a#N": {"type": "byte", "traits": {"smithy.api#range": {"min": 0.5}}}"#),
            [
                "a#N: Shape `a#N` is marked with the `range` trait, but its `min` property is a \
              decimal (0.5) when its shape (`byte`) does not support decimals. | RangeTrait"
            ]
        );
        assert_eq!(
            events(r#""a#N": {"type": "double", "traits": {"smithy.api#range": {"min": 0.5}}}"#),
            Vec::<String>::new()
        );
    }
}
