//! Trait ids and the typed lowering of the traits the generator understands.
//!
//! `check` reads every shape's and member's traits once, with the readers here, into a
//! [`TypedTraits`] (reporting each malformed one), and the stages after it read only that.
//! Every other trait is kept in the model and ignored.

use serde_json::Value;

use crate::load::Traits;

/// `smithy.api#required`
pub const REQUIRED: &str = "smithy.api#required";
/// `smithy.api#documentation`
pub const DOCUMENTATION: &str = "smithy.api#documentation";
/// `smithy.api#length`
pub const LENGTH: &str = "smithy.api#length";
/// `smithy.api#range`
pub const RANGE: &str = "smithy.api#range";
/// `smithy.api#pattern`
pub const PATTERN: &str = "smithy.api#pattern";
/// `smithy.api#error`
pub const ERROR: &str = "smithy.api#error";
/// `smithy.api#input`
pub const INPUT: &str = "smithy.api#input";
/// `smithy.api#output`
pub const OUTPUT: &str = "smithy.api#output";
/// `smithy.api#httpError`
pub const HTTP_ERROR: &str = "smithy.api#httpError";
/// `smithy.api#retryable`
pub const RETRYABLE: &str = "smithy.api#retryable";
/// `smithy.api#enumValue`
pub const ENUM_VALUE: &str = "smithy.api#enumValue";
/// `smithy.api#enum` (the Smithy 1.0 way of listing a string's values)
pub const LEGACY_ENUM: &str = "smithy.api#enum";
/// `smithy.api#sensitive`
pub const SENSITIVE: &str = "smithy.api#sensitive";
/// `smithy.api#deprecated`
pub const DEPRECATED: &str = "smithy.api#deprecated";
/// `smithy.api#timestampFormat`
pub const TIMESTAMP_FORMAT: &str = "smithy.api#timestampFormat";
/// `smithy.api#default`
pub const DEFAULT: &str = "smithy.api#default";
/// `smithy.api#clientOptional`
pub const CLIENT_OPTIONAL: &str = "smithy.api#clientOptional";
/// `smithy.api#idempotencyToken`
pub const IDEMPOTENCY_TOKEN: &str = "smithy.api#idempotencyToken";
/// `smithy.api#internal`
pub const INTERNAL: &str = "smithy.api#internal";
/// `smithy.api#sparse`
pub const SPARSE: &str = "smithy.api#sparse";
/// `smithy.api#uniqueItems`
pub const UNIQUE_ITEMS: &str = "smithy.api#uniqueItems";
/// `aws.protocols#awsJson1_0`
pub const AWS_JSON_1_0: &str = "aws.protocols#awsJson1_0";
/// `aws.protocols#awsJson1_1`
pub const AWS_JSON_1_1: &str = "aws.protocols#awsJson1_1";
/// `smithy.protocols#rpcv2Cbor`
pub const RPC_V2_CBOR: &str = "smithy.protocols#rpcv2Cbor";

/// Traits that name a wire protocol; a service must use one the generator supports.
pub const OTHER_PROTOCOLS: &[&str] = &[
    "aws.protocols#restJson1",
    "aws.protocols#restXml",
    "aws.protocols#awsQuery",
    "aws.protocols#ec2Query",
];

/// `@length`: bounds on characters, entries or bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Length {
    /// Inclusive lower bound.
    pub min: Option<u64>,
    /// Inclusive upper bound.
    pub max: Option<u64>,
}

/// `@range`: bounds on a number, kept as the model wrote them.
#[derive(Clone, Debug, PartialEq)]
pub struct Range {
    /// Inclusive lower bound.
    pub min: Option<serde_json::Number>,
    /// Inclusive upper bound.
    pub max: Option<serde_json::Number>,
}

impl Range {
    /// The bounds as integers, for an integer shape: a fractional bound is rounded inward
    /// (`min` up, `max` down), which admits exactly the integers the bound admits.
    pub fn integer_bounds(&self) -> (Option<i64>, Option<i64>) {
        let bound = |n: &serde_json::Number, up: bool| {
            n.as_i64().or_else(|| {
                n.as_f64()
                    .map(|f| if up { f.ceil() } else { f.floor() } as i64)
            })
        };
        (
            self.min.as_ref().and_then(|n| bound(n, true)),
            self.max.as_ref().and_then(|n| bound(n, false)),
        )
    }
}

/// Who is at fault for an error (`@error`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fault {
    /// `"client"`
    Client,
    /// `"server"`
    Server,
}

/// A wire protocol a service declares and the generator speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Protocol {
    /// `aws.protocols#awsJson1_0`
    AwsJson1_0,
    /// `aws.protocols#awsJson1_1`
    AwsJson1_1,
    /// `smithy.protocols#rpcv2Cbor`
    RpcV2Cbor,
}

impl Protocol {
    /// The runtime's name for it (a variant of `runtime::wire::Protocol`).
    pub fn variant(self) -> &'static str {
        match self {
            Protocol::AwsJson1_0 => "AwsJson1_0",
            Protocol::AwsJson1_1 => "AwsJson1_1",
            Protocol::RpcV2Cbor => "RpcV2Cbor",
        }
    }
}

/// The traits of one shape or member that the generator understands, read once by `check`
/// (which reports every malformed one, so a checked model's values are all well formed).
/// Flags are `false` and options `None` when the trait is absent.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TypedTraits {
    /// `@documentation`.
    pub documentation: Option<String>,
    /// `@deprecated`.
    pub deprecated: Option<Deprecated>,
    /// `@sensitive`.
    pub sensitive: bool,
    /// `@required`.
    pub required: bool,
    /// `@clientOptional`.
    pub client_optional: bool,
    /// `@idempotencyToken`.
    pub idempotency_token: bool,
    /// `@internal`.
    pub internal: bool,
    /// `@sparse`.
    pub sparse: bool,
    /// `@uniqueItems` (a 1.0 `set` has it too).
    pub unique_items: bool,
    /// `@length`.
    pub length: Option<Length>,
    /// `@range`.
    pub range: Option<Range>,
    /// `@pattern`, with its translation.
    pub pattern: Option<Pattern>,
    /// `@timestampFormat`.
    pub timestamp_format: Option<TimestampFormat>,
    /// `@default`, without `@default(null)` (which says there is none).
    pub default: Option<Value>,
    /// `@error`.
    pub fault: Option<Fault>,
    /// `@httpError`.
    pub http_error: Option<u16>,
    /// `@retryable`.
    pub retryable: bool,
    /// An enum's values: for an `enum` from its members' `@enumValue`s (the member name
    /// when absent), for a string from its 1.0 `@enum`; `None` on every other shape.
    pub enum_values: Option<Vec<EnumValue>>,
    /// An `intEnum`'s values, from its members' `@enumValue`s; empty on every other shape.
    pub int_enum_values: Vec<IntEnumValue>,
    /// A service's protocols the generator speaks, the default first (see [`protocols`]).
    pub protocols: Vec<Protocol>,
}

/// `@deprecated`: its message and the version it dates from, each when given as a string.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Deprecated {
    /// `message`.
    pub message: Option<String>,
    /// `since`.
    pub since: Option<String>,
}

/// `@pattern`: the text as the model wrote it and its translation for the `regex` crate
/// (which `check` has compiled).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    /// ECMA-262 text from the model.
    pub model: String,
    /// Translation for the `regex` crate.
    pub rust: String,
}

/// `@timestampFormat`: the three formats Smithy defines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimestampFormat {
    /// `epoch-seconds`
    EpochSeconds,
    /// `date-time`
    DateTime,
    /// `http-date`
    HttpDate,
}

/// One value of an enum: a string enum's (`EnumValue`, its wire value a `String`) or an
/// intEnum's ([`IntEnumValue`], an `i32`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnumValue<V = String> {
    /// What its Rust variant is named after: the member name, or a 1.0 entry's `name`
    /// (its value when it has none).
    pub name: String,
    /// The wire value.
    pub value: V,
    /// Documentation.
    pub documentation: Option<String>,
    /// `@internal` (or a 1.0 entry tagged `internal`).
    pub internal: bool,
}

/// One value of an integer enum.
pub type IntEnumValue = EnumValue<i32>;

/// Whether a trait is present.
pub fn has(traits: &Traits, id: &str) -> bool {
    traits.contains_key(id)
}

/// The documentation text, if any.
pub fn documentation(traits: &Traits) -> Option<&str> {
    traits.get(DOCUMENTATION).and_then(Value::as_str)
}

/// Lowers `@length`.
pub fn length(traits: &Traits) -> Result<Option<Length>, String> {
    let Some(value) = traits.get(LENGTH) else {
        return Ok(None);
    };
    let bound = |key: &str| -> Result<Option<u64>, String> {
        match value.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v
                .as_u64()
                .map(Some)
                .ok_or_else(|| format!("@length {key} must be a non-negative integer, found {v}")),
        }
    };
    let length = Length {
        min: bound("min")?,
        max: bound("max")?,
    };
    if let (Some(min), Some(max)) = (length.min, length.max) {
        if min > max {
            return Err(format!("@length min {min} is greater than max {max}"));
        }
    }
    Ok(Some(length))
}

/// Lowers `@range`.
pub fn range(traits: &Traits) -> Result<Option<Range>, String> {
    let Some(value) = traits.get(RANGE) else {
        return Ok(None);
    };
    let bound = |key: &str| -> Result<Option<serde_json::Number>, String> {
        match value.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) => Ok(Some(n.clone())),
            Some(v) => Err(format!("@range {key} must be a number, found {v}")),
        }
    };
    let range = Range {
        min: bound("min")?,
        max: bound("max")?,
    };
    if let (Some(min), Some(max)) = (&range.min, &range.max) {
        let (lo, hi) = (
            min.as_f64().unwrap_or(f64::NAN),
            max.as_f64().unwrap_or(f64::NAN),
        );
        if lo > hi {
            return Err(format!("@range min {min} is greater than max {max}"));
        }
    }
    Ok(Some(range))
}

/// Lowers `@pattern` to the pattern text as the model wrote it.
pub fn pattern(traits: &Traits) -> Result<Option<&str>, String> {
    match traits.get(PATTERN) {
        None => Ok(None),
        Some(Value::String(p)) => Ok(Some(p)),
        Some(v) => Err(format!("@pattern must be a string, found {v}")),
    }
}

/// Lowers `@error`.
pub fn error_fault(traits: &Traits) -> Result<Option<Fault>, String> {
    match traits.get(ERROR) {
        None => Ok(None),
        Some(Value::String(s)) if s == "client" => Ok(Some(Fault::Client)),
        Some(Value::String(s)) if s == "server" => Ok(Some(Fault::Server)),
        Some(v) => Err(format!(
            "@error must be \"client\" or \"server\", found {v}"
        )),
    }
}

/// Lowers `@httpError`.
pub fn http_error(traits: &Traits) -> Result<Option<u16>, String> {
    match traits.get(HTTP_ERROR) {
        None => Ok(None),
        Some(v) => v
            .as_u64()
            .and_then(|n| u16::try_from(n).ok())
            .filter(|n| (100..=599).contains(n))
            .map(Some)
            .ok_or_else(|| format!("@httpError must be an HTTP status code, found {v}")),
    }
}

/// Lowers `@timestampFormat`.
pub fn timestamp_format(traits: &Traits) -> Result<Option<TimestampFormat>, String> {
    let Some(value) = traits.get(TIMESTAMP_FORMAT) else {
        return Ok(None);
    };
    match value.as_str() {
        Some("epoch-seconds") => Ok(Some(TimestampFormat::EpochSeconds)),
        Some("date-time") => Ok(Some(TimestampFormat::DateTime)),
        Some("http-date") => Ok(Some(TimestampFormat::HttpDate)),
        _ => Err(format!(
            "@timestampFormat must be `epoch-seconds`, `date-time` or `http-date`, not {value}"
        )),
    }
}

/// Lowers `@deprecated`; a `message` or `since` that is not a string is left out.
pub fn deprecated(traits: &Traits) -> Option<Deprecated> {
    let value = traits.get(DEPRECATED)?;
    let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_owned);
    Some(Deprecated {
        message: text("message"),
        since: text("since"),
    })
}

/// Lowers `@default`; `@default(null)` says there is no default.
pub fn default(traits: &Traits) -> Option<Value> {
    traits.get(DEFAULT).filter(|v| !v.is_null()).cloned()
}

/// Lowers a string's Smithy 1.0 `@enum`: a list of `{value, name?, documentation?, tags?}`.
pub fn legacy_enum(traits: &Traits) -> Result<Option<Vec<EnumValue>>, String> {
    let Some(value) = traits.get(LEGACY_ENUM) else {
        return Ok(None);
    };
    let Some(items) = value.as_array() else {
        return Err("@enum must be a list".to_owned());
    };
    let values = items
        .iter()
        .map(|item| {
            let value = item
                .get("value")
                .and_then(Value::as_str)
                .ok_or("@enum entries need a string `value`")?;
            let name = item.get("name").and_then(Value::as_str).unwrap_or(value);
            let internal = item
                .get("tags")
                .and_then(Value::as_array)
                .is_some_and(|tags| tags.iter().any(|t| t.as_str() == Some("internal")));
            Ok(EnumValue {
                name: name.to_owned(),
                value: value.to_owned(),
                documentation: item
                    .get("documentation")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
                internal,
            })
        })
        .collect::<Result<_, String>>()?;
    Ok(Some(values))
}

/// The protocols a service declares that the generator speaks, the JSON one first (the
/// default); empty for none, an error when it names only protocols the generator does not
/// speak, or both awsJson versions.
pub fn protocols(traits: &Traits) -> Result<Vec<Protocol>, String> {
    // The JSON protocol first: it is the default, as it was before a service added CBOR.
    let spoken: Vec<Protocol> = [
        (AWS_JSON_1_0, Protocol::AwsJson1_0),
        (AWS_JSON_1_1, Protocol::AwsJson1_1),
        (RPC_V2_CBOR, Protocol::RpcV2Cbor),
    ]
    .into_iter()
    .filter(|(id, _)| has(traits, id))
    .map(|(_, protocol)| protocol)
    .collect();
    if spoken.contains(&Protocol::AwsJson1_0) && spoken.contains(&Protocol::AwsJson1_1) {
        return Err("a service cannot speak both awsJson1_0 and awsJson1_1".to_owned());
    }
    if !spoken.is_empty() {
        return Ok(spoken);
    }
    match OTHER_PROTOCOLS.iter().find(|p| has(traits, p)) {
        Some(other) => Err(format!(
            "protocol `{other}` is not supported (only awsJson1_0, awsJson1_1 and rpcv2Cbor are)"
        )),
        None => Ok(Vec::new()),
    }
}

/// The string value of an `enum` member (`@enumValue`, defaulting to the member name).
pub fn enum_string_value(traits: &Traits, member_name: &str) -> Result<String, String> {
    match traits.get(ENUM_VALUE) {
        None => Ok(member_name.to_owned()),
        Some(Value::String(s)) if !s.is_empty() => Ok(s.clone()),
        Some(v) => Err(format!(
            "@enumValue of an enum member must be a non-empty string, found {v}"
        )),
    }
}

/// The integer value of an `intEnum` member.
pub fn enum_int_value(traits: &Traits) -> Result<i32, String> {
    match traits.get(ENUM_VALUE) {
        Some(v) => v
            .as_i64()
            .and_then(|n| i32::try_from(n).ok())
            .ok_or_else(|| {
                format!("@enumValue of an intEnum member must be a 32-bit integer, found {v}")
            }),
        None => Err("an intEnum member needs an integer @enumValue".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn traits(pairs: &[(&str, Value)]) -> Traits {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect()
    }

    #[test]
    fn length_reads_either_bound() {
        let t = traits(&[(LENGTH, json!({"max": 32}))]);
        assert_eq!(
            length(&t),
            Ok(Some(Length {
                min: None,
                max: Some(32)
            }))
        );
    }

    #[test]
    fn length_with_min_above_max_is_rejected() {
        let t = traits(&[(LENGTH, json!({"min": 5, "max": 2}))]);
        assert_eq!(
            length(&t),
            Err("@length min 5 is greater than max 2".to_owned())
        );
    }

    #[test]
    fn range_with_min_above_max_is_rejected() {
        let t = traits(&[(RANGE, json!({"min": 1.5, "max": 1}))]);
        assert!(range(&t).is_err());
    }

    #[test]
    fn protocols_the_generator_does_not_speak_are_named() {
        let t = traits(&[("aws.protocols#restJson1", json!({}))]);
        assert!(protocols(&t).is_err_and(|e| e.contains("restJson1")));
        let t = traits(&[(AWS_JSON_1_0, json!({}))]);
        assert_eq!(protocols(&t), Ok(vec![Protocol::AwsJson1_0]));
        let t = traits(&[(RPC_V2_CBOR, json!({})), (AWS_JSON_1_1, json!({}))]);
        assert_eq!(
            protocols(&t),
            Ok(vec![Protocol::AwsJson1_1, Protocol::RpcV2Cbor])
        );
        let t = traits(&[(AWS_JSON_1_0, json!({})), (AWS_JSON_1_1, json!({}))]);
        assert!(protocols(&t).is_err());
        assert_eq!(protocols(&traits(&[])), Ok(Vec::new()));
    }
}
