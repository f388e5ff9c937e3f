//! Object types: Normal, Appendable, Multipart, Symlink.

/// An object's type, as `x-oss-object-type` and the listings report it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum ObjectType {
    /// Made by PutObject or CopyObject.
    Normal,
    /// Made by AppendObject (oss only).
    Appendable,
    /// Made by CompleteMultipartUpload.
    Multipart,
    /// Made by PutSymlink, or by copying a link (oss only; SYM-2, SYM-5).
    Symlink,
}

impl core::fmt::Display for ObjectType {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            ObjectType::Normal => "Normal",
            ObjectType::Appendable => "Appendable",
            ObjectType::Multipart => "Multipart",
            ObjectType::Symlink => "Symlink",
        })
    }
}
