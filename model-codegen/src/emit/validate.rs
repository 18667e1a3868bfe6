//! Validation code: the private `constraints` module and the checks structures run on their
//! members.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{ident, Ctx};
use crate::ir::{Constraints, IrMember, Kind, NumberType};
use crate::shape_id::ShapeId;

/// The private module of validators for simple, list and map shapes: those some generated
/// check calls, and no others.
pub(super) fn constraints_module(ctx: &Ctx<'_>) -> TokenStream {
    let rt = &ctx.rt;

    let validators = ctx
        .ir
        .validators
        .iter()
        .filter_map(|id| validator(ctx, id))
        .collect::<Vec<_>>();
    if validators.is_empty() {
        return TokenStream::new();
    }
    let items = ctx.module(quote! {
        use #rt::{Path, ValidationErrors};

        #(#validators)*
    });
    quote! {
        /// Validators for constrained shapes that are not Rust types of their own (strings,
        /// numbers, lists, maps).
        mod constraints {
            #items
        }
    }
}

/// The validator function of a simple, list or map shape.
fn validator(ctx: &Ctx<'_>, id: &ShapeId) -> Option<TokenStream> {
    let shape = ctx.shape(id);
    let name = ident(&shape.ident);
    let doc = format!(" Checks a value of `{id}`.");
    let value = quote!(value);
    let path = quote!(path);
    let (param, body) = match &shape.kind {
        Kind::Blob(c) => {
            let rt = &ctx.rt;
            (
                quote!(&#rt::Blob),
                constraint_checks(ctx, &shape.kind, c, &value, &path),
            )
        }
        Kind::String(c) => (
            quote!(&str),
            constraint_checks(ctx, &shape.kind, c, &value, &path),
        ),
        Kind::BigNumber(c) => {
            let rt = &ctx.rt;
            (
                quote!(&#rt::BigNumber),
                constraint_checks(ctx, &shape.kind, c, &value, &path),
            )
        }
        Kind::Number(_, c) => (
            {
                let ty = ctx.rust_type(&shape.id);
                quote!(&#ty)
            },
            constraint_checks(ctx, &shape.kind, c, &value, &path),
        ),
        Kind::List {
            member,
            constraints,
            sparse,
            unique,
        } => {
            let item_type = ctx.rust_type(&member.target);
            let item_type = if *sparse {
                quote!(Option<#item_type>)
            } else {
                item_type
            };
            let mut own = constraint_checks(ctx, &shape.kind, constraints, &value, &path);
            if *unique {
                let rt = &ctx.rt;
                own.extend(quote!(#rt::__private::unique_items(value, path, errors);));
            }
            let each = member_value_checks(ctx, member, &quote!(value), &quote!(path));
            let each = (!each.is_empty()).then(|| {
                let each = if *sparse {
                    quote!(if let Some(value) = value { #each })
                } else {
                    each
                };
                quote! {
                    for (index, value) in value.iter().enumerate() {
                        let path = &path.index(index);
                        #each
                    }
                }
            });
            (quote!(&[#item_type]), quote!(#own #each))
        }
        Kind::Map {
            key,
            value: map_value,
            constraints,
            sparse,
        } => {
            let value_type = ctx.rust_type(&map_value.target);
            let value_type = if *sparse {
                quote!(Option<#value_type>)
            } else {
                value_type
            };
            let own = constraint_checks(ctx, &shape.kind, constraints, &value, &path);
            let key_checks = map_key_checks(ctx, key);
            let value_checks = member_value_checks(ctx, map_value, &quote!(value), &quote!(path));
            let value_checks = if *sparse && !value_checks.is_empty() {
                quote!(if let Some(value) = value { #value_checks })
            } else {
                value_checks
            };
            // A key's own checks are at `map_key` (Smithy's JSON pointer names the map there,
            // AWS's path the key), a value's at its entry.
            let each = match (key_checks.is_empty(), value_checks.is_empty()) {
                (true, true) => None,
                (false, true) => Some(quote! {
                    for key in value.keys() {
                        let path = &path.map_key(key);
                        #key_checks
                    }
                }),
                (true, false) => Some(quote! {
                    for (key, value) in value {
                        let path = &path.key(key);
                        #value_checks
                    }
                }),
                (false, false) => Some(quote! {
                    for (key, value) in value {
                        {
                            let path = &path.map_key(key);
                            #key_checks
                        }
                        let path = &path.key(key);
                        #value_checks
                    }
                }),
            };
            (
                quote!(&::std::collections::BTreeMap<String, #value_type>),
                quote!(#own #each),
            )
        }
        _ => return None,
    };
    // A string's check is a few comparisons on the common path (see the runtime's
    // `string_length_and_pattern`): worth placing in its caller, where it runs per element.
    let inline = matches!(shape.kind, Kind::String(_)).then(|| quote!(#[inline]));
    Some(quote! {
        #[doc = #doc]
        #inline
        pub(crate) fn #name(value: #param, path: &Path<'_>, errors: &mut ValidationErrors) {
            #body
        }
    })
}

/// Checks of a map key (`key`, a `&String`). Keys are `String`s whatever their target, as
/// everywhere in generated maps; a key that targets an enum is checked as that enum's value
/// would be (its `@length` and `@pattern`, and that the model lists it).
fn map_key_checks(ctx: &Ctx<'_>, key: &IrMember) -> TokenStream {
    let target = ctx.shape(&key.target);
    if !matches!(target.kind, Kind::Enum(..)) {
        return member_value_checks(ctx, key, &quote!(key), &quote!(path));
    }
    let ty = ctx.rust_type(&key.target);
    let own = constraint_checks(
        ctx,
        &target.kind,
        &key.constraints,
        &quote!(key),
        &quote!(path),
    );
    // A known value allocates nothing; only an unknown one is copied.
    quote! {
        <#ty>::from(key.as_str()).validate_at(path, errors);
        #own
    }
}

/// Checks for a value (`&T` expression) of a member: its target's validator, then the
/// member's own constraint traits. A member's `@length`, `@pattern` or `@range` replaces
/// the target's trait of the same name (Smithy's member traits override the target's): for
/// a string, number or blob target the merged traits are checked in place of its validator.
pub(super) fn member_value_checks(
    ctx: &Ctx<'_>,
    member: &IrMember,
    value: &TokenStream,
    path: &TokenStream,
) -> TokenStream {
    let root = &ctx.root;
    let target = ctx.shape(&member.target);
    let simple = match &target.kind {
        Kind::String(c) | Kind::Number(_, c) | Kind::BigNumber(c) | Kind::Blob(c) => Some(c),
        _ => None,
    };
    if let (Some(own), false) = (simple, member.constraints.is_empty()) {
        let c = &member.constraints;
        let merged = Constraints {
            length: c.length.or(own.length),
            pattern: c.pattern.clone().or_else(|| own.pattern.clone()),
            range: c.range.clone().or_else(|| own.range.clone()),
        };
        return constraint_checks(ctx, &target.kind, &merged, value, path);
    }
    let target_checks = if ctx.ir.calls_validator(member) {
        let name = ident(&target.ident);
        quote!(#root::constraints::#name(#value, #path, errors);)
    } else if ctx.is_validated(&member.target) {
        // Enums, unions and structures validate themselves.
        quote!(#value.validate_at(#path, errors);)
    } else {
        TokenStream::new()
    };
    let own = constraint_checks(ctx, &target.kind, &member.constraints, value, path);
    quote!(#target_checks #own)
}

/// Whether a member has anything to check (including `@required`).
pub(super) fn member_needs_checks(ctx: &Ctx<'_>, member: &IrMember) -> bool {
    member.must_be_present() || !member.constraints.is_empty() || ctx.is_validated(&member.target)
}

/// Checks of one `Option<T>` member field: `required` when absent, else its value checks.
pub(super) fn optional_member_checks(
    ctx: &Ctx<'_>,
    member: &IrMember,
    field: &TokenStream,
) -> TokenStream {
    if !member_needs_checks(ctx, member) {
        return TokenStream::new();
    }
    let rt = &ctx.rt;
    let wire = &member.name;
    let checks = member_value_checks(ctx, member, &quote!(value), &quote!(path));
    if member.must_be_present() {
        let some_arm = if checks.is_empty() {
            quote!(Some(_) => {})
        } else {
            quote!(Some(value) => { #checks })
        };
        quote! {
            {
                let path = &path.member(#wire);
                match &#field {
                    #some_arm
                    None => #rt::__private::required(path, errors),
                }
            }
        }
    } else {
        quote! {
            if let Some(value) = &#field {
                let path = &path.member(#wire);
                #checks
            }
        }
    }
}

/// The checks of a set of constraint traits on a value of `kind`. An enum's `@length` and
/// `@pattern` apply to its string value (`as_str()`).
pub(super) fn constraint_checks(
    ctx: &Ctx<'_>,
    kind: &Kind,
    c: &Constraints,
    value: &TokenStream,
    path: &TokenStream,
) -> TokenStream {
    let rt = &ctx.rt;
    let root = &ctx.root;
    let mut out = TokenStream::new();
    let enum_text;
    let (value, is_text) = match kind {
        Kind::Enum(..) => {
            enum_text = quote!(#value.as_str());
            (&enum_text, true)
        }
        Kind::String(_) => (value, true),
        _ => (value, false),
    };
    let pattern = c.pattern.as_ref().map(|p| ident(&p.name));
    let combined = c.length.is_some() && pattern.is_some() && is_text;
    if let (Some(length), Some(name), true) = (&c.length, &pattern, combined) {
        // One pass reads the text for both.
        let min = super::optional_literal(length.min.map(Literal::u64_unsuffixed));
        let max = super::optional_literal(length.max.map(Literal::u64_unsuffixed));
        out.extend(quote!(
            #rt::__private::string_length_and_pattern(#value, #min, #max, &#root::patterns::#name, #path, errors);
        ));
    } else if let Some(length) = &c.length {
        let min = super::optional_literal(length.min.map(Literal::u64_unsuffixed));
        let max = super::optional_literal(length.max.map(Literal::u64_unsuffixed));
        out.extend(if is_text {
            quote!(#rt::__private::string_length(#value, #min, #max, #path, errors);)
        } else {
            quote!(#rt::__private::collection_length(#value.len(), #value, #min, #max, #path, errors);)
        });
    }
    if let (Some(name), false) = (pattern, combined) {
        out.extend(
            quote!(#rt::__private::pattern(#value, &#root::patterns::#name, #path, errors);),
        );
    }
    if let (Some(range), Kind::BigNumber(_)) = (&c.range, kind) {
        // Exact decimal comparison: the bounds stay as the model wrote them.
        let text = |n: &Option<serde_json::Number>| {
            super::optional_literal(n.as_ref().map(|n| Literal::string(&n.to_string())))
        };
        let (min, max) = (text(&range.min), text(&range.max));
        out.extend(quote!(#rt::__private::big_range(#value, #min, #max, #path, errors);));
    }
    if let (Some(range), Kind::Number(n, _)) = (&c.range, kind) {
        let is_float = matches!(n, NumberType::F32 | NumberType::F64);
        if is_float {
            let min = super::optional_literal(
                range
                    .min
                    .as_ref()
                    .and_then(serde_json::Number::as_f64)
                    .map(Literal::f64_unsuffixed),
            );
            let max = super::optional_literal(
                range
                    .max
                    .as_ref()
                    .and_then(serde_json::Number::as_f64)
                    .map(Literal::f64_unsuffixed),
            );
            out.extend(
                quote!(#rt::__private::float_range(f64::from(*#value), #min, #max, #path, errors);),
            );
        } else {
            let (min, max) = range.integer_bounds();
            let min = super::optional_literal(min.map(Literal::i64_unsuffixed));
            let max = super::optional_literal(max.map(Literal::i64_unsuffixed));
            let as_i64 = if *n == NumberType::I64 {
                quote!(*#value)
            } else {
                quote!(i64::from(*#value))
            };
            out.extend(quote!(#rt::__private::int_range(#as_i64, #min, #max, #path, errors);));
        }
    }
    out
}

/// The public `patterns` module: every distinct `@pattern`, as the model wrote it and
/// translated, in a static named for the shapes that use it; the runtime compiles each once,
/// and derives any fast path from it.
pub(super) fn patterns_module(ctx: &Ctx<'_>) -> TokenStream {
    let rt = &ctx.rt;
    let statics = ctx.ir.patterns.iter().map(|(model, pattern)| {
        let name = ident(&pattern.name);
        let rust = &pattern.rust;
        let users: Vec<String> = pattern.users.iter().map(|u| format!("`{u}`")).collect();
        let doc = format!(" `{model}`, the pattern of {}.", list(&users));
        quote! {
            #[doc = #doc]
            pub static #name: #rt::pattern::Pattern = #rt::pattern::Pattern::new(#model, #rust);
        }
    });
    let items = ctx.module(quote!(#(#statics)*));
    quote! {
        /// Every `@pattern` of the model, each compiled once on first use. Where a pattern is a
        /// literal prefix and one repeated class, the runtime's shortcut decides most values
        /// without the regex.
        pub mod patterns {
            #items
        }
    }
}

/// `a`, `a and b`, `a, b and c`.
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
