//! Addressing (http.md §1.1): which bucket and key a request names, from its path and `Host`.
//!
//! - **Path style**: `/{bucket}/{key}`; `/{bucket}` and `/{bucket}/` name the bucket; `/` the
//!   service.
//! - **Virtual-host style**: `Host: {bucket}.{base}` with `base` one of the configured base hosts
//!   (MODEL: `localhost` and the endpoint's own host); the path is then `/{key}`.
//!
//! The path is percent-decoded exactly once, as UTF-8; `//` is not collapsed and `.`/`..` are
//! not resolved, so oss2's `%2F` and botocore's literal `/` give the same key and every other
//! spelling gives its own.

use http::Uri;
use http::header::HOST;

use crate::percent::{self, PercentError};

/// What a request is addressed to.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// The service itself (`GET /`: ListBuckets).
    Service,
    /// A bucket.
    Bucket {
        /// The bucket's name, as the request spells it (SVC-2 checks it later).
        bucket: String,
    },
    /// An object key in a bucket.
    Object {
        /// The bucket's name.
        bucket: String,
        /// The key, decoded; KEY-1/KEY-2 check it later.
        key: String,
    },
}

impl Target {
    /// The bucket named, if any.
    pub fn bucket(&self) -> Option<&str> {
        match self {
            Target::Service => None,
            Target::Bucket { bucket } | Target::Object { bucket, .. } => Some(bucket),
        }
    }

    /// The key named, if any.
    pub fn key(&self) -> Option<&str> {
        match self {
            Target::Object { key, .. } => Some(key),
            _ => None,
        }
    }

    /// Which kind of target this is, for dispatch.
    pub fn kind(&self) -> TargetKind {
        match self {
            Target::Service => TargetKind::Service,
            Target::Bucket { .. } => TargetKind::Bucket,
            Target::Object { .. } => TargetKind::Object,
        }
    }
}

/// The three kinds of [`Target`], the "Target" column of http.md §1.3.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TargetKind {
    /// `/`.
    Service,
    /// `/{bucket}`.
    Bucket,
    /// `/{bucket}/{key}`.
    Object,
}

/// A request whose URI cannot be read (400 `InvalidURI`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UriError {
    /// A path or query component with a bad percent-escape or that is not UTF-8 once decoded.
    #[error("cannot decode {component}: {source}")]
    Encoding {
        /// Which part of the URI: `path`, or `query parameter NAME`.
        component: String,
        /// What was wrong with it.
        source: PercentError,
    },
    /// A request target that is not an absolute path (`*`, or an authority alone).
    #[error("the request target is not a path")]
    NotAPath,
}

/// How an endpoint reads bucket names from `Host` (http.md §1.1).
///
/// A `Host` of the form `{bucket}.{base}` (any port, any letter case) names `bucket` in
/// virtual-host style when `base` is one of the base hosts; any other `Host` — a base host
/// itself, an IP address, an unknown name, or none — means path style.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Addressing {
    base_hosts: Vec<String>,
}

impl Default for Addressing {
    /// The base host `localhost` alone.
    fn default() -> Self {
        Addressing {
            base_hosts: vec!["localhost".to_owned()],
        }
    }
}

impl Addressing {
    /// The MODEL default for an endpoint reached as `endpoint_host` (a name or address, with or
    /// without a port): the base hosts `localhost` and `endpoint_host`.
    pub fn new(endpoint_host: &str) -> Self {
        Addressing::default().with_base_host(endpoint_host)
    }

    /// Adds a base host (its port, if given, is ignored; letter case does not matter).
    pub fn with_base_host(mut self, host: &str) -> Self {
        let host = strip_port(host).to_ascii_lowercase();
        if !host.is_empty() && !self.base_hosts.contains(&host) {
            self.base_hosts.push(host);
        }
        self
    }

    /// The base hosts, lower-case and without ports.
    pub fn base_hosts(&self) -> &[String] {
        &self.base_hosts
    }

    /// The target of `request`: its URI's path, and its `Host` header (else the URI's
    /// authority).
    pub fn target<B>(&self, request: &http::Request<B>) -> Result<Target, UriError> {
        let host = request
            .headers()
            .get(HOST)
            .and_then(|value| value.to_str().ok());
        self.target_of(request.uri(), host)
    }

    /// The target of a request for `uri` with `host` as its `Host` header.
    pub fn target_of(&self, uri: &Uri, host: Option<&str>) -> Result<Target, UriError> {
        let path = uri.path();
        if !path.starts_with('/') {
            return Err(UriError::NotAPath);
        }
        let host = host.or_else(|| uri.host());
        match host.and_then(|host| self.virtual_host_bucket(host)) {
            Some(bucket) => {
                let key = decode_path(&path[1..])?;
                Ok(if key.is_empty() {
                    Target::Bucket { bucket }
                } else {
                    Target::Object { bucket, key }
                })
            }
            None => path_style(&path[1..]),
        }
    }

    /// The bucket a virtual-host-style `Host` names, if it is one.
    fn virtual_host_bucket(&self, host: &str) -> Option<String> {
        let host = strip_port(host).to_ascii_lowercase();
        self.base_hosts.iter().find_map(|base| {
            let bucket = host.strip_suffix(base.as_str())?.strip_suffix('.')?;
            (!bucket.is_empty()).then(|| bucket.to_owned())
        })
    }
}

/// `{bucket}[/{key}]`, the path after its leading `/`.
fn path_style(path: &str) -> Result<Target, UriError> {
    if path.is_empty() {
        return Ok(Target::Service);
    }
    let (bucket, key) = path.split_once('/').unwrap_or((path, ""));
    let bucket = decode_path(bucket)?;
    let key = decode_path(key)?;
    Ok(if key.is_empty() {
        Target::Bucket { bucket }
    } else {
        Target::Object { bucket, key }
    })
}

fn decode_path(text: &str) -> Result<String, UriError> {
    percent::decode(text).map_err(|source| UriError::Encoding {
        component: "path".to_owned(),
        source,
    })
}

/// `host` without its `:port` (an IPv6 literal keeps its brackets).
fn strip_port(host: &str) -> &str {
    if host.starts_with('[') {
        return host
            .split_once(']')
            .map_or(host, |(address, _)| &host[..=address.len()]);
    }
    host.rsplit_once(':')
        .filter(|(_, port)| port.bytes().all(|digit| digit.is_ascii_digit()))
        .map_or(host, |(name, _)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(addressing: &Addressing, uri: &str, host: Option<&str>) -> Result<Target, UriError> {
        addressing.target_of(&uri.parse::<Uri>().expect("test URIs parse"), host)
    }

    fn object(bucket: &str, key: &str) -> Target {
        Target::Object {
            bucket: bucket.into(),
            key: key.into(),
        }
    }

    fn bucket(bucket: &str) -> Target {
        Target::Bucket {
            bucket: bucket.into(),
        }
    }

    // http.md §1.1: path style, with and without the trailing `/` of bucket requests.
    #[test]
    fn path_style_names_bucket_and_key() {
        let addressing = Addressing::new("127.0.0.1:9000");
        let host = Some("127.0.0.1:9000");
        assert_eq!(target(&addressing, "/", host), Ok(Target::Service));
        assert_eq!(target(&addressing, "/b", host), Ok(bucket("b")));
        assert_eq!(target(&addressing, "/b/", host), Ok(bucket("b")));
        assert_eq!(target(&addressing, "/b/k", host), Ok(object("b", "k")));
        assert_eq!(
            target(&addressing, "/b/a/b/c", host),
            Ok(object("b", "a/b/c"))
        );
        assert_eq!(
            target(&addressing, "/b/k?versions", None),
            Ok(object("b", "k"))
        );
    }

    // http.md §1.1: oss2's `%2F` and botocore's literal `/` give one key; no `//` collapsing,
    // no dot segments resolved.
    #[test]
    fn keys_decode_once_without_normalisation() {
        let addressing = Addressing::default();
        assert_eq!(
            target(&addressing, "/b/a%2Fb", None),
            Ok(object("b", "a/b"))
        );
        assert_eq!(target(&addressing, "/b/a/b", None), Ok(object("b", "a/b")));
        assert_eq!(target(&addressing, "/b//x", None), Ok(object("b", "/x")));
        assert_eq!(
            target(&addressing, "/b/./../x", None),
            Ok(object("b", "./../x"))
        );
        assert_eq!(
            target(&addressing, "/b/%2525", None),
            Ok(object("b", "%25"))
        );
        assert_eq!(target(&addressing, "/b/a+b", None), Ok(object("b", "a+b")));
        assert_eq!(
            target(&addressing, "/b/%E6%97%A5%20x", None),
            Ok(object("b", "日 x"))
        );
    }

    // http.md §1.1: virtual-host style on the configured bases, any port and letter case.
    #[test]
    fn virtual_host_style_reads_the_bucket_from_host() {
        let addressing = Addressing::new("oss.example:9000");
        assert_eq!(addressing.base_hosts(), ["localhost", "oss.example"]);
        let cases = [
            ("/k", "b.localhost:9000", object("b", "k")),
            ("/", "B.LocalHost", bucket("b")),
            (
                "/a%2Fb",
                "my.bucket.oss.example",
                object("my.bucket", "a/b"),
            ),
            ("/", "oss.example:9000", Target::Service),
            ("/b/k", "localhost", object("b", "k")),
            ("/b/k", "127.0.0.1:9000", object("b", "k")),
            ("/b/k", "[::1]:9000", object("b", "k")),
            ("/b/k", "elsewhere.test", object("b", "k")),
            ("/b/k", ".localhost", object("b", "k")),
            ("/b/k", "xlocalhost", object("b", "k")),
        ];
        for (uri, host, expected) in cases {
            assert_eq!(
                target(&addressing, uri, Some(host)),
                Ok(expected),
                "{host} {uri}"
            );
        }
    }

    // http.md §1.1: a whole request is addressed by its URI and `Host` header.
    #[test]
    fn requests_are_addressed_by_uri_and_host() {
        let request = http::Request::get("/k")
            .header(HOST, "photos.localhost:9000")
            .body(())
            .expect("a request");
        assert_eq!(
            Addressing::default().target(&request),
            Ok(object("photos", "k"))
        );
    }

    // http.md §1.1: with no `Host` header the URI's authority counts.
    #[test]
    fn absolute_form_uris_use_their_authority() {
        let addressing = Addressing::default();
        assert_eq!(
            target(&addressing, "http://b.localhost:9000/k", None),
            Ok(object("b", "k"))
        );
    }

    // http.md §1.1: bad percent-encoding and non-UTF-8 are typed errors (400 InvalidURI).
    #[test]
    fn undecodable_paths_are_refused() {
        let addressing = Addressing::default();
        for uri in ["/b/%zz", "/b/%FF", "/%C3/k", "/b/k%"] {
            assert!(
                matches!(
                    target(&addressing, uri, None),
                    Err(UriError::Encoding { .. })
                ),
                "{uri}"
            );
        }
        assert_eq!(target(&addressing, "*", None), Err(UriError::NotAPath));
    }

    // http.md §1.1: a port is stripped from the base, an IPv6 literal keeps its brackets.
    #[test]
    fn ports_are_stripped() {
        assert_eq!(strip_port("a:80"), "a");
        assert_eq!(strip_port("a"), "a");
        assert_eq!(strip_port("[::1]:80"), "[::1]");
        assert_eq!(strip_port("[::1]"), "[::1]");
        assert_eq!(strip_port("a:b"), "a:b");
    }
}
