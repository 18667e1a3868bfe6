//! `@pattern` translation: ECMA-262 regular expressions to the Rust `regex` crate's syntax.
//!
//! Smithy patterns are ECMA-262 and match as a *search*: only the model's own `^`/`$` anchor
//! them, which is also how `regex::Regex::is_match` behaves, so anchors pass through. What
//! differs is the meaning of some escapes: ECMA's `\d`, `\w` and `\b` are ASCII-only, its `\s`
//! is a fixed set of code points, and its `.` excludes every line terminator, while the Rust
//! crate makes all of them Unicode-aware. Those are spelled out as explicit classes here.
//! Features the `regex` crate cannot run in linear time (lookaround, backreferences) are
//! reported as errors rather than approximated.

use std::fmt::Write as _;

/// ECMA-262 `WhiteSpace` and `LineTerminator` code points, as the inside of a class.
const ECMA_SPACE: &str = r"\t\n\x0B\x0C\r \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}";
/// ECMA-262 `\d`.
const ECMA_DIGIT: &str = "0-9";
/// ECMA-262 `\w`.
const ECMA_WORD: &str = "0-9A-Za-z_";
/// ECMA-262 `.` without the `s` flag: anything but a line terminator.
const ECMA_DOT: &str = r"[^\n\r\x{2028}\x{2029}]";

/// Translates an ECMA-262 pattern into an equivalent pattern for the `regex` crate.
pub fn translate(pattern: &str) -> Result<String, String> {
    Translator {
        chars: pattern.chars().collect(),
        pos: 0,
        out: String::with_capacity(pattern.len() + 8),
    }
    .run()
}

/// Translates and compiles, so a pattern the `regex` crate rejects is caught at generation.
pub fn translate_and_compile(pattern: &str) -> Result<String, String> {
    let translated = translate(pattern)?;
    regex::Regex::new(&translated).map_err(|e| format!("does not compile as a Rust regex: {e}"))?;
    Ok(translated)
}

struct Translator {
    chars: Vec<char>,
    pos: usize,
    out: String,
}

/// One thing an escape inside or outside a class can stand for.
enum Escape {
    /// A single character.
    Char(char),
    /// A class body to splice in (`0-9`), and whether it is negated.
    Class(&'static str, bool),
    /// A Unicode property class, written as Rust writes it (`\p{L}`).
    Property(String),
    /// `\b` or `\B` (outside classes only).
    WordBoundary(bool),
}

impl Translator {
    fn run(mut self) -> Result<String, String> {
        while let Some(c) = self.next() {
            match c {
                '\\' => self.escape_outside()?,
                '[' => self.class()?,
                '(' => self.group()?,
                '.' => self.out.push_str(ECMA_DOT),
                '{' => self.brace()?,
                '}' | ']' => {
                    let _ = write!(self.out, "\\{c}");
                }
                '^' | '$' | '|' | ')' | '*' | '+' | '?' => self.out.push(c),
                _ => push_literal(&mut self.out, c),
            }
        }
        Ok(self.out)
    }

    fn next(&mut self) -> Option<char> {
        let c = self.chars.get(self.pos).copied();
        self.pos += usize::from(c.is_some());
        c
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn starts_with(&self, text: &str) -> bool {
        text.chars()
            .enumerate()
            .all(|(i, c)| self.chars.get(self.pos + i) == Some(&c))
    }

    /// `(`, `(?:`, `(?<name>`; lookaround is unsupported.
    fn group(&mut self) -> Result<(), String> {
        if self.peek() != Some('?') {
            self.out.push('(');
            return Ok(());
        }
        for (prefix, what) in [
            ("?=", "lookahead"),
            ("?!", "negative lookahead"),
            ("?<=", "lookbehind"),
            ("?<!", "negative lookbehind"),
        ] {
            if self.starts_with(prefix) {
                return Err(format!("{what} `({prefix}...)` is not supported"));
            }
        }
        if self.starts_with("?:") {
            self.pos += 2;
            self.out.push_str("(?:");
            return Ok(());
        }
        if self.starts_with("?<") {
            self.pos += 2;
            let mut name = String::new();
            loop {
                match self.next() {
                    Some('>') => break,
                    Some(c) if c.is_ascii_alphanumeric() || c == '_' => name.push(c),
                    _ => return Err("malformed named group".to_owned()),
                }
            }
            let _ = write!(self.out, "(?P<{name}>");
            return Ok(());
        }
        Err("unsupported group syntax `(?`".to_owned())
    }

    /// A `{` is a quantifier when it reads `{n}`, `{n,}` or `{n,m}`; otherwise ECMA (Annex B)
    /// takes it literally.
    fn brace(&mut self) -> Result<(), String> {
        let rest: String = self.chars[self.pos..]
            .iter()
            .take_while(|&&c| c != '}')
            .collect();
        let closed = self.pos + rest.chars().count() < self.chars.len();
        let is_quantifier = closed && {
            let (low, high) = rest.split_once(',').unwrap_or((&rest, ""));
            !low.is_empty()
                && low.chars().all(|c| c.is_ascii_digit())
                && high.chars().all(|c| c.is_ascii_digit())
        };
        if !is_quantifier {
            self.out.push_str("\\{");
            return Ok(());
        }
        if let Some((low, high)) = rest.split_once(',') {
            if let (Ok(l), Ok(h)) = (low.parse::<u64>(), high.parse::<u64>()) {
                if l > h {
                    return Err(format!("quantifier {{{rest}}} has min above max"));
                }
            }
        }
        let _ = write!(self.out, "{{{rest}}}");
        self.pos += rest.chars().count() + 1;
        Ok(())
    }

    fn escape_outside(&mut self) -> Result<(), String> {
        match self.escape(false)? {
            Escape::Char(c) => push_literal(&mut self.out, c),
            Escape::Class(body, negated) => {
                let _ = write!(self.out, "[{}{body}]", if negated { "^" } else { "" });
            }
            Escape::Property(p) => self.out.push_str(&p),
            Escape::WordBoundary(true) => self.out.push_str(r"(?-u:\b)"),
            Escape::WordBoundary(false) => self.out.push_str(r"(?-u:\B)"),
        }
        Ok(())
    }

    /// Reads the escape after a `\`.
    fn escape(&mut self, in_class: bool) -> Result<Escape, String> {
        let Some(c) = self.next() else {
            return Err("pattern ends with a lone `\\`".to_owned());
        };
        Ok(match c {
            'd' => Escape::Class(ECMA_DIGIT, false),
            'D' => Escape::Class(ECMA_DIGIT, true),
            'w' => Escape::Class(ECMA_WORD, false),
            'W' => Escape::Class(ECMA_WORD, true),
            's' => Escape::Class(ECMA_SPACE, false),
            'S' => Escape::Class(ECMA_SPACE, true),
            'b' if in_class => Escape::Char('\u{8}'),
            'b' => Escape::WordBoundary(true),
            'B' if !in_class => Escape::WordBoundary(false),
            't' => Escape::Char('\t'),
            'n' => Escape::Char('\n'),
            'r' => Escape::Char('\r'),
            'v' => Escape::Char('\u{B}'),
            'f' => Escape::Char('\u{C}'),
            '0' if !self.peek().is_some_and(|d| d.is_ascii_digit()) => Escape::Char('\0'),
            '1'..='9' => return Err(format!("backreference `\\{c}` is not supported")),
            'k' if self.peek() == Some('<') => {
                return Err("named backreference `\\k<...>` is not supported".to_owned())
            }
            'x' => Escape::Char(self.hex_char(2)?),
            'u' => Escape::Char(self.unicode_escape()?),
            'c' => match self.next() {
                Some(l) if l.is_ascii_alphabetic() => Escape::Char(char::from(l as u8 % 32)),
                _ => return Err("`\\c` must be followed by a letter".to_owned()),
            },
            'p' | 'P' => Escape::Property(self.property(c)?),
            c if c.is_ascii_alphanumeric() => {
                return Err(format!("unknown escape `\\{c}`"));
            }
            c => Escape::Char(c),
        })
    }

    fn hex_char(&mut self, digits: usize) -> Result<char, String> {
        let text: String = (0..digits).filter_map(|_| self.next()).collect();
        u32::from_str_radix(&text, 16)
            .ok()
            .filter(|_| text.len() == digits)
            .and_then(char::from_u32)
            .ok_or_else(|| format!("malformed hex escape `{text}`"))
    }

    /// `\uHHHH`, a surrogate pair of two of them, or `\u{H...}`.
    fn unicode_escape(&mut self) -> Result<char, String> {
        if self.peek() == Some('{') {
            self.pos += 1;
            let text: String = std::iter::from_fn(|| self.next().filter(|&c| c != '}')).collect();
            return u32::from_str_radix(&text, 16)
                .ok()
                .and_then(char::from_u32)
                .ok_or_else(|| format!("malformed escape `\\u{{{text}}}`"));
        }
        let text: String = (0..4).filter_map(|_| self.next()).collect();
        let unit = u32::from_str_radix(&text, 16)
            .ok()
            .filter(|_| text.len() == 4)
            .ok_or_else(|| format!("malformed escape `\\u{text}`"))?;
        if (0xD800..0xDC00).contains(&unit) && self.starts_with("\\u") {
            let save = self.pos;
            self.pos += 2;
            let low_text: String = (0..4).filter_map(|_| self.next()).collect();
            if let Ok(low) = u32::from_str_radix(&low_text, 16) {
                if (0xDC00..0xE000).contains(&low) {
                    let c = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                    return char::from_u32(c).ok_or_else(|| "malformed surrogate pair".to_owned());
                }
            }
            self.pos = save;
        }
        char::from_u32(unit).ok_or_else(|| format!("lone surrogate `\\u{text}` is not supported"))
    }

    /// `\p{L}`, `\P{Lu}`, `\p{Script=Greek}`: kept as Rust spells them.
    fn property(&mut self, which: char) -> Result<String, String> {
        if self.next() != Some('{') {
            return Err(format!("`\\{which}` must be followed by `{{name}}`"));
        }
        let mut name = String::new();
        loop {
            match self.next() {
                Some('}') => break,
                Some(c) => name.push(c),
                None => return Err(format!("unterminated property class `\\{which}{{{name}`")),
            }
        }
        let valid = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '=');
        if !valid {
            return Err(format!("malformed property class `\\{which}{{{name}}}`"));
        }
        Ok(format!("\\{which}{{{name}}}"))
    }

    /// A character class. ECMA classes have no set operations, so every item is literal.
    fn class(&mut self) -> Result<(), String> {
        let negated = self.peek() == Some('^');
        if negated {
            self.pos += 1;
        }
        if self.peek() == Some(']') {
            self.pos += 1;
            // `[]` matches nothing and `[^]` matches anything, in ECMA.
            self.out.push_str(if negated {
                r"[\x{0}-\x{10FFFF}]"
            } else {
                r"[a&&b]"
            });
            return Ok(());
        }
        let mut body = String::new();
        loop {
            let Some(c) = self.next() else {
                return Err("unterminated character class".to_owned());
            };
            if c == ']' {
                break;
            }
            let item = self.class_atom(c)?;
            let range_follows =
                self.peek() == Some('-') && self.chars.get(self.pos + 1).is_some_and(|&n| n != ']');
            match item {
                Escape::Char(start) if range_follows => {
                    self.pos += 1;
                    let end_char = self.next().unwrap_or(']');
                    match self.class_atom(end_char)? {
                        Escape::Char(end) if end >= start => {
                            push_class_char(&mut body, start);
                            body.push('-');
                            push_class_char(&mut body, end);
                        }
                        Escape::Char(_) => return Err("class range out of order".to_owned()),
                        _ => return Err("class range with a class as its end".to_owned()),
                    }
                }
                Escape::Char(c) => push_class_char(&mut body, c),
                Escape::Class(inner, true) => {
                    let _ = write!(body, "[^{inner}]");
                }
                Escape::Class(inner, false) => body.push_str(inner),
                Escape::Property(p) => body.push_str(&p),
                Escape::WordBoundary(_) => return Err("`\\B` inside a class".to_owned()),
            }
        }
        let _ = write!(self.out, "[{}{body}]", if negated { "^" } else { "" });
        Ok(())
    }

    fn class_atom(&mut self, c: char) -> Result<Escape, String> {
        if c == '\\' {
            self.escape(true)
        } else {
            Ok(Escape::Char(c))
        }
    }
}

/// A literal outside a class, escaped where the Rust syntax gives it a meaning.
fn push_literal(out: &mut String, c: char) {
    match c {
        '\\' | '.' | '+' | '*' | '?' | '(' | ')' | '|' | '[' | ']' | '{' | '}' | '^' | '$'
        | '#' | '&' | '-' | '~' => {
            out.push('\\');
            out.push(c);
        }
        c if c.is_control() || c == ' ' => {
            let _ = write!(out, "\\x{{{:X}}}", c as u32);
        }
        c => out.push(c),
    }
}

/// A literal inside a class, escaped where Rust classes give it a meaning.
fn push_class_char(out: &mut String, c: char) {
    match c {
        '\\' | '[' | ']' | '-' | '^' | '&' | '~' => {
            out.push('\\');
            out.push(c);
        }
        c if c.is_control() || c == ' ' => {
            let _ = write!(out, "\\x{{{:X}}}", c as u32);
        }
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compiled(pattern: &str) -> regex::Regex {
        let translated = translate_and_compile(pattern);
        assert!(translated.is_ok(), "{pattern}: {translated:?}");
        regex::Regex::new(&translated.unwrap_or_default()).unwrap_or_else(|_| unreachable!())
    }

    #[test]
    fn anchored_patterns_pass_through() {
        assert_eq!(
            translate("^backup-[2-7a-zA-Z]{11,16}$").as_deref(),
            Ok("^backup\\-[2-7a-zA-Z]{11,16}$")
        );
    }

    #[test]
    fn unanchored_patterns_match_as_a_search() {
        let re = compiled("[0-9]+");
        assert!(re.is_match("abc123def"));
        assert!(!re.is_match("abcdef"));
    }

    #[test]
    fn digit_is_ascii_only() {
        let re = compiled(r"^\d$");
        assert!(re.is_match("7"));
        assert!(
            !re.is_match("٣"),
            "Arabic-Indic digit three is not an ECMA \\d"
        );
        let re = compiled(r"^\D$");
        assert!(re.is_match("٣"));
    }

    #[test]
    fn word_is_ascii_only() {
        let re = compiled(r"^\w+$");
        assert!(re.is_match("abc_09"));
        assert!(!re.is_match("é"));
        assert!(compiled(r"^\W$").is_match("é"));
    }

    #[test]
    fn space_is_the_ecma_set() {
        let re = compiled(r"^\s$");
        for c in [
            '\t', '\n', '\u{B}', '\u{C}', '\r', ' ', '\u{A0}', '\u{2003}', '\u{FEFF}', '\u{3000}',
        ] {
            assert!(re.is_match(&c.to_string()), "{:?}", c);
        }
        // U+0085 (NEL) is whitespace to Rust's Unicode \s but not to ECMA.
        assert!(!re.is_match("\u{85}"));
        assert!(compiled(r"^\S$").is_match("\u{85}"));
    }

    #[test]
    fn word_boundary_is_ascii() {
        let re = compiled(r"\bcat\b");
        assert!(re.is_match("a cat!"));
        assert!(!re.is_match("bobcat"));
        // In ECMA, é is not a word character, so there is a boundary between it and `c`.
        assert!(re.is_match("écat"));
        assert!(compiled(r"a\Bb").is_match("ab"));
    }

    #[test]
    fn dot_excludes_every_line_terminator() {
        let re = compiled("^.$");
        assert!(re.is_match("x"));
        for terminator in ["\n", "\r", "\u{2028}", "\u{2029}"] {
            assert!(!re.is_match(terminator), "{terminator:?}");
        }
    }

    #[test]
    fn unicode_property_classes_are_kept() {
        let re = compiled(r"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$");
        assert!(re.is_match("Zürich 2024 +/=:@-_."));
        assert!(!re.is_match("semi;colon"));
        assert!(compiled(r"^\P{L}$").is_match("1"));
    }

    #[test]
    fn class_ranges_between_punctuation_are_ranges() {
        // In `[+-/]` the dash makes a range from `+` to `/`, which includes `,` `-` and `.`.
        let re = compiled(r"^[a-zA-Z0-9+-/=\s]*$");
        assert!(re.is_match("ab,c.d-e/f+g=h i"));
        assert!(!re.is_match("a*b"));
    }

    #[test]
    fn escapes_inside_classes() {
        let re = compiled(r"^[\d\-\]\\]+$");
        assert!(re.is_match(r"1-]\"));
        assert!(!re.is_match("a"));
        assert!(compiled(r"^[\b]$").is_match("\u{8}"));
        assert!(compiled(r"^[^\d]$").is_match("x"));
        assert!(compiled(r"^[\D]$").is_match("x"));
    }

    #[test]
    fn character_escapes() {
        assert!(compiled(r"^\x41\u0042\u{43}\t$").is_match("ABC\t"));
        assert!(compiled(r"^\uD83D\uDE00$").is_match("😀"));
        assert!(compiled(r"^\cJ$").is_match("\n"));
        assert!(compiled(r"^\/\.$").is_match("/."));
    }

    #[test]
    fn quantifiers_and_literal_braces() {
        assert!(compiled("^a{2,3}$").is_match("aaa"));
        assert!(compiled("^a{2,}?$").is_match("aaaa"));
        // Not a quantifier: ECMA reads these braces literally.
        assert!(compiled("^a{,3}$").is_match("a{,3}"));
        assert!(compiled("^x{$").is_match("x{"));
        assert!(compiled("^}$").is_match("}"));
    }

    #[test]
    fn groups() {
        assert!(compiled("^(?:cluster|backup)-x$").is_match("backup-x"));
        assert!(compiled("^(?<id>[a-z]+)$").is_match("abc"));
        assert!(compiled("^((p|)hsm[0-9][a-z.]*\\.[a-zA-Z]+)$").is_match("hsm1.medium"));
    }

    #[test]
    fn empty_classes() {
        assert!(!compiled("^[]$").is_match(""));
        assert!(compiled("^[^]$").is_match("\n"));
    }

    #[test]
    fn lookaround_and_backreferences_are_rejected() {
        for (pattern, word) in [
            ("a(?=b)", "lookahead"),
            ("a(?!b)", "negative lookahead"),
            ("(?<=a)b", "lookbehind"),
            ("(?<!a)b", "negative lookbehind"),
            (r"(a)\1", "backreference"),
            (r"(?<x>a)\k<x>", "named backreference"),
        ] {
            let err = translate(pattern).err().unwrap_or_default();
            assert!(err.contains(word), "{pattern}: {err}");
        }
    }

    #[test]
    fn malformed_patterns_are_errors() {
        for pattern in ["[abc", "\\", r"\x4", r"\u12", "[z-a]", r"\p{L", "a{3,1}"] {
            assert!(translate_and_compile(pattern).is_err(), "{pattern}");
        }
    }
}
