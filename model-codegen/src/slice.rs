//! Slicing: the part of a model that some operations need.
//!
//! The slice holds the service (bound to the chosen operations only), those operations, and
//! every shape they reach through inputs, outputs, errors (their own and the service's) and
//! members, in the order of the original file. It is how `smithy/` is cut from AWS's model.

use std::collections::BTreeSet;

use crate::diagnostics::ModelErrors;
use crate::json::Json;
use crate::load::{self, ShapeType};

/// Slices merged `model`, loaded as `typed`, to the closure of `operations` (shape names like
/// `CopyBackupToRegion`, or absolute ids).
pub fn slice(model: &Json, typed: &load::Model, operations: &[&str]) -> Result<Json, ModelErrors> {
    let mut errors = ModelErrors::default();
    let mut roots = Vec::new();
    for wanted in operations {
        let found = typed.shapes.iter().find(|s| {
            s.shape_type == ShapeType::Operation
                && (s.id.to_string() == *wanted || s.id.name() == *wanted)
        });
        match found {
            Some(op) => roots.push(op.id.clone()),
            None => errors.report(
                "<slice>",
                format!("no operation named `{wanted}` in the model"),
            ),
        }
    }
    let service = typed.service();
    if let Some(service) = service {
        roots.extend(service.errors.iter().cloned());
    }
    errors.into_result(())?;

    let keep = typed.reachable(roots.clone());

    let kept_ops: BTreeSet<String> = roots.iter().map(ToString::to_string).collect();
    let entries = model
        .get("shapes")
        .and_then(Json::as_object)
        .unwrap_or_default();
    let mut shapes = Vec::new();
    for (id, body) in entries {
        let is_service = service.is_some_and(|s| s.id.to_string() == *id);
        if is_service {
            shapes.push((id.clone(), trim_service(body, &kept_ops)));
        } else if keep.iter().any(|k| k.to_string() == *id) {
            shapes.push((id.clone(), body.clone()));
        }
    }
    let mut out: Vec<(String, Json)> = model
        .as_object()
        .unwrap_or_default()
        .iter()
        .filter(|(k, _)| k != "shapes")
        .cloned()
        .collect();
    out.push(("shapes".to_owned(), Json::Object(shapes)));
    Ok(Json::Object(out))
}

/// The service bound to the kept operations only (resources are dropped: the slice binds
/// its operations directly).
fn trim_service(body: &Json, kept: &BTreeSet<String>) -> Json {
    let Json::Object(entries) = body else {
        return body.clone();
    };
    let trimmed = entries
        .iter()
        .filter(|(k, _)| k != "resources")
        .map(|(k, v)| {
            if k != "operations" {
                return (k.clone(), v.clone());
            }
            let ops = v
                .as_array()
                .unwrap_or_default()
                .iter()
                .filter(|op| {
                    op.get("target")
                        .and_then(Json::as_str)
                        .is_some_and(|t| kept.contains(t))
                })
                .cloned()
                .collect();
            (k.clone(), Json::Array(ops))
        })
        .collect();
    Json::Object(trimmed)
}
