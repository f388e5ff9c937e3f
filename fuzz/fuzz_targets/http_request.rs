//! Arbitrary bytes as an HTTP/1.1 request, through the HTTP codec as the server reads one, in
//! both dialects: the head (addressing, query, signature, dispatch), the body's framing
//! (aws-chunked) and checksums, the copy source and its range, `Range` and the conditions, and
//! the XML document the operation carries. Nothing may panic, and every refusal must become the
//! dialect's error response: a 4xx or 5xx status with an XML error document (none for HEAD).
//!
//! Bytes that are not an HTTP request at all (`httparse` refuses them, or `http` refuses a
//! method, URI or header) never reach the codec: the server's HTTP stack answers those itself.

#![no_main]

use bucket_versioning::Dialect;
use bucket_versioning_http::Codec;
use bucket_versioning_http::CodecError;
use bucket_versioning_http::addressing::Addressing;
use bucket_versioning_http::aws_chunked::{AwsChunkedDecoder, decode_all};
use bucket_versioning_http::checksum::verify_body;
use bucket_versioning_http::conditions::ReadConditions;
use bucket_versioning_http::copy_source::{CopySource, parse_copy_source_range};
use bucket_versioning_http::dispatch::Operation;
use bucket_versioning_http::error_response::ErrorResponse;
use bucket_versioning_http::headers::DialectHeaders;
use bucket_versioning_http::range::ByteRange;
use bucket_versioning_http::xml::{
    CompleteMultipartUpload, CreateBucketConfiguration, Delete, ExtendWormConfiguration,
    InitiateWormConfiguration, LegalHold, LifecycleConfiguration, ObjectLockConfiguration,
    RequestBody, Retention, Tagging, VersioningConfiguration,
};
use http::request::Parts;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((parts, body)) = request(data) else {
        return;
    };
    for dialect in [Dialect::Oss, Dialect::S3] {
        let codec = Codec::new(dialect, Addressing::new("127.0.0.1:9000"));
        if let Err(error) = decode(&codec, &parts, body) {
            check_error_response(&codec, &parts, &error);
        }
    }
});

/// The request `data` holds, as `httparse` (hyper's parser) reads it, and its body bytes.
fn request(data: &[u8]) -> Option<(Parts, &[u8])> {
    let mut headers = [httparse::EMPTY_HEADER; 32];
    let mut parsed = httparse::Request::new(&mut headers);
    let httparse::Status::Complete(head_len) = parsed.parse(data).ok()? else {
        return None;
    };
    let mut builder = http::Request::builder()
        .method(parsed.method?)
        .uri(parsed.path?);
    for header in parsed.headers.iter() {
        builder = builder.header(header.name, header.value);
    }
    let (parts, ()) = builder.body(()).ok()?.into_parts();
    Some((parts, &data[head_len..]))
}

/// Everything the codec reads of a request before a command reaches the model.
fn decode(codec: &Codec, parts: &Parts, body: &[u8]) -> Result<(), CodecError> {
    let head = codec.decode_head(parts)?;
    let headers = &parts.headers;
    let text = |name: &http::HeaderName| headers.get(name).and_then(|value| value.to_str().ok());
    let names = DialectHeaders::of(codec.dialect());

    let streaming = text(&names.content_sha256)
        .is_some_and(|value| value.starts_with("STREAMING-"))
        || text(&http::header::CONTENT_ENCODING).is_some_and(|value| value.contains("aws-chunked"));
    let (data, trailers) = if streaming {
        let expected = text(&http::HeaderName::from_static(
            "x-amz-decoded-content-length",
        ))
        .and_then(|value| value.parse().ok());
        let signed = text(&names.content_sha256)
            .is_some_and(|value| value.starts_with("STREAMING-AWS4-HMAC-SHA256-PAYLOAD"));
        let decoded = decode_all(AwsChunkedDecoder::new(expected, signed), body)?;
        (decoded.data.to_vec(), decoded.trailers)
    } else {
        (body.to_vec(), Vec::new())
    };
    verify_body(headers, &data, &trailers)?;

    if let Some(source) = text(&names.copy_source) {
        CopySource::parse(source)?;
        if let Some(range) = text(&names.copy_source_range) {
            parse_copy_source_range(range)?;
        }
        let conditions = ReadConditions::copy_source_from_headers(headers, names);
        let _ = conditions.evaluate_copy_source("\"etag\"", 0);
    }
    if let Some(range) = text(&http::header::RANGE).and_then(ByteRange::parse) {
        let _ = range.resolve(data.len() as u64);
    }
    let _ = ReadConditions::from_headers(headers).evaluate("\"etag\"", 0);

    // Each document parses or is refused; what it parses to is not needed here.
    match head.operation {
        Operation::DeleteObjects => {
            Delete::from_xml(&data)?;
        }
        Operation::CompleteMultipartUpload if !data.is_empty() => {
            CompleteMultipartUpload::from_xml(&data)?;
        }
        Operation::PutBucketVersioning => {
            VersioningConfiguration::from_xml(&data)?;
        }
        Operation::CreateBucket if !data.is_empty() => {
            CreateBucketConfiguration::from_xml(&data)?;
        }
        Operation::PutBucketLifecycle => {
            LifecycleConfiguration::from_xml(&data)?;
        }
        Operation::PutObjectTagging => {
            Tagging::from_xml(&data)?;
        }
        Operation::PutObjectLockConfiguration => {
            ObjectLockConfiguration::from_xml(&data)?;
        }
        Operation::PutObjectRetention => {
            Retention::from_xml(&data)?;
        }
        Operation::PutObjectLegalHold => {
            LegalHold::from_xml(&data)?;
        }
        Operation::InitiateBucketWorm => {
            InitiateWormConfiguration::from_xml(&data)?;
        }
        Operation::ExtendBucketWorm => {
            ExtendWormConfiguration::from_xml(&data)?;
        }
        _ => {}
    }
    Ok(())
}

/// A refusal is written as the dialect's error response: an error status, and an XML error
/// document unless the request is a HEAD.
fn check_error_response(codec: &Codec, parts: &Parts, error: &CodecError) {
    let context = codec.error_context(parts, 1);
    let response = ErrorResponse::from_codec_error(error, &context).into_response(&context);
    let status = response.status();
    assert!(
        status.is_client_error() || status.is_server_error(),
        "{error:?} answered {status}"
    );
    if parts.method != http::Method::HEAD {
        assert!(
            response.body().starts_with(b"<?xml"),
            "{error:?} has no XML error document"
        );
    }
}
