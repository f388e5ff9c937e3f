//! A step as an HTTP request, path-style, in the endpoint's dialect; and which answers a step
//! expects (anything else is counted as unexpected).

use bytes::Bytes;
use http::{Method, Request, StatusCode, Uri};
use http_body_util::Full;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::Dialect;
use crate::workload::Step;

/// What a query value escapes: everything but RFC 3986's unreserved characters.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A key in a path: unreserved characters and `/` stay.
const PATH: &AsciiSet = &QUERY_VALUE.remove(b'/');

/// The versioning configuration that turns versioning on (the same document in both dialects).
pub const ENABLE_VERSIONING: &str =
    "<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>";

/// An endpoint and the bucket a run uses on it.
#[derive(Clone, Debug)]
pub struct Endpoint {
    /// The name it has in the report.
    pub name: String,
    /// Its base URL (`http://host:port`).
    pub base: Uri,
    /// Its dialect.
    pub dialect: Dialect,
    /// The bucket.
    pub bucket: String,
}

impl Endpoint {
    /// The header carrying a version ID in this endpoint's dialect.
    pub fn version_id_header(&self) -> &'static str {
        match self.dialect {
            Dialect::Oss => "x-oss-version-id",
            Dialect::S3 => "x-amz-version-id",
        }
    }

    fn uri(&self, key: Option<&str>, query: &str) -> Uri {
        let authority = self
            .base
            .authority()
            .map(|authority| authority.as_str())
            .unwrap_or_default();
        let scheme = self.base.scheme_str().unwrap_or("http");
        let mut text = format!("{scheme}://{authority}/{}", self.bucket);
        if let Some(key) = key {
            text.push('/');
            text.extend(utf8_percent_encode(key, PATH));
        }
        if !query.is_empty() {
            text.push('?');
            text.push_str(query);
        }
        text.parse().expect("a path-style URI of a valid base URL")
    }

    /// The `Authorization` header every request carries: of the dialect's form, with a
    /// signature nobody checks. Endpoints that take an unsigned request as anonymous (moto
    /// answers 403 to anonymous reads of a private bucket) see an authenticated user; endpoints
    /// that verify signatures refuse it, so run those without verification.
    pub fn authorization(&self) -> &'static str {
        match self.dialect {
            Dialect::Oss => "OSS load:AAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            Dialect::S3 => {
                "AWS4-HMAC-SHA256 Credential=load/20260101/us-east-1/s3/aws4_request, \
                 SignedHeaders=host, \
                 Signature=0000000000000000000000000000000000000000000000000000000000000000"
            }
        }
    }

    fn request(&self, method: Method, uri: Uri, body: Bytes) -> Request<Full<Bytes>> {
        let builder = Request::builder()
            .method(method)
            .uri(uri)
            .header(http::header::AUTHORIZATION, self.authorization());
        let builder = match self.dialect {
            Dialect::S3 => builder
                .header("x-amz-date", "20260101T000000Z")
                .header("x-amz-content-sha256", "UNSIGNED-PAYLOAD"),
            Dialect::Oss => builder.header(http::header::DATE, "Thu, 01 Jan 2026 00:00:00 GMT"),
        };
        builder
            .header(http::header::CONTENT_LENGTH, body.len())
            .body(Full::new(body))
            .expect("a request of a valid method and URI")
    }

    /// CreateBucket for the run's bucket.
    pub fn create_bucket(&self) -> Request<Full<Bytes>> {
        self.request(Method::PUT, self.uri(None, ""), Bytes::new())
    }

    /// PutBucketVersioning with `Enabled`.
    pub fn enable_versioning(&self) -> Request<Full<Bytes>> {
        self.request(
            Method::PUT,
            self.uri(None, "versioning"),
            Bytes::from_static(ENABLE_VERSIONING.as_bytes()),
        )
    }

    /// The request of `step`; `body` is what a put sends.
    pub fn step(&self, step: &Step, body: &Bytes) -> Request<Full<Bytes>> {
        let version_query = |version_id: &Option<String>| {
            version_id
                .as_deref()
                .map(|id| format!("versionId={}", utf8_percent_encode(id, QUERY_VALUE)))
                .unwrap_or_default()
        };
        match step {
            Step::Put { key } => self.request(Method::PUT, self.uri(Some(key), ""), body.clone()),
            Step::Get { key, version_id } => self.request(
                Method::GET,
                self.uri(Some(key), &version_query(version_id)),
                Bytes::new(),
            ),
            Step::Head { key } => self.request(Method::HEAD, self.uri(Some(key), ""), Bytes::new()),
            Step::Delete { key, version_id } => self.request(
                Method::DELETE,
                self.uri(Some(key), &version_query(version_id)),
                Bytes::new(),
            ),
            Step::ListVersions { prefix } => self.request(
                Method::GET,
                self.uri(
                    None,
                    &format!(
                        "versions&max-keys=100&prefix={}",
                        utf8_percent_encode(prefix, QUERY_VALUE)
                    ),
                ),
                Bytes::new(),
            ),
        }
    }
}

/// Whether `status` is an answer `step` can get while other clients write the same keys: a
/// read or HEAD finds the object or not (404 when its current version is a delete marker, or
/// the version was deleted meanwhile); writes and listings succeed.
pub fn expected(step: &Step, status: StatusCode) -> bool {
    match step {
        Step::Put { .. } | Step::ListVersions { .. } => status == StatusCode::OK,
        Step::Get { .. } | Step::Head { .. } => {
            status == StatusCode::OK || status == StatusCode::NOT_FOUND
        }
        Step::Delete { .. } => status == StatusCode::NO_CONTENT || status == StatusCode::OK,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn endpoint(dialect: Dialect) -> Endpoint {
        Endpoint {
            name: "e".into(),
            base: "http://127.0.0.1:9000".parse().expect("a URL"),
            dialect,
            bucket: "b".into(),
        }
    }

    #[test]
    fn steps_are_path_style_with_escaped_keys_and_version_ids() {
        let s3 = endpoint(Dialect::S3);
        let body = Bytes::from_static(b"xyz");
        let put = s3.step(
            &Step::Put {
                key: "a b/c".into(),
            },
            &body,
        );
        assert_eq!(put.method(), Method::PUT);
        assert_eq!(put.uri(), "http://127.0.0.1:9000/b/a%20b/c");
        assert_eq!(put.headers()[http::header::CONTENT_LENGTH], "3");
        let get = s3.step(
            &Step::Get {
                key: "k".into(),
                version_id: Some("CAEQ+/=".into()),
            },
            &body,
        );
        assert_eq!(
            get.uri(),
            "http://127.0.0.1:9000/b/k?versionId=CAEQ%2B%2F%3D"
        );
        let list = s3.step(
            &Step::ListVersions {
                prefix: "load/k0001".into(),
            },
            &body,
        );
        assert_eq!(
            list.uri(),
            "http://127.0.0.1:9000/b?versions&max-keys=100&prefix=load%2Fk0001"
        );
    }

    #[test]
    fn every_request_carries_an_authorization_of_the_dialects_form() {
        let body = Bytes::new();
        let step = Step::Head { key: "k".into() };
        let s3 = endpoint(Dialect::S3).step(&step, &body);
        let oss = endpoint(Dialect::Oss).step(&step, &body);
        assert!(
            s3.headers()["authorization"]
                .to_str()
                .is_ok_and(|v| v.starts_with("AWS4-HMAC-SHA256 Credential="))
        );
        assert_eq!(s3.headers()["x-amz-content-sha256"], "UNSIGNED-PAYLOAD");
        assert!(
            oss.headers()["authorization"]
                .to_str()
                .is_ok_and(|v| v.starts_with("OSS load:"))
        );
        assert!(oss.headers().contains_key("date"));
    }

    #[test]
    fn version_headers_follow_the_dialect() {
        assert_eq!(
            endpoint(Dialect::Oss).version_id_header(),
            "x-oss-version-id"
        );
        assert_eq!(
            endpoint(Dialect::S3).version_id_header(),
            "x-amz-version-id"
        );
    }

    #[test]
    fn reads_may_miss_but_writes_and_listings_must_succeed() {
        let get = Step::Get {
            key: "k".into(),
            version_id: None,
        };
        let put = Step::Put { key: "k".into() };
        assert!(expected(&get, StatusCode::NOT_FOUND));
        assert!(!expected(&put, StatusCode::NOT_FOUND));
        assert!(!expected(&get, StatusCode::INTERNAL_SERVER_ERROR));
        assert!(expected(
            &Step::Delete {
                key: "k".into(),
                version_id: None
            },
            StatusCode::NO_CONTENT
        ));
    }
}
