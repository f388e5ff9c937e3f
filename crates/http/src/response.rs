//! The model's [`Outcome`] → the dialect's response (http.md §2, §4, §5): the response
//! direction of the command mapping. Violations go through
//! [`ErrorResponse::from_violation`](crate::error_response::ErrorResponse::from_violation).
//!
//! Headers per dialect: the version ID (`x-oss-version-id` / `x-amz-version-id`, exactly when
//! the outcome reports one, RSP-1..RSP-5), the delete-marker flag (only when true, http.md §2),
//! quoted ETags (oss upper-case, s3 lower-case, as the model makes them: CT-3..CT-5), and on oss
//! the whole object's CRC-64 (`x-oss-hash-crc64ecma`, CT-1/CT-2), its type and the next append
//! position. Bodies are the [`xml`](crate::xml) documents.
//!
//! Object reads ([`object_read`]) evaluate the conditional headers and the `Range` against the
//! outcome and give the endpoint the head of the response and the byte span to send; the bytes
//! themselves come from the endpoint's store.
//!
//! Every use of the core's `Outcome` type in the codec is here (commands are in
//! [`request`](crate::request)).

use bucket_versioning::outcome::ObjectMeta;
use bucket_versioning::{Dialect, ObjectType, Outcome, VersionId};
use bytes::Bytes;
use http::header::{
    ACCEPT_RANGES, CONTENT_LENGTH, CONTENT_RANGE, CONTENT_TYPE, ETAG, HeaderName, HeaderValue,
    LAST_MODIFIED, LOCATION,
};
use http::{HeaderMap, Response, StatusCode};

use crate::conditions::{ConditionFailed, ReadConditions};
use crate::dispatch::Operation;
use crate::error::CodecError;
use crate::headers::{self, DialectHeaders};
use crate::lifecycle;
use crate::params;
use crate::percent;
use crate::query::Query;
use crate::range::{self, ByteRange};
use crate::request::continuation_token;
use crate::request_id::RequestId;
use crate::time;
use crate::xml::{
    CommonPrefix, CompleteMultipartUploadResult, CopyObjectResult, CopyPartResult, DeleteError,
    DeleteMarkerEntry, DeleteResult, Deleted, EncodingType, GetObjectAttributesResponse,
    InitiateMultipartUploadResult, ListBucketResult, ListBucketResultV2,
    ListMultipartUploadsResult, ListPartsResult, ListVersionsResult, ObjectEntry, ObjectParts,
    Owner, PartEntry, ResponseBody, Tag, TagSet, Tagging, UploadEntry, VersionEntry,
    VersionListEntry, VersioningConfiguration,
};

/// The endpoint's fixed owner (MODEL, http.md §5.7): the `Owner` of listings.
pub const OWNER_ID: &str = "1234567890123456";
/// The owner's display name.
pub const OWNER_NAME: &str = "bucket-versioning";

/// What the mapping needs to know about a request to write its response.
#[derive(Clone, Copy, Debug)]
pub struct ResponseView<'a> {
    /// The endpoint's dialect.
    pub dialect: Dialect,
    /// The operation answered.
    pub operation: Operation,
    /// The bucket.
    pub bucket: &'a str,
    /// The key, for object operations.
    pub key: &'a str,
    /// The query (listings echo their parameters).
    pub query: &'a Query,
    /// The request's ID (http.md §2).
    pub request_id: &'a RequestId,
    /// The clock reading (logical seconds) of the request: the `LastModified` of the documents
    /// whose outcome has no time of its own (CopyObjectResult, parts, uploads; MODEL).
    pub now: u64,
}

/// The success response to `outcome`. For GetObject and HeadObject this is the head of a
/// whole-object answer without the body; use [`object_read`] to honour `Range` and the
/// conditions.
pub fn to_response(view: &ResponseView<'_>, outcome: &Outcome) -> Response<Bytes> {
    let dialect = view.dialect;
    let names = DialectHeaders::of(dialect);
    let mut out = Reply::new(view);
    match outcome {
        Outcome::Versioning(versioning) => {
            if view.operation == Operation::GetBucketVersioning {
                let status = versioning.status.as_ref();
                let document = VersioningConfiguration {
                    status: (status != "Unversioned").then(|| status.to_owned()),
                    mfa_delete: None,
                };
                out.xml(document.to_xml(dialect));
            }
        }
        Outcome::PutObject(put) => {
            out.version(put.version_id.as_ref());
            out.etag(put.etag.as_str());
            out.crc64(put.crc64);
        }
        Outcome::AppendObject(append) => {
            out.version(append.version_id.as_ref());
            out.etag(append.etag.as_str());
            out.crc64(append.crc64);
            out.header(
                headers::oss::NEXT_APPEND_POSITION.clone(),
                &append.next_position.to_string(),
            );
        }
        Outcome::SealAppendObject(seal) => out.version(seal.version_id.as_ref()),
        Outcome::DeleteObject(delete) => {
            out.status = StatusCode::NO_CONTENT;
            out.version(delete.version_id.as_ref());
            if delete.delete_marker {
                out.header(names.delete_marker.clone(), "true");
            }
        }
        Outcome::DeleteObjects(batch) => {
            let document = DeleteResult {
                quiet: false,
                encoding_type: encoding(view.query),
                deleted: batch
                    .deleted
                    .iter()
                    .map(|deleted| Deleted {
                        key: deleted.key.to_string(),
                        version_id: deleted.version_id.as_ref().map(ToString::to_string),
                        delete_marker: deleted.delete_marker,
                        delete_marker_version_id: deleted
                            .delete_marker_version_id
                            .as_ref()
                            .map(ToString::to_string),
                    })
                    .collect(),
                errors: batch
                    .errors
                    .iter()
                    .map(|error| DeleteError {
                        key: error.key.to_string(),
                        version_id: error.version_id.as_ref().map(ToString::to_string),
                        code: error.code().to_owned(),
                        message: error.violation.to_string(),
                    })
                    .collect(),
            };
            out.xml(document.to_xml(dialect));
        }
        Outcome::GetObjectMeta(meta) => {
            // GET-8: the selected version's ID, ETag, size and Last-Modified; oss in headers
            // (GetObjectMeta, with an appendable's next position), s3 in the
            // `<GetObjectAttributesResponse>` (with a multipart object's part count).
            out.version(meta.version_id.as_ref());
            out.header(LAST_MODIFIED, &time::http_date(meta.last_modified));
            match dialect {
                Dialect::Oss => {
                    out.etag(meta.etag.as_str());
                    out.header(CONTENT_LENGTH, &meta.size.to_string());
                    if let Some(next) = meta.next_position {
                        out.header(
                            headers::oss::NEXT_APPEND_POSITION.clone(),
                            &next.to_string(),
                        );
                    }
                }
                Dialect::S3 => {
                    let document = GetObjectAttributesResponse {
                        etag: Some(meta.etag.to_string()),
                        object_parts: meta
                            .parts_count
                            .map(|parts_count| ObjectParts { parts_count }),
                        storage_class: Some(meta.storage_class.clone()),
                        object_size: Some(meta.size),
                    };
                    out.xml(document.to_xml(dialect));
                }
            }
        }
        Outcome::PutSymlink(put) => out.version(put.version_id.as_ref()),
        Outcome::GetSymlink(link) => {
            // SYM-3: the target URL-encoded (oss2 unquotes it), and the link's version.
            out.version(link.version_id.as_ref());
            out.header(
                headers::oss::SYMLINK_TARGET.clone(),
                &percent::encode_url_field(link.target.as_str()),
            );
        }
        Outcome::GetObject(meta) | Outcome::HeadObject(meta) => {
            object_headers(&mut out, meta);
            out.header(CONTENT_LENGTH, &meta.size.to_string());
        }
        Outcome::InitiateMultipartUpload(initiate) => {
            let document = InitiateMultipartUploadResult {
                encoding_type: key_encoding(view),
                bucket: view.bucket.to_owned(),
                key: view.key.to_owned(),
                upload_id: initiate.upload_id.to_string(),
            };
            out.xml(document.to_xml(dialect));
        }
        Outcome::UploadPart(part) => {
            out.etag(part.etag.as_str());
            out.crc64(part.crc64);
        }
        Outcome::UploadPartCopy(part) => {
            // MPU-12, RSP-5: the part's ETag (header and document), its CRC-64 (oss), and the
            // source version copied.
            out.etag(part.etag.as_str());
            out.crc64(part.crc64);
            if let Some(source) = &part.source_version_id {
                out.header(names.copy_source_version_id.clone(), &source.to_string());
            }
            let document = CopyPartResult {
                last_modified: view.now,
                etag: part.etag.to_string(),
            };
            out.xml(document.to_xml(dialect));
        }
        Outcome::CompleteMultipartUpload(complete) => {
            out.version(complete.version_id.as_ref());
            out.etag(complete.etag.as_str());
            out.crc64(complete.crc64);
            let document = CompleteMultipartUploadResult {
                encoding_type: key_encoding(view),
                location: format!("/{}/{}", view.bucket, view.key),
                bucket: view.bucket.to_owned(),
                key: view.key.to_owned(),
                etag: complete.etag.to_string(),
            };
            out.xml(document.to_xml(dialect));
        }
        Outcome::AbortMultipartUpload(_) => out.status = StatusCode::NO_CONTENT,
        Outcome::ListParts(list) => {
            let document = ListPartsResult {
                bucket: view.bucket.to_owned(),
                encoding_type: encoding(view.query),
                key: view.key.to_owned(),
                upload_id: view
                    .query
                    .value(params::UPLOAD_ID)
                    .unwrap_or_default()
                    .to_owned(),
                part_number_marker: number(view.query, params::PART_NUMBER_MARKER).unwrap_or(0),
                next_part_number_marker: list
                    .next_part_number_marker
                    .or_else(|| list.parts.last().map(|part| part.part_number))
                    .unwrap_or(0),
                max_parts: number(view.query, params::MAX_PARTS).unwrap_or(1000),
                is_truncated: list.is_truncated,
                parts: list
                    .parts
                    .iter()
                    .map(|part| PartEntry {
                        part_number: part.part_number,
                        last_modified: view.now,
                        etag: part.etag.to_string(),
                        size: part.size,
                        crc64: None,
                    })
                    .collect(),
            };
            out.xml(document.to_xml(dialect));
        }
        Outcome::ListMultipartUploads(list) => {
            let document = ListMultipartUploadsResult {
                bucket: view.bucket.to_owned(),
                encoding_type: encoding(view.query),
                key_marker: param(view.query, params::KEY_MARKER),
                upload_id_marker: param(view.query, params::UPLOAD_ID_MARKER),
                next_key_marker: list
                    .next_key_marker
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                next_upload_id_marker: list
                    .next_upload_id_marker
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                delimiter: param(view.query, params::DELIMITER),
                prefix: param(view.query, params::PREFIX),
                max_uploads: number(view.query, params::MAX_UPLOADS).unwrap_or(1000),
                is_truncated: list.is_truncated,
                uploads: list
                    .uploads
                    .iter()
                    .map(|upload| UploadEntry {
                        key: upload.key.to_string(),
                        upload_id: upload.upload_id.to_string(),
                        initiated: view.now,
                    })
                    .collect(),
                common_prefixes: prefixes(&list.common_prefixes),
            };
            out.xml(document.to_xml(dialect));
        }
        Outcome::CopyObject(copy) => {
            out.version(copy.version_id.as_ref());
            out.etag(copy.etag.as_str());
            out.crc64(copy.crc64);
            if let Some(source) = &copy.source_version_id {
                out.header(names.copy_source_version_id.clone(), &source.to_string());
            }
            let document = CopyObjectResult {
                etag: copy.etag.to_string(),
                last_modified: view.now,
            };
            out.xml(document.to_xml(dialect));
        }
        Outcome::ListObjectVersions(list) => {
            let storage_class = storage_class(dialect);
            let document = ListVersionsResult {
                name: view.bucket.to_owned(),
                prefix: param(view.query, params::PREFIX),
                key_marker: param(view.query, params::KEY_MARKER),
                version_id_marker: param(view.query, params::VERSION_ID_MARKER),
                max_keys: max_keys(view),
                delimiter: view.query.get(params::DELIMITER).map(str::to_owned),
                encoding_type: encoding(view.query),
                is_truncated: list.is_truncated,
                next_key_marker: list.next_key_marker.clone(),
                next_version_id_marker: list
                    .next_version_id_marker
                    .as_ref()
                    .map(ToString::to_string)
                    // oss2 requires the element on every truncated page, also after a common
                    // prefix, where it names no version (http.md §5.7): empty then.
                    .or_else(|| (dialect == Dialect::Oss && list.is_truncated).then(String::new)),
                entries: list
                    .entries
                    .iter()
                    .map(|entry| {
                        if entry.delete_marker {
                            VersionListEntry::DeleteMarker(DeleteMarkerEntry {
                                key: entry.key.to_string(),
                                version_id: entry.version_id.to_string(),
                                is_latest: entry.is_latest,
                                last_modified: entry.last_modified,
                                owner: owner(),
                            })
                        } else {
                            VersionListEntry::Version(VersionEntry {
                                key: entry.key.to_string(),
                                version_id: entry.version_id.to_string(),
                                is_latest: entry.is_latest,
                                last_modified: entry.last_modified,
                                etag: entry
                                    .etag
                                    .as_ref()
                                    .map(ToString::to_string)
                                    .unwrap_or_default(),
                                object_type: entry.object_type.map(type_name),
                                size: entry.size.unwrap_or(0),
                                storage_class: entry
                                    .storage_class
                                    .clone()
                                    .unwrap_or_else(|| storage_class.to_owned()),
                                owner: owner(),
                            })
                        }
                    })
                    .collect(),
                common_prefixes: prefixes(&list.common_prefixes),
            };
            out.xml(document.to_xml(dialect));
        }
        Outcome::ListObjects(list) => {
            let contents: Vec<ObjectEntry> = list
                .objects
                .iter()
                .map(|object| ObjectEntry {
                    key: object.key.to_string(),
                    last_modified: object.last_modified,
                    etag: object.etag.to_string(),
                    // The listing's outcome does not carry the type; oss2 requires the element
                    // (http.md §5.7). MODEL: an ETag with a part count is a multipart object's
                    // (CT-4), otherwise Normal.
                    object_type: Some(
                        if object.etag.as_str().contains('-') {
                            "Multipart"
                        } else {
                            "Normal"
                        }
                        .to_owned(),
                    ),
                    size: object.size,
                    storage_class: object.storage_class.clone(),
                    owner: Some(owner()),
                })
                .collect();
            let body = if view.operation == Operation::ListObjectsV2 {
                let key_count = contents.len() + list.common_prefixes.len();
                ListBucketResultV2 {
                    name: view.bucket.to_owned(),
                    prefix: param(view.query, params::PREFIX),
                    continuation_token: view
                        .query
                        .get(params::CONTINUATION_TOKEN)
                        .map(str::to_owned),
                    start_after: view.query.get(params::START_AFTER).map(str::to_owned),
                    max_keys: max_keys(view),
                    delimiter: view.query.get(params::DELIMITER).map(str::to_owned),
                    encoding_type: encoding(view.query),
                    is_truncated: list.is_truncated,
                    key_count: u32::try_from(key_count).unwrap_or(u32::MAX),
                    next_continuation_token: list
                        .next_marker
                        .as_deref()
                        .filter(|_| list.is_truncated)
                        .map(continuation_token),
                    contents,
                    common_prefixes: prefixes(&list.common_prefixes),
                }
                .to_xml(dialect)
            } else {
                ListBucketResult {
                    name: view.bucket.to_owned(),
                    prefix: param(view.query, params::PREFIX),
                    marker: param(view.query, params::MARKER),
                    max_keys: max_keys(view),
                    delimiter: view.query.get(params::DELIMITER).map(str::to_owned),
                    encoding_type: encoding(view.query),
                    is_truncated: list.is_truncated,
                    next_marker: list.next_marker.clone().filter(|_| list.is_truncated),
                    contents,
                    common_prefixes: prefixes(&list.common_prefixes),
                }
                .to_xml(dialect)
            };
            out.xml(body);
        }
        Outcome::PutObjectTagging(tagging) => out.version(tagging.version_id.as_ref()),
        Outcome::DeleteObjectTagging(tagging) => {
            out.status = StatusCode::NO_CONTENT;
            out.version(tagging.version_id.as_ref());
        }
        Outcome::GetObjectTagging(tagging) => {
            // TAG-2, TAG-4: the version's tag set, ascending by key, and its ID.
            out.version(tagging.version_id.as_ref());
            let document = Tagging {
                tag_set: TagSet {
                    tags: tagging
                        .tags
                        .iter()
                        .map(|(key, value)| Tag {
                            key: key.to_owned(),
                            value: value.to_owned(),
                        })
                        .collect(),
                },
            };
            out.xml(document.to_xml(dialect));
        }
        Outcome::BucketLifecycleChanged(_) => {
            if view.operation == Operation::DeleteBucketLifecycle {
                out.status = StatusCode::NO_CONTENT;
            }
        }
        Outcome::GetBucketLifecycle(stored) => {
            out.xml(lifecycle::to_xml(dialect, &stored.rules).to_xml(dialect));
        }
        Outcome::AdvanceClock(_) => {}
        // OL-1, OL-7: no fields; InitiateBucketWorm's `x-oss-worm-id` is the endpoint's to add
        // (the model keeps no ID).
        Outcome::BucketProtectionChanged(_) => {}
        // OL-2: the version's ID as a read reports it.
        Outcome::ObjectLock(set) => out.version(set.version_id.as_ref()),
        // Outcomes of later rule families: the endpoint has no operation that yields them.
        _ => out.status = StatusCode::NOT_IMPLEMENTED,
    }
    out.finish()
}

/// A success without an outcome of the model (the endpoint's own bucket operations): 200, the
/// request-ID headers, and for an s3 CreateBucket `Location: /{bucket}`.
pub fn empty(view: &ResponseView<'_>) -> Response<Bytes> {
    Reply::new(view).finish()
}

/// How to answer an object read: the response head and, when the body is to be sent, the
/// inclusive byte span of the object.
#[derive(Debug)]
pub struct ObjectRead {
    /// Status (200, 206 or 304) and headers; the body is empty, the endpoint fills it.
    pub head: Response<Bytes>,
    /// The bytes to send (`first..=last`), `None` for none (HEAD, 304, an empty object).
    pub span: Option<(u64, u64)>,
}

/// The answer to GetObject or HeadObject for `meta`, honouring the conditional headers (412
/// `PreconditionFailed`, 304) and `Range` (206 with `Content-Range`; unsatisfiable: s3 416
/// `InvalidRange`, oss the whole object, http.md §5.2).
///
/// # Errors
///
/// [`CodecError::PreconditionFailed`] and [`CodecError::InvalidRange`].
pub fn object_read(
    view: &ResponseView<'_>,
    request_headers: &HeaderMap,
    meta: &ObjectMeta,
) -> Result<ObjectRead, CodecError> {
    let conditions = ReadConditions::from_headers(request_headers);
    let mut out = Reply::new(view);
    object_headers(&mut out, meta);
    match conditions.evaluate(meta.etag.as_str(), meta.last_modified) {
        Ok(()) => {}
        Err(ConditionFailed::PreconditionFailed(condition)) => {
            return Err(CodecError::PreconditionFailed { condition });
        }
        Err(ConditionFailed::NotModified) => {
            out.status = StatusCode::NOT_MODIFIED;
            return Ok(ObjectRead {
                head: out.finish(),
                span: None,
            });
        }
    }
    let head_only = view.operation != Operation::GetObject;
    let requested = request_headers
        .get(http::header::RANGE)
        .and_then(|value| value.to_str().ok())
        .and_then(ByteRange::parse);
    let span = match requested.map(|range| range.resolve(meta.size)) {
        Some(Ok((first, last))) => {
            out.status = StatusCode::PARTIAL_CONTENT;
            out.header(CONTENT_RANGE, &range::content_range(first, last, meta.size));
            Some((first, last))
        }
        Some(Err(unsatisfiable)) if view.dialect == Dialect::S3 => {
            return Err(CodecError::InvalidRange(unsatisfiable));
        }
        _ => (meta.size > 0).then(|| (0, meta.size - 1)),
    };
    let length = span.map_or(0, |(first, last)| last - first + 1);
    out.header(CONTENT_LENGTH, &length.to_string());
    Ok(ObjectRead {
        head: out.finish(),
        span: if head_only { None } else { span },
    })
}

/// The headers of an object read (GET-1, RSP-3, http.md §5.2).
fn object_headers(out: &mut Reply<'_>, meta: &ObjectMeta) {
    out.version(meta.version_id.as_ref());
    out.etag(meta.etag.as_str());
    out.header(LAST_MODIFIED, &time::http_date(meta.last_modified));
    out.header(ACCEPT_RANGES, "bytes");
    // TAG-5: the version's content type, storage class and user metadata.
    out.header(CONTENT_TYPE, &meta.content_type);
    let names = DialectHeaders::of(out.view.dialect);
    out.header(names.storage_class.clone(), &meta.storage_class);
    for (name, value) in meta.metadata.iter() {
        if let Ok(name) = HeaderName::from_bytes(format!("{}{name}", names.meta_prefix).as_bytes())
        {
            out.header(name, value);
        }
    }
    if out.view.dialect == Dialect::Oss {
        out.header(
            headers::oss::OBJECT_TYPE.clone(),
            type_name(meta.object_type).as_str(),
        );
        out.crc64(meta.crc64);
        if let Some(next) = meta.next_position {
            out.header(
                headers::oss::NEXT_APPEND_POSITION.clone(),
                &next.to_string(),
            );
        }
    }
}

/// A response being written.
struct Reply<'a> {
    view: &'a ResponseView<'a>,
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl<'a> Reply<'a> {
    fn new(view: &'a ResponseView<'a>) -> Self {
        let mut reply = Reply {
            view,
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            body: Bytes::new(),
        };
        let names = DialectHeaders::of(view.dialect);
        reply.header(names.request_id.clone(), view.request_id.as_str());
        if view.dialect == Dialect::S3 {
            reply.header(headers::s3::ID_2.clone(), &view.request_id.host_id());
            if view.operation == Operation::CreateBucket {
                reply.header(LOCATION, &format!("/{}", view.bucket));
            }
        }
        reply
    }

    fn header(&mut self, name: HeaderName, value: &str) {
        if let Ok(value) = HeaderValue::from_str(value) {
            self.headers.insert(name, value);
        }
    }

    fn version(&mut self, version_id: Option<&VersionId>) {
        if let Some(version_id) = version_id {
            let name = DialectHeaders::of(self.view.dialect).version_id.clone();
            self.header(name, &version_id.to_string());
        }
    }

    fn etag(&mut self, etag: &str) {
        self.header(ETAG, &format!("\"{etag}\""));
    }

    fn crc64(&mut self, crc64: u64) {
        if self.view.dialect == Dialect::Oss {
            self.header(headers::oss::HASH_CRC64ECMA.clone(), &crc64.to_string());
        }
    }

    fn xml(&mut self, body: Bytes) {
        if !body.is_empty() {
            self.header(CONTENT_TYPE, "application/xml");
        }
        self.body = body;
    }

    fn finish(self) -> Response<Bytes> {
        let mut response = Response::new(self.body);
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers;
        response
    }
}

/// Writes the answer of a quiet DeleteObjects: the same as [`to_response`] but with the quiet
/// flag known (oss: no body when there are no errors, http.md §5.4).
pub fn delete_objects_response(
    view: &ResponseView<'_>,
    outcome: &Outcome,
    quiet: bool,
) -> Response<Bytes> {
    let mut response = to_response(view, outcome);
    if quiet
        && view.dialect == Dialect::Oss
        && let Outcome::DeleteObjects(batch) = outcome
        && batch.errors.is_empty()
    {
        *response.body_mut() = Bytes::new();
        response.headers_mut().remove(CONTENT_TYPE);
    }
    response
}

fn type_name(object_type: ObjectType) -> String {
    object_type.to_string()
}

fn storage_class(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Oss => "Standard",
        Dialect::S3 => "STANDARD",
    }
}

fn owner() -> Owner {
    Owner {
        id: OWNER_ID.to_owned(),
        display_name: OWNER_NAME.to_owned(),
    }
}

fn encoding(query: &Query) -> Option<EncodingType> {
    (query.get(params::ENCODING_TYPE) == Some("url")).then_some(EncodingType::Url)
}

/// The encoding of a document that names the request's key: as requested, and URL-encoded
/// when the key holds a character XML 1.0 cannot carry (a control character; MODEL), so that
/// the document stays well-formed.
fn key_encoding(view: &ResponseView<'_>) -> Option<EncodingType> {
    encoding(view.query).or_else(|| {
        view.key
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            .then_some(EncodingType::Url)
    })
}

fn param(query: &Query, name: &str) -> String {
    query.get(name).unwrap_or_default().to_owned()
}

fn number<T: core::str::FromStr>(query: &Query, name: &str) -> Option<T> {
    query.get(name).and_then(|value| value.parse().ok())
}

fn max_keys(view: &ResponseView<'_>) -> u32 {
    number(view.query, params::MAX_KEYS).map_or(
        match view.dialect {
            Dialect::Oss => 100,
            Dialect::S3 => 1000,
        },
        |keys: u32| keys.min(1000),
    )
}

fn prefixes(prefixes: &[String]) -> Vec<CommonPrefix> {
    prefixes
        .iter()
        .map(|prefix| CommonPrefix {
            prefix: prefix.clone(),
        })
        .collect()
}
