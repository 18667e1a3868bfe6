//! `@pattern` matching: everything about how a pattern runs lives here.
//!
//! Generated code declares each pattern with what the model says: the pattern as written
//! and its translation for the `regex` crate ([`Pattern::new`]). On first use the runtime
//! compiles the translation (the `regex` crate, linear time, wherever it can; else a
//! backtracking engine for lookaround and backreferences, under [`BACKTRACK_LIMIT`]), and
//! derives from it, once, a shortcut for patterns that are a literal prefix and one repeated
//! class (`^backup-[2-7a-zA-Z]{11,16}$`, `^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$`): table and
//! vector passes that decide every value without the regex (the private `shortcut` module),
//! which is then compiled only for what tests and benchmarks compare the shortcut with.

mod shortcut;
mod vector;

use once_cell::sync::OnceCell;
use regex::Regex;

use shortcut::{Scan, Shortcut};

/// A `@pattern`, compiled on first use and then shared for the life of the process.
#[derive(Debug)]
pub struct Pattern {
    source: &'static str,
    regex_source: &'static str,
    compiled: OnceCell<Option<Engine>>,
    shortcut: OnceCell<Option<Shortcut>>,
}

/// What runs a pattern: the `regex` crate (linear time) wherever it can, else a
/// backtracking engine for lookaround and backreferences, stopped after
/// [`BACKTRACK_LIMIT`] steps.
#[derive(Debug)]
enum Engine {
    Linear(Regex),
    Backtracking(Box<fancy_regex::Regex>),
}

/// The most backtracking steps one match may take. A value that needs more is taken as not
/// matching (so it is rejected, never let through), and no value can make a match hang:
/// the limit is tens of milliseconds of work (64 ms at most for a megabyte against AWS's
/// lookaround patterns), far above what a value within a model's `@length` needs.
pub const BACKTRACK_LIMIT: usize = 1_000_000;

impl Engine {
    fn compile(source: &str) -> Option<Engine> {
        Engine::try_compile(source).ok()
    }

    /// The engine for a translation, or why neither accepts it: the `regex` crate's error,
    /// or for a pattern with lookaround or backreferences, the backtracking engine's.
    fn try_compile(source: &str) -> Result<Engine, String> {
        let linear = match Regex::new(source) {
            Ok(regex) => return Ok(Engine::Linear(regex)),
            Err(e) => e,
        };
        let backtracking = fancy_regex::RegexBuilder::new(source)
            .backtrack_limit(BACKTRACK_LIMIT)
            .build();
        match backtracking {
            Ok(regex) => Ok(Engine::Backtracking(Box::new(regex))),
            Err(e) if needs_backtracking(source) => {
                Err(format!("does not compile as a backtracking regex: {e}"))
            }
            Err(_) => Err(format!("does not compile as a Rust regex: {linear}")),
        }
    }

    fn is_match(&self, value: &str) -> bool {
        match self {
            Engine::Linear(regex) => regex.is_match(value),
            // An error is the step limit: no answer, so not a match.
            Engine::Backtracking(regex) => regex.is_match(value).unwrap_or(false),
        }
    }
}

/// Whether the runtime can run a pattern, given as its `regex` translation, and if not, why:
/// it compiles with either engine, or it has the shortcut's form, which decides every value
/// alone when the whole regex is too large to compile (a class repeated thousands of times).
/// A generator asks this of every pattern, so generated code never holds one that matches
/// nothing; it is what [`Pattern::compiles`] answers for a declared pattern.
pub fn check(regex_source: &str) -> Result<(), String> {
    match Engine::try_compile(regex_source) {
        Ok(_) => Ok(()),
        Err(_) if Shortcut::of(regex_source).is_some() => Ok(()),
        Err(why) => Err(why),
    }
}

/// Whether a translation has lookaround or backreferences, which only the backtracking engine
/// runs: the `regex` crate's parser refuses exactly those.
fn needs_backtracking(source: &str) -> bool {
    match regex_syntax::Parser::new().parse(source) {
        Ok(_) => false,
        Err(regex_syntax::Error::Parse(e)) => matches!(
            e.kind(),
            regex_syntax::ast::ErrorKind::UnsupportedLookAround
                | regex_syntax::ast::ErrorKind::UnsupportedBackreference
        ),
        Err(_) => false,
    }
}

impl Pattern {
    /// A pattern as the model wrote it (`source`, quoted in messages) and its translation
    /// for the `regex` crate. `const`, so generated code declares patterns as statics;
    /// nothing is parsed or compiled until the first match.
    pub const fn new(source: &'static str, regex_source: &'static str) -> Pattern {
        Pattern {
            source,
            regex_source,
            compiled: OnceCell::new(),
            shortcut: OnceCell::new(),
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

    /// Whether the pattern is a literal prefix and one repeated class, anchored at both
    /// ends, so that the shortcut decides most values without the regex.
    pub fn has_shortcut(&self) -> bool {
        self.shortcut().is_some()
    }

    /// The compiled regex, for a pattern the `regex` crate runs; `None` for one that needs
    /// the backtracking engine (lookaround, backreferences), or if the translation does not
    /// compile, which the generator rules out (see [`compiles`](Self::compiles)).
    pub fn regex(&self) -> Option<&Regex> {
        match self.engine() {
            Some(Engine::Linear(regex)) => Some(regex),
            _ => None,
        }
    }

    /// Whether the pattern can be run: its translation compiled, with either engine, or it
    /// has a shortcut, which decides alone when the whole regex is too large (a class
    /// repeated thousands of times); a test checks it for every generated pattern.
    pub fn compiles(&self) -> bool {
        self.engine().is_some() || self.has_shortcut()
    }

    /// Whether the pattern runs on the backtracking engine, under [`BACKTRACK_LIMIT`].
    pub fn is_backtracking(&self) -> bool {
        matches!(self.engine(), Some(Engine::Backtracking(_)))
    }

    /// Whether `value` matches (search semantics: only the pattern's own anchors anchor it).
    /// A pattern that failed to compile matches nothing, so it cannot let a value through.
    pub fn is_match(&self, value: &str) -> bool {
        if let Some(answer) = self.shortcut_is_match(value) {
            return answer;
        }
        self.regex_is_match(value)
    }

    /// The shortcut's answer alone: `None` when the pattern has no shortcut (a shortcut
    /// decides every `&str`, characters beyond the Basic Multilingual Plane included). What
    /// tests compare with [`regex_is_match`](Self::regex_is_match).
    pub fn shortcut_is_match(&self, value: &str) -> Option<bool> {
        self.shortcut().and_then(|shortcut| shortcut.decide(value))
    }

    /// The answer without the shortcut: the regex's, or for a pattern whose regex is too
    /// large to compile, each character checked against the class one at a time. What the
    /// shortcut is tested and measured against.
    pub fn regex_is_match(&self, value: &str) -> bool {
        match self.engine() {
            Some(engine) => engine.is_match(value),
            None => self
                .shortcut()
                .is_some_and(|shortcut| shortcut.decide_by_class(value)),
        }
    }

    /// Whether `value` matches, and its length in characters when the shortcut counted them
    /// while deciding (`None` otherwise), so `@length` and `@pattern` on one string read the
    /// text once.
    #[inline(always)]
    pub fn match_and_length(&self, value: &str) -> (bool, Option<u64>) {
        self.match_and_length_with::<true, true>(value)
    }

    /// The length in characters of a value the shortcut alone finds matching: the common
    /// answer of `@length` and `@pattern` on one string, with nothing kept for the rare one.
    /// `None` says only that the caller must look closer, with
    /// [`match_and_length`](Self::match_and_length).
    #[inline(always)]
    pub(crate) fn counted_match(&self, value: &str) -> Option<u64> {
        let shortcut = self.shortcut()?;
        match shortcut.scan::<true, true>(value) {
            Scan::Members(count) if shortcut.count_fits(count) => {
                Some(shortcut.prefix_chars() + count)
            }
            _ => None,
        }
    }

    /// [`match_and_length`](Self::match_and_length) with the shortcut's vector pass for long
    /// text of two-byte characters left out (the character pass reads all of it): what
    /// the benchmark of that pass measures against. Same answers, another cost.
    #[doc(hidden)]
    pub fn match_and_length_without_block_pass(&self, value: &str) -> (bool, Option<u64>) {
        self.match_and_length_with::<false, true>(value)
    }

    /// [`match_and_length`](Self::match_and_length) with the shortcut's portable passes
    /// alone, as on a processor without AVX2 (where the two are one): what the benchmark of
    /// the vector passes measures against. Same answers, another cost.
    #[doc(hidden)]
    pub fn match_and_length_portable(&self, value: &str) -> (bool, Option<u64>) {
        self.match_and_length_with::<true, false>(value)
    }

    #[inline(always)]
    fn match_and_length_with<const BLOCK_PASS: bool, const VECTOR: bool>(
        &self,
        value: &str,
    ) -> (bool, Option<u64>) {
        if let Some(shortcut) = self.shortcut() {
            match shortcut.scan::<BLOCK_PASS, VECTOR>(value) {
                Scan::Members(count) => {
                    return (
                        shortcut.count_fits(count),
                        Some(shortcut.prefix_chars() + count),
                    )
                }
                Scan::Outsider => return (false, None),
                Scan::Undecided => {}
            }
        }
        (self.regex_is_match(value), None)
    }

    fn engine(&self) -> Option<&Engine> {
        self.compiled
            .get_or_init(|| Engine::compile(self.regex_source))
            .as_ref()
    }

    #[inline]
    fn shortcut(&self) -> Option<&Shortcut> {
        match self.shortcut.get() {
            Some(shortcut) => shortcut.as_ref(),
            None => self.first_shortcut(),
        }
    }

    /// [`shortcut`](Self::shortcut) on its first call, out of line so that every later one
    /// is a load and a test.
    #[cold]
    #[inline(never)]
    fn first_shortcut(&self) -> Option<&Shortcut> {
        self.shortcut
            .get_or_init(|| Shortcut::of(self.regex_source))
            .as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(!broken.compiles());
        assert!(!broken.is_match("("));
        assert_eq!(broken.match_and_length("("), (false, None));
    }

    #[test]
    fn the_shortcut_counts_characters_prefix_included() {
        let ids = Pattern::new("^id-[a-zé]{1,3}$", "^id\\-[a-zé]{1,3}$");
        assert!(ids.has_shortcut());
        assert_eq!(ids.match_and_length("id-aé"), (true, Some(5)));
        assert_eq!(ids.match_and_length("id-abcd"), (false, Some(7)));
        assert_eq!(ids.match_and_length("id-A"), (false, None));
        let region = Pattern::new("^[a-z]{2}-\\d$", "^[a-z]{2}\\-[0-9]$");
        assert!(!region.has_shortcut());
        assert_eq!(region.match_and_length("eu-1"), (true, None));
    }

    #[test]
    fn check_accepts_what_an_engine_or_the_shortcut_runs_and_says_why_not() {
        // Linear, backtracking, and a class repeated past the `regex` crate's size limit.
        for runs in [
            r"^[a-z]+$",
            r"^(?!x)[a-z]+$",
            r"^(a)\1$",
            r"^[^\p{C}]{1,2048}$",
        ] {
            assert_eq!(check(runs), Ok(()), "{runs}");
        }
        let broken = check("[z-a]").err().unwrap_or_default();
        assert!(
            broken.starts_with("does not compile as a Rust regex: "),
            "{broken}"
        );
        let lookaround = check("(?<=(").err().unwrap_or_default();
        assert!(
            lookaround.starts_with("does not compile as a backtracking regex: "),
            "{lookaround}"
        );
        // Too large, and not of the shortcut's form.
        let too_big = check(r"^(\p{L}\p{N}){1,4096}$").err().unwrap_or_default();
        assert!(too_big.contains("size limit"), "{too_big}");
    }

    #[test]
    fn a_class_repeated_past_the_size_limit_is_decided_by_the_class() {
        let pattern = Pattern::new(r"^[^\p{C}]{1,2048}$", r"^[^\p{C}]{1,2048}$");
        assert!(pattern.regex().is_none() && !pattern.is_backtracking());
        assert!(pattern.compiles());
        let astral = "𝐀".repeat(2048);
        assert!(pattern.is_match(&astral) && pattern.regex_is_match(&astral));
        let too_long = format!("{astral}𝐀");
        assert!(!pattern.is_match(&too_long) && !pattern.regex_is_match(&too_long));
        assert!(!pattern.is_match("𝐀\u{200B}") && !pattern.regex_is_match("𝐀\u{200B}"));
        assert!(!pattern.is_match("") && !pattern.regex_is_match(""));
    }
}
