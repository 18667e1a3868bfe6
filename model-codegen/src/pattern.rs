//! `@pattern` translation: ECMA-262 regular expressions to the Rust `regex` crate's syntax.
//!
//! Smithy patterns are ECMA-262 and match as a *search*: only the model's own `^`/`$` anchor
//! them, which is also how `regex::Regex::is_match` behaves, so anchors pass through. What
//! differs is the meaning of some escapes: ECMA's `\d`, `\w` and `\b` are ASCII-only, its `\s`
//! is a fixed set of code points, and its `.` excludes every line terminator, while the Rust
//! crate makes all of them Unicode-aware. Those are spelled out as explicit classes here.
//!
//! AWS's models also use syntax ECMA-262 does not define, written for and enforced by AWS's
//! Java services: POSIX classes (`\p{Alnum}`), inline flags (`(?i)`, `(?s)`), `\A` and `\z`,
//! and UTF-16 surrogates. The whole of `java.util.regex.Pattern`'s syntax is read: its
//! escapes (`\x{h...h}`, octal `\0nn`, `\cX`, `\e`, `\h`, `\R`, `\Q...\E`), its property
//! classes (`\p{all}`, `\p{javaLowerCase}`, `\p{IsLatin}`, `\pL`), its flags (`(?m)`, `(?d)`),
//! atomic groups and boundaries; what cannot be translated exactly is refused, by name. Where ECMA defines a construct, ECMA's meaning is kept; where only
//! Java defines it, Java's (`java.util.regex.Pattern`) is taken: POSIX classes and `(?i)` are
//! ASCII-only there, and a lone surrogate can match nothing in Unicode text.
//!
//! Lookaround and backreferences pass through: the `regex` crate cannot run them, so the
//! runtime hands such patterns to a backtracking engine under a step limit.

use std::fmt::Write as _;

/// ECMA-262 `WhiteSpace` and `LineTerminator` code points, as the inside of a class.
const ECMA_SPACE: &str = r"\t\n\x0B\x0C\r \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}";
/// ECMA-262 `\d`.
const ECMA_DIGIT: &str = "0-9";
/// ECMA-262 `\w`.
const ECMA_WORD: &str = "0-9A-Za-z_";
/// ECMA-262 `.` without the `s` flag: anything but a line terminator.
const ECMA_DOT: &str = r"[^\n\r\x{2028}\x{2029}]";

/// Java's POSIX classes (`\p{Alnum}`), US-ASCII only as Java defines them, as class bodies.
const POSIX_CLASSES: [(&str, &str); 13] = [
    ("Lower", "a-z"),
    ("Upper", "A-Z"),
    ("ASCII", r"\x{0}-\x{7F}"),
    ("Alpha", "a-zA-Z"),
    ("Digit", "0-9"),
    ("Alnum", "a-zA-Z0-9"),
    (
        "Punct",
        r"\x{21}-\x{2F}\x{3A}-\x{40}\x{5B}-\x{60}\x{7B}-\x{7E}",
    ),
    ("Graph", r"\x{21}-\x{7E}"),
    ("Print", r"\x{20}-\x{7E}"),
    ("Blank", r"\x{20}\t"),
    ("Cntrl", r"\x{0}-\x{1F}\x{7F}"),
    ("XDigit", "0-9a-fA-F"),
    ("Space", r"\x{20}\t\n\x{B}\x{C}\r"),
];

/// Java's `\h`: horizontal whitespace.
const JAVA_HORIZONTAL: &str = r" \t\x{A0}\x{1680}\x{180E}\x{2000}-\x{200A}\x{202F}\x{205F}\x{3000}";
/// Java's vertical whitespace (`\V` is its complement; `\v` keeps ECMA's meaning, U+000B).
const JAVA_VERTICAL: &str = r"\n\x{B}\x{C}\r\x{85}\x{2028}\x{2029}";

/// A Rust class that matches nothing: what a lone surrogate matches in Unicode text.
const NOTHING: &str = r"[a&&b]";

/// Translates an ECMA-262 pattern into an equivalent pattern for the `regex` crate, without
/// compiling it (generation uses [`translate_and_compile`], once, in `check`).
#[cfg(test)]
pub fn translate(pattern: &str) -> Result<String, String> {
    Translator::translate(pattern).map(|t| t.pattern)
}

/// A translated pattern, and whether only a backtracking engine can run it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Translation {
    /// The pattern in the Rust `regex` crate's syntax (with lookaround or backreferences
    /// when `backtracking`).
    pub pattern: String,
    /// The pattern has lookaround or backreferences.
    pub backtracking: bool,
}

/// Translates, and asks the runtime whether it can run the translation
/// ([`model_runtime::pattern::check`]: either engine, or its shortcut for a class repeated
/// past the `regex` crate's size limit), so a pattern the runtime could not run is caught at
/// generation.
pub fn translate_and_compile(pattern: &str) -> Result<String, String> {
    let translation = Translator::translate(pattern)?;
    model_runtime::pattern::check(&translation.pattern)?;
    Ok(translation.pattern)
}

/// Inline flags in force (Java's `(?i)` and `(?s)`; ECMA has none inside a pattern).
#[derive(Clone, Copy, Debug, Default)]
struct Flags {
    /// `(?i)`: ASCII letters match either case (Java's default, without UNICODE_CASE).
    ascii_case_insensitive: bool,
    /// `(?s)`: `.` matches every character.
    dot_all: bool,
    /// `(?m)`: `^` and `$` match at line terminators too.
    multiline: bool,
    /// `(?d)`: only `\n` is a line terminator (for `.`, and `^` and `$` under `(?m)`).
    unix_lines: bool,
    /// `(?u)`: case folding, under `(?i)`, is Unicode's (refused: see `literal`).
    unicode_case: bool,
}

struct Translator {
    chars: Vec<char>,
    pos: usize,
    out: String,
    flags: Flags,
    /// The flags to restore at each open group's `)`.
    open_groups: Vec<Flags>,
    /// Capture groups in the whole pattern, so `\3` is known to be a backreference.
    captures: usize,
    backtracking: bool,
    /// Write ECMA's ASCII `\b` and `\B` as lookaround, which the backtracking engine runs
    /// (it has no way to turn Unicode off inside a pattern).
    boundaries_as_lookaround: bool,
    used_boundary: bool,
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
    /// A UTF-16 surrogate with no partner: no character of a Unicode string is one.
    Surrogate(u32),
    /// `\A` or `\z` (Java's start and end of input; outside classes only).
    Anchor(&'static str),
    /// `\1` or `\k<name>`, as the backtracking engine writes it.
    Backreference(String),
}

impl Translator {
    fn new(pattern: &str) -> Translator {
        let chars: Vec<char> = pattern.chars().collect();
        let captures = count_captures(&chars);
        Translator {
            chars,
            pos: 0,
            out: String::with_capacity(pattern.len() + 8),
            flags: Flags::default(),
            open_groups: Vec::new(),
            captures,
            backtracking: false,
            boundaries_as_lookaround: false,
            used_boundary: false,
        }
    }

    /// Translates, and again with lookaround boundaries if the pattern turns out to need
    /// the backtracking engine and has `\b` or `\B`.
    fn translate(pattern: &str) -> Result<Translation, String> {
        let mut first = Translator::new(pattern);
        first.run_to_end()?;
        if !(first.backtracking && first.used_boundary) {
            return Ok(first.finish());
        }
        let mut again = Translator::new(pattern);
        again.boundaries_as_lookaround = true;
        again.run_to_end()?;
        Ok(again.finish())
    }

    fn run_to_end(&mut self) -> Result<(), String> {
        while let Some(c) = self.next() {
            match c {
                '\\' => self.escape_outside()?,
                '[' => self.class()?,
                '(' => self.group()?,
                ')' => {
                    if let Some(flags) = self.open_groups.pop() {
                        self.flags = flags;
                    }
                    self.out.push(')');
                }
                '.' if self.flags.dot_all => self.out.push_str(r"[\x{0}-\x{10FFFF}]"),
                '.' if self.flags.unix_lines => self.out.push_str(r"[^\n]"),
                '.' => self.out.push_str(ECMA_DOT),
                '^' if self.flags.multiline => self.line_start(),
                '$' if self.flags.multiline => self.line_end(),
                '{' => self.brace()?,
                '}' | ']' => {
                    let _ = write!(self.out, "\\{c}");
                }
                '*' | '+' | '?' => {
                    self.out.push(c);
                    self.possessive(false);
                }
                '^' | '$' | '|' => self.out.push(c),
                _ => self.literal(c),
            }
        }
        Ok(())
    }

    fn finish(self) -> Translation {
        Translation {
            pattern: self.out,
            backtracking: self.backtracking,
        }
    }

    /// Java's `^` under MULTILINE: at the start of input or after a line terminator (not
    /// between `\r` and `\n`), never at the end of input. Lookaround: the backtracking
    /// engine runs it.
    fn line_start(&mut self) {
        self.backtracking = true;
        if self.flags.unix_lines {
            self.out.push_str(r"(?:(?:\A|(?<=\n))(?!\z))");
        } else {
            self.out
                .push_str(r"(?:(?:\A|(?<=[\n\x{85}\x{2028}\x{2029}])|(?<=\r)(?!\n))(?!\z))");
        }
    }

    /// Java's `$` under MULTILINE: at the end of input or before a line terminator (not
    /// between `\r` and `\n`).
    fn line_end(&mut self) {
        self.backtracking = true;
        if self.flags.unix_lines {
            self.out.push_str(r"(?:\z|(?=\n))");
        } else {
            self.out
                .push_str(r"(?:\z|(?=[\r\x{85}\x{2028}\x{2029}])|(?<!\r)(?=\n))");
        }
    }

    /// A literal character outside a class; under `(?i)`, an ASCII letter as both cases.
    fn literal(&mut self, c: char) {
        if self.flags.ascii_case_insensitive && c.is_ascii_alphabetic() {
            let _ = write!(
                self.out,
                "[{}{}]",
                c.to_ascii_lowercase(),
                c.to_ascii_uppercase()
            );
        } else {
            push_literal(&mut self.out, c);
        }
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

    /// `(`, `(?:`, `(?<name>`, lookaround, and Java's inline flags (`(?i)`, `(?s:...)`).
    fn group(&mut self) -> Result<(), String> {
        if self.peek() != Some('?') {
            self.open_groups.push(self.flags);
            self.out.push('(');
            return Ok(());
        }
        for prefix in ["?=", "?!", "?<=", "?<!"] {
            if self.starts_with(prefix) {
                self.pos += prefix.chars().count();
                self.open_groups.push(self.flags);
                self.backtracking = true;
                let _ = write!(self.out, "({prefix}");
                return Ok(());
            }
        }
        if self.starts_with("?>") {
            // Java's atomic group: the backtracking engine knows it.
            self.pos += 2;
            self.open_groups.push(self.flags);
            self.backtracking = true;
            self.out.push_str("(?>");
            return Ok(());
        }
        if self.starts_with("?:") {
            self.pos += 2;
            self.open_groups.push(self.flags);
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
            self.open_groups.push(self.flags);
            let _ = write!(self.out, "(?P<{name}>");
            return Ok(());
        }
        self.inline_flags()
    }

    /// `(?i)`, `(?s)`, `(?-i)`, `(?is)` (to the end of the enclosing group) and `(?i:...)`.
    fn inline_flags(&mut self) -> Result<(), String> {
        self.pos += 1; // the `?`
        let mut flags = self.flags;
        let mut on = true;
        loop {
            match self.next() {
                Some('i') => flags.ascii_case_insensitive = on,
                Some('s') => flags.dot_all = on,
                Some('m') => flags.multiline = on,
                Some('d') => flags.unix_lines = on,
                Some('u') => flags.unicode_case = on,
                Some('-') if on => on = false,
                Some(end @ (')' | ':')) => {
                    if flags.unicode_case && flags.ascii_case_insensitive {
                        return Err(
                            "`(?iu)`, Java's Unicode case folding, is not supported (`(?i)` \
                             alone is: ASCII case folding)"
                                .to_owned(),
                        );
                    }
                    if end == ':' {
                        self.open_groups.push(self.flags);
                        self.out.push_str("(?:");
                    }
                    self.flags = flags;
                    return Ok(());
                }
                Some(c @ ('x' | 'U' | 'c')) => {
                    let what = match c {
                        'x' => "comments mode",
                        'U' => "Unicode character classes",
                        _ => "canonical equivalence",
                    };
                    return Err(format!("unsupported inline flag `{c}` ({what}) in `(?`"));
                }
                Some(c) => return Err(format!("unsupported inline flag `{c}` in `(?`")),
                None => return Err("unterminated group `(?`".to_owned()),
            }
        }
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
        self.possessive(!rest.contains(','));
        Ok(())
    }

    /// Java's possessive quantifiers (`X*+`, `X{1,3}+`), which ECMA does not define and the
    /// `regex` crate would read as a repetition of a repetition: `X{n}+` is `X{n}` (an exact
    /// count has nothing to give back); the others need the backtracking engine, which
    /// knows them.
    fn possessive(&mut self, exact_count: bool) {
        if self.peek() != Some('+') {
            return;
        }
        self.pos += 1;
        if !exact_count {
            self.out.push('+');
            self.backtracking = true;
        }
    }

    fn escape_outside(&mut self) -> Result<(), String> {
        match self.peek() {
            Some('Q') => {
                self.pos += 1;
                for c in self.quoted() {
                    self.literal(c);
                }
                return Ok(());
            }
            // Java's linebreak matcher, atomic: `\r\n` is never given back as `\r`.
            Some('R') => {
                self.pos += 1;
                self.backtracking = true;
                self.out
                    .push_str(r"(?>\r\n|[\n\x{B}\x{C}\r\x{85}\x{2028}\x{2029}])");
                return Ok(());
            }
            // Java's end of input but for a final line terminator (not inside `\r\n`).
            Some('Z') => {
                self.pos += 1;
                self.backtracking = true;
                self.out.push_str(if self.flags.unix_lines {
                    r"(?=\n?\z)"
                } else {
                    r"(?=(?:\r\n|[\n\r\x{85}\x{2028}\x{2029}])?\z)(?:(?<!\r)|(?!\n))"
                });
                return Ok(());
            }
            _ => {}
        }
        match self.escape(false)? {
            Escape::Char(c) => self.literal(c),
            Escape::Class(body, negated) => {
                let _ = write!(self.out, "[{}{body}]", if negated { "^" } else { "" });
            }
            Escape::Property(p) => self.out.push_str(&p),
            Escape::WordBoundary(at) => {
                self.used_boundary = true;
                self.out.push_str(match (at, self.boundaries_as_lookaround) {
                    (true, false) => r"(?-u:\b)",
                    (false, false) => r"(?-u:\B)",
                    (true, true) => {
                        r"(?:(?<=[0-9A-Za-z_])(?![0-9A-Za-z_])|(?<![0-9A-Za-z_])(?=[0-9A-Za-z_]))"
                    }
                    (false, true) => {
                        r"(?:(?<=[0-9A-Za-z_])(?=[0-9A-Za-z_])|(?<![0-9A-Za-z_])(?![0-9A-Za-z_]))"
                    }
                });
            }
            Escape::Surrogate(_) => self.out.push_str(NOTHING),
            Escape::Anchor(anchor) => self.out.push_str(anchor),
            Escape::Backreference(reference) => {
                self.backtracking = true;
                self.out.push_str(&reference);
            }
        }
        Ok(())
    }

    /// The text of Java's `\Q...\E` (after the `\Q`), taken literally; it runs to the end
    /// of the pattern when there is no `\E`.
    fn quoted(&mut self) -> Vec<char> {
        let mut text = Vec::new();
        while let Some(c) = self.next() {
            if c == '\\' && self.peek() == Some('E') {
                self.pos += 1;
                break;
            }
            text.push(c);
        }
        text
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
            'b' if self.peek() == Some('{') && !in_class => {
                return Err("`\\b{g}` (a grapheme boundary) is not supported".to_owned())
            }
            'b' if in_class => Escape::Char('\u{8}'),
            'b' => Escape::WordBoundary(true),
            'B' if !in_class => Escape::WordBoundary(false),
            't' => Escape::Char('\t'),
            'n' => Escape::Char('\n'),
            'r' => Escape::Char('\r'),
            'v' => Escape::Char('\u{B}'),
            'f' => Escape::Char('\u{C}'),
            '0' if !self.peek().is_some_and(|d| d.is_ascii_digit()) => Escape::Char('\0'),
            '1'..='9' if !in_class => self.backreference(c)?,
            '1'..='9' => return Err(format!("`\\{c}` inside a class")),
            'k' if self.peek() == Some('<') && !in_class => {
                let name: String = std::iter::from_fn(|| self.next().filter(|&c| c != '>'))
                    .skip(1)
                    .collect();
                if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    return Err("malformed named backreference `\\k<...>`".to_owned());
                }
                Escape::Backreference(format!("\\k<{name}>"))
            }
            'A' if !in_class => Escape::Anchor(r"\A"),
            'z' if !in_class => Escape::Anchor(r"\z"),
            // The end of the previous match: for the one search a value gets, its start.
            'G' if !in_class => Escape::Anchor(r"\A"),
            'x' if self.peek() == Some('{') => self.hex_braced()?,
            'x' => Escape::Char(self.hex_char(2)?),
            '0' if self.peek().is_some_and(|d| ('0'..='7').contains(&d)) => self.octal()?,
            'h' => Escape::Class(JAVA_HORIZONTAL, false),
            'H' => Escape::Class(JAVA_HORIZONTAL, true),
            'V' => Escape::Class(JAVA_VERTICAL, true),
            'e' => Escape::Char('\u{1B}'),
            'a' => Escape::Char('\u{7}'),
            'c' => match self.next() {
                // ECMA's control escape (a letter's code modulo 32); Java's XORs any
                // character with 64, the same for upper-case letters.
                Some(l) if l.is_ascii_alphabetic() => Escape::Char(char::from(l as u8 % 32)),
                Some(other) if u32::from(other) < 0x80 => {
                    Escape::Char(char::from((other as u8) ^ 64))
                }
                _ => return Err("`\\c` must be followed by an ASCII character".to_owned()),
            },
            'N' | 'X' => {
                return Err(format!(
                    "`\\{c}` ({}) is not supported",
                    if c == 'N' {
                        "a character by name"
                    } else {
                        "a grapheme cluster"
                    }
                ))
            }

            'u' => self.unicode_escape()?,
            'p' | 'P' => self.property(c)?,
            c if c.is_ascii_alphanumeric() => {
                return Err(format!("unknown escape `\\{c}`"));
            }
            c => Escape::Char(c),
        })
    }

    /// `\N` after its first digit: the longest run of digits that names a capture group.
    fn backreference(&mut self, first: char) -> Result<Escape, String> {
        let mut number = first.to_digit(10).map_or(0, |d| d as usize);
        while let Some(d) = self.peek().and_then(|c| c.to_digit(10)) {
            let longer = number * 10 + d as usize;
            if longer > self.captures {
                break;
            }
            number = longer;
            self.pos += 1;
        }
        if number > self.captures {
            return Err(format!(
                "backreference `\\{number}` names no group (the pattern has {})",
                self.captures
            ));
        }
        Ok(Escape::Backreference(format!("\\{number}")))
    }

    /// Java's `\x{h...h}` (after the `x`): a code point of any number of hex digits.
    fn hex_braced(&mut self) -> Result<Escape, String> {
        self.pos += 1;
        let mut text = String::new();
        loop {
            match self.next() {
                Some('}') => break,
                Some(c) if c.is_ascii_hexdigit() && text.len() < 8 => text.push(c),
                _ => return Err(format!("malformed hex escape `\\x{{{text}`")),
            }
        }
        let value = u32::from_str_radix(&text, 16)
            .ok()
            .filter(|&v| v <= 0x10FFFF)
            .ok_or_else(|| format!("malformed hex escape `\\x{{{text}}}`"))?;
        Ok(char::from_u32(value).map_or(Escape::Surrogate(value), Escape::Char))
    }

    /// Java's octal escape after `\0` (when an octal digit follows): `\0n`, `\0nn` or
    /// `\0mnn` with `m` at most 3.
    fn octal(&mut self) -> Result<Escape, String> {
        let digit = |c: Option<char>| c.and_then(|c| c.to_digit(8));
        let mut value = 0;
        let mut count = 0;
        while let Some(d) = digit(self.peek()) {
            let longer = value * 8 + d;
            if count == 3 || longer > 0o377 {
                break;
            }
            value = longer;
            count += 1;
            self.pos += 1;
        }
        char::from_u32(value)
            .map(Escape::Char)
            .ok_or_else(|| "malformed octal escape".to_owned())
    }

    fn hex_char(&mut self, digits: usize) -> Result<char, String> {
        let text: String = (0..digits).filter_map(|_| self.next()).collect();
        u32::from_str_radix(&text, 16)
            .ok()
            .filter(|_| text.len() == digits)
            .and_then(char::from_u32)
            .ok_or_else(|| format!("malformed hex escape `{text}`"))
    }

    /// `\uHHHH`, a surrogate pair of two of them (Java and ECMA's `u` mode read the pair as
    /// one character), or `\u{H...}`. A surrogate without its partner stays a surrogate.
    fn unicode_escape(&mut self) -> Result<Escape, String> {
        if self.peek() == Some('{') {
            self.pos += 1;
            let text: String = std::iter::from_fn(|| self.next().filter(|&c| c != '}')).collect();
            return u32::from_str_radix(&text, 16)
                .ok()
                .and_then(char::from_u32)
                .map(Escape::Char)
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
                    return char::from_u32(c)
                        .map(Escape::Char)
                        .ok_or_else(|| "malformed surrogate pair".to_owned());
                }
            }
            self.pos = save;
        }
        Ok(char::from_u32(unit).map_or(Escape::Surrogate(unit), Escape::Char))
    }

    /// `\p{L}`, `\P{Lu}`, `\pL`, `\p{Script=Greek}` and every form `java.util.regex.Pattern`
    /// defines: POSIX classes (`\p{Alnum}`, ASCII as Java has them), `java.lang.Character`
    /// classes (`\p{javaLowerCase}`), `Is` scripts, categories and binary properties
    /// (`\p{IsLatin}`, `\p{IsLu}`, `\p{IsAlphabetic}`), `\p{all}`, `\p{L1}`, `\p{LD}`. A name
    /// neither defines passes to the `regex` crate as ECMA's (`\p{Alphabetic}`), which
    /// refuses what it does not know; Unicode blocks (`\p{InGreek}`) are refused.
    fn property(&mut self, which: char) -> Result<Escape, String> {
        let negated = which == 'P';
        let name = match self.next() {
            Some('{') => {
                let mut name = String::new();
                loop {
                    match self.next() {
                        Some('}') => break,
                        Some(c) => name.push(c),
                        None => {
                            return Err(format!("unterminated property class `\\{which}{{{name}`"))
                        }
                    }
                }
                name
            }
            // Java's one-letter form, `\pL`.
            Some(c) if c.is_ascii_alphabetic() => c.to_string(),
            _ => return Err(format!("`\\{which}` must be followed by `{{name}}`")),
        };
        let valid = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '=' || c == ' ' || c == '-');
        if !valid {
            return Err(format!("malformed property class `\\{which}{{{name}}}`"));
        }
        java_property(&name, negated)
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
        // Character ranges, for `(?i)` to add the other case of their ASCII letters.
        let mut ranges: Vec<(u32, u32)> = Vec::new();
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
                Escape::Char(_) | Escape::Surrogate(_) if range_follows => {
                    let start = code_point(&item);
                    self.pos += 1;
                    let end_char = self.next().unwrap_or(']');
                    let end = self.class_atom(end_char)?;
                    match end {
                        Escape::Char(_) | Escape::Surrogate(_) if code_point(&end) >= start => {
                            ranges.push((start, code_point(&end)));
                        }
                        Escape::Char(_) | Escape::Surrogate(_) => {
                            return Err("class range out of order".to_owned())
                        }
                        _ => return Err("class range with a class as its end".to_owned()),
                    }
                }
                Escape::Char(_) | Escape::Surrogate(_) => {
                    let at = code_point(&item);
                    ranges.push((at, at));
                }
                Escape::Class(inner, true) => {
                    let _ = write!(body, "[^{inner}]");
                }
                Escape::Class(inner, false) => body.push_str(inner),
                Escape::Property(p) => body.push_str(&p),
                Escape::WordBoundary(_) | Escape::Anchor(_) | Escape::Backreference(_) => {
                    return Err("an assertion or backreference inside a class".to_owned())
                }
            }
        }
        if self.flags.ascii_case_insensitive {
            let other_case: Vec<(u32, u32)> = ranges.iter().flat_map(|&r| swap_case(r)).collect();
            ranges.extend(other_case);
        }
        for (start, end) in ranges {
            push_class_range(&mut body, start, end);
        }
        if body.is_empty() {
            // Only surrogates: nothing in Unicode text is one.
            self.out.push_str(if negated {
                r"[\x{0}-\x{10FFFF}]"
            } else {
                NOTHING
            });
            return Ok(());
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

/// Java's `java.lang.Character` classes, as Rust classes (Java's definitions, on the
/// Unicode tables of the `regex` crate).
const JAVA_CHARACTER_CLASSES: [(&str, &str); 18] = [
    ("javaLowerCase", r"\p{Lowercase}"),
    ("javaUpperCase", r"\p{Uppercase}"),
    ("javaTitleCase", r"\p{Lt}"),
    ("javaAlphabetic", r"\p{Alphabetic}"),
    ("javaIdeographic", r"\p{Ideographic}"),
    ("javaDigit", r"\p{Nd}"),
    ("javaLetter", r"\p{L}"),
    ("javaLetterOrDigit", r"[\p{L}\p{Nd}]"),
    ("javaDefined", r"\P{Cn}"),
    ("javaSpaceChar", r"\p{Z}"),
    ("javaISOControl", r"[\x{0}-\x{1F}\x{7F}-\x{9F}]"),
    // Character.isWhitespace: space separators but the no-break ones, and nine controls.
    (
        "javaWhitespace",
        r"[\t\n\x{B}\x{C}\r\x{1C}-\x{1F}\p{Z}--\x{A0}\x{2007}\x{202F}]",
    ),
    ("javaMirrored", r"\p{Bidi_Mirrored}"),
    // Character.isIdentifierIgnorable: these controls and the format characters.
    (
        "javaIdentifierIgnorable",
        r"[\x{0}-\x{8}\x{E}-\x{1B}\x{7F}-\x{9F}\p{Cf}]",
    ),
    ("javaJavaIdentifierStart", r"[\p{L}\p{Nl}\p{Sc}\p{Pc}]"),
    (
        "javaJavaIdentifierPart",
        r"[\p{L}\p{Nl}\p{Sc}\p{Pc}\p{Nd}\p{Mc}\p{Mn}\x{0}-\x{8}\x{E}-\x{1B}\x{7F}-\x{9F}\p{Cf}]",
    ),
    // Letters, letter numbers and Other_ID_Start: Unicode's ID_Start.
    ("javaUnicodeIdentifierStart", r"\p{ID_Start}"),
    (
        "javaUnicodeIdentifierPart",
        r"[\p{ID_Continue}\x{0}-\x{8}\x{E}-\x{1B}\x{7F}-\x{9F}\p{Cf}]",
    ),
];

/// Java's binary properties (`\p{IsAlphabetic}`; names case-insensitive), as Rust names them.
const JAVA_BINARY_PROPERTIES: [(&str, &str); 14] = [
    ("alphabetic", r"\p{Alphabetic}"),
    ("ideographic", r"\p{Ideographic}"),
    ("letter", r"\p{L}"),
    ("lowercase", r"\p{Lowercase}"),
    ("uppercase", r"\p{Uppercase}"),
    ("titlecase", r"\p{Lt}"),
    ("punctuation", r"\p{P}"),
    ("control", r"\p{Cc}"),
    ("white_space", r"\p{White_Space}"),
    ("whitespace", r"\p{White_Space}"),
    ("digit", r"\p{Nd}"),
    ("hex_digit", r"\p{Hex_Digit}"),
    ("hexdigit", r"\p{Hex_Digit}"),
    ("assigned", r"\P{Cn}"),
];

/// Java's general categories, which it spells as Unicode does (case-sensitive), and `LC`.
const CATEGORIES: [&str; 38] = [
    "L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No", "Z", "Zs",
    "Zl", "Zp", "C", "Cc", "Cf", "Co", "Cs", "Cn", "P", "Pd", "Ps", "Pe", "Pc", "Po", "Pi", "Pf",
    "S", "Sm", "Sc", "Sk", "So", "LC",
];

/// A `\p{name}` (or `\P{name}`, `negated`) class, by `java.util.regex.Pattern`'s rules.
fn java_property(name: &str, negated: bool) -> Result<Escape, String> {
    let class = |body: &str| {
        // A Rust class or property, negated as asked.
        let body = body.to_owned();
        Escape::Property(match (negated, body.strip_prefix(r"\p{")) {
            (false, _) => body,
            (true, Some(rest)) => format!(r"\P{{{rest}"),
            (true, None) => match body.strip_prefix(r"\P{") {
                Some(rest) => format!(r"\p{{{rest}"),
                None => format!("[^{}]", body.trim_start_matches('[').trim_end_matches(']')),
            },
        })
    };
    let category = |name: &str| -> Option<Escape> {
        if name == "LC" {
            return Some(class(r"[\p{Lu}\p{Ll}\p{Lt}]"));
        }
        CATEGORIES
            .contains(&name)
            .then(|| class(&format!(r"\p{{{name}}}")))
    };
    if let Some((_, body)) = POSIX_CLASSES.iter().find(|(posix, _)| *posix == name) {
        return Ok(Escape::Class(body, negated));
    }
    if let Some((_, body)) = JAVA_CHARACTER_CLASSES.iter().find(|(n, _)| *n == name) {
        return Ok(class(body));
    }
    if name.starts_with("java") {
        return Err(format!(
            "`\\p{{{name}}}`: `java.lang.Character` has no such class (Java refuses it too)"
        ));
    }
    match name {
        "all" => return Ok(class(r"[\x{0}-\x{10FFFF}]")),
        "L1" => return Ok(class(r"[\x{0}-\x{FF}]")),
        "LD" => return Ok(class(r"[\p{L}\p{Nd}]")),
        _ => {}
    }
    if let Some(found) = category(name) {
        return Ok(found);
    }
    if let Some((key, value)) = name.split_once('=') {
        return match key.to_ascii_lowercase().as_str() {
            "script" | "sc" => Ok(class(&format!(r"\p{{Script={value}}}"))),
            "general_category" | "gc" => category(value)
                .ok_or_else(|| format!("`\\p{{{name}}}`: no general category `{value}`")),
            "block" | "blk" => Err(format!(
                "`\\p{{{name}}}`: Unicode blocks are not supported (the regex crate has no \
                 block tables)"
            )),
            _ => Err(format!("`\\p{{{name}}}`: unknown property `{key}`")),
        };
    }
    if let Some(block) = name.strip_prefix("In") {
        return Err(format!(
            "`\\p{{In{block}}}`: Unicode blocks are not supported (the regex crate has no block \
             tables)"
        ));
    }
    if let Some(rest) = name.strip_prefix("Is") {
        // Java tries a binary property, then a category or POSIX class, then a script.
        let lower = rest.to_ascii_lowercase();
        if let Some((_, body)) = JAVA_BINARY_PROPERTIES.iter().find(|(n, _)| *n == lower) {
            return Ok(class(body));
        }
        if let Some((_, body)) = POSIX_CLASSES.iter().find(|(posix, _)| *posix == rest) {
            return Ok(Escape::Class(body, negated));
        }
        if rest == "all" {
            return Ok(class(r"[\x{0}-\x{10FFFF}]"));
        }
        if let Some(found) = category(rest) {
            return Ok(found);
        }
        return Ok(class(&format!(r"\p{{Script={rest}}}")));
    }
    // ECMA's own names (`\p{Alphabetic}`, `\p{Script_Extensions=Latn}`), as Rust reads them.
    Ok(class(&format!(r"\p{{{name}}}")))
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

/// The code point of a character or surrogate escape.
fn code_point(escape: &Escape) -> u32 {
    match escape {
        Escape::Char(c) => u32::from(*c),
        Escape::Surrogate(unit) => *unit,
        _ => 0,
    }
}

/// The other case of the ASCII letters in a range of code points.
fn swap_case((start, end): (u32, u32)) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    for (from, to, shift) in [
        (u32::from(b'a'), u32::from(b'z'), -32i64),
        (u32::from(b'A'), u32::from(b'Z'), 32),
    ] {
        let (lo, hi) = (start.max(from), end.min(to));
        if lo <= hi {
            let moved = |c: u32| (i64::from(c) + shift) as u32;
            out.push((moved(lo), moved(hi)));
        }
    }
    out
}

/// A range of a class, less the surrogates (which no character of Unicode text is).
fn push_class_range(out: &mut String, start: u32, end: u32) {
    for (lo, hi) in [(start, end.min(0xD7FF)), (start.max(0xE000), end)] {
        let (Some(lo), Some(hi)) = (char::from_u32(lo), char::from_u32(hi)) else {
            continue;
        };
        if lo > hi {
            continue;
        }
        push_class_char(out, lo);
        if hi != lo {
            out.push('-');
            push_class_char(out, hi);
        }
    }
}

/// Capture groups in a pattern: each `(` that is not escaped, not in a class, and not a
/// `(?` group other than a named one.
fn count_captures(chars: &[char]) -> usize {
    let mut count = 0;
    let mut in_class = false;
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 1,
            '[' => in_class = true,
            ']' => in_class = false,
            '(' if !in_class => {
                let named = chars.get(i + 1) == Some(&'?')
                    && chars.get(i + 2) == Some(&'<')
                    && !matches!(chars.get(i + 3), Some('=' | '!'));
                if chars.get(i + 1) != Some(&'?') || named {
                    count += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    count
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

    /// The translation of a pattern that needs the backtracking engine, compiled by it.
    fn backtracking(pattern: &str) -> fancy_regex::Regex {
        let translation = Translator::translate(pattern);
        assert!(
            translation.as_ref().is_ok_and(|t| t.backtracking),
            "{pattern}: {translation:?}"
        );
        let source = translation.map(|t| t.pattern).unwrap_or_default();
        fancy_regex::Regex::new(&source).unwrap_or_else(|e| panic!("{pattern}: {e}"))
    }

    fn matches(re: &fancy_regex::Regex, text: &str) -> bool {
        re.is_match(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn lookaround_passes_to_the_backtracking_engine() {
        let re = backtracking(r"^(?=.*[a-zA-Z_\-\.])[a-zA-Z0-9_\-\.]+$");
        assert!(matches(&re, "state-machine-1"));
        assert!(!matches(&re, "12345"), "the lookahead needs a letter");
        let re = backtracking(r"^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]*$");
        assert!(matches(&re, "team"));
        assert!(!matches(&re, "aws:reserved"));
        let re = backtracking(r"^[0-9A-Za-z\.\-_]*(?<!\.)$");
        assert!(matches(&re, "a.b"));
        assert!(!matches(&re, "a.b."));
        let re = backtracking(r"^(?! )[\p{L}\p{N}\p{Z}-_]*(?<! )$");
        assert!(!matches(&re, " padded"));
        assert!(!matches(&re, "padded "));
    }

    #[test]
    fn backreferences_name_groups_by_number_or_name() {
        let re = backtracking(r"^(a|b)\1$");
        assert!(matches(&re, "aa"));
        assert!(!matches(&re, "ab"));
        let re = backtracking(r#"^(?<q>['"])x\k<q>$"#);
        assert!(matches(&re, "'x'"));
        assert!(!matches(&re, "'x\""));
        // `\12` with twelve groups is the twelfth; with one it is an error, not octal.
        let twelve = format!("^{}\\12$", "(a)".repeat(12));
        assert!(matches(&backtracking(&twelve), &"a".repeat(13)));
        let err = translate(r"(a)\2").err().unwrap_or_default();
        assert!(err.contains("names no group"), "{err}");
    }

    #[test]
    fn word_boundaries_stay_ascii_beside_lookaround() {
        let re = backtracking(r"^(?=.*x)\bcat\b");
        assert!(matches(&re, "cat x"));
        assert!(!matches(&re, "catalog x"));
        // é is no ECMA word character, so there is a boundary between it and `c`.
        let re = backtracking(r"(?=x)x\Bé|é\bc(?!d)");
        assert!(matches(&re, "écat"));
        let iso = backtracking(r"^(\d{4}(?!\d{2}\b))$");
        assert!(matches(&iso, "2024"));
    }

    #[test]
    fn java_posix_classes_are_ascii() {
        let re = compiled(r"^\p{Alnum}+$");
        assert!(re.is_match("abcXYZ019"));
        assert!(!re.is_match("é"), "Java's Alnum class is US-ASCII only");
        assert!(compiled(r"^\p{Alpha}$").is_match("q"));
        assert!(!compiled(r"^\p{Alpha}$").is_match("7"));
        let print = compiled(r"^\p{Print}+$");
        assert!(print.is_match("Hello, World! ~"));
        assert!(!print.is_match("tab\there"));
        assert!(!print.is_match("ü"));
        let punct = compiled(r"^\p{Punct}+$");
        assert!(punct.is_match(r##"!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"##));
        assert!(!punct.is_match("a"));
        assert!(compiled(r"^[\p{Alnum}_]+$").is_match("snake_case_1"));
        assert!(compiled(r"^\P{Digit}$").is_match("x"));
        assert!(compiled(r"^\p{XDigit}+$").is_match("09afAF"));
        assert!(compiled(r"^\p{Space}$").is_match("\u{B}"));
        assert!(!compiled(r"^\p{Space}$").is_match("\u{A0}"));
    }

    #[test]
    fn inline_case_insensitivity_is_ascii_and_scoped() {
        let re = compiled(r"^(?i)all|[0-9]{12}$");
        assert!(re.is_match("ALL"));
        assert!(re.is_match("aLl"));
        assert!(re.is_match("123456789012"));
        let re = compiled(r"^(?i)[a-c]x$");
        assert!(re.is_match("BX"));
        assert!(!re.is_match("DX"));
        // Java folds ASCII only: the Kelvin sign is not a `k` there.
        assert!(!compiled("^(?i)k$").is_match("\u{212A}"));
        // A group ends the flag's reach; `(?i:...)` and `(?-i)` too.
        let re = compiled("^(a(?i)b)c$");
        assert!(re.is_match("aBc"));
        assert!(!re.is_match("aBC"));
        assert!(compiled("^(?i:a)b$").is_match("Ab"));
        assert!(!compiled("^(?i:a)b$").is_match("AB"));
        assert!(!compiled("^(?i)a(?-i)b$").is_match("AB"));
    }

    #[test]
    fn inline_dot_all_lets_dot_match_line_terminators() {
        let re = compiled("^(?s).{1,3}$");
        assert!(re.is_match("a\nb"));
        assert!(!compiled("^.{1,3}$").is_match("a\nb"));
    }

    #[test]
    fn java_input_anchors() {
        let re = compiled(r"^\Asnap-([0-9A-Fa-f]{8}|[0-9A-Fa-f]{17})\z$");
        assert!(re.is_match("snap-0123abcd"));
        assert!(!re.is_match("snap-0123abcd\n"));
        assert!(!re.is_match("xsnap-0123abcd"));
    }

    #[test]
    fn lone_surrogates_match_nothing_and_pairs_are_one_character() {
        let re = compiled(r"^[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDBFF-\uDC00\uDFFF\r\n\t]*$");
        assert!(re.is_match("plain text\twith tabs"));
        assert!(
            !re.is_match("😀"),
            "the class holds no supplementary character"
        );
        assert!(!re.is_match("\u{FFFE}"));
        let re = compiled(r"^[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF\t]+$");
        assert!(re.is_match("😀 and text"));
        assert!(!compiled(r"^a\uD800$").is_match("a"));
        assert!(compiled(r"^[^\uD800]$").is_match("x"));
    }

    #[test]
    fn a_class_repeated_past_the_size_limit_passes_as_one_class() {
        for pattern in [r"^[^\p{C}]{1,2048}$", r"^.{1,100000}$"] {
            assert!(regex::Regex::new(&translate(pattern).unwrap_or_default()).is_err());
            assert!(translate_and_compile(pattern).is_ok(), "{pattern}");
        }
        // Too large and not one class: an error.
        let err = translate_and_compile(r"^(a|[^\p{C}]{1,2048})$")
            .err()
            .unwrap_or_default();
        assert!(err.contains("size limit"), "{err}");
    }

    #[test]
    fn possessive_quantifiers_are_java_possessive() {
        // An exact count has nothing to give back: `\d{12}+` is twelve digits, not a
        // multiple of twelve.
        let re = compiled(r"^:\d{12}+:$");
        assert!(re.is_match(":123456789012:"));
        assert!(!re.is_match(":123456789012123456789012:"));
        // Others keep what they took: `a*+a` never matches.
        assert!(!matches(&backtracking("^a*+a$"), "aaa"));
        assert!(matches(&backtracking("^a++b$"), "aab"));
        // A lazy quantifier is still lazy, in both.
        assert!(compiled("^a+?$").is_match("aa"));
    }

    #[test]
    fn unsupported_inline_flags_are_errors() {
        for pattern in [
            "(?x)a b",
            "(?U)\\w",
            "(?c)a",
            "(?iu)a",
            "(?u)(?i)a",
            "(?",
            "(?i",
        ] {
            assert!(translate(pattern).is_err(), "{pattern}");
        }
        // UNICODE_CASE alone changes nothing; with `(?i)` it is refused, not approximated.
        assert!(compiled("^(?u)a$").is_match("a"));
    }

    #[test]
    fn java_hex_escapes_in_both_forms() {
        // iot-managed-integrations and location write these.
        let re = compiled(r"^[a-z\x{0022}\x60]+$");
        assert!(re.is_match("a\"`"));
        assert!(!re.is_match("a'"));
        assert!(compiled(r"^\x{1F600}$").is_match("\u{1F600}"));
        assert!(compiled(r"^\x{00000041}$").is_match("A"));
        assert!(
            translate(r"\x{000000041}").is_err(),
            "more than eight digits"
        );
        for malformed in [r"\x{}", r"\x{110000}", r"\x{12", r"\x{g}"] {
            assert!(translate(malformed).is_err(), "{malformed}");
        }
        // A surrogate written in hex matches nothing in Unicode text, as `\uD800` does.
        assert!(!compiled(r"^a\x{D800}?$").is_match("a\u{FFFD}"));
    }

    #[test]
    fn java_property_classes() {
        // dlm writes `\p{all}`: every character.
        let all = compiled(r"^[\p{all}]*$");
        assert!(all.is_match("any\ntext\u{1F600}"));
        assert!(compiled(r"^\P{all}$").find("a").is_none());
        let cases: [(&str, &str, &str); 28] = [
            (r"\p{javaMirrored}", "(", "a"),
            (r"\p{javaIdentifierIgnorable}", "\u{200B}", "a"),
            (r"\p{javaJavaIdentifierStart}", "$", "1"),
            (r"\p{javaJavaIdentifierPart}", "\u{0301}", "-"),
            (r"\p{javaUnicodeIdentifierStart}", "\u{2160}", "_"),
            (r"\p{javaUnicodeIdentifierPart}", "_", "$"),
            (r"\p{javaLowerCase}", "\u{00E9}", "E"),
            (r"\p{javaUpperCase}", "\u{00C9}", "e"),
            (r"\p{javaTitleCase}", "\u{01C5}", "A"),
            (r"\p{javaDigit}", "\u{0663}", "x"),
            (r"\p{javaLetter}", "\u{4E2D}", "1"),
            (r"\p{javaLetterOrDigit}", "7", "_"),
            (r"\p{javaWhitespace}", "\u{2003}", "\u{00A0}"),
            (r"\p{javaWhitespace}", "\u{1F}", "\u{2007}"),
            (r"\p{javaSpaceChar}", "\u{00A0}", "\t"),
            (r"\p{javaISOControl}", "\u{85}", "\u{A0}"),
            (r"\p{javaDefined}", "a", "\u{378}"),
            (r"\p{IsLatin}", "\u{00E9}", "\u{03B1}"),
            (r"\p{script=Greek}", "\u{03B1}", "a"),
            (r"\p{sc=Greek}", "\u{03B1}", "a"),
            (r"\p{IsAlphabetic}", "\u{00E9}", "1"),
            (r"\p{IsWhite_Space}", "\u{00A0}", "a"),
            (r"\p{IsLu}", "A", "a"),
            (r"\p{gc=Ll}", "a", "A"),
            (r"\p{Lu}", "\u{00C9}", "\u{00E9}"),
            (r"\pL", "\u{00E9}", "1"),
            (r"\p{L1}", "\u{00FF}", "\u{0100}"),
            (r"\p{LC}", "\u{01C5}", "\u{02B0}"),
        ];
        for (class, inside, outside) in cases {
            let re = compiled(&format!("^{class}$"));
            assert!(re.is_match(inside), "{class} {inside:?}");
            assert!(!re.is_match(outside), "{class} {outside:?}");
            let negated = compiled(&format!("^{}$", class.replacen(r"\p", r"\P", 1)));
            assert!(
                !negated.is_match(inside) && negated.is_match(outside),
                "negated {class}"
            );
            let in_class = compiled(&format!("^[{class}]$"));
            assert!(
                in_class.is_match(inside) && !in_class.is_match(outside),
                "[{class}]"
            );
        }
        // POSIX classes stay ASCII, with the `Is` prefix too.
        assert!(!compiled(r"^\p{IsAlpha}$").is_match("\u{00E9}"));
        for refused in [
            r"\p{InGreek}",
            r"\p{block=Greek}",
            r"\p{gc=Xx}",
            r"\p{foo=bar}",
            r"\p{javaFoo}",
        ] {
            assert!(translate(refused).is_err(), "{refused}");
        }
    }

    #[test]
    fn java_quoting() {
        let re = compiled(r"^\Qa.b*c\E+$");
        assert!(re.is_match("a.b*cc"));
        assert!(!re.is_match("axbc"));
        // Without `\E`, to the end of the pattern.
        assert!(compiled(r"^\Q[$").is_match("[$"));
        // Inside a class `\Q` is not quoting here: refused, not misread.
        assert!(translate(r"[\Q]]").is_err());
    }

    #[test]
    fn java_octal_control_and_other_character_escapes() {
        assert!(compiled(r"^\0101\012\0377\0400$").is_match("A\n\u{FF}\u{20}0"));
        assert!(compiled(r"^\0$").is_match("\0"));
        assert!(translate(r"\08").is_err());
        // `\cX`: ECMA's letter rule, Java's XOR 64 for the rest.
        assert!(compiled(r"^\cA\ca\c?$").is_match("\u{1}\u{1}\u{7F}"));
        assert!(compiled(r"^\e\a$").is_match("\u{1B}\u{7}"));
        // `\v` is ECMA's U+000B; Java's `\h` and `\V`.
        assert!(compiled(r"^\v$").is_match("\u{B}") && !compiled(r"^\v$").is_match("\n"));
        let h = compiled(r"^\h+\H$");
        assert!(h.is_match(" \t\u{A0}\u{3000}x"));
        assert!(!h.is_match("\n "));
        let v = compiled(r"^\V+$");
        assert!(v.is_match("ab") && !v.is_match("a\u{2028}"));
        for refused in [r"\N{LATIN SMALL LETTER A}", r"\X", r"\b{g}"] {
            assert!(translate(refused).is_err(), "{refused}");
        }
    }

    #[test]
    fn java_linebreak_and_end_anchors() {
        let re = backtracking(r"^a\Rb$");
        for text in ["a\r\nb", "a\nb", "a\rb", "a\u{85}b", "a\u{2029}b"] {
            assert!(matches(&re, text), "{text:?}");
        }
        // Atomic: `\r\n` is never given back as `\r`, so `\R\n` does not match it.
        assert!(!matches(&backtracking(r"^\R\n$"), "\r\n"));
        let z = backtracking(r"a\Z");
        for text in ["a", "a\n", "a\r\n", "a\u{2028}"] {
            assert!(matches(&z, text), "{text:?}");
        }
        assert!(!matches(&z, "a\n\n") && !matches(&z, "ab"));
        assert!(!matches(&backtracking(r"\r\Z"), "\r\n"));
        // `\G` is where the one search starts.
        assert!(compiled(r"\Gab").is_match("abc") && !compiled(r"\Gb").is_match("ab"));
    }

    #[test]
    fn java_multiline_and_unix_lines_flags() {
        let re = backtracking(r"(?m)^b$");
        for text in ["a\nb", "b\nc", "a\r\nb\r\nc", "a\u{2028}b", "a\rb"] {
            assert!(matches(&re, text), "{text:?}");
        }
        assert!(!matches(&re, "ab\n") && !matches(&re, "abc"));
        // Java's `^` never matches at the end of input, after a terminator or not.
        assert!(!matches(&backtracking(r"(?m)\n^"), "a\n"));
        assert!(!matches(&backtracking(r"(?m)^$"), ""));
        // Nor between `\r` and `\n`, one terminator.
        assert!(!matches(&backtracking(r"(?m)\r^\n"), "\r\n"));
        assert!(!matches(&backtracking(r"(?m)\r$\n"), "\r\n"));
        // Scoped, and `(?d)`: only `\n` ends a line.
        let unix = backtracking(r"(?md)^b$");
        assert!(matches(&unix, "a\nb") && !matches(&unix, "a\rb"));
        assert!(compiled(r"^(?d).$").is_match("\r"));
        assert!(!compiled(r"^(?d).$").is_match("\n"));
        assert!(compiled(r"^(?m:a)$").is_match("a"));
    }

    #[test]
    fn java_atomic_groups() {
        let re = backtracking(r"^(?>a+)b$");
        assert!(matches(&re, "aab"));
        assert!(!matches(&backtracking(r"^(?>a*)ab$"), "aab"));
    }

    #[test]
    fn malformed_patterns_are_errors() {
        for pattern in ["[abc", "\\", r"\x4", r"\u12", "[z-a]", r"\p{L", "a{3,1}"] {
            assert!(translate_and_compile(pattern).is_err(), "{pattern}");
        }
    }
}
