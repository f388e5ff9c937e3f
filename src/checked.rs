//! Parse, don't validate: a request's arguments checked once, at the boundary, into types that
//! cannot be wrong. Each operation parses its arguments in ERR-4's order (arguments before the
//! bucket's state) and hands the parsed values to the workers, which never check them again.

use crate::dialect::Dialect;
use crate::request::CompletedPart;
use crate::version_id::VersionId;
use crate::violation::{ArgumentError, MalformedXmlReason, Violation};

/// The most rows a listing page holds, and the default page of ListParts and
/// ListMultipartUploads (LST-2, MPU-9, MPU-10).
pub(crate) const MAX_PAGE: u64 = 1000;

/// The highest part number (MPU-2).
pub(crate) const MAX_PART_NUMBER: u32 = 10_000;

/// A key the dialect accepts: KEY-1 (oss) or KEY-2 (s3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Key<'a>(&'a str);

impl<'a> Key<'a> {
    /// Parses `key` under `dialect`'s rule, or the dialect's own error.
    pub(crate) fn parse(dialect: Dialect, key: &'a str) -> Result<Self, Violation> {
        dialect.check_key(key)?;
        Ok(Key(key))
    }

    /// The key's text.
    pub(crate) fn as_str(self) -> &'a str {
        self.0
    }
}

/// A version ID of well-formed syntax (ID-6): non-empty and at most 1024 bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct WellFormedId<'a>(&'a VersionId);

impl<'a> WellFormedId<'a> {
    /// Parses `id`, or `InvalidArgument` 400 (ID-6).
    pub(crate) fn parse(id: &'a VersionId) -> Result<Self, Violation> {
        id.check_syntax().map_err(Violation::InvalidArgument)?;
        Ok(WellFormedId(id))
    }

    /// Parses an optional ID: absent stays absent.
    pub(crate) fn parse_optional(id: Option<&'a VersionId>) -> Result<Option<Self>, Violation> {
        id.map(WellFormedId::parse).transpose()
    }

    /// The ID.
    pub(crate) fn get(self) -> &'a VersionId {
        self.0
    }
}

/// A page size within the operation's limits (LST-2, MPU-9, MPU-10).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PageSize(usize);

impl PageSize {
    /// LST-2: the page size of ListObjectVersions and ListObjects, by dialect.
    ///
    /// - oss: 1..=1000, default 100; 0 or more than 1000 → `InvalidArgument` 400.
    /// - s3: 0..=1000, default 1000; more is capped to 1000.
    pub(crate) fn max_keys(dialect: Dialect, requested: Option<u64>) -> Result<Self, Violation> {
        let size = match (dialect, requested) {
            (Dialect::Oss, None) => 100,
            (Dialect::S3, None) => MAX_PAGE,
            (Dialect::Oss, Some(value)) if (1..=MAX_PAGE).contains(&value) => value,
            (Dialect::Oss, Some(value)) => {
                return Err(Violation::InvalidArgument(ArgumentError::LimitOutOfRange {
                    name: "max-keys",
                    value,
                }));
            }
            (Dialect::S3, Some(value)) => value.min(MAX_PAGE),
        };
        Ok(PageSize::within_max(size))
    }

    /// MPU-9, MPU-10: `max-parts` and `max-uploads` are 1..=1000, default 1000; else
    /// `InvalidArgument` 400.
    pub(crate) fn limit(name: &'static str, requested: Option<u64>) -> Result<Self, Violation> {
        match requested {
            None => Ok(PageSize::within_max(MAX_PAGE)),
            Some(value @ 1..=MAX_PAGE) => Ok(PageSize::within_max(value)),
            Some(value) => Err(Violation::InvalidArgument(ArgumentError::LimitOutOfRange {
                name,
                value,
            })),
        }
    }

    fn within_max(size: u64) -> Self {
        PageSize(usize::try_from(size).expect("a page size is at most 1000"))
    }

    /// The number of rows.
    pub(crate) fn get(self) -> usize {
        self.0
    }
}

/// A part number in 1..=10000 (MPU-2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PartNumber(u32);

impl PartNumber {
    /// Parses `number`, or `InvalidArgument` 400.
    pub(crate) fn parse(number: u32) -> Result<Self, Violation> {
        if (1..=MAX_PART_NUMBER).contains(&number) {
            Ok(PartNumber(number))
        } else {
            Err(Violation::InvalidArgument(
                ArgumentError::PartNumberOutOfRange(number),
            ))
        }
    }

    /// The number.
    pub(crate) fn get(self) -> u32 {
        self.0
    }
}

/// A Complete request's part list (MPU-4): non-empty and strictly ascending; MODEL (MP-9) its
/// part numbers are 1..=10000, so it has at most 10000 parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PartList<'a>(&'a [CompletedPart]);

impl<'a> PartList<'a> {
    /// Parses `parts`: `MalformedXML` 400 when empty, `InvalidPartOrder` 400 when out of order
    /// or out of range.
    pub(crate) fn parse(parts: &'a [CompletedPart]) -> Result<Self, Violation> {
        if parts.is_empty() {
            return Err(Violation::MalformedXml(MalformedXmlReason::NoParts));
        }
        let mut previous = 0;
        for part in parts {
            if part.part_number <= previous || part.part_number > MAX_PART_NUMBER {
                return Err(Violation::InvalidPartOrder);
            }
            previous = part.part_number;
        }
        Ok(PartList(parts))
    }

    /// The parts, ascending.
    pub(crate) fn get(self) -> &'a [CompletedPart] {
        self.0
    }

    /// The number of parts, at most 10000.
    pub(crate) fn count(self) -> u32 {
        u32::try_from(self.0.len()).expect("a part list has at most 10000 parts")
    }
}
