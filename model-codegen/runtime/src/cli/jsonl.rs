//! `--jsonl`: one record a line in, one document a line out.
//!
//! A record is read one of two ways, which print the same document for the same line:
//! `validate` of a record in the common shape (`operation` before an object `body`) reads the
//! body as the operation's input while it reads the record ([`validate_in_one_pass`]); every
//! other record, malformed ones included, is read whole first and its body then
//! ([`general`]).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{BufRead, Write};

use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;

use super::documents::{self, Answer, Body};
use super::{print_line, Command, Failure};
use crate::wire::{Protocol, Service};
use crate::{Blob, ValidationErrors};

/// Answers every record on `input`, a line each; whether every answer was valid or ok.
pub(crate) fn run<S: Service>(
    command: Command,
    default_operation: Option<&str>,
    protocol: Protocol,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> Result<bool, Failure> {
    let mut all_ok = true;
    // Lines are read as bytes: serde_json checks the UTF-8 of what it parses, so checking
    // the whole line first would only do that work twice.
    let mut line = Vec::new();
    loop {
        line.clear();
        let read = input
            .read_until(b'\n', &mut line)
            .map_err(|e| Failure::Io(format!("cannot read stdin: {e}")))?;
        if read == 0 {
            break;
        }
        let record = line.trim_ascii();
        if record.is_empty() {
            continue;
        }
        let one_pass = (command == Command::Validate && protocol != Protocol::RpcV2Cbor)
            .then(|| validate_in_one_pass::<S>(record))
            .flatten();
        let (document, ok) = match one_pass {
            Some(answer) => answer?,
            None => {
                let (document, ok) = general::<S>(command, record, default_operation, protocol)?;
                (Cow::Owned(document), ok)
            }
        };
        all_ok &= ok;
        print_line(out, &document)?;
    }
    Ok(all_ok)
}

/// One record, as the general reading takes it.
#[derive(Deserialize)]
struct Record<'a> {
    operation: Option<String>,
    #[serde(borrow)]
    body: Option<&'a RawValue>,
    status: Option<u16>,
    #[serde(default)]
    headers: BTreeMap<String, String>,
}

/// A record's body: a JSON string is the body text; any other JSON value is the body itself.
fn record_body(body: Option<&RawValue>) -> Cow<'_, str> {
    let Some(raw) = body else {
        return Cow::Borrowed("{}");
    };
    if raw.get().starts_with('"') {
        if let Ok(text) = serde_json::from_str::<String>(raw.get()) {
            return Cow::Owned(text);
        }
    }
    Cow::Borrowed(raw.get())
}

/// A record's binary body: `{"base64":"..."}` (absent: empty).
fn binary_body(body: Option<&RawValue>) -> Result<Vec<u8>, String> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Base64<'a> {
        #[serde(borrow)]
        base64: Cow<'a, str>,
    }
    let Some(raw) = body else {
        return Ok(Vec::new());
    };
    let wrapped: Base64<'_> = serde_json::from_str(raw.get())
        .map_err(|_| "a CBOR body is given as {\"base64\":\"...\"}".to_owned())?;
    Blob::from_base64(&wrapped.base64)
        .map(Blob::into_inner)
        .map_err(|e| format!("the body's base64: {e}"))
}

/// The general reading: the record whole, then its body.
pub(super) fn general<S: Service>(
    command: Command,
    line: &[u8],
    default_operation: Option<&str>,
    protocol: Protocol,
) -> Answer {
    let reject = |error: &str, message: String| {
        let document = match command {
            Command::ParseResponse => documents::record_rejection(error, message),
            _ => documents::rejection(error, message),
        };
        Ok((document?, false))
    };
    // Checked once here; the record and its body are then parsed as `str`, which serde_json
    // does not check again.
    let line = match std::str::from_utf8(line) {
        Ok(line) => line,
        Err(e) => {
            let message = format!("the line is not UTF-8: {e}");
            return reject("SerializationException", message);
        }
    };
    let record: Record<'_> = match serde_json::from_str(line) {
        Ok(record) => record,
        Err(e) => {
            let message = format!("the line is not a JSON record: {e}");
            return reject("SerializationException", message);
        }
    };
    let Some(operation) = record.operation.as_deref().or(default_operation) else {
        let message = "the record names no operation".to_owned();
        return reject("UnknownOperationException", message);
    };
    let body = record_body(record.body);
    // A CBOR body comes as {"base64": "..."}; the input of `request` is JSON either way.
    let binary = match (protocol, command) {
        (Protocol::RpcV2Cbor, Command::Validate | Command::ParseResponse) => {
            match binary_body(record.body) {
                Ok(bytes) => Some(bytes),
                Err(message) => return reject("SerializationException", message),
            }
        }
        _ => None,
    };
    match command {
        Command::Request => documents::request::<S>(operation, body.as_bytes(), protocol),
        Command::ParseResponse => {
            let Some(status) = record.status else {
                let message = "the record has no status".to_owned();
                return reject("SerializationException", message);
            };
            let headers: Vec<(String, String)> = record.headers.into_iter().collect();
            let bytes = binary.as_deref().unwrap_or(body.as_bytes());
            documents::parse_response::<S>(operation, protocol, status, &headers, bytes)
        }
        Command::Validate | Command::Sample => match &binary {
            Some(bytes) => documents::validate::<S>(operation, Body::Bytes(protocol, bytes)),
            None => documents::validate::<S>(operation, Body::JsonText(&body)),
        },
    }
}

/// `validate` of a record in the common shape (`operation` before an object `body`) in one
/// pass: the body is read as the operation's input while the record is read, instead of
/// being found first and parsed again. Anything else, malformed records included, is `None`,
/// and [`general`] then reads the record, so the document written is the same either way.
pub(super) fn validate_in_one_pass<S: Service>(
    line: &[u8],
) -> Option<Result<(Cow<'static, str>, bool), Failure>> {
    // One UTF-8 check of the line, then no check per string (a line that is not UTF-8 is
    // for the general reading to report).
    let line = std::str::from_utf8(line).ok()?;
    let mut deserializer = serde_json::Deserializer::from_str(line);
    let (operation, checked) = serde::Deserializer::deserialize_map(
        &mut deserializer,
        RecordVisitor::<S>(std::marker::PhantomData),
    )
    .ok()??;
    deserializer.end().ok()?;
    Some(match checked {
        Some(Ok(_)) => Ok((Cow::Borrowed(documents::VALID), true)),
        Some(Err(errors)) => Ok((Cow::Owned(documents::validation_document(&errors)), false)),
        None => documents::unknown_operation_document::<S>(operation)
            .map(|document| (Cow::Owned(document), false)),
    })
}

/// What the one-pass reading gives: the operation and its checked input (`None` inside for
/// an operation the service does not have), or `None` for a record not in the common shape.
type OnePass<'de, S> = Option<(
    &'de str,
    Option<Result<<S as Service>::Request, ValidationErrors>>,
)>;

/// The record in one pass.
struct RecordVisitor<S>(std::marker::PhantomData<S>);

impl<'de, S: Service> Visitor<'de> for RecordVisitor<S> {
    type Value = OnePass<'de, S>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a record")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut operation: Option<&'de str> = None;
        let mut checked = None;
        let (mut status, mut headers) = (false, false);
        while let Some(key) = map.next_key::<&'de str>()? {
            match key {
                "operation" if operation.is_none() => operation = Some(map.next_value()?),
                // Read as the general reading types them, so a record it refuses is refused
                // here too (an error sends the record there).
                "status" if !status => {
                    status = true;
                    map.next_value::<Option<u16>>()?;
                }
                "headers" if !headers => {
                    headers = true;
                    map.next_value::<BTreeMap<String, String>>()?;
                }
                "body" if checked.is_none() => {
                    // The record's own operation wins over the default, so only one seen
                    // before the body is used here; a record relying on the default takes
                    // the general reading.
                    let Some(operation) = operation else {
                        return Ok(None);
                    };
                    match map.next_value_seed(BodySeed::<S>(operation, std::marker::PhantomData))? {
                        Some(result) => checked = Some(result),
                        None => return Ok(None),
                    }
                }
                // Repeated members are for the general reading to report.
                "operation" | "body" | "status" | "headers" => return Ok(None),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(operation.zip(checked))
    }
}

/// A body that is a JSON object, read as the operation's input; `None` for any other JSON
/// (a body given as a string is left to the general reading).
struct BodySeed<'o, S>(&'o str, std::marker::PhantomData<S>);

type CheckedBody<S> = Option<Option<Result<<S as Service>::Request, ValidationErrors>>>;

impl<'de, S: Service> DeserializeSeed<'de> for BodySeed<'_, S> {
    type Value = CheckedBody<S>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, S: Service> Visitor<'de> for BodySeed<'_, S> {
    type Value = CheckedBody<S>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a request body")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        S::deserialize_input(self.0, serde::de::value::MapAccessDeserializer::new(map)).map(Some)
    }

    fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }
}
