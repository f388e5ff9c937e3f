//! Symlinks (SYM-1..SYM-5), APP-6 and CPY-4 for links, the Symlink clause of INV-11, and
//! TAG-1 / TAG-5 for PutSymlink, rule by rule.

use crate::support::{bucket_in, checked, enabled, rejected};
use bucket_versioning::request::{
    CopyObject, DeleteObject, GetObject, GetObjectMeta, GetSymlink, HeadObject, ListObjectVersions,
    ListObjects, PutObject, PutSymlink,
};
use bucket_versioning::{
    Bucket, Command, Dialect, Metadata, ObjectKey, ObjectType, Outcome, Tags, VersionId, Violation,
};

/// Puts a link `key` → `target`, returning the reported version ID.
#[track_caller]
fn link(bucket: &mut Bucket, key: &str, target: &str) -> Option<VersionId> {
    let put = bucket
        .put_symlink(PutSymlink::new(key, target))
        .expect("a link");
    checked(bucket);
    put.version_id
}

#[track_caller]
fn target_of(bucket: &Bucket, key: &str, version_id: Option<&VersionId>) -> ObjectKey {
    let mut request = GetSymlink::new(key);
    request.version_id = version_id.cloned();
    bucket.get_symlink(request).expect("a link").target
}

// Rule: SYM-1 — in the s3 dialect PutSymlink and GetSymlink are `NotImplemented` 501, whatever
// the request holds (even a key KEY-2 refuses), and change nothing.
#[test]
fn s3_has_no_symlinks() {
    let mut bucket = bucket_in(Dialect::S3, Some("Enabled"));
    bucket.put_object("t", "x").expect("put");
    for key in ["a", ""] {
        let violation = rejected(&mut bucket, |b| b.put_symlink(PutSymlink::new(key, "t")));
        assert_eq!(
            (violation.code(), violation.http_status()),
            ("NotImplemented", 501)
        );
        let violation = rejected(&mut bucket, |b| b.get_symlink(GetSymlink::new(key)));
        assert_eq!(
            (violation.code(), violation.http_status()),
            ("NotImplemented", 501)
        );
    }
}

// Rule: SYM-2 — a link is a write: in an Enabled bucket each PutSymlink adds a version with a
// fresh ID above the object it hides (PUT-2), of type Symlink and length 0.
#[test]
fn put_symlink_adds_a_version_when_enabled() {
    let mut bucket = enabled();
    let object = bucket.put_object("a", "body").expect("put").version_id;
    let first = link(&mut bucket, "a", "t1").expect("Enabled reports IDs");
    let second = link(&mut bucket, "a", "t2").expect("Enabled reports IDs");
    assert_ne!(first, second);
    let chain = bucket.chain("a").expect("a chain");
    let entries: Vec<_> = chain
        .iter()
        .map(|entry| {
            (
                entry.version_id().clone(),
                entry.object_type(),
                entry.size(),
            )
        })
        .collect();
    assert_eq!(
        entries,
        [
            (second.clone(), Some(ObjectType::Symlink), 0),
            (first.clone(), Some(ObjectType::Symlink), 0),
            (object.expect("an ID"), Some(ObjectType::Normal), 4),
        ]
    );
    assert_eq!(target_of(&bucket, "a", Some(&first)).as_str(), "t1");
    assert_eq!(target_of(&bucket, "a", None).as_str(), "t2");
}

// Rule: SYM-2 — Unversioned: the link replaces the chain with one `null` entry and reports no
// ID (PUT-1, RSP-1); Suspended: it takes the null slot wherever it sits (PUT-3) and oss reports
// `null`.
#[test]
fn put_symlink_follows_put_in_unversioned_and_suspended() {
    let mut bucket = bucket_in(Dialect::Oss, None);
    bucket.put_object("a", "body").expect("put");
    assert_eq!(link(&mut bucket, "a", "t"), None);
    let chain = bucket.chain("a").expect("a chain");
    assert_eq!(chain.len(), 1);
    let head = chain.iter().next().expect("a head");
    assert!(head.version_id().is_null());
    assert_eq!(head.object_type(), Some(ObjectType::Symlink));

    bucket.put_bucket_versioning("Enabled").expect("Enabled");
    bucket.put_object("a", "v2").expect("put");
    bucket
        .put_bucket_versioning("Suspended")
        .expect("Suspended");
    assert_eq!(link(&mut bucket, "a", "u"), Some(VersionId::NULL));
    let chain = bucket.chain("a").expect("a chain");
    // The old null link is gone; the Enabled version stays below the new null link.
    assert_eq!(chain.len(), 2);
    assert_eq!(
        target_of(&bucket, "a", Some(&VersionId::NULL)).as_str(),
        "u"
    );
}

// Rule: SYM-2, APP-7 — a link onto an unsealed appendable head seals it (PUT-4).
#[test]
fn put_symlink_seals_a_head_appendable() {
    let mut bucket = enabled();
    bucket.append_object("log", 0, "abc").expect("append");
    link(&mut bucket, "log", "t");
    let chain = bucket.chain("log").expect("a chain");
    let below = chain.iter().nth(1).expect("the appendable");
    assert!(below.is_sealed());
}

// Rule: SYM-2 — the target is checked as a key (KEY-1: `InvalidObjectName` 400 naming the
// target), after the link's own key, and need not exist.
#[test]
fn the_target_is_checked_as_a_key() {
    let mut bucket = enabled();
    for target in ["", "/lead", "\\lead"] {
        let violation = rejected(&mut bucket, |b| b.put_symlink(PutSymlink::new("a", target)));
        assert_eq!(
            violation,
            Violation::InvalidObjectName {
                key: ObjectKey::new(target)
            }
        );
    }
    let violation = rejected(&mut bucket, |b| b.put_symlink(PutSymlink::new("/x", "")));
    assert_eq!(
        violation,
        Violation::InvalidObjectName {
            key: ObjectKey::new("/x")
        }
    );
    assert!(link(&mut bucket, "a", "nowhere/yet").is_some());
    assert!(bucket.chain("nowhere/yet").is_none());
}

// Rule: TAG-1, TAG-5 — PutSymlink sets the link version's tags and metadata as PutObject does,
// checked first (TAG-3: `InvalidTag` 400, nothing changes).
#[test]
fn put_symlink_sets_tags_and_metadata() {
    let mut bucket = enabled();
    let request = PutSymlink::new("a", "t")
        .tags(Tags::new().with("team", "web"))
        .content_type("text/plain")
        .metadata(Metadata::new().with("Owner", "ana"))
        .storage_class("IA");
    bucket.put_symlink(request).expect("a link");
    let chain = bucket.chain("a").expect("a chain");
    let head = chain.iter().next().expect("a head");
    assert_eq!(head.tags().get("team"), Some("web"));
    assert_eq!(head.content_type(), Some("text/plain"));
    assert_eq!(head.metadata().get("owner"), Some("ana"));
    assert_eq!(head.storage_class(), Some("IA"));
    let meta = bucket.get_object_meta("a").expect("meta");
    assert_eq!(meta.content_type, "text/plain");
    let too_many: Tags = (0..11).map(|n| (format!("k{n}"), String::new())).collect();
    let violation = rejected(&mut bucket, |b| {
        b.put_symlink(PutSymlink::new("a", "t").tags(too_many))
    });
    assert_eq!(violation.code(), "InvalidTag");
}

// Rule: SYM-3 — GetSymlink selects as GET-1..GET-6: a delete marker head is `NoSuchKey` 404
// with the marker's flag and ID, a marker named is `MethodNotAllowed` 405, an unknown version
// `NoSuchVersion` 404, no entries `NoSuchKey` 404; an object that is not a link `NotSymlink`
// 400.
#[test]
fn get_symlink_selects_as_reads_do() {
    let mut bucket = enabled();
    let object = bucket.put_object("a", "x").expect("put").version_id;
    let violation = rejected(&mut bucket, |b| b.get_symlink(GetSymlink::new("a")));
    assert_eq!(
        (violation.code(), violation.http_status()),
        ("NotSymlink", 400)
    );
    let link_id = link(&mut bucket, "a", "t").expect("an ID");
    let marker = bucket.delete_object("a").expect("delete").version_id;
    assert_eq!(
        rejected(&mut bucket, |b| b.get_symlink(GetSymlink::new("a"))),
        Violation::NoSuchKey {
            delete_marker: true,
            version_id: marker.clone()
        }
    );
    let marker = marker.expect("a marker ID");
    assert_eq!(
        rejected(&mut bucket, |b| b
            .get_symlink(GetSymlink::new("a").version_id(marker.clone()))),
        Violation::MethodNotAllowed { version_id: marker }
    );
    assert_eq!(
        rejected(&mut bucket, |b| b
            .get_symlink(GetSymlink::new("a").version_id("unknown"))),
        Violation::NoSuchVersion {
            version_id: VersionId::new("unknown")
        }
    );
    assert_eq!(
        rejected(&mut bucket, |b| b.get_symlink(GetSymlink::new("none"))),
        Violation::NoSuchKey {
            delete_marker: false,
            version_id: None
        }
    );
    assert_eq!(
        rejected(&mut bucket, |b| b.get_symlink(
            GetSymlink::new("a").version_id(object.clone().expect("an ID"))
        )),
        Violation::NotSymlink
    );
    let read = bucket
        .get_symlink(GetSymlink::new("a").version_id(link_id.clone()))
        .expect("the link by ID");
    assert_eq!(
        (read.version_id, read.target.as_str()),
        (Some(link_id), "t")
    );
}

// Rule: SYM-4 — a read of a link returns its target's current version (content and metadata),
// resolved at read time, with the link's own version ID (RSP-3).
#[test]
fn a_read_follows_the_link_to_the_current_target() {
    let mut bucket = enabled();
    bucket
        .apply(Command::PutObject(
            PutObject::new("t", "first").content_type("text/plain"),
        ))
        .expect("put");
    let link_id = link(&mut bucket, "a", "t");
    let read = bucket.get_object("a").expect("resolves");
    let target = bucket.get_object("t").expect("the target");
    assert_eq!(read.version_id, link_id);
    assert_eq!(
        (
            read.object_type,
            read.size,
            &read.etag,
            read.crc64,
            &read.content_type
        ),
        (
            target.object_type,
            5,
            &target.etag,
            target.crc64,
            &target.content_type
        )
    );
    // A later version of the target is what the same link reads now.
    bucket.put_object("t", "second!").expect("put");
    let head = bucket.head_object(HeadObject::new("a")).expect("resolves");
    assert_eq!((head.size, head.version_id), (7, link_id.clone()));
    // The link named by its ID resolves the same way.
    let by_id = bucket
        .get_object(GetObject::new("a").version_id(link_id.clone().expect("an ID")))
        .expect("resolves");
    assert_eq!(by_id.size, 7);
}

// Rule: SYM-4 — a target with no entries, or whose head is a delete marker, is
// `SymlinkTargetNotExist` 404; a target whose head is a link is `InvalidTargetType` 400.
#[test]
fn unresolvable_targets() {
    let mut bucket = enabled();
    link(&mut bucket, "a", "t");
    let missing = Violation::SymlinkTargetNotExist {
        target: ObjectKey::new("t"),
    };
    assert_eq!(rejected(&mut bucket, |b| b.get_object("a")), missing);
    assert_eq!(missing.http_status(), 404);
    bucket.put_object("t", "x").expect("put");
    bucket.get_object("a").expect("resolves now");
    bucket.delete_object("t").expect("a marker");
    assert_eq!(rejected(&mut bucket, |b| b.head_object("a")), missing);
    link(&mut bucket, "t", "u");
    bucket.put_object("u", "y").expect("put");
    let violation = rejected(&mut bucket, |b| b.get_object("a"));
    assert_eq!(
        (violation.code(), violation.http_status()),
        ("InvalidTargetType", 400)
    );
    // A link to itself is a link to a link.
    link(&mut bucket, "self", "self");
    assert_eq!(
        rejected(&mut bucket, |b| b.get_object("self")).code(),
        "InvalidTargetType"
    );
}

// Rule: SYM-5, CPY-4 — copying a link copies the link: a new Symlink entry with the same
// target, not the target's content; the outcome names the source link's version.
#[test]
fn a_copy_of_a_link_is_a_link() {
    let mut bucket = enabled();
    bucket.put_object("t", "content").expect("put");
    let link_id = link(&mut bucket, "a", "t");
    let copy = bucket.copy_object(CopyObject::new("a", "b")).expect("copy");
    assert_eq!(copy.source_version_id, link_id);
    let chain = bucket.chain("b").expect("a chain");
    let head = chain.iter().next().expect("a head");
    assert_eq!(
        (head.object_type(), head.size(), head.symlink_target()),
        (Some(ObjectType::Symlink), 0, Some(&ObjectKey::new("t")))
    );
    assert_eq!(target_of(&bucket, "b", None).as_str(), "t");
    // Under the REPLACE metadata directive the copy is still a link to the same target.
    let replace = CopyObject::new("a", "c")
        .metadata_directive(bucket_versioning::metadata::Directive::Replace)
        .content_type("text/html");
    bucket.copy_object(replace).expect("copy");
    assert_eq!(target_of(&bucket, "c", None).as_str(), "t");
    checked(&bucket);
}

// Rule: SYM-5 — listings show a link as a version of type Symlink and length 0; ListObjects
// lists it as the key's current object.
#[test]
fn listings_show_links() {
    let mut bucket = enabled();
    bucket.put_object("t", "content").expect("put");
    link(&mut bucket, "a", "t");
    let page = bucket
        .list_object_versions(ListObjectVersions::new())
        .expect("a page");
    let row = page.entries.first().expect("the link");
    assert_eq!(
        (row.key.as_str(), row.object_type, row.size),
        ("a", Some(ObjectType::Symlink), Some(0))
    );
    let current = bucket.list_objects(ListObjects::new()).expect("a page");
    assert_eq!(current.objects.first().map(|object| object.size), Some(0));
}

// Rule: SYM-5 — deleting a link removes or hides only the link: the target is untouched, by a
// simple delete (a marker on the link's key) and by a delete of the link's version.
#[test]
fn deleting_a_link_leaves_the_target() {
    let mut bucket = enabled();
    bucket.put_object("t", "content").expect("put");
    let before = bucket.chain("t").map(|chain| chain.len());
    let link_id = link(&mut bucket, "a", "t").expect("an ID");
    bucket.delete_object("a").expect("a marker");
    assert_eq!(bucket.get_object("t").map(|meta| meta.size), Ok(7));
    bucket
        .delete_object(DeleteObject::new("a").version_id(link_id))
        .expect("removed");
    assert_eq!(bucket.chain("t").map(|chain| chain.len()), before);
    assert_eq!(bucket.get_object("t").map(|meta| meta.size), Ok(7));
    checked(&bucket);
}

// Rule: APP-6 — an append onto a Symlink head is `ObjectNotAppendable` 409 (before APP-5's
// position check: position 0 is wrong for no object here, yet the type error wins).
#[test]
fn a_link_is_not_appendable() {
    let mut bucket = enabled();
    link(&mut bucket, "a", "t");
    for position in [0, 1] {
        assert_eq!(
            rejected(&mut bucket, |b| b.append_object("a", position, "x")),
            Violation::ObjectNotAppendable
        );
    }
    assert_eq!(
        rejected(&mut bucket, |b| b.seal_append_object("a", 0)),
        Violation::ObjectNotAppendable
    );
}

// Rule: INV-11 — the Symlink clause: every link the commands make has length 0 and a valid
// target key, and the check keeps holding through copies, overwrites and deletes.
#[test]
fn links_keep_the_invariant() {
    let mut bucket = enabled();
    link(&mut bucket, "a", "t");
    bucket.copy_object(CopyObject::new("a", "b")).expect("copy");
    bucket.put_object("a", "over").expect("put");
    bucket.delete_object("b").expect("marker");
    checked(&bucket);
    for entry in bucket
        .chains()
        .flat_map(|chain| chain.iter().collect::<Vec<_>>())
    {
        let is_link = entry.object_type() == Some(ObjectType::Symlink);
        assert_eq!(is_link, entry.symlink_target().is_some());
        if is_link {
            assert_eq!(entry.size(), 0);
        }
    }
}

// Rule: GET-7 — GetSymlink, and reads that follow links, change nothing.
#[test]
fn symlink_reads_change_nothing() {
    let mut bucket = enabled();
    bucket.put_object("t", "x").expect("put");
    link(&mut bucket, "a", "t");
    let before = bucket.clone();
    bucket.get_symlink(GetSymlink::new("a")).expect("read");
    bucket.get_object("a").expect("read");
    bucket
        .apply(Command::GetObjectMeta(GetObjectMeta::new("a")))
        .expect("read");
    assert_eq!(bucket, before);
    match bucket.apply(Command::GetSymlink(GetSymlink::new("a"))) {
        Ok(Outcome::GetSymlink(read)) => assert_eq!(read.target.as_str(), "t"),
        other => panic!("{other:?}"),
    }
}

/// Serializes `bucket`, lets `change` edit the snapshot, and restores it.
fn restored(
    bucket: &Bucket,
    change: impl FnOnce(&mut serde_json::Value),
) -> Result<Bucket, String> {
    let mut value = serde_json::to_value(bucket).expect("a bucket serializes");
    change(&mut value);
    serde_json::from_value::<Bucket>(value).map_err(|error| error.to_string())
}

/// The snapshot entry of `key`'s head.
fn head_entry<'a>(value: &'a mut serde_json::Value, key: &str) -> &'a mut serde_json::Value {
    let chain = value["chains"]
        .as_array_mut()
        .and_then(|chains| chains.iter_mut().find(|chain| chain["key"] == key))
        .expect("the key's chain");
    &mut chain["entries"][0]
}

// Rule: SYM-2, INV-11 — a snapshot keeps links (type, target, the reads that follow them), and
// refuses one whose link lost its target, has content, or whose object gained a target.
#[test]
fn snapshots_keep_links() {
    let mut bucket = enabled();
    bucket.put_object("t", "content").expect("put");
    link(&mut bucket, "a", "t");
    let copy = restored(&bucket, |_| {}).expect("restores");
    assert_eq!(copy, bucket);
    assert_eq!(target_of(&copy, "a", None).as_str(), "t");
    assert_eq!(copy.get_object("a"), bucket.get_object("a"));

    let lost = restored(&bucket, |value| {
        head_entry(value, "a")["attributes"]
            .as_object_mut()
            .expect("attributes")
            .remove("target");
    });
    assert!(lost.expect_err("refused").contains("INV-11"));
    let bad = restored(&bucket, |value| {
        head_entry(value, "a")["attributes"]["target"] = serde_json::json!("/lead");
    });
    assert!(bad.expect_err("refused").contains("INV-11"));
    let stray = restored(&bucket, |value| {
        head_entry(value, "t")["attributes"] = serde_json::json!({"target": "a"});
    });
    assert!(stray.expect_err("refused").contains("INV-11"));
}
