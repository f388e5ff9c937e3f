//! An error response → the violation it reports (http.md §3, §8).
//!
//! The decoder lists the violations the command could have met, each with its carried fields
//! taken from the response (the `<Error>` extras and headers of http.md §3.2) or, where the
//! response leaves them out, from the command itself (the status asked for, the key, the
//! upload, the number of objects); then keeps those whose code and status — the model's own
//! `Violation::code` and `Violation::http_status` — are the response's. Of several, the one
//! whose message or `ArgumentName` is the response's wins, else the first. None: the response
//! is an [`ErrorReply`].
//!
//! An s3 HEAD error has no body (http.md §3.1): its status and headers decide. A 404 is then
//! `NoSuchVersion` when the command names a version (GET-6), else `NoSuchKey` (GET-2, GET-3,
//! its delete-marker headers read); a missing bucket cannot be told from them and reads as
//! `NoSuchKey` (oss sends the `<Error>` in `x-oss-err` and has no such gap).

use base64::Engine as _;
use bucket_versioning::request::{
    AbortMultipartUpload, AppendObject, CompleteMultipartUpload, CopyObject, DeleteObject,
    DeleteObjectTagging, DeleteObjects, GetObject, GetObjectMeta, GetObjectTagging, GetSymlink,
    HeadObject, ListMultipartUploads, ListObjectVersions, ListObjects, ListParts,
    PutBucketVersioning, PutObject, PutObjectTagging, PutSymlink, SealAppendObject, UploadPart,
    UploadPartCopy,
};
use bucket_versioning::request::{ExtendBucketWorm, InitiateBucketWorm, PutObjectRetention};
use bucket_versioning::violation::{
    AccessDeniedReason, ArgumentError, BucketStateReason, InvalidRequestReason, MalformedXmlReason,
    PreconditionReason, UnsupportedCondition,
};
use bucket_versioning::{
    Body, Command, Dialect, ObjectKey, UploadId, VersionId, Violation, dialect::MAX_OBJECT_SIZE,
    outcome::DeleteError,
};
use bytes::Bytes;
use http::{HeaderMap, Response};

use super::{Answer, ServiceCommand};
use crate::dispatch::Operation;
use crate::error_response::{argument_extras, element, message};
use crate::headers::{self, DialectHeaders};
use crate::params;
use crate::xml;

/// An error response the client could not read as one of the model's violations.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErrorReply {
    /// The HTTP status.
    pub status: u16,
    /// `<Code>`; for a HEAD error without a body (s3), the status as text, as botocore reports
    /// it (http.md §3.1).
    pub code: String,
    /// `<Message>`, if there was one.
    pub message: String,
    /// `<RequestId>`, else the dialect's request-ID header.
    pub request_id: String,
    /// Every other child of `<Error>`, by name (`ArgumentName`, `EC`, `Key`, …).
    pub extras: Vec<(String, String)>,
}

/// What an error response says: its status, its `<Error>` (from the body, or oss `x-oss-err` on
/// HEAD), its headers.
pub(super) struct Refused {
    status: u16,
    code: Option<String>,
    message: Option<String>,
    request_id: Option<String>,
    extras: Vec<(String, String)>,
    headers: HeaderMap,
}

impl Refused {
    pub(super) fn read(response: &Response<Bytes>) -> Self {
        let headers = response.headers();
        let from_header = headers
            .get(&headers::oss::ERR)
            .and_then(|value| {
                base64::engine::general_purpose::STANDARD
                    .decode(value.as_bytes())
                    .ok()
            })
            .unwrap_or_default();
        let body: &[u8] = if response.body().is_empty() {
            &from_header
        } else {
            response.body()
        };
        let mut refused = Refused {
            status: response.status().as_u16(),
            code: None,
            message: None,
            request_id: None,
            extras: Vec::new(),
            headers: headers.clone(),
        };
        for (name, text) in children(body) {
            match name.as_str() {
                element::CODE => refused.code = Some(text),
                element::MESSAGE => refused.message = Some(text),
                element::REQUEST_ID => refused.request_id = Some(text),
                _ => refused.extras.push((name, text)),
            }
        }
        refused
    }

    fn extra(&self, name: &str) -> Option<&str> {
        self.extras
            .iter()
            .find(|(known, _)| known == name)
            .map(|(_, value)| value.as_str())
    }

    fn number<T: core::str::FromStr>(&self, name: &str) -> Option<T> {
        self.extra(name).and_then(|value| value.parse().ok())
    }

    fn header(&self, name: &http::HeaderName) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// The violation among `candidates` that this response reports, else the reply.
    fn pick(&self, dialect: Dialect, candidates: Vec<Violation>) -> Answer {
        let fitting: Vec<Violation> = candidates
            .into_iter()
            .filter(|candidate| {
                candidate.http_status() == self.status
                    && self
                        .code
                        .as_deref()
                        .is_none_or(|code| code == candidate.code())
            })
            .collect();
        let said = |candidate: &&Violation| {
            // The fixed message of the code, or the violation's own (batch entries carry that).
            let message_fits = self.message.as_deref().is_some_and(|said| {
                message(candidate.code()) == Some(said) || candidate.to_string() == said
            });
            let argument_fits = match candidate {
                Violation::InvalidArgument(argument) => argument_extras(argument)
                    .is_some_and(|(name, _)| self.extra(element::ARGUMENT_NAME) == Some(name)),
                _ => false,
            };
            message_fits || argument_fits
        };
        match fitting.iter().find(said).or(fitting.first()) {
            Some(violation) => Answer::Violation(violation.clone()),
            None => Answer::Error(self.reply(dialect)),
        }
    }

    fn reply(&self, dialect: Dialect) -> ErrorReply {
        ErrorReply {
            status: self.status,
            code: self.code.clone().unwrap_or_else(|| self.status.to_string()),
            message: self.message.clone().unwrap_or_default(),
            request_id: self
                .request_id
                .clone()
                .or_else(|| {
                    self.header(&DialectHeaders::of(dialect).request_id)
                        .map(str::to_owned)
                })
                .unwrap_or_default(),
            extras: self.extras.clone(),
        }
    }

    /// The delete-marker flag and version ID headers (GET-2, GET-5, RSP-3).
    fn marker_headers(&self, dialect: Dialect) -> (bool, Option<VersionId>) {
        let names = DialectHeaders::of(dialect);
        (
            self.header(&names.delete_marker)
                .is_some_and(|flag| flag.eq_ignore_ascii_case("true")),
            self.header(&names.version_id).map(VersionId::new),
        )
    }
}

/// The children of the `<Error>` document `body` as (name, text), by name; nothing for a body
/// that is not one (element order inside `<Error>` is not significant, http.md §3.2).
fn children(body: &[u8]) -> Vec<(String, String)> {
    xml::parse::<std::collections::BTreeMap<String, String>>(element::ERROR, body)
        .map(|children| children.into_iter().collect())
        .unwrap_or_default()
}

/// What a command names, for the violations that carry it.
#[derive(Default)]
struct Named<'a> {
    keys: Vec<&'a ObjectKey>,
    version_id: Option<&'a VersionId>,
    upload_id: Option<&'a UploadId>,
    body: Option<&'a Body>,
}

pub(super) fn of_command(dialect: Dialect, command: &Command, refused: &Refused) -> Answer {
    let mut named = Named::default();
    // The refusals of the command's own arguments (tags, metadata, lifecycle rules), exactly
    // as the model gives them.
    let mut candidates = super::probe::argument_violations(dialect, command);
    let argument = |error: ArgumentError| Violation::InvalidArgument(error);
    match command {
        Command::PutBucketVersioning(PutBucketVersioning { status, .. }) => {
            candidates.push(Violation::MalformedXml(
                MalformedXmlReason::VersioningStatus(status.clone()),
            ));
            candidates.push(Violation::IllegalVersioningConfiguration {
                status: status.clone(),
            });
        }
        Command::PutObject(PutObject {
            key,
            body,
            if_match,
            if_none_match,
            forbid_overwrite,
            ..
        }) => {
            named.keys.push(key);
            named.body = Some(body);
            candidates.extend(write_condition_candidates(
                if_match.is_some(),
                if_none_match.is_some(),
                *forbid_overwrite,
            ));
        }
        Command::AppendObject(AppendObject {
            key,
            body,
            version_id,
            ..
        }) => {
            named.keys.push(key);
            named.body = Some(body);
            if version_id.is_some() {
                candidates.push(argument(ArgumentError::VersionIdOnAppend));
            }
            candidates.push(Violation::NotImplemented {
                operation: Operation::AppendObject.name(),
            });
        }
        Command::SealAppendObject(SealAppendObject { key, .. }) => {
            named.keys.push(key);
            candidates.push(Violation::NotImplemented {
                operation: Operation::SealAppendObject.name(),
            });
        }
        Command::DeleteObject(DeleteObject {
            key,
            version_id,
            if_match,
            ..
        }) => {
            named.keys.push(key);
            named.version_id = version_id.as_ref();
            if if_match.is_some() {
                candidates.extend(delete_condition_candidates(version_id.is_some()));
            }
        }
        Command::PutObjectTagging(PutObjectTagging {
            key, version_id, ..
        })
        | Command::GetObjectTagging(GetObjectTagging {
            key, version_id, ..
        })
        | Command::DeleteObjectTagging(DeleteObjectTagging {
            key, version_id, ..
        })
        | Command::GetObject(GetObject {
            key, version_id, ..
        })
        | Command::HeadObject(HeadObject {
            key, version_id, ..
        }) => {
            named.keys.push(key);
            named.version_id = version_id.as_ref();
            // SYM-4: a link whose target is missing or a link itself.
            if let Some(target) = refused.extra(element::SYMLINK_TARGET) {
                candidates.push(Violation::SymlinkTargetNotExist {
                    target: ObjectKey::new(target),
                });
                candidates.push(Violation::InvalidTargetType {
                    target: ObjectKey::new(target),
                });
            }
        }
        Command::GetObjectMeta(GetObjectMeta {
            key, version_id, ..
        }) => {
            named.keys.push(key);
            named.version_id = version_id.as_ref();
        }
        Command::GetSymlink(GetSymlink {
            key, version_id, ..
        }) => {
            named.keys.push(key);
            named.version_id = version_id.as_ref();
            candidates.push(Violation::NotSymlink);
            candidates.push(Violation::NotImplemented {
                operation: Operation::GetSymlink.name(),
            });
        }
        Command::PutSymlink(PutSymlink {
            key,
            target,
            forbid_overwrite,
            ..
        }) => {
            named.keys.push(key);
            named.keys.push(target);
            candidates.extend(write_condition_candidates(false, false, *forbid_overwrite));
            candidates.push(Violation::NotImplemented {
                operation: Operation::PutSymlink.name(),
            });
        }
        Command::DeleteObjects(DeleteObjects { objects, .. }) => {
            candidates.push(Violation::MalformedXml(
                MalformedXmlReason::DeleteObjectCount(objects.len()),
            ));
        }
        Command::InitiateMultipartUpload(initiate) => named.keys.push(&initiate.key),
        Command::UploadPart(UploadPart {
            key,
            upload_id,
            part_number,
            body,
            ..
        }) => {
            named.keys.push(key);
            named.upload_id = Some(upload_id);
            named.body = Some(body);
            candidates.push(argument(ArgumentError::PartNumberOutOfRange(*part_number)));
        }
        Command::UploadPartCopy(UploadPartCopy {
            key,
            upload_id,
            part_number,
            source_key,
            source_version_id,
            range,
            ..
        }) => {
            named.keys.push(source_key);
            named.keys.push(key);
            named.upload_id = Some(upload_id);
            named.version_id = source_version_id.as_ref();
            candidates.push(argument(ArgumentError::PartNumberOutOfRange(*part_number)));
            // MPU-12: the source selected as CPY-1..CPY-3, CPY-5; the range inside it.
            candidates.push(Violation::InvalidRequest(
                InvalidRequestReason::CopySourceIsDeleteMarker,
            ));
            candidates.push(Violation::InvalidRequest(
                InvalidRequestReason::CopySourceIsAppendable,
            ));
            if let Some((first, last)) = *range {
                let size = refused.number(element::ACTUAL_OBJECT_SIZE).unwrap_or(0);
                candidates.push(Violation::InvalidRange { first, last, size });
                candidates.push(argument(ArgumentError::CopyRangeOutsideSource {
                    first,
                    last,
                    size,
                }));
                candidates.push(argument(ArgumentError::CopyRangeWithoutContent));
            }
        }
        Command::CompleteMultipartUpload(CompleteMultipartUpload {
            key,
            upload_id,
            if_match,
            if_none_match,
            forbid_overwrite,
            ..
        }) => {
            named.keys.push(key);
            named.upload_id = Some(upload_id);
            candidates.extend(write_condition_candidates(
                if_match.is_some(),
                if_none_match.is_some(),
                *forbid_overwrite,
            ));
            candidates.push(Violation::MalformedXml(MalformedXmlReason::NoParts));
        }
        Command::AbortMultipartUpload(AbortMultipartUpload { key, upload_id, .. }) => {
            named.keys.push(key);
            named.upload_id = Some(upload_id);
        }
        Command::ListParts(ListParts {
            key,
            upload_id,
            max_parts,
            ..
        }) => {
            named.keys.push(key);
            named.upload_id = Some(upload_id);
            if let Some(value) = max_parts {
                candidates.push(argument(ArgumentError::LimitOutOfRange {
                    name: params::MAX_PARTS,
                    value: *value,
                }));
            }
        }
        Command::ListMultipartUploads(ListMultipartUploads {
            max_uploads: Some(value),
            ..
        }) => {
            candidates.push(argument(ArgumentError::LimitOutOfRange {
                name: params::MAX_UPLOADS,
                value: *value,
            }));
        }
        Command::CopyObject(CopyObject {
            source_key,
            source_version_id,
            key,
            if_match,
            if_none_match,
            forbid_overwrite,
            ..
        }) => {
            named.keys.push(source_key);
            named.keys.push(key);
            named.version_id = source_version_id.as_ref();
            candidates.extend(write_condition_candidates(
                if_match.is_some(),
                if_none_match.is_some(),
                *forbid_overwrite,
            ));
            candidates.push(Violation::InvalidRequest(match dialect {
                Dialect::Oss => InvalidRequestReason::CopySourceIsAppendable,
                Dialect::S3 => InvalidRequestReason::CopySourceIsDeleteMarker,
            }));
            // TAG-6 (s3): a copy onto itself that changes nothing; same code, told apart by
            // the message.
            if dialect == Dialect::S3 && source_key == key {
                candidates.push(Violation::InvalidRequest(
                    InvalidRequestReason::CopyOntoItself,
                ));
            }
        }
        Command::ListObjectVersions(ListObjectVersions {
            version_id_marker,
            max_keys,
            ..
        }) => {
            if version_id_marker.is_some() {
                candidates.push(argument(ArgumentError::VersionIdMarkerWithoutKeyMarker));
            }
            if let Some(value) = max_keys {
                candidates.push(argument(ArgumentError::LimitOutOfRange {
                    name: params::MAX_KEYS,
                    value: *value,
                }));
            }
        }
        Command::ListObjects(ListObjects {
            max_keys: Some(value),
            ..
        }) => {
            candidates.push(argument(ArgumentError::LimitOutOfRange {
                name: params::MAX_KEYS,
                value: *value,
            }));
        }
        // LC-14: no configuration, in the dialect's code.
        Command::GetBucketLifecycle(_) => candidates.push(match dialect {
            Dialect::Oss => Violation::NoSuchLifecycle,
            Dialect::S3 => Violation::NoSuchLifecycleConfiguration,
        }),
        Command::PutObjectRetention(PutObjectRetention {
            key, version_id, ..
        })
        | Command::PutObjectLegalHold(bucket_versioning::request::PutObjectLegalHold {
            key,
            version_id,
            ..
        }) => {
            named.keys.push(key);
            named.version_id = version_id.as_ref();
        }
        _ => {}
    }
    candidates.extend(lock_candidates(command, refused));
    candidates.extend(object_candidates(dialect, &named, refused));
    candidates.push(Violation::NoSuchBucket {
        bucket: refused
            .extra(element::BUCKET_NAME)
            .unwrap_or_default()
            .to_owned(),
    });
    refused.pick(dialect, candidates)
}

/// The refusals a write's conditions can meet at the condition step (CND-3, CND-4, CND-6); the
/// dialect's refusal of a condition (CND-1, CND-6) is an argument check the probe gives, and
/// `NoSuchKey` (CND-4) is among every object command's candidates.
fn write_condition_candidates(
    if_match: bool,
    if_none_match: bool,
    forbid_overwrite: Option<bool>,
) -> Vec<Violation> {
    let mut candidates = Vec::new();
    if if_match {
        candidates.push(Violation::PreconditionFailed(
            PreconditionReason::ETagMismatch,
        ));
    }
    if if_none_match {
        candidates.push(Violation::PreconditionFailed(
            PreconditionReason::ObjectExists,
        ));
    }
    if forbid_overwrite == Some(true) {
        candidates.push(Violation::FileAlreadyExists);
    }
    candidates
}

/// The refusals of a delete's `if_match` (CND-5), and oss's refusal of it (CND-6), which the
/// probe cannot give for a batch entry.
fn delete_condition_candidates(by_version_id: bool) -> Vec<Violation> {
    let mut candidates = vec![
        Violation::PreconditionFailed(PreconditionReason::ETagMismatch),
        Violation::UnsupportedCondition(UnsupportedCondition::OssIfMatch),
    ];
    if by_version_id {
        candidates.push(Violation::PreconditionFailed(
            PreconditionReason::NotAnObjectVersion,
        ));
    }
    candidates
}

/// The violations of a command on an object, from what it names and the response carries.
fn object_candidates(dialect: Dialect, named: &Named<'_>, refused: &Refused) -> Vec<Violation> {
    let (delete_marker, header_version) = refused.marker_headers(dialect);
    let mut candidates = Vec::new();
    // s3 HEAD errors have no body: the status and headers decide, so the likelier comes first.
    let no_such_version = named.version_id.map(|asked| Violation::NoSuchVersion {
        version_id: refused
            .extra(element::VERSION_ID)
            .map_or_else(|| asked.clone(), VersionId::new),
    });
    if !delete_marker && let Some(violation) = no_such_version.clone() {
        candidates.push(violation);
    }
    candidates.push(Violation::NoSuchKey {
        delete_marker,
        version_id: header_version.clone(),
    });
    candidates.extend(no_such_version);
    if let Some(version_id) = header_version.or_else(|| named.version_id.cloned()) {
        candidates.push(Violation::MethodNotAllowed { version_id });
    }
    if let Some(version_id) = named.version_id {
        if version_id.is_empty() {
            candidates.push(Violation::InvalidArgument(ArgumentError::EmptyVersionId));
        }
        candidates.push(Violation::InvalidArgument(
            ArgumentError::VersionIdTooLong {
                size: version_id.len(),
            },
        ));
    }
    if let Some(next_position) = refused
        .header(&headers::oss::NEXT_APPEND_POSITION)
        .and_then(|text| text.parse().ok())
    {
        candidates.push(Violation::PositionNotEqualToLength { next_position });
    }
    candidates.push(Violation::ObjectNotAppendable);
    if let Some(upload_id) = named.upload_id {
        candidates.push(Violation::NoSuchUpload {
            upload_id: refused
                .extra(element::UPLOAD_ID)
                .map_or_else(|| upload_id.clone(), UploadId::new),
        });
        candidates.push(Violation::InvalidPartOrder);
        if let Some(part_number) = refused.number(element::PART_NUMBER) {
            candidates.push(Violation::InvalidPart { part_number });
            if let (Some(size), Some(min_size)) = (
                refused.number(element::PROPOSED_SIZE),
                refused.number(element::MIN_SIZE_ALLOWED),
            ) {
                candidates.push(Violation::EntityTooSmall {
                    part_number,
                    size,
                    min_size,
                });
            }
        }
    }
    if let Some(key) = refused.extra(element::KEY) {
        candidates.push(Violation::InvalidObjectName {
            key: ObjectKey::new(key),
        });
    }
    for key in &named.keys {
        candidates.push(Violation::InvalidObjectName {
            key: (*key).clone(),
        });
        if key.as_str().is_empty() {
            candidates.push(Violation::InvalidArgument(ArgumentError::EmptyKey));
        }
        let size = refused.number(element::SIZE).unwrap_or(key.as_str().len());
        candidates.push(Violation::KeyTooLong {
            size,
            max_size: refused
                .number(element::MAX_SIZE_ALLOWED)
                .unwrap_or(dialect.max_key_len()),
        });
    }
    if let Some(body) = named.body {
        let size = refused
            .number(element::PROPOSED_SIZE)
            .or_else(|| body.len().ok())
            .unwrap_or(0);
        let max_size = refused
            .number(element::MAX_SIZE_ALLOWED)
            .unwrap_or(MAX_OBJECT_SIZE);
        candidates.push(Violation::InlineDataTooLarge { size, max_size });
        candidates.push(Violation::EntityTooLarge { size, max_size });
    }
    candidates
}

pub(super) fn of_service(dialect: Dialect, command: &ServiceCommand, refused: &Refused) -> Answer {
    let bucket = match command {
        ServiceCommand::ListBuckets => String::new(),
        ServiceCommand::CreateBucket { bucket }
        | ServiceCommand::DeleteBucket { bucket }
        | ServiceCommand::GetBucketInfo { bucket } => bucket.clone(),
    };
    let bucket = refused
        .extra(element::BUCKET_NAME)
        .map_or(bucket, str::to_owned);
    let candidates = vec![
        Violation::NoSuchBucket {
            bucket: bucket.clone(),
        },
        Violation::InvalidBucketName {
            bucket: bucket.clone(),
        },
        Violation::BucketAlreadyExists {
            bucket: bucket.clone(),
        },
        Violation::BucketAlreadyOwnedByYou {
            bucket: bucket.clone(),
        },
        Violation::BucketNotEmpty { bucket },
    ];
    refused.pick(dialect, candidates)
}

/// A failed entry of a batch delete (BAT-4): its code and message, read as the violation the
/// same DeleteObject would get; `None` for a code no such violation has.
pub(super) fn of_batch_entry(dialect: Dialect, error: &xml::DeleteError) -> Option<DeleteError> {
    let key = ObjectKey::new(error.key.clone());
    let version_id = error.version_id.clone().map(VersionId::new);
    let named = Named {
        keys: vec![&key],
        version_id: version_id.as_ref(),
        upload_id: None,
        body: None,
    };
    let mut refused = Refused {
        status: 0,
        code: Some(error.code.clone()),
        message: Some(error.message.clone()),
        request_id: None,
        extras: Vec::new(),
        headers: HeaderMap::new(),
    };
    let mut candidates = object_candidates(dialect, &named, &refused);
    candidates.extend(delete_lock_candidates());
    // CND-5: an entry's ETag condition (the entry does not say whether it had one; the code
    // decides).
    candidates.extend(delete_condition_candidates(version_id.is_some()));
    // The entry has no status of its own: the candidate's code decides.
    let status = candidates
        .iter()
        .find(|candidate| candidate.code() == error.code)
        .map_or(0, Violation::http_status);
    refused.status = status;
    match refused.pick(dialect, candidates) {
        Answer::Violation(violation) => Some(DeleteError {
            key,
            version_id,
            violation,
        }),
        _ => None,
    }
}

/// OL-4, OL-7: why a delete by ID of a version is refused; told apart by the message.
fn delete_lock_candidates() -> Vec<Violation> {
    vec![
        Violation::AccessDenied(AccessDeniedReason::LegalHold),
        Violation::AccessDenied(AccessDeniedReason::ComplianceRetention),
        Violation::AccessDenied(AccessDeniedReason::GovernanceRetention),
        Violation::FileImmutable,
    ]
}

/// The refusals of Object Lock and retention policies (OL-1..OL-8) that `command` can meet,
/// each told apart by its code and message.
fn lock_candidates(command: &Command, refused: &Refused) -> Vec<Violation> {
    let not_enabled = Violation::InvalidRequest(InvalidRequestReason::ObjectLockNotEnabled);
    let state = |reason: BucketStateReason| Violation::InvalidBucketState(reason);
    let days = |days: u32| Violation::InvalidArgument(ArgumentError::WormDays(days));
    match command {
        Command::DeleteObject(_) => delete_lock_candidates(),
        // OL-2 (a lock asked for where there is no Object Lock), OL-7, OL-8.
        Command::PutObject(_)
        | Command::CopyObject(_)
        | Command::CompleteMultipartUpload(_)
        | Command::AppendObject(_)
        | Command::PutSymlink(_) => vec![not_enabled, Violation::FileImmutable],
        // OL-2: an upload's lock asked for where there is no Object Lock.
        Command::InitiateMultipartUpload(_) => vec![not_enabled],
        Command::PutBucketVersioning(_) => vec![
            state(BucketStateReason::SuspendWithLock),
            state(BucketStateReason::SuspendWithWorm),
        ],
        Command::PutObjectLockConfiguration(_) => vec![
            Violation::NotImplemented {
                operation: Operation::PutObjectLockConfiguration.name(),
            },
            Violation::InvalidArgument(ArgumentError::DefaultRetentionPeriod),
            state(BucketStateReason::LockNeedsEnabled),
        ],
        Command::PutObjectRetention(_) => vec![
            not_enabled,
            Violation::AccessDenied(AccessDeniedReason::ComplianceChange),
            Violation::AccessDenied(AccessDeniedReason::GovernanceChange),
        ],
        Command::PutObjectLegalHold(_) => vec![not_enabled],
        Command::InitiateBucketWorm(InitiateBucketWorm { days: asked, .. }) => vec![
            worm_not_implemented(Operation::InitiateBucketWorm),
            days(*asked),
            state(BucketStateReason::WormNeedsEnabledOrUnversioned),
            Violation::WormConfigurationLocked,
        ],
        Command::CompleteBucketWorm(_) => vec![
            worm_not_implemented(Operation::CompleteBucketWorm),
            Violation::NoSuchWormConfiguration,
            Violation::WormConfigurationLocked,
        ],
        Command::ExtendBucketWorm(ExtendBucketWorm { days: asked, .. }) => {
            let mut candidates = vec![
                worm_not_implemented(Operation::ExtendBucketWorm),
                days(*asked),
                Violation::NoSuchWormConfiguration,
                state(BucketStateReason::WormNotLocked),
            ];
            // The policy's days are in the message only: its last word (MODEL).
            if let Some(current) = refused
                .message
                .as_deref()
                .and_then(|message| message.rsplit(' ').next())
                .and_then(|word| word.parse().ok())
            {
                candidates.push(Violation::InvalidArgument(ArgumentError::WormNotLonger {
                    days: *asked,
                    current,
                }));
            }
            candidates
        }
        Command::AbortBucketWorm(_) => vec![
            worm_not_implemented(Operation::AbortBucketWorm),
            Violation::NoSuchWormConfiguration,
            Violation::WormConfigurationLocked,
        ],
        _ => Vec::new(),
    }
}

/// OL-7: a retention-policy operation in s3 (the model's and the dispatch's 501).
fn worm_not_implemented(operation: Operation) -> Violation {
    Violation::NotImplemented {
        operation: operation.name(),
    }
}
