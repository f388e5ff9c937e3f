//! Per-version tags (TAG-1..TAG-4), rule by rule.

use crate::support::{bucket_in, checked, enabled, rejected};
use bucket_versioning::metadata::Directive;
use bucket_versioning::request::{
    AppendObject, CompletedPart, CopyObject, DeleteObject, DeleteObjectTagging, GetObjectTagging,
    InitiateMultipartUpload, PutObject, PutObjectTagging,
};
use bucket_versioning::violation::TagError;
use bucket_versioning::{Bucket, Command, Dialect, Outcome, Tags, VersionId, Violation};

fn team(value: &str) -> Tags {
    Tags::new().with("team", value)
}

/// Puts `key` with `tags`, returning the new version's ID.
#[track_caller]
fn put_tagged(bucket: &mut Bucket, key: &str, tags: Tags) -> Option<VersionId> {
    match bucket.apply(Command::PutObject(PutObject::new(key, "body").tags(tags))) {
        Ok(Outcome::PutObject(put)) => put.version_id,
        other => panic!("{other:?}"),
    }
}

#[track_caller]
fn tags_of(bucket: &Bucket, key: &str, version_id: Option<&VersionId>) -> Tags {
    let mut request = GetObjectTagging::new(key);
    request.version_id = version_id.cloned();
    bucket
        .get_object_tagging(request)
        .expect("a tagged version")
        .tags
}

// Rule: TAG-1 — tags belong to one version: a later put of the key has its own (none), and the
// older version keeps its set.
#[test]
fn tags_belong_to_one_version_not_to_the_key() {
    let mut bucket = enabled();
    let first = put_tagged(&mut bucket, "a", team("web")).expect("Enabled reports IDs");
    bucket.put_object("a", "v2").expect("put");
    assert!(tags_of(&bucket, "a", None).is_empty());
    assert_eq!(tags_of(&bucket, "a", Some(&first)), team("web"));
    checked(&bucket);
}

// Rule: TAG-1 — a PutObject sets the new version's tags, kept ascending by key.
#[test]
fn put_object_sets_the_tags() {
    let mut bucket = enabled();
    put_tagged(&mut bucket, "a", Tags::new().with("z", "1").with("b", "2"));
    assert_eq!(
        tags_of(&bucket, "a", None),
        Tags::new().with("b", "2").with("z", "1")
    );
    let chain = bucket.chain("a").expect("a chain");
    assert_eq!(
        chain.iter().next().expect("a head").tags().get("z"),
        Some("1")
    );
}

// Rule: TAG-1 — tags given at Initiate go to the object Complete makes.
#[test]
fn complete_takes_the_tags_given_at_initiate() {
    let mut bucket = enabled();
    let initiate = InitiateMultipartUpload::new("big").tags(team("data"));
    let upload = bucket
        .initiate_multipart_upload(initiate)
        .expect("initiate")
        .upload_id;
    let etag = bucket
        .upload_part("big", &upload, 1, "part")
        .expect("part")
        .etag;
    bucket
        .complete_multipart_upload("big", &upload, &[CompletedPart::new(1, etag)])
        .expect("complete");
    assert_eq!(tags_of(&bucket, "big", None), team("data"));
}

// Rule: TAG-1 — the trace format lets complete_multipart_upload carry `tags`, but the version's
// tags are the ones given at Initiate: tags given at Complete are ignored, even a set TAG-3 would
// refuse (eleven tags), as tags under a COPY tagging directive are.
#[test]
fn tags_given_at_complete_are_ignored() {
    let mut bucket = enabled();
    let initiate = InitiateMultipartUpload::new("big").tags(team("data"));
    let upload = bucket
        .initiate_multipart_upload(initiate)
        .expect("initiate")
        .upload_id;
    let etag = bucket
        .upload_part("big", &upload, 1, "part")
        .expect("part")
        .etag;
    let eleven: Vec<String> = (0..11).map(|n| format!(r#""k{n}":"v""#)).collect();
    let line = format!(
        r#"{{"op":"complete_multipart_upload","key":"big","upload_id":"{}","parts":[{{"part_number":1,"etag":"{}"}}],"tags":{{{}}}}}"#,
        upload.as_str(),
        etag.as_str(),
        eleven.join(",")
    );
    let command: Command = serde_json::from_str(&line).expect("trace-format.md allows `tags`");
    let Command::CompleteMultipartUpload(complete) = &command else {
        panic!("{command:?}");
    };
    assert_eq!(complete.tags.as_ref().map(Tags::len), Some(11));
    let version_id = match bucket.apply(command) {
        Ok(Outcome::CompleteMultipartUpload(done)) => done.version_id,
        other => panic!("{other:?}"),
    };
    assert_eq!(tags_of(&bucket, "big", None), team("data"));
    assert_eq!(tags_of(&bucket, "big", version_id.as_ref()), team("data"));
    checked(&bucket);
}

// Rule: TAG-1 — a copy gets the source version's tags by default (COPY) and the request's under
// REPLACE (tags given under COPY are ignored).
#[test]
fn copy_copies_or_replaces_the_tags() {
    let mut bucket = enabled();
    put_tagged(&mut bucket, "src", team("web"));
    bucket
        .copy_object(CopyObject::new("src", "kept").tags(team("ignored")))
        .expect("copy");
    assert_eq!(tags_of(&bucket, "kept", None), team("web"));
    let replace = CopyObject::new("src", "replaced")
        .tagging_directive(Directive::Replace)
        .tags(team("ops"));
    bucket.copy_object(replace).expect("copy");
    assert_eq!(tags_of(&bucket, "replaced", None), team("ops"));
    let emptied = CopyObject::new("src", "emptied").tagging_directive(Directive::Replace);
    bucket.copy_object(emptied).expect("copy");
    assert!(tags_of(&bucket, "emptied", None).is_empty());
    // The source is untouched.
    assert_eq!(tags_of(&bucket, "src", None), team("web"));
}

// Rule: TAG-1 — an append keeps the appendable's tags (here set by tagging).
#[test]
fn appends_keep_the_tags() {
    let mut bucket = enabled();
    let first = bucket.append_object("log", 0, "one").expect("append");
    bucket
        .put_object_tagging(PutObjectTagging::new("log", team("logs")))
        .expect("tag");
    bucket
        .append_object("log", first.next_position, "two")
        .expect("append");
    assert_eq!(tags_of(&bucket, "log", None), team("logs"));
}

// Rule: TAG-1 — an append that creates sets its appendable's tags (MODEL, as oss's
// `x-oss-tagging` on AppendObject); a later append keeps them and ignores its own, which are
// still checked (TAG-3), so bad ones are refused and change nothing.
#[test]
fn a_creating_append_sets_the_tags_and_later_ones_keep_them() {
    let mut bucket = enabled();
    let append = |position: u64, body: &str, tags: Tags| {
        Command::AppendObject(AppendObject::new("log", position, body).tags(tags))
    };
    let created = match bucket.apply(append(0, "one", team("logs"))) {
        Ok(Outcome::AppendObject(created)) => created,
        other => panic!("{other:?}"),
    };
    let id = created.version_id.clone();
    assert_eq!(tags_of(&bucket, "log", id.as_ref()), team("logs"));
    bucket
        .apply(append(created.next_position, "two", team("other")))
        .expect("append");
    assert_eq!(tags_of(&bucket, "log", None), team("logs"));
    let violation = rejected(&mut bucket, |bucket| {
        bucket.apply(append(6, "three", Tags::new().with("", "empty key")))
    });
    assert_eq!(violation.code(), "InvalidTag");
    checked(&bucket);
}

// Rule: TAG-1 — delete markers have no tags; a marker keeps none after it is added on a tagged
// version.
#[test]
fn delete_markers_have_no_tags() {
    let mut bucket = enabled();
    put_tagged(&mut bucket, "a", team("web"));
    let marker = bucket
        .delete_object("a")
        .expect("delete")
        .version_id
        .expect("an ID");
    let head = bucket
        .chain("a")
        .expect("a chain")
        .iter()
        .next()
        .expect("a head")
        .tags()
        .clone();
    assert!(head.is_empty());
    assert_eq!(
        bucket.get_object_tagging(GetObjectTagging::new("a").version_id(marker.clone())),
        Err(Violation::NoSuchKey {
            delete_marker: true,
            version_id: Some(marker)
        })
    );
    checked(&bucket);
}

// Rule: TAG-2 — PutObjectTagging replaces the whole set, on the head or a named version.
#[test]
fn put_tagging_replaces_the_whole_set() {
    let mut bucket = enabled();
    let old =
        put_tagged(&mut bucket, "a", Tags::new().with("x", "1").with("y", "2")).expect("an ID");
    put_tagged(&mut bucket, "a", team("head"));
    let outcome = bucket
        .put_object_tagging(PutObjectTagging::new("a", team("web")).version_id(old.clone()))
        .expect("tag");
    assert_eq!(outcome.version_id, Some(old.clone()));
    assert_eq!(tags_of(&bucket, "a", Some(&old)), team("web"));
    assert_eq!(tags_of(&bucket, "a", None), team("head"));
}

// Rule: TAG-2 — DeleteObjectTagging empties the set of the head or of a named version.
#[test]
fn delete_tagging_empties_the_set() {
    let mut bucket = enabled();
    let old = put_tagged(&mut bucket, "a", team("old")).expect("an ID");
    put_tagged(&mut bucket, "a", team("new"));
    bucket
        .delete_object_tagging(DeleteObjectTagging::new("a").version_id(old.clone()))
        .expect("untag");
    assert!(tags_of(&bucket, "a", Some(&old)).is_empty());
    assert_eq!(tags_of(&bucket, "a", None), team("new"));
    bucket.delete_object_tagging("a").expect("untag");
    assert!(tags_of(&bucket, "a", None).is_empty());
    checked(&bucket);
}

// Rule: TAG-2 — a delete marker selected as the head or by ID: s3 MethodNotAllowed 405, oss
// NoSuchKey 404, both carrying the flag and the marker's ID; nothing changes (ERR-2).
#[test]
fn a_selected_delete_marker_is_refused_per_dialect() {
    for dialect in [Dialect::Oss, Dialect::S3] {
        let mut bucket = bucket_in(dialect, Some("Enabled"));
        put_tagged(&mut bucket, "a", team("web"));
        let marker = bucket
            .delete_object("a")
            .expect("delete")
            .version_id
            .expect("an ID");
        let expected = match dialect {
            Dialect::S3 => Violation::MethodNotAllowed {
                version_id: marker.clone(),
            },
            Dialect::Oss => Violation::NoSuchKey {
                delete_marker: true,
                version_id: Some(marker.clone()),
            },
        };
        let head = rejected(&mut bucket, |b| {
            b.put_object_tagging(PutObjectTagging::new("a", team("x")))
        });
        assert_eq!(head, expected);
        let named = rejected(&mut bucket, |b| {
            b.delete_object_tagging(DeleteObjectTagging::new("a").version_id(marker.clone()))
        });
        assert_eq!(named, expected);
        assert!(named.delete_marker());
        assert_eq!(bucket.get_object_tagging("a"), Err(expected));
    }
}

// Rule: TAG-2 — a version ID naming nothing is NoSuchVersion 404; a key without entries is
// NoSuchKey 404.
#[test]
fn missing_versions_and_keys_are_refused() {
    let mut bucket = enabled();
    bucket.put_object("a", "x").expect("put");
    let missing = VersionId::new("no-such-version");
    let violation = rejected(&mut bucket, |b| {
        b.put_object_tagging(PutObjectTagging::new("a", team("x")).version_id(missing.clone()))
    });
    assert_eq!(
        violation,
        Violation::NoSuchVersion {
            version_id: missing
        }
    );
    let violation = rejected(&mut bucket, |b| b.delete_object_tagging("nothing"));
    assert_eq!(
        violation,
        Violation::NoSuchKey {
            delete_marker: false,
            version_id: None
        }
    );
}

// Rule: TAG-3 — more than 10 tags, a repeated key, an empty or 129-byte key, a 257-byte value:
// InvalidTag 400, nothing changes; 10 tags, 128-byte keys and 256-byte values pass.
#[test]
fn tag_set_limits() {
    let mut bucket = enabled();
    bucket.put_object("a", "x").expect("put");
    let eleven: Tags = (0..11).map(|n| (format!("k{n}"), "")).collect();
    let cases = [
        (eleven, TagError::TooMany(11)),
        (
            Tags::new().with("k", "1").with("k", "2"),
            TagError::DuplicateKey("k".into()),
        ),
        (Tags::new().with("", "v"), TagError::KeyLength(0)),
        (
            Tags::new().with("k".repeat(129), "v"),
            TagError::KeyLength(129),
        ),
        (
            Tags::new().with("k", "v".repeat(257)),
            TagError::ValueLength(257),
        ),
    ];
    for (tags, error) in cases {
        let violation = rejected(&mut bucket, |b| {
            b.put_object_tagging(PutObjectTagging::new("a", tags.clone()))
        });
        assert_eq!(violation, Violation::InvalidTag(error));
        assert_eq!(
            (violation.code(), violation.http_status()),
            ("InvalidTag", 400)
        );
        // The same set on a write is refused too, before any state check (ERR-4).
        let violation = rejected(&mut bucket, |b| {
            b.apply(Command::PutObject(
                PutObject::new("b", "x").tags(tags.clone()),
            ))
        });
        assert_eq!(violation.code(), "InvalidTag");
    }
    let widest: Tags = (0..10)
        .map(|n| (format!("{n}").repeat(128), "v".repeat(256)))
        .collect();
    bucket
        .put_object_tagging(PutObjectTagging::new("a", widest.clone()))
        .expect("the limits themselves pass");
    assert_eq!(tags_of(&bucket, "a", None).len(), 10);
    checked(&bucket);
}

// Rule: TAG-4 — tagging changes no chain, no ID, no Last-Modified; it reports the version's ID
// under RSP-3 (none in an Unversioned bucket, `null` in a Suspended one).
#[test]
fn tagging_changes_no_chain_and_reports_the_read_id() {
    let mut bucket = bucket_in(Dialect::Oss, None);
    bucket.put_object("a", "x").expect("put");
    bucket.advance_clock(50).expect("clock");
    let before = bucket.get_object("a").expect("read");
    let outcome = bucket
        .put_object_tagging(PutObjectTagging::new("a", team("web")))
        .expect("tag");
    assert_eq!(outcome.version_id, None);
    let after = bucket.get_object("a").expect("read");
    assert_eq!(after, before, "TAG-4: no Last-Modified, ETag or ID change");
    assert_eq!(bucket.len(), 1);
    bucket.put_bucket_versioning("Suspended").expect("suspend");
    let outcome = bucket.delete_object_tagging("a").expect("untag");
    assert_eq!(outcome.version_id, Some(VersionId::NULL));
    assert_eq!(
        bucket.get_object_tagging("a").expect("read").version_id,
        Some(VersionId::NULL)
    );
}

// Rule: TAG-1 — a simple delete in a Suspended bucket removes the null version, its tags with
// it; a later null version starts without tags.
#[test]
fn a_replaced_null_version_takes_its_tags_with_it() {
    let mut bucket = bucket_in(Dialect::S3, Some("Suspended"));
    put_tagged(&mut bucket, "a", team("web"));
    bucket
        .delete_object(DeleteObject::new("a"))
        .expect("delete");
    bucket.put_object("a", "again").expect("put");
    assert!(tags_of(&bucket, "a", None).is_empty());
    checked(&bucket);
}

// Rule: TAG-1, SVC-7 — a copy from another bucket of a service gives the new version the
// source version's tags (COPY) and its metadata; tagging goes through the service too.
#[test]
fn a_copy_between_buckets_carries_tags_and_metadata() {
    use bucket_versioning::request::GetObject;
    use bucket_versioning::{BucketConfig, Metadata, Service};
    let mut service = Service::with_default_bucket(BucketConfig::new(Dialect::Oss));
    service.create_bucket("archive").expect("create");
    let put = PutObject::new("a", "x")
        .tags(team("web"))
        .metadata(Metadata::new().with("owner", "ana"));
    service
        .apply("bucket", Command::PutObject(put))
        .expect("put");
    let copy = CopyObject::new("a", "a").source_bucket("bucket");
    service
        .apply("archive", Command::CopyObject(copy))
        .expect("copy");
    let tags = service
        .apply(
            "archive",
            Command::GetObjectTagging(GetObjectTagging::new("a")),
        )
        .expect("tags");
    assert!(matches!(tags, Outcome::GetObjectTagging(ref outcome) if outcome.tags == team("web")));
    let read = service
        .apply("archive", Command::GetObject(GetObject::new("a")))
        .expect("read");
    assert!(
        matches!(read, Outcome::GetObject(ref meta) if meta.metadata.get("owner") == Some("ana"))
    );
    service.check_invariants().expect("invariants");
}
