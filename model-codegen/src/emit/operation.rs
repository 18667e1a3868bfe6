//! `operation::<name>` modules: each operation's input and output.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_attrs;
use super::{ident, structure, Ctx};
use crate::ir::{IrShape, Kind, Operation, Role};
use crate::shape_id::ShapeId;

pub(super) fn modules(ctx: &Ctx<'_>) -> TokenStream {
    let modules = ctx.ir.operations.values().map(|op| module(ctx, op));
    quote!(#(#modules)*)
}

fn module(ctx: &Ctx<'_>, op: &Operation) -> TokenStream {
    let module = ident(&op.module);
    let doc = doc_attrs(op.doc.as_deref(), &format!("The `{}` operation.", op.name));
    let input_shape = op
        .input
        .as_ref()
        .and_then(|id| ctx.shape(id))
        .cloned()
        .unwrap_or_else(|| empty_structure(op, true));
    let output_shape = op
        .output
        .as_ref()
        .and_then(|id| ctx.shape(id))
        .cloned()
        .unwrap_or_else(|| empty_structure(op, false));
    let input = structure::input(ctx, &input_shape, &op.name);
    let output = structure::lenient(ctx, &output_shape);
    let name = &op.name;
    quote! {
        #doc
        pub mod #module {
            /// The operation's name in the model.
            pub const OPERATION_NAME: &str = #name;

            #input
            #output
        }
    }
}

/// An operation whose input or output is `smithy.api#Unit` still gets a (memberless) type, so
/// every operation has the same shape of API.
fn empty_structure(op: &Operation, input: bool) -> IrShape {
    let (suffix, role) = if input {
        (
            "Input",
            Role::Input {
                operation: op.name.clone(),
                module: op.module.clone(),
            },
        )
    } else {
        (
            "Output",
            Role::Output {
                operation: op.name.clone(),
                module: op.module.clone(),
            },
        )
    };
    IrShape {
        id: ShapeId::parse(&format!("{}#{}{suffix}", op.id.namespace(), op.name))
            .unwrap_or_else(|_| op.id.clone()),
        ident: format!("{}{suffix}", op.name),
        doc: None,
        prelude: false,
        sensitive: false,
        kind: Kind::Structure {
            members: Vec::new(),
            role,
        },
    }
}
