//! `EnumTrait`: the 1.0 `@enum` trait's entries (the enum trait, constraint-traits.rst):
//! names all given or none, and neither a name nor a value twice.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::diagnostics::ModelErrors;
use crate::load::Model;
use crate::traits;

/// Reports every `@enum` whose entries break these rules.
pub fn check(model: &Model, errors: &mut ModelErrors) {
    for shape in &model.shapes {
        let Some(Value::Array(entries)) = shape.traits.get(traits::LEGACY_ENUM) else {
            continue;
        };
        let field =
            |entry: &Value, key: &str| entry.get(key).and_then(Value::as_str).map(str::to_owned);
        let named = entries.iter().any(|e| field(e, "name").is_some());
        let (mut names, mut values) = (BTreeSet::new(), BTreeSet::new());
        for entry in entries {
            let value = field(entry, "value").unwrap_or_default();
            match field(entry, "name") {
                None if named => errors.emit(
                    "EnumTrait",
                    &shape.id,
                    format!(
                        "the @enum entry `{value}` has no `name`, though others do; either all entries have one or none"
                    ),
                ),
                Some(name) if !names.insert(name.clone()) => errors.emit(
                    "EnumTrait",
                    &shape.id,
                    format!("two @enum entries have the name `{name}`"),
                ),
                _ => {}
            }
            if !values.insert(value.clone()) {
                errors.emit(
                    "EnumTrait",
                    &shape.id,
                    format!("two @enum entries have the value `{value}`"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::validators::tests::events;

    fn with_enum(entries: &str) -> Vec<String> {
        events(&format!(
            r#""a#E": {{"type": "string", "traits": {{"smithy.api#enum": {entries}}}}}"#
        ))
    }

    #[test]
    fn enum_entries_are_named_all_or_none_and_never_twice() {
        assert_eq!(
            with_enum(r#"[{"value": "a", "name": "A"}, {"value": "b"}]"#),
            [
                "a#E: the @enum entry `b` has no `name`, though others do; either all entries have one or none | EnumTrait"
            ]
        );
        assert_eq!(
            with_enum(r#"[{"value": "a"}, {"value": "a"}]"#),
            ["a#E: two @enum entries have the value `a` | EnumTrait"]
        );
        assert_eq!(
            with_enum(r#"[{"value": "a", "name": "A"}, {"value": "b", "name": "B"}]"#),
            Vec::<String>::new()
        );
    }
}
