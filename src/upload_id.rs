//! Multipart upload IDs.

use alloc::string::String;

/// The ID of a multipart upload: an opaque string (MPU-1).
///
/// Generated IDs are 32 uppercase hex digits drawn from the bucket's [`IdSource`](crate::version_id::IdSource).
/// Any string can be carried in a request; one that names no upload in progress gets
/// `NoSuchUpload` 404 (MPU-3).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct UploadId(String);

impl UploadId {
    /// Wraps an upload ID string.
    pub fn new(id: impl Into<String>) -> Self {
        UploadId(id.into())
    }

    /// The ID as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl core::fmt::Display for UploadId {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.0)
    }
}

impl core::str::FromStr for UploadId {
    type Err = core::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(UploadId::new(s))
    }
}

impl From<&str> for UploadId {
    fn from(id: &str) -> Self {
        UploadId::new(id)
    }
}

impl From<String> for UploadId {
    fn from(id: String) -> Self {
        UploadId(id)
    }
}

impl From<&UploadId> for UploadId {
    fn from(id: &UploadId) -> Self {
        id.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::{String, ToString};

    // Every conversion keeps the ID's text.
    #[test]
    fn conversions_keep_the_text() {
        let id = UploadId::new("0004B9894A22E5B1888A1E29F823");
        assert_eq!(id.as_str(), "0004B9894A22E5B1888A1E29F823");
        assert_eq!(id.to_string(), "0004B9894A22E5B1888A1E29F823");
        assert_eq!(
            "0004B9894A22E5B1888A1E29F823".parse::<UploadId>(),
            Ok(id.clone())
        );
        assert_eq!(UploadId::from("0004B9894A22E5B1888A1E29F823"), id);
        assert_eq!(
            UploadId::from(String::from("0004B9894A22E5B1888A1E29F823")),
            id
        );
        assert_eq!(UploadId::from(&id), id);
    }
}
