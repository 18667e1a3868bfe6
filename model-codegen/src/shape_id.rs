//! Smithy shape ids: `namespace#Name`, and member ids `namespace#Name$member`.

use std::fmt;

/// An absolute shape id such as `example.weather#CityId`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ShapeId {
    namespace: String,
    name: String,
}

/// The namespace of Smithy's prelude shapes and traits.
pub const PRELUDE_NAMESPACE: &str = "smithy.api";

impl ShapeId {
    /// Parses an absolute shape id. Member ids (with `$`) are rejected: shapes are never members.
    pub fn parse(text: &str) -> Result<ShapeId, String> {
        let Some((namespace, name)) = text.split_once('#') else {
            return Err(format!(
                "`{text}` is not an absolute shape id (namespace#Name)"
            ));
        };
        if !is_namespace(namespace) {
            return Err(format!("`{text}` has an invalid namespace"));
        }
        if !is_identifier(name) {
            return Err(format!("`{text}` has an invalid shape name"));
        }
        Ok(ShapeId {
            namespace: namespace.to_owned(),
            name: name.to_owned(),
        })
    }

    /// A member id used where a shape id belongs (`a.b#S$m` as a member's target): kept so
    /// that `check` can say members cannot be targeted, instead of the model not loading.
    /// Its name holds the `$member` part; nothing is generated from a model holding one.
    pub fn parse_member_reference(text: &str) -> Option<ShapeId> {
        let (shape, member) = text.split_once('$')?;
        let id = ShapeId::parse(shape).ok()?;
        is_identifier(member).then(|| ShapeId {
            name: format!("{}${member}", id.name),
            namespace: id.namespace,
        })
    }

    /// The id of the prelude shape `name`, for the generator's own prelude shapes; `name` is
    /// one of its constants, an identifier, so nothing is parsed.
    pub fn prelude(name: &str) -> ShapeId {
        ShapeId {
            namespace: PRELUDE_NAMESPACE.to_owned(),
            name: name.to_owned(),
        }
    }

    /// The part before `#`.
    pub fn namespace(&self) -> &str {
        &self.namespace
    }

    /// The part after `#`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether this is one of Smithy's prelude shapes (`smithy.api#String`, ...).
    pub fn is_prelude(&self) -> bool {
        self.namespace == PRELUDE_NAMESPACE
    }

    /// The id of one of this shape's members, for messages.
    pub fn member(&self, member: &str) -> String {
        format!("{self}${member}")
    }
}

impl fmt::Display for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.namespace, self.name)
    }
}

/// A shape id's text split at its member: `ns#Shape$member` into `ns#Shape` and
/// `Some("member")`, a shape's id into itself and `None`. For ids still in text: the IDL's,
/// relative or absolute, and the JSON AST's `apply` targets.
pub fn split_member(text: &str) -> (&str, Option<&str>) {
    match text.split_once('$') {
        Some((root, member)) => (root, Some(member)),
        None => (text, None),
    }
}

/// Whether `text` is a namespace: identifiers joined by `.`.
pub fn is_namespace(text: &str) -> bool {
    text.split('.').all(is_identifier)
}

/// Smithy identifiers: a letter or `_`, then letters, digits and `_` (at least one non-`_`).
pub fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    (first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && text.chars().any(|c| c != '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_namespace_and_name() {
        let id = ShapeId::parse("example.weather#CityId");
        assert_eq!(
            id.as_ref().map(|i| (i.namespace(), i.name())),
            Ok(("example.weather", "CityId"))
        );
    }

    #[test]
    fn rejects_malformed_ids() {
        for bad in [
            "BackupId", "#A", "a#", "a..b#A", "a#1A", "a#A$b", "a#A-B", "a#__",
        ] {
            assert!(ShapeId::parse(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn recognises_the_prelude() {
        assert!(ShapeId::parse("smithy.api#String").is_ok_and(|id| id.is_prelude()));
        assert!(!ShapeId::parse("a.b#String").is_ok_and(|id| id.is_prelude()));
    }
}
