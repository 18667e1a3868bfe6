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
                        format!("@length `{key}` is negative"),
                    );
                }
            }
            if let (Some(min), Some(max)) = (bound("min"), bound("max")) {
                if min > max {
                    errors.emit(
                        "LengthTrait",
                        &node.id,
                        "@length `min` is greater than its `max`",
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
                    "@range `min` is greater than its `max`",
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
                Some(t) => ("the member", format!("its target (`{}`)", t.id)),
                None => (
                    "the shape",
                    format!("its shape (`{}`)", shape_type.map_or("", ShapeType::as_str)),
                ),
            };
            errors.emit(
                "RangeTrait",
                &node.id,
                format!(
                    "@range `{key}` of {what} `{}` is {n}, a fraction, and {of} holds whole numbers only",
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
            ["a#S: @length `min` is negative | LengthTrait"]
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
                "a#N: @range `min` of the shape `a#N` is 0.5, a fraction, and its shape (`byte`) holds whole numbers only | RangeTrait"
            ]
        );
        assert_eq!(
            events(r#""a#N": {"type": "double", "traits": {"smithy.api#range": {"min": 0.5}}}"#),
            Vec::<String>::new()
        );
    }
}
