//! A minimal HTTP/1 client (hyper) for the server's tests: one connection per request.

use std::net::SocketAddr;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1;
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

/// A response: status, headers, whole body.
#[derive(Debug)]
pub struct Reply {
    /// The status code.
    pub status: u16,
    /// The headers.
    pub headers: http::HeaderMap,
    /// The body.
    pub body: Bytes,
}

impl Reply {
    /// A header's value as text ("" when absent).
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
    }
}

/// Sends `method path` with `body` to `address` and reads the whole answer.
pub async fn send(address: SocketAddr, method: &str, path: &str, body: &[u8]) -> Reply {
    send_with(address, method, path, &[], body).await
}

/// As [`send`], with extra request headers.
pub async fn send_with(
    address: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Reply {
    let stream = TcpStream::connect(address)
        .await
        .expect("the server accepts");
    let (mut sender, connection) = http1::handshake(TokioIo::new(stream))
        .await
        .expect("an HTTP/1 handshake");
    tokio::spawn(connection);
    let mut request = http::Request::builder()
        .method(method)
        .uri(path)
        .header("host", address.to_string());
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = request
        .body(Full::new(Bytes::copy_from_slice(body)))
        .expect("a valid request");
    let response = sender.send_request(request).await.expect("an answer");
    let (parts, incoming) = response.into_parts();
    let body = incoming.collect().await.expect("the whole body").to_bytes();
    Reply {
        status: parts.status.as_u16(),
        headers: parts.headers,
        body,
    }
}

/// A kept-alive HTTP/1 connection for clients that send many requests (a load), connected on
/// first use and again after a failure.
#[derive(Debug)]
pub struct Connection {
    address: SocketAddr,
    sender: Option<http1::SendRequest<Full<Bytes>>>,
}

impl Connection {
    /// A connection to `address`, not opened yet.
    pub fn new(address: SocketAddr) -> Self {
        Connection {
            address,
            sender: None,
        }
    }

    /// Sends one request and reads the whole answer; `Err` when the connection fails before
    /// the answer is complete (the request may or may not have been handled).
    pub async fn send(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Bytes,
    ) -> Result<Reply, String> {
        let result = self.try_send(method, path, headers, body).await;
        if result.is_err() {
            self.sender = None;
        }
        result
    }

    async fn try_send(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Bytes,
    ) -> Result<Reply, String> {
        let sender = match &mut self.sender {
            Some(sender) => sender,
            None => {
                let stream = TcpStream::connect(self.address)
                    .await
                    .map_err(|error| format!("connect: {error}"))?;
                let _ = stream.set_nodelay(true);
                let (sender, connection) = http1::handshake(TokioIo::new(stream))
                    .await
                    .map_err(|error| format!("handshake: {error}"))?;
                tokio::spawn(connection);
                self.sender.insert(sender)
            }
        };
        sender
            .ready()
            .await
            .map_err(|error| format!("not ready: {error}"))?;
        let mut request = http::Request::builder()
            .method(method)
            .uri(path)
            .header("host", self.address.to_string());
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request
            .body(Full::new(body))
            .map_err(|error| format!("request: {error}"))?;
        let response = sender
            .send_request(request)
            .await
            .map_err(|error| format!("send: {error}"))?;
        let (parts, incoming) = response.into_parts();
        let body = incoming
            .collect()
            .await
            .map_err(|error| format!("body: {error}"))?
            .to_bytes();
        Ok(Reply {
            status: parts.status.as_u16(),
            headers: parts.headers,
            body,
        })
    }
}

/// The `<UploadId>` of an InitiateMultipartUpload answer, if it has one.
pub fn upload_id(body: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(body);
    text.split("<UploadId>")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .map(str::to_owned)
}

/// The CompleteMultipartUpload document listing `etags` as parts 1, 2, … (MPU-6).
pub fn complete_document(etags: &[&str]) -> String {
    let parts: String = (1..)
        .zip(etags)
        .map(|(number, etag)| {
            format!("<Part><PartNumber>{number}</PartNumber><ETag>{etag}</ETag></Part>")
        })
        .collect();
    format!("<CompleteMultipartUpload>{parts}</CompleteMultipartUpload>")
}

/// Pins the endpoint's logical clock at `now` (`PUT /_bv/clock?pin=N`).
pub async fn pin_clock(address: SocketAddr, now: u64) {
    let reply = send(address, "PUT", &format!("/_bv/clock?pin={now}"), b"").await;
    assert_eq!(reply.status, 200, "the clock pins: {:?}", reply.body);
}
