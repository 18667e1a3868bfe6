//! `Union`: a tagged union has at least one member (the union shape, model.rst).

use crate::diagnostics::ModelErrors;
use crate::load::{Model, ShapeType};

/// Reports every union without members.
pub fn check(model: &Model, errors: &mut ModelErrors) {
    for shape in &model.shapes {
        if shape.shape_type == ShapeType::Union && shape.members.is_empty() {
            errors.emit("Union", &shape.id, "a union needs at least one member");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::validators::tests::events;

    #[test]
    fn a_union_needs_a_member() {
        assert_eq!(
            events(r#""a#U": {"type": "union", "members": {}}"#),
            ["a#U: a union needs at least one member | Union"]
        );
        assert_eq!(
            events(r#""a#U": {"type": "union", "members": {"a": {"target": "smithy.api#Unit"}}}"#),
            Vec::<String>::new()
        );
    }
}
