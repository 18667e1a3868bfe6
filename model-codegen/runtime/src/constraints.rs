//! The constraint checks generated validators call: one function per kind of constraint.
//!
//! Each takes the value, its path and the error list, and records a violation instead of
//! returning early, so callers collect every problem. None of them allocates unless it
//! records a violation. Patterns are matched through [`Pattern`]'s methods.

use serde::Serialize;

use super::pattern::Pattern;
use super::validation::{Constraint, Path, ValidationErrors, Violation};

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
    // A character is at most four bytes, so there are at least bytes/4 of them.
    let surely_long_enough = min.is_none_or(|min| bytes.div_ceil(4) >= min);
    if surely_short_enough && surely_long_enough {
        return;
    }
    let actual = value.chars().count() as u64;
    if out_of_bounds(actual, min, max) {
        length_violation(value, min, max, actual, path, errors);
    }
}

/// `@length` and `@pattern` on one string: the same violations, in the same order, as
/// [`string_length`] then [`pattern`], but where the pattern's shortcut counts the
/// characters while matching, the text is read once. The common answer (a match, counted,
/// within bounds) is decided inline; everything else goes out of line.
#[inline(always)]
pub fn string_length_and_pattern(
    value: &str,
    min: Option<u64>,
    max: Option<u64>,
    pattern: &Pattern,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    if pattern
        .counted_match(value)
        .is_some_and(|length| !out_of_bounds(length, min, max))
    {
        return;
    }
    length_and_pattern_rest(value, (min, max), pattern, path, errors);
}

/// What [`string_length_and_pattern`] does not decide inline: a value the shortcut did not
/// count, or one that breaks either constraint. It reads the value again, which only such
/// values pay.
#[inline(never)]
fn length_and_pattern_rest(
    value: &str,
    (min, max): (Option<u64>, Option<u64>),
    pattern: &Pattern,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    let (matches, length) = pattern.match_and_length(value);
    match length {
        Some(actual) => {
            if out_of_bounds(actual, min, max) {
                length_violation(value, min, max, actual, path, errors);
            }
        }
        None => string_length(value, min, max, path, errors),
    }
    if !matches {
        pattern_violation(value, pattern, path, errors);
    }
}

/// Records a string's `@length` violation.
#[cold]
fn length_violation(
    value: &str,
    min: Option<u64>,
    max: Option<u64>,
    actual: u64,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    let constraint = Constraint::Length { min, max, actual };
    errors.push(Violation::new(path, constraint, Some(value)));
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
        let rendered = render_prefix(value);
        let constraint = Constraint::Length { min, max, actual };
        errors.push(Violation::new(path, constraint, Some(&rendered)));
    }
}

/// The start of a value's JSON, enough for a message: rendering stops once it has more than
/// a message shows, so a list of 100,000 entries costs no more than a short one.
fn render_prefix<T: Serialize + ?Sized>(value: &T) -> String {
    // Four bytes a character at most, plus room to see that there is more.
    const LIMIT: usize = super::validation::MAX_VALUE_CHARS * 4 + 8;

    struct Bounded(Vec<u8>);

    impl std::io::Write for Bounded {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            let room = LIMIT.saturating_sub(self.0.len());
            if room == 0 {
                return Err(std::io::Error::other("enough for a message"));
            }
            let taken = bytes.len().min(room);
            self.0.extend_from_slice(&bytes[..taken]);
            Ok(taken)
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    let mut out = Bounded(Vec::new());
    // An error only means the limit was reached; what was written is the prefix wanted.
    let _ = serde_json::to_writer(&mut out, value);
    String::from_utf8_lossy(&out.0).into_owned()
}

#[inline]
fn out_of_bounds(actual: u64, min: Option<u64>, max: Option<u64>) -> bool {
    min.is_some_and(|min| actual < min) || max.is_some_and(|max| actual > max)
}

/// `@pattern` on a string.
pub fn pattern(value: &str, pattern: &Pattern, path: &Path<'_>, errors: &mut ValidationErrors) {
    if !pattern.is_match(value) {
        pattern_violation(value, pattern, path, errors);
    }
}

#[cold]
fn pattern_violation(
    value: &str,
    pattern: &Pattern,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    let constraint = Constraint::Pattern {
        pattern: pattern.source(),
    };
    errors.push(Violation::new(path, constraint, Some(value)));
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

/// `@range` on a `bigInteger` or `bigDecimal`: compared exactly as decimals, so no bound or
/// value is rounded through a float. `min` and `max` are the model's bounds as JSON numbers.
pub fn big_range(
    value: &super::BigNumber,
    min: Option<&str>,
    max: Option<&str>,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    use std::cmp::Ordering;
    let text = value.as_str();
    let below = min.is_some_and(|min| super::BigNumber::compare(text, min) == Some(Ordering::Less));
    let above =
        max.is_some_and(|max| super::BigNumber::compare(text, max) == Some(Ordering::Greater));
    if below || above {
        let constraint = Constraint::Range {
            min: min.map(str::to_owned),
            max: max.map(str::to_owned),
            below,
        };
        errors.push(Violation::new(path, constraint, Some(text)));
    }
}

/// `@uniqueItems`: entries are compared by their JSON form, so equal values are equal
/// whatever their Rust type (floats included). Only lists with the trait pay for this.
pub fn unique_items<T: Serialize>(value: &[T], path: &Path<'_>, errors: &mut ValidationErrors) {
    let forms: Vec<String> = value
        .iter()
        .map(|v| serde_json::to_string(v).unwrap_or_default())
        .collect();
    let mut first_seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut repeated = std::collections::BTreeSet::new();
    for (index, form) in forms.iter().enumerate() {
        if let Some(&first) = first_seen.get(form.as_str()) {
            repeated.insert(first);
            repeated.insert(index);
        } else {
            first_seen.insert(form, index);
        }
    }
    if !repeated.is_empty() {
        let constraint = Constraint::UniqueItems {
            repeated: repeated.into_iter().collect(),
        };
        let rendered = render_prefix(value);
        errors.push(Violation::new(path, constraint, Some(&rendered)));
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
    fn a_pattern_that_does_not_compile_rejects_every_value() {
        let broken = Pattern::new("(", "(");
        assert_eq!(violations(|p, e| pattern("(", &broken, p, e)).len(), 1);
        let fused = violations(|p, e| string_length_and_pattern("(", None, Some(0), &broken, p, e));
        assert_eq!(fused.len(), 2);
    }

    #[test]
    fn string_length_reports_too_short() {
        assert_eq!(
            violations(|p, e| string_length("", Some(1), None, p, e)),
            ["Value '' at 'member' failed to satisfy constraint: Member must have length greater than or equal to 1"]
        );
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
