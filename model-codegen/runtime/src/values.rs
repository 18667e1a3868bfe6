//! Value types for shapes with no exact Rust counterpart: blobs, arbitrary-precision
//! numbers, unknown union members and unknown integer-enum values.

use std::fmt;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

/// A `blob`: bytes, base64 (standard alphabet, padded) on the wire.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Blob(Vec<u8>);

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

impl Blob {
    /// Wraps bytes.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Blob {
        Blob(bytes.into())
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The bytes, owned.
    pub fn into_inner(self) -> Vec<u8> {
        self.0
    }

    /// How many bytes (what `@length` counts).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no bytes.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The base64 text.
    pub fn to_base64(&self) -> String {
        let mut out = String::with_capacity(self.0.len().div_ceil(3) * 4);
        for chunk in self.0.chunks(3) {
            let b = [
                chunk[0],
                *chunk.get(1).unwrap_or(&0),
                *chunk.get(2).unwrap_or(&0),
            ];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
                } else {
                    out.push('=');
                }
            }
        }
        out
    }

    /// Reads base64 text (standard alphabet, padding required), strictly.
    pub fn from_base64(text: &str) -> Result<Blob, String> {
        let bytes = text.as_bytes();
        if !bytes.len().is_multiple_of(4) {
            return Err("base64 text must be a multiple of 4 characters long".to_owned());
        }
        let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
        for (index, chunk) in bytes.chunks(4).enumerate() {
            let last = index == bytes.len() / 4 - 1;
            let pad = chunk.iter().rev().take_while(|&&c| c == b'=').count();
            if pad > 2 || (pad > 0 && !last) {
                return Err("misplaced base64 padding".to_owned());
            }
            let mut n = 0u32;
            for &c in &chunk[..4 - pad] {
                let v = ALPHABET
                    .iter()
                    .position(|&a| a == c)
                    .ok_or_else(|| format!("`{}` is not a base64 character", char::from(c)))?;
                n = (n << 6) | v as u32;
            }
            n <<= 6 * pad as u32;
            let decoded = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
            out.extend_from_slice(&decoded[..3 - pad]);
        }
        Ok(Blob(out))
    }
}

impl fmt::Debug for Blob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Blob({} bytes)", self.0.len())
    }
}

impl Serialize for Blob {
    /// Base64 text in JSON; the bytes themselves in a binary format (a CBOR byte string).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.serialize_str(&self.to_base64())
        } else {
            serializer.serialize_bytes(&self.0)
        }
    }
}

impl<'de> Deserialize<'de> for Blob {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Blob, D::Error> {
        if !deserializer.is_human_readable() {
            return deserializer.deserialize_byte_buf(BlobBytes);
        }
        let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
        Blob::from_base64(&text).map_err(D::Error::custom)
    }
}

/// Reads a blob's bytes from a binary format.
struct BlobBytes;

impl serde::de::Visitor<'_> for BlobBytes {
    type Value = Blob;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a byte string")
    }

    fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<Blob, E> {
        Ok(Blob::new(bytes))
    }

    fn visit_byte_buf<E: serde::de::Error>(self, bytes: Vec<u8>) -> Result<Blob, E> {
        Ok(Blob::new(bytes))
    }
}

/// A `bigInteger` or `bigDecimal`: the exact decimal text of the JSON number.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct BigNumber(Box<str>);

impl BigNumber {
    /// The number's text, if `text` is a JSON number.
    pub fn parse(text: &str) -> Result<BigNumber, String> {
        match serde_json::from_str::<&RawValue>(text) {
            Ok(raw)
                if raw
                    .get()
                    .starts_with(|c: char| c == '-' || c.is_ascii_digit()) =>
            {
                Ok(BigNumber(text.into()))
            }
            _ => Err(format!("`{text}` is not a JSON number")),
        }
    }

    /// The decimal text, exactly as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl BigNumber {
    /// Compares two JSON numbers by value, exactly, whatever their size or form
    /// (`1e3` equals `1000.0`). `None` if either is not a JSON number.
    pub fn compare(a: &str, b: &str) -> Option<std::cmp::Ordering> {
        Some(Decimal::of(a)?.cmp(&Decimal::of(b)?))
    }
}

/// A JSON number as sign, significant digits and the power of ten of the first digit, so
/// numbers compare without converting to a binary float.
#[derive(PartialEq, Eq)]
struct Decimal {
    /// -1, 0 or 1.
    sign: i8,
    /// value = 0.d1 d2 d3... x 10^exponent (saturated far beyond any real number's size).
    exponent: i128,
    /// Significant digits, no leading or trailing zeros (empty for zero).
    digits: Vec<u8>,
}

impl Decimal {
    fn of(text: &str) -> Option<Decimal> {
        let (negative, rest) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let mantissa_end = rest.find(['e', 'E']).unwrap_or(rest.len());
        let (mantissa, exp_text) = rest.split_at(mantissa_end);
        let exponent: i128 = match exp_text.get(1..) {
            None => 0,
            Some(e) => {
                let (neg, digits) = match e.strip_prefix('-') {
                    Some(d) => (true, d),
                    None => (false, e.strip_prefix('+').unwrap_or(e)),
                };
                if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                let value = digits.bytes().fold(0i128, |acc, b| {
                    (acc * 10 + i128::from(b - b'0')).min(1_000_000_000_000_000_000)
                });
                if neg {
                    -value
                } else {
                    value
                }
            }
        };
        let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let all = int_part.bytes().chain(frac_part.bytes());
        if int_part.is_empty() || !all.clone().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let digits: Vec<u8> = all.collect();
        let leading = digits.iter().take_while(|&&d| d == b'0').count();
        let significant = &digits[leading..];
        let trailing = significant.iter().rev().take_while(|&&d| d == b'0').count();
        let significant = &significant[..significant.len() - trailing];
        if significant.is_empty() {
            return Some(Decimal {
                sign: 0,
                exponent: 0,
                digits: Vec::new(),
            });
        }
        Some(Decimal {
            sign: if negative { -1 } else { 1 },
            exponent: exponent + int_part.len() as i128 - leading as i128,
            digits: significant.to_vec(),
        })
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Decimal) -> std::cmp::Ordering {
        let magnitude = || {
            self.exponent
                .cmp(&other.exponent)
                .then_with(|| self.digits.cmp(&other.digits))
        };
        match self.sign.cmp(&other.sign) {
            std::cmp::Ordering::Equal if self.sign == 0 => std::cmp::Ordering::Equal,
            std::cmp::Ordering::Equal if self.sign > 0 => magnitude(),
            std::cmp::Ordering::Equal => magnitude().reverse(),
            unequal => unequal,
        }
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Decimal) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Zero, as the other numbers default: what generated code falls back to where a model's
/// `@default` for a big number is needed (its text is always a JSON number).
impl Default for BigNumber {
    fn default() -> Self {
        BigNumber("0".into())
    }
}

impl fmt::Debug for BigNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BigNumber({})", self.0)
    }
}

impl fmt::Display for BigNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a binary format says of a `bigInteger` or `bigDecimal`: CBOR would need its bignum
/// and decimal-fraction tags, which this crate does not write or read.
const NO_BINARY_BIG_NUMBER: &str = "bigInteger and bigDecimal values have no binary form here";

impl Serialize for BigNumber {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !serializer.is_human_readable() {
            return Err(serde::ser::Error::custom(NO_BINARY_BIG_NUMBER));
        }
        let raw = RawValue::from_string(self.0.to_string()).map_err(serde::ser::Error::custom)?;
        raw.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for BigNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<BigNumber, D::Error> {
        if !deserializer.is_human_readable() {
            return Err(D::Error::custom(NO_BINARY_BIG_NUMBER));
        }
        let raw: Box<RawValue> = Deserialize::deserialize(deserializer)?;
        BigNumber::parse(raw.get()).map_err(D::Error::custom)
    }
}

/// A union member the model does not list: its name and its value, kept exactly as it came
/// (JSON text, or the CBOR item's bytes).
#[derive(Clone, Debug, PartialEq)]
pub struct UnknownMember {
    name: String,
    value: UnknownMemberValue,
}

impl UnknownMember {
    /// Used by generated union deserializers.
    #[doc(hidden)]
    pub fn new(name: String, value: UnknownMemberValue) -> UnknownMember {
        UnknownMember { name, value }
    }

    /// The member's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The member's value as received in JSON; `None` if it came in CBOR.
    pub fn value(&self) -> Option<&RawValue> {
        match &self.value.0 {
            Kept::Json(raw) => Some(raw),
            Kept::Cbor(_) => None,
        }
    }

    /// The member's value as received in CBOR (one data item); `None` if it came in JSON.
    pub fn cbor(&self) -> Option<&[u8]> {
        match &self.value.0 {
            Kept::Json(_) => None,
            Kept::Cbor(bytes) => Some(bytes),
        }
    }

    /// What generated union serializers write for it.
    #[doc(hidden)]
    pub fn kept(&self) -> &UnknownMemberValue {
        &self.value
    }
}

/// An unknown union member's value in the form it came in, written back in that form.
/// Each format keeps its own: JSON text written to CBOR goes as a text string, and a CBOR
/// item has no JSON form (writing it to JSON is an error).
#[doc(hidden)]
#[derive(Clone, Debug)]
pub struct UnknownMemberValue(Kept);

#[derive(Clone, Debug)]
enum Kept {
    Json(Box<RawValue>),
    Cbor(Vec<u8>),
}

impl PartialEq for UnknownMemberValue {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Kept::Json(a), Kept::Json(b)) => a.get() == b.get(),
            (Kept::Cbor(a), Kept::Cbor(b)) => a == b,
            _ => false,
        }
    }
}

impl Serialize for UnknownMemberValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            // serde_json's RawValue would write itself as a one-entry map in another format.
            Kept::Json(raw) if !serializer.is_human_readable() => {
                serializer.serialize_str(raw.get())
            }
            Kept::Json(raw) => raw.serialize(serializer),
            Kept::Cbor(bytes) if !serializer.is_human_readable() => {
                serializer.serialize_newtype_struct(super::cbor::RAW_ITEM, &BytesRef(bytes))
            }
            Kept::Cbor(_) => Err(serde::ser::Error::custom(
                "a union member received in CBOR has no JSON form",
            )),
        }
    }
}

/// Bytes that serialize as a byte string (what `cbor::RAW_ITEM` wraps).
struct BytesRef<'a>(&'a [u8]);

impl Serialize for BytesRef<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(self.0)
    }
}

impl<'de> Deserialize<'de> for UnknownMemberValue {
    /// JSON: the value's text. A binary format (CBOR): the item's bytes.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if deserializer.is_human_readable() {
            let raw: Box<RawValue> = Deserialize::deserialize(deserializer)?;
            return Ok(UnknownMemberValue(Kept::Json(raw)));
        }
        struct Item;

        impl serde::de::Visitor<'_> for Item {
            type Value = UnknownMemberValue;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a CBOR item")
            }

            fn visit_bytes<E: serde::de::Error>(self, item: &[u8]) -> Result<Self::Value, E> {
                Ok(UnknownMemberValue(Kept::Cbor(item.to_vec())))
            }
        }
        deserializer.deserialize_newtype_struct(super::cbor::RAW_ITEM, Item)
    }
}

/// An integer-enum value the model does not list, kept as received.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnknownIntValue(i32);

impl UnknownIntValue {
    /// Used by generated `From<i32>` impls, after they have ruled out the known values.
    #[doc(hidden)]
    pub fn new_unchecked(value: i32) -> UnknownIntValue {
        UnknownIntValue(value)
    }

    /// The value as received.
    pub fn value(&self) -> i32 {
        self.0
    }
}

/// Floats as the AWS JSON protocols carry them: numbers, or the strings `"NaN"`,
/// `"Infinity"` and `"-Infinity"` for values JSON numbers cannot express (serde_json alone
/// would write those as `null`, losing them).
macro_rules! wire_float {
    ($name:ident, $float:ty, $what:literal) => {
        #[doc = concat!("A `", $what, "` that keeps NaN and the infinities on the wire.")]
        #[derive(Clone, Copy, Debug, Default, PartialOrd)]
        pub struct $name(pub $float);

        impl $name {
            /// The value.
            pub fn get(self) -> $float {
                self.0
            }
        }

        /// Equal when the values are, and NaN equals NaN (so values round-trip as equal).
        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.0 == other.0 || (self.0.is_nan() && other.0.is_nan())
            }
        }

        impl From<$float> for $name {
            fn from(value: $float) -> Self {
                $name(value)
            }
        }

        impl From<$name> for $float {
            fn from(value: $name) -> Self {
                value.0
            }
        }

        impl Serialize for $name {
            /// In JSON NaN and the infinities are strings; a binary format writes every
            /// value as the float it is.
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                if !serializer.is_human_readable() {
                    return self.0.serialize(serializer);
                }
                match self.0 {
                    v if v.is_nan() => serializer.serialize_str("NaN"),
                    v if v == <$float>::INFINITY => serializer.serialize_str("Infinity"),
                    v if v == <$float>::NEG_INFINITY => serializer.serialize_str("-Infinity"),
                    v => v.serialize(serializer),
                }
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                if !deserializer.is_human_readable() {
                    return <$float>::deserialize(deserializer).map($name);
                }
                #[derive(Deserialize)]
                #[serde(untagged)]
                enum Wire<'a> {
                    Number($float),
                    #[serde(borrow)]
                    Text(std::borrow::Cow<'a, str>),
                }
                match Wire::deserialize(deserializer)? {
                    Wire::Number(v) => Ok($name(v)),
                    Wire::Text(text) => match text.as_ref() {
                        "NaN" => Ok($name(<$float>::NAN)),
                        "Infinity" => Ok($name(<$float>::INFINITY)),
                        "-Infinity" => Ok($name(<$float>::NEG_INFINITY)),
                        other => Err(D::Error::custom(format!(
                            "`{other}` is not a number, \"NaN\", \"Infinity\" or \"-Infinity\""
                        ))),
                    },
                }
            }
        }
    };
}

wire_float!(Double, f64, "double");
wire_float!(Float, f32, "float");

impl From<Float> for f64 {
    fn from(value: Float) -> f64 {
        f64::from(value.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips_every_length() {
        for len in 0..20u8 {
            let bytes: Vec<u8> = (0..len).map(|i| i.wrapping_mul(37)).collect();
            let blob = Blob::new(bytes.clone());
            assert_eq!(
                Blob::from_base64(&blob.to_base64()).map(Blob::into_inner),
                Ok(bytes)
            );
        }
        assert_eq!(Blob::new(*b"foobar").to_base64(), "Zm9vYmFy");
        assert_eq!(Blob::new(*b"fo").to_base64(), "Zm8=");
    }

    #[test]
    fn malformed_base64_is_rejected() {
        for bad in ["Zm9", "Zm9v!mFy", "Zm=vYmFy", "Z==="] {
            assert!(Blob::from_base64(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn floats_keep_nan_and_the_infinities() {
        for (value, text) in [
            (f64::NAN, "\"NaN\""),
            (f64::INFINITY, "\"Infinity\""),
            (f64::NEG_INFINITY, "\"-Infinity\""),
            (1.5, "1.5"),
        ] {
            let written = serde_json::to_string(&Double(value)).unwrap_or_default();
            assert_eq!(written, text);
            assert_eq!(
                serde_json::from_str::<Double>(&written).ok(),
                Some(Double(value))
            );
        }
        assert!(serde_json::from_str::<Double>("\"nan\"").is_err());
        assert_eq!(serde_json::from_str::<Float>("2").ok(), Some(Float(2.0)));
    }

    #[test]
    fn a_big_numbers_default_is_zero() {
        assert_eq!(BigNumber::default().as_str(), "0");
    }

    #[test]
    fn big_numbers_keep_their_text() {
        let n: BigNumber =
            serde_json::from_str("123456789012345678901234567890.000000000000000001")
                .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            serde_json::to_string(&n).ok().as_deref(),
            Some("123456789012345678901234567890.000000000000000001")
        );
        assert!(serde_json::from_str::<BigNumber>("\"12\"").is_err());
    }

    #[test]
    fn big_numbers_compare_exactly_in_any_form() {
        use std::cmp::Ordering::*;
        for (a, b, expected) in [
            ("1e3", "1000.0", Equal),
            ("0", "-0.0", Equal),
            ("-1.5", "-1.49999999999999999999999", Less),
            (
                "123456789012345678901234567890",
                "123456789012345678901234567891",
                Less,
            ),
            ("0.001", "1E-3", Equal),
            ("1e999999999999999999999", "9", Greater),
            ("-2", "1", Less),
            ("-10", "-9", Less),
            ("10", "9.99", Greater),
        ] {
            assert_eq!(BigNumber::compare(a, b), Some(expected), "{a} vs {b}");
        }
        assert_eq!(BigNumber::compare("x", "1"), None);
    }
}

/// The value of a union member that targets `smithy.api#Unit`: a structure without members,
/// so an empty object (`{}` in JSON, an empty map in CBOR). Reading it takes any object,
/// its members ignored as a structure ignores members it does not list; anything else is
/// malformed. Generated union variants for such members carry no data; this is their wire
/// form.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct UnitValue;

impl Serialize for UnitValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        serializer.serialize_map(Some(0))?.end()
    }
}

impl<'de> Deserialize<'de> for UnitValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Empty;

        impl<'de> serde::de::Visitor<'de> for Empty {
            type Value = UnitValue;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object (a member targeting smithy.api#Unit)")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<UnitValue, A::Error> {
                while map
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(UnitValue)
            }
        }
        deserializer.deserialize_map(Empty)
    }
}
