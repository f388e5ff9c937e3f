//! The Object Lock and retention-policy reads the model answers as queries, not commands
//! (OL-1, OL-2, OL-7): GetObjectLockConfiguration, GetObjectRetention, GetObjectLegalHold,
//! GetBucketWorm; the lock headers of an s3 object read; the ID of a retention policy.

use bucket_versioning::{Bucket, Dialect};
use bucket_versioning_http::dispatch::Operation;
use bucket_versioning_http::error_response::{ErrorContext, ErrorResponse};
use bucket_versioning_http::headers;
use bucket_versioning_http::lock;
use bucket_versioning_http::response::{self, ResponseView};
use bucket_versioning_http::xml::ResponseBody;
use bytes::Bytes;
use http::{HeaderMap, HeaderValue, Response};

use super::refusal;
use super::state::Extras;

/// The answer to one of the lock reads, or `None` when `view.operation` is not one.
pub(super) fn read(
    view: &ResponseView<'_>,
    model: &Bucket,
    extras: Option<&Extras>,
    version_id: Option<&str>,
    context: &ErrorContext,
) -> Option<Response<Bytes>> {
    let dialect = view.dialect;
    let version = version_id.map(bucket_versioning::VersionId::new);
    let body = match view.operation {
        Operation::GetObjectLockConfiguration => match model.object_lock_configuration() {
            Some(configuration) => lock::configuration_to_xml(configuration).to_xml(dialect),
            None => {
                return Some(not_found(
                    "ObjectLockConfigurationNotFoundError",
                    "Object Lock configuration does not exist for this bucket",
                    view.bucket,
                    context,
                ));
            }
        },
        Operation::GetObjectRetention | Operation::GetObjectLegalHold => {
            let (retention, legal_hold) = match model.object_lock_of(view.key, version.as_ref()) {
                Ok(lock) => lock,
                Err(violation) => return Some(refusal(&violation, context)),
            };
            if view.operation == Operation::GetObjectLegalHold {
                lock::legal_hold_to_xml(legal_hold).to_xml(dialect)
            } else {
                match retention {
                    Some(retention) => lock::retention_to_xml(retention).to_xml(dialect),
                    None => {
                        return Some(not_found(
                            "NoSuchObjectLockConfiguration",
                            "The specified object does not have a ObjectLock configuration",
                            view.bucket,
                            context,
                        ));
                    }
                }
            }
        }
        Operation::GetBucketWorm => match model.get_bucket_worm() {
            Ok(worm) => {
                let created = worm_created(extras);
                lock::worm_to_xml(worm, lock::worm_id(view.bucket, created), created)
                    .to_xml(dialect)
            }
            Err(violation) => return Some(refusal(&violation, context)),
        },
        _ => return None,
    };
    let mut answer = response::empty(view);
    answer.headers_mut().insert(
        http::header::CONTENT_TYPE,
        HeaderValue::from_static("application/xml"),
    );
    *answer.body_mut() = body;
    Some(answer)
}

/// OL-2: adds the lock headers of an s3 object read of `key`'s version `version_id` in
/// `model` (nothing in a bucket without Object Lock, or on oss).
pub(super) fn add_read_headers(
    headers: &mut HeaderMap,
    model: &Bucket,
    key: &str,
    version_id: Option<&bucket_versioning::VersionId>,
) {
    if model.dialect() != Dialect::S3 || model.object_lock_configuration().is_none() {
        return;
    }
    if let Ok((retention, legal_hold)) = model.object_lock_of(key, version_id) {
        lock::add_read_headers(headers, retention, legal_hold);
    }
}

/// OL-7: the `x-oss-worm-id` of an InitiateBucketWorm's answer.
pub(super) fn add_worm_id(headers: &mut HeaderMap, bucket: &str, extras: Option<&Extras>) {
    let id = lock::worm_id(bucket, worm_created(extras));
    if let Ok(value) = HeaderValue::from_str(&id) {
        headers.insert(headers::oss::WORM_ID.clone(), value);
    }
}

/// When the bucket's policy was initiated; a state restored from a snapshot has lost it and
/// reads the bucket's creation (MODEL).
fn worm_created(extras: Option<&Extras>) -> u64 {
    extras.map_or(0, |extras| extras.worm_created.unwrap_or(extras.created))
}

fn not_found(
    code: &'static str,
    message: &str,
    bucket: &str,
    context: &ErrorContext,
) -> Response<Bytes> {
    ErrorResponse::bucket_error(404, code, message, bucket).into_response(context)
}
