//! Object tags (TAG-1..TAG-4): the tag set of one object version.

use crate::pairs::pairs;

/// The most tags a set holds (TAG-3).
pub const MAX_TAGS: usize = 10;
/// The longest tag key, in bytes (TAG-3).
pub const MAX_TAG_KEY_LEN: usize = 128;
/// The longest tag value, in bytes (TAG-3).
pub const MAX_TAG_VALUE_LEN: usize = 256;

pairs!(
    /// A tag set: key-value pairs, as a request gives them (in order, a repeated key kept so
    /// that TAG-3 can refuse it) or as an object version carries them (ascending by key).
    ///
    /// # Rules
    ///
    /// - TAG-1: tags belong to one object version; delete markers have none.
    /// - TAG-3: at most [`MAX_TAGS`] tags with distinct keys, each key 1..=[`MAX_TAG_KEY_LEN`]
    ///   bytes, each value 0..=[`MAX_TAG_VALUE_LEN`] bytes; else `InvalidTag` 400.
    ///
    /// In the trace format a tag set is a JSON object of key → value.
    ///
    /// ```
    /// use bucket_versioning::Tags;
    ///
    /// let tags = Tags::new().with("team", "web").with("tier", "gold");
    /// assert_eq!((tags.len(), tags.get("team")), (2, Some("web")));
    /// ```
    Tags,
    "tags"
);
