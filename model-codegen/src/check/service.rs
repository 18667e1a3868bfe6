//! `Service`: the names in a service's closure (service-types.rst, "Service closure"). Shapes
//! the service reaches have case-insensitively unique names, after its `rename`s, whatever
//! their namespaces; only simple shapes (or lists of them) of the same type with the same
//! traits may share a name. A rename names a shape of the closure that is neither a member
//! nor an operation, resource or service, gives it a valid identifier, and changes its name.

use std::collections::BTreeMap;

use crate::diagnostics::ModelErrors;
use crate::load::{Model, Shape, ShapeType};
use crate::shape_id::ShapeId;

const EVENT: &str = "Service";

/// Reports every name conflict and every invalid rename in each service's closure.
pub fn check(model: &Model, errors: &mut ModelErrors) {
    let index = model.index();
    for service in model
        .shapes
        .iter()
        .filter(|s| s.shape_type == ShapeType::Service)
    {
        let closure = model.reachable(vec![service.id.clone()]);
        let renamed: BTreeMap<&str, &str> = service
            .rename
            .iter()
            .map(|(id, name)| (id.as_str(), name.as_str()))
            .collect();
        check_renames(service, &closure, &index, errors);
        let name_of = |id: &ShapeId| -> String {
            renamed
                .get(id.to_string().as_str())
                .map_or_else(|| id.name().to_owned(), |n| (*n).to_owned())
        };
        let mut by_name: BTreeMap<String, Vec<&Shape>> = BTreeMap::new();
        for id in &closure {
            if let Some(shape) = index.get(id) {
                by_name
                    .entry(name_of(id).to_ascii_lowercase())
                    .or_default()
                    .push(shape);
            }
        }
        for shapes in by_name.values().filter(|s| s.len() > 1) {
            for subject in shapes {
                for other in shapes.iter().filter(|o| o.id != subject.id) {
                    if may_share_a_name(subject, other, &index) {
                        continue;
                    }
                    let described = |id: &ShapeId| match renamed.get(id.to_string().as_str()) {
                        Some(name) => format!("`{id}` (renamed to \"{name}\")"),
                        None => format!("`{id}`"),
                    };
                    let head = match renamed.get(subject.id.to_string().as_str()) {
                        Some(name) => format!("the new name \"{name}\""),
                        None => format!("the name `{}`", subject.id.name()),
                    };
                    errors.emit(
                        EVENT,
                        &subject.id,
                        format!(
                            "{head} is also, ignoring case, that of {} in the service `{}`, whose shapes need distinct names in any namespace; `rename` can tell them apart",
                            described(&other.id),
                            service.id
                        ),
                    );
                }
            }
        }
    }
}

fn simple(t: ShapeType) -> bool {
    !matches!(
        t,
        ShapeType::List
            | ShapeType::Map
            | ShapeType::Structure
            | ShapeType::Union
            | ShapeType::Service
            | ShapeType::Operation
            | ShapeType::Resource
    )
}

/// Simple shapes of one type with the same traits may share a name, and so may lists whose
/// members do and target shapes that may.
fn may_share_a_name(a: &Shape, b: &Shape, index: &BTreeMap<&ShapeId, &Shape>) -> bool {
    if a.shape_type != b.shape_type || a.traits != b.traits {
        return false;
    }
    if simple(a.shape_type) {
        return true;
    }
    if a.shape_type != ShapeType::List {
        return false;
    }
    let (Some(ma), Some(mb)) = (a.member("member"), b.member("member")) else {
        return false;
    };
    if ma.traits != mb.traits {
        return false;
    }
    if ma.target == mb.target {
        return true;
    }
    match (index.get(&ma.target), index.get(&mb.target)) {
        (Some(ta), Some(tb)) => {
            simple(ta.shape_type) && ta.shape_type == tb.shape_type && ta.traits == tb.traits
        }
        _ => false,
    }
}

fn check_renames(
    service: &Shape,
    closure: &std::collections::BTreeSet<ShapeId>,
    index: &BTreeMap<&ShapeId, &Shape>,
    errors: &mut ModelErrors,
) {
    for (from, to) in &service.rename {
        let mut report = |message: String| errors.emit(EVENT, &service.id, message);
        if from.contains('$') {
            report(format!(
                "renames the member `{from}` to \"{to}\", but members keep their names"
            ));
            continue;
        }
        let Ok(id) = ShapeId::parse(from) else {
            report(format!(
                "renames `{from}`, which the service does not reach"
            ));
            continue;
        };
        if !closure.contains(&id) {
            report(format!(
                "renames `{from}`, which the service does not reach"
            ));
            continue;
        }
        if let Some(kind @ (ShapeType::Operation | ShapeType::Resource | ShapeType::Service)) =
            index.get(&id).map(|s| s.shape_type)
        {
            let kind = kind.as_str();
            report(format!(
                "renames the {kind} `{from}` to \"{to}\", but {kind}s keep their names"
            ));
            continue;
        }
        let identifier = to
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && to.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && to.chars().any(|c| c.is_ascii_alphanumeric());
        if !identifier {
            report(format!(
                "renames `{from}` to \"{to}\", which is not an identifier"
            ));
        } else if id.name() == to {
            report(format!(
                "renames `{from}` to `{to}`, the name it already has"
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::validators::tests::events;

    fn service(rename: &str, other: &str) -> Vec<String> {
        events(&format!(
            r#""a#Svc": {{"type": "service", "version": "1", "rename": {{{rename}}},
                          "operations": [{{"target": "a#Op"}}]}},
               "a#Op": {{"type": "operation", "input": {{"target": "a#In"}}}},
               "a#In": {{"type": "structure", "members": {{
                   "x": {{"target": "a#Widget"}}, "y": {{"target": "b#Widget"}}}}}},
               "a#Widget": {{"type": "structure", "members": {{}}}},
               "b#Widget": {other}"#
        ))
    }

    #[test]
    fn two_shapes_with_one_name_in_a_closure_conflict_until_renamed() {
        let structure = r#"{"type": "structure", "members": {}}"#;
        let bad = service("", structure);
        assert_eq!(bad.len(), 2, "{bad:?}");
        assert!(bad[0]
            .starts_with("a#Widget: the name `Widget` is also, ignoring case, that of `b#Widget`"));
        assert_eq!(
            service(r#""b#Widget": "OtherWidget""#, structure),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_rename_must_change_a_data_shape_of_the_closure() {
        let structure = r#"{"type": "structure", "members": {}}"#;
        assert_eq!(
            service(r#""b#Widget": "OtherWidget", "a#Op": "Other""#, structure),
            [
                "a#Svc: renames the operation `a#Op` to \"Other\", but operations keep their names | Service"
            ]
        );
    }
}
