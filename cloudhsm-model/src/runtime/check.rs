//! The checks generated validators call: one function per kind of constraint.
//!
//! Each takes the value, its path and the error list, and records a violation instead of
//! returning early, so callers collect every problem. None of them allocates unless it
//! records a violation.

use once_cell::sync::OnceCell;
use regex::Regex;
use serde::Serialize;

use super::validation::{Constraint, Path, ValidationErrors, Violation};

/// A `@pattern`, compiled on first use and then shared for the life of the process.
#[derive(Debug)]
pub struct Pattern {
    source: &'static str,
    regex_source: &'static str,
    shortcut: Option<Shortcut>,
    compiled: OnceCell<Option<Engine>>,
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
        if let Ok(regex) = Regex::new(source) {
            return Some(Engine::Linear(regex));
        }
        fancy_regex::RegexBuilder::new(source)
            .backtrack_limit(BACKTRACK_LIMIT)
            .build()
            .ok()
            .map(|regex| Engine::Backtracking(Box::new(regex)))
    }

    fn is_match(&self, value: &str) -> bool {
        match self {
            Engine::Linear(regex) => regex.is_match(value),
            // An error is the step limit: no answer, so not a match.
            Engine::Backtracking(regex) => regex.is_match(value).unwrap_or(false),
        }
    }
}

/// A direct matcher for a pattern of the form `^prefix[class]{min,max}$`, computed by the
/// generator: the prefix, the class's exact membership for each ASCII character, and (when
/// the class admits more than ASCII) the class itself. ASCII text is decided by a byte table;
/// other text by a bitmap of the class over the Basic Multilingual Plane, built once from the
/// class's Unicode ranges. Only characters beyond that plane are left to the regex.
#[derive(Debug)]
pub struct Shortcut {
    prefix: &'static str,
    prefix_chars: u64,
    bytes: [u8; 256],
    runs: [(u8, u8); 4],
    singles: [u8; 4],
    non_ascii_class: Option<&'static str>,
    min: u64,
    max: Option<u64>,
    non_ascii: OnceCell<Option<Box<NonAscii>>>,
    /// `^(?:class)*\z`, for a pattern whose whole regex is too large to compile.
    class_only: OnceCell<Option<Regex>>,
}

/// What decides non-ASCII text, built from the class on first use.
#[derive(Debug)]
struct NonAscii {
    /// The class's membership over U+0000..=U+FFFF, one bit per code point.
    plane: [u64; 1024],
    /// Two-byte characters a vector pass can admit without the plane.
    pairs: TwoByteRows,
}

/// Runs of two-byte lead bytes whose characters are all in the class, but for those whose
/// continuation byte is one of `except`. A character of such a lead and another
/// continuation byte is a member: a vector pass can check it with comparisons, sixteen
/// bytes a step. For `\p{L}`, for instance, the Latin-1 letters (lead 0xC3, less × and ÷),
/// Latin Extended-A and -B and IPA (0xC4..=0xCA) and Cyrillic (0xD0, 0xD1).
#[derive(Clone, Copy, Debug, PartialEq)]
struct TwoByteRows {
    /// Lead bytes as (first, count - 1); an unused run is `(0, 0)`, and NUL never comes
    /// before a continuation byte.
    leads: [(u8, u8); 2],
    /// Continuation bytes the runs leave to the plane; an unused entry is 0, which is no
    /// continuation byte.
    except: [u8; 2],
}

/// The top bit of each byte of a word.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// `bytes[b]` for an ASCII byte outside the class.
const OUTSIDE: u8 = 1;
/// `bytes[b]` for a byte of a non-ASCII character.
const NON_ASCII: u8 = 2;

/// What a scan of non-ASCII text found.
enum Scan {
    /// Every character is in the class; this many characters.
    Members(u64),
    /// A character is not in the class.
    Outsider,
    /// Only the regex can tell.
    Undecided,
}

/// Characters in `text`: its bytes less its continuation bytes (`const` for [`Shortcut::new`]).
const fn char_count(text: &str) -> u64 {
    let bytes = text.as_bytes();
    let mut count = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] & 0xC0 != 0x80 {
            count += 1;
        }
        i += 1;
    }
    count
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
    while b < 128 {
        table[b] = if (ascii >> b) & 1 == 1 { 0 } else { OUTSIDE };
        b += 1;
    }
    table
}

impl Shortcut {
    /// A shortcut: the value is `prefix` then `min..=max` characters of the class, whose
    /// ASCII members are the set bits of `ascii`; `non_ascii_class` is the class (in `regex`
    /// syntax) when it admits characters beyond ASCII.
    pub const fn new(
        prefix: &'static str,
        ascii: u128,
        non_ascii_class: Option<&'static str>,
        min: u64,
        max: Option<u64>,
    ) -> Shortcut {
        let runs = widest_runs(ascii);
        Shortcut {
            prefix,
            prefix_chars: char_count(prefix),
            bytes: byte_table(ascii),
            runs,
            singles: single_members(ascii, runs),
            non_ascii_class,
            min,
            max,
            non_ascii: OnceCell::new(),
            class_only: OnceCell::new(),
        }
    }

    /// Decides every value with the class alone: each character after the prefix is in it,
    /// and their count is within bounds. For a pattern whose whole regex is too large to
    /// compile (a class repeated thousands of times, `^[^\p{C}]{1,2048}$`), where the one
    /// class is small.
    pub fn decide_by_class(&self, value: &str) -> bool {
        if let Some(answer) = self.decide(value) {
            return answer;
        }
        let Some(rest) = value.strip_prefix(self.prefix) else {
            return false;
        };
        let class = self.class_only.get_or_init(|| {
            self.non_ascii_class
                .and_then(|class| Regex::new(&format!("^(?:{class})*\\z")).ok())
        });
        class.as_ref().is_some_and(|class| class.is_match(rest))
            && self.count_fits(rest.chars().count() as u64)
    }

    /// `Some(answer)` when the shortcut decides, `None` when only the regex can.
    pub fn decide(&self, value: &str) -> Option<bool> {
        match self.scan(value) {
            Scan::Members(count) => Some(self.count_fits(count)),
            Scan::Outsider => Some(false),
            Scan::Undecided => None,
        }
    }

    fn count_fits(&self, count: u64) -> bool {
        count >= self.min && self.max.is_none_or(|max| count <= max)
    }

    /// The text after the prefix, in passes that each run only when the one before leaves
    /// something open. Whole 32-byte blocks are compared with the class's widest runs
    /// ([`outside_runs`](Self::outside_runs), vector code); bytes none of those cover, and the
    /// last bytes of the text, are looked up in the table ([`byte_flags`](Self::byte_flags)).
    /// For ASCII text that is the answer. Text with non-ASCII characters then takes a pass
    /// that finds lead bytes eight at a time with bit masks, decodes each character in place
    /// (the text is valid UTF-8) and looks it up in the plane. Characters are the bytes less
    /// each decoded character's continuation bytes, so the steps need not align with
    /// characters. In text of 32 bytes or more, a vector pass over blocks of 32 first admits
    /// the common two-byte characters ([`TwoByteRows`]); only blocks it leaves open go to the
    /// lead bytes.
    #[inline(always)]
    fn scan(&self, value: &str) -> Scan {
        let rest = if self.prefix.is_empty() {
            value
        } else {
            match value.strip_prefix(self.prefix) {
                Some(rest) => rest,
                None => return Scan::Outsider,
            }
        };
        let bytes = rest.as_bytes();
        if bytes.len() >= 32 {
            return self.scan_long(bytes);
        }
        // Short text (most IDs, names and keys): the table alone, inlined into the caller,
        // so the common answer costs no call.
        let flags = self.byte_flags(bytes);
        if flags == 0 {
            Scan::Members(bytes.len() as u64)
        } else if flags & OUTSIDE != 0 {
            Scan::Outsider
        } else {
            self.scan_non_ascii(bytes)
        }
    }

    /// [`scan`](Self::scan) of text of 32 bytes or more (after the prefix).
    #[inline(never)]
    fn scan_long(&self, bytes: &[u8]) -> Scan {
        // The vector check wants whole blocks of 32 bytes; the rest goes to the table,
        // which costs less per byte than a vector loop's scalar tail.
        let (body, tail) = bytes.split_at(bytes.len() & !31);
        let tail_flags = self.byte_flags(tail);
        if tail_flags & OUTSIDE != 0 {
            return Scan::Outsider;
        }
        let (uncovered, non_ascii_body) = self.outside_runs(body);
        if uncovered {
            // Some ASCII byte is outside the widest runs: only the table can say whether it
            // is a member.
            let flags = self.byte_flags(body);
            if flags & OUTSIDE != 0 {
                return Scan::Outsider;
            }
        }
        if !non_ascii_body && tail_flags & NON_ASCII == 0 {
            return Scan::Members(bytes.len() as u64);
        }
        self.scan_non_ascii(bytes)
    }

    /// Text whose ASCII bytes are all members and which has non-ASCII characters: the block
    /// pass ([`scan_blocks`]) for 32 bytes or more when the class has two-byte rows to admit,
    /// else the lead-byte pass a word at a time.
    #[inline(never)]
    fn scan_non_ascii(&self, bytes: &[u8]) -> Scan {
        let Some(class) = self.non_ascii_class else {
            return Scan::Outsider;
        };
        let Some(tables) = self.non_ascii(class) else {
            return Scan::Undecided;
        };
        if bytes.len() >= 32 && tables.pairs.any() {
            return scan_blocks(bytes, tables);
        }
        let mut continuation = 0usize;
        let mut at = 0;
        while at < bytes.len() {
            match check_leads(word_at(bytes, at), bytes, at, &tables.plane) {
                Ok(found) => continuation += found,
                Err(scan) => return scan,
            }
            at += 8;
        }
        Scan::Members((bytes.len() - continuation) as u64)
    }

    /// Whether any ASCII byte lies outside the class's four widest runs of members and four
    /// single-byte members, and whether any byte is non-ASCII. Comparisons with no table and
    /// no early exit, so the compiler turns the loop into vector instructions: a fraction of
    /// a cycle a byte, and for most classes (letters, digits and a few marks) the whole
    /// answer for ASCII text.
    fn outside_runs(&self, bytes: &[u8]) -> (bool, bool) {
        let [(f0, s0), (f1, s1), (f2, s2), (f3, s3)] = self.runs.map(signed_run);
        let [e0, e1, e2, e3] = self.singles;
        let mut uncovered = 0u8;
        let mut high = 0u8;
        for &b in bytes {
            let outside = ((b.wrapping_sub(f0) as i8) > s0)
                & ((b.wrapping_sub(f1) as i8) > s1)
                & ((b.wrapping_sub(f2) as i8) > s2)
                & ((b.wrapping_sub(f3) as i8) > s3)
                & (b != e0)
                & (b != e1)
                & (b != e2)
                & (b != e3);
            // Bit 7 of `!b` is set only for an ASCII byte.
            uncovered |= if outside { !b } else { 0 };
            high |= b;
        }
        (uncovered & 0x80 != 0, high & 0x80 != 0)
    }

    /// The OR of every byte's table entry: which kinds of byte the text holds. Sixteen bytes
    /// a step, then four, without branches, so the loop keeps to about two instructions a
    /// byte and nothing but the flags stays live across it. Short text (most IDs, names and
    /// keys) takes only the four-byte steps, inlined into the caller.
    #[inline(always)]
    fn byte_flags(&self, bytes: &[u8]) -> u8 {
        let t = &self.bytes;
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

    /// The plane and two-byte rows of the class, built on first use.
    fn non_ascii(&self, class: &str) -> Option<&NonAscii> {
        self.non_ascii
            .get_or_init(|| {
                let hir = regex_syntax::Parser::new().parse(class).ok()?;
                let regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(ranges)) =
                    hir.kind()
                else {
                    return None;
                };
                let mut tables = Box::new(NonAscii {
                    plane: [0u64; 1024],
                    pairs: TwoByteRows::NONE,
                });
                let bits = &mut tables.plane;
                for range in ranges.iter() {
                    let start = range.start() as usize;
                    let end = (range.end() as usize).min(0xFFFF);
                    // A word at a time: the bits of `start..=end` that fall in each word.
                    let mut cp = start;
                    while cp <= end {
                        let word_end = (cp | 63).min(end);
                        let low = cp & 63;
                        let width = word_end - cp + 1;
                        let mask = if width == 64 {
                            u64::MAX
                        } else {
                            ((1u64 << width) - 1) << low
                        };
                        bits[cp >> 6] |= mask;
                        cp = word_end + 1;
                    }
                }
                tables.pairs = TwoByteRows::of(&tables.plane);
                Some(tables)
            })
            .as_deref()
    }
}

impl TwoByteRows {
    /// No runs: every non-ASCII character goes to the plane.
    const NONE: TwoByteRows = TwoByteRows {
        leads: [(0, 0); 2],
        except: [0; 2],
    };

    /// The widest choice for a class: for each candidate exception set (none, or a row's
    /// one or two missing continuation bytes), the two longest runs of lead bytes whose rows
    /// miss nothing else; the most lead bytes wins, the first found of equals.
    fn of(plane: &[u64; 1024]) -> TwoByteRows {
        // Row of lead byte 0xC0 + i: the plane word of U+0000 + 64 * i; bit k stands for
        // continuation byte 0x80 + k. Leads 0xC0 and 0xC1 are never in valid UTF-8.
        let missing = |lead: u8| !plane[usize::from(lead & 0x1F)];
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
}

/// A run of bytes `(first, span)` (`first..=first + span`) for a signed comparison: SSE2
/// compares bytes as signed numbers only, and `b - first <= span` unsigned is
/// `(b - (first ^ 0x80)) as i8 <= (span ^ 0x80) as i8`, one subtraction and one comparison.
const fn signed_run((first, span): (u8, u8)) -> (u8, i8) {
    (first ^ 0x80, (span ^ 0x80) as i8)
}

/// Non-ASCII text of 32 bytes or more, in blocks of 32: [`TwoByteRows::check_block`] for
/// each, and [`check_leads`] with the plane only for the words of a block it does not
/// settle (and the word before, where a character of the block may start) and for the
/// last bytes.
fn scan_blocks(bytes: &[u8], tables: &NonAscii) -> Scan {
    let plane = &tables.plane;
    let check_words = |from: usize, to: usize| -> Result<(), Scan> {
        let mut at = from;
        while at < to {
            check_leads(word_at(bytes, at), bytes, at, plane)?;
            at += 8;
        }
        Ok(())
    };
    let whole = bytes.len() & !31;
    let mut continuation = 0usize;
    // The first block's previous bytes: a NUL (the text's first byte is no continuation
    // byte), then its own first 31.
    let Some(head) = bytes.get(..31) else {
        return Scan::Undecided;
    };
    let mut first_prev = [0u8; 32];
    first_prev[1..].copy_from_slice(head);
    let mut start = 0;
    while start < whole {
        let (Some(block), Some(prev)) = (
            bytes.get(start..start + 32),
            if start == 0 {
                Some(&first_prev[..])
            } else {
                bytes.get(start - 1..start + 31)
            },
        ) else {
            return Scan::Undecided;
        };
        let (Ok(block), Ok(prev)) = (block.try_into(), prev.try_into()) else {
            return Scan::Undecided;
        };
        let (unsettled, found) = tables.pairs.check_block(block, prev);
        continuation += usize::from(found);
        if unsettled {
            if let Err(scan) = check_words(start.saturating_sub(8), start + 32) {
                return scan;
            }
        }
        start += 32;
    }
    // The last bytes: the word before them too, where a character may start.
    if let Err(scan) = check_words(whole.saturating_sub(8), bytes.len()) {
        return scan;
    }
    continuation += bytes[whole..].iter().filter(|&&b| (b as i8) < -64).count();
    Scan::Members((bytes.len() - continuation) as u64)
}

/// Eight bytes of the text from `at` as a little-endian word, zero padded past its end (NUL
/// is ASCII, so the padding adds no lead byte).
#[inline(always)]
fn word_at(bytes: &[u8], at: usize) -> u64 {
    match bytes.get(at..at + 8) {
        Some(chunk) => {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            u64::from_le_bytes(word)
        }
        None => bytes
            .get(at..)
            .unwrap_or_default()
            .iter()
            .rev()
            .fold(0u64, |word, &b| (word << 8) | u64::from(b)),
    }
}

/// Checks the non-ASCII characters whose lead bytes are in `word` (eight bytes of the text
/// from `bytes[start]`, little-endian) against the plane; `Ok` holds how many continuation
/// bytes they have.
#[inline(always)]
fn check_leads(word: u64, bytes: &[u8], start: usize, plane: &[u64; 1024]) -> Result<usize, Scan> {
    // A lead byte has its top two bits set: bit 6 moved up onto bit 7.
    let mut leads = word & HIGH & (word << 1);
    // Lead bytes of three- or four-byte characters (bit 5 also set), and a lead in the last
    // byte, whose continuation byte is in the next word.
    if (leads & (word << 2)) | (leads & (1 << 63)) != 0 {
        return check_leads_decoding(leads, bytes, start, plane);
    }
    // Two-byte characters only (U+0080..=U+07FF), each wholly in this word: the lead byte's
    // low five bits pick the plane's word, the continuation byte's low six bits the bit in
    // it, both read from the register.
    let mut continuation = 0;
    while leads != 0 {
        let from_lead = word >> (leads.trailing_zeros() - 7);
        leads &= leads - 1;
        let row = plane[(from_lead & 0x1F) as usize];
        if (row >> ((from_lead >> 8) & 0x3F)) & 1 == 0 {
            return Err(Scan::Outsider);
        }
        continuation += 1;
    }
    Ok(continuation)
}

/// [`check_leads`] for a word with a longer character or one that runs into the next word:
/// each character is decoded from the text.
#[inline(never)]
fn check_leads_decoding(
    mut leads: u64,
    bytes: &[u8],
    start: usize,
    plane: &[u64; 1024],
) -> Result<usize, Scan> {
    let mut continuation = 0;
    while leads != 0 {
        let at = start + (leads.trailing_zeros() / 8) as usize;
        leads &= leads - 1;
        let Some((cp, width)) = decode_bmp(bytes, at) else {
            return Err(Scan::Undecided);
        };
        if (plane[cp >> 6] >> (cp & 63)) & 1 == 0 {
            return Err(Scan::Outsider);
        }
        continuation += width - 1;
    }
    Ok(continuation)
}

/// The code point of the two- or three-byte character starting at `bytes[i]` and its width;
/// `None` for a four-byte one (beyond the Basic Multilingual Plane), which the regex decides.
#[inline]
fn decode_bmp(bytes: &[u8], i: usize) -> Option<(usize, usize)> {
    let lead = usize::from(*bytes.get(i)?);
    let next = |k: usize| bytes.get(i + k).map(|&b| usize::from(b & 0x3F));
    match lead {
        0xC0..=0xDF => Some((((lead & 0x1F) << 6) | next(1)?, 2)),
        0xE0..=0xEF => Some((((lead & 0x0F) << 12) | (next(1)? << 6) | next(2)?, 3)),
        _ => None,
    }
}

impl Pattern {
    /// A pattern as the model wrote it (`source`, quoted in messages) and its translation
    /// for the `regex` crate.
    pub const fn new(source: &'static str, regex_source: &'static str) -> Pattern {
        Pattern {
            source,
            regex_source,
            shortcut: None,
            compiled: OnceCell::new(),
        }
    }

    /// A pattern with a direct matcher for the values it can decide without the regex.
    pub const fn with_shortcut(
        source: &'static str,
        regex_source: &'static str,
        shortcut: Shortcut,
    ) -> Pattern {
        Pattern {
            source,
            regex_source,
            shortcut: Some(shortcut),
            compiled: OnceCell::new(),
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

    /// The direct matcher, if the pattern has one.
    pub fn shortcut(&self) -> Option<&Shortcut> {
        self.shortcut.as_ref()
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
    /// has a direct matcher, which decides alone when the whole regex is too large (a test
    /// checks it for every generated pattern).
    pub fn compiles(&self) -> bool {
        self.engine().is_some() || self.shortcut.is_some()
    }

    /// Whether the pattern runs on the backtracking engine, under [`BACKTRACK_LIMIT`].
    pub fn is_backtracking(&self) -> bool {
        matches!(self.engine(), Some(Engine::Backtracking(_)))
    }

    fn engine(&self) -> Option<&Engine> {
        self.compiled
            .get_or_init(|| Engine::compile(self.regex_source))
            .as_ref()
    }

    /// Whether `value` matches (search semantics: only the pattern's own anchors anchor it).
    /// A pattern that failed to compile matches nothing, so it cannot let a value through.
    pub fn is_match(&self, value: &str) -> bool {
        if let Some(answer) = self.shortcut.as_ref().and_then(|s| s.decide(value)) {
            return answer;
        }
        self.regex_is_match(value)
    }

    /// The regex's answer alone, bypassing the shortcut's fast passes (what they are tested
    /// against); for a pattern whose regex is too large to compile, the class-alone answer
    /// ([`Shortcut::decide_by_class`]).
    pub fn regex_is_match(&self, value: &str) -> bool {
        match (self.engine(), &self.shortcut) {
            (Some(engine), _) => engine.is_match(value),
            (None, Some(shortcut)) => shortcut.decide_by_class(value),
            (None, None) => false,
        }
    }
}

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
/// [`string_length`] then [`pattern`], but a direct matcher's scan also counts the
/// characters, so the text is read once.
#[inline]
pub fn string_length_and_pattern(
    value: &str,
    min: Option<u64>,
    max: Option<u64>,
    pattern: &Pattern,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    if let Some(shortcut) = &pattern.shortcut {
        match shortcut.scan(value) {
            Scan::Members(count) => {
                let actual = shortcut.prefix_chars + count;
                if out_of_bounds(actual, min, max) {
                    length_violation(value, min, max, actual, path, errors);
                }
                if !shortcut.count_fits(count) {
                    pattern_violation(value, pattern, path, errors);
                }
                return;
            }
            Scan::Outsider => {
                string_length(value, min, max, path, errors);
                pattern_violation(value, pattern, path, errors);
                return;
            }
            Scan::Undecided => {}
        }
    }
    string_length(value, min, max, path, errors);
    if !pattern.regex_is_match(value) {
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
    fn string_length_reports_too_short() {
        assert_eq!(
            violations(|p, e| string_length("", Some(1), None, p, e)),
            ["Value '' at 'member' failed to satisfy constraint: Member must have length greater than or equal to 1"]
        );
    }

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
        assert!(!broken.is_match("("));
        assert_eq!(violations(|p, e| pattern("(", &broken, p, e)).len(), 1);
    }

    #[test]
    fn shortcut_decides_ascii_and_defers_non_ascii() {
        let letters = (b'a'..=b'z').fold(0u128, |acc, b| acc | 1 << b);
        let ids = Shortcut::new("id-", letters, None, 2, Some(3));
        assert_eq!(ids.decide("id-ab"), Some(true));
        assert_eq!(ids.decide("id-a"), Some(false));
        assert_eq!(ids.decide("id-abcd"), Some(false));
        assert_eq!(ids.decide("x-ab"), Some(false));
        assert_eq!(ids.decide("id-é"), Some(false));
        let words = Shortcut::new("", letters, Some(r"[a-z\p{Greek}]"), 0, Some(4));
        assert_eq!(words.decide("abc"), Some(true));
        assert_eq!(words.decide("ab1é"), Some(false));
        assert_eq!(words.decide("abé"), Some(false));
        assert_eq!(words.decide("abλ"), Some(true));
        assert_eq!(words.decide("abλμν"), Some(false), "five characters");
        assert_eq!(
            words.decide("a𐅀"),
            None,
            "beyond the BMP: the regex decides"
        );
    }

    #[test]
    fn the_widest_runs_are_kept() {
        let set = |chars: &str| chars.bytes().fold(0u128, |acc, b| acc | 1 << b);
        // The tag class: ' ', '+', '-'..=':', '=', '@'..='Z', '_', 'a'..='z'.
        let tag = set(" +-./0123456789:=@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz");
        let mut runs = widest_runs(tag);
        runs.sort();
        assert_eq!(runs, [(b' ', 0), (b'-', 13), (b'@', 26), (b'a', 25)]);
        assert_eq!(
            single_members(tag, widest_runs(tag)),
            [b'+', b'=', b'_', 0xFF]
        );
        let mut two = widest_runs(set("abcxyz"));
        two.sort();
        assert_eq!(two, [(b'a', 2), (b'x', 2), (0xFF, 0), (0xFF, 0)]);
    }

    #[test]
    fn the_plane_holds_exactly_the_class_over_the_whole_bmp() {
        let class = r"[\p{L}\p{Z}\p{N}_.:/=+\-@\x{100}-\x{13F}\x{FFC0}-\x{FFFF}]";
        let shortcut = Shortcut::new("", 0, Some(class), 0, None);
        let regex = Regex::new(&format!("^{class}$")).unwrap_or_else(|e| panic!("{e}"));
        let Some(NonAscii { plane, .. }) = shortcut.non_ascii(class) else {
            panic!("no plane for {class}");
        };
        for c in (0u32..=0xFFFF).filter_map(char::from_u32) {
            let cp = c as usize;
            let bit = (plane[cp >> 6] >> (cp & 63)) & 1 == 1;
            assert_eq!(
                bit,
                regex.is_match(c.encode_utf8(&mut [0; 4])),
                "U+{cp:04X}"
            );
        }
    }

    #[test]
    fn two_byte_rows_take_the_widest_runs_of_whole_rows() {
        let tag = r"[\p{L}\p{Z}\p{N}_.:/=+\-@]";
        let shortcut = Shortcut::new("", 0, Some(tag), 0, None);
        let Some(tables) = shortcut.non_ascii(tag) else {
            panic!("no tables for {tag}");
        };
        // Latin-1 letters less × (C3 97) and ÷ (C3 B7), Latin Extended-A and -B and IPA
        // (C4..=CA), and Cyrillic (D0, D1).
        assert_eq!(
            tables.pairs,
            TwoByteRows {
                leads: [(0xC3, 7), (0xD0, 1)],
                except: [0x97, 0xB7],
            }
        );
        let greek = r"[\x{391}-\x{3A1}\x{3A3}-\x{3FF}]";
        let shortcut = Shortcut::new("", 0, Some(greek), 0, None);
        let Some(tables) = shortcut.non_ascii(greek) else {
            panic!("no tables for {greek}");
        };
        // Row CF (U+03C0..) is whole; row CE misses more than two characters.
        assert_eq!(tables.pairs.leads[0], (0xCF, 0));
        let none = r"[\x{800}-\x{FFFF}]";
        let shortcut = Shortcut::new("", 0, Some(none), 0, None);
        assert_eq!(
            shortcut.non_ascii(none).map(|t| t.pairs),
            Some(TwoByteRows::NONE)
        );
    }

    #[test]
    fn every_two_byte_character_at_every_block_offset_is_decided_as_the_regex_does() {
        let tag = r"[\p{L}\p{Z}\p{N}_.:/=+\-@]";
        let ascii = (0u8..128).fold(0u128, |set, b| {
            let member = b.is_ascii_alphanumeric() || b" _.:/=+-@".contains(&b);
            set | (u128::from(member) << b)
        });
        let shortcut = Shortcut::new("", ascii, Some(tag), 0, None);
        let regex = Regex::new(&format!("^{tag}*$")).unwrap_or_else(|e| panic!("{e}"));
        for c in (0x80u32..0x800).filter_map(char::from_u32) {
            // Offsets 28..=40 put the character across the first block's end, the words
            // around it and the start of the second; 70 puts it in the last bytes.
            for at in (28..=40).chain([0, 70]) {
                let text = format!("{}{c}{}", "a".repeat(at), "b".repeat(73 - at));
                assert_eq!(
                    shortcut.decide(&text),
                    Some(regex.is_match(&text)),
                    "U+{:04X} at {at}",
                    c as u32
                );
            }
        }
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
