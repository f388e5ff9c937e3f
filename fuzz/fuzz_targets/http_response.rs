//! Arbitrary bytes as an HTTP/1.1 response, read by the client direction of the HTTP codec
//! (`bucket_versioning_http::client`) as the answer to one command of every kind and to every
//! service-level request, in both dialects. Nothing may panic (ERR-3); a response read as an
//! outcome is an outcome of the command's own kind.
//!
//! Bytes that are not an HTTP response at all (`httparse` refuses them, or `http` refuses a
//! status or header) never reach the codec: the client's HTTP stack refuses those itself.

#![no_main]

use bucket_versioning::outcome::Outcome;
use bucket_versioning::request::{
    AbortMultipartUpload, AppendObject, CompleteMultipartUpload, CompletedPart, CopyObject,
    DeleteObject, DeleteObjects, GetBucketVersioning, GetObject, HeadObject,
    InitiateMultipartUpload, ListMultipartUploads, ListObjectVersions, ListObjects, ListParts,
    ObjectIdentifier, PutBucketVersioning, PutObject, SealAppendObject, UploadPart,
};
use bucket_versioning::{Command, Dialect, ETag, VersionId};
use bucket_versioning_http::client::{Answer, Client, ServiceCommand};
use bytes::Bytes;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(response) = response(data) else {
        return;
    };
    let version = || VersionId::new("3c46670209694cf69727edafbc81ea37");
    let commands = [
        Command::PutBucketVersioning(PutBucketVersioning::new("Enabled")),
        Command::GetBucketVersioning(GetBucketVersioning::new()),
        Command::PutObject(PutObject::new("k", "body")),
        Command::AppendObject(AppendObject::new("k", 0, "body")),
        Command::SealAppendObject(SealAppendObject::new("k", 4)),
        Command::DeleteObject(DeleteObject::new("k").version_id(version())),
        Command::DeleteObjects(DeleteObjects::new(vec![
            ObjectIdentifier::new("k"),
            ObjectIdentifier::new("j").version_id(""),
        ])),
        Command::GetObject(GetObject::new("k").version_id(version())),
        Command::HeadObject(HeadObject::new("k")),
        Command::InitiateMultipartUpload(InitiateMultipartUpload::new("k")),
        Command::UploadPart(UploadPart::new("k", "u", 1, "part")),
        Command::CompleteMultipartUpload(CompleteMultipartUpload::new(
            "k",
            "u",
            vec![CompletedPart::new(1, ETag::new("E"))],
        )),
        Command::AbortMultipartUpload(AbortMultipartUpload::new("k", "u")),
        Command::ListParts(ListParts::new("k", "u").max_parts(2)),
        Command::ListMultipartUploads(ListMultipartUploads::new().max_uploads(2)),
        Command::CopyObject(CopyObject::new("src", "k").source_version_id(version())),
        Command::ListObjectVersions(ListObjectVersions::new().max_keys(2)),
        Command::ListObjects(ListObjects::new().max_keys(2)),
    ];
    let services = [
        ServiceCommand::ListBuckets,
        ServiceCommand::CreateBucket {
            bucket: "b".to_owned(),
        },
        ServiceCommand::DeleteBucket {
            bucket: "b".to_owned(),
        },
        ServiceCommand::GetBucketInfo {
            bucket: "b".to_owned(),
        },
    ];
    for dialect in [Dialect::Oss, Dialect::S3] {
        let client = Client::new(dialect, "127.0.0.1:9000");
        for command in &commands {
            if let Ok(Answer::Outcome(outcome)) = client.answer(command, &response) {
                assert!(
                    same_kind(command, &outcome),
                    "{command:?} read as {outcome:?}"
                );
            }
        }
        for command in &services {
            let _ = client.service_answer(command, &response);
        }
    }
});

/// Whether `outcome` is the kind of outcome `command` has.
fn same_kind(command: &Command, outcome: &Outcome) -> bool {
    matches!(
        (command, outcome),
        (
            Command::PutBucketVersioning(_) | Command::GetBucketVersioning(_),
            Outcome::Versioning(_)
        ) | (Command::PutObject(_), Outcome::PutObject(_))
            | (Command::AppendObject(_), Outcome::AppendObject(_))
            | (Command::SealAppendObject(_), Outcome::SealAppendObject(_))
            | (Command::DeleteObject(_), Outcome::DeleteObject(_))
            | (Command::DeleteObjects(_), Outcome::DeleteObjects(_))
            | (Command::GetObject(_), Outcome::GetObject(_))
            | (Command::HeadObject(_), Outcome::HeadObject(_))
            | (
                Command::InitiateMultipartUpload(_),
                Outcome::InitiateMultipartUpload(_)
            )
            | (Command::UploadPart(_), Outcome::UploadPart(_))
            | (
                Command::CompleteMultipartUpload(_),
                Outcome::CompleteMultipartUpload(_)
            )
            | (
                Command::AbortMultipartUpload(_),
                Outcome::AbortMultipartUpload(_)
            )
            | (Command::ListParts(_), Outcome::ListParts(_))
            | (
                Command::ListMultipartUploads(_),
                Outcome::ListMultipartUploads(_)
            )
            | (Command::CopyObject(_), Outcome::CopyObject(_))
            | (
                Command::ListObjectVersions(_),
                Outcome::ListObjectVersions(_)
            )
            | (Command::ListObjects(_), Outcome::ListObjects(_))
    )
}

/// The response `data` holds, as `httparse` reads it, with the rest as its body.
fn response(data: &[u8]) -> Option<http::Response<Bytes>> {
    let mut headers = [httparse::EMPTY_HEADER; 32];
    let mut parsed = httparse::Response::new(&mut headers);
    let httparse::Status::Complete(head_len) = parsed.parse(data).ok()? else {
        return None;
    };
    let mut builder = http::Response::builder().status(parsed.code?);
    for header in parsed.headers.iter() {
        builder = builder.header(header.name, header.value);
    }
    builder.body(Bytes::copy_from_slice(&data[head_len..])).ok()
}
