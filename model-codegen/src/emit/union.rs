//! Unions: a Rust enum with a variant per member, and `Unknown` keeping a member the model
//! does not list (name and raw JSON value), so outputs round-trip exactly. On the wire a
//! union is an object with exactly one non-null member.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attrs, lines_to_attrs};
use super::validate::member_value_checks;
use super::{ident, Ctx};
use crate::ir::{IrShape, Kind};

pub(super) fn union(ctx: &Ctx<'_>, shape: &IrShape) -> TokenStream {
    let Kind::Union { members } = &shape.kind else {
        return TokenStream::new();
    };
    let rt = &ctx.rt;
    let name = ident(&shape.ident);
    let doc = doc_attrs(
        shape.doc.as_deref(),
        &format!("The `{}` union.", shape.id.name()),
    );
    let id_doc = lines_to_attrs(&format!(
        "\nSmithy shape: `{}`. Exactly one member is set; a member the model does not list \
         parses as [`{}::Unknown`], keeping its name and value as received.",
        shape.id, shape.ident
    ));
    let variants: Vec<_> = members.iter().map(|m| ident(&m.ident)).collect();
    let wires: Vec<&str> = members.iter().map(|m| m.name.as_str()).collect();
    // A member targeting `smithy.api#Unit` is a tag: its variant carries no data, and on
    // the wire it is an empty object (`{"clear": {}}`).
    let fields = members.iter().map(|m| {
        let ty = ctx.member_type(m);
        (!m.is_unit()).then(|| quote!((#ty)))
    });
    let serialize = members.iter().map(|m| {
        let (variant, wire) = (ident(&m.ident), &m.name);
        if m.is_unit() {
            quote!(Self::#variant => map.serialize_entry(#wire, &#rt::__private::UnitValue)?,)
        } else {
            quote!(Self::#variant(value) => map.serialize_entry(#wire, value)?,)
        }
    });
    let deserialize = members.iter().map(|m| {
        let (variant, wire) = (ident(&m.ident), &m.name);
        if m.is_unit() {
            quote!(#wire => map
                .next_value::<Option<#rt::__private::UnitValue>>()?
                .map(|_| #name::#variant),)
        } else {
            let ty = ctx.member_type(m);
            quote!(#wire => map.next_value::<Option<#ty>>()?.map(#name::#variant),)
        }
    });
    let docs = members
        .iter()
        .map(|m| doc_attrs(m.doc.as_deref(), &format!("The `{}` member.", m.name)));
    let checks = members.iter().map(|m| {
        let wire = &m.name;
        let checks = member_value_checks(ctx, m, &quote!(value), &quote!(path));
        let variant = ident(&m.ident);
        if m.is_unit() {
            quote!(Self::#variant => {})
        } else if checks.is_empty() {
            quote!(Self::#variant(_) => {})
        } else {
            quote!(Self::#variant(value) => {
                let path = &path.member(#wire);
                #checks
            })
        }
    });
    let expecting = format!(
        "a `{}` union: an object with exactly one member set",
        shape.id.name()
    );
    // Some services write the union's shape id under `__type`; it is not a member.
    let skip_type = (!wires.contains(&"__type")).then(|| {
        quote!("__type" => {
            map.next_value::<serde::de::IgnoredAny>()?;
            None
        })
    });
    quote! {
        #doc
        #id_doc
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(
                #docs
                #variants #fields,
            )*
            /// A member the model does not list, kept with its value as received.
            Unknown(#rt::UnknownMember),
        }

        impl #name {
            /// Checks the model's constraints on the member that is set; an unknown member
            /// is a violation.
            pub fn validate(&self) -> Result<(), #rt::ValidationErrors> {
                let mut errors = #rt::ValidationErrors::new();
                self.validate_at(&#rt::Path::ROOT, &mut errors);
                errors.into_result()
            }

            /// Checks with this value at `path`, adding each violation to `errors`.
            #[doc(hidden)]
            pub fn validate_at(&self, path: &#rt::Path<'_>, errors: &mut #rt::ValidationErrors) {
                match self {
                    #(#checks)*
                    Self::Unknown(member) => errors.push(#rt::Violation::new(
                        path,
                        #rt::Constraint::UnknownUnionMember,
                        Some(member.name()),
                    )),
                }
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(Some(1))?;
                match self {
                    #(#serialize)*
                    Self::Unknown(member) => map.serialize_entry(member.name(), member.kept())?,
                }
                map.end()
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct UnionVisitor;

                impl<'de> serde::de::Visitor<'de> for UnionVisitor {
                    type Value = #name;

                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(#expecting)
                    }

                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<#name, A::Error> {
                        let mut found = None;
                        while let Some(key) = map.next_key::<String>()? {
                            let value = match key.as_str() {
                                #(#deserialize)*
                                #skip_type
                                _ => map
                                    .next_value::<Option<#rt::UnknownMemberValue>>()?
                                    .map(|value| #name::Unknown(#rt::UnknownMember::new(key, value))),
                            };
                            // `null` members are absent; more than one set member is malformed.
                            if value.is_some() && found.replace(value).is_some() {
                                return Err(serde::de::Error::custom(#expecting));
                            }
                        }
                        found.flatten().ok_or_else(|| serde::de::Error::custom(#expecting))
                    }
                }

                deserializer.deserialize_map(UnionVisitor)
            }
        }
    }
}
