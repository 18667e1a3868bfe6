//! Smithy IDL 2.0: text into the JSON AST.
//!
//! The loader reads the JSON AST, so IDL files are converted to it, one document per file,
//! and then read like any other. Stages, one file each: [`lexer`] (text to tokens, strings
//! decoded with [`text_block`]), [`parser`] (tokens to an [`ast`] per file) and [`resolve`]
//! (relative shape ids and elided members resolved against every file, JSON built).
//!
//! Merging documents and folding `apply` entries into shapes of other files are `merge`'s
//! business, flattening mixins `load`'s, not this module's: a document here says only what
//! its file says. The one exception: an `apply` to a shape defined in the same file is folded
//! into that shape (by `merge`'s trait rule), since a JSON object cannot hold the shape and
//! an `apply` entry under one key.

mod ast;
mod lexer;
mod parser;
mod prelude;
mod resolve;
mod text_block;

use std::collections::BTreeMap;

use crate::diagnostics::ModelErrors;
use crate::json::Json;

/// Parses IDL files and resolves them against each other and against JSON AST documents
/// already loaded, returning one JSON AST document per IDL file, in input order.
///
/// `idl_files` are `(path, text)`; the path only names the file in diagnostics, which read
/// `path:line:column`. `json_docs` are the model's other documents, consulted for which
/// shape ids exist and for the members of mixins and resources. Every problem in every file
/// is reported at once.
pub(crate) fn to_json_ast(
    idl_files: &[(String, String)],
    json_docs: &[Json],
) -> Result<Vec<Json>, ModelErrors> {
    convert(idl_files, json_docs).map(|(docs, _)| docs)
}

/// [`to_json_ast`], and where each shape and member is written (`path:line:column`, by
/// absolute id), so problems found in the loaded model can name their place in the files.
pub(crate) fn convert(
    idl_files: &[(String, String)],
    json_docs: &[Json],
) -> Result<(Vec<Json>, BTreeMap<String, String>), ModelErrors> {
    let mut errors = ModelErrors::default();
    let files: Vec<ast::File> = idl_files
        .iter()
        .map(|(path, text)| parser::parse(path, text, &mut errors))
        .collect();
    let docs = resolve::resolve(&files, json_docs, &mut errors);
    errors.into_result((docs, resolve::sources(&files)))
}

#[cfg(test)]
mod tests;
