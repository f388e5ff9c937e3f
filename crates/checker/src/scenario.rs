//! The scenarios: the model's own generator (`bucket_versioning::strategies`), restricted to the
//! operations chosen and to what the codec puts on the wire.
//!
//! A scenario is a list of [`Template`]s. Each is resolved when its turn comes, against the
//! model as the run has made it (`strategies::Resolver`), so its version IDs, upload IDs,
//! positions, part lists and markers name what the model holds, and the endpoint gets them
//! through the ID mapping ([`crate::ids`]). Shrinking a scenario is shrinking the template list
//! (proptest's `vec` shrinking: fewer templates, simpler ones).

use bucket_versioning::strategies::{self, RangePick, Template};
use bucket_versioning::{Command, Dialect};
use proptest::collection::vec;
use proptest::prelude::*;

/// The operations the codec sends as REST requests (http.md §1.3): the default `--ops`. The
/// tagging operations (TAG-2..TAG-4), the lifecycle configuration's (LC-9, LC-14), the
/// symlinks' (SYM-1..SYM-4, s3 answering SYM-1's 501), GetObjectMeta (GET-8: oss
/// `HEAD ?objectMeta`, s3 GetObjectAttributes) and UploadPartCopy (MPU-12, whole-source copies
/// and refused ranges only: [`comparable`]) are among them, and the writes carry their
/// versions' attributes ([`on_the_wire_only`]).
pub const OPS: [&str; 28] = [
    "put_bucket_versioning",
    "get_bucket_versioning",
    "put_object",
    "append_object",
    "seal_append_object",
    "delete_object",
    "delete_objects",
    "get_object",
    "head_object",
    "copy_object",
    "initiate_multipart_upload",
    "upload_part",
    "complete_multipart_upload",
    "abort_multipart_upload",
    "list_parts",
    "list_multipart_uploads",
    "list_object_versions",
    "list_objects",
    "put_object_tagging",
    "get_object_tagging",
    "delete_object_tagging",
    "put_bucket_lifecycle",
    "get_bucket_lifecycle",
    "delete_bucket_lifecycle",
    "upload_part_copy",
    "put_symlink",
    "get_symlink",
    "get_object_meta",
];

/// The operations of [`OPS`] that only oss has: appendable objects (APP) and symlinks (SYM).
/// They are out of the s3 default ([`default_ops`]): an s3 endpoint (S3, moto) has no such
/// operations, so sending them would only report that. Name them in `--ops` to check how an s3
/// endpoint refuses them (this project's server answers as the model does: SYM-1's 501, APP's
/// refusal).
pub const OSS_ONLY: [&str; 4] = [
    "append_object",
    "seal_append_object",
    "put_symlink",
    "get_symlink",
];

/// The default operations in `dialect`: every operation of [`OPS`] in oss; those but
/// [`OSS_ONLY`] in s3.
pub fn default_ops(dialect: Dialect) -> Vec<String> {
    OPS.iter()
        .filter(|op| dialect == Dialect::Oss || !OSS_ONLY.contains(op))
        .map(|op| (*op).to_owned())
        .collect()
}

/// The name [`op_of`] gives every Object Lock and retention-policy template (OL-1..OL-8): which
/// operation one becomes depends on the dialect, and the family is never among [`OPS`] (so
/// never in a scenario): an s3 endpoint's Object Lock needs a bucket created with it (a case
/// creates a plain one), and locked versions or a locked retention policy would keep a case
/// from cleaning up its bucket.
pub const OBJECT_LOCK: &str = "object_lock";

/// The operation a template becomes (before the resolver may turn a part command with no upload
/// in progress into an InitiateMultipartUpload), or [`OBJECT_LOCK`] for the lock family.
pub fn op_of(template: &Template) -> &'static str {
    match template {
        Template::Ready(command) => command.op(),
        Template::AdvanceClock { .. } => "advance_clock",
        Template::PutObject { .. } => "put_object",
        Template::AppendObject { .. } => "append_object",
        Template::SealAppendObject { .. } => "seal_append_object",
        Template::DeleteObject { .. } => "delete_object",
        Template::DeleteObjects { .. } => "delete_objects",
        Template::GetObject { .. } => "get_object",
        Template::HeadObject { .. } => "head_object",
        Template::InitiateMultipartUpload { .. } => "initiate_multipart_upload",
        Template::UploadPart { .. } => "upload_part",
        Template::UploadPartCopy { .. } => "upload_part_copy",
        Template::CompleteMultipartUpload { .. } => "complete_multipart_upload",
        Template::AbortMultipartUpload { .. } => "abort_multipart_upload",
        Template::ListParts { .. } => "list_parts",
        Template::CopyObject { .. } => "copy_object",
        Template::PutObjectTagging { .. } => "put_object_tagging",
        Template::GetObjectTagging { .. } => "get_object_tagging",
        Template::DeleteObjectTagging { .. } => "delete_object_tagging",
        Template::ListObjectVersions { .. } => "list_object_versions",
        Template::ListObjects { .. } => "list_objects",
        Template::ListMultipartUploads { .. } => "list_multipart_uploads",
        Template::PutSymlink { .. } => "put_symlink",
        Template::GetSymlink { .. } => "get_symlink",
        Template::GetObjectMeta { .. } => "get_object_meta",
        Template::ReadPicked { head: true, .. } => "head_object",
        Template::ReadPicked { head: false, .. } => "get_object",
        Template::Lock(_) => OBJECT_LOCK,
    }
}

/// Scenarios of 1 to `max_steps` templates whose operations are among `ops`; without
/// `attributes`, their writes carry none ([`without_attributes`]).
pub fn scenario(
    ops: &[String],
    max_steps: usize,
    attributes: bool,
) -> BoxedStrategy<Vec<Template>> {
    let ops: Vec<String> = ops.to_vec();
    let template = strategies::template()
        .prop_filter("an operation not chosen", move |template| {
            ops.iter().any(|op| op == op_of(template))
        })
        .prop_filter("a ranged part copy", comparable)
        .prop_map(move |template| {
            if attributes {
                template
            } else {
                without_attributes(template)
            }
        })
        .boxed();
    vec(template, 1..=max_steps.max(1)).boxed()
}

/// Whether the endpoint's answer to `template` can be compared with the model's. Every template
/// can but an UploadPartCopy of a byte range that is not refused (MPU-12): the model keeps no
/// bytes, so the generator gives such a range its content (`r` repeated, of the range's
/// length) and the model's part takes that content's fingerprint, while the content is not
/// sent ([`on_the_wire`](bucket_versioning_http::client::on_the_wire)) and an endpoint copies
/// the source's real bytes: this project's server fingerprints the range's bytes from its
/// content-addressed store (MD5 and CRC-64 of the chunks), so the part's ETag (and the
/// completed object's) is the real bytes' and not the model's. A range content not of the
/// range's length, a range without content or content without a range are the model's own
/// refusals (MODEL), which no endpoint can see either. Whole-source copies (no range, or
/// [`RangePick::Whole`]) take the source's own fingerprint on both sides, and ranges outside
/// the source ([`RangePick::Past`], [`RangePick::Backwards`]) are refused on both.
pub fn comparable(template: &Template) -> bool {
    match template {
        Template::UploadPartCopy {
            range: Some(range), ..
        } => matches!(
            range,
            RangePick::Whole | RangePick::Past | RangePick::Backwards
        ),
        Template::Ready(Command::UploadPartCopy(copy)) => {
            copy.range.is_none() && copy.body.is_none()
        }
        _ => true,
    }
}

/// `template` with no tags, content type, user metadata, storage class or copy directives
/// (TAG-1, TAG-5, TAG-6): a write that gives its version the defaults, a copy that keeps its
/// source's.
pub fn without_attributes(mut template: Template) -> Template {
    match &mut template {
        Template::PutObject {
            tags,
            content_type,
            metadata,
            storage_class,
            ..
        }
        | Template::InitiateMultipartUpload {
            tags,
            content_type,
            metadata,
            storage_class,
            ..
        }
        | Template::PutSymlink {
            tags,
            content_type,
            metadata,
            storage_class,
            ..
        } => {
            *tags = None;
            *content_type = None;
            *metadata = None;
            *storage_class = None;
        }
        Template::AppendObject {
            tags,
            content_type,
            metadata,
            storage_class,
            ..
        } => {
            *tags = None;
            *content_type = None;
            *metadata = None;
            *storage_class = None;
        }
        Template::CopyObject {
            tagging_directive,
            tags,
            metadata_directive,
            content_type,
            metadata,
            storage_class,
            ..
        } => {
            *tagging_directive = None;
            *tags = None;
            *metadata_directive = None;
            *content_type = None;
            *metadata = None;
            *storage_class = None;
        }
        _ => {}
    }
    template
}

/// `command` without what the codec does not put on the wire (`EncodeError::NotMapped`,
/// `SuppliedVersionId`): supplied version IDs (ID-5), and in s3 `forbid_overwrite`, which has
/// no s3 header (CND-6). The model gets the same command. Conditions (CND-1..CND-5: `If-Match`,
/// `If-None-Match`, a batch entry's ETag, oss `x-oss-forbid-overwrite`), a write's tags,
/// content type, user metadata, storage class and a copy's directives (TAG-1, TAG-5, TAG-6) are
/// sent as generated.
pub fn on_the_wire_only(dialect: Dialect, mut command: Command) -> Command {
    let s3 = dialect == Dialect::S3;
    match &mut command {
        Command::PutObject(put) => {
            put.assign_version_id = None;
            if s3 {
                put.forbid_overwrite = None;
            }
        }
        Command::CopyObject(copy) if s3 => copy.forbid_overwrite = None,
        Command::CompleteMultipartUpload(complete) if s3 => complete.forbid_overwrite = None,
        Command::PutSymlink(symlink) if s3 => symlink.forbid_overwrite = None,
        Command::DeleteObject(delete) => delete.assign_version_id = None,
        _ => {}
    }
    command
}
