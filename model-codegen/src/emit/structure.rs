//! Structures: lenient data (nested shapes, outputs, errors) and proven operation inputs.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::docs::{doc_attrs, lines_to_attrs};
use super::validate::{member_needs_checks, optional_member_checks};
use super::{ident, Ctx};
use crate::ir::{IrMember, IrShape, Kind, NumberType, Role, Source, TimestampFormat};

fn members(shape: &IrShape) -> &[IrMember] {
    match &shape.kind {
        Kind::Structure { members, .. } => members,
        _ => &[],
    }
}

/// A structure's role and builder, as the plan named it (emitters pass only structures).
fn role_and_builder(shape: &IrShape) -> (&Role, &str) {
    match &shape.kind {
        Kind::Structure { role, builder, .. } => (role, builder),
        _ => (&Role::Plain, &shape.ident),
    }
}

/// The fallback documentation of a structure: what the Rust item is, for one the model does
/// not document.
fn fallback_doc(shape: &IrShape) -> String {
    match role_and_builder(shape).0 {
        Role::Input { operation, .. } => format!("The input of `{operation}`."),
        Role::Output { operation, .. } => format!("The output of `{operation}`."),
        Role::Plain | Role::Error { .. } => format!("The `{}` structure.", shape.id.name()),
    }
}

/// Where the structure comes from, for its documentation: its Smithy shape, or what the
/// generator made it for.
fn source_doc(shape: &IrShape) -> String {
    let (operation, what) = match role_and_builder(shape).0 {
        Role::Input { operation, .. } => (operation.as_str(), "input"),
        Role::Output { operation, .. } => (operation.as_str(), "output"),
        Role::Plain | Role::Error { .. } => ("", ""),
    };
    match &shape.source {
        Source::Copy(original) => format!(
            "Smithy shape: `{original}`. `{operation}` has its own copy as its {what}, as the \
             model uses that shape elsewhere too."
        ),
        Source::Unit => format!(
            "The model gives `{operation}` no {what} (`smithy.api#Unit`): this memberless \
             structure stands for it, so every operation has the same API."
        ),
        Source::Model | Source::Prelude => format!("Smithy shape: `{}`.", shape.id),
    }
}

/// Whether a member's value must not appear in `Debug` output.
fn is_sensitive(ctx: &Ctx<'_>, member: &IrMember) -> bool {
    member.sensitive || ctx.shape(&member.target).sensitive
}

/// A `Debug` impl that prints `*** Sensitive Data Redacted ***` for sensitive members, or
/// `None` when nothing is sensitive (the type derives `Debug` then).
fn redacting_debug(
    ctx: &Ctx<'_>,
    name: &proc_macro2::Ident,
    members: &[IrMember],
) -> Option<TokenStream> {
    if !members.iter().any(|m| is_sensitive(ctx, m)) {
        return None;
    }
    let title = name.to_string();
    let fields = members.iter().map(|m| {
        let field = ident(&m.ident);
        let label = m.ident.trim_start_matches("r#");
        if is_sensitive(ctx, m) {
            quote!(.field(#label, &"*** Sensitive Data Redacted ***"))
        } else {
            quote!(.field(#label, &self.#field))
        }
    });
    Some(quote! {
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#title) #(#fields)* .finish()
            }
        }
    })
}

fn member_doc(member: &IrMember) -> TokenStream {
    doc_attrs(
        member.doc.as_deref(),
        &format!("The `{}` member.", member.name),
    )
}

/// How a member is stored and set: `String`s take `impl Into<String>`, lists append, maps
/// insert, everything else is set as given.
enum Setter {
    Into(TokenStream),
    Append(TokenStream, bool),
    Insert(TokenStream),
    Plain(TokenStream),
}

fn setter_kind(ctx: &Ctx<'_>, member: &IrMember) -> Setter {
    let ty = ctx.rust_type(&member.target);
    match &ctx.shape(&member.target).kind {
        // A response's timestamp is set from a `DateTime` as easily as from what it holds.
        Kind::String(_) | Kind::Timestamp(TimestampFormat::EpochSecondsLenient) => Setter::Into(ty),
        Kind::List {
            member: item,
            sparse: false,
            ..
        } => Setter::Append(ctx.rust_type(&item.target), ctx.is_string(&item.target)),
        Kind::Map {
            value,
            sparse: false,
            ..
        } => Setter::Insert(ctx.rust_type(&value.target)),
        _ => Setter::Plain(ty),
    }
}

/// Builder methods that set `target_field` (an `Option<T>` place expression).
fn setters(ctx: &Ctx<'_>, member: &IrMember, place: &TokenStream) -> TokenStream {
    let name = ident(&member.methods.setter);
    let set_name = ident(&member.methods.set);
    let ty = ctx.member_type(member);
    let wire = &member.name;
    let set_doc = format!(" Sets `{wire}`, or clears it with `None`.");
    // After the docs, where a reader looks for attributes.
    let deprecated = deprecated_attr(member.deprecated.as_deref());
    let set_all = quote! {
        #[doc = #set_doc]
        #deprecated
        pub fn #set_name(mut self, value: Option<#ty>) -> Self {
            #place = value;
            self
        }
    };
    let one = match setter_kind(ctx, member) {
        Setter::Into(ty) => {
            let doc = format!(" Sets `{wire}`.");
            quote! {
                #[doc = #doc]
                #deprecated
                pub fn #name(mut self, value: impl Into<#ty>) -> Self {
                    #place = Some(value.into());
                    self
                }
            }
        }
        Setter::Append(item, into) => {
            let doc = format!(" Appends one entry to `{wire}`.");
            let (param, conv) = if into {
                (quote!(impl Into<#item>), quote!(item.into()))
            } else {
                (quote!(#item), quote!(item))
            };
            quote! {
                #[doc = #doc]
                #deprecated
                pub fn #name(mut self, item: #param) -> Self {
                    #place.get_or_insert_with(Vec::new).push(#conv);
                    self
                }
            }
        }
        Setter::Insert(value) => {
            let doc = format!(" Adds one entry to `{wire}`.");
            quote! {
                #[doc = #doc]
                #deprecated
                pub fn #name(mut self, key: impl Into<String>, value: #value) -> Self {
                    #place.get_or_insert_with(Default::default).insert(key.into(), value);
                    self
                }
            }
        }
        Setter::Plain(ty) => {
            let doc = format!(" Sets `{wire}`.");
            let boxed_value = if member.boxed {
                quote!(Box::new(value))
            } else {
                quote!(value)
            };
            quote! {
                #[doc = #doc]
                #deprecated
                pub fn #name(mut self, value: #ty) -> Self {
                    #place = Some(#boxed_value);
                    self
                }
            }
        }
    };
    quote!(#one #set_all)
}

/// A lenient structure and its builder.
pub(super) struct Lenient {
    /// The structure and its impls, for its module.
    pub item: TokenStream,
    /// The builder, for the module's `builders` submodule: a model may name a shape as
    /// another's builder (`AppBlockBuilder` beside `AppBlock`), so builders live apart.
    pub builder: TokenStream,
}

/// A lenient structure: public `Option` fields, `#[non_exhaustive]`, a builder, `validate()`.
pub(super) fn lenient(ctx: &Ctx<'_>, shape: &IrShape) -> Lenient {
    let rt = &ctx.rt;
    let name = ident(&shape.ident);
    let ty = ctx.rust_type(&shape.id);
    let (role, builder_name) = role_and_builder(shape);
    let builder = ident(builder_name);
    let builder_path = ctx.builder_path(role, builder_name);
    let is_error = matches!(
        &shape.kind,
        Kind::Structure {
            role: Role::Error { .. },
            ..
        }
    );
    let doc = doc_attrs(shape.doc.as_deref(), &fallback_doc(shape));
    let mut id_doc = format!("\n{}", source_doc(shape));
    if is_error {
        id_doc.push_str(&format!(
            "\n\nIts code, fault, HTTP status and message are read through\n\
             [`ModeledError`]({}::ModeledError), which must be in scope.",
            doc_path(&ctx.runtime)
        ));
    }
    let id_doc = lines_to_attrs(&id_doc);
    let fields = members(shape).iter().map(|m| {
        let field = ident(&m.ident);
        let ty = ctx.member_type(m);
        let wire = &m.name;
        let doc = member_doc(m);
        let alias = (is_error && m.name.eq_ignore_ascii_case("message") && m.name != "message")
            .then(|| quote!(alias = "message",));
        let deprecated = deprecated_attr(m.deprecated.as_deref());
        let absent = absent_member(ctx, m);
        let read = optional_text_reader(ctx, m);
        quote! {
            #doc
            #deprecated
            #[serde(rename = #wire, #alias #absent #read)]
            pub #field: Option<#ty>,
        }
    });
    let default_writers = default_writers(ctx, shape);
    let checks = members(shape).iter().map(|m| {
        let field = ident(&m.ident);
        optional_member_checks(ctx, m, &quote!(self.#field))
    });
    let uses_errors = members(shape).iter().any(|m| member_needs_checks(ctx, m));
    let (path_param, errors_param) = if uses_errors {
        (quote!(path), quote!(errors))
    } else {
        (quote!(_path), quote!(_errors))
    };
    let setters = members(shape).iter().map(|m| {
        let field = ident(&m.ident);
        setters(ctx, m, &quote!(self.inner.#field))
    });
    let builder_doc = match &shape.kind {
        Kind::Structure {
            role: Role::Output { .. },
            ..
        } => format!(" A builder for [`{}`].", shape.ident),
        _ => format!(" A builder for [`{0}`](super::{0}).", shape.ident),
    };
    let error_impls = is_error.then(|| error_impls(ctx, shape));
    let redacted = redacting_debug(ctx, &name, members(shape));
    let debug = redacted.is_none().then(|| quote!(Debug,));
    let default_accessors = default_accessors(ctx, shape);
    let deprecated = deprecated_attr(shape.deprecated.as_deref());
    let item = quote! {
        #doc
        #id_doc
        #deprecated
        #[derive(Clone, #debug Default, PartialEq, serde::Serialize, serde::Deserialize)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }

        #default_writers

        impl #name {
            /// A builder for this structure.
            pub fn builder() -> #builder_path {
                #builder_path::default()
            }

            /// Checks the model's constraints (required members, length, pattern, range, enum
            /// values), reporting every violation. Parsing never does this for this type.
            pub fn validate(&self) -> Result<(), #rt::ValidationErrors> {
                let mut errors = #rt::ValidationErrors::new();
                self.validate_at(&#rt::Path::ROOT, &mut errors);
                errors.into_result()
            }

            /// Checks the model's constraints with this value at `path`, adding each violation
            /// to `errors`.
            #[doc(hidden)]
            pub fn validate_at(&self, #path_param: &#rt::Path<'_>, #errors_param: &mut #rt::ValidationErrors) {
                #(#checks)*
            }

            #default_accessors
        }

        #error_impls
        #redacted
    };
    let builder = quote! {
        #[doc = #builder_doc]
        #[derive(Clone, Debug, Default)]
        pub struct #builder {
            inner: #ty,
        }

        impl #builder {
            #(#setters)*

            /// The structure as set. Nothing is checked: call `validate()` on it to check.
            pub fn build(self) -> #ty {
                self.inner
            }
        }
    };
    Lenient { item, builder }
}

/// `path` as an intra-doc link target (`crate::runtime`, `::some_crate::runtime`).
fn doc_path(path: &TokenStream) -> String {
    path.to_string().split_whitespace().collect()
}

/// An error structure's `ModeledError` impl: what the model says about it and where its
/// message is; the runtime trait does the rest. `Display` delegates to the trait, since a
/// blanket impl of a foreign trait is not allowed.
fn error_impls(ctx: &Ctx<'_>, shape: &IrShape) -> TokenStream {
    let rt = &ctx.rt;
    let name = ident(&shape.ident);
    let code = shape.id.name();
    let message = members(shape)
        .iter()
        .find(|m| m.name.eq_ignore_ascii_case("message") && ctx.is_string(&m.target))
        .map(|m| ident(&m.ident));
    let (message_fn, message_mut_fn) = match &message {
        Some(field) => (
            quote!(self.#field.as_deref()),
            quote!(Some(&mut self.#field)),
        ),
        None => (quote!(None), quote!(None)),
    };
    let (is_server, status, retryable) = match &shape.kind {
        Kind::Structure {
            role:
                Role::Error {
                    fault,
                    http_status,
                    retryable,
                },
            ..
        } => {
            let server = *fault == crate::traits::Fault::Server;
            (
                server,
                http_status.unwrap_or(if server { 500 } else { 400 }),
                *retryable,
            )
        }
        _ => (false, 400, false),
    };
    let fault = if is_server {
        quote!(Server)
    } else {
        quote!(Client)
    };
    let status = Literal::u16_unsuffixed(status);
    quote! {
        impl #rt::ModeledError for #name {
            const CODE: &'static str = #code;
            const FAULT: #rt::wire::Fault = #rt::wire::Fault::#fault;
            const RETRYABLE: bool = #retryable;
            const HTTP_STATUS: u16 = #status;

            fn message(&self) -> Option<&str> {
                #message_fn
            }

            fn message_mut(&mut self) -> Option<&mut Option<String>> {
                #message_mut_fn
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                #rt::ModeledError::fmt_error(self, f)
            }
        }

        impl std::error::Error for #name {}
    }
}

/// `self.field`, or `self.field.clone()` for the one timestamp type that is not `Copy`.
fn copied_field(format: TimestampFormat, field: &proc_macro2::Ident) -> TokenStream {
    if format == TimestampFormat::EpochSecondsLenient {
        quote!(self.#field.clone())
    } else {
        quote!(self.#field)
    }
}

/// The effective value of a member with `@default` (the value, or the default when absent)
/// as a return type and an expression over `self.<field>`, built on [`default_value`].
/// `None` when the member has no default.
fn default_getter(ctx: &Ctx<'_>, member: &IrMember) -> Option<(TokenStream, TokenStream)> {
    let default = default_value(ctx, member)?;
    let field = ident(&member.ident);
    let ty = ctx.rust_type(&member.target);
    Some(match &ctx.shape(&member.target).kind {
        // Borrowed forms: the default is a literal, an empty list a static slice.
        Kind::String(_) => (
            quote!(&str),
            quote!(self.#field.as_deref().unwrap_or(#default)),
        ),
        Kind::List {
            member: item,
            sparse,
            ..
        } => {
            let t = ctx.rust_type(&item.target);
            let item = if *sparse { quote!(Option<#t>) } else { t };
            (
                quote!(&[#item]),
                quote!(self.#field.as_deref().unwrap_or(&[])),
            )
        }
        Kind::Boolean | Kind::Number(..) => (ty, quote!(self.#field.unwrap_or(#default))),
        // Int enums are `Copy`; so are timestamps but for the lenient one.
        Kind::IntEnum(_) => (ty, quote!(self.#field.unwrap_or_else(|| #default))),
        Kind::Timestamp(format) => {
            let field = copied_field(*format, &field);
            (ty, quote!(#field.unwrap_or_else(|| #default)))
        }
        // The only map default is the empty map.
        Kind::Map { .. } => (ty, quote!(self.#field.clone().unwrap_or_default())),
        _ => (ty, quote!(self.#field.clone().unwrap_or_else(|| #default))),
    })
}

/// How serde writes an absent member: not at all, or, for a member with a `@default` (not
/// `@clientOptional`), as its default. Smithy asks that every effective default be
/// serialized, so a message means the same to a reader with another model version.
fn absent_member(ctx: &Ctx<'_>, member: &IrMember) -> TokenStream {
    match default_writer_name(ctx, member) {
        Some(writer) => {
            let writer = writer.to_string();
            quote!(serialize_with = #writer)
        }
        None => quote!(skip_serializing_if = "Option::is_none"),
    }
}

/// How serde reads an optional member of text (`Option<String>`, an optional string enum):
/// through the runtime's `optional_string` or `optional_enum`, which skip serde's `Option`
/// step (up to 13% of a body of strings' parse; BENCHMARKS.md) with the same values and
/// errors. Nothing for other members.
fn optional_text_reader(ctx: &Ctx<'_>, member: &IrMember) -> Option<TokenStream> {
    if member.boxed {
        return None;
    }
    let reader = match ctx.shape(&member.target).kind {
        Kind::String(_) => "rt::__private::optional_string",
        Kind::Enum(..) => "rt::__private::optional_enum",
        _ => return None,
    };
    Some(quote!(, default, deserialize_with = #reader))
}

/// The name of the function that writes a member's value, or its `@default` when it is
/// absent, if it has one. Only lenient structures use it: their fields are all `Option`s.
fn default_writer_name(ctx: &Ctx<'_>, member: &IrMember) -> Option<Ident> {
    let name = member.default_writer.as_deref()?;
    default_value(ctx, member)?;
    Some(ident(name))
}

/// The functions serde calls to write each defaulted member of `shape`: the value when set,
/// else the model's default.
fn default_writers(ctx: &Ctx<'_>, shape: &IrShape) -> TokenStream {
    members(shape)
        .iter()
        .filter_map(|m| {
            let name = default_writer_name(ctx, m)?;
            let default = default_value(ctx, m)?;
            let ty = ctx.member_type(m);
            let doc = format!(" Writes `{}`, or its default when it is absent.", m.name);
            Some(quote! {
                #[doc = #doc]
                fn #name<S: serde::Serializer>(value: &Option<#ty>, serializer: S) -> Result<S::Ok, S::Error> {
                    match value {
                        Some(value) => serde::Serialize::serialize(value, serializer),
                        None => serde::Serialize::serialize(&#default, serializer),
                    }
                }
            })
        })
        .collect()
}

/// A member's `@default` as a Rust expression of its type (a `&str` for strings), or `None`
/// when it has none (or one lowering would have refused).
fn default_value(ctx: &Ctx<'_>, member: &IrMember) -> Option<TokenStream> {
    use serde_json::Value;
    let default = member.default.as_ref()?;
    let rt = &ctx.rt;
    let ty = ctx.rust_type(&member.target);
    let kind = &ctx.shape(&member.target).kind;
    Some(match (kind, default) {
        (Kind::String(_), Value::String(s)) => quote!(#s),
        (Kind::Boolean, Value::Bool(b)) => quote!(#b),
        (Kind::Number(NumberType::F32 | NumberType::F64, _), Value::Number(n)) => {
            let f = Literal::f64_unsuffixed(n.as_f64()?);
            quote!(<#ty>::from(#f))
        }
        (Kind::Number(n_type, _), Value::Number(n)) => {
            let i = n.as_i64()?;
            let literal = match n_type {
                NumberType::I8 => Literal::i8_suffixed(i8::try_from(i).ok()?),
                NumberType::I16 => Literal::i16_suffixed(i16::try_from(i).ok()?),
                NumberType::I32 => Literal::i32_suffixed(i32::try_from(i).ok()?),
                _ => Literal::i64_suffixed(i),
            };
            quote!(#literal)
        }
        (Kind::Enum(..), Value::String(s)) => quote!(<#ty>::from(#s)),
        (Kind::IntEnum(_), Value::Number(n)) => {
            let i = Literal::i64_unsuffixed(n.as_i64()?);
            quote!(<#ty>::from(#i))
        }
        (Kind::Timestamp(format), Value::Number(n)) => {
            let i = Literal::i64_unsuffixed(n.as_i64()?);
            let instant = quote!(#rt::DateTime::from_secs(#i));
            if *format == TimestampFormat::EpochSeconds {
                instant
            } else {
                quote!(<#ty>::from(#instant))
            }
        }
        (Kind::Timestamp(format), Value::String(s)) => {
            let convert = if *format == TimestampFormat::EpochSeconds {
                quote!(t.0)
            } else {
                quote!(<#ty>::from(t.0))
            };
            quote!(#rt::Rfc3339DateTime::parse(#s).map(|t| #convert).unwrap_or_default())
        }
        (Kind::Blob(_), Value::String(s)) => {
            quote!(#rt::Blob::from_base64(#s).unwrap_or_default())
        }
        (Kind::BigNumber(_), Value::Number(n)) => {
            let text = n.to_string();
            quote!(#rt::BigNumber::parse(#text).unwrap_or_default())
        }
        (Kind::Document, value) => {
            let text = value.to_string();
            quote!(::serde_json::from_str::<::serde_json::Value>(#text).unwrap_or_default())
        }
        (Kind::List { .. }, Value::Array(items)) if items.is_empty() => quote!(<#ty>::new()),
        (Kind::Map { .. }, Value::Object(entries)) if entries.is_empty() => {
            quote!(<#ty>::new())
        }
        _ => return None,
    })
}

/// `with_defaults` for an input with members that have a `@default`: what a service acts on.
/// Parsing leaves absent members absent (so a forwarded request says what its sender wrote);
/// a service implementation fills them, as Smithy's servers do.
fn filled_defaults(ctx: &Ctx<'_>, all: &[IrMember]) -> Option<TokenStream> {
    let fills: Vec<TokenStream> = all
        .iter()
        .filter(|m| !m.stored_bare())
        .filter_map(|m| {
            let field = ident(&m.ident);
            let default = default_value(ctx, m)?;
            let value = if ctx.is_string(&m.target) {
                quote!(String::from(#default))
            } else {
                default
            };
            Some(quote! {
                if self.#field.is_none() {
                    self.#field = Some(#value);
                }
            })
        })
        .collect();
    (!fills.is_empty()).then(|| {
        quote! {
            /// This input with each absent member that has a model default set to it: the
            /// request as a service acts on it. Parsing leaves them absent, so a forwarded
            /// request says what its sender wrote; the getters give the defaults either way.
            #[must_use]
            pub fn with_defaults(mut self) -> Self {
                #(#fills)*
                self
            }
        }
    })
}

/// Whether the input `shape` has a `with_defaults` (see [`filled_defaults`]).
pub(super) fn input_fills_defaults(ctx: &Ctx<'_>, shape: &IrShape) -> bool {
    members(shape)
        .iter()
        .any(|m| !m.stored_bare() && default_value(ctx, m).is_some())
}

/// A getter on a lenient structure for each member with `@default`: its fields stay
/// `Option` (so what was received is written back unchanged), and this gives the value the
/// model means when the member is absent.
fn default_accessors(ctx: &Ctx<'_>, shape: &IrShape) -> TokenStream {
    members(shape)
        .iter()
        .filter_map(|m| {
            let (ret, body) = default_getter(ctx, m)?;
            let name = ident(&m.methods.or_default);
            let default = m
                .default
                .as_ref()
                .map(|d| d.to_string())
                .unwrap_or_default();
            let doc = format!(
                " `{}`, or the model's default (`{default}`) when it is absent.",
                m.name
            );
            let deprecated = deprecated_attr(m.deprecated.as_deref());
            Some(quote! {
                #[doc = #doc]
                #deprecated
                pub fn #name(&self) -> #ret {
                    #body
                }
            })
        })
        .collect()
}

/// `#[deprecated(note = ...)]` for a deprecated shape or member.
pub(super) fn deprecated_attr(note: Option<&str>) -> Option<TokenStream> {
    note.map(|note| quote!(#[deprecated(note = #note)]))
}

/// How an input getter returns a member.
fn getter(ctx: &Ctx<'_>, member: &IrMember) -> (TokenStream, TokenStream) {
    let field = ident(&member.ident);
    let ty = ctx.rust_type(&member.target);
    let kind = &ctx.shape(&member.target).kind;
    let is_list = matches!(kind, Kind::List { .. });
    let item = match kind {
        Kind::List {
            member: item,
            sparse,
            ..
        } => {
            let t = ctx.rust_type(&item.target);
            if *sparse {
                quote!(Option<#t>)
            } else {
                t
            }
        }
        _ => TokenStream::new(),
    };
    if let Some(default) = default_getter(ctx, member) {
        return default;
    }
    match (
        member.stored_bare(),
        ctx.is_string(&member.target),
        is_list,
        ctx.is_copy(&member.target),
    ) {
        (true, true, _, _) => (quote!(&str), quote!(&self.#field)),
        (true, _, true, _) => (quote!(&[#item]), quote!(&self.#field)),
        (true, _, _, true) => (ty, quote!(self.#field)),
        (true, _, _, _) => (quote!(&#ty), quote!(&self.#field)),
        (false, true, _, _) => (quote!(Option<&str>), quote!(self.#field.as_deref())),
        (false, _, true, _) => (quote!(Option<&[#item]>), quote!(self.#field.as_deref())),
        (false, _, _, true) => (quote!(Option<#ty>), quote!(self.#field)),
        (false, _, _, _) if member.boxed => (quote!(Option<&#ty>), quote!(self.#field.as_deref())),
        (false, _, _, _) => (quote!(Option<&#ty>), quote!(self.#field.as_ref())),
    }
}

/// An operation input: private fields, getters, and a builder whose `build()` (also used by
/// `Deserialize`) checks every constraint, so every value of the type is valid.
pub(super) fn input(
    ctx: &Ctx<'_>,
    shape: &IrShape,
    operation: &str,
    has_input: bool,
) -> TokenStream {
    let rt = &ctx.rt;
    let name = ident(&shape.ident);
    let builder = ident(role_and_builder(shape).1);
    let doc = doc_attrs(shape.doc.as_deref(), &fallback_doc(shape));
    let guarantee = lines_to_attrs(&format!(
        "\n{}\n\nA value of this type has passed every constraint of the model: it can only be made \
         through [`{builder}::build`] or by deserializing, and both check everything.\n\n\
         To read a JSON body, [`OperationInput::from_json_slice`]\
         (rt::OperationInput::from_json_slice) is faster than `serde_json::from_slice`: it \
         checks the body's UTF-8 once, where `serde_json` checks each string, and reads it \
         with the runtime's own reader. It also keeps a malformed body and a broken \
         constraint apart.",
        source_doc(shape)
    ));
    let all = members(shape);
    let fields = all.iter().map(|m| {
        let field = ident(&m.ident);
        let ty = ctx.member_type(m);
        let wire = &m.name;
        if m.stored_bare() {
            quote! {
                #[serde(rename = #wire)]
                #field: #ty,
            }
        } else {
            // A client leaves an input's own absent members out, defaults too: top-level
            // input members are implicitly `@clientOptional` (Smithy's `@input` trait).
            quote! {
                #[serde(rename = #wire, skip_serializing_if = "Option::is_none")]
                #field: Option<#ty>,
            }
        }
    });
    let getters = all.iter().map(|m| {
        let method = ident(&m.methods.getter);
        let doc = member_doc(m);
        let (ret, body) = getter(ctx, m);
        let deprecated = deprecated_attr(m.deprecated.as_deref());
        quote! {
            #doc
            #deprecated
            pub fn #method(&self) -> #ret {
                #body
            }
        }
    });
    // The builder serializes as the input does (absent members left out), which is what
    // `build_unchecked` sends.
    let builder_fields = all.iter().map(|m| {
        let field = ident(&m.ident);
        let ty = ctx.member_type(m);
        let wire = &m.name;
        let read = optional_text_reader(ctx, m);
        quote! {
            #[serde(rename = #wire, skip_serializing_if = "Option::is_none" #read)]
            #field: Option<#ty>,
        }
    });
    let into_builder_fields = all.iter().map(|m| {
        let field = ident(&m.ident);
        if m.stored_bare() {
            quote!(#field: Some(self.#field),)
        } else {
            quote!(#field: self.#field,)
        }
    });
    let with_defaults = filled_defaults(ctx, all);
    let setters = all.iter().map(|m| {
        let field = ident(&m.ident);
        setters(ctx, m, &quote!(self.#field))
    });
    let checks = all.iter().map(|m| {
        let field = ident(&m.ident);
        optional_member_checks(ctx, m, &quote!(self.#field))
    });
    let required: Vec<_> = all
        .iter()
        .filter(|m| m.stored_bare())
        .map(|m| ident(&m.ident))
        .collect();
    let optional: Vec<_> = all
        .iter()
        .filter(|m| !m.stored_bare())
        .map(|m| ident(&m.ident))
        .collect();
    let construct = quote! {
        #name {
            #(#required,)*
            #(#optional: self.#optional,)*
        }
    };
    let finish = if required.is_empty() {
        quote! {
            if errors.is_empty() {
                Ok(#construct)
            } else {
                Err(errors)
            }
        }
    } else {
        quote! {
            match (#(self.#required,)*) {
                (#(Some(#required),)*) if errors.is_empty() => Ok(#construct),
                _ => Err(errors),
            }
        }
    };
    let uses_path = all.iter().any(|m| member_needs_checks(ctx, m));
    let check_block = uses_path.then(|| {
        quote! {
            {
                let path = &#rt::Path::ROOT;
                let errors = &mut errors;
                #(#checks)*
            }
        }
    });
    let errors_mut = if uses_path {
        quote!(mut)
    } else {
        TokenStream::new()
    };
    let builder_doc = format!(
        " Collects the members of a [`{}`]; [`build`](Self::build) checks them all.",
        shape.ident
    );
    let redacted = redacting_debug(ctx, &name, all);
    let builder_redacted = redacting_debug(ctx, &builder, all);
    let debug = redacted.is_none().then(|| quote!(Debug,));
    // With idempotency tokens, `build()` (for callers making a request) fills absent ones and
    // parsing (a request as received) checks what was sent without adding any.
    let tokens: Vec<_> = all
        .iter()
        .filter(|m| m.idempotency_token && ctx.is_string(&m.target))
        .map(|m| ident(&m.ident))
        .collect();
    let token_mut = (!tokens.is_empty()).then(|| quote!(mut));
    let build = if tokens.is_empty() {
        quote! {
            /// Checks every constraint and returns the input, or every violation found.
            pub fn build(self) -> Result<#name, #rt::ValidationErrors> {
                self.check()
            }

            /// Checks every constraint as the members stand (what parsing uses).
            pub(crate) fn check(self) -> Result<#name, #rt::ValidationErrors> {
                let #errors_mut errors = #rt::ValidationErrors::new();
                #check_block
                #finish
            }
        }
    } else {
        let token_doc = format!(
            " Fills each absent idempotency token ({}) with a fresh one,",
            tokens
                .iter()
                .map(|t| format!("`{t}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        quote! {
            #[doc = #token_doc]
            /// then checks every constraint and returns the input, or every violation found.
            pub fn build(mut self) -> Result<#name, #rt::ValidationErrors> {
                #(
                    if self.#tokens.is_none() {
                        self.#tokens = Some(#rt::idempotency_token());
                    }
                )*
                self.check()
            }

            /// Checks every constraint as the members stand, adding nothing (what parsing
            /// uses).
            pub(crate) fn check(self) -> Result<#name, #rt::ValidationErrors> {
                let #errors_mut errors = #rt::ValidationErrors::new();
                #check_block
                #finish
            }
        }
    };
    let unchecked = (ctx.has_wire() && has_input).then(|| {
        let root = &ctx.root;
        quote! {
            /// The members as set, checked against none of the model's constraints, for a
            /// client that must send what this model refuses (a service may accept more than
            /// the model it was generated from says). Not the input type: it serializes and
            /// makes request parts as the input would, and nothing that takes a proven input
            /// takes it. Prefer [`build`](Self::build) unless a service is known to accept
            /// more; see `runtime::wire::UncheckedInput`.
            pub fn build_unchecked(#token_mut self) -> #rt::wire::UncheckedInput<Self> {
                #(
                    if self.#tokens.is_none() {
                        self.#tokens = Some(#rt::idempotency_token());
                    }
                )*
                #rt::__private::unchecked_input(
                    #root::service::NAME,
                    #operation,
                    #root::service::PROTOCOL,
                    self,
                )
            }
        }
    });
    let check = format_ident!("check");
    quote! {
        #doc
        #guarantee
        #[derive(Clone, #debug PartialEq, serde::Serialize)]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            /// A builder, to be checked by its `build()`.
            pub fn builder() -> #builder {
                #builder::default()
            }

            /// A builder holding this input's members, to change some and check again.
            pub fn into_builder(self) -> #builder {
                #builder {
                    #(#into_builder_fields)*
                }
            }

            #(#getters)*

            #with_defaults
        }

        impl<'de> serde::Deserialize<'de> for #name {
            /// Reads the members and checks every constraint; a value that breaks any is an
            /// error listing all the violations.
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let builder = <#builder as serde::Deserialize>::deserialize(deserializer)?;
                builder.#check().map_err(serde::de::Error::custom)
            }
        }

        impl #rt::OperationInput for #name {
            const OPERATION_NAME: &'static str = #operation;

            fn from_json_slice(body: &[u8]) -> Result<Self, #rt::InputError> {
                let builder: #builder = #rt::from_json_body(body).map_err(#rt::InputError::Serialization)?;
                builder.#check().map_err(#rt::InputError::Validation)
            }

            fn from_json_str(body: &str) -> Result<Self, #rt::InputError> {
                let builder: #builder = #rt::from_json_text(body).map_err(#rt::InputError::Serialization)?;
                builder.#check().map_err(#rt::InputError::Validation)
            }

            fn from_cbor_slice(body: &[u8]) -> Result<Self, #rt::InputError> {
                let builder: #builder = #rt::__private::from_body(#rt::wire::Protocol::RpcV2Cbor, body)?;
                builder.#check().map_err(#rt::InputError::Validation)
            }
        }

        #redacted
        #builder_redacted

        #[doc = #builder_doc]
        #[derive(Clone, #debug Default, PartialEq, serde::Serialize, serde::Deserialize)]
        pub struct #builder {
            #(#builder_fields)*
        }

        impl #builder {
            #(#setters)*

            #build

            #unchecked
        }
    }
}
