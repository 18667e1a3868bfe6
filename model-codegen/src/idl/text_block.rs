//! String literal decoding: escapes, line continuations and text-block re-indentation.
//!
//! Kept apart from the lexer because the spec defines these as transformations on the raw
//! characters between the quotes (text blocks are dedented first, escapes expanded after), and
//! each step is tested against the spec's own examples here.

/// Removes a text block's incidental whitespace, as the spec's "Incidental white space
/// removal" steps say. `raw` is the content after the opening line's newline, up to (not
/// including) the closing `"""`, with line endings already normalized to `\n` and escapes not
/// yet expanded.
pub(super) fn dedent(raw: &str) -> String {
    let lines: Vec<&str> = raw.split('\n').collect();
    let last_index = lines.len().saturating_sub(1);
    let is_blank = |line: &str| line.chars().all(is_inline_space);
    let indent = |line: &str| line.chars().take_while(|c| is_inline_space(*c)).count();
    // Blank lines do not count, except the closing delimiter's own line: its indentation is
    // how far left the author wants the margin.
    let prefix = lines
        .iter()
        .enumerate()
        .filter(|(i, line)| *i == last_index || !is_blank(line))
        .map(|(_, line)| indent(line))
        .min()
        .unwrap_or(0);
    let mut out = String::with_capacity(raw.len());
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let skip = indent(line).min(prefix);
        let rest: String = line.chars().skip(skip).collect();
        out.push_str(rest.trim_end_matches(is_inline_space));
    }
    out
}

/// Spaces and tabs: the whitespace that can indent a line.
fn is_inline_space(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// Why an escape could not be expanded, and at which character of the raw text.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct EscapeError {
    /// Index (in chars) of the backslash that starts the bad escape.
    pub(super) at: usize,
    /// What is wrong.
    pub(super) message: String,
}

/// Expands the escapes of a quoted string or (dedented) text block: `\" \\ \/ \' \b \f \n
/// \r \t \uXXXX` (surrogate pairs joined) and backslash-newline, which expands to nothing.
/// Any other escape is an error, as the spec says.
pub(super) fn unescape(raw: &str) -> Result<String, EscapeError> {
    let chars: Vec<char> = raw.chars().collect();
    let mut out = String::with_capacity(raw.len());
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c != '\\' {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        let Some(&next) = chars.get(i + 1) else {
            return Err(EscapeError {
                at: start,
                message: "a backslash ends the string; nothing follows it to escape".to_owned(),
            });
        };
        i += 2;
        match next {
            // The grammar's escapes; `\'` is not one of them.
            '"' | '\\' | '/' => out.push(next),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            '\n' => {}
            'u' => {
                let high = hex4(&chars, i).ok_or_else(|| bad_unicode(start))?;
                i += 4;
                let code = if (0xD800..0xDC00).contains(&high) {
                    // A high surrogate must be followed by `\u` and a low one.
                    let low = match (chars.get(i), chars.get(i + 1)) {
                        (Some('\\'), Some('u')) => hex4(&chars, i + 2),
                        _ => None,
                    }
                    .filter(|low| (0xDC00..0xE000).contains(low))
                    .ok_or_else(|| EscapeError {
                        at: start,
                        message: "a `\\u` high surrogate is not followed by a low surrogate"
                            .to_owned(),
                    })?;
                    i += 6;
                    0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    high
                };
                let decoded = char::from_u32(code).ok_or_else(|| EscapeError {
                    at: start,
                    message: format!("`\\u{code:04X}` is a lone surrogate, not a character"),
                })?;
                out.push(decoded);
            }
            other => {
                return Err(EscapeError {
                    at: start,
                    message: format!(
                        "`\\{other}` is not an escape the IDL knows (write `\\\\` for a backslash)"
                    ),
                })
            }
        }
    }
    Ok(out)
}

/// The value of four hex digits starting at `at`, if there are four.
fn hex4(chars: &[char], at: usize) -> Option<u32> {
    let mut value = 0;
    for offset in 0..4 {
        let digit = chars.get(at + offset)?.to_digit(16)?;
        value = value * 16 + digit;
    }
    Some(value)
}

/// The error for a `\u` without four hex digits.
fn bad_unicode(at: usize) -> EscapeError {
    EscapeError {
        at,
        message: "`\\u` must be followed by four hex digits".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Dedent then unescape, as the lexer does for a text block.
    fn block(raw: &str) -> String {
        unescape(&dedent(raw)).unwrap_or_else(|e| format!("error: {e:?}"))
    }

    #[test]
    fn spec_html_example_keeps_a_trailing_newline() {
        let raw = "    <div>\n        <p>Hello!</p>\n    </div>\n    ";
        assert_eq!(block(raw), "<div>\n    <p>Hello!</p>\n</div>\n");
    }

    #[test]
    fn spec_html_example_closing_on_the_last_line() {
        let raw = "    <div>\n        <p>Hello!</p>\n    </div>";
        assert_eq!(block(raw), "<div>\n    <p>Hello!</p>\n</div>");
    }

    #[test]
    fn spec_algorithm_example() {
        let raw = "    Foo\n        Baz\n\n  \n    Bar\n    ";
        assert_eq!(block(raw), "Foo\n    Baz\n\n\nBar\n");
    }

    #[test]
    fn spec_closing_delimiter_at_the_margin_keeps_all_indentation() {
        let raw = "    Foo\n        Baz\n    Bar\n";
        assert_eq!(block(raw), "    Foo\n        Baz\n    Bar\n");
    }

    #[test]
    fn spec_closing_delimiter_right_of_content_has_no_bearing() {
        let raw = "    Foo\n        Baz\n    Bar\n            ";
        assert_eq!(block(raw), "Foo\n    Baz\nBar\n");
    }

    #[test]
    fn spec_quotes_inside_a_text_block() {
        assert_eq!(block("\"hello!\"\n"), "\"hello!\"\n");
        assert_eq!(block("foo \\\"\"\"\nbaz"), "foo \"\"\"\nbaz");
    }

    #[test]
    fn spec_escapes_expand_after_dedent() {
        let raw = "  <div>\n    <p>Hi\\n    bar</p>\n  </div>\n  ";
        assert_eq!(block(raw), "<div>\n  <p>Hi\n    bar</p>\n</div>\n");
    }

    #[test]
    fn spec_line_continuations() {
        assert_eq!(block("Foo \\\nBaz \\\nBam"), "Foo Baz Bam");
        assert_eq!(block("Foo\nBaz \\\nBam"), "Foo\nBaz Bam");
    }

    #[test]
    fn empty_text_block() {
        assert_eq!(block(""), "");
    }

    #[test]
    fn every_escape() {
        let raw = r#"\" \\ \/ \b \f \n \r \t \u0041 \ud83d\ude00"#;
        assert_eq!(
            unescape(raw),
            Ok("\" \\ / \u{8} \u{c} \n \r \t A \u{1F600}".to_owned())
        );
        // `\'` is no escape of the grammar's (Smithy's loader refuses it).
        assert!(unescape(r"\'").is_err());
        assert_eq!(unescape("a\\\nb"), Ok("ab".to_owned()));
    }

    #[test]
    fn bad_escapes_are_errors() {
        assert_eq!(unescape("ab\\q").map_err(|e| e.at), Err(2));
        assert!(unescape("\\u12").is_err());
        assert!(unescape("\\ud83d").is_err());
        assert!(unescape("\\ud83d\\u0041").is_err());
        assert!(unescape("\\ude00").is_err());
        assert!(unescape("end\\").is_err());
    }
}
