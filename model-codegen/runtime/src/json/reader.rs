//! A fast reader for the JSON that request and response bodies are made of, which leaves
//! everything else to serde_json.
//!
//! Validating a body reads each string twice: once to parse it and once to check its pattern.
//! Most of a body's bytes are in its strings, and serde_json finds a string's end eight bytes
//! a step; this reader has `memchr` find it with the vector instructions of the CPU it runs
//! on, which pays for much of the second reading.
//!
//! It never decides anything serde_json would decide differently. It takes only the plain
//! cases: UTF-8 text (already checked), structures, maps, lists, strings, booleans, null,
//! numbers, and serde_json's raw values (timestamps and documents keep their text). A number
//! that is not a plain integer is handed, as its text, to serde_json's own method for what
//! was asked (so an `f32` is rounded once, as serde_json rounds it). On anything else (any
//! error, bytes or 128-bit integers, serde's enums, nesting past serde_json's limit) it
//! declines, and the caller reads the body again with serde_json, whose value or error is
//! then the answer. A decline sticks, even if the type being read recovers from the error.
//! So a body this reader accepts gives the value serde_json would give (the tests compare the
//! two on arbitrary JSON), and every error message is serde_json's.

use std::fmt;

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

/// serde_json's name for a raw value (`serde_json::value::RawValue`), which it reads as a
/// one-entry map from this name to the value's text.
const RAW_VALUE: &str = "$serde_json::private::RawValue";

/// Containers nested deeper than this are left to serde_json, which allows 127.
const MAX_DEPTH: u8 = 127;

/// Reads a `T` from `text`, or `None` when serde_json should decide.
pub(super) fn read<'de, T: de::Deserialize<'de>>(text: &'de str) -> Option<T> {
    let mut reader = Reader {
        text,
        pos: 0,
        remaining_depth: MAX_DEPTH,
        scratch: String::new(),
        declined: false,
    };
    let value = T::deserialize(&mut reader).ok()?;
    reader.skip_whitespace();
    (!reader.declined && reader.pos == text.len()).then_some(value)
}

/// The reader's only error: serde_json should read this body.
#[derive(Debug)]
struct Declined;

impl fmt::Display for Declined {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("left to serde_json")
    }
}

impl std::error::Error for Declined {}

impl de::Error for Declined {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Declined
    }
}

type Result<T> = std::result::Result<T, Declined>;

/// serde_json's deserializer over text, to which numbers other than plain integers go.
type JsonDeserializer<'de> = serde_json::Deserializer<serde_json::de::StrRead<'de>>;

/// The text and the position in it.
struct Reader<'de> {
    text: &'de str,
    pos: usize,
    /// How many more containers may be opened.
    remaining_depth: u8,
    /// The last string that had escapes, unescaped.
    scratch: String,
    /// Whether the reader has declined anywhere, so that a type that recovers from the
    /// error (a default on failure) cannot make it take a body serde_json reads otherwise.
    declined: bool,
}

/// What [`Reader::skip_number`] found.
#[derive(PartialEq)]
enum Number {
    /// No sign, fraction or exponent, and at most 19 digits: it fits a `u64`.
    PlainInteger,
    /// Any other number, left to serde_json.
    Other,
}

/// A string as read: a slice of the body, or (when it had escapes) the reader's scratch.
enum Text<'de> {
    Borrowed(&'de str),
    Copied,
}

/// Whether a byte ends a string's plain run: the closing quote, an escape, or a control
/// character (which JSON does not allow in a string).
#[inline]
fn ends_run(b: u8) -> bool {
    b == b'"' || b == b'\\' || b < 0x20
}

/// The index of the first byte at or after `from` that [ends a run](ends_run), or
/// `bytes.len()`. The first [`WORD_BYTES`] are read eight bytes a step as `u64` words
/// ([`run_enders`]), which is all most keys, IDs and names need and costs no call. Past
/// them, `memchr` finds the next quote or backslash with the widest vector instructions the
/// running CPU has (it picks them at run time, so the speed does not depend on the build's
/// target), and a minimum over the run, which compiles to vector code on every target, says
/// whether a control character comes before it.
#[inline(never)]
fn run_end(bytes: &[u8], from: usize) -> usize {
    let Some(rest) = bytes.get(from..) else {
        return bytes.len();
    };
    let mut at = 0;
    while let Some(Ok(word)) = rest.get(at..at + 8).map(<[u8; 8]>::try_from) {
        if at == WORD_BYTES {
            return from + at + long_run_end(rest.get(at..).unwrap_or_default());
        }
        let hits = run_enders(u64::from_le_bytes(word));
        if hits != 0 {
            return from + at + (hits.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    let tail = rest.get(at..).unwrap_or_default();
    match tail.iter().position(|&b| ends_run(b)) {
        Some(k) => from + at + k,
        None => bytes.len(),
    }
}

/// How many bytes of a string [`run_end`] reads as words before it calls `memchr`.
const WORD_BYTES: usize = 32;

/// The bytes of `word` (little-endian) that [end a run](ends_run), each marked by its top
/// bit. A byte's mark is exact up to and including the first marked byte (the subtractions
/// borrow only out of a marked byte), which is all [`run_end`] reads.
#[inline(always)]
fn run_enders(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const TOPS: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x;
    let quote = zero_byte(word ^ (ONES * u64::from(b'"')));
    let backslash = zero_byte(word ^ (ONES * u64::from(b'\\')));
    let control = word.wrapping_sub(ONES * 0x20) & !word;
    (quote | backslash | control) & TOPS
}

/// [`run_end`] past the first words: the offset in `text` of the first byte that ends a
/// run, or `text.len()`.
fn long_run_end(text: &[u8]) -> usize {
    let end = memchr::memchr2(b'"', b'\\', text).unwrap_or(text.len());
    let run = text.get(..end).unwrap_or(text);
    if run.iter().fold(u8::MAX, |low, &b| low.min(b)) < 0x20 {
        if let Some(at) = run.iter().position(|&b| b < 0x20) {
            return at;
        }
    }
    end
}

#[inline]
fn hex_digit(b: u8) -> Result<u16> {
    match b {
        b'0'..=b'9' => Ok(u16::from(b - b'0')),
        b'a'..=b'f' => Ok(u16::from(b - b'a' + 10)),
        b'A'..=b'F' => Ok(u16::from(b - b'A' + 10)),
        _ => Err(Declined),
    }
}

// The small steps below are `#[inline]`: the reader is generic, so its instances are compiled
// in the crate that reads (the generated model's), and without the attribute these would
// stay calls into this crate on every token.
impl<'de> Reader<'de> {
    #[inline]
    fn bytes(&self) -> &'de [u8] {
        self.text.as_bytes()
    }

    #[inline]
    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.bytes().get(self.pos) {
            self.pos += 1;
        }
    }

    /// The next byte after whitespace, not consumed.
    #[inline]
    fn peek(&mut self) -> Result<u8> {
        self.skip_whitespace();
        self.bytes().get(self.pos).copied().ok_or(Declined)
    }

    /// Consumes `byte` after whitespace.
    #[inline]
    fn expect(&mut self, byte: u8) -> Result<()> {
        if self.peek()? != byte {
            return Err(Declined);
        }
        self.pos += 1;
        Ok(())
    }

    /// Consumes `word` (`null`, `true`, `false`) at the current position.
    #[inline]
    fn literal(&mut self, word: &[u8]) -> Result<()> {
        if self.bytes().get(self.pos..self.pos + word.len()) != Some(word) {
            return Err(Declined);
        }
        self.pos += word.len();
        Ok(())
    }

    /// A string, at its opening quote.
    #[inline(always)]
    fn string(&mut self) -> Result<Text<'de>> {
        let bytes = self.bytes();
        let start = self.pos + 1;
        let end = run_end(bytes, start);
        match bytes.get(end) {
            Some(b'"') => {
                self.pos = end + 1;
                self.text
                    .get(start..end)
                    .map(Text::Borrowed)
                    .ok_or(Declined)
            }
            Some(b'\\') => self.escaped_string(start, end),
            _ => Err(Declined),
        }
    }

    /// The rest of a string from `start`, whose first escape is at `escape`: out of line, so
    /// the common string costs no more than finding its end.
    #[cold]
    #[inline(never)]
    fn escaped_string(&mut self, start: usize, mut escape: usize) -> Result<Text<'de>> {
        let bytes = self.bytes();
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        let mut run = start;
        loop {
            scratch.push_str(self.text.get(run..escape).ok_or(Declined)?);
            let mut next = escape + 2;
            let c = match bytes.get(escape + 1).ok_or(Declined)? {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'u' => {
                    let (c, after) = self.unicode_escape(escape + 2)?;
                    next = after;
                    c
                }
                _ => return Err(Declined),
            };
            scratch.push(c);
            run = next;
            escape = run_end(bytes, run);
            match bytes.get(escape) {
                Some(b'"') => {
                    scratch.push_str(self.text.get(run..escape).ok_or(Declined)?);
                    self.pos = escape + 1;
                    self.scratch = scratch;
                    return Ok(Text::Copied);
                }
                Some(b'\\') => {}
                _ => return Err(Declined),
            }
        }
    }

    /// The character of a `\u` escape whose four hex digits start at `at`, and the index after
    /// it: a surrogate pair is two escapes; a lone surrogate is declined.
    fn unicode_escape(&self, at: usize) -> Result<(char, usize)> {
        let unit = |at: usize| -> Result<u16> {
            let digits = self.bytes().get(at..at + 4).ok_or(Declined)?;
            digits
                .iter()
                .try_fold(0u16, |n, &b| Ok((n << 4) | hex_digit(b)?))
        };
        let first = unit(at)?;
        match first {
            0xD800..=0xDBFF => {
                if self.bytes().get(at + 4..at + 6) != Some(b"\\u") {
                    return Err(Declined);
                }
                let second = unit(at + 6)?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(Declined);
                }
                let code =
                    0x10000 + ((u32::from(first) - 0xD800) << 10) + (u32::from(second) - 0xDC00);
                char::from_u32(code).map(|c| (c, at + 10)).ok_or(Declined)
            }
            0xDC00..=0xDFFF => Err(Declined),
            _ => char::from_u32(u32::from(first))
                .map(|c| (c, at + 4))
                .ok_or(Declined),
        }
    }

    /// Visits a string as serde_json does: borrowed when it had no escapes.
    fn visit_string<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        match self.string()? {
            Text::Borrowed(text) => visitor.visit_borrowed_str(text),
            Text::Copied => visitor.visit_str(&self.scratch),
        }
    }

    /// Runs `read` and remembers whether it declined.
    fn sticky<T>(&mut self, read: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        let result = read(self);
        if result.is_err() {
            self.declined = true;
        }
        result
    }

    /// Consumes a number at the current position, by JSON's grammar.
    fn skip_number(&mut self) -> Result<Number> {
        let bytes = self.bytes();
        let digits = |mut i: usize| {
            while let Some(b'0'..=b'9') = bytes.get(i) {
                i += 1;
            }
            i
        };
        let start = self.pos;
        let mut i = start;
        let negative = bytes.get(i) == Some(&b'-');
        if negative {
            i += 1;
        }
        let int_start = i;
        i = match bytes.get(i) {
            Some(b'0') => i + 1,
            Some(b'1'..=b'9') => digits(i + 1),
            _ => return Err(Declined),
        };
        // A digit after a leading zero ("01") is not JSON.
        if let Some(b'0'..=b'9') = bytes.get(i) {
            return Err(Declined);
        }
        let int_digits = i - int_start;
        let mut plain = !negative && int_digits <= 19;
        if bytes.get(i) == Some(&b'.') {
            let after = digits(i + 1);
            if after == i + 1 {
                return Err(Declined);
            }
            i = after;
            plain = false;
        }
        if let Some(b'e' | b'E') = bytes.get(i) {
            i += 1;
            if let Some(b'+' | b'-') = bytes.get(i) {
                i += 1;
            }
            let after = digits(i);
            if after == i {
                return Err(Declined);
            }
            i = after;
            plain = false;
        }
        self.pos = i;
        Ok(if plain {
            Number::PlainInteger
        } else {
            Number::Other
        })
    }

    /// Visits a number as serde_json does. A plain integer is read here (`visit_u64`, as
    /// serde_json reads it whatever was asked); any other number's text goes to `method` of
    /// serde_json's own deserializer, the one serde_json would have called, so the
    /// classification (`u64`, `i64` or `f64`) and the rounding are serde_json's.
    fn visit_number<V: Visitor<'de>>(
        &mut self,
        visitor: V,
        method: impl FnOnce(&mut JsonDeserializer<'de>, V) -> serde_json::Result<V::Value>,
    ) -> Result<V::Value> {
        let start = self.pos;
        if self.skip_number()? == Number::PlainInteger {
            let value = self
                .bytes()
                .get(start..self.pos)
                .unwrap_or_default()
                .iter()
                .fold(0u64, |n, &d| n * 10 + u64::from(d - b'0'));
            return visitor.visit_u64(value);
        }
        let token = self.text.get(start..self.pos).ok_or(Declined)?;
        let mut json = serde_json::Deserializer::from_str(token);
        let value = method(&mut json, visitor).map_err(|_| Declined)?;
        json.end().map_err(|_| Declined)?;
        Ok(value)
    }

    /// Opens a container, at its bracket.
    #[inline]
    fn enter(&mut self) -> Result<()> {
        self.remaining_depth = self.remaining_depth.checked_sub(1).ok_or(Declined)?;
        self.pos += 1;
        Ok(())
    }

    /// Reads a list, at its bracket, for `visitor`.
    fn read_list<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        self.enter()?;
        let value = visitor.visit_seq(Elements {
            reader: self,
            first: true,
        })?;
        self.remaining_depth += 1;
        self.expect(b']')?;
        Ok(value)
    }

    /// Reads an object, at its brace, for `visitor`.
    fn read_object<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        self.enter()?;
        let value = visitor.visit_map(Entries {
            reader: self,
            first: true,
        })?;
        self.remaining_depth += 1;
        self.expect(b'}')?;
        Ok(value)
    }

    /// Skips one value of any kind, checking its syntax, without recursion: the open
    /// containers are bits of `objects` (1 for an object), at most [`MAX_DEPTH`] of them.
    fn skip_value(&mut self) -> Result<()> {
        let mut objects = 0u128;
        let mut open = 0u8;
        loop {
            // A value is due.
            match self.peek()? {
                b'"' => {
                    self.string()?;
                }
                b'n' => self.literal(b"null")?,
                b't' => self.literal(b"true")?,
                b'f' => self.literal(b"false")?,
                b'-' | b'0'..=b'9' => {
                    self.skip_number()?;
                }
                bracket @ (b'[' | b'{') => {
                    if open == MAX_DEPTH {
                        return Err(Declined);
                    }
                    self.pos += 1;
                    let close = if bracket == b'[' { b']' } else { b'}' };
                    if self.peek()? != close {
                        objects = (objects << 1) | u128::from(bracket == b'{');
                        open += 1;
                        if bracket == b'{' {
                            self.skip_key()?;
                        }
                        continue;
                    }
                    self.pos += 1;
                }
                _ => return Err(Declined),
            }
            // A value has ended: close what it ends, up to the next value.
            loop {
                if open == 0 {
                    return Ok(());
                }
                let in_object = objects & 1 == 1;
                match self.peek()? {
                    b',' => {
                        self.pos += 1;
                        if in_object {
                            self.skip_key()?;
                        }
                        break;
                    }
                    b']' if !in_object => {}
                    b'}' if in_object => {}
                    _ => return Err(Declined),
                }
                self.pos += 1;
                objects >>= 1;
                open -= 1;
            }
        }
    }

    /// Skips an object's key and its colon.
    #[inline]
    fn skip_key(&mut self) -> Result<()> {
        if self.peek()? != b'"' {
            return Err(Declined);
        }
        self.string()?;
        self.expect(b':')
    }
}

/// The readings behind the [`Deserializer`](de::Deserializer) methods, which run each
/// through [`sticky`](Reader::sticky).
impl<'de> Reader<'de> {
    fn read_any<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        match self.peek()? {
            b'"' => self.visit_string(visitor),
            b'n' => {
                self.literal(b"null")?;
                visitor.visit_unit()
            }
            b't' | b'f' => self.read_bool(visitor),
            b'-' | b'0'..=b'9' => self.visit_number(visitor, |json, v| {
                de::Deserializer::deserialize_any(json, v)
            }),
            b'[' => self.read_list(visitor),
            b'{' => self.read_object(visitor),
            _ => Err(Declined),
        }
    }

    fn read_bool<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        match self.peek()? {
            b't' => {
                self.literal(b"true")?;
                visitor.visit_bool(true)
            }
            b'f' => {
                self.literal(b"false")?;
                visitor.visit_bool(false)
            }
            _ => Err(Declined),
        }
    }

    fn read_str<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        match self.peek()? {
            b'"' => self.visit_string(visitor),
            _ => Err(Declined),
        }
    }

    fn read_seq<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        match self.peek()? {
            b'[' => self.read_list(visitor),
            _ => Err(Declined),
        }
    }

    fn read_map<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        match self.peek()? {
            b'{' => self.read_object(visitor),
            _ => Err(Declined),
        }
    }

    fn read_option<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        if self.peek()? == b'n' {
            self.literal(b"null")?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn read_unit<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        if self.peek()? != b'n' {
            return Err(Declined);
        }
        self.literal(b"null")?;
        visitor.visit_unit()
    }

    fn read_newtype<V: Visitor<'de>>(&mut self, name: &str, visitor: V) -> Result<V::Value> {
        if name == RAW_VALUE {
            self.skip_whitespace();
            let start = self.pos;
            self.skip_value()?;
            let raw = self.text.get(start..self.pos).ok_or(Declined)?;
            return visitor.visit_map(RawEntry { raw: Some(raw) });
        }
        visitor.visit_newtype_struct(self)
    }

    fn read_ignored<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        self.skip_value()?;
        visitor.visit_unit()
    }
}

/// Number methods: a number, read as serde_json's method of the same name reads it.
macro_rules! numbers {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
                self.sticky(|reader| match reader.peek()? {
                    b'-' | b'0'..=b'9' => reader.visit_number(visitor, |json, v| {
                        de::Deserializer::$method(json, v)
                    }),
                    _ => Err(Declined),
                })
            }
        )*
    };
}

/// Methods that `reader` reads with `read` (a method of [`Reader`] taking the visitor).
macro_rules! read_with {
    ($read:ident: $($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
                self.sticky(|reader| reader.$read(visitor))
            }
        )*
    };
}

/// Methods left to serde_json whatever the text.
macro_rules! declined {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
                self.sticky(|_| Err(Declined))
            }
        )*
    };
}

/// Each method visits what serde_json's would for the same text, or declines.
impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Declined;

    read_with!(read_any: deserialize_any);

    read_with!(read_bool: deserialize_bool);

    numbers!(deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_u8
        deserialize_u16 deserialize_u32 deserialize_u64 deserialize_f32 deserialize_f64);

    read_with!(read_str: deserialize_char deserialize_str deserialize_string
        deserialize_identifier);

    read_with!(read_seq: deserialize_seq);

    read_with!(read_map: deserialize_map);

    read_with!(read_option: deserialize_option);

    read_with!(read_unit: deserialize_unit);

    read_with!(read_ignored: deserialize_ignored_any);

    // serde_json reads bytes from a string's raw text and 128-bit integers its own way.
    declined!(deserialize_bytes deserialize_byte_buf deserialize_i128 deserialize_u128);

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.sticky(|reader| reader.read_newtype(name, visitor))
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    /// Only the object form: serde_json also reads a structure from a list.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_map(visitor)
    }

    /// Left to serde_json: the generated code reads enums as strings, not serde's enums.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        _: V,
    ) -> Result<V::Value> {
        self.sticky(|_| Err(Declined))
    }
}

/// A list's elements.
struct Elements<'r, 'de> {
    reader: &'r mut Reader<'de>,
    first: bool,
}

impl<'de> SeqAccess<'de> for Elements<'_, 'de> {
    type Error = Declined;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        let first = std::mem::replace(&mut self.first, false);
        self.reader.sticky(|reader| {
            match reader.peek()? {
                b']' => return Ok(None),
                b',' if !first => {
                    reader.pos += 1;
                    // `[1,]` is not JSON.
                    if reader.peek()? == b']' {
                        return Err(Declined);
                    }
                }
                _ if first => {}
                _ => return Err(Declined),
            }
            seed.deserialize(reader).map(Some)
        })
    }
}

/// An object's entries.
struct Entries<'r, 'de> {
    reader: &'r mut Reader<'de>,
    first: bool,
}

impl<'de> MapAccess<'de> for Entries<'_, 'de> {
    type Error = Declined;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let first = std::mem::replace(&mut self.first, false);
        self.reader.sticky(|reader| {
            match reader.peek()? {
                b'}' => return Ok(None),
                b',' if !first => {
                    reader.pos += 1;
                    if reader.peek()? != b'"' {
                        return Err(Declined);
                    }
                }
                b'"' if first => {}
                _ => return Err(Declined),
            }
            let key = seed.deserialize(Key {
                reader: &mut *reader,
            })?;
            reader.expect(b':')?;
            Ok(Some(key))
        })
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        seed.deserialize(&mut *self.reader)
    }
}

/// An object's key, at its opening quote: a string however it is asked for, as serde_json
/// gives it; any other way of reading it (as a number, say) is left to serde_json.
struct Key<'r, 'de> {
    reader: &'r mut Reader<'de>,
}

impl<'de> Key<'_, 'de> {
    fn sticky<T>(self, read: impl FnOnce(&mut Reader<'de>) -> Result<T>) -> Result<T> {
        self.reader.sticky(read)
    }
}

impl<'de> de::Deserializer<'de> for Key<'_, 'de> {
    type Error = Declined;

    read_with!(visit_string: deserialize_any deserialize_str deserialize_string
        deserialize_identifier);

    declined!(deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_u128 deserialize_f32 deserialize_f64 deserialize_char deserialize_bytes
        deserialize_byte_buf deserialize_option deserialize_unit deserialize_seq
        deserialize_map deserialize_ignored_any);

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _: &'static str, _: V) -> Result<V::Value> {
        self.sticky(|_| Err(Declined))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: V,
    ) -> Result<V::Value> {
        self.sticky(|_| Err(Declined))
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value> {
        self.sticky(|_| Err(Declined))
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        _: V,
    ) -> Result<V::Value> {
        self.sticky(|_| Err(Declined))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        _: V,
    ) -> Result<V::Value> {
        self.sticky(|_| Err(Declined))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        _: V,
    ) -> Result<V::Value> {
        self.sticky(|_| Err(Declined))
    }
}

/// A raw value as serde_json hands it to `RawValue`: one entry, from [`RAW_VALUE`] to the
/// value's text.
struct RawEntry<'de> {
    raw: Option<&'de str>,
}

impl<'de> MapAccess<'de> for RawEntry<'de> {
    type Error = Declined;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.raw.is_none() {
            return Ok(None);
        }
        seed.deserialize(BorrowedStrDeserializer::new(RAW_VALUE))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let raw = self.raw.take().ok_or(Declined)?;
        seed.deserialize(BorrowedStrDeserializer::new(raw))
    }
}

#[cfg(test)]
mod run_end_tests {
    use super::{ends_run, run_end};

    /// The plain answer: the first byte that ends a run, one byte at a time.
    fn plain(bytes: &[u8], from: usize) -> usize {
        bytes
            .iter()
            .skip(from)
            .position(|&b| ends_run(b))
            .map_or(bytes.len(), |at| from + at)
    }

    #[test]
    fn every_run_ender_is_found_at_every_offset_and_start() {
        // Fillers near each boundary the word and vector steps test against: ASCII, the
        // bytes just above a control character, and the bytes of non-ASCII characters.
        let fillers: [&[u8]; 4] = [b"a", b" !", "é".as_bytes(), "\u{20000}".as_bytes()];
        let enders = [b'"', b'\\', 0x00, 0x1F, b'\n'];
        for filler in fillers {
            for len in 0..100 {
                let text: Vec<u8> = filler.iter().copied().cycle().take(len).collect();
                for from in [0, 1, 3, 8] {
                    assert_eq!(run_end(&text, from), plain(&text, from), "no ender, {len}");
                    for at in 0..len {
                        for ender in enders {
                            let mut text = text.clone();
                            text[at] = ender;
                            // A second ender after the first must not be what is found.
                            if at + 9 < len {
                                text[at + 9] = b'"';
                            }
                            assert_eq!(
                                run_end(&text, from),
                                plain(&text, from),
                                "ender {ender:#x} at {at} of {len}, from {from}"
                            );
                        }
                    }
                }
            }
        }
    }
}
