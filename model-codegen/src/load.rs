//! Load: the merged Smithy JSON AST (what `merge` writes) into a typed model, with mixins
//! flattened away.
//!
//! Shapes keep their file order and members keep their declared order (the wire order; a
//! mixin's members come first, as the spec orders them). Trait values stay raw JSON here;
//! `traits` lowers the ones the generator understands.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::ModelErrors;
use crate::json::Json;
use crate::shape_id::ShapeId;

/// Trait values by trait id, still raw JSON.
pub type Traits = BTreeMap<String, serde_json::Value>;

/// Every shape type of Smithy 2.0.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ShapeType {
    /// `blob`
    Blob,
    /// `boolean`
    Boolean,
    /// `string`
    String,
    /// `enum`
    Enum,
    /// `intEnum`
    IntEnum,
    /// `byte`
    Byte,
    /// `short`
    Short,
    /// `integer`
    Integer,
    /// `long`
    Long,
    /// `float`
    Float,
    /// `double`
    Double,
    /// `bigInteger`
    BigInteger,
    /// `bigDecimal`
    BigDecimal,
    /// `timestamp`
    Timestamp,
    /// `document`
    Document,
    /// `list` (and the 1.0 `set`, read as a list with unique items)
    List,
    /// `map`
    Map,
    /// `structure`
    Structure,
    /// `union`
    Union,
    /// `service`
    Service,
    /// `operation`
    Operation,
    /// `resource`
    Resource,
}

impl ShapeType {
    /// The type's name as the JSON AST spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            ShapeType::Blob => "blob",
            ShapeType::Boolean => "boolean",
            ShapeType::String => "string",
            ShapeType::Enum => "enum",
            ShapeType::IntEnum => "intEnum",
            ShapeType::Byte => "byte",
            ShapeType::Short => "short",
            ShapeType::Integer => "integer",
            ShapeType::Long => "long",
            ShapeType::Float => "float",
            ShapeType::Double => "double",
            ShapeType::BigInteger => "bigInteger",
            ShapeType::BigDecimal => "bigDecimal",
            ShapeType::Timestamp => "timestamp",
            ShapeType::Document => "document",
            ShapeType::List => "list",
            ShapeType::Map => "map",
            ShapeType::Structure => "structure",
            ShapeType::Union => "union",
            ShapeType::Service => "service",
            ShapeType::Operation => "operation",
            ShapeType::Resource => "resource",
        }
    }

    fn parse(text: &str) -> Option<ShapeType> {
        Some(match text {
            "blob" => ShapeType::Blob,
            "boolean" => ShapeType::Boolean,
            "string" => ShapeType::String,
            "enum" => ShapeType::Enum,
            "intEnum" => ShapeType::IntEnum,
            "byte" => ShapeType::Byte,
            "short" => ShapeType::Short,
            "integer" => ShapeType::Integer,
            "long" => ShapeType::Long,
            "float" => ShapeType::Float,
            "double" => ShapeType::Double,
            "bigInteger" => ShapeType::BigInteger,
            "bigDecimal" => ShapeType::BigDecimal,
            "timestamp" => ShapeType::Timestamp,
            "document" => ShapeType::Document,
            "list" | "set" => ShapeType::List,
            "map" => ShapeType::Map,
            "structure" => ShapeType::Structure,
            "union" => ShapeType::Union,
            "service" => ShapeType::Service,
            "operation" => ShapeType::Operation,
            "resource" => ShapeType::Resource,
            _ => return None,
        })
    }
}

/// A member: a name, its target and its own traits (raw `Traits` as loaded; `check` gives
/// later stages the same shape with typed traits).
#[derive(Clone, Debug, PartialEq)]
pub struct Member<T = Traits> {
    /// The member name (`BackupId`; `member`, `key` and `value` for lists and maps).
    pub name: String,
    /// The shape the member targets.
    pub target: ShapeId,
    /// Traits applied to the member itself.
    pub traits: T,
}

/// One shape of the model, with its traits as `T` (raw `Traits` as loaded).
#[derive(Clone, Debug, PartialEq)]
pub struct Shape<T = Traits> {
    /// The shape's id.
    pub id: ShapeId,
    /// The shape's type.
    pub shape_type: ShapeType,
    /// Members in declared order (for lists `member`, for maps `key` then `value`).
    pub members: Vec<Member<T>>,
    /// Traits applied to the shape.
    pub traits: T,
    /// Operation input.
    pub input: Option<ShapeId>,
    /// Operation output.
    pub output: Option<ShapeId>,
    /// Errors an operation (or a service, for all its operations) can return.
    pub errors: Vec<ShapeId>,
    /// Operations bound to a service or resource, lifecycle operations included.
    pub operations: Vec<ShapeId>,
    /// Resources bound to a service or resource.
    pub resources: Vec<ShapeId>,
    /// Service version.
    pub version: Option<String>,
    /// Mixins the shape names; empty once loading has flattened them.
    pub mixins: Vec<ShapeId>,
    /// A service's `rename` map: shape id (as written) to the name it has in the service.
    pub rename: Vec<(String, String)>,
    /// A resource's identifiers: name and target.
    pub identifiers: Vec<(String, ShapeId)>,
    /// A resource's lifecycle operations by property (`create`, `put`, ...), also among
    /// `operations`.
    pub lifecycle: Vec<(&'static str, ShapeId)>,
}

impl<T> Shape<T> {
    /// The member with this name.
    pub fn member(&self, name: &str) -> Option<&Member<T>> {
        self.members.iter().find(|m| m.name == name)
    }

    /// The same shape with other traits: `traits` for its own, `member_traits` for each
    /// member's.
    pub fn with_traits<U>(
        &self,
        traits: U,
        mut member_traits: impl FnMut(&Member<T>) -> U,
    ) -> Shape<U> {
        Shape {
            id: self.id.clone(),
            shape_type: self.shape_type,
            members: self
                .members
                .iter()
                .map(|m| Member {
                    name: m.name.clone(),
                    target: m.target.clone(),
                    traits: member_traits(m),
                })
                .collect(),
            traits,
            input: self.input.clone(),
            output: self.output.clone(),
            errors: self.errors.clone(),
            operations: self.operations.clone(),
            resources: self.resources.clone(),
            version: self.version.clone(),
            mixins: self.mixins.clone(),
            rename: self.rename.clone(),
            identifiers: self.identifiers.clone(),
            lifecycle: self.lifecycle.clone(),
        }
    }
}

/// A loaded model: its Smithy version and its shapes in file order, with traits as `T`.
#[derive(Clone, Debug, PartialEq)]
pub struct Model<T = Traits> {
    /// The `smithy` version string.
    pub version: String,
    /// Shapes in file order.
    pub shapes: Vec<Shape<T>>,
}

impl<T> Model<T> {
    /// Shapes by id.
    pub fn index(&self) -> BTreeMap<&ShapeId, &Shape<T>> {
        self.shapes.iter().map(|s| (&s.id, s)).collect()
    }

    /// Every defined shape `roots` reach through bound operations and resources, inputs,
    /// outputs, errors and member targets, the roots included.
    pub fn reachable(&self, roots: Vec<ShapeId>) -> BTreeSet<ShapeId> {
        let index = self.index();
        let mut keep = BTreeSet::new();
        let mut stack = roots;
        while let Some(id) = stack.pop() {
            let Some(shape) = index.get(&id) else {
                continue;
            };
            if !keep.insert(id) {
                continue;
            }
            stack.extend(shape.input.iter().cloned());
            stack.extend(shape.output.iter().cloned());
            stack.extend(shape.errors.iter().cloned());
            stack.extend(shape.operations.iter().cloned());
            stack.extend(shape.resources.iter().cloned());
            stack.extend(shape.members.iter().map(|m| m.target.clone()));
        }
        keep
    }

    /// The service shape, the first if there are several: a view of one service (a
    /// [`Model::closure`], a slice) has only that one, which code generation works for.
    pub fn service(&self) -> Option<&Shape<T>> {
        self.shapes
            .iter()
            .find(|s| s.shape_type == ShapeType::Service)
    }

    /// The services the model defines.
    pub fn services(&self) -> Vec<&ShapeId> {
        self.shapes
            .iter()
            .filter(|s| s.shape_type == ShapeType::Service)
            .map(|s| &s.id)
            .collect()
    }
}

impl Model {
    /// The model as code generation sees it for `service`: that service and what it
    /// reaches, without the rest (trait definitions, other services and their shapes).
    pub fn closure(&self, service: &ShapeId) -> Model {
        let keep = self.reachable(vec![service.clone()]);
        Model {
            version: self.version.clone(),
            shapes: self
                .shapes
                .iter()
                .filter(|s| keep.contains(&s.id))
                .cloned()
                .collect(),
        }
    }
}

/// Reads a model from JSON text the way `Model::from_json_str` does (merged first). Every
/// problem found while reading is reported, not just the first.
#[cfg(test)]
pub fn load_str(text: &str) -> Result<Model, ModelErrors> {
    let json = Json::parse(text).map_err(|e| {
        crate::diagnostics::ModelError::new("<model>", format!("not a valid JSON document: {e}"))
    })?;
    load_json(&crate::merge::merge(vec![("<model>".to_owned(), json)])?)
}

/// Reads a merged model into a typed one. It trusts what `merge` established (a `smithy`
/// version, a `shapes` object, every `apply` folded in) and checks the shapes themselves.
pub fn load_json(json: &Json) -> Result<Model, ModelErrors> {
    let mut errors = ModelErrors::default();
    let version = json
        .get("smithy")
        .and_then(Json::as_str)
        .unwrap_or_default()
        .to_owned();
    let shapes = json
        .get("shapes")
        .and_then(Json::as_object)
        .unwrap_or_default()
        .iter()
        .filter_map(|(id, body)| load_shape(id, body, &mut errors))
        .collect::<Vec<_>>();
    check_mixin_references(&shapes, &mut errors);
    let shapes = flatten_mixins(shapes, &mut errors);
    for shape in &shapes {
        let needed: &[&str] = match shape.shape_type {
            ShapeType::List => &["member"],
            ShapeType::Map => &["key", "value"],
            _ => &[],
        };
        for name in needed {
            if shape.member(name).is_none() {
                errors.report(&shape.id, format!("missing the `{name}` member"));
            }
        }
    }
    errors.into_result(Model { version, shapes })
}

/// Replaces every shape's mixins with what they give it and drops the mixin shapes, by the
/// spec's rules: mixin members first, in mixin order, then the shape's own (which may only
/// add traits to a mixin's member); the mixins' traits, except `@mixin` and its
/// `localTraits`, under the shape's own; operation errors and service bindings joined.
fn flatten_mixins(shapes: Vec<Shape>, errors: &mut ModelErrors) -> Vec<Shape> {
    if shapes.iter().all(|s| s.mixins.is_empty()) {
        return shapes;
    }
    let by_id: BTreeMap<ShapeId, Shape> =
        shapes.iter().map(|s| (s.id.clone(), s.clone())).collect();
    let cycles = mixin_cycles(&by_id, errors);
    let mut flat: BTreeMap<ShapeId, Shape> = BTreeMap::new();
    let mut out = Vec::new();
    for shape in &shapes {
        let mut context = Flattening {
            by_id: &by_id,
            cycles: &cycles,
            flat: &mut flat,
            stack: Vec::new(),
        };
        let flattened = flatten(&shape.id, &mut context, errors);
        if !shape.traits.contains_key(MIXIN) {
            out.extend(flattened);
        }
    }
    out
}

/// A resource's lifecycle properties, each naming one operation.
pub const LIFECYCLE: [&str; 6] = ["create", "put", "read", "update", "delete", "list"];

/// The `@mixin` trait's id.
const MIXIN: &str = "smithy.api#mixin";

/// Every shape whose mixins lead back to it, each reported with the others of its cycle.
fn mixin_cycles(by_id: &BTreeMap<ShapeId, Shape>, errors: &mut ModelErrors) -> BTreeSet<ShapeId> {
    let reach = |from: &ShapeId| {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<&ShapeId> = by_id
            .get(from)
            .map(|s| s.mixins.iter().collect())
            .unwrap_or_default();
        while let Some(id) = stack.pop() {
            if seen.insert(id.clone()) {
                stack.extend(by_id.get(id).into_iter().flat_map(|s| s.mixins.iter()));
            }
        }
        seen
    };
    let mut cycles = BTreeSet::new();
    for (id, shape) in by_id {
        if shape.mixins.is_empty() {
            continue;
        }
        let reached = reach(id);
        if !reached.contains(id) {
            continue;
        }
        let others: Vec<String> = reached
            .iter()
            .filter(|other| *other != id && reach(other).contains(id))
            .map(ToString::to_string)
            .collect();
        let message = if others.is_empty() {
            "uses itself as a mixin".to_owned()
        } else {
            format!("its mixins form a cycle with [{}]", others.join(", "))
        };
        errors.report(id, message);
        cycles.insert(id.clone());
    }
    cycles
}

/// Reports every use of a mixin other than `with`, before flattening drops the mixins: a
/// member, operation or binding that refers to one (Smithy's `Target`), and a mixin trait
/// applied as a trait (`TraitTarget`).
fn check_mixin_references(shapes: &[Shape], errors: &mut ModelErrors) {
    let mixins: BTreeSet<&ShapeId> = shapes
        .iter()
        .filter(|s| s.traits.contains_key(MIXIN))
        .map(|s| &s.id)
        .collect();
    if mixins.is_empty() {
        return;
    }
    let is_mixin = |id: &ShapeId| mixins.contains(id);
    for shape in shapes {
        let members = shape
            .members
            .iter()
            .map(|m| (shape.id.member(&m.name), &m.target));
        let references = [&shape.input, &shape.output]
            .into_iter()
            .flatten()
            .chain(&shape.errors)
            .chain(&shape.operations)
            .chain(&shape.resources)
            .map(|target| (shape.id.to_string(), target));
        for (from, target) in members.chain(references) {
            if is_mixin(target) {
                errors.emit(
                    "Target",
                    from,
                    format!("refers to the mixin `{target}`, which can only be used with `with`"),
                );
            }
        }
        let owners = std::iter::once((shape.id.to_string(), &shape.traits)).chain(
            shape
                .members
                .iter()
                .map(|m| (shape.id.member(&m.name).to_string(), &m.traits)),
        );
        for (owner, traits) in owners {
            for trait_id in traits.keys() {
                let applied = ShapeId::parse(trait_id).ok();
                if applied.as_ref().is_some_and(is_mixin) {
                    errors.emit(
                        "TraitTarget",
                        &owner,
                        format!("`{trait_id}` is a mixin, which cannot be applied as a trait"),
                    );
                }
            }
        }
    }
}

/// What flattening one shape's mixins works with.
struct Flattening<'a> {
    by_id: &'a BTreeMap<ShapeId, Shape>,
    /// Shapes in a mixin cycle (already reported).
    cycles: &'a BTreeSet<ShapeId>,
    /// Shapes already flattened.
    flat: &'a mut BTreeMap<ShapeId, Shape>,
    /// The shapes being flattened, outermost first.
    stack: Vec<ShapeId>,
}

/// The shape `id` with its mixins applied, or `None` (reported) when one cannot be.
fn flatten(id: &ShapeId, context: &mut Flattening<'_>, errors: &mut ModelErrors) -> Option<Shape> {
    if let Some(done) = context.flat.get(id) {
        return Some(done.clone());
    }
    let by_id = context.by_id;
    let own = by_id.get(id)?;
    if context.cycles.contains(id) || context.stack.contains(id) {
        return None;
    }
    context.stack.push(id.clone());
    let mut failed = false;
    let mut result = Shape {
        members: Vec::new(),
        traits: Traits::new(),
        mixins: Vec::new(),
        ..own.clone()
    };
    for mixin_id in &own.mixins {
        let not_found = format!("uses the mixin `{mixin_id}`, which is not in the model");
        let Some(mixin) = by_id.get(mixin_id) else {
            errors.report(id, not_found);
            failed = true;
            continue;
        };
        let Some(local_traits) = mixin.traits.get(MIXIN) else {
            errors.emit(
                "Target",
                id,
                format!("`{mixin_id}` is used as a mixin but has no @mixin trait"),
            );
            continue;
        };
        if mixin.shape_type != own.shape_type {
            errors.report(
                id,
                format!(
                    "a {} cannot use the {} `{mixin_id}` as a mixin",
                    own.shape_type.as_str(),
                    mixin.shape_type.as_str()
                ),
            );
            continue;
        }
        let local: Vec<&str> = local_traits
            .get("localTraits")
            .and_then(|v| v.as_array())
            .map(|items| items.iter().filter_map(|v| v.as_str()).collect())
            .unwrap_or_default();
        let Some(mixin) = flatten(mixin_id, context, errors) else {
            // The mixin could not be applied itself (reported there), so neither can this.
            errors.report(id, not_found);
            failed = true;
            continue;
        };
        for (trait_id, value) in &mixin.traits {
            if trait_id != MIXIN && !local.contains(&trait_id.as_str()) {
                result.traits.insert(trait_id.clone(), value.clone());
            }
        }
        for member in mixin.members {
            add_member(&mut result, member, id, errors);
        }
        for (have, more) in [
            (&mut result.errors, mixin.errors),
            (&mut result.operations, mixin.operations),
            (&mut result.resources, mixin.resources),
        ] {
            for item in more {
                if !have.contains(&item) {
                    have.push(item);
                }
            }
        }
        result.input = result.input.or(mixin.input);
        result.output = result.output.or(mixin.output);
        result.version = result.version.or(mixin.version);
    }
    for (trait_id, value) in &own.traits {
        result.traits.insert(trait_id.clone(), value.clone());
    }
    for member in &own.members {
        add_member(&mut result, member.clone(), id, errors);
    }
    for (have, own) in [
        (&mut result.errors, &own.errors),
        (&mut result.operations, &own.operations),
        (&mut result.resources, &own.resources),
    ] {
        for item in own {
            if !have.contains(item) {
                have.push(item.clone());
            }
        }
    }
    result.input = own.input.clone().or(result.input);
    result.output = own.output.clone().or(result.output);
    result.version = own.version.clone().or(result.version);
    context.stack.pop();
    if failed {
        return None;
    }
    context.flat.insert(id.clone(), result.clone());
    Some(result)
}

/// Adds `member` to `shape`; a member the shape already has (from a mixin) must keep its
/// target and only gains traits.
fn add_member(shape: &mut Shape, member: Member, owner: &ShapeId, errors: &mut ModelErrors) {
    match shape.members.iter_mut().find(|m| m.name == member.name) {
        None => shape.members.push(member),
        Some(have) if have.target != member.target => errors.report(
            owner.member(&member.name),
            format!(
                "redefines a mixin member that targets `{}` to target `{}`",
                have.target, member.target
            ),
        ),
        Some(have) => have.traits.extend(member.traits),
    }
}

fn load_shape(id_text: &str, body: &Json, errors: &mut ModelErrors) -> Option<Shape> {
    let id = match ShapeId::parse(id_text) {
        Ok(id) => id,
        Err(e) => {
            errors.report(id_text, e);
            return None;
        }
    };
    let Some(type_name) = body.get("type").and_then(Json::as_str) else {
        errors.report(&id, "shape has no `type`");
        return None;
    };
    let Some(shape_type) = ShapeType::parse(type_name) else {
        errors.report(&id, format!("unknown shape type `{type_name}`"));
        return None;
    };
    let mut shape = Shape {
        traits: load_traits(&id.to_string(), body.get("traits"), errors),
        id,
        shape_type,
        members: Vec::new(),
        input: None,
        output: None,
        errors: Vec::new(),
        operations: Vec::new(),
        resources: Vec::new(),
        version: body
            .get("version")
            .and_then(Json::as_str)
            .map(str::to_owned),
        mixins: Vec::new(),
        rename: body
            .get("rename")
            .and_then(Json::as_object)
            .unwrap_or_default()
            .iter()
            .filter_map(|(id, name)| Some((id.clone(), name.as_str()?.to_owned())))
            .collect(),
        identifiers: Vec::new(),
        lifecycle: Vec::new(),
    };
    match shape_type {
        ShapeType::List => {
            shape.members = load_fixed_members(&shape.id, body, &["member"], errors);
            if type_name == "set" {
                shape
                    .traits
                    .insert("smithy.api#uniqueItems".into(), serde_json::json!({}));
            }
        }
        ShapeType::Map => {
            shape.members = load_fixed_members(&shape.id, body, &["key", "value"], errors);
        }
        ShapeType::Structure | ShapeType::Union | ShapeType::Enum | ShapeType::IntEnum => {
            shape.members = load_members(&shape.id, body.get("members"), errors);
        }
        ShapeType::Operation => {
            shape.input = load_ref(&shape.id, body.get("input"), "input", errors);
            shape.output = load_ref(&shape.id, body.get("output"), "output", errors);
            shape.errors = load_refs(&shape.id, body.get("errors"), "errors", errors);
        }
        ShapeType::Service | ShapeType::Resource => {
            shape.errors = load_refs(&shape.id, body.get("errors"), "errors", errors);
            for key in LIFECYCLE {
                if let Some(op) = load_ref(&shape.id, body.get(key), key, errors) {
                    shape.lifecycle.push((key, op.clone()));
                    shape.operations.push(op);
                }
            }
            for key in ["operations", "collectionOperations"] {
                shape
                    .operations
                    .extend(load_refs(&shape.id, body.get(key), key, errors));
            }
            shape.resources = load_refs(&shape.id, body.get("resources"), "resources", errors);
            for (name, target) in body
                .get("identifiers")
                .and_then(Json::as_object)
                .unwrap_or_default()
            {
                let what = format!("identifiers.{name}");
                if let Some(id) = load_ref(&shape.id, Some(target), &what, errors) {
                    shape.identifiers.push((name.clone(), id));
                }
            }
        }
        _ => {}
    }
    shape.mixins = load_refs(&shape.id, body.get("mixins"), "mixins", errors);
    if shape.traits.contains_key(MIXIN) {
        check_mixin_shape(&shape, body, errors);
    }
    Some(shape)
}

/// What the spec forbids a mixin of some types to define: an operation mixin's input and
/// output must be `smithy.api#Unit`, and a resource mixin has no identifiers or properties.
fn check_mixin_shape(shape: &Shape, body: &Json, errors: &mut ModelErrors) {
    let unit = |id: &Option<ShapeId>| id.as_ref().is_none_or(|id| id.to_string() == UNIT);
    match shape.shape_type {
        ShapeType::Operation if !unit(&shape.input) || !unit(&shape.output) => errors.report(
            &shape.id,
            "an operation mixin's input and output must be `smithy.api#Unit`",
        ),
        ShapeType::Resource => {
            for key in ["identifiers", "properties"] {
                if body
                    .get(key)
                    .and_then(Json::as_object)
                    .is_some_and(|o| !o.is_empty())
                {
                    errors.report(&shape.id, format!("a resource mixin cannot define `{key}`"));
                }
            }
        }
        _ => {}
    }
}

/// The unit shape's id.
const UNIT: &str = "smithy.api#Unit";

fn load_traits(owner: &str, traits: Option<&Json>, errors: &mut ModelErrors) -> Traits {
    match traits {
        None => Traits::new(),
        Some(Json::Object(entries)) => entries
            .iter()
            .map(|(k, v)| (k.clone(), v.to_value()))
            .collect(),
        Some(_) => {
            errors.report(owner, "`traits` must be an object");
            Traits::new()
        }
    }
}

fn load_members(owner: &ShapeId, members: Option<&Json>, errors: &mut ModelErrors) -> Vec<Member> {
    let Some(members) = members else {
        return Vec::new();
    };
    let Some(entries) = members.as_object() else {
        errors.report(owner, "`members` must be an object");
        return Vec::new();
    };
    entries
        .iter()
        .filter_map(|(name, body)| load_member(owner, name, body, errors))
        .collect()
}

fn load_fixed_members(
    owner: &ShapeId,
    body: &Json,
    names: &[&str],
    errors: &mut ModelErrors,
) -> Vec<Member> {
    // One that is missing may come from a mixin: `load_json` checks once they are flattened.
    names
        .iter()
        .filter_map(|name| Some((name, body.get(name)?)))
        .filter_map(|(name, member)| load_member(owner, name, member, errors))
        .collect()
}

fn load_member(
    owner: &ShapeId,
    name: &str,
    body: &Json,
    errors: &mut ModelErrors,
) -> Option<Member> {
    let member_id = owner.member(name);
    let Some(target) = body.get("target").and_then(Json::as_str) else {
        errors.report(&member_id, "member has no `target`");
        return None;
    };
    let target = match ShapeId::parse(target) {
        Ok(t) => t,
        // A member targeting a member is `check`'s to report (Smithy's Target).
        Err(e) => match ShapeId::parse_member_reference(target) {
            Some(member) => member,
            None => {
                errors.report(&member_id, e);
                return None;
            }
        },
    };
    Some(Member {
        name: name.to_owned(),
        target,
        traits: load_traits(&member_id, body.get("traits"), errors),
    })
}

fn load_ref(
    owner: &ShapeId,
    value: Option<&Json>,
    what: &str,
    errors: &mut ModelErrors,
) -> Option<ShapeId> {
    let value = value?;
    let Some(target) = value.get("target").and_then(Json::as_str) else {
        errors.report(owner, format!("`{what}` must be an object with a `target`"));
        return None;
    };
    match ShapeId::parse(target) {
        Ok(id) => Some(id),
        Err(e) => {
            errors.report(owner, format!("`{what}`: {e}"));
            None
        }
    }
}

fn load_refs(
    owner: &ShapeId,
    value: Option<&Json>,
    what: &str,
    errors: &mut ModelErrors,
) -> Vec<ShapeId> {
    let Some(value) = value else {
        return Vec::new();
    };
    let Some(items) = value.as_array() else {
        errors.report(owner, format!("`{what}` must be an array"));
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| load_ref(owner, Some(item), what, errors))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_keep_declared_order() {
        let model = load_str(
            r#"{"smithy":"2.0","shapes":{"a.b#S":{"type":"structure","members":{
                "Zeta":{"target":"smithy.api#String"},"Alpha":{"target":"smithy.api#String"}}}}}"#,
        );
        let names: Vec<String> = model
            .map(|m| m.shapes[0].members.iter().map(|m| m.name.clone()).collect())
            .unwrap_or_default();
        assert_eq!(names, ["Zeta", "Alpha"]);
    }

    #[test]
    fn reports_every_load_problem() {
        let errors = load_str(
            r#"{"smithy":"2.0","shapes":{
                "a.b#X":{"type":"widget"},
                "bad id":{"type":"string"},
                "a.b#L":{"type":"list"}}}"#,
        )
        .err()
        .unwrap_or_default();
        let text = errors.to_string();
        assert!(
            text.contains("a.b#X: unknown shape type `widget`"),
            "{text}"
        );
        assert!(
            text.contains("bad id: `bad id` is not an absolute shape id"),
            "{text}"
        );
        assert!(
            text.contains("a.b#L: missing the `member` member"),
            "{text}"
        );
        assert_eq!(errors.errors().len(), 3);
    }

    #[test]
    fn malformed_json_is_an_error_not_a_panic() {
        let errors = load_str("{\"smithy\": ").err().unwrap_or_default();
        assert!(errors
            .to_string()
            .starts_with("<model>: not a valid JSON document"));
    }

    fn member_summary(model: &Model, id: &str) -> Vec<String> {
        model
            .shapes
            .iter()
            .find(|s| s.id.to_string() == id)
            .map(|s| {
                s.members
                    .iter()
                    .map(|m| {
                        let traits: Vec<&str> = m.traits.keys().map(String::as_str).collect();
                        format!("{}:{}{:?}", m.name, m.target.name(), traits)
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn mixins_are_flattened_members_first_and_mixin_shapes_dropped() {
        let model = load_str(
            r#"{"smithy":"2.0","shapes":{
            "a.b#Base":{"type":"structure","mixins":[{"target":"a.b#Root"}],
                "members":{"b":{"target":"smithy.api#Integer"}},
                "traits":{"smithy.api#mixin":{"localTraits":["smithy.api#private"]},
                          "smithy.api#private":{},"smithy.api#documentation":"base"}},
            "a.b#Root":{"type":"structure","members":{"r":{"target":"smithy.api#String"}},
                "traits":{"smithy.api#mixin":{}}},
            "a.b#S":{"type":"structure","mixins":[{"target":"a.b#Base"}],
                "members":{"own":{"target":"smithy.api#String"},
                           "b":{"target":"smithy.api#Integer","traits":{"smithy.api#required":{}}}},
                "traits":{"smithy.api#sensitive":{}}},
            "a.b#S$r":{"type":"apply","traits":{"smithy.api#documentation":"from a mixin"}}}}"#,
        );
        let model = model.unwrap_or_else(|e| panic!("{e}"));
        let ids: Vec<String> = model.shapes.iter().map(|s| s.id.to_string()).collect();
        assert_eq!(ids, ["a.b#S"]);
        assert_eq!(
            member_summary(&model, "a.b#S"),
            [
                r#"r:String["smithy.api#documentation"]"#,
                r#"b:Integer["smithy.api#required"]"#,
                "own:String[]"
            ]
        );
        let traits: Vec<&String> = model.shapes[0].traits.keys().collect();
        // `@private` was local to the mixin; `@mixin` never passes on.
        assert_eq!(traits, ["smithy.api#documentation", "smithy.api#sensitive"]);
        assert!(model.shapes[0].mixins.is_empty());
    }

    #[test]
    fn an_apply_to_a_mixin_member_supersedes_the_mixin_trait_as_the_spec_says() {
        let model = load_str(
            r#"{"smithy":"2.0","shapes":{
            "a.b#M":{"type":"structure","members":{"m":{"target":"smithy.api#String",
                "traits":{"smithy.api#documentation":"generic","smithy.api#tags":["a"]}}},
                "traits":{"smithy.api#mixin":{}}},
            "a.b#S":{"type":"structure","mixins":[{"target":"a.b#M"}]},
            "a.b#S$m":{"type":"apply","traits":{"smithy.api#documentation":"specific",
                "smithy.api#tags":["b"]}}}}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let traits = model.shapes[0].members[0].traits.clone();
        assert_eq!(traits["smithy.api#documentation"], "specific");
        assert_eq!(traits["smithy.api#tags"], serde_json::json!(["b"]));
    }

    #[test]
    fn operation_and_resource_mixins_bind_no_input_output_identifiers_or_properties() {
        let errors = load_str(
            r#"{"smithy":"2.0","shapes":{
            "a.b#Op":{"type":"operation","input":{"target":"a.b#In"},"traits":{"smithy.api#mixin":{}}},
            "a.b#UnitOp":{"type":"operation","output":{"target":"smithy.api#Unit"},"traits":{"smithy.api#mixin":{}}},
            "a.b#In":{"type":"structure"},
            "a.b#R":{"type":"resource","identifiers":{"id":{"target":"smithy.api#String"}},
                "traits":{"smithy.api#mixin":{}}},
            "a.b#Empty":{"type":"resource","properties":{},"traits":{"smithy.api#mixin":{}}}}}"#,
        )
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
        assert_eq!(
            errors,
            "a.b#Op: an operation mixin's input and output must be `smithy.api#Unit`\n\
             a.b#R: a resource mixin cannot define `identifiers`"
        );
    }

    #[test]
    fn a_list_or_map_may_take_its_members_from_a_mixin() {
        let model = load_str(
            r#"{"smithy":"2.0","shapes":{
            "a.b#M":{"type":"map","key":{"target":"smithy.api#String"},
                "value":{"target":"smithy.api#Integer"},"traits":{"smithy.api#mixin":{}}},
            "a.b#N":{"type":"map","mixins":[{"target":"a.b#M"}]}}}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            member_summary(&model, "a.b#N"),
            ["key:String[]", "value:Integer[]"]
        );
        let errors = load_str(
            r#"{"smithy":"2.0","shapes":{
            "a.b#M":{"type":"map","key":{"target":"smithy.api#String"},"traits":{"smithy.api#mixin":{}}},
            "a.b#N":{"type":"map","mixins":[{"target":"a.b#M"}]}}}"#,
        )
        .err()
        .map(|e| e.to_string());
        assert_eq!(errors.as_deref(), Some("a.b#N: missing the `value` member"));
    }

    #[test]
    fn a_mixin_is_used_only_with_with() {
        let errors = load_str(
            r#"{"smithy":"2.0","shapes":{
            "a.b#M":{"type":"structure","members":{"x":{"target":"smithy.api#String"}},
                     "traits":{"smithy.api#mixin":{},"smithy.api#trait":{}}},
            "a.b#S":{"type":"structure","members":{"m":{"target":"a.b#M"}},"traits":{"a.b#M":{}}},
            "a.b#O":{"type":"operation","input":{"target":"a.b#M"}},
            "a.b#Fine":{"type":"structure","mixins":[{"target":"a.b#M"}]}}}"#,
        )
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
        assert_eq!(
            errors,
            "a.b#O: refers to the mixin `a.b#M`, which can only be used with `with` | Target\n\
             a.b#S: `a.b#M` is a mixin, which cannot be applied as a trait | TraitTarget\n\
             a.b#S$m: refers to the mixin `a.b#M`, which can only be used with `with` | Target"
        );
    }

    #[test]
    fn mixin_problems_are_named() {
        // Each shape of a cycle is named, and a shape whose mixin cannot be applied too.
        let errors = load_str(
            r#"{"smithy":"2.0","shapes":{
            "a.b#A":{"type":"structure","mixins":[{"target":"a.b#B"}],"traits":{"smithy.api#mixin":{}}},
            "a.b#B":{"type":"structure","mixins":[{"target":"a.b#A"}],"traits":{"smithy.api#mixin":{}}},
            "a.b#NotMixin":{"type":"structure","members":{"x":{"target":"smithy.api#String"}}},
            "a.b#S":{"type":"structure","mixins":[{"target":"a.b#NotMixin"},{"target":"a.b#Gone"}]},
            "a.b#L":{"type":"list","member":{"target":"smithy.api#String"},"traits":{"smithy.api#mixin":{}}},
            "a.b#T":{"type":"structure","mixins":[{"target":"a.b#L"}]},
            "a.b#M":{"type":"structure","members":{"x":{"target":"smithy.api#String"}},"traits":{"smithy.api#mixin":{}}},
            "a.b#U":{"type":"structure","mixins":[{"target":"a.b#M"}],"members":{"x":{"target":"smithy.api#Integer"}}}}}"#,
        )
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
        assert_eq!(
            errors,
            "a.b#A: its mixins form a cycle with [a.b#B]\n\
             a.b#B: its mixins form a cycle with [a.b#A]\n\
             a.b#S: `a.b#NotMixin` is used as a mixin but has no @mixin trait | Target\n\
             a.b#S: uses the mixin `a.b#Gone`, which is not in the model\n\
             a.b#T: a structure cannot use the list `a.b#L` as a mixin\n\
             a.b#U$x: redefines a mixin member that targets `smithy.api#String` to target \
             `smithy.api#Integer`"
        );
    }
}
