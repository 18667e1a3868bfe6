//! Writing serde types as CBOR: definite lengths, shortest heads, no half-precision floats.

use serde::ser::{self, Serialize};

use super::{
    write_head, Error, EPOCH_SECONDS, MAJOR_ARRAY, MAJOR_BYTES, MAJOR_MAP, MAJOR_NEGATIVE,
    MAJOR_TEXT, MAJOR_UNSIGNED, RAW_ITEM,
};

type Result<T> = std::result::Result<T, Error>;

const FALSE: u8 = 0xf4;
const TRUE: u8 = 0xf5;
const NULL: u8 = 0xf6;
const SINGLE: u8 = 0xfa;
const DOUBLE: u8 = 0xfb;
/// Tag 1 (epoch-based date/time), one byte.
const TAG_EPOCH: u8 = 0xc1;
/// The head of a map with one entry, which an enum variant with content becomes.
const ONE_ENTRY_MAP: u8 = 0xa1;

/// A length as a CBOR argument (lossless on every platform Rust supports).
fn length(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

/// The single-precision form of `value`, if it has one that reads back bit for bit.
fn exact_single(value: f64) -> Option<f32> {
    if value.is_nan() {
        // Done by hand: a cast's NaN payload is not specified. A NaN fits when the bits a
        // single lacks are zero.
        let bits = value.to_bits();
        let mantissa = bits & ((1 << 52) - 1);
        if mantissa & ((1 << 29) - 1) != 0 {
            return None;
        }
        let sign = ((bits >> 63) as u32) << 31;
        return Some(f32::from_bits(
            sign | (0xff << 23) | (mantissa >> 29) as u32,
        ));
    }
    let single = value as f32;
    (f64::from(single).to_bits() == value.to_bits()).then_some(single)
}

/// Writes CBOR into a buffer.
pub(super) struct Serializer {
    out: Vec<u8>,
    /// Set while a [`RAW_ITEM`] newtype writes its value: bytes then go out as they are.
    raw: bool,
}

impl Serializer {
    pub(super) fn new() -> Self {
        Serializer {
            out: Vec::new(),
            raw: false,
        }
    }

    pub(super) fn into_inner(self) -> Vec<u8> {
        self.out
    }

    fn text(&mut self, text: &str) {
        write_head(&mut self.out, MAJOR_TEXT, length(text.len()));
        self.out.extend_from_slice(text.as_bytes());
    }

    /// Starts an array or map: with the head for `declared` entries when it is known, and
    /// none yet otherwise.
    fn begin(&mut self, major: u8, declared: Option<usize>) -> Compound<'_> {
        let start = self.out.len();
        let declared = declared.map(length);
        if let Some(n) = declared {
            write_head(&mut self.out, major, n);
        }
        let head_len = self.out.len() - start;
        Compound {
            ser: self,
            major,
            start,
            head_len,
            declared,
            count: 0,
        }
    }
}

/// An array or map being written. Its head is written up front when serde knows the count,
/// and put right at the end when the count was unknown or turned out different.
pub(super) struct Compound<'a> {
    ser: &'a mut Serializer,
    major: u8,
    /// Where the container (its head, if written) starts in the output.
    start: usize,
    /// Bytes of head written at `start` (zero when the count was unknown).
    head_len: usize,
    declared: Option<u64>,
    /// Elements (entries) actually written.
    count: u64,
}

impl Compound<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        value.serialize(&mut *self.ser)?;
        self.count += 1;
        Ok(())
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<()> {
        self.ser.text(key);
        self.element(value)
    }

    fn finish(self) -> Result<()> {
        if self.declared != Some(self.count) {
            let mut head = Vec::with_capacity(9);
            write_head(&mut head, self.major, self.count);
            let out = &mut self.ser.out;
            let body = out.split_off(self.start + self.head_len);
            out.truncate(self.start);
            out.extend_from_slice(&head);
            out.extend_from_slice(&body);
        }
        Ok(())
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.element(value)
    }

    fn end(self) -> Result<()> {
        self.finish()
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.element(value)
    }

    fn end(self) -> Result<()> {
        self.finish()
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.element(value)
    }

    fn end(self) -> Result<()> {
        self.finish()
    }
}

impl ser::SerializeTupleVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.element(value)
    }

    fn end(self) -> Result<()> {
        self.finish()
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        key.serialize(&mut *self.ser)
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.element(value)
    }

    fn end(self) -> Result<()> {
        self.finish()
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        self.field(key, value)
    }

    fn end(self) -> Result<()> {
        self.finish()
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        self.field(key, value)
    }

    fn end(self) -> Result<()> {
        self.finish()
    }
}

impl<'a> ser::Serializer for &'a mut Serializer {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result<()> {
        self.out.push(if v { TRUE } else { FALSE });
        Ok(())
    }

    fn serialize_i8(self, v: i8) -> Result<()> {
        self.serialize_i64(i64::from(v))
    }

    fn serialize_i16(self, v: i16) -> Result<()> {
        self.serialize_i64(i64::from(v))
    }

    fn serialize_i32(self, v: i32) -> Result<()> {
        self.serialize_i64(i64::from(v))
    }

    fn serialize_i64(self, v: i64) -> Result<()> {
        match u64::try_from(v) {
            Ok(v) => write_head(&mut self.out, MAJOR_UNSIGNED, v),
            // -1 - v for negative v is !v, which is never negative.
            Err(_) => write_head(&mut self.out, MAJOR_NEGATIVE, !v as u64),
        }
        Ok(())
    }

    fn serialize_i128(self, v: i128) -> Result<()> {
        let (major, arg) = if v >= 0 {
            (MAJOR_UNSIGNED, u64::try_from(v))
        } else {
            (MAJOR_NEGATIVE, u64::try_from(-1 - v))
        };
        let arg = arg.map_err(|_| {
            Error::without_offset(format!("integer {v} is outside CBOR's 64-bit range"))
        })?;
        write_head(&mut self.out, major, arg);
        Ok(())
    }

    fn serialize_u8(self, v: u8) -> Result<()> {
        self.serialize_u64(u64::from(v))
    }

    fn serialize_u16(self, v: u16) -> Result<()> {
        self.serialize_u64(u64::from(v))
    }

    fn serialize_u32(self, v: u32) -> Result<()> {
        self.serialize_u64(u64::from(v))
    }

    fn serialize_u64(self, v: u64) -> Result<()> {
        write_head(&mut self.out, MAJOR_UNSIGNED, v);
        Ok(())
    }

    fn serialize_u128(self, v: u128) -> Result<()> {
        let v = u64::try_from(v).map_err(|_| {
            Error::without_offset(format!("integer {v} is outside CBOR's 64-bit range"))
        })?;
        self.serialize_u64(v)
    }

    fn serialize_f32(self, v: f32) -> Result<()> {
        self.out.push(SINGLE);
        self.out.extend_from_slice(&v.to_bits().to_be_bytes());
        Ok(())
    }

    fn serialize_f64(self, v: f64) -> Result<()> {
        match exact_single(v) {
            Some(single) => self.serialize_f32(single),
            None => {
                self.out.push(DOUBLE);
                self.out.extend_from_slice(&v.to_bits().to_be_bytes());
                Ok(())
            }
        }
    }

    fn serialize_char(self, v: char) -> Result<()> {
        self.text(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<()> {
        self.text(v);
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<()> {
        if std::mem::take(&mut self.raw) {
            self.out.extend_from_slice(v);
            return Ok(());
        }
        write_head(&mut self.out, MAJOR_BYTES, length(v.len()));
        self.out.extend_from_slice(v);
        Ok(())
    }

    fn serialize_none(self) -> Result<()> {
        self.out.push(NULL);
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<()> {
        self.out.push(NULL);
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<()> {
        self.out.push(NULL);
        Ok(())
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<()> {
        self.text(variant);
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<()> {
        if name == RAW_ITEM {
            self.raw = true;
            let written = value.serialize(&mut *self);
            self.raw = false;
            return written;
        }
        if name == EPOCH_SECONDS {
            self.out.push(TAG_EPOCH);
        }
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<()> {
        self.out.push(ONE_ENTRY_MAP);
        self.text(variant);
        value.serialize(self)
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Compound<'a>> {
        Ok(self.begin(MAJOR_ARRAY, len))
    }

    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>> {
        Ok(self.begin(MAJOR_ARRAY, Some(len)))
    }

    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a>> {
        Ok(self.begin(MAJOR_ARRAY, Some(len)))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'a>> {
        self.out.push(ONE_ENTRY_MAP);
        self.text(variant);
        Ok(self.begin(MAJOR_ARRAY, Some(len)))
    }

    fn serialize_map(self, len: Option<usize>) -> Result<Compound<'a>> {
        Ok(self.begin(MAJOR_MAP, len))
    }

    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a>> {
        Ok(self.begin(MAJOR_MAP, Some(len)))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'a>> {
        self.out.push(ONE_ENTRY_MAP);
        self.text(variant);
        Ok(self.begin(MAJOR_MAP, Some(len)))
    }

    fn collect_str<T: std::fmt::Display + ?Sized>(self, value: &T) -> Result<()> {
        self.text(&value.to_string());
        Ok(())
    }

    fn is_human_readable(&self) -> bool {
        false
    }
}
