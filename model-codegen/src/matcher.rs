//! Direct matchers for simple patterns.
//!
//! Many `@pattern`s are a literal prefix and one repeated character class, fully anchored:
//! `^backup-[2-7a-zA-Z]{11,16}$`, `^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$`. For those the generator
//! computes the class's exact membership for every ASCII character (by asking the `regex`
//! crate itself) and whether the class admits anything beyond ASCII. The runtime then decides
//! ASCII values with a prefix check and a bitmap, and leaves only non-ASCII values that the
//! class might accept to the regex. Property tests check the two agree.

use regex_syntax::hir::{Class, HirKind};

use crate::pattern;

/// The recognised form: `^` prefix class{min,max} `$`, counted in characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimpleMatcher {
    /// Literal text the value starts with.
    pub prefix: String,
    /// Bit `b` is set when ASCII character `b` is in the class.
    pub ascii: u128,
    /// Whether the class can match a character beyond ASCII.
    pub non_ascii: bool,
    /// The class in `regex` syntax.
    pub class: String,
    /// Least repetitions of the class.
    pub min: u64,
    /// Most repetitions, if bounded.
    pub max: Option<u64>,
}

/// The simple form of an ECMA pattern, if it has one.
pub fn simple_form(ecma: &str) -> Option<SimpleMatcher> {
    let body = ecma.strip_prefix('^')?.strip_suffix('$')?;
    if body.ends_with('\\') {
        return None;
    }
    let body = strip_outer_group(body);
    let chars: Vec<char> = body.chars().collect();
    let mut i = 0;
    let mut prefix = String::new();
    while let Some(&c) = chars.get(i) {
        match c {
            '\\' => match chars.get(i + 1) {
                Some(&next) if next.is_ascii_punctuation() => {
                    prefix.push(next);
                    i += 2;
                }
                _ => break,
            },
            '[' | '.' => break,
            '(' | ')' | '|' | '*' | '+' | '?' | '{' | '}' | '^' | '$' | ']' => return None,
            c if c.is_control() => return None,
            c => {
                prefix.push(c);
                i += 1;
            }
        }
    }
    let atom_end = atom_end(&chars, i)?;
    let atom: String = chars[i..atom_end].iter().collect();
    let quantifier: String = chars[atom_end..].iter().collect();
    let (min, max) = parse_quantifier(&quantifier)?;
    let translated = pattern::translate(&atom).ok()?;
    let whole = regex::Regex::new(&format!("^(?:{translated})$")).ok()?;
    let mut ascii = 0u128;
    for b in 0u8..128 {
        if whole.is_match(char::from(b).encode_utf8(&mut [0; 4])) {
            ascii |= 1u128 << b;
        }
    }
    Some(SimpleMatcher {
        prefix,
        ascii,
        non_ascii: admits_non_ascii(&translated),
        class: translated,
        min,
        max,
    })
}

/// `(...)` or `(?:...)` around the whole body, when those parentheses pair with each other.
fn strip_outer_group(body: &str) -> &str {
    let inner = body
        .strip_prefix("(?:")
        .or_else(|| body.strip_prefix('('))
        .and_then(|b| b.strip_suffix(')'));
    match inner {
        Some(inner) if !inner.contains(['(', ')']) => inner,
        _ => body,
    }
}

/// Where the single atom starting at `start` ends: a class, an escape class or `.`.
fn atom_end(chars: &[char], start: usize) -> Option<usize> {
    match chars.get(start)? {
        '.' => Some(start + 1),
        '[' => {
            let mut i = start + 1;
            if chars.get(i) == Some(&'^') {
                i += 1;
            }
            while let Some(&c) = chars.get(i) {
                match c {
                    '\\' => i += 2,
                    ']' if i > start + 1 => return Some(i + 1),
                    '[' => return None,
                    _ => i += 1,
                }
            }
            None
        }
        '\\' => match chars.get(start + 1)? {
            'd' | 'D' | 'w' | 'W' | 's' | 'S' => Some(start + 2),
            'p' | 'P' => {
                let close = chars[start..].iter().position(|&c| c == '}')?;
                Some(start + close + 1)
            }
            _ => None,
        },
        _ => None,
    }
}

fn parse_quantifier(text: &str) -> Option<(u64, Option<u64>)> {
    Some(match text {
        "" => (1, Some(1)),
        "*" => (0, None),
        "+" => (1, None),
        "?" => (0, Some(1)),
        _ => {
            let inner = text.strip_prefix('{')?.strip_suffix('}')?;
            match inner.split_once(',') {
                None => {
                    let n = inner.parse().ok()?;
                    (n, Some(n))
                }
                Some((low, "")) => (low.parse().ok()?, None),
                Some((low, high)) => {
                    let (low, high) = (low.parse().ok()?, high.parse().ok()?);
                    if low > high {
                        return None;
                    }
                    (low, Some(high))
                }
            }
        }
    })
}

/// Whether a translated single-class pattern can match a character beyond ASCII. Anything
/// the check does not understand counts as "yes", which only sends more values to the regex.
fn admits_non_ascii(translated: &str) -> bool {
    let Ok(hir) = regex_syntax::Parser::new().parse(translated) else {
        return true;
    };
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => class.ranges().iter().any(|r| r.end() > '\x7f'),
        HirKind::Class(Class::Bytes(class)) => class.ranges().iter().any(|r| r.end() > 0x7f),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bits(chars: &str) -> u128 {
        chars.bytes().fold(0, |acc, b| acc | 1u128 << b)
    }

    #[test]
    fn id_patterns_are_prefix_and_ascii_class() {
        let m = simple_form("^backup-[2-7a-zA-Z]{11,16}$");
        let letters: String = ('a'..='z').chain('A'..='Z').chain('2'..='7').collect();
        assert_eq!(
            m,
            Some(SimpleMatcher {
                prefix: "backup-".into(),
                ascii: bits(&letters),
                non_ascii: false,
                class: "[2-7a-zA-Z]".into(),
                min: 11,
                max: Some(16)
            })
        );
    }

    #[test]
    fn tag_pattern_is_a_unicode_class_in_a_group() {
        let m =
            simple_form(r"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$").unwrap_or_else(|| panic!("not simple"));
        assert_eq!(
            (m.prefix.as_str(), m.min, m.max, m.non_ascii),
            ("", 0, None, true)
        );
        // In ASCII: letters, digits, the space (the only ASCII \p{Z}) and the listed punctuation.
        let expected: String = ('a'..='z')
            .chain('A'..='Z')
            .chain('0'..='9')
            .chain(" _.:/=+-@".chars())
            .collect();
        assert_eq!(m.ascii, bits(&expected));
    }

    #[test]
    fn escape_classes_and_quantifiers() {
        let m = simple_form(r"^[0-9]+$").map(|m| (m.min, m.max, m.non_ascii));
        assert_eq!(m, Some((1, None, false)));
        let m = simple_form(r"^\d{3}$").map(|m| (m.ascii, m.min, m.max));
        assert_eq!(m, Some((bits("0123456789"), 3, Some(3))));
        assert!(simple_form(r"^x\s*$").is_some_and(|m| m.non_ascii && m.prefix == "x"));
    }

    #[test]
    fn other_patterns_are_not_simple() {
        for pattern in [
            r"^[a-z]{2}(-(gov))?-(east|west|north|south|central){1,2}-\d$",
            "^((p|)hsm[0-9][a-z.]*\\.[a-zA-Z]+)$",
            "[0-9]+",
            "^[0-9]+",
            "^ab*$",
            "^[a-z]{3,1}$",
            r"^a\$",
        ] {
            assert_eq!(simple_form(pattern), None, "{pattern}");
        }
    }
}
