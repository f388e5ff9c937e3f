//! The client direction (http.md §8) against the server direction, both dialects, on the
//! model's own generated scenarios (`bucket_versioning::strategies`):
//!
//! - command → request → (server) command is the identity, up to what the wire reads as the
//!   same (`client::on_the_wire`); the commands the client refuses are exactly those with no
//!   request;
//! - outcome → (server) response → outcome is the identity up to what the wire carries
//!   (`client::observable`), and violation → response → violation is the identity (ERR-1: the
//!   carried fields are recoverable from the response);
//! - the service-level requests dispatch to their operations and read back.

use bucket_versioning::request::{
    AdvanceClock, GetObject, HeadObject, PutBucketVersioning, PutObject,
};
use bucket_versioning::{
    Body, Bucket, BucketConfig, Command, Content, Dialect, Outcome, Service, VersioningState,
    Violation, strategies,
};
use bucket_versioning_http::addressing::Addressing;
use bucket_versioning_http::client::{
    Answer, Client, EncodeError, ServiceCommand, Style, observable_answer, on_the_wire,
};
use bucket_versioning_http::dispatch::{DispatchError, Operation};
use bucket_versioning_http::error_response::ErrorResponse;
use bucket_versioning_http::request::{self, Payload, RequestView, takes_object_body};
use bucket_versioning_http::request_id::RequestId;
use bucket_versioning_http::response::{self, ResponseView};
use bucket_versioning_http::xml::{
    BucketInfo, BucketSummary, ListAllMyBucketsResult, ResponseBody, VersioningConfiguration,
};
use bucket_versioning_http::{Codec, CodecError};
use bytes::Bytes;
use http::{Request, Response};
use proptest::prelude::*;

const HOST: &str = "127.0.0.1:9000";
const BUCKET: &str = "bucket";

fn codec(dialect: Dialect) -> Codec {
    Codec::new(dialect, Addressing::new(HOST))
}

/// What the server direction reads from `request`.
fn server_command(
    dialect: Dialect,
    request: &Request<Bytes>,
    versioning: VersioningState,
) -> Result<Command, CodecError> {
    let (parts, body) = request.clone().into_parts();
    let head = codec(dialect).decode_head(&parts)?;
    let view = RequestView {
        dialect,
        operation: head.operation,
        bucket: head.target.bucket(),
        key: head.target.key(),
        query: &head.query,
        headers: &parts.headers,
        versioning,
    };
    let payload = if takes_object_body(head.operation) {
        Payload::Content(Content::from_bytes(&body))
    } else {
        Payload::Bytes(&body)
    };
    request::to_command(&view, payload)
}

/// The server direction's response to `request` for the model's `result`.
fn server_response(
    dialect: Dialect,
    request: &Request<Bytes>,
    command: &Command,
    result: &Result<Outcome, Violation>,
    counter: u64,
) -> Response<Bytes> {
    let (parts, _) = request.clone().into_parts();
    let codec = codec(dialect);
    let context = codec.error_context(&parts, counter);
    let head = match codec.decode_head(&parts) {
        Ok(head) => head,
        Err(error) => {
            return ErrorResponse::from_codec_error(&error, &context).into_response(&context);
        }
    };
    let request_id = RequestId::new(dialect, counter);
    let view = ResponseView {
        dialect,
        operation: head.operation,
        bucket: head.target.bucket().unwrap_or_default(),
        key: head.target.key().unwrap_or_default(),
        query: &head.query,
        request_id: &request_id,
        now: 0,
    };
    match result {
        Ok(outcome @ Outcome::DeleteObjects(_)) => {
            let quiet =
                matches!(command, Command::DeleteObjects(delete) if delete.quiet == Some(true));
            response::delete_objects_response(&view, outcome, quiet)
        }
        Ok(outcome) => response::to_response(&view, outcome),
        Err(violation) => {
            ErrorResponse::from_violation(violation, &context).into_response(&context)
        }
    }
}

/// OL-1, OL-7: the name of the other dialect's lock operation `command` is, if it is one: the
/// client sends it, and the server direction refuses it at dispatch (501 `NotImplemented`
/// naming the operation).
fn foreign_lock(dialect: Dialect, command: &Command) -> Option<&'static str> {
    match (dialect, command) {
        (Dialect::Oss, Command::PutObjectLockConfiguration(_)) => {
            Some("PutObjectLockConfiguration")
        }
        (Dialect::S3, Command::InitiateBucketWorm(_)) => Some("InitiateBucketWorm"),
        (Dialect::S3, Command::CompleteBucketWorm(_)) => Some("CompleteBucketWorm"),
        (Dialect::S3, Command::ExtendBucketWorm(_)) => Some("ExtendBucketWorm"),
        (Dialect::S3, Command::AbortBucketWorm(_)) => Some("AbortBucketWorm"),
        _ => None,
    }
}

/// Why the client may refuse `command`, if it may (the commands with no request).
fn unsendable(dialect: Dialect, command: &Command) -> Option<EncodeError> {
    let empty = |key: &bucket_versioning::ObjectKey| key.as_str().is_empty();
    // CND-6: s3 has no header for `forbid_overwrite` (the other conditions travel as headers in
    // both dialects).
    let forbid_overwrite = match command {
        Command::PutObject(c) => c.forbid_overwrite.is_some(),
        Command::CopyObject(c) => c.forbid_overwrite.is_some(),
        Command::CompleteMultipartUpload(c) => c.forbid_overwrite.is_some(),
        Command::PutSymlink(c) => c.forbid_overwrite.is_some(),
        _ => false,
    };
    if dialect == Dialect::S3 && forbid_overwrite {
        return Some(EncodeError::NotMapped("forbid_overwrite in s3"));
    }
    // OL-2, OL-4: oss has no header for a retention, a legal hold or a governance bypass.
    let lock_fields = match command {
        Command::PutObject(c) => c.retention.is_some() || c.legal_hold.is_some(),
        Command::CopyObject(c) => c.retention.is_some() || c.legal_hold.is_some(),
        Command::CompleteMultipartUpload(c) => c.retention.is_some() || c.legal_hold.is_some(),
        Command::InitiateMultipartUpload(c) => c.retention.is_some() || c.legal_hold.is_some(),
        Command::DeleteObject(c) => c.bypass_governance.is_some(),
        Command::DeleteObjects(c) => c.bypass_governance.is_some(),
        Command::PutObjectRetention(c) => c.bypass_governance.is_some(),
        _ => false,
    };
    if dialect == Dialect::Oss && lock_fields {
        return Some(EncodeError::NotMapped("object lock fields"));
    }
    // OL-2: a retention or legal hold request has no oss form (the model answers
    // `InvalidRequest`, an oss endpoint would know no such operation).
    if dialect == Dialect::Oss
        && matches!(
            command,
            Command::PutObjectRetention(_) | Command::PutObjectLegalHold(_)
        )
    {
        return Some(EncodeError::NotMapped(command.op()));
    }
    // OL-2, OL-6: ISO 8601 has four digits for the year.
    let late = |retention: Option<bucket_versioning::lock::Retention>| {
        retention.is_some_and(|retention| retention.retain_until > 253_402_300_799)
    };
    let too_late = match command {
        Command::PutObject(c) => late(c.retention),
        Command::CopyObject(c) => late(c.retention),
        Command::CompleteMultipartUpload(c) => late(c.retention),
        Command::PutObjectRetention(c) => c.retain_until > 253_402_300_799,
        _ => false,
    };
    if too_late {
        if let Command::PutObject(c) = command
            && c.key.as_str().is_empty()
        {
            return Some(EncodeError::EmptyKey);
        }
        return Some(EncodeError::Header(
            "a retain-until date after the year 9999",
        ));
    }
    Some(match command {
        Command::AdvanceClock(_) => EncodeError::NotAnOperation("advance_clock"),
        // LC-5: a run is the control API's (`POST /_bv/lifecycle`), not a REST operation.
        Command::RunLifecycle(_) => EncodeError::NotAnOperation("run_lifecycle"),
        Command::PutObject(put) if put.assign_version_id.is_some() => {
            if empty(&put.key) {
                return Some(EncodeError::EmptyKey);
            }
            EncodeError::SuppliedVersionId
        }
        Command::DeleteObject(delete) if delete.assign_version_id.is_some() => {
            if empty(&delete.key) {
                return Some(EncodeError::EmptyKey);
            }
            EncodeError::SuppliedVersionId
        }
        // MPU-13: as ID-5's supplied version IDs.
        Command::InitiateMultipartUpload(initiate) if initiate.assign_upload_id.is_some() => {
            if empty(&initiate.key) {
                return Some(EncodeError::EmptyKey);
            }
            EncodeError::SuppliedUploadId
        }
        Command::CopyObject(copy) if !empty(&copy.key) && empty(&copy.source_key) => {
            EncodeError::EmptySourceKey
        }
        Command::UploadPartCopy(copy) if !empty(&copy.key) && empty(&copy.source_key) => {
            EncodeError::EmptySourceKey
        }
        Command::PutObject(PutObject { key, .. })
        | Command::GetObject(GetObject { key, .. })
        | Command::HeadObject(HeadObject { key, .. })
            if empty(key) =>
        {
            EncodeError::EmptyKey
        }
        other => {
            let key = match other {
                Command::AppendObject(c) => &c.key,
                Command::SealAppendObject(c) => &c.key,
                Command::DeleteObject(c) => &c.key,
                Command::InitiateMultipartUpload(c) => &c.key,
                Command::UploadPart(c) => &c.key,
                Command::UploadPartCopy(c) => &c.key,
                Command::CompleteMultipartUpload(c) => &c.key,
                Command::AbortMultipartUpload(c) => &c.key,
                Command::ListParts(c) => &c.key,
                Command::CopyObject(c) => &c.key,
                Command::PutObjectTagging(c) => &c.key,
                Command::GetObjectTagging(c) => &c.key,
                Command::DeleteObjectTagging(c) => &c.key,
                Command::PutSymlink(c) => &c.key,
                Command::GetSymlink(c) => &c.key,
                Command::GetObjectMeta(c) => &c.key,
                _ => return None,
            };
            if !empty(key) {
                return None;
            }
            EncodeError::EmptyKey
        }
    })
}

/// The model's scenarios, with commands of Object Lock (s3) or retention policies (oss) before
/// and after them: the configuration, retentions and legal holds, writes that ask for a lock,
/// deletes that bypass governance, and the policy life cycle (OL-1..OL-8).
fn dialect_and_commands() -> impl Strategy<Value = (BucketConfig, Vec<Command>)> {
    (prop_oneof![Just(Dialect::Oss), Just(Dialect::S3)], 0..4u64).prop_flat_map(
        |(dialect, seed)| {
            let config = BucketConfig::new(dialect).with_seed(seed);
            let lock = || proptest::collection::vec(lock_command(dialect), 0..6);
            (strategies::commands(config, 1..40), lock(), lock()).prop_map(
                move |(commands, before, after)| {
                    let mut all = before;
                    all.extend(commands);
                    all.extend(after);
                    (config, all)
                },
            )
        },
    )
}

/// One command of the dialect's lock family (OL-1..OL-8), on the key `k` (which the model's
/// scenarios use too) and its head, with times around the clock's start.
fn lock_command(dialect: Dialect) -> BoxedStrategy<Command> {
    use bucket_versioning::lock::{DefaultRetention, LegalHoldStatus, Retention, RetentionMode};
    use bucket_versioning::request::{
        AbortBucketWorm, CompleteBucketWorm, DeleteObject, DeleteObjects, ExtendBucketWorm,
        InitiateBucketWorm, InitiateMultipartUpload, ObjectIdentifier, PutBucketVersioning,
        PutObjectLegalHold, PutObjectLockConfiguration, PutObjectRetention,
    };
    let mode = || {
        prop_oneof![
            Just(RetentionMode::Governance),
            Just(RetentionMode::Compliance)
        ]
    };
    let status = || prop_oneof![Just(LegalHoldStatus::On), Just(LegalHoldStatus::Off)];
    let until = || prop_oneof![0..400u64, Just(253_402_300_799u64)];
    let worm_days = || prop_oneof![4 => 1..4u32, 1 => Just(0u32), 1 => Just(25_551u32)];
    match dialect {
        Dialect::Oss => prop_oneof![
            Just(Command::PutBucketVersioning(PutBucketVersioning::new(
                "Enabled"
            ))),
            worm_days().prop_map(|days| Command::InitiateBucketWorm(InitiateBucketWorm::new(days))),
            Just(Command::CompleteBucketWorm(CompleteBucketWorm::new())),
            worm_days().prop_map(|days| Command::ExtendBucketWorm(ExtendBucketWorm::new(days))),
            Just(Command::AbortBucketWorm(AbortBucketWorm::new())),
        ]
        .boxed(),
        Dialect::S3 => prop_oneof![
            Just(Command::PutBucketVersioning(PutBucketVersioning::new(
                "Enabled"
            ))),
            (
                mode(),
                proptest::option::of(0..3u32),
                proptest::option::of(0..2u32),
                any::<bool>()
            )
                .prop_map(|(mode, days, years, with_default)| {
                    Command::PutObjectLockConfiguration(PutObjectLockConfiguration {
                        default_retention: with_default.then_some(DefaultRetention {
                            mode,
                            days,
                            years,
                        }),
                    })
                }),
            (mode(), until(), proptest::option::of(any::<bool>())).prop_map(
                |(mode, until, bypass)| {
                    Command::PutObjectRetention(PutObjectRetention {
                        bypass_governance: bypass,
                        ..PutObjectRetention::new("k", mode, until)
                    })
                }
            ),
            status().prop_map(|status| {
                Command::PutObjectLegalHold(PutObjectLegalHold::new("k", status))
            }),
            (
                proptest::option::of((mode(), until())),
                proptest::option::of(status())
            )
                .prop_map(|(retention, legal_hold)| {
                    Command::PutObject(PutObject {
                        retention: retention.map(|(mode, until)| Retention::new(mode, until)),
                        legal_hold,
                        ..PutObject::new("k", Body::from("locked"))
                    })
                }),
            proptest::option::of(any::<bool>()).prop_map(|bypass| {
                Command::DeleteObject(DeleteObject {
                    bypass_governance: bypass,
                    ..DeleteObject::new("k")
                })
            }),
            (
                proptest::option::of((mode(), until())),
                proptest::option::of(status())
            )
                .prop_map(|(retention, legal_hold)| {
                    Command::InitiateMultipartUpload(InitiateMultipartUpload {
                        retention: retention.map(|(mode, until)| Retention::new(mode, until)),
                        legal_hold,
                        ..InitiateMultipartUpload::new("k")
                    })
                }),
            proptest::option::of(any::<bool>()).prop_map(|bypass| {
                Command::DeleteObjects(DeleteObjects {
                    bypass_governance: bypass,
                    ..DeleteObjects::new(vec![ObjectIdentifier::new("k")])
                })
            }),
        ]
        .boxed(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// http.md §1, §4, §5: every command the client sends is read back by the server direction
    /// as the same command (empty listing parameters absent, Complete ETags unquoted, bodies as
    /// fingerprints), s3 appends included (the model answers APP-1); the other dialect's lock
    /// configuration and retention-policy commands are refused at dispatch, naming the
    /// operation, as the model refuses them (OL-1, OL-7); the others have no request.
    #[test]
    fn commands_round_trip_through_requests((config, commands) in dialect_and_commands()) {
        let dialect = config.dialect();
        for style in [Style::Path, Style::VirtualHost] {
            let client = Client::new(dialect, HOST).with_style(style);
            let mut model = Bucket::new(config);
            for command in &commands {
                let versioning = model.versioning();
                match client.request(BUCKET, command) {
                    Ok(request) => {
                        prop_assert_eq!(unsendable(dialect, command), None, "{:?}", command);
                        let read = server_command(dialect, &request, versioning);
                        match foreign_lock(dialect, command) {
                            Some(feature) => prop_assert_eq!(
                                read,
                                Err(CodecError::Dispatch(DispatchError::NotImplemented { feature }))
                            ),
                            None => prop_assert_eq!(read, Ok(on_the_wire(BUCKET, command))),
                        }
                    }
                    Err(error) => prop_assert_eq!(Some(error), unsendable(dialect, command)),
                }
                let _ = model.apply(command.clone());
            }
        }
    }

    /// http.md §2, §3, §8, ERR-1: the model's answer to each command (as the server reads it),
    /// written as the server writes it, reads back as the same outcome (up to what the dialect's wire carries) or the
    /// same violation, carried fields included.
    #[test]
    fn answers_round_trip_through_responses((config, commands) in dialect_and_commands()) {
        let dialect = config.dialect();
        let client = Client::new(dialect, HOST);
        let mut model = Bucket::new(config);
        for (counter, command) in (1u64..).zip(&commands) {
            let request = match client.request(BUCKET, command) {
                Ok(request) => request,
                // An operation the codec does not map never reaches a server, so the model does
                // not run it either (no link exists for a read to follow, say).
                Err(EncodeError::NotMapped(_)) => continue,
                // The others with no request (the clock, bodies known by their fingerprint)
                // still shape the state the next answers come from.
                Err(_) => {
                    let _ = model.apply(command.clone());
                    continue;
                }
            };
            // The model runs the command the server reads (http.md §1.2: empty is absent).
            let result = model.apply(on_the_wire(BUCKET, command));
            let response = server_response(dialect, &request, command, &result, counter);
            let answer = client.answer(command, &response);
            let expected = observable_answer(dialect, command, &result);
            prop_assert_eq!(answer, Ok(expected), "{:?}", command);
        }
    }
}

// SVC-1, SVC-3, SVC-4, SVC-6: the service-level requests dispatch to their operations, and
// their answers and refusals read back as the service's outcomes and violations.
#[test]
fn service_requests_dispatch_and_read_back() {
    for dialect in [Dialect::Oss, Dialect::S3] {
        let client = Client::new(dialect, HOST);
        let codec = codec(dialect);
        let cases = [
            (ServiceCommand::ListBuckets, Operation::ListBuckets),
            (
                ServiceCommand::CreateBucket {
                    bucket: "photos".to_owned(),
                },
                Operation::CreateBucket,
            ),
            (
                ServiceCommand::DeleteBucket {
                    bucket: "photos".to_owned(),
                },
                Operation::DeleteBucket,
            ),
            (
                ServiceCommand::GetBucketInfo {
                    bucket: "photos".to_owned(),
                },
                match dialect {
                    Dialect::Oss => Operation::GetBucketInfo,
                    Dialect::S3 => Operation::GetBucketVersioning,
                },
            ),
        ];
        for (command, operation) in cases {
            let (parts, _) = client.service_request(&command).into_parts();
            let head = codec
                .decode_head(&parts)
                .expect("a request the codec reads");
            assert_eq!(head.operation, operation, "{dialect} {command:?}");
        }

        let mut service = Service::new(BucketConfig::new(dialect));
        service.create_bucket("photos").expect("a new bucket");
        service.create_bucket("alpha").expect("a new bucket");
        service
            .put_bucket_versioning("photos", "Enabled")
            .expect("Enabled");
        let ok = |body: Bytes| {
            Response::builder()
                .status(200)
                .body(body)
                .expect("a response")
        };
        let listing = ListAllMyBucketsResult {
            buckets: service
                .list_buckets()
                .buckets
                .into_iter()
                .map(|name| BucketSummary {
                    name,
                    ..BucketSummary::default()
                })
                .collect(),
            ..ListAllMyBucketsResult::default()
        };
        assert_eq!(
            client.service_answer(&ServiceCommand::ListBuckets, &ok(listing.to_xml(dialect))),
            Ok(Answer::Outcome(Outcome::ListBuckets(
                service.list_buckets()
            )))
        );
        let info = service.bucket_info("photos").expect("held");
        let document = match dialect {
            Dialect::Oss => BucketInfo {
                name: "photos".to_owned(),
                versioning: Some("Enabled".to_owned()),
                ..BucketInfo::default()
            }
            .to_xml(dialect),
            Dialect::S3 => VersioningConfiguration {
                status: Some("Enabled".to_owned()),
                mfa_delete: None,
            }
            .to_xml(dialect),
        };
        let info_command = ServiceCommand::GetBucketInfo {
            bucket: "photos".to_owned(),
        };
        assert_eq!(
            client.service_answer(&info_command, &ok(document)),
            Ok(Answer::Outcome(Outcome::BucketInfo(info)))
        );
        // Refusals: the service's violations, written as the endpoint writes bucket errors.
        for (command, violation) in [
            (
                ServiceCommand::CreateBucket {
                    bucket: "photos".to_owned(),
                },
                service.create_bucket("photos").expect_err("SVC-3"),
            ),
            (
                ServiceCommand::CreateBucket {
                    bucket: "No_Such".to_owned(),
                },
                service.create_bucket("No_Such").expect_err("SVC-2"),
            ),
            (
                ServiceCommand::DeleteBucket {
                    bucket: "missing".to_owned(),
                },
                service.delete_bucket("missing").expect_err("SVC-4"),
            ),
        ] {
            let request = client.service_request(&command);
            let (parts, _) = request.into_parts();
            let context = codec.error_context(&parts, 1);
            let response = ErrorResponse::bucket_error(
                violation.http_status(),
                violation.code(),
                &violation.to_string(),
                command_bucket(&command),
            )
            .into_response(&context);
            assert_eq!(
                client.service_answer(&command, &response),
                Ok(Answer::Violation(violation)),
                "{dialect} {command:?}"
            );
        }
    }
}

fn command_bucket(command: &ServiceCommand) -> &str {
    match command {
        ServiceCommand::ListBuckets => "",
        ServiceCommand::CreateBucket { bucket }
        | ServiceCommand::DeleteBucket { bucket }
        | ServiceCommand::GetBucketInfo { bucket } => bucket,
    }
}

// http.md §3.1, §8: an error the model has no violation for (the endpoint's own refusal) reads
// as an unrecognised reply carrying its status, code and request ID; AdvanceClock has no
// request (the control API moves the clock).
#[test]
fn endpoint_refusals_are_unrecognised_replies() {
    for dialect in [Dialect::Oss, Dialect::S3] {
        let client = Client::new(dialect, HOST);
        let command = Command::PutObject(PutObject::new("k", Body::from("x")));
        let request = client.request(BUCKET, &command).expect("a request");
        let (parts, _) = request.into_parts();
        let context = codec(dialect).error_context(&parts, 9);
        let refusal = CodecError::Dispatch(DispatchError::NotImplemented { feature: "acl" });
        let response = ErrorResponse::from_codec_error(&refusal, &context).into_response(&context);
        match client.answer(&command, &response) {
            Ok(Answer::Error(reply)) => {
                assert_eq!((reply.status, reply.code.as_str()), (501, "NotImplemented"));
                assert_eq!(reply.request_id, RequestId::new(dialect, 9).as_str());
            }
            other => panic!("{dialect}: {other:?}"),
        }
        assert_eq!(
            client
                .request(BUCKET, &Command::AdvanceClock(AdvanceClock::new(5)))
                .err(),
            Some(EncodeError::NotAnOperation("advance_clock"))
        );
    }
}

/// Sends `command` through the client and the server direction to `model` and reads the answer
/// back: the command the server reads must be the one sent, and the answer the model's.
fn through_the_wire(
    client: &Client,
    model: &mut Bucket,
    command: &Command,
    counter: u64,
) -> Result<Outcome, Violation> {
    let dialect = client.dialect();
    let request = client
        .request(BUCKET, command)
        .expect("a command with a request");
    let read = server_command(dialect, &request, model.versioning());
    assert_eq!(
        read,
        Ok(on_the_wire(BUCKET, command)),
        "{dialect}: {command:?}"
    );
    let result = model.apply(on_the_wire(BUCKET, command));
    let response = server_response(dialect, &request, command, &result, counter);
    let answer = client.answer(command, &response);
    assert_eq!(
        answer,
        Ok(observable_answer(dialect, command, &result)),
        "{dialect}: {command:?}"
    );
    result
}

// CND-1, CND-3, CND-4, CND-5: s3 conditions travel as `If-Match` / `If-None-Match` (and a batch
// entry's `<ETag>`), and every refusal reads back as the model's violation: 412 with its reason,
// 404 `NoSuchKey` with the marker's flag and ID, 501 for an `If-None-Match` other than `*`.
#[test]
fn s3_conditions_round_trip() {
    use bucket_versioning::request::{
        CompleteMultipartUpload, CompletedPart, CopyObject, DeleteObject, DeleteObjects,
        InitiateMultipartUpload, ObjectIdentifier, UploadPart,
    };
    use bucket_versioning::violation::{PreconditionReason, UnsupportedCondition};
    let client = Client::new(Dialect::S3, HOST);
    let mut model = Bucket::new(BucketConfig::new(Dialect::S3));
    let mut send =
        |command: Command, counter| through_the_wire(&client, &mut model, &command, counter);
    send(PutBucketVersioning::new("Enabled").into(), 1).expect("Enabled");
    let Ok(Outcome::PutObject(first)) = send(PutObject::new("k", Body::from("x")).into(), 2) else {
        panic!("a put");
    };
    let put = |body: &str| PutObject::new("k", Body::from(body));
    assert_eq!(
        send(put("y").if_none_match("*").into(), 3).err(),
        Some(Violation::PreconditionFailed(
            PreconditionReason::ObjectExists
        ))
    );
    assert_eq!(
        send(put("y").if_match("\"0\"").into(), 4).err(),
        Some(Violation::PreconditionFailed(
            PreconditionReason::ETagMismatch
        ))
    );
    assert_eq!(
        send(put("y").if_none_match(first.etag.as_str()).into(), 5).err(),
        Some(Violation::UnsupportedCondition(
            UnsupportedCondition::S3IfNoneMatchValue
        ))
    );
    let quoted = format!("\"{}\"", first.etag.as_str().to_uppercase());
    assert!(send(put("y").if_match(quoted).into(), 6).is_ok());
    let copy = CopyObject::new("k", "dst").if_none_match("*");
    assert!(send(copy.clone().into(), 7).is_ok());
    assert_eq!(
        send(copy.into(), 8).err(),
        Some(Violation::PreconditionFailed(
            PreconditionReason::ObjectExists
        ))
    );
    let Ok(Outcome::InitiateMultipartUpload(upload)) =
        send(InitiateMultipartUpload::new("k").into(), 9)
    else {
        panic!("an upload");
    };
    let Ok(Outcome::UploadPart(part)) = send(
        UploadPart::new("k", upload.upload_id.clone(), 1, Body::from("p")).into(),
        10,
    ) else {
        panic!("a part");
    };
    let complete = CompleteMultipartUpload::new(
        "k",
        upload.upload_id.clone(),
        vec![CompletedPart::new(1, part.etag.clone())],
    );
    assert_eq!(
        send(complete.clone().if_none_match("*").into(), 11).err(),
        Some(Violation::PreconditionFailed(
            PreconditionReason::ObjectExists
        ))
    );
    assert!(send(complete.if_match("*").into(), 12).is_ok());
    let Ok(Outcome::DeleteObject(marker)) = send(DeleteObject::new("k").if_match("*").into(), 13)
    else {
        panic!("a delete");
    };
    // CND-4: a delete marker as the head is no object: 404 with the marker's flag and ID.
    assert_eq!(
        send(put("z").if_match("*").into(), 14).err(),
        Some(Violation::NoSuchKey {
            delete_marker: true,
            version_id: marker.version_id.clone(),
        })
    );
    // CND-5 (MODEL): by version ID, the named entry must be an object version.
    let marker_id = marker.version_id.expect("Enabled: the marker's ID");
    assert_eq!(
        send(
            DeleteObject::new("k")
                .version_id(marker_id.clone())
                .if_match("*")
                .into(),
            15
        )
        .err(),
        Some(Violation::PreconditionFailed(
            PreconditionReason::NotAnObjectVersion
        ))
    );
    // CND-5, BAT-4: a batch entry's ETag fails that entry alone.
    let Ok(Outcome::DeleteObjects(batch)) = send(
        DeleteObjects::new(vec![
            ObjectIdentifier::new("dst").etag("\"0\""),
            ObjectIdentifier::new("k").version_id(marker_id).etag("*"),
        ])
        .into(),
        16,
    ) else {
        panic!("a batch");
    };
    assert_eq!(batch.errors.len(), 2);
}

// CND-6: oss `x-oss-forbid-overwrite` on every write that takes it, and oss's refusal of the s3
// conditions (`NotImplemented` 400), read back as the model's violations.
#[test]
fn oss_conditions_round_trip() {
    use bucket_versioning::request::{CopyObject, DeleteObject, PutSymlink};
    use bucket_versioning::violation::UnsupportedCondition;
    let client = Client::new(Dialect::Oss, HOST);
    let mut model = Bucket::new(BucketConfig::new(Dialect::Oss));
    let mut send =
        |command: Command, counter| through_the_wire(&client, &mut model, &command, counter);
    let put = |body: &str| PutObject::new("k", Body::from(body));
    assert!(send(put("x").forbid_overwrite(true).into(), 1).is_ok());
    assert_eq!(
        send(put("y").forbid_overwrite(true).into(), 2).err(),
        Some(Violation::FileAlreadyExists)
    );
    let Ok(Outcome::PutObject(kept)) = send(put("y").forbid_overwrite(false).into(), 3) else {
        panic!("a put");
    };
    assert_eq!(
        send(CopyObject::new("k", "k").forbid_overwrite(true).into(), 4).err(),
        Some(Violation::FileAlreadyExists)
    );
    assert_eq!(
        send(PutSymlink::new("k", "t").forbid_overwrite(true).into(), 5).err(),
        Some(Violation::FileAlreadyExists)
    );
    assert!(
        send(
            PutSymlink::new("link", "k").forbid_overwrite(true).into(),
            6
        )
        .is_ok()
    );
    assert_eq!(
        send(put("z").if_match("*").into(), 7).err(),
        Some(Violation::UnsupportedCondition(
            UnsupportedCondition::OssIfMatch
        ))
    );
    assert_eq!(
        send(put("z").if_none_match("*").into(), 8).err(),
        Some(Violation::UnsupportedCondition(
            UnsupportedCondition::OssIfNoneMatch
        ))
    );
    assert_eq!(
        send(DeleteObject::new("k").if_match("*").into(), 9).err(),
        Some(Violation::UnsupportedCondition(
            UnsupportedCondition::OssIfMatch
        ))
    );
    // CND-7: nothing refused changed the key: its object is still the third write's.
    assert_eq!(model.get_object("k").map(|read| read.etag), Ok(kept.etag));
}

// MPU-13, ID-5: a supplied upload ID has no wire form, exactly as a supplied version ID: both
// are refused with their own typed error, in both dialects, never sent without the ID.
#[test]
fn supplied_ids_have_no_request() {
    use bucket_versioning::request::{DeleteObject, InitiateMultipartUpload};
    for dialect in [Dialect::Oss, Dialect::S3] {
        let client = Client::new(dialect, HOST);
        let refused = |command: Command| client.request(BUCKET, &command).err();
        assert_eq!(
            refused(
                InitiateMultipartUpload::new("k")
                    .assign_upload_id("u1")
                    .into()
            ),
            Some(EncodeError::SuppliedUploadId)
        );
        assert_eq!(
            refused(
                PutObject::new("k", Body::from("x"))
                    .assign_version_id("v1")
                    .into()
            ),
            Some(EncodeError::SuppliedVersionId)
        );
        assert_eq!(
            refused(DeleteObject::new("k").assign_version_id("v1").into()),
            Some(EncodeError::SuppliedVersionId)
        );
        assert_eq!(refused(InitiateMultipartUpload::new("k").into()), None);
    }
}

// CND-6: s3 has no `forbid_overwrite` header, so such a command has no request.
#[test]
fn s3_forbid_overwrite_has_no_request() {
    let client = Client::new(Dialect::S3, HOST);
    for forbid in [true, false] {
        let put = Command::PutObject(PutObject::new("k", Body::from("x")).forbid_overwrite(forbid));
        assert_eq!(
            client.request(BUCKET, &put).err(),
            Some(EncodeError::NotMapped("forbid_overwrite in s3"))
        );
    }
}

// OL-2, OL-4: s3 sends a write's retention and legal hold and a delete's governance bypass as
// their headers, and the server reads back the same command; oss has no header for them, so a
// command carrying one is refused as not mapped rather than sent without it (a server would
// then run a different command than the model).
#[test]
fn object_lock_fields_travel_as_s3_headers_and_are_not_sent_in_oss() {
    use bucket_versioning::lock::{LegalHoldStatus, Retention, RetentionMode};
    use bucket_versioning::request::DeleteObject;
    let put = PutObject::new("k", Body::from("x"));
    let locked = [
        Command::PutObject(
            put.clone()
                .retention(Retention::new(RetentionMode::Governance, 1_800_000_000)),
        ),
        Command::PutObject(put.clone().legal_hold(LegalHoldStatus::On)),
        Command::DeleteObject(
            DeleteObject::new("k")
                .version_id("v1")
                .bypass_governance(true),
        ),
    ];
    let oss = Client::new(Dialect::Oss, HOST);
    let s3 = Client::new(Dialect::S3, HOST);
    for command in &locked {
        assert_eq!(
            oss.request(BUCKET, command).err(),
            Some(EncodeError::NotMapped("object lock fields")),
            "oss: {command:?}"
        );
        let request = s3.request(BUCKET, command).expect("s3 sends a lock");
        assert_eq!(
            server_command(Dialect::S3, &request, VersioningState::Enabled),
            Ok(on_the_wire(BUCKET, command)),
            "s3: {command:?}"
        );
    }
    assert!(oss.request(BUCKET, &Command::PutObject(put)).is_ok());
}
