//! The service of buckets (SVC-1..SVC-7, LC-0 shared, INV-10), rule by rule, and the
//! properties that tie it to a bare bucket.

use bucket_versioning::request::{AdvanceClock, CopyObject, GetObject, PutObject};
use bucket_versioning::strategies;
use bucket_versioning::{
    Bucket, BucketConfig, Command, DEFAULT_BUCKET, Dialect, Outcome, Service, VersionId,
    VersioningState, Violation,
};
use proptest::prelude::*;

fn new_service(dialect: Dialect, buckets: &[&str]) -> Service {
    let mut service = Service::new(BucketConfig::new(dialect).with_seed(9));
    for name in buckets {
        service.create_bucket(name).expect("a valid new name");
    }
    service
}

/// Runs `command` expecting a rejection, and checks the service did not change (ERR-2).
#[track_caller]
fn refused(service: &mut Service, bucket: &str, command: Command) -> Violation {
    let before = service.clone();
    let error = service.apply(bucket, command).expect_err("rejected");
    assert_eq!(
        *service, before,
        "a rejected command changes nothing (ERR-2)"
    );
    error
}

// Rule: SVC-1 — buckets are listed ascending; a command naming no bucket is NoSuchBucket 404.
#[test]
fn buckets_are_listed_ascending_and_unknown_names_refused() {
    let mut service = new_service(Dialect::Oss, &["zeta", "alpha", "mid-1"]);
    assert_eq!(service.list_buckets().buckets, ["alpha", "mid-1", "zeta"]);
    let error = refused(&mut service, "nothing", PutObject::new("k", "x").into());
    assert_eq!((error.code(), error.http_status()), ("NoSuchBucket", 404));
    assert_eq!(
        service.get_object("nothing", "k"),
        Err(Violation::NoSuchBucket {
            bucket: "nothing".into()
        })
    );
}

// Rule: SVC-1 — one logical clock: advancing it through any bucket moves every bucket's time,
// and a bucket created later starts at the service's time.
// Rule: LC-0
#[test]
fn one_clock_is_shared_by_every_bucket() {
    let mut service = new_service(Dialect::Oss, &["one", "two"]);
    let outcome = service
        .apply("one", AdvanceClock { seconds: 50 }.into())
        .expect("advance");
    assert_eq!(
        outcome,
        Outcome::AdvanceClock(bucket_versioning::outcome::ClockOutcome { now: 50 })
    );
    service.put_object("two", "k", "x").expect("put");
    assert_eq!(
        service.get_object("two", "k").expect("get").last_modified,
        50
    );
    service.create_bucket("three").expect("create");
    assert_eq!(service.bucket("three").expect("made").now(), 50);
    service
        .advance_clock(u64::MAX - 50)
        .expect("up to the limit");
    let error = refused(&mut service, "one", AdvanceClock { seconds: 1 }.into());
    assert_eq!(error.code(), "InvalidArgument");
}

// Rule: SVC-2 — names outside the dialect's syntax are InvalidBucketName 400, per dialect.
#[test]
fn bucket_names_follow_the_dialect() {
    for (dialect, name) in [
        (Dialect::Oss, "my.bucket"),
        (Dialect::Oss, "ab"),
        (Dialect::Oss, "Upper"),
        (Dialect::S3, "192.168.1.2"),
        (Dialect::S3, "a..b"),
        (Dialect::S3, "xn--abc"),
        (Dialect::S3, "name-s3alias"),
        (Dialect::S3, "-abc"),
    ] {
        let mut service = new_service(dialect, &[]);
        let error = service.create_bucket(name).expect_err(name);
        assert_eq!(
            (error.code(), error.http_status()),
            ("InvalidBucketName", 400),
            "{name}"
        );
        assert!(service.list_buckets().buckets.is_empty());
    }
    let mut s3 = new_service(Dialect::S3, &[]);
    s3.create_bucket("my.bucket").expect("s3 allows dots");
}

// Rule: SVC-3 — creating an existing name is 409, its code per dialect; a new bucket is empty
// and Unversioned.
#[test]
fn creating_an_existing_bucket_is_refused_per_dialect() {
    for (dialect, code) in [
        (Dialect::Oss, "BucketAlreadyExists"),
        (Dialect::S3, "BucketAlreadyOwnedByYou"),
    ] {
        let mut service = new_service(dialect, &["taken"]);
        service.put_object("taken", "k", "x").expect("put");
        let before = service.clone();
        let error = service.create_bucket("taken").expect_err("exists");
        assert_eq!((error.code(), error.http_status()), (code, 409));
        assert_eq!(service, before, "ERR-2");
        service.create_bucket("fresh").expect("create");
        let fresh = service.bucket("fresh").expect("made");
        assert!(fresh.is_empty());
        assert_eq!(fresh.versioning(), VersioningState::Unversioned);
    }
}

// Rule: SVC-4 — a bucket with an entry (a delete marker included) or an upload in progress is
// BucketNotEmpty 409; an empty one goes, and its name starts fresh.
#[test]
fn only_an_empty_bucket_is_deleted() {
    let mut service = new_service(Dialect::Oss, &["data"]);
    service
        .put_bucket_versioning("data", "Enabled")
        .expect("enable");
    service
        .apply(
            "data",
            bucket_versioning::request::DeleteObject::new("k").into(),
        )
        .expect("a delete marker");
    let before = service.clone();
    let error = service
        .delete_bucket("data")
        .expect_err("a marker is an entry");
    assert_eq!((error.code(), error.http_status()), ("BucketNotEmpty", 409));
    assert_eq!(service, before);

    let mut service = service_with_upload();
    let error = service.delete_bucket("data").expect_err("an upload");
    assert_eq!(error.code(), "BucketNotEmpty");

    let mut service = new_service(Dialect::Oss, &["data"]);
    service
        .put_bucket_versioning("data", "Enabled")
        .expect("enable");
    service.delete_bucket("data").expect("empty");
    assert!(service.bucket("data").is_none());
    assert_eq!(
        service.delete_bucket("data").map(|_| ()),
        Err(Violation::NoSuchBucket {
            bucket: "data".into()
        })
    );
    service.create_bucket("data").expect("again");
    assert_eq!(
        service.bucket_info("data").expect("info").status,
        VersioningState::Unversioned,
        "a recreated bucket starts fresh"
    );
}

fn service_with_upload() -> Service {
    let mut service = new_service(Dialect::Oss, &["data"]);
    service
        .apply(
            "data",
            bucket_versioning::request::InitiateMultipartUpload::new("k").into(),
        )
        .expect("initiate");
    service
}

// Rule: SVC-5 — a bucket's IDs depend on the service seed and its name only: another bucket's
// existence and traffic change nothing, and the default bucket gives a bare bucket's IDs.
#[test]
fn ids_depend_on_the_seed_and_the_name_only() {
    let run = |others: bool| {
        let mut service = new_service(Dialect::Oss, &["photos"]);
        if others {
            service.create_bucket("other").expect("create");
            service
                .put_bucket_versioning("other", "Enabled")
                .expect("enable");
        }
        service
            .put_bucket_versioning("photos", "Enabled")
            .expect("enable");
        let mut ids = Vec::new();
        for i in 0..4 {
            if others {
                service.put_object("other", "k", "y").expect("put");
            }
            ids.push(
                service
                    .put_object("photos", "k", format!("{i}"))
                    .expect("put")
                    .version_id,
            );
        }
        ids
    };
    assert_eq!(run(false), run(true));
    let mut bare = Bucket::new(BucketConfig::new(Dialect::Oss).with_seed(9));
    let mut service = Service::with_default_bucket(BucketConfig::new(Dialect::Oss).with_seed(9));
    bare.put_bucket_versioning("Enabled").expect("enable");
    service
        .put_bucket_versioning(DEFAULT_BUCKET, "Enabled")
        .expect("enable");
    let from_bare = bare.put_object("k", "x").expect("put").version_id;
    assert_eq!(
        service
            .put_object(DEFAULT_BUCKET, "k", "x")
            .expect("put")
            .version_id,
        from_bare
    );
    assert_ne!(run(false)[0], from_bare, "another name, another ID source");
}

// Rule: SVC-6 — bucket info reports the name and versioning status; NoSuchBucket when absent.
#[test]
fn bucket_info_reports_name_and_status() {
    let mut service = new_service(Dialect::S3, &["info"]);
    service
        .put_bucket_versioning("info", "Suspended")
        .expect("suspend");
    let info = service.bucket_info("info").expect("info");
    assert_eq!(
        (info.bucket.as_str(), info.status),
        ("info", VersioningState::Suspended)
    );
    let error = service.bucket_info("gone").expect_err("absent");
    assert_eq!((error.code(), error.http_status()), ("NoSuchBucket", 404));
}

// Rule: SVC-7 — a copy from another bucket selects the source under the source bucket's
// state and enters the copy under the destination's.
#[test]
fn copies_between_buckets() {
    let mut service = new_service(Dialect::Oss, &["src", "dst"]);
    service
        .put_bucket_versioning("src", "Enabled")
        .expect("enable");
    let old = service
        .put_object("src", "k", "old")
        .expect("put")
        .version_id;
    service.put_object("src", "k", "newest").expect("put");
    let outcome = service
        .copy_object(
            "dst",
            CopyObject::new("k", "copy")
                .source_bucket("src")
                .source_version_id(old.clone().expect("an ID")),
        )
        .expect("copy");
    // RSP-5 under the source bucket (Enabled): the source's ID; the destination is
    // Unversioned, so the copy reports no ID (CPY-4).
    assert_eq!(outcome.source_version_id, old);
    assert_eq!(outcome.version_id, None);
    let copy = service.get_object("dst", "copy").expect("get");
    assert_eq!(copy.version_id, None);
    assert_eq!(copy.size, 3);
    assert_eq!(
        copy.etag,
        service
            .get_object(
                "src",
                GetObject::new("k").version_id(old.clone().expect("id"))
            )
            .expect("get")
            .etag
    );
    assert!(service.bucket("src").expect("src").chain("copy").is_none());
    service.check_invariants().expect("invariants");

    // The source missing in its bucket is that bucket's NoSuchKey; a missing bucket is
    // NoSuchBucket, source or destination.
    let error = refused(
        &mut service,
        "dst",
        CopyObject::new("absent", "x").source_bucket("src").into(),
    );
    assert_eq!(error.code(), "NoSuchKey");
    let error = refused(
        &mut service,
        "dst",
        CopyObject::new("k", "x").source_bucket("nope").into(),
    );
    assert_eq!(
        error,
        Violation::NoSuchBucket {
            bucket: "nope".into()
        }
    );
    let error = refused(
        &mut service,
        "nope",
        CopyObject::new("k", "x").source_bucket("src").into(),
    );
    assert_eq!(
        error,
        Violation::NoSuchBucket {
            bucket: "nope".into()
        }
    );
    // A version ID that only the destination knows names nothing in the source.
    let dst_only = VersionId::from("v-only-here");
    let error = refused(
        &mut service,
        "dst",
        CopyObject::new("k", "x")
            .source_bucket("src")
            .source_version_id(dst_only)
            .into(),
    );
    assert_eq!(error.code(), "NoSuchVersion");
}

// Rule: SVC-7 — a bare bucket knows no other bucket: a named source bucket is NoSuchBucket.
#[test]
fn a_bare_bucket_refuses_another_source_bucket() {
    let mut bucket = Bucket::default();
    bucket.put_object("k", "x").expect("put");
    let before = bucket.clone();
    let error = bucket
        .copy_object(CopyObject::new("k", "c").source_bucket("elsewhere"))
        .expect_err("no service");
    assert_eq!(error.code(), "NoSuchBucket");
    assert_eq!(bucket, before);
}

// Rule: INV-10 — the invariant is named and holds in a service built through its commands.
#[test]
fn bucket_names_invariant_holds() {
    let service = new_service(Dialect::S3, &["a.b.c", "abc"]);
    service.check_invariants().expect("INV-10");
    assert_eq!(
        bucket_versioning::violation::Invariant::BucketNames.id(),
        "INV-10"
    );
}

/// Names the generated commands are spread over: the default bucket, two more, and one the
/// service never holds.
const NAMES: [&str; 4] = [DEFAULT_BUCKET, "second", "third-b", "missing"];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    // Rule: SVC-5 — a service holding only the default bucket gives every outcome a bare
    // bucket with the same configuration gives, and ends equal to it (INV-9).
    #[test]
    fn a_service_of_one_bucket_is_the_bare_bucket(
        (config, commands) in strategies::scenario(0..60)
    ) {
        let mut bare = Bucket::new(config);
        let mut service = Service::with_default_bucket(config);
        for command in commands {
            prop_assert_eq!(
                service.apply(DEFAULT_BUCKET, command.clone()),
                bare.apply(command)
            );
        }
        prop_assert_eq!(service.bucket(DEFAULT_BUCKET), Some(&bare));
    }

    // Rule: SVC-1 — commands spread over buckets (some missing), with copies between them:
    // every rejection changes nothing (ERR-2), the invariants hold after every step, and the
    // same commands give an equal service (INV-9).
    // Rule: SVC-7
    #[test]
    fn commands_over_buckets_keep_the_invariants(
        (config, commands) in strategies::scenario(0..60),
        targets in proptest::collection::vec((0..4usize, 0..4usize, any::<bool>()), 60),
        buckets in 1..=3usize,
    ) {
        let run = || {
            let mut service = Service::with_default_bucket(config);
            for name in &NAMES[1..buckets] {
                service.create_bucket(name).expect("a valid name");
            }
            let mut replies = Vec::new();
            for (command, (target, source, cross)) in commands.iter().zip(&targets) {
                let mut command = command.clone();
                if let (Command::CopyObject(copy), true) = (&mut command, *cross) {
                    copy.source_bucket = Some(NAMES[*source].to_string());
                }
                let before = service.clone();
                let reply = service.apply(NAMES[*target], command);
                if reply.is_err() {
                    assert_eq!(service, before, "ERR-2");
                }
                service.check_invariants().expect("invariants after every step");
                replies.push(reply);
            }
            (service, replies)
        };
        let (first, first_replies) = run();
        let (second, second_replies) = run();
        prop_assert_eq!(first_replies, second_replies);
        prop_assert_eq!(first, second);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    // Rule: SVC-5 — a service snapshot restores to identical behaviour: the same replies to the
    // same steps (bucket commands, object commands on any bucket, copies and part copies across
    // buckets, MPU-12), every bucket's ID source at its position.
    // Rule: INV-9
    #[test]
    fn a_service_snapshot_restores_identical_behaviour(
        (config, steps) in strategies::service_scenario(0..60),
        split in 0..60usize,
    ) {
        let mut service = Service::with_default_bucket(config);
        let (before, after) = steps.split_at(split.min(steps.len()));
        for step in before {
            let _ = step.apply(&mut service);
        }
        let text = serde_json::to_string(&service).expect("serializes");
        let mut restored: Service = serde_json::from_str(&text).expect("restores");
        prop_assert_eq!(&restored, &service);
        for step in after {
            prop_assert_eq!(step.apply(&mut restored), step.apply(&mut service));
        }
        prop_assert_eq!(restored, service);
    }
}

// Rule: INV-10 — a snapshot naming an invalid bucket is refused whole.
#[test]
fn a_snapshot_with_an_invalid_bucket_name_is_refused() {
    let mut service = Service::with_default_bucket(BucketConfig::default());
    service.create_bucket("good-name").expect("create");
    let text = serde_json::to_string(&service)
        .expect("serializes")
        .replace("\"good-name\"", "\"Bad_Name\"");
    let error = serde_json::from_str::<Service>(&text).expect_err("refused");
    assert!(error.to_string().contains("INV-10"), "{error}");
}
