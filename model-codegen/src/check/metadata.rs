//! The validation metadata Smithy reads (model-validation.rst, "Validators", "Suppressions",
//! "Severity overrides"): `validators` is a list of objects, each `EmitEachSelector` has a
//! selector that parses, and `severityOverrides` and `suppressions` are lists of objects
//! with their required members. Problems here are Smithy's loading problems (`Model`), at no
//! shape (`-`).

use super::selector::Selector;
use crate::diagnostics::ModelErrors;
use crate::json::Json;

/// Reports every malformed validation entry of the model's `metadata`.
pub fn check(metadata: Option<&Json>, errors: &mut ModelErrors) {
    let Some(metadata) = metadata else {
        return;
    };
    let mut report = |message: String| errors.report("-", message);
    if let Some(validators) = metadata.get("validators") {
        match validators.as_array() {
            None => report(format!(
                "the `validators` metadata is of type {}, not array",
                kind(validators)
            )),
            Some(entries) => {
                for entry in entries {
                    check_validator(entry, &mut report);
                }
            }
        }
    }
    for (key, required, severities) in [
        (
            "severityOverrides",
            &["namespace", "id", "severity"][..],
            true,
        ),
        ("suppressions", &["id", "namespace"][..], false),
    ] {
        let Some(list) = metadata.get(key) else {
            continue;
        };
        let Some(entries) = list.as_array() else {
            report(format!(
                "the `{key}` metadata is of type {}, not array",
                kind(list)
            ));
            continue;
        };
        for (i, entry) in entries.iter().enumerate() {
            if entry.as_object().is_none() {
                report(format!(
                    "entry {i} of `{key}` is of type {}, not object",
                    kind(entry)
                ));
                continue;
            }
            for member in required {
                if entry.get(member).is_none() {
                    report(format!("an entry of `{key}` has no `{member}`"));
                }
            }
            let severity = entry.get("severity").and_then(Json::as_str);
            if let Some(severity) =
                severity.filter(|s| severities && !["DANGER", "WARNING"].contains(s))
            {
                report(format!(
                    "an override cannot set severity `{severity}`, only `DANGER` or `WARNING`"
                ));
            }
        }
    }
}

fn check_validator(entry: &Json, report: &mut dyn FnMut(String)) {
    let name = entry.get("name").and_then(Json::as_str);
    if name == Some("UnreferencedShape") {
        let root = entry
            .get("configuration")
            .and_then(|c| c.get("rootShapeSelector"))
            .and_then(Json::as_str);
        if let Some(Err(e)) = root.map(Selector::parse) {
            if e.syntax {
                report(format!(
                    "the `UnreferencedShape` validator's rootShapeSelector `{}` does not parse: {}",
                    root.unwrap_or_default(),
                    e.message
                ));
            }
        }
        return;
    }
    if name != Some("EmitEachSelector") {
        return;
    }
    let selector = entry
        .get("configuration")
        .and_then(|c| c.get("selector"))
        .and_then(Json::as_str);
    let Some(selector) = selector else {
        report("an `EmitEachSelector` validator has no `selector` in its configuration".to_owned());
        return;
    };
    if let Err(e) = Selector::parse(selector) {
        if e.syntax {
            report(format!(
                "the `EmitEachSelector` selector `{selector}` does not parse: {}",
                e.message
            ));
        }
    }
}

fn kind(value: &Json) -> &'static str {
    match value {
        Json::Object(_) => "object",
        Json::Array(_) => "array",
        Json::String(_) => "string",
        Json::Bool(_) => "boolean",
        Json::Null => "null",
        Json::Number(_) | Json::BigNumber(_) => "number",
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::ModelErrors;
    use crate::json::Json;

    fn problems(metadata: &str) -> Vec<String> {
        let json = Json::parse(metadata).unwrap_or_else(|e| panic!("{e}"));
        let mut errors = ModelErrors::default();
        super::check(Some(&json), &mut errors);
        errors.errors().iter().map(ToString::to_string).collect()
    }

    #[test]
    fn malformed_validation_metadata_is_reported() {
        assert_eq!(
            problems(r#"{"validators": {}}"#),
            ["-: the `validators` metadata is of type object, not array"]
        );
        assert_eq!(
            problems(
                r#"{"severityOverrides": [{"namespace": "*", "id": "X", "severity": "ERROR"}]}"#
            ),
            ["-: an override cannot set severity `ERROR`, only `DANGER` or `WARNING`"]
        );
        assert_eq!(
            problems(r#"{"validators": [{"name": "EmitEachSelector", "configuration": {"selector": ":not("}}]}"#).len(),
            1
        );
    }

    #[test]
    fn well_formed_validation_metadata_is_accepted() {
        assert_eq!(
            problems(
                r#"{"validators": [{"name": "EmitEachSelector", "id": "X",
                      "configuration": {"selector": "[id|namespace = 'a'] string"}}],
                    "severityOverrides": [{"namespace": "*", "id": "X", "severity": "DANGER"}],
                    "suppressions": [{"id": "X", "namespace": "*"}]}"#
            ),
            Vec::<String>::new()
        );
    }
}
