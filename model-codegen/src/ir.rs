//! IR: the model resolved into Rust terms.
//!
//! Every shape has its Rust name and module, constraints are typed data, and maps are
//! `BTreeMap`s keyed by shape id, so the emitted code does not depend on the order of shapes
//! in the input file.

use std::collections::{BTreeMap, BTreeSet};

use crate::check::Checked;
use crate::diagnostics::ModelErrors;
use crate::load::ShapeType;
use crate::plan::{
    self, prelude_type, MemberMethods, NamePlan, PlannedIo, PlannedMember, PlannedMembers,
    PlannedShape, SyntheticShape,
};
pub use crate::plan::{EnumVariant, IntEnumVariant, PatternDef, PatternStatic, Role};
use crate::shape_id::ShapeId;
use crate::traits::{self, Deprecated, Length, Protocol, Range, TypedTraits};

/// The resolved model.
#[derive(Clone, Debug)]
pub struct Ir {
    /// The service, if the model has one.
    pub service: Option<Service>,
    /// Every shape, prelude shapes that are targeted included, by id.
    pub shapes: BTreeMap<ShapeId, IrShape>,
    /// Operations, by id.
    pub operations: BTreeMap<ShapeId, Operation>,
    /// Shapes whose values have something to validate (directly or in what they contain).
    pub validated: BTreeSet<ShapeId>,
    /// Simple, list and map shapes whose validator some generated check calls
    /// ([`Ir::calls_validator`]): the validators `constraints` holds.
    pub validators: BTreeSet<ShapeId>,
    /// The statics of the `patterns` module, by pattern text.
    pub patterns: BTreeMap<String, PatternStatic>,
}

/// The service shape.
#[derive(Clone, Debug)]
pub struct Service {
    /// The shape id (RPC v2 CBOR paths may name the service by it).
    pub id: ShapeId,
    /// The shape name, which prefixes `X-Amz-Target`.
    pub name: String,
    /// The protocols it speaks that the generator does, the default first (awsJson when it
    /// speaks one).
    pub protocols: Vec<Protocol>,
    /// API version.
    pub version: Option<String>,
    /// Documentation.
    pub doc: Option<String>,
}

/// An operation.
#[derive(Clone, Debug)]
pub struct Operation {
    /// Shape name (`CopyBackupToRegion`).
    pub name: String,
    /// Rust module name (`copy_backup_to_region`).
    pub module: String,
    /// Input structure (a memberless one is made for `smithy.api#Unit`).
    pub input: ShapeId,
    /// Output structure (a memberless one is made for `smithy.api#Unit`).
    pub output: ShapeId,
    /// Whether the model gives the operation an input (not `smithy.api#Unit`): rpcv2Cbor
    /// sends a request without one with no body.
    pub has_input: bool,
    /// Whether the model gives the operation an output (not `smithy.api#Unit`): a service
    /// answers an operation without one with an empty body.
    pub has_output: bool,
    /// The enum of its errors (`<Operation>Error`).
    pub error_enum: String,
    /// Errors the operation names (its own, then the service's), each with its variant.
    pub errors: Vec<OperationError>,
    /// Its variant of `service::Request` and `service::Response`.
    pub request_variant: String,
    /// Its function in `strategies::invalid`.
    pub invalid_strategy: String,
    /// Documentation.
    pub doc: Option<String>,
}

/// An error an operation can return, and its variant of the operation's error enum.
#[derive(Clone, Debug)]
pub struct OperationError {
    /// The error structure.
    pub shape: ShapeId,
    /// Its variant.
    pub variant: String,
}

/// Where a shape comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// The model defines it.
    Model,
    /// The prelude defines it (or the generator, for a timestamp format): never emitted.
    Prelude,
    /// The generator made it for an operation, as a copy of this structure (another
    /// operation, or an error, uses the structure too).
    Copy(ShapeId),
    /// The generator made it for an operation whose input or output is `smithy.api#Unit`.
    Unit,
}

/// A resolved shape.
#[derive(Clone, Debug)]
pub struct IrShape {
    /// Shape id.
    pub id: ShapeId,
    /// Rust identifier of the item (type or validator) the shape becomes; a prelude shape's
    /// is its name (it becomes no item).
    pub ident: String,
    /// Its function in the `strategies` module (prelude shapes have none).
    pub strategy: String,
    /// Documentation.
    pub doc: Option<String>,
    /// Where the shape comes from.
    pub source: Source,
    /// Whether this is a prelude shape (never emitted).
    pub prelude: bool,
    /// Whether values are sensitive (redacted in `Debug`).
    pub sensitive: bool,
    /// `@deprecated`: the note for Rust's `#[deprecated]`.
    pub deprecated: Option<String>,
    /// What the shape is.
    pub kind: Kind,
}

/// What a shape is, in Rust terms.
#[derive(Clone, Debug)]
#[allow(clippy::large_enum_variant)] // one per shape; boxing would only add noise
pub enum Kind {
    /// A string with optional constraints.
    String(Constraints),
    /// A boolean.
    Boolean,
    /// A fixed-size number with optional `@range`.
    Number(NumberType, Constraints),
    /// `bigInteger` or `bigDecimal`, kept as decimal text.
    BigNumber(Constraints),
    /// A blob.
    Blob(Constraints),
    /// A timestamp, and how it travels.
    Timestamp(TimestampFormat),
    /// A document.
    Document,
    /// A string enum, and the `@length` and `@pattern` its values must also satisfy.
    Enum(Vec<EnumVariant>, Constraints),
    /// An integer enum.
    IntEnum(Vec<IntEnumVariant>),
    /// A list.
    List {
        /// The element.
        member: IrMember,
        /// `@length`.
        constraints: Constraints,
        /// `@sparse`: elements may be null.
        sparse: bool,
        /// `@uniqueItems`: no two elements may be equal.
        unique: bool,
    },
    /// A map.
    Map {
        /// The key.
        key: IrMember,
        /// The value.
        value: IrMember,
        /// `@length`.
        constraints: Constraints,
        /// `@sparse`: values may be null.
        sparse: bool,
    },
    /// A structure.
    Structure {
        /// Members in model order.
        members: Vec<IrMember>,
        /// What the structure is used for.
        role: Role,
        /// Its builder's name.
        builder: String,
    },
    /// A union.
    Union {
        /// Members in model order.
        members: Vec<IrMember>,
    },
}

/// How a timestamp is written on the wire (`@timestampFormat`; awsJson's default is epoch
/// seconds).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TimestampFormat {
    /// A JSON number of seconds since the epoch.
    EpochSeconds,
    /// An RFC 3339 `date-time` string in UTC.
    DateTime,
    /// An HTTP date (IMF-fixdate) string.
    HttpDate,
    /// Epoch seconds in a shape only responses carry: read as clients read it (a number,
    /// or an RFC 3339 or epoch-seconds string; a value no `DateTime` holds is kept as
    /// received and reported by `validate()`), written as a number.
    EpochSecondsLenient,
    /// An RFC 3339 `date-time` in a shape only responses carry: a UTC offset is read (as
    /// the protocol suites require of clients) and the instant written back in UTC.
    DateTimeLenient,
}

impl From<traits::TimestampFormat> for TimestampFormat {
    fn from(format: traits::TimestampFormat) -> Self {
        match format {
            traits::TimestampFormat::EpochSeconds => TimestampFormat::EpochSeconds,
            traits::TimestampFormat::DateTime => TimestampFormat::DateTime,
            traits::TimestampFormat::HttpDate => TimestampFormat::HttpDate,
        }
    }
}

impl TimestampFormat {
    /// The prelude-namespace shape a member with this format is pointed at when its own
    /// trait overrides its target's format (the model cannot define shapes there, so the
    /// ids cannot collide). Emitters then need no member-level special case.
    fn shape_id(self) -> ShapeId {
        let name = match self {
            TimestampFormat::EpochSeconds => "Timestamp",
            TimestampFormat::DateTime => "TimestampDateTime",
            TimestampFormat::HttpDate => "TimestampHttpDate",
            TimestampFormat::EpochSecondsLenient => "TimestampLenient",
            TimestampFormat::DateTimeLenient => "TimestampDateTimeLenient",
        };
        ShapeId::prelude(name)
    }
}

/// Rust number types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberType {
    /// `byte`
    I8,
    /// `short`
    I16,
    /// `integer`
    I32,
    /// `long`
    I64,
    /// `float`
    F32,
    /// `double`
    F64,
}

/// Constraint traits of a shape or member.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Constraints {
    /// `@length`.
    pub length: Option<Length>,
    /// `@pattern`.
    pub pattern: Option<PatternDef>,
    /// `@range`.
    pub range: Option<Range>,
}

impl Constraints {
    /// Whether there is anything to check.
    pub fn is_empty(&self) -> bool {
        self.length.is_none() && self.pattern.is_none() && self.range.is_none()
    }

    /// The constraint traits `check` read, with the pattern's static the plan named.
    fn from_traits(traits: &TypedTraits, pattern: Option<&PatternDef>) -> Constraints {
        Constraints {
            length: traits.length,
            pattern: pattern.cloned(),
            range: traits.range.clone(),
        }
    }
}

/// A member of a structure, union, list or map.
#[derive(Clone, Debug)]
pub struct IrMember {
    /// Name on the wire.
    pub name: String,
    /// Rust field (snake_case) or variant (UpperCamelCase) name.
    pub ident: String,
    /// The methods a structure gives the member ([`plan::MemberMethods`]).
    pub methods: MemberMethods,
    /// The function serde calls to write the member or its default, when it has one
    /// ([`plan::PlannedMember::default_writer`]).
    pub default_writer: Option<String>,
    /// Documentation.
    pub doc: Option<String>,
    /// Target shape.
    pub target: ShapeId,
    /// `@required`.
    pub required: bool,
    /// Constraint traits on the member itself.
    pub constraints: Constraints,
    /// `@sensitive` on the member itself (the target may be sensitive too).
    pub sensitive: bool,
    /// The target contains the container again through structure and union members alone,
    /// so the member is boxed (else the Rust type would have infinite size).
    pub boxed: bool,
    /// The target contains the container again through any members, lists and maps
    /// included, so generating values must stop somewhere.
    pub recursive: bool,
    /// `@timestampFormat` on the member itself. Where it differs from the target's, the
    /// member is pointed at a prelude timestamp shape of that format while lowering.
    pub timestamp_format: Option<TimestampFormat>,
    /// `@default`: the value an absent member stands for.
    pub default: Option<serde_json::Value>,
    /// `@clientOptional`: the member stays an `Option` in Rust even when required, so the
    /// service may relax `@required` later without breaking callers.
    pub client_optional: bool,
    /// `@deprecated`: the note for Rust's `#[deprecated]`.
    pub deprecated: Option<String>,
    /// `@idempotencyToken`: a builder fills it with a fresh token when it is not set.
    pub idempotency_token: bool,
}

impl IrMember {
    /// Whether an absent value is a violation: `@required` without a `@default` (a default
    /// stands in for an absent value, so it satisfies `@required`).
    pub fn must_be_present(&self) -> bool {
        self.required && self.default.is_none()
    }

    /// Whether a valid input stores the value bare rather than as an `Option`: it must be
    /// present and `@clientOptional` does not ask to keep the `Option`.
    pub fn stored_bare(&self) -> bool {
        self.must_be_present() && !self.client_optional
    }

    /// Whether the member targets `smithy.api#Unit` (a union's tag without data: its
    /// variant carries nothing, and travels as an empty object).
    pub fn is_unit(&self) -> bool {
        self.target.is_prelude() && self.target.name() == "Unit"
    }
}

/// The note of a `@deprecated` trait: its message and the version it dates from.
fn deprecation(traits: &TypedTraits) -> Option<String> {
    let Deprecated { message, since } = traits.deprecated.as_ref()?;
    Some(match (message, since) {
        (Some(message), Some(since)) => format!("{message} (deprecated since {since})"),
        (Some(message), None) => message.to_owned(),
        (None, Some(since)) => format!("deprecated since {since}"),
        (None, None) => "deprecated in the model".to_owned(),
    })
}

/// Lowers a checked model. It only assembles: everything it could refuse, `check` has
/// reported, it reads the traits `check` typed, never the raw ones, and it takes every name
/// from the plan `check` tested for clashes ([`plan::plan_names`]).
///
/// The IR it returns is closed: every member target, operation input, output and error has
/// its shape, so the emitters look shapes up without a fallback. Were a reference left
/// dangling (`check` letting through what it should have refused), lowering says so instead
/// of emitting code around the hole.
pub fn lower(checked: &Checked) -> Result<Ir, ModelErrors> {
    let model = checked.model();
    let plan = plan::plan_names(model);
    let index = model.index();
    let mut shapes = BTreeMap::new();

    for planned in &plan.shapes {
        shapes.insert(planned.shape.id.clone(), lower_shape(planned));
        // Prelude targets get their shapes; a target that is neither defined nor in the
        // prelude cannot be here (`check` reports it).
        for member in &planned.shape.members {
            if index.contains_key(&member.target) {
                continue;
            }
            if let Some(shape_type) = prelude_type(&member.target) {
                shapes
                    .entry(member.target.clone())
                    .or_insert_with(|| prelude_shape(&member.target, shape_type));
            }
        }
    }

    let service = model.service().map(|s| Service {
        id: s.id.clone(),
        name: s.id.name().to_owned(),
        protocols: s.traits.protocols.clone(),
        version: s.version.clone(),
        doc: s.traits.documentation.clone(),
    });
    let operations = lower_operations(&plan, &mut shapes);

    retarget_timestamp_members(&mut shapes);
    read_response_timestamps_leniently(&mut shapes);
    mark_recursion(&mut shapes);
    let validated = validated_shapes(&shapes);
    let mut ir = Ir {
        service,
        shapes,
        operations,
        validated,
        validators: BTreeSet::new(),
        patterns: plan.patterns.clone(),
    };
    ir.validators = called_validators(&ir);
    dangling_references(&ir).into_result(ir)
}

/// Every reference in `ir` to a shape it does not hold: a generator bug, since `check`
/// refuses undefined targets.
fn dangling_references(ir: &Ir) -> ModelErrors {
    let mut errors = ModelErrors::default();
    let mut refer = |from: &ShapeId, to: &ShapeId| {
        if !ir.shapes.contains_key(to) {
            errors.report(
                from,
                format!("generator bug: `check` accepted a reference to {to}, which lowering has no shape for"),
            );
        }
    };
    for shape in ir.shapes.values() {
        for target in member_targets(&shape.kind, false) {
            refer(&shape.id, target);
        }
    }
    for (id, op) in &ir.operations {
        for target in [&op.input, &op.output]
            .into_iter()
            .chain(op.errors.iter().map(|e| &e.shape))
        {
            refer(id, target);
        }
    }
    errors
}

/// Each operation, and the inputs and outputs the plan has the generator make, added to
/// `shapes`.
fn lower_operations(
    plan: &NamePlan<'_>,
    shapes: &mut BTreeMap<ShapeId, IrShape>,
) -> BTreeMap<ShapeId, Operation> {
    let mut operations = BTreeMap::new();
    for op in &plan.operations {
        for io in [&op.input, &op.output] {
            if let PlannedIo::Synthetic(synthetic) = io {
                shapes.insert(synthetic.id.clone(), synthetic_shape(synthetic));
            }
        }
        let errors = op
            .errors
            .iter()
            .map(|(shape, variant)| OperationError {
                shape: shape.clone(),
                variant: variant.clone(),
            })
            .collect();
        operations.insert(
            op.shape.id.clone(),
            Operation {
                name: op.shape.id.name().to_owned(),
                module: op.module.clone(),
                input: op.input.id().clone(),
                output: op.output.id().clone(),
                has_input: op.input.in_model(),
                has_output: op.output.in_model(),
                error_enum: op.error_enum.clone(),
                errors,
                request_variant: op.request_variant.clone(),
                invalid_strategy: op.invalid_strategy.clone(),
                doc: op.shape.traits.documentation.clone(),
            },
        );
    }
    operations
}

/// An input or output the generator makes: memberless for `smithy.api#Unit`, else a copy
/// of the structure's members (and documentation) with this operation's role.
fn synthetic_shape(synthetic: &SyntheticShape<'_>) -> IrShape {
    let (source, members, traits) = match &synthetic.copy_of {
        Some((shape, members)) => (
            Source::Copy(shape.id.clone()),
            members.iter().map(lower_member).collect(),
            Some(&shape.traits),
        ),
        None => (Source::Unit, Vec::new(), None),
    };
    IrShape {
        id: synthetic.id.clone(),
        ident: synthetic.names.ident.clone(),
        strategy: synthetic.names.strategy.clone(),
        doc: traits.and_then(|t| t.documentation.clone()),
        source,
        prelude: false,
        sensitive: traits.is_some_and(|t| t.sensitive),
        deprecated: traits.and_then(deprecation),
        kind: Kind::Structure {
            members,
            role: synthetic.role.clone(),
            builder: synthetic.builder.name.clone(),
        },
    }
}

/// A prelude shape a member targets: `smithy.api#Unit` an empty structure, the others
/// simple shapes without traits.
fn prelude_shape(id: &ShapeId, shape_type: ShapeType) -> IrShape {
    let kind = match shape_type {
        ShapeType::Structure => Kind::Structure {
            members: Vec::new(),
            role: Role::Plain,
            builder: String::new(),
        },
        simple => simple_kind(simple, &TypedTraits::default(), Constraints::default()),
    };
    prelude_ir_shape(id.clone(), kind)
}

/// A shape of the prelude (or the generator's own timestamp formats), which no item is made
/// for.
fn prelude_ir_shape(id: ShapeId, kind: Kind) -> IrShape {
    IrShape {
        ident: id.name().to_owned(),
        id,
        strategy: String::new(),
        doc: None,
        source: Source::Prelude,
        prelude: true,
        sensitive: false,
        deprecated: None,
        kind,
    }
}

fn lower_member(planned: &PlannedMember<'_>) -> IrMember {
    let member = planned.member;
    let traits = &member.traits;
    IrMember {
        name: member.name.clone(),
        ident: planned.ident.clone(),
        methods: (*planned.methods).clone(),
        default_writer: planned.default_writer.clone(),
        doc: traits.documentation.clone(),
        target: member.target.clone(),
        required: traits.required,
        sensitive: traits.sensitive,
        boxed: false,
        recursive: false,
        timestamp_format: traits.timestamp_format.map(TimestampFormat::from),
        default: traits.default.clone(),
        client_optional: traits.client_optional,
        deprecated: deprecation(traits),
        idempotency_token: traits.idempotency_token,
        constraints: Constraints::from_traits(traits, planned.pattern.as_ref()),
    }
}

/// The IR shape of a planned data shape.
fn lower_shape(planned: &PlannedShape<'_>) -> IrShape {
    let shape = planned.shape;
    let traits = &shape.traits;
    let constraints = || Constraints::from_traits(traits, planned.names.pattern.as_ref());
    let kind = match (&planned.members, shape.shape_type) {
        (PlannedMembers::Enum(variants), _) => Kind::Enum(variants.clone(), constraints()),
        (PlannedMembers::IntEnum(variants), _) => Kind::IntEnum(variants.clone()),
        (PlannedMembers::List(member), _) => Kind::List {
            member: lower_member(member),
            constraints: constraints(),
            sparse: traits.sparse,
            unique: traits.unique_items,
        },
        (PlannedMembers::Map(key, value), _) => Kind::Map {
            key: lower_member(key),
            value: lower_member(value),
            constraints: constraints(),
            sparse: traits.sparse,
        },
        (PlannedMembers::Union(members), _) => Kind::Union {
            members: members.iter().map(lower_member).collect(),
        },
        (PlannedMembers::Structure(members, builder), _) => Kind::Structure {
            members: members.iter().map(lower_member).collect(),
            role: planned.role.clone(),
            builder: builder.name.clone(),
        },
        (PlannedMembers::None, shape_type) => simple_kind(shape_type, traits, constraints()),
    };
    IrShape {
        id: shape.id.clone(),
        ident: planned.names.ident.clone(),
        strategy: planned.names.strategy.clone(),
        doc: traits.documentation.clone(),
        source: Source::Model,
        prelude: false,
        sensitive: traits.sensitive,
        deprecated: deprecation(traits),
        kind,
    }
}

/// The kind of a simple shape (one the plan gives no members).
fn simple_kind(shape_type: ShapeType, traits: &TypedTraits, constraints: Constraints) -> Kind {
    match shape_type {
        ShapeType::Boolean => Kind::Boolean,
        ShapeType::Byte => Kind::Number(NumberType::I8, constraints),
        ShapeType::Short => Kind::Number(NumberType::I16, constraints),
        ShapeType::Integer => Kind::Number(NumberType::I32, constraints),
        ShapeType::Long => Kind::Number(NumberType::I64, constraints),
        ShapeType::Float => Kind::Number(NumberType::F32, constraints),
        ShapeType::Double => Kind::Number(NumberType::F64, constraints),
        ShapeType::BigInteger | ShapeType::BigDecimal => Kind::BigNumber(constraints),
        ShapeType::Blob => Kind::Blob(constraints),
        ShapeType::Timestamp => Kind::Timestamp(
            traits
                .timestamp_format
                .map_or(TimestampFormat::EpochSeconds, TimestampFormat::from),
        ),
        ShapeType::Document => Kind::Document,
        ShapeType::String => Kind::String(constraints),
        // The plan gives these types members ([`PlannedMembers`]) and the prelude has none
        // of them but `Unit`, so neither caller passes one.
        ShapeType::Enum
        | ShapeType::IntEnum
        | ShapeType::List
        | ShapeType::Map
        | ShapeType::Structure
        | ShapeType::Union
        | ShapeType::Service
        | ShapeType::Operation
        | ShapeType::Resource => Kind::String(constraints),
    }
}

/// Fixpoint over the shape graph: a shape is validated if it has a constraint, is an enum
/// (unknown values are violations), or contains something validated or required.
fn validated_shapes(shapes: &BTreeMap<ShapeId, IrShape>) -> BTreeSet<ShapeId> {
    let member_needs = |m: &IrMember, set: &BTreeSet<ShapeId>| {
        m.must_be_present() || !m.constraints.is_empty() || set.contains(&m.target)
    };
    let mut set = BTreeSet::new();
    loop {
        let mut changed = false;
        for (id, shape) in shapes {
            if set.contains(id) {
                continue;
            }
            let needs = match &shape.kind {
                Kind::String(c) | Kind::Number(_, c) | Kind::BigNumber(c) | Kind::Blob(c) => {
                    !c.is_empty()
                }
                // Unknown enum values and unknown union members are violations.
                Kind::Enum(..) | Kind::IntEnum(_) | Kind::Union { .. } => true,
                // A response's timestamp may hold a value kept as received.
                Kind::Timestamp(TimestampFormat::EpochSecondsLenient) => true,
                Kind::Boolean | Kind::Timestamp(_) | Kind::Document => false,
                Kind::List {
                    member,
                    constraints,
                    unique,
                    ..
                } => !constraints.is_empty() || *unique || member_needs(member, &set),
                Kind::Map {
                    key,
                    value,
                    constraints,
                    ..
                } => {
                    !constraints.is_empty() || member_needs(key, &set) || member_needs(value, &set)
                }
                Kind::Structure { members, .. } => members.iter().any(|m| member_needs(m, &set)),
            };
            if needs {
                set.insert(id.clone());
                changed = true;
            }
        }
        if !changed {
            return set;
        }
    }
}

impl Ir {
    /// Whether a check of `member`'s value calls its target's validator in `constraints`:
    /// the target is a validated simple, list or map shape, and the member has no
    /// constraint traits of its own where they would replace the target's (a simple
    /// target's traits merge with the member's and are checked in place).
    pub fn calls_validator(&self, member: &IrMember) -> bool {
        if !self.validated.contains(&member.target) {
            return false;
        }
        match self.shapes.get(&member.target).map(|s| &s.kind) {
            Some(Kind::String(_) | Kind::Number(..) | Kind::BigNumber(_) | Kind::Blob(_)) => {
                member.constraints.is_empty()
            }
            Some(Kind::List { .. } | Kind::Map { .. }) => true,
            _ => false,
        }
    }
}

/// The shapes whose validators generated code calls: from the members of every structure and
/// union (each has a `validate_at` that checks them), then from the members of each list and
/// map whose validator is called.
fn called_validators(ir: &Ir) -> BTreeSet<ShapeId> {
    let mut called = BTreeSet::new();
    let mut stack: Vec<&IrMember> = ir
        .shapes
        .values()
        .filter(|s| !s.prelude)
        .flat_map(|s| match &s.kind {
            Kind::Structure { members, .. } | Kind::Union { members } => members.iter().collect(),
            _ => Vec::new(),
        })
        .collect();
    while let Some(member) = stack.pop() {
        if !ir.calls_validator(member) || !called.insert(member.target.clone()) {
            continue;
        }
        match ir.shapes.get(&member.target).map(|s| &s.kind) {
            Some(Kind::List { member, .. }) => stack.push(member),
            Some(Kind::Map { key, value, .. }) => stack.extend([key, value]),
            _ => {}
        }
    }
    called
}

/// Points each member whose own `@timestampFormat` differs from its target's at the
/// prelude timestamp shape of that format, adding those shapes. A member with a format
/// whose target is not a timestamp keeps its target (`check` reports such a member).
fn retarget_timestamp_members(shapes: &mut BTreeMap<ShapeId, IrShape>) {
    let formats: BTreeMap<ShapeId, TimestampFormat> = shapes
        .iter()
        .filter_map(|(id, shape)| match shape.kind {
            Kind::Timestamp(format) => Some((id.clone(), format)),
            _ => None,
        })
        .collect();
    let mut needed = BTreeSet::new();
    for shape in shapes.values_mut() {
        for member in members_mut(&mut shape.kind) {
            let Some(format) = member.timestamp_format else {
                continue;
            };
            if formats
                .get(&member.target)
                .is_some_and(|&own| own != format)
            {
                member.target = format.shape_id();
                needed.insert(format);
            }
        }
    }
    for format in needed {
        let id = format.shape_id();
        shapes
            .entry(id.clone())
            .or_insert_with(|| prelude_ir_shape(id, Kind::Timestamp(format)));
    }
}

/// Points the epoch-seconds timestamp members of every shape that no operation input
/// reaches at the lenient prelude timestamp: clients read responses leniently, while a
/// shape a request can carry keeps the strict `DateTime` (a server rejects a string there).
fn read_response_timestamps_leniently(shapes: &mut BTreeMap<ShapeId, IrShape>) {
    let mut in_requests = BTreeSet::new();
    let mut stack: Vec<ShapeId> = shapes
        .iter()
        .filter(|(_, s)| {
            matches!(
                &s.kind,
                Kind::Structure {
                    role: Role::Input { .. },
                    ..
                }
            )
        })
        .map(|(id, _)| id.clone())
        .collect();
    while let Some(id) = stack.pop() {
        if !in_requests.insert(id.clone()) {
            continue;
        }
        if let Some(shape) = shapes.get(&id) {
            stack.extend(member_targets(&shape.kind, false).into_iter().cloned());
        }
    }
    for (strict, lenient_format) in [
        (
            TimestampFormat::EpochSeconds,
            TimestampFormat::EpochSecondsLenient,
        ),
        (TimestampFormat::DateTime, TimestampFormat::DateTimeLenient),
    ] {
        retarget_outside(shapes, &in_requests, strict, lenient_format);
    }
}

/// Points the members of shapes outside `in_requests` that target a `strict` timestamp at
/// the prelude timestamp of the `lenient` format.
fn retarget_outside(
    shapes: &mut BTreeMap<ShapeId, IrShape>,
    in_requests: &BTreeSet<ShapeId>,
    strict: TimestampFormat,
    lenient_format: TimestampFormat,
) {
    let strict_targets: BTreeSet<ShapeId> = shapes
        .iter()
        .filter(|(_, s)| matches!(s.kind, Kind::Timestamp(f) if f == strict))
        .map(|(id, _)| id.clone())
        .collect();
    let lenient = lenient_format.shape_id();
    let mut used = false;
    for (id, shape) in shapes.iter_mut() {
        if in_requests.contains(id) {
            continue;
        }
        for member in members_mut(&mut shape.kind) {
            if strict_targets.contains(&member.target) {
                member.target = lenient.clone();
                used = true;
            }
        }
    }
    if used {
        shapes.insert(
            lenient.clone(),
            prelude_ir_shape(lenient, Kind::Timestamp(lenient_format)),
        );
    }
}

/// The members of a shape that point at other shapes.
fn members_mut(kind: &mut Kind) -> Vec<&mut IrMember> {
    match kind {
        Kind::Structure { members, .. } | Kind::Union { members } => members.iter_mut().collect(),
        Kind::List { member, .. } => vec![member],
        Kind::Map { key, value, .. } => vec![key, value],
        _ => Vec::new(),
    }
}

fn member_targets(kind: &Kind, direct_only: bool) -> Vec<&ShapeId> {
    match kind {
        Kind::Structure { members, .. } | Kind::Union { members } => {
            members.iter().map(|m| &m.target).collect()
        }
        Kind::List { member, .. } if !direct_only => vec![&member.target],
        Kind::Map { key, value, .. } if !direct_only => vec![&key.target, &value.target],
        _ => Vec::new(),
    }
}

/// Whether `to` is reachable from `from` (in one or more steps, or `from == to`).
fn reaches(
    shapes: &BTreeMap<ShapeId, IrShape>,
    from: &ShapeId,
    to: &ShapeId,
    direct_only: bool,
) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from];
    while let Some(id) = stack.pop() {
        if id == to {
            return true;
        }
        if !seen.insert(id) {
            continue;
        }
        if let Some(shape) = shapes.get(id) {
            stack.extend(member_targets(&shape.kind, direct_only));
        }
    }
    false
}

/// Marks members whose targets lead back to their container: `boxed` when only through
/// structures and unions (containment), `recursive` when through anything.
fn mark_recursion(shapes: &mut BTreeMap<ShapeId, IrShape>) {
    let mut marks = Vec::new();
    for (id, shape) in shapes.iter() {
        let is_aggregate = matches!(shape.kind, Kind::Structure { .. } | Kind::Union { .. });
        for (index, target) in member_targets(&shape.kind, false).into_iter().enumerate() {
            let recursive = reaches(shapes, target, id, false);
            let boxed = recursive && is_aggregate && reaches(shapes, target, id, true);
            if recursive {
                marks.push((id.clone(), index, boxed));
            }
        }
    }
    for (id, index, boxed) in marks {
        if let Some(member) = shapes
            .get_mut(&id)
            .and_then(|s| members_mut(&mut s.kind).into_iter().nth(index))
        {
            member.recursive = true;
            member.boxed = boxed;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lowered(shapes: &str) -> Ir {
        let text = format!(r#"{{"smithy": "2.0", "shapes": {{{shapes}}}}}"#);
        let json = crate::json::Json::parse(&text).unwrap_or(crate::json::Json::Null);
        let model = crate::load::load_json(&json).unwrap_or_else(|e| panic!("{e}"));
        let checked = crate::check::check(&model, true).unwrap_or_else(|e| panic!("{e}"));
        lower(&checked).unwrap_or_else(|e| panic!("{e}"))
    }

    fn id(text: &str) -> ShapeId {
        ShapeId::parse(text).unwrap_or_else(|e| panic!("{e}"))
    }

    const SERVICE: &str = r#"
        "a.b#Svc": {"type": "service", "version": "1", "operations": [{"target": "a.b#Get"}, {"target": "a.b#Put"}],
                    "traits": {"aws.protocols#awsJson1_1": {}}},
        "a.b#Get": {"type": "operation", "input": {"target": "a.b#GetIn"}, "output": {"target": "a.b#Shared"},
                    "errors": [{"target": "a.b#Oops"}]},
        "a.b#Put": {"type": "operation", "output": {"target": "a.b#Shared"}},
        "a.b#GetIn": {"type": "structure", "members": {
            "When": {"target": "smithy.api#Timestamp"},
            "Node": {"target": "a.b#Node"}}},
        "a.b#Shared": {"type": "structure", "members": {"At": {"target": "smithy.api#Timestamp"}}},
        "a.b#Node": {"type": "structure", "members": {"Next": {"target": "a.b#Node"},
                     "Name": {"target": "smithy.api#String", "traits": {"smithy.api#length": {"max": 3}}}}},
        "a.b#Oops": {"type": "structure", "members": {}, "traits": {"smithy.api#error": "client"}}
    "#;

    #[test]
    fn lower_sees_the_traits_check_read() {
        let ir = lowered(
            r#""a.b#S": {"type": "structure", "members": {
                "Name": {"target": "smithy.api#String", "traits": {
                    "smithy.api#length": {"max": 8},
                    "smithy.api#default": "x",
                    "smithy.api#deprecated": {"message": "gone", "since": "2"}}},
                "When": {"target": "smithy.api#Timestamp", "traits": {
                    "smithy.api#timestampFormat": "http-date"}}}},
               "a.b#Level": {"type": "intEnum", "members": {
                "Low": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 1}}}}"#,
        );
        let Kind::Structure { members, .. } = &ir.shapes[&id("a.b#S")].kind else {
            panic!("S is a structure");
        };
        assert_eq!(
            members[0].constraints.length,
            Some(Length {
                min: None,
                max: Some(8)
            })
        );
        assert_eq!(members[0].default, Some(serde_json::json!("x")));
        assert_eq!(
            members[0].deprecated.as_deref(),
            Some("gone (deprecated since 2)")
        );
        // A member's own format points it at the prelude timestamp of that format.
        assert_eq!(members[1].target, id("smithy.api#TimestampHttpDate"));
        assert!(matches!(
            ir.shapes[&id("smithy.api#TimestampHttpDate")].kind,
            Kind::Timestamp(TimestampFormat::HttpDate)
        ));
        let Kind::IntEnum(variants) = &ir.shapes[&id("a.b#Level")].kind else {
            panic!("Level is an intEnum");
        };
        assert_eq!((variants[0].ident.as_str(), variants[0].value), ("Low", 1));
    }

    #[test]
    fn structures_get_the_role_and_name_their_use_gives_them() {
        let ir = lowered(SERVICE);
        let role = |s: &str| match &ir.shapes[&id(s)].kind {
            Kind::Structure { role, .. } => role.clone(),
            _ => Role::Plain,
        };
        assert!(matches!(role("a.b#GetIn"), Role::Input { operation, .. } if operation == "Get"));
        assert!(matches!(
            role("a.b#Oops"),
            Role::Error {
                fault: traits::Fault::Client,
                ..
            }
        ));
        assert_eq!(ir.shapes[&id("a.b#GetIn")].ident, "GetInput");
        // `Put` shares `Get`'s output: it gets its own copy, in a synthetic namespace.
        let put = &ir.operations[&id("a.b#Put")];
        assert_eq!(put.output, id("a.b.synthetic#PutOutput"));
        assert_eq!(
            ir.shapes[&put.output].source,
            Source::Copy(id("a.b#Shared"))
        );
        assert!(put.has_output);
        assert!(!ir.operations[&id("a.b#Get")].errors.is_empty());
        // `Put` has no input in the model: a memberless one is made, in the same namespace
        // as copies.
        assert_eq!(put.input, id("a.b.synthetic#PutInput"));
        assert_eq!(ir.shapes[&put.input].source, Source::Unit);
        assert!(!put.has_input);
    }

    #[test]
    fn a_timestamp_only_responses_carry_is_read_leniently() {
        let ir = lowered(SERVICE);
        let member_target = |s: &str| match &ir.shapes[&id(s)].kind {
            Kind::Structure { members, .. } => members[0].target.to_string(),
            _ => String::new(),
        };
        assert_eq!(member_target("a.b#GetIn"), "smithy.api#Timestamp");
        assert_eq!(member_target("a.b#Shared"), "smithy.api#TimestampLenient");
    }

    #[test]
    fn recursion_is_boxed_and_constrained_shapes_are_validated() {
        let ir = lowered(SERVICE);
        let Kind::Structure { members, .. } = &ir.shapes[&id("a.b#Node")].kind else {
            panic!("Node is a structure");
        };
        assert!(members[0].boxed && members[0].recursive);
        assert!(!members[1].boxed);
        assert!(ir.validated.contains(&id("a.b#Node")));
        assert!(ir.validated.contains(&id("a.b#GetIn")));
        // A lenient timestamp may hold a value kept as received, which `validate()` reports.
        assert!(ir.validated.contains(&id("a.b#Shared")));
        assert!(!ir.validated.contains(&id("a.b.synthetic#PutInput")));
    }
}
