//! The shortcut: table and vector passes for patterns that are a literal prefix and one
//! repeated class, derived from the pattern's syntax tree (see [`Shortcut`]).

use once_cell::sync::OnceCell;
use regex_syntax::hir::{Class, Hir, HirKind, Literal, Look};
use regex_syntax::Parser;

use super::vector::Vector;

/// The fast path of a pattern of the form `^prefix[class]{min,max}$` (possibly inside a
/// capture group), derived from the pattern's `regex` translation: the prefix, a byte table
/// and nibble tables of the class's ASCII members, and the class's Unicode ranges. ASCII
/// text is decided by the tables; other text by bitmaps of the class (over the Basic
/// Multilingual Plane for characters of up to three bytes, beyond it for four-byte ones),
/// built once from the ranges when the first non-ASCII text arrives. The regex is left
/// nothing.
#[derive(Debug)]
pub(super) struct Shortcut {
    prefix: Box<str>,
    prefix_chars: u64,
    byte_kinds: [u8; 256],
    lanes: Lanes,
    vector: Vector,
    /// The class as sorted, disjoint ranges of characters.
    class: Box<[(char, char)]>,
    /// Whether the class has a member beyond ASCII.
    admits_non_ascii: bool,
    min: u64,
    max: Option<u64>,
    non_ascii: OnceCell<Box<NonAscii>>,
}

/// The parts of a pattern the shortcut can run, read from its syntax tree.
#[derive(Debug, PartialEq)]
struct Form {
    prefix: String,
    class: Vec<(char, char)>,
    min: u64,
    max: Option<u64>,
}

impl Form {
    /// The form of a `regex` pattern: start anchors, literals, one class (or one character)
    /// repeated `{min,max}` times, end anchors, with capture groups anywhere among them
    /// (they do not change what matches). `None` for anything else, or a pattern that does
    /// not parse.
    fn of(regex_source: &str) -> Option<Form> {
        let hir = Parser::new().parse(regex_source).ok()?;
        let mut items = Vec::new();
        flatten(&hir, &mut items);
        let is_look =
            |item: &&Hir, look: Look| matches!(item.kind(), HirKind::Look(l) if *l == look);
        let starts = items.iter().take_while(|i| is_look(i, Look::Start)).count();
        let ends = items
            .iter()
            .rev()
            .take_while(|i| is_look(i, Look::End))
            .count();
        if starts == 0 || ends == 0 || starts + ends >= items.len() {
            return None;
        }
        let (last, literals) = items[starts..items.len() - ends].split_last()?;
        let mut prefix = String::new();
        for item in literals {
            let HirKind::Literal(Literal(bytes)) = item.kind() else {
                return None;
            };
            prefix.push_str(std::str::from_utf8(bytes).ok()?);
        }
        let (class, min, max) = match last.kind() {
            HirKind::Repetition(repetition) => {
                let class = class_of(&repetition.sub, true)?;
                (class, repetition.min, repetition.max)
            }
            _ => (class_of(last, false)?, 1, Some(1)),
        };
        Some(Form {
            prefix,
            class,
            min: u64::from(min),
            max: max.map(u64::from),
        })
    }
}

/// The concatenated items of `hir`, with concatenations and capture groups opened.
fn flatten<'h>(hir: &'h Hir, out: &mut Vec<&'h Hir>) {
    match hir.kind() {
        HirKind::Concat(items) => items.iter().for_each(|item| flatten(item, out)),
        HirKind::Capture(capture) => flatten(&capture.sub, out),
        HirKind::Empty => {}
        _ => out.push(hir),
    }
}

/// The ranges of a class, or (when `one_char` allows, as under a repetition, where the
/// parser turns `[a]` into `a`) of a single-character literal.
fn class_of(hir: &Hir, one_char: bool) -> Option<Vec<(char, char)>> {
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => Some(
            class
                .ranges()
                .iter()
                .map(|r| (r.start(), r.end()))
                .collect(),
        ),
        HirKind::Capture(capture) => class_of(&capture.sub, one_char),
        HirKind::Literal(Literal(bytes)) if one_char => {
            let mut chars = std::str::from_utf8(bytes).ok()?.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Some(vec![(c, c)]),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The class's ASCII members, as bits of a `u128`.
fn ascii_members(class: &[(char, char)]) -> u128 {
    class
        .iter()
        .filter(|&&(start, _)| start.is_ascii())
        .fold(0u128, |set, &(start, end)| {
            let (low, high) = (u32::from(start), u32::from(end).min(127));
            // Bits low..=high.
            let span = if high - low == 127 {
                u128::MAX
            } else {
                ((1u128 << (high - low + 1)) - 1) << low
            };
            set | span
        })
}

/// What decides non-ASCII text, built from the class on first use.
#[derive(Debug)]
struct NonAscii {
    /// The code points of U+0000..=U+3FFFF outside the class, one bit per code point: 64 code
    /// points a word, so a character's bytes but its last pick the word and the last one the
    /// bit. Outsiders rather than members, so the bit shifted down is the miss itself. The
    /// Basic Multilingual Plane and the three planes after it, all the four-byte characters
    /// of lead byte 0xF0 (supplementary letters and symbols, the CJK extensions, emoji),
    /// so that those too are one lookup: 32 KiB, of which text reads a word for each 64 code
    /// points it uses.
    planes: Box<[u64; PLANE_WORDS]>,
    /// The class beyond U+3FFFF, for four-byte characters of lead bytes 0xF1..=0xF4 (tags,
    /// variation selectors, private use).
    astral: Astral,
    /// Two-byte characters a vector pass can admit without the planes.
    two_byte_rows: TwoByteRows,
}

/// The last code point [`NonAscii::planes`] holds: the last of plane 3, the last a
/// four-byte character of lead byte 0xF0 can be. [`Astral`] holds the ones after it.
const PLANES_END: usize = 0x3FFFF;
/// The words of [`NonAscii::planes`], 64 code points each.
const PLANE_WORDS: usize = (PLANES_END + 1) / 64;

/// Runs of two-byte lead bytes whose characters are all in the class, but for those whose
/// continuation byte is one of `except`. A character of such a lead and another
/// continuation byte is a member: a vector pass can check it with comparisons, sixteen
/// bytes a step. For `\p{L}`, for instance, the Latin-1 letters (lead 0xC3, less × and ÷),
/// Latin Extended-A and -B and IPA (0xC4..=0xCA) and Cyrillic (0xD0, 0xD1). It pays for text
/// of mostly ASCII words with some such letters (`Zürich Genève`), which the ASCII vector
/// pass has read already; text that starts with a non-ASCII character goes to the character
/// pass, which is faster on it (BENCHMARKS.md, fifth round).
#[derive(Clone, Copy, Debug, PartialEq)]
struct TwoByteRows {
    /// Lead bytes as (first, count - 1); an unused run is `(0, 0)`, and NUL never comes
    /// before a continuation byte.
    leads: [(u8, u8); 2],
    /// Continuation bytes the runs leave to the planes; an unused entry is 0, which is no
    /// continuation byte.
    except: [u8; 2],
}

/// `bytes[b]` for an ASCII byte outside the class. Bit 0, which the character pass reads as
/// a miss from a table entry and from a word of the planes alike.
const OUTSIDE: u8 = 1;
const _: () = assert!(OUTSIDE == 1, "the character pass reads a miss from bit 0");
/// `bytes[b]` for a byte of a non-ASCII character.
const NON_ASCII: u8 = 2;
/// `bytes[b]` (with [`NON_ASCII`]) for the lead byte of a three- or four-byte character.
const WIDE: u8 = 4;

/// What a scan of a value found.
pub(super) enum Scan {
    /// Every character is in the class; this many characters.
    Members(u64),
    /// A character is not in the class.
    Outsider,
    /// Only the regex can tell: never for valid UTF-8 (a `&str`); the passes give it
    /// rather than index past a character that ends early.
    Undecided,
}

/// The four longest runs of consecutive ASCII members, as (first byte, length - 1); unused
/// entries are `(0xFF, 0)`, which only the non-ASCII byte 0xFF would fall in.
const fn widest_runs(ascii: u128) -> [(u8, u8); 4] {
    let mut runs = [(0xFFu8, 0u8); 4];
    let mut b = 0u32;
    while b < 128 {
        if (ascii >> b) & 1 == 0 {
            b += 1;
            continue;
        }
        let first = b;
        while b < 128 && (ascii >> b) & 1 == 1 {
            b += 1;
        }
        let span = (b - 1 - first) as u8;
        // Replace the shortest kept run (a free slot first; of equals, the one of the
        // highest bytes, so ties keep the lowest, space among them) if this one is longer.
        let mut slot = 0;
        let mut i = 1;
        while i < 4 {
            if eviction_key(runs[i]) < eviction_key(runs[slot]) {
                slot = i;
            }
            i += 1;
        }
        if run_rank(runs[slot]) < span as i32 {
            runs[slot] = (first as u8, span);
        }
    }
    runs
}

/// Up to four ASCII members that make up runs of their own (one byte long) and are not in
/// `runs`, lowest first; unused entries are 0xFF, which no ASCII byte equals.
const fn single_members(ascii: u128, runs: [(u8, u8); 4]) -> [u8; 4] {
    let mut singles = [0xFFu8; 4];
    let mut kept = 0;
    let mut b = 0u32;
    while b < 128 && kept < 4 {
        let alone =
            is_member(ascii, b) && (b == 0 || !is_member(ascii, b - 1)) && !is_member(ascii, b + 1);
        let mut in_runs = false;
        let mut i = 0;
        while i < 4 {
            in_runs |= runs[i].0 as u32 == b;
            i += 1;
        }
        if alone && !in_runs {
            singles[kept] = b as u8;
            kept += 1;
        }
        b += 1;
    }
    singles
}

const fn is_member(ascii: u128, b: u32) -> bool {
    b < 128 && (ascii >> b) & 1 == 1
}

/// A kept run's length for [`widest_runs`]; a free slot ranks below every run.
const fn run_rank(run: (u8, u8)) -> i32 {
    if run.0 == 0xFF {
        -1
    } else {
        run.1 as i32
    }
}

/// Which kept run [`widest_runs`] replaces first: the shortest, and of equals the one of
/// the highest bytes.
const fn eviction_key(run: (u8, u8)) -> i32 {
    run_rank(run) * 256 - run.0 as i32
}

const fn byte_table(ascii: u128) -> [u8; 256] {
    let mut table = [NON_ASCII; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = if b >= 0xE0 {
            NON_ASCII | WIDE
        } else if b >= 0x80 {
            NON_ASCII
        } else if (ascii >> b) & 1 == 1 {
            0
        } else {
            OUTSIDE
        };
        b += 1;
    }
    table
}

impl Shortcut {
    /// The shortcut of a pattern (its `regex` translation), if it has the form.
    pub(super) fn of(regex_source: &str) -> Option<Shortcut> {
        let form = Form::of(regex_source)?;
        let ascii = ascii_members(&form.class);
        let runs = widest_runs(ascii);
        Some(Shortcut {
            prefix_chars: form.prefix.chars().count() as u64,
            prefix: form.prefix.into_boxed_str(),
            byte_kinds: byte_table(ascii),
            lanes: Lanes::of(runs, single_members(ascii, runs)),
            vector: Vector::of(ascii),
            admits_non_ascii: form.class.last().is_some_and(|&(_, end)| !end.is_ascii()),
            class: form.class.into_boxed_slice(),
            min: form.min,
            max: form.max,
            non_ascii: OnceCell::new(),
        })
    }

    /// Decides every value with the class alone, one character at a time: each character
    /// after the prefix is in it, and their count is within bounds. For a pattern whose
    /// whole regex is too large to compile (a class repeated thousands of times,
    /// `^[^\p{C}]{1,2048}$`), where only the class can decide what the fast passes leave.
    pub(super) fn decide_by_class(&self, value: &str) -> bool {
        let Some(rest) = value.strip_prefix(&*self.prefix) else {
            return false;
        };
        let mut count = 0u64;
        for c in rest.chars() {
            if !self.has_member(c) {
                return false;
            }
            count += 1;
        }
        self.count_fits(count)
    }

    fn has_member(&self, c: char) -> bool {
        self.class
            .binary_search_by(|&(start, end)| {
                if end < c {
                    std::cmp::Ordering::Less
                } else if start > c {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
    }

    /// Characters in the prefix, which [`scan`](Self::scan) does not count.
    pub(super) fn prefix_chars(&self) -> u64 {
        self.prefix_chars
    }

    /// `Some(answer)` when the shortcut decides, `None` when only the regex can.
    pub(super) fn decide(&self, value: &str) -> Option<bool> {
        self.verdict(self.scan::<true, true>(value))
    }

    /// What a scan says of the whole pattern: `Some(answer)`, or `None` for the regex.
    fn verdict(&self, scan: Scan) -> Option<bool> {
        match scan {
            Scan::Members(count) => Some(self.count_fits(count)),
            Scan::Outsider => Some(false),
            Scan::Undecided => None,
        }
    }

    /// Whether `count` characters of the class (after the prefix) are within `{min,max}`.
    pub(super) fn count_fits(&self, count: u64) -> bool {
        count >= self.min && self.max.is_none_or(|max| count <= max)
    }

    /// The text after the prefix, in passes that each run only when the one before leaves
    /// something open. Text under 32 bytes (most IDs, names and keys) is looked up in the
    /// byte table, inlined into the caller. Longer text that starts with an ASCII byte is
    /// read 32 bytes at a time: with a byte shuffle where the processor has AVX2
    /// ([`Vector`]), else by comparisons with the class's widest runs and the byte table
    /// ([`ascii_by_runs`](Self::ascii_by_runs)). For ASCII text that is the answer. Text
    /// with non-ASCII characters (and long text that starts with one) goes on to
    /// [`scan_non_ascii`](Self::scan_non_ascii): a vector pass for blocks of the common
    /// two-byte characters where it can help, then one pass over the characters for the
    /// rest.
    ///
    /// `BLOCK_PASS` is whether long two-byte text may take the block pass, `VECTOR` whether
    /// the passes of [`Vector`] may run where the processor has AVX2: always, but for the
    /// benchmarks that show what those are worth, which call the other instances
    /// (`Pattern::match_and_length_without_block_pass`, `Pattern::match_and_length_portable`);
    /// constants, so no instance reads a switch.
    #[inline(always)]
    pub(super) fn scan<const BLOCK_PASS: bool, const VECTOR: bool>(&self, value: &str) -> Scan {
        let rest = if self.prefix.is_empty() {
            value
        } else {
            match value.strip_prefix(&*self.prefix) {
                Some(rest) => rest,
                None => return Scan::Outsider,
            }
        };
        let bytes = rest.as_bytes();
        if bytes.len() >= 32 {
            return self.scan_long::<BLOCK_PASS, VECTOR>(rest);
        }
        // Short text (most IDs, names and keys): the table alone, a byte at a time, inlined
        // into the caller, so the common answer costs no call.
        let flags = bytes
            .iter()
            .fold(0u8, |flags, &b| flags | self.byte_kinds[usize::from(b)]);
        if flags == 0 {
            Scan::Members(bytes.len() as u64)
        } else if flags & OUTSIDE != 0 {
            Scan::Outsider
        } else {
            self.scan_non_ascii::<VECTOR>(rest, false)
        }
    }

    /// [`scan`](Self::scan) of text of 32 bytes or more (after the prefix).
    #[inline(never)]
    fn scan_long<const BLOCK_PASS: bool, const VECTOR: bool>(&self, text: &str) -> Scan {
        let bytes = text.as_bytes();
        // Text that starts with a non-ASCII character (Greek, Cyrillic, Arabic, CJK, Hangul,
        // Indic scripts, the astral planes) is mostly such text: the character pass decides
        // all of it, and the ASCII vector pass would only be read in vain.
        if bytes.first().is_some_and(|&b| b >= 0x80) {
            return self.scan_non_ascii::<VECTOR>(text, false);
        }
        let vector = if VECTOR {
            self.vector.ascii(bytes)
        } else {
            None
        };
        let (outsider, highest) = vector.unwrap_or_else(|| self.ascii_by_runs(bytes));
        if outsider {
            return Scan::Outsider;
        }
        if highest < 0x80 {
            return Scan::Members(bytes.len() as u64);
        }
        self.scan_non_ascii::<VECTOR>(text, BLOCK_PASS && highest < 0xE0)
    }

    /// Whether some ASCII byte of `bytes` is not a member, and the highest byte (exact when
    /// it is below 0x80; else at least 0x80, and at least 0xE0 when a three- or four-byte
    /// character is there), without the processor's byte shuffle: whole 32-byte blocks are
    /// compared with the class's widest runs ([`outside_runs`](Self::outside_runs), vector
    /// code), the rest, and blocks with bytes none of those cover, looked up in the table.
    fn ascii_by_runs(&self, bytes: &[u8]) -> (bool, u8) {
        // The vector check wants whole blocks of 32 bytes; the rest goes to the table,
        // which costs less per byte than a vector loop's scalar tail.
        let (body, tail) = bytes.split_at(bytes.len() & !31);
        let tail_flags = self.byte_flags(tail);
        if tail_flags & OUTSIDE != 0 {
            return (true, 0);
        }
        let (uncovered, highest) = self.outside_runs(body);
        // Some ASCII byte is outside the widest runs: only the table can say whether it is a
        // member.
        if uncovered && self.byte_flags(body) & OUTSIDE != 0 {
            return (true, 0);
        }
        let tail_highest = if tail_flags & WIDE != 0 {
            0xE0
        } else if tail_flags & NON_ASCII != 0 {
            0x80
        } else {
            0
        };
        (false, highest.max(tail_highest))
    }

    /// Text with non-ASCII characters. With `blocks` (text of 32 bytes or more whose ASCII
    /// bytes the caller has found all members, since the block pass reads only non-ASCII
    /// characters, and whose characters are of two bytes at most), the block pass
    /// ([`TwoByteRows::admit_blocks`]) first admits the blocks of the common two-byte
    /// characters sixteen bytes a step; the character pass ([`scan_chars`](Self::scan_chars))
    /// decides the rest, from the first block it leaves open.
    #[inline(never)]
    fn scan_non_ascii<const VECTOR: bool>(&self, text: &str, blocks: bool) -> Scan {
        if !self.admits_non_ascii {
            return Scan::Outsider;
        }
        let tables = self.non_ascii();
        let (from, admitted) = if blocks && text.len() >= 32 && tables.two_byte_rows.any() {
            let admit = || tables.two_byte_rows.admit_blocks(text.as_bytes());
            if VECTOR {
                self.vector.run(admit)
            } else {
                admit()
            }
        } else {
            (0, 0)
        };
        let Some(rest) = text.get(from..) else {
            return Scan::Undecided;
        };
        match self.scan_chars(rest, tables) {
            Scan::Members(count) => Scan::Members(admitted + count),
            decided => decided,
        }
    }

    /// Every character looked up, one pass over the bytes: ASCII in the byte table, other
    /// characters up to U+3FFFF in the planes, the rest in [`Astral`]. The text is valid
    /// UTF-8, so a lead byte says how long its character is, and the planes' word is picked
    /// by the payload bits of the bytes before the last (a four-byte character's lead, 0xF0,
    /// has none), and the bit by the last one's low six bits, with no full decoding. Misses are
    /// gathered rather than branched on, so the only branch a character is on its width, and
    /// a run of characters of one width beyond ASCII (most text in a script that is not Latin)
    /// stays in a loop of its own that reads two characters a step and tests only their lead
    /// bytes.
    /// While four bytes remain the text is matched as `[lead, b1, b2, b3, ..]`: every
    /// character's bytes are at hand, and each width steps past its own bytes, a step the
    /// compiler knows to be in bounds, so the slice's length is the loop's only check
    /// (BENCHMARKS.md has what that and the unmasked misses are worth). The last three
    /// bytes at most take a loop of their own. It decides any valid text.
    #[inline(never)]
    fn scan_chars(&self, text: &str, tables: &NonAscii) -> Scan {
        let planes = &*tables.planes;
        // A miss sets bit 0 of `outside` (the word of outsiders, shifted to the character's
        // bit; the bits above it are ignored), so a character costs no mask.
        let miss = |word: u64, last: u8| word >> (last & 0x3F);
        let two_byte = |lead: u8, last: u8| miss(planes[usize::from(lead & 0x1F)], last);
        let three_byte = |lead: u8, second: u8, last: u8| {
            let row = (usize::from(lead & 0x0F) << 6) | usize::from(second & 0x3F);
            miss(planes[row], last)
        };
        // A four-byte character of lead byte 0xF0 (U+10000..=U+3FFFF): its second byte's
        // low six bits are the code point's bits 12..=17.
        let low_four_byte = |second: u8, third: u8, last: u8| {
            let row = (usize::from(second & 0x3F) << 6) | usize::from(third & 0x3F);
            miss(planes[row], last)
        };
        let mut outside = 0u64;
        let mut continuation = 0usize;
        let mut rest = text.as_bytes();
        while let [lead, _, _, _, ..] = *rest {
            if lead < 0x80 {
                // Bit 0 of a table entry is `OUTSIDE`.
                outside |= u64::from(self.byte_kinds[usize::from(lead)]);
                rest = &rest[1..];
            } else if lead < 0xE0 {
                // A run of two-byte characters (Greek, Cyrillic, Arabic, accented Latin
                // letters) stays in a loop of its own, two characters a step and one test of
                // each lead byte; its continuation bytes are counted once, from its length.
                // The lead byte just read matches the last pattern, so the branch always
                // steps.
                let before = rest.len();
                while let [lead @ 0x80..=0xDF, b1, next @ 0x80..=0xDF, b3, ..] = *rest {
                    outside |= two_byte(lead, b1) | two_byte(next, b3);
                    rest = &rest[4..];
                }
                if let [lead @ 0x80..=0xDF, b1, ..] = *rest {
                    outside |= two_byte(lead, b1);
                    rest = &rest[2..];
                }
                continuation += (before - rest.len()) / 2;
            } else if lead < 0xF0 {
                // The same for three-byte characters (CJK, Hangul, most Indic scripts).
                let before = rest.len();
                while let [lead @ 0xE0..=0xEF, b1, b2, next @ 0xE0..=0xEF, b4, b5, ..] = *rest {
                    outside |= three_byte(lead, b1, b2) | three_byte(next, b4, b5);
                    rest = &rest[6..];
                }
                if let [lead @ 0xE0..=0xEF, b1, b2, ..] = *rest {
                    outside |= three_byte(lead, b1, b2);
                    rest = &rest[3..];
                }
                continuation += (before - rest.len()) / 3 * 2;
            } else {
                // And for four-byte characters of lead byte 0xF0 (planes 1 to 3, where
                // nearly all of them are); one of a later plane is read alone, in
                // [`Astral`].
                let before = rest.len();
                while let [0xF0, b1, b2, b3, 0xF0, b5, b6, b7, ..] = *rest {
                    outside |= low_four_byte(b1, b2, b3) | low_four_byte(b5, b6, b7);
                    rest = &rest[8..];
                }
                if let [lead @ 0xF0..=0xFF, b1, b2, b3, ..] = *rest {
                    outside |= if lead == 0xF0 {
                        low_four_byte(b1, b2, b3)
                    } else {
                        miss(tables.astral.word([lead, b1, b2]), b3)
                    };
                    rest = &rest[4..];
                }
                continuation += (before - rest.len()) / 4 * 3;
            }
        }
        // The last three bytes at most.
        loop {
            match *rest {
                [] => break,
                [lead, ..] if lead < 0x80 => {
                    outside |= u64::from(self.byte_kinds[usize::from(lead)]);
                    rest = &rest[1..];
                }
                [lead, last, ..] if lead < 0xE0 => {
                    outside |= two_byte(lead, last);
                    continuation += 1;
                    rest = &rest[2..];
                }
                [lead, second, last] if lead < 0xF0 => {
                    outside |= three_byte(lead, second, last);
                    continuation += 2;
                    rest = &rest[3..];
                }
                // A four-byte character needs four bytes, and fewer remain.
                _ => return Scan::Undecided,
            }
        }
        if outside & u64::from(OUTSIDE) != 0 {
            return Scan::Outsider;
        }
        Scan::Members((text.len() - continuation) as u64)
    }

    /// Whether any ASCII byte lies outside the class's four widest runs of members and four
    /// single-byte members, and the highest byte (non-ASCII text has one of 0x80 or more, text
    /// with a three- or four-byte character one of 0xE0 or more). Comparisons with no table and
    /// no early exit, so the compiler turns the loop into vector instructions: a fraction of
    /// a cycle a byte, and for most classes (letters, digits and a few marks) the whole
    /// answer for ASCII text.
    #[inline]
    fn outside_runs(&self, bytes: &[u8]) -> (bool, u8) {
        let Lanes {
            firsts: [f0, f1, f2, f3],
            spans: [s0, s1, s2, s3],
            singles: [e0, e1, e2, e3],
        } = &self.lanes;
        let mut uncovered = [0u8; 16];
        let mut highest = [0u8; 16];
        for chunk in bytes.chunks_exact(16) {
            for k in 0..16 {
                let b = chunk[k];
                let outside = ((b.wrapping_sub(f0[k]) as i8) > s0[k])
                    & ((b.wrapping_sub(f1[k]) as i8) > s1[k])
                    & ((b.wrapping_sub(f2[k]) as i8) > s2[k])
                    & ((b.wrapping_sub(f3[k]) as i8) > s3[k])
                    & (b != e0[k])
                    & (b != e1[k])
                    & (b != e2[k])
                    & (b != e3[k]);
                // Bit 7 of `!b` is set only for an ASCII byte.
                uncovered[k] |= if outside { !b } else { 0 };
                highest[k] = highest[k].max(b);
            }
        }
        let uncovered = uncovered.iter().fold(0, |all, &u| all | u);
        let highest = highest.iter().fold(0, |all, &h| all.max(h));
        (uncovered & 0x80 != 0, highest)
    }

    /// The OR of every byte's table entry: which kinds of byte the text holds. Sixteen bytes
    /// a step, then four, without branches, so the loop keeps to about two instructions a
    /// byte and nothing but the flags stays live across it. For the last bytes of long text
    /// and for text the vector pass leaves open; short text folds the table itself.
    #[inline(always)]
    fn byte_flags(&self, bytes: &[u8]) -> u8 {
        let t = &self.byte_kinds;
        let entry = |b: u8| t[usize::from(b)];
        // Four accumulators, so the ORs form four short chains the processor runs side by
        // side instead of one long one (a chain of dependent ORs costs a cycle a byte).
        let mut chunks = bytes.chunks_exact(16);
        let mut acc = [0u8; 4];
        for c in &mut chunks {
            acc[0] |= entry(c[0]) | entry(c[4]) | entry(c[8]) | entry(c[12]);
            acc[1] |= entry(c[1]) | entry(c[5]) | entry(c[9]) | entry(c[13]);
            acc[2] |= entry(c[2]) | entry(c[6]) | entry(c[10]) | entry(c[14]);
            acc[3] |= entry(c[3]) | entry(c[7]) | entry(c[11]) | entry(c[15]);
        }
        let mut quads = chunks.remainder().chunks_exact(4);
        for q in &mut quads {
            acc[0] |= entry(q[0]);
            acc[1] |= entry(q[1]);
            acc[2] |= entry(q[2]);
            acc[3] |= entry(q[3]);
        }
        quads
            .remainder()
            .iter()
            .fold(acc[0] | acc[1] | acc[2] | acc[3], |flags, &b| {
                flags | entry(b)
            })
    }

    /// The planes, the astral table and the two-byte rows of the class, built on first use.
    fn non_ascii(&self) -> &NonAscii {
        self.non_ascii.get_or_init(|| {
            let mut planes = Box::new([0u64; PLANE_WORDS]);
            for &(start, end) in self.class.iter() {
                set_bits(&mut *planes, start as usize, (end as usize).min(PLANES_END));
            }
            // Members were set; the planes keep the outsiders.
            planes.iter_mut().for_each(|word| *word = !*word);
            Box::new(NonAscii {
                two_byte_rows: TwoByteRows::of(&planes),
                planes,
                astral: Astral::of(&self.class),
            })
        })
    }
}

impl TwoByteRows {
    /// No runs: every non-ASCII character goes to the planes.
    const NONE: TwoByteRows = TwoByteRows {
        leads: [(0, 0); 2],
        except: [0; 2],
    };

    /// The widest choice for a class: for each candidate exception set (none, or a row's
    /// one or two missing continuation bytes), the two longest runs of lead bytes whose rows
    /// miss nothing else; the most lead bytes wins, the first found of equals.
    fn of(planes: &[u64; PLANE_WORDS]) -> TwoByteRows {
        // Row of lead byte 0xC0 + i: the word of U+0000 + 64 * i; bit k stands for
        // continuation byte 0x80 + k. Leads 0xC0 and 0xC1 are never in valid UTF-8.
        let missing = |lead: u8| planes[usize::from(lead & 0x1F)];
        let mut best = (0u32, TwoByteRows::NONE);
        let candidates = std::iter::once(0u64).chain(
            (0xC2..=0xDFu8)
                .map(missing)
                .filter(|m| (1..=2).contains(&m.count_ones())),
        );
        for allowed in candidates {
            let mut runs: [(u8, u8); 2] = [(0, 0); 2];
            let mut widths = [0u32; 2];
            let mut lead = 0xC2u8;
            while lead <= 0xDF {
                if missing(lead) & !allowed != 0 {
                    lead += 1;
                    continue;
                }
                let first = lead;
                while lead <= 0xDF && missing(lead) & !allowed == 0 {
                    lead += 1;
                }
                let width = u32::from(lead - first);
                let narrowest = usize::from(widths[1] < widths[0]);
                if width > widths[narrowest] {
                    widths[narrowest] = width;
                    runs[narrowest] = (first, lead - first - 1);
                }
            }
            let total = widths[0] + widths[1];
            if total > best.0 {
                let mut except = [0u8; 2];
                let mut bits = allowed;
                for slot in &mut except {
                    if bits != 0 {
                        *slot = 0x80 | bits.trailing_zeros() as u8;
                        bits &= bits - 1;
                    }
                }
                best = (
                    total,
                    TwoByteRows {
                        leads: runs,
                        except,
                    },
                );
            }
        }
        best.1
    }

    /// Whether any lead byte is covered.
    fn any(&self) -> bool {
        self.leads.iter().any(|&(first, _)| first != 0)
    }

    /// Checks 32 bytes of text (`prev` holds the byte before each): whether some
    /// continuation byte is not admitted by the runs, and how many continuation bytes there
    /// are. Every non-ASCII character has a continuation byte, and the byte before a
    /// continuation byte of a two-byte character is its lead, so a block without
    /// unadmitted bytes holds only members. Comparisons only, so the compiler emits vector
    /// code.
    #[inline(always)]
    fn check_block(&self, block: &[u8; 32], prev: &[u8; 32]) -> (bool, u8) {
        let [(f0, s0), (f1, s1)] = self.leads.map(signed_run);
        let [x0, x1] = self.except;
        let mut unadmitted = 0u8;
        let mut continuation = 0u8;
        for (&b, &p) in block.iter().zip(prev) {
            let is_continuation = (b as i8) < -64;
            let admitted = (((p.wrapping_sub(f0) as i8) <= s0)
                | ((p.wrapping_sub(f1) as i8) <= s1))
                & (b != x0)
                & (b != x1);
            unadmitted |= u8::from(is_continuation & !admitted);
            continuation += u8::from(is_continuation);
        }
        (unadmitted != 0, continuation)
    }

    /// Admits whole blocks of 32 bytes from the start of `bytes` (valid UTF-8) while
    /// [`check_block`](Self::check_block) finds only members in them: the character
    /// boundary where the first block it leaves open begins (or where the last bytes
    /// begin), and how many characters come before it.
    #[inline(always)]
    fn admit_blocks(&self, bytes: &[u8]) -> (usize, u64) {
        let whole = bytes.len() & !31;
        // The first block's previous bytes: a NUL (the text's first byte is no continuation
        // byte), then its own first 31.
        let mut first_prev = [0u8; 32];
        if let Some(head) = bytes.get(..31) {
            first_prev[1..].copy_from_slice(head);
        }
        let mut continuation = 0usize;
        let mut start = 0;
        while start < whole {
            let prev = if start == 0 {
                Some(&first_prev[..])
            } else {
                bytes.get(start - 1..start + 31)
            };
            let (Some(Ok(block)), Some(Ok(prev))) = (
                bytes.get(start..start + 32).map(<&[u8; 32]>::try_from),
                prev.map(<&[u8; 32]>::try_from),
            ) else {
                break;
            };
            let (open, found) = self.check_block(block, prev);
            if open {
                break;
            }
            continuation += usize::from(found);
            start += 32;
        }
        // A character may run across into the open block: back up to its lead. The bytes
        // between the lead and `start` are continuation bytes already counted.
        let mut boundary = start;
        while boundary > 0 && bytes.get(boundary).is_some_and(|&b| (b as i8) < -64) {
            boundary -= 1;
        }
        continuation -= (start - boundary).saturating_sub(1);
        (boundary, (boundary - continuation) as u64)
    }
}

/// What [`Shortcut::outside_runs`] compares each byte with, each repeated across sixteen
/// lanes, so the vector loop loads its operands instead of building them on every call:
/// the four widest runs of ASCII members (as [`signed_run`]s) and four single members.
#[derive(Debug)]
struct Lanes {
    firsts: [[u8; 16]; 4],
    spans: [[i8; 16]; 4],
    singles: [[u8; 16]; 4],
}

impl Lanes {
    fn of(runs: [(u8, u8); 4], singles: [u8; 4]) -> Lanes {
        let runs = runs.map(signed_run);
        Lanes {
            firsts: runs.map(|(first, _)| [first; 16]),
            spans: runs.map(|(_, span)| [span; 16]),
            singles: singles.map(|single| [single; 16]),
        }
    }
}

/// Sets the bits of code points `start..=end` in a bitmap of 64 code points a word, a word
/// at a time; bits past the map's end are left out.
fn set_bits(words: &mut [u64], start: usize, end: usize) {
    let mut cp = start;
    while cp <= end {
        let word_end = (cp | 63).min(end);
        let width = word_end - cp + 1;
        let mask = if width == 64 {
            u64::MAX
        } else {
            ((1u64 << width) - 1) << (cp & 63)
        };
        if let Some(word) = words.get_mut(cp >> 6) {
            *word |= mask;
        }
        cp = word_end + 1;
    }
}

/// A run of bytes `(first, span)` (`first..=first + span`) for a signed comparison: SSE2
/// compares bytes as signed numbers only, and `b - first <= span` unsigned is
/// `(b - (first ^ 0x80)) as i8 <= (span ^ 0x80) as i8`, one subtraction and one comparison.
const fn signed_run((first, span): (u8, u8)) -> (u8, i8) {
    (first ^ 0x80, (span ^ 0x80) as i8)
}

/// The code points outside a class beyond [`PLANES_END`] (U+40000..=U+10FFFF: tags,
/// variation selectors, private use), in blocks of 4,096 code points read straight from a
/// four-byte character's bytes: the first two pick the block, the third the block's word,
/// the last the bit. Blocks with the same members share one map (most of these planes are
/// unassigned, so a few maps serve them all).
#[derive(Debug)]
struct Astral {
    /// For each block (`(lead & 0x07) << 6 | (second & 0x3F)`; 512 cover every lead byte,
    /// 64..=271 hold planes 4 to 16, those before them are never read), where its map of
    /// outsiders starts in `words`: a multiple of 64, so a word's place in the map is or-ed
    /// in.
    blocks: [u32; 512],
    /// The maps, 64 words each, one after another.
    words: Box<[u64]>,
}

impl Astral {
    fn of(class: &[(char, char)]) -> Astral {
        // Code point `cp`'s bit is bit `cp & 63` of word `cp >> 6`: the bits above the lowest
        // six are what a four-byte character's bytes after the lead carry.
        let mut bits = vec![0u64; 512 * 64];
        for &(start, end) in class {
            set_bits(
                &mut bits,
                (start as usize).max(PLANES_END + 1),
                end as usize,
            );
        }
        let mut words: Vec<u64> = Vec::new();
        let mut index = std::collections::HashMap::new();
        let mut blocks = [0u32; 512];
        for (block, chunk) in blocks.iter_mut().zip(bits.chunks_exact(64)) {
            let mut map = [0u64; 64];
            for (outsiders, members) in map.iter_mut().zip(chunk) {
                *outsiders = !members;
            }
            *block = *index.entry(map).or_insert_with(|| {
                let start = words.len() as u32;
                words.extend_from_slice(&map);
                start
            });
        }
        Astral {
            blocks,
            words: words.into_boxed_slice(),
        }
    }

    /// The word of the class's map that holds the four-byte character of these bytes (its
    /// first three): the character is outside the class if the word's bit at the last
    /// byte's low six bits is set.
    #[inline(always)]
    fn word(&self, [lead, second, third]: [u8; 3]) -> u64 {
        let block = (usize::from(lead & 0x07) << 6) | usize::from(second & 0x3F);
        let word = self.blocks[block] as usize | usize::from(third & 0x3F);
        self.words.get(word).copied().unwrap_or(u64::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    /// The shortcut of a pattern that must have one.
    fn shortcut(regex_source: &str) -> Shortcut {
        Shortcut::of(regex_source).unwrap_or_else(|| panic!("no shortcut for {regex_source}"))
    }

    /// Every instance of the scan: with and without the block pass, with and without the
    /// vector passes (the same where the processor has no AVX2). Each must answer alike.
    fn scans(shortcut: &Shortcut, text: &str) -> [Scan; 4] {
        [
            shortcut.scan::<true, true>(text),
            shortcut.scan::<false, true>(text),
            shortcut.scan::<true, false>(text),
            shortcut.scan::<false, false>(text),
        ]
    }

    /// Members and outsiders of each width: 'a' and '!', 'é' and '×', '中' and '€', '𝐀'
    /// and '😀', U+1D456 and U+1D455 (a hole among the mathematical italic letters: an
    /// outsider whose bitmap word holds members), U+30000 (a CJK letter of the last plane the
    /// planes hold) and U+E0041 (a tag character, beyond them: [`Astral`]); U+2028 is a
    /// separator (`\p{Z}`), so a member of the tag class.
    const EACH_WIDTH: [char; 13] = [
        'a',
        '!',
        'é',
        '×',
        '中',
        '€',
        '\u{2028}',
        '𝐀',
        '😀',
        '\u{1D456}',
        '\u{1D455}',
        '\u{30000}',
        '\u{E0041}',
    ];

    /// That a scan of `text` answered as the regex does (`expected`), and counted its
    /// characters when it admitted it.
    fn assert_decided(scan: Scan, text: &str, expected: bool) {
        match scan {
            Scan::Members(count) => {
                assert!(expected, "{text:?} admitted");
                assert_eq!(count, text.chars().count() as u64, "{text:?}");
            }
            Scan::Outsider => assert!(!expected, "{text:?} refused"),
            Scan::Undecided => panic!("{text:?} left undecided"),
        }
    }

    fn bits(chars: &str) -> u128 {
        chars.bytes().fold(0, |acc, b| acc | 1u128 << b)
    }

    #[test]
    fn id_patterns_are_a_prefix_and_an_ascii_class() {
        let form = Form::of(r"^backup\-[2-7a-zA-Z]{11,16}$");
        assert_eq!(
            form,
            Some(Form {
                prefix: "backup-".into(),
                class: vec![('2', '7'), ('A', 'Z'), ('a', 'z')],
                min: 11,
                max: Some(16),
            })
        );
        let letters: String = ('a'..='z').chain('A'..='Z').chain('2'..='7').collect();
        let ids = shortcut(r"^backup\-[2-7a-zA-Z]{11,16}$");
        assert_eq!(ascii_members(&ids.class), bits(&letters));
        assert!(!ids.admits_non_ascii);
    }

    #[test]
    fn the_tag_pattern_is_a_unicode_class_in_a_group() {
        let tag = shortcut(r"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$");
        assert_eq!((&*tag.prefix, tag.min, tag.max), ("", 0, None));
        assert!(tag.admits_non_ascii);
        // In ASCII: letters, digits, the space (the only ASCII \p{Z}) and the listed
        // punctuation.
        let expected: String = ('a'..='z')
            .chain('A'..='Z')
            .chain('0'..='9')
            .chain(" _.:/=+-@".chars())
            .collect();
        assert_eq!(ascii_members(&tag.class), bits(&expected));
    }

    #[test]
    fn escape_classes_quantifiers_and_java_anchors() {
        let form = |p: &str| Form::of(p).map(|f| (f.prefix, f.min, f.max));
        assert_eq!(form(r"^[0-9]+$"), Some((String::new(), 1, None)));
        assert_eq!(form(r"^[0-9]{3}$"), Some((String::new(), 3, Some(3))));
        assert_eq!(form(r"^x[0-9]$"), Some(("x".into(), 1, Some(1))));
        assert_eq!(form(r"^(?:ab)(c)[a]*$"), Some(("abc".into(), 0, None)));
        assert_eq!(form(r"\A\z^snap\-[0-9]?\z$").map(|f| f.0), None);
        assert_eq!(
            form(r"^\Asnap\-[0-9]?\z$"),
            Some(("snap-".into(), 0, Some(1)))
        );
        assert_eq!(
            form(r"^[^\n\r\x{2028}\x{2029}]{1,100000}$").map(|f| f.2),
            Some(Some(100_000))
        );
        assert!(shortcut(r"^x[\t\n\x0B\x0C\r \x{A0}]*$").admits_non_ascii);
    }

    #[test]
    fn other_patterns_have_no_shortcut() {
        for pattern in [
            r"^[a-z]{2}(\-(gov))?\-(east|west|north|south|central){1,2}\-[0-9]$",
            r"^((p|)hsm[0-9][a-z.]*\.[a-zA-Z]+)$",
            "[0-9]+",
            "^[0-9]+",
            "[0-9]+$",
            "^abc$",
            "^ab*c$",
            "^[a-z]{3,1}$",
            r"^a\$",
            "(?m)^[a-z]+$",
            "^[a-z]+(?=x)$",
            "(",
        ] {
            assert_eq!(Form::of(pattern), None, "{pattern}");
        }
    }

    #[test]
    fn shortcut_decides_ascii_the_bmp_and_beyond() {
        let ids = shortcut(r"^id\-[a-z]{2,3}$");
        assert_eq!(ids.decide("id-ab"), Some(true));
        assert_eq!(ids.decide("id-a"), Some(false));
        assert_eq!(ids.decide("id-abcd"), Some(false));
        assert_eq!(ids.decide("x-ab"), Some(false));
        assert_eq!(ids.decide("id-é"), Some(false));
        let words = shortcut(r"^[a-z\p{Greek}]{0,4}$");
        assert_eq!(words.decide("abc"), Some(true));
        assert_eq!(words.decide("ab1é"), Some(false));
        assert_eq!(words.decide("abé"), Some(false));
        assert_eq!(words.decide("abλ"), Some(true));
        assert_eq!(words.decide("abλμν"), Some(false), "five characters");
        // Beyond the BMP: the astral table decides too.
        assert_eq!(words.decide("a𐅀"), Some(true));
        assert_eq!(words.decide("a😀"), Some(false));
        assert_eq!(words.decide("a𐅀bcd"), Some(false), "five characters");
        assert!(words.decide_by_class("a𐅀") && !words.decide_by_class("a𐅀bcd"));
        assert!(!words.decide_by_class("a😀"));
        // And beyond U+3FFFF, where the planes end.
        let private = shortcut(r"^[a-z\x{F0000}-\x{F00FF}]*$");
        assert_eq!(private.decide("a\u{F0000}\u{F00FF}"), Some(true));
        assert_eq!(private.decide("a\u{F0100}"), Some(false));
        assert_eq!(private.decide("a\u{EFFFF}"), Some(false));
        assert_eq!(private.decide("\u{F0000}\u{30000}"), Some(false));
    }

    #[test]
    fn every_character_beyond_the_bmp_is_decided_as_the_class_says() {
        // The tag class (letters in planes 1 to 3), and one with members in every plane
        // and a hole in the last word of the planes' reach.
        for class in [
            r"[\p{L}\p{Z}\p{N}_.:/=+\-@]",
            r"[a\x{10000}-\x{3FFFD}\x{E0000}-\x{10FFFF}]",
        ] {
            let shortcut = shortcut(&format!("^{class}*$"));
            let tables = shortcut.non_ascii();
            for c in (0x10000u32..=0x10FFFF).filter_map(char::from_u32) {
                let member = shortcut.has_member(c);
                // Alone, and in the loop's steps of two.
                for text in [format!("{c}"), format!("{c}{c}")] {
                    assert_decided(shortcut.scan_chars(&text, tables), &text, member);
                }
            }
        }
    }

    #[test]
    fn the_widest_runs_are_kept() {
        // The tag class: ' ', '+', '-'..=':', '=', '@'..='Z', '_', 'a'..='z'.
        let tag = bits(" +-./0123456789:=@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz");
        let mut runs = widest_runs(tag);
        runs.sort();
        assert_eq!(runs, [(b' ', 0), (b'-', 13), (b'@', 26), (b'a', 25)]);
        assert_eq!(
            single_members(tag, widest_runs(tag)),
            [b'+', b'=', b'_', 0xFF]
        );
        let mut two = widest_runs(bits("abcxyz"));
        two.sort();
        assert_eq!(two, [(b'a', 2), (b'x', 2), (0xFF, 0), (0xFF, 0)]);
    }

    #[test]
    fn the_planes_hold_exactly_the_outsiders_of_the_class_up_to_u_3ffff() {
        let class =
            r"[\p{L}\p{Z}\p{N}_.:/=+\-@\x{100}-\x{13F}\x{FFC0}-\x{FFFF}\x{3FFC0}-\x{3FFFF}]";
        let shortcut = shortcut(&format!("^{class}*$"));
        let regex = Regex::new(&format!("^{class}$")).unwrap_or_else(|e| panic!("{e}"));
        let NonAscii { planes, .. } = shortcut.non_ascii();
        for c in (0..=PLANES_END as u32).filter_map(char::from_u32) {
            let cp = c as usize;
            let outside = (planes[cp >> 6] >> (cp & 63)) & 1 == 1;
            assert_eq!(
                outside,
                !regex.is_match(c.encode_utf8(&mut [0; 4])),
                "U+{cp:04X}"
            );
        }
    }

    #[test]
    fn two_byte_rows_take_the_widest_runs_of_whole_rows() {
        let tag = shortcut(r"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$");
        // Latin-1 letters less × (C3 97) and ÷ (C3 B7), Latin Extended-A and -B and IPA
        // (C4..=CA), and Cyrillic (D0, D1).
        assert_eq!(
            tag.non_ascii().two_byte_rows,
            TwoByteRows {
                leads: [(0xC3, 7), (0xD0, 1)],
                except: [0x97, 0xB7],
            }
        );
        let greek = shortcut(r"^[\x{391}-\x{3A1}\x{3A3}-\x{3FF}]*$");
        // Row CF (U+03C0..) is whole; row CE misses more than two characters.
        assert_eq!(greek.non_ascii().two_byte_rows.leads[0], (0xCF, 0));
        let none = shortcut(r"^[\x{800}-\x{FFFF}]*$");
        assert_eq!(none.non_ascii().two_byte_rows, TwoByteRows::NONE);
    }

    #[test]
    fn every_two_byte_character_at_every_block_offset_is_decided_as_the_regex_does() {
        let tag = r"[\p{L}\p{Z}\p{N}_.:/=+\-@]";
        let regex = Regex::new(&format!("^{tag}*$")).unwrap_or_else(|e| panic!("{e}"));
        let shortcut = shortcut(&format!("^{tag}*$"));
        for c in (0x80u32..0x800).filter_map(char::from_u32) {
            // Offsets 28..=40 put the character across the first block's end and the start
            // of the second; 70 puts it in the last bytes.
            for at in (28..=40).chain([0, 70]) {
                let text = format!("{}{c}{}", "a".repeat(at), "b".repeat(73 - at));
                for scan in scans(&shortcut, &text) {
                    assert_eq!(
                        shortcut.verdict(scan),
                        Some(regex.is_match(&text)),
                        "U+{:04X} at {at}",
                        c as u32
                    );
                }
            }
        }
    }

    #[test]
    fn the_last_characters_of_every_width_are_decided_and_counted() {
        let tag = r"[\p{L}\p{Z}\p{N}_.:/=+\-@]";
        let regex = Regex::new(&format!("^{tag}*$")).unwrap_or_else(|e| panic!("{e}"));
        let shortcut = shortcut(&format!("^{tag}*$"));
        let tables = shortcut.non_ascii();
        // Members and outsiders of each width, as the last character and the one before,
        // after text of every width, so that each ends where the steps of two characters
        // stop and the last bytes are read one character at a time.
        for fill in ["", "a", "é", "中", "𝐀", "aé中𝐀"] {
            for run in 0..20 {
                let head: String = fill.chars().cycle().take(run).collect();
                for before in EACH_WIDTH {
                    for last in EACH_WIDTH {
                        let text = format!("{head}{before}{last}");
                        let scan = shortcut.scan_chars(&text, tables);
                        assert_decided(scan, &text, regex.is_match(&text));
                    }
                }
            }
        }
    }

    #[test]
    fn characters_of_every_width_around_every_block_edge_are_decided_and_counted() {
        let tag = r"[\p{L}\p{Z}\p{N}_.:/=+\-@]";
        let regex = Regex::new(&format!("^{tag}*$")).unwrap_or_else(|e| panic!("{e}"));
        // Text the block pass admits (two-byte letters of its rows, ASCII), text it leaves
        // to the character pass (Arabic, CJK, astral letters), and a mix.
        let fills = ["éèü", "ab", "ابت", "数据", "𝐀𝐁", "aé数𝐀"];
        let shortcut = shortcut(&format!("^{tag}*$"));
        for fill in fills {
            for c in EACH_WIDTH {
                for at in 0..72 {
                    let head: String = fill.chars().cycle().take(at).collect();
                    let tail: String = fill.chars().cycle().take(40).collect();
                    // The leading ASCII letter sends long text through the ASCII vector
                    // pass and the block pass before the character pass.
                    let text = format!("a{head}{c}{tail}");
                    let expected = regex.is_match(&text);
                    for scan in scans(&shortcut, &text) {
                        assert_decided(scan, &text, expected);
                    }
                }
            }
        }
    }

    #[test]
    fn both_ascii_passes_find_exactly_the_outsiders_and_the_widest_characters() {
        // Classes of many runs, of scattered single bytes, of everything but a few bytes.
        let classes = [
            r"[\p{L}\p{Z}\p{N}_.:/=+\-@]",
            "[2-7a-zA-Z]",
            "[!#%')+-/13579;=?ACEGIKMOQSUWY]",
            r"[^\x00-\x1F\x7F\x22\x5C]",
        ];
        // A byte stream with members, outsiders, and characters of two, three and four
        // bytes, cut into texts of 32 bytes and more at every offset.
        let pool: String = (0u8..128).map(char::from).chain(['é', '数', '𝐀']).collect();
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for class in classes {
            let shortcut = shortcut(&format!("^{class}*$"));
            let members: Vec<char> = pool
                .chars()
                .filter(|&c| !c.is_ascii() || shortcut.byte_kinds[c as usize] == 0)
                .collect();
            let all: Vec<char> = pool.chars().collect();
            for round in 0..400 {
                let len = 32 + (next() % 100) as usize;
                // Mostly members, so a text's one outsider (or none) decides it.
                let mut text: String = (0..len)
                    .map(|_| members[(next() % members.len() as u64) as usize])
                    .collect();
                if round % 2 == 0 {
                    let at = (next() % len as u64) as usize;
                    let c = all[(next() % all.len() as u64) as usize];
                    let at = text.char_indices().nth(at).map_or(text.len(), |(i, _)| i);
                    text.insert(at, c);
                }
                let bytes = text.as_bytes();
                let outsider = bytes
                    .iter()
                    .any(|&b| shortcut.byte_kinds[usize::from(b)] & OUTSIDE != 0);
                let highest = bytes.iter().copied().max().unwrap_or(0);
                let (by_runs, runs_highest) = shortcut.ascii_by_runs(bytes);
                assert_eq!(by_runs, outsider, "{class} {text:?}");
                if !outsider {
                    assert_eq!(runs_highest < 0x80, highest < 0x80, "{class} {text:?}");
                    assert_eq!(runs_highest >= 0xE0, highest >= 0xE0, "{class} {text:?}");
                }
                if let Some(found) = shortcut.vector.ascii(bytes) {
                    assert_eq!(found, (outsider, highest), "{class} {text:?}");
                }
            }
        }
    }
}
