//! CBOR (RFC 8949) for the crate's serde types, so the impls written for JSON also speak
//! Smithy RPC v2 CBOR.
//!
//! Writing ([`to_vec`]) always uses definite lengths and the shortest integer heads, and
//! never half-precision floats (the protocol says it SHOULD NOT). A timestamp serializes
//! through the newtype struct named [`EPOCH_SECONDS`], which becomes tag 1 around the
//! number.
//!
//! Reading ([`from_slice`], [`Deserializer`]) is meant for hostile input: it never allocates
//! by a declared length, limits nesting to 128 (arrays, maps and tags) both for typed reads
//! and for skipped members, skips without recursion, and reports every failure as an
//! [`Error`] with the byte offset of the item at fault rather than panicking.

mod de;
mod ser;
#[cfg(test)]
mod tests;

pub use de::Deserializer;

use std::fmt;

/// The name of the newtype struct a timestamp serializes through: the CBOR serializer writes it as tag 1
/// around the inner number, and the deserializer requires tag 1 there.
pub const EPOCH_SECONDS: &str = "$smithy::epoch-seconds";

/// The name of the newtype struct through which a value is kept as its CBOR bytes: reading
/// hands the visitor the whole next item, well-formed and skipped, as borrowed bytes; writing
/// copies the bytes it wraps as they are (they must be one item, as read). A union keeps a
/// member the model does not know this way. Hidden: the bytes written are not checked, so
/// only values read through it should go back through it.
#[doc(hidden)]
pub const RAW_ITEM: &str = "$cbor::raw-item";

// The major types (RFC 8949 section 3.1).
pub(crate) const MAJOR_UNSIGNED: u8 = 0;
pub(crate) const MAJOR_NEGATIVE: u8 = 1;
pub(crate) const MAJOR_BYTES: u8 = 2;
pub(crate) const MAJOR_TEXT: u8 = 3;
pub(crate) const MAJOR_ARRAY: u8 = 4;
pub(crate) const MAJOR_MAP: u8 = 5;
pub(crate) const MAJOR_TAG: u8 = 6;
/// Floats and simple values (false, true, null, undefined).
pub(crate) const MAJOR_SIMPLE: u8 = 7;

/// Appends the shortest head for `major` (0..=7) and `arg`.
pub(crate) fn write_head(out: &mut Vec<u8>, major: u8, arg: u64) {
    let major = major << 5;
    if arg < 24 {
        out.push(major | arg as u8);
    } else if let Ok(arg) = u8::try_from(arg) {
        out.extend_from_slice(&[major | 24, arg]);
    } else if let Ok(arg) = u16::try_from(arg) {
        out.push(major | 25);
        out.extend_from_slice(&arg.to_be_bytes());
    } else if let Ok(arg) = u32::try_from(arg) {
        out.push(major | 26);
        out.extend_from_slice(&arg.to_be_bytes());
    } else {
        out.push(major | 27);
        out.extend_from_slice(&arg.to_be_bytes());
    }
}

/// Writes a value as CBOR.
pub fn to_vec<T: serde::Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, Error> {
    let mut serializer = ser::Serializer::new();
    value.serialize(&mut serializer)?;
    Ok(serializer.into_inner())
}

/// Reads one CBOR item that must fill `input` exactly (bytes after it are an error).
pub fn from_slice<'de, T: serde::Deserialize<'de>>(input: &'de [u8]) -> Result<T, Error> {
    let mut deserializer = Deserializer::new(input);
    let value = T::deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

/// What went wrong, and at which byte offset of the input (reading) or nothing (writing).
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    message: String,
    offset: Option<usize>,
}

impl Error {
    /// An error about the item that starts at `offset` of the input.
    pub(crate) fn at(message: impl Into<String>, offset: usize) -> Self {
        Error {
            message: message.into(),
            offset: Some(offset),
        }
    }

    /// An error with no place in an input (writing, or raised by a visitor).
    pub(crate) fn without_offset(message: impl Into<String>) -> Self {
        Error {
            message: message.into(),
            offset: None,
        }
    }

    /// Gives an error that has no offset yet (one a visitor raised) the offset of the item
    /// being read; an error that already names a place keeps it.
    pub(crate) fn or_at(mut self, offset: usize) -> Self {
        if self.offset.is_none() {
            self.offset = Some(offset);
        }
        self
    }

    /// The byte offset of the input where the offending item starts; `None` for errors
    /// raised while writing.
    pub fn offset(&self) -> Option<usize> {
        self.offset
    }

    /// What went wrong, without the offset.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.offset {
            Some(offset) => write!(f, "{} at byte {offset}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {}

impl serde::de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error::without_offset(message.to_string())
    }
}

impl serde::ser::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error::without_offset(message.to_string())
    }
}
