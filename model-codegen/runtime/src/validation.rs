//! Constraint violations and their two renderings.
//!
//! Validation never stops at the first problem: every violation is collected, in model member
//! order and then list order, each with its path, its rule and the offending value.

use std::fmt;

/// How many characters of a value a message shows before shortening it with `...`.
pub const MAX_VALUE_CHARS: usize = 128;

/// One step of a path into a value.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PathSegment {
    /// A structure member, by its name on the wire (`TagList`).
    Member(&'static str),
    /// A list element, 0-based.
    Index(usize),
    /// A map entry, by key.
    Key(String),
    /// The key of a map entry itself, when the key breaks its constraints: AWS's path names
    /// it like [`Key`](Self::Key); Smithy's JSON pointer names the map (a key is not a place
    /// in the document).
    MapKey(String),
}

/// A path being walked during validation.
///
/// It lives on the stack and borrows its parent, so validating a valid value allocates
/// nothing; it is turned into owned [`PathSegment`]s only when a violation is recorded.
#[derive(Clone, Copy, Debug)]
pub struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    step: Step<'a>,
}

#[derive(Clone, Copy, Debug)]
enum Step<'a> {
    Root,
    Member(&'static str),
    Index(usize),
    Key(&'a str),
    MapKey(&'a str),
}

impl Path<'static> {
    /// The path of the value being validated itself.
    pub const ROOT: Path<'static> = Path {
        parent: None,
        step: Step::Root,
    };
}

impl<'a> Path<'a> {
    /// The path of member `name` (its wire name) of the value at this path.
    #[inline]
    pub fn member(&'a self, name: &'static str) -> Path<'a> {
        Path {
            parent: Some(self),
            step: Step::Member(name),
        }
    }

    /// The path of element `index` (0-based) of the list at this path.
    #[inline]
    pub fn index(&'a self, index: usize) -> Path<'a> {
        Path {
            parent: Some(self),
            step: Step::Index(index),
        }
    }

    /// The path of the entry `key` of the map at this path.
    #[inline]
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path {
            parent: Some(self),
            step: Step::Key(key),
        }
    }

    /// The path of the key `key` itself of the map at this path (for the key's own checks).
    #[inline]
    pub fn map_key(&'a self, key: &'a str) -> Path<'a> {
        Path {
            parent: Some(self),
            step: Step::MapKey(key),
        }
    }

    /// The owned segments from the root to here.
    pub fn to_segments(&self) -> Vec<PathSegment> {
        let mut segments = Vec::new();
        let mut cursor = Some(self);
        while let Some(path) = cursor {
            match path.step {
                Step::Root => {}
                Step::Member(name) => segments.push(PathSegment::Member(name)),
                Step::Index(i) => segments.push(PathSegment::Index(i)),
                Step::Key(k) => segments.push(PathSegment::Key(k.to_owned())),
                Step::MapKey(k) => segments.push(PathSegment::MapKey(k.to_owned())),
            }
            cursor = path.parent;
        }
        segments.reverse();
        segments
    }
}

/// The rule a value broke.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Constraint {
    /// `@required`: the member is absent or `null`.
    Required,
    /// `@length`: characters of a string, entries of a list or map, bytes of a blob.
    Length {
        /// Inclusive lower bound.
        min: Option<u64>,
        /// Inclusive upper bound.
        max: Option<u64>,
        /// The length the value has.
        actual: u64,
    },
    /// `@pattern`, as the model wrote it.
    Pattern {
        /// The ECMA-262 pattern.
        pattern: &'static str,
    },
    /// `@range`, bounds as the model wrote them.
    Range {
        /// Inclusive lower bound.
        min: Option<String>,
        /// Inclusive upper bound.
        max: Option<String>,
        /// Whether the value is below `min` (else it is above `max`).
        below: bool,
    },
    /// An enum member holds a value the model does not list.
    Enum {
        /// The values the model lists.
        values: &'static [&'static str],
    },
    /// An integer-enum member holds a value the model does not list.
    IntEnum {
        /// The values the model lists.
        values: &'static [i32],
    },
    /// A union has a member the model does not list.
    UnknownUnionMember,
    /// A response's epoch-seconds timestamp that names no instant a `DateTime` holds
    /// (beyond `i64` seconds, finer than a nanosecond, or a string in no timestamp form).
    Timestamp,
    /// `@uniqueItems`: a list holds equal entries.
    UniqueItems {
        /// The 0-based indices of every entry that equals another.
        repeated: Vec<usize>,
    },
}

impl Constraint {
    /// The rule as the AWS service words it (`Member must ...`).
    pub fn aws_rule(&self) -> String {
        let mut out = String::new();
        let _ = self.write_aws_rule(&mut out);
        out
    }

    /// The rule as Smithy's `ValidationException` words it.
    pub fn smithy_rule(&self) -> String {
        let mut out = String::new();
        let _ = self.write_smithy_rule(&mut out);
        out
    }

    fn write_aws_rule(&self, out: &mut impl fmt::Write) -> fmt::Result {
        match self {
            Constraint::Required => out.write_str("Member must not be null"),
            Constraint::Length { min, max, actual } => match (min, max) {
                (Some(min), _) if actual < min => {
                    write!(
                        out,
                        "Member must have length greater than or equal to {min}"
                    )
                }
                (_, Some(max)) => {
                    write!(out, "Member must have length less than or equal to {max}")
                }
                _ => out.write_str("Member must have a valid length"),
            },
            Constraint::Pattern { pattern } => {
                out.write_str("Member must satisfy regular expression pattern: ")?;
                out.write_str(pattern)
            }
            Constraint::Range { min, max, below } => match (min, max, below) {
                (Some(min), _, true) => {
                    write!(out, "Member must have value greater than or equal to {min}")
                }
                (_, Some(max), false) => {
                    write!(out, "Member must have value less than or equal to {max}")
                }
                _ => out.write_str("Member must have a value in range"),
            },
            Constraint::Enum { values } => write_value_set(out, values),
            Constraint::IntEnum { values } => write_value_set(out, values),
            Constraint::UnknownUnionMember => {
                out.write_str("Member must be one of the union's members")
            }
            Constraint::UniqueItems { .. } => out.write_str("Member must have unique values"),
            Constraint::Timestamp => out.write_str(
                "Member must be a timestamp within 64-bit epoch seconds, to the nanosecond",
            ),
        }
    }

    fn write_smithy_rule(&self, out: &mut impl fmt::Write) -> fmt::Result {
        match self {
            Constraint::Length { min, max, .. } => match (min, max) {
                (Some(min), Some(max)) => {
                    write!(
                        out,
                        "Member must have length between {min} and {max}, inclusive"
                    )
                }
                (Some(min), None) => write!(
                    out,
                    "Member must have length greater than or equal to {min}"
                ),
                (None, Some(max)) => {
                    write!(out, "Member must have length less than or equal to {max}")
                }
                (None, None) => out.write_str("Member must have a valid length"),
            },
            Constraint::Range { min, max, .. } => match (min, max) {
                (Some(min), Some(max)) => {
                    write!(out, "Member must be between {min} and {max}, inclusive")
                }
                (Some(min), None) => write!(out, "Member must be greater than or equal to {min}"),
                (None, Some(max)) => write!(out, "Member must be less than or equal to {max}"),
                (None, None) => out.write_str("Member must be in range"),
            },
            other => other.write_aws_rule(out),
        }
    }
}

/// `Member must satisfy enum value set: [A, B]`, as Java prints a set.
fn write_value_set<T: fmt::Display>(out: &mut impl fmt::Write, values: &[T]) -> fmt::Result {
    out.write_str("Member must satisfy enum value set: [")?;
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            out.write_str(", ")?;
        }
        write!(out, "{value}")?;
    }
    out.write_str("]")
}

/// One broken rule: where, which rule, and the value (shortened) that broke it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    path: Vec<PathSegment>,
    constraint: Constraint,
    value: Option<String>,
}

impl Violation {
    /// A violation at `path`. `value` is `None` for a null or absent value; it is shortened to
    /// [`MAX_VALUE_CHARS`] characters.
    pub fn new(path: &Path<'_>, constraint: Constraint, value: Option<&str>) -> Violation {
        Violation {
            path: path.to_segments(),
            constraint,
            value: value.map(shorten),
        }
    }

    /// The path from the input's root to the value.
    pub fn path(&self) -> &[PathSegment] {
        &self.path
    }

    /// The rule that was broken.
    pub fn constraint(&self) -> &Constraint {
        &self.constraint
    }

    /// The offending value as messages show it (`None` for null), at most
    /// [`MAX_VALUE_CHARS`] characters followed by `...` when it was longer.
    pub fn value(&self) -> Option<&str> {
        self.value.as_deref()
    }

    /// The path as AWS services print it: lowerCamel members joined by `.`, list elements as
    /// `1.member` (1-based), map entries by key: `tagList.1.member.key`.
    pub fn aws_path(&self) -> String {
        let mut out = String::new();
        let _ = self.write_aws_path(&mut out);
        out
    }

    fn write_aws_path(&self, out: &mut impl fmt::Write) -> fmt::Result {
        for (i, segment) in self.path.iter().enumerate() {
            if i > 0 {
                out.write_char('.')?;
            }
            match segment {
                PathSegment::Member(name) => {
                    let mut chars = name.chars();
                    if let Some(first) = chars.next() {
                        for lower in first.to_lowercase() {
                            out.write_char(lower)?;
                        }
                        out.write_str(chars.as_str())?;
                    }
                }
                PathSegment::Index(i) => write!(out, "{}.member", i + 1)?,
                PathSegment::Key(key) | PathSegment::MapKey(key) => out.write_str(key)?,
            }
        }
        Ok(())
    }

    /// The path as a JSON pointer (RFC 6901) into the request body: `/TagList/0/Key`.
    pub fn json_pointer(&self) -> String {
        json_pointer(&self.path)
    }

    /// [`json_pointer`](Self::json_pointer), written into `out`.
    pub fn write_json_pointer(&self, out: &mut impl fmt::Write) -> fmt::Result {
        write_json_pointer(out, &self.path)
    }

    /// `Value 'x' at 'backupId' failed to satisfy constraint: Member must ...`.
    pub fn aws_message(&self) -> String {
        let mut out = String::with_capacity(96);
        let _ = self.write_aws_message(&mut out);
        out
    }

    /// Writes [`aws_message`](Self::aws_message) without building intermediate strings.
    pub fn write_aws_message(&self, out: &mut impl fmt::Write) -> fmt::Result {
        match &self.value {
            Some(value) => {
                out.write_str("Value '")?;
                out.write_str(value)?;
                out.write_str("' at '")?;
            }
            None => out.write_str("Value null at '")?,
        }
        self.write_aws_path(out)?;
        out.write_str("' failed to satisfy constraint: ")?;
        self.constraint.write_aws_rule(out)
    }

    /// `Value at '/BackupId' failed to satisfy constraint: Member must ...`, with the length
    /// for length violations, as Smithy's `ValidationException` reports it (the repeated
    /// indices of a `@uniqueItems` violation are in its [`Constraint`], not the message).
    pub fn smithy_message(&self) -> String {
        let mut out = String::with_capacity(96);
        let _ = self.write_smithy_message(&mut out);
        out
    }

    /// Writes [`smithy_message`](Self::smithy_message) without building intermediate strings.
    pub fn write_smithy_message(&self, out: &mut impl fmt::Write) -> fmt::Result {
        match &self.constraint {
            Constraint::Length { actual, .. } => write!(out, "Value with length {actual} at '")?,
            _ => out.write_str("Value at '")?,
        }
        write_json_pointer(out, &self.path)?;
        out.write_str("' failed to satisfy constraint: ")?;
        self.constraint.write_smithy_rule(out)
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_aws_message(f)
    }
}

/// A path as a JSON pointer (RFC 6901): `/TagList/0/Key`.
pub fn json_pointer(path: &[PathSegment]) -> String {
    let mut out = String::new();
    let _ = write_json_pointer(&mut out, path);
    out
}

fn write_json_pointer(out: &mut impl fmt::Write, path: &[PathSegment]) -> fmt::Result {
    for segment in path {
        if let PathSegment::MapKey(_) = segment {
            continue;
        }
        out.write_char('/')?;
        match segment {
            PathSegment::Member(name) => out.write_str(name)?,
            PathSegment::Index(i) => write!(out, "{i}")?,
            PathSegment::Key(key) => {
                for c in key.chars() {
                    match c {
                        '~' => out.write_str("~0")?,
                        '/' => out.write_str("~1")?,
                        c => out.write_char(c)?,
                    }
                }
            }
            PathSegment::MapKey(_) => {}
        }
    }
    Ok(())
}

fn shorten(value: &str) -> String {
    match value.char_indices().nth(MAX_VALUE_CHARS) {
        Some((cut, _)) => format!("{}...", &value[..cut]),
        None => value.to_owned(),
    }
}

/// Every violation found in one value. Its `Display` is the message an AWS service sends in a
/// `ValidationException`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ValidationErrors {
    violations: Vec<Violation>,
}

impl ValidationErrors {
    /// No violations yet. Does not allocate.
    #[inline]
    pub const fn new() -> ValidationErrors {
        ValidationErrors {
            violations: Vec::new(),
        }
    }

    /// Records a violation.
    pub fn push(&mut self, violation: Violation) {
        self.violations.push(violation);
    }

    /// Whether nothing was violated.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.violations.is_empty()
    }

    /// How many violations there are.
    pub fn len(&self) -> usize {
        self.violations.len()
    }

    /// The violations, in model member order then list order.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// Iterates over the violations.
    pub fn iter(&self) -> std::slice::Iter<'_, Violation> {
        self.violations.iter()
    }

    /// `Ok(())` when empty, else `Err(self)`.
    #[inline]
    pub fn into_result(self) -> Result<(), ValidationErrors> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }

    /// The message of Smithy's `ValidationException`: `N validation error(s) detected. ` and
    /// the first violation.
    pub fn smithy_message(&self) -> String {
        let first = self
            .violations
            .first()
            .map(Violation::smithy_message)
            .unwrap_or_default();
        let mut message = String::with_capacity(32 + first.len());
        let _ = write_count_phrase(&mut message, self.len());
        message.push_str(" detected. ");
        message.push_str(&first);
        message
    }

    /// The body of Smithy's `ValidationException`:
    /// `{"message": ..., "fieldList": [{"path": "/TagList/0/Key", "message": ...}]}`.
    pub fn to_smithy_json(&self) -> serde_json::Value {
        let field_list: Vec<serde_json::Value> = self
            .violations
            .iter()
            .map(|v| serde_json::json!({ "path": v.json_pointer(), "message": v.smithy_message() }))
            .collect();
        serde_json::json!({ "message": self.smithy_message(), "fieldList": field_list })
    }
}

impl ValidationErrors {
    /// The members of the `ValidationException` document this crate answers with, for
    /// embedding in a larger JSON object: `"message":"<AWS message>","fieldList":[{"path":
    /// "/TagList/0/Key","message":"<Smithy message>"},...]`. The one writer of that document:
    /// `RequestError::to_http_response` and the command line both use it. Written straight
    /// into `out` (each text escaped as serde_json escapes it), with no serializer between.
    pub fn write_exception_members(&self, out: &mut String) {
        let mut scratch = String::with_capacity(256);
        // Writing into a `String` cannot fail.
        let mut escaped = |out: &mut String, write: &dyn Fn(&mut String) -> fmt::Result| {
            let _ = write(&mut scratch);
            push_json_escaped(out, &scratch);
            scratch.clear();
        };
        out.push_str(r#""message":""#);
        escaped(out, &|s| self.write_message(s));
        out.push_str(r#"","fieldList":["#);
        for (i, violation) in self.violations.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(r#"{"path":""#);
            escaped(out, &|s| violation.write_json_pointer(s));
            out.push_str(r#"","message":""#);
            escaped(out, &|s| violation.write_smithy_message(s));
            out.push_str(r#""}"#);
        }
        out.push(']');
    }
}

/// Appends `text` as the contents of a JSON string, escaped exactly as serde_json escapes
/// it: `"`, `\` and the control characters, the common ones in their short forms, the rest
/// as lowercase `\u00xx`.
fn push_json_escaped(out: &mut String, text: &str) {
    let needs_escape = |b: u8| b < 0x20 || b == b'"' || b == b'\\';
    // No early exit, so the check compiles to a few vector instructions per 16 bytes.
    if !text.bytes().fold(false, |any, b| any | needs_escape(b)) {
        out.push_str(text);
        return;
    }
    let mut run = 0;
    for (i, b) in text.bytes().enumerate() {
        if !needs_escape(b) {
            continue;
        }
        out.push_str(&text[run..i]);
        run = i + 1;
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0C => out.push_str("\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xF)]));
            }
        }
    }
    out.push_str(&text[run..]);
}

/// `1 validation error` or `N validation errors`, as both message formats begin.
fn write_count_phrase(out: &mut impl fmt::Write, n: usize) -> fmt::Result {
    match n {
        1 => out.write_str("1 validation error"),
        n => write!(out, "{n} validation errors"),
    }
}

impl ValidationErrors {
    /// Writes the message `Display` shows (`2 validation errors detected: ...`, AWS's
    /// format) straight into `out`, with no formatter in between.
    pub fn write_message(&self, out: &mut impl fmt::Write) -> fmt::Result {
        write_count_phrase(out, self.len())?;
        out.write_str(" detected: ")?;
        for (i, violation) in self.violations.iter().enumerate() {
            if i > 0 {
                out.write_str("; ")?;
            }
            violation.write_aws_message(out)?;
        }
        Ok(())
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_message(f)
    }
}

impl std::error::Error for ValidationErrors {}

impl<'a> IntoIterator for &'a ValidationErrors {
    type Item = &'a Violation;
    type IntoIter = std::slice::Iter<'a, Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.violations.iter()
    }
}

#[cfg(test)]
mod exception_tests {
    use super::*;

    #[test]
    fn text_is_escaped_as_serde_json_escapes_it() {
        let text: String = (0u8..0x80)
            .map(char::from)
            .chain("é😀\u{2028}".chars())
            .collect();
        let mut ours = String::new();
        push_json_escaped(&mut ours, &text);
        assert_eq!(
            format!("\"{ours}\""),
            serde_json::to_string(&text).unwrap_or_default()
        );
    }

    #[test]
    fn the_exception_members_are_what_serde_json_writes() {
        let mut errors = ValidationErrors::new();
        let root = Path::ROOT;
        let list = root.member("Tag\"List");
        errors.push(Violation::new(
            &list.index(0).member("Key"),
            Constraint::Required,
            None,
        ));
        errors.push(Violation::new(
            &root.member("Name"),
            Constraint::Pattern {
                pattern: "^[a-z]+\\$$",
            },
            Some("tab\t\u{1}\"quote\\"),
        ));
        let mut members = String::new();
        errors.write_exception_members(&mut members);
        let text = |s: String| serde_json::to_string(&s).unwrap_or_default();
        let fields: Vec<String> = errors
            .iter()
            .map(|v| {
                let (path, message) = (text(v.json_pointer()), text(v.smithy_message()));
                format!("{{\"path\":{path},\"message\":{message}}}")
            })
            .collect();
        let expected = format!(
            "{{\"message\":{},\"fieldList\":[{}]}}",
            text(errors.to_string()),
            fields.join(",")
        );
        assert_eq!(format!("{{{members}}}"), expected);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at_tag_key() -> Vec<PathSegment> {
        vec![
            PathSegment::Member("TagList"),
            PathSegment::Index(0),
            PathSegment::Member("Key"),
        ]
    }

    #[test]
    fn paths_build_from_the_stack() {
        let root = Path::ROOT;
        let list = root.member("TagList");
        let entry = list.index(0);
        assert_eq!(entry.member("Key").to_segments(), at_tag_key());
    }

    #[test]
    fn aws_path_is_lower_camel_and_one_based() {
        let root = Path::ROOT;
        let (list, entry);
        list = root.member("TagList");
        entry = list.index(0);
        let v = Violation::new(&entry.member("Key"), Constraint::Required, None);
        assert_eq!(v.aws_path(), "tagList.1.member.key");
        assert_eq!(v.json_pointer(), "/TagList/0/Key");
    }

    #[test]
    fn json_pointer_escapes_map_keys() {
        let root = Path::ROOT;
        let map = root.member("Filters");
        let v = Violation::new(&map.key("a/b~c"), Constraint::Required, None);
        assert_eq!(v.json_pointer(), "/Filters/a~1b~0c");
    }

    #[test]
    fn a_map_key_is_named_by_aws_paths_and_not_by_json_pointers() {
        let root = Path::ROOT;
        let map = root.member("Attributes");
        let v = Violation::new(&map.map_key("Bogus"), Constraint::Required, None);
        assert_eq!(v.aws_path(), "attributes.Bogus");
        assert_eq!(v.json_pointer(), "/Attributes");
    }

    #[test]
    fn long_values_are_shortened_in_messages() {
        let long = "é".repeat(200);
        let v = Violation::new(
            &Path::ROOT.member("Value"),
            Constraint::Required,
            Some(&long),
        );
        assert_eq!(
            v.value().map(|s| s.chars().count()),
            Some(MAX_VALUE_CHARS + 3)
        );
        assert!(v.value().is_some_and(|s| s.ends_with("...")));
    }

    #[test]
    fn aws_rendering_of_two_violations() {
        let root = Path::ROOT;
        let mut errors = ValidationErrors::new();
        errors.push(Violation::new(
            &root.member("BackupId"),
            Constraint::Pattern {
                pattern: "^backup-[2-7a-zA-Z]{11,16}$",
            },
            Some("x"),
        ));
        errors.push(Violation::new(
            &root.member("NeverExpires"),
            Constraint::Required,
            None,
        ));
        assert_eq!(
            errors.to_string(),
            "2 validation errors detected: Value 'x' at 'backupId' failed to satisfy constraint: \
             Member must satisfy regular expression pattern: ^backup-[2-7a-zA-Z]{11,16}$; \
             Value null at 'neverExpires' failed to satisfy constraint: Member must not be null"
        );
    }

    #[test]
    fn smithy_rendering_names_the_length_and_both_bounds() {
        let root = Path::ROOT;
        let mut errors = ValidationErrors::new();
        errors.push(Violation::new(
            &root.member("Key"),
            Constraint::Length {
                min: Some(1),
                max: Some(128),
                actual: 0,
            },
            Some(""),
        ));
        assert_eq!(
            errors.to_smithy_json(),
            serde_json::json!({
                "message": "1 validation error detected. Value with length 0 at '/Key' failed to satisfy constraint: Member must have length between 1 and 128, inclusive",
                "fieldList": [{
                    "path": "/Key",
                    "message": "Value with length 0 at '/Key' failed to satisfy constraint: Member must have length between 1 and 128, inclusive"
                }]
            })
        );
    }

    #[test]
    fn aws_length_rule_names_the_broken_bound() {
        let short = Constraint::Length {
            min: Some(1),
            max: Some(50),
            actual: 0,
        };
        let long = Constraint::Length {
            min: Some(1),
            max: Some(50),
            actual: 51,
        };
        assert_eq!(
            short.aws_rule(),
            "Member must have length greater than or equal to 1"
        );
        assert_eq!(
            long.aws_rule(),
            "Member must have length less than or equal to 50"
        );
    }

    #[test]
    fn enum_rule_lists_values() {
        let c = Constraint::Enum {
            values: &["FIPS", "NON_FIPS"],
        };
        assert_eq!(
            c.aws_rule(),
            "Member must satisfy enum value set: [FIPS, NON_FIPS]"
        );
    }
}
