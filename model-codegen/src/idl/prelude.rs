//! The names the prelude (`smithy.api`) defines, for relative shape id resolution.
//!
//! A relative id that is neither imported nor defined in the current namespace resolves to
//! `smithy.api` when the prelude has a shape of that name. The prelude is not always among
//! the files being converted, so its names are listed here (taken from the Smithy 2.0
//! prelude model; private helper shapes included, which is harmless: no other namespace is
//! consulted at that step).

/// Every shape name in the Smithy 2.0 prelude, sorted (for binary search).
const PRELUDE_NAMES: &[&str] = &[
    "AuthTraitReference",
    "BigDecimal",
    "BigInteger",
    "Blob",
    "Boolean",
    "Byte",
    "ClosureId",
    "CommonMark",
    "Document",
    "Double",
    "EnumConstantBodyName",
    "EnumDefinition",
    "Example",
    "ExampleError",
    "Float",
    "HttpApiKeyLocations",
    "IdempotentErrors",
    "Identifier",
    "Integer",
    "LocalMixinTrait",
    "LocalMixinTraitList",
    "Long",
    "Namespaces",
    "NonEmptyString",
    "NonEmptyStringList",
    "NonEmptyStringMap",
    "PrimitiveBoolean",
    "PrimitiveByte",
    "PrimitiveDouble",
    "PrimitiveFloat",
    "PrimitiveInteger",
    "PrimitiveLong",
    "PrimitiveShort",
    "Reference",
    "Renames",
    "RequestCompressionEncodingsList",
    "Severity",
    "ShapeClosure",
    "ShapeClosures",
    "Short",
    "String",
    "StructurallyExclusive",
    "Timestamp",
    "TraitChangeType",
    "TraitDiffRule",
    "TraitDiffRules",
    "TraitShapeId",
    "TraitShapeIdList",
    "TraitValidator",
    "Unit",
    "addedDefault",
    "auth",
    "authDefinition",
    "box",
    "clientOptional",
    "cors",
    "default",
    "deprecated",
    "documentation",
    "endpoint",
    "enum",
    "enumValue",
    "error",
    "eventHeader",
    "eventPayload",
    "examples",
    "externalDocumentation",
    "hostLabel",
    "http",
    "httpApiKeyAuth",
    "httpBasicAuth",
    "httpBearerAuth",
    "httpChecksumRequired",
    "httpDigestAuth",
    "httpError",
    "httpHeader",
    "httpLabel",
    "httpPayload",
    "httpPrefixHeaders",
    "httpQuery",
    "httpQueryParams",
    "httpResponseCode",
    "idRef",
    "idempotencyToken",
    "idempotent",
    "input",
    "internal",
    "jsonName",
    "length",
    "longPoll",
    "mediaType",
    "metadata",
    "mixin",
    "nestedProperties",
    "noReplace",
    "notProperty",
    "optionalAuth",
    "output",
    "paginated",
    "pattern",
    "private",
    "property",
    "protocolDefinition",
    "range",
    "readonly",
    "recommended",
    "references",
    "requestCompression",
    "required",
    "requiresLength",
    "resourceIdentifier",
    "retryable",
    "sensitive",
    "since",
    "sparse",
    "streaming",
    "suppress",
    "tags",
    "timestampFormat",
    "title",
    "trait",
    "traitValidators",
    "uniqueItems",
    "unitType",
    "unstable",
    "xmlAttribute",
    "xmlFlattened",
    "xmlName",
    "xmlNamespace",
];

/// Whether the prelude defines a shape named `name`.
pub(super) fn is_prelude_name(name: &str) -> bool {
    PRELUDE_NAMES.binary_search(&name).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_sorted_so_binary_search_works() {
        assert!(PRELUDE_NAMES
            .windows(2)
            .all(|w| matches!(w, [a, b] if a < b)));
    }

    #[test]
    fn common_names_are_known() {
        for name in [
            "String",
            "Unit",
            "PrimitiveInteger",
            "required",
            "documentation",
            "httpError",
            "enumValue",
            "default",
            "input",
            "output",
        ] {
            assert!(is_prelude_name(name), "{name}");
        }
        assert!(!is_prelude_name("MyString"));
    }
}
