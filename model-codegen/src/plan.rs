//! Plan: the tables the stages after loading share, computed from the model alone. Which
//! prelude shapes exist, which operations the service binds, what role each structure plays,
//! and the Rust name of every item. `check` reads them to find clashes and `ir` to lower;
//! neither calls into the other.

use std::collections::{BTreeMap, BTreeSet};

use crate::load::{Model, Shape, ShapeType};
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

/// Where a shape's Rust item lives and what it is called, for clash detection.
#[derive(Clone, Debug, Default)]
pub struct NamePlan {
    /// For each shape: the items it defines, each with its module path.
    pub items: BTreeMap<ShapeId, ItemNames>,
    /// For each aggregate: (member name, Rust name) pairs, reserved names included; for a
    /// structure, its fields and (prefixed by what they are methods of) the builder and input
    /// methods named after its members.
    pub members: BTreeMap<ShapeId, Vec<(String, String)>>,
}

/// The items a shape defines, each in its module.
#[derive(Clone, Debug)]
pub struct ItemNames {
    /// (module path, identifier) pairs, such as (`types`, `Tag`) and (`types::builders`,
    /// `TagBuilder`).
    pub items: Vec<(String, String)>,
}

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

/// The role of each structure that has one other than `Plain`.
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
    for op in operations(model) {
        let operation = op.id.name().to_owned();
        let module = naming::snake(&operation);
        if let Some(input) = op.input.as_ref().filter(|i| index.contains_key(i)) {
            roles.entry(input.clone()).or_insert(Role::Input {
                operation: operation.clone(),
                module: module.clone(),
            });
        }
        if let Some(output) = op.output.as_ref().filter(|o| index.contains_key(o)) {
            roles
                .entry(output.clone())
                .or_insert(Role::Output { operation, module });
        }
    }
    roles
}

/// The module and identifier a structure with `role` gets.
pub fn role_ident<T>(role: &Role, shape: &Shape<T>) -> (String, String) {
    match role {
        Role::Input { operation, module } => {
            (format!("operation::{module}"), format!("{operation}Input"))
        }
        Role::Output { operation, module } => {
            (format!("operation::{module}"), format!("{operation}Output"))
        }
        Role::Error { .. } => (
            "types::error".to_owned(),
            naming::type_name(shape.id.name()),
        ),
        Role::Plain => ("types".to_owned(), naming::type_name(shape.id.name())),
    }
}

/// Decides every Rust name, without checking anything.
pub fn plan_names(model: &Model<TypedTraits>) -> NamePlan {
    let roles = roles(model);
    let mut plan = NamePlan::default();
    for shape in &model.shapes {
        let in_module = |module: &str, ident: String| vec![(module.to_owned(), ident)];
        let items = match shape.shape_type {
            ShapeType::Structure => {
                let role = roles.get(&shape.id).cloned().unwrap_or(Role::Plain);
                let (module, ident) = role_ident(&role, shape);
                let builder = naming::builder_name(&ident);
                // Inputs and outputs keep their builders beside them in their operation's
                // module, where only that operation's items live; other builders live in a
                // `builders` submodule, so no shape can be named as another's builder.
                let builder_module = match role {
                    Role::Input { .. } | Role::Output { .. } => module.clone(),
                    Role::Plain | Role::Error { .. } => format!("{module}::builders"),
                };
                vec![(module, ident), (builder_module, builder)]
            }
            ShapeType::Enum | ShapeType::IntEnum | ShapeType::Union => {
                in_module("types", naming::type_name(shape.id.name()))
            }
            ShapeType::String if shape.traits.enum_values.is_some() => {
                in_module("types", naming::type_name(shape.id.name()))
            }
            ShapeType::Operation => in_module("operation", naming::snake(shape.id.name())),
            ShapeType::Service | ShapeType::Resource => continue,
            _ => in_module("constraints", naming::snake(shape.id.name())),
        };
        plan.items.insert(shape.id.clone(), ItemNames { items });
        let members: Vec<(String, String)> = match shape.shape_type {
            // Fields, and the builder's and input's methods named after members (prefixed,
            // as they are other namespaces than the fields'), so no two clash.
            ShapeType::Structure => shape
                .members
                .iter()
                .flat_map(|m| {
                    let field = naming::snake(&m.name);
                    let setter = naming::method_name(&field, naming::BUILDER_METHODS);
                    let getter = naming::method_name(&field, naming::INPUT_METHODS);
                    let set = format!("builder method set_{}", field.trim_start_matches("r#"));
                    [
                        (m.name.clone(), format!("builder method {setter}")),
                        (m.name.clone(), set),
                        (m.name.clone(), format!("input method {getter}")),
                        (m.name.clone(), field),
                    ]
                })
                .collect(),
            ShapeType::Enum | ShapeType::IntEnum | ShapeType::Union => {
                let names: Vec<&str> = shape.members.iter().map(|m| m.name.as_str()).collect();
                with_catch_all(&names, naming::variant_names(names.iter().copied()))
            }
            ShapeType::String => match &shape.traits.enum_values {
                Some(values) => {
                    let variants = enum_variants(values);
                    let values: Vec<&str> = variants.iter().map(|v| v.value.as_str()).collect();
                    let idents = variants.iter().map(|v| v.ident.clone()).collect();
                    with_catch_all(&values, idents)
                }
                None => continue,
            },
            _ => continue,
        };
        plan.members.insert(shape.id.clone(), members);
    }
    plan
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

/// A variant of a string enum.
#[derive(Clone, Debug)]
pub struct EnumVariant {
    /// Rust variant name.
    pub ident: String,
    /// Wire value.
    pub value: String,
    /// Documentation.
    pub doc: Option<String>,
    /// Marked `@internal` (or tagged `internal` in a 1.0 `@enum`): accepted, but left out of
    /// the value set a violation names, as Smithy's validation messages leave it out.
    pub internal: bool,
}

/// The variants of a string enum's values, each named after its value's `name`.
pub fn enum_variants(values: &[EnumValue]) -> Vec<EnumVariant> {
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
