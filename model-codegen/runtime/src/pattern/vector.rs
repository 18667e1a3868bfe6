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
//! The two-byte block pass is also compiled for AVX2 here, where the build does not assume
//! it: the same comparisons, 32 bytes a step.

#[cfg(target_arch = "x86_64")]
use pulp::bytemuck::cast;

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

    /// Runs `f` compiled for AVX2 where the processor has it and the build does not assume
    /// it already (where it does, `f` is that code, and the call would only cost: 1%-2% of
    /// the block pass on x86-64-v3 and native builds, against 11% gained on the default).
    #[inline(always)]
    pub(super) fn run<R>(&self, f: impl FnOnce() -> R) -> R {
        #[cfg(all(target_arch = "x86_64", not(target_feature = "avx2")))]
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
