//! Error responses (http.md §3): a [`Violation`] from the model, or the codec's own
//! [`CodecError`], written in the dialect's format.
//!
//! | | oss | s3 |
//! |---|---|---|
//! | headers | `Content-Type: application/xml`, `x-oss-request-id`, `x-oss-ec` when known | `Content-Type: application/xml`, `x-amz-request-id`, `x-amz-id-2` |
//! | body | `<Error><Code/><Message/><RequestId/><HostId/>`extras`[<EC/>]</Error>` | `<Error><Code/><Message/>`extras`<RequestId/><HostId/></Error>` |
//! | HEAD | no body; `x-oss-err: base64(<Error>…)` (MODEL) | no body |
//!
//! The extras carry the violation's fields (ERR-1): `<Key>`, `<VersionId>`, `<UploadId>`,
//! `<ArgumentName>`/`<ArgumentValue>`, sizes, part numbers; and the headers the SDKs read: the
//! delete-marker and version headers, `Allow: DELETE`, `x-oss-next-append-position`. The body is
//! never namespaced and the status is always an error status (a 200 never carries `<Error>`).

use base64::Engine as _;
use bucket_versioning::violation::{ArgumentError, PreconditionReason};
use bucket_versioning::{Dialect, Violation};
use bytes::Bytes;
use http::header::{ALLOW, CONTENT_TYPE, LAST_MODIFIED};
use http::{HeaderMap, HeaderName, HeaderValue, Method, Response, StatusCode};
use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::addressing::{Target, TargetKind};
use crate::error::CodecError;
use crate::headers::{self, DialectHeaders};
use crate::params;
use crate::request_id::RequestId;
use crate::time;

/// The element names of `<Error>` (http.md §3.1, §3.2), written by [`ErrorResponse`] and read
/// back by the client ([`crate::client`]).
pub mod element {
    /// The root.
    pub const ERROR: &str = "Error";
    /// The error code.
    pub const CODE: &str = "Code";
    /// The message.
    pub const MESSAGE: &str = "Message";
    /// The request ID.
    pub const REQUEST_ID: &str = "RequestId";
    /// The host ID.
    pub const HOST_ID: &str = "HostId";
    /// oss: the detailed error code.
    pub const EC: &str = "EC";
    /// The key a request named (`NoSuchKey`, `NoSuchVersion`).
    pub const KEY: &str = "Key";
    /// The version ID asked for (`NoSuchVersion`).
    pub const VERSION_ID: &str = "VersionId";
    /// The request's method (`MethodNotAllowed`).
    pub const METHOD: &str = "Method";
    /// What a `MethodNotAllowed` was sent to: `DeleteMarker`, `OBJECT`, ….
    pub const RESOURCE_TYPE: &str = "ResourceType";
    /// The argument of an `InvalidArgument`.
    pub const ARGUMENT_NAME: &str = "ArgumentName";
    /// Its value.
    pub const ARGUMENT_VALUE: &str = "ArgumentValue";
    /// A key's length (`KeyTooLongError`).
    pub const SIZE: &str = "Size";
    /// The largest size allowed.
    pub const MAX_SIZE_ALLOWED: &str = "MaxSizeAllowed";
    /// The size a request would give.
    pub const PROPOSED_SIZE: &str = "ProposedSize";
    /// The smallest size allowed (`EntityTooSmall`).
    pub const MIN_SIZE_ALLOWED: &str = "MinSizeAllowed";
    /// The upload ID given (`NoSuchUpload`).
    pub const UPLOAD_ID: &str = "UploadId";
    /// The target key of a symlink whose read failed (`SymlinkTargetNotExist`,
    /// `InvalidTargetType`, SYM-4; MODEL: the element's name).
    pub const SYMLINK_TARGET: &str = "SymlinkTarget";
    /// The part number (`InvalidPart`, `EntityTooSmall`).
    pub const PART_NUMBER: &str = "PartNumber";
    /// The condition that failed (`PreconditionFailed`).
    pub const CONDITION: &str = "Condition";
    /// The range asked for (`InvalidRange` of an UploadPartCopy, MPU-12).
    pub const RANGE_REQUESTED: &str = "RangeRequested";
    /// The object's size (`InvalidRange`).
    pub const ACTUAL_OBJECT_SIZE: &str = "ActualObjectSize";
    /// The bucket named (`NoSuchBucket` and the bucket errors).
    pub const BUCKET_NAME: &str = "BucketName";
}

/// What an error response needs to know about its request besides the error.
#[derive(Clone, Debug)]
pub struct ErrorContext {
    dialect: Dialect,
    request_id: RequestId,
    method: Method,
    host: String,
    bucket: Option<String>,
    key: Option<String>,
    delete_marker_last_modified: Option<u64>,
}

impl ErrorContext {
    /// The context of a `method` request numbered by `request_id` (whose dialect it takes).
    pub fn new(request_id: RequestId, method: Method) -> Self {
        ErrorContext {
            dialect: request_id.dialect(),
            request_id,
            method,
            host: String::new(),
            bucket: None,
            key: None,
            delete_marker_last_modified: None,
        }
    }

    /// The request's `Host` (oss `<HostId>`).
    pub fn with_host(mut self, host: &str) -> Self {
        self.host = host.to_owned();
        self
    }

    /// The bucket and key the request named (`<BucketName>`, `<Key>`).
    pub fn with_target(mut self, target: &Target) -> Self {
        self.bucket = target.bucket().map(str::to_owned);
        self.key = target.key().map(str::to_owned);
        self
    }

    /// The modification time of the delete marker a `MethodNotAllowed` is about (s3 sends it as
    /// `Last-Modified`).
    pub fn with_delete_marker_last_modified(mut self, seconds: u64) -> Self {
        self.delete_marker_last_modified = Some(seconds);
        self
    }

    /// The dialect.
    pub fn dialect(&self) -> Dialect {
        self.dialect
    }
}

/// An error response, before it becomes an `http::Response`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorResponse {
    status: StatusCode,
    code: &'static str,
    message: String,
    extras: Vec<(&'static str, String)>,
    headers: Vec<(HeaderName, String)>,
    ec: Option<&'static str>,
}

impl ErrorResponse {
    /// The response to a rule violation (http.md §3.2).
    pub fn from_violation(violation: &Violation, context: &ErrorContext) -> Self {
        let dialect = context.dialect;
        let names = DialectHeaders::of(dialect);
        let text = match violation {
            // OL-4, OL-6: the reason, which the fixed `Access Denied` of the code would hide and
            // a client reads back (MODEL for the wording).
            Violation::AccessDenied(_) => violation.to_string(),
            _ => message(violation.code()).map_or_else(|| violation.to_string(), str::to_owned),
        };
        let mut response = ErrorResponse::new(violation.http_status(), violation.code(), text);
        let key = || context.key.clone().unwrap_or_default();
        let delete_marker_headers = |response: &mut ErrorResponse| {
            response
                .headers
                .push((names.delete_marker.clone(), "true".to_owned()));
            if let Some(version_id) = violation.version_id() {
                response
                    .headers
                    .push((names.version_id.clone(), version_id.to_string()));
            }
        };
        match violation {
            Violation::NoSuchKey { delete_marker, .. } => {
                response.extra(element::KEY, key());
                if *delete_marker {
                    delete_marker_headers(&mut response);
                }
            }
            Violation::MethodNotAllowed { .. } => {
                response.extra(element::METHOD, context.method.as_str().to_owned());
                response.extra(element::RESOURCE_TYPE, "DeleteMarker".to_owned());
                response.headers.push((ALLOW, "DELETE".to_owned()));
                delete_marker_headers(&mut response);
                if let (Dialect::S3, Some(seconds)) = (dialect, context.delete_marker_last_modified)
                {
                    response
                        .headers
                        .push((LAST_MODIFIED, time::http_date(seconds)));
                }
            }
            Violation::NoSuchVersion { version_id } => {
                response.extra(element::KEY, key());
                response.extra(element::VERSION_ID, version_id.to_string());
                response.ec = Some("0026-00000001");
            }
            Violation::PositionNotEqualToLength { next_position } => {
                response.headers.push((
                    headers::oss::NEXT_APPEND_POSITION.clone(),
                    next_position.to_string(),
                ));
                response.ec = Some("0026-00000016");
            }
            Violation::InvalidArgument(argument) => {
                if let Some((name, value)) = argument_extras(argument) {
                    response.extra(element::ARGUMENT_NAME, name.to_owned());
                    response.extra(element::ARGUMENT_VALUE, value);
                }
                if let ArgumentError::CopyRangeOutsideSource { size, .. } = argument {
                    response.extra(element::ACTUAL_OBJECT_SIZE, size.to_string());
                }
                if matches!(argument, ArgumentError::VersionIdMarkerWithoutKeyMarker) {
                    response.ec = Some("0012-00000106");
                }
            }
            Violation::NoSuchBucket { bucket }
            | Violation::InvalidBucketName { bucket }
            | Violation::BucketAlreadyExists { bucket }
            | Violation::BucketAlreadyOwnedByYou { bucket }
            | Violation::BucketNotEmpty { bucket } => {
                response.extra(element::BUCKET_NAME, bucket.clone());
            }
            Violation::InvalidObjectName { key } => {
                // ERR-1: the key refused, which for a copy may be the source's (MODEL).
                response.extra(element::KEY, key.to_string());
            }
            Violation::KeyTooLong { size, max_size } => {
                response.extra(element::SIZE, size.to_string());
                response.extra(element::MAX_SIZE_ALLOWED, max_size.to_string());
            }
            Violation::InlineDataTooLarge { size, max_size }
            | Violation::EntityTooLarge { size, max_size } => {
                response.extra(element::PROPOSED_SIZE, size.to_string());
                response.extra(element::MAX_SIZE_ALLOWED, max_size.to_string());
            }
            Violation::NoSuchUpload { upload_id } => {
                response.extra(element::UPLOAD_ID, upload_id.to_string());
            }
            Violation::InvalidRange { first, last, size } => {
                // MPU-12 (s3): as S3 answers a range outside the object.
                response.extra(element::RANGE_REQUESTED, format!("bytes={first}-{last}"));
                response.extra(element::ACTUAL_OBJECT_SIZE, size.to_string());
            }
            Violation::SymlinkTargetNotExist { target }
            | Violation::InvalidTargetType { target } => {
                response.extra(element::KEY, key());
                response.extra(element::SYMLINK_TARGET, target.to_string());
            }
            Violation::InvalidPart { part_number } => {
                response.extra(element::PART_NUMBER, part_number.to_string());
            }
            Violation::PreconditionFailed(reason) => {
                // CND-3..CND-5: the header that failed, as S3 names it, and the model's reason
                // as the message (the client reads the reason back from it).
                response.message = violation.to_string();
                let header = match reason {
                    PreconditionReason::ObjectExists => "If-None-Match",
                    _ => "If-Match",
                };
                response.extra(element::CONDITION, header.to_owned());
            }
            Violation::EntityTooSmall {
                part_number,
                size,
                min_size,
            } => {
                response.extra(element::PROPOSED_SIZE, size.to_string());
                response.extra(element::MIN_SIZE_ALLOWED, min_size.to_string());
                response.extra(element::PART_NUMBER, part_number.to_string());
            }
            _ => {}
        }
        if dialect == Dialect::S3 {
            // The EC is oss's alone (http.md §3.1).
            response.ec = None;
        }
        response
    }

    /// The response to a request the codec refused on its own.
    pub fn from_codec_error(error: &CodecError, context: &ErrorContext) -> Self {
        let code = error.code(context.dialect);
        let mut response = ErrorResponse::new(
            error.status().as_u16(),
            code,
            message(code).map_or_else(|| error.to_string(), str::to_owned),
        );
        match error {
            CodecError::InvalidArgument { name, value, .. } => {
                response.extra(element::ARGUMENT_NAME, name.clone());
                response.extra(element::ARGUMENT_VALUE, value.clone());
            }
            CodecError::PreconditionFailed { condition } => {
                response.extra(element::CONDITION, (*condition).to_owned());
            }
            CodecError::InvalidRange(unsatisfiable) => {
                response.extra(element::ACTUAL_OBJECT_SIZE, unsatisfiable.size.to_string());
            }
            CodecError::Dispatch(_) => {
                if let Some(target) = error.refused_target() {
                    response.extra(element::METHOD, context.method.as_str().to_owned());
                    response.extra(
                        element::RESOURCE_TYPE,
                        match target {
                            TargetKind::Service => "SERVICE",
                            TargetKind::Bucket => "BUCKET",
                            TargetKind::Object => "OBJECT",
                        }
                        .to_owned(),
                    );
                }
            }
            _ => {}
        }
        response
    }

    /// The response when the bucket a request names does not exist (404 `NoSuchBucket`,
    /// http.md §3.2).
    pub fn no_such_bucket(context: &ErrorContext) -> Self {
        let mut response = ErrorResponse::new(
            404,
            "NoSuchBucket",
            "The specified bucket does not exist.".to_owned(),
        );
        response.extra(
            element::BUCKET_NAME,
            context.bucket.clone().unwrap_or_default(),
        );
        response
    }

    /// The response to a refusal of the endpoint's registry of buckets (http.md §4, SVC-2..SVC-4):
    /// `InvalidBucketName` 400, `BucketAlreadyExists` / `BucketAlreadyOwnedByYou` 409,
    /// `BucketNotEmpty` 409, carrying `<BucketName>`; or `InternalError` 500 for a failure of
    /// the endpoint's own storage.
    pub fn bucket_error(status: u16, code: &'static str, message: &str, bucket: &str) -> Self {
        let mut response = ErrorResponse::new(status, code, message.to_owned());
        response.extra(element::BUCKET_NAME, bucket.to_owned());
        response
    }

    fn new(status: u16, code: &'static str, message: String) -> Self {
        // An error response is never a success (http.md §3.1: a 200 never carries <Error>).
        let status = StatusCode::from_u16(status)
            .ok()
            .filter(|status| status.is_client_error() || status.is_server_error())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        ErrorResponse {
            status,
            code,
            message,
            extras: Vec::new(),
            headers: Vec::new(),
            ec: None,
        }
    }

    fn extra(&mut self, name: &'static str, value: String) {
        self.extras.push((name, value));
    }

    /// The status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The error code (`<Code>`).
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The message (`<Message>`).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The extra elements of `<Error>`, in order.
    pub fn extras(&self) -> &[(&'static str, String)] {
        &self.extras
    }

    /// The oss detailed error code, when known (`x-oss-ec`, `<EC>`).
    pub fn ec(&self) -> Option<&'static str> {
        self.ec
    }

    /// The `<Error>` document.
    pub fn body(&self, context: &ErrorContext) -> Bytes {
        let document = ErrorDocument {
            response: self,
            dialect: context.dialect,
            request_id: context.request_id.as_str(),
            host_id: match context.dialect {
                Dialect::Oss => context.host.clone(),
                Dialect::S3 => context.request_id.host_id(),
            },
        };
        crate::xml::render(element::ERROR, &document, false)
    }

    /// The whole response: status, headers, and the body (none for HEAD; oss then carries it
    /// base64-encoded in `x-oss-err`).
    pub fn into_response(self, context: &ErrorContext) -> Response<Bytes> {
        let body = self.body(context);
        let mut headers = HeaderMap::new();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/xml"));
        let names = DialectHeaders::of(context.dialect);
        insert(
            &mut headers,
            names.request_id.clone(),
            context.request_id.as_str(),
        );
        match context.dialect {
            Dialect::Oss => {
                if let Some(ec) = self.ec {
                    insert(&mut headers, headers::oss::EC.clone(), ec);
                }
            }
            Dialect::S3 => {
                insert(
                    &mut headers,
                    headers::s3::ID_2.clone(),
                    &context.request_id.host_id(),
                );
            }
        }
        for (name, value) in &self.headers {
            insert(&mut headers, name.clone(), value);
        }
        let head = context.method == Method::HEAD;
        if head && context.dialect == Dialect::Oss {
            let encoded = base64::engine::general_purpose::STANDARD.encode(&body);
            insert(&mut headers, headers::oss::ERR.clone(), &encoded);
        }
        let mut response = Response::new(if head { Bytes::new() } else { body });
        *response.status_mut() = self.status;
        *response.headers_mut() = headers;
        response
    }
}

/// Inserts a header whose value the codec wrote (or a request carried); a value that is not a
/// valid header value (a key with a control character) is left out rather than corrupting the
/// response.
fn insert(headers: &mut HeaderMap, name: HeaderName, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        headers.insert(name, value);
    }
}

/// `<ArgumentName>`/`<ArgumentValue>` of an `InvalidArgument` (MODEL for the names: the query
/// parameter or header the argument came from).
pub(crate) fn argument_extras(argument: &ArgumentError) -> Option<(&'static str, String)> {
    Some(match argument {
        ArgumentError::EmptyVersionId => (params::VERSION_ID, String::new()),
        ArgumentError::VersionIdTooLong { size } => (params::VERSION_ID, format!("({size} bytes)")),
        ArgumentError::VersionIdOnAppend => (params::VERSION_ID, String::new()),
        ArgumentError::EmptyKey => ("key", String::new()),
        ArgumentError::PartNumberOutOfRange(number) => (params::PART_NUMBER, number.to_string()),
        ArgumentError::LimitOutOfRange { name, value } => (*name, value.to_string()),
        ArgumentError::VersionIdMarkerWithoutKeyMarker => {
            (params::VERSION_ID_MARKER, String::new())
        }
        ArgumentError::CopyRangeOutsideSource { first, last, .. } => {
            ("x-oss-copy-source-range", format!("bytes={first}-{last}"))
        }
        _ => return None,
    })
}

/// The fixed English message of an error code (MODEL: AWS's wording where it has one).
pub(crate) fn message(code: &str) -> Option<&'static str> {
    Some(match code {
        "NoSuchKey" => "The specified key does not exist.",
        "NoSuchVersion" => "The specified version does not exist.",
        "NoSuchUpload" => {
            "The specified upload does not exist. The upload ID may be invalid, or the upload may \
             have been aborted or completed."
        }
        "NoSuchBucket" => "The specified bucket does not exist.",
        "MethodNotAllowed" => "The specified method is not allowed against this resource.",
        "NotImplemented" => "A header you provided implies functionality that is not implemented.",
        "MalformedXML" => {
            "The XML you provided was not well-formed or did not validate against our published \
             schema."
        }
        "InvalidPart" => {
            "One or more of the specified parts could not be found. The part may not have been \
             uploaded, or the specified entity tag may not match the part's entity tag."
        }
        "InvalidPartOrder" => {
            "The list of parts was not in ascending order. The parts list must be specified in \
             order by part number."
        }
        "EntityTooSmall" => "Your proposed upload is smaller than the minimum allowed object size.",
        "EntityTooLarge" | "InlineDataTooLarge" => {
            "Your proposed upload exceeds the maximum allowed object size."
        }
        "KeyTooLongError" => "Your key is too long.",
        "PreconditionFailed" => "At least one of the pre-conditions you specified did not hold",
        "InvalidRange" => "The requested range is not satisfiable",
        "InvalidObjectName" => "The specified object name is not valid.",
        "PositionNotEqualToLength" => "Position is not equal to file length.",
        "ObjectNotAppendable" => "The object is not appendable.",
        "InvalidURI" => "Couldn't parse the specified URI.",
        "AccessDenied" => "Access Denied",
        "InvalidAccessKeyId" => "The access key ID you provided does not exist in our records.",
        "SignatureDoesNotMatch" => {
            "The request signature we calculated does not match the signature you provided. \
             Check your key and signing method."
        }
        "BadDigest" => "The Content-MD5 or checksum you specified did not match what we received.",
        "InvalidDigest" => "The Content-MD5 or checksum you specified is not valid.",
        "IncompleteBody" => {
            "You did not provide the number of bytes specified by the Content-Length HTTP header."
        }
        "XAmzContentSHA256Mismatch" => {
            "The provided 'x-amz-content-sha256' header does not match what was computed."
        }
        _ => return None,
    })
}

/// The `<Error>` element, its children in the dialect's order.
struct ErrorDocument<'a> {
    response: &'a ErrorResponse,
    dialect: Dialect,
    request_id: &'a str,
    host_id: String,
}

impl Serialize for ErrorDocument<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let response = self.response;
        let mut error = serializer.serialize_struct(element::ERROR, 0)?;
        error.serialize_field(element::CODE, response.code)?;
        error.serialize_field(element::MESSAGE, &response.message)?;
        let extras = |error: &mut S::SerializeStruct| {
            response
                .extras
                .iter()
                .try_for_each(|(name, value)| error.serialize_field(name, value))
        };
        match self.dialect {
            Dialect::Oss => {
                error.serialize_field(element::REQUEST_ID, self.request_id)?;
                error.serialize_field(element::HOST_ID, &self.host_id)?;
                extras(&mut error)?;
                if let Some(ec) = response.ec {
                    error.serialize_field(element::EC, ec)?;
                }
            }
            Dialect::S3 => {
                extras(&mut error)?;
                error.serialize_field(element::REQUEST_ID, self.request_id)?;
                error.serialize_field(element::HOST_ID, &self.host_id)?;
            }
        }
        error.end()
    }
}
