//! Range reads (http.md §5.2): `Range: bytes=…` on GetObject, one range only.
//!
//! s3 answers an unsatisfiable range 416 `InvalidRange`; oss answers an invalid range with the
//! whole object (200, no `Content-Range`). A header that is not one byte range (several ranges,
//! another unit, garbage) is ignored: the whole object (MODEL, both dialects).

/// A single byte range as the request states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ByteRange {
    /// `bytes=first-` or `bytes=first-last`.
    From {
        /// The first byte.
        first: u64,
        /// The last byte, inclusive (`None`: to the end).
        last: Option<u64>,
    },
    /// `bytes=-length`: the last `length` bytes.
    Suffix {
        /// How many bytes from the end.
        length: u64,
    },
}

/// A range that selects no byte of the object (s3 416 `InvalidRange`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the requested range is not satisfiable for an object of {size} bytes")]
pub struct Unsatisfiable {
    /// The object's size.
    pub size: u64,
}

impl ByteRange {
    /// Reads a `Range` header; `None` when it is not a single byte range (then it is ignored).
    pub fn parse(text: &str) -> Option<Self> {
        let spec = text.trim().strip_prefix("bytes=")?.trim();
        if spec.contains(',') {
            return None;
        }
        let (first, last) = spec.split_once('-')?;
        let number = |digits: &str| {
            let digits = digits.trim();
            (!digits.is_empty() && digits.bytes().all(|digit| digit.is_ascii_digit()))
                .then(|| digits.parse::<u64>().ok())
                .flatten()
        };
        match (first.trim().is_empty(), last.trim().is_empty()) {
            (true, false) => Some(ByteRange::Suffix {
                length: number(last)?,
            }),
            (false, true) => Some(ByteRange::From {
                first: number(first)?,
                last: None,
            }),
            (false, false) => {
                let (first, last) = (number(first)?, number(last)?);
                (first <= last).then_some(ByteRange::From {
                    first,
                    last: Some(last),
                })
            }
            (true, true) => None,
        }
    }

    /// The inclusive byte span `(first, last)` this range selects in an object of `size`
    /// bytes; a last byte past the end is clamped to it.
    pub fn resolve(self, size: u64) -> Result<(u64, u64), Unsatisfiable> {
        let unsatisfiable = Unsatisfiable { size };
        match self {
            ByteRange::From { first, last } => {
                if first >= size {
                    return Err(unsatisfiable);
                }
                let last = last.map_or(size - 1, |last| last.min(size - 1));
                Ok((first, last))
            }
            ByteRange::Suffix { length } => {
                if length == 0 || size == 0 {
                    return Err(unsatisfiable);
                }
                Ok((size - length.min(size), size - 1))
            }
        }
    }
}

/// The `Content-Range` of a 206 answer: `bytes first-last/size`.
pub fn content_range(first: u64, last: u64, size: u64) -> String {
    format!("bytes {first}-{last}/{size}")
}

#[cfg(test)]
mod tests {
    use super::*;

    // http.md §5.2: the three forms of a single range, resolved against the size.
    #[test]
    fn single_ranges_resolve() {
        let resolve = |text: &str, size| ByteRange::parse(text).map(|range| range.resolve(size));
        assert_eq!(resolve("bytes=0-9", 100), Some(Ok((0, 9))));
        assert_eq!(resolve("bytes=90-200", 100), Some(Ok((90, 99))));
        assert_eq!(resolve("bytes=10-", 100), Some(Ok((10, 99))));
        assert_eq!(resolve("bytes=-10", 100), Some(Ok((90, 99))));
        assert_eq!(resolve("bytes=-500", 100), Some(Ok((0, 99))));
        assert_eq!(
            resolve("bytes=100-", 100),
            Some(Err(Unsatisfiable { size: 100 }))
        );
        assert_eq!(
            resolve("bytes=-0", 100),
            Some(Err(Unsatisfiable { size: 100 }))
        );
        assert_eq!(
            resolve("bytes=0-0", 0),
            Some(Err(Unsatisfiable { size: 0 }))
        );
        assert_eq!(content_range(0, 9, 100), "bytes 0-9/100");
    }

    // http.md §5.2 (MODEL): what is not one byte range is ignored.
    #[test]
    fn other_ranges_are_ignored() {
        for text in [
            "bytes=0-1,3-4",
            "items=0-1",
            "bytes=5-1",
            "bytes=-",
            "bytes=a-b",
            "0-9",
            "",
        ] {
            assert_eq!(ByteRange::parse(text), None, "{text}");
        }
    }
}
