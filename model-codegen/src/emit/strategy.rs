//! The `strategies` module (behind the including crate's `proptest` feature): a strategy per
//! shape, `Arbitrary` for operation inputs and outputs, and `invalid` bodies that break
//! exactly one constraint each.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::{ident, optional_literal, Ctx};
use crate::ir::{IrMember, IrShape, Kind, NumberType, Role, TimestampFormat};
use crate::shape_id::ShapeId;

/// The strategy function's name for a shape, as the plan named it.
fn fn_name(shape: &IrShape) -> proc_macro2::Ident {
    ident(&shape.strategy)
}

/// A strategy expression for a value of `target`, in the current `mode`.
fn value_strategy(ctx: &Ctx<'_>, target: &ShapeId) -> TokenStream {
    strategy_call(ctx, target, &quote!(self), &quote!(mode))
}

/// A strategy for map keys, which are `String`s whatever their target: an enum's values
/// become their text.
fn map_key_strategy(ctx: &Ctx<'_>, target: &ShapeId) -> TokenStream {
    let strategy = value_strategy(ctx, target);
    match ctx.shape(target).kind {
        Kind::Enum(..) => quote!(#strategy.prop_map(|key| key.as_str().to_owned())),
        _ => strategy,
    }
}

/// Values an enum does not list that break nothing else: within the `@length` and matching
/// the `@pattern` of each set of constraints (the enum's, the member's), so the one violation
/// is the unknown value.
fn unknown_enum_strategy(
    ctx: &Ctx<'_>,
    ty: &TokenStream,
    constraints: &[&crate::ir::Constraints],
) -> TokenStream {
    let unknown = quote!(support::unknown_enum_value(#ty::values()));
    let root = &ctx.root;
    let tests: Vec<TokenStream> = constraints
        .iter()
        .flat_map(|c| {
            let length = c.length.as_ref();
            [
                length
                    .and_then(|l| l.min)
                    .filter(|m| *m > 0)
                    .map(|m| quote!(value.chars().count() as u64 >= #m)),
                length
                    .and_then(|l| l.max)
                    .map(|m| quote!(value.chars().count() as u64 <= #m)),
                c.pattern.as_ref().map(|p| {
                    let name = ident(&p.name);
                    quote!(#root::patterns::#name.is_match(value))
                }),
            ]
        })
        .flatten()
        .collect();
    if tests.is_empty() {
        return unknown;
    }
    // Generate within the tightest bounds and from a pattern, so the filter below (every
    // constraint, patterns beyond the first included) rarely rejects: filtering arbitrary
    // text down to, say, two capital letters would exhaust proptest's rejection budget.
    let min = constraints
        .iter()
        .filter_map(|c| c.length.and_then(|l| l.min))
        .max();
    let max = constraints
        .iter()
        .filter_map(|c| c.length.and_then(|l| l.max))
        .min();
    let pattern = constraints
        .iter()
        .find(|c| c.pattern.is_some())
        .map_or_else(|| quote!(None), |c| pattern_expr(ctx, c));
    let (min, max) = (bound_literal(min), bound_literal(max));
    quote! {
        support::unknown_enum_value_within(#ty::values(), #pattern, #min, #max)
            .prop_filter("an unknown value that breaks no other constraint", |value| {
                #(#tests)&&*
            })
            .boxed()
    }
}

/// A strategy for a member's value: one recursive step deeper where the member recurses,
/// boxed where its Rust type is.
fn member_strategy(ctx: &Ctx<'_>, member: &IrMember) -> TokenStream {
    let mode = if member.recursive {
        quote!(mode.deeper())
    } else {
        quote!(mode)
    };
    let strategy = strategy_call(ctx, &member.target, &quote!(self), &mode);
    if member.boxed {
        quote!(#strategy.prop_map(Box::new).boxed())
    } else {
        strategy
    }
}

/// A strategy expression for `target` calling the functions under `module` with `mode`.
fn strategy_call(
    ctx: &Ctx<'_>,
    target: &ShapeId,
    module: &TokenStream,
    mode: &TokenStream,
) -> TokenStream {
    let shape = ctx.shape(target);
    if !shape.prelude {
        let name = fn_name(shape);
        return quote!(#module::#name(#mode));
    }
    match &shape.kind {
        Kind::Boolean => quote!(any::<bool>().boxed()),
        Kind::Number(n, _) => {
            let primitive = super::number_type(*n);
            let ty = ctx.rust_type(target);
            quote!(any::<#primitive>().prop_map(<#ty>::from).boxed())
        }
        Kind::Timestamp(format) => timestamp_strategy(*format),
        Kind::Blob(_) => quote!(support::blob(None, None)),
        Kind::BigNumber(_) => quote!(support::big_number()),
        Kind::Document => quote!(support::document()),
        _ => quote!(any::<String>().boxed()),
    }
}

fn timestamp_strategy(format: TimestampFormat) -> TokenStream {
    match format {
        TimestampFormat::EpochSeconds => quote!(support::date_time()),
        TimestampFormat::DateTime => quote!(support::rfc3339_date_time()),
        TimestampFormat::HttpDate => quote!(support::http_date()),
        TimestampFormat::EpochSecondsLenient => quote!(support::lenient_date_time()),
        TimestampFormat::DateTimeLenient => quote!(support::lenient_rfc3339_date_time()),
    }
}

fn pattern_expr(ctx: &Ctx<'_>, constraints: &crate::ir::Constraints) -> TokenStream {
    let root = &ctx.root;
    match &constraints.pattern {
        Some(p) => {
            let name = ident(&p.name);
            quote!(Some(&#root::patterns::#name))
        }
        None => quote!(None),
    }
}

pub(super) fn module(ctx: &Ctx<'_>) -> TokenStream {
    let rt = &ctx.rt;
    let functions = ctx
        .ir
        .shapes
        .values()
        .filter(|s| !s.prelude)
        .map(|s| shape_fn(ctx, s));
    let arbitrary = ctx.ir.operations.values().map(|op| {
        let (input, output) = (ctx.shape(&op.input), ctx.shape(&op.output));
        let (input_fn, output_fn) = (fn_name(input), fn_name(output));
        let (input, output) = (ctx.rust_type(&input.id), ctx.rust_type(&output.id));
        Some(quote! {
            impl proptest::arbitrary::Arbitrary for #input {
                type Parameters = ();
                type Strategy = BoxedStrategy<Self>;

                fn arbitrary_with((): ()) -> Self::Strategy {
                    #input_fn(Mode::VALID)
                }
            }

            impl proptest::arbitrary::Arbitrary for #output {
                type Parameters = ();
                type Strategy = BoxedStrategy<Self>;

                fn arbitrary_with((): ()) -> Self::Strategy {
                    #output_fn(Mode::LENIENT)
                }
            }
        })
    });
    let invalid = ctx.ir.operations.values().map(|op| invalid_fn(ctx, op));
    let by_name = by_name(ctx);
    let invalid = ctx.module(quote! {
        use proptest::prelude::*;
        use #rt::__private::strategy as support;
        use #rt::strategy::{ExpectedViolation, Mode, ViolationKind};
        use #rt::PathSegment;

        #(#invalid)*
    });
    let items = ctx.module(quote! {
        use proptest::prelude::*;
        pub use #rt::strategy::{ExpectedViolation, Mode, ViolationKind};
        use #rt::__private::strategy as support;

        #(#functions)*
        #(#arbitrary)*
        #by_name

        /// Request bodies (as JSON) that are valid except for one violation, each paired
        /// with the violation it must be rejected with.
        pub mod invalid {
            #invalid
        }
    });
    quote! {
        /// Proptest strategies for every shape: valid values (with `Mode::VALID` they always
        /// pass validation), lenient ones for outputs (`Mode::LENIENT` adds unknown enum
        /// values), and in `invalid` bodies that break exactly one constraint.
        ///
        /// String shapes are generated from their pattern within their length bounds and
        /// filtered on both, so proptest bounds the (rare) rejections. Member-level
        /// constraint traits are not used by the strategies.
        #[cfg(feature = "proptest")]
        pub mod strategies {
            #items
        }
    }
}

fn shape_fn(ctx: &Ctx<'_>, shape: &IrShape) -> TokenStream {
    let name = fn_name(shape);
    let ty = ctx.rust_type(&shape.id);
    let doc = format!(" Values of `{}`.", shape.id);
    let body = match &shape.kind {
        Kind::String(c) => {
            let pattern = pattern_expr(ctx, c);
            let (min, max) = (
                bound_literal(c.length.and_then(|l| l.min)),
                bound_literal(c.length.and_then(|l| l.max)),
            );
            quote!(support::string(#pattern, #min, #max))
        }
        Kind::Boolean => quote!(any::<bool>().boxed()),
        Kind::Timestamp(format) => timestamp_strategy(*format),
        Kind::Number(n, c) => number_strategy(*n, &ty, c),
        Kind::Enum(..) => quote! {
            support::enum_value(#ty::values(), mode.lenient).prop_map(#ty::from).boxed()
        },
        Kind::List {
            member,
            constraints,
            sparse,
            unique,
        } => {
            let element = member_strategy(ctx, member);
            let element = if *sparse {
                quote!(proptest::option::of(#element).boxed())
            } else {
                element
            };
            let (min, max) = (
                bound_literal(constraints.length.and_then(|l| l.min)),
                bound_literal(constraints.length.and_then(|l| l.max)),
            );
            let list = if *unique {
                quote!(support::unique_list(support::list(#element, #min, #max, mode)))
            } else {
                quote!(support::list(#element, #min, #max, mode))
            };
            if member.recursive {
                quote!(if mode.at_limit() { Just(Vec::new()).boxed() } else { #list })
            } else {
                list
            }
        }
        Kind::Map {
            key,
            value,
            constraints,
            sparse,
        } => {
            let recursive = value.recursive;
            let key = map_key_strategy(ctx, &key.target);
            let value = member_strategy(ctx, value);
            let value = if *sparse {
                quote!(proptest::option::of(#value))
            } else {
                value
            };
            let low = constraints.length.and_then(|l| l.min).unwrap_or(0);
            let high = constraints
                .length
                .and_then(|l| l.max)
                .unwrap_or(low + 4)
                .max(low);
            let (low, high) = (low as usize, high as usize);
            let map = quote!(proptest::collection::btree_map(#key, #value, #low..=#high).boxed());
            if recursive {
                quote!(if mode.at_limit() { Just(Default::default()).boxed() } else { #map })
            } else {
                map
            }
        }
        Kind::Structure { members, role, .. } => structure_strategy(ctx, shape, members, role),
        Kind::Blob(c) => {
            let (min, max) = (
                bound_literal(c.length.and_then(|l| l.min)),
                bound_literal(c.length.and_then(|l| l.max)),
            );
            quote!(support::blob(#min, #max))
        }
        Kind::BigNumber(c) => match &c.range {
            Some(range) => {
                let text = |n: &Option<serde_json::Number>| {
                    super::optional_literal(n.as_ref().map(|n| Literal::string(&n.to_string())))
                };
                let (min, max) = (text(&range.min), text(&range.max));
                quote!(support::big_number_in(#min, #max))
            }
            None => quote!(support::big_number()),
        },
        Kind::Document => quote!(support::document()),
        Kind::IntEnum(_) => quote! {
            support::int_enum_value(#ty::values(), mode.lenient).prop_map(#ty::from).boxed()
        },
        Kind::Union { members } => {
            let option = |m: &IrMember| {
                let variant = ident(&m.ident);
                if m.is_unit() {
                    return quote!(Just(#ty::#variant).boxed());
                }
                let strategy = member_strategy(ctx, m);
                quote!(#strategy.prop_map(#ty::#variant).boxed())
            };
            let always = members.iter().filter(|m| !m.recursive).map(option);
            // At the recursion limit a union picks one of its other members.
            let recursive: Vec<_> = members.iter().filter(|m| m.recursive).map(option).collect();
            if recursive.is_empty() {
                quote!(support::one_of([#(#always),*]))
            } else {
                quote! {
                    let mut options = Vec::from([#(#always),*]);
                    if !mode.at_limit() {
                        #(options.push(#recursive);)*
                    }
                    support::one_of(options)
                }
            }
        }
    };
    let mode_param = if uses_mode(&body) {
        quote!(mode)
    } else {
        quote!(_mode)
    };
    quote! {
        #[doc = #doc]
        pub fn #name(#mode_param: Mode) -> BoxedStrategy<#ty> {
            #body
        }
    }
}

/// Whether generated tokens use the `mode` parameter.
fn uses_mode(tokens: &TokenStream) -> bool {
    tokens.clone().into_iter().any(|tree| match tree {
        proc_macro2::TokenTree::Ident(ident) => ident == "mode",
        proc_macro2::TokenTree::Group(group) => uses_mode(&group.stream()),
        _ => false,
    })
}

/// Values of a number shape (`ty` is its Rust type, `n` the primitive behind it).
fn number_strategy(n: NumberType, ty: &TokenStream, c: &crate::ir::Constraints) -> TokenStream {
    let primitive = super::number_type(n);
    let Some(range) = &c.range else {
        return quote!(any::<#primitive>().prop_map(<#ty>::from).boxed());
    };
    let is_float = matches!(n, NumberType::F32 | NumberType::F64);
    if is_float {
        // Finite bounds of the type itself: an absent bound is the type's extreme.
        let (type_min, type_max) = match n {
            NumberType::F32 => (f64::from(f32::MIN), f64::from(f32::MAX)),
            _ => (f64::MIN, f64::MAX),
        };
        let bound = |b: &Option<serde_json::Number>, default: f64| {
            b.as_ref()
                .and_then(serde_json::Number::as_f64)
                .map_or(default, |v| v.clamp(type_min, type_max))
        };
        let typed = |v: f64| match n {
            NumberType::F32 => Literal::f32_suffixed(v as f32),
            _ => Literal::f64_suffixed(v),
        };
        let (min, max) = (
            typed(bound(&range.min, type_min)),
            typed(bound(&range.max, type_max)),
        );
        quote!((#min..=#max).prop_map(<#ty>::from).boxed())
    } else {
        // The bounds as integers (a fractional bound rounded inward, as validation reads
        // it), clamped to what the Rust type holds, so the literals fit the type.
        let (type_min, type_max) = match n {
            NumberType::I8 => (i64::from(i8::MIN), i64::from(i8::MAX)),
            NumberType::I16 => (i64::from(i16::MIN), i64::from(i16::MAX)),
            NumberType::I32 => (i64::from(i32::MIN), i64::from(i32::MAX)),
            _ => (i64::MIN, i64::MAX),
        };
        let (min, max) = range.integer_bounds();
        let min = min.map_or(type_min, |m| m.clamp(type_min, type_max));
        let max = max.map_or(type_max, |m| m.clamp(type_min, type_max));
        // Literals of the type itself (the values were clamped to it above).
        let typed = |v: i64| match n {
            NumberType::I8 => Literal::i8_suffixed(v as i8),
            NumberType::I16 => Literal::i16_suffixed(v as i16),
            NumberType::I32 => Literal::i32_suffixed(v as i32),
            _ => Literal::i64_suffixed(v),
        };
        let (min, max) = (typed(min), typed(max));
        quote!((#min..=#max).prop_map(<#ty>::from).boxed())
    }
}

/// Members as nested tuples (proptest implements `Strategy` for tuples of up to 12).
fn structure_strategy(
    ctx: &Ctx<'_>,
    shape: &IrShape,
    members: &[IrMember],
    role: &Role,
) -> TokenStream {
    let ty = ctx.rust_type(&shape.id);
    if members.is_empty() {
        return match role {
            Role::Input { .. } => {
                quote!(Just(()).prop_filter_map("inputs are valid", |()| #ty::builder().build().ok()).boxed())
            }
            _ => quote!(Just(#ty::builder().build()).boxed()),
        };
    }
    let strategies: Vec<TokenStream> = members
        .iter()
        .map(|m| {
            let s = member_strategy(ctx, m);
            match (m.must_be_present(), m.recursive) {
                (true, _) => s,
                (false, false) => quote!(support::optional(#s, mode)),
                (false, true) => quote! {
                    if mode.at_limit() { Just(None).boxed() } else { support::optional(#s, mode) }
                },
            }
        })
        .collect();
    let vars: Vec<_> = (0..members.len())
        .map(|i| format_ident!("m{}", i))
        .collect();
    let chunks_s: Vec<TokenStream> = strategies.chunks(8).map(|c| quote!((#(#c,)*))).collect();
    let chunks_v: Vec<TokenStream> = vars.chunks(8).map(|c| quote!((#(#c,)*))).collect();
    let setters = members.iter().zip(&vars).map(|(m, v)| {
        let set = ident(&m.methods.set);
        if m.must_be_present() {
            quote!(.#set(Some(#v)))
        } else {
            quote!(.#set(#v))
        }
    });
    let build = quote!(#ty::builder() #(#setters)* .build());
    match role {
        Role::Input { .. } => quote! {
            (#(#chunks_s,)*)
                .prop_filter_map("valid members make a valid input", |(#(#chunks_v,)*)| #build.ok())
                .boxed()
        },
        _ => quote! {
            (#(#chunks_s,)*).prop_map(|(#(#chunks_v,)*)| #build).boxed()
        },
    }
}

/// One invalid case: where, which rule, and the replacement value's strategy (`None`: remove).
struct Site {
    path: Vec<TokenStream>,
    kind: TokenStream,
    replacement: Option<TokenStream>,
}

fn invalid_fn(ctx: &Ctx<'_>, op: &crate::ir::Operation) -> TokenStream {
    let name = ident(&op.invalid_strategy);
    let input_fn = fn_name(ctx.shape(&op.input));
    let mut sites = Vec::new();
    collect_sites(
        ctx,
        &op.input,
        &crate::ir::Constraints::default(),
        &mut Vec::new(),
        &mut Vec::new(),
        &mut sites,
    );
    let doc = format!(
        " `{}` request bodies with exactly one violation each, and that violation.",
        op.name
    );
    if sites.is_empty() {
        return quote! {
            #[doc = #doc]
            /// This input has no constraints, so there are none: the strategy yields nothing.
            pub fn #name() -> BoxedStrategy<(serde_json::Value, ExpectedViolation)> {
                Just(()).prop_filter_map("no constraint to break", |()| None).boxed()
            }
        };
    }
    let cases = sites.iter().map(|site| {
        let path = &site.path;
        let kind = &site.kind;
        // Arrays, not `vec![]`: prettyplease formats expressions, not macro arguments.
        let path_vec = quote!(Vec::from([#(#path),*]));
        match &site.replacement {
            None => quote! {
                {
                    let path: Vec<PathSegment> = #path_vec;
                    base.clone()
                        .prop_map(move |body| support::mutate(body, &path, None, ViolationKind::#kind))
                        .boxed()
                }
            },
            Some(replacement) => quote! {
                {
                    let path: Vec<PathSegment> = #path_vec;
                    (base.clone(), #replacement)
                        .prop_map(move |(body, bad)| {
                            support::mutate(body, &path, Some(support::to_value(&bad)), ViolationKind::#kind)
                        })
                        .boxed()
                }
            },
        }
    });
    quote! {
        #[doc = #doc]
        pub fn #name() -> BoxedStrategy<(serde_json::Value, ExpectedViolation)> {
            let base = super::#input_fn(Mode::FULL).prop_map(|input| support::to_value(&input)).boxed();
            support::one_of([#(#cases),*])
        }
    }
}

/// The invalid cases of a value of `id`, reached through a member whose own constraint
/// traits are `member` (only an enum's unknown value heeds them, to break nothing else).
fn collect_sites(
    ctx: &Ctx<'_>,
    id: &ShapeId,
    member: &crate::ir::Constraints,
    path: &mut Vec<TokenStream>,
    stack: &mut Vec<ShapeId>,
    sites: &mut Vec<Site>,
) {
    let root = &ctx.root;
    let shape = ctx.shape(id);
    if stack.contains(id) {
        return;
    }
    stack.push(id.clone());
    match &shape.kind {
        Kind::Structure { members, .. } => {
            for member in members {
                let wire = &member.name;
                path.push(quote!(PathSegment::Member(#wire)));
                if member.must_be_present() {
                    sites.push(Site {
                        path: path.clone(),
                        kind: quote!(Required),
                        replacement: None,
                    });
                }
                collect_sites(ctx, &member.target, &member.constraints, path, stack, sites);
                path.pop();
            }
        }
        Kind::String(c) => {
            let pattern = pattern_expr(ctx, c);
            let (min, max) = (c.length.and_then(|l| l.min), c.length.and_then(|l| l.max));
            if let Some(p) = &c.pattern {
                let name = ident(&p.name);
                let (lo, hi) = (bound_literal(min), bound_literal(max));
                sites.push(Site {
                    path: path.clone(),
                    kind: quote!(Pattern),
                    replacement: Some(
                        quote!(support::string_not_matching(&#root::patterns::#name, #lo, #hi)),
                    ),
                });
            }
            if let Some(min) = min.filter(|m| *m > 0) {
                let min = proc_macro2::Literal::u64_unsuffixed(min);
                sites.push(Site {
                    path: path.clone(),
                    kind: quote!(TooShort),
                    replacement: Some(quote!(support::string_too_short(#pattern, #min))),
                });
            }
            if let Some(max) = max {
                let max = proc_macro2::Literal::u64_unsuffixed(max);
                sites.push(Site {
                    path: path.clone(),
                    kind: quote!(TooLong),
                    replacement: Some(quote!(support::string_too_long(#pattern, #max))),
                });
            }
        }
        Kind::Enum(_, c) => {
            let ty = ctx.rust_type(id);
            sites.push(Site {
                path: path.clone(),
                kind: quote!(Enum),
                replacement: Some(unknown_enum_strategy(ctx, &ty, &[c, member])),
            });
        }
        Kind::List {
            member,
            constraints,
            sparse: false,
            ..
        } => {
            let element = strategy_call(ctx, &member.target, &quote!(super), &quote!(Mode::VALID));
            if let Some(min) = constraints.length.and_then(|l| l.min).filter(|m| *m > 0) {
                let high = proc_macro2::Literal::u64_unsuffixed(min - 1);
                sites.push(Site {
                    path: path.clone(),
                    kind: quote!(TooShort),
                    replacement: Some(
                        quote!(support::list(#element, Some(0), Some(#high), Mode::VALID)),
                    ),
                });
            }
            if let Some(max) = constraints.length.and_then(|l| l.max) {
                let (low, high) = (
                    proc_macro2::Literal::u64_unsuffixed(max + 1),
                    proc_macro2::Literal::u64_unsuffixed(max + 2),
                );
                sites.push(Site {
                    path: path.clone(),
                    kind: quote!(TooLong),
                    replacement: Some(
                        quote!(support::list(#element, Some(#low), Some(#high), Mode::VALID)),
                    ),
                });
            }
            path.push(quote!(PathSegment::Index(0)));
            collect_sites(ctx, &member.target, &member.constraints, path, stack, sites);
            path.pop();
        }
        _ => {}
    }
    stack.pop();
}

/// `NAMES`, `by_name` and `invalid_by_name`: strategies looked up by shape name, for tools.
fn by_name(ctx: &Ctx<'_>) -> TokenStream {
    let mut names = Vec::new();
    let mut arms = Vec::new();
    let mut add = |name: String, call: TokenStream| {
        if names.contains(&name) {
            return;
        }
        names.push(name.clone());
        arms.push(
            quote!(#name => #call.prop_map(|value| support::to_json_string(&value)).boxed(),),
        );
    };
    for shape in ctx.ir.shapes.values().filter(|s| !s.prelude) {
        // By path: a shape called `Name` has a function `name`, which `by_name`'s parameter
        // would hide.
        let function = fn_name(shape);
        let name = quote!(self::#function);
        let mode = match &shape.kind {
            Kind::Structure {
                role: Role::Output { .. } | Role::Error { .. },
                ..
            } => quote!(Mode::LENIENT),
            _ => quote!(Mode::VALID),
        };
        if let Kind::Structure {
            role: Role::Input { .. } | Role::Output { .. },
            ..
        } = &shape.kind
        {
            add(shape.ident.clone(), quote!(#name(#mode)));
        }
        add(shape.id.name().to_owned(), quote!(#name(#mode)));
    }
    // Keyed by the input's Rust name, `<Operation>Input`.
    let (invalid_names, invalid_fns): (Vec<&str>, Vec<_>) = ctx
        .ir
        .operations
        .values()
        .map(|op| {
            let input = ctx.shape(&op.input);
            (input.ident.as_str(), ident(&op.invalid_strategy))
        })
        .unzip();
    quote! {
        /// The names [`by_name`] knows: every shape's model name, and each operation's
        /// `<Operation>Input` and `<Operation>Output`.
        pub const NAMES: &[&str] = &[#(#names),*];

        /// Valid values (lenient ones for outputs and errors) of the shape called `name`, as
        /// JSON text (exact, timestamps included); `None` for a name not in [`NAMES`].
        pub fn by_name(name: &str) -> Option<BoxedStrategy<String>> {
            Some(match name {
                #(#arms)*
                _ => return None,
            })
        }

        /// Invalid request bodies of `<Operation>Input`, each with the violation to expect;
        /// `None` for other names.
        pub fn invalid_by_name(name: &str) -> Option<BoxedStrategy<(serde_json::Value, ExpectedViolation)>> {
            Some(match name {
                #(#invalid_names => invalid::#invalid_fns(),)*
                _ => return None,
            })
        }
    }
}

fn bound_literal(v: Option<u64>) -> TokenStream {
    optional_literal(v.map(proc_macro2::Literal::u64_unsuffixed))
}
