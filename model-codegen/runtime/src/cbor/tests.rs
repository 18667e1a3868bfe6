use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, DeserializeSeed, Visitor};
use serde::{Deserialize, Serialize};

use super::{from_slice, to_vec, Deserializer, Error, EPOCH_SECONDS};

/// Bytes from hex text (spaces ignored).
fn h(hex: &str) -> Vec<u8> {
    let digits: Vec<u8> = hex.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    digits
        .chunks(2)
        .map(|pair| {
            let text = std::str::from_utf8(pair).unwrap_or_else(|e| panic!("{e}"));
            u8::from_str_radix(text, 16).unwrap_or_else(|e| panic!("{hex}: {e}"))
        })
        .collect()
}

fn read<'de, T: Deserialize<'de>>(input: &'de [u8]) -> T {
    from_slice(input).unwrap_or_else(|e| panic!("{input:02x?}: {e}"))
}

fn read_hex<T: for<'de> Deserialize<'de>>(hex: &str) -> T {
    let bytes = h(hex);
    read(&bytes)
}

fn fail<'de, T: Deserialize<'de> + fmt::Debug>(input: &'de [u8]) -> Error {
    match from_slice::<T>(input) {
        Ok(value) => panic!("{input:02x?} read as {value:?}"),
        Err(e) => e,
    }
}

fn fail_hex<T: for<'de> Deserialize<'de> + fmt::Debug>(hex: &str) -> Error {
    let bytes = h(hex);
    fail::<T>(&bytes)
}

fn write<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    to_vec(value).unwrap_or_else(|e| panic!("{e}"))
}

/// Any CBOR item, as `deserialize_any` presents it.
#[derive(Debug, Clone, PartialEq)]
enum Any {
    Null,
    Bool(bool),
    Unsigned(u64),
    Signed(i128),
    Single(f32),
    Double(f64),
    Text(String),
    Bytes(Vec<u8>),
    Array(Vec<Any>),
    Map(Vec<(Any, Any)>),
    Epoch(Box<Any>),
}

impl<'de> Deserialize<'de> for Any {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AnyVisitor;
        impl<'de> Visitor<'de> for AnyVisitor {
            type Value = Any;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any CBOR item")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Any, E> {
                Ok(Any::Bool(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Any, E> {
                Ok(Any::Unsigned(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Any, E> {
                Ok(Any::Signed(i128::from(v)))
            }
            fn visit_i128<E>(self, v: i128) -> Result<Any, E> {
                Ok(Any::Signed(v))
            }
            fn visit_f32<E>(self, v: f32) -> Result<Any, E> {
                Ok(Any::Single(v))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Any, E> {
                Ok(Any::Double(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Any, E> {
                Ok(Any::Text(v.to_string()))
            }
            fn visit_bytes<E>(self, v: &[u8]) -> Result<Any, E> {
                Ok(Any::Bytes(v.to_vec()))
            }
            fn visit_unit<E>(self) -> Result<Any, E> {
                Ok(Any::Null)
            }
            fn visit_none<E>(self) -> Result<Any, E> {
                Ok(Any::Null)
            }
            fn visit_newtype_struct<D: de::Deserializer<'de>>(self, d: D) -> Result<Any, D::Error> {
                Ok(Any::Epoch(Box::new(Any::deserialize(d)?)))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Any, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Any::Array(items))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Any, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Any::Map(entries))
            }
        }
        deserializer.deserialize_any(AnyVisitor)
    }
}

fn text(s: &str) -> Any {
    Any::Text(s.to_string())
}

fn ints(range: std::ops::RangeInclusive<u64>) -> Any {
    Any::Array(range.map(Any::Unsigned).collect())
}

/// Bytes that serialize as a CBOR byte string.
#[derive(Debug, Clone, PartialEq, Default)]
struct Blob(Vec<u8>);

impl Serialize for Blob {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(&self.0)
    }
}

impl<'de> Deserialize<'de> for Blob {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BlobVisitor;
        impl Visitor<'_> for BlobVisitor {
            type Value = Blob;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a byte string")
            }
            fn visit_bytes<E>(self, v: &[u8]) -> Result<Blob, E> {
                Ok(Blob(v.to_vec()))
            }
            fn visit_byte_buf<E>(self, v: Vec<u8>) -> Result<Blob, E> {
                Ok(Blob(v))
            }
        }
        deserializer.deserialize_byte_buf(BlobVisitor)
    }
}

/// A timestamp: epoch seconds through the `EPOCH_SECONDS` newtype.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Epoch(f64);

impl Serialize for Epoch {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_newtype_struct(EPOCH_SECONDS, &self.0)
    }
}

impl<'de> Deserialize<'de> for Epoch {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EpochVisitor;
        impl<'de> Visitor<'de> for EpochVisitor {
            type Value = Epoch;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("epoch seconds")
            }
            fn visit_newtype_struct<D: de::Deserializer<'de>>(
                self,
                d: D,
            ) -> Result<Epoch, D::Error> {
                f64::deserialize(d).map(Epoch)
            }
        }
        deserializer.deserialize_newtype_struct(EPOCH_SECONDS, EpochVisitor)
    }
}

/// Whole epoch seconds, written as an integer inside tag 1.
#[derive(Debug, Clone, Copy, PartialEq)]
struct WholeEpoch(i64);

impl Serialize for WholeEpoch {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_newtype_struct(EPOCH_SECONDS, &self.0)
    }
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
enum Kind {
    Plain,
    Wrapped(String),
    Pair(u8, i16),
    Shape { width: u32 },
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
struct Inner {
    id: u32,
    label: Option<String>,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
struct Doc {
    name: String,
    count: u32,
    delta: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    present: Option<String>,
    tags: Vec<String>,
    matrix: Vec<Vec<u16>>,
    inner: BTreeMap<String, Inner>,
    sparse: Vec<Option<i32>>,
    blob: Blob,
    ratio: f64,
    kinds: Vec<Kind>,
    when: Epoch,
    flag: bool,
}

fn sample() -> Doc {
    let mut inner = BTreeMap::new();
    inner.insert(
        "first".to_string(),
        Inner {
            id: 1,
            label: Some("one".into()),
        },
    );
    inner.insert(
        "zweit\u{e9}".to_string(),
        Inner {
            id: 70_000,
            label: None,
        },
    );
    Doc {
        name: "backup-abcdefghijk".into(),
        count: 300,
        delta: -5_000_000_000,
        note: None,
        present: Some("here".into()),
        tags: vec!["a".into(), String::new(), "\u{6c34}".into()],
        matrix: vec![vec![], vec![1, 2, 65535]],
        inner,
        sparse: vec![Some(1), None, Some(-1), None],
        blob: Blob(vec![0, 1, 2, 0xff]),
        ratio: 1.1,
        kinds: vec![
            Kind::Plain,
            Kind::Wrapped("w".into()),
            Kind::Pair(7, -7),
            Kind::Shape { width: 3 },
        ],
        when: Epoch(1_363_896_240.5),
        flag: true,
    }
}

#[derive(Deserialize, Debug)]
#[allow(dead_code)]
struct Named {
    name: String,
}

#[test]
fn rfc_8949_integers_decode() {
    let unsigned: [(&str, u64); 11] = [
        ("00", 0),
        ("01", 1),
        ("0a", 10),
        ("17", 23),
        ("1818", 24),
        ("1819", 25),
        ("1864", 100),
        ("1903e8", 1000),
        ("1a000f4240", 1_000_000),
        ("1b000000e8d4a51000", 1_000_000_000_000),
        ("1bffffffffffffffff", u64::MAX),
    ];
    for (hex, value) in unsigned {
        assert_eq!(read_hex::<u64>(hex), value, "{hex}");
        assert_eq!(read_hex::<Any>(hex), Any::Unsigned(value), "{hex}");
    }
    let signed: [(&str, i64); 4] = [("20", -1), ("29", -10), ("3863", -100), ("3903e7", -1000)];
    for (hex, value) in signed {
        assert_eq!(read_hex::<i64>(hex), value, "{hex}");
        assert_eq!(read_hex::<i16>(hex), value as i16, "{hex}");
        assert_eq!(
            read_hex::<Any>(hex),
            Any::Signed(i128::from(value)),
            "{hex}"
        );
    }
    assert_eq!(read_hex::<i64>("3b7fffffffffffffff"), i64::MIN);
    let min = -(1i128 << 64);
    assert_eq!(read_hex::<i128>("3bffffffffffffffff"), min);
    assert_eq!(read_hex::<Any>("3bffffffffffffffff"), Any::Signed(min));
    assert_eq!(read_hex::<u128>("1bffffffffffffffff"), u128::from(u64::MAX));
    assert_eq!(
        fail_hex::<i64>("3bffffffffffffffff").message(),
        "integer -18446744073709551616 out of range for i64"
    );
    assert_eq!(
        fail_hex::<u8>("190100").message(),
        "integer 256 out of range for u8"
    );
    assert_eq!(
        fail_hex::<u32>("20").message(),
        "integer -1 out of range for u32"
    );
    // Bignums (tags 2 and 3) are not numbers this codec reads.
    assert_eq!(
        fail_hex::<u64>("c249010000000000000000").message(),
        "unexpected tag 2"
    );
    assert_eq!(
        fail_hex::<Any>("c349010000000000000000").message(),
        "unexpected tag 3"
    );
    assert_eq!(
        fail_hex::<u32>("f93c00").message(),
        "expected an integer, found a float"
    );
}

#[test]
fn rfc_8949_floats_decode() {
    let doubles: [(&str, f64); 17] = [
        ("f90000", 0.0),
        ("f98000", -0.0),
        ("f93c00", 1.0),
        ("fb3ff199999999999a", 1.1),
        ("f93e00", 1.5),
        ("f97bff", 65504.0),
        ("fa47c35000", 100000.0),
        ("fa7f7fffff", 3.4028234663852886e+38),
        ("fb7e37e43c8800759c", 1.0e+300),
        ("f90001", 5.960464477539063e-8),
        ("f90400", 0.00006103515625),
        ("f9c400", -4.0),
        ("fbc010666666666666", -4.1),
        ("f97c00", f64::INFINITY),
        ("f9fc00", f64::NEG_INFINITY),
        ("fa7f800000", f64::INFINITY),
        ("fbfff0000000000000", f64::NEG_INFINITY),
    ];
    for (hex, value) in doubles {
        let got = read_hex::<f64>(hex);
        assert_eq!(got.to_bits(), value.to_bits(), "{hex}: {got}");
    }
    for hex in ["f97e00", "fa7fc00000", "fb7ff8000000000000"] {
        assert!(read_hex::<f64>(hex).is_nan(), "{hex}");
        assert!(read_hex::<f32>(hex).is_nan(), "{hex}");
    }
    // Half precision: subnormals, the largest normal, the smallest normal.
    assert_eq!(read_hex::<f32>("f90001"), 2f32.powi(-24));
    assert_eq!(read_hex::<f32>("f903ff"), 1023.0 * 2f32.powi(-24));
    assert_eq!(read_hex::<f32>("f98001"), -(2f32.powi(-24)));
    assert_eq!(read_hex::<f32>("f90400"), 2f32.powi(-14));
    assert_eq!(read_hex::<f32>("f97bff"), 65504.0);
    assert_eq!(read_hex::<f32>("f9fbff"), -65504.0);
    assert_eq!(read_hex::<f32>("f9c400"), -4.0);
    assert_eq!(read_hex::<f32>("f97c00"), f32::INFINITY);
    assert_eq!(read_hex::<f32>("f9fc00"), f32::NEG_INFINITY);
    assert_eq!(read_hex::<f32>("f98000").to_bits(), (-0.0f32).to_bits());
    // deserialize_any: half and single are f32, double is f64.
    assert_eq!(read_hex::<Any>("f93c00"), Any::Single(1.0));
    assert_eq!(read_hex::<Any>("fa47c35000"), Any::Single(100000.0));
    assert_eq!(read_hex::<Any>("fb3ff199999999999a"), Any::Double(1.1));
    assert!(matches!(read_hex::<Any>("f97e00"), Any::Single(f) if f.is_nan()));
    // Integers are accepted where floats are expected.
    assert_eq!(read_hex::<f64>("1903e8"), 1000.0);
    assert_eq!(read_hex::<f32>("3903e7"), -1000.0);
    assert_eq!(
        fail_hex::<f64>("6161").message(),
        "expected a number, found a text string"
    );
}

#[test]
fn rfc_8949_simple_values_decode() {
    assert!(!read_hex::<bool>("f4"));
    assert!(read_hex::<bool>("f5"));
    assert_eq!(read_hex::<Option<u8>>("f6"), None);
    assert_eq!(read_hex::<Option<u8>>("f7"), None);
    assert_eq!(read_hex::<Option<u8>>("05"), Some(5));
    read_hex::<()>("f6");
    read_hex::<()>("f7");
    assert_eq!(read_hex::<Any>("f6"), Any::Null);
    assert_eq!(read_hex::<Any>("f4"), Any::Bool(false));
    assert_eq!(
        fail_hex::<Any>("f0").message(),
        "unsupported simple value 16"
    );
    assert_eq!(
        fail_hex::<Any>("f8ff").message(),
        "unsupported simple value 255"
    );
    assert_eq!(
        fail_hex::<bool>("f8ff").message(),
        "unsupported simple value 255"
    );
    assert_eq!(
        fail_hex::<bool>("01").message(),
        "expected a boolean, found an unsigned integer"
    );
}

#[test]
fn rfc_8949_tags_decode() {
    assert_eq!(read_hex::<Epoch>("c11a514b67b0"), Epoch(1_363_896_240.0));
    assert_eq!(
        read_hex::<Epoch>("c1fb41d452d9ec200000"),
        Epoch(1_363_896_240.5)
    );
    assert_eq!(read_hex::<Epoch>("c1f93e00"), Epoch(1.5));
    assert_eq!(
        read_hex::<Any>("c11a514b67b0"),
        Any::Epoch(Box::new(Any::Unsigned(1_363_896_240)))
    );
    assert_eq!(
        read_hex::<Any>("c1fb41d452d9ec200000"),
        Any::Epoch(Box::new(Any::Double(1_363_896_240.5)))
    );
    let e = fail_hex::<Any>("c074323031332d30332d32315432303a30343a30305a");
    assert_eq!((e.message(), e.offset()), ("unexpected tag 0", Some(0)));
    assert_eq!(
        fail_hex::<Blob>("d74401020304").message(),
        "unexpected tag 23"
    );
    // Self-described CBOR is skipped anywhere, tag 1 inside it or not.
    assert_eq!(read_hex::<u8>("d9d9f705"), 5);
    assert_eq!(read_hex::<Epoch>("d9d9f7c1d9d9f701"), Epoch(1.0));
    assert_eq!(read_hex::<Vec<u8>>("d9d9f782d9d9f70102"), vec![1, 2]);
    assert_eq!(read_hex::<Any>("d9d9f7d9d9f7f5"), Any::Bool(true));
}

#[test]
fn rfc_8949_strings_decode() {
    assert_eq!(read_hex::<Blob>("40"), Blob(vec![]));
    assert_eq!(read_hex::<Blob>("4401020304"), Blob(vec![1, 2, 3, 4]));
    let cases = [
        ("60", ""),
        ("6161", "a"),
        ("6449455446", "IETF"),
        ("62225c", "\"\\"),
        ("62c3bc", "\u{fc}"),
        ("63e6b0b4", "\u{6c34}"),
        ("64f0908591", "\u{10151}"),
    ];
    for (hex, value) in cases {
        assert_eq!(read_hex::<String>(hex), value, "{hex}");
        assert_eq!(read_hex::<Any>(hex), text(value), "{hex}");
    }
    // Definite strings borrow from the input.
    let input = h("6449455446");
    let borrowed: &str = read(&input);
    assert_eq!(borrowed, "IETF");
    let input = h("43010203");
    let borrowed: &[u8] = read(&input);
    assert_eq!(borrowed, [1, 2, 3]);
    assert_eq!(read_hex::<char>("62c3bc"), '\u{fc}');
    assert_eq!(
        fail_hex::<char>("6449455446").message(),
        "expected a one-character text string, found 4 characters"
    );
    // Indefinite strings are assembled from their chunks.
    assert_eq!(
        read_hex::<Blob>("5f42010243030405ff"),
        Blob(vec![1, 2, 3, 4, 5])
    );
    assert_eq!(read_hex::<Blob>("5fff"), Blob(vec![]));
    assert_eq!(
        read_hex::<String>("7f657374726561646d696e67ff"),
        "streaming"
    );
    assert_eq!(read_hex::<String>("7f62c3bc60ff"), "\u{fc}");
    assert_eq!(
        read_hex::<Any>("5f42010243030405ff"),
        Any::Bytes(vec![1, 2, 3, 4, 5])
    );
    assert_eq!(
        read_hex::<Any>("7f657374726561646d696e67ff"),
        text("streaming")
    );
    // A chunk must be a definite string of the same major type.
    let e = fail_hex::<String>("7f6161416162ff");
    assert_eq!(
        (e.message(), e.offset()),
        (
            "a chunk of an indefinite-length text string must be a definite-length text \
             string, found a byte string",
            Some(3)
        )
    );
    assert!(fail_hex::<Blob>("5f5f4101ffff")
        .message()
        .ends_with("found an indefinite-length byte string"));
    assert!(fail_hex::<Blob>("5f01ff")
        .message()
        .ends_with("found an unsigned integer"));
    assert_eq!(
        fail_hex::<String>("4161").message(),
        "expected a text string, found a byte string"
    );
}

#[test]
fn rfc_8949_arrays_and_maps_decode() {
    let one_23 = || Any::Array(vec![Any::Unsigned(2), Any::Unsigned(3)]);
    let nested = Any::Array(vec![Any::Unsigned(1), one_23(), ints(4..=5)]);
    assert_eq!(read_hex::<Any>("80"), Any::Array(vec![]));
    assert_eq!(read_hex::<Any>("83010203"), ints(1..=3));
    assert_eq!(read_hex::<Any>("8301820203820405"), nested);
    let long = "98190102030405060708090a0b0c0d0e0f101112131415161718181819";
    assert_eq!(read_hex::<Any>(long), ints(1..=25));
    assert_eq!(read_hex::<Vec<u8>>(long), (1..=25).collect::<Vec<u8>>());
    assert_eq!(read_hex::<Any>("a0"), Any::Map(vec![]));
    assert_eq!(
        read_hex::<Any>("a201020304"),
        Any::Map(vec![
            (Any::Unsigned(1), Any::Unsigned(2)),
            (Any::Unsigned(3), Any::Unsigned(4))
        ])
    );
    let a_b = Any::Map(vec![(text("a"), Any::Unsigned(1)), (text("b"), one_23())]);
    assert_eq!(read_hex::<Any>("a26161016162820203"), a_b);
    let b_c = Any::Array(vec![text("a"), Any::Map(vec![(text("b"), text("c"))])]);
    assert_eq!(read_hex::<Any>("826161a161626163"), b_c);
    let letters: BTreeMap<String, String> = read_hex("a56161614161626142616361436164614461656145");
    assert_eq!(letters.len(), 5);
    assert_eq!(letters.get("e").map(String::as_str), Some("E"));
    // Indefinite forms.
    assert_eq!(read_hex::<Any>("9fff"), Any::Array(vec![]));
    for hex in [
        "9f018202039f0405ffff",
        "9f01820203820405ff",
        "83018202039f0405ff",
        "83019f0203ff820405",
    ] {
        assert_eq!(read_hex::<Any>(hex), nested, "{hex}");
        assert_eq!(
            read_hex::<(u8, Vec<u8>, [u8; 2])>(hex),
            (1, vec![2, 3], [4, 5]),
            "{hex}"
        );
    }
    let long = "9f0102030405060708090a0b0c0d0e0f101112131415161718181819ff";
    assert_eq!(read_hex::<Any>(long), ints(1..=25));
    assert_eq!(read_hex::<Any>("bf61610161629f0203ffff"), a_b);
    assert_eq!(read_hex::<Any>("826161bf61626163ff"), b_c);
    assert_eq!(
        read_hex::<Any>("bf6346756ef563416d7421ff"),
        Any::Map(vec![
            (text("Fun"), Any::Bool(true)),
            (text("Amt"), Any::Signed(-2))
        ])
    );
    #[derive(Deserialize, Debug, PartialEq)]
    #[serde(rename_all = "PascalCase")]
    struct FunAmt {
        fun: bool,
        amt: i8,
    }
    assert_eq!(
        read_hex::<FunAmt>("bf6346756ef563416d7421ff"),
        FunAmt { fun: true, amt: -2 }
    );
    // A tuple that leaves elements unread, and a break where a map value is due.
    assert_eq!(
        fail_hex::<(u8, u8)>("83010203").message(),
        "an array has more entries than were read"
    );
    assert_eq!(
        fail_hex::<(u8, u8)>("9f010203ff").message(),
        "an array has more entries than were read"
    );
    assert_eq!(fail_hex::<Any>("bf6161ff").message(), "unexpected break");
}

#[test]
fn derived_struct_round_trips() {
    let doc = sample();
    let bytes = write(&doc);
    assert_eq!(read::<Doc>(&bytes), doc);
    // The skipped None member is absent, the sparse list keeps its nulls.
    let any = read::<Any>(&bytes);
    let Any::Map(entries) = &any else {
        panic!("{any:?}")
    };
    assert_eq!(entries.len(), 13);
    assert!(!entries.iter().any(|(k, _)| *k == text("note")));
    let sparse = entries.iter().find(|(k, _)| *k == text("sparse"));
    assert_eq!(
        sparse.map(|(_, v)| v.clone()),
        Some(Any::Array(vec![
            Any::Unsigned(1),
            Any::Null,
            Any::Signed(-1),
            Any::Null
        ]))
    );
    let when = entries.iter().find(|(k, _)| *k == text("when"));
    assert_eq!(
        when.map(|(_, v)| v.clone()),
        Some(Any::Epoch(Box::new(Any::Double(1_363_896_240.5))))
    );
    // Reading through a seed and `end`.
    let mut deserializer = Deserializer::new(&bytes);
    let seeded = std::marker::PhantomData::<Doc>
        .deserialize(&mut deserializer)
        .unwrap_or_else(|e| panic!("{e}"));
    deserializer.end().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(seeded, doc);
    let with_note = Doc {
        note: Some("n".into()),
        present: None,
        ..doc
    };
    assert_eq!(read::<Doc>(&write(&with_note)), with_note);
}

#[test]
fn special_floats_round_trip() {
    #[derive(Serialize, Deserialize, Debug)]
    struct Floats {
        nan: f64,
        inf: f64,
        neg_inf: f32,
        single_nan: f32,
        tiny: f64,
        negative_zero: f64,
    }
    let floats = Floats {
        nan: f64::NAN,
        inf: f64::INFINITY,
        neg_inf: f32::NEG_INFINITY,
        single_nan: f32::NAN,
        tiny: 5e-324,
        negative_zero: -0.0,
    };
    let back: Floats = read(&write(&floats));
    assert!(back.nan.is_nan() && back.single_nan.is_nan());
    assert_eq!(back.inf, f64::INFINITY);
    assert_eq!(back.neg_inf, f32::NEG_INFINITY);
    assert_eq!(back.tiny.to_bits(), 5e-324f64.to_bits());
    assert_eq!(back.negative_zero.to_bits(), (-0.0f64).to_bits());
}

#[test]
fn enums_round_trip() {
    for kind in [
        Kind::Plain,
        Kind::Wrapped("x".into()),
        Kind::Pair(1, -300),
        Kind::Shape { width: 9 },
    ] {
        assert_eq!(read::<Kind>(&write(&kind)), kind);
    }
    assert_eq!(write(&Kind::Plain), h("65 506c61696e"));
    assert_eq!(
        write(&Kind::Wrapped("x".into())),
        h("a1 6757726170706564 6178")
    );
    assert_eq!(write(&Kind::Pair(1, -2)), h("a1 6450616972 82 01 21"));
    assert_eq!(
        write(&Kind::Shape { width: 9 }),
        h("a1 655368617065 a1 657769647468 09")
    );
    // Indefinite one-entry maps, and the unit variant as a map to null.
    assert_eq!(
        read_hex::<Kind>("bf 6757726170706564 6178 ff"),
        Kind::Wrapped("x".into())
    );
    assert_eq!(read_hex::<Kind>("a1 65506c61696e f6"), Kind::Plain);
    let e = fail_hex::<Kind>("a2 6757726170706564 6178 6757726170706564 6178");
    assert_eq!(
        (e.message(), e.offset()),
        (
            "an enum must be a map of exactly one entry, found 2 entries",
            Some(0)
        )
    );
    assert_eq!(
        fail_hex::<Kind>("bf 6757726170706564 6178 6161 6162 ff").message(),
        "an enum must be a map of exactly one entry, found more"
    );
    assert_eq!(
        fail_hex::<Kind>("bfff").message(),
        "an enum must be a map of exactly one entry, found 0 entries"
    );
    assert_eq!(
        fail_hex::<Kind>("6757726170706564").message(),
        "expected a one-entry map for a newtype variant, found a text string"
    );
    let e = fail_hex::<Kind>("6450616973");
    assert!(e.message().starts_with("unknown variant `Pais`"), "{e}");
    assert_eq!(e.offset(), Some(0));
}

#[test]
fn epoch_seconds_write_tag_1() {
    assert_eq!(write(&Epoch(1.5)), h("c1 fa 3fc00000"));
    assert_eq!(write(&Epoch(1_363_896_240.5)), h("c1 fb 41d452d9ec200000"));
    assert_eq!(write(&WholeEpoch(1_363_896_240)), h("c1 1a 514b67b0"));
    assert_eq!(write(&WholeEpoch(-1)), h("c1 20"));
    assert_eq!(read_hex::<Epoch>("c120"), Epoch(-1.0));
    assert_eq!(read::<Epoch>(&write(&Epoch(-0.25))), Epoch(-0.25));
    assert_eq!(read::<Option<Epoch>>(&h("f6")), None);
    assert_eq!(read::<Option<Epoch>>(&h("c1 01")), Some(Epoch(1.0)));
    // Other newtype structs pass through untouched.
    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Id(u32);
    assert_eq!(write(&Id(500)), h("1901f4"));
    assert_eq!(read_hex::<Id>("1901f4"), Id(500));
}

#[test]
fn exact_output_bytes() {
    assert_eq!(write(&0u8), h("00"));
    assert_eq!(write(&23u8), h("17"));
    assert_eq!(write(&24u8), h("1818"));
    assert_eq!(write(&255u64), h("18ff"));
    assert_eq!(write(&256u16), h("190100"));
    assert_eq!(write(&65536u32), h("1a00010000"));
    assert_eq!(write(&4_294_967_296u64), h("1b0000000100000000"));
    assert_eq!(write(&u64::MAX), h("1bffffffffffffffff"));
    assert_eq!(write(&-1i8), h("20"));
    assert_eq!(write(&-24i32), h("37"));
    assert_eq!(write(&-25i32), h("3818"));
    assert_eq!(write(&-1000i64), h("3903e7"));
    assert_eq!(write(&i64::MIN), h("3b7fffffffffffffff"));
    assert_eq!(write(&-(1i128 << 64)), h("3bffffffffffffffff"));
    assert_eq!(write(&u128::from(u64::MAX)), h("1bffffffffffffffff"));
    let e = to_vec(&(1u128 << 64)).err();
    assert_eq!(
        e.as_ref().map(Error::message),
        Some("integer 18446744073709551616 is outside CBOR's 64-bit range")
    );
    assert_eq!(e.as_ref().and_then(Error::offset), None);
    assert_eq!(
        e.map(|e| e.to_string()).as_deref(),
        Some("integer 18446744073709551616 is outside CBOR's 64-bit range")
    );
    assert!(to_vec(&(-(1i128 << 64) - 1)).is_err());
    assert_eq!(write(&1.5f64), h("fa3fc00000"));
    assert_eq!(write(&1.1f64), h("fb3ff199999999999a"));
    assert_eq!(write(&1.0e300f64), h("fb7e37e43c8800759c"));
    assert_eq!(write(&100000.0f64), h("fa47c35000"));
    assert_eq!(write(&1.0f32), h("fa3f800000"));
    assert_eq!(write(&f32::NAN), h("fa7fc00000"));
    assert_eq!(write(&f64::NAN), h("fa7fc00000"));
    assert_eq!(
        write(&f64::from_bits(0x7ff8_0000_0000_0001)),
        h("fb7ff8000000000001")
    );
    assert_eq!(write(&f64::INFINITY), h("fa7f800000"));
    assert_eq!(write(&f64::NEG_INFINITY), h("faff800000"));
    assert_eq!(write(&-0.0f64), h("fa80000000"));
    assert_eq!(write(&0.0f64), h("fa00000000"));
    assert_eq!(write("a"), h("6161"));
    assert_eq!(write(&'\u{fc}'), h("62c3bc"));
    assert_eq!(write(&Blob(vec![1, 2])), h("420102"));
    assert_eq!(write(&true), h("f5"));
    assert_eq!(write(&false), h("f4"));
    assert_eq!(write(&None::<u8>), h("f6"));
    assert_eq!(write(&Some(1u8)), h("01"));
    assert_eq!(write(&()), h("f6"));
    assert_eq!(write(&vec![Some(1u8), None]), h("8201f6"));
    assert_eq!(write(&(1u8, "a")), h("82016161"));
    #[derive(Serialize)]
    struct Small {
        a: u8,
        b: Vec<u8>,
    }
    assert_eq!(
        write(&Small {
            a: 1,
            b: vec![2, 3]
        }),
        h("a2 6161 01 6162 820203")
    );
    let long: Vec<u8> = (1..=25).collect();
    assert_eq!(
        write(&long),
        h("98190102030405060708090a0b0c0d0e0f101112131415161718181819")
    );
    assert_eq!(write(&format_args!("{}-{}", 1, 2)), h("63312d32"));
}

/// Writes through serde's API with a declared length that may be missing or wrong.
struct Declared {
    map: bool,
    declared: Option<usize>,
    actual: u8,
}

impl Serialize for Declared {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        if self.map {
            let mut map = serializer.serialize_map(self.declared)?;
            for i in 0..self.actual {
                map.serialize_entry(
                    &i,
                    &Declared {
                        map: false,
                        declared: None,
                        actual: i % 3,
                    },
                )?;
            }
            map.end()
        } else {
            let mut seq = serializer.serialize_seq(self.declared)?;
            for i in 0..self.actual {
                seq.serialize_element(&i)?;
            }
            seq.end()
        }
    }
}

#[test]
fn unknown_or_wrong_lengths_get_the_real_count() {
    let seq = |declared, actual| {
        write(&Declared {
            map: false,
            declared,
            actual,
        })
    };
    assert_eq!(seq(Some(3), 3), h("83000102"));
    assert_eq!(seq(None, 3), h("83000102"));
    assert_eq!(seq(None, 0), h("80"));
    assert_eq!(seq(Some(5), 2), h("820001"));
    assert_eq!(seq(Some(0), 2), h("820001"));
    // The real head is longer than the declared one.
    let long = seq(Some(1), 30);
    assert_eq!(long.get(..2), Some(&h("981e")[..]));
    assert_eq!(read::<Vec<u8>>(&long), (0..30).collect::<Vec<u8>>());
    // And shorter.
    assert_eq!(seq(Some(1_000_000), 1), h("8100"));
    let map = |declared, actual| {
        write(&Declared {
            map: true,
            declared,
            actual,
        })
    };
    assert_eq!(map(None, 2), h("a2 00 80 01 8100"));
    assert_eq!(map(Some(7), 2), h("a2 00 80 01 8100"));
    let many = map(None, 25);
    assert_eq!(many.get(..2), Some(&h("b819")[..]));
    let back: BTreeMap<u8, Vec<u8>> = read(&many);
    assert_eq!(back.len(), 25);
    assert_eq!(back.get(&23), Some(&vec![0, 1]));
    // An iterator of unknown length.
    struct Evens;
    impl Serialize for Evens {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_seq((0u8..10).filter(|n| n % 2 == 0))
        }
    }
    assert_eq!(write(&Evens), h("85 00 02 04 06 08"));
}

#[test]
fn a_declared_length_beyond_the_input_is_an_error() {
    let mut input = h("5b4000000000000000");
    input.extend_from_slice(&[1, 2, 3]);
    let e = fail::<Blob>(&input);
    assert_eq!(
        (e.message(), e.offset()),
        (
            "a byte string declares 4611686018427387904 bytes, 3 remain",
            Some(0)
        )
    );
    assert_eq!(
        e.to_string(),
        "a byte string declares 4611686018427387904 bytes, 3 remain at byte 0"
    );
    assert_eq!(
        fail_hex::<Any>("7bffffffffffffffff61").message(),
        "a text string declares 18446744073709551615 bytes, 1 remain"
    );
    assert_eq!(
        fail_hex::<Any>("5f5b4000000000000000ff").message(),
        "a byte string declares 4611686018427387904 bytes, 1 remain"
    );
    // 2^32 entries declared, a few present.
    let input = h("bb0000000100000000 6161 6162 6163");
    let e = fail::<BTreeMap<String, String>>(&input);
    assert_eq!(
        (e.message(), e.offset()),
        ("end of input", Some(input.len()))
    );
    assert_eq!(fail::<Named>(&input).message(), "end of input");
    assert_eq!(fail::<Any>(&input).message(), "end of input");
    let input = h("9b0000000100000000 01 02");
    assert_eq!(fail::<Vec<u64>>(&input).message(), "end of input");
}

/// Records the size hint a container offers, reading nothing.
struct HintProbe<'a>(&'a std::cell::Cell<Option<Option<usize>>>);

impl<'de> Visitor<'de> for HintProbe<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a container")
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        self.0.set(Some(seq.size_hint()));
        Ok(())
    }
    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        self.0.set(Some(map.size_hint()));
        Ok(())
    }
}

#[test]
fn size_hints_never_exceed_the_bytes_left() {
    let cases = [
        ("9b0000000100000000 0102", Some(2)),
        ("bb0000000100000000 616161", Some(3)),
        ("83 010203", Some(3)),
        ("9f 0102 ff", None),
    ];
    for (hex, hint) in cases {
        let input = h(hex);
        let seen = std::cell::Cell::new(None);
        let mut deserializer = Deserializer::new(&input);
        // The probe reads nothing, so a non-empty container then fails; only the hint matters.
        let _ = de::Deserializer::deserialize_any(&mut deserializer, HintProbe(&seen));
        assert_eq!(seen.get(), Some(hint), "{hex}");
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let mut deep = h("a2 646e616d65 6161 677370696c6c6564");
    deep.extend(std::iter::repeat_n(0x9f, 100_000));
    let e = fail::<Named>(&deep);
    assert_eq!(
        (e.message(), e.offset()),
        ("nesting deeper than 128", Some(16 + 127))
    );
    let arrays = vec![0x9f; 100_000];
    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Nest(Vec<Nest>);
    assert_eq!(fail::<Nest>(&arrays).message(), "nesting deeper than 128");
    assert_eq!(fail::<Any>(&arrays).message(), "nesting deeper than 128");
    assert_eq!(
        fail::<de::IgnoredAny>(&arrays).message(),
        "nesting deeper than 128"
    );
    for byte in [0x81, 0xa1, 0xbf, 0xc1, 0xc6] {
        let input = vec![byte; 100_000];
        assert_eq!(
            fail::<de::IgnoredAny>(&input).message(),
            "nesting deeper than 128",
            "{byte:02x}"
        );
    }
    for byte in [0x81, 0xa1, 0xbf, 0xc1] {
        let input = vec![byte; 100_000];
        assert_eq!(fail::<Any>(&input).message(), "nesting deeper than 128");
    }
    assert_eq!(fail::<Any>(&[0xc6; 10]).message(), "unexpected tag 6");
    let described: Vec<u8> = std::iter::repeat_n([0xd9, 0xd9, 0xf7], 100_000)
        .flatten()
        .collect();
    assert_eq!(fail::<u8>(&described).message(), "nesting deeper than 128");
    // Exactly 128 levels are fine, skipped or read.
    let mut ok = vec![0x81; 127];
    ok.push(0x80);
    let mut too_deep = vec![0x81; 128];
    too_deep.push(0x80);
    read::<de::IgnoredAny>(&ok);
    read::<Any>(&ok);
    read::<Nest>(&ok);
    let e = fail::<de::IgnoredAny>(&too_deep);
    assert_eq!(
        (e.message(), e.offset()),
        ("nesting deeper than 128", Some(128))
    );
    assert_eq!(fail::<Nest>(&too_deep).message(), "nesting deeper than 128");
}

#[test]
fn unknown_members_of_any_shape_are_skipped() {
    // {"x": [_ 1(2), {_ h'': [-1, 1.5, "s"], "t": (_ "a" "b")}, (_ h'01'), f0, null, undefined], "name": "n"}
    let input = h(
        "a2 6178 9f c102 bf 40 83 20 f93e00 6173 6174 7f61616162ff ff 5f4101ff f0 f8ff f6 f7 ff \
         646e616d65 616e",
    );
    let named: Named = read(&input);
    assert_eq!(named.name, "n");
    read::<de::IgnoredAny>(&input);
    let cases = [
        ("a2 6178 bf6161ff 646e616d65 616e", "unexpected break"),
        ("a2 6178 ff 646e616d65 616e", "unexpected break"),
        (
            "a2 6178 62c328 646e616d65 616e",
            "invalid UTF-8 in a text string",
        ),
        (
            "a2 6178 f81f 646e616d65 616e",
            "simple value 31 must not use the two-byte form",
        ),
        (
            "a2 6178 1c 646e616d65 616e",
            "reserved additional information 28",
        ),
        (
            "a2 6178 df00 646e616d65 616e",
            "indefinite length is not allowed for major type 6",
        ),
    ];
    for (hex, message) in cases {
        assert_eq!(fail_hex::<Named>(hex).message(), message, "{hex}");
    }
}

#[test]
fn every_truncation_is_an_error() {
    let bytes = write(&sample());
    for end in 0..bytes.len() {
        let prefix = bytes.get(..end).unwrap_or_else(|| panic!("{end}"));
        for e in [fail::<Doc>(prefix), fail::<Any>(prefix)] {
            assert!(
                e.message() == "end of input" || e.message().ends_with("remain"),
                "{end}: {e}"
            );
            assert!(e.offset().is_some_and(|o| o <= end), "{end}: {e}");
        }
    }
    let e = fail::<u8>(&[]);
    assert_eq!((e.message(), e.offset()), ("end of input", Some(0)));
    let e = fail_hex::<u32>("1a0001");
    assert_eq!((e.message(), e.offset()), ("end of input", Some(0)));
}

#[test]
fn malformed_input_is_an_error() {
    let e = fail_hex::<u8>("0100");
    assert_eq!(
        (e.message(), e.offset()),
        ("bytes after the top-level item", Some(1))
    );
    assert_eq!(e.to_string(), "bytes after the top-level item at byte 1");
    let e = fail_hex::<String>("62c328");
    assert_eq!(
        (e.message(), e.offset()),
        ("invalid UTF-8 in a text string", Some(0))
    );
    let e = fail_hex::<String>("7f6161 62c328 ff");
    assert_eq!(
        (e.message(), e.offset()),
        ("invalid UTF-8 in a text string", Some(3))
    );
    // Each chunk must be valid on its own, even when the whole would be.
    assert_eq!(
        fail_hex::<String>("7f61c361bcff").message(),
        "invalid UTF-8 in a text string"
    );
    assert_eq!(
        fail_hex::<Any>("62c328").message(),
        "invalid UTF-8 in a text string"
    );
    let e = fail_hex::<Epoch>("c4820102");
    assert_eq!(
        (e.message(), e.offset()),
        ("expected tag 1 (epoch seconds), found tag 4", Some(0))
    );
    assert_eq!(
        fail_hex::<Epoch>("1a514b67b0").message(),
        "expected tag 1 (epoch seconds), found an unsigned integer"
    );
    assert_eq!(fail_hex::<String>("c16161").message(), "unexpected tag 1");
    assert_eq!(
        fail_hex::<Named>("a1 646e616d65 c46161").message(),
        "unexpected tag 4"
    );
    for t in ["ff", "8201ff", "a1ff01"] {
        assert_eq!(fail_hex::<Any>(t).message(), "unexpected break", "{t}");
    }
    assert_eq!(
        fail_hex::<de::IgnoredAny>("ff").message(),
        "unexpected break"
    );
    assert_eq!(fail_hex::<Option<u8>>("ff").message(), "unexpected break");
    for hex in ["1c", "3d", "5e", "fc"] {
        assert!(
            fail_hex::<Any>(hex)
                .message()
                .starts_with("reserved additional information"),
            "{hex}"
        );
    }
    assert_eq!(
        fail_hex::<u8>("1c").message(),
        "reserved additional information 28"
    );
    for hex in ["1f", "3f", "df01"] {
        assert!(
            fail_hex::<Any>(hex)
                .message()
                .starts_with("indefinite length is not allowed"),
            "{hex}"
        );
    }
    assert_eq!(
        fail_hex::<Vec<u8>>("a0").message(),
        "expected an array, found a map"
    );
    assert_eq!(
        fail_hex::<Named>("80").message(),
        "expected a map, found an array"
    );
}

#[test]
fn visitor_errors_carry_the_offset_of_their_item() {
    let e = fail_hex::<Named>("a0");
    assert_eq!((e.message(), e.offset()), ("missing field `name`", Some(0)));
    let e = fail_hex::<Vec<Named>>("82 a1 646e616d65 6161 a0");
    assert_eq!((e.message(), e.offset()), ("missing field `name`", Some(9)));
    let e = fail_hex::<Vec<Named>>("81 a1 646e616d65 01");
    assert_eq!(e.offset(), Some(7), "{e}");
    assert!(e.message().starts_with("expected a text string"), "{e}");
    let e = fail_hex::<[u8; 3]>("82 01 02");
    assert_eq!(e.offset(), Some(0), "{e}");
}

#[test]
fn is_not_human_readable() {
    struct Probe(bool);
    impl Serialize for Probe {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let readable = serializer.is_human_readable();
            serializer.serialize_bool(readable)
        }
    }
    impl<'de> Deserialize<'de> for Probe {
        fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let readable = d.is_human_readable();
            bool::deserialize(d).map(|_| Probe(readable))
        }
    }
    assert_eq!(write(&Probe(true)), h("f4"));
    assert!(!read::<Probe>(&h("f5")).0);
}

/// xorshift64: deterministic noise for the no-panic test.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn byte(&mut self) -> u8 {
        self.next().to_le_bytes()[0]
    }
}

#[test]
fn arbitrary_bytes_never_panic() {
    let mut noise = Noise(0x9e37_79b9_7f4a_7c15);
    let heads = [0xa1, 0xa2, 0xa5, 0xbf, 0x81, 0x83, 0x9f, 0xb8, 0x98, 0xd9];
    let fragments: [&[u8]; 8] = [
        b"\x64name",
        b"\x65count",
        b"\x64tags",
        b"\x65blob",
        b"\x64when",
        b"\xc1",
        b"\xff",
        b"\xf6",
    ];
    let mut oks = 0;
    for case in 0..10_000 {
        let len = (noise.next() % 64) as usize;
        let mut input = Vec::with_capacity(len);
        if len > 0 && case % 4 != 0 {
            input.push(heads[(noise.next() % heads.len() as u64) as usize]);
        }
        while input.len() < len {
            if noise.next().is_multiple_of(4) {
                let fragment = fragments[(noise.next() % fragments.len() as u64) as usize];
                input.extend_from_slice(fragment);
            } else {
                input.push(noise.byte());
            }
        }
        input.truncate(len);
        oks += usize::from(from_slice::<Doc>(&input).is_ok());
        oks += usize::from(from_slice::<Any>(&input).is_ok());
        oks += usize::from(from_slice::<de::IgnoredAny>(&input).is_ok());
        oks += usize::from(from_slice::<BTreeMap<String, Kind>>(&input).is_ok());
    }
    // Some random inputs are well formed; the point is that none panicked.
    assert!(oks > 0);
}

#[test]
fn text_strings_read_alike_whatever_the_width_of_their_length() {
    // The same text behind every head that can carry its length (the short heads are read
    // without the general head parse), in a list so that the text is not at offset 0.
    for len in [0usize, 1, 23, 24, 255, 256, 65_535, 65_536] {
        let text = "é".repeat(len / 2) + &"a".repeat(len % 2);
        let n = text.len() as u64;
        let mut heads = vec![];
        if n < 24 {
            heads.push(vec![0x60 | n as u8]);
        }
        if n < 0x100 {
            heads.push(vec![0x78, n as u8]);
        }
        if n < 0x1_0000 {
            heads.push([vec![0x79], (n as u16).to_be_bytes().to_vec()].concat());
        }
        heads.push([vec![0x7a], (n as u32).to_be_bytes().to_vec()].concat());
        heads.push([vec![0x7b], n.to_be_bytes().to_vec()].concat());
        for head in heads {
            let item = [vec![0x81], head.clone(), text.as_bytes().to_vec()].concat();
            assert_eq!(
                read::<Vec<String>>(&item),
                vec![text.clone()],
                "{head:02x?}"
            );
            if n > 0 {
                // Cut short: the general reading reports it, at the text's head.
                let e = fail::<Vec<String>>(&item[..item.len() - 1]);
                assert_eq!(e.offset(), Some(1), "{head:02x?}: {e}");
                assert!(e.message().contains("declares"), "{head:02x?}: {e}");
                // Not UTF-8: reported at the text's head.
                let mut bad = item.clone();
                let last = bad.len() - 1;
                bad[last] = 0xff;
                let e = fail::<Vec<String>>(&bad);
                assert_eq!(
                    (e.message(), e.offset()),
                    ("invalid UTF-8 in a text string", Some(1)),
                    "{head:02x?}"
                );
            }
        }
    }
}

/// A text string's payload is accepted exactly when the standard library calls it UTF-8,
/// whatever its length (short payloads and long ones take different checks): every one- and
/// two-byte payload, and three- and four-byte sequences built from each lead byte and the
/// continuation bytes at the edges of every range UTF-8 allows (overlong forms, surrogates,
/// code points past U+10FFFF, sequences cut short), alone and after ASCII and non-ASCII text
/// that puts them across the length where the checks change.
#[test]
fn text_is_accepted_exactly_when_it_is_utf8() {
    let edges = [
        0x00u8, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xF5, 0xFF,
    ];
    let mut payloads: Vec<Vec<u8>> = (0..=0xFFu8).map(|b| vec![b]).collect();
    for a in 0..=0xFFu8 {
        payloads.extend((0..=0xFFu8).map(|b| vec![a, b]));
    }
    for lead in 0xC0..=0xFFu8 {
        for b1 in edges {
            for b2 in edges {
                payloads.push(vec![lead, b1, b2]);
                payloads.extend(edges.map(|b3| vec![lead, b1, b2, b3]));
            }
        }
    }
    let prefixes = ["", "key-", "é", "中文", &"v".repeat(60), &"数据".repeat(20)];
    for payload in &payloads {
        for prefix in prefixes {
            let mut text = prefix.as_bytes().to_vec();
            text.extend_from_slice(payload);
            let mut item = Vec::new();
            match text.len() {
                n @ 0..=23 => item.push(0x60 | n as u8),
                n => {
                    item.push(0x78);
                    item.push(u8::try_from(n).unwrap_or_else(|e| panic!("{e}")));
                }
            }
            item.extend_from_slice(&text);
            let expected = std::str::from_utf8(&text).ok();
            match from_slice::<String>(&item) {
                Ok(read) => assert_eq!(Some(read.as_str()), expected, "{text:02x?}"),
                Err(e) => {
                    assert_eq!(expected, None, "{text:02x?}: {e}");
                    assert_eq!(e.message(), "invalid UTF-8 in a text string", "{text:02x?}");
                }
            }
        }
    }
}
