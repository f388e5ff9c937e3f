//! The request head in one step: addressing, query, signature, dispatch (http.md §1, §6).

use bucket_versioning::Dialect;
use http::header::HOST;
use http::request::Parts;

use crate::addressing::{Addressing, Target};
use crate::auth::Authorization;
use crate::dispatch::{Operation, dispatch};
use crate::error::CodecError;
use crate::error_response::ErrorContext;
use crate::query::Query;
use crate::request_id::RequestId;

/// An endpoint's codec settings: its dialect and how it reads bucket names from `Host`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Codec {
    dialect: Dialect,
    addressing: Addressing,
}

/// What the codec read from a request's head: the operation and its arguments' sources.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestHead {
    /// The operation (http.md §1.3).
    pub operation: Operation,
    /// The bucket and key (http.md §1.1).
    pub target: Target,
    /// The query without presign parameters (http.md §1.2).
    pub query: Query,
    /// The signature, if the request is signed (http.md §6; verify it with
    /// [`Authorization::verify`] when the endpoint has a key pair).
    pub authorization: Option<Authorization>,
}

impl Codec {
    /// A codec for `dialect` with `addressing`.
    pub fn new(dialect: Dialect, addressing: Addressing) -> Self {
        Codec {
            dialect,
            addressing,
        }
    }

    /// The dialect.
    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// The addressing.
    pub fn addressing(&self) -> &Addressing {
        &self.addressing
    }

    /// Reads a request's head, in this order: the target and query (400 `InvalidURI`), the
    /// signature (403 `AccessDenied` when unreadable), the operation (501 / 405).
    pub fn decode_head(&self, parts: &Parts) -> Result<RequestHead, CodecError> {
        let target = self.addressing.target_of(&parts.uri, host(parts))?;
        let query = Query::parse(parts.uri.query())?.without_presign();
        let authorization = Authorization::parse(parts)?;
        let operation = dispatch(
            self.dialect,
            &parts.method,
            target.kind(),
            &query,
            &parts.headers,
        )?;
        Ok(RequestHead {
            operation,
            target,
            query,
            authorization,
        })
    }

    /// The context of an error response to the request `parts`, numbered `counter` by the
    /// endpoint (the request ID, http.md §2): its method, `Host` and, when readable, its
    /// target.
    pub fn error_context(&self, parts: &Parts, counter: u64) -> ErrorContext {
        let mut context =
            ErrorContext::new(RequestId::new(self.dialect, counter), parts.method.clone());
        if let Some(host) = host(parts) {
            context = context.with_host(host);
        }
        if let Ok(target) = self.addressing.target_of(&parts.uri, host(parts)) {
            context = context.with_target(&target);
        }
        context
    }
}

fn host(parts: &Parts) -> Option<&str> {
    parts
        .headers
        .get(HOST)
        .and_then(|value| value.to_str().ok())
}
