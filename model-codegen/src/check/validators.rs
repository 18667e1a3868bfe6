//! Smithy's validators that bear on code generation, run over the whole model (every shape,
//! not only what a service reaches) as Smithy's model assembler runs them: one rule family
//! per module, each reporting under its Smithy event id.

use super::graph::Graph;
use crate::diagnostics::ModelErrors;
use crate::json::Json;
use crate::load::Model;

/// Every problem the validators find in `model` and its `metadata`.
pub fn validate(model: &Model, metadata: Option<&Json>) -> ModelErrors {
    let graph = Graph::new(model);
    let mut errors = ModelErrors::default();
    super::metadata::check(metadata, &mut errors);
    super::shape_closure::check(&graph, metadata, &mut errors);
    super::loading::check(&graph, model.version.starts_with('2'), &mut errors);
    super::target::check(model, &graph, &mut errors);
    super::trait_target::check(&graph, &mut errors);
    super::trait_value::check(&graph, &mut errors);
    super::default_trait::check(&graph, model.version.starts_with('2'), &mut errors);
    super::range_length::check(&graph, &mut errors);
    super::shape_id_conflict::check(&graph, &mut errors);
    super::private_access::check(&graph, &mut errors);
    super::union::check(model, &mut errors);
    super::recursion::check(&graph, &mut errors);
    super::service::check(model, &mut errors);
    super::enum_trait::check(model, &mut errors);
    errors
}

#[cfg(test)]
pub(crate) mod tests {
    /// The validators' problems with a model of `shapes`, as lines.
    pub fn events(shapes: &str) -> Vec<String> {
        let model =
            crate::load::load_str(&format!(r#"{{"smithy": "2.0", "shapes": {{{shapes}}}}}"#))
                .unwrap_or_else(|e| panic!("{e}"));
        super::validate(&model, None)
            .sorted()
            .errors()
            .iter()
            .map(ToString::to_string)
            .collect()
    }
}
