//! Smithy names to Rust identifiers.
//!
//! Type names are UpperCamelCase, fields and modules snake_case; Rust keywords become raw
//! identifiers (or get a `_` suffix where Rust forbids raw forms).

/// Splits a Smithy name into lowercase words: `BackupId` -> `backup id`, `HTTPServer` ->
/// `http server`, `NON_FIPS` -> `non fips`, `ipV6Address` -> `ip v6 address`.
pub fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let boundary = match prev {
            Some(p) if c.is_ascii_uppercase() => {
                p.is_ascii_lowercase()
                    || (p.is_ascii_digit() && !current.is_empty() && current.len() > 1)
                    || (p.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase()))
            }
            _ => false,
        };
        if boundary && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        current.push(c.to_ascii_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// `BackupId` -> `BackupId`, `errorMessage` -> `ErrorMessage`, `NON_FIPS` -> `NonFips`.
pub fn upper_camel(name: &str) -> String {
    let mut out = String::new();
    for word in words(name) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    if is_keyword(&out) {
        out.push('_');
    }
    out
}

/// Names generated code uses unqualified inside the modules that hold the model's types
/// (prelude types and traits): a type of the model with one of these names would hide it.
const PRELUDE_NAMES: &[&str] = &[
    "Result", "Option", "String", "Vec", "Box", "Default", "From", "Into", "AsRef", "Some", "None",
    "Ok", "Err",
];

/// The Rust name of a type the model defines: UpperCamelCase, with a `_` suffix for a name
/// generated code needs for the prelude's (`Result` -> `Result_`), as for keywords.
pub fn type_name(name: &str) -> String {
    let mut out = upper_camel(name);
    if PRELUDE_NAMES.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

/// The builder of the type called `ident`: `TagBuilder`, `ResultBuilder` for `Result_`.
pub fn builder_name(ident: &str) -> String {
    format!("{}Builder", ident.trim_end_matches('_'))
}

/// Methods every generated builder has (`build`, and `check` and `Default::default` called
/// by path), which a member's setter must not take.
pub const BUILDER_METHODS: &[&str] = &["build", "check", "default"];

/// Methods every generated operation input has, which a member's getter must not take.
pub const INPUT_METHODS: &[&str] = &["builder", "into_builder"];

/// A member's method name: its field name, or `<name>_value` when `reserved` lists it (a
/// member `Build` has the setter `build_value`, beside the builder's `build()`).
pub fn method_name(field: &str, reserved: &[&str]) -> String {
    if reserved.contains(&field) {
        format!("{field}_value")
    } else {
        field.to_owned()
    }
}

/// The variant generated enums and unions keep what the model does not list in.
pub const UNKNOWN_VARIANT: &str = "Unknown";

/// The Rust variant names of an enum's values or a union's members, in order: each name in
/// UpperCamelCase, except that one that would take the catch-all's name ([`UNKNOWN_VARIANT`],
/// from `UNKNOWN`, `Unknown`, `unknown`) becomes `UnknownValue`, or `UnknownValue2`,
/// `UnknownValue3`, ... when another name already is that. So no model name can be the
/// catch-all, and the renaming clashes with no other name.
pub fn variant_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    variants_besides(names, UNKNOWN_VARIANT)
}

/// [`variant_names`] for an enum whose catch-all variant is `catch_all` (an operation's
/// error enum keeps unmodeled errors in `Unhandled`): a name that would take it becomes
/// `<catch_all>Value` (or `<catch_all>Value2`, ...).
pub fn variants_besides<'a>(
    names: impl IntoIterator<Item = &'a str>,
    catch_all: &str,
) -> Vec<String> {
    let camel: Vec<String> = names.into_iter().map(upper_camel).collect();
    let mut taken: std::collections::BTreeSet<String> =
        camel.iter().filter(|n| *n != catch_all).cloned().collect();
    camel
        .into_iter()
        .map(|name| {
            if name != catch_all {
                return name;
            }
            let base = format!("{catch_all}Value");
            let mut candidate = base.clone();
            let mut n = 2;
            while taken.contains(&candidate) {
                candidate = format!("{base}{n}");
                n += 1;
            }
            taken.insert(candidate.clone());
            candidate
        })
        .collect()
}

/// `BackupId` -> `backup_id`, `Type` -> `r#type`, `Self` -> `self_`.
pub fn snake(name: &str) -> String {
    let mut out = words(name).join("_");
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    escape_keyword(out)
}

/// `BackupId` -> `BACKUP_ID`.
pub fn screaming_snake(name: &str) -> String {
    let mut out = words(name).join("_").to_ascii_uppercase();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

/// A raw identifier for keywords that allow one, a `_` suffix for those that do not.
fn escape_keyword(ident: String) -> String {
    match ident.as_str() {
        "self" | "super" | "crate" | "extern" | "_" => format!("{ident}_"),
        _ if is_keyword(&ident) => format!("r#{ident}"),
        _ => ident,
    }
}

/// Whether a name is a Rust keyword (strict, reserved or edition-2018+).
pub fn is_keyword(ident: &str) -> bool {
    matches!(
        ident,
        "as" | "break"
            | "const"
            | "continue"
            | "crate"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "self"
            | "Self"
            | "static"
            | "struct"
            | "super"
            | "trait"
            | "true"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "async"
            | "await"
            | "dyn"
            | "abstract"
            | "become"
            | "box"
            | "do"
            | "final"
            | "macro"
            | "override"
            | "priv"
            | "typeof"
            | "unsized"
            | "virtual"
            | "yield"
            | "try"
            | "gen"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_table() {
        let table = [
            ("BackupId", "backup_id"),
            ("TagList", "tag_list"),
            ("HsmType", "hsm_type"),
            ("NeverExpires", "never_expires"),
            ("SSEKMSKeyId", "ssekms_key_id"),
            ("HTTPServer", "http_server"),
            ("ipV6Address", "ip_v6_address"),
            ("IpV6Address", "ip_v6_address"),
            ("Message", "message"),
            ("Type", "r#type"),
            ("type", "r#type"),
            ("Self", "self_"),
            ("self", "self_"),
            ("Crate", "crate_"),
            ("CopyBackupToRegion", "copy_backup_to_region"),
            ("S3Bucket", "s3_bucket"),
            ("EC2Instance", "ec2_instance"),
            ("max_size", "max_size"),
            ("2fa", "_2fa"),
        ];
        for (input, expected) in table {
            assert_eq!(snake(input), expected, "snake({input})");
        }
    }

    #[test]
    fn upper_camel_table() {
        let table = [
            ("BackupId", "BackupId"),
            ("errorMessage", "ErrorMessage"),
            ("CREATE_IN_PROGRESS", "CreateInProgress"),
            ("NON_FIPS", "NonFips"),
            ("FIPS", "Fips"),
            ("hsm1.medium", "Hsm1Medium"),
            ("Self", "Self_"),
            ("1a", "V1a"),
        ];
        for (input, expected) in table {
            assert_eq!(upper_camel(input), expected, "upper_camel({input})");
        }
    }

    #[test]
    fn a_value_named_like_the_catch_all_is_renamed() {
        assert_eq!(
            variant_names(["READY", "UNKNOWN"]),
            ["Ready", "UnknownValue"]
        );
        assert_eq!(variant_names(["Unknown"]), ["UnknownValue"]);
        assert_eq!(variant_names(["unknown"]), ["UnknownValue"]);
        assert_eq!(
            variants_besides(["Unhandled", "Oops"], "Unhandled"),
            ["UnhandledValue", "Oops"]
        );
    }

    #[test]
    fn the_renamed_value_clashes_with_no_other_value() {
        assert_eq!(
            variant_names(["UNKNOWN", "UNKNOWN_VALUE", "UnknownValue2"]),
            ["UnknownValue3", "UnknownValue", "UnknownValue2"]
        );
        assert_eq!(
            variant_names(["UNKNOWN", "Unknown"]),
            ["UnknownValue", "UnknownValue2"]
        );
    }

    #[test]
    fn types_named_like_the_prelude_get_a_suffix() {
        assert_eq!(type_name("Result"), "Result_");
        assert_eq!(type_name("result"), "Result_");
        assert_eq!(type_name("ResultList"), "ResultList");
        assert_eq!(builder_name("Result_"), "ResultBuilder");
        assert_eq!(builder_name("Tag"), "TagBuilder");
    }

    #[test]
    fn member_methods_step_aside_for_generated_ones() {
        assert_eq!(method_name("build", BUILDER_METHODS), "build_value");
        assert_eq!(method_name("default", BUILDER_METHODS), "default_value");
        assert_eq!(method_name("build_id", BUILDER_METHODS), "build_id");
        assert_eq!(method_name("builder", INPUT_METHODS), "builder_value");
    }

    #[test]
    fn screaming_snake_table() {
        assert_eq!(screaming_snake("BackupId"), "BACKUP_ID");
        assert_eq!(screaming_snake("TagKey"), "TAG_KEY");
    }
}
