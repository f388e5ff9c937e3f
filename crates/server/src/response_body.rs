//! The body type every response of the endpoint has (S3/OSS answers and control answers alike).

use bytes::Bytes;
use http_body_util::BodyExt;
use http_body_util::combinators::BoxBody;

/// The body type of responses: whole documents or streamed object bytes.
pub type ResponseBody = BoxBody<Bytes, std::io::Error>;

/// A response body holding `bytes` whole.
pub fn whole(bytes: Bytes) -> ResponseBody {
    http_body_util::Full::new(bytes)
        .map_err(|never| match never {})
        .boxed()
}
