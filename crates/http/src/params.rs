//! The query parameters of the command mapping (http.md §4, §5), spelled once for both
//! directions: the server reads them into commands ([`request`](crate::request)) and echoes them
//! in listings ([`response`](crate::response)); the client writes them
//! ([`client`](crate::client)). The discriminating flags (`versions`, `uploads`, `append`, …)
//! are the dispatch table's ([`dispatch::TABLE`](crate::dispatch::TABLE)).

/// The version a request names (GET, DEL, APP-2).
pub const VERSION_ID: &str = "versionId";
/// The append or seal position (APP-5).
pub const POSITION: &str = "position";
/// The part number of UploadPart (MPU-2).
pub const PART_NUMBER: &str = "partNumber";
/// The upload of a multipart request (MPU-2..MPU-9).
pub const UPLOAD_ID: &str = "uploadId";
/// Listings: only keys with this prefix (LST-6).
pub const PREFIX: &str = "prefix";
/// Listings: the common-prefix delimiter (LST-6).
pub const DELIMITER: &str = "delimiter";
/// ListObjectVersions and ListMultipartUploads: start after this key (LST-3).
pub const KEY_MARKER: &str = "key-marker";
/// ListObjectVersions: start after this version of the key marker (LST-3, LST-4).
pub const VERSION_ID_MARKER: &str = "version-id-marker";
/// ListMultipartUploads: start after this upload of the key marker (MPU-10).
pub const UPLOAD_ID_MARKER: &str = "upload-id-marker";
/// ListObjects v1: start after this key (LST-7).
pub const MARKER: &str = "marker";
/// ListObjectsV2: the token of the next page (LST-7).
pub const CONTINUATION_TOKEN: &str = "continuation-token";
/// ListObjectsV2: start after this key (LST-7).
pub const START_AFTER: &str = "start-after";
/// Listings' page size (LST-2); the name the model reports in `LimitOutOfRange`.
pub const MAX_KEYS: &str = "max-keys";
/// ListParts' page size (MPU-9).
pub const MAX_PARTS: &str = "max-parts";
/// ListParts: list after this part number (MPU-9).
pub const PART_NUMBER_MARKER: &str = "part-number-marker";
/// ListMultipartUploads' page size (MPU-10).
pub const MAX_UPLOADS: &str = "max-uploads";
/// `encoding-type=url` (http.md §2).
pub const ENCODING_TYPE: &str = "encoding-type";
/// The ID of a retention policy (OL-7): CompleteBucketWorm, ExtendBucketWorm.
pub const WORM_ID: &str = "wormId";
