//! The shortcut's passes with vector instructions, on x86-64 processors with AVX2, picked at
//! run time (through `pulp`, which holds the only `unsafe` they take). Elsewhere each method
//! answers `None` (or reads nothing) and the shortcut's portable passes run.
//!
//! ASCII text: a byte's two nibbles each look up a table of sixteen bytes with a byte
//! shuffle. The low nibble's entry has bit `h` set when `h << 4 | low` is a member, the high
//! nibble's entry is `1 << high` for the eight ASCII rows and 0 for the rest; the byte is a
//! member exactly when the two entries share a bit. Any set of ASCII members costs the same
//! few instructions a block, where comparisons with runs cost a pair more for every run.
//!
//! Runs of characters of one width beyond ASCII: a shuffle gathers each character's bytes
//! into lanes and the index of its word in the class's bitmap is computed in the lanes, a
//! few characters a step; only the word's load and the bit's test stay scalar.

#[cfg(target_arch = "x86_64")]
use core::arch::x86_64::__m128i;

/// A class's ASCII members as two nibble tables, and the processor's AVX2 token when it has
/// one.
#[derive(Debug)]
pub(super) struct Vector {
    /// Indexed by a byte's low nibble, repeated for both 128-bit lanes.
    low: [u8; 32],
    /// Indexed by a byte's high nibble, repeated for both 128-bit lanes.
    high: [u8; 32],
    #[cfg(target_arch = "x86_64")]
    simd: Option<pulp::x86::V3>,
}

/// Shuffle controls: which byte of 16 each lane takes (0x80: none, the lane is 0).
const NONE: u8 = 0x80;
/// Two-byte characters, eight in 16 bytes: their lead bytes, then their last bytes.
const TWO_LEADS: [u8; 16] = [
    0, 2, 4, 6, 8, 10, 12, 14, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
];
const TWO_LASTS: [u8; 16] = [
    1, 3, 5, 7, 9, 11, 13, 15, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
];
/// Three-byte characters, five in 15 bytes: lead bytes; lead and second byte as 16-bit
/// lanes (second low, lead high); last bytes.
const THREE_LEADS: [u8; 16] = [
    0, 3, 6, 9, 12, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
];
const THREE_PAIRS: [u8; 16] = [
    1, 0, 4, 3, 7, 6, 10, 9, 13, 12, NONE, NONE, NONE, NONE, NONE, NONE,
];
const THREE_LASTS: [u8; 16] = [
    2, 5, 8, 11, 14, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
];
/// Four-byte characters, four in 16 bytes: lead bytes; lead and second byte as 16-bit lanes;
/// third bytes and last bytes.
const FOUR_LEADS: [u8; 16] = [
    0, 4, 8, 12, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
];
const FOUR_PAIRS: [u8; 16] = [
    1, 0, 5, 4, 9, 8, 13, 12, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
];
const FOUR_THIRDS_LASTS: [u8; 16] = [
    2, 6, 10, 14, 3, 7, 11, 15, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
];

impl Vector {
    /// The tables of the ASCII members in `ascii` (bit `b` for byte `b`), and the processor's
    /// AVX2, looked for once.
    pub(super) fn of(ascii: u128) -> Vector {
        let mut low = [0u8; 32];
        let mut high = [0u8; 32];
        for b in 0..128usize {
            if (ascii >> b) & 1 == 1 {
                low[b & 0x0F] |= 1 << (b >> 4);
                low[16 + (b & 0x0F)] |= 1 << (b >> 4);
            }
        }
        for h in 0..8usize {
            high[h] = 1 << h;
            high[16 + h] = 1 << h;
        }
        Vector {
            low,
            high,
            #[cfg(target_arch = "x86_64")]
            simd: pulp::x86::V3::try_new(),
        }
    }

    /// The same tables with the portable passes alone, as a processor without AVX2 runs
    /// them: what tests compare the vector passes with.
    #[cfg(test)]
    pub(super) fn portable(self) -> Vector {
        Vector {
            #[cfg(target_arch = "x86_64")]
            simd: None,
            ..self
        }
    }

    /// Runs `f` compiled for AVX2 where the processor has it.
    #[inline(always)]
    pub(super) fn run<R>(&self, f: impl FnOnce() -> R) -> R {
        #[cfg(target_arch = "x86_64")]
        if let Some(simd) = self.simd {
            return simd.vectorize(f);
        }
        f()
    }

    /// Whether some ASCII byte of `bytes` is not a member, and the highest byte: the answer
    /// of the shortcut's pass over runs (`Shortcut::ascii_by_runs`), exact, 32 bytes at a
    /// time (the last block overlaps the one before, so no byte is left to a scalar tail).
    /// `None` without AVX2, or for fewer than 32 bytes.
    #[inline]
    pub(super) fn ascii(&self, bytes: &[u8]) -> Option<(bool, u8)> {
        let last = bytes.last_chunk::<32>()?;
        #[cfg(target_arch = "x86_64")]
        if let Some(simd) = self.simd {
            return Some(simd.vectorize(
                #[inline(always)]
                || self.ascii_avx2(simd, bytes, last),
            ));
        }
        let _ = last;
        None
    }

    /// The two-byte characters at the start of `bytes`, eight a step while sixteen bytes
    /// remain and all are such characters: how many bytes were read (a character boundary)
    /// and the misses, bit 0 set for an outsider, looked up in `plane` (outsiders of the
    /// Basic Multilingual Plane, 64 code points a word). Nothing read without AVX2.
    ///
    /// The run methods are out of line: a run is long when they read anything, so the call
    /// costs little, and inlined into the character pass the four-byte steps' lookups lack
    /// the registers it holds (measured on a body of astral-plane letters, 1,500
    /// instructions fewer out of line; the other widths cost about 600 more, and the worst
    /// case is the one that counts).
    #[inline(never)]
    pub(super) fn two_byte_run(&self, bytes: &[u8], plane: &[u64; 1024]) -> (usize, u64) {
        #[cfg(target_arch = "x86_64")]
        if let Some(simd) = self.simd {
            return simd.vectorize(
                #[inline(always)]
                || {
                    let (sse2, ssse3) = (simd.sse2, simd.ssse3);
                    let (leads_at, lasts_at): (__m128i, __m128i) =
                        (cast(TWO_LEADS), cast(TWO_LASTS));
                    let (top3, lead) = (
                        sse2._mm_set1_epi8(0xE0u8 as i8),
                        sse2._mm_set1_epi8(0xC0u8 as i8),
                    );
                    let mut read = 0;
                    let mut outside = 0u64;
                    while let Some(chunk) =
                        bytes.get(read..).and_then(|rest| rest.first_chunk::<16>())
                    {
                        let v: __m128i = cast(*chunk);
                        let leads = ssse3._mm_shuffle_epi8(v, leads_at);
                        let two_byte = sse2._mm_cmpeq_epi8(sse2._mm_and_si128(leads, top3), lead);
                        if sse2._mm_movemask_epi8(two_byte) & 0xFF != 0xFF {
                            break;
                        }
                        let leads: [u8; 16] = cast(leads);
                        let lasts: [u8; 16] = cast(ssse3._mm_shuffle_epi8(v, lasts_at));
                        for k in 0..8 {
                            outside |= plane[usize::from(leads[k] & 0x1F)] >> (lasts[k] & 0x3F);
                        }
                        read += 16;
                    }
                    (read, outside)
                },
            );
        }
        let _ = (bytes, plane);
        (0, 0)
    }

    /// [`two_byte_run`](Self::two_byte_run) for three-byte characters, five a step (15
    /// bytes) while sixteen remain.
    #[inline(never)]
    pub(super) fn three_byte_run(&self, bytes: &[u8], plane: &[u64; 1024]) -> (usize, u64) {
        #[cfg(target_arch = "x86_64")]
        if let Some(simd) = self.simd {
            return simd.vectorize(
                #[inline(always)]
                || {
                    let (sse2, ssse3) = (simd.sse2, simd.ssse3);
                    let (leads_at, pairs_at, lasts_at): (__m128i, __m128i, __m128i) =
                        (cast(THREE_LEADS), cast(THREE_PAIRS), cast(THREE_LASTS));
                    let (top4, lead) = (
                        sse2._mm_set1_epi8(0xF0u8 as i8),
                        sse2._mm_set1_epi8(0xE0u8 as i8),
                    );
                    let (lead_bits, second_bits) =
                        (sse2._mm_set1_epi16(0x03C0), sse2._mm_set1_epi16(0x003F));
                    let mut read = 0;
                    let mut outside = 0u64;
                    while let Some(chunk) =
                        bytes.get(read..).and_then(|rest| rest.first_chunk::<16>())
                    {
                        let v: __m128i = cast(*chunk);
                        let leads = ssse3._mm_shuffle_epi8(v, leads_at);
                        let three_byte = sse2._mm_cmpeq_epi8(sse2._mm_and_si128(leads, top4), lead);
                        if sse2._mm_movemask_epi8(three_byte) & 0x1F != 0x1F {
                            break;
                        }
                        // Lane k: the lead's low four bits, then the second byte's low six:
                        // the character's word in the plane.
                        let pairs = ssse3._mm_shuffle_epi8(v, pairs_at);
                        let rows = sse2._mm_or_si128(
                            sse2._mm_and_si128(sse2._mm_srli_epi16::<2>(pairs), lead_bits),
                            sse2._mm_and_si128(pairs, second_bits),
                        );
                        let rows: [u16; 8] = cast(rows);
                        let lasts: [u8; 16] = cast(ssse3._mm_shuffle_epi8(v, lasts_at));
                        for k in 0..5 {
                            outside |= plane[usize::from(rows[k] & 0x3FF)] >> (lasts[k] & 0x3F);
                        }
                        read += 15;
                    }
                    (read, outside)
                },
            );
        }
        let _ = (bytes, plane);
        (0, 0)
    }

    /// [`two_byte_run`](Self::two_byte_run) for four-byte characters, four a step, looked
    /// up in the astral table: `blocks` (where each block's map starts in `words`, by the
    /// lead's low three bits and the second byte's low six) and `words`.
    #[inline(never)]
    pub(super) fn four_byte_run(
        &self,
        bytes: &[u8],
        blocks: &[u32; 512],
        words: &[u64],
    ) -> (usize, u64) {
        #[cfg(target_arch = "x86_64")]
        if let Some(simd) = self.simd {
            return simd.vectorize(
                #[inline(always)]
                || {
                    let (sse2, ssse3) = (simd.sse2, simd.ssse3);
                    let (leads_at, pairs_at, rest_at): (__m128i, __m128i, __m128i) =
                        (cast(FOUR_LEADS), cast(FOUR_PAIRS), cast(FOUR_THIRDS_LASTS));
                    let (top5, lead) = (
                        sse2._mm_set1_epi8(0xF8u8 as i8),
                        sse2._mm_set1_epi8(0xF0u8 as i8),
                    );
                    let (lead_bits, second_bits) =
                        (sse2._mm_set1_epi16(0x01C0), sse2._mm_set1_epi16(0x003F));
                    let low6 = sse2._mm_set1_epi8(0x3F);
                    let mut read = 0;
                    let mut outside = 0u64;
                    while let Some(chunk) =
                        bytes.get(read..).and_then(|rest| rest.first_chunk::<16>())
                    {
                        let v: __m128i = cast(*chunk);
                        let leads = ssse3._mm_shuffle_epi8(v, leads_at);
                        let four_byte = sse2._mm_cmpeq_epi8(sse2._mm_and_si128(leads, top5), lead);
                        if sse2._mm_movemask_epi8(four_byte) & 0xF != 0xF {
                            break;
                        }
                        // Lane k: the lead's low three bits, then the second byte's low six:
                        // the character's block.
                        let pairs = ssse3._mm_shuffle_epi8(v, pairs_at);
                        let found = sse2._mm_or_si128(
                            sse2._mm_and_si128(sse2._mm_srli_epi16::<2>(pairs), lead_bits),
                            sse2._mm_and_si128(pairs, second_bits),
                        );
                        let found: [u16; 8] = cast(found);
                        // Third and last bytes, each down to its six low bits.
                        let ends = ssse3._mm_shuffle_epi8(v, rest_at);
                        let ends: [u8; 16] = cast(sse2._mm_and_si128(ends, low6));
                        for k in 0..4 {
                            let word = blocks[usize::from(found[k] & 0x1FF)] as usize
                                | usize::from(ends[k]);
                            let word = words.get(word).copied().unwrap_or(u64::MAX);
                            outside |= word >> (ends[4 + k] & 0x3F);
                        }
                        read += 16;
                    }
                    (read, outside)
                },
            );
        }
        let _ = (bytes, blocks, words);
        (0, 0)
    }

    #[cfg(target_arch = "x86_64")]
    #[inline(always)]
    fn ascii_avx2(&self, simd: pulp::x86::V3, bytes: &[u8], last: &[u8; 32]) -> (bool, u8) {
        use core::arch::x86_64::__m256i;
        let (avx, avx2) = (simd.avx, simd.avx2);
        let low: __m256i = cast(self.low);
        let high: __m256i = cast(self.high);
        let nibble = avx._mm256_set1_epi8(0x0F);
        let zero = avx._mm256_setzero_si256();
        let mut strays = zero;
        let mut highest = zero;
        // The last block overlaps the one before unless the blocks end with the text.
        let tail = (!bytes.len().is_multiple_of(32)).then_some(&last[..]);
        for block in bytes.chunks_exact(32).chain(tail) {
            let Ok(block) = <[u8; 32]>::try_from(block) else {
                break;
            };
            let block: __m256i = cast(block);
            let low_hits = avx2._mm256_shuffle_epi8(low, avx2._mm256_and_si256(block, nibble));
            let high_nibbles = avx2._mm256_and_si256(avx2._mm256_srli_epi16::<4>(block), nibble);
            let high_hits = avx2._mm256_shuffle_epi8(high, high_nibbles);
            let outside = avx2._mm256_cmpeq_epi8(avx2._mm256_and_si256(low_hits, high_hits), zero);
            // Bit 7 of `outside & !block` is set for an ASCII byte that is not a member.
            strays = avx2._mm256_or_si256(strays, avx2._mm256_andnot_si256(block, outside));
            highest = avx2._mm256_max_epu8(highest, block);
        }
        let uncovered = avx2._mm256_movemask_epi8(strays) != 0;
        let lanes: [u8; 32] = cast(highest);
        (uncovered, lanes.into_iter().fold(0, u8::max))
    }
}

#[cfg(target_arch = "x86_64")]
use pulp::bytemuck::cast;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_hold_exactly_the_members() {
        let sets: [u128; 4] = [
            0,
            u128::MAX,
            // Letters, digits and a few marks.
            (0x3FF << 0x30) | (0x3FF_FFFF << 0x41) | (0x3FF_FFFF << 0x61) | (1 << b'-'),
            // Every other byte.
            0x5555_5555_5555_5555_5555_5555_5555_5555,
        ];
        for ascii in sets {
            let class = Vector::of(ascii);
            for b in 0..=255u8 {
                let (low, high) = (usize::from(b & 0x0F), usize::from(b >> 4));
                let member = b < 0x80 && (ascii >> b) & 1 == 1;
                // Both lanes of each table are the same sixteen bytes.
                for lane in [0, 16] {
                    let hit = class.low[lane + low] & class.high[lane + high] != 0;
                    assert_eq!(hit, member, "{b:#04x} in {ascii:#x}");
                }
            }
        }
    }
}
