//! Support for the generated proptest strategies (the `proptest` feature).
//!
//! String shapes are generated from their pattern: the model's anchors are dropped (a match
//! of the pattern is a valid value under search semantics), open repetitions (`*`, `+`,
//! `{n,}`) get an upper bound taken from the shape's `@length`, and the result is filtered on
//! the exact pattern and length, so a "valid" string always validates. Where the two
//! constraints cannot both be met by construction the filter rejects more often; proptest
//! bounds those rejections and fails loudly rather than yielding a wrong value.

use proptest::prelude::*;
use proptest::strategy::Union;
use serde::Serialize;
use serde_json::Value;

use super::date_time::DateTime;
use super::pattern::Pattern;
use super::validation::{Constraint, PathSegment, Violation};

/// How a strategy generates values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mode {
    /// Also generate what outputs may hold but inputs may not: unknown enum values.
    pub lenient: bool,
    /// Always set optional members and make lists non-empty (the base of invalid cases,
    /// so every constrained place exists).
    pub full: bool,
    /// How many recursive steps deep the value being generated is (see [`MAX_DEPTH`]).
    pub depth: u8,
}

/// How deep recursive shapes nest in generated values: past it, optional recursive members
/// are left out, recursive lists and maps are empty, and unions pick other members.
pub const MAX_DEPTH: u8 = 3;

impl Mode {
    /// Values that pass validation.
    pub const VALID: Mode = Mode {
        lenient: false,
        full: false,
        depth: 0,
    };
    /// Values an output may hold: valid ones plus unknown enum values.
    pub const LENIENT: Mode = Mode {
        lenient: true,
        full: false,
        depth: 0,
    };
    /// Valid values with every optional member set.
    pub const FULL: Mode = Mode {
        lenient: false,
        full: true,
        depth: 0,
    };

    /// The mode one recursive step deeper. Full mode stops at the first step, so the bases
    /// of invalid cases stay finite.
    pub const fn deeper(self) -> Mode {
        Mode {
            depth: self.depth.saturating_add(1),
            full: false,
            lenient: self.lenient,
        }
    }

    /// Whether recursion must stop here.
    pub const fn at_limit(self) -> bool {
        self.depth >= MAX_DEPTH
    }
}

/// How far open repetitions may go when a shape has no `@length` maximum.
const DEFAULT_REPEAT: u64 = 16;

/// Rewrites a `regex` pattern for proptest's generator: drops the outer anchors and bounds
/// every open repetition by `bound`.
pub fn generator_regex(regex: &str, bound: u64) -> String {
    let trimmed = regex.strip_prefix('^').unwrap_or(regex);
    let trimmed = match trimmed.strip_suffix('$') {
        Some(rest) if !rest.ends_with('\\') => rest,
        _ => trimmed,
    };
    let chars: Vec<char> = trimmed.chars().collect();
    let mut out = String::with_capacity(trimmed.len() + 16);
    let mut class_depth = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => {
                out.push(c);
                if let Some(&next) = chars.get(i + 1) {
                    out.push(next);
                    i += 1;
                }
            }
            '[' => {
                class_depth += 1;
                out.push(c);
            }
            ']' if class_depth > 0 => {
                class_depth -= 1;
                out.push(c);
            }
            '*' if class_depth == 0 => out.push_str(&format!("{{0,{bound}}}")),
            '+' if class_depth == 0 => out.push_str(&format!("{{1,{bound}}}")),
            '{' if class_depth == 0 => {
                let close = chars[i..].iter().position(|&c| c == '}').map(|p| i + p);
                let body: Option<String> = close.map(|end| chars[i + 1..end].iter().collect());
                match (close, body) {
                    (Some(end), Some(body)) if body.ends_with(',') => {
                        let low: u64 = body.trim_end_matches(',').parse().unwrap_or(0);
                        out.push_str(&format!("{{{low},{}}}", low + bound));
                        i = end;
                    }
                    _ => out.push(c),
                }
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

fn open_repeats(regex: &str) -> u64 {
    let mut count = 0;
    let mut escaped = false;
    let mut depth = 0usize;
    for c in regex.chars() {
        match (escaped, c) {
            (true, _) => escaped = false,
            (false, '\\') => escaped = true,
            (false, '[') => depth += 1,
            (false, ']') if depth > 0 => depth -= 1,
            (false, '*' | '+') if depth == 0 => count += 1,
            _ => {}
        }
    }
    count.max(1)
}

fn length_of(value: &str) -> u64 {
    value.chars().count() as u64
}

fn within(len: u64, min: Option<u64>, max: Option<u64>) -> bool {
    min.is_none_or(|m| len >= m) && max.is_none_or(|m| len <= m)
}

/// Strings of `min..=max` characters drawn from `regex` with open repetitions bounded.
fn from_regex(regex: &str, bound: u64) -> BoxedStrategy<String> {
    let generate =
        |source: &str| proptest::string::string_regex(&generator_regex(source, bound)).ok();
    match generate(regex).or_else(|| generate(&without_lookaround(regex))) {
        Some(strategy) => strategy.boxed(),
        // A pattern proptest cannot generate from (assertions such as \b, backreferences):
        // fall back to arbitrary text, which the caller's filter then narrows down.
        None => any::<String>().boxed(),
    }
}

/// `regex` (in the `regex` crate's syntax) without its lookaround groups, which proptest
/// cannot generate from: what it draws then matches the rest of the pattern, and the
/// caller's filter applies the lookaround. Every value the whole pattern matches, this one
/// matches too.
pub fn without_lookaround(regex: &str) -> String {
    let chars: Vec<char> = regex.chars().collect();
    let mut out = String::with_capacity(regex.len());
    let mut i = 0;
    while i < chars.len() {
        let rest = &chars[i..];
        let lookaround = [
            &['(', '?', '='][..],
            &['(', '?', '!'],
            &['(', '?', '<', '='],
            &['(', '?', '<', '!'],
        ]
        .iter()
        .any(|prefix| rest.starts_with(prefix));
        if lookaround {
            i += group_len(rest);
            continue;
        }
        if chars[i] == '\\' {
            out.extend(rest.iter().take(2));
            i += 2;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// The length of the group `chars` opens, to its matching `)` (or the end).
fn group_len(chars: &[char]) -> usize {
    let mut depth = 0usize;
    let mut class_depth = 0usize;
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 1,
            '[' => class_depth += 1,
            ']' if class_depth > 0 => class_depth -= 1,
            '(' if class_depth == 0 => depth += 1,
            ')' if class_depth == 0 => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    chars.len()
}

/// Valid strings: match `pattern` (if any) and have a length within `min..=max`.
pub fn string(
    pattern: Option<&'static Pattern>,
    min: Option<u64>,
    max: Option<u64>,
) -> BoxedStrategy<String> {
    let bound = match (pattern, max) {
        (Some(p), Some(max)) => max.div_ceil(open_repeats(p.regex_source())).max(1),
        (None, Some(max)) => max,
        (_, None) => DEFAULT_REPEAT + min.unwrap_or(0),
    };
    let source = match pattern {
        Some(p) => from_regex(p.regex_source(), bound),
        None => {
            let low = min.unwrap_or(0);
            let high = max.unwrap_or(low + DEFAULT_REPEAT);
            from_regex(&format!("(?s:.){{{low},{high}}}"), bound)
        }
    };
    source
        .prop_filter("string must satisfy its pattern and length", move |s| {
            within(length_of(s), min, max) && pattern.is_none_or(|p| p.is_match(s))
        })
        .boxed()
}

/// Strings that match `pattern` but are shorter than `min`.
pub fn string_too_short(pattern: Option<&'static Pattern>, min: u64) -> BoxedStrategy<String> {
    let high = min.saturating_sub(1);
    let source = match pattern {
        Some(p) => from_regex(p.regex_source(), high.max(1)),
        None => from_regex(&format!("(?s:.){{0,{high}}}"), high.max(1)),
    };
    source
        .prop_filter("string must match its pattern and be too short", move |s| {
            length_of(s) < min && pattern.is_none_or(|p| p.is_match(s))
        })
        .boxed()
}

/// Strings that match `pattern` but are longer than `max`.
pub fn string_too_long(pattern: Option<&'static Pattern>, max: u64) -> BoxedStrategy<String> {
    let source = match pattern {
        Some(p) => from_regex(p.regex_source(), 2 * max + 2),
        None => from_regex(
            &format!("(?s:.){{{},{}}}", max + 1, 2 * max + 2),
            2 * max + 2,
        ),
    };
    source
        .prop_filter("string must match its pattern and be too long", move |s| {
            length_of(s) > max && pattern.is_none_or(|p| p.is_match(s))
        })
        .boxed()
}

/// Strings of a valid length that do not match `pattern`.
pub fn string_not_matching(
    pattern: &'static Pattern,
    min: Option<u64>,
    max: Option<u64>,
) -> BoxedStrategy<String> {
    let low = min.unwrap_or(0);
    let high = max.unwrap_or(low + DEFAULT_REPEAT);
    from_regex(&format!("(?s:.){{{low},{high}}}"), high)
        .prop_filter(
            "string must have a valid length and not match its pattern",
            move |s| within(length_of(s), min, max) && !pattern.is_match(s),
        )
        .boxed()
}

/// One of `values`, or (when lenient) sometimes a value the model does not list.
pub fn enum_value(values: &'static [&'static str], lenient: bool) -> BoxedStrategy<String> {
    let known = proptest::sample::select(values).prop_map(str::to_owned);
    if lenient {
        prop_oneof![3 => known, 1 => unknown_enum_value(values)].boxed()
    } else {
        known.boxed()
    }
}

/// A value the model does not list.
pub fn unknown_enum_value(values: &'static [&'static str]) -> BoxedStrategy<String> {
    "[A-Za-z0-9_]{1,24}"
        .prop_filter("value must not be a known one", move |s| {
            !values.contains(&s.as_str())
        })
        .boxed()
}

/// A value the model does not list that matches `pattern` (if any) and has a length within
/// `min..=max`: an unknown value that breaks no constraint but the enum's.
pub fn unknown_enum_value_within(
    values: &'static [&'static str],
    pattern: Option<&'static Pattern>,
    min: Option<u64>,
    max: Option<u64>,
) -> BoxedStrategy<String> {
    string(pattern, min, max)
        .prop_filter("value must not be a known one", move |s| {
            !values.contains(&s.as_str())
        })
        .boxed()
}

/// Blobs of `min..=max` bytes.
pub fn blob(min: Option<u64>, max: Option<u64>) -> BoxedStrategy<super::values::Blob> {
    let low = to_usize(min.unwrap_or(0));
    let high = to_usize(max.unwrap_or(min.unwrap_or(0) + 32)).max(low);
    proptest::collection::vec(any::<u8>(), low..=high)
        .prop_map(super::values::Blob::new)
        .boxed()
}

/// Big numbers: integers and decimals beyond 64 bits, as exact text.
pub fn big_number() -> BoxedStrategy<super::values::BigNumber> {
    "-?(0|[1-9][0-9]{0,40})(\\.[0-9]{1,20})?"
        .prop_filter_map("a JSON number", |text| {
            super::values::BigNumber::parse(&text).ok()
        })
        .boxed()
}

/// Numbers within a `@range` on a `bigInteger` or `bigDecimal`: the bounds themselves and
/// integers strictly between them (within ±10^15), each checked exactly against the bounds.
pub fn big_number_in(
    min: Option<&'static str>,
    max: Option<&'static str>,
) -> BoxedStrategy<super::values::BigNumber> {
    use super::values::BigNumber;
    use std::cmp::Ordering;
    const WINDOW: f64 = 1e15;
    let near = |text: &str| {
        text.parse::<f64>()
            .ok()
            .map(|f| f.clamp(-WINDOW, WINDOW) as i64)
    };
    // One step inside each bound, so float rounding of the bound cannot step outside it.
    let low = min
        .and_then(near)
        .map_or(-(WINDOW as i64), |v| v.saturating_add(1));
    let high = max
        .and_then(near)
        .map_or(WINDOW as i64, |v| v.saturating_sub(1));
    let inside = move |text: &str| {
        min.is_none_or(|m| BigNumber::compare(text, m) != Some(Ordering::Less))
            && max.is_none_or(|m| BigNumber::compare(text, m) != Some(Ordering::Greater))
    };
    let mut options: Vec<BoxedStrategy<String>> = [min, max]
        .into_iter()
        .flatten()
        .map(|bound| Just(bound.to_owned()).boxed())
        .collect();
    if low <= high {
        options.push((low..=high).prop_map(|v| v.to_string()).boxed());
    }
    if options.is_empty() {
        options.push(Just("0".to_owned()).boxed());
    }
    one_of(options)
        .prop_filter_map("a number within the range", move |text| {
            inside(&text)
                .then(|| BigNumber::parse(&text).ok())
                .flatten()
        })
        .boxed()
}

/// Small JSON documents. Never `null` at the top: a member holding `null` is an absent
/// member on the wire, so it would not read back as itself.
pub fn document() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i32>().prop_map(Value::from),
        "[a-z ]{0,8}".prop_map(Value::from),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            proptest::collection::btree_map("[a-z]{1,4}", inner, 0..3)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
    .prop_filter("a document member is never null", |v| !v.is_null())
    .boxed()
}

/// One of an integer enum's `values`, or (when lenient) sometimes another value.
pub fn int_enum_value(values: &'static [i32], lenient: bool) -> BoxedStrategy<i32> {
    let known = proptest::sample::select(values);
    if lenient {
        prop_oneof![3 => known, 1 => any::<i32>()].boxed()
    } else {
        known.boxed()
    }
}

/// Any instant both protocols carry exactly: every `i64` second, and instants within
/// ±10^12 s to the millisecond (RPC v2 CBOR's resolution: such a number, as the nearest
/// `f64`, still reads back as its own decimal).
pub fn date_time() -> BoxedStrategy<DateTime> {
    prop_oneof![
        any::<i64>().prop_map(DateTime::from_secs),
        millisecond_instant(-999_999_999_999..=999_999_999_999),
    ]
    .boxed()
}

/// An instant with whole milliseconds, its seconds in `secs`.
fn millisecond_instant(secs: std::ops::RangeInclusive<i64>) -> BoxedStrategy<DateTime> {
    (secs, 0u32..1000)
        .prop_filter_map("milliseconds are below one second", |(secs, millis)| {
            DateTime::from_secs_and_nanos(secs, millis * 1_000_000).ok()
        })
        .boxed()
}

/// Any instant, in a response's timestamp position (never a kept unreadable value, which
/// `validate()` would reject).
pub fn lenient_date_time() -> BoxedStrategy<super::LenientDateTime> {
    date_time()
        .prop_map(super::LenientDateTime::Instant)
        .boxed()
}

/// Any instant a text format can write: years `0000..=9999`, to the millisecond (what
/// RPC v2 CBOR, which carries every timestamp as epoch seconds, keeps).
fn four_digit_year_instant() -> BoxedStrategy<DateTime> {
    // 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z.
    millisecond_instant(-62_167_219_200..=253_402_300_799)
}

/// Any instant `@timestampFormat("date-time")` can carry.
pub fn rfc3339_date_time() -> BoxedStrategy<super::Rfc3339DateTime> {
    four_digit_year_instant()
        .prop_map(super::Rfc3339DateTime)
        .boxed()
}

/// Any instant a response's `date-time` can carry.
pub fn lenient_rfc3339_date_time() -> BoxedStrategy<super::LenientRfc3339DateTime> {
    four_digit_year_instant()
        .prop_map(super::LenientRfc3339DateTime)
        .boxed()
}

/// Any instant `@timestampFormat("http-date")` can carry.
pub fn http_date() -> BoxedStrategy<super::HttpDate> {
    four_digit_year_instant().prop_map(super::HttpDate).boxed()
}

/// `Some` always in full mode, else sometimes.
pub fn optional<T: std::fmt::Debug + Clone + 'static>(
    strategy: BoxedStrategy<T>,
    mode: Mode,
) -> BoxedStrategy<Option<T>> {
    if mode.full {
        strategy.prop_map(Some).boxed()
    } else {
        proptest::option::of(strategy).boxed()
    }
}

/// Lists whose entries are pairwise different (by their JSON form), for `@uniqueItems`.
pub fn unique_list<T: std::fmt::Debug + Clone + Serialize + 'static>(
    lists: BoxedStrategy<Vec<T>>,
) -> BoxedStrategy<Vec<T>> {
    lists
        .prop_filter("entries must be unique", |items| {
            let mut seen = std::collections::HashSet::new();
            items
                .iter()
                .all(|item| seen.insert(serde_json::to_string(item).unwrap_or_default()))
        })
        .boxed()
}

/// Lists of `min..=max` entries (non-empty in full mode).
pub fn list<T: std::fmt::Debug + Clone + 'static>(
    element: BoxedStrategy<T>,
    min: Option<u64>,
    max: Option<u64>,
    mode: Mode,
) -> BoxedStrategy<Vec<T>> {
    let low = min.unwrap_or(0);
    let low = if mode.full { low.max(1) } else { low };
    let high = max.unwrap_or(low + 4).max(low);
    proptest::collection::vec(element, to_usize(low)..=to_usize(high)).boxed()
}

fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// The kind of rule an invalid value breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViolationKind {
    /// A required member is missing.
    Required,
    /// Shorter than `@length` allows.
    TooShort,
    /// Longer than `@length` allows.
    TooLong,
    /// Does not match `@pattern`.
    Pattern,
    /// Not one of the enum's values.
    Enum,
}

/// The one violation an invalid body was made to have.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpectedViolation {
    /// Where, from the body's root.
    pub path: Vec<PathSegment>,
    /// Which rule.
    pub kind: ViolationKind,
}

impl ExpectedViolation {
    /// The path as a JSON pointer into the body: `/TagList/0/Key`.
    pub fn json_pointer(&self) -> String {
        super::validation::json_pointer(&self.path)
    }

    /// Whether `violation` is this one.
    pub fn matches(&self, violation: &Violation) -> bool {
        let kind = match violation.constraint() {
            Constraint::Required => ViolationKind::Required,
            Constraint::Length { min, actual, .. } if min.is_some_and(|m| *actual < m) => {
                ViolationKind::TooShort
            }
            Constraint::Length { .. } => ViolationKind::TooLong,
            Constraint::Pattern { .. } => ViolationKind::Pattern,
            Constraint::Enum { .. } => ViolationKind::Enum,
            _ => return false,
        };
        kind == self.kind && violation.path() == self.path.as_slice()
    }
}

/// A generated value as JSON text.
pub fn to_json_string<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// A generated value as JSON.
pub fn to_value<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// Replaces (or, with `None`, removes) the member at `path` in a valid body, making the
/// body that breaks exactly `expected`.
pub fn mutate(
    mut body: Value,
    path: &[PathSegment],
    replacement: Option<Value>,
    kind: ViolationKind,
) -> (Value, ExpectedViolation) {
    set_at(&mut body, path, replacement);
    (
        body,
        ExpectedViolation {
            path: path.to_vec(),
            kind,
        },
    )
}

fn set_at(value: &mut Value, path: &[PathSegment], replacement: Option<Value>) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut cursor = value;
    for segment in parents {
        let next = match (segment, cursor) {
            (PathSegment::Member(name), Value::Object(map)) => map.get_mut(*name),
            (PathSegment::Index(i), Value::Array(items)) => items.get_mut(*i),
            (PathSegment::Key(k), Value::Object(map)) => map.get_mut(k.as_str()),
            _ => None,
        };
        match next {
            Some(next) => cursor = next,
            None => return,
        }
    }
    match (last, cursor, replacement) {
        (PathSegment::Member(name), Value::Object(map), Some(v)) => {
            map.insert((*name).to_owned(), v);
        }
        (PathSegment::Member(name), Value::Object(map), None) => {
            map.remove(*name);
        }
        (PathSegment::Index(i), Value::Array(items), Some(v)) if *i < items.len() => items[*i] = v,
        (PathSegment::Key(k), Value::Object(map), Some(v)) => {
            map.insert(k.clone(), v);
        }
        _ => {}
    }
}

/// One of several boxed strategies, uniformly.
pub fn one_of<T: std::fmt::Debug + 'static>(
    options: impl IntoIterator<Item = BoxedStrategy<T>>,
) -> BoxedStrategy<T> {
    Union::new(options).boxed()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookaround_is_left_out_of_what_strings_are_drawn_from() {
        assert_eq!(
            without_lookaround(r"^(?=.*[a-z(])[a-z0-9]+(?<!\.)$"),
            "^[a-z0-9]+$"
        );
        assert_eq!(without_lookaround(r"^(?!aws:(x|y))\(a\)$"), r"^\(a\)$");
    }

    #[test]
    fn generator_regex_drops_anchors_and_bounds_repeats() {
        assert_eq!(generator_regex(r"^([\p{L}*]*)$", 128), r"([\p{L}*]{0,128})");
        assert_eq!(generator_regex(r"^a+b{2,}c\*$", 5), r"a{1,5}b{2,7}c\*");
        assert_eq!(generator_regex(r"x\$", 5), r"x\$");
    }
}
