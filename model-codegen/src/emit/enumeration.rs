//! String and integer enums: a variant per model value plus `Unknown`, which keeps any other
//! value exactly.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attrs, lines_to_attrs};
use super::validate::constraint_checks;
use super::{ident, Ctx};
use crate::ir::{IrShape, Kind};

/// A variant's definition: the model's documentation (else its wire value) and its name.
fn variant_def(name: &str, value: &dyn std::fmt::Display, doc: Option<&str>) -> TokenStream {
    let doc = doc_attrs(doc, &format!("`{value}`"));
    let id = ident(name);
    quote!(#doc #id,)
}

/// An integer enum: a variant per model value plus `Unknown`, which keeps any other value.
pub(super) fn int_enum(ctx: &Ctx<'_>, shape: &IrShape) -> TokenStream {
    let Kind::IntEnum(variants) = &shape.kind else {
        return TokenStream::new();
    };
    let rt = &ctx.rt;
    let name = ident(&shape.ident);
    let doc = doc_attrs(
        shape.doc.as_deref(),
        &format!("The `{}` integer enum.", shape.id.name()),
    );
    let id_doc = lines_to_attrs(&format!("\nSmithy shape: `{}`.", shape.id));
    let idents: Vec<_> = variants.iter().map(|v| ident(&v.ident)).collect();
    let values: Vec<i32> = variants.iter().map(|v| v.value).collect();
    let public: Vec<i32> = variants
        .iter()
        .filter(|v| !v.internal)
        .map(|v| v.value)
        .collect();
    let public_values = public_values(values.len() != public.len(), quote!(i32), &public);
    let named = if values.len() == public.len() {
        quote!(Self::values())
    } else {
        quote!(Self::public_values())
    };
    let variant_defs = variants
        .iter()
        .map(|v| variant_def(&v.ident, &v.value, v.doc.as_deref()));
    quote! {
        #doc
        #id_doc
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_defs)*
            /// A value the model does not list, kept as received.
            Unknown(#rt::UnknownIntValue),
        }

        impl #name {
            /// The value on the wire.
            pub fn value(&self) -> i32 {
                match self {
                    #(Self::#idents => #values,)*
                    Self::Unknown(value) => value.value(),
                }
            }

            /// Every value the model lists, in model order.
            pub const fn values() -> &'static [i32] {
                &[#(#values),*]
            }

            #public_values

            /// Records a violation if this is a value the model does not list.
            #[doc(hidden)]
            pub fn validate_at(&self, path: &#rt::Path<'_>, errors: &mut #rt::ValidationErrors) {
                if let Self::Unknown(value) = self {
                    errors.push(#rt::Violation::new(
                        path,
                        #rt::Constraint::IntEnum { values: #named },
                        Some(&value.value().to_string()),
                    ));
                }
            }
        }

        impl From<i32> for #name {
            fn from(value: i32) -> Self {
                match value {
                    #(#values => Self::#idents,)*
                    other => Self::Unknown(#rt::UnknownIntValue::new_unchecked(other)),
                }
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i32(self.value())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <i32 as serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
    }
}

pub(super) fn string_enum(ctx: &Ctx<'_>, shape: &IrShape) -> TokenStream {
    let Kind::Enum(variants, constraints) = &shape.kind else {
        return TokenStream::new();
    };
    let rt = &ctx.rt;
    let name = ident(&shape.ident);
    let doc = doc_attrs(
        shape.doc.as_deref(),
        &format!("The `{}` enum.", shape.id.name()),
    );
    let id_doc = lines_to_attrs(&format!(
        "\nSmithy shape: `{}`. A value the model does not list parses as [`{}::Unknown`] and is \
         kept exactly, so it is written back as received.",
        shape.id, shape.ident
    ));
    let idents: Vec<_> = variants.iter().map(|v| ident(&v.ident)).collect();
    let values: Vec<&str> = variants.iter().map(|v| v.value.as_str()).collect();
    let public: Vec<&str> = variants
        .iter()
        .filter(|v| !v.internal)
        .map(|v| v.value.as_str())
        .collect();
    let public_values = public_values(values.len() != public.len(), quote!(&'static str), &public);
    let named = if values.len() == public.len() {
        quote!(Self::values())
    } else {
        quote!(Self::public_values())
    };
    let variant_defs = variants
        .iter()
        .map(|v| variant_def(&v.ident, &v.value, v.doc.as_deref()));
    // The enum's own `@length` and `@pattern` bound its value, whether listed or not.
    let value_checks =
        constraint_checks(ctx, &shape.kind, constraints, &quote!(self), &quote!(path));
    let validate_doc = if constraints.is_empty() {
        " Records a violation if this is a value the model does not list."
    } else {
        " Records a violation for each constraint (`@length`, `@pattern`) the value breaks, and \
         one if it is a value the model does not list."
    };
    quote! {
        #doc
        #id_doc
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_defs)*
            /// A value the model does not list, kept as received.
            Unknown(#rt::UnknownValue),
        }

        impl #name {
            /// The value on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#idents => #values,)*
                    Self::Unknown(value) => value.as_str(),
                }
            }

            /// Every value the model lists, in model order.
            pub const fn values() -> &'static [&'static str] {
                &[#(#values),*]
            }

            #public_values

            #[doc = #validate_doc]
            #[doc(hidden)]
            pub fn validate_at(&self, path: &#rt::Path<'_>, errors: &mut #rt::ValidationErrors) {
                #value_checks
                if let Self::Unknown(value) = self {
                    #rt::__private::unknown_enum_value(value.as_str(), #named, path, errors);
                }
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#values => Self::#idents,)*
                    other => Self::Unknown(#rt::UnknownValue::new_unchecked(other.to_owned())),
                }
            }
        }

        impl From<String> for #name {
            fn from(value: String) -> Self {
                match value.as_str() {
                    #(#values => Self::#idents,)*
                    _ => Self::Unknown(#rt::UnknownValue::new_unchecked(value)),
                }
            }
        }

        impl std::str::FromStr for #name {
            type Err = std::convert::Infallible;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl AsRef<str> for #name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #rt::__private::deserialize_enum(deserializer)
            }
        }
    }
}

/// `public_values()`, for an enum with values marked `@internal`: what a violation names.
fn public_values<T: quote::ToTokens>(
    any_internal: bool,
    ty: TokenStream,
    public: &[T],
) -> TokenStream {
    if !any_internal {
        return TokenStream::new();
    }
    quote! {
        /// The values the model lists that are not `@internal`: the set a violation names.
        pub const fn public_values() -> &'static [#ty] {
            &[#(#public),*]
        }
    }
}
