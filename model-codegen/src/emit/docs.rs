//! Model documentation (HTML) to rustdoc Markdown.
//!
//! AWS documentation is a small HTML subset: paragraphs, `<code>`, links, lists, emphasis.
//! The conversion keeps the text and that structure, and escapes what rustdoc would
//! otherwise read as links, HTML or code blocks.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = "..."]` attributes for the model's documentation, or for `fallback` when the
/// model has none (every generated public item is documented).
pub fn doc_attrs(doc: Option<&str>, fallback: &str) -> TokenStream {
    let text = doc.map(html_to_markdown).filter(|t| !t.trim().is_empty());
    lines_to_attrs(text.as_deref().unwrap_or(fallback))
}

/// Unicode's text-direction controls, which rustc refuses in a comment or a literal
/// (`text_direction_codepoint_in_literal`, deny by default).
const TEXT_DIRECTION_CONTROLS: [char; 9] = [
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}',
];

/// `#[doc = "..."]` attributes for plain Markdown text. Control characters other than tabs
/// are dropped: a `///` comment cannot hold a lone `\r`, and none belongs in documentation.
/// Text-direction controls are written as their escapes (`\u{202e}`), which the comment
/// rustc refuses would otherwise hide.
pub fn lines_to_attrs(markdown: &str) -> TokenStream {
    let lines = markdown.lines().map(|line| {
        let line = doc_line(line);
        let line = if line.is_empty() {
            line
        } else {
            format!(" {line}")
        };
        quote!(#[doc = #line])
    });
    quote!(#(#lines)*)
}

/// One line of documentation as a doc comment can hold it.
fn doc_line(line: &str) -> String {
    let mut clean = String::with_capacity(line.len());
    for c in line.chars() {
        if TEXT_DIRECTION_CONTROLS.contains(&c) {
            clean.extend(c.escape_unicode());
        } else if c == '\t' || !c.is_control() {
            clean.push(c);
        }
    }
    clean
}

/// Converts a documentation string's HTML to Markdown.
pub fn html_to_markdown(html: &str) -> String {
    let mut out = Converter::default();
    let mut rest = html;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('<') {
            if let Some(end) = after.find('>') {
                out.tag(&after[..end]);
                rest = &after[end + 1..];
                continue;
            }
        }
        // The text runs to the next `<` after its first character (which may be a `<` that
        // opens no tag, and may be several bytes long).
        let first = rest.chars().next().map_or(1, char::len_utf8);
        let next = rest[first..].find('<').map_or(rest.len(), |i| i + first);
        out.text(&decode_entities(&rest[..next]));
        rest = &rest[next..];
    }
    out.finish()
}

#[derive(Default)]
struct Converter {
    lines: Vec<String>,
    current: String,
    in_code: usize,
    list_depth: usize,
    link: Option<String>,
    pre: bool,
}

impl Converter {
    fn tag(&mut self, tag: &str) {
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match (name.as_str(), closing) {
            // Inside a list item a paragraph is just the item's text.
            ("p" | "div" | "note" | "important" | "para", _) if self.list_depth > 0 => {}
            ("p" | "div" | "note" | "important" | "para", _) => self.paragraph(),
            ("br", _) => self.end_line(),
            ("ul" | "ol", false) => {
                self.paragraph();
                self.list_depth += 1;
            }
            ("ul" | "ol", true) => {
                self.end_line();
                self.list_depth = self.list_depth.saturating_sub(1);
                if self.list_depth == 0 {
                    self.paragraph();
                }
            }
            ("li", false) => {
                self.end_line();
                let indent = "  ".repeat(self.list_depth.saturating_sub(1));
                self.current.push_str(&indent);
                self.current.push_str("- ");
            }
            ("li", true) => self.end_line(),
            ("code", false) if !self.pre => {
                self.current.push('`');
                self.in_code += 1;
            }
            ("code", true) if !self.pre => {
                self.current.push('`');
                self.in_code = self.in_code.saturating_sub(1);
            }
            ("b" | "strong", _) => self.current.push_str("**"),
            ("i" | "em", _) => self.current.push('*'),
            ("a", false) => {
                self.link = href(tag);
                if self.link.is_some() {
                    self.current.push('[');
                }
            }
            ("a", true) => {
                if let Some(url) = self.link.take() {
                    self.current.push_str(&format!("]({url})"));
                }
            }
            ("pre", false) => {
                self.paragraph();
                self.lines.push("```text".to_owned());
                self.pre = true;
            }
            ("pre", true) => {
                self.end_line();
                self.lines.push("```".to_owned());
                self.pre = false;
                self.paragraph();
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if self.pre {
            let mut after_cr = false;
            for c in text.chars() {
                match c {
                    // `\r\n` is one break; a lone `\r` (which a `///` comment cannot hold)
                    // and the Unicode line and paragraph separators are breaks too.
                    '\n' if after_cr => {}
                    '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' => self.end_line(),
                    '\t' => self.current.push(c),
                    c if c.is_control() => {}
                    c => self.current.push(c),
                }
                after_cr = c == '\r';
            }
            return;
        }
        let mut last_space = self.current.is_empty() || self.current.ends_with([' ', '-']);
        for c in text.chars() {
            if c.is_control() && !c.is_whitespace() {
                // Control characters have no place in documentation.
                continue;
            }
            if c.is_whitespace() {
                if !last_space {
                    self.current.push(' ');
                    last_space = true;
                }
                continue;
            }
            last_space = false;
            if self.in_code > 0 {
                // Backticks cannot appear inside a code span of single backticks.
                self.current.push(if c == '`' { '\'' } else { c });
                continue;
            }
            match c {
                '[' | ']' | '*' | '_' | '\\' | '`' | '#' | '|' => {
                    self.current.push('\\');
                    self.current.push(c);
                }
                '<' => self.current.push_str("&lt;"),
                '>' => self.current.push_str("&gt;"),
                '&' => self.current.push_str("&amp;"),
                _ => self.current.push(c),
            }
        }
    }

    fn end_line(&mut self) {
        let line = self.current.trim_end().to_owned();
        self.current.clear();
        if !line.trim().is_empty() {
            self.lines.push(line);
        }
    }

    fn paragraph(&mut self) {
        self.end_line();
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
    }

    fn finish(mut self) -> String {
        self.end_line();
        while self.lines.last().is_some_and(String::is_empty) {
            self.lines.pop();
        }
        let mut text = self.lines.join("\n");
        text = wrap_bare_urls(&text);
        text
    }
}

fn href(tag: &str) -> Option<String> {
    let start = tag.find("href=")? + 5;
    let rest = &tag[start..];
    let quote = rest.chars().next()?;
    if quote != '"' && quote != '\'' {
        return None;
    }
    let end = rest[1..].find(quote)?;
    let url = &rest[1..1 + end];
    (url.starts_with("http://") || url.starts_with("https://")).then(|| percent_encode_link(url))
}

/// A URL as a Markdown link target on one line: whitespace, control characters and `)` are
/// percent-encoded (UTF-8 bytes each).
fn percent_encode_link(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_whitespace() || c.is_control() || c == ')' {
            let mut bytes = [0; 4];
            for b in c.encode_utf8(&mut bytes).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// rustdoc warns on bare URLs; wrap any that are not already a link target.
fn wrap_bare_urls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("http") {
        let (before, candidate) = rest.split_at(i);
        out.push_str(before);
        let is_url = candidate.starts_with("https://") || candidate.starts_with("http://");
        let preceded_by_link = before.ends_with('(') || before.ends_with('<');
        if !is_url || preceded_by_link {
            out.push_str("http");
            rest = &candidate[4..];
            continue;
        }
        let end = candidate
            .find(|c: char| c.is_whitespace() || c == ')' || c == '`')
            .unwrap_or(candidate.len());
        let url = candidate[..end].trim_end_matches(['.', ',', ';']);
        out.push('<');
        out.push_str(url);
        out.push('>');
        rest = &candidate[url.len()..];
    }
    out.push_str(rest);
    out
}

/// Decodes the named entities AWS documentation uses and numeric ones (`&#8212;`,
/// `&#x2014;`), in one pass; anything else (`&#xZZ;`, `&unknown;`, a lone `&`, a number that is
/// no character) stays as written.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        // `rest` starts with `&`; an entity is short and ends at the first `;`.
        let decoded = rest
            .char_indices()
            .take(12)
            .find(|&(_, c)| c == ';')
            .and_then(|(semi, _)| Some((entity(&rest[1..semi])?, semi + 1)));
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character an entity's name (between `&` and `;`) stands for.
fn entity(name: &str) -> Option<char> {
    let code = match name {
        "lt" => return Some('<'),
        "gt" => return Some('>'),
        "quot" => return Some('"'),
        "apos" => return Some('\''),
        "amp" => return Some('&'),
        "nbsp" => return Some(' '),
        _ => {
            let number = name.strip_prefix('#')?;
            match number.strip_prefix(['x', 'X']) {
                Some(hex) if !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit()) => {
                    u32::from_str_radix(hex, 16).ok()?
                }
                Some(_) => return None,
                None if !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()) => {
                    number.parse().ok()?
                }
                None => return None,
            }
        }
    };
    char::from_u32(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_become_blank_line_separated() {
        assert_eq!(html_to_markdown("<p>One.</p><p>Two.</p>"), "One.\n\nTwo.");
    }

    #[test]
    fn code_and_emphasis() {
        assert_eq!(
            html_to_markdown("<p>Use <code>DescribeBackups</code>, <b>not</b> <i>this</i>.</p>"),
            "Use `DescribeBackups`, **not** *this*."
        );
    }

    #[test]
    fn links_and_lists() {
        assert_eq!(
            html_to_markdown(
                r#"<p>See <a href="https://example.com/x">the guide</a>:</p><ul><li><p>one</p></li><li>two</li></ul>"#
            ),
            "See [the guide](https://example.com/x):\n\n- one\n- two"
        );
    }

    #[test]
    fn rustdoc_syntax_in_text_is_escaped() {
        assert_eq!(
            html_to_markdown("<p>a [b] &lt;c&gt; x_y # *</p>"),
            r"a \[b\] &lt;c&gt; x\_y \# \*"
        );
    }

    #[test]
    fn bare_urls_are_wrapped() {
        assert_eq!(
            html_to_markdown("<p>Go to https://example.com/a.</p>"),
            "Go to <https://example.com/a>."
        );
    }

    #[test]
    fn whitespace_is_collapsed() {
        assert_eq!(html_to_markdown("<p>\n   a\n    b   </p>"), "a b");
    }

    #[test]
    fn text_starting_with_a_multibyte_character_is_kept() {
        assert_eq!(
            html_to_markdown("<li>\u{2014}An Auto Scaling group</li><p>\u{2028}x \u{2248}y</p>"),
            "- \u{2014}An Auto Scaling group\n\nx \u{2248}y"
        );
        assert_eq!(html_to_markdown("\u{2248}<code>a</code>"), "\u{2248}`a`");
    }

    #[test]
    fn numeric_entities_are_decoded() {
        assert_eq!(
            html_to_markdown("<p>a&#x2014;b&#8212;c &amp; d&nbsp;e</p>"),
            "a\u{2014}b\u{2014}c &amp; d e"
        );
    }

    #[test]
    fn broken_entities_stay_as_text() {
        assert_eq!(
            html_to_markdown("<p>&#xZZ; &#; &bogus; &#x110000; & x</p>"),
            r"&amp;\#xZZ; &amp;\#; &amp;bogus; &amp;\#x110000; &amp; x"
        );
    }

    #[test]
    fn a_lone_angle_bracket_is_text() {
        assert_eq!(html_to_markdown("a < b"), "a &lt; b");
        assert_eq!(html_to_markdown("<"), "&lt;");
    }

    #[test]
    fn carriage_returns_in_preformatted_text_break_lines() {
        assert_eq!(
            html_to_markdown("<pre>a\rb\r\nc\u{2028}d\u{1}</pre>"),
            "```text\na\nb\nc\nd\n```"
        );
    }

    #[test]
    fn plain_text_attributes_drop_control_characters() {
        let attrs = lines_to_attrs("`a\rb\u{1}`\nc").to_string();
        assert_eq!(attrs, quote!(#[doc = " `ab`"] #[doc = " c"]).to_string());
    }

    #[test]
    fn text_direction_controls_become_escapes() {
        let attrs = lines_to_attrs("`\u{202e}a\u{2066}`").to_string();
        assert_eq!(attrs, quote!(#[doc = " `\\u{202e}a\\u{2066}`"]).to_string());
    }

    #[test]
    fn link_targets_stay_on_one_line() {
        assert_eq!(
            html_to_markdown("<a href=\"https://e.com/a\r\nb)\">x</a>"),
            "[x](https://e.com/a%0D%0Ab%29)"
        );
    }

    mod properties {
        use proptest::prelude::*;
        use quote::quote;

        use super::super::{doc_attrs, doc_line, html_to_markdown};

        /// Pieces of hostile documentation: multi-byte and control characters, good and
        /// broken entities, good, broken and unclosed tags, and arbitrary text.
        fn fragment() -> impl Strategy<Value = String> {
            let fixed = prop::sample::select(vec![
                "\u{2014}",
                "\u{2028}",
                "\u{2029}",
                "\u{202e}",
                "\u{2066}",
                "\u{2248}",
                "\u{1F600}",
                "\u{fc}",
                "\u{85}",
                "\r",
                "\n",
                "\r\n",
                "\t",
                "\u{0}",
                "\u{1b}",
                "&amp;",
                "&lt;",
                "&#x2014;",
                "&#8212;",
                "&#xZZ;",
                "&#;",
                "&#x;",
                "&#xD800;",
                "&#x110000;",
                "&#0;",
                "&#13;",
                "&",
                ";",
                "&nbsp",
                "<",
                ">",
                "</",
                "<p>",
                "</p>",
                "<code>",
                "</code>",
                "<pre>",
                "</pre>",
                "<ul>",
                "<ol>",
                "<li>",
                "</li>",
                "</ul>",
                "<br/>",
                "<b",
                "<i>",
                "<a href=\"https://example.com/a b\">",
                "<a href='https://x",
                "</a>",
                "<a>",
                "`",
                "*",
                "_",
                "[",
                "]",
                "#",
                "|",
                "\\",
                "/",
                "*/",
                "https://",
                "http://e.com/\u{2014}",
                " ",
            ])
            .prop_map(str::to_owned);
            prop_oneof![3 => fixed, 1 => any::<String>()]
        }

        fn documentation() -> impl Strategy<Value = String> {
            prop::collection::vec(fragment(), 0..40).prop_map(|parts| parts.concat())
        }

        /// The doc attribute values of the item in a formatted file.
        fn doc_values(file: &str) -> Vec<String> {
            let Ok(file) = syn::parse_file(file) else {
                return vec!["<the formatted file does not parse>".to_owned()];
            };
            let Some(syn::Item::Struct(item)) = file.items.first() else {
                return vec!["<no struct>".to_owned()];
            };
            item.attrs
                .iter()
                .filter_map(|attr| match &attr.meta {
                    syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
                        syn::Expr::Lit(syn::ExprLit {
                            lit: syn::Lit::Str(s),
                            ..
                        }) => Some(s.value()),
                        _ => None,
                    },
                    _ => None,
                })
                .collect()
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]

            #[test]
            fn any_documentation_converts_without_panic_to_clean_text(doc in documentation()) {
                let markdown = html_to_markdown(&doc);
                prop_assert!(
                    markdown.chars().all(|c| c == '\n' || c == '\t' || !c.is_control()),
                    "control character in {markdown:?}"
                );
                prop_assert!(!markdown.starts_with('\n') && !markdown.ends_with('\n'));
            }

            #[test]
            fn doc_attributes_of_any_documentation_survive_formatting(doc in documentation()) {
                let markdown = html_to_markdown(&doc);
                let attrs = doc_attrs(Some(&doc), "Fallback.");
                let file = crate::write::format_file(quote!(#attrs pub struct S;));
                prop_assert!(file.is_ok(), "{file:?}");
                let file = file.unwrap_or_default();
                let text = if markdown.trim().is_empty() { "Fallback." } else { markdown.as_str() };
                let expected: Vec<String> = text
                    .lines()
                    .map(doc_line)
                    .map(|l| if l.is_empty() { String::new() } else { format!(" {l}") })
                    .collect();
                prop_assert_eq!(doc_values(&file), expected);
            }
        }
    }
}
