//! Smithy's own model test suites (`../shared/smithy-model-tests/`, the test resources of
//! Smithy's reference implementation; its README says how to read each folder), run through
//! the loader and `check`, with a summary line per folder and floors that fail the test if
//! strictness regresses:
//!
//! - `loader/valid`: every `.smithy` file loads (`__shared.json` beside it, which some use),
//!   and one with an `X.json` beside it loads to that model (Smithy's JSON AST of it), compared
//!   as models: prelude aside, empty members, lists and `Unit` input/output as Smithy omits them;
//! - `loader/invalid`: every file fails to load, at the line its first-line comment (Smithy's
//!   message) names when it names one;
//! - `errorfiles`: a model with an `[ERROR]` line in its `.errors` file is refused by `check`
//!   (without wire code: the suite is not about protocols), one without is accepted; for the
//!   "codegen-relevant" models (every `[ERROR]` from a validator in the README's list), each
//!   expected event is looked for among check's problems by shape id and event id
//!   (`SMITHY_SUITE_MISSES=1` prints the ones not found).
//!
//! Skipped, with a message, when the folder is absent (a fresh clone).

use std::path::{Path, PathBuf};

use model_codegen::{Config, Model};

fn suites() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/smithy-model-tests");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED: {} is not present (only CI and the developers have ../shared/)",
            dir.display()
        );
        None
    }
}

/// Every file under `dir` whose name ends with one of `extensions`, sorted.
fn files(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path
                .extension()
                .is_some_and(|e| extensions.iter().any(|x| e == *x))
            {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Loading a model never panics; `Ok` when it loads.
fn load(paths: &[PathBuf]) -> Result<Model, String> {
    std::panic::catch_unwind(|| Model::from_paths(paths).map_err(|e| e.to_string()))
        .unwrap_or_else(|_| panic!("loading {paths:?} panicked"))
}

/// Loading as Smithy's loader judges it: the files parse and merge, and the shapes load
/// (mixins fit, ...), validators aside.
fn load_fully(paths: &[PathBuf]) -> Result<Model, String> {
    let model = load(paths)?;
    model.load_result().map_err(|e| e.to_string())?;
    Ok(model)
}

/// Floors: at least this many of each folder must come out as Smithy has them. Raise them
/// as the front end grows stricter; never lower them.
const VALID_LOADED: usize = 80;
const VALID_EQUAL: usize = 62;
const INVALID_REFUSED: usize = 182;
const INVALID_AT_LINE: usize = 144;
const INVALID_AT_COLUMN: usize = 127;
const ERRORFILES_REFUSED: usize = 140;
const ERRORFILES_ACCEPTED: usize = 97;

/// A JSON value for comparing models: object keys in document order, numbers as their text.
#[derive(Clone, Debug, PartialEq)]
enum Ast {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Ast>),
    Object(Vec<(String, Ast)>),
}

impl Ast {
    fn get(&self, key: &str) -> Option<&Ast> {
        match self {
            Ast::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    fn is_empty(&self) -> bool {
        matches!(self, Ast::Array(a) if a.is_empty())
            || matches!(self, Ast::Object(o) if o.is_empty())
    }
}

/// Parses JSON text into an [`Ast`] (serde_json would refuse Smithy's numbers beyond `f64`
/// and sort keys; this keeps both as written). `None` on malformed text.
fn parse_ast(text: &str) -> Option<Ast> {
    let mut chars = text.chars().peekable();
    let value = parse_value(&mut chars, 0)?;
    skip_ws(&mut chars);
    chars.peek().is_none().then_some(value)
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn skip_ws(chars: &mut Chars) {
    while chars.next_if(|c| c.is_whitespace()).is_some() {}
}

fn parse_value(chars: &mut Chars, depth: usize) -> Option<Ast> {
    if depth > 128 {
        return None;
    }
    skip_ws(chars);
    match *chars.peek()? {
        '{' => {
            chars.next();
            let mut entries = Vec::new();
            loop {
                skip_ws(chars);
                match chars.next()? {
                    '}' => return Some(Ast::Object(entries)),
                    ',' => continue,
                    '"' => {
                        let key = parse_string(chars)?;
                        skip_ws(chars);
                        (chars.next()? == ':').then_some(())?;
                        entries.push((key, parse_value(chars, depth + 1)?));
                    }
                    _ => return None,
                }
            }
        }
        '[' => {
            chars.next();
            let mut items = Vec::new();
            loop {
                skip_ws(chars);
                match chars.peek()? {
                    ']' => {
                        chars.next();
                        return Some(Ast::Array(items));
                    }
                    ',' => {
                        chars.next();
                    }
                    _ => items.push(parse_value(chars, depth + 1)?),
                }
            }
        }
        '"' => {
            chars.next();
            parse_string(chars).map(Ast::String)
        }
        c if c == '-' || c.is_ascii_digit() => {
            let mut text = String::new();
            while let Some(c) =
                chars.next_if(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E'))
            {
                text.push(c);
            }
            Some(Ast::Number(number_text(&text)))
        }
        _ => {
            let mut word = String::new();
            while let Some(c) = chars.next_if(char::is_ascii_alphabetic) {
                word.push(c);
            }
            match word.as_str() {
                "true" => Some(Ast::Bool(true)),
                "false" => Some(Ast::Bool(false)),
                "null" => Some(Ast::Null),
                _ => None,
            }
        }
    }
}

/// The text after an opening quote, up to the closing one, escapes decoded.
fn parse_string(chars: &mut Chars) -> Option<String> {
    let mut out = String::new();
    loop {
        match chars.next()? {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                'b' => out.push('\u{8}'),
                'f' => out.push('\u{c}'),
                'u' => {
                    let unit = |chars: &mut Chars| -> Option<u32> {
                        let hex: String = (0..4).filter_map(|_| chars.next()).collect();
                        u32::from_str_radix(&hex, 16).ok()
                    };
                    let first = unit(chars)?;
                    let code = if (0xD800..0xDC00).contains(&first) {
                        (chars.next()? == '\\' && chars.next()? == 'u').then_some(())?;
                        let second = unit(chars)?;
                        0x10000 + ((first - 0xD800) << 10) + (second.checked_sub(0xDC00)?)
                    } else {
                        first
                    };
                    out.push(char::from_u32(code)?);
                }
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
}

/// One spelling per number: integers as integers, other numbers as `f64` prints them when
/// they fit, else their text in lower case without `+`.
fn number_text(text: &str) -> String {
    if let Ok(i) = text.parse::<i128>() {
        return i.to_string();
    }
    match text.parse::<f64>() {
        Ok(f) if f.is_finite() => format!("{f:?}"),
        _ => text.to_lowercase().replace('+', ""),
    }
}

/// A model document in one form for comparing, the one model two documents can spell
/// differently: prelude shapes and the version left out; empty `members`, lists, objects and
/// `traits` dropped, as are `smithy.api#Unit` operation input and output; a list's or map's
/// members under `members` like a structure's; `apply` entries folded in and members that only
/// repeat a mixin's dropped ([`fold_mixin_members`]); object keys sorted except members, whose
/// order is the model's.
fn normalise_model(doc: &Ast) -> Ast {
    let mut out = Vec::new();
    if let Some(metadata) = doc.get("metadata").filter(|m| !m.is_empty()) {
        out.push(("metadata".to_owned(), sorted(metadata)));
    }
    let mut shapes: Vec<(String, Ast)> = match doc.get("shapes") {
        Some(Ast::Object(entries)) => entries
            .iter()
            .filter(|(id, _)| !id.starts_with("smithy.api#"))
            .map(|(id, shape)| (id.clone(), members_together(shape)))
            .collect(),
        _ => Vec::new(),
    };
    fold_mixin_members(&mut shapes);
    let mut shapes: Vec<(String, Ast)> = shapes
        .iter()
        .map(|(id, shape)| (id.clone(), normalise_shape(shape)))
        .collect();
    shapes.sort_by(|a, b| a.0.cmp(&b.0));
    out.push(("shapes".to_owned(), Ast::Object(shapes)));
    Ast::Object(out)
}

/// A list's `member` and a map's `key` and `value` moved under `members`.
fn members_together(shape: &Ast) -> Ast {
    let Ast::Object(entries) = shape else {
        return shape.clone();
    };
    let (mut members, mut rest) = (Vec::new(), Vec::new());
    for (k, v) in entries {
        if matches!(k.as_str(), "member" | "key" | "value") {
            members.push((k.clone(), v.clone()));
        } else {
            rest.push((k.clone(), v.clone()));
        }
    }
    if !members.is_empty() {
        rest.push(("members".to_owned(), Ast::Object(members)));
    }
    Ast::Object(rest)
}

/// The member `name` of `shape`, to change it.
fn member_mut<'a>(shape: &'a mut Ast, name: &str) -> Option<&'a mut Ast> {
    let Ast::Object(entries) = shape else {
        return None;
    };
    let (_, Ast::Object(members)) = entries.iter_mut().find(|(k, _)| k == "members")? else {
        return None;
    };
    members.iter_mut().find(|(k, _)| k == name).map(|(_, m)| m)
}

/// The target of member `name` as `shape`'s mixins give it (searched depth first, in order).
fn mixin_member_target(
    shapes: &[(String, Ast)],
    shape: &Ast,
    name: &str,
    depth: usize,
) -> Option<Ast> {
    let Some(Ast::Array(mixins)) = shape.get("mixins") else {
        return None;
    };
    if depth > 32 {
        return None;
    }
    mixins.iter().find_map(|mixin| {
        let Some(Ast::String(id)) = mixin.get("target") else {
            return None;
        };
        let (_, mixin) = shapes.iter().find(|(k, _)| k == id)?;
        match mixin.get("members").and_then(|m| m.get(name)) {
            Some(member) => member.get("target").cloned(),
            None => mixin_member_target(shapes, mixin, name, depth + 1),
        }
    })
}

/// Adds `traits` (an object) to the `traits` of `owner`, arrays concatenated.
fn add_traits(owner: &mut Ast, traits: &Ast) {
    let (Ast::Object(entries), Ast::Object(new)) = (owner, traits) else {
        return;
    };
    if !entries.iter().any(|(k, _)| k == "traits") {
        entries.push(("traits".to_owned(), Ast::Object(Vec::new())));
    }
    let Some((_, Ast::Object(have))) = entries.iter_mut().find(|(k, _)| k == "traits") else {
        return;
    };
    for (id, value) in new {
        match have.iter_mut().find(|(k, _)| k == id) {
            Some((_, Ast::Array(items))) if matches!(value, Ast::Array(_)) => {
                if let Ast::Array(more) = value {
                    items.extend(more.iter().cloned());
                }
            }
            Some((_, old)) => *old = value.clone(),
            None => have.push((id.clone(), value.clone())),
        }
    }
}

/// Smithy writes a trait added to a mixin's member as an `apply` entry and leaves out a
/// member redeclared with nothing of its own; an IDL loader may redeclare the member. Both
/// are the same model: `apply` entries are folded in (a mixin's member declared on the shape
/// first when needed), then members without traits that a mixin declares with the same target
/// are dropped.
fn fold_mixin_members(shapes: &mut Vec<(String, Ast)>) {
    let is_apply = |shape: &Ast| shape.get("type") == Some(&Ast::String("apply".to_owned()));
    let applies: Vec<(String, Ast)> = shapes
        .iter()
        .filter(|(_, s)| is_apply(s))
        .cloned()
        .collect();
    shapes.retain(|(_, s)| !is_apply(s));
    for (id, apply) in applies {
        let traits = apply
            .get("traits")
            .cloned()
            .unwrap_or(Ast::Object(Vec::new()));
        let (root, member) = match id.split_once('$') {
            Some((root, member)) => (root, Some(member)),
            None => (id.as_str(), None),
        };
        let Some(index) = shapes.iter().position(|(k, _)| k == root) else {
            continue;
        };
        let Some(name) = member else {
            if let Some((_, shape)) = shapes.get_mut(index) {
                add_traits(shape, &traits);
            }
            continue;
        };
        let inherited = shapes.get(index).and_then(|(_, shape)| {
            member_mut(&mut shape.clone(), name)
                .is_none()
                .then(|| mixin_member_target(shapes, shape, name, 0))
                .flatten()
        });
        let Some((_, shape)) = shapes.get_mut(index) else {
            continue;
        };
        if let (Some(target), Ast::Object(entries)) = (inherited, &mut *shape) {
            if !entries.iter().any(|(k, _)| k == "members") {
                entries.push(("members".to_owned(), Ast::Object(Vec::new())));
            }
            if let Some((_, Ast::Object(members))) =
                entries.iter_mut().find(|(k, _)| k == "members")
            {
                members.push((
                    name.to_owned(),
                    Ast::Object(vec![("target".to_owned(), target)]),
                ));
            }
        }
        if let Some(member) = member_mut(shape, name) {
            add_traits(member, &traits);
        }
    }
    let snapshot = shapes.clone();
    for (_, shape) in shapes.iter_mut() {
        let redundant: Vec<String> = match shape.get("members") {
            Some(Ast::Object(members)) => members
                .iter()
                .filter(|(_, m)| m.get("traits").is_none_or(Ast::is_empty))
                .filter(|(name, m)| {
                    mixin_member_target(&snapshot, shape, name, 0).as_ref() == m.get("target")
                })
                .map(|(name, _)| name.clone())
                .collect(),
            _ => Vec::new(),
        };
        if let Ast::Object(entries) = shape {
            if let Some((_, Ast::Object(members))) =
                entries.iter_mut().find(|(k, _)| k == "members")
            {
                members.retain(|(name, _)| !redundant.contains(name));
            }
        }
    }
}

fn normalise_shape(shape: &Ast) -> Ast {
    let Ast::Object(entries) = shape else {
        return sorted(shape);
    };
    let unit = |v: &Ast| v.get("target") == Some(&Ast::String("smithy.api#Unit".to_owned()));
    let mut out: Vec<(String, Ast)> = entries
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .filter(|(k, v)| !(matches!(k.as_str(), "input" | "output") && unit(v)))
        .map(|(k, v)| {
            let v = match (k.as_str(), v) {
                ("members", Ast::Object(members)) => Ast::Object(
                    members
                        .iter()
                        .map(|(name, m)| (name.clone(), normalise_member(m)))
                        .collect(),
                ),
                _ => sorted(v),
            };
            (k.clone(), v)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ast::Object(out)
}

fn normalise_member(member: &Ast) -> Ast {
    match member {
        Ast::Object(entries) => {
            let mut out: Vec<(String, Ast)> = entries
                .iter()
                .filter(|(k, v)| !(k == "traits" && v.is_empty()))
                .map(|(k, v)| (k.clone(), sorted(v)))
                .collect();
            out.sort_by(|a, b| a.0.cmp(&b.0));
            Ast::Object(out)
        }
        other => sorted(other),
    }
}

/// `value` with every object's keys sorted.
fn sorted(value: &Ast) -> Ast {
    match value {
        Ast::Array(items) => Ast::Array(items.iter().map(sorted).collect()),
        Ast::Object(entries) => {
            let mut out: Vec<(String, Ast)> = entries
                .iter()
                .map(|(k, v)| (k.clone(), sorted(v)))
                .collect();
            out.sort_by(|a, b| a.0.cmp(&b.0));
            Ast::Object(out)
        }
        other => other.clone(),
    }
}

/// Where `ours` and `smithys` (normalised models) differ: shape ids and metadata.
fn differences(ours: &Ast, smithys: &Ast) -> Vec<String> {
    let mut found = Vec::new();
    if ours.get("metadata") != smithys.get("metadata") {
        found.push("metadata".to_owned());
    }
    let shapes = |doc: &Ast| match doc.get("shapes") {
        Some(Ast::Object(entries)) => entries.clone(),
        _ => Vec::new(),
    };
    let (a, b) = (shapes(ours), shapes(smithys));
    for (id, shape) in &a {
        match b.iter().find(|(k, _)| k == id) {
            None => found.push(format!("{id} (only ours)")),
            Some((_, theirs)) if theirs != shape => found.push(format!(
                "{id}\n      ours:    {shape:?}\n      Smithy's: {theirs:?}"
            )),
            Some(_) => {}
        }
    }
    for (id, _) in &b {
        if !a.iter().any(|(k, _)| k == id) {
            found.push(format!("{id} (only Smithy's)"));
        }
    }
    found
}

/// The line, and column when given, Smithy names in an invalid file's first-line comment
/// (`... at line L, column C`).
fn expected_place(text: &str) -> Option<(u32, Option<u32>)> {
    let first = text.lines().next()?;
    let number_after = |key: &str| -> Option<u32> {
        let (_, rest) = first.split_once(key)?;
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    };
    Some((number_after("line ")?, number_after("column ")))
}

/// Whether any of the `errors` (one `path:line:column: message` per line) is at `line` of
/// `file`.
fn reported_at_line(errors: &str, file: &Path, line: u32) -> bool {
    let prefix = format!("{}:{line}:", file.display());
    errors.lines().any(|l| l.starts_with(&prefix))
}

#[test]
fn smithys_loader_suites_load_what_smithy_loads_and_refuse_what_it_refuses() {
    let Some(root) = suites() else {
        return;
    };
    let valid_dir = root.join("loader/valid");
    let shared = valid_dir.join("__shared.json");
    let valid = files(&valid_dir, &["smithy"]);
    let mut failed = Vec::new();
    let (mut pairs, mut equal) = (0, 0);
    let mut unequal = Vec::new();
    for file in &valid {
        let expected = std::fs::read_to_string(file.with_extension("json")).ok();
        pairs += usize::from(expected.is_some());
        let model = load_fully(std::slice::from_ref(file))
            .or_else(|e| load_fully(&[file.clone(), shared.clone()]).map_err(|_| e));
        let model = match model {
            Ok(model) => model,
            Err(e) => {
                failed.push(format!("{}: {e}", file.display()));
                continue;
            }
        };
        let Some(expected) = expected else {
            continue;
        };
        let theirs = parse_ast(&expected).map(|doc| normalise_model(&doc));
        let ours = parse_ast(&model.to_json_ast()).map(|doc| normalise_model(&doc));
        match (ours, theirs) {
            (Some(ours), Some(theirs)) if ours == theirs => equal += 1,
            (Some(ours), Some(theirs)) => unequal.push(format!(
                "{}:\n    {}",
                file.display(),
                differences(&ours, &theirs).join("\n    ")
            )),
            _ => unequal.push(format!("{}: JSON that does not parse", file.display())),
        }
    }
    let loaded = valid.len() - failed.len();
    println!(
        "loader/valid: {loaded}/{} load; {equal}/{pairs} .smithy/.json pairs equal to Smithy's model",
        valid.len()
    );
    for f in &failed {
        println!("  not loaded: {f}");
    }
    for u in &unequal {
        println!("  not equal: {u}");
    }

    let invalid = files(&root.join("loader/invalid"), &["smithy", "json"]);
    let (mut refused, mut with_line, mut at_line) = (0, 0, 0);
    let (mut with_column, mut at_column) = (0, 0);
    let mut misses = Vec::new();
    for file in &invalid {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let place = expected_place(&text);
        let line = place.map(|(line, _)| line);
        let column = place.and_then(|(_, column)| column);
        with_line += usize::from(line.is_some());
        with_column += usize::from(column.is_some());
        match load_fully(std::slice::from_ref(file)) {
            Ok(_) => misses.push(format!("accepted: {}", file.display())),
            Err(errors) => {
                refused += 1;
                if let (Some(line), Some(column)) = (line, column) {
                    let place = format!("{}:{line}:{column}:", file.display());
                    if errors.lines().any(|l| l.starts_with(&place)) {
                        at_column += 1;
                    } else {
                        misses.push(format!(
                            "refused, not at column {column} of line {line}: {}: {}",
                            file.display(),
                            errors.lines().next().unwrap_or_default()
                        ));
                    }
                }
                match line {
                    Some(line) if reported_at_line(&errors, file, line) => at_line += 1,
                    Some(line) => misses.push(format!(
                        "refused, not at line {line}: {}: {}",
                        file.display(),
                        errors.lines().next().unwrap_or_default()
                    )),
                    None => {}
                }
            }
        }
    }
    println!(
        "loader/invalid: {refused}/{} refused; {at_line}/{with_line} that name a line refused at \
         it ({at_column}/{with_column} that name a column at that line and column too)",
        invalid.len()
    );
    for m in &misses {
        println!("  {m}");
    }
    assert!(
        loaded >= VALID_LOADED,
        "loader/valid: {loaded} load, fewer than {VALID_LOADED}"
    );
    assert!(
        equal >= VALID_EQUAL,
        "loader/valid: {equal} equal to Smithy's JSON AST, fewer than {VALID_EQUAL}"
    );
    assert!(
        refused >= INVALID_REFUSED,
        "loader/invalid: {refused} refused, fewer than {INVALID_REFUSED}"
    );
    assert!(
        at_column >= INVALID_AT_COLUMN,
        "loader/invalid: {at_column} refused at Smithy's column, fewer than {INVALID_AT_COLUMN}"
    );
    assert!(
        at_line >= INVALID_AT_LINE,
        "loader/invalid: {at_line} refused at Smithy's line, fewer than {INVALID_AT_LINE}"
    );
}

/// The event ids (Smithy's validator names) of the rules that bear on what a generator
/// reads or emits: a model whose every `[ERROR]` is one of these is "codegen-relevant"
/// (the suite README's list).
const CODEGEN_EVENTS: &[&str] = &[
    "Model",
    "Target",
    "TraitTarget",
    "TraitValue",
    "TraitConflict",
    "DefaultTrait",
    "ShapeRecursion",
    "OperationInputOutputMisuse",
    "ShapeClosure",
    "Service",
    "ExclusiveStructureMemberTrait",
    "EnumShape",
    "EnumTrait",
    "LengthTrait",
    "RangeTrait",
    "ShapeIdConflict",
    "Union",
    "UnitType",
    "PrivateAccess",
];

/// One `[ERROR] shape-id: message | EventId` line of an `.errors` file.
#[derive(Debug)]
struct Expected {
    shape: String,
    event: String,
    line: String,
}

/// The `[ERROR]` events of an `.errors` file.
fn expected_errors(text: &str) -> Vec<Expected> {
    text.lines()
        .filter_map(|line| line.strip_prefix("[ERROR] "))
        .map(|rest| {
            let (body, event) = rest.rsplit_once(" | ").unwrap_or((rest, ""));
            let shape = body.split_once(": ").map_or(body, |(shape, _)| shape);
            Expected {
                shape: shape.trim().to_owned(),
                event: event.trim().to_owned(),
                line: rest.to_owned(),
            }
        })
        .collect()
}

/// The validator an event id names (`TraitValue.Member.InvalidRange` is `TraitValue`'s).
fn family(event: &str) -> &str {
    event.split('.').next().unwrap_or(event)
}

/// Whether `reported` names the event Smithy expects: the same event id at the same shape,
/// or, for an event at no shape (`-`), the same event id at a place that is not a shape
/// (a file, `<model>`).
fn matches(expected: &Expected, reported: &model_codegen::ModelError) -> bool {
    if family(&expected.event) != family(reported.event) {
        return false;
    }
    if expected.shape == "-" {
        return !reported.shape.contains('#');
    }
    expected.shape == reported.shape
}

/// Floors for the validator suite, over the codegen-relevant models: how many are refused,
/// how many valid models are accepted, and the share (in percent) of their `[ERROR]` events
/// reported at the same shape with the same event id.
const RELEVANT_REFUSED: usize = 133;
const ERRORFILES_EVENTS_MATCHED_PERCENT: usize = 98;

#[test]
fn smithys_validator_suite_is_refused_and_accepted_by_check_as_by_smithy() {
    let Some(root) = suites() else {
        return;
    };
    let mut config = Config::new();
    config.wire(false);
    let (mut invalid, mut refused, mut valid, mut accepted) = (0, 0, 0, 0);
    let (mut relevant, mut relevant_refused, mut events, mut matched) = (0, 0, 0, 0);
    // Per folder (`validators/`, `loader/`): relevant refused, relevant, events matched, events.
    let mut folders: std::collections::BTreeMap<String, [usize; 4]> = Default::default();
    let mut wrong = Vec::new();
    let mut misses = Vec::new();
    let errorfiles = root.join("errorfiles");
    for errors_file in files(&errorfiles, &["errors"]) {
        let text = std::fs::read_to_string(&errors_file).unwrap_or_default();
        let model = ["smithy", "json"]
            .iter()
            .map(|ext| errors_file.with_extension(ext))
            .find(|p| p.exists());
        let Some(model) = model else { continue };
        let expected = expected_errors(&text);
        let verdict: Result<(), Vec<model_codegen::ModelError>> =
            std::panic::catch_unwind(|| match Model::from_paths(std::slice::from_ref(&model)) {
                Ok(m) => config.check(&m).map_err(|e| e.errors().to_vec()),
                Err(model_codegen::Error::Model(e)) => Err(e.errors().to_vec()),
                Err(e) => Err(vec![model_codegen::ModelError::new("-", e.to_string())]),
            })
            .unwrap_or_else(|_| panic!("checking {} panicked", model.display()));
        let name = model
            .strip_prefix(&errorfiles)
            .unwrap_or(&model)
            .display()
            .to_string();
        let folder = name.split('/').next().unwrap_or_default().to_owned();
        if expected.is_empty() {
            valid += 1;
            match &verdict {
                Ok(()) => accepted += 1,
                Err(e) => wrong.push(format!("refused: {name}: {}", e[0])),
            }
            continue;
        }
        invalid += 1;
        if verdict.is_err() {
            refused += 1;
        }
        if !expected
            .iter()
            .all(|e| CODEGEN_EVENTS.contains(&family(&e.event)))
        {
            continue;
        }
        relevant += 1;
        let counts = folders.entry(folder).or_default();
        counts[1] += 1;
        let reported = verdict.as_ref().err().cloned().unwrap_or_default();
        if verdict.is_err() {
            relevant_refused += 1;
            counts[0] += 1;
        } else {
            wrong.push(format!("accepted: {name}"));
        }
        for e in &expected {
            events += 1;
            counts[3] += 1;
            if reported.iter().any(|r| matches(e, r)) {
                matched += 1;
                counts[2] += 1;
            } else {
                misses.push(format!("{name}: {}", e.line));
            }
        }
    }
    let percent = |n: usize, of: usize| (n * 100).checked_div(of).unwrap_or(100);
    println!(
        "errorfiles: {refused}/{invalid} with [ERROR] refused, {accepted}/{valid} valid accepted"
    );
    println!(
        "errorfiles (codegen-relevant): {relevant_refused}/{relevant} refused, \
         {matched}/{events} ERROR events matched by shape and event id ({}%)",
        percent(matched, events)
    );
    for (folder, [r, n, m, e]) in &folders {
        println!(
            "  errorfiles/{folder}: {r}/{n} refused, {m}/{e} events matched ({}%)",
            percent(*m, *e)
        );
    }
    for w in &wrong {
        println!("  {w}");
    }
    // Every event Smithy reports that check does not, at its shape with its id.
    if std::env::var_os("SMITHY_SUITE_MISSES").is_some() {
        for m in &misses {
            println!("  missed: {m}");
        }
    } else {
        println!(
            "  ({} events missed; SMITHY_SUITE_MISSES=1 lists them)",
            misses.len()
        );
    }
    assert!(
        refused >= ERRORFILES_REFUSED,
        "errorfiles: {refused} refused, fewer than {ERRORFILES_REFUSED}"
    );
    assert!(
        relevant_refused >= RELEVANT_REFUSED,
        "errorfiles: {relevant_refused} codegen-relevant refused, fewer than {RELEVANT_REFUSED}"
    );
    assert!(
        accepted >= ERRORFILES_ACCEPTED,
        "errorfiles: {accepted} accepted, fewer than {ERRORFILES_ACCEPTED}"
    );
    assert!(
        percent(matched, events) >= ERRORFILES_EVENTS_MATCHED_PERCENT,
        "errorfiles: {}% of events matched, fewer than {ERRORFILES_EVENTS_MATCHED_PERCENT}%",
        percent(matched, events)
    );
}
