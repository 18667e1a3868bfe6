//! Idempotency tokens for members with `@idempotencyToken`. Kept apart because it is the
//! runtime's only source of randomness and depends on nothing else here.

/// A fresh idempotency token, for members with `@idempotencyToken` that the caller left
/// unset: a random (version 4) UUID such as `0f8fad5b-d9cb-469f-a165-70867728950e`.
///
/// The randomness is std's per-process hash keys mixed with the time and a counter: unique
/// enough to tell retries from new requests, and not meant as a secret.
pub fn idempotency_token() -> String {
    use std::collections::hash_map::RandomState;
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::time::{SystemTime, UNIX_EPOCH};

    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let half = |salt: u64| {
        let mut hasher = RandomState::new().build_hasher();
        hasher.write_u64(count);
        hasher.write_u128(now);
        hasher.write_u64(salt);
        hasher.finish()
    };
    let bits = (u128::from(half(1)) << 64) | u128::from(half(2));
    // Version 4 in bits 76..80, variant 0b10 in bits 62..64.
    let bits = (bits & !(0xF << 76)) | (0x4 << 76);
    let bits = (bits & !(0x3 << 62)) | (0x2 << 62);
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        bits >> 96,
        (bits >> 80) & 0xFFFF,
        (bits >> 64) & 0xFFFF,
        (bits >> 48) & 0xFFFF,
        bits & 0xFFFF_FFFF_FFFF
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn idempotency_tokens_are_distinct_version_4_uuids() {
        let shape = regex::Regex::new(
            "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let tokens: std::collections::BTreeSet<String> =
            (0..10_000).map(|_| super::idempotency_token()).collect();
        assert_eq!(tokens.len(), 10_000);
        assert!(tokens.iter().all(|t| shape.is_match(t)));
    }
}
