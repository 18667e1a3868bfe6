//! Parser: one file's tokens into [`ast::File`](super::ast::File).
//!
//! Recursive descent over the spec's ABNF. The grammar's line-break rules are not enforced
//! (the IDL is unambiguous without them); instead a statement that fails to parse is reported
//! and the parser skips to the next line that starts a statement, so every broken statement
//! of a file is reported in one run.

use super::ast::{
    collection_members, is_identifier, is_namespace, is_shape_id, lacking_members, members_phrase,
    Apply, Body, File, Item, Member, Node, OperationBody, Ref, Shape, Trait,
};
use super::lexer::{lex, Pos, Tok, Token};
use crate::diagnostics::ModelErrors;

/// How deeply node values may nest: far beyond any real model, well within the stack.
const MAX_NODE_DEPTH: usize = 64;

/// The keywords that start a shape statement, with the JSON AST type each one makes.
const SHAPE_KEYWORDS: &[(&str, &str)] = &[
    ("blob", "blob"),
    ("boolean", "boolean"),
    ("document", "document"),
    ("string", "string"),
    ("byte", "byte"),
    ("short", "short"),
    ("integer", "integer"),
    ("long", "long"),
    ("float", "float"),
    ("double", "double"),
    ("bigInteger", "bigInteger"),
    ("bigDecimal", "bigDecimal"),
    ("timestamp", "timestamp"),
    ("enum", "enum"),
    ("intEnum", "intEnum"),
    ("list", "list"),
    ("set", "set"),
    ("map", "map"),
    ("structure", "structure"),
    ("union", "union"),
    ("service", "service"),
    ("operation", "operation"),
    ("resource", "resource"),
];

/// Properties a service body may have.
const SERVICE_PROPERTIES: &[&str] = &["version", "operations", "resources", "errors", "rename"];

/// Properties a resource body may have.
const RESOURCE_PROPERTIES: &[&str] = &[
    "identifiers",
    "properties",
    "create",
    "put",
    "read",
    "update",
    "delete",
    "list",
    "operations",
    "collectionOperations",
    "resources",
];

/// Stands in for a token past the end (never reached: the lexer ends with `Eof`).
static END: Token = Token {
    tok: Tok::Eof,
    pos: Pos { line: 0, col: 0 },
    line_start: true,
    end_line: 0,
    end_col: 0,
    spaced: true,
};

/// A problem that stops the current statement.
struct Stop {
    /// Where.
    pos: Pos,
    /// What.
    message: String,
}

/// Parse results: a value, or the problem that ended the statement.
type PResult<T> = Result<T, Stop>;

/// Parses one file. Problems go to `errors` as `path:line:column`; what could be parsed is
/// returned anyway.
pub(super) fn parse(path: &str, text: &str, errors: &mut ModelErrors) -> File {
    let (tokens, lex_errors) = lex(text);
    let mut parser = Parser {
        path,
        tokens,
        i: 0,
        errors,
        input_suffix: "Input".to_owned(),
        output_suffix: "Output".to_owned(),
        file: File {
            path: path.to_owned(),
            // A file without `$version` is IDL 1.0.
            version: "1.0",
            namespace: None,
            uses: Vec::new(),
            metadata: Vec::new(),
            items: Vec::new(),
        },
        reported_missing_namespace: false,
        version_at: None,
    };
    for e in lex_errors {
        parser.report(e.pos, e.message);
    }
    parser.run();
    parser.file
}

/// The parser's state for one file.
struct Parser<'a> {
    /// The file's path, for diagnostics.
    path: &'a str,
    /// Every token, ending with `Eof`.
    tokens: Vec<Token>,
    /// Index of the next token (possibly a `Doc`).
    i: usize,
    /// Where problems go.
    errors: &'a mut ModelErrors,
    /// `$operationInputSuffix`
    input_suffix: String,
    /// `$operationOutputSuffix`
    output_suffix: String,
    /// What has been parsed.
    file: File,
    /// Whether "no namespace" was already said (once a file is enough).
    reported_missing_namespace: bool,
    /// Where `$version` was set, if it was (a file without one is Smithy IDL 1.0).
    version_at: Option<Pos>,
}

impl Parser<'_> {
    /// Records a problem at `pos`.
    fn report(&mut self, pos: Pos, message: impl Into<String>) {
        self.errors.report(
            format!("{}:{}:{}", self.path, pos.line, pos.col),
            message.into(),
        );
    }

    /// Records a problem with shape (or member) `name` of this file, found at `pos`.
    fn report_shape(&mut self, pos: Pos, name: &str, message: impl Into<String>) {
        let id = self.absolute(name);
        self.errors.report_at(
            format!("{}:{}:{}", self.path, pos.line, pos.col),
            id,
            message.into(),
        );
    }

    /// The absolute id of `name` (`Shape` or `Shape$member`) in this file's namespace (the
    /// name alone if the file has none, which is reported already).
    fn absolute(&self, name: &str) -> String {
        match &self.file.namespace {
            Some(namespace) => format!("{namespace}#{name}"),
            None => name.to_owned(),
        }
    }

    /// The line the last consumed token ends on.
    fn last_line(&self) -> u32 {
        self.i
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .map_or(0, |t| t.end_line)
    }

    /// The grammar puts what comes next on the same line (`SP`, never a line break).
    /// A line break there is reported where it is, at the end of the last token, as Smithy
    /// reports it (the end of the file counts when it is on a later line).
    fn same_line(&self, what: &str) -> PResult<()> {
        let last = self.i.checked_sub(1).and_then(|i| self.tokens.get(i));
        match (self.tokens.get(self.i), last) {
            (Some(next), Some(last)) if next.pos.line != last.end_line => Err(Stop {
                pos: Pos {
                    line: last.end_line,
                    col: last.end_col,
                },
                message: format!(
                    "expected {what} on the same line, found a line break before {}",
                    next.tok.describe()
                ),
            }),
            _ => Ok(()),
        }
    }

    /// `keyword`, the next token, belongs on the line before (the shape name's): reported at
    /// the keyword, which is what is out of place.
    fn keyword_on_same_line(&self, keyword: &str) -> PResult<()> {
        let next = self.peek();
        if next.pos.line == self.last_line() {
            return Ok(());
        }
        Err(Stop {
            pos: next.pos,
            message: format!("{keyword} must be on the line of the shape name it follows"),
        })
    }

    /// A statement ends with a line break (`BR`): nothing may follow it on its line.
    fn line_break(&mut self, what: &str) {
        if let Some(next) = self.tokens.get(self.i) {
            if next.tok != Tok::Eof && next.pos.line == self.last_line() {
                let (pos, found) = (next.pos, next.tok.describe());
                self.report(
                    pos,
                    format!("expected a line break after {what}, found {found}"),
                );
            }
        }
    }

    /// The grammar puts `SP` before what comes next: it may not touch the last token.
    fn space_before(&self, what: &str) -> PResult<()> {
        let next = self.peek();
        if next.spaced {
            return Ok(());
        }
        Err(Stop {
            pos: next.pos,
            message: format!(
                "expected a space before {what}, found {}",
                next.tok.describe()
            ),
        })
    }

    /// Whether the file is Smithy IDL 1.0 (`$version: "1.0"`, or no `$version` at all).
    fn is_v1(&self) -> bool {
        self.file.version == "1.0"
    }

    /// Reports `what` at `pos` when the file is Smithy IDL 1.0, which does not have it.
    fn v2_only(&mut self, pos: Pos, what: &str) {
        if self.is_v1() {
            self.report(
                pos,
                format!("{what}: only in IDL version 2 or later, and this file is version 1.0"),
            );
        }
    }

    /// The `n`th token from the cursor, documentation comments skipped, with its index.
    fn peek_nth(&self, n: usize) -> (usize, &Token) {
        let mut seen = 0;
        let mut index = self.i;
        while let Some(token) = self.tokens.get(index) {
            if !matches!(token.tok, Tok::Doc(_)) {
                if seen == n || token.tok == Tok::Eof {
                    return (index, token);
                }
                seen += 1;
            }
            index += 1;
        }
        (index, &END)
    }

    /// The next token, documentation comments skipped.
    fn peek(&self) -> &Token {
        self.peek_nth(0).1
    }

    /// Consumes and returns the next token (documentation comments before it are dropped).
    fn next(&mut self) -> Token {
        let (index, token) = self.peek_nth(0);
        let token = token.clone();
        if token.tok != Tok::Eof {
            self.i = index + 1;
        } else {
            self.i = index;
        }
        token
    }

    /// Consumes the documentation comments at the cursor, joined with `\n`.
    fn take_docs(&mut self) -> Option<String> {
        let mut lines = Vec::new();
        while let Some(Token {
            tok: Tok::Doc(line),
            ..
        }) = self.tokens.get(self.i)
        {
            lines.push(line.clone());
            self.i += 1;
        }
        (!lines.is_empty()).then(|| lines.join("\n"))
    }

    /// A problem at the next token: "expected X, found Y".
    fn unexpected(&self, expected: &str) -> Stop {
        let token = self.peek();
        Stop {
            pos: token.pos,
            message: format!("expected {expected}, found {}", token.tok.describe()),
        }
    }

    /// Consumes `tok` or stops with "expected `tok` {why}".
    fn expect(&mut self, tok: &Tok, why: &str) -> PResult<Pos> {
        if self.peek().tok == *tok {
            return Ok(self.next().pos);
        }
        Err(self.unexpected(&format!("{} {why}", tok.describe())))
    }

    /// Consumes a word.
    fn word(&mut self, what: &str) -> PResult<(String, Pos)> {
        match &self.peek().tok {
            Tok::Word(w) => {
                let w = w.clone();
                Ok((w, self.next().pos))
            }
            _ => Err(self.unexpected(what)),
        }
    }

    /// Consumes a word that must be an identifier.
    fn identifier(&mut self, what: &str) -> PResult<(String, Pos)> {
        let (word, pos) = self.word(what)?;
        if !is_identifier(&word) {
            return Err(Stop {
                pos,
                message: format!("`{word}` is not a valid {what}"),
            });
        }
        Ok((word, pos))
    }

    /// Consumes a word that must be a shape id.
    fn shape_id(&mut self, what: &str) -> PResult<Ref> {
        let (id, pos) = self.word(what)?;
        if !is_shape_id(&id) {
            return Err(Stop {
                pos,
                message: format!("`{id}` is not a valid shape id"),
            });
        }
        Ok(Ref { id, pos })
    }

    /// Whether the token at raw index `index` begins a statement (a keyword followed by a
    /// name), which is where recovery resumes and where an unclosed body must have ended.
    /// Inside a body (`in_body`), only a real keyword counts: an enum member may well sit at
    /// the margin.
    fn starts_statement(&self, index: usize, in_body: bool) -> bool {
        let Some(token) = self.tokens.get(index) else {
            return false;
        };
        if !token.line_start {
            return false;
        }
        let next_is_word =
            matches!(self.tokens.get(index + 1), Some(t) if matches!(t.tok, Tok::Word(_)));
        match &token.tok {
            // A word and a name at the margin is most likely a statement, even one with a
            // misspelt keyword (which then gets its own error).
            Tok::Word(w) => {
                next_is_word
                    && ((token.pos.col == 1 && !in_body)
                        || shape_kind(w).is_some()
                        || matches!(w.as_str(), "apply" | "namespace" | "use" | "metadata"))
            }
            Tok::At | Tok::Doc(_) | Tok::Dollar => token.pos.col == 1,
            Tok::Eof => true,
            _ => false,
        }
    }

    /// After a problem in the statement that began at raw index `start`: skips to the next
    /// statement start, at least one token past `start`.
    fn recover(&mut self, start: usize) {
        let mut index = self.i.max(start + 1);
        while index < self.tokens.len() && !self.starts_statement(index, false) {
            index += 1;
        }
        self.i = index;
    }

    /// Parses the whole file.
    fn run(&mut self) {
        self.control_section();
        loop {
            let (start, token) = self.peek_nth(0);
            let result = match &token.tok {
                Tok::Eof => break,
                Tok::Dollar => {
                    let pos = token.pos;
                    self.report(pos, "control statements (`$...`) must come first in a file");
                    self.control_statement()
                }
                Tok::Word(w) if w == "metadata" => {
                    if self.file.namespace.is_some() || !self.file.items.is_empty() {
                        let pos = token.pos;
                        self.report(pos, "metadata statements must come before the namespace");
                    }
                    self.metadata_statement()
                }
                Tok::Word(w) if w == "namespace" => self.namespace_statement(),
                Tok::Word(w) if w == "use" => self.use_statement(),
                Tok::Word(w) if w == "apply" => self.apply_statement(),
                _ => self.shape_statement(),
            };
            if let Err(stop) = result {
                self.report(stop.pos, stop.message);
                self.recover(start);
            }
        }
    }

    /// `$key: value` statements at the top of the file.
    fn control_section(&mut self) {
        while self.peek().tok == Tok::Dollar {
            let (start, _) = self.peek_nth(0);
            if let Err(stop) = self.control_statement() {
                self.report(stop.pos, stop.message);
                self.recover(start);
            }
        }
    }

    /// One `$key: value` statement.
    fn control_statement(&mut self) -> PResult<()> {
        self.expect(&Tok::Dollar, "to start a control statement")?;
        let (key, pos) = self.object_key("a control statement name")?;
        self.same_line(&format!("`:` after `${key}`"))?;
        self.expect(&Tok::Colon, &format!("after `${key}`"))?;
        self.same_line(&format!("the value of `${key}`"))?;
        let value_pos = self.peek().pos;
        let value = self.node(0)?;
        self.line_break("a control statement");
        let text = match &value {
            Node::String(s) => Some(s.as_str()),
            _ => None,
        };
        match key.as_str() {
            "version" => {
                let version = text.and_then(|t| {
                    let (major, minor) = t.split_once('.').unwrap_or((t, "0"));
                    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
                    if !digits(major) || !digits(minor) {
                        return None;
                    }
                    match major.trim_start_matches('0') {
                        "1" => Some("1.0"),
                        "2" => Some("2.0"),
                        _ => None,
                    }
                });
                if let Some(first) = self.version_at {
                    return Err(Stop {
                        pos: value_pos,
                        message: format!(
                            "`$version` is already set, at {}:{}",
                            first.line, first.col
                        ),
                    });
                }
                match version {
                    Some(v) => {
                        self.file.version = v;
                        self.version_at = Some(pos);
                    }
                    None => {
                        return Err(Stop {
                            pos: value_pos,
                            message: "unsupported `$version`: expected a string of major version 1 or 2, such as \"2.0\"".to_owned(),
                        })
                    }
                }
            }
            "operationInputSuffix" | "operationOutputSuffix" => {
                let suffix = text
                    .filter(|t| t.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
                    .ok_or_else(|| Stop {
                        pos,
                        message: format!("`${key}` must be a string of letters, digits and `_`"),
                    })?
                    .to_owned();
                if key == "operationInputSuffix" {
                    self.input_suffix = suffix;
                } else {
                    self.output_suffix = suffix;
                }
            }
            // The spec: implementations must ignore unknown control statements.
            _ => {}
        }
        Ok(())
    }

    /// `metadata key = value`
    fn metadata_statement(&mut self) -> PResult<()> {
        self.next();
        self.same_line("a metadata key after `metadata`")?;
        self.space_before("the metadata key")?;
        let (key, pos) = self.object_key("a metadata key")?;
        self.same_line(&format!("`=` after metadata key `{key}`"))?;
        self.expect(&Tok::Equals, &format!("after metadata key `{key}`"))?;
        self.same_line(&format!("the value of metadata key `{key}`"))?;
        let value = self.node(0)?;
        self.line_break("a metadata statement");
        if self.file.metadata.iter().any(|(k, _, _)| *k == key) {
            return Err(Stop {
                pos,
                message: format!("metadata key `{key}` is set twice in this file"),
            });
        }
        self.file.metadata.push((key, pos, value));
        Ok(())
    }

    /// `namespace a.b.c`
    fn namespace_statement(&mut self) -> PResult<()> {
        let keyword = self.next();
        self.same_line("the namespace after `namespace`")?;
        let (namespace, pos) = self.word("a namespace")?;
        self.line_break("the namespace statement");
        if !is_namespace(&namespace) {
            return Err(Stop {
                pos,
                message: format!("`{namespace}` is not a valid namespace"),
            });
        }
        if self.file.namespace.is_some() {
            return Err(Stop {
                pos: keyword.pos,
                message: "only one namespace statement may appear in a file".to_owned(),
            });
        }
        if !self.file.items.is_empty() {
            self.report(
                keyword.pos,
                "the namespace must be declared before any shape",
            );
        }
        self.file.namespace = Some(namespace);
        Ok(())
    }

    /// `use a.b#C`
    fn use_statement(&mut self) -> PResult<()> {
        let keyword = self.next();
        self.same_line("the shape id after `use`")?;
        let target = self.shape_id("an absolute shape id to use")?;
        self.line_break("a use statement");
        if !target.id.contains('#') || target.id.contains('$') {
            return Err(Stop {
                pos: target.pos,
                message: format!(
                    "`use` needs an absolute shape id without a member, found `{}`",
                    target.id
                ),
            });
        }
        if self.file.namespace.is_none() {
            self.report(
                keyword.pos,
                "`use` statements must follow the namespace statement",
            );
        } else if !self.file.items.is_empty() {
            self.report(keyword.pos, "`use` statements must come before any shape");
        }
        self.file.uses.push(target);
        Ok(())
    }

    /// `apply Target @trait` or `apply Target { @a @b }`
    fn apply_statement(&mut self) -> PResult<()> {
        self.next();
        self.same_line("the shape id after `apply`")?;
        let target = self.shape_id("the shape id to apply traits to")?;
        self.space_before("the traits after the apply target")?;
        let traits = match self.peek().tok {
            Tok::LBrace => {
                self.next();
                let traits = self.traits()?;
                self.expect(&Tok::RBrace, "to close the apply block")?;
                traits
            }
            Tok::At => vec![self.trait_()?],
            _ => return Err(self.unexpected("a trait or `{` after the apply target")),
        };
        self.line_break("an apply statement");
        self.require_namespace(target.pos);
        self.file.items.push(Item::Apply(Apply { target, traits }));
        Ok(())
    }

    /// Reports (once per file) a shape or apply before any namespace.
    fn require_namespace(&mut self, pos: Pos) {
        if self.file.namespace.is_none() && !self.reported_missing_namespace {
            self.reported_missing_namespace = true;
            self.report(
                pos,
                "a namespace must be declared before shapes and apply statements",
            );
        }
    }

    /// A shape statement: documentation, traits, keyword, name and body.
    fn shape_statement(&mut self) -> PResult<()> {
        let start = self.peek().pos;
        self.require_namespace(start);
        let docs = self.take_docs();
        let traits = self.traits()?;
        let (keyword, keyword_pos) = self.word("a shape statement such as `structure Name`")?;
        let Some(kind) = shape_kind(&keyword) else {
            let message = if keyword == "apply" {
                "traits cannot come before an `apply` statement".to_owned()
            } else {
                format!("unknown shape type `{keyword}`")
            };
            return Err(Stop {
                pos: keyword_pos,
                message,
            });
        };
        self.same_line(&format!("the shape name after `{keyword}`"))?;
        let (name, pos) = self.identifier("shape name")?;
        if let Some(mixin) = traits
            .iter()
            .find(|t| t.id.id == "mixin" || t.id.id == "smithy.api#mixin")
        {
            let at = mixin.id.pos;
            self.v2_only(at, "the @mixin trait");
        }
        match kind {
            "enum" | "intEnum" => self.v2_only(keyword_pos, &format!("{kind} shapes")),
            "set" if !self.is_v1() => self.report(
                keyword_pos,
                "a file of IDL version 2 or later has no set shapes: use a list with @uniqueItems",
            ),
            _ => {}
        }
        let mut shape = Shape {
            kind,
            name,
            pos,
            docs,
            traits,
            mixins: Vec::new(),
            for_resource: None,
            body: Body::Simple,
        };
        if matches!(kind, "structure" | "union" | "list" | "map") {
            shape.for_resource = self.for_resource(true)?;
        }
        shape.mixins = self.mixins(true)?;
        if let Some(resource) = &shape.for_resource {
            self.v2_only(resource.pos, "binding a shape to a resource with `for`");
        }
        let mut inline = Vec::new();
        shape.body = match kind {
            "enum" | "intEnum" => {
                let members = self.enum_members(kind, &shape.name)?;
                for member in members.iter().filter(|_| kind == "intEnum") {
                    let fits = match &member.value {
                        Some(Node::Number(n)) => {
                            n.as_i64().is_some_and(|v| i32::try_from(v).is_ok())
                        }
                        _ => true,
                    };
                    if !fits {
                        self.report(
                            member.pos,
                            format!("intEnum member `{}` must have a value that fits an integer (32 bits)", member.name),
                        );
                    }
                }
                Body::Enum(members)
            }
            "list" | "set" | "map" | "structure" | "union" => {
                Body::Members(self.members(kind, &shape.name)?)
            }
            "operation" => Body::Operation(self.operation_body(&shape.name, &mut inline)?),
            "service" | "resource" => Body::Properties(self.properties(kind)?),
            _ => Body::Simple,
        };
        self.check_collection_members(&shape);
        self.add_shape(shape);
        for shape in inline {
            self.add_shape(shape);
        }
        Ok(())
    }

    /// Records a shape. A second definition of one name is `resolve`'s to judge: Smithy
    /// ignores one identical to the first and refuses any other.
    fn add_shape(&mut self, shape: Shape) {
        self.file.items.push(Item::Shape(shape));
    }

    /// `for Resource`, if present: on the shape name's line `after_name` (an inline
    /// structure's may start on any line).
    fn for_resource(&mut self, after_name: bool) -> PResult<Option<Ref>> {
        if !matches!(&self.peek().tok, Tok::Word(w) if w == "for") {
            return Ok(None);
        }
        if after_name {
            self.keyword_on_same_line("`for`")?;
        }
        self.next();
        Ok(Some(self.shape_id("the resource after `for`")?))
    }

    /// `with [A, B]`, if present: on the shape name's line `after_name` (an inline
    /// structure's may start on any line).
    fn mixins(&mut self, after_name: bool) -> PResult<Vec<Ref>> {
        if !matches!(&self.peek().tok, Tok::Word(w) if w == "with") {
            return Ok(Vec::new());
        }
        if after_name {
            self.keyword_on_same_line("`with`")?;
        }
        let with = self.next();
        self.v2_only(with.pos, "mixins");
        self.expect(&Tok::LBracket, "after `with`")?;
        let mut mixins = Vec::new();
        while self.peek().tok != Tok::RBracket {
            mixins.push(self.shape_id("a mixin shape id or `]`")?);
        }
        if mixins.is_empty() {
            return Err(self.unexpected("a mixin shape id in `with [...]`"));
        }
        self.next();
        Ok(mixins)
    }

    /// Traits, as many as there are.
    fn traits(&mut self) -> PResult<Vec<Trait>> {
        let mut traits = Vec::new();
        while self.peek().tok == Tok::At {
            traits.push(self.trait_()?);
        }
        Ok(traits)
    }

    /// `@id`, `@id()`, `@id(value)` or `@id(key: value, ...)`.
    fn trait_(&mut self) -> PResult<Trait> {
        self.expect(&Tok::At, "to start a trait")?;
        let id = self.shape_id("a trait shape id after `@`")?;
        if self.peek().tok != Tok::LParen {
            return Ok(Trait { id, value: None });
        }
        self.next();
        let keyed = matches!(self.peek().tok, Tok::Word(_) | Tok::Str(_))
            && self.peek_nth(1).1.tok == Tok::Colon;
        let value = if self.peek().tok == Tok::RParen {
            None
        } else if keyed {
            Some(Node::Object(self.object_entries(&Tok::RParen, 1)?))
        } else {
            Some(self.node(1)?)
        };
        self.expect(
            &Tok::RParen,
            &format!("to close the value of trait `{}`", id.id),
        )?;
        Ok(Trait { id, value })
    }

    /// A node object key: an identifier or a quoted string.
    fn object_key(&mut self, what: &str) -> PResult<(String, Pos)> {
        match &self.peek().tok {
            Tok::Str(s) => {
                let s = s.clone();
                Ok((s, self.next().pos))
            }
            Tok::Word(word) if !is_identifier(word) => Err(Stop {
                pos: self.peek().pos,
                message: format!(
                    "`{word}` cannot be a key: an unquoted key is an identifier (quote any other)"
                ),
            }),
            Tok::Word(_) => self.word(what),
            _ => Err(self.unexpected(what)),
        }
    }

    /// `key: value` pairs up to (not including) `close`, keys unique.
    fn object_entries(&mut self, close: &Tok, depth: usize) -> PResult<Vec<(String, Node)>> {
        Ok(self
            .object_entries_at(close, depth)?
            .into_iter()
            .map(|(key, _, value)| (key, value))
            .collect())
    }

    /// `key: value` pairs up to (not including) `close`, keys unique, with each key's place.
    fn object_entries_at(
        &mut self,
        close: &Tok,
        depth: usize,
    ) -> PResult<Vec<(String, Pos, Node)>> {
        let mut entries: Vec<(String, Pos, Node)> = Vec::new();
        while self.peek().tok != *close {
            let what = format!("an object key or {}", close.describe());
            let (key, pos) = self.object_key(&what)?;
            self.expect(&Tok::Colon, &format!("after object key `{key}`"))?;
            let value = self.node(depth + 1)?;
            if entries.iter().any(|(k, _, _)| *k == key) {
                return Err(Stop {
                    pos,
                    message: format!("object key `{key}` appears twice"),
                });
            }
            entries.push((key, pos, value));
        }
        Ok(entries)
    }

    /// A node value.
    fn node(&mut self, depth: usize) -> PResult<Node> {
        if depth > MAX_NODE_DEPTH {
            return Err(Stop {
                pos: self.peek().pos,
                message: format!("node values nest more than {MAX_NODE_DEPTH} deep"),
            });
        }
        let token = self.peek().clone();
        match token.tok {
            Tok::LBracket => {
                self.next();
                let mut items = Vec::new();
                while self.peek().tok != Tok::RBracket {
                    if self.peek().tok == Tok::Eof {
                        return Err(self.unexpected("`]` to close the array"));
                    }
                    items.push(self.node(depth + 1)?);
                }
                self.next();
                Ok(Node::Array(items))
            }
            Tok::LBrace => {
                self.next();
                let entries = self.object_entries(&Tok::RBrace, depth)?;
                self.next();
                Ok(Node::Object(entries))
            }
            Tok::Number(n) => {
                self.next();
                Ok(Node::Number(n))
            }
            Tok::BigNumber(text) => {
                self.next();
                Ok(Node::BigNumber(text))
            }
            Tok::Str(s) | Tok::TextBlock(s) => {
                self.next();
                Ok(Node::String(s))
            }
            Tok::Word(w) => {
                self.next();
                match w.as_str() {
                    "true" => Ok(Node::Bool(true)),
                    "false" => Ok(Node::Bool(false)),
                    "null" => Ok(Node::Null),
                    _ if is_shape_id(&w) => Ok(Node::ShapeId(Ref {
                        id: w,
                        pos: token.pos,
                    })),
                    _ => Err(Stop {
                        pos: token.pos,
                        message: format!(
                            "`{w}` is not a shape id; quote it if it is meant as a string"
                        ),
                    }),
                }
            }
            _ => Err(self.unexpected("a value")),
        }
    }

    /// The members of a list, set, map, structure or union: `{ ... }`.
    fn members(&mut self, kind: &str, shape: &str) -> PResult<Vec<Member>> {
        self.expect(&Tok::LBrace, &format!("to open the {kind}'s members"))?;
        let mut members: Vec<Member> = Vec::new();
        loop {
            let docs = self.take_docs();
            let traits = self.traits()?;
            let (index, token) = self.peek_nth(0);
            let token = token.clone();
            let (name, pos, target) = match &token.tok {
                Tok::RBrace if traits.is_empty() => {
                    self.next();
                    return Ok(members);
                }
                Tok::Dollar => {
                    self.next();
                    let (name, pos) = self.identifier("member name after `$`")?;
                    (name, pos, None)
                }
                Tok::Word(_) if !self.starts_statement(index, true) => {
                    let (name, pos) = self.identifier("member name")?;
                    if self.peek().tok != Tok::Colon {
                        return Err(self.unexpected(&format!(
                            "`:` and a target after member `{name}` (or `$` before it to take the target from a mixin or resource)"
                        )));
                    }
                    self.next();
                    let target = self.shape_id(&format!("the target of member `{name}`"))?;
                    (name, pos, Some(target))
                }
                _ if !traits.is_empty() => {
                    return Err(self.unexpected("a member after its traits"));
                }
                _ => {
                    return Err(self.unexpected(&format!("`}}` to close the {kind}")));
                }
            };
            let value = if self.peek().tok == Tok::Equals {
                self.same_line(&format!("`=` after member `{name}`"))?;
                let equals = self.next();
                self.same_line(&format!("the default value of member `{name}`"))?;
                let value = self.node(0)?;
                self.line_break(&format!("the default value of member `{name}`"));
                self.v2_only(equals.pos, "default values (`= value`)");
                // `= value` is `@default(value)` on any member; where the trait may not
                // be (a union's, list's or map's member) is check's to report, by its
                // selector, as Smithy does.
                Some(value)
            } else {
                None
            };
            if members.iter().any(|m| m.name == name) {
                self.report_shape(pos, shape, format!("member `{name}` is defined twice"));
                continue;
            }
            members.push(Member {
                name,
                pos,
                target,
                docs,
                traits,
                value,
            });
        }
    }

    /// Reports list, set and map members with the wrong names, and the members a list, set,
    /// map or enum lacks (which a shape with mixins may inherit instead).
    fn check_collection_members(&mut self, shape: &Shape) {
        let allowed = collection_members(shape.kind);
        let members = match &shape.body {
            Body::Members(members) if !allowed.is_empty() => members.as_slice(),
            _ => &[],
        };
        for member in members {
            if !allowed.contains(&member.name.as_str()) {
                self.report_shape(
                    member.pos,
                    &shape.name,
                    format!(
                        "a {} has no member `{}`, only {}",
                        shape.kind,
                        member.name,
                        members_phrase(allowed)
                    ),
                );
            }
        }
        if let Some(lack) = lacking_members(shape) {
            let article = if shape.kind.starts_with(['e', 'i']) {
                "an"
            } else {
                "a"
            };
            let message = format!("{article} {} needs {lack}", shape.kind);
            self.report_shape(shape.pos, &shape.name, message);
        }
    }

    /// The members of an enum or intEnum: `{ A B = "b" }`.
    fn enum_members(&mut self, kind: &str, shape: &str) -> PResult<Vec<Member>> {
        self.expect(&Tok::LBrace, &format!("to open the {kind}'s members"))?;
        let mut members: Vec<Member> = Vec::new();
        loop {
            let docs = self.take_docs();
            let traits = self.traits()?;
            let (index, token) = self.peek_nth(0);
            if token.tok == Tok::RBrace && traits.is_empty() {
                self.next();
                return Ok(members);
            }
            if !matches!(token.tok, Tok::Word(_)) || self.starts_statement(index, true) {
                return Err(self.unexpected(&format!("an {kind} member name or `}}`")));
            }
            let (name, pos) = self.identifier("enum member name")?;
            let value = if self.peek().tok == Tok::Equals {
                self.same_line(&format!("`=` after member `{name}`"))?;
                self.next();
                self.same_line(&format!("the value of member `{name}`"))?;
                let value = self.node(0)?;
                self.line_break(&format!("the value of member `{name}`"));
                Some(value)
            } else {
                None
            };
            if members.iter().any(|m| m.name == name) {
                self.report_shape(pos, shape, format!("member `{name}` is defined twice"));
                continue;
            }
            members.push(Member {
                name,
                pos,
                target: None,
                docs,
                traits,
                value,
            });
        }
    }

    /// An operation body; inline input and output structures go to `inline`.
    fn operation_body(
        &mut self,
        operation: &str,
        inline: &mut Vec<Shape>,
    ) -> PResult<OperationBody> {
        self.expect(&Tok::LBrace, "to open the operation body")?;
        let mut body = OperationBody::default();
        loop {
            let (key, pos) = match &self.peek().tok {
                Tok::RBrace => {
                    self.next();
                    return Ok(body);
                }
                Tok::Word(_) => self.word("an operation property")?,
                _ => return Err(self.unexpected("`input`, `output`, `errors` or `}`")),
            };
            let already = match key.as_str() {
                "input" => body.input.is_some(),
                "output" => body.output.is_some(),
                "errors" => body.errors.is_some(),
                _ => {
                    return Err(Stop {
                        pos,
                        message: format!(
                            "unknown operation property `{key}`; expected `input`, `output` or `errors`"
                        ),
                    })
                }
            };
            if already {
                return Err(Stop {
                    pos,
                    message: format!("operation property `{key}` is given twice"),
                });
            }
            if key == "errors" {
                self.expect(&Tok::Colon, "after `errors`")?;
                self.expect(&Tok::LBracket, "to open the error list")?;
                let mut errors = Vec::new();
                while self.peek().tok != Tok::RBracket {
                    errors.push(self.shape_id("an error shape id or `]`")?);
                }
                self.next();
                body.errors = Some(errors);
                continue;
            }
            let target = match self.peek().tok {
                Tok::Walrus => {
                    let walrus = self.next();
                    self.v2_only(walrus.pos, "inline operation inputs and outputs (`:=`)");
                    let is_input = key == "input";
                    let suffix = if is_input {
                        &self.input_suffix
                    } else {
                        &self.output_suffix
                    };
                    let name = format!("{operation}{suffix}");
                    let shape = self.inline_structure(name.clone(), pos, is_input)?;
                    inline.push(shape);
                    Ref { id: name, pos }
                }
                Tok::Colon => {
                    self.next();
                    self.shape_id(&format!("the operation {key} shape id"))?
                }
                _ => return Err(self.unexpected(&format!("`:` or `:=` after `{key}`"))),
            };
            if key == "input" {
                body.input = Some(target);
            } else {
                body.output = Some(target);
            }
        }
    }

    /// The structure after `input :=` or `output :=`, with `@input` or `@output` added.
    fn inline_structure(&mut self, name: String, pos: Pos, is_input: bool) -> PResult<Shape> {
        let docs = self.take_docs();
        let mut traits = self.traits()?;
        let for_resource = self.for_resource(false)?;
        let mixins = self.mixins(false)?;
        let members = self.members("structure", &name)?;
        let marker = if is_input { "input" } else { "output" };
        let marked = traits
            .iter()
            .any(|t| t.id.id == marker || t.id.id == format!("smithy.api#{marker}"));
        if !marked {
            traits.push(Trait {
                id: Ref {
                    id: format!("smithy.api#{marker}"),
                    pos,
                },
                value: None,
            });
        }
        Ok(Shape {
            kind: "structure",
            name,
            pos,
            docs,
            traits,
            mixins,
            for_resource,
            body: Body::Members(members),
        })
    }

    /// A service's or resource's `{ ... }` properties, names checked.
    fn properties(&mut self, kind: &str) -> PResult<Vec<(String, Node)>> {
        self.expect(&Tok::LBrace, &format!("to open the {kind} body"))?;
        let entries = self.object_entries_at(&Tok::RBrace, 0)?;
        self.next();
        let allowed = if kind == "service" {
            SERVICE_PROPERTIES
        } else {
            RESOURCE_PROPERTIES
        };
        let mut out = Vec::with_capacity(entries.len());
        for (key, pos, value) in entries {
            if key == "properties" {
                self.v2_only(pos, "resource properties");
            }
            if !allowed.contains(&key.as_str()) {
                self.report(
                    pos,
                    format!(
                        "unknown {kind} property `{key}`; expected one of {}",
                        allowed.join(", ")
                    ),
                );
                continue;
            }
            out.push((key, value));
        }
        Ok(out)
    }
}

/// The JSON AST type a shape keyword makes.
fn shape_kind(keyword: &str) -> Option<&'static str> {
    SHAPE_KEYWORDS
        .iter()
        .find(|(k, _)| *k == keyword)
        .map(|(_, kind)| *kind)
}
