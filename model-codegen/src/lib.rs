//! `model-codegen` turns a Smithy 2.0 model (IDL or JSON AST files) into Rust: validated operation
//! inputs, lenient outputs and errors, enums that keep unknown values, and serde in the AWS
//! JSON wire form.
//!
//! Inside, it is a pipeline of private stages, one module each: load (files to a typed model),
//! check (every problem, each with its shape id; what passes has its traits typed), ir
//! (resolved Rust names and typed constraints; it cannot fail on a checked model) and emit
//! (tokens via `quote`, formatted with `prettyplease`). Its public API is
//! what a build script and the CLI need: [`Model`], [`Config`] and the diagnostics. Nothing in
//! it knows a particular service.
//!
//! ```no_run
//! // build.rs; the crate then has `include!(concat!(env!("OUT_DIR"), "/service.rs"));`
//! if let Err(e) = model_codegen::Config::new()
//!     .compile(&["model/service.json"], "service.rs")
//! {
//!     println!("cargo::error={e}");
//!     std::process::exit(1);
//! }
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod check;
mod diagnostics;
mod emit;
mod idl;
mod ir;
mod json;
mod load;
mod merge;
mod naming;
mod pattern;
mod plan;
mod shape_id;
mod slice;
mod sources;
mod traits;
mod write;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

pub use diagnostics::{ModelError, ModelErrors, LOADING};
pub use write::write_if_changed;

use json::Json;

/// A model read from its files and merged into one JSON AST: what `check`, `generate`,
/// `slice` and `convert` work on.
#[derive(Clone, Debug)]
pub struct Model {
    ast: Json,
    /// `ast` loaded, once, when the model is made. Its problems wait for `check`, `generate`
    /// and `slice` to report them, so a model that does not load still converts.
    loaded: Result<load::Model, ModelErrors>,
    files: Vec<PathBuf>,
    /// Where each shape and member of the IDL files is written (`file:line:column`), so a
    /// problem found later names its place.
    sources: BTreeMap<String, String>,
}

impl Model {
    /// Reads a model from the text of one JSON AST document.
    pub fn from_json_str(text: &str) -> Result<Model, ModelErrors> {
        let doc = Json::parse(text)
            .map_err(|e| ModelError::new("<model>", format!("not a valid JSON document: {e}")))?;
        let ast = merge::merge(vec![("<model>".to_owned(), doc)])?;
        Ok(Model::from_merged(ast, Vec::new(), BTreeMap::new()))
    }

    /// Reads and merges the model files at `paths`: Smithy IDL (`.smithy`) and JSON AST (any
    /// other name) files, and directories, walked for `.smithy` and `.json` files in name
    /// order.
    pub fn from_paths<P: AsRef<Path>>(paths: &[P]) -> Result<Model, Error> {
        let files = sources::model_files(paths)?;
        let mut json_docs = Vec::new();
        let mut idl_files = Vec::new();
        let mut errors = ModelErrors::default();
        for file in &files {
            let text = std::fs::read_to_string(file).map_err(|e| Error::Io(file.to_owned(), e))?;
            let name = file.display().to_string();
            if sources::is_idl(file) {
                idl_files.push((name, text));
                continue;
            }
            match Json::parse(&text) {
                Ok(doc) => json_docs.push((name, doc)),
                Err(e) => errors.report(name, format!("not a valid JSON document: {e}")),
            }
        }
        let parsed: Vec<Json> = json_docs.iter().map(|(_, doc)| doc.clone()).collect();
        let (converted, sources) = match idl::convert(&idl_files, &parsed) {
            Ok(converted) => converted,
            Err(e) => {
                errors.extend(e);
                Default::default()
            }
        };
        errors.into_result(())?;
        let idl_docs = idl_files.into_iter().map(|(name, _)| name).zip(converted);
        let ast =
            merge::merge(json_docs.into_iter().chain(idl_docs).collect()).map_err(|mut e| {
                e.locate(&sources);
                e
            })?;
        Ok(Model::from_merged(ast, files, sources))
    }

    /// The model of a merged JSON AST (every constructor's last step): the one place it is
    /// loaded.
    fn from_merged(ast: Json, files: Vec<PathBuf>, sources: BTreeMap<String, String>) -> Model {
        let loaded = load::load_json(&ast).map_err(|mut e| {
            e.locate(&sources);
            e
        });
        Model {
            ast,
            loaded,
            files,
            sources,
        }
    }

    /// Whether the model's shapes load: `Err` with the problems that keep them from it (a
    /// mixin that does not fit the shape using it, say), which are what Smithy's loader
    /// refuses beyond syntax. `check` and `generate` report them too, with their own.
    pub fn load_result(&self) -> Result<(), ModelErrors> {
        self.loaded().map(drop)
    }

    /// The files the model was read from (for a build script's `rerun-if-changed`).
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// The number of shapes the model defines.
    pub fn shape_count(&self) -> usize {
        self.ast
            .get("shapes")
            .and_then(Json::as_object)
            .map_or(0, <[_]>::len)
    }

    /// Every problem that would stop code generation, all at once: for each service the
    /// model defines, in what that service reaches. A model that passes generates code that
    /// compiles.
    ///
    /// This is the default [`Config`]'s check: wire code included, so the service's protocol
    /// must be one the generator speaks. [`Config::check`] checks as a configuration
    /// generates (without wire code, for one service).
    pub fn check(&self) -> Result<(), ModelErrors> {
        Config::new().check(self)
    }

    /// Every problem in each view of the model (`service`'s alone when one is named).
    fn check_views(&self, service: Option<&str>, wire: bool) -> Result<(), ModelErrors> {
        let mut errors = check::validate(self.loaded()?, self.ast.get("metadata"));
        for view in self.views(service)? {
            if let Err(e) = check::check(&view, wire).map(drop) {
                errors.extend(e);
            }
        }
        errors.locate(&self.sources);
        errors.into_result(())
    }

    /// The model cut down to `operations` (names like `CopyBackupToRegion`, or absolute
    /// ids) and every shape they reach.
    pub fn slice(&self, operations: &[&str]) -> Result<Model, ModelErrors> {
        let ast = slice::slice(&self.ast, self.loaded()?, operations)?;
        Ok(Model::from_merged(
            ast,
            self.files.clone(),
            self.sources.clone(),
        ))
    }

    /// The merged model as a JSON AST document, pretty-printed.
    pub fn to_json_ast(&self) -> String {
        self.ast.to_pretty_string()
    }

    /// The loaded model, or the problems that kept it from loading.
    fn loaded(&self) -> Result<&load::Model, ModelErrors> {
        self.loaded.as_ref().map_err(Clone::clone)
    }

    /// What code generation sees: the closure of each service (of `service` alone when one
    /// is named), or the whole model when it defines no service.
    fn views(&self, service: Option<&str>) -> Result<Vec<load::Model>, ModelErrors> {
        let model = self.loaded()?;
        let services = model.services();
        if let Some(wanted) = service {
            let found = services
                .iter()
                .find(|id| id.to_string() == wanted || id.name() == wanted);
            return match found {
                Some(id) => Ok(vec![model.closure(id)]),
                None => Err(ModelError::new(
                    "<config>",
                    format!("the model defines no service `{wanted}`"),
                )
                .into()),
            };
        }
        if services.is_empty() {
            return Ok(vec![model.clone()]);
        }
        Ok(services.iter().map(|id| model.closure(id)).collect())
    }

    /// The one view code generation works on, checked (its protocol too when `wire`).
    fn checked(&self, service: Option<&str>, wire: bool) -> Result<check::Checked, ModelErrors> {
        let mut views = self.views(service)?;
        if views.len() > 1 {
            let names: Vec<String> = self
                .loaded()?
                .services()
                .iter()
                .map(ToString::to_string)
                .collect();
            return Err(ModelError::new(
                "<config>",
                format!(
                    "the model defines {} services ({}): name the one to generate",
                    names.len(),
                    names.join(", ")
                ),
            )
            .into());
        }
        let model = views.pop().unwrap_or_else(|| load::Model {
            version: String::new(),
            shapes: Vec::new(),
        });
        // Smithy's validators see the whole model; the view is what code is generated for.
        let mut errors = check::validate(self.loaded()?, self.ast.get("metadata"));
        match check::check(&model, wire) {
            Ok(checked) => {
                errors.locate(&self.sources);
                errors.into_result(checked)
            }
            Err(more) => {
                errors.extend(more);
                errors.locate(&self.sources);
                Err(errors.sorted())
            }
        }
    }
}

/// The runtime path generated code uses unless told otherwise: the `model-runtime` crate,
/// which the crate that includes the generated file depends on.
pub const DEFAULT_RUNTIME_PATH: &str = "::model_runtime";

/// What to generate and how. `generate*` are pure: they return the code; [`Config::compile`]
/// is the one call a build script needs.
#[derive(Clone, Debug)]
pub struct Config {
    runtime_path: String,
    root_path: String,
    strategies: bool,
    service: Option<String>,
    wire: bool,
    http: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            runtime_path: DEFAULT_RUNTIME_PATH.to_owned(),
            root_path: "crate".to_owned(),
            strategies: false,
            service: None,
            wire: true,
            http: false,
        }
    }
}

/// Why reading a model or generating from it failed.
#[derive(Debug)]
pub enum Error {
    /// A file could not be read or written.
    Io(PathBuf, std::io::Error),
    /// The model (or the configuration) has problems; all of them are listed.
    Model(ModelErrors),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(path, e) => write!(f, "{}: {e}", path.display()),
            Error::Model(errors) => write!(f, "{errors}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<ModelErrors> for Error {
    fn from(errors: ModelErrors) -> Self {
        Error::Model(errors)
    }
}

impl Config {
    /// The default configuration.
    pub fn new() -> Config {
        Config::default()
    }

    /// Where generated code finds the runtime: a Rust path such as `::model_runtime` (the
    /// default) or `::some_crate::runtime` for a crate that re-exports it.
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

    /// Whether to emit wire code (requests, responses, the `service` module): on by
    /// default, which needs a protocol the generator speaks. Off, a model of any protocol
    /// (restJson1, say) gets its types and validation alone; never a silent fallback.
    pub fn wire(&mut self, enabled: bool) -> &mut Config {
        self.wire = enabled;
        self
    }

    /// Also emit the wire code's `http` 1.x items (`service::parse_http_request`, each
    /// operation's `parse_http_response`), compiled only with the including crate's `http`
    /// feature, which that crate must declare and forward to the runtime's `http` feature.
    pub fn http(&mut self, enabled: bool) -> &mut Config {
        self.http = enabled;
        self
    }

    /// The service to generate (an absolute id or its name), for a model that defines
    /// several; code is generated for what that service reaches.
    pub fn service(&mut self, service: impl Into<String>) -> &mut Config {
        self.service = Some(service.into());
        self
    }

    /// Every problem that would stop this configuration generating code from `model`: the
    /// same options as [`Config::generate`] (wire code or not, the service), the same
    /// problems in the same words. Without a service named it checks every service the model
    /// defines, where `generate` would ask which one to generate.
    pub fn check(&self, model: &Model) -> Result<(), ModelErrors> {
        model.check_views(self.service.as_deref(), self.wire)
    }

    /// Generates the Rust file for `model`. Configuration and model problems are reported
    /// together.
    pub fn generate(&self, model: &Model) -> Result<String, ModelErrors> {
        let mut errors = ModelErrors::default();
        let options = self.emit_options().map_err(|e| errors.extend(e)).ok();
        let checked = model
            .checked(self.service.as_deref(), self.wire)
            .map_err(|e| errors.extend(e))
            .ok();
        let (Some(options), Some(checked)) = (options, checked) else {
            return Err(errors.sorted());
        };
        let ir = ir::lower(&checked)?;
        let tokens = emit::emit(&ir, &options);
        write::format_file(tokens).map_err(|e| ModelError::new("<generator>", e).into())
    }

    /// Generates the Rust file for a model given as JSON AST text.
    pub fn generate_from_str(&self, model_json: &str) -> Result<String, ModelErrors> {
        self.generate(&Model::from_json_str(model_json)?)
    }

    /// Generates the Rust file for the model in the files (or directories) at `paths`.
    pub fn generate_from_paths<P: AsRef<Path>>(&self, paths: &[P]) -> Result<String, Error> {
        Ok(self.generate(&Model::from_paths(paths)?)?)
    }

    /// The one call a `build.rs` needs: reads the model at `paths`, generates its code and
    /// writes it to `$OUT_DIR/<file_name>` (only if it changed), telling cargo to rerun
    /// when a model file changes. Include it with
    /// `include!(concat!(env!("OUT_DIR"), "/<file_name>"))`.
    pub fn compile<P: AsRef<Path>>(&self, paths: &[P], file_name: &str) -> Result<(), Error> {
        for path in paths {
            println!("cargo::rerun-if-changed={}", path.as_ref().display());
        }
        let model = Model::from_paths(paths)?;
        for file in model.files() {
            println!("cargo::rerun-if-changed={}", file.display());
        }
        let code = self.generate(&model)?;
        let out_dir = std::env::var_os("OUT_DIR").ok_or_else(|| {
            ModelErrors::from(ModelError::new(
                "<config>",
                "OUT_DIR is not set: `compile` runs in a build script under cargo",
            ))
        })?;
        let target = Path::new(&out_dir).join(file_name);
        write::write_if_changed(&target, &code).map_err(|e| Error::Io(target.clone(), e))?;
        Ok(())
    }

    fn emit_options(&self) -> Result<emit::EmitOptions, ModelErrors> {
        let mut errors = ModelErrors::default();
        let mut path = |what: &str, text: &str| match syn::parse_str::<syn::Path>(text) {
            Ok(path) => Some(path),
            Err(e) => {
                errors.report(
                    "<config>",
                    format!("{what} `{text}` is not a Rust path: {e}"),
                );
                None
            }
        };
        let runtime = path("runtime path", &self.runtime_path);
        let root = path("root path", &self.root_path);
        match (runtime, root) {
            (Some(runtime), Some(root)) => Ok(emit::EmitOptions {
                runtime,
                root,
                strategies: self.strategies,
                wire: self.wire,
                http: self.http,
            }),
            _ => Err(errors.sorted()),
        }
    }
}

/// The Rust `regex` source generated code checks a Smithy `@pattern` with (Smithy patterns
/// are ECMA 262 with Java's reading; see the README's Patterns section), or why it has none:
/// for tools that check values against a model's patterns without generating code (the
/// conformance suite runs every pattern of AWS's models through the runtime this way).
pub fn translate_pattern(pattern: &str) -> Result<String, String> {
    pattern::translate_and_compile(pattern)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project_model() -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small.json");
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    fn generate(model: &str) -> String {
        Config::new()
            .generate_from_str(model)
            .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn generation_is_deterministic_and_does_not_depend_on_shape_order() {
        let model = project_model();
        let Ok(Json::Object(mut top)) = Json::parse(&model) else {
            panic!("the model is not an object");
        };
        for (key, value) in &mut top {
            if let (true, Json::Object(shapes)) = (key == "shapes", value) {
                // Members keep their order: it is the wire order.
                shapes.reverse();
            }
        }
        let reordered = Json::Object(top).to_pretty_string();
        assert_ne!(reordered, model);
        let code = generate(&model);
        assert_eq!(generate(&model), code);
        assert_eq!(generate(&reordered), code);
    }

    #[test]
    fn configuration_problems_are_reported_with_the_model_problems() {
        let errors = Config::new()
            .runtime_path("not a path")
            .root_path("crate::")
            .generate_from_str(r#"{"smithy":"2.0","shapes":{"a.b#S":{"type":"structure","members":{"m":{"target":"a.b#Nope"}}}}}"#)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        let lines: Vec<&str> = errors.lines().collect();
        assert_eq!(lines.len(), 3, "{errors}");
        assert!(lines[0].starts_with("<config>: root path `crate::` is not a Rust path"));
        assert!(lines[1].starts_with("<config>: runtime path `not a path` is not a Rust path"));
        assert_eq!(
            lines[2],
            "a.b#S$m: targets `a.b#Nope`, which is not in the model | Target"
        );
    }

    #[test]
    fn without_wire_code_any_protocol_gets_types_and_validation_and_never_silently() {
        let model = r#"{"smithy":"2.0","shapes":{
            "a.b#S":{"type":"service","operations":[{"target":"a.b#Op"}],
                     "traits":{"aws.protocols#restJson1":{}}},
            "a.b#Op":{"type":"operation","input":{"target":"a.b#In"}},
            "a.b#In":{"type":"structure","members":{"Name":{"target":"smithy.api#String",
                      "traits":{"smithy.api#required":{}}}}}}}"#;
        let refused = Config::new()
            .generate_from_str(model)
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            refused.as_deref(),
            Some("a.b#S: protocol `aws.protocols#restJson1` is not supported (only awsJson1_0, awsJson1_1 and rpcv2Cbor are)")
        );
        let code = Config::new()
            .wire(false)
            .generate_from_str(model)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(code.contains("pub struct OpInput"));
        assert!(code.contains("fn validate"));
        // The service's protocol-free part (its operations, parsing an input by name) is
        // there; nothing of a protocol is.
        assert!(code.contains("pub mod service") && code.contains("pub fn parse_input("));
        assert!(!code.contains("to_http_request") && !code.contains("fn parse_request"));
        // The model's own check is the wire gate; a configuration's checks as it generates.
        let parsed = Model::from_json_str(model).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(parsed.check().err().map(|e| e.to_string()), refused);
        assert_eq!(
            Config::new().check(&parsed).err().map(|e| e.to_string()),
            refused
        );
        assert_eq!(Config::new().wire(false).check(&parsed), Ok(()));
        assert_eq!(
            Config::new().wire(false).service("S").check(&parsed),
            Ok(())
        );
        assert_eq!(
            Config::new()
                .wire(false)
                .service("Other")
                .check(&parsed)
                .err()
                .map(|e| e.to_string()),
            Some("<config>: the model defines no service `Other`".to_owned())
        );
    }
}
