//! Per-version metadata (TAG-5, TAG-6): user metadata, the content type and storage class
//! defaults and names of each dialect, and the copy directives.

use crate::dialect::Dialect;
use crate::pairs::pairs;

pairs!(
    /// User metadata: name-value pairs (`x-oss-meta-*` / `x-amz-meta-*`), as a request gives
    /// them or as an object version carries them (names lowercased, ascending).
    ///
    /// # Rules
    ///
    /// - TAG-5: names compare case-insensitively; a version keeps them lowercased, and the
    ///   values of one name given twice are joined with `,` in order, as HTTP joins a repeated
    ///   header (MODEL). Names and values together are at most
    ///   [`Dialect::max_metadata_size`] bytes, else `MetadataTooLarge` 400.
    ///
    /// In the trace format user metadata is a JSON object of name → value.
    ///
    /// ```
    /// use bucket_versioning::Metadata;
    ///
    /// let metadata = Metadata::new().with("Owner", "ana");
    /// assert_eq!(metadata.get("Owner"), Some("ana"));
    /// ```
    Metadata,
    "metadata pairs"
);

/// The storage classes of oss, the first the default (TAG-5).
pub const OSS_STORAGE_CLASSES: &[&str] = &[
    "Standard",
    "IA",
    "Archive",
    "ColdArchive",
    "DeepColdArchive",
];

/// The storage classes of s3, the first the default (TAG-5).
pub const S3_STORAGE_CLASSES: &[&str] = &[
    "STANDARD",
    "REDUCED_REDUNDANCY",
    "STANDARD_IA",
    "ONEZONE_IA",
    "INTELLIGENT_TIERING",
    "GLACIER",
    "DEEP_ARCHIVE",
    "OUTPOSTS",
    "GLACIER_IR",
    "SNOW",
    "EXPRESS_ONEZONE",
];

impl Dialect {
    /// The content type of a version written without one (TAG-5): oss
    /// `application/octet-stream`, s3 `binary/octet-stream`.
    pub fn default_content_type(self) -> &'static str {
        match self {
            Dialect::Oss => "application/octet-stream",
            Dialect::S3 => "binary/octet-stream",
        }
    }

    /// The storage classes the dialect knows, the default first (TAG-5); names are compared
    /// exactly.
    pub fn storage_classes(self) -> &'static [&'static str] {
        match self {
            Dialect::Oss => OSS_STORAGE_CLASSES,
            Dialect::S3 => S3_STORAGE_CLASSES,
        }
    }

    /// The storage class of a version written without one (TAG-5): oss `Standard`, s3
    /// `STANDARD`.
    pub fn default_storage_class(self) -> &'static str {
        self.storage_classes()[0]
    }

    /// The most bytes of user metadata (names and values) a version carries (TAG-5): oss
    /// 8 KiB, s3 2 KiB.
    pub fn max_metadata_size(self) -> usize {
        match self {
            Dialect::Oss => 8 * 1024,
            Dialect::S3 => 2 * 1024,
        }
    }
}

/// A copy's directive for its tags (TAG-1) or its metadata (TAG-6): take the source version's
/// (`COPY`, the default) or the request's (`REPLACE`).
///
/// The trace format spells it `"COPY"` or `"REPLACE"` (oss's `"Copy"` / `"Replace"` are read
/// too).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Directive {
    /// The new version takes the source version's.
    #[default]
    #[cfg_attr(feature = "serde", serde(rename = "COPY", alias = "Copy"))]
    Copy,
    /// The new version takes the request's.
    #[cfg_attr(feature = "serde", serde(rename = "REPLACE", alias = "Replace"))]
    Replace,
}
