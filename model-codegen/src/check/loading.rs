//! Smithy's loading rules that can only be checked once the whole model is read, reported
//! as Smithy's loader reports them (`Model`): applied traits are named by absolute shape ids
//! of shapes that are traits, `@default` needs Smithy 2.0, and each `@externalDocumentation`
//! value is a URL.

use super::graph::{Graph, TRAIT};
use crate::diagnostics::ModelErrors;
use crate::shape_id::ShapeId;

/// Reports every applied trait that is not one, and every trait value Smithy could not make.
pub fn check(graph: &Graph<'_>, version_2: bool, errors: &mut ModelErrors) {
    for node in graph.nodes.iter().filter(|n| !n.prelude) {
        for (trait_id, value) in node.traits {
            if ShapeId::parse(trait_id).is_err() {
                errors.report(&node.id, format!("`{trait_id}` is not a shape id"));
                continue;
            }
            if let Some(shape) = graph.get(trait_id).map(|i| &graph.nodes[i]) {
                if shape.member.is_none() && !shape.traits.contains_key(TRAIT) {
                    errors.report(
                        &shape.id,
                        format!("`{}` is used as a trait but has no @trait trait", shape.id),
                    );
                }
            }
            if trait_id == crate::traits::DEFAULT && !version_2 {
                errors.report(&node.id, "@default needs a model of version 2.0 or later");
            }
            if trait_id == "smithy.api#externalDocumentation" {
                for (name, url) in value.as_object().into_iter().flatten() {
                    let url = url.as_str().unwrap_or_default();
                    if !is_url(url) {
                        errors.report(
                            &node.id,
                            format!(
                                "@externalDocumentation \"{name}\" is \"{url}\", which is not a URL"
                            ),
                        );
                    }
                }
            }
        }
    }
}

/// Whether `text` is a URL of a scheme Java's `URL` knows.
fn is_url(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    let known = ["http", "https", "ftp", "file", "jar", "mailto"];
    known.contains(&scheme.to_ascii_lowercase().as_str()) && !rest.is_empty()
}

#[cfg(test)]
mod tests {
    use crate::check::validators::tests::events;

    #[test]
    fn a_trait_must_be_an_absolute_id_of_a_trait() {
        assert_eq!(
            events(r#""a#S": {"type": "string", "traits": {"documentation": "x"}}"#),
            ["a#S: `documentation` is not a shape id"]
        );
        assert_eq!(
            events(
                r#""a#Doc": {"type": "document"},
                   "a#S": {"type": "string", "traits": {"a#Doc": {}}}"#
            ),
            ["a#Doc: `a#Doc` is used as a trait but has no @trait trait"]
        );
        assert_eq!(
            events(r#""a#S": {"type": "string", "traits": {"smithy.api#documentation": "x"}}"#),
            Vec::<String>::new()
        );
    }

    #[test]
    fn external_documentation_is_a_url() {
        let docs = |url: &str| {
            events(&format!(
                r#""a#S": {{"type": "string", "traits": {{
                     "smithy.api#externalDocumentation": {{"Home": "{url}"}}}}}}"#
            ))
        };
        assert_eq!(docs("invalid!").len(), 1);
        assert_eq!(docs("https://example.com"), Vec::<String>::new());
    }
}
