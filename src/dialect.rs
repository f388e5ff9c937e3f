//! Dialects: which service's rules a bucket follows where OSS and S3 differ.

use crate::key::ObjectKey;
use crate::violation::{ArgumentError, Violation};

/// The largest body a single PutObject or UploadPart may carry, and the largest appendable
/// object: 5 GiB (PUT-6, MPU-2, APP-8).
pub const MAX_OBJECT_SIZE: u64 = 5 * 1024 * 1024 * 1024;

/// Which service a [`Bucket`](crate::Bucket) imitates.
///
/// The two dialects share almost every rule; where they differ the rule says so:
///
/// | rule | [`Oss`](Dialect::Oss) | [`S3`](Dialect::S3) |
/// |---|---|---|
/// | KEY-1 / KEY-2 | 1..=1023 bytes, no leading `/` or `\`: `InvalidObjectName` | 1..=1024 bytes: `KeyTooLongError`, empty `InvalidArgument` |
/// | VS-2 | bad status: `MalformedXML` | bad status: `IllegalVersioningConfigurationException` |
/// | PUT-6 | `InlineDataTooLarge` | `EntityTooLarge` |
/// | CT-3 / CT-4 | ETags in uppercase hex | ETags in lowercase hex |
/// | RSP-1 | Suspended write reports `null` | Suspended write reports no ID |
/// | APP-1 | append upload exists | every append command is `NotImplemented` |
/// | MPU-6 | parts but the last ≥ 100 KiB (102400 bytes) | parts but the last ≥ 5 MiB (5242880 bytes) |
/// | MPU-10 | a key's uploads list by upload ID | a key's uploads list in initiation order |
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Dialect {
    /// Alibaba Cloud Object Storage Service, the default.
    #[default]
    Oss,
    /// Amazon Simple Storage Service.
    S3,
}

impl Dialect {
    /// The longest key the dialect accepts, in bytes of UTF-8 (KEY-1, KEY-2).
    pub const fn max_key_len(self) -> usize {
        match self {
            Dialect::Oss => 1023,
            Dialect::S3 => 1024,
        }
    }

    /// The smallest size a part other than the last may have at CompleteMultipartUpload
    /// (MPU-6): oss 102400 bytes (100 KiB), s3 5242880 bytes (5 MiB).
    pub const fn min_part_size(self) -> u64 {
        match self {
            Dialect::Oss => 100 * 1024,
            Dialect::S3 => 5 * 1024 * 1024,
        }
    }

    /// Whether this dialect prints hex digests (ETags) in uppercase (CT-3, CT-4).
    pub(crate) const fn uppercase_etags(self) -> bool {
        matches!(self, Dialect::Oss)
    }

    /// Checks a key against KEY-1 (oss) or KEY-2 (s3).
    pub(crate) fn check_key(self, text: &str) -> Result<(), Violation> {
        match self {
            Dialect::Oss => {
                if text.is_empty()
                    || text.len() > self.max_key_len()
                    || text.starts_with(['/', '\\'])
                {
                    return Err(Violation::InvalidObjectName {
                        key: ObjectKey::new(text),
                    });
                }
            }
            Dialect::S3 => {
                if text.is_empty() {
                    return Err(Violation::InvalidArgument(ArgumentError::EmptyKey));
                }
                if text.len() > self.max_key_len() {
                    return Err(Violation::KeyTooLong {
                        size: text.len(),
                        max_size: self.max_key_len(),
                    });
                }
            }
        }
        Ok(())
    }

    /// The violation for a simple-upload body over [`MAX_OBJECT_SIZE`] (PUT-6).
    pub(crate) fn body_too_large(self, size: u64) -> Violation {
        match self {
            Dialect::Oss => Violation::InlineDataTooLarge {
                size,
                max_size: MAX_OBJECT_SIZE,
            },
            Dialect::S3 => Violation::EntityTooLarge {
                size,
                max_size: MAX_OBJECT_SIZE,
            },
        }
    }
}

impl core::fmt::Display for Dialect {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Dialect::Oss => "oss",
            Dialect::S3 => "s3",
        })
    }
}

impl core::str::FromStr for Dialect {
    type Err = UnknownDialect;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "oss" => Ok(Dialect::Oss),
            "s3" => Ok(Dialect::S3),
            _ => Err(UnknownDialect),
        }
    }
}

/// The error of parsing a [`Dialect`] from anything but `oss` or `s3`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown dialect: expected `oss` or `s3`")]
pub struct UnknownDialect;

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    // A dialect prints as the name the trace format and `--dialect` use, and parses back.
    #[test]
    fn names_round_trip() {
        for (dialect, name) in [(Dialect::Oss, "oss"), (Dialect::S3, "s3")] {
            assert_eq!(dialect.to_string(), name);
            assert_eq!(name.parse::<Dialect>(), Ok(dialect));
        }
        assert_eq!("OSS".parse::<Dialect>(), Err(UnknownDialect));
    }
}
