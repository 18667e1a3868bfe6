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

/// `#[doc = "..."]` attributes for plain Markdown text.
pub fn lines_to_attrs(markdown: &str) -> TokenStream {
    let lines = markdown.lines().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#[doc = #line])
    });
    quote!(#(#lines)*)
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
        let next = rest[1..].find('<').map_or(rest.len(), |i| i + 1);
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
            for (i, line) in text.split('\n').enumerate() {
                if i > 0 {
                    self.end_line();
                }
                self.current.push_str(line);
            }
            return;
        }
        let mut last_space = self.current.is_empty() || self.current.ends_with([' ', '-']);
        for c in text.chars() {
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
    (url.starts_with("http://") || url.starts_with("https://"))
        .then(|| url.replace(' ', "%20").replace(')', "%29"))
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

fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
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
}
