//! Model problems, collected rather than thrown, so a user sees every one at once.

use std::collections::BTreeMap;
use std::fmt;

/// One problem with a model, tied to the shape (or member) it is about, and named by the
/// Smithy validator that reports it (its event id: `Target`, `TraitTarget`, ...).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelError {
    /// The shape or member id the problem is about; where no shape is known, the place in
    /// the source (`file:line:column`, a file) or `<model>` for the document itself.
    pub shape: String,
    /// Where in the source a problem with a shape was found (`file:line:column`), when the
    /// IDL loader knows both.
    pub location: Option<String>,
    /// What is wrong, in a sentence.
    pub message: String,
    /// The event id: the name of the Smithy validator whose rule this is (`Target`,
    /// `TraitValue`, ...), [`LOADING`] for a model that does not load, or one of this
    /// generator's own (`Codegen...`) for what Smithy accepts but cannot be generated.
    pub event: &'static str,
}

/// The event id of a problem loading the model (Smithy's `Model`).
pub const LOADING: &str = "Model";

/// How the event ids of the generator's own rules begin (`CodegenName`: a Smithy-legal name
/// that cannot become a Rust item; `CodegenProtocol`: a protocol it does not speak).
pub const CODEGEN: &str = "Codegen";

impl ModelError {
    /// A problem loading `shape` (event id [`LOADING`]).
    pub fn new(shape: impl fmt::Display, message: impl Into<String>) -> ModelError {
        ModelError::event(LOADING, shape, message)
    }

    /// A problem with `shape` that the rule named `event` finds.
    pub fn event(
        event: &'static str,
        shape: impl fmt::Display,
        message: impl Into<String>,
    ) -> ModelError {
        ModelError {
            shape: shape.to_string(),
            location: None,
            message: message.into(),
            event,
        }
    }

    /// A problem loading `shape`, found at `location` (`file:line:column`).
    pub fn at(
        location: impl Into<String>,
        shape: impl fmt::Display,
        message: impl Into<String>,
    ) -> ModelError {
        ModelError {
            location: Some(location.into()),
            ..ModelError::new(shape, message)
        }
    }

    /// Where the problem is: its location in the source, else the shape.
    fn place(&self) -> &str {
        self.location.as_deref().unwrap_or(&self.shape)
    }
}

/// Problems sort by where they are (the source location if known, else the shape), then by
/// shape and message; a `file:line:column` location sorts by its numbers, so line 6 comes
/// before line 10.
impl Ord for ModelError {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        fn key(text: &str) -> Vec<(u64, &str)> {
            text.split(':')
                .map(|part| match part.parse::<u64>() {
                    Ok(n) => (n, ""),
                    Err(_) => (u64::MAX, part),
                })
                .collect()
        }
        key(self.place())
            .cmp(&key(other.place()))
            .then_with(|| self.shape.cmp(&other.shape))
            .then_with(|| self.message.cmp(&other.message))
            .then_with(|| self.event.cmp(other.event))
    }
}

impl PartialOrd for ModelError {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// As Smithy writes a validator's event, `shape: message | EventId`, after the source
/// location when there is one. A loading problem and one of the generator's own
/// (`Codegen...`, which no Smithy user would know) go without the suffix: the place
/// (`file:line:column`, the shape) and the message say it all.
impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(location) = &self.location {
            write!(f, "{location}: ")?;
        }
        write!(f, "{}: {}", self.shape, self.message)?;
        if self.event != LOADING && !self.event.starts_with(CODEGEN) {
            write!(f, " | {}", self.event)?;
        }
        Ok(())
    }
}

impl std::error::Error for ModelError {}

/// Every problem found in a model, in a stable order (by shape id, then message).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ModelErrors(Vec<ModelError>);

impl ModelErrors {
    /// Records a problem.
    pub fn push(&mut self, error: ModelError) {
        self.0.push(error);
    }

    /// Records a problem loading `shape` (event id [`LOADING`]).
    pub fn report(&mut self, shape: impl fmt::Display, message: impl Into<String>) {
        self.push(ModelError::new(shape, message));
    }

    /// Records a problem loading `shape`, found at `location` (`file:line:column`).
    pub fn report_at(
        &mut self,
        location: impl Into<String>,
        shape: impl fmt::Display,
        message: impl Into<String>,
    ) {
        self.push(ModelError::at(location, shape, message));
    }

    /// Records a problem with `shape` that the rule named `event` finds.
    pub fn emit(
        &mut self,
        event: &'static str,
        shape: impl fmt::Display,
        message: impl Into<String>,
    ) {
        self.push(ModelError::event(event, shape, message));
    }

    /// Records every problem of `other`.
    pub fn extend(&mut self, other: ModelErrors) {
        self.0.extend(other.0);
    }

    /// Gives each problem with a shape but no source location the place `sources` has for
    /// that shape (for a member it lacks, the place of its shape), then sorts them again.
    pub(crate) fn locate(&mut self, sources: &BTreeMap<String, String>) {
        if sources.is_empty() {
            return;
        }
        for error in self.0.iter_mut().filter(|e| e.location.is_none()) {
            let root = error.shape.split('$').next().unwrap_or_default();
            error.location = sources
                .get(&error.shape)
                .or_else(|| sources.get(root))
                .cloned();
        }
        self.0.sort();
    }

    /// The problems sorted and deduplicated, as `into_result` reports them.
    pub(crate) fn sorted(mut self) -> ModelErrors {
        self.0.sort();
        self.0.dedup();
        self
    }

    /// Whether no problem was found.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The problems, sorted.
    pub fn errors(&self) -> &[ModelError] {
        &self.0
    }

    /// `Ok(value)` if nothing was reported, else every problem, sorted and deduplicated.
    pub fn into_result<T>(self, value: T) -> Result<T, ModelErrors> {
        if self.0.is_empty() {
            return Ok(value);
        }
        Err(self.sorted())
    }
}

impl fmt::Display for ModelErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ModelErrors {}

impl From<ModelError> for ModelErrors {
    fn from(error: ModelError) -> Self {
        ModelErrors(vec![error])
    }
}
