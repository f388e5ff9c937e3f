//! A decoded request → the model's [`Command`] (http.md §4, §5): the request direction of the
//! command mapping.
//!
//! The endpoint has read the head ([`Codec::decode_head`](crate::Codec::decode_head)), verified
//! the body's checksums and stored its bytes; what reaches this module is the operation, its
//! target and query, the headers, and the body as the model wants it: the fingerprint
//! ([`Content`]) of an object body, or the bytes of an XML document. Argument checks the model
//! makes itself (key syntax, version-ID syntax, limits, part numbers in range) are left to it, so
//! that its violations and their carried fields reach the client unchanged; this module refuses
//! only what cannot be put into a command at all (a position that is not a number) and the
//! operations the model does not have yet (501 `NotImplemented`, http.md §1.3).
//!
//! Bucket-level operations of the service (CreateBucket, HeadBucket, ListBuckets, …) are not
//! commands of a bucket: [`is_service_operation`] names them, and the endpoint answers them.
//!
//! Every use of the core's `Command` type in the codec is here (and outcomes are in
//! [`response`](crate::response)), so that a change of the core's request types touches these
//! two modules only.

use bucket_versioning::request::{
    AbortBucketWorm, CompleteBucketWorm, ExtendBucketWorm, InitiateBucketWorm, PutObjectLegalHold,
    PutObjectLockConfiguration, PutObjectRetention,
};
use bucket_versioning::request::{
    AbortMultipartUpload, AppendObject, CompleteMultipartUpload, CompletedPart, CopyObject,
    DeleteBucketLifecycle, DeleteObject, DeleteObjectTagging, DeleteObjects, GetBucketLifecycle,
    GetBucketVersioning, GetObject, GetObjectMeta, GetObjectTagging, GetSymlink, HeadObject,
    InitiateMultipartUpload, ListMultipartUploads, ListObjectVersions, ListObjects, ListParts,
    ObjectIdentifier, PutBucketLifecycle, PutBucketVersioning, PutObject, PutObjectTagging,
    PutSymlink, SealAppendObject, UploadPart, UploadPartCopy,
};
use bucket_versioning::{
    Body, Command, Content, Dialect, ETag, ObjectKey, Tags, UploadId, VersionId, VersioningState,
};
use http::HeaderMap;

use crate::attributes::{Attributes, Directives};
use crate::conditions::WriteConditions;
use crate::copy_source::{CopySource, parse_copy_source_range};
use crate::dispatch::{DispatchError, Operation};
use crate::error::CodecError;
use crate::headers::{self, DialectHeaders};
use crate::lifecycle;
use crate::lock;
use crate::params;
use crate::percent;
use crate::query::Query;
use crate::xml::{
    self, Delete, ExtendWormConfiguration, InitiateWormConfiguration, LegalHold,
    LifecycleConfiguration, ObjectLockConfiguration, RequestBody, Retention, Tagging,
    VersioningConfiguration,
};

/// What the mapping needs to know about a request besides its body.
#[derive(Clone, Copy, Debug)]
pub struct RequestView<'a> {
    /// The endpoint's dialect.
    pub dialect: Dialect,
    /// The operation (http.md §1.3).
    pub operation: Operation,
    /// The bucket the request names.
    pub bucket: Option<&'a str>,
    /// The object key, for object operations.
    pub key: Option<&'a str>,
    /// The query without presign parameters.
    pub query: &'a Query,
    /// The request headers.
    pub headers: &'a HeaderMap,
    /// The versioning state of the bucket the request names (for `x-oss-forbid-overwrite`,
    /// which means something only in an Unversioned bucket, http.md §5.1).
    pub versioning: VersioningState,
}

/// The body of a request, in the form the mapping takes it.
#[derive(Clone, Copy, Debug)]
pub enum Payload<'a> {
    /// The fingerprint of an object body (PutObject, AppendObject, UploadPart): the endpoint
    /// keeps the bytes (http.md §11 Q1), the model the fingerprint (CT-1).
    Content(Content),
    /// The bytes of an XML document (or of no document).
    Bytes(&'a [u8]),
}

/// Whether `operation` is answered by the endpoint's registry of buckets rather than by a
/// bucket's model (http.md §4): CreateBucket, DeleteBucket, HeadBucket, GetBucketInfo,
/// GetBucketLocation, ListBuckets.
pub fn is_service_operation(operation: Operation) -> bool {
    matches!(
        operation,
        Operation::ListBuckets
            | Operation::CreateBucket
            | Operation::DeleteBucket
            | Operation::HeadBucket
            | Operation::GetBucketInfo
            | Operation::GetBucketLocation
    )
}

/// Whether `operation` needs the request body as an object's bytes (the endpoint stores them
/// and passes [`Payload::Content`]).
pub fn takes_object_body(operation: Operation) -> bool {
    matches!(
        operation,
        Operation::PutObject | Operation::AppendObject | Operation::UploadPart
    )
}

/// The command of a bucket operation.
///
/// # Errors
///
/// [`CodecError`] for a request that cannot be a command: an unreadable XML body (400
/// `MalformedXML`), a non-numeric position or part number (400 `InvalidArgument`), a copy
/// source that cannot be read, and every operation or option the model does not have yet (501
/// `NotImplemented`: lifecycle transitions, s3 delete conditions other than `If-Match`, …). Object
/// Lock and retention policies map through [`lock`]. A write's tags, content type, user
/// metadata and storage class, and a copy's directives, come from its headers
/// ([`attributes`](crate::attributes)); a write's or delete's conditions too
/// ([`WriteConditions`]), which the model judges
/// (CND-1..CND-7); lifecycle documents map through [`lifecycle`].
pub fn to_command(view: &RequestView<'_>, payload: Payload<'_>) -> Result<Command, CodecError> {
    let query = view.query;
    let names = DialectHeaders::of(view.dialect);
    let key = || ObjectKey::new(view.key.unwrap_or_default());
    let version_id = |name: &str| query.value(name).map(VersionId::new);
    Ok(match view.operation {
        Operation::PutBucketVersioning => {
            let config = VersioningConfiguration::from_xml(bytes(payload))?;
            if config
                .mfa_delete
                .as_deref()
                .is_some_and(|mfa| mfa.eq_ignore_ascii_case("Enabled"))
            {
                return Err(not_implemented("MfaDelete"));
            }
            // oss2 sends the literal `None` for an unset status, and a missing status is no
            // state either: the model refuses both (VS-2).
            Command::PutBucketVersioning(PutBucketVersioning::new(
                config.status.unwrap_or_default(),
            ))
        }
        Operation::GetBucketVersioning => Command::GetBucketVersioning(GetBucketVersioning::new()),
        Operation::PutObject => {
            refuse_write_options(view)?;
            if view.dialect == Dialect::S3 && view.headers.contains_key("x-amz-write-offset-bytes")
            {
                // S3 Express appends: the model's s3 dialect has none (APP-1).
                return Err(not_implemented("x-amz-write-offset-bytes"));
            }
            let attributes = Attributes::from_headers(view.dialect, view.headers)?;
            let (retention, legal_hold) = write_lock(view)?;
            let conditions = WriteConditions::from_headers(view.dialect, view.headers)?;
            Command::PutObject(PutObject {
                retention,
                legal_hold,
                if_match: conditions.if_match,
                if_none_match: conditions.if_none_match,
                forbid_overwrite: conditions.forbid_overwrite,
                tags: attributes.tags,
                content_type: attributes.content_type,
                metadata: attributes.metadata,
                storage_class: attributes.storage_class,
                ..PutObject::new(key(), content(payload))
            })
        }
        Operation::AppendObject => {
            let attributes = Attributes::from_headers(view.dialect, view.headers)?;
            Command::AppendObject(AppendObject {
                version_id: version_id(params::VERSION_ID),
                // TAG-1: the tags of an appendable the append creates.
                tags: attributes.tags,
                content_type: attributes.content_type,
                metadata: attributes.metadata,
                storage_class: attributes.storage_class,
                ..AppendObject::new(key(), number(query, params::POSITION)?, content(payload))
            })
        }
        Operation::SealAppendObject => Command::SealAppendObject(SealAppendObject::new(
            key(),
            number(query, params::POSITION)?,
        )),
        Operation::DeleteObject => {
            // CND-5: `If-Match` only; the other conditions of a delete have no rule.
            if view.dialect == Dialect::S3
                && (view.headers.contains_key(http::header::IF_NONE_MATCH)
                    || view
                        .headers
                        .contains_key("x-amz-if-match-last-modified-time")
                    || view.headers.contains_key("x-amz-if-match-size"))
            {
                return Err(not_implemented(
                    "conditional DeleteObject other than If-Match",
                ));
            }
            let conditions = WriteConditions::from_headers(view.dialect, view.headers)?;
            Command::DeleteObject(DeleteObject {
                version_id: version_id(params::VERSION_ID),
                bypass_governance: bypass_governance(view),
                if_match: conditions.if_match,
                ..DeleteObject::new(key())
            })
        }
        Operation::DeleteObjects => {
            let delete = Delete::from_xml(bytes(payload))?;
            // CND-5: an entry's `<ETag>` is its condition (the model decides per dialect).
            let objects: Vec<ObjectIdentifier> = delete
                .objects
                .into_iter()
                .map(|object| ObjectIdentifier {
                    version_id: object.version_id.map(VersionId::new),
                    etag: object.etag,
                    ..ObjectIdentifier::new(object.key)
                })
                .collect();
            Command::DeleteObjects(DeleteObjects {
                quiet: delete.quiet,
                // OL-4: the bypass header applies to every entry deleted by ID.
                bypass_governance: bypass_governance(view),
                ..DeleteObjects::new(objects)
            })
        }
        Operation::GetObject => Command::GetObject(GetObject {
            version_id: version_id(params::VERSION_ID),
            ..GetObject::new(key())
        }),
        Operation::HeadObject => Command::HeadObject(HeadObject {
            version_id: version_id(params::VERSION_ID),
            ..HeadObject::new(key())
        }),
        // GET-8: the version selected, never its body; a link's own metadata, not its
        // target's (SYM-4 is for GetObject and HeadObject only).
        Operation::GetObjectMeta | Operation::GetObjectAttributes => {
            Command::GetObjectMeta(GetObjectMeta {
                version_id: version_id(params::VERSION_ID),
                ..GetObjectMeta::new(key())
            })
        }
        Operation::PutSymlink => {
            refuse_write_options(view)?;
            // SYM-2: the target is URL-encoded (oss2 quotes it); a missing header is an empty
            // target, which the model refuses as a key (KEY-1).
            let target = view
                .headers
                .get(&headers::oss::SYMLINK_TARGET)
                .and_then(|value| value.to_str().ok())
                .unwrap_or_default();
            let target = percent::decode(target).map_err(|error| {
                invalid_argument(
                    headers::oss::SYMLINK_TARGET.as_str(),
                    target,
                    &error.to_string(),
                )
            })?;
            let attributes = Attributes::from_headers(view.dialect, view.headers)?;
            let conditions = WriteConditions::from_headers(view.dialect, view.headers)?;
            Command::PutSymlink(PutSymlink {
                forbid_overwrite: conditions.forbid_overwrite,
                tags: attributes.tags,
                content_type: attributes.content_type,
                metadata: attributes.metadata,
                storage_class: attributes.storage_class,
                ..PutSymlink::new(key(), target)
            })
        }
        Operation::GetSymlink => Command::GetSymlink(GetSymlink {
            version_id: version_id(params::VERSION_ID),
            ..GetSymlink::new(key())
        }),
        Operation::CopyObject => {
            refuse_write_options(view)?;
            let (source, source_bucket) = copy_source(view)?;
            // TAG-1, TAG-6: the request's attributes as sent; the directives decide.
            let directives = Directives::from_headers(view.dialect, view.headers)?;
            let attributes = Attributes::from_headers(view.dialect, view.headers)?;
            let (retention, legal_hold) = write_lock(view)?;
            // CND-1: `If-Match` / `If-None-Match` are the destination's (the source's are the
            // `x-*-copy-source-if-*` headers).
            let conditions = WriteConditions::from_headers(view.dialect, view.headers)?;
            Command::CopyObject(CopyObject {
                retention,
                legal_hold,
                if_match: conditions.if_match,
                if_none_match: conditions.if_none_match,
                forbid_overwrite: conditions.forbid_overwrite,
                source_version_id: source.version_id.map(VersionId::new),
                source_bucket,
                tagging_directive: directives.tagging,
                tags: attributes.tags,
                metadata_directive: directives.metadata,
                content_type: attributes.content_type,
                metadata: attributes.metadata,
                storage_class: attributes.storage_class,
                ..CopyObject::new(source.key, key())
            })
        }
        Operation::InitiateMultipartUpload => {
            refuse_write_options(view)?;
            let attributes = Attributes::from_headers(view.dialect, view.headers)?;
            // OL-2: the completed object's lock, asked for here as S3 takes it.
            let (retention, legal_hold) = write_lock(view)?;
            Command::InitiateMultipartUpload(InitiateMultipartUpload {
                retention,
                legal_hold,
                tags: attributes.tags,
                content_type: attributes.content_type,
                metadata: attributes.metadata,
                storage_class: attributes.storage_class,
                ..InitiateMultipartUpload::new(key())
            })
        }
        Operation::PutObjectTagging => {
            let document = Tagging::from_xml(bytes(payload))?;
            let tags = document
                .tag_set
                .tags
                .into_iter()
                .fold(Tags::new(), |tags, tag| tags.with(tag.key, tag.value));
            Command::PutObjectTagging(PutObjectTagging {
                version_id: version_id(params::VERSION_ID),
                ..PutObjectTagging::new(key(), tags)
            })
        }
        Operation::GetObjectTagging => Command::GetObjectTagging(GetObjectTagging {
            version_id: version_id(params::VERSION_ID),
            ..GetObjectTagging::new(key())
        }),
        Operation::DeleteObjectTagging => Command::DeleteObjectTagging(DeleteObjectTagging {
            version_id: version_id(params::VERSION_ID),
            ..DeleteObjectTagging::new(key())
        }),
        Operation::PutBucketLifecycle => {
            let document = LifecycleConfiguration::from_xml(bytes(payload))?;
            Command::PutBucketLifecycle(PutBucketLifecycle::new(lifecycle::from_xml(&document)?))
        }
        Operation::GetBucketLifecycle => Command::GetBucketLifecycle(GetBucketLifecycle::new()),
        Operation::DeleteBucketLifecycle => {
            Command::DeleteBucketLifecycle(DeleteBucketLifecycle::new())
        }
        Operation::UploadPartCopy => {
            // MPU-12: the source as CopyObject's (SVC-7 for another bucket), whole or a byte
            // range. The range's content is the endpoint's to add from its bytes: the request
            // carries none.
            let (source, source_bucket) = copy_source(view)?;
            let range = match view.headers.get(&names.copy_source_range) {
                None => None,
                Some(value) => Some(parse_copy_source_range(value.to_str().unwrap_or_default())?),
            };
            Command::UploadPartCopy(UploadPartCopy {
                source_bucket,
                source_version_id: source.version_id.map(VersionId::new),
                range,
                ..UploadPartCopy::new(
                    key(),
                    upload_id(query),
                    number(query, params::PART_NUMBER)?,
                    source.key,
                )
            })
        }
        Operation::UploadPart => Command::UploadPart(UploadPart::new(
            key(),
            upload_id(query),
            number(query, params::PART_NUMBER)?,
            content(payload),
        )),
        Operation::CompleteMultipartUpload => {
            refuse_write_options(view)?;
            if view.dialect == Dialect::Oss
                && view.headers.contains_key(&headers::oss::COMPLETE_ALL)
            {
                return Err(not_implemented("x-oss-complete-all"));
            }
            let document = xml::CompleteMultipartUpload::from_xml(bytes(payload))?;
            let parts: Vec<CompletedPart> = document
                .parts
                .iter()
                .map(|part| {
                    // A number outside u32 is outside 1..=10000 too: 0 stands for it, and the
                    // model refuses it like any other number out of range.
                    let number = u32::try_from(part.part_number).unwrap_or(0);
                    CompletedPart::new(number, ETag::new(part.unquoted_etag()))
                })
                .collect();
            let (retention, legal_hold) = write_lock(view)?;
            let conditions = WriteConditions::from_headers(view.dialect, view.headers)?;
            Command::CompleteMultipartUpload(CompleteMultipartUpload {
                retention,
                legal_hold,
                if_match: conditions.if_match,
                if_none_match: conditions.if_none_match,
                forbid_overwrite: conditions.forbid_overwrite,
                ..CompleteMultipartUpload::new(key(), upload_id(query), parts)
            })
        }
        Operation::AbortMultipartUpload => {
            Command::AbortMultipartUpload(AbortMultipartUpload::new(key(), upload_id(query)))
        }
        Operation::ListParts => Command::ListParts(ListParts {
            max_parts: optional_number(query, params::MAX_PARTS)?,
            part_number_marker: optional_number(query, params::PART_NUMBER_MARKER)?,
            ..ListParts::new(key(), upload_id(query))
        }),
        Operation::ListMultipartUploads => Command::ListMultipartUploads(ListMultipartUploads {
            prefix: text(query, params::PREFIX),
            delimiter: text(query, params::DELIMITER),
            key_marker: query.get(params::KEY_MARKER).map(ObjectKey::new),
            upload_id_marker: query.get(params::UPLOAD_ID_MARKER).map(UploadId::new),
            max_uploads: optional_number(query, params::MAX_UPLOADS)?,
        }),
        Operation::ListObjectVersions => Command::ListObjectVersions(ListObjectVersions {
            prefix: text(query, params::PREFIX),
            delimiter: text(query, params::DELIMITER),
            key_marker: text(query, params::KEY_MARKER),
            version_id_marker: query.get(params::VERSION_ID_MARKER).map(VersionId::new),
            max_keys: optional_number(query, params::MAX_KEYS)?,
        }),
        Operation::ListObjects => Command::ListObjects(ListObjects {
            prefix: text(query, params::PREFIX),
            delimiter: text(query, params::DELIMITER),
            marker: text(query, params::MARKER),
            max_keys: optional_number(query, params::MAX_KEYS)?,
        }),
        Operation::ListObjectsV2 => Command::ListObjects(ListObjects {
            prefix: text(query, params::PREFIX),
            delimiter: text(query, params::DELIMITER),
            marker: match query.get(params::CONTINUATION_TOKEN) {
                Some(token) => Some(decode_token(token)?),
                None => text(query, params::START_AFTER),
            },
            max_keys: optional_number(query, params::MAX_KEYS)?,
        }),
        Operation::PutObjectLockConfiguration => {
            let document = ObjectLockConfiguration::from_xml(bytes(payload))?;
            Command::PutObjectLockConfiguration(PutObjectLockConfiguration {
                default_retention: lock::default_retention_from_xml(&document)?,
            })
        }
        Operation::PutObjectRetention => {
            let retention = lock::retention_from_xml(&Retention::from_xml(bytes(payload))?)?;
            Command::PutObjectRetention(PutObjectRetention {
                version_id: version_id(params::VERSION_ID),
                bypass_governance: bypass_governance(view),
                ..PutObjectRetention::new(key(), retention.mode, retention.retain_until)
            })
        }
        Operation::PutObjectLegalHold => {
            let status = lock::legal_hold_from_xml(&LegalHold::from_xml(bytes(payload))?)?;
            Command::PutObjectLegalHold(PutObjectLegalHold {
                version_id: version_id(params::VERSION_ID),
                ..PutObjectLegalHold::new(key(), status)
            })
        }
        Operation::InitiateBucketWorm => {
            let document = InitiateWormConfiguration::from_xml(bytes(payload))?;
            Command::InitiateBucketWorm(InitiateBucketWorm::new(lock::worm_days(
                document.retention_period_in_days,
            )))
        }
        // MODEL: the model keeps one policy per bucket and no ID; `wormId` is not checked.
        Operation::CompleteBucketWorm => Command::CompleteBucketWorm(CompleteBucketWorm::new()),
        Operation::ExtendBucketWorm => {
            let document = ExtendWormConfiguration::from_xml(bytes(payload))?;
            Command::ExtendBucketWorm(ExtendBucketWorm::new(lock::worm_days(
                document.retention_period_in_days,
            )))
        }
        Operation::AbortBucketWorm => Command::AbortBucketWorm(AbortBucketWorm::new()),
        other => return Err(not_implemented(other.name())),
    })
}

/// The continuation token of ListObjectsV2 for the last key of a page (MODEL: base64url of the
/// key, http.md §5.7).
pub fn continuation_token(last_key: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(last_key.as_bytes())
}

fn decode_token(token: &str) -> Result<String, CodecError> {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(token.trim_end_matches('='))
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .ok_or_else(|| {
            invalid_argument(
                params::CONTINUATION_TOKEN,
                token,
                "not a token of this endpoint",
            )
        })
}

/// The copy-source header read (http.md §5.5), and the source's bucket when it is not the
/// request's own (SVC-7: the service's to find).
fn copy_source(view: &RequestView<'_>) -> Result<(CopySource, Option<String>), CodecError> {
    let header = view
        .headers
        .get(&DialectHeaders::of(view.dialect).copy_source)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let source = CopySource::parse(header)?;
    let source_bucket =
        (view.bucket != Some(source.bucket.as_str())).then(|| source.bucket.clone());
    Ok((source, source_bucket))
}

/// Options of writes that belong to rule families the model does not have yet: Object Lock
/// (OL, issue 16), `x-oss-forbid-overwrite` on Initiate and s3-style conditions on PutSymlink,
/// where no request field takes them.
fn refuse_write_options(view: &RequestView<'_>) -> Result<(), CodecError> {
    if view.operation == Operation::PutSymlink
        && (view.headers.contains_key(http::header::IF_MATCH)
            || view.headers.contains_key(http::header::IF_NONE_MATCH))
    {
        // The model's PutSymlink has no `if_match` / `if_none_match` field.
        return Err(not_implemented("If-Match / If-None-Match on PutSymlink"));
    }
    if view.dialect == Dialect::Oss
        && view.operation == Operation::InitiateMultipartUpload
        && view.versioning == VersioningState::Unversioned
        && view
            .headers
            .get(&headers::oss::FORBID_OVERWRITE)
            .is_some_and(|value| value.as_bytes().eq_ignore_ascii_case(b"true"))
    {
        // http.md §5.1: meaningful only in an Unversioned bucket; CND-6 names PutObject,
        // CopyObject, Complete and PutSymlink (the model's requests carry it), not Initiate,
        // where ignoring it would be a wrong success (the Complete carries it, CND-6).
        return Err(not_implemented("x-oss-forbid-overwrite (CND-6)"));
    }
    Ok(())
}

/// OL-2: the retention and legal hold an s3 write asks for (oss has no such headers).
fn write_lock(
    view: &RequestView<'_>,
) -> Result<
    (
        Option<bucket_versioning::lock::Retention>,
        Option<bucket_versioning::lock::LegalHoldStatus>,
    ),
    CodecError,
> {
    match view.dialect {
        Dialect::S3 => lock::write_lock(view.headers),
        Dialect::Oss => Ok((None, None)),
    }
}

/// OL-4, OL-6: `x-amz-bypass-governance-retention: true` on an s3 request.
fn bypass_governance(view: &RequestView<'_>) -> Option<bool> {
    match view.dialect {
        Dialect::S3 => lock::bypass_governance(view.headers),
        Dialect::Oss => None,
    }
}

fn bytes(payload: Payload<'_>) -> &[u8] {
    match payload {
        Payload::Bytes(bytes) => bytes,
        Payload::Content(_) => &[],
    }
}

fn content(payload: Payload<'_>) -> Body {
    match payload {
        Payload::Content(content) => Body::Fingerprint(content),
        Payload::Bytes(bytes) => Body::Fingerprint(Content::from_bytes(bytes)),
    }
}

fn upload_id(query: &Query) -> UploadId {
    UploadId::new(query.value(params::UPLOAD_ID).unwrap_or_default())
}

fn text(query: &Query, name: &str) -> Option<String> {
    query.get(name).map(str::to_owned)
}

fn number<T: core::str::FromStr>(query: &Query, name: &str) -> Result<T, CodecError> {
    let value = query.value(name).unwrap_or_default();
    value
        .parse()
        .map_err(|_| invalid_argument(name, value, "not a non-negative integer"))
}

fn optional_number<T: core::str::FromStr>(
    query: &Query,
    name: &str,
) -> Result<Option<T>, CodecError> {
    match query.get(name) {
        None => Ok(None),
        Some(_) => number(query, name).map(Some),
    }
}

fn invalid_argument(name: &str, value: &str, reason: &str) -> CodecError {
    CodecError::InvalidArgument {
        name: name.to_owned(),
        value: value.to_owned(),
        reason: reason.to_owned(),
    }
}

fn not_implemented(feature: &'static str) -> CodecError {
    CodecError::Dispatch(DispatchError::NotImplemented { feature })
}
