//! Check: every problem in a model, each with its shape id, before any code is generated.
//!
//! It is the single gate: what it passes becomes a [`Checked`], the model with every trait
//! the generator understands read once into typed data, and `ir` and `emit` cannot fail on
//! one. Anything they would otherwise have to refuse is reported here, with the rest.

mod default_trait;
mod enum_trait;
mod graph;
mod loading;
mod metadata;
mod node_value;
mod private_access;
mod range_length;
mod recursion;
mod selector;
mod service;
mod shape_closure;
mod shape_id_conflict;
mod target;
mod trait_target;
mod trait_value;
mod union;
mod validators;

pub use validators::validate;

use std::collections::BTreeMap;

use crate::diagnostics::ModelErrors;
use crate::load::{Member, Model, Shape, ShapeType, Traits};
use crate::pattern;
use crate::plan::{self, prelude_type, NamePlan, PlannedIo};
use crate::shape_id::ShapeId;
use crate::traits::{self, EnumValue, TypedTraits};

/// The event id of a Smithy-legal name the generator cannot give a Rust item.
const CODEGEN_NAME: &str = "CodegenName";

/// A model that passed `check`, every shape's and member's traits read into
/// [`TypedTraits`]. Only `check` makes one, so holding one proves the model passed.
#[derive(Clone, Debug)]
pub struct Checked {
    model: Model<TypedTraits>,
}

impl Checked {
    /// The checked model, with typed traits.
    pub fn model(&self) -> &Model<TypedTraits> {
        &self.model
    }
}

/// Checks a loaded model and returns every problem found, sorted by shape id, or the model
/// with its traits typed. With `wire`, the service's protocol must be one the generator
/// speaks; without it only types and validation are generated, for any protocol.
pub fn check(model: &Model, wire: bool) -> Result<Checked, ModelErrors> {
    let mut errors = ModelErrors::default();
    let index = model.index();
    let type_of = |id: &ShapeId| -> Option<ShapeType> {
        index
            .get(id)
            .map(|s| s.shape_type)
            .or_else(|| prelude_type(id))
    };
    let shapes: Vec<Shape<TypedTraits>> = model
        .shapes
        .iter()
        .map(|shape| check_shape(shape, &type_of, wire, &mut errors))
        .collect();
    let typed = Model {
        version: model.version.clone(),
        shapes,
    };
    let cbor = wire
        && typed
            .shapes
            .iter()
            .any(|s| s.traits.protocols.contains(&traits::Protocol::RpcV2Cbor));
    if cbor {
        check_cbor_members(model, &type_of, &mut errors);
    }
    check_io_misuse(model, &mut errors);
    let mut names = ModelErrors::default();
    check_names(&plan::plan_names(&typed), &typed, &mut names);
    for error in names.errors() {
        errors.emit(CODEGEN_NAME, &error.shape, error.message.clone());
    }
    errors.into_result(Checked { model: typed })
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
            errors.emit(
                "CodegenProtocol",
                &shape.id,
                format!(
                    "member `{}` is {kind}, which rpcv2Cbor cannot carry here",
                    member.name
                ),
            );
        }
    }
}

/// Smithy's OperationInputOutputMisuse: a structure marked `@input` (`@output`) is an
/// operation's input (output) and nothing else: no member targets it, no operation takes it
/// for the other role, and no second operation takes it for the same one.
fn check_io_misuse(model: &Model, errors: &mut ModelErrors) {
    let index = model.index();
    let marked = |id: &ShapeId, trait_id: &str| {
        index.get(id).is_some_and(|s| {
            s.shape_type == ShapeType::Structure && s.traits.contains_key(trait_id)
        })
    };
    for shape in &model.shapes {
        for member in &shape.members {
            for (trait_id, name) in [(traits::INPUT, "@input"), (traits::OUTPUT, "@output")] {
                if marked(&member.target, trait_id) {
                    errors.emit(
                        "OperationInputOutputMisuse",
                        shape.id.member(&member.name),
                        format!(
                            "targets `{}`, a structure with the {name} trait, which only an operation may use",
                            member.target
                        ),
                    );
                }
            }
        }
    }
    // Each marked structure, with the operations that take it in its role.
    let mut users: BTreeMap<(&ShapeId, &str), Vec<&ShapeId>> = BTreeMap::new();
    for op in model
        .shapes
        .iter()
        .filter(|s| s.shape_type == ShapeType::Operation)
    {
        let roles = [
            ("input", &op.input, traits::INPUT, traits::OUTPUT, "@output"),
            (
                "output",
                &op.output,
                traits::OUTPUT,
                traits::INPUT,
                "@input",
            ),
        ];
        for (role, target, own, other, other_name) in roles {
            let Some(target) = target else { continue };
            if marked(target, other) {
                errors.emit(
                    "OperationInputOutputMisuse",
                    &op.id,
                    format!(
                        "the `{role}` is `{target}`, a structure with the `{other_name}` trait"
                    ),
                );
            }
            if marked(target, own) {
                users.entry((target, role)).or_default().push(&op.id);
            }
        }
    }
    for ((target, role), ops) in users {
        if ops.len() > 1 {
            let names: Vec<String> = ops.iter().map(|op| format!("`{op}`")).collect();
            errors.emit(
                "OperationInputOutputMisuse",
                target,
                format!(
                    "has the @{role} trait, so only one operation may use it, but {} do",
                    names.join(", ")
                ),
            );
        }
    }
}

/// Checks one shape and reads its traits and its members'.
fn check_shape(
    shape: &Shape,
    type_of: &dyn Fn(&ShapeId) -> Option<ShapeType>,
    wire: bool,
    errors: &mut ModelErrors,
) -> Shape<TypedTraits> {
    let id = &shape.id;
    if shape.id.is_prelude() {
        errors.report(
            id,
            "models may not define shapes in the `smithy.api` prelude namespace",
        );
    }
    let mut typed = read_traits(&id.to_string(), shape.shape_type, &shape.traits, errors);

    match shape.shape_type {
        // Operation, service and resource relationships are `Target`'s, over the whole
        // model.
        ShapeType::Enum => {
            let read = |m: &Member| traits::enum_string_value(&m.traits, &m.name);
            typed.enum_values = Some(enum_values(shape, read, errors));
        }
        ShapeType::IntEnum => {
            let read = |m: &Member| traits::enum_int_value(&m.traits);
            typed.int_enum_values = enum_values(shape, read, errors);
        }
        // A malformed 1.0 `@enum` is `TraitValue`'s to report.
        ShapeType::String => typed.enum_values = traits::legacy_enum(&shape.traits).ok().flatten(),
        ShapeType::List => check_fixed_members(shape, &["member"], errors),
        ShapeType::Map => check_fixed_members(shape, &["key", "value"], errors),
        _ => {}
    }
    if shape.shape_type == ShapeType::Service {
        // Without wire code nothing speaks the protocols, so one the generator does not
        // speak is no problem then: the service simply has none it does.
        typed.protocols = traits::protocols(&shape.traits).unwrap_or_else(|e| {
            if wire {
                errors.emit("CodegenProtocol", id, e);
            }
            Vec::new()
        });
    }
    shape.with_traits(typed, |member| check_member(shape, member, type_of, errors))
}

/// Checks one member of `shape` and reads its traits (none when its target is undefined,
/// which is reported).
fn check_member(
    shape: &Shape,
    member: &Member,
    type_of: &dyn Fn(&ShapeId) -> Option<ShapeType>,
    errors: &mut ModelErrors,
) -> TypedTraits {
    let member_id = shape.id.member(&member.name);
    // An undefined target is `Target`'s to report, over the whole model.
    let Some(target_type) = type_of(&member.target) else {
        return TypedTraits::default();
    };
    check_member_target(shape.shape_type, &member.target, &member_id, errors);
    read_traits(&member_id, target_type, &member.traits, errors)
}

/// A list has its `member`, a map its `key` and `value` (loading JSON ensures it; a model
/// built otherwise is checked too).
fn check_fixed_members(shape: &Shape, names: &[&str], errors: &mut ModelErrors) {
    for name in names {
        if shape.member(name).is_none() {
            errors.report(&shape.id, format!("missing the `{name}` member"));
        }
    }
}

fn check_member_target(
    container: ShapeType,
    target: &ShapeId,
    member_id: &str,
    errors: &mut ModelErrors,
) {
    let enum_container = matches!(container, ShapeType::Enum | ShapeType::IntEnum);
    if enum_container {
        if target.to_string() != "smithy.api#Unit" {
            errors.emit(
                "EnumShape",
                member_id,
                format!("targets `{target}`; an enum member can only target smithy.api#Unit"),
            );
        }
        return;
    }
    // Smithy's UnitType: a union's member may be a tag without data; any other member
    // needs a value.
    if target.is_prelude() && target.name() == "Unit" && container != ShapeType::Union {
        errors.emit(
            "UnitType",
            member_id,
            "targets smithy.api#Unit, which only a member of a union, enum or intEnum may",
        );
    }
}

/// The values of enum or intEnum `shape`, each member's as `read` gives it; a value that
/// cannot be read, or that an earlier member has, is reported (Smithy's `EnumShape`).
fn enum_values<V: Ord + Clone + std::fmt::Display>(
    shape: &Shape,
    read: impl Fn(&Member) -> Result<V, String>,
    errors: &mut ModelErrors,
) -> Vec<EnumValue<V>> {
    let mut values = Vec::new();
    let mut seen = BTreeMap::new();
    for member in &shape.members {
        match read(member) {
            Ok(value) => {
                if let Some(first) = seen.insert(value.clone(), &member.name) {
                    errors.emit(
                        "EnumShape",
                        shape.id.member(&member.name),
                        format!(
                            "{} value `{value}` is also the value of `{first}`",
                            shape.shape_type.as_str()
                        ),
                    );
                }
                values.push(EnumValue {
                    name: member.name.clone(),
                    value,
                    documentation: traits::documentation(&member.traits).map(str::to_owned),
                    internal: traits::has(&member.traits, traits::INTERNAL),
                });
            }
            Err(e) => errors.emit("EnumShape", shape.id.member(&member.name), e),
        }
    }
    values
}

/// Reads the traits of a shape, or of a member of type `shape_type` (its target's). A trait
/// misplaced (`TraitTarget`) or malformed (`TraitValue`, `LengthTrait`, `RangeTrait`,
/// `DefaultTrait`) is the validators' to report, over the whole model; here it is left out
/// of the typed traits, so what is generated never depends on it.
fn read_traits(
    owner: &str,
    shape_type: ShapeType,
    raw: &Traits,
    errors: &mut ModelErrors,
) -> TypedTraits {
    use ShapeType as T;
    let fits = |types: &[ShapeType]| types.contains(&shape_type);
    // An enum is a string with a fixed set of values (Smithy 2.0), so it takes `@length`.
    let length = traits::length(raw)
        .ok()
        .flatten()
        .filter(|_| fits(&[T::String, T::Enum, T::Blob, T::List, T::Map]));
    let numeric = [
        T::Byte,
        T::Short,
        T::Integer,
        T::Long,
        T::Float,
        T::Double,
        T::BigInteger,
        T::BigDecimal,
    ];
    let range = traits::range(raw).ok().flatten().filter(|_| fits(&numeric));
    let fault = traits::error_fault(raw).ok().flatten();
    let http_error = traits::http_error(raw).ok().flatten();
    let pattern = match traits::pattern(raw).ok().flatten() {
        Some(p) if fits(&[T::String, T::Enum]) => match pattern::translate_and_compile(p) {
            Ok(rust) => Some(traits::Pattern {
                model: p.to_owned(),
                rust,
            }),
            Err(e) => {
                errors.emit("CodegenPattern", owner, format!("@pattern `{p}`: {e}"));
                None
            }
        },
        _ => None,
    };
    let timestamp_format = traits::timestamp_format(raw)
        .ok()
        .flatten()
        .filter(|_| shape_type == T::Timestamp);
    let default = traits::default(raw).filter(|d| default_fits(shape_type, d));
    let has = |id: &str| traits::has(raw, id);
    TypedTraits {
        documentation: traits::documentation(raw).map(str::to_owned),
        deprecated: traits::deprecated(raw),
        sensitive: has(traits::SENSITIVE),
        required: has(traits::REQUIRED),
        client_optional: has(traits::CLIENT_OPTIONAL),
        idempotency_token: has(traits::IDEMPOTENCY_TOKEN),
        internal: has(traits::INTERNAL),
        sparse: has(traits::SPARSE),
        unique_items: has(traits::UNIQUE_ITEMS),
        length,
        range,
        pattern,
        timestamp_format,
        default,
        fault,
        http_error,
        retryable: has(traits::RETRYABLE),
        // Set by `check_shape` on the shapes they belong to.
        enum_values: None,
        int_enum_values: Vec::new(),
        protocols: Vec::new(),
    }
}

/// Whether `default` is a value of a `shape_type` (lists and maps take only empty ones,
/// structures and unions none).
fn default_fits(shape_type: ShapeType, default: &serde_json::Value) -> bool {
    use ShapeType as T;
    let integer = default.as_i64().is_some();
    match shape_type {
        T::String | T::Enum | T::Blob => default.is_string(),
        T::Boolean => default.is_boolean(),
        T::Float | T::Double | T::BigInteger | T::BigDecimal => default.is_number(),
        T::Byte | T::Short | T::Integer | T::Long | T::IntEnum => integer,
        T::Timestamp => integer || default.is_string(),
        T::Document => true,
        T::List => default.as_array().is_some_and(Vec::is_empty),
        T::Map => default.as_object().is_some_and(|o| o.is_empty()),
        _ => false,
    }
}

/// Two shapes, members or variants that would become the same Rust item, anything the plan
/// could not name, and a model shape with the id of an input or output the generator makes.
fn check_names(plan: &NamePlan<'_>, model: &Model<TypedTraits>, errors: &mut ModelErrors) {
    for (owner, problem) in &plan.problems {
        errors.report(owner, problem);
    }
    let index = model.index();
    for op in &plan.operations {
        for (io, what) in [(&op.input, "input"), (&op.output, "output")] {
            if let PlannedIo::Synthetic(synthetic) = io {
                if index.contains_key(&synthetic.id) {
                    errors.report(
                        &synthetic.id,
                        format!(
                            "is the id of the {what} the generator makes for `{}`, so the model \
                             may not define it",
                            op.shape.id
                        ),
                    );
                }
            }
        }
    }
    let items = plan.items();
    let mut seen: BTreeMap<(&str, &str), &plan::PlannedItem> = BTreeMap::new();
    for item in &items {
        let key = (item.scope.as_str(), item.ident.as_str());
        let Some(first) = seen.get(&key) else {
            seen.insert(key, item);
            continue;
        };
        if first.owner == item.owner && first.part == item.part {
            continue;
        }
        let subject = item
            .part
            .map(|part| format!("its {part} "))
            .unwrap_or_default();
        let object = match first.part {
            Some(part) => format!("the {part} of `{}`", first.owner),
            None => format!("`{}`", first.owner),
        };
        errors.report(
            &item.owner,
            format!(
                "{subject}becomes the Rust item `{}::{}`, which {object} also becomes",
                item.scope, item.ident
            ),
        );
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
    use crate::load::{Model, Shape};
    use crate::traits::{EnumValue, Length, TimestampFormat, TypedTraits};

    /// The model's first view, checked (with wire code), or its problems as lines.
    fn checked(shapes: &str) -> Result<super::Checked, Vec<String>> {
        let model =
            crate::load::load_str(&format!(r#"{{"smithy": "2.0", "shapes": {{{shapes}}}}}"#))
                .unwrap_or_else(|e| panic!("{e}"));
        super::check(&model, true)
            .map_err(|errors| errors.errors().iter().map(|e| e.to_string()).collect())
    }

    fn shape<'a>(model: &'a Model<TypedTraits>, id: &str) -> &'a Shape<TypedTraits> {
        model
            .shapes
            .iter()
            .find(|s| s.id.to_string() == id)
            .unwrap_or_else(|| panic!("no shape {id}"))
    }

    #[test]
    fn a_checked_model_has_its_members_traits_typed() {
        let checked = checked(
            r#""a.b#S": {"type": "structure", "members": {
                "Name": {"target": "smithy.api#String", "traits": {
                    "smithy.api#length": {"min": 1, "max": 8},
                    "smithy.api#default": "x",
                    "smithy.api#pattern": "^[a-z]+$",
                    "smithy.api#required": {}}},
                "When": {"target": "smithy.api#Timestamp", "traits": {
                    "smithy.api#timestampFormat": "date-time",
                    "smithy.api#default": null}}}}"#,
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        let s = shape(checked.model(), "a.b#S");
        let name = &s.members[0].traits;
        assert_eq!(
            name.length,
            Some(Length {
                min: Some(1),
                max: Some(8)
            })
        );
        assert_eq!(name.default, Some(serde_json::json!("x")));
        assert!(name.required);
        assert_eq!(
            name.pattern.as_ref().map(|p| p.model.as_str()),
            Some("^[a-z]+$")
        );
        let when = &s.members[1].traits;
        assert_eq!(when.timestamp_format, Some(TimestampFormat::DateTime));
        // `@default(null)` says there is no default.
        assert_eq!(when.default, None);
    }

    #[test]
    fn enum_values_are_read_from_members_and_from_a_1_0_enum() {
        let checked = checked(
            r#""a.b#E": {"type": "enum", "members": {
                   "A": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "a"}},
                   "B": {"target": "smithy.api#Unit"}}},
               "a.b#Old": {"type": "string", "traits": {"smithy.api#enum": [
                   {"value": "v", "name": "V", "tags": ["internal"]}]}},
               "a.b#Plain": {"type": "string"}"#,
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        let values = |id: &str| shape(checked.model(), id).traits.enum_values.clone();
        let value = |name: &str, value: &str, internal: bool| EnumValue {
            name: name.to_owned(),
            value: value.to_owned(),
            documentation: None,
            internal,
        };
        assert_eq!(
            values("a.b#E"),
            Some(vec![value("A", "a", false), value("B", "B", false)])
        );
        assert_eq!(values("a.b#Old"), Some(vec![value("V", "v", true)]));
        assert_eq!(values("a.b#Plain"), None);
    }

    #[test]
    fn a_malformed_1_0_enum_is_reported_by_check() {
        // `lower` used to be the first to find these; the enum trait's definition now does.
        assert_eq!(
            errors_of_model(
                r#""a.b#A": {"type": "string", "traits": {"smithy.api#enum": {"value": "x"}}},
                   "a.b#B": {"type": "string", "traits": {"smithy.api#enum": [{"name": "X"}]}}"#
            ),
            [
                "a.b#A: the @enum value does not fit: `smithy.api#enum` (list) takes an array, not an object | TraitValue",
                "a.b#B: the @enum.0 value does not fit: the value of `smithy.api#EnumDefinition` lacks its required member `value` | TraitValue",
            ]
        );
    }

    #[test]
    fn a_list_or_map_without_its_members_is_reported_by_check() {
        // Loading JSON cannot make one; a model built in code can.
        let loaded = crate::load::load_str(
            r#"{"smithy": "2.0", "shapes": {
                "a.b#L": {"type": "list", "member": {"target": "smithy.api#String"}},
                "a.b#M": {"type": "map", "key": {"target": "smithy.api#String"},
                          "value": {"target": "smithy.api#String"}}}}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let mut model = loaded.clone();
        for shape in &mut model.shapes {
            shape.members.retain(|m| m.name == "key");
        }
        let errors: Vec<String> = super::check(&model, true)
            .err()
            .map(|e| e.errors().iter().map(|e| e.to_string()).collect())
            .unwrap_or_default();
        assert_eq!(
            errors,
            [
                "a.b#L: missing the `member` member",
                "a.b#M: missing the `value` member"
            ]
        );
        assert!(super::check(&loaded, true).is_ok());
    }

    #[test]
    fn protocols_are_read_and_an_unspoken_one_is_refused_only_with_wire_code() {
        let model = crate::load::load_str(
            r#"{"smithy": "2.0", "shapes": {"a.b#S": {"type": "service",
                "traits": {"aws.protocols#restJson1": {}}}}}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(super::check(&model, true).is_err());
        let without_wire = super::check(&model, false).unwrap_or_else(|e| panic!("{e}"));
        assert!(shape(without_wire.model(), "a.b#S")
            .traits
            .protocols
            .is_empty());
        let json =
            checked(r#""a.b#S": {"type": "service", "traits": {"aws.protocols#awsJson1_0": {}}}"#)
                .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            shape(json.model(), "a.b#S").traits.protocols,
            [crate::traits::Protocol::AwsJson1_0]
        );
    }

    fn errors_of(members: &str) -> Vec<String> {
        let model = format!(
            r#"{{"smithy": "2.0", "shapes": {{"example#S": {{"type": "structure", "members": {{{members}}}}}}}}}"#
        );
        match crate::Model::from_json_str(&model).and_then(|model| model.check()) {
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
        match crate::Model::from_json_str(&model).and_then(|model| model.check()) {
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
    fn shapes_that_become_the_same_rust_item_are_named_apart() {
        // Smithy accepts these; the name with the fewest underscores keeps the item, the
        // others step aside, their builders and validators following.
        let shapes = r#""a.b#Foo_Bar": {"type": "structure", "members": {
                           "A": {"target": "a.b#__string"}, "B": {"target": "a.b#String"}}},
                        "a.b#FooBar": {"type": "structure", "members": {}},
                        "a.b#FooBarShape": {"type": "structure", "members": {}},
                        "a.b#__string": {"type": "string", "traits": {"smithy.api#length": {"min": 1}}},
                        "a.b#String": {"type": "string", "traits": {"smithy.api#length": {"max": 3}}}"#;
        assert_eq!(errors_of_model(shapes), Vec::<String>::new());
        let code = crate::Config::new()
            .generate_from_str(&format!(r#"{{"smithy": "2.0", "shapes": {{{shapes}}}}}"#))
            .unwrap_or_else(|e| panic!("{e}"));
        for item in [
            "pub struct FooBar {",
            "pub struct FooBarShape {",
            "pub struct FooBarShape2 {",
            "pub struct FooBarShape2Builder {",
            "fn string(value",
            "fn string_shape(",
            "Smithy shape: `a.b#Foo_Bar`",
        ] {
            assert!(code.contains(item), "{item}");
        }
        let foo_bar = code.find("Smithy shape: `a.b#Foo_Bar`").unwrap_or_default();
        let shape2 = code.find("pub struct FooBarShape2 {").unwrap_or_default();
        assert!(
            foo_bar < shape2 && shape2 - foo_bar < 400,
            "a.b#Foo_Bar is FooBarShape2"
        );
    }

    #[test]
    fn ids_that_differ_only_in_case_are_reported() {
        let errors =
            errors_of_model(r#""a.b#Name": {"type": "string"}, "a.b#NAME": {"type": "string"}"#);
        assert_eq!(
            errors,
            [
                "a.b#NAME: `a.b#NAME` differs only in case from [`a.b#Name`] | ShapeIdConflict",
                "a.b#Name: `a.b#Name` differs only in case from [`a.b#NAME`] | ShapeIdConflict",
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
                "a.b#S$Flag: the `length` trait is not allowed on `a.b#S$Flag`; its selector is `:test(list, map, string, blob, member > :is(list, map, string, blob))` | TraitTarget",
                "a.b#S$Gone: targets `a.b#Missing`, which is not in the model | Target",
            ]
        );
    }
}
