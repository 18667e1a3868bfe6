//! A seeded mutation test of `check`, the generator's gate: random edits of AWS's published
//! models (`../shared/models/aws/`), of the kinds that break generators (member targets,
//! names built to collide, recursion, enum members, trait edits). Every mutant `check`
//! accepts must generate code that compiles. All of them are compiled together in one crate,
//! a module each, by one `cargo check` (`nested/mod.rs`, the target directory
//! `aws_models.rs` uses, so the dependencies are checked once). What `check` refuses is
//! counted by rule and printed.
//!
//! The mutants are generated without wire code (types, validation and strategies), to keep
//! the build small; the bases are small models for the same reason. The seed and the number
//! of mutants are fixed, so every run tries the same ones; `MUTANTS_SEED` and
//! `MUTANTS_TRIED` try others:
//!
//! ```sh
//! MUTANTS_SEED=7 MUTANTS_TRIED=200 cargo test -p conformance --test mutants -- --nocapture
//! ```
//!
//! Skipped, saying so, when `../shared/` is absent.

mod nested;

use std::collections::BTreeMap;
use std::path::PathBuf;

use model_codegen::{Config, Model, ModelErrors};
use nested::GeneratedCrate;
use serde_json::{json, Map, Value};

/// The models mutated, each small, with what it brings.
const BASES: &[(&str, &str)] = &[
    (
        "freetier-2023-09-07.json",
        "21 shapes: a recursive filter (`Expression`), enums, @default, @length and @pattern",
    ),
    (
        "route53-recovery-cluster-2019-12-02.json",
        "38 shapes: @input and @output structures, a shape named `String`, an enum `On`/`Off`",
    ),
    (
        "qldb-session-2019-07-11.json",
        "43 shapes: unmarked inputs that other structures hold, a lookaround pattern, blobs",
    ),
    (
        "dynamodb-streams-2012-08-10.json",
        "59 shapes: a union recursive through lists and maps, timestamps, sets",
    ),
];

/// The seed every run starts from.
const SEED: u64 = 0x5eed_2026_1207;

/// How many mutants every run tries.
const TRIED: usize = 40;

/// The fewest accepted mutants the build must compile.
const MIN_COMPILED: usize = 10;

/// SplitMix64: small, fast and the same everywhere, which is all a seeded test needs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }

    fn percent(&mut self, p: usize) -> bool {
        self.below(100) < p
    }
}

/// Targets from Smithy's prelude a member may be moved to.
const PRELUDE_TARGETS: &[&str] = &[
    "smithy.api#String",
    "smithy.api#Integer",
    "smithy.api#Long",
    "smithy.api#Byte",
    "smithy.api#Short",
    "smithy.api#Float",
    "smithy.api#Double",
    "smithy.api#Boolean",
    "smithy.api#PrimitiveInteger",
    "smithy.api#PrimitiveBoolean",
    "smithy.api#Blob",
    "smithy.api#Timestamp",
    "smithy.api#Document",
    "smithy.api#BigInteger",
    "smithy.api#BigDecimal",
    "smithy.api#Unit",
];

/// Shape names that are also names Rust code uses unqualified (the prelude, std, serde, the
/// runtime), or names the generator makes up.
const RUST_NAMES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "Box",
    "Vec",
    "String",
    "Default",
    "Clone",
    "Copy",
    "Debug",
    "Display",
    "Self_",
    "Send",
    "Sync",
    "Sized",
    "From",
    "Into",
    "Iterator",
    "ToString",
    "Serialize",
    "Deserialize",
    "Serializer",
    "Deserializer",
    "HashMap",
    "BTreeMap",
    "Unit",
    "Document",
    "DateTime",
    "Blob",
    "Error",
    "ValidationErrors",
    "Violation",
    "Path",
    "Unknown",
    "Unhandled",
    "Builder",
    "Strategy",
    "Input",
    "Output",
    "Types",
    "Operation",
    "Constraints",
    "Patterns",
];

/// Member names that are Rust keywords, builder or accessor methods, or what serde and the
/// runtime call.
const MEMBER_NAMES: &[&str] = &[
    "type",
    "self",
    "Self",
    "super",
    "crate",
    "match",
    "async",
    "await",
    "dyn",
    "try",
    "fn",
    "impl",
    "mod",
    "ref",
    "box",
    "yield",
    "gen",
    "abstract",
    "macro",
    "union",
    "builder",
    "build",
    "validate",
    "validate_at",
    "new",
    "default",
    "clone",
    "fmt",
    "into",
    "as_str",
    "values",
    "unknown",
    "Unknown",
    "serialize",
    "deserialize",
    "errors",
    "set",
    "get",
];

/// Enum member names that collide with what an enum's Rust type has.
const VARIANT_NAMES: &[&str] = &[
    "UNKNOWN",
    "Unknown",
    "UnknownValue",
    "unknown",
    "Self_",
    "None",
    "Some",
    "Ok",
    "Err",
    "Value",
    "type",
    "_1",
];

/// Enum values that need escaping or are otherwise odd.
const ODD_VALUES: &[&str] = &[
    "",
    " ",
    "\"quoted\"",
    "back\\slash",
    "two\nlines",
    "ünïcödé",
    "{}",
    "#[x]",
    "*/",
    "r#type",
    "UNKNOWN",
    "\u{202e}reversed",
];

/// Documentation that needs escaping or converting.
const ODD_DOCS: &[&str] = &[
    "<p>An <b>unclosed</p> tag &amp; entities &#x1F600; &bogus;</p>",
    "```\nfn broken( {\n```",
    "Ends in a backslash \\",
    "\"double\" and 'single' quotes and `ticks`",
    "*/ /* #[doc = \"x\"] */",
    "line one\r\nline two\ttab",
    "\u{202e}reversed\u{202c} text",
    "<code>[link](</code> and <a href=\"javascript:x\">a link</a>",
    "    indented four spaces, a code block in Markdown",
    "#![deny(warnings)]",
    "",
];

const PATTERNS: &[&str] = &[
    "^[a-z]+$",
    "\\p{L}+",
    "^(?!x).*$",
    "(?i)abc",
    "[\"\\\\]",
    "^\\d{1,3}$",
    "^$",
    "[",
    "(a|b)*c",
    "\\x{60}",
    "a{2,1}",
    "^\\w+@\\w+$",
];

/// A mutable view of the model's `shapes`.
fn shapes_mut(model: &mut Value) -> Option<&mut Map<String, Value>> {
    model.get_mut("shapes").and_then(Value::as_object_mut)
}

/// The ids of shapes of the given types, in id order.
fn ids_of(model: &Value, types: &[&str]) -> Vec<String> {
    model["shapes"]
        .as_object()
        .map(|shapes| {
            shapes
                .iter()
                .filter(|(_, s)| types.iter().any(|t| s["type"] == *t))
                .map(|(id, _)| id.clone())
                .collect()
        })
        .unwrap_or_default()
}

fn type_of(model: &Value, id: &str) -> String {
    model["shapes"][id]["type"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

fn name_of(id: &str) -> &str {
    id.split_once('#').map_or(id, |(_, name)| name)
}

fn namespace_of(id: &str) -> &str {
    id.split_once('#').map_or("", |(ns, _)| ns)
}

/// The structures operations take as input: always reached from the service, so a member
/// added there is generated.
fn inputs(model: &Value) -> Vec<String> {
    let mut found: Vec<String> = ids_of(model, &["operation"])
        .iter()
        .filter_map(|op| model["shapes"][op]["input"]["target"].as_str())
        .filter(|id| model["shapes"][*id].is_object())
        .map(str::to_owned)
        .collect();
    found.sort();
    found.dedup();
    found
}

/// A member name `base`, numbered if `shape` has one of that name already.
fn free_member_name(model: &Value, shape: &str, base: &str) -> String {
    let members = &model["shapes"][shape]["members"];
    let mut name = base.to_owned();
    let mut n = 1;
    while members.get(&name).is_some() {
        n += 1;
        name = format!("{base}{n}");
    }
    name
}

/// Adds a member named about `base` targeting `target` to `shape`; returns its name.
fn add_member(model: &mut Value, shape: &str, base: &str, target: &str) -> Option<String> {
    let name = free_member_name(model, shape, base);
    let members = shapes_mut(model)?
        .get_mut(shape)?
        .as_object_mut()?
        .entry("members")
        .or_insert_with(|| json!({}))
        .as_object_mut()?;
    members.insert(name.clone(), json!({ "target": target }));
    Some(name)
}

/// Every member of a structure, union, list or map: (shape, member name).
fn member_slots(model: &Value) -> Vec<(String, String)> {
    let mut slots = Vec::new();
    for id in ids_of(model, &["structure", "union"]) {
        if let Some(members) = model["shapes"][&id]["members"].as_object() {
            slots.extend(members.keys().map(|m| (id.clone(), m.clone())));
        }
    }
    for id in ids_of(model, &["list"]) {
        slots.push((id, "member".to_owned()));
    }
    for id in ids_of(model, &["map"]) {
        slots.push((id.clone(), "key".to_owned()));
        slots.push((id, "value".to_owned()));
    }
    slots
}

/// The member `name` of `shape`, wherever its kind keeps it.
fn member_mut<'a>(model: &'a mut Value, shape: &str, name: &str) -> Option<&'a mut Value> {
    let shape = shapes_mut(model)?.get_mut(shape)?;
    if matches!(name, "member" | "key" | "value") && shape.get(name).is_some() {
        return shape.get_mut(name);
    }
    shape.get_mut("members")?.get_mut(name)
}

fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_lowercase().chain(chars).collect::<String>()
    })
}

fn upper_first(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

/// `fooBar` -> `foo_bar`.
fn snake(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// Names that differ from `name` in Smithy and may not in Rust.
fn colliding_names(name: &str) -> Vec<String> {
    let split = name.char_indices().nth(1).map_or(name.len(), |(i, _)| i);
    vec![
        format!("__{name}"),
        format!("{name}_"),
        format!("{}_{}", &name[..split], &name[split..]),
        lower_first(name),
        upper_first(name),
        name.to_uppercase(),
        name.to_lowercase(),
        snake(name),
        format!("{name}Builder"),
        format!("{name}Shape"),
        format!("{name}Value"),
        format!("{name}Error"),
        format!("{name}Input"),
        format!("{name}Output"),
    ]
}

/// Moves a member (of a structure, union, list or map) to another target: any shape of the
/// model, or one of the prelude.
fn retarget(model: &mut Value, rng: &mut Rng) -> Option<String> {
    let slots = member_slots(model);
    let (shape, member) = rng.pick(&slots)?.clone();
    let mut targets: Vec<String> = model["shapes"]
        .as_object()
        .map(|s| s.keys().cloned().collect())
        .unwrap_or_default();
    targets.extend(PRELUDE_TARGETS.iter().map(|t| (*t).to_owned()));
    let target = rng.pick(&targets)?.clone();
    member_mut(model, &shape, &member)?["target"] = json!(target);
    Some(format!(
        "retarget {}${member} -> {}",
        name_of(&shape),
        name_of(&target)
    ))
}

/// Adds a copy of a shape under a name built to collide with it (or with a name Rust code
/// uses), held by an operation's input so that it is generated.
fn collide_shape(model: &mut Value, rng: &mut Rng) -> Option<String> {
    let candidates = ids_of(
        model,
        &[
            "structure",
            "union",
            "enum",
            "intEnum",
            "list",
            "map",
            "string",
            "integer",
        ],
    );
    let original = rng.pick(&candidates)?.clone();
    let name = if rng.percent(60) {
        rng.pick(&colliding_names(name_of(&original)))?.clone()
    } else {
        (*rng.pick(RUST_NAMES)?).to_owned()
    };
    let id = format!("{}#{name}", namespace_of(&original));
    if model["shapes"].get(&id).is_some() {
        return None;
    }
    let mut copy = model["shapes"][&original].clone();
    if let Some(traits) = copy.get_mut("traits").and_then(Value::as_object_mut) {
        traits.remove("smithy.api#input");
        traits.remove("smithy.api#output");
    }
    let holder = rng.pick(&inputs(model))?.clone();
    shapes_mut(model)?.insert(id.clone(), copy);
    let member = add_member(model, &holder, "collider", &id)?;
    Some(format!(
        "copy {} as {name}, held by {}${member}",
        name_of(&original),
        name_of(&holder)
    ))
}

/// Adds a member to a structure or union named to collide with another member, or with a
/// Rust keyword or a generated method.
fn collide_member(model: &mut Value, rng: &mut Rng) -> Option<String> {
    let slots: Vec<(String, String)> = member_slots(model)
        .into_iter()
        .filter(|(shape, _)| matches!(type_of(model, shape).as_str(), "structure" | "union"))
        .collect();
    let (shape, member) = rng.pick(&slots)?.clone();
    let name = if rng.percent(50) {
        let mut names = colliding_names(&member);
        names.retain(|n| !n.starts_with("__"));
        rng.pick(&names)?.clone()
    } else {
        (*rng.pick(MEMBER_NAMES)?).to_owned()
    };
    if model["shapes"][&shape]["members"].get(&name).is_some() {
        return None;
    }
    let copy = model["shapes"][&shape]["members"][&member].clone();
    let members = shapes_mut(model)?
        .get_mut(&shape)?
        .get_mut("members")?
        .as_object_mut()?;
    members.insert(name.clone(), copy);
    Some(format!(
        "member {}${name} beside ${member}",
        name_of(&shape)
    ))
}

/// Makes a structure or union recursive: directly, through a new list or map, through a
/// second structure, or through a new union.
fn recurse(model: &mut Value, rng: &mut Rng) -> Option<String> {
    let structures = ids_of(model, &["structure", "union"]);
    let shape = rng.pick(&structures)?.clone();
    let name = name_of(&shape).to_owned();
    let ns = namespace_of(&shape).to_owned();
    match rng.below(5) {
        0 => {
            let member = add_member(model, &shape, "next", &shape)?;
            let required = model["shapes"][&shape]["type"] == "structure" && rng.percent(40);
            if required {
                member_mut(model, &shape, &member)?["traits"] = json!({"smithy.api#required": {}});
            }
            Some(format!(
                "{name}${member} -> {name}{}",
                if required { " (@required)" } else { "" }
            ))
        }
        1 => {
            let list = format!("{ns}#{name}Recursive");
            shapes_mut(model)?.insert(
                list.clone(),
                json!({"type": "list", "member": {"target": shape}}),
            );
            let member = add_member(model, &shape, "children", &list)?;
            Some(format!("{name}${member} -> list of {name}"))
        }
        2 => {
            let map = format!("{ns}#{name}ByName");
            shapes_mut(model)?.insert(
                map.clone(),
                json!({"type": "map", "key": {"target": "smithy.api#String"},
                       "value": {"target": shape}}),
            );
            let member = add_member(model, &shape, "byName", &map)?;
            Some(format!("{name}${member} -> map of {name}"))
        }
        3 => {
            let other = rng.pick(&structures)?.clone();
            let there = add_member(model, &shape, "partner", &other)?;
            let back = add_member(model, &other, "partner", &shape)?;
            Some(format!(
                "{name}${there} -> {} and back by ${back}",
                name_of(&other)
            ))
        }
        _ => {
            let union = format!("{ns}#{name}Choice");
            shapes_mut(model)?.insert(
                union.clone(),
                json!({"type": "union", "members": {
                    "again": {"target": shape},
                    "leaf": {"target": "smithy.api#String"},
                    "tag": {"target": "smithy.api#Unit"},
                }}),
            );
            let member = add_member(model, &shape, "choice", &union)?;
            Some(format!(
                "{name}${member} -> union of {name}, String and Unit"
            ))
        }
    }
}

/// An enum's (or intEnum's) values: `(member, value)`.
fn enum_members(model: &Value, id: &str) -> Vec<(String, Value)> {
    model["shapes"][id]["members"]
        .as_object()
        .map(|members| {
            members
                .iter()
                .map(|(name, m)| {
                    let value = m["traits"]["smithy.api#enumValue"].clone();
                    let value = if value.is_null() { json!(name) } else { value };
                    (name.clone(), value)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Edits an enum's or intEnum's members: a member named to collide, an odd or repeated
/// value, members removed, the enum turned into an intEnum or a 1.0 `@enum` string.
fn edit_enum(model: &mut Value, rng: &mut Rng) -> Option<String> {
    let enums = ids_of(model, &["enum", "intEnum"]);
    let id = rng.pick(&enums)?.clone();
    let name = name_of(&id).to_owned();
    let is_int = model["shapes"][&id]["type"] == "intEnum";
    let current = enum_members(model, &id);
    let (first, first_value) = current.first()?.clone();
    match rng.below(5) {
        0 => {
            let member = if rng.percent(50) {
                rng.pick(&colliding_names(&first))?.clone()
            } else {
                (*rng.pick(VARIANT_NAMES)?).to_owned()
            };
            let value = match rng.below(3) {
                0 => first_value,
                _ if is_int => json!(rng.pick(&[-1, 7, i32::MAX, i32::MIN])?),
                1 => json!(format!("mutant-{}", rng.below(1000))),
                _ => json!(rng.pick(ODD_VALUES)?),
            };
            let members = shapes_mut(model)?
                .get_mut(&id)?
                .get_mut("members")?
                .as_object_mut()?;
            if members.contains_key(&member) {
                return None;
            }
            members.insert(
                member.clone(),
                json!({"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": value}}),
            );
            Some(format!("enum {name}: add {member} = {value}"))
        }
        1 => {
            let value = if is_int {
                json!(rng.pick(&[0, -5, i32::MAX])?)
            } else {
                json!(rng.pick(ODD_VALUES)?)
            };
            member_mut(model, &id, &first)?["traits"] = json!({"smithy.api#enumValue": value});
            Some(format!("enum {name}: {first} = {value}"))
        }
        2 => {
            let keep = 1 + rng.below(current.len());
            let members = shapes_mut(model)?
                .get_mut(&id)?
                .get_mut("members")?
                .as_object_mut()?;
            let dropped: Vec<String> = members.keys().skip(keep).cloned().collect();
            for member in &dropped {
                members.remove(member);
            }
            Some(format!("enum {name}: keep {keep} members"))
        }
        3 if !is_int => {
            let shape = shapes_mut(model)?.get_mut(&id)?;
            shape["type"] = json!("intEnum");
            if let Some(members) = shape["members"].as_object_mut() {
                for (i, member) in members.values_mut().enumerate() {
                    member["traits"] = json!({"smithy.api#enumValue": i * 3});
                }
            }
            Some(format!("enum {name} -> intEnum"))
        }
        _ if !is_int => {
            let values: Vec<Value> = current
                .iter()
                .map(|(member, value)| json!({"name": member, "value": value}))
                .collect();
            let shape = shapes_mut(model)?.get_mut(&id)?.as_object_mut()?;
            shape.remove("members");
            shape.insert("type".to_owned(), json!("string"));
            shape
                .entry("traits")
                .or_insert_with(|| json!({}))
                .as_object_mut()?
                .insert("smithy.api#enum".to_owned(), json!(values));
            Some(format!("enum {name} -> string with a 1.0 @enum"))
        }
        _ => None,
    }
}

/// Adds, changes or removes a trait of a shape or member.
fn edit_trait(model: &mut Value, rng: &mut Rng) -> Option<String> {
    let on_member = rng.percent(50);
    let (owner, what): (Vec<String>, String) = if on_member {
        let slots = member_slots(model);
        let (shape, member) = rng.pick(&slots)?.clone();
        let what = format!("{}${member}", name_of(&shape));
        (vec![shape, member], what)
    } else {
        let shapes: Vec<String> = ids_of(
            model,
            &[
                "structure",
                "union",
                "enum",
                "intEnum",
                "list",
                "map",
                "string",
                "integer",
                "long",
                "blob",
                "timestamp",
                "double",
                "boolean",
            ],
        );
        let shape = rng.pick(&shapes)?.clone();
        let what = name_of(&shape).to_owned();
        (vec![shape], what)
    };
    let bound = |rng: &mut Rng| -> Value {
        rng.pick(&[
            json!(0),
            json!(1),
            json!(3),
            json!(-1),
            json!(-200),
            json!(255),
            json!(1.5),
            json!(i64::MIN),
            json!(i64::MAX),
            json!(1e20),
        ])
        .cloned()
        .unwrap_or(Value::Null)
    };
    let (trait_id, value): (&str, Option<Value>) = match rng.below(16) {
        0 => {
            let mut v = json!({});
            if rng.percent(70) {
                v["min"] = json!(rng.pick(&[0_i64, 1, 3, 64, -1, 1 << 31])?);
            }
            if rng.percent(70) {
                v["max"] = json!(rng.pick(&[0_i64, 2, 64, 1 << 40])?);
            }
            ("smithy.api#length", Some(v))
        }
        1 => {
            let mut v = json!({});
            if rng.percent(70) {
                v["min"] = bound(rng);
            }
            if rng.percent(70) {
                v["max"] = bound(rng);
            }
            ("smithy.api#range", Some(v))
        }
        2 => ("smithy.api#pattern", Some(json!(rng.pick(PATTERNS)?))),
        3 => ("smithy.api#required", Some(json!({}))),
        4 => ("smithy.api#default", Some(bound(rng))),
        5 => {
            let value = rng
                .pick(&[json!(""), json!("x"), json!(true), json!([]), json!({})])?
                .clone();
            ("smithy.api#default", Some(value))
        }
        6 => ("smithy.api#sensitive", Some(json!({}))),
        7 => ("smithy.api#sparse", Some(json!({}))),
        8 => ("smithy.api#uniqueItems", Some(json!({}))),
        9 => ("smithy.api#clientOptional", Some(json!({}))),
        10 => ("smithy.api#documentation", Some(json!(rng.pick(ODD_DOCS)?))),
        11 => (
            "smithy.api#timestampFormat",
            Some(json!(rng.pick(&[
                "date-time",
                "epoch-seconds",
                "http-date",
                "bogus"
            ])?)),
        ),
        12 => (
            "smithy.api#error",
            Some(json!(rng.pick(&["client", "server"])?)),
        ),
        13 => ("smithy.api#idempotencyToken", Some(json!({}))),
        14 => (
            "smithy.api#deprecated",
            Some(json!({"message": "gone", "since": "2020"})),
        ),
        _ => {
            // Removes one of the traits it has, if any.
            let traits = owner_traits(model, &owner)?;
            let keys: Vec<String> = traits.keys().cloned().collect();
            let key = rng.pick(&keys)?.clone();
            traits.remove(&key);
            return Some(format!("{what}: remove @{}", name_of(&key)));
        }
    };
    let traits = owner_traits(model, &owner)?;
    let shown = value.as_ref().map(Value::to_string).unwrap_or_default();
    if let Some(value) = value {
        traits.insert(trait_id.to_owned(), value);
    }
    Some(format!("{what}: @{} {shown}", name_of(trait_id)))
}

/// The traits of a shape (`[id]`) or member (`[id, member]`), made if absent.
fn owner_traits<'a>(model: &'a mut Value, owner: &[String]) -> Option<&'a mut Map<String, Value>> {
    let node = match owner {
        [shape] => shapes_mut(model)?.get_mut(shape)?,
        [shape, member] => member_mut(model, shape, member)?,
        _ => return None,
    };
    node.as_object_mut()?
        .entry("traits")
        .or_insert_with(|| json!({}))
        .as_object_mut()
}

/// One to three random edits of `base`, with what each did.
fn mutate(base: &Value, rng: &mut Rng) -> (Value, Vec<String>) {
    let mut model = base.clone();
    let mut edits = Vec::new();
    let wanted = 1 + rng.below(3);
    // An edit with nothing to work on (an enum edit of a model without enums) is tried again
    // as another kind; a few tries bound the loop.
    for _ in 0..wanted * 4 {
        if edits.len() == wanted {
            break;
        }
        let edit = match rng.below(6) {
            0 => retarget(&mut model, rng),
            1 => collide_shape(&mut model, rng),
            2 => collide_member(&mut model, rng),
            3 => recurse(&mut model, rng),
            4 => edit_enum(&mut model, rng),
            _ => edit_trait(&mut model, rng),
        };
        edits.extend(edit);
    }
    (model, edits)
}

/// The rules of a refusal (the event ids of Smithy's validators, or the generator's own
/// `Codegen...` ones), each once.
fn rules_of(errors: &ModelErrors) -> Vec<String> {
    let mut rules: Vec<String> = errors.errors().iter().map(|e| e.event.to_owned()).collect();
    rules.sort();
    rules.dedup();
    rules
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// What happened to the mutants.
#[derive(Default)]
struct Outcome {
    tried: usize,
    /// Accepted mutants: (module, what it is, generated code).
    accepted: Vec<(String, String, String)>,
    /// Mutants check accepted that generate refused: a disagreement.
    disagreements: Vec<String>,
    /// Refused mutants by rule.
    refused: BTreeMap<String, usize>,
    refused_count: usize,
}

fn run_mutants(bases: &[(String, Value)], seed: u64, tried: usize) -> Outcome {
    let mut rng = Rng(seed);
    let mut outcome = Outcome {
        tried,
        ..Outcome::default()
    };
    let mut config = Config::new();
    config.wire(false).proptest_strategies(true);
    for i in 0..tried {
        let Some((file, base)) = bases.get(i % bases.len()) else {
            break;
        };
        let (mutant, edits) = mutate(base, &mut rng);
        let what = format!("{file}: {}", edits.join("; "));
        let module = format!("m{i:03}");
        let checked = Model::from_json_str(&mutant.to_string())
            .and_then(|model| config.check(&model).map(|()| model));
        match checked {
            Ok(model) => {
                let mut config = config.clone();
                match config
                    .root_path(format!("crate::{module}"))
                    .generate(&model)
                {
                    Ok(code) => {
                        println!("{module} accepted: {what}");
                        outcome.accepted.push((module, what, code));
                    }
                    Err(e) => outcome.disagreements.push(format!(
                        "{module} ({what}): check accepts, generate refuses:\n{e}"
                    )),
                }
            }
            Err(errors) => {
                let rules = rules_of(&errors);
                println!("{module} refused ({}): {what}", rules.join(", "));
                outcome.refused_count += 1;
                for rule in rules {
                    *outcome.refused.entry(rule).or_default() += 1;
                }
            }
        }
    }
    outcome
}

/// The accepted mutants as one crate, a module each.
fn mutant_crate(accepted: &[(String, String, String)]) -> GeneratedCrate {
    let mut lib = String::from(
        "//! Mutants of AWS models that `check` accepted, one module each.\n\
         #![deny(warnings, missing_docs)]\n",
    );
    let mut files = Vec::new();
    for (module, what, code) in accepted {
        lib.push_str(&format!(
            "\n#[doc = {what:?}]\npub mod {module} {{\n    include!(\"{module}.rs\");\n}}\n"
        ));
        files.push((format!("{module}.rs"), code.clone()));
    }
    GeneratedCrate {
        name: "aws-mutants".to_owned(),
        lib,
        files,
    }
}

fn bases() -> Option<Vec<(String, Value)>> {
    let dir = nested::shared("models/aws")?;
    Some(
        BASES
            .iter()
            .map(|(file, _)| {
                let path = dir.join(file);
                let text = std::fs::read_to_string(&path)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                let model = serde_json::from_str(&text)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                ((*file).to_owned(), model)
            })
            .collect(),
    )
}

#[test]
fn mutants_check_accepts_compile_and_refusals_are_counted_by_rule() {
    let Some(bases) = bases() else { return };
    let seed = env_number("MUTANTS_SEED", SEED);
    let tried = usize::try_from(env_number("MUTANTS_TRIED", TRIED as u64)).unwrap_or(TRIED);
    let outcome = run_mutants(&bases, seed, tried);
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("mutants");
    let build = nested::check_crates(&root, &[mutant_crate(&outcome.accepted)]);
    // A module whose code does not compile is named in the errors by its file.
    let failed: Vec<&str> = match &build {
        Ok(()) => Vec::new(),
        Err(errors) => outcome
            .accepted
            .iter()
            .filter(|(module, _, _)| errors.contains(&format!("src/{module}.rs")))
            .map(|(module, _, _)| module.as_str())
            .collect(),
    };
    let compiled = if build.is_ok() {
        outcome.accepted.len()
    } else {
        outcome.accepted.len() - failed.len()
    };
    let refused: Vec<String> = outcome
        .refused
        .iter()
        .map(|(rule, n)| format!("{rule} {n}"))
        .collect();
    println!(
        "mutants (seed {seed:#x}): {} tried, {} accepted, {compiled} compiled, {} refused; \
         refused by rule (a mutant may break several): {}",
        outcome.tried,
        outcome.accepted.len(),
        outcome.refused_count,
        refused.join(", ")
    );
    assert!(
        outcome.disagreements.is_empty(),
        "{}",
        outcome.disagreements.join("\n")
    );
    if let Err(errors) = build {
        panic!("accepted mutants do not compile ({failed:?}):\n{errors}");
    }
    assert!(
        compiled >= MIN_COMPILED,
        "only {compiled} mutants were accepted and compiled, fewer than {MIN_COMPILED}"
    );
}

#[test]
fn the_same_seed_makes_the_same_mutants() {
    let Some(bases) = bases() else { return };
    let edits = |seed| {
        let mut rng = Rng(seed);
        (0..8)
            .map(|i| mutate(&bases[i % bases.len()].1, &mut rng))
            .collect::<Vec<_>>()
    };
    assert_eq!(edits(SEED), edits(SEED));
    assert_ne!(edits(SEED), edits(SEED + 1));
}
