//! ERR-1 through the client direction: every violation a bucket command can meet, written as
//! the server writes it (http.md §3) for a request the client built, reads back as the same
//! violation with its carried fields — in both dialects where the dialect has it, for GET and
//! HEAD alike (an s3 HEAD error has no body: status and headers decide, GET-2..GET-6).

use bucket_versioning::request::{
    AbortMultipartUpload, AppendObject, CompleteMultipartUpload, CompletedPart, CopyObject,
    DeleteObject, DeleteObjects, GetObject, HeadObject, ListMultipartUploads, ListObjectVersions,
    ListObjects, ListParts, PutBucketVersioning, PutObject, SealAppendObject, UploadPart,
};
use bucket_versioning::violation::{ArgumentError, InvalidRequestReason, MalformedXmlReason};
use bucket_versioning::{Command, Dialect, ETag, VersionId, Violation};
use bucket_versioning_http::Codec;
use bucket_versioning_http::addressing::Addressing;
use bucket_versioning_http::client::{Answer, Client};
use bucket_versioning_http::error_response::ErrorResponse;

const HOST: &str = "127.0.0.1:9000";

fn version() -> VersionId {
    VersionId::new("3c46670209694cf69727edafbc81ea37")
}

/// The commands and violations of both dialects.
fn shared() -> Vec<(Command, Violation)> {
    let key = "a/b";
    let upload = || bucket_versioning::UploadId::new("0004B9894A22E5B1888A1E29F823AB00");
    let argument = Violation::InvalidArgument;
    let reads = |version_id: Option<VersionId>| {
        [
            Command::GetObject(GetObject {
                version_id: version_id.clone(),
                ..GetObject::new(key)
            }),
            Command::HeadObject(HeadObject {
                version_id,
                ..HeadObject::new(key)
            }),
        ]
    };
    let mut cases = Vec::new();
    for read in reads(None) {
        cases.push((
            read.clone(),
            Violation::NoSuchKey {
                delete_marker: false,
                version_id: None,
            },
        ));
        cases.push((
            read,
            Violation::NoSuchKey {
                delete_marker: true,
                version_id: Some(version()),
            },
        ));
    }
    for read in reads(Some(version())) {
        cases.push((
            read.clone(),
            Violation::NoSuchVersion {
                version_id: version(),
            },
        ));
        cases.push((
            read,
            Violation::MethodNotAllowed {
                version_id: version(),
            },
        ));
    }
    for read in reads(Some(VersionId::new(""))) {
        cases.push((read, argument(ArgumentError::EmptyVersionId)));
    }
    for read in reads(Some(VersionId::new("v".repeat(1025)))) {
        cases.push((
            read,
            argument(ArgumentError::VersionIdTooLong { size: 1025 }),
        ));
    }
    cases.extend([
        (
            Command::DeleteObjects(DeleteObjects::new(Vec::new())),
            Violation::MalformedXml(MalformedXmlReason::DeleteObjectCount(0)),
        ),
        (
            Command::CompleteMultipartUpload(CompleteMultipartUpload::new(key, upload(), [])),
            Violation::MalformedXml(MalformedXmlReason::NoParts),
        ),
        (
            Command::UploadPart(UploadPart::new(key, upload(), 0, "x")),
            argument(ArgumentError::PartNumberOutOfRange(0)),
        ),
        (
            Command::ListParts(ListParts::new(key, upload()).max_parts(0)),
            argument(ArgumentError::LimitOutOfRange {
                name: "max-parts",
                value: 0,
            }),
        ),
        (
            Command::ListMultipartUploads(ListMultipartUploads::new().max_uploads(1001)),
            argument(ArgumentError::LimitOutOfRange {
                name: "max-uploads",
                value: 1001,
            }),
        ),
        (
            Command::ListObjectVersions(ListObjectVersions::new().version_id_marker(version())),
            argument(ArgumentError::VersionIdMarkerWithoutKeyMarker),
        ),
        (
            Command::UploadPart(UploadPart::new(key, upload(), 1, "x")),
            Violation::NoSuchUpload {
                upload_id: upload(),
            },
        ),
        (
            Command::AbortMultipartUpload(AbortMultipartUpload::new(key, upload())),
            Violation::NoSuchUpload {
                upload_id: upload(),
            },
        ),
        (
            Command::ListParts(ListParts::new(key, upload())),
            Violation::NoSuchUpload {
                upload_id: upload(),
            },
        ),
        (
            Command::CompleteMultipartUpload(CompleteMultipartUpload::new(
                key,
                upload(),
                [
                    CompletedPart::new(2, ETag::new("E")),
                    CompletedPart::new(1, ETag::new("E")),
                ],
            )),
            Violation::InvalidPartOrder,
        ),
        (
            Command::CompleteMultipartUpload(CompleteMultipartUpload::new(
                key,
                upload(),
                [CompletedPart::new(2, ETag::new("E"))],
            )),
            Violation::InvalidPart { part_number: 2 },
        ),
        (
            Command::CompleteMultipartUpload(CompleteMultipartUpload::new(
                key,
                upload(),
                [
                    CompletedPart::new(1, ETag::new("E")),
                    CompletedPart::new(2, ETag::new("F")),
                ],
            )),
            Violation::EntityTooSmall {
                part_number: 1,
                size: 5,
                min_size: 102_400,
            },
        ),
        (
            Command::DeleteObject(DeleteObject::new(key)),
            Violation::NoSuchBucket {
                bucket: "bucket".to_owned(),
            },
        ),
        (
            Command::CopyObject(CopyObject::new("missing", key)),
            Violation::NoSuchKey {
                delete_marker: false,
                version_id: None,
            },
        ),
    ]);
    cases
}

/// The commands and violations of one dialect.
fn of_dialect(dialect: Dialect) -> Vec<(Command, Violation)> {
    let put = |key: &str| Command::PutObject(PutObject::new(key, "x"));
    let copy = Command::CopyObject(CopyObject::new("src", "dst").source_version_id(version()));
    match dialect {
        Dialect::Oss => vec![
            (
                Command::PutBucketVersioning(PutBucketVersioning::new("Disabled")),
                Violation::MalformedXml(MalformedXmlReason::VersioningStatus("Disabled".into())),
            ),
            (
                put("\\lead"),
                Violation::InvalidObjectName {
                    key: "\\lead".into(),
                },
            ),
            (
                Command::CopyObject(CopyObject::new("/lead", "dst")),
                Violation::InvalidObjectName {
                    key: "/lead".into(),
                },
            ),
            (
                put("k"),
                Violation::InlineDataTooLarge {
                    size: 6 << 30,
                    max_size: 5 << 30,
                },
            ),
            (
                Command::AppendObject(AppendObject {
                    version_id: Some(version()),
                    ..AppendObject::new("k", 0, "x")
                }),
                Violation::InvalidArgument(ArgumentError::VersionIdOnAppend),
            ),
            (
                Command::AppendObject(AppendObject::new("k", 3, "x")),
                Violation::PositionNotEqualToLength { next_position: 5 },
            ),
            (
                Command::SealAppendObject(SealAppendObject::new("k", 3)),
                Violation::ObjectNotAppendable,
            ),
            (
                Command::ListObjects(ListObjects::new().max_keys(0)),
                Violation::InvalidArgument(ArgumentError::LimitOutOfRange {
                    name: "max-keys",
                    value: 0,
                }),
            ),
            (
                copy,
                Violation::InvalidRequest(InvalidRequestReason::CopySourceIsAppendable),
            ),
        ],
        Dialect::S3 => vec![
            (
                Command::PutBucketVersioning(PutBucketVersioning::new("enabled")),
                Violation::IllegalVersioningConfiguration {
                    status: "enabled".into(),
                },
            ),
            (
                put(&"k".repeat(1025)),
                Violation::KeyTooLong {
                    size: 1025,
                    max_size: 1024,
                },
            ),
            (
                put("k"),
                Violation::EntityTooLarge {
                    size: 6 << 30,
                    max_size: 5 << 30,
                },
            ),
            (
                Command::AppendObject(AppendObject::new("k", 0, "x")),
                Violation::NotImplemented {
                    operation: "AppendObject",
                },
            ),
            (
                Command::SealAppendObject(SealAppendObject::new("k", 0)),
                Violation::NotImplemented {
                    operation: "SealAppendObject",
                },
            ),
            (
                copy,
                Violation::InvalidRequest(InvalidRequestReason::CopySourceIsDeleteMarker),
            ),
        ],
    }
}

// ERR-1, http.md §3.2, §8: each violation reads back from the response to the client's request.
#[test]
fn every_violation_reads_back_from_its_response() {
    for dialect in [Dialect::Oss, Dialect::S3] {
        let client = Client::new(dialect, HOST);
        let codec = Codec::new(dialect, Addressing::new(HOST));
        for (counter, (command, violation)) in
            (1u64..).zip(shared().into_iter().chain(of_dialect(dialect)))
        {
            let request = client.request("bucket", &command).expect("a request");
            let (parts, _) = request.into_parts();
            let context = codec.error_context(&parts, counter);
            let response =
                ErrorResponse::from_violation(&violation, &context).into_response(&context);
            assert_eq!(
                client.answer(&command, &response),
                Ok(Answer::Violation(violation.clone())),
                "{dialect} {} {command:?}",
                parts.method
            );
        }
    }
}

// http.md §3.1: an error whose code no violation of the command has is an unrecognised reply,
// never a guess: a NoSuchUpload to a GetObject, an EntityTooSmall without its fields.
#[test]
fn a_violation_that_does_not_fit_the_command_is_not_guessed() {
    for dialect in [Dialect::Oss, Dialect::S3] {
        let client = Client::new(dialect, HOST);
        let codec = Codec::new(dialect, Addressing::new(HOST));
        let command = Command::GetObject(GetObject::new("k"));
        let (parts, _) = client
            .request("bucket", &command)
            .expect("a request")
            .into_parts();
        let context = codec.error_context(&parts, 1);
        let violation = Violation::NoSuchUpload {
            upload_id: bucket_versioning::UploadId::new("u"),
        };
        let response = ErrorResponse::from_violation(&violation, &context).into_response(&context);
        match client.answer(&command, &response) {
            Ok(Answer::Error(reply)) => {
                assert_eq!((reply.status, reply.code.as_str()), (404, "NoSuchUpload"));
            }
            other => panic!("{dialect}: {other:?}"),
        }
    }
}
