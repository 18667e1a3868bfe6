//! The payload of an enum's `Unknown` variant.

use std::fmt;

/// A value an enum received that the model does not list, kept exactly as it arrived.
///
/// It can only be made by parsing, so an `Unknown` variant never holds a known value and
/// every value has exactly one representation.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnknownValue(String);

impl UnknownValue {
    /// Used by generated `From<&str>` impls, after they have ruled out the known values.
    #[doc(hidden)]
    pub fn new_unchecked(value: String) -> UnknownValue {
        UnknownValue(value)
    }

    /// The value as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Deserializes a string enum through its `From<&str>`/`From<String>` conversions, so known
/// values do not allocate and unknown ones are kept.
pub fn deserialize_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: for<'a> From<&'a str> + From<String>,
{
    struct EnumVisitor<T>(std::marker::PhantomData<T>);

    impl<T> serde::de::Visitor<'_> for EnumVisitor<T>
    where
        T: for<'a> From<&'a str> + From<String>,
    {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
            Ok(T::from(value))
        }

        fn visit_string<E: serde::de::Error>(self, value: String) -> Result<T, E> {
            Ok(T::from(value))
        }
    }

    deserializer.deserialize_str(EnumVisitor(std::marker::PhantomData))
}
