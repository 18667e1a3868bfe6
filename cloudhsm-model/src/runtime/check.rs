//! The checks generated validators call: one function per kind of constraint.
//!
//! Each takes the value, its path and the error list, and records a violation instead of
//! returning early, so callers collect every problem. None of them allocates unless it
//! records a violation.

use once_cell::sync::OnceCell;
use regex::Regex;
use serde::Serialize;

use super::validation::{Constraint, Path, ValidationErrors, Violation};

/// A `@pattern`, compiled on first use and then shared for the life of the process.
#[derive(Debug)]
pub struct Pattern {
    source: &'static str,
    regex_source: &'static str,
    compiled: OnceCell<Option<Regex>>,
}

impl Pattern {
    /// A pattern as the model wrote it (`source`, quoted in messages) and its translation
    /// for the `regex` crate.
    pub const fn new(source: &'static str, regex_source: &'static str) -> Pattern {
        Pattern {
            source,
            regex_source,
            compiled: OnceCell::new(),
        }
    }

    /// The pattern as the model wrote it.
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// The translation the `regex` crate runs.
    pub fn regex_source(&self) -> &'static str {
        self.regex_source
    }

    /// The compiled regex; `None` only if the translation does not compile, which the
    /// generator rules out (and a test checks for every generated pattern).
    pub fn regex(&self) -> Option<&Regex> {
        self.compiled
            .get_or_init(|| Regex::new(self.regex_source).ok())
            .as_ref()
    }

    /// Whether `value` matches (search semantics: only the pattern's own anchors anchor it).
    /// A pattern that failed to compile matches nothing, so it cannot let a value through.
    pub fn is_match(&self, value: &str) -> bool {
        self.regex().is_some_and(|re| re.is_match(value))
    }
}

/// Records that a required member is absent or null.
pub fn required(path: &Path<'_>, errors: &mut ValidationErrors) {
    errors.push(Violation::new(path, Constraint::Required, None));
}

/// `@length` on a string: counted in Unicode scalar values.
pub fn string_length(
    value: &str,
    min: Option<u64>,
    max: Option<u64>,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    // Bytes bound characters from above, so most values are decided without counting.
    let bytes = value.len() as u64;
    let surely_short_enough = max.is_none_or(|max| bytes <= max);
    let surely_long_enough = min.is_none_or(|min| min == 0);
    if surely_short_enough && surely_long_enough {
        return;
    }
    let actual = value.chars().count() as u64;
    if out_of_bounds(actual, min, max) {
        let constraint = Constraint::Length { min, max, actual };
        errors.push(Violation::new(path, constraint, Some(value)));
    }
}

/// `@length` on a list, map or blob: counted in entries (or bytes). `value` is rendered as
/// JSON for the message only when the check fails.
pub fn collection_length<T: Serialize + ?Sized>(
    len: usize,
    value: &T,
    min: Option<u64>,
    max: Option<u64>,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    let actual = len as u64;
    if out_of_bounds(actual, min, max) {
        let rendered = serde_json::to_string(value).unwrap_or_default();
        let constraint = Constraint::Length { min, max, actual };
        errors.push(Violation::new(path, constraint, Some(&rendered)));
    }
}

fn out_of_bounds(actual: u64, min: Option<u64>, max: Option<u64>) -> bool {
    min.is_some_and(|min| actual < min) || max.is_some_and(|max| actual > max)
}

/// `@pattern` on a string.
pub fn pattern(value: &str, pattern: &Pattern, path: &Path<'_>, errors: &mut ValidationErrors) {
    if !pattern.is_match(value) {
        let constraint = Constraint::Pattern {
            pattern: pattern.source(),
        };
        errors.push(Violation::new(path, constraint, Some(value)));
    }
}

/// `@range` on an integer.
pub fn int_range(
    value: i64,
    min: Option<i64>,
    max: Option<i64>,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    let below = min.is_some_and(|min| value < min);
    if below || max.is_some_and(|max| value > max) {
        let constraint = Constraint::Range {
            min: min.map(|m| m.to_string()),
            max: max.map(|m| m.to_string()),
            below,
        };
        errors.push(Violation::new(path, constraint, Some(&value.to_string())));
    }
}

/// `@range` on a float. NaN is outside every range that has a bound.
pub fn float_range(
    value: f64,
    min: Option<f64>,
    max: Option<f64>,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    let below = min.is_some_and(|min| value < min || value.is_nan());
    if below || max.is_some_and(|max| value > max || value.is_nan()) {
        let constraint = Constraint::Range {
            min: min.map(|m| m.to_string()),
            max: max.map(|m| m.to_string()),
            below,
        };
        errors.push(Violation::new(path, constraint, Some(&value.to_string())));
    }
}

/// An enum value the model does not list.
pub fn unknown_enum_value(
    value: &str,
    values: &'static [&'static str],
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    errors.push(Violation::new(
        path,
        Constraint::Enum { values },
        Some(value),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn violations(f: impl FnOnce(&Path<'_>, &mut ValidationErrors)) -> Vec<String> {
        let mut errors = ValidationErrors::new();
        let root = Path::ROOT;
        f(&root.member("Member"), &mut errors);
        errors.iter().map(|v| v.aws_message()).collect()
    }

    #[test]
    fn string_length_counts_scalar_values_not_bytes() {
        // 128 two-byte characters: 256 bytes, but 128 characters, so within 1..=128.
        let value = "é".repeat(128);
        assert!(violations(|p, e| string_length(&value, Some(1), Some(128), p, e)).is_empty());
        let value = "é".repeat(129);
        assert_eq!(
            violations(|p, e| string_length(&value, Some(1), Some(128), p, e)).len(),
            1
        );
    }

    #[test]
    fn string_length_reports_too_short() {
        assert_eq!(
            violations(|p, e| string_length("", Some(1), None, p, e)),
            ["Value '' at 'member' failed to satisfy constraint: Member must have length greater than or equal to 1"]
        );
    }

    #[test]
    fn pattern_is_a_search_unless_anchored() {
        let unanchored = Pattern::new("[0-9]", "[0-9]");
        assert!(unanchored.is_match("abc1"));
        let anchored = Pattern::new("^[0-9]$", "^[0-9]$");
        assert!(!anchored.is_match("abc1"));
    }

    #[test]
    fn a_pattern_that_does_not_compile_matches_nothing() {
        let broken = Pattern::new("(", "(");
        assert!(!broken.is_match("("));
        assert_eq!(violations(|p, e| pattern("(", &broken, p, e)).len(), 1);
    }

    #[test]
    fn int_range_reports_the_broken_bound() {
        assert_eq!(
            violations(|p, e| int_range(0, Some(1), Some(50), p, e)),
            ["Value '0' at 'member' failed to satisfy constraint: Member must have value greater than or equal to 1"]
        );
        assert_eq!(
            violations(|p, e| int_range(51, Some(1), Some(50), p, e)),
            ["Value '51' at 'member' failed to satisfy constraint: Member must have value less than or equal to 50"]
        );
    }

    #[test]
    fn float_range_rejects_nan() {
        assert_eq!(
            violations(|p, e| float_range(f64::NAN, Some(0.0), None, p, e)).len(),
            1
        );
    }
}
