//! Object keys.

use alloc::string::String;

/// An object key as a request names it.
///
/// # Syntax
///
/// Any string can be carried, so that a request with a bad key reaches the bucket and is
/// rejected with the dialect's own error (ERR-4: arguments are checked first):
///
/// - KEY-1 (oss): 1 to 1023 bytes of UTF-8, not starting with `/` or `\`, else
///   `InvalidObjectName` 400.
/// - KEY-2 (s3): 1 to 1024 bytes; longer is `KeyTooLongError` 400, empty is `InvalidArgument` 400.
/// - KEY-3: keys compare in the byte order of their UTF-8 encoding, which is the order of
///   [`Ord`] here.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct ObjectKey(String);

impl ObjectKey {
    /// Wraps a key string.
    pub fn new(key: impl Into<String>) -> Self {
        ObjectKey(key.into())
    }

    /// The key's text, owned.
    pub fn into_string(self) -> String {
        self.0
    }

    /// The key as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl core::fmt::Display for ObjectKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.0)
    }
}

impl core::str::FromStr for ObjectKey {
    type Err = core::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(ObjectKey::new(s))
    }
}

impl From<&str> for ObjectKey {
    fn from(key: &str) -> Self {
        ObjectKey::new(key)
    }
}

impl From<String> for ObjectKey {
    fn from(key: String) -> Self {
        ObjectKey(key)
    }
}

impl From<&ObjectKey> for ObjectKey {
    fn from(key: &ObjectKey) -> Self {
        key.clone()
    }
}

impl AsRef<str> for ObjectKey {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl core::borrow::Borrow<str> for ObjectKey {
    fn borrow(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;

    // Every conversion keeps the key's text.
    #[test]
    fn conversions_keep_the_text() {
        let key = ObjectKey::new("photos/2026/a.jpg");
        assert_eq!("photos/2026/a.jpg".parse::<ObjectKey>(), Ok(key.clone()));
        assert_eq!(ObjectKey::from(String::from("photos/2026/a.jpg")), key);
        assert_eq!(ObjectKey::from("photos/2026/a.jpg"), key);
        assert_eq!(ObjectKey::from(&key).as_str(), "photos/2026/a.jpg");
    }
}
