//! CRC-64/XZ, the `x-oss-hash-crc64ecma` checksum (CT-1), and its combination (CT-2).
//!
//! The checksum itself comes from the `crc` crate. That crate has no way to combine two
//! checksums, so [`combine`] implements the standard method (as in zlib's `crc32_combine`):
//! multiply the first CRC by `x^(8·len₂)` modulo the polynomial and add the second.

use crc::{CRC_64_XZ, Crc};

const CRC64: Crc<u64> = Crc::<u64>::new(&CRC_64_XZ);

/// The reflected ECMA-182 polynomial.
const POLY_REFLECTED: u64 = 0xC96C_5795_D787_0F42;

/// `x^0` in the reflected representation.
const ONE: u64 = 1 << 63;

/// `X2N[k]` is `x^(2^k)` modulo the polynomial.
const X2N: [u64; 64] = x2n_table();

/// The CRC-64/XZ of `bytes` (`"123456789"` gives `0x995DC9BBDF1939FA`, empty gives 0).
pub fn checksum(bytes: &[u8]) -> u64 {
    CRC64.checksum(bytes)
}

/// The CRC-64 of `a ‖ b` from `crc(a)`, `crc(b)` and the length of `b` in bytes (CT-2).
///
/// Costs one polynomial multiplication per set bit of `len_b`: no bytes are needed.
pub fn combine(crc_a: u64, crc_b: u64, len_b: u64) -> u64 {
    if len_b == 0 {
        return crc_a;
    }
    multiply(x_pow_8n(len_b), crc_a) ^ crc_b
}

/// The CRC-64 of `piece` repeated `times` times, from the piece's CRC and length.
pub fn repeat(crc_piece: u64, len_piece: u64, times: u64) -> u64 {
    // Square-and-multiply over concatenation; only the lengths of `power` matter to `combine`,
    // and they may wrap only where the caller has already rejected the size.
    let mut result = 0u64;
    let (mut power, mut power_len) = (crc_piece, len_piece);
    let mut remaining = times;
    while remaining > 0 {
        if remaining & 1 == 1 {
            result = combine(result, power, power_len);
        }
        remaining >>= 1;
        if remaining > 0 {
            power = combine(power, power, power_len);
            power_len = power_len.wrapping_add(power_len);
        }
    }
    result
}

/// `a · b` modulo the polynomial, both in the reflected representation.
const fn multiply(a: u64, mut b: u64) -> u64 {
    let mut mask = ONE;
    let mut product = 0u64;
    loop {
        if a & mask != 0 {
            product ^= b;
            if a & (mask - 1) == 0 {
                return product;
            }
        }
        mask >>= 1;
        b = if b & 1 != 0 {
            (b >> 1) ^ POLY_REFLECTED
        } else {
            b >> 1
        };
    }
}

const fn x2n_table() -> [u64; 64] {
    let mut table = [0u64; 64];
    let mut power = ONE >> 1; // x^1
    let mut k = 0;
    while k < 64 {
        table[k] = power;
        power = multiply(power, power);
        k += 1;
    }
    table
}

/// `x^(8·n)` modulo the polynomial.
fn x_pow_8n(mut n: u64) -> u64 {
    let mut power = ONE;
    let mut k = 3usize; // 8·n = n · 2^3
    while n != 0 {
        if n & 1 != 0 {
            power = multiply(X2N[k & 63], power);
        }
        n >>= 1;
        k += 1;
    }
    power
}

#[cfg(test)]
mod tests {
    use super::*;

    // Rule: CT-1 — the check value of CRC-64/XZ.
    #[test]
    fn check_value() {
        assert_eq!(checksum(b"123456789"), 0x995D_C9BB_DF19_39FA);
        assert_eq!(checksum(b"123456789"), 11_051_210_869_376_104_954);
        assert_eq!(checksum(b""), 0);
    }

    // Rule: CT-2 — combining equals the CRC of the concatenation.
    #[test]
    fn combine_matches_concatenation() {
        let pieces: [&[u8]; 5] = [b"", b"a", b"hello ", b"world, this is longer", &[0xFF; 300]];
        for a in pieces {
            for b in pieces {
                let whole: alloc::vec::Vec<u8> = a.iter().chain(b).copied().collect();
                assert_eq!(
                    combine(checksum(a), checksum(b), b.len() as u64),
                    checksum(&whole),
                    "a={a:?} b={b:?}"
                );
            }
        }
    }

    // Rule: CT-2 — a repeated piece.
    #[test]
    fn repeat_matches_concatenation() {
        for times in [0u64, 1, 2, 3, 7, 64, 100] {
            let whole = b"ab".repeat(times as usize);
            assert_eq!(
                repeat(checksum(b"ab"), 2, times),
                checksum(&whole),
                "times={times}"
            );
        }
    }
}
