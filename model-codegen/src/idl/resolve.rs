//! Resolution: parsed files into JSON AST documents.
//!
//! Needs every file at once: a relative shape id resolves to the current namespace only if
//! some file of the model defines that name there, and an elided `$member` takes its target
//! from a mixin or resource that may live in another file (IDL or JSON AST).

use std::collections::{BTreeMap, HashMap, HashSet};

use super::ast::{
    is_shape_id, lacking_members, split_member, Body, File, Item, Member, Node, Ref, Shape, Trait,
};
use super::lexer::Pos;
use super::prelude::is_prelude_name;
use crate::diagnostics::ModelErrors;
use crate::json::Json;
use crate::merge;

/// How many mixin or resource hops an elided target may take (a cycle stops here).
const MAX_ELISION_DEPTH: usize = 32;

/// The prelude's traits whose shape is a list (the rest are structures or take a value).
const PRELUDE_LIST_TRAITS: &[&str] = &[
    "smithy.api#auth",
    "smithy.api#enum",
    "smithy.api#examples",
    "smithy.api#references",
    "smithy.api#suppress",
    "smithy.api#tags",
];

/// Where an absolute shape id is defined.
#[derive(Clone, Copy)]
enum Def<'a> {
    /// In IDL file `file`.
    Idl {
        /// Index into the files.
        file: usize,
        /// The shape.
        shape: &'a Shape,
    },
    /// In a JSON AST document: the shape's JSON.
    Json(&'a Json),
}

/// One file's view for resolving relative ids.
struct Context {
    /// The namespace (empty when the file has none; its problems are already reported).
    namespace: String,
    /// `use`d names to absolute ids.
    uses: HashMap<String, String>,
}

/// Every file and the shapes they define.
struct Model<'a> {
    /// The parsed IDL files.
    files: &'a [File],
    /// Each file's resolution context, by index.
    contexts: Vec<Context>,
    /// Absolute root shape id to its (first) definition.
    defs: HashMap<String, Def<'a>>,
}

/// Resolves and converts `files`, given the other (JSON AST) documents of the model.
pub(super) fn resolve(files: &[File], json_docs: &[Json], errors: &mut ModelErrors) -> Vec<Json> {
    let mut defs: HashMap<String, Def<'_>> = HashMap::new();
    for (index, file) in files.iter().enumerate() {
        let Some(namespace) = &file.namespace else {
            continue;
        };
        for shape in file.shapes() {
            defs.entry(format!("{namespace}#{}", shape.name))
                .or_insert(Def::Idl { file: index, shape });
        }
    }
    for doc in json_docs {
        for (id, shape) in doc
            .get("shapes")
            .and_then(Json::as_object)
            .unwrap_or_default()
        {
            let is_apply = shape.get("type").and_then(Json::as_str) == Some("apply");
            if !is_apply && !id.contains('$') {
                defs.entry(id.clone()).or_insert(Def::Json(shape));
            }
        }
    }
    let contexts = files
        .iter()
        .map(|file| Context {
            namespace: file.namespace.clone().unwrap_or_default(),
            uses: HashMap::new(),
        })
        .collect();
    let mut model = Model {
        files,
        contexts,
        defs,
    };
    for index in 0..files.len() {
        model.check_uses(index, errors);
    }
    (0..files.len())
        .map(|index| model.document(index, errors))
        .collect()
}

/// Where each shape and member of `files` is written (`path:line:column`), by absolute id:
/// the places of problems found once the model is loaded.
pub(super) fn sources(files: &[File]) -> BTreeMap<String, String> {
    let mut sources = BTreeMap::new();
    for file in files {
        let Some(namespace) = &file.namespace else {
            continue;
        };
        for shape in file.shapes() {
            let id = format!("{namespace}#{}", shape.name);
            let members = match &shape.body {
                Body::Members(members) | Body::Enum(members) => members.as_slice(),
                _ => &[],
            };
            for member in members {
                sources
                    .entry(format!("{id}${}", member.name))
                    .or_insert_with(|| at(file, member.pos));
            }
            sources.entry(id).or_insert_with(|| at(file, shape.pos));
        }
    }
    sources
}

/// `path:line:column` for a problem in `file`.
fn at(file: &File, pos: Pos) -> String {
    format!("{}:{}:{}", file.path, pos.line, pos.col)
}

/// `{"target": id}`
fn target(id: String) -> Json {
    Json::Object(vec![("target".to_owned(), Json::String(id))])
}

impl Model<'_> {
    /// Fills in file `index`'s `use` map, reporting a name used twice or clashing with a
    /// shape the file defines.
    fn check_uses(&mut self, index: usize, errors: &mut ModelErrors) {
        let Some(file) = self.files.get(index) else {
            return;
        };
        let local: HashSet<&str> = file.shapes().map(|s| s.name.as_str()).collect();
        let mut uses: HashMap<String, String> = HashMap::new();
        for used in &file.uses {
            let name = used.id.rsplit('#').next().unwrap_or_default().to_owned();
            if local.contains(name.as_str()) {
                errors.report(
                    at(file, used.pos),
                    format!(
                        "`use {}` conflicts with the shape `{name}` defined in this file",
                        used.id
                    ),
                );
                continue;
            }
            match uses.get(&name) {
                Some(other) if *other != used.id => errors.report(
                    at(file, used.pos),
                    format!("`use {}` conflicts with `use {other}`", used.id),
                ),
                _ => {
                    uses.insert(name, used.id.clone());
                }
            }
        }
        if let Some(context) = self.contexts.get_mut(index) {
            context.uses = uses;
        }
    }

    /// Resolves a shape id written in file `index` to an absolute one.
    fn resolve_id(&self, index: usize, id: &str) -> String {
        if id.contains('#') {
            return id.to_owned();
        }
        let (root, member) = split_member(id);
        let Some(context) = self.contexts.get(index) else {
            return id.to_owned();
        };
        let local = format!("{}#{root}", context.namespace);
        let prelude = format!("smithy.api#{root}");
        let absolute = if let Some(used) = context.uses.get(root) {
            used.clone()
        } else if self.defs.contains_key(&local) {
            local
        } else if is_prelude_name(root) || self.defs.contains_key(&prelude) {
            prelude
        } else {
            local
        };
        match member {
            Some(member) => format!("{absolute}${member}"),
            None => absolute,
        }
    }

    /// A node value as JSON, unquoted shape ids resolved.
    fn node(&self, index: usize, node: &Node) -> Json {
        match node {
            Node::Null => Json::Null,
            Node::Bool(b) => Json::Bool(*b),
            Node::Number(n) => Json::Number(n.clone()),
            Node::BigNumber(text) => Json::BigNumber(text.clone()),
            Node::String(s) => Json::String(s.clone()),
            Node::ShapeId(r) => Json::String(self.resolve_id(index, &r.id)),
            Node::Array(items) => Json::Array(items.iter().map(|n| self.node(index, n)).collect()),
            Node::Object(entries) => Json::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.clone(), self.node(index, v)))
                    .collect(),
            ),
        }
    }

    /// The first unquoted shape id in `node` that cannot resolve: a relative one, in a file
    /// without a namespace, that names neither a `use`d nor a prelude shape.
    fn unresolved<'n>(&self, index: usize, node: &'n Node) -> Option<&'n Ref> {
        match node {
            Node::ShapeId(r) if self.resolve_id(index, &r.id).starts_with('#') => Some(r),
            Node::Array(items) => items.iter().find_map(|n| self.unresolved(index, n)),
            Node::Object(entries) => entries.iter().find_map(|(_, n)| self.unresolved(index, n)),
            _ => None,
        }
    }

    /// A trait's value as JSON: one given without a value is `[]` when the trait is a list
    /// (Smithy reads it as a null the trait's shape makes empty), `{}` otherwise.
    fn trait_value(&self, index: usize, t: &Trait) -> Json {
        if let Some(value) = &t.value {
            return self.node(index, value);
        }
        let id = self.resolve_id(index, &t.id.id);
        let is_list = match self.defs.get(&id) {
            Some(Def::Idl { shape, .. }) => matches!(shape.kind, "list" | "set"),
            Some(Def::Json(shape)) => {
                matches!(
                    shape.get("type").and_then(Json::as_str),
                    Some("list" | "set")
                )
            }
            None => PRELUDE_LIST_TRAITS.contains(&id.as_str()),
        };
        if is_list {
            Json::Array(Vec::new())
        } else {
            Json::Object(Vec::new())
        }
    }

    /// File `index` as a JSON AST document.
    fn document(&self, index: usize, errors: &mut ModelErrors) -> Json {
        let Some(file) = self.files.get(index) else {
            return Json::Null;
        };
        let namespace = file.namespace.clone().unwrap_or_default();
        let local: HashSet<String> = file
            .shapes()
            .map(|s| format!("{namespace}#{}", s.name))
            .collect();
        let mut shapes: Vec<(String, Json)> = Vec::new();
        let mut first_at: HashMap<String, Pos> = HashMap::new();
        let mut local_applies = Vec::new();
        for item in &file.items {
            match item {
                Item::Shape(shape) => {
                    let id = format!("{namespace}#{}", shape.name);
                    let json = self.shape(index, shape, errors);
                    match shapes.iter().find(|(have, _)| *have == id) {
                        None => {
                            first_at.insert(id.clone(), shape.pos);
                            shapes.push((id, json));
                        }
                        // The same definition twice is one definition (Smithy ignores it).
                        Some((_, first)) if *first == json => {}
                        Some(_) => {
                            let first = first_at.get(&id).copied().unwrap_or(shape.pos);
                            errors.report_at(
                                at(file, shape.pos),
                                &id,
                                format!(
                                    "defined twice in this file, differently (first at {}:{})",
                                    first.line, first.col
                                ),
                            );
                        }
                    }
                }
                Item::Apply(apply) => {
                    let id = self.resolve_id(index, &apply.target.id);
                    let (root, _) = split_member(&id);
                    if local.contains(root) {
                        local_applies.push((id, apply));
                    } else {
                        self.apply_entry(index, &mut shapes, id, &apply.traits, errors);
                    }
                }
            }
        }
        for (id, apply) in local_applies {
            let (root, member) = split_member(&id);
            let entry = shapes
                .iter_mut()
                .find(|(key, _)| key == root)
                .and_then(|(_, shape)| match member {
                    None => Some(shape),
                    Some(member) => merge::member_mut(shape, member),
                });
            match entry {
                Some(entry) => {
                    for t in &apply.traits {
                        let trait_id = self.resolve_id(index, &t.id.id);
                        let value = self.trait_value(index, t);
                        if let Err(message) = merge::add_trait(entry, trait_id, value) {
                            errors.report(at(file, t.id.pos), message);
                        }
                    }
                }
                // A member inherited from a mixin: only the merged model has it.
                None => {
                    let id = id.clone();
                    self.apply_entry(index, &mut shapes, id, &apply.traits, errors);
                }
            }
        }
        let mut doc = vec![("smithy".to_owned(), Json::String(file.version.to_owned()))];
        for (_, _, value) in &file.metadata {
            if let Some(r) = self.unresolved(index, value) {
                errors.report(
                    at(file, r.pos),
                    format!(
                        "`{}` names no shape: the file declares no namespace and the prelude has no such shape",
                        r.id
                    ),
                );
            }
        }
        if !file.metadata.is_empty() {
            let metadata = file
                .metadata
                .iter()
                .map(|(key, _, value)| (key.clone(), self.node(index, value)))
                .collect();
            doc.push(("metadata".to_owned(), Json::Object(metadata)));
        }
        doc.push(("shapes".to_owned(), Json::Object(shapes)));
        Json::Object(doc)
    }

    /// Adds `traits` to the `apply` entry for `id`, creating it at the end if needed.
    fn apply_entry(
        &self,
        index: usize,
        shapes: &mut Vec<(String, Json)>,
        id: String,
        traits: &[Trait],
        errors: &mut ModelErrors,
    ) {
        let Some(file) = self.files.get(index) else {
            return;
        };
        let position = match shapes.iter().position(|(key, _)| *key == id) {
            Some(position) => position,
            None => {
                shapes.push((id, merge::apply_entry(Json::Object(Vec::new()))));
                shapes.len() - 1
            }
        };
        let Some((_, entry)) = shapes.get_mut(position) else {
            return;
        };
        for t in traits {
            let trait_id = self.resolve_id(index, &t.id.id);
            let value = self.trait_value(index, t);
            if let Err(message) = merge::add_trait(entry, trait_id, value) {
                errors.report(at(file, t.id.pos), message);
            }
        }
    }

    /// The traits written on a shape or member (documentation first), duplicates reported.
    fn traits(
        &self,
        index: usize,
        docs: Option<&String>,
        traits: &[Trait],
        errors: &mut ModelErrors,
    ) -> Vec<(String, Json)> {
        let mut out: Vec<(String, Json)> = Vec::new();
        if let Some(docs) = docs {
            out.push((
                "smithy.api#documentation".to_owned(),
                Json::String(docs.clone()),
            ));
        }
        for t in traits {
            let id = self.resolve_id(index, &t.id.id);
            self.push_trait(
                index,
                &mut out,
                id,
                self.trait_value(index, t),
                t.id.pos,
                errors,
            );
        }
        out
    }

    /// Adds one trait, reporting it if the shape already has it.
    fn push_trait(
        &self,
        index: usize,
        traits: &mut Vec<(String, Json)>,
        id: String,
        value: Json,
        pos: Pos,
        errors: &mut ModelErrors,
    ) {
        if traits.iter().any(|(k, _)| *k == id) {
            if let Some(file) = self.files.get(index) {
                let how = if id == "smithy.api#documentation" {
                    " (a `///` comment is one too)"
                } else {
                    ""
                };
                errors.report(at(file, pos), format!("trait `{id}` is applied twice{how}"));
            }
            return;
        }
        traits.push((id, value));
    }

    /// One shape as JSON AST.
    fn shape(&self, index: usize, shape: &Shape, errors: &mut ModelErrors) -> Json {
        let mut entries = vec![("type".to_owned(), Json::String(shape.kind.to_owned()))];
        if !shape.mixins.is_empty() {
            let mixins = shape
                .mixins
                .iter()
                .map(|m| {
                    let id = self.resolve_id(index, &m.id);
                    self.check_mixin_members(index, shape, m, &id, errors);
                    target(id)
                })
                .collect();
            entries.push(("mixins".to_owned(), Json::Array(mixins)));
        }
        match &shape.body {
            Body::Simple => {}
            Body::Enum(members) => {
                let members = members
                    .iter()
                    .map(|m| (m.name.clone(), self.enum_member(index, shape, m, errors)))
                    .collect();
                entries.push(("members".to_owned(), Json::Object(members)));
            }
            Body::Members(members) => {
                let json: Vec<(String, Json)> = members
                    .iter()
                    .map(|m| (m.name.clone(), self.member(index, shape, m, errors)))
                    .collect();
                match shape.kind {
                    "structure" | "union" => {
                        entries.push(("members".to_owned(), Json::Object(json)))
                    }
                    // list, set and map members are keyed by their own names at the top.
                    _ => entries.extend(json),
                }
            }
            Body::Operation(body) => {
                if let Some(input) = &body.input {
                    entries.push((
                        "input".to_owned(),
                        target(self.resolve_id(index, &input.id)),
                    ));
                }
                if let Some(output) = &body.output {
                    entries.push((
                        "output".to_owned(),
                        target(self.resolve_id(index, &output.id)),
                    ));
                }
                if let Some(list) = &body.errors {
                    entries.push(("errors".to_owned(), self.targets(index, list)));
                }
            }
            Body::Properties(properties) => {
                for (key, value) in properties {
                    match self.property(index, shape, key, value) {
                        Ok(json) => entries.push((key.clone(), json)),
                        Err(message) => {
                            if let Some(file) = self.files.get(index) {
                                let pos = first_ref_pos(value).unwrap_or(shape.pos);
                                errors.report(at(file, pos), message);
                            }
                        }
                    }
                }
            }
        }
        let traits = self.traits(index, shape.docs.as_ref(), &shape.traits, errors);
        if !traits.is_empty() {
            entries.push(("traits".to_owned(), Json::Object(traits)));
        }
        Json::Object(entries)
    }

    /// Reports a list, set, map or enum mixin `id` (written at `mixin`) that lacks a member
    /// it needs: that mixin is refused, so `shape` cannot use it either.
    fn check_mixin_members(
        &self,
        index: usize,
        shape: &Shape,
        mixin: &Ref,
        id: &str,
        errors: &mut ModelErrors,
    ) {
        let Some(Def::Idl { shape: used, .. }) = self.defs.get(id) else {
            return;
        };
        let Some(lack) = lacking_members(used) else {
            return;
        };
        if let Some(file) = self.files.get(index) {
            errors.report_at(
                at(file, mixin.pos),
                self.absolute(index, &shape.name),
                format!("cannot use the mixin `{id}`, which is refused: it needs {lack}"),
            );
        }
    }

    /// The absolute id of `name` (`Shape` or `Shape$member`) in file `index`'s namespace.
    fn absolute(&self, index: usize, name: &str) -> String {
        match self.contexts.get(index) {
            Some(context) if !context.namespace.is_empty() => {
                format!("{}#{name}", context.namespace)
            }
            _ => name.to_owned(),
        }
    }

    /// `[{"target": ...}, ...]` for a list of ids.
    fn targets(&self, index: usize, refs: &[Ref]) -> Json {
        Json::Array(
            refs.iter()
                .map(|r| target(self.resolve_id(index, &r.id)))
                .collect(),
        )
    }

    /// A shape id given as a node value (unquoted, or a quoted string), resolved.
    fn id_value(&self, index: usize, node: &Node) -> Result<String, String> {
        match node {
            Node::ShapeId(r) => Ok(self.resolve_id(index, &r.id)),
            Node::String(s) if is_shape_id(s) => Ok(self.resolve_id(index, s)),
            _ => Err("expected a shape id".to_owned()),
        }
    }

    /// One service or resource property as JSON AST.
    fn property(
        &self,
        index: usize,
        shape: &Shape,
        key: &str,
        value: &Node,
    ) -> Result<Json, String> {
        let array = |value: &Node| -> Result<Json, String> {
            match value {
                Node::Array(items) => items
                    .iter()
                    .map(|item| self.id_value(index, item).map(target))
                    .collect::<Result<Vec<_>, _>>()
                    .map(Json::Array)
                    .map_err(|e| format!("`{key}`: {e} in the list")),
                _ => Err(format!("`{key}` must be a list of shape ids")),
            }
        };
        match (shape.kind, key) {
            ("service", "version") => match value {
                Node::String(s) => Ok(Json::String(s.clone())),
                _ => Err("`version` must be a string".to_owned()),
            },
            ("service", "rename") => match value {
                Node::Object(entries) => entries
                    .iter()
                    .map(|(from, to)| match to {
                        Node::String(to) => {
                            let from = if is_shape_id(from) {
                                self.resolve_id(index, from)
                            } else {
                                from.clone()
                            };
                            Ok((from, Json::String(to.clone())))
                        }
                        _ => Err(format!("`rename` of `{from}` must be a string")),
                    })
                    .collect::<Result<Vec<_>, _>>()
                    .map(Json::Object),
                _ => Err("`rename` must be an object of shape ids to names".to_owned()),
            },
            (_, "operations" | "resources" | "errors" | "collectionOperations") => array(value),
            ("resource", "identifiers" | "properties") => match value {
                Node::Object(entries) => entries
                    .iter()
                    .map(|(name, id)| {
                        self.id_value(index, id)
                            .map(|id| (name.clone(), target(id)))
                            .map_err(|e| format!("`{key}` `{name}`: {e}"))
                    })
                    .collect::<Result<Vec<_>, _>>()
                    .map(Json::Object),
                _ => Err(format!("`{key}` must be an object of names to shape ids")),
            },
            _ => self
                .id_value(index, value)
                .map(target)
                .map_err(|e| format!("`{key}`: {e}")),
        }
    }

    /// A structure, union, list or map member as JSON AST.
    fn member(
        &self,
        index: usize,
        shape: &Shape,
        member: &Member,
        errors: &mut ModelErrors,
    ) -> Json {
        let target_id = match &member.target {
            Some(r) => self.resolve_id(index, &r.id),
            None => match self.elided_target(index, shape, &member.name, 0) {
                Some(id) => {
                    self.check_elided_conflict(index, shape, member, &id, errors);
                    id
                }
                None => {
                    let message = format!(
                        "elided member `${}` has no target: no resource (`for`) or mixin of `{}` has a member of that name",
                        member.name, shape.name
                    );
                    self.report_member(index, shape, member, message, errors);
                    "smithy.api#Unit".to_owned()
                }
            },
        };
        let mut traits = self.traits(index, member.docs.as_ref(), &member.traits, errors);
        if let Some(value) = &member.value {
            let pos = member.pos;
            let json = self.node(index, value);
            self.push_trait(
                index,
                &mut traits,
                "smithy.api#default".to_owned(),
                json,
                pos,
                errors,
            );
        }
        member_json(target_id, traits)
    }

    /// An enum or intEnum member: targets `Unit`, its value in `@enumValue`.
    fn enum_member(
        &self,
        index: usize,
        shape: &Shape,
        member: &Member,
        errors: &mut ModelErrors,
    ) -> Json {
        let mut traits = self.traits(index, member.docs.as_ref(), &member.traits, errors);
        let has_value_trait = traits.iter().any(|(k, _)| k == "smithy.api#enumValue");
        let value = match (&member.value, shape.kind) {
            (Some(Node::String(s)), "enum") => Ok(Some(Json::String(s.clone()))),
            (Some(Node::Number(n)), "intEnum") if n.is_i64() || n.is_u64() => {
                Ok(Some(Json::Number(n.clone())))
            }
            (Some(_), "enum") => Err("an enum member's value must be a quoted string"),
            (Some(_), _) => Err("an intEnum member's value must be an integer"),
            (None, _) if has_value_trait => Ok(None),
            // Redeclared from a mixin (for its documentation, say): the mixin's value holds.
            (None, _) if self.mixins_declare(index, shape, &member.name) => Ok(None),
            // The member name is the value (the spec's implicit `@enumValue`).
            (None, "enum") => Ok(Some(Json::String(member.name.clone()))),
            // An intEnum member without a value is `check`'s to report (Smithy's
            // `EnumShape`), with the model's other enum problems.
            (None, _) => Ok(None),
        };
        match value {
            Ok(Some(value)) => {
                let id = "smithy.api#enumValue".to_owned();
                self.push_trait(index, &mut traits, id, value, member.pos, errors);
            }
            Ok(None) => {}
            Err(message) => {
                self.report_member(index, shape, member, message, errors);
            }
        }
        member_json("smithy.api#Unit".to_owned(), traits)
    }

    /// Reports elided `member`, which takes `target` from the `for` resource, when a mixin
    /// of `shape` gives the member another target: the shape would redefine the mixin's
    /// member.
    fn check_elided_conflict(
        &self,
        index: usize,
        shape: &Shape,
        member: &Member,
        target: &str,
        errors: &mut ModelErrors,
    ) {
        let from_mixin = shape.mixins.iter().find_map(|mixin| {
            let id = self.resolve_id(index, &mixin.id);
            Some((self.member_target(&id, &member.name, 1)?, id))
        });
        let Some((mixin_target, mixin)) = from_mixin else {
            return;
        };
        if mixin_target == target {
            return;
        }
        let message = format!(
            "elided member `${}` takes `{target}` from the resource, but the mixin `{mixin}` gives it `{mixin_target}`",
            member.name
        );
        self.report_member(index, shape, member, message, errors);
    }

    /// Reports a problem at `member` of `shape` (in file `index`): where it is written, and
    /// its absolute id.
    fn report_member(
        &self,
        index: usize,
        shape: &Shape,
        member: &Member,
        message: impl Into<String>,
        errors: &mut ModelErrors,
    ) {
        if let Some(file) = self.files.get(index) {
            let id = self.absolute(index, &format!("{}${}", shape.name, member.name));
            errors.report_at(at(file, member.pos), id, message);
        }
    }

    /// The target of elided member `name` of `shape` (in file `index`): the `for` resource's
    /// identifier or property of that name first, then the mixins' members, in order.
    fn elided_target(
        &self,
        index: usize,
        shape: &Shape,
        name: &str,
        depth: usize,
    ) -> Option<String> {
        if depth > MAX_ELISION_DEPTH {
            return None;
        }
        if let Some(resource) = &shape.for_resource {
            let id = self.resolve_id(index, &resource.id);
            if let Some(found) = self.resource_member(&id, name) {
                return Some(found);
            }
        }
        shape.mixins.iter().find_map(|mixin| {
            let id = self.resolve_id(index, &mixin.id);
            self.member_target(&id, name, depth + 1)
        })
    }

    /// Whether a mixin of `shape` (in file `index`), or a mixin of a mixin, has member `name`.
    fn mixins_declare(&self, index: usize, shape: &Shape, name: &str) -> bool {
        shape
            .mixins
            .iter()
            .any(|mixin| self.declares(&self.resolve_id(index, &mixin.id), name, 0))
    }

    /// Whether shape `id` has member `name`, declared there or inherited from its mixins.
    fn declares(&self, id: &str, name: &str, depth: usize) -> bool {
        if depth > MAX_ELISION_DEPTH {
            return false;
        }
        match self.defs.get(id) {
            None => false,
            Some(Def::Idl { file, shape }) => {
                let members = match &shape.body {
                    Body::Members(members) | Body::Enum(members) => members.as_slice(),
                    _ => &[],
                };
                members.iter().any(|m| m.name == name)
                    || shape.mixins.iter().any(|mixin| {
                        self.declares(&self.resolve_id(*file, &mixin.id), name, depth + 1)
                    })
            }
            Some(Def::Json(shape)) => {
                merge::member(shape, name).is_some()
                    || shape
                        .get("mixins")
                        .and_then(Json::as_array)
                        .unwrap_or_default()
                        .iter()
                        .filter_map(|m| m.get("target").and_then(Json::as_str))
                        .any(|mixin| self.declares(mixin, name, depth + 1))
            }
        }
    }

    /// The target of member `name` of shape `id`, declared there or inherited from its
    /// mixins.
    fn member_target(&self, id: &str, name: &str, depth: usize) -> Option<String> {
        if depth > MAX_ELISION_DEPTH {
            return None;
        }
        match self.defs.get(id)? {
            Def::Idl { file, shape } => {
                let members = match &shape.body {
                    Body::Members(members) => members.as_slice(),
                    _ => &[],
                };
                match members.iter().find(|m| m.name == name) {
                    Some(Member {
                        target: Some(r), ..
                    }) => Some(self.resolve_id(*file, &r.id)),
                    _ => self.elided_target(*file, shape, name, depth + 1),
                }
            }
            Def::Json(shape) => merge::member_target(shape, name, &mut |mixin| {
                self.member_target(mixin, name, depth + 1)
            }),
        }
    }

    /// The target of resource `id`'s identifier or property named `name`.
    fn resource_member(&self, id: &str, name: &str) -> Option<String> {
        match self.defs.get(id)? {
            Def::Idl { file, shape } => {
                let Body::Properties(properties) = &shape.body else {
                    return None;
                };
                ["identifiers", "properties"].iter().find_map(|key| {
                    let (_, Node::Object(entries)) = properties.iter().find(|(k, _)| k == key)?
                    else {
                        return None;
                    };
                    let (_, node) = entries.iter().find(|(k, _)| k == name)?;
                    self.id_value(*file, node).ok()
                })
            }
            Def::Json(shape) => ["identifiers", "properties"].iter().find_map(|key| {
                shape
                    .get(key)?
                    .get(name)?
                    .get("target")
                    .and_then(Json::as_str)
                    .map(str::to_owned)
            }),
        }
    }
}

/// `{"target": ..., "traits": {...}}`, traits left out when there are none.
fn member_json(target_id: String, traits: Vec<(String, Json)>) -> Json {
    let mut entries = vec![("target".to_owned(), Json::String(target_id))];
    if !traits.is_empty() {
        entries.push(("traits".to_owned(), Json::Object(traits)));
    }
    Json::Object(entries)
}

/// Where the first unquoted shape id inside `node` was written: the best place to point at
/// for a problem with a property value that has no position of its own.
fn first_ref_pos(node: &Node) -> Option<Pos> {
    match node {
        Node::ShapeId(r) => Some(r.pos),
        Node::Array(items) => items.iter().find_map(first_ref_pos),
        Node::Object(entries) => entries.iter().find_map(|(_, v)| first_ref_pos(v)),
        _ => None,
    }
}
