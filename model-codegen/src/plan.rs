//! Plan: every Rust name the generated file uses, decided once from the model. Which prelude
//! shapes exist, which operations the service binds, what role each structure plays, and the
//! name of every item: types and validators, builders, operation modules, the inputs and
//! outputs the generator makes, error-enum and `Request` variants, strategy functions and
//! pattern statics. `check` looks for clashes in it; `ir` lowers through it; emit reads the
//! names ir carries and invents none.

use std::collections::{BTreeMap, BTreeSet};

use crate::load::{Member, Model, Shape, ShapeType};
use crate::naming;
use crate::shape_id::ShapeId;
use crate::traits::{EnumValue, Fault, TypedTraits};

/// Prelude shapes that may be targeted without being defined in the model.
pub const PRELUDE_SHAPES: &[(&str, ShapeType)] = &[
    ("String", ShapeType::String),
    ("Blob", ShapeType::Blob),
    ("BigInteger", ShapeType::BigInteger),
    ("BigDecimal", ShapeType::BigDecimal),
    ("Timestamp", ShapeType::Timestamp),
    ("Document", ShapeType::Document),
    ("Boolean", ShapeType::Boolean),
    ("PrimitiveBoolean", ShapeType::Boolean),
    ("Byte", ShapeType::Byte),
    ("PrimitiveByte", ShapeType::Byte),
    ("Short", ShapeType::Short),
    ("PrimitiveShort", ShapeType::Short),
    ("Integer", ShapeType::Integer),
    ("PrimitiveInteger", ShapeType::Integer),
    ("Long", ShapeType::Long),
    ("PrimitiveLong", ShapeType::Long),
    ("Float", ShapeType::Float),
    ("PrimitiveFloat", ShapeType::Float),
    ("Double", ShapeType::Double),
    ("PrimitiveDouble", ShapeType::Double),
    ("Unit", ShapeType::Structure),
];

/// The type of a prelude shape, if `id` names one.
pub fn prelude_type(id: &ShapeId) -> Option<ShapeType> {
    if !id.is_prelude() {
        return None;
    }
    PRELUDE_SHAPES
        .iter()
        .find(|(name, _)| *name == id.name())
        .map(|(_, t)| *t)
}

/// What a structure is for; it decides where it lives and how strict it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    /// Nested data, lenient.
    Plain,
    /// An operation's input: proven valid by construction.
    Input {
        /// The operation's name.
        operation: String,
        /// The operation's module.
        module: String,
    },
    /// An operation's output: lenient.
    Output {
        /// The operation's name.
        operation: String,
        /// The operation's module.
        module: String,
    },
    /// An error structure: lenient.
    Error {
        /// Client or server fault.
        fault: Fault,
        /// `@httpError`, if given.
        http_status: Option<u16>,
        /// `@retryable`.
        retryable: bool,
    },
}

/// Every Rust name of the generated file, with the shapes it names. Both `check` and `ir`
/// compute it through [`plan_names`], so what check found free of clashes is what ir lowers.
#[derive(Clone, Debug, Default)]
pub struct NamePlan<'a> {
    /// Every data shape of the model (not services, operations or resources), in model
    /// order, with its names. A list or map without its members is left out (`check`
    /// reports it).
    pub shapes: Vec<PlannedShape<'a>>,
    /// The operations code is generated for, with their names.
    pub operations: Vec<PlannedOperation<'a>>,
    /// One static per distinct `@pattern` text, by that text.
    pub patterns: BTreeMap<String, PatternStatic>,
    /// For each aggregate: (member name, Rust name) pairs, reserved names included; for a
    /// structure, its fields and (prefixed by what they are methods of) the builder and input
    /// methods named after its members.
    pub members: BTreeMap<ShapeId, Vec<(String, String)>>,
    /// What the plan could not name, as (owner, message) for `check` to report.
    pub problems: Vec<(String, String)>,
}

/// A data shape and its names.
#[derive(Clone, Debug)]
pub struct PlannedShape<'a> {
    /// The shape.
    pub shape: &'a Shape<TypedTraits>,
    /// What a structure is for (`Plain` for every other shape).
    pub role: Role,
    /// Its items' names.
    pub names: ShapeNames,
    /// Its members, variants or values, named.
    pub members: PlannedMembers<'a>,
}

/// The names of the items one shape (or one input or output the generator makes) becomes.
#[derive(Clone, Debug)]
pub struct ShapeNames {
    /// The module its item lives in (`types`, `types::error`, `operation::<op>`,
    /// `constraints`).
    pub module: String,
    /// Its type (UpperCamel) or, for a simple, list or map shape, its validator (snake).
    pub ident: String,
    /// Its function in the `strategies` module.
    pub strategy: String,
    /// Its own `@pattern`, with the static that holds it.
    pub pattern: Option<PatternDef>,
}

/// The methods named after one structure member, besides its field. Each is in another
/// namespace than the fields (the builder's, the input's, the structure's), so the clash
/// table keeps them apart by prefix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberMethods {
    /// The builder's setter that takes a value (`foo`; `build_value` for a member `Build`).
    pub setter: String,
    /// The builder's setter that takes an `Option` (`set_foo`).
    pub set: String,
    /// An input's getter.
    pub getter: String,
    /// A lenient structure's getter that stands the model's default in for an absent value
    /// (`foo_or_default`).
    pub or_default: String,
}

impl MemberMethods {
    /// The methods of the member whose field is `field`.
    fn of(field: &str) -> MemberMethods {
        let bare = field.trim_start_matches("r#");
        MemberMethods {
            setter: naming::method_name(field, naming::BUILDER_METHODS),
            set: format!("set_{bare}"),
            getter: naming::method_name(field, naming::INPUT_METHODS),
            or_default: format!("{bare}_or_default"),
        }
    }
}

/// A structure's builder.
#[derive(Clone, Debug)]
pub struct Builder {
    /// The module it lives in.
    pub module: String,
    /// Its name (`<Structure>Builder`).
    pub name: String,
}

/// What a shape holds, named.
#[derive(Clone, Debug)]
pub enum PlannedMembers<'a> {
    /// A structure's fields, in model order, and its builder.
    Structure(Vec<PlannedMember<'a>>, Builder),
    /// A union's variants, in model order.
    Union(Vec<PlannedMember<'a>>),
    /// A list's element.
    List(PlannedMember<'a>),
    /// A map's key and value.
    Map(PlannedMember<'a>, PlannedMember<'a>),
    /// A string enum's values (an `enum`, or a string with a 1.0 `@enum`).
    Enum(Vec<EnumVariant>),
    /// An intEnum's values.
    IntEnum(Vec<IntEnumVariant>),
    /// Nothing: a simple shape.
    None,
}

/// A member and its names.
#[derive(Clone, Debug)]
pub struct PlannedMember<'a> {
    /// The member.
    pub member: &'a Member<TypedTraits>,
    /// Its field (snake_case) or, in a union, its variant (UpperCamel).
    pub ident: String,
    /// Its own `@pattern`, with the static that holds it.
    pub pattern: Option<PatternDef>,
    /// The methods a structure gives it.
    pub methods: Box<MemberMethods>,
    /// For a structure member with a `@default` (not `@clientOptional`), the function serde
    /// calls to write it or its default: a free function in the structure's module, named
    /// apart from every other there ([`NamePlan::name_default_writers`]).
    pub default_writer: Option<String>,
}

/// A `@pattern`: as the model wrote it, as the `regex` crate reads it, and the static in
/// `patterns` that holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternDef {
    /// ECMA-262 text from the model (what messages quote).
    pub model: String,
    /// Translation for the `regex` crate.
    pub rust: String,
    /// The static in `patterns`.
    pub name: String,
}

/// A static of the `patterns` module.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternStatic {
    /// The static's name.
    pub name: String,
    /// Translation for the `regex` crate.
    pub rust: String,
    /// The shapes and members with this pattern, by id, sorted.
    pub users: Vec<String>,
}

/// An operation and the names of what it becomes.
#[derive(Clone, Debug)]
pub struct PlannedOperation<'a> {
    /// The operation shape.
    pub shape: &'a Shape<TypedTraits>,
    /// Its module in `operation`.
    pub module: String,
    /// Its input structure.
    pub input: PlannedIo<'a>,
    /// Its output structure.
    pub output: PlannedIo<'a>,
    /// The enum of its errors (`<Operation>Error`), in its module.
    pub error_enum: String,
    /// Its errors (its own, then the service's), each with its variant of the error enum.
    pub errors: Vec<(ShapeId, String)>,
    /// Its variant of `service::Request` and `service::Response`.
    pub request_variant: String,
    /// Its function in `strategies::invalid`.
    pub invalid_strategy: String,
}

/// An operation's input or output: a structure of the model that has this role, or one the
/// generator makes.
#[derive(Clone, Debug)]
pub enum PlannedIo<'a> {
    /// The model's structure, whose names are among the planned shapes.
    Model(ShapeId),
    /// A structure the generator makes (boxed: it is the larger by far).
    Synthetic(Box<SyntheticShape<'a>>),
}

/// An input or output the generator makes: for `smithy.api#Unit`, or a copy of a structure
/// another operation (or an error) uses, as smithy-rs gives every operation its own.
#[derive(Clone, Debug)]
pub struct SyntheticShape<'a> {
    /// Its id, in the `<namespace>.synthetic` namespace beside its operation's.
    pub id: ShapeId,
    /// Its role, input or output of its operation.
    pub role: Role,
    /// Its items' names.
    pub names: ShapeNames,
    /// Its builder.
    pub builder: Builder,
    /// The structure it copies and that structure's members, or `None` for `Unit`.
    pub copy_of: Option<(&'a Shape<TypedTraits>, Vec<PlannedMember<'a>>)>,
}

impl PlannedIo<'_> {
    /// The structure's id.
    pub fn id(&self) -> &ShapeId {
        match self {
            PlannedIo::Model(id) => id,
            PlannedIo::Synthetic(synthetic) => &synthetic.id,
        }
    }

    /// Whether the model gives the operation this input or output (not `smithy.api#Unit`).
    pub fn in_model(&self) -> bool {
        match self {
            PlannedIo::Model(_) => true,
            PlannedIo::Synthetic(synthetic) => synthetic.copy_of.is_some(),
        }
    }
}

/// A variant of an enum: a string enum's (`EnumVariant`, its wire value a `String`) or an
/// intEnum's ([`IntEnumVariant`], an `i32`).
#[derive(Clone, Debug)]
pub struct EnumVariant<V = String> {
    /// Rust variant name.
    pub ident: String,
    /// Wire value.
    pub value: V,
    /// Documentation.
    pub doc: Option<String>,
    /// Marked `@internal` (or tagged `internal` in a 1.0 `@enum`): accepted, but left out of
    /// the value set a violation names, as Smithy's validation messages leave it out.
    pub internal: bool,
}

/// A variant of an integer enum.
pub type IntEnumVariant = EnumVariant<i32>;

/// The operation shapes of a model: those bound to its service (through resources too), or
/// every operation shape (in file order) when there is no service. A bound id that names no
/// operation shape is not one of them (`check` reports it).
pub fn operations<T>(model: &Model<T>) -> Vec<&Shape<T>> {
    let index = model.index();
    let Some(service) = model.service() else {
        return model
            .shapes
            .iter()
            .filter(|s| s.shape_type == ShapeType::Operation)
            .collect();
    };
    let mut found = BTreeSet::new();
    let mut stack = vec![service];
    let mut visited = BTreeSet::new();
    while let Some(container) = stack.pop() {
        if !visited.insert(&container.id) {
            continue;
        }
        found.extend(container.operations.iter());
        stack.extend(
            container
                .resources
                .iter()
                .filter_map(|r| index.get(r).copied()),
        );
    }
    found
        .into_iter()
        .filter_map(|id| index.get(id).copied())
        .filter(|s| s.shape_type == ShapeType::Operation)
        .collect()
}

/// The role of each structure that has one other than `Plain`: errors first, then each
/// operation's input and output, the first operation (in [`operations`] order) to name a
/// structure taking it.
pub fn roles(model: &Model<TypedTraits>) -> BTreeMap<ShapeId, Role> {
    let index = model.index();
    let mut roles = BTreeMap::new();
    for shape in &model.shapes {
        if let Some(fault) = shape.traits.fault {
            roles.insert(
                shape.id.clone(),
                Role::Error {
                    fault,
                    http_status: shape.traits.http_error,
                    retryable: shape.traits.retryable,
                },
            );
        }
    }
    let held: BTreeSet<&ShapeId> = model
        .shapes
        .iter()
        .flat_map(|s| s.members.iter().map(|m| &m.target))
        .collect();
    for op in operations(model) {
        let structure = |id: &Option<ShapeId>| {
            id.as_ref()
                .filter(|id| {
                    index
                        .get(id)
                        .is_some_and(|s| s.shape_type == ShapeType::Structure)
                })
                .cloned()
        };
        // An input is valid by construction and validated as the whole request; a
        // structure a member also holds is data, so it stays plain and the operation gets
        // a copy of it as its input. (Smithy refuses this for a structure marked `@input`;
        // an output, lenient, serves as a member's value too.)
        if let Some(input) = structure(&op.input).filter(|id| !held.contains(&id)) {
            roles.entry(input).or_insert_with(|| io_role(op, true));
        }
        if let Some(output) = structure(&op.output) {
            roles.entry(output).or_insert_with(|| io_role(op, false));
        }
    }
    roles
}

/// The role of `op`'s input (or output).
fn io_role<T>(op: &Shape<T>, input: bool) -> Role {
    let operation = op.id.name().to_owned();
    let module = naming::snake(&operation);
    match input {
        true => Role::Input { operation, module },
        false => Role::Output { operation, module },
    }
}

/// The module and identifier a structure with `role` and model name `name` gets.
fn role_ident(role: &Role, name: &str) -> (String, String) {
    match role {
        Role::Input { operation, module } => {
            (format!("operation::{module}"), format!("{operation}Input"))
        }
        Role::Output { operation, module } => {
            (format!("operation::{module}"), format!("{operation}Output"))
        }
        Role::Error { .. } => ("types::error".to_owned(), naming::type_name(name)),
        Role::Plain => ("types".to_owned(), naming::type_name(name)),
    }
}

/// Functions of the `strategies` module (and its glob import's `any`) that no shape's
/// strategy may take.
const STRATEGY_FUNCTIONS: &[&str] = &["any", "by_name", "invalid_by_name"];

/// The variant every operation error enum keeps errors the model does not name in.
pub const UNHANDLED_VARIANT: &str = "Unhandled";

/// The names of a structure with `role` and model name `name`: its type and strategy, and
/// its builder.
fn structure_names(role: &Role, name: &str) -> (ShapeNames, Builder) {
    let (module, ident) = role_ident(role, name);
    let builder = naming::builder_name(&ident);
    // Inputs and outputs keep their builders beside them in their operation's module,
    // where only that operation's items live; other builders live in a `builders`
    // submodule, so no shape can be named as another's builder.
    let builder_module = match role {
        Role::Input { .. } | Role::Output { .. } => module.clone(),
        Role::Plain | Role::Error { .. } => format!("{module}::builders"),
    };
    // An input's or output's strategy is named for its Rust type, which says which
    // operation it belongs to; other shapes' for their model name.
    let strategy = match role {
        Role::Input { .. } | Role::Output { .. } => naming::snake(&ident),
        Role::Plain | Role::Error { .. } => naming::snake(name),
    };
    let names = ShapeNames {
        module,
        ident,
        strategy: naming::method_name(&strategy, STRATEGY_FUNCTIONS),
        pattern: None,
    };
    let builder = Builder {
        module: builder_module,
        name: builder,
    };
    (names, builder)
}

/// Decides every Rust name, without checking anything: what could not be named is in
/// `problems`, and clashes are `check`'s to find.
pub fn plan_names(model: &Model<TypedTraits>) -> NamePlan<'_> {
    let roles = roles(model);
    let patterns = PatternNames::new(model);
    let mut plan = NamePlan {
        patterns: patterns.statics(),
        ..NamePlan::default()
    };
    for shape in &model.shapes {
        if let Some(members) = member_table(shape) {
            plan.members.insert(shape.id.clone(), members);
        }
        let role = roles.get(&shape.id).cloned().unwrap_or(Role::Plain);
        if let Some(planned) = plan_shape(shape, role, &patterns) {
            plan.shapes.push(planned);
        }
    }
    let index = model.index();
    let service_errors = model.service().map_or(&[][..], |s| &s.errors[..]);
    for op in operations(model) {
        let io = |target: &Option<ShapeId>, input: bool| {
            plan_io(op, target, input, &index, &roles, &patterns)
        };
        let (input, output) = match (io(&op.input, true), io(&op.output, false)) {
            (Ok(input), Ok(output)) => (input, output),
            (input, output) => {
                plan.problems
                    .extend(input.err().into_iter().chain(output.err()));
                continue;
            }
        };
        let mut errors: Vec<&ShapeId> = op.errors.iter().collect();
        for e in service_errors {
            if !errors.contains(&e) {
                errors.push(e);
            }
        }
        let variants = naming::variants_besides(errors.iter().map(|e| e.name()), UNHANDLED_VARIANT);
        let module = naming::snake(op.id.name());
        let invalid = naming::snake(&format!("{}Input", op.id.name()));
        plan.operations.push(PlannedOperation {
            shape: op,
            module,
            input,
            output,
            error_enum: format!("{}Error", op.id.name()),
            errors: errors.into_iter().cloned().zip(variants).collect(),
            request_variant: naming::upper_camel(op.id.name()),
            invalid_strategy: naming::method_name(&invalid, STRATEGY_FUNCTIONS),
        });
    }
    plan.separate_shapes();
    plan.separate_strategies();
    plan.name_default_writers();
    plan
}

/// A data shape's names and members; `None` for services, operations and resources, and
/// for a list or map without its members (which `check` reports).
fn plan_shape<'a>(
    shape: &'a Shape<TypedTraits>,
    role: Role,
    patterns: &PatternNames,
) -> Option<PlannedShape<'a>> {
    let name = shape.id.name();
    let pattern = shape
        .traits
        .pattern
        .as_ref()
        .map(|p| patterns.def(p, &naming::screaming_snake(name)));
    let type_names = |pattern: Option<PatternDef>| ShapeNames {
        module: "types".to_owned(),
        ident: naming::type_name(name),
        strategy: naming::method_name(&naming::snake(name), STRATEGY_FUNCTIONS),
        pattern,
    };
    let fixed = |member: &str| {
        shape
            .member(member)
            .map(|m| plan_member(shape, m, naming::snake(&m.name), patterns))
    };
    let (names, members) = match (shape.shape_type, shape.traits.enum_values.as_deref()) {
        (ShapeType::Service | ShapeType::Operation | ShapeType::Resource, _) => return None,
        (ShapeType::Structure, _) => {
            let (names, builder) = structure_names(&role, name);
            let members = structure_members(shape, patterns);
            (names, PlannedMembers::Structure(members, builder))
        }
        (ShapeType::Union, _) => {
            let idents = naming::variant_names(shape.members.iter().map(|m| m.name.as_str()));
            let members = shape
                .members
                .iter()
                .zip(idents)
                .map(|(m, ident)| plan_member(shape, m, ident, patterns))
                .collect();
            (type_names(None), PlannedMembers::Union(members))
        }
        (ShapeType::IntEnum, _) => (
            type_names(None),
            PlannedMembers::IntEnum(enum_variants(&shape.traits.int_enum_values)),
        ),
        // `check` gives every `enum` its values, and a string those of its 1.0 `@enum`.
        (ShapeType::Enum | ShapeType::String, Some(values)) => (
            type_names(pattern),
            PlannedMembers::Enum(enum_variants(values)),
        ),
        (ShapeType::List, _) => (
            validator_names(name, pattern),
            PlannedMembers::List(fixed("member")?),
        ),
        (ShapeType::Map, _) => (
            validator_names(name, pattern),
            PlannedMembers::Map(fixed("key")?, fixed("value")?),
        ),
        // `check` refuses an `enum` without values; it would be an enum with none.
        (ShapeType::Enum, None) => (type_names(pattern), PlannedMembers::Enum(Vec::new())),
        (
            ShapeType::String
            | ShapeType::Blob
            | ShapeType::Boolean
            | ShapeType::Byte
            | ShapeType::Short
            | ShapeType::Integer
            | ShapeType::Long
            | ShapeType::Float
            | ShapeType::Double
            | ShapeType::BigInteger
            | ShapeType::BigDecimal
            | ShapeType::Timestamp
            | ShapeType::Document,
            _,
        ) => (validator_names(name, pattern), PlannedMembers::None),
    };
    Some(PlannedShape {
        shape,
        role,
        names,
        members,
    })
}

/// The names of a shape that is no Rust type of its own: its validator in `constraints`.
fn validator_names(name: &str, pattern: Option<PatternDef>) -> ShapeNames {
    let ident = naming::snake(name);
    ShapeNames {
        module: "constraints".to_owned(),
        strategy: naming::method_name(&ident, STRATEGY_FUNCTIONS),
        ident,
        pattern,
    }
}

/// A structure's members, each a snake_case field.
fn structure_members<'a>(
    shape: &'a Shape<TypedTraits>,
    patterns: &PatternNames,
) -> Vec<PlannedMember<'a>> {
    shape
        .members
        .iter()
        .map(|m| plan_member(shape, m, naming::snake(&m.name), patterns))
        .collect()
}

fn plan_member<'a>(
    shape: &Shape<TypedTraits>,
    member: &'a Member<TypedTraits>,
    ident: String,
    patterns: &PatternNames,
) -> PlannedMember<'a> {
    PlannedMember {
        member,
        methods: Box::new(MemberMethods::of(&ident)),
        default_writer: None,
        ident,
        pattern: member
            .traits
            .pattern
            .as_ref()
            .map(|p| patterns.def(p, &member_pattern_name(shape, member))),
    }
}

/// An operation's input (or output): the model's structure when this operation took it,
/// else one the generator makes. Its id is an error when the operation's id does not make
/// one (never for an operation the loader read).
fn plan_io<'a>(
    op: &'a Shape<TypedTraits>,
    target: &Option<ShapeId>,
    input: bool,
    index: &BTreeMap<&ShapeId, &'a Shape<TypedTraits>>,
    roles: &BTreeMap<ShapeId, Role>,
    patterns: &PatternNames,
) -> Result<PlannedIo<'a>, (String, String)> {
    let role = io_role(op, input);
    let target = target
        .as_ref()
        .filter(|t| t.to_string() != "smithy.api#Unit")
        .and_then(|t| index.get(t).copied())
        // A target that is no structure is `check`'s to report; it is planned as `Unit`.
        .filter(|t| t.shape_type == ShapeType::Structure);
    if let Some(target) = target {
        if roles.get(&target.id) == Some(&role) {
            return Ok(PlannedIo::Model(target.id.clone()));
        }
    }
    let suffix = if input { "Input" } else { "Output" };
    let text = format!("{}.synthetic#{}{suffix}", op.id.namespace(), op.id.name());
    let id = ShapeId::parse(&text).map_err(|e| {
        (
            op.id.to_string(),
            format!(
                "the {} the generator makes for it has no valid id: {e}",
                suffix.to_lowercase()
            ),
        )
    })?;
    let (names, builder) = structure_names(&role, op.id.name());
    Ok(PlannedIo::Synthetic(Box::new(SyntheticShape {
        id,
        names,
        builder,
        role,
        copy_of: target.map(|t| (t, structure_members(t, patterns))),
    })))
}

/// The clash table of a shape's members: fields and the builder's and input's methods named
/// after them (prefixed, as they are other namespaces than the fields'), or variants with
/// the catch-all.
fn member_table(shape: &Shape<TypedTraits>) -> Option<Vec<(String, String)>> {
    Some(match shape.shape_type {
        ShapeType::Structure => shape
            .members
            .iter()
            .flat_map(|m| {
                let field = naming::snake(&m.name);
                let methods = MemberMethods::of(&field);
                [
                    (m.name.clone(), format!("builder method {}", methods.setter)),
                    (m.name.clone(), format!("builder method {}", methods.set)),
                    (m.name.clone(), format!("input method {}", methods.getter)),
                    (m.name.clone(), format!("method {}", methods.or_default)),
                    (m.name.clone(), field),
                ]
            })
            .collect(),
        ShapeType::Enum | ShapeType::IntEnum | ShapeType::Union => {
            let names: Vec<&str> = shape.members.iter().map(|m| m.name.as_str()).collect();
            with_catch_all(&names, naming::variant_names(names.iter().copied()))
        }
        ShapeType::String => {
            let variants = enum_variants(shape.traits.enum_values.as_deref()?);
            let values: Vec<&str> = variants.iter().map(|v| v.value.as_str()).collect();
            let idents = variants.iter().map(|v| v.ident.clone()).collect();
            with_catch_all(&values, idents)
        }
        _ => return None,
    })
}

/// (name, Rust variant) pairs of an enum or union, and the catch-all variant, which the
/// variant names never take but which clash checks must still see.
fn with_catch_all(names: &[&str], idents: Vec<String>) -> Vec<(String, String)> {
    names
        .iter()
        .map(|n| (*n).to_owned())
        .zip(idents)
        .chain([(
            "<unknown values>".to_owned(),
            naming::UNKNOWN_VARIANT.to_owned(),
        )])
        .collect()
}

/// The variants of an enum's or intEnum's values, each named after its value's `name`.
pub fn enum_variants<V: Clone>(values: &[EnumValue<V>]) -> Vec<EnumVariant<V>> {
    let idents = naming::variant_names(values.iter().map(|v| v.name.as_str()));
    values
        .iter()
        .zip(idents)
        .map(|(v, ident)| EnumVariant {
            ident,
            value: v.value.clone(),
            doc: v.documentation.clone(),
            internal: v.internal,
        })
        .collect()
}

/// The SCREAMING name of a member with a pattern of its own: `SHAPE_MEMBER`.
fn member_pattern_name(shape: &Shape<TypedTraits>, member: &Member<TypedTraits>) -> String {
    format!(
        "{}_{}",
        naming::screaming_snake(shape.id.name()),
        naming::screaming_snake(&member.name)
    )
}

/// Who uses each distinct `@pattern` text, so each static is named for what it serves.
struct PatternNames {
    /// By pattern text: its regex translation and its users, as (id, SCREAMING name),
    /// sorted by id.
    users: BTreeMap<String, (String, Vec<(String, String)>)>,
}

impl PatternNames {
    /// The users of every pattern in `model`: shapes with `@pattern`, and members with one
    /// of their own.
    fn new(model: &Model<TypedTraits>) -> PatternNames {
        let mut users: BTreeMap<String, (String, Vec<(String, String)>)> = BTreeMap::new();
        let mut add = |p: &crate::traits::Pattern, id: String, name: String| {
            let entry = users
                .entry(p.model.clone())
                .or_insert_with(|| (p.rust.clone(), Vec::new()));
            entry.1.push((id, name));
        };
        for shape in &model.shapes {
            let shape_name = naming::screaming_snake(shape.id.name());
            if let Some(p) = &shape.traits.pattern {
                add(p, shape.id.to_string(), shape_name.clone());
            }
            for member in &shape.members {
                if let Some(p) = &member.traits.pattern {
                    add(
                        p,
                        shape.id.member(&member.name),
                        member_pattern_name(shape, member),
                    );
                }
            }
        }
        for (_, list) in users.values_mut() {
            list.sort();
        }
        PatternNames { users }
    }

    /// The static of a pattern: named for the one shape or member using it (`own`, its
    /// SCREAMING name), or, when several share it, for the first two (by id) and how many
    /// more there are (`TAG_KEY_AND_TAG_VALUE`, `ARN_AND_3_OTHERS`).
    fn name(&self, model: &str, own: &str) -> String {
        match self
            .users
            .get(model)
            .map_or(&[][..], |(_, users)| &users[..])
        {
            [] | [_] => own.to_owned(),
            [(_, first), (_, second)] => format!("{first}_AND_{second}"),
            [(_, first), rest @ ..] => format!("{first}_AND_{}_OTHERS", rest.len()),
        }
    }

    /// The pattern of the shape or member whose SCREAMING name is `own`, with its static.
    fn def(&self, pattern: &crate::traits::Pattern, own: &str) -> PatternDef {
        PatternDef {
            model: pattern.model.clone(),
            rust: pattern.rust.clone(),
            name: self.name(&pattern.model, own),
        }
    }

    /// Every static, by pattern text.
    fn statics(&self) -> BTreeMap<String, PatternStatic> {
        self.users
            .iter()
            .map(|(model, (rust, users))| {
                let first = users.first().map_or("", |(_, name)| name.as_str());
                let static_ = PatternStatic {
                    name: self.name(model, first),
                    rust: rust.clone(),
                    users: users.iter().map(|(id, _)| id.clone()).collect(),
                };
                (model.clone(), static_)
            })
            .collect()
    }
}

/// One Rust item of the generated file, with what it is made for: what `check`'s clash test
/// compares.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct PlannedItem {
    /// The shape (or member) it is made for.
    pub owner: String,
    /// What of the owner it is, when not the owner itself (`input`: the input the generator
    /// makes for an operation).
    pub part: Option<&'static str>,
    /// Where the name must be unique: a module (`types`, `strategies`), or an enum whose
    /// variants these are (`service::Request`).
    pub scope: String,
    /// The name.
    pub ident: String,
}

impl NamePlan<'_> {
    /// Data shapes whose Smithy names are distinct but become the same Rust item
    /// (`__string` beside `String`, `Foo_Bar` beside `FooBar`, `a#Widget` beside `b#Widget`)
    /// are named apart, as Smithy accepts such models: in each group the name with the
    /// fewest underscores keeps the item (then the first id in order), and each other takes
    /// `<Name>Shape` (`<name>_shape` for a validator; numbered if that is taken too), its
    /// builder following. Inputs and outputs keep their names, being the operation's own.
    fn separate_shapes(&mut self) {
        let is_io = |role: &Role| matches!(role, Role::Input { .. } | Role::Output { .. });
        let mut taken: BTreeSet<(String, String)> = BTreeSet::new();
        let mut groups: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
        for (i, planned) in self.shapes.iter().enumerate() {
            let key = (planned.names.module.clone(), planned.names.ident.clone());
            if !is_io(&planned.role) {
                groups.entry(key.clone()).or_default().push(i);
            }
            taken.insert(key);
            if let PlannedMembers::Structure(_, builder) = &planned.members {
                taken.insert((builder.module.clone(), builder.name.clone()));
            }
        }
        for op in &self.operations {
            for io in [&op.input, &op.output] {
                if let PlannedIo::Synthetic(synthetic) = io {
                    let names = &synthetic.names;
                    taken.insert((names.module.clone(), names.ident.clone()));
                }
            }
        }
        for ((module, ident), mut group) in groups {
            if group.len() < 2 {
                continue;
            }
            group.sort_by_key(|&i| {
                let id = &self.shapes[i].shape.id;
                (id.name().matches('_').count(), id.to_string())
            });
            for &i in &group[1..] {
                let planned = &mut self.shapes[i];
                let base = match module.as_str() {
                    "constraints" => format!("{ident}_shape"),
                    _ => format!("{}Shape", ident.trim_end_matches('_')),
                };
                let builder_module = match &planned.members {
                    PlannedMembers::Structure(_, builder) => Some(builder.module.clone()),
                    _ => None,
                };
                let free = |candidate: &String| {
                    !taken.contains(&(module.clone(), candidate.clone()))
                        && builder_module.as_ref().is_none_or(|m| {
                            !taken.contains(&(m.clone(), naming::builder_name(candidate)))
                        })
                };
                let name = std::iter::once(base.clone())
                    .chain((2..).map(|n| format!("{base}{n}")))
                    .find(|candidate| free(candidate))
                    .unwrap_or(base);
                taken.insert((module.clone(), name.clone()));
                if let PlannedMembers::Structure(_, builder) = &mut planned.members {
                    builder.name = naming::builder_name(&name);
                    taken.insert((builder.module.clone(), builder.name.clone()));
                }
                planned.names.ident = name;
            }
        }
    }

    /// Strategy functions share one module, where an input's or output's (named for its Rust
    /// type, `get_foo_input`) can meet a data shape's (named for its model name, a shape
    /// called `GetFooInput` beside the operation's own input `GetFoo_Input`), a model Smithy
    /// accepts. Inputs and outputs keep their names, being the operation's own; a data shape
    /// whose name is taken steps aside to `<name>_shape` (`_shape2`, ... if that is taken
    /// too), in model order. Other clashes stay check's to report.
    fn separate_strategies(&mut self) {
        let is_io = |role: &Role| matches!(role, Role::Input { .. } | Role::Output { .. });
        let mut taken: BTreeSet<String> = self
            .shapes
            .iter()
            .filter(|planned| is_io(&planned.role))
            .map(|planned| planned.names.strategy.clone())
            .collect();
        for op in &self.operations {
            for io in [&op.input, &op.output] {
                if let PlannedIo::Synthetic(synthetic) = io {
                    taken.insert(synthetic.names.strategy.clone());
                }
            }
        }
        for planned in self.shapes.iter_mut().filter(|p| !is_io(&p.role)) {
            let name = &mut planned.names.strategy;
            if taken.contains(name.as_str()) {
                let base = format!("{name}_shape");
                let free = std::iter::once(base.clone())
                    .chain((2..).map(|n| format!("{base}{n}")))
                    .find(|candidate| !taken.contains(candidate));
                *name = free.unwrap_or(base);
            }
            taken.insert(name.clone());
        }
    }

    /// Names the default writers of structure members ([`PlannedMember::default_writer`])
    /// once the structures' own names are final: `serialize_<structure>_<field>`, which two
    /// structures can share (`FooBar.baz`, `Foo.bar_baz`), so a later one takes `_2`, `_3`,
    /// ... Being private, their names are the plan's to choose, not the user's to call.
    fn name_default_writers(&mut self) {
        let mut taken: BTreeSet<(String, String)> = BTreeSet::new();
        let mut name = |module: &str, ident: &str, member: &mut PlannedMember<'_>| {
            let traits = &member.member.traits;
            if traits.default.is_none() || traits.client_optional {
                return;
            }
            let base = format!(
                "serialize_{}_{}",
                naming::snake(ident),
                member.ident.trim_start_matches("r#")
            );
            let free = std::iter::once(base.clone())
                .chain((2..).map(|n| format!("{base}_{n}")))
                .find(|candidate| !taken.contains(&(module.to_owned(), candidate.clone())))
                .unwrap_or(base);
            taken.insert((module.to_owned(), free.clone()));
            member.default_writer = Some(free);
        };
        for planned in &mut self.shapes {
            if let PlannedMembers::Structure(members, _) = &mut planned.members {
                for member in members {
                    name(&planned.names.module, &planned.names.ident, member);
                }
            }
        }
        for op in &mut self.operations {
            for io in [&mut op.input, &mut op.output] {
                if let PlannedIo::Synthetic(synthetic) = io {
                    if let Some((_, members)) = &mut synthetic.copy_of {
                        for member in members {
                            name(&synthetic.names.module, &synthetic.names.ident, member);
                        }
                    }
                }
            }
        }
    }

    /// Every item of the generated file that takes a name in a module or enum, sorted by
    /// owner.
    pub fn items(&self) -> Vec<PlannedItem> {
        let mut items = Vec::new();
        let mut add = |owner: String, part: Option<&'static str>, scope: &str, ident: &str| {
            items.push(PlannedItem {
                owner,
                part,
                scope: scope.to_owned(),
                ident: ident.to_owned(),
            });
        };
        let mut shape_items = |owner: &str, part, names: &ShapeNames, builder: Option<&Builder>| {
            add(owner.to_owned(), part, &names.module, &names.ident);
            if let Some(builder) = builder {
                add(owner.to_owned(), part, &builder.module, &builder.name);
            }
            add(owner.to_owned(), part, "strategies", &names.strategy);
        };
        for planned in &self.shapes {
            let builder = match &planned.members {
                PlannedMembers::Structure(_, builder) => Some(builder),
                _ => None,
            };
            shape_items(&planned.shape.id.to_string(), None, &planned.names, builder);
        }
        for op in &self.operations {
            let owner = op.shape.id.to_string();
            for (io, part) in [(&op.input, "input"), (&op.output, "output")] {
                if let PlannedIo::Synthetic(synthetic) = io {
                    shape_items(
                        &owner,
                        Some(part),
                        &synthetic.names,
                        Some(&synthetic.builder),
                    );
                }
            }
        }
        for op in &self.operations {
            let owner = op.shape.id.to_string();
            let module = format!("operation::{}", op.module);
            add(owner.clone(), None, "operation", &op.module);
            add(owner.clone(), None, &module, &op.error_enum);
            add(owner.clone(), None, "service::Request", &op.request_variant);
            add(owner, None, "strategies::invalid", &op.invalid_strategy);
            let error_enum = format!("{module}::{}", op.error_enum);
            for (error, variant) in &op.errors {
                add(error.to_string(), None, &error_enum, variant);
            }
        }
        for pattern in self.patterns.values() {
            let owner = pattern.users.first().cloned().unwrap_or_default();
            add(owner, None, "patterns", &pattern.name);
        }
        let mut writers = |owner: &str, module: &str, members: &[PlannedMember<'_>]| {
            for m in members {
                if let Some(writer) = &m.default_writer {
                    let owner = format!("{owner}${}", m.member.name);
                    add(owner, Some("default writer"), module, writer);
                }
            }
        };
        for planned in &self.shapes {
            if let PlannedMembers::Structure(members, _) = &planned.members {
                writers(
                    &planned.shape.id.to_string(),
                    &planned.names.module,
                    members,
                );
            }
        }
        for op in &self.operations {
            for io in [&op.input, &op.output] {
                if let PlannedIo::Synthetic(synthetic) = io {
                    if let Some((shape, members)) = &synthetic.copy_of {
                        writers(&shape.id.to_string(), &synthetic.names.module, members);
                    }
                }
            }
        }
        items.sort();
        items
    }
}
