//! Check: every problem in a model, each with its shape id, before any code is generated.

use std::collections::BTreeMap;

use crate::diagnostics::ModelErrors;
use crate::load::{Model, Shape, ShapeType};
use crate::pattern;
use crate::plan::{self, prelude_type, NamePlan};
use crate::shape_id::ShapeId;
use crate::traits;

/// Checks a loaded model and returns every problem found, sorted by shape id. With `wire`,
/// the service's protocol must be one the generator speaks; without it only types and
/// validation are generated, for any protocol.
pub fn check(model: &Model, wire: bool) -> Result<(), ModelErrors> {
    let mut errors = ModelErrors::default();
    let index = model.index();
    let type_of = |id: &ShapeId| -> Option<ShapeType> {
        index
            .get(id)
            .map(|s| s.shape_type)
            .or_else(|| prelude_type(id))
    };
    let mut cbor = false;
    for shape in &model.shapes {
        check_shape(shape, &type_of, &mut errors);
        if wire && shape.shape_type == ShapeType::Service {
            match traits::protocols(&shape.traits) {
                Ok(protocols) => cbor |= protocols.contains(&traits::Protocol::RpcV2Cbor),
                Err(e) => errors.report(&shape.id, e),
            }
        }
    }
    if cbor {
        check_cbor_members(model, &type_of, &mut errors);
    }
    // Smithy: every shape an `errors` list names MUST have the `@error` trait.
    for shape in &model.shapes {
        for error in &shape.errors {
            let marked = index.get(error).is_none_or(|e| {
                e.shape_type != ShapeType::Structure || e.traits.contains_key(traits::ERROR)
            });
            if !marked {
                errors.report(&shape.id, format!("error `{error}` has no @error trait"));
            }
        }
    }
    check_duplicate_ids(model, &mut errors);
    check_names(&plan::plan_names(model), &mut errors);
    errors.into_result(())
}

/// RPC v2 CBOR has no documents (its trait's own validator refuses them), and its big
/// numbers need bignum and decimal-fraction tags this crate does not speak (the spec: a
/// generator that cannot SHOULD fail), so a member of either kind is an error.
fn check_cbor_members(
    model: &Model,
    type_of: &dyn Fn(&ShapeId) -> Option<ShapeType>,
    errors: &mut ModelErrors,
) {
    for shape in &model.shapes {
        for member in &shape.members {
            let kind = match type_of(&member.target) {
                Some(ShapeType::Document) => "a document",
                Some(ShapeType::BigInteger) => "a bigInteger",
                Some(ShapeType::BigDecimal) => "a bigDecimal",
                _ => continue,
            };
            errors.report(
                &shape.id,
                format!(
                    "member `{}` is {kind}, which rpcv2Cbor cannot carry here",
                    member.name
                ),
            );
        }
    }
}

fn check_duplicate_ids(model: &Model, errors: &mut ModelErrors) {
    let mut seen = BTreeMap::new();
    for shape in &model.shapes {
        let key = shape.id.to_string().to_ascii_lowercase();
        if let Some(first) = seen.insert(key, &shape.id) {
            errors.report(
                &shape.id,
                format!("shape id conflicts with `{first}` (ids are case-insensitive)"),
            );
        }
    }
}

fn check_shape(
    shape: &Shape,
    type_of: &dyn Fn(&ShapeId) -> Option<ShapeType>,
    errors: &mut ModelErrors,
) {
    let id = &shape.id;
    if shape.id.is_prelude() {
        errors.report(
            id,
            "models may not define shapes in the `smithy.api` prelude namespace",
        );
    }
    check_traits(
        &id.to_string(),
        shape.shape_type,
        None,
        &shape.traits,
        errors,
    );

    for member in &shape.members {
        let member_id = id.member(&member.name);
        match type_of(&member.target) {
            None => errors.report(
                &member_id,
                format!("targets `{}`, which is not defined", member.target),
            ),
            Some(target_type) => {
                check_member_target(
                    shape.shape_type,
                    target_type,
                    &member.target,
                    &member_id,
                    errors,
                );
                check_traits(
                    &member_id,
                    target_type,
                    Some(&member.target),
                    &member.traits,
                    errors,
                );
            }
        }
    }

    match shape.shape_type {
        ShapeType::Operation => check_operation(shape, type_of, errors),
        ShapeType::Service | ShapeType::Resource => {
            for op in &shape.operations {
                if type_of(op) != Some(ShapeType::Operation) {
                    errors.report(id, format!("binds `{op}`, which is not an operation"));
                }
            }
            for resource in &shape.resources {
                if type_of(resource) != Some(ShapeType::Resource) {
                    errors.report(id, format!("binds `{resource}`, which is not a resource"));
                }
            }
            check_error_refs(id, &shape.errors, type_of, errors);
        }
        ShapeType::Enum => check_enum(shape, errors),
        ShapeType::IntEnum => {
            for member in &shape.members {
                if let Err(e) = traits::enum_int_value(&member.traits) {
                    errors.report(id.member(&member.name), e);
                }
            }
        }
        _ => {}
    }
}

fn check_member_target(
    container: ShapeType,
    target_type: ShapeType,
    target: &ShapeId,
    member_id: &str,
    errors: &mut ModelErrors,
) {
    let enum_container = matches!(container, ShapeType::Enum | ShapeType::IntEnum);
    if enum_container {
        if target.to_string() != "smithy.api#Unit" {
            errors.report(member_id, "enum members must target smithy.api#Unit");
        }
        return;
    }
    if matches!(
        target_type,
        ShapeType::Service | ShapeType::Operation | ShapeType::Resource
    ) {
        errors.report(
            member_id,
            format!(
                "targets `{target}`, {} {}, which cannot be a member",
                if target_type == ShapeType::Operation {
                    "an"
                } else {
                    "a"
                },
                target_type.as_str()
            ),
        );
    }
}

fn check_operation(
    shape: &Shape,
    type_of: &dyn Fn(&ShapeId) -> Option<ShapeType>,
    errors: &mut ModelErrors,
) {
    for (what, target) in [("input", &shape.input), ("output", &shape.output)] {
        let Some(target) = target else { continue };
        if target.to_string() == "smithy.api#Unit" {
            continue;
        }
        match type_of(target) {
            None => errors.report(&shape.id, format!("{what} `{target}` is not defined")),
            Some(ShapeType::Structure) => {}
            Some(other) => errors.report(
                &shape.id,
                format!("{what} `{target}` is a {}, not a structure", other.as_str()),
            ),
        }
    }
    check_error_refs(&shape.id, &shape.errors, type_of, errors);
}

fn check_error_refs(
    owner: &ShapeId,
    refs: &[ShapeId],
    type_of: &dyn Fn(&ShapeId) -> Option<ShapeType>,
    errors: &mut ModelErrors,
) {
    for error in refs {
        match type_of(error) {
            None => errors.report(owner, format!("error `{error}` is not defined")),
            Some(ShapeType::Structure) => {}
            Some(other) => errors.report(
                owner,
                format!("error `{error}` is a {}, not a structure", other.as_str()),
            ),
        }
    }
}

fn check_enum(shape: &Shape, errors: &mut ModelErrors) {
    let mut values = BTreeMap::new();
    for member in &shape.members {
        match traits::enum_string_value(&member.traits, &member.name) {
            Ok(value) => {
                if let Some(first) = values.insert(value.clone(), &member.name) {
                    errors.report(
                        shape.id.member(&member.name),
                        format!("enum value `{value}` is also the value of `{first}`"),
                    );
                }
            }
            Err(e) => errors.report(shape.id.member(&member.name), e),
        }
    }
}

/// Constraint traits, and whether they fit the shape type they are applied to.
/// `@timestampFormat`: one of the three formats, on a timestamp (or a member targeting one).
fn check_timestamp_format(
    owner: &str,
    shape_type: ShapeType,
    target: Option<&ShapeId>,
    traits: &crate::load::Traits,
    errors: &mut ModelErrors,
) {
    let Some(value) = traits.get(traits::TIMESTAMP_FORMAT) else {
        return;
    };
    if !matches!(
        value.as_str(),
        Some("epoch-seconds" | "date-time" | "http-date")
    ) {
        errors.report(
            owner,
            format!(
                "@timestampFormat must be `epoch-seconds`, `date-time` or `http-date`, not {value}"
            ),
        );
    }
    if shape_type != ShapeType::Timestamp {
        let what = match target {
            Some(target) => format!("but the member targets `{target}`"),
            None => format!("not to a {}", shape_type.as_str()),
        };
        errors.report(
            owner,
            format!("@timestampFormat applies to timestamps, {what}"),
        );
    }
}

/// `@default`: a value of the target's type (lists and maps take only empty ones,
/// structures and unions none). `@default(null)` says there is no default.
fn check_default(
    owner: &str,
    shape_type: ShapeType,
    target: Option<&ShapeId>,
    traits: &crate::load::Traits,
    errors: &mut ModelErrors,
) {
    use ShapeType as T;
    let Some(default) = traits.get(traits::DEFAULT).filter(|v| !v.is_null()) else {
        return;
    };
    let integer = default.as_i64().is_some();
    let fits = match shape_type {
        T::String | T::Enum | T::Blob => default.is_string(),
        T::Boolean => default.is_boolean(),
        T::Float | T::Double | T::BigInteger | T::BigDecimal => default.is_number(),
        T::Byte | T::Short | T::Integer | T::Long | T::IntEnum => integer,
        T::Timestamp => integer || default.is_string(),
        T::Document => true,
        T::List => default.as_array().is_some_and(Vec::is_empty),
        T::Map => default.as_object().is_some_and(|o| o.is_empty()),
        _ => false,
    };
    if !fits {
        let target = match target {
            Some(target) => format!("its target `{target}`"),
            None => format!("a `{}` shape", shape_type.as_str()),
        };
        errors.report(
            owner,
            format!(
                "@default {default} does not fit {target} (lists and maps take only empty \
                 defaults, structures and unions none)"
            ),
        );
    }
}

/// The traits of a shape, or of a member (`target` then names what it targets, of type
/// `shape_type`).
fn check_traits(
    owner: &str,
    shape_type: ShapeType,
    target: Option<&ShapeId>,
    traits: &crate::load::Traits,
    errors: &mut ModelErrors,
) {
    use ShapeType as T;
    check_timestamp_format(owner, shape_type, target, traits, errors);
    check_default(owner, shape_type, target, traits, errors);
    match traits::length(traits) {
        Err(e) => errors.report(owner, e),
        // An enum is a string with a fixed set of values (Smithy 2.0), so it takes `@length`.
        Ok(Some(_)) if !matches!(shape_type, T::String | T::Enum | T::Blob | T::List | T::Map) => {
            errors.report(
                owner,
                format!("@length cannot apply to a {}", shape_type.as_str()),
            )
        }
        Ok(_) => {}
    }
    match traits::range(traits) {
        Err(e) => errors.report(owner, e),
        Ok(Some(_))
            if !matches!(
                shape_type,
                T::Byte
                    | T::Short
                    | T::Integer
                    | T::Long
                    | T::Float
                    | T::Double
                    | T::BigInteger
                    | T::BigDecimal
            ) =>
        {
            errors.report(
                owner,
                format!("@range cannot apply to a {}", shape_type.as_str()),
            )
        }
        Ok(_) => {}
    }
    match traits::pattern(traits) {
        Err(e) => errors.report(owner, e),
        Ok(Some(_)) if shape_type != T::String && shape_type != T::Enum => errors.report(
            owner,
            format!("@pattern cannot apply to a {}", shape_type.as_str()),
        ),
        Ok(Some(p)) => {
            if let Err(e) = pattern::translate_and_compile(p) {
                errors.report(owner, format!("@pattern `{p}`: {e}"));
            }
        }
        Ok(None) => {}
    }
    if let Err(e) = traits::error_fault(traits) {
        errors.report(owner, e);
    }
    if let Err(e) = traits::http_error(traits) {
        errors.report(owner, e);
    }
}

/// Two shapes, members or variants that would become the same Rust item.
fn check_names(plan: &NamePlan, errors: &mut ModelErrors) {
    let mut items: BTreeMap<(&str, &str), &ShapeId> = BTreeMap::new();
    for (id, names) in &plan.items {
        for (module, ident) in &names.items {
            if let Some(first) = items.insert((module.as_str(), ident.as_str()), id) {
                if first != id {
                    errors.report(
                        id,
                        format!(
                            "becomes the Rust item `{module}::{ident}`, which `{first}` also becomes"
                        ),
                    );
                }
            }
        }
    }
    for (id, fields) in &plan.members {
        let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
        for (member, ident) in fields {
            if let Some(first) = seen.insert(ident.as_str(), member.as_str()) {
                errors.report(
                    id.member(member),
                    format!("becomes the Rust name `{ident}`, which member `{first}` also becomes"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    fn errors_of(members: &str) -> Vec<String> {
        let model = format!(
            r#"{{"smithy": "2.0", "shapes": {{"example#S": {{"type": "structure", "members": {{{members}}}}}}}}}"#
        );
        match crate::check_str(&model) {
            Ok(_) => Vec::new(),
            Err(errors) => errors.errors().iter().map(|e| e.to_string()).collect(),
        }
    }

    #[test]
    fn a_member_whose_setter_is_another_members_option_setter_is_reported() {
        let errors = errors_of(
            r#""Foo": {"target": "smithy.api#String"}, "SetFoo": {"target": "smithy.api#String"}"#,
        );
        assert_eq!(
            errors,
            ["example#S$SetFoo: becomes the Rust name `builder method set_foo`, which member `Foo` also becomes"]
        );
    }

    #[test]
    fn a_member_named_like_a_renamed_setter_is_reported() {
        let errors = errors_of(
            r#""Build": {"target": "smithy.api#String"}, "BuildValue": {"target": "smithy.api#String"}"#,
        );
        assert_eq!(
            errors,
            ["example#S$BuildValue: becomes the Rust name `builder method build_value`, which member `Build` also becomes"]
        );
    }

    #[test]
    fn members_named_like_builder_methods_check() {
        let errors = errors_of(
            r#""Build": {"target": "smithy.api#String"}, "Builder": {"target": "smithy.api#String"}, "Default": {"target": "smithy.api#String"}"#,
        );
        assert!(errors.is_empty(), "{errors:?}");
    }

    fn errors_of_model(shapes: &str) -> Vec<String> {
        let model = format!(r#"{{"smithy": "2.0", "shapes": {{{shapes}}}}}"#);
        match crate::check_str(&model) {
            Ok(()) => Vec::new(),
            Err(errors) => errors.errors().iter().map(|e| e.to_string()).collect(),
        }
    }

    #[test]
    fn documents_and_big_numbers_are_refused_for_rpcv2_cbor() {
        let service = |protocols: &str| {
            format!(
                r#""a.b#S": {{"type": "service", "version": "1", "traits": {{{protocols}}},
                     "operations": [{{"target": "a.b#Op"}}]}},
                   "a.b#Op": {{"type": "operation", "input": {{"target": "a.b#In"}}}},
                   "a.b#In": {{"type": "structure", "members": {{
                       "Doc": {{"target": "smithy.api#Document"}},
                       "Big": {{"target": "smithy.api#BigDecimal"}},
                       "Text": {{"target": "smithy.api#String"}}}}}}"#
            )
        };
        let errors = errors_of_model(&service(
            r#""aws.protocols#awsJson1_1": {}, "smithy.protocols#rpcv2Cbor": {}"#,
        ));
        assert_eq!(
            errors,
            [
                "a.b#In: member `Big` is a bigDecimal, which rpcv2Cbor cannot carry here",
                "a.b#In: member `Doc` is a document, which rpcv2Cbor cannot carry here",
            ]
        );
        assert_eq!(
            errors_of_model(&service(r#""aws.protocols#awsJson1_1": {}"#)),
            Vec::<String>::new()
        );
    }

    #[test]
    fn shapes_that_become_the_same_rust_item_are_reported() {
        let errors = errors_of_model(
            r#""a.b#Foo_Bar": {"type": "structure", "members": {}},
               "a.b#FooBar": {"type": "structure", "members": {}}"#,
        );
        // The structure and its builder both clash.
        assert_eq!(
            errors,
            [
                "a.b#Foo_Bar: becomes the Rust item `types::FooBar`, which `a.b#FooBar` also becomes",
                "a.b#Foo_Bar: becomes the Rust item `types::builders::FooBarBuilder`, which `a.b#FooBar` also becomes",
            ]
        );
    }

    #[test]
    fn ids_that_differ_only_in_case_are_reported() {
        let errors =
            errors_of_model(r#""a.b#Name": {"type": "string"}, "a.b#NAME": {"type": "string"}"#);
        assert_eq!(
            errors,
            [
                "a.b#NAME: shape id conflicts with `a.b#Name` (ids are case-insensitive)",
                "a.b#Name: becomes the Rust item `constraints::name`, which `a.b#NAME` also becomes",
            ]
        );
    }

    #[test]
    fn duplicate_enum_values_are_reported() {
        let errors = errors_of_model(
            r#""a.b#E": {"type": "enum", "members": {
                "A": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "x"}},
                "B": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "x"}}}}"#,
        );
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].starts_with("a.b#E"), "{errors:?}");
        assert!(
            errors[0].contains("\"x\"") || errors[0].contains("`x`"),
            "{errors:?}"
        );
    }

    #[test]
    fn undefined_targets_and_misplaced_traits_are_all_reported_at_once() {
        let errors = errors_of_model(
            r#""a.b#S": {"type": "structure", "members": {
                "Gone": {"target": "a.b#Missing"},
                "Flag": {"target": "smithy.api#Boolean", "traits": {"smithy.api#length": {"max": 2}}}}}"#,
        );
        assert_eq!(
            errors,
            [
                "a.b#S$Flag: @length cannot apply to a boolean",
                "a.b#S$Gone: targets `a.b#Missing`, which is not defined",
            ]
        );
    }
}
