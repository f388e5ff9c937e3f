//! A command → its request (http.md §4, §5), with the method and discriminating flags of the
//! dispatch table's row for the command's operation.

use base64::Engine as _;
use bucket_versioning::request::{
    AppendObject, CompleteMultipartUpload, CopyObject, DeleteObject, DeleteObjectTagging,
    DeleteObjects, GetObject, GetObjectMeta, GetObjectTagging, GetSymlink, HeadObject,
    InitiateMultipartUpload, ListMultipartUploads, ListObjectVersions, ListObjects, ListParts,
    PutBucketLifecycle, PutBucketVersioning, PutObject, PutObjectTagging, PutSymlink,
    SealAppendObject, UploadPart, UploadPartCopy,
};
use bucket_versioning::request::{
    ExtendBucketWorm, InitiateBucketWorm, PutObjectLegalHold, PutObjectLockConfiguration,
    PutObjectRetention,
};
use bucket_versioning::{Body, Command, Dialect, ETag, ObjectKey, UploadId, VersionId};
use bytes::Bytes;
use http::header::{CONTENT_LENGTH, CONTENT_TYPE, HOST};
use http::{HeaderName, HeaderValue, Method};
use md5::{Digest, Md5};

use super::{Client, ServiceCommand, Style};
use crate::addressing::TargetKind;
use crate::attributes::{self, Attributes, Directives};
use crate::conditions::WriteConditions;
use crate::dispatch::{Answer, Operation, Row, TABLE, Verb, When};
use crate::headers::{self, DialectHeaders};
use crate::lifecycle;
use crate::lock;
use crate::params;
use crate::percent;
use crate::xml::{self, RequestBody, Tag, TagSet, Tagging, VersioningConfiguration};

/// The largest object body the client builds in memory: 1 GiB (the local endpoint's own
/// limit; the protocol's is 5 GiB, PUT-6).
pub const MAX_BODY: u64 = 1 << 30;

/// A command that has no request.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EncodeError {
    /// `AdvanceClock` and `RunLifecycle`: the endpoint's control API moves its clock and runs
    /// lifecycle, not a REST operation.
    #[error("{0} is not an operation of the REST API")]
    NotAnOperation(&'static str),
    /// An empty object key: `/{bucket}/` names the bucket (http.md §1.1).
    #[error("an empty key has no path")]
    EmptyKey,
    /// An empty copy-source key: the header would name no object (http.md §5.5).
    #[error("an empty source key has no copy-source header")]
    EmptySourceKey,
    /// A caller-supplied version ID (ID-5): no request field carries it.
    #[error("a supplied version ID (assign_version_id) has no wire form")]
    SuppliedVersionId,
    /// A caller-supplied upload ID (MPU-13): no request field carries it either; the server
    /// gives the ID.
    #[error("a supplied upload ID (assign_upload_id) has no wire form")]
    SuppliedUploadId,
    /// A body known only by its fingerprint, or larger than [`MAX_BODY`].
    #[error("the body has no bytes to send: {0}")]
    Body(&'static str),
    /// A command that this codec does not put on the wire yet: one of a rule family the
    /// dispatch table has no operation of the model for.
    #[error("{0} is not mapped to a request by this codec yet")]
    NotMapped(&'static str),
    /// A value that a header cannot carry as it is (TAG-5: a metadata name that is no HTTP
    /// token; a metadata value, content type, storage class or condition with a byte a header
    /// value cannot hold, or with white space at an end, which HTTP strips).
    #[error("{0} has no header form")]
    Header(&'static str),
}

/// What of `command` the codec does not map in `dialect` (see [`EncodeError::NotMapped`]).
fn unmapped(dialect: Dialect, command: &Command) -> Option<&'static str> {
    if dialect == Dialect::S3 && forbids_overwrite(command) {
        return Some(S3_FORBID_OVERWRITE);
    }
    if dialect == Dialect::Oss && has_lock_fields(command) {
        return Some(OBJECT_LOCK);
    }
    match command {
        Command::AdvanceClock(_) | Command::RunLifecycle(_) => None,
        other if operation(dialect, other).is_none() => Some(other.op()),
        _ => None,
    }
}

/// What [`EncodeError::NotMapped`] names for an s3 write carrying `forbid_overwrite`: oss's
/// `x-oss-forbid-overwrite` has no s3 header (CND-6; the model refuses `true` and ignores
/// `false` in s3, so no request is that command).
const S3_FORBID_OVERWRITE: &str = "forbid_overwrite in s3";

/// Whether `command` is a write carrying `forbid_overwrite` (CND-6).
fn forbids_overwrite(command: &Command) -> bool {
    match command {
        Command::PutObject(c) => c.forbid_overwrite.is_some(),
        Command::CopyObject(c) => c.forbid_overwrite.is_some(),
        Command::CompleteMultipartUpload(c) => c.forbid_overwrite.is_some(),
        Command::PutSymlink(c) => c.forbid_overwrite.is_some(),
        _ => false,
    }
}

/// What [`EncodeError::NotMapped`] names for an oss write or delete carrying a retention, a
/// legal hold or a governance bypass (OL-2, OL-4): oss has no header for them.
const OBJECT_LOCK: &str = "object lock fields";

/// Whether `command` carries a retention, a legal hold or a governance bypass (OL-2, OL-4):
/// s3 sends them as headers; oss has none, and sending the command without them would not be
/// the command the model runs.
fn has_lock_fields(command: &Command) -> bool {
    match command {
        Command::PutObject(c) => c.retention.is_some() || c.legal_hold.is_some(),
        Command::CopyObject(c) => c.retention.is_some() || c.legal_hold.is_some(),
        Command::CompleteMultipartUpload(c) => c.retention.is_some() || c.legal_hold.is_some(),
        Command::InitiateMultipartUpload(c) => c.retention.is_some() || c.legal_hold.is_some(),
        Command::DeleteObject(c) => c.bypass_governance.is_some(),
        Command::DeleteObjects(c) => c.bypass_governance.is_some(),
        Command::PutObjectRetention(c) => c.bypass_governance.is_some(),
        _ => false,
    }
}

/// The operation a command is sent as in `dialect` (http.md §1.3); `None` for `AdvanceClock`.
pub(crate) fn operation(dialect: Dialect, command: &Command) -> Option<Operation> {
    Some(match command {
        Command::PutBucketVersioning(_) => Operation::PutBucketVersioning,
        Command::GetBucketVersioning(_) => Operation::GetBucketVersioning,
        Command::PutObject(_) => Operation::PutObject,
        Command::AppendObject(_) => Operation::AppendObject,
        Command::SealAppendObject(_) => Operation::SealAppendObject,
        Command::DeleteObject(_) => Operation::DeleteObject,
        Command::DeleteObjects(_) => Operation::DeleteObjects,
        Command::GetObject(_) => Operation::GetObject,
        Command::HeadObject(_) => Operation::HeadObject,
        Command::InitiateMultipartUpload(_) => Operation::InitiateMultipartUpload,
        Command::UploadPart(_) => Operation::UploadPart,
        Command::UploadPartCopy(_) => Operation::UploadPartCopy,
        Command::CompleteMultipartUpload(_) => Operation::CompleteMultipartUpload,
        Command::AbortMultipartUpload(_) => Operation::AbortMultipartUpload,
        Command::ListParts(_) => Operation::ListParts,
        Command::ListMultipartUploads(_) => Operation::ListMultipartUploads,
        Command::CopyObject(_) => Operation::CopyObject,
        Command::ListObjectVersions(_) => Operation::ListObjectVersions,
        Command::ListObjects(_) => Operation::ListObjects,
        Command::PutObjectTagging(_) => Operation::PutObjectTagging,
        Command::GetObjectTagging(_) => Operation::GetObjectTagging,
        Command::DeleteObjectTagging(_) => Operation::DeleteObjectTagging,
        Command::PutBucketLifecycle(_) => Operation::PutBucketLifecycle,
        Command::GetBucketLifecycle(_) => Operation::GetBucketLifecycle,
        Command::DeleteBucketLifecycle(_) => Operation::DeleteBucketLifecycle,
        // SYM-1: sent in s3 too (as oss sends it), where the dispatch answers 501.
        Command::PutSymlink(_) => Operation::PutSymlink,
        Command::GetSymlink(_) => Operation::GetSymlink,
        // GET-8: oss GetObjectMeta, s3 GetObjectAttributes.
        Command::GetObjectMeta(_) => match dialect {
            Dialect::Oss => Operation::GetObjectMeta,
            Dialect::S3 => Operation::GetObjectAttributes,
        },
        // OL-1: sent in oss too, where the dispatch answers 501 as the model does; OL-7 the
        // other way round. A retention or legal hold has no oss form: the model answers
        // `InvalidRequest` there, the dispatch 501, so the client does not send them.
        Command::PutObjectLockConfiguration(_) => Operation::PutObjectLockConfiguration,
        Command::PutObjectRetention(_) if dialect == Dialect::S3 => Operation::PutObjectRetention,
        Command::PutObjectLegalHold(_) if dialect == Dialect::S3 => Operation::PutObjectLegalHold,
        Command::InitiateBucketWorm(_) => Operation::InitiateBucketWorm,
        Command::CompleteBucketWorm(_) => Operation::CompleteBucketWorm,
        Command::ExtendBucketWorm(_) => Operation::ExtendBucketWorm,
        Command::AbortBucketWorm(_) => Operation::AbortBucketWorm,
        _ => return None,
    })
}

/// The first row of the table that answers `operation` in `dialect`, or that names it as not
/// implemented there (the request is then sent as the other dialect sends it, and refused).
fn row(dialect: Dialect, operation: Operation) -> Option<&'static Row> {
    TABLE.iter().find(|row| {
        let answer = match dialect {
            Dialect::Oss => row.oss,
            Dialect::S3 => row.s3,
        };
        match answer {
            Answer::Op(op) => op == operation,
            Answer::NotImplemented(feature) => feature == operation.name(),
        }
    })
}

/// A request being built.
struct Draft<'a> {
    client: &'a Client,
    method: Method,
    bucket: Option<&'a str>,
    key: Option<&'a str>,
    query: Vec<(&'static str, Option<String>)>,
    headers: Vec<(HeaderName, String)>,
    body: Bytes,
    copy_source: bool,
}

impl<'a> Draft<'a> {
    fn new(client: &'a Client, operation: Operation, bucket: Option<&'a str>) -> Self {
        let mut draft = Draft {
            client,
            method: Method::GET,
            bucket,
            key: None,
            query: Vec::new(),
            headers: Vec::new(),
            body: Bytes::new(),
            copy_source: false,
        };
        if let Some(row) = row(client.dialect, operation) {
            draft.method = match row.verb {
                Verb::Get => Method::GET,
                Verb::Head => Method::HEAD,
                Verb::Put => Method::PUT,
                Verb::Post => Method::POST,
                Verb::Delete => Method::DELETE,
            };
            if row.target == TargetKind::Service {
                draft.bucket = None;
            }
            match row.when {
                When::Always => {}
                When::Flag(name) => draft.flag(name),
                When::Flags(names) => names.iter().for_each(|name| draft.flag(name)),
                When::Param(name, value) => draft.set(name, Some(value.to_owned())),
                When::CopySource => draft.copy_source = true,
                When::FlagsAndCopySource(names) => {
                    names.iter().for_each(|name| draft.flag(name));
                    draft.copy_source = true;
                }
            }
        }
        draft
    }

    fn flag(&mut self, name: &'static str) {
        self.set(name, None);
    }

    /// Sets a parameter, replacing a flag of the same name.
    fn set(&mut self, name: &'static str, value: Option<String>) {
        match self.query.iter_mut().find(|(known, _)| *known == name) {
            Some(slot) => slot.1 = value,
            None => self.query.push((name, value)),
        }
    }

    /// Sets a parameter when the command has it; an empty text is absent (http.md §1.2).
    fn optional(&mut self, name: &'static str, value: Option<&str>) {
        if let Some(value) = value.filter(|value| !value.is_empty()) {
            self.set(name, Some(value.to_owned()));
        }
    }

    fn number(&mut self, name: &'static str, value: Option<impl ToString>) {
        if let Some(value) = value {
            self.set(name, Some(value.to_string()));
        }
    }

    fn object(&mut self, key: &'a str) -> Result<(), EncodeError> {
        if key.is_empty() {
            return Err(EncodeError::EmptyKey);
        }
        self.key = Some(key);
        Ok(())
    }

    fn document(&mut self, body: Bytes) {
        let md5 = base64::engine::general_purpose::STANDARD.encode(Md5::digest(&body));
        self.headers
            .push((HeaderName::from_static("content-md5"), md5));
        self.headers
            .push((CONTENT_TYPE, "application/xml".to_owned()));
        self.body = body;
    }

    /// Adds a write's attribute headers (TAG-1, TAG-5).
    fn attributes(&mut self, attributes: &Attributes) -> Result<(), EncodeError> {
        let headers =
            attributes::to_headers(self.client.dialect, attributes).map_err(EncodeError::Header)?;
        self.headers.extend(headers);
        Ok(())
    }

    /// Adds a write's or delete's condition headers (CND-1, CND-5, CND-6).
    fn conditions(&mut self, conditions: &WriteConditions) -> Result<(), EncodeError> {
        let headers = conditions
            .to_headers(self.client.dialect)
            .map_err(EncodeError::Header)?;
        self.headers.extend(headers);
        Ok(())
    }

    /// The copy-source header (http.md §5.5): oss2 and the Go SDK v2 root the source at `/`,
    /// botocore does not.
    fn copy_source(
        &mut self,
        bucket: &str,
        key: &ObjectKey,
        version_id: Option<&VersionId>,
    ) -> Result<(), EncodeError> {
        if key.as_str().is_empty() {
            return Err(EncodeError::EmptySourceKey);
        }
        let root = match self.client.dialect {
            Dialect::Oss => "/",
            Dialect::S3 => "",
        };
        let mut source = format!(
            "{root}{}/{}",
            percent::encode_path(bucket),
            percent::encode_path(key.as_str())
        );
        if let Some(version_id) = version_id {
            source.push_str(&format!(
                "?{}={}",
                params::VERSION_ID,
                percent::encode_query_component(&version_id.to_string())
            ));
        }
        let name = DialectHeaders::of(self.client.dialect).copy_source.clone();
        self.headers.push((name, source));
        Ok(())
    }

    /// The key, part number and upload of an UploadPart or UploadPartCopy (MPU-2, MPU-12).
    fn part(
        &mut self,
        key: &'a ObjectKey,
        upload_id: &UploadId,
        part_number: u32,
    ) -> Result<(), EncodeError> {
        self.object(key.as_str())?;
        self.set(params::PART_NUMBER, Some(part_number.to_string()));
        self.set(params::UPLOAD_ID, Some(upload_id.to_string()));
        Ok(())
    }

    /// The lock headers of an s3 write (OL-2).
    fn lock(
        &mut self,
        retention: Option<&bucket_versioning::lock::Retention>,
        legal_hold: Option<&bucket_versioning::lock::LegalHoldStatus>,
    ) -> Result<(), EncodeError> {
        if let Some(retention) = retention {
            self.headers.push((
                headers::s3::OBJECT_LOCK_MODE.clone(),
                lock::mode_name(retention.mode).to_owned(),
            ));
            self.headers.push((
                headers::s3::OBJECT_LOCK_RETAIN_UNTIL_DATE.clone(),
                iso_until(retention.retain_until)?,
            ));
        }
        if let Some(status) = legal_hold {
            self.headers.push((
                headers::s3::OBJECT_LOCK_LEGAL_HOLD.clone(),
                lock::legal_hold_name(*status).to_owned(),
            ));
        }
        Ok(())
    }

    /// `x-amz-bypass-governance-retention: true` when the command sets it (OL-4, OL-6).
    fn bypass(&mut self, bypass_governance: Option<bool>) {
        if bypass_governance == Some(true) {
            self.headers.push((
                headers::s3::BYPASS_GOVERNANCE_RETENTION.clone(),
                "true".to_owned(),
            ));
        }
    }

    /// Names the version of a tagging request.
    fn version(&mut self, version_id: Option<&VersionId>) {
        if let Some(version_id) = version_id {
            self.set(params::VERSION_ID, Some(version_id.to_string()));
        }
    }

    fn finish(self) -> http::Request<Bytes> {
        let mut path = String::from("/");
        let mut host = self.client.host.clone();
        match (self.client.style, self.bucket) {
            (_, None) => {}
            (Style::Path, Some(bucket)) => {
                path.push_str(&percent::encode_path(bucket));
                if let Some(key) = self.key {
                    path.push('/');
                    path.push_str(&percent::encode_path(key));
                }
            }
            (Style::VirtualHost, Some(bucket)) => {
                host = format!("{bucket}.{host}");
                if let Some(key) = self.key {
                    path.push_str(&percent::encode_path(key));
                }
            }
        }
        let query: Vec<String> = self
            .query
            .iter()
            .map(|(name, value)| match value {
                None => (*name).to_owned(),
                Some(value) => format!("{name}={}", percent::encode_query_component(value)),
            })
            .collect();
        if !query.is_empty() {
            path.push('?');
            path.push_str(&query.join("&"));
        }
        let mut request = http::Request::new(self.body);
        *request.method_mut() = self.method;
        // Every part of the path and query is percent-encoded, so it is always a valid URI.
        *request.uri_mut() = path.parse().unwrap_or_default();
        let headers = request.headers_mut();
        if let Ok(value) = HeaderValue::from_str(&host) {
            headers.insert(HOST, value);
        }
        // Appended, not inserted: a repeated metadata name is one header sent twice (TAG-5).
        for (name, value) in self.headers {
            if let Ok(value) = HeaderValue::from_str(&value) {
                headers.append(name, value);
            }
        }
        let length = request.body().len();
        if length > 0 || matches!(*request.method(), Method::PUT | Method::POST) {
            request
                .headers_mut()
                .insert(CONTENT_LENGTH, HeaderValue::from(length));
        }
        request
    }
}

pub(super) fn request(
    client: &Client,
    bucket: &str,
    command: &Command,
) -> Result<http::Request<Bytes>, EncodeError> {
    if let Some(what) = unmapped(client.dialect, command) {
        return Err(EncodeError::NotMapped(what));
    }
    let operation =
        operation(client.dialect, command).ok_or(EncodeError::NotAnOperation(command.op()))?;
    let names = DialectHeaders::of(client.dialect);
    let mut draft = Draft::new(client, operation, Some(bucket));
    match command {
        Command::PutBucketVersioning(PutBucketVersioning { status, .. }) => {
            let document = VersioningConfiguration {
                status: Some(status.clone()),
                mfa_delete: None,
            };
            draft.document(document.to_request_xml(client.dialect));
        }
        Command::GetBucketVersioning(_) => {}
        Command::PutObject(PutObject {
            key,
            body,
            assign_version_id,
            tags,
            content_type,
            metadata,
            storage_class,
            retention,
            legal_hold,
            if_match,
            if_none_match,
            forbid_overwrite,
            ..
        }) => {
            draft.object(key.as_str())?;
            refuse_supplied(assign_version_id.is_some())?;
            draft.lock(retention.as_ref(), legal_hold.as_ref())?;
            draft.conditions(&WriteConditions {
                if_match: if_match.clone(),
                if_none_match: if_none_match.clone(),
                forbid_overwrite: *forbid_overwrite,
            })?;
            draft.attributes(&Attributes {
                tags: tags.clone(),
                content_type: content_type.clone(),
                metadata: metadata.clone(),
                storage_class: storage_class.clone(),
            })?;
            draft.body = bytes_of(body)?;
        }
        Command::AppendObject(AppendObject {
            key,
            position,
            body,
            version_id,
            tags,
            content_type,
            metadata,
            storage_class,
        }) => {
            draft.object(key.as_str())?;
            draft.attributes(&Attributes {
                tags: tags.clone(),
                content_type: content_type.clone(),
                metadata: metadata.clone(),
                storage_class: storage_class.clone(),
            })?;
            draft.set(params::POSITION, Some(position.to_string()));
            if let Some(version_id) = version_id {
                draft.set(params::VERSION_ID, Some(version_id.to_string()));
            }
            draft.body = bytes_of(body)?;
        }
        Command::SealAppendObject(SealAppendObject { key, position, .. }) => {
            draft.object(key.as_str())?;
            draft.set(params::POSITION, Some(position.to_string()));
        }
        Command::DeleteObject(DeleteObject {
            key,
            version_id,
            assign_version_id,
            bypass_governance,
            if_match,
            ..
        }) => {
            draft.object(key.as_str())?;
            refuse_supplied(assign_version_id.is_some())?;
            draft.bypass(*bypass_governance);
            draft.conditions(&WriteConditions {
                if_match: if_match.clone(),
                ..WriteConditions::default()
            })?;
            if let Some(version_id) = version_id {
                draft.set(params::VERSION_ID, Some(version_id.to_string()));
            }
        }
        Command::DeleteObjects(DeleteObjects {
            objects,
            quiet,
            bypass_governance,
        }) => {
            draft.bypass(*bypass_governance);
            let document = xml::Delete {
                quiet: *quiet,
                objects: objects
                    .iter()
                    .map(|object| xml::ObjectIdentifier {
                        key: object.key.to_string(),
                        version_id: object.version_id.as_ref().map(ToString::to_string),
                        etag: object.etag.clone(),
                    })
                    .collect(),
            };
            draft.document(document.to_request_xml(client.dialect));
        }
        Command::GetObject(GetObject {
            key, version_id, ..
        })
        | Command::HeadObject(HeadObject {
            key, version_id, ..
        })
        | Command::GetSymlink(GetSymlink {
            key, version_id, ..
        }) => {
            draft.object(key.as_str())?;
            if let Some(version_id) = version_id {
                draft.set(params::VERSION_ID, Some(version_id.to_string()));
            }
        }
        Command::GetObjectMeta(GetObjectMeta {
            key, version_id, ..
        }) => {
            draft.object(key.as_str())?;
            draft.version(version_id.as_ref());
            if client.dialect == Dialect::S3 {
                // GET-8: every attribute the model reports (http.md §5.2).
                draft.headers.push((
                    headers::s3::OBJECT_ATTRIBUTES.clone(),
                    "ETag,ObjectParts,StorageClass,ObjectSize".to_owned(),
                ));
            }
        }
        Command::PutSymlink(PutSymlink {
            key,
            target,
            tags,
            content_type,
            metadata,
            storage_class,
            forbid_overwrite,
            ..
        }) => {
            draft.object(key.as_str())?;
            draft.conditions(&WriteConditions {
                forbid_overwrite: *forbid_overwrite,
                ..WriteConditions::default()
            })?;
            // SYM-2: URL-encoded as oss2 sends it (`quote(target, '')`).
            draft.headers.push((
                headers::oss::SYMLINK_TARGET.clone(),
                percent::encode_query_component(target.as_str()),
            ));
            draft.attributes(&Attributes {
                tags: tags.clone(),
                content_type: content_type.clone(),
                metadata: metadata.clone(),
                storage_class: storage_class.clone(),
            })?;
        }
        Command::InitiateMultipartUpload(InitiateMultipartUpload {
            key,
            tags,
            content_type,
            metadata,
            storage_class,
            assign_upload_id,
            retention,
            legal_hold,
        }) => {
            draft.object(key.as_str())?;
            if assign_upload_id.is_some() {
                return Err(EncodeError::SuppliedUploadId);
            }
            draft.lock(retention.as_ref(), legal_hold.as_ref())?;
            draft.attributes(&Attributes {
                tags: tags.clone(),
                content_type: content_type.clone(),
                metadata: metadata.clone(),
                storage_class: storage_class.clone(),
            })?;
        }
        Command::UploadPart(UploadPart {
            key,
            upload_id,
            part_number,
            body,
            ..
        }) => {
            draft.part(key, upload_id, *part_number)?;
            draft.body = bytes_of(body)?;
        }
        Command::UploadPartCopy(UploadPartCopy {
            key,
            upload_id,
            part_number,
            source_key,
            source_bucket,
            source_version_id,
            range,
            ..
        }) => {
            // MPU-12: the range's content is not sent; the endpoint takes it from its bytes.
            draft.part(key, upload_id, *part_number)?;
            draft.copy_source(
                source_bucket.as_deref().unwrap_or(bucket),
                source_key,
                source_version_id.as_ref(),
            )?;
            if let Some((first, last)) = range {
                draft.headers.push((
                    names.copy_source_range.clone(),
                    format!("bytes={first}-{last}"),
                ));
            }
        }
        Command::CompleteMultipartUpload(CompleteMultipartUpload {
            key,
            upload_id,
            parts,
            retention,
            legal_hold,
            if_match,
            if_none_match,
            forbid_overwrite,
            ..
        }) => {
            draft.object(key.as_str())?;
            draft.lock(retention.as_ref(), legal_hold.as_ref())?;
            draft.conditions(&WriteConditions {
                if_match: if_match.clone(),
                if_none_match: if_none_match.clone(),
                forbid_overwrite: *forbid_overwrite,
            })?;
            draft.set(params::UPLOAD_ID, Some(upload_id.to_string()));
            let document = xml::CompleteMultipartUpload {
                parts: parts
                    .iter()
                    .map(|part| xml::CompletedPart {
                        part_number: i64::from(part.part_number),
                        etag: part.etag.to_string(),
                    })
                    .collect(),
            };
            draft.document(document.to_request_xml(client.dialect));
        }
        Command::AbortMultipartUpload(abort) => {
            draft.object(abort.key.as_str())?;
            draft.set(params::UPLOAD_ID, Some(abort.upload_id.to_string()));
        }
        Command::ListParts(ListParts {
            key,
            upload_id,
            max_parts,
            part_number_marker,
            ..
        }) => {
            draft.object(key.as_str())?;
            draft.set(params::UPLOAD_ID, Some(upload_id.to_string()));
            draft.number(params::MAX_PARTS, *max_parts);
            draft.number(params::PART_NUMBER_MARKER, *part_number_marker);
        }
        Command::ListMultipartUploads(ListMultipartUploads {
            prefix,
            delimiter,
            key_marker,
            upload_id_marker,
            max_uploads,
            ..
        }) => {
            draft.optional(params::PREFIX, prefix.as_deref());
            draft.optional(params::DELIMITER, delimiter.as_deref());
            draft.optional(
                params::KEY_MARKER,
                key_marker.as_ref().map(|key| key.as_str()),
            );
            let upload_id_marker = upload_id_marker.as_ref().map(ToString::to_string);
            draft.optional(params::UPLOAD_ID_MARKER, upload_id_marker.as_deref());
            draft.number(params::MAX_UPLOADS, *max_uploads);
        }
        Command::CopyObject(CopyObject {
            source_bucket,
            source_key,
            source_version_id,
            key,
            tagging_directive,
            tags,
            metadata_directive,
            content_type,
            metadata,
            storage_class,
            retention,
            legal_hold,
            if_match,
            if_none_match,
            forbid_overwrite,
            ..
        }) => {
            draft.object(key.as_str())?;
            draft.conditions(&WriteConditions {
                if_match: if_match.clone(),
                if_none_match: if_none_match.clone(),
                forbid_overwrite: *forbid_overwrite,
            })?;
            draft.copy_source(
                source_bucket.as_deref().unwrap_or(bucket),
                source_key,
                source_version_id.as_ref(),
            )?;
            draft.lock(retention.as_ref(), legal_hold.as_ref())?;
            draft.headers.extend(attributes::directive_headers(
                client.dialect,
                Directives {
                    tagging: *tagging_directive,
                    metadata: *metadata_directive,
                },
            ));
            draft.attributes(&Attributes {
                tags: tags.clone(),
                content_type: content_type.clone(),
                metadata: metadata.clone(),
                storage_class: storage_class.clone(),
            })?;
        }
        Command::PutObjectTagging(PutObjectTagging {
            key,
            tags,
            version_id,
            ..
        }) => {
            draft.object(key.as_str())?;
            draft.version(version_id.as_ref());
            let document = Tagging {
                tag_set: TagSet {
                    tags: tags
                        .iter()
                        .map(|(key, value)| Tag {
                            key: key.to_owned(),
                            value: value.to_owned(),
                        })
                        .collect(),
                },
            };
            draft.document(document.to_request_xml(client.dialect));
        }
        Command::GetObjectTagging(GetObjectTagging {
            key, version_id, ..
        })
        | Command::DeleteObjectTagging(DeleteObjectTagging {
            key, version_id, ..
        }) => {
            draft.object(key.as_str())?;
            draft.version(version_id.as_ref());
        }
        Command::PutBucketLifecycle(PutBucketLifecycle { rules, .. }) => {
            let document = lifecycle::to_xml(client.dialect, rules);
            draft.document(document.to_request_xml(client.dialect));
        }
        Command::GetBucketLifecycle(_) | Command::DeleteBucketLifecycle(_) => {}
        Command::ListObjectVersions(ListObjectVersions {
            prefix,
            delimiter,
            key_marker,
            version_id_marker,
            max_keys,
            ..
        }) => {
            draft.optional(params::PREFIX, prefix.as_deref());
            draft.optional(params::DELIMITER, delimiter.as_deref());
            draft.optional(params::KEY_MARKER, key_marker.as_deref());
            let version_id_marker = version_id_marker.as_ref().map(ToString::to_string);
            draft.optional(params::VERSION_ID_MARKER, version_id_marker.as_deref());
            draft.number(params::MAX_KEYS, *max_keys);
        }
        Command::ListObjects(ListObjects {
            prefix,
            delimiter,
            marker,
            max_keys,
            ..
        }) => {
            draft.optional(params::PREFIX, prefix.as_deref());
            draft.optional(params::DELIMITER, delimiter.as_deref());
            draft.optional(params::MARKER, marker.as_deref());
            draft.number(params::MAX_KEYS, *max_keys);
        }
        Command::PutObjectLockConfiguration(PutObjectLockConfiguration {
            default_retention,
            ..
        }) => {
            let configuration = bucket_versioning::lock::ObjectLockConfiguration {
                default_retention: *default_retention,
            };
            let document = lock::configuration_to_xml(configuration);
            draft.document(document.to_request_xml(client.dialect));
        }
        Command::PutObjectRetention(PutObjectRetention {
            key,
            mode,
            retain_until,
            version_id,
            bypass_governance,
            ..
        }) => {
            draft.object(key.as_str())?;
            draft.version(version_id.as_ref());
            draft.bypass(*bypass_governance);
            let document = xml::Retention {
                mode: Some(lock::mode_name(*mode).to_owned()),
                retain_until_date: Some(iso_until(*retain_until)?),
            };
            draft.document(document.to_request_xml(client.dialect));
        }
        Command::PutObjectLegalHold(PutObjectLegalHold {
            key,
            status,
            version_id,
            ..
        }) => {
            draft.object(key.as_str())?;
            draft.version(version_id.as_ref());
            let document = xml::LegalHold {
                status: Some(lock::legal_hold_name(*status).to_owned()),
            };
            draft.document(document.to_request_xml(client.dialect));
        }
        Command::InitiateBucketWorm(InitiateBucketWorm { days, .. }) => {
            let document = xml::InitiateWormConfiguration {
                retention_period_in_days: i64::from(*days),
            };
            draft.document(document.to_request_xml(client.dialect));
        }
        // MODEL: the endpoint keeps one policy per bucket and does not check the ID, which the
        // command does not carry; the parameter is sent, as oss2 sends it, without a value.
        Command::CompleteBucketWorm(_) => {}
        Command::ExtendBucketWorm(ExtendBucketWorm { days, .. }) => {
            draft.flag(params::WORM_ID);
            let document = xml::ExtendWormConfiguration {
                retention_period_in_days: i64::from(*days),
            };
            draft.document(document.to_request_xml(client.dialect));
        }
        Command::AbortBucketWorm(_) => {}
        _ => return Err(EncodeError::NotAnOperation(command.op())),
    }
    Ok(draft.finish())
}

pub(super) fn service_request(client: &Client, command: &ServiceCommand) -> http::Request<Bytes> {
    let (operation, bucket) = match command {
        ServiceCommand::ListBuckets => (Operation::ListBuckets, None),
        ServiceCommand::CreateBucket { bucket } => (Operation::CreateBucket, Some(bucket)),
        ServiceCommand::DeleteBucket { bucket } => (Operation::DeleteBucket, Some(bucket)),
        ServiceCommand::GetBucketInfo { bucket } => (
            match client.dialect {
                Dialect::Oss => Operation::GetBucketInfo,
                Dialect::S3 => Operation::GetBucketVersioning,
            },
            Some(bucket),
        ),
    };
    Draft::new(client, operation, bucket.map(String::as_str)).finish()
}

/// The latest retain-until second ISO 8601's four-digit year can write (9999-12-31T23:59:59Z).
const LAST_ISO_SECOND: u64 = 253_402_300_799;

/// A retain-until date as the header and `<RetainUntilDate>` carry it (OL-2, OL-6).
fn iso_until(seconds: u64) -> Result<String, EncodeError> {
    if seconds > LAST_ISO_SECOND {
        return Err(EncodeError::Header(
            "a retain-until date after the year 9999",
        ));
    }
    Ok(crate::time::iso8601(seconds))
}

fn refuse_supplied(supplied: bool) -> Result<(), EncodeError> {
    if supplied {
        Err(EncodeError::SuppliedVersionId)
    } else {
        Ok(())
    }
}

/// The bytes of a body the model describes.
fn bytes_of(body: &Body) -> Result<Bytes, EncodeError> {
    let length = body
        .len()
        .map_err(|_| EncodeError::Body("its length overflows 64 bits"))?;
    if length > MAX_BODY {
        return Err(EncodeError::Body("it is larger than the client's 1 GiB"));
    }
    let mut out = Vec::with_capacity(usize::try_from(length).unwrap_or(0));
    write_body(body, &mut out)?;
    Ok(Bytes::from(out))
}

fn write_body(body: &Body, out: &mut Vec<u8>) -> Result<(), EncodeError> {
    match body {
        Body::Text(text) => out.extend_from_slice(text.as_bytes()),
        Body::Repeat { repeat, times } => {
            // The length was checked: an empty piece adds nothing, however often.
            for _ in 0..if repeat.is_empty() { 0 } else { *times } {
                out.extend_from_slice(repeat.as_bytes());
            }
        }
        Body::Concat { concat } => {
            for piece in concat {
                write_body(piece, out)?;
            }
        }
        _ => return Err(EncodeError::Body("it is known only by its fingerprint")),
    }
    Ok(())
}

/// `command` as a server reads it back from its request on `bucket` (http.md §1.2, §5): empty
/// listing parameters absent, Complete ETags without their quotes (MPU-5), bodies as their
/// fingerprint (CT-1), a copy from `bucket` itself without a source bucket. For a command the
/// client can send, the server's command is exactly this.
pub fn on_the_wire(bucket: &str, command: &Command) -> Command {
    let mut command = command.clone();
    let empty_is_absent = |text: &mut Option<String>| {
        if text.as_deref() == Some("") {
            *text = None;
        }
    };
    let fingerprint = |body: &mut Body| {
        if let Ok(content) = body.content() {
            *body = Body::Fingerprint(content);
        }
    };
    match &mut command {
        Command::PutObject(PutObject { body, metadata, .. })
        | Command::AppendObject(AppendObject { body, metadata, .. }) => {
            fingerprint(body);
            *metadata = attributes::on_the_wire(metadata.as_ref());
        }
        Command::UploadPart(UploadPart { body, .. }) => fingerprint(body),
        // MPU-12: no content on the wire; the endpoint adds a range's from its bytes.
        Command::UploadPartCopy(copy) => {
            copy.body = None;
            if copy.source_bucket.as_deref() == Some(bucket) {
                copy.source_bucket = None;
            }
        }
        Command::InitiateMultipartUpload(initiate) => {
            initiate.metadata = attributes::on_the_wire(initiate.metadata.as_ref());
        }
        Command::PutSymlink(link) => {
            link.metadata = attributes::on_the_wire(link.metadata.as_ref());
        }
        Command::PutBucketLifecycle(PutBucketLifecycle { rules, .. }) => {
            *rules = lifecycle::on_the_wire(rules);
        }
        Command::CompleteMultipartUpload(CompleteMultipartUpload { parts, .. }) => {
            for part in parts {
                part.etag = ETag::new(xml::strip_quotes(part.etag.as_str()));
            }
        }
        Command::CopyObject(copy) => {
            if copy.source_bucket.as_deref() == Some(bucket) {
                copy.source_bucket = None;
            }
            copy.metadata = attributes::on_the_wire(copy.metadata.as_ref());
        }
        Command::ListMultipartUploads(list) => {
            empty_is_absent(&mut list.prefix);
            empty_is_absent(&mut list.delimiter);
            if list
                .key_marker
                .as_ref()
                .is_some_and(|key| key.as_str().is_empty())
            {
                list.key_marker = None;
            }
            if list
                .upload_id_marker
                .as_ref()
                .is_some_and(|upload| upload.as_str().is_empty())
            {
                list.upload_id_marker = None;
            }
        }
        Command::ListObjectVersions(list) => {
            empty_is_absent(&mut list.prefix);
            empty_is_absent(&mut list.delimiter);
            empty_is_absent(&mut list.key_marker);
            if list
                .version_id_marker
                .as_ref()
                .is_some_and(VersionId::is_empty)
            {
                list.version_id_marker = None;
            }
        }
        Command::ListObjects(list) => {
            empty_is_absent(&mut list.prefix);
            empty_is_absent(&mut list.delimiter);
            empty_is_absent(&mut list.marker);
        }
        // OL-4, OL-6: only `true` has a header; a bypass that is off is no bypass.
        Command::DeleteObject(delete) if delete.bypass_governance == Some(false) => {
            delete.bypass_governance = None;
        }
        Command::DeleteObjects(delete) if delete.bypass_governance == Some(false) => {
            delete.bypass_governance = None;
        }
        Command::PutObjectRetention(retention) if retention.bypass_governance == Some(false) => {
            retention.bypass_governance = None;
        }
        _ => {}
    }
    command
}
