//! Bucket names (SVC-2): the syntax each dialect accepts.

use crate::dialect::Dialect;

/// Whether `name` is a bucket name `dialect` accepts (SVC-2).
///
/// Both dialects: 3..=63 bytes, starting and ending with a lowercase letter or digit. Inside,
/// oss allows lowercase letters, digits and `-`; s3 also `.`, but no `..`, nothing shaped
/// like an IPv4 address, no `xn--` or `sthree-` prefix and no `-s3alias` or `--ol-s3` suffix.
pub(crate) fn is_valid(dialect: Dialect, name: &str) -> bool {
    let bytes = name.as_bytes();
    let edge = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    let inner = |b: u8| edge(b) || b == b'-' || (dialect == Dialect::S3 && b == b'.');
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    if !(3..=63).contains(&bytes.len()) || !edge(first) || !edge(last) {
        return false;
    }
    if !bytes.iter().all(|&b| inner(b)) {
        return false;
    }
    match dialect {
        Dialect::Oss => true,
        Dialect::S3 => {
            !name.contains("..")
                && !is_ipv4_shaped(name)
                && !name.starts_with("xn--")
                && !name.starts_with("sthree-")
                && !name.ends_with("-s3alias")
                && !name.ends_with("--ol-s3")
        }
    }
}

/// Four dot-separated runs of 1..=3 digits, as `192.168.5.4`.
fn is_ipv4_shaped(name: &str) -> bool {
    let mut parts = 0;
    for part in name.split('.') {
        parts += 1;
        if part.is_empty() || part.len() > 3 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
    }
    parts == 4
}

#[cfg(test)]
mod tests {
    use super::*;

    // Rule: SVC-2
    #[test]
    fn names_follow_each_dialect() {
        for dialect in [Dialect::Oss, Dialect::S3] {
            assert!(is_valid(dialect, "my-bucket-1"));
            assert!(!is_valid(dialect, "ab"));
            assert!(!is_valid(dialect, &"a".repeat(64)));
            assert!(is_valid(dialect, &"a".repeat(63)));
            assert!(!is_valid(dialect, "-abc"));
            assert!(!is_valid(dialect, "abc-"));
            assert!(!is_valid(dialect, "Abc"));
            assert!(!is_valid(dialect, "a_bc"));
        }
        assert!(!is_valid(Dialect::Oss, "my.bucket"));
        assert!(is_valid(Dialect::S3, "my.bucket"));
        assert!(!is_valid(Dialect::S3, "my..bucket"));
        assert!(!is_valid(Dialect::S3, "192.168.5.4"));
        assert!(is_valid(Dialect::S3, "192.168.5.4a"));
        assert!(!is_valid(Dialect::S3, "xn--abc"));
        assert!(!is_valid(Dialect::S3, "sthree-abc"));
        assert!(!is_valid(Dialect::S3, "abc-s3alias"));
        assert!(!is_valid(Dialect::S3, "abc--ol-s3"));
        assert!(is_valid(Dialect::Oss, "xn--abc"));
    }
}
