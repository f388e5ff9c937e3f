//! ListObjectVersions and ListObjects (LST-1..LST-8), rule by rule.

use crate::support::listing::{
    bucket, delete, delete_as, expect, ok, put, put_as, rows, versioned,
};
use crate::support::rejected;
use bucket_versioning::request::{DeleteObject, GetObject, ListObjectVersions, ListObjects};
use bucket_versioning::{
    Bucket, Dialect, ObjectType, VersionId, Violation,
    outcome::{ListObjectVersionsOutcome, ListObjectsOutcome},
    violation::ArgumentError,
};

/// One page of the version listing with only a page size.
#[track_caller]
fn versions(bucket: &Bucket, max_keys: Option<u64>) -> ListObjectVersionsOutcome {
    ok(bucket.list_object_versions(ListObjectVersions {
        max_keys,
        ..ListObjectVersions::new()
    }))
}

/// One page of the current view with only a page size.
#[track_caller]
fn objects(bucket: &Bucket, max_keys: Option<u64>) -> ListObjectsOutcome {
    ok(bucket.list_objects(ListObjects {
        max_keys,
        ..ListObjects::new()
    }))
}

fn keys_of(page: &ListObjectsOutcome) -> Vec<String> {
    page.objects
        .iter()
        .map(|object| object.key.to_string())
        .collect()
}

// Rule: LST-1 — keys ascending, each key's entries newest first, versions and delete markers
// interleaved in that one order; `is_latest` exactly on heads, a head marker included.
#[test]
fn versions_list_keys_ascending_and_each_chain_newest_first() {
    for dialect in [Dialect::Oss, Dialect::S3] {
        let mut bucket = versioned(dialect, "Enabled");
        let b1 = put(&mut bucket, "b", "b1");
        let b_marker = delete(&mut bucket, "b").expect("a marker");
        let b2 = put(&mut bucket, "b", "b2");
        let a1 = put(&mut bucket, "a", "a1");
        let c_marker = delete(&mut bucket, "c").expect("a marker");
        let page = versions(&bucket, None);
        assert_eq!(
            rows(&page.entries),
            vec![
                expect("a", &a1, true, false),
                expect("b", &b2, true, false),
                expect("b", &b_marker, false, true),
                expect("b", &b1, false, false),
                expect("c", &c_marker, true, true),
            ]
        );
        assert!(!page.is_truncated);
        assert_eq!(page.next_key_marker, None);
        assert_eq!(page.next_version_id_marker, None);
        assert!(page.common_prefixes.is_empty());
    }
}

// Rule: LST-1 — versions carry type, size and ETag as GetObject reports them; delete
// markers carry none of them.
#[test]
fn versions_carry_type_size_and_etag_markers_do_not() {
    let mut bucket = versioned(Dialect::Oss, "Enabled");
    let id = put(&mut bucket, "k", "hello");
    delete(&mut bucket, "k");
    let read = ok(bucket.get_object(GetObject::new("k").version_id(id.clone())));
    let page = versions(&bucket, None);
    let [marker, version] = page.entries.as_slice() else {
        panic!("two entries expected, got {:?}", page.entries);
    };
    assert_eq!(version.version_id, id);
    assert_eq!(version.object_type, Some(ObjectType::Normal));
    assert_eq!(version.size, Some(5));
    assert_eq!(version.etag.as_ref(), Some(&read.etag));
    assert_eq!(version.last_modified, read.last_modified);
    assert!(marker.delete_marker);
    assert_eq!(
        (marker.object_type, marker.size, marker.etag.as_ref()),
        (None, None, None)
    );
}

// Rule: LST-1 — keys list in the byte order of their UTF-8 encoding (KEY-3), and the order
// within a chain is creation order, never the spelling of the IDs (ID-4).
#[test]
fn versions_follow_byte_order_of_keys_and_creation_order_of_ids() {
    let mut bucket = versioned(Dialect::S3, "Enabled");
    for key in ["\u{10FFFF}", "é", "a", "Z", "ab", "a/"] {
        put(&mut bucket, key, "x");
    }
    // IDs chosen to sort against creation order.
    put_as(&mut bucket, "ids", "1", "zzz");
    put_as(&mut bucket, "ids", "2", "mmm");
    put_as(&mut bucket, "ids", "3", "aaa");
    let page = versions(&bucket, None);
    let keys: Vec<&str> = page
        .entries
        .iter()
        .map(|entry| entry.key.as_str())
        .collect();
    assert_eq!(
        keys,
        ["Z", "a", "a/", "ab", "ids", "ids", "ids", "é", "\u{10FFFF}"]
    );
    let ids: Vec<String> = page
        .entries
        .iter()
        .filter(|entry| entry.key.as_str() == "ids")
        .map(|entry| entry.version_id.to_string())
        .collect();
    assert_eq!(ids, ["aaa", "mmm", "zzz"]);
}

// Rule: LST-1 — only the keys that start with the prefix are listed, by bytes.
#[test]
fn versions_prefix_selects_keys_starting_with_it() {
    let mut bucket = versioned(Dialect::Oss, "Enabled");
    for key in ["a", "a/x", "ab", "b", "A"] {
        put(&mut bucket, key, "x");
    }
    delete(&mut bucket, "a/y");
    let page = ok(bucket.list_object_versions(ListObjectVersions::new().prefix("a")));
    let keys: Vec<&str> = page
        .entries
        .iter()
        .map(|entry| entry.key.as_str())
        .collect();
    assert_eq!(keys, ["a", "a/x", "a/y", "ab"]);
    let none = ok(bucket.list_object_versions(ListObjectVersions::new().prefix("c")));
    assert!(none.entries.is_empty() && !none.is_truncated);
}

// Rule: LST-1 — `is_latest` is a property of the entry: a page that starts in the middle of a
// chain does not mark its first entry latest, and the head on an earlier page stays latest.
#[test]
fn is_latest_does_not_depend_on_the_page() {
    let mut bucket = versioned(Dialect::Oss, "Enabled");
    let v1 = put(&mut bucket, "k", "1");
    let v2 = put(&mut bucket, "k", "2");
    let v3 = put(&mut bucket, "k", "3");
    let first = versions(&bucket, Some(1));
    assert_eq!(rows(&first.entries), vec![expect("k", &v3, true, false)]);
    let second = ok(bucket.list_object_versions(ListObjectVersions {
        key_marker: first.next_key_marker.as_deref().map(Into::into),
        version_id_marker: first.next_version_id_marker.clone(),
        ..ListObjectVersions::new().max_keys(1)
    }));
    assert_eq!(rows(&second.entries), vec![expect("k", &v2, false, false)]);
    let third = ok(bucket.list_object_versions(
        ListObjectVersions::new()
            .key_marker("k")
            .version_id_marker(v2)
            .max_keys(5),
    ));
    assert_eq!(rows(&third.entries), vec![expect("k", &v1, false, false)]);
}

// Rule: LST-2 — oss: default 100, 1..=1000 allowed, 0 and 1001 are InvalidArgument 400.
#[test]
fn oss_max_keys_defaults_to_100_and_rejects_out_of_range() {
    let mut bucket = bucket(Dialect::Oss);
    for index in 0..150 {
        put(&mut bucket, &format!("key{index:03}"), "x");
    }
    let page = versions(&bucket, None);
    assert_eq!(page.entries.len(), 100);
    assert!(page.is_truncated);
    assert_eq!(objects(&bucket, None).objects.len(), 100);
    assert_eq!(versions(&bucket, Some(1000)).entries.len(), 150);
    assert_eq!(versions(&bucket, Some(1)).entries.len(), 1);
    for value in [0, 1001, u64::MAX] {
        let expected = Violation::InvalidArgument(ArgumentError::LimitOutOfRange {
            name: "max-keys",
            value,
        });
        let error = rejected(&mut bucket, |bucket| {
            bucket.list_object_versions(ListObjectVersions::new().max_keys(value))
        });
        assert_eq!(error, expected);
        assert_eq!(
            (error.code(), error.http_status()),
            ("InvalidArgument", 400)
        );
        let error = rejected(&mut bucket, |bucket| {
            bucket.list_objects(ListObjects::new().max_keys(value))
        });
        assert_eq!(error, expected);
    }
}

// Rule: LST-2 — s3: default 1000, more capped to 1000, 0 gives an empty page that is not
// truncated.
#[test]
fn s3_max_keys_defaults_to_1000_and_caps() {
    let mut bucket = bucket(Dialect::S3);
    for index in 0..1001 {
        put(&mut bucket, &format!("key{index:04}"), "x");
    }
    for requested in [None, Some(1000), Some(1001), Some(u64::MAX)] {
        let page = versions(&bucket, requested);
        assert_eq!(page.entries.len(), 1000);
        assert!(page.is_truncated);
        assert_eq!(page.next_key_marker.as_deref(), Some("key0999"));
        let page = objects(&bucket, requested);
        assert_eq!(page.objects.len(), 1000);
        assert_eq!(page.next_marker.as_deref(), Some("key0999"));
    }
    let empty = versions(&bucket, Some(0));
    assert!(empty.entries.is_empty() && empty.common_prefixes.is_empty());
    assert!(!empty.is_truncated);
    assert_eq!(
        (empty.next_key_marker, empty.next_version_id_marker),
        (None, None)
    );
    let empty = objects(&bucket, Some(0));
    assert!(empty.objects.is_empty() && !empty.is_truncated && empty.next_marker.is_none());
}

// Rule: LST-2 — versions, delete markers and common prefixes each count as one row.
#[test]
fn versions_markers_and_common_prefixes_each_count_once() {
    let mut bucket = versioned(Dialect::Oss, "Enabled");
    let version = put(&mut bucket, "a", "x");
    let marker = delete(&mut bucket, "a").expect("a marker");
    for index in 0..5 {
        put(&mut bucket, &format!("b/{index}"), "x");
    }
    put(&mut bucket, "c", "x");
    let page =
        ok(bucket.list_object_versions(ListObjectVersions::new().delimiter("/").max_keys(3)));
    assert_eq!(
        rows(&page.entries),
        vec![
            expect("a", &marker, true, true),
            expect("a", &version, false, false)
        ]
    );
    assert_eq!(page.common_prefixes, ["b/"]);
    assert!(page.is_truncated);
}

// Rule: LST-3 — `key_marker` alone starts at the first key strictly greater: every version
// of the marker key is skipped, and a marker that is no key starts at the next key.
#[test]
fn key_marker_alone_is_exclusive() {
    let mut bucket = versioned(Dialect::Oss, "Enabled");
    put(&mut bucket, "a", "1");
    put(&mut bucket, "b", "1");
    put(&mut bucket, "b", "2");
    let c = put(&mut bucket, "c", "1");
    let after_b = ok(bucket.list_object_versions(ListObjectVersions::new().key_marker("b")));
    assert_eq!(rows(&after_b.entries), vec![expect("c", &c, true, false)]);
    let after_b0 = ok(bucket.list_object_versions(ListObjectVersions::new().key_marker("b0")));
    assert_eq!(rows(&after_b0.entries), vec![expect("c", &c, true, false)]);
    let after_all = ok(bucket.list_object_versions(ListObjectVersions::new().key_marker("c")));
    assert!(after_all.entries.is_empty() && !after_all.is_truncated);
    let objects = ok(bucket.list_objects(ListObjects::new().marker("a")));
    assert_eq!(keys_of(&objects), ["b", "c"]);
}

// Rule: LST-3 — with `version_id_marker` the listing resumes with the marker key's entries
// older than the named one, then later keys: the OSS documentation's worked example.
#[test]
fn version_id_marker_resumes_after_the_named_version() {
    let mut bucket = versioned(Dialect::Oss, "Enabled");
    put_as(&mut bucket, "example", "oldest", "222333");
    delete_as(&mut bucket, "example", "000123");
    put_as(&mut bucket, "example", "newest", "111222");
    put_as(&mut bucket, "pic.jpg", "picture", "232323");
    let page = ok(bucket.list_object_versions(
        ListObjectVersions::new()
            .key_marker("example")
            .version_id_marker(VersionId::from("111222")),
    ));
    assert_eq!(
        rows(&page.entries),
        vec![
            expect("example", &VersionId::from("000123"), false, true),
            expect("example", &VersionId::from("222333"), false, false),
            expect("pic.jpg", &VersionId::from("232323"), true, false),
        ]
    );
    // Resuming after the oldest entry of a key goes on with the next key.
    let page = ok(bucket.list_object_versions(
        ListObjectVersions::new()
            .key_marker("example")
            .version_id_marker(VersionId::from("222333")),
    ));
    assert_eq!(
        rows(&page.entries),
        vec![expect("pic.jpg", &VersionId::from("232323"), true, false)]
    );
}

// Rule: LST-3 — `null` as a version marker names the key's null entry.
#[test]
fn null_version_id_marker_names_the_null_entry() {
    let mut bucket = bucket(Dialect::S3);
    put(&mut bucket, "k", "unversioned");
    ok(bucket.put_bucket_versioning("Enabled"));
    let newer = put(&mut bucket, "k", "versioned");
    let first = versions(&bucket, Some(1));
    assert_eq!(rows(&first.entries), vec![expect("k", &newer, true, false)]);
    let page = ok(bucket.list_object_versions(
        ListObjectVersions::new()
            .key_marker("k")
            .version_id_marker(VersionId::NULL),
    ));
    assert!(page.entries.is_empty());
    let page = ok(bucket.list_object_versions(
        ListObjectVersions::new()
            .key_marker("k")
            .version_id_marker(newer),
    ));
    assert_eq!(
        rows(&page.entries),
        vec![expect("k", &VersionId::NULL, false, false)]
    );
}

// Rule: LST-4 — a `version_id_marker` without `key_marker` (or with an empty one) is
// InvalidArgument 400; so is a malformed one (ID-6).
#[test]
fn version_id_marker_needs_a_key_marker() {
    for dialect in [Dialect::Oss, Dialect::S3] {
        let mut bucket = versioned(dialect, "Enabled");
        let id = put(&mut bucket, "k", "x");
        for key_marker in [None, Some("")] {
            let error = rejected(&mut bucket, |bucket| {
                bucket.list_object_versions(ListObjectVersions {
                    key_marker: key_marker.map(Into::into),
                    ..ListObjectVersions::new().version_id_marker(id.clone())
                })
            });
            assert_eq!(
                error,
                Violation::InvalidArgument(ArgumentError::VersionIdMarkerWithoutKeyMarker)
            );
            assert_eq!(
                (error.code(), error.http_status()),
                ("InvalidArgument", 400)
            );
        }
        let error = rejected(&mut bucket, |bucket| {
            bucket.list_object_versions(
                ListObjectVersions::new()
                    .key_marker("k")
                    .version_id_marker(VersionId::from("")),
            )
        });
        assert_eq!(
            error,
            Violation::InvalidArgument(ArgumentError::EmptyVersionId)
        );
        let long = VersionId::from("v".repeat(1025));
        let error = rejected(&mut bucket, |bucket| {
            bucket.list_object_versions(
                ListObjectVersions::new()
                    .key_marker("k")
                    .version_id_marker(long),
            )
        });
        assert_eq!(
            error,
            Violation::InvalidArgument(ArgumentError::VersionIdTooLong { size: 1025 })
        );
    }
}

// Rule: LST-4 — MODEL: a version marker that names no entry of the key marker (unknown, of
// another key, removed, or `null` with no null entry) starts the listing after that key.
#[test]
fn version_id_marker_naming_nothing_starts_after_the_key() {
    let mut bucket = versioned(Dialect::Oss, "Enabled");
    put(&mut bucket, "a", "1");
    put(&mut bucket, "a", "2");
    let removed = put(&mut bucket, "a", "3");
    ok(bucket.delete_object(DeleteObject::new("a").version_id(removed.clone())));
    let other = put(&mut bucket, "b", "1");
    let c = put(&mut bucket, "c", "1");
    for marker in [VersionId::from("unknown"), other, removed, VersionId::NULL] {
        let page = ok(bucket.list_object_versions(
            ListObjectVersions::new()
                .key_marker("a")
                .version_id_marker(marker),
        ));
        let keys: Vec<&str> = page
            .entries
            .iter()
            .map(|entry| entry.key.as_str())
            .collect();
        assert_eq!(keys, ["b", "c"]);
    }
    let page = ok(bucket.list_object_versions(
        ListObjectVersions::new()
            .key_marker("b")
            .version_id_marker(VersionId::from("x")),
    ));
    assert_eq!(rows(&page.entries), vec![expect("c", &c, true, false)]);
}

// Rule: LST-5 — a truncated page names its last entry in the next markers; passing them back
// continues exactly after it, and walking all pages returns each entry once, for every page
// size.
#[test]
fn next_markers_name_the_last_entry_and_resume_after_it() {
    let mut bucket = bucket(Dialect::Oss);
    put(&mut bucket, "u", "unversioned");
    ok(bucket.put_bucket_versioning("Enabled"));
    for key in ["a", "b", "u"] {
        put(&mut bucket, key, "1");
        delete(&mut bucket, key);
        put(&mut bucket, key, "2");
    }
    ok(bucket.put_bucket_versioning("Suspended"));
    delete(&mut bucket, "b");
    let all = versions(&bucket, Some(1000)).entries;
    assert_eq!(all.len(), bucket.len());
    for max_keys in 1..=all.len() as u64 + 1 {
        let mut walked = Vec::new();
        let (mut key_marker, mut version_marker) = (None::<String>, None::<VersionId>);
        let mut finished = false;
        for _ in 0..=all.len() {
            let page = ok(bucket.list_object_versions(ListObjectVersions {
                key_marker: key_marker.as_deref().map(Into::into),
                version_id_marker: version_marker.clone(),
                ..ListObjectVersions::new().max_keys(max_keys)
            }));
            assert!(page.entries.len() as u64 <= max_keys);
            walked.extend(page.entries.iter().cloned());
            if !page.is_truncated {
                assert_eq!(
                    (page.next_key_marker, page.next_version_id_marker),
                    (None, None)
                );
                finished = true;
                break;
            }
            let last = page
                .entries
                .last()
                .expect("a truncated page returns something");
            assert_eq!(page.next_key_marker.as_deref(), Some(last.key.as_str()));
            assert_eq!(page.next_version_id_marker.as_ref(), Some(&last.version_id));
            key_marker = page.next_key_marker;
            version_marker = page.next_version_id_marker;
        }
        assert!(finished, "paging did not end with max_keys {max_keys}");
        assert_eq!(walked, all, "max_keys {max_keys}");
    }
}

// Rule: LST-5 — a page that ends on a common prefix names the prefix and no version marker;
// passing them back skips every key under the prefix.
#[test]
fn next_markers_of_a_common_prefix() {
    let mut bucket = versioned(Dialect::Oss, "Enabled");
    put(&mut bucket, "a", "x");
    for key in ["d/1", "d/2", "d/3/x"] {
        put(&mut bucket, key, "1");
        put(&mut bucket, key, "2");
    }
    let z = put(&mut bucket, "z", "x");
    let first =
        ok(bucket.list_object_versions(ListObjectVersions::new().delimiter("/").max_keys(2)));
    assert_eq!(first.common_prefixes, ["d/"]);
    assert!(first.is_truncated);
    assert_eq!(first.next_key_marker.as_deref(), Some("d/"));
    assert_eq!(first.next_version_id_marker, None);
    let second = ok(bucket.list_object_versions(ListObjectVersions {
        key_marker: first.next_key_marker.as_deref().map(Into::into),
        version_id_marker: first.next_version_id_marker,
        ..ListObjectVersions::new().delimiter("/").max_keys(2)
    }));
    assert_eq!(rows(&second.entries), vec![expect("z", &z, true, false)]);
    assert!(second.common_prefixes.is_empty() && !second.is_truncated);
}

// Rule: LST-6 — a key whose remainder after the prefix contains the delimiter is rolled into
// the common prefix ending at its first delimiter; each prefix is listed once.
#[test]
fn delimiter_rolls_keys_into_common_prefixes() {
    let mut bucket = versioned(Dialect::Oss, "Enabled");
    for key in ["a/1", "a/2/x", "a/2/y", "a/3", "b", "c/d/e", "c/"] {
        put(&mut bucket, key, "1");
        put(&mut bucket, key, "2");
    }
    let top = ok(bucket.list_object_versions(ListObjectVersions::new().delimiter("/")));
    assert_eq!(top.common_prefixes, ["a/", "c/"]);
    let keys: Vec<&str> = top.entries.iter().map(|entry| entry.key.as_str()).collect();
    assert_eq!(keys, ["b", "b"]);
    let inner =
        ok(bucket.list_object_versions(ListObjectVersions::new().prefix("a/").delimiter("/")));
    assert_eq!(inner.common_prefixes, ["a/2/"]);
    let keys: Vec<&str> = inner
        .entries
        .iter()
        .map(|entry| entry.key.as_str())
        .collect();
    assert_eq!(keys, ["a/1", "a/1", "a/3", "a/3"]);
    // A delimiter of several characters, and one that is not `/`.
    let multi = ok(bucket.list_object_versions(ListObjectVersions::new().delimiter("/2/")));
    assert_eq!(multi.common_prefixes, ["a/2/"]);
    assert_eq!(multi.entries.len(), 10);
    let current = ok(bucket.list_objects(ListObjects::new().delimiter("/")));
    assert_eq!(current.common_prefixes, ["a/", "c/"]);
    assert_eq!(keys_of(&current), ["b"]);
}

// Rule: LST-6 — common prefixes take their place in key order and count once; a page of one
// row alternates keys and prefixes.
#[test]
fn common_prefixes_are_listed_in_key_order_with_the_keys() {
    let mut bucket = bucket(Dialect::S3);
    for key in ["a", "b/1", "b/2", "c", "d/1"] {
        put(&mut bucket, key, "x");
    }
    let mut pages = Vec::new();
    let mut marker: Option<String> = None;
    for _ in 0..10 {
        let page = ok(bucket.list_objects(ListObjects {
            marker: marker.as_deref().map(Into::into),
            ..ListObjects::new().delimiter("/").max_keys(1)
        }));
        pages.push((keys_of(&page), page.common_prefixes.clone()));
        if !page.is_truncated {
            break;
        }
        marker = page.next_marker;
    }
    let expected: Vec<(Vec<String>, Vec<String>)> = vec![
        (vec!["a".into()], vec![]),
        (vec![], vec!["b/".into()]),
        (vec!["c".into()], vec![]),
        (vec![], vec!["d/".into()]),
    ];
    assert_eq!(pages, expected);
}

// Rule: LST-6 — a key marker equal to a common prefix skips every key under it, the key that
// equals the prefix included.
#[test]
fn marker_equal_to_a_common_prefix_skips_its_keys() {
    let mut bucket = versioned(Dialect::Oss, "Enabled");
    for key in ["a", "b/", "b/1", "b/2/3", "b0", "c/x"] {
        put(&mut bucket, key, "x");
    }
    let page =
        ok(bucket.list_object_versions(ListObjectVersions::new().delimiter("/").key_marker("b/")));
    let keys: Vec<&str> = page
        .entries
        .iter()
        .map(|entry| entry.key.as_str())
        .collect();
    assert_eq!(keys, ["b0"]);
    assert_eq!(page.common_prefixes, ["c/"]);
    let current = ok(bucket.list_objects(ListObjects::new().delimiter("/").marker("b/")));
    assert_eq!(keys_of(&current), ["b0"]);
    assert_eq!(current.common_prefixes, ["c/"]);
    // Without a delimiter the same marker is just a key: later keys under it are listed.
    let flat = ok(bucket.list_objects(ListObjects::new().marker("b/")));
    assert_eq!(keys_of(&flat), ["b/1", "b/2/3", "b0", "c/x"]);
}

// Rule: LST-6 — resuming within a key that rolls into a common prefix: the prefix is listed
// only if something under it is left after the marker (LST-3).
#[test]
fn version_marker_within_a_common_prefix() {
    let mut bucket = versioned(Dialect::Oss, "Enabled");
    let older = put(&mut bucket, "d/1", "1");
    let newer = put(&mut bucket, "d/1", "2");
    let z = put(&mut bucket, "z", "x");
    let rest = ok(bucket.list_object_versions(
        ListObjectVersions::new()
            .delimiter("/")
            .key_marker("d/1")
            .version_id_marker(newer),
    ));
    assert_eq!(rest.common_prefixes, ["d/"]);
    assert!(rest.entries.iter().all(|entry| entry.key.as_str() == "z"));
    let rest = ok(bucket.list_object_versions(
        ListObjectVersions::new()
            .delimiter("/")
            .key_marker("d/1")
            .version_id_marker(older),
    ));
    assert!(rest.common_prefixes.is_empty());
    assert_eq!(rows(&rest.entries), vec![expect("z", &z, true, false)]);
}

// Rule: LST-6 — prefixes at the top of the code-point range have successors (or none) without
// panicking, and the keys under them are skipped exactly.
#[test]
fn common_prefixes_at_the_end_of_the_code_point_range() {
    let mut bucket = bucket(Dialect::S3);
    let max = '\u{10FFFF}';
    let keys = [
        format!("{max}"),
        format!("{max}/a"),
        format!("{max}/{max}"),
        format!("{max}{max}/b"),
        "\u{D7FF}/x".to_string(),
        "\u{E000}".to_string(),
    ];
    for key in &keys {
        put(&mut bucket, key, "x");
    }
    let page = ok(bucket.list_objects(ListObjects::new().delimiter("/").max_keys(1000)));
    assert_eq!(
        page.common_prefixes,
        [
            "\u{D7FF}/".to_string(),
            format!("{max}/"),
            format!("{max}{max}/")
        ]
    );
    assert_eq!(keys_of(&page), ["\u{E000}".to_string(), format!("{max}")]);
    let delimiter = max.to_string();
    let page = ok(bucket.list_objects(ListObjects::new().delimiter(&delimiter).max_keys(1000)));
    assert_eq!(page.common_prefixes, [format!("{max}")]);
    let after = ok(bucket.list_objects(
        ListObjects::new()
            .delimiter(&delimiter)
            .marker(&delimiter)
            .max_keys(1000),
    ));
    assert!(after.objects.is_empty() && after.common_prefixes.is_empty());
    let under =
        ok(bucket
            .list_object_versions(ListObjectVersions::new().prefix(&delimiter).delimiter("/")));
    assert_eq!(
        under.common_prefixes,
        [format!("{max}/"), format!("{max}{max}/")]
    );
}

// Rule: LST-7 — ListObjects lists the keys whose head is an object version, with that head;
// a key whose head is a delete marker is left out, and comes back when the marker goes.
#[test]
fn list_objects_is_the_current_view() {
    for dialect in [Dialect::Oss, Dialect::S3] {
        let mut bucket = versioned(dialect, "Enabled");
        put(&mut bucket, "a", "old");
        let a = put(&mut bucket, "a", "new");
        put(&mut bucket, "b", "x");
        let marker = delete(&mut bucket, "b").expect("a marker");
        delete(&mut bucket, "c");
        put(&mut bucket, "d", "x");
        let page = objects(&bucket, None);
        assert_eq!(keys_of(&page), ["a", "d"]);
        let read = ok(bucket.head_object("a"));
        let listed = &page.objects[0];
        assert_eq!(listed.version_id, a);
        assert_eq!(listed.size, 3);
        assert_eq!(listed.etag, read.etag);
        ok(bucket.delete_object(DeleteObject::new("b").version_id(marker)));
        assert_eq!(keys_of(&objects(&bucket, None)), ["a", "b", "d"]);
    }
}

// Rule: LST-7 — the current view pages like the version listing: prefix, delimiter (only
// visible keys form common prefixes), marker and `next_marker`, past any number of hidden
// keys.
#[test]
fn list_objects_pages_past_hidden_keys() {
    let mut bucket = versioned(Dialect::S3, "Enabled");
    put(&mut bucket, "a", "x");
    for index in 0..50 {
        let key = format!("h{index:02}");
        put(&mut bucket, &key, "x");
        delete(&mut bucket, &key);
    }
    put(&mut bucket, "hidden/x", "x");
    delete(&mut bucket, "hidden/x");
    put(&mut bucket, "z", "x");
    let first = objects(&bucket, Some(1));
    assert_eq!(keys_of(&first), ["a"]);
    assert!(first.is_truncated);
    assert_eq!(first.next_marker.as_deref(), Some("a"));
    let second = ok(bucket.list_objects(ListObjects {
        marker: first.next_marker.as_deref().map(Into::into),
        ..ListObjects::new().delimiter("/").max_keys(1)
    }));
    assert_eq!(keys_of(&second), ["z"]);
    assert!(second.common_prefixes.is_empty());
    assert!(!second.is_truncated);
    let prefixed = ok(bucket.list_objects(ListObjects::new().prefix("h").delimiter("/")));
    assert!(prefixed.objects.is_empty() && prefixed.common_prefixes.is_empty());
}

// Rule: LST-8 — in an Unversioned bucket every entry lists with ID `null` and is latest, in
// both listings.
#[test]
fn unversioned_entries_are_null_and_latest() {
    for dialect in [Dialect::Oss, Dialect::S3] {
        let mut bucket = bucket(dialect);
        for key in ["a", "b", "c"] {
            put(&mut bucket, key, "1");
            put(&mut bucket, key, "2");
        }
        let page = versions(&bucket, None);
        assert_eq!(
            rows(&page.entries),
            ["a", "b", "c"]
                .iter()
                .map(|key| expect(key, &VersionId::NULL, true, false))
                .collect::<Vec<_>>()
        );
        let current = objects(&bucket, None);
        assert!(
            current
                .objects
                .iter()
                .all(|object| object.version_id == VersionId::NULL)
        );
        assert_eq!(current.objects.len(), 3);
    }
}

// Rule: GET-7 — listing never changes the bucket.
#[test]
fn listing_changes_nothing() {
    let mut bucket = versioned(Dialect::Oss, "Enabled");
    put(&mut bucket, "a/b", "x");
    delete(&mut bucket, "c");
    let before = bucket.clone();
    versions(&bucket, Some(1));
    ok(bucket.list_object_versions(
        ListObjectVersions::new()
            .prefix("a")
            .delimiter("/")
            .key_marker("a"),
    ));
    objects(&bucket, Some(1));
    assert_eq!(bucket, before);
}
