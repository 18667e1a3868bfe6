//! `model-codegen` turns a Smithy 2.0 JSON AST model into Rust: validated operation inputs,
//! lenient outputs and errors, enums that keep unknown values, and serde in the AWS JSON wire
//! form.
//!
//! It is a pipeline, one module a stage: [`load`] (JSON AST to a typed model), [`check`]
//! (every problem, each with its shape id), [`ir`] (resolved Rust names and typed
//! constraints) and [`emit`] (tokens via `quote`, formatted with `prettyplease`). Nothing in
//! it knows a particular service.
//!
//! ```no_run
//! // build.rs
//! let code = model_codegen::Config::new()
//!     .runtime_path("crate::runtime")
//!     .generate_from_path("model/service.json")
//!     .unwrap_or_else(|e| panic!("{e}"));
//! # let _ = code;
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod check;
pub mod diagnostics;
pub mod emit;
pub mod ir;
pub mod json;
pub mod load;
pub mod naming;
pub mod pattern;
pub mod shape_id;
pub mod slice;
pub mod traits;
pub mod write;

use std::fmt;
use std::path::{Path, PathBuf};

pub use diagnostics::{ModelError, ModelErrors};

/// The runtime path generated code uses unless told otherwise.
pub const DEFAULT_RUNTIME_PATH: &str = "::cloudhsm_model::runtime";

/// What to generate and how. `generate_*` are pure: they return the code; writing it is
/// [`write::write_if_changed`]'s job.
#[derive(Clone, Debug)]
pub struct Config {
    runtime_path: String,
    root_path: String,
    strategies: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            runtime_path: DEFAULT_RUNTIME_PATH.to_owned(),
            root_path: "crate".to_owned(),
            strategies: false,
        }
    }
}

/// Why generation failed.
#[derive(Debug)]
pub enum GenerateError {
    /// The model file could not be read.
    Io(PathBuf, std::io::Error),
    /// The model has problems; all of them are listed.
    Model(ModelErrors),
}

impl fmt::Display for GenerateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GenerateError::Io(path, e) => write!(f, "cannot read {}: {e}", path.display()),
            GenerateError::Model(errors) => write!(f, "{errors}"),
        }
    }
}

impl std::error::Error for GenerateError {}

impl From<ModelErrors> for GenerateError {
    fn from(errors: ModelErrors) -> Self {
        GenerateError::Model(errors)
    }
}

impl Config {
    /// The default configuration.
    pub fn new() -> Config {
        Config::default()
    }

    /// Where generated code finds the runtime (`crate::runtime` inside `cloudhsm-model`,
    /// [`DEFAULT_RUNTIME_PATH`] elsewhere).
    pub fn runtime_path(&mut self, path: impl Into<String>) -> &mut Config {
        self.runtime_path = path.into();
        self
    }

    /// The path of the module the generated file is `include!`d in: `crate` (the default)
    /// at a crate root, or for example `crate::published` to hold several models in one crate.
    pub fn root_path(&mut self, path: impl Into<String>) -> &mut Config {
        self.root_path = path.into();
        self
    }

    /// Also emit proptest strategies, in a `strategies` module compiled only with the
    /// including crate's `proptest` feature (which that crate must declare).
    pub fn proptest_strategies(&mut self, enabled: bool) -> &mut Config {
        self.strategies = enabled;
        self
    }

    /// Generates the Rust file for a model given as JSON text.
    pub fn generate_from_str(&self, model_json: &str) -> Result<String, ModelErrors> {
        let model = check_str(model_json)?;
        let ir = ir::lower(&model)?;
        let options = emit::EmitOptions {
            runtime_path: self.runtime_path.clone(),
            strategies: self.strategies,
            root_path: self.root_path.clone(),
        };
        let tokens = emit::emit(&ir, &options)?;
        write::format_file(tokens).map_err(|e| ModelError::new("<generator>", e).into())
    }

    /// Generates the Rust file for the model at `path`.
    pub fn generate_from_path(&self, path: impl AsRef<Path>) -> Result<String, GenerateError> {
        let path = path.as_ref();
        let text =
            std::fs::read_to_string(path).map_err(|e| GenerateError::Io(path.to_owned(), e))?;
        Ok(self.generate_from_str(&text)?)
    }
}

/// Loads and checks a model, returning it or every problem found.
pub fn check_str(model_json: &str) -> Result<load::Model, ModelErrors> {
    let model = load::load_str(model_json)?;
    check::check(&model)?;
    Ok(model)
}
