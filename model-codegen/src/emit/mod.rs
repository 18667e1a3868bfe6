//! Emit: the IR to Rust tokens.
//!
//! The output is one file, meant to be `include!`d at a crate root:
//!
//! - `types`: nested structures, enums and unions; `types::error`: error structures; the
//!   builders of both in a `builders` submodule each (a model may name a shape `XBuilder`
//!   beside `X`);
//! - `operation::<name>`: each operation's input (proven valid) and output, with their
//!   builders;
//! - `constraints` (private): a validator per constrained simple, list or map shape, and the
//!   compiled-once patterns.

mod docs;
mod enumeration;
mod operation;
mod strategy;
mod structure;
mod union;
mod validate;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use crate::ir::{Ir, IrShape, Kind, NumberType, Role, TimestampFormat};
use crate::shape_id::ShapeId;

/// Everything the emitters share: the IR and where the runtime and the generated file live.
pub(crate) struct Ctx<'a> {
    pub ir: &'a Ir,
    /// How generated items name the runtime: `rt`, which each module that uses it imports
    /// ([`Ctx::module`]), so the runtime's path is written once a module, not once a use.
    pub rt: TokenStream,
    /// Path of the runtime (`::model_runtime`, `::some_crate::runtime`).
    pub runtime: TokenStream,
    /// Path of the module the generated file is included in (`crate`, `crate::published`).
    pub root: TokenStream,
    /// Whether wire code is wanted.
    pub wire: bool,
    /// Whether the `http` items are wanted (with wire code only).
    pub http: bool,
}

/// What to emit besides the types. The paths are parsed before emitting, so emitting
/// cannot fail.
pub struct EmitOptions {
    /// Path of the runtime module generated code refers to.
    pub runtime: syn::Path,
    /// Whether to emit the `strategies` module (behind the including crate's `proptest`
    /// feature, which that crate must then declare).
    pub strategies: bool,
    /// Path of the module the file is included in: `crate` at a crate root.
    pub root: syn::Path,
    /// Whether to emit wire code.
    pub wire: bool,
    /// Whether to emit the wire code's `http` items (behind the including crate's `http`
    /// feature, which that crate must then declare).
    pub http: bool,
}

/// Emits the whole file for `ir`.
pub fn emit(ir: &Ir, options: &EmitOptions) -> TokenStream {
    let (runtime, root) = (&options.runtime, &options.root);
    let (runtime, root) = (quote!(#runtime), quote!(#root));
    let ctx = Ctx {
        ir,
        rt: quote!(rt),
        runtime,
        root,
        wire: options.wire,
        http: options.http,
    };
    let mut plain = Vec::new();
    let mut plain_builders = Vec::new();
    let mut error_items = Vec::new();
    let mut error_builders = Vec::new();
    for shape in ir.shapes.values().filter(|s| !s.prelude) {
        match &shape.kind {
            Kind::Structure {
                role: Role::Plain, ..
            } => {
                let lenient = structure::lenient(&ctx, shape);
                plain.push(lenient.item);
                plain_builders.push(lenient.builder);
            }
            Kind::Structure {
                role: Role::Error { .. },
                ..
            } => {
                let lenient = structure::lenient(&ctx, shape);
                error_items.push(lenient.item);
                error_builders.push(lenient.builder);
            }
            // Each of these starts with the type's definition, which the attribute marks.
            Kind::Enum(..) | Kind::IntEnum(_) | Kind::Union { .. } => {
                let deprecated = structure::deprecated_attr(shape.deprecated.as_deref());
                let item = match &shape.kind {
                    Kind::Enum(..) => enumeration::string_enum(&ctx, shape),
                    Kind::IntEnum(_) => enumeration::int_enum(&ctx, shape),
                    _ => union::union(&ctx, shape),
                };
                plain.push(after_docs(deprecated, item));
            }
            _ => {}
        }
    }
    let operations = operation::modules(&ctx);
    // Generated code may use what the model deprecates; only callers should be warned.
    let allow_deprecated = |module: TokenStream| {
        (!module.is_empty()).then(|| after_docs(Some(quote!(#[allow(deprecated)])), module))
    };
    let service = allow_deprecated(operation::service_module(&ctx));
    let strategies = options
        .strategies
        .then(|| allow_deprecated(strategy::module(&ctx)))
        .flatten();
    let constraints = allow_deprecated(validate::constraints_module(&ctx));
    let patterns = (!ir.patterns.is_empty()).then(|| validate::patterns_module(&ctx));
    let builders_module = |builders: Vec<TokenStream>| {
        (!builders.is_empty()).then(|| {
            let builders = ctx.module(quote!(#(#builders)*));
            quote! {
                /// Builders of the structures above, one per structure (`<Structure>Builder`),
                /// in a module of their own so no shape's name can clash with a builder's.
                pub mod builders {
                    #builders
                }
            }
        })
    };
    let plain_builders = builders_module(plain_builders);
    let error_builders = builders_module(error_builders);
    let error_module = (!error_items.is_empty()).then(|| {
        let items = ctx.module(quote!(#(#error_items)* #error_builders));
        quote! {
            /// Error structures: what operations return when they fail.
            pub mod error {
                #items
            }
        }
    });
    let types = ctx.module(quote!(#(#plain)* #plain_builders #error_module));
    quote! {
        /// Data shapes of the model: structures, enums and unions used by operations.
        #[allow(deprecated)]
        pub mod types {
            #types
        }

        /// One module per operation, with its input and output.
        #[allow(deprecated)]
        pub mod operation {
            #operations
        }

        #service

        #strategies

        #patterns

        #constraints
    }
}

/// Whether `tokens` hold a path that starts at `rt::` (in nested groups too, and in a serde
/// attribute's quoted path), the runtime as [`Ctx::module`] imports it; a member named `rt`
/// is a field or a variable, never followed by `::`.
fn names_rt(tokens: TokenStream) -> bool {
    use proc_macro2::{Spacing, TokenTree};
    let mut previous_was_rt = false;
    for tree in tokens {
        match &tree {
            TokenTree::Punct(p)
                if previous_was_rt && p.as_char() == ':' && p.spacing() == Spacing::Joint =>
            {
                return true
            }
            TokenTree::Literal(literal) if literal.to_string().starts_with("\"rt::") => {
                return true
            }
            TokenTree::Group(group) if names_rt(group.stream()) => return true,
            _ => {}
        }
        previous_was_rt = matches!(&tree, TokenTree::Ident(i) if i == "rt");
    }
    false
}

/// `items` with `attr` placed on the first of them, after its doc comments, where a reader
/// expects attributes. The items are always ones the emitters built; were they not (a
/// generator bug), the attribute goes first rather than being lost.
fn after_docs(attr: Option<TokenStream>, items: TokenStream) -> TokenStream {
    let Some(attr) = attr else {
        return items;
    };
    let (Ok(mut file), Ok(attrs)) = (
        syn::parse2::<syn::File>(items.clone()),
        syn::parse::Parser::parse2(syn::Attribute::parse_outer, attr.clone()),
    ) else {
        return quote!(#attr #items);
    };
    let existing = match file.items.first_mut() {
        Some(syn::Item::Mod(m)) => &mut m.attrs,
        Some(syn::Item::Enum(e)) => &mut e.attrs,
        Some(syn::Item::Struct(s)) => &mut s.attrs,
        Some(syn::Item::Fn(f)) => &mut f.attrs,
        Some(syn::Item::Static(s)) => &mut s.attrs,
        Some(syn::Item::Const(c)) => &mut c.attrs,
        _ => return quote!(#attr #items),
    };
    let at = existing
        .iter()
        .rposition(|a| a.path().is_ident("doc"))
        .map_or(0, |last_doc| last_doc + 1);
    for (offset, a) in attrs.into_iter().enumerate() {
        existing.insert(at + offset, a);
    }
    let items = &file.items;
    quote!(#(#items)*)
}

impl<'a> Ctx<'a> {
    /// The shape `id` names. Lowering proved the IR closed ([`crate::ir::lower`]): every id
    /// the emitters hold, from a member's target or an operation, has its shape.
    pub fn shape(&self, id: &ShapeId) -> &'a IrShape {
        &self.ir.shapes[id]
    }

    /// Whether values of `id` have anything to validate.
    pub fn is_validated(&self, id: &ShapeId) -> bool {
        self.ir.validated.contains(id)
    }

    /// The Rust type of a value of shape `id`.
    pub fn rust_type(&self, id: &ShapeId) -> TokenStream {
        let shape = self.shape(id);
        let rt = &self.rt;
        let root = &self.root;
        match &shape.kind {
            Kind::String(_) => quote!(String),
            Kind::Boolean => quote!(bool),
            // NaN and the infinities travel as strings, which plain f32/f64 cannot carry.
            Kind::Number(NumberType::F64, _) => quote!(#rt::Double),
            Kind::Number(NumberType::F32, _) => quote!(#rt::Float),
            Kind::Number(n, _) => number_type(*n),
            Kind::Timestamp(TimestampFormat::EpochSeconds) => quote!(#rt::DateTime),
            Kind::Timestamp(TimestampFormat::DateTime) => quote!(#rt::Rfc3339DateTime),
            Kind::Timestamp(TimestampFormat::HttpDate) => quote!(#rt::HttpDate),
            Kind::Timestamp(TimestampFormat::EpochSecondsLenient) => quote!(#rt::LenientDateTime),
            Kind::Timestamp(TimestampFormat::DateTimeLenient) => {
                quote!(#rt::LenientRfc3339DateTime)
            }
            Kind::Document => quote!(::serde_json::Value),
            Kind::Blob(_) => quote!(#rt::Blob),
            Kind::BigNumber(_) => quote!(#rt::BigNumber),
            Kind::Enum(..) | Kind::IntEnum(_) | Kind::Union { .. } => {
                let ident = ident(&shape.ident);
                quote!(#root::types::#ident)
            }
            Kind::List { member, sparse, .. } => {
                let inner = self.rust_type(&member.target);
                if *sparse {
                    quote!(Vec<Option<#inner>>)
                } else {
                    quote!(Vec<#inner>)
                }
            }
            Kind::Map { value, sparse, .. } => {
                let inner = self.rust_type(&value.target);
                if *sparse {
                    quote!(::std::collections::BTreeMap<String, Option<#inner>>)
                } else {
                    quote!(::std::collections::BTreeMap<String, #inner>)
                }
            }
            Kind::Structure { role, .. } => {
                let name = ident(&shape.ident);
                match role {
                    Role::Plain => quote!(#root::types::#name),
                    Role::Error { .. } => quote!(#root::types::error::#name),
                    Role::Input { module, .. } | Role::Output { module, .. } => {
                        let module = ident(module);
                        quote!(#root::operation::#module::#name)
                    }
                }
            }
        }
    }

    /// The path of a lenient structure's builder from the structure's own module:
    /// `builders::<Name>Builder` (in `types::builders` or `types::error::builders`), or
    /// `<Name>Builder` for an operation's output, which keeps its builder beside it in the
    /// operation's module, where no shape can clash with it.
    pub fn builder_path(&self, role: &Role, builder: &str) -> TokenStream {
        let builder = ident(builder);
        match role {
            Role::Input { .. } | Role::Output { .. } => quote!(#builder),
            Role::Plain | Role::Error { .. } => quote!(builders::#builder),
        }
    }

    /// The Rust type of a member's value: its target's type, boxed where recursion needs it.
    pub fn member_type(&self, member: &crate::ir::IrMember) -> TokenStream {
        let ty = self.rust_type(&member.target);
        if member.boxed {
            quote!(Box<#ty>)
        } else {
            ty
        }
    }

    /// Whether the Rust type of `id` is `Copy` (getters return it by value).
    pub fn is_copy(&self, id: &ShapeId) -> bool {
        use TimestampFormat as F;
        matches!(
            self.shape(id).kind,
            Kind::Boolean
                | Kind::Number(..)
                | Kind::Timestamp(F::EpochSeconds | F::DateTime | F::DateTimeLenient | F::HttpDate)
        )
    }

    /// Whether the model has a service with a supported protocol, so wire code is emitted.
    pub fn has_wire(&self) -> bool {
        self.wire
            && self
                .ir
                .service
                .as_ref()
                .is_some_and(|s| !s.protocols.is_empty())
    }

    /// Whether the `http` items are emitted: wire code is, and they were asked for.
    pub fn has_http(&self) -> bool {
        self.http && self.has_wire()
    }

    /// A module's items, with the runtime imported as `rt` first when they name it. Only a
    /// module whose own items use the runtime imports it (an unused import would warn), and
    /// no module gets a type-namespace item named `rt` from the model: types are UpperCamel
    /// and the only lower-case modules the model names are the operations' (in `operation`,
    /// which imports nothing).
    pub fn module(&self, items: TokenStream) -> TokenStream {
        let runtime = &self.runtime;
        match names_rt(items.clone()) {
            true => quote!(use #runtime as rt; #items),
            false => items,
        }
    }

    /// Whether a builder setter should take `impl Into<String>`.
    pub fn is_string(&self, id: &ShapeId) -> bool {
        matches!(self.shape(id).kind, Kind::String(_))
    }
}

fn number_type(n: NumberType) -> TokenStream {
    match n {
        NumberType::I8 => quote!(i8),
        NumberType::I16 => quote!(i16),
        NumberType::I32 => quote!(i32),
        NumberType::I64 => quote!(i64),
        NumberType::F32 => quote!(f32),
        NumberType::F64 => quote!(f64),
    }
}

/// `Some(literal)` or `None`, as tokens.
pub(crate) fn optional_literal(v: Option<proc_macro2::Literal>) -> TokenStream {
    match v {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    }
}

/// An identifier, raw (`r#type`) when the name asks for it.
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => format_ident!("{}", name),
    }
}

#[cfg(test)]
mod tests {
    use super::names_rt;
    use quote::quote;

    #[test]
    fn a_path_at_rt_is_found_in_code_groups_and_quoted_serde_paths() {
        assert!(names_rt(quote!(
            fn f() -> rt::Path<'static> {}
        )));
        assert!(names_rt(quote!(
            struct S {
                x: Vec<rt::Path<'static>>,
            }
        )));
        assert!(names_rt(quote!(
            struct S {
                #[serde(default, deserialize_with = "rt::__private::optional_string")]
                x: Option<String>,
            }
        )));
        // A field or a variable named `rt`, and paths that only look alike.
        assert!(!names_rt(quote!(
            struct S {
                rt: u8,
            }
            fn f(s: S) -> u8 {
                s.rt
            }
        )));
        assert!(!names_rt(quote!(
            struct S {
                #[serde(rename = "rt", deserialize_with = "rtx::read")]
                x: u8,
            }
        )));
        assert!(!names_rt(quote!(
            const DOC: &str = "see rt::Path";
        )));
    }
}
