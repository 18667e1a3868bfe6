//! Lexer: IDL text into tokens, each with its line and column.
//!
//! Whitespace, commas and `//` comments are dropped; `///` documentation comments are kept
//! as tokens because they become the `documentation` trait of the next shape or member.
//! Strings arrive decoded (escapes expanded, text blocks dedented). A bad character or string
//! is reported and skipped, so one typo does not hide the rest of the file's problems.

use super::text_block::{dedent, unescape};

/// A 1-based line and column (in characters) in one file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Pos {
    /// Line, from 1.
    pub(super) line: u32,
    /// Column in characters, from 1.
    pub(super) col: u32,
}

/// What a token is.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Tok {
    /// An identifier, keyword or shape id: `[A-Za-z_][A-Za-z0-9_.#$]*`; the parser checks
    /// which of those it must be.
    Word(String),
    /// A quoted string, decoded.
    Str(String),
    /// A `"""` text block, decoded: a string value, but never an object key.
    TextBlock(String),
    /// A number, as JSON would read it (integers stay integers).
    Number(serde_json::Number),
    /// A number beyond `f64`'s range, as written.
    BigNumber(String),
    /// One `///` line, without the slashes and the one leading space.
    Doc(String),
    /// `{`
    LBrace,
    /// `}`
    RBrace,
    /// `[`
    LBracket,
    /// `]`
    RBracket,
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// `:`
    Colon,
    /// `:=` (inline operation input or output)
    Walrus,
    /// `=`
    Equals,
    /// `@`
    At,
    /// `$`
    Dollar,
    /// The end of the file.
    Eof,
}

impl Tok {
    /// How the token reads in an error message.
    pub(super) fn describe(&self) -> String {
        match self {
            Tok::Word(w) => format!("`{w}`"),
            Tok::Str(_) => "a string".to_owned(),
            Tok::TextBlock(_) => "a text block".to_owned(),
            Tok::Number(n) => format!("the number `{n}`"),
            Tok::BigNumber(text) => format!("the number `{text}`"),
            Tok::Doc(_) => "a documentation comment".to_owned(),
            Tok::LBrace => "`{`".to_owned(),
            Tok::RBrace => "`}`".to_owned(),
            Tok::LBracket => "`[`".to_owned(),
            Tok::RBracket => "`]`".to_owned(),
            Tok::LParen => "`(`".to_owned(),
            Tok::RParen => "`)`".to_owned(),
            Tok::Colon => "`:`".to_owned(),
            Tok::Walrus => "`:=`".to_owned(),
            Tok::Equals => "`=`".to_owned(),
            Tok::At => "`@`".to_owned(),
            Tok::Dollar => "`$`".to_owned(),
            Tok::Eof => "the end of the file".to_owned(),
        }
    }
}

/// A token and where it starts.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Token {
    /// The token.
    pub(super) tok: Tok,
    /// Where its first character is.
    pub(super) pos: Pos,
    /// Whether it is the first token on its line (statement recovery restarts at these).
    pub(super) line_start: bool,
    /// The line its last character is on (a text block's may be below its first).
    pub(super) end_line: u32,
    /// The column just past its last character, on `end_line`.
    pub(super) end_col: u32,
    /// Whether whitespace or a comment comes before it (or it starts the file): where the
    /// grammar wants `SP`, two tokens may not touch.
    pub(super) spaced: bool,
}

/// A problem the lexer found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct LexError {
    /// Where.
    pub(super) pos: Pos,
    /// What.
    pub(super) message: String,
}

/// Splits `text` into tokens, ending with one `Tok::Eof`. Never fails: problems are
/// returned beside the tokens.
pub(super) fn lex(text: &str) -> (Vec<Token>, Vec<LexError>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lexer = Lexer {
        chars: text.chars().collect(),
        i: 0,
        line: 1,
        col: 1,
        line_has_token: false,
        token_start: 0,
        last_end: 0,
        tokens: Vec::new(),
        errors: Vec::new(),
    };
    lexer.run();
    let pos = lexer.pos();
    lexer.tokens.push(Token {
        tok: Tok::Eof,
        pos,
        line_start: true,
        end_line: pos.line,
        end_col: pos.col,
        spaced: true,
    });
    (lexer.tokens, lexer.errors)
}

/// The lexer's cursor and output.
struct Lexer {
    /// The whole file.
    chars: Vec<char>,
    /// Index of the next character.
    i: usize,
    /// Line of the next character.
    line: u32,
    /// Column of the next character.
    col: u32,
    /// Whether a token (or comment) already started on the current line.
    line_has_token: bool,
    /// Index of the first character of the token being read.
    token_start: usize,
    /// Index just past the last token read.
    last_end: usize,
    /// Tokens so far.
    tokens: Vec<Token>,
    /// Problems so far.
    errors: Vec<LexError>,
}

impl Lexer {
    /// Where the next character is.
    fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            col: self.col,
        }
    }

    /// The character `ahead` places past the cursor.
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.i + ahead).copied()
    }

    /// Consumes one character, tracking lines (`\r\n` and a lone `\r` both end a line).
    fn bump(&mut self) -> Option<char> {
        let c = self.peek(0)?;
        self.i += 1;
        let ends_line = c == '\n' || (c == '\r' && self.peek(0) != Some('\n'));
        if ends_line {
            self.line += 1;
            self.col = 1;
            self.line_has_token = false;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    /// Records a token that started at `pos`.
    fn push(&mut self, tok: Tok, pos: Pos) {
        let line_start = !self.line_has_token;
        self.line_has_token = true;
        let (end_line, end_col) = (self.line, self.col);
        let spaced = self.tokens.is_empty() || self.token_start > self.last_end;
        self.last_end = self.i;
        self.tokens.push(Token {
            tok,
            pos,
            line_start,
            end_line,
            end_col,
            spaced,
        });
    }

    /// Records a problem.
    fn error(&mut self, pos: Pos, message: impl Into<String>) {
        self.errors.push(LexError {
            pos,
            message: message.into(),
        });
    }

    /// Lexes the whole file.
    fn run(&mut self) {
        while let Some(c) = self.peek(0) {
            let pos = self.pos();
            self.token_start = self.i;
            match c {
                ' ' | '\t' | '\n' | '\r' | ',' => {
                    self.bump();
                }
                '/' if self.peek(1) == Some('/') => self.comment(pos),
                '{' | '}' | '[' | ']' | '(' | ')' | '=' | '@' | '$' => {
                    self.bump();
                    let tok = match c {
                        '{' => Tok::LBrace,
                        '}' => Tok::RBrace,
                        '[' => Tok::LBracket,
                        ']' => Tok::RBracket,
                        '(' => Tok::LParen,
                        ')' => Tok::RParen,
                        '=' => Tok::Equals,
                        '@' => Tok::At,
                        _ => Tok::Dollar,
                    };
                    self.push(tok, pos);
                }
                ':' => {
                    self.bump();
                    if self.peek(0) == Some('=') {
                        self.bump();
                        self.push(Tok::Walrus, pos);
                    } else {
                        self.push(Tok::Colon, pos);
                    }
                }
                '"' => self.string(pos),
                '-' | '0'..='9' => self.number(pos),
                c if c.is_ascii_alphabetic() || c == '_' => {
                    let mut word = String::new();
                    while let Some(c) = self.peek(0) {
                        if c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '#' | '$') {
                            word.push(c);
                            self.bump();
                        } else {
                            break;
                        }
                    }
                    self.push(Tok::Word(word), pos);
                }
                other => {
                    self.bump();
                    self.error(
                        pos,
                        format!("unexpected character `{}`", other.escape_debug()),
                    );
                }
            }
        }
    }

    /// A `//` comment, or a `///` documentation comment when it opens its line.
    fn comment(&mut self, pos: Pos) {
        let is_doc = self.peek(2) == Some('/') && !self.line_has_token;
        let mut body = String::new();
        while let Some(c) = self.peek(0) {
            if c == '\n' || c == '\r' {
                break;
            }
            body.push(c);
            self.bump();
        }
        if is_doc {
            let text = body.get(3..).unwrap_or("");
            let text = text.strip_prefix(' ').unwrap_or(text);
            self.push(Tok::Doc(text.to_owned()), pos);
        } else {
            // A comment line still counts as the line's content for `///` detection.
            self.line_has_token = true;
        }
    }

    /// A number, checked and converted by `serde_json` so integers stay integers; one the
    /// grammar allows but `f64` cannot hold stays text.
    fn number(&mut self, pos: Pos) {
        let mut text = String::new();
        if self.peek(0) == Some('-') {
            text.push('-');
            self.bump();
        }
        self.digits(&mut text);
        if self.peek(0) == Some('.') {
            text.push('.');
            self.bump();
            self.digits(&mut text);
        }
        if matches!(self.peek(0), Some('e' | 'E')) {
            text.push('e');
            self.bump();
            if let Some(sign @ ('+' | '-')) = self.peek(0) {
                text.push(sign);
                self.bump();
            }
            self.digits(&mut text);
        }
        match serde_json::from_str::<serde_json::Number>(&text) {
            Ok(number) => self.push(Tok::Number(number), pos),
            Err(_) if is_number(&text) => self.push(Tok::BigNumber(text), pos),
            Err(_) => self.error(pos, format!("`{text}` is not a valid number")),
        }
    }

    /// Appends ASCII digits at the cursor to `text`.
    fn digits(&mut self, text: &mut String) {
        while let Some(c) = self.peek(0).filter(char::is_ascii_digit) {
            text.push(c);
            self.bump();
        }
    }

    /// A quoted string or a `"""` text block.
    fn string(&mut self, pos: Pos) {
        self.bump();
        let is_block = self.peek(0) == Some('"') && self.peek(1) == Some('"');
        if self.peek(0) == Some('"') && !is_block {
            self.bump();
            self.push(Tok::Str(String::new()), pos);
            return;
        }
        if is_block {
            self.bump();
            self.bump();
            while matches!(self.peek(0), Some(' ' | '\t')) {
                self.bump();
            }
            match self.peek(0) {
                Some('\n') => {
                    self.bump();
                }
                Some('\r') => {
                    self.bump();
                    if self.peek(0) == Some('\n') {
                        self.bump();
                    }
                }
                _ => {
                    self.error(
                        pos,
                        "a text block's opening `\"\"\"` must be followed by a line break",
                    );
                    // Read it anyway, so the closing quotes do not open another string.
                }
            }
        }
        let Some(raw) = self.raw_string_body(is_block) else {
            let what = if is_block { "text block" } else { "string" };
            self.error(pos, format!("this {what} is never closed"));
            return;
        };
        let content = if is_block { dedent(&raw) } else { raw };
        match unescape(&content) {
            Ok(value) if is_block => self.push(Tok::TextBlock(value), pos),
            Ok(value) => self.push(Tok::Str(value), pos),
            Err(e) => self.error(pos, format!("in this string: {}", e.message)),
        }
    }

    /// The raw characters up to the closing quote(s), consuming them, with every line ending
    /// normalized to `\n`; `None` if the file ends first. A backslash keeps the next
    /// character from closing the string; escapes are expanded later.
    fn raw_string_body(&mut self, is_block: bool) -> Option<String> {
        let mut raw = String::new();
        loop {
            let c = self.bump()?;
            match c {
                '"' if !is_block => return Some(raw),
                '"' if self.peek(0) == Some('"') && self.peek(1) == Some('"') => {
                    self.bump();
                    self.bump();
                    return Some(raw);
                }
                '\\' => {
                    raw.push('\\');
                    match self.bump()? {
                        '\r' => {
                            if self.peek(0) == Some('\n') {
                                self.bump();
                            }
                            raw.push('\n');
                        }
                        other => raw.push(other),
                    }
                }
                '\r' => {
                    if self.peek(0) == Some('\n') {
                        self.bump();
                    }
                    raw.push('\n');
                }
                other => raw.push(other),
            }
        }
    }
}

/// Whether `text` is a number by the grammar (`[-] Int [Frac] [Exp]`, an `Int` without
/// leading zeros, every part with its digits), whatever its size.
fn is_number(text: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let text = text.strip_prefix('-').unwrap_or(text);
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['+', '-']).unwrap_or(e))),
        None => (text, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    digits(int)
        && (int == "0" || !int.starts_with('0'))
        && frac.is_none_or(digits)
        && exponent.is_none_or(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The token kinds of `text`, without the final `Eof`.
    fn toks(text: &str) -> Vec<Tok> {
        let (tokens, errors) = lex(text);
        assert_eq!(errors, [], "{text}");
        let mut kinds: Vec<Tok> = tokens.into_iter().map(|t| t.tok).collect();
        kinds.pop();
        kinds
    }

    /// A word token.
    fn w(s: &str) -> Tok {
        Tok::Word(s.to_owned())
    }

    #[test]
    fn whitespace_commas_and_comments_vanish() {
        assert_eq!(
            toks("\u{feff}a,,b // c\n\t// d\r\ne"),
            [w("a"), w("b"), w("e")]
        );
    }

    #[test]
    fn doc_comments_only_open_a_line() {
        assert_eq!(
            toks("/// One\n///Two\n  ///   Three\nx /// not docs\n////four"),
            [
                Tok::Doc("One".to_owned()),
                Tok::Doc("Two".to_owned()),
                Tok::Doc("  Three".to_owned()),
                w("x"),
                Tok::Doc("/four".to_owned()),
            ]
        );
    }

    #[test]
    fn punctuation_and_words() {
        assert_eq!(
            toks("$version: input := @a.b#C$d(x) [=]{}"),
            [
                Tok::Dollar,
                w("version"),
                Tok::Colon,
                w("input"),
                Tok::Walrus,
                Tok::At,
                w("a.b#C$d"),
                Tok::LParen,
                w("x"),
                Tok::RParen,
                Tok::LBracket,
                Tok::Equals,
                Tok::RBracket,
                Tok::LBrace,
                Tok::RBrace,
            ]
        );
    }

    #[test]
    fn numbers_keep_integers_integral() {
        let kinds = toks("0 -12 1.5 1e+2 -1.0e-10 18446744073709551615");
        let text: Vec<String> = kinds
            .iter()
            .map(|t| match t {
                Tok::Number(n) => n.to_string(),
                _ => String::new(),
            })
            .collect();
        assert_eq!(
            text,
            ["0", "-12", "1.5", "100.0", "-1e-10", "18446744073709551615"]
        );
        assert!(matches!(kinds.first(), Some(Tok::Number(n)) if n.is_u64()));
    }

    #[test]
    fn numbers_beyond_f64_stay_as_written() {
        assert_eq!(
            toks("1.7976931348623157E+309 -2e308"),
            [
                Tok::BigNumber("1.7976931348623157e+309".to_owned()),
                Tok::BigNumber("-2e308".to_owned()),
            ]
        );
        let (_, errors) = lex("01e999");
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn bad_numbers_are_errors() {
        for text in ["01", "-", "1.", "1e"] {
            let (_, errors) = lex(text);
            assert_eq!(errors.len(), 1, "{text}");
        }
    }

    #[test]
    fn strings_and_text_blocks() {
        assert_eq!(
            toks("\"a\\tb\" \"\" \"line\r\nbreak\" \"\"\"  \r\n    x\r\n      y\r\n    \"\"\""),
            [
                Tok::Str("a\tb".to_owned()),
                Tok::Str(String::new()),
                Tok::Str("line\nbreak".to_owned()),
                Tok::TextBlock("x\n  y\n".to_owned()),
            ]
        );
        assert_eq!(
            toks("\"\"\"\n    foo \\\"\"\"\n    baz\"\"\""),
            [Tok::TextBlock("foo \"\"\"\nbaz".to_owned())]
        );
        assert_eq!(toks("\"a\\\nb\""), [Tok::Str("ab".to_owned())]);
    }

    #[test]
    fn ill_formed_strings_are_reported_with_their_position() {
        let (_, errors) = lex("x\n  \"\"\"foo\"\"\"");
        assert_eq!(errors.first().map(|e| e.pos), Some(Pos { line: 2, col: 3 }));
        let (_, errors) = lex("\"\"\" \"\"\"");
        assert_eq!(errors.len(), 1);
        let (_, errors) = lex("\"\"\"\n\"");
        assert_eq!(errors.len(), 1);
        let (_, errors) = lex("\"abc");
        assert_eq!(errors.len(), 1);
        let (_, errors) = lex("\"\\q\" ~");
        assert_eq!(errors.len(), 2);
    }

    #[test]
    fn positions_count_characters() {
        let (tokens, _) = lex("\"é\" c\n  d");
        let positions: Vec<(u32, u32, bool)> = tokens
            .iter()
            .map(|t| (t.pos.line, t.pos.col, t.line_start))
            .collect();
        assert_eq!(
            positions,
            [(1, 1, true), (1, 5, false), (2, 3, true), (2, 4, true)]
        );
    }
}
