//! What the integration tests share: the requests recorded from the SDKs' own signers
//! (`vectors/signed.jsonl`, written by `vectors/sign.py`) and a request builder.

#![allow(dead_code, unreachable_pub)]

use http::request::Parts;
use serde::Deserialize;

const RECORDED: &str = include_str!("../vectors/signed.jsonl");

/// One recorded request.
#[derive(Debug, Deserialize)]
pub struct Recorded {
    pub name: String,
    pub sdk: String,
    pub scheme: String,
    pub access_key: String,
    pub secret_key: String,
    pub method: String,
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body_base64: String,
}

impl Recorded {
    /// The request's head as recorded.
    #[track_caller]
    pub fn parts(&self) -> Parts {
        self.parts_with(&self.target, &self.headers)
    }

    /// The request's head with another target or headers.
    #[track_caller]
    pub fn parts_with(&self, target: &str, headers: &[(String, String)]) -> Parts {
        let headers: Vec<(&str, &str)> = headers
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
            .collect();
        parts(&self.method, target, &headers)
    }

    /// The dialect the request was sent in.
    pub fn dialect(&self) -> bucket_versioning::Dialect {
        if self.scheme.starts_with("oss") {
            bucket_versioning::Dialect::Oss
        } else {
            bucket_versioning::Dialect::S3
        }
    }
}

/// Every recorded request.
pub fn recorded() -> Vec<Recorded> {
    RECORDED
        .lines()
        .map(|line| serde_json::from_str(line).expect("a recorded request"))
        .collect()
}

/// A request head.
#[track_caller]
pub fn parts(method: &str, target: &str, headers: &[(&str, &str)]) -> Parts {
    let mut builder = http::Request::builder().method(method).uri(target);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(()).expect("a valid request").into_parts().0
}

/// The endpoint the recordings were made against: `127.0.0.1:9000`, and the virtual-host bases
/// `localhost` and `oss.example`.
pub fn addressing() -> bucket_versioning_http::addressing::Addressing {
    bucket_versioning_http::addressing::Addressing::new("127.0.0.1:9000")
        .with_base_host("oss.example")
}
