//! An ordered JSON tree.
//!
//! `serde_json::Value` sorts object keys unless `preserve_order` is enabled for the whole build,
//! and the model's member order is meaningful (it is the wire order), so the loader reads the
//! file into this small tree instead. It is also what `slice` writes back out.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::ser::Formatter;

/// A JSON value whose objects keep their keys in document order.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, kept as `serde_json` parsed it.
    Number(serde_json::Number),
    /// A number beyond `f64`'s range, as written (Smithy allows them in `bigDecimal` and
    /// `bigInteger` values; `serde_json::Number` cannot hold one). [`Json::to_pretty_string`]
    /// writes it back as that number; `serde`'s data model has no such number, so
    /// [`Json::to_value`] and `Serialize` give its text as a string.
    BigNumber(String),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, in document order.
    Object(Vec<(String, Json)>),
}

impl Json {
    /// The value of `key` if this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The value of `key`, to change it, if this is an object that has it.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Json> {
        match self {
            Json::Object(entries) => entries.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The value of `key`, added last as `default()` when this object lacks it (keys keep
    /// their order); `None` if this is not an object.
    pub fn entry(&mut self, key: &str, default: impl FnOnce() -> Json) -> Option<&mut Json> {
        let Json::Object(entries) = self else {
            return None;
        };
        match entries.iter().position(|(k, _)| k == key) {
            Some(i) => entries.get_mut(i).map(|(_, v)| v),
            None => {
                entries.push((key.to_owned(), default()));
                entries.last_mut().map(|(_, v)| v)
            }
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// The entries, if this is an object.
    pub fn as_object(&self) -> Option<&[(String, Json)]> {
        match self {
            Json::Object(entries) => Some(entries),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    /// Converts to a `serde_json::Value` (object keys then sort; fine for trait values).
    pub fn to_value(&self) -> serde_json::Value {
        match self {
            Json::Null => serde_json::Value::Null,
            Json::Bool(b) => serde_json::Value::Bool(*b),
            Json::Number(n) => serde_json::Value::Number(n.clone()),
            Json::BigNumber(text) => serde_json::Value::String(text.clone()),
            Json::String(s) => serde_json::Value::String(s.clone()),
            Json::Array(items) => {
                serde_json::Value::Array(items.iter().map(Json::to_value).collect())
            }
            Json::Object(entries) => serde_json::Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_value()))
                    .collect(),
            ),
        }
    }

    /// Parses JSON text, keeping object key order. A key repeated in one object is an error:
    /// a model that says two things about one member is ambiguous.
    pub fn parse(text: &str) -> Result<Json, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// Writes the value as pretty JSON with four-space indentation and a final newline.
    pub fn to_pretty_string(&self) -> String {
        let mut out = Vec::new();
        let mut formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
        // Writing into a Vec cannot fail: no I/O happens.
        if self.write(&mut out, &mut formatter).is_err() {
            return String::new();
        }
        let mut text = String::from_utf8_lossy(&out).into_owned();
        text.push('\n');
        text
    }

    /// Writes the value through `formatter`, as `serde_json`'s serializer would, except that
    /// a [`Json::BigNumber`] is written as the number it is.
    fn write<F: Formatter>(&self, out: &mut Vec<u8>, formatter: &mut F) -> std::io::Result<()> {
        match self {
            Json::Null => formatter.write_null(out),
            Json::Bool(b) => formatter.write_bool(out, *b),
            Json::Number(n) => formatter.write_number_str(out, &n.to_string()),
            Json::BigNumber(text) => formatter.write_number_str(out, text),
            Json::String(s) => write_string(out, formatter, s),
            Json::Array(items) => {
                formatter.begin_array(out)?;
                for (i, item) in items.iter().enumerate() {
                    formatter.begin_array_value(out, i == 0)?;
                    item.write(out, formatter)?;
                    formatter.end_array_value(out)?;
                }
                formatter.end_array(out)
            }
            Json::Object(entries) => {
                formatter.begin_object(out)?;
                for (i, (key, value)) in entries.iter().enumerate() {
                    formatter.begin_object_key(out, i == 0)?;
                    write_string(out, formatter, key)?;
                    formatter.end_object_key(out)?;
                    formatter.begin_object_value(out)?;
                    value.write(out, formatter)?;
                    formatter.end_object_value(out)?;
                }
                formatter.end_object(out)
            }
        }
    }
}

/// A JSON string, quoted and escaped as `serde_json` escapes it.
fn write_string<F: Formatter>(
    out: &mut Vec<u8>,
    formatter: &mut F,
    text: &str,
) -> std::io::Result<()> {
    let quoted = serde_json::to_string(text).map_err(std::io::Error::other)?;
    formatter.write_raw_fragment(out, &quoted)
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
        Ok(Json::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
        Ok(Json::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
        Ok(Json::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Json, E> {
        serde_json::Number::from_f64(v)
            .map(Json::Number)
            .ok_or_else(|| E::custom("a number that is not finite"))
    }

    fn visit_str<E>(self, v: &str) -> Result<Json, E> {
        Ok(Json::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Json, E> {
        Ok(Json::String(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut entries: Vec<(String, Json)> = Vec::new();
        while let Some((key, value)) = map.next_entry::<String, Json>()? {
            if entries.iter().any(|(k, _)| *k == key) {
                return Err(de::Error::custom(format!("duplicate key `{key}`")));
            }
            entries.push((key, value));
        }
        Ok(Json::Object(entries))
    }
}

impl Serialize for Json {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => serializer.serialize_unit(),
            Json::Bool(b) => serializer.serialize_bool(*b),
            Json::Number(n) => n.serialize(serializer),
            Json::BigNumber(text) => serializer.serialize_str(text),
            Json::String(s) => serializer.serialize_str(s),
            Json::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Object(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (k, v) in entries {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_keep_document_order() {
        let json = Json::parse(r#"{"b":1,"a":{"z":true,"y":null}}"#).unwrap_or(Json::Null);
        let keys: Vec<&str> = json
            .as_object()
            .unwrap_or_default()
            .iter()
            .map(|(k, _)| k.as_str())
            .collect();
        assert_eq!(keys, ["b", "a"]);
        assert_eq!(
            serde_json::to_string(&json).unwrap_or_default(),
            r#"{"b":1,"a":{"z":true,"y":null}}"#
        );
    }

    #[test]
    fn pretty_output_is_serde_jsons_and_big_numbers_stay_numbers() {
        let json =
            Json::parse(r#"{"a":[1,2.5,"x\"\u0001é"],"b":{},"c":[],"d":{"e":null,"f":true}}"#)
                .unwrap_or(Json::Null);
        let mut expected = Vec::new();
        let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
        let mut serializer = serde_json::Serializer::with_formatter(&mut expected, formatter);
        let _ = json.serialize(&mut serializer);
        expected.push(b'\n');
        assert_eq!(json.to_pretty_string(), String::from_utf8_lossy(&expected));
        let big = Json::Object(vec![("x".into(), Json::BigNumber("2e+308".into()))]);
        assert_eq!(big.to_pretty_string(), "{\n    \"x\": 2e+308\n}\n");
    }

    #[test]
    fn duplicate_keys_are_rejected() {
        let err = Json::parse(r#"{"a":1,"a":2}"#).err().map(|e| e.to_string());
        assert!(err.unwrap_or_default().contains("duplicate key `a`"));
    }
}
