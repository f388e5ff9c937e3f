//! One request, start to finish: the head through the codec, the signature, the body (HTTP
//! chunked and aws-chunked decoded, checksums verified), the registry, the response (an object's
//! bytes streamed from the store), one log line.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use bucket_versioning_http::auth::Credentials;
use bucket_versioning_http::aws_chunked::{self, AwsChunkedDecoder, Trailer};
use bucket_versioning_http::checksum;
use bucket_versioning_http::error_response::ErrorResponse;
use bucket_versioning_http::request::{is_service_operation, takes_object_body};
use bucket_versioning_http::request_id::RequestId;
use bucket_versioning_http::{Codec, CodecError, RequestHead};
use bytes::{Bytes, BytesMut};
use http::request::Parts;
use http::{Request, Response, StatusCode};
use http_body_util::BodyExt;
use http_body_util::combinators::BoxBody;
use hyper::body::{Frame, Incoming};

use crate::control;
use crate::registry::{Answer, Registry, StoredBody};
use crate::response_body::{self, ResponseBody};

/// The largest request body the endpoint takes in memory: 5 GiB + 1 MiB of framing would be
/// the protocol's limit (PUT-6); the endpoint holds a body in memory while storing it, so it
/// takes at most 1 GiB (MODEL) and refuses more as PUT-6 refuses a body over 5 GiB (oss
/// `InlineDataTooLarge`, s3 `EntityTooLarge`, 400) — from the head when the request declares
/// its length, without reading the body.
pub const MAX_BODY: u64 = 1 << 30;

/// Everything a request needs from the endpoint.
#[derive(Debug)]
pub struct Endpoint {
    /// The codec (dialect, addressing).
    pub codec: Codec,
    /// The buckets.
    pub registry: Registry,
    /// With `--auth verify`: the key pair signatures must match.
    pub credentials: Option<Credentials>,
    /// `--auto-create`: a request naming a missing bucket creates it.
    pub auto_create: bool,
    /// The request counter (request IDs, http.md §2).
    pub counter: AtomicU64,
}

/// Answers one request.
pub async fn handle(
    endpoint: Arc<Endpoint>,
    request: Request<Incoming>,
) -> Result<Response<ResponseBody>, std::convert::Infallible> {
    let (parts, body) = request.into_parts();
    let method = parts.method.clone();
    let uri = parts.uri.clone();
    let response = if parts.uri.path().starts_with(control::PREFIX) {
        control::handle(&endpoint.registry, &parts, body).await
    } else {
        answer(&endpoint, parts, body).await
    };
    tracing::info!(
        method = %method,
        uri = %uri,
        status = response.status().as_u16(),
        "request"
    );
    Ok(response)
}

async fn answer(endpoint: &Arc<Endpoint>, parts: Parts, body: Incoming) -> Response<ResponseBody> {
    let counter = endpoint.counter.fetch_add(1, Ordering::Relaxed) + 1;
    let dialect = endpoint.codec.dialect();
    let request_id = RequestId::new(dialect, counter);
    let context = endpoint.codec.error_context(&parts, counter);
    let refuse = |error: CodecError| {
        full(ErrorResponse::from_codec_error(&error, &context).into_response(&context))
    };
    let head = match endpoint.codec.decode_head(&parts) {
        Ok(head) => head,
        Err(error) => {
            drain(body).await;
            return refuse(error);
        }
    };
    if let Some(credentials) = &endpoint.credentials {
        let verified = match &head.authorization {
            Some(authorization) => authorization.verify(&parts, &head.target, credentials),
            None => Err(bucket_versioning_http::auth::AuthError::Malformed(
                "the request is not signed".to_owned(),
            )),
        };
        if let Err(error) = verified {
            drain(body).await;
            return refuse(CodecError::Auth(error));
        }
    }
    if let Some(declared) = declared_body_length(&parts)
        && declared > MAX_BODY
    {
        return too_large(dialect, declared, &context);
    }
    let bytes = match read_body(endpoint, &parts, &head, body).await {
        Ok(bytes) => bytes,
        Err(BodyError::Codec(error)) => return refuse(error),
        Err(BodyError::TooLarge(size)) => return too_large(dialect, size, &context),
    };
    let host = parts
        .headers
        .get(http::header::HOST)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let shared = Arc::clone(endpoint);
    let work = tokio::task::spawn_blocking(move || {
        let endpoint = shared;
        let registry = &endpoint.registry;
        if is_service_operation(head.operation) {
            return registry.service(&head, &context, &request_id, &host);
        }
        let bucket = head.target.bucket().unwrap_or_default();
        let mut pre_ticket = None;
        if endpoint.auto_create && !registry.has_bucket(bucket) {
            match registry.ensure_bucket(bucket) {
                Ok(ticket) => pre_ticket = ticket,
                Err(error) => {
                    tracing::error!(%error, "auto-create failed");
                }
            }
        }
        if let Some(ticket) = pre_ticket
            && let Err(error) = registry.wait(ticket)
        {
            tracing::error!(%error, "journal failure");
        }
        let stored = if takes_object_body(head.operation) {
            let whole = head.operation != bucket_versioning_http::dispatch::Operation::AppendObject;
            match registry.store_body(&bytes, whole) {
                Ok((piece, rope)) => StoredBody::Object(piece, rope, bytes),
                Err(error) => {
                    tracing::error!(%error, "storing a body failed");
                    return Answer {
                        response: ErrorResponse::bucket_error(
                            500,
                            "InternalError",
                            &error.to_string(),
                            bucket,
                        )
                        .into_response(&context),
                        object: None,
                        ticket: None,
                    };
                }
            }
        } else {
            StoredBody::Document(bytes)
        };
        registry.execute(&head, &parts.headers, stored, &context, &request_id)
    })
    .await;
    let Ok(answer) = work else {
        let mut response = Response::new(Bytes::new());
        *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
        return full(response);
    };
    if let Some(ticket) = answer.ticket
        && let Err(error) = endpoint.registry.wait(ticket)
    {
        // Not durable: the write must not be acknowledged (issue 17, durability).
        tracing::error!(%error, "journal failure");
        let mut response = Response::new(Bytes::new());
        *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
        return full(response);
    }
    match answer.object {
        None => full(answer.response),
        Some((rope, first, last)) => {
            let (head, _) = answer.response.into_parts();
            let store = endpoint.registry.store().clone();
            let reader = match store.read_range(&rope, first..=last) {
                Ok(reader) => reader,
                Err(error) => {
                    tracing::error!(%error, "reading an object failed");
                    let mut response = Response::new(Bytes::new());
                    *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
                    return full(response);
                }
            };
            let (sender, receiver) = tokio::sync::mpsc::channel(4);
            tokio::task::spawn_blocking(move || {
                for chunk in reader {
                    let chunk = chunk.map_err(|error| std::io::Error::other(error.to_string()));
                    if sender.blocking_send(chunk).is_err() {
                        break;
                    }
                }
            });
            Response::from_parts(head, BoxBody::new(ChannelBody { receiver }))
        }
    }
}

/// The most of a refused request's body read (and dropped) before the answer.
const MAX_DRAIN: usize = 8 << 20;

/// Reads and drops the body of a request refused from its head, so that the client, which may
/// still be sending it, reads the answer instead of a reset connection; a body larger than
/// [`MAX_DRAIN`] is left unread (hyper then closes the connection after the answer).
async fn drain(mut body: Incoming) {
    let mut read = 0;
    while read <= MAX_DRAIN {
        match body.frame().await {
            Some(Ok(frame)) => read += frame.data_ref().map_or(0, Bytes::len),
            _ => return,
        }
    }
}

/// The body length a request declares: `Content-Length`, or for aws-chunked bodies the decoded
/// length too (the larger counts).
fn declared_body_length(parts: &Parts) -> Option<u64> {
    let number = |name: &str| {
        parts
            .headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .and_then(|text| text.trim().parse::<u64>().ok())
    };
    number("content-length").max(number("x-amz-decoded-content-length"))
}

/// The answer to a body over [`MAX_BODY`]: PUT-6's refusal, with the limit that applies (5 GiB
/// for a body the protocol refuses, the endpoint's 1 GiB below that).
fn too_large(
    dialect: bucket_versioning::Dialect,
    size: u64,
    context: &bucket_versioning_http::error_response::ErrorContext,
) -> Response<ResponseBody> {
    let max_size = if size > bucket_versioning::dialect::MAX_OBJECT_SIZE {
        bucket_versioning::dialect::MAX_OBJECT_SIZE
    } else {
        MAX_BODY
    };
    let violation = match dialect {
        bucket_versioning::Dialect::Oss => {
            bucket_versioning::Violation::InlineDataTooLarge { size, max_size }
        }
        bucket_versioning::Dialect::S3 => {
            bucket_versioning::Violation::EntityTooLarge { size, max_size }
        }
    };
    full(ErrorResponse::from_violation(&violation, context).into_response(context))
}

/// Why a body was not read.
enum BodyError {
    /// The codec refused it (framing, checksums).
    Codec(CodecError),
    /// It grew past [`MAX_BODY`] (a body that did not declare its length).
    TooLarge(u64),
}

impl From<CodecError> for BodyError {
    fn from(error: CodecError) -> Self {
        BodyError::Codec(error)
    }
}

impl From<aws_chunked::ChunkError> for BodyError {
    fn from(error: aws_chunked::ChunkError) -> Self {
        BodyError::Codec(CodecError::Body(error))
    }
}

impl From<checksum::DigestError> for BodyError {
    fn from(error: checksum::DigestError) -> Self {
        BodyError::Codec(CodecError::Digest(error))
    }
}

/// Reads the whole request body: HTTP chunked is undone by hyper; aws-chunked is decoded here
/// (http.md §7); `Content-MD5` and `x-amz-checksum-*` (header or trailer) are verified.
async fn read_body(
    endpoint: &Endpoint,
    parts: &Parts,
    head: &RequestHead,
    body: Incoming,
) -> Result<Bytes, BodyError> {
    let mut collected = BytesMut::new();
    let mut body = body;
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|error| {
            CodecError::Body(aws_chunked::ChunkError::Malformed(leak_reason(&error)))
        })?;
        if let Ok(data) = frame.into_data() {
            collected.extend_from_slice(&data);
            if collected.len() as u64 > MAX_BODY {
                return Err(BodyError::TooLarge(collected.len() as u64));
            }
        }
    }
    let (bytes, trailers): (Bytes, Vec<Trailer>) =
        match AwsChunkedDecoder::for_request(&parts.headers)? {
            None => (collected.freeze(), Vec::new()),
            Some(decoder) => {
                let decoder = match (&endpoint.credentials, &head.authorization) {
                    (Some(credentials), Some(authorization)) => {
                        match authorization.chunk_signer(parts, credentials) {
                            Some(signer) => decoder.with_signer(signer),
                            None => decoder,
                        }
                    }
                    _ => decoder,
                };
                let decoded = aws_chunked::decode_all(decoder, &collected)?;
                (decoded.data, decoded.trailers)
            }
        };
    checksum::verify_body(&parts.headers, &bytes, &trailers)?;
    Ok(bytes)
}

fn leak_reason(_error: &hyper::Error) -> &'static str {
    "the connection broke while the body was read"
}

fn full(response: Response<Bytes>) -> Response<ResponseBody> {
    response.map(response_body::whole)
}

/// An object's bytes as they come from the blocking reader.
struct ChannelBody {
    receiver: tokio::sync::mpsc::Receiver<Result<Bytes, std::io::Error>>,
}

impl http_body::Body for ChannelBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        context: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<Frame<Bytes>, std::io::Error>>> {
        self.receiver
            .poll_recv(context)
            .map(|chunk| chunk.map(|chunk| chunk.map(Frame::data)))
    }
}
