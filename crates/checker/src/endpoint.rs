//! The endpoint under test, behind a trait ([`Endpoint`]), and its implementation over a real
//! HTTP/1 client ([`HttpEndpoint`], hyper 1).
//!
//! The checker builds every request with the codec's client direction
//! (`bucket_versioning_http::client`) and hands it to the endpoint whole; the endpoint returns
//! the whole response. A Rust team can implement [`Endpoint`] over anything that answers HTTP
//! requests (an in-process service, a recording, a wrapper that injects faults).

use std::future::Future;
use std::sync::Mutex;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1;
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

use crate::sign::Keys;

/// Why the endpoint could not be asked: a connection that fails, a response cut short. Not a
/// divergence: the run stops (exit status 2).
#[derive(Debug, thiserror::Error)]
#[error("{what}: {reason}")]
pub struct EndpointError {
    what: String,
    reason: String,
}

impl EndpointError {
    /// An error while doing `what`, because of `reason`.
    pub fn new(what: impl Into<String>, reason: impl std::fmt::Display) -> Self {
        EndpointError {
            what: what.into(),
            reason: reason.to_string(),
        }
    }
}

/// Something that answers the requests of the OSS or S3 REST protocol.
///
/// Implementations are cloned once per job (`--jobs`); each clone is used from one thread, on a
/// current-thread tokio runtime.
pub trait Endpoint: Clone + Send + 'static {
    /// The host (`name:port`) requests are addressed to: their `Host` header.
    fn host(&self) -> String;

    /// Sends `request` and reads the whole response.
    fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> impl Future<Output = Result<http::Response<Bytes>, EndpointError>>;

    /// Moves the endpoint's logical clock `seconds` forward (LC-0), if it has a control API for
    /// that: `Ok(true)` when it moved, `Ok(false)` when the endpoint has no such API (the
    /// checker then leaves clock advances out of its scenarios). The default has none.
    fn advance_clock(&self, seconds: u64) -> impl Future<Output = Result<bool, EndpointError>> {
        let _ = seconds;
        async { Ok(false) }
    }
}

/// An endpoint at an `http://` URL, over kept-alive HTTP/1 connections (hyper 1), signing
/// every request when it is given keys ([`crate::sign`]).
#[derive(Debug)]
pub struct HttpEndpoint {
    authority: String,
    keys: Option<Keys>,
    control_api: bool,
    idle: Mutex<Vec<http1::SendRequest<Full<Bytes>>>>,
}

impl Clone for HttpEndpoint {
    /// The same endpoint with no open connection (connections belong to one runtime).
    fn clone(&self) -> Self {
        HttpEndpoint {
            authority: self.authority.clone(),
            keys: self.keys.clone(),
            control_api: self.control_api,
            idle: Mutex::new(Vec::new()),
        }
    }
}

impl HttpEndpoint {
    /// The endpoint at `url` (`http://host:port`, an optional trailing `/`).
    ///
    /// # Errors
    ///
    /// [`EndpointError`] for a URL that is not `http://` with a host (TLS is not supported:
    /// put a local proxy in front of an `https://` endpoint).
    pub fn new(url: &str) -> Result<Self, EndpointError> {
        let uri: http::Uri = url
            .parse()
            .map_err(|error| EndpointError::new(format!("the endpoint URL {url:?}"), error))?;
        if uri.scheme_str() != Some("http") {
            return Err(EndpointError::new(
                format!("the endpoint URL {url:?}"),
                "only http:// is supported",
            ));
        }
        if uri.path() != "/" && !uri.path().is_empty() {
            return Err(EndpointError::new(
                format!("the endpoint URL {url:?}"),
                "it must have no path",
            ));
        }
        let authority = uri
            .authority()
            .ok_or_else(|| EndpointError::new(format!("the endpoint URL {url:?}"), "no host"))?;
        let authority = if authority.port().is_some() {
            authority.to_string()
        } else {
            format!("{authority}:80")
        };
        Ok(HttpEndpoint {
            authority,
            keys: None,
            control_api: false,
            idle: Mutex::new(Vec::new()),
        })
    }

    /// The same endpoint, signing every request with `access_key` and `secret_key` as `dialect`
    /// does (s3 SigV4, oss V1).
    #[must_use]
    pub fn with_keys(mut self, keys: Keys) -> Self {
        self.keys = Some(keys);
        self
    }

    /// The same endpoint, moving its clock through this project's control API
    /// (`POST /_bv/clock?advance=S`).
    #[must_use]
    pub fn with_control_api(mut self) -> Self {
        self.control_api = true;
        self
    }

    async fn connection(&self) -> Result<http1::SendRequest<Full<Bytes>>, EndpointError> {
        let idle = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        if let Some(mut sender) = idle
            && sender.ready().await.is_ok()
        {
            return Ok(sender);
        }
        let stream = TcpStream::connect(&self.authority)
            .await
            .map_err(|error| EndpointError::new(format!("connect to {}", self.authority), error))?;
        let _ = stream.set_nodelay(true);
        let (sender, connection) = http1::handshake(TokioIo::new(stream))
            .await
            .map_err(|error| EndpointError::new("an HTTP/1 handshake", error))?;
        tokio::spawn(async move {
            // The connection ends with an error when the endpoint closes it; the next request
            // opens another.
            let _ = connection.await;
        });
        Ok(sender)
    }

    async fn exchange(
        &self,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, EndpointError> {
        let request = match &self.keys {
            Some(keys) => keys.sign(request),
            None => request,
        };
        let what = format!("{} {}", request.method(), request.uri());
        let mut sender = self.connection().await?;
        let response = sender
            .send_request(request.map(Full::new))
            .await
            .map_err(|error| EndpointError::new(what.clone(), error))?;
        let (parts, incoming) = response.into_parts();
        let body = incoming
            .collect()
            .await
            .map_err(|error| EndpointError::new(what, error))?
            .to_bytes();
        if let Ok(mut idle) = self.idle.lock() {
            idle.push(sender);
        }
        Ok(http::Response::from_parts(parts, body))
    }
}

impl Endpoint for HttpEndpoint {
    fn host(&self) -> String {
        self.authority.clone()
    }

    fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> impl Future<Output = Result<http::Response<Bytes>, EndpointError>> {
        self.exchange(request)
    }

    async fn advance_clock(&self, seconds: u64) -> Result<bool, EndpointError> {
        if !self.control_api {
            return Ok(false);
        }
        let request = http::Request::post(format!("/_bv/clock?advance={seconds}"))
            .header(http::header::HOST, &self.authority)
            .body(Bytes::new())
            .map_err(|error| EndpointError::new("a clock request", error))?;
        let response = self.exchange(request).await?;
        if response.status() == http::StatusCode::OK {
            Ok(true)
        } else {
            Err(EndpointError::new(
                "POST /_bv/clock",
                format!("status {}", response.status()),
            ))
        }
    }
}
