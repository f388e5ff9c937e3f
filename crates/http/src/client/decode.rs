//! A response → the outcome of the command it answers (http.md §8), or to its violation
//! ([`violation`](super::violation)).

use bucket_versioning::outcome::{
    AbortMultipartUploadOutcome, AppendObjectOutcome, BucketInfo, BucketLifecycleChanged,
    BucketOutcome, BucketProtectionChanged, CompleteMultipartUploadOutcome, CopyObjectOutcome,
    DeleteObjectOutcome, DeleteObjectsOutcome, DeletedObject, GetBucketLifecycleOutcome,
    GetObjectMetaOutcome, GetObjectTaggingOutcome, GetSymlinkOutcome,
    InitiateMultipartUploadOutcome, ListBucketsOutcome, ListMultipartUploadsOutcome,
    ListObjectVersionsOutcome, ListObjectsOutcome, ListPartsOutcome, ListedObject, ListedVersion,
    ObjectLockOutcome, ObjectMeta, PartSummary, PutObjectOutcome, PutSymlinkOutcome,
    SealAppendObjectOutcome, TaggingOutcome, UploadPartCopyOutcome, UploadPartOutcome,
    UploadSummary, VersioningOutcome,
};
use bucket_versioning::request::{PutBucketVersioning, PutObject, UploadPart};
use bucket_versioning::{
    Body, Command, Dialect, ETag, Metadata, ObjectKey, ObjectType, Outcome, Tags, UploadId,
    VersionId, VersioningState,
};
use bytes::Bytes;
use http::header::{CONTENT_LENGTH, CONTENT_TYPE, ETAG, HeaderName, LAST_MODIFIED};
use http::{HeaderMap, Response};

use super::violation::{self, Refused};
use super::{Answer, ServiceCommand};
use crate::headers::{self, DialectHeaders};
use crate::lifecycle;
use crate::time;
use crate::xml::{
    self, BucketInfoDocument, CopyPartResult, DeleteResult, GetObjectAttributesResponse,
    InitiateMultipartUploadResult, LifecycleConfiguration, ListAllMyBucketsResult,
    ListBucketResult, ListMultipartUploadsResult, ListPartsResult, ListVersionsResult,
    ResponseBody, Tagging, VersionListEntry, VersioningConfiguration, XmlError,
};

/// A success response that is not the operation's.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// A header the operation's response carries is missing or unreadable.
    #[error("the response has no readable {0} header")]
    Header(&'static str),
    /// The body is not the operation's document.
    #[error("the response body is not the operation's document: {0}")]
    Body(#[from] XmlError),
    /// A value the model has no form for (a versioning status, an object type).
    #[error("the response names {0:?}, which the model has no form for")]
    Unknown(String),
    /// A status that is neither a success nor an error.
    #[error("the response status {0} is neither a success nor an error")]
    Status(u16),
}

pub(super) fn answer(
    dialect: Dialect,
    command: &Command,
    response: &Response<Bytes>,
) -> Result<Answer, DecodeError> {
    if let Some(refused) = refusal(response)? {
        return Ok(violation::of_command(dialect, command, &refused));
    }
    outcome(dialect, command, response).map(Answer::Outcome)
}

pub(super) fn service_answer(
    dialect: Dialect,
    command: &ServiceCommand,
    response: &Response<Bytes>,
) -> Result<Answer, DecodeError> {
    if let Some(refused) = refusal(response)? {
        return Ok(violation::of_service(dialect, command, &refused));
    }
    let body = response.body();
    Ok(Answer::Outcome(match command {
        ServiceCommand::ListBuckets => Outcome::ListBuckets(ListBucketsOutcome {
            buckets: ListAllMyBucketsResult::from_response_xml(body)?
                .buckets
                .into_iter()
                .map(|bucket| bucket.name)
                .collect(),
        }),
        ServiceCommand::CreateBucket { .. } | ServiceCommand::DeleteBucket { .. } => {
            Outcome::Bucket(BucketOutcome {})
        }
        ServiceCommand::GetBucketInfo { bucket } => {
            let status = match dialect {
                Dialect::Oss => {
                    BucketInfoDocument::from_response_xml(body)?
                        .bucket
                        .versioning
                }
                Dialect::S3 => VersioningConfiguration::from_response_xml(body)?.status,
            };
            Outcome::BucketInfo(BucketInfo {
                bucket: bucket.clone(),
                status: state(status.as_deref())?,
            })
        }
    }))
}

/// The error response's facts, or `None` for a success.
fn refusal(response: &Response<Bytes>) -> Result<Option<Refused>, DecodeError> {
    let status = response.status();
    if status.is_success() || status == http::StatusCode::NOT_MODIFIED {
        return Ok(None);
    }
    if status.is_client_error() || status.is_server_error() {
        return Ok(Some(Refused::read(response)));
    }
    Err(DecodeError::Status(status.as_u16()))
}

fn outcome(
    dialect: Dialect,
    command: &Command,
    response: &Response<Bytes>,
) -> Result<Outcome, DecodeError> {
    let wire = Wire {
        dialect,
        headers: response.headers(),
        names: DialectHeaders::of(dialect),
    };
    let body = response.body();
    Ok(match command {
        Command::PutBucketVersioning(PutBucketVersioning { status, .. }) => {
            // 200 with no body: the state asked for is the state in force (VS-2).
            Outcome::Versioning(VersioningOutcome {
                status: state(Some(status))?,
            })
        }
        Command::GetBucketVersioning(_) => Outcome::Versioning(VersioningOutcome {
            status: state(
                VersioningConfiguration::from_response_xml(body)?
                    .status
                    .as_deref(),
            )?,
        }),
        Command::PutObject(PutObject { body: sent, .. }) => Outcome::PutObject(PutObjectOutcome {
            version_id: wire.version_id(),
            etag: wire.etag()?,
            crc64: wire.crc64_or_sent(sent)?,
        }),
        Command::AppendObject(_) => Outcome::AppendObject(AppendObjectOutcome {
            version_id: wire.version_id(),
            next_position: wire
                .number(&headers::oss::NEXT_APPEND_POSITION)
                .ok_or(DecodeError::Header("x-oss-next-append-position"))?,
            crc64: wire.crc64()?,
            etag: wire.etag()?,
        }),
        Command::SealAppendObject(_) => Outcome::SealAppendObject(SealAppendObjectOutcome {
            version_id: wire.version_id(),
        }),
        Command::DeleteObject(_) => Outcome::DeleteObject(DeleteObjectOutcome {
            version_id: wire.version_id(),
            delete_marker: wire.delete_marker(),
        }),
        Command::DeleteObjects(_) => {
            if body.is_empty() {
                // oss, quiet, nothing failed (http.md §5.4).
                Outcome::DeleteObjects(DeleteObjectsOutcome {
                    deleted: Vec::new(),
                    errors: Vec::new(),
                })
            } else {
                let document = DeleteResult::from_response_xml(body)?;
                Outcome::DeleteObjects(DeleteObjectsOutcome {
                    deleted: document
                        .deleted
                        .into_iter()
                        .map(|deleted| DeletedObject {
                            key: ObjectKey::new(deleted.key),
                            version_id: deleted.version_id.map(VersionId::new),
                            delete_marker: deleted.delete_marker,
                            delete_marker_version_id: deleted
                                .delete_marker_version_id
                                .map(VersionId::new),
                        })
                        .collect(),
                    errors: document
                        .errors
                        .iter()
                        .map(|error| {
                            violation::of_batch_entry(dialect, error)
                                .ok_or_else(|| DecodeError::Unknown(error.code.clone()))
                        })
                        .collect::<Result<_, _>>()?,
                })
            }
        }
        Command::GetObject(_) => Outcome::GetObject(wire.object_meta()?),
        Command::HeadObject(_) => Outcome::HeadObject(wire.object_meta()?),
        Command::GetObjectMeta(_) => Outcome::GetObjectMeta(wire.get_object_meta(body)?),
        Command::PutSymlink(_) => Outcome::PutSymlink(PutSymlinkOutcome {
            version_id: wire.version_id(),
        }),
        Command::GetSymlink(_) => Outcome::GetSymlink(GetSymlinkOutcome {
            version_id: wire.version_id(),
            target: ObjectKey::new(
                wire.text(&headers::oss::SYMLINK_TARGET)
                    .and_then(|target| crate::percent::decode(target).ok())
                    .ok_or(DecodeError::Header("x-oss-symlink-target"))?,
            ),
        }),
        Command::InitiateMultipartUpload(_) => {
            Outcome::InitiateMultipartUpload(InitiateMultipartUploadOutcome {
                upload_id: UploadId::new(
                    InitiateMultipartUploadResult::from_response_xml(body)?.upload_id,
                ),
            })
        }
        Command::UploadPart(UploadPart { body: sent, .. }) => {
            Outcome::UploadPart(UploadPartOutcome {
                etag: wire.etag()?,
                crc64: wire.crc64_or_sent(sent)?,
            })
        }
        Command::UploadPartCopy(_) => Outcome::UploadPartCopy(UploadPartCopyOutcome {
            etag: match wire.etag() {
                Ok(etag) => etag,
                // botocore reads the `<CopyPartResult>`; the header is the oss form.
                Err(_) => ETag::new(CopyPartResult::from_response_xml(body)?.etag),
            },
            crc64: wire.crc64_or_zero()?,
            source_version_id: wire
                .text(&wire.names.copy_source_version_id)
                .map(VersionId::new),
        }),
        Command::CompleteMultipartUpload(_) => {
            Outcome::CompleteMultipartUpload(CompleteMultipartUploadOutcome {
                version_id: wire.version_id(),
                etag: wire.etag()?,
                crc64: wire.crc64_or_zero()?,
            })
        }
        Command::AbortMultipartUpload(_) => {
            Outcome::AbortMultipartUpload(AbortMultipartUploadOutcome {})
        }
        Command::ListParts(_) => {
            let document = ListPartsResult::from_response_xml(body)?;
            Outcome::ListParts(ListPartsOutcome {
                parts: document
                    .parts
                    .into_iter()
                    .map(|part| PartSummary {
                        part_number: part.part_number,
                        etag: ETag::new(part.etag),
                        size: part.size,
                    })
                    .collect(),
                is_truncated: document.is_truncated,
                next_part_number_marker: document
                    .is_truncated
                    .then_some(document.next_part_number_marker),
            })
        }
        Command::ListMultipartUploads(_) => {
            let document = ListMultipartUploadsResult::from_response_xml(body)?;
            Outcome::ListMultipartUploads(ListMultipartUploadsOutcome {
                uploads: document
                    .uploads
                    .into_iter()
                    .map(|upload| UploadSummary {
                        key: ObjectKey::new(upload.key),
                        upload_id: UploadId::new(upload.upload_id),
                    })
                    .collect(),
                common_prefixes: prefixes(document.common_prefixes),
                is_truncated: document.is_truncated,
                // Written empty when there is none (oss2 requires the elements).
                next_key_marker: non_empty(document.next_key_marker).map(ObjectKey::new),
                next_upload_id_marker: non_empty(document.next_upload_id_marker).map(UploadId::new),
            })
        }
        Command::CopyObject(_) => Outcome::CopyObject(CopyObjectOutcome {
            version_id: wire.version_id(),
            etag: wire.etag()?,
            crc64: wire.crc64_or_zero()?,
            source_version_id: wire
                .text(&wire.names.copy_source_version_id)
                .map(VersionId::new),
        }),
        Command::ListObjectVersions(_) => {
            let document = ListVersionsResult::from_response_xml(body)?;
            let entries = document
                .entries
                .into_iter()
                .map(|entry| match entry {
                    VersionListEntry::Version(version) => Ok(ListedVersion {
                        key: ObjectKey::new(version.key),
                        version_id: VersionId::new(version.version_id),
                        is_latest: version.is_latest,
                        delete_marker: false,
                        object_type: Some(
                            wire.object_type(version.object_type.as_deref(), &version.etag)?,
                        ),
                        size: Some(version.size),
                        etag: Some(ETag::new(version.etag)),
                        storage_class: Some(version.storage_class),
                        last_modified: version.last_modified,
                    }),
                    VersionListEntry::DeleteMarker(marker) => Ok(ListedVersion {
                        key: ObjectKey::new(marker.key),
                        version_id: VersionId::new(marker.version_id),
                        is_latest: marker.is_latest,
                        delete_marker: true,
                        object_type: None,
                        size: None,
                        etag: None,
                        storage_class: None,
                        last_modified: marker.last_modified,
                    }),
                })
                .collect::<Result<Vec<_>, DecodeError>>()?;
            Outcome::ListObjectVersions(ListObjectVersionsOutcome {
                entries,
                common_prefixes: prefixes(document.common_prefixes),
                is_truncated: document.is_truncated,
                next_key_marker: document.next_key_marker.and_then(non_empty),
                // oss writes an empty marker after a common prefix (http.md §5.7).
                next_version_id_marker: document
                    .next_version_id_marker
                    .and_then(non_empty)
                    .map(VersionId::new),
            })
        }
        Command::ListObjects(_) => {
            let document = ListBucketResult::from_response_xml(body)?;
            Outcome::ListObjects(ListObjectsOutcome {
                objects: document
                    .contents
                    .into_iter()
                    .map(|object| ListedObject {
                        key: ObjectKey::new(object.key),
                        // Not in `<Contents>` (see `observable`).
                        version_id: VersionId::NULL,
                        size: object.size,
                        etag: ETag::new(object.etag),
                        storage_class: object.storage_class,
                        last_modified: object.last_modified,
                    })
                    .collect(),
                common_prefixes: prefixes(document.common_prefixes),
                is_truncated: document.is_truncated,
                next_marker: document.next_marker.and_then(non_empty),
            })
        }
        Command::PutObjectTagging(_) => Outcome::PutObjectTagging(TaggingOutcome {
            version_id: wire.version_id(),
        }),
        Command::DeleteObjectTagging(_) => Outcome::DeleteObjectTagging(TaggingOutcome {
            version_id: wire.version_id(),
        }),
        Command::GetObjectTagging(_) => Outcome::GetObjectTagging(GetObjectTaggingOutcome {
            version_id: wire.version_id(),
            tags: Tagging::from_response_xml(body)?
                .tag_set
                .tags
                .into_iter()
                .fold(Tags::new(), |tags, tag| tags.with(tag.key, tag.value)),
        }),
        Command::PutBucketLifecycle(_) | Command::DeleteBucketLifecycle(_) => {
            Outcome::BucketLifecycleChanged(BucketLifecycleChanged {})
        }
        Command::GetBucketLifecycle(_) => {
            let document = LifecycleConfiguration::from_response_xml(body)?;
            Outcome::GetBucketLifecycle(GetBucketLifecycleOutcome {
                rules: lifecycle::from_xml(&document)
                    .map_err(|error| DecodeError::Unknown(error.to_string()))?,
            })
        }
        // OL-1, OL-7: no fields.
        Command::PutObjectLockConfiguration(_)
        | Command::InitiateBucketWorm(_)
        | Command::CompleteBucketWorm(_)
        | Command::ExtendBucketWorm(_)
        | Command::AbortBucketWorm(_) => {
            Outcome::BucketProtectionChanged(BucketProtectionChanged {})
        }
        // OL-2: the version's ID as a read reports it.
        Command::PutObjectRetention(_) | Command::PutObjectLegalHold(_) => {
            Outcome::ObjectLock(ObjectLockOutcome {
                version_id: wire.version_id(),
            })
        }
        other => return Err(DecodeError::Unknown(other.op().to_owned())),
    })
}

/// A response's headers, read in its dialect.
struct Wire<'a> {
    dialect: Dialect,
    headers: &'a HeaderMap,
    names: &'static DialectHeaders,
}

impl Wire<'_> {
    fn text(&self, name: &HeaderName) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    fn number(&self, name: &HeaderName) -> Option<u64> {
        self.text(name).and_then(|text| text.trim().parse().ok())
    }

    fn version_id(&self) -> Option<VersionId> {
        self.text(&self.names.version_id).map(VersionId::new)
    }

    fn delete_marker(&self) -> bool {
        self.text(&self.names.delete_marker)
            .is_some_and(|flag| flag.eq_ignore_ascii_case("true"))
    }

    fn etag(&self) -> Result<ETag, DecodeError> {
        self.text(&ETAG)
            .map(|etag| ETag::new(xml::strip_quotes(etag)))
            .ok_or(DecodeError::Header("ETag"))
    }

    /// oss `x-oss-hash-crc64ecma` (CT-1, CT-2).
    fn crc64(&self) -> Result<u64, DecodeError> {
        self.number(&headers::oss::HASH_CRC64ECMA)
            .ok_or(DecodeError::Header("x-oss-hash-crc64ecma"))
    }

    /// The CRC-64: oss from the header, s3 from the body sent (http.md §8).
    fn crc64_or_sent(&self, sent: &Body) -> Result<u64, DecodeError> {
        match self.dialect {
            Dialect::Oss => self.crc64(),
            Dialect::S3 => Ok(sent.content().map_or(0, |content| content.crc64())),
        }
    }

    /// The CRC-64: oss from the header, s3 not on the wire (0).
    fn crc64_or_zero(&self) -> Result<u64, DecodeError> {
        match self.dialect {
            Dialect::Oss => self.crc64(),
            Dialect::S3 => Ok(0),
        }
    }

    /// The type: oss as written, s3 from the ETag (CT-4: `-N` is multipart; no appendables).
    fn object_type(&self, written: Option<&str>, etag: &str) -> Result<ObjectType, DecodeError> {
        match (self.dialect, written) {
            (Dialect::Oss, Some(written)) => [
                ObjectType::Normal,
                ObjectType::Appendable,
                ObjectType::Multipart,
                ObjectType::Symlink,
            ]
            .into_iter()
            .find(|known| known.to_string() == written)
            .ok_or_else(|| DecodeError::Unknown(written.to_owned())),
            (Dialect::Oss, None) => Err(DecodeError::Header("x-oss-object-type")),
            (Dialect::S3, _) => Ok(type_from_etag(etag)),
        }
    }

    /// GetObject and HeadObject (GET-1, RSP-3, http.md §5.2).
    fn object_meta(&self) -> Result<ObjectMeta, DecodeError> {
        let etag = self.etag()?;
        let object_type = self.object_type(self.text(&headers::oss::OBJECT_TYPE), etag.as_str())?;
        Ok(ObjectMeta {
            version_id: self.version_id(),
            object_type,
            size: self
                .number(&CONTENT_LENGTH)
                .ok_or(DecodeError::Header("Content-Length"))?,
            crc64: self.crc64_or_zero()?,
            last_modified: self
                .text(&LAST_MODIFIED)
                .and_then(|date| time::parse_http_date(date).ok())
                .ok_or(DecodeError::Header("Last-Modified"))?,
            next_position: match self.dialect {
                Dialect::Oss => self.number(&headers::oss::NEXT_APPEND_POSITION),
                Dialect::S3 => None,
            },
            sealed: None,
            etag,
            // TAG-5: the version's content type, storage class and user metadata; a response
            // that leaves one out reports the dialect's default.
            content_type: self
                .text(&CONTENT_TYPE)
                .unwrap_or(self.dialect.default_content_type())
                .to_owned(),
            storage_class: self
                .text(&self.names.storage_class)
                .unwrap_or(self.dialect.default_storage_class())
                .to_owned(),
            metadata: self.metadata(),
        })
    }

    /// GetObjectMeta (oss, headers) and GetObjectAttributes (s3, the document), GET-8. What
    /// neither carries (content type, user metadata; oss: the storage class) reads as the
    /// dialect's default (see [`observable`](super::observable)).
    fn get_object_meta(&self, body: &Bytes) -> Result<GetObjectMetaOutcome, DecodeError> {
        let last_modified = self
            .text(&LAST_MODIFIED)
            .and_then(|date| time::parse_http_date(date).ok())
            .ok_or(DecodeError::Header("Last-Modified"))?;
        let mut outcome = GetObjectMetaOutcome {
            version_id: self.version_id(),
            etag: ETag::new(""),
            size: 0,
            last_modified,
            parts_count: None,
            next_position: None,
            content_type: self.dialect.default_content_type().to_owned(),
            metadata: Metadata::new(),
            storage_class: self.dialect.default_storage_class().to_owned(),
        };
        match self.dialect {
            Dialect::Oss => {
                outcome.etag = self.etag()?;
                outcome.size = self
                    .number(&CONTENT_LENGTH)
                    .ok_or(DecodeError::Header("Content-Length"))?;
                outcome.next_position = self.number(&headers::oss::NEXT_APPEND_POSITION);
            }
            Dialect::S3 => {
                let document = GetObjectAttributesResponse::from_response_xml(body)?;
                outcome.etag = ETag::new(xml::strip_quotes(
                    &document.etag.ok_or(DecodeError::Header("ETag"))?,
                ));
                outcome.size = document
                    .object_size
                    .ok_or(DecodeError::Header("ObjectSize"))?;
                outcome.parts_count = document.object_parts.map(|parts| parts.parts_count);
                if let Some(class) = document.storage_class {
                    outcome.storage_class = class;
                }
            }
        }
        Ok(outcome)
    }

    /// The user metadata headers (`x-oss-meta-*` / `x-amz-meta-*`, TAG-5).
    fn metadata(&self) -> Metadata {
        self.headers
            .iter()
            .filter_map(|(name, value)| {
                let name = name.as_str().strip_prefix(self.names.meta_prefix)?;
                Some((name, value.to_str().ok()?))
            })
            .fold(Metadata::new(), |metadata, (name, value)| {
                metadata.with(name, value)
            })
    }
}

/// The object type an s3 response implies: its ETag's part count (`-N`, CT-4) says Multipart,
/// else Normal (s3 has no appendables, APP-1). A copy keeps its source's ETag (CT-6), so a copy
/// of a multipart object reads as Multipart.
pub(super) fn type_from_etag(etag: &str) -> ObjectType {
    if etag.contains('-') {
        ObjectType::Multipart
    } else {
        ObjectType::Normal
    }
}

fn state(status: Option<&str>) -> Result<VersioningState, DecodeError> {
    match status {
        None => Ok(VersioningState::Unversioned),
        Some(status) => status
            .parse()
            .map_err(|_| DecodeError::Unknown(status.to_owned())),
    }
}

fn non_empty(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

fn prefixes(prefixes: Vec<xml::CommonPrefix>) -> Vec<String> {
    prefixes.into_iter().map(|prefix| prefix.prefix).collect()
}
