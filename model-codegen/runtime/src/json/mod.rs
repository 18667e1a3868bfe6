//! Reading JSON bodies. Every JSON protocol and every side (a request's input, a response's
//! output or error) reads through [`from_json_body`] or [`from_json_text`], so how a body is
//! read is decided once, here.

mod reader;

/// Reads a value from a JSON body. The whole body's UTF-8 is checked once up front, with
/// `simdutf8`'s vector code for the CPU at hand, which costs a fraction of serde_json
/// checking each string as it goes with the standard library's check (a quarter of
/// serde_json's work on a body of CJK text). A body that is not UTF-8 is read as bytes, so what happens to it (the
/// error, or invalid bytes inside an unknown member that is skipped) is exactly serde_json's.
pub fn from_json_body<'a, T: serde::Deserialize<'a>>(body: &'a [u8]) -> serde_json::Result<T> {
    match simdutf8::basic::from_utf8(body) {
        Ok(text) => from_json_text(text),
        Err(_) => serde_json::from_slice(body),
    }
}

/// Reads a value from a JSON body known to be UTF-8: with this crate's fast reader when it
/// can, which finds the ends of strings faster than serde_json (the patterns then read them
/// again), else with serde_json. The value is the one serde_json gives, and an error is
/// always serde_json's.
pub fn from_json_text<'a, T: serde::Deserialize<'a>>(text: &'a str) -> serde_json::Result<T> {
    match reader::read(text) {
        Some(value) => Ok(value),
        None => serde_json::from_str(text),
    }
}

#[cfg(test)]
pub(crate) mod tests;
