//! Reading CBOR into serde types, safely on hostile input.

use serde::de::{self, DeserializeSeed, Visitor};

use super::{
    Error, EPOCH_SECONDS, MAJOR_ARRAY, MAJOR_BYTES, MAJOR_MAP, MAJOR_NEGATIVE, MAJOR_SIMPLE,
    MAJOR_TAG, MAJOR_TEXT, MAJOR_UNSIGNED, RAW_ITEM,
};

type Result<T> = std::result::Result<T, Error>;

/// How deep arrays, maps and tags may nest, for typed reads and for skipping alike.
const MAX_DEPTH: usize = 128;
/// The "break" stop code that ends an indefinite-length item.
const BREAK: u8 = 0xff;
/// Tag 1: epoch-based date/time.
const TAG_EPOCH: u64 = 1;
/// Tag 55799: self-described CBOR, which means nothing and is skipped wherever it appears.
const TAG_SELF_DESCRIBED: u64 = 55799;

const INFO_FALSE: u8 = 20;
const INFO_TRUE: u8 = 21;
const INFO_NULL: u8 = 22;
const INFO_UNDEFINED: u8 = 23;
const INFO_SIMPLE_BYTE: u8 = 24;
const INFO_HALF: u8 = 25;
const INFO_SINGLE: u8 = 26;
const INFO_DOUBLE: u8 = 27;
const INFO_INDEFINITE: u8 = 31;

/// The head of one data item: its major type, additional information and argument.
#[derive(Debug, Clone, Copy)]
struct Header {
    /// Offset of the initial byte.
    start: usize,
    /// Offset just past the head (the argument bytes included).
    end: usize,
    major: u8,
    info: u8,
    /// The argument (a value, a length, a count, a tag number, or a float's raw bits); zero
    /// for indefinite lengths and for a break.
    arg: u64,
}

impl Header {
    #[inline]
    fn indefinite(&self) -> bool {
        self.info == INFO_INDEFINITE
    }

    #[inline]
    fn is_simple(&self, info: u8) -> bool {
        self.major == MAJOR_SIMPLE && self.info == info
    }

    /// The item, as an error message names it.
    fn describe(&self) -> String {
        match self.major {
            MAJOR_UNSIGNED => "an unsigned integer".into(),
            MAJOR_NEGATIVE => "a negative integer".into(),
            MAJOR_BYTES => "a byte string".into(),
            MAJOR_TEXT => "a text string".into(),
            MAJOR_ARRAY => "an array".into(),
            MAJOR_MAP => "a map".into(),
            MAJOR_TAG => format!("tag {}", self.arg),
            _ => match self.info {
                INFO_FALSE => "false".into(),
                INFO_TRUE => "true".into(),
                INFO_NULL => "null".into(),
                INFO_UNDEFINED => "undefined".into(),
                INFO_HALF | INFO_SINGLE | INFO_DOUBLE => "a float".into(),
                INFO_INDEFINITE => "a break".into(),
                _ => format!("simple value {}", self.arg),
            },
        }
    }
}

/// A text string: borrowed from the input when definite, assembled from chunks otherwise.
enum Text<'de> {
    Borrowed(&'de str),
    Owned(String),
}

/// A byte string: borrowed from the input when definite, assembled from chunks otherwise.
enum Bytes<'de> {
    Borrowed(&'de [u8]),
    Owned(Vec<u8>),
}

/// A number where a float is expected (the protocol allows integers there).
enum Number {
    Int(i128),
    Single(f32),
    Double(f64),
}

/// A container still open while skipping.
enum Frame {
    /// A definite array, map (two items an entry) or tag (one item) with this many items due.
    Items(u128),
    /// An indefinite array or map, open until a break; `value_due` says a map key was read.
    UntilBreak { map: bool, value_due: bool },
}

/// A deserializer over a byte slice, for DeserializeSeed users.
///
/// [`from_slice`](super::from_slice) covers the usual case; with this, call
/// [`end`](Deserializer::end) after reading to reject trailing bytes.
pub struct Deserializer<'de> {
    input: &'de [u8],
    pos: usize,
    depth: usize,
}

impl<'de> Deserializer<'de> {
    /// A deserializer that reads from the start of `input`.
    pub fn new(input: &'de [u8]) -> Self {
        Deserializer {
            input,
            pos: 0,
            depth: 0,
        }
    }

    /// Errors if bytes remain after what was read.
    pub fn end(&self) -> Result<()> {
        if self.pos < self.input.len() {
            Err(Error::at("bytes after the top-level item", self.pos))
        } else {
            Ok(())
        }
    }

    #[inline]
    fn remaining(&self) -> usize {
        self.input.len().saturating_sub(self.pos)
    }

    #[inline]
    fn at_break(&self) -> bool {
        self.input.get(self.pos) == Some(&BREAK)
    }

    /// Parses the head at `pos` without moving.
    #[inline]
    fn header_at(&self, pos: usize) -> Result<Header> {
        let initial = *self
            .input
            .get(pos)
            .ok_or_else(|| Error::at("end of input", pos))?;
        let major = initial >> 5;
        let info = initial & 0x1f;
        let width = match info {
            0..=23 => 0,
            24 => 1,
            25 => 2,
            26 => 4,
            27 => 8,
            28..=30 => {
                return Err(Error::at(
                    format!("reserved additional information {info}"),
                    pos,
                ))
            }
            _ => {
                if matches!(major, MAJOR_UNSIGNED | MAJOR_NEGATIVE | MAJOR_TAG) {
                    return Err(Error::at(
                        format!("indefinite length is not allowed for major type {major}"),
                        pos,
                    ));
                }
                0
            }
        };
        let arg = if info < 24 {
            u64::from(info)
        } else {
            let bytes = self
                .input
                .get(pos + 1..pos + 1 + width)
                .ok_or_else(|| Error::at("end of input", pos))?;
            bytes.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b))
        };
        Ok(Header {
            start: pos,
            end: pos + 1 + width,
            major,
            info,
            arg: if info == INFO_INDEFINITE { 0 } else { arg },
        })
    }

    /// The head of the next item, past any self-described CBOR tags (which are consumed);
    /// the head itself is not consumed.
    #[inline]
    fn peek(&mut self) -> Result<Header> {
        let mut tags = 0usize;
        loop {
            let header = self.header_at(self.pos)?;
            if header.major == MAJOR_TAG && header.arg == TAG_SELF_DESCRIBED {
                tags += 1;
                if self.depth + tags > MAX_DEPTH {
                    return Err(Error::at(
                        format!("nesting deeper than {MAX_DEPTH}"),
                        header.start,
                    ));
                }
                self.pos = header.end;
                continue;
            }
            return Ok(header);
        }
    }

    #[inline]
    fn enter(&mut self, start: usize) -> Result<()> {
        if self.depth >= MAX_DEPTH {
            return Err(Error::at(format!("nesting deeper than {MAX_DEPTH}"), start));
        }
        self.depth += 1;
        Ok(())
    }

    #[inline]
    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// The error for finding `header` where `expected` should be.
    fn unexpected(header: &Header, expected: &str) -> Error {
        let message = if header.major == MAJOR_TAG {
            format!("unexpected tag {}", header.arg)
        } else if header.is_simple(INFO_INDEFINITE) {
            "unexpected break".to_string()
        } else if header.major == 7 && (header.info < INFO_FALSE || header.info == INFO_SIMPLE_BYTE)
        {
            format!("unsupported simple value {}", header.arg)
        } else {
            format!("expected {expected}, found {}", header.describe())
        };
        Error::at(message, header.start)
    }

    /// The payload of a definite string whose head (`header`) was just consumed.
    #[inline]
    fn definite_payload(&mut self, header: &Header) -> Result<&'de [u8]> {
        let remaining = self.remaining();
        let n = usize::try_from(header.arg)
            .ok()
            .filter(|n| *n <= remaining)
            .ok_or_else(|| {
                let what = if header.major == MAJOR_BYTES {
                    "a byte string"
                } else {
                    "a text string"
                };
                Error::at(
                    format!("{what} declares {} bytes, {remaining} remain", header.arg),
                    header.start,
                )
            })?;
        let payload = self
            .input
            .get(self.pos..self.pos + n)
            .ok_or_else(|| Error::at("end of input", header.start))?;
        self.pos += n;
        Ok(payload)
    }

    /// Reads the chunks of an indefinite string whose head (`header`) was just consumed, up
    /// to and including the break, handing each chunk and its offset to `each`.
    fn chunks(
        &mut self,
        header: &Header,
        mut each: impl FnMut(&'de [u8], usize) -> Result<()>,
    ) -> Result<()> {
        loop {
            if self.at_break() {
                self.pos += 1;
                return Ok(());
            }
            let chunk = self.header_at(self.pos)?;
            if chunk.major != header.major || chunk.indefinite() {
                let what = if header.major == MAJOR_BYTES {
                    "byte string"
                } else {
                    "text string"
                };
                return Err(Error::at(
                    format!(
                        "a chunk of an indefinite-length {what} must be a definite-length \
                         {what}, found {}",
                        if chunk.indefinite() && chunk.major == header.major {
                            format!("an indefinite-length {what}")
                        } else {
                            chunk.describe()
                        }
                    ),
                    chunk.start,
                ));
            }
            self.pos = chunk.end;
            let payload = self.definite_payload(&chunk)?;
            each(payload, chunk.start)?;
        }
    }

    /// A text string whose head (`header`) was just consumed.
    #[inline]
    fn text(&mut self, header: &Header) -> Result<Text<'de>> {
        let utf8 = |bytes: &'de [u8], at: usize| {
            simdutf8::basic::from_utf8(bytes)
                .map_err(|_| Error::at("invalid UTF-8 in a text string", at))
        };
        if header.indefinite() {
            let mut text = String::new();
            self.chunks(header, |chunk, at| {
                text.push_str(utf8(chunk, at)?);
                Ok(())
            })?;
            Ok(Text::Owned(text))
        } else {
            let payload = self.definite_payload(header)?;
            Ok(Text::Borrowed(utf8(payload, header.start)?))
        }
    }

    /// A byte string whose head (`header`) was just consumed.
    #[inline]
    fn bytes(&mut self, header: &Header) -> Result<Bytes<'de>> {
        if header.indefinite() {
            let mut bytes = Vec::new();
            self.chunks(header, |chunk, _| {
                bytes.extend_from_slice(chunk);
                Ok(())
            })?;
            Ok(Bytes::Owned(bytes))
        } else {
            Ok(Bytes::Borrowed(self.definite_payload(header)?))
        }
    }

    /// A definite text string of fewer than 65,536 bytes (member names and most values),
    /// read without the general head parse; `None` for anything else, or a string that
    /// ends early, which [`expect_text`](Self::expect_text) then reads (and reports) the
    /// general way.
    #[inline]
    fn short_text(&mut self) -> Option<Result<(Text<'de>, usize)>> {
        let start = self.pos;
        let &initial = self.input.get(start)?;
        if initial >> 5 != MAJOR_TEXT {
            return None;
        }
        let (width, n) = match initial & 0x1F {
            n @ 0..=23 => (0, usize::from(n)),
            24 => (1, usize::from(*self.input.get(start + 1)?)),
            25 => {
                let &[high, low] = self.input.get(start + 1..start + 3)? else {
                    return None;
                };
                (2, usize::from(u16::from_be_bytes([high, low])))
            }
            _ => return None,
        };
        let from = start + 1 + width;
        let payload = self.input.get(from..from + n)?;
        self.pos = from + n;
        Some(match utf8(payload) {
            Some(text) => Ok((Text::Borrowed(text), start)),
            None => Err(Error::at("invalid UTF-8 in a text string", start)),
        })
    }

    /// Consumes the next item, which must be a text string.
    #[inline]
    fn expect_text(&mut self, expected: &str) -> Result<(Text<'de>, usize)> {
        if let Some(found) = self.short_text() {
            return found;
        }
        let header = self.peek()?;
        if header.major != MAJOR_TEXT {
            return Err(Self::unexpected(&header, expected));
        }
        self.pos = header.end;
        Ok((self.text(&header)?, header.start))
    }

    /// Consumes the next item, which must be an integer, and gives it with its offset.
    #[inline]
    fn integer(&mut self) -> Result<(i128, usize)> {
        let header = self.peek()?;
        let value = match header.major {
            MAJOR_UNSIGNED => i128::from(header.arg),
            MAJOR_NEGATIVE => -1 - i128::from(header.arg),
            7 if matches!(header.info, INFO_HALF | INFO_SINGLE | INFO_DOUBLE) => {
                return Err(Error::at(
                    "expected an integer, found a float",
                    header.start,
                ))
            }
            _ => return Err(Self::unexpected(&header, "an integer")),
        };
        self.pos = header.end;
        Ok((value, header.start))
    }

    /// Consumes the next item, which must be a float or an integer.
    #[inline]
    fn number(&mut self) -> Result<(Number, usize)> {
        let header = self.peek()?;
        let number = match (header.major, header.info) {
            (MAJOR_UNSIGNED, _) => Number::Int(i128::from(header.arg)),
            (MAJOR_NEGATIVE, _) => Number::Int(-1 - i128::from(header.arg)),
            (7, INFO_HALF) => Number::Single(f16_to_f32(header.arg as u16)),
            (7, INFO_SINGLE) => Number::Single(f32::from_bits(header.arg as u32)),
            (7, INFO_DOUBLE) => Number::Double(f64::from_bits(header.arg)),
            _ => return Err(Self::unexpected(&header, "a number")),
        };
        self.pos = header.end;
        Ok((number, header.start))
    }

    /// Reads an array whose head is `header` (not yet consumed) through `visitor`.
    fn array<V: Visitor<'de>>(&mut self, header: Header, visitor: V) -> Result<V::Value> {
        self.pos = header.end;
        self.enter(header.start)?;
        let mut access = Access::new(self, &header);
        let value = visitor.visit_seq(&mut access)?;
        access.finish(header.start, "an array")?;
        self.leave();
        Ok(value)
    }

    /// Reads a map whose head is `header` (not yet consumed) through `visitor`.
    fn map<V: Visitor<'de>>(&mut self, header: Header, visitor: V) -> Result<V::Value> {
        self.pos = header.end;
        self.enter(header.start)?;
        let mut access = Access::new(self, &header);
        let value = visitor.visit_map(&mut access)?;
        access.finish(header.start, "a map")?;
        self.leave();
        Ok(value)
    }

    /// Consumes one well-formed item of any kind, without recursion: open containers are
    /// kept on a stack no deeper than the nesting limit.
    fn skip(&mut self) -> Result<()> {
        let mut open: Vec<Frame> = Vec::new();
        loop {
            let header = self.header_at(self.pos)?;
            self.pos = header.end;
            match header.major {
                MAJOR_UNSIGNED | MAJOR_NEGATIVE => {}
                MAJOR_BYTES => {
                    if header.indefinite() {
                        self.chunks(&header, |_, _| Ok(()))?;
                    } else {
                        self.definite_payload(&header)?;
                    }
                }
                MAJOR_TEXT => {
                    self.text(&header)?;
                }
                MAJOR_ARRAY | MAJOR_MAP | MAJOR_TAG => {
                    self.enter(header.start)?;
                    let map = header.major == MAJOR_MAP;
                    open.push(if header.indefinite() {
                        Frame::UntilBreak {
                            map,
                            value_due: false,
                        }
                    } else if header.major == MAJOR_TAG {
                        Frame::Items(1)
                    } else if map {
                        Frame::Items(u128::from(header.arg) * 2)
                    } else {
                        Frame::Items(u128::from(header.arg))
                    });
                }
                _ => match header.info {
                    INFO_INDEFINITE => return Err(Error::at("unexpected break", header.start)),
                    INFO_SIMPLE_BYTE if header.arg < 32 => {
                        return Err(Error::at(
                            format!("simple value {} must not use the two-byte form", header.arg),
                            header.start,
                        ))
                    }
                    _ => {}
                },
            }
            // Close what is complete, and stop when nothing is open.
            loop {
                let Some(top) = open.last_mut() else {
                    return Ok(());
                };
                match top {
                    Frame::Items(0) => {
                        open.pop();
                        self.leave();
                    }
                    Frame::Items(n) => {
                        *n -= 1;
                        break;
                    }
                    Frame::UntilBreak { map, value_due } => {
                        if !*value_due && self.at_break() {
                            self.pos += 1;
                            open.pop();
                            self.leave();
                        } else {
                            if *map {
                                *value_due = !*value_due;
                            }
                            break;
                        }
                    }
                }
            }
        }
    }
}

/// Converts an IEEE 754 half-precision value to single precision (exactly: every half is
/// a single), subnormals, infinities and NaN included.
fn f16_to_f32(half: u16) -> f32 {
    let sign = u32::from(half >> 15) << 31;
    let exponent = u32::from((half >> 10) & 0x1f);
    let mantissa = u32::from(half & 0x3ff);
    match exponent {
        0 => {
            // Zero or subnormal: mantissa * 2^-24, exact in single precision.
            let magnitude = mantissa as f32 / 16_777_216.0;
            f32::from_bits(sign | magnitude.to_bits())
        }
        0x1f => f32::from_bits(sign | (0xff << 23) | (mantissa << 13)),
        _ => f32::from_bits(sign | ((exponent + 127 - 15) << 23) | (mantissa << 13)),
    }
}

/// Elements of an array or entries of a map, definite or indefinite.
struct Access<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    /// Elements (entries) left of a definite container; `None` for an indefinite one.
    left: Option<u64>,
    /// The end was reached (the count ran out, or the break was consumed).
    done: bool,
}

impl<'a, 'de> Access<'a, 'de> {
    fn new(de: &'a mut Deserializer<'de>, header: &Header) -> Self {
        Access {
            de,
            left: if header.indefinite() {
                None
            } else {
                Some(header.arg)
            },
            done: false,
        }
    }

    /// Whether another element (entry) follows, consuming the break if the end is reached.
    #[inline]
    fn next(&mut self) -> bool {
        if self.done {
            return false;
        }
        match &mut self.left {
            Some(0) => {
                self.done = true;
                false
            }
            Some(n) => {
                *n -= 1;
                true
            }
            None => {
                if self.de.at_break() {
                    self.de.pos += 1;
                    self.done = true;
                    false
                } else {
                    true
                }
            }
        }
    }

    /// Checks that the visitor read the whole container (consuming an indefinite one's break).
    fn finish(&mut self, start: usize, what: &str) -> Result<()> {
        if self.next() {
            Err(Error::at(
                format!("{what} has more entries than were read"),
                start,
            ))
        } else {
            Ok(())
        }
    }

    #[inline]
    fn size_hint(&self) -> Option<usize> {
        // Every element takes at least one byte, so no more than the bytes left can follow.
        let left = self.left?;
        let bytes = self.de.remaining();
        Some(usize::try_from(left).map_or(bytes, |left| left.min(bytes)))
    }
}

impl<'de> de::SeqAccess<'de> for Access<'_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if self.next() {
            seed.deserialize(&mut *self.de).map(Some)
        } else {
            Ok(None)
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Access::size_hint(self)
    }
}

impl<'de> de::MapAccess<'de> for Access<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.next() {
            seed.deserialize(&mut *self.de).map(Some)
        } else {
            Ok(None)
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        seed.deserialize(&mut *self.de)
    }

    fn size_hint(&self) -> Option<usize> {
        Access::size_hint(self)
    }
}

/// An enum: a text string (a unit variant), or a one-entry map from the variant's name to
/// its content.
struct Enum<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    in_map: bool,
}

impl Enum<'_, '_> {
    fn needs_map(&self, kind: &str) -> Error {
        Error::without_offset(format!(
            "expected a one-entry map for a {kind} variant, found a text string"
        ))
    }
}

impl<'a, 'de> de::EnumAccess<'de> for Enum<'a, 'de> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let variant = seed.deserialize(&mut *self.de)?;
        Ok((variant, self))
    }
}

impl<'de> de::VariantAccess<'de> for Enum<'_, 'de> {
    type Error = Error;

    fn unit_variant(self) -> Result<()> {
        if self.in_map {
            de::Deserialize::deserialize(&mut *self.de)
        } else {
            Ok(())
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        if self.in_map {
            seed.deserialize(&mut *self.de)
        } else {
            Err(self.needs_map("newtype"))
        }
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value> {
        if self.in_map {
            de::Deserializer::deserialize_tuple(&mut *self.de, len, visitor)
        } else {
            Err(self.needs_map("tuple"))
        }
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        if self.in_map {
            de::Deserializer::deserialize_map(&mut *self.de, visitor)
        } else {
            Err(self.needs_map("struct"))
        }
    }
}

macro_rules! integer_method {
    ($method:ident, $ty:ty, $visit:ident) => {
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            let (value, start) = self.integer()?;
            let value = <$ty>::try_from(value).map_err(|_| {
                Error::at(
                    format!("integer {value} out of range for {}", stringify!($ty)),
                    start,
                )
            })?;
            visitor.$visit(value).map_err(|e: Error| e.or_at(start))
        }
    };
}

impl<'de> de::Deserializer<'de> for &mut Deserializer<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let header = self.peek()?;
        let start = header.start;
        let result = match header.major {
            MAJOR_UNSIGNED => {
                self.pos = header.end;
                visitor.visit_u64(header.arg)
            }
            MAJOR_NEGATIVE => {
                self.pos = header.end;
                match i64::try_from(header.arg) {
                    Ok(n) => visitor.visit_i64(-1 - n),
                    Err(_) => visitor.visit_i128(-1 - i128::from(header.arg)),
                }
            }
            MAJOR_BYTES => {
                self.pos = header.end;
                match self.bytes(&header)? {
                    Bytes::Borrowed(b) => visitor.visit_borrowed_bytes(b),
                    Bytes::Owned(b) => visitor.visit_byte_buf(b),
                }
            }
            MAJOR_TEXT => {
                self.pos = header.end;
                match self.text(&header)? {
                    Text::Borrowed(s) => visitor.visit_borrowed_str(s),
                    Text::Owned(s) => visitor.visit_string(s),
                }
            }
            MAJOR_ARRAY => self.array(header, visitor),
            MAJOR_MAP => self.map(header, visitor),
            MAJOR_TAG if header.arg == TAG_EPOCH => {
                self.pos = header.end;
                self.enter(start)?;
                let value = visitor.visit_newtype_struct(&mut *self)?;
                self.leave();
                Ok(value)
            }
            _ => match (header.major, header.info) {
                (7, INFO_FALSE) => {
                    self.pos = header.end;
                    visitor.visit_bool(false)
                }
                (7, INFO_TRUE) => {
                    self.pos = header.end;
                    visitor.visit_bool(true)
                }
                (7, INFO_NULL | INFO_UNDEFINED) => {
                    self.pos = header.end;
                    visitor.visit_unit()
                }
                (7, INFO_HALF | INFO_SINGLE | INFO_DOUBLE) => match self.number()?.0 {
                    Number::Single(f) => visitor.visit_f32(f),
                    Number::Double(f) => visitor.visit_f64(f),
                    Number::Int(i) => visitor.visit_i128(i),
                },
                _ => Err(Deserializer::unexpected(&header, "a value")),
            },
        };
        result.map_err(|e: Error| e.or_at(start))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let header = self.peek()?;
        let value = match (header.major, header.info) {
            (7, INFO_FALSE) => false,
            (7, INFO_TRUE) => true,
            _ => return Err(Deserializer::unexpected(&header, "a boolean")),
        };
        self.pos = header.end;
        visitor
            .visit_bool(value)
            .map_err(|e: Error| e.or_at(header.start))
    }

    integer_method!(deserialize_i8, i8, visit_i8);
    integer_method!(deserialize_i16, i16, visit_i16);
    integer_method!(deserialize_i32, i32, visit_i32);
    integer_method!(deserialize_i64, i64, visit_i64);
    integer_method!(deserialize_i128, i128, visit_i128);
    integer_method!(deserialize_u8, u8, visit_u8);
    integer_method!(deserialize_u16, u16, visit_u16);
    integer_method!(deserialize_u32, u32, visit_u32);
    integer_method!(deserialize_u64, u64, visit_u64);
    integer_method!(deserialize_u128, u128, visit_u128);

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let (number, start) = self.number()?;
        let value = match number {
            Number::Int(i) => i as f32,
            Number::Single(f) => f,
            Number::Double(f) => f as f32,
        };
        visitor.visit_f32(value).map_err(|e: Error| e.or_at(start))
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let (number, start) = self.number()?;
        let value = match number {
            Number::Int(i) => i as f64,
            Number::Single(f) => f64::from(f),
            Number::Double(f) => f,
        };
        visitor.visit_f64(value).map_err(|e: Error| e.or_at(start))
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let (text, start) = self.expect_text("a one-character text string")?;
        let s = match &text {
            Text::Borrowed(s) => s,
            Text::Owned(s) => s.as_str(),
        };
        let mut chars = s.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => visitor.visit_char(c).map_err(|e: Error| e.or_at(start)),
            _ => Err(Error::at(
                format!(
                    "expected a one-character text string, found {} characters",
                    s.chars().count()
                ),
                start,
            )),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let (text, start) = self.expect_text("a text string")?;
        match text {
            Text::Borrowed(s) => visitor.visit_borrowed_str(s),
            Text::Owned(s) => visitor.visit_string(s),
        }
        .map_err(|e: Error| e.or_at(start))
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let header = self.peek()?;
        if header.major != MAJOR_BYTES {
            return Err(Deserializer::unexpected(&header, "a byte string"));
        }
        self.pos = header.end;
        match self.bytes(&header)? {
            Bytes::Borrowed(b) => visitor.visit_borrowed_bytes(b),
            Bytes::Owned(b) => visitor.visit_byte_buf(b),
        }
        .map_err(|e: Error| e.or_at(header.start))
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        // Most optional members are present and untagged: the first byte says so, and the
        // value's own read parses its head once, not twice.
        let start = self.pos;
        match self.input.get(start) {
            Some(&initial)
                if initial >> 5 != MAJOR_TAG
                    && initial != (MAJOR_SIMPLE << 5 | INFO_NULL)
                    && initial != (MAJOR_SIMPLE << 5 | INFO_UNDEFINED) =>
            {
                return visitor
                    .visit_some(&mut *self)
                    .map_err(|e: Error| e.or_at(start));
            }
            _ => {}
        }
        let header = self.peek()?;
        if header.is_simple(INFO_NULL) || header.is_simple(INFO_UNDEFINED) {
            self.pos = header.end;
            visitor.visit_none()
        } else {
            visitor.visit_some(&mut *self)
        }
        .map_err(|e: Error| e.or_at(header.start))
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let header = self.peek()?;
        if !(header.is_simple(INFO_NULL) || header.is_simple(INFO_UNDEFINED)) {
            return Err(Deserializer::unexpected(&header, "null"));
        }
        self.pos = header.end;
        visitor
            .visit_unit()
            .map_err(|e: Error| e.or_at(header.start))
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        if name == RAW_ITEM {
            let start = self.pos;
            self.skip()?;
            let item = self
                .input
                .get(start..self.pos)
                .ok_or_else(|| Error::at("end of input", start))?;
            return visitor
                .visit_borrowed_bytes(item)
                .map_err(|e: Error| e.or_at(start));
        }
        if name != EPOCH_SECONDS {
            return visitor.visit_newtype_struct(self);
        }
        let header = self.peek()?;
        if header.major != MAJOR_TAG || header.arg != TAG_EPOCH {
            return Err(Error::at(
                format!(
                    "expected tag 1 (epoch seconds), found {}",
                    header.describe()
                ),
                header.start,
            ));
        }
        self.pos = header.end;
        self.enter(header.start)?;
        let value = visitor
            .visit_newtype_struct(&mut *self)
            .map_err(|e: Error| e.or_at(header.start))?;
        self.leave();
        Ok(value)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let header = self.peek()?;
        if header.major != MAJOR_ARRAY {
            return Err(Deserializer::unexpected(&header, "an array"));
        }
        self.array(header, visitor)
            .map_err(|e: Error| e.or_at(header.start))
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let header = self.peek()?;
        if header.major != MAJOR_MAP {
            return Err(Deserializer::unexpected(&header, "a map"));
        }
        self.map(header, visitor)
            .map_err(|e: Error| e.or_at(header.start))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        let header = self.peek()?;
        let start = header.start;
        match header.major {
            MAJOR_TEXT => visitor
                .visit_enum(Enum {
                    de: &mut *self,
                    in_map: false,
                })
                .map_err(|e: Error| e.or_at(start)),
            MAJOR_MAP => {
                self.pos = header.end;
                let entries = if header.indefinite() {
                    if self.at_break() {
                        Some(0)
                    } else {
                        None
                    }
                } else {
                    Some(header.arg)
                };
                if let Some(n) = entries.filter(|n| *n != 1) {
                    return Err(Error::at(
                        format!("an enum must be a map of exactly one entry, found {n} entries"),
                        start,
                    ));
                }
                self.enter(start)?;
                let value = visitor
                    .visit_enum(Enum {
                        de: &mut *self,
                        in_map: true,
                    })
                    .map_err(|e: Error| e.or_at(start))?;
                if header.indefinite() {
                    if !self.at_break() {
                        return Err(Error::at(
                            "an enum must be a map of exactly one entry, found more",
                            start,
                        ));
                    }
                    self.pos += 1;
                }
                self.leave();
                Ok(value)
            }
            _ => Err(Deserializer::unexpected(
                &header,
                "a text string or a one-entry map (an enum)",
            )),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let start = self.pos;
        self.skip()?;
        visitor.visit_unit().map_err(|e: Error| e.or_at(start))
    }

    fn is_human_readable(&self) -> bool {
        false
    }
}

/// A text string's payload as text, if it is UTF-8: short payloads (member names, IDs) by the
/// standard library's chunked reading (`utf8_chunks`), whose first chunk is the whole text
/// exactly when the text is UTF-8, and which costs about a quarter less than `str::from_utf8` on
/// such payloads (`str::from_utf8` sets up word-at-a-time reading that text of a few bytes
/// never uses; `simdutf8` would call it for them anyway); longer ones by `simdutf8`'s vector
/// code for the CPU at hand.
#[inline]
fn utf8(payload: &[u8]) -> Option<&str> {
    if payload.len() < 64 {
        match payload.utf8_chunks().next() {
            None => Some(""),
            Some(chunk) if chunk.invalid().is_empty() => Some(chunk.valid()),
            Some(_) => None,
        }
    } else {
        simdutf8::basic::from_utf8(payload).ok()
    }
}
