//! Request IDs: deterministic, from a counter the caller passes in (http.md §2, MODEL).

use base64::Engine as _;
use bucket_versioning::Dialect;
use sha2::{Digest as _, Sha256};

/// The ID of one request, as the response headers and the error body carry it.
///
/// The same counter value always gives the same ID, so a test can predict it:
///
/// | dialect | header | form |
/// |---|---|---|
/// | oss | `x-oss-request-id` | 24 upper-case hex digits, as in the OSS samples |
/// | s3 | `x-amz-request-id` | 16 upper-case hex digits, as in real S3 responses |
/// | s3 | `x-amz-id-2` ([`host_id`](Self::host_id)) | an opaque base64 token derived from the ID |
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RequestId {
    dialect: Dialect,
    text: String,
}

impl RequestId {
    /// The ID of the request numbered `counter` by the endpoint, in `dialect`'s form.
    pub fn new(dialect: Dialect, counter: u64) -> Self {
        let text = match dialect {
            Dialect::Oss => format!("{counter:024X}"),
            Dialect::S3 => format!("{counter:016X}"),
        };
        RequestId { dialect, text }
    }

    /// The ID as the request-ID header and `<RequestId>` carry it.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The dialect whose form the ID has.
    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// The s3 `x-amz-id-2` value and `<HostId>` (MODEL: an opaque token): the base64 of the
    /// SHA-256 of the request ID, 44 characters like real S3's.
    pub fn host_id(&self) -> String {
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(self.text.as_bytes()))
    }
}

impl core::fmt::Display for RequestId {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // http.md §2: 24 upper-hex digits for oss, 16 characters for s3, from the counter alone.
    #[test]
    fn ids_have_each_dialects_form() {
        let oss = RequestId::new(Dialect::Oss, 0x1F);
        assert_eq!(oss.as_str(), "00000000000000000000001F");
        let s3 = RequestId::new(Dialect::S3, u64::MAX);
        assert_eq!(s3.as_str(), "FFFFFFFFFFFFFFFF");
        assert_eq!(s3.to_string(), "FFFFFFFFFFFFFFFF");
        assert_eq!(s3.dialect(), Dialect::S3);
        assert_eq!(s3.host_id().len(), 44);
        assert_eq!(
            s3.host_id(),
            RequestId::new(Dialect::S3, u64::MAX).host_id()
        );
        assert_ne!(s3.host_id(), RequestId::new(Dialect::S3, 0).host_id());
    }
}
